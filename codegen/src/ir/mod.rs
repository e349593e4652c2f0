//! The resolved, normalised and validated form of one service.
//!
//! Everything the emitters need is decided here: Rust names, Rust types,
//! nullability, boxing, HTTP bindings with their resolved timestamp formats,
//! constraints, pagination. Emitters only render what this module decided.

mod build;
mod http;
mod id;
mod paginate;
mod pattern;
mod prelude;
mod resolve;

pub use build::build;
pub use id::ShapeId;

use std::collections::BTreeMap;

/// A code generation error: which shape, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The shape (or member) the problem belongs to; empty for file-level problems.
    pub shape: String,
    pub message: String,
}

impl Error {
    pub(crate) fn new(shape: impl std::fmt::Display, message: impl Into<String>) -> Error {
        Error {
            shape: shape.to_string(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.shape.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.shape, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// One service, ready to emit.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: ShapeId,
    /// Cargo package name, e.g. `chime-sdk-messaging`.
    pub crate_name: String,
    /// The Rust name of the server trait and client prefix, e.g. `ChimeMessagingService`.
    pub rust_name: String,
    pub version: String,
    pub title: Option<String>,
    pub docs: Option<String>,
    pub sdk_id: String,
    pub endpoint_prefix: String,
    pub signing_name: Option<String>,
    pub protocol: Protocol,
    /// Named shapes the operations reach, by ID (structures, unions, enums).
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// Operations in name order.
    pub operations: Vec<Operation>,
    /// Shape IDs of operations left out, with the reason (event streams, other protocols).
    pub skipped: Vec<(ShapeId, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    RestJson1,
    /// A protocol we do not serve; types are still generated.
    Other,
}

/// A named shape that becomes a Rust item.
#[derive(Debug, Clone)]
pub struct Shape {
    pub id: ShapeId,
    pub rust_name: String,
    /// The same name in snake case, for helpers such as `is_bad_request_exception`.
    pub snake_name: String,
    pub docs: Option<String>,
    pub deprecated: bool,
    pub kind: ShapeKind,
}

#[derive(Debug, Clone)]
pub enum ShapeKind {
    Structure(Structure),
    Union(Union),
    Enum(Enum),
    IntEnum(IntEnum),
}

#[derive(Debug, Clone)]
pub struct Structure {
    pub members: Vec<Member>,
    pub error: Option<ErrorInfo>,
    /// Whether the structure has members outside the JSON body; such
    /// structures are encoded by their operation, not by a `Shape` impl.
    pub has_http_bindings: bool,
    /// True when some member is `@required` and has no default (the builder can fail).
    pub fallible_builder: bool,
    /// Whether the structure needs its own JSON `Shape` impl: it appears in a
    /// body, or it has no HTTP bindings at all.
    pub json_impl: bool,
}

#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub fault: Fault,
    pub http_status: u16,
    /// The name written to `X-Amzn-Errortype` and matched on responses.
    pub code: String,
    pub retryable: bool,
    pub throttling: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Client,
    Server,
}

#[derive(Debug, Clone)]
pub struct Union {
    pub members: Vec<Member>,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub rust_name: String,
    pub value: String,
    pub docs: Option<String>,
    /// `@internal` (or tagged `internal` in a legacy `@enum`): a valid value
    /// that validation messages leave out of the listed value set.
    pub internal: bool,
}

#[derive(Debug, Clone)]
pub struct IntEnum {
    pub variants: Vec<IntEnumVariant>,
}

#[derive(Debug, Clone)]
pub struct IntEnumVariant {
    pub rust_name: String,
    pub value: i32,
    pub docs: Option<String>,
}

/// A member of a structure or union, with everything about it decided.
#[derive(Debug, Clone)]
pub struct Member {
    /// The Smithy member name, e.g. `ChannelArn`.
    pub name: String,
    /// The Rust field or variant name, e.g. `channel_arn` or `ChannelArn`.
    pub rust_name: String,
    pub docs: Option<String>,
    pub ty: Type,
    /// The Rust field is `Option<T>`.
    pub optional: bool,
    /// The member must be present on the wire (`@required`).
    pub required: bool,
    pub default: Option<Default>,
    /// Redacted in `Debug`: the member, its target, or an element is `@sensitive`.
    pub sensitive: bool,
    pub idempotency_token: bool,
    pub binding: Binding,
    /// Key in a JSON body (`@jsonName` or the member name).
    pub json_name: String,
    pub constraints: Constraints,
    /// Value of `@mediaType` on a string or blob target, when set.
    pub media_type: Option<String>,
    pub deprecated: bool,
}

/// The Rust type of a value, with its wire form fully resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    String,
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    /// `bigInteger`: carried as `i64` (lossy above 2^63).
    BigInteger,
    /// `bigDecimal`: carried as `f64` (lossy).
    BigDecimal,
    Timestamp(TimestampFormat),
    Blob,
    Document,
    /// `smithy.api#Unit`: only as a union variant with no value.
    Unit,
    /// A structure, union, enum or intEnum.
    Named {
        id: ShapeId,
        /// Boxed to break a recursive cycle.
        boxed: bool,
    },
    List {
        item: Box<Item>,
        sparse: bool,
    },
    /// Map keys are strings on the wire; enum keys are kept as strings.
    Map {
        key_constraints: Box<Constraints>,
        value: Box<Item>,
        sparse: bool,
    },
}

/// An element of a list or value of a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub ty: Type,
    pub constraints: Constraints,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

/// Constraint traits, merged from the target shape and the member.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub length: Option<(Option<u64>, Option<u64>)>,
    pub range: Option<(Option<f64>, Option<f64>)>,
    pub pattern: Option<String>,
    /// `pattern` translated to `regex-lite` syntax (see `pattern.rs`).
    pub regex: Option<String>,
    /// Allowed values when the target is an enum kept as a string (map keys).
    pub enum_values: Option<Vec<String>>,
    /// The `@internal` ones among `enum_values`: valid, but not listed in messages.
    pub enum_internal: Vec<String>,
    pub unique_items: bool,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self.length.is_none()
            && self.range.is_none()
            && self.pattern.is_none()
            && self.enum_values.is_none()
            && !self.unique_items
    }
}

