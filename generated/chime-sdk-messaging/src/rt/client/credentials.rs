// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! Where credentials come from: fixed values, environment variables, the
//! shared `~/.aws/credentials` and `~/.aws/config` files, and a default
//! chain over the last two.
//!
//! Every lookup of an environment variable goes through a function
//! (`&dyn Fn(&str) -> Option<String>`), so tests can supply their own
//! environment; home directories are found through it too (`HOME`, then
//! `USERPROFILE`).

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

pub use crate::rt::sigv4::Credentials;

/// An environment: variable name in, value out. Empty values count as unset.
pub type Env = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The process environment as an [`Env`].
pub fn process_env() -> Env {
    Arc::new(|name: &str| std::env::var(name).ok().filter(|v| !v.is_empty()))
}

/// Credentials could not be found or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    /// An error with the given description.
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError {
            message: message.into(),
        }
    }

    /// The description: what was looked for, where, and what was missing.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// The future a credentials provider returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials. The client asks it before the first call and
/// again when the credentials it got are about to expire.
pub trait ProvideCredentials: Send + Sync + fmt::Debug + 'static {
    /// Fetches (or loads) credentials.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

/// Fixed credentials are their own provider.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let creds = self.clone();
        Box::pin(async move { Ok(creds) })
    }
}

fn non_empty(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    env(name).filter(|v| !v.trim().is_empty())
}

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and (optionally)
/// `AWS_SESSION_TOKEN`.
pub fn credentials_from_env(
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Credentials, CredentialsError> {
    let id = non_empty(env, "AWS_ACCESS_KEY_ID");
    let secret = non_empty(env, "AWS_SECRET_ACCESS_KEY");
    match (id, secret) {
        (Some(id), Some(secret)) => {
            let mut creds = Credentials::new(id.trim(), secret.trim());
            creds.session_token = non_empty(env, "AWS_SESSION_TOKEN").map(|t| t.trim().to_owned());
            Ok(creds)
        }
        (Some(_), None) => Err(CredentialsError::new(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
        )),
        (None, Some(_)) => Err(CredentialsError::new(
            "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
        )),
        (None, None) => Err(CredentialsError::new(
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
        )),
    }
}

/// The profile to use: `AWS_PROFILE`, else `default`.
pub fn profile_name(env: &dyn Fn(&str) -> Option<String>) -> String {
    non_empty(env, "AWS_PROFILE")
        .map(|p| p.trim().to_owned())
        .unwrap_or_else(|| "default".to_owned())
}

/// Reads the access keys of a profile from the shared files. `profile`
/// defaults to [`profile_name`]. Keys in the credentials file win over keys
/// in the config file.
pub fn credentials_from_profile(
    env: &dyn Fn(&str) -> Option<String>,
    profile: Option<&str>,
) -> Result<Credentials, CredentialsError> {
    let name = profile.map_or_else(|| profile_name(env), str::to_owned);
    let set = ProfileSet::load(env);
    let where_ = set.describe_sources();
    if !set.has_profile(&name) {
        return Err(CredentialsError::new(format!(
            "profile `{name}` not found ({where_})"
        )));
    }
    let id = set.get(&name, "aws_access_key_id");
    let secret = set.get(&name, "aws_secret_access_key");
    match (id, secret) {
        (Some(id), Some(secret)) => {
            let mut creds = Credentials::new(id, secret);
            creds.session_token = set.get(&name, "aws_session_token").map(str::to_owned);
            Ok(creds)
        }
        (id, secret) => {
            let unsupported: Vec<&str> = [
                "role_arn",
                "credential_process",
                "sso_session",
                "sso_start_url",
                "web_identity_token_file",
                "credential_source",
            ]
            .into_iter()
            .filter(|k| set.get(&name, k).is_some())
            .collect();
            if id.is_none() && secret.is_none() && !unsupported.is_empty() {
                return Err(CredentialsError::new(format!(
                    "profile `{name}` uses {}, which this client does not support; \
                     give it aws_access_key_id and aws_secret_access_key or set the \
                     AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables ({where_})",
                    unsupported.join(", ")
                )));
            }
            let missing = match (id, secret) {
                (None, None) => "aws_access_key_id and aws_secret_access_key",
                (None, Some(_)) => "aws_access_key_id",
                _ => "aws_secret_access_key",
            };
            Err(CredentialsError::new(format!(
                "profile `{name}` has no {missing} ({where_})"
            )))
        }
    }
}

/// The default chain: environment variables, then the profile named by
/// `AWS_PROFILE` (or `default`). A failure names what each step lacked.
pub fn default_credentials(
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Credentials, CredentialsError> {
    let from_env = match credentials_from_env(env) {
        Ok(creds) => return Ok(creds),
        Err(e) => e,
    };
    match credentials_from_profile(env, None) {
        Ok(creds) => Ok(creds),
        Err(from_profile) => Err(CredentialsError::new(format!(
            "no AWS credentials found: environment: {from_env}; shared files: {from_profile}"
        ))),
    }
}

/// The region of the current profile (`region` in the config file), if any.
pub fn profile_region(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let name = profile_name(env);
    ProfileSet::load(env)
        .get(&name, "region")
        .map(str::to_owned)
}

/// Reads credentials from the environment on every request.
#[derive(Clone)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    /// A provider over the process environment.
    pub fn new() -> Self {
        EnvironmentProvider { env: process_env() }
    }

    /// A provider over the given environment.
    pub fn with_env(env: Env) -> Self {
        EnvironmentProvider { env }
    }
}

impl Default for EnvironmentProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for EnvironmentProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvironmentProvider")
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let result = credentials_from_env(&*self.env);
        Box::pin(async move { result })
    }
}

