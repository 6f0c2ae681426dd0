//! Verdicts a store owner can trust: a store that follows the docs but, like real
//! stores, is lenient where the docs are silent passes (with observations that say
//! what it did), and fails only with `--strict`.

use crate::common;

use std::collections::HashMap;
use std::sync::Mutex;

use common::proxy::{self, Req, Resp, Rewrite};
use serde_json::{Value, json};
use shopspec_conformance::{RunReport, Status, run};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};
use shopspec_validate::{Rule, Target, validate_value};

/// An independently written store in front of the sandbox: it reads "true" and
/// "false" as booleans, ignores other wrongly typed values, unknown fields and
/// dates that do not exist, matches enum words in any letter case, ignores an
/// `is_member: false` on update ("only converting to member is supported"), and
/// takes an email on record as the email "修改订阅状态时用户邮箱必填" asks for.
#[derive(Default)]
struct Lenient {
    /// The email each customer has on record, from the store's answers.
    emails: Mutex<HashMap<String, String>>,
}

fn customer_of(api: Api, body: &Value) -> Option<&Value> {
    match api {
        Api::Fecify => body.get("data"),
        Api::Shopline => Some(body),
        Api::Myshopline => body.get("customer"),
    }
}

/// Removes the value at `pointer` (an object member or an array item).
fn remove(body: &mut Value, pointer: &str) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    match body.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&key.replace("~1", "/").replace("~0", "~"));
        }
        Some(Value::Array(items)) => {
            if let Ok(i) = key.parse::<usize>()
                && i < items.len()
            {
                items.remove(i);
            }
        }
        _ => {}
    }
}

