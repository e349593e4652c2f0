//! AWS Signature Version 4 for requests signed in headers, written on `ring`.
//!
//! [`sign`] adds `X-Amz-Date`, `X-Amz-Security-Token` (when the credentials
//! carry one) and `Authorization` to a request. [`verify`] is the other half,
//! for servers: it reads those headers back, recomputes the signature with a
//! secret the caller looks up, and compares in constant time.
//!
//! The canonical request follows the rules for every service except S3: the
//! path is normalised (dot segments removed, repeated slashes merged) and
//! URI-encoded once more on top of the encoding it already carries on the
//! wire, the query is decoded, re-encoded with RFC 3986 rules and sorted, and
//! the payload hash is the SHA-256 of the body.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::{HeaderMap, HeaderName, HeaderValue};
use ring::{digest, hmac};

/// The only algorithm this module speaks.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// How far a request's `X-Amz-Date` may be from the verifier's clock.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);

/// An access key pair, with the session token of temporary credentials.
///
/// `Debug` prints the access key id only; the secret and the token are
/// replaced by `** redacted **`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The public half of the key pair, e.g. `AKIDEXAMPLE`.
    pub access_key_id: String,
    /// The secret half of the key pair. Never logged.
    pub secret_access_key: String,
    /// The session token that comes with temporary credentials.
    pub session_token: Option<String>,
    /// When temporary credentials stop working, if known.
    pub expiry: Option<SystemTime>,
}

impl Credentials {
    /// Long-term credentials: a key pair with no token and no expiry.
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
            expiry: None,
        }
    }

    /// Adds the session token of temporary credentials.
    pub fn with_session_token(mut self, token: impl Into<String>) -> Self {
        self.session_token = Some(token.into());
        self
    }

    /// Records when these credentials expire.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// Whether the credentials will have expired `margin` after `now`.
    /// Credentials without an expiry never expire.
    pub fn expires_within(&self, now: SystemTime, margin: Duration) -> bool {
        match self.expiry {
            Some(expiry) => match now.checked_add(margin) {
                Some(limit) => limit >= expiry,
                None => true,
            },
            None => false,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Who signs, for which region and service, and when.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// The key pair (and token) that signs.
    pub credentials: &'a Credentials,
    /// The signing region, e.g. `us-east-1`.
    pub region: &'a str,
    /// The signing name of the service, e.g. `chime`.
    pub service: &'a str,
    /// The signing time; it becomes `X-Amz-Date`.
    pub time: SystemTime,
}

/// What [`sign`] computed, for logs and tests. The headers themselves are
/// already on the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningOutput {
    /// The signature in lowercase hex.
    pub signature: String,
    /// The `;`-separated list of signed header names.
    pub signed_headers: String,
    /// The canonical request (header values that are not UTF-8 are shown
    /// lossily; the signature covers their bytes).
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The `X-Amz-Date` value that was set.
    pub amz_date: String,
}

/// The identity behind a request that passed [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedIdentity {
    /// The access key id that signed.
    pub access_key_id: String,
    /// The region in the credential scope.
    pub region: String,
    /// The service in the credential scope.
    pub service: String,
    /// The `X-Amz-Security-Token` that was sent and signed, if any.
    pub session_token: Option<String>,
    /// The signing time taken from `X-Amz-Date`.
    pub signed_at: SystemTime,
}

/// Why a request could not be signed or did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request carries no `Authorization` header.
    MissingAuthorization,
    /// A header needed for signing or verifying is absent or malformed; the
    /// text says which and why.
    Malformed(String),
    /// The access key id is not known to the verifier.
    UnknownAccessKey(String),
    /// `X-Amz-Date` is further than [`MAX_CLOCK_SKEW`] from the verifier's clock.
    Expired {
        /// The date the request carried.
        amz_date: String,
    },
    /// The signature is well formed but does not match the request.
    Mismatch,
}

