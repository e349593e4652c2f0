// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! `DateTime`, the type of every Smithy timestamp, and its three wire forms:
//! epoch-seconds, RFC 3339 `date-time` and IMF-fixdate `http-date`.
//!
//! Calendar arithmetic is done here rather than through a date library so
//! the generated crate needs nothing beyond `serde_json`. Every conversion
//! is total over the whole `i64` range of seconds: nothing here panics or
//! overflows, whatever the input.

use std::fmt::{self, Write as _};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::rt::error::DecodeError;

const NANOS_PER_SEC: u32 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;
/// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
/// Counting from a March epoch puts the leap day at the end of the year,
/// which keeps the month arithmetic free of special cases.
const DAYS_TO_UNIX_EPOCH: i64 = 719_468;
/// Days in one 400-year Gregorian cycle.
const DAYS_PER_ERA: i64 = 146_097;

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An instant in time: whole seconds since 1970-01-01T00:00:00Z plus a
/// non-negative count of nanoseconds into that second.
///
/// Instants before the epoch have negative `secs`; `nanos` always counts
/// forwards, so -0.5 s is `secs = -1, nanos = 500_000_000`. The derived
/// ordering is therefore chronological.
///
/// `Display` writes the RFC 3339 form, e.g. `2019-12-16T23:48:18Z`. The
/// `Default` is the epoch, which is also Smithy's zero value for timestamps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    secs: i64,
    nanos: u32,
}

impl DateTime {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime { secs: 0, nanos: 0 };

    /// The instant `secs` whole seconds after the epoch.
    pub const fn from_secs(secs: i64) -> Self {
        DateTime { secs, nanos: 0 }
    }

