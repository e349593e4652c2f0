// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! What an operation handler knows about the request beyond its input.

use std::fmt;

/// The caller behind a SigV4-signed request.
#[derive(Clone, PartialEq, Eq)]
pub struct Identity {
    /// The access key id that signed, e.g. `AKIDEXAMPLE`.
    pub access_key_id: String,
    /// The region of the credential scope, e.g. `us-east-1`.
    pub region: String,
    /// The service of the credential scope, e.g. `chime`.
    pub service: String,
    /// The `X-Amz-Security-Token` sent with temporary credentials.
    pub session_token: Option<String>,
    /// Whether the signature was checked against the caller's secret. When
    /// false, the fields were only read from a well-formed `Authorization`
    /// header and anyone could have written them.
    pub verified: bool,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("access_key_id", &self.access_key_id)
            .field("region", &self.region)
            .field("service", &self.service)
            .field(
                "session_token",
                &self
                    .session_token
                    .as_ref()
                    .map(|_| crate::rt::error::REDACTED),
            )
            .field("verified", &self.verified)
            .finish()
    }
}

/// Per-request facts handed to every operation: the headers, the request
/// id (also sent back as `x-amzn-RequestId`), the operation name and the
/// caller's identity when the request was signed.
///
/// `Debug` shows `Authorization` and `X-Amz-Security-Token` as
/// `Sensitive`.
#[derive(Debug, Clone)]
pub struct RequestContext {
    request_id: String,
    operation: &'static str,
    headers: http::HeaderMap,
    identity: Option<Identity>,
}

impl RequestContext {
    /// A context with this request id and nothing else; the router fills
    /// in the rest. Useful to call a service implementation directly in
    /// tests.
    pub fn new(request_id: impl Into<String>) -> Self {
        RequestContext {
            request_id: request_id.into(),
            operation: "",
            headers: http::HeaderMap::new(),
            identity: None,
        }
    }

    /// Sets the request headers; credentials among them are marked sensitive.
    #[must_use]
    pub fn with_headers(mut self, mut headers: http::HeaderMap) -> Self {
        for name in [http::header::AUTHORIZATION.as_str(), "x-amz-security-token"] {
            if let http::header::Entry::Occupied(mut entry) = headers.entry(name) {
                for value in entry.iter_mut() {
                    value.set_sensitive(true);
                }
            }
        }
        self.headers = headers;
        self
    }

    /// Sets the caller's identity.
    #[must_use]
    pub fn with_identity(mut self, identity: Option<Identity>) -> Self {
        self.identity = identity;
        self
    }

    /// Sets the operation name.
    #[must_use]
    pub fn with_operation(mut self, operation: &'static str) -> Self {
        self.operation = operation;
        self
    }

    /// The id of this request, unique per process run (a random UUID).
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The name of the operation being served, e.g. `SendChannelMessage`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Every request header.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// One header as text, when present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The caller, when the request carried a well-formed SigV4
    /// `Authorization` header (check [`Identity::verified`]).
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }
}

/// A new random request id in UUID form, from the operating system's
/// random source; a clock-and-counter id if that fails.
pub fn new_request_id() -> String {
    use ring::rand::SecureRandom;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut bytes = [0u8; 16];
    if ring::rand::SystemRandom::new().fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mixed = nanos ^ (u128::from(count) << 64);
        bytes = mixed.to_be_bytes();
    }
    // Version 4, variant 1.
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        hex.get(..8).unwrap_or_default(),
        hex.get(8..12).unwrap_or_default(),
        hex.get(12..16).unwrap_or_default(),
        hex.get(16..20).unwrap_or_default(),
        hex.get(20..).unwrap_or_default()
    )
}

/// Reads the identity from a SigV4 `Authorization` header without
/// checking the signature: `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/chime/aws4_request, SignedHeaders=…, Signature=…`.
pub fn unverified_identity(headers: &http::HeaderMap) -> Option<Identity> {
    let auth = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let rest = auth.strip_prefix(crate::rt::sigv4::ALGORITHM)?.trim_start();
    let mut credential = None;
    let mut signed_headers = false;
    let mut signature = false;
    for part in rest.split(',') {
        let (key, value) = part.trim().split_once('=')?;
        match key {
            "Credential" => credential = Some(value),
            "SignedHeaders" => signed_headers = !value.is_empty(),
            "Signature" => {
                signature = value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
            }
            _ => return None,
        }
    }
    if !(signed_headers && signature) {
        return None;
    }
    let mut scope = credential?.split('/');
    let access_key_id = scope.next().filter(|s| !s.is_empty())?;
    let date = scope
        .next()
        .filter(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))?;
    let region = scope.next().filter(|s| !s.is_empty())?;
    let service = scope.next().filter(|s| !s.is_empty())?;
    if scope.next() != Some("aws4_request") || scope.next().is_some() || date.is_empty() {
        return None;
    }
    let session_token = headers
        .get("x-amz-security-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Some(Identity {
        access_key_id: access_key_id.to_owned(),
        region: region.to_owned(),
        service: service.to_owned(),
        session_token,
        verified: false,
    })
}
