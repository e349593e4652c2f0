//! The README's "Client" snippet is the code between the markers below, so
//! it always compiles; the test fails when the two drift apart.

#![allow(dead_code)]

// readme:start
use chime_sdk_messaging::client::{Client, Config, Credentials};
use chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};

async fn chat(
    local: bool,
    app_instance: &str,
    channel: &str,
    bearer: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let client = if local {
        // Configured in code, here for a local emulator.
        Client::new(
            Config::builder()
                .region("us-east-1")
                .endpoint_url("http://127.0.0.1:4566")
                .credentials(Credentials::new("test", "test"))
                .max_attempts(5)
                .build()?,
        )
    } else {
        // Region and credentials from AWS_REGION, AWS_ACCESS_KEY_ID /
        // AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, or AWS_PROFILE.
        Client::from_env()?
    };

    // A call: required members are checked before anything is sent, and the
    // idempotency token is filled in and reused on retries.
    let sent = client
        .send_channel_message()
        .channel_arn(channel)
        .chime_bearer(bearer)
        .content("hello")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .send()
        .await;
    match sent {
        Ok(output) => println!("sent {:?}", output.message_id),
        Err(e) if e.is_throttled_client_exception() => eprintln!("slow down: {e}"),
        Err(e) => eprintln!(
            "failed: {e} (status {:?}, request id {:?})",
            e.status(),
            e.request_id()
        ),
    }

    // Every page, following NextToken (the paginator is also a futures Stream).
    let mut pages = client
        .list_channels()
        .app_instance_arn(app_instance)
        .chime_bearer(bearer)
        .into_paginator();
    while let Some(page) = pages.next_page().await {
        for summary in page?.channels.unwrap_or_default() {
            println!("{:?} {:?}", summary.channel_arn, summary.privacy);
        }
    }
    Ok(())
}
// readme:end

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no `{start}`")) + start.len();
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no `{end}` after `{start}`"));
    text[from..to].trim()
}

/// The README's Client section, up to the next section or the end.
fn client_section() -> &'static str {
    let readme = include_str!("../../README.md");
    let (_, rest) = readme
        .split_once("\n## Client\n")
        .expect("README.md has no `## Client` section");
    rest.split("\n## ").next().unwrap_or(rest)
}

#[test]
fn readme_client_snippet_is_this_compiled_code() {
    let section = client_section();
    let snippet = between(section, "```rust\n", "```");
    let source = include_str!("client_readme.rs");
    let code = between(source, "// readme:start\n", "// readme:end");
    assert_eq!(
        snippet, code,
        "README.md's Client snippet differs from tests/tests/client_readme.rs"
    );
}

#[test]
fn readme_example_command_names_a_real_example() {
    let section = client_section();
    assert!(section.contains("cargo run -p tests --example chime_client"));
    assert!(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/chime_client.rs"
    ))
    .exists());
}
