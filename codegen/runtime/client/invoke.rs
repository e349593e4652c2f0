//! One call of one operation: serialise, send (with signing and retries),
//! then read the output or the operation's error. Generated code passes the
//! operation's own functions in; everything else is shared here.

use super::{error_code, unhandled, Handle, HttpResponse, Request, ResponseMeta, SdkError};
use crate::rt::error::{DecodeError, Unhandled};
use crate::rt::wire::{OutgoingRequest, SerializeError};
use http::HeaderMap;

/// Reads an output from status, headers and body.
pub type ReadOutput<O> = fn(u16, &HeaderMap, &[u8]) -> Result<O, DecodeError>;
/// Reads a modeled error by its code; `None` when the code is not modeled.
pub type ReadError<E> = fn(&str, u16, &HeaderMap, &[u8]) -> Option<Result<E, DecodeError>>;

/// Runs one operation end to end.
pub async fn invoke<I, O, E: From<Unhandled>>(
    handle: &Handle,
    operation: &'static str,
    input: &I,
    write: fn(&I) -> Result<OutgoingRequest, SerializeError>,
    read: ReadOutput<O>,
    read_error: ReadError<E>,
) -> Result<(O, ResponseMeta), SdkError<E>> {
    let outgoing = write(input).map_err(|e| {
        let message = format!("cannot build the {operation} request: {e}");
        SdkError::new(
            E::from(Unhandled::new(Some(message)).with_source(Box::new(e))),
            None,
        )
    })?;
    let method = http::Method::from_bytes(outgoing.method.as_bytes()).unwrap_or(http::Method::POST);
    let mut request = Request::new(method, outgoing.path_and_query());
    request.headers = outgoing.headers;
    request.body = outgoing.body;
    let response = handle
        .send(operation, request)
        .await
        .map_err(|e| SdkError::new(E::from(e), None))?;
    let meta = ResponseMeta::from_response(&response);
    if (200..300).contains(&response.status) {
        return match read(response.status, &response.headers, &response.body) {
            Ok(output) => Ok((output, meta)),
            Err(e) => Err(SdkError::new(
                E::from(undecodable(operation, "response", e, response)),
                Some(meta),
            )),
        };
    }
    let Some(code) = error_code(&response) else {
        return Err(SdkError::new(E::from(unhandled(response)), Some(meta)));
    };
    match read_error(&code, response.status, &response.headers, &response.body) {
        Some(Ok(error)) => Err(SdkError::new(error, Some(meta))),
        Some(Err(e)) => Err(SdkError::new(
            E::from(undecodable(operation, &code, e, response)),
            Some(meta),
        )),
        None => Err(SdkError::new(E::from(unhandled(response)), Some(meta))),
    }
}

/// A response that arrived but could not be read: keep all of it.
fn undecodable(
    operation: &str,
    what: &str,
    error: DecodeError,
    response: HttpResponse,
) -> Unhandled {
    let message = format!("cannot read the {operation} {what}: {error}");
    let original = unhandled(response);
    let mut out = Unhandled::new(Some(message))
        .with_status(original.status().unwrap_or_default())
        .with_headers(original.headers().to_vec())
        .with_body(original.body().to_vec())
        .with_source(Box::new(error));
    if let Some(code) = original.code() {
        out = out.with_code(code);
    }
    // Read from the response's own error, not from `out`, which has none yet.
    if let Some(id) = original.request_id() {
        out = out.with_request_id(id);
    }
    out
}
