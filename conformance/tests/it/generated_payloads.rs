//! Property tests against the sandbox: generated valid requests are accepted and
//! echoed; generated single-rule violations are rejected in the vendor's error
//! shape. Payloads come from `shopspec_validate::testing`, so the rules are the
//! catalogue's, written once.

use crate::common;

use std::sync::atomic::{AtomicU64, Ordering};

use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use shopspec_client::raw::{RawBody, RawResponse};
use shopspec_client::{AnyClient, RetryPolicy};
use shopspec_model::{Api, Operation};
use shopspec_validate::Target;
use shopspec_validate::testing::{mutation, valid_payload};

/// Cases per target and property: enough to reach most rules, quick to run.
const CASES: u32 = 32;

static UNIQUE: AtomicU64 = AtomicU64::new(0);

fn client(sandbox: &shopspec_sandbox::Sandbox, target: Target) -> AnyClient {
    let base = sandbox.base_url(target.api);
    let built = match target.api {
        Api::Fecify => shopspec_client::fecify::Client::builder()
            .base_url(base)
            .token(common::TOKEN)
            .retry_policy(RetryPolicy::none())
            .validate(false)
            .build()
            .map(AnyClient::from),
        Api::Shopline => shopspec_client::shopline::Client::builder()
            .base_url(base)
            .token(common::TOKEN)
            .retry_policy(RetryPolicy::none())
            .validate(false)
            .build()
            .map(AnyClient::from),
        Api::Myshopline => shopspec_client::myshopline::Client::builder()
            .base_url(base)
            .version(target.version)
            .token(common::UNLIMITED)
            .retry_policy(RetryPolicy::none())
            .validate(false)
            .build()
            .map(AnyClient::from),
    };
    built.expect("a client for the sandbox")
}

/// The customer object of a request or answer body.
fn customer(api: Api, body: &Value) -> Option<&Value> {
    match api {
        Api::Fecify => body.get("data").or(Some(body)),
        Api::Shopline => Some(body),
        Api::Myshopline => body.get("customer"),
    }
}

fn customer_mut(api: Api, body: &mut Value) -> Option<&mut Value> {
    match api {
        Api::Myshopline => body.get_mut("customer"),
        _ => Some(body),
    }
}

/// Generated emails are random but may repeat; emails are unique per store.
fn unique_email(api: Api, body: &mut Value) {
    if let Some(c) = customer_mut(api, body)
        && let Some(email) = c.get_mut("email")
        && email.as_str().is_some_and(|e| e.contains('@'))
    {
        *email = json!(format!(
            "p{}@example.com",
            UNIQUE.fetch_add(1, Ordering::Relaxed)
        ));
    }
}

fn is_success(api: Api, answer: &RawResponse) -> bool {
    answer.status().is_success()
        && (api != Api::Fecify
            || answer
                .json()
                .and_then(|j| j.get("code"))
                .and_then(Value::as_i64)
                == Some(200))
}

/// The vendor's documented error shape.
fn error_shape(api: Api, answer: &RawResponse) -> Result<(), String> {
    let json = answer.json().ok_or("the error body is not JSON")?;
    match api {
        Api::Fecify => match json.get("code").and_then(Value::as_i64) {
            Some(code) if code != 200 && json.get("message").is_some_and(Value::is_string) => {
                Ok(())
            }
            _ => Err(format!("not a Fecify error envelope: {json}")),
        },
        Api::Shopline => {
            let message = json
                .get("message")
                .or(json.get("error"))
                .is_some_and(Value::is_string);
            if answer.status().is_client_error() && message {
                Ok(())
            } else {
                Err(format!("HTTP {} {json}", answer.status()))
            }
        }
        Api::Myshopline => {
            if answer.status().is_client_error()
                && json.get("errors").is_some()
                && answer.trace_id().is_some()
            {
                Ok(())
            } else {
                Err(format!(
                    "HTTP {} {json} traceId {:?}",
                    answer.status(),
                    answer.trace_id()
                ))
            }
        }
    }
}

