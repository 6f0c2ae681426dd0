//! Documented behaviour: accepted bodies and the checks on their answers, duplicates.

use std::time::Duration;

use serde_json::Value;
use shopspec_model::{Api, Operation};

use super::{Answer, Auth, CaseRun, Verdict, customer_of, error_shape, is_success};
use crate::case::{Case, Check};
use crate::client_types;
use crate::spec::{Doc, ExampleKind, schema_name};

pub(super) async fn accept(
    run: &mut CaseRun<'_>,
    case: &Case,
    create: Option<&Value>,
    update: Option<&Value>,
    delay: Option<Duration>,
    checks: &[Check],
    refusal: Option<&'static str>,
) -> Verdict {
    let api = run.api();
    let mut lease = None;
    let (created, main) = match (update, create) {
        (None, create) => {
            let create = create.cloned().unwrap_or(Value::Null);
            let answer = match run
                .send(Operation::CreateCustomer, None, &create, Auth::Main)
                .await
            {
                Ok(a) => a,
                Err(e) => return Verdict::Fail(format!("no answer: {e}")),
            };
            (None, answer)
        }
        (Some(update), create) => {
            let subject = match run.subject(create).await {
                Ok(s) => s,
                Err(v) => return v,
            };
            if let (Some(delay), Some(at)) = (delay, subject.created_at) {
                tokio::time::sleep_until((at + delay).into()).await;
            }
            lease = subject.lease;
            let answer = match run
                .send(
                    Operation::UpdateCustomer,
                    Some(&subject.id),
                    update,
                    Auth::Main,
                )
                .await
            {
                Ok(a) => a,
                Err(e) => return Verdict::Fail(format!("no answer: {e}")),
            };
            (Some(subject.state), answer)
        }
    };
    if !is_success(api, &main) {
        if let Some(lease) = lease {
            lease.release(created.clone());
        }
        return match refusal {
            Some(errata) => Verdict::Observe(format!(
                "refused (HTTP {}): {}; the docs leave room for it (errata {errata})",
                main.status,
                main.excerpt()
            )),
            None => Verdict::Fail(format!(
                "the store refused a valid {} body: HTTP {} {}",
                case.operation,
                main.status,
                main.excerpt()
            )),
        };
    }
    if let Some(lease) = lease {
        lease.release(customer_of(api, &main).cloned());
    }
    let sent = run.last_sent();
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

pub(super) async fn duplicate(
    run: &mut CaseRun<'_>,
    case: &Case,
    body: &Value,
    documented: bool,
) -> Verdict {
    let api = run.api();
    let first = match run
        .send(Operation::CreateCustomer, None, body, Auth::Main)
        .await
    {
        Ok(a) => a,
        Err(e) => return Verdict::Fail(format!("no answer: {e}")),
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
        Err(e) => return Verdict::Fail(format!("no answer to the second create: {e}")),
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

/// What checks look at.
pub(super) struct CheckCtx<'a> {
    pub(super) api: Api,
    pub(super) case: &'a Case,
    pub(super) answer: &'a Answer,
    pub(super) sent: &'a Value,
    pub(super) created: Option<&'a Value>,
    pub(super) delayed: bool,
}

impl CheckCtx<'_> {
    fn customer(&self) -> Option<&Value> {
        customer_of(self.api, self.answer)
    }

    /// The sent customer object (myshopline: inside the wrapper).
    pub(super) fn sent_customer(&self) -> &Value {
        match self.api {
            Api::Myshopline => self.sent.get("customer").unwrap_or(&Value::Null),
            _ => self.sent,
        }
    }

    pub(super) fn check(&self, check: &Check) -> Verdict {
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
                let version = self.case.version.unwrap_or_default();
                let op = self.case.operation;
                let unreadable = client_types::mismatches(self.api, version, op, body);
                match doc.check(schema, body) {
                    Err(errors) => Verdict::Fail(format!(
                        "the answer is not a {schema}: {}",
                        errors.join("; ")
                    )),
                    // The official client could not decode the answer (errata E-MSL-3).
                    Ok(()) if !unreadable.is_empty() => Verdict::Fail(format!(
                        "the official client cannot read the answer: {} (its answer type: {})",
                        unreadable.join("; "),
                        client_types::source(version, op)
                    )),
                    Ok(()) => Verdict::Pass(String::new()),
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
            Check::Reports { field, errata } => Verdict::Observe(match customer.get(*field) {
                Some(v) => format!("the store answers `{field}` as {v} (errata {errata})"),
                None => format!("the store answers no `{field}` (errata {errata})"),
            }),
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
                let Some(before) = self.created else {
                    return Verdict::Fail("no create answer to compare with".to_owned());
                };
                let diffs = changed_fields(self.api, before, customer, self.sent_customer(), &[]);
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
            Check::KeptAsCreated { fields, errata } => {
                let Some(before) = self.created else {
                    return Verdict::Fail("no create answer to compare with".to_owned());
                };
                // Absent and null say the same.
                let known = |v: Option<&Value>| v.filter(|v| !v.is_null()).cloned();
                let changed: Vec<String> = fields
                    .iter()
                    .filter_map(|f| {
                        let (was, now) = (known(before.get(*f)), known(customer.get(*f)));
                        (was != now).then(|| {
                            let show =
                                |v: Option<Value>| v.map_or("absent".to_owned(), |v| v.to_string());
                            format!("`{f}` from {} to {}", show(was), show(now))
                        })
                    })
                    .collect();
                if changed.is_empty() {
                    Verdict::Pass(String::new())
                } else {
                    Verdict::Observe(format!(
                        "the request changed {} (errata {errata}): the official Go SDK sends it in every update",
                        changed.join("; ")
                    ))
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

/// `YYYY-MM-DD HH:MM:SS` (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html, errata E-FEC-10).
pub(super) fn fecify_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

/// The fields of `before` that `now` carries with another value, except those
/// `sent` names (and their companions), `updated_at` and `skip`. A field `now`
/// lacks is not a change: update answers may omit fields (errata E-FEC-2,
/// E-MSL-17).
pub(super) fn changed_fields(
    api: Api,
    before: &Value,
    now: &Value,
    sent: &Value,
    skip: &[&str],
) -> Vec<String> {
    let Some(before) = before.as_object() else {
        return Vec::new();
    };
    let sent_keys: Vec<&str> = sent
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let changes_with_request = |k: &str| {
        sent_keys
            .iter()
            .any(|s| *s == k || companions(api, s).contains(&k))
    };
    let mut diffs = Vec::new();
    for (k, was) in before {
        if k == "updated_at" || skip.contains(&k.as_str()) || changes_with_request(k) {
            continue;
        }
        match now.get(k) {
            Some(now) if now != was => diffs.push(format!("`{k}` changed from {was} to {now}")),
            _ => {}
        }
    }
    diffs
}

/// The answer fields that describe the same thing as a request field, so they
/// change when it is sent: SHOPLINE's `birthday` and its split form (one date,
/// errata E-SL-7), `phones` and `phone`; myshopline's marketing flags, their consent objects and
/// timestamps, and the default address among the addresses.
fn companions(api: Api, sent: &str) -> &'static [&'static str] {
    match (api, sent) {
        (Api::Shopline, "birthday" | "birth_year" | "birth_month" | "birth_day") => {
            &["birthday", "birth_year", "birth_month", "birth_day"]
        }
        // `phone` is the last item of `phones` (Customer model).
        (Api::Shopline, "phones" | "phone") => &["phone", "phones"],
        (Api::Myshopline, "accepts_marketing" | "email_marketing_consent") => &[
            "accepts_marketing",
            "accepts_marketing_updated_at",
            "email_marketing_consent",
            "email_subscribe_flag",
        ],
        (Api::Myshopline, "sms_marketing_consent") => &[
            "accepts_phone_marketing",
            "accepts_mobile_marketing_updated_at",
            "mobile_subscribe_flag",
        ],
        (Api::Myshopline, "addresses") => &["default_address"],
        _ => &[],
    }
}
