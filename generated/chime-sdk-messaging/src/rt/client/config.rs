// Copied by `cargo xtask codegen` from codegen/runtime. DO NOT EDIT HERE.

//! Client configuration: region, endpoint, credentials, retries, timeouts
//! and transport, set in code or read from the environment.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::rt::client::credentials::{self, DefaultChain, Env, ProvideCredentials};
use crate::rt::client::endpoint;
use crate::rt::client::retry::RetryConfig;
use crate::rt::client::transport::HttpTransport;
use crate::rt::sigv4::Credentials;

/// A configuration that cannot work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    /// An error with the given description.
    pub fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
        }
    }

    /// The description.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Time limits. `None` means no limit of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeoutConfig {
    /// Limit for opening a connection (used by the default transport).
    pub connect: Option<Duration>,
    /// Limit for one attempt: sending the request and reading the response.
    pub attempt: Option<Duration>,
    /// Limit for a whole call, retries and backoff included.
    pub operation: Option<Duration>,
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        TimeoutConfig {
            connect: Some(Duration::from_millis(3100)),
            attempt: None,
            operation: None,
        }
    }
}

/// The clock used for signing.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Everything a client needs besides the service description. Build one with
/// [`Config::builder`] or [`Config::from_env`]; cloning is cheap.
#[derive(Clone)]
pub struct Config {
    region: String,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    credentials: Arc<dyn ProvideCredentials>,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    transport: Option<Arc<dyn HttpTransport>>,
    user_agent_suffix: Option<String>,
    clock: Option<Clock>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("custom_transport", &self.transport.is_some())
            .field("user_agent_suffix", &self.user_agent_suffix)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// An empty builder.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// A configuration from the process environment: see [`Config::from_env_with`].
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_env_with(credentials::process_env())
    }

    /// A configuration from the given environment:
    ///
    /// - region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then `region` of the
    ///   profile (`AWS_PROFILE` or `default`) in the shared config file;
    /// - credentials: the default chain (environment, then profile), looked
    ///   up at the first call;
    /// - `AWS_ENDPOINT_URL`, `AWS_USE_FIPS_ENDPOINT`,
    ///   `AWS_USE_DUALSTACK_ENDPOINT` (`true`/`false`), `AWS_MAX_ATTEMPTS`.
    ///
    /// Fails when no region is found or a variable holds a bad value.
    pub fn from_env_with(env: Env) -> Result<Config, ConfigError> {
        Self::builder_from_env(env)?.build()
    }

    /// Like [`Config::from_env_with`] but returns the builder, to adjust
    /// before building.
    pub fn builder_from_env(env: Env) -> Result<ConfigBuilder, ConfigError> {
        let get = |name: &str| {
            env(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut builder = ConfigBuilder {
            region: get("AWS_REGION")
                .or_else(|| get("AWS_DEFAULT_REGION"))
                .or_else(|| credentials::profile_region(&*env)),
            endpoint_url: get("AWS_ENDPOINT_URL"),
            use_fips: parse_bool(get("AWS_USE_FIPS_ENDPOINT"), "AWS_USE_FIPS_ENDPOINT")?,
            use_dual_stack: parse_bool(
                get("AWS_USE_DUALSTACK_ENDPOINT"),
                "AWS_USE_DUALSTACK_ENDPOINT",
            )?,
            credentials: Some(Arc::new(DefaultChain::with_env(env.clone()))),
            ..ConfigBuilder::default()
        };
        if let Some(value) = get("AWS_MAX_ATTEMPTS") {
            let attempts = value
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    ConfigError::new(format!(
                        "AWS_MAX_ATTEMPTS must be a whole number of at least 1, not `{value}`"
                    ))
                })?;
            builder.max_attempts = Some(attempts);
        }
        Ok(builder)
    }

    /// A builder holding this configuration.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            region: Some(self.region.clone()),
            endpoint_url: self.endpoint_url.clone(),
            use_fips: Some(self.use_fips),
            use_dual_stack: Some(self.use_dual_stack),
            credentials: Some(self.credentials.clone()),
            max_attempts: Some(self.retry.max_attempts),
            base_delay: Some(self.retry.base_delay),
            max_backoff: Some(self.retry.max_backoff),
            timeouts: self.timeouts,
            transport: self.transport.clone(),
            user_agent_suffix: self.user_agent_suffix.clone(),
            clock: self.clock.clone(),
        }
    }

    /// The region requests are signed for and sent to.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The explicit endpoint URL, if one replaces endpoint resolution.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether FIPS endpoints are used.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack endpoints are used.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The credentials provider.
    pub fn credentials_provider(&self) -> &Arc<dyn ProvideCredentials> {
        &self.credentials
    }

    /// The retry policy.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The time limits.
    pub fn timeouts(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// The custom transport, if one was set (otherwise the client uses
    /// [`HyperTransport`](crate::rt::client::transport::HyperTransport)).
    pub fn transport(&self) -> Option<&Arc<dyn HttpTransport>> {
        self.transport.as_ref()
    }

    /// Text appended to the `User-Agent` header.
    pub fn user_agent_suffix(&self) -> Option<&str> {
        self.user_agent_suffix.as_deref()
    }

    /// The current time by the configured clock (the system clock unless
    /// one was set).
    pub fn now(&self) -> SystemTime {
        match &self.clock {
            Some(clock) => clock(),
            None => SystemTime::now(),
        }
    }
}

