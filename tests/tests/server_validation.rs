//! Input validation through the generated Chime router: each constraint
//! kind, the member path in the message, and the modeled error it answers.

mod server_support;

use server_support::{json, request, router, send, Answer, CHANNEL_ARN_ENCODED};

const PREFIX: &str = "1 validation error detected. ";

async fn send_message(body: &str) -> Answer {
    send(
        &router(),
        json(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/messages"),
            body,
        ),
    )
    .await
}

#[track_caller]
fn assert_invalid(answer: &Answer, detail: &str) {
    answer.expect(400, "BadRequestException");
    assert_eq!(
        answer.message(),
        format!("{PREFIX}{detail}"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn length_of_a_body_string() {
    let answer = send_message(r#"{"Content":"","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#).await;
    assert_invalid(&answer, "Value with length 0 at '/Content' failed to satisfy constraint: Member must have length greater than or equal to 1");
}

#[tokio::test]
async fn length_counts_unicode_scalars() {
    // `Metadata` allows 1024 characters: 1024 emoji (4096 bytes) fit, 1025 do not.
    let message = |metadata: &str| {
        format!(
            r#"{{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123","Metadata":"{metadata}"}}"#
        )
    };
    let answer = send_message(&message(&"\u{1F44D}".repeat(1024))).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let answer = send_message(&message(&"\u{1F44D}".repeat(1025))).await;
    assert_invalid(&answer, "Value with length 1025 at '/Metadata' failed to satisfy constraint: Member must have length between 0 and 1024, inclusive");
}

#[tokio::test]
async fn patterns_quote_the_model() {
    let answer = send_message(r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"no spaces"}"#).await;
    assert_invalid(&answer, "Value at '/ClientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[-_a-zA-Z0-9]*$");
    let token = "a".repeat(65);
    let body = format!(
        r#"{{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"{token}"}}"#
    );
    assert_invalid(&send_message(&body).await, "Value with length 65 at '/ClientRequestToken' failed to satisfy constraint: Member must have length between 2 and 64, inclusive");
}

#[tokio::test]
async fn supplementary_characters_pass_the_content_pattern() {
    // `[\u0009…\u10000-\u10FFFF]*` is read as "any supplementary character".
    let body = r#"{"Content":"thumbs \ud83d\udc4d up","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123","Metadata":"m \ud83d\ude00"}"#;
    let answer = send_message(body).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
}

#[tokio::test]
async fn required_members() {
    // Missing in the body.
    let answer = send_message(
        r#"{"Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#,
    )
    .await;
    assert_invalid(
        &answer,
        "Value at '/Content' failed to satisfy constraint: Member must not be null",
    );
    // Explicit null.
    let answer = send_message(r#"{"Content":null,"Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#).await;
    assert_invalid(
        &answer,
        "Value at '/Content' failed to satisfy constraint: Member must not be null",
    );
    // An idempotency token is optional in Rust (clients fill it in) but required on the wire.
    let answer =
        send_message(r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT"}"#).await;
    assert_invalid(
        &answer,
        "Value at '/ClientRequestToken' failed to satisfy constraint: Member must not be null",
    );
    // A required header.
    let r = router();
    let no_bearer = http::Request::builder()
        .method("GET")
        .uri(format!("/channels/{CHANNEL_ARN_ENCODED}"))
        .body(Vec::new())
        .expect("request");
    assert_invalid(
        &send(&r, no_bearer).await,
        "Value at '/ChimeBearer' failed to satisfy constraint: Member must not be null",
    );
    // A required query parameter.
    let answer = send(&r, request("GET", "/channels", &[], "")).await;
    assert_invalid(
        &answer,
        "Value at '/AppInstanceArn' failed to satisfy constraint: Member must not be null",
    );
}

#[tokio::test]
async fn enum_values() {
    let answer = send_message(r#"{"Content":"hi","Type":"LOUD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#).await;
    assert_invalid(&answer, "Value at '/Type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, CONTROL]");
    // In the query string too.
    let answer = send(
        &router(),
        request(
            "GET",
            "/channels?app-instance-arn=arn:aws:chime:us-east-1:1:app-instance/a&privacy=SECRET",
            &[],
            "",
        ),
    )
    .await;
    assert_invalid(&answer, "Value at '/Privacy' failed to satisfy constraint: Member must satisfy enum value set: [PUBLIC, PRIVATE]");
}

#[tokio::test]
async fn ranges_of_query_numbers() {
    for (max, ok) in [("0", false), ("1", true), ("50", true), ("51", false)] {
        let uri = format!(
            "/channels?app-instance-arn=arn:aws:chime:us-east-1:1:app-instance/a&max-results={max}"
        );
        let answer = send(&router(), request("GET", &uri, &[], "")).await;
        if ok {
            assert_eq!(answer.status, 200, "{max}: {}", answer.body);
        } else {
            assert_invalid(&answer, "Value at '/MaxResults' failed to satisfy constraint: Member must be between 1 and 50, inclusive");
        }
    }
    // Not a number at all is malformed, not invalid.
    let uri =
        "/channels?app-instance-arn=arn:aws:chime:us-east-1:1:app-instance/a&max-results=many";
    let answer = send(&router(), request("GET", uri, &[], "")).await;
    answer.expect(400, "BadRequestException");
    assert!(!answer.message().starts_with(PREFIX));
}

#[tokio::test]
async fn labels_are_validated() {
    let answer = send(&router(), request("GET", "/channels/abc", &[], "")).await;
    assert_invalid(&answer, "Value with length 3 at '/ChannelArn' failed to satisfy constraint: Member must have length between 5 and 1600, inclusive");
    let answer = send(&router(), request("GET", "/channels/not-an-arn", &[], "")).await;
    assert!(answer.message().contains("at '/ChannelArn' failed to satisfy constraint: Member must satisfy regular expression pattern: "), "{}", answer.body);
}

#[tokio::test]
async fn nested_members_name_their_full_path() {
    let long_key = "k".repeat(65);
    let body = format!(
        r#"{{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123","MessageAttributes":{{"{long_key}":{{"StringValues":["v"]}}}}}}"#
    );
    let answer = send_message(&body).await;
    assert_invalid(&answer, "Value with length 65 at '/MessageAttributes' failed to satisfy constraint: Member must have length between 1 and 64, inclusive");

    let body = r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123","MessageAttributes":{"color":{"StringValues":["red",""]}}}"#;
    let answer = send_message(body).await;
    assert_invalid(&answer, "Value with length 0 at '/MessageAttributes/color/StringValues/1' failed to satisfy constraint: Member must have length between 1 and 512, inclusive");

    let body = r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123","PushNotification":{"Type":"LOUD"}}"#;
    let answer = send_message(body).await;
    assert_invalid(&answer, "Value at '/PushNotification/Type' failed to satisfy constraint: Member must satisfy enum value set: [DEFAULT, VOIP]");
}

#[tokio::test]
async fn several_violations_are_all_reported() {
    let answer = send_message(
        r#"{"Content":"","Type":"LOUD","Persistence":"PERSISTENT","ClientRequestToken":"x"}"#,
    )
    .await;
    answer.expect(400, "BadRequestException");
    let message = answer.message();
    assert!(
        message.starts_with("3 validation errors detected. "),
        "{message}"
    );
    for path in ["'/Content'", "'/Type'", "'/ClientRequestToken'"] {
        assert!(message.contains(path), "{message} lacks {path}");
    }
}

#[tokio::test]
async fn the_validation_error_reaches_the_client_as_a_modeled_error() {
    // The generated client reads `BadRequestException` into its variant;
    // here the wire form is checked: the model's `Message` key and no `fieldList`.
    let answer = send_message(r#"{"Content":"","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#).await;
    let object = answer.body.as_object().expect("a JSON object");
    assert!(object.contains_key("Message"));
    assert!(!object.contains_key("fieldList"));
}
