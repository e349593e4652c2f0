//! Reading responses: success outputs (timestamps, enums, nested lists and
//! maps) and every error form the restJson1 protocol allows, with the
//! request id on both outputs and errors.

mod client_support;

use std::sync::Arc;

use chime_sdk_messaging::client::Client;
use chime_sdk_messaging::error::{
    DescribeChannelError, GetChannelMessageError, SendChannelMessageError,
};
use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageStatus, ChannelMessageType, ChannelMode,
    ChannelPrivacy, ErrorCode, ExpirationCriterion,
};
use client_support::*;

/// A client that makes one attempt, so error responses come straight back.
fn one_shot(recorder: Arc<Recorder>) -> Client {
    Client::new(config(recorder).max_attempts(1).build().unwrap())
}

async fn send_message(
    client: &Client,
) -> Result<(), chime_sdk_messaging::client::SdkError<SendChannelMessageError>> {
    client
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("hi")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(BEARER)
        .send()
        .await
        .map(|_| ())
}

#[tokio::test]
async fn list_channels_output_with_timestamps_enums_and_lists() {
    let recorder = Recorder::new();
    recorder.push(json(
        200,
        r#"{
          "Channels": [
            {"Name":"general","ChannelArn":"arn:1","Mode":"RESTRICTED","Privacy":"PRIVATE",
             "Metadata":"m","LastMessageTimestamp":1704067200.123},
            {"Name":"random","ChannelArn":"arn:2","Mode":"UNRESTRICTED","Privacy":"PUBLIC",
             "LastMessageTimestamp":1704067201},
            {"ChannelArn":"arn:3","Mode":"HYBRID","Privacy":"SECRET","Unmodeled":{"x":[1,2]}}
          ],
          "NextToken": "page-2"
        }"#,
    ));
    let client = client(recorder.clone());
    let (output, meta) = client
        .list_channels()
        .app_instance_arn(APP_INSTANCE_ARN)
        .chime_bearer(BEARER)
        .send_with_meta()
        .await
        .unwrap();
    assert_eq!(meta.status, 200);
    assert_eq!(meta.request_id.as_deref(), Some("req-1"));
    assert_eq!(output.next_token.as_deref(), Some("page-2"));
    let channels = output.channels.unwrap();
    assert_eq!(channels.len(), 3);

    assert_eq!(channels[0].name.as_deref(), Some("general"));
    assert_eq!(channels[0].mode, Some(ChannelMode::Restricted));
    assert_eq!(channels[0].privacy, Some(ChannelPrivacy::Private));
    assert_eq!(channels[0].metadata.as_deref(), Some("m"));
    assert_eq!(
        channels[0].last_message_timestamp,
        Some(DateTime::from_secs_and_nanos(1_704_067_200, 123_000_000))
    );
    assert_eq!(
        channels[1].last_message_timestamp,
        Some(DateTime::from_secs(1_704_067_201))
    );
    assert_eq!(channels[1].mode, Some(ChannelMode::Unrestricted));
    assert_eq!(channels[1].privacy, Some(ChannelPrivacy::Public));
    assert_eq!(channels[1].metadata, None);

    // Values this crate does not know are kept, and equal only themselves.
    let mode = channels[2].mode.clone().unwrap();
    assert!(matches!(mode, ChannelMode::Unknown(_)));
    assert_eq!(mode.as_str(), "HYBRID");
    assert_eq!(mode, ChannelMode::from("HYBRID"));
    assert_ne!(mode, ChannelMode::Restricted);
    let privacy = channels[2].privacy.clone().unwrap();
    assert_eq!(privacy.as_str(), "SECRET");
    assert!(matches!(privacy, ChannelPrivacy::Unknown(_)));
}

