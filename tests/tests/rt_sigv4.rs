//! SigV4: the published AWS test-suite vectors, a cross-check against the
//! `aws-sigv4` crate, and server-side verification.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, HeaderValue, Method};
use tests::rt::sigv4::{self, Credentials, SignatureError, SigningParams};

const AKID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SUITE_TOKEN: &str = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn suite_time() -> SystemTime {
    sigv4::parse_amz_date("20150830T123600Z").expect("valid date")
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).expect("name"),
            HeaderValue::from_str(value).expect("value"),
        );
    }
    map
}

/// Signs a test-suite request (host example.amazonaws.com, region us-east-1,
/// service `service`) and returns the output and the signed headers.
fn suite_sign(
    method: Method,
    target: &str,
    extra: &[(&str, &str)],
    body: &[u8],
    creds: &Credentials,
) -> (sigv4::SigningOutput, HeaderMap) {
    let mut map = headers(&[("host", "example.amazonaws.com")]);
    for (name, value) in extra {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).expect("name"),
            HeaderValue::from_str(value).expect("value"),
        );
    }
    let params = SigningParams {
        credentials: creds,
        region: "us-east-1",
        service: "service",
        time: suite_time(),
    };
    let out = sigv4::sign(&method, target, &mut map, body, &params).expect("signs");
    (out, map)
}

fn auth_header(map: &HeaderMap) -> String {
    map.get("authorization")
        .expect("authorization")
        .to_str()
        .expect("ascii")
        .to_owned()
}

