//! Integers in every form a client may write them: what the sandbox accepts it
//! stores and answers as sent, in process (no sockets).

use axum::body::Body;
use http::Request;
use serde_json::{Value, json};
use shopspec_sandbox::{Api, Sandbox, SandboxApp};
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
