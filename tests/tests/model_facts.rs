//! Checks `model/chime-sdk-messaging.json` against the structural facts of
//! the published API in `../shared/api-facts/chime-sdk-messaging.facts.json`.
//!
//! The facts file lives outside the repository. When it is absent the
//! comparison is skipped with a clear message; the unit tests at the bottom
//! still prove that the comparison catches mismatches.

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const MODEL_REL: &str = "model/chime-sdk-messaging.json";
const FACTS_REL: &str = "../shared/api-facts/chime-sdk-messaging.facts.json";

/// Prelude traits that the facts record. A model trait with one of these
/// names must appear in the facts with the same value, and vice versa.
/// Documentation and AWS-specific traits are not structural and are ignored.
const STRUCTURAL_TRAITS: &[&str] = &[
    "addedDefault",
    "clientOptional",
    "default",
    "endpoint",
    "enumValue",
    "error",
    "eventHeader",
    "eventPayload",
    "hostLabel",
    "http",
    "httpError",
    "httpHeader",
    "httpLabel",
    "httpPayload",
    "httpPrefixHeaders",
    "httpQuery",
    "httpQueryParams",
    "httpResponseCode",
    "idempotencyToken",
    "idempotent",
    "input",
    "jsonName",
    "length",
    "mediaType",
    "output",
    "paginated",
    "pattern",
    "range",
    "readonly",
    "required",
    "requiresLength",
    "sensitive",
    "streaming",
    "timestampFormat",
    "uniqueItems",
];

const PRELUDE: &str = "smithy.api#";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests crate lives inside the workspace")
        .to_path_buf()
}

fn load_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

fn load_model() -> Value {
    load_json(&workspace_root().join(MODEL_REL))
}

/// The facts, or `None` (with a printed notice) when the file is absent.
fn load_facts() -> Option<Value> {
    let path = workspace_root().join(FACTS_REL);
    if !path.exists() {
        println!(
            "SKIPPED: {FACTS_REL} not found (looked at {})",
            path.display()
        );
        return None;
    }
    Some(load_json(&path))
}

/// Renders a JSON value compactly for a mismatch message.
fn show(v: Option<&Value>) -> String {
    match v {
        None => "absent".to_string(),
        Some(v) => v.to_string(),
    }
}

/// True for annotation traits (`{}`), whose only information is presence.
fn is_annotation(v: Option<&Value>) -> bool {
    v.is_none() || matches!(v, Some(Value::Object(m)) if m.is_empty())
}

struct Comparator<'a> {
    ns: &'a str,
    out: Vec<String>,
}

impl<'a> Comparator<'a> {
    /// Facts use short names for shapes in the service namespace.
    fn resolve(&self, target: &str) -> String {
        if target.contains('#') {
            target.to_string()
        } else {
            format!("{}#{}", self.ns, target)
        }
    }

    fn mismatch(&mut self, at: &str, what: String) {
        self.out.push(format!("{at}: {what}"));
    }

    /// Compares structural traits. Facts keys are short prelude names; model
    /// keys are full shape IDs.
    fn traits(&mut self, at: &str, model: Option<&Value>, facts: Option<&Value>) {
        let empty = Map::new();
        let model = model.and_then(Value::as_object).unwrap_or(&empty);
        let facts = facts.and_then(Value::as_object).unwrap_or(&empty);
        let mut names: BTreeSet<String> = facts.keys().cloned().collect();
        for key in model.keys() {
            if let Some(short) = key.strip_prefix(PRELUDE) {
                if STRUCTURAL_TRAITS.contains(&short) {
                    names.insert(short.to_string());
                }
            }
        }
        for name in names {
            let m = model.get(&format!("{PRELUDE}{name}"));
            let f = facts.get(&name);
            if m == f {
                continue;
            }
            if is_annotation(m) && is_annotation(f) {
                self.mismatch(
                    at,
                    format!("{name}: model {}, facts {}", m.is_some(), f.is_some()),
                );
            } else {
                self.mismatch(at, format!("{name}: model {}, facts {}", show(m), show(f)));
            }
        }
    }

