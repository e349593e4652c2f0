//! The generated server over real HTTP/1.1 on loopback, spoken to with a
//! raw hyper client.

mod server_support;

use http_body_util::BodyExt;
use hyper::body::Bytes;
use server_support::{Echo, BEARER, CHANNEL_ARN, CHANNEL_ARN_ENCODED};

async fn exchange(
    addr: std::net::SocketAddr,
    request: http::Request<http_body_util::Full<Bytes>>,
) -> (http::response::Parts, serde_json::Value) {
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("handshake");
    tokio::spawn(connection);
    let response = sender.send_request(request).await.expect("a response");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("a body").to_bytes();
    let value = if bytes.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(&bytes).expect("JSON")
    };
    (parts, value)
}

fn request(method: &str, uri: &str, body: &str) -> http::Request<http_body_util::Full<Bytes>> {
    http::Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "localhost")
        .header("content-type", "application/json")
        .header("x-amz-chime-bearer", BEARER)
        .body(http_body_util::Full::new(Bytes::from(body.to_owned())))
        .expect("request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_listener_answers_over_http() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(chime_sdk_messaging::server::serve_listener(listener, Echo));

    // A success.
    let (parts, body) = exchange(
        addr,
        request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}"), ""),
    )
    .await;
    assert_eq!(parts.status, 200);
    assert_eq!(body["Channel"]["ChannelArn"], CHANNEL_ARN);
    let id = parts
        .headers
        .get("x-amzn-requestid")
        .and_then(|v| v.to_str().ok())
        .expect("a request id");
    assert_eq!(body["Channel"]["Name"], id);

    // A created resource.
    let body = r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#;
    let (parts, value) = exchange(
        addr,
        request(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/messages"),
            body,
        ),
    )
    .await;
    assert_eq!(parts.status, 201);
    assert_eq!(value["MessageId"], "m-1");

    // Errors: unknown route, validation, modeled error, unimplemented.
    let (parts, value) = exchange(addr, request("GET", "/nowhere", "")).await;
    assert_eq!(parts.status, 404);
    assert_eq!(
        parts.headers["x-amzn-errortype"],
        "UnknownOperationException"
    );
    assert!(value["message"]
        .as_str()
        .is_some_and(|m| m.contains("/nowhere")));

    let invalid = r#"{"Content":"","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#;
    let (parts, value) = exchange(
        addr,
        request(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/messages"),
            invalid,
        ),
    )
    .await;
    assert_eq!(parts.status, 400);
    assert_eq!(parts.headers["x-amzn-errortype"], "BadRequestException");
    assert!(value["Message"]
        .as_str()
        .is_some_and(|m| m.contains("'/Content'")));

    let conflict = r#"{"Content":"conflict","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#;
    let (parts, _) = exchange(
        addr,
        request(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/messages"),
            conflict,
        ),
    )
    .await;
    assert_eq!(parts.status, 409);
    assert_eq!(parts.headers["x-amzn-errortype"], "ConflictException");

    let (parts, _) = exchange(
        addr,
        request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}/bans"), ""),
    )
    .await;
    assert_eq!(parts.status, 501);
    assert_eq!(parts.headers["x-amzn-errortype"], "NotImplemented");

    // A body over the default limit (1 MiB) is refused before it is read in full.
    let big = "x".repeat(chime_sdk_messaging::rt::server::DEFAULT_BODY_LIMIT + 1);
    let (parts, _) = exchange(
        addr,
        request(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/messages"),
            &big,
        ),
    )
    .await;
    assert_eq!(parts.status, 413);

    // A client that sends garbage and hangs up does not take the server down.
    {
        use std::io::Write;
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        stream.write_all(b"NOT HTTP AT ALL\r\n\r\n").expect("write");
    }
    let (parts, _) = exchange(
        addr,
        request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}"), ""),
    )
    .await;
    assert_eq!(parts.status, 200);

    server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_with_shutdown_stops_accepting() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = chime_sdk_messaging::server::router(Echo);
    let server = tokio::spawn(router.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    let (parts, _) = exchange(
        addr,
        request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}"), ""),
    )
    .await;
    assert_eq!(parts.status, 200);
    stop.send(()).expect("the server is running");
    let result = tokio::time::timeout(std::time::Duration::from_secs(5), server)
        .await
        .expect("it stops")
        .expect("no panic");
    assert!(result.is_ok());
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "the listener is closed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_binds_an_address() {
    // Find a free port, then let `serve` bind it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let server = tokio::spawn(chime_sdk_messaging::server::serve(addr, Echo));
    let mut answer = None;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            answer = Some(
                exchange(
                    addr,
                    request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}"), ""),
                )
                .await,
            );
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (parts, _) = answer.expect("the server came up");
    assert_eq!(parts.status, 200);
    server.abort();

    // A port already in use is an error, not a panic.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let result =
        chime_sdk_messaging::server::serve(taken.local_addr().expect("address"), Echo).await;
    assert!(result.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_generated_client_talks_to_the_generated_server() {
    use chime_sdk_messaging::client::{Client, Config, Credentials};
    use chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let router = chime_sdk_messaging::server::router(Echo)
        .with_signature_verification(|key| (key == "AKIDLOOP").then(|| "loop-secret".to_owned()));
    let server = tokio::spawn(router.serve_listener(listener));
    let client = |secret: &str| {
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url(format!("http://{addr}"))
            .credentials(Credentials::new("AKIDLOOP", secret))
            .max_attempts(1)
            .build()
            .expect("config");
        Client::new(config)
    };
    let good = client("loop-secret");

    // Signed, labelled, idempotency token filled in by the client: 201.
    let (sent, meta) = good
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("over the wire")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(BEARER)
        .send_with_meta()
        .await
        .expect("sent");
    assert_eq!(sent.channel_arn.as_deref(), Some(CHANNEL_ARN));
    assert_eq!(meta.status, 201);
    assert!(meta.request_id.as_deref().is_some_and(|id| id.len() == 36));

    // The verified identity reaches the implementation.
    let described = good
        .describe_channel()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send()
        .await
        .expect("described");
    let channel = described.channel.expect("a channel");
    assert_eq!(
        channel.metadata.as_deref(),
        Some("AKIDLOOP us-east-1 chime true")
    );

    // Validation failures arrive as the modeled BadRequestException.
    let error = good
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(BEARER)
        .send()
        .await
        .expect_err("invalid");
    assert!(error.is_bad_request_exception(), "{error:?}");
    assert!(error.to_string().contains("'/Content'"), "{error}");
    assert_eq!(error.status(), Some(400));

    // Modeled errors from the implementation keep their variant.
    let error = good
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("conflict")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(BEARER)
        .send()
        .await
        .expect_err("conflict");
    assert!(error.is_conflict_exception(), "{error:?}");

    // Unimplemented operations: an unhandled 501 with its code.
    let error = good
        .list_channel_bans()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send()
        .await
        .expect_err("501");
    assert_eq!(error.status(), Some(501));
    assert_eq!(error.code(), Some("NotImplemented"));

    // A wrong secret: 403.
    let error = client("not the secret")
        .describe_channel()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send()
        .await
        .expect_err("forged");
    assert_eq!(error.status(), Some(403));
    assert_eq!(error.code(), Some("InvalidSignatureException"));

    server.abort();
}
