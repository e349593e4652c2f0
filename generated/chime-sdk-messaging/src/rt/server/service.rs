// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! The generic restJson1 router: request checks in a fixed order, dispatch
//! to generated code, the `tower::Service` impl and `serve`.

use super::context::{new_request_id, unverified_identity, Identity, RequestContext};
use super::router::{self, Found, Media, Route};
use crate::rt::json::{Object, Value};
use crate::rt::wire::{IncomingRequest, Response};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// The largest request body accepted unless [`Router::with_body_limit`]
/// says otherwise: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;

/// A service's generated half: its route table and a dispatcher that reads
/// the input, validates it, calls the implementation and writes the answer.
///
/// Generated crates implement this for a wrapper around the service trait;
/// you do not implement it yourself.
pub trait Operations: Send + Sync + 'static {
    /// One route per operation.
    fn routes(&self) -> &'static [Route];

    /// Serves the operation of `routes()[route]`.
    fn call(
        &self,
        route: usize,
        ctx: RequestContext,
        request: IncomingRequest,
    ) -> impl Future<Output = Response> + Send;
}

/// Looks up the secret access key of an access key id.
pub type SecretLookup = dyn Fn(&str) -> Option<String> + Send + Sync;

#[derive(Clone)]
enum Auth {
    /// Signatures are not required; a well-formed one still fills in
    /// [`RequestContext::identity`] (unverified).
    Off,
    /// Every request must carry a well-formed SigV4 `Authorization`
    /// header; the signature itself is not checked.
    WellFormed,
    /// Every request must carry a valid SigV4 signature.
    Verify(Arc<SecretLookup>),
}

#[derive(Clone)]
struct Config {
    body_limit: usize,
    auth: Auth,
}

/// A restJson1 router over a service's generated [`Operations`].
///
/// It answers every request, in this order of checks:
///
/// 1. body over the limit: 413 `RequestEntityTooLargeException`;
/// 2. signature, when required: 403 `MissingAuthenticationTokenException`,
///    `IncompleteSignatureException`, `UnrecognizedClientException` or
///    `InvalidSignatureException`;
/// 3. bad percent-encoding in the path or query: 400 `SerializationException`;
/// 4. no route: 404 `UnknownOperationException`; a route for another
///    method only: 405 `MethodNotAllowedException` with `Allow`;
/// 5. wrong `Content-Type`: 415 `UnsupportedMediaTypeException`;
///    an `Accept` that excludes the response type: 406 `NotAcceptableException`;
/// 6. then the operation: input that cannot be read is 400
///    `SerializationException` (or the model's validation error, see
///    [`ValidationError::malformed_too`](super::validate::ValidationError)),
///    invalid input is 400 with the model's validation error, and a panic
///    in the implementation is 500 `InternalFailure`.
///
/// Every response carries `x-amzn-RequestId`. Cloning is cheap.
pub struct Router<O> {
    operations: Arc<O>,
    config: Arc<Config>,
}

impl<O> Clone for Router<O> {
    fn clone(&self) -> Self {
        Router {
            operations: Arc::clone(&self.operations),
            config: Arc::clone(&self.config),
        }
    }
}

impl<O> std::fmt::Debug for Router<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let auth = match self.config.auth {
            Auth::Off => "off",
            Auth::WellFormed => "well-formed signatures required",
            Auth::Verify(_) => "signatures verified",
        };
        f.debug_struct("Router")
            .field("body_limit", &self.config.body_limit)
            .field("auth", &auth)
            .finish_non_exhaustive()
    }
}

fn framework_error(status: u16, code: &str, message: impl Into<String>) -> Response {
    let mut body = Object::new();
    body.insert("message".to_owned(), Value::String(message.into()));
    Response::error(status, code, body)
}

impl<O: Operations> Router<O> {
    /// A router with the default body limit and no signature checks.
    pub fn new(operations: O) -> Self {
        Router {
            operations: Arc::new(operations),
            config: Arc::new(Config {
                body_limit: DEFAULT_BODY_LIMIT,
                auth: Auth::Off,
            }),
        }
    }

