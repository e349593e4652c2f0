//! Building the throwaway workspace's tests and running them: the test
//! executables come from cargo's JSON messages, and each is run directly so
//! its libtest output belongs to one crate.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How one test ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    /// Failed, with the first lines of its panic message.
    Failed(String),
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// `cargo test --no-run` over the workspace; returns each package's lib test executable.
pub fn build(workspace: &Path, target_dir: &Path) -> Result<BTreeMap<String, PathBuf>, String> {
    let output = Command::new(cargo())
        .args([
            "test",
            "--workspace",
            "--lib",
            "--all-features",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "the conformance crates do not build:\n{}",
            errors_only(&stderr, 200)
        ));
    }
    let mut executables = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" || message["profile"]["test"] != true {
            continue;
        }
        let (Some(exe), Some(name)) = (
            message["executable"].as_str(),
            message["target"]["name"].as_str(),
        ) else {
            continue;
        };
        executables.insert(name.replace('_', "-"), PathBuf::from(exe));
    }
    Ok(executables)
}

/// The `error` diagnostics of cargo's rendered output (warnings dropped), at most `max` lines.
fn errors_only(stderr: &str, max: usize) -> String {
    let mut out = Vec::new();
    let mut in_error = false;
    for line in stderr.lines() {
        if line.starts_with("error") {
            in_error = true;
        } else if line.starts_with("warning") || line.trim_start().starts_with("Compiling") {
            in_error = false;
        }
        if in_error {
            out.push(line);
        }
    }
    if out.is_empty() {
        out = stderr
            .lines()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
    }
    out.truncate(max);
    out.join("\n")
}

/// Runs one test executable's conformance tests and reads libtest's report.
pub fn run(
    executable: &Path,
    dir: &Path,
    limit: Duration,
) -> Result<BTreeMap<String, Outcome>, String> {
    let mut child = Command::new(executable)
        .args(["conformance::", "--color", "never"])
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", executable.display()))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let start = Instant::now();
    let mut timed_out = false;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                timed_out = true;
                break;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for {}: {e}", executable.display())),
        }
    }
    let text = reader.join().unwrap_or_default();
    let mut outcomes = parse(&text);
    if timed_out {
        outcomes.insert(
            String::from("<timeout>"),
            Outcome::Failed(format!("killed after {limit:?}")),
        );
    }
    Ok(outcomes)
}

/// Reads libtest's pretty output: `test path ... ok|FAILED` lines, then the
/// captured output of each failure.
pub fn parse(text: &str) -> BTreeMap<String, Outcome> {
    let mut outcomes = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((path, result)) = rest.split_once(" ... ") else {
            continue;
        };
        let name = path.rsplit("::").next().unwrap_or(path).to_owned();
        match result.trim() {
            "ok" => {
                outcomes.insert(name, Outcome::Passed);
            }
            r if r.starts_with("FAILED") => {
                outcomes.insert(name, Outcome::Failed(String::new()));
            }
            _ => {}
        }
    }
    // Failure sections: `---- path stdout ----`, then the panic.
    let mut current: Option<String> = None;
    let mut message = Vec::new();
    let flush = |current: &mut Option<String>,
                 message: &mut Vec<String>,
                 outcomes: &mut BTreeMap<String, Outcome>| {
        if let Some(name) = current.take() {
            let text = message
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(Outcome::Failed(m)) = outcomes.get_mut(&name) {
                *m = text;
            }
        }
        message.clear();
    };
    let mut in_panic = false;
    for line in text.lines() {
        if let Some(header) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            flush(&mut current, &mut message, &mut outcomes);
            current = Some(header.rsplit("::").next().unwrap_or(header).to_owned());
            in_panic = false;
            continue;
        }
        if current.is_none() {
            continue;
        }
        if line == "failures:" || line.starts_with("note: run with `RUST_BACKTRACE") {
            flush(&mut current, &mut message, &mut outcomes);
            in_panic = false;
            continue;
        }
        if line.starts_with("thread '") && line.contains("panicked at") {
            in_panic = true;
            continue;
        }
        if in_panic {
            message.push(line.to_owned());
        }
    }
    flush(&mut current, &mut message, &mut outcomes);
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_failures_show_errors_only() {
        let stderr = "   Compiling a v0.1.0\nwarning: unused\n --> a.rs:1\n\nerror[E0308]: mismatched types\n --> b.rs:2\n\nwarning: `a` generated 1 warning\nerror: could not compile `a`\n";
        assert_eq!(
            errors_only(stderr, 10),
            "error[E0308]: mismatched types\n --> b.rs:2\n\nerror: could not compile `a`"
        );
    }

    #[test]
    fn reads_libtest_output() {
        let text = "\nrunning 3 tests\ntest conformance::client_request__A ... ok\ntest conformance::server_request__B ... FAILED\ntest conformance::support::tests::x ... ok\n\nfailures:\n\n---- conformance::server_request__B stdout ----\n\nthread 'conformance::server_request__B' panicked at src/conformance/mod.rs:1:2:\nrequest differs: header `a`\n  more\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    conformance::server_request__B\n\ntest result: FAILED. 2 passed; 1 failed\n";
        let outcomes = parse(text);
        assert_eq!(outcomes["client_request__A"], Outcome::Passed);
        assert_eq!(
            outcomes["server_request__B"],
            Outcome::Failed("request differs: header `a` more".into())
        );
    }
}
