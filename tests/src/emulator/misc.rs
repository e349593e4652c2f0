//! App-instance-wide operations: messaging streaming configurations, the
//! messaging session endpoint, and tags.

use super::arn::{self, Resource};
use super::error::ApiError;
use super::state::{check_tags, State, MAX_TAGS};
use chime_sdk_messaging::types::{
    DeleteMessagingStreamingConfigurationsOutput, DeleteMessagingStreamingConfigurationsRequest,
    GetMessagingSessionEndpointRequest, GetMessagingSessionEndpointResponse,
    GetMessagingStreamingConfigurationsRequest, GetMessagingStreamingConfigurationsResponse,
    ListTagsForResourceRequest, ListTagsForResourceResponse, MessagingDataType,
    MessagingSessionEndpoint, NetworkType, PutMessagingStreamingConfigurationsRequest,
    PutMessagingStreamingConfigurationsResponse, Tag, TagResourceOutput, TagResourceRequest,
    UntagResourceOutput, UntagResourceRequest,
};
use std::collections::{BTreeMap, BTreeSet};

impl State {
    pub fn get_messaging_session_endpoint(
        &mut self,
        input: GetMessagingSessionEndpointRequest,
    ) -> Result<GetMessagingSessionEndpointResponse, ApiError> {
        let url = match input.network_type {
            None | Some(NetworkType::Ipv4Only) => self.session_endpoint.clone(),
            Some(NetworkType::DualStack) => {
                self.session_endpoint.replacen("://", "://dualstack.", 1)
            }
            Some(other) => {
                return Err(ApiError::forbidden(format!(
                    "unsupported network type `{other}`"
                )))
            }
        };
        Ok(GetMessagingSessionEndpointResponse {
            endpoint: Some(MessagingSessionEndpoint { url: Some(url) }),
        })
    }

    pub fn put_messaging_streaming_configurations(
        &mut self,
        input: PutMessagingStreamingConfigurationsRequest,
    ) -> Result<PutMessagingStreamingConfigurationsResponse, ApiError> {
        let app = arn::app_instance(&input.app_instance_arn, "AppInstanceArn")?;
        if input.streaming_configurations.is_empty() || input.streaming_configurations.len() > 2 {
            return Err(ApiError::invalid(
                "StreamingConfigurations",
                "1 or 2 configurations are required",
            ));
        }
        let mut kinds = BTreeSet::new();
        for (index, config) in input.streaming_configurations.iter().enumerate() {
            if !matches!(
                config.data_type,
                MessagingDataType::Channel | MessagingDataType::ChannelMessage
            ) {
                return Err(ApiError::invalid(
                    &format!("StreamingConfigurations.{index}.DataType"),
                    format!("unknown data type `{}`", config.data_type),
                ));
            }
            if !kinds.insert(config.data_type.as_str().to_owned()) {
                return Err(ApiError::invalid(
                    &format!("StreamingConfigurations.{index}.DataType"),
                    "each data type may be configured once",
                ));
            }
            arn::kinesis_stream(
                &config.resource_arn,
                &format!("StreamingConfigurations.{index}.ResourceArn"),
            )?;
        }
        self.streaming
            .insert(app.arn, input.streaming_configurations.clone());
        Ok(PutMessagingStreamingConfigurationsResponse {
            streaming_configurations: Some(input.streaming_configurations),
        })
    }

    pub fn get_messaging_streaming_configurations(
        &mut self,
        input: GetMessagingStreamingConfigurationsRequest,
    ) -> Result<GetMessagingStreamingConfigurationsResponse, ApiError> {
        let app = arn::app_instance(&input.app_instance_arn, "AppInstanceArn")?;
        let configs = self.streaming.get(&app.arn).ok_or_else(|| {
            ApiError::not_found(format!(
                "AppInstance `{}` has no streaming configurations",
                app.arn
            ))
        })?;
        Ok(GetMessagingStreamingConfigurationsResponse {
            streaming_configurations: Some(configs.clone()),
        })
    }

    pub fn delete_messaging_streaming_configurations(
        &mut self,
        input: DeleteMessagingStreamingConfigurationsRequest,
    ) -> Result<DeleteMessagingStreamingConfigurationsOutput, ApiError> {
        let app = arn::app_instance(&input.app_instance_arn, "AppInstanceArn")?;
        // Deleting configurations that do not exist is not an error.
        self.streaming.remove(&app.arn);
        Ok(DeleteMessagingStreamingConfigurationsOutput {})
    }

    /// The tags of a channel or channel flow.
    fn tags_mut(&mut self, resource_arn: &str) -> Result<&mut BTreeMap<String, String>, ApiError> {
        let parsed = arn::parse(resource_arn, "ResourceARN")?;
        let missing = || ApiError::not_found(format!("resource `{resource_arn}` not found"));
        match parsed.resource {
            Resource::Channel => self
                .channels
                .get_mut(resource_arn)
                .map(|c| &mut c.tags)
                .ok_or_else(missing),
            Resource::ChannelFlow => self
                .flows
                .get_mut(resource_arn)
                .map(|f| &mut f.tags)
                .ok_or_else(missing),
            _ => Err(ApiError::invalid(
                "ResourceARN",
                "only channels and channel flows can be tagged",
            )),
        }
    }

    pub fn tag_resource(
        &mut self,
        input: TagResourceRequest,
    ) -> Result<TagResourceOutput, ApiError> {
        if input.tags.is_empty() {
            return Err(ApiError::invalid("Tags", "at least one tag is required"));
        }
        check_tags("Tags", input.tags.iter().map(|t| t.key.as_str()))?;
        let tags = self.tags_mut(&input.resource_arn)?;
        let added = input
            .tags
            .iter()
            .filter(|t| !tags.contains_key(&t.key))
            .count();
        if tags.len() + added > MAX_TAGS {
            return Err(ApiError::limit(format!(
                "a resource has at most {MAX_TAGS} tags"
            )));
        }
        for tag in input.tags {
            tags.insert(tag.key, tag.value);
        }
        Ok(TagResourceOutput {})
    }

    pub fn untag_resource(
        &mut self,
        input: UntagResourceRequest,
    ) -> Result<UntagResourceOutput, ApiError> {
        if input.tag_keys.is_empty() {
            return Err(ApiError::invalid(
                "TagKeys",
                "at least one tag key is required",
            ));
        }
        let tags = self.tags_mut(&input.resource_arn)?;
        for key in &input.tag_keys {
            tags.remove(key);
        }
        Ok(UntagResourceOutput {})
    }

    pub fn list_tags_for_resource(
        &mut self,
        input: ListTagsForResourceRequest,
    ) -> Result<ListTagsForResourceResponse, ApiError> {
        let tags = self.tags_mut(&input.resource_arn)?;
        Ok(ListTagsForResourceResponse {
            tags: Some(
                tags.iter()
                    .map(|(key, value)| Tag {
                        key: key.clone(),
                        value: value.clone(),
                    })
                    .collect(),
            ),
        })
    }
}