#[tokio::test]
async fn get_channel_message_output_with_nested_structures() {
    let recorder = Recorder::new();
    recorder.push(response(
        200,
        &[("x-amz-request-id", "fallback-id")],
        r#"{"ChannelMessage":{
            "ChannelArn":"arn:c","MessageId":"m-1","Content":"hello","Type":"STANDARD",
            "CreatedTimestamp":1704067200.5,"LastUpdatedTimestamp":1.704067200999E9,
            "Sender":{"Arn":"arn:u","Name":"Alice"},
            "Redacted":true,"Persistence":"NON_PERSISTENT",
            "Status":{"Value":"DENIED","Detail":"blocked"},
            "MessageAttributes":{"colour":{"StringValues":["red","blue"]},"empty":{"StringValues":[]}},
            "Target":[{"MemberArn":"arn:t"}]
        }}"#,
    ));
    let client = client(recorder.clone());
    let (output, meta) = client
        .get_channel_message()
        .channel_arn(CHANNEL_ARN)
        .message_id("m-1")
        .chime_bearer(BEARER)
        .send_with_meta()
        .await
        .unwrap();
    assert_eq!(meta.request_id.as_deref(), Some("fallback-id"));
    let m = output.channel_message.unwrap();
    assert_eq!(m.r#type, Some(ChannelMessageType::Standard));
    assert_eq!(
        m.created_timestamp,
        Some(DateTime::from_secs_and_nanos(1_704_067_200, 500_000_000))
    );
    assert_eq!(
        m.last_updated_timestamp,
        Some(DateTime::from_secs_and_nanos(1_704_067_200, 999_000_000))
    );
    assert_eq!(m.last_edited_timestamp, None);
    let sender = m.sender.unwrap();
    assert_eq!(sender.arn.as_deref(), Some("arn:u"));
    assert_eq!(sender.name.as_deref(), Some("Alice"));
    assert!(m.redacted);
    assert_eq!(
        m.persistence,
        Some(ChannelMessagePersistenceType::NonPersistent)
    );
    let status = m.status.unwrap();
    assert_eq!(status.value, Some(ChannelMessageStatus::Denied));
    assert_eq!(status.detail.as_deref(), Some("blocked"));
    let attributes = m.message_attributes.unwrap();
    assert_eq!(
        attributes.keys().map(String::as_str).collect::<Vec<_>>(),
        ["colour", "empty"]
    );
    assert_eq!(
        attributes["colour"].string_values.as_deref(),
        Some(&["red".to_owned(), "blue".to_owned()][..])
    );
    assert_eq!(attributes["empty"].string_values.as_deref(), Some(&[][..]));
    let target = m.target.unwrap();
    assert_eq!(target.len(), 1);
    assert_eq!(target[0].member_arn.as_deref(), Some("arn:t"));
}

#[tokio::test]
async fn describe_channel_reads_required_nested_members_and_defaults() {
    let recorder = Recorder::new();
    recorder.push(json(
        200,
        r#"{"Channel":{"Name":"n","ExpirationSettings":{"ExpirationDays":7,"ExpirationCriterion":"LAST_MESSAGE_TIMESTAMP"},
            "ElasticChannelConfiguration":{"MaximumSubChannels":10,"TargetMembershipsPerSubChannel":100,"MinimumMembershipPercentage":25}}}"#,
    ));
    let channel = client(recorder)
        .describe_channel()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap()
        .channel
        .unwrap();
    let expiration = channel.expiration_settings.unwrap();
    assert_eq!(expiration.expiration_days, 7);
    assert_eq!(
        expiration.expiration_criterion,
        ExpirationCriterion::LastMessageTimestamp
    );
    let elastic = channel.elastic_channel_configuration.unwrap();
    assert_eq!(elastic.maximum_sub_channels, 10);
    assert_eq!(elastic.target_memberships_per_sub_channel, 100);
    assert_eq!(elastic.minimum_membership_percentage, 25);
}

