//! A user of the official `aws-sdk-chimesdkmessaging` client with
//! `aws-config`, for `cargo xtask bench`. Written out by the bench; do not
//! edit here.

use aws_config::{BehaviorVersion, Region};
use aws_sdk_chimesdkmessaging::config::Credentials;
use aws_sdk_chimesdkmessaging::types::{ChannelMessagePersistenceType, ChannelMessageType};
use aws_sdk_chimesdkmessaging::Client;

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
    assert_eq!(page.channels().len(), 50);
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
    assert!(sent.message_id().is_some());
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let Some((calls, warmup, endpoint)) = options() else {
        eprintln!("usage: bench-official --calls N --endpoint URL [--warmup W]");
        std::process::exit(2);
    };
    let config = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new(
            "AKIDBENCHMARK",
            "bench/secret/key",
            None,
            None,
            "bench",
        ))
        .load()
        .await;
    let client = Client::new(&config);

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
