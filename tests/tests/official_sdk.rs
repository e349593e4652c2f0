//! The official AWS SDK for Rust (`aws-sdk-chimesdkmessaging`, from
//! crates.io) against the emulator, served in-process by the generated
//! router with real SigV4 verification (the SDK signs with static test
//! credentials, the router checks every signature).
//!
//! One scenario calls all 51 operations and checks each answer, pages
//! through lists with `MaxResults`/`NextToken` by hand and with the SDK's
//! paginators, and provokes the modeled errors, which the SDK must decode
//! into the right variants of each operation's error enum. An interceptor
//! on the SDK's side records every operation the SDK sent and the HTTP
//! status it got back; at the end each of the 51 names must have had a
//! 2xx answer, and the emulator's own call log must agree.
//!
//! The SDK is a dev-dependency without default features: it comes without
//! an HTTP client (and so without TLS and its C builds), and [`PlainHttp`]
//! gives it plain HTTP/1.1 on the hyper-util client this crate already
//! uses.

use aws_sdk_chimesdkmessaging as sdk;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::interceptors::context::FinalizerInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, Metadata};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use http_body_util::BodyExt;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::rt::TokioExecutor;
use sdk::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use sdk::operation::RequestId;
use sdk::operation::{
    create_channel::CreateChannelError, describe_channel::DescribeChannelError,
    describe_channel_ban::DescribeChannelBanError,
    describe_channel_membership::DescribeChannelMembershipError,
    get_channel_message::GetChannelMessageError,
    get_messaging_streaming_configurations::GetMessagingStreamingConfigurationsError,
    list_channel_messages::ListChannelMessagesError, list_channels::ListChannelsError,
    send_channel_message::SendChannelMessageError, tag_resource::TagResourceError,
};
use sdk::primitives::DateTime;
use sdk::types::{
    AllowNotifications, ChannelMembershipPreferences, ChannelMembershipType,
    ChannelMessageCallback, ChannelMessagePersistenceType, ChannelMessageStatus,
    ChannelMessageType, ChannelMode, ChannelPrivacy, ElasticChannelConfiguration, ErrorCode,
    ExpirationCriterion, ExpirationSettings, FallbackAction, InvocationType, LambdaConfiguration,
    MessageAttributeValue, MessagingDataType, NetworkType, Processor, ProcessorConfiguration,
    PushNotificationPreferences, SearchField, SearchFieldKey, SearchFieldOperator, SortOrder,
    StreamingConfiguration, Tag, Target,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tests::emulator::{Auth, Emulator, Running, OPERATIONS};

/// The 51 operations of Amazon Chime SDK Messaging, as the SDK names them.
const ALL_OPERATIONS: [&str; 51] = [
    "AssociateChannelFlow",
    "BatchCreateChannelMembership",
    "ChannelFlowCallback",
    "CreateChannel",
    "CreateChannelBan",
    "CreateChannelFlow",
    "CreateChannelMembership",
    "CreateChannelModerator",
    "DeleteChannel",
    "DeleteChannelBan",
    "DeleteChannelFlow",
    "DeleteChannelMembership",
    "DeleteChannelMessage",
    "DeleteChannelModerator",
    "DeleteMessagingStreamingConfigurations",
    "DescribeChannel",
    "DescribeChannelBan",
    "DescribeChannelFlow",
    "DescribeChannelMembership",
    "DescribeChannelMembershipForAppInstanceUser",
    "DescribeChannelModeratedByAppInstanceUser",
    "DescribeChannelModerator",
    "DisassociateChannelFlow",
    "GetChannelMembershipPreferences",
    "GetChannelMessage",
    "GetChannelMessageStatus",
    "GetMessagingSessionEndpoint",
    "GetMessagingStreamingConfigurations",
    "ListChannelBans",
    "ListChannelFlows",
    "ListChannelMemberships",
    "ListChannelMembershipsForAppInstanceUser",
    "ListChannelMessages",
    "ListChannelModerators",
    "ListChannels",
    "ListChannelsAssociatedWithChannelFlow",
    "ListChannelsModeratedByAppInstanceUser",
    "ListSubChannels",
    "ListTagsForResource",
    "PutChannelExpirationSettings",
    "PutChannelMembershipPreferences",
    "PutMessagingStreamingConfigurations",
    "RedactChannelMessage",
    "SearchChannels",
    "SendChannelMessage",
    "TagResource",
    "UntagResource",
    "UpdateChannel",
    "UpdateChannelFlow",
    "UpdateChannelMessage",
    "UpdateChannelReadMarker",
];

const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/sdk-app";
const AKID: &str = "AKIDTEST";
const SECRET: &str = "secret";
const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:moderate";
const STREAM: &str = "arn:aws:kinesis:us-east-1:123456789012:stream/chat";

fn user(id: &str) -> String {
    format!("{APP}/user/{id}")
}

/// The users of the scenario (ARNs).
struct People {
    alice: String,
    bob: String,
    carol: String,
    dave: String,
    erin: String,
}

impl People {
    fn new() -> Self {
        People {
            alice: user("alice"),
            bob: user("bob"),
            carol: user("carol"),
            dave: user("dave"),
            erin: user("erin"),
        }
    }
}

/// Plain HTTP/1.1 for the SDK on hyper-util's pooled client. The SDK's
/// own default client would bring rustls and aws-lc, which a loopback test
/// never uses.
#[derive(Debug, Clone)]
struct PlainHttp(hyper_util::client::legacy::Client<TcpConnector, SdkBody>);

impl PlainHttp {
    fn new() -> Self {
        PlainHttp(
            hyper_util::client::legacy::Client::builder(TokioExecutor::new())
                .build(TcpConnector::new()),
        )
    }
}

impl HttpConnector for PlainHttp {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let client = self.0.clone();
        HttpConnectorFuture::new(async move {
            let request = request
                .try_into_http1x()
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let response = client
                .request(request)
                .await
                .map_err(|e| ConnectorError::io(e.into()))?;
            let (parts, body) = response.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| ConnectorError::io(e.into()))?
                .to_bytes();
            HttpResponse::try_from(http::Response::from_parts(parts, SdkBody::from(body)))
                .map_err(|e| ConnectorError::other(e.into(), None))
        })
    }
}

