//! The generated client over real HTTP: the default `HyperTransport`
//! against a tiny hyper server on 127.0.0.1 that checks each request's
//! signature as it arrives and answers like the service would.

mod client_support;

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chime_sdk_messaging::client::{Client, Config, Credentials};
use chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};
use client_support::*;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// What the server saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    host: String,
    body: Vec<u8>,
    verified: Result<String, String>,
}

/// A server that stops when told, or after `IDLE` with no new connection,
/// whichever comes first.
struct Server {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

const IDLE: Duration = Duration::from_secs(20);

impl Server {
    async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stop, mut stopped) = watch::channel(false);
        let log = seen.clone();
        let task = tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    _ = stopped.changed() => break,
                    accepted = tokio::time::timeout(IDLE, listener.accept()) => accepted,
                };
                let Ok(Ok((stream, _))) = accepted else { break };
                let log = log.clone();
                let mut stopped = stopped.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| answer(request, log.clone()));
                    let connection = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service);
                    tokio::select! {
                        _ = connection => {}
                        _ = stopped.changed() => {}
                    }
                });
            }
        });
        Server {
            port,
            seen,
            stop,
            task,
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    async fn stop(self) {
        let _ = self.stop.send(true);
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("server did not stop")
            .unwrap();
    }
}

async fn answer(
    request: hyper::Request<Incoming>,
    log: Arc<Mutex<Vec<Seen>>>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map(|b| b.to_bytes().to_vec());
    let body = body.unwrap_or_default();
    let target = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let secret = |id: &str| (id == AKID).then(|| SECRET.to_owned());
    let verified = chime_sdk_messaging::rt::sigv4::verify(
        &parts.method,
        &target,
        &parts.headers,
        &body,
        &secret,
        fixed_time(),
    )
    .map(|who| format!("{}/{}/{}", who.access_key_id, who.region, who.service))
    .map_err(|e| e.to_string());
    log.lock().unwrap().push(Seen {
        method: parts.method.to_string(),
        target: target.clone(),
        host: parts
            .headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        body: body.clone(),
        verified: verified.clone(),
    });

    let reply = |status: u16, headers: &[(&str, &str)], body: String| {
        let mut response = hyper::Response::new(Full::new(Bytes::from(body)));
        *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap();
        for (name, value) in headers {
            response.headers_mut().insert(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                http::HeaderValue::from_str(value).unwrap(),
            );
        }
        Ok(response)
    };
    if verified.is_err() {
        return reply(
            403,
            &[("x-amzn-errortype", "ForbiddenException")],
            r#"{"Code":"Forbidden","Message":"bad signature"}"#.to_owned(),
        );
    }
    let json = [
        ("content-type", "application/json"),
        ("x-amzn-requestid", "loop-1"),
    ];
    let path = parts.uri.path();
    let query = parts.uri.query().unwrap_or_default();
    match (parts.method.as_str(), path) {
        ("POST", p) if p.ends_with("/messages") => {
            let input: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            let out = serde_json::json!({
                "ChannelArn": CHANNEL_ARN,
                "MessageId": format!("echo:{}", input["Content"].as_str().unwrap_or("?")),
                "Status": { "Value": "SENT" },
            });
            reply(201, &json, out.to_string())
        }
        ("GET", "/channels") => {
            let (names, next) = if query.contains("next-token=p2") {
                (vec!["c"], Some("p3"))
            } else if query.contains("next-token=p3") {
                (vec!["d", "e"], None)
            } else {
                (vec!["a", "b"], Some("p2"))
            };
            let channels: Vec<_> = names
                .iter()
                .map(|n| serde_json::json!({ "Name": n, "LastMessageTimestamp": 1.5 }))
                .collect();
            let mut out = serde_json::json!({ "Channels": channels });
            if let Some(next) = next {
                out["NextToken"] = next.into();
            }
            reply(200, &json, out.to_string())
        }
        ("DELETE", _) => reply(
            404,
            &[
                ("x-amzn-errortype", "NotFoundException:http://internal/"),
                ("x-amzn-requestid", "loop-404"),
            ],
            r#"{"Code":"NotFound","Message":"no such channel"}"#.to_owned(),
        ),
        _ => reply(
            400,
            &[("x-amzn-errortype", "BadRequestException")],
            "{}".to_owned(),
        ),
    }
}

