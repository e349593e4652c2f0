//! Every one of the 51 operations, called with the generated client over
//! real HTTP against the emulator served by the generated router, in one
//! scenario that checks each answer. At the end the emulator's call log
//! must hold every operation of the model's route table, and each of them
//! must have succeeded at least once along the way (each call below is
//! `expect`ed).

mod e2e_support;

use chime_sdk_messaging::types::{
    AllowNotifications, ChannelMembershipPreferences, ChannelMembershipType,
    ChannelMessageCallback, ChannelMessagePersistenceType, ChannelMessageStatus,
    ChannelMessageType, ChannelMode, ChannelPrivacy, ElasticChannelConfiguration, ErrorCode,
    ExpirationCriterion, ExpirationSettings, MessageAttributeValue, MessagingDataType, NetworkType,
    PushNotificationPreferences, SearchField, SearchFieldKey, SearchFieldOperator, SortOrder,
    StreamingConfiguration, Tag,
};
use e2e_support::*;
use std::collections::{BTreeMap, BTreeSet};
use tests::emulator::OPERATIONS;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_over_http() {
    let (running, client) = start().await;
    let (alice, bob, carol, dave, erin) = (
        user("alice"),
        user("bob"),
        user("carol"),
        user("dave"),
        user("erin"),
    );

    // --- Channels -------------------------------------------------------
    let created = client
        .create_channel()
        .app_instance_arn(APP)
        .name("general")
        .mode(ChannelMode::Unrestricted)
        .privacy(ChannelPrivacy::Public)
        .metadata("{\"topic\":\"all\"}")
        .channel_id("general")
        .client_request_token("create-general-1")
        .tags(vec![Tag {
            key: "team".into(),
            value: "chat".into(),
        }])
        .member_arns(vec![bob.clone()])
        .chime_bearer(&alice)
        .send()
        .await
        .expect("CreateChannel");
    let general = created.channel_arn.expect("channel ARN");
    assert_eq!(general, format!("{APP}/channel/general"));

    let described = client
        .describe_channel()
        .channel_arn(&general)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("DescribeChannel")
        .channel
        .expect("channel");
    assert_eq!(described.name.as_deref(), Some("general"));
    assert_eq!(
        described.created_by.and_then(|i| i.arn),
        Some(alice.clone())
    );
    assert_eq!(described.mode, Some(ChannelMode::Unrestricted));
    assert_eq!(described.privacy, Some(ChannelPrivacy::Public));
    assert!(described.created_timestamp.is_some());

    let updated = client
        .update_channel()
        .channel_arn(&general)
        .name("General chat")
        .metadata("{\"topic\":\"everything\"}")
        .chime_bearer(&alice)
        .send()
        .await
        .expect("UpdateChannel");
    assert_eq!(updated.channel_arn.as_deref(), Some(general.as_str()));

    let listed = client
        .list_channels()
        .app_instance_arn(APP)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("ListChannels");
    let names: Vec<_> = listed
        .channels
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| c.name)
        .collect();
    assert_eq!(names, vec!["General chat".to_owned()]);

    // --- Memberships ----------------------------------------------------
    let joined = client
        .create_channel_membership()
        .channel_arn(&general)
        .member_arn(&carol)
        .r#type(ChannelMembershipType::Default)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("CreateChannelMembership");
    assert_eq!(joined.member.and_then(|m| m.arn), Some(carol.clone()));

    let batch = client
        .batch_create_channel_membership()
        .channel_arn(&general)
        .member_arns(vec![dave.clone(), erin.clone(), bob.clone()])
        .chime_bearer(&alice)
        .send()
        .await
        .expect("BatchCreateChannelMembership");
    let added: Vec<_> = batch
        .batch_channel_memberships
        .and_then(|b| b.members)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|m| m.arn)
        .collect();
    assert_eq!(added, vec![dave.clone(), erin.clone()]);
    let errors = batch.errors.unwrap_or_default();
    assert_eq!(errors.len(), 1, "bob was already a member");
    assert_eq!(errors[0].member_arn.as_deref(), Some(bob.as_str()));
    assert_eq!(errors[0].error_code, Some(ErrorCode::Conflict));

    let membership = client
        .describe_channel_membership()
        .channel_arn(&general)
        .member_arn(&carol)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("DescribeChannelMembership")
        .channel_membership
        .expect("membership");
    assert_eq!(
        membership.invited_by.and_then(|i| i.arn),
        Some(alice.clone())
    );
    assert_eq!(membership.r#type, Some(ChannelMembershipType::Default));

    client
        .delete_channel_membership()
        .channel_arn(&general)
        .member_arn(&erin)
        .chime_bearer(&erin)
        .send()
        .await
        .expect("DeleteChannelMembership (leaving)");

    let members = client
        .list_channel_memberships()
        .channel_arn(&general)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("ListChannelMemberships");
    let members: Vec<_> = members
        .channel_memberships
        .unwrap_or_default()
        .into_iter()
        .filter_map(|m| m.member.and_then(|i| i.arn))
        .collect();
    assert_eq!(
        members,
        vec![alice.clone(), bob.clone(), carol.clone(), dave.clone()]
    );

    // --- Moderators -----------------------------------------------------
    let moderator = client
        .create_channel_moderator()
        .channel_arn(&general)
        .channel_moderator_arn(&bob)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("CreateChannelModerator");
    assert_eq!(
        moderator.channel_moderator.and_then(|m| m.arn),
        Some(bob.clone())
    );

    let described = client
        .describe_channel_moderator()
        .channel_arn(&general)
        .channel_moderator_arn(&bob)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("DescribeChannelModerator")
        .channel_moderator
        .expect("moderator");
    assert_eq!(
        described.created_by.and_then(|i| i.arn),
        Some(alice.clone())
    );

    let moderators = client
        .list_channel_moderators()
        .channel_arn(&general)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("ListChannelModerators");
    let moderators: Vec<_> = moderators
        .channel_moderators
        .unwrap_or_default()
        .into_iter()
        .filter_map(|m| m.moderator.and_then(|i| i.arn))
        .collect();
    assert_eq!(moderators, vec![alice.clone(), bob.clone()]);

    let moderated = client
        .list_channels_moderated_by_app_instance_user()
        .chime_bearer(&bob)
        .send()
        .await
        .expect("ListChannelsModeratedByAppInstanceUser");
    let moderated: Vec<_> = moderated
        .channels
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| c.channel_summary.and_then(|s| s.channel_arn))
        .collect();
    assert_eq!(moderated, vec![general.clone()]);

    let one = client
        .describe_channel_moderated_by_app_instance_user()
        .channel_arn(&general)
        .app_instance_user_arn(&bob)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("DescribeChannelModeratedByAppInstanceUser");
    assert_eq!(
        one.channel
            .and_then(|c| c.channel_summary)
            .and_then(|s| s.name)
            .as_deref(),
        Some("General chat")
    );

    // --- Bans -----------------------------------------------------------
    let banned = client
        .create_channel_ban()
        .channel_arn(&general)
        .member_arn(&dave)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("CreateChannelBan");
    assert_eq!(banned.member.and_then(|m| m.arn), Some(dave.clone()));
    let ban = client
        .describe_channel_ban()
        .channel_arn(&general)
        .member_arn(&dave)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("DescribeChannelBan")
        .channel_ban
        .expect("ban");
    assert_eq!(ban.created_by.and_then(|i| i.arn), Some(bob.clone()));
    let bans = client
        .list_channel_bans()
        .channel_arn(&general)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("ListChannelBans")
        .channel_bans
        .unwrap_or_default();
    assert_eq!(bans.len(), 1);
    // The ban removed dave's membership.
    let gone = client
        .describe_channel_membership()
        .channel_arn(&general)
        .member_arn(&dave)
        .chime_bearer(&alice)
        .send()
        .await
        .unwrap_err();
    assert!(gone.is_not_found_exception(), "{gone:?}");
    client
        .delete_channel_ban()
        .channel_arn(&general)
        .member_arn(&dave)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("DeleteChannelBan");

    client
        .delete_channel_moderator()
        .channel_arn(&general)
        .channel_moderator_arn(&bob)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("DeleteChannelModerator");

    // --- Messages -------------------------------------------------------
    let sent = client
        .send_channel_message()
        .channel_arn(&general)
        .content("hello, world")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .metadata("m1")
        .content_type("text/plain")
        .message_attributes(BTreeMap::from([(
            "lang".to_owned(),
            MessageAttributeValue {
                string_values: Some(vec!["en".to_owned()]),
            },
        )]))
        .chime_bearer(&carol)
        .send()
        .await
        .expect("SendChannelMessage");
    let message_id = sent.message_id.expect("message ID");
    assert_eq!(
        sent.status.and_then(|s| s.value),
        Some(ChannelMessageStatus::Sent)
    );

    let fetched = client
        .get_channel_message()
        .channel_arn(&general)
        .message_id(&message_id)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("GetChannelMessage")
        .channel_message
        .expect("message");
    assert_eq!(fetched.content.as_deref(), Some("hello, world"));
    assert_eq!(fetched.sender.and_then(|s| s.arn), Some(carol.clone()));
    assert_eq!(fetched.content_type.as_deref(), Some("text/plain"));
    assert_eq!(
        fetched
            .message_attributes
            .and_then(|a| a.get("lang").cloned())
            .and_then(|v| v.string_values),
        Some(vec!["en".to_owned()])
    );

    let edited = client
        .update_channel_message()
        .channel_arn(&general)
        .message_id(&message_id)
        .content("hello, everyone")
        .chime_bearer(&carol)
        .send()
        .await
        .expect("UpdateChannelMessage");
    assert_eq!(edited.message_id.as_deref(), Some(message_id.as_str()));

    let listed = client
        .list_channel_messages()
        .channel_arn(&general)
        .sort_order(SortOrder::Ascending)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("ListChannelMessages");
    let messages = listed.channel_messages.unwrap_or_default();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].content.as_deref(), Some("hello, everyone"));
    assert!(messages[0].last_edited_timestamp.is_some());

    let status = client
        .get_channel_message_status()
        .channel_arn(&general)
        .message_id(&message_id)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("GetChannelMessageStatus");
    assert_eq!(
        status.status.and_then(|s| s.value),
        Some(ChannelMessageStatus::Sent)
    );

    let redacted = client
        .redact_channel_message()
        .channel_arn(&general)
        .message_id(&message_id)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("RedactChannelMessage");
    assert_eq!(redacted.message_id.as_deref(), Some(message_id.as_str()));
    let after = client
        .get_channel_message()
        .channel_arn(&general)
        .message_id(&message_id)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("redacted message")
        .channel_message
        .expect("message");
    assert!(after.redacted);
    assert_eq!(after.content.as_deref(), Some(""));

    client
        .delete_channel_message()
        .channel_arn(&general)
        .message_id(&message_id)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("DeleteChannelMessage");

    // --- Read markers and preferences -------------------------------------
    let marked = client
        .update_channel_read_marker()
        .channel_arn(&general)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("UpdateChannelReadMarker");
    assert_eq!(marked.channel_arn.as_deref(), Some(general.as_str()));

    let mine = client
        .list_channel_memberships_for_app_instance_user()
        .app_instance_user_arn(&carol)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("ListChannelMembershipsForAppInstanceUser")
        .channel_memberships
        .unwrap_or_default();
    assert_eq!(mine.len(), 1);
    let summary = mine[0]
        .app_instance_user_membership_summary
        .clone()
        .expect("summary");
    assert!(
        summary.read_marker_timestamp.is_some(),
        "the read marker is shown"
    );

    let one = client
        .describe_channel_membership_for_app_instance_user()
        .channel_arn(&general)
        .app_instance_user_arn(&carol)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("DescribeChannelMembershipForAppInstanceUser")
        .channel_membership
        .expect("membership");
    assert_eq!(
        one.channel_summary.and_then(|s| s.channel_arn).as_deref(),
        Some(general.as_str())
    );

    let preferences = ChannelMembershipPreferences {
        push_notifications: Some(PushNotificationPreferences {
            allow_notifications: AllowNotifications::Filtered,
            filter_rule: Some("{\"lang\":[\"en\"]}".to_owned()),
        }),
    };
    let put = client
        .put_channel_membership_preferences()
        .channel_arn(&general)
        .member_arn(&carol)
        .preferences(preferences.clone())
        .chime_bearer(&carol)
        .send()
        .await
        .expect("PutChannelMembershipPreferences");
    assert_eq!(put.preferences.as_ref(), Some(&preferences));
    let got = client
        .get_channel_membership_preferences()
        .channel_arn(&general)
        .member_arn(&carol)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("GetChannelMembershipPreferences");
    assert_eq!(got.preferences, Some(preferences));
    assert_eq!(got.member.and_then(|m| m.arn), Some(carol.clone()));

    // --- Expiration, tags, search ---------------------------------------
    let settings = ExpirationSettings {
        expiration_days: 30,
        expiration_criterion: ExpirationCriterion::LastMessageTimestamp,
    };
    let expiring = client
        .put_channel_expiration_settings()
        .channel_arn(&general)
        .expiration_settings(settings.clone())
        .chime_bearer(&alice)
        .send()
        .await
        .expect("PutChannelExpirationSettings");
    assert_eq!(expiring.expiration_settings, Some(settings));

    client
        .tag_resource()
        .resource_arn(&general)
        .tags(vec![Tag {
            key: "env".into(),
            value: "test".into(),
        }])
        .send()
        .await
        .expect("TagResource");
    client
        .untag_resource()
        .resource_arn(&general)
        .tag_keys(vec!["team".to_owned()])
        .send()
        .await
        .expect("UntagResource");
    let tags = client
        .list_tags_for_resource()
        .resource_arn(&general)
        .send()
        .await
        .expect("ListTagsForResource")
        .tags
        .unwrap_or_default();
    assert_eq!(
        tags,
        vec![Tag {
            key: "env".into(),
            value: "test".into()
        }]
    );

    let found = client
        .search_channels()
        .fields(vec![SearchField {
            key: SearchFieldKey::Members,
            values: vec![carol.clone()],
            operator: SearchFieldOperator::Includes,
        }])
        .chime_bearer(&carol)
        .send()
        .await
        .expect("SearchChannels")
        .channels
        .unwrap_or_default();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].channel_arn.as_deref(), Some(general.as_str()));

    // --- Channel flows --------------------------------------------------
    let flow = client
        .create_channel_flow()
        .app_instance_arn(APP)
        .name("moderation")
        .processors(vec![processor("profanity", 1)])
        .client_request_token("flow-1")
        .send()
        .await
        .expect("CreateChannelFlow")
        .channel_flow_arn
        .expect("flow ARN");
    let described = client
        .describe_channel_flow()
        .channel_flow_arn(&flow)
        .send()
        .await
        .expect("DescribeChannelFlow")
        .channel_flow
        .expect("flow");
    assert_eq!(described.name.as_deref(), Some("moderation"));
    client
        .update_channel_flow()
        .channel_flow_arn(&flow)
        .name("moderation v2")
        .processors(vec![processor("profanity", 1), processor("links", 2)])
        .send()
        .await
        .expect("UpdateChannelFlow");
    let flows = client
        .list_channel_flows()
        .app_instance_arn(APP)
        .send()
        .await
        .expect("ListChannelFlows")
        .channel_flows
        .unwrap_or_default();
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].name.as_deref(), Some("moderation v2"));
    assert_eq!(flows[0].processors.as_ref().map(Vec::len), Some(2));

    client
        .associate_channel_flow()
        .channel_arn(&general)
        .channel_flow_arn(&flow)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("AssociateChannelFlow");
    let associated = client
        .list_channels_associated_with_channel_flow()
        .channel_flow_arn(&flow)
        .send()
        .await
        .expect("ListChannelsAssociatedWithChannelFlow")
        .channels
        .unwrap_or_default();
    assert_eq!(associated.len(), 1);
    assert_eq!(associated[0].channel_arn.as_deref(), Some(general.as_str()));

    // A message now waits for the flow: pending, and hidden from others.
    let pending = client
        .send_channel_message()
        .channel_arn(&general)
        .content("needs a check")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer(&carol)
        .send()
        .await
        .expect("send through a flow");
    assert_eq!(
        pending.status.and_then(|s| s.value),
        Some(ChannelMessageStatus::Pending)
    );
    let pending_id = pending.message_id.expect("message ID");
    let hidden = client
        .get_channel_message()
        .channel_arn(&general)
        .message_id(&pending_id)
        .chime_bearer(&bob)
        .send()
        .await
        .unwrap_err();
    assert!(hidden.is_not_found_exception(), "{hidden:?}");

    let callback = client
        .channel_flow_callback()
        .channel_arn(&general)
        .callback_id("callback-0000000000000000000000000001")
        .channel_message(ChannelMessageCallback {
            message_id: pending_id.clone(),
            content: Some("checked".to_owned()),
            metadata: None,
            push_notification: None,
            message_attributes: None,
            sub_channel_id: None,
            content_type: None,
        })
        .send()
        .await
        .expect("ChannelFlowCallback");
    assert_eq!(callback.channel_arn.as_deref(), Some(general.as_str()));
    let released = client
        .get_channel_message()
        .channel_arn(&general)
        .message_id(&pending_id)
        .chime_bearer(&bob)
        .send()
        .await
        .expect("released message")
        .channel_message
        .expect("message");
    assert_eq!(released.content.as_deref(), Some("checked"));
    assert_eq!(
        released.status.and_then(|s| s.value),
        Some(ChannelMessageStatus::Sent)
    );

    client
        .disassociate_channel_flow()
        .channel_arn(&general)
        .channel_flow_arn(&flow)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("DisassociateChannelFlow");
    client
        .delete_channel_flow()
        .channel_flow_arn(&flow)
        .send()
        .await
        .expect("DeleteChannelFlow");

    // --- Streaming and the session endpoint -------------------------------
    let configurations = vec![StreamingConfiguration {
        data_type: MessagingDataType::ChannelMessage,
        resource_arn: STREAM.to_owned(),
    }];
    let put = client
        .put_messaging_streaming_configurations()
        .app_instance_arn(APP)
        .streaming_configurations(configurations.clone())
        .send()
        .await
        .expect("PutMessagingStreamingConfigurations");
    assert_eq!(put.streaming_configurations.as_ref(), Some(&configurations));
    let got = client
        .get_messaging_streaming_configurations()
        .app_instance_arn(APP)
        .send()
        .await
        .expect("GetMessagingStreamingConfigurations");
    assert_eq!(got.streaming_configurations, Some(configurations));
    client
        .delete_messaging_streaming_configurations()
        .app_instance_arn(APP)
        .send()
        .await
        .expect("DeleteMessagingStreamingConfigurations");
    let gone = client
        .get_messaging_streaming_configurations()
        .app_instance_arn(APP)
        .send()
        .await
        .unwrap_err();
    assert!(gone.is_not_found_exception(), "{gone:?}");

    let endpoint = client
        .get_messaging_session_endpoint()
        .network_type(NetworkType::DualStack)
        .send()
        .await
        .expect("GetMessagingSessionEndpoint");
    let url = endpoint.endpoint.and_then(|e| e.url).expect("URL");
    assert!(url.starts_with("wss://dualstack."), "{url}");

    // --- Elastic channels -------------------------------------------------
    let elastic = client
        .create_channel()
        .app_instance_arn(APP)
        .name("town hall")
        .elastic_channel_configuration(ElasticChannelConfiguration {
            maximum_sub_channels: 3,
            target_memberships_per_sub_channel: 2,
            minimum_membership_percentage: 10,
        })
        .chime_bearer(&alice)
        .send()
        .await
        .expect("elastic channel")
        .channel_arn
        .expect("ARN");
    for member in [&bob, &carol, &dave] {
        join(&client, &elastic, &alice, member).await;
    }
    let subs = client
        .list_sub_channels()
        .channel_arn(&elastic)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("ListSubChannels")
        .sub_channels
        .unwrap_or_default();
    let counts: Vec<_> = subs
        .iter()
        .map(|s| {
            (
                s.sub_channel_id.clone().unwrap_or_default(),
                s.membership_count,
            )
        })
        .collect();
    assert_eq!(
        counts,
        vec![
            ("sub-channel-1".to_owned(), Some(2)),
            ("sub-channel-2".to_owned(), Some(1))
        ]
    );

    // Messages live in a sub-channel, which must be named.
    let in_sub = client
        .send_channel_message()
        .channel_arn(&elastic)
        .content("hi sub-channel 1")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .sub_channel_id("sub-channel-1")
        .chime_bearer(&bob)
        .send()
        .await
        .expect("send to a sub-channel");
    assert_eq!(in_sub.sub_channel_id.as_deref(), Some("sub-channel-1"));
    let unnamed = client
        .list_channel_messages()
        .channel_arn(&elastic)
        .chime_bearer(&bob)
        .send()
        .await
        .unwrap_err();
    assert!(unnamed.to_string().contains("SubChannelId"), "{unnamed}");
    for (sub, expected) in [("sub-channel-1", 1), ("sub-channel-2", 0)] {
        let page = client
            .list_channel_messages()
            .channel_arn(&elastic)
            .sub_channel_id(sub)
            .chime_bearer(&alice)
            .send()
            .await
            .expect("sub-channel messages");
        assert_eq!(page.sub_channel_id.as_deref(), Some(sub));
        assert_eq!(
            page.channel_messages.unwrap_or_default().len(),
            expected,
            "{sub}"
        );
    }
    let second: Vec<_> = client
        .list_channel_memberships()
        .channel_arn(&elastic)
        .sub_channel_id("sub-channel-2")
        .chime_bearer(&alice)
        .send()
        .await
        .expect("sub-channel members")
        .channel_memberships
        .unwrap_or_default()
        .into_iter()
        .filter_map(|m| m.member.and_then(|i| i.arn))
        .collect();
    assert_eq!(second, vec![dave.clone()]);
    client
        .delete_channel_membership()
        .channel_arn(&elastic)
        .member_arn(&dave)
        .sub_channel_id("sub-channel-2")
        .chime_bearer(&alice)
        .send()
        .await
        .expect("leave a sub-channel");

    client
        .delete_channel()
        .channel_arn(&general)
        .chime_bearer(&alice)
        .send()
        .await
        .expect("DeleteChannel");
    let deleted = client
        .describe_channel()
        .channel_arn(&general)
        .chime_bearer(&alice)
        .send()
        .await
        .unwrap_err();
    // DescribeChannel models no NotFoundException: a BadRequestException
    // whose Code says NotFound.
    match deleted.into_error() {
        chime_sdk_messaging::error::DescribeChannelError::BadRequestException(e) => {
            assert_eq!(e.code, Some(ErrorCode::NotFound))
        }
        other => panic!("expected BadRequestException, got {other:?}"),
    }

    // --- Coverage ---------------------------------------------------------
    let routes: BTreeSet<&str> = chime_sdk_messaging::server::ROUTES
        .iter()
        .map(|r| r.operation)
        .collect();
    assert_eq!(routes.len(), 51);
    assert_eq!(OPERATIONS.iter().copied().collect::<BTreeSet<_>>(), routes);
    let calls = running.emulator().calls();
    let missing: Vec<_> = routes
        .iter()
        .filter(|op| !calls.contains_key(*op))
        .collect();
    assert!(missing.is_empty(), "operations never called: {missing:?}");
    running.shutdown().await.expect("shutdown");
}
