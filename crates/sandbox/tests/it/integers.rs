//! Integers in every form a client may write them, sent in process (no
//! sockets): what the sandbox accepts it stores and answers as sent; integers
//! beyond what a store keeps are rejected in the vendor's error shape with the
//! rule id, the field's pointer and the rule's source.

use std::collections::BTreeSet;

use axum::body::Body;
use http::Request;
use serde_json::{Value, json};
use shopspec_sandbox::{Api, Operation, Sandbox, SandboxApp};
use shopspec_validate::{Rule, Target, catalogue, validate_str};
use tower::ServiceExt;

const TOKEN: &str = "integers-token";

async fn app() -> SandboxApp {
    Sandbox::builder()
        .token(TOKEN)
        .rate_limit(false)
        .build_app()
        .await
        .expect("the sandbox app opens")
}

/// Sends `body` to `path` with the API's auth and returns the status and JSON answer.
async fn send(app: &SandboxApp, api: Api, method: &str, path: &str, body: &str) -> (u16, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header("user-agent", "integers-test");
    request = match api {
        Api::Fecify => request.header("skill-access-token", TOKEN),
        _ => request.header("authorization", format!("Bearer {TOKEN}")),
    };
    let request = request.body(Body::from(body.to_owned())).expect("request");
    let response = app.router().oneshot(request).await.expect("answered");
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (
        status,
        serde_json::from_slice(&bytes).expect("a JSON answer"),
    )
}

