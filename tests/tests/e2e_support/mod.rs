//! Shared by the `e2e_*` tests: an emulator served in-process on a
//! loopback port, the generated client pointed at it, and test identities.
#![allow(dead_code)]

use chime_sdk_messaging::client::{Client, Config, Credentials};
use chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageType, FallbackAction, InvocationType,
    LambdaConfiguration, Processor, ProcessorConfiguration,
};
use std::time::Duration;
use tests::emulator::{Auth, Emulator, Running};

/// The app instance every test uses.
pub const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/e2e-app";
/// Another app instance, for cross-instance checks.
pub const OTHER_APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/other-app";
/// Static test credentials.
pub const AKID: &str = "AKIDEMULATORTEST";
pub const SECRET: &str = "emulator/test/secret/key/0123456789abcdef";
/// A Lambda function ARN for channel flow processors.
pub const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:moderate";
/// A Kinesis stream ARN for streaming configurations.
pub const STREAM: &str = "arn:aws:kinesis:us-east-1:123456789012:stream/chat";

/// The ARN of user `id` in [`APP`].
pub fn user(id: &str) -> String {
    format!("{APP}/user/{id}")
}

/// A client for `url` with the given credentials, region us-east-1, and
/// no retries (the emulator never fails transiently).
pub fn client_with(url: &str, akid: &str, secret: &str) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(url)
        .credentials(Credentials::new(akid, secret))
        .max_attempts(1)
        .attempt_timeout(Duration::from_secs(10))
        .build()
        .expect("client configuration");
    Client::new(config)
}

/// An emulator on a free loopback port (any well-formed signature
/// accepted) and a client for it.
pub async fn start() -> (Running, Client) {
    start_with(Emulator::new(), &Auth::WellFormed).await
}

/// `emulator` on a free loopback port with `auth`, and a client for it
/// with the static test credentials.
pub async fn start_with(emulator: Emulator, auth: &Auth) -> (Running, Client) {
    let running = Running::start(emulator, 0, auth)
        .await
        .expect("emulator starts");
    let client = client_with(&running.url(), AKID, SECRET);
    (running, client)
}

/// Creates a channel as `creator` and returns its ARN.
pub async fn channel(client: &Client, creator: &str, name: &str) -> String {
    client
        .create_channel()
        .app_instance_arn(APP)
        .name(name)
        .chime_bearer(creator)
        .send()
        .await
        .expect("create channel")
        .channel_arn
        .expect("channel ARN")
}

/// Adds `member` to `channel` as `by`.
pub async fn join(client: &Client, channel: &str, by: &str, member: &str) {
    client
        .create_channel_membership()
        .channel_arn(channel)
        .member_arn(member)
        .r#type(chime_sdk_messaging::types::ChannelMembershipType::Default)
        .chime_bearer(by)
        .send()
        .await
        .expect("create membership");
}

/// Sends a persistent standard message and returns its ID.
pub async fn say(client: &Client, channel: &str, sender: &str, content: &str) -> String {
    client
        .send_channel_message()
        .channel_arn(channel)
        .content(content)
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(sender)
        .send()
        .await
        .expect("send message")
        .message_id
        .expect("message ID")
}

/// A processor running [`LAMBDA`] at `order`.
pub fn processor(name: &str, order: i32) -> Processor {
    Processor {
        name: name.to_owned(),
        configuration: ProcessorConfiguration {
            lambda: LambdaConfiguration {
                resource_arn: LAMBDA.to_owned(),
                invocation_type: InvocationType::Async,
            },
        },
        execution_order: order,
        fallback_action: FallbackAction::Continue,
    }
}
