//! Channel flows: create, describe, update, delete, list, and their
//! association with channels.

use super::arn;
use super::error::ApiError;
use super::state::{access, check_tags, Flow, State, MAX_TAGS};
use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types::{
    AssociateChannelFlowOutput, AssociateChannelFlowRequest, ChannelAssociatedWithFlowSummary,
    ChannelFlow, ChannelFlowSummary, CreateChannelFlowRequest, CreateChannelFlowResponse,
    DeleteChannelFlowOutput, DeleteChannelFlowRequest, DescribeChannelFlowRequest,
    DescribeChannelFlowResponse, DisassociateChannelFlowOutput, DisassociateChannelFlowRequest,
    FallbackAction, InvocationType, ListChannelFlowsRequest, ListChannelFlowsResponse,
    ListChannelsAssociatedWithChannelFlowRequest, ListChannelsAssociatedWithChannelFlowResponse,
    Processor, UpdateChannelFlowRequest, UpdateChannelFlowResponse,
};
use std::collections::BTreeSet;

/// Checks a flow's processors: 1 to 3, each with its own execution order
/// from 1 to 3, an `ASYNC` Lambda and a known fallback action.
fn check_processors(processors: &[Processor]) -> Result<(), ApiError> {
    if processors.is_empty() || processors.len() > 3 {
        return Err(ApiError::invalid(
            "Processors",
            "a channel flow has 1 to 3 processors",
        ));
    }
    let mut orders = BTreeSet::new();
    for (index, processor) in processors.iter().enumerate() {
        let field = |name: &str| format!("Processors.{index}.{name}");
        if processor.name.is_empty() {
            return Err(ApiError::invalid(&field("Name"), "it must not be empty"));
        }
        if !(1..=3).contains(&processor.execution_order) {
            return Err(ApiError::invalid(
                &field("ExecutionOrder"),
                "it must be between 1 and 3",
            ));
        }
        if !orders.insert(processor.execution_order) {
            return Err(ApiError::invalid(
                &field("ExecutionOrder"),
                "two processors share an execution order",
            ));
        }
        if !matches!(
            processor.fallback_action,
            FallbackAction::Continue | FallbackAction::Abort
        ) {
            return Err(ApiError::invalid(
                &field("FallbackAction"),
                "unknown fallback action",
            ));
        }
        let lambda = &processor.configuration.lambda;
        if !matches!(lambda.invocation_type, InvocationType::Async) {
            return Err(ApiError::invalid(
                &field("Configuration.Lambda.InvocationType"),
                "only ASYNC is supported",
            ));
        }
        if !lambda.resource_arn.starts_with("arn:") || !lambda.resource_arn.contains(":lambda:") {
            return Err(ApiError::invalid(
                &field("Configuration.Lambda.ResourceArn"),
                "it must be a Lambda function ARN",
            ));
        }
    }
    Ok(())
}

fn describe(flow: &Flow) -> ChannelFlow {
    ChannelFlow {
        channel_flow_arn: Some(flow.arn.clone()),
        processors: Some(flow.processors.clone()),
        name: Some(flow.name.clone()),
        created_timestamp: Some(flow.created),
        last_updated_timestamp: Some(flow.updated),
    }
}

impl State {
    pub fn create_channel_flow(
        &mut self,
        input: CreateChannelFlowRequest,
        now: DateTime,
    ) -> Result<CreateChannelFlowResponse, ApiError> {
        let app = arn::app_instance(&input.app_instance_arn, "AppInstanceArn")?;
        if input.name.is_empty() {
            return Err(ApiError::invalid("Name", "it must not be empty"));
        }
        check_processors(&input.processors)?;
        let tags = input.tags.clone().unwrap_or_default();
        check_tags("Tags", tags.iter().map(|t| t.key.as_str()))?;
        if tags.len() > MAX_TAGS {
            return Err(ApiError::limit(format!(
                "a channel flow has at most {MAX_TAGS} tags"
            )));
        }
        let mut remembered = input.clone();
        remembered.client_request_token = None;
        let token_key = input
            .client_request_token
            .clone()
            .map(|t| (app.arn.clone(), t));
        if let Some(key) = &token_key {
            if let Some((first, flow_arn)) = self.flow_tokens.get(key) {
                if *first == remembered {
                    return Ok(CreateChannelFlowResponse {
                        channel_flow_arn: Some(flow_arn.clone()),
                    });
                }
                return Err(ApiError::conflict(
                    "ClientRequestToken was already used for a CreateChannelFlow request with different parameters",
                ));
            }
        }
        let flow_arn = format!("{}/channel-flow/{}", app.arn, self.uuid());
        self.flows.insert(
            flow_arn.clone(),
            Flow {
                arn: flow_arn.clone(),
                app_instance: app.arn,
                name: input.name,
                processors: input.processors,
                created: now,
                updated: now,
                tags: tags.into_iter().map(|t| (t.key, t.value)).collect(),
            },
        );
        if let Some(key) = token_key {
            self.flow_tokens.insert(key, (remembered, flow_arn.clone()));
        }
        Ok(CreateChannelFlowResponse {
            channel_flow_arn: Some(flow_arn),
        })
    }

    pub fn describe_channel_flow(
        &mut self,
        input: DescribeChannelFlowRequest,
    ) -> Result<DescribeChannelFlowResponse, ApiError> {
        let flow = self.flow(&input.channel_flow_arn, "ChannelFlowArn")?;
        Ok(DescribeChannelFlowResponse {
            channel_flow: Some(describe(flow)),
        })
    }

