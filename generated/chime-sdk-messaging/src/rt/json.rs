// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! JSON bodies: the [`Shape`] trait that every generated type implements,
//! and the [`Codec`] types that pick a member's JSON form where the form
//! depends on the member rather than the type (timestamps, blobs,
//! collections).
//!
//! Decoding works on an already parsed [`Value`], so a malformed document
//! is rejected by [`parse`] before any generated code runs, and every
//! decoding error records the JSON path of the value it is about.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::marker::PhantomData;

use crate::rt::base64;
use crate::rt::error::DecodeError;
use crate::rt::time::DateTime;

/// A JSON value.
pub type Value = serde_json::Value;

/// A JSON object.
pub type Object = serde_json::Map<String, Value>;

/// A type that knows its own JSON form: structures, unions, enums, and the
/// scalars `String`, `bool`, `i8`, `i16`, `i32`, `i64`, `f32`, `f64` and
/// [`Value`] (documents).
pub trait Shape: Sized {
    /// The JSON form of `self`.
    fn to_json(&self) -> Value;

    /// Reads a value back from its JSON form.
    fn from_json(value: &Value) -> Result<Self, DecodeError>;
}

/// How a member's value maps to JSON where the form depends on the member:
/// `Codec<T>` is implemented by marker types such as [`Plain`] or
/// [`EpochSeconds`], never by `T` itself.
pub trait Codec<T> {
    /// The JSON form of `value`.
    fn encode(value: &T) -> Value;

    /// Reads a value back from its JSON form.
    fn decode(value: &Value) -> Result<T, DecodeError>;
}

/// The kind of a JSON value, as error messages name it.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The error for a value of the wrong kind: `expected a string, found
/// number`. `what` names the expected form with its article.
#[cold]
pub fn expected(what: &str, found: &Value) -> DecodeError {
    DecodeError::new(format!("expected {what}, found {}", kind(found)))
}

// ---------------------------------------------------------------------------
// Scalars

impl Shape for String {
    #[inline]
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(expected("a string", other)),
        }
    }
}

impl Shape for bool {
    #[inline]
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(expected("a boolean", other)),
        }
    }
}

/// Reads any JSON number that is a whole number within `i64`.
///
/// `serde_json` keeps integer literals as integers and everything else
/// (fractions, exponents, integers beyond 64 bits) as `f64`; an `f64` is
/// accepted only when it has no fraction, so `1.001` is rejected while
/// `1.0` reads as 1.
fn integer(value: &Value, name: &str) -> Result<i64, DecodeError> {
    let Value::Number(n) = value else {
        return Err(expected("an integer", value));
    };
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    if n.is_u64() {
        return Err(out_of_range(name));
    }
    match n.as_f64() {
        Some(f) if f.fract() != 0.0 => Err(DecodeError::new(format!(
            "expected an integer, found fractional number {n}"
        ))),
        // Integer literals that fit 64 bits never reach this arm, so a value
        // of exactly -2^63 here was rounded from a literal below `i64::MIN`;
        // both bounds are therefore exclusive.
        Some(f) if f > -9_223_372_036_854_775_808.0 && f < 9_223_372_036_854_775_808.0 => {
            Ok(f as i64)
        }
        _ => Err(out_of_range(name)),
    }
}

#[cold]
fn out_of_range(name: &str) -> DecodeError {
    DecodeError::new(format!("number out of range for {name}"))
}

macro_rules! integer_shape {
    ($($t:ty => $name:literal),*) => {$(
        impl Shape for $t {
            #[inline]
            fn to_json(&self) -> Value {
                Value::from(*self)
            }

            #[inline]
            fn from_json(value: &Value) -> Result<Self, DecodeError> {
                let wide = integer(value, $name)?;
                <$t>::try_from(wide).map_err(|_| out_of_range($name))
            }
        }
    )*};
}

integer_shape!(
    i8 => "a byte (8-bit integer)",
    i16 => "a short (16-bit integer)",
    i32 => "an integer (32-bit)",
    i64 => "a long (64-bit integer)"
);

/// The string forms restJson1 uses for the floats JSON cannot express.
fn non_finite(value: f64) -> Value {
    let text = if value.is_nan() {
        "NaN"
    } else if value > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    };
    Value::String(text.to_owned())
}

