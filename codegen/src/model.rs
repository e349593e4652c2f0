//! A serde mirror of the Smithy JSON AST. No logic lives here: the `ir`
//! module resolves and checks everything.
//!
//! Maps whose order is meaningful (members, enum members) keep the file's
//! order; everything else is a `BTreeMap` so output never depends on hashing.

use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Traits by absolute shape ID, with their raw node values.
pub type Traits = BTreeMap<String, serde_json::Value>;

/// A whole JSON AST file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// The IDL version, `"1.0"` or `"2.0"` (also `"2"`, `"1"`).
    pub smithy: String,
    #[serde(default)]
    pub metadata: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
}

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub target: String,
}

/// A member of an aggregate shape.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub target: String,
    #[serde(default)]
    pub traits: Traits,
}

/// Every shape kind of the JSON AST, keyed by its `type`.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Shape {
    Blob(Simple),
    Boolean(Simple),
    String(Simple),
    Byte(Simple),
    Short(Simple),
    Integer(Simple),
    Long(Simple),
    Float(Simple),
    Double(Simple),
    BigInteger(Simple),
    BigDecimal(Simple),
    Timestamp(Simple),
    Document(Simple),
    Enum(Aggregate),
    IntEnum(Aggregate),
    List(Collection),
    Set(Collection),
    Map(MapShape),
    Structure(Aggregate),
    Union(Aggregate),
    Operation(Operation),
    Service(Service),
    Resource(Resource),
    /// Traits applied to a shape or member defined elsewhere.
    Apply(Apply),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simple {
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

/// Structures, unions, and both enum kinds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    #[serde(default)]
    pub members: IndexMap<String, Member>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub member: Member,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapShape {
    pub key: Member,
    pub value: Member,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub input: Option<Reference>,
    pub output: Option<Reference>,
    #[serde(default)]
    pub errors: Vec<Reference>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub operations: Vec<Reference>,
    #[serde(default)]
    pub resources: Vec<Reference>,
    #[serde(default)]
    pub errors: Vec<Reference>,
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Resource {
    #[serde(default)]
    pub identifiers: BTreeMap<String, Reference>,
    #[serde(default)]
    pub properties: BTreeMap<String, Reference>,
    pub create: Option<Reference>,
    pub put: Option<Reference>,
    pub read: Option<Reference>,
    pub update: Option<Reference>,
    pub delete: Option<Reference>,
    pub list: Option<Reference>,
    #[serde(default)]
    pub operations: Vec<Reference>,
    #[serde(default)]
    pub collection_operations: Vec<Reference>,
    #[serde(default)]
    pub resources: Vec<Reference>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Apply {
    #[serde(default)]
    pub traits: Traits,
}

/// Why a document is not a JSON AST: the shape at fault (empty for the
/// document itself) and serde's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub shape: String,
    pub message: String,
}

impl Model {
    /// Parses a JSON AST document. Shapes are read one at a time so a bad
    /// shape is reported by its ID rather than by a byte offset alone.
    pub fn from_json(text: &str) -> Result<Model, ParseError> {
        let whole = |message: String| ParseError {
            shape: String::new(),
            message,
        };
        let document: Document<'_> =
            serde_json::from_str(text).map_err(|e| whole(format!("not a JSON AST: {e}")))?;
        let mut shapes = BTreeMap::new();
        for (id, raw) in document.shapes {
            // Parsing each shape from its own text keeps member order without
            // relying on serde_json's `preserve_order` feature.
            let shape = serde_json::from_str(raw.get()).map_err(|e| ParseError {
                shape: id.clone(),
                message: e.to_string(),
            })?;
            shapes.insert(id, shape);
        }
        Ok(Model {
            smithy: document.smithy,
            metadata: document.metadata,
            shapes,
        })
    }
}

/// The document with shapes still as raw JSON text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<'a> {
    smithy: String,
    #[serde(default)]
    metadata: BTreeMap<String, serde_json::Value>,
    #[serde(default, borrow)]
    shapes: BTreeMap<String, &'a serde_json::value::RawValue>,
}
