//! Runs one case against a target and judges the answers.
//!
//! One file per case family, as in `suite/`: [`examples`], [`rules`],
//! [`semantics`] and [`auth_limits`]; this file holds what they share: the
//! per-case state, sending, and the vendor's success and error shapes. [`ctx`]
//! holds the target the cases run in ([`TargetCtx`]).

mod auth_limits;
mod ctx;
mod examples;
mod rules;
mod semantics;

use auth_limits::{auth_case, not_found, rate_limit};
pub(crate) use ctx::{RunShared, TargetCtx};
use examples::example_offline;
use rules::reject;
use semantics::{accept, duplicate};

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::Value;
use shopspec_client::Token;
use shopspec_client::raw::{RawRequest, RawResponse};
use shopspec_model::{Api, Operation};

use crate::case::{Case, Plan};
use crate::payloads::{self, Fill};
use crate::pool::{Known, Lease};
use crate::report::{Exchange, RequestRecord, ResponseRecord, Status};
use crate::spec::Doc;

/// What a case came to.
pub(crate) struct Outcome {
    pub(crate) status: Status,
    pub(crate) message: String,
    pub(crate) exchanges: Vec<Exchange>,
}

/// A verdict of one check.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    Pass(String),
    Observe(String),
    Fail(String),
}

impl Verdict {
    /// Folds several verdicts: any failure fails, else any observation observes.
    fn all(verdicts: Vec<Verdict>) -> Verdict {
        let mut fails = Vec::new();
        let mut observations = Vec::new();
        let mut passes = Vec::new();
        for v in verdicts {
            match v {
                Verdict::Fail(m) => fails.push(m),
                Verdict::Observe(m) => observations.push(m),
                Verdict::Pass(m) => passes.push(m),
            }
        }
        if !fails.is_empty() {
            Verdict::Fail(fails.join("; "))
        } else if !observations.is_empty() {
            Verdict::Observe(observations.join("; "))
        } else {
            Verdict::Pass(
                passes
                    .into_iter()
                    .filter(|m| !m.is_empty())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }
    }
}

/// One answer, as the checks need it.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: http::HeaderMap,
    pub(crate) json: Option<Value>,
    pub(crate) text: String,
    pub(crate) at: Instant,
}

impl Answer {
    fn from_raw(raw: RawResponse) -> Answer {
        let text = String::from_utf8_lossy(raw.body()).into_owned();
        Answer {
            status: raw.status().as_u16(),
            headers: raw.headers().clone(),
            json: raw.json().cloned(),
            text,
            at: Instant::now(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn excerpt(&self) -> String {
        let text: String = self.text.chars().take(300).collect();
        if self.text.chars().count() > 300 {
            format!("{text}...")
        } else {
            text
        }
    }
}

/// How a request authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Auth {
    Main,
    Wrong,
    Missing,
}

/// A request that got no answer the suite can judge.
#[derive(Debug)]
pub(crate) enum NoAnswer {
    /// No answer at all (connection, timeout).
    Transport(shopspec_client::Error),
    /// The store kept answering 429: the request was never processed.
    RateLimited(String),
    /// The create was not sent: the run's create budget is spent.
    Capped(String),
}

impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoAnswer::Transport(e) => write!(f, "{e}"),
            NoAnswer::RateLimited(m) => write!(f, "rate limited: {m}"),
            NoAnswer::Capped(m) => write!(f, "not sent: {m}"),
        }
    }
}

/// How long a case's requests may keep being refused with 429, in all, before
/// the case is skipped as rate limited.
pub(crate) const RATE_LIMIT_PATIENCE: Duration = Duration::from_secs(60);

/// The customer an update case works on, and the state it had before.
pub(crate) struct Subject<'a> {
    pub(crate) id: String,
    pub(crate) state: Value,
    /// Held while the case runs when the customer came from the pool.
    pub(crate) lease: Option<Lease<'a>>,
    /// When the store answered the create, for a customer the case created.
    pub(crate) created_at: Option<Instant>,
}

