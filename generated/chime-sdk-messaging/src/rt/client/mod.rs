// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! The client half of the runtime: what generated operations call to send a
//! request, and the helpers they use to read error responses.
//!
//! [`Handle::send`] resolves the endpoint, signs with SigV4, sends through
//! an [`HttpTransport`], and retries transient failures. Emitted code then
//! decodes the [`HttpResponse`] it gets back, using [`error_code`] to pick
//! the modeled error and [`unhandled`] for everything else.

pub mod config;
pub mod credentials;
pub mod endpoint;
pub mod invoke;
pub mod paginator;
pub mod retry;
pub mod transport;

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::header::{HeaderMap, HeaderName, HeaderValue};

use crate::rt::error::Unhandled;
use crate::rt::sigv4::{self, SigningParams};

pub use config::{Config, ConfigBuilder, ConfigError, TimeoutConfig};
pub use credentials::{Credentials, CredentialsError, ProvideCredentials};
pub use retry::{RetryConfig, RetryKind};
pub use transport::{
    HttpRequest, HttpResponse, HttpTransport, HyperTransport, TransportError, TransportErrorKind,
};

/// Static facts about the service, emitted once per generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The first label of the service's host names, e.g. `messaging-chime`.
    pub endpoint_prefix: &'static str,
    /// The service name in the SigV4 credential scope, e.g. `chime`.
    pub signing_name: &'static str,
    /// The SDK id from the model, e.g. `Chime SDK Messaging`.
    pub sdk_id: &'static str,
    /// The version of the generated crate; it goes into `User-Agent`.
    pub version: &'static str,
}

/// A request as emitted code builds it, before endpoint, signing and retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The HTTP method.
    pub method: http::Method,
    /// The path (starting with `/`) and query, already percent-encoded.
    pub path_and_query: String,
    /// Headers from the input (`Content-Type`, bound members, ...).
    pub headers: HeaderMap,
    /// The serialized body.
    pub body: Vec<u8>,
}

impl Request {
    /// A request with no headers and an empty body.
    pub fn new(method: http::Method, path_and_query: impl Into<String>) -> Self {
        Request {
            method,
            path_and_query: path_and_query.into(),
            headers: HeaderMap::new(),
            body: Vec::new(),
        }
    }
}

/// The endpoint split into the parts a request needs.
#[derive(Debug, Clone)]
struct Endpoint {
    scheme: String,
    authority: String,
    /// The path of the endpoint URL without a trailing `/` (often empty).
    base_path: String,
}

impl Endpoint {
    fn parse(url: &str) -> Result<Endpoint, String> {
        let uri: http::Uri = url
            .parse()
            .map_err(|e| format!("invalid endpoint URL `{url}`: {e}"))?;
        let scheme = uri
            .scheme_str()
            .ok_or_else(|| format!("endpoint URL `{url}` has no scheme"))?
            .to_owned();
        let authority = uri
            .authority()
            .ok_or_else(|| format!("endpoint URL `{url}` has no host"))?;
        let default_port = match scheme.as_str() {
            "https" => Some(443),
            "http" => Some(80),
            _ => None,
        };
        // The Host header (and so the signature) leaves out a default port.
        let authority = match authority.port_u16() {
            Some(port) if Some(port) == default_port => authority.host().to_owned(),
            _ => authority.as_str().to_owned(),
        };
        let base_path = uri.path().trim_end_matches('/').to_owned();
        Ok(Endpoint {
            scheme,
            authority,
            base_path,
        })
    }
}

struct Inner {
    config: Config,
    info: &'static ServiceInfo,
    endpoint: Result<Endpoint, String>,
    transport: Result<Arc<dyn HttpTransport>, String>,
    user_agent: HeaderValue,
    credentials: Mutex<Option<Credentials>>,
}

