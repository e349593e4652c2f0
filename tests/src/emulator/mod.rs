//! A local, in-memory emulator of Amazon Chime SDK Messaging.
//!
//! [`Emulator`] implements all 51 operations over the generated
//! `chime_sdk_messaging::types`, with the service's rules (see below). It
//! is cheap to clone (clones share state) and thread-safe: one
//! `std::sync::Mutex` guards the state, and every operation runs under it
//! from start to end, so operations are atomic. It implements the
//! generated `chime_sdk_messaging::server::ChimeMessagingService`, so the
//! generated router serves it to real clients over HTTP ([`Running`]); the
//! `chime-emulator` binary does exactly that.
//!
//! # Identities
//!
//! App instances are implicit: any `arn:aws:chime:<region>:<account>:app-instance/<id>`
//! works. The caller of a user-level operation is the `x-amz-chime-bearer`
//! ARN, which must name an `AppInstanceUser` (`.../app-instance/<id>/user/<uid>`)
//! or `AppInstanceBot` (`.../bot/<bid>`); anything else is a
//! `BadRequestException` naming `ChimeBearer`. Developer operations (channel
//! flows, streaming configurations, tags, the session endpoint and the flow
//! callback) take no bearer. Users registered with
//! [`Emulator::add_app_instance_admin`] act as `AppInstanceAdmin`s: they
//! moderate every channel of their app instance and may act for other users.
//!
//! # Rules
//!
//! - A channel's creator moderates it and (unless the channel is elastic)
//!   is a member. Callers outside the channel's app instance get
//!   `ForbiddenException`.
//! - Reading (messages, memberships, moderators, sub-channels) and posting
//!   need membership, a moderator role or admin rights:
//!   `ForbiddenException` otherwise. (Stricter than the real service, which
//!   lets anyone in the app instance read a `PUBLIC` channel.) Anyone in
//!   the app instance may describe a `PUBLIC` channel.
//! - Only moderators update or delete channels, manage moderators and bans,
//!   associate channel flows, delete messages, and add `HIDDEN` members. In
//!   `RESTRICTED` channels only moderators add members; in `UNRESTRICTED`
//!   ones members may too, and anyone may join a `PUBLIC` one themselves.
//! - A ban removes the membership and moderator role; banned users cannot
//!   join (`ForbiddenException`). Members leave with
//!   `DeleteChannelMembership`.
//! - Only the sender edits a message; the sender or a moderator redacts it.
//!   `CONTROL` messages hold at most 30 bytes and no metadata; `STANDARD`
//!   ones at most 4 KB. `NON_PERSISTENT` messages are delivered but never
//!   listed or fetched. A targeted message is visible to its sender and
//!   target only.
//! - In a channel with a channel flow, `STANDARD` messages (new or edited)
//!   are `PENDING` until `ChannelFlowCallback` releases (`SENT`) or denies
//!   (`DENIED`) them; until then only the sender sees them. A flow that is
//!   in use cannot be deleted (`ConflictException`).
//! - Elastic channels place members in sub-channels (`sub-channel-1`, ...)
//!   of `TargetMembershipsPerSubChannel` members, up to
//!   `MaximumSubChannels`; beyond that `ResourceLimitExceededException`.
//!   Messages there need a `SubChannelId`.
//! - Duplicates are `ConflictException`: an existing `ChannelId`, member,
//!   moderator or ban; a second flow on a channel.
//! - Missing resources are `NotFoundException`. Where the operation's
//!   model has no `NotFoundException` (e.g. `DescribeChannel`), the answer is
//!   a `BadRequestException` whose `Code` is `NotFound`; likewise for
//!   conflicts and limits in operations that model neither. Removing a
//!   member, moderator, ban or streaming configuration that does not exist
//!   succeeds (deletes of set entries are idempotent).
//! - Lists are ordered (by ARN, or by creation for messages, newest first
//!   unless `SortOrder` is `ASCENDING`) and paged: `MaxResults` 1 to 50,
//!   default 50; `NextToken` is opaque and tied to its listing, and a token
//!   the emulator did not issue is a `BadRequestException` naming
//!   `NextToken`.
//! - `ClientRequestToken` (CreateChannel, CreateChannelFlow,
//!   SendChannelMessage) and `CallbackId` are idempotency tokens: a repeat
//!   with the same input returns the first result (same ARN or
//!   `MessageId`); a repeat with a different input is a `ConflictException`.
//! - Channels with expiration settings disappear once they expire.
//! - IDs are counter-based and so deterministic: channels and flows get
//!   UUID-shaped IDs (`00000000-0000-4000-8000-000000000001`), messages
//!   32 hex digits. Timestamps come from the system clock, to the
//!   millisecond.

