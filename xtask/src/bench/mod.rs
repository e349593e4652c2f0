//! `cargo xtask bench`: our generated Chime crate against the official
//! `aws-sdk-chimesdkmessaging`, measured side by side in one run on one
//! machine, with the ratio ours/official for every figure:
//!
//! 1. clean builds of two throwaway client binaries, and recompiling the
//!    SDK crate alone ([`build`]);
//! 2. lines of Rust and stripped binary sizes ([`size`]);
//! 3. client CPU per call against a loopback server ([`calls`]);
//! 4. codegen speed and scaling ([`codegen`]);
//! 5. emulator throughput against a bare hyper server ([`server`]).
//!
//! The throwaway crates are written under `target/bench/` at run time and
//! are never part of the workspace. The whole bench runs in a release
//! build of xtask: `cargo xtask bench` (a debug build) re-runs itself as
//! `cargo run --release -p xtask -- bench`. It is a benchmark, not a test:
//! nothing in CI runs it. Results go to the terminal and between the
//! markers in `BENCHMARKS.md`.

mod build;
mod calls;
mod codegen;
mod crates;
mod proc;
mod report;
mod server;
mod size;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

const SECTIONS: [&str; 5] = ["build", "size", "calls", "codegen", "server"];

pub const USAGE: &str =
    "cargo xtask bench [--only build,size,calls,codegen,server] [--calls N] [--runs N]
                  [--scales 10,100,1000] [--requests N] [--connections N] [--no-write]";

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub only: BTreeSet<String>,
    pub calls: u64,
    pub runs: usize,
    pub scales: Vec<usize>,
    pub requests: u64,
    pub connections: u64,
    pub write: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        only: SECTIONS.iter().map(|s| (*s).to_owned()).collect(),
        calls: 2000,
        runs: 3,
        scales: vec![10, 100, 1000],
        requests: 20_000,
        connections: 32,
        write: true,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().cloned().ok_or(format!("{name} needs a value"));
        let number = |text: String, name: &str| {
            text.parse::<u64>()
                .map_err(|_| format!("{name}: `{text}` is not a number"))
        };
        match arg.as_str() {
            "--only" => {
                let list = value("--only")?;
                options.only = list.split(',').map(|s| s.trim().to_owned()).collect();
                if let Some(bad) = options
                    .only
                    .iter()
                    .find(|s| !SECTIONS.contains(&s.as_str()))
                {
                    return Err(format!(
                        "--only: unknown section `{bad}` (one of {})",
                        SECTIONS.join(", ")
                    ));
                }
            }
            "--calls" => options.calls = number(value("--calls")?, "--calls")?.max(1),
            "--runs" => options.runs = number(value("--runs")?, "--runs")?.clamp(1, 99) as usize,
            "--requests" => {
                options.requests = number(value("--requests")?, "--requests")?.clamp(1, 10_000_000)
            }
            "--connections" => {
                options.connections =
                    number(value("--connections")?, "--connections")?.clamp(1, 1024)
            }
            "--scales" => {
                options.scales = value("--scales")?
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| number(s.trim().to_owned(), "--scales").map(|n| n.max(2) as usize))
                    .collect::<Result<_, _>>()?;
            }
            "--no-write" => options.write = false,
            other => return Err(format!("unknown argument `{other}`\nusage: {USAGE}")),
        }
    }
    Ok(options)
}

/// Everything one run measured; a section that was skipped or failed is
/// `None` and says why in `notes`.
#[derive(Default)]
pub struct Results {
    pub options: Option<Options>,
    pub machine: Option<proc::Machine>,
    pub load_after: String,
    pub elapsed: Duration,
    pub builds: Option<(build::Builds, build::Builds)>,
    pub size: Option<Size>,
    pub calls: Option<(calls::PerCall, calls::PerCall)>,
    pub codegen: Vec<codegen::Speed>,
    pub scaling: Vec<codegen::Speed>,
    pub server: Option<server::Throughput>,
    pub notes: Vec<String>,
}

