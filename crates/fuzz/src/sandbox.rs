//! The sandbox's router in process: every answer is documented, vendor-shaped
//! and never 5xx; after a 2xx the stored customer agrees with the answer and
//! keeps every number that was sent.

use axum::Router;
use axum::body::Body;
use http::header::{AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{Method, Request, Response};
use serde_json::{Value, json};
use shopspec_sandbox::{Api, Operation, Sandbox, SandboxApp};
use shopspec_validate::Target;
use tower::ServiceExt;

use crate::{Finding, TOKEN, broken, targets};

/// Inputs served by one app before it is replaced by a fresh one, so memory
/// stays flat over a long run.
const RECYCLE: usize = 25_000;

/// Customers created per API before the first input, for updates to find.
const SETUP_CUSTOMERS: usize = 3;

/// Ids the path-id selector picks from when it is not hostile.
const HOSTILE_IDS: &[&str] = &[
    "0",
    "-1",
    "abc",
    "%ZZ",
    "99999999999999999999",
    "%2e%2e",
    "a.json",
    "4211465524%00",
    "%F0%9F%98%80",
    "",
];

const HOSTILE_PATHS: &[&str] = &[
    "/",
    "/v1/customers/x/y",
    "/admin/openapi/v2099/customers.json",
    "/admin/openapi/v20260301/customers",
    "/api/skill/customer/create-customer",
    "/x/api/skill/customer/delete-customer",
    "//v1//customers",
    "/admin/openapi/v20260301/customers/1.xml",
];

const CONTENT_TYPES: &[Option<&str>] = &[
    Some("application/json; charset=utf-8"),
    Some("text/plain"),
    None,
    Some("application/json; charset=latin1"),
    Some("APPLICATION/JSON"),
    Some("application/json;charset=\"UTF-8\""),
    Some("multipart/form-data"),
];

pub(crate) struct SandboxTarget {
    runtime: tokio::runtime::Runtime,
    app: Option<SandboxApp>,
    router: Router,
    known: Vec<Vec<String>>,
    served: usize,
    /// Inputs answered with success whose customer was read back and compared.
    pub(crate) stored: u64,
}

/// One request as the selector bytes describe it.
struct Call {
    target: Target,
    request: Request<Body>,
    /// `false` for hostile paths, whose operation is not known in advance.
    routed: bool,
    /// The id in the path (SHOPLINE, myshopline updates).
    path_id: Option<String>,
}

fn api_index(api: Api) -> usize {
    Api::ALL.iter().position(|a| *a == api).unwrap_or(0)
}

impl SandboxTarget {
    pub(crate) fn new() -> SandboxTarget {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let (app, router, known) = runtime.block_on(fresh());
        SandboxTarget {
            runtime,
            app: Some(app),
            router,
            known,
            served: 0,
            stored: 0,
        }
    }

    fn recycle(&mut self) {
        if let Some(app) = self.app.take() {
            self.runtime.block_on(app.close());
        }
        let (app, router, known) = self.runtime.block_on(fresh());
        self.app = Some(app);
        self.router = router;
        self.known = known;
        self.served = 0;
    }

    fn call(&self, input: &[u8]) -> Call {
        let b = |i: usize| input.get(i).copied().unwrap_or(0);
        let body = input.get(8..).unwrap_or(&[]).to_vec();
        let all = targets();
        let target = all[usize::from(b(0)) % all.len()];
        let (api, op) = (target.api, target.operation);
        let documented = match (api, op) {
            (Api::Fecify, _) | (_, Operation::CreateCustomer) => Method::POST,
            _ => Method::PUT,
        };
        let method = if b(1) < 230 {
            documented
        } else {
            [
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::DELETE,
                Method::PATCH,
            ][usize::from(b(1) - 230) % 5]
                .clone()
        };
        let known = &self.known[api_index(api)];
        let id = if b(5) < 220 {
            known[usize::from(b(5)) % known.len()].clone()
        } else {
            HOSTILE_IDS[usize::from(b(5) - 220) % HOSTILE_IDS.len()].to_owned()
        };
        let routed = b(6) < 240;
        let (mut path, path_id) = match (api, op) {
            (Api::Fecify, Operation::CreateCustomer) => (
                "/apimanager666/api/skill/customer/create-customer".to_owned(),
                None,
            ),
            (Api::Fecify, Operation::UpdateCustomer) => (
                "/apimanager666/api/skill/customer/update-customer".to_owned(),
                None,
            ),
            (Api::Shopline, Operation::CreateCustomer) => ("/v1/customers".to_owned(), None),
            (Api::Shopline, Operation::UpdateCustomer) => {
                (format!("/v1/customers/{id}"), Some(id.clone()))
            }
            (Api::Myshopline, Operation::CreateCustomer) => (
                format!("/admin/openapi/{}/customers.json", target.version),
                None,
            ),
            (Api::Myshopline, Operation::UpdateCustomer) => (
                format!("/admin/openapi/{}/customers/{id}.json", target.version),
                Some(id.clone()),
            ),
        };
        if !routed {
            path = HOSTILE_PATHS[usize::from(b(6) - 240) % HOSTILE_PATHS.len()].to_owned();
        }
        if b(7) >= 230 {
            path.push_str(if api == Api::Shopline {
                "?fields[]=name&fields[]=birth_year&excludes[]=email"
            } else {
                "?a=%ff"
            });
        }
        let mut builder = Request::builder().method(method).uri(path);
        let auth = b(2);
        builder = match (api, auth) {
            (Api::Fecify, 0..=234) => builder.header("skill-access-token", TOKEN),
            (Api::Fecify, 235..=245) => builder.header("skill-access-token", "wrong"),
            (Api::Fecify, _) => builder,
            (_, 0..=234) => builder.header(AUTHORIZATION, format!("Bearer {TOKEN}")),
            (_, 235..=240) => builder.header(AUTHORIZATION, "Bearer wrong"),
            (_, 241..=245) => builder,
            (_, 246..=250) => builder.header(AUTHORIZATION, format!("Bearar {TOKEN}")),
            (_, _) => builder.header(AUTHORIZATION, format!("bearer   {TOKEN} ")),
        };
        let content_type = if b(3) < 220 {
            Some("application/json")
        } else {
            CONTENT_TYPES[usize::from(b(3) - 220) % CONTENT_TYPES.len()]
        };
        if let Some(ct) = content_type {
            builder = builder.header(CONTENT_TYPE, ct);
        }
        builder = match b(4) {
            0..=244 => builder.header(USER_AGENT, "shopspec-fuzz"),
            245..=250 => builder,
            _ => builder.header(USER_AGENT, "  "),
        };
        let request = builder
            .body(Body::from(body))
            .unwrap_or_else(|_| Request::new(Body::empty()));
        Call {
            target,
            request,
            routed,
            path_id,
        }
    }

    pub(crate) fn check(&mut self, input: &[u8]) -> Result<(), Finding> {
        if self.served >= RECYCLE {
            self.recycle();
        }
        self.served += 1;
        let call = self.call(input);
        let sent: Option<Value> = serde_json::from_slice(input.get(8..).unwrap_or(&[])).ok();
        let target = call.target;
        let router = self.router.clone();
        let (status, trace_id, body) = self.runtime.block_on(async move {
            let response: Response<Body> = match router.oneshot(call.request).await {
                Ok(r) => r,
                Err(never) => match never {},
            };
            let status = response.status();
            let trace_id = response.headers().contains_key("traceid");
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await;
            (status, trace_id, bytes)
        });
        let where_ = format!("{target}");
        let body = body.map_err(|e| broken(format!("{where_}: the body cannot be read: {e}")))?;
        if status.is_server_error() {
            return Err(broken(format!(
                "{where_}: HTTP {status}: {}",
                String::from_utf8_lossy(&body)
            )));
        }
        let answer: Value = serde_json::from_slice(&body).map_err(|e| {
            broken(format!(
                "{where_}: HTTP {status} with a body that is not JSON ({e})"
            ))
        })?;
        if !call.routed {
            return if Api::ALL.iter().any(|api| shaped(*api, status, &answer)) {
                Ok(())
            } else {
                Err(broken(format!(
                    "{where_} (hostile path): not a vendor shape: HTTP {status} {answer}"
                )))
            };
        }
        let api = target.api;
        let documented: &[u16] = match api {
            Api::Fecify => &[200],
            Api::Shopline => &[200, 401, 404, 405, 413, 422],
            Api::Myshopline => &[200, 400, 401, 404, 405, 413, 422],
        };
        if !documented.contains(&status.as_u16()) {
            return Err(broken(format!(
                "{where_}: HTTP {status} is not a documented status: {answer}"
            )));
        }
        if !shaped(api, status, &answer) {
            return Err(broken(format!(
                "{where_}: HTTP {status} is not in the vendor's shape: {answer}"
            )));
        }
        if api == Api::Myshopline && !trace_id {
            return Err(broken(format!("{where_}: no traceId header")));
        }
        let success = match api {
            Api::Fecify => answer["code"] == json!(200),
            _ => status.is_success(),
        };
        if !success {
            return Ok(());
        }
        let customer = match api {
            Api::Fecify => &answer["data"],
            Api::Shopline => &answer,
            Api::Myshopline => &answer["customer"],
        };
        let id = match &customer["id"] {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            other => return Err(broken(format!("{where_}: answered id {other}"))),
        };
        if target.operation == Operation::UpdateCustomer {
            let asked = match api {
                Api::Fecify => sent
                    .as_ref()
                    .and_then(|s| s.get("id"))
                    .map(Value::to_string),
                _ => call.path_id.clone(),
            };
            if asked.as_deref() != Some(id.as_str()) {
                return Err(broken(format!(
                    "{where_}: updated {asked:?} but answered customer {id}"
                )));
            }
        }
        let app = self.app.as_ref().expect("the app is open");
        let stored = self
            .runtime
            .block_on(app.customer(api, &id))
            .map_err(|e| broken(format!("{where_}: cannot read customer {id} back: {e}")))?
            .ok_or_else(|| broken(format!("{where_}: answered customer {id}, stored nothing")))?;
        agree(api, customer, &stored, "")
            .map_err(|why| broken(format!("{where_}: stored and answered differ: {why}")))?;
        if let Some(sent) = &sent {
            let fields = match api {
                Api::Myshopline => &sent["customer"],
                _ => sent,
            };
            numbers_kept(fields, &stored)
                .map_err(|why| broken(format!("{where_}: accepted, then lost: {why}")))?;
        }
        self.stored += 1;
        Ok(())
    }
}

/// The vendor's answer shape, success or failure.
fn shaped(api: Api, status: http::StatusCode, answer: &Value) -> bool {
    match api {
        Api::Fecify => {
            let code = answer.get("code").and_then(Value::as_i64);
            let message = answer.get("message").is_some_and(Value::is_string);
            match code {
                Some(200) => status.is_success() && answer["data"]["id"].is_i64() && message,
                Some(_) => message && answer.get("data").is_some(),
                None => false,
            }
        }
        Api::Shopline => {
            if status.is_success() {
                answer.get("id").is_some_and(Value::is_string)
            } else {
                answer.get("message").is_some_and(Value::is_string)
                    && answer.get("code").is_some_and(Value::is_string)
            }
        }
        Api::Myshopline => {
            if status.is_success() {
                answer["customer"]["id"].is_string()
            } else {
                answer.get("errors").is_some_and(|e| !e.is_null())
            }
        }
    }
}

/// Fields the answer derives from another stored form by design: SHOPLINE
/// answers `phones` as a list of what was sent as a comma-separated string.
fn derived(api: Api, pointer: &str) -> bool {
    api == Api::Shopline && pointer == "/phones"
}

/// Every answered value that the store also holds is the stored value: a
/// `null` answered for a stored value is a value accepted and then lost.
fn agree(api: Api, answered: &Value, stored: &Value, pointer: &str) -> Result<(), String> {
    if derived(api, pointer) {
        return Ok(());
    }
    if api == Api::Myshopline
        && pointer == "/gender"
        && let (Value::String(said), Some(n)) = (answered, stored.as_i64())
    {
        // The create answer writes the stored integer as a string: the digits
        // before v20260301, the word from it (spec/errata.md#E-MSL-3).
        let word = usize::try_from(n)
            .ok()
            .and_then(|i| ["others", "male", "female", "secret"].get(i).copied());
        return if *said == n.to_string() || Some(said.as_str()) == word {
            Ok(())
        } else {
            Err(format!("{pointer}: stored {n}, answered {said:?}"))
        };
    }
    match (answered, stored) {
        (Value::Object(a), Value::Object(s)) => {
            for (key, value) in a {
                if let Some(kept) = s.get(key) {
                    agree(api, value, kept, &format!("{pointer}/{key}"))?;
                }
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(s)) if a.len() == s.len() => {
            for (i, (x, y)) in a.iter().zip(s).enumerate() {
                agree(api, x, y, &format!("{pointer}/{i}"))?;
            }
            Ok(())
        }
        (a, s) if a == s => Ok(()),
        (a, s) => Err(format!("{pointer}: stored {s}, answered {a}")),
    }
}

/// Keys the store sets itself, whatever was sent.
const STORE_KEYS: &[&str] = &[
    "id",
    "created_at",
    "updated_at",
    "state",
    "shop_id",
    "status",
];

/// Every number sent at the top level of the customer is stored as sent.
fn numbers_kept(sent: &Value, stored: &Value) -> Result<(), String> {
    let Value::Object(fields) = sent else {
        return Ok(());
    };
    for (key, value) in fields {
        if !value.is_number() || STORE_KEYS.contains(&key.as_str()) {
            continue;
        }
        let kept = stored
            .get(key)
            .or_else(|| stored.get("_ignored").and_then(|i| i.get(key)))
            .or_else(|| {
                (key == "numberCode")
                    .then(|| stored.get("phone_prefix"))
                    .flatten()
            });
        if !kept.is_some_and(|kept| same_number(kept, value)) {
            return Err(format!("/{key}: sent {value}, stored {kept:?}"));
        }
    }
    Ok(())
}

/// The same number: exactly for integers, by value when one was written as a
/// float (the store keeps `1E2` as the integer 100).
fn same_number(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            x.as_f64().is_some() && x.as_f64() == y.as_f64()
        }
        _ => a == b,
    }
}

