//! Tokens, plans and the per-token leaky bucket.

use std::fmt;
use std::num::NonZeroU32;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use shopspec_model::Api;
use subtle::ConstantTimeEq;

/// A secret that never shows in `Debug` output, logs or reports.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// A random 32-character token, for when the user chose none.
    pub(crate) fn generate() -> Self {
        use rand::Rng;
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let mut rng = rand::rng();
        let token: String = (0..32)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        Secret(token)
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Constant-time comparison, so response timing does not leak how much of a
    /// guessed token was right.
    fn matches(&self, candidate: &[u8]) -> bool {
        self.0.as_bytes().ct_eq(candidate).into()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The rate-limit plan of a token.
///
/// Source: reference myshopline-admin-api.md §7, "REST Admin: standard 4 req/s,
/// Enterprise *Unlimited*" (<https://developer.shopline.com/zh-hans-cn/docs/apps/api-instructions-for-use/shopline-api-rate-limit>).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Plan {
    /// The documented leaky bucket on the SHOPLINE Admin REST API: 4 requests/s
    /// drain, bucket size 40, one bucket per token (per app per store).
    #[default]
    Standard,
    /// SHOPLINE Enterprise: no rate limit.
    Unlimited,
}

/// Leak rate of the myshopline bucket. Source:
/// <https://developer.shopline.com/docs/apps/api-instructions-for-use/rest-admin-api/flow-control.md>
const BUCKET_RATE_PER_SECOND: u32 = 4;
/// Size of the myshopline bucket. Source: same page as [`BUCKET_RATE_PER_SECOND`].
const BUCKET_SIZE: u32 = 40;

pub(crate) struct TokenEntry {
    pub(crate) api: Api,
    secret: Secret,
    pub(crate) plan: Plan,
    /// GCRA with burst 40 and 4/s is the same contract as the documented leaky bucket.
    limiter: Option<DefaultDirectRateLimiter>,
}

impl fmt::Debug for TokenEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenEntry")
            .field("api", &self.api)
            .field("secret", &self.secret)
            .field("plan", &self.plan)
            .finish()
    }
}

/// Every valid token of the sandbox.
#[derive(Debug)]
pub(crate) struct Tokens {
    entries: Vec<TokenEntry>,
}

/// The token a request authenticated with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenId(usize);

impl Tokens {
    pub(crate) fn new(list: Vec<(Api, Secret, Plan)>, rate_limit: bool) -> Self {
        let entries = list
            .into_iter()
            .map(|(api, secret, plan)| {
                // The bucket is documented for the Admin REST API only.
                let limited = rate_limit && plan == Plan::Standard && api == Api::Myshopline;
                TokenEntry {
                    api,
                    secret,
                    plan,
                    limiter: limited.then(|| RateLimiter::direct(bucket_quota())),
                }
            })
            .collect();
        Tokens { entries }
    }

    /// The token presented for `api`, if it is valid. Every candidate is compared
    /// in constant time.
    pub(crate) fn authenticate(&self, api: Api, presented: Option<&[u8]>) -> Option<TokenId> {
        let presented = presented?;
        let mut found = None;
        for (i, entry) in self.entries.iter().enumerate() {
            if entry.api == api && entry.secret.matches(presented) && found.is_none() {
                found = Some(TokenId(i));
            }
        }
        found
    }

    /// `false` when the token's bucket is full (the request must be answered 429).
    pub(crate) fn admit(&self, id: TokenId) -> bool {
        match self.entries.get(id.0).and_then(|e| e.limiter.as_ref()) {
            Some(limiter) => limiter.check().is_ok(),
            None => true,
        }
    }

    /// The first (main) token configured for `api`.
    pub(crate) fn main_token(&self, api: Api) -> Option<&Secret> {
        self.entries
            .iter()
            .find(|e| e.api == api)
            .map(|e| &e.secret)
    }
}

fn bucket_quota() -> Quota {
    let rate = NonZeroU32::new(BUCKET_RATE_PER_SECOND).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(BUCKET_SIZE).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(rate).allow_burst(burst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_debug_is_redacted() {
        let s = Secret::new("hunter2-secret");
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn generated_tokens_differ_and_are_long() {
        let a = Secret::generate();
        let b = Secret::generate();
        assert_eq!(a.expose().len(), 32);
        assert_ne!(a.expose(), b.expose());
    }

    #[test]
    fn authenticate_checks_api_and_value() {
        let tokens = Tokens::new(
            vec![
                (Api::Fecify, Secret::new("f"), Plan::Standard),
                (Api::Shopline, Secret::new("s"), Plan::Standard),
            ],
            true,
        );
        assert!(tokens.authenticate(Api::Fecify, Some(b"f")).is_some());
        assert!(tokens.authenticate(Api::Fecify, Some(b"s")).is_none());
        assert!(tokens.authenticate(Api::Fecify, Some(b"ff")).is_none());
        assert!(tokens.authenticate(Api::Fecify, None).is_none());
    }

    #[test]
    fn standard_myshopline_bucket_holds_forty() {
        let tokens = Tokens::new(
            vec![
                (Api::Myshopline, Secret::new("std"), Plan::Standard),
                (Api::Myshopline, Secret::new("ent"), Plan::Unlimited),
            ],
            true,
        );
        let std_id = tokens.authenticate(Api::Myshopline, Some(b"std")).unwrap();
        let ent_id = tokens.authenticate(Api::Myshopline, Some(b"ent")).unwrap();
        let admitted = (0..45).filter(|_| tokens.admit(std_id)).count();
        // 40 at once, plus at most what leaked during the loop (well under 250 ms).
        assert!((40..=41).contains(&admitted), "admitted {admitted}");
        assert!((0..200).all(|_| tokens.admit(ent_id)));
    }
}