/// Per-case state: the exchanges so far and the fill of the placeholders.
pub(crate) struct CaseRun<'a> {
    pub(crate) ctx: &'a TargetCtx,
    pub(crate) fill: Fill,
    pub(crate) exchanges: Vec<Exchange>,
    /// Set when a request of the case was refused with 429 until patience ran
    /// out: the case is then skipped, never judged (a 429 is not a verdict).
    pub(crate) rate_limited: Option<String>,
    /// Time this case has waited out 429s so far.
    rate_waited: Duration,
    /// Set when a create was not sent because the run's create budget
    /// (`--max-creates`) is spent: the case is then skipped, never judged.
    pub(crate) capped: Option<String>,
    /// The id of the case, recorded with the customers it creates.
    pub(crate) case: Option<String>,
}

impl<'a> CaseRun<'a> {
    pub(crate) fn new(ctx: &'a TargetCtx) -> Self {
        let fill = ctx.new_fill();
        CaseRun {
            ctx,
            fill,
            exchanges: Vec::new(),
            rate_limited: None,
            rate_waited: Duration::ZERO,
            capped: None,
            case: None,
        }
    }

    fn api(&self) -> Api {
        self.ctx.target.api
    }

    /// The body of the last request sent (placeholders filled).
    pub(crate) fn last_sent(&self) -> Value {
        self.exchanges
            .last()
            .and_then(|e| e.request.body.clone())
            .unwrap_or(Value::Null)
    }

    /// The request record of a body (placeholders filled).
    pub(crate) fn record(
        &self,
        op: Operation,
        id: Option<&str>,
        body: &Value,
        auth: Auth,
    ) -> RequestRecord {
        self.ctx.request_record(op, id, body, auth)
    }

    /// Sends one request and keeps the exchange.
    ///
    /// A 429 means the store did not process the request, so it is never a
    /// verdict: the target backs off (the `Retry-After` it names, else the time
    /// the documented bucket takes to leak a few requests), its pacing restarts
    /// from an empty budget, and the request is sent again, until
    /// [`RATE_LIMIT_PATIENCE`] runs out.
    pub(crate) async fn send(
        &mut self,
        op: Operation,
        id: Option<&str>,
        template: &Value,
        auth: Auth,
    ) -> Result<Answer, NoAnswer> {
        let body = self.fill.apply(template);
        let request = self.record(op, id, &body, auth);
        // Every create takes one from the run's budget before it is sent, so the
        // run never goes over it; a create the store did not make gives it back.
        let creates = op == Operation::CreateCustomer;
        if creates && !self.ctx.reserve_create() {
            let message = format!(
                "not run: the run may create at most {} customer(s) on this store (--max-creates), and that many are made",
                self.ctx.create_budget()
            );
            self.capped = Some(message.clone());
            return Err(NoAnswer::Capped(message));
        }
        let mut refusals: u32 = 0;
        let result = loop {
            self.ctx.wait_for_cooldown().await;
            let mut raw = RawRequest::new(op).body(body.clone());
            if let Some(id) = id {
                raw = raw.id(id);
            }
            raw = match auth {
                Auth::Main => raw,
                Auth::Wrong => raw.token(Token::new(self.ctx.wrong_token.clone())),
                Auth::Missing => raw.no_auth(),
            };
            match self.ctx.client.send_raw_request(raw).await {
                Ok(raw) if raw.status().as_u16() == 429 => {
                    let wait = shopspec_client::parse_retry_after(raw.headers())
                        .unwrap_or_else(|| self.ctx.backoff(refusals));
                    refusals += 1;
                    if self.rate_waited + wait > RATE_LIMIT_PATIENCE {
                        let message = format!(
                            "the store answered 429 to {refusals} attempts; waited {} s in all",
                            self.rate_waited.as_secs()
                        );
                        self.rate_limited = Some(message.clone());
                        if creates {
                            self.ctx.unreserve_create();
                        }
                        self.exchanges.push(Exchange {
                            request,
                            response: Some(response_record(&Answer::from_raw(raw))),
                        });
                        return Err(NoAnswer::RateLimited(message));
                    }
                    self.ctx.throttled(wait);
                    self.rate_waited += wait;
                }
                other => break other,
            }
        };
        match result {
            Ok(raw) => {
                let answer = Answer::from_raw(raw);
                self.exchanges.push(Exchange {
                    request,
                    response: Some(response_record(&answer)),
                });
                if creates && is_success(self.api(), &answer) {
                    let email = body_email(self.api(), &body);
                    self.ctx.created(&answer, email, self.case.clone());
                } else if creates {
                    self.ctx.unreserve_create();
                }
                Ok(answer)
            }
            Err(e) => {
                // No answer: the store may have created it; the budget keeps it.
                self.exchanges.push(Exchange {
                    request,
                    response: None,
                });
                Err(NoAnswer::Transport(e))
            }
        }
    }

