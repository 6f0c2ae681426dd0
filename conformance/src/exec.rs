//! Runs one case against a target and judges the answers.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::Value;
use shopspec_client::raw::{RawRequest, RawResponse};
use shopspec_client::{RetryPolicy, Token};
use shopspec_model::{Api, Operation};
use shopspec_validate::{Rule, Severity, Target, validate_value};

use crate::case::{AuthMode, Case, Check, Plan};
use crate::payloads::Fill;
use crate::report::{Exchange, RequestRecord, ResponseRecord, Status};
use crate::runner::TargetCtx;
use crate::spec::{Doc, ExampleKind, schema_name};

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

/// A request failed without an answer (connection, timeout).
#[derive(Debug)]
pub(crate) struct NoAnswer(pub(crate) shopspec_client::Error);

/// Per-case state: the exchanges so far and the fill of the placeholders.
pub(crate) struct CaseRun<'a> {
    pub(crate) ctx: &'a TargetCtx,
    pub(crate) fill: Fill,
    pub(crate) exchanges: Vec<Exchange>,
}

impl<'a> CaseRun<'a> {
    pub(crate) fn new(ctx: &'a TargetCtx) -> Self {
        let fill = ctx.new_fill();
        CaseRun {
            ctx,
            fill,
            exchanges: Vec::new(),
        }
    }

