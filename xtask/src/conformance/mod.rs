//! `cargo xtask conformance [MODEL.json] [--update] [--filter TEXT]`: the
//! Smithy HTTP protocol compliance tests of a model, run against the crates
//! generated from it.
//!
//! Each service becomes a crate under `target/conformance/` (a throwaway
//! workspace with its own lock file copied from the repository), with a
//! generated `src/conformance/` test module added. The tests are built,
//! run, and counted per kind and side; `conformance/expected-failures.txt`
//! lists the failures we know about, and any difference from it fails the
//! command.

mod cases;
mod expect;
mod render;
mod runner;
mod values;

use cases::{Case, Kind};
use runner::Outcome;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SUPPORT: &str = include_str!("crate_support.rs");
const DEFAULT_MODEL: &str = "../shared/protocol-tests/restjson1.json";
const EXPECTED_FILE: &str = "conformance/expected-failures.txt";

struct Options {
    model: PathBuf,
    update: bool,
    filter: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut model = None;
    let mut update = false;
    let mut filter = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--update" => update = true,
            "--filter" => filter = Some(iter.next().ok_or("--filter needs a text")?.clone()),
            flag if flag.starts_with("--") => {
                return Err(format!(
                    "unknown argument `{flag}` (see `cargo xtask --help`)"
                ))
            }
            path if model.is_none() => model = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    let model = model.unwrap_or_else(|| crate::workspace_root().join(DEFAULT_MODEL));
    let model = std::fs::canonicalize(&model).unwrap_or(model);
    if update && filter.is_some() {
        return Err("--update needs a full run; drop --filter".into());
    }
    Ok(Options {
        model,
        update,
        filter,
    })
}

/// One generated crate with its cases.
struct Suite {
    krate: String,
    cases: Vec<Case>,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let start = Instant::now();
    let root = crate::workspace_root();
    let text = std::fs::read_to_string(&options.model).map_err(|e| {
        format!(
            "cannot read the model {}: {e}\n(the protocol tests live in ../shared/protocol-tests/; pass another model as `cargo xtask conformance MODEL.json`)",
            options.model.display()
        )
    })?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", options.model.display()))?;
    let model = codegen::model::Model::from_json(&text)
        .map_err(|e| format!("{}: {}: {}", options.model.display(), e.shape, e.message))?;
    let services =
        codegen::ir::build(&model).map_err(|e| format!("{}: {e}", options.model.display()))?;
    let crates =
        codegen::generate(&text).map_err(|e| format!("{}: {e}", options.model.display()))?;

    let dir = root.join("target").join("conformance");
    let mut suites = Vec::new();
    let mut members = Vec::new();
    for service in &services {
        let mut cases = cases::collect(&json, service);
        if let Some(filter) = &options.filter {
            cases.retain(|c| c.fn_name().contains(filter.as_str()));
        }
        if cases.is_empty() {
            continue;
        }
        let Some(krate) = crates.iter().find(|c| c.name == service.crate_name) else {
            continue;
        };
        let runnable: Vec<&Case> = cases.iter().filter(|c| c.skip.is_none()).collect();
        if !runnable.is_empty() {
            let server = if krate.files.0.contains_key("src/server.rs") {
                render::Server::Router
            } else {
                render::Server::Protocol
            };
            let module = render::module(service, &runnable, server)?;
            let mut files = krate.files.0.clone();
            if let Some(lib) = files.get_mut("src/lib.rs") {
                lib.push_str("\n#[cfg(test)]\nmod conformance;\n");
            }
            files.insert("src/conformance/mod.rs".into(), module);
            files.insert("src/conformance/support.rs".into(), SUPPORT.to_owned());
            sync(&dir.join(&krate.name), &files)?;
            members.push(krate.name.clone());
        }
        suites.push(Suite {
            krate: krate.name.clone(),
            cases,
        });
    }
    if suites.is_empty() {
        return Err(format!(
            "{} has no restJson1 protocol tests",
            options.model.display()
        ));
    }
    write_workspace(&root, &dir, &members)?;
    let generated = start.elapsed();