    /// Creates a customer for an update case; its customer object and id.
    pub(crate) async fn create_for_update(
        &mut self,
        template: &Value,
    ) -> Result<(Value, String, Instant), Verdict> {
        let answer = self
            .send(Operation::CreateCustomer, None, template, Auth::Main)
            .await
            .map_err(|e| Verdict::Fail(format!("the create this case needs got no answer: {e}")))?;
        if !is_success(self.api(), &answer) {
            return Err(Verdict::Fail(format!(
                "the store refused the valid create this case needs: HTTP {} {}",
                answer.status,
                answer.excerpt()
            )));
        }
        let customer = customer_of(self.api(), &answer)
            .cloned()
            .unwrap_or(Value::Null);
        let id = id_string(&customer).ok_or_else(|| {
            Verdict::Fail(format!(
                "the create answer has no customer id: {}",
                answer.excerpt()
            ))
        })?;
        Ok((customer, id, answer.at))
    }

    /// The customer an update case works on: created from `template` (the case
    /// needs a customer in a given state), else leased from the target's pool.
    /// `fill.id` is set to its id.
    pub(crate) async fn subject(
        &mut self,
        template: Option<&Value>,
    ) -> Result<Subject<'a>, Verdict> {
        let subject = match template {
            Some(template) => {
                let (state, id, at) = self.create_for_update(template).await?;
                Subject {
                    id,
                    state,
                    lease: None,
                    created_at: Some(at),
                }
            }
            None => {
                let (lease, state) = self.lease().await?;
                Subject {
                    id: lease.known.id.clone(),
                    state,
                    lease: Some(lease),
                    created_at: None,
                }
            }
        };
        self.fill.id = Some(subject.id.clone());
        Ok(subject)
    }

    /// Leases a customer from the target's pool (creating one when none is
    /// idle), with its current state; `run.fill.id` is set to its id.
    pub(crate) async fn lease(&mut self) -> Result<(Lease<'a>, Value), Verdict> {
        let ctx = self.ctx;
        loop {
            let slot = ctx.pool.acquire().await;
            let lease = match slot.known.clone() {
                Some(known) => slot.fill(known),
                None => {
                    let template = payloads::minimal_create(self.api(), ctx.target.version);
                    let (customer, id, _) = self.create_for_update(&template).await?;
                    slot.fill(Known {
                        id,
                        state: Some(customer),
                    })
                }
            };
            self.fill.id = Some(lease.known.id.clone());
            let state = match lease.known.state.clone() {
                Some(state) => state,
                // A customer an earlier run created: read its state first. One
                // the store no longer has (deleted by its owner, another store
                // behind the same URL) says nothing about this case: drop it
                // from the pool and take the next, or create one.
                None => match self.read_back(&lease.known.id).await {
                    Ok(state) => state,
                    Err(_) if self.rate_limited.is_none() => {
                        tracing::debug!(id = %lease.known.id, "a known customer cannot be read back; dropped");
                        drop(lease);
                        continue;
                    }
                    Err(e) => return Err(Verdict::Fail(e)),
                },
            };
            return Ok((lease, state));
        }
    }

    /// The customer as the store keeps it, read through the one harmless update
    /// every API has (the run marker in the note or memo).
    pub(crate) async fn read_back(&mut self, id: &str) -> Result<Value, String> {
        let saved = self.fill.id.replace(id.to_owned());
        let template = payloads::minimal_update(self.api(), self.ctx.target.version);
        let answer = self
            .send(Operation::UpdateCustomer, Some(id), &template, Auth::Main)
            .await;
        self.fill.id = saved;
        let answer = answer.map_err(|e| format!("reading the customer back got no answer: {e}"))?;
        if !is_success(self.api(), &answer) {
            return Err(format!(
                "reading the customer back (an update of the note) was refused: HTTP {} {}",
                answer.status,
                answer.excerpt()
            ));
        }
        customer_of(self.api(), &answer)
            .cloned()
            .ok_or_else(|| format!("the read-back answer has no customer: {}", answer.excerpt()))
    }
}