/// What generated clients hold: the configuration, the resolved endpoint,
/// the transport and cached credentials. Cloning is cheap and shares all of it.
#[derive(Clone)]
pub struct Handle {
    inner: Arc<Inner>,
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("service", &self.inner.info.sdk_id)
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// Credentials that expire within this margin are refreshed before use.
const CREDENTIALS_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

impl Handle {
    /// Prepares a client: resolves the endpoint and builds the default
    /// transport unless the configuration has one. Problems found here
    /// (a bad endpoint, say) are reported by every [`Handle::send`].
    pub fn new(config: Config, info: &'static ServiceInfo) -> Handle {
        let endpoint = endpoint::resolve_or_override(
            config.endpoint_url(),
            info.endpoint_prefix,
            config.region(),
            config.use_fips(),
            config.use_dual_stack(),
        )
        .map_err(|e| e.to_string())
        .and_then(|url| Endpoint::parse(&url));
        let transport = match config.transport() {
            Some(transport) => Ok(transport.clone()),
            None => {
                let options = transport::TransportOptions {
                    connect_timeout: config.timeouts().connect,
                    ..transport::TransportOptions::default()
                };
                HyperTransport::with_options(options)
                    .map(|t| Arc::new(t) as Arc<dyn HttpTransport>)
                    .map_err(|e| e.to_string())
            }
        };
        let user_agent = user_agent(info, config.user_agent_suffix());
        Handle {
            inner: Arc::new(Inner {
                config,
                info,
                endpoint,
                transport,
                user_agent,
                credentials: Mutex::new(None),
            }),
        }
    }

    /// The configuration this handle was made with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The service this handle talks to.
    pub fn info(&self) -> &'static ServiceInfo {
        self.inner.info
    }

    /// The endpoint requests go to, or why there is none.
    pub fn endpoint(&self) -> Result<String, String> {
        self.inner
            .endpoint
            .as_ref()
            .map(|e| format!("{}://{}{}", e.scheme, e.authority, e.base_path))
            .map_err(Clone::clone)
    }

    /// Sends a request: resolves the endpoint, signs each attempt afresh,
    /// sends, and retries transient failures per the retry policy.
    ///
    /// Returns the final response whatever its status. Fails with
    /// [`Unhandled`] when no response could be had: transport failure after
    /// the last attempt, timeout, missing credentials, bad endpoint.
    pub async fn send(
        &self,
        operation: &'static str,
        request: Request,
    ) -> Result<HttpResponse, Unhandled> {
        match self.inner.config.timeouts().operation {
            Some(limit) => {
                match tokio::time::timeout(limit, self.send_attempts(operation, request)).await {
                    Ok(result) => result,
                    Err(_) => {
                        let error = TransportError::new(
                            TransportErrorKind::Timeout,
                            format!("the operation did not finish within {limit:?}"),
                        );
                        Err(failure(operation, &error.to_string(), Box::new(error)))
                    }
                }
            }
            None => self.send_attempts(operation, request).await,
        }
    }

