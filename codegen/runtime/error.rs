//! Error types shared by builders, decoders and operations.

use std::fmt;

/// A builder was asked to build a shape while a required member was unset.
///
/// Builders report this instead of inventing a value, so a caller finds out
/// at the call site rather than from a rejected request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BuildError {
    member: &'static str,
    shape: &'static str,
}

impl BuildError {
    /// The required member `member` of the shape `shape` was not set.
    pub const fn missing(member: &'static str, shape: &'static str) -> Self {
        BuildError { member, shape }
    }

    /// The Rust name of the member that was missing.
    pub const fn member(&self) -> &'static str {
        self.member
    }

    /// The name of the shape whose builder failed.
    pub const fn shape(&self) -> &'static str {
        self.shape
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "missing required member `{}` of `{}`",
            self.member, self.shape
        )
    }
}

impl std::error::Error for BuildError {}

/// One step of the location of a [`DecodeError`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct DecodeErrorInner {
    message: String,
    // Segments are pushed while the error travels outwards, so the innermost
    // step comes first; rendering walks the list backwards.
    path: Vec<Segment>,
}

/// A value on the wire could not be read as the shape it should hold.
///
/// The error carries a JSON-path-like location (`$.Channel.Members[2].Name`)
/// that decoders extend with [`DecodeError::at_key`] and
/// [`DecodeError::at_index`] as the error travels out of nested values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DecodeError {
    // Boxed so that `Result<T, DecodeError>` stays one pointer wide on the
    // hot, successful path.
    inner: Box<DecodeErrorInner>,
}

impl DecodeError {
    /// An error with the given message at the root of the value.
    pub fn new(message: impl Into<String>) -> Self {
        DecodeError {
            inner: Box::new(DecodeErrorInner {
                message: message.into(),
                path: Vec::new(),
            }),
        }
    }

    /// Records that the failing value sat under the object key `key`.
    #[must_use]
    pub fn at_key(mut self, key: &str) -> Self {
        self.inner.path.push(Segment::Key(key.to_owned()));
        self
    }

    /// Records that the failing value sat at position `index` of an array.
    #[must_use]
    pub fn at_index(mut self, index: usize) -> Self {
        self.inner.path.push(Segment::Index(index));
        self
    }

    /// Prefixes the message with where the value came from, for values that
    /// have no JSON path: `header `X-Count`: expected an integer`.
    #[must_use]
    pub fn in_context(mut self, context: impl fmt::Display) -> Self {
        self.inner.message = format!("{context}: {}", self.inner.message);
        self
    }

