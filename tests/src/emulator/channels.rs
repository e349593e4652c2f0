//! Channels: create, describe, update, delete, list, search, expiration,
//! and the per-user views of memberships and moderated channels.

use super::arn;
use super::error::ApiError;
use super::state::{access, check_tags, identity, Caller, Channel, Grant, Membership, State};
use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types::{
    AppInstanceUserMembershipSummary, Channel as ChannelShape,
    ChannelMembershipForAppInstanceUserSummary, ChannelMembershipType, ChannelMode,
    ChannelModeratedByAppInstanceUserSummary, ChannelPrivacy, CreateChannelRequest,
    CreateChannelResponse, DeleteChannelOutput, DeleteChannelRequest,
    DescribeChannelMembershipForAppInstanceUserRequest,
    DescribeChannelMembershipForAppInstanceUserResponse,
    DescribeChannelModeratedByAppInstanceUserRequest,
    DescribeChannelModeratedByAppInstanceUserResponse, DescribeChannelRequest,
    DescribeChannelResponse, ListChannelMembershipsForAppInstanceUserRequest,
    ListChannelMembershipsForAppInstanceUserResponse,
    ListChannelsModeratedByAppInstanceUserRequest, ListChannelsModeratedByAppInstanceUserResponse,
    ListChannelsRequest, ListChannelsResponse, PutChannelExpirationSettingsRequest,
    PutChannelExpirationSettingsResponse, SearchChannelsRequest, SearchChannelsResponse,
    SearchFieldKey, SearchFieldOperator, UpdateChannelRequest, UpdateChannelResponse,
};
use std::collections::{BTreeMap, BTreeSet};

fn check_mode(mode: &ChannelMode) -> Result<(), ApiError> {
    match mode {
        ChannelMode::Unrestricted | ChannelMode::Restricted => Ok(()),
        other => Err(ApiError::invalid(
            "Mode",
            format!("unknown channel mode `{other}`"),
        )),
    }
}

fn check_expiration(
    settings: &chime_sdk_messaging::types::ExpirationSettings,
) -> Result<(), ApiError> {
    use chime_sdk_messaging::types::ExpirationCriterion;
    if !(1..=5475).contains(&settings.expiration_days) {
        return Err(ApiError::invalid(
            "ExpirationSettings.ExpirationDays",
            "it must be between 1 and 5475",
        ));
    }
    match settings.expiration_criterion {
        ExpirationCriterion::CreatedTimestamp | ExpirationCriterion::LastMessageTimestamp => Ok(()),
        ref other => Err(ApiError::invalid(
            "ExpirationSettings.ExpirationCriterion",
            format!("unknown criterion `{other}`"),
        )),
    }
}

/// The full description of a channel.
fn describe(channel: &Channel) -> ChannelShape {
    ChannelShape {
        name: Some(channel.name.clone()),
        channel_arn: Some(channel.arn.clone()),
        mode: Some(channel.mode.clone()),
        privacy: Some(channel.privacy.clone()),
        metadata: channel.metadata.clone(),
        created_by: Some(identity(&channel.created_by)),
        created_timestamp: Some(channel.created),
        last_message_timestamp: channel.last_message,
        last_updated_timestamp: Some(channel.updated),
        channel_flow_arn: channel.flow.clone(),
        elastic_channel_configuration: channel.elastic.clone(),
        expiration_settings: channel.expiration.clone(),
    }
}

