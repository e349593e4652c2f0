//! The `chime-emulator` binary as users run it, and the emulator's
//! signature modes: any well-formed signature (default), verified
//! signatures, and unsigned requests allowed.

mod e2e_support;

use e2e_support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use tests::emulator::{Auth, Emulator};

const BINARY: &str = env!("CARGO_BIN_EXE_chime-emulator");

/// A spawned emulator, killed when dropped (also when a test fails).
struct Spawned {
    child: Child,
    url: String,
}

impl Spawned {
    /// Starts the binary with `args` and waits for its `listening on` line.
    fn start(args: &[&str]) -> Spawned {
        let mut child = Command::new(BINARY)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn chime-emulator");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let mut spawned = Spawned {
            child,
            url: String::new(),
        };
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the emulator announces itself");
        let url = line
            .trim_end()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        let port = url
            .strip_prefix("http://127.0.0.1:")
            .expect("a loopback URL");
        assert!(
            port.parse::<u16>().is_ok_and(|p| p != 0),
            "a real port: {url}"
        );
        spawned.url = url;
        spawned
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status line of an unsigned `GET` sent over a plain socket.
fn unsigned_get(url: &str, path: &str) -> String {
    let authority = url.strip_prefix("http://").expect("http URL");
    let mut stream = std::net::TcpStream::connect(authority).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

const FLOWS: &str = "/channel-flows?app-instance-arn=arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fe2e-app";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_the_client() {
    let spawned = Spawned::start(&["--port", "0"]);
    let client = client_with(&spawned.url, AKID, SECRET);
    let created = client
        .create_channel()
        .app_instance_arn(APP)
        .name("from the binary")
        .chime_bearer(user("alice"))
        .send()
        .await
        .expect("CreateChannel against the binary");
    assert!(created.channel_arn.is_some_and(|arn| arn.starts_with(APP)));
    // Unsigned requests are refused unless --allow-unsigned.
    let response = unsigned_get(&spawned.url, FLOWS);
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    assert!(
        response.contains("MissingAuthenticationTokenException"),
        "{response}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_verifies_signatures_when_asked() {
    let spawned = Spawned::start(&[
        "--port",
        "0",
        "--verify-signatures",
        "--access-key",
        AKID,
        "--secret-key",
        SECRET,
    ]);
    client_with(&spawned.url, AKID, SECRET)
        .list_channel_flows()
        .app_instance_arn(APP)
        .send()
        .await
        .expect("the right key");
    let error = client_with(&spawned.url, AKID, "not-the-secret")
        .list_channel_flows()
        .app_instance_arn(APP)
        .send()
        .await
        .expect_err("a forged signature");
    assert_eq!(error.status(), Some(403), "{error:?}");
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    for args in [
        &["--port", "nope"][..],
        &["--verify-signatures"],
        &["--what"],
    ] {
        let output = Command::new(BINARY).args(args).output().expect("run");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("chime-emulator: "), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let output = Command::new(BINARY).arg("--help").output().expect("run");
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("--verify-signatures"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signature_modes_in_process() {
    // Verified: only the configured key, with the right secret.
    let keys = [(AKID.to_owned(), SECRET.to_owned())].into_iter().collect();
    let (running, client) = start_with(Emulator::new(), &Auth::Verify(keys)).await;
    client
        .list_channel_flows()
        .app_instance_arn(APP)
        .send()
        .await
        .expect("verified");
    for (akid, secret) in [(AKID, "wrong"), ("AKIDUNKNOWN", SECRET)] {
        let error = client_with(&running.url(), akid, secret)
            .list_channel_flows()
            .app_instance_arn(APP)
            .send()
            .await
            .expect_err("refused");
        assert_eq!(error.status(), Some(403), "{error:?}");
    }
    assert!(unsigned_get(&running.url(), FLOWS).starts_with("HTTP/1.1 403"));

    // Well-formed (the default): any key, but a signature is needed.
    let (running, _) = start().await;
    client_with(&running.url(), "AKIDANYTHING", "any secret")
        .list_channel_flows()
        .app_instance_arn(APP)
        .send()
        .await
        .expect("any credentials");
    assert!(unsigned_get(&running.url(), FLOWS).starts_with("HTTP/1.1 403"));

    // Unsigned allowed.
    let (running, _) = start_with(Emulator::new(), &Auth::AllowUnsigned).await;
    let response = unsigned_get(&running.url(), FLOWS);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"ChannelFlows\":[]"), "{response}");
}
