//! Tokens never appear in `Debug` output, in logs or in answers.

use crate::common;

use common::*;
use serde_json::json;
use shopspec_sandbox::{Api, Plan, Sandbox};

const SECRET: &str = "s3cr3t-token-never-printed";
const EXTRA: &str = "extra-secret-never-printed";

#[tokio::test]
async fn debug_output_has_no_token() {
    let builder = Sandbox::builder()
        .token(SECRET)
        .api_token(Api::Fecify, SECRET)
        .extra_token(Api::Myshopline, EXTRA, Plan::Unlimited);
    let text = format!("{builder:?} {builder:#?}");
    assert!(!text.contains(SECRET) && !text.contains(EXTRA), "{text}");
    let sandbox = builder.start().await.unwrap();
    let text = format!("{sandbox:?} {sandbox:#?}");
    assert!(!text.contains(SECRET) && !text.contains(EXTRA), "{text}");
    assert!(text.contains("redacted"), "{text}");
    // The token is only readable on purpose.
    assert_eq!(sandbox.token(Api::Shopline), SECRET);
    sandbox.shutdown().await;
}

#[test]
fn a_generated_token_is_random_and_usable() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let a = Sandbox::builder().start().await.unwrap();
        let b = Sandbox::builder().start().await.unwrap();
        assert_eq!(a.token(Api::Fecify).len(), 32);
        assert_ne!(a.token(Api::Fecify), b.token(Api::Fecify));
        assert!(!format!("{a:?}").contains(a.token(Api::Fecify)));
        let client = client();
        let r = client
            .post(fecify_url(&a, "create-customer"))
            .header("skill-access-token", a.token(Api::Fecify))
            .json(&json!({"email": "g@example.com", "first_name": "a", "last_name": "b"}))
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["code"], json!(200));
        a.shutdown().await;
        b.shutdown().await;
    });
}
