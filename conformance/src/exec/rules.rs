//! Rule cases: a body that breaks one documented rule, and what the store did with it.

use serde_json::Value;
use shopspec_model::{Api, Operation};
use shopspec_validate::{Rule, Severity};

use super::semantics::CheckCtx;
use super::{Auth, CaseRun, Verdict, error_shape, is_success};
use crate::case::{Case, Check};

#[allow(clippy::too_many_arguments)]
pub(super) async fn reject(
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
