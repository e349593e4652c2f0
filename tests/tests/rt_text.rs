//! Tests of `rt::text`: scalars in labels, query values and headers, and
//! header lists.

use tests::rt::text::{
    join_header_list, split_header_list, split_http_date_list, Base64, DateTimeFormat,
    EpochSeconds, HttpDate, MediaType, Plain, Text, TextCodec, UtcDateTimeFormat,
};
use tests::rt::time::DateTime;

#[test]
fn integers() {
    let ok: &[(&str, i64)] = &[
        ("0", 0),
        ("-0", 0),
        ("1", 1),
        ("-128", -128),
        ("127", 127),
        ("0042", 42),
        ("9223372036854775807", i64::MAX),
        ("-9223372036854775808", i64::MIN),
    ];
    for &(text, want) in ok {
        assert_eq!(i64::from_text(text), Ok(want), "{text}");
        assert_eq!(
            i64::from_text(text).map(|v| v.to_text()),
            Ok(want.to_string())
        );
    }
    assert_eq!(i8::from_text("-128"), Ok(i8::MIN));
    assert_eq!(i16::from_text("32767"), Ok(i16::MAX));
    assert_eq!(i32::from_text("-2147483648"), Ok(i32::MIN));
    // From the restJson1 *MalformedValueRejected tests, and more.
    for bad in [
        "true",
        "1.001",
        "2ABC",
        "0x42",
        "Infinity",
        "-Infinity",
        "NaN",
        "",
        "-",
        "+1",
        " 1",
        "1 ",
        "1e2",
        "1_000",
        "١",
        "1.0",
    ] {
        assert!(i8::from_text(bad).is_err(), "i8 {bad:?}");
        assert!(i16::from_text(bad).is_err(), "i16 {bad:?}");
        assert!(i32::from_text(bad).is_err(), "i32 {bad:?}");
        assert!(i64::from_text(bad).is_err(), "i64 {bad:?}");
    }
    // *UnderflowOverflow tests.
    for (bad, fits_i16, fits_i32, fits_i64) in [
        ("256", true, true, true),
        ("-256", true, true, true),
        ("40000", false, true, true),
        ("-40000", false, true, true),
        ("-9223372000000000000", false, false, true),
        ("9223372000000000000", false, false, true),
        ("123000000000000000000000", false, false, false),
        ("-184467440737095500000", false, false, false),
        ("184467440737095500000", false, false, false),
    ] {
        assert!(i8::from_text(bad).is_err(), "{bad}");
        assert_eq!(i16::from_text(bad).is_ok(), fits_i16, "{bad}");
        assert_eq!(i32::from_text(bad).is_ok(), fits_i32, "{bad}");
        assert_eq!(i64::from_text(bad).is_ok(), fits_i64, "{bad}");
    }
    let err = i8::from_text("300").unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
    let err = i32::from_text("2ABC").unwrap_err();
    assert_eq!(err.to_string(), "expected an integer (32-bit)");
}