/// Reads a JSON number, or one of the strings `NaN`, `Infinity` and
/// `-Infinity`. Other strings are rejected even when they look numeric.
fn float(value: &Value) -> Result<f64, DecodeError> {
    match value {
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| DecodeError::new("number cannot be read as a float")),
        Value::String(s) => match s.as_str() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(DecodeError::new(
                "expected a number, found a string other than \"NaN\", \"Infinity\" or \"-Infinity\"",
            )),
        },
        other => Err(expected("a number", other)),
    }
}

impl Shape for f64 {
    #[inline]
    fn to_json(&self) -> Value {
        match serde_json::Number::from_f64(*self) {
            Some(n) => Value::Number(n),
            None => non_finite(*self),
        }
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        float(value)
    }
}

impl Shape for f32 {
    #[inline]
    fn to_json(&self) -> Value {
        if !self.is_finite() {
            return non_finite(f64::from(*self));
        }
        match serde_json::Number::from_f64(widen(*self)) {
            Some(n) => Value::Number(n),
            None => non_finite(f64::from(*self)),
        }
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        let wide = float(value)?;
        if wide.is_finite() && wide.abs() > f64::from(f32::MAX) {
            return Err(out_of_range("a float (32-bit)"));
        }
        Ok(wide as f32)
    }
}

