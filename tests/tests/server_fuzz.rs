//! Random requests against the generated Chime router, in process: random
//! methods, paths built from real routes with hostile labels, random query
//! strings and headers, and bodies from near-valid JSON to invalid UTF-8
//! and deep nesting. The router must answer every one with a status and a
//! request id, and must never fail internally (a caught panic is a 500).
//!
//! `SERVER_FUZZ_SEED` and `SERVER_FUZZ_ITERATIONS` override the defaults.

mod server_support;

use std::collections::BTreeMap;

/// xorshift64*: small, fast, and reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "BREW",
];

/// Route shapes from the Chime model, with `{}` where a label goes.
const PATHS: &[&str] = &[
    "/channels",
    "/channels/{}",
    "/channels/{}/messages",
    "/channels/{}/messages/{}",
    "/channels/{}/memberships",
    "/channels/{}/memberships/{}",
    "/channels/{}/memberships/{}/preferences",
    "/channels/{}/moderators/{}",
    "/channels/{}/bans",
    "/channels/{}/channel-flow/{}",
    "/channels/{}/readMarker",
    "/channels/{}/subchannels",
    "/channels/{}/expiration-settings",
    "/channel-flows",
    "/channel-flows/{}",
    "/app-instances/{}/streaming-configurations",
    "/endpoints/messaging-session",
    "/tags",
    "/",
    "/{}",
    "/{}/{}/{}/{}",
];

const QUERY_KEYS: &[&str] = &[
    "scope",
    "operation",
    "max-results",
    "next-token",
    "app-instance-arn",
    "app-instance-user-arn",
    "channel-flow-arn",
    "privacy",
    "sort-order",
    "not-before",
    "not-after",
    "sub-channel-id",
    "member-arns",
    "type",
    "x",
];

const QUERY_VALUES: &[&str] = &[
    "app-instance-user-memberships",
    "app-instance-user-moderated-channels",
    "channel-flow-associations",
    "app-instance-user-membership",
    "message-status",
    "search",
    "redact",
    "batch-create",
    "tag-resource",
    "untag-resource",
    "channel-flow-callback",
    "0",
    "1",
    "50",
    "-1",
    "99999999999999999999",
    "1.5",
    "NaN",
    "PUBLIC",
    "ASCENDING",
    "2024-01-01T00:00:00Z",
    "1700000000",
    "arn:aws:chime:us-east-1:123456789012:app-instance/abc",
    "arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa",
    "%",
    "%zz",
    "%C3%28",
    "",
];

const ARN: &str =
    "arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fabc%2Fchannel%2Fxyz";

/// Characters a URI may carry, `%` included.
const URI_CHARS: &[u8] = b"abcXYZ019-._~:@!$&'()*+,;=%/";

fn label(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => ARN.to_owned(),
        1 => "..".to_owned(),
        2 => ".".to_owned(),
        3 => String::new(),
        4 => "%".to_owned(),
        5 => "%2".to_owned(),
        6 => "%FF%FE%FD".to_owned(),
        7 => "%E2%9C%93%F0%9F%91%8D".to_owned(),
        8 => "a".repeat(1 + rng.below(20_000)),
        9 => ARN.repeat(1 + rng.below(40)),
        _ => (0..rng.below(40))
            .map(|_| char::from(*rng.pick(URI_CHARS)))
            .collect(),
    }
}

fn path(rng: &mut Rng) -> String {
    let template = *rng.pick(PATHS);
    let mut out = String::new();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(&label(rng));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    if rng.chance(10) {
        out.push('/');
    }
    if rng.chance(5) {
        out = out.replace('/', "//");
    }
    out
}

fn query(rng: &mut Rng) -> String {
    let mut pairs = Vec::new();
    for _ in 0..rng.below(6) {
        let key = *rng.pick(QUERY_KEYS);
        let value = *rng.pick(QUERY_VALUES);
        pairs.push(match rng.below(6) {
            0 => key.to_owned(),
            1 => format!("{key}="),
            2 => format!("={value}"),
            _ => format!("{key}={value}"),
        });
    }
    if rng.chance(5) {
        pairs.push("&&=&".to_owned());
    }
    pairs.join("&")
}

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-amz-json-1.1",
    "",
    ";;;",
    "*/*",
];
const ACCEPTS: &[&str] = &[
    "application/json",
    "*/*",
    "text/html",
    "application/json;q=0",
    "application/*;q=0.5, text/plain",
    ",,,",
    "q=1",
];

