//! The ARNs the emulator understands.
//!
//! App instances are implicit: any well-formed
//! `arn:<partition>:chime:<region>:<account>:app-instance/<id>` names one.
//! Users and bots live below it (`.../user/<id>`, `.../bot/<id>`), and so
//! do the channels and channel flows the emulator creates
//! (`.../channel/<id>`, `.../channel-flow/<id>`).

use super::error::ApiError;

/// What an ARN below an app instance names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// The app instance itself.
    AppInstance,
    /// An `AppInstanceUser`.
    User,
    /// An `AppInstanceBot`.
    Bot,
    /// A channel.
    Channel,
    /// A channel flow.
    ChannelFlow,
}

/// A parsed Chime ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChimeArn {
    /// The whole ARN, as given.
    pub arn: String,
    /// The ARN of the app instance it belongs to (or is).
    pub app_instance: String,
    /// What it names.
    pub resource: Resource,
    /// The last path segment: the user, bot, channel or flow ID (the app
    /// instance ID for an app instance).
    pub id: String,
}

const EXPECTED: &str = "arn:aws:chime:<region>:<account>:app-instance/<id>";

fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 256
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '@'))
}

/// Parses any Chime ARN the emulator knows; `member` names the input
/// member it came from, for the error message.
pub fn parse(arn: &str, member: &str) -> Result<ChimeArn, ApiError> {
    let bad = |why: &str| {
        ApiError::invalid(
            member,
            format!("`{arn}` is not a valid Chime ARN ({why}); expected {EXPECTED}[/user/<id>]"),
        )
    };
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(bad("it needs six `:`-separated fields"));
    };
    if partition.is_empty()
        || !partition
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-')
    {
        return Err(bad("bad partition"));
    }
    if service != "chime" {
        return Err(bad("the service must be `chime`"));
    }
    if region.is_empty()
        || !region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(bad("bad region"));
    }
    if account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad("the account must be 12 digits"));
    }
    let segments: Vec<&str> = resource.split('/').collect();
    let (instance_id, kind, id) = match segments.as_slice() {
        ["app-instance", instance] => (*instance, Resource::AppInstance, *instance),
        ["app-instance", instance, "user", id] => (*instance, Resource::User, *id),
        ["app-instance", instance, "bot", id] => (*instance, Resource::Bot, *id),
        ["app-instance", instance, "channel", id] => (*instance, Resource::Channel, *id),
        ["app-instance", instance, "channel-flow", id] => (*instance, Resource::ChannelFlow, *id),
        _ => return Err(bad("unknown resource path")),
    };
    if !is_id(instance_id) || !is_id(id) {
        return Err(bad("bad resource ID"));
    }
    Ok(ChimeArn {
        arn: arn.to_owned(),
        app_instance: format!(
            "arn:{partition}:chime:{region}:{account}:app-instance/{instance_id}"
        ),
        resource: kind,
        id: id.to_owned(),
    })
}

fn expect(arn: &str, member: &str, wanted: &[Resource], what: &str) -> Result<ChimeArn, ApiError> {
    let parsed = parse(arn, member)?;
    if wanted.contains(&parsed.resource) {
        Ok(parsed)
    } else {
        Err(ApiError::invalid(member, format!("`{arn}` is not {what}")))
    }
}

/// An `AppInstanceUser` or `AppInstanceBot` ARN.
pub fn user(arn: &str, member: &str) -> Result<ChimeArn, ApiError> {
    expect(
        arn,
        member,
        &[Resource::User, Resource::Bot],
        "an AppInstanceUser or AppInstanceBot ARN (`.../app-instance/<id>/user/<id>`)",
    )
}

/// An `AppInstance` ARN.
pub fn app_instance(arn: &str, member: &str) -> Result<ChimeArn, ApiError> {
    expect(arn, member, &[Resource::AppInstance], "an AppInstance ARN")
}

/// A channel ARN.
pub fn channel(arn: &str, member: &str) -> Result<ChimeArn, ApiError> {
    expect(
        arn,
        member,
        &[Resource::Channel],
        "a channel ARN (`.../app-instance/<id>/channel/<id>`)",
    )
}

/// A channel flow ARN.
pub fn channel_flow(arn: &str, member: &str) -> Result<ChimeArn, ApiError> {
    expect(
        arn,
        member,
        &[Resource::ChannelFlow],
        "a channel flow ARN (`.../app-instance/<id>/channel-flow/<id>`)",
    )
}

/// A Kinesis data stream ARN, the only streaming target Chime accepts.
pub fn kinesis_stream(arn: &str, member: &str) -> Result<(), ApiError> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, "kinesis", region, account, resource]
            if !region.is_empty()
                && account.len() == 12
                && resource.strip_prefix("stream/").is_some_and(|name| !name.is_empty()) =>
        {
            Ok(())
        }
        _ => Err(ApiError::invalid(
            member,
            format!("`{arn}` is not a Kinesis data stream ARN (`arn:aws:kinesis:<region>:<account>:stream/<name>`)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1";

    #[test]
    fn users_and_app_instances() {
        let user = user(&format!("{APP}/user/alice"), "ChimeBearer").unwrap();
        assert_eq!(user.app_instance, APP);
        assert_eq!(user.id, "alice");
        assert_eq!(user.resource, Resource::User);
        assert_eq!(app_instance(APP, "AppInstanceArn").unwrap().id, "app-1");
        assert_eq!(
            super::user(&format!("{APP}/bot/b"), "X").unwrap().resource,
            Resource::Bot
        );
    }

    #[test]
    fn malformed_arns_name_the_member() {
        for arn in [
            "arn:aws:chime:us-east-1:123:app-instance/a/user/u",
            "arn:aws:s3:us-east-1:123456789012:app-instance/a/user/u",
            "arn:aws:chime:us-east-1:123456789012:app-instance/a",
            "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/",
            "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u/extra",
            "not an arn",
        ] {
            let error = user(arn, "ChimeBearer").unwrap_err();
            assert!(error.message.contains("`ChimeBearer`"), "{arn}: {error}");
        }
    }

    #[test]
    fn kinesis() {
        assert!(kinesis_stream("arn:aws:kinesis:us-east-1:123456789012:stream/s", "R").is_ok());
        assert!(kinesis_stream("arn:aws:sqs:us-east-1:123456789012:q", "R").is_err());
    }
}