impl HttpClient for PlainHttp {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

/// Every operation the SDK executed, with the HTTP status it got (0 when
/// no response came back) and whether the response had a request id.
#[derive(Debug, Clone, Default)]
struct CallLog(Arc<Mutex<Vec<(String, u16, bool)>>>);

impl CallLog {
    fn succeeded(&self) -> BTreeSet<String> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, status, _)| (200..300).contains(status))
            .map(|(name, _, _)| name.clone())
            .collect()
    }

    fn without_request_id(&self) -> Vec<(String, u16)> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, _, id)| !id)
            .map(|(name, status, _)| (name.clone(), *status))
            .collect()
    }

    fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

impl Intercept for CallLog {
    fn name(&self) -> &'static str {
        "CallLog"
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let name = cfg
            .load::<Metadata>()
            .map(|m| m.name().to_owned())
            .unwrap_or_default();
        let response = context.response();
        let status = response.map(|r| r.status().as_u16()).unwrap_or(0);
        let request_id = response.is_some_and(|r| r.headers().contains_key("x-amzn-requestid"));
        self.0.lock().unwrap().push((name, status, request_id));
        Ok(())
    }
}

/// A client of the official SDK for `url`, signing with `secret`.
fn client(url: &str, secret: &str, log: &CallLog) -> sdk::Client {
    let config = sdk::Config::builder()
        .behavior_version(sdk::config::BehaviorVersion::latest())
        .http_client(PlainHttp::new())
        .endpoint_url(url)
        .region(sdk::config::Region::new("us-east-1"))
        .credentials_provider(sdk::config::Credentials::new(
            AKID, secret, None, None, "static",
        ))
        .interceptor(log.clone())
        .build();
    sdk::Client::from_conf(config)
}

/// Unwraps a call's result, or fails naming the operation and printing
/// the SDK's whole error chain.
macro_rules! ok {
    ($call:expr, $what:expr) => {
        $call
            .await
            .unwrap_or_else(|e| panic!("{}: {}", $what, DisplayErrorContext(&e)))
    };
}

/// The modeled error of a failed call (it must have failed with a service
/// error, not a transport or parse problem).
fn service_error<E, R>(result: Result<impl std::fmt::Debug, SdkError<E, R>>, what: &str) -> E
where
    E: std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    match result {
        Ok(output) => panic!("{what}: expected an error, got {output:?}"),
        Err(SdkError::ServiceError(e)) => e.into_err(),
        Err(other) => panic!("{what}: expected a service error, got {other:?}"),
    }
}

