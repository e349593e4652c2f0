// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! Endpoint resolution for regional services: the partition table, FIPS and
//! dual-stack variants, and explicit endpoint URLs.

use std::fmt;

/// A region or endpoint that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    message: String,
}

impl EndpointError {
    /// An error with the given description.
    pub fn new(message: impl Into<String>) -> Self {
        EndpointError {
            message: message.into(),
        }
    }

    /// The description.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EndpointError {}

/// One AWS partition: a group of regions sharing DNS suffixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    /// The partition id, e.g. `aws-cn`.
    pub id: &'static str,
    /// The DNS suffix of regular endpoints.
    pub dns_suffix: &'static str,
    /// The DNS suffix of dual-stack (IPv4 and IPv6) endpoints.
    pub dual_stack_dns_suffix: &'static str,
    /// Whether FIPS endpoints exist in this partition.
    pub supports_fips: bool,
    /// Whether dual-stack endpoints exist in this partition.
    pub supports_dual_stack: bool,
}

/// Which regions belong to a partition: `<first>-<second>-<word>-<digits>`
/// when `second` is set, otherwise `<first>-<word>-<digits>` with `first`
/// among `firsts`; plus the partition's global pseudo-region.
struct RegionShape {
    firsts: &'static [&'static str],
    second: Option<&'static str>,
    global: &'static str,
}

const PARTITIONS: &[(Partition, RegionShape)] = &[
    (
        Partition {
            id: "aws",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            supports_fips: true,
            supports_dual_stack: true,
        },
        RegionShape {
            firsts: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
            second: None,
            global: "aws-global",
        },
    ),
    (
        Partition {
            id: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
            dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
            supports_fips: true,
            supports_dual_stack: true,
        },
        RegionShape {
            firsts: &["cn"],
            second: None,
            global: "aws-cn-global",
        },
    ),
    (
        Partition {
            id: "aws-us-gov",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            supports_fips: true,
            supports_dual_stack: true,
        },
        RegionShape {
            firsts: &["us"],
            second: Some("gov"),
            global: "aws-us-gov-global",
        },
    ),
    (
        Partition {
            id: "aws-iso",
            dns_suffix: "c2s.ic.gov",
            dual_stack_dns_suffix: "c2s.ic.gov",
            supports_fips: true,
            supports_dual_stack: false,
        },
        RegionShape {
            firsts: &["us"],
            second: Some("iso"),
            global: "aws-iso-global",
        },
    ),
    (
        Partition {
            id: "aws-iso-b",
            dns_suffix: "sc2s.sgov.gov",
            dual_stack_dns_suffix: "sc2s.sgov.gov",
            supports_fips: true,
            supports_dual_stack: false,
        },
        RegionShape {
            firsts: &["us"],
            second: Some("isob"),
            global: "aws-iso-b-global",
        },
    ),
    (
        Partition {
            id: "aws-iso-e",
            dns_suffix: "cloud.adc-e.uk",
            dual_stack_dns_suffix: "cloud.adc-e.uk",
            supports_fips: true,
            supports_dual_stack: false,
        },
        RegionShape {
            firsts: &["eu"],
            second: Some("isoe"),
            global: "aws-iso-e-global",
        },
    ),
    (
        Partition {
            id: "aws-iso-f",
            dns_suffix: "csp.hci.ic.gov",
            dual_stack_dns_suffix: "csp.hci.ic.gov",
            supports_fips: true,
            supports_dual_stack: false,
        },
        RegionShape {
            firsts: &["us"],
            second: Some("isof"),
            global: "aws-iso-f-global",
        },
    ),
    (
        Partition {
            id: "aws-eusc",
            dns_suffix: "amazonaws.eu",
            dual_stack_dns_suffix: "amazonaws.eu",
            supports_fips: true,
            supports_dual_stack: false,
        },
        RegionShape {
            firsts: &["eusc"],
            second: Some("de"),
            global: "aws-eusc-global",
        },
    ),
];

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl RegionShape {
    fn matches(&self, region: &str) -> bool {
        if region == self.global {
            return true;
        }
        let parts: Vec<&str> = region.split('-').collect();
        match (self.second, parts.as_slice()) {
            (None, [first, word, digits]) => {
                self.firsts.contains(first) && is_word(word) && is_digits(digits)
            }
            (Some(second), [first, s, word, digits]) => {
                self.firsts.contains(first) && *s == second && is_word(word) && is_digits(digits)
            }
            _ => false,
        }
    }
}

