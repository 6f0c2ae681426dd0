//! SHOPLINE Open API behaviour: what create and update store, and the Customer
//! object they answer (unwrapped, string ids, UTC times).
//!
//! Sources: <https://open-api.docs.shoplineapp.com/docs/create-customer>,
//! <https://open-api.docs.shoplineapp.com/docs/update-customer>,
//! <https://open-api.docs.shoplineapp.com/docs/get-customer> (response fields).

use serde_json::{Map, Value, json};

use crate::fields::{bool_or, bool_or_null, int_or_null, string_or_null};
use crate::store::{Doc, IdSource, StoreError};

/// Fields the store controls; an update never changes them.
const NOT_UPDATABLE: [&str; 3] = ["id", "created_at", "updated_at"];
const BIRTH_PARTS: [&str; 3] = ["birth_year", "birth_month", "birth_day"];

/// A 24-hex id like the docs' `5ce0d084e388096bdb229a59`: 4 bytes of Unix time
/// and 8 random bytes, as MongoDB ObjectIds are made.
fn new_id() -> String {
    let secs = time::OffsetDateTime::now_utc().unix_timestamp();
    let secs = u32::try_from(secs).unwrap_or(u32::MAX);
    let random: u64 = rand::random();
    format!("{secs:08x}{random:016x}")
}

