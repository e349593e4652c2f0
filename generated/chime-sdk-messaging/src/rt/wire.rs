// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! restJson1 message parts shared by the client and the server: building a
//! request's URI, query and headers, and reading members back out of
//! labels, query strings, headers and JSON bodies.
//!
//! Generated per-operation code calls these with a codec per member, so the
//! rules (percent-encoding, list splitting, timestamp forms) live here once.

use crate::rt::encoding;
use crate::rt::error::DecodeError;
use crate::rt::json::{Object, Value};
use crate::rt::text::{split_header_list, split_http_date_list, TextCodec};
use std::collections::BTreeMap;

/// A request as the client serialises it, before endpoint and signing.
#[derive(Debug, Clone, Default)]
pub struct OutgoingRequest {
    /// HTTP method.
    pub method: &'static str,
    /// Percent-encoded path, starting with `/`.
    pub path: String,
    /// Query pairs, not yet encoded, in insertion order.
    pub query: Vec<(String, String)>,
    /// Headers to send.
    pub headers: http::HeaderMap,
    /// The body, empty when there is none.
    pub body: Vec<u8>,
}

/// Why a request could not be built from its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerializeError(pub String);

impl std::fmt::Display for SerializeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerializeError {}

impl OutgoingRequest {
    /// An empty request with this method and the root path.
    pub fn new(method: &'static str) -> Self {
        OutgoingRequest {
            method,
            ..OutgoingRequest::default()
        }
    }

    /// Appends a literal path segment from the model.
    pub fn literal(&mut self, segment: &str) {
        self.path.push('/');
        self.path.push_str(&encoding::encode_literal(segment));
    }

    /// Appends a label. Labels may not be empty: the request would reach another route.
    pub fn label<C: TextCodec<T>, T>(
        &mut self,
        member: &str,
        value: &T,
    ) -> Result<(), SerializeError> {
        let text = C::encode(value);
        if text.is_empty() {
            return Err(SerializeError(format!(
                "input member `{member}` is bound to the URI and must not be empty"
            )));
        }
        self.path.push('/');
        self.path.push_str(&encoding::encode_label(&text));
        Ok(())
    }

    /// Appends a greedy label, whose `/` characters stay path separators.
    pub fn greedy_label<C: TextCodec<T>, T>(
        &mut self,
        member: &str,
        value: &T,
    ) -> Result<(), SerializeError> {
        let text = C::encode(value);
        let trimmed = text.trim_start_matches('/');
        if trimmed.is_empty() {
            return Err(SerializeError(format!(
                "input member `{member}` is bound to the URI and must not be empty"
            )));
        }
        self.path.push('/');
        self.path.push_str(&encoding::encode_greedy_label(trimmed));
        Ok(())
    }

    /// Adds a fixed query pair from the URI pattern (`?scope=x`).
    pub fn query_literal(&mut self, key: &str, value: &str) {
        self.query.push((key.to_owned(), value.to_owned()));
    }

    /// Adds one query parameter.
    pub fn query<C: TextCodec<T>, T>(&mut self, name: &str, value: &T) {
        self.query.push((name.to_owned(), C::encode(value)));
    }

    /// Adds a list as repeated query parameters.
    pub fn query_list<C: TextCodec<T>, T>(&mut self, name: &str, values: &[T]) {
        for value in values {
            self.query.push((name.to_owned(), C::encode(value)));
        }
    }

    /// Adds an `@httpQueryParams` map; keys already set by `@httpQuery` members win.
    pub fn query_params<C: TextCodec<T>, T>(&mut self, values: &BTreeMap<String, T>) {
        for (key, value) in values {
            if !self.query.iter().any(|(k, _)| k == key) {
                self.query.push((key.clone(), C::encode(value)));
            }
        }
    }

    /// Adds an `@httpQueryParams` map of lists.
    pub fn query_params_list<C: TextCodec<T>, T>(&mut self, values: &BTreeMap<String, Vec<T>>) {
        let taken: Vec<String> = self.query.iter().map(|(k, _)| k.clone()).collect();
        for (key, list) in values {
            if !taken.contains(key) {
                for value in list {
                    self.query.push((key.clone(), C::encode(value)));
                }
            }
        }
    }