pub mod arn;
mod channels;
pub mod error;
mod flows;
mod memberships;
mod messages;
mod misc;
pub mod pagination;
pub mod server;
pub mod state;

pub use error::{ApiError, Kind};
pub use server::{Auth, Running};

use chime_sdk_messaging::rt::time::DateTime;
use chime_sdk_messaging::types;
use state::State;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// Where `GetMessagingSessionEndpoint` points unless told otherwise. The
/// emulator serves no WebSocket; the URL only has the right shape.
pub const DEFAULT_SESSION_ENDPOINT: &str =
    "wss://messaging-session.chime-emulator.localhost/connect";

/// The in-memory Chime SDK Messaging service. Clones share state.
#[derive(Debug, Clone)]
pub struct Emulator {
    state: Arc<Mutex<State>>,
    calls: Arc<Mutex<BTreeMap<&'static str, u64>>>,
}

impl Default for Emulator {
    fn default() -> Self {
        Self::new()
    }
}

impl Emulator {
    /// An empty emulator.
    pub fn new() -> Self {
        let state = State {
            session_endpoint: DEFAULT_SESSION_ENDPOINT.to_owned(),
            ..State::default()
        };
        Emulator {
            state: Arc::new(Mutex::new(state)),
            calls: Arc::default(),
        }
    }

    /// Treats `user_arn` as an `AppInstanceAdmin` of its app instance.
    pub fn add_app_instance_admin(&self, user_arn: &str) -> Result<(), ApiError> {
        let user = arn::user(user_arn, "AppInstanceAdminArn")?;
        self.lock().admins.insert(user.arn);
        Ok(())
    }

    /// Sets the URL `GetMessagingSessionEndpoint` returns.
    pub fn set_session_endpoint(&self, url: impl Into<String>) {
        self.lock().session_endpoint = url.into();
    }

    /// How many times each operation was called (successfully or not),
    /// by operation name.
    pub fn calls(&self) -> BTreeMap<&'static str, u64> {
        self.calls
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The state, even if a thread panicked while holding it: every
    /// operation validates before it mutates, so the state stays usable.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn record(&self, operation: &'static str) {
        let mut calls = self
            .calls
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *calls.entry(operation).or_default() += 1;
    }
}

/// The current time, to the millisecond as the service keeps it, so a
/// timestamp read back from a response can be used as an exact bound in
/// `NotBefore`/`NotAfter`.
pub fn now() -> DateTime {
    let now = DateTime::now();
    DateTime::from_secs_and_nanos(now.secs(), now.subsec_nanos() / 1_000_000 * 1_000_000)
}

/// Calls a `State` method with or without the current time.
macro_rules! call {
    ($state:ident, $method:ident, $input:ident, now) => {{
        let now = now();
        $state.purge_expired(now);
        $state.$method($input, now)
    }};
    ($state:ident, $method:ident, $input:ident,) => {{
        $state.purge_expired(now());
        $state.$method($input)
    }};
}

/// The operations: one `Emulator` method each, the list of names, and the
/// generated server's service trait.
macro_rules! operations {
    ($($name:ident => $method:ident($input:ident) -> $output:ident, $error:ident $([$now:ident])?;)+) => {
        /// The names of all operations the emulator implements, in the
        /// model's order.
        pub const OPERATIONS: &[&str] = &[$(stringify!($name)),+];

        impl Emulator {$(
            #[doc = concat!("`", stringify!($name), "`.")]
            pub fn $method(&self, input: types::$input) -> Result<types::$output, ApiError> {
                self.record(stringify!($name));
                let mut state = self.lock();
                let state = &mut *state;
                call!(state, $method, input, $($now)?)
            }
        )+}

        /// Every operation, served through the generated router: the
        /// emulator's answer, with its `ApiError` turned into the
        /// operation's error enum (see [`error`]).
        impl chime_sdk_messaging::server::ChimeMessagingService for Emulator {$(
            fn $method(
                &self,
                _ctx: &chime_sdk_messaging::rt::server::RequestContext,
                input: types::$input,
            ) -> impl ::std::future::Future<
                Output = Result<types::$output, chime_sdk_messaging::error::$error>,
            > + Send {
                // The work is synchronous and short: do it now, and hand
                // back a future that is already complete.
                ::std::future::ready(Emulator::$method(self, input).map_err(Into::into))
            }
        )+}
    };
}

