//! Tests of `rt::encoding` (percent-encoding) and `rt::base64`.

use tests::rt::{base64, encoding};

#[test]
fn labels() {
    let cases: &[(&str, &str, &str)] = &[
        // (input, label, greedy label)
        (
            "arn:aws:chime:us-east-1:123:app-instance/abc",
            "arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc",
            "arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance/abc",
        ),
        // RestJsonHttpRequestLabelEscaping.
        (
            " %:/?#[]@!$&'()*+,;=😹",
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9",
            "%20%25%3A/%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9",
        ),
        ("AZaz09-._~", "AZaz09-._~", "AZaz09-._~"),
        ("", "", ""),
        ("a/b/c", "a%2Fb%2Fc", "a/b/c"),
        ("é", "%C3%A9", "%C3%A9"),
        ("\0\x7f", "%00%7F", "%00%7F"),
    ];
    for &(input, label, greedy) in cases {
        assert_eq!(encoding::encode_label(input), label, "{input:?}");
        assert_eq!(encoding::encode_greedy_label(input), greedy, "{input:?}");
        assert_eq!(encoding::decode(label).as_deref(), Ok(input));
        assert_eq!(encoding::decode(greedy).as_deref(), Ok(input));
    }
}

#[test]
fn query_strings() {
    // RestJsonQueryStringEscaping.
    assert_eq!(
        encoding::encode_query(" %:/?#[]@!$&'()*+,;=😹"),
        "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
    );
    assert_eq!(encoding::encode_query("Hello there"), "Hello%20there");
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("", &[]),
        ("a=1", &[("a", "1")]),
        ("a=1&b=2&a=3", &[("a", "1"), ("b", "2"), ("a", "3")]),
        ("flag", &[("flag", "")]),
        ("flag=", &[("flag", "")]),
        ("=v", &[("", "v")]),
        ("a=b=c", &[("a", "b=c")]),
        ("a=1&&b=2&", &[("a", "1"), ("b", "2")]),
        ("String=Hello%20there", &[("String", "Hello there")]),
        ("a+b=c+d", &[("a+b", "c+d")]),
        ("k%3D=%26v", &[("k=", "&v")]),
        (
            "String=%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9",
            &[("String", " %:/?#[]@!$&'()*+,;=😹")],
        ),
        (
            "Timestamp=1970-01-01T00%3A00%3A01Z",
            &[("Timestamp", "1970-01-01T00:00:01Z")],
        ),
        ("lower=%c3%a9", &[("lower", "é")]),
    ];
    for (query, want) in cases {
        let got = encoding::parse_query(query).unwrap_or_else(|e| panic!("{query:?}: {e}"));
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(got, want, "{query:?}");
    }
    for bad in [
        "a=%",
        "a=%2",
        "a=%zz",
        "%=1",
        "a=%FF",
        "a=%C3",
        "a=%C3%28",
        "a=1&b=%g0",
    ] {
        assert!(encoding::parse_query(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn decode_errors() {
    for bad in [
        "%",
        "%1",
        "%G1",
        "%1G",
        "abc%",
        "%%",
        "% 1",
        "%ED%A0%80",
        "%F0%9F%98",
    ] {
        let err = encoding::decode(bad).unwrap_err();
        assert!(!err.to_string().is_empty(), "{bad:?}");
    }
    assert_eq!(encoding::decode("100%25").as_deref(), Ok("100%"));
    assert_eq!(encoding::decode("a+b").as_deref(), Ok("a+b"));
    assert_eq!(encoding::decode("%2b%2B").as_deref(), Ok("++"));
    assert_eq!(encoding::decode("😹").as_deref(), Ok("😹"));
}

#[test]
fn base64_vectors() {
    // RFC 4648 section 10.
    let cases: &[(&[u8], &str)] = &[
        (b"", ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg=="),
        (b"fooba", "Zm9vYmE="),
        (b"foobar", "Zm9vYmFy"),
        (b"value", "dmFsdWU="),
        (b"abc", "YWJj"),
        (b"\xff\xfe\xfd", "//79"),
        (b"\xfb\xff", "+/8="),
        (
            b"abcdefghijklmnopqrstuvwxyz",
            "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=",
        ),
    ];
    for &(bytes, text) in cases {
        assert_eq!(base64::encode(bytes), text);
        assert_eq!(base64::decode(text).as_deref(), Ok(bytes), "{text}");
    }
}

#[test]
fn base64_rejects() {
    for bad in [
        // RestJsonBodyMalformedBlobInvalidBase64 (its bare `blob` is invalid
        // JSON, not invalid base64).
        "xyz",
        "YmxvYg=",
        "-_==",
        "981081198",
        // Missing padding, misplaced padding, bad characters.
        "Zg",
        "Zm8",
        "Zg=",
        "=",
        "==",
        "===",
        "====",
        "Zg===",
        "Z===",
        "Zm9v====",
        "Zg==Zg==",
        "Zm=v",
        "=m9v",
        "Zm9v\n",
        " Zm9v",
        "Zm9v ",
        "Zm 9",
        "Zm9\u{e9}",
        "Zm9v_A==",
        // Non-zero bits before the padding.
        "Zh==",
        "Zm9=",
    ] {
        assert!(base64::decode(bad).is_err(), "accepted {bad:?}");
    }
}

#[test]
fn round_trips_and_no_panics_on_random_input() {
    let mut rng = XorShift(0x0BAD_5EED_1234_5678);
    let alphabet: Vec<char> = "ABZaz09+/=-_%2Fé😹 &?#".chars().collect();
    for _ in 0..20_000 {
        // Random bytes round-trip through base64.
        let len = (rng.next() % 40) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = base64::encode(&bytes);
        assert_eq!(text.len() % 4, 0);
        assert_eq!(base64::decode(&text), Ok(bytes));

        // Random strings round-trip through every percent-encoder.
        let s: String = (0..rng.next() % 16)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        for encoded in [
            encoding::encode_label(&s),
            encoding::encode_greedy_label(&s),
            encoding::encode_query(&s),
        ] {
            assert!(encoded.bytes().all(|b| b.is_ascii_graphic()), "{encoded}");
            assert_eq!(encoding::decode(&encoded).as_ref(), Ok(&s));
        }
        let query = format!(
            "{}={}",
            encoding::encode_query(&s),
            encoding::encode_query(&s)
        );
        assert_eq!(
            encoding::parse_query(&query),
            Ok(vec![(s.clone(), s.clone())])
        );

        // And random strings never make a decoder panic.
        let _ = base64::decode(&s);
        let _ = encoding::decode(&s);
        let _ = encoding::parse_query(&s);
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