    fn target(&mut self, at: &str, model: &Value, facts: &Value) {
        let m = model
            .get("target")
            .and_then(Value::as_str)
            .unwrap_or("<none>");
        let f = facts
            .get("target")
            .and_then(Value::as_str)
            .map(|t| self.resolve(t))
            .unwrap_or_else(|| "<none>".to_string());
        if m != f {
            self.mismatch(at, format!("target: model {m}, facts {f}"));
        }
    }

    fn target_set(&self, list: Option<&Value>, facts_side: bool) -> BTreeSet<String> {
        list.and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| {
                        let t = if facts_side {
                            item.as_str()
                        } else {
                            item.get("target").and_then(Value::as_str)
                        };
                        t.map(|t| self.resolve(t))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn compare_sets(
        &mut self,
        at: &str,
        what: &str,
        model: &BTreeSet<String>,
        facts: &BTreeSet<String>,
    ) {
        for x in facts.difference(model) {
            self.mismatch(at, format!("{what} {x} in facts but not in model"));
        }
        for x in model.difference(facts) {
            self.mismatch(at, format!("{what} {x} in model but not in facts"));
        }
    }

    fn service(&mut self, model_shapes: &Map<String, Value>, facts: &Value) {
        let name = facts["service"].as_str().unwrap_or_default();
        let id = format!("{}#{}", self.ns, name);
        let Some(service) = model_shapes.get(&id) else {
            self.mismatch(&id, "service shape missing from model".to_string());
            return;
        };
        if service["type"] != "service" {
            self.mismatch(
                &id,
                format!("type: model {}, facts \"service\"", service["type"]),
            );
        }
        if service.get("version") != facts.get("version") {
            self.mismatch(
                &id,
                format!(
                    "version: model {}, facts {}",
                    show(service.get("version")),
                    show(facts.get("version"))
                ),
            );
        }
        if let Some(wanted) = facts.get("service_traits").and_then(Value::as_object) {
            for (trait_id, value) in wanted {
                let have = service.get("traits").and_then(|t| t.get(trait_id));
                if have != Some(value) {
                    self.mismatch(
                        &id,
                        format!("{trait_id}: model {}, facts {}", show(have), value),
                    );
                }
            }
        }
        let model_ops = self.target_set(service.get("operations"), false);
        let facts_ops = self.target_set(facts.get("operations"), true);
        self.compare_sets(&id, "operation", &model_ops, &facts_ops);
        let model_errs = self.target_set(service.get("errors"), false);
        let facts_errs = self.target_set(facts.get("service_errors"), true);
        self.compare_sets(&id, "service error", &model_errs, &facts_errs);
    }

    fn shape(&mut self, id: &str, model: &Value, facts: &Value) {
        let kind = facts["type"].as_str().unwrap_or_default();
        if model["type"] != facts["type"] {
            self.mismatch(
                id,
                format!("type: model {}, facts {}", model["type"], facts["type"]),
            );
            return;
        }
        self.traits(id, model.get("traits"), facts.get("traits"));
        match kind {
            "operation" => {
                for io in ["input", "output"] {
                    let m = model
                        .get(io)
                        .and_then(|v| v.get("target"))
                        .and_then(Value::as_str)
                        .unwrap_or("smithy.api#Unit")
                        .to_string();
                    let f = facts
                        .get(io)
                        .and_then(Value::as_str)
                        .map(|t| self.resolve(t))
                        .unwrap_or_else(|| "smithy.api#Unit".to_string());
                    if m != f {
                        self.mismatch(id, format!("{io}: model {m}, facts {f}"));
                    }
                }
                let model_errs = self.target_set(model.get("errors"), false);
                let facts_errs = self.target_set(facts.get("errors"), true);
                self.compare_sets(id, "error", &model_errs, &facts_errs);
            }
            "list" | "set" => self.collection_member(id, "member", model, facts),
            "map" => {
                self.collection_member(id, "key", model, facts);
                self.collection_member(id, "value", model, facts);
            }
            "structure" | "union" | "enum" | "intEnum" => {
                let empty = Map::new();
                let mm = model
                    .get("members")
                    .and_then(Value::as_object)
                    .unwrap_or(&empty);
                let fm = facts
                    .get("members")
                    .and_then(Value::as_object)
                    .unwrap_or(&empty);
                for (name, f) in fm {
                    let at = format!("{id}${name}");
                    match mm.get(name) {
                        None => self.mismatch(&at, "member in facts but not in model".to_string()),
                        Some(m) => {
                            self.target(&at, m, f);
                            self.traits(&at, m.get("traits"), f.get("traits"));
                        }
                    }
                }
                for name in mm.keys().filter(|n| !fm.contains_key(*n)) {
                    self.mismatch(
                        &format!("{id}${name}"),
                        "member in model but not in facts".to_string(),
                    );
                }
            }
            _ => {}
        }
    }

    fn collection_member(&mut self, id: &str, which: &str, model: &Value, facts: &Value) {
        let at = format!("{id}${which}");
        match (model.get(which), facts.get(which)) {
            (Some(m), Some(f)) => {
                self.target(&at, m, f);
                self.traits(&at, m.get("traits"), f.get("traits"));
            }
            (m, f) => {
                if m.is_some() != f.is_some() {
                    self.mismatch(&at, format!("model {}, facts {}", show(m), show(f)));
                }
            }
        }
    }
}

/// Every difference between the model and the facts, each prefixed by the
/// shape ID (and `$member`) it concerns. Empty means they agree.
pub fn compare(model: &Value, facts: &Value) -> Vec<String> {
    let ns = facts["namespace"].as_str().expect("facts have a namespace");
    let mut c = Comparator {
        ns,
        out: Vec::new(),
    };
    let empty = Map::new();
    let model_shapes = model
        .get("shapes")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let facts_shapes = facts
        .get("shapes")
        .and_then(Value::as_object)
        .unwrap_or(&empty);

    if model.get("smithy").and_then(Value::as_str) != Some("2.0") {
        c.mismatch(
            "<model>",
            format!(
                "smithy version: model {}, expected \"2.0\"",
                show(model.get("smithy"))
            ),
        );
    }
    c.service(model_shapes, facts);

    let service_id = format!("{ns}#{}", facts["service"].as_str().unwrap_or_default());
    let prefix = format!("{ns}#");
    let model_ids: BTreeSet<String> = model_shapes
        .keys()
        .filter(|id| id.starts_with(&prefix) && **id != service_id)
        .cloned()
        .collect();
    let facts_ids: BTreeSet<String> = facts_shapes.keys().map(|n| c.resolve(n)).collect();

    for id in facts_ids.difference(&model_ids) {
        c.mismatch(id, "shape present in facts but not in model".to_string());
    }
    for id in model_ids.difference(&facts_ids) {
        c.mismatch(id, "shape present in model but not in facts".to_string());
    }
    for (name, f) in facts_shapes {
        let id = c.resolve(name);
        if let Some(m) = model_shapes.get(&id) {
            c.shape(&id, m, f);
        }
    }
    c.out
}

#[test]
fn model_matches_facts() {
    let model = load_model();
    let Some(facts) = load_facts() else { return };
    let mismatches = compare(&model, &facts);
    let shapes = facts["shapes"].as_object().map_or(0, Map::len);
    println!(
        "compared {shapes} shapes from {FACTS_REL}: {} mismatches",
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} mismatches between {MODEL_REL} and {FACTS_REL}:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// The model file is laid out stably: shapes sorted by ID, 2-space indent,
/// no tabs or trailing spaces, and a final newline.
#[test]
fn model_file_is_stably_formatted() {
    let path = workspace_root().join(MODEL_REL);
    let text = std::fs::read_to_string(&path).expect("model file is readable");
    assert!(
        text.ends_with("}\n"),
        "{MODEL_REL} must end with a single trailing newline"
    );
    let mut ids = Vec::new();
    for (n, line) in text.lines().enumerate() {
        assert!(!line.contains('\t'), "{MODEL_REL}:{}: tab character", n + 1);
        assert!(
            !line.ends_with(' '),
            "{MODEL_REL}:{}: trailing whitespace",
            n + 1
        );
        let indent = line.len() - line.trim_start().len();
        assert!(
            indent % 2 == 0,
            "{MODEL_REL}:{}: indent is not a multiple of 2",
            n + 1
        );
        // Shape IDs are the keys at depth 2 (4 spaces).
        if indent == 4 && line.ends_with(": {") {
            ids.push(
                line.trim()
                    .trim_end_matches(": {")
                    .trim_matches('"')
                    .to_string(),
            );
        }
    }
    let model = load_model();
    let count = model["shapes"].as_object().map_or(0, Map::len);
    assert_eq!(ids.len(), count, "every shape key should sit at indent 4");
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(
        ids, sorted,
        "shapes in {MODEL_REL} must be sorted by shape ID"
    );
}

// ---------------------------------------------------------------------------
// The comparison itself must be able to fail.

fn tiny_facts() -> Value {
    json!({
        "namespace": "ex.ns",
        "service": "Svc",
        "version": "2020-01-01",
        "operations": ["Op"],
        "service_errors": [],
        "service_traits": {"aws.protocols#restJson1": {}},
        "shapes": {
            "Op": {
                "type": "operation", "input": "OpInput", "output": "smithy.api#Unit", "errors": ["Oops"],
                "traits": {"http": {"method": "GET", "uri": "/x/{Id}", "code": 200}}
            },
            "OpInput": {
                "type": "structure", "traits": {"input": {}},
                "members": {
                    "Id": {"target": "Name", "traits": {"httpLabel": {}, "required": {}}},
                    "Size": {"target": "smithy.api#Integer", "traits": {"httpQuery": "size"}},
                    "Kind": {"target": "Kind"}
                }
            },
            "Name": {"type": "string", "traits": {"length": {"min": 1, "max": 5}, "sensitive": {}}},
            "Kind": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"enumValue": "a"}}}},
            "Names": {"type": "list", "member": {"target": "Name"}},
            "Oops": {"type": "structure", "traits": {"error": "client", "httpError": 400}, "members": {}}
        }
    })
}

