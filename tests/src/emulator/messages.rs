//! Messages: send, get, list, update, redact, delete, status, and the
//! channel flow callback that releases (or denies) a processed message.

use super::arn;
use super::error::ApiError;
use super::state::{access, identity, Channel, Message, State};
use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types::{
    ChannelFlowCallbackRequest, ChannelFlowCallbackResponse, ChannelMessage,
    ChannelMessagePersistenceType, ChannelMessageStatus, ChannelMessageStatusStructure,
    ChannelMessageSummary, ChannelMessageType, DeleteChannelMessageOutput,
    DeleteChannelMessageRequest, GetChannelMessageRequest, GetChannelMessageResponse,
    GetChannelMessageStatusRequest, GetChannelMessageStatusResponse, ListChannelMessagesRequest,
    ListChannelMessagesResponse, RedactChannelMessageRequest, RedactChannelMessageResponse,
    SendChannelMessageRequest, SendChannelMessageResponse, SortOrder, UpdateChannelMessageRequest,
    UpdateChannelMessageResponse,
};

/// The largest `STANDARD` message body, in bytes.
pub const MAX_STANDARD_CONTENT: usize = 4096;
/// The largest `CONTROL` message body, in bytes.
pub const MAX_CONTROL_CONTENT: usize = 30;

fn status(value: ChannelMessageStatus) -> ChannelMessageStatusStructure {
    ChannelMessageStatusStructure {
        value: Some(value),
        detail: None,
    }
}

/// Checks a message body against its type's limits.
fn check_content(
    kind: &ChannelMessageType,
    content: &str,
    metadata: Option<&str>,
) -> Result<(), ApiError> {
    if content.is_empty() {
        return Err(ApiError::invalid("Content", "a message must have content"));
    }
    match kind {
        ChannelMessageType::Standard if content.len() > MAX_STANDARD_CONTENT => {
            Err(ApiError::invalid(
                "Content",
                format!("STANDARD messages hold at most {MAX_STANDARD_CONTENT} bytes"),
            ))
        }
        ChannelMessageType::Standard => Ok(()),
        ChannelMessageType::Control if content.len() > MAX_CONTROL_CONTENT => {
            Err(ApiError::invalid(
                "Content",
                format!("CONTROL messages hold at most {MAX_CONTROL_CONTENT} bytes"),
            ))
        }
        ChannelMessageType::Control if metadata.is_some() => Err(ApiError::invalid(
            "Metadata",
            "CONTROL messages cannot carry metadata",
        )),
        ChannelMessageType::Control => Ok(()),
        other => Err(ApiError::invalid(
            "Type",
            format!("unknown message type `{other}`"),
        )),
    }
}

/// In an elastic channel a message lives in one sub-channel, which must be
/// named.
fn check_message_sub_channel(channel: &Channel, sub_channel: Option<&str>) -> Result<(), ApiError> {
    channel.check_sub_channel(sub_channel)?;
    if channel.elastic.is_some() && sub_channel.is_none() {
        return Err(ApiError::invalid(
            "SubChannelId",
            "it is required for elastic channels",
        ));
    }
    Ok(())
}

fn full(channel: &Channel, message: &Message) -> ChannelMessage {
    ChannelMessage {
        channel_arn: Some(channel.arn.clone()),
        message_id: Some(message.id.clone()),
        content: Some(message.content.clone()),
        metadata: message.metadata.clone(),
        r#type: Some(message.kind.clone()),
        created_timestamp: Some(message.created),
        last_edited_timestamp: message.last_edited,
        last_updated_timestamp: Some(message.updated),
        sender: Some(identity(&message.sender)),
        redacted: message.redacted,
        persistence: Some(message.persistence.clone()),
        status: Some(message.status.clone()),
        message_attributes: message.attributes.clone(),
        sub_channel_id: message.sub_channel.clone(),
        content_type: message.content_type.clone(),
        target: message.target.clone(),
    }
}

fn summary(message: &Message) -> ChannelMessageSummary {
    ChannelMessageSummary {
        message_id: Some(message.id.clone()),
        content: Some(message.content.clone()),
        metadata: message.metadata.clone(),
        r#type: Some(message.kind.clone()),
        created_timestamp: Some(message.created),
        last_updated_timestamp: Some(message.updated),
        last_edited_timestamp: message.last_edited,
        sender: Some(identity(&message.sender)),
        redacted: message.redacted,
        status: Some(message.status.clone()),
        message_attributes: message.attributes.clone(),
        content_type: message.content_type.clone(),
        target: message.target.clone(),
    }
}