fn processor(name: &str, order: i32) -> Processor {
    Processor::builder()
        .name(name)
        .configuration(
            ProcessorConfiguration::builder()
                .lambda(
                    LambdaConfiguration::builder()
                        .resource_arn(LAMBDA)
                        .invocation_type(InvocationType::Async)
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .execution_order(order)
        .fallback_action(FallbackAction::Continue)
        .build()
        .unwrap()
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().unwrap()
}

fn secs(t: Option<&DateTime>) -> i64 {
    t.expect("a timestamp").secs()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_sdk_scenario() {
    let keys = BTreeMap::from([(AKID.to_owned(), SECRET.to_owned())]);
    let running = Running::start(Emulator::new(), 0, &Auth::Verify(keys))
        .await
        .expect("emulator starts");
    let log = CallLog::default();
    let client = client(&running.url(), SECRET, &log);
    let p = People::new();
    let (alice, carol) = (&p.alice, &p.carol);
    let started = DateTime::from(SystemTime::now()).secs();

    let general = channels(&client, &p, started).await;
    memberships(&client, &p, &general).await;
    moderators_and_bans(&client, &p, &general).await;
    messages(&client, &p, &general, started).await;
    preferences_tags_search(&client, &p, &general).await;
    channel_flows(&client, &p, &general).await;
    streaming_and_elastic(&client, &p).await;
    special_characters(&client).await;
    paging(&client, &general, alice, carol).await;
    modeled_errors(&client, &general, alice).await;

    // A wrong secret: the router rejects the signature; the SDK sees an
    // error that is not modeled for the operation, with its code.
    let forger = self::client(&running.url(), "not-the-secret", &log);
    let error = forger
        .list_channels()
        .app_instance_arn(APP)
        .chime_bearer(alice)
        .send()
        .await
        .expect_err("a bad signature is refused");
    assert_eq!(error.raw_response().map(|r| r.status().as_u16()), Some(403));
    let error = error.into_service_error();
    // Not one of the modeled errors: the SDK's catch-all, with the code.
    assert!(
        !error.is_forbidden_exception()
            && !error.is_unauthorized_client_exception()
            && !error.is_bad_request_exception(),
        "{error:?}"
    );
    assert_eq!(error.code(), Some("InvalidSignatureException"));

    // --- Deleting -------------------------------------------------------------
    ok!(
        client
            .delete_channel()
            .channel_arn(&general)
            .chime_bearer(alice)
            .send(),
        "DeleteChannel"
    );
    // DescribeChannel models no NotFoundException: a BadRequestException
    // whose Code says NotFound.
    let error = service_error(
        client
            .describe_channel()
            .channel_arn(&general)
            .chime_bearer(alice)
            .send()
            .await,
        "DescribeChannel (deleted)",
    );
    match &error {
        DescribeChannelError::BadRequestException(e) => {
            assert_eq!(e.code(), Some(&ErrorCode::NotFound))
        }
        other => panic!("expected BadRequestException, got {other:?}"),
    }

    // --- Coverage -------------------------------------------------------------
    let expected: BTreeSet<&str> = ALL_OPERATIONS.into_iter().collect();
    assert_eq!(expected.len(), 51);
    assert_eq!(
        OPERATIONS.iter().copied().collect::<BTreeSet<_>>(),
        expected,
        "the emulator implements exactly these operations"
    );
    let succeeded = log.succeeded();
    let missing: Vec<_> = expected
        .iter()
        .filter(|op| !succeeded.contains(**op))
        .collect();
    assert!(
        missing.is_empty(),
        "operations the SDK never completed: {missing:?}"
    );
    let without_id = log.without_request_id();
    assert!(
        without_id.is_empty(),
        "responses without a request id: {without_id:?}"
    );
    let unknown: Vec<_> = succeeded
        .iter()
        .filter(|op| !expected.contains(op.as_str()))
        .collect();
    assert!(unknown.is_empty(), "unexpected operations: {unknown:?}");
    let calls = running.emulator().calls();
    for op in ALL_OPERATIONS {
        assert!(calls.contains_key(op), "the emulator never saw {op}");
    }
    println!(
        "official SDK: {} of 51 operations succeeded, {} calls in all",
        succeeded.len(),
        log.len()
    );
    running.shutdown().await.expect("shutdown");
}

/// CreateChannel (and its idempotent repeat), DescribeChannel, UpdateChannel,
/// ListChannels; returns the ARN of the `general` channel.
async fn channels(client: &sdk::Client, p: &People, started: i64) -> String {
    // --- Channels ---------------------------------------------------------
    // Text outside ASCII and characters SigV4 must encode, in the body,
    // the path and the query.
    let metadata = "{\"topic\":\"all & sundry\",\"emoji\":\"\u{1f600}\",\"path\":\"a/b?c=d\"}";
    let created = ok!(
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("Général chat")
            .mode(ChannelMode::Unrestricted)
            .privacy(ChannelPrivacy::Public)
            .metadata(metadata)
            .channel_id("general")
            .client_request_token("create-general-1")
            .tags(tag("team", "chat & ops"))
            .member_arns(&p.bob)
            .chime_bearer(&p.alice)
            .send(),
        "CreateChannel"
    );
    let general = created.channel_arn().expect("channel ARN").to_owned();
    assert_eq!(general, format!("{APP}/channel/general"));
    assert!(created.request_id().is_some_and(|id| !id.is_empty()));
    // The same ClientRequestToken and input: the same channel again.
    let again = ok!(
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("Général chat")
            .mode(ChannelMode::Unrestricted)
            .privacy(ChannelPrivacy::Public)
            .metadata(metadata)
            .channel_id("general")
            .client_request_token("create-general-1")
            .tags(tag("team", "chat & ops"))
            .member_arns(&p.bob)
            .chime_bearer(&p.alice)
            .send(),
        "CreateChannel (repeat)"
    );
    assert_eq!(again.channel_arn(), Some(general.as_str()));

    let described = ok!(
        client
            .describe_channel()
            .channel_arn(&general)
            .chime_bearer(&p.bob)
            .send(),
        "DescribeChannel"
    );
    let channel = described.channel().expect("channel");
    assert_eq!(channel.name(), Some("Général chat"));
    assert_eq!(channel.metadata(), Some(metadata));
    assert_eq!(channel.mode(), Some(&ChannelMode::Unrestricted));
    assert_eq!(channel.privacy(), Some(&ChannelPrivacy::Public));
    assert_eq!(
        channel.created_by().and_then(|i| i.arn()),
        Some(p.alice.as_str())
    );
    let created_at = secs(channel.created_timestamp());
    assert!(
        (started - 5..=started + 60).contains(&created_at),
        "CreatedTimestamp {created_at} should be near {started}"
    );

    let updated = ok!(
        client
            .update_channel()
            .channel_arn(&general)
            .name("General chat")
            .mode(ChannelMode::Unrestricted)
            .metadata("{\"topic\":\"everything\"}")
            .chime_bearer(&p.alice)
            .send(),
        "UpdateChannel"
    );
    assert_eq!(updated.channel_arn(), Some(general.as_str()));

    let listed = ok!(
        client
            .list_channels()
            .app_instance_arn(APP)
            .chime_bearer(&p.carol)
            .send(),
        "ListChannels"
    );
    let names: Vec<_> = listed.channels().iter().filter_map(|c| c.name()).collect();
    assert_eq!(names, ["General chat"]);
    assert_eq!(listed.next_token(), None);
    general
}

/// Single and batch memberships, leaving, listing.
async fn memberships(client: &sdk::Client, p: &People, general: &str) {
    // --- Memberships ------------------------------------------------------
    let joined = ok!(
        client
            .create_channel_membership()
            .channel_arn(general)
            .member_arn(&p.carol)
            .r#type(ChannelMembershipType::Default)
            .chime_bearer(&p.alice)
            .send(),
        "CreateChannelMembership"
    );
    assert_eq!(
        joined.member().and_then(|m| m.arn()),
        Some(p.carol.as_str())
    );

    let batch = ok!(
        client
            .batch_create_channel_membership()
            .channel_arn(general)
            .member_arns(&p.dave)
            .member_arns(&p.erin)
            .member_arns(&p.bob)
            .chime_bearer(&p.alice)
            .send(),
        "BatchCreateChannelMembership"
    );
    let added: Vec<_> = batch
        .batch_channel_memberships()
        .map(|b| b.members())
        .unwrap_or_default()
        .iter()
        .filter_map(|m| m.arn())
        .collect();
    assert_eq!(added, [p.dave.as_str(), p.erin.as_str()]);
    let errors = batch.errors();
    assert_eq!(errors.len(), 1, "p.bob was already a member: {errors:?}");
    assert_eq!(errors[0].member_arn(), Some(p.bob.as_str()));
    assert_eq!(errors[0].error_code(), Some(&ErrorCode::Conflict));

    let membership = ok!(
        client
            .describe_channel_membership()
            .channel_arn(general)
            .member_arn(&p.carol)
            .chime_bearer(&p.bob)
            .send(),
        "DescribeChannelMembership"
    );
    let membership = membership.channel_membership().expect("membership");
    assert_eq!(
        membership.invited_by().and_then(|i| i.arn()),
        Some(p.alice.as_str())
    );
    assert_eq!(membership.r#type(), Some(&ChannelMembershipType::Default));

    ok!(
        client
            .delete_channel_membership()
            .channel_arn(general)
            .member_arn(&p.erin)
            .chime_bearer(&p.erin)
            .send(),
        "DeleteChannelMembership"
    );
    let members = ok!(
        client
            .list_channel_memberships()
            .channel_arn(general)
            .chime_bearer(&p.carol)
            .send(),
        "ListChannelMemberships"
    );
    let members: Vec<_> = members
        .channel_memberships()
        .iter()
        .filter_map(|m| m.member().and_then(|i| i.arn()))
        .collect();
    assert_eq!(members, [&p.alice, &p.bob, &p.carol, &p.dave]);
}

/// Moderators, the channels a user moderates, and bans.
async fn moderators_and_bans(client: &sdk::Client, p: &People, general: &str) {
    // --- Moderators -------------------------------------------------------
    let moderator = ok!(
        client
            .create_channel_moderator()
            .channel_arn(general)
            .channel_moderator_arn(&p.bob)
            .chime_bearer(&p.alice)
            .send(),
        "CreateChannelModerator"
    );
    assert_eq!(
        moderator.channel_moderator().and_then(|m| m.arn()),
        Some(p.bob.as_str())
    );
    let described = ok!(
        client
            .describe_channel_moderator()
            .channel_arn(general)
            .channel_moderator_arn(&p.bob)
            .chime_bearer(&p.carol)
            .send(),
        "DescribeChannelModerator"
    );
    assert_eq!(
        described
            .channel_moderator()
            .and_then(|m| m.created_by())
            .and_then(|i| i.arn()),
        Some(p.alice.as_str())
    );
    let moderators = ok!(
        client
            .list_channel_moderators()
            .channel_arn(general)
            .chime_bearer(&p.carol)
            .send(),
        "ListChannelModerators"
    );
    let moderators: Vec<_> = moderators
        .channel_moderators()
        .iter()
        .filter_map(|m| m.moderator().and_then(|i| i.arn()))
        .collect();
    assert_eq!(moderators, [&p.alice, &p.bob]);
    let moderated = ok!(
        client
            .list_channels_moderated_by_app_instance_user()
            .app_instance_user_arn(&p.bob)
            .chime_bearer(&p.bob)
            .send(),
        "ListChannelsModeratedByAppInstanceUser"
    );
    let moderated: Vec<_> = moderated
        .channels()
        .iter()
        .filter_map(|c| c.channel_summary().and_then(|s| s.channel_arn()))
        .collect();
    assert_eq!(moderated, [general]);
    let one = ok!(
        client
            .describe_channel_moderated_by_app_instance_user()
            .channel_arn(general)
            .app_instance_user_arn(&p.bob)
            .chime_bearer(&p.bob)
            .send(),
        "DescribeChannelModeratedByAppInstanceUser"
    );
    assert_eq!(
        one.channel()
            .and_then(|c| c.channel_summary())
            .and_then(|s| s.name()),
        Some("General chat")
    );

    // --- Bans -------------------------------------------------------------
    let banned = ok!(
        client
            .create_channel_ban()
            .channel_arn(general)
            .member_arn(&p.dave)
            .chime_bearer(&p.bob)
            .send(),
        "CreateChannelBan"
    );
    assert_eq!(banned.member().and_then(|m| m.arn()), Some(p.dave.as_str()));
    let ban = ok!(
        client
            .describe_channel_ban()
            .channel_arn(general)
            .member_arn(&p.dave)
            .chime_bearer(&p.alice)
            .send(),
        "DescribeChannelBan"
    );
    assert_eq!(
        ban.channel_ban()
            .and_then(|b| b.created_by())
            .and_then(|i| i.arn()),
        Some(p.bob.as_str())
    );
    let bans = ok!(
        client
            .list_channel_bans()
            .channel_arn(general)
            .chime_bearer(&p.alice)
            .send(),
        "ListChannelBans"
    );
    let banned: Vec<_> = bans
        .channel_bans()
        .iter()
        .filter_map(|b| b.member().and_then(|m| m.arn()))
        .collect();
    assert_eq!(banned, [&p.dave]);
    // The ban removed p.dave's membership: NotFoundException.
    let error = service_error(
        client
            .describe_channel_membership()
            .channel_arn(general)
            .member_arn(&p.dave)
            .chime_bearer(&p.alice)
            .send()
            .await,
        "DescribeChannelMembership of a banned user",
    );
    assert!(
        matches!(error, DescribeChannelMembershipError::NotFoundException(_)),
        "{error:?}"
    );
    assert_eq!(error.code(), Some("NotFoundException"));
    assert!(error.request_id().is_some(), "{error:?}");
    ok!(
        client
            .delete_channel_ban()
            .channel_arn(general)
            .member_arn(&p.dave)
            .chime_bearer(&p.bob)
            .send(),
        "DeleteChannelBan"
    );
    ok!(
        client
            .delete_channel_moderator()
            .channel_arn(general)
            .channel_moderator_arn(&p.bob)
            .chime_bearer(&p.alice)
            .send(),
        "DeleteChannelModerator"
    );
}

/// Sending, reading, editing, listing (with time filters), redacting,
/// deleting, and targeted messages.
async fn messages(client: &sdk::Client, p: &People, general: &str, started: i64) {
    // --- Messages ---------------------------------------------------------
    let content = "héllo, wörld \u{1f44b} <b>&amp;</b> 100% \"quoted\"\nsecond line";
    let sent = ok!(
        client
            .send_channel_message()
            .channel_arn(general)
            .content(content)
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .metadata("m1")
            .content_type("text/plain; charset=utf-8")
            .message_attributes(
                "lang",
                MessageAttributeValue::builder()
                    .string_values("en")
                    .string_values("fr")
                    .build(),
            )
            .chime_bearer(&p.carol)
            .send(),
        "SendChannelMessage"
    );
    let message_id = sent.message_id().expect("message ID").to_owned();
    assert_eq!(
        sent.status().and_then(|s| s.value()),
        Some(&ChannelMessageStatus::Sent)
    );

    let fetched = ok!(
        client
            .get_channel_message()
            .channel_arn(general)
            .message_id(&message_id)
            .chime_bearer(&p.bob)
            .send(),
        "GetChannelMessage"
    );
    let message = fetched.channel_message().expect("message");
    assert_eq!(message.content(), Some(content));
    assert_eq!(message.metadata(), Some("m1"));
    assert_eq!(message.content_type(), Some("text/plain; charset=utf-8"));
    assert_eq!(
        message.sender().and_then(|s| s.arn()),
        Some(p.carol.as_str())
    );
    assert_eq!(message.r#type(), Some(&ChannelMessageType::Standard));
    assert_eq!(
        message
            .message_attributes()
            .and_then(|a| a.get("lang"))
            .map(|v| v.string_values()),
        Some(&["en".to_owned(), "fr".to_owned()][..])
    );
    let sent_at = secs(message.created_timestamp());
    assert!((started - 5..=started + 60).contains(&sent_at));

    let edited = ok!(
        client
            .update_channel_message()
            .channel_arn(general)
            .message_id(&message_id)
            .content("hello, everyone")
            .chime_bearer(&p.carol)
            .send(),
        "UpdateChannelMessage"
    );
    assert_eq!(edited.message_id(), Some(message_id.as_str()));

    // Timestamps in the query string: a window around now finds the
    // message, one in the past does not.
    let now = SystemTime::now();
    let listed = ok!(
        client
            .list_channel_messages()
            .channel_arn(general)
            .sort_order(SortOrder::Ascending)
            .not_before(DateTime::from(now - Duration::from_secs(600)))
            .not_after(DateTime::from(now + Duration::from_secs(600)))
            .chime_bearer(&p.alice)
            .send(),
        "ListChannelMessages"
    );
    let messages = listed.channel_messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].content(), Some("hello, everyone"));
    assert!(messages[0].last_edited_timestamp().is_some());
    let old = ok!(
        client
            .list_channel_messages()
            .channel_arn(general)
            .not_before(DateTime::from_secs(1_000_000_000))
            .not_after(DateTime::from_secs(1_000_000_100))
            .chime_bearer(&p.alice)
            .send(),
        "ListChannelMessages (2001)"
    );
    assert!(old.channel_messages().is_empty());

    let status = ok!(
        client
            .get_channel_message_status()
            .channel_arn(general)
            .message_id(&message_id)
            .chime_bearer(&p.carol)
            .send(),
        "GetChannelMessageStatus"
    );
    assert_eq!(
        status.status().and_then(|s| s.value()),
        Some(&ChannelMessageStatus::Sent)
    );

    let redacted = ok!(
        client
            .redact_channel_message()
            .channel_arn(general)
            .message_id(&message_id)
            .chime_bearer(&p.alice)
            .send(),
        "RedactChannelMessage"
    );
    assert_eq!(redacted.message_id(), Some(message_id.as_str()));
    let after = ok!(
        client
            .get_channel_message()
            .channel_arn(general)
            .message_id(&message_id)
            .chime_bearer(&p.carol)
            .send(),
        "GetChannelMessage (redacted)"
    );
    let after = after.channel_message().expect("message");
    assert!(after.redacted());
    assert_eq!(after.content().unwrap_or_default(), "");

    ok!(
        client
            .delete_channel_message()
            .channel_arn(general)
            .message_id(&message_id)
            .chime_bearer(&p.alice)
            .send(),
        "DeleteChannelMessage"
    );
    let error = service_error(
        client
            .get_channel_message()
            .channel_arn(general)
            .message_id(&message_id)
            .chime_bearer(&p.alice)
            .send()
            .await,
        "GetChannelMessage (deleted)",
    );
    assert!(
        matches!(error, GetChannelMessageError::NotFoundException(_)),
        "{error:?}"
    );

    // A targeted message is seen by its sender and target only.
    let targeted = ok!(
        client
            .send_channel_message()
            .channel_arn(general)
            .content("psst")
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .target(Target::builder().member_arn(&p.bob).build())
            .chime_bearer(&p.carol)
            .send(),
        "SendChannelMessage (targeted)"
    );
    let targeted = targeted.message_id().expect("message ID");
    let seen = ok!(
        client
            .get_channel_message()
            .channel_arn(general)
            .message_id(targeted)
            .chime_bearer(&p.bob)
            .send(),
        "GetChannelMessage (target)"
    );
    assert_eq!(
        seen.channel_message()
            .map(|m| m.target())
            .unwrap_or_default()
            .iter()
            .filter_map(|t| t.member_arn())
            .collect::<Vec<_>>(),
        [&p.bob]
    );
    let hidden = service_error(
        client
            .get_channel_message()
            .channel_arn(general)
            .message_id(targeted)
            .chime_bearer(&p.alice)
            .send()
            .await,
        "GetChannelMessage (not the target)",
    );
    assert!(hidden.is_not_found_exception(), "{hidden:?}");
}

/// Read markers, membership preferences, expiration, tags and search.
async fn preferences_tags_search(client: &sdk::Client, p: &People, general: &str) {
    // --- Read markers and preferences ---------------------------------------
    let marked = ok!(
        client
            .update_channel_read_marker()
            .channel_arn(general)
            .chime_bearer(&p.carol)
            .send(),
        "UpdateChannelReadMarker"
    );
    assert_eq!(marked.channel_arn(), Some(general));
    let mine = ok!(
        client
            .list_channel_memberships_for_app_instance_user()
            .app_instance_user_arn(&p.carol)
            .chime_bearer(&p.carol)
            .send(),
        "ListChannelMembershipsForAppInstanceUser"
    );
    let mine = mine.channel_memberships();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        mine[0].channel_summary().and_then(|s| s.channel_arn()),
        Some(general)
    );
    assert!(
        mine[0]
            .app_instance_user_membership_summary()
            .and_then(|s| s.read_marker_timestamp())
            .is_some(),
        "the read marker is shown"
    );
    let one = ok!(
        client
            .describe_channel_membership_for_app_instance_user()
            .channel_arn(general)
            .app_instance_user_arn(&p.carol)
            .chime_bearer(&p.carol)
            .send(),
        "DescribeChannelMembershipForAppInstanceUser"
    );
    assert_eq!(
        one.channel_membership()
            .and_then(|m| m.channel_summary())
            .and_then(|s| s.channel_arn()),
        Some(general)
    );

    let preferences = ChannelMembershipPreferences::builder()
        .push_notifications(
            PushNotificationPreferences::builder()
                .allow_notifications(AllowNotifications::Filtered)
                .filter_rule("{\"lang\":[\"en\"]}")
                .build()
                .unwrap(),
        )
        .build();
    let put = ok!(
        client
            .put_channel_membership_preferences()
            .channel_arn(general)
            .member_arn(&p.carol)
            .preferences(preferences.clone())
            .chime_bearer(&p.carol)
            .send(),
        "PutChannelMembershipPreferences"
    );
    assert_eq!(put.preferences(), Some(&preferences));
    let got = ok!(
        client
            .get_channel_membership_preferences()
            .channel_arn(general)
            .member_arn(&p.carol)
            .chime_bearer(&p.carol)
            .send(),
        "GetChannelMembershipPreferences"
    );
    assert_eq!(got.preferences(), Some(&preferences));
    assert_eq!(got.member().and_then(|m| m.arn()), Some(p.carol.as_str()));

    // --- Expiration, tags, search -----------------------------------------
    let settings = ExpirationSettings::builder()
        .expiration_days(30)
        .expiration_criterion(ExpirationCriterion::LastMessageTimestamp)
        .build()
        .unwrap();
    let expiring = ok!(
        client
            .put_channel_expiration_settings()
            .channel_arn(general)
            .expiration_settings(settings.clone())
            .chime_bearer(&p.alice)
            .send(),
        "PutChannelExpirationSettings"
    );
    assert_eq!(expiring.expiration_settings(), Some(&settings));

    ok!(
        client
            .tag_resource()
            .resource_arn(general)
            .tags(tag("env", "test"))
            .tags(tag("cost-center", "42/7 = 6"))
            .send(),
        "TagResource"
    );
    ok!(
        client
            .untag_resource()
            .resource_arn(general)
            .tag_keys("team")
            .send(),
        "UntagResource"
    );
    let tags = ok!(
        client.list_tags_for_resource().resource_arn(general).send(),
        "ListTagsForResource"
    );
    let mut tags: Vec<_> = tags.tags().iter().map(|t| (t.key(), t.value())).collect();
    tags.sort();
    assert_eq!(tags, [("cost-center", "42/7 = 6"), ("env", "test")]);

    let found = ok!(
        client
            .search_channels()
            .fields(
                SearchField::builder()
                    .key(SearchFieldKey::Members)
                    .values(&p.carol)
                    .operator(SearchFieldOperator::Includes)
                    .build()
                    .unwrap(),
            )
            .chime_bearer(&p.carol)
            .send(),
        "SearchChannels"
    );
    let found: Vec<_> = found
        .channels()
        .iter()
        .filter_map(|c| c.channel_arn())
        .collect();
    assert_eq!(found, [general]);
}

/// Channel flows: a message held for the flow and released by its callback.
async fn channel_flows(client: &sdk::Client, p: &People, general: &str) {
    // --- Channel flows ------------------------------------------------------
    let flow = ok!(
        client
            .create_channel_flow()
            .app_instance_arn(APP)
            .name("moderation")
            .processors(processor("profanity", 1))
            .tags(tag("kind", "flow"))
            .send(),
        "CreateChannelFlow"
    );
    let flow = flow.channel_flow_arn().expect("flow ARN").to_owned();
    let described = ok!(
        client
            .describe_channel_flow()
            .channel_flow_arn(&flow)
            .send(),
        "DescribeChannelFlow"
    );
    let described = described.channel_flow().expect("flow");
    assert_eq!(described.name(), Some("moderation"));
    assert_eq!(described.processors().len(), 1);
    assert_eq!(described.processors()[0], processor("profanity", 1));
    let updated = ok!(
        client
            .update_channel_flow()
            .channel_flow_arn(&flow)
            .name("moderation v2")
            .processors(processor("profanity", 1))
            .processors(processor("links", 2))
            .send(),
        "UpdateChannelFlow"
    );
    assert_eq!(updated.channel_flow_arn(), Some(flow.as_str()));
    let flows = ok!(
        client.list_channel_flows().app_instance_arn(APP).send(),
        "ListChannelFlows"
    );
    let flows = flows.channel_flows();
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].name(), Some("moderation v2"));
    assert_eq!(flows[0].processors().len(), 2);

    ok!(
        client
            .associate_channel_flow()
            .channel_arn(general)
            .channel_flow_arn(&flow)
            .chime_bearer(&p.alice)
            .send(),
        "AssociateChannelFlow"
    );
    let associated = ok!(
        client
            .list_channels_associated_with_channel_flow()
            .channel_flow_arn(&flow)
            .send(),
        "ListChannelsAssociatedWithChannelFlow"
    );
    let associated: Vec<_> = associated
        .channels()
        .iter()
        .filter_map(|c| c.channel_arn())
        .collect();
    assert_eq!(associated, [general]);

    // A message now waits for the flow: pending, and hidden from others.
    let pending = ok!(
        client
            .send_channel_message()
            .channel_arn(general)
            .content("needs a check")
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(&p.carol)
            .send(),
        "SendChannelMessage (through a flow)"
    );
    assert_eq!(
        pending.status().and_then(|s| s.value()),
        Some(&ChannelMessageStatus::Pending)
    );
    let pending_id = pending.message_id().expect("message ID").to_owned();
    let hidden = service_error(
        client
            .get_channel_message()
            .channel_arn(general)
            .message_id(&pending_id)
            .chime_bearer(&p.bob)
            .send()
            .await,
        "GetChannelMessage (pending)",
    );
    assert!(hidden.is_not_found_exception(), "{hidden:?}");
    // No CallbackId: the SDK fills the idempotency token in itself.
    let callback = ok!(
        client
            .channel_flow_callback()
            .channel_arn(general)
            .channel_message(
                ChannelMessageCallback::builder()
                    .message_id(&pending_id)
                    .content("checked")
                    .build()
                    .unwrap(),
            )
            .send(),
        "ChannelFlowCallback"
    );
    assert_eq!(callback.channel_arn(), Some(general));
    assert!(callback.callback_id().is_some_and(|id| !id.is_empty()));
    let released = ok!(
        client
            .get_channel_message()
            .channel_arn(general)
            .message_id(&pending_id)
            .chime_bearer(&p.bob)
            .send(),
        "GetChannelMessage (released)"
    );
    let released = released.channel_message().expect("message");
    assert_eq!(released.content(), Some("checked"));
    assert_eq!(
        released.status().and_then(|s| s.value()),
        Some(&ChannelMessageStatus::Sent)
    );
    ok!(
        client
            .disassociate_channel_flow()
            .channel_arn(general)
            .channel_flow_arn(&flow)
            .chime_bearer(&p.alice)
            .send(),
        "DisassociateChannelFlow"
    );
    ok!(
        client.delete_channel_flow().channel_flow_arn(&flow).send(),
        "DeleteChannelFlow"
    );
}