#[tokio::test]
async fn error_type_from_the_header_with_url_suffix() {
    let recorder = Recorder::new();
    recorder.push(service_error(
        409,
        "ConflictException:http://internal.amazon.com/coral/com.amazonaws.chime/",
        "Conflict",
    ));
    let error = send_message(&one_shot(recorder.clone())).await.unwrap_err();
    assert!(error.is_conflict_exception());
    assert!(!error.is_bad_request_exception());
    assert_eq!(error.code(), Some("ConflictException"));
    assert_eq!(error.status(), Some(409));
    assert_eq!(error.request_id(), Some("req-err"));
    match &*error {
        SendChannelMessageError::ConflictException(e) => {
            assert_eq!(e.code, Some(ErrorCode::Conflict));
            assert_eq!(e.message.as_deref(), Some("it went wrong"));
        }
        other => panic!("wrong variant: {other:?}"),
    }
    assert_eq!(recorder.count(), 1);
}

#[tokio::test]
async fn error_type_from_the_header_with_namespace_and_suffix() {
    let recorder = Recorder::new();
    recorder.push(service_error(
        400,
        "com.amazonaws.chimesdkmessaging#BadRequestException:http://internal.amazon.com/",
        "BadRequest",
    ));
    let error = send_message(&one_shot(recorder)).await.unwrap_err();
    assert!(error.is_bad_request_exception());
    assert_eq!(error.status(), Some(400));
}

#[tokio::test]
async fn header_wins_over_the_body() {
    let recorder = Recorder::new();
    recorder.push(response(
        403,
        &[("X-Amzn-Errortype", "ForbiddenException")],
        r#"{"__type":"ConflictException","code":"BadRequestException"}"#,
    ));
    let error = send_message(&one_shot(recorder)).await.unwrap_err();
    assert!(error.is_forbidden_exception(), "{error:?}");
}

#[tokio::test]
async fn error_type_from_body_type_with_namespace() {
    let recorder = Recorder::new();
    recorder.push(response(
        403,
        &[("x-amzn-requestid", "rid-403")],
        r#"{"__type":"com.amazonaws.chimesdkmessaging#ForbiddenException","Code":"Forbidden","Message":"no"}"#,
    ));
    let error = send_message(&one_shot(recorder)).await.unwrap_err();
    assert!(error.is_forbidden_exception(), "{error:?}");
    assert_eq!(error.request_id(), Some("rid-403"));
    match error.into_error() {
        SendChannelMessageError::ForbiddenException(e) => {
            assert_eq!(e.code, Some(ErrorCode::Forbidden));
            assert_eq!(e.message.as_deref(), Some("no"));
        }
        other => panic!("wrong variant: {other:?}"),
    }
}

#[tokio::test]
async fn error_type_from_body_type_with_url_suffix() {
    let recorder = Recorder::new();
    recorder.push(response(
        401,
        &[],
        r#"{"__type":"aws.chime#UnauthorizedClientException:http://internal.amazon.com/coral/"}"#,
    ));
    let error = send_message(&one_shot(recorder)).await.unwrap_err();
    assert!(error.is_unauthorized_client_exception(), "{error:?}");
}

#[tokio::test]
async fn error_type_from_body_code() {
    let recorder = Recorder::new();
    recorder.push(response(
        503,
        &[],
        r#"{"code":"ServiceUnavailableException","message":"later"}"#,
    ));
    let error = send_message(&one_shot(recorder)).await.unwrap_err();
    assert!(error.is_service_unavailable_exception(), "{error:?}");
    assert_eq!(error.status(), Some(503));
}

#[tokio::test]
async fn unknown_error_code_is_unhandled_and_keeps_the_response() {
    let recorder = Recorder::new();
    let body = r#"{"message":"I'm a teapot"}"#;
    recorder.push(response(
        418,
        &[
            ("X-Amzn-Errortype", "TeapotException:http://example/"),
            ("x-amzn-RequestId", "tea-1"),
            ("x-custom", "kept"),
        ],
        body,
    ));
    let error = send_message(&one_shot(recorder)).await.unwrap_err();
    assert_eq!(error.request_id(), Some("tea-1"));
    assert_eq!(error.status(), Some(418));
    assert_eq!(error.code(), Some("TeapotException"));
    let SendChannelMessageError::Unhandled(unhandled) = &*error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.status(), Some(418));
    assert_eq!(unhandled.code(), Some("TeapotException"));
    assert_eq!(unhandled.message(), Some("I'm a teapot"));
    assert_eq!(unhandled.request_id(), Some("tea-1"));
    assert_eq!(unhandled.body(), body.as_bytes());
    assert!(unhandled
        .headers()
        .iter()
        .any(|(k, v)| k == "x-custom" && v == "kept"));
    assert!(error.to_string().contains("TeapotException"), "{error}");
}