operations! {
    AssociateChannelFlow => associate_channel_flow(AssociateChannelFlowRequest) -> AssociateChannelFlowOutput, AssociateChannelFlowError [now];
    BatchCreateChannelMembership => batch_create_channel_membership(BatchCreateChannelMembershipRequest) -> BatchCreateChannelMembershipResponse, BatchCreateChannelMembershipError [now];
    ChannelFlowCallback => channel_flow_callback(ChannelFlowCallbackRequest) -> ChannelFlowCallbackResponse, ChannelFlowCallbackError [now];
    CreateChannel => create_channel(CreateChannelRequest) -> CreateChannelResponse, CreateChannelError [now];
    CreateChannelBan => create_channel_ban(CreateChannelBanRequest) -> CreateChannelBanResponse, CreateChannelBanError [now];
    CreateChannelFlow => create_channel_flow(CreateChannelFlowRequest) -> CreateChannelFlowResponse, CreateChannelFlowError [now];
    CreateChannelMembership => create_channel_membership(CreateChannelMembershipRequest) -> CreateChannelMembershipResponse, CreateChannelMembershipError [now];
    CreateChannelModerator => create_channel_moderator(CreateChannelModeratorRequest) -> CreateChannelModeratorResponse, CreateChannelModeratorError [now];
    DeleteChannel => delete_channel(DeleteChannelRequest) -> DeleteChannelOutput, DeleteChannelError;
    DeleteChannelBan => delete_channel_ban(DeleteChannelBanRequest) -> DeleteChannelBanOutput, DeleteChannelBanError;
    DeleteChannelFlow => delete_channel_flow(DeleteChannelFlowRequest) -> DeleteChannelFlowOutput, DeleteChannelFlowError;
    DeleteChannelMembership => delete_channel_membership(DeleteChannelMembershipRequest) -> DeleteChannelMembershipOutput, DeleteChannelMembershipError [now];
    DeleteChannelMessage => delete_channel_message(DeleteChannelMessageRequest) -> DeleteChannelMessageOutput, DeleteChannelMessageError;
    DeleteChannelModerator => delete_channel_moderator(DeleteChannelModeratorRequest) -> DeleteChannelModeratorOutput, DeleteChannelModeratorError;
    DeleteMessagingStreamingConfigurations => delete_messaging_streaming_configurations(DeleteMessagingStreamingConfigurationsRequest) -> DeleteMessagingStreamingConfigurationsOutput, DeleteMessagingStreamingConfigurationsError;
    DescribeChannel => describe_channel(DescribeChannelRequest) -> DescribeChannelResponse, DescribeChannelError;
    DescribeChannelBan => describe_channel_ban(DescribeChannelBanRequest) -> DescribeChannelBanResponse, DescribeChannelBanError;
    DescribeChannelFlow => describe_channel_flow(DescribeChannelFlowRequest) -> DescribeChannelFlowResponse, DescribeChannelFlowError;
    DescribeChannelMembership => describe_channel_membership(DescribeChannelMembershipRequest) -> DescribeChannelMembershipResponse, DescribeChannelMembershipError;
    DescribeChannelMembershipForAppInstanceUser => describe_channel_membership_for_app_instance_user(DescribeChannelMembershipForAppInstanceUserRequest) -> DescribeChannelMembershipForAppInstanceUserResponse, DescribeChannelMembershipForAppInstanceUserError;
    DescribeChannelModeratedByAppInstanceUser => describe_channel_moderated_by_app_instance_user(DescribeChannelModeratedByAppInstanceUserRequest) -> DescribeChannelModeratedByAppInstanceUserResponse, DescribeChannelModeratedByAppInstanceUserError;
    DescribeChannelModerator => describe_channel_moderator(DescribeChannelModeratorRequest) -> DescribeChannelModeratorResponse, DescribeChannelModeratorError;
    DisassociateChannelFlow => disassociate_channel_flow(DisassociateChannelFlowRequest) -> DisassociateChannelFlowOutput, DisassociateChannelFlowError [now];
    GetChannelMembershipPreferences => get_channel_membership_preferences(GetChannelMembershipPreferencesRequest) -> GetChannelMembershipPreferencesResponse, GetChannelMembershipPreferencesError;
    GetChannelMessage => get_channel_message(GetChannelMessageRequest) -> GetChannelMessageResponse, GetChannelMessageError;
    GetChannelMessageStatus => get_channel_message_status(GetChannelMessageStatusRequest) -> GetChannelMessageStatusResponse, GetChannelMessageStatusError;
    GetMessagingSessionEndpoint => get_messaging_session_endpoint(GetMessagingSessionEndpointRequest) -> GetMessagingSessionEndpointResponse, GetMessagingSessionEndpointError;
    GetMessagingStreamingConfigurations => get_messaging_streaming_configurations(GetMessagingStreamingConfigurationsRequest) -> GetMessagingStreamingConfigurationsResponse, GetMessagingStreamingConfigurationsError;
    ListChannelBans => list_channel_bans(ListChannelBansRequest) -> ListChannelBansResponse, ListChannelBansError;
    ListChannelFlows => list_channel_flows(ListChannelFlowsRequest) -> ListChannelFlowsResponse, ListChannelFlowsError;
    ListChannelMemberships => list_channel_memberships(ListChannelMembershipsRequest) -> ListChannelMembershipsResponse, ListChannelMembershipsError;
    ListChannelMembershipsForAppInstanceUser => list_channel_memberships_for_app_instance_user(ListChannelMembershipsForAppInstanceUserRequest) -> ListChannelMembershipsForAppInstanceUserResponse, ListChannelMembershipsForAppInstanceUserError;
    ListChannelMessages => list_channel_messages(ListChannelMessagesRequest) -> ListChannelMessagesResponse, ListChannelMessagesError;
    ListChannelModerators => list_channel_moderators(ListChannelModeratorsRequest) -> ListChannelModeratorsResponse, ListChannelModeratorsError;
    ListChannels => list_channels(ListChannelsRequest) -> ListChannelsResponse, ListChannelsError;
    ListChannelsAssociatedWithChannelFlow => list_channels_associated_with_channel_flow(ListChannelsAssociatedWithChannelFlowRequest) -> ListChannelsAssociatedWithChannelFlowResponse, ListChannelsAssociatedWithChannelFlowError;
    ListChannelsModeratedByAppInstanceUser => list_channels_moderated_by_app_instance_user(ListChannelsModeratedByAppInstanceUserRequest) -> ListChannelsModeratedByAppInstanceUserResponse, ListChannelsModeratedByAppInstanceUserError;
    ListSubChannels => list_sub_channels(ListSubChannelsRequest) -> ListSubChannelsResponse, ListSubChannelsError;
    ListTagsForResource => list_tags_for_resource(ListTagsForResourceRequest) -> ListTagsForResourceResponse, ListTagsForResourceError;
    PutChannelExpirationSettings => put_channel_expiration_settings(PutChannelExpirationSettingsRequest) -> PutChannelExpirationSettingsResponse, PutChannelExpirationSettingsError [now];
    PutChannelMembershipPreferences => put_channel_membership_preferences(PutChannelMembershipPreferencesRequest) -> PutChannelMembershipPreferencesResponse, PutChannelMembershipPreferencesError [now];
    PutMessagingStreamingConfigurations => put_messaging_streaming_configurations(PutMessagingStreamingConfigurationsRequest) -> PutMessagingStreamingConfigurationsResponse, PutMessagingStreamingConfigurationsError;
    RedactChannelMessage => redact_channel_message(RedactChannelMessageRequest) -> RedactChannelMessageResponse, RedactChannelMessageError [now];
    SearchChannels => search_channels(SearchChannelsRequest) -> SearchChannelsResponse, SearchChannelsError;
    SendChannelMessage => send_channel_message(SendChannelMessageRequest) -> SendChannelMessageResponse, SendChannelMessageError [now];
    TagResource => tag_resource(TagResourceRequest) -> TagResourceOutput, TagResourceError;
    UntagResource => untag_resource(UntagResourceRequest) -> UntagResourceOutput, UntagResourceError;
    UpdateChannel => update_channel(UpdateChannelRequest) -> UpdateChannelResponse, UpdateChannelError [now];
    UpdateChannelFlow => update_channel_flow(UpdateChannelFlowRequest) -> UpdateChannelFlowResponse, UpdateChannelFlowError [now];
    UpdateChannelMessage => update_channel_message(UpdateChannelMessageRequest) -> UpdateChannelMessageResponse, UpdateChannelMessageError [now];
    UpdateChannelReadMarker => update_channel_read_marker(UpdateChannelReadMarkerRequest) -> UpdateChannelReadMarkerResponse, UpdateChannelReadMarkerError [now];
}
