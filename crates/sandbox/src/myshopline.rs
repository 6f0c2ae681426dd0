//! SHOPLINE Admin REST API behaviour: what create and update store, and the
//! `{"customer": ...}` they answer, per API version.
//!
//! Sources: <https://developer.shopline.com/zh-hans-cn/docs/admin-rest-api/customer/customer-information/update-a-customer?version=v20220901>,
//! <https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/create-a-customer>,
//! <https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/update-a-customer>.

use serde_json::{Map, Value, json};
use shopspec_model::Operation;
use shopspec_model::myshopline::ApiVersion;

use crate::fields::{bool_or, into_map, object_or_null, set_aside, string_or_null};
use crate::store::{Doc, IdSource, Sequence, StoreError};

/// Fields the store controls; an update never changes them.
const NOT_UPDATABLE: [&str; 5] = ["id", "created_at", "updated_at", "state", "_ignored"];

/// Customer fields deprecated from v20250601; accepted and ignored there
/// (spec/errata.md#E-MSL-12).
const DEPRECATED_CUSTOMER_FIELDS: [&str; 3] =
    ["accepts_marketing", "password", "password_confirmation"];
/// Address fields deprecated from v20250601 on update (spec/errata.md#E-MSL-12).
const DEPRECATED_ADDRESS_FIELDS_UPDATE: [&str; 3] = ["name", "country_name", "province_code"];
/// On create, `province_code` is not deprecated (spec/errata.md#E-MSL-12).
const DEPRECATED_ADDRESS_FIELDS_CREATE: [&str; 2] = ["name", "country_name"];

/// Address keys of an answer, in the documented example's order.
/// Source: https://developer.shopline.com/zh-hans-cn/docs/admin-rest-api/customer/customer-information/update-a-customer?version=v20220901.
const ADDRESS_KEYS: [&str; 15] = [
    "address1",
    "address2",
    "city",
    "company",
    "country",
    "country_code",
    "customer_id",
    "default",
    "first_name",
    "id",
    "last_name",
    "phone",
    "province",
    "province_code",
    "zip",
];

/// State of a customer who was not invited: 1 (1:待启用账户). Source: seed.
const STATE_NOT_INVITED: i64 = 1;
/// State once a password is set: 3 (有效账户, registered). Source:
/// <https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/update_a_customer.go>
const STATE_REGISTERED: i64 = 3;
/// Subscription flag "2: 未订阅" (not subscribed). Source: seed.
const NOT_SUBSCRIBED: i64 = 2;
/// The consent objects of a request.
const CONSENTS: [&str; 2] = ["email_marketing_consent", "sms_marketing_consent"];
/// The create answer's `gender` words from v20260301, indexed by the request's
/// integer: "`others` : unknown, `male`, `female`, `secret`". Source:
/// <https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/create_a_customer.go>
const GENDER_WORDS: [&str; 4] = ["others", "male", "female", "secret"];

/// Removes the consent objects that are empty (`{}`) from a request body's
/// `customer`: an empty object says nothing, so it changes nothing on any
/// version. The official Go SDK sends both as `{}` on every create and update
/// (its non-pointer structs are never omitted; spec/errata.md#E-MSL-26).
pub(crate) fn drop_empty_consents(body: &mut Value) {
    if let Some(Value::Object(customer)) = body.get_mut("customer") {
        for key in CONSENTS {
            if customer
                .get(key)
                .and_then(Value::as_object)
                .is_some_and(Map::is_empty)
            {
                customer.remove(key);
            }
        }
    }
}

/// The create answer's `gender`, a string as the official SDK reads it
/// (spec/errata.md#E-MSL-3): from v20260301 the word (`others`, `male`,
/// `female`, `secret`); before, the integer sent written as a string (`"0"` to
/// `"3"`), as v20251201 lists "`0` : unknown, `1` : male, `2` : female".
/// `null` when none was stored.
fn gender_answer(doc: &Doc, version: ApiVersion) -> Value {
    let Some(n) = doc.get("gender").and_then(Value::as_i64) else {
        return Value::Null;
    };
    if version >= ApiVersion::V20260301 {
        usize::try_from(n)
            .ok()
            .and_then(|i| GENDER_WORDS.get(i))
            .map_or(Value::Null, |w| json!(w))
    } else {
        json!(n.to_string())
    }
}

