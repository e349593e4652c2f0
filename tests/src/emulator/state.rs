//! The emulator's in-memory state: ordered maps only, so listings (and the
//! whole emulator) are deterministic.

use super::arn::{self, ChimeArn};
use super::error::ApiError;
use super::pagination::Pages;
use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types::{
    ChannelMembershipPreferences, ChannelMembershipType, ChannelMessagePersistenceType,
    ChannelMessageStatusStructure, ChannelMessageType, ChannelMode, ChannelPrivacy, ChannelSummary,
    CreateChannelFlowRequest, CreateChannelRequest, ElasticChannelConfiguration,
    ExpirationCriterion, ExpirationSettings, Identity, MessageAttributeValue, Processor,
    PushNotificationConfiguration, SendChannelMessageRequest, SendChannelMessageResponse,
    StreamingConfiguration, Target,
};
use std::collections::{BTreeMap, BTreeSet};

/// Everything the emulator knows.
#[derive(Debug, Default)]
pub struct State {
    /// Source of the counter-based IDs.
    pub counter: u64,
    /// Users and bots treated as `AppInstanceAdmin`s of their app instance.
    pub admins: BTreeSet<String>,
    /// Channels by ARN.
    pub channels: BTreeMap<String, Channel>,
    /// Channel flows by ARN.
    pub flows: BTreeMap<String, Flow>,
    /// Streaming configurations by app instance ARN.
    pub streaming: BTreeMap<String, Vec<StreamingConfiguration>>,
    /// `CreateChannel` tokens: (caller, token) -> (input without token, ARN).
    pub channel_tokens: BTreeMap<(String, String), (CreateChannelRequest, String)>,
    /// `CreateChannelFlow` tokens: (app instance, token) -> (input without
    /// token, ARN).
    pub flow_tokens: BTreeMap<(String, String), (CreateChannelFlowRequest, String)>,
    /// `SendChannelMessage` tokens: (channel, caller, token) -> (input
    /// without token, response).
    pub message_tokens:
        BTreeMap<(String, String, String), (SendChannelMessageRequest, SendChannelMessageResponse)>,
    /// Paging tokens.
    pub pages: Pages,
    /// Where `GetMessagingSessionEndpoint` points.
    pub session_endpoint: String,
    /// When expired channels were last removed.
    pub last_purge: i64,
}

/// A channel and everything inside it.
#[derive(Debug, Clone)]
pub struct Channel {
    pub arn: String,
    pub app_instance: String,
    pub name: String,
    pub mode: ChannelMode,
    pub privacy: ChannelPrivacy,
    pub metadata: Option<String>,
    pub created_by: String,
    pub created: DateTime,
    pub updated: DateTime,
    pub last_message: Option<DateTime>,
    pub flow: Option<String>,
    pub elastic: Option<ElasticChannelConfiguration>,
    pub expiration: Option<ExpirationSettings>,
    pub tags: BTreeMap<String, String>,
    pub members: BTreeMap<String, Membership>,
    pub moderators: BTreeMap<String, Grant>,
    pub bans: BTreeMap<String, Grant>,
    /// Number of sub-channels of an elastic channel (`1..=sub_channels`).
    pub sub_channels: u32,
    /// Messages by sequence number (creation order).
    pub messages: BTreeMap<u64, Message>,
    /// Message ID -> sequence number.
    pub message_ids: BTreeMap<String, u64>,
}

/// One member of a channel.
#[derive(Debug, Clone)]
pub struct Membership {
    pub kind: ChannelMembershipType,
    pub invited_by: String,
    pub created: DateTime,
    pub updated: DateTime,
    pub sub_channel: Option<String>,
    pub read_marker: Option<DateTime>,
    pub preferences: Option<ChannelMembershipPreferences>,
}

/// A moderator role or a ban: who granted it and when.
#[derive(Debug, Clone)]
pub struct Grant {
    pub created: DateTime,
    pub created_by: String,
}

/// One message.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: String,
    pub sender: String,
    pub content: String,
    pub metadata: Option<String>,
    pub kind: ChannelMessageType,
    pub persistence: ChannelMessagePersistenceType,
    pub created: DateTime,
    pub last_edited: Option<DateTime>,
    pub updated: DateTime,
    pub redacted: bool,
    pub status: ChannelMessageStatusStructure,
    pub attributes: Option<BTreeMap<String, MessageAttributeValue>>,
    pub sub_channel: Option<String>,
    pub content_type: Option<String>,
    pub target: Option<Vec<Target>>,
    pub push_notification: Option<PushNotificationConfiguration>,
    /// The `CallbackId` of the channel flow callback that settled the
    /// message, which may be repeated.
    pub callback: Option<String>,
}

