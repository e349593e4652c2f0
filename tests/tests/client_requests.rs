//! What the generated client puts on the wire, checked byte for byte
//! against an in-process recording transport: method, path, query,
//! headers, body, and the SigV4 headers, whose signature is recomputed
//! independently with the `aws-sigv4` crate.

mod client_support;

use std::sync::Arc;

use chime_sdk_messaging::client::{Client, Credentials};
use chime_sdk_messaging::rt::client::HttpRequest;
use chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageStatus, ChannelMessageType, ChannelPrivacy,
    SearchField, SearchFieldKey, SearchFieldOperator,
};
use client_support::*;

const SCOPE: &str = "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/chime/aws4_request";

fn client_with_token(recorder: Arc<Recorder>) -> Client {
    let config = config(recorder)
        .credentials(Credentials::new(AKID, SECRET).with_session_token(TOKEN))
        .build()
        .unwrap();
    Client::new(config)
}

/// A compact JSON body equal to `expected`.
fn assert_json(body: &[u8], expected: &str) {
    let text = std::str::from_utf8(body).unwrap();
    assert!(
        !text.contains(": ") && !text.contains('\n'),
        "not compact: {text}"
    );
    let actual: serde_json::Value = serde_json::from_str(text).unwrap();
    let expected: serde_json::Value = serde_json::from_str(expected).unwrap();
    assert_eq!(actual, expected);
}