impl State {
    pub fn create_channel(
        &mut self,
        input: CreateChannelRequest,
        now: DateTime,
    ) -> Result<CreateChannelResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let app = arn::app_instance(&input.app_instance_arn, "AppInstanceArn")?;
        if caller.arn.app_instance != app.arn {
            return Err(ApiError::forbidden(format!(
                "`{}` may not create channels in another AppInstance (`{}`)",
                caller.arn(),
                app.arn
            )));
        }
        if input.name.is_empty() {
            return Err(ApiError::invalid("Name", "it must not be empty"));
        }
        let mode = input.mode.clone().unwrap_or(ChannelMode::Unrestricted);
        check_mode(&mode)?;
        let privacy = input.privacy.clone().unwrap_or(ChannelPrivacy::Public);
        if !matches!(privacy, ChannelPrivacy::Public | ChannelPrivacy::Private) {
            return Err(ApiError::invalid(
                "Privacy",
                format!("unknown privacy `{privacy}`"),
            ));
        }
        if let Some(settings) = &input.expiration_settings {
            check_expiration(settings)?;
        }
        if let Some(elastic) = &input.elastic_channel_configuration {
            if elastic.maximum_sub_channels < 2 || elastic.target_memberships_per_sub_channel < 2 {
                return Err(ApiError::invalid(
                    "ElasticChannelConfiguration",
                    "MaximumSubChannels and TargetMembershipsPerSubChannel must be at least 2",
                ));
            }
            if !(1..=40).contains(&elastic.minimum_membership_percentage) {
                return Err(ApiError::invalid(
                    "ElasticChannelConfiguration.MinimumMembershipPercentage",
                    "it must be between 1 and 40",
                ));
            }
        }
        let tags = input.tags.clone().unwrap_or_default();
        check_tags("Tags", tags.iter().map(|t| t.key.as_str()))?;
        if tags.len() > super::state::MAX_TAGS {
            return Err(ApiError::limit(format!(
                "a channel has at most {} tags",
                super::state::MAX_TAGS
            )));
        }
        let mut members = BTreeSet::new();
        for (member, list) in [
            ("MemberArns", &input.member_arns),
            ("ModeratorArns", &input.moderator_arns),
        ] {
            for user in list.iter().flatten() {
                let parsed = arn::user(user, member)?;
                if parsed.app_instance != app.arn {
                    return Err(ApiError::invalid(
                        member,
                        format!("`{user}` belongs to another AppInstance"),
                    ));
                }
                members.insert(user.clone());
            }
        }

        // Idempotency: the same token with the same input gives the same
        // channel; with a different input it is a conflict.
        let mut remembered = input.clone();
        remembered.client_request_token = None;
        let token_key = input
            .client_request_token
            .clone()
            .map(|t| (caller.arn().to_owned(), t));
        if let Some(key) = &token_key {
            if let Some((first, channel_arn)) = self.channel_tokens.get(key) {
                if *first == remembered {
                    return Ok(CreateChannelResponse {
                        channel_arn: Some(channel_arn.clone()),
                    });
                }
                return Err(ApiError::conflict(
                    "ClientRequestToken was already used for a CreateChannel request with different parameters",
                ));
            }
        }