#[test]
fn get_vanilla_matches_the_published_example() {
    let creds = Credentials::new(AKID, SECRET);
    let (out, map) = suite_sign(Method::GET, "/", &[], b"", &creds);
    assert_eq!(
        out.canonical_request,
        format!(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n{EMPTY_SHA256}"
        )
    );
    assert_eq!(
        out.string_to_sign,
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\
         bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
    );
    assert_eq!(
        auth_header(&map),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date, \
         Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
    assert_eq!(map.get("x-amz-date").unwrap(), "20150830T123600Z");
    assert!(map.get("x-amz-security-token").is_none());
}

#[test]
fn test_suite_signatures() {
    let creds = Credentials::new(AKID, SECRET);
    let vanilla = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let cases: Vec<(&str, Method, String, &str)> = vec![
        (
            "get-vanilla-query-order-key-case",
            Method::GET,
            "/?Param2=value2&Param1=value1".into(),
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
        ),
        (
            "get-vanilla-query-order-value",
            Method::GET,
            "/?Param1=value2&Param1=value1".into(),
            "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694",
        ),
        (
            "get-vanilla-utf8-query",
            Method::GET,
            "/?%E1%88%B4=bar".into(),
            "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04",
        ),
        (
            "get-vanilla-query-unreserved",
            Method::GET,
            format!("/?{unreserved}={unreserved}"),
            "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
        ),
        (
            "get-unreserved",
            Method::GET,
            format!("/{unreserved}"),
            "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
        ),
        // The suite writes these paths raw; they are encoded once.
        (
            "get-utf8",
            Method::GET,
            "/\u{1234}".into(),
            "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85",
        ),
        (
            "get-space",
            Method::GET,
            "/example space/".into(),
            "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741",
        ),
        (
            "get-slash-pointless-dot",
            Method::GET,
            "/./example".into(),
            "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5",
        ),
        // Paths that normalise to `/` sign like get-vanilla.
        ("get-slash", Method::GET, "//".into(), vanilla),
        ("get-slash-dot-slash", Method::GET, "/./".into(), vanilla),
        ("get-relative", Method::GET, "/example/..".into(), vanilla),
        (
            "get-relative-relative",
            Method::GET,
            "/example1/example2/../..".into(),
            vanilla,
        ),
        (
            "post-vanilla",
            Method::POST,
            "/".into(),
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
        ),
        (
            "post-vanilla-query",
            Method::POST,
            "/?Param1=value1".into(),
            "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11",
        ),
    ];
    for (name, method, target, expected) in cases {
        let (out, _) = suite_sign(method, &target, &[], b"", &creds);
        assert_eq!(out.signature, expected, "{name}");
    }
}

#[test]
fn post_x_www_form_urlencoded_signs_content_type_and_body() {
    let creds = Credentials::new(AKID, SECRET);
    let (out, map) = suite_sign(
        Method::POST,
        "/",
        &[("content-type", "application/x-www-form-urlencoded")],
        b"Param1=value1",
        &creds,
    );
    assert_eq!(out.signed_headers, "content-type;host;x-amz-date");
    assert_eq!(
        out.signature,
        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"
    );
    assert!(auth_header(&map).contains("SignedHeaders=content-type;host;x-amz-date,"));
}

#[test]
fn post_sts_header_before_signs_the_session_token() {
    let creds = Credentials::new(AKID, SECRET).with_session_token(SUITE_TOKEN);
    let (out, map) = suite_sign(Method::POST, "/", &[], b"", &creds);
    assert_eq!(out.signed_headers, "host;x-amz-date;x-amz-security-token");
    assert_eq!(
        out.string_to_sign,
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\
         c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6"
    );
    assert_eq!(
        out.signature,
        "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"
    );
    assert_eq!(map.get("x-amz-security-token").unwrap(), SUITE_TOKEN);
}

/// The IAM ListUsers example from the AWS signing documentation, with the
/// derived signing key it publishes.
#[test]
fn iam_list_users_documentation_example() {
    let creds = Credentials::new(AKID, SECRET);
    let key = sigv4::signing_key(SECRET, "20150830", "us-east-1", "iam");
    let key_hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        key_hex,
        "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
    );

    let mut map = headers(&[
        ("host", "iam.amazonaws.com"),
        (
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        ),
    ]);
    let params = SigningParams {
        credentials: &creds,
        region: "us-east-1",
        service: "iam",
        time: suite_time(),
    };
    let out = sigv4::sign(
        &Method::GET,
        "/?Action=ListUsers&Version=2010-05-08",
        &mut map,
        b"",
        &params,
    )
    .unwrap();
    assert_eq!(
        out.canonical_request,
        format!(
            "GET\n/\nAction=ListUsers&Version=2010-05-08\n\
             content-type:application/x-www-form-urlencoded; charset=utf-8\n\
             host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n\
             content-type;host;x-amz-date\n{EMPTY_SHA256}"
        )
    );
    assert!(out
        .string_to_sign
        .ends_with("\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"));
    assert_eq!(
        auth_header(&map),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date, \
         Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
    );
}

/// get-header-value-trim signs custom headers, which `sign` never adds; the
/// verifier must still reproduce it (trimming, collapsing spaces).
#[test]
fn verifier_accepts_get_header_value_trim_vector() {
    let map = headers(&[
        ("host", "example.amazonaws.com"),
        ("my-header1", " value1"),
        ("my-header2", "\"a   b   c\""),
        ("x-amz-date", "20150830T123600Z"),
        (
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;my-header1;my-header2;x-amz-date, \
             Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
        ),
    ]);
    let lookup = |id: &str| (id == AKID).then(|| SECRET.to_owned());
    let who = sigv4::verify(&Method::GET, "/", &map, b"", &lookup, suite_time()).unwrap();
    assert_eq!(who.access_key_id, AKID);
    assert_eq!(who.region, "us-east-1");
    assert_eq!(who.service, "service");
}

