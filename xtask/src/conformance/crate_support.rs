//! Support code of the generated conformance tests.
//!
//! Not part of xtask: `cargo xtask conformance` copies this file into each
//! generated crate as `src/conformance/support.rs`, next to the generated
//! tests. It sends requests through the real client pipeline with an
//! in-process transport, and checks messages against the test case.

#![allow(dead_code)]

use crate::rt::client::transport::TransportFuture;
use crate::rt::client::{HttpRequest, HttpResponse, HttpTransport};
use std::fmt::Debug;
use std::sync::{Arc, Mutex};

/// What a request test expects of a request.
pub struct ExpectedRequest {
    pub method: &'static str,
    pub uri: &'static str,
    pub resolved_host: Option<&'static str>,
    pub query: &'static [&'static str],
    pub forbid_query: &'static [&'static str],
    pub require_query: &'static [&'static str],
    pub headers: &'static [(&'static str, &'static str)],
    pub forbid_headers: &'static [&'static str],
    pub require_headers: &'static [&'static str],
    pub body: Option<&'static [u8]>,
    pub media_type: Option<&'static str>,
}

/// What a response test expects of a response.
pub struct ExpectedResponse {
    pub code: u16,
    pub headers: &'static [(&'static str, &'static str)],
    pub forbid_headers: &'static [&'static str],
    pub require_headers: &'static [&'static str],
    pub body: Option<&'static [u8]>,
    pub media_type: Option<&'static str>,
}

/// An HTTP message a test sends or the transport answers with.
pub struct Message {
    pub method: &'static str,
    pub uri: &'static str,
    pub query: &'static [&'static str],
    pub code: u16,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: &'static [u8],
}

/// A transport that records the request and answers with a canned response.
struct Canned {
    seen: Arc<Mutex<Option<HttpRequest>>>,
    response: HttpResponse,
}

impl HttpTransport for Canned {
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some(request);
        }
        let response = self.response.clone();
        Box::pin(async move { Ok(response) })
    }
}

pub fn header_map(headers: &[(&str, &str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers {
        let name = http::HeaderName::from_bytes(name.as_bytes())
            .expect("a valid header name in the test case");
        let value = http::HeaderValue::from_bytes(value.as_bytes())
            .expect("a valid header value in the test case");
        map.append(name, value);
    }
    map
}

pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// Runs one operation through the client (endpoint, signing, headers) with
/// a transport that answers `response`; returns the request it sent and the result.
pub fn call<I, O, E: From<crate::rt::error::Unhandled>>(
    host: &str,
    input: &I,
    write: fn(&I) -> Result<crate::rt::wire::OutgoingRequest, crate::rt::wire::SerializeError>,
    read: crate::rt::client::invoke::ReadOutput<O>,
    read_error: crate::rt::client::invoke::ReadError<E>,
    response: &Message,
) -> (
    Option<HttpRequest>,
    Result<O, crate::rt::client::SdkError<E>>,
) {
    static INFO: crate::rt::client::ServiceInfo = crate::rt::client::ServiceInfo {
        endpoint_prefix: "conformance",
        signing_name: "conformance",
        sdk_id: "Conformance",
        version: "0.0.0",
    };
    let seen = Arc::new(Mutex::new(None));
    let transport = Canned {
        seen: seen.clone(),
        response: HttpResponse {
            status: response.code,
            headers: header_map(response.headers),
            body: response.body.to_vec(),
        },
    };
    let config = crate::rt::client::Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("https://{host}"))
        .credentials(crate::rt::client::Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ))
        .max_attempts(1)
        .transport(Arc::new(transport))
        .build()
        .expect("a client configuration");
    let handle = crate::rt::client::Handle::new(config, &INFO);
    let result = block_on(crate::rt::client::invoke::invoke(
        &handle,
        "Conformance",
        input,
        write,
        read,
        read_error,
    ));
    let request = seen.lock().ok().and_then(|mut s| s.take());
    (request, result.map(|(output, _)| output))
}

/// A successful empty response, for request tests.
pub const OK: Message = Message {
    method: "",
    uri: "",
    query: &[],
    code: 200,
    headers: &[],
    body: b"",
};

/// A request body that writes nothing: response tests need no input.
pub fn no_request(
    _: &(),
) -> Result<crate::rt::wire::OutgoingRequest, crate::rt::wire::SerializeError> {
    Ok(crate::rt::wire::OutgoingRequest::new("POST"))
}

