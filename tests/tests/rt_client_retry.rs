//! Dispatch and retries against an in-process transport: what is retried,
//! how often, and that every attempt carries the same body and a fresh
//! signature.

use std::collections::VecDeque;
use std::error::Error as _;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderValue, Method};
use tests::rt::client::credentials::{CredentialsError, CredentialsFuture};
use tests::rt::client::retry::{
    classify_response, jitter, uuid_v4, RetryConfig, RetryKind, THROTTLING_ERROR_CODES,
};
use tests::rt::client::transport::TransportFuture;
use tests::rt::client::{
    Config, ConfigBuilder, Handle, HttpRequest, HttpResponse, HttpTransport, ProvideCredentials,
    Request, ServiceInfo, TransportError, TransportErrorKind,
};
use tests::rt::sigv4::{self, Credentials};

static INFO: ServiceInfo = ServiceInfo {
    endpoint_prefix: "messaging-chime",
    signing_name: "chime",
    sdk_id: "Chime SDK Messaging",
    version: "0.1.0",
};

const AKID: &str = "AKIDTEST";
const SECRET: &str = "test-secret";

type Step = (Option<Duration>, Result<HttpResponse, TransportError>);

/// Answers each request with the next scripted step (200 once the script
/// runs out) and records every request it saw.
#[derive(Default)]
struct Scripted {
    steps: Mutex<VecDeque<Step>>,
    seen: Mutex<Vec<HttpRequest>>,
}

impl Scripted {
    fn new(steps: Vec<Result<HttpResponse, TransportError>>) -> Arc<Scripted> {
        Self::with_delays(steps.into_iter().map(|s| (None, s)).collect())
    }

    fn with_delays(steps: Vec<Step>) -> Arc<Scripted> {
        Arc::new(Scripted {
            steps: Mutex::new(steps.into()),
            seen: Mutex::new(Vec::new()),
        })
    }

    fn seen(&self) -> Vec<HttpRequest> {
        self.seen.lock().unwrap().clone()
    }

    fn attempts(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

impl HttpTransport for Scripted {
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        self.seen.lock().unwrap().push(request);
        let (delay, result) = self
            .steps
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or((None, Ok(status(200))));
        Box::pin(async move {
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
            }
            result
        })
    }
}

fn status(code: u16) -> HttpResponse {
    HttpResponse {
        status: code,
        headers: HeaderMap::new(),
        body: Vec::new(),
    }
}

fn error_response(code: u16, error_type: &str) -> HttpResponse {
    HttpResponse {
        status: code,
        headers: HeaderMap::new(),
        body: format!(r#"{{"__type":"{error_type}","message":"nope"}}"#).into_bytes(),
    }
}

fn transport_error(kind: TransportErrorKind) -> TransportError {
    TransportError::new(kind, format!("simulated {kind:?}"))
}

/// A clock that moves a minute forward every time it is read, so each
/// attempt gets a distinct signing time.
fn ticking_clock() -> Arc<dyn Fn() -> SystemTime + Send + Sync> {
    let ticks = Arc::new(AtomicU64::new(0));
    Arc::new(move || {
        let n = ticks.fetch_add(1, Ordering::SeqCst);
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + n * 60)
    })
}

fn builder(transport: Arc<Scripted>) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new(AKID, SECRET))
        .base_delay(Duration::from_millis(1))
        .transport(transport)
}

fn handle(transport: Arc<Scripted>) -> Handle {
    Handle::new(builder(transport).build().unwrap(), &INFO)
}

fn json_request() -> Request {
    let mut request = Request::new(
        Method::POST,
        "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel%2Fb/messages?x=a%20b",
    );
    request.headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    request.headers.insert(
        "x-amz-chime-bearer",
        HeaderValue::from_static("arn:aws:chime:us-east-1:1:app-instance/a/user/u"),
    );
    request.body =
        br#"{"Content":"hi","ClientRequestToken":"8b4c5a1e-0d2f-4c8e-9f1a-2b3c4d5e6f70"}"#.to_vec();
    request
}