    /// The instant `secs` seconds and `nanos` nanoseconds after the epoch.
    ///
    /// `nanos` of a second or more carry into the seconds; the result
    /// saturates at the ends of the `i64` range rather than wrapping.
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        if nanos < NANOS_PER_SEC {
            return DateTime { secs, nanos };
        }
        let carry = (nanos / NANOS_PER_SEC) as i64;
        match secs.checked_add(carry) {
            Some(secs) => DateTime {
                secs,
                nanos: nanos % NANOS_PER_SEC,
            },
            None => DateTime {
                secs: i64::MAX,
                nanos: NANOS_PER_SEC - 1,
            },
        }
    }

    /// The instant `secs` (fractional) seconds after the epoch, or `None`
    /// when `secs` is NaN, infinite or outside the `i64` range.
    ///
    /// The fraction is taken from the shortest decimal that identifies the
    /// `f64`, so `946845296.123` gives exactly 123 ms rather than the
    /// 122.99990654 ms the binary value holds: wire values are written in
    /// decimal and should come back as written.
    pub fn from_fractional_secs(secs: f64) -> Option<Self> {
        if !secs.is_finite() {
            return None;
        }
        // -2^63 is exact in f64; anything below it or at/after +2^63 cannot
        // be held, and the checks keep the `as` casts below exact.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if !(-LIMIT..LIMIT).contains(&secs) {
            return None;
        }
        if secs.fract() == 0.0 {
            return Some(DateTime::from_secs(secs as i64));
        }
        // `Display` for f64 prints the shortest round-tripping decimal and
        // never uses an exponent, so the decimal parser can read it.
        let text = secs.to_string();
        parse_decimal(text.as_bytes()).ok()
    }

    /// The current time from the system clock.
    pub fn now() -> Self {
        DateTime::from_system_time(SystemTime::now())
    }

    /// Whole seconds since the epoch (rounded towards negative infinity).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`DateTime::secs`], always below one billion.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Seconds since the epoch as the `f64` nearest to the exact value.
    ///
    /// Precision is lost for sub-microsecond fractions of present-day
    /// instants, as `f64` has only 53 bits.
    pub fn as_fractional_secs(&self) -> f64 {
        if self.nanos == 0 {
            return self.secs as f64;
        }
        // Parsing the exact decimal rounds once; adding `nanos / 1e9` to
        // the seconds would round twice and can miss the nearest value.
        let text = self.fmt_epoch_seconds();
        text.parse::<f64>().unwrap_or(self.secs as f64)
    }

    /// Converts a [`SystemTime`], saturating at the ends of the `i64`
    /// range on platforms whose clocks reach further.
    pub fn from_system_time(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => match i64::try_from(after.as_secs()) {
                Ok(secs) => DateTime::from_secs_and_nanos(secs, after.subsec_nanos()),
                Err(_) => DateTime::from_secs_and_nanos(i64::MAX, NANOS_PER_SEC - 1),
            },
            Err(before) => {
                let before = before.duration();
                let secs = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                let nanos = before.subsec_nanos();
                // Negate `secs.nanos` while keeping the nanos non-negative.
                if nanos == 0 {
                    DateTime::from_secs(secs.checked_neg().unwrap_or(i64::MIN))
                } else {
                    match secs.checked_neg().and_then(|s| s.checked_sub(1)) {
                        Some(s) => DateTime::from_secs_and_nanos(s, NANOS_PER_SEC - nanos),
                        None => DateTime::from_secs(i64::MIN),
                    }
                }
            }
        }
    }

    /// Converts to a [`SystemTime`], or `None` when the platform clock
    /// cannot represent the instant.
    pub fn to_system_time(&self) -> Option<SystemTime> {
        if self.secs >= 0 {
            UNIX_EPOCH.checked_add(Duration::new(self.secs.unsigned_abs(), self.nanos))
        } else {
            // secs < 0 and 0 <= nanos < 1e9: the instant lies
            // |secs| seconds before the epoch, minus the nanos.
            let back = Duration::from_secs(self.secs.unsigned_abs());
            let back = back.checked_sub(Duration::from_nanos(u64::from(self.nanos)))?;
            UNIX_EPOCH.checked_sub(back)
        }
    }

    /// The epoch-seconds text form: an integer when there is no fraction
    /// (`1515531081`), otherwise the exact decimal with trailing zeros
    /// removed (`1515531081.123`, `-0.5`).
    pub fn fmt_epoch_seconds(&self) -> String {
        if self.nanos == 0 {
            return self.secs.to_string();
        }
        // Write |value| = int.frac, remembering the sign separately, since
        // for negative instants the nanos count the other way.
        let (negative, int, frac) = if self.secs < 0 {
            // value = secs + nanos/1e9 = -((|secs| - 1) + (1e9 - nanos)/1e9)
            (
                true,
                self.secs.unsigned_abs() - 1,
                NANOS_PER_SEC - self.nanos,
            )
        } else {
            (false, self.secs.unsigned_abs(), self.nanos)
        };
        let mut out = String::with_capacity(32);
        if negative {
            out.push('-');
        }
        let _ = write!(out, "{int}");
        push_fraction(&mut out, frac);
        out
    }

    /// The RFC 3339 `date-time` form in UTC, e.g. `2019-12-16T23:48:18Z` or
    /// `2000-01-02T20:34:56.123Z`. Fractional seconds appear only when
    /// non-zero, without trailing zeros.
    ///
    /// Years outside 0000–9999 cannot be written in RFC 3339; they are
    /// written in the ISO 8601 expanded form (`+10000-01-01T…`,
    /// `-0001-12-31T…`) rather than failing.
    pub fn fmt_date_time(&self) -> String {
        let mut out = String::with_capacity(32);
        match Civil::from_secs(self.secs) {
            Some(c) => {
                push_year(&mut out, c.year);
                out.push('-');
                push_2(&mut out, c.month);
                out.push('-');
                push_2(&mut out, c.day);
                out.push('T');
                push_2(&mut out, c.hour);
                out.push(':');
                push_2(&mut out, c.minute);
                out.push(':');
                push_2(&mut out, c.second);
                if self.nanos != 0 {
                    push_fraction(&mut out, self.nanos);
                }
                out.push('Z');
            }
            // Unreachable for any i64, but a fallback beats a panic.
            None => out.push_str(&self.fmt_epoch_seconds()),
        }
        out
    }

    /// The IMF-fixdate `http-date` form, e.g. `Tue, 29 Apr 2014 18:30:38 GMT`.
    ///
    /// Fractional seconds are dropped: Smithy's `http-date` format supports
    /// whole seconds only.
    pub fn fmt_http_date(&self) -> String {
        let mut out = String::with_capacity(29);
        match Civil::from_secs(self.secs) {
            Some(c) => {
                let weekday = c.days.rem_euclid(7);
                out.push_str(
                    WEEKDAYS
                        .get(usize::try_from(weekday).unwrap_or(0))
                        .copied()
                        .unwrap_or("Thu"),
                );
                out.push_str(", ");
                push_2(&mut out, c.day);
                out.push(' ');
                out.push_str(
                    MONTHS
                        .get(c.month.saturating_sub(1) as usize)
                        .copied()
                        .unwrap_or("Jan"),
                );
                out.push(' ');
                push_year(&mut out, c.year);
                out.push(' ');
                push_2(&mut out, c.hour);
                out.push(':');
                push_2(&mut out, c.minute);
                out.push(':');
                push_2(&mut out, c.second);
                out.push_str(" GMT");
            }
            None => out.push_str(&self.secs.to_string()),
        }
        out
    }

    /// Reads the epoch-seconds text form: an optional `-`, digits, and an
    /// optional `.` followed by digits. Exponents, `+`, whitespace, `NaN`
    /// and `Infinity` are rejected. Digits past nanoseconds are truncated.
    pub fn parse_epoch_seconds(text: &str) -> Result<Self, DecodeError> {
        parse_decimal(text.as_bytes())
    }

    /// Reads an RFC 3339 `date-time`: `YYYY-MM-DDThh:mm:ss[.fraction]`
    /// followed by `Z` or a numeric offset such as `+01:00`. `t` and `z` are
    /// accepted in lower case, as RFC 3339 allows. Leap seconds (`:60`) are
    /// rejected because a `DateTime` cannot hold them.
    ///
    /// Use [`DateTime::parse_date_time_utc`] where offsets must be refused.
    pub fn parse_date_time(text: &str) -> Result<Self, DecodeError> {
        parse_rfc3339(text.as_bytes(), true)
    }

    /// Like [`DateTime::parse_date_time`] but accepts only `Z`/`z`, not
    /// numeric offsets.
    ///
    /// Smithy's `date-time` format has no offsets and the restJson1
    /// malformed-request tests require servers to reject them, whereas the
    /// response tests require clients to accept them; each side picks its
    /// parser.
    pub fn parse_date_time_utc(text: &str) -> Result<Self, DecodeError> {
        parse_rfc3339(text.as_bytes(), false)
    }

    /// Reads an IMF-fixdate `http-date` such as
    /// `Tue, 29 Apr 2014 18:30:38 GMT`, optionally with fractional seconds
    /// (`18:30:38.123`). The weekday name must be one of the seven but is
    /// not checked against the date.
    pub fn parse_http_date(text: &str) -> Result<Self, DecodeError> {
        parse_imf_fixdate(text.as_bytes())
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fmt_date_time())
    }
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> Self {
        DateTime::from_system_time(time)
    }
}

