//! A small Chime service implementation and request helpers shared by the
//! `server_*` tests.

#![allow(dead_code)]

use chime_sdk_messaging::error;
use chime_sdk_messaging::rt::server::{RequestContext, Router};
use chime_sdk_messaging::server::{self, ChimeMessagingService, Dispatcher};
use chime_sdk_messaging::types;

pub const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/abc/channel/xyz";
pub const CHANNEL_ARN_ENCODED: &str =
    "arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fabc%2Fchannel%2Fxyz";
pub const APP_INSTANCE: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/abc";
pub const BEARER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/abc/user/alice";

/// Implements a handful of operations so that routing can be told apart by
/// what comes back; every other operation keeps its 501 default.
pub struct Echo;

impl ChimeMessagingService for Echo {
    async fn list_channels(
        &self,
        _ctx: &RequestContext,
        input: types::ListChannelsRequest,
    ) -> Result<types::ListChannelsResponse, error::ListChannelsError> {
        Ok(types::ListChannelsResponse::builder()
            .next_token(format!("ListChannels {}", input.app_instance_arn))
            .build())
    }

    async fn list_channel_memberships_for_app_instance_user(
        &self,
        _ctx: &RequestContext,
        _input: types::ListChannelMembershipsForAppInstanceUserRequest,
    ) -> Result<
        types::ListChannelMembershipsForAppInstanceUserResponse,
        error::ListChannelMembershipsForAppInstanceUserError,
    > {
        Ok(
            types::ListChannelMembershipsForAppInstanceUserResponse::builder()
                .next_token("ListChannelMembershipsForAppInstanceUser")
                .build(),
        )
    }

    async fn list_channels_moderated_by_app_instance_user(
        &self,
        _ctx: &RequestContext,
        _input: types::ListChannelsModeratedByAppInstanceUserRequest,
    ) -> Result<
        types::ListChannelsModeratedByAppInstanceUserResponse,
        error::ListChannelsModeratedByAppInstanceUserError,
    > {
        Ok(
            types::ListChannelsModeratedByAppInstanceUserResponse::builder()
                .next_token("ListChannelsModeratedByAppInstanceUser")
                .build(),
        )
    }

    async fn list_channels_associated_with_channel_flow(
        &self,
        _ctx: &RequestContext,
        input: types::ListChannelsAssociatedWithChannelFlowRequest,
    ) -> Result<
        types::ListChannelsAssociatedWithChannelFlowResponse,
        error::ListChannelsAssociatedWithChannelFlowError,
    > {
        Ok(
            types::ListChannelsAssociatedWithChannelFlowResponse::builder()
                .next_token(format!(
                    "ListChannelsAssociatedWithChannelFlow {}",
                    input.channel_flow_arn
                ))
                .build(),
        )
    }

    /// Echoes the decoded label as the ARN, the request id as the name and
    /// the caller's access key (with `verified`) as the metadata.
    async fn describe_channel(
        &self,
        ctx: &RequestContext,
        input: types::DescribeChannelRequest,
    ) -> Result<types::DescribeChannelResponse, error::DescribeChannelError> {
        let caller = match ctx.identity() {
            Some(identity) => format!(
                "{} {} {} {}",
                identity.access_key_id, identity.region, identity.service, identity.verified
            ),
            None => "anonymous".to_owned(),
        };
        let channel = types::Channel::builder()
            .channel_arn(input.channel_arn)
            .name(ctx.request_id().to_owned())
            .metadata(caller)
            .build();
        Ok(types::DescribeChannelResponse::builder()
            .channel(channel)
            .build())
    }

    async fn create_channel(
        &self,
        _ctx: &RequestContext,
        input: types::CreateChannelRequest,
    ) -> Result<types::CreateChannelResponse, error::CreateChannelError> {
        Ok(types::CreateChannelResponse::builder()
            .channel_arn(format!("{}/channel/{}", input.app_instance_arn, input.name))
            .build())
    }

    /// `conflict` answers a modeled 409; `panic` panics.
    async fn send_channel_message(
        &self,
        _ctx: &RequestContext,
        input: types::SendChannelMessageRequest,
    ) -> Result<types::SendChannelMessageResponse, error::SendChannelMessageError> {
        match input.content.as_str() {
            "conflict" => Err(types::ConflictException::builder()
                .message("the token was used for another message")
                .build()
                .into()),
            "panic" => panic!("the implementation panicked on purpose"),
            _ => Ok(types::SendChannelMessageResponse::builder()
                .channel_arn(input.channel_arn)
                .message_id("m-1")
                .build()),
        }
    }

    async fn delete_channel(
        &self,
        _ctx: &RequestContext,
        _input: types::DeleteChannelRequest,
    ) -> Result<types::DeleteChannelOutput, error::DeleteChannelError> {
        Ok(types::DeleteChannelOutput::builder().build())
    }
}

pub fn router() -> Router<Dispatcher<Echo>> {
    server::router(Echo)
}

/// A request with the Chime bearer header and the given extra headers.
pub fn request(
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("x-amz-chime-bearer", BEARER);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.as_bytes().to_vec())
        .expect("a valid test request")
}

/// A JSON request with the Chime bearer header.
pub fn json(method: &str, uri: &str, body: &str) -> http::Request<Vec<u8>> {
    request(method, uri, &[("content-type", "application/json")], body)
}

/// What came back: status, error type, parsed body, and the response.
pub struct Answer {
    pub status: u16,
    pub error_type: Option<String>,
    pub body: serde_json::Value,
    pub response: http::Response<Vec<u8>>,
}

impl Answer {
    pub fn message(&self) -> &str {
        self.body
            .get("Message")
            .or_else(|| self.body.get("message"))
            .and_then(|m| m.as_str())
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
    }

    #[track_caller]
    pub fn expect(&self, status: u16, error_type: &str) {
        assert_eq!(
            (self.status, self.error_type.as_deref().unwrap_or_default()),
            (status, error_type),
            "unexpected answer: {}",
            self.body
        );
    }
}

pub async fn send<O: chime_sdk_messaging::rt::server::Operations>(
    router: &Router<O>,
    request: http::Request<Vec<u8>>,
) -> Answer {
    let response = router.handle(request).await;
    let status = response.status().as_u16();
    let error_type = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = if response.body().is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(response.body()).unwrap_or(serde_json::Value::Null)
    };
    Answer {
        status,
        error_type,
        body,
        response,
    }
}