    let target_dir = dir.join("target");
    let mut outcomes: BTreeMap<String, BTreeMap<String, Outcome>> = BTreeMap::new();
    if !members.is_empty() {
        println!(
            "conformance: building {} crate(s) in {}",
            members.len(),
            dir.display()
        );
        let executables = runner::build(&dir, &target_dir)?;
        for member in &members {
            let exe = executables
                .get(member)
                .ok_or_else(|| format!("cargo built no test executable for `{member}`"))?;
            outcomes.insert(
                member.clone(),
                runner::run(exe, &dir.join(member), Duration::from_secs(600))?,
            );
        }
    }
    let elapsed = start.elapsed();

    let expected_path = root.join(EXPECTED_FILE);
    let expected = expect::load(&expected_path)?;
    let table = Table::new(&suites, &outcomes);
    table.print();
    println!(
        "\nmodel {}; generated in {:.1?}, built and ran in {:.1?}",
        options.model.display(),
        generated,
        elapsed - generated
    );

    let verdict = compare(&suites, &outcomes, &expected, options.filter.is_some());
    if options.update {
        let mut next = expect::Expected::new();
        for (key, message) in &verdict.failing {
            let reason = expected
                .get(key)
                .cloned()
                .unwrap_or_else(|| shorten(message, 140));
            next.insert(key.clone(), reason);
        }
        if let Some(parent) = expected_path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&expected_path, expect::render(&next))
            .map_err(|e| format!("{}: {e}", expected_path.display()))?;
        println!(
            "wrote {} ({} expected failures)",
            expected_path.display(),
            next.len()
        );
        return Ok(());
    }
    verdict.report(EXPECTED_FILE)
}

