//! Percent-encoding (RFC 3986 section 2.1) of URI labels and query strings.
//!
//! Everything but the unreserved characters `A-Z a-z 0-9 - . _ ~` is
//! encoded, byte by byte of its UTF-8 form, as `%XX` with upper-case hex.
//! That is stricter than RFC 3986 requires (sub-delimiters such as `:` may
//! appear raw in a path), but it is what Smithy's protocol tests expect and
//! what SigV4 canonicalisation needs, so a signed URI never changes shape.
//!
//! `+` is not special in either direction: it is sent as `%2B` and a raw
//! `+` decodes as `+`, never as a space. RFC 3986 gives `+` no meaning, and
//! the restJson1 tests round-trip `+` through `%2B`.

use crate::rt::error::DecodeError;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn encode_keeping(text: &str, keep_slash: bool) -> String {
    encode_unless(text, |b| is_unreserved(b) || (keep_slash && b == b'/'))
}

fn encode_unless(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 0x0f] {
                if let Some(&h) = HEX.get(usize::from(nibble)) {
                    out.push(char::from(h));
                }
            }
        }
    }
    out
}

/// Encodes a URI label (one path segment): `/` is encoded, so an ARN such
/// as `arn:aws:chime:us-east-1:123:app-instance/abc` becomes
/// `arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc`.
pub fn encode_label(text: &str) -> String {
    encode_keeping(text, false)
}

/// Encodes a greedy URI label (`{key+}`), which spans segments: like
/// [`encode_label`] but `/` is kept.
pub fn encode_greedy_label(text: &str) -> String {
    encode_keeping(text, true)
}

/// Encodes a literal path segment of the model's URI pattern. What a path
/// segment may carry raw (RFC 3986 `pchar`: unreserved, sub-delimiters,
/// `:` and `@`) is sent as written, so `/ReDosLiteral/{str}/(a+)+` keeps
/// its `(a+)+`; anything else is encoded.
pub fn encode_literal(text: &str) -> String {
    encode_unless(text, |b| {
        is_unreserved(b)
            || matches!(
                b,
                b'!' | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
            )
    })
}

/// Encodes a query-string key or value: the same set as [`encode_label`],
/// so `&`, `=` and `+` inside values are encoded too.
pub fn encode_query(text: &str) -> String {
    encode_keeping(text, false)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` sequences (either hex case). A `%` not followed by two hex
/// digits is an error, as is a result that is not valid UTF-8. Other
/// characters, `+` included, stand for themselves.
pub fn decode(text: &str) -> Result<String, DecodeError> {
    if !text.contains('%') {
        return Ok(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value);
            let lo = bytes.get(i + 2).copied().and_then(hex_value);
            match (hi, lo) {
                (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                _ => {
                    return Err(DecodeError::new(format!(
                        "invalid percent-encoding at offset {i}: `%` must be followed by two hex digits"
                    )))
                }
            }
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| DecodeError::new("percent-encoded text is not valid UTF-8"))
}

/// Splits a query string (without the leading `?`) into decoded key and
/// value pairs, in order, keeping repeated keys.
///
/// Pairs are separated by `&`; empty pairs (`a=1&&b=2`) are skipped. A key
/// without `=` has an empty value; only the first `=` separates, so
/// `a=b=c` is key `a`, value `b=c`.
pub fn parse_query(query: &str) -> Result<Vec<(String, String)>, DecodeError> {
    let mut pairs = Vec::new();
    for pair in query.split('&') {
        if pair.is_empty() {
            continue;
        }
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        pairs.push((decode(key)?, decode(value)?));
    }
    Ok(pairs)
}
