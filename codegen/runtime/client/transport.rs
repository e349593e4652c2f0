//! The HTTP layer under the client: a small trait with buffered bodies, and
//! the default implementation on hyper with rustls.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};

/// A request ready to go on the wire: signed, with a full URI and a buffered body.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: http::Method,
    /// The absolute URI (`https://host/path?query`).
    pub uri: http::Uri,
    /// All headers to send, `Host` included.
    pub headers: http::HeaderMap,
    /// The request body.
    pub body: Vec<u8>,
}

/// A response with its body read in full.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The response headers.
    pub headers: http::HeaderMap,
    /// The whole response body.
    pub body: Vec<u8>,
}

/// The future a transport returns.
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;

/// Something that can send one HTTP request and read the whole response.
///
/// The client calls it once per attempt; retries, signing and timeouts live
/// above it. Implement it to put the client on another HTTP stack or to
/// answer requests in-process in tests.
pub trait HttpTransport: Send + Sync + 'static {
    /// Sends `request` and returns the response, whatever its status.
    fn send(&self, request: HttpRequest) -> TransportFuture<'_>;
}

/// What kind of failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, TCP or TLS).
    Connect,
    /// The attempt or the whole operation ran out of time.
    Timeout,
    /// The connection failed while the request or response was in flight.
    Io,
    /// The response body was larger than the configured cap.
    ResponseTooLarge,
    /// The request could not be sent as given (a bad URI, say).
    InvalidRequest,
}

/// A request that got no complete HTTP response.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl TransportError {
    /// A new error of the given kind.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// Records the underlying cause.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The description, without the cause.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether sending the same request again may succeed: true for
    /// connection failures, I/O errors and timeouts.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.source {
            Some(source) => Some(source.as_ref()),
            None => None,
        }
    }
}

/// Settings of [`HyperTransport`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportOptions {
    /// How long to wait for a TCP connection; `None` waits as long as the OS does.
    pub connect_timeout: Option<Duration>,
    /// Responses with a longer body fail with
    /// [`TransportErrorKind::ResponseTooLarge`].
    pub max_response_body: usize,
    /// How long an idle pooled connection is kept.
    pub pool_idle_timeout: Option<Duration>,
}

impl TransportOptions {
    /// The default body cap: 64 MiB.
    pub const DEFAULT_MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;
}

impl Default for TransportOptions {
    fn default() -> Self {
        TransportOptions {
            connect_timeout: Some(Duration::from_millis(3100)),
            max_response_body: Self::DEFAULT_MAX_RESPONSE_BODY,
            pool_idle_timeout: Some(Duration::from_secs(90)),
        }
    }
}

type HyperClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>;

/// The default transport: hyper's pooled HTTP/1.1 client, over TLS with
/// rustls (ring provider, Mozilla's roots) for `https` and plain TCP for
/// `http`. Must be used from within a tokio runtime.
#[derive(Clone)]
pub struct HyperTransport {
    client: HyperClient,
    max_response_body: usize,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport")
            .field("max_response_body", &self.max_response_body)
            .finish_non_exhaustive()
    }
}

impl HyperTransport {
    /// A transport with [`TransportOptions::default`].
    pub fn new() -> Result<Self, TransportError> {
        Self::with_options(TransportOptions::default())
    }

    /// A transport with the given options.
    pub fn with_options(options: TransportOptions) -> Result<Self, TransportError> {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(options.connect_timeout);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| {
                TransportError::new(
                    TransportErrorKind::InvalidRequest,
                    format!("TLS setup failed: {e}"),
                )
                .with_source(e)
            })?
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(options.pool_idle_timeout)
            .pool_timer(TokioTimer::new())
            .build(https);
        Ok(HyperTransport {
            client,
            max_response_body: options.max_response_body,
        })
    }

    async fn call(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut outgoing = http::Request::new(Full::new(Bytes::from(request.body)));
        *outgoing.method_mut() = request.method;
        *outgoing.uri_mut() = request.uri;
        *outgoing.headers_mut() = request.headers;

        let response = self.client.request(outgoing).await.map_err(|e| {
            let kind = if e.is_connect() {
                TransportErrorKind::Connect
            } else {
                TransportErrorKind::Io
            };
            TransportError::new(kind, describe_chain(&e)).with_source(e)
        })?;
        let (parts, body) = response.into_parts();

        let declared = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > self.max_response_body as u64) {
            return Err(too_large(self.max_response_body));
        }
        let collected = Limited::new(body, self.max_response_body)
            .collect()
            .await
            .map_err(|e| {
                if e.is::<http_body_util::LengthLimitError>() {
                    too_large(self.max_response_body)
                } else {
                    let message = format!("reading the response body failed: {e}");
                    TransportError::new(TransportErrorKind::Io, message).with_source(e)
                }
            })?;
        Ok(HttpResponse {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body: collected.to_bytes().to_vec(),
        })
    }
}

impl HttpTransport for HyperTransport {
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        Box::pin(self.call(request))
    }
}

fn too_large(limit: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::ResponseTooLarge,
        format!("the response body is larger than the {limit}-byte limit"),
    )
}

/// Joins an error and its causes into one line, so logs show the root cause.
fn describe_chain(error: &dyn StdError) -> String {
    let mut out = error.to_string();
    let mut next = error.source();
    let mut depth = 0;
    while let Some(cause) = next {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        next = cause.source();
        depth += 1;
        if depth > 8 {
            break;
        }
    }
    out
}
