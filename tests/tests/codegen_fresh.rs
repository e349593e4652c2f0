//! `generated/` must be exactly what the generator makes from `model/` now.

use std::path::Path;

#[test]
fn generated_matches_a_fresh_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut models: Vec<_> = std::fs::read_dir(root.join("model"))
        .expect("model/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    models.sort();
    assert!(!models.is_empty(), "no models in model/");
    let mut stale = Vec::new();
    for model in models {
        let text = std::fs::read_to_string(&model).expect("readable model");
        for krate in codegen::generate(&text).unwrap_or_else(|e| panic!("{}: {e}", model.display()))
        {
            for (file, contents) in &krate.files.0 {
                let path = root.join("generated").join(&krate.name).join(file);
                if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{}",
        stale.join("\n")
    );
}
