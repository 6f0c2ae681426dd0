//! Fault injection for retry tests: added latency, forced error statuses and
//! "drop the connection after the write committed".

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use http::StatusCode;
use shopspec_model::{Api, Operation};

/// What an armed fault does to a request it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultAction {
    /// Answer this HTTP status, in the vendor's error shape, without touching the
    /// store. `retry_after` adds a `Retry-After: <seconds>` header.
    Status {
        /// The status to answer.
        status: StatusCode,
        /// Seconds for a `Retry-After` header; none by default (no vendor documents one).
        retry_after: Option<u32>,
    },
    /// Process the request and commit the write, then close the connection without
    /// answering: the client sees a connection error although the customer exists.
    DropAfterCommit,
}

/// One armed fault: an action, the requests it matches, a rate and an optional
/// count ("the next N matching requests").
///
/// ```
/// use shopspec_sandbox::{FaultRule, Api, Operation};
/// use http::StatusCode;
///
/// // The next two myshopline creates answer 503; later ones are served normally.
/// let rule = FaultRule::status(StatusCode::SERVICE_UNAVAILABLE)
///     .api(Api::Myshopline)
///     .operation(Operation::CreateCustomer)
///     .times(2);
/// # let _ = rule;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FaultRule {
    api: Option<Api>,
    operation: Option<Operation>,
    action: FaultAction,
    rate: f64,
    remaining: Option<u64>,
}

impl FaultRule {
    /// Answer `status` for every matching request (rate 1, no count limit).
    pub fn status(status: StatusCode) -> Self {
        FaultRule::new(FaultAction::Status {
            status,
            retry_after: None,
        })
    }

    /// Drop the connection after the write committed, for every matching request.
    pub fn drop_after_commit() -> Self {
        FaultRule::new(FaultAction::DropAfterCommit)
    }

    fn new(action: FaultAction) -> Self {
        FaultRule {
            api: None,
            operation: None,
            action,
            rate: 1.0,
            remaining: None,
        }
    }

    /// Match only requests to `api` (default: every API).
    pub fn api(mut self, api: Api) -> Self {
        self.api = Some(api);
        self
    }

    /// Match only `operation` (default: both operations).
    pub fn operation(mut self, operation: Operation) -> Self {
        self.operation = Some(operation);
        self
    }

    /// Fire for this fraction of matching requests, 0.0 to 1.0 (default 1.0).
    pub fn rate(mut self, rate: f64) -> Self {
        self.rate = if rate.is_nan() {
            0.0
        } else {
            rate.clamp(0.0, 1.0)
        };
        self
    }

    /// Fire at most `n` times, then disarm (deterministic retry tests).
    pub fn times(mut self, n: u64) -> Self {
        self.remaining = Some(n);
        self
    }

    /// Add `Retry-After: <seconds>` to a status fault (ignored for drops).
    pub fn retry_after(mut self, seconds: u32) -> Self {
        if let FaultAction::Status { retry_after, .. } = &mut self.action {
            *retry_after = Some(seconds);
        }
        self
    }

    /// What the rule does.
    pub fn action(&self) -> FaultAction {
        self.action
    }

    /// How many more times the rule fires; `None` for no limit.
    pub fn remaining(&self) -> Option<u64> {
        self.remaining
    }

    fn matches(&self, api: Api, operation: Operation) -> bool {
        self.api.is_none_or(|a| a == api)
            && self.operation.is_none_or(|o| o == operation)
            && self.remaining != Some(0)
    }
}

/// The faults a sandbox starts with; see [`Faults`] to change them at runtime.
///
/// ```
/// use std::time::Duration;
/// use shopspec_sandbox::{FaultConfig, FaultRule};
/// use http::StatusCode;
///
/// let faults = FaultConfig::default()
///     .latency(Duration::from_millis(20))
///     .rule(FaultRule::status(StatusCode::INTERNAL_SERVER_ERROR).rate(0.1));
/// # let _ = faults;
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultConfig {
    latency: Duration,
    rules: Vec<FaultRule>,
}

impl FaultConfig {
    /// Add this delay before every request is handled.
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// Arm a rule. Rules are tried in the order they were added.
    pub fn rule(mut self, rule: FaultRule) -> Self {
        self.rules.push(rule);
        self
    }

    /// The added latency.
    pub fn added_latency(&self) -> Duration {
        self.latency
    }

    /// The armed rules, with their remaining counts.
    pub fn rules(&self) -> &[FaultRule] {
        &self.rules
    }
}

