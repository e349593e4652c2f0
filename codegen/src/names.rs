//! The single naming function of the generator.
//!
//! Every Smithy shape name, member name, operation name and enum wire value
//! goes through [`ident`] before it becomes a Rust identifier, so that the
//! generated code is consistent and always compiles.
//!
//! # Word splitting ([`words`])
//!
//! * Only ASCII letters and digits form words. Everything else (`_`, `-`,
//!   `.`, `/`, `:`, spaces, any non-ASCII character, ...) is a separator.
//! * Inside a run of letters and digits a new word starts
//!   * at a lowercase → uppercase step (`camelCase` → `camel`, `case`);
//!   * at a digit → uppercase step (`S3Bucket` → `s3`, `bucket`);
//!   * before the last capital of an acronym that is followed by a
//!     lowercase letter (`DBProxy` → `db`, `proxy`;
//!     `HTTPSConnection` → `https`, `connection`).
//! * Two refinements of the acronym rule keep well-known spellings intact:
//!   * a version suffix `v<digit>` stays with its acronym
//!     (`IPv4Address` → `ipv4`, `address`; `APIv2` → `apiv2`);
//!   * a plural `s` that ends the word stays with its acronym
//!     (`ResourceARNs` → `resource`, `arns`; `IDsFor` → `ids`, `for`).
//! * Digits never start a word on their own inside a run: they stick to the
//!   letters before them (`Ec2`, `IPV4` → `ec2`, `ipv4`) and lowercase
//!   letters after them continue the same word (`v2beta1`, `2fa`).
//! * A dot is an ordinary separator, also between digits:
//!   `nodejs4.3` → `nodejs4`, `3`.
//!
//! # Joining ([`ident`])
//!
//! * [`Case::Snake`]: lowercase words joined with `_` (`nodejs4_3`).
//! * [`Case::ScreamingSnake`]: uppercase words joined with `_` (`NODEJS4_3`).
//! * [`Case::Pascal`]: each word capitalised and concatenated
//!   (`Ipv4Address`, `DbProxy`, `EnUs`). When a word ends in a digit and the
//!   next one starts with a digit they are joined with `_` so that distinct
//!   values stay distinct: `nodejs4.3` → `Nodejs4_3` (not `Nodejs43`, which
//!   is what `nodejs43` gives). rustc's `non_camel_case_types` lint accepts an
//!   underscore between two digits.
//! * No words at all (`""`, `"--"`, `"ünï"`) → `unnamed` / `Unnamed` /
//!   `UNNAMED`.
//! * A result that would start with a digit gets a leading `_` in every case:
//!   `2fa` → `_2fa` (snake), `_2fa` (Pascal), `_2FA` (screaming). No other
//!   output ever starts with `_`, so the prefix cannot create collisions
//!   (a letter prefix such as `N2fa` would collide with `n2fa`). rustc's
//!   `non_camel_case_types`/`non_snake_case`/`non_upper_case_globals` lints
//!   and clippy's default lints accept these names.
//! * Rust keywords (strict, reserved, all editions up to 2024) become raw
//!   identifiers (`type` → `r#type`, `gen` → `r#gen`). `self`, `super` and
//!   `crate` cannot be raw and get a trailing underscore instead (`self_`);
//!   Pascal `Self` becomes `Self_`. Only snake case outputs and Pascal `Self`
//!   can ever be keywords: every other keyword is all-lowercase and screaming
//!   case is all-uppercase.
//!
//! The functions are pure: the same input always gives the same output.

/// The case of a generated identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, functions, modules.
    Snake,
    /// `PascalCase`: types, enum variants.
    Pascal,
    /// `SCREAMING_SNAKE_CASE`: constants.
    ScreamingSnake,
}

/// Turns any Smithy name or enum wire value into a valid Rust identifier in
/// the given case.
///
/// See the module documentation for the exact rules.
pub fn ident(raw: &str, case: Case) -> String {
    let mut words = words(raw);
    if words.is_empty() {
        words.push("unnamed".to_owned());
    }

    let mut out = String::with_capacity(raw.len() + 4);
    for (i, word) in words.iter().enumerate() {
        match case {
            Case::Snake => {
                if i > 0 {
                    out.push('_');
                }
                out.push_str(word);
            }
            Case::ScreamingSnake => {
                if i > 0 {
                    out.push('_');
                }
                out.push_str(&word.to_ascii_uppercase());
            }
            Case::Pascal => {
                let prev_ends_in_digit = out.ends_with(|c: char| c.is_ascii_digit());
                let starts_with_digit = word.starts_with(|c: char| c.is_ascii_digit());
                if prev_ends_in_digit && starts_with_digit {
                    out.push('_');
                }
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.push(first.to_ascii_uppercase());
                    out.push_str(chars.as_str());
                }
            }
        }
    }

    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
        return out;
    }

    if NON_RAW_KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    } else if is_keyword(&out) {
        out.insert_str(0, "r#");
    }
    out
}

