//! The default hyper transport against small servers on 127.0.0.1: real
//! HTTP/1.1, signatures checked on the server side, body caps, connection
//! failures. Every server serves a bounded number of connections and every
//! test runs under a time limit.

use std::convert::Infallible;
use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};

use tests::rt::client::transport::TransportOptions;
use tests::rt::client::{
    error_code, request_id, Config, Handle, HttpRequest, HttpTransport, HyperTransport, Request,
    ServiceInfo, TransportError, TransportErrorKind,
};
use tests::rt::sigv4::{self, Credentials};

static INFO: ServiceInfo = ServiceInfo {
    endpoint_prefix: "messaging-chime",
    signing_name: "chime",
    sdk_id: "Chime SDK Messaging",
    version: "0.1.0",
};

const LIMIT: Duration = Duration::from_secs(20);

/// Reads whatever the client sent first (the request head, for these tests).
async fn read_some(stream: &TcpStream) {
    let mut buffer = [0u8; 4096];
    loop {
        if stream.readable().await.is_err() {
            return;
        }
        match stream.try_read(&mut buffer) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            _ => return,
        }
    }
}

/// Writes all of `bytes`, giving up quietly if the client went away.
async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    verified: Result<String, String>,
    body: Vec<u8>,
}

async fn answer(
    request: hyper::Request<Incoming>,
    seen: Arc<Mutex<Vec<Seen>>>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let target = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let lookup = |id: &str| (id == "AKIDLOOP").then(|| "loop-secret".to_owned());
    let verified = sigv4::verify(
        &parts.method,
        &target,
        &parts.headers,
        &body,
        &lookup,
        SystemTime::now(),
    )
    .map(|who| who.access_key_id)
    .map_err(|e| e.to_string());
    seen.lock().unwrap().push(Seen {
        method: parts.method.to_string(),
        target: target.clone(),
        verified: verified.clone(),
        body: body.clone(),
    });

    let path = parts.uri.path().to_owned();
    let response = if verified.is_err() {
        hyper::Response::builder()
            .status(403)
            .header("x-amzn-errortype", "InvalidSignatureException")
            .body(Full::new(Bytes::from_static(
                b"{\"message\":\"bad signature\"}",
            )))
    } else if path == "/big" {
        hyper::Response::builder()
            .status(200)
            .body(Full::new(Bytes::from(vec![b'x'; 2 * 1024 * 1024])))
    } else if path == "/conflict" {
        hyper::Response::builder()
            .status(409)
            .header("x-amzn-requestid", "req-409")
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from_static(
                b"{\"__type\":\"com.amazonaws.chime#ConflictException\",\"Message\":\"busy\"}",
            )))
    } else if path == "/flaky"
        && seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.target == "/flaky")
            .count()
            == 1
    {
        hyper::Response::builder()
            .status(503)
            .body(Full::new(Bytes::new()))
    } else {
        let echo = format!(
            "{{\"method\":\"{}\",\"target\":\"{}\",\"length\":{}}}",
            parts.method,
            target,
            body.len()
        );
        hyper::Response::builder()
            .status(200)
            .header("x-amzn-requestid", "req-ok")
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(echo)))
    };
    Ok(response.unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new()))))
}