    /// Sets a header.
    pub fn header<C: TextCodec<T>, T>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), SerializeError> {
        set_header::<C, T>(&mut self.headers, name, value)
    }

    /// Sets a header to a comma-separated list.
    pub fn header_list<C: TextCodec<T>, T>(
        &mut self,
        name: &'static str,
        values: &[T],
    ) -> Result<(), SerializeError> {
        set_header_list::<C, T>(&mut self.headers, name, values)
    }

    /// Sets one header per map entry, each named `prefix` + key.
    pub fn prefix_headers<C: TextCodec<T>, T>(
        &mut self,
        prefix: &str,
        values: &BTreeMap<String, T>,
    ) -> Result<(), SerializeError> {
        set_prefix_headers::<C, T>(&mut self.headers, prefix, values)
    }

    /// Sets a JSON body and its content type.
    pub fn json_body(&mut self, object: Object) {
        set_json_body(&mut self.headers, &mut self.body, object);
    }

    /// Sets a raw payload; the content type is set only when the caller did not set one.
    pub fn payload(&mut self, body: Vec<u8>, content_type: &'static str) {
        set_payload(&mut self.headers, &mut self.body, body, content_type);
    }

    /// The path and the encoded query string.
    pub fn path_and_query(&self) -> String {
        let mut out = if self.path.is_empty() {
            String::from("/")
        } else {
            self.path.clone()
        };
        for (index, (key, value)) in self.query.iter().enumerate() {
            out.push(if index == 0 { '?' } else { '&' });
            out.push_str(&encoding::encode_query(key));
            out.push('=');
            out.push_str(&encoding::encode_query(value));
        }
        out
    }
}

/// A response as a server sends it or a client receives it.
#[derive(Debug, Clone, Default)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: http::HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// An empty response with a status.
    pub fn new(status: u16) -> Self {
        Response {
            status,
            ..Response::default()
        }
    }

    /// Sets a JSON body and its content type.
    pub fn json_body(&mut self, object: Object) {
        set_json_body(&mut self.headers, &mut self.body, object);
    }

    /// Sets a raw payload; the content type is set only when none is set yet.
    pub fn payload(&mut self, body: Vec<u8>, content_type: &'static str) {
        set_payload(&mut self.headers, &mut self.body, body, content_type);
    }

    /// An error response: status, `X-Amzn-Errortype`, and a JSON body.
    pub fn error(status: u16, code: &str, body: Object) -> Self {
        let mut response = Response::new(status);
        if let Ok(value) = http::HeaderValue::from_str(code) {
            response.headers.insert("x-amzn-errortype", value);
        }
        response.json_body(body);
        response
    }
}

impl Response {
    /// The answer to an error no model describes: its own status if it
    /// carries one, else 500, with its code and message.
    pub fn unhandled(error: &crate::rt::error::Unhandled) -> Self {
        let status = error
            .status()
            .filter(|s| (400..=599).contains(s))
            .unwrap_or(500);
        let code = error.code().unwrap_or("InternalFailure");
        let mut body = Object::new();
        if let Some(message) = error.message() {
            body.insert("message".into(), Value::String(message.to_owned()));
        }
        Response::error(status, code, body)
    }
}

fn set_json_body(headers: &mut http::HeaderMap, body: &mut Vec<u8>, object: Object) {
    *body = crate::rt::json::to_vec(&Value::Object(object));
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
}

fn set_payload(
    headers: &mut http::HeaderMap,
    body: &mut Vec<u8>,
    payload: Vec<u8>,
    content_type: &'static str,
) {
    *body = payload;
    if !headers.contains_key(http::header::CONTENT_TYPE) {
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static(content_type),
        );
    }
}

fn header_value(name: &str, text: &str) -> Result<http::HeaderValue, SerializeError> {
    http::HeaderValue::from_str(text).map_err(|_| {
        SerializeError(format!(
            "the value of header `{name}` contains characters a header cannot carry"
        ))
    })
}

/// Sets a header from a value.
pub fn set_header<C: TextCodec<T>, T>(
    headers: &mut http::HeaderMap,
    name: &'static str,
    value: &T,
) -> Result<(), SerializeError> {
    let text = C::encode(value);
    headers.insert(
        http::HeaderName::from_static(name),
        header_value(name, &text)?,
    );
    Ok(())
}

