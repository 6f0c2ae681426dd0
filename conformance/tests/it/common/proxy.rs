//! A reverse proxy in front of a sandbox that rewrites requests and answers: how
//! the tests build stores that differ from the sandbox in one way.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use serde_json::Value;
use shopspec_model::Api;
use tokio::task::JoinHandle;

/// A request on its way to the sandbox.
pub struct Req {
    pub method: Method,
    /// Path and query below the proxy's origin.
    pub path: String,
    pub update: bool,
    pub headers: HeaderMap,
    pub body: Option<Value>,
}

impl Req {
    /// The API the request is for, from its path.
    pub fn api(&self) -> Api {
        if self.path.contains("/api/skill/") {
            Api::Fecify
        } else if self.path.starts_with("/admin/openapi/") {
            Api::Myshopline
        } else {
            Api::Shopline
        }
    }

    /// The myshopline version segment of the path (`v20220901`), if any.
    pub fn version(&self) -> Option<&str> {
        self.path
            .strip_prefix("/admin/openapi/")
            .and_then(|rest| rest.split('/').next())
    }

    /// The customer id of an update, from the path (SHOPLINE APIs) or the body (Fecify).
    pub fn customer_id(&self) -> Option<String> {
        match self.api() {
            Api::Fecify => self.body.as_ref()?.get("id").map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
            _ => {
                let last = self.path.split('?').next()?.rsplit('/').next()?;
                Some(last.trim_end_matches(".json").to_owned())
            }
        }
    }
}

/// An answer on its way back.
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Option<Value>,
}

/// What a proxy changes.
pub trait Rewrite: Send + Sync + 'static {
    /// Changes the request before the sandbox sees it.
    fn request(&self, _req: &mut Req) {}
    /// Changes the sandbox's answer before the client sees it.
    fn response(&self, _req: &Req, _resp: &mut Resp) {}
}

struct Proxy {
    upstream: String,
    http: reqwest::Client,
    rewrite: &'static dyn Rewrite,
}

async fn forward(State(proxy): State<Arc<Proxy>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let mut req = Req {
        method: parts.method.clone(),
        update: path.contains("update-customer") || parts.method == "PUT",
        path: path.clone(),
        headers: parts.headers.clone(),
        body: serde_json::from_slice(&bytes).ok(),
    };
    proxy.rewrite.request(&mut req);
    let mut upstream = proxy
        .http
        .request(parts.method.clone(), format!("{}{path}", proxy.upstream));
    for (name, value) in &req.headers {
        if name != "host" && name != "content-length" && !name.as_str().starts_with("x-sent-") {
            upstream = upstream.header(name, value);
        }
    }
    let upstream = match &req.body {
        Some(body) => upstream.body(body.to_string()),
        None => upstream.body(bytes.to_vec()),
    };
    let answer = upstream.send().await.expect("the sandbox answers");
    let mut resp = Resp {
        status: answer.status(),
        headers: answer.headers().clone(),
        body: None,
    };
    let raw = answer.bytes().await.unwrap_or_default();
    resp.body = serde_json::from_slice(&raw).ok();
    let had_json = resp.body.is_some();
    proxy.rewrite.response(&req, &mut resp);
    let out = match (&resp.body, had_json) {
        (Some(v), _) => v.to_string().into_bytes(),
        (None, true) => b"<html><title>yii\\base\\ErrorException</title></html>".to_vec(),
        (None, false) => raw.to_vec(),
    };
    let mut response = Response::builder().status(resp.status);
    for (name, value) in &resp.headers {
        if name != "content-length" && name != "transfer-encoding" {
            response = response.header(name, value);
        }
    }
    response.body(Body::from(out)).expect("a valid response")
}

/// Starts a proxy on a loopback port in front of `upstream`; the base URL of
/// each API through it, and the server task (abort it when done).
pub async fn start(
    upstream: &str,
    rewrite: &'static dyn Rewrite,
) -> (
    impl Fn(Api) -> String + use<>,
    JoinHandle<std::io::Result<()>>,
) {
    let proxy = Arc::new(Proxy {
        upstream: upstream.to_owned(),
        http: {
            shopspec_client::install_tls_provider();
            reqwest::Client::new()
        },
        rewrite,
    });
    let app = Router::new().fallback(forward).with_state(proxy);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let base = move |api: Api| match api {
        Api::Fecify => format!("http://{addr}{}", shopspec_sandbox::FECIFY_SITE_PATH),
        _ => format!("http://{addr}"),
    };
    (base, server)
}