fn deprecates_marketing(version: ApiVersion) -> bool {
    version >= ApiVersion::V20250601
}

/// Sets aside the fields `version` deprecated, so they are kept but not applied.
fn set_aside_deprecated(customer: &mut Doc, version: ApiVersion, op: Operation) {
    if !deprecates_marketing(version) {
        return;
    }
    set_aside(customer, &DEPRECATED_CUSTOMER_FIELDS);
    let address_fields: &[&str] = match op {
        Operation::CreateCustomer => &DEPRECATED_ADDRESS_FIELDS_CREATE,
        Operation::UpdateCustomer => &DEPRECATED_ADDRESS_FIELDS_UPDATE,
    };
    if let Some(Value::Array(addresses)) = customer.get_mut("addresses") {
        for address in addresses.iter_mut() {
            if let Value::Object(a) = address {
                set_aside(a, address_fields);
            }
        }
    }
}

/// The address list as stored: objects only, each with an id (kept when it is
/// one of the customer's, new otherwise), the customer id and exactly one
/// default (the first flagged, else the first).
fn normalise_addresses(
    sent: Vec<Value>,
    previous_ids: &[String],
    customer_id: &str,
    ids: &IdSource<'_>,
) -> Result<Vec<Value>, StoreError> {
    let mut out = Vec::with_capacity(sent.len());
    for address in sent {
        let Value::Object(mut a) = address else {
            continue;
        };
        let kept = a
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| previous_ids.iter().any(|p| p == id))
            .map(str::to_owned);
        let id = match kept {
            Some(id) => id,
            None => ids.next(Sequence::MyshoplineAddress)?.to_string(),
        };
        a.insert("id".into(), json!(id));
        a.insert("customer_id".into(), json!(customer_id));
        out.push(a);
    }
    let first_default = out
        .iter()
        .position(|a| a.get("default").and_then(Value::as_bool) == Some(true))
        .unwrap_or(0);
    Ok(out
        .into_iter()
        .enumerate()
        .map(|(i, mut a)| {
            a.insert("default".into(), json!(i == first_default));
            Value::Object(a)
        })
        .collect())
}

fn address_ids(doc: &Doc) -> Vec<String> {
    match doc.get("addresses") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|a| a.get("id").and_then(Value::as_str))
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

fn registers(customer: &Doc) -> bool {
    customer
        .get("password")
        .and_then(Value::as_str)
        .is_some_and(|p| !p.is_empty())
}

