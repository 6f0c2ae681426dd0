//! Fecify skill API behaviour: what create and update store, and what they answer.
//!
//! Sources: <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html>, <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html>.

use serde_json::{Map, Value, json};

use crate::fields::{int_or, string_or};
use crate::store::{Doc, IdSource, Sequence, StoreError};

/// `status` of a customer created through the API: 5 = 后台创建待激活 (created in
/// the back office, pending activation). Source: https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html.
const CREATED_STATUS: i64 = 5;
/// `accepts_marketing` when omitted on create: 2 (refuses). Source: https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html.
const DEFAULT_ACCEPTS_MARKETING: i64 = 2;

/// Keys of the create answer's `data`, in the documented example's order.
/// Source: https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html.
const CREATE_KEYS: [&str; 12] = [
    "shop_id",
    "email",
    "first_name",
    "last_name",
    "status",
    "note",
    "phone",
    "accepts_marketing",
    "customervip_id",
    "created_at",
    "updated_at",
    "id",
];

/// Keys of the update answer's `data`, in the documented example's order (no
/// `status`, spec/errata.md#E-FEC-2). Source: https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html.
const UPDATE_KEYS: [&str; 11] = [
    "id",
    "shop_id",
    "email",
    "first_name",
    "last_name",
    "note",
    "phone",
    "created_at",
    "updated_at",
    "accepts_marketing",
    "customervip_id",
];

/// Fields the store controls; an update never changes them. `email` and `status`
/// "不可通过此接口修改" (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html); validation rejects them
/// first (spec/errata.md#E-FEC-6).
const NOT_UPDATABLE: [&str; 6] = [
    "id",
    "email",
    "status",
    "shop_id",
    "created_at",
    "updated_at",
];

/// Builds the stored customer of a create: everything sent, the documented
/// defaults for what was omitted, and the store-controlled fields.
pub(crate) fn build(
    body: Map<String, Value>,
    shop_id: i64,
    now: String,
) -> impl FnOnce(&IdSource<'_>) -> Result<(String, Doc), StoreError> + Send + 'static {
    move |ids| {
        let id = ids.next(Sequence::FecifyCustomer)?;
        let mut doc = body;
        // Create calls the phone prefix `numberCode`, update `phone_prefix`: one
        // stored value (spec/errata.md#E-FEC-1).
        if let Some(code) = doc.remove("numberCode") {
            doc.insert("phone_prefix".into(), code);
        }
        default_if_missing(&mut doc, "phone", json!(""));
        default_if_missing(
            &mut doc,
            "accepts_marketing",
            json!(DEFAULT_ACCEPTS_MARKETING),
        );
        // "新创建的客户 customervip_id 默认为 0,note 为空" (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html).
        doc.insert("note".into(), json!(""));
        doc.insert("customervip_id".into(), json!(0));
        doc.insert("status".into(), json!(CREATED_STATUS));
        doc.insert("shop_id".into(), json!(shop_id));
        doc.insert("created_at".into(), json!(now));
        doc.insert("updated_at".into(), json!(now));
        doc.insert("id".into(), json!(id));
        Ok((id.to_string(), doc))
    }
}

fn default_if_missing(doc: &mut Doc, key: &str, value: Value) {
    if doc.get(key).is_none_or(Value::is_null) {
        doc.insert(key.to_owned(), value);
    }
}

/// Applies an update: only the fields sent change ("只传需要修改的字段即可,未传的字段保持原值不变",
/// https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html); `updated_at` is refreshed.
pub(crate) fn apply_update(doc: &mut Doc, body: Map<String, Value>, now: String) {
    for (key, value) in body {
        if NOT_UPDATABLE.contains(&key.as_str()) {
            continue;
        }
        if key == "customervip_id" {
            // `""` means "do not change" (传空字符串 "" 表示不修改, spec/errata.md#E-FEC-8).
            if value.is_i64() {
                doc.insert(key, value);
            }
            continue;
        }
        // No documented field is nullable; a null changes nothing.
        if value.is_null() {
            continue;
        }
        doc.insert(key, value);
    }
    doc.insert("updated_at".into(), json!(now));
}

fn render(doc: &Doc, keys: &[&str]) -> Value {
    let mut data = Map::new();
    for &key in keys {
        let value = match key {
            "id" | "shop_id" | "status" | "customervip_id" => int_or(doc, key, 0),
            "accepts_marketing" => int_or(doc, key, DEFAULT_ACCEPTS_MARKETING),
            _ => string_or(doc, key, ""),
        };
        data.insert(key.to_owned(), value);
    }
    json!({"code": 200, "data": data, "message": "success"})
}

/// The create answer: the envelope with the documented `data` keys.
pub(crate) fn render_create(doc: &Doc) -> Value {
    render(doc, &CREATE_KEYS)
}

/// The update answer: the envelope with the documented `data` keys (no `status`).
pub(crate) fn render_update(doc: &Doc) -> Value {
    render(doc, &UPDATE_KEYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::into_map;

    #[test]
    fn update_keeps_email_status_and_unchanged_vip() {
        let mut doc = into_map(json!({
            "id": 574, "email": "a@x.io", "status": 5, "customervip_id": 3, "note": "n",
            "created_at": "2026-01-01 00:00:00", "updated_at": "2026-01-01 00:00:00"
        }));
        apply_update(
            &mut doc,
            into_map(json!({"id": 574, "email": "b@x.io", "status": 1,
                            "customervip_id": "", "note": null, "first_name": "F"})),
            "2026-01-02 00:00:00".into(),
        );
        assert_eq!(doc["email"], json!("a@x.io"));
        assert_eq!(doc["status"], json!(5));
        assert_eq!(doc["customervip_id"], json!(3));
        assert_eq!(doc["note"], json!("n"));
        assert_eq!(doc["first_name"], json!("F"));
        assert_eq!(doc["updated_at"], json!("2026-01-02 00:00:00"));
        let answer = render_update(&doc);
        let keys: Vec<_> = answer["data"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, UPDATE_KEYS);
    }
}
