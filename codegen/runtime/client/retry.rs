//! The standard retry policy: which failures are worth another attempt and
//! how long to wait before it, plus random helpers (jitter, UUIDs) on `ring`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ring::rand::{SecureRandom, SystemRandom};

/// How many attempts a call makes by default (the first one included).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// The default backoff base: the first retry waits up to this long.
pub const DEFAULT_BASE_DELAY: Duration = Duration::from_millis(100);
/// No backoff is ever longer than this.
pub const MAX_BACKOFF: Duration = Duration::from_secs(20);

/// Error codes that mean "slow down" and are always retried.
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "ThrottledClientException",
];

/// HTTP statuses that mean a transient server-side failure.
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// How many attempts to make and how to space them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts per call, the first one included; 1 disables retries.
    pub max_attempts: u32,
    /// Backoff base: the wait before retry `n` is drawn uniformly from
    /// `0..=base * 2^(n-1)` (full jitter).
    pub base_delay: Duration,
    /// Upper bound of any single wait.
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            base_delay: DEFAULT_BASE_DELAY,
            max_backoff: MAX_BACKOFF,
        }
    }
}

impl RetryConfig {
    /// A policy that makes one attempt only.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        }
    }

    /// The longest wait after `attempts_made` failed attempts (1 for the
    /// first retry): `base * 2^(attempts_made - 1)`, capped.
    pub fn max_delay(&self, attempts_made: u32) -> Duration {
        let exponent = attempts_made.saturating_sub(1).min(62);
        let factor = 1u64 << exponent;
        let cap = self.max_backoff;
        let nanos = self
            .base_delay
            .as_nanos()
            .saturating_mul(u128::from(factor));
        let delay = u64::try_from(nanos).map_or(Duration::MAX, Duration::from_nanos);
        delay.min(cap)
    }

    /// The wait after `attempts_made` failed attempts, with full jitter:
    /// `jitter` (in `0.0..=1.0`, clamped) times [`RetryConfig::max_delay`].
    pub fn backoff(&self, attempts_made: u32, jitter: f64) -> Duration {
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let ceiling = self.max_delay(attempts_made);
        Duration::try_from_secs_f64(ceiling.as_secs_f64() * jitter)
            .map_or(ceiling, |d| d.min(ceiling))
    }
}

/// Why a failure may or may not be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryKind {
    /// No response arrived (connection or I/O failure).
    TransportError,
    /// The attempt ran out of time.
    Timeout,
    /// A 500, 502, 503 or 504 response.
    ServerError,
    /// A 429 response or a throttling error code.
    Throttling,
    /// Anything else: success, or an error that will not go away.
    NotRetryable,
}

impl RetryKind {
    /// Whether another attempt is worth making.
    pub fn is_retryable(self) -> bool {
        !matches!(self, RetryKind::NotRetryable)
    }
}

/// Whether `code` is one of the [`THROTTLING_ERROR_CODES`].
pub fn is_throttling_code(code: &str) -> bool {
    THROTTLING_ERROR_CODES.contains(&code)
}

/// Classifies a response by its status and error code (see
/// `crate::rt::client::error_code`). Successes and other 4xx errors are not
/// retryable.
pub fn classify_response(status: u16, error_code: Option<&str>) -> RetryKind {
    if (200..300).contains(&status) {
        return RetryKind::NotRetryable;
    }
    if status == 429 || error_code.is_some_and(is_throttling_code) {
        return RetryKind::Throttling;
    }
    if TRANSIENT_STATUS_CODES.contains(&status) {
        return RetryKind::ServerError;
    }
    RetryKind::NotRetryable
}

/// A uniform random number in `0.0..1.0` for backoff jitter.
pub fn jitter() -> f64 {
    let mut bytes = [0u8; 8];
    fill_random(&mut bytes);
    let bits = u64::from_le_bytes(bytes) >> 11;
    bits as f64 / (1u64 << 53) as f64
}

/// A random (version 4) UUID in its lowercase hyphenated form, for
/// idempotency tokens and invocation ids.
pub fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    fill_random(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        for n in [byte >> 4, byte & 0x0f] {
            out.push(char::from_digit(u32::from(n), 16).unwrap_or('0'));
        }
    }
    out
}

/// Fills `out` from the OS generator; should that ever fail, falls back to
/// an xorshift generator seeded from the clock (good enough for jitter and
/// unique ids, which is all this is used for).
fn fill_random(out: &mut [u8]) {
    if SystemRandom::new().fill(out).is_ok() {
        return;
    }
    static STATE: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut x = STATE.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed) ^ nanos;
    if x == 0 {
        x = 0x2545_F491_4F6C_DD1D;
    }
    for chunk in out.chunks_mut(8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        for (slot, byte) in chunk.iter_mut().zip(x.to_le_bytes()) {
            *slot = byte;
        }
    }
    STATE.fetch_xor(x, Ordering::Relaxed);
}
