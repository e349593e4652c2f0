//! Credentials: environment variables, shared profile files, the default
//! chain, configuration from the environment, and junk INI.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tests::rt::client::credentials::{
    credentials_from_env, credentials_from_profile, default_credentials, parse_ini, profile_region,
    DefaultChain, Env, ProfileProvider, ProfileSet, ProvideCredentials,
};
use tests::rt::client::Config;

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "rt-client-creds-{}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.0.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name: &str| map.get(name).cloned()
}

fn shared_env(pairs: &[(&str, &str)]) -> Env {
    Arc::new(env_of(pairs))
}

#[test]
fn environment_variables() {
    let env = env_of(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "envsecret"),
        ("AWS_SESSION_TOKEN", "envtoken"),
    ]);
    let creds = credentials_from_env(&env).unwrap();
    assert_eq!(creds.access_key_id, "AKIDENV");
    assert_eq!(creds.secret_access_key, "envsecret");
    assert_eq!(creds.session_token.as_deref(), Some("envtoken"));

    let env = env_of(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
        ("AWS_SESSION_TOKEN", ""),
    ]);
    assert_eq!(credentials_from_env(&env).unwrap().session_token, None);
}

#[test]
fn environment_variables_missing_pieces_are_named() {
    let err = credentials_from_env(&env_of(&[("AWS_ACCESS_KEY_ID", "AKID")])).unwrap_err();
    assert!(err.to_string().contains("AWS_SECRET_ACCESS_KEY"), "{err}");
    let err = credentials_from_env(&env_of(&[("AWS_SECRET_ACCESS_KEY", "s")])).unwrap_err();
    assert!(err.to_string().contains("AWS_ACCESS_KEY_ID"), "{err}");
    let err = credentials_from_env(&env_of(&[("AWS_ACCESS_KEY_ID", "  ")])).unwrap_err();
    assert!(err.to_string().contains("not set"), "{err}");
}

#[test]
fn profiles_from_files_in_home() {
    let home = TempDir::new();
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = defaultsecret\n\n\
         [dev]\naws_access_key_id=AKIDDEV\naws_secret_access_key=devsecret\naws_session_token = devtoken\n",
    );
    home.write(
        ".aws/config",
        "[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\noutput = json\n",
    );
    let home_str = home.path().to_str().unwrap().to_owned();

    let env = env_of(&[("HOME", &home_str)]);
    let creds = credentials_from_profile(&env, None).unwrap();
    assert_eq!(creds.access_key_id, "AKIDDEFAULT");
    assert_eq!(creds.secret_access_key, "defaultsecret");
    assert_eq!(creds.session_token, None);
    assert_eq!(profile_region(&env).as_deref(), Some("us-west-2"));

    let env = env_of(&[("HOME", &home_str), ("AWS_PROFILE", "dev")]);
    let creds = credentials_from_profile(&env, None).unwrap();
    assert_eq!(creds.access_key_id, "AKIDDEV");
    assert_eq!(creds.session_token.as_deref(), Some("devtoken"));
    assert_eq!(profile_region(&env).as_deref(), Some("eu-west-1"));

    // An explicit profile wins over AWS_PROFILE.
    let creds = credentials_from_profile(&env, Some("default")).unwrap();
    assert_eq!(creds.access_key_id, "AKIDDEFAULT");

    // Windows-style home.
    let env = env_of(&[("USERPROFILE", &home_str)]);
    assert_eq!(
        credentials_from_profile(&env, None).unwrap().access_key_id,
        "AKIDDEFAULT"
    );
}