/// Sets a header to a comma-separated list, quoting items where needed.
pub fn set_header_list<C: TextCodec<T>, T>(
    headers: &mut http::HeaderMap,
    name: &'static str,
    values: &[T],
) -> Result<(), SerializeError> {
    let items: Vec<String> = values.iter().map(C::encode).collect();
    let text = if C::QUOTE_IN_LISTS {
        crate::rt::text::join_header_list(&items)
    } else {
        items.join(", ")
    };
    headers.insert(
        http::HeaderName::from_static(name),
        header_value(name, &text)?,
    );
    Ok(())
}

/// Sets one header per entry, named `prefix` + key.
pub fn set_prefix_headers<C: TextCodec<T>, T>(
    headers: &mut http::HeaderMap,
    prefix: &str,
    values: &BTreeMap<String, T>,
) -> Result<(), SerializeError> {
    for (key, value) in values {
        let full = format!("{prefix}{key}");
        let name = http::HeaderName::from_bytes(full.as_bytes())
            .map_err(|_| SerializeError(format!("`{full}` is not a valid header name")))?;
        headers.insert(name, header_value(&full, &C::encode(value))?);
    }
    Ok(())
}

fn header_text(headers: &http::HeaderMap, name: &str) -> Result<Option<String>, DecodeError> {
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut parts = Vec::new();
    for value in values {
        let text = value
            .to_str()
            .map_err(|_| DecodeError::new(format!("header `{name}` is not visible ASCII")))?;
        parts.push(text.trim().to_owned());
    }
    Ok(Some(parts.join(", ")))
}

/// Reads a header into a value; absent is `None`.
pub fn header<C: TextCodec<T>, T>(
    headers: &http::HeaderMap,
    name: &str,
) -> Result<Option<T>, DecodeError> {
    match header_text(headers, name)? {
        None => Ok(None),
        Some(text) => C::decode(&text)
            .map(Some)
            .map_err(|e| e.in_context(format!("header `{name}`"))),
    }
}

/// Reads a comma-separated header list; http-dates hold commas of their own.
pub fn header_list<C: TextCodec<T>, T>(
    headers: &http::HeaderMap,
    name: &str,
    http_dates: bool,
) -> Result<Option<Vec<T>>, DecodeError> {
    let Some(text) = header_text(headers, name)? else {
        return Ok(None);
    };
    let items = if http_dates {
        split_http_date_list(&text)?
    } else {
        split_header_list(&text)?
    };
    items
        .iter()
        .map(|item| C::decode(item).map_err(|e| e.in_context(format!("header `{name}`"))))
        .collect::<Result<Vec<T>, _>>()
        .map(Some)
}

/// Reads every header starting with `prefix` (case-insensitively) into a map
/// keyed by the rest of the name, in lower case as HTTP/1.1 delivers it.
pub fn prefix_headers<C: TextCodec<T>, T>(
    headers: &http::HeaderMap,
    prefix: &str,
) -> Result<BTreeMap<String, T>, DecodeError> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = BTreeMap::new();
    for name in headers.keys() {
        if let Some(rest) = name.as_str().strip_prefix(&prefix) {
            if let Some(text) = header_text(headers, name.as_str())? {
                let value =
                    C::decode(&text).map_err(|e| e.in_context(format!("header `{name}`")))?;
                out.insert(rest.to_owned(), value);
            }
        }
    }
    Ok(out)
}

/// A present value of a required member, or an error naming it.
pub fn required<T>(value: Option<T>, member: &str) -> Result<T, DecodeError> {
    value.ok_or_else(|| DecodeError::new(format!("required member `{member}` is missing")))
}

/// The JSON object of a body; an empty body reads as an empty object.
pub fn json_object(body: &[u8]) -> Result<Object, DecodeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Object::new());
    }
    match crate::rt::json::parse(body)? {
        Value::Object(object) => Ok(object),
        other => Err(crate::rt::json::expected("a JSON object", &other)),
    }
}