fn verify(request: &HttpRequest) -> sigv4::VerifiedIdentity {
    let target = request.uri.path_and_query().unwrap().as_str();
    let date = request.headers.get("x-amz-date").unwrap().to_str().unwrap();
    let now = sigv4::parse_amz_date(date).unwrap();
    let lookup = |id: &str| (id == AKID).then(|| SECRET.to_owned());
    sigv4::verify(
        &request.method,
        target,
        &request.headers,
        &request.body,
        &lookup,
        now,
    )
    .unwrap()
}

#[tokio::test]
async fn server_errors_are_retried_until_success() {
    let transport = Scripted::new(vec![Ok(status(500)), Ok(status(503)), Ok(status(200))]);
    let response = handle(transport.clone())
        .send("SendChannelMessage", json_request())
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(transport.attempts(), 3);
}

#[tokio::test]
async fn every_transient_status_is_retried() {
    for code in [500, 502, 503, 504, 429] {
        let transport = Scripted::new(vec![Ok(status(code)), Ok(status(200))]);
        let response = handle(transport.clone())
            .send("Op", json_request())
            .await
            .unwrap();
        assert_eq!(response.status, 200, "{code}");
        assert_eq!(transport.attempts(), 2, "{code}");
    }
}

#[tokio::test]
async fn the_last_response_is_returned_when_attempts_run_out() {
    let transport = Scripted::new((0..5).map(|_| Ok(status(503))).collect());
    let response = handle(transport.clone())
        .send("Op", json_request())
        .await
        .unwrap();
    assert_eq!(response.status, 503);
    assert_eq!(transport.attempts(), 3);

    let transport = Scripted::new((0..6).map(|_| Ok(status(503))).collect());
    let config = builder(transport.clone()).max_attempts(5).build().unwrap();
    let response = Handle::new(config, &INFO)
        .send("Op", json_request())
        .await
        .unwrap();
    assert_eq!(response.status, 503);
    assert_eq!(transport.attempts(), 5);

    let transport = Scripted::new((0..2).map(|_| Ok(status(503))).collect());
    let config = builder(transport.clone()).max_attempts(1).build().unwrap();
    Handle::new(config, &INFO)
        .send("Op", json_request())
        .await
        .unwrap();
    assert_eq!(transport.attempts(), 1);
}

#[tokio::test]
async fn throttling_error_codes_are_retried() {
    for code in THROTTLING_ERROR_CODES {
        let transport = Scripted::new(vec![Ok(error_response(400, code)), Ok(status(200))]);
        let response = handle(transport.clone())
            .send("Op", json_request())
            .await
            .unwrap();
        assert_eq!(response.status, 200, "{code}");
        assert_eq!(transport.attempts(), 2, "{code}");
    }
    // Namespaced, in the header form.
    let mut throttled = status(400);
    throttled.headers.insert(
        "x-amzn-errortype",
        HeaderValue::from_static("ThrottledClientException:http://internal.amazon.com/"),
    );
    let transport = Scripted::new(vec![Ok(throttled), Ok(status(200))]);
    handle(transport.clone())
        .send("Op", json_request())
        .await
        .unwrap();
    assert_eq!(transport.attempts(), 2);
    let transport = Scripted::new(vec![
        Ok(error_response(
            400,
            "com.amazonaws.chime#ThrottlingException",
        )),
        Ok(status(200)),
    ]);
    handle(transport.clone())
        .send("Op", json_request())
        .await
        .unwrap();
    assert_eq!(transport.attempts(), 2);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for (code, error_type) in [
        (400, "BadRequestException"),
        (400, "ValidationException"),
        (409, "ConflictException"),
        (403, "ForbiddenException"),
        (404, "NotFoundException"),
        (401, "UnauthorizedClientException"),
        (413, "PayloadTooLarge"),
        (501, "NotImplemented"),
    ] {
        let transport = Scripted::new(vec![Ok(error_response(code, error_type)), Ok(status(200))]);
        let response = handle(transport.clone())
            .send("Op", json_request())
            .await
            .unwrap();
        assert_eq!(response.status, code, "{error_type}");
        assert_eq!(transport.attempts(), 1, "{error_type}");
    }
}

