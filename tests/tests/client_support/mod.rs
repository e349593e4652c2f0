//! Shared by the `client_*` tests: an in-process transport that records
//! every request and answers from a script, and a client wired to it with
//! fixed credentials and a fixed clock.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use chime_sdk_messaging::client::{Client, ConfigBuilder, Credentials};
use chime_sdk_messaging::rt::client::transport::TransportFuture;
use chime_sdk_messaging::rt::client::{
    HttpRequest, HttpResponse, HttpTransport, TransportError, TransportErrorKind,
};
use http::{HeaderMap, HeaderName, HeaderValue};

pub const AKID: &str = "AKID";
pub const SECRET: &str = "SECRET/KEY+example";
pub const TOKEN: &str = "SESSION-TOKEN";
pub const HOST: &str = "messaging-chime.us-east-1.amazonaws.com";

/// 2024-01-01T00:00:00Z.
pub fn fixed_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200)
}

pub const CHANNEL_ARN: &str =
    "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/channel/chan-1";
pub const CHANNEL_ARN_ENCODED: &str =
    "arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fapp-1%2Fchannel%2Fchan-1";
pub const APP_INSTANCE_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1";
pub const BEARER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/user/alice";

/// One scripted answer.
pub enum Reply {
    Response(HttpResponse),
    Fail(TransportErrorKind),
}

/// Records requests and answers them from a queue. When the queue runs
/// dry it fails the request (a non-retryable transport error), so a test
/// that sends more than it scripted fails loudly rather than hanging.
#[derive(Default)]
pub struct Recorder {
    requests: Mutex<Vec<HttpRequest>>,
    replies: Mutex<VecDeque<Reply>>,
}

impl Recorder {
    pub fn new() -> Arc<Recorder> {
        Arc::new(Recorder::default())
    }

    pub fn push(&self, response: HttpResponse) {
        self.replies
            .lock()
            .unwrap()
            .push_back(Reply::Response(response));
    }

    pub fn push_failure(&self, kind: TransportErrorKind) {
        self.replies.lock().unwrap().push_back(Reply::Fail(kind));
    }

    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// The only request sent; fails the test if there were more or none.
    pub fn single(&self) -> HttpRequest {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request");
        requests.into_iter().next().unwrap()
    }

    pub fn remaining(&self) -> usize {
        self.replies.lock().unwrap().len()
    }
}

impl HttpTransport for Recorder {
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        self.requests.lock().unwrap().push(request);
        let reply = self.replies.lock().unwrap().pop_front();
        Box::pin(async move {
            match reply {
                Some(Reply::Response(response)) => Ok(response),
                Some(Reply::Fail(kind)) => Err(TransportError::new(kind, "scripted failure")),
                None => Err(TransportError::new(
                    TransportErrorKind::InvalidRequest,
                    "the test scripted no response for this request",
                )),
            }
        })
    }
}

/// A response with these headers and body.
pub fn response(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> HttpResponse {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    HttpResponse {
        status,
        headers: map,
        body: body.into(),
    }
}

/// A JSON response with a request id.
pub fn json(status: u16, body: &str) -> HttpResponse {
    response(
        status,
        &[
            ("content-type", "application/json"),
            ("x-amzn-requestid", "req-1"),
        ],
        body,
    )
}

/// An error response the way the service sends them: type in the
/// `X-Amzn-Errortype` header, `Code` and `Message` in the body.
pub fn service_error(status: u16, error_type: &str, code: &str) -> HttpResponse {
    response(
        status,
        &[
            ("content-type", "application/json"),
            ("x-amzn-errortype", error_type),
            ("x-amzn-requestid", "req-err"),
        ],
        format!(r#"{{"Code":"{code}","Message":"it went wrong"}}"#),
    )
}

/// The configuration every test starts from: us-east-1, static
/// credentials, a fixed clock, tiny backoff, the given transport.
pub fn config(transport: Arc<Recorder>) -> ConfigBuilder {
    chime_sdk_messaging::client::Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new(AKID, SECRET))
        .clock(Arc::new(fixed_time))
        .base_delay(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
        .transport(transport)
}

pub fn client(transport: Arc<Recorder>) -> Client {
    Client::new(config(transport).build().unwrap())
}

/// Header value as text; fails the test if absent.
pub fn header<'a>(request: &'a HttpRequest, name: &str) -> &'a str {
    request
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("header `{name}` missing: {:?}", request.headers))
        .to_str()
        .unwrap()
}

/// Sorted header names of a request.
pub fn header_names(request: &HttpRequest) -> Vec<String> {
    let mut names: Vec<String> = request
        .headers
        .keys()
        .map(|k| k.as_str().to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// `path?query` of a request URI.
pub fn target(request: &HttpRequest) -> String {
    request
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default()
}

/// Whether `s` is a lowercase hyphenated version 4 UUID.
pub fn is_uuid_v4(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() != 36 {
        return false;
    }
    for (i, b) in bytes.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => *b == b'-',
            14 => *b == b'4',
            19 => matches!(b, b'8' | b'9' | b'a' | b'b'),
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The `Authorization` header `aws-sigv4` computes for the same request:
/// the same method, URI, body and unsigned headers (those the runtime
/// signs: `host`, `content-type`, `x-amz-*` other than the ones signing adds).
pub fn aws_sigv4_authorization(
    request: &HttpRequest,
    token: Option<&str>,
    time: SystemTime,
) -> String {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_smithy_runtime_api::client::identity::Identity;

    let creds = aws_credential_types::Credentials::new(
        AKID,
        SECRET,
        token.map(str::to_owned),
        None,
        "test",
    );
    let identity: Identity = creds.into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("chime")
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let pairs: Vec<(&str, &str)> = request
        .headers
        .iter()
        .filter(|(name, _)| {
            let name = name.as_str();
            (name == "host" || name == "content-type" || name.starts_with("x-amz-"))
                && name != "x-amz-date"
                && name != "x-amz-security-token"
        })
        .map(|(k, v)| (k.as_str(), v.to_str().unwrap()))
        .collect();
    let signable = SignableRequest::new(
        request.method.as_str(),
        request.uri.to_string(),
        pairs.into_iter(),
        SignableBody::Bytes(&request.body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut authorization = None;
    for (name, value) in instructions.headers() {
        if name.eq_ignore_ascii_case("authorization") {
            authorization = Some(value.to_owned());
        }
        if name.eq_ignore_ascii_case("x-amz-date") {
            assert_eq!(value, header(request, "x-amz-date"));
        }
        if name.eq_ignore_ascii_case("x-amz-security-token") {
            assert_eq!(Some(value), token);
        }
    }
    authorization.expect("aws-sigv4 produced no Authorization header")
}

/// Runs a future to completion on a fresh current-thread runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}
