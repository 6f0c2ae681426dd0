//! [`RateLimiter`]: client-side pacing that keeps to a store's request budget.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultDirectRateLimiter, Quota};

/// A shared request budget: a steady rate plus a burst (a GCRA leaky bucket).
///
/// Cheap to clone; clones share one budget, so give every client that talks to
/// the same store (with the same app) the same limiter. Each attempt, retries
/// included, takes one request from the budget and waits when it is spent.
///
/// ```
/// use shopspec_client::RateLimiter;
/// let limiter = RateLimiter::myshopline_default();
/// assert_eq!((limiter.per_second(), limiter.burst()), (4, 39));
/// let shared = limiter.clone(); // same budget
/// assert!(shared.try_acquire());
/// ```
#[derive(Clone)]
pub struct RateLimiter {
    inner: Arc<DefaultDirectRateLimiter>,
    per_second: NonZeroU32,
    burst: NonZeroU32,
}

impl RateLimiter {
    /// A budget of `per_second` requests a second with bursts of up to `burst`.
    pub fn new(per_second: NonZeroU32, burst: NonZeroU32) -> Self {
        let quota = Quota::per_second(per_second).allow_burst(burst);
        RateLimiter {
            inner: Arc::new(governor::RateLimiter::direct(quota)),
            per_second,
            burst,
        }
    }

    /// Keeps inside the SHOPLINE Admin REST API budget: 4 requests a second per
    /// app per store, bucket size 40
    /// (<https://developer.shopline.com/zh-hans-cn/docs/apps/api-instructions-for-use/rest-admin-api/flow-control.md>).
    ///
    /// The burst is 39, one request below the bucket: the store measures
    /// arrival times, and a request that took longer to arrive than a later
    /// one (the first one also opens the connection) would otherwise overflow
    /// the store's bucket by one. One request of headroom absorbs 250 ms of
    /// such jitter (spec/errata.md E-MSL-20).
    pub fn myshopline_default() -> Self {
        const FOUR: NonZeroU32 = NonZeroU32::new(4).expect("4 is not zero");
        const BURST: NonZeroU32 = NonZeroU32::new(39).expect("39 is not zero");
        RateLimiter::new(FOUR, BURST)
    }

    /// Requests a second.
    pub fn per_second(&self) -> u32 {
        self.per_second.get()
    }

    /// Largest burst.
    pub fn burst(&self) -> u32 {
        self.burst.get()
    }

    /// Waits until the budget allows one more request, and takes it.
    pub async fn acquire(&self) {
        self.inner.until_ready().await;
    }

    /// Takes one request from the budget if it allows one now; `false` otherwise.
    pub fn try_acquire(&self) -> bool {
        self.inner.check().is_ok()
    }
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("per_second", &self.per_second)
            .field("burst", &self.burst)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_myshopline_budget_allows_a_burst_below_the_bucket_then_refuses() {
        let limiter = RateLimiter::myshopline_default();
        // At 4 requests a second a new request frees up every 250 ms: the 40th
        // request, made microseconds after the first, must be refused.
        let granted = (0..40).filter(|_| limiter.try_acquire()).count();
        assert_eq!(granted, 39);
    }

    #[test]
    fn clones_share_one_budget() {
        let one = NonZeroU32::MIN;
        let limiter = RateLimiter::new(one, one);
        let clone = limiter.clone();
        assert!(limiter.try_acquire());
        assert!(!clone.try_acquire());
    }

    #[tokio::test]
    async fn acquire_waits_for_the_budget_instead_of_failing() {
        let limiter = RateLimiter::new(
            NonZeroU32::new(1000).unwrap_or(NonZeroU32::MIN),
            NonZeroU32::MIN,
        );
        assert!(limiter.try_acquire());
        assert!(!limiter.try_acquire());
        // A refused request is paced, not dropped: acquire returns once the
        // budget refills (about 1 ms here); the generous bound only turns a hang
        // into a failure.
        let waited =
            tokio::time::timeout(std::time::Duration::from_secs(5), limiter.acquire()).await;
        assert!(waited.is_ok());
    }
}