fn headers(rng: &mut Rng) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if rng.chance(80) {
        out.push((
            "content-type".to_owned(),
            rng.pick(CONTENT_TYPES).as_bytes().to_vec(),
        ));
    }
    if rng.chance(30) {
        out.push(("accept".to_owned(), rng.pick(ACCEPTS).as_bytes().to_vec()));
    }
    if rng.chance(85) {
        let bearer = match rng.below(4) {
            0 => "x".to_owned(),
            1 => {
                "arn:aws:chime:us-east-1:1:app-instance/a/user/".to_owned()
                    + &"u".repeat(rng.below(3000))
            }
            _ => server_support::BEARER.to_owned(),
        };
        out.push(("x-amz-chime-bearer".to_owned(), bearer.into_bytes()));
    }
    if rng.chance(15) {
        let junk = [
            "AWS4-HMAC-SHA256",
            "AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request, SignedHeaders=host, Signature=00",
            "Bearer x",
            "",
        ];
        out.push((
            "authorization".to_owned(),
            rng.pick(&junk).as_bytes().to_vec(),
        ));
    }
    for _ in 0..rng.below(4) {
        let name = *rng.pick(&[
            "x-amz-date",
            "x-random",
            "host",
            "content-length",
            "x-amz-chime-bearer",
            "accept",
        ]);
        let value: Vec<u8> = (0..rng.below(30))
            .map(|_| 0x20 + (rng.next() % 0x5f) as u8)
            .collect();
        out.push((name.to_owned(), value));
    }
    out
}

const BODIES: &[&str] = &[
    r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#,
    r#"{"AppInstanceArn":"arn:aws:chime:us-east-1:1:app-instance/a","Name":"n","ClientRequestToken":"tok-123","Tags":[{"Key":"k","Value":"v"}]}"#,
    r#"{"Fields":[{"Key":"MEMBERS","Values":["x"],"Operator":"INCLUDES"}],"MaxResults":5}"#,
    r#"{"MemberArns":["arn:aws:chime:us-east-1:1:app-instance/a/user/b"],"Type":"DEFAULT"}"#,
    r#"{"ExpirationSettings":{"ExpirationDays":5,"ExpirationCriterion":"CREATED_TIMESTAMP"}}"#,
    r#"{"Preferences":{"PushNotifications":{"AllowNotifications":"FILTERED","FilterRule":"{}"}}}"#,
    r#"{"Processors":[{"Name":"p","Configuration":{"Lambda":{"ResourceArn":"arn:aws:lambda:us-east-1:123456789012:function:f","InvocationType":"ASYNC"}},"ExecutionOrder":1,"FallbackAction":"CONTINUE"}]}"#,
    r#"{"StreamingConfigurations":[{"DataType":"Channel","ResourceArn":"arn:aws:kinesis:us-east-1:1:stream/s"}]}"#,
    r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123","MessageAttributes":{"k":{"StringValues":["v"]}},"PushNotification":{"Title":"t","Body":"b","Type":"VOIP"},"Target":[{"MemberArn":"arn:aws:chime:us-east-1:1:app-instance/a/user/b"}]}"#,
];

/// Requests the test implementation answers with success.
const VALID: &[(&str, &str, &str)] = &[
    ("GET", "/channels/{}", ""),
    ("DELETE", "/channels/{}", ""),
    (
        "GET",
        "/channels?app-instance-arn=arn:aws:chime:us-east-1:1:app-instance/a",
        "",
    ),
    ("GET", "/channels?scope=app-instance-user-memberships", ""),
    (
        "POST",
        "/channels/{}/messages",
        r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#,
    ),
    (
        "POST",
        "/channels",
        r#"{"AppInstanceArn":"arn:aws:chime:us-east-1:1:app-instance/a","Name":"n","ClientRequestToken":"tok-123"}"#,
    ),
];