/// A date in the shape of its own documented format (`limit`) that does not
/// exist, such as 30 February: the lenient store ignores those, and nothing else
/// of the format rules.
fn impossible_date(value: &Value, format: Option<&Value>) -> bool {
    let (Some(s), Some(format)) = (value.as_str(), format.and_then(Value::as_str)) else {
        return false;
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let dashed = |t: &str| {
        t.len() == 10
            && t.is_char_boundary(10)
            && digits(&t[..4])
            && digits(&t[5..7])
            && digits(&t[8..])
            && &t[4..5] == "-"
            && &t[7..8] == "-"
    };
    match format {
        "yyyyMMdd" => s.len() == 8 && digits(s),
        "YYYY-MM-DD" => dashed(s),
        "ISO 8601 date-time" => s.len() > 10 && s.is_char_boundary(10) && dashed(&s[..10]),
        _ => false,
    }
}

impl Rewrite for Lenient {
    fn request(&self, req: &mut Req) {
        let api = req.api();
        let version = req
            .version()
            .and_then(|v| v.parse::<ApiVersion>().ok())
            .unwrap_or_default();
        let op = if req.update {
            Operation::UpdateCustomer
        } else {
            Operation::CreateCustomer
        };
        let id = req.customer_id();
        let Some(body) = req.body.as_mut() else {
            return;
        };
        let report = validate_value(Target::new(api, op).with_version(version), body);
        // Deepest first, so removing an item does not move another one.
        // Documented and inferred rules alike: a lenient store coerces or ignores.
        let mut errors: Vec<_> = report
            .errors
            .iter()
            .chain(&report.warnings)
            .cloned()
            .collect();
        errors.sort_by(|a, b| b.pointer.cmp(&a.pointer));
        for v in errors {
            let Some(value) = body.pointer(&v.pointer).cloned() else {
                // A required field that is missing: the sandbox rejects it.
                if v.rule == Rule::RequiredWith
                    && v.pointer == "/customer/email"
                    && let Some(email) = id
                        .as_ref()
                        .and_then(|id| self.emails.lock().ok()?.get(id).cloned())
                    && let Some(customer) = body.get_mut("customer")
                {
                    customer["email"] = json!(email);
                }
                continue;
            };
            let limit = v.limit();
            match v.rule {
                Rule::Type => match value.as_str() {
                    Some("true") => {
                        *body.pointer_mut(&v.pointer).unwrap_or(&mut Value::Null) = json!(true)
                    }
                    Some("false") => {
                        *body.pointer_mut(&v.pointer).unwrap_or(&mut Value::Null) = json!(false)
                    }
                    _ => remove(body, &v.pointer),
                },
                Rule::UnknownField => remove(body, &v.pointer),
                Rule::Enum if api == Api::Shopline && req.update && v.pointer == "/is_member" => {
                    remove(body, &v.pointer)
                }
                Rule::Enum => {
                    let allowed = limit.as_ref().and_then(Value::as_array);
                    let same = value.as_str().and_then(|word| {
                        allowed?
                            .iter()
                            .find(|a| a.as_str().is_some_and(|a| a.eq_ignore_ascii_case(word)))
                    });
                    if let Some(same) = same.cloned() {
                        *body.pointer_mut(&v.pointer).unwrap_or(&mut Value::Null) = same;
                    }
                }
                Rule::Format if impossible_date(&value, limit.as_ref()) => remove(body, &v.pointer),
                Rule::Range
                    if limit.as_ref().is_some_and(|l| {
                        l.as_array().is_some_and(|a| a.iter().all(Value::is_string))
                    }) =>
                {
                    remove(body, &v.pointer)
                }
                _ => {}
            }
        }
    }

    fn response(&self, req: &Req, resp: &mut Resp) {
        if !resp.status.is_success() {
            return;
        }
        let api = req.api();
        if let Some(customer) = resp.body.as_ref().and_then(|b| customer_of(api, b))
            && let Some(email) = customer.get("email").and_then(Value::as_str)
            && let Some(id) = customer.get("id").map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            && let Ok(mut emails) = self.emails.lock()
        {
            emails.insert(id, email.to_owned());
        }
    }
}

async fn run_through_lenient_store(strict: bool) -> RunReport {
    let sandbox = common::sandbox().await;
    let upstream = format!("http://{}", sandbox.local_addr());
    let store: &'static Lenient = Box::leak(Box::default());
    let (base, server) = proxy::start(&upstream, store).await;
    let report = run(&common::targets_with(base, true, "", strict))
        .await
        .expect("the lenient store is reachable");
    server.abort();
    sandbox.shutdown().await;
    report
}

fn observation<'a>(report: &'a RunReport, id: &str) -> &'a str {
    let case = report
        .case(id)
        .unwrap_or_else(|| panic!("{id} is not in the run"));
    assert_eq!(
        case.status,
        Status::Observation,
        "{id}: {} ({})",
        case.status,
        case.message
    );
    &case.message
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lenient_store_passes_with_observations_and_fails_only_in_strict_mode() {
    let lenient = run_through_lenient_store(false).await;
    let failed: Vec<String> = lenient
        .failures()
        .map(|c| format!("{}: {}", c.id, c.message))
        .collect();
    assert!(failed.is_empty(), "false alarms:\n{}", failed.join("\n"));
    assert!(lenient.is_success());

    // Each observation says what the store did.
    let coerced = observation(&lenient, "shopline.create.is_member.type.as-string");
    assert!(coerced.contains("coerced to true"), "{coerced}");
    let ignored = observation(&lenient, "shopline.update.gender.type");
    assert!(ignored.contains("ignored"), "{ignored}");
    let member = observation(&lenient, "shopline.update.is_member.enum");
    assert!(
        member.contains("E-SL-22") && member.contains("ignored"),
        "{member}"
    );
    let email = observation(
        &lenient,
        "myshopline.v20220901.update.customer.email.required-with",
    );
    assert!(
        email.contains("E-MSL-23") && email.contains("on record"),
        "{email}"
    );
    let day = observation(&lenient, "shopline.create.birth_day.range-1");
    assert!(day.contains("E-CHK-4"), "{day}");
    let case = observation(&lenient, "shopline.create.gender.enum.wrong-case");
    assert!(
        case.contains("E-CHK-2") && case.contains("coerced to"),
        "{case}"
    );
    let unknown = observation(
        &lenient,
        "myshopline.v20260301.create.customer.unknown-field",
    );
    assert!(unknown.contains("accepted (HTTP 200)"), "{unknown}");

    // --strict: every documented constraint must be enforced as a rejection,
    // so exactly the observations of rule cases become failures.
    let strict = run_through_lenient_store(true).await;
    assert!(!strict.is_success(), "--strict must fail a lenient store");
    for case in strict.failures() {
        let before = lenient.case(&case.id).map(|c| c.status);
        assert_eq!(
            before,
            Some(Status::Observation),
            "{} fails in strict mode but was {before:?} without it: {}",
            case.id,
            case.message
        );
        assert!(case.message.contains("--strict"), "{}", case.message);
    }
    for id in [
        "shopline.create.is_member.type.as-string",
        "shopline.update.is_member.enum",
        "myshopline.v20220901.update.customer.email.required-with",
    ] {
        let status = strict.case(id).map(|c| c.status);
        assert_eq!(status, Some(Status::Failed), "{id}");
    }
}
