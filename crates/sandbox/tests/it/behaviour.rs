//! Documented update behaviour over HTTP: Fecify changes only what is sent and
//! refreshes `updated_at`; myshopline replaces the address list (errata E-MSL-19).

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::json;
use shopspec_sandbox::Api;

#[tokio::test]
async fn fecify_update_changes_only_what_is_sent() {
    let sandbox = start().await;
    let client = client();
    let mail = email("upd");
    let (_, created) = fecify_create(
        &client,
        &sandbox,
        &json!({"email": mail, "first_name": "F", "last_name": "L", "phone": "+1 5", "numberCode": "1"}),
    )
    .await;
    let data = &created["data"];
    let id = data["id"].clone();
    // Timestamps have one-second resolution; wait so a refresh is visible.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let url = fecify_url(&sandbox, "update-customer");
    let (_, updated) = json_of(
        send(
            &client,
            Api::Fecify,
            Method::POST,
            &url,
            &json!({"id": id, "note": "vip", "customervip_id": ""}),
        )
        .await,
    )
    .await;
    assert_eq!(updated["code"], json!(200), "{updated}");
    let u = &updated["data"];
    assert_eq!(u["note"], json!("vip"));
    assert_eq!(
        u["customervip_id"],
        json!(0),
        "\"\" leaves it unchanged (errata E-FEC-8)"
    );
    for same in [
        "email",
        "first_name",
        "last_name",
        "phone",
        "accepts_marketing",
        "created_at",
        "shop_id",
    ] {
        assert_eq!(
            u[same], data[same],
            "{same} was not sent and must not change"
        );
    }
    assert_ne!(
        u["updated_at"], data["updated_at"],
        "updated_at is refreshed"
    );
    assert!(
        u.get("status").is_none(),
        "the update answer has no status (errata E-FEC-2)"
    );

    let (_, again) = json_of(
        send(
            &client,
            Api::Fecify,
            Method::POST,
            &url,
            &json!({"id": id, "customervip_id": 7, "phone_prefix": "86"}),
        )
        .await,
    )
    .await;
    assert_eq!(again["data"]["customervip_id"], json!(7));
    // numberCode (create) and phone_prefix (update) are one stored value (errata E-FEC-1).
    let stored = sandbox
        .customer(Api::Fecify, &id.to_string())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored["phone_prefix"], json!("86"));
    assert_eq!(stored["status"], json!(5), "status is kept");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn myshopline_addresses_are_replaced_and_keep_their_ids() {
    let sandbox = start().await;
    let client = client();
    let (_, created) = myshopline_create(
        &client,
        &sandbox,
        "v20260301",
        &json!({"customer": {"email": email("addr"), "addresses": [
            {"address1": "A", "city": "X"}, {"address1": "B", "default": true}
        ]}}),
    )
    .await;
    let c = &created["customer"];
    let id = c["id"].as_str().unwrap().to_owned();
    let addresses = c["addresses"].as_array().unwrap();
    assert_eq!(addresses.len(), 2);
    assert_eq!(
        addresses[1]["default"],
        json!(true),
        "the flagged address is the default"
    );
    assert_eq!(addresses[0]["default"], json!(false));
    assert_eq!(c["default_address"], addresses[1]);
    let kept_id = addresses[0]["id"].clone();
    assert!(
        kept_id
            .as_str()
            .is_some_and(|s| s.bytes().all(|b| b.is_ascii_digit()))
    );

    let url = myshopline_url(&sandbox, "v20260301", Some(&id));
    let body = json!({"customer": {"addresses": [{"id": kept_id, "address1": "A2"}, {"id": "not-mine", "address1": "C"}]}});
    let (status, updated) =
        json_of(send(&client, Api::Myshopline, Method::PUT, &url, &body).await).await;
    assert_eq!(status, 200, "{updated}");
    let list = updated["customer"]["addresses"].as_array().unwrap();
    assert_eq!(list.len(), 2, "the list is replaced, B is gone: {updated}");
    assert_eq!(list[0]["id"], kept_id, "an own address keeps its id");
    assert_eq!(list[0]["address1"], json!("A2"));
    assert!(list[0].get("city").is_none(), "replaced, not merged");
    assert_ne!(
        list[1]["id"],
        json!("not-mine"),
        "a foreign id is not taken over"
    );
    assert_eq!(list[1]["customer_id"], json!(id));
    assert_eq!(
        list[0]["default"],
        json!(true),
        "with none flagged, the first is the default"
    );
    // The email was not sent and stays.
    assert_eq!(updated["customer"]["email"], created["customer"]["email"]);
    sandbox.shutdown().await;
}