    fn config_mut(&mut self) -> &mut Config {
        Arc::make_mut(&mut self.config)
    }

    /// Sets the largest request body, in bytes, accepted; larger ones get 413.
    #[must_use]
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.config_mut().body_limit = bytes;
        self
    }

    /// Requires every request to be SigV4-signed with a secret that
    /// `lookup` returns for the request's access key id; others get 403.
    /// The verified caller is in [`RequestContext::identity`].
    #[must_use]
    pub fn with_signature_verification(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.config_mut().auth = Auth::Verify(Arc::new(lookup));
        self
    }

    /// Requires every request to carry a well-formed SigV4 `Authorization`
    /// header, without checking the signature (for local emulators that
    /// accept any credentials); others get 403.
    #[must_use]
    pub fn with_signed_requests_required(mut self) -> Self {
        self.config_mut().auth = Auth::WellFormed;
        self
    }

    /// The generated operations, and through them the implementation.
    pub fn operations(&self) -> &O {
        &self.operations
    }

    /// Answers a request whose body has been read. This is the whole
    /// router; the `tower::Service` impl only reads the body first.
    pub async fn handle(&self, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        let (parts, body) = request.into_parts();
        let request_id = new_request_id();
        let response = self
            .respond(&parts.method, &parts.uri, parts.headers, body, &request_id)
            .await;
        into_http(response, &request_id)
    }

    async fn respond(
        &self,
        method: &http::Method,
        uri: &http::Uri,
        headers: http::HeaderMap,
        body: Vec<u8>,
        request_id: &str,
    ) -> Response {
        let config = &self.config;
        if body.len() > config.body_limit {
            return too_large(config.body_limit);
        }
        let path_and_query = uri.path_and_query().map_or("/", |pq| pq.as_str());
        let identity = match self.authenticate(method, path_and_query, &headers, &body) {
            Ok(identity) => identity,
            Err(response) => return *response,
        };

        if !uri.path().starts_with('/') {
            // `OPTIONS *` and the like name no resource.
            return framework_error(
                404,
                "UnknownOperationException",
                format!("no operation serves {method} {}", uri.path()),
            );
        }
        let segments = match router::split_path(uri.path()) {
            Ok(segments) => segments,
            Err(e) => {
                return framework_error(
                    400,
                    "SerializationException",
                    format!("the request path is malformed: {e}"),
                )
            }
        };
        let query = match crate::rt::encoding::parse_query(uri.query().unwrap_or_default()) {
            Ok(query) => query,
            Err(e) => {
                return framework_error(
                    400,
                    "SerializationException",
                    format!("the query string is malformed: {e}"),
                )
            }
        };
        let routes = self.operations.routes();
        let (index, labels) = match router::find(routes, method.as_str(), &segments, &query) {
            Found::Route(index, labels) => (index, labels),
            Found::MethodNotAllowed(methods) => {
                let mut response = framework_error(
                    405,
                    "MethodNotAllowedException",
                    format!("{method} is not allowed here"),
                );
                if let Ok(value) = http::HeaderValue::from_str(&methods.join(", ")) {
                    response.headers.insert(http::header::ALLOW, value);
                }
                return response;
            }
            Found::NotFound => {
                return framework_error(
                    404,
                    "UnknownOperationException",
                    format!("no operation serves {method} {}", uri.path()),
                )
            }
        };
        let Some(route) = routes.get(index) else {
            return framework_error(404, "UnknownOperationException", "no such operation");
        };
        if let Some(response) = check_media(route, &headers, &body) {
            return response;
        }

        let ctx = RequestContext::new(request_id)
            .with_operation(route.operation)
            .with_identity(identity)
            .with_headers(headers.clone());
        let request = IncomingRequest {
            labels,
            query,
            headers,
            body,
        };
        CatchUnwind(Box::pin(self.operations.call(index, ctx, request)))
            .await
            .unwrap_or_else(|()| {
                framework_error(500, "InternalFailure", "the operation failed unexpectedly")
            })
    }

    fn authenticate(
        &self,
        method: &http::Method,
        path_and_query: &str,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Option<Identity>, Box<Response>> {
        let forbidden = |code: &str, message: String| Box::new(framework_error(403, code, message));
        match &self.config.auth {
            Auth::Off => Ok(unverified_identity(headers)),
            Auth::WellFormed => match unverified_identity(headers) {
                Some(identity) => Ok(Some(identity)),
                None if headers.contains_key(http::header::AUTHORIZATION) => Err(forbidden(
                    "IncompleteSignatureException",
                    "the Authorization header is not a well-formed AWS4-HMAC-SHA256 signature"
                        .into(),
                )),
                None => Err(forbidden(
                    "MissingAuthenticationTokenException",
                    "the request is not signed".into(),
                )),
            },
            Auth::Verify(lookup) => {
                let lookup: &SecretLookup = lookup.as_ref();
                match crate::rt::sigv4::verify(
                    method,
                    path_and_query,
                    headers,
                    body,
                    lookup,
                    std::time::SystemTime::now(),
                ) {
                    Ok(verified) => Ok(Some(Identity {
                        access_key_id: verified.access_key_id,
                        region: verified.region,
                        service: verified.service,
                        session_token: verified.session_token,
                        verified: true,
                    })),
                    Err(e) => Err(forbidden(e.code(), e.to_string())),
                }
            }
        }
    }
}

