//! Memberships, moderators, bans, membership preferences, read markers and
//! sub-channels.

use super::arn;
use super::error::ApiError;
use super::state::{access, identity, Caller, Channel, Grant, Membership, State};
use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types::{
    AllowNotifications, BatchChannelMemberships, BatchCreateChannelMembershipError,
    BatchCreateChannelMembershipRequest, BatchCreateChannelMembershipResponse, ChannelBan,
    ChannelBanSummary, ChannelMembership, ChannelMembershipSummary, ChannelMembershipType,
    ChannelMode, ChannelModerator, ChannelModeratorSummary, CreateChannelBanRequest,
    CreateChannelBanResponse, CreateChannelMembershipRequest, CreateChannelMembershipResponse,
    CreateChannelModeratorRequest, CreateChannelModeratorResponse, DeleteChannelBanOutput,
    DeleteChannelBanRequest, DeleteChannelMembershipOutput, DeleteChannelMembershipRequest,
    DeleteChannelModeratorOutput, DeleteChannelModeratorRequest, DescribeChannelBanRequest,
    DescribeChannelBanResponse, DescribeChannelMembershipRequest,
    DescribeChannelMembershipResponse, DescribeChannelModeratorRequest,
    DescribeChannelModeratorResponse, GetChannelMembershipPreferencesRequest,
    GetChannelMembershipPreferencesResponse, ListChannelBansRequest, ListChannelBansResponse,
    ListChannelMembershipsRequest, ListChannelMembershipsResponse, ListChannelModeratorsRequest,
    ListChannelModeratorsResponse, ListSubChannelsRequest, ListSubChannelsResponse,
    PutChannelMembershipPreferencesRequest, PutChannelMembershipPreferencesResponse,
    SubChannelSummary, UpdateChannelReadMarkerRequest, UpdateChannelReadMarkerResponse,
};

fn check_type(kind: &ChannelMembershipType) -> Result<(), ApiError> {
    match kind {
        ChannelMembershipType::Default | ChannelMembershipType::Hidden => Ok(()),
        other => Err(ApiError::invalid(
            "Type",
            format!("unknown membership type `{other}`"),
        )),
    }
}

/// Whether the caller may add members to the channel at all:
/// moderators always; in an `UNRESTRICTED` channel also its members, and
/// anyone joining a `PUBLIC` channel themselves.
fn may_add(caller: &Caller, channel: &Channel, member: Option<&str>) -> Result<(), ApiError> {
    access::same_instance(caller, channel)?;
    if access::is_moderator(caller, channel) {
        return Ok(());
    }
    if matches!(channel.mode, ChannelMode::Restricted) {
        return Err(ApiError::forbidden(format!(
            "channel `{}` is RESTRICTED: only moderators may add members",
            channel.arn
        )));
    }
    let self_join = member == Some(caller.arn())
        && matches!(
            channel.privacy,
            chime_sdk_messaging::types::ChannelPrivacy::Public
        );
    if channel.is_member(caller.arn()) || self_join {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "`{}` is not a member of channel `{}` and may not add members to it",
            caller.arn(),
            channel.arn
        )))
    }
}

/// Adds one member, after the per-member checks.
fn add_member(
    channel: &mut Channel,
    caller: &Caller,
    member: &str,
    member_field: &str,
    kind: &ChannelMembershipType,
    sub_channel: Option<&str>,
    now: DateTime,
) -> Result<Option<String>, ApiError> {
    let parsed = arn::user(member, member_field)?;
    if parsed.app_instance != channel.app_instance {
        return Err(ApiError::invalid(
            member_field,
            format!("`{member}` belongs to another AppInstance"),
        ));
    }
    if channel.bans.contains_key(member) {
        return Err(ApiError::forbidden(format!(
            "`{member}` is banned from channel `{}`",
            channel.arn
        )));
    }
    if channel.is_member(member) {
        return Err(ApiError::conflict(format!(
            "`{member}` is already a member of channel `{}`",
            channel.arn
        )));
    }
    let sub_channel = channel.place_member(sub_channel)?;
    channel.members.insert(
        member.to_owned(),
        Membership {
            kind: kind.clone(),
            invited_by: caller.arn().to_owned(),
            created: now,
            updated: now,
            sub_channel: sub_channel.clone(),
            read_marker: None,
            preferences: None,
        },
    );
    Ok(sub_channel)
}