#[tokio::test]
async fn modeled_error_of_another_operation_is_unhandled() {
    // `ConflictException` exists in the model but not for GetChannelMessage.
    let recorder = Recorder::new();
    recorder.push(service_error(409, "ConflictException", "Conflict"));
    let error = one_shot(recorder)
        .get_channel_message()
        .channel_arn(CHANNEL_ARN)
        .message_id("m")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap_err();
    let GetChannelMessageError::Unhandled(unhandled) = &*error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.code(), Some("ConflictException"));
    assert_eq!(unhandled.status(), Some(409));
    assert_eq!(error.request_id(), Some("req-err"));
}

#[tokio::test]
async fn error_without_any_code_is_unhandled() {
    let recorder = Recorder::new();
    recorder.push(response(
        500,
        &[
            ("x-amzn-requestid", "r500"),
            ("x-amzn-error-message", "from header"),
        ],
        Vec::new(),
    ));
    let error = send_message(&one_shot(recorder)).await.unwrap_err();
    let SendChannelMessageError::Unhandled(unhandled) = &*error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.status(), Some(500));
    assert_eq!(unhandled.code(), None);
    assert_eq!(unhandled.message(), Some("from header"));
    assert_eq!(unhandled.request_id(), Some("r500"));
    assert_eq!(error.request_id(), Some("r500"));
}

/// Status, error code, and the `is_*` helper that must be true for it.
type ErrorCase = (u16, &'static str, fn(&SendChannelMessageError) -> bool);

#[tokio::test]
async fn every_modeled_error_maps_to_its_variant() {
    let cases: [ErrorCase; 7] = [
        (400, "BadRequestException", |e| e.is_bad_request_exception()),
        (409, "ConflictException", |e| e.is_conflict_exception()),
        (403, "ForbiddenException", |e| e.is_forbidden_exception()),
        (500, "ServiceFailureException", |e| {
            e.is_service_failure_exception()
        }),
        (503, "ServiceUnavailableException", |e| {
            e.is_service_unavailable_exception()
        }),
        (429, "ThrottledClientException", |e| {
            e.is_throttled_client_exception()
        }),
        (401, "UnauthorizedClientException", |e| {
            e.is_unauthorized_client_exception()
        }),
    ];
    for (status, name, check) in cases {
        let recorder = Recorder::new();
        recorder.push(service_error(status, name, "X"));
        let error = send_message(&one_shot(recorder)).await.unwrap_err();
        assert!(check(&error), "{name}: {error:?}");
        assert_eq!(error.code(), Some(name));
        assert_eq!(error.status(), Some(status));
        // Exactly one helper answers yes.
        let helpers = [
            error.is_bad_request_exception(),
            error.is_conflict_exception(),
            error.is_forbidden_exception(),
            error.is_service_failure_exception(),
            error.is_service_unavailable_exception(),
            error.is_throttled_client_exception(),
            error.is_unauthorized_client_exception(),
        ];
        assert_eq!(helpers.iter().filter(|b| **b).count(), 1, "{name}");
    }
}

#[tokio::test]
async fn error_body_with_unknown_error_code_enum_keeps_it() {
    let recorder = Recorder::new();
    recorder.push(service_error(400, "BadRequestException", "BrandNewCode"));
    let error = one_shot(recorder)
        .describe_channel()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap_err();
    let DescribeChannelError::BadRequestException(e) = &*error else {
        panic!("expected BadRequestException, got {error:?}");
    };
    let code = e.code.clone().unwrap();
    assert!(matches!(code, ErrorCode::Unknown(_)));
    assert_eq!(code.as_str(), "BrandNewCode");
}
