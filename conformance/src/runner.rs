//! The runner: builds a client per target, checks the store is reachable, runs the
//! cases with bounded concurrency and assembles the [`RunReport`].

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt;
use rand::Rng;
use shopspec_client::RetryPolicy;
use shopspec_client::raw::RawRequest;
use shopspec_model::Operation;

use crate::case::{Case, Plan};
use crate::exec::{self, Auth, RunShared, TargetCtx};
use crate::payloads::{self, Fill};
use crate::report::{CaseResult, RequestRecord, RunReport, Status, TargetRecord};
use crate::suite::Suite;
use crate::target::StoreTarget;

/// Progress of a run, reported after every case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Cases finished so far, over all targets.
    pub done: usize,
    /// Cases in the run.
    pub total: usize,
    /// The case that just finished.
    pub case_id: String,
    /// Its status.
    pub status: Status,
    /// The cases still in flight when it finished, oldest first.
    pub in_flight: Vec<String>,
}

/// Why a run could not be carried out (as opposed to cases failing).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// The first request to a target got no answer (connection refused, DNS, timeout).
    #[error("{target}: the store at {base_url} cannot be reached: {message}")]
    Unreachable {
        /// The target label, e.g. `myshopline v20260301`.
        target: String,
        /// Its base URL.
        base_url: String,
        /// What went wrong.
        message: String,
    },
    /// The store refused the run's token before any case ran: nothing was
    /// sent beyond the one harmless probe, and nothing was created.
    #[error(
        "{target}: the store at {base_url} refused the token ({answer}); no case was run and nothing was created"
    )]
    TokenRefused {
        /// The target label, e.g. `myshopline v20260301`.
        target: String,
        /// Its base URL.
        base_url: String,
        /// The answer: the HTTP status, and Fecify's code and message.
        answer: String,
    },
    /// The client for a target could not be built.
    #[error("{target}: {message}")]
    Client {
        /// The target label.
        target: String,
        /// What went wrong.
        message: String,
    },
}

/// A short random run id (6 base-36 characters).
fn new_run_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut rng = rand::rng();
    (0..6)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// Runs the suite against every target. See [`run_with_progress`].
pub async fn run(targets: &[StoreTarget]) -> Result<RunReport, RunError> {
    run_with_progress(targets, |_| {}).await
}

/// Runs the suite against every target, calling `progress` after each case.
///
/// Targets run side by side, each with its own concurrency and pacing. Cases that
/// write are skipped (with the request they would send) unless the target allows
/// writes. The first request to each target is a harmless probe (an update of a
/// customer that cannot exist, with a wrong token); when it gets no answer the
/// run stops with [`RunError::Unreachable`].
pub async fn run_with_progress<F>(
    targets: &[StoreTarget],
    progress: F,
) -> Result<RunReport, RunError>
where
    F: Fn(&Progress) + Send + Sync,
{
    let shared = Arc::new(RunShared::new(new_run_id()));
    // One connection pool for every target. Redirects are answered, not followed:
    // a redirected POST could turn into a GET or carry the token to another host.
    shopspec_client::install_tls_provider();
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| RunError::Client {
            target: "all targets".to_owned(),
            message: format!("could not build the HTTP client: {e}"),
        })?;
    let mut plans = Vec::new();
    for target in targets {
        let cases = Suite::cases_for(target.api, target.version, &target.only);
        if cases.is_empty() {
            continue;
        }
        let ctx = TargetCtx::new(target.clone(), Arc::clone(&shared), &http).map_err(|e| {
            RunError::Client {
                target: target.label(),
                message: e.to_string(),
            }
        })?;
        plans.push((ctx, cases));
    }
    let total: usize = plans.iter().map(|(_, cases)| cases.len()).sum();

    // Reachability: one harmless request per target, all at once.
    let probes = plans.iter().map(|(ctx, _)| probe(ctx));
    for result in futures::future::join_all(probes).await {
        result?;
    }

    let done = AtomicUsize::new(0);
    let progress = &progress;
    let done = &done;
    let in_flight: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let in_flight = &in_flight;
    let runs = plans
        .iter()
        .enumerate()
        .map(|(t, (ctx, cases))| async move {
            run_target(ctx, cases, in_flight, |result: &CaseResult| {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                let flying = in_flight.lock().unwrap_or_else(|p| p.into_inner()).clone();
                progress(&Progress {
                    done: n,
                    total,
                    case_id: result.id.clone(),
                    status: result.status,
                    in_flight: flying,
                });
            })
            .await
            .into_iter()
            .map(move |(i, r)| ((t, i), r))
            .collect::<Vec<_>>()
        });
    let mut results: Vec<((usize, usize), CaseResult)> = futures::future::join_all(runs)
        .await
        .into_iter()
        .flatten()
        .collect();
    results.sort_by_key(|(key, _)| *key);
    let cases: Vec<CaseResult> = results.into_iter().map(|(_, r)| r).collect();

    let secrets: Vec<String> = targets
        .iter()
        .flat_map(|t| {
            std::iter::once(t.token.expose_secret().to_owned()).chain(
                t.rate_limit_token
                    .iter()
                    .map(|r| r.token.expose_secret().to_owned()),
            )
        })
        .collect();
    let targets: Vec<TargetRecord> = targets
        .iter()
        .map(|t| TargetRecord {
            label: t.label(),
            api: t.api,
            version: t.version(),
            base_url: t.base_url.clone(),
            allow_writes: t.allow_writes,
        })
        .collect();
    // Masks every secret before anything below reads the results.
    let mut report = RunReport::finished(
        shared.run_id.clone(),
        targets,
        cases,
        shared.created(),
        &secrets,
    );
    report.errors = report
        .cases
        .iter()
        .filter(|c| c.message.starts_with(TOKEN_REFUSED))
        .map(|c| format!("{}: {}", c.id, c.message))
        .collect();
    Ok(report)
}