#[test]
fn canonical_helpers() {
    assert_eq!(sigv4::canonical_uri(""), "/");
    assert_eq!(sigv4::canonical_uri("/a//b/./c/../d/"), "/a/b/d/");
    // Already-encoded paths are encoded again (non-S3 rule).
    assert_eq!(
        sigv4::canonical_uri("/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fx"),
        "/channels/arn%253Aaws%253Achime%253Aus-east-1%253A1%253Aapp-instance%252Fx"
    );
    assert_eq!(
        sigv4::canonical_query("b=2&a=%7e&a=1&c&d=x%20y+z&e=%2B"),
        "a=1&a=~&b=2&c=&d=x%20y%20z&e=%2B"
    );
    assert_eq!(sigv4::canonical_query(""), "");
    assert_eq!(sigv4::canonical_query("&&"), "");
    assert_eq!(sigv4::canonical_query("bad=%zz%"), "bad=%25zz%25");
}

#[test]
fn amz_dates_round_trip_and_reject_junk() {
    let t = suite_time();
    assert_eq!(sigv4::format_amz_date(t).unwrap(), "20150830T123600Z");
    let leap = sigv4::parse_amz_date("20240229T235959Z").unwrap();
    assert_eq!(sigv4::format_amz_date(leap).unwrap(), "20240229T235959Z");
    for junk in [
        "",
        "20150830",
        "20150830T123600",
        "2015083OT123600Z",
        "20150230T123600Z",
        "20151330T123600Z",
        "20150830T243600Z",
        "20150830T12360ZZ",
        "+0150830T123600Z",
        "２０15830T123600Z",
    ] {
        assert!(sigv4::parse_amz_date(junk).is_none(), "{junk}");
    }
    assert!(sigv4::format_amz_date(SystemTime::UNIX_EPOCH - Duration::from_secs(1)).is_err());
}

#[test]
fn credentials_debug_redacts_secrets() {
    let creds =
        Credentials::new("AKIDPUBLIC", "supersecretvalue").with_session_token("tokentokentoken");
    let shown = format!("{creds:?}");
    assert!(shown.contains("AKIDPUBLIC"));
    assert!(!shown.contains("supersecretvalue"));
    assert!(!shown.contains("tokentokentoken"));
    assert!(shown.contains("redacted"));
}

#[test]
fn signing_requires_a_host_and_sane_scope() {
    let creds = Credentials::new(AKID, SECRET);
    let params = SigningParams {
        credentials: &creds,
        region: "us-east-1",
        service: "service",
        time: suite_time(),
    };
    let mut empty = HeaderMap::new();
    assert!(matches!(
        sigv4::sign(&Method::GET, "/", &mut empty, b"", &params),
        Err(SignatureError::Malformed(_))
    ));
    let mut map = headers(&[("host", "h")]);
    let bad = SigningParams {
        region: "us/east",
        ..params
    };
    assert!(sigv4::sign(&Method::GET, "/", &mut map, b"", &bad).is_err());
    let bad_token = Credentials::new(AKID, SECRET).with_session_token("line\nbreak");
    let bad = SigningParams {
        credentials: &bad_token,
        ..params
    };
    assert!(sigv4::sign(&Method::GET, "/", &mut map, b"", &bad).is_err());
}

#[test]
fn resigning_replaces_old_signature_headers() {
    let creds = Credentials::new(AKID, SECRET).with_session_token("t1");
    let mut map = headers(&[("host", "example.amazonaws.com")]);
    let params = SigningParams {
        credentials: &creds,
        region: "us-east-1",
        service: "service",
        time: suite_time(),
    };
    sigv4::sign(&Method::GET, "/", &mut map, b"", &params).unwrap();
    let later = SigningParams {
        time: suite_time() + Duration::from_secs(60),
        credentials: &Credentials::new(AKID, SECRET),
        ..params
    };
    sigv4::sign(&Method::GET, "/", &mut map, b"", &later).unwrap();
    assert_eq!(map.get_all("authorization").iter().count(), 1);
    assert_eq!(map.get("x-amz-date").unwrap(), "20150830T123700Z");
    assert!(map.get("x-amz-security-token").is_none());
    assert!(!auth_header(&map).contains("x-amz-security-token"));
}

// ----- cross-check against aws-sigv4 ------------------------------------------------

struct Case {
    method: Method,
    target: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: &'static [u8],
    token: Option<&'static str>,
    region: &'static str,
    service: &'static str,
}

