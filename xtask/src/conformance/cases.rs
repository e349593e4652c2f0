//! Test cases from the model's `smithy.test#*` traits, per generated service.
//!
//! The cases are read from the raw JSON AST (the IR does not keep test
//! traits) and tied to the IR's operations and error shapes by shape ID.

use codegen::ir::{Service, ShapeKind};
use serde_json::{Map, Value};
use std::fmt;

pub const REST_JSON: &str = "aws.protocols#restJson1";
const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";
const EVENT_STREAM_TESTS: &str = "smithy.test#eventStreamTests";

/// The kind of a test: which trait it comes from and which side runs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    ClientRequest,
    ServerRequest,
    ClientResponse,
    ServerResponse,
    Malformed,
    EventStream,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::ClientRequest,
        Kind::ClientResponse,
        Kind::ServerRequest,
        Kind::ServerResponse,
        Kind::Malformed,
        Kind::EventStream,
    ];

    /// The prefix of the generated test function's name.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::ClientRequest => "client_request",
            Kind::ServerRequest => "server_request",
            Kind::ClientResponse => "client_response",
            Kind::ServerResponse => "server_response",
            Kind::Malformed => "malformed",
            Kind::EventStream => "event_stream",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::ClientRequest => "request (client)",
            Kind::ServerRequest => "request (server)",
            Kind::ClientResponse => "response (client)",
            Kind::ServerResponse => "response (server)",
            Kind::Malformed => "malformed (server)",
            Kind::EventStream => "event stream",
        })
    }
}

/// What a case exercises.
#[derive(Debug, Clone)]
pub enum Target {
    /// An operation, by index into `Service::operations`.
    Operation(usize),
    /// An error structure, read or written through an operation that can return it.
    Error {
        shape: codegen::ir::ShapeId,
        operation: usize,
    },
    /// Nothing generated to run it against.
    None,
}

/// One test, after `appliesTo` is applied and `testParameters` expanded.
#[derive(Debug, Clone)]
pub struct Case {
    pub kind: Kind,
    /// The test case ID, with `_caseN` appended for expanded malformed cases.
    pub id: String,
    pub target: Target,
    /// The test case object, interpolated.
    pub data: Map<String, Value>,
    /// Why the case is not run, when it is not.
    pub skip: Option<String>,
}

impl Case {
    /// The generated test function's name, also the name in the expected-failures file.
    pub fn fn_name(&self) -> String {
        test_fn_name(self.kind, &self.id)
    }
}

pub fn test_fn_name(kind: Kind, id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{}__{clean}", kind.prefix())
}

