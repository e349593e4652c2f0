//! A throughput benchmark: `SendChannelMessage` requests per second from
//! the generated client to the emulator on loopback. Ignored by default;
//! run it in release mode:
//!
//! ```text
//! cargo test --release -p tests --test e2e_throughput -- --ignored --nocapture
//! ```
//!
//! `CHIME_BENCH_REQUESTS` (default 20000) and `CHIME_BENCH_CONCURRENCY`
//! (default 32) tune it.

mod e2e_support;

use chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};
use e2e_support::*;
use std::time::Instant;
use tests::emulator::{Auth, Emulator};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

async fn measure(auth: &Auth, label: &str) {
    let requests = setting("CHIME_BENCH_REQUESTS", 20_000);
    let concurrency = setting("CHIME_BENCH_CONCURRENCY", 32);
    let (running, client) = start_with(Emulator::new(), auth).await;
    let alice = user("alice");
    let general = channel(&client, &alice, "bench").await;
    // Warm up the connection pool.
    say(&client, &general, &alice, "warm-up").await;

    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|worker| {
            let client = client.clone();
            let general = general.clone();
            let alice = alice.clone();
            let count = requests / concurrency + usize::from(worker < requests % concurrency);
            tokio::spawn(async move {
                for n in 0..count {
                    client
                        .send_channel_message()
                        .channel_arn(&general)
                        .content(format!("message {worker}/{n}"))
                        .r#type(ChannelMessageType::Standard)
                        .persistence(ChannelMessagePersistenceType::Persistent)
                        .chime_bearer(&alice)
                        .send()
                        .await
                        .expect("send");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker");
    }
    let elapsed = started.elapsed();
    let rate = requests as f64 / elapsed.as_secs_f64();
    println!(
        "SendChannelMessage ({label}): {requests} requests, {concurrency} concurrent, {:.2} s: {rate:.0} requests/s",
        elapsed.as_secs_f64()
    );
    assert_eq!(
        running
            .emulator()
            .calls()
            .get("SendChannelMessage")
            .copied(),
        Some(requests as u64 + 1)
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark; run with --release -- --ignored --nocapture"]
async fn send_channel_message_throughput() {
    measure(&Auth::WellFormed, "any well-formed signature").await;
    let keys = [(AKID.to_owned(), SECRET.to_owned())].into_iter().collect();
    measure(&Auth::Verify(keys), "signatures verified").await;
}
