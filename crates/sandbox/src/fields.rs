//! Small helpers to read typed values out of stored documents and to format
//! each vendor's timestamps.

use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use crate::store::Doc;

/// The value of `key` if it is a string, else `null`.
pub(crate) fn string_or_null(doc: &Doc, key: &str) -> Value {
    match doc.get(key) {
        Some(v @ Value::String(_)) => v.clone(),
        _ => Value::Null,
    }
}

/// The value of `key` if it is a string, else `default`.
pub(crate) fn string_or(doc: &Doc, key: &str, default: &str) -> Value {
    match doc.get(key) {
        Some(v @ Value::String(_)) => v.clone(),
        _ => Value::String(default.to_owned()),
    }
}

/// The value of `key` if it is an integer, else `null`.
pub(crate) fn int_or_null(doc: &Doc, key: &str) -> Value {
    match doc.get(key) {
        Some(v @ Value::Number(n)) if n.is_i64() || n.is_u64() => v.clone(),
        _ => Value::Null,
    }
}

/// The value of `key` if it is an integer, else `default`.
pub(crate) fn int_or(doc: &Doc, key: &str, default: i64) -> Value {
    match int_or_null(doc, key) {
        Value::Null => Value::from(default),
        v => v,
    }
}

/// The value of `key` if it is a boolean, else `default`.
pub(crate) fn bool_or(doc: &Doc, key: &str, default: bool) -> Value {
    Value::Bool(doc.get(key).and_then(Value::as_bool).unwrap_or(default))
}

/// The value of `key` if it is a boolean, else `null`.
pub(crate) fn bool_or_null(doc: &Doc, key: &str) -> Value {
    doc.get(key)
        .and_then(Value::as_bool)
        .map_or(Value::Null, Value::Bool)
}

/// The object at `key`, or `null`.
pub(crate) fn object_or_null(doc: &Doc, key: &str) -> Value {
    match doc.get(key) {
        Some(v @ Value::Object(_)) => v.clone(),
        _ => Value::Null,
    }
}

/// Largest integer an f64 holds exactly (2^53).
const EXACT_F64_INTEGER: f64 = 9_007_199_254_740_992.0;

/// Writes every integral number sent in float form (`1E2`, `2000.0`) as the
/// integer it is, when an f64 holds it exactly. The validator accepts such a
/// number for an integer field; stored as a float, the answers (which read
/// integers) would drop it.
pub(crate) fn normalise_integers(value: &mut Value) {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() <= EXACT_F64_INTEGER
            {
                // Exact: |f| <= 2^53, so the cast neither truncates nor saturates.
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise_integers),
        Value::Object(map) => map.values_mut().for_each(normalise_integers),
        _ => {}
    }
}

/// `value` as an object map (empty for anything else).
pub(crate) fn into_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Moves `keys` from `doc` into `doc["_ignored"]`: accepted, kept, not applied.
pub(crate) fn set_aside(doc: &mut Doc, keys: &[&str]) {
    for key in keys {
        if let Some(v) = doc.remove(*key) {
            let ignored = doc
                .entry("_ignored")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = ignored {
                m.insert((*key).to_owned(), v);
            }
        }
    }
}

const FECIFY: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
const SHOPLINE: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
const MYSHOPLINE: &[BorrowedFormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
);

fn format(now: OffsetDateTime, items: &[BorrowedFormatItem<'static>]) -> String {
    // Formatting a UTC time with these descriptions cannot fail; an empty string
    // would still be a string, never a panic.
    now.format(items).unwrap_or_default()
}

/// Fecify: `2026-05-25 11:35:16` (no zone; the sandbox's store-local time is UTC,
/// spec/errata.md#E-FEC-10).
pub(crate) fn fecify_now() -> String {
    format(OffsetDateTime::now_utc(), FECIFY)
}

/// SHOPLINE Open API: ISO 8601 in UTC ("Open API時間均採用 UTC +0 時區",
/// <https://open-api.docs.shoplineapp.com/v2.82.16/docs/openapi-request-example>).
pub(crate) fn shopline_now() -> String {
    format(OffsetDateTime::now_utc(), SHOPLINE)
}

/// myshopline: ISO 8601 with an offset, `2022-12-05T15:15:47+00:00`
/// (https://developer.shopline.com/zh-hans-cn/docs/admin-rest-api/customer/customer-information/update-a-customer?version=v20220901).
pub(crate) fn myshopline_now() -> String {
    format(OffsetDateTime::now_utc(), MYSHOPLINE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn timestamp_shapes() {
        let f = fecify_now();
        assert_eq!(f.len(), 19, "{f}");
        assert_eq!(&f[10..11], " ");
        let s = shopline_now();
        assert!(s.ends_with('Z') && s.len() == 24, "{s}");
        let m = myshopline_now();
        assert!(m.ends_with("+00:00") && m.len() == 25, "{m}");
    }

    #[test]
    fn typed_getters() {
        let d = into_map(json!({"s": "x", "n": 3, "b": true, "o": {}}));
        assert_eq!(string_or_null(&d, "n"), Value::Null);
        assert_eq!(string_or(&d, "s", ""), json!("x"));
        assert_eq!(int_or(&d, "s", 7), json!(7));
        assert_eq!(bool_or(&d, "b", false), json!(true));
        assert_eq!(object_or_null(&d, "o"), json!({}));
        let mut d = d;
        set_aside(&mut d, &["s", "missing"]);
        assert_eq!(d["_ignored"], json!({"s": "x"}));
        assert!(!d.contains_key("s"));
    }

    #[test]
    fn integral_floats_become_integers_when_exact() {
        let mut v: Value = serde_json::from_str(
            r#"{"y": 1E2, "z": -0.0, "a": [2000.0, {"b": 3.0}], "f": 1.5, "big": 1e20, "s": "1.0"}"#,
        )
        .unwrap();
        normalise_integers(&mut v);
        assert_eq!(v["y"], json!(100));
        assert!(v["y"].is_i64());
        assert_eq!(v["z"], json!(0));
        assert_eq!(v["a"], json!([2000, {"b": 3}]));
        // Not integers, or not exact in an f64: left as they are.
        assert_eq!(v["f"], json!(1.5));
        assert!(v["big"].is_f64());
        assert_eq!(v["s"], json!("1.0"));
    }
}
