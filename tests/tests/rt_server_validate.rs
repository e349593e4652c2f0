//! The server runtime's validation helpers on their own: messages, paths,
//! the response body shapes, and the decode errors it recognises.

use tests::rt::error::DecodeError;
use tests::rt::json::{Object, Value};
use tests::rt::server::validate::{
    decode_failure, missing_member, Pattern, ValidationError, Violations,
};

const FRAMEWORK: ValidationError = ValidationError {
    code: "ValidationException",
    status: 400,
    message_key: "message",
    field_list: Some(("fieldList", "path", "message")),
    malformed_too: false,
};

const MODELED: ValidationError = ValidationError {
    code: "BadRequestException",
    status: 400,
    message_key: "Message",
    field_list: None,
    malformed_too: true,
};

fn body(response: &tests::rt::wire::Response) -> serde_json::Value {
    serde_json::from_slice(&response.body).expect("a JSON body")
}

fn error_type(response: &tests::rt::wire::Response) -> &str {
    response
        .headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[test]
fn messages_name_the_path_and_the_rule() {
    let mut v = Violations::new();
    assert!(v.at("name", |v| v.length(
        3,
        Some(1),
        Some(8),
        "Member must have length between 1 and 8, inclusive"
    )));
    assert!(v.is_empty());
    v.at("list", |v| {
        v.at_index(2, |v| {
            v.length(
                0,
                Some(1),
                None,
                "Member must have length greater than or equal to 1",
            )
        })
    });
    v.at("map", |v| {
        v.at("a/b~c", |v| {
            v.range(
                9i32,
                None,
                Some(8.0),
                "Member must be less than or equal to 8",
            )
        })
    });
    v.at("enum", |v| {
        v.enum_str(
            "x",
            &["a", "b"],
            "Member must satisfy enum value set: [a, b]",
        )
    });
    v.at("token", |v| v.required::<String>(&None));
    v.at("items", |v| {
        v.unique(&serde_json::json!([{"a": 1, "b": 2}, {"b": 2, "a": 1}]))
    });
    let found: Vec<(&str, &str)> = v
        .violations()
        .iter()
        .map(|x| (x.path.as_str(), x.message.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("/list/2", "Value with length 0 at '/list/2' failed to satisfy constraint: Member must have length greater than or equal to 1"),
            ("/map/a~1b~0c", "Value at '/map/a~1b~0c' failed to satisfy constraint: Member must be less than or equal to 8"),
            ("/enum", "Value at '/enum' failed to satisfy constraint: Member must satisfy enum value set: [a, b]"),
            ("/token", "Value at '/token' failed to satisfy constraint: Member must not be null"),
            ("/items", "Value at '/items' failed to satisfy constraint: Member must have unique values"),
        ]
    );
    assert!(v
        .message()
        .starts_with("5 validation errors detected. Value with length 0 at '/list/2'"));
    assert!(v.message().contains("; Value at '/map/a~1b~0c'"));
}

#[test]
fn ranges_compare_in_the_values_own_type() {
    let mut v = Violations::new();
    // 8.8 as an f32 is a little above 8.8 as an f64; it is still in range.
    assert!(v.range(8.8f32, Some(2.2), Some(8.8), "x"));
    assert!(v.range(2.2f32, Some(2.2), Some(8.8), "x"));
    assert!(!v.range(8.9f32, Some(2.2), Some(8.8), "x"));
    assert!(!v.range(f64::NAN, Some(0.0), None, "x"));
    assert!(v.range(i64::MAX, Some(0.0), None, "x"));
    assert!(!v.range(-1i8, Some(0.0), None, "x"));
    assert_eq!(v.violations().len(), 3);
}

#[test]
fn patterns_compile_once_and_never_reject_on_a_bad_translation() {
    static GOOD: Pattern = Pattern::new("^[a-m]+$", "^[a-m]+$");
    static BAD: Pattern = Pattern::new("(", "(");
    assert!(GOOD.compiles());
    assert!(GOOD.is_match("abc"));
    assert!(!GOOD.is_match("xyz"));
    assert!(!BAD.compiles());
    assert!(BAD.is_match("anything"));
    let mut v = Violations::new();
    assert!(!v.at("s", |v| v.pattern("xyz", &GOOD)));
    assert_eq!(v.violations()[0].message, "Value at '/s' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$");
}

#[test]
fn redos_patterns_finish_quickly() {
    static EVIL: Pattern = Pattern::new("^([0-9]+)+$", "^([0-9]+)+$");
    let input = format!("{}!", "0".repeat(10_000));
    let start = std::time::Instant::now();
    assert!(!EVIL.is_match(&input));
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn the_framework_validation_exception_lists_fields() {
    let mut v = Violations::new();
    v.at("string", |v| {
        v.length(
            1,
            Some(2),
            Some(8),
            "Member must have length between 2 and 8, inclusive",
        )
    });
    let response = v.into_response(&FRAMEWORK).expect("invalid");
    assert_eq!(response.status, 400);
    assert_eq!(error_type(&response), "ValidationException");
    let message = "Value with length 1 at '/string' failed to satisfy constraint: Member must have length between 2 and 8, inclusive";
    assert_eq!(
        body(&response),
        serde_json::json!({
            "message": format!("1 validation error detected. {message}"),
            "fieldList": [{"path": "/string", "message": message}],
        })
    );
}

#[test]
fn a_modeled_error_gets_its_own_message_key() {
    let mut v = Violations::new();
    v.at("Content", |v| v.missing());
    let response = v.into_response(&MODELED).expect("invalid");
    assert_eq!(error_type(&response), "BadRequestException");
    assert_eq!(
        body(&response),
        serde_json::json!({"Message": "1 validation error detected. Value at '/Content' failed to satisfy constraint: Member must not be null"})
    );
    assert!(Violations::new().into_response(&MODELED).is_none());
}

#[test]
fn unknown_union_members_are_malformed_input() {
    let mut v = Violations::new();
    v.at("union", |v| v.unknown_union_member());
    assert!(!v.is_empty());
    let response = v.into_response(&FRAMEWORK).expect("malformed");
    assert_eq!(
        (response.status, error_type(&response)),
        (400, "SerializationException")
    );
    let mut v = Violations::new();
    v.unknown_union_member();
    let response = v.into_response(&MODELED).expect("malformed");
    assert_eq!(
        (response.status, error_type(&response)),
        (400, "BadRequestException")
    );
}

/// `missing_member` reads the messages of `json::required` and
/// `wire::required`; these tests break if either changes.
#[test]
fn missing_members_are_recognised_from_both_decoders() {
    let mut object = Object::new();
    object.insert(
        "outer".into(),
        serde_json::json!({"list": [{"hi2": "bar"}]}),
    );
    let err =
        tests::rt::json::required::<tests::rt::json::Plain, String>(&Object::new(), "Content")
            .expect_err("missing");
    assert_eq!(missing_member(&err).as_deref(), Some("/Content"));
    let err = tests::rt::json::required::<tests::rt::json::Plain, String>(&object, "absent")
        .expect_err("missing");
    assert_eq!(missing_member(&err).as_deref(), Some("/absent"));
    let nested = DecodeError::new("required member is missing")
        .at_key("hi")
        .at_index(0)
        .at_key("list");
    assert_eq!(missing_member(&nested).as_deref(), Some("/list/0/hi"));

    let err = tests::rt::wire::required::<String>(None, "ChimeBearer").expect_err("missing");
    assert_eq!(missing_member(&err).as_deref(), Some("/ChimeBearer"));

    assert_eq!(missing_member(&DecodeError::new("invalid JSON: EOF")), None);
    let wrong_type = tests::rt::json::required::<tests::rt::json::Plain, String>(&object, "outer")
        .expect_err("not a string");
    assert_eq!(missing_member(&wrong_type), None);
}

#[test]
fn decode_failures_split_into_invalid_and_malformed() {
    let missing = tests::rt::wire::required::<String>(None, "Name").expect_err("missing");
    let response = decode_failure(&missing, &FRAMEWORK);
    assert_eq!(error_type(&response), "ValidationException");
    assert_eq!(body(&response)["fieldList"][0]["path"], "/Name");

    let malformed = DecodeError::new("expected a string").at_key("Name");
    let response = decode_failure(&malformed, &FRAMEWORK);
    assert_eq!(
        (response.status, error_type(&response)),
        (400, "SerializationException")
    );
    assert_eq!(body(&response)["message"], "$.Name: expected a string");
    let response = decode_failure(&malformed, &MODELED);
    assert_eq!(
        (response.status, error_type(&response)),
        (400, "BadRequestException")
    );
    assert_eq!(
        body(&response)["Message"],
        Value::from("$.Name: expected a string")
    );
    let response = decode_failure(&malformed, &ValidationError::DEFAULT);
    assert_eq!(error_type(&response), "SerializationException");
}

#[test]
fn not_implemented_is_a_501_with_a_code() {
    let error = tests::rt::server::not_implemented("SendChannelMessage");
    let response = tests::rt::wire::Response::unhandled(&error);
    assert_eq!(response.status, 501);
    assert_eq!(error_type(&response), "NotImplemented");
    assert_eq!(
        body(&response)["message"],
        "SendChannelMessage is not implemented by this server"
    );
}

#[test]
fn identities_are_read_from_well_formed_headers_only() {
    use tests::rt::server::unverified_identity;
    let mut headers = http::HeaderMap::new();
    assert!(unverified_identity(&headers).is_none());
    let sig = "a".repeat(64);
    let good = format!("AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/chime/aws4_request, SignedHeaders=host;x-amz-date, Signature={sig}");
    headers.insert("authorization", good.parse().expect("header"));
    headers.insert("x-amz-security-token", "tok".parse().expect("header"));
    let identity = unverified_identity(&headers).expect("well formed");
    assert_eq!(
        (
            identity.access_key_id.as_str(),
            identity.region.as_str(),
            identity.service.as_str()
        ),
        ("AKID", "eu-west-1", "chime")
    );
    assert_eq!(identity.session_token.as_deref(), Some("tok"));
    assert!(!identity.verified);
    assert!(
        !format!("{identity:?}").contains("tok\""),
        "the token is redacted: {identity:?}"
    );
    for bad in [
        "AWS4-HMAC-SHA256 Credential=AKID/2024/eu-west-1/chime/aws4_request, SignedHeaders=host, Signature=".to_owned() + &sig,
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/chime/aws4_request, SignedHeaders=host, Signature=abc".to_owned(),
        "AWS4-HMAC-SHA256 Credential=/20240101/eu-west-1/chime/aws4_request, SignedHeaders=host, Signature=".to_owned() + &sig,
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/chime/other, SignedHeaders=host, Signature=".to_owned() + &sig,
        "Basic dXNlcjpwYXNz".to_owned(),
    ] {
        headers.insert("authorization", bad.parse().expect("header"));
        assert!(unverified_identity(&headers).is_none(), "{bad}");
    }
}

#[test]
fn request_contexts_hide_credentials_in_debug() {
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "authorization",
        "AWS4-HMAC-SHA256 secret-stuff".parse().expect("header"),
    );
    headers.insert(
        "x-amz-security-token",
        "token-stuff".parse().expect("header"),
    );
    headers.insert("x-visible", "shown".parse().expect("header"));
    let ctx = tests::rt::server::RequestContext::new("req-1").with_headers(headers);
    let debug = format!("{ctx:?}");
    assert!(
        !debug.contains("secret-stuff") && !debug.contains("token-stuff"),
        "{debug}"
    );
    assert!(debug.contains("shown"));
    assert_eq!(ctx.request_id(), "req-1");
    assert_eq!(ctx.header("x-visible"), Some("shown"));
}

#[test]
fn request_ids_are_uuids() {
    let a = tests::rt::server::new_request_id();
    let b = tests::rt::server::new_request_id();
    assert_ne!(a, b);
    let parts: Vec<usize> = a.split('-').map(str::len).collect();
    assert_eq!(parts, vec![8, 4, 4, 4, 12]);
    assert_eq!(a.chars().nth(14), Some('4'));
}

#[test]
fn long_lists_of_violations_are_capped() {
    use tests::rt::server::validate::MAX_REPORTED;
    let mut v = Violations::new();
    for i in 0..10_000 {
        v.at("list", |v| v.at_index(i, |v| v.missing()));
    }
    assert_eq!(v.violations().len(), MAX_REPORTED);
    assert!(v
        .message()
        .starts_with("10000 validation errors detected. Value at '/list/0' "));
    let response = v.into_response(&FRAMEWORK).expect("invalid");
    assert_eq!(
        body(&response)["fieldList"].as_array().map(Vec::len),
        Some(MAX_REPORTED)
    );
    assert!(response.body.len() < 20_000);
}