#[tokio::test]
async fn transport_errors_are_retried() {
    for kind in [
        TransportErrorKind::Connect,
        TransportErrorKind::Io,
        TransportErrorKind::Timeout,
    ] {
        let transport = Scripted::new(vec![Err(transport_error(kind)), Ok(status(200))]);
        let response = handle(transport.clone())
            .send("Op", json_request())
            .await
            .unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(transport.attempts(), 2, "{kind:?}");
    }
}

#[tokio::test]
async fn persistent_transport_errors_become_unhandled() {
    let transport = Scripted::new(
        (0..3)
            .map(|_| Err(transport_error(TransportErrorKind::Connect)))
            .collect(),
    );
    let error = handle(transport.clone())
        .send("ListChannels", json_request())
        .await
        .unwrap_err();
    assert_eq!(transport.attempts(), 3);
    let message = error.message().unwrap();
    assert!(message.contains("ListChannels"), "{message}");
    assert!(message.contains("after 3 attempts"), "{message}");
    assert_eq!(error.status(), None);
    let source = error.source().expect("cause");
    let cause = source
        .downcast_ref::<TransportError>()
        .expect("a TransportError");
    assert_eq!(cause.kind(), TransportErrorKind::Connect);
}

#[tokio::test]
async fn hopeless_transport_errors_are_not_retried() {
    for kind in [
        TransportErrorKind::ResponseTooLarge,
        TransportErrorKind::InvalidRequest,
    ] {
        let transport = Scripted::new(vec![Err(transport_error(kind)), Ok(status(200))]);
        let error = handle(transport.clone())
            .send("Op", json_request())
            .await
            .unwrap_err();
        assert_eq!(transport.attempts(), 1, "{kind:?}");
        assert!(error.to_string().contains("simulated"), "{error}");
    }
}

#[tokio::test]
async fn every_attempt_has_the_same_body_and_a_fresh_signature() {
    let transport = Scripted::new(vec![
        Ok(status(500)),
        Err(transport_error(TransportErrorKind::Io)),
        Ok(status(200)),
    ]);
    let config = builder(transport.clone())
        .clock(ticking_clock())
        .build()
        .unwrap();
    let expected = json_request();
    Handle::new(config, &INFO)
        .send("SendChannelMessage", expected.clone())
        .await
        .unwrap();

    let seen = transport.seen();
    assert_eq!(seen.len(), 3);
    let mut dates = Vec::new();
    let mut signatures = Vec::new();
    for (i, request) in seen.iter().enumerate() {
        assert_eq!(request.body, expected.body, "attempt {i}");
        assert_eq!(request.method, Method::POST);
        assert_eq!(
            request.uri.to_string(),
            format!(
                "https://messaging-chime.us-east-1.amazonaws.com{}",
                expected.path_and_query
            )
        );
        for name in ["content-type", "x-amz-chime-bearer"] {
            assert_eq!(request.headers.get(name), expected.headers.get(name));
        }
        assert_eq!(
            request.headers.get("amz-sdk-request").unwrap(),
            &format!("attempt={}; max=3", i + 1)
        );
        assert_eq!(
            request.headers.get("amz-sdk-invocation-id"),
            seen[0].headers.get("amz-sdk-invocation-id")
        );
        assert_eq!(request.headers.get_all("authorization").iter().count(), 1);
        let who = verify(request);
        assert_eq!(who.access_key_id, AKID);
        assert_eq!(who.region, "us-east-1");
        assert_eq!(who.service, "chime");
        dates.push(request.headers.get("x-amz-date").unwrap().clone());
        signatures.push(request.headers.get("authorization").unwrap().clone());
    }
    dates.dedup();
    signatures.dedup();
    assert_eq!(dates.len(), 3, "each attempt is signed at its own time");
    assert_eq!(signatures.len(), 3);
}

