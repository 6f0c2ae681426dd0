//! Settings every client builder shares, and the step that turns them into a [`Core`].

use std::fmt;
use std::time::Duration;

use http::header::HeaderValue;
use reqwest::Url;

use crate::core::{Core, Endpoints, Flavor, Settings};
use crate::{BuildError, RateLimiter, RetryPolicy, Token};

/// Default timeout of a whole request (connect, send, answer).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default `User-Agent`: `shopspec/<version>`. SHOPLINE requires one.
pub const DEFAULT_USER_AGENT: &str = concat!("shopspec/", env!("CARGO_PKG_VERSION"));

#[derive(Clone)]
pub(crate) struct Common {
    pub(crate) token: Option<Token>,
    pub(crate) user_agent: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) retry: RetryPolicy,
    pub(crate) limiter: Option<RateLimiter>,
    pub(crate) validate: bool,
    pub(crate) http: Option<reqwest::Client>,
}

impl Default for Common {
    fn default() -> Self {
        Common {
            token: None,
            user_agent: None,
            timeout: None,
            connect_timeout: None,
            retry: RetryPolicy::default(),
            limiter: None,
            validate: true,
            http: None,
        }
    }
}

impl fmt::Debug for Common {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Common")
            .field("token", &self.token)
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("limiter", &self.limiter)
            .field("validate", &self.validate)
            .field("http_client", &self.http.is_some())
            .finish()
    }
}

impl Common {
    pub(crate) fn build<F: Flavor>(
        self,
        flavor: F,
        base_url: Url,
        endpoints: Endpoints,
    ) -> Result<Core<F>, BuildError> {
        let token = self
            .token
            .filter(|t| !t.is_empty())
            .ok_or(BuildError::MissingToken)?;
        let mut auth = F::auth_value(&token).map_err(|_| BuildError::InvalidToken)?;
        auth.set_sensitive(true);
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| DEFAULT_USER_AGENT.to_owned());
        if user_agent.trim().is_empty() {
            return Err(BuildError::InvalidUserAgent(
                "empty (SHOPLINE requires a User-Agent)".to_owned(),
            ));
        }
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|e| BuildError::InvalidUserAgent(e.to_string()))?;
        let http = match self.http {
            Some(client) => {
                if self.connect_timeout.is_some() {
                    return Err(BuildError::Conflict(
                        "connect_timeout cannot be applied to a caller-supplied reqwest::Client; set it on that client",
                    ));
                }
                client
            }
            None => {
                crate::install_tls_provider();
                reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                    // A redirected POST may turn into a GET or land on another host
                    // with our token: answer the 3xx instead.
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .map_err(BuildError::Http)?
            }
        };
        Ok(Core::new(Settings {
            flavor,
            http,
            base_url,
            endpoints,
            token,
            auth,
            user_agent,
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            retry: self.retry,
            limiter: self.limiter,
            validate: self.validate,
        }))
    }
}

/// The setters every client builder has; the builder needs a `common: Common` field.
macro_rules! common_setters {
    () => {
        /// The access token (required). Sent only in the auth header, marked
        /// sensitive; never shown by `Debug` or logged.
        pub fn token(mut self, token: impl Into<$crate::Token>) -> Self {
            self.common.token = Some(token.into());
            self
        }

        /// The `User-Agent` header (default `shopspec/<version>`). The SHOPLINE
        /// Open API requires one and suggests your handle code.
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.common.user_agent = Some(user_agent.into());
            self
        }

        /// Timeout of each attempt: connect, send and read the whole answer (default 30 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.common.timeout = Some(timeout);
            self
        }

        /// Connect timeout (default 10 s). Not allowed with [`Self::http_client`]:
        /// set it on that client instead.
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.common.connect_timeout = Some(timeout);
            self
        }

        /// When and how to retry (default [`RetryPolicy::default`](crate::RetryPolicy::default);
        /// [`RetryPolicy::none`](crate::RetryPolicy::none) disables).
        pub fn retry_policy(mut self, policy: $crate::RetryPolicy) -> Self {
            self.common.retry = policy;
            self
        }

        /// Paces every attempt through a shared budget (none by default).
        pub fn rate_limiter(mut self, limiter: $crate::RateLimiter) -> Self {
            self.common.limiter = Some(limiter);
            self
        }

        /// Pre-flight validation with `shopspec-validate` (default `true`): a
        /// request that breaks a documented rule fails with
        /// [`Error::Validation`](crate::Error::Validation) before it is sent.
        pub fn validate(mut self, validate: bool) -> Self {
            self.common.validate = validate;
            self
        }

        /// Use this `reqwest::Client` (shares its connection pool and settings).
        /// The client should not follow redirects.
        pub fn http_client(mut self, client: reqwest::Client) -> Self {
            self.common.http = Some(client);
            self
        }
    };
}

pub(crate) use common_setters;

/// Parses a base URL: http(s), a host, no user info, query or fragment; no trailing slash.
pub(crate) fn parse_base_url(input: &str) -> Result<Url, BuildError> {
    let invalid = |url: &Url, reason: &str| BuildError::InvalidBaseUrl {
        url: without_user_info(url),
        reason: reason.to_owned(),
    };
    let mut url = Url::parse(input.trim()).map_err(|e| BuildError::InvalidBaseUrl {
        // Not echoed as given: it may hold credentials.
        url: "(unparsable)".to_owned(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(&url, "the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(&url, "no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            &url,
            "credentials in the URL are not supported; set the token with .token(...)",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(&url, "a base URL cannot have a query or fragment"));
    }
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

fn without_user_info(url: &Url) -> String {
    let mut url = url.clone();
    // Only fails for URLs that cannot have user info, which then have none.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// `base` with `segments` appended to its path.
pub(crate) fn join(base: &Url, segments: &[&str]) -> Result<Url, BuildError> {
    let mut url = base.clone();
    url.path_segments_mut()
        .map_err(|()| BuildError::InvalidBaseUrl {
            url: base.to_string(),
            reason: "the URL cannot take a path".to_owned(),
        })?
        .pop_if_empty()
        .extend(segments);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_their_sub_path_and_lose_the_trailing_slash() {
        let url = parse_base_url("https://shop.example.com/apimanager666/").map(String::from);
        assert_eq!(
            url.ok().as_deref(),
            Some("https://shop.example.com/apimanager666")
        );
        let joined = parse_base_url("http://127.0.0.1:8080/a/")
            .and_then(|u| join(&u, &["api", "skill"]))
            .map(String::from);
        assert_eq!(
            joined.ok().as_deref(),
            Some("http://127.0.0.1:8080/a/api/skill")
        );
    }

    #[test]
    fn bad_base_urls_are_refused_without_echoing_credentials() {
        for bad in [
            "not a url",
            "ftp://example.com",
            "https://example.com/?x=1",
            "https://example.com/#top",
            "mailto:someone@example.com",
        ] {
            assert!(
                matches!(parse_base_url(bad), Err(BuildError::InvalidBaseUrl { .. })),
                "{bad}"
            );
        }
        let err = parse_base_url("https://user:hunter2@example.com").err();
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(text.contains("credentials"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
    }
}
