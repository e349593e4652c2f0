// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! Input validation: the constraint traits (`@required`, `@length`,
//! `@range`, `@pattern`, enum values, `@uniqueItems`) checked on decoded
//! input, and the error response that reports what failed.
//!
//! Generated code walks each input with a [`Violations`] collector. Each
//! check records a violation at the current member path (a JSON pointer
//! built from Smithy member names, e.g. `/Content` or `/list/0`) and
//! returns whether the value passed, so later checks on the same value and
//! checks of its elements are skipped once one failed.
//!
//! Messages follow the wording of Smithy's server protocol tests:
//! `1 validation error detected. Value at '/string' failed to satisfy
//! constraint: Member must satisfy enum value set: [abc, def]`. They never
//! include the offending value, so `@sensitive` members leak nothing.

use crate::rt::error::DecodeError;
use crate::rt::json::{Object, Value};
use crate::rt::wire::Response;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A `@pattern`, with its `regex-lite` translation compiled on first use
/// and kept for the life of the process.
#[derive(Debug)]
pub struct Pattern {
    ecma: &'static str,
    rust: &'static str,
    regex: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// A pattern as written in the model (`ecma`) and as translated by the
    /// generator (`rust`).
    pub const fn new(ecma: &'static str, rust: &'static str) -> Self {
        Pattern {
            ecma,
            rust,
            regex: OnceLock::new(),
        }
    }

    /// The pattern as written in the model; messages quote it.
    pub fn ecma(&self) -> &'static str {
        self.ecma
    }

    /// The `regex-lite` translation.
    pub fn rust(&self) -> &'static str {
        self.rust
    }

    /// Whether the translation compiles. The generator checks the syntax;
    /// generated crates test that every pattern compiles.
    pub fn compiles(&self) -> bool {
        self.compiled().is_some()
    }

    fn compiled(&self) -> Option<&regex_lite::Regex> {
        self.regex
            .get_or_init(|| regex_lite::Regex::new(self.rust).ok())
            .as_ref()
    }

    /// Whether `value` contains a match (patterns are not implicitly
    /// anchored). A pattern that does not compile matches everything, so a
    /// generator bug can never reject valid input.
    pub fn is_match(&self, value: &str) -> bool {
        match self.compiled() {
            Some(regex) => regex.is_match(value),
            None => true,
        }
    }
}

/// A number `@range` applies to. Bounds are compared in the value's own
/// type where that matters (an `f32` against `8.8` as an `f32`).
pub trait Number: Copy {
    /// Whether the value is at least `min` (false for NaN).
    fn at_least(self, min: f64) -> bool;
    /// Whether the value is at most `max` (false for NaN).
    fn at_most(self, max: f64) -> bool;
}

macro_rules! number_via_f64 {
    ($($t:ty),*) => {$(
        impl Number for $t {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn at_least(self, min: f64) -> bool {
                self as f64 >= min
            }
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn at_most(self, max: f64) -> bool {
                self as f64 <= max
            }
        }
    )*};
}

number_via_f64!(i8, i16, i32, i64, f64);

impl Number for f32 {
    #[allow(clippy::cast_possible_truncation)]
    fn at_least(self, min: f64) -> bool {
        self >= min as f32
    }
    #[allow(clippy::cast_possible_truncation)]
    fn at_most(self, max: f64) -> bool {
        self <= max as f32
    }
}

/// A `@length` rule; `phrase` is the rule in words, e.g. `Member must
/// have length between 2 and 8, inclusive`.
#[derive(Debug, Clone, Copy)]
pub struct Length {
    /// The smallest length allowed.
    pub min: Option<u64>,
    /// The largest length allowed.
    pub max: Option<u64>,
    /// The rule in words.
    pub phrase: &'static str,
}

/// A `@range` rule; `phrase` is the rule in words, e.g. `Member must be
/// between 2 and 8, inclusive`.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    /// The smallest value allowed.
    pub min: Option<f64>,
    /// The largest value allowed.
    pub max: Option<f64>,
    /// The rule in words.
    pub phrase: &'static str,
}

/// Every rule a string can carry, checked in this order, first failure
/// only: `@length` (in Unicode scalar values), `@pattern`, and the values
/// of an enum kept as a string (map keys). Generated code shares one rule
/// among all members with the same constraints.
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    /// `@length`.
    pub length: Option<Length>,
    /// `@pattern`.
    pub pattern: Option<&'static Pattern>,
    /// The allowed values, and the rule in words.
    pub values: Option<(&'static [&'static str], &'static str)>,
}