/// A typed default value.
#[derive(Debug, Clone, PartialEq)]
pub enum Default {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    /// An enum default, as the variant's Rust name.
    EnumVariant(String),
    IntEnumVariant(String),
    Timestamp(f64),
    Blob(Vec<u8>),
    EmptyList,
    EmptyMap,
    Document(serde_json::Value),
}

/// Where a member lives in an HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    Body,
    Label { greedy: bool },
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload(PayloadKind),
    ResponseCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadKind {
    /// Raw bytes (`blob`).
    Blob,
    /// Raw UTF-8 text (`string`, or a string enum).
    Text,
    /// A structure, union or document, as JSON.
    Json,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: ShapeId,
    /// `SendChannelMessage`: the (renamed) Smithy name.
    pub name: String,
    /// The Rust type name of the client's call builder, e.g. `SendChannelMessage`.
    pub rust_name: String,
    /// `send_channel_message`.
    pub snake_name: String,
    pub docs: Option<String>,
    pub deprecated: bool,
    pub http: HttpTrait,
    pub input: ShapeId,
    /// The model's input is `smithy.api#Unit` (`input` was synthesised), so a
    /// request carries no body and a server refuses a `Content-Type`.
    pub unit_input: bool,
    pub output: ShapeId,
    /// The model's output is `smithy.api#Unit` (`output` was synthesised), so a
    /// response carries no body.
    pub unit_output: bool,
    /// Rust name of the flat error enum, e.g. `SendChannelMessageError`.
    pub error_name: String,
    pub errors: Vec<ShapeId>,
    pub pagination: Option<Pagination>,
    pub idempotent: bool,
    pub readonly: bool,
    /// The modeled error a server answers with when input fails validation.
    pub validation_error: Option<ShapeId>,
}

#[derive(Debug, Clone)]
pub struct HttpTrait {
    pub method: String,
    pub path: Vec<PathSegment>,
    /// Literal query pairs from the URI (`?scope=x`); value empty for `?flag`.
    pub query_literals: Vec<(String, String)>,
    pub code: u16,
    /// The URI as written in the model, for docs and error messages.
    pub uri: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    /// A label, by member name.
    Label {
        member: String,
        greedy: bool,
    },
}

/// A merged and checked `@paginated` trait. Paths are member names from the
/// top-level input or output down.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub input_token: String,
    pub output_token: Vec<String>,
    pub page_size: Option<String>,
    /// Path to the items list or map in the output, when named.
    pub items: Option<Vec<String>>,
}

impl Service {
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The structure with this ID; emitters ask only for IDs `ir` checked.
    pub fn structure(&self, id: &ShapeId) -> Option<(&Shape, &Structure)> {
        match self.shapes.get(id) {
            Some(
                shape @ Shape {
                    kind: ShapeKind::Structure(s),
                    ..
                },
            ) => Some((shape, s)),
            _ => None,
        }
    }
}
