//! A user of the generated `chime-sdk-messaging` client, for
//! `cargo xtask bench`. Written out by the bench; do not edit here.

use chime_sdk_messaging::client::Client;
use chime_sdk_messaging::rt::client::{Config, Credentials};
use chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};

const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/bench";
const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/bench/user/alice";
const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/bench/channel/general";

// @CPU@

async fn list_channels(client: &Client) {
    let page = client
        .list_channels()
        .app_instance_arn(APP)
        .chime_bearer(USER)
        .send()
        .await
        .expect("ListChannels");
    assert_eq!(page.channels.map_or(0, |c| c.len()), 50);
}

async fn send_channel_message(client: &Client) {
    let sent = client
        .send_channel_message()
        .channel_arn(CHANNEL)
        .content("hello from the benchmark")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(USER)
        .send()
        .await
        .expect("SendChannelMessage");
    assert!(sent.message_id.is_some());
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let Some((calls, warmup, endpoint)) = options() else {
        eprintln!("usage: bench-ours --calls N --endpoint URL [--warmup W]");
        std::process::exit(2);
    };
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials(Credentials::new("AKIDBENCHMARK", "bench/secret/key"))
        .build()
        .expect("client configuration");
    let client = Client::new(config);

    for _ in 0..warmup {
        list_channels(&client).await;
    }
    let (started, cpu) = (std::time::Instant::now(), cpu::micros());
    for _ in 0..calls {
        list_channels(&client).await;
    }
    report("ListChannels", calls, started, cpu);

    for _ in 0..warmup {
        send_channel_message(&client).await;
    }
    let (started, cpu) = (std::time::Instant::now(), cpu::micros());
    for _ in 0..calls {
        send_channel_message(&client).await;
    }
    report("SendChannelMessage", calls, started, cpu);
}