fn case(method: Method, target: &'static str, body: &'static [u8]) -> Case {
    Case {
        method,
        target,
        headers: Vec::new(),
        body,
        token: None,
        region: "us-east-1",
        service: "chime",
    }
}

fn cross_check_cases() -> Vec<Case> {
    let json =
        br#"{"Content":"hello \u00e9 world","Type":"STANDARD","ClientRequestToken":"4f1c-11"}"#;
    vec![
        case(Method::GET, "/", b""),
        case(Method::GET, "/channels?max-results=50&next-token=abc%2Bdef%3D%3D", b""),
        case(
            Method::GET,
            "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fabc%2Fchannel%2Fdef/messages?sort-order=DESCENDING&not-before=2020-01-01T00%3A00%3A00Z",
            b"",
        ),
        Case {
            headers: vec![
                ("content-type", "application/json"),
                ("x-amz-chime-bearer", "arn:aws:chime:us-east-1:123456789012:app-instance/abc/user/u1"),
            ],
            ..case(Method::POST, "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel%2Fb/messages", json)
        },
        Case {
            token: Some(SUITE_TOKEN),
            headers: vec![("content-type", "application/json")],
            ..case(Method::PUT, "/channels/x/preferences", json)
        },
        Case {
            token: Some("FwoGZXIvYXdzEJr//////////wEaDEXAMPLE"),
            ..case(Method::DELETE, "/channels/abc/memberships/m%40example.com", b"")
        },
        case(Method::GET, "/search?q=a%20b%20c&q=%2A&r=%7E%21%27%28%29&empty=&flag", b""),
        case(Method::GET, "/x/./y/../z//w/", b""),
        case(Method::GET, "/%E1%88%B4/caf%C3%A9?%E1%88%B4=%C3%A9", b""),
        Case {
            headers: vec![("x-amz-meta-spaced", "  a   b\t\tc  "), ("x-amz-target", "Svc.Op")],
            ..case(Method::POST, "/", b"{}")
        },
        Case {
            region: "cn-north-1",
            service: "messaging-chime",
            ..case(Method::PATCH, "/channels/a:b@c$d,e;f=g", b"x")
        },
        Case {
            region: "eu-west-2",
            headers: vec![("content-type", "application/x-amz-json-1.1")],
            ..case(Method::POST, "/?Action=Thing&Version=2012-01-01&List.member.1=a%26b", &[0, 159, 146, 150, 255])
        },
    ]
}

fn aws_sign(c: &Case, base: &HeaderMap, time: SystemTime) -> (String, String) {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_smithy_runtime_api::client::identity::Identity;

    let creds = aws_credential_types::Credentials::new(
        AKID,
        SECRET,
        c.token.map(str::to_owned),
        None,
        "test",
    );
    let identity: Identity = creds.into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(c.region)
        .name(c.service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let pairs: Vec<(&str, &str)> = base
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_str().unwrap()))
        .collect();
    let url = format!("https://example.amazonaws.com{}", c.target);
    let signable = SignableRequest::new(
        c.method.as_str(),
        url,
        pairs.into_iter(),
        SignableBody::Bytes(c.body),
    )
    .unwrap();
    let (instructions, _signature) = sign(signable, &params).unwrap().into_parts();
    let mut auth = String::new();
    let mut date = String::new();
    for (name, value) in instructions.headers() {
        if name.eq_ignore_ascii_case("authorization") {
            auth = value.to_owned();
        }
        if name.eq_ignore_ascii_case("x-amz-date") {
            date = value.to_owned();
        }
    }
    (auth, date)
}