    async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let now = self.inner.config.now();
        let cached = match self.inner.credentials.lock() {
            Ok(cache) => cache.clone(),
            Err(_) => None,
        };
        if let Some(creds) = &cached {
            if !creds.expires_within(now, CREDENTIALS_REFRESH_MARGIN) {
                return Ok(creds.clone());
            }
        }
        let fresh = match self
            .inner
            .config
            .credentials_provider()
            .provide_credentials()
            .await
        {
            Ok(fresh) => fresh,
            // A failed refresh is not fatal while the old credentials still work.
            Err(e) => match cached {
                Some(creds) if !creds.expires_within(now, Duration::ZERO) => return Ok(creds),
                _ => return Err(e),
            },
        };
        if let Ok(mut cache) = self.inner.credentials.lock() {
            *cache = Some(fresh.clone());
        }
        Ok(fresh)
    }

    async fn send_attempts(
        &self,
        operation: &'static str,
        request: Request,
    ) -> Result<HttpResponse, Unhandled> {
        let inner = &*self.inner;
        let endpoint = inner.endpoint.as_ref().map_err(|e| {
            failure(
                operation,
                &format!("no usable endpoint: {e}"),
                Box::new(endpoint::EndpointError::new(e.clone())),
            )
        })?;
        let transport = inner.transport.as_ref().map_err(|e| {
            failure(
                operation,
                &format!("no HTTP transport: {e}"),
                Box::new(TransportError::new(
                    TransportErrorKind::InvalidRequest,
                    e.clone(),
                )),
            )
        })?;
        let credentials = self
            .credentials()
            .await
            .map_err(|e| failure(operation, &format!("no credentials: {e}"), Box::new(e)))?;

        let Request {
            method,
            path_and_query,
            mut headers,
            body,
        } = request;
        let mut full_path = endpoint.base_path.clone();
        if !path_and_query.starts_with('/') {
            full_path.push('/');
        }
        full_path.push_str(&path_and_query);
        let uri_text = format!("{}://{}{}", endpoint.scheme, endpoint.authority, full_path);
        let uri: http::Uri = uri_text.parse().map_err(|e: http::uri::InvalidUri| {
            let error = TransportError::new(
                TransportErrorKind::InvalidRequest,
                format!("invalid request URI `{uri_text}`: {e}"),
            );
            failure(operation, &error.to_string(), Box::new(error))
        })?;

        let host = HeaderValue::from_str(&endpoint.authority).map_err(|_| {
            let error = TransportError::new(
                TransportErrorKind::InvalidRequest,
                format!("`{}` cannot be a Host header", endpoint.authority),
            );
            failure(operation, &error.to_string(), Box::new(error))
        })?;
        headers.insert(http::header::HOST, host);
        if !headers.contains_key(http::header::USER_AGENT) {
            headers.insert(http::header::USER_AGENT, inner.user_agent.clone());
        }
        let needs_length = !body.is_empty()
            || matches!(
                method,
                http::Method::POST | http::Method::PUT | http::Method::PATCH
            );
        if needs_length {
            headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        }
        if let Ok(id) = HeaderValue::from_str(&retry::uuid_v4()) {
            headers.insert(HeaderName::from_static("amz-sdk-invocation-id"), id);
        }

        let policy = inner.config.retry();
        let max_attempts = policy.max_attempts.max(1);
        let mut attempt = 1;
        loop {
            let mut attempt_headers = headers.clone();
            let marker = format!("attempt={attempt}; max={max_attempts}");
            if let Ok(value) = HeaderValue::from_str(&marker) {
                attempt_headers.insert(HeaderName::from_static("amz-sdk-request"), value);
            }
            let params = SigningParams {
                credentials: &credentials,
                region: inner.config.region(),
                service: inner.info.signing_name,
                time: inner.config.now(),
            };
            sigv4::sign(&method, &full_path, &mut attempt_headers, &body, &params)
                .map_err(|e| failure(operation, &format!("signing failed: {e}"), Box::new(e)))?;
            let outgoing = HttpRequest {
                method: method.clone(),
                uri: uri.clone(),
                headers: attempt_headers,
                body: body.clone(),
            };
            let sent = match inner.config.timeouts().attempt {
                Some(limit) => match tokio::time::timeout(limit, transport.send(outgoing)).await {
                    Ok(result) => result,
                    Err(_) => Err(TransportError::new(
                        TransportErrorKind::Timeout,
                        format!("the attempt did not finish within {limit:?}"),
                    )),
                },
                None => transport.send(outgoing).await,
            };
            let kind = match &sent {
                Ok(response) => {
                    let code = if response.status >= 300 {
                        error_code(response)
                    } else {
                        None
                    };
                    retry::classify_response(response.status, code.as_deref())
                }
                Err(e) if e.kind() == TransportErrorKind::Timeout => RetryKind::Timeout,
                Err(e) if e.is_retryable() => RetryKind::TransportError,
                Err(_) => RetryKind::NotRetryable,
            };
            if !kind.is_retryable() || attempt >= max_attempts {
                return sent.map_err(|e| {
                    let text = if attempt > 1 {
                        format!("{e} (after {attempt} attempts)")
                    } else {
                        e.to_string()
                    };
                    failure(operation, &text, Box::new(e))
                });
            }
            tokio::time::sleep(policy.backoff(attempt, retry::jitter())).await;
            attempt += 1;
        }
    }
}

fn failure(
    operation: &str,
    message: &str,
    source: Box<dyn std::error::Error + Send + Sync>,
) -> Unhandled {
    Unhandled::new(Some(format!("{operation}: {message}"))).with_source(source)
}

/// `<sdk-id>-rs/<version>`, the SDK id lowercased with spaces as hyphens,
/// plus the configured suffix.
fn user_agent(info: &ServiceInfo, suffix: Option<&str>) -> HeaderValue {
    let mut product: String = info
        .sdk_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if product.is_empty() {
        product.push_str("aws-client");
    }
    let version: String = info
        .version
        .chars()
        .filter(|c| c.is_ascii_graphic() && *c != '/')
        .collect();
    let mut text = format!("{product}-rs/{version}");
    if let Some(suffix) = suffix {
        let suffix: String = suffix
            .chars()
            .filter(|c| c.is_ascii_graphic() || *c == ' ')
            .collect();
        if !suffix.trim().is_empty() {
            text.push(' ');
            text.push_str(suffix.trim());
        }
    }
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("aws-client-rs"))
}