#[test]
fn floats() {
    assert!(f64::from_text("NaN").unwrap().is_nan());
    assert!(f32::from_text("NaN").unwrap().is_nan());
    assert_eq!(f64::from_text("Infinity"), Ok(f64::INFINITY));
    assert_eq!(f32::from_text("-Infinity"), Ok(f32::NEG_INFINITY));
    assert_eq!(f64::NAN.to_text(), "NaN");
    assert_eq!(f32::INFINITY.to_text(), "Infinity");
    assert_eq!(f64::NEG_INFINITY.to_text(), "-Infinity");
    let ok: &[(&str, f64)] = &[
        ("1.1", 1.1),
        ("-1.1", -1.1),
        ("0", 0.0),
        ("5", 5.0),
        ("1e3", 1000.0),
        ("1.5E-3", 0.0015),
        ("2e+2", 200.0),
        ("-0.0", -0.0),
    ];
    for &(text, want) in ok {
        assert_eq!(f64::from_text(text), Ok(want), "{text}");
    }
    assert_eq!(f32::from_text("1.1"), Ok(1.1f32));
    // From the restJson1 *MalformedValueRejected tests, and forms Rust's own
    // parser would take.
    for bad in [
        "true",
        "2ABC",
        "0x42",
        "",
        "inf",
        "infinity",
        "-inf",
        "nan",
        "NAN",
        "+1",
        "1.",
        ".5",
        "-.5",
        "1e",
        "1e+",
        "e5",
        " 1",
        "1 ",
        "1,5",
        "--1",
        "INFINITY",
        "+Infinity",
    ] {
        assert!(f64::from_text(bad).is_err(), "f64 {bad:?}");
        assert!(f32::from_text(bad).is_err(), "f32 {bad:?}");
    }
    assert!(f64::from_text("1e400").is_err());
    assert!(f32::from_text("1e39").is_err());
    assert_eq!(f32::from_text("1e-50"), Ok(0.0));
    // Shortest decimal, exponent only at the extremes; all read back.
    let cases: &[(f64, &str)] = &[
        (1.1, "1.1"),
        (4.1, "4.1"),
        (100.0, "100"),
        (-0.5, "-0.5"),
        (1e20, "100000000000000000000"),
        (1e21, "1e21"),
        (1.5e-8, "1.5e-8"),
        (1e-7, "0.0000001"),
        (0.0, "0"),
        (f64::MAX, "1.7976931348623157e308"),
        (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
    ];
    for &(value, text) in cases {
        assert_eq!(value.to_text(), text);
        assert_eq!(f64::from_text(text), Ok(value), "{text}");
    }
    assert_eq!(1.1f32.to_text(), "1.1");
    assert_eq!(f32::MAX.to_text(), "3.4028235e38");
    assert_eq!(f32::from_text(&f32::MAX.to_text()), Ok(f32::MAX));
}

#[test]
fn booleans_and_strings() {
    assert_eq!(bool::from_text("true"), Ok(true));
    assert_eq!(bool::from_text("false"), Ok(false));
    assert_eq!(true.to_text(), "true");
    assert_eq!(false.to_text(), "false");
    // RestJson*BooleanStringCoercion.
    for bad in [
        "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "1", "on", "On", "ON", "False", "FALSE",
        "n", "N", "no", "No", "NO", "0", "off", "Off", "OFF", "", " true",
    ] {
        assert!(bool::from_text(bad).is_err(), "{bad:?}");
    }
    assert_eq!(String::from_text(" %:/ 😹"), Ok(" %:/ 😹".to_owned()));
    assert_eq!("x".to_owned().to_text(), "x");
}

#[test]
fn codecs() {
    let t = DateTime::from_secs(1_576_540_098);
    assert_eq!(
        <EpochSeconds as TextCodec<DateTime>>::encode(&t),
        "1576540098"
    );
    assert_eq!(
        <DateTimeFormat as TextCodec<DateTime>>::encode(&t),
        "2019-12-16T23:48:18Z"
    );
    assert_eq!(
        <HttpDate as TextCodec<DateTime>>::encode(&t),
        "Mon, 16 Dec 2019 23:48:18 GMT"
    );
    assert_eq!(
        <EpochSeconds as TextCodec<DateTime>>::decode("1576540098"),
        Ok(t)
    );
    assert_eq!(
        <DateTimeFormat as TextCodec<DateTime>>::decode("2019-12-16T23:48:18Z"),
        Ok(t)
    );
    assert_eq!(
        <UtcDateTimeFormat as TextCodec<DateTime>>::decode("2019-12-16T23:48:18Z"),
        Ok(t)
    );
    assert!(
        <UtcDateTimeFormat as TextCodec<DateTime>>::decode("1996-12-19T16:39:57-08:00").is_err()
    );
    assert_eq!(
        <HttpDate as TextCodec<DateTime>>::decode("Mon, 16 Dec 2019 23:48:18 GMT"),
        Ok(t)
    );
    let frac = DateTime::from_secs_and_nanos(1_515_531_081, 123_400_000);
    assert_eq!(
        <EpochSeconds as TextCodec<DateTime>>::encode(&frac),
        "1515531081.1234"
    );
    // RestJson*TimestampEpochRejectsMalformedValues and friends.
    for bad in [
        "true",
        "1515531081ABC",
        "0x42",
        "1515531081.123.456",
        "Infinity",
        "-Infinity",
        "NaN",
        "1985-04-12T23:20:50.52Z",
        "Tue, 29 Apr 2014 18:30:38 GMT",
    ] {
        assert!(
            <EpochSeconds as TextCodec<DateTime>>::decode(bad).is_err(),
            "{bad}"
        );
    }
    for bad in [
        "1515531081.1234",
        "1515531081",
        "Sun, 02 Jan 2000 20:34:56.000 GMT",
    ] {
        assert!(
            <DateTimeFormat as TextCodec<DateTime>>::decode(bad).is_err(),
            "{bad}"
        );
    }
    for bad in [
        "1985-04-12T23:20:50.52Z",
        "1996-12-19T16:39:57-08:00",
        "1515531081",
    ] {
        assert!(
            <HttpDate as TextCodec<DateTime>>::decode(bad).is_err(),
            "{bad}"
        );
    }

    assert_eq!(<Plain as TextCodec<i32>>::encode(&-5), "-5");
    assert_eq!(
        <Plain as TextCodec<f64>>::decode("NaN").map(f64::is_nan),
        Ok(true)
    );
    assert_eq!(
        <Base64 as TextCodec<Vec<u8>>>::encode(&b"foo".to_vec()),
        "Zm9v"
    );
    assert_eq!(
        <Base64 as TextCodec<Vec<u8>>>::decode("Zm9v"),
        Ok(b"foo".to_vec())
    );
    // RestJsonHttpWithHeadersButNoPayload-style @mediaType header.
    let json = r#"{"x":1}"#.to_owned();
    assert_eq!(MediaType::encode(&json), "eyJ4IjoxfQ==");
    assert_eq!(MediaType::decode("eyJ4IjoxfQ=="), Ok(json));
    assert_eq!(MediaType::decode("dHJ1ZQ=="), Ok("true".to_owned()));
    assert!(MediaType::decode("/w==").is_err(), "0xff is not UTF-8");
    assert!(MediaType::decode("not base64").is_err());
}

#[test]
fn header_list_splitting() {
    let cases: &[(&str, &[&str])] = &[
        ("a, b, c", &["a", "b", "c"]),
        ("a,b,c", &["a", "b", "c"]),
        ("  a  ,\tb\t, c ", &["a", "b", "c"]),
        ("1, 2, 3", &["1", "2", "3"]),
        ("true, false, true", &["true", "false", "true"]),
        // RestJsonInputAndOutputWithQuotedStringHeaders.
        (r#""b,c", "\"def\"", a"#, &["b,c", "\"def\"", "a"]),
        (r#""a""#, &["a"]),
        (r#""""#, &[""]),
        (r#""", "", x"#, &["", "", "x"]),
        (r#""a\\b""#, &["a\\b"]),
        (r#""a\b""#, &["ab"]),
        (r#"" padded ""#, &[" padded "]),
        (r#""x" , "y""#, &["x", "y"]),
        (r#"a"b, c"#, &["a\"b", "c"]),
        ("héllo, 😹", &["héllo", "😹"]),
        ("single", &["single"]),
        ("", &[]),
        ("   ", &[]),
        ("a,,b", &["a", "b"]),
        (",a,", &["a"]),
        (", ,", &[]),
    ];
    for (value, want) in cases {
        let got = split_header_list(value).unwrap_or_else(|e| panic!("{value:?}: {e}"));
        assert_eq!(got, *want, "{value:?}");
    }
    for bad in [
        r#""unterminated"#,
        r#""a\"#,
        r#""a" b, c"#,
        r#""a""b""#,
        r#"x, "y"z"#,
    ] {
        assert!(split_header_list(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn header_list_joining() {
    let items: Vec<String> = ["b,c", "\"def\"", "a"].map(String::from).to_vec();
    assert_eq!(join_header_list(&items), r#""b,c", "\"def\"", a"#);
    let items: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    assert_eq!(join_header_list(&items), "a, b, c");
    assert_eq!(join_header_list(&[]), "");
    let items: Vec<String> = ["", " x", "y\t", "back\\slash", "q\"\\"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        join_header_list(&items),
        "\"\", \" x\", \"y\t\", back\\slash, \"q\\\"\\\\\""
    );
    assert_eq!(split_header_list(&join_header_list(&items)), Ok(items));
}

#[test]
fn http_date_lists() {
    // RestJsonInputAndOutputWithTimestampHeaders.
    let value = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT";
    let items = split_http_date_list(value).unwrap();
    assert_eq!(
        items,
        [
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "Mon, 16 Dec 2019 23:48:18 GMT"
        ]
    );
    for item in &items {
        assert_eq!(
            <HttpDate as TextCodec<DateTime>>::decode(item),
            Ok(DateTime::from_secs(1_576_540_098))
        );
    }
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        (" ", &[]),
        (
            "Tue, 29 Apr 2014 18:30:38 GMT",
            &["Tue, 29 Apr 2014 18:30:38 GMT"],
        ),
        (
            "Tue, 29 Apr 2014 18:30:38 GMT,Wed, 30 Apr 2014 18:30:38 GMT",
            &[
                "Tue, 29 Apr 2014 18:30:38 GMT",
                "Wed, 30 Apr 2014 18:30:38 GMT",
            ],
        ),
        (
            "  Tue, 29 Apr 2014 18:30:38 GMT  ,  Wed, 30 Apr 2014 18:30:38 GMT  ",
            &[
                "Tue, 29 Apr 2014 18:30:38 GMT",
                "Wed, 30 Apr 2014 18:30:38 GMT",
            ],
        ),
    ];
    for (value, want) in cases {
        assert_eq!(split_http_date_list(value).unwrap(), *want, "{value:?}");
    }
    for bad in [
        "Tue",
        "Tue, 29 Apr 2014 18:30:38 GMT, Wed",
        "a,b,c",
        ",",
        ", Tue",
        "Tue, 29 Apr 2014 18:30:38 GMT, , x",
    ] {
        assert!(split_http_date_list(bad).is_err(), "{bad:?}");
    }
    // Joining dates needs no quoting beyond what the splitter undoes.
    let dates = vec![
        "Tue, 29 Apr 2014 18:30:38 GMT".to_owned(),
        "Wed, 30 Apr 2014 18:30:38 GMT".to_owned(),
    ];
    let joined = dates.join(", ");
    assert_eq!(split_http_date_list(&joined), Ok(dates));
}

#[test]
fn round_trips_and_no_panics_on_random_input() {
    let mut rng = XorShift(0x1234_5678_9ABC_DEF1);
    for _ in 0..20_000 {
        let text = random_string(&mut rng, 24);
        let _ = i8::from_text(&text);
        let _ = i64::from_text(&text);
        let _ = f32::from_text(&text);
        let _ = f64::from_text(&text);
        let _ = bool::from_text(&text);
        let _ = MediaType::decode(&text);
        let _ = split_header_list(&text);
        let _ = split_http_date_list(&text);
        let _ = <EpochSeconds as TextCodec<DateTime>>::decode(&text);
        let _ = <HttpDate as TextCodec<DateTime>>::decode(&text);

        // Any list of strings survives join then split.
        let n = (rng.next() % 4) as usize;
        let items: Vec<String> = (0..n).map(|_| random_string(&mut rng, 8)).collect();
        let joined = join_header_list(&items);
        assert_eq!(split_header_list(&joined), Ok(items.clone()), "{joined:?}");
        assert_eq!(
            MediaType::decode(&MediaType::encode(&text)),
            Ok(text.clone())
        );

        // Any number survives to_text then from_text.
        let bits = rng.next();
        let f = f64::from_bits(bits);
        let back = f64::from_text(&f.to_text()).unwrap();
        assert!(back == f || (f.is_nan() && back.is_nan()), "{f}");
        let g = f32::from_bits(bits as u32);
        let back = f32::from_text(&g.to_text()).unwrap();
        assert!(back == g || (g.is_nan() && back.is_nan()), "{g}");
        let i = bits as i64;
        assert_eq!(i64::from_text(&i.to_text()), Ok(i));
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
        'a', 'Z', '0', '1', '9', '-', '+', '.', 'e', 'E', ',', '"', '\\', ' ', '\t', '=', '/', 'é',
        '😹', 'N', 'I', 'n', 'f',
    ];
    let len = rng.next() % (max_len + 1);
    (0..len)
        .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize])
        .collect()
}