/// A calendar date and time of day in UTC, plus the day count it came from.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// Days since 1970-01-01.
    days: i64,
}

impl Civil {
    fn from_secs(secs: i64) -> Option<Civil> {
        let days = secs.div_euclid(SECS_PER_DAY);
        let in_day = u32::try_from(secs.rem_euclid(SECS_PER_DAY)).ok()?;
        let (year, month, day) = civil_from_days(days)?;
        Some(Civil {
            year,
            month,
            day,
            hour: in_day / 3600,
            minute: in_day / 60 % 60,
            second: in_day % 60,
            days,
        })
    }
}

/// The proleptic Gregorian (year, month, day) of the day `days` after
/// 1970-01-01.
///
/// Works in 400-year eras of years that start on 1 March: within an era the
/// pattern of leap days is fixed, and with February last the length of each
/// month before it follows the 153-days-per-5-months rhythm.
fn civil_from_days(days: i64) -> Option<(i64, u32, u32)> {
    let shifted = days.checked_add(DAYS_TO_UNIX_EPOCH)?;
    let era = shifted.div_euclid(DAYS_PER_ERA);
    let day_of_era = shifted.rem_euclid(DAYS_PER_ERA); // 0..=146096
                                                       // Remove the leap days accumulated before this day (one every 4 years,
                                                       // minus one every 100, plus the era's last day) to count whole years.
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
        - day_of_era / (DAYS_PER_ERA - 1))
        / 365; // 0..=399
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // 0..=365
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11, 0 = March
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // 1..=31
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era
        .checked_mul(400)?
        .checked_add(year_of_era)?
        .checked_add(i64::from(month <= 2))?;
    Some((year, u32::try_from(month).ok()?, u32::try_from(day).ok()?))
}

