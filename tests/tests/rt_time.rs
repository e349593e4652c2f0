//! Tests of `rt::time::DateTime`: the civil calendar, the three wire forms,
//! and that no input makes a parser panic.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tests::rt::time::DateTime;

/// (secs, nanos, date-time, http-date, epoch-seconds)
const VECTORS: &[(i64, u32, &str, &str, &str)] = &[
    (
        0,
        0,
        "1970-01-01T00:00:00Z",
        "Thu, 01 Jan 1970 00:00:00 GMT",
        "0",
    ),
    (
        -1,
        0,
        "1969-12-31T23:59:59Z",
        "Wed, 31 Dec 1969 23:59:59 GMT",
        "-1",
    ),
    (
        951_782_400,
        0,
        "2000-02-29T00:00:00Z",
        "Tue, 29 Feb 2000 00:00:00 GMT",
        "951782400",
    ),
    (
        951_868_800,
        0,
        "2000-03-01T00:00:00Z",
        "Wed, 01 Mar 2000 00:00:00 GMT",
        "951868800",
    ),
    (
        -2_203_891_201,
        0,
        "1900-02-28T23:59:59Z",
        "Wed, 28 Feb 1900 23:59:59 GMT",
        "-2203891201",
    ),
    (
        -2_203_891_200,
        0,
        "1900-03-01T00:00:00Z",
        "Thu, 01 Mar 1900 00:00:00 GMT",
        "-2203891200",
    ),
    (
        4_107_499_200,
        0,
        "2100-02-28T12:00:00Z",
        "Sun, 28 Feb 2100 12:00:00 GMT",
        "4107499200",
    ),
    (
        -11_670_998_400,
        0,
        "1600-02-29T00:00:00Z",
        "Tue, 29 Feb 1600 00:00:00 GMT",
        "-11670998400",
    ),
    (
        253_402_300_799,
        0,
        "9999-12-31T23:59:59Z",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "253402300799",
    ),
    (
        -62_135_596_800,
        0,
        "0001-01-01T00:00:00Z",
        "Mon, 01 Jan 0001 00:00:00 GMT",
        "-62135596800",
    ),
    (
        -62_035_891_200,
        0,
        "0004-02-29T00:00:00Z",
        "Sun, 29 Feb 0004 00:00:00 GMT",
        "-62035891200",
    ),
    (
        -12_187_756_800,
        0,
        "1583-10-15T00:00:00Z",
        "Sat, 15 Oct 1583 00:00:00 GMT",
        "-12187756800",
    ),
    (
        1_576_540_098,
        0,
        "2019-12-16T23:48:18Z",
        "Mon, 16 Dec 2019 23:48:18 GMT",
        "1576540098",
    ),
    (
        1_398_796_238,
        0,
        "2014-04-29T18:30:38Z",
        "Tue, 29 Apr 2014 18:30:38 GMT",
        "1398796238",
    ),
    (
        1_709_210_096,
        0,
        "2024-02-29T12:34:56Z",
        "Thu, 29 Feb 2024 12:34:56 GMT",
        "1709210096",
    ),
    (
        946_845_296,
        123_000_000,
        "2000-01-02T20:34:56.123Z",
        "Sun, 02 Jan 2000 20:34:56 GMT",
        "946845296.123",
    ),
    (
        1_515_531_081,
        123_400_000,
        "2018-01-09T20:51:21.1234Z",
        "Tue, 09 Jan 2018 20:51:21 GMT",
        "1515531081.1234",
    ),
    (
        0,
        1,
        "1970-01-01T00:00:00.000000001Z",
        "Thu, 01 Jan 1970 00:00:00 GMT",
        "0.000000001",
    ),
    (
        -1,
        500_000_000,
        "1969-12-31T23:59:59.5Z",
        "Wed, 31 Dec 1969 23:59:59 GMT",
        "-0.5",
    ),
    (
        -2,
        750_000_000,
        "1969-12-31T23:59:58.75Z",
        "Wed, 31 Dec 1969 23:59:58 GMT",
        "-1.25",
    ),
    (
        -62_135_596_800,
        999_000_000,
        "0001-01-01T00:00:00.999Z",
        "Mon, 01 Jan 0001 00:00:00 GMT",
        "-62135596799.001",
    ),
];