impl State {
    pub fn create_channel_membership(
        &mut self,
        input: CreateChannelMembershipRequest,
        now: DateTime,
    ) -> Result<CreateChannelMembershipResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        check_type(&input.r#type)?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        may_add(&caller, channel, Some(&input.member_arn))?;
        if matches!(input.r#type, ChannelMembershipType::Hidden)
            && !access::is_moderator(&caller, channel)
        {
            return Err(ApiError::forbidden(
                "only moderators may add HIDDEN members",
            ));
        }
        let sub_channel = add_member(
            channel,
            &caller,
            &input.member_arn,
            "MemberArn",
            &input.r#type,
            input.sub_channel_id.as_deref(),
            now,
        )?;
        Ok(CreateChannelMembershipResponse {
            channel_arn: Some(input.channel_arn),
            member: Some(identity(&input.member_arn)),
            sub_channel_id: sub_channel,
        })
    }

    pub fn batch_create_channel_membership(
        &mut self,
        input: BatchCreateChannelMembershipRequest,
        now: DateTime,
    ) -> Result<BatchCreateChannelMembershipResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let kind = input
            .r#type
            .clone()
            .unwrap_or(ChannelMembershipType::Default);
        check_type(&kind)?;
        if input.member_arns.is_empty() || input.member_arns.len() > 100 {
            return Err(ApiError::invalid(
                "MemberArns",
                "between 1 and 100 members are required",
            ));
        }
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        may_add(&caller, channel, None)?;
        if matches!(kind, ChannelMembershipType::Hidden) && !access::is_moderator(&caller, channel)
        {
            return Err(ApiError::forbidden(
                "only moderators may add HIDDEN members",
            ));
        }
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        let mut members = Vec::new();
        let mut errors = Vec::new();
        let mut placed = input.sub_channel_id.clone();
        for (index, member) in input.member_arns.iter().enumerate() {
            let field = format!("MemberArns.{index}");
            match add_member(
                channel,
                &caller,
                member,
                &field,
                &kind,
                input.sub_channel_id.as_deref(),
                now,
            ) {
                Ok(sub_channel) => {
                    placed = placed.or(sub_channel);
                    members.push(identity(member));
                }
                Err(error) => errors.push(BatchCreateChannelMembershipError {
                    member_arn: Some(member.clone()),
                    error_code: Some(error.code),
                    error_message: Some(error.message),
                }),
            }
        }
        Ok(BatchCreateChannelMembershipResponse {
            batch_channel_memberships: Some(BatchChannelMemberships {
                invited_by: Some(identity(caller.arn())),
                r#type: Some(kind),
                members: Some(members),
                channel_arn: Some(input.channel_arn),
                sub_channel_id: placed,
            }),
            errors: if errors.is_empty() {
                None
            } else {
                Some(errors)
            },
        })
    }