/// Builds the stored customer of a create from the `customer` object.
pub(crate) fn build(
    customer: Map<String, Value>,
    version: ApiVersion,
    now: String,
) -> impl FnOnce(&IdSource<'_>) -> Result<(String, Doc), StoreError> + Send + 'static {
    move |ids| {
        let id = ids.next(Sequence::MyshoplineCustomer)?.to_string();
        let mut doc = customer;
        set_aside_deprecated(&mut doc, version, Operation::CreateCustomer);
        let addresses = match doc.remove("addresses") {
            Some(Value::Array(list)) => normalise_addresses(list, &[], &id, ids)?,
            _ => Vec::new(),
        };
        doc.insert("addresses".into(), Value::Array(addresses));
        let state = if registers(&doc) {
            STATE_REGISTERED
        } else {
            STATE_NOT_INVITED
        };
        doc.insert("state".into(), json!(state));
        doc.insert("id".into(), json!(id));
        doc.insert("created_at".into(), json!(now));
        doc.insert("updated_at".into(), json!(now));
        doc.insert("accepts_marketing_updated_at".into(), json!(now));
        doc.insert("accepts_mobile_marketing_updated_at".into(), json!(now));
        Ok((id, doc))
    }
}

/// Applies an update from the `customer` object. `addresses` replaces the whole
/// list (our choice, spec/errata.md#E-MSL-19); other fields change when sent.
pub(crate) fn apply_update(
    doc: &mut Doc,
    customer: Map<String, Value>,
    version: ApiVersion,
    now: String,
    ids: &IdSource<'_>,
) -> Result<(), StoreError> {
    let mut customer = customer;
    set_aside_deprecated(&mut customer, version, Operation::UpdateCustomer);
    let id = doc
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if registers(&customer) {
        doc.insert("state".into(), json!(STATE_REGISTERED));
    }
    for (key, value) in customer {
        if NOT_UPDATABLE.contains(&key.as_str()) {
            continue;
        }
        match key.as_str() {
            "addresses" => {
                let list = match value {
                    Value::Array(list) => list,
                    _ => Vec::new(),
                };
                let previous = address_ids(doc);
                let addresses = normalise_addresses(list, &previous, &id, ids)?;
                doc.insert(key, Value::Array(addresses));
            }
            "accepts_marketing" | "email_marketing_consent" => {
                doc.insert(key, value);
                doc.insert("accepts_marketing_updated_at".into(), json!(now));
            }
            "sms_marketing_consent" => {
                doc.insert(key, value);
                doc.insert("accepts_mobile_marketing_updated_at".into(), json!(now));
            }
            _ => {
                doc.insert(key, value);
            }
        }
    }
    doc.insert("updated_at".into(), json!(now));
    Ok(())
}

/// A consent `state` as a subscription flag: 0, 1 or 2 as is; 3 (awaiting
/// confirmation) is not subscribed yet.
fn consent_flag(doc: &Doc, key: &str) -> Option<i64> {
    let state = doc.get(key)?.get("state")?.as_i64()?;
    Some(if (0..=2).contains(&state) {
        state
    } else {
        NOT_SUBSCRIBED
    })
}

fn render_address(address: &Value) -> Option<Value> {
    let a = address.as_object()?;
    let mut out = Map::new();
    for key in ADDRESS_KEYS {
        match (key, a.get(key)) {
            ("default", Some(v @ Value::Bool(_))) => {
                out.insert(key.into(), v.clone());
            }
            (_, Some(v @ Value::String(_))) => {
                out.insert(key.into(), v.clone());
            }
            _ => {}
        }
    }
    Some(Value::Object(out))
}

/// The customer of an answer. The update answer has the documented response
/// fields; the create answer also has `birthday` and `gender`
/// (spec/errata.md#E-MSL-17). Versions from v20250601 add the consent objects.
pub(crate) fn render(doc: &Doc, version: ApiVersion, op: Operation) -> Value {
    let addresses: Vec<Value> = match doc.get("addresses") {
        Some(Value::Array(list)) => list.iter().filter_map(render_address).collect(),
        _ => Vec::new(),
    };
    let default_address = addresses
        .iter()
        .find(|a| a.get("default").and_then(Value::as_bool) == Some(true))
        .cloned()
        .unwrap_or(Value::Null);
    let accepts_marketing = doc.get("accepts_marketing").and_then(Value::as_bool);
    let email_flag = consent_flag(doc, "email_marketing_consent")
        .or(accepts_marketing.map(|a| if a { 1 } else { NOT_SUBSCRIBED }))
        .unwrap_or(NOT_SUBSCRIBED);
    let mobile_flag = consent_flag(doc, "sms_marketing_consent").unwrap_or(NOT_SUBSCRIBED);

    // Keys in the documented example's (alphabetical) order.
    let mut c = Map::new();
    c.insert(
        "accepts_marketing".into(),
        json!(accepts_marketing.unwrap_or(email_flag == 1)),
    );
    c.insert(
        "accepts_marketing_updated_at".into(),
        string_or_null(doc, "accepts_marketing_updated_at"),
    );
    // An ISO 8601 string, not the example's `true` (spec/errata.md#E-MSL-1).
    c.insert(
        "accepts_mobile_marketing_updated_at".into(),
        string_or_null(doc, "accepts_mobile_marketing_updated_at"),
    );
    c.insert("accepts_phone_marketing".into(), json!(mobile_flag == 1));
    c.insert("addresses".into(), Value::Array(addresses));
    if op == Operation::CreateCustomer {
        c.insert("birthday".into(), string_or_null(doc, "birthday"));
    }
    c.insert("created_at".into(), string_or_null(doc, "created_at"));
    c.insert("currency".into(), json!("USD"));
    c.insert("default_address".into(), default_address);
    c.insert("email".into(), string_or_null(doc, "email"));
    if deprecates_marketing(version) {
        c.insert(
            "email_marketing_consent".into(),
            object_or_null(doc, "email_marketing_consent"),
        );
    }
    c.insert("email_subscribe_flag".into(), json!(email_flag));
    c.insert("first_name".into(), string_or_null(doc, "first_name"));
    if op == Operation::CreateCustomer {
        c.insert("gender".into(), gender_answer(doc, version));
    }
    c.insert("id".into(), string_or_null(doc, "id"));
    c.insert("last_name".into(), string_or_null(doc, "last_name"));
    c.insert("mobile_subscribe_flag".into(), json!(mobile_flag));
    if deprecates_marketing(version) {
        c.insert(
            "multipass_identifier".into(),
            string_or_null(doc, "multipass_identifier"),
        );
    }
    c.insert("note".into(), string_or_null(doc, "note"));
    c.insert("orders_count".into(), json!(0));
    c.insert("phone".into(), string_or_null(doc, "phone"));
    if deprecates_marketing(version) {
        c.insert(
            "sms_marketing_consent".into(),
            object_or_null(doc, "sms_marketing_consent"),
        );
    }
    c.insert(
        "state".into(),
        doc.get("state")
            .filter(|s| s.is_i64())
            .cloned()
            .unwrap_or(json!(STATE_NOT_INVITED)),
    );
    c.insert("tags".into(), string_or_null(doc, "tags"));
    c.insert("total_spent".into(), json!("0"));
    c.insert("updated_at".into(), string_or_null(doc, "updated_at"));
    c.insert(
        "verified_email".into(),
        bool_or(doc, "verified_email", false),
    );
    json!({ "customer": c })
}

/// The `customer` object of a request body (empty when it is missing or not an
/// object; validation reports that).
pub(crate) fn customer_of(body: Map<String, Value>) -> Map<String, Value> {
    body.into_iter()
        .find(|(k, _)| k == "customer")
        .map(|(_, v)| into_map(v))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_follow_marketing_and_consent() {
        let doc = into_map(json!({"accepts_marketing": true}));
        let c = render(&doc, ApiVersion::V20220901, Operation::UpdateCustomer);
        assert_eq!(c["customer"]["email_subscribe_flag"], json!(1));
        assert!(c["customer"].get("email_marketing_consent").is_none());
        let doc = into_map(json!({"email_marketing_consent": {"state": 3}}));
        let c = render(&doc, ApiVersion::V20260301, Operation::CreateCustomer);
        assert_eq!(c["customer"]["email_subscribe_flag"], json!(2));
        assert_eq!(c["customer"]["accepts_marketing"], json!(false));
        assert_eq!(
            c["customer"]["email_marketing_consent"],
            json!({"state": 3})
        );
    }

    #[test]
    fn gender_is_answered_as_a_string_per_version() {
        let doc = into_map(json!({"gender": 2}));
        let create = Operation::CreateCustomer;
        let c = render(&doc, ApiVersion::V20260301, create);
        assert_eq!(c["customer"]["gender"], json!("female"));
        let c = render(&doc, ApiVersion::V20251201, create);
        assert_eq!(c["customer"]["gender"], json!("2"));
        let c = render(&doc, ApiVersion::V20220901, create);
        assert_eq!(c["customer"]["gender"], json!("2"));
        let c = render(&into_map(json!({})), ApiVersion::V20260301, create);
        assert_eq!(c["customer"]["gender"], Value::Null);
        let c = render(&doc, ApiVersion::V20260301, Operation::UpdateCustomer);
        assert!(c["customer"].get("gender").is_none());
    }

    #[test]
    fn empty_consent_objects_are_dropped() {
        let mut body = json!({"customer": {
            "email_marketing_consent": {}, "sms_marketing_consent": {"state": 1}, "note": "n"
        }});
        drop_empty_consents(&mut body);
        assert_eq!(
            body,
            json!({"customer": {"sms_marketing_consent": {"state": 1}, "note": "n"}})
        );
    }

    #[test]
    fn deprecated_fields_are_set_aside_from_v20250601() {
        let mut c = into_map(json!({
            "accepts_marketing": true, "note": "n",
            "addresses": [{"name": "nick", "province_code": "KY", "city": "X"}]
        }));
        set_aside_deprecated(&mut c, ApiVersion::V20260301, Operation::UpdateCustomer);
        assert!(!c.contains_key("accepts_marketing"));
        assert_eq!(c["_ignored"]["accepts_marketing"], json!(true));
        assert_eq!(
            c["addresses"][0],
            json!({"city": "X", "_ignored": {"name": "nick", "province_code": "KY"}})
        );
        let mut old = into_map(json!({"accepts_marketing": true}));
        set_aside_deprecated(&mut old, ApiVersion::V20220901, Operation::UpdateCustomer);
        assert_eq!(old["accepts_marketing"], json!(true));
    }
}
