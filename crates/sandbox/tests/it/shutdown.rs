//! The figures the sandbox reports on shutdown match its database, even when a
//! load run is cut off with requests in flight (some of them abandoned by their
//! clients).

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::*;
use reqwest::Method;
use serde_json::json;
use shopspec_sandbox::{Api, FaultConfig, Sandbox};

const WORKERS: usize = 24;

/// One client that creates customers through `api` until it is aborted or the
/// sandbox stops answering. `in_flight` counts its request while it is sent.
async fn worker(sandbox_urls: [String; 3], api: Api, in_flight: Arc<AtomicUsize>) {
    let client = client();
    let index = Api::ALL.iter().position(|a| *a == api).unwrap_or(0);
    let url = &sandbox_urls[index];
    loop {
        let body = match api {
            Api::Fecify => json!({"email": email("cut"), "first_name": "f", "last_name": "l"}),
            Api::Shopline => json!({"email": email("cut")}),
            Api::Myshopline => json!({"customer": {"email": email("cut")}}),
        };
        let method = Method::POST;
        in_flight.fetch_add(1, Ordering::SeqCst);
        let bytes = serde_json::to_vec(&body).expect("json");
        let mut req = client
            .request(method, url)
            .header("content-type", "application/json")
            .body(bytes);
        req = match api {
            Api::Fecify => req.header("skill-access-token", TOKEN),
            _ => req.header("authorization", format!("Bearer {TOKEN}")),
        };
        let answered = req.header("user-agent", "shutdown-test").send().await;
        in_flight.fetch_sub(1, Ordering::SeqCst);
        if answered.is_err() {
            return;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_summary_equals_the_database_after_a_cut_off_load_run() {
    let db = temp_db("shutdown");
    // Latency keeps requests in flight: each one waits before it reaches the database.
    let sandbox = builder()
        .db_path(&db)
        .faults(FaultConfig::default().latency(Duration::from_millis(25)))
        .start()
        .await
        .expect("sandbox starts");
    let urls = [
        fecify_url(&sandbox, "create-customer"),
        shopline_url(&sandbox, None),
        myshopline_url(&sandbox, "v20260301", None),
    ];
    let in_flight = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|i| {
            tokio::spawn(worker(
                urls.clone(),
                Api::ALL[i % Api::ALL.len()],
                Arc::clone(&in_flight),
            ))
        })
        .collect();

    // Let the load run until every API has created customers.
    let created = |s: &Sandbox| Api::ALL.map(|api| s.stats().customers_created(api));
    for _ in 0..400 {
        if created(&sandbox).iter().all(|n| *n >= 10) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        created(&sandbox).iter().all(|n| *n >= 10),
        "the load run did not get going: {:?}",
        created(&sandbox)
    );

    // Cut it off: a third of the clients walk away mid-request, the sandbox
    // shuts down while the others still wait for answers.
    for w in workers.iter().step_by(3) {
        w.abort();
    }
    let cut_off_with = in_flight.load(Ordering::SeqCst);
    let summary = sandbox.shutdown().await;
    for w in &workers {
        w.abort();
    }
    assert!(
        cut_off_with > 0,
        "no request was in flight at shutdown, so nothing was cut off"
    );

    // The database, read back on its own.
    let reopened = builder()
        .db_path(&db)
        .start()
        .await
        .expect("sandbox restarts");
    for api in Api::ALL {
        let in_db = reopened.customer_count(api).await.expect("count");
        assert!(in_db >= 10, "{api}: {in_db} customers");
        assert_eq!(
            summary.customers_created(api),
            in_db,
            "{api}: the shutdown summary differs from the database ({cut_off_with} requests in flight at shutdown)"
        );
    }
    reopened.shutdown().await;
}