#[tokio::test]
async fn standard_headers_are_set() {
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .user_agent_suffix("app/1.2")
        .build()
        .unwrap();
    Handle::new(config, &INFO)
        .send("Op", json_request())
        .await
        .unwrap();
    let request = &transport.seen()[0];
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(header("host"), "messaging-chime.us-east-1.amazonaws.com");
    assert_eq!(header("user-agent"), "chime-sdk-messaging-rs/0.1.0 app/1.2");
    assert_eq!(header("content-length"), request.body.len().to_string());
    assert!(header("authorization").starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/"));
    assert!(header("authorization")
        .contains("SignedHeaders=content-type;host;x-amz-chime-bearer;x-amz-date,"));

    // A GET without a body has no Content-Length.
    let transport = Scripted::new(vec![]);
    handle(transport.clone())
        .send(
            "ListChannels",
            Request::new(Method::GET, "/channels?max-results=5"),
        )
        .await
        .unwrap();
    assert!(transport.seen()[0].headers.get("content-length").is_none());
}

#[tokio::test]
async fn session_tokens_are_sent_and_signed() {
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .credentials(Credentials::new(AKID, SECRET).with_session_token("the-token"))
        .build()
        .unwrap();
    Handle::new(config, &INFO)
        .send("Op", json_request())
        .await
        .unwrap();
    let who = verify(&transport.seen()[0]);
    assert_eq!(who.session_token.as_deref(), Some("the-token"));
}

#[tokio::test]
async fn endpoint_url_override_keeps_its_path_and_port() {
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .endpoint_url("http://localhost:4566/base/")
        .build()
        .unwrap();
    let handle = Handle::new(config, &INFO);
    assert_eq!(handle.endpoint().unwrap(), "http://localhost:4566/base");
    handle
        .send("Op", Request::new(Method::GET, "/channels?a=1"))
        .await
        .unwrap();
    let request = &transport.seen()[0];
    assert_eq!(
        request.uri.to_string(),
        "http://localhost:4566/base/channels?a=1"
    );
    assert_eq!(request.headers.get("host").unwrap(), "localhost:4566");
    verify(request);

    // A default port is left out of Host.
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .endpoint_url("https://example.com:443")
        .build()
        .unwrap();
    Handle::new(config, &INFO)
        .send("Op", Request::new(Method::GET, "/"))
        .await
        .unwrap();
    assert_eq!(
        transport.seen()[0].headers.get("host").unwrap(),
        "example.com"
    );
}

#[tokio::test]
async fn fips_and_dual_stack_pick_the_endpoint() {
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .region("us-gov-west-1")
        .use_fips(true)
        .use_dual_stack(true)
        .build()
        .unwrap();
    Handle::new(config, &INFO)
        .send("Op", Request::new(Method::GET, "/"))
        .await
        .unwrap();
    assert_eq!(
        transport.seen()[0].uri.to_string(),
        "https://messaging-chime-fips.us-gov-west-1.api.aws/"
    );
}

#[tokio::test]
async fn a_bad_endpoint_fails_every_call_without_sending() {
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .region("us-iso-east-1")
        .use_dual_stack(true)
        .build()
        .unwrap();
    let handle = Handle::new(config, &INFO);
    assert!(handle.endpoint().is_err());
    let error = handle.send("Op", json_request()).await.unwrap_err();
    assert!(error.to_string().contains("endpoint"), "{error}");
    assert_eq!(transport.attempts(), 0);
}

#[derive(Debug)]
struct CountingProvider {
    calls: AtomicUsize,
    expiry: Option<Duration>,
    fail: bool,
}

impl ProvideCredentials for CountingProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let mut creds = Credentials::new(AKID, SECRET);
        creds.expiry = self.expiry.map(|d| SystemTime::now() + d);
        let fail = self.fail;
        Box::pin(async move {
            if fail {
                Err(CredentialsError::new("the vault is closed"))
            } else {
                Ok(creds)
            }
        })
    }
}