fn tiny_model() -> Value {
    let doc = "smithy.api#documentation";
    json!({
        "smithy": "2.0",
        "shapes": {
            "ex.ns#Svc": {
                "type": "service", "version": "2020-01-01", "operations": [{"target": "ex.ns#Op"}],
                "traits": {"aws.protocols#restJson1": {}, doc: "A service."}
            },
            "ex.ns#Op": {
                "type": "operation", "input": {"target": "ex.ns#OpInput"}, "output": {"target": "smithy.api#Unit"},
                "errors": [{"target": "ex.ns#Oops"}],
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/x/{Id}", "code": 200}, doc: "Op."}
            },
            "ex.ns#OpInput": {
                "type": "structure",
                "members": {
                    "Id": {"target": "ex.ns#Name", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
                    "Size": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "size"}},
                    "Kind": {"target": "ex.ns#Kind", "traits": {doc: "Kind."}}
                },
                "traits": {"smithy.api#input": {}}
            },
            "ex.ns#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 5}, "smithy.api#sensitive": {}}},
            "ex.ns#Kind": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}}}},
            "ex.ns#Names": {"type": "list", "member": {"target": "ex.ns#Name"}},
            "ex.ns#Oops": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400}}
        }
    })
}

/// Applies `mutate` to a copy of `model` and returns the mismatches found.
fn mismatches_after(model: &Value, facts: &Value, mutate: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut copy = model.clone();
    mutate(&mut copy);
    compare(&copy, facts)
}

