//! Code size: lines of Rust a user compiles, and stripped binary sizes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Lines in a set of Rust files: all of them, and the ones that are
/// neither blank nor only a comment (so documentation is not counted).
#[derive(Debug, Clone, Copy, Default)]
pub struct Lines {
    pub files: usize,
    pub total: usize,
    pub code: usize,
}

impl Lines {
    fn add(&mut self, text: &str) {
        self.files += 1;
        for line in text.lines() {
            self.total += 1;
            let line = line.trim();
            if !line.is_empty() && !line.starts_with("//") {
                self.code += 1;
            }
        }
    }
}

/// Lines of every `.rs` file under `dir`.
pub fn all_rust(dir: &Path) -> Result<Lines, String> {
    let mut lines = Lines::default();
    for file in rust_files(dir)? {
        lines.add(&std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    Ok(lines)
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Lines of the modules a build with `features` compiles, following `mod`
/// declarations from `src/lib.rs` and skipping those whose `#[cfg]` is
/// off. (The generated crate gates whole modules, not items, so this is
/// exact for it.)
pub fn compiled_with(crate_dir: &Path, features: &BTreeSet<&str>) -> Result<Lines, String> {
    let mut lines = Lines::default();
    let mut pending = vec![(crate_dir.join("src/lib.rs"), crate_dir.join("src"))];
    while let Some((file, dir)) = pending.pop() {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        lines.add(&text);
        let mut enabled = true;
        for line in text.lines() {
            let line = line.trim();
            if let Some(cfg) = line
                .strip_prefix("#[cfg(")
                .and_then(|c| c.strip_suffix(")]"))
            {
                enabled &= cfg_holds(cfg, features);
                continue;
            }
            if line.starts_with("#[") || line.starts_with("///") || line.starts_with("//!") {
                continue;
            }
            if let Some(name) = mod_declaration(line) {
                if enabled {
                    let flat = dir.join(format!("{name}.rs"));
                    let (child, child_dir) = if flat.is_file() {
                        (flat, dir.join(name))
                    } else {
                        (dir.join(name).join("mod.rs"), dir.join(name))
                    };
                    pending.push((child, child_dir));
                }
            }
            enabled = true;
        }
    }
    Ok(lines)
}

/// `NAME` of `mod NAME;`, `pub mod NAME;`, `pub(crate) mod NAME;`.
fn mod_declaration(line: &str) -> Option<&str> {
    let rest = line.strip_suffix(';')?;
    let rest = rest
        .strip_prefix("pub(crate) ")
        .or_else(|| rest.strip_prefix("pub "))
        .unwrap_or(rest);
    let name = rest.strip_prefix("mod ")?.trim();
    name.chars()
        .all(|c| c.is_alphanumeric() || c == '_')
        .then_some(name)
}

/// Evaluates a cfg predicate over `feature = "..."`, `any`, `all`, `not`;
/// anything else (`test`, `doc`, targets) is taken as off.
fn cfg_holds(cfg: &str, features: &BTreeSet<&str>) -> bool {
    let cfg = cfg.trim();
    if let Some(value) = cfg
        .strip_prefix("feature")
        .map(str::trim_start)
        .and_then(|r| r.strip_prefix('='))
    {
        return features.contains(value.trim().trim_matches('"'));
    }
    for (name, combine) in [("any", 0), ("all", 1), ("not", 2)] {
        if let Some(inner) = cfg
            .strip_prefix(name)
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('('))
            .and_then(|r| r.strip_suffix(')'))
        {
            let parts = split_top(inner);
            return match combine {
                0 => parts.iter().any(|p| cfg_holds(p, features)),
                1 => parts.iter().all(|p| cfg_holds(p, features)),
                _ => !parts.first().is_some_and(|p| cfg_holds(p, features)),
            };
        }
    }
    false
}

/// Splits `a, any(b, c), d` at top-level commas.
fn split_top(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !text[start..].trim().is_empty() {
        parts.push(text[start..].trim());
    }
    parts
}

/// The official crate's folder in the cargo registry, for the version in
/// `lock` (a Cargo.lock), or the newest one there.
pub fn official_source(lock: &Path) -> Option<PathBuf> {
    let version = std::fs::read_to_string(lock).ok().and_then(|text| {
        let at = text.find("name = \"aws-sdk-chimesdkmessaging\"")?;
        let rest = &text[at..];
        let line = rest.lines().nth(1)?;
        Some(
            line.strip_prefix("version = ")?
                .trim_matches('"')
                .to_owned(),
        )
    });
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(home.join("registry/src"))
        .ok()?
        .flatten()
        .flat_map(|index| {
            std::fs::read_dir(index.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match &version {
                Some(v) => name == format!("aws-sdk-chimesdkmessaging-{v}"),
                None => name.starts_with("aws-sdk-chimesdkmessaging-"),
            }
        })
        .collect();
    found.sort();
    found.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cfg_predicates() {
        let client: BTreeSet<&str> = ["client"].into_iter().collect();
        assert!(cfg_holds("feature = \"client\"", &client));
        assert!(!cfg_holds("feature = \"server\"", &client));
        assert!(cfg_holds(
            "any(feature = \"client\", feature = \"server\")",
            &client
        ));
        assert!(!cfg_holds(
            "all(feature = \"client\", feature = \"server\")",
            &client
        ));
        assert!(cfg_holds("not(feature = \"server\")", &client));
        assert!(!cfg_holds("test", &client));
        assert_eq!(mod_declaration("pub(crate) mod client;"), Some("client"));
        assert_eq!(mod_declaration("mod tests {"), None);
    }
}
