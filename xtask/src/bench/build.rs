//! Section 1: clean builds of the two throwaway clients, and recompiling
//! the SDK crate alone.

use super::crates::Throwaway;
use super::proc::{measure_ok, Cost};

/// One measured cargo build.
#[derive(Debug, Clone, Copy, Default)]
pub struct Build {
    pub cost: Cost,
    /// `Compiling` lines cargo printed: crates compiled, the binary
    /// itself included.
    pub crates: usize,
}

/// Clean builds and SDK-crate recompiles of one side.
#[derive(Debug, Clone, Copy, Default)]
pub struct Builds {
    pub clean_debug: Build,
    pub clean_release: Build,
    pub sdk_debug: Build,
    pub sdk_release: Build,
}

/// Downloads what the crate needs (not timed) and updates its lock file.
pub fn fetch(side: &Throwaway) -> Result<(), String> {
    measure_ok(&mut side.cargo(&["fetch"])).map(drop)
}

/// A clean build: the crate's target directory is removed first.
pub fn clean(side: &Throwaway, release: bool) -> Result<Build, String> {
    let target = side.target_dir();
    let profile = if release { "release" } else { "debug" };
    let _ = std::fs::remove_dir_all(target.join(profile));
    let _ = std::fs::remove_dir_all(&target);
    let mut args = vec!["build", "--offline"];
    if release {
        args.push("--release");
    }
    cargo_build(side, &args)
}

/// Recompiles the SDK crate alone: `cargo clean -p SDK`, then
/// `cargo build -p SDK` (its dependencies stay built).
pub fn sdk_alone(side: &Throwaway, sdk: &str, release: bool) -> Result<Build, String> {
    let mut args = vec!["clean", "--offline", "-p", sdk];
    if release {
        args.push("--release");
    }
    measure_ok(&mut side.cargo(&args))?;
    let mut args = vec!["build", "--offline", "-p", sdk];
    if release {
        args.push("--release");
    }
    cargo_build(side, &args)
}

fn cargo_build(side: &Throwaway, args: &[&str]) -> Result<Build, String> {
    let finished = measure_ok(&mut side.cargo(args))?;
    let crates = finished
        .stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    Ok(Build {
        cost: finished.cost,
        crates,
    })
}
