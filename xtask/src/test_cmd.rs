//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure.

use std::process::Command;
use std::time::Instant;

struct Step {
    name: &'static str,
    program: &'static str,
    args: &'static [&'static str],
}

const STEPS: &[Step] = &[
    Step {
        name: "generated code is fresh",
        program: "cargo",
        args: &[
            "run",
            "--quiet",
            "--package",
            "xtask",
            "--",
            "codegen",
            "--check",
        ],
    },
    Step {
        name: "formatting",
        program: "cargo",
        args: &["fmt", "--all", "--check"],
    },
    Step {
        name: "clippy",
        program: "cargo",
        args: &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    },
    Step {
        name: "tests",
        program: "cargo",
        args: &["test", "--workspace", "--all-features"],
    },
    Step {
        name: "protocol conformance (official restJson1 tests)",
        program: "cargo",
        args: &["run", "--quiet", "--package", "xtask", "--", "conformance"],
    },
    Step {
        name: "slow tests (generated crates build, end to end)",
        program: "cargo",
        args: &["test", "--workspace", "--all-features", "--", "--ignored"],
    },
];

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(extra) = args.first() {
        return Err(format!(
            "`cargo xtask test` takes no arguments (got `{extra}`)"
        ));
    }
    let root = crate::workspace_root();
    let start = Instant::now();
    for step in STEPS {
        println!(
            "==> {}: {} {}",
            step.name,
            step.program,
            step.args.join(" ")
        );
        let step_start = Instant::now();
        let status = Command::new(step.program)
            .args(step.args)
            .current_dir(&root)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", step.program))?;
        if !status.success() {
            return Err(format!("step `{}` failed ({status})", step.name));
        }
        println!("==> {} passed in {:.1?}", step.name, step_start.elapsed());
    }
    println!("all checks passed in {:.1?}", start.elapsed());
    Ok(())
}