/// Days from 1970-01-01 to the given proleptic Gregorian date, which the
/// caller has already validated. The inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    // Years start in March here, so January and February belong to the
    // previous one.
    let year = if month <= 2 {
        year.checked_sub(1)?
    } else {
        year
    };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era.checked_mul(DAYS_PER_ERA)?
        .checked_add(day_of_era)?
        .checked_sub(DAYS_TO_UNIX_EPOCH)
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn push_2(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

fn push_year(out: &mut String, year: i64) {
    // Writing to a `String` cannot fail.
    let _ = if (0..=9999).contains(&year) {
        write!(out, "{year:04}")
    } else if year < 0 {
        write!(out, "-{:04}", year.unsigned_abs())
    } else {
        write!(out, "+{year}")
    };
}

/// Appends `.` and the nine-digit `nanos` without its trailing zeros.
fn push_fraction(out: &mut String, nanos: u32) {
    out.push('.');
    let mut rest = nanos;
    let mut scale = NANOS_PER_SEC / 10;
    while rest != 0 && scale != 0 {
        let digit = rest / scale;
        out.push(char::from(b'0' + (digit % 10) as u8));
        rest -= digit * scale;
        scale /= 10;
    }
}

fn err(message: &str, text: &[u8]) -> DecodeError {
    // The input is echoed for diagnosis but capped, as it may be huge.
    let shown = String::from_utf8_lossy(text.get(..64).unwrap_or(text));
    let ellipsis = if text.len() > 64 { "…" } else { "" };
    DecodeError::new(format!("{message}: `{shown}{ellipsis}`"))
}

/// A cursor over the bytes of a timestamp; every read is bounds-checked.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, expected: u8) -> bool {
        if self.peek() == Some(expected) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, expected: &[u8]) -> bool {
        match self
            .bytes
            .get(self.pos..self.pos.saturating_add(expected.len()))
        {
            Some(found) if found == expected => {
                self.pos += expected.len();
                true
            }
            _ => false,
        }
    }

    /// Exactly `count` ASCII digits as a number.
    fn digits(&mut self, count: usize) -> Option<u32> {
        let end = self.pos.checked_add(count)?;
        let found = self.bytes.get(self.pos..end)?;
        let mut n: u32 = 0;
        for &b in found {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
        }
        self.pos = end;
        Some(n)
    }

    /// The separator `sep` followed by exactly `count` digits.
    fn field(&mut self, sep: u8, count: usize) -> Option<u32> {
        if self.eat(sep) {
            self.digits(count)
        } else {
            None
        }
    }

    /// `.` and one or more digits, as nanoseconds; digits past the ninth are
    /// checked and dropped. Returns 0 when there is no `.`.
    fn fraction(&mut self) -> Option<u32> {
        if !self.eat(b'.') {
            return Some(0);
        }
        let start = self.pos;
        let mut nanos: u32 = 0;
        let mut scale = NANOS_PER_SEC;
        while let Some(b) = self.peek() {
            if !b.is_ascii_digit() {
                break;
            }
            if scale > 1 {
                scale /= 10;
                nanos += u32::from(b - b'0') * scale;
            }
            self.pos += 1;
        }
        if self.pos == start {
            None
        } else {
            Some(nanos)
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }
}