#[test]
fn known_vectors_format() {
    for &(secs, nanos, date_time, http_date, epoch) in VECTORS {
        let t = DateTime::from_secs_and_nanos(secs, nanos);
        assert_eq!(t.fmt_date_time(), date_time, "date-time of {secs}.{nanos}");
        assert_eq!(t.to_string(), date_time, "Display of {secs}.{nanos}");
        assert_eq!(t.fmt_http_date(), http_date, "http-date of {secs}.{nanos}");
        assert_eq!(t.fmt_epoch_seconds(), epoch, "epoch of {secs}.{nanos}");
    }
}

#[test]
fn known_vectors_parse() {
    for &(secs, nanos, date_time, http_date, epoch) in VECTORS {
        let t = DateTime::from_secs_and_nanos(secs, nanos);
        assert_eq!(DateTime::parse_date_time(date_time), Ok(t), "{date_time}");
        assert_eq!(
            DateTime::parse_date_time_utc(date_time),
            Ok(t),
            "{date_time}"
        );
        assert_eq!(DateTime::parse_epoch_seconds(epoch), Ok(t), "{epoch}");
        // http-date drops the fraction.
        assert_eq!(
            DateTime::parse_http_date(http_date),
            Ok(DateTime::from_secs(secs)),
            "{http_date}"
        );
    }
}