/// A channel flow.
#[derive(Debug, Clone)]
pub struct Flow {
    pub arn: String,
    pub app_instance: String,
    pub name: String,
    pub processors: Vec<Processor>,
    pub created: DateTime,
    pub updated: DateTime,
    pub tags: BTreeMap<String, String>,
}

/// The seconds in a day, for expiration settings.
const DAY: i64 = 86_400;

/// An `Identity` for a user, bot or other ARN: the last path segment
/// stands in for the display name, which lives in the Identity API.
pub fn identity(arn: &str) -> Identity {
    Identity {
        arn: Some(arn.to_owned()),
        name: Some(arn.rsplit('/').next().unwrap_or(arn).to_owned()),
    }
}

impl Channel {
    /// Whether `user` moderates the channel.
    pub fn is_moderator(&self, user: &str) -> bool {
        self.moderators.contains_key(user)
    }

    /// Whether `user` is a member.
    pub fn is_member(&self, user: &str) -> bool {
        self.members.contains_key(user)
    }

    /// The channel's summary.
    pub fn summary(&self) -> ChannelSummary {
        ChannelSummary {
            name: Some(self.name.clone()),
            channel_arn: Some(self.arn.clone()),
            mode: Some(self.mode.clone()),
            privacy: Some(self.privacy.clone()),
            metadata: self.metadata.clone(),
            last_message_timestamp: self.last_message,
        }
    }

    /// The instant the channel expires, if it has expiration settings.
    pub fn expires_at(&self) -> Option<i64> {
        let settings = self.expiration.as_ref()?;
        let start = match settings.expiration_criterion {
            ExpirationCriterion::LastMessageTimestamp => self.last_message.unwrap_or(self.created),
            _ => self.created,
        };
        Some(
            start
                .secs()
                .saturating_add(i64::from(settings.expiration_days).saturating_mul(DAY)),
        )
    }

    /// The sub-channel IDs of an elastic channel, in order.
    pub fn sub_channel_ids(&self) -> Vec<String> {
        (1..=self.sub_channels).map(sub_channel_id).collect()
    }

    /// The number of members in a sub-channel.
    pub fn sub_channel_count(&self, id: &str) -> usize {
        self.members
            .values()
            .filter(|m| m.sub_channel.as_deref() == Some(id))
            .count()
    }

    /// Checks a `SubChannelId` given with a request: only elastic channels
    /// have sub-channels, and the ID must be one of them.
    pub fn check_sub_channel(&self, sub_channel: Option<&str>) -> Result<(), ApiError> {
        match (sub_channel, &self.elastic) {
            (None, _) => Ok(()),
            (Some(_), None) => Err(ApiError::invalid(
                "SubChannelId",
                "the channel is not an elastic channel",
            )),
            (Some(id), Some(_)) if self.sub_channel_ids().iter().any(|s| s == id) => Ok(()),
            (Some(id), Some(_)) => Err(ApiError::invalid(
                "SubChannelId",
                format!("the channel has no sub-channel `{id}`"),
            )),
        }
    }

    /// Picks the sub-channel for a new member of an elastic channel: the
    /// requested one, else the first with room below the target, else a
    /// new one. `None` for ordinary channels.
    pub fn place_member(&mut self, requested: Option<&str>) -> Result<Option<String>, ApiError> {
        let Some(elastic) = self.elastic.clone() else {
            return match requested {
                None => Ok(None),
                Some(_) => Err(ApiError::invalid(
                    "SubChannelId",
                    "the channel is not an elastic channel",
                )),
            };
        };
        let target =
            usize::try_from(elastic.target_memberships_per_sub_channel).unwrap_or(usize::MAX);
        if let Some(id) = requested {
            self.check_sub_channel(Some(id))?;
            return Ok(Some(id.to_owned()));
        }
        if let Some(id) = self
            .sub_channel_ids()
            .into_iter()
            .find(|id| self.sub_channel_count(id) < target)
        {
            return Ok(Some(id));
        }
        if i64::from(self.sub_channels) < i64::from(elastic.maximum_sub_channels) {
            self.sub_channels += 1;
            return Ok(Some(sub_channel_id(self.sub_channels)));
        }
        Err(ApiError::limit(format!(
            "the elastic channel is full: {} sub-channels of {} members each",
            elastic.maximum_sub_channels, elastic.target_memberships_per_sub_channel
        )))
    }