fn too_large(limit: usize) -> Response {
    framework_error(
        413,
        "RequestEntityTooLargeException",
        format!("the request body is larger than {limit} bytes"),
    )
}

/// 415 and 406: the body's `Content-Type` and the caller's `Accept`.
fn check_media(route: &Route, headers: &http::HeaderMap, body: &[u8]) -> Option<Response> {
    let content_type = headers
        .get(http::header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or("\u{0}"));
    let unsupported = |why: String| framework_error(415, "UnsupportedMediaTypeException", why);
    match route.request {
        Media::None => {
            if let (Some(ct), false) = (content_type, body.is_empty()) {
                return Some(unsupported(format!(
                    "{} takes no request body, but one was sent as `{ct}`",
                    route.operation
                )));
            }
        }
        Media::Any => {}
        Media::Exactly(expected) => {
            if !body.is_empty()
                && !content_type.is_some_and(|ct| router::media_type_is(ct, expected))
            {
                return Some(unsupported(format!(
                    "{} expects a request body of type `{expected}`",
                    route.operation
                )));
            }
        }
    }
    let produced = match route.response {
        Media::Exactly(produced) => produced,
        Media::None => "application/json",
        Media::Any => return None,
    };
    for accept in headers.get_all(http::header::ACCEPT) {
        let Ok(accept) = accept.to_str() else {
            continue;
        };
        if !accept.trim().is_empty() && !router::accepts(accept, produced) {
            return Some(framework_error(
                406,
                "NotAcceptableException",
                format!(
                    "{} answers with `{produced}`, which `Accept: {accept}` excludes",
                    route.operation
                ),
            ));
        }
    }
    None
}

fn into_http(mut response: Response, request_id: &str) -> http::Response<Vec<u8>> {
    if let Ok(value) = http::HeaderValue::from_str(request_id) {
        response.headers.insert("x-amzn-requestid", value);
    }
    let mut out = http::Response::new(response.body);
    *out.status_mut() = http::StatusCode::from_u16(response.status)
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    *out.headers_mut() = response.headers;
    out
}

/// Turns a panic while polling the inner future into `Err(())`.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    }
}

/// The response body type of the `tower::Service` impl.
pub type Body = http_body_util::Full<hyper::body::Bytes>;

/// The future of the `tower::Service` impl.
pub type ResponseFuture =
    Pin<Box<dyn Future<Output = Result<http::Response<Body>, Infallible>> + Send>>;

