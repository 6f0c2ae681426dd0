//! Rule cases: a body that breaks one documented rule, and what the store did with it.
//!
//! A rejection must come in the vendor's error shape. An acceptance is judged by
//! the verdict policy (`crate::policy`): a failure where the docs say the store
//! rejects, else an observation that says what the store did (kept the value,
//! coerced it, ignored it), provided the answer and the customer as the store
//! keeps it still keep the documented response contract.

use serde_json::Value;
use shopspec_model::{Api, Operation};
use shopspec_validate::{Rule, Severity, Target, validate_value};

use super::semantics::{CheckCtx, changed_fields};
use super::{Answer, Auth, CaseRun, Verdict, customer_of, error_shape, id_string, is_success};
use crate::case::{Case, Check, RuleRef};
use crate::payloads;
use crate::policy::OnAccept;
use crate::spec::Doc;

#[allow(clippy::too_many_arguments)]
pub(super) async fn reject(
    run: &mut CaseRun<'_>,
    case: &Case,
    body: &Value,
    at: &str,
    setup: Option<&Value>,
    rule: &RuleRef,
    on_accept: &OnAccept,
    if_accepted: &[Check],
) -> Verdict {
    let api = run.api();
    let mut lease = None;
    let mut before = None;
    let answer = match case.operation {
        Operation::CreateCustomer => {
            run.send(Operation::CreateCustomer, None, body, Auth::Main)
                .await
        }
        Operation::UpdateCustomer => {
            let subject = match run.subject(setup).await {
                Ok(s) => s,
                Err(v) => return v,
            };
            lease = subject.lease;
            before = Some(subject.state);
            run.send(
                Operation::UpdateCustomer,
                Some(&subject.id),
                body,
                Auth::Main,
            )
            .await
        }
    };
    // Without an answer the customer's state is unknown: the lease is dropped.
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return Verdict::Fail(format!("no answer: {e}")),
    };
    let rule_text = format!("{} rule", rule.rule);
    if !is_success(api, &answer) {
        if let Some(lease) = lease {
            lease.release(before.clone());
        }
        let expected: &[u16] = match api {
            // 400: wrong parameter type; 422: semantic error (details in `errors`).
            Api::Myshopline => &[400, 422],
            _ => &[],
        };
        let shape = error_shape(api, case, &answer, expected);
        return match (rule.severity, shape) {
            (Severity::Warning, Verdict::Fail(m) | Verdict::Observe(m)) => {
                Verdict::Observe(format!(
                    "the store rejected a body that only breaks an inferred or deprecation rule, in an unexpected shape: {m}"
                ))
            }
            (Severity::Warning, Verdict::Pass(m)) => Verdict::Observe(format!(
                "the store rejected a body that only breaks an inferred or deprecation rule: {m}"
            )),
            (Severity::Error, Verdict::Pass(m)) => Verdict::Pass(format!("rejected: {m}")),
            (Severity::Error, v) => v,
        };
    }
    // An inferred rule (or a deprecation): how the store treats the value is
    // not documented, so acceptance is an observation in both modes, but what
    // it answers and keeps must still keep the documented contract.
    let inferred = rule.severity == Severity::Warning;
    let strict = run.ctx.target.strict && !inferred;
    // Reading back what the store keeps costs a request: only worth it where the
    // acceptance itself is not already a failure.
    let read_back = (inferred || matches!(on_accept, OnAccept::Observe { .. })) && !strict;
    let contract = after_acceptance(
        run,
        case,
        at,
        &answer,
        before.as_ref(),
        if_accepted,
        read_back,
    )
    .await;
    if let Some(lease) = lease {
        lease.release(
            contract
                .kept
                .clone()
                .or_else(|| customer_of(api, &answer).cloned()),
        );
    }
    let did = format!("accepted (HTTP {}): {}", answer.status, contract.what);
    let notes = match Verdict::all(contract.verdicts) {
        Verdict::Fail(m) => {
            return Verdict::Fail(format!(
                "{did}; and then the documented answer contract breaks: {m}"
            ));
        }
        Verdict::Observe(m) => format!("; {m}"),
        Verdict::Pass(_) => String::new(),
    };
    if inferred {
        return Verdict::Observe(if rule.rule == Rule::Deprecated {
            format!(
                "{did}; the field is deprecated for this operation and version, a warning the store need not enforce{notes}"
            )
        } else {
            format!(
                "{did}; the {rule_text} is only inferred ({}){notes}",
                rule.why
            )
        });
    }
    match on_accept {
        OnAccept::Fail => Verdict::Fail(format!(
            "the store accepted a body that breaks the documented {rule_text}: {did}{notes}"
        )),
        OnAccept::Observe { errata } if strict => Verdict::Fail(format!(
            "--strict: the store accepted a body that breaks the documented {rule_text} (otherwise an observation, errata {errata}): {did}{notes}"
        )),
        OnAccept::Observe { errata } => Verdict::Observe(format!(
            "{did}; the docs leave the handling open (errata {errata}){notes}"
        )),
    }
}