#[tokio::test]
async fn credentials_are_cached_until_close_to_expiry() {
    let provider = Arc::new(CountingProvider {
        calls: AtomicUsize::new(0),
        expiry: None,
        fail: false,
    });
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .shared_credentials_provider(provider.clone())
        .build()
        .unwrap();
    let handle = Handle::new(config, &INFO);
    for _ in 0..3 {
        handle.send("Op", json_request()).await.unwrap();
    }
    assert_eq!(provider.calls.load(Ordering::SeqCst), 1);

    let provider = Arc::new(CountingProvider {
        calls: AtomicUsize::new(0),
        expiry: Some(Duration::from_secs(60)),
        fail: false,
    });
    let config = builder(transport.clone())
        .shared_credentials_provider(provider.clone())
        .build()
        .unwrap();
    let handle = Handle::new(config, &INFO);
    for _ in 0..3 {
        handle.send("Op", json_request()).await.unwrap();
    }
    assert_eq!(provider.calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn missing_credentials_fail_without_sending() {
    let provider = CountingProvider {
        calls: AtomicUsize::new(0),
        expiry: None,
        fail: true,
    };
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .credentials_provider(provider)
        .build()
        .unwrap();
    let error = Handle::new(config, &INFO)
        .send("Op", json_request())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("the vault is closed"), "{error}");
    assert!(error
        .source()
        .unwrap()
        .downcast_ref::<CredentialsError>()
        .is_some());
    assert_eq!(transport.attempts(), 0);
}

#[tokio::test]
async fn slow_attempts_time_out_and_are_retried() {
    let slow = Some(Duration::from_millis(500));
    let transport = Scripted::with_delays(vec![(slow, Ok(status(200))), (None, Ok(status(200)))]);
    let config = builder(transport.clone())
        .attempt_timeout(Duration::from_millis(50))
        .build()
        .unwrap();
    let response = Handle::new(config, &INFO)
        .send("Op", json_request())
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(transport.attempts(), 2);

    let transport = Scripted::with_delays((0..3).map(|_| (slow, Ok(status(200)))).collect());
    let config = builder(transport.clone())
        .attempt_timeout(Duration::from_millis(20))
        .build()
        .unwrap();
    let error = Handle::new(config, &INFO)
        .send("Op", json_request())
        .await
        .unwrap_err();
    assert_eq!(transport.attempts(), 3);
    let cause = error
        .source()
        .unwrap()
        .downcast_ref::<TransportError>()
        .unwrap();
    assert_eq!(cause.kind(), TransportErrorKind::Timeout);
}

#[tokio::test]
async fn the_operation_timeout_bounds_the_whole_call() {
    let transport = Scripted::with_delays(vec![(Some(Duration::from_secs(30)), Ok(status(200)))]);
    let config = builder(transport.clone())
        .operation_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let error = Handle::new(config, &INFO)
        .send("Op", json_request())
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(error.to_string().contains("did not finish"), "{error}");
}

#[test]
fn classification_table() {
    assert_eq!(classify_response(200, None), RetryKind::NotRetryable);
    assert_eq!(
        classify_response(204, Some("Throttling")),
        RetryKind::NotRetryable
    );
    assert_eq!(classify_response(500, None), RetryKind::ServerError);
    assert_eq!(classify_response(502, None), RetryKind::ServerError);
    assert_eq!(classify_response(503, None), RetryKind::ServerError);
    assert_eq!(classify_response(504, None), RetryKind::ServerError);
    assert_eq!(classify_response(501, None), RetryKind::NotRetryable);
    assert_eq!(classify_response(505, None), RetryKind::NotRetryable);
    assert_eq!(classify_response(429, None), RetryKind::Throttling);
    assert_eq!(
        classify_response(400, Some("SlowDown")),
        RetryKind::Throttling
    );
    assert_eq!(
        classify_response(400, Some("ThrottlingException")),
        RetryKind::Throttling
    );
    assert_eq!(
        classify_response(400, Some("ConflictException")),
        RetryKind::NotRetryable
    );
    assert_eq!(classify_response(400, None), RetryKind::NotRetryable);
    assert_eq!(classify_response(404, None), RetryKind::NotRetryable);
    assert_eq!(THROTTLING_ERROR_CODES.len(), 15);
    assert!(RetryKind::Timeout.is_retryable());
    assert!(RetryKind::TransportError.is_retryable());
    assert!(!RetryKind::NotRetryable.is_retryable());
}

#[test]
fn backoff_is_exponential_capped_and_jittered() {
    let policy = RetryConfig {
        max_attempts: 10,
        base_delay: Duration::from_millis(100),
        max_backoff: Duration::from_secs(20),
    };
    assert_eq!(policy.max_delay(1), Duration::from_millis(100));
    assert_eq!(policy.max_delay(2), Duration::from_millis(200));
    assert_eq!(policy.max_delay(3), Duration::from_millis(400));
    assert_eq!(policy.max_delay(8), Duration::from_millis(12_800));
    assert_eq!(policy.max_delay(9), Duration::from_secs(20));
    assert_eq!(policy.max_delay(1_000), Duration::from_secs(20));
    assert_eq!(policy.backoff(3, 0.0), Duration::ZERO);
    assert_eq!(policy.backoff(3, 1.0), Duration::from_millis(400));
    assert_eq!(policy.backoff(3, 0.5), Duration::from_millis(200));
    // Out-of-range jitter is clamped, never a panic.
    assert_eq!(policy.backoff(3, 7.0), Duration::from_millis(400));
    assert_eq!(policy.backoff(3, -1.0), Duration::ZERO);
    assert_eq!(policy.backoff(3, f64::NAN), Duration::from_millis(400));
    let huge = RetryConfig {
        max_attempts: 3,
        base_delay: Duration::MAX,
        max_backoff: Duration::MAX,
    };
    assert_eq!(huge.max_delay(64), Duration::MAX);
    let _ = huge.backoff(64, 1.0);
    let _ = huge.backoff(64, 0.3);
    let default = RetryConfig::default();
    assert_eq!(default.max_attempts, 3);
    assert!(
        default.base_delay >= Duration::from_millis(50)
            && default.base_delay <= Duration::from_millis(100)
    );
    assert_eq!(default.max_backoff, Duration::from_secs(20));
    assert_eq!(RetryConfig::disabled().max_attempts, 1);

    let draws: Vec<f64> = (0..1000).map(|_| jitter()).collect();
    assert!(draws.iter().all(|j| (0.0..1.0).contains(j)));
    let low = draws.iter().filter(|j| **j < 0.5).count();
    assert!((350..650).contains(&low), "{low} of 1000 below one half");
}

#[test]
fn uuids_are_version_4() {
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let id = uuid_v4();
        assert_eq!(id.len(), 36);
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            vec![8, 4, 4, 4, 12]
        );
        assert!(id
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert!(parts[2].starts_with('4'));
        assert!(matches!(
            parts[3].chars().next(),
            Some('8' | '9' | 'a' | 'b')
        ));
        assert!(seen.insert(id));
    }
}