/// The signing headers every request must carry.
fn assert_signed(request: &HttpRequest, signed_headers: &str, token: Option<&str>) {
    assert_eq!(header(request, "host"), HOST);
    assert_eq!(header(request, "x-amz-date"), "20240101T000000Z");
    match token {
        Some(token) => assert_eq!(header(request, "x-amz-security-token"), token),
        None => assert!(request.headers.get("x-amz-security-token").is_none()),
    }
    let authorization = header(request, "authorization");
    let prefix = format!("{SCOPE}, SignedHeaders={signed_headers}, Signature=");
    assert!(
        authorization.starts_with(&prefix),
        "{authorization}\n does not start with\n{prefix}"
    );
    let signature = &authorization[prefix.len()..];
    assert_eq!(signature.len(), 64, "{signature}");
    assert!(signature
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert_eq!(
        authorization,
        aws_sigv4_authorization(request, token, fixed_time())
    );
}

#[tokio::test]
async fn send_channel_message_request_is_exact() {
    let recorder = Recorder::new();
    recorder.push(response(
        201,
        &[
            ("content-type", "application/json"),
            ("x-amzn-RequestId", "5b1d6f2a-request"),
        ],
        format!(
            r#"{{"ChannelArn":"{CHANNEL_ARN}","MessageId":"msg-1","Status":{{"Value":"SENT"}}}}"#
        ),
    ));
    let client = client_with_token(recorder.clone());
    let (output, meta) = client
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("hello, world")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .client_request_token("token-123")
        .chime_bearer(BEARER)
        .send_with_meta()
        .await
        .unwrap();

    let request = recorder.single();
    assert_eq!(request.method, http::Method::POST);
    assert_eq!(
        request.uri.to_string(),
        format!("https://{HOST}/channels/{CHANNEL_ARN_ENCODED}/messages")
    );
    assert_eq!(request.uri.query(), None);
    // Compared as JSON: key order follows serde_json's `preserve_order`
    // feature, which cargo unifies across the build.
    assert_json(
        &request.body,
        r#"{"ClientRequestToken":"token-123","Content":"hello, world","Persistence":"PERSISTENT","Type":"STANDARD"}"#,
    );
    assert_eq!(
        header_names(&request),
        [
            "amz-sdk-invocation-id",
            "amz-sdk-request",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "user-agent",
            "x-amz-chime-bearer",
            "x-amz-date",
            "x-amz-security-token",
        ]
    );
    assert_eq!(header(&request, "content-type"), "application/json");
    assert_eq!(
        header(&request, "content-length"),
        request.body.len().to_string()
    );
    assert_eq!(header(&request, "x-amz-chime-bearer"), BEARER);
    assert_eq!(header(&request, "amz-sdk-request"), "attempt=1; max=3");
    assert!(is_uuid_v4(header(&request, "amz-sdk-invocation-id")));
    assert!(
        header(&request, "user-agent").starts_with("chime-sdk-messaging-rs/"),
        "{}",
        header(&request, "user-agent")
    );
    assert_signed(
        &request,
        "content-type;host;x-amz-chime-bearer;x-amz-date;x-amz-security-token",
        Some(TOKEN),
    );

    assert_eq!(output.channel_arn.as_deref(), Some(CHANNEL_ARN));
    assert_eq!(output.message_id.as_deref(), Some("msg-1"));
    assert_eq!(
        output.status.unwrap().value,
        Some(ChannelMessageStatus::Sent)
    );
    assert_eq!(meta.status, 201);
    assert_eq!(meta.request_id.as_deref(), Some("5b1d6f2a-request"));
}

#[tokio::test]
async fn idempotency_token_is_filled_with_a_fresh_uuid_v4_when_unset() {
    let recorder = Recorder::new();
    let client = client(recorder.clone());
    let mut tokens = Vec::new();
    for _ in 0..2 {
        recorder.push(json(201, r#"{"MessageId":"m"}"#));
        client
            .send_channel_message()
            .channel_arn(CHANNEL_ARN)
            .content("hi")
            .r#type("CONTROL")
            .persistence("NON_PERSISTENT")
            .chime_bearer(BEARER)
            .send()
            .await
            .unwrap();
        let request = recorder.requests().pop().unwrap();
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        let token = body["ClientRequestToken"].as_str().unwrap().to_owned();
        assert!(is_uuid_v4(&token), "{token}");
        assert_eq!(body["Type"], "CONTROL");
        assert_eq!(body["Persistence"], "NON_PERSISTENT");
        // No session token configured: none is sent or signed.
        assert_signed(
            &request,
            "content-type;host;x-amz-chime-bearer;x-amz-date",
            None,
        );
        tokens.push(token);
    }
    assert_ne!(tokens[0], tokens[1], "each call gets its own token");
}

#[tokio::test]
async fn list_channel_memberships_for_app_instance_user_keeps_the_query_literal() {
    let recorder = Recorder::new();
    recorder.push(json(200, r#"{"ChannelMemberships":[]}"#));
    let client = client_with_token(recorder.clone());
    client
        .list_channel_memberships_for_app_instance_user()
        .chime_bearer(BEARER)
        .max_results(10)
        .next_token("a/b+c==")
        .send()
        .await
        .unwrap();

    let request = recorder.single();
    assert_eq!(request.method, http::Method::GET);
    assert_eq!(request.uri.path(), "/channels");
    assert_eq!(
        request.uri.query(),
        Some("scope=app-instance-user-memberships&max-results=10&next-token=a%2Fb%2Bc%3D%3D")
    );
    assert!(request.body.is_empty());
    assert_eq!(
        header_names(&request),
        [
            "amz-sdk-invocation-id",
            "amz-sdk-request",
            "authorization",
            "host",
            "user-agent",
            "x-amz-chime-bearer",
            "x-amz-date",
            "x-amz-security-token",
        ]
    );
    assert_signed(
        &request,
        "host;x-amz-chime-bearer;x-amz-date;x-amz-security-token",
        Some(TOKEN),
    );

    // With the optional user ARN too, and without paging members.
    recorder.push(json(200, "{}"));
    client
        .list_channel_memberships_for_app_instance_user()
        .chime_bearer(BEARER)
        .app_instance_user_arn(BEARER)
        .send()
        .await
        .unwrap();
    let request = recorder.requests().pop().unwrap();
    assert_eq!(
        request.uri.query(),
        Some(
            "scope=app-instance-user-memberships&app-instance-user-arn=\
             arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fapp-1%2Fuser%2Falice"
        )
    );
    assert_signed(
        &request,
        "host;x-amz-chime-bearer;x-amz-date;x-amz-security-token",
        Some(TOKEN),
    );
}

#[tokio::test]
async fn list_channels_sends_query_parameters() {
    let recorder = Recorder::new();
    recorder.push(json(200, r#"{"Channels":[]}"#));
    let client = client(recorder.clone());
    client
        .list_channels()
        .app_instance_arn(APP_INSTANCE_ARN)
        .privacy(ChannelPrivacy::Private)
        .max_results(50)
        .next_token("next page")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap();
    let request = recorder.single();
    assert_eq!(request.method, http::Method::GET);
    assert_eq!(
        request.uri.to_string(),
        format!(
            "https://{HOST}/channels?app-instance-arn=\
             arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fapp-1\
             &privacy=PRIVATE&max-results=50&next-token=next%20page"
        )
    );
    assert!(request.body.is_empty());
    assert!(request.headers.get("content-type").is_none());
    assert!(request.headers.get("content-length").is_none());
    assert_signed(&request, "host;x-amz-chime-bearer;x-amz-date", None);

    // Optional members left out are left out of the query.
    recorder.push(json(200, "{}"));
    client
        .list_channels()
        .app_instance_arn("x")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap();
    assert_eq!(
        recorder.requests().pop().unwrap().uri.query(),
        Some("app-instance-arn=x")
    );
}

#[tokio::test]
async fn get_channel_message_without_optional_members() {
    let recorder = Recorder::new();
    recorder.push(json(
        200,
        r#"{"ChannelMessage":{"MessageId":"msg/1","Content":"hi"}}"#,
    ));
    let client = client(recorder.clone());
    let output = client
        .get_channel_message()
        .channel_arn(CHANNEL_ARN)
        .message_id("msg/1")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap();
    let request = recorder.single();
    assert_eq!(request.method, http::Method::GET);
    assert_eq!(
        target(&request),
        format!("/channels/{CHANNEL_ARN_ENCODED}/messages/msg%2F1")
    );
    assert_eq!(
        header_names(&request),
        [
            "amz-sdk-invocation-id",
            "amz-sdk-request",
            "authorization",
            "host",
            "user-agent",
            "x-amz-chime-bearer",
            "x-amz-date",
        ]
    );
    assert_signed(&request, "host;x-amz-chime-bearer;x-amz-date", None);
    let message = output.channel_message.unwrap();
    assert_eq!(message.message_id.as_deref(), Some("msg/1"));
    assert_eq!(message.content.as_deref(), Some("hi"));

    // The optional query member, when set.
    recorder.push(json(200, "{}"));
    client
        .get_channel_message()
        .channel_arn(CHANNEL_ARN)
        .message_id("m")
        .chime_bearer(BEARER)
        .sub_channel_id("sub-1")
        .send()
        .await
        .unwrap();
    let request = recorder.requests().pop().unwrap();
    assert_eq!(
        target(&request),
        format!("/channels/{CHANNEL_ARN_ENCODED}/messages/m?sub-channel-id=sub-1")
    );
    assert_signed(&request, "host;x-amz-chime-bearer;x-amz-date", None);
}

/// `SearchChannels` is one of the two operations whose bearer header is
/// optional: absent when unset, present when set.
#[tokio::test]
async fn optional_bearer_header_is_absent_when_unset() {
    let recorder = Recorder::new();
    let client = client(recorder.clone());
    let field = SearchField::builder()
        .key(SearchFieldKey::Members)
        .values(vec![BEARER.to_owned()])
        .operator(SearchFieldOperator::Equals)
        .build()
        .unwrap();
    for bearer in [None, Some(BEARER)] {
        recorder.push(json(200, r#"{"Channels":[]}"#));
        let mut call = client.search_channels().fields(vec![field.clone()]);
        if let Some(bearer) = bearer {
            call = call.chime_bearer(bearer);
        }
        call.send().await.unwrap();
        let request = recorder.requests().pop().unwrap();
        assert_eq!(request.method, http::Method::POST);
        assert_eq!(target(&request), "/channels?operation=search");
        assert_json(
            &request.body,
            &format!(
                r#"{{"Fields":[{{"Key":"MEMBERS","Operator":"EQUALS","Values":["{BEARER}"]}}]}}"#
            ),
        );
        match bearer {
            None => {
                assert!(request.headers.get("x-amz-chime-bearer").is_none());
                assert_signed(&request, "content-type;host;x-amz-date", None);
            }
            Some(bearer) => {
                assert_eq!(header(&request, "x-amz-chime-bearer"), bearer);
                assert_signed(
                    &request,
                    "content-type;host;x-amz-chime-bearer;x-amz-date",
                    None,
                );
            }
        }
    }
}

#[tokio::test]
async fn delete_channel_reads_an_empty_204() {
    let recorder = Recorder::new();
    recorder.push(response(204, &[("x-amzn-requestid", "del-1")], Vec::new()));
    let client = client(recorder.clone());
    let (_output, meta) = client
        .delete_channel()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send_with_meta()
        .await
        .unwrap();
    let request = recorder.single();
    assert_eq!(request.method, http::Method::DELETE);
    assert_eq!(target(&request), format!("/channels/{CHANNEL_ARN_ENCODED}"));
    assert!(request.body.is_empty());
    assert!(request.headers.get("content-type").is_none());
    assert!(request.headers.get("content-length").is_none());
    assert_signed(&request, "host;x-amz-chime-bearer;x-amz-date", None);
    assert_eq!(meta.status, 204);
    assert_eq!(meta.request_id.as_deref(), Some("del-1"));
}

#[tokio::test]
async fn missing_required_members_are_named_and_nothing_is_sent() {
    let recorder = Recorder::new();
    let client = client(recorder.clone());
    let error = client
        .send_channel_message()
        .content("hi")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("channel_arn") || text.contains("ChannelArn"),
        "{text}"
    );
    assert_eq!(error.status(), None);
    assert_eq!(recorder.count(), 0);

    // An empty label would change the route: refused before sending.
    let error = client
        .delete_channel()
        .channel_arn("")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("ChannelArn"), "{error}");
    assert_eq!(recorder.count(), 0);
}

#[tokio::test]
async fn endpoint_url_override_keeps_its_base_path_and_port() {
    let recorder = Recorder::new();
    recorder.push(response(204, &[], Vec::new()));
    let config = config(recorder.clone())
        .endpoint_url("http://localhost:4566/prefix/")
        .build()
        .unwrap();
    Client::new(config)
        .delete_channel()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap();
    let request = recorder.single();
    assert_eq!(
        request.uri.to_string(),
        format!("http://localhost:4566/prefix/channels/{CHANNEL_ARN_ENCODED}")
    );
    assert_eq!(header(&request, "host"), "localhost:4566");
    assert!(header(&request, "authorization").starts_with(SCOPE));
}
