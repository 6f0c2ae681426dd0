//! Every documented example request (spec/<api>/examples/*.request*.json, without
//! nonconforming/) is sent over HTTP; the answer must have every documented field
//! of the documented response with the documented type, and the documented values.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;
use reqwest::Method;
use serde_json::{Value, json};
use shopspec_sandbox::{Api, ApiVersion};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")
}

/// `(file name, body)` of every request example of `api`, nonconforming/ skipped.
fn request_examples(api: Api) -> Vec<(String, Value)> {
    let dir = spec_dir().join(api.as_str()).join("examples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if path.is_dir() || !name.contains(".request") || !name.ends_with(".json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable example");
        out.push((name, serde_json::from_str(&text).expect("example is JSON")));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn documented_response(api: Api, name: &str) -> Value {
    let path = spec_dir().join(api.as_str()).join("examples").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("response example")).expect("JSON")
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every key of `documented` is in `actual` with the same JSON type
/// (`nullable` keys may also be null).
fn assert_same_shape(documented: &Value, actual: &Value, nullable: &[&str], context: &str) {
    let doc = documented.as_object().expect("documented object");
    let act = actual
        .as_object()
        .unwrap_or_else(|| panic!("{context}: not an object: {actual}"));
    for (key, dv) in doc {
        let av = act
            .get(key)
            .unwrap_or_else(|| panic!("{context}: missing `{key}` in {actual}"));
        if av.is_null() && nullable.contains(&key.as_str()) {
            continue;
        }
        assert_eq!(
            kind(av),
            kind(dv),
            "{context}: `{key}` is {av}, documented {dv}"
        );
    }
}

fn is_fecify_time(v: &Value) -> bool {
    let s = v.as_str().unwrap_or_default();
    s.len() == 19
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b' ',
            13 | 16 => b == b':',
            _ => b.is_ascii_digit(),
        })
}

#[tokio::test]
async fn fecify_examples() {
    let examples = request_examples(Api::Fecify);
    assert!(
        examples
            .iter()
            .any(|(n, _)| n.starts_with("create-customer"))
    );
    assert!(
        examples
            .iter()
            .any(|(n, _)| n.starts_with("update-customer"))
    );
    for (name, request) in examples {
        let sandbox = start().await;
        let client = client();
        if name.starts_with("create-customer") {
            let (status, answer) = fecify_create(&client, &sandbox, &request).await;
            assert_eq!(status, 200, "{name}: {answer}");
            let documented = documented_response(Api::Fecify, "create-customer.response.json");
            assert_eq!(answer["code"], json!(200), "{name}: {answer}");
            assert_eq!(answer["message"], json!("success"));
            assert_same_shape(&documented["data"], &answer["data"], &[], &name);
            let data = answer["data"].as_object().unwrap();
            // The documented key order and key set.
            let keys: Vec<&String> = data.keys().collect();
            let doc_keys: Vec<&String> = documented["data"].as_object().unwrap().keys().collect();
            assert_eq!(keys, doc_keys, "{name}");
            assert_eq!(data["status"], json!(5));
            assert_eq!(data["customervip_id"], json!(0));
            assert_eq!(data["note"], json!(""));
            assert_eq!(data["shop_id"], json!(15));
            assert_eq!(data["id"], json!(574));
            for field in [
                "email",
                "first_name",
                "last_name",
                "phone",
                "accepts_marketing",
            ] {
                assert_eq!(data[field], request[field], "{name}: {field}");
            }
            assert!(
                is_fecify_time(&data["created_at"]),
                "{}",
                data["created_at"]
            );
            assert_eq!(data["created_at"], data["updated_at"]);
        } else {
            let create = json!({"email": "liyunlong@pingan2.com", "first_name": "yunlong2", "last_name": "li"});
            let (_, created) = fecify_create(&client, &sandbox, &create).await;
            let id = created["data"]["id"].clone();
            let mut request = request.clone();
            request["id"] = id.clone();
            let url = fecify_url(&sandbox, "update-customer");
            let (status, answer) =
                json_of(send(&client, Api::Fecify, Method::POST, &url, &request).await).await;
            assert_eq!(status, 200, "{name}: {answer}");
            assert_eq!(answer["code"], json!(200), "{name}: {answer}");
            let documented = documented_response(Api::Fecify, "update-customer.response.json");
            assert_same_shape(&documented["data"], &answer["data"], &[], &name);
            let data = answer["data"].as_object().unwrap();
            let keys: Vec<&String> = data.keys().collect();
            let doc_keys: Vec<&String> = documented["data"].as_object().unwrap().keys().collect();
            assert_eq!(keys, doc_keys, "{name}: documented key set, no status");
            assert_eq!(data["id"], id);
            assert_eq!(data["email"], json!("liyunlong@pingan2.com"));
            for field in ["first_name", "last_name", "phone", "accepts_marketing"] {
                if let Some(v) = request.get(field) {
                    assert_eq!(&data[field], v, "{name}: {field}");
                }
            }
            assert_eq!(data["customervip_id"], json!(0));
            assert_eq!(data["created_at"], created["data"]["created_at"]);
        }
        sandbox.shutdown().await;
    }
}

