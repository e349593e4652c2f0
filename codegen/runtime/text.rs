//! Scalars as they appear in URI labels, query values and header values,
//! and the comma-separated lists that headers carry.
//!
//! The codec markers are the ones from `json` ([`Plain`], [`EpochSeconds`],
//! ...), so a member names one codec whichever part of the message it is
//! bound to; [`MediaType`] exists only here.

use crate::rt::base64;
use crate::rt::error::DecodeError;
use crate::rt::time::DateTime;

pub use crate::rt::json::{
    Base64, DateTimeFormat, EpochSeconds, HttpDate, Plain, UtcDateTimeFormat,
};

/// A scalar as it appears in a label, query value or header value.
pub trait Text: Sized {
    /// The text form of `self`, before any percent-encoding.
    fn to_text(&self) -> String;

    /// Reads a value back from its (already percent-decoded) text form.
    fn from_text(text: &str) -> Result<Self, DecodeError>;
}

/// How a member's value maps to text where the form depends on the member.
pub trait TextCodec<T> {
    /// The text form of `value`.
    fn encode(value: &T) -> String;

    /// Reads a value back from its text form.
    fn decode(text: &str) -> Result<T, DecodeError>;

    /// Whether items of a header list are quoted when they hold a comma.
    /// `http-date` items are not: their comma is part of the format, and
    /// readers split such lists after each `GMT`.
    const QUOTE_IN_LISTS: bool = true;
}

impl Text for String {
    #[inline]
    fn to_text(&self) -> String {
        self.clone()
    }

    #[inline]
    fn from_text(text: &str) -> Result<Self, DecodeError> {
        Ok(text.to_owned())
    }
}

impl Text for bool {
    #[inline]
    fn to_text(&self) -> String {
        if *self { "true" } else { "false" }.to_owned()
    }

    /// Only the exact words `true` and `false`: `True`, `1`, `yes` and the
    /// like are rejected, as the restJson1 malformed-request tests require.
    fn from_text(text: &str) -> Result<Self, DecodeError> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(DecodeError::new("expected `true` or `false`")),
        }
    }
}

/// `-?[0-9]+`: what an integer may look like. Rust's own parser also takes
/// a leading `+`, which no other Smithy implementation sends.
fn is_integer_text(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

macro_rules! integer_text {
    ($($t:ty => $name:literal),*) => {$(
        impl Text for $t {
            #[inline]
            fn to_text(&self) -> String {
                self.to_string()
            }

            fn from_text(text: &str) -> Result<Self, DecodeError> {
                if !is_integer_text(text) {
                    return Err(DecodeError::new(concat!("expected ", $name)));
                }
                // The shape is checked above, so overflow is the only failure.
                text.parse::<$t>()
                    .map_err(|_| DecodeError::new(concat!("number out of range for ", $name)))
            }
        }
    )*};
}

integer_text!(
    i8 => "a byte (8-bit integer)",
    i16 => "a short (16-bit integer)",
    i32 => "an integer (32-bit)",
    i64 => "a long (64-bit integer)"
);

/// `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`: a JSON number. Rust's parser
/// would also take `inf`, `nan`, `+1` and `1.`, which are not floats here.
fn is_float_text(text: &str) -> bool {
    fn digits(bytes: &[u8], mut i: usize) -> usize {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    }
    let bytes = text.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let end = digits(bytes, i);
    if end == i {
        return false;
    }
    i = end;
    if bytes.get(i) == Some(&b'.') {
        let end = digits(bytes, i + 1);
        if end == i + 1 {
            return false;
        }
        i = end;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let end = digits(bytes, i);
        if end == i {
            return false;
        }
        i = end;
    }
    i == bytes.len()
}

macro_rules! float_text {
    ($($t:ty => $name:literal),*) => {$(
        impl Text for $t {
            /// `NaN`, `Infinity` and `-Infinity` for the non-finite values;
            /// otherwise the shortest decimal that reads back as the same
            /// value, with an exponent only for very large or small ones.
            fn to_text(&self) -> String {
                if self.is_nan() {
                    "NaN".to_owned()
                } else if self.is_infinite() {
                    if *self > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
                } else {
                    let magnitude = self.abs();
                    if magnitude != 0.0 && !(1e-7..1e21).contains(&magnitude) {
                        format!("{self:e}")
                    } else {
                        self.to_string()
                    }
                }
            }

            fn from_text(text: &str) -> Result<Self, DecodeError> {
                match text {
                    "NaN" => return Ok(<$t>::NAN),
                    "Infinity" => return Ok(<$t>::INFINITY),
                    "-Infinity" => return Ok(<$t>::NEG_INFINITY),
                    _ => {}
                }
                if !is_float_text(text) {
                    return Err(DecodeError::new(concat!("expected ", $name)));
                }
                match text.parse::<$t>() {
                    Ok(value) if value.is_finite() => Ok(value),
                    _ => Err(DecodeError::new(concat!("number out of range for ", $name))),
                }
            }
        }
    )*};
}

float_text!(f32 => "a float (32-bit)", f64 => "a double (64-bit float)");

impl<T: Text> TextCodec<T> for Plain {
    #[inline]
    fn encode(value: &T) -> String {
        value.to_text()
    }

    #[inline]
    fn decode(text: &str) -> Result<T, DecodeError> {
        T::from_text(text)
    }
}

impl TextCodec<DateTime> for EpochSeconds {
    #[inline]
    fn encode(value: &DateTime) -> String {
        value.fmt_epoch_seconds()
    }

    fn decode(text: &str) -> Result<DateTime, DecodeError> {
        DateTime::parse_epoch_seconds(text)
    }
}

impl TextCodec<DateTime> for DateTimeFormat {
    #[inline]
    fn encode(value: &DateTime) -> String {
        value.fmt_date_time()
    }

    fn decode(text: &str) -> Result<DateTime, DecodeError> {
        DateTime::parse_date_time(text)
    }
}

impl TextCodec<DateTime> for UtcDateTimeFormat {
    #[inline]
    fn encode(value: &DateTime) -> String {
        value.fmt_date_time()
    }

    fn decode(text: &str) -> Result<DateTime, DecodeError> {
        DateTime::parse_date_time_utc(text)
    }
}

impl TextCodec<DateTime> for HttpDate {
    const QUOTE_IN_LISTS: bool = false;

    #[inline]
    fn encode(value: &DateTime) -> String {
        value.fmt_http_date()
    }

    fn decode(text: &str) -> Result<DateTime, DecodeError> {
        DateTime::parse_http_date(text)
    }
}

impl TextCodec<Vec<u8>> for Base64 {
    #[inline]
    fn encode(value: &Vec<u8>) -> String {
        base64::encode(value)
    }

    fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
        base64::decode(text)
    }
}