        let id = match &input.channel_id {
            Some(id) => {
                if id.is_empty() || id.contains('/') {
                    return Err(ApiError::invalid(
                        "ChannelId",
                        "it must be 1 to 64 letters, digits or `:-_.@`",
                    ));
                }
                id.clone()
            }
            None => self.uuid(),
        };
        let channel_arn = format!("{}/channel/{id}", app.arn);
        if self.channels.contains_key(&channel_arn) {
            return Err(ApiError::conflict(format!(
                "a channel with ID `{id}` already exists in this AppInstance"
            )));
        }
        let creator = caller.arn().to_owned();
        let mut channel = Channel {
            arn: channel_arn.clone(),
            app_instance: app.arn.clone(),
            name: input.name.clone(),
            mode,
            privacy,
            metadata: input.metadata.clone(),
            created_by: creator.clone(),
            created: now,
            updated: now,
            last_message: None,
            flow: None,
            elastic: input.elastic_channel_configuration.clone(),
            expiration: input.expiration_settings.clone(),
            tags: tags.into_iter().map(|t| (t.key, t.value)).collect(),
            members: BTreeMap::new(),
            moderators: BTreeMap::new(),
            bans: BTreeMap::new(),
            sub_channels: 0,
            messages: BTreeMap::new(),
            message_ids: BTreeMap::new(),
        };
        let grant = Grant {
            created: now,
            created_by: creator.clone(),
        };
        channel.moderators.insert(creator.clone(), grant.clone());
        for moderator in input.moderator_arns.iter().flatten() {
            channel.moderators.insert(moderator.clone(), grant.clone());
        }
        // The creator and the seeded users become members; in an elastic
        // channel the creator only moderates, as members live in
        // sub-channels.
        if channel.elastic.is_none() {
            members.insert(creator.clone());
        }
        for member in members {
            let sub_channel = channel.place_member(None)?;
            channel.members.insert(
                member,
                Membership {
                    kind: ChannelMembershipType::Default,
                    invited_by: creator.clone(),
                    created: now,
                    updated: now,
                    sub_channel,
                    read_marker: None,
                    preferences: None,
                },
            );
        }
        self.channels.insert(channel_arn.clone(), channel);
        if let Some(key) = token_key {
            self.channel_tokens
                .insert(key, (remembered, channel_arn.clone()));
        }
        Ok(CreateChannelResponse {
            channel_arn: Some(channel_arn),
        })
    }

    pub fn describe_channel(
        &mut self,
        input: DescribeChannelRequest,
    ) -> Result<DescribeChannelResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::same_instance(&caller, channel)?;
        if !matches!(channel.privacy, ChannelPrivacy::Public) {
            access::reader(&caller, channel)?;
        }
        Ok(DescribeChannelResponse {
            channel: Some(describe(channel)),
        })
    }

    pub fn update_channel(
        &mut self,
        input: UpdateChannelRequest,
        now: DateTime,
    ) -> Result<UpdateChannelResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "update the channel")?;
        if let Some(mode) = &input.mode {
            check_mode(mode)?;
        }
        if input.name.as_deref() == Some("") {
            return Err(ApiError::invalid("Name", "it must not be empty"));
        }
        if let Some(name) = input.name {
            channel.name = name;
        }
        if let Some(mode) = input.mode {
            channel.mode = mode;
        }
        if let Some(metadata) = input.metadata {
            channel.metadata = Some(metadata);
        }
        channel.updated = now;
        Ok(UpdateChannelResponse {
            channel_arn: Some(input.channel_arn),
        })
    }

    pub fn delete_channel(
        &mut self,
        input: DeleteChannelRequest,
    ) -> Result<DeleteChannelOutput, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "delete the channel")?;
        self.channels.remove(&input.channel_arn);
        Ok(DeleteChannelOutput {})
    }

    pub fn list_channels(
        &mut self,
        input: ListChannelsRequest,
    ) -> Result<ListChannelsResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let app = arn::app_instance(&input.app_instance_arn, "AppInstanceArn")?;
        if caller.arn.app_instance != app.arn {
            return Err(ApiError::forbidden(format!(
                "`{}` may not list the channels of another AppInstance",
                caller.arn()
            )));
        }
        // Users see public channels; only administrators may ask for the
        // private ones (or, by leaving `Privacy` out, for all).
        let wanted = match (&input.privacy, caller.admin) {
            (Some(ChannelPrivacy::Public), _) | (None, false) => Some(ChannelPrivacy::Public),
            (Some(ChannelPrivacy::Private), true) => Some(ChannelPrivacy::Private),
            (None, true) => None,
            (Some(ChannelPrivacy::Private), false) => {
                return Err(ApiError::forbidden(
                    "only an AppInstanceAdmin may list PRIVATE channels",
                ))
            }
            (Some(other), _) => {
                return Err(ApiError::invalid(
                    "Privacy",
                    format!("unknown privacy `{other}`"),
                ))
            }
        };
        let items: Vec<_> = self
            .channels
            .values()
            .filter(|c| {
                c.app_instance == app.arn && wanted.as_ref().is_none_or(|p| *p == c.privacy)
            })
            .map(|c| (c.arn.clone(), c.summary()))
            .collect();
        let listing = format!("ListChannels|{}|{:?}|{}", app.arn, wanted, caller.arn());
        let (channels, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListChannelsResponse {
            channels: Some(channels),
            next_token,
        })
    }

    pub fn search_channels(
        &mut self,
        input: SearchChannelsRequest,
    ) -> Result<SearchChannelsResponse, ApiError> {
        // With a bearer, a user searches the channels it belongs to (or,
        // as an administrator, its whole AppInstance); without one, the
        // IAM caller searches every channel.
        let caller = input
            .chime_bearer
            .as_deref()
            .map(|b| self.caller(b))
            .transpose()?;
        if input.fields.is_empty() {
            return Err(ApiError::invalid(
                "Fields",
                "at least one search field is required",
            ));
        }
        let mut filters = Vec::new();
        for (index, field) in input.fields.iter().enumerate() {
            if !matches!(field.key, SearchFieldKey::Members) {
                return Err(ApiError::invalid(
                    &format!("Fields.{index}.Key"),
                    format!("unknown key `{}`", field.key),
                ));
            }
            if field.values.is_empty() {
                return Err(ApiError::invalid(
                    &format!("Fields.{index}.Values"),
                    "at least one value is required",
                ));
            }
            let values: BTreeSet<&str> = field.values.iter().map(String::as_str).collect();
            let exact = match field.operator {
                SearchFieldOperator::Equals => true,
                SearchFieldOperator::Includes => false,
                ref other => {
                    return Err(ApiError::invalid(
                        &format!("Fields.{index}.Operator"),
                        format!("unknown operator `{other}`"),
                    ))
                }
            };
            filters.push((values, exact));
        }
        let visible = |channel: &Channel, caller: &Option<Caller>| match caller {
            None => true,
            Some(caller) => {
                caller.arn.app_instance == channel.app_instance
                    && (caller.admin
                        || channel.is_member(caller.arn())
                        || channel.is_moderator(caller.arn()))
            }
        };
        let items: Vec<_> = self
            .channels
            .values()
            .filter(|c| visible(c, &caller))
            .filter(|c| {
                let members: BTreeSet<&str> = c.members.keys().map(String::as_str).collect();
                filters.iter().all(|(values, exact)| {
                    if *exact {
                        members == *values
                    } else {
                        values.is_subset(&members)
                    }
                })
            })
            .map(|c| (c.arn.clone(), c.summary()))
            .collect();
        let listing = format!(
            "SearchChannels|{}|{:?}",
            caller.as_ref().map_or("", |c| c.arn()),
            filters
        );
        let (channels, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(SearchChannelsResponse {
            channels: Some(channels),
            next_token,
        })
    }

    pub fn put_channel_expiration_settings(
        &mut self,
        input: PutChannelExpirationSettingsRequest,
        now: DateTime,
    ) -> Result<PutChannelExpirationSettingsResponse, ApiError> {
        let caller = input
            .chime_bearer
            .as_deref()
            .map(|b| self.caller(b))
            .transpose()?;
        if let Some(settings) = &input.expiration_settings {
            check_expiration(settings)?;
        }
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        if let Some(caller) = &caller {
            access::moderator(caller, channel, "change the expiration settings")?;
        }
        channel.expiration = input.expiration_settings.clone();
        channel.updated = now;
        Ok(PutChannelExpirationSettingsResponse {
            channel_arn: Some(input.channel_arn),
            expiration_settings: input.expiration_settings,
        })
    }

    /// The user a per-user listing is about: the one named, or the caller;
    /// only administrators may name someone else.
    fn subject(&self, caller: &Caller, named: Option<&str>) -> Result<String, ApiError> {
        let Some(user) = named else {
            return Ok(caller.arn().to_owned());
        };
        arn::user(user, "AppInstanceUserArn")?;
        access::acts_for(caller, user)?;
        Ok(user.to_owned())
    }

    pub fn list_channel_memberships_for_app_instance_user(
        &mut self,
        input: ListChannelMembershipsForAppInstanceUserRequest,
    ) -> Result<ListChannelMembershipsForAppInstanceUserResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let user = self.subject(&caller, input.app_instance_user_arn.as_deref())?;
        let items: Vec<_> = self
            .channels
            .values()
            .filter_map(|c| {
                let membership = c.members.get(&user)?;
                Some((
                    c.arn.clone(),
                    ChannelMembershipForAppInstanceUserSummary {
                        channel_summary: Some(c.summary()),
                        app_instance_user_membership_summary: Some(
                            AppInstanceUserMembershipSummary {
                                r#type: Some(membership.kind.clone()),
                                read_marker_timestamp: membership.read_marker,
                                sub_channel_id: membership.sub_channel.clone(),
                            },
                        ),
                    },
                ))
            })
            .collect();
        let listing = format!("ListChannelMembershipsForAppInstanceUser|{user}");
        let (channel_memberships, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListChannelMembershipsForAppInstanceUserResponse {
            channel_memberships: Some(channel_memberships),
            next_token,
        })
    }

    pub fn list_channels_moderated_by_app_instance_user(
        &mut self,
        input: ListChannelsModeratedByAppInstanceUserRequest,
    ) -> Result<ListChannelsModeratedByAppInstanceUserResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let user = self.subject(&caller, input.app_instance_user_arn.as_deref())?;
        let items: Vec<_> = self
            .channels
            .values()
            .filter(|c| c.is_moderator(&user))
            .map(|c| {
                (
                    c.arn.clone(),
                    ChannelModeratedByAppInstanceUserSummary {
                        channel_summary: Some(c.summary()),
                    },
                )
            })
            .collect();
        let listing = format!("ListChannelsModeratedByAppInstanceUser|{user}");
        let (channels, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListChannelsModeratedByAppInstanceUserResponse {
            channels: Some(channels),
            next_token,
        })
    }

    pub fn describe_channel_membership_for_app_instance_user(
        &mut self,
        input: DescribeChannelMembershipForAppInstanceUserRequest,
    ) -> Result<DescribeChannelMembershipForAppInstanceUserResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let user = self.subject(&caller, Some(&input.app_instance_user_arn))?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::same_instance(&caller, channel)?;
        let membership = channel.members.get(&user).ok_or_else(|| {
            ApiError::not_found(format!(
                "`{user}` is not a member of channel `{}`",
                channel.arn
            ))
        })?;
        Ok(DescribeChannelMembershipForAppInstanceUserResponse {
            channel_membership: Some(ChannelMembershipForAppInstanceUserSummary {
                channel_summary: Some(channel.summary()),
                app_instance_user_membership_summary: Some(AppInstanceUserMembershipSummary {
                    r#type: Some(membership.kind.clone()),
                    read_marker_timestamp: membership.read_marker,
                    sub_channel_id: membership.sub_channel.clone(),
                }),
            }),
        })
    }

    pub fn describe_channel_moderated_by_app_instance_user(
        &mut self,
        input: DescribeChannelModeratedByAppInstanceUserRequest,
    ) -> Result<DescribeChannelModeratedByAppInstanceUserResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let user = self.subject(&caller, Some(&input.app_instance_user_arn))?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::same_instance(&caller, channel)?;
        if !channel.is_moderator(&user) {
            return Err(ApiError::not_found(format!(
                "`{user}` does not moderate channel `{}`",
                channel.arn
            )));
        }
        Ok(DescribeChannelModeratedByAppInstanceUserResponse {
            channel: Some(ChannelModeratedByAppInstanceUserSummary {
                channel_summary: Some(channel.summary()),
            }),
        })
    }
}
