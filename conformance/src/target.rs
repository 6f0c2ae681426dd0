//! [`StoreTarget`]: a store to check, and how to treat it.

use std::fmt;
use std::time::Duration;

use std::num::NonZeroU32;

use shopspec_client::{RateLimiter, Token};
use shopspec_model::Api;
use shopspec_model::myshopline::ApiVersion;

use crate::filter::CaseFilter;

/// The rate-limit plan of a myshopline token.
///
/// Source: <https://developer.shopline.com/zh-hans-cn/docs/apps/api-instructions-for-use/shopline-api-rate-limit>
/// (REST Admin: standard 4 requests/s, Enterprise "Unlimited").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plan {
    /// The documented leaky bucket: 4 requests/s, bucket 40, then 429.
    Standard,
    /// Enterprise: no documented request limit.
    Unlimited,
}

/// How the runner paces requests to a target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pacing {
    /// The vendor's documented limit: myshopline 4 requests/s with a burst of 40
    /// (<https://developer.shopline.com/docs/apps/api-instructions-for-use/rest-admin-api/flow-control.md>);
    /// Fecify documents none; the SHOPLINE Open API bans an IP above 1000 requests in
    /// 5 minutes, more than a whole run sends.
    Documented,
    /// No pacing (a token on an unlimited plan, or the local sandbox).
    Unlimited,
    /// A custom leaky bucket.
    PerSecond {
        /// Requests per second.
        rate: f64,
        /// Requests that may go out at once.
        burst: u32,
    },
}

impl Pacing {
    /// The client-side budget for `api`, if requests must be paced.
    pub(crate) fn limiter(self, api: Api) -> Option<RateLimiter> {
        match self {
            // The client's budget for the documented bucket (errata E-MSL-20).
            Pacing::Documented if api == Api::Myshopline => Some(RateLimiter::myshopline_default()),
            Pacing::Documented | Pacing::Unlimited => None,
            Pacing::PerSecond { rate, burst } => {
                let per_second =
                    NonZeroU32::new(rate.ceil().max(1.0) as u32).unwrap_or(NonZeroU32::MIN);
                let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
                Some(RateLimiter::new(per_second, burst))
            }
        }
    }
}

/// A second token used only by the rate-limit case, so that probing the limit does
/// not slow the other cases down.
#[derive(Clone, PartialEq)]
pub(crate) struct RateLimitToken {
    pub(crate) token: Token,
    pub(crate) plan: Plan,
}

/// A store to check: API, base URL, token and how to treat it.
///
/// Build one with [`StoreTarget::builder`]. `Debug` never shows the token.
#[derive(Clone)]
pub struct StoreTarget {
    pub(crate) api: Api,
    pub(crate) base_url: String,
    pub(crate) token: Token,
    pub(crate) version: ApiVersion,
    pub(crate) user_agent: String,
    pub(crate) email_domain: String,
    pub(crate) allow_writes: bool,
    pub(crate) concurrency: usize,
    pub(crate) pacing: Pacing,
    pub(crate) plan: Option<Plan>,
    pub(crate) rate_limit_token: Option<RateLimitToken>,
    pub(crate) only: CaseFilter,
    pub(crate) case_timeout: Duration,
    pub(crate) strict: bool,
    pub(crate) reuse: Vec<String>,
    pub(crate) max_creates: Option<usize>,
}

impl fmt::Debug for StoreTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreTarget")
            .field("api", &self.api)
            .field("base_url", &self.base_url)
            .field("token", &self.token)
            .field("version", &self.version)
            .field("user_agent", &self.user_agent)
            .field("email_domain", &self.email_domain)
            .field("allow_writes", &self.allow_writes)
            .field("concurrency", &self.concurrency)
            .field("pacing", &self.pacing)
            .field("plan", &self.plan)
            .field(
                "rate_limit_token",
                &self.rate_limit_token.as_ref().map(|t| t.plan),
            )
            .field("only", &self.only)
            .field("strict", &self.strict)
            .field("reuse", &self.reuse.len())
            .field("max_creates", &self.max_creates)
            .finish()
    }
}