/// Walks every day from 0001-01-01 to 9999-12-31 with a naive calendar
/// counter (no shared code with the runtime) and checks both directions.
#[test]
fn every_day_of_years_1_to_9999() {
    fn leap(y: i64) -> bool {
        (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    }
    let month_len = |y: i64, m: u32| match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let (mut y, mut m, mut d) = (1i64, 1u32, 1u32);
    let mut secs: i64 = -62_135_596_800;
    let mut weekday = 1usize; // 0001-01-01 was a Monday
    let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut checked = 0u32;
    while y <= 9999 {
        // A time of day that varies from day to day exercises the clock too.
        let in_day = (checked as i64 * 7919) % 86_400;
        let t = DateTime::from_secs(secs + in_day);
        let (hh, mm, ss) = (in_day / 3600, in_day / 60 % 60, in_day % 60);
        let expect = format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z");
        assert_eq!(t.fmt_date_time(), expect);
        // Parsing every day too would make this the slowest test by far.
        if checked.is_multiple_of(5) {
            assert_eq!(DateTime::parse_date_time(&expect), Ok(t));
        }
        if checked.is_multiple_of(37) {
            let http = format!(
                "{}, {d:02} {} {y:04} {hh:02}:{mm:02}:{ss:02} GMT",
                names[weekday],
                months[(m - 1) as usize]
            );
            assert_eq!(t.fmt_http_date(), http);
            assert_eq!(DateTime::parse_http_date(&http), Ok(t));
        }
        checked += 1;
        secs += 86_400;
        weekday = (weekday + 1) % 7;
        d += 1;
        if d > month_len(y, m) {
            d = 1;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }
    assert_eq!(checked, 3_652_059);
    assert_eq!(secs, 253_402_300_800); // 10000-01-01
}

#[test]
fn constructors_and_accessors() {
    let t = DateTime::from_secs_and_nanos(5, 2_500_000_000);
    assert_eq!((t.secs(), t.subsec_nanos()), (7, 500_000_000));
    let t = DateTime::from_secs_and_nanos(i64::MAX, 1_000_000_000);
    assert_eq!(t.secs(), i64::MAX, "saturates instead of wrapping");
    assert_eq!(DateTime::UNIX_EPOCH, DateTime::from_secs(0));
    assert_eq!(DateTime::default(), DateTime::UNIX_EPOCH);
    assert_eq!(DateTime::from_secs(-3).secs(), -3);

    assert_eq!(
        DateTime::from_fractional_secs(946_845_296.123),
        Some(DateTime::from_secs_and_nanos(946_845_296, 123_000_000))
    );
    assert_eq!(
        DateTime::from_fractional_secs(-1.5),
        Some(DateTime::from_secs_and_nanos(-2, 500_000_000))
    );
    assert_eq!(
        DateTime::from_fractional_secs(-0.0),
        Some(DateTime::UNIX_EPOCH)
    );
    assert_eq!(
        DateTime::from_fractional_secs(1e-9),
        Some(DateTime::from_secs_and_nanos(0, 1))
    );
    assert_eq!(
        DateTime::from_fractional_secs(-9_223_372_036_854_775_808.0),
        Some(DateTime::from_secs(i64::MIN))
    );
    for bad in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        9_223_372_036_854_775_808.0,
        1e300,
        -1e19,
    ] {
        assert_eq!(DateTime::from_fractional_secs(bad), None, "{bad}");
    }
    // Tiny fractions below a nanosecond truncate rather than fail.
    assert_eq!(
        DateTime::from_fractional_secs(5e-324),
        Some(DateTime::UNIX_EPOCH)
    );

    assert_eq!(DateTime::from_secs(7).as_fractional_secs(), 7.0);
    assert_eq!(
        DateTime::from_secs_and_nanos(946_845_296, 123_000_000).as_fractional_secs(),
        946_845_296.123
    );
    assert_eq!(
        DateTime::from_secs_and_nanos(-2, 750_000_000).as_fractional_secs(),
        -1.25
    );
}

#[test]
fn ordering_is_chronological() {
    let mut times = [
        DateTime::from_secs_and_nanos(0, 1),
        DateTime::from_secs_and_nanos(-1, 999_999_999),
        DateTime::from_secs(i64::MIN),
        DateTime::from_secs_and_nanos(-1, 0),
        DateTime::from_secs(i64::MAX),
        DateTime::UNIX_EPOCH,
    ];
    times.sort();
    let secs: Vec<f64> = times.iter().map(DateTime::as_fractional_secs).collect();
    assert!(secs.windows(2).all(|w| w[0] <= w[1]), "{secs:?}");
    assert_eq!(times[0], DateTime::from_secs(i64::MIN));
}

#[test]
fn system_time_round_trip() {
    let now = DateTime::now();
    assert!(now.secs() > 1_700_000_000);
    let back = DateTime::from(now.to_system_time().expect("representable"));
    assert_eq!(back, now);

    let before = UNIX_EPOCH - Duration::new(1, 250_000_000);
    let t = DateTime::from_system_time(before);
    assert_eq!((t.secs(), t.subsec_nanos()), (-2, 750_000_000));
    assert_eq!(t.to_system_time(), Some(before));

    let whole = UNIX_EPOCH - Duration::from_secs(10);
    assert_eq!(DateTime::from(whole), DateTime::from_secs(-10));
    assert_eq!(DateTime::from(UNIX_EPOCH), DateTime::UNIX_EPOCH);
    let after = UNIX_EPOCH + Duration::new(1_576_540_098, 5);
    assert_eq!(
        DateTime::from(after),
        DateTime::from_secs_and_nanos(1_576_540_098, 5)
    );
    assert_eq!(DateTime::from(after).to_system_time(), Some(after));
    let far: SystemTime = UNIX_EPOCH + Duration::from_secs(253_402_300_799);
    assert_eq!(DateTime::from(far).fmt_date_time(), "9999-12-31T23:59:59Z");
    // Extremes must not panic; whether they fit is up to the platform.
    let _ = DateTime::from_secs(i64::MAX).to_system_time();
    let _ = DateTime::from_secs(i64::MIN).to_system_time();
    let _ = DateTime::from_secs_and_nanos(i64::MIN, 1).to_system_time();
}

#[test]
fn extremes_format_without_panicking() {
    for t in [
        DateTime::from_secs(i64::MIN),
        DateTime::from_secs_and_nanos(i64::MIN, 1),
        DateTime::from_secs(i64::MAX),
        DateTime::from_secs_and_nanos(i64::MAX, 999_999_999),
        DateTime::from_secs(-62_135_596_801),
        DateTime::from_secs(253_402_300_800),
    ] {
        let date_time = t.fmt_date_time();
        let epoch = t.fmt_epoch_seconds();
        let _ = t.fmt_http_date();
        let _ = t.as_fractional_secs();
        assert_eq!(DateTime::parse_epoch_seconds(&epoch), Ok(t), "{epoch}");
        assert!(date_time.ends_with('Z'), "{date_time}");
    }
    assert_eq!(
        DateTime::from_secs(-62_135_596_801).fmt_date_time(),
        "0000-12-31T23:59:59Z"
    );
    assert_eq!(
        DateTime::from_secs(-62_167_219_201).fmt_date_time(),
        "-0001-12-31T23:59:59Z"
    );
    assert_eq!(
        DateTime::from_secs(253_402_300_800).fmt_date_time(),
        "+10000-01-01T00:00:00Z"
    );
    assert_eq!(
        DateTime::from_secs(i64::MAX).fmt_date_time(),
        "+292277026596-12-04T15:30:07Z"
    );
    assert_eq!(
        DateTime::from_secs(i64::MIN).fmt_date_time(),
        "-292277022657-01-27T08:29:52Z"
    );
    assert_eq!(
        DateTime::from_secs(i64::MIN).fmt_epoch_seconds(),
        "-9223372036854775808"
    );
    assert_eq!(
        DateTime::from_secs_and_nanos(i64::MIN, 1).fmt_epoch_seconds(),
        "-9223372036854775807.999999999"
    );
}

#[test]
fn date_time_accepts() {
    let base = DateTime::from_secs(1_576_540_098);
    let cases: &[(&str, DateTime)] = &[
        ("2019-12-16T23:48:18Z", base),
        ("2019-12-16t23:48:18z", base),
        ("2019-12-16T22:48:18-01:00", base),
        ("2019-12-17T00:48:18+01:00", base),
        ("2019-12-16T23:48:18+00:00", base),
        ("2019-12-16T23:48:18-00:00", base),
        ("2019-12-17T13:33:18+13:45", base),
        (
            "2019-12-16T23:48:18.5Z",
            DateTime::from_secs_and_nanos(1_576_540_098, 500_000_000),
        ),
        (
            "1985-04-12T23:20:50.52Z",
            DateTime::from_secs_and_nanos(482_196_050, 520_000_000),
        ),
        (
            "2019-12-16T23:48:18.123456789Z",
            DateTime::from_secs_and_nanos(1_576_540_098, 123_456_789),
        ),
        // Digits past the nanosecond are truncated, not rounded.
        (
            "2019-12-16T23:48:18.1234567899999Z",
            DateTime::from_secs_and_nanos(1_576_540_098, 123_456_789),
        ),
        (
            "2019-12-16T23:48:18.000Z",
            DateTime::from_secs(1_576_540_098),
        ),
        ("0000-01-01T00:00:00Z", DateTime::from_secs(-62_167_219_200)),
        (
            "0001-01-01T00:30:00+01:00",
            DateTime::from_secs(-62_135_598_600),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(DateTime::parse_date_time(text), Ok(*want), "{text}");
    }
}

#[test]
fn date_time_utc_refuses_offsets() {
    for text in [
        "2019-12-16T22:48:18-01:00",
        "2019-12-17T00:48:18+01:00",
        "1996-12-19T16:39:57-08:00",
        "2019-12-16T23:48:18+00:00",
    ] {
        assert!(DateTime::parse_date_time(text).is_ok(), "{text}");
        let err = DateTime::parse_date_time_utc(text).unwrap_err();
        assert!(err.to_string().contains("UTC"), "{err}");
    }
    assert!(DateTime::parse_date_time_utc("2019-12-16T23:48:18.25z").is_ok());
}

/// Malformed date-times; the first block comes from the restJson1
/// malformed-request tests (`RejectsDifferent8601Formats` and friends).
const BAD_DATE_TIMES: &[&str] = &[
    "1996-12-19T16:39:57+00",
    "1996-12-19T16:39:57+00Z",
    "1996-12-19T16:39:57",
    "1996-12-19T163957",
    "19961219T163957Z",
    "19961219T163957",
    "19961219T16:39:57Z",
    "19961219T16:39:57",
    "1996-12-19T16:39Z",
    "1996-12-19T16:39",
    "1996-12-19T1639",
    "1996-12-19T16Z",
    "1996-12-19T16",
    "1996-12-19 16:39:57Z",
    "2011-12-03T10:15:30+01:00[Europe/Paris]",
    "Tue, 29 Apr 2014 18:30:38 GMT",
    "1515531081.1234",
    "1515531081",
    // Fields out of range.
    "2019-00-16T23:48:18Z",
    "2019-13-16T23:48:18Z",
    "2019-12-00T23:48:18Z",
    "2019-12-32T23:48:18Z",
    "2019-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2000-02-30T00:00:00Z",
    "2019-04-31T00:00:00Z",
    "2019-12-16T24:00:00Z",
    "2019-12-16T23:60:00Z",
    "2019-12-16T23:59:60Z",
    "2019-12-16T23:59:99Z",
    "2019-12-16T23:48:18+24:00",
    "2019-12-16T23:48:18+01:60",
    // Shape.
    "",
    "Z",
    "garbage",
    "2019-12-16",
    "2019-12-16T",
    "2019-12-16T23:48:18",
    "2019-12-16T23:48:18.Z",
    "2019-12-16T23:48:18.1.2Z",
    "2019-12-16T23:48:18ZZ",
    "2019-12-16T23:48:18Z ",
    " 2019-12-16T23:48:18Z",
    "2019-12-16T23:48:18+0100",
    "2019-12-16T23:48:18+01",
    "2019-12-16T23:48:18+1:00",
    "2019-12-16T23:48:18-",
    "+2019-12-16T23:48:18Z",
    "-2019-12-16T23:48:18Z",
    "20191-12-16T23:48:18Z",
    "219-12-16T23:48:18Z",
    "2019-1-16T23:48:18Z",
    "2019-12-6T23:48:18Z",
    "2019-12-16T3:48:18Z",
    "2019/12/16T23:48:18Z",
    "2019-12-16T23.48.18Z",
    "2019-12-16X23:48:18Z",
    "２０１９-12-16T23:48:18Z",
    "2019-12-16T23:48:18Ž",
    "2019-12-16T23:48:18.５Z",
];

#[test]
fn date_time_rejects() {
    for text in BAD_DATE_TIMES {
        assert!(
            DateTime::parse_date_time(text).is_err(),
            "accepted {text:?}: {:?}",
            DateTime::parse_date_time(text)
        );
        assert!(DateTime::parse_date_time_utc(text).is_err(), "{text:?}");
    }
}

#[test]
fn http_date_accepts() {
    let base = DateTime::from_secs(946_845_296);
    let cases: &[(&str, DateTime)] = &[
        ("Sun, 02 Jan 2000 20:34:56 GMT", base),
        (
            "Sun, 02 Jan 2000 20:34:56.000 GMT",
            DateTime::from_secs(946_845_296),
        ),
        (
            "Sun, 02 Jan 2000 20:34:56.123 GMT",
            DateTime::from_secs_and_nanos(946_845_296, 123_000_000),
        ),
        (
            "Sun, 02 Jan 2000 20:34:56.1 GMT",
            DateTime::from_secs_and_nanos(946_845_296, 100_000_000),
        ),
        // The weekday name is not cross-checked against the date.
        ("Mon, 02 Jan 2000 20:34:56 GMT", base),
    ];
    for (text, want) in cases {
        assert_eq!(DateTime::parse_http_date(text), Ok(*want), "{text}");
    }
}

#[test]
fn http_date_rejects() {
    for text in [
        "",
        "GMT",
        "Tue, 29 Apr 2014 18:30:38",
        "Tue, 29 Apr 2014 18:30:38 gmt",
        "Tue, 29 Apr 2014 18:30:38 UTC",
        "Tue, 29 Apr 2014 18:30:38 GMT ",
        " Tue, 29 Apr 2014 18:30:38 GMT",
        "Tue,29 Apr 2014 18:30:38 GMT",
        "Tue, 29 Apr 14 18:30:38 GMT",
        "Tue, 9 Apr 2014 18:30:38 GMT",
        "Tue, 29 apr 2014 18:30:38 GMT",
        "Tue, 29 Avr 2014 18:30:38 GMT",
        "Tuesday, 29 Apr 2014 18:30:38 GMT",
        "tue, 29 Apr 2014 18:30:38 GMT",
        "Xyz, 29 Apr 2014 18:30:38 GMT",
        "Tue, 31 Apr 2014 18:30:38 GMT",
        "Tue, 00 Apr 2014 18:30:38 GMT",
        "Tue, 29 Feb 2014 18:30:38 GMT",
        "Tue, 29 Apr 2014 24:30:38 GMT",
        "Tue, 29 Apr 2014 18:60:38 GMT",
        "Tue, 29 Apr 2014 18:30:60 GMT",
        "Tue, 29 Apr 2014 18:30 GMT",
        "Tue, 29 Apr 2014 18:30:38. GMT",
        "Tue, 29 Apr 2014 18:30:38.x GMT",
        "Tuesday, 29-Apr-14 18:30:38 GMT",
        "Tue Apr 29 18:30:38 2014",
        "2014-04-29T18:30:38Z",
        "1398796238",
        "Tue, 29 Apr 2014 18:30:38 GMT, Tue, 29 Apr 2014 18:30:38 GMT",
    ] {
        assert!(
            DateTime::parse_http_date(text).is_err(),
            "accepted {text:?}"
        );
    }
}

#[test]
fn epoch_seconds_text() {
    let ok: &[(&str, i64, u32)] = &[
        ("0", 0, 0),
        ("-0", 0, 0),
        ("1515531081", 1_515_531_081, 0),
        ("1515531081.1234", 1_515_531_081, 123_400_000),
        ("1515531081.000", 1_515_531_081, 0),
        ("-1.5", -2, 500_000_000),
        ("-0.000000001", -1, 999_999_999),
        ("0.1234567891", 0, 123_456_789),
        ("9223372036854775807", i64::MAX, 0),
        ("9223372036854775807.999999999", i64::MAX, 999_999_999),
        ("-9223372036854775808", i64::MIN, 0),
        ("-9223372036854775807.5", i64::MIN, 500_000_000),
        ("00012", 12, 0),
    ];
    for &(text, secs, nanos) in ok {
        assert_eq!(
            DateTime::parse_epoch_seconds(text),
            Ok(DateTime::from_secs_and_nanos(secs, nanos)),
            "{text}"
        );
    }
    for text in [
        "",
        "-",
        ".",
        "1.",
        ".5",
        "-.5",
        "+1",
        "1e5",
        "1E5",
        "NaN",
        "Infinity",
        "-Infinity",
        "true",
        "1515531081ABC",
        "0x42",
        "1515531081.123.456",
        " 1",
        "1 ",
        "1,5",
        "--1",
        "9223372036854775808",
        "-9223372036854775809",
        "-9223372036854775808.5",
        "99999999999999999999999",
        "1985-04-12T23:20:50Z",
        "Tue, 29 Apr 2014 18:30:38 GMT",
    ] {
        assert!(
            DateTime::parse_epoch_seconds(text).is_err(),
            "accepted {text:?}"
        );
    }
}

#[test]
fn errors_name_the_problem() {
    let err = DateTime::parse_date_time("2019-02-29T00:00:00Z").unwrap_err();
    assert!(err.to_string().contains("day"), "{err}");
    let err = DateTime::parse_date_time("2019-13-01T00:00:00Z").unwrap_err();
    assert!(err.to_string().contains("month"), "{err}");
    let err = DateTime::parse_date_time("nope").unwrap_err();
    assert!(err.to_string().contains("RFC 3339"), "{err}");
    let err = DateTime::parse_epoch_seconds("9223372036854775808").unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
    // Long input is cut short in the message.
    let long = "x".repeat(10_000);
    let err = DateTime::parse_http_date(&long).unwrap_err();
    assert!(err.to_string().len() < 200, "{err}");
}

#[test]
fn round_trips_over_random_instants() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        // Years 0001..=9999 for the calendar forms.
        let secs = -62_135_596_800 + (rng.next() % 315_537_897_600) as i64;
        let nanos = (rng.next() % 1_000_000_000) as u32;
        let t = DateTime::from_secs_and_nanos(secs, nanos);
        assert_eq!(DateTime::parse_date_time(&t.fmt_date_time()), Ok(t));
        assert_eq!(DateTime::parse_epoch_seconds(&t.fmt_epoch_seconds()), Ok(t));
        assert_eq!(
            DateTime::parse_http_date(&t.fmt_http_date()),
            Ok(DateTime::from_secs(secs))
        );
        // Millisecond values survive the trip through f64 exactly.
        let ms = DateTime::from_secs_and_nanos(secs, nanos / 1_000_000 * 1_000_000);
        assert_eq!(
            DateTime::from_fractional_secs(ms.as_fractional_secs()),
            Some(ms)
        );
        // Any i64 for the epoch form.
        let t = DateTime::from_secs_and_nanos(rng.next() as i64, nanos);
        assert_eq!(DateTime::parse_epoch_seconds(&t.fmt_epoch_seconds()), Ok(t));
        let _ = t.fmt_date_time();
        let _ = t.fmt_http_date();
    }
}