#[test]
fn matches_aws_sigv4_crate() {
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_123);
    for c in cross_check_cases() {
        let mut base = headers(&[("host", "example.amazonaws.com")]);
        for (k, v) in &c.headers {
            base.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        let (expected_auth, expected_date) = aws_sign(&c, &base, time);

        let mut creds = Credentials::new(AKID, SECRET);
        creds.session_token = c.token.map(str::to_owned);
        let mut mine = base.clone();
        let params = SigningParams {
            credentials: &creds,
            region: c.region,
            service: c.service,
            time,
        };
        sigv4::sign(&c.method, c.target, &mut mine, c.body, &params).unwrap();
        assert_eq!(
            auth_header(&mine),
            expected_auth,
            "{} {}",
            c.method,
            c.target
        );
        assert_eq!(mine.get("x-amz-date").unwrap(), expected_date.as_str());

        // And what we sign, we verify.
        let lookup = |id: &str| (id == AKID).then(|| SECRET.to_owned());
        let who = sigv4::verify(&c.method, c.target, &mine, c.body, &lookup, time).unwrap();
        assert_eq!(who.region, c.region);
        assert_eq!(who.service, c.service);
        assert_eq!(who.session_token.as_deref(), c.token);
    }
}

/// `aws-sigv4` signs every header it is given (user-agent aside), so its
/// requests carry signed custom headers; the verifier must accept them.
#[test]
fn verifies_requests_signed_by_aws_sigv4() {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_smithy_runtime_api::client::identity::Identity;

    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_123);
    for c in cross_check_cases() {
        let mut request = http::Request::builder()
            .method(c.method.clone())
            .uri(format!("https://example.amazonaws.com{}", c.target))
            .header("host", "example.amazonaws.com")
            .header("x-custom-thing", "  some   value ")
            .header("content-length", c.body.len().to_string())
            .body(())
            .unwrap();
        for (k, v) in &c.headers {
            request.headers_mut().append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        let creds = aws_credential_types::Credentials::new(
            AKID,
            SECRET,
            c.token.map(str::to_owned),
            None,
            "test",
        );
        let identity: Identity = creds.into();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(c.region)
            .name(c.service)
            .time(time)
            .settings(SigningSettings::default())
            .build()
            .unwrap()
            .into();
        let pairs: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
            .collect();
        let signable = SignableRequest::new(
            c.method.as_str(),
            request.uri().to_string(),
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            SignableBody::Bytes(c.body),
        )
        .unwrap();
        let (instructions, _) = sign(signable, &params).unwrap().into_parts();
        instructions.apply_to_request_http1x(&mut request);
        assert!(auth_header(request.headers()).contains("x-custom-thing"));

        let lookup = |id: &str| (id == AKID).then(|| SECRET.to_owned());
        let target = request.uri().path_and_query().unwrap().as_str().to_owned();
        sigv4::verify(
            request.method(),
            &target,
            request.headers(),
            c.body,
            &lookup,
            time + Duration::from_secs(30),
        )
        .unwrap_or_else(|e| panic!("{} {}: {e}", c.method, c.target));
    }
}

// ----- verification failures ------------------------------------------------------

fn signed_request() -> (HeaderMap, SystemTime) {
    let creds = Credentials::new(AKID, SECRET);
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let mut map = headers(&[
        ("host", "messaging-chime.us-east-1.amazonaws.com"),
        ("content-type", "application/json"),
        (
            "x-amz-chime-bearer",
            "arn:aws:chime:us-east-1:1:app-instance/a/user/b",
        ),
    ]);
    let params = SigningParams {
        credentials: &creds,
        region: "us-east-1",
        service: "chime",
        time,
    };
    sigv4::sign(
        &Method::POST,
        "/channels/c1/messages?x=1",
        &mut map,
        b"{\"a\":1}",
        &params,
    )
    .unwrap();
    (map, time)
}

fn lookup(id: &str) -> Option<String> {
    (id == AKID).then(|| SECRET.to_owned())
}