/// Runs `case` (writes already allowed or not needed).
pub(crate) async fn execute(case: &Case, ctx: &TargetCtx) -> Outcome {
    let mut run = CaseRun::new(ctx);
    run.case = Some(case.id.clone());
    let verdict = match &case.plan {
        Plan::Example(example) => example_offline(case, example),
        Plan::Accept {
            create,
            update,
            delay,
            checks,
            refusal,
        } => {
            accept(
                &mut run,
                case,
                create.as_ref(),
                update.as_ref(),
                *delay,
                checks,
                *refusal,
            )
            .await
        }
        Plan::Reject { body, .. } if body.is_null() => {
            // A gap of the suite, not of the store (the suite's tests catch it).
            return Outcome {
                status: Status::Skipped,
                message: "not sent: the suite could not build a body that breaks exactly this rule"
                    .to_owned(),
                exchanges: Vec::new(),
            };
        }
        Plan::Reject {
            body,
            at,
            setup,
            rule,
            on_accept,
            if_accepted,
        } => {
            reject(
                &mut run,
                case,
                body,
                at,
                setup.as_ref(),
                rule,
                on_accept,
                if_accepted,
            )
            .await
        }
        Plan::Duplicate { body, documented } => duplicate(&mut run, case, body, *documented).await,
        Plan::Auth { auth, body } => auth_case(&mut run, case, *auth, body).await,
        Plan::NotFound { body } => not_found(&mut run, case, body).await,
        Plan::RateLimit { body, burst } => rate_limit(&mut run, case, body, *burst).await,
    };
    let (status, message) = match verdict {
        // Not run to the end: the create budget was spent before its create.
        _ if run.capped.is_some() => (Status::Skipped, run.capped.take().unwrap_or_default()),
        // A 429 is never a verdict: the store did not process the request.
        _ if run.rate_limited.is_some() => (
            Status::Skipped,
            format!(
                "rate limited: {}",
                run.rate_limited.take().unwrap_or_default()
            ),
        ),
        Verdict::Pass(m) => (
            Status::Passed,
            if m.is_empty() {
                "as documented".to_owned()
            } else {
                m
            },
        ),
        Verdict::Observe(m) => (Status::Observation, m),
        Verdict::Fail(m) => (Status::Failed, m),
    };
    Outcome {
        status,
        message,
        exchanges: run.exchanges,
    }
}

/// An id no store holds.
pub(crate) fn missing_id(api: Api) -> &'static str {
    match api {
        Api::Fecify => "2147483646",
        Api::Shopline => "000000000000000000000000",
        Api::Myshopline => "999999999999999999",
    }
}