impl SignatureError {
    /// The error code an AWS service answers with for this failure.
    pub fn code(&self) -> &'static str {
        match self {
            SignatureError::MissingAuthorization => "MissingAuthenticationTokenException",
            SignatureError::Malformed(_) => "IncompleteSignatureException",
            SignatureError::UnknownAccessKey(_) => "UnrecognizedClientException",
            SignatureError::Expired { .. } => "InvalidSignatureException",
            SignatureError::Mismatch => "InvalidSignatureException",
        }
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::MissingAuthorization => {
                f.write_str("the request has no Authorization header")
            }
            SignatureError::Malformed(why) => write!(f, "malformed signature: {why}"),
            SignatureError::UnknownAccessKey(id) => {
                write!(f, "the access key id `{id}` is not known")
            }
            SignatureError::Expired { amz_date } => write!(
                f,
                "signature expired: X-Amz-Date {amz_date} is more than 15 minutes from the server's clock"
            ),
            SignatureError::Mismatch => f.write_str(
                "the request signature does not match the signature computed for the request",
            ),
        }
    }
}

impl std::error::Error for SignatureError {}

/// Signs a request in place.
///
/// `path_and_query` is the request target exactly as it goes on the wire
/// (already percent-encoded). `headers` must hold `Host`; any earlier
/// `Authorization`, `X-Amz-Date` and `X-Amz-Security-Token` are replaced. The
/// signed headers are `host`, `content-type` and every `x-amz-*` header.
pub fn sign(
    method: &http::Method,
    path_and_query: &str,
    headers: &mut HeaderMap,
    body: &[u8],
    params: &SigningParams<'_>,
) -> Result<SigningOutput, SignatureError> {
    let creds = params.credentials;
    let amz_date = format_amz_date(params.time)?;
    let date = amz_date.get(..8).unwrap_or_default().to_owned();
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;
    if creds.access_key_id.is_empty() {
        return Err(SignatureError::Malformed(
            "the access key id is empty".to_owned(),
        ));
    }

    if !headers.contains_key(http::header::HOST) {
        return Err(malformed("the request has no Host header"));
    }
    headers.remove(http::header::AUTHORIZATION);
    headers.insert(X_AMZ_DATE, header_value(&amz_date, "X-Amz-Date")?);
    match &creds.session_token {
        Some(token) => {
            let mut value = header_value(token, "X-Amz-Security-Token")?;
            value.set_sensitive(true);
            headers.insert(X_AMZ_SECURITY_TOKEN, value);
        }
        None => {
            headers.remove(X_AMZ_SECURITY_TOKEN);
        }
    }
    let mut names: Vec<&str> = headers
        .keys()
        .map(HeaderName::as_str)
        .filter(|name| is_signed_by_default(name))
        .collect();
    names.sort_unstable();
    names.dedup();
    let signed_headers = names.join(";");

    let payload_hash = hex(digest::digest(&digest::SHA256, body).as_ref());
    let canonical = canonical_request(
        method.as_str(),
        path_and_query,
        headers,
        &names,
        &payload_hash,
    )?;
    let scope = format!("{date}/{}/{}/aws4_request", params.region, params.service);
    let string_to_sign = string_to_sign(&amz_date, &scope, &canonical);
    let key = cached_signing_key(
        &creds.secret_access_key,
        &date,
        params.region,
        params.service,
    );
    let signature = hex(hmac::sign(&key, string_to_sign.as_bytes()).as_ref());

    let authorization = format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        creds.access_key_id
    );
    let mut value = header_value(&authorization, "Authorization")?;
    value.set_sensitive(true);
    headers.insert(http::header::AUTHORIZATION, value);

    Ok(SigningOutput {
        signature,
        signed_headers,
        canonical_request: String::from_utf8_lossy(&canonical).into_owned(),
        string_to_sign,
        amz_date,
    })
}

