//! Retries: which failures are retried, that the idempotency token stays
//! the same across attempts while each attempt is signed afresh, and that
//! attempts stop at the configured maximum.

mod client_support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chime_sdk_messaging::client::{Client, SdkError};
use chime_sdk_messaging::error::SendChannelMessageError;
use chime_sdk_messaging::rt::client::{HttpRequest, TransportErrorKind};
use chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};
use client_support::*;

fn message_call(client: &Client) -> chime_sdk_messaging::client::SendChannelMessage {
    client
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("retry me")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(BEARER)
}

async fn send(client: &Client) -> Result<(), SdkError<SendChannelMessageError>> {
    message_call(client).send().await.map(|_| ())
}

fn token_of(request: &HttpRequest) -> String {
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    body["ClientRequestToken"].as_str().unwrap().to_owned()
}

/// The time in an `X-Amz-Date` value.
fn amz_date_time(request: &HttpRequest) -> SystemTime {
    let text = header(request, "x-amz-date");
    chime_sdk_messaging::rt::sigv4::parse_amz_date(text).unwrap()
}

#[tokio::test]
async fn transient_failures_are_retried_with_the_same_token_and_fresh_signatures() {
    let recorder = Recorder::new();
    recorder.push(service_error(
        500,
        "ServiceFailureException",
        "ServiceFailure",
    ));
    recorder.push(response(503, &[], "<html>Service Unavailable</html>"));
    recorder.push(response(429, &[], Vec::new()));
    // Throttling by error code alone, whatever the status.
    recorder.push(service_error(400, "ThrottledClientException", "Throttled"));
    recorder.push(json(201, r#"{"MessageId":"finally"}"#));

    // A clock that moves one second every time it is read, so a request
    // signed again carries a new date and a new signature.
    let ticks = Arc::new(AtomicU64::new(0));
    let clock_ticks = ticks.clone();
    let config = config(recorder.clone())
        .max_attempts(5)
        .clock(Arc::new(move || {
            fixed_time() + Duration::from_secs(clock_ticks.fetch_add(1, Ordering::SeqCst))
        }))
        .build()
        .unwrap();
    let output = message_call(&Client::new(config)).send().await.unwrap();
    assert_eq!(output.message_id.as_deref(), Some("finally"));

    let requests = recorder.requests();
    assert_eq!(requests.len(), 5);
    let token = token_of(&requests[0]);
    assert!(is_uuid_v4(&token), "{token}");
    let invocation = header(&requests[0], "amz-sdk-invocation-id").to_owned();
    let mut signatures = Vec::new();
    let mut dates = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        assert_eq!(token_of(request), token, "attempt {}", i + 1);
        assert_eq!(request.body, requests[0].body);
        assert_eq!(request.uri, requests[0].uri);
        assert_eq!(header(request, "amz-sdk-invocation-id"), invocation);
        assert_eq!(
            header(request, "amz-sdk-request"),
            format!("attempt={}; max=5", i + 1)
        );
        // Each attempt's signature is valid for its own date.
        let authorization = header(request, "authorization");
        assert_eq!(
            authorization,
            aws_sigv4_authorization(request, None, amz_date_time(request)),
            "attempt {}",
            i + 1
        );
        signatures.push(authorization.to_owned());
        dates.push(header(request, "x-amz-date").to_owned());
    }
    let mut unique = signatures.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5, "every attempt is signed afresh");
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(sorted, dates, "dates move forward");
    assert!(ticks.load(Ordering::SeqCst) >= 5);
}

#[tokio::test]
async fn a_token_set_by_the_caller_is_reused_on_retries() {
    let recorder = Recorder::new();
    recorder.push(response(502, &[], "Bad Gateway"));
    recorder.push(json(201, "{}"));
    let client = client(recorder.clone());
    message_call(&client)
        .client_request_token("mine-42")
        .send()
        .await
        .unwrap();
    let requests = recorder.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| token_of(r) == "mine-42"));
}

#[tokio::test]
async fn modeled_client_errors_are_never_retried() {
    for (status, name) in [
        (400, "BadRequestException"),
        (403, "ForbiddenException"),
        (409, "ConflictException"),
        (401, "UnauthorizedClientException"),
    ] {
        let recorder = Recorder::new();
        recorder.push(service_error(status, name, "X"));
        recorder.push(json(201, "{}"));
        let client = Client::new(config(recorder.clone()).max_attempts(10).build().unwrap());
        let error = send(&client).await.unwrap_err();
        assert_eq!(error.code(), Some(name));
        assert_eq!(recorder.count(), 1, "{name} was retried");
        assert_eq!(recorder.remaining(), 1);
    }
}

#[tokio::test]
async fn attempts_stop_at_the_configured_maximum() {
    for (configured, expected) in [(Some(1), 1), (Some(2), 2), (Some(4), 4), (None, 3)] {
        let recorder = Recorder::new();
        for _ in 0..6 {
            recorder.push(service_error(
                503,
                "ServiceUnavailableException",
                "ServiceUnavailable",
            ));
        }
        let mut builder = config(recorder.clone());
        if let Some(n) = configured {
            builder = builder.max_attempts(n);
        }
        let error = send(&Client::new(builder.build().unwrap()))
            .await
            .unwrap_err();
        assert!(error.is_service_unavailable_exception(), "{error:?}");
        assert_eq!(error.status(), Some(503));
        assert_eq!(recorder.count(), expected, "max_attempts {configured:?}");
        let last = recorder.requests().pop().unwrap();
        assert_eq!(
            header(&last, "amz-sdk-request"),
            format!("attempt={expected}; max={expected}")
        );
    }
}

#[tokio::test]
async fn transport_failures_are_retried_when_they_may_pass() {
    let recorder = Recorder::new();
    recorder.push_failure(TransportErrorKind::Connect);
    recorder.push_failure(TransportErrorKind::Io);
    recorder.push(json(201, r#"{"MessageId":"ok"}"#));
    let output = message_call(&client(recorder.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(output.message_id.as_deref(), Some("ok"));
    assert_eq!(recorder.count(), 3);
    let tokens: Vec<String> = recorder.requests().iter().map(token_of).collect();
    assert!(tokens.iter().all(|t| *t == tokens[0]));

    // A request that cannot be sent is not tried again; the error has no
    // response behind it.
    let recorder = Recorder::new();
    recorder.push_failure(TransportErrorKind::InvalidRequest);
    recorder.push(json(201, "{}"));
    let error = send(&client(recorder.clone())).await.unwrap_err();
    assert_eq!(recorder.count(), 1);
    assert_eq!(error.status(), None);
    assert_eq!(error.request_id(), None);
    assert!(matches!(&*error, SendChannelMessageError::Unhandled(_)));

    // Connection failures on every attempt: the last one is reported.
    let recorder = Recorder::new();
    for _ in 0..3 {
        recorder.push_failure(TransportErrorKind::Connect);
    }
    let error = send(&client(recorder.clone())).await.unwrap_err();
    assert_eq!(recorder.count(), 3);
    assert!(error.to_string().contains("3 attempts"), "{error}");
}
