//! Paginators over `ListChannels`: pages and items, polled directly and as
//! `futures_core::Stream`s; the token of each page goes into the next
//! request, and the paginator stops on a missing, empty or repeated token.

mod client_support;

use std::pin::Pin;

use chime_sdk_messaging::client::Client;
use chime_sdk_messaging::types::ChannelSummary;
use client_support::*;
use futures_core::Stream;

fn page(names: &[&str], next: Option<&str>) -> chime_sdk_messaging::rt::client::HttpResponse {
    let channels: Vec<serde_json::Value> = names
        .iter()
        .map(|n| serde_json::json!({ "Name": n, "ChannelArn": format!("arn:{n}") }))
        .collect();
    let mut body = serde_json::json!({ "Channels": channels });
    if let Some(next) = next {
        body["NextToken"] = serde_json::Value::String(next.to_owned());
    }
    json(200, &body.to_string())
}

fn list(client: &Client) -> chime_sdk_messaging::client::ListChannels {
    client
        .list_channels()
        .app_instance_arn("arn:app")
        .max_results(2)
        .chime_bearer(BEARER)
}

/// The `next-token` query value of each request sent, decoded.
fn sent_tokens(recorder: &Recorder) -> Vec<Option<String>> {
    recorder
        .requests()
        .iter()
        .map(|r| {
            let query = r.uri.query().unwrap_or_default();
            assert!(
                query.starts_with("app-instance-arn=arn%3Aapp&max-results=2"),
                "{query}"
            );
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("next-token="))
                .map(|v| v.replace("%2F", "/").replace("%3D", "="))
        })
        .collect()
}

fn names(channels: &[ChannelSummary]) -> Vec<String> {
    channels.iter().map(|c| c.name.clone().unwrap()).collect()
}

fn three_pages(recorder: &Recorder) {
    recorder.push(page(&["a", "b"], Some("tok/1=")));
    recorder.push(page(&["c", "d"], Some("tok/2=")));
    recorder.push(page(&["e"], None));
}

#[tokio::test]
async fn pages_follow_the_token_across_three_pages() {
    let recorder = Recorder::new();
    three_pages(&recorder);
    recorder.push(page(&["never"], None));
    let mut pages = list(&client(recorder.clone())).into_paginator();
    let mut seen = Vec::new();
    while let Some(result) = pages.next_page().await {
        let output = result.unwrap();
        seen.push(names(output.channels.as_deref().unwrap_or_default()));
    }
    assert_eq!(seen, [vec!["a", "b"], vec!["c", "d"], vec!["e"]]);
    assert_eq!(
        sent_tokens(&recorder),
        [None, Some("tok/1=".to_owned()), Some("tok/2=".to_owned())]
    );
    // Finished paginators stay finished.
    assert!(pages.next_page().await.is_none());
    assert_eq!(recorder.count(), 3);
    assert_eq!(recorder.remaining(), 1);
}

#[tokio::test]
async fn pages_as_a_stream() {
    let recorder = Recorder::new();
    three_pages(&recorder);
    let mut pages = list(&client(recorder.clone())).into_paginator();
    let mut count = 0;
    while let Some(result) = std::future::poll_fn(|cx| Pin::new(&mut pages).poll_next(cx)).await {
        result.unwrap();
        count += 1;
    }
    assert_eq!(count, 3);
    assert_eq!(recorder.count(), 3);
}

#[tokio::test]
async fn items_across_pages() {
    // The model's `@paginated` traits name no `items`, so the generated
    // calls have no `into_items`; the runtime's `items` gives the same
    // stream given how to take the items out of a page.
    let recorder = Recorder::new();
    three_pages(&recorder);
    let mut items = list(&client(recorder.clone()))
        .into_paginator()
        .items(|page| page.channels.unwrap_or_default());
    let mut seen = Vec::new();
    while let Some(item) = items.next_item().await {
        seen.push(item.unwrap().name.unwrap());
    }
    assert_eq!(seen, ["a", "b", "c", "d", "e"]);
    assert_eq!(recorder.count(), 3);

    // And as a stream, with empty pages in the middle skipped.
    let recorder = Recorder::new();
    recorder.push(page(&["x"], Some("1")));
    recorder.push(page(&[], Some("2")));
    recorder.push(json(200, r#"{"NextToken":"3"}"#));
    recorder.push(page(&["y", "z"], None));
    let mut items = list(&client(recorder.clone()))
        .into_paginator()
        .items(|page| page.channels.unwrap_or_default());
    let mut seen = Vec::new();
    while let Some(item) = std::future::poll_fn(|cx| Pin::new(&mut items).poll_next(cx)).await {
        seen.push(item.unwrap().name.unwrap());
    }
    assert_eq!(seen, ["x", "y", "z"]);
    assert_eq!(recorder.count(), 4);
}

#[tokio::test]
async fn stops_on_an_empty_token() {
    let recorder = Recorder::new();
    recorder.push(page(&["a"], Some("t1")));
    recorder.push(page(&["b"], Some("")));
    recorder.push(page(&["never"], None));
    let mut pages = list(&client(recorder.clone())).into_paginator();
    let mut count = 0;
    while let Some(result) = pages.next_page().await {
        result.unwrap();
        count += 1;
    }
    assert_eq!(count, 2);
    assert_eq!(sent_tokens(&recorder), [None, Some("t1".to_owned())]);
    assert_eq!(recorder.remaining(), 1);
}

#[tokio::test]
async fn stops_on_a_repeated_token() {
    let recorder = Recorder::new();
    recorder.push(page(&["a"], Some("same")));
    recorder.push(page(&["b"], Some("same")));
    recorder.push(page(&["never"], None));
    let mut items = list(&client(recorder.clone()))
        .into_paginator()
        .items(|page| page.channels.unwrap_or_default());
    let mut seen = Vec::new();
    while let Some(item) = items.next_item().await {
        seen.push(item.unwrap().name.unwrap());
    }
    assert_eq!(seen, ["a", "b"]);
    assert_eq!(sent_tokens(&recorder), [None, Some("same".to_owned())]);
    assert_eq!(recorder.remaining(), 1);
}

#[tokio::test]
async fn stops_after_an_error() {
    let recorder = Recorder::new();
    recorder.push(page(&["a"], Some("t1")));
    recorder.push(service_error(400, "BadRequestException", "BadRequest"));
    recorder.push(page(&["never"], None));
    let mut pages = list(&client(recorder.clone())).into_paginator();
    assert!(pages.next_page().await.unwrap().is_ok());
    let error = pages.next_page().await.unwrap().unwrap_err();
    assert!(error.is_bad_request_exception());
    assert_eq!(error.request_id(), Some("req-err"));
    assert!(pages.next_page().await.is_none());
    assert_eq!(recorder.count(), 2);
}

#[tokio::test]
async fn a_starting_token_is_used_for_the_first_page() {
    let recorder = Recorder::new();
    recorder.push(page(&["c"], Some("t3")));
    recorder.push(page(&["d"], None));
    let mut pages = list(&client(recorder.clone()))
        .next_token("t2")
        .into_paginator();
    while let Some(result) = pages.next_page().await {
        result.unwrap();
    }
    assert_eq!(
        sent_tokens(&recorder),
        [Some("t2".to_owned()), Some("t3".to_owned())]
    );
}
