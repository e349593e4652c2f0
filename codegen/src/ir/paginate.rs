//! `@paginated`: the service default merged with each operation's trait, and
//! every path checked against the operation's input and output.

use super::{Error, Pagination, ShapeId};
use crate::model::{Shape, Traits};
use serde_json::Value;

/// The four settings of `@paginated`, any of which may be unset.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub page_size: Option<String>,
    pub items: Option<String>,
}

pub fn settings(owner: &ShapeId, traits: &Traits) -> Result<Option<Settings>, Error> {
    let Some(value) = traits.get("smithy.api#paginated") else {
        return Ok(None);
    };
    let object = value
        .as_object()
        .ok_or_else(|| Error::new(owner, "@paginated must be an object"))?;
    let field = |name: &str| -> Result<Option<String>, Error> {
        match object.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
            Some(_) => Err(Error::new(
                owner,
                format!("@paginated `{name}` must be a non-empty string"),
            )),
        }
    };
    Ok(Some(Settings {
        input_token: field("inputToken")?,
        output_token: field("outputToken")?,
        page_size: field("pageSize")?,
        items: field("items")?,
    }))
}

/// Merges the service's defaults under the operation's own values and checks
/// the result. `lookup` finds a shape by ID.
pub fn merge(
    op: &ShapeId,
    service: Option<&Settings>,
    own: &Settings,
    input: &ShapeId,
    output: &ShapeId,
    lookup: &dyn Fn(&ShapeId) -> Option<Shape>,
) -> Result<Pagination, Error> {
    let pick = |own: &Option<String>, default: Option<&Option<String>>| {
        own.clone().or_else(|| default.cloned().flatten())
    };
    let input_token = pick(&own.input_token, service.map(|s| &s.input_token)).ok_or_else(|| {
        Error::new(
            op,
            "@paginated needs an inputToken (on the operation or the service)",
        )
    })?;
    let output_token =
        pick(&own.output_token, service.map(|s| &s.output_token)).ok_or_else(|| {
            Error::new(
                op,
                "@paginated needs an outputToken (on the operation or the service)",
            )
        })?;
    let page_size = pick(&own.page_size, service.map(|s| &s.page_size));
    let items = pick(&own.items, service.map(|s| &s.items));

    let input_token_target = walk(op, "inputToken", input, &input_token, lookup)?;
    if !matches!(input_token_target, Shape::String(_)) || input_token.contains('.') {
        return Err(Error::new(op, format!("@paginated inputToken `{input_token}` must name a top-level string member of the input")));
    }
    let output_path: Vec<String> = output_token.split('.').map(str::to_owned).collect();
    if !matches!(
        walk(op, "outputToken", output, &output_token, lookup)?,
        Shape::String(_)
    ) {
        return Err(Error::new(
            op,
            format!(
                "@paginated outputToken `{output_token}` must name a string member of the output"
            ),
        ));
    }
    if let Some(size) = &page_size {
        let target = walk(op, "pageSize", input, size, lookup)?;
        if size.contains('.')
            || !matches!(
                target,
                Shape::Integer(_) | Shape::Short(_) | Shape::Byte(_) | Shape::Long(_)
            )
        {
            return Err(Error::new(op, format!("@paginated pageSize `{size}` must name a top-level integer member of the input")));
        }
    }
    let items = match items {
        None => None,
        Some(path) => {
            if !matches!(
                walk(op, "items", output, &path, lookup)?,
                Shape::List(_) | Shape::Set(_) | Shape::Map(_)
            ) {
                return Err(Error::new(
                    op,
                    format!(
                        "@paginated items `{path}` must name a list or map member of the output"
                    ),
                ));
            }
            Some(path.split('.').map(str::to_owned).collect())
        }
    };
    Ok(Pagination {
        input_token,
        output_token: output_path,
        page_size,
        items,
    })
}

/// Follows a dotted member path from a structure and returns the final target.
fn walk(
    op: &ShapeId,
    setting: &str,
    start: &ShapeId,
    path: &str,
    lookup: &dyn Fn(&ShapeId) -> Option<Shape>,
) -> Result<Shape, Error> {
    let bad = |why: String| Error::new(op, format!("@paginated {setting} `{path}`: {why}"));
    let mut current = start.clone();
    let mut shape = lookup(&current).ok_or_else(|| bad(format!("{current} does not exist")))?;
    for name in path.split('.') {
        let Shape::Structure(agg) = &shape else {
            return Err(bad(format!("{current} is not a structure")));
        };
        let member = agg
            .members
            .get(name)
            .ok_or_else(|| bad(format!("{current} has no member `{name}`")))?;
        current = ShapeId::parse(&member.target)?;
        shape = lookup(&current).ok_or_else(|| bad(format!("{current} does not exist")))?;
    }
    Ok(shape)
}