/// `true` when the answer is a success: Fecify `code` 200 (any other code is a
/// failure, https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html), a 2xx for SHOPLINE.
pub(crate) fn is_success(api: Api, answer: &Answer) -> bool {
    let ok = (200..300).contains(&answer.status);
    match api {
        Api::Fecify => {
            ok && answer
                .json
                .as_ref()
                .and_then(|j| j.get("code"))
                .and_then(Value::as_i64)
                == Some(200)
        }
        Api::Shopline | Api::Myshopline => ok,
    }
}

/// Fecify's answer to a missing or refused `skill-access-token`: FecShop's token
/// filter answers `{"code": 1100003, "message": "token is time out"}` (errata
/// E-FEC-4; yii/filters/auth/AppapiQueryParamAuth.php in FecShop).
pub(crate) const FECIFY_TOKEN_ERROR: i64 = 1100003;

/// Why the store refused the token a request carried, when it did: HTTP 401 on
/// any API, or Fecify's token error ([`FECIFY_TOKEN_ERROR`]). `None` for any
/// other answer, including 403 (a token accepted without the scope).
pub(crate) fn token_refusal(api: Api, status: u16, json: Option<&Value>) -> Option<String> {
    if status == 401 {
        return Some(format!("HTTP {status}"));
    }
    if api == Api::Fecify
        && let Some(code) = json
            .and_then(|j| j.get("code"))
            .and_then(Value::as_i64)
            .filter(|&c| c == FECIFY_TOKEN_ERROR)
    {
        let message: String = json
            .and_then(|j| j.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .chars()
            .take(120)
            .collect();
        return Some(format!("HTTP {status}, code {code}: {message}"));
    }
    None
}

/// The customer object of a success answer.
pub(crate) fn customer_of(api: Api, answer: &Answer) -> Option<&Value> {
    let json = answer.json.as_ref()?;
    match api {
        Api::Fecify => json.get("data"),
        Api::Shopline => Some(json),
        Api::Myshopline => json.get("customer"),
    }
    .filter(|c| c.is_object())
}

/// The customer id as text (Fecify ids are integers).
pub(crate) fn id_string(customer: &Value) -> Option<String> {
    match customer.get("id")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn body_email(api: Api, body: &Value) -> Option<String> {
    let at = match api {
        Api::Myshopline => "/customer/email",
        _ => "/email",
    };
    body.pointer(at).and_then(Value::as_str).map(str::to_owned)
}

/// Checks a failure answer against the vendor's documented error shape.
pub(crate) fn error_shape(api: Api, case: &Case, answer: &Answer, expected: &[u16]) -> Verdict {
    let doc = Doc::of(api, case.version.unwrap_or_default());
    let status = answer.status;
    match api {
        Api::Fecify => {
            // E-FEC-3: any HTTP status; the body decides. An HTML page is a failure.
            let Some(json) = answer.json.as_ref().filter(|j| j.is_object()) else {
                return Verdict::Fail(format!(
                    "HTTP {status} with a body that is not a JSON envelope: {}",
                    answer.excerpt()
                ));
            };
            let code = json.get("code");
            match code.and_then(Value::as_i64) {
                Some(200) => Verdict::Fail("the envelope says code 200 (success)".to_owned()),
                Some(code) => match json.get("message").and_then(Value::as_str) {
                    Some(message) => {
                        Verdict::Pass(format!("HTTP {status}, code {code}: {message}"))
                    }
                    // E-FEC-9: a missing message is reported, not failed.
                    None => Verdict::Observe(format!(
                        "HTTP {status}, code {code}, but no message (errata E-FEC-9)"
                    )),
                },
                None => Verdict::Fail(format!(
                    "HTTP {status}: the envelope has no integer code: {}",
                    answer.excerpt()
                )),
            }
        }
        Api::Shopline => {
            if let Some(wrong) = wrong_status(answer, expected) {
                return wrong;
            }
            let Some(json) = answer.json.as_ref().filter(|j| j.is_object()) else {
                return Verdict::Fail(format!(
                    "HTTP {status} with a body that is not a JSON object: {}",
                    answer.excerpt()
                ));
            };
            let message = ["message", "error"].iter().find_map(|k| {
                json.get(*k)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
            });
            let Some(message) = message else {
                return Verdict::Fail(format!(
                    "HTTP {status}: the error body has neither message nor error: {}",
                    answer.excerpt()
                ));
            };
            let schema = match status {
                401 => Some("UnauthorizedError"),
                404 => Some("NotFoundError"),
                422 => Some("UnprocessableEntityError"),
                _ => None,
            };
            if let Some(schema) = schema
                && let Err(errors) = doc.check(schema, json)
            {
                return Verdict::Fail(format!(
                    "HTTP {status}: not a {schema}: {}",
                    errors.join("; ")
                ));
            }
            let code = json.get("code").and_then(Value::as_str).unwrap_or("-");
            Verdict::Pass(format!("HTTP {status}, code {code}: {message}"))
        }
        Api::Myshopline => {
            if let Some(wrong) = wrong_status(answer, expected) {
                return wrong;
            }
            let Some(json) = answer.json.as_ref() else {
                return Verdict::Fail(format!(
                    "HTTP {status} with a body that is not JSON: {}",
                    answer.excerpt()
                ));
            };
            if let Err(errors) = doc.check("ErrorResponse", json) {
                return Verdict::Fail(format!(
                    "HTTP {status}: not {{\"errors\": ...}}: {}",
                    errors.join("; ")
                ));
            }
            if answer.header("traceId").is_none_or(str::is_empty) {
                return Verdict::Fail(format!("HTTP {status}: no traceId header"));
            }
            let errors = match json.get("errors") {
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            Verdict::Pass(format!("HTTP {status}: {errors}"))
        }
    }
}

/// A failure when a SHOPLINE API answers outside 4xx, or outside `expected`
/// when the docs name the status.
fn wrong_status(answer: &Answer, expected: &[u16]) -> Option<Verdict> {
    let status = answer.status;
    if !(400..500).contains(&status) {
        return Some(Verdict::Fail(format!(
            "expected a 4xx answer, got HTTP {status}: {}",
            answer.excerpt()
        )));
    }
    if !expected.is_empty() && !expected.contains(&status) {
        return Some(Verdict::Fail(format!(
            "expected HTTP {}, got {status}: {}",
            join(expected),
            answer.excerpt()
        )));
    }
    None
}

fn join(statuses: &[u16]) -> String {
    statuses
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The report form of an answer: the headers the suite looks at, a body excerpt.
pub(crate) fn response_record(answer: &Answer) -> ResponseRecord {
    let mut headers = BTreeMap::new();
    for name in ["traceId", "content-type", "retry-after"] {
        if let Some(v) = answer.header(name) {
            headers.insert(name.to_owned(), v.to_owned());
        }
    }
    let body = match &answer.json {
        Some(json) if json.to_string().len() <= 4096 => json.clone(),
        _ => Value::String(answer.excerpt()),
    };
    ResponseRecord {
        status: answer.status,
        headers,
        body,
    }
}

/// The wrong token of auth cases, built from the run id so it cannot be a real one.
pub(crate) fn wrong_token(run_id: &str) -> String {
    format!("shopspec-wrong-token-{run_id}")
}

#[cfg(test)]
mod tests {
    use super::semantics::fecify_timestamp;
    use super::*;
    use serde_json::json;

    #[test]
    fn a_refused_token_is_a_401_or_fecify_token_error_and_nothing_else() {
        let fecify = json!({"code": FECIFY_TOKEN_ERROR, "message": "token is time out"});
        assert_eq!(
            token_refusal(Api::Fecify, 200, Some(&fecify)).as_deref(),
            Some("HTTP 200, code 1100003: token is time out")
        );
        assert!(token_refusal(Api::Shopline, 401, None).is_some());
        assert!(token_refusal(Api::Myshopline, 401, Some(&json!({"errors": "x"}))).is_some());
        // A token without the scope, an unknown id, a validation error: accepted tokens.
        assert!(token_refusal(Api::Shopline, 403, None).is_none());
        assert!(token_refusal(Api::Myshopline, 404, None).is_none());
        assert!(token_refusal(Api::Fecify, 200, Some(&json!({"code": 1100004}))).is_none());
        // Fecify's code means nothing on the other APIs.
        assert!(token_refusal(Api::Shopline, 422, Some(&fecify)).is_none());
    }

    #[test]
    fn fecify_timestamps_are_checked_exactly() {
        assert!(fecify_timestamp("2026-05-25 11:35:16"));
        assert!(!fecify_timestamp("2026-05-25T11:35:16"));
        assert!(!fecify_timestamp("2026-05-25 11:35"));
    }

    #[test]
    fn verdicts_fold_worst_first() {
        let v = Verdict::all(vec![
            Verdict::Pass("a".into()),
            Verdict::Observe("b".into()),
            Verdict::Fail("c".into()),
        ]);
        assert_eq!(v, Verdict::Fail("c".into()));
        assert_eq!(
            Verdict::all(vec![
                Verdict::Pass(String::new()),
                Verdict::Observe("b".into())
            ]),
            Verdict::Observe("b".into())
        );
    }

    fn answer(status: u16, json: Value, trace: bool) -> Answer {
        let mut headers = http::HeaderMap::new();
        if trace {
            headers.insert("traceId", http::HeaderValue::from_static("t-1"));
        }
        Answer {
            status,
            headers,
            text: json.to_string(),
            json: Some(json),
            at: Instant::now(),
        }
    }

    fn case_of(api: Api) -> Case {
        crate::Suite::cases_for(
            api,
            shopspec_model::myshopline::ApiVersion::LATEST_STABLE,
            &crate::CaseFilter::all(),
        )
        .into_iter()
        .find(|c| c.operation == Operation::CreateCustomer)
        .expect("a create case")
    }

    #[test]
    fn error_shapes_follow_the_docs() {
        let msl = case_of(Api::Myshopline);
        assert!(matches!(
            error_shape(
                Api::Myshopline,
                &msl,
                &answer(422, json!({"errors": "bad"}), true),
                &[400, 422]
            ),
            Verdict::Pass(_)
        ));
        assert!(matches!(
            error_shape(Api::Myshopline, &msl, &answer(422, json!({"errors": "bad"}), false), &[]),
            Verdict::Fail(m) if m.contains("traceId")
        ));
        assert!(matches!(
            error_shape(
                Api::Myshopline,
                &msl,
                &answer(422, json!({"message": "bad"}), true),
                &[]
            ),
            Verdict::Fail(_)
        ));
        let fec = case_of(Api::Fecify);
        assert!(matches!(
            error_shape(
                Api::Fecify,
                &fec,
                &answer(200, json!({"code": 1000009, "message": "x"}), false),
                &[]
            ),
            Verdict::Pass(_)
        ));
        assert!(matches!(
            error_shape(
                Api::Fecify,
                &fec,
                &answer(200, json!({"code": 1000009}), false),
                &[]
            ),
            Verdict::Observe(_)
        ));
        let sl = case_of(Api::Shopline);
        assert!(matches!(
            error_shape(
                Api::Shopline,
                &sl,
                &answer(422, json!({"error": "x", "code": "c"}), false),
                &[]
            ),
            Verdict::Pass(_)
        ));
        assert!(matches!(
            error_shape(
                Api::Shopline,
                &sl,
                &answer(200, json!({"error": "x"}), false),
                &[]
            ),
            Verdict::Fail(_)
        ));
        assert!(matches!(
            error_shape(
                Api::Shopline,
                &sl,
                &answer(403, json!({"error": "x"}), false),
                &[401]
            ),
            Verdict::Fail(_)
        ));
    }
}