/// The preflight of a target: one update of a customer that cannot exist,
/// with the run's own token. No answer: [`RunError::Unreachable`]; a refused
/// token (HTTP 401, Fecify's token error): [`RunError::TokenRefused`]. Any other
/// answer (404, a validation error, 403 for a missing scope) proves the token
/// is accepted. A 429 proves nothing and is not waited for: the cases that
/// follow still treat a refused token as an error of the run.
async fn probe(ctx: &TargetCtx) -> Result<(), RunError> {
    let api = ctx.target.api;
    let id = exec::missing_id(api);
    let fill = Fill {
        id: Some(id.to_owned()),
        ..ctx.new_fill()
    };
    let body = fill.apply(&payloads::minimal_update(api, ctx.target.version));
    let request = RawRequest::new(Operation::UpdateCustomer)
        .id(id)
        .body(body)
        .retry_policy(RetryPolicy::none());
    match ctx.client.send_raw_request(request).await {
        Ok(answer) => match exec::token_refusal(api, answer.status().as_u16(), answer.json()) {
            Some(why) => Err(RunError::TokenRefused {
                target: ctx.target.label(),
                base_url: ctx.target.base_url.clone(),
                answer: why,
            }),
            None => Ok(()),
        },
        Err(e) => Err(RunError::Unreachable {
            target: ctx.target.label(),
            base_url: ctx.target.base_url.clone(),
            message: e.to_string(),
        }),
    }
}

/// The start of the message of a case whose request the store refused for
/// its token: an error of the run, never a verdict.
pub(crate) const TOKEN_REFUSED: &str = "not judged: the store refused the run's token";

/// `true` when a request record carries the run's own token (shown as `***`).
fn carries_run_token(request: &RequestRecord) -> bool {
    request
        .headers
        .get("skill-access-token")
        .is_some_and(|v| v == "***")
        || request
            .headers
            .get("Authorization")
            .is_some_and(|v| v == "Bearer ***")
}

