// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! The server half of restJson1: a router over a generated route table,
//! request checks, input validation, a `tower::Service` and `serve`.
//!
//! A generated crate's `server` module holds the service trait, its route
//! table and a dispatcher; everything protocol-generic lives here.
//!
//! - [`Router`]: matching, checks, `tower::Service`, [`Router::serve`].
//! - [`RequestContext`]: headers, request id and caller identity.
//! - [`validate`]: constraint checks and the validation error response.
//! - [`not_implemented`]: what operations without an implementation answer.

mod context;
mod router;
mod service;
pub mod validate;

pub use context::{new_request_id, unverified_identity, Identity, RequestContext};
pub use router::{accepts, find, media_type_is, split_path, Found, Media, Route, Segment};
pub use service::{Body, Operations, ResponseFuture, Router, SecretLookup, DEFAULT_BODY_LIMIT};

use crate::rt::wire::{Response, SerializeError};

/// The error an operation without an implementation returns: HTTP 501
/// with the error code `NotImplemented` and a message naming the operation.
/// Clients see it as an unhandled error with that code and status.
pub fn not_implemented(operation: &str) -> crate::rt::error::Unhandled {
    crate::rt::error::Unhandled::new(Some(format!(
        "{operation} is not implemented by this server"
    )))
    .with_status(501)
    .with_code("NotImplemented")
}

/// Serves one operation: reads the input (a decode failure is answered
/// through [`validate::decode_failure`]), validates it, runs `handler`, and
/// writes its result with [`respond`]. Generated dispatchers call this once
/// per operation.
#[allow(clippy::too_many_arguments)]
pub async fn run<I, O, E, F, Fut>(
    request: &crate::rt::wire::IncomingRequest,
    invalid: &validate::ValidationError,
    read: fn(&crate::rt::wire::IncomingRequest) -> Result<I, crate::rt::error::DecodeError>,
    check: fn(&I, &mut validate::Violations),
    handler: F,
    code: u16,
    write_output: fn(&O) -> Result<Response, SerializeError>,
    write_error: fn(&E) -> Result<Response, SerializeError>,
) -> Response
where
    F: FnOnce(I) -> Fut,
    Fut: std::future::Future<Output = Result<O, E>>,
{
    let input = match read(request) {
        Ok(input) => input,
        Err(e) => return validate::decode_failure(&e, invalid),
    };
    let mut violations = validate::Violations::new();
    check(&input, &mut violations);
    if let Some(response) = violations.into_response(invalid) {
        return response;
    }
    respond(handler(input).await, code, write_output, write_error)
}

/// The `check` of operations whose input has nothing to validate.
pub fn no_constraints<I>(_input: &I, _violations: &mut validate::Violations) {}

/// The answer when an output or error cannot be written (a header value
/// that HTTP cannot carry, say): 500 `InternalFailure`.
pub fn serialize_failure(error: &SerializeError) -> Response {
    let mut body = crate::rt::json::Object::new();
    body.insert(
        "message".to_owned(),
        crate::rt::json::Value::String(format!("the response could not be written: {error}")),
    );
    Response::error(500, "InternalFailure", body)
}

/// The response to an operation's result: the output written with the
/// operation's `@http` code, or the error written with its own status.
pub fn respond<T, E>(
    result: Result<T, E>,
    code: u16,
    write_output: impl FnOnce(&T) -> Result<Response, SerializeError>,
    write_error: impl FnOnce(&E) -> Result<Response, SerializeError>,
) -> Response {
    match result {
        Ok(output) => match write_output(&output) {
            Ok(mut response) => {
                // `@httpResponseCode` members have already set their own.
                if response.status == 200 {
                    response.status = code;
                }
                response
            }
            Err(e) => serialize_failure(&e),
        },
        Err(error) => match write_error(&error) {
            Ok(response) => response,
            Err(e) => serialize_failure(&e),
        },
    }
}
