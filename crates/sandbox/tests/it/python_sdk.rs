//! The SHOPLINE Open API answers every stored field the Customer resource lists,
//! as the official Python SDK (`shopline-sdk-python` 0.3.2) reads them:
//! `tier_expires_at`, `membership_tier` and `custom_data` (spec/errata.md#E-SL-18).
//! The bodies are what the SDK sends: `model_dump(exclude_none=True)` of its
//! `CreateCustomerBody` / `UpdateCustomerBody`.

use crate::common;

use common::{client, email, json_of, send, shopline_create, shopline_url, start};
use reqwest::Method;
use serde_json::{Value, json};
use shopspec_sandbox::Api;

#[tokio::test]
async fn tier_expiry_membership_tier_and_custom_data_are_answered() {
    let sandbox = start().await;
    let client = client();
    let create = json!({
        "name": "Python SDK", "email": email("py-sdk"), "membership_tier_id": "tier-gold"
    });
    let (status, created) = shopline_create(&client, &sandbox, &create).await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["membership_tier"], json!({"id": "tier-gold"}));
    assert_eq!(created["tier_expires_at"], Value::Null);
    assert_eq!(created["custom_data"], Value::Null);
    let id = created["id"].as_str().expect("an id").to_owned();

    let update = json!({
        "membership_tier_id": "tier-silver",
        "tier_expires_at": "2099-12-31T00:00:00.000Z",
        "custom_fields": {"cf-colour": "blue", "cf-size": "L"}
    });
    let url = shopline_url(&sandbox, Some(&id));
    let (status, updated) =
        json_of(send(&client, Api::Shopline, Method::PUT, &url, &update).await).await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(
        updated["tier_expires_at"],
        json!("2099-12-31T00:00:00.000Z")
    );
    assert_eq!(updated["membership_tier"], json!({"id": "tier-silver"}));
    assert_eq!(
        updated["custom_data"],
        json!([
            {"field_id": "cf-colour", "value": "blue"},
            {"field_id": "cf-size", "value": "L"}
        ])
    );

    // A later update that does not send them keeps them.
    let (status, later) = json_of(
        send(
            &client,
            Api::Shopline,
            Method::PUT,
            &url,
            &json!({"memo": "later"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{later}");
    for key in ["tier_expires_at", "membership_tier", "custom_data"] {
        assert_eq!(later[key], updated[key], "{key}");
    }
    sandbox.shutdown().await;
}