#[test]
fn verify_accepts_the_untouched_request() {
    let (map, time) = signed_request();
    let who = sigv4::verify(
        &Method::POST,
        "/channels/c1/messages?x=1",
        &map,
        b"{\"a\":1}",
        &lookup,
        time + Duration::from_secs(14 * 60),
    )
    .unwrap();
    assert_eq!(who.access_key_id, AKID);
    assert_eq!(who.region, "us-east-1");
    assert_eq!(who.service, "chime");
    assert_eq!(who.signed_at, time);
    assert_eq!(who.session_token, None);
}

#[test]
fn verify_rejects_tampering() {
    let (map, time) = signed_request();
    let target = "/channels/c1/messages?x=1";
    let body: &[u8] = b"{\"a\":1}";
    let check = |method: &Method, target: &str, map: &HeaderMap, body: &[u8]| {
        sigv4::verify(method, target, map, body, &lookup, time)
    };
    assert_eq!(
        check(&Method::POST, target, &map, b"{\"a\":2}"),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        check(&Method::POST, "/channels/c2/messages?x=1", &map, body),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        check(&Method::POST, "/channels/c1/messages?x=2", &map, body),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        check(&Method::PUT, target, &map, body),
        Err(SignatureError::Mismatch)
    );
    let mut changed = map.clone();
    changed.insert(
        "x-amz-chime-bearer",
        HeaderValue::from_static("arn:aws:chime:us-east-1:1:app-instance/a/user/evil"),
    );
    assert_eq!(
        check(&Method::POST, target, &changed, body),
        Err(SignatureError::Mismatch)
    );
    let mut changed = map.clone();
    changed.insert("host", HeaderValue::from_static("evil.example.com"));
    assert_eq!(
        check(&Method::POST, target, &changed, body),
        Err(SignatureError::Mismatch)
    );
    // An unsigned header may change freely.
    let mut changed = map.clone();
    changed.insert("user-agent", HeaderValue::from_static("other"));
    assert!(check(&Method::POST, target, &changed, body).is_ok());
    // A signed header that disappears is reported as such.
    let mut changed = map.clone();
    changed.remove("content-type");
    assert!(matches!(
        check(&Method::POST, target, &changed, body),
        Err(SignatureError::Malformed(_))
    ));
    // A wrong secret is a mismatch; an unknown key id is reported as such.
    let wrong = |_: &str| Some("not-the-secret".to_owned());
    assert_eq!(
        sigv4::verify(&Method::POST, target, &map, body, &wrong, time),
        Err(SignatureError::Mismatch)
    );
    let nobody = |_: &str| None;
    assert_eq!(
        sigv4::verify(&Method::POST, target, &map, body, &nobody, time),
        Err(SignatureError::UnknownAccessKey(AKID.to_owned()))
    );
}

#[test]
fn verify_rejects_stale_and_future_dates() {
    let (map, time) = signed_request();
    let target = "/channels/c1/messages?x=1";
    let body: &[u8] = b"{\"a\":1}";
    for now in [
        time + Duration::from_secs(15 * 60 + 1),
        time - Duration::from_secs(15 * 60 + 1),
        time + Duration::from_secs(86_400 * 365),
    ] {
        let result = sigv4::verify(&Method::POST, target, &map, body, &lookup, now);
        assert!(
            matches!(result, Err(SignatureError::Expired { .. })),
            "{result:?}"
        );
    }
    assert!(sigv4::verify(
        &Method::POST,
        target,
        &map,
        body,
        &lookup,
        time - Duration::from_secs(15 * 60)
    )
    .is_ok());
}

