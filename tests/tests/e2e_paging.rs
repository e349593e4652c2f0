//! Paging (`NextToken`/`MaxResults`) across three and more pages, and
//! idempotent retries with the same `ClientRequestToken` / `CallbackId`,
//! through the generated client against the emulator over HTTP.

mod e2e_support;

use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types::{
    ChannelMessageCallback, ChannelMessagePersistenceType, ChannelMessageType, ChannelPrivacy,
    SortOrder,
};
use e2e_support::*;
use std::time::Duration;

/// The contents of every page of a message listing, page by page.
async fn message_pages(
    client: &chime_sdk_messaging::client::Client,
    channel: &str,
    reader: &str,
    order: SortOrder,
    size: i32,
) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut call = client
            .list_channel_messages()
            .channel_arn(channel)
            .sort_order(order.clone())
            .max_results(size)
            .chime_bearer(reader);
        if let Some(token) = token.take() {
            call = call.next_token(token);
        }
        let page = call.send().await.expect("page");
        pages.push(
            page.channel_messages
                .unwrap_or_default()
                .into_iter()
                .filter_map(|m| m.content)
                .collect(),
        );
        match page.next_token {
            Some(next) => token = Some(next),
            None => return pages,
        }
        assert!(pages.len() < 100, "paging does not end");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_come_in_pages_in_both_orders() {
    let (_running, client) = start().await;
    let alice = user("alice");
    let general = channel(&client, &alice, "general").await;
    for n in 1..=7 {
        say(&client, &general, &alice, &format!("m{n}")).await;
    }
    let strings = |pages: &[&[&str]]| -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| p.iter().map(|s| s.to_string()).collect())
            .collect()
    };
    assert_eq!(
        message_pages(&client, &general, &alice, SortOrder::Descending, 2).await,
        strings(&[&["m7", "m6"], &["m5", "m4"], &["m3", "m2"], &["m1"]])
    );
    assert_eq!(
        message_pages(&client, &general, &alice, SortOrder::Ascending, 3).await,
        strings(&[&["m1", "m2", "m3"], &["m4", "m5", "m6"], &["m7"]])
    );
    // A page that ends exactly at the last item has no token.
    assert_eq!(
        message_pages(&client, &general, &alice, SortOrder::Ascending, 7)
            .await
            .len(),
        1
    );

    // The generated paginator follows the tokens by itself.
    let mut paginator = client
        .list_channel_messages()
        .channel_arn(&general)
        .max_results(2)
        .chime_bearer(&alice)
        .into_paginator();
    let mut pages = 0;
    let mut seen = Vec::new();
    while let Some(page) = paginator.next_page().await {
        pages += 1;
        seen.extend(
            page.expect("page")
                .channel_messages
                .unwrap_or_default()
                .into_iter()
                .filter_map(|m| m.content),
        );
    }
    assert_eq!(pages, 4);
    assert_eq!(seen, ["m7", "m6", "m5", "m4", "m3", "m2", "m1"]);

    // A token belongs to its listing: not to another order or channel.
    let first = client
        .list_channel_messages()
        .channel_arn(&general)
        .max_results(2)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("first page");
    let token = first.next_token.expect("a token");
    let error = client
        .list_channel_messages()
        .channel_arn(&general)
        .sort_order(SortOrder::Ascending)
        .max_results(2)
        .next_token(&token)
        .chime_bearer(&alice)
        .send()
        .await
        .expect_err("a token of another listing");
    assert!(
        error.is_bad_request_exception() && error.to_string().contains("NextToken"),
        "{error:?}"
    );
    let other = channel(&client, &alice, "other").await;
    let error = client
        .list_channel_messages()
        .channel_arn(&other)
        .max_results(2)
        .next_token(&token)
        .chime_bearer(&alice)
        .send()
        .await
        .expect_err("a token of another channel");
    assert!(error.is_bad_request_exception(), "{error:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_filters() {
    let (_running, client) = start().await;
    let alice = user("alice");
    let general = channel(&client, &alice, "general").await;
    for n in 1..=3 {
        say(&client, &general, &alice, &format!("early{n}")).await;
    }
    tokio::time::sleep(Duration::from_millis(20)).await;
    let middle = DateTime::now();
    tokio::time::sleep(Duration::from_millis(20)).await;
    for n in 1..=3 {
        say(&client, &general, &alice, &format!("late{n}")).await;
    }
    let list = |before: Option<DateTime>, after: Option<DateTime>| {
        let mut call = client
            .list_channel_messages()
            .channel_arn(&general)
            .sort_order(SortOrder::Ascending)
            .chime_bearer(&alice);
        if let Some(t) = before {
            call = call.not_before(t);
        }
        if let Some(t) = after {
            call = call.not_after(t);
        }
        call
    };
    let contents = |page: chime_sdk_messaging::types::ListChannelMessagesResponse| -> Vec<String> {
        page.channel_messages
            .unwrap_or_default()
            .into_iter()
            .filter_map(|m| m.content)
            .collect()
    };
    assert_eq!(
        contents(list(Some(middle), None).send().await.expect("not before")),
        ["late1", "late2", "late3"]
    );
    assert_eq!(
        contents(list(None, Some(middle)).send().await.expect("not after")),
        ["early1", "early2", "early3"]
    );
    // A timestamp read back from a response is an exact bound.
    let late1 = list(Some(middle), None)
        .send()
        .await
        .expect("list")
        .channel_messages
        .unwrap_or_default();
    let at = late1
        .first()
        .and_then(|m| m.created_timestamp)
        .expect("a timestamp");
    let exact = list(Some(at), Some(at))
        .send()
        .await
        .expect("exact window")
        .channel_messages
        .unwrap_or_default();
    assert!(exact.iter().all(|m| m.created_timestamp == Some(at)));
    assert_eq!(
        exact.first().and_then(|m| m.content.as_deref()),
        Some("late1")
    );
    let error = list(Some(middle), Some(DateTime::from_secs(0)))
        .send()
        .await
        .expect_err("an empty window");
    assert!(error.is_bad_request_exception(), "{error:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memberships_and_channels_page_stably() {
    let (_running, client) = start().await;
    let alice = user("alice");
    let general = channel(&client, &alice, "general").await;
    for n in 0..10 {
        join(&client, &general, &alice, &user(&format!("member{n:02}"))).await;
    }
    // 11 members (alice too) in pages of 4, with a member joining between
    // pages: nothing repeats and nothing is skipped.
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut call = client
            .list_channel_memberships()
            .channel_arn(&general)
            .max_results(4)
            .chime_bearer(&alice);
        if let Some(t) = token.take() {
            call = call.next_token(t);
        }
        let page = call.send().await.expect("page");
        pages += 1;
        seen.extend(
            page.channel_memberships
                .unwrap_or_default()
                .into_iter()
                .filter_map(|m| m.member?.arn),
        );
        if pages == 1 {
            join(&client, &general, &alice, &user("zed")).await;
        }
        match page.next_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen, "in order, without repeats");
    assert_eq!(seen.len(), 12);
    assert_eq!(seen.last(), Some(&user("zed")));

    // Channels too, through the paginator: 1 + 6 public channels in
    // pages of 3, and a private one that users do not see.
    for n in 0..6 {
        channel(&client, &alice, &format!("c{n}")).await;
    }
    client
        .create_channel()
        .app_instance_arn(APP)
        .name("hidden")
        .privacy(ChannelPrivacy::Private)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("private channel");
    let mut paginator = client
        .list_channels()
        .app_instance_arn(APP)
        .max_results(3)
        .chime_bearer(user("bob"))
        .into_paginator();
    let mut names = Vec::new();
    let mut pages = 0;
    while let Some(page) = paginator.next_page().await {
        pages += 1;
        names.extend(
            page.expect("page")
                .channels
                .unwrap_or_default()
                .into_iter()
                .filter_map(|c| c.name),
        );
    }
    assert_eq!(pages, 3);
    assert_eq!(names.len(), 7);
    assert!(!names.contains(&"hidden".to_owned()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotent_retries() {
    let (_running, client) = start().await;
    let alice = user("alice");

    // CreateChannel: same token, same input -> the same channel.
    let create = |name: &str| {
        client
            .create_channel()
            .app_instance_arn(APP)
            .name(name)
            .client_request_token("create-once")
            .chime_bearer(&alice)
    };
    let first = create("retry me").send().await.expect("first").channel_arn;
    let second = create("retry me").send().await.expect("retry").channel_arn;
    assert_eq!(first, second);
    let general = first.expect("ARN");
    let channels = client
        .list_channels()
        .app_instance_arn(APP)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("list")
        .channels
        .unwrap_or_default();
    assert_eq!(channels.len(), 1, "the retry created nothing");
    // Same token, different input -> conflict.
    let error = create("something else")
        .send()
        .await
        .expect_err("reused token");
    assert!(
        error.is_conflict_exception() && error.to_string().contains("ClientRequestToken"),
        "{error:?}"
    );

    // SendChannelMessage: the same MessageId, and one message.
    let send = |content: &str| {
        client
            .send_channel_message()
            .channel_arn(&general)
            .content(content)
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .client_request_token("send-once")
            .chime_bearer(&alice)
    };
    let first = send("only once").send().await.expect("send").message_id;
    let again = send("only once").send().await.expect("retry").message_id;
    assert!(first.is_some());
    assert_eq!(first, again);
    let messages = client
        .list_channel_messages()
        .channel_arn(&general)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("list")
        .channel_messages
        .unwrap_or_default();
    assert_eq!(messages.len(), 1);
    let error = send("different").send().await.expect_err("reused token");
    assert!(error.is_conflict_exception(), "{error:?}");
    // Without a token the client makes up a fresh one each time.
    let a = say(&client, &general, &alice, "twice").await;
    let b = say(&client, &general, &alice, "twice").await;
    assert_ne!(a, b);

    // CreateChannelFlow.
    let flow = || {
        client
            .create_channel_flow()
            .app_instance_arn(APP)
            .name("flow")
            .processors(vec![processor("p", 1)])
            .client_request_token("flow-once")
    };
    let first = flow().send().await.expect("flow").channel_flow_arn;
    assert_eq!(first, flow().send().await.expect("retry").channel_flow_arn);
    let flow_arn = first.expect("ARN");

    // ChannelFlowCallback: the same CallbackId may be repeated; another
    // callback for a settled message is a conflict.
    client
        .associate_channel_flow()
        .channel_arn(&general)
        .channel_flow_arn(&flow_arn)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("associate");
    let pending = say(&client, &general, &alice, "pending").await;
    let callback = |id: &str| {
        client
            .channel_flow_callback()
            .channel_arn(&general)
            .callback_id(id)
            .channel_message(ChannelMessageCallback {
                message_id: pending.clone(),
                content: Some("approved".into()),
                metadata: None,
                push_notification: None,
                message_attributes: None,
                sub_channel_id: None,
                content_type: None,
            })
    };
    let id = "cb-00000000000000000000000000000001";
    assert_eq!(
        callback(id)
            .send()
            .await
            .expect("callback")
            .callback_id
            .as_deref(),
        Some(id)
    );
    assert_eq!(
        callback(id)
            .send()
            .await
            .expect("repeated callback")
            .callback_id
            .as_deref(),
        Some(id)
    );
    let error = callback("cb-00000000000000000000000000000002")
        .send()
        .await
        .expect_err("second callback");
    assert!(error.is_conflict_exception(), "{error:?}");
}
