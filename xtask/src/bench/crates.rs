//! The throwaway crates the bench compiles and runs, written under
//! `target/bench/` at run time (never part of the workspace): two users
//! of a Chime client, ours and the official SDK's, and a load generator.

use std::path::{Path, PathBuf};

/// One throwaway crate: its folder, binary name and target directory.
#[derive(Debug, Clone)]
pub struct Throwaway {
    pub dir: PathBuf,
    pub bin: String,
}

impl Throwaway {
    pub fn target_dir(&self) -> PathBuf {
        self.dir.join("target")
    }

    pub fn release_binary(&self) -> PathBuf {
        self.target_dir().join("release").join(&self.bin)
    }

    /// `cargo ARGS` in this crate, with its own target directory.
    pub fn cargo(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(
            std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
        );
        command
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", self.target_dir())
            .env("CARGO_TERM_COLOR", "never")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_BUILD_RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS");
        command
    }
}

const CPU: &str = include_str!("templates/cpu.rs");

/// The same line for both clients: what the tokio docs tell a user to add
/// for `#[tokio::main]` on one thread.
const TOKIO: &str = r#"tokio = { version = "1", features = ["macros", "rt"] }"#;

const PROFILES: &str = "
[profile.release]
strip = true

# A workspace of its own: not part of the project's.
[workspace]
";

/// Writes the three crates under `root/target/bench/` and returns them as
/// (ours, official, loadgen).
pub fn write_all(root: &Path) -> Result<(Throwaway, Throwaway, Throwaway), String> {
    let bench = root.join("target").join("bench");
    let generated = root.join("generated").join("chime-sdk-messaging");
    let ours = write(
        root,
        &bench.join("ours"),
        "bench-ours",
        &format!(
            "chime-sdk-messaging = {{ path = {:?} }}\n{TOKIO}\n",
            generated.display().to_string()
        ),
        &include_str!("templates/ours.rs").replace("// @CPU@", CPU),
    )?;
    let official = write(
        root,
        &bench.join("official"),
        "bench-official",
        &format!("aws-config = \"1\"\naws-sdk-chimesdkmessaging = \"1\"\n{TOKIO}\n"),
        &include_str!("templates/official.rs").replace("// @CPU@", CPU),
    )?;
    let loadgen = write(
        root,
        &bench.join("loadgen"),
        "bench-loadgen",
        concat!(
            "hyper = { version = \"1\", features = [\"client\", \"server\", \"http1\"] }\n",
            "hyper-util = { version = \"0.1\", features = [\"tokio\"] }\n",
            "http-body-util = \"0.1\"\n",
            "tokio = { version = \"1\", features = [\"rt\", \"rt-multi-thread\", \"net\", \"time\", \"sync\", \"macros\"] }\n",
        ),
        include_str!("templates/loadgen.rs"),
    )?;
    Ok((ours, official, loadgen))
}

fn write(
    root: &Path,
    dir: &Path,
    name: &str,
    dependencies: &str,
    main: &str,
) -> Result<Throwaway, String> {
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::create_dir_all(dir.join("src")).map_err(io)?;
    let manifest = format!(
        "# Written by `cargo xtask bench`; not part of the workspace.\n[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{dependencies}{PROFILES}"
    );
    update(&dir.join("Cargo.toml"), &manifest)?;
    update(&dir.join("src/main.rs"), main)?;
    // Start from the workspace's lock file, so shared dependencies have the
    // versions the project already builds with; cargo prunes the rest.
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
    Ok(Throwaway {
        dir: dir.to_owned(),
        bin: name.to_owned(),
    })
}

/// Writes `text` unless the file already holds it (keeps mtimes, so cargo
/// does not rebuild for nothing).
fn update(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