fn loopback_client(port: u16) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::new(AKID, SECRET))
        .clock(Arc::new(fixed_time))
        .base_delay(Duration::from_millis(1))
        .attempt_timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    Client::new(config)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_over_loopback_http() {
    let server = Server::start().await;
    let client = loopback_client(server.port);

    // A message, with its label, body and signature checked on arrival.
    let (sent, meta) = client
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("over the wire")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(BEARER)
        .send_with_meta()
        .await
        .unwrap();
    assert_eq!(sent.message_id.as_deref(), Some("echo:over the wire"));
    assert_eq!(meta.status, 201);
    assert_eq!(meta.request_id.as_deref(), Some("loop-1"));

    // Three pages through the paginator, over one pooled connection or more.
    let mut pages = client
        .list_channels()
        .app_instance_arn(APP_INSTANCE_ARN)
        .chime_bearer(BEARER)
        .into_paginator()
        .items(|page| page.channels.unwrap_or_default());
    let mut names = Vec::new();
    while let Some(item) = pages.next_item().await {
        names.push(item.unwrap().name.unwrap());
    }
    assert_eq!(names, ["a", "b", "c", "d", "e"]);

    // A modeled error with its request id.
    let error = client
        .delete_channel()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            &*error,
            chime_sdk_messaging::error::DeleteChannelError::Unhandled(u)
                if u.code() == Some("NotFoundException")
        ),
        "DeleteChannel does not model NotFoundException: {error:?}"
    );
    assert_eq!(error.request_id(), Some("loop-404"));
    assert_eq!(error.status(), Some(404));

    let seen = server.seen();
    let port = server.port;
    server.stop().await;
    assert_eq!(seen.len(), 5, "{seen:#?}");
    for request in &seen {
        assert_eq!(
            request.verified.as_deref(),
            Ok("AKID/us-east-1/chime"),
            "{request:?}"
        );
        assert_eq!(request.host, format!("127.0.0.1:{port}"));
    }
    assert_eq!(seen[0].method, "POST");
    assert_eq!(
        seen[0].target,
        format!("/channels/{CHANNEL_ARN_ENCODED}/messages")
    );
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(body["Content"], "over the wire");
    assert!(is_uuid_v4(body["ClientRequestToken"].as_str().unwrap()));
    assert_eq!(seen[1].method, "GET");
    assert!(
        seen[2].target.ends_with("&next-token=p2"),
        "{}",
        seen[2].target
    );
    assert!(
        seen[3].target.ends_with("&next-token=p3"),
        "{}",
        seen[3].target
    );
    assert_eq!(seen[4].method, "DELETE");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_secret_is_rejected_by_the_server() {
    let server = Server::start().await;
    let config = loopback_client(server.port)
        .config()
        .to_builder()
        .credentials(Credentials::new(AKID, "not the secret"))
        .build()
        .unwrap();
    let error = Client::new(config)
        .list_channels()
        .app_instance_arn("a")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_forbidden_exception(), "{error:?}");
    let seen = server.seen();
    server.stop().await;
    assert_eq!(seen.len(), 1, "403 is not retried");
    assert!(seen[0].verified.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_refused_is_retried_then_reported() {
    // A port that was free a moment ago and has no listener now.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let config = loopback_client(port)
        .config()
        .to_builder()
        .max_attempts(2)
        .build()
        .unwrap();
    let error = Client::new(config)
        .list_channels()
        .app_instance_arn("a")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), None);
    assert!(error.to_string().contains("2 attempts"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_never_answers_times_out() {
    // Accepts connections and holds them open without a word.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let holder = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok(Ok((stream, _))) =
            tokio::time::timeout(Duration::from_secs(5), listener.accept()).await
        {
            held.push(stream);
        }
    });
    let config = loopback_client(port)
        .config()
        .to_builder()
        .attempt_timeout(Duration::from_millis(150))
        .max_attempts(2)
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let error = Client::new(config)
        .list_channels()
        .app_instance_arn("a")
        .chime_bearer(BEARER)
        .send()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(error.status(), None);
    assert!(error.to_string().contains("150ms"), "{error}");
    holder.abort();
}
