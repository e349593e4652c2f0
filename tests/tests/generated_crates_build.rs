//! Generated crates must build on their own with warnings denied: the
//! codegen fixtures (shapes named `String`, `Option`, ...) and the official
//! restJson1 protocol-test model. Slow, so `#[ignore]`d; `cargo xtask test`
//! runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
#[ignore = "builds several crates from scratch; run by `cargo xtask test`"]
fn generated_crates_build_with_warnings_denied() {
    let mut models: Vec<PathBuf> = std::fs::read_dir(root().join("codegen/tests/fixtures"))
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    models.sort();
    let protocol = root().join("../shared/protocol-tests/restjson1.json");
    if protocol.is_file() {
        models.push(protocol);
    } else {
        println!(
            "SKIPPED the protocol-test crate: {} not found",
            protocol.display()
        );
    }

    let workspace = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates");
    let _ = std::fs::remove_dir_all(&workspace);
    let mut members = Vec::new();
    for model in &models {
        let text = std::fs::read_to_string(model).expect("readable model");
        let crates =
            codegen::generate(&text).unwrap_or_else(|e| panic!("{}: {e}", model.display()));
        for krate in crates {
            for (file, contents) in &krate.files.0 {
                let path = workspace.join(&krate.name).join(file);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, contents).expect("write");
            }
            members.push(format!("{:?}", krate.name));
        }
    }
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(workspace.join("Cargo.toml"), manifest).expect("write manifest");
    // Same dependency versions as the main workspace.
    std::fs::copy(root().join("Cargo.lock"), workspace.join("Cargo.lock")).expect("copy lock file");

    for features in [&["--no-default-features"][..], &["--all-features"][..]] {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--workspace", "--quiet"])
            .args(features)
            .current_dir(&workspace)
            .env("RUSTFLAGS", "-D warnings")
            .env("CARGO_TARGET_DIR", workspace.join("target"))
            .status()
            .expect("cargo runs");
        assert!(
            status.success(),
            "generated crates failed to build with {features:?}"
        );
    }
}