#[test]
fn verify_survives_malformed_authorization_headers() {
    let (map, time) = signed_request();
    let target = "/channels/c1/messages?x=1";
    let good = map
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let sig_at = good.find("Signature=").unwrap();
    let junk: Vec<String> = vec![
        String::new(),
        " ".into(),
        "AWS4-HMAC-SHA256".into(),
        "AWS4-HMAC-SHA256 ".into(),
        "AWS4-HMAC-SHA256x Credential=a".into(),
        "Basic dXNlcjpwYXNz".into(),
        "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=".into(),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/chime/aws4_request".into(),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2023111/us-east-1/chime/aws4_request, SignedHeaders=host, Signature=00".into(),
        "AWS4-HMAC-SHA256 Credential=/20231114/us-east-1/chime/aws4_request, SignedHeaders=host;x-amz-date, Signature=".into(),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/chime/aws4_reques, SignedHeaders=host, Signature=aa".into(),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114//chime/aws4_request, SignedHeaders=host, Signature=aa".into(),
        "AWS4-HMAC-SHA256 Credential==, SignedHeaders===, Signature===".into(),
        "AWS4-HMAC-SHA256 ,,,,,".into(),
        "AWS4-HMAC-SHA256 Credential".into(),
        format!("{}Signature=zz", &good[..sig_at]),
        format!("{}Signature={}", &good[..sig_at], "0".repeat(63)),
        format!("{}Signature={}", &good[..sig_at], "é".repeat(32)),
        format!("{good}, Signature={}", "0".repeat(64)),
        format!("{good}, Extra=1"),
        good.replace("SignedHeaders=", "SignedHeaders=zzz;"),
        good.replace("host;", "Host;"),
        good.replace("content-type;host;", "host;content-type;"),
        good.replace("content-type;host;", ""),
        good.replace("content-type;", "content-type;;"),
        good.replace("content-type;", "content type;"),
        good.replace("/aws4_request", ""),
        good.replace("Credential=AKIDEXAMPLE/", "Credential=AKIDEXAMPLE/x/"),
    ];
    for auth in junk {
        let mut changed = map.clone();
        match HeaderValue::from_str(&auth) {
            Ok(value) => {
                changed.insert("authorization", value);
            }
            Err(_) => continue,
        }
        let result = sigv4::verify(&Method::POST, target, &changed, b"{\"a\":1}", &lookup, time);
        assert!(result.is_err(), "accepted {auth:?}");
    }
    // Non-UTF-8 bytes, duplicates, a missing header, a bad date.
    let mut changed = map.clone();
    changed.insert(
        "authorization",
        HeaderValue::from_bytes(b"AWS4-HMAC-SHA256 Credential=\xff\xfe").unwrap(),
    );
    assert!(sigv4::verify(&Method::POST, target, &changed, b"", &lookup, time).is_err());
    let mut changed = map.clone();
    changed.append("authorization", HeaderValue::from_str(&good).unwrap());
    assert!(sigv4::verify(&Method::POST, target, &changed, b"", &lookup, time).is_err());
    let mut changed = map.clone();
    changed.remove("authorization");
    assert_eq!(
        sigv4::verify(&Method::POST, target, &changed, b"", &lookup, time),
        Err(SignatureError::MissingAuthorization)
    );
    for date in ["", "yesterday", "20231114T221320", "99999999T999999Z"] {
        let mut changed = map.clone();
        changed.insert("x-amz-date", HeaderValue::from_str(date).unwrap());
        assert!(sigv4::verify(&Method::POST, target, &changed, b"", &lookup, time).is_err());
    }
    let mut changed = map.clone();
    changed.remove("x-amz-date");
    assert!(sigv4::verify(&Method::POST, target, &changed, b"", &lookup, time).is_err());
}

#[test]
fn verify_reports_error_codes() {
    assert_eq!(
        SignatureError::MissingAuthorization.code(),
        "MissingAuthenticationTokenException"
    );
    assert_eq!(SignatureError::Mismatch.code(), "InvalidSignatureException");
    assert!(SignatureError::Malformed("x".into())
        .to_string()
        .contains('x'));
}

#[test]
fn verify_requires_a_sent_token_to_be_signed() {
    let (mut map, time) = signed_request();
    map.insert("x-amz-security-token", HeaderValue::from_static("smuggled"));
    assert!(matches!(
        sigv4::verify(
            &Method::POST,
            "/channels/c1/messages?x=1",
            &map,
            b"{\"a\":1}",
            &lookup,
            time
        ),
        Err(SignatureError::Malformed(_))
    ));
}