    /// What went wrong, without the location.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The location as a JSON path such as `$.Channel.Members[2].Name`;
    /// `$` when the error is about the root value itself.
    ///
    /// Keys that are not plain identifiers are written in bracket form
    /// (`$["a key"]`) so the path stays unambiguous.
    pub fn path(&self) -> String {
        let mut out = String::from("$");
        for segment in self.inner.path.iter().rev() {
            match segment {
                Segment::Key(key) if is_plain_key(key) => {
                    out.push('.');
                    out.push_str(key);
                }
                Segment::Key(key) => {
                    out.push('[');
                    push_quoted(&mut out, key);
                    out.push(']');
                }
                Segment::Index(index) => {
                    out.push('[');
                    out.push_str(&index.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// The location as a JSON pointer (RFC 6901) such as
    /// `/Channel/Members/2/Name`; empty for the root value.
    ///
    /// Validation error lists report member locations in this form.
    pub fn json_pointer(&self) -> String {
        let mut out = String::new();
        for segment in self.inner.path.iter().rev() {
            out.push('/');
            match segment {
                Segment::Key(key) => {
                    for c in key.chars() {
                        match c {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            c => out.push(c),
                        }
                    }
                }
                Segment::Index(index) => out.push_str(&index.to_string()),
            }
        }
        out
    }

    /// Whether the error carries a location below the root.
    pub fn has_path(&self) -> bool {
        !self.inner.path.is_empty()
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn push_quoted(out: &mut String, key: &str) {
    out.push('"');
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header, label and query values have no path; a bare `$:` in front
        // of their messages would only confuse.
        if self.has_path() {
            write!(f, "{}: {}", self.path(), self.inner.message)
        } else {
            f.write_str(&self.inner.message)
        }
    }
}

impl std::error::Error for DecodeError {}

/// An enum value received on the wire that the model did not list.
///
/// Generated enums keep such values in an `Unknown` variant so that a newer
/// service can add values without breaking older clients. The constructor
/// is crate-private on purpose: outside code cannot build an
/// `UnknownVariant`, so it cannot smuggle a *known* value into the
/// `Unknown` variant and make two spellings of one value compare unequal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariant {
    value: String,
}

impl UnknownVariant {
    /// Wraps a wire value that matched none of the modeled values.
    ///
    /// Only decoders inside this crate call this, after checking that the
    /// value is indeed unknown.
    #[allow(dead_code)] // only generated enums call it; some crates have none
    pub(crate) fn new(value: impl Into<String>) -> Self {
        UnknownVariant {
            value: value.into(),
        }
    }

    /// The value exactly as it appeared on the wire.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

/// An integer enum value received on the wire that the model did not list.
///
/// The integer counterpart of [`UnknownVariant`], with the same rule: only
/// this crate can build one, so it never holds a known value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownInt {
    value: i32,
}

impl UnknownInt {
    /// Wraps a wire value that matched none of the modeled values.
    ///
    /// Only decoders inside this crate call this, after checking that the
    /// value is indeed unknown.
    #[allow(dead_code)] // only generated int enums call it; some crates have none
    pub(crate) fn new(value: i32) -> Self {
        UnknownInt { value }
    }

    /// The value exactly as it appeared on the wire.
    pub fn value(&self) -> i32 {
        self.value
    }
}

impl fmt::Display for UnknownInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value)
    }
}

/// What `Debug` output shows in place of a `@sensitive` value.
pub const REDACTED: Redacted = Redacted;

/// The placeholder [`REDACTED`]: its `Debug` and `Display` print
/// `*** Sensitive Data Redacted ***`, so logging a value never leaks a
/// secret member.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("*** Sensitive Data Redacted ***")
    }
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// An error that no modeled error shape describes.
///
/// It keeps everything the response said, so callers can still log or
/// branch on the raw details: status, error code, message, request id,
/// headers and body, plus an underlying cause when there is one (a
/// transport failure, say).
#[derive(Debug, Default)]
pub struct Unhandled {
    status: Option<u16>,
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Unhandled {
    /// An unhandled error with the given human-readable message, if any.
    /// The `with_*` methods add the other details.
    pub fn new(message: Option<String>) -> Self {
        Unhandled {
            message,
            ..Unhandled::default()
        }
    }

    /// Sets the HTTP status code of the response.
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the error code (the error type name the service sent).
    #[must_use]
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets the request id the service assigned.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets the response headers, as name and value pairs.
    #[must_use]
    pub fn with_headers(mut self, headers: Vec<(String, String)>) -> Self {
        self.headers = headers;
        self
    }

    /// Sets the raw response body.
    #[must_use]
    pub fn with_body(mut self, body: Vec<u8>) -> Self {
        self.body = body;
        self
    }

    /// Sets the underlying cause, returned by
    /// [`std::error::Error::source`].
    #[must_use]
    pub fn with_source(mut self, source: Box<dyn std::error::Error + Send + Sync>) -> Self {
        self.source = Some(source);
        self
    }

    /// The HTTP status code, when a response was received.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The error code: the error type name the service sent.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The human-readable message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request id the service assigned.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The response headers, as name and value pairs.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The raw response body; empty when there was none.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unhandled error")?;
        if let Some(code) = &self.code {
            write!(f, " `{code}`")?;
        }
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " [request id {request_id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for Unhandled {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.source {
            Some(source) => Some(source.as_ref()),
            None => None,
        }
    }
}

/// What every error of an operation's error enum can say about itself; it
/// lets the generated enums answer `code()`, `Display` and `source()` with a
/// single `match`.
pub trait ErrorShape: std::error::Error + Send + Sync + 'static {
    /// The error code: the modeled shape's name, or what the response said.
    fn error_code(&self) -> Option<&str>;

    /// The same error as a plain `std::error::Error`.
    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static);
}

impl ErrorShape for Unhandled {
    fn error_code(&self) -> Option<&str> {
        self.code()
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{UnknownInt, UnknownVariant};

    // Like `UnknownVariant::new`, `UnknownInt::new` is crate-private.
    #[test]
    fn unknown_int_keeps_the_wire_value() {
        let v = UnknownInt::new(-7);
        assert_eq!(v.value(), -7);
        assert_eq!(v.to_string(), "-7");
        assert!(UnknownInt::new(1) < UnknownInt::new(2));
    }

    // `UnknownVariant::new` is crate-private, so only a unit test can reach it.
    #[test]
    fn unknown_variant_keeps_the_wire_value() {
        let v = UnknownVariant::new("SOMETHING_NEW");
        assert_eq!(v.as_str(), "SOMETHING_NEW");
        assert_eq!(v.to_string(), "SOMETHING_NEW");
        assert_eq!(v.clone(), v);
    }
}