/// Splits a name into lowercase words, knowing acronyms and digits.
///
/// Only ASCII letters and digits are kept; every other character separates
/// words. See the module documentation for the exact rules.
pub fn words(raw: &str) -> Vec<String> {
    let mut result = Vec::new();
    for chunk in raw
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
    {
        split_chunk(chunk.as_bytes(), &mut result);
    }
    result
}

/// Splits one run of ASCII letters and digits on case boundaries.
fn split_chunk(chunk: &[u8], out: &mut Vec<String>) {
    let mut start = 0;
    for i in 1..chunk.len() {
        if is_boundary(chunk, i) {
            out.push(lower(&chunk[start..i]));
            start = i;
        }
    }
    out.push(lower(&chunk[start..]));
}

/// Whether a new word starts at `chunk[i]` (`i >= 1`).
fn is_boundary(chunk: &[u8], i: usize) -> bool {
    let prev = chunk[i - 1];
    let cur = chunk[i];
    if !cur.is_ascii_uppercase() {
        // Lowercase letters and digits always continue the current word.
        return false;
    }
    if prev.is_ascii_lowercase() || prev.is_ascii_digit() {
        // `camelCase`, `S3Bucket`.
        return true;
    }
    // `prev` and `cur` are both uppercase: we are inside an acronym. It ends
    // before `cur` only if `cur` starts a capitalised word (`DBProxy`).
    let next = match chunk.get(i + 1) {
        Some(&c) if c.is_ascii_lowercase() => c,
        _ => return false,
    };
    let after = chunk.get(i + 2).copied();
    // `IPv4`: a version suffix belongs to the acronym.
    if next == b'v' && after.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    // `ARNs`, `IDsFor`: a plural `s` belongs to the acronym.
    let ends_plural = match after {
        None => true,
        Some(c) => c.is_ascii_uppercase(),
    };
    !(next == b's' && ends_plural)
}