/// Fields each answer documents and must echo as sent (strings only: some other
/// types are answered in another form, e.g. SHOPLINE `phones`).
fn echoed(api: Api) -> &'static [&'static str] {
    match api {
        Api::Fecify => &["email", "first_name", "last_name", "note"],
        Api::Shopline => &["name", "email", "memo"],
        Api::Myshopline => &["email", "first_name", "last_name", "note", "tags"],
    }
}

struct Fixture {
    runtime: tokio::runtime::Runtime,
    sandbox: shopspec_sandbox::Sandbox,
}

fn fixture() -> Fixture {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let sandbox = runtime.block_on(common::sandbox());
    Fixture { runtime, sandbox }
}

/// Sends `payload` (an update goes to `id`).
fn send(
    f: &Fixture,
    client: &AnyClient,
    target: Target,
    id: Option<&str>,
    mut payload: Value,
) -> RawResponse {
    if target.api == Api::Fecify
        && target.operation == Operation::UpdateCustomer
        && let (Some(id), Some(map)) = (id, payload.as_object_mut())
        && map.get("id").is_some_and(Value::is_i64)
    {
        map.insert("id".into(), json!(id.parse::<i64>().unwrap_or(0)));
    }
    f.runtime
        .block_on(client.send_raw(target.operation, id, RawBody::Json(payload)))
        .expect("the sandbox answers")
}

/// A customer for the update properties.
fn create_customer(f: &Fixture, client: &AnyClient, api: Api) -> String {
    let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
    let body = match api {
        Api::Fecify => {
            json!({"email": format!("base{n}@example.com"), "first_name": "a", "last_name": "b"})
        }
        Api::Shopline => json!({"name": "a", "email": format!("base{n}@example.com")}),
        Api::Myshopline => json!({"customer": {"email": format!("base{n}@example.com")}}),
    };
    let answer = f
        .runtime
        .block_on(client.send_raw(Operation::CreateCustomer, None, RawBody::Json(body)))
        .expect("the sandbox answers");
    let json = answer.json().cloned().unwrap_or(Value::Null);
    let id = customer(api, &json).and_then(|c| c.get("id")).cloned();
    match id {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => panic!("no id in {json}"),
    }
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn generated_valid_requests_are_accepted_and_echoed() {
    let f = fixture();
    for target in Target::all() {
        let client = client(&f.sandbox, target);
        let id = (target.operation == Operation::UpdateCustomer)
            .then(|| create_customer(&f, &client, target.api));
        let result = runner().run(&valid_payload(target), |mut payload| {
            unique_email(target.api, &mut payload);
            let answer = send(&f, &client, target, id.as_deref(), payload.clone());
            if !is_success(target.api, &answer) {
                return Err(TestCaseError::fail(format!(
                    "{target}: a valid payload was refused: HTTP {} {:?}\npayload: {payload}",
                    answer.status(),
                    answer.json()
                )));
            }
            let body = answer.json().cloned().unwrap_or(Value::Null);
            let (Some(sent), Some(got)) =
                (customer(target.api, &payload), customer(target.api, &body))
            else {
                return Err(TestCaseError::fail(format!(
                    "{target}: no customer in {body}"
                )));
            };
            for field in echoed(target.api) {
                if let Some(want) = sent.get(*field).filter(|v| v.is_string())
                    && got.get(*field) != Some(want)
                {
                    return Err(TestCaseError::fail(format!(
                        "{target}: `{field}` sent {want}, answered {:?}",
                        got.get(*field)
                    )));
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }
}

#[test]
fn generated_single_rule_violations_are_rejected_in_the_vendor_shape() {
    let f = fixture();
    for target in Target::all() {
        let client = client(&f.sandbox, target);
        let id = (target.operation == Operation::UpdateCustomer)
            .then(|| create_customer(&f, &client, target.api));
        let result = runner().run(&mutation(target), |m| {
            let answer = send(&f, &client, target, id.as_deref(), m.payload.clone());
            if is_success(target.api, &answer) {
                return Err(TestCaseError::fail(format!(
                    "{target}: accepted a payload that breaks {} at {} ({})\npayload: {}",
                    m.rule, m.pointer, m.what, m.payload
                )));
            }
            error_shape(target.api, &answer).map_err(|e| {
                TestCaseError::fail(format!("{target}: {} at {}: {e}", m.rule, m.pointer))
            })
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }
}