/// What the suite learnt after a store accepted a body that breaks a rule.
struct Contract {
    /// What the store did with the value, in words.
    what: String,
    /// The checks of the documented answer contract.
    verdicts: Vec<Verdict>,
    /// The customer as the store keeps it, when read back.
    kept: Option<Value>,
}

/// Checks the documented answer contract after an acceptance: the answer's
/// schema, the case's own checks, nothing outside the request changed (updates),
/// every sent field in its documented value domain, and (with `read_back`) the
/// same for the customer as the store keeps it, which must also hold the value
/// the answer showed.
async fn after_acceptance(
    run: &mut CaseRun<'_>,
    case: &Case,
    at: &str,
    answer: &Answer,
    before: Option<&Value>,
    if_accepted: &[Check],
    read_back: bool,
) -> Contract {
    let api = run.api();
    let version = case.version.unwrap_or_default();
    let sent = run.last_sent();
    let ctx = CheckCtx {
        api,
        case,
        answer,
        sent: &sent,
        created: before,
        delayed: false,
    };
    let mut verdicts = vec![ctx.check(&Check::ResponseSchema)];
    verdicts.extend(if_accepted.iter().map(|c| ctx.check(c)));
    if before.is_some() {
        verdicts.push(ctx.check(&Check::Unchanged));
    }
    let sent_customer = ctx.sent_customer().clone();
    let answered = customer_of(api, answer).cloned();
    let field = customer_pointer(api, at);
    let probe = run.fill.apply(&payloads::minimal_create(api, version));
    if let Some(answered) = &answered {
        verdicts.extend(
            out_of_domain(api, version, &probe, answered, &sent_customer)
                .into_iter()
                .map(|m| Verdict::Fail(format!("the answer has {m}"))),
        );
    }
    let mut kept = None;
    let readback_fields = readback_fields(api);
    if read_back && let Some(id) = answered.as_ref().and_then(id_string) {
        match run.read_back(&id).await {
            Ok(now) => {
                let doc = Doc::of(api, version);
                if let Err(errors) = doc.check("Customer", &now) {
                    verdicts.push(Verdict::Fail(format!(
                        "the customer as the store keeps it is not a Customer: {}",
                        errors.join("; ")
                    )));
                }
                verdicts.extend(
                    out_of_domain(api, version, &probe, &now, &sent_customer)
                        .into_iter()
                        .filter(|m| {
                            !readback_fields
                                .iter()
                                .any(|f| m.starts_with(&format!("`/{f}`")))
                        })
                        .map(|m| {
                            Verdict::Fail(format!("the customer as the store keeps it has {m}"))
                        }),
                );
                if let Some(before) = before {
                    let diffs = changed_fields(api, before, &now, &sent_customer, readback_fields);
                    if !diffs.is_empty() {
                        verdicts.push(Verdict::Fail(format!(
                            "fields the update did not send changed in the customer as the store keeps it: {}",
                            diffs.join("; ")
                        )));
                    }
                }
                let touched_by_readback = readback_fields
                    .iter()
                    .any(|f| field == format!("/{f}") || field.starts_with(&format!("/{f}/")));
                // Absent and null say the same (update answers may omit fields).
                if !touched_by_readback
                    && let Some(answered) = &answered
                    && let (Some(said), Some(kept)) =
                        (known(answered.pointer(&field)), known(now.pointer(&field)))
                    && said != kept
                {
                    verdicts.push(Verdict::Fail(format!(
                        "the answer said `{field}` is {said}, but the store keeps {kept}"
                    )));
                }
                kept = Some(now);
            }
            Err(m) => verdicts.push(Verdict::Observe(format!(
                "the customer could not be read back: {m}"
            ))),
        }
    }
    let what = describe(
        &field,
        sent_customer.pointer(&field),
        answered.as_ref().and_then(|a| a.pointer(&field)),
        before.and_then(|b| b.pointer(&field)),
        kept.as_ref().and_then(|k| k.pointer(&field)),
    );
    Contract {
        what,
        verdicts,
        kept,
    }
}