/// Streaming configurations, the session endpoint and elastic channels.
async fn streaming_and_elastic(client: &sdk::Client, p: &People) {
    // --- Streaming and the session endpoint ---------------------------------
    let configuration = StreamingConfiguration::builder()
        .data_type(MessagingDataType::ChannelMessage)
        .resource_arn(STREAM)
        .build()
        .unwrap();
    let put = ok!(
        client
            .put_messaging_streaming_configurations()
            .app_instance_arn(APP)
            .streaming_configurations(configuration.clone())
            .send(),
        "PutMessagingStreamingConfigurations"
    );
    assert_eq!(
        put.streaming_configurations(),
        std::slice::from_ref(&configuration)
    );
    let got = ok!(
        client
            .get_messaging_streaming_configurations()
            .app_instance_arn(APP)
            .send(),
        "GetMessagingStreamingConfigurations"
    );
    assert_eq!(got.streaming_configurations(), [configuration]);
    ok!(
        client
            .delete_messaging_streaming_configurations()
            .app_instance_arn(APP)
            .send(),
        "DeleteMessagingStreamingConfigurations"
    );
    let error = service_error(
        client
            .get_messaging_streaming_configurations()
            .app_instance_arn(APP)
            .send()
            .await,
        "GetMessagingStreamingConfigurations (deleted)",
    );
    assert!(
        matches!(
            error,
            GetMessagingStreamingConfigurationsError::NotFoundException(_)
        ),
        "{error:?}"
    );

    let endpoint = ok!(
        client
            .get_messaging_session_endpoint()
            .network_type(NetworkType::DualStack)
            .send(),
        "GetMessagingSessionEndpoint"
    );
    let url = endpoint.endpoint().and_then(|e| e.url()).expect("URL");
    assert!(url.starts_with("wss://dualstack."), "{url}");

    // --- Elastic channels ---------------------------------------------------
    let elastic = ok!(
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("town hall")
            .elastic_channel_configuration(
                ElasticChannelConfiguration::builder()
                    .maximum_sub_channels(3)
                    .target_memberships_per_sub_channel(2)
                    .minimum_membership_percentage(10)
                    .build()
                    .unwrap(),
            )
            .chime_bearer(&p.alice)
            .send(),
        "CreateChannel (elastic)"
    );
    let elastic = elastic.channel_arn().expect("ARN").to_owned();
    for member in [&p.bob, &p.carol, &p.dave] {
        ok!(
            client
                .create_channel_membership()
                .channel_arn(&elastic)
                .member_arn(member)
                .r#type(ChannelMembershipType::Default)
                .chime_bearer(&p.alice)
                .send(),
            "CreateChannelMembership (elastic)"
        );
    }
    let subs = ok!(
        client
            .list_sub_channels()
            .channel_arn(&elastic)
            .chime_bearer(&p.alice)
            .send(),
        "ListSubChannels"
    );
    let counts: Vec<_> = subs
        .sub_channels()
        .iter()
        .map(|s| (s.sub_channel_id().unwrap_or_default(), s.membership_count()))
        .collect();
    assert_eq!(
        counts,
        [("sub-channel-1", Some(2)), ("sub-channel-2", Some(1))]
    );
}

