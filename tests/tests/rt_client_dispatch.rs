//! Reading error responses (`error_code`, `error_message`, `request_id`,
//! `unhandled`) and the `SdkError` wrapper.

use std::error::Error as _;
use std::fmt;

use http::{HeaderMap, HeaderValue};
use tests::rt::client::{
    error_code, error_message, request_id, unhandled, HttpResponse, Request, ResponseMeta, SdkError,
};

fn response(status: u16, headers: &[(&'static str, &'static str)], body: &str) -> HttpResponse {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(*name, HeaderValue::from_static(value));
    }
    HttpResponse {
        status,
        headers: map,
        body: body.as_bytes().to_vec(),
    }
}

#[test]
fn error_code_prefers_the_header() {
    let r = response(
        400,
        &[(
            "X-Amzn-Errortype",
            "BadRequestException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        )],
        r#"{"__type":"Other"}"#,
    );
    assert_eq!(error_code(&r).as_deref(), Some("BadRequestException"));
    let r = response(
        400,
        &[("x-amzn-errortype", "aws.protocoltests.restjson#FooError")],
        "",
    );
    assert_eq!(error_code(&r).as_deref(), Some("FooError"));
}

#[test]
fn error_code_from_the_body() {
    let cases = [
        (
            r#"{"__type":"ConflictException"}"#,
            Some("ConflictException"),
        ),
        (
            r#"{"__type":"com.amazonaws.chime#ForbiddenException"}"#,
            Some("ForbiddenException"),
        ),
        (
            r#"{"__type":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"}"#,
            Some("FooError"),
        ),
        (
            r#"{"code":"NotFoundException","message":"x"}"#,
            Some("NotFoundException"),
        ),
        // Chime's capitalised `Code` holds a short reason, not the error type.
        (r#"{"Code":"BadRequest"}"#, None),
        (r#"{"__type":"First","code":"Second"}"#, Some("First")),
        (r#"{"__type":""}"#, None),
        (r#"{"__type":5}"#, None),
        (r#"{"message":"no code here"}"#, None),
        (r#"["__type"]"#, None),
        ("not json", None),
        ("", None),
        ("{\"__type\":\"Tr\u{fc}\"", None),
    ];
    for (body, expected) in cases {
        assert_eq!(
            error_code(&response(400, &[], body)).as_deref(),
            expected,
            "{body}"
        );
    }
    // An empty header value falls through to the body.
    let r = response(400, &[("x-amzn-errortype", "")], r#"{"__type":"FromBody"}"#);
    assert_eq!(error_code(&r).as_deref(), Some("FromBody"));
}

#[test]
fn error_message_and_request_id() {
    for (body, expected) in [
        (r#"{"message":"lower"}"#, Some("lower")),
        (r#"{"Message":"upper"}"#, Some("upper")),
        (r#"{"errorMessage":"lambda style"}"#, Some("lambda style")),
        (r#"{"message":"first","Message":"second"}"#, Some("first")),
        (r#"{"message":null}"#, None),
        ("<html>", None),
    ] {
        assert_eq!(
            error_message(&response(400, &[], body)).as_deref(),
            expected,
            "{body}"
        );
    }
    let r = response(500, &[("x-amzn-error-message", "from header")], "");
    assert_eq!(error_message(&r).as_deref(), Some("from header"));

    let both = response(
        200,
        &[
            ("x-amz-request-id", "second"),
            ("x-amzn-RequestId", "first"),
        ],
        "",
    );
    assert_eq!(request_id(&both.headers).as_deref(), Some("first"));
    let fallback = response(200, &[("x-amz-request-id", "second")], "");
    assert_eq!(request_id(&fallback.headers).as_deref(), Some("second"));
    assert_eq!(request_id(&HeaderMap::new()), None);
}

#[test]
fn unhandled_keeps_everything() {
    let r = response(
        418,
        &[
            ("x-amzn-requestid", "req-1"),
            ("x-amzn-errortype", "TeapotException"),
            ("content-type", "application/json"),
        ],
        r#"{"message":"short and stout"}"#,
    );
    let error = unhandled(r);
    assert_eq!(error.status(), Some(418));
    assert_eq!(error.code(), Some("TeapotException"));
    assert_eq!(error.message(), Some("short and stout"));
    assert_eq!(error.request_id(), Some("req-1"));
    assert_eq!(error.body(), br#"{"message":"short and stout"}"#);
    assert!(error
        .headers()
        .iter()
        .any(|(k, v)| k == "content-type" && v == "application/json"));
    let shown = error.to_string();
    assert!(
        shown.contains("TeapotException") && shown.contains("418"),
        "{shown}"
    );

    // A bare response still gives a usable error.
    let bare = unhandled(response(502, &[], ""));
    assert_eq!(bare.status(), Some(502));
    assert_eq!(bare.code(), None);
    assert_eq!(bare.request_id(), None);
}

#[derive(Debug)]
enum OpError {
    Conflict(String),
    Other,
}

impl OpError {
    fn is_conflict(&self) -> bool {
        matches!(self, OpError::Conflict(_))
    }
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpError::Conflict(m) => write!(f, "conflict: {m}"),
            OpError::Other => f.write_str("other"),
        }
    }
}

impl std::error::Error for OpError {}

#[test]
fn sdk_error_wraps_the_operation_error() {
    let r = response(409, &[("x-amzn-requestid", "abc")], "");
    let meta = ResponseMeta::from_response(&r);
    assert_eq!(
        meta,
        ResponseMeta {
            status: 409,
            request_id: Some("abc".into())
        }
    );
    let error = SdkError::new(OpError::Conflict("busy".into()), Some(meta));
    assert!(error.is_conflict(), "derefs to the operation error");
    assert_eq!(error.request_id(), Some("abc"));
    assert_eq!(error.status(), Some(409));
    assert_eq!(error.to_string(), "conflict: busy");
    assert!(error.source().is_none());
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(error);
    assert_eq!(boxed.to_string(), "conflict: busy");

    let no_response = SdkError {
        error: OpError::Other,
        meta: None,
    };
    assert_eq!(no_response.request_id(), None);
    assert_eq!(no_response.status(), None);
    assert!(!no_response.is_conflict());
    assert!(matches!(no_response.into_error(), OpError::Other));
}

#[test]
fn request_new_is_empty() {
    let request = Request::new(http::Method::DELETE, "/channels/x");
    assert_eq!(request.path_and_query, "/channels/x");
    assert!(request.headers.is_empty());
    assert!(request.body.is_empty());
}
