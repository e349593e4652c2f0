//! The `@http` trait and member binding traits, parsed and checked.

use super::{Binding, Error, HttpTrait, PathSegment, ShapeId};
use crate::model::Traits;
use serde_json::Value;

const METHODS: &[&str] = &["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// Parses `@http` of an operation: method, URI pattern with query literals, code.
pub fn http_trait(op: &ShapeId, value: &Value) -> Result<HttpTrait, Error> {
    let err = |message: String| Error::new(op, format!("invalid @http trait: {message}"));
    let method = value
        .get("method")
        .and_then(Value::as_str)
        .ok_or_else(|| err("`method` must be a string".into()))?;
    if !METHODS.contains(&method) {
        return Err(err(format!("unsupported method {method:?}")));
    }
    let uri = value
        .get("uri")
        .and_then(Value::as_str)
        .ok_or_else(|| err("`uri` must be a string".into()))?;
    let code = match value.get("code") {
        None => 200,
        Some(code) => code
            .as_u64()
            .filter(|c| (100..=999).contains(c))
            .and_then(|c| u16::try_from(c).ok())
            .ok_or_else(|| err(format!("`code` {code} is not an HTTP status code")))?,
    };
    let (path, query) = match uri.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (uri, None),
    };
    let Some(path) = path.strip_prefix('/') else {
        return Err(err(format!("the URI {uri:?} must start with `/`")));
    };
    let mut segments = Vec::new();
    let mut seen = Vec::new();
    let parts: Vec<&str> = if path.is_empty() {
        Vec::new()
    } else {
        path.split('/').collect()
    };
    for (index, part) in parts.iter().enumerate() {
        if let Some(label) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            let (name, greedy) = match label.strip_suffix('+') {
                Some(name) => (name, true),
                None => (label, false),
            };
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(err(format!("bad label {part:?} in {uri:?}")));
            }
            if greedy
                && index + 1 != parts.len()
                && parts[index + 1..].iter().any(|p| p.contains('{'))
            {
                return Err(err(format!(
                    "a greedy label must be the last label in {uri:?}"
                )));
            }
            if seen.contains(&name) {
                return Err(err(format!("label {name} appears twice in {uri:?}")));
            }
            seen.push(name);
            segments.push(PathSegment::Label {
                member: name.to_owned(),
                greedy,
            });
        } else if part.contains('{') || part.contains('}') {
            return Err(err(format!(
                "a label must fill a whole path segment in {uri:?}"
            )));
        } else if part.is_empty() && index + 1 != parts.len() {
            return Err(err(format!("empty path segment in {uri:?}")));
        } else {
            segments.push(PathSegment::Literal((*part).to_owned()));
        }
    }
    let mut query_literals = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        if pair.contains('{') {
            return Err(err(format!(
                "labels are not allowed in the query of {uri:?}"
            )));
        }
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        query_literals.push((key.to_owned(), value.to_owned()));
    }
    Ok(HttpTrait {
        method: method.to_owned(),
        path: segments,
        query_literals,
        code,
        uri: uri.to_owned(),
    })
}

/// The binding a member's traits ask for; `Body` when none does.
pub fn binding(member: &ShapeId, traits: &Traits) -> Result<Binding, Error> {
    let mut found = Vec::new();
    let string = |key: &str| -> Result<Option<String>, Error> {
        match traits.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::new(
                member,
                format!("@{} must be a string", short(key)),
            )),
        }
    };
    if traits.contains_key("smithy.api#httpLabel") {
        found.push(Binding::Label { greedy: false });
    }
    if let Some(name) = string("smithy.api#httpQuery")? {
        if name.is_empty() {
            return Err(Error::new(member, "@httpQuery needs a non-empty name"));
        }
        found.push(Binding::Query(name));
    }
    if traits.contains_key("smithy.api#httpQueryParams") {
        found.push(Binding::QueryParams);
    }
    if let Some(name) = string("smithy.api#httpHeader")? {
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            return Err(Error::new(
                member,
                format!("@httpHeader {name:?} is not a valid header name"),
            ));
        }
        found.push(Binding::Header(name));
    }
    if let Some(prefix) = string("smithy.api#httpPrefixHeaders")? {
        found.push(Binding::PrefixHeaders(prefix));
    }
    if traits.contains_key("smithy.api#httpPayload") {
        // The payload kind depends on the target; the caller fills it in.
        found.push(Binding::Payload(super::PayloadKind::Json));
    }
    if traits.contains_key("smithy.api#httpResponseCode") {
        found.push(Binding::ResponseCode);
    }
    match found.len() {
        0 => Ok(Binding::Body),
        1 => Ok(found.remove(0)),
        _ => Err(Error::new(
            member,
            "a member may carry only one HTTP binding trait",
        )),
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn short(key: &str) -> &str {
    key.rsplit('#').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op() -> ShapeId {
        ShapeId::parse("a#Op").expect("valid id")
    }

    #[test]
    fn parses_labels_and_query_literals() {
        let http = http_trait(&op(), &json!({"method": "GET", "uri": "/channels/{ChannelArn}/x/{Key+}?scope=all&flag", "code": 201}))
            .expect("valid");
        assert_eq!(http.code, 201);
        assert_eq!(
            http.path,
            vec![
                PathSegment::Literal("channels".into()),
                PathSegment::Label {
                    member: "ChannelArn".into(),
                    greedy: false
                },
                PathSegment::Literal("x".into()),
                PathSegment::Label {
                    member: "Key".into(),
                    greedy: true
                },
            ]
        );
        assert_eq!(
            http.query_literals,
            vec![
                ("scope".into(), "all".into()),
                ("flag".into(), String::new())
            ]
        );
    }

    #[test]
    fn rejects_bad_traits() {
        for bad in [
            json!({"method": "GET"}),
            json!({"method": "FETCH", "uri": "/"}),
            json!({"method": "GET", "uri": "no-slash"}),
            json!({"method": "GET", "uri": "/a{b}"}),
            json!({"method": "GET", "uri": "/{a}/{a}"}),
            json!({"method": "GET", "uri": "/{a+}/{b}"}),
            json!({"method": "GET", "uri": "/", "code": 42}),
            json!({"method": "GET", "uri": "/?q={x}"}),
        ] {
            let result = http_trait(&op(), &bad);
            assert!(result.is_err(), "{bad} accepted");
            assert!(result.err().is_some_and(|e| e.shape == "a#Op"));
        }
    }
}