/// Collects mismatches and fails with all of them at once.
#[derive(Default)]
pub struct Problems(Vec<String>);

impl Problems {
    pub fn push(&mut self, problem: String) {
        self.0.push(problem);
    }

    pub fn finish(self, what: &str) {
        if !self.0.is_empty() {
            panic!("{what}: {}", self.0.join("; "));
        }
    }
}

/// Splits `k=v` (percent-encoded) into decoded key and value.
fn query_pair(pair: &str) -> (String, String) {
    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
    (percent_decode(k), percent_decode(v))
}

pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn header_text(headers: &http::HeaderMap, name: &str) -> Option<String> {
    let values: Vec<String> = headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    if values.is_empty() {
        None
    } else {
        Some(values.join(", "))
    }
}

fn check_headers(
    problems: &mut Problems,
    actual: &http::HeaderMap,
    headers: &[(&str, &str)],
    forbid: &[&str],
    require: &[&str],
) {
    for (name, expected) in headers {
        match header_text(actual, &name.to_ascii_lowercase()) {
            Some(value) if value == *expected => {}
            Some(value) => problems.push(format!(
                "header `{name}`: expected `{expected}`, got `{value}`"
            )),
            None => problems.push(format!(
                "header `{name}`: expected `{expected}`, got nothing"
            )),
        }
    }
    for name in forbid {
        if let Some(value) = header_text(actual, &name.to_ascii_lowercase()) {
            problems.push(format!("header `{name}` must be absent, got `{value}`"));
        }
    }
    for name in require {
        if header_text(actual, &name.to_ascii_lowercase()).is_none() {
            problems.push(format!("header `{name}` is required"));
        }
    }
}

fn is_json(media_type: Option<&str>) -> bool {
    media_type.is_some_and(|m| m.contains("json"))
}