#[test]
fn file_locations_from_environment() {
    let dir = TempDir::new();
    let creds_path = dir.write(
        "elsewhere/creds.ini",
        "[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = worksecret\n",
    );
    let config_path = dir.write(
        "elsewhere/conf.ini",
        "[profile work]\nregion = ap-south-1\n",
    );
    let env = env_of(&[
        ("HOME", "/nonexistent-home-for-tests"),
        ("AWS_SHARED_CREDENTIALS_FILE", creds_path.to_str().unwrap()),
        ("AWS_CONFIG_FILE", config_path.to_str().unwrap()),
        ("AWS_PROFILE", "work"),
    ]);
    assert_eq!(
        credentials_from_profile(&env, None).unwrap().access_key_id,
        "AKIDWORK"
    );
    assert_eq!(profile_region(&env).as_deref(), Some("ap-south-1"));

    // `~/` in the variables means the home directory.
    let home_str = dir.path().to_str().unwrap().to_owned();
    let env = env_of(&[
        ("HOME", &home_str),
        ("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds.ini"),
        ("AWS_PROFILE", "work"),
    ]);
    assert_eq!(
        credentials_from_profile(&env, None).unwrap().access_key_id,
        "AKIDWORK"
    );
}

#[test]
fn config_file_sections_need_the_profile_prefix() {
    let set = ProfileSet::parse(
        "[default]\nregion=us-east-1\n[profile a]\nregion=eu-west-1\n[b]\nregion=ap-east-1\n\
         [profile]\nregion=x\n[profilec]\nregion=y\n[sso-session s]\nsso_region=z\n",
        "[c]\naws_access_key_id=K\n[profile d]\naws_access_key_id=L\n",
    );
    assert_eq!(set.get("default", "region"), Some("us-east-1"));
    assert_eq!(set.get("a", "region"), Some("eu-west-1"));
    assert!(
        !set.has_profile("b"),
        "`[b]` in the config file is not a profile"
    );
    assert!(!set.has_profile("profilec"));
    assert_eq!(set.get("c", "aws_access_key_id"), Some("K"));
    // In the credentials file the section name is taken literally.
    assert!(set.has_profile("profile d"));
    assert!(!set.has_profile("d"));
}

#[test]
fn credentials_file_wins_over_config_file() {
    let set = ProfileSet::parse(
        "[profile p]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = cs\nregion = us-east-2\n",
        "[p]\naws_access_key_id = FROMCREDS\n",
    );
    assert_eq!(set.get("p", "aws_access_key_id"), Some("FROMCREDS"));
    assert_eq!(set.get("p", "aws_secret_access_key"), Some("cs"));
    assert_eq!(set.get("p", "region"), Some("us-east-2"));
}