/// Section 2's figures.
pub struct Size {
    pub ours_client: size::Lines,
    pub ours_total: size::Lines,
    pub official: size::Lines,
    pub official_version: String,
    /// Stripped release binaries, bytes.
    pub ours_binary: u64,
    pub official_binary: u64,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let root = crate::workspace_root();
    if cfg!(debug_assertions) && std::env::var_os("XTASK_BENCH_RELEASE").is_none() {
        // Codegen speed is only meaningful optimised: run the whole bench
        // from a release build of xtask.
        println!("bench: re-running as `cargo run --release -p xtask -- bench` (codegen is timed optimised)");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = std::process::Command::new(cargo)
            .args(["run", "--release", "--quiet", "-p", "xtask", "--", "bench"])
            .args(args)
            .current_dir(&root)
            .env("XTASK_BENCH_RELEASE", "1")
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        return if status.success() {
            Ok(())
        } else {
            Err("the release bench failed".into())
        };
    }

    let started = Instant::now();
    let mut results = Results {
        machine: Some(proc::machine()),
        ..Results::default()
    };
    if let Some(m) = &results.machine {
        println!(
            "bench: {} CPUs ({}), {:.1} GiB, {}, {}, load {}",
            m.cpus, m.cpu_model, m.memory_gib, m.rustc, m.date, m.load
        );
    }
    let wants = |s: &str| options.only.contains(s);
    let (ours, official, loadgen) = crates::write_all(&root)?;

    // Downloads first, never timed.
    if wants("build") || wants("calls") || wants("size") {
        for side in [&ours, &official] {
            section(&mut results.notes, "fetch", || build::fetch(side));
        }
    }

    if wants("build") {
        results.builds = section(&mut results.notes, "build", || {
            let mut a = build::Builds::default();
            let mut b = build::Builds::default();
            for release in [false, true] {
                let profile = if release { "release" } else { "debug" };
                let x = build::clean(&ours, release)?;
                println!("build: clean {profile} ours     {}", report::build_line(&x));
                let y = build::clean(&official, release)?;
                println!("build: clean {profile} official {}", report::build_line(&y));
                println!(
                    "build: clean {profile} CPU ours/official {:.2}",
                    report::ratio(x.cost.cpu.as_secs_f64(), y.cost.cpu.as_secs_f64())
                );
                let x2 = build::sdk_alone(&ours, "chime-sdk-messaging", release)?;
                println!(
                    "build: SDK crate alone {profile} ours     {}",
                    report::build_line(&x2)
                );
                let y2 = build::sdk_alone(&official, "aws-sdk-chimesdkmessaging", release)?;
                println!(
                    "build: SDK crate alone {profile} official {}",
                    report::build_line(&y2)
                );
                if release {
                    (
                        a.clean_release,
                        b.clean_release,
                        a.sdk_release,
                        b.sdk_release,
                    ) = (x, y, x2, y2);
                } else {
                    (a.clean_debug, b.clean_debug, a.sdk_debug, b.sdk_debug) = (x, y, x2, y2);
                }
            }
            Ok((a, b))
        });
    } else if wants("calls") || wants("size") {
        // The release binaries are still needed; build them incrementally.
        for side in [&ours, &official] {
            section(&mut results.notes, "release binaries", || {
                proc::measure_ok(&mut side.cargo(&["build", "--release", "--offline"])).map(drop)
            });
        }
    }

    if wants("size") {
        results.size = section(&mut results.notes, "size", || {
            let generated = root.join("generated/chime-sdk-messaging");
            let client: BTreeSet<&str> = ["client"].into_iter().collect();
            let ours_client = size::compiled_with(&generated, &client)?;
            let ours_total = size::all_rust(&generated.join("src"))?;
            let source = size::official_source(&official.dir.join("Cargo.lock"))
                .ok_or("the official crate is not in the cargo registry")?;
            let official_lines = size::all_rust(&source.join("src"))?;
            let official_version = source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = |side: &crates::Throwaway| {
                std::fs::metadata(side.release_binary())
                    .map(|m| m.len())
                    .unwrap_or(0)
            };
            let size = Size {
                ours_client,
                ours_total,
                official: official_lines,
                official_version,
                ours_binary: bytes(&ours),
                official_binary: bytes(&official),
            };
            println!(
                "size: lines ours (client) {} / official {} = {:.2}; code lines {} / {} = {:.2}; ours with server {}",
                size.ours_client.total,
                size.official.total,
                report::ratio(size.ours_client.total as f64, size.official.total as f64),
                size.ours_client.code,
                size.official.code,
                report::ratio(size.ours_client.code as f64, size.official.code as f64),
                size.ours_total.total
            );
            println!(
                "size: stripped release binary ours {} / official {} = {:.2}",
                report::bytes(size.ours_binary),
                report::bytes(size.official_binary),
                report::ratio(size.ours_binary as f64, size.official_binary as f64)
            );
            Ok(size)
        });
    }