#[tokio::test]
async fn an_integer_written_as_a_float_is_stored_and_answered_as_that_integer() {
    let app = app().await;
    // `2.0e3` is the integer 2000 in float notation: accepted, so it must not be lost.
    let (status, answer) = send(
        &app,
        Api::Shopline,
        "POST",
        "/v1/customers",
        r#"{"email":"float-year@example.com","birth_year":2.0e3,"birth_month":6.0}"#,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["birth_year"], json!(2000));
    assert_eq!(answer["birth_month"], json!(6));
    let id = answer["id"].as_str().expect("an id");
    let stored = app
        .customer(Api::Shopline, id)
        .await
        .expect("readable")
        .expect("stored");
    assert_eq!(stored["birth_year"], json!(2000));

    let (status, answer) = send(
        &app,
        Api::Fecify,
        "POST",
        "/site/api/skill/customer/create-customer",
        r#"{"email":"float-level@example.com","first_name":"f","last_name":"l","accepts_marketing":1.0}"#,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(answer["code"], json!(200), "{answer}");
    assert_eq!(answer["data"]["accepts_marketing"], json!(1));
    app.close().await;
}

/// Integers just beyond what a store keeps: 2^63, 2^64, -2^63-1, and two
/// floats where an integer is due.
const BEYOND: [&str; 5] = [
    "9223372036854775808",
    "18446744073709551616",
    "-9223372036854775809",
    "1e20",
    "1.5",
];

/// Puts `value` at `pointer`, creating objects (and the first array item) on the way.
fn set(root: &mut Value, pointer: &str, value: Value) {
    let mut node = root;
    for token in pointer.split('/').skip(1) {
        if let Ok(index) = token.parse::<usize>() {
            if !node.is_array() {
                *node = json!([]);
            }
            let items = node.as_array_mut().expect("an array");
            while items.len() <= index {
                items.push(json!({}));
            }
            node = &mut items[index];
        } else {
            if !node.is_object() {
                *node = json!({});
            }
            node = node
                .as_object_mut()
                .expect("an object")
                .entry(token.to_owned())
                .or_insert(Value::Null);
        }
    }
    *node = value;
}

/// Where each operation lives, and a body that is valid without the field.
fn route(target: Target, ids: &[String; 3], n: usize) -> (&'static str, String, Value) {
    let email = format!("beyond{n}@example.com");
    match (target.api, target.operation) {
        (Api::Fecify, Operation::CreateCustomer) => (
            "POST",
            "/site/api/skill/customer/create-customer".into(),
            json!({"email": email, "first_name": "f", "last_name": "l"}),
        ),
        (Api::Fecify, Operation::UpdateCustomer) => (
            "POST",
            "/site/api/skill/customer/update-customer".into(),
            json!({"id": ids[0].parse::<i64>().expect("a fecify id")}),
        ),
        (Api::Shopline, Operation::CreateCustomer) => {
            ("POST", "/v1/customers".into(), json!({"email": email}))
        }
        (Api::Shopline, Operation::UpdateCustomer) => {
            ("PUT", format!("/v1/customers/{}", ids[1]), json!({}))
        }
        (Api::Myshopline, Operation::CreateCustomer) => (
            "POST",
            format!("/admin/openapi/{}/customers.json", target.version),
            json!({"customer": {"email": email}}),
        ),
        (Api::Myshopline, Operation::UpdateCustomer) => (
            "PUT",
            format!(
                "/admin/openapi/{}/customers/{}.json",
                target.version, ids[2]
            ),
            json!({"customer": {}}),
        ),
    }
}

/// The text of the vendor's error that carries the violations, if the answer
/// is the vendor's validation failure.
fn rejection(api: Api, status: u16, answer: &Value) -> Option<String> {
    let text = match api {
        Api::Fecify
            if status == 200 && [json!(1100001), json!(1100004)].contains(&answer["code"]) =>
        {
            &answer["message"]
        }
        Api::Shopline if status == 422 && answer["code"] == json!("invalid_request") => {
            &answer["message"]
        }
        Api::Myshopline if status == 422 => &answer["errors"],
        _ => return None,
    };
    text.as_str().map(str::to_owned)
}

fn accepted(api: Api, status: u16, answer: &Value) -> Option<(String, Value)> {
    let customer = match api {
        Api::Fecify if status == 200 && answer["code"] == json!(200) => &answer["data"],
        Api::Shopline if status == 200 => answer,
        Api::Myshopline if status == 200 => &answer["customer"],
        _ => return None,
    };
    let id = match &customer["id"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some((id, customer.clone()))
}

#[tokio::test]
async fn integers_beyond_the_stored_range_are_rejected_with_rule_pointer_and_source() {
    let app = app().await;
    let mut ids: [String; 3] = Default::default();
    for (i, api) in Api::ALL.into_iter().enumerate() {
        let target = Target::new(api, Operation::CreateCustomer);
        let (method, path, body) = route(target, &ids, 1_000_000 + i);
        let (status, answer) = send(&app, api, method, &path, &body.to_string()).await;
        ids[i] = accepted(api, status, &answer).expect("created").0;
    }

    let (mut rejected, mut kept, mut n) = (0, 0, 0);
    for target in Target::all() {
        let fields: BTreeSet<String> = catalogue(target)
            .into_iter()
            .filter(|e| e.rule == Rule::IntegerRange)
            .map(|e| e.pointer.replace('*', "0"))
            .collect();
        assert!(
            !fields.is_empty(),
            "{target}: no integer field in the catalogue"
        );
        for pointer in &fields {
            for raw in BEYOND {
                n += 1;
                let (method, path, mut body) = route(target, &ids, n);
                set(&mut body, pointer, json!("__beyond__"));
                let text = body.to_string().replace("\"__beyond__\"", raw);
                let (status, answer) = send(&app, target.api, method, &path, &text).await;
                let case = format!("{target} {pointer} = {raw}: HTTP {status} {answer}");
                assert!(status < 500, "{case}");

                if let Some(message) = rejection(target.api, status, &answer) {
                    // The vendor's error names the field, the rule and its source,
                    // exactly as the validator reports them.
                    // (an integer bound is inferred, so a warning the sandbox still refuses)
                    let report = validate_str(target, &text).expect("valid JSON");
                    let error = report
                        .errors
                        .iter()
                        .chain(&report.warnings)
                        .find(|e| e.pointer == *pointer)
                        .unwrap_or_else(|| panic!("no validator error at the field: {case}"));
                    let expected_rule = if raw == "1.5" {
                        Rule::Type
                    } else {
                        Rule::IntegerRange
                    };
                    assert_eq!(error.rule, expected_rule, "{case}");
                    for part in [
                        format!("{pointer}: "),
                        format!("[{}]", error.rule),
                        format!("(source: {})", error.source),
                    ] {
                        assert!(message.contains(&part), "{part:?} missing: {case}");
                    }
                    rejected += 1;
                } else {
                    // Accepted: then it is stored and answered exactly as sent.
                    let (id, customer) =
                        accepted(target.api, status, &answer).unwrap_or_else(|| panic!("{case}"));
                    let sent: Value = serde_json::from_str(raw).expect("a number");
                    let stored = app
                        .customer(target.api, &id)
                        .await
                        .expect("readable")
                        .expect("stored");
                    let inner = pointer.strip_prefix("/customer").unwrap_or(pointer);
                    assert_eq!(stored.pointer(inner), Some(&sent), "stored: {case}");
                    if let Some(answered) = customer.pointer(inner) {
                        assert_eq!(answered, &sent, "answered: {case}");
                    }
                    kept += 1;
                }
            }
        }
    }
    assert_eq!(rejected + kept, n);
    assert!(rejected > 0);
    app.close().await;
}
