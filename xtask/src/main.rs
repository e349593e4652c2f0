//! Project tasks: `cargo xtask codegen [--check] [--model FILE --out DIR]`.

mod bench;
mod codegen_cmd;
mod conformance;
mod test_cmd;

use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen                      regenerate generated/ from model/
  cargo xtask codegen --check              fail if generated/ is stale
  cargo xtask codegen --model FILE --out DIR   generate any model into DIR
  cargo xtask test                         run every check CI runs
  cargo xtask conformance [MODEL] [--update] [--filter TEXT]
                                           run the model's protocol tests
  cargo xtask bench [--only SECTIONS] ...  benchmarks against the official SDK (BENCHMARKS.md)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("bench") => bench::run(&args[1..]),
        Some("codegen") => codegen_cmd::run(&args[1..]),
        Some("test") => test_cmd::run(&args[1..]),
        Some("conformance") => conformance::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> std::path::PathBuf {
    let manifest = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or(manifest)
}
