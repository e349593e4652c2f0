//! Responses a client must survive: every one gives a typed error (or a
//! forward-compatible value), never a panic. Ends with a small random loop
//! over statuses, headers and bodies.

mod client_support;

use std::sync::Arc;

use chime_sdk_messaging::client::{Client, SdkError};
use chime_sdk_messaging::error::{
    DeleteChannelError, DescribeChannelError, GetChannelMessageError, ListChannelsError,
    SendChannelMessageError,
};
use chime_sdk_messaging::rt::client::HttpResponse;
use chime_sdk_messaging::rt::error::Unhandled;
use chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageStatus, ChannelMessageType, ListChannelsResponse,
};
use client_support::*;
use http::HeaderValue;

fn one_shot(recorder: Arc<Recorder>) -> Client {
    Client::new(config(recorder).max_attempts(1).build().unwrap())
}

async fn list_channels(
    response: HttpResponse,
) -> Result<ListChannelsResponse, SdkError<ListChannelsError>> {
    let recorder = Recorder::new();
    recorder.push(response);
    one_shot(recorder)
        .list_channels()
        .app_instance_arn("arn:app")
        .chime_bearer(BEARER)
        .send()
        .await
}

/// The `Unhandled` inside a `ListChannels` error, which must carry the
/// response it came from.
fn unhandled_of(error: &SdkError<ListChannelsError>) -> &Unhandled {
    match &**error {
        ListChannelsError::Unhandled(u) => u,
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

/// A 200 whose body cannot be read: an unhandled error that keeps the
/// status, body and request id, and says what was wrong.
async fn assert_unreadable_success(body: &[u8], expect_in_message: &str) {
    let error = list_channels(response(
        200,
        &[("x-amzn-requestid", "bad-200")],
        body.to_vec(),
    ))
    .await
    .expect_err(&String::from_utf8_lossy(body));
    assert_eq!(error.status(), Some(200));
    assert_eq!(error.request_id(), Some("bad-200"));
    let unhandled = unhandled_of(&error);
    assert_eq!(unhandled.status(), Some(200));
    assert_eq!(unhandled.request_id(), Some("bad-200"));
    assert_eq!(unhandled.body(), body);
    let message = unhandled.message().unwrap_or_default();
    assert!(
        message.contains("ListChannels") && message.contains(expect_in_message),
        "{message:?} should mention {expect_in_message:?}"
    );
    assert!(std::error::Error::source(unhandled).is_some());
}

#[tokio::test]
async fn truncated_json() {
    for body in [
        &br#"{"Channels":[{"Name":"a""#[..],
        br#"{"Channels":[{"Name":"a"}]"#,
        br#"{"NextToken":"abc"#,
        b"{",
        br#"{"Channels":[{"LastMessageTimestamp":17040"#,
    ] {
        assert_unreadable_success(body, "").await;
    }
}

#[tokio::test]
async fn wrong_json_types() {
    for (body, path) in [
        (&br#"{"Channels":"not a list"}"#[..], "Channels"),
        (br#"{"Channels":{"Name":"x"}}"#, "Channels"),
        (br#"{"Channels":[42]}"#, "Channels"),
        (br#"{"NextToken":5}"#, "NextToken"),
        (br#"{"NextToken":["a"]}"#, "NextToken"),
        (
            br#"{"Channels":[{"LastMessageTimestamp":"yesterday"}]}"#,
            "LastMessageTimestamp",
        ),
        (br#"{"Channels":[{"Privacy":7}]}"#, "Privacy"),
        (br#"{"Channels":[{"Name":null,"Mode":true}]}"#, "Mode"),
        (br#"[]"#, ""),
        (br#""a string""#, ""),
        (br#"null"#, ""),
        (br#"42"#, ""),
    ] {
        assert_unreadable_success(body, path).await;
    }
}

#[tokio::test]
async fn wrong_types_in_nested_structures() {
    for body in [
        r#"{"ChannelMessage":{"Redacted":"yes"}}"#,
        r#"{"ChannelMessage":{"Sender":"alice"}}"#,
        r#"{"ChannelMessage":{"MessageAttributes":{"k":{"StringValues":"a"}}}}"#,
        r#"{"ChannelMessage":{"MessageAttributes":["k"]}}"#,
        r#"{"ChannelMessage":{"Target":[{"MemberArn":1}]}}"#,
        r#"{"ChannelMessage":{"Status":{"Value":{}}}}"#,
    ] {
        let recorder = Recorder::new();
        recorder.push(json(200, body));
        let error = one_shot(recorder)
            .get_channel_message()
            .channel_arn(CHANNEL_ARN)
            .message_id("m")
            .chime_bearer(BEARER)
            .send()
            .await
            .expect_err(body);
        assert!(
            matches!(&*error, GetChannelMessageError::Unhandled(u) if u.status() == Some(200)),
            "{body}: {error:?}"
        );
    }
}

#[tokio::test]
async fn unknown_enum_values_are_kept() {
    let recorder = Recorder::new();
    recorder.push(json(
        200,
        r#"{"ChannelMessage":{"Type":"WHISPER","Persistence":"FOREVER","Status":{"Value":"LOST"}}}"#,
    ));
    let message = one_shot(recorder)
        .get_channel_message()
        .channel_arn(CHANNEL_ARN)
        .message_id("m")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap()
        .channel_message
        .unwrap();
    let kind = message.r#type.unwrap();
    assert!(matches!(kind, ChannelMessageType::Unknown(_)));
    assert_eq!(kind.as_str(), "WHISPER");
    let persistence = message.persistence.unwrap();
    assert!(matches!(
        persistence,
        ChannelMessagePersistenceType::Unknown(_)
    ));
    assert_eq!(persistence.to_string(), "FOREVER");
    let status = message.status.unwrap().value.unwrap();
    assert!(matches!(status, ChannelMessageStatus::Unknown(_)));
    assert_eq!(status.as_str(), "LOST");
    // Known values never land in `Unknown`.
    assert_eq!(
        ChannelMessageType::from("STANDARD"),
        ChannelMessageType::Standard
    );
}

#[tokio::test]
async fn missing_required_output_members() {
    for (body, member) in [
        (
            r#"{"Channel":{"ExpirationSettings":{"ExpirationDays":7}}}"#,
            "ExpirationCriterion",
        ),
        (
            r#"{"Channel":{"ExpirationSettings":{"ExpirationCriterion":"CREATED_TIMESTAMP"}}}"#,
            "ExpirationDays",
        ),
        (
            r#"{"Channel":{"ElasticChannelConfiguration":{"MaximumSubChannels":2,"TargetMembershipsPerSubChannel":3}}}"#,
            "MinimumMembershipPercentage",
        ),
        (
            r#"{"Channel":{"ExpirationSettings":{"ExpirationDays":null,"ExpirationCriterion":"CREATED_TIMESTAMP"}}}"#,
            "ExpirationDays",
        ),
    ] {
        let recorder = Recorder::new();
        recorder.push(json(200, body));
        let error = one_shot(recorder)
            .describe_channel()
            .channel_arn(CHANNEL_ARN)
            .chime_bearer(BEARER)
            .send()
            .await
            .expect_err(body);
        let DescribeChannelError::Unhandled(unhandled) = &*error else {
            panic!("{body}: expected Unhandled, got {error:?}");
        };
        let text = format!(
            "{} {}",
            unhandled.message().unwrap_or_default(),
            std::error::Error::source(unhandled)
                .map(|s| s.to_string())
                .unwrap_or_default()
        );
        assert!(text.contains(member), "{body}: {text}");
        assert_eq!(error.request_id(), Some("req-1"));
    }
}

#[tokio::test]
async fn html_error_pages() {
    let html = "<html><head><title>502 Bad Gateway</title></head>\
                <body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let error = list_channels(response(
        502,
        &[("content-type", "text/html"), ("x-amzn-requestid", "gw")],
        html,
    ))
    .await
    .unwrap_err();
    assert_eq!(error.status(), Some(502));
    assert_eq!(error.request_id(), Some("gw"));
    let unhandled = unhandled_of(&error);
    assert_eq!(unhandled.status(), Some(502));
    assert_eq!(unhandled.code(), None);
    assert_eq!(unhandled.body(), html.as_bytes());

    // An HTML page under a modeled error type: still typed, still no panic.
    let error = list_channels(response(
        500,
        &[("x-amzn-errortype", "ServiceFailureException")],
        html,
    ))
    .await
    .unwrap_err();
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.code(), Some("ServiceFailureException"));

    // And an HTML page with a 200.
    assert_unreadable_success(html.as_bytes(), "").await;
}

#[tokio::test]
async fn empty_bodies() {
    // A success with no body is an output with nothing in it.
    let output = list_channels(response(200, &[], Vec::new())).await.unwrap();
    assert_eq!(output.channels, None);
    assert_eq!(output.next_token, None);
    let output = list_channels(response(200, &[], " \r\n")).await.unwrap();
    assert_eq!(output.channels, None);

    // An error with no body and no type.
    let error = list_channels(response(400, &[], Vec::new()))
        .await
        .unwrap_err();
    assert_eq!(unhandled_of(&error).status(), Some(400));
    assert!(unhandled_of(&error).body().is_empty());

    // An error with a type header and no body is the modeled error.
    let error = list_channels(response(
        400,
        &[("x-amzn-errortype", "BadRequestException")],
        Vec::new(),
    ))
    .await
    .unwrap_err();
    match &*error {
        ListChannelsError::BadRequestException(e) => {
            assert_eq!(e.code, None);
            assert_eq!(e.message, None);
        }
        other => panic!("{other:?}"),
    }

    // DeleteChannel has no output: any 2xx body is fine, even a stray one.
    for body in [&b""[..], b"{}", b"garbage"] {
        let recorder = Recorder::new();
        recorder.push(response(204, &[], body.to_vec()));
        one_shot(recorder)
            .delete_channel()
            .channel_arn(CHANNEL_ARN)
            .chime_bearer(BEARER)
            .send()
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn malformed_body_of_a_modeled_error() {
    let body = r#"{"Code":5,"Message":["x"]}"#;
    let error = list_channels(response(
        400,
        &[
            ("x-amzn-errortype", "BadRequestException"),
            ("x-amzn-requestid", "mal-1"),
        ],
        body,
    ))
    .await
    .unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.request_id(), Some("mal-1"));
    let unhandled = unhandled_of(&error);
    assert_eq!(unhandled.code(), Some("BadRequestException"));
    assert_eq!(unhandled.status(), Some(400));
    assert_eq!(unhandled.body(), body.as_bytes());
    assert_eq!(unhandled.request_id(), Some("mal-1"));
}

#[tokio::test]
async fn invalid_utf8() {
    assert_unreadable_success(&[0xff, 0xfe, 0xfd], "").await;
    assert_unreadable_success(b"{\"NextToken\":\"\xff\xfe\"}", "").await;
    assert_unreadable_success(b"{\"Channels\":[{\"Name\":\"\xc3\x28\"}]}", "").await;

    // Bytes that are not UTF-8 in headers are ignored, not trusted.
    let mut bad = response(400, &[], r#"{"__type":"BadRequestException"}"#);
    bad.headers.insert(
        "x-amzn-errortype",
        HeaderValue::from_bytes(b"Forbidden\xffException").unwrap(),
    );
    bad.headers.insert(
        "x-amzn-requestid",
        HeaderValue::from_bytes(b"id-\xfe").unwrap(),
    );
    let error = list_channels(bad).await.unwrap_err();
    assert!(error.is_bad_request_exception(), "{error:?}");
    assert_eq!(error.request_id(), None);

    // An error body that is not UTF-8.
    let error = list_channels(response(500, &[], vec![0x80; 64]))
        .await
        .unwrap_err();
    assert_eq!(unhandled_of(&error).body(), &[0x80; 64][..]);
}

#[tokio::test]
async fn huge_numbers() {
    for body in [
        r#"{"Channels":[{"LastMessageTimestamp":1e400}]}"#,
        r#"{"Channels":[{"LastMessageTimestamp":1e300}]}"#,
        r#"{"Channels":[{"LastMessageTimestamp":-1e300}]}"#,
        r#"{"Channels":[{"LastMessageTimestamp":99999999999999999999999999999}]}"#,
    ] {
        assert_unreadable_success(body.as_bytes(), "").await;
    }
    for body in [
        r#"{"Channel":{"ExpirationSettings":{"ExpirationDays":99999999999,"ExpirationCriterion":"CREATED_TIMESTAMP"}}}"#,
        r#"{"Channel":{"ExpirationSettings":{"ExpirationDays":1.5,"ExpirationCriterion":"CREATED_TIMESTAMP"}}}"#,
        r#"{"Channel":{"ExpirationSettings":{"ExpirationDays":-2147483649,"ExpirationCriterion":"CREATED_TIMESTAMP"}}}"#,
        r#"{"Channel":{"ExpirationSettings":{"ExpirationDays":1e999,"ExpirationCriterion":"CREATED_TIMESTAMP"}}}"#,
    ] {
        let recorder = Recorder::new();
        recorder.push(json(200, body));
        let error = one_shot(recorder)
            .describe_channel()
            .channel_arn(CHANNEL_ARN)
            .chime_bearer(BEARER)
            .send()
            .await
            .expect_err(body);
        assert!(
            matches!(&*error, DescribeChannelError::Unhandled(_)),
            "{body}: {error:?}"
        );
    }
    // The largest values that do fit are read exactly.
    let recorder = Recorder::new();
    recorder.push(json(
        200,
        r#"{"Channel":{"ExpirationSettings":{"ExpirationDays":2147483647,"ExpirationCriterion":"CREATED_TIMESTAMP"}}}"#,
    ));
    let channel = one_shot(recorder)
        .describe_channel()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap()
        .channel
        .unwrap();
    assert_eq!(
        channel.expiration_settings.unwrap().expiration_days,
        i32::MAX
    );
}

#[tokio::test]
async fn deeply_nested_json() {
    let mut body = String::from(r#"{"Channels":"#);
    body.push_str(&"[".repeat(100_000));
    assert_unreadable_success(body.as_bytes(), "").await;
    let mut body = String::from(r#"{"Channels":[{"Name":"#);
    body.push_str(&"{\"a\":".repeat(50_000));
    assert_unreadable_success(body.as_bytes(), "").await;
}

// ----- random responses ---------------------------------------------------------

/// xorshift64*: small, deterministic, good enough to shake a parser.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const SEEDS: &[&str] = &[
    r#"{"Channels":[{"Name":"a","Mode":"RESTRICTED","Privacy":"PUBLIC","LastMessageTimestamp":1704067200.123}],"NextToken":"t"}"#,
    r#"{"ChannelMessage":{"MessageId":"m","Type":"STANDARD","CreatedTimestamp":1.5,"Sender":{"Arn":"a"},"Redacted":true,"Status":{"Value":"SENT"},"MessageAttributes":{"k":{"StringValues":["v"]}},"Target":[{"MemberArn":"t"}]}}"#,
    r#"{"Channel":{"ExpirationSettings":{"ExpirationDays":7,"ExpirationCriterion":"CREATED_TIMESTAMP"},"ElasticChannelConfiguration":{"MaximumSubChannels":1,"TargetMembershipsPerSubChannel":2,"MinimumMembershipPercentage":3}}}"#,
    r#"{"ChannelArn":"arn","MessageId":"m","Status":{"Value":"PENDING","Detail":"d"}}"#,
    r#"{"__type":"com.amazonaws.chimesdkmessaging#BadRequestException","Code":"BadRequest","Message":"m"}"#,
    r#"{"code":"ThrottledClientException:http://x","message":"slow"}"#,
    "<html><body>oops</body></html>",
    "",
];

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"\\",
    b"null",
    b"true",
    b"1e999",
    b"-0",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"\xff",
    b"\xc3",
    b"9999999999999999999999",
    b"0.0000001",
];

const HEADER_NAMES: &[&str] = &[
    "x-amzn-errortype",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-amzn-error-message",
    "content-type",
    "content-length",
];

const HEADER_VALUES: &[&str] = &[
    "BadRequestException",
    "ConflictException:http://internal.amazon.com/",
    "ns#ThrottledClientException",
    "#",
    ":",
    "#:",
    "",
    " ",
    "ServiceUnavailableException",
    "UnknownThing",
];

fn random_body(rng: &mut Rng) -> Vec<u8> {
    match rng.below(4) {
        // Pure noise.
        0 => (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
        // A seed with bytes flipped, dropped or inserted.
        1 | 2 => {
            let mut body = rng.pick(SEEDS).as_bytes().to_vec();
            for _ in 0..=rng.below(4) {
                if body.is_empty() {
                    body.extend_from_slice(rng.pick(TOKENS));
                    continue;
                }
                let at = rng.below(body.len());
                match rng.below(4) {
                    0 => body[at] = rng.next() as u8,
                    1 => {
                        body.remove(at);
                    }
                    2 => {
                        let token = rng.pick(TOKENS);
                        body.splice(at..at, token.iter().copied());
                    }
                    _ => body.truncate(at),
                }
            }
            body
        }
        // JSON-ish token soup.
        _ => {
            let mut body = Vec::new();
            for _ in 0..rng.below(24) {
                body.extend_from_slice(rng.pick(TOKENS));
            }
            body
        }
    }
}

fn random_response(rng: &mut Rng) -> HttpResponse {
    let status = match rng.below(4) {
        0 => 200,
        1 => rng.pick(&[201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503]),
        _ => rng.below(1000) as u16,
    };
    let mut headers = http::HeaderMap::new();
    for _ in 0..rng.below(4) {
        let name = rng.pick(HEADER_NAMES);
        let value = if rng.below(3) == 0 {
            // Any bytes a header value may hold, UTF-8 or not.
            let bytes: Vec<u8> = (0..rng.below(24))
                .map(|_| rng.next() as u8)
                .filter(|b| *b == b'\t' || (*b >= 0x20 && *b != 0x7f))
                .collect();
            HeaderValue::from_bytes(&bytes).unwrap()
        } else {
            HeaderValue::from_static(rng.pick(HEADER_VALUES))
        };
        headers.append(name, value);
    }
    HttpResponse {
        status,
        headers,
        body: random_body(rng),
    }
}

/// Checks what any outcome must satisfy: a 2xx may succeed, everything
/// else is an error carrying the status it came with.
fn check<O, E: std::fmt::Debug + std::fmt::Display>(result: Result<O, SdkError<E>>, status: u16) {
    match result {
        Ok(_) => assert!((200..300).contains(&status), "success from {status}"),
        Err(error) => {
            assert_eq!(error.status(), Some(status), "{error:?}");
            // Display and Debug must not panic either.
            let _ = (error.to_string(), format!("{error:?}"));
        }
    }
}

#[tokio::test]
async fn random_responses_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..1500 {
        let response = random_response(&mut rng);
        let status = response.status;
        let recorder = Recorder::new();
        for _ in 0..5 {
            recorder.push(response.clone());
        }
        let client = one_shot(recorder.clone());
        check::<_, ListChannelsError>(
            client
                .list_channels()
                .app_instance_arn("a")
                .chime_bearer(BEARER)
                .send()
                .await,
            status,
        );
        check::<_, GetChannelMessageError>(
            client
                .get_channel_message()
                .channel_arn(CHANNEL_ARN)
                .message_id("m")
                .chime_bearer(BEARER)
                .send()
                .await,
            status,
        );
        check::<_, DescribeChannelError>(
            client
                .describe_channel()
                .channel_arn(CHANNEL_ARN)
                .chime_bearer(BEARER)
                .send()
                .await,
            status,
        );
        check::<_, SendChannelMessageError>(
            client
                .send_channel_message()
                .channel_arn(CHANNEL_ARN)
                .content("c")
                .r#type(ChannelMessageType::Control)
                .persistence(ChannelMessagePersistenceType::NonPersistent)
                .chime_bearer(BEARER)
                .send()
                .await,
            status,
        );
        check::<_, DeleteChannelError>(
            client
                .delete_channel()
                .channel_arn(CHANNEL_ARN)
                .chime_bearer(BEARER)
                .send()
                .await,
            status,
        );
        assert_eq!(recorder.count(), 5);
    }
}
