//! Lists the channels of an `AppInstance` page by page, then sends a message
//! to one of them, with the generated Chime SDK Messaging client.
//!
//! ```sh
//! # Against AWS: region and credentials come from the environment
//! # (AWS_REGION, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or AWS_PROFILE).
//! cargo run -p tests --example chime_client -- \
//!     --app-instance-arn arn:aws:chime:us-east-1:111122223333:app-instance/... \
//!     --bearer arn:aws:chime:us-east-1:111122223333:app-instance/.../user/... \
//!     [--channel-arn ARN] [--message TEXT] [--page-size N]
//!
//! # Against a local emulator: add --endpoint-url (region defaults to
//! # us-east-1 and credentials to test/test when the environment has none).
//! cargo run -p tests --example chime_client -- --endpoint-url http://127.0.0.1:4566 ...
//! ```

use std::error::Error;
use std::process::ExitCode;

use chime_sdk_messaging::client::{Client, Config, Credentials};
use chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};

const USAGE: &str = "usage: chime_client --app-instance-arn ARN --bearer ARN \
[--channel-arn ARN] [--message TEXT] [--page-size N] [--endpoint-url URL]";

#[derive(Debug, Default)]
struct Args {
    app_instance_arn: String,
    bearer: String,
    channel_arn: Option<String>,
    message: String,
    page_size: i32,
    endpoint_url: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        message: "Hello from the generated Rust client".to_owned(),
        page_size: 10,
        ..Args::default()
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_owned());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--app-instance-arn" => args.app_instance_arn = value,
            "--bearer" => args.bearer = value,
            "--channel-arn" => args.channel_arn = Some(value),
            "--message" => args.message = value,
            "--page-size" => {
                args.page_size = value
                    .parse()
                    .map_err(|_| format!("--page-size must be a number, not `{value}`"))?
            }
            "--endpoint-url" => args.endpoint_url = Some(value),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if args.app_instance_arn.is_empty() || args.bearer.is_empty() {
        return Err(format!(
            "--app-instance-arn and --bearer are required\n{USAGE}"
        ));
    }
    Ok(args)
}

/// `Client::from_env()` is all a program talking to AWS needs. With an
/// endpoint override (a local emulator), fill in what the environment may
/// lack.
fn make_client(endpoint_url: Option<&str>) -> Result<Client, Box<dyn Error>> {
    let Some(url) = endpoint_url else {
        return Ok(Client::from_env()?);
    };
    let env_has = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let mut builder = match Config::from_env() {
        Ok(config) => config.to_builder(),
        Err(_) => Config::builder().region("us-east-1"),
    };
    if !env_has("AWS_ACCESS_KEY_ID") && !env_has("AWS_PROFILE") {
        builder = builder.credentials(Credentials::new("test", "test"));
    }
    Ok(Client::new(builder.endpoint_url(url).build()?))
}

async fn run(args: Args) -> Result<(), Box<dyn Error>> {
    let client = make_client(args.endpoint_url.as_deref())?;

    // Every page of channels; the paginator follows NextToken and stops
    // after the last page.
    let mut pages = client
        .list_channels()
        .app_instance_arn(&args.app_instance_arn)
        .chime_bearer(&args.bearer)
        .max_results(args.page_size)
        .into_paginator();
    let mut first_channel = None;
    let mut page_number = 0;
    while let Some(page) = pages.next_page().await {
        let page = page?;
        page_number += 1;
        let channels = page.channels.unwrap_or_default();
        println!("page {page_number}: {} channel(s)", channels.len());
        for channel in channels {
            let arn = channel.channel_arn.unwrap_or_default();
            let privacy = channel.privacy.as_ref().map_or("-", |p| p.as_str());
            let last = channel
                .last_message_timestamp
                .map_or_else(|| "never".to_owned(), |t| t.to_string());
            println!("  {arn}  privacy={privacy}  last message: {last}");
            first_channel.get_or_insert(arn);
        }
    }

    let Some(channel_arn) = args.channel_arn.or(first_channel) else {
        println!("no channel to send to; pass --channel-arn");
        return Ok(());
    };
    let sent = client
        .send_channel_message()
        .channel_arn(&channel_arn)
        .content(&args.message)
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(&args.bearer)
        .send_with_meta()
        .await;
    match sent {
        Ok((output, meta)) => {
            println!(
                "sent message {} to {channel_arn} (request id {})",
                output.message_id.unwrap_or_default(),
                meta.request_id.unwrap_or_default()
            );
            Ok(())
        }
        Err(e) if e.is_forbidden_exception() || e.is_unauthorized_client_exception() => {
            eprintln!("the bearer may not post to {channel_arn}: {e}");
            Err(e.into())
        }
        Err(e) if e.is_throttled_client_exception() => {
            eprintln!("throttled even after retries; try again later");
            Err(e.into())
        }
        Err(e) => {
            eprintln!(
                "sending failed (status {:?}, request id {:?})",
                e.status(),
                e.request_id()
            );
            Err(e.into())
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