fn assert_reports(found: &[String], expected: &str) {
    assert!(
        found.iter().any(|m| m.contains(expected)),
        "expected a mismatch containing {expected:?}, got {found:#?}"
    );
}

/// An edit applied to a copy of a model.
type Mutation = Box<dyn FnOnce(&mut Value)>;

#[test]
fn comparison_detects_mutations_of_a_small_model() {
    let facts = tiny_facts();
    let model = tiny_model();
    assert_eq!(
        compare(&model, &facts),
        Vec::<String>::new(),
        "the fixture pair should agree"
    );

    let cases: Vec<(&str, Mutation)> = vec![
        (
            "ex.ns#OpInput$Id: required: model false, facts true",
            Box::new(|m| {
                m["shapes"]["ex.ns#OpInput"]["members"]["Id"]["traits"]
                    .as_object_mut()
                    .unwrap()
                    .remove("smithy.api#required");
            }),
        ),
        (
            "ex.ns#OpInput$Size: httpQuery: model \"Size\", facts \"size\"",
            Box::new(|m| {
                m["shapes"]["ex.ns#OpInput"]["members"]["Size"]["traits"]["smithy.api#httpQuery"] =
                    json!("Size")
            }),
        ),
        (
            "ex.ns#OpInput$Size: httpHeader: model \"size\", facts absent",
            Box::new(|m| {
                m["shapes"]["ex.ns#OpInput"]["members"]["Size"]["traits"]["smithy.api#httpHeader"] =
                    json!("size")
            }),
        ),
        (
            "ex.ns#OpInput$Kind: target: model ex.ns#Name, facts ex.ns#Kind",
            Box::new(|m| {
                m["shapes"]["ex.ns#OpInput"]["members"]["Kind"]["target"] = json!("ex.ns#Name")
            }),
        ),
        (
            "ex.ns#OpInput$Extra: member in model but not in facts",
            Box::new(|m| {
                m["shapes"]["ex.ns#OpInput"]["members"]["Extra"] =
                    json!({"target": "smithy.api#String"})
            }),
        ),
        (
            "ex.ns#Op: http: model",
            Box::new(|m| m["shapes"]["ex.ns#Op"]["traits"]["smithy.api#http"]["code"] = json!(201)),
        ),
        (
            "ex.ns#Op: error ex.ns#Oops in facts but not in model",
            Box::new(|m| m["shapes"]["ex.ns#Op"]["errors"] = json!([])),
        ),
        (
            "ex.ns#Op: output: model ex.ns#OpInput, facts smithy.api#Unit",
            Box::new(|m| m["shapes"]["ex.ns#Op"]["output"] = json!({"target": "ex.ns#OpInput"})),
        ),
        (
            "ex.ns#Kind$A: enumValue: model \"A\", facts \"a\"",
            Box::new(|m| {
                m["shapes"]["ex.ns#Kind"]["members"]["A"]["traits"]["smithy.api#enumValue"] =
                    json!("A")
            }),
        ),
        (
            "ex.ns#Name: length: model {",
            Box::new(|m| {
                m["shapes"]["ex.ns#Name"]["traits"]["smithy.api#length"]["max"] = json!(6)
            }),
        ),
        (
            "ex.ns#Name: sensitive: model false, facts true",
            Box::new(|m| {
                m["shapes"]["ex.ns#Name"]["traits"]
                    .as_object_mut()
                    .unwrap()
                    .remove("smithy.api#sensitive");
            }),
        ),
        (
            "ex.ns#Names$member: target: model smithy.api#String, facts ex.ns#Name",
            Box::new(|m| {
                m["shapes"]["ex.ns#Names"]["member"]["target"] = json!("smithy.api#String")
            }),
        ),
        (
            "ex.ns#Oops: httpError: model 500, facts 400",
            Box::new(|m| m["shapes"]["ex.ns#Oops"]["traits"]["smithy.api#httpError"] = json!(500)),
        ),
        (
            "ex.ns#Svc: operation ex.ns#Op in facts but not in model",
            Box::new(|m| m["shapes"]["ex.ns#Svc"]["operations"] = json!([])),
        ),
        (
            "ex.ns#Names: shape present in facts but not in model",
            Box::new(|m| {
                m["shapes"].as_object_mut().unwrap().remove("ex.ns#Names");
            }),
        ),
        (
            "ex.ns#Stray: shape present in model but not in facts",
            Box::new(|m| m["shapes"]["ex.ns#Stray"] = json!({"type": "string"})),
        ),
    ];
    for (expected, mutate) in cases {
        let found = mismatches_after(&model, &facts, mutate);
        assert_reports(&found, expected);
    }
}