/// Starts a hyper server that serves at most `connections` connections.
async fn start_server(
    connections: usize,
) -> (String, Arc<Mutex<Vec<Seen>>>, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let task = tokio::spawn(async move {
        for _ in 0..connections {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let log = log.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request| answer(request, log.clone()));
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (format!("http://{address}"), seen, task)
}

fn config_for(url: &str) -> Config {
    Config::builder()
        .region("us-east-1")
        .endpoint_url(url)
        .credentials(Credentials::new("AKIDLOOP", "loop-secret"))
        .base_delay(Duration::from_millis(1))
        .build()
        .unwrap()
}

#[tokio::test]
async fn signed_requests_round_trip_over_real_http() {
    tokio::time::timeout(LIMIT, async {
        let (url, seen, server) = start_server(8).await;
        let handle = Handle::new(config_for(&url), &INFO);

        let mut request = Request::new(
            http::Method::POST,
            "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa/messages?note=a%20b&x=%2B",
        );
        request.headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        request.body = b"{\"Content\":\"hello\"}".to_vec();
        let response = handle.send("SendChannelMessage", request).await.unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(request_id(&response.headers).as_deref(), Some("req-ok"));
        let echo: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(echo["method"], "POST");
        assert_eq!(echo["length"], 19);

        let get = handle
            .send("ListChannels", Request::new(http::Method::GET, "/channels?max-results=3"))
            .await
            .unwrap();
        assert_eq!(get.status, 200);

        let log = seen.lock().unwrap().clone();
        assert_eq!(log.len(), 2);
        for entry in &log {
            assert_eq!(entry.verified.as_deref(), Ok("AKIDLOOP"), "{entry:?}");
        }
        assert_eq!(log[0].method, "POST");
        assert_eq!(log[0].body, b"{\"Content\":\"hello\"}");
        assert!(log[0].target.starts_with("/channels/arn%3Aaws"));
        server.abort();
    })
    .await
    .expect("the test finished in time");
}

#[tokio::test]
async fn error_responses_come_back_whole_and_5xx_is_retried() {
    tokio::time::timeout(LIMIT, async {
        let (url, seen, server) = start_server(8).await;
        let handle = Handle::new(config_for(&url), &INFO);

        let conflict = handle
            .send(
                "CreateChannel",
                Request::new(http::Method::POST, "/conflict"),
            )
            .await
            .unwrap();
        assert_eq!(conflict.status, 409);
        assert_eq!(error_code(&conflict).as_deref(), Some("ConflictException"));
        assert_eq!(seen.lock().unwrap().len(), 1, "a 409 is not retried");

        let flaky = handle
            .send("ListChannels", Request::new(http::Method::GET, "/flaky"))
            .await
            .unwrap();
        assert_eq!(flaky.status, 200);
        assert_eq!(seen.lock().unwrap().len(), 3, "one 503, then success");

        // Wrong secret: the server's verifier says no.
        let config = config_for(&url)
            .to_builder()
            .credentials(Credentials::new("AKIDLOOP", "wrong"))
            .build()
            .unwrap();
        let denied = Handle::new(config, &INFO)
            .send("ListChannels", Request::new(http::Method::GET, "/channels"))
            .await
            .unwrap();
        assert_eq!(denied.status, 403);
        assert_eq!(
            error_code(&denied).as_deref(),
            Some("InvalidSignatureException")
        );
        server.abort();
    })
    .await
    .expect("the test finished in time");
}

#[tokio::test]
async fn response_bodies_are_capped() {
    tokio::time::timeout(LIMIT, async {
        let (url, _seen, server) = start_server(4).await;
        let transport = HyperTransport::with_options(TransportOptions {
            max_response_body: 1024 * 1024,
            ..TransportOptions::default()
        })
        .unwrap();
        let config = config_for(&url)
            .to_builder()
            .transport(Arc::new(transport))
            .build()
            .unwrap();
        let error = Handle::new(config, &INFO)
            .send("Big", Request::new(http::Method::GET, "/big"))
            .await
            .unwrap_err();
        let cause = error
            .source()
            .unwrap()
            .downcast_ref::<TransportError>()
            .unwrap();
        assert_eq!(cause.kind(), TransportErrorKind::ResponseTooLarge);

        // Within the cap it is fine.
        let roomy = HyperTransport::with_options(TransportOptions {
            max_response_body: 4 * 1024 * 1024,
            ..TransportOptions::default()
        })
        .unwrap();
        let config = config_for(&url)
            .to_builder()
            .transport(Arc::new(roomy))
            .build()
            .unwrap();
        let big = Handle::new(config, &INFO)
            .send("Big", Request::new(http::Method::GET, "/big"))
            .await
            .unwrap();
        assert_eq!(big.body.len(), 2 * 1024 * 1024);
        server.abort();
    })
    .await
    .expect("the test finished in time");
}

/// A chunked response has no Content-Length; the cap must hold while reading.
#[tokio::test]
async fn chunked_bodies_are_capped_while_reading() {
    tokio::time::timeout(LIMIT, async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            read_some(&stream).await;
            let mut reply = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
            let chunk = vec![b'y'; 64 * 1024];
            for _ in 0..8 {
                reply.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                reply.extend_from_slice(&chunk);
                reply.extend_from_slice(b"\r\n");
            }
            reply.extend_from_slice(b"0\r\n\r\n");
            let _ = write_all(&stream, &reply).await;
        });
        let transport = HyperTransport::with_options(TransportOptions {
            max_response_body: 100 * 1024,
            ..TransportOptions::default()
        })
        .unwrap();
        let request = HttpRequest {
            method: http::Method::GET,
            uri: format!("http://{address}/stream").parse().unwrap(),
            headers: http::HeaderMap::new(),
            body: Vec::new(),
        };
        let error = transport.send(request).await.unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::ResponseTooLarge);
        server.abort();
    })
    .await
    .expect("the test finished in time");
}

#[tokio::test]
async fn refused_connections_are_connect_errors_and_retried() {
    tokio::time::timeout(LIMIT, async {
        // A port that was just free: nothing listens there any more.
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            listener.local_addr().unwrap().port()
        };
        let transport = HyperTransport::new().unwrap();
        let request = HttpRequest {
            method: http::Method::GET,
            uri: format!("http://127.0.0.1:{port}/").parse().unwrap(),
            headers: http::HeaderMap::new(),
            body: Vec::new(),
        };
        let error = transport.send(request).await.unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Connect);
        assert!(error.is_retryable());

        let error = Handle::new(config_for(&format!("http://127.0.0.1:{port}")), &INFO)
            .send("ListChannels", Request::new(http::Method::GET, "/channels"))
            .await
            .unwrap_err();
        assert!(error.to_string().contains("after 3 attempts"), "{error}");
    })
    .await
    .expect("the test finished in time");
}

/// `https` goes through rustls: against a plain-HTTP server the handshake
/// fails with an error (and does not hang).
#[tokio::test]
async fn https_uses_tls() {
    tokio::time::timeout(LIMIT, async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            read_some(&stream).await;
            let _ = write_all(
                &stream,
                b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n",
            )
            .await;
        });
        let transport = HyperTransport::new().unwrap();
        let request = HttpRequest {
            method: http::Method::GET,
            uri: format!("https://{address}/").parse().unwrap(),
            headers: http::HeaderMap::new(),
            body: Vec::new(),
        };
        let error = transport.send(request).await.unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
        server.abort();
    })
    .await
    .expect("the test finished in time");
}