/// Every case of one service, in a stable order.
pub fn collect(model: &Value, service: &Service) -> Vec<Case> {
    let shapes = model.get("shapes").and_then(Value::as_object);
    let traits_of = |id: &str| -> Map<String, Value> {
        shapes
            .and_then(|s| s.get(id))
            .and_then(|s| s.get("traits"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let mut cases = Vec::new();
    for (index, op) in service.operations.iter().enumerate() {
        let traits = traits_of(&op.id.to_string());
        operation_cases(&traits, Target::Operation(index), None, &mut cases);
    }
    for (id, reason) in &service.skipped {
        let traits = traits_of(&id.to_string());
        operation_cases(
            &traits,
            Target::None,
            Some(format!("operation not generated: {reason}")),
            &mut cases,
        );
    }
    for (id, shape) in &service.shapes {
        let ShapeKind::Structure(s) = &shape.kind else {
            continue;
        };
        if s.error.is_none() {
            continue;
        }
        let traits = traits_of(&id.to_string());
        let operation = service
            .operations
            .iter()
            .position(|op| op.errors.contains(id));
        let (target, skip) = match operation {
            Some(operation) => (
                Target::Error {
                    shape: id.clone(),
                    operation,
                },
                None,
            ),
            None => (
                Target::None,
                Some("no generated operation returns this error".to_owned()),
            ),
        };
        for case in tests(&traits, RESPONSE_TESTS) {
            for kind in sides(&case, Kind::ClientResponse, Kind::ServerResponse) {
                cases.push(Case {
                    kind,
                    id: case_id(&case),
                    target: target.clone(),
                    data: case.clone(),
                    skip: skip.clone(),
                });
            }
        }
    }
    cases
}

fn operation_cases(
    traits: &Map<String, Value>,
    target: Target,
    skip: Option<String>,
    out: &mut Vec<Case>,
) {
    for case in tests(traits, REQUEST_TESTS) {
        for kind in sides(&case, Kind::ClientRequest, Kind::ServerRequest) {
            out.push(Case {
                kind,
                id: case_id(&case),
                target: target.clone(),
                data: case.clone(),
                skip: skip.clone(),
            });
        }
    }
    for case in tests(traits, RESPONSE_TESTS) {
        for kind in sides(&case, Kind::ClientResponse, Kind::ServerResponse) {
            out.push(Case {
                kind,
                id: case_id(&case),
                target: target.clone(),
                data: case.clone(),
                skip: skip.clone(),
            });
        }
    }
    for case in tests(traits, MALFORMED_TESTS) {
        for (id, data) in expand(&case) {
            out.push(Case {
                kind: Kind::Malformed,
                id,
                target: target.clone(),
                data,
                skip: skip.clone(),
            });
        }
    }
    for case in tests(traits, EVENT_STREAM_TESTS) {
        let skip = Some("event streams are not supported".to_owned());
        out.push(Case {
            kind: Kind::EventStream,
            id: case_id(&case),
            target: Target::None,
            data: case,
            skip,
        });
    }
}

/// The restJson1 cases of one test trait.
fn tests(traits: &Map<String, Value>, name: &str) -> Vec<Map<String, Value>> {
    let Some(Value::Array(list)) = traits.get(name) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(Value::as_object)
        .filter(|case| case.get("protocol").and_then(Value::as_str) == Some(REST_JSON))
        .cloned()
        .collect()
}

fn case_id(case: &Map<String, Value>) -> String {
    case.get("id")
        .and_then(Value::as_str)
        .unwrap_or("unnamed")
        .to_owned()
}

/// The sides a case applies to, per its `appliesTo`.
fn sides(case: &Map<String, Value>, client: Kind, server: Kind) -> Vec<Kind> {
    match case.get("appliesTo").and_then(Value::as_str) {
        Some("client") => vec![client],
        Some("server") => vec![server],
        _ => vec![client, server],
    }
}

/// Expands `testParameters`: one case per index, with every string in the
/// case interpolated (`$name:L` as is, `$name:S` as a JSON string, `$$` as `$`).
/// A case without parameters is kept as written, as Smithy's own runner does.
pub fn expand(case: &Map<String, Value>) -> Vec<(String, Map<String, Value>)> {
    let id = case_id(case);
    let params: Vec<(String, Vec<String>)> =
        match case.get("testParameters").and_then(Value::as_object) {
            Some(map) if !map.is_empty() => map
                .iter()
                .map(|(k, v)| {
                    let values = v
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .map(|x| x.as_str().unwrap_or_default().to_owned())
                                .collect()
                        })
                        .unwrap_or_default();
                    (k.clone(), values)
                })
                .collect(),
            _ => return vec![(id, case.clone())],
        };
    let count = params.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    let mut body = case.clone();
    body.remove("testParameters");
    (0..count)
        .map(|i| {
            let set: Vec<(&str, &str)> = params
                .iter()
                .map(|(k, v)| (k.as_str(), v.get(i).map_or("", String::as_str)))
                .collect();
            let data = match interpolate_value(&Value::Object(body.clone()), &set) {
                Value::Object(map) => map,
                _ => body.clone(),
            };
            (format!("{id}_case{i}"), data)
        })
        .collect()
}

fn interpolate_value(value: &Value, set: &[(&str, &str)]) -> Value {
    match value {
        Value::String(s) => Value::String(interpolate(s, set)),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| interpolate_value(v, set)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), interpolate_value(v, set)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Smithy `CodeWriter`-style interpolation of named parameters.
pub fn interpolate(text: &str, set: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let Some((_, value)) = set.iter().find(|(k, _)| *k == name) else {
            out.push('$');
            continue;
        };
        rest = &rest[name_len..];
        if let Some(after) = rest.strip_prefix(":S") {
            out.push_str(&Value::String((*value).to_owned()).to_string());
            rest = after;
        } else {
            out.push_str(value);
            rest = rest.strip_prefix(":L").unwrap_or(rest);
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_follows_code_writer() {
        let set = [("value", "a\"b"), ("tag", "x")];
        assert_eq!(interpolate("v=$value:L", &set), "v=a\"b");
        assert_eq!(
            interpolate("{ \"v\": $value:S }", &set),
            "{ \"v\": \"a\\\"b\" }"
        );
        assert_eq!(interpolate("^[a-m]+$$ $tag", &set), "^[a-m]+$ x");
        assert_eq!(interpolate("$unknown:L", &set), "$unknown:L");
    }

    #[test]
    fn expansion_makes_one_case_per_parameter_set() {
        let case: Value = serde_json::json!({
            "id": "Bad",
            "request": {"uri": "/x", "queryParams": ["n=$value:L"]},
            "response": {"code": 400},
            "testParameters": {"value": ["1.5", "NaN"]}
        });
        let expanded = expand(case.as_object().unwrap());
        assert_eq!(expanded.len(), 2);
        assert_eq!(expanded[1].0, "Bad_case1");
        assert_eq!(expanded[1].1["request"]["queryParams"][0], "n=NaN");
        assert!(!expanded[0].1.contains_key("testParameters"));
    }

    #[test]
    fn names_are_identifiers() {
        assert_eq!(
            test_fn_name(Kind::ServerRequest, "Foo-Bar.1"),
            "server_request__Foo_Bar_1"
        );
    }
}
