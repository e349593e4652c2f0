//! Every modeled error kind the emulator produces, over real HTTP:
//! `ForbiddenException` for the access rules, `NotFoundException` (or,
//! where the operation models none, `BadRequestException` with `Code`
//! `NotFound`), `ConflictException`, `ResourceLimitExceededException`, and
//! `BadRequestException` for validation failures whose message names the
//! offending member.

mod e2e_support;

use chime_sdk_messaging::error;
use chime_sdk_messaging::types::{
    ChannelMembershipType, ChannelMessagePersistenceType, ChannelMessageType, ChannelMode,
    ChannelPrivacy, ElasticChannelConfiguration, ErrorCode, SortOrder, Tag,
};
use e2e_support::*;

/// Asserts an error is `$variant` and its message mentions each of
/// `$needles`.
macro_rules! assert_error {
    ($result:expr, $check:ident $(, $needle:expr)* $(,)?) => {{
        let error = $result.expect_err("the call should fail");
        assert!(error.$check(), "expected {}, got {error:?}", stringify!($check));
        let _text = error.to_string();
        $(assert!(_text.contains($needle), "{_text:?} should mention {:?}", $needle);)*
        error
    }};
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forbidden() {
    let (_running, client) = start().await;
    let (alice, bob, mallory) = (user("alice"), user("bob"), user("mallory"));
    let general = channel(&client, &alice, "general").await;
    join(&client, &general, &alice, &bob).await;

    // Non-members can neither read nor post.
    assert_error!(
        client
            .list_channel_messages()
            .channel_arn(&general)
            .chime_bearer(&mallory)
            .send()
            .await,
        is_forbidden_exception,
        "not a member"
    );
    assert_error!(
        client
            .send_channel_message()
            .channel_arn(&general)
            .content("hi")
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(&mallory)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .list_channel_memberships()
            .channel_arn(&general)
            .chime_bearer(&mallory)
            .send()
            .await,
        is_forbidden_exception
    );

    // Members are not moderators.
    assert_error!(
        client
            .delete_channel()
            .channel_arn(&general)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception,
        "only moderators"
    );
    assert_error!(
        client
            .create_channel_ban()
            .channel_arn(&general)
            .member_arn(&alice)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .list_channel_bans()
            .channel_arn(&general)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .create_channel_moderator()
            .channel_arn(&general)
            .channel_moderator_arn(&bob)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .create_channel_membership()
            .channel_arn(&general)
            .member_arn(&mallory)
            .r#type(ChannelMembershipType::Hidden)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception,
        "HIDDEN"
    );

    // Only the sender or a moderator redacts; only the sender edits.
    let message = say(&client, &general, &alice, "from alice").await;
    assert_error!(
        client
            .redact_channel_message()
            .channel_arn(&general)
            .message_id(&message)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .update_channel_message()
            .channel_arn(&general)
            .message_id(&message)
            .content("edited by bob")
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception
    );
    let bobs = say(&client, &general, &bob, "from bob").await;
    client
        .redact_channel_message()
        .channel_arn(&general)
        .message_id(&bobs)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("a moderator redacts anyone's message");
    assert_error!(
        client
            .delete_channel_message()
            .channel_arn(&general)
            .message_id(&bobs)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception
    );

    // Banned users cannot come back, on their own or invited.
    client
        .create_channel_ban()
        .channel_arn(&general)
        .member_arn(&bob)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("ban bob");
    assert_error!(
        client
            .create_channel_membership()
            .channel_arn(&general)
            .member_arn(&bob)
            .r#type(ChannelMembershipType::Default)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .create_channel_membership()
            .channel_arn(&general)
            .member_arn(&bob)
            .r#type(ChannelMembershipType::Default)
            .chime_bearer(&alice)
            .send()
            .await,
        is_forbidden_exception,
        "banned"
    );
    assert_error!(
        client
            .get_channel_message()
            .channel_arn(&general)
            .message_id(&message)
            .chime_bearer(&bob)
            .send()
            .await,
        is_forbidden_exception
    );

    // RESTRICTED channels: members cannot add members, moderators can.
    let restricted = client
        .create_channel()
        .app_instance_arn(APP)
        .name("restricted")
        .mode(ChannelMode::Restricted)
        .member_arns(vec![user("carol")])
        .chime_bearer(&alice)
        .send()
        .await
        .expect("restricted channel")
        .channel_arn
        .expect("ARN");
    assert_error!(
        client
            .create_channel_membership()
            .channel_arn(&restricted)
            .member_arn(user("dave"))
            .r#type(ChannelMembershipType::Default)
            .chime_bearer(user("carol"))
            .send()
            .await,
        is_forbidden_exception,
        "RESTRICTED"
    );
    join(&client, &restricted, &alice, &user("dave")).await;

    // PRIVATE channels are invisible to outsiders, and only admins list them.
    let private = client
        .create_channel()
        .app_instance_arn(APP)
        .name("private")
        .privacy(ChannelPrivacy::Private)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("private channel")
        .channel_arn
        .expect("ARN");
    assert_error!(
        client
            .describe_channel()
            .channel_arn(&private)
            .chime_bearer(&mallory)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .list_channels()
            .app_instance_arn(APP)
            .privacy(ChannelPrivacy::Private)
            .chime_bearer(&mallory)
            .send()
            .await,
        is_forbidden_exception,
        "AppInstanceAdmin"
    );

    // Users of another app instance, and users acting for others.
    let outsider = format!("{OTHER_APP}/user/olga");
    assert_error!(
        client
            .describe_channel()
            .channel_arn(&general)
            .chime_bearer(&outsider)
            .send()
            .await,
        is_forbidden_exception,
        "another AppInstance"
    );
    assert_error!(
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("x")
            .chime_bearer(&outsider)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .list_channel_memberships_for_app_instance_user()
            .app_instance_user_arn(&alice)
            .chime_bearer(&mallory)
            .send()
            .await,
        is_forbidden_exception
    );
    assert_error!(
        client
            .get_channel_membership_preferences()
            .channel_arn(&general)
            .member_arn(&alice)
            .chime_bearer(&mallory)
            .send()
            .await,
        is_forbidden_exception
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_moderate_everything_in_their_app_instance() {
    let emulator = tests::emulator::Emulator::new();
    let admin = user("root");
    emulator.add_app_instance_admin(&admin).expect("admin ARN");
    let (_running, client) = start_with(emulator, &tests::emulator::Auth::WellFormed).await;
    let private = client
        .create_channel()
        .app_instance_arn(APP)
        .name("secret")
        .privacy(ChannelPrivacy::Private)
        .chime_bearer(user("alice"))
        .send()
        .await
        .expect("channel")
        .channel_arn
        .expect("ARN");
    let listed = client
        .list_channels()
        .app_instance_arn(APP)
        .privacy(ChannelPrivacy::Private)
        .chime_bearer(&admin)
        .send()
        .await
        .expect("admins list private channels");
    assert_eq!(listed.channels.map(|c| c.len()), Some(1));
    client
        .list_channel_messages()
        .channel_arn(&private)
        .chime_bearer(&admin)
        .send()
        .await
        .expect("admins read every channel");
    client
        .delete_channel()
        .channel_arn(&private)
        .chime_bearer(&admin)
        .send()
        .await
        .expect("admins delete channels");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_found() {
    let (_running, client) = start().await;
    let alice = user("alice");
    let general = channel(&client, &alice, "general").await;
    let missing_channel = format!("{APP}/channel/nope");
    let missing_flow = format!("{APP}/channel-flow/nope");

    assert_error!(
        client
            .describe_channel_membership()
            .channel_arn(&general)
            .member_arn(user("nobody"))
            .chime_bearer(&alice)
            .send()
            .await,
        is_not_found_exception,
        "not a member"
    );
    assert_error!(
        client
            .get_channel_message()
            .channel_arn(&general)
            .message_id("missing")
            .chime_bearer(&alice)
            .send()
            .await,
        is_not_found_exception
    );
    assert_error!(
        client
            .describe_channel_ban()
            .channel_arn(&general)
            .member_arn(user("nobody"))
            .chime_bearer(&alice)
            .send()
            .await,
        is_not_found_exception
    );
    assert_error!(
        client
            .describe_channel_moderator()
            .channel_arn(&general)
            .channel_moderator_arn(user("nobody"))
            .chime_bearer(&alice)
            .send()
            .await,
        is_not_found_exception
    );
    assert_error!(
        client
            .create_channel_membership()
            .channel_arn(&missing_channel)
            .member_arn(&alice)
            .r#type(ChannelMembershipType::Default)
            .chime_bearer(&alice)
            .send()
            .await,
        is_not_found_exception,
        "nope"
    );
    assert_error!(
        client
            .associate_channel_flow()
            .channel_arn(&general)
            .channel_flow_arn(&missing_flow)
            .chime_bearer(&alice)
            .send()
            .await,
        is_not_found_exception
    );
    assert_error!(
        client
            .disassociate_channel_flow()
            .channel_arn(&general)
            .channel_flow_arn(&missing_flow)
            .chime_bearer(&alice)
            .send()
            .await,
        is_not_found_exception,
        "not associated"
    );
    assert_error!(
        client
            .get_messaging_streaming_configurations()
            .app_instance_arn(APP)
            .send()
            .await,
        is_not_found_exception
    );

    // Operations whose model has no NotFoundException answer
    // BadRequestException with the code NotFound.
    let error = assert_error!(
        client
            .describe_channel()
            .channel_arn(&missing_channel)
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "not found"
    );
    match error.into_error() {
        error::DescribeChannelError::BadRequestException(e) => {
            assert_eq!(e.code, Some(ErrorCode::NotFound))
        }
        other => panic!("{other:?}"),
    }
    let error = assert_error!(
        client
            .describe_channel_flow()
            .channel_flow_arn(&missing_flow)
            .send()
            .await,
        is_bad_request_exception
    );
    match error.into_error() {
        error::DescribeChannelFlowError::BadRequestException(e) => {
            assert_eq!(e.code, Some(ErrorCode::NotFound))
        }
        other => panic!("{other:?}"),
    }
    assert_error!(
        client
            .tag_resource()
            .resource_arn(&missing_channel)
            .tags(vec![Tag {
                key: "k".into(),
                value: "v".into()
            }])
            .send()
            .await,
        is_bad_request_exception,
        "not found"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflicts() {
    let (_running, client) = start().await;
    let (alice, bob) = (user("alice"), user("bob"));
    let create = |id: &str| {
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("custom")
            .channel_id(id)
            .chime_bearer(&alice)
    };
    let custom = create("custom-1")
        .send()
        .await
        .expect("first")
        .channel_arn
        .expect("ARN");
    assert_error!(
        create("custom-1").send().await,
        is_conflict_exception,
        "custom-1"
    );

    join(&client, &custom, &alice, &bob).await;
    assert_error!(
        client
            .create_channel_membership()
            .channel_arn(&custom)
            .member_arn(&bob)
            .r#type(ChannelMembershipType::Default)
            .chime_bearer(&alice)
            .send()
            .await,
        is_conflict_exception,
        "already a member"
    );
    assert_error!(
        client
            .create_channel_moderator()
            .channel_arn(&custom)
            .channel_moderator_arn(&alice)
            .chime_bearer(&alice)
            .send()
            .await,
        is_conflict_exception,
        "already moderates"
    );
    client
        .create_channel_ban()
        .channel_arn(&custom)
        .member_arn(&bob)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("ban");
    assert_error!(
        client
            .create_channel_ban()
            .channel_arn(&custom)
            .member_arn(&bob)
            .chime_bearer(&alice)
            .send()
            .await,
        is_conflict_exception
    );

    // A redacted message cannot be edited.
    let message = say(&client, &custom, &alice, "oops").await;
    client
        .redact_channel_message()
        .channel_arn(&custom)
        .message_id(&message)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("redact");
    assert_error!(
        client
            .update_channel_message()
            .channel_arn(&custom)
            .message_id(&message)
            .content("fixed")
            .chime_bearer(&alice)
            .send()
            .await,
        is_conflict_exception,
        "redacted"
    );

    // One flow per channel, and flows in use cannot be deleted.
    let flow = |name: &str| {
        client
            .create_channel_flow()
            .app_instance_arn(APP)
            .name(name)
            .processors(vec![processor("p", 1)])
    };
    let first = flow("first")
        .send()
        .await
        .expect("flow")
        .channel_flow_arn
        .expect("ARN");
    let second = flow("second")
        .send()
        .await
        .expect("flow")
        .channel_flow_arn
        .expect("ARN");
    client
        .associate_channel_flow()
        .channel_arn(&custom)
        .channel_flow_arn(&first)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("associate");
    assert_error!(
        client
            .associate_channel_flow()
            .channel_arn(&custom)
            .channel_flow_arn(&second)
            .chime_bearer(&alice)
            .send()
            .await,
        is_conflict_exception,
        "already associated"
    );
    assert_error!(
        client
            .delete_channel_flow()
            .channel_flow_arn(&first)
            .send()
            .await,
        is_conflict_exception,
        "disassociate it first"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resource_limits() {
    let (_running, client) = start().await;
    let alice = user("alice");
    // Two sub-channels of two members: room for four.
    let elastic = client
        .create_channel()
        .app_instance_arn(APP)
        .name("small elastic")
        .elastic_channel_configuration(ElasticChannelConfiguration {
            maximum_sub_channels: 2,
            target_memberships_per_sub_channel: 2,
            minimum_membership_percentage: 10,
        })
        .chime_bearer(&alice)
        .send()
        .await
        .expect("elastic")
        .channel_arn
        .expect("ARN");
    for n in 1..=4 {
        join(&client, &elastic, &alice, &user(&format!("u{n}"))).await;
    }
    assert_error!(
        client
            .create_channel_membership()
            .channel_arn(&elastic)
            .member_arn(user("u5"))
            .r#type(ChannelMembershipType::Default)
            .chime_bearer(&alice)
            .send()
            .await,
        is_resource_limit_exceeded_exception,
        "full"
    );
    let batch = client
        .batch_create_channel_membership()
        .channel_arn(&elastic)
        .member_arns(vec![user("u6")])
        .chime_bearer(&alice)
        .send()
        .await
        .expect("batch answers per member");
    let errors = batch.errors.unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].error_code, Some(ErrorCode::ResourceLimitExceeded));

    // At most 50 tags per resource.
    let general = channel(&client, &alice, "general").await;
    let tags = |range: std::ops::Range<usize>| {
        range
            .map(|i| Tag {
                key: format!("k{i}"),
                value: "v".into(),
            })
            .collect::<Vec<_>>()
    };
    client
        .tag_resource()
        .resource_arn(&general)
        .tags(tags(0..50))
        .send()
        .await
        .expect("50 tags");
    assert_error!(
        client
            .tag_resource()
            .resource_arn(&general)
            .tags(tags(50..51))
            .send()
            .await,
        is_resource_limit_exceeded_exception,
        "50"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_failures_name_the_member() {
    let (_running, client) = start().await;
    let alice = user("alice");
    let general = channel(&client, &alice, "general").await;
    let send = || {
        client
            .send_channel_message()
            .channel_arn(&general)
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .chime_bearer(&alice)
    };

    // Checked by the generated router against the model's constraints.
    let error = assert_error!(
        send().content("").send().await,
        is_bad_request_exception,
        "Content"
    );
    match error.into_error() {
        error::SendChannelMessageError::BadRequestException(e) => {
            assert!(e.message.unwrap_or_default().contains("Content"))
        }
        other => panic!("{other:?}"),
    }
    assert_error!(
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("")
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "Name"
    );
    assert_error!(
        client
            .list_channel_messages()
            .channel_arn(&general)
            .max_results(0)
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "MaxResults"
    );
    assert_error!(
        client
            .list_channel_messages()
            .channel_arn(&general)
            .max_results(51)
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "MaxResults"
    );
    assert_error!(
        client
            .list_channel_messages()
            .channel_arn(&general)
            .sort_order(SortOrder::from("SIDEWAYS"))
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "SortOrder"
    );
    assert_error!(
        client
            .describe_channel()
            .channel_arn(&general)
            .chime_bearer("not-an-arn")
            .send()
            .await,
        is_bad_request_exception,
        "ChimeBearer"
    );
    assert_error!(
        client
            .create_channel()
            .app_instance_arn(APP)
            .name("bad id")
            .channel_id("-starts-with-dash")
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "ChannelId"
    );

    // Checked by the emulator's own rules.
    assert_error!(
        client
            .describe_channel()
            .channel_arn(&general)
            .chime_bearer(APP)
            .send()
            .await,
        is_bad_request_exception,
        "ChimeBearer",
        "AppInstanceUser"
    );
    assert_error!(
        client
            .describe_channel()
            .channel_arn(&general)
            .chime_bearer("arn:aws:chime:us-east-1:1234:app-instance/a/user/u")
            .send()
            .await,
        is_bad_request_exception,
        "ChimeBearer",
        "12 digits"
    );
    assert_error!(
        send()
            .r#type(ChannelMessageType::Control)
            .content("x".repeat(31))
            .send()
            .await,
        is_bad_request_exception,
        "Content",
        "CONTROL"
    );
    assert_error!(
        send()
            .r#type(ChannelMessageType::Control)
            .content("ping")
            .metadata("m")
            .send()
            .await,
        is_bad_request_exception,
        "Metadata"
    );
    assert_error!(
        client
            .create_channel_flow()
            .app_instance_arn(APP)
            .name("dup")
            .processors(vec![processor("a", 1), processor("b", 1)])
            .send()
            .await,
        is_bad_request_exception,
        "Processors.1.ExecutionOrder"
    );
    assert_error!(
        client
            .list_channel_messages()
            .channel_arn(&general)
            .next_token("forged")
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "NextToken"
    );
    assert_error!(
        client
            .list_sub_channels()
            .channel_arn(&general)
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "not an elastic channel"
    );
    assert_error!(
        client
            .put_channel_membership_preferences()
            .channel_arn(&general)
            .member_arn(&alice)
            .preferences(chime_sdk_messaging::types::ChannelMembershipPreferences {
                push_notifications: Some(chime_sdk_messaging::types::PushNotificationPreferences {
                    allow_notifications: chime_sdk_messaging::types::AllowNotifications::Filtered,
                    filter_rule: None,
                }),
            })
            .chime_bearer(&alice)
            .send()
            .await,
        is_bad_request_exception,
        "FilterRule"
    );
    assert_error!(
        client
            .put_messaging_streaming_configurations()
            .app_instance_arn(APP)
            .streaming_configurations(vec![chime_sdk_messaging::types::StreamingConfiguration {
                data_type: chime_sdk_messaging::types::MessagingDataType::Channel,
                resource_arn: "arn:aws:sqs:us-east-1:123456789012:queue".into(),
            }])
            .send()
            .await,
        is_bad_request_exception,
        "ResourceArn"
    );
}
