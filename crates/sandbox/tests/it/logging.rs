//! One log line per request, and never a token in the logs or in answers.

use crate::common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::*;
use reqwest::Method;
use serde_json::json;
use shopspec_sandbox::{Api, Sandbox};

const SECRET: &str = "s3cr3t-token-never-printed";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The subscriber is scoped, not global (the other tests of this binary log
/// too): every thread of the test's runtime, its blocking pool and the
/// sandbox's writer thread report to it.
#[test]
fn logs_have_one_line_per_request_and_no_token() {
    let captured = Captured::default();
    let writer = captured.clone();
    let dispatch = tracing::Dispatch::new(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish(),
    );
    // With a single dispatcher registered, tracing decides a callsite another
    // test hits first from that thread's (empty) default and caches "never";
    // a second registered dispatcher makes it ask every dispatcher instead.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let on_start = dispatch.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        // The runtime's threads live as long as the runtime: keep the scope.
        .on_thread_start(move || std::mem::forget(tracing::dispatcher::set_default(&on_start)))
        .build()
        .expect("a runtime");
    tracing::dispatcher::with_default(&dispatch, || runtime.block_on(requests()));
    drop(runtime);
    check_logs(&captured);
}

/// Three tokens (right, wrong, none) against a Fecify and a myshopline create.
async fn requests() {
    let sandbox = Sandbox::builder().token(SECRET).start().await.unwrap();
    let client = client();
    let tokens = [Some(SECRET), Some("wrong-token-also-secret"), None];
    for token in tokens {
        let body = serde_json::to_vec(
            &json!({"email": email("log"), "first_name": "a", "last_name": "b"}),
        )
        .unwrap();
        let r = send_raw(
            &client,
            Api::Fecify,
            Method::POST,
            &fecify_url(&sandbox, "create-customer"),
            token,
            Some("application/json"),
            body,
        )
        .await;
        let text = r.text().await.unwrap();
        assert!(!text.contains(SECRET), "answers never echo a token: {text}");
        let r = send_raw(
            &client,
            Api::Myshopline,
            Method::POST,
            &myshopline_url(&sandbox, "v20260301", None),
            token,
            Some("application/json"),
            b"{\"customer\":{}}".to_vec(),
        )
        .await;
        let text = r.text().await.unwrap();
        assert!(!text.contains(SECRET), "{text}");
    }
    sandbox.shutdown().await;
}

fn check_logs(captured: &Captured) {
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(!logs.contains(SECRET), "token in logs:\n{logs}");
    assert!(
        !logs.contains("wrong-token-also-secret"),
        "presented token in logs:\n{logs}"
    );
    let request_lines: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("shopspec_sandbox::request"))
        .collect();
    assert_eq!(request_lines.len(), 6, "{logs}");
    let fecify_line = request_lines[0];
    for part in [
        "method=POST",
        "path=/apimanager666/api/skill/customer/create-customer",
        "status=200",
        "api=fecify",
        "op=create-customer",
        "elapsed_ms=",
    ] {
        assert!(
            fecify_line.contains(part),
            "{part} missing in {fecify_line}"
        );
    }
    let msl_line = request_lines[1];
    assert!(
        msl_line.contains("api=myshopline") && msl_line.contains("status=422"),
        "{msl_line}"
    );
    let trace = msl_line.split("trace_id=").nth(1).unwrap_or_default();
    assert_eq!(
        trace.split_whitespace().next().unwrap_or_default().len(),
        32,
        "{msl_line}"
    );
    assert!(
        request_lines[3].contains("status=401"),
        "{}",
        request_lines[3]
    );
}
