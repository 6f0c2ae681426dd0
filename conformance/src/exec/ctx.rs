//! One target while a run checks it: its clients, its share of the run's
//! creates, the customers its update cases lease, its 429 cool-down, and the
//! report form of the requests its cases send. Every case family runs in it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use shopspec_client::{AnyClient, BuildError, RateLimiter, RetryPolicy, Token};
use shopspec_model::{Api, Operation};

use super::{Answer, Auth};
use crate::payloads::Fill;
use crate::pool::CustomerPool;
use crate::report::{Created, RequestRecord};
use crate::target::{Plan as TokenPlan, StoreTarget};

/// State shared by every target of a run.
pub(crate) struct RunShared {
    pub(crate) run_id: String,
    counter: AtomicU32,
    created: Mutex<Vec<Created>>,
}

impl RunShared {
    pub(crate) fn new(run_id: String) -> RunShared {
        RunShared {
            run_id,
            counter: AtomicU32::new(0),
            created: Mutex::new(Vec::new()),
        }
    }

    /// The customers the run created so far.
    pub(crate) fn created(&self) -> Vec<Created> {
        self.created
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// One target while it runs.
pub(crate) struct TargetCtx {
    pub(crate) target: StoreTarget,
    pub(crate) client: AnyClient,
    probe: AnyClient,
    probe_plan: Option<TokenPlan>,
    pub(crate) wrong_token: String,
    shared: Arc<RunShared>,
    /// The customers update cases lease.
    pub(crate) pool: CustomerPool,
    /// Creates the run may still send to this target.
    creates_left: AtomicUsize,
    /// The most creates the run may send to this target.
    create_budget: usize,
    /// The client's pacing budget, drained when the store answers 429.
    limiter: Option<RateLimiter>,
    /// No request goes out before this instant (set by a 429).
    cooldown: std::sync::Mutex<Option<tokio::time::Instant>>,
    /// Set when the store refused the run's token in the middle of the run:
    /// the remaining cases of the target are not sent.
    refused: std::sync::OnceLock<String>,
}

impl TargetCtx {
    pub(crate) fn new(
        target: StoreTarget,
        shared: Arc<RunShared>,
        http: &reqwest::Client,
    ) -> Result<TargetCtx, BuildError> {
        let limiter = target.pacing.limiter(target.api);
        let client = build_client(
            &target,
            http,
            target.token.clone(),
            limiter.clone(),
            RetryPolicy::default(),
        )?;
        // The rate-limit probe goes out unpaced and unretried: it must see the 429s.
        let (probe_token, probe_plan) = match &target.rate_limit_token {
            Some(t) => (t.token.clone(), Some(t.plan)),
            None => (target.token.clone(), target.plan),
        };
        let probe = build_client(&target, http, probe_token, None, RetryPolicy::none())?;
        let wrong_token = super::wrong_token(&shared.run_id);
        // One customer per case in flight: a case never waits for a lease, and a
        // run creates at most `concurrency` customers for its update cases.
        let pool = CustomerPool::new(target.concurrency);
        let create_budget = crate::footprint::footprint(&target).at_most;
        pool.seed(target.reuse.iter().cloned());
        Ok(TargetCtx {
            target,
            client,
            probe,
            probe_plan,
            wrong_token,
            shared,
            pool,
            creates_left: AtomicUsize::new(create_budget),
            create_budget,
            limiter,
            cooldown: std::sync::Mutex::new(None),
            refused: std::sync::OnceLock::new(),
        })
    }

    /// A fresh fill: a new run-unique email and numbers.
    pub(crate) fn new_fill(&self) -> Fill {
        let n = self.shared.counter.fetch_add(1, Ordering::Relaxed) + 1;
        let run = &self.shared.run_id;
        // Digits derived from the run id keep numbers distinct between runs.
        let run_digits: u32 = run
            .bytes()
            .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
            % 10_000;
        Fill {
            api: self.target.api,
            email: format!("shopspec-{run}-{n}@{}", self.target.email_domain),
            marker: format!("shopspec conformance run {run}"),
            id: None,
            phone: format!("00861{run_digits:04}{:06}", n % 1_000_000),
            mobile: format!("9{:03}{:05}", run_digits % 1000, n % 100_000),
        }
    }

    /// Takes one create from the target's budget ([`crate::Footprint::at_most`]);
    /// `false` when it is spent.
    pub(crate) fn reserve_create(&self) -> bool {
        self.creates_left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }

    /// Gives back a reserved create the store did not make.
    pub(crate) fn unreserve_create(&self) {
        self.creates_left.fetch_add(1, Ordering::SeqCst);
    }

    /// The create budget of the target, for the skip message.
    pub(crate) fn create_budget(&self) -> usize {
        self.create_budget
    }

    /// Records a customer a create made, and the case that sent it.
    pub(crate) fn created(
        &self,
        answer: &Answer,
        sent_email: Option<String>,
        case: Option<String>,
    ) {
        let Some(customer) = super::customer_of(self.target.api, answer) else {
            return;
        };
        let Some(id) = super::id_string(customer) else {
            return;
        };
        let email = customer
            .get("email")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or(sent_email);
        let mut created = self
            .shared
            .created
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        created.push(Created {
            api: self.target.api,
            version: self.target.version(),
            id,
            email,
            case,
        });
    }

    /// Why the store refused the run's token earlier in the run, if it did.
    pub(crate) fn refused(&self) -> Option<&String> {
        self.refused.get()
    }

    /// The store refused the run's token: the target's remaining cases are
    /// not sent. The first reason is kept.
    pub(crate) fn refuse(&self, why: String) {
        let _ = self.refused.set(why);
    }

    /// Waits out a cool-down a 429 answer started.
    pub(crate) async fn wait_for_cooldown(&self) {
        let until = *self.cooldown.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(until) = until {
            tokio::time::sleep_until(until).await;
        }
    }

    /// The store answered 429: the request was not processed. Every request to
    /// this target waits `wait`, and the pacing budget starts again from empty,
    /// since the store's bucket is full whatever the client assumed.
    pub(crate) fn throttled(&self, wait: Duration) {
        let until = tokio::time::Instant::now() + wait;
        {
            let mut cooldown = self.cooldown.lock().unwrap_or_else(|p| p.into_inner());
            if cooldown.is_none_or(|c| c < until) {
                *cooldown = Some(until);
            }
        }
        if let Some(limiter) = &self.limiter {
            // Bounded by the burst: each call takes one request from the budget.
            while limiter.try_acquire() {}
        }
        tracing::debug!(
            target = %self.target.label(),
            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            "429: backing off"
        );
    }

    /// How long to wait after a 429 that names no `Retry-After`: the time the
    /// documented bucket takes to drain a few requests (myshopline leaks 4 a
    /// second), else one second.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let base = match &self.limiter {
            Some(l) => Duration::from_millis(1000 / u64::from(l.per_second().max(1))) * 4,
            None => Duration::from_secs(1),
        };
        base.saturating_mul(1 << attempt.min(3))
    }