    if wants("calls") {
        results.calls = section(&mut results.notes, "calls", || {
            let (a, b) = calls::measure(&ours, &official, options.calls, options.runs)?;
            for (name, x, y) in [
                ("ListChannels", a.list, b.list),
                ("SendChannelMessage", a.send, b.send),
            ] {
                println!(
                    "calls: {name:<18} ours {:>8.0}/s {:>6.1} µs CPU; official {:>8.0}/s {:>6.1} µs CPU; CPU ours/official {:.2}",
                    x.per_second(),
                    x.cpu_us_per_call(),
                    y.per_second(),
                    y.cpu_us_per_call(),
                    report::ratio(x.cpu_us_per_call(), y.cpu_us_per_call())
                );
            }
            Ok((a, b))
        });
    }

    if wants("codegen") {
        let out = root.join("target/bench/codegen-out");
        let chime = std::fs::read_to_string(root.join("model/chime-sdk-messaging.json"))
            .map_err(|e| format!("model/chime-sdk-messaging.json: {e}"))?;
        let mut models = vec![("chime-sdk-messaging.json".to_owned(), chime.clone())];
        let protocol = root.join("../shared/protocol-tests/restjson1.json");
        match std::fs::read_to_string(&protocol) {
            Ok(text) => models.push(("restjson1.json (protocol tests)".to_owned(), text)),
            Err(_) => {
                let note = format!(
                    "codegen: SKIPPED the protocol-test model: {} not found",
                    protocol.display()
                );
                println!("{note}");
                results.notes.push(note);
            }
        }
        for (name, text) in &models {
            if let Some(speed) = section(&mut results.notes, "codegen", || {
                codegen::speed(name, text, &out, 15)
            }) {
                println!("codegen: {}", report::speed_line(&speed));
                results.codegen.push(speed);
            }
        }
        for &scale in &options.scales {
            let result = section(&mut results.notes, "codegen scaling", || {
                let model = codegen::scaled(&chime, scale)?;
                codegen::speed(
                    &format!("Chime × {scale}"),
                    &model,
                    &out,
                    if scale >= 100 { 1 } else { 3 },
                )
            });
            if let Some(speed) = result {
                println!("codegen: {}", report::speed_line(&speed));
                results.scaling.push(speed);
            }
        }
    }

    if wants("server") {
        results.server = section(&mut results.notes, "server", || {
            let emulator = server::build_emulator(&root)?;
            proc::measure_ok(&mut loadgen.cargo(&["build", "--release"]))?;
            let t = server::measure(
                &emulator,
                &loadgen,
                options.requests,
                options.connections,
                options.runs,
            )?;
            println!(
                "server: SendChannelMessage, {} requests over {} connections: emulator {:.0}/s, bare hyper {:.0}/s, emulator/ceiling {:.2}",
                t.requests,
                t.connections,
                t.emulator_rps,
                t.ceiling_rps,
                report::ratio(t.emulator_rps, t.ceiling_rps)
            );
            Ok(t)
        });
    }

    results.elapsed = started.elapsed();
    results.load_after = proc::load_average();
    results.options = Some(options.clone());
    let markdown = report::markdown(&results);
    let raw = root.join("target/bench/results.md");
    let _ = std::fs::write(&raw, &markdown);
    println!("\n{}", report::targets_text(&results));
    println!(
        "bench: done in {:.0?}; the report is in {}",
        results.elapsed,
        raw.display()
    );
    if options.write {
        report::update_benchmarks_md(&root.join("BENCHMARKS.md"), &markdown)?;
        println!("bench: BENCHMARKS.md updated");
    }
    if results.notes.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "some sections did not complete:\n  {}",
            results.notes.join("\n  ")
        ))
    }
}

/// Runs a section, turning a failure into a note (the other sections go on).
fn section<T>(
    notes: &mut Vec<String>,
    name: &str,
    f: impl FnOnce() -> Result<T, String>,
) -> Option<T> {
    match f() {
        Ok(value) => Some(value),
        Err(message) => {
            let note = format!("{name}: FAILED: {message}");
            eprintln!("bench: {note}");
            notes.push(note);
            None
        }
    }
}