/// A fresh in-memory sandbox app with [`SETUP_CUSTOMERS`] customers per API.
async fn fresh() -> (SandboxApp, Router, Vec<Vec<String>>) {
    let app = Sandbox::builder()
        .token(TOKEN)
        .rate_limit(false)
        .build_app()
        .await
        .expect("the sandbox app opens");
    let router = app.router();
    let mut known = vec![Vec::new(); Api::ALL.len()];
    for n in 0..SETUP_CUSTOMERS {
        for api in Api::ALL {
            let email = format!("setup{n}@example.com");
            let (path, body, auth) = match api {
                Api::Fecify => (
                    "/apimanager666/api/skill/customer/create-customer".to_owned(),
                    json!({"email": email, "first_name": "f", "last_name": "l"}),
                    ("skill-access-token", TOKEN.to_owned()),
                ),
                Api::Shopline => (
                    "/v1/customers".to_owned(),
                    json!({"email": email}),
                    ("authorization", format!("Bearer {TOKEN}")),
                ),
                Api::Myshopline => (
                    "/admin/openapi/v20260301/customers.json".to_owned(),
                    json!({"customer": {"email": email}}),
                    ("authorization", format!("Bearer {TOKEN}")),
                ),
            };
            let request = Request::post(path)
                .header(auth.0, auth.1)
                .header(USER_AGENT, "shopspec-fuzz")
                .header(CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("a valid request");
            let response = match router.clone().oneshot(request).await {
                Ok(r) => r,
                Err(never) => match never {},
            };
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap_or_default();
            let answer: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            let id = match api {
                Api::Fecify => answer["data"]["id"].to_string(),
                Api::Shopline => answer["id"].as_str().unwrap_or_default().to_owned(),
                Api::Myshopline => answer["customer"]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            };
            known[api_index(api)].push(id);
        }
    }
    (app, router, known)
}