/// Reads credentials of one profile from the shared files.
#[derive(Clone)]
pub struct ProfileProvider {
    env: Env,
    profile: Option<String>,
}

impl ProfileProvider {
    /// The profile named by `AWS_PROFILE` (or `default`), in the files the
    /// process environment points at.
    pub fn new() -> Self {
        ProfileProvider {
            env: process_env(),
            profile: None,
        }
    }

    /// Uses the given environment to find the files and the profile name.
    #[must_use]
    pub fn with_env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// Uses this profile whatever `AWS_PROFILE` says.
    #[must_use]
    pub fn with_profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into());
        self
    }
}

impl Default for ProfileProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for ProfileProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileProvider")
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let result = credentials_from_profile(&*self.env, self.profile.as_deref());
        Box::pin(async move { result })
    }
}

/// The default chain (see [`default_credentials`]) as a provider.
#[derive(Clone)]
pub struct DefaultChain {
    env: Env,
}

impl DefaultChain {
    /// The chain over the process environment.
    pub fn new() -> Self {
        DefaultChain { env: process_env() }
    }

    /// The chain over the given environment.
    pub fn with_env(env: Env) -> Self {
        DefaultChain { env }
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DefaultChain")
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let result = default_credentials(&*self.env);
        Box::pin(async move { result })
    }
}

// ----- shared files -------------------------------------------------------------

/// One `[section]` of an INI file with its `key = value` lines, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IniSection {
    /// The text between the brackets, trimmed.
    pub name: String,
    /// The properties; keys are lowercased, values trimmed.
    pub properties: Vec<(String, String)>,
}

/// Parses the AWS flavour of INI leniently: a leading byte-order mark is
/// dropped, `#` and `;` start comment lines (and inline comments after
/// whitespace), and lines before the first section, lines without `=` and
/// indented continuation lines are skipped.
pub fn parse_ini(text: &str) -> Vec<IniSection> {
    let mut sections: Vec<IniSection> = Vec::new();
    let mut in_section = false;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if trimmed.starts_with('[') {
            let close = trimmed.find(']');
            match close.and_then(|end| trimmed.get(1..end)) {
                Some(name) if !name.trim().is_empty() => {
                    sections.push(IniSection {
                        name: name.trim().to_owned(),
                        properties: Vec::new(),
                    });
                    in_section = true;
                }
                _ => in_section = false,
            }
            continue;
        }
        // Sub-properties (`s3 =` followed by indented lines) are not used here.
        if line.starts_with([' ', '\t']) || !in_section {
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            continue;
        }
        let value = strip_inline_comment(value.trim());
        if let Some(section) = sections.last_mut() {
            section.properties.push((key, value.to_owned()));
        }
    }
    sections
}