fn check_body(
    problems: &mut Problems,
    actual: &[u8],
    expected: Option<&[u8]>,
    media_type: Option<&str>,
) {
    let Some(expected) = expected else { return };
    if is_json(media_type) && !expected.is_empty() {
        let want: serde_json::Value = match serde_json::from_slice(expected) {
            Ok(v) => v,
            Err(e) => return problems.push(format!("the test's JSON body does not parse: {e}")),
        };
        match serde_json::from_slice::<serde_json::Value>(actual) {
            Ok(got) if json_eq(&got, &want) => {}
            Ok(got) => problems.push(format!(
                "body {}: expected {want}, got {got}",
                json_diff(&want, &got, String::new())
            )),
            Err(_) => problems.push(format!(
                "body: expected {want}, got `{}`",
                String::from_utf8_lossy(actual)
            )),
        }
    } else if actual != expected {
        problems.push(format!(
            "body: expected `{}`, got `{}`",
            String::from_utf8_lossy(expected),
            String::from_utf8_lossy(actual)
        ));
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
pub fn json_eq(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Where two JSON values first differ, as a path and the two values there.
fn json_diff(want: &serde_json::Value, got: &serde_json::Value, path: String) -> String {
    use serde_json::Value;
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, v) in w {
                match g.get(k) {
                    Some(x) if json_eq(v, x) => {}
                    Some(x) => return json_diff(v, x, format!("{path}/{k}")),
                    None => return format!("(at {path}/{k}: expected {v}, got nothing)"),
                }
            }
            match g.keys().find(|k| !w.contains_key(*k)) {
                Some(k) => format!("(at {path}/{k}: expected nothing, got {})", g[k]),
                None => format!("(at {path})"),
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            match w.iter().zip(g).position(|(a, b)| !json_eq(a, b)) {
                Some(i) => json_diff(&w[i], &g[i], format!("{path}/{i}")),
                None => format!("(at {path})"),
            }
        }
        _ => format!(
            "(at {}: expected {want}, got {got})",
            if path.is_empty() { "/" } else { &path }
        ),
    }
}

/// Checks a request the client sent.
pub fn check_request(request: Option<HttpRequest>, result: &dyn Debug, expected: &ExpectedRequest) {
    let Some(request) = request else {
        panic!("the client sent no request: {result:?}");
    };
    let mut problems = Problems::default();
    if request.method.as_str() != expected.method {
        problems.push(format!(
            "method: expected {}, got {}",
            expected.method, request.method
        ));
    }
    if request.uri.path() != expected.uri {
        problems.push(format!(
            "path: expected `{}`, got `{}`",
            expected.uri,
            request.uri.path()
        ));
    }
    if let Some(host) = expected.resolved_host {
        let got = request.uri.host().unwrap_or_default();
        if got != host {
            problems.push(format!("host: expected `{host}`, got `{got}`"));
        }
    }
    let mut actual: Vec<(String, String)> = request
        .uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(query_pair)
        .collect();
    let all = actual.clone();
    for pair in expected.query {
        let want = query_pair(pair);
        match actual.iter().position(|p| *p == want) {
            Some(i) => {
                actual.remove(i);
            }
            None => problems.push(format!(
                "query: expected `{pair}` in `{}`",
                request.uri.query().unwrap_or_default()
            )),
        }
    }
    for key in expected.forbid_query {
        if all.iter().any(|(k, _)| k == &percent_decode(key)) {
            problems.push(format!("query parameter `{key}` must be absent"));
        }
    }
    for key in expected.require_query {
        if !all.iter().any(|(k, _)| k == &percent_decode(key)) {
            problems.push(format!("query parameter `{key}` is required"));
        }
    }
    check_headers(
        &mut problems,
        &request.headers,
        expected.headers,
        expected.forbid_headers,
        expected.require_headers,
    );
    check_body(
        &mut problems,
        &request.body,
        expected.body,
        expected.media_type,
    );
    problems.finish("request differs");
}

/// Checks a response the server wrote. `Content-Length` is added as the
/// HTTP layer (hyper) adds it to every response with a known length.
pub fn check_response(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
    expected: &ExpectedResponse,
) {
    let mut headers = headers.clone();
    if !headers.contains_key(http::header::CONTENT_LENGTH) {
        headers.insert(
            http::header::CONTENT_LENGTH,
            http::HeaderValue::from(body.len()),
        );
    }
    let headers = &headers;
    let mut problems = Problems::default();
    if status != expected.code {
        problems.push(format!("status: expected {}, got {status}", expected.code));
    }
    check_headers(
        &mut problems,
        headers,
        expected.headers,
        expected.forbid_headers,
        expected.require_headers,
    );
    check_body(&mut problems, body, expected.body, expected.media_type);
    problems.finish("response differs");
}

/// Compares parsed values; with `nan` set, by `Debug` text so NaN equals NaN.
pub fn assert_same<T: PartialEq + Debug>(actual: &T, expected: &T, nan: bool) {
    let (a, e) = (format!("{actual:?}"), format!("{expected:?}"));
    let same = if nan { a == e } else { actual == expected };
    if !same {
        panic!("parsed value differs: {}", difference(&e, &a));
    }
}

/// Where two `Debug` texts first differ, with some context.
fn difference(expected: &str, actual: &str) -> String {
    let start = expected
        .char_indices()
        .zip(actual.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| expected.len().min(actual.len()), |((i, _), _)| i);
    let from = expected[..start]
        .char_indices()
        .rev()
        .nth(60)
        .map_or(0, |(i, _)| i);
    let window = |text: &str| {
        let tail: String = text
            .get(from..)
            .unwrap_or_default()
            .chars()
            .take(160)
            .collect();
        if from > 0 {
            format!("…{tail}")
        } else {
            tail
        }
    };
    format!("expected {} got {}", window(expected), window(actual))
}

/// What a malformed-request test expects of the rejection.
pub struct ExpectedRejection {
    pub code: u16,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Option<&'static str>,
    pub media_type: Option<&'static str>,
    pub message_regex: Option<&'static str>,
}

/// Checks a server's answer to a malformed request.
pub fn check_rejection(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
    expected: &ExpectedRejection,
) {
    let mut problems = Problems::default();
    if status != expected.code {
        problems.push(format!("status: expected {}, got {status}", expected.code));
    }
    check_headers(&mut problems, headers, expected.headers, &[], &[]);
    if let Some(contents) = expected.body {
        let media = expected.media_type.or(Some("application/json"));
        check_body(&mut problems, body, Some(contents.as_bytes()), media);
    }
    if let Some(pattern) = expected.message_regex {
        let message = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| {
                v.get("message")
                    .or_else(|| v.get("Message"))
                    .and_then(|m| m.as_str().map(str::to_owned))
            })
            .unwrap_or_default();
        #[cfg(feature = "server")]
        match regex_lite::Regex::new(pattern) {
            Ok(re) if re.is_match(&message) => {}
            Ok(_) => problems.push(format!("message `{message}` does not match `{pattern}`")),
            Err(e) => problems.push(format!("bad messageRegex `{pattern}`: {e}")),
        }
        #[cfg(not(feature = "server"))]
        let _ = (pattern, message);
    }
    problems.finish("rejection differs");
}