/// The partition a region belongs to; regions that match no known pattern
/// (new or private ones) fall back to the `aws` partition.
pub fn partition_for(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|(_, shape)| shape.matches(region))
        .map_or(&DEFAULT_PARTITION, |(partition, _)| partition)
}

const DEFAULT_PARTITION: Partition = Partition {
    id: "aws",
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
    supports_fips: true,
    supports_dual_stack: true,
};

/// Checks that a region can stand in a host name: 1 to 63 ASCII letters,
/// digits and hyphens, not starting or ending with a hyphen.
pub fn validate_region(region: &str) -> Result<(), EndpointError> {
    let valid = !region.is_empty()
        && region.len() <= 63
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if valid {
        Ok(())
    } else {
        Err(EndpointError::new(format!(
            "`{}` is not a valid region: a region is a DNS label of letters, digits and hyphens",
            region.escape_default()
        )))
    }
}

/// The endpoint of a regional service: `https://{prefix}.{region}.{suffix}`,
/// with `-fips` after the prefix for FIPS and the partition's dual-stack
/// suffix for dual-stack.
pub fn resolve(
    endpoint_prefix: &str,
    region: &str,
    use_fips: bool,
    use_dual_stack: bool,
) -> Result<String, EndpointError> {
    validate_region(region)?;
    let partition = partition_for(region);
    if use_fips && !partition.supports_fips {
        return Err(EndpointError::new(format!(
            "FIPS is enabled but the partition `{}` of region `{region}` does not support FIPS",
            partition.id
        )));
    }
    if use_dual_stack && !partition.supports_dual_stack {
        return Err(EndpointError::new(format!(
            "dual-stack is enabled but the partition `{}` of region `{region}` does not support dual-stack",
            partition.id
        )));
    }
    let fips = if use_fips { "-fips" } else { "" };
    let suffix = if use_dual_stack {
        partition.dual_stack_dns_suffix
    } else {
        partition.dns_suffix
    };
    Ok(format!("https://{endpoint_prefix}{fips}.{region}.{suffix}"))
}

/// Checks an explicit endpoint URL: `http` or `https`, a host, no query or
/// fragment. A trailing `/` is dropped; a path is kept as a prefix.
pub fn validate_endpoint_url(url: &str) -> Result<String, EndpointError> {
    let bad = |why: &str| EndpointError::new(format!("invalid endpoint URL `{url}`: {why}"));
    let uri: http::Uri = url.trim().parse().map_err(|_| bad("not a URI"))?;
    match uri.scheme_str() {
        Some("http") | Some("https") => {}
        _ => return Err(bad("the scheme must be http or https")),
    }
    let authority = uri.authority().ok_or_else(|| bad("no host"))?;
    if authority.host().is_empty() || authority.as_str().contains('@') {
        return Err(bad("no usable host"));
    }
    if uri.query().is_some() {
        return Err(bad("a query is not allowed"));
    }
    let mut out = url.trim().to_owned();
    while out.ends_with('/') {
        out.pop();
    }
    Ok(out)
}

/// Picks the endpoint for a call: the explicit `endpoint_url` when there is
/// one (no resolution at all), otherwise [`resolve`].
pub fn resolve_or_override(
    endpoint_url: Option<&str>,
    endpoint_prefix: &str,
    region: &str,
    use_fips: bool,
    use_dual_stack: bool,
) -> Result<String, EndpointError> {
    match endpoint_url {
        Some(url) => validate_endpoint_url(url),
        None => resolve(endpoint_prefix, region, use_fips, use_dual_stack),
    }
}
