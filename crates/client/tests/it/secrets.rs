//! The token never shows up: not in `Debug` output of anything the crate hands
//! out, not in error messages, not in any log line (all of this process's
//! tracing and `log` output, at TRACE level, is captured while requests run).

use crate::common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::mock::matchers::method;
use common::mock::{Mock, MockServer, ResponseTemplate};
use common::{DroppingStore, TOKEN, closed_port, fast_retries};
use serde_json::json;
use shopspec_client::raw::{RawBody, RawRequest};
use shopspec_client::{Api, Operation, Patch, RetryPolicy, Token, fecify, myshopline, shopline};
use shopspec_sandbox::{FaultRule, Sandbox, StatusCode};
use tracing_subscriber::fmt::format::FmtSpan;

/// A second secret: a per-call override token must not leak either.
const OTHER_TOKEN: &str = "override-7c2e-SECRET";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut inner) = self.0.lock() {
            inner.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }
}

fn assert_secret_free(what: &str, text: &str) {
    assert!(!text.contains(TOKEN), "{what} shows the token: {text}");
    assert!(
        !text.contains(OTHER_TOKEN),
        "{what} shows the override token: {text}"
    );
}

#[test]
fn the_token_appears_in_no_debug_output_and_no_log_line() {
    let logs = Buffer::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_span_events(FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init()
        .expect("the only subscriber in this test binary");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let debug_texts = runtime.block_on(exercise());

    for (what, text) in &debug_texts {
        assert_secret_free(what, text);
    }
    let logs = logs.text();
    // The capture worked: request spans with their fields are there.
    assert!(
        logs.contains("shopspec.request"),
        "no request span logged:\n{logs}"
    );
    assert!(logs.contains("attempt=2"), "no retry logged:\n{logs}");
    assert!(
        logs.contains("status=401"),
        "no failed status logged:\n{logs}"
    );
    assert!(logs.contains("trace_id="), "no trace id logged:\n{logs}");
    assert_secret_free("the logs", &logs);
}

/// Runs successes and every kind of failure; returns the `Debug`/`Display`
/// text of everything produced on the way.
async fn exercise() -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut note = |what: &str, text: String| texts.push((what.to_owned(), text));

    let token = Token::new(TOKEN);
    note("token", format!("{token:?} {token:#?}"));

    let sb = Sandbox::builder()
        .token(TOKEN)
        .rate_limit(false)
        .start()
        .await
        .expect("sandbox");

    let fecify_builder = fecify::Client::builder()
        .base_url(sb.base_url(Api::Fecify))
        .token(TOKEN)
        .retry_policy(fast_retries(3));
    let shopline_builder = shopline::Client::builder()
        .base_url(sb.base_url(Api::Shopline))
        .token(TOKEN)
        .retry_policy(fast_retries(3));
    let myshopline_builder = myshopline::Client::builder()
        .base_url(sb.base_url(Api::Myshopline))
        .token(TOKEN)
        .retry_policy(fast_retries(3));
    note("fecify builder", format!("{fecify_builder:?}"));
    note("shopline builder", format!("{shopline_builder:#?}"));
    note("myshopline builder", format!("{myshopline_builder:?}"));
    let fecify = fecify_builder.build().expect("client");
    let shopline = shopline_builder.build().expect("client");
    let myshopline = myshopline_builder.build().expect("client");
    note("fecify client", format!("{fecify:?}"));
    note("shopline client", format!("{shopline:#?}"));
    note("myshopline client", format!("{myshopline:?}"));

    // Successes.
    let created = fecify
        .create_customer(&fecify::CreateCustomerRequest::new(
            "s@example.com",
            "a",
            "b",
        ))
        .await
        .expect("create");
    note("fecify response", format!("{created:?}"));
    let created = myshopline
        .create_customer(
            &myshopline::CustomerCreateInput {
                email: Some("s@example.com".into()),
                ..Default::default()
            }
            .into(),
        )
        .await
        .expect("create");
    note("myshopline response", format!("{created:?}"));
    let id = created.value().id.clone();

    // A retried update (500 then success).
    sb.faults().arm(
        FaultRule::status(StatusCode::INTERNAL_SERVER_ERROR)
            .api(Api::Myshopline)
            .operation(Operation::UpdateCustomer)
            .times(1),
    );
    let update = myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput {
        note: Patch::Value("n".into()),
        ..Default::default()
    });
    let updated = myshopline
        .update_customer(&id, &update)
        .await
        .expect("retried");
    assert_eq!(updated.attempts(), 2);

    // Auth failure, validation failure, server-side failure.
    let wrong = shopline::Client::builder()
        .base_url(sb.base_url(Api::Shopline))
        .token(OTHER_TOKEN)
        .build()
        .expect("client");
    let create = shopline::CreateCustomerRequest {
        email: Some("s@example.com".into()),
        ..Default::default()
    };
    let err = wrong.create_customer(&create).await.expect_err("401");
    note("api error", format!("{err:?} / {err}"));
    let err = shopline
        .create_customer(&shopline::CreateCustomerRequest::default())
        .await
        .expect_err("validation");
    note("validation error", format!("{err:?} / {err}"));

    // Raw calls with an override token and without auth.
    let raw = RawRequest::new(Operation::CreateCustomer)
        .body(json!({"email": "r@example.com"}))
        .token(OTHER_TOKEN);
    note("raw request", format!("{raw:?}"));
    let answer = shopline.send_raw_request(raw).await.expect("answer");
    note("raw response", format!("{answer:?}"));
    let answer = shopline
        .send_raw(Operation::CreateCustomer, None, RawBody::from("{not json"))
        .await
        .expect("answer");
    note("raw response", format!("{answer:?}"));

    // Rate limited.
    sb.faults().arm(
        FaultRule::status(StatusCode::TOO_MANY_REQUESTS)
            .api(Api::Myshopline)
            .retry_after(0)
            .times(5),
    );
    let err = myshopline
        .update_customer(&id, &update)
        .await
        .expect_err("429");
    note("rate limited", format!("{err:?} / {err}"));
    sb.faults().clear();

    // Timeout.
    sb.faults().set_latency(Duration::from_millis(500));
    let slow = fecify::Client::builder()
        .base_url(sb.base_url(Api::Fecify))
        .token(TOKEN)
        .timeout(Duration::from_millis(50))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let err = slow
        .create_customer(&fecify::CreateCustomerRequest::new(
            "t@example.com",
            "a",
            "b",
        ))
        .await
        .expect_err("timeout");
    note("timeout", format!("{err:?} / {err}"));
    sb.faults().set_latency(Duration::ZERO);

    // Connection refused and connection dropped.
    let refused = shopline::Client::builder()
        .base_url(format!("http://{}", closed_port()))
        .token(TOKEN)
        .retry_policy(fast_retries(2))
        .build()
        .expect("client");
    let err = refused.create_customer(&create).await.expect_err("refused");
    note("transport error", format!("{err:?} / {err}"));
    let dropping = DroppingStore::start();
    let dropped = shopline::Client::builder()
        .base_url(format!("http://{}", dropping.addr))
        .token(TOKEN)
        .build()
        .expect("client");
    let err = dropped.create_customer(&create).await.expect_err("dropped");
    note("dropped", format!("{err:?} / {err}"));

    // A store that echoes the token in its error answers.
    let echo = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"message": format!("bad token {TOKEN}"), "code": "AUTH"})),
        )
        .mount(&echo)
        .await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_raw(format!("<html>token={TOKEN}</html>"), "text/html"),
        )
        .mount(&echo)
        .await;
    let echoing = shopline::Client::builder()
        .base_url(echo.uri())
        .token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let err = echoing.create_customer(&create).await.expect_err("401");
    assert_eq!(err.api_message(), Some("bad token ***"));
    note("echoed api error", format!("{err:?} / {err}"));
    let err = echoing
        .update_customer(
            "x",
            &shopline::UpdateCustomerRequest {
                memo: Patch::Value("m".into()),
                ..Default::default()
            },
        )
        .await
        .expect_err("500");
    note("echoed decode error", format!("{err:?} / {err}"));

    let build_err = shopline::Client::builder()
        .base_url(format!("https://user:{TOKEN}@example.com"))
        .token(TOKEN)
        .build()
        .expect_err("credentials in URL");
    note("build error", format!("{build_err:?} / {build_err}"));

    sb.shutdown().await;
    texts
}
