//! Endpoint resolution: partitions, FIPS, dual-stack, overrides, bad regions.

use tests::rt::client::endpoint::{
    partition_for, resolve, resolve_or_override, validate_endpoint_url, validate_region,
};

const PREFIX: &str = "messaging-chime";

#[test]
fn aws_partition() {
    assert_eq!(
        resolve(PREFIX, "us-east-1", false, false).unwrap(),
        "https://messaging-chime.us-east-1.amazonaws.com"
    );
    assert_eq!(
        resolve(PREFIX, "eu-central-1", false, false).unwrap(),
        "https://messaging-chime.eu-central-1.amazonaws.com"
    );
    assert_eq!(
        resolve(PREFIX, "il-central-1", false, false).unwrap(),
        "https://messaging-chime.il-central-1.amazonaws.com"
    );
    assert_eq!(partition_for("ap-southeast-7").id, "aws");
    assert_eq!(partition_for("mx-central-1").id, "aws");
    assert_eq!(partition_for("aws-global").id, "aws");
}

#[test]
fn fips_and_dual_stack_in_aws() {
    assert_eq!(
        resolve(PREFIX, "us-east-1", true, false).unwrap(),
        "https://messaging-chime-fips.us-east-1.amazonaws.com"
    );
    assert_eq!(
        resolve(PREFIX, "us-west-2", false, true).unwrap(),
        "https://messaging-chime.us-west-2.api.aws"
    );
    assert_eq!(
        resolve(PREFIX, "us-west-2", true, true).unwrap(),
        "https://messaging-chime-fips.us-west-2.api.aws"
    );
}

#[test]
fn china_partition() {
    assert_eq!(partition_for("cn-north-1").id, "aws-cn");
    assert_eq!(
        resolve(PREFIX, "cn-north-1", false, false).unwrap(),
        "https://messaging-chime.cn-north-1.amazonaws.com.cn"
    );
    assert_eq!(
        resolve(PREFIX, "cn-northwest-1", false, true).unwrap(),
        "https://messaging-chime.cn-northwest-1.api.amazonwebservices.com.cn"
    );
    assert_eq!(
        resolve(PREFIX, "cn-northwest-1", true, false).unwrap(),
        "https://messaging-chime-fips.cn-northwest-1.amazonaws.com.cn"
    );
}

#[test]
fn gov_cloud_partition() {
    assert_eq!(partition_for("us-gov-west-1").id, "aws-us-gov");
    assert_eq!(
        resolve(PREFIX, "us-gov-west-1", false, false).unwrap(),
        "https://messaging-chime.us-gov-west-1.amazonaws.com"
    );
    assert_eq!(
        resolve(PREFIX, "us-gov-east-1", true, true).unwrap(),
        "https://messaging-chime-fips.us-gov-east-1.api.aws"
    );
}

#[test]
fn isolated_partitions() {
    assert_eq!(partition_for("us-iso-east-1").id, "aws-iso");
    assert_eq!(
        resolve(PREFIX, "us-iso-east-1", false, false).unwrap(),
        "https://messaging-chime.us-iso-east-1.c2s.ic.gov"
    );
    assert_eq!(partition_for("us-isob-east-1").id, "aws-iso-b");
    assert_eq!(
        resolve(PREFIX, "us-isob-east-1", true, false).unwrap(),
        "https://messaging-chime-fips.us-isob-east-1.sc2s.sgov.gov"
    );
    assert_eq!(partition_for("eu-isoe-west-1").id, "aws-iso-e");
    assert_eq!(partition_for("us-isof-south-1").id, "aws-iso-f");
    assert_eq!(partition_for("eusc-de-east-1").id, "aws-eusc");
    // These partitions have no dual-stack endpoints.
    let err = resolve(PREFIX, "us-iso-east-1", false, true).unwrap_err();
    assert!(err.to_string().contains("dual-stack"), "{err}");
    assert!(resolve(PREFIX, "us-isob-east-1", false, true).is_err());
}

#[test]
fn unknown_regions_fall_back_to_aws() {
    assert_eq!(partition_for("local").id, "aws");
    assert_eq!(partition_for("xx-new-1").id, "aws");
    assert_eq!(
        resolve(PREFIX, "moon-base-1", false, false).unwrap(),
        "https://messaging-chime.moon-base-1.amazonaws.com"
    );
}

#[test]
fn bad_regions_are_rejected() {
    for region in [
        "",
        "..",
        "us-east-1/..",
        "us-east-1.evil.com",
        "us east 1",
        "-us-east-1",
        "us-east-1-",
        "us_east_1",
        "ünïcode",
        "a/b",
        "evil.com#",
        "x@y",
        &"a".repeat(64),
    ] {
        assert!(validate_region(region).is_err(), "{region:?}");
        assert!(resolve(PREFIX, region, false, false).is_err(), "{region:?}");
    }
    assert!(validate_region("us-east-1").is_ok());
    assert!(validate_region(&"a".repeat(63)).is_ok());
}

#[test]
fn endpoint_url_override_skips_resolution() {
    assert_eq!(
        resolve_or_override(
            Some("http://localhost:4566/"),
            PREFIX,
            "us-east-1",
            true,
            true
        )
        .unwrap(),
        "http://localhost:4566"
    );
    assert_eq!(
        resolve_or_override(
            Some("https://proxy.example.com/base/"),
            PREFIX,
            "us-east-1",
            false,
            false
        )
        .unwrap(),
        "https://proxy.example.com/base"
    );
    // The region is not consulted at all with an override.
    assert_eq!(
        resolve_or_override(
            Some("https://x.example"),
            PREFIX,
            "us-iso-east-1",
            false,
            true
        )
        .unwrap(),
        "https://x.example"
    );
    assert_eq!(
        resolve_or_override(None, PREFIX, "us-east-1", false, false).unwrap(),
        "https://messaging-chime.us-east-1.amazonaws.com"
    );
}

#[test]
fn bad_endpoint_urls_are_rejected() {
    for url in [
        "",
        "localhost:4566",
        "ftp://example.com",
        "https://",
        "/just/a/path",
        "https://user:pw@example.com",
        "https://example.com/?q=1",
        "http://exa mple.com",
    ] {
        assert!(validate_endpoint_url(url).is_err(), "{url:?}");
    }
}