/// IDs with the characters the model allows beyond letters and digits
/// (`:` `@` `.` `_` `-`), in path labels, query values, the bearer header
/// and the body; every request's signature is verified.
async fn special_characters(client: &sdk::Client) {
    let owner = user("team:lead.1@example_org-x");
    let channel_id = "room:1.a@b_c-d";
    let created = ok!(
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("special")
            .channel_id(channel_id)
            .privacy(ChannelPrivacy::Private)
            .tags(tag("a:b@c", "x=y&z"))
            .chime_bearer(&owner)
            .send(),
        "CreateChannel (special ID)"
    );
    let arn = created.channel_arn().expect("ARN").to_owned();
    assert_eq!(arn, format!("{APP}/channel/{channel_id}"));
    let described = ok!(
        client
            .describe_channel()
            .channel_arn(&arn)
            .chime_bearer(&owner)
            .send(),
        "DescribeChannel (special ID)"
    );
    assert_eq!(
        described.channel().and_then(|c| c.channel_arn()),
        Some(arn.as_str())
    );
    let membership = ok!(
        client
            .describe_channel_membership()
            .channel_arn(&arn)
            .member_arn(&owner)
            .chime_bearer(&owner)
            .send(),
        "DescribeChannelMembership (special IDs)"
    );
    assert_eq!(
        membership
            .channel_membership()
            .and_then(|m| m.member())
            .and_then(|m| m.arn()),
        Some(owner.as_str())
    );
    let mine = ok!(
        client
            .list_channel_memberships_for_app_instance_user()
            .app_instance_user_arn(&owner)
            .chime_bearer(&owner)
            .send(),
        "ListChannelMembershipsForAppInstanceUser (special IDs)"
    );
    assert_eq!(
        mine.channel_memberships()
            .iter()
            .filter_map(|m| m.channel_summary().and_then(|s| s.channel_arn()))
            .collect::<Vec<_>>(),
        [&arn]
    );
    let tags = ok!(
        client.list_tags_for_resource().resource_arn(&arn).send(),
        "ListTagsForResource (special ID)"
    );
    assert_eq!(tags.tags(), [tag("a:b@c", "x=y&z")]);
    ok!(
        client
            .delete_channel()
            .channel_arn(&arn)
            .chime_bearer(&owner)
            .send(),
        "DeleteChannel (special ID)"
    );
}