/// The runtime handle on a running sandbox's faults: arm, run, disarm.
///
/// Cloning gives another handle on the same faults.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    inner: Arc<Mutex<FaultConfig>>,
}

impl Faults {
    pub(crate) fn new(config: FaultConfig) -> Self {
        Faults {
            inner: Arc::new(Mutex::new(config)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, FaultConfig> {
        // The state is plain data; a panic elsewhere cannot leave it half-written.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Set the latency added before every request.
    pub fn set_latency(&self, latency: Duration) {
        self.lock().latency = latency;
    }

    /// Arm one more rule.
    pub fn arm(&self, rule: FaultRule) {
        self.lock().rules.push(rule);
    }

    /// Replace every fault with `config`.
    pub fn replace(&self, config: FaultConfig) {
        *self.lock() = config;
    }

    /// Disarm everything: no latency, no rules.
    pub fn clear(&self) {
        *self.lock() = FaultConfig::default();
    }

    /// A snapshot of the current faults.
    pub fn current(&self) -> FaultConfig {
        self.lock().clone()
    }

    pub(crate) fn latency(&self) -> Duration {
        self.lock().latency
    }

    /// The status fault that fires for this request, if any (consuming one count).
    pub(crate) fn take_status(
        &self,
        api: Api,
        operation: Operation,
    ) -> Option<(StatusCode, Option<u32>)> {
        self.take(api, operation, |a| match a {
            FaultAction::Status {
                status,
                retry_after,
            } => Some((status, retry_after)),
            FaultAction::DropAfterCommit => None,
        })
    }

    /// `true` when a drop-after-commit fault fires for this request.
    pub(crate) fn take_drop(&self, api: Api, operation: Operation) -> bool {
        self.take(api, operation, |a| match a {
            FaultAction::DropAfterCommit => Some(()),
            FaultAction::Status { .. } => None,
        })
        .is_some()
    }

    fn take<T>(
        &self,
        api: Api,
        operation: Operation,
        pick: impl Fn(FaultAction) -> Option<T>,
    ) -> Option<T> {
        let mut config = self.lock();
        let mut fired = None;
        for rule in config.rules.iter_mut() {
            if !rule.matches(api, operation) {
                continue;
            }
            let Some(value) = pick(rule.action) else {
                continue;
            };
            if rule.rate < 1.0 && rand::random::<f64>() >= rule.rate {
                continue;
            }
            if let Some(n) = rule.remaining.as_mut() {
                *n -= 1;
            }
            fired = Some(value);
            break;
        }
        config.rules.retain(|r| r.remaining != Some(0));
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_rule_fires_n_times_then_disarms() {
        let faults = Faults::new(FaultConfig::default());
        faults.arm(
            FaultRule::status(StatusCode::SERVICE_UNAVAILABLE)
                .api(Api::Shopline)
                .times(2),
        );
        assert_eq!(
            faults.take_status(Api::Fecify, Operation::CreateCustomer),
            None
        );
        for _ in 0..2 {
            assert_eq!(
                faults.take_status(Api::Shopline, Operation::UpdateCustomer),
                Some((StatusCode::SERVICE_UNAVAILABLE, None))
            );
        }
        assert_eq!(
            faults.take_status(Api::Shopline, Operation::UpdateCustomer),
            None
        );
        assert!(faults.current().rules().is_empty());
    }

    #[test]
    fn rate_zero_never_fires_and_drop_is_separate() {
        let faults = Faults::new(
            FaultConfig::default()
                .rule(FaultRule::status(StatusCode::BAD_GATEWAY).rate(0.0))
                .rule(FaultRule::drop_after_commit().times(1)),
        );
        assert_eq!(
            faults.take_status(Api::Fecify, Operation::CreateCustomer),
            None
        );
        assert!(faults.take_drop(Api::Fecify, Operation::CreateCustomer));
        assert!(!faults.take_drop(Api::Fecify, Operation::CreateCustomer));
    }

    #[test]
    fn retry_after_only_on_status() {
        let rule = FaultRule::status(StatusCode::TOO_MANY_REQUESTS).retry_after(1);
        assert_eq!(
            rule.action(),
            FaultAction::Status {
                status: StatusCode::TOO_MANY_REQUESTS,
                retry_after: Some(1)
            }
        );
        assert_eq!(
            FaultRule::drop_after_commit().retry_after(1).action(),
            FaultAction::DropAfterCommit
        );
    }
}