// ----- reading error responses ---------------------------------------------------

fn json_body(response: &HttpResponse) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_slice(&response.body) {
        Ok(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// Strips a namespace (`ns#Name`) and a URL suffix (`Name:http://...`).
fn sanitize_error_code(raw: &str) -> Option<String> {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let name = before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim();
    if name.is_empty() {
        None
    } else {
        Some(name.to_owned())
    }
}

/// The error type name of an error response: the `X-Amzn-Errortype` header,
/// else `__type` in the JSON body, else `code`; a `ns#` prefix
/// and a `:http…` suffix are stripped.
pub fn error_code(response: &HttpResponse) -> Option<String> {
    if let Some(code) = response
        .headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .and_then(sanitize_error_code)
    {
        return Some(code);
    }
    let body = json_body(response)?;
    // Only `__type` and `code` name the error type; Chime's capitalised
    // `Code` holds a different value (`BadRequest`) and is not a type name.
    ["__type", "code"].iter().find_map(|key| {
        body.get(*key)
            .and_then(serde_json::Value::as_str)
            .and_then(sanitize_error_code)
    })
}

/// The message of an error response: `message`, `Message` or `errorMessage`
/// in the JSON body, else the `X-Amzn-Error-Message` header.
pub fn error_message(response: &HttpResponse) -> Option<String> {
    let from_body = json_body(response).and_then(|body| {
        ["message", "Message", "errorMessage"]
            .iter()
            .find_map(|key| {
                body.get(*key)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            })
    });
    from_body.or_else(|| {
        response
            .headers
            .get("x-amzn-error-message")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    })
}

/// The request id of a response: `x-amzn-RequestId`, else `x-amz-request-id`.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| {
            headers
                .get(*name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        })
}

/// Turns an error response that no modeled error matches into [`Unhandled`],
/// keeping the status, headers, body, error code, message and request id.
pub fn unhandled(response: HttpResponse) -> Unhandled {
    let code = error_code(&response);
    let message = error_message(&response);
    let id = request_id(&response.headers);
    let headers: Vec<(String, String)> = response
        .headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut error = Unhandled::new(message).with_status(response.status);
    if let Some(code) = code {
        error = error.with_code(code);
    }
    if let Some(id) = id {
        error = error.with_request_id(id);
    }
    error.with_headers(headers).with_body(response.body)
}

// ----- results of calls -------------------------------------------------------------

/// Facts about the HTTP response behind a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseMeta {
    /// The HTTP status code.
    pub status: u16,
    /// The request id the service assigned, if it sent one.
    pub request_id: Option<String>,
}

impl ResponseMeta {
    /// Reads the status and request id of a response.
    pub fn from_response(response: &HttpResponse) -> Self {
        ResponseMeta {
            status: response.status,
            request_id: request_id(&response.headers),
        }
    }
}

/// A failed call: the operation's error enum `E` plus what is known about
/// the response. It dereferences to `E`, so `err.is_conflict_exception()`
/// works directly.
#[derive(Debug)]
pub struct SdkError<E> {
    /// The error itself.
    pub error: E,
    /// The response behind it; `None` when no response arrived.
    pub meta: Option<ResponseMeta>,
}

impl<E> SdkError<E> {
    /// Pairs an error with its response facts.
    pub fn new(error: E, meta: Option<ResponseMeta>) -> Self {
        SdkError { error, meta }
    }

    /// The error, dropping the response facts.
    pub fn into_error(self) -> E {
        self.error
    }

    /// The request id of the response, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.as_ref().and_then(|m| m.request_id.as_deref())
    }

    /// The HTTP status of the response, if one arrived.
    pub fn status(&self) -> Option<u16> {
        self.meta.as_ref().map(|m| m.status)
    }
}

impl<E> Deref for SdkError<E> {
    type Target = E;

    fn deref(&self) -> &E {
        &self.error
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<E: std::error::Error> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}