/// One failed constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where: a JSON pointer of member names, e.g. `/Members/2/Name`.
    pub path: String,
    /// What, e.g. `Value at '/Content' failed to satisfy constraint: Member
    /// must have length greater than or equal to 1`.
    pub message: String,
}

/// How an operation reports invalid input: its modeled validation error.
#[derive(Debug, Clone, Copy)]
pub struct ValidationError {
    /// The error code, sent as `X-Amzn-Errortype`.
    pub code: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The JSON key of the error's message member.
    pub message_key: &'static str,
    /// For `smithy.framework#ValidationException`: the keys of the field
    /// list, and of each entry's path and message.
    pub field_list: Option<(&'static str, &'static str, &'static str)>,
    /// Whether malformed input (bad JSON, wrong types) is reported with
    /// this error too, instead of `SerializationException`. True for a
    /// service's own error shape (Chime's `BadRequestException`), so its
    /// clients get an error they know; false for
    /// `smithy.framework#ValidationException`, as the protocol tests want.
    pub malformed_too: bool,
}

impl ValidationError {
    /// What operations without a modeled validation error answer: an
    /// unmodeled `ValidationException` with a message.
    pub const DEFAULT: ValidationError = ValidationError {
        code: "ValidationException",
        status: 400,
        message_key: "message",
        field_list: None,
        malformed_too: false,
    };
}

/// Collects violations while generated code walks an input.
#[derive(Debug, Default)]
pub struct Violations {
    /// The current location as a JSON pointer, grown and cut back as the
    /// walk goes in and out, so a valid input costs no allocation per member.
    path: String,
    found: Vec<Violation>,
    /// How many violations there were, including those not kept.
    total: usize,
    malformed: Option<String>,
}

/// At most this many violations are described in an answer; the count in
/// the message still covers all of them. A list of thousands of bad items
/// must not make the error response larger than the request.
pub const MAX_REPORTED: usize = 50;

impl Violations {
    /// An empty collector at the root of the input.
    pub fn new() -> Self {
        Violations::default()
    }

    /// Runs `check` with the path extended by a member name or map key.
    pub fn at<R>(&mut self, key: &str, check: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.path.len();
        self.path.push('/');
        for c in key.chars() {
            match c {
                '~' => self.path.push_str("~0"),
                '/' => self.path.push_str("~1"),
                c => self.path.push(c),
            }
        }
        let result = check(self);
        self.path.truncate(len);
        result
    }

    /// Runs `check` with the path extended by a list index.
    pub fn at_index<R>(&mut self, index: usize, check: impl FnOnce(&mut Self) -> R) -> R {
        use std::fmt::Write as _;
        let len = self.path.len();
        let _ = write!(self.path, "/{index}");
        let result = check(self);
        self.path.truncate(len);
        result
    }

    /// Checks a member's value at its member name.
    pub fn member<T: ?Sized, R>(
        &mut self,
        key: &str,
        value: &T,
        check: impl FnOnce(&mut Self, &T) -> R,
    ) -> R {
        self.at(key, |v| check(v, value))
    }

    /// Checks an optional member's value, when it is set.
    pub fn member_opt<T, R>(
        &mut self,
        key: &str,
        value: &Option<T>,
        check: impl FnOnce(&mut Self, &T) -> R,
    ) {
        if let Some(value) = value {
            self.at(key, |v| check(v, value));
        }
    }

    /// Checks a member that is `@required` on the wire but optional in
    /// Rust (idempotency tokens): absent is a violation.
    pub fn member_required<T, R>(
        &mut self,
        key: &str,
        value: &Option<T>,
        check: impl FnOnce(&mut Self, &T) -> R,
    ) {
        match value {
            Some(value) => {
                self.at(key, |v| check(v, value));
            }
            None => {
                self.at(key, Self::missing);
            }
        }
    }

    /// Checks every item of a list at its index.
    pub fn items<T, R>(&mut self, list: &[T], mut check: impl FnMut(&mut Self, &T) -> R) {
        for (index, item) in list.iter().enumerate() {
            self.at_index(index, |v| check(v, item));
        }
    }

    /// Checks every present item of a sparse list at its index.
    pub fn items_present<T, R>(
        &mut self,
        list: &[Option<T>],
        mut check: impl FnMut(&mut Self, &T) -> R,
    ) {
        for (index, item) in list.iter().enumerate() {
            if let Some(item) = item {
                self.at_index(index, |v| check(v, item));
            }
        }
    }

