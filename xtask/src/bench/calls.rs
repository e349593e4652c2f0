//! Section 3: per-call cost. A std-only loopback HTTP/1.1 server answers
//! with canned ListChannels (50 channels) and SendChannelMessage
//! responses; each client binary makes N sequential calls after a warm-up
//! and reports its own CPU time (getrusage) and wall time.

use super::crates::Throwaway;
use super::proc::measure_ok;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One client run of one operation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Calls {
    pub calls: u64,
    pub wall_us: u64,
    pub cpu_us: u64,
}

impl Calls {
    pub fn per_second(&self) -> f64 {
        self.calls as f64 / (self.wall_us.max(1) as f64 / 1e6)
    }

    pub fn cpu_us_per_call(&self) -> f64 {
        self.cpu_us as f64 / self.calls.max(1) as f64
    }
}

/// The medians over the runs, by operation: (ListChannels, SendChannelMessage).
#[derive(Debug, Clone, Default)]
pub struct PerCall {
    pub list: Calls,
    pub send: Calls,
    /// CPU µs per call of every run, in run order: (ListChannels, SendChannelMessage).
    pub runs: Vec<(f64, f64)>,
}

/// A loopback server that stops by itself after `max_requests` or
/// `deadline`, or when dropped.
pub struct Server {
    pub url: String,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(max_requests: u64, deadline: Duration) -> Result<Server, String> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind: {e}"))?;
        let url = format!(
            "http://{}",
            listener.local_addr().map_err(|e| e.to_string())?
        );
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let stop = Arc::new(AtomicBool::new(false));
        let served = Arc::new(AtomicU64::new(0));
        let until = Instant::now() + deadline;
        let (stop2, served2) = (stop.clone(), served.clone());
        let list = Arc::new(list_channels_body());
        let thread = std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed)
                && Instant::now() < until
                && served2.load(Ordering::Relaxed) < max_requests
            {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (stop, served, list) = (stop2.clone(), served2.clone(), list.clone());
                        std::thread::spawn(move || {
                            let _ = connection(stream, &stop, &served, max_requests, until, &list);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
            stop2.store(true, Ordering::Relaxed);
        });
        Ok(Server {
            url,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves keep-alive requests on one connection.
fn connection(
    stream: TcpStream,
    stop: &AtomicBool,
    served: &AtomicU64,
    max: u64,
    until: Instant,
    list: &str,
) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_millis(200)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        // The request line; idle waits re-check the stop conditions.
        line.clear();
        loop {
            if stop.load(Ordering::Relaxed) || Instant::now() > until {
                return Ok(());
            }
            match reader.read_line(&mut line) {
                Ok(0) => return Ok(()),
                Ok(_) => break,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue
                }
                Err(e) => return Err(e),
            }
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or("").to_owned();
        let path = parts.next().unwrap_or("").to_owned();
        let mut length = 0usize;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 {
                return Ok(());
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let (status, text) = if method == "GET"
            && (path == "/channels" || path.starts_with("/channels?"))
        {
            ("200 OK", list)
        } else if method == "POST" && path.starts_with("/channels/") && path.ends_with("/messages")
        {
            ("201 Created", SENT)
        } else {
            (
                "404 Not Found",
                r#"{"Code":"NotFoundException","Message":"no such route in the bench server"}"#,
            )
        };
        let count = served.fetch_add(1, Ordering::Relaxed) + 1;
        let last = count >= max;
        write!(
            writer,
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\nx-amzn-requestid: 5d6c7a3e-0000-4000-8000-{count:012}\r\ncontent-length: {}\r\n{}\r\n{text}",
            text.len(),
            if last { "connection: close\r\n" } else { "" }
        )?;
        writer.flush()?;
        if last {
            stop.store(true, Ordering::Relaxed);
            return Ok(());
        }
    }
}

const SENT: &str = r#"{"ChannelArn":"arn:aws:chime:us-east-1:123456789012:app-instance/bench/channel/general","MessageId":"0123456789abcdef0123456789abcdef","Status":{"Value":"SENT"}}"#;

/// A page of 50 channels, with a next token.
fn list_channels_body() -> String {
    let channels: Vec<String> = (0..50)
        .map(|i| {
            format!(
                r#"{{"Name":"channel {i}","ChannelArn":"arn:aws:chime:us-east-1:123456789012:app-instance/bench/channel/c{i:04}","Mode":"UNRESTRICTED","Privacy":"PUBLIC","Metadata":"team {i}","LastMessageTimestamp":1.7{i:02}E9}}"#
            )
        })
        .collect();
    format!(
        r#"{{"Channels":[{}],"NextToken":"bench-next-page-token"}}"#,
        channels.join(",")
    )
}

/// Runs one client binary once: `--calls N --endpoint URL`.
pub fn run_client(side: &Throwaway, url: &str, calls: u64) -> Result<PerCall, String> {
    let finished = measure_ok(std::process::Command::new(side.release_binary()).args([
        "--calls",
        &calls.to_string(),
        "--warmup",
        "50",
        "--endpoint",
        url,
    ]))?;
    let mut result = PerCall::default();
    for line in finished.stdout.lines() {
        let Some(rest) = line.strip_prefix("bench ") else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let operation = words.next().unwrap_or("");
        let mut calls = Calls::default();
        for word in words {
            let (key, value) = word.split_once('=').unwrap_or((word, ""));
            let value = value.parse().unwrap_or(0);
            match key {
                "calls" => calls.calls = value,
                "wall_us" => calls.wall_us = value,
                "cpu_us" => calls.cpu_us = value,
                _ => {}
            }
        }
        match operation {
            "ListChannels" => result.list = calls,
            "SendChannelMessage" => result.send = calls,
            _ => {}
        }
    }
    if result.list.calls == 0 || result.send.calls == 0 {
        return Err(format!(
            "{} printed no measurement:\n{}",
            side.bin, finished.stdout
        ));
    }
    Ok(result)
}

/// `runs` runs of each side, alternating (ours, official, ours, ...), on
/// one server; the median of each figure over the runs.
pub fn measure(
    ours: &Throwaway,
    official: &Throwaway,
    calls: u64,
    runs: usize,
) -> Result<(PerCall, PerCall), String> {
    let per_run = 2 * (calls + 50);
    let server = Server::start(per_run * 2 * runs as u64 + 10, Duration::from_secs(600))?;
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        for (side, into) in [(ours, &mut a), (official, &mut b)] {
            let r = run_client(side, &server.url, calls)?;
            println!(
                "calls: run {run} {:<14} CPU per call: ListChannels {:.1} µs, SendChannelMessage {:.1} µs",
                side.bin,
                r.list.cpu_us_per_call(),
                r.send.cpu_us_per_call()
            );
            into.push(r);
        }
    }
    drop(server);
    Ok((median(&a), median(&b)))
}

/// The median of each figure over the runs, for each operation (every
/// run makes the same number of calls).
fn median(runs: &[PerCall]) -> PerCall {
    let pick = |f: fn(&PerCall) -> Calls| {
        let middle = |g: fn(&Calls) -> u64| {
            let mut v: Vec<u64> = runs.iter().map(|r| g(&f(r))).collect();
            v.sort_unstable();
            v[v.len() / 2]
        };
        Calls {
            calls: middle(|c| c.calls),
            wall_us: middle(|c| c.wall_us),
            cpu_us: middle(|c| c.cpu_us),
        }
    };
    PerCall {
        list: pick(|r| r.list),
        send: pick(|r| r.send),
        runs: runs
            .iter()
            .map(|r| (r.list.cpu_us_per_call(), r.send.cpu_us_per_call()))
            .collect(),
    }
}