    fn api(&self) -> Api {
        self.ctx.target.api
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
    pub(crate) async fn send(
        &mut self,
        op: Operation,
        id: Option<&str>,
        template: &Value,
        auth: Auth,
    ) -> Result<Answer, NoAnswer> {
        let body = self.fill.apply(template);
        let request = self.record(op, id, &body, auth);
        let mut raw = RawRequest::new(op).body(body.clone());
        if let Some(id) = id {
            raw = raw.id(id);
        }
        raw = match auth {
            Auth::Main => raw,
            Auth::Wrong => raw.token(Token::new(self.ctx.wrong_token.clone())),
            Auth::Missing => raw.no_auth(),
        };
        let result = self.ctx.client.send_raw_request(raw).await;
        match result {
            Ok(raw) => {
                let answer = Answer::from_raw(raw);
                self.exchanges.push(Exchange {
                    request,
                    response: Some(response_record(&answer)),
                });
                if op == Operation::CreateCustomer && is_success(self.api(), &answer) {
                    let email = body_email(self.api(), &body);
                    self.ctx.created(&answer, email);
                }
                Ok(answer)
            }
            Err(e) => {
                self.exchanges.push(Exchange {
                    request,
                    response: None,
                });
                Err(NoAnswer(e))
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
            .map_err(|e| {
                Verdict::Fail(format!("the create this case needs got no answer: {}", e.0))
            })?;
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
}

/// Runs `case` (writes already allowed or not needed).
pub(crate) async fn execute(case: &Case, ctx: &TargetCtx) -> Outcome {
    let mut run = CaseRun::new(ctx);
    let verdict = match &case.plan {
        Plan::Example(example) => example_offline(case, example),
        Plan::Accept {
            create,
            update,
            delay,
            checks,
        } => accept(&mut run, case, create, update.as_ref(), *delay, checks).await,
        Plan::Reject {
            body,
            fresh,
            rule,
            lenient,
            if_accepted,
        } => {
            if body.is_null() {
                // A gap of the suite, not of the store (the suite's tests catch it).
                return Outcome {
                    status: Status::Skipped,
                    message:
                        "not sent: the suite could not build a body that breaks exactly this rule"
                            .to_owned(),
                    exchanges: Vec::new(),
                };
            } else {
                reject(
                    &mut run,
                    case,
                    body,
                    *fresh,
                    rule.rule,
                    rule.severity,
                    *lenient,
                    if_accepted,
                )
                .await
            }
        }
        Plan::Duplicate { body, documented } => duplicate(&mut run, case, body, *documented).await,
        Plan::Auth { auth, body } => auth_case(&mut run, case, *auth, body).await,
        Plan::NotFound { body } => not_found(&mut run, case, body).await,
        Plan::RateLimit { body, burst } => rate_limit(&mut run, case, body, *burst).await,
    };
    let (status, message) = match verdict {
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

fn example_offline(case: &Case, example: &crate::spec::Example) -> Verdict {
    let doc = Doc::of(case.api, case.version.unwrap_or_default());
    let schema = schema_name(example.operation, example.kind);
    let mut problems = Vec::new();
    if let Err(errors) = doc.check(schema, &example.value) {
        problems.extend(errors.into_iter().map(|e| format!("{schema}: {e}")));
    }
    if example.kind == ExampleKind::Request {
        let target =
            Target::new(case.api, example.operation).with_version(case.version.unwrap_or_default());
        let report = validate_value(target, &example.value);
        problems.extend(report.errors.iter().map(|v| format!("validator: {v}")));
    }
    match (problems.is_empty(), example.conforming) {
        (true, true) => Verdict::Pass(format!("{} conforms", example.file)),
        (false, true) => Verdict::Fail(format!(
            "{} does not conform: {}",
            example.file,
            problems.join("; ")
        )),
        (false, false) => Verdict::Observe(format!(
            "the vendor's own example breaks the documented rules (errata E-SL-1): {}",
            problems.join("; ")
        )),
        (true, false) => Verdict::Fail(format!(
            "{} is filed as nonconforming but passes every check",
            example.file
        )),
    }
}

async fn accept(
    run: &mut CaseRun<'_>,
    case: &Case,
    create: &Value,
    update: Option<&Value>,
    delay: Option<Duration>,
    checks: &[Check],
) -> Verdict {
    let api = run.api();
    let (created, main) = match update {
        None => {
            let answer = match run
                .send(Operation::CreateCustomer, None, create, Auth::Main)
                .await
            {
                Ok(a) => a,
                Err(e) => return Verdict::Fail(format!("no answer: {}", e.0)),
            };
            (None, answer)
        }
        Some(update) => {
            let (customer, id, at) = match run.create_for_update(create).await {
                Ok(x) => x,
                Err(v) => return v,
            };
            if let Some(delay) = delay {
                tokio::time::sleep_until((at + delay).into()).await;
            }
            run.fill.id = Some(id.clone());
            let answer = match run
                .send(Operation::UpdateCustomer, Some(&id), update, Auth::Main)
                .await
            {
                Ok(a) => a,
                Err(e) => return Verdict::Fail(format!("no answer: {}", e.0)),
            };
            (Some(customer), answer)
        }
    };
    if !is_success(api, &main) {
        return Verdict::Fail(format!(
            "the store refused a valid {} body: HTTP {} {}",
            case.operation,
            main.status,
            main.excerpt()
        ));
    }
    let sent = run
        .exchanges
        .last()
        .and_then(|e| e.request.body.clone())
        .unwrap_or(Value::Null);
    let ctx = CheckCtx {
        api,
        case,
        answer: &main,
        sent: &sent,
        created: created.as_ref(),
        delayed: delay.is_some(),
    };
    Verdict::all(checks.iter().map(|c| ctx.check(c)).collect())
}

#[allow(clippy::too_many_arguments)]
async fn reject(
    run: &mut CaseRun<'_>,
    case: &Case,
    body: &Value,
    fresh: bool,
    rule: Rule,
    severity: Severity,
    lenient: bool,
    if_accepted: &[Check],
) -> Verdict {
    let api = run.api();
    let mut created = None;
    let answer = match case.operation {
        Operation::CreateCustomer => {
            run.send(Operation::CreateCustomer, None, body, Auth::Main)
                .await
        }
        Operation::UpdateCustomer => {
            let (customer, id) = if fresh {
                let template =
                    crate::payloads::minimal_create(api, case.version.unwrap_or_default());
                match run.create_for_update(&template).await {
                    Ok((c, id, _)) => (c, id),
                    Err(v) => return v,
                }
            } else {
                match run.ctx.fixture().await {
                    Ok(f) => f,
                    Err(e) => return Verdict::Fail(e),
                }
            };
            run.fill.id = Some(id.clone());
            created = Some(customer);
            run.send(Operation::UpdateCustomer, Some(&id), body, Auth::Main)
                .await
        }
    };
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return Verdict::Fail(format!("no answer: {}", e.0)),
    };
    let rule_text = format!("{rule} rule");
    if is_success(api, &answer) {
        if severity == Severity::Warning {
            return Verdict::Pass(format!(
                "accepted (HTTP {}); the {rule_text} is only inferred or a deprecation",
                answer.status
            ));
        }
        let sent = run
            .exchanges
            .last()
            .and_then(|e| e.request.body.clone())
            .unwrap_or(Value::Null);
        let ctx = CheckCtx {
            api,
            case,
            answer: &answer,
            sent: &sent,
            created: created.as_ref(),
            delayed: false,
        };
        let after = Verdict::all(if_accepted.iter().map(|c| ctx.check(c)).collect());
        if let Verdict::Fail(m) = after {
            return Verdict::Fail(format!("accepted, and then: {m}"));
        }
        return if lenient {
            Verdict::Observe(format!(
                "the store accepted the body (HTTP {}) instead of rejecting it for the {rule_text}; the docs leave this open",
                answer.status
            ))
        } else {
            Verdict::Fail(format!(
                "the store accepted a body that breaks the documented {rule_text} (HTTP {}): {}",
                answer.status,
                answer.excerpt()
            ))
        };
    }
    let expected: &[u16] = match api {
        // 400: wrong parameter type; 422: semantic error (details in `errors`).
        Api::Myshopline => &[400, 422],
        _ => &[],
    };
    let shape = error_shape(api, case, &answer, expected);
    match (severity, shape) {
        (Severity::Warning, Verdict::Fail(m)) | (Severity::Warning, Verdict::Observe(m)) => {
            Verdict::Observe(format!(
                "the store rejected a body that only breaks an inferred or deprecation rule, in an unexpected shape: {m}"
            ))
        }
        (Severity::Warning, Verdict::Pass(m)) => Verdict::Observe(format!(
            "the store rejected a body that only breaks an inferred or deprecation rule: {m}"
        )),
        (Severity::Error, v) => v,
    }
}

async fn duplicate(run: &mut CaseRun<'_>, case: &Case, body: &Value, documented: bool) -> Verdict {
    let api = run.api();
    let first = match run
        .send(Operation::CreateCustomer, None, body, Auth::Main)
        .await
    {
        Ok(a) => a,
        Err(e) => return Verdict::Fail(format!("no answer: {}", e.0)),
    };
    if !is_success(api, &first) {
        return Verdict::Fail(format!(
            "the store refused the first (valid) create: HTTP {} {}",
            first.status,
            first.excerpt()
        ));
    }
    let second = match run
        .send(Operation::CreateCustomer, None, body, Auth::Main)
        .await
    {
        Ok(a) => a,
        Err(e) => return Verdict::Fail(format!("no answer to the second create: {}", e.0)),
    };
    if is_success(api, &second) {
        return if documented {
            Verdict::Fail(format!(
                "the store created a second customer with the same email (HTTP {})",
                second.status
            ))
        } else {
            Verdict::Observe(format!(
                "the store accepts a duplicate email (HTTP {}); the docs do not say",
                second.status
            ))
        };
    }
    let shape = error_shape(api, case, &second, &[]);
    if documented {
        shape
    } else {
        match shape {
            Verdict::Pass(m) | Verdict::Observe(m) | Verdict::Fail(m) => {
                Verdict::Observe(format!("the store rejects a duplicate email: {m}"))
            }
        }
    }
}

async fn auth_case(run: &mut CaseRun<'_>, case: &Case, mode: AuthMode, body: &Value) -> Verdict {
    let api = run.api();
    let auth = match mode {
        AuthMode::Wrong => Auth::Wrong,
        AuthMode::Missing => Auth::Missing,
    };
    let answer = match case.operation {
        Operation::CreateCustomer => run.send(Operation::CreateCustomer, None, body, auth).await,
        Operation::UpdateCustomer => {
            let missing = missing_id(api).to_owned();
            run.fill.id = Some(missing.clone());
            run.send(Operation::UpdateCustomer, Some(&missing), body, auth)
                .await
        }
    };
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return Verdict::Fail(format!("no answer: {}", e.0)),
    };
    if is_success(api, &answer) {
        return Verdict::Fail(format!(
            "the store carried out a request with a {} token (HTTP {})",
            if mode == AuthMode::Wrong {
                "wrong"
            } else {
                "missing"
            },
            answer.status
        ));
    }
    let expected: &[u16] = if api == Api::Fecify { &[] } else { &[401] };
    error_shape(api, case, &answer, expected)
}

async fn not_found(run: &mut CaseRun<'_>, case: &Case, body: &Value) -> Verdict {
    let api = run.api();
    let missing = missing_id(api).to_owned();
    run.fill.id = Some(missing.clone());
    let answer = match run
        .send(Operation::UpdateCustomer, Some(&missing), body, Auth::Main)
        .await
    {
        Ok(a) => a,
        Err(e) => return Verdict::Fail(format!("no answer: {}", e.0)),
    };
    if is_success(api, &answer) {
        return Verdict::Fail(format!(
            "the store answered success (HTTP {}) to an update of a customer that does not exist",
            answer.status
        ));
    }
    match api {
        // E-SL-3: 404 is borrowed from Get Customer; 422 is accepted and reported.
        Api::Shopline if answer.status == 422 => match error_shape(api, case, &answer, &[422]) {
            Verdict::Pass(m) => Verdict::Observe(format!(
                "unknown id answered 422, not 404 (errata E-SL-3): {m}"
            )),
            other => other,
        },
        Api::Shopline | Api::Myshopline => error_shape(api, case, &answer, &[404]),
        Api::Fecify => error_shape(api, case, &answer, &[]),
    }
}

async fn rate_limit(run: &mut CaseRun<'_>, case: &Case, body: &Value, burst: usize) -> Verdict {
    let Some((client, plan)) = run.ctx.rate_limit_client() else {
        return Verdict::Observe("no client for the rate-limit probe could be built".to_owned());
    };
    let missing = missing_id(Api::Myshopline).to_owned();
    run.fill.id = Some(missing.clone());
    let filled = run.fill.apply(body);
    let request = run.record(
        Operation::UpdateCustomer,
        Some(&missing),
        &filled,
        Auth::Main,
    );
    let sends = (0..burst).map(|_| {
        let raw = RawRequest::new(Operation::UpdateCustomer)
            .id(missing.clone())
            .body(filled.clone())
            .retry_policy(RetryPolicy::none());
        let client = client.clone();
        async move { client.send_raw_request(raw).await }
    });
    let answers = futures::future::join_all(sends).await;
    let mut limited = None;
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut unanswered = 0;
    for result in answers {
        match result {
            Ok(raw) => {
                let a = Answer::from_raw(raw);
                *statuses.entry(a.status).or_default() += 1;
                if a.status == 429 && limited.is_none() {
                    limited = Some(a);
                }
            }
            Err(_) => unanswered += 1,
        }
    }
    let seen = statuses
        .iter()
        .map(|(s, n)| format!("{n}x{s}"))
        .collect::<Vec<_>>()
        .join(", ");
    match limited {
        Some(answer) => {
            run.exchanges.push(Exchange {
                request,
                response: Some(response_record(&answer)),
            });
            match error_shape(Api::Myshopline, case, &answer, &[429]) {
                Verdict::Pass(m) => Verdict::Pass(format!("{burst} requests at once: {seen}; {m}")),
                Verdict::Observe(m) => Verdict::Observe(m),
                Verdict::Fail(m) => Verdict::Fail(format!(
                    "{burst} requests at once: {seen}; the 429 answer: {m}"
                )),
            }
        }
        None => {
            run.exchanges.push(Exchange {
                request,
                response: None,
            });
            let text = format!(
                "{burst} requests sent at once, none answered 429 ({seen}{})",
                if unanswered > 0 {
                    format!(", {unanswered} without answer")
                } else {
                    String::new()
                }
            );
            match plan {
                Some(crate::target::Plan::Standard) => Verdict::Fail(format!(
                    "{text}: the documented bucket holds 40 requests (errata E-MSL-11)"
                )),
                Some(crate::target::Plan::Unlimited) => {
                    Verdict::Pass(format!("{text}, as expected of an unlimited plan"))
                }
                None => Verdict::Observe(format!("{text}; the token's plan is unknown")),
            }
        }
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
/// failure, seeds/fecify-create-customer.txt), a 2xx for SHOPLINE.
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
            if !(400..500).contains(&status) {
                return Verdict::Fail(format!(
                    "expected a 4xx answer, got HTTP {status}: {}",
                    answer.excerpt()
                ));
            }
            if !expected.is_empty() && !expected.contains(&status) {
                return Verdict::Fail(format!(
                    "expected HTTP {}, got {status}: {}",
                    join(expected),
                    answer.excerpt()
                ));
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
            if !(400..500).contains(&status) {
                return Verdict::Fail(format!(
                    "expected a 4xx answer, got HTTP {status}: {}",
                    answer.excerpt()
                ));
            }
            if !expected.is_empty() && !expected.contains(&status) {
                return Verdict::Fail(format!(
                    "expected HTTP {}, got {status}: {}",
                    join(expected),
                    answer.excerpt()
                ));
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

/// What checks look at.
struct CheckCtx<'a> {
    api: Api,
    case: &'a Case,
    answer: &'a Answer,
    sent: &'a Value,
    created: Option<&'a Value>,
    delayed: bool,
}

impl CheckCtx<'_> {
    fn customer(&self) -> Option<&Value> {
        customer_of(self.api, self.answer)
    }

    /// The sent customer object (myshopline: inside the wrapper).
    fn sent_customer(&self) -> &Value {
        match self.api {
            Api::Myshopline => self.sent.get("customer").unwrap_or(&Value::Null),
            _ => self.sent,
        }
    }

    fn check(&self, check: &Check) -> Verdict {
        let Some(customer) = self.customer() else {
            return Verdict::Fail(format!(
                "the success answer has no customer object: {}",
                self.answer.excerpt()
            ));
        };
        match check {
            Check::ResponseSchema => {
                let doc = Doc::of(self.api, self.case.version.unwrap_or_default());
                let schema = schema_name(self.case.operation, ExampleKind::Response);
                let body = self.answer.json.as_ref().unwrap_or(&Value::Null);
                match doc.check(schema, body) {
                    Ok(()) => Verdict::Pass(String::new()),
                    Err(errors) => Verdict::Fail(format!(
                        "the answer is not a {schema}: {}",
                        errors.join("; ")
                    )),
                }
            }
            Check::SuccessStatus { errata } => {
                let status = self.answer.status;
                match (self.api, status) {
                    (Api::Myshopline, 200) => Verdict::Pass("HTTP 200".to_owned()),
                    _ => Verdict::Observe(format!(
                        "the store answers HTTP {status} to a successful {} (errata {errata})",
                        self.case.operation
                    )),
                }
            }
            Check::FieldEquals { field, value } => match customer.get(field.as_str()) {
                Some(v) if v == value => Verdict::Pass(String::new()),
                Some(v) => Verdict::Fail(format!("`{field}` is {v}, the docs say {value}")),
                None => Verdict::Fail(format!(
                    "the answer has no `{field}` (the docs say {value})"
                )),
            },
            Check::FecifyTimestamps => {
                let mut bad = Vec::new();
                for f in ["created_at", "updated_at"] {
                    match customer.get(f).and_then(Value::as_str) {
                        Some(s) if fecify_timestamp(s) => {}
                        Some(s) => bad.push(format!("`{f}` is {s:?}, not YYYY-MM-DD HH:MM:SS")),
                        None => bad.push(format!("no `{f}` string")),
                    }
                }
                if bad.is_empty() {
                    Verdict::Pass(String::new())
                } else {
                    Verdict::Fail(bad.join("; "))
                }
            }
            Check::KeySet(keys) => {
                let missing: Vec<&str> = keys
                    .iter()
                    .copied()
                    .filter(|k| customer.get(*k).is_none())
                    .collect();
                let extra: Vec<String> = customer
                    .as_object()
                    .map(|m| {
                        m.keys()
                            .filter(|k| !keys.contains(&k.as_str()))
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default();
                if !missing.is_empty() {
                    Verdict::Fail(format!(
                        "documented fields missing from the answer: {}",
                        missing.join(", ")
                    ))
                } else if extra.iter().any(|k| k == "status")
                    && self.case.operation == Operation::UpdateCustomer
                {
                    Verdict::Observe(
                        "the update answer also carries `status` (errata E-FEC-2)".to_owned(),
                    )
                } else if !extra.is_empty() {
                    Verdict::Observe(format!(
                        "undocumented fields in the answer: {}",
                        extra.join(", ")
                    ))
                } else {
                    Verdict::Pass(String::new())
                }
            }
            Check::Echo(fields) => {
                let sent = self.sent_customer();
                let mut diffs = Vec::new();
                for f in *fields {
                    let Some(want) = sent.get(*f) else { continue };
                    match customer.get(*f) {
                        Some(got) if got == want => {}
                        Some(got) => diffs.push(format!("`{f}` sent {want}, answered {got}")),
                        None => diffs.push(format!("`{f}` sent {want}, missing from the answer")),
                    }
                }
                if diffs.is_empty() {
                    Verdict::Pass(String::new())
                } else {
                    Verdict::Fail(diffs.join("; "))
                }
            }
            Check::IdIsString => match customer.get("id") {
                Some(Value::String(s)) if !s.is_empty() => Verdict::Pass(String::new()),
                Some(other) => Verdict::Fail(format!("`id` is {other}, not a non-empty string")),
                None => Verdict::Fail("the answer has no `id`".to_owned()),
            },
            Check::Wrapper => {
                let json = self.answer.json.as_ref();
                match json.and_then(Value::as_object) {
                    Some(map) if map.get("customer").is_some_and(Value::is_object) => {
                        if map.len() == 1 {
                            Verdict::Pass(String::new())
                        } else {
                            let others: Vec<&String> =
                                map.keys().filter(|k| *k != "customer").collect();
                            Verdict::Observe(format!(
                                "the body has keys besides `customer`: {others:?}"
                            ))
                        }
                    }
                    _ => Verdict::Fail(format!(
                        "the body is not {{\"customer\": {{...}}}}: {}",
                        self.answer.excerpt()
                    )),
                }
            }
            Check::TraceId => match self.answer.header("traceId") {
                Some(t) if !t.is_empty() => Verdict::Pass(String::new()),
                _ => Verdict::Fail("the answer has no traceId header".to_owned()),
            },
            Check::Unchanged => {
                let Some(before) = self.created.and_then(Value::as_object) else {
                    return Verdict::Fail("no create answer to compare with".to_owned());
                };
                let sent = self.sent_customer();
                let mut diffs = Vec::new();
                for (k, was) in before {
                    if k == "updated_at" || sent.get(k).is_some() {
                        continue;
                    }
                    match customer.get(k) {
                        Some(now) if now == was => {}
                        Some(now) => diffs.push(format!("`{k}` changed from {was} to {now}")),
                        // E-FEC-2 and E-MSL-17: the update answer may omit fields.
                        None => {}
                    }
                }
                if diffs.is_empty() {
                    Verdict::Pass(String::new())
                } else {
                    Verdict::Fail(format!(
                        "fields the update did not send changed: {}",
                        diffs.join("; ")
                    ))
                }
            }
            Check::SameAsCreate(field) | Check::SameAsCreateIfPresent(field) => {
                let was = self.created.and_then(|c| c.get(field.as_str()));
                let now = customer.get(field.as_str());
                match (was, now) {
                    (Some(was), Some(now)) if was == now => Verdict::Pass(String::new()),
                    (Some(was), Some(now)) => {
                        Verdict::Fail(format!("`{field}` changed from {was} to {now}"))
                    }
                    (_, None) if matches!(check, Check::SameAsCreateIfPresent(_)) => {
                        Verdict::Pass(String::new())
                    }
                    (None, Some(_)) if matches!(check, Check::SameAsCreateIfPresent(_)) => {
                        Verdict::Pass(String::new())
                    }
                    (_, None) => Verdict::Fail(format!("the answer has no `{field}`")),
                    (None, Some(_)) => Verdict::Fail(format!(
                        "the create answer had no `{field}` to compare with"
                    )),
                }
            }
            Check::UpdatedAtNotBefore | Check::UpdatedAtAfter => {
                let was = self
                    .created
                    .and_then(|c| c.get("updated_at"))
                    .and_then(Value::as_str);
                let now = customer.get("updated_at").and_then(Value::as_str);
                let (Some(was), Some(now)) = (was, now) else {
                    return Verdict::Fail(
                        "`updated_at` missing from the create or the update answer".to_owned(),
                    );
                };
                // YYYY-MM-DD HH:MM:SS sorts as text in time order.
                let strict = matches!(check, Check::UpdatedAtAfter) && self.delayed;
                if now < was || (strict && now == was) {
                    Verdict::Fail(format!(
                        "`updated_at` is {now:?}, the create answer said {was:?}{}",
                        if strict {
                            " (the update was sent at least 1.1 s later)"
                        } else {
                            ""
                        }
                    ))
                } else {
                    Verdict::Pass(format!("{was} -> {now}"))
                }
            }
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS` (seeds/fecify-create-customer.txt, errata E-FEC-10).
fn fecify_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

/// The wrong token of auth cases, built from the run id so it cannot be a real one.
pub(crate) fn wrong_token(run_id: &str) -> String {
    format!("shopspec-wrong-token-{run_id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
