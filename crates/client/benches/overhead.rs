//! Overhead of the client over a bare `reqwest::Client`: the same create sent to
//! a local sandbox (rate limit off), with a unique email per iteration.
//!
//! ```text
//! cargo bench -p shopspec-client --bench overhead
//! ```
//!
//! For each API: `bare` is what a hand-written call does (serialise, send with
//! the auth header, decode the JSON answer into the model type); `client` is
//! `create_customer` with the defaults (pre-flight validation on);
//! `client_no_validation` turns validation off. Every function gets a fresh
//! sandbox so that none of them pays for rows the others inserted.

use std::future::Future;
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use shopspec_client::{Api, fecify, myshopline, shopline};
use shopspec_sandbox::Sandbox;
use tokio::runtime::Runtime;

const TOKEN: &str = "bench-token";

static NEXT: AtomicU64 = AtomicU64::new(0);

fn email() -> String {
    format!("bench{}@example.com", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn fecify_create() -> fecify::CreateCustomerRequest {
    fecify::CreateCustomerRequest::new(email(), "yunlong", "li")
}

fn shopline_create() -> shopline::CreateCustomerRequest {
    shopline::CreateCustomerRequest {
        email: Some(email()),
        name: "Li Yunlong".to_owned().into(),
        ..Default::default()
    }
}

fn myshopline_create() -> myshopline::CreateCustomerRequest {
    myshopline::CustomerCreateInput {
        email: Some(email()),
        first_name: Some("yunlong".into()),
        last_name: Some("li".into()),
        ..Default::default()
    }
    .into()
}

/// Runs `call` against a fresh sandbox; `call` gets the sandbox's base URL of `api`.
fn bench<F, Fut, T>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    rt: &Runtime,
    name: &str,
    api: Api,
    setup: impl FnOnce(String) -> F,
) where
    F: Fn() -> Fut,
    Fut: Future<Output = T>,
{
    let sandbox = rt.block_on(async {
        Sandbox::builder()
            .token(TOKEN)
            .rate_limit(false)
            .start()
            .await
            .expect("sandbox")
    });
    let call = setup(sandbox.base_url(api));
    group.bench_function(name, |b| b.iter(|| black_box(rt.block_on(call()))));
    rt.block_on(sandbox.shutdown());
}

fn bare_client() -> reqwest::Client {
    // The settings the shopspec client uses for its own reqwest client.
    shopspec_client::install_tls_provider();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client")
}

fn fecify_benches(c: &mut Criterion, rt: &Runtime) {
    let mut group = c.benchmark_group("fecify_create");
    bench(&mut group, rt, "bare", Api::Fecify, |site| {
        let http = bare_client();
        let url = format!("{site}/api/skill/customer/create-customer");
        move || {
            let request = http
                .post(&url)
                .header("skill-access-token", TOKEN)
                .json(&fecify_create());
            async move {
                let answer: shopspec_model::fecify::CreateCustomerResponse = request
                    .send()
                    .await
                    .expect("send")
                    .json()
                    .await
                    .expect("json");
                assert_eq!(answer.code, 200);
                answer
            }
        }
    });
    for (name, validate) in [("client", true), ("client_no_validation", false)] {
        bench(&mut group, rt, name, Api::Fecify, |site| {
            let client = fecify::Client::builder()
                .base_url(site)
                .token(TOKEN)
                .validate(validate)
                .build()
                .expect("client");
            move || {
                let client = client.clone();
                async move {
                    client
                        .create_customer(&fecify_create())
                        .await
                        .expect("create")
                }
            }
        });
    }
    group.finish();
}

fn shopline_benches(c: &mut Criterion, rt: &Runtime) {
    let mut group = c.benchmark_group("shopline_create");
    bench(&mut group, rt, "bare", Api::Shopline, |origin| {
        let http = bare_client();
        let url = format!("{origin}/v1/customers");
        move || {
            let request = http
                .post(&url)
                .bearer_auth(TOKEN)
                .header("user-agent", "bench")
                .json(&shopline_create());
            async move {
                let answer: shopline::Customer = request
                    .send()
                    .await
                    .expect("send")
                    .error_for_status()
                    .expect("2xx")
                    .json()
                    .await
                    .expect("json");
                answer
            }
        }
    });
    for (name, validate) in [("client", true), ("client_no_validation", false)] {
        bench(&mut group, rt, name, Api::Shopline, |origin| {
            let client = shopline::Client::builder()
                .base_url(origin)
                .token(TOKEN)
                .validate(validate)
                .build()
                .expect("client");
            move || {
                let client = client.clone();
                async move {
                    client
                        .create_customer(&shopline_create())
                        .await
                        .expect("create")
                }
            }
        });
    }
    group.finish();
}

fn myshopline_benches(c: &mut Criterion, rt: &Runtime) {
    let mut group = c.benchmark_group("myshopline_create");
    bench(&mut group, rt, "bare", Api::Myshopline, |origin| {
        let http = bare_client();
        let url = format!("{origin}/admin/openapi/v20260301/customers.json");
        move || {
            let request = http
                .post(&url)
                .bearer_auth(TOKEN)
                .json(&myshopline_create());
            async move {
                let answer: shopspec_model::myshopline::CreateCustomerResponse = request
                    .send()
                    .await
                    .expect("send")
                    .error_for_status()
                    .expect("2xx")
                    .json()
                    .await
                    .expect("json");
                answer
            }
        }
    });
    for (name, validate) in [("client", true), ("client_no_validation", false)] {
        bench(&mut group, rt, name, Api::Myshopline, |origin| {
            let client = myshopline::Client::builder()
                .base_url(origin)
                .token(TOKEN)
                .validate(validate)
                .build()
                .expect("client");
            move || {
                let client = client.clone();
                async move {
                    client
                        .create_customer(&myshopline_create())
                        .await
                        .expect("create")
                }
            }
        });
    }
    group.finish();
}

fn overhead(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    fecify_benches(c, &rt);
    shopline_benches(c, &rt);
    myshopline_benches(c, &rt);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(60)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = overhead
}
criterion_main!(benches);