fn body(rng: &mut Rng) -> Vec<u8> {
    match rng.below(10) {
        0 => Vec::new(),
        1 => (0..rng.below(200)).map(|_| rng.next() as u8).collect(),
        2 => {
            let depth = 1 + rng.below(200_000);
            let mut nested = "[".repeat(depth).into_bytes();
            nested.extend(std::iter::repeat_n(b']', rng.below(depth + 1)));
            nested
        }
        3 => {
            let depth = 1 + rng.below(50_000);
            format!("{}1{}", r#"{"Content":"#.repeat(depth), "}".repeat(depth)).into_bytes()
        }
        4 => format!(
            r#"{{"Content":"{}","Type":"STANDARD","Persistence":"PERSISTENT"}}"#,
            "\\ud83d".repeat(rng.below(500))
        )
        .into_bytes(),
        5 => {
            r#"{"MaxResults":1e999999,"Content":-0.0e-99999,"Type":123456789012345678901234567890}"#
                .as_bytes()
                .to_vec()
        }
        _ => {
            let mut bytes = rng.pick(BODIES).as_bytes().to_vec();
            for _ in 0..rng.below(4) {
                if bytes.is_empty() {
                    break;
                }
                let at = rng.below(bytes.len());
                match rng.below(4) {
                    0 => bytes[at] = rng.next() as u8,
                    1 => bytes.truncate(at),
                    2 => {
                        bytes.remove(at);
                    }
                    _ => {
                        let chunk = bytes[at..].to_vec();
                        bytes.extend_from_slice(&chunk);
                    }
                }
            }
            bytes
        }
    }
}

#[tokio::test]
async fn random_requests_never_break_the_router() {
    let seed = std::env::var("SERVER_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x005E_ED0F_C41E);
    let iterations: usize = std::env::var("SERVER_FUZZ_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4000);
    let mut rng = Rng(seed | 1);
    let router = server_support::router().with_body_limit(256 * 1024);
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut skipped = 0;
    for i in 0..iterations {
        // One request in five starts from a valid one, so that the fuzzing
        // also reaches handlers and response writers.
        let (method, mut uri, mut headers, body) = if rng.chance(20) {
            let (method, uri, body) = *rng.pick(VALID);
            let headers = vec![
                ("content-type".to_owned(), b"application/json".to_vec()),
                (
                    "x-amz-chime-bearer".to_owned(),
                    server_support::BEARER.as_bytes().to_vec(),
                ),
            ];
            (
                method,
                uri.replace("{}", ARN),
                headers,
                body.as_bytes().to_vec(),
            )
        } else {
            (
                *rng.pick(METHODS),
                path(&mut rng),
                headers(&mut rng),
                body(&mut rng),
            )
        };
        let q = query(&mut rng);
        if rng.chance(50) && (!q.is_empty() || rng.chance(5)) {
            uri.push(if uri.contains('?') { '&' } else { '?' });
            uri.push_str(&q);
        }
        if rng.chance(10) {
            headers.push(("accept".to_owned(), rng.pick(ACCEPTS).as_bytes().to_vec()));
        }
        let mut builder = http::Request::builder().method(method).uri(uri.as_str());
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let request = match builder.body(body) {
            Ok(request) => request,
            // Not every random string is a URI `http` accepts; the router never sees those.
            Err(_) => {
                skipped += 1;
                continue;
            }
        };
        let summary = format!(
            "#{i} (seed {seed}): {method} {}",
            uri.chars().take(200).collect::<String>()
        );
        let response = router.handle(request).await;
        let status = response.status().as_u16();
        assert!((200..600).contains(&status), "{summary}: status {status}");
        assert_ne!(
            status,
            500,
            "{summary}: internal failure {}",
            String::from_utf8_lossy(response.body())
        );
        assert!(
            response.headers().contains_key("x-amzn-requestid"),
            "{summary}: no request id"
        );
        if status >= 400 {
            assert!(
                response.headers().contains_key("x-amzn-errortype"),
                "{summary}: no error type"
            );
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(response.body());
            assert!(
                parsed.is_ok_and(|v| v.is_object()),
                "{summary}: error body is not a JSON object"
            );
        }
        *statuses.entry(status).or_default() += 1;
    }
    eprintln!("statuses: {statuses:?}, skipped URIs: {skipped}");
    assert!(
        skipped < iterations / 2,
        "most random URIs were not even requests"
    );
    // The mix reaches deep into the router, not just its first checks.
    for status in [400, 404, 415, 501] {
        assert!(
            statuses.get(&status).is_some_and(|n| *n > 0),
            "no {status} in {statuses:?}"
        );
    }
    assert!(
        statuses.keys().any(|s| (200..300).contains(s)),
        "no success in {statuses:?}"
    );
}

#[tokio::test]
async fn random_bodies_through_the_tower_service() {
    use tower_service::Service;
    let mut rng = Rng(0xB0D1E5);
    let mut router = server_support::router().with_body_limit(4096);
    for _ in 0..300 {
        let uri = format!("/channels/{ARN}/messages");
        let bytes = body(&mut rng);
        let mut builder = http::Request::builder()
            .method("POST")
            .uri(uri)
            .header("content-type", "application/json");
        if rng.chance(30) {
            builder = builder.header("content-length", rng.below(10_000).to_string());
        }
        let request = builder
            .body(http_body_util::Full::new(hyper::body::Bytes::from(bytes)))
            .expect("request");
        let response = router.call(request).await.expect("infallible");
        let status = response.status().as_u16();
        assert!(
            (200..600).contains(&status) && status != 500,
            "status {status}"
        );
    }
}
