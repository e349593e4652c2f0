// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! Route tables and matching: method, literal path segments, labels, greedy
//! labels and the URI's query literals. The most specific route wins.

use crate::rt::error::DecodeError;

/// One piece of a route's path, from the operation's `@http` URI pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// A fixed segment, compared after percent-decoding.
    Literal(&'static str),
    /// `{Label}`: exactly one non-empty segment.
    Label,
    /// `{Label+}`: one or more segments, joined with `/`.
    Greedy,
}

/// What a request or response body must be, for the `Content-Type` and
/// `Accept` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// No body is modeled: a request with a body and a `Content-Type` is
    /// refused with 415.
    None,
    /// Any media type is fine (a blob payload without `@mediaType`).
    Any,
    /// This media type, compared without parameters and case-insensitively.
    Exactly(&'static str),
}

/// One operation's entry in a service's route table.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// The operation's name, e.g. `SendChannelMessage`.
    pub operation: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path pattern, segment by segment.
    pub path: &'static [Segment],
    /// Query literals of the URI pattern (`?scope=x`): the key must be
    /// present and, when the value is not empty, have that value.
    pub query: &'static [(&'static str, &'static str)],
    /// What the request body must be.
    pub request: Media,
    /// What the response body is, for `Accept`.
    pub response: Media,
}

impl Route {
    /// How specific the route is: more literal segments first, then fewer
    /// greedy labels, then more query literals.
    fn rank(&self) -> (usize, usize, usize) {
        let literals = self
            .path
            .iter()
            .filter(|s| matches!(s, Segment::Literal(_)))
            .count();
        let greedy = self
            .path
            .iter()
            .filter(|s| matches!(s, Segment::Greedy))
            .count();
        (literals, usize::MAX - greedy, self.query.len())
    }
}

/// The outcome of looking a request up in a route table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The index of the matching route and its decoded label values, in
    /// URI order.
    Route(usize, Vec<String>),
    /// The path matches, but only for other methods (listed for `Allow`).
    MethodNotAllowed(Vec<&'static str>),
    /// Nothing matches.
    NotFound,
}

/// Splits a request path on `/` and then percent-decodes each segment, so
/// an encoded `%2F` stays inside its segment.
///
/// The root path `/` has no segments; a trailing `/` gives an empty last
/// segment. A path that does not start with `/` is an error.
pub fn split_path(path: &str) -> Result<Vec<String>, DecodeError> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(DecodeError::new("the request path must start with `/`"));
    };
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    rest.split('/').map(crate::rt::encoding::decode).collect()
}

/// Finds the most specific route for a request whose path has been split
/// with [`split_path`] and whose query has been parsed.
pub fn find(
    routes: &[Route],
    method: &str,
    segments: &[String],
    query: &[(String, String)],
) -> Found {
    // (rank, index, labels) of the best match so far.
    let mut best_rank = (0, 0, 0);
    let mut best: Option<(usize, Vec<String>)> = None;
    let mut allowed: Vec<&'static str> = Vec::new();
    for (index, route) in routes.iter().enumerate() {
        let Some(labels) = match_path(route.path, segments) else {
            continue;
        };
        if !query_matches(route.query, query) {
            continue;
        }
        if !route.method.eq_ignore_ascii_case(method) {
            if !allowed.contains(&route.method) {
                allowed.push(route.method);
            }
            continue;
        }
        let rank = route.rank();
        if best.is_none() || rank > best_rank {
            best = Some((index, labels));
            best_rank = rank;
        }
    }
    match best {
        Some((index, labels)) => Found::Route(index, labels),
        None if !allowed.is_empty() => {
            allowed.sort_unstable();
            Found::MethodNotAllowed(allowed)
        }
        None => Found::NotFound,
    }
}

fn query_matches(literals: &[(&str, &str)], query: &[(String, String)]) -> bool {
    literals.iter().all(|(key, value)| {
        query
            .iter()
            .any(|(k, v)| k == key && (value.is_empty() || v == value))
    })
}

fn match_fixed(pattern: &[Segment], segments: &[String], labels: &mut Vec<String>) -> bool {
    if pattern.len() != segments.len() {
        return false;
    }
    for (p, s) in pattern.iter().zip(segments) {
        match p {
            Segment::Literal(text) => {
                if s != text {
                    return false;
                }
            }
            Segment::Label => {
                if s.is_empty() {
                    return false;
                }
                labels.push(s.clone());
            }
            Segment::Greedy => return false,
        }
    }
    true
}

/// The label values when `segments` fit `pattern`.
fn match_path(pattern: &[Segment], segments: &[String]) -> Option<Vec<String>> {
    let mut labels = Vec::new();
    let Some(greedy) = pattern.iter().position(|s| matches!(s, Segment::Greedy)) else {
        return match_fixed(pattern, segments, &mut labels).then_some(labels);
    };
    let prefix = pattern.get(..greedy)?;
    let suffix = pattern.get(greedy + 1..)?;
    let middle_end = segments.len().checked_sub(suffix.len())?;
    if middle_end <= prefix.len() {
        return None;
    }
    if !match_fixed(prefix, segments.get(..prefix.len())?, &mut labels) {
        return None;
    }
    let value = segments.get(prefix.len()..middle_end)?.join("/");
    if value.is_empty() {
        return None;
    }
    labels.push(value);
    match_fixed(suffix, segments.get(middle_end..)?, &mut labels).then_some(labels)
}

/// Whether a `Content-Type` header value names `expected` (parameters such
/// as `charset` are ignored).
pub fn media_type_is(content_type: &str, expected: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case(expected)
}

/// Whether an `Accept` header value admits `produced`: some media range
/// (`*/*`, `type/*` or the type itself) matches it with a non-zero `q`.
pub fn accepts(accept: &str, produced: &str) -> bool {
    let (kind, _) = produced.split_once('/').unwrap_or((produced, ""));
    accept.split(',').any(|range| {
        let mut parts = range.split(';');
        let essence = parts.next().unwrap_or_default().trim();
        let excluded = parts.any(|p| {
            let p = p.trim();
            p.len() >= 2
                && p.get(..2).is_some_and(|k| k.eq_ignore_ascii_case("q="))
                && p.get(2..)
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
        });
        if excluded || essence.is_empty() {
            return false;
        }
        essence == "*/*"
            || essence.eq_ignore_ascii_case(produced)
            || essence
                .strip_suffix("/*")
                .is_some_and(|t| t.eq_ignore_ascii_case(kind))
    })
}