/// The `f64` nearest to the shortest decimal that identifies `value`.
///
/// `f64::from(1.1f32)` is 1.100000023841858, which JSON would then carry as
/// written; going through the decimal sends `1.1`, as the caller wrote it.
fn widen(value: f32) -> f64 {
    // f32 `Display` never needs more than 48 bytes (the smallest subnormal
    // prints as 47 digits and a point, plus a sign), so no heap is needed.
    struct Buf {
        bytes: [u8; 64],
        len: usize,
    }
    impl fmt::Write for Buf {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
            let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
            slot.copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut buf = Buf {
        bytes: [0; 64],
        len: 0,
    };
    if write!(buf, "{value}").is_ok() {
        if let Some(Ok(text)) = buf.bytes.get(..buf.len).map(std::str::from_utf8) {
            if let Ok(wide) = text.parse::<f64>() {
                return wide;
            }
        }
    }
    f64::from(value)
}

impl Shape for Value {
    #[inline]
    fn to_json(&self) -> Value {
        self.clone()
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        Ok(value.clone())
    }
}

// ---------------------------------------------------------------------------
// Codecs

/// The type's own JSON form, through [`Shape`]. In `text`, the type's own
/// text form, through `Text`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plain;

impl<T: Shape> Codec<T> for Plain {
    #[inline]
    fn encode(value: &T) -> Value {
        value.to_json()
    }

    #[inline]
    fn decode(value: &Value) -> Result<T, DecodeError> {
        T::from_json(value)
    }
}

/// A [`DateTime`] as epoch seconds: a JSON number, with a fraction only when
/// there is one (`1515531081`, `1515531081.123`).
#[derive(Debug, Clone, Copy, Default)]
pub struct EpochSeconds;

impl Codec<DateTime> for EpochSeconds {
    #[inline]
    fn encode(value: &DateTime) -> Value {
        if value.subsec_nanos() == 0 {
            return Value::from(value.secs());
        }
        match serde_json::Number::from_f64(value.as_fractional_secs()) {
            Some(n) => Value::Number(n),
            None => Value::from(value.secs()),
        }
    }

    fn decode(value: &Value) -> Result<DateTime, DecodeError> {
        let Value::Number(n) = value else {
            return Err(expected("epoch seconds (a number)", value));
        };
        if let Some(secs) = n.as_i64() {
            return Ok(DateTime::from_secs(secs));
        }
        n.as_f64()
            .and_then(DateTime::from_fractional_secs)
            .ok_or_else(|| DecodeError::new(format!("epoch seconds out of range: {n}")))
    }
}

/// A [`DateTime`] as an RFC 3339 `date-time` string
/// (`2019-12-16T23:48:18Z`). Decoding also accepts numeric UTC offsets
/// (`2019-12-17T00:48:18+01:00`), as clients must; see
/// [`UtcDateTimeFormat`] for the strict form servers need.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateTimeFormat;

impl Codec<DateTime> for DateTimeFormat {
    #[inline]
    fn encode(value: &DateTime) -> Value {
        Value::String(value.fmt_date_time())
    }

    fn decode(value: &Value) -> Result<DateTime, DecodeError> {
        match value {
            Value::String(s) => DateTime::parse_date_time(s),
            other => Err(expected("a date-time string", other)),
        }
    }
}

/// Like [`DateTimeFormat`], but decoding rejects numeric UTC offsets and
/// accepts only `Z`: the restJson1 malformed-request tests require servers
/// to refuse `1996-12-19T16:39:57-08:00`.
#[derive(Debug, Clone, Copy, Default)]
pub struct UtcDateTimeFormat;

impl Codec<DateTime> for UtcDateTimeFormat {
    #[inline]
    fn encode(value: &DateTime) -> Value {
        Value::String(value.fmt_date_time())
    }

    fn decode(value: &Value) -> Result<DateTime, DecodeError> {
        match value {
            Value::String(s) => DateTime::parse_date_time_utc(s),
            other => Err(expected("a date-time string", other)),
        }
    }
}

/// A [`DateTime`] as an IMF-fixdate `http-date` string
/// (`Tue, 29 Apr 2014 18:30:38 GMT`); whole seconds only on output.
#[derive(Debug, Clone, Copy, Default)]
pub struct HttpDate;

impl Codec<DateTime> for HttpDate {
    #[inline]
    fn encode(value: &DateTime) -> Value {
        Value::String(value.fmt_http_date())
    }

    fn decode(value: &Value) -> Result<DateTime, DecodeError> {
        match value {
            Value::String(s) => DateTime::parse_http_date(s),
            other => Err(expected("an http-date string", other)),
        }
    }
}

/// A blob (`Vec<u8>`) as a standard, padded base64 string.
#[derive(Debug, Clone, Copy, Default)]
pub struct Base64;

impl Codec<Vec<u8>> for Base64 {
    #[inline]
    fn encode(value: &Vec<u8>) -> Value {
        Value::String(base64::encode(value))
    }

    fn decode(value: &Value) -> Result<Vec<u8>, DecodeError> {
        match value {
            Value::String(s) => base64::decode(s),
            other => Err(expected("a base64 string", other)),
        }
    }
}

// The codec markers below are only ever named as types; `fn() -> C` keeps
// them `Send`, `Sync` and covariant whatever `C` is.

/// A dense list (`Vec<T>`) whose elements use the codec `C`.
///
/// A `null` element is an error: dense lists cannot hold nulls, and the
/// restJson1 malformed-request tests require `["a", null]` to be refused.
#[derive(Debug, Clone, Copy, Default)]
pub struct List<C>(PhantomData<fn() -> C>);

impl<T, C: Codec<T>> Codec<Vec<T>> for List<C> {
    fn encode(value: &Vec<T>) -> Value {
        Value::Array(value.iter().map(C::encode).collect())
    }

    fn decode(value: &Value) -> Result<Vec<T>, DecodeError> {
        let Value::Array(items) = value else {
            return Err(expected("an array", value));
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            if item.is_null() {
                return Err(DecodeError::new("null is not allowed in a dense list").at_index(index));
            }
            out.push(C::decode(item).map_err(|e| e.at_index(index))?);
        }
        Ok(out)
    }
}

/// A sparse list (`Vec<Option<T>>`): `null` elements are kept as `None`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SparseList<C>(PhantomData<fn() -> C>);

impl<T, C: Codec<T>> Codec<Vec<Option<T>>> for SparseList<C> {
    fn encode(value: &Vec<Option<T>>) -> Value {
        Value::Array(
            value
                .iter()
                .map(|item| item.as_ref().map_or(Value::Null, C::encode))
                .collect(),
        )
    }

    fn decode(value: &Value) -> Result<Vec<Option<T>>, DecodeError> {
        let Value::Array(items) = value else {
            return Err(expected("an array", value));
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            if item.is_null() {
                out.push(None);
            } else {
                out.push(Some(C::decode(item).map_err(|e| e.at_index(index))?));
            }
        }
        Ok(out)
    }
}

/// A dense map (`BTreeMap<String, T>`) whose values use the codec `C`.
///
/// A `null` value is an error, as the restJson1 malformed-request tests
/// require (`{"abc": null}` is refused).
#[derive(Debug, Clone, Copy, Default)]
pub struct Map<C>(PhantomData<fn() -> C>);

impl<T, C: Codec<T>> Codec<BTreeMap<String, T>> for Map<C> {
    fn encode(value: &BTreeMap<String, T>) -> Value {
        let mut obj = Object::new();
        for (key, item) in value {
            obj.insert(key.clone(), C::encode(item));
        }
        Value::Object(obj)
    }

    fn decode(value: &Value) -> Result<BTreeMap<String, T>, DecodeError> {
        let obj = object(value)?;
        let mut out = BTreeMap::new();
        for (key, item) in obj {
            if item.is_null() {
                return Err(DecodeError::new("null is not allowed in a dense map").at_key(key));
            }
            out.insert(key.clone(), C::decode(item).map_err(|e| e.at_key(key))?);
        }
        Ok(out)
    }
}

/// A sparse map (`BTreeMap<String, Option<T>>`): `null` values are kept as
/// `None`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SparseMap<C>(PhantomData<fn() -> C>);

impl<T, C: Codec<T>> Codec<BTreeMap<String, Option<T>>> for SparseMap<C> {
    fn encode(value: &BTreeMap<String, Option<T>>) -> Value {
        let mut obj = Object::new();
        for (key, item) in value {
            obj.insert(key.clone(), item.as_ref().map_or(Value::Null, C::encode));
        }
        Value::Object(obj)
    }

    fn decode(value: &Value) -> Result<BTreeMap<String, Option<T>>, DecodeError> {
        let obj = object(value)?;
        let mut out = BTreeMap::new();
        for (key, item) in obj {
            let decoded = if item.is_null() {
                None
            } else {
                Some(C::decode(item).map_err(|e| e.at_key(key))?)
            };
            out.insert(key.clone(), decoded);
        }
        Ok(out)
    }
}

/// A boxed value (`Box<T>`), for recursive shapes; the JSON form is `C`'s.
#[derive(Debug, Clone, Copy, Default)]
pub struct Boxed<C>(PhantomData<fn() -> C>);

impl<T, C: Codec<T>> Codec<Box<T>> for Boxed<C> {
    #[inline]
    fn encode(value: &Box<T>) -> Value {
        C::encode(value)
    }

    #[inline]
    fn decode(value: &Value) -> Result<Box<T>, DecodeError> {
        C::decode(value).map(Box::new)
    }
}

// ---------------------------------------------------------------------------
// Containers of shapes are shapes: a member whose form is the default one
// (dense lists and maps, boxes, epoch-second timestamps) needs no codec, so
// generated code can call the short `read`/`write` helpers below.

impl<T: Shape> Shape for Vec<T> {
    #[inline]
    fn to_json(&self) -> Value {
        <List<Plain> as Codec<Vec<T>>>::encode(self)
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        <List<Plain> as Codec<Vec<T>>>::decode(value)
    }
}

impl<T: Shape> Shape for BTreeMap<String, T> {
    #[inline]
    fn to_json(&self) -> Value {
        <Map<Plain> as Codec<BTreeMap<String, T>>>::encode(self)
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        <Map<Plain> as Codec<BTreeMap<String, T>>>::decode(value)
    }
}

impl<T: Shape> Shape for Box<T> {
    #[inline]
    fn to_json(&self) -> Value {
        (**self).to_json()
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        T::from_json(value).map(Box::new)
    }
}

/// In a JSON body a timestamp defaults to epoch seconds.
impl Shape for DateTime {
    #[inline]
    fn to_json(&self) -> Value {
        <EpochSeconds as Codec<DateTime>>::encode(self)
    }

    #[inline]
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        <EpochSeconds as Codec<DateTime>>::decode(value)
    }
}

