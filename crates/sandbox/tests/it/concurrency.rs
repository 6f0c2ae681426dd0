//! 50 simultaneous creates with one email give exactly one success, per API
//! (the UNIQUE index decides, spec/errata.md#E-FEC-11).

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::{Value, json};
use shopspec_sandbox::{Api, Operation};
use tokio::task::JoinSet;

const N: usize = 50;

async fn race(api: Api) {
    let sandbox = start().await;
    let client = client();
    let mail = email("race");
    let (url, body, method) = match api {
        Api::Fecify => (
            fecify_url(&sandbox, "create-customer"),
            json!({"email": mail, "first_name": "a", "last_name": "b"}),
            Method::POST,
        ),
        Api::Shopline => (
            shopline_url(&sandbox, None),
            json!({"email": mail}),
            Method::POST,
        ),
        Api::Myshopline => (
            myshopline_url(&sandbox, "v20260301", None),
            json!({"customer": {"email": mail}}),
            Method::POST,
        ),
    };
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(N));
    let mut set = JoinSet::new();
    for _ in 0..N {
        let (client, url, body, method, barrier) = (
            client.clone(),
            url.clone(),
            body.clone(),
            method.clone(),
            barrier.clone(),
        );
        set.spawn(async move {
            barrier.wait().await;
            json_of(send(&client, api, method, &url, &body).await).await
        });
    }
    let mut successes = 0;
    let mut duplicates = 0;
    while let Some(joined) = set.join_next().await {
        let (status, answer): (u16, Value) = joined.expect("task");
        let ok = match api {
            Api::Fecify => answer["code"] == json!(200),
            _ => status == 200,
        };
        if ok {
            successes += 1;
        } else {
            match api {
                Api::Fecify => assert_eq!(answer["code"], json!(1100007), "{answer}"),
                _ => assert_eq!(status, 422, "{answer}"),
            }
            duplicates += 1;
        }
    }
    assert_eq!((successes, duplicates), (1, N - 1), "{api}");
    assert_eq!(sandbox.customer_count(api).await.unwrap(), 1);
    let stats = sandbox.stats();
    assert_eq!(stats.requests(api, Operation::CreateCustomer), N as u64);
    assert_eq!(stats.succeeded(api, Operation::CreateCustomer), 1);
    assert_eq!(stats.customers_created(api), 1);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fecify_one_email_fifty_creates() {
    race(Api::Fecify).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shopline_one_email_fifty_creates() {
    race(Api::Shopline).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn myshopline_one_email_fifty_creates() {
    race(Api::Myshopline).await;
}