fn parse_bool(value: Option<String>, name: &str) -> Result<Option<bool>, ConfigError> {
    match value {
        None => Ok(None),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(v) => Err(ConfigError::new(format!(
            "{name} must be `true` or `false`, not `{v}`"
        ))),
    }
}

/// Collects settings for a [`Config`]; every setter consumes and returns
/// the builder.
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    max_attempts: Option<u32>,
    base_delay: Option<Duration>,
    max_backoff: Option<Duration>,
    timeouts: TimeoutConfig,
    transport: Option<Arc<dyn HttpTransport>>,
    user_agent_suffix: Option<String>,
    clock: Option<Clock>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl ConfigBuilder {
    /// The region, e.g. `us-east-1`. Required.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to this URL instead of the resolved endpoint,
    /// e.g. `http://localhost:4566`.
    #[must_use]
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Uses FIPS endpoints.
    #[must_use]
    pub fn use_fips(mut self, enabled: bool) -> Self {
        self.use_fips = Some(enabled);
        self
    }

    /// Uses dual-stack (IPv4 and IPv6) endpoints.
    #[must_use]
    pub fn use_dual_stack(mut self, enabled: bool) -> Self {
        self.use_dual_stack = Some(enabled);
        self
    }

    /// Takes credentials from this provider. The default is the chain of
    /// environment variables and shared profile files.
    #[must_use]
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Takes credentials from this shared provider.
    #[must_use]
    pub fn shared_credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Signs with these fixed credentials.
    #[must_use]
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Attempts per call, the first included (default 3; 1 disables retries).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts);
        self
    }

    /// The backoff base (default 100 ms).
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = Some(delay);
        self
    }

    /// The longest single backoff (default 20 s).
    #[must_use]
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = Some(delay);
        self
    }

    /// The whole retry policy at once.
    #[must_use]
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.max_attempts = Some(retry.max_attempts);
        self.base_delay = Some(retry.base_delay);
        self.max_backoff = Some(retry.max_backoff);
        self
    }

    /// The connect timeout of the default transport (default 3.1 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = Some(timeout);
        self
    }

    /// A time limit for each attempt.
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.attempt = Some(timeout);
        self
    }

    /// A time limit for a whole call, retries included.
    #[must_use]
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.operation = Some(timeout);
        self
    }

    /// All time limits at once.
    #[must_use]
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Sends requests through this transport instead of the default one.
    #[must_use]
    pub fn transport(mut self, transport: Arc<dyn HttpTransport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Appends this text to the `User-Agent` header.
    #[must_use]
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Replaces the clock used for signing (for tests, or to correct a
    /// skewed system clock).
    #[must_use]
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Checks the settings and builds the configuration. Fails without a
    /// region, with a region that is not a host label, with a bad endpoint
    /// URL, or with zero attempts.
    pub fn build(self) -> Result<Config, ConfigError> {
        let region = self
            .region
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty());
        let region = region.ok_or_else(|| {
            ConfigError::new(
                "no AWS region configured: set one with `ConfigBuilder::region`, \
                 the AWS_REGION environment variable, or `region` in the shared config file",
            )
        })?;
        endpoint::validate_region(&region).map_err(|e| ConfigError::new(e.to_string()))?;
        let endpoint_url = match self.endpoint_url {
            Some(url) => Some(
                endpoint::validate_endpoint_url(&url)
                    .map_err(|e| ConfigError::new(e.to_string()))?,
            ),
            None => None,
        };
        let defaults = RetryConfig::default();
        let retry = RetryConfig {
            max_attempts: self.max_attempts.unwrap_or(defaults.max_attempts),
            base_delay: self.base_delay.unwrap_or(defaults.base_delay),
            max_backoff: self.max_backoff.unwrap_or(defaults.max_backoff),
        };
        if retry.max_attempts == 0 {
            return Err(ConfigError::new("max_attempts must be at least 1"));
        }
        let credentials = match self.credentials {
            Some(provider) => provider,
            None => Arc::new(DefaultChain::new()),
        };
        Ok(Config {
            region,
            endpoint_url,
            use_fips: self.use_fips.unwrap_or(false),
            use_dual_stack: self.use_dual_stack.unwrap_or(false),
            credentials,
            retry,
            timeouts: self.timeouts,
            transport: self.transport,
            user_agent_suffix: self.user_agent_suffix,
            clock: self.clock,
        })
    }
}
