//! The shapes of `smithy.api` that models refer to without defining.

use crate::model::{Aggregate, Shape, Simple};
use serde_json::json;
use std::collections::BTreeMap;

/// Every prelude shape, by name within `smithy.api`.
pub fn shapes() -> BTreeMap<&'static str, Shape> {
    let simple = Simple::default;
    let zero = |value: serde_json::Value| Simple {
        traits: [("smithy.api#default".to_owned(), value)]
            .into_iter()
            .collect(),
        mixins: Vec::new(),
    };
    BTreeMap::from([
        ("Blob", Shape::Blob(simple())),
        ("Boolean", Shape::Boolean(simple())),
        ("String", Shape::String(simple())),
        ("Byte", Shape::Byte(simple())),
        ("Short", Shape::Short(simple())),
        ("Integer", Shape::Integer(simple())),
        ("Long", Shape::Long(simple())),
        ("Float", Shape::Float(simple())),
        ("Double", Shape::Double(simple())),
        ("BigInteger", Shape::BigInteger(simple())),
        ("BigDecimal", Shape::BigDecimal(simple())),
        ("Timestamp", Shape::Timestamp(simple())),
        ("Document", Shape::Document(simple())),
        ("PrimitiveBoolean", Shape::Boolean(zero(json!(false)))),
        ("PrimitiveByte", Shape::Byte(zero(json!(0)))),
        ("PrimitiveShort", Shape::Short(zero(json!(0)))),
        ("PrimitiveInteger", Shape::Integer(zero(json!(0)))),
        ("PrimitiveLong", Shape::Long(zero(json!(0)))),
        ("PrimitiveFloat", Shape::Float(zero(json!(0)))),
        ("PrimitiveDouble", Shape::Double(zero(json!(0)))),
        (
            "Unit",
            Shape::Structure(Aggregate {
                traits: [("smithy.api#unitType".to_owned(), json!({}))]
                    .into_iter()
                    .collect(),
                ..Aggregate::default()
            }),
        ),
    ])
}
