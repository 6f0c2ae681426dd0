//! Every myshopline answer the suite's cases get from the sandbox, on every
//! version, decodes into the official Go SDK's answer types (spec/errata.md#E-MSL-3).
//! The answers are taken whole, on their way back, by a proxy that changes nothing.

use crate::common;

use crate::go_sdk;

use std::sync::Mutex;

use common::proxy::{self, Req, Resp, Rewrite};
use shopspec_conformance::run;
use shopspec_model::Api;

/// Every successful myshopline answer: (case-less) path, update or not, body.
struct Recorder(Mutex<Vec<(String, bool, Vec<u8>)>>);

impl Rewrite for Recorder {
    fn response(&self, req: &Req, resp: &mut Resp) {
        if req.api() == Api::Myshopline
            && resp.status.as_u16() == 200
            && let Some(body) = &resp.body
        {
            let bytes = serde_json::to_vec(body).expect("encodes");
            let mut seen = self.0.lock().expect("not poisoned");
            seen.push((req.path.clone(), req.update, bytes));
        }
    }
}

static RECORDER: Recorder = Recorder(Mutex::new(Vec::new()));

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_myshopline_answer_of_the_suite_decodes_with_the_go_sdk_types() {
    let sandbox = common::sandbox().await;
    let upstream = format!("http://{}", sandbox.local_addr());
    let (base, server) = proxy::start(&upstream, &RECORDER).await;
    let targets = common::targets(base, true, "myshopline.*");
    let report = run(&targets).await.expect("the proxy is reachable");
    assert_eq!(
        report.summary.failed, 0,
        "the suite passes through the proxy"
    );
    server.abort();
    sandbox.shutdown().await;

    let seen = std::mem::take(&mut *RECORDER.0.lock().expect("not poisoned"));
    let (mut creates, mut updates, mut errors) = (0, 0, Vec::new());
    for (path, update, body) in &seen {
        let decoded = if *update {
            updates += 1;
            go_sdk::decode_update(body).map(drop)
        } else {
            creates += 1;
            go_sdk::decode_create(body).map(drop)
        };
        if let Err(e) = decoded {
            errors.push(format!("{path}: {e}\n  {}", String::from_utf8_lossy(body)));
        }
    }
    assert!(
        errors.is_empty(),
        "{} of {} answers the Go SDK cannot decode:\n{}",
        errors.len(),
        seen.len(),
        errors.join("\n")
    );
    eprintln!("decoded {creates} create and {updates} update answers");
    // The suite creates and updates on every version.
    assert!(
        creates >= 100 && updates >= 100,
        "{creates} creates, {updates} updates"
    );
}