/// Checks the signature of a received request.
///
/// `path_and_query` is the raw request target as received. `secret_for`
/// returns the secret access key of an access key id, or `None` if the id is
/// unknown. The request must be signed within [`MAX_CLOCK_SKEW`] of `now`.
/// The region and service in the credential scope are returned, not checked:
/// the caller compares them with its own.
pub fn verify(
    method: &http::Method,
    path_and_query: &str,
    headers: &HeaderMap,
    body: &[u8],
    secret_for: &dyn Fn(&str) -> Option<String>,
    now: SystemTime,
) -> Result<VerifiedIdentity, SignatureError> {
    let mut auths = headers.get_all(http::header::AUTHORIZATION).iter();
    let auth = auths.next().ok_or(SignatureError::MissingAuthorization)?;
    if auths.next().is_some() {
        return Err(malformed("more than one Authorization header"));
    }
    let auth = auth
        .to_str()
        .map_err(|_| malformed("the Authorization header is not visible ASCII"))?;
    let parsed = parse_authorization(auth)?;

    let amz_date = single_header_str(headers, X_AMZ_DATE)?
        .ok_or_else(|| malformed("the request has no X-Amz-Date header"))?;
    let signed_at = parse_amz_date(amz_date)
        .ok_or_else(|| malformed("X-Amz-Date is not of the form YYYYMMDDTHHMMSSZ"))?;
    if amz_date.get(..8) != Some(parsed.date.as_str()) {
        return Err(malformed(
            "the credential scope date does not match X-Amz-Date",
        ));
    }
    let skew = match now.duration_since(signed_at) {
        Ok(d) => d,
        Err(e) => e.duration(),
    };
    if skew > MAX_CLOCK_SKEW {
        return Err(SignatureError::Expired {
            amz_date: amz_date.to_owned(),
        });
    }
    let session_token = single_header_str(headers, X_AMZ_SECURITY_TOKEN)?.map(str::to_owned);
    if session_token.is_some()
        && !parsed
            .signed_headers
            .iter()
            .any(|h| h == X_AMZ_SECURITY_TOKEN)
    {
        return Err(malformed("X-Amz-Security-Token is sent but not signed"));
    }

    let payload_hash = hex(digest::digest(&digest::SHA256, body).as_ref());
    let names: Vec<&str> = parsed.signed_headers.iter().map(String::as_str).collect();
    let canonical = canonical_request(
        method.as_str(),
        path_and_query,
        headers,
        &names,
        &payload_hash,
    )?;
    let scope = format!(
        "{}/{}/{}/aws4_request",
        parsed.date, parsed.region, parsed.service
    );
    let string_to_sign = string_to_sign(amz_date, &scope, &canonical);

    let secret = secret_for(&parsed.access_key_id)
        .ok_or_else(|| SignatureError::UnknownAccessKey(parsed.access_key_id.clone()))?;
    let key = cached_signing_key(&secret, &parsed.date, &parsed.region, &parsed.service);
    hmac::verify(&key, string_to_sign.as_bytes(), &parsed.signature)
        .map_err(|_| SignatureError::Mismatch)?;

    Ok(VerifiedIdentity {
        access_key_id: parsed.access_key_id,
        region: parsed.region,
        service: parsed.service,
        session_token,
        signed_at,
    })
}

/// Derives the SigV4 signing key: the HMAC-SHA256 chain over the date
/// (`YYYYMMDD`), region, service and `aws4_request`, keyed first by
/// `AWS4` + secret. Returns the raw 32 bytes.
pub fn signing_key(secret_access_key: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let mut seed = Vec::with_capacity(4 + secret_access_key.len());
    seed.extend_from_slice(b"AWS4");
    seed.extend_from_slice(secret_access_key.as_bytes());
    let mut tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &seed), date.as_bytes());
    for part in [region, service, "aws4_request"] {
        tag = hmac::sign(
            &hmac::Key::new(hmac::HMAC_SHA256, tag.as_ref()),
            part.as_bytes(),
        );
    }
    let mut out = [0u8; 32];
    for (slot, byte) in out.iter_mut().zip(tag.as_ref()) {
        *slot = *byte;
    }
    out
}