    /// The message with this ID, if it exists (and is in `sub_channel`,
    /// when that is given).
    pub fn message(&self, id: &str, sub_channel: Option<&str>) -> Result<&Message, ApiError> {
        self.message_ids
            .get(id)
            .and_then(|seq| self.messages.get(seq))
            .filter(|m| sub_channel.is_none() || m.sub_channel.as_deref() == sub_channel)
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "message `{id}` not found in channel `{}`",
                    self.arn
                ))
            })
    }

    /// The message with this ID, for changing it.
    pub fn message_mut(
        &mut self,
        id: &str,
        sub_channel: Option<&str>,
    ) -> Result<&mut Message, ApiError> {
        let arn = self.arn.clone();
        self.message_ids
            .get(id)
            .and_then(|seq| self.messages.get_mut(seq))
            .filter(|m| sub_channel.is_none() || m.sub_channel.as_deref() == sub_channel)
            .ok_or_else(|| {
                ApiError::not_found(format!("message `{id}` not found in channel `{arn}`"))
            })
    }
}

/// The ID of the `n`th sub-channel (1-based).
pub fn sub_channel_id(n: u32) -> String {
    format!("sub-channel-{n}")
}

impl Message {
    /// Whether `user` may see the message at all: targeted messages are
    /// for their sender and target only, and messages a channel flow has
    /// not released (pending, denied, failed) only for their sender.
    pub fn visible_to(&self, user: &str) -> bool {
        if self.sender == user {
            return true;
        }
        let released = matches!(
            self.status.value,
            Some(chime_sdk_messaging::types::ChannelMessageStatus::Sent)
        );
        let targeted_elsewhere = self.target.as_ref().is_some_and(|targets| {
            !targets
                .iter()
                .any(|t| t.member_arn.as_deref() == Some(user))
        });
        released && !targeted_elsewhere
    }

    /// Whether the message is stored (and so listed and fetchable).
    pub fn persistent(&self) -> bool {
        matches!(self.persistence, ChannelMessagePersistenceType::Persistent)
    }
}

/// Who is calling, and in what capacity.
#[derive(Debug, Clone)]
pub struct Caller {
    pub arn: ChimeArn,
    pub admin: bool,
}

impl Caller {
    /// The caller's ARN.
    pub fn arn(&self) -> &str {
        &self.arn.arn
    }
}

impl State {
    /// The next value of the ID counter.
    pub fn next_id(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// A UUID-shaped, counter-based ID: `00000000-0000-4000-8000-00000000002a`.
    pub fn uuid(&mut self) -> String {
        let n = self.next_id();
        format!("00000000-0000-4000-8000-{n:012x}")
    }

    /// Removes channels whose expiration time has passed; at most once a
    /// second.
    pub fn purge_expired(&mut self, now: DateTime) {
        if now.secs() == self.last_purge {
            return;
        }
        self.last_purge = now.secs();
        self.channels
            .retain(|_, c| c.expires_at().is_none_or(|at| at > now.secs()));
    }

    /// Parses the `x-amz-chime-bearer` header.
    pub fn caller(&self, bearer: &str) -> Result<Caller, ApiError> {
        let arn = arn::user(bearer, "ChimeBearer")?;
        Ok(Caller {
            admin: self.admins.contains(&arn.arn),
            arn,
        })
    }

    /// The channel an ARN names. A malformed ARN is a `BadRequestException`
    /// naming `member`; a missing channel a `NotFoundException`.
    pub fn channel(&self, channel_arn: &str, member: &str) -> Result<&Channel, ApiError> {
        arn::channel(channel_arn, member)?;
        self.channels
            .get(channel_arn)
            .ok_or_else(|| ApiError::not_found(format!("channel `{channel_arn}` not found")))
    }

    /// The channel an ARN names, for changing it.
    pub fn channel_mut(
        &mut self,
        channel_arn: &str,
        member: &str,
    ) -> Result<&mut Channel, ApiError> {
        arn::channel(channel_arn, member)?;
        self.channels
            .get_mut(channel_arn)
            .ok_or_else(|| ApiError::not_found(format!("channel `{channel_arn}` not found")))
    }

    /// The channel flow an ARN names.
    pub fn flow(&self, flow_arn: &str, member: &str) -> Result<&Flow, ApiError> {
        arn::channel_flow(flow_arn, member)?;
        self.flows
            .get(flow_arn)
            .ok_or_else(|| ApiError::not_found(format!("channel flow `{flow_arn}` not found")))
    }
}

/// Access checks, all answering `ForbiddenException`.
pub mod access {
    use super::{ApiError, Caller, Channel};