/// Writes a member in its default form ([`put`] with [`Plain`]).
#[inline]
pub fn write<T: Shape>(obj: &mut Object, key: &str, value: &T) {
    obj.insert(key.to_owned(), value.to_json());
}

/// Writes a member in its default form when it is set.
#[inline]
pub fn write_opt<T: Shape>(obj: &mut Object, key: &str, value: &Option<T>) {
    if let Some(value) = value {
        write(obj, key, value);
    }
}

/// Reads a required member in its default form ([`required`] with [`Plain`]).
#[inline]
pub fn read<T: Shape>(obj: &Object, key: &str) -> Result<T, DecodeError> {
    required::<Plain, T>(obj, key)
}

/// Reads an optional member in its default form ([`optional`] with [`Plain`]).
#[inline]
pub fn read_opt<T: Shape>(obj: &Object, key: &str) -> Result<Option<T>, DecodeError> {
    optional::<Plain, T>(obj, key)
}

// ---------------------------------------------------------------------------
// Helpers for the `Shape` impls of structures

/// Writes `value` under `key` in the form `C` gives it.
#[inline]
pub fn put<C: Codec<T>, T>(obj: &mut Object, key: &str, value: &T) {
    obj.insert(key.to_owned(), C::encode(value));
}

/// Writes `value` under `key` when it is set; an unset member is left out
/// rather than written as `null`.
#[inline]
pub fn put_opt<C: Codec<T>, T>(obj: &mut Object, key: &str, value: &Option<T>) {
    if let Some(value) = value {
        put::<C, T>(obj, key, value);
    }
}