    pub fn delete_channel_membership(
        &mut self,
        input: DeleteChannelMembershipRequest,
        now: DateTime,
    ) -> Result<DeleteChannelMembershipOutput, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::user(&input.member_arn, "MemberArn")?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::same_instance(&caller, channel)?;
        if caller.arn() != input.member_arn && !access::is_moderator(&caller, channel) {
            return Err(ApiError::forbidden(format!(
                "only moderators may remove other members from channel `{}`",
                channel.arn
            )));
        }
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        if let Some(membership) = channel.members.get(&input.member_arn) {
            if input.sub_channel_id.is_some() && membership.sub_channel != input.sub_channel_id {
                return Err(ApiError::invalid(
                    "SubChannelId",
                    "the member is in another sub-channel",
                ));
            }
        }
        // Removing someone who is not a member is not an error.
        channel.members.remove(&input.member_arn);
        channel.updated = now;
        Ok(DeleteChannelMembershipOutput {})
    }

    pub fn describe_channel_membership(
        &mut self,
        input: DescribeChannelMembershipRequest,
    ) -> Result<DescribeChannelMembershipResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::user(&input.member_arn, "MemberArn")?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        let membership = channel
            .members
            .get(&input.member_arn)
            .filter(|m| input.sub_channel_id.is_none() || m.sub_channel == input.sub_channel_id)
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "`{}` is not a member of channel `{}`",
                    input.member_arn, channel.arn
                ))
            })?;
        Ok(DescribeChannelMembershipResponse {
            channel_membership: Some(ChannelMembership {
                invited_by: Some(identity(&membership.invited_by)),
                r#type: Some(membership.kind.clone()),
                member: Some(identity(&input.member_arn)),
                channel_arn: Some(channel.arn.clone()),
                created_timestamp: Some(membership.created),
                last_updated_timestamp: Some(membership.updated),
                sub_channel_id: membership.sub_channel.clone(),
            }),
        })
    }

    pub fn list_channel_memberships(
        &mut self,
        input: ListChannelMembershipsRequest,
    ) -> Result<ListChannelMembershipsResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let kind = input
            .r#type
            .clone()
            .unwrap_or(ChannelMembershipType::Default);
        check_type(&kind)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        let items: Vec<_> = channel
            .members
            .iter()
            .filter(|(_, m)| m.kind == kind)
            .filter(|(_, m)| {
                input.sub_channel_id.is_none() || m.sub_channel == input.sub_channel_id
            })
            .map(|(arn, _)| {
                (
                    arn.clone(),
                    ChannelMembershipSummary {
                        member: Some(identity(arn)),
                    },
                )
            })
            .collect();
        let listing = format!(
            "ListChannelMemberships|{}|{kind}|{:?}",
            channel.arn, input.sub_channel_id
        );
        let channel_arn = channel.arn.clone();
        let (channel_memberships, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListChannelMembershipsResponse {
            channel_arn: Some(channel_arn),
            channel_memberships: Some(channel_memberships),
            next_token,
        })
    }

    pub fn create_channel_moderator(
        &mut self,
        input: CreateChannelModeratorRequest,
        now: DateTime,
    ) -> Result<CreateChannelModeratorResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let moderator = arn::user(&input.channel_moderator_arn, "ChannelModeratorArn")?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "appoint moderators")?;
        if moderator.app_instance != channel.app_instance {
            return Err(ApiError::invalid(
                "ChannelModeratorArn",
                "the user belongs to another AppInstance",
            ));
        }
        if channel.bans.contains_key(&moderator.arn) {
            return Err(ApiError::forbidden(format!(
                "`{}` is banned from the channel",
                moderator.arn
            )));
        }
        if channel.is_moderator(&moderator.arn) {
            return Err(ApiError::conflict(format!(
                "`{}` already moderates channel `{}`",
                moderator.arn, channel.arn
            )));
        }
        channel.moderators.insert(
            moderator.arn.clone(),
            Grant {
                created: now,
                created_by: caller.arn().to_owned(),
            },
        );
        Ok(CreateChannelModeratorResponse {
            channel_arn: Some(input.channel_arn),
            channel_moderator: Some(identity(&moderator.arn)),
        })
    }

    pub fn delete_channel_moderator(
        &mut self,
        input: DeleteChannelModeratorRequest,
    ) -> Result<DeleteChannelModeratorOutput, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::user(&input.channel_moderator_arn, "ChannelModeratorArn")?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "remove moderators")?;
        // Removing someone who is not a moderator is not an error.
        channel.moderators.remove(&input.channel_moderator_arn);
        Ok(DeleteChannelModeratorOutput {})
    }

    pub fn describe_channel_moderator(
        &mut self,
        input: DescribeChannelModeratorRequest,
    ) -> Result<DescribeChannelModeratorResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::user(&input.channel_moderator_arn, "ChannelModeratorArn")?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        let grant = channel
            .moderators
            .get(&input.channel_moderator_arn)
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "`{}` does not moderate channel `{}`",
                    input.channel_moderator_arn, channel.arn
                ))
            })?;
        Ok(DescribeChannelModeratorResponse {
            channel_moderator: Some(ChannelModerator {
                moderator: Some(identity(&input.channel_moderator_arn)),
                channel_arn: Some(channel.arn.clone()),
                created_timestamp: Some(grant.created),
                created_by: Some(identity(&grant.created_by)),
            }),
        })
    }

    pub fn list_channel_moderators(
        &mut self,
        input: ListChannelModeratorsRequest,
    ) -> Result<ListChannelModeratorsResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        let items: Vec<_> = channel
            .moderators
            .keys()
            .map(|arn| {
                (
                    arn.clone(),
                    ChannelModeratorSummary {
                        moderator: Some(identity(arn)),
                    },
                )
            })
            .collect();
        let listing = format!("ListChannelModerators|{}", channel.arn);
        let channel_arn = channel.arn.clone();
        let (channel_moderators, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListChannelModeratorsResponse {
            channel_arn: Some(channel_arn),
            next_token,
            channel_moderators: Some(channel_moderators),
        })
    }

    pub fn create_channel_ban(
        &mut self,
        input: CreateChannelBanRequest,
        now: DateTime,
    ) -> Result<CreateChannelBanResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let member = arn::user(&input.member_arn, "MemberArn")?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "ban members")?;
        if member.app_instance != channel.app_instance {
            return Err(ApiError::invalid(
                "MemberArn",
                "the user belongs to another AppInstance",
            ));
        }
        if member.arn == caller.arn() {
            return Err(ApiError::invalid(
                "MemberArn",
                "a moderator cannot ban itself",
            ));
        }
        if channel.bans.contains_key(&member.arn) {
            return Err(ApiError::conflict(format!(
                "`{}` is already banned from channel `{}`",
                member.arn, channel.arn
            )));
        }
        // A ban ends the membership and any moderator role at once.
        channel.members.remove(&member.arn);
        channel.moderators.remove(&member.arn);
        channel.bans.insert(
            member.arn.clone(),
            Grant {
                created: now,
                created_by: caller.arn().to_owned(),
            },
        );
        Ok(CreateChannelBanResponse {
            channel_arn: Some(input.channel_arn),
            member: Some(identity(&member.arn)),
        })
    }

    pub fn delete_channel_ban(
        &mut self,
        input: DeleteChannelBanRequest,
    ) -> Result<DeleteChannelBanOutput, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::user(&input.member_arn, "MemberArn")?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "lift bans")?;
        // Lifting a ban that does not exist is not an error.
        channel.bans.remove(&input.member_arn);
        Ok(DeleteChannelBanOutput {})
    }

    pub fn describe_channel_ban(
        &mut self,
        input: DescribeChannelBanRequest,
    ) -> Result<DescribeChannelBanResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::user(&input.member_arn, "MemberArn")?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "see bans")?;
        let ban = channel.bans.get(&input.member_arn).ok_or_else(|| {
            ApiError::not_found(format!(
                "`{}` is not banned from channel `{}`",
                input.member_arn, channel.arn
            ))
        })?;
        Ok(DescribeChannelBanResponse {
            channel_ban: Some(ChannelBan {
                member: Some(identity(&input.member_arn)),
                channel_arn: Some(channel.arn.clone()),
                created_timestamp: Some(ban.created),
                created_by: Some(identity(&ban.created_by)),
            }),
        })
    }

    pub fn list_channel_bans(
        &mut self,
        input: ListChannelBansRequest,
    ) -> Result<ListChannelBansResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "list bans")?;
        let items: Vec<_> = channel
            .bans
            .keys()
            .map(|arn| {
                (
                    arn.clone(),
                    ChannelBanSummary {
                        member: Some(identity(arn)),
                    },
                )
            })
            .collect();
        let listing = format!("ListChannelBans|{}", channel.arn);
        let channel_arn = channel.arn.clone();
        let (channel_bans, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListChannelBansResponse {
            channel_arn: Some(channel_arn),
            next_token,
            channel_bans: Some(channel_bans),
        })
    }

    pub fn get_channel_membership_preferences(
        &mut self,
        input: GetChannelMembershipPreferencesRequest,
    ) -> Result<GetChannelMembershipPreferencesResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::user(&input.member_arn, "MemberArn")?;
        access::acts_for(&caller, &input.member_arn)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::same_instance(&caller, channel)?;
        let membership = channel.members.get(&input.member_arn).ok_or_else(|| {
            ApiError::not_found(format!(
                "`{}` is not a member of channel `{}`",
                input.member_arn, channel.arn
            ))
        })?;
        Ok(GetChannelMembershipPreferencesResponse {
            channel_arn: Some(channel.arn.clone()),
            member: Some(identity(&input.member_arn)),
            preferences: membership.preferences.clone(),
        })
    }

    pub fn put_channel_membership_preferences(
        &mut self,
        input: PutChannelMembershipPreferencesRequest,
        now: DateTime,
    ) -> Result<PutChannelMembershipPreferencesResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::user(&input.member_arn, "MemberArn")?;
        access::acts_for(&caller, &input.member_arn)?;
        if let Some(push) = &input.preferences.push_notifications {
            let field = "Preferences.PushNotifications.FilterRule";
            match (&push.allow_notifications, &push.filter_rule) {
                (AllowNotifications::Filtered, None) => {
                    return Err(ApiError::invalid(
                        field,
                        "a filter rule is required when AllowNotifications is FILTERED",
                    ))
                }
                (AllowNotifications::Filtered, Some(rule)) => {
                    let parsed: Result<serde_json::Value, _> = serde_json::from_str(rule);
                    if !matches!(parsed, Ok(serde_json::Value::Object(_))) {
                        return Err(ApiError::invalid(
                            field,
                            "the filter rule must be a JSON object",
                        ));
                    }
                }
                (AllowNotifications::All | AllowNotifications::None, None) => {}
                (AllowNotifications::All | AllowNotifications::None, Some(_)) => {
                    return Err(ApiError::invalid(
                        field,
                        "a filter rule is only allowed when AllowNotifications is FILTERED",
                    ))
                }
                (other, _) => {
                    return Err(ApiError::invalid(
                        "Preferences.PushNotifications.AllowNotifications",
                        format!("unknown value `{other}`"),
                    ))
                }
            }
        }
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::same_instance(&caller, channel)?;
        let arn = channel.arn.clone();
        let membership = channel.members.get_mut(&input.member_arn).ok_or_else(|| {
            ApiError::not_found(format!(
                "`{}` is not a member of channel `{arn}`",
                input.member_arn
            ))
        })?;
        membership.preferences = Some(input.preferences.clone());
        membership.updated = now;
        Ok(PutChannelMembershipPreferencesResponse {
            channel_arn: Some(input.channel_arn),
            member: Some(identity(&input.member_arn)),
            preferences: Some(input.preferences),
        })
    }

    pub fn update_channel_read_marker(
        &mut self,
        input: UpdateChannelReadMarkerRequest,
        now: DateTime,
    ) -> Result<UpdateChannelReadMarkerResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::same_instance(&caller, channel)?;
        let arn = channel.arn.clone();
        let membership = channel.members.get_mut(caller.arn()).ok_or_else(|| {
            ApiError::forbidden(format!(
                "`{}` is not a member of channel `{arn}`",
                caller.arn()
            ))
        })?;
        membership.read_marker = Some(now);
        Ok(UpdateChannelReadMarkerResponse {
            channel_arn: Some(input.channel_arn),
        })
    }

    pub fn list_sub_channels(
        &mut self,
        input: ListSubChannelsRequest,
    ) -> Result<ListSubChannelsResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        if channel.elastic.is_none() {
            return Err(ApiError::invalid(
                "ChannelArn",
                "the channel is not an elastic channel",
            ));
        }
        let items: Vec<_> = (1..=channel.sub_channels)
            .map(|n| {
                let id = super::state::sub_channel_id(n);
                let count = i32::try_from(channel.sub_channel_count(&id)).unwrap_or(i32::MAX);
                (
                    format!("{n:010}"),
                    SubChannelSummary {
                        sub_channel_id: Some(id),
                        membership_count: Some(count),
                    },
                )
            })
            .collect();
        let listing = format!("ListSubChannels|{}", channel.arn);
        let channel_arn = channel.arn.clone();
        let (sub_channels, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListSubChannelsResponse {
            channel_arn: Some(channel_arn),
            sub_channels: Some(sub_channels),
            next_token,
        })
    }
}