#[test]
fn comparison_detects_mutations_of_the_real_model() {
    let model = load_model();
    let Some(facts) = load_facts() else { return };
    const NS: &str = "com.amazonaws.chimesdkmessaging";
    let member = |shape: &str, name: &str| format!("/shapes/{NS}#{shape}/members/{name}");

    // Dropping `required` from a required body member.
    let p = member("SendChannelMessageRequest", "Content");
    let found = mismatches_after(&model, &facts, |m| {
        m.pointer_mut(&format!("{p}/traits"))
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove("smithy.api#required");
    });
    assert_reports(
        &found,
        &format!("{NS}#SendChannelMessageRequest$Content: required: model false, facts true"),
    );

    // Renaming a query parameter.
    let p = member("ListChannelsRequest", "MaxResults");
    let found = mismatches_after(&model, &facts, |m| {
        *m.pointer_mut(&format!("{p}/traits/smithy.api#httpQuery"))
            .unwrap() = json!("maxResults");
    });
    assert_reports(
        &found,
        &format!("{NS}#ListChannelsRequest$MaxResults: httpQuery: model \"maxResults\""),
    );

    // Renaming the bearer header.
    let p = member("SendChannelMessageRequest", "ChimeBearer");
    let found = mismatches_after(&model, &facts, |m| {
        *m.pointer_mut(&format!("{p}/traits/smithy.api#httpHeader"))
            .unwrap() = json!("x-amz-bearer");
    });
    assert_reports(
        &found,
        &format!("{NS}#SendChannelMessageRequest$ChimeBearer: httpHeader"),
    );

    // Changing a status code and dropping an operation from the service.
    let found = mismatches_after(&model, &facts, |m| {
        *m.pointer_mut(&format!(
            "/shapes/{NS}#CreateChannel/traits/smithy.api#http/code"
        ))
        .unwrap() = json!(200);
        let ops = m
            .pointer_mut(&format!("/shapes/{NS}#ChimeMessagingService/operations"))
            .unwrap();
        ops.as_array_mut()
            .unwrap()
            .retain(|o| o["target"] != format!("{NS}#TagResource"));
    });
    assert_reports(&found, &format!("{NS}#CreateChannel: http:"));
    assert_reports(
        &found,
        &format!(
            "{NS}#ChimeMessagingService: operation {NS}#TagResource in facts but not in model"
        ),
    );

    // Changing an enum wire value and a pattern.
    let found = mismatches_after(&model, &facts, |m| {
        *m.pointer_mut(&format!(
            "/shapes/{NS}#ChannelPrivacy/members/PUBLIC/traits/smithy.api#enumValue"
        ))
        .unwrap() = json!("Public");
        *m.pointer_mut(&format!("/shapes/{NS}#MessageId/traits/smithy.api#pattern"))
            .unwrap() = json!(".*");
    });
    assert_reports(
        &found,
        &format!("{NS}#ChannelPrivacy$PUBLIC: enumValue: model \"Public\", facts \"PUBLIC\""),
    );
    assert_reports(&found, &format!("{NS}#MessageId: pattern"));

    // Removing the idempotency token and a whole shape.
    let p = member("CreateChannelRequest", "ClientRequestToken");
    let found = mismatches_after(&model, &facts, |m| {
        m.pointer_mut(&format!("{p}/traits"))
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove("smithy.api#idempotencyToken");
        m["shapes"]
            .as_object_mut()
            .unwrap()
            .remove(&format!("{NS}#SortOrder"));
    });
    assert_reports(&found, &format!("{NS}#CreateChannelRequest$ClientRequestToken: idempotencyToken: model false, facts true"));
    assert_reports(
        &found,
        &format!("{NS}#SortOrder: shape present in facts but not in model"),
    );
}
