//! boto3, the AWS SDK for Python, against the `chime-emulator` binary:
//! runs `tests/boto3/scenario.py`, which calls every operation boto3's
//! model has and the emulator implements (all 51), and checks answers,
//! error codes and paging.
//!
//! The test sets itself up: it creates a virtualenv in
//! `target/boto3-venv` (`python3 -m venv`) and installs
//! `tests/boto3/requirements.txt` into it with pip, once; later runs reuse
//! it while the requirements and the interpreter are unchanged. It then
//! starts the emulator binary on a free port with signature verification
//! on, so that boto3's SigV4 signatures are checked as well.
//!
//! Ignored by default: the first run downloads boto3 from PyPI (about 20 s);
//! later runs take about 3 s. `cargo xtask test` runs it in its
//! `--ignored` step, as does
//! `cargo test -p tests --test boto3_scenario -- --include-ignored`.
//! Without `python3` on the `PATH` (or in `$PYTHON`) it fails and says so.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const EMULATOR: &str = env!("CARGO_BIN_EXE_chime-emulator");
const AKID: &str = "AKIDTEST";
const SECRET: &str = "secret";

fn boto3_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("boto3")
}

/// The workspace's target directory (`CARGO_TARGET_DIR` when set).
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workspace root")
            .join("target"),
    }
}

/// Runs `command`, failing the test with its output if it cannot start or
/// exits unsuccessfully.
fn run(command: &mut Command, what: &str) -> Output {
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The Python interpreter to build the virtualenv with.
fn python3() -> String {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    match Command::new(&python)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
    {
        Ok(output) if output.status.success() => python,
        Ok(output) => panic!(
            "`{python} --version` failed ({}): the boto3 scenario needs Python 3 \
             with the venv module (Debian: apt-get install python3 python3-venv)\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(e) => panic!(
            "cannot run `{python}` ({e}): the boto3 scenario needs Python 3 on the PATH \
             (or in $PYTHON) with the venv module (Debian: apt-get install python3 python3-venv)"
        ),
    }
}

/// The virtualenv's interpreter, creating the virtualenv and installing
/// the requirements unless a previous run did so for the same
/// requirements and interpreter.
fn venv_python() -> PathBuf {
    let venv = target_dir().join("boto3-venv");
    let python = venv.join("bin").join("python");
    let stamp = venv.join("installed-requirements.txt");
    let requirements = boto3_dir().join("requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).expect("tests/boto3/requirements.txt");
    let interpreter = python3();
    let version = run(
        Command::new(&interpreter).arg("--version"),
        "python3 --version",
    );
    let wanted = format!(
        "# {}{wanted}",
        String::from_utf8_lossy(&version.stdout).trim_start()
    );
    let installed = std::fs::read_to_string(&stamp).ok();
    if python.exists() && installed.as_deref() == Some(wanted.as_str()) {
        return python;
    }
    let started = Instant::now();
    run(
        Command::new(&interpreter)
            .args(["-m", "venv", "--clear"])
            .arg(&venv),
        "creating the virtualenv (python3 -m venv; Debian needs python3-venv)",
    );
    run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-input",
                "-r",
            ])
            .arg(&requirements),
        "pip install -r tests/boto3/requirements.txt",
    );
    std::fs::write(&stamp, wanted).expect("write the virtualenv's stamp");
    eprintln!(
        "boto3 virtualenv set up in {} ({:.1} s)",
        venv.display(),
        started.elapsed().as_secs_f64()
    );
    python
}

/// The emulator binary, killed when dropped.
struct Emulator(Child);

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the emulator on a free port, checking signatures, and returns
/// it with its URL.
fn start_emulator() -> (Emulator, String) {
    let mut child = Command::new(EMULATOR)
        .args(["--port", "0", "--verify-signatures"])
        .args(["--access-key", AKID, "--secret-key", SECRET])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start chime-emulator");
    let stdout = child.stdout.take().expect("stdout");
    let emulator = Emulator(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let _ = reader.read_line(&mut line);
        let _ = tx.send(line);
        // Keep draining, so the emulator never blocks on a full pipe.
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the emulator announces where it listens");
    let url = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line from the emulator: {line:?}"))
        .to_owned();
    (emulator, url)
}

/// Waits for `child` at most `limit`, killing it after that.
fn wait_with_limit(
    mut child: Child,
    limit: Duration,
) -> (std::process::ExitStatus, String, String) {
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait().expect("wait for the scenario") {
            Some(status) => break status,
            None if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "the boto3 scenario ran longer than {limit:?} and was stopped:\n{}\n{}",
                    out.join().unwrap_or_default(),
                    err.join().unwrap_or_default()
                );
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    (
        status,
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    )
}

#[test]
#[ignore = "sets up a Python virtualenv with boto3 (from PyPI on the first run); run with --ignored"]
fn boto3_scenario_passes() {
    let python = venv_python();
    let (_emulator, url) = start_emulator();
    let child = Command::new(&python)
        .arg(boto3_dir().join("scenario.py"))
        .args(["--endpoint-url", &url, "--expect-verified"])
        // No credentials, region or config of the machine's own.
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the boto3 scenario");
    let (status, stdout, stderr) = wait_with_limit(child, Duration::from_secs(180));
    println!("{stdout}");
    if !stderr.is_empty() {
        eprintln!("{stderr}");
    }
    assert!(
        status.success(),
        "the boto3 scenario failed ({status}):\n{stdout}\n{stderr}"
    );
    let summary = stdout.lines().last().unwrap_or_default().trim().to_owned();
    let (passed, failed) = summary
        .strip_suffix(" failed")
        .and_then(|s| s.split_once(" passed, "))
        .and_then(|(p, f)| Some((p.parse::<u32>().ok()?, f.parse::<u32>().ok()?)))
        .unwrap_or_else(|| panic!("no `N passed, N failed` summary in:\n{stdout}"));
    assert_eq!(failed, 0, "{stdout}");
    assert!(passed > 100, "suspiciously few checks: {summary}");
    assert!(
        stdout.contains("51 of 51 supported ones called successfully"),
        "not every operation was covered:\n{stdout}"
    );
}
