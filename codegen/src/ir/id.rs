//! Absolute shape IDs: `namespace#Name` and `namespace#Name$member`.

use super::Error;

/// An absolute shape ID. Ordering is by namespace, then name, then member,
/// which keeps every map of shapes in a stable, readable order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    pub namespace: String,
    pub name: String,
    pub member: Option<String>,
}

impl ShapeId {
    /// Parses an absolute ID, rejecting anything the Smithy grammar does not allow.
    pub fn parse(text: &str) -> Result<ShapeId, Error> {
        let bad = |why: &str| Error::new(text, format!("malformed shape ID: {why}"));
        let (namespace, rest) = text.split_once('#').ok_or_else(|| bad("no `#`"))?;
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(bad("the namespace is not dot-separated identifiers"));
        }
        if !is_identifier(name) {
            return Err(bad("the name is not an identifier"));
        }
        if let Some(member) = member {
            if !is_identifier(member) {
                return Err(bad("the member name is not an identifier"));
            }
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }

    /// The same ID without its member part.
    pub fn root(&self) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: None,
        }
    }

    /// The ID of a member of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: Some(member.to_owned()),
        }
    }

    pub fn is_prelude(&self) -> bool {
        self.namespace == "smithy.api"
    }
}

/// Smithy's identifier: a letter or `_`, then letters, digits or `_`, and
/// not only underscores.
fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !text.chars().all(|c| c == '_')
}

impl std::fmt::Display for ShapeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for ok in [
            "a#B",
            "smithy.api#String",
            "com.example#Shape$member",
            "a._b#_c",
        ] {
            assert_eq!(
                ShapeId::parse(ok).map(|id| id.to_string()),
                Ok(ok.to_owned())
            );
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "", "#A", "a#", "a#B$", "a#1B", "a..b#C", "a#B$c$d", "a#B C", "a#__", "noHash",
        ] {
            assert!(ShapeId::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
