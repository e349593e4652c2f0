//! The generated Chime router in process: route ambiguity, labels, request
//! checks, validation messages, errors, request ids and SigV4.

mod server_support;

use server_support::{json, request, router, send, BEARER, CHANNEL_ARN, CHANNEL_ARN_ENCODED};

fn next_token(answer: &server_support::Answer) -> &str {
    answer
        .body
        .get("NextToken")
        .and_then(|t| t.as_str())
        .unwrap_or_default()
}

#[tokio::test]
async fn get_channels_is_told_apart_by_scope() {
    let r = router();
    let cases = [
        ("/channels?app-instance-arn=arn:aws:chime:us-east-1:1:app-instance/a", "ListChannels arn:aws:chime:us-east-1:1:app-instance/a"),
        ("/channels?scope=app-instance-user-memberships", "ListChannelMembershipsForAppInstanceUser"),
        (
            "/channels?scope=app-instance-user-moderated-channels&app-instance-user-arn=arn:aws:chime:us-east-1:1:app-instance/a/user/u",
            "ListChannelsModeratedByAppInstanceUser",
        ),
        (
            "/channels?channel-flow-arn=arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel-flow%2Ff&scope=channel-flow-associations",
            "ListChannelsAssociatedWithChannelFlow arn:aws:chime:us-east-1:1:app-instance/a/channel-flow/f",
        ),
        // A scope no route names leaves the route without query literals.
        ("/channels?scope=nothing-known&app-instance-arn=arn:aws:chime:us-east-1:1:app-instance/b", "ListChannels arn:aws:chime:us-east-1:1:app-instance/b"),
    ];
    for (uri, expected) in cases {
        let answer = send(&r, request("GET", uri, &[], "")).await;
        assert_eq!(answer.status, 200, "{uri}: {}", answer.body);
        assert_eq!(next_token(&answer), expected, "{uri}");
    }
}