    /// The client of the rate-limit case and the plan of its token.
    pub(crate) fn rate_limit_client(&self) -> Option<(AnyClient, Option<TokenPlan>)> {
        Some((self.probe.clone(), self.probe_plan))
    }

    /// The path of a request below the base URL.
    fn path(&self, op: Operation, id: Option<&str>) -> String {
        let id = id.unwrap_or_default();
        match (self.target.api, op) {
            (Api::Fecify, _) => format!("/api/skill/customer/{op}"),
            (Api::Shopline, Operation::CreateCustomer) => "/v1/customers".to_owned(),
            (Api::Shopline, Operation::UpdateCustomer) => format!("/v1/customers/{id}"),
            (Api::Myshopline, Operation::CreateCustomer) => {
                format!("/admin/openapi/{}/customers.json", self.target.version)
            }
            (Api::Myshopline, Operation::UpdateCustomer) => {
                format!("/admin/openapi/{}/customers/{id}.json", self.target.version)
            }
        }
    }

    /// The report form of a request; the token is always `***`.
    pub(crate) fn request_record(
        &self,
        op: Operation,
        id: Option<&str>,
        body: &Value,
        auth: Auth,
    ) -> RequestRecord {
        let method = match (self.target.api, op) {
            (Api::Fecify, _) | (_, Operation::CreateCustomer) => "POST",
            (_, Operation::UpdateCustomer) => "PUT",
        };
        let mut headers = BTreeMap::new();
        // The real token is always `***`; the wrong token of the auth cases is
        // no secret (it is made from the run id), and showing it keeps the
        // request reproducible.
        let token = match auth {
            Auth::Wrong => self.wrong_token.as_str(),
            Auth::Main | Auth::Missing => "***",
        };
        let (name, value) = match self.target.api {
            Api::Fecify => ("skill-access-token", token.to_owned()),
            _ => ("Authorization", format!("Bearer {token}")),
        };
        if auth != Auth::Missing {
            headers.insert(name.to_owned(), value);
        }
        headers.insert(
            "Content-Type".to_owned(),
            match self.target.api {
                Api::Myshopline => "application/json; charset=utf-8",
                _ => "application/json",
            }
            .to_owned(),
        );
        headers.insert("User-Agent".to_owned(), self.target.user_agent.clone());
        RequestRecord {
            method: method.to_owned(),
            path: self.path(op, id),
            headers,
            body: Some(body.clone()),
        }
    }
}

fn build_client(
    target: &StoreTarget,
    http: &reqwest::Client,
    token: Token,
    limiter: Option<RateLimiter>,
    retry: RetryPolicy,
) -> Result<AnyClient, BuildError> {
    macro_rules! common {
        ($b:expr) => {{
            let mut b = $b
                .base_url(target.base_url.clone())
                .http_client(http.clone())
                .token(token)
                .user_agent(target.user_agent.clone())
                .timeout(target.case_timeout)
                .retry_policy(retry)
                .validate(false);
            if let Some(limiter) = limiter {
                b = b.rate_limiter(limiter);
            }
            b
        }};
    }
    Ok(match target.api {
        Api::Fecify => {
            AnyClient::Fecify(common!(shopspec_client::fecify::Client::builder()).build()?)
        }
        Api::Shopline => {
            AnyClient::Shopline(common!(shopspec_client::shopline::Client::builder()).build()?)
        }
        Api::Myshopline => AnyClient::Myshopline(
            common!(shopspec_client::myshopline::Client::builder())
                .version(target.version)
                .build()?,
        ),
    })
}