/// A string sent base64-encoded, as restJson1 requires for headers bound
/// to a string with `@mediaType` (the value may hold bytes a header cannot).
#[derive(Debug, Clone, Copy, Default)]
pub struct MediaType;

impl TextCodec<String> for MediaType {
    #[inline]
    fn encode(value: &String) -> String {
        base64::encode(value.as_bytes())
    }

    fn decode(text: &str) -> Result<String, DecodeError> {
        let bytes = base64::decode(text)?;
        String::from_utf8(bytes)
            .map_err(|_| DecodeError::new("base64-encoded media type value is not valid UTF-8"))
    }
}

// ---------------------------------------------------------------------------
// Header lists

fn is_ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Splits a header value that carries a list: items are separated by
/// commas, with spaces and tabs around them dropped.
///
/// An item that starts with `"` is a quoted string running to the next
/// unescaped `"`; inside it a backslash escapes the next character, so
/// `"b,c", "\"def\"", a` gives `b,c`, `"def"` and `a`. Empty unquoted items
/// are skipped, as RFC 9110 asks of list recipients (`""` is an empty
/// item). An unterminated quoted string, or text after one before the next
/// comma, is an error.
pub fn split_header_list(value: &str) -> Result<Vec<String>, DecodeError> {
    let mut items = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(is_ows);
        if rest.is_empty() {
            return Ok(items);
        }
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut item = String::new();
            let mut chars = quoted.char_indices();
            let mut after = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, escaped)) => item.push(escaped),
                        None => break,
                    },
                    '"' => {
                        after = Some(i + 1);
                        break;
                    }
                    c => item.push(c),
                }
            }
            let after = after
                .ok_or_else(|| DecodeError::new("unterminated quoted string in header list"))?;
            items.push(item);
            rest = quoted.get(after..).unwrap_or("").trim_start_matches(is_ows);
            if rest.is_empty() {
                return Ok(items);
            }
            match rest.strip_prefix(',') {
                Some(next) => rest = next,
                None => {
                    return Err(DecodeError::new(
                        "unexpected text after a quoted string in header list",
                    ))
                }
            }
        } else {
            let (item, next) = match rest.split_once(',') {
                Some((item, next)) => (item, Some(next)),
                None => (rest, None),
            };
            let item = item.trim_end_matches(is_ows);
            if !item.is_empty() {
                items.push(item.to_owned());
            }
            match next {
                Some(next) => rest = next,
                None => return Ok(items),
            }
        }
    }
}

/// Splits a header value that carries a list of http-dates.
///
/// IMF-fixdates contain a comma themselves (`Mon, 16 Dec 2019 ...`), so the
/// list separator is every second comma. An odd number of comma-separated
/// pieces means a date was cut short, and an empty item cannot be a date;
/// both are errors. The items are not
/// parsed here; decode each with [`HttpDate`].
pub fn split_http_date_list(value: &str) -> Result<Vec<String>, DecodeError> {
    if value.trim_matches(is_ows).is_empty() {
        return Ok(Vec::new());
    }
    let mut items = Vec::new();
    let mut pieces = value.split(',');
    while let Some(weekday) = pieces.next() {
        let Some(date) = pieces.next() else {
            return Err(DecodeError::new(
                "malformed http-date list: a date is missing its second half",
            ));
        };
        let weekday = weekday.trim_start_matches(is_ows);
        let date = date.trim_end_matches(is_ows);
        if weekday.is_empty() || date.trim_matches(is_ows).is_empty() {
            return Err(DecodeError::new("malformed http-date list: empty item"));
        }
        let mut item = String::with_capacity(weekday.len() + 1 + date.len());
        item.push_str(weekday);
        item.push(',');
        item.push_str(date);
        items.push(item);
    }
    Ok(items)
}

/// Joins list items into one header value, separated by `, `.
///
/// An item is sent as a quoted string, with `"` and `\` escaped, when
/// splitting would otherwise change it: when it holds `,` or `"`, starts or
/// ends with a space or tab, or is empty.
pub fn join_header_list(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let needs_quotes = item.is_empty()
            || item.contains([',', '"'])
            || item.starts_with(is_ows)
            || item.ends_with(is_ows);
        if needs_quotes {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}