#[test]
fn parsers_never_panic_on_random_input() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let seeds = [
        "2019-12-16T23:48:18.123+01:00",
        "Tue, 29 Apr 2014 18:30:38.5 GMT",
        "-1515531081.123",
    ];
    for round in 0..30_000 {
        let text = if round % 2 == 0 {
            random_string(&mut rng, 40)
        } else {
            mutate(&mut rng, seeds[round % seeds.len()])
        };
        let _ = DateTime::parse_date_time(&text);
        let _ = DateTime::parse_date_time_utc(&text);
        let _ = DateTime::parse_http_date(&text);
        let _ = DateTime::parse_epoch_seconds(&text);
    }
    let mut rng = XorShift(7);
    for _ in 0..5_000 {
        let f = f64::from_bits(rng.next());
        if let Some(t) = DateTime::from_fractional_secs(f) {
            let _ = t.as_fractional_secs();
        }
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

fn random_string(rng: &mut XorShift, max_len: u64) -> String {
    const ALPHABET: &[char] = &[
        '0', '1', '2', '9', '-', '+', ':', '.', 'T', 'Z', 'z', ' ', ',', 'G', 'M', 'e', 'é', '😹',
        '\0', '%', '"', '\\',
    ];
    let len = rng.next() % max_len;
    (0..len)
        .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize])
        .collect()
}

/// Replaces, inserts or deletes a few characters of a valid input, which
/// reaches deeper into the parsers than noise does.
fn mutate(rng: &mut XorShift, seed: &str) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for _ in 0..=(rng.next() % 3) {
        let at = (rng.next() % (chars.len() as u64 + 1)) as usize;
        let c = char::from_u32((rng.next() % 0x80) as u32).unwrap_or('x');
        match rng.next() % 3 {
            0 if at < chars.len() => chars[at] = c,
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ => chars.insert(at, c),
        }
    }
    chars.into_iter().collect()
}