    pub fn update_channel_flow(
        &mut self,
        input: UpdateChannelFlowRequest,
        now: DateTime,
    ) -> Result<UpdateChannelFlowResponse, ApiError> {
        self.flow(&input.channel_flow_arn, "ChannelFlowArn")?;
        if input.name.is_empty() {
            return Err(ApiError::invalid("Name", "it must not be empty"));
        }
        check_processors(&input.processors)?;
        if let Some(flow) = self.flows.get_mut(&input.channel_flow_arn) {
            flow.name = input.name;
            flow.processors = input.processors;
            flow.updated = now;
        }
        Ok(UpdateChannelFlowResponse {
            channel_flow_arn: Some(input.channel_flow_arn),
        })
    }

    pub fn delete_channel_flow(
        &mut self,
        input: DeleteChannelFlowRequest,
    ) -> Result<DeleteChannelFlowOutput, ApiError> {
        self.flow(&input.channel_flow_arn, "ChannelFlowArn")?;
        let in_use = self
            .channels
            .values()
            .filter(|c| c.flow.as_deref() == Some(input.channel_flow_arn.as_str()))
            .count();
        if in_use > 0 {
            return Err(ApiError::conflict(format!(
                "the channel flow is associated with {in_use} channel(s); disassociate it first"
            )));
        }
        self.flows.remove(&input.channel_flow_arn);
        Ok(DeleteChannelFlowOutput {})
    }

    pub fn list_channel_flows(
        &mut self,
        input: ListChannelFlowsRequest,
    ) -> Result<ListChannelFlowsResponse, ApiError> {
        let app = arn::app_instance(&input.app_instance_arn, "AppInstanceArn")?;
        let items: Vec<_> = self
            .flows
            .values()
            .filter(|f| f.app_instance == app.arn)
            .map(|f| {
                (
                    f.arn.clone(),
                    ChannelFlowSummary {
                        channel_flow_arn: Some(f.arn.clone()),
                        name: Some(f.name.clone()),
                        processors: Some(f.processors.clone()),
                    },
                )
            })
            .collect();
        let listing = format!("ListChannelFlows|{}", app.arn);
        let (channel_flows, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListChannelFlowsResponse {
            channel_flows: Some(channel_flows),
            next_token,
        })
    }

    pub fn associate_channel_flow(
        &mut self,
        input: AssociateChannelFlowRequest,
        now: DateTime,
    ) -> Result<AssociateChannelFlowOutput, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        let flow_app = self
            .flow(&input.channel_flow_arn, "ChannelFlowArn")?
            .app_instance
            .clone();
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "associate a channel flow")?;
        if flow_app != channel.app_instance {
            return Err(ApiError::invalid(
                "ChannelFlowArn",
                "the channel flow belongs to another AppInstance",
            ));
        }
        match &channel.flow {
            Some(current) if *current == input.channel_flow_arn => {}
            Some(current) => {
                return Err(ApiError::conflict(format!(
                    "channel `{}` is already associated with channel flow `{current}`",
                    channel.arn
                )))
            }
            None => {
                channel.flow = Some(input.channel_flow_arn);
                channel.updated = now;
            }
        }
        Ok(AssociateChannelFlowOutput {})
    }

    pub fn disassociate_channel_flow(
        &mut self,
        input: DisassociateChannelFlowRequest,
        now: DateTime,
    ) -> Result<DisassociateChannelFlowOutput, ApiError> {
        let caller = self.caller(&input.chime_bearer)?;
        arn::channel_flow(&input.channel_flow_arn, "ChannelFlowArn")?;
        let channel = self.channel_mut(&input.channel_arn, "ChannelArn")?;
        access::moderator(&caller, channel, "disassociate a channel flow")?;
        if channel.flow.as_deref() != Some(input.channel_flow_arn.as_str()) {
            return Err(ApiError::not_found(format!(
                "channel flow `{}` is not associated with channel `{}`",
                input.channel_flow_arn, channel.arn
            )));
        }
        channel.flow = None;
        channel.updated = now;
        Ok(DisassociateChannelFlowOutput {})
    }

    pub fn list_channels_associated_with_channel_flow(
        &mut self,
        input: ListChannelsAssociatedWithChannelFlowRequest,
    ) -> Result<ListChannelsAssociatedWithChannelFlowResponse, ApiError> {
        self.flow(&input.channel_flow_arn, "ChannelFlowArn")?;
        let items: Vec<_> = self
            .channels
            .values()
            .filter(|c| c.flow.as_deref() == Some(input.channel_flow_arn.as_str()))
            .map(|c| {
                (
                    c.arn.clone(),
                    ChannelAssociatedWithFlowSummary {
                        name: Some(c.name.clone()),
                        channel_arn: Some(c.arn.clone()),
                        mode: Some(c.mode.clone()),
                        privacy: Some(c.privacy.clone()),
                        metadata: c.metadata.clone(),
                    },
                )
            })
            .collect();
        let listing = format!(
            "ListChannelsAssociatedWithChannelFlow|{}",
            input.channel_flow_arn
        );
        let (channels, next_token) = self.pages.page(
            listing,
            input.next_token.as_deref(),
            input.max_results,
            false,
            items,
        )?;
        Ok(ListChannelsAssociatedWithChannelFlowResponse {
            channels: Some(channels),
            next_token,
        })
    }
}