impl<O: Operations> Router<O> {
    /// Reads a body of any `http_body::Body` type, up to the limit, then
    /// answers as [`Router::handle`] does.
    async fn handle_body<B>(self, request: http::Request<B>) -> http::Response<Body>
    where
        B: hyper::body::Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        use http_body_util::BodyExt;
        let (parts, body) = request.into_parts();
        let request_id = new_request_id();
        let limit = self.config.body_limit;
        let declared = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let response = if declared.is_some_and(|n| n > u64::try_from(limit).unwrap_or(u64::MAX)) {
            too_large(limit)
        } else {
            match http_body_util::Limited::new(body, limit).collect().await {
                Ok(collected) => {
                    let bytes = collected.to_bytes().to_vec();
                    self.respond(&parts.method, &parts.uri, parts.headers, bytes, &request_id)
                        .await
                }
                Err(e)
                    if e.downcast_ref::<http_body_util::LengthLimitError>()
                        .is_some() =>
                {
                    too_large(limit)
                }
                Err(e) => framework_error(
                    400,
                    "SerializationException",
                    format!("the request body could not be read: {e}"),
                ),
            }
        };
        let (parts, body) = into_http(response, &request_id).into_parts();
        http::Response::from_parts(
            parts,
            http_body_util::Full::new(hyper::body::Bytes::from(body)),
        )
    }
}

impl<O, B> tower_service::Service<http::Request<B>> for Router<O>
where
    O: Operations,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = ResponseFuture;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let router = self.clone();
        Box::pin(async move { Ok(router.handle_body(request).await) })
    }
}

/// Adapts the router to hyper's own `Service` trait.
struct Hyper<O>(Router<O>);

impl<O: Operations> hyper::service::Service<http::Request<hyper::body::Incoming>> for Hyper<O> {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = ResponseFuture;

    fn call(&self, request: http::Request<hyper::body::Incoming>) -> Self::Future {
        let router = self.0.clone();
        Box::pin(async move { Ok(router.handle_body(request).await) })
    }
}

impl<O: Operations> Router<O> {
    /// Binds `addr` and serves HTTP/1.1 until the process ends or accepting
    /// fails for good. Errors on one connection never stop the server.
    pub async fn serve(self, addr: std::net::SocketAddr) -> std::io::Result<()> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        self.serve_listener(listener).await
    }

    /// Serves HTTP/1.1 on an already-bound listener (bind port 0 to let
    /// the system pick a free port).
    pub async fn serve_listener(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        self.serve_with_shutdown(listener, std::future::pending())
            .await
    }

    /// Like [`Router::serve_listener`], but stops accepting connections
    /// once `shutdown` completes; connections already open finish their
    /// requests on their own tasks.
    pub async fn serve_with_shutdown(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send,
    ) -> std::io::Result<()> {
        let mut shutdown = std::pin::pin!(shutdown);
        let mut failures = 0u32;
        loop {
            let accepted = {
                let accept = std::pin::pin!(listener.accept());
                match Select(accept, shutdown.as_mut()).await {
                    Either::Left(accepted) => accepted,
                    Either::Right(()) => return Ok(()),
                }
            };
            let stream = match accepted {
                Ok((stream, _)) => {
                    failures = 0;
                    stream
                }
                Err(e) if is_connection_error(&e) => continue,
                Err(e) => {
                    // Out of file descriptors and the like: back off and
                    // retry, and give up only when it never recovers.
                    failures += 1;
                    if failures > 100 {
                        return Err(e);
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(
                        10 * u64::from(failures.min(50)),
                    ))
                    .await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let service = Hyper(self.clone());
            tokio::spawn(async move {
                let io = hyper_util::rt::TokioIo::new(stream);
                // A client that hangs up mid-request is not the server's
                // problem; the error is dropped with the connection.
                // The timer turns on hyper's 30-second limit for reading a
                // request's headers, so idle half-open clients are dropped.
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .serve_connection(io, service)
                    .await;
            });
        }
    }
}

fn is_connection_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

enum Either<L, R> {
    Left(L),
    Right(R),
}

/// Polls two futures and yields the first to finish.
struct Select<A, B>(A, B);

impl<A: Future + Unpin, B: Future + Unpin> Future for Select<A, B> {
    type Output = Either<A::Output, B::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(a) = Pin::new(&mut self.0).poll(cx) {
            return Poll::Ready(Either::Left(a));
        }
        if let Poll::Ready(b) = Pin::new(&mut self.1).poll(cx) {
            return Poll::Ready(Either::Right(b));
        }
        Poll::Pending
    }
}
