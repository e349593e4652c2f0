//! `cargo xtask codegen`: model/ -> generated/, or any model -> any folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Options {
    check: bool,
    model: Option<PathBuf>,
    out: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        check: false,
        model: None,
        out: None,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--model" => options.model = Some(iter.next().ok_or("--model needs a file")?.into()),
            "--out" => options.out = Some(iter.next().ok_or("--out needs a directory")?.into()),
            other => {
                return Err(format!(
                    "unknown argument `{other}` (see `cargo xtask --help`)"
                ))
            }
        }
    }
    if options.model.is_some() != options.out.is_some() {
        return Err("--model and --out go together".into());
    }
    Ok(options)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let start = Instant::now();
    let root = crate::workspace_root();
    let jobs: Vec<(PathBuf, PathBuf)> = match (&options.model, &options.out) {
        (Some(model), Some(out)) => vec![(model.clone(), out.clone())],
        _ => models(&root.join("model"))?
            .into_iter()
            .map(|m| (m, root.join("generated")))
            .collect(),
    };
    let (mut shapes, mut operations, mut written) = (0, 0, 0);
    let mut stale = Vec::new();
    for (model, out) in &jobs {
        let text =
            std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
        let crates = codegen::generate(&text).map_err(|e| format!("{}: {e}", model.display()))?;
        for krate in crates {
            shapes += krate.shapes;
            operations += krate.operations;
            let dir = out.join(&krate.name);
            if options.check {
                stale.extend(compare(&dir, &krate.files));
            } else {
                written += write(&dir, &krate.files)?;
            }
        }
    }
    let elapsed = start.elapsed();
    if options.check {
        if !stale.is_empty() {
            return Err(format!(
                "generated code is stale; run `cargo xtask codegen`:\n  {}",
                stale.join("\n  ")
            ));
        }
        println!(
            "codegen --check: up to date ({shapes} shapes, {operations} operations, {:.0?})",
            elapsed
        );
    } else {
        println!("codegen: {shapes} shapes, {operations} operations, {written} files written in {elapsed:.0?}");
    }
    Ok(())
}

fn models(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(format!("no *.json models in {}", dir.display()));
    }
    Ok(found)
}

/// Writes changed files only and removes files the generator no longer makes.
fn write(dir: &Path, files: &codegen::Files) -> Result<usize, String> {
    let mut written = 0;
    for (rel, contents) in &files.0 {
        let path = dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        written += 1;
    }
    for extra in existing(dir).difference(&files.0.keys().cloned().collect()) {
        let path = dir.join(extra);
        std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(written)
}

/// Paths that differ between the generator's output and the folder.
fn compare(dir: &Path, files: &codegen::Files) -> Vec<String> {
    let mut stale = Vec::new();
    for (rel, contents) in &files.0 {
        let path = dir.join(rel);
        match std::fs::read_to_string(&path) {
            Ok(on_disk) if &on_disk == contents => {}
            Ok(_) => stale.push(format!("{} (differs)", path.display())),
            Err(_) => stale.push(format!("{} (missing)", path.display())),
        }
    }
    for extra in existing(dir).difference(&files.0.keys().cloned().collect()) {
        stale.push(format!(
            "{} (no longer generated)",
            dir.join(extra).display()
        ));
    }
    stale
}

/// Files under `dir` that the generator owns: `Cargo.toml` and `src/`.
fn existing(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if dir.join("Cargo.toml").is_file() {
        out.insert("Cargo.toml".to_owned());
    }
    walk(dir, &dir.join("src"), &mut out);
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}