/// `MaxResults`/`NextToken` by hand over three pages and more, and the
/// SDK's paginators.
async fn paging(client: &sdk::Client, general: &str, alice: &str, carol: &str) {
    // Seven more public channels: eight with `general` (the elastic one
    // is public too: nine).
    for n in 1..=7 {
        ok!(
            client
                .create_channel()
                .app_instance_arn(APP)
                .name(format!("page {n}"))
                .channel_id(format!("page-{n}"))
                .chime_bearer(alice)
                .send(),
            "CreateChannel (paging)"
        );
    }
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = ok!(
            client
                .list_channels()
                .app_instance_arn(APP)
                .max_results(2)
                .set_next_token(token.take())
                .chime_bearer(carol)
                .send(),
            "ListChannels (a page)"
        );
        pages += 1;
        assert!(page.channels().len() <= 2, "MaxResults is honoured");
        seen.extend(
            page.channels()
                .iter()
                .filter_map(|c| c.channel_arn().map(str::to_owned)),
        );
        match page.next_token() {
            Some(next) => {
                assert!(!next.is_empty());
                token = Some(next.to_owned());
            }
            None => break,
        }
        assert!(pages < 20, "paging does not end");
    }
    assert_eq!(seen.len(), 9, "{seen:?}");
    assert_eq!(pages, 5);
    let unique: BTreeSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no channel twice: {seen:?}");
    assert!(seen.iter().any(|arn| arn == general));
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "ordered by ARN");

    // The SDK's own paginator, page by page and item by item.
    let pages: Vec<_> = client
        .list_channels()
        .app_instance_arn(APP)
        .max_results(4)
        .chime_bearer(carol)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("ListChannels paginator: {}", DisplayErrorContext(&e)));
    let sizes: Vec<_> = pages.iter().map(|p| p.channels().len()).collect();
    assert_eq!(sizes, [4, 4, 1]);

    for n in 1..=5 {
        ok!(
            client
                .send_channel_message()
                .channel_arn(general)
                .content(format!("message {n}"))
                .r#type(ChannelMessageType::Standard)
                .persistence(ChannelMessagePersistenceType::Persistent)
                .chime_bearer(carol)
                .send(),
            "SendChannelMessage (paging)"
        );
    }
    let pages: Vec<_> = client
        .list_channel_messages()
        .channel_arn(general)
        .sort_order(SortOrder::Ascending)
        .max_results(2)
        .chime_bearer(carol)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("ListChannelMessages paginator: {}", DisplayErrorContext(&e)));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let items: Vec<_> = pages.iter().flat_map(|p| p.channel_messages()).collect();
    let contents: Vec<_> = items
        .iter()
        .filter_map(|m| m.content())
        .filter(|c| c.starts_with("message "))
        .collect();
    assert_eq!(
        contents,
        [
            "message 1",
            "message 2",
            "message 3",
            "message 4",
            "message 5"
        ]
    );

    // A token is tied to its listing.
    let first = ok!(
        client
            .list_channels()
            .app_instance_arn(APP)
            .max_results(1)
            .chime_bearer(carol)
            .send(),
        "ListChannels (first page)"
    );
    let token = first.next_token().expect("more pages").to_owned();
    let error = service_error(
        client
            .list_channel_messages()
            .channel_arn(general)
            .next_token(token)
            .chime_bearer(carol)
            .send()
            .await,
        "ListChannelMessages with another listing's token",
    );
    assert!(
        matches!(error, ListChannelMessagesError::BadRequestException(_)),
        "{error:?}"
    );
    assert!(
        error.message().unwrap_or_default().contains("NextToken"),
        "{error:?}"
    );
}