fn strip_inline_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (i, pair) in bytes.windows(2).enumerate() {
        if let [space, mark] = pair {
            if (*space == b' ' || *space == b'\t') && (*mark == b'#' || *mark == b';') {
                return value.get(..i).unwrap_or(value).trim_end();
            }
        }
    }
    value
}

/// The profiles of the config and credentials files, merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, BTreeMap<String, String>>,
    sources: Vec<String>,
}

impl ProfileSet {
    /// Merges the text of a config file (`[default]`, `[profile name]`) and
    /// of a credentials file (`[name]`); credentials-file values win.
    pub fn parse(config: &str, credentials: &str) -> ProfileSet {
        let mut set = ProfileSet::default();
        for section in parse_ini(config) {
            let name = if section.name == "default" {
                Some("default".to_owned())
            } else {
                section
                    .name
                    .strip_prefix("profile")
                    .filter(|rest| rest.starts_with([' ', '\t']))
                    .map(|rest| rest.trim().to_owned())
                    .filter(|n| !n.is_empty())
            };
            if let Some(name) = name {
                set.merge(name, section.properties);
            }
        }
        for section in parse_ini(credentials) {
            set.merge(section.name, section.properties);
        }
        set
    }

    /// Reads the files the environment points at: `AWS_CONFIG_FILE` (else
    /// `~/.aws/config`) and `AWS_SHARED_CREDENTIALS_FILE` (else
    /// `~/.aws/credentials`). Missing or unreadable files count as empty.
    pub fn load(env: &dyn Fn(&str) -> Option<String>) -> ProfileSet {
        let home = home_dir(env);
        let config_path = file_path(env, "AWS_CONFIG_FILE", &home, "config");
        let creds_path = file_path(env, "AWS_SHARED_CREDENTIALS_FILE", &home, "credentials");
        let mut sources = Vec::new();
        let config = read_file(config_path.as_ref(), "config", &mut sources);
        let credentials = read_file(creds_path.as_ref(), "credentials", &mut sources);
        let mut set = ProfileSet::parse(&config, &credentials);
        set.sources = sources;
        set
    }

    fn merge(&mut self, name: String, properties: Vec<(String, String)>) {
        let profile = self.profiles.entry(name).or_default();
        for (key, value) in properties {
            profile.insert(key, value);
        }
    }

    /// Whether a profile of that name exists in either file.
    pub fn has_profile(&self, name: &str) -> bool {
        self.profiles.contains_key(name)
    }

    /// A non-empty property of a profile.
    pub fn get(&self, profile: &str, key: &str) -> Option<&str> {
        self.profiles
            .get(profile)
            .and_then(|p| p.get(key))
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The names of all profiles.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }

    fn describe_sources(&self) -> String {
        if self.sources.is_empty() {
            "no shared files read".to_owned()
        } else {
            self.sources.join(", ")
        }
    }
}

fn home_dir(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(home) = non_empty(env, "HOME").or_else(|| non_empty(env, "USERPROFILE")) {
        return Some(PathBuf::from(home));
    }
    match (non_empty(env, "HOMEDRIVE"), non_empty(env, "HOMEPATH")) {
        (Some(drive), Some(path)) => Some(PathBuf::from(format!("{drive}{path}"))),
        _ => None,
    }
}

fn file_path(
    env: &dyn Fn(&str) -> Option<String>,
    var: &str,
    home: &Option<PathBuf>,
    default_name: &str,
) -> Option<PathBuf> {
    match non_empty(env, var) {
        Some(path) => {
            let path = path.trim();
            if path == "~" {
                home.clone()
            } else if let Some(rest) = path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\"))
            {
                home.as_ref().map(|h| h.join(rest))
            } else {
                Some(PathBuf::from(path))
            }
        }
        None => home.as_ref().map(|h| h.join(".aws").join(default_name)),
    }
}

fn read_file(path: Option<&PathBuf>, what: &str, sources: &mut Vec<String>) -> String {
    let Some(path) = path else {
        sources.push(format!("no {what} file: home directory unknown"));
        return String::new();
    };
    match std::fs::read(path) {
        Ok(bytes) => {
            sources.push(format!("read {}", path.display()));
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            sources.push(format!("{} not found", path.display()));
            String::new()
        }
        Err(e) => {
            sources.push(format!("{} unreadable: {e}", path.display()));
            String::new()
        }
    }
}