impl StoreTarget {
    /// Starts a target for `api` at `base_url`: the Fecify site URL (it may carry a
    /// sub-path such as `/apimanager666`), the SHOPLINE Open API origin, or the
    /// myshopline store origin (`https://{handle}.myshopline.com`).
    pub fn builder(api: Api, base_url: impl Into<String>) -> StoreTargetBuilder {
        StoreTargetBuilder {
            target: StoreTarget {
                api,
                base_url: base_url.into(),
                token: Token::new(""),
                version: ApiVersion::LATEST_STABLE,
                user_agent: format!("shopspec/{}", env!("CARGO_PKG_VERSION")),
                email_domain: "example.com".to_owned(),
                allow_writes: false,
                concurrency: 8,
                pacing: Pacing::Documented,
                plan: None,
                rate_limit_token: None,
                only: CaseFilter::all(),
                case_timeout: Duration::from_secs(30),
                strict: false,
                reuse: Vec::new(),
                max_creates: None,
            },
        }
    }

    /// The API.
    pub fn api(&self) -> Api {
        self.api
    }

    /// The myshopline API version (`None` for the other APIs).
    pub fn version(&self) -> Option<shopspec_model::myshopline::ApiVersion> {
        (self.api == Api::Myshopline).then_some(self.version)
    }

    /// The base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Whether cases that create or change data run.
    pub fn allow_writes(&self) -> bool {
        self.allow_writes
    }

    /// A label such as `fecify` or `myshopline v20260301`.
    pub fn label(&self) -> String {
        match self.version() {
            Some(v) => format!("{} {v}", self.api),
            None => self.api.to_string(),
        }
    }
}

/// Why a target cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// The base URL is not an absolute http(s) URL.
    #[error("base URL `{0}` is not an absolute http:// or https:// URL")]
    BaseUrl(String),
    /// No token (or a blank one) was given.
    #[error("no token given for {0}")]
    MissingToken(Api),
    /// The myshopline version is not one whose rules shopspec knows.
    #[error("API version {0} is not supported (supported: {1})")]
    UnsupportedVersion(ApiVersion, String),
    /// The email domain is empty or not a domain.
    #[error("email domain `{0}` is not a domain name")]
    EmailDomain(String),
}

/// Builder of [`StoreTarget`].
#[derive(Debug, Clone)]
pub struct StoreTargetBuilder {
    target: StoreTarget,
}

impl StoreTargetBuilder {
    /// The access token (Fecify `skill-access-token`, SHOPLINE bearer token).
    pub fn token(mut self, token: impl Into<Token>) -> Self {
        self.target.token = token.into();
        self
    }

