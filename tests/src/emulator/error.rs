//! The errors the emulator answers with, and how each one becomes the error
//! enum of the operation that failed.
//!
//! Every rule in the emulator reports an [`ApiError`] of one [`Kind`]. An
//! operation's model does not always list that kind (for example
//! `DescribeChannel` models no `NotFoundException`). Such an error is then
//! reported as the operation's `BadRequestException`, and its `Code` member
//! keeps the original category (`NotFound`, `Conflict`,
//! `ResourceLimitExceeded`), so callers can still tell the cases apart.

use chime_sdk_messaging::types::{self, ErrorCode};
use std::fmt;

/// The category of an emulator error, named after the model's error shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(clippy::enum_variant_names)]
pub enum Kind {
    /// HTTP 400: the request breaks a rule.
    BadRequestException,
    /// HTTP 409: the request clashes with the current state.
    ConflictException,
    /// HTTP 403: the caller may not do this.
    ForbiddenException,
    /// HTTP 404: the resource does not exist.
    NotFoundException,
    /// HTTP 400: a limit would be exceeded.
    ResourceLimitExceededException,
    /// HTTP 500: the emulator itself failed.
    ServiceFailureException,
}

impl Kind {
    /// The `Code` member sent with an error of this kind.
    pub fn code(self) -> ErrorCode {
        match self {
            Kind::BadRequestException => ErrorCode::BadRequest,
            Kind::ConflictException => ErrorCode::Conflict,
            Kind::ForbiddenException => ErrorCode::Forbidden,
            Kind::NotFoundException => ErrorCode::NotFound,
            Kind::ResourceLimitExceededException => ErrorCode::ResourceLimitExceeded,
            Kind::ServiceFailureException => ErrorCode::ServiceFailure,
        }
    }
}

/// An error from one of the emulator's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The category the rule chose.
    pub kind: Kind,
    /// The `Code` member to send; the category's own code unless the error
    /// was re-reported as another kind (see [`ApiError::fit`]).
    pub code: ErrorCode,
    /// The human-readable message.
    pub message: String,
}

impl ApiError {
    /// An error of `kind` with `message`.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        ApiError {
            kind,
            code: kind.code(),
            message: message.into(),
        }
    }

    /// A `BadRequestException`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(Kind::BadRequestException, message)
    }

    /// A `BadRequestException` about one input member: the message names
    /// the member, as the router's validation errors do.
    pub fn invalid(member: &str, problem: impl fmt::Display) -> Self {
        Self::bad_request(format!("Invalid value for `{member}`: {problem}"))
    }

    /// A `ForbiddenException`.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(Kind::ForbiddenException, message)
    }

    /// A `NotFoundException`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Kind::NotFoundException, message)
    }

    /// A `ConflictException`.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(Kind::ConflictException, message)
    }

    /// A `ResourceLimitExceededException`.
    pub fn limit(message: impl Into<String>) -> Self {
        Self::new(Kind::ResourceLimitExceededException, message)
    }

    /// The error as an operation that models only `modeled` reports it:
    /// unchanged when its kind is modeled, otherwise as a
    /// `BadRequestException` (or, for the one operation without it, a
    /// `ForbiddenException`) that keeps the original `Code`.
    pub fn fit(self, modeled: &[Kind]) -> Self {
        if modeled.contains(&self.kind) {
            return self;
        }
        let kind = if modeled.contains(&Kind::BadRequestException) {
            Kind::BadRequestException
        } else {
            Kind::ForbiddenException
        };
        ApiError { kind, ..self }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} ({}): {}", self.kind, self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

/// `From<ApiError>` for each operation's error enum, given the error
/// shapes the operation models (besides the four every operation has).
macro_rules! op_errors {
    ($($op:ident => [$($variant:ident),*];)+) => {$(
        impl ::std::convert::From<ApiError> for chime_sdk_messaging::error::$op {
            fn from(error: ApiError) -> Self {
                let error = error.fit(&[$(Kind::$variant,)* Kind::ServiceFailureException]);
                let code = Some(error.code);
                let message = Some(error.message);
                #[allow(unreachable_patterns)]
                match error.kind {
                    $(Kind::$variant => Self::$variant(types::$variant { code, message }),)*
                    _ => Self::ServiceFailureException(types::ServiceFailureException { code, message }),
                }
            }
        }
    )+};
}

