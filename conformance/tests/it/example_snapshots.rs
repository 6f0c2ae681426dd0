//! Each documented request example as the model serialises it, and the sandbox's
//! answer to it beside the documented answer. Ids and timestamps are redacted.
//!
//! Update examples update a customer created first. The SHOPLINE update example
//! breaks the documented types and is never sent (errata E-SL-1).

use crate::common;

use serde_json::{Value, json};
use shopspec_client::raw::RawBody;
use shopspec_client::{AnyClient, RetryPolicy};
use shopspec_conformance::{Example, ExampleKind, examples};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation, fecify, myshopline, shopline};

/// The example, deserialised into the model type and serialised back.
fn through_model(example: &Example) -> Value {
    let v = example.value.clone();
    let round =
        |r: Result<Value, serde_json::Error>| r.unwrap_or_else(|e| panic!("{}: {e}", example.file));
    match (example.api, example.operation) {
        (Api::Fecify, Operation::CreateCustomer) => round(
            serde_json::from_value::<fecify::CreateCustomerRequest>(v)
                .and_then(serde_json::to_value),
        ),
        (Api::Fecify, Operation::UpdateCustomer) => round(
            serde_json::from_value::<fecify::UpdateCustomerRequest>(v)
                .and_then(serde_json::to_value),
        ),
        (Api::Shopline, Operation::CreateCustomer) => round(
            serde_json::from_value::<shopline::CreateCustomerRequest>(v)
                .and_then(serde_json::to_value),
        ),
        (Api::Shopline, Operation::UpdateCustomer) => round(
            serde_json::from_value::<shopline::UpdateCustomerRequest>(v)
                .and_then(serde_json::to_value),
        ),
        (Api::Myshopline, Operation::CreateCustomer) => round(
            serde_json::from_value::<myshopline::CreateCustomerRequest>(v)
                .and_then(serde_json::to_value),
        ),
        (Api::Myshopline, Operation::UpdateCustomer) => round(
            serde_json::from_value::<myshopline::UpdateCustomerRequest>(v)
                .and_then(serde_json::to_value),
        ),
    }
}

/// The documented answer that goes with a request example: same operation and
/// variant, else the plain one.
fn documented_response(example: &Example) -> Value {
    let responses: Vec<&Example> = examples()
        .iter()
        .filter(|e| {
            e.api == example.api
                && e.operation == example.operation
                && e.kind == ExampleKind::Response
        })
        .collect();
    responses
        .iter()
        .find(|e| e.variant == example.variant)
        .or_else(|| responses.iter().find(|e| e.variant.is_none()))
        .map(|e| e.value.clone())
        .unwrap_or(Value::Null)
}

fn client(sandbox: &shopspec_sandbox::Sandbox, api: Api) -> AnyClient {
    let base = sandbox.base_url(api);
    let built = match api {
        Api::Fecify => shopspec_client::fecify::Client::builder()
            .base_url(base)
            .token(common::TOKEN)
            .retry_policy(RetryPolicy::none())
            .build()
            .map(AnyClient::from),
        Api::Shopline => shopspec_client::shopline::Client::builder()
            .base_url(base)
            .token(common::TOKEN)
            .retry_policy(RetryPolicy::none())
            .build()
            .map(AnyClient::from),
        // The seed's examples are v20220901 examples.
        Api::Myshopline => shopspec_client::myshopline::Client::builder()
            .base_url(base)
            .version(ApiVersion::V20220901)
            .token(common::UNLIMITED)
            .retry_policy(RetryPolicy::none())
            .build()
            .map(AnyClient::from),
    };
    built.expect("a client for the sandbox")
}

/// A customer to update, created with a body of our own.
async fn create_first(client: &AnyClient, api: Api) -> String {
    let body = match api {
        Api::Fecify => {
            json!({"email": "snapshot-original@example.com", "first_name": "yunlong2", "last_name": "li"})
        }
        Api::Shopline => json!({"name": "Shopline User", "email": "snapshot-original@example.com"}),
        Api::Myshopline => {
            json!({"customer": {"email": "snapshot-original@example.com", "first_name": "Bob", "last_name": "Norman"}})
        }
    };
    let answer = client
        .send_raw(Operation::CreateCustomer, None, RawBody::Json(body))
        .await
        .expect("the sandbox answers");
    let json = answer.json().cloned().expect("a JSON answer");
    let id = match api {
        Api::Fecify => json.pointer("/data/id").cloned(),
        Api::Shopline => json.get("id").cloned(),
        Api::Myshopline => json.pointer("/customer/id").cloned(),
    };
    match id {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        other => panic!("no id in the create answer: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_examples_through_the_model_and_the_sandbox() {
    let requests: Vec<&Example> = examples()
        .iter()
        .filter(|e| e.kind == ExampleKind::Request && e.conforming)
        .collect();
    assert!(
        requests.len() >= 4,
        "expected the documented request examples, found {}",
        requests.len()
    );
    for example in requests {
        // A fresh store per example: the documented emails repeat.
        let sandbox = common::sandbox().await;
        let client = client(&sandbox, example.api);
        let request = through_model(example);
        let (id, mut body) = match example.operation {
            Operation::CreateCustomer => (None, request.clone()),
            Operation::UpdateCustomer => (
                Some(create_first(&client, example.api).await),
                request.clone(),
            ),
        };
        if example.api == Api::Fecify
            && let Some(id) = &id
        {
            body["id"] = json!(id.parse::<i64>().expect("a Fecify id is an integer"));
        }
        let answer = client
            .send_raw(example.operation, id.as_deref(), RawBody::Json(body))
            .await
            .expect("the sandbox answers");
        assert!(
            answer.status().is_success(),
            "{}: HTTP {}",
            example.file,
            answer.status()
        );
        let mut snapshot = json!({
            "file": example.file,
            "request": request,
            "documented_response": documented_response(example),
            "sandbox_response": answer.json().cloned().unwrap_or(Value::Null),
        });
        let name = example
            .file
            .trim_start_matches("spec/")
            .replace("/examples/", "__")
            .trim_end_matches(".json")
            .replace(['/', '.'], "_");
        redact(&mut snapshot["sandbox_response"]);
        insta::assert_json_snapshot!(name, snapshot);
        sandbox.shutdown().await;
    }
}

/// Replaces the ids and timestamps the sandbox makes up, at any depth of its
/// answer, so that a snapshot says only what is documented.
fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                match key.as_str() {
                    "id" | "customer_id" => *field = Value::from("[id]"),
                    "created_at"
                    | "updated_at"
                    | "consent_updated_at"
                    | "accepts_marketing_updated_at"
                    | "accepts_mobile_marketing_updated_at" => {
                        *field = Value::from("[timestamp]");
                    }
                    _ => redact(field),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}