#[tokio::test]
async fn shopline_examples() {
    let examples = request_examples(Api::Shopline);
    assert!(!examples.is_empty());
    for (name, request) in examples {
        let sandbox = start().await;
        let client = client();
        let answer = if name.starts_with("create-customer") {
            let (status, answer) = shopline_create(&client, &sandbox, &request).await;
            assert_eq!(status, 200, "{name}: {answer} (errata E-SL-4)");
            answer
        } else {
            let (_, created) =
                shopline_create(&client, &sandbox, &json!({"email": email("sl")})).await;
            let id = created["id"].as_str().expect("id").to_owned();
            let url = shopline_url(&sandbox, Some(&id));
            let (status, answer) =
                json_of(send(&client, Api::Shopline, Method::PUT, &url, &request).await).await;
            assert_eq!(status, 200, "{name}: {answer}");
            assert_eq!(answer["id"], json!(id));
            answer
        };
        let id = answer["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: string id in {answer}"));
        assert!(
            id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
        // Echoed as documented in the Customer object (unwrapped).
        for field in [
            "name",
            "email",
            "mobile_phone",
            "mobile_phone_country_calling_code",
            "gender",
            "birthday",
            "is_member",
            "is_accept_marketing",
            "delivery_addresses",
            "created_by",
            "memo",
            "tags",
        ] {
            if let Some(v) = request.get(field) {
                assert_eq!(&answer[field], v, "{name}: {field}");
            }
        }
        if let Some(phones) = request.get("phones").and_then(Value::as_str) {
            let expected: Vec<&str> = phones.split(',').map(str::trim).collect();
            assert_eq!(
                answer["phones"],
                json!(expected),
                "{name}: phones as an array"
            );
        }
        for field in ["created_at", "updated_at"] {
            let t = answer[field].as_str().unwrap_or_default();
            assert!(
                t.ends_with('Z') && t.contains('T'),
                "{name}: {field} = {t} (ISO 8601 UTC)"
            );
        }
        sandbox.shutdown().await;
    }
}

/// The guide's update example breaks the documented types (spec/errata.md#E-SL-1):
/// 422; the same body fixed is accepted.
#[tokio::test]
async fn shopline_nonconforming_update_example_is_rejected() {
    let path = spec_dir().join("shopline/examples/nonconforming/update-customer.request.json");
    let request: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let sandbox = start().await;
    let client = client();
    let (_, created) = shopline_create(&client, &sandbox, &json!({"email": email("nc")})).await;
    let url = shopline_url(&sandbox, created["id"].as_str());
    let (status, answer) =
        json_of(send(&client, Api::Shopline, Method::PUT, &url, &request).await).await;
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["extras"]["errors"]
            .as_array()
            .is_some_and(|e| !e.is_empty()),
        "{answer}"
    );

    let mut fixed = request.clone();
    fixed["is_member"] = json!(true);
    fixed["is_blacklisted"] = json!(false);
    let custom = fixed
        .as_object_mut()
        .unwrap()
        .remove("custom_data")
        .unwrap();
    fixed["custom_fields"] = custom;
    let (status, answer) =
        json_of(send(&client, Api::Shopline, Method::PUT, &url, &fixed).await).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["memo"], json!("memo by Grant"));
    assert_eq!(answer["tags"], json!(["Tag A", "Tag C"]));
    assert_eq!(answer["phones"], json!(["02-27423586", "0910000123"]));
    assert_eq!(answer["birthday"], json!("2000-06-01"));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn myshopline_examples_on_every_supported_version() {
    let examples = request_examples(Api::Myshopline);
    assert!(!examples.is_empty());
    let documented = documented_response(Api::Myshopline, "update-customer.response.json");
    for version in ApiVersion::SUPPORTED {
        let v = version.to_string();
        for (name, request) in &examples {
            let context = format!("{v} {name}");
            let sandbox = start().await;
            let client = client();
            assert!(
                name.starts_with("update-customer"),
                "{context}: only update is documented"
            );
            let (status, created) = myshopline_create(
                &client,
                &sandbox,
                &v,
                &json!({"customer": {"email": email("msl")}}),
            )
            .await;
            assert_eq!(status, 200, "{context}: {created}");
            let id = created["customer"]["id"]
                .as_str()
                .expect("string id")
                .to_owned();
            assert!(id.bytes().all(|b| b.is_ascii_digit()), "{id}");
            let url = myshopline_url(&sandbox, &v, Some(&id));
            let response = send(&client, Api::Myshopline, Method::PUT, &url, request).await;
            assert!(
                response.headers().contains_key("traceid"),
                "{context}: traceId header"
            );
            let (status, answer) = json_of(response).await;
            assert_eq!(status, 200, "{context}: {answer}");
            let sent = &request["customer"];
            let has_addresses = sent.get("addresses").is_some();
            let nullable: &[&str] = if has_addresses {
                &[]
            } else {
                &["default_address"]
            };
            assert_same_shape(
                &documented["customer"],
                &answer["customer"],
                nullable,
                &context,
            );
            let c = &answer["customer"];
            assert_eq!(c["id"], json!(id));
            for field in ["email", "first_name", "last_name", "note", "phone", "tags"] {
                assert_eq!(c[field], sent[field], "{context}: {field}");
            }
            assert_eq!(c["currency"], json!("USD"));
            assert_eq!(c["orders_count"], json!(0));
            assert_eq!(c["total_spent"], json!("0"));
            assert_eq!(c["state"], json!(1));
            assert_eq!(c["verified_email"], json!(false));
            if has_addresses {
                let address = &c["addresses"][0];
                assert_eq!(address["customer_id"], json!(id), "{context}");
                assert_eq!(address["address1"], sent["addresses"][0]["address1"]);
                assert_eq!(address["default"], json!(true));
                assert_eq!(&c["default_address"], address);
                // accepts_marketing is deprecated (ignored) from v20250601 (errata E-MSL-12).
                let deprecated = version >= ApiVersion::V20250601;
                assert_eq!(c["accepts_marketing"], json!(!deprecated), "{context}");
                assert_eq!(
                    c["email_subscribe_flag"],
                    json!(if deprecated { 2 } else { 1 })
                );
                assert_eq!(
                    address.get("province_code").is_some(),
                    !deprecated,
                    "{context}"
                );
            }
            sandbox.shutdown().await;
        }
    }
}