#[test]
fn missing_profile_pieces_are_named() {
    let home = TempDir::new();
    home.write(
        ".aws/credentials",
        "[nokey]\naws_secret_access_key = s\n[nosecret]\naws_access_key_id = A\n[empty]\n",
    );
    home.write(
        ".aws/config",
        "[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = nokey\n",
    );
    let home_str = home.path().to_str().unwrap().to_owned();
    let env = env_of(&[("HOME", &home_str)]);

    let err = credentials_from_profile(&env, Some("nokey"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("nokey") && err.contains("aws_access_key_id"),
        "{err}"
    );
    let err = credentials_from_profile(&env, Some("nosecret"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("aws_secret_access_key"), "{err}");
    let err = credentials_from_profile(&env, Some("empty"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("aws_access_key_id and aws_secret_access_key"),
        "{err}"
    );
    let err = credentials_from_profile(&env, Some("role"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("role_arn") && err.contains("not support"),
        "{err}"
    );
    let err = credentials_from_profile(&env, Some("ghost"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("ghost") && err.contains("not found"), "{err}");
    assert!(
        err.contains("credentials"),
        "names the files it read: {err}"
    );

    // No files at all.
    let empty = TempDir::new();
    let env = env_of(&[("HOME", empty.path().to_str().unwrap())]);
    let err = credentials_from_profile(&env, None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("default") && err.contains("not found"),
        "{err}"
    );
    // No home directory at all.
    let err = credentials_from_profile(&env_of(&[]), None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("home directory"), "{err}");
}

#[test]
fn junk_ini_is_survived() {
    let text = "garbage before any section\nkey = ignored\n\
                [\n[]\n[   ]\n[unclosed\n\
                [good] ; trailing comment\n\
                # comment\n; another\n\
                aws_access_key_id = AKIDGOOD # inline comment\n\
                no equals sign here\n\
                = value without key\n\
                AWS_SECRET_ACCESS_KEY = MixedCaseKey\n\
                s3 =\n  max_concurrent_requests = 20\n\
                url = http://x/#fragment;kept\r\n\
                \u{0}\u{1}binary\u{7f}\n\
                [[double]]\nx=1\n\
                region = us-east-1\n\
                tail = spaces   \t\n";
    let sections = parse_ini(text);
    let good = sections
        .iter()
        .find(|s| s.name == "good")
        .expect("good section");
    let get = |k: &str| {
        good.properties
            .iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("aws_access_key_id"), Some("AKIDGOOD"));
    assert_eq!(get("aws_secret_access_key"), Some("MixedCaseKey"));
    assert_eq!(get("url"), Some("http://x/#fragment;kept"));
    assert_eq!(get("max_concurrent_requests"), None);
    assert!(sections.iter().all(|s| !s.name.is_empty()));
    assert!(!sections
        .iter()
        .any(|s| s.properties.iter().any(|(k, _)| k == "key")));

    // Arbitrary bytes and odd files never panic.
    for junk in [
        "",
        "[",
        "]",
        "=",
        "[a]=",
        "[a]\n=",
        "\u{feff}[a]\nb=c",
        "[a]\n\t\tb = c",
        "[a]\nb = c ;d #e",
    ] {
        let _ = parse_ini(junk);
        let _ = ProfileSet::parse(junk, junk);
    }
    let set = ProfileSet::parse("", "[a]\nb = c ;d #e\n");
    assert_eq!(set.get("a", "b"), Some("c"));
    let set = ProfileSet::parse("", "\u{feff}[bom]\nb = c\n");
    assert_eq!(set.get("bom", "b"), Some("c"));

    let dir = TempDir::new();
    let path = dir.write("bin.ini", "");
    std::fs::write(
        &path,
        [0xff, 0xfe, b'\n', b'[', b'x', b']', b'\n', 0x80, b'=', 0x81],
    )
    .unwrap();
    let env = env_of(&[
        ("AWS_SHARED_CREDENTIALS_FILE", path.to_str().unwrap()),
        ("AWS_PROFILE", "x"),
    ]);
    let err = credentials_from_profile(&env, None).unwrap_err();
    assert!(err.to_string().contains("aws_access_key_id"), "{err}");
}

#[test]
fn default_chain_prefers_environment_then_profile() {
    let home = TempDir::new();
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret\n",
    );
    let home_str = home.path().to_str().unwrap().to_owned();

    let env = env_of(&[
        ("HOME", &home_str),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "envsecret"),
    ]);
    assert_eq!(default_credentials(&env).unwrap().access_key_id, "AKIDENV");

    let env = env_of(&[("HOME", &home_str)]);
    assert_eq!(default_credentials(&env).unwrap().access_key_id, "AKIDFILE");

    let empty = TempDir::new();
    let env = env_of(&[("HOME", empty.path().to_str().unwrap())]);
    let err = default_credentials(&env).unwrap_err().to_string();
    assert!(
        err.contains("AWS_ACCESS_KEY_ID") && err.contains("profile `default`"),
        "{err}"
    );
}

#[tokio::test]
async fn providers_are_async_and_injectable() {
    let home = TempDir::new();
    home.write(
        "creds",
        "[p]\naws_access_key_id = AKIDP\naws_secret_access_key = ps\n",
    );
    let path = home.path().join("creds").to_str().unwrap().to_owned();
    let env = shared_env(&[("AWS_SHARED_CREDENTIALS_FILE", &path)]);

    let provider = ProfileProvider::new()
        .with_env(env.clone())
        .with_profile("p");
    assert_eq!(
        provider.provide_credentials().await.unwrap().access_key_id,
        "AKIDP"
    );

    let chain = DefaultChain::with_env(env);
    assert!(chain.provide_credentials().await.is_err());

    let fixed = tests::rt::sigv4::Credentials::new("AKIDFIXED", "s");
    assert_eq!(
        fixed.provide_credentials().await.unwrap().access_key_id,
        "AKIDFIXED"
    );
}

#[test]
fn config_from_environment() {
    let env = shared_env(&[
        ("AWS_REGION", "eu-west-3"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", "http://localhost:4566/"),
        ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
        ("AWS_USE_DUALSTACK_ENDPOINT", "false"),
        ("AWS_MAX_ATTEMPTS", "5"),
    ]);
    let config = Config::from_env_with(env).unwrap();
    assert_eq!(config.region(), "eu-west-3");
    assert_eq!(config.endpoint_url(), Some("http://localhost:4566"));
    assert!(config.use_fips());
    assert!(!config.use_dual_stack());
    assert_eq!(config.retry().max_attempts, 5);

    let config =
        Config::from_env_with(shared_env(&[("AWS_DEFAULT_REGION", "ap-northeast-1")])).unwrap();
    assert_eq!(config.region(), "ap-northeast-1");
    assert_eq!(config.retry().max_attempts, 3);

    let home = TempDir::new();
    home.write(".aws/config", "[profile x]\nregion = sa-east-1\n");
    let home_str = home.path().to_str().unwrap().to_owned();
    let config =
        Config::from_env_with(shared_env(&[("HOME", &home_str), ("AWS_PROFILE", "x")])).unwrap();
    assert_eq!(config.region(), "sa-east-1");
}

#[test]
fn config_from_environment_errors_are_clear() {
    let empty = TempDir::new();
    let home = empty.path().to_str().unwrap().to_owned();
    let err = Config::from_env_with(shared_env(&[("HOME", &home)]))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("region") && err.contains("AWS_REGION"),
        "{err}"
    );
    let err = Config::from_env_with(shared_env(&[
        ("AWS_REGION", "us-east-1"),
        ("AWS_MAX_ATTEMPTS", "many"),
    ]))
    .unwrap_err()
    .to_string();
    assert!(err.contains("AWS_MAX_ATTEMPTS"), "{err}");
    let err = Config::from_env_with(shared_env(&[
        ("AWS_REGION", "us-east-1"),
        ("AWS_MAX_ATTEMPTS", "0"),
    ]))
    .unwrap_err()
    .to_string();
    assert!(err.contains("AWS_MAX_ATTEMPTS"), "{err}");
    let err = Config::from_env_with(shared_env(&[
        ("AWS_REGION", "us-east-1"),
        ("AWS_USE_FIPS_ENDPOINT", "yes"),
    ]))
    .unwrap_err()
    .to_string();
    assert!(err.contains("AWS_USE_FIPS_ENDPOINT"), "{err}");
    let err = Config::from_env_with(shared_env(&[("AWS_REGION", "us-east-1/../x")]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("region"), "{err}");
    let err = Config::from_env_with(shared_env(&[
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", "ftp://x"),
    ]))
    .unwrap_err()
    .to_string();
    assert!(err.contains("endpoint"), "{err}");
}

#[test]
fn config_builder_requires_a_region() {
    let err = Config::builder().build().unwrap_err().to_string();
    assert!(err.contains("no AWS region"), "{err}");
    let err = Config::builder()
        .region("  ")
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains("no AWS region"), "{err}");
    assert!(Config::builder()
        .region("us-east-1")
        .max_attempts(0)
        .build()
        .is_err());
    let config = Config::builder().region("us-east-1").build().unwrap();
    assert_eq!(config.retry().max_attempts, 3);
    let again = config.to_builder().max_attempts(7).build().unwrap();
    assert_eq!(again.retry().max_attempts, 7);
    assert_eq!(again.region(), "us-east-1");
}
