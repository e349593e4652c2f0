//! Tests of `rt::json` (shapes, codecs, parsing) and `rt::error`.

use std::collections::BTreeMap;
use std::error::Error as _;

use serde_json::json;
use tests::rt::error::{BuildError, DecodeError, Unhandled};
use tests::rt::json::{
    self, object, optional, put, put_opt, required, Base64, Boxed, Codec, DateTimeFormat,
    EpochSeconds, HttpDate, List, Map, Object, Plain, Shape, SparseList, SparseMap,
    UtcDateTimeFormat, Value,
};
use tests::rt::time::DateTime;

// ---------------------------------------------------------------------------
// A hand-written model shaped like the generator's output, so the helpers
// are exercised the way emitted code uses them.

#[derive(Debug, Clone, PartialEq)]
struct Member {
    name: String,
    joined: Option<DateTime>,
}

impl Shape for Member {
    fn to_json(&self) -> Value {
        let mut obj = Object::new();
        put::<Plain, _>(&mut obj, "Name", &self.name);
        put_opt::<DateTimeFormat, _>(&mut obj, "Joined", &self.joined);
        Value::Object(obj)
    }

    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        let obj = object(value)?;
        Ok(Member {
            name: required::<Plain, _>(obj, "Name")?,
            joined: optional::<DateTimeFormat, _>(obj, "Joined")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Channel {
    arn: String,
    members: Vec<Member>,
    tags: Option<BTreeMap<String, String>>,
    avatar: Option<Vec<u8>>,
    parent: Option<Box<Channel>>,
}

impl Shape for Channel {
    fn to_json(&self) -> Value {
        let mut obj = Object::new();
        put::<Plain, _>(&mut obj, "ChannelArn", &self.arn);
        put::<List<Plain>, _>(&mut obj, "Members", &self.members);
        put_opt::<Map<Plain>, _>(&mut obj, "Tags", &self.tags);
        put_opt::<Base64, _>(&mut obj, "Avatar", &self.avatar);
        put_opt::<Boxed<Plain>, _>(&mut obj, "Parent", &self.parent);
        Value::Object(obj)
    }

    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        let obj = object(value)?;
        Ok(Channel {
            arn: required::<Plain, _>(obj, "ChannelArn")?,
            members: required::<List<Plain>, _>(obj, "Members")?,
            tags: optional::<Map<Plain>, _>(obj, "Tags")?,
            avatar: optional::<Base64, _>(obj, "Avatar")?,
            parent: optional::<Boxed<Plain>, _>(obj, "Parent")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Response {
    channel: Channel,
}

impl Shape for Response {
    fn to_json(&self) -> Value {
        let mut obj = Object::new();
        put::<Plain, _>(&mut obj, "Channel", &self.channel);
        Value::Object(obj)
    }

    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        let obj = object(value)?;
        Ok(Response {
            channel: required::<Plain, _>(obj, "Channel")?,
        })
    }
}

fn sample() -> Response {
    Response {
        channel: Channel {
            arn: "arn:aws:chime:us-east-1:123:app-instance/abc".into(),
            members: vec![
                Member {
                    name: "a".into(),
                    joined: Some(DateTime::from_secs(1_576_540_098)),
                },
                Member {
                    name: "b".into(),
                    joined: None,
                },
            ],
            tags: Some(BTreeMap::from([("k".to_owned(), "v".to_owned())])),
            avatar: Some(b"value".to_vec()),
            parent: Some(Box::new(Channel {
                arn: "parent".into(),
                members: vec![],
                tags: None,
                avatar: None,
                parent: None,
            })),
        },
    }
}

#[test]
fn structure_round_trip() {
    let value = sample().to_json();
    assert_eq!(
        value,
        json!({"Channel": {
            "ChannelArn": "arn:aws:chime:us-east-1:123:app-instance/abc",
            "Members": [{"Name": "a", "Joined": "2019-12-16T23:48:18Z"}, {"Name": "b"}],
            "Tags": {"k": "v"},
            "Avatar": "dmFsdWU=",
            "Parent": {"ChannelArn": "parent", "Members": []}
        }})
    );
    let bytes = json::to_vec(&value);
    let parsed = json::parse(&bytes).unwrap();
    assert_eq!(Response::from_json(&parsed), Ok(sample()));
}

#[test]
fn unknown_keys_ignored_and_nulls_mean_unset() {
    let value = json!({"Channel": {
        "ChannelArn": "x", "Members": [{"Name": "n", "Joined": null, "Extra": [1, 2]}],
        "Tags": null, "Avatar": null, "Parent": null, "Surprise": {"deep": true}
    }});
    let r = Response::from_json(&value).unwrap();
    assert_eq!(r.channel.members[0].joined, None);
    assert_eq!(r.channel.tags, None);
    assert_eq!(r.channel.parent, None);
}

#[test]
fn decode_errors_carry_the_path() {
    let cases: &[(Value, &str)] = &[
        (
            json!({"Channel": {"ChannelArn": "x", "Members": [{"Name": "a"}, {"Name": "b"}, {"Name": 7}]}}),
            "$.Channel.Members[2].Name: expected a string, found number",
        ),
        (
            json!({"Channel": {"ChannelArn": "x"}}),
            "$.Channel.Members: required member is missing",
        ),
        (
            json!({"Channel": {"ChannelArn": null, "Members": []}}),
            "$.Channel.ChannelArn: required member is missing",
        ),
        (
            json!({"Channel": {"ChannelArn": "x", "Members": {}}}),
            "$.Channel.Members: expected an array, found object",
        ),
        (
            json!({"Channel": {"ChannelArn": "x", "Members": [], "Tags": {"a b": 1}}}),
            "$.Channel.Tags[\"a b\"]: expected a string, found number",
        ),
        (
            json!({"Channel": {"ChannelArn": "x", "Members": [], "Tags": {"ok": null}}}),
            "$.Channel.Tags.ok: null is not allowed in a dense map",
        ),
        (
            json!({"Channel": {"ChannelArn": "x", "Members": [null]}}),
            "$.Channel.Members[0]: null is not allowed in a dense list",
        ),
        (
            json!({"Channel": {"ChannelArn": "x", "Members": [], "Avatar": "xyz"}}),
            "$.Channel.Avatar: invalid base64: length is not a multiple of 4 (padding is required)",
        ),
        (
            json!({"Channel": {"ChannelArn": "x", "Members": [], "Parent": {"ChannelArn": "p", "Members": [{"Name": "n", "Joined": "yesterday"}]}}}),
            "$.Channel.Parent.Members[0].Joined: expected an RFC 3339 date-time: `yesterday`",
        ),
        (json!([]), "expected an object, found array"),
        (
            json!({"Channel": true}),
            "$.Channel: expected an object, found boolean",
        ),
    ];
    for (value, want) in cases {
        let err = Response::from_json(value).unwrap_err();
        assert_eq!(err.to_string(), *want);
    }
    let err = Response::from_json(&cases[0].0).unwrap_err();
    assert_eq!(err.path(), "$.Channel.Members[2].Name");
    assert_eq!(err.json_pointer(), "/Channel/Members/2/Name");
    assert_eq!(err.message(), "expected a string, found number");
    assert!(err.has_path());
}

#[test]
fn decode_error_formatting() {
    let e = DecodeError::new("bad");
    assert_eq!(e.to_string(), "bad");
    assert_eq!(e.path(), "$");
    assert_eq!(e.json_pointer(), "");
    assert!(!e.has_path());
    let e = DecodeError::new("bad")
        .at_key("we\"ird\\")
        .at_index(3)
        .at_key("a/b~c")
        .at_key("x_y-z9");
    assert_eq!(e.path(), "$.x_y-z9[\"a/b~c\"][3][\"we\\\"ird\\\\\"]");
    assert_eq!(e.json_pointer(), "/x_y-z9/a~1b~0c/3/we\"ird\\");
    let e = DecodeError::new("bad").at_key("");
    assert_eq!(e.path(), "$[\"\"]");
    let e = DecodeError::new("expected an integer").in_context("header `X-Count`");
    assert_eq!(e.to_string(), "header `X-Count`: expected an integer");
    assert_eq!(std::mem::size_of::<Result<(), DecodeError>>(), 8);
}

// ---------------------------------------------------------------------------
// Scalars

#[test]
fn scalar_round_trips() {
    fn round<T: Shape + PartialEq + std::fmt::Debug>(v: T, want: Value) {
        assert_eq!(v.to_json(), want);
        assert_eq!(T::from_json(&want), Ok(v));
    }
    round("héllo \"😹\"".to_owned(), json!("héllo \"😹\""));
    round(true, json!(true));
    round(false, json!(false));
    round(i8::MIN, json!(-128));
    round(i8::MAX, json!(127));
    round(i16::MIN, json!(-32768));
    round(i32::MAX, json!(2147483647));
    round(i64::MIN, json!(i64::MIN));
    round(i64::MAX, json!(i64::MAX));
    round(1.5f64, json!(1.5));
    round(-0.25f32, json!(-0.25));
    round(
        json!({"doc": [1, null, "x"]}),
        json!({"doc": [1, null, "x"]}),
    );
    round(Value::Null, Value::Null);
}

#[test]
fn float_special_values() {
    assert_eq!(f64::NAN.to_json(), json!("NaN"));
    assert_eq!(f64::INFINITY.to_json(), json!("Infinity"));
    assert_eq!(f64::NEG_INFINITY.to_json(), json!("-Infinity"));
    assert_eq!(f32::NAN.to_json(), json!("NaN"));
    assert_eq!(f32::INFINITY.to_json(), json!("Infinity"));
    assert_eq!(f32::NEG_INFINITY.to_json(), json!("-Infinity"));
    assert!(f64::from_json(&json!("NaN")).unwrap().is_nan());
    assert!(f32::from_json(&json!("NaN")).unwrap().is_nan());
    assert_eq!(f64::from_json(&json!("Infinity")), Ok(f64::INFINITY));
    assert_eq!(f32::from_json(&json!("-Infinity")), Ok(f32::NEG_INFINITY));
    // f32 values are written as the decimal the caller meant.
    assert_eq!(json::to_vec(&1.1f32.to_json()), b"1.1");
    assert_eq!(json::to_vec(&16_777_217f32.to_json()), b"16777216.0");
    assert_eq!(json::to_vec(&f32::MAX.to_json()), b"3.4028235e+38");
    assert_eq!(json::to_vec(&1e-45f32.to_json()), b"1e-45");
    assert_eq!(json::to_vec(&(-0.0f32).to_json()), b"-0.0");
    assert_eq!(f32::from_json(&json!(1.1)), Ok(1.1f32));
    assert_eq!(f32::from_json(&json!(1e-50)), Ok(0.0));
    for bad in [
        json!("123"),
        json!("nan"),
        json!("inf"),
        json!("+Infinity"),
        json!(true),
        json!(null),
        json!([1.0]),
    ] {
        assert!(f64::from_json(&bad).is_err(), "{bad}");
        assert!(f32::from_json(&bad).is_err(), "{bad}");
    }
    let err = f32::from_json(&json!(1e39)).unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
    assert_eq!(f64::from_json(&json!(1e300)), Ok(1e300));
}

#[test]
fn integers_reject_fractions_and_overflow() {
    // Values from the restJson1 malformed-request tests, parsed as a server
    // would parse them.
    let text_values: &[(&str, bool, bool, bool, bool)] = &[
        // (json, i8 ok, i16 ok, i32 ok, i64 ok)
        ("1", true, true, true, true),
        ("-1", true, true, true, true),
        ("1.0", true, true, true, true),
        ("1e2", true, true, true, true),
        ("256", false, true, true, true),
        ("-256", false, true, true, true),
        ("40000", false, false, true, true),
        ("-40000", false, false, true, true),
        ("-9223372000000000000", false, false, false, true),
        ("9223372000000000000", false, false, false, true),
        ("9223372036854775807", false, false, false, true),
        ("9223372036854775808", false, false, false, false),
        ("-9223372036854775809", false, false, false, false),
        ("18446744073709551615", false, false, false, false),
        ("184467440737095500000", false, false, false, false),
        ("-184467440737095500000", false, false, false, false),
        ("123000000000000000000000", false, false, false, false),
        ("1.001", false, false, false, false),
        ("-0.5", false, false, false, false),
        ("1e-2", false, false, false, false),
        ("\"123\"", false, false, false, false),
        ("true", false, false, false, false),
        ("\"Infinity\"", false, false, false, false),
        ("\"NaN\"", false, false, false, false),
        ("null", false, false, false, false),
        ("[1]", false, false, false, false),
    ];
    for &(text, b, s, i, l) in text_values {
        let v = json::parse(text.as_bytes()).unwrap();
        assert_eq!(i8::from_json(&v).is_ok(), b, "i8 {text}");
        assert_eq!(i16::from_json(&v).is_ok(), s, "i16 {text}");
        assert_eq!(i32::from_json(&v).is_ok(), i, "i32 {text}");
        assert_eq!(i64::from_json(&v).is_ok(), l, "i64 {text}");
    }
    assert_eq!(i64::from_json(&json!(1e2)), Ok(100));
    let err = i32::from_json(&json!(1.001)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected an integer, found fractional number 1.001"
    );
    let err = i8::from_json(&json!(300)).unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
    let err = i8::from_json(&json!("1")).unwrap_err();
    assert_eq!(err.to_string(), "expected an integer, found string");
}

#[test]
fn strings_and_booleans_do_not_coerce() {
    for bad in [json!(1), json!(true), json!(null), json!(["a"]), json!({})] {
        assert!(String::from_json(&bad).is_err(), "{bad}");
    }
    for bad in [
        json!("true"),
        json!(1),
        json!(0),
        json!(null),
        json!("True"),
    ] {
        assert!(bool::from_json(&bad).is_err(), "{bad}");
    }
}

// ---------------------------------------------------------------------------
// Codecs

#[test]
fn epoch_seconds_codec() {
    let cases: &[(DateTime, &str)] = &[
        (DateTime::from_secs(1_398_796_238), "1398796238"),
        (DateTime::from_secs(-1), "-1"),
        (
            DateTime::from_secs_and_nanos(946_845_296, 123_000_000),
            "946845296.123",
        ),
        (
            DateTime::from_secs_and_nanos(1_515_531_081, 123_400_000),
            "1515531081.1234",
        ),
        (DateTime::from_secs_and_nanos(-1, 500_000_000), "-0.5"),
    ];
    for (t, text) in cases {
        let v = EpochSeconds::encode(t);
        assert_eq!(String::from_utf8(json::to_vec(&v)).unwrap(), *text);
        let parsed = json::parse(text.as_bytes()).unwrap();
        assert_eq!(EpochSeconds::decode(&parsed), Ok(*t), "{text}");
    }
    assert_eq!(
        EpochSeconds::decode(&json!(1.5e9)),
        Ok(DateTime::from_secs(1_500_000_000))
    );
    // From RestJsonBodyTimestampDefaultRejectsMalformedEpochSeconds and
    // RestJsonBodyTimestampDefaultRejectsStringifiedEpochSeconds.
    for bad in [
        json!(true),
        json!("Infinity"),
        json!("-Infinity"),
        json!("NaN"),
        json!("1515531081"),
        json!("1515531081.1234"),
        json!("1985-04-12T23:20:50Z"),
        json!(null),
        json!(1e300),
        json!(18_446_744_073_709_551_615u64),
    ] {
        assert!(EpochSeconds::decode(&bad).is_err(), "{bad}");
    }
    for bad in [
        "1515531081ABC",
        "0x42",
        "1515531081.123.456",
        "Infinity",
        "NaN",
    ] {
        assert!(json::parse(bad.as_bytes()).is_err(), "{bad}");
    }
}

#[test]
fn date_time_and_http_date_codecs() {
    let t = DateTime::from_secs(1_398_796_238);
    assert_eq!(DateTimeFormat::encode(&t), json!("2014-04-29T18:30:38Z"));
    assert_eq!(UtcDateTimeFormat::encode(&t), json!("2014-04-29T18:30:38Z"));
    assert_eq!(HttpDate::encode(&t), json!("Tue, 29 Apr 2014 18:30:38 GMT"));
    assert_eq!(
        DateTimeFormat::decode(&json!("2014-04-29T18:30:38Z")),
        Ok(t)
    );
    assert_eq!(
        HttpDate::decode(&json!("Tue, 29 Apr 2014 18:30:38 GMT")),
        Ok(t)
    );
    // RestJsonDateTimeWithNegativeOffset / PositiveOffset (client side).
    let dt = DateTime::from_secs(1_576_540_098);
    assert_eq!(
        DateTimeFormat::decode(&json!("2019-12-16T22:48:18-01:00")),
        Ok(dt)
    );
    assert_eq!(
        DateTimeFormat::decode(&json!("2019-12-17T00:48:18+01:00")),
        Ok(dt)
    );
    // RestJsonBodyTimestampDateTimeRejectsUTCOffsets (server side).
    assert!(UtcDateTimeFormat::decode(&json!("1996-12-19T16:39:57-08:00")).is_err());
    // RestJsonDateTimeWithFractionalSeconds.
    assert_eq!(
        DateTimeFormat::decode(&json!("2000-01-02T20:34:56.123Z")),
        Ok(DateTime::from_secs_and_nanos(946_845_296, 123_000_000))
    );
    for bad in [
        json!("Tue, 29 Apr 2014 18:30:38 GMT"),
        json!(1_515_531_081),
        json!(1_515_531_081.123_4),
        json!(null),
    ] {
        assert!(DateTimeFormat::decode(&bad).is_err(), "{bad}");
        assert!(UtcDateTimeFormat::decode(&bad).is_err(), "{bad}");
    }
    for bad in [
        json!("1985-04-12T23:20:50.52Z"),
        json!("1985-04-12T23:20:50Z"),
        json!("1996-12-19T16:39:57-08:00"),
        json!(1_515_531_081),
        json!(1_515_531_081.123_4),
    ] {
        assert!(HttpDate::decode(&bad).is_err(), "{bad}");
    }
}

#[test]
fn base64_codec() {
    assert_eq!(Base64::encode(&b"value".to_vec()), json!("dmFsdWU="));
    assert_eq!(Base64::decode(&json!("dmFsdWU=")), Ok(b"value".to_vec()));
    assert_eq!(Base64::decode(&json!("")), Ok(vec![]));
    // RestJsonBodyMalformedBlobInvalidBase64.
    for bad in [
        "blob",
        "\"xyz\"",
        "\"YmxvYg=\"",
        "[98, 108, 11, 98]",
        "[\"b\", \"l\",\"o\",\"b\"]",
        "981081198",
        "true",
        "\"-_==\"",
    ] {
        let v = json::parse(bad.as_bytes());
        if let Ok(v) = v {
            assert!(Base64::decode(&v).is_err(), "{bad}");
        }
    }
}

#[test]
fn collections() {
    type Strings = List<Plain>;
    let v = vec!["a".to_owned(), "b".to_owned()];
    assert_eq!(Strings::encode(&v), json!(["a", "b"]));
    assert_eq!(Strings::decode(&json!(["a", "b"])), Ok(v));
    assert_eq!(Strings::decode(&json!([])), Ok(Vec::<String>::new()));
    // RestJsonBodyMalformedListNullItem.
    let err = <Strings as Codec<Vec<String>>>::decode(&json!(["a", null, "b", "c"])).unwrap_err();
    assert_eq!(err.to_string(), "$[1]: null is not allowed in a dense list");

    let sparse = vec![None, Some(2i16)];
    assert_eq!(SparseList::<Plain>::encode(&sparse), json!([null, 2]));
    assert_eq!(SparseList::<Plain>::decode(&json!([null, 2])), Ok(sparse));
    let err = SparseList::<Plain>::decode(&json!([null, "x"]))
        .map(|v: Vec<Option<i16>>| v)
        .unwrap_err();
    assert_eq!(err.path(), "$[1]");

    let nested: Vec<Vec<String>> = vec![vec!["foo".into(), "bar".into()], vec![]];
    assert_eq!(
        List::<List<Plain>>::encode(&nested),
        json!([["foo", "bar"], []])
    );
    let err = List::<List<Plain>>::decode(&json!([["a"], ["b", 1]]))
        .map(|v: Vec<Vec<String>>| v)
        .unwrap_err();
    assert_eq!(err.path(), "$[1][1]");

    let map = BTreeMap::from([("x".to_owned(), 1i32), ("y".to_owned(), 2)]);
    assert_eq!(Map::<Plain>::encode(&map), json!({"x": 1, "y": 2}));
    assert_eq!(Map::<Plain>::decode(&json!({"x": 1, "y": 2})), Ok(map));
    // RestJsonBodyMalformedMapNullValue.
    let err = Map::<Plain>::decode(&json!({"abc": null}))
        .map(|m: BTreeMap<String, String>| m)
        .unwrap_err();
    assert_eq!(err.to_string(), "$.abc: null is not allowed in a dense map");
    assert!(Map::<Plain>::decode(&json!([]))
        .map(|m: BTreeMap<String, String>| m)
        .is_err());

    // RestJsonSerializesSparseNullMapValues / SparseSetMapAndRetainsNull.
    let sparse: BTreeMap<String, Option<Vec<String>>> = BTreeMap::from([
        ("x".to_owned(), Some(vec![])),
        ("y".to_owned(), Some(vec!["a".into(), "b".into()])),
        ("z".to_owned(), None),
    ]);
    let want = json!({"x": [], "y": ["a", "b"], "z": null});
    assert_eq!(SparseMap::<List<Plain>>::encode(&sparse), want);
    assert_eq!(SparseMap::<List<Plain>>::decode(&want), Ok(sparse));

    let timestamps = vec![DateTime::from_secs(1_398_796_238); 2];
    assert_eq!(
        List::<HttpDate>::encode(&timestamps),
        json!([
            "Tue, 29 Apr 2014 18:30:38 GMT",
            "Tue, 29 Apr 2014 18:30:38 GMT"
        ])
    );
    assert_eq!(
        List::<EpochSeconds>::decode(&json!([1398796238, 1398796238])),
        Ok(timestamps)
    );
    let blobs = BTreeMap::from([("k".to_owned(), b"foo".to_vec())]);
    assert_eq!(Map::<Base64>::encode(&blobs), json!({"k": "Zm9v"}));

    let boxed = Box::new(5i64);
    assert_eq!(Boxed::<Plain>::encode(&boxed), json!(5));
    assert_eq!(Boxed::<Plain>::decode(&json!(5)), Ok(boxed));

    // Documents keep nulls where they are part of the document.
    let docs = SparseList::<Plain>::decode(&json!([null, {"a": null}]))
        .map(|v: Vec<Option<Value>>| v)
        .unwrap();
    assert_eq!(docs, vec![None, Some(json!({"a": null}))]);
}

#[test]
fn put_and_get_helpers() {
    let mut obj = Object::new();
    put::<Plain, _>(&mut obj, "a", &1i32);
    put_opt::<Plain, i32>(&mut obj, "b", &None);
    put_opt::<Plain, _>(&mut obj, "c", &Some(false));
    assert_eq!(Value::Object(obj.clone()), json!({"a": 1, "c": false}));
    assert_eq!(required::<Plain, i32>(&obj, "a"), Ok(1));
    assert_eq!(optional::<Plain, i32>(&obj, "b"), Ok(None));
    assert_eq!(optional::<Plain, bool>(&obj, "c"), Ok(Some(false)));
    let err = required::<Plain, i32>(&obj, "b").unwrap_err();
    assert_eq!(err.to_string(), "$.b: required member is missing");
    let err = optional::<Plain, String>(&obj, "a").unwrap_err();
    assert_eq!(err.to_string(), "$.a: expected a string, found number");
    assert!(object(&json!("x")).is_err());
    assert_eq!(json::kind(&json!(null)), "null");
    assert_eq!(
        json::expected("a blob", &json!(1)).to_string(),
        "expected a blob, found number"
    );
}

#[test]
fn strings_and_union_members() {
    assert_eq!(json::string(&json!("Foo")), Ok("Foo"));
    let err = json::string(&json!(1)).unwrap_err();
    assert_eq!(err.to_string(), "expected a string, found number");

    let ok: &[(Value, &str, Value)] = &[
        (json!({"int": 2}), "int", json!(2)),
        (json!({"int": null, "string": "s"}), "string", json!("s")),
        (json!({"unknown": "hello"}), "unknown", json!("hello")),
        // RestJsonDeserializeIgnoreType.
        (
            json!({"__type": "aws.protocoltests.json10#MyUnion", "structureValue": {"hi": "hello"}}),
            "structureValue",
            json!({"hi": "hello"}),
        ),
    ];
    for (value, key, member) in ok {
        assert_eq!(json::union_member(value), Ok((*key, member)), "{value}");
    }
    // The restJson1 RestJsonMalformedUnion* tests.
    let bad: &[(Value, &str)] = &[
        (
            json!({"int": 2, "string": "three"}),
            "exactly one member set, found `int` and `string`",
        ),
        (
            json!({"int": 2, "unknownField": "three"}),
            "found `int` and `unknownField`",
        ),
        (json!({"int": null}), "found none"),
        (json!({}), "found none"),
        (json!({"__type": "x"}), "found none"),
        (json!(["int"]), "expected an object, found array"),
        (json!(null), "expected an object, found null"),
    ];
    for (value, want) in bad {
        let err = json::union_member(value).unwrap_err();
        assert!(err.to_string().contains(want), "{value}: {err}");
    }
}

#[test]
fn redacted_placeholder() {
    use tests::rt::error::REDACTED;
    assert_eq!(format!("{REDACTED:?}"), "*** Sensitive Data Redacted ***");
    assert_eq!(REDACTED.to_string(), "*** Sensitive Data Redacted ***");
    struct Secret;
    impl std::fmt::Debug for Secret {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Secret").field("key", &REDACTED).finish()
        }
    }
    assert_eq!(
        format!("{Secret:?}"),
        "Secret { key: *** Sensitive Data Redacted *** }"
    );
}

// ---------------------------------------------------------------------------
// Bytes

#[test]
fn parse_and_to_vec() {
    for empty in [&b""[..], b"   ", b"\n\t\r "] {
        let err = json::parse(empty).unwrap_err();
        assert_eq!(err.to_string(), "empty body: expected a JSON document");
    }
    for bad in [
        &b"{"[..],
        b"{\"a\": 1,}",
        b"{\"a\" 1}",
        b"[1, 2",
        b"{} {}",
        b"{}x",
        b"nul",
        b"\xff\xfe",
        b"{\"a\": \"\xff\"}",
        b"'a'",
        b"{a: 1}",
        b"NaN",
        b"[01]",
    ] {
        let err = json::parse(bad).unwrap_err();
        assert!(
            err.to_string().starts_with("invalid JSON: "),
            "{:?}: {err}",
            String::from_utf8_lossy(bad)
        );
    }
    assert_eq!(
        json::parse(b" {\"a\": [1, 2.5, null]} \n"),
        Ok(json!({"a": [1, 2.5, null]}))
    );
    assert_eq!(json::parse(b"\"x\""), Ok(json!("x")));
    assert_eq!(
        json::to_vec(&json!({"a": [1, "b", null, true, 1.5]})),
        br#"{"a":[1,"b",null,true,1.5]}"#
    );
}

/// `serde_json`'s default recursion limit (128) admits 127 nested arrays or
/// objects; the runtime relies on it to keep hostile bodies from exhausting
/// the stack.
#[test]
fn nesting_is_bounded_by_serde_json_limit() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(json::parse(nested(127).as_bytes()).is_ok());
    let err = json::parse(nested(128).as_bytes()).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
    let objects = |depth: usize| format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    assert!(json::parse(objects(127).as_bytes()).is_ok());
    assert!(json::parse(objects(128).as_bytes()).is_err());
    assert!(json::parse(nested(100_000).as_bytes()).is_err());
}

// ---------------------------------------------------------------------------
// Other error types

#[test]
fn build_error() {
    let e = BuildError::missing("Name", "CreateChannelRequest");
    assert_eq!(
        e.to_string(),
        "missing required member `Name` of `CreateChannelRequest`"
    );
    assert_eq!(e.member(), "Name");
    assert_eq!(e.shape(), "CreateChannelRequest");
    let _: &dyn std::error::Error = &e;
}

#[test]
fn unhandled_error() {
    let e = Unhandled::new(Some("Rate exceeded".into()))
        .with_status(400)
        .with_code("ThrottlingException")
        .with_request_id("req-1")
        .with_headers(vec![(
            "x-amzn-errortype".into(),
            "ThrottlingException".into(),
        )])
        .with_body(b"{}".to_vec());
    assert_eq!(e.status(), Some(400));
    assert_eq!(e.code(), Some("ThrottlingException"));
    assert_eq!(e.message(), Some("Rate exceeded"));
    assert_eq!(e.request_id(), Some("req-1"));
    assert_eq!(e.headers().len(), 1);
    assert_eq!(e.body(), b"{}");
    assert!(e.source().is_none());
    assert_eq!(
        e.to_string(),
        "unhandled error `ThrottlingException` (HTTP 400): Rate exceeded [request id req-1]"
    );

    let cause = DecodeError::new("bad body");
    let e = Unhandled::new(None).with_source(Box::new(cause.clone()));
    assert_eq!(e.to_string(), "unhandled error");
    assert_eq!(e.message(), None);
    assert_eq!(e.status(), None);
    assert!(e.headers().is_empty() && e.body().is_empty());
    assert_eq!(e.source().map(|s| s.to_string()), Some(cause.to_string()));

    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Unhandled>();
    assert_send_sync::<DecodeError>();
    assert_send_sync::<BuildError>();
    assert_send_sync::<List<Plain>>();
}

// ---------------------------------------------------------------------------
// Random input

#[test]
fn decoders_never_panic_on_random_input() {
    let mut rng = XorShift(0xDEAD_BEEF_CAFE_F00D);
    const ALPHABET: &[u8] = b"{}[]\":,0123456789-+.eEtrufalsn \\\xc3\xa9x";
    let seed = br#"{"Channel":{"ChannelArn":"a","Members":[{"Name":"n","Joined":"2019-12-16T23:48:18Z"}],"Tags":{"k":"v"},"Avatar":"Zm9v","Parent":null}}"#;
    for round in 0..20_000 {
        let bytes: Vec<u8> = if round % 2 == 0 {
            let len = rng.next() % 64;
            (0..len)
                .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize])
                .collect()
        } else {
            let mut b = seed.to_vec();
            for _ in 0..=(rng.next() % 4) {
                let at = (rng.next() % b.len() as u64) as usize;
                b[at] = (rng.next() % 256) as u8;
            }
            b
        };
        if let Ok(value) = json::parse(&bytes) {
            let _ = Response::from_json(&value);
            let _ = i8::from_json(&value);
            let _ = i64::from_json(&value);
            let _ = f32::from_json(&value);
            let _ = EpochSeconds::decode(&value);
            let _ = DateTimeFormat::decode(&value);
            let _ = HttpDate::decode(&value);
            let _ = Base64::decode(&value);
            let _ = SparseMap::<List<Plain>>::decode(&value)
                .map(|m: BTreeMap<String, Option<Vec<i32>>>| m);
            let _ = json::to_vec(&value);
        }
    }
    // Random numbers through every numeric decoder.
    for _ in 0..20_000 {
        let f = f64::from_bits(rng.next());
        let v = f.to_json();
        let _ = i32::from_json(&v);
        let _ = f32::from_json(&v);
        let _ = EpochSeconds::decode(&v);
        if f.is_finite() {
            assert_eq!(f64::from_json(&v), Ok(f));
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