/// The fields the read-back update writes (they change on purpose).
fn readback_fields(api: Api) -> &'static [&'static str] {
    match api {
        Api::Fecify | Api::Myshopline => &["note"],
        Api::Shopline => &["memo"],
    }
}

/// The pointer of a body pointer inside the customer object (myshopline wraps it).
fn customer_pointer(api: Api, at: &str) -> String {
    match api {
        Api::Myshopline => at.strip_prefix("/customer").unwrap_or(at).to_owned(),
        _ => at.to_owned(),
    }
}

/// A value that says something: absent and null say the same.
fn known(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}

/// What the store did with the value at `field`, in words.
fn describe(
    field: &str,
    sent: Option<&Value>,
    answered: Option<&Value>,
    before: Option<&Value>,
    kept: Option<&Value>,
) -> String {
    let sent_text = match sent {
        Some(v) => format!("`{field}` sent as {v}"),
        None => format!("`{field}` left out"),
    };
    let did = match (answered, sent, before) {
        (None, _, _) => "not in the answer".to_owned(),
        (Some(a), Some(s), _) if a == s => "kept as sent".to_owned(),
        (Some(a), None, Some(b)) if a == b => format!("kept {a} on record"),
        (Some(a), _, Some(b)) if a == b => format!("ignored (still {a})"),
        (Some(a), None, None) => format!("filled in as {a}"),
        (Some(a), _, _) => format!("coerced to {a}"),
    };
    let kept = match (kept, answered) {
        (Some(k), Some(a)) if k != a => format!("; the store keeps {k}"),
        (Some(_), _) => "; read back the same".to_owned(),
        (None, _) => String::new(),
    };
    format!("{sent_text}, {did}{kept}")
}

/// The sent fields whose value in `customer` lies outside the documented value
/// domain: the enum and range rules the docs give for the field in a create
/// (the customer's attribute, not an operation's restriction such as "only
/// converting to member is supported"). Types are the response schema's job.
fn out_of_domain(
    api: Api,
    version: shopspec_model::myshopline::ApiVersion,
    probe: &Value,
    customer: &Value,
    sent_customer: &Value,
) -> Vec<String> {
    let Some(sent) = sent_customer.as_object() else {
        return Vec::new();
    };
    let target = Target::new(api, Operation::CreateCustomer).with_version(version);
    let wrap = match api {
        Api::Myshopline => "/customer",
        _ => "",
    };
    let mut out = Vec::new();
    for name in sent.keys() {
        let Some(value) = customer.get(name).filter(|v| !v.is_null()) else {
            continue;
        };
        let pointer = format!("{wrap}/{}", name.replace('~', "~0").replace('/', "~1"));
        let mut body = probe.clone();
        if !payloads::set(&mut body, &pointer, value.clone()) {
            continue;
        }
        let report = validate_value(target, &body);
        for v in report.errors.iter().filter(|v| {
            matches!(v.rule, Rule::Enum | Rule::Range)
                && (v.pointer == pointer || v.pointer.starts_with(&format!("{pointer}/")))
        }) {
            out.push(format!(
                "`/{name}` = {value}, outside the documented domain: {} ({})",
                v.message_display(),
                v.source
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn describe_names_what_the_store_did() {
        let s = json!("12345");
        assert!(describe("/a", Some(&s), Some(&s), None, None).contains("kept as sent"));
        let n = json!(12345);
        let d = describe("/a", Some(&n), Some(&s), None, Some(&s));
        assert!(
            d.contains("coerced to \"12345\"") && d.contains("read back the same"),
            "{d}"
        );
        let old = json!("x");
        let d = describe("/a", Some(&n), Some(&old), Some(&old), Some(&json!("y")));
        assert!(d.contains("ignored") && d.contains("keeps \"y\""), "{d}");
    }

    #[test]
    fn answered_values_outside_the_documented_domain_are_named() {
        let probe = json!({"email": "a@example.com", "first_name": "a", "last_name": "b"});
        let v = shopspec_model::myshopline::ApiVersion::LATEST_STABLE;
        let bad = out_of_domain(
            Api::Fecify,
            v,
            &probe,
            &json!({"accepts_marketing": 3, "first_name": "x"}),
            &json!({"accepts_marketing": "3", "first_name": 1}),
        );
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].starts_with("`/accepts_marketing` = 3"), "{bad:?}");
        let good = out_of_domain(
            Api::Fecify,
            v,
            &probe,
            &json!({"accepts_marketing": 2}),
            &json!({"accepts_marketing": "3"}),
        );
        assert!(good.is_empty(), "{good:?}");
    }
}