/// Lowercase hex of the SHA-256 of `data`, as used for payload hashes.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(digest::digest(&digest::SHA256, data).as_ref())
}

/// The canonical URI of a path as sent on the wire (non-S3 rules): dot
/// segments removed, repeated slashes merged, then every byte except the
/// unreserved characters and `/` percent-encoded (so `%` becomes `%25`).
pub fn canonical_uri(path: &str) -> String {
    let normalized = normalize_path(path);
    let mut out = String::with_capacity(normalized.len() + 8);
    for &b in normalized.as_bytes() {
        if b == b'/' || is_unreserved(b) {
            out.push(char::from(b));
        } else {
            push_pct(&mut out, b);
        }
    }
    out
}

/// The canonical query string: each parameter decoded, re-encoded with RFC
/// 3986 rules, then sorted by name and value; a parameter without `=` gets an
/// empty value. As in the AWS SDKs, a literal `+` is read as a space.
pub fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                encode_rfc3986(&decode_query(k)),
                encode_rfc3986(&decode_query(v)),
            )
        })
        .collect();
    pairs.sort();
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

// ---------------------------------------------------------------------------

const X_AMZ_DATE: &str = "x-amz-date";
const X_AMZ_SECURITY_TOKEN: &str = "x-amz-security-token";

fn malformed(why: &str) -> SignatureError {
    SignatureError::Malformed(why.to_owned())
}

fn is_signed_by_default(name: &str) -> bool {
    name == "host" || name == "content-type" || name.starts_with("x-amz-")
}

fn header_value(value: &str, what: &str) -> Result<HeaderValue, SignatureError> {
    HeaderValue::from_str(value)
        .map_err(|_| SignatureError::Malformed(format!("{what} cannot be sent as a header value")))
}

fn check_scope_part(what: &str, value: &str) -> Result<(), SignatureError> {
    if value.is_empty() || value.contains('/') || value.chars().any(|c| c.is_whitespace()) {
        return Err(SignatureError::Malformed(format!(
            "the signing {what} `{value}` is not usable in a credential scope"
        )));
    }
    Ok(())
}

fn single_header_str<'h>(
    headers: &'h HeaderMap,
    name: &'static str,
) -> Result<Option<&'h str>, SignatureError> {
    let mut all = headers.get_all(name).iter();
    let Some(first) = all.next() else {
        return Ok(None);
    };
    if all.next().is_some() {
        return Err(SignatureError::Malformed(format!(
            "more than one {name} header"
        )));
    }
    first
        .to_str()
        .map(Some)
        .map_err(|_| SignatureError::Malformed(format!("{name} is not visible ASCII")))
}