    /// The myshopline API version (ignored by the other APIs). Default: the newest stable.
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.target.version = version;
        self
    }

    /// The `User-Agent` header (mandatory for the SHOPLINE Open API: your handle code).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.target.user_agent = user_agent.into();
        self
    }

    /// The domain of the run-unique emails `shopspec-<run>-<n>@<domain>`. Default `example.com`.
    pub fn email_domain(mut self, domain: impl Into<String>) -> Self {
        self.target.email_domain = domain.into();
        self
    }

    /// Whether cases that create or change data run (default: no; they are skipped
    /// with the request they would send).
    pub fn allow_writes(mut self, allow: bool) -> Self {
        self.target.allow_writes = allow;
        self
    }

    /// Cases in flight at once (default 8, at least 1).
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.target.concurrency = concurrency.max(1);
        self
    }

    /// How requests are paced (default: the vendor's documented limit).
    pub fn pacing(mut self, pacing: Pacing) -> Self {
        self.target.pacing = pacing;
        self
    }

    /// The rate-limit plan of the main token, when known. With [`Plan::Unlimited`]
    /// the main token is not paced.
    pub fn plan(mut self, plan: Plan) -> Self {
        self.target.plan = Some(plan);
        if plan == Plan::Unlimited {
            self.target.pacing = Pacing::Unlimited;
        }
        self
    }

    /// A second token used only by the myshopline rate-limit case. With
    /// [`Plan::Standard`] the store must answer 429 once the bucket of 40 overflows;
    /// with an unknown plan (no token given) what the store does is an observation.
    pub fn rate_limit_token(mut self, token: impl Into<Token>, plan: Plan) -> Self {
        self.target.rate_limit_token = Some(RateLimitToken {
            token: token.into(),
            plan,
        });
        self
    }

    /// Only run the cases whose ids match.
    pub fn only(mut self, filter: CaseFilter) -> Self {
        self.target.only = filter;
        self
    }

    /// The longest a case may take (default 30 s).
    pub fn case_timeout(mut self, timeout: Duration) -> Self {
        self.target.case_timeout = timeout;
        self
    }

    /// Strict mode, for people who implement one of these APIs themselves: every
    /// documented constraint must be enforced as a rejection, so accepting a body
    /// the docs leave open (a wrong JSON type, an unknown field, a sentence with
    /// two readings) fails the case instead of being an observation. Default: off.
    pub fn strict(mut self, strict: bool) -> Self {
        self.target.strict = strict;
        self
    }

    /// Customers of this store that earlier runs created (their ids): update
    /// cases that need only *a* customer lease these before creating new ones,
    /// so repeated runs keep a small footprint on a live store.
    pub fn reuse_customers(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        self.target.reuse.extend(ids);
        self
    }

    /// The most customers the run may create on this store (default: no cap
    /// beyond [`crate::Footprint::at_most`]). A case whose create would go over it is
    /// skipped with that reason, before the create is sent.
    pub fn max_creates(mut self, n: usize) -> Self {
        self.target.max_creates = Some(n);
        self
    }

    /// Checks the settings and builds the target.
    pub fn build(self) -> Result<StoreTarget, TargetError> {
        let mut t = self.target;
        let url = t.base_url.trim().trim_end_matches('/').to_owned();
        let rest = url
            .strip_prefix("http://")
            .or_else(|| url.strip_prefix("https://"));
        if rest.is_none_or(|r| r.is_empty() || r.starts_with('/')) {
            return Err(TargetError::BaseUrl(t.base_url));
        }
        t.base_url = url;
        if t.token.is_empty() {
            return Err(TargetError::MissingToken(t.api));
        }
        if t.api == Api::Myshopline && !t.version.is_supported() {
            let supported = ApiVersion::SUPPORTED
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(TargetError::UnsupportedVersion(t.version, supported));
        }
        let domain = t.email_domain.trim().to_owned();
        if domain.is_empty()
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains(['@', ' ', '/'])
        {
            return Err(TargetError::EmailDomain(t.email_domain));
        }
        t.email_domain = domain;
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_checks_its_input() {
        let ok = StoreTarget::builder(Api::Shopline, "http://127.0.0.1:1/")
            .token("secret-token")
            .build()
            .expect("valid target");
        assert_eq!(ok.base_url(), "http://127.0.0.1:1");
        assert!(!ok.allow_writes());
        assert_eq!(ok.version(), None);

        let no_token = StoreTarget::builder(Api::Shopline, "http://127.0.0.1:1").build();
        assert_eq!(
            no_token.err(),
            Some(TargetError::MissingToken(Api::Shopline))
        );

        let bad_url = StoreTarget::builder(Api::Fecify, "127.0.0.1:1")
            .token("t")
            .build();
        assert!(matches!(bad_url, Err(TargetError::BaseUrl(_))));

        let bad_version = StoreTarget::builder(Api::Myshopline, "http://127.0.0.1:1")
            .token("t")
            .version(ApiVersion::V20250601)
            .build();
        assert!(matches!(
            bad_version,
            Err(TargetError::UnsupportedVersion(..))
        ));

        let bad_domain = StoreTarget::builder(Api::Fecify, "http://127.0.0.1:1")
            .token("t")
            .email_domain("nodot")
            .build();
        assert!(matches!(bad_domain, Err(TargetError::EmailDomain(_))));
    }

    #[test]
    fn debug_hides_tokens() {
        let t = StoreTarget::builder(Api::Myshopline, "http://127.0.0.1:1")
            .token("main-secret-1")
            .rate_limit_token("probe-secret-2", Plan::Standard)
            .build()
            .expect("valid target");
        let debug = format!("{t:?}");
        assert!(
            !debug.contains("main-secret-1") && !debug.contains("probe-secret-2"),
            "{debug}"
        );
    }

    #[test]
    fn documented_pacing_applies_to_myshopline_only() {
        let myshopline = Pacing::Documented.limiter(Api::Myshopline).expect("paced");
        assert_eq!(myshopline.per_second(), 4);
        assert!(
            myshopline.burst() <= 40,
            "never more than the documented bucket"
        );
        assert!(Pacing::Documented.limiter(Api::Fecify).is_none());
        assert!(Pacing::Unlimited.limiter(Api::Myshopline).is_none());
        let custom = Pacing::PerSecond {
            rate: 2.5,
            burst: 0,
        }
        .limiter(Api::Fecify)
        .expect("paced");
        assert_eq!((custom.per_second(), custom.burst()), (3, 1));
    }
}
