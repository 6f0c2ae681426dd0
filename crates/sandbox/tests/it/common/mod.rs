//! Helpers shared by the integration tests: a started sandbox and small HTTP calls.
#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::{Client, Method, Response};
use serde_json::Value;
use shopspec_sandbox::{Api, Sandbox, SandboxBuilder};

pub const TOKEN: &str = "test-token-0123456789";

pub fn builder() -> SandboxBuilder {
    Sandbox::builder().token(TOKEN).rate_limit(false)
}

pub async fn start() -> Sandbox {
    builder().start().await.expect("sandbox starts")
}

pub fn client() -> Client {
    // reqwest's rustls (provider-less in this workspace) needs a default provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder().no_proxy().build().expect("client builds")
}

/// A unique email, so tests never collide.
pub fn email(tag: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{tag}-{}-{}@example.com",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// A fresh database path under the system temp dir.
pub fn temp_db(tag: &str) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "shopspec-sandbox-{tag}-{}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("sandbox.db")
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now())
}

pub fn fecify_url(sandbox: &Sandbox, op: &str) -> String {
    format!("{}/api/skill/customer/{op}", sandbox.base_url(Api::Fecify))
}

pub fn shopline_url(sandbox: &Sandbox, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{}/v1/customers/{id}", sandbox.base_url(Api::Shopline)),
        None => format!("{}/v1/customers", sandbox.base_url(Api::Shopline)),
    }
}

pub fn myshopline_url(sandbox: &Sandbox, version: &str, id: Option<&str>) -> String {
    let base = format!(
        "{}/admin/openapi/{version}",
        sandbox.base_url(Api::Myshopline)
    );
    match id {
        Some(id) => format!("{base}/customers/{id}.json"),
        None => format!("{base}/customers.json"),
    }
}

/// Sends `body` to `url` with the API's auth headers and `token`.
pub async fn send_raw(
    client: &Client,
    api: Api,
    method: Method,
    url: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Response {
    let mut req = client.request(method, url).body(body);
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    if let Some(t) = token {
        req = match api {
            Api::Fecify => req.header("skill-access-token", t),
            _ => req.header("authorization", format!("Bearer {t}")),
        };
    }
    if api == Api::Shopline {
        req = req.header("user-agent", "shopspec-tests");
    }
    req.send().await.expect("request is answered")
}

pub async fn send(client: &Client, api: Api, method: Method, url: &str, body: &Value) -> Response {
    send_raw(
        client,
        api,
        method,
        url,
        Some(TOKEN),
        Some("application/json"),
        serde_json::to_vec(body).expect("json"),
    )
    .await
}

pub async fn json_of(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("body");
    let value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, value)
}

pub async fn fecify_create(client: &Client, sandbox: &Sandbox, body: &Value) -> (u16, Value) {
    json_of(
        send(
            client,
            Api::Fecify,
            Method::POST,
            &fecify_url(sandbox, "create-customer"),
            body,
        )
        .await,
    )
    .await
}

pub async fn shopline_create(client: &Client, sandbox: &Sandbox, body: &Value) -> (u16, Value) {
    json_of(
        send(
            client,
            Api::Shopline,
            Method::POST,
            &shopline_url(sandbox, None),
            body,
        )
        .await,
    )
    .await
}

pub async fn myshopline_create(
    client: &Client,
    sandbox: &Sandbox,
    version: &str,
    body: &Value,
) -> (u16, Value) {
    json_of(
        send(
            client,
            Api::Myshopline,
            Method::POST,
            &myshopline_url(sandbox, version, None),
            body,
        )
        .await,
    )
    .await
}