/// Seconds from a validated calendar date and time of day.
fn to_secs(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<i64> {
    let days = days_from_civil(i64::from(year), month, day)?;
    days.checked_mul(SECS_PER_DAY)?
        .checked_add(i64::from(hour * 3600 + minute * 60 + second))
}

fn check_date(text: &[u8], year: u32, month: u32, day: u32) -> Result<(), DecodeError> {
    if !(1..=12).contains(&month) {
        return Err(err("invalid month", text));
    }
    if day == 0 || day > days_in_month(i64::from(year), month) {
        return Err(err("invalid day of month", text));
    }
    Ok(())
}

fn check_time(text: &[u8], hour: u32, minute: u32, second: u32) -> Result<(), DecodeError> {
    if hour > 23 || minute > 59 || second > 59 {
        return Err(err("invalid time of day", text));
    }
    Ok(())
}

fn parse_rfc3339(text: &[u8], allow_offset: bool) -> Result<DateTime, DecodeError> {
    const WHAT: &str = "expected an RFC 3339 date-time";
    let bad = || err(WHAT, text);
    let mut c = Cursor::new(text);
    let year = c.digits(4).ok_or_else(bad)?;
    let month = c.field(b'-', 2).ok_or_else(bad)?;
    let day = c.field(b'-', 2).ok_or_else(bad)?;
    if !(c.eat(b'T') || c.eat(b't')) {
        return Err(bad());
    }
    let hour = c.digits(2).ok_or_else(bad)?;
    let minute = c.field(b':', 2).ok_or_else(bad)?;
    let second = c.field(b':', 2).ok_or_else(bad)?;
    let nanos = c.fraction().ok_or_else(bad)?;
    let offset_secs: i64 = if c.eat(b'Z') || c.eat(b'z') {
        0
    } else if matches!(c.peek(), Some(b'+' | b'-')) {
        if !allow_offset {
            return Err(err("expected a UTC date-time ending in `Z`", text));
        }
        let negative = c.peek() == Some(b'-');
        c.pos += 1;
        let oh = c.digits(2).ok_or_else(bad)?;
        let om = c.field(b':', 2).ok_or_else(bad)?;
        if oh > 23 || om > 59 {
            return Err(err("invalid UTC offset", text));
        }
        let secs = i64::from(oh * 3600 + om * 60);
        if negative {
            -secs
        } else {
            secs
        }
    } else {
        return Err(bad());
    };
    if !c.at_end() {
        return Err(bad());
    }
    check_date(text, year, month, day)?;
    check_time(text, hour, minute, second)?;
    // The local time minus its offset is UTC.
    let secs = to_secs(year, month, day, hour, minute, second)
        .and_then(|s| s.checked_sub(offset_secs))
        .ok_or_else(bad)?;
    Ok(DateTime::from_secs_and_nanos(secs, nanos))
}

fn parse_imf_fixdate(text: &[u8]) -> Result<DateTime, DecodeError> {
    const WHAT: &str = "expected an IMF-fixdate http-date";
    let bad = || err(WHAT, text);
    let mut c = Cursor::new(text);
    if !WEEKDAYS.iter().any(|w| c.eat_str(w.as_bytes())) {
        return Err(bad());
    }
    if !c.eat_str(b", ") {
        return Err(bad());
    }
    let day = c.digits(2).ok_or_else(bad)?;
    if !c.eat(b' ') {
        return Err(bad());
    }
    let month = MONTHS
        .iter()
        .position(|m| c.eat_str(m.as_bytes()))
        .ok_or_else(bad)?;
    let month = u32::try_from(month).map_err(|_| bad())? + 1;
    if !c.eat(b' ') {
        return Err(bad());
    }
    let year = c.digits(4).ok_or_else(bad)?;
    if !c.eat(b' ') {
        return Err(bad());
    }
    let hour = c.digits(2).ok_or_else(bad)?;
    let minute = c.field(b':', 2).ok_or_else(bad)?;
    let second = c.field(b':', 2).ok_or_else(bad)?;
    let nanos = c.fraction().ok_or_else(bad)?;
    if !c.eat_str(b" GMT") || !c.at_end() {
        return Err(bad());
    }
    check_date(text, year, month, day)?;
    check_time(text, hour, minute, second)?;
    let secs = to_secs(year, month, day, hour, minute, second).ok_or_else(bad)?;
    Ok(DateTime::from_secs_and_nanos(secs, nanos))
}

/// Reads `-?digits(.digits)?` exactly into a `DateTime`.
fn parse_decimal(text: &[u8]) -> Result<DateTime, DecodeError> {
    const WHAT: &str = "expected epoch seconds";
    let bad = || err(WHAT, text);
    let mut c = Cursor::new(text);
    let negative = c.eat(b'-');
    let start = c.pos;
    // Accumulating the magnitude as u64 covers |i64::MIN| = 2^63 too.
    let mut int: u64 = 0;
    while let Some(b) = c.peek() {
        if !b.is_ascii_digit() {
            break;
        }
        int = int
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(b - b'0')))
            .ok_or_else(|| err("epoch seconds out of range", text))?;
        c.pos += 1;
    }
    if c.pos == start {
        return Err(bad());
    }
    let nanos = c.fraction().ok_or_else(bad)?;
    if !c.at_end() {
        return Err(bad());
    }
    let out_of_range = || err("epoch seconds out of range", text);
    if !negative {
        let secs = i64::try_from(int).map_err(|_| out_of_range())?;
        return Ok(DateTime { secs, nanos });
    }
    // -(int + nanos/1e9) = -(int + 1) + (1e9 - nanos)/1e9 when nanos > 0.
    let magnitude = if nanos == 0 {
        int
    } else {
        int.checked_add(1).ok_or_else(out_of_range)?
    };
    let secs = 0i64
        .checked_sub_unsigned(magnitude)
        .ok_or_else(out_of_range)?;
    let nanos = if nanos == 0 { 0 } else { NANOS_PER_SEC - nanos };
    Ok(DateTime { secs, nanos })
}