/// The full request URI of a server-side test: path, then the query pairs as written.
pub fn request_uri(message: &Message) -> String {
    let mut uri = message.uri.to_owned();
    for (i, pair) in message.query.iter().enumerate() {
        uri.push(if i == 0 && !message.uri.contains('?') {
            '?'
        } else {
            '&'
        });
        uri.push_str(pair);
    }
    uri
}

/// Where the test service records the input it was called with.
#[derive(Clone, Default)]
pub struct Slots(pub Arc<Mutex<Option<Box<dyn std::any::Any + Send>>>>);

impl Slots {
    pub fn record<T: Send + 'static>(&self, input: T) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(Box::new(input));
        }
    }

    /// The recorded input, or a failure showing what the server answered instead.
    pub fn take<T: 'static>(&self, served: &Served) -> T {
        let taken = self.0.lock().ok().and_then(|mut slot| slot.take());
        match taken.map(|b| b.downcast::<T>()) {
            Some(Ok(input)) => *input,
            Some(Err(_)) => panic!("the server called another operation"),
            None => panic!(
                "the server did not call the operation; it answered {} {}",
                served.status,
                String::from_utf8_lossy(&served.body)
            ),
        }
    }
}

/// A response as a test sees it.
#[derive(Debug)]
pub struct Served {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

/// Sends a test's request through a router as a `tower::Service` and reads the whole response.
#[cfg(feature = "server")]
pub fn serve<O: crate::rt::server::Operations>(
    mut router: crate::rt::server::Router<O>,
    message: &Message,
) -> Served {
    use http_body_util::BodyExt;
    use tower_service::Service;
    let uri = request_uri(message);
    let mut request = http::Request::builder()
        .method(message.method)
        .uri(uri.as_str());
    for (name, value) in message.headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(http_body_util::Full::new(hyper::body::Bytes::from_static(
            message.body,
        )))
        .unwrap_or_else(|e| {
            panic!(
                "the test's request cannot be built ({} {uri}): {e}",
                message.method
            )
        });
    block_on(async move {
        let response = match router.call(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map(|b| b.to_bytes().to_vec())
            .unwrap_or_default();
        Served {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        }
    })
}

/// One segment of an operation's URI pattern, for tests that parse a
/// request without a router.
pub enum Segment {
    Literal(&'static str),
    Label,
    Greedy,
}

/// Splits a request the way a router would, for `read_request_*`: labels
/// (percent-decoded) by position, and the query pairs.
#[cfg(feature = "server")]
pub fn incoming(message: &Message, pattern: &[Segment]) -> crate::rt::wire::IncomingRequest {
    let uri = request_uri(message);
    let (path, query) = uri.split_once('?').unwrap_or((&uri, ""));
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut labels = Vec::new();
    let mut i = 0;
    for (n, segment) in pattern.iter().enumerate() {
        match segment {
            Segment::Literal(text) => {
                assert_eq!(
                    parts.get(i).copied(),
                    Some(*text),
                    "the request path does not match the operation"
                );
                i += 1;
            }
            Segment::Label => {
                labels.push(percent_decode(parts.get(i).copied().unwrap_or_default()));
                i += 1;
            }
            Segment::Greedy => {
                let rest = pattern.len() - n - 1;
                let end = parts.len().saturating_sub(rest).max(i);
                labels.push(percent_decode(&parts[i..end].join("/")));
                i = end;
            }
        }
    }
    crate::rt::wire::IncomingRequest {
        labels,
        query: query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(query_pair)
            .collect(),
        headers: header_map(message.headers),
        body: message.body.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_percent_decoding() {
        assert_eq!(percent_decode("a%20b%2Fc%"), "a b/c%");
        assert_eq!(percent_decode("%F0%9F%98%B9"), "\u{1F639}");
    }

    #[test]
    fn support_json_numbers_compare_by_value() {
        let a: serde_json::Value = serde_json::from_str(r#"{"a":[1,2.0]}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{"a":[1.0,2]}"#).unwrap();
        assert!(json_eq(&a, &b));
    }
}