/// The object a structure or union is read from.
#[inline]
pub fn object(value: &Value) -> Result<&Object, DecodeError> {
    match value {
        Value::Object(obj) => Ok(obj),
        other => Err(expected("an object", other)),
    }
}

/// Reads the member `key`, which must be present. An explicit `null`
/// counts as missing.
#[inline]
pub fn required<C: Codec<T>, T>(obj: &Object, key: &str) -> Result<T, DecodeError> {
    match obj.get(key) {
        Some(value) if !value.is_null() => C::decode(value).map_err(|e| e.at_key(key)),
        _ => Err(missing(key)),
    }
}

#[cold]
fn missing(key: &str) -> DecodeError {
    DecodeError::new("required member is missing").at_key(key)
}

/// Reads the member `key` if present; absent and `null` both give `None`.
#[inline]
pub fn optional<C: Codec<T>, T>(obj: &Object, key: &str) -> Result<Option<T>, DecodeError> {
    match obj.get(key) {
        Some(value) if !value.is_null() => C::decode(value).map(Some).map_err(|e| e.at_key(key)),
        _ => Ok(None),
    }
}

/// The text of a JSON string, for types whose `Shape` starts from a string
/// (enums).
#[inline]
pub fn string(value: &Value) -> Result<&str, DecodeError> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(expected("a string", other)),
    }
}

/// The one member that is set in a union's object, as its key and value.
///
/// Members whose value is `null` count as unset, and a `__type` key is
/// ignored (some services send one; the restJson1 tests require clients to
/// skip it). No member set, or more than one, is an error, as the restJson1
/// malformed-request tests require. An unknown key is returned like any
/// other: the caller decides whether it becomes an `Unknown` variant.
pub fn union_member(value: &Value) -> Result<(&str, &Value), DecodeError> {
    let obj = object(value)?;
    let mut found: Option<(&str, &Value)> = None;
    for (key, member) in obj {
        if member.is_null() || key == "__type" {
            continue;
        }
        if let Some((first, _)) = found {
            return Err(DecodeError::new(format!(
                "a union must have exactly one member set, found `{first}` and `{key}`"
            )));
        }
        found = Some((key.as_str(), member));
    }
    found.ok_or_else(|| DecodeError::new("a union must have exactly one member set, found none"))
}

// ---------------------------------------------------------------------------
// Bytes

/// Serializes a value to compact JSON bytes.
pub fn to_vec(value: &Value) -> Vec<u8> {
    // Serializing a `Value` cannot fail: its keys are strings and it holds
    // no non-finite floats; the default only satisfies the signature.
    serde_json::to_vec(value).unwrap_or_default()
}

/// Parses a JSON document.
///
/// An empty (or all-whitespace) body is an error that says so, since
/// `serde_json`'s "EOF while parsing" would puzzle a reader. Nesting is
/// bounded by `serde_json`'s default recursion limit of 128, which admits
/// 127 nested arrays or objects and keeps hostile input from exhausting the
/// stack.
pub fn parse(bytes: &[u8]) -> Result<Value, DecodeError> {
    if bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Err(DecodeError::new("empty body: expected a JSON document"));
    }
    serde_json::from_slice(bytes).map_err(|e| DecodeError::new(format!("invalid JSON: {e}")))
}
