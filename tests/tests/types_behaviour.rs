//! Behaviour of the generated types: JSON round trips, forward-compatible
//! enums and unions, builder errors naming the member, and `Debug` redaction
//! of sensitive data wherever it is nested.

use chime_sdk_messaging::rt::json::Shape;
use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types::{
    ChannelMessage, ChannelMessageSummary, ChannelMode, ChannelSummary, CreateChannelRequest,
    ListChannelMessagesResponse, MessageAttributeValue, Tag,
};
use serde_json::json;

#[test]
fn unknown_enum_values_are_kept_and_never_equal_known_ones() {
    let known = ChannelMode::from("RESTRICTED");
    assert_eq!(known, ChannelMode::Restricted);
    let future = ChannelMode::from("INVITE_ONLY");
    assert!(matches!(future, ChannelMode::Unknown(_)));
    assert_eq!(future.as_str(), "INVITE_ONLY");
    assert_ne!(future, ChannelMode::Restricted);
    // A known value can never hide in `Unknown`: parsing always picks the variant.
    for value in ChannelMode::VALUES {
        assert!(
            !matches!(ChannelMode::from(*value), ChannelMode::Unknown(_)),
            "{value}"
        );
    }
    let decoded = ChannelMode::from_json(&json!("INVITE_ONLY")).expect("string");
    assert_eq!(decoded.to_json(), json!("INVITE_ONLY"));
    assert!(ChannelMode::from_json(&json!(7)).is_err());
}

#[test]
fn structures_round_trip_through_json_and_ignore_unknown_fields() {
    let wire = json!({
        "Name": "general",
        "ChannelArn": "arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/c",
        "Mode": "UNRESTRICTED",
        "Privacy": "SECRET_FUTURE",
        "LastMessageTimestamp": 1700000000.25,
        "SomethingNew": {"nested": [1, 2, 3]}
    });
    let summary = ChannelSummary::from_json(&wire).expect("valid summary");
    assert_eq!(summary.name.as_deref(), Some("general"));
    assert_eq!(summary.mode, Some(ChannelMode::Unrestricted));
    assert_eq!(
        summary.privacy.as_ref().map(|p| p.as_str()),
        Some("SECRET_FUTURE")
    );
    let stamp = summary.last_message_timestamp.expect("timestamp");
    assert_eq!(stamp.secs(), 1_700_000_000);
    assert_eq!(stamp.subsec_nanos(), 250_000_000);
    let back = summary.to_json();
    assert!(back.get("SomethingNew").is_none());
    assert_eq!(back["LastMessageTimestamp"], json!(1700000000.25));
    assert_eq!(
        ChannelSummary::from_json(&back).expect("round trip"),
        summary
    );
}

#[test]
fn decode_errors_carry_the_path() {
    let wire = json!({ "Channels": [{ "Name": "ok" }, { "Name": 5 }] });
    let err =
        chime_sdk_messaging::types::ListChannelsResponse::from_json(&wire).expect_err("bad name");
    let text = err.to_string();
    assert!(
        text.contains("Channels") && text.contains("[1]") && text.contains("Name"),
        "{text}"
    );
}

#[test]
fn builders_name_the_missing_required_member() {
    let err = CreateChannelRequest::builder()
        .name("general")
        .chime_bearer("arn:aws:chime:us-east-1:111122223333:app-instance/a/user/u")
        .build()
        .expect_err("AppInstanceArn is required");
    assert_eq!(err.member(), "AppInstanceArn");
    assert!(err.to_string().contains("CreateChannelRequest"), "{err}");
    let ok = CreateChannelRequest::builder()
        .app_instance_arn("arn:aws:chime:us-east-1:111122223333:app-instance/a")
        .name("general")
        .chime_bearer("arn:aws:chime:us-east-1:111122223333:app-instance/a/user/u")
        .build()
        .expect("all required members set");
    // Required members are plain fields, optional ones are `Option`.
    assert_eq!(ok.name, "general");
    assert_eq!(ok.mode, None);
}

#[test]
fn debug_redacts_sensitive_members_at_any_depth() {
    let message = ChannelMessage::builder()
        .message_id("m-1")
        .content("the launch code is 0000")
        .metadata("secret metadata")
        .build();
    let printed = format!("{message:?}");
    assert!(printed.contains("m-1"), "{printed}");
    assert!(!printed.contains("launch code"), "{printed}");
    assert!(!printed.contains("secret metadata"), "{printed}");

    let summary = ChannelMessageSummary::builder()
        .content("nested secret")
        .build();
    let page = ListChannelMessagesResponse::builder()
        .channel_messages(vec![summary])
        .build();
    let printed = format!("{page:?}");
    assert!(!printed.contains("nested secret"), "{printed}");

    let tag = Tag::builder()
        .key("cost-centre")
        .value("top secret value")
        .build()
        .expect("both set");
    let printed = format!("{tag:?}");
    assert!(
        !printed.contains("cost-centre") && !printed.contains("top secret value"),
        "{printed}"
    );

    let attributes = std::collections::BTreeMap::from([(
        "private-key".to_owned(),
        MessageAttributeValue::builder()
            .string_values(vec!["private-value".to_owned()])
            .build(),
    )]);
    let message = ChannelMessage::builder()
        .message_attributes(attributes)
        .build();
    let printed = format!("{message:?}");
    assert!(
        !printed.contains("private-key") && !printed.contains("private-value"),
        "{printed}"
    );
}

#[test]
fn timestamps_keep_fractions() {
    let t = DateTime::from_fractional_secs(1.5).expect("in range");
    let summary = ChannelSummary::builder().last_message_timestamp(t).build();
    assert_eq!(summary.to_json()["LastMessageTimestamp"], json!(1.5));
}
