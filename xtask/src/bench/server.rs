//! Section 5: server throughput. The emulator's SendChannelMessage over
//! loopback under a fixed number of keep-alive connections, against a
//! bare hyper server answering the same request with a fixed response
//! (the ceiling). The load generator and the bare server are the
//! throwaway `bench-loadgen` crate; every run is bounded in requests and
//! seconds.

use super::crates::Throwaway;
use super::proc::{measure_ok, spawn_server};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Requests per second, medians over the runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Throughput {
    pub requests: u64,
    pub connections: u64,
    pub emulator_rps: f64,
    pub ceiling_rps: f64,
}

/// Builds the emulator binary in the workspace (release) and returns it.
pub fn build_emulator(root: &Path) -> Result<std::path::PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    measure_ok(
        Command::new(cargo)
            .args([
                "build",
                "--release",
                "-p",
                "tests",
                "--bin",
                "chime-emulator",
            ])
            .current_dir(root),
    )?;
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into);
    Ok(target.join("release").join("chime-emulator"))
}

pub fn measure(
    emulator: &Path,
    loadgen: &Throwaway,
    requests: u64,
    connections: u64,
    runs: usize,
) -> Result<Throughput, String> {
    let (mut ours, mut ceiling) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        ours.push(one(
            Command::new(emulator).args(["--port", "0"]),
            loadgen,
            requests,
            connections,
            true,
        )?);
        let limit = (requests + 10).to_string();
        ceiling.push(one(
            Command::new(loadgen.release_binary()).args([
                "serve",
                "--max-requests",
                &limit,
                "--seconds",
                "120",
            ]),
            loadgen,
            requests,
            connections,
            false,
        )?);
    }
    Ok(Throughput {
        requests,
        connections,
        emulator_rps: median(ours),
        ceiling_rps: median(ceiling),
    })
}

fn one(
    server: &mut Command,
    loadgen: &Throwaway,
    requests: u64,
    connections: u64,
    chime: bool,
) -> Result<f64, String> {
    let (mut child, url) = spawn_server(server, Duration::from_secs(30))?;
    let mut load = Command::new(loadgen.release_binary());
    load.args(["load", "--url", &url, "--requests", &requests.to_string()])
        .args([
            "--connections",
            &connections.to_string(),
            "--seconds",
            "120",
        ]);
    if chime {
        load.arg("--chime");
    }
    let result = measure_ok(&mut load);
    // The bare server stops by itself after the last request; the emulator
    // runs until told, so end it (our own child, by its handle).
    let _ = child.kill();
    let _ = child.wait();
    let finished = result?;
    let line = finished
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("bench load "))
        .ok_or_else(|| format!("the load generator printed no result:\n{}", finished.stdout))?;
    let field = |name: &str| -> f64 {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    if field("failed") > 0.0 || field("requests") < requests as f64 {
        return Err(format!("the load run did not complete cleanly: {line}"));
    }
    Ok(field("rps"))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
