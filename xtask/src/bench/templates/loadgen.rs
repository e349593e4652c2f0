//! Loopback load generator and bare hyper server for `cargo xtask bench`.
//! Written out by the bench; do not edit here. Everything stays on
//! 127.0.0.1 and stops by itself: the server after a number of requests or
//! seconds, the load after its request count or its deadline.
//!
//! ```text
//! bench-loadgen serve --max-requests N --seconds S
//! bench-loadgen load --url URL --requests N --connections C --seconds S [--chime]
//! ```

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/bench";
const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/bench/user/alice";
/// Well-formed SigV4 (the emulator's default mode checks the form, not
/// the signature, so one fixed header serves every request).
const AUTHORIZATION: &str = "AWS4-HMAC-SHA256 Credential=AKIDBENCHMARK/20250101/us-east-1/chime/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000";
const SENT: &str = r#"{"ChannelArn":"arn:aws:chime:us-east-1:123456789012:app-instance/bench/channel/general","MessageId":"0123456789abcdef0123456789abcdef","Status":{"Value":"SENT"}}"#;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn number(args: &[String], name: &str) -> u64 {
    arg(args, name).and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        eprintln!("bench-loadgen: {name} N is required");
        std::process::exit(2)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("serve") => serve(number(&args, "--max-requests"), number(&args, "--seconds")),
        Some("load") => load(&args),
        _ => {
            eprintln!("usage: bench-loadgen serve|load ...");
            std::process::exit(2)
        }
    }
}

/// The ceiling: hyper answering every request with a fixed
/// SendChannelMessage response, on the same multi-thread runtime as the
/// emulator's binary.
fn serve(max_requests: u64, seconds: u64) {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        println!("listening on http://{}", listener.local_addr().expect("address"));
        let served = Arc::new(AtomicU64::new(0));
        let (done_tx, mut done_rx) = tokio::sync::mpsc::channel::<()>(1);
        let deadline = tokio::time::sleep(Duration::from_secs(seconds));
        tokio::pin!(deadline);
        loop {
            tokio::select! {
                _ = &mut deadline => break,
                _ = done_rx.recv() => break,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    let _ = stream.set_nodelay(true);
                    let served = served.clone();
                    let done_tx = done_tx.clone();
                    tokio::spawn(async move {
                        let service = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                            let served = served.clone();
                            let done_tx = done_tx.clone();
                            async move {
                                let _ = request.into_body().collect().await;
                                if served.fetch_add(1, Ordering::Relaxed) + 1 >= max_requests {
                                    let _ = done_tx.try_send(());
                                }
                                hyper::Response::builder()
                                    .status(201)
                                    .header("content-type", "application/json")
                                    .header("x-amzn-requestid", "00000000-0000-0000-0000-000000000000")
                                    .body(Full::new(Bytes::from_static(SENT.as_bytes())))
                            }
                        });
                        let io = hyper_util::rt::TokioIo::new(stream);
                        let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
                    });
                }
            }
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
}

/// Sends `--requests` SendChannelMessage requests over `--connections`
/// keep-alive connections (each one request at a time) and prints the rate.
/// With `--chime`, first creates the channel on the emulator.
fn load(args: &[String]) {
    let url = arg(args, "--url").unwrap_or_else(|| {
        eprintln!("bench-loadgen: --url is required");
        std::process::exit(2)
    });
    let authority = url.strip_prefix("http://").unwrap_or(&url).trim_end_matches('/').to_owned();
    if !authority.starts_with("127.0.0.1:") {
        eprintln!("bench-loadgen: only 127.0.0.1 is allowed");
        std::process::exit(2)
    }
    let requests = number(args, "--requests");
    let connections = number(args, "--connections").max(1);
    let deadline = Instant::now() + Duration::from_secs(number(args, "--seconds"));
    let chime = args.iter().any(|a| a == "--chime");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let channel = if chime {
            let mut sender = connect(&authority).await;
            let body = format!(r#"{{"AppInstanceArn":"{APP}","Name":"bench","ClientRequestToken":"bench-create-channel"}}"#);
            let (status, body) = call(&mut sender, &authority, "/channels", body).await;
            if status != 201 && status != 200 {
                eprintln!("bench-loadgen: CreateChannel answered {status}: {body}");
                std::process::exit(1)
            }
            let key = "\"ChannelArn\":\"";
            let start = body.find(key).map(|i| i + key.len()).expect("ChannelArn in CreateChannel");
            let end = body[start..].find('"').map(|i| i + start).expect("end of ChannelArn");
            body[start..end].to_owned()
        } else {
            "arn:aws:chime:us-east-1:123456789012:app-instance/bench/channel/general".to_owned()
        };
        let path = format!("/channels/{}/messages", encode(&channel));
        let failed = Arc::new(AtomicU64::new(0));
        let started = Instant::now();
        let workers: Vec<_> = (0..connections)
            .map(|worker| {
                let count = requests / connections + u64::from(worker < requests % connections);
                let (authority, path, failed) = (authority.clone(), path.clone(), failed.clone());
                tokio::spawn(async move {
                    let mut sender = connect(&authority).await;
                    let mut done = 0;
                    for n in 0..count {
                        if Instant::now() > deadline {
                            break;
                        }
                        let body = format!(r#"{{"Content":"message {worker}/{n}","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"bench-{worker}-{n}"}}"#);
                        let (status, text) = call(&mut sender, &authority, &path, body).await;
                        if status != 201 {
                            if failed.fetch_add(1, Ordering::Relaxed) == 0 {
                                eprintln!("bench-loadgen: SendChannelMessage answered {status}: {text}");
                            }
                        }
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        let mut done = 0;
        for worker in workers {
            done += worker.await.unwrap_or(0);
        }
        let seconds = started.elapsed().as_secs_f64();
        let failed = failed.load(Ordering::Relaxed);
        println!("bench load requests={done} failed={failed} seconds={seconds:.4} rps={:.1}", done as f64 / seconds);
    });
}

async fn connect(authority: &str) -> hyper::client::conn::http1::SendRequest<Full<Bytes>> {
    let stream = tokio::net::TcpStream::connect(authority).await.expect("connect");
    let _ = stream.set_nodelay(true);
    let (sender, connection) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    sender
}

async fn call(
    sender: &mut hyper::client::conn::http1::SendRequest<Full<Bytes>>,
    authority: &str,
    path: &str,
    body: String,
) -> (u16, String) {
    sender.ready().await.expect("connection ready");
    let request = hyper::Request::post(path)
        .header("host", authority)
        .header("content-type", "application/json")
        .header("x-amz-date", "20250101T000000Z")
        .header("x-amz-chime-bearer", USER)
        .header("authorization", AUTHORIZATION)
        .body(Full::new(Bytes::from(body)))
        .expect("request");
    let response = sender.send_request(request).await.expect("response");
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Percent-encodes a path label.
fn encode(label: &str) -> String {
    let mut out = String::new();
    for b in label.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