/// Builds the canonical request bytes over the given (lowercase, sorted)
/// header names.
fn canonical_request(
    method: &str,
    path_and_query: &str,
    headers: &HeaderMap,
    names: &[&str],
    payload_hash: &str,
) -> Result<Vec<u8>, SignatureError> {
    let target = path_and_query
        .split_once('#')
        .map_or(path_and_query, |(t, _)| t);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(method.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(canonical_uri(path).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(canonical_query(query).as_bytes());
    out.push(b'\n');
    for name in names {
        let mut values = headers.get_all(*name).iter().peekable();
        if values.peek().is_none() {
            return Err(SignatureError::Malformed(format!(
                "signed header `{name}` is not present"
            )));
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        for (i, value) in values.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_trimmed(&mut out, value.as_bytes());
        }
        out.push(b'\n');
    }
    out.push(b'\n');
    out.extend_from_slice(names.join(";").as_bytes());
    out.push(b'\n');
    out.extend_from_slice(payload_hash.as_bytes());
    Ok(out)
}

/// Appends a header value with leading and trailing whitespace removed and
/// every run of spaces collapsed to one (tabs inside the value are kept, as
/// the AWS SDKs do).
fn push_trimmed(out: &mut Vec<u8>, value: &[u8]) {
    let start = value
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    let trimmed = value.get(start..end).unwrap_or_default();
    let mut previous_space = false;
    for &b in trimmed {
        let space = b == b' ';
        if !(space && previous_space) {
            out.push(b);
        }
        previous_space = space;
    }
}

fn string_to_sign(amz_date: &str, scope: &str, canonical: &[u8]) -> String {
    format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        hex(digest::digest(&digest::SHA256, canonical).as_ref())
    )
}

fn normalize_path(path: &str) -> String {
    if path.is_empty() {
        return "/".to_owned();
    }
    let trailing = path.ends_with('/')
        || path.ends_with("/.")
        || path.ends_with("/..")
        || path == "."
        || path == "..";
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    for s in &segments {
        out.push('/');
        out.push_str(s);
    }
    if out.is_empty() || trailing {
        out.push('/');
    }
    out
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// The hex digit of the low four bits of `n`.
fn nibble(n: u8, upper: bool) -> char {
    let c = char::from_digit(u32::from(n & 0x0f), 16).unwrap_or('0');
    if upper {
        c.to_ascii_uppercase()
    } else {
        c
    }
}

fn push_pct(out: &mut String, b: u8) {
    out.push('%');
    out.push(nibble(b >> 4, true));
    out.push(nibble(b, true));
}

fn encode_rfc3986(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            push_pct(&mut out, b);
        }
    }
    out
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes a query component; `+` is a space, and a `%` not followed
/// by two hex digits stays as it is.
fn decode_query(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex_val);
                let lo = bytes.get(i + 2).copied().and_then(hex_val);
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push(hi << 4 | lo);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            other => out.push(other),
        }
        i += 1;
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(nibble(b >> 4, false));
        out.push(nibble(b, false));
    }
    out
}

fn unhex32(s: &str) -> Option<[u8; 32]> {
    let bytes = s.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let hi = pair.first().copied().and_then(hex_val)?;
        let lo = pair.get(1).copied().and_then(hex_val)?;
        *slot = hi << 4 | lo;
    }
    Some(out)
}

// ----- dates ----------------------------------------------------------------

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (y, m as u32, d as u32)
}