/// Builds the stored customer of a create.
pub(crate) fn build(
    body: Map<String, Value>,
    now: String,
) -> impl FnOnce(&IdSource<'_>) -> Result<(String, Doc), StoreError> + Send + 'static {
    move |_ids| {
        let id = new_id();
        let mut doc = body;
        // A customer made through this endpoint was made by the Open API.
        if doc.get("created_by").is_none_or(Value::is_null) {
            doc.insert("created_by".into(), json!("openapi"));
        }
        doc.insert("id".into(), json!(id));
        doc.insert("created_at".into(), json!(now));
        doc.insert("updated_at".into(), json!(now));
        Ok((id, doc))
    }
}

/// Applies an update: the fields sent change, `null` clears a nullable field.
pub(crate) fn apply_update(doc: &mut Doc, body: Map<String, Value>, now: String) {
    // birthday and birth_year/month/day describe one date: whichever form is
    // sent replaces the other.
    if body.contains_key("birthday") {
        for part in BIRTH_PARTS {
            doc.remove(part);
        }
    } else if BIRTH_PARTS.iter().any(|p| body.contains_key(*p)) {
        doc.remove("birthday");
    }
    for (key, value) in body {
        if NOT_UPDATABLE.contains(&key.as_str()) {
            continue;
        }
        doc.insert(key, value);
    }
    doc.insert("updated_at".into(), json!(now));
}

/// `phones` as answered: an array (the Customer model), from the comma-separated
/// string of create or the string/array of update (spec/errata.md#E-SL-2).
fn phones(doc: &Doc) -> Vec<String> {
    match doc.get("phones") {
        Some(Value::String(s)) => s
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// `(birthday, birth_year, birth_month, birth_day)`. The split fields win; the
/// legacy `birthday` defaults a missing year to 1904 and a missing month or day
/// to 1 (Customer model, <https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/models/customer.py>).
fn birth(doc: &Doc) -> (Value, Value, Value, Value) {
    let year = int_or_null(doc, "birth_year");
    let month = int_or_null(doc, "birth_month");
    let day = int_or_null(doc, "birth_day");
    if !(year.is_null() && month.is_null() && day.is_null()) {
        let birthday = format!(
            "{:04}-{:02}-{:02}",
            year.as_i64().unwrap_or(1904),
            month.as_i64().unwrap_or(1),
            day.as_i64().unwrap_or(1)
        );
        return (json!(birthday), year, month, day);
    }
    let Some(text) = doc.get("birthday").and_then(Value::as_str) else {
        return (Value::Null, Value::Null, Value::Null, Value::Null);
    };
    let mut parts = text.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    );
    let as_value = |n: Option<i64>| n.map_or(Value::Null, Value::from);
    (json!(text), as_value(y), as_value(m), as_value(d))
}

fn array_of_objects(doc: &Doc, key: &str) -> Value {
    match doc.get(key) {
        Some(Value::Array(items)) => {
            Value::Array(items.iter().filter(|i| i.is_object()).cloned().collect())
        }
        _ => json!([]),
    }
}

fn array_of_strings(doc: &Doc, key: &str) -> Value {
    match doc.get(key) {
        Some(Value::Array(items)) => {
            Value::Array(items.iter().filter(|i| i.is_string()).cloned().collect())
        }
        _ => json!([]),
    }
}

/// `custom_data` as the Customer model has it, a list of `{field_id, value}`
/// with string values, from the `custom_fields` object an update stores (keyed
/// by custom field id). A value sent as another JSON type is answered as its
/// JSON text. `null` when none were stored (spec/errata.md#E-SL-18).
fn custom_data(doc: &Doc) -> Value {
    match doc.get("custom_fields") {
        Some(Value::Object(fields)) => Value::Array(
            fields
                .iter()
                .map(|(id, value)| {
                    let value = match value {
                        Value::String(s) => json!(s),
                        Value::Null => Value::Null,
                        other => json!(other.to_string()),
                    };
                    json!({"field_id": id, "value": value})
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

/// `membership_tier` as `{"id": membership_tier_id}` when a tier id was stored
/// (the sandbox has no tier list to fill the rest from), else `null`.
fn membership_tier(doc: &Doc) -> Value {
    match doc.get("membership_tier_id") {
        Some(Value::String(id)) => json!({ "id": id }),
        _ => Value::Null,
    }
}

/// The Customer object of both answers, from what was stored.
pub(crate) fn render(doc: &Doc) -> Map<String, Value> {
    let phones = phones(doc);
    let phone = match doc.get("phone") {
        Some(v @ Value::String(_)) => v.clone(),
        // `phone` is "the last item of phones" (Customer model).
        _ => phones.last().map_or(Value::Null, |p| json!(p)),
    };
    let (birthday, birth_year, birth_month, birth_day) = birth(doc);
    let mut c = Map::new();
    c.insert("id".into(), string_or_null(doc, "id"));
    c.insert("name".into(), string_or_null(doc, "name"));
    c.insert("email".into(), string_or_null(doc, "email"));
    c.insert("gender".into(), string_or_null(doc, "gender"));
    c.insert("birthday".into(), birthday);
    c.insert("birth_year".into(), birth_year);
    c.insert("birth_month".into(), birth_month);
    c.insert("birth_day".into(), birth_day);
    c.insert("memo".into(), string_or_null(doc, "memo"));
    c.insert("phones".into(), json!(phones));
    c.insert("phone".into(), phone);
    c.insert(
        "phone_country_code".into(),
        string_or_null(doc, "phone_country_code"),
    );
    c.insert("mobile_phone".into(), string_or_null(doc, "mobile_phone"));
    // Nobody verifies a phone in the sandbox.
    c.insert("mobile_phone_verified".into(), json!(false));
    c.insert(
        "mobile_phone_country_calling_code".into(),
        string_or_null(doc, "mobile_phone_country_calling_code"),
    );
    c.insert("locale_code".into(), string_or_null(doc, "locale_code"));
    c.insert("order_count".into(), json!(0));
    c.insert("is_member".into(), bool_or(doc, "is_member", false));
    c.insert(
        "is_blacklisted".into(),
        bool_or(doc, "is_blacklisted", false),
    );
    c.insert(
        "is_accept_marketing".into(),
        bool_or_null(doc, "is_accept_marketing"),
    );
    c.insert(
        "is_subscribed_marketing_email".into(),
        bool_or_null(doc, "is_subscribed_marketing_email"),
    );
    c.insert(
        "is_subscribed_marketing_sms".into(),
        bool_or_null(doc, "is_subscribed_marketing_sms"),
    );
    c.insert(
        "delivery_addresses".into(),
        array_of_objects(doc, "delivery_addresses"),
    );
    c.insert("tags".into(), array_of_strings(doc, "tags"));
    c.insert("custom_data".into(), custom_data(doc));
    c.insert("membership_tier".into(), membership_tier(doc));
    c.insert(
        "tier_expires_at".into(),
        string_or_null(doc, "tier_expires_at"),
    );
    c.insert("ref_user_id".into(), string_or_null(doc, "ref_user_id"));
    c.insert("created_by".into(), string_or_null(doc, "created_by"));
    c.insert("registered_at".into(), string_or_null(doc, "registered_at"));
    c.insert("created_at".into(), string_or_null(doc, "created_at"));
    c.insert("updated_at".into(), string_or_null(doc, "updated_at"));
    c
}

/// Applies `fields[]` (keep only these) and `excludes[]` (drop these) to an answer.
/// `id` always stays: the Customer object requires it (our choice, spec/errata.md#E-SL-18).
pub(crate) fn filter(customer: &mut Map<String, Value>, query: &[(String, String)]) {
    let wanted: Vec<&str> = query
        .iter()
        .filter(|(k, _)| k == "fields[]" || k == "fields")
        .map(|(_, v)| v.as_str())
        .collect();
    let excluded: Vec<&str> = query
        .iter()
        .filter(|(k, _)| k == "excludes[]" || k == "excludes")
        .map(|(_, v)| v.as_str())
        .collect();
    if !wanted.is_empty() {
        customer.retain(|k, _| k == "id" || wanted.contains(&k.as_str()));
    }
    customer.retain(|k, _| k == "id" || !excluded.contains(&k.as_str()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::into_map;

    #[test]
    fn ids_are_24_hex() {
        let id = new_id();
        assert_eq!(id.len(), 24);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(id, new_id());
    }

    #[test]
    fn phones_and_birthday_are_derived() {
        let doc = into_map(json!({"phones": "0910123456, 02-27423586", "birthday": "2013-11-11"}));
        let c = render(&doc);
        assert_eq!(c["phones"], json!(["0910123456", "02-27423586"]));
        assert_eq!(c["phone"], json!("02-27423586"));
        assert_eq!(c["birth_year"], json!(2013));
        assert_eq!(c["birth_day"], json!(11));
        let doc = into_map(json!({"birth_year": 2000, "birth_month": 6}));
        assert_eq!(render(&doc)["birthday"], json!("2000-06-01"));
    }

    #[test]
    fn birthday_form_replaces_the_other() {
        let mut doc = into_map(json!({"birthday": "2013-11-11"}));
        apply_update(&mut doc, into_map(json!({"birth_year": 1999})), "t".into());
        assert_eq!(render(&doc)["birthday"], json!("1999-01-01"));
    }

    #[test]
    fn tier_and_custom_fields_are_answered() {
        let mut doc = into_map(json!({"membership_tier_id": "t1"}));
        let sent = json!({
            "tier_expires_at": "2030-01-01T00:00:00.000Z",
            "custom_fields": {"f1": "blue", "f2": 3}
        });
        apply_update(&mut doc, into_map(sent), "t".into());
        let c = render(&doc);
        assert_eq!(c["tier_expires_at"], json!("2030-01-01T00:00:00.000Z"));
        assert_eq!(c["membership_tier"], json!({"id": "t1"}));
        assert_eq!(
            c["custom_data"],
            json!([{"field_id": "f1", "value": "blue"}, {"field_id": "f2", "value": "3"}])
        );
        let c = render(&into_map(json!({})));
        assert_eq!(c["membership_tier"], Value::Null);
        assert_eq!(c["custom_data"], Value::Null);
    }

    #[test]
    fn filter_keeps_id() {
        let mut c = render(&into_map(json!({"id": "x", "name": "n", "email": "e"})));
        filter(
            &mut c,
            &[
                ("fields[]".into(), "name".into()),
                ("fields[]".into(), "email".into()),
                ("excludes[]".into(), "email".into()),
                ("excludes[]".into(), "id".into()),
            ],
        );
        assert_eq!(Value::Object(c), json!({"id": "x", "name": "n"}));
    }
}