    /// The caller belongs to the channel's app instance.
    pub fn same_instance(caller: &Caller, channel: &Channel) -> Result<(), ApiError> {
        if caller.arn.app_instance == channel.app_instance {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "`{}` belongs to another AppInstance than channel `{}`",
                caller.arn(),
                channel.arn
            )))
        }
    }

    /// Whether the caller moderates the channel (or administers its app
    /// instance).
    pub fn is_moderator(caller: &Caller, channel: &Channel) -> bool {
        caller.arn.app_instance == channel.app_instance
            && (caller.admin || channel.is_moderator(caller.arn()))
    }

    /// Whether the caller may read the channel: members, moderators and
    /// administrators.
    pub fn is_reader(caller: &Caller, channel: &Channel) -> bool {
        is_moderator(caller, channel) || channel.is_member(caller.arn())
    }

    /// The caller moderates the channel.
    pub fn moderator(caller: &Caller, channel: &Channel, action: &str) -> Result<(), ApiError> {
        same_instance(caller, channel)?;
        if is_moderator(caller, channel) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "only moderators of channel `{}` may {action}; `{}` is not one",
                channel.arn,
                caller.arn()
            )))
        }
    }

    /// The caller is a member, moderator or administrator of the channel.
    pub fn reader(caller: &Caller, channel: &Channel) -> Result<(), ApiError> {
        same_instance(caller, channel)?;
        if channel.bans.contains_key(caller.arn()) {
            return Err(ApiError::forbidden(format!(
                "`{}` is banned from channel `{}`",
                caller.arn(),
                channel.arn
            )));
        }
        if is_reader(caller, channel) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "`{}` is not a member of channel `{}`",
                caller.arn(),
                channel.arn
            )))
        }
    }

    /// The caller acts for `user`: is that user, or an administrator.
    pub fn acts_for(caller: &Caller, user: &str) -> Result<(), ApiError> {
        if caller.arn() == user || caller.admin {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "`{}` may not act for another user (`{user}`)",
                caller.arn()
            )))
        }
    }
}

/// Checks a tag list: no duplicate keys, none with the reserved `aws:`
/// prefix.
pub fn check_tags<'a>(
    member: &str,
    keys: impl IntoIterator<Item = &'a str>,
) -> Result<(), ApiError> {
    let mut seen = BTreeSet::new();
    for key in keys {
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(ApiError::invalid(
                member,
                "tag keys starting with `aws:` are reserved",
            ));
        }
        if !seen.insert(key) {
            return Err(ApiError::invalid(member, "a tag key appears twice"));
        }
    }
    Ok(())
}

/// The largest number of tags on one resource.
pub const MAX_TAGS: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;
    use chime_sdk_messaging::types::{
        CreateChannelRequest, DescribeChannelRequest, ExpirationSettings,
    };

    const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/unit";

    fn request(name: &str, days: Option<i32>) -> CreateChannelRequest {
        CreateChannelRequest {
            app_instance_arn: APP.to_owned(),
            name: name.to_owned(),
            mode: None,
            privacy: None,
            metadata: None,
            client_request_token: None,
            tags: None,
            chime_bearer: format!("{APP}/user/u"),
            channel_id: None,
            member_arns: None,
            moderator_arns: None,
            elastic_channel_configuration: None,
            expiration_settings: days.map(|expiration_days| ExpirationSettings {
                expiration_days,
                expiration_criterion: ExpirationCriterion::CreatedTimestamp,
            }),
        }
    }

    #[test]
    fn expired_channels_disappear() {
        let mut state = State::default();
        let long_ago = DateTime::from_secs(1_000_000);
        let old = state
            .create_channel(request("old", Some(1)), long_ago)
            .unwrap()
            .channel_arn
            .unwrap();
        let kept = state
            .create_channel(request("kept", None), long_ago)
            .unwrap()
            .channel_arn
            .unwrap();
        state.purge_expired(DateTime::from_secs(1_000_000 + DAY - 1));
        assert_eq!(state.channels.len(), 2, "not yet expired");
        state.purge_expired(DateTime::from_secs(1_000_000 + DAY));
        assert!(!state.channels.contains_key(&old));
        assert!(state.channels.contains_key(&kept));
        let error = state
            .describe_channel(DescribeChannelRequest {
                channel_arn: old,
                chime_bearer: format!("{APP}/user/u"),
            })
            .unwrap_err();
        assert_eq!(error.kind, super::super::Kind::NotFoundException);
    }

    #[test]
    fn ids_are_counter_based() {
        let mut state = State::default();
        assert_eq!(state.uuid(), "00000000-0000-4000-8000-000000000001");
        assert_eq!(state.uuid(), "00000000-0000-4000-8000-000000000002");
    }
}