    /// Checks every key of a map, at the map's own path.
    pub fn keys<T, R>(
        &mut self,
        map: &BTreeMap<String, T>,
        mut check: impl FnMut(&mut Self, &str) -> R,
    ) {
        for key in map.keys() {
            check(self, key);
        }
    }

    /// Checks every value of a map at its key.
    pub fn values<T, R>(
        &mut self,
        map: &BTreeMap<String, T>,
        mut check: impl FnMut(&mut Self, &T) -> R,
    ) {
        for (key, item) in map {
            self.at(key, |v| check(v, item));
        }
    }

    /// Checks every present value of a sparse map at its key.
    pub fn values_present<T, R>(
        &mut self,
        map: &BTreeMap<String, Option<T>>,
        mut check: impl FnMut(&mut Self, &T) -> R,
    ) {
        for (key, item) in map {
            if let Some(item) = item {
                self.at(key, |v| check(v, item));
            }
        }
    }

    fn fail(&mut self, length: Option<usize>, constraint: &str) -> bool {
        self.total += 1;
        if self.found.len() >= MAX_REPORTED {
            return false;
        }
        let path = self.path.clone();
        let message = match length {
            Some(n) => format!(
                "Value with length {n} at '{path}' failed to satisfy constraint: {constraint}"
            ),
            None => format!("Value at '{path}' failed to satisfy constraint: {constraint}"),
        };
        self.found.push(Violation { path, message });
        false
    }

    /// Records that the required member at the current path is absent.
    pub fn missing(&mut self) -> bool {
        self.fail(None, "Member must not be null")
    }

    /// `@required` for a member Rust keeps optional (idempotency tokens).
    pub fn required<T>(&mut self, value: &Option<T>) -> bool {
        value.is_some() || self.missing()
    }

    /// `@length`: `len` is the string's Unicode scalar count, the blob's
    /// byte count, or the list's or map's entry count. `constraint` is the
    /// rule in words, e.g. `Member must have length between 2 and 8, inclusive`.
    pub fn length(
        &mut self,
        len: usize,
        min: Option<u64>,
        max: Option<u64>,
        constraint: &str,
    ) -> bool {
        let n = u64::try_from(len).unwrap_or(u64::MAX);
        let too_short = matches!(min, Some(m) if n < m);
        let too_long = matches!(max, Some(m) if n > m);
        let ok = !(too_short || too_long);
        ok || self.fail(Some(len), constraint)
    }

    /// A string against its rule.
    pub fn text(&mut self, value: &str, rule: &TextRule) -> bool {
        if let Some(length) = &rule.length {
            if !self.count(value.chars().count(), length) {
                return false;
            }
        }
        if let Some(pattern) = rule.pattern {
            if !self.pattern(value, pattern) {
                return false;
            }
        }
        match rule.values {
            Some((values, phrase)) => self.enum_str(value, values, phrase),
            None => true,
        }
    }

    /// The length of a blob, list or map (or any count) against `@length`.
    pub fn count(&mut self, len: usize, rule: &Length) -> bool {
        self.length(len, rule.min, rule.max, rule.phrase)
    }

    /// A number against `@range`.
    pub fn within<N: Number>(&mut self, value: N, rule: &Range) -> bool {
        self.range(value, rule.min, rule.max, rule.phrase)
    }

    /// `@range`; `constraint` is the rule in words.
    pub fn range<N: Number>(
        &mut self,
        value: N,
        min: Option<f64>,
        max: Option<f64>,
        constraint: &str,
    ) -> bool {
        let below = matches!(min, Some(m) if !value.at_least(m));
        let above = matches!(max, Some(m) if !value.at_most(m));
        let ok = !(below || above);
        ok || self.fail(None, constraint)
    }

    /// `@pattern`.
    pub fn pattern(&mut self, value: &str, pattern: &Pattern) -> bool {
        pattern.is_match(value) || {
            let constraint = format!(
                "Member must satisfy regular expression pattern: {}",
                pattern.ecma()
            );
            self.fail(None, &constraint)
        }
    }

    /// An enum value: `known` is false for a value the model does not
    /// list; `constraint` names the allowed set.
    pub fn enum_value(&mut self, known: bool, constraint: &str) -> bool {
        known || self.fail(None, constraint)
    }