#[tokio::test]
async fn query_literals_also_split_post_routes() {
    let r = router();
    // POST /channels is CreateChannel; POST /channels?operation=search is SearchChannels (unimplemented).
    let create = send(&r, json("POST", "/channels", r#"{"AppInstanceArn":"arn:aws:chime:us-east-1:1:app-instance/a","Name":"n","ClientRequestToken":"tok-123"}"#)).await;
    assert_eq!(create.status, 201, "{}", create.body);
    assert_eq!(
        create.body["ChannelArn"],
        "arn:aws:chime:us-east-1:1:app-instance/a/channel/n"
    );
    let search = send(
        &r,
        json(
            "POST",
            "/channels?operation=search",
            r#"{"Fields":[{"Key":"MEMBERS","Values":["x"],"Operator":"INCLUDES"}]}"#,
        ),
    )
    .await;
    search.expect(501, "NotImplemented");
    assert!(
        search.message().contains("SearchChannels"),
        "{}",
        search.body
    );
}

#[tokio::test]
async fn percent_encoded_arn_is_one_label() {
    let r = router();
    let answer = send(
        &r,
        request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}"), &[], ""),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["Channel"]["ChannelArn"], CHANNEL_ARN);

    // Lower-case hex decodes too.
    let lower = CHANNEL_ARN_ENCODED
        .replace("%2F", "%2f")
        .replace("%3A", "%3a");
    let answer = send(&r, request("GET", &format!("/channels/{lower}"), &[], "")).await;
    assert_eq!(answer.body["Channel"]["ChannelArn"], CHANNEL_ARN);

    // The same ARN with its query literal is another operation.
    let answer = send(&r, request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}?scope=app-instance-user-membership&app-instance-user-arn=arn:aws:chime:us-east-1:1:app-instance/a/user/u"), &[], "")).await;
    answer.expect(501, "NotImplemented");
    assert!(answer
        .message()
        .contains("DescribeChannelMembershipForAppInstanceUser"));

    // Unencoded, the `/` inside the ARN splits the path: no route has that shape.
    let answer = send(
        &r,
        request("GET", &format!("/channels/{CHANNEL_ARN}"), &[], ""),
    )
    .await;
    answer.expect(404, "UnknownOperationException");
}

#[tokio::test]
async fn labels_decode_inside_longer_paths() {
    let r = router();
    let body = r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#;
    let answer = send(
        &r,
        json(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/messages"),
            body,
        ),
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.body["ChannelArn"], CHANNEL_ARN);
    assert_eq!(answer.body["MessageId"], "m-1");
}

#[tokio::test]
async fn bad_percent_encoding_is_a_client_error() {
    let r = router();
    send(&r, request("GET", "/channels/arn%3", &[], ""))
        .await
        .expect(400, "SerializationException");
    send(&r, request("GET", "/channels/%FF%FE", &[], ""))
        .await
        .expect(400, "SerializationException");
    send(
        &r,
        request("GET", "/channels?app-instance-arn=%zz", &[], ""),
    )
    .await
    .expect(400, "SerializationException");
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let r = router();
    let answer = send(&r, request("GET", "/nothing/here", &[], "")).await;
    answer.expect(404, "UnknownOperationException");
    send(&r, request("GET", "/", &[], ""))
        .await
        .expect(404, "UnknownOperationException");
    send(&r, request("GET", "/channels/", &[], ""))
        .await
        .expect(404, "UnknownOperationException");
    send(&r, request("GET", "/channels//messages", &[], ""))
        .await
        .expect(404, "UnknownOperationException");

    let answer = send(&r, request("PATCH", "/channels", &[], "")).await;
    answer.expect(405, "MethodNotAllowedException");
    assert_eq!(answer.header("allow"), Some("GET, POST"));
}

#[tokio::test]
async fn unimplemented_operations_answer_501() {
    let r = router();
    let answer = send(
        &r,
        json(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/bans"),
            r#"{"MemberArn":"arn:aws:chime:us-east-1:1:app-instance/a/user/b"}"#,
        ),
    )
    .await;
    answer.expect(501, "NotImplemented");
    assert_eq!(
        answer.message(),
        "CreateChannelBan is not implemented by this server"
    );
}

#[tokio::test]
async fn success_codes_follow_the_http_trait() {
    let r = router();
    let answer = send(
        &r,
        request(
            "DELETE",
            &format!("/channels/{CHANNEL_ARN_ENCODED}"),
            &[],
            "",
        ),
    )
    .await;
    assert_eq!(answer.status, 204);
    assert!(answer.response.body().is_empty());
}

#[tokio::test]
async fn modeled_errors_keep_their_status_and_type() {
    let r = router();
    let body = r#"{"Content":"conflict","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#;
    let answer = send(
        &r,
        json(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/messages"),
            body,
        ),
    )
    .await;
    answer.expect(409, "ConflictException");
    assert_eq!(answer.message(), "the token was used for another message");
    assert_eq!(answer.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn a_panicking_implementation_is_a_500() {
    let r = router();
    let body = r#"{"Content":"panic","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#;
    let answer = send(
        &r,
        json(
            "POST",
            &format!("/channels/{CHANNEL_ARN_ENCODED}/messages"),
            body,
        ),
    )
    .await;
    answer.expect(500, "InternalFailure");
    // The router keeps serving.
    let answer = send(
        &r,
        request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}"), &[], ""),
    )
    .await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn malformed_bodies_answer_the_models_bad_request() {
    let r = router();
    let uri = format!("/channels/{CHANNEL_ARN_ENCODED}/messages");
    for body in [
        "{",
        "[]",
        "null",
        r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"} trailing"#,
        r#"{"Content":5,"Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#,
        r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123","MessageAttributes":{"k":{"StringValues":"x"}}}"#,
    ] {
        let answer = send(&r, json("POST", &uri, body)).await;
        // Chime lists BadRequestException on every operation, and its clients
        // know that error, so malformed input is answered with it.
        answer.expect(400, "BadRequestException");
        assert!(!answer.message().is_empty(), "{body}");
    }
    let answer = send(
        &r,
        json(
            "POST",
            &uri,
            r#"{"Content":5,"Type":"STANDARD","Persistence":"PERSISTENT"}"#,
        ),
    )
    .await;
    assert!(answer.message().contains("Content"), "{}", answer.body);
}

#[tokio::test]
async fn content_type_is_checked() {
    let r = router();
    let uri = format!("/channels/{CHANNEL_ARN_ENCODED}/messages");
    let body = r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#;
    send(
        &r,
        request("POST", &uri, &[("content-type", "text/plain")], body),
    )
    .await
    .expect(415, "UnsupportedMediaTypeException");
    send(&r, request("POST", &uri, &[], body))
        .await
        .expect(415, "UnsupportedMediaTypeException");
    let ok = send(
        &r,
        request(
            "POST",
            &uri,
            &[("content-type", "Application/JSON; charset=utf-8")],
            body,
        ),
    )
    .await;
    assert_eq!(ok.status, 201, "{}", ok.body);

    // DeleteChannel has no body: a body with a content type is refused, an
    // empty one with a content type (as some SDKs send) is fine.
    let delete = format!("/channels/{CHANNEL_ARN_ENCODED}");
    send(
        &r,
        request(
            "DELETE",
            &delete,
            &[("content-type", "application/json")],
            "{}",
        ),
    )
    .await
    .expect(415, "UnsupportedMediaTypeException");
    assert_eq!(
        send(
            &r,
            request(
                "DELETE",
                &delete,
                &[("content-type", "application/json")],
                ""
            )
        )
        .await
        .status,
        204
    );
}

#[tokio::test]
async fn accept_is_checked() {
    let r = router();
    let uri = format!("/channels/{CHANNEL_ARN_ENCODED}");
    for accept in [
        "text/html",
        "application/json;q=0",
        "application/xml, text/*",
    ] {
        send(&r, request("GET", &uri, &[("accept", accept)], ""))
            .await
            .expect(406, "NotAcceptableException");
    }
    for accept in [
        "application/json",
        "*/*",
        "application/*",
        "text/html, application/json;q=0.5",
        "*/*;q=0.1",
        "",
    ] {
        let answer = send(&r, request("GET", &uri, &[("accept", accept)], "")).await;
        assert_eq!(answer.status, 200, "Accept: {accept}");
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let r = router().with_body_limit(64);
    let uri = format!("/channels/{CHANNEL_ARN_ENCODED}/messages");
    let big = format!(
        r#"{{"Content":"{}","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}}"#,
        "x".repeat(100)
    );
    send(&r, json("POST", &uri, &big))
        .await
        .expect(413, "RequestEntityTooLargeException");
    let small = r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT"}"#;
    assert_ne!(send(&r, json("POST", &uri, small)).await.status, 413);
}

#[tokio::test]
async fn the_tower_service_reads_bodies_with_the_limit() {
    use http_body_util::BodyExt;
    use tower_service::Service;
    let mut r = router().with_body_limit(128);
    let uri = format!("/channels/{CHANNEL_ARN_ENCODED}/messages");
    let body = r#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"t1"}"#;
    let call = |body: String, length: Option<usize>| {
        let mut builder = http::Request::builder()
            .method("POST")
            .uri(uri.as_str())
            .header("content-type", "application/json")
            .header("x-amz-chime-bearer", BEARER);
        if let Some(length) = length {
            builder = builder.header("content-length", length.to_string());
        }
        builder
            .body(http_body_util::Full::new(hyper::body::Bytes::from(body)))
            .expect("request")
    };

    let response = r
        .call(call(body.to_owned(), None))
        .await
        .expect("infallible");
    assert_eq!(response.status(), 201);
    assert!(response.headers().contains_key("x-amzn-requestid"));
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(value["MessageId"], "m-1");

    // Over the limit, with and without a declared length.
    let big = "x".repeat(129);
    let response = r
        .call(call(big.clone(), Some(129)))
        .await
        .expect("infallible");
    assert_eq!(response.status(), 413);
    let response = r.call(call(big, None)).await.expect("infallible");
    assert_eq!(response.status(), 413);
    assert_eq!(
        response
            .headers()
            .get("x-amzn-errortype")
            .map(|v| v.as_bytes()),
        Some(&b"RequestEntityTooLargeException"[..])
    );
}

#[tokio::test]
async fn every_response_carries_a_fresh_request_id() {
    let r = router();
    let mut seen = std::collections::BTreeSet::new();
    for uri in [
        format!("/channels/{CHANNEL_ARN_ENCODED}"),
        "/nowhere".to_owned(),
        "/channels/arn%3".to_owned(),
    ] {
        for _ in 0..3 {
            let answer = send(&r, request("GET", &uri, &[], "")).await;
            let id = answer
                .header("x-amzn-requestid")
                .expect("a request id")
                .to_owned();
            assert_eq!(id.len(), 36, "{id}");
            if answer.status == 200 {
                // The handler saw the same id in its context.
                assert_eq!(answer.body["Channel"]["Name"], id.as_str());
            }
            assert!(seen.insert(id), "request ids repeat");
        }
    }
}

#[tokio::test]
async fn unsigned_requests_have_no_identity_but_signed_ones_do() {
    let r = router();
    let answer = send(
        &r,
        request("GET", &format!("/channels/{CHANNEL_ARN_ENCODED}"), &[], ""),
    )
    .await;
    assert_eq!(answer.body["Channel"]["Metadata"], "anonymous");
    let signed = signed_request(
        "AKIDTEST",
        "secret",
        "GET",
        &format!("/channels/{CHANNEL_ARN_ENCODED}"),
        b"",
    );
    let answer = send(&r, signed).await;
    assert_eq!(
        answer.body["Channel"]["Metadata"],
        "AKIDTEST us-east-1 chime false"
    );
}

/// A request signed like the generated client signs it.
fn signed_request(
    key: &str,
    secret: &str,
    method: &str,
    path_and_query: &str,
    body: &[u8],
) -> http::Request<Vec<u8>> {
    use chime_sdk_messaging::rt::sigv4;
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "host",
        http::HeaderValue::from_static("messaging-chime.us-east-1.amazonaws.com"),
    );
    headers.insert("x-amz-chime-bearer", http::HeaderValue::from_static(BEARER));
    if !body.is_empty() {
        headers.insert(
            "content-type",
            http::HeaderValue::from_static("application/json"),
        );
    }
    let credentials = sigv4::Credentials::new(key, secret);
    let params = sigv4::SigningParams {
        credentials: &credentials,
        region: "us-east-1",
        service: "chime",
        time: std::time::SystemTime::now(),
    };
    let method_value: http::Method = method.parse().expect("method");
    sigv4::sign(&method_value, path_and_query, &mut headers, body, &params).expect("signing works");
    let mut request = http::Request::builder()
        .method(method)
        .uri(path_and_query)
        .body(body.to_vec())
        .expect("request");
    *request.headers_mut() = headers;
    request
}

#[tokio::test]
async fn signatures_are_verified_when_asked() {
    let r = router()
        .with_signature_verification(|key| (key == "AKIDTEST").then(|| "secret".to_owned()));
    let uri = format!("/channels/{CHANNEL_ARN_ENCODED}");

    let answer = send(&r, request("GET", &uri, &[], "")).await;
    answer.expect(403, "MissingAuthenticationTokenException");

    let answer = send(
        &r,
        signed_request("AKIDTEST", "wrong secret", "GET", &uri, b""),
    )
    .await;
    answer.expect(403, "InvalidSignatureException");

    let answer = send(&r, signed_request("AKIDOTHER", "secret", "GET", &uri, b"")).await;
    answer.expect(403, "UnrecognizedClientException");

    let answer = send(&r, signed_request("AKIDTEST", "secret", "GET", &uri, b"")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.body["Channel"]["Metadata"],
        "AKIDTEST us-east-1 chime true"
    );

    // A signed body that is changed afterwards no longer verifies.
    let body = br#"{"Content":"hi","Type":"STANDARD","Persistence":"PERSISTENT","ClientRequestToken":"tok-123"}"#;
    let messages = format!("{uri}/messages");
    let mut forged = signed_request("AKIDTEST", "secret", "POST", &messages, body);
    assert_eq!(send(&r, forged.clone()).await.status, 201);
    forged.body_mut()[13] = b'X';
    send(&r, forged)
        .await
        .expect(403, "InvalidSignatureException");

    // Unknown routes are not revealed to unsigned callers.
    send(&r, request("GET", "/nowhere", &[], ""))
        .await
        .expect(403, "MissingAuthenticationTokenException");
}

#[tokio::test]
async fn well_formed_signatures_can_be_required_without_secrets() {
    let r = router().with_signed_requests_required();
    let uri = format!("/channels/{CHANNEL_ARN_ENCODED}");
    send(&r, request("GET", &uri, &[], ""))
        .await
        .expect(403, "MissingAuthenticationTokenException");
    send(
        &r,
        request("GET", &uri, &[("authorization", "Bearer abc")], ""),
    )
    .await
    .expect(403, "IncompleteSignatureException");
    let answer = send(&r, signed_request("ANYKEY", "any secret", "GET", &uri, b"")).await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body["Channel"]["Metadata"],
        "ANYKEY us-east-1 chime false"
    );
}