/// A JSON payload (structure, union or document); an empty body is `None`.
pub fn json_payload<C: crate::rt::json::Codec<T>, T>(
    body: &[u8],
) -> Result<Option<T>, DecodeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let value = crate::rt::json::parse(body)?;
    C::decode(&value).map(Some)
}

/// A structure payload of a request: an empty body, or `{}` (what clients
/// send for an unset structure payload), is `None`.
pub fn json_structure_payload<C: crate::rt::json::Codec<T>, T>(
    body: &[u8],
) -> Result<Option<T>, DecodeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    match crate::rt::json::parse(body)? {
        Value::Object(object) if object.is_empty() => Ok(None),
        value => C::decode(&value).map(Some),
    }
}

/// A text payload; an empty body is `None`.
pub fn text_payload<C: TextCodec<T>, T>(body: &[u8]) -> Result<Option<T>, DecodeError> {
    if body.is_empty() {
        return Ok(None);
    }
    let text =
        std::str::from_utf8(body).map_err(|_| DecodeError::new("the body is not UTF-8 text"))?;
    C::decode(text).map(Some)
}

/// A request as the server's router hands it to generated code: labels and
/// query already percent-decoded.
#[derive(Debug, Clone, Default)]
pub struct IncomingRequest {
    /// Label values in URI order.
    pub labels: Vec<String>,
    /// Query pairs in order.
    pub query: Vec<(String, String)>,
    /// Request headers.
    pub headers: http::HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl IncomingRequest {
    /// The label at `index`, decoded.
    pub fn label<C: TextCodec<T>, T>(&self, index: usize, member: &str) -> Result<T, DecodeError> {
        let text = self
            .labels
            .get(index)
            .ok_or_else(|| DecodeError::new(format!("URI label `{member}` is missing")))?;
        C::decode(text).map_err(|e| e.in_context(format!("URI label `{member}`")))
    }

    /// A single query parameter; repeated keys are an error for scalars.
    pub fn query<C: TextCodec<T>, T>(&self, name: &str) -> Result<Option<T>, DecodeError> {
        let mut found = self.query.iter().filter(|(k, _)| k == name);
        let Some((_, first)) = found.next() else {
            return Ok(None);
        };
        if found.next().is_some() {
            return Err(DecodeError::new(format!(
                "query parameter `{name}` appears more than once"
            )));
        }
        C::decode(first)
            .map(Some)
            .map_err(|e| e.in_context(format!("query parameter `{name}`")))
    }

    /// A repeated query parameter as a list.
    pub fn query_list<C: TextCodec<T>, T>(
        &self,
        name: &str,
    ) -> Result<Option<Vec<T>>, DecodeError> {
        let values: Vec<&String> = self
            .query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v)
            .collect();
        if values.is_empty() {
            return Ok(None);
        }
        values
            .into_iter()
            .map(|v| C::decode(v).map_err(|e| e.in_context(format!("query parameter `{name}`"))))
            .collect::<Result<Vec<T>, _>>()
            .map(Some)
    }

    /// Every query parameter not bound to a named member, first value wins.
    pub fn query_params<C: TextCodec<T>, T>(
        &self,
        bound: &[&str],
    ) -> Result<BTreeMap<String, T>, DecodeError> {
        let mut out = BTreeMap::new();
        for (key, value) in &self.query {
            if !bound.contains(&key.as_str()) && !out.contains_key(key) {
                out.insert(
                    key.clone(),
                    C::decode(value)
                        .map_err(|e| e.in_context(format!("query parameter `{key}`")))?,
                );
            }
        }
        Ok(out)
    }

    /// Every query parameter not bound to a named member, as lists.
    pub fn query_params_list<C: TextCodec<T>, T>(
        &self,
        bound: &[&str],
    ) -> Result<BTreeMap<String, Vec<T>>, DecodeError> {
        let mut out: BTreeMap<String, Vec<T>> = BTreeMap::new();
        for (key, value) in &self.query {
            if !bound.contains(&key.as_str()) {
                let decoded = C::decode(value)
                    .map_err(|e| e.in_context(format!("query parameter `{key}`")))?;
                out.entry(key.clone()).or_default().push(decoded);
            }
        }
        Ok(out)
    }
}