/// Hands out short-lived credentials once, then fails.
#[derive(Debug)]
struct OnceThenBroken {
    calls: AtomicUsize,
    lifetime: Duration,
}

impl ProvideCredentials for OnceThenBroken {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let first = self.calls.fetch_add(1, Ordering::SeqCst) == 0;
        let creds = Credentials::new(AKID, SECRET).with_expiry(SystemTime::now() + self.lifetime);
        Box::pin(async move {
            if first {
                Ok(creds)
            } else {
                Err(CredentialsError::new("refresh failed"))
            }
        })
    }
}

#[tokio::test]
async fn a_failed_refresh_falls_back_to_unexpired_credentials() {
    // Two minutes left: inside the refresh margin, but still usable.
    let provider = Arc::new(OnceThenBroken {
        calls: AtomicUsize::new(0),
        lifetime: Duration::from_secs(120),
    });
    let transport = Scripted::new(vec![]);
    let config = builder(transport.clone())
        .shared_credentials_provider(provider.clone())
        .build()
        .unwrap();
    let handle = Handle::new(config, &INFO);
    handle.send("Op", json_request()).await.unwrap();
    handle.send("Op", json_request()).await.unwrap();
    assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    assert_eq!(transport.attempts(), 2);

    // Already expired: the refresh failure is reported.
    let provider = Arc::new(OnceThenBroken {
        calls: AtomicUsize::new(0),
        lifetime: Duration::ZERO,
    });
    let config = builder(transport.clone())
        .shared_credentials_provider(provider)
        .build()
        .unwrap();
    let handle = Handle::new(config, &INFO);
    handle.send("Op", json_request()).await.unwrap();
    let error = handle.send("Op", json_request()).await.unwrap_err();
    assert!(error.to_string().contains("refresh failed"), "{error}");
}
