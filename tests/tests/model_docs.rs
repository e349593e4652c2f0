//! Every part of `model/chime-sdk-messaging.json` that ends up in generated
//! rustdoc must carry a non-empty `smithy.api#documentation` trait: the
//! service, each operation and shape, each structure member, each enum
//! member, and the member, key and value of each list and map.

use serde_json::{json, Value};
use std::path::Path;

const MODEL_REL: &str = "model/chime-sdk-messaging.json";
const DOC: &str = "smithy.api#documentation";

fn has_doc(node: &Value) -> bool {
    node.get("traits")
        .and_then(|t| t.get(DOC))
        .and_then(Value::as_str)
        .is_some_and(|d| !d.trim().is_empty())
}

/// Lists every documentable item without documentation, as
/// `<kind> <shape ID>[$member]`, in shape ID order. Also returns how many
/// items were checked.
fn undocumented(model: &Value) -> (Vec<String>, usize) {
    let mut missing = Vec::new();
    let mut checked = 0;
    let Some(shapes) = model.get("shapes").and_then(Value::as_object) else {
        return (vec!["<model>: no \"shapes\" object".to_string()], 0);
    };
    let mut ids: Vec<&String> = shapes.keys().collect();
    ids.sort();
    for id in ids {
        let shape = &shapes[id];
        let kind = shape["type"].as_str().unwrap_or("shape");
        let label = match kind {
            "service" => "service",
            "operation" => "operation",
            "resource" => "resource",
            _ => "shape",
        };
        checked += 1;
        if !has_doc(shape) {
            missing.push(format!("{label} {id}"));
        }
        let member_label = if matches!(kind, "enum" | "intEnum") {
            "enum member"
        } else {
            "member"
        };
        if let Some(members) = shape.get("members").and_then(Value::as_object) {
            for (name, member) in members {
                checked += 1;
                if !has_doc(member) {
                    missing.push(format!("{member_label} {id}${name}"));
                }
            }
        }
        for part in ["member", "key", "value"] {
            if let Some(member) = shape.get(part) {
                checked += 1;
                if !has_doc(member) {
                    missing.push(format!("member {id}${part}"));
                }
            }
        }
    }
    (missing, checked)
}

#[test]
fn every_item_in_the_model_is_documented() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(MODEL_REL);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{MODEL_REL} is not valid JSON: {e}"));
    let (missing, checked) = undocumented(&model);
    println!("checked {checked} documentable items in {MODEL_REL}");
    assert!(checked > 0, "{MODEL_REL} has no shapes");
    assert!(
        missing.is_empty(),
        "{} items in {MODEL_REL} lack a non-empty {DOC}:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn missing_documentation_is_reported() {
    let documented = json!({"smithy.api#documentation": "Said something."});
    let blank = json!({"smithy.api#documentation": "  \n"});
    let model = json!({
        "smithy": "2.0",
        "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "traits": {}},
            "ex#Op": {"type": "operation", "traits": documented},
            "ex#In": {
                "type": "structure",
                "members": {
                    "Ok": {"target": "smithy.api#String", "traits": documented},
                    "Bare": {"target": "smithy.api#String"},
                    "Blank": {"target": "smithy.api#String", "traits": blank}
                },
                "traits": documented
            },
            "ex#Color": {
                "type": "enum",
                "members": {"RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}}},
                "traits": documented
            },
            "ex#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
            "ex#Dict": {
                "type": "map",
                "key": {"target": "smithy.api#String", "traits": documented},
                "value": {"target": "smithy.api#String"},
                "traits": documented
            }
        }
    });
    let (missing, checked) = undocumented(&model);
    assert_eq!(checked, 13);
    assert_eq!(
        missing,
        vec![
            "enum member ex#Color$RED",
            "member ex#Dict$value",
            "member ex#In$Bare",
            "member ex#In$Blank",
            "shape ex#Names",
            "member ex#Names$member",
            "service ex#Svc",
        ]
    );
}
