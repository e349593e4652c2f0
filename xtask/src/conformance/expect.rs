//! The committed list of tests expected to fail, one per line:
//! `crate::test_name  # reason`.

use std::collections::BTreeMap;
use std::path::Path;

const HEADER: &str = "\
# Conformance tests that are expected to fail, one per line: `crate::test  # reason`.
# `cargo xtask conformance` fails when a test listed here passes (remove the line)
# and when a test not listed here fails. `cargo xtask conformance --update`
# rewrites the list from the last run and keeps the reasons written here.
";

/// Test key (`crate::test_name`) to reason.
pub type Expected = BTreeMap<String, String>;

pub fn load(path: &Path) -> Result<Expected, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Expected::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn parse(text: &str) -> Result<Expected, String> {
    let mut out = Expected::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, reason) = match line.split_once('#') {
            Some((key, reason)) => (key.trim(), reason.trim()),
            None => (line, ""),
        };
        if key.split_whitespace().count() != 1 || !key.contains("::") {
            return Err(format!(
                "line {}: expected `crate::test  # reason`, got `{line}`",
                n + 1
            ));
        }
        if out.insert(key.to_owned(), reason.to_owned()).is_some() {
            return Err(format!("line {}: `{key}` is listed twice", n + 1));
        }
    }
    Ok(out)
}

pub fn render(expected: &Expected) -> String {
    let mut out = String::from(HEADER);
    let mut last_crate = "";
    for (key, reason) in expected {
        let krate = key.split("::").next().unwrap_or_default();
        if krate != last_crate {
            out.push('\n');
            last_crate = krate;
        }
        let reason = if reason.is_empty() {
            "no reason given"
        } else {
            reason
        };
        out.push_str(&format!("{key}  # {reason}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let text = "# header\n\na::client_request__X  # why # not\nb::malformed__Y\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed["a::client_request__X"], "why # not");
        assert_eq!(parsed["b::malformed__Y"], "");
        let again = parse(&render(&parsed)).unwrap();
        assert_eq!(again["a::client_request__X"], "why # not");
        assert!(parse("a b # x").is_err());
    }
}