/// The zero-padded sort key of a message sequence number.
fn key(seq: u64) -> String {
    format!("{seq:020}")
}

impl State {
    pub fn send_channel_message(
        &mut self,
        input: SendChannelMessageRequest,
        now: DateTime,
    ) -> Result<SendChannelMessageResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        if !matches!(
            input.persistence,
            ChannelMessagePersistenceType::Persistent
                | ChannelMessagePersistenceType::NonPersistent
        ) {
            return Err(ApiError::invalid(
                "Persistence",
                format!("unknown value `{}`", input.persistence),
            ));
        }
        check_content(&input.r#type, &input.content, input.metadata.as_deref())?;
        let token_key = input
            .client_request_token
            .clone()
            .map(|t| (input.channel_arn.clone(), caller.arn().to_owned(), t));
        let mut remembered = input.clone();
        remembered.client_request_token = None;
        {
            let channel = self.channel(&input.channel_arn, "ChannelArn")?;
            access::reader(&caller, channel)?;
            check_message_sub_channel(channel, input.sub_channel_id.as_deref())?;
            if let Some(sub_channel) = &input.sub_channel_id {
                let own = channel
                    .members
                    .get(caller.arn())
                    .and_then(|m| m.sub_channel.as_ref());
                if own != Some(sub_channel) && !access::is_moderator(&caller, channel) {
                    return Err(ApiError::forbidden(format!(
                        "`{}` is not a member of sub-channel `{sub_channel}`",
                        caller.arn()
                    )));
                }
            }
            for (index, target) in input.target.iter().flatten().enumerate() {
                let field = format!("Target.{index}.MemberArn");
                let member = target
                    .member_arn
                    .as_deref()
                    .ok_or_else(|| ApiError::invalid(&field, "a target needs a member ARN"))?;
                arn::user(member, &field)?;
                if !channel.is_member(member) {
                    return Err(ApiError::invalid(
                        &field,
                        format!("`{member}` is not a member of the channel"),
                    ));
                }
            }
            if input.target.as_ref().is_some_and(|t| t.len() != 1) {
                return Err(ApiError::invalid("Target", "exactly one target is allowed"));
            }
        }
        // Idempotency: the same token with the same input gives the first
        // answer again; with a different input it is a conflict.
        if let Some(key) = &token_key {
            if let Some((first, response)) = self.message_tokens.get(key) {
                if *first == remembered {
                    return Ok(response.clone());
                }
                return Err(ApiError::conflict(
                    "ClientRequestToken was already used for a SendChannelMessage request with different parameters",
                ));
            }
        }
        let seq = self.next_id();
        let id = format!("{seq:032x}");
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        // A channel flow processes STANDARD messages before they are
        // delivered; everything else is delivered at once.
        let pending =
            channel.flow.is_some() && matches!(input.r#type, ChannelMessageType::Standard);
        let message_status = status(if pending {
            ChannelMessageStatus::Pending
        } else {
            ChannelMessageStatus::Sent
        });
        let message = Message {
            id: id.clone(),
            sender: caller.arn().to_owned(),
            content: input.content,
            metadata: input.metadata,
            kind: input.r#type,
            persistence: input.persistence,
            created: now,
            last_edited: None,
            updated: now,
            redacted: false,
            status: message_status.clone(),
            attributes: input.message_attributes,
            sub_channel: input.sub_channel_id.clone(),
            content_type: input.content_type,
            target: input.target,
            push_notification: input.push_notification,
            callback: None,
        };
        if !pending && message.persistent() {
            channel.last_message = Some(now);
        }
        channel.messages.insert(seq, message);
        channel.message_ids.insert(id.clone(), seq);
        let response = SendChannelMessageResponse {
            channel_arn: Some(input.channel_arn),
            message_id: Some(id),
            status: Some(message_status),
            sub_channel_id: input.sub_channel_id,
        };
        if let Some(key) = token_key {
            self.message_tokens
                .insert(key, (remembered, response.clone()));
        }
        Ok(response)
    }

    pub fn get_channel_message(
        &mut self,
        input: GetChannelMessageRequest,
    ) -> Result<GetChannelMessageResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        let message = channel
            .message(&input.message_id, input.sub_channel_id.as_deref())
            .ok()
            .filter(|m| m.persistent() && m.visible_to(caller.arn()))
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "message `{}` not found in channel `{}`",
                    input.message_id, channel.arn
                ))
            })?;
        Ok(GetChannelMessageResponse {
            channel_message: Some(full(channel, message)),
        })
    }

    pub fn list_channel_messages(
        &mut self,
        input: ListChannelMessagesRequest,
    ) -> Result<ListChannelMessagesResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        check_message_sub_channel(channel, input.sub_channel_id.as_deref())?;
        let descending = match input.sort_order.clone().unwrap_or(SortOrder::Descending) {
            SortOrder::Ascending => false,
            SortOrder::Descending => true,
            other => {
                return Err(ApiError::invalid(
                    "SortOrder",
                    format!("unknown value `{other}`"),
                ))
            }
        };
        if let (Some(before), Some(after)) = (input.not_before, input.not_after) {
            if before > after {
                return Err(ApiError::invalid(
                    "NotBefore",
                    "it must not be later than NotAfter",
                ));
            }
        }
        let visible = channel.messages.iter().filter(|(_, m)| {
            m.persistent()
                && m.visible_to(caller.arn())
                && (input.sub_channel_id.is_none() || m.sub_channel == input.sub_channel_id)
                && input.not_before.is_none_or(|t| m.created >= t)
                && input.not_after.is_none_or(|t| m.created <= t)
        });
        let items: Vec<_> = if descending {
            visible
                .rev()
                .map(|(seq, m)| (key(*seq), summary(m)))
                .collect()
        } else {
            visible.map(|(seq, m)| (key(*seq), summary(m))).collect()
        };
        let listing = format!(
            "ListChannelMessages|{}|{}|{descending}|{:?}|{:?}|{:?}",
            channel.arn,
            caller.arn(),
            input.not_before,
            input.not_after,
            input.sub_channel_id
        );
        let channel_arn = channel.arn.clone();
        let (channel_messages, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            descending,
            items,
        )?;
        Ok(ListChannelMessagesResponse {
            channel_arn: Some(channel_arn),
            next_token,
            channel_messages: Some(channel_messages),
            sub_channel_id: input.sub_channel_id,
        })
    }

    pub fn update_channel_message(
        &mut self,
        input: UpdateChannelMessageRequest,
        now: DateTime,
    ) -> Result<UpdateChannelMessageResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        let has_flow = channel.flow.is_some();
        let message = channel.message_mut(&input.message_id, input.sub_channel_id.as_deref())?;
        if message.sender != caller.arn() {
            return Err(ApiError::forbidden("only the sender may edit a message"));
        }
        if message.redacted {
            return Err(ApiError::conflict("a redacted message cannot be edited"));
        }
        if !matches!(message.kind, ChannelMessageType::Standard) {
            return Err(ApiError::invalid(
                "MessageId",
                "only STANDARD messages can be edited",
            ));
        }
        check_content(&message.kind, &input.content, input.metadata.as_deref())?;
        message.content = input.content;
        if input.metadata.is_some() {
            message.metadata = input.metadata;
        }
        if input.content_type.is_some() {
            message.content_type = input.content_type;
        }
        message.last_edited = Some(now);
        message.updated = now;
        if has_flow {
            message.status = status(ChannelMessageStatus::Pending);
            message.callback = None;
        }
        Ok(UpdateChannelMessageResponse {
            channel_arn: Some(input.channel_arn),
            message_id: Some(input.message_id),
            status: Some(message.status.clone()),
            sub_channel_id: message.sub_channel.clone(),
        })
    }

    pub fn redact_channel_message(
        &mut self,
        input: RedactChannelMessageRequest,
        now: DateTime,
    ) -> Result<RedactChannelMessageResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        let moderator = access::is_moderator(&caller, channel);
        let message = channel.message_mut(&input.message_id, input.sub_channel_id.as_deref())?;
        if message.sender != caller.arn() && !moderator {
            return Err(ApiError::forbidden(
                "only the sender or a moderator may redact a message",
            ));
        }
        // Redacting twice changes nothing.
        if !message.redacted {
            message.redacted = true;
            message.content = String::new();
            message.metadata = None;
            message.attributes = None;
            message.updated = now;
        }
        Ok(RedactChannelMessageResponse {
            channel_arn: Some(input.channel_arn),
            message_id: Some(input.message_id),
            sub_channel_id: message.sub_channel.clone(),
        })
    }

    pub fn delete_channel_message(
        &mut self,
        input: DeleteChannelMessageRequest,
    ) -> Result<DeleteChannelMessageOutput, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "delete messages")?;
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        channel.message(&input.message_id, input.sub_channel_id.as_deref())?;
        if let Some(seq) = channel.message_ids.remove(&input.message_id) {
            channel.messages.remove(&seq);
        }
        Ok(DeleteChannelMessageOutput {})
    }

    pub fn get_channel_message_status(
        &mut self,
        input: GetChannelMessageStatusRequest,
    ) -> Result<GetChannelMessageStatusResponse, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let channel = self.channel(&input.channel_arn, "ChannelArn")?;
        access::reader(&caller, channel)?;
        channel.check_sub_channel(input.sub_channel_id.as_deref())?;
        let message = channel.message(&input.message_id, input.sub_channel_id.as_deref())?;
        if message.sender != caller.arn() && !message.visible_to(caller.arn()) {
            return Err(ApiError::forbidden(
                "only the sender may see the status of an unreleased message",
            ));
        }
        Ok(GetChannelMessageStatusResponse {
            status: Some(message.status.clone()),
        })
    }

    pub fn channel_flow_callback(
        &mut self,
        input: ChannelFlowCallbackRequest,
        now: DateTime,
    ) -> Result<ChannelFlowCallbackResponse, ApiError> {
        let callback_id = input
            .callback_id
            .clone()
            .ok_or_else(|| ApiError::invalid("CallbackId", "it is required"))?;
        if !(32..=64).contains(&callback_id.len()) {
            return Err(ApiError::invalid(
                "CallbackId",
                "it must be 32 to 64 characters long",
            ));
        }
        let callback = input.channel_message;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        if channel.flow.is_none() {
            return Err(ApiError::invalid(
                "ChannelArn",
                "no channel flow is associated with the channel",
            ));
        }
        channel.check_sub_channel(callback.sub_channel_id.as_deref())?;
        let message =
            channel.message_mut(&callback.message_id, callback.sub_channel_id.as_deref())?;
        let response = ChannelFlowCallbackResponse {
            channel_arn: Some(input.channel_arn.clone()),
            callback_id: Some(callback_id.clone()),
        };
        // Idempotency: the callback that settled the message may be
        // repeated; any other callback for it is a conflict.
        match &message.callback {
            Some(done) if *done == callback_id => return Ok(response),
            Some(_) => {
                return Err(ApiError::conflict(
                    "the message was already processed by another callback",
                ))
            }
            None => {}
        }
        if !matches!(message.status.value, Some(ChannelMessageStatus::Pending)) {
            return Err(ApiError::conflict(
                "the message is not waiting for channel flow processing",
            ));
        }
        if input.delete_resource.unwrap_or(false) {
            message.status = ChannelMessageStatusStructure {
                value: Some(ChannelMessageStatus::Denied),
                detail: Some("denied by a channel flow processor".to_owned()),
            };
        } else {
            if let Some(content) = callback.content {
                check_content(&message.kind, &content, callback.metadata.as_deref())?;
                message.content = content;
            }
            if callback.metadata.is_some() {
                message.metadata = callback.metadata;
            }
            if callback.message_attributes.is_some() {
                message.attributes = callback.message_attributes;
            }
            if callback.content_type.is_some() {
                message.content_type = callback.content_type;
            }
            if callback.push_notification.is_some() {
                message.push_notification = callback.push_notification;
            }
            message.status = status(ChannelMessageStatus::Sent);
        }
        message.callback = Some(callback_id);
        message.updated = now;
        let released = matches!(message.status.value, Some(ChannelMessageStatus::Sent))
            && message.persistent();
        if released {
            channel.last_message = Some(now);
        }
        Ok(response)
    }
}