/// A proleptic Gregorian date to days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Formats a time as `YYYYMMDDTHHMMSSZ` (UTC).
pub fn format_amz_date(time: SystemTime) -> Result<String, SignatureError> {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| malformed("the signing time is before 1970"))?
        .as_secs();
    let secs = i64::try_from(secs).map_err(|_| malformed("the signing time is out of range"))?;
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    if !(0..=9999).contains(&y) {
        return Err(malformed("the signing time is out of range"));
    }
    let rem = secs.rem_euclid(86_400);
    Ok(format!(
        "{y:04}{mo:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

/// Parses `YYYYMMDDTHHMMSSZ`; `None` if it is not exactly that.
pub fn parse_amz_date(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() != 16 || b.get(8) != Some(&b'T') || b.get(15) != Some(&b'Z') {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        let part = s.get(from..to)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (y, mo, d) = (num(0, 4)?, num(4, 6)?, num(6, 8)?);
    let (h, mi, se) = (num(9, 11)?, num(11, 13)?, num(13, 15)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_len = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > month_len || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let days = days_from_civil(i64::from(y), mo, d);
    let secs = days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(se);
    let secs = u64::try_from(secs).ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

// ----- Authorization header -------------------------------------------------

struct ParsedAuthorization {
    access_key_id: String,
    date: String,
    region: String,
    service: String,
    signed_headers: Vec<String>,
    signature: [u8; 32],
}

fn parse_authorization(value: &str) -> Result<ParsedAuthorization, SignatureError> {
    let value = value.trim();
    let rest = value
        .strip_prefix(ALGORITHM)
        .ok_or_else(|| malformed("the Authorization header is not AWS4-HMAC-SHA256"))?;
    if !rest.starts_with([' ', '\t']) {
        return Err(malformed(
            "the Authorization header is not AWS4-HMAC-SHA256",
        ));
    }
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (key, val) = part
            .split_once('=')
            .ok_or_else(|| malformed("an Authorization component has no `=`"))?;
        let slot = match key.trim() {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => return Err(malformed("unknown Authorization component")),
        };
        if slot.replace(val.trim()).is_some() {
            return Err(malformed("a repeated Authorization component"));
        }
    }
    let credential = credential.ok_or_else(|| malformed("Credential is missing"))?;
    let signed = signed.ok_or_else(|| malformed("SignedHeaders is missing"))?;
    let signature = signature.ok_or_else(|| malformed("Signature is missing"))?;

    let mut parts = credential.rsplitn(5, '/');
    let terminator = parts.next().unwrap_or_default();
    let service = parts.next().unwrap_or_default();
    let region = parts.next().unwrap_or_default();
    let date = parts.next().unwrap_or_default();
    let access_key_id = parts.next().unwrap_or_default();
    if terminator != "aws4_request"
        || service.is_empty()
        || region.is_empty()
        || access_key_id.is_empty()
        || date.len() != 8
        || !date.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(malformed(
            "Credential is not <key id>/<YYYYMMDD>/<region>/<service>/aws4_request",
        ));
    }

    let mut signed_headers = Vec::new();
    for name in signed.split(';') {
        let valid = !name.is_empty()
            && name.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.!#$%&'*+^`|~".contains(&b)
            });
        if !valid {
            return Err(malformed("SignedHeaders holds an invalid header name"));
        }
        if signed_headers
            .last()
            .is_some_and(|last: &String| last.as_str() >= name)
        {
            return Err(malformed("SignedHeaders is not sorted"));
        }
        signed_headers.push(name.to_owned());
    }
    if !signed_headers.iter().any(|h| h == "host") {
        return Err(malformed("the Host header is not signed"));
    }
    let signature =
        unhex32(signature).ok_or_else(|| malformed("Signature is not 64 hex digits"))?;

    Ok(ParsedAuthorization {
        access_key_id: access_key_id.to_owned(),
        date: date.to_owned(),
        region: region.to_owned(),
        service: service.to_owned(),
        signed_headers,
        signature,
    })
}

// ----- signing key cache ------------------------------------------------------

struct CachedKey {
    secret_digest: [u8; 32],
    date: String,
    region: String,
    service: String,
    key: [u8; 32],
}

/// Signing keys depend only on the secret, day, region and service, so the
/// last few are kept. The secret itself is not stored, only its digest.
static KEY_CACHE: Mutex<Vec<CachedKey>> = Mutex::new(Vec::new());
const KEY_CACHE_SIZE: usize = 16;

fn cached_signing_key(secret: &str, date: &str, region: &str, service: &str) -> hmac::Key {
    let mut secret_digest = [0u8; 32];
    for (slot, byte) in secret_digest
        .iter_mut()
        .zip(digest::digest(&digest::SHA256, secret.as_bytes()).as_ref())
    {
        *slot = *byte;
    }
    if let Ok(cache) = KEY_CACHE.lock() {
        let hit = cache.iter().find(|c| {
            c.secret_digest == secret_digest
                && c.date == date
                && c.region == region
                && c.service == service
        });
        if let Some(hit) = hit {
            return hmac::Key::new(hmac::HMAC_SHA256, &hit.key);
        }
    }
    let key = signing_key(secret, date, region, service);
    if let Ok(mut cache) = KEY_CACHE.lock() {
        if cache.len() >= KEY_CACHE_SIZE {
            cache.remove(0);
        }
        cache.push(CachedKey {
            secret_digest,
            date: date.to_owned(),
            region: region.to_owned(),
            service: service.to_owned(),
            key,
        });
    }
    hmac::Key::new(hmac::HMAC_SHA256, &key)
}
