//! [`RetryPolicy`]: when and how long to wait before trying a request again.
//!
//! The policy only says how many attempts and how long to wait; *whether* a
//! failure may be retried at all is decided by the operation (see the crate
//! docs, "Retries and duplicate creates").

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use rand::Rng;
use shopspec_model::Operation;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;

use crate::error::Outcome;

/// How often and how patiently a request is retried.
///
/// Defaults: 3 attempts in all, exponential backoff from 200 ms up to 5 s with
/// full jitter, `Retry-After` honoured up to 30 s (a longer wait is not
/// attempted: the call fails with the wait in [`Error::retry_after`](crate::Error::retry_after)).
///
/// ```
/// use std::time::Duration;
/// use shopspec_client::RetryPolicy;
///
/// let policy = RetryPolicy::builder()
///     .max_attempts(5)
///     .base_delay(Duration::from_millis(100))
///     .max_delay(Duration::from_secs(2))
///     .build();
/// assert_eq!(policy.max_attempts(), 5);
/// assert_eq!(RetryPolicy::none().max_attempts(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    jitter: bool,
    honor_retry_after: bool,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            jitter: true,
            honor_retry_after: true,
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// A builder starting from the defaults.
    pub fn builder() -> RetryPolicyBuilder {
        RetryPolicyBuilder {
            policy: RetryPolicy::default(),
        }
    }

    /// Never retry: one attempt per call.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts in all, the first one included (at least 1).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before the first retry.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest backoff between two attempts.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Whether backoffs are drawn at random between zero and the exponential delay
    /// ("full jitter"), so that many clients do not retry in lockstep.
    pub fn jitter(&self) -> bool {
        self.jitter
    }

    /// Whether a `Retry-After` answer header sets the wait.
    pub fn honor_retry_after(&self) -> bool {
        self.honor_retry_after
    }

    /// The longest `Retry-After` the client waits; a longer one ends the call.
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The exponential delay before retry number `retry` (1 for the first retry),
    /// before jitter: `base_delay * 2^(retry-1)`, at most `max_delay`.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(31);
        self.base_delay
            .checked_mul(1u32 << exp)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }

    fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self.backoff_ceiling(retry);
        if !self.jitter || ceiling.is_zero() {
            return ceiling;
        }
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(rand::rng().random_range(0..=nanos))
    }

    /// The wait before the next attempt, or `None` when the call must stop.
    /// `attempt` is the number of the attempt that just failed (1-based).
    pub(crate) fn next_delay(
        &self,
        operation: Operation,
        attempt: u32,
        cause: &RetryCause,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts || !cause.may_retry(operation) {
            return None;
        }
        match cause.retry_after() {
            Some(wait) if self.honor_retry_after => {
                // A store that asks for a longer pause than we are willing to
                // wait gets its answer back instead of an early retry it would refuse.
                (wait <= self.max_retry_after).then_some(wait)
            }
            _ => Some(self.backoff(attempt)),
        }
    }
}

/// Builds a [`RetryPolicy`].
#[derive(Debug, Clone)]
pub struct RetryPolicyBuilder {
    policy: RetryPolicy,
}

impl RetryPolicyBuilder {
    /// Attempts in all, the first one included; `0` is taken as `1`. Default 3.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.policy.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry; doubles on each retry. Default 200 ms.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.policy.base_delay = delay;
        self
    }

    /// The longest backoff. Default 5 s.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.policy.max_delay = delay;
        self
    }

    /// Full jitter on backoffs (default `true`). Turn it off for predictable
    /// delays, e.g. in tests.
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.policy.jitter = jitter;
        self
    }

    /// Let a `Retry-After` header set the wait (default `true`).
    pub fn honor_retry_after(mut self, honor: bool) -> Self {
        self.policy.honor_retry_after = honor;
        self
    }

    /// The longest `Retry-After` to wait for (default 30 s); a longer one ends the call.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.policy.max_retry_after = max;
        self
    }

    /// The policy.
    pub fn build(self) -> RetryPolicy {
        let mut policy = self.policy;
        if policy.base_delay > policy.max_delay {
            policy.max_delay = policy.base_delay;
        }
        policy
    }
}

/// Why an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryCause {
    /// The store answered with this status (and maybe a `Retry-After`).
    Status {
        status: http::StatusCode,
        retry_after: Option<Duration>,
    },
    /// No answer; `outcome` says whether the request may have reached the store.
    Transport { outcome: Outcome },
}

impl RetryCause {
    /// Whether a retry is safe and useful for this operation.
    ///
    /// Updates are idempotent (sending the same fields twice leaves the same
    /// customer), so they are retried on 429, 5xx and transport errors. No API
    /// here takes an idempotency key, so a create is retried only when the store
    /// surely did not process it: a 429 answer or a failed connect
    /// (spec/errata.md E-FEC-12, E-SL-19, E-MSL-20).
    fn may_retry(&self, operation: Operation) -> bool {
        let idempotent = operation == Operation::UpdateCustomer;
        match *self {
            RetryCause::Status { status, .. } => {
                status == http::StatusCode::TOO_MANY_REQUESTS
                    || (idempotent && status.is_server_error())
            }
            RetryCause::Transport { outcome } => idempotent || outcome == Outcome::NotSent,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match *self {
            RetryCause::Status { retry_after, .. } => retry_after,
            RetryCause::Transport { .. } => None,
        }
    }
}

/// Reads a `Retry-After` header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
/// A date in the past means "now" (zero). Unreadable values are ignored.
///
/// ```
/// use http::{HeaderMap, HeaderValue};
/// use std::time::Duration;
/// let mut headers = HeaderMap::new();
/// headers.insert("retry-after", HeaderValue::from_static("7"));
/// assert_eq!(shopspec_client::parse_retry_after(&headers), Some(Duration::from_secs(7)));
/// ```
pub fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    parse_retry_after_value(value, SystemTime::now())
}