    /// An enum value kept as a string (a map key): it must be one of `values`.
    pub fn enum_str(&mut self, value: &str, values: &[&str], constraint: &str) -> bool {
        self.enum_value(values.contains(&value), constraint)
    }

    /// `@uniqueItems`, given the list in its JSON form: no two items may
    /// be equal (objects compare regardless of key order). Linear time, so
    /// a long list cannot make the check slow.
    pub fn unique(&mut self, list: &Value) -> bool {
        let Value::Array(items) = list else {
            return true;
        };
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        let ok = items.iter().all(|item| {
            let mut key = String::new();
            canonical(item, &mut key);
            seen.insert(key)
        });
        ok || self.fail(None, "Member must have unique values")
    }

    /// Records that the input is malformed rather than invalid: a union
    /// member this server does not know. Such input is answered like a body
    /// that does not parse.
    pub fn unknown_union_member(&mut self) {
        if self.malformed.is_none() {
            self.malformed = Some(format!("'{}' is not a member this server knows", self.path));
        }
    }

    /// Whether nothing failed.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty() && self.malformed.is_none()
    }

    /// What failed, in the order found.
    pub fn violations(&self) -> &[Violation] {
        &self.found
    }

    /// The summary message: `1 validation error detected. …`, with further
    /// violations joined by `; ` (the first [`MAX_REPORTED`] of them).
    pub fn message(&self) -> String {
        let n = self.total;
        let head = if n == 1 {
            String::from("1 validation error detected. ")
        } else {
            format!("{n} validation errors detected. ")
        };
        let details: Vec<&str> = self.found.iter().map(|v| v.message.as_str()).collect();
        head + &details.join("; ")
    }

    /// The error response, or `None` when the input is valid.
    pub fn into_response(self, error: &ValidationError) -> Option<Response> {
        if let Some(why) = self.malformed {
            return Some(malformed(error, &why));
        }
        if self.found.is_empty() {
            return None;
        }
        let mut body = Object::new();
        body.insert(error.message_key.to_owned(), Value::String(self.message()));
        if let Some((list, path, message)) = error.field_list {
            let entries = self
                .found
                .into_iter()
                .map(|v| {
                    let mut entry = Object::new();
                    entry.insert(path.to_owned(), Value::String(v.path));
                    entry.insert(message.to_owned(), Value::String(v.message));
                    Value::Object(entry)
                })
                .collect();
            body.insert(list.to_owned(), Value::Array(entries));
        }
        Some(Response::error(error.status, error.code, body))
    }
}

/// Writes a JSON value with object keys sorted, so equal values give equal text.
fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(object) => {
            let mut entries: Vec<(&String, &Value)> = object.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical(item, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The answer to input that could not be read: a required member that is
/// absent is a validation error naming it; anything else (bad JSON, wrong
/// types, bad timestamps) is malformed input.
pub fn decode_failure(err: &DecodeError, error: &ValidationError) -> Response {
    if let Some(path) = missing_member(err) {
        let mut violations = Violations::new();
        let message =
            format!("Value at '{path}' failed to satisfy constraint: Member must not be null");
        violations.found.push(Violation { path, message });
        violations.total = 1;
        if let Some(response) = violations.into_response(error) {
            return response;
        }
    }
    malformed(error, &err.to_string())
}

/// A malformed-input response: `SerializationException`, or the model's
/// own validation error when it says so.
pub fn malformed(error: &ValidationError, why: &str) -> Response {
    let mut body = Object::new();
    if error.malformed_too {
        body.insert(error.message_key.to_owned(), Value::String(why.to_owned()));
        Response::error(error.status, error.code, body)
    } else {
        body.insert("message".to_owned(), Value::String(why.to_owned()));
        Response::error(400, "SerializationException", body)
    }
}

/// The member path of a "required member is missing" decode error.
///
/// This reads the messages of `json::required` (a JSON path, message
/// `required member is missing`) and `wire::required` (no path, message
/// ``required member `Name` is missing``); `tests/tests/rt_server_*.rs`
/// pins both.
pub fn missing_member(err: &DecodeError) -> Option<String> {
    if err.message() == "required member is missing" && err.has_path() {
        return Some(err.json_pointer());
    }
    let name = err
        .message()
        .strip_prefix("required member `")?
        .strip_suffix("` is missing")?;
    if err.has_path() || name.contains('`') {
        return None;
    }
    Some(format!("/{name}"))
}
