//! Auth, unknown ids and the myshopline rate limit.

use std::collections::BTreeMap;

use serde_json::Value;
use shopspec_client::RetryPolicy;
use shopspec_client::raw::RawRequest;
use shopspec_model::{Api, Operation};

use super::{Answer, Auth, CaseRun, Verdict, error_shape, is_success, missing_id, response_record};
use crate::case::{AuthMode, Case};
use crate::report::Exchange;

pub(super) async fn auth_case(
    run: &mut CaseRun<'_>,
    case: &Case,
    mode: AuthMode,
    body: &Value,
) -> Verdict {
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
        Err(e) => return Verdict::Fail(format!("no answer: {e}")),
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

pub(super) async fn not_found(run: &mut CaseRun<'_>, case: &Case, body: &Value) -> Verdict {
    let api = run.api();
    let missing = missing_id(api).to_owned();
    run.fill.id = Some(missing.clone());
    let answer = match run
        .send(Operation::UpdateCustomer, Some(&missing), body, Auth::Main)
        .await
    {
        Ok(a) => a,
        Err(e) => return Verdict::Fail(format!("no answer: {e}")),
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

pub(super) async fn rate_limit(
    run: &mut CaseRun<'_>,
    case: &Case,
    body: &Value,
    burst: usize,
) -> Verdict {
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