fn lower(bytes: &[u8]) -> String {
    // `bytes` is ASCII alphanumeric only.
    bytes
        .iter()
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// Keywords that cannot be written as raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Strict and reserved keywords of every edition up to 2024, excluding
/// [`NON_RAW_KEYWORDS`]. Weak keywords (`union`, `raw`, `safe`,
/// `macro_rules`) are valid identifiers and are not listed.
const RAW_KEYWORDS: &[&str] = &[
    // Strict, 2015.
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    // Strict, 2018.
    "async", "await", "dyn", // Reserved, 2015.
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", // Reserved, 2018.
    "try",   // Reserved, 2024.
    "gen",
];

fn is_keyword(s: &str) -> bool {
    RAW_KEYWORDS.contains(&s) || NON_RAW_KEYWORDS.contains(&s)
}

/// Names that the Rust prelude (of any edition, 2015 to 2024) brings into
/// scope in every module, as types, traits, variants or derive macros.
const PRELUDE_NAMES: &[&str] = &[
    // Marker and core traits.
    "Copy",
    "Send",
    "Sized",
    "Sync",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsMut",
    "AsRef",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "IntoIterator",
    "Iterator",
    "Clone",
    "Default",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "ToOwned",
    "ToString",
    "Future",
    "IntoFuture",
    // Derive macros that are not also traits above.
    "Debug",
    "Hash",
    // Types and their variants.
    "Box",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
];

/// Whether a generated Pascal-case type name would shadow a name that the
/// Rust prelude puts in scope (`String`, `Option`, `Result`, `Debug`, ...),
/// so that an unqualified reference to it inside the generated module would
/// mean the generated type instead.
pub fn is_prelude_collision(pascal: &str) -> bool {
    PRELUDE_NAMES.contains(&pascal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Case::{Pascal, ScreamingSnake as Screaming, Snake};

    #[test]
    fn words_table() {
        let rows: &[(&str, &[&str])] = &[
            ("IPv4Address", &["ipv4", "address"]),
            ("IPv6CidrBlock", &["ipv6", "cidr", "block"]),
            ("Ipv4Address", &["ipv4", "address"]),
            ("IPV4Address", &["ipv4", "address"]),
            ("DBProxy", &["db", "proxy"]),
            ("ChimeARN", &["chime", "arn"]),
            ("ARN", &["arn"]),
            ("AppInstanceUserArn", &["app", "instance", "user", "arn"]),
            ("HTTPSConnection", &["https", "connection"]),
            ("S3Bucket", &["s3", "bucket"]),
            ("EC2Instance", &["ec2", "instance"]),
            ("nodejs4.3", &["nodejs4", "3"]),
            ("en-US", &["en", "us"]),
            ("APPLICATION_JSON", &["application", "json"]),
            ("camelCase", &["camel", "case"]),
            ("snake_case", &["snake", "case"]),
            ("kebab-case", &["kebab", "case"]),
            ("dotted.name", &["dotted", "name"]),
            ("with spaces here", &["with", "spaces", "here"]),
            ("MaxResults", &["max", "results"]),
            (
                "ListChannelMembershipsForAppInstanceUser",
                &[
                    "list",
                    "channel",
                    "memberships",
                    "for",
                    "app",
                    "instance",
                    "user",
                ],
            ),
            ("v2", &["v2"]),
            ("v2beta1", &["v2beta1"]),
            ("ResourceARNs", &["resource", "arns"]),
            ("IDsForUser", &["ids", "for", "user"]),
            ("IPSet", &["ip", "set"]),
            ("APIv2", &["apiv2"]),
            ("a/b:c@d", &["a", "b", "c", "d"]),
            ("caf\u{e9}Cr\u{e8}me", &["caf", "cr", "me"]),
            ("", &[]),
            ("--", &[]),
            ("__x__", &["x"]),
            ("2fa", &["2fa"]),
            ("X509Certificate", &["x509", "certificate"]),
            ("AES256GCM", &["aes256", "gcm"]),
            ("m5.large", &["m5", "large"]),
        ];
        for (raw, expected) in rows {
            assert_eq!(&words(raw), expected, "words({raw:?})");
        }
    }

    #[test]
    fn ident_table() {
        let rows: &[(&str, Case, &str)] = &[
            // Acronyms.
            ("IPv4Address", Snake, "ipv4_address"),
            ("IPv4Address", Pascal, "Ipv4Address"),
            ("IPv4Address", Screaming, "IPV4_ADDRESS"),
            ("DBProxy", Snake, "db_proxy"),
            ("DBProxy", Pascal, "DbProxy"),
            ("ChimeARN", Snake, "chime_arn"),
            ("ChimeARN", Pascal, "ChimeArn"),
            ("ARN", Snake, "arn"),
            ("ARN", Pascal, "Arn"),
            ("ARN", Screaming, "ARN"),
            ("AppInstanceUserArn", Snake, "app_instance_user_arn"),
            ("AppInstanceUserArn", Pascal, "AppInstanceUserArn"),
            ("HTTPSConnection", Snake, "https_connection"),
            ("HTTPSConnection", Pascal, "HttpsConnection"),
            ("ResourceARNs", Snake, "resource_arns"),
            ("ResourceARNs", Pascal, "ResourceArns"),
            // Digits.
            ("S3Bucket", Snake, "s3_bucket"),
            ("S3Bucket", Pascal, "S3Bucket"),
            ("EC2Instance", Pascal, "Ec2Instance"),
            ("nodejs4.3", Snake, "nodejs4_3"),
            ("nodejs4.3", Pascal, "Nodejs4_3"),
            ("nodejs4.3", Screaming, "NODEJS4_3"),
            ("nodejs43", Pascal, "Nodejs43"),
            ("python3.10", Pascal, "Python3_10"),
            ("dotnetcore2.1", Snake, "dotnetcore2_1"),
            ("v2", Snake, "v2"),
            ("v2", Pascal, "V2"),
            ("V2", Screaming, "V2"),
            ("m5.large", Pascal, "M5Large"),
            // Separators.
            ("en-US", Snake, "en_us"),
            ("en-US", Pascal, "EnUs"),
            ("en-US", Screaming, "EN_US"),
            ("APPLICATION_JSON", Snake, "application_json"),
            ("APPLICATION_JSON", Pascal, "ApplicationJson"),
            ("application/json", Pascal, "ApplicationJson"),
            ("camelCase", Snake, "camel_case"),
            ("camelCase", Pascal, "CamelCase"),
            ("snake_case", Pascal, "SnakeCase"),
            ("kebab-case", Snake, "kebab_case"),
            ("dotted.name", Snake, "dotted_name"),
            ("dotted.name", Pascal, "DottedName"),
            ("with spaces", Screaming, "WITH_SPACES"),
            ("MaxResults", Snake, "max_results"),
            ("MaxResults", Screaming, "MAX_RESULTS"),
            (
                "ListChannelMembershipsForAppInstanceUser",
                Snake,
                "list_channel_memberships_for_app_instance_user",
            ),
            (
                "ListChannelMembershipsForAppInstanceUser",
                Pascal,
                "ListChannelMembershipsForAppInstanceUser",
            ),
            ("aws:kms", Pascal, "AwsKms"),
            ("caf\u{e9}", Snake, "caf"),
            // Empty.
            ("", Snake, "unnamed"),
            ("", Pascal, "Unnamed"),
            ("", Screaming, "UNNAMED"),
            ("--", Snake, "unnamed"),
            ("--", Pascal, "Unnamed"),
            ("\u{fc}\u{f1}", Pascal, "Unnamed"),
            // Leading digits.
            ("2fa", Snake, "_2fa"),
            ("2fa", Pascal, "_2fa"),
            ("2fa", Screaming, "_2FA"),
            ("2FA", Pascal, "_2Fa"),
            ("1.0", Snake, "_1_0"),
            ("1.0", Pascal, "_1_0"),
            ("10", Screaming, "_10"),
            ("-3", Snake, "_3"),
            // Keywords.
            ("type", Snake, "r#type"),
            ("type", Pascal, "Type"),
            ("type", Screaming, "TYPE"),
            ("Type", Snake, "r#type"),
            ("match", Snake, "r#match"),
            ("async", Snake, "r#async"),
            ("await", Snake, "r#await"),
            ("dyn", Snake, "r#dyn"),
            ("try", Snake, "r#try"),
            ("gen", Snake, "r#gen"),
            ("abstract", Snake, "r#abstract"),
            ("final", Snake, "r#final"),
            ("macro", Snake, "r#macro"),
            ("yield", Snake, "r#yield"),
            ("box", Snake, "r#box"),
            ("true", Snake, "r#true"),
            ("FALSE", Snake, "r#false"),
            ("static", Snake, "r#static"),
            ("self", Snake, "self_"),
            ("self", Pascal, "Self_"),
            ("Self", Pascal, "Self_"),
            ("SELF", Screaming, "SELF"),
            ("super", Snake, "super_"),
            ("crate", Snake, "crate_"),
            ("union", Snake, "union"),
            ("raw", Snake, "raw"),
            ("safe", Snake, "safe"),
            ("type_", Snake, "r#type"),
            ("TypeName", Snake, "type_name"),
        ];
        assert!(rows.len() >= 60);
        for (raw, case, expected) in rows {
            assert_eq!(ident(raw, *case), *expected, "ident({raw:?}, {case:?})");
        }
    }

    #[test]
    fn prelude_collisions() {
        for name in [
            "String",
            "Option",
            "Result",
            "Box",
            "Vec",
            "Some",
            "None",
            "Ok",
            "Err",
            "Default",
            "Debug",
            "Clone",
            "Copy",
            "Send",
            "Sync",
            "Sized",
            "Drop",
            "Fn",
            "FnMut",
            "FnOnce",
            "Iterator",
            "IntoIterator",
            "ToString",
            "ToOwned",
            "From",
            "Into",
            "AsRef",
            "AsMut",
            "Eq",
            "PartialEq",
            "Ord",
            "PartialOrd",
            "Hash",
            "Unpin",
            "Extend",
            "TryFrom",
            "TryInto",
            "FromIterator",
            "Future",
        ] {
            assert!(is_prelude_collision(name), "{name}");
        }
        for name in ["Bucket", "string", "Strings", "Unnamed", "Self_", "Type"] {
            assert!(!is_prelude_collision(name), "{name}");
        }
        // Shapes named after prelude items are detected after naming.
        assert!(is_prelude_collision(&ident("string", Pascal)));
        assert!(is_prelude_collision(&ident("OPTION", Pascal)));
    }

    fn is_ident_char(c: char) -> bool {
        c.is_ascii_alphanumeric() || c == '_'
    }

    /// A syntactic check of what rustc accepts as an identifier, without syn.
    fn assert_valid_ident(raw: &str, case: Case, out: &str) {
        let ctx = format!("ident({raw:?}, {case:?}) = {out:?}");
        let (body, is_raw) = match out.strip_prefix("r#") {
            Some(body) => (body, true),
            None => (out, false),
        };
        assert!(!body.is_empty(), "{ctx}: empty");
        assert!(body.chars().all(is_ident_char), "{ctx}: bad character");
        assert!(
            !body.starts_with(|c: char| c.is_ascii_digit()),
            "{ctx}: starts with a digit"
        );
        assert_ne!(body, "_", "{ctx}: bare underscore");
        if is_raw {
            assert!(RAW_KEYWORDS.contains(&body), "{ctx}: needless raw");
        } else {
            assert!(!is_keyword(body), "{ctx}: keyword");
        }
        // Style: each case only uses its own alphabet.
        match case {
            Case::Snake => assert!(!body.contains(|c: char| c.is_ascii_uppercase()), "{ctx}"),
            Case::ScreamingSnake => {
                assert!(!body.contains(|c: char| c.is_ascii_lowercase()), "{ctx}")
            }
            Case::Pascal => {
                assert!(!is_raw, "{ctx}: Pascal names are never keywords");
                assert_ne!(body, "Self", "{ctx}");
                // rustc's non_camel_case_types: once outer `_` are trimmed, no `__`
                // and no `_` next to a letter.
                let trimmed = body.trim_matches('_');
                assert!(!trimmed.contains("__"), "{ctx}");
                assert!(
                    !trimmed.starts_with(|c: char| c.is_ascii_lowercase()),
                    "{ctx}"
                );
                let chars: Vec<char> = trimmed.chars().collect();
                for pair in chars.windows(2) {
                    let letter_next_to_underscore = (pair[0] == '_'
                        && pair[1].is_ascii_alphabetic())
                        || (pair[1] == '_' && pair[0].is_ascii_alphabetic());
                    assert!(!letter_next_to_underscore, "{ctx}");
                }
            }
        }
    }

    #[test]
    fn every_output_is_a_valid_identifier() {
        let mut inputs: Vec<String> = [
            "",
            "-",
            "--",
            "_",
            "__",
            ".",
            " ",
            "0",
            "1.0",
            "2fa",
            "2FA",
            "10x",
            "-3",
            "_self",
            "self",
            "Self",
            "SELF",
            "super",
            "crate",
            "type",
            "Type",
            "r#type",
            "mod",
            "fn",
            "impl",
            "union",
            "gen",
            "async",
            "await",
            "dyn",
            "try",
            "abstract",
            "become",
            "do",
            "final",
            "macro",
            "override",
            "priv",
            "typeof",
            "unsized",
            "virtual",
            "yield",
            "IPv4Address",
            "DBProxy",
            "ChimeARN",
            "HTTPSConnection",
            "S3Bucket",
            "nodejs4.3",
            "en-US",
            "APPLICATION_JSON",
            "application/x-amz-json-1.1",
            "aws:kms",
            "a..b",
            "\u{e9}t\u{e9}",
            "\u{1f600}",
            "x\u{0}y",
            "UPPER",
            "lower",
            "MiXeD",
            "ends_",
            "_starts",
            "v2",
            "V2",
            "ResourceARNs",
            "ARNs",
            "s",
            "S",
            "Ss",
            "sS",
            "aB",
            "Ab",
            "AB",
            "a1",
            "1a",
            "A1",
            "1A",
            "a-1",
            "1-a",
            "a 1 b 2",
            "string",
            "option",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for kw in RAW_KEYWORDS.iter().chain(NON_RAW_KEYWORDS) {
            inputs.push(kw.to_string());
            inputs.push(kw.to_ascii_uppercase());
            inputs.push(format!("{kw}_"));
            inputs.push(format!("_{kw}"));
        }
        // Deterministic combinations of awkward fragments.
        let fragments = [
            "", "a", "B", "CD", "ef", "1", "23", "-", ".", "_", "v", "s", "\u{e9}",
        ];
        for a in fragments {
            for b in fragments {
                for c in fragments {
                    inputs.push(format!("{a}{b}{c}"));
                }
            }
        }
        for raw in &inputs {
            for case in [Case::Snake, Case::Pascal, Case::ScreamingSnake] {
                let out = ident(raw, case);
                assert_valid_ident(raw, case, &out);
                assert_eq!(out, ident(raw, case), "pure");
            }
            for w in words(raw) {
                assert!(!w.is_empty());
                assert!(w
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
            }
        }
    }
}