fn shorten(text: &str, max: usize) -> String {
    let text = text.replace('\n', " ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

/// Writes the files of one crate, leaving unchanged files alone so cargo's
/// incremental build keeps its work, and removing files no longer generated.
fn sync(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    for (rel, contents) in files {
        let path = dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let mut existing = Vec::new();
    walk(dir, &dir.join("src"), &mut existing);
    for rel in existing {
        if !files.contains_key(&rel) {
            let path = dir.join(&rel);
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The throwaway workspace: its manifest, and the repository's lock file so
/// dependency versions match the ones the repository tests with.
fn write_workspace(root: &Path, dir: &Path, members: &[String]) -> Result<(), String> {
    let list = members
        .iter()
        .map(|m| format!("\"{m}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let manifest = format!(
        "# Written by `cargo xtask conformance`; throwaway.\n[workspace]\nresolver = \"2\"\nmembers = [{list}]\n\n[profile.dev]\ndebug = false\n"
    );
    let write_if_changed = |path: PathBuf, contents: &str| -> Result<(), String> {
        if std::fs::read_to_string(&path).ok().as_deref() != Some(contents) {
            std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    write_if_changed(dir.join("Cargo.toml"), &manifest)?;
    let lock =
        std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write_if_changed(dir.join("Cargo.lock"), &lock)
}

/// Counts per crate and kind.
#[derive(Default, Clone, Copy)]
struct Counts {
    passed: usize,
    failed: usize,
    skipped: usize,
}

impl Counts {
    fn total(&self) -> usize {
        self.passed + self.failed + self.skipped
    }

    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

struct Table {
    rows: Vec<(String, Kind, Counts)>,
}

fn outcome<'a>(
    outcomes: &'a BTreeMap<String, BTreeMap<String, Outcome>>,
    krate: &str,
    case: &Case,
) -> Option<&'a Outcome> {
    outcomes.get(krate).and_then(|o| o.get(&case.fn_name()))
}

impl Table {
    fn new(suites: &[Suite], outcomes: &BTreeMap<String, BTreeMap<String, Outcome>>) -> Table {
        let mut rows = Vec::new();
        for suite in suites {
            for kind in Kind::ALL {
                let mut counts = Counts::default();
                for case in suite.cases.iter().filter(|c| c.kind == kind) {
                    match (&case.skip, outcome(outcomes, &suite.krate, case)) {
                        (Some(_), _) => counts.skipped += 1,
                        (None, Some(Outcome::Passed)) => counts.passed += 1,
                        (None, _) => counts.failed += 1,
                    }
                }
                if counts.total() > 0 {
                    rows.push((suite.krate.clone(), kind, counts));
                }
            }
        }
        Table { rows }
    }

    fn print(&self) {
        println!();
        println!(
            "{:<32} {:<20} {:>7} {:>7} {:>8} {:>6} {:>7}",
            "crate", "tests", "passed", "failed", "skipped", "total", "passed%"
        );
        let line = |krate: &str, kind: Kind, c: Counts| {
            let rate = if c.total() == 0 {
                0.0
            } else {
                100.0 * c.passed as f64 / c.total() as f64
            };
            println!(
                "{:<32} {:<20} {:>7} {:>7} {:>8} {:>6} {:>6.1}%",
                krate,
                kind.to_string(),
                c.passed,
                c.failed,
                c.skipped,
                c.total(),
                rate
            );
        };
        for (krate, kind, counts) in &self.rows {
            line(krate, *kind, *counts);
        }
        println!("{}", "-".repeat(92));
        for kind in Kind::ALL {
            let mut sum = Counts::default();
            for (_, k, c) in &self.rows {
                if *k == kind {
                    sum.add(*c);
                }
            }
            if sum.total() > 0 {
                line("all", kind, sum);
            }
        }
    }
}

/// How the run compares with the expected-failures list.
struct Verdict {
    /// Every failing test, with its message.
    failing: BTreeMap<String, String>,
    unexpected_failures: Vec<(String, String)>,
    unexpected_passes: Vec<String>,
    stale: Vec<String>,
}

fn compare(
    suites: &[Suite],
    outcomes: &BTreeMap<String, BTreeMap<String, Outcome>>,
    expected: &expect::Expected,
    filtered: bool,
) -> Verdict {
    let mut verdict = Verdict {
        failing: BTreeMap::new(),
        unexpected_failures: Vec::new(),
        unexpected_passes: Vec::new(),
        stale: Vec::new(),
    };
    let mut known = std::collections::BTreeSet::new();
    for suite in suites {
        for case in suite.cases.iter().filter(|c| c.skip.is_none()) {
            let key = format!("{}::{}", suite.krate, case.fn_name());
            known.insert(key.clone());
            match outcome(outcomes, &suite.krate, case) {
                Some(Outcome::Passed) => {
                    if expected.contains_key(&key) {
                        verdict.unexpected_passes.push(key);
                    }
                }
                other => {
                    let message = match other {
                        Some(Outcome::Failed(m)) => m.clone(),
                        _ => "the test did not report a result".to_owned(),
                    };
                    verdict.failing.insert(key.clone(), message.clone());
                    if !expected.contains_key(&key) {
                        verdict.unexpected_failures.push((key, message));
                    }
                }
            }
        }
    }
    if !filtered {
        verdict.stale = expected
            .keys()
            .filter(|k| !known.contains(*k))
            .cloned()
            .collect();
    }
    verdict
}

impl Verdict {
    fn report(&self, file: &str) -> Result<(), String> {
        let expected_failures = self.failing.len() - self.unexpected_failures.len();
        println!("{expected_failures} failure(s) expected by {file}");
        if self.unexpected_failures.is_empty()
            && self.unexpected_passes.is_empty()
            && self.stale.is_empty()
        {
            return Ok(());
        }
        let mut out = String::new();
        if !self.unexpected_failures.is_empty() {
            out.push_str(&format!(
                "{} test(s) failed that {file} does not list:\n",
                self.unexpected_failures.len()
            ));
            for (key, message) in &self.unexpected_failures {
                out.push_str(&format!("  {key}\n      {}\n", shorten(message, 400)));
            }
        }
        if !self.unexpected_passes.is_empty() {
            out.push_str(&format!(
                "{} test(s) listed in {file} now pass; remove them:\n",
                self.unexpected_passes.len()
            ));
            for key in &self.unexpected_passes {
                out.push_str(&format!("  {key}\n"));
            }
        }
        if !self.stale.is_empty() {
            out.push_str(&format!(
                "{} entr(ies) in {file} name no test of this model; remove them:\n",
                self.stale.len()
            ));
            for key in &self.stale {
                out.push_str(&format!("  {key}\n"));
            }
        }
        out.push_str("(`cargo xtask conformance --update` rewrites the list, keeping its reasons)");
        Err(out)
    }
}
