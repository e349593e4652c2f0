//! Running a child process and measuring it: wall time, CPU (user + sys of
//! the child and every descendant it waited for, from `wait4`) and peak
//! memory (the largest resident set of any one of those processes).
//! No dependency: std already links the C library.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one finished child cost.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cost {
    pub wall: Duration,
    pub cpu: Duration,
    /// Peak resident set, in KiB.
    pub max_rss_kib: u64,
}

/// A finished child: its cost, exit status and output.
#[derive(Debug, Default)]
pub struct Finished {
    pub cost: Cost,
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

#[repr(C)]
struct Rusage {
    utime: [i64; 2],
    stime: [i64; 2],
    max_rss: i64,
    rest: [i64; 13],
}

extern "C" {
    fn wait4(pid: i32, status: *mut i32, options: i32, usage: *mut Rusage) -> i32;
}

/// Runs `command` to completion with stdout and stderr captured, and
/// measures it. Fails if it cannot start.
pub fn measure(command: &mut Command) -> Result<Finished, String> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let pid = i32::try_from(child.id()).map_err(|_| "pid out of range".to_owned())?;
    let mut status = 0;
    let mut usage = Rusage {
        utime: [0; 2],
        stime: [0; 2],
        max_rss: 0,
        rest: [0; 13],
    };
    // SAFETY: `pid` is our own child, not yet reaped (std only reaps in
    // `wait`, which is never called on it); `status` and `usage` are
    // writable and `usage` has the C layout of `struct rusage` on 64-bit
    // Linux.
    let rc = loop {
        let rc = unsafe { wait4(pid, &mut status, 0, &mut usage) };
        if rc >= 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            break rc;
        }
    };
    let wall = started.elapsed();
    if rc < 0 {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    let micros =
        |t: [i64; 2]| Duration::from_micros(u64::try_from(t[0] * 1_000_000 + t[1]).unwrap_or(0));
    // Exited normally (low 7 bits zero) with code 0.
    let success = status & 0x7f == 0 && (status >> 8) & 0xff == 0;
    Ok(Finished {
        cost: Cost {
            wall,
            cpu: micros(usage.utime) + micros(usage.stime),
            max_rss_kib: u64::try_from(usage.max_rss).unwrap_or(0),
        },
        success,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(pipe) = pipe {
            let _ = BufReader::new(pipe).read_to_string(&mut text);
        }
        text
    })
}

/// Like [`measure`], but an error unless the child succeeded; the error
/// carries the end of its stderr.
pub fn measure_ok(command: &mut Command) -> Result<Finished, String> {
    let finished = measure(command)?;
    if finished.success {
        Ok(finished)
    } else {
        Err(format!(
            "{command:?} failed:\n{}",
            tail(&finished.stderr, 30)
        ))
    }
}

/// The last `n` lines of `text`.
pub fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Starts a long-running child (a server) and waits for the line on its
/// stdout that starts with `listening on `; returns the child and the URL.
pub fn spawn_server(
    command: &mut Command,
    wait: Duration,
) -> Result<(std::process::Child, String), String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        while let Some(Ok(line)) = lines.next() {
            if let Some(url) = line.strip_prefix("listening on ") {
                let _ = tx.send(url.trim().to_owned());
            }
        }
    });
    match rx.recv_timeout(wait) {
        Ok(url) => Ok((child, url)),
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!(
                "{command:?} did not print `listening on` within {wait:?}"
            ))
        }
    }
}

/// The output of a short command, trimmed; empty if it fails.
pub fn output(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// The machine, for the report.
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub memory_gib: f64,
    pub date: String,
    pub rustc: String,
    pub load: String,
}

pub fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu_model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_kib: f64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    Machine {
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu_model,
        memory_gib: memory_kib / 1024.0 / 1024.0,
        date: output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        rustc: output("rustc", &["-V"]),
        load: load_average(),
    }
}

/// The 1-minute load average, a hint of how busy the machine was.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default()
}