fn parse_retry_after_value(value: &str, now: SystemTime) -> Option<Duration> {
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") is RFC 2822 syntax with the
    // obsolete zone name GMT, which the RFC 2822 parser accepts.
    let at = OffsetDateTime::parse(value, &Rfc2822).ok()?;
    let at = SystemTime::from(at);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;

    fn status(code: u16) -> RetryCause {
        RetryCause::Status {
            status: StatusCode::from_u16(code).unwrap_or(StatusCode::IM_A_TEAPOT),
            retry_after: None,
        }
    }

    const CREATE: Operation = Operation::CreateCustomer;
    const UPDATE: Operation = Operation::UpdateCustomer;

    #[test]
    fn creates_retry_only_when_the_store_surely_did_not_process_them() {
        let p = RetryPolicy::default();
        assert!(p.next_delay(CREATE, 1, &status(429)).is_some());
        assert!(p.next_delay(CREATE, 1, &status(500)).is_none());
        assert!(p.next_delay(CREATE, 1, &status(503)).is_none());
        assert!(p.next_delay(CREATE, 1, &status(422)).is_none());
        let not_sent = RetryCause::Transport {
            outcome: Outcome::NotSent,
        };
        let unknown = RetryCause::Transport {
            outcome: Outcome::Unknown,
        };
        assert!(p.next_delay(CREATE, 1, &not_sent).is_some());
        assert!(p.next_delay(CREATE, 1, &unknown).is_none());
    }

    #[test]
    fn updates_retry_on_429_5xx_and_transport_errors_but_not_4xx() {
        let p = RetryPolicy::default();
        for code in [429, 500, 502, 503, 504] {
            assert!(p.next_delay(UPDATE, 1, &status(code)).is_some(), "{code}");
        }
        for code in [400, 401, 404, 422] {
            assert!(p.next_delay(UPDATE, 1, &status(code)).is_none(), "{code}");
        }
        let unknown = RetryCause::Transport {
            outcome: Outcome::Unknown,
        };
        assert!(p.next_delay(UPDATE, 1, &unknown).is_some());
    }

    #[test]
    fn attempts_are_bounded() {
        let p = RetryPolicy::builder().max_attempts(2).build();
        assert!(p.next_delay(UPDATE, 1, &status(500)).is_some());
        assert!(p.next_delay(UPDATE, 2, &status(500)).is_none());
        assert!(
            RetryPolicy::none()
                .next_delay(UPDATE, 1, &status(500))
                .is_none()
        );
        assert_eq!(
            RetryPolicy::builder()
                .max_attempts(0)
                .build()
                .max_attempts(),
            1
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_jitter_stays_below_it() {
        let p = RetryPolicy::builder()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(700))
            .jitter(false)
            .build();
        let delays: Vec<_> = (1..=5).map(|r| p.backoff(r).as_millis()).collect();
        assert_eq!(delays, vec![100, 200, 400, 700, 700]);
        assert_eq!(p.backoff_ceiling(1000), Duration::from_millis(700));

        let jittered = RetryPolicy::builder()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(700))
            .build();
        for retry in 1..=5 {
            for _ in 0..50 {
                assert!(jittered.backoff(retry) <= jittered.backoff_ceiling(retry));
            }
        }
    }

    #[test]
    fn retry_after_sets_the_wait_and_a_too_long_one_stops() {
        let p = RetryPolicy::builder()
            .max_retry_after(Duration::from_secs(10))
            .build();
        let wait = |secs| RetryCause::Status {
            status: StatusCode::TOO_MANY_REQUESTS,
            retry_after: Some(Duration::from_secs(secs)),
        };
        assert_eq!(
            p.next_delay(CREATE, 1, &wait(3)),
            Some(Duration::from_secs(3))
        );
        assert_eq!(p.next_delay(CREATE, 1, &wait(11)), None);
        let ignoring = RetryPolicy::builder()
            .honor_retry_after(false)
            .jitter(false)
            .build();
        assert_eq!(
            ignoring.next_delay(CREATE, 1, &wait(11)),
            Some(Duration::from_millis(200))
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::from(
            OffsetDateTime::parse("Wed, 21 Oct 2015 07:28:00 GMT", &Rfc2822)
                .unwrap_or(OffsetDateTime::UNIX_EPOCH),
        );
        assert_eq!(
            parse_retry_after_value("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after_value("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after_value("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after_value("soon", now), None);
        assert_eq!(parse_retry_after_value("-5", now), None);

        let mut headers = HeaderMap::new();
        assert_eq!(parse_retry_after(&headers), None);
        headers.insert(
            http::header::RETRY_AFTER,
            http::HeaderValue::from_static("7"),
        );
        assert_eq!(parse_retry_after(&headers), Some(Duration::from_secs(7)));
    }
}