/// Runs one target's cases: the delayed ones first (their wait overlaps the
/// rest), the rate-limit probe last (it drains the bucket).
async fn run_target<F>(
    ctx: &TargetCtx,
    cases: &[Case],
    in_flight: &Mutex<Vec<String>>,
    on_done: F,
) -> Vec<(usize, CaseResult)>
where
    F: Fn(&CaseResult) + Send + Sync,
{
    let start = |id: &str| {
        in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(id.to_owned());
    };
    let finish = |id: &str| {
        let mut flying = in_flight.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = flying.iter().position(|x| x == id) {
            flying.remove(at);
        }
    };
    let delayed = |c: &Case| matches!(&c.plan, Plan::Accept { delay: Some(_), .. });
    let is_last = |c: &Case| matches!(&c.plan, Plan::RateLimit { .. });
    let mut order: Vec<usize> = (0..cases.len()).filter(|&i| !is_last(&cases[i])).collect();
    order.sort_by_key(|&i| !delayed(&cases[i]));
    let on_done = &on_done;
    let mut out: Vec<(usize, CaseResult)> = futures::stream::iter(order)
        .map(|i| async move {
            start(&cases[i].id);
            let result = run_case(ctx, &cases[i]).await;
            finish(&cases[i].id);
            on_done(&result);
            (i, result)
        })
        .buffer_unordered(ctx.target.concurrency)
        .collect()
        .await;
    for i in (0..cases.len()).filter(|&i| is_last(&cases[i])) {
        start(&cases[i].id);
        let result = run_case(ctx, &cases[i]).await;
        finish(&cases[i].id);
        on_done(&result);
        out.push((i, result));
    }
    out
}

async fn run_case(ctx: &TargetCtx, case: &Case) -> CaseResult {
    let started = Instant::now();
    let base = |status: Status, message: String| CaseResult {
        id: case.id.clone(),
        api: case.api,
        op: case.operation,
        version: case.version,
        kind: case.kind,
        title: case.title.clone(),
        status,
        source: case.source.clone(),
        message,
        writes: case.writes,
        request: None,
        response: None,
        setup: Vec::new(),
        curl: None,
        elapsed_ms: 0,
    };
    if let Some(why) = ctx.refused() {
        return base(
            Status::Skipped,
            format!("{TOKEN_REFUSED} earlier in the run ({why}); not sent"),
        );
    }
    if case.writes && !ctx.target.allow_writes {
        let mut result = base(
            Status::Skipped,
            "not sent: the case creates or changes data and writes are not allowed (--allow-writes)".to_owned(),
        );
        if let Some(template) = &case.sends {
            let fill = ctx.new_fill();
            let id = (case.operation == Operation::UpdateCustomer).then_some(payloads::ID);
            result.request =
                Some(ctx.request_record(case.operation, id, &fill.apply(template), Auth::Main));
        }
        return result;
    }
    let delay = match &case.plan {
        Plan::Accept { delay: Some(d), .. } => *d,
        _ => Duration::ZERO,
    };
    // A guard against a store that never answers: each request has its own
    // timeout, a case sends at most three (create, the request, a read-back),
    // and waiting out 429s is not the store's fault (errata E-CHK-6).
    let limit = ctx.target.case_timeout * 3 + delay + exec::RATE_LIMIT_PATIENCE;
    let mut result = match tokio::time::timeout(limit, exec::execute(case, ctx)).await {
        Ok(outcome) => {
            let mut result = base(outcome.status, outcome.message);
            let mut exchanges = outcome.exchanges;
            if let Some(main) = exchanges.pop() {
                result.request = Some(main.request);
                result.response = main.response;
            }
            result.setup = exchanges;
            result
        }
        Err(_) => base(
            Status::Failed,
            format!(
                "no verdict within {} s: the store did not answer in time",
                limit.as_secs()
            ),
        ),
    };
    // A 401 (or Fecify's token error) to the run's own token is never a
    // verdict, not even the "expected rejection" of a rule case.
    let refusal = result
        .setup
        .iter()
        .map(|e| (&e.request, e.response.as_ref()))
        .chain(
            result
                .request
                .as_ref()
                .map(|r| (r, result.response.as_ref())),
        )
        .filter(|(request, _)| carries_run_token(request))
        .find_map(|(_, response)| {
            let r = response?;
            exec::token_refusal(case.api, r.status, Some(&r.body))
        });
    if let Some(why) = refusal {
        ctx.refuse(why.clone());
        result.status = Status::Skipped;
        result.message = format!("{TOKEN_REFUSED} ({why}); an error of the run, not a verdict");
    }
    result.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    tracing::debug!(case = %result.id, status = %result.status, elapsed_ms = result.elapsed_ms, "case finished");
    result
}