/// Modeled errors, as the SDK decodes them.
async fn modeled_errors(client: &sdk::Client, general: &str, alice: &str) {
    let outsider = user("mallory");
    // Forbidden: reading a channel one is not a member of.
    let error = service_error(
        client
            .list_channel_messages()
            .channel_arn(general)
            .chime_bearer(&outsider)
            .send()
            .await,
        "ListChannelMessages by an outsider",
    );
    match &error {
        ListChannelMessagesError::ForbiddenException(e) => {
            assert!(e.message().is_some_and(|m| !m.is_empty()), "{e:?}");
        }
        other => panic!("expected ForbiddenException, got {other:?}"),
    }
    assert_eq!(error.code(), Some("ForbiddenException"));
    // Forbidden across app instances.
    let stranger = "arn:aws:chime:us-east-1:123456789012:app-instance/other/user/zed";
    let error = service_error(
        client
            .send_channel_message()
            .channel_arn(general)
            .content("hi")
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(stranger)
            .send()
            .await,
        "SendChannelMessage from another app instance",
    );
    assert!(
        matches!(error, SendChannelMessageError::ForbiddenException(_)),
        "{error:?}"
    );

    // Conflict: an existing ChannelId (new ClientRequestToken).
    let error = service_error(
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("again")
            .channel_id("page-1")
            .chime_bearer(alice)
            .send()
            .await,
        "CreateChannel with a taken ChannelId",
    );
    match &error {
        CreateChannelError::ConflictException(e) => {
            assert!(e.message().unwrap_or_default().contains("page-1"), "{e:?}");
            assert_eq!(e.code(), Some(&ErrorCode::Conflict));
        }
        other => panic!("expected ConflictException, got {other:?}"),
    }

    // NotFound: a ban that does not exist.
    let error = service_error(
        client
            .describe_channel_ban()
            .channel_arn(general)
            .member_arn(user("nobody"))
            .chime_bearer(alice)
            .send()
            .await,
        "DescribeChannelBan of nobody",
    );
    assert!(
        matches!(error, DescribeChannelBanError::NotFoundException(_)),
        "{error:?}"
    );

    // BadRequest: validation by the generated router.
    let error = service_error(
        client
            .list_channels()
            .app_instance_arn(APP)
            .max_results(0)
            .chime_bearer(alice)
            .send()
            .await,
        "ListChannels with MaxResults 0",
    );
    match &error {
        ListChannelsError::BadRequestException(e) => {
            assert!(
                e.message().unwrap_or_default().contains("MaxResults"),
                "{e:?}"
            );
        }
        other => panic!("expected BadRequestException, got {other:?}"),
    }
    let error = service_error(
        client
            .send_channel_message()
            .channel_arn(general)
            .content("")
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(alice)
            .send()
            .await,
        "SendChannelMessage with empty Content",
    );
    assert!(
        matches!(error, SendChannelMessageError::BadRequestException(_)),
        "{error:?}"
    );
    assert!(
        error.message().unwrap_or_default().contains("Content"),
        "{error:?}"
    );
    // An enum value the model does not know: the SDK sends it as is.
    let error = service_error(
        client
            .list_channel_messages()
            .channel_arn(general)
            .sort_order(SortOrder::from("SIDEWAYS"))
            .chime_bearer(alice)
            .send()
            .await,
        "ListChannelMessages with SortOrder SIDEWAYS",
    );
    assert!(error.is_bad_request_exception(), "{error:?}");

    // ResourceLimitExceeded: the 51st tag.
    let mut request = client.tag_resource().resource_arn(general);
    for n in 0..48 {
        request = request.tags(tag(&format!("k{n}"), "v"));
    }
    ok!(request.send(), "TagResource (50 tags)");
    let error = service_error(
        client
            .tag_resource()
            .resource_arn(general)
            .tags(tag("one-too-many", "v"))
            .send()
            .await,
        "TagResource beyond 50",
    );
    assert!(
        matches!(error, TagResourceError::ResourceLimitExceededException(_)),
        "{error:?}"
    );
}