op_errors! {
    AssociateChannelFlowError => [BadRequestException, ConflictException, ForbiddenException, NotFoundException];
    BatchCreateChannelMembershipError => [BadRequestException, ForbiddenException, NotFoundException, ResourceLimitExceededException];
    ChannelFlowCallbackError => [BadRequestException, ConflictException, ForbiddenException];
    CreateChannelError => [BadRequestException, ConflictException, ForbiddenException, ResourceLimitExceededException];
    CreateChannelBanError => [BadRequestException, ConflictException, ForbiddenException, ResourceLimitExceededException];
    CreateChannelFlowError => [BadRequestException, ConflictException, ForbiddenException, ResourceLimitExceededException];
    CreateChannelMembershipError => [BadRequestException, ConflictException, ForbiddenException, NotFoundException, ResourceLimitExceededException];
    CreateChannelModeratorError => [BadRequestException, ConflictException, ForbiddenException, ResourceLimitExceededException];
    DeleteChannelError => [BadRequestException, ConflictException, ForbiddenException];
    DeleteChannelBanError => [BadRequestException, ForbiddenException];
    DeleteChannelFlowError => [BadRequestException, ConflictException, ForbiddenException];
    DeleteChannelMembershipError => [BadRequestException, ConflictException, ForbiddenException];
    DeleteChannelMessageError => [BadRequestException, ForbiddenException];
    DeleteChannelModeratorError => [BadRequestException, ForbiddenException];
    DeleteMessagingStreamingConfigurationsError => [BadRequestException, ForbiddenException];
    DescribeChannelError => [BadRequestException, ForbiddenException];
    DescribeChannelBanError => [BadRequestException, ForbiddenException, NotFoundException];
    DescribeChannelFlowError => [BadRequestException, ForbiddenException];
    DescribeChannelMembershipError => [BadRequestException, ForbiddenException, NotFoundException];
    DescribeChannelMembershipForAppInstanceUserError => [BadRequestException, ForbiddenException];
    DescribeChannelModeratedByAppInstanceUserError => [BadRequestException, ForbiddenException];
    DescribeChannelModeratorError => [BadRequestException, ForbiddenException, NotFoundException];
    DisassociateChannelFlowError => [BadRequestException, ConflictException, ForbiddenException, NotFoundException];
    GetChannelMembershipPreferencesError => [BadRequestException, ForbiddenException];
    GetChannelMessageError => [BadRequestException, ForbiddenException, NotFoundException];
    GetChannelMessageStatusError => [BadRequestException, ForbiddenException];
    GetMessagingSessionEndpointError => [ForbiddenException];
    GetMessagingStreamingConfigurationsError => [BadRequestException, ForbiddenException, NotFoundException];
    ListChannelBansError => [BadRequestException, ForbiddenException];
    ListChannelFlowsError => [BadRequestException, ForbiddenException];
    ListChannelMembershipsError => [BadRequestException, ForbiddenException];
    ListChannelMembershipsForAppInstanceUserError => [BadRequestException, ForbiddenException];
    ListChannelMessagesError => [BadRequestException, ForbiddenException];
    ListChannelModeratorsError => [BadRequestException, ForbiddenException];
    ListChannelsError => [BadRequestException, ForbiddenException];
    ListChannelsAssociatedWithChannelFlowError => [BadRequestException, ForbiddenException];
    ListChannelsModeratedByAppInstanceUserError => [BadRequestException, ForbiddenException];
    ListSubChannelsError => [BadRequestException, ForbiddenException];
    ListTagsForResourceError => [BadRequestException, ForbiddenException];
    PutChannelExpirationSettingsError => [BadRequestException, ConflictException, ForbiddenException];
    PutChannelMembershipPreferencesError => [BadRequestException, ConflictException, ForbiddenException];
    PutMessagingStreamingConfigurationsError => [BadRequestException, ConflictException, ForbiddenException, NotFoundException];
    RedactChannelMessageError => [BadRequestException, ConflictException, ForbiddenException];
    SearchChannelsError => [BadRequestException, ForbiddenException];
    SendChannelMessageError => [BadRequestException, ConflictException, ForbiddenException];
    TagResourceError => [BadRequestException, ForbiddenException, ResourceLimitExceededException];
    UntagResourceError => [BadRequestException, ForbiddenException];
    UpdateChannelError => [BadRequestException, ConflictException, ForbiddenException];
    UpdateChannelFlowError => [BadRequestException, ConflictException, ForbiddenException];
    UpdateChannelMessageError => [BadRequestException, ConflictException, ForbiddenException];
    UpdateChannelReadMarkerError => [BadRequestException, ConflictException, ForbiddenException];
}

#[cfg(test)]
mod tests {
    use super::*;
    use chime_sdk_messaging::error::{
        DescribeChannelError, GetChannelMessageError, GetMessagingSessionEndpointError,
    };

    #[test]
    fn modeled_kinds_stay_and_others_become_bad_requests_with_their_code() {
        match GetChannelMessageError::from(ApiError::not_found("gone")) {
            GetChannelMessageError::NotFoundException(e) => {
                assert_eq!(
                    (e.code, e.message.as_deref()),
                    (Some(ErrorCode::NotFound), Some("gone"))
                )
            }
            other => panic!("{other:?}"),
        }
        match DescribeChannelError::from(ApiError::not_found("gone")) {
            DescribeChannelError::BadRequestException(e) => {
                assert_eq!(e.code, Some(ErrorCode::NotFound))
            }
            other => panic!("{other:?}"),
        }
        match DescribeChannelError::from(ApiError::conflict("clash")) {
            DescribeChannelError::BadRequestException(e) => {
                assert_eq!(e.code, Some(ErrorCode::Conflict))
            }
            other => panic!("{other:?}"),
        }
        // The one operation without BadRequestException.
        assert!(
            GetMessagingSessionEndpointError::from(ApiError::bad_request("x"))
                .is_forbidden_exception()
        );
    }

    #[test]
    fn invalid_names_the_member() {
        let error = ApiError::invalid("Content", "too long");
        assert_eq!(error.kind, Kind::BadRequestException);
        assert!(error.message.contains("`Content`"));
    }
}
