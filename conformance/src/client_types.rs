//! The JSON types the official client declares for each answer field, checked
//! after every acceptance: a field of another JSON type is one the official
//! client cannot decode, so the whole answer is lost to it (spec/errata.md#E-MSL-3).
//!
//! myshopline v20251201 and v20260301: the official Go SDK's answer structs,
//! `CreateACustomerAPIRespCustomer` and `UpdateACustomerAPIRespCustomer`, with
//! `Addresse`, `DefaultAddress`, `EmailMarketingConsent` and
//! `SmsMarketingConsent` (declared in the version's `search_for_customers.go`).
//! Sources:
//! <https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/create_a_customer.go>,
//! <https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/update_a_customer.go>,
//! and the same files under `v20251201`. Go's `encoding/json` ignores unknown
//! keys and takes `null` for any field; a number for a `string`, a string for an
//! `int` or a fraction for an `int` is an error.

use serde_json::Value;
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

/// A Go field type, as `encoding/json` decodes it.
#[derive(Debug, Clone, Copy)]
enum Go {
    Str,
    Int,
    Bool,
    StrList,
    Consent,
    Address,
    AddressList,
}

impl Go {
    fn name(self) -> &'static str {
        match self {
            Go::Str => "a string",
            Go::Int => "an integer",
            Go::Bool => "a boolean",
            Go::StrList => "an array of strings",
            Go::Consent => "a consent object",
            Go::Address => "an address object",
            Go::AddressList => "an array of address objects",
        }
    }
}

/// Fields of both answer structs.
const COMMON: [(&str, Go); 26] = [
    ("id", Go::Str),
    ("tags", Go::Str),
    ("last_order_id", Go::Str),
    ("last_order_name", Go::Str),
    ("accepts_marketing_updated_at", Go::Str),
    ("accepts_mobile_marketing_updated_at", Go::Str),
    ("asid", Go::Str),
    ("total_spent", Go::Str),
    ("currency", Go::Str),
    ("phone", Go::Str),
    ("created_at", Go::Str),
    ("updated_at", Go::Str),
    ("note", Go::Str),
    ("email", Go::Str),
    ("first_name", Go::Str),
    ("last_name", Go::Str),
    ("multipass_identifier", Go::Str),
    ("state", Go::Int),
    ("email_subscribe_flag", Go::Int),
    ("mobile_subscribe_flag", Go::Int),
    ("orders_count", Go::Int),
    ("verified_email", Go::Bool),
    ("accepts_marketing", Go::Bool),
    ("email_marketing_consent", Go::Consent),
    ("sms_marketing_consent", Go::Consent),
    ("addresses", Go::AddressList),
];

/// Fields only the create answer struct has (besides `default_address`).
const CREATE_ONLY: [(&str, Go); 6] = [
    ("gender", Go::Str),
    ("language", Go::Str),
    ("birthday", Go::Str),
    ("social_customer", Go::StrList),
    ("accepts_mobile_marketing", Go::Bool),
    ("default_address", Go::Address),
];

/// Fields only the update answer struct has.
const UPDATE_ONLY: [(&str, Go); 2] = [
    ("accepts_phone_marketing", Go::Bool),
    ("default_address", Go::Address),
];

/// `Addresse` and `DefaultAddress` declare the same fields.
const ADDRESS: [(&str, Go); 16] = [
    ("address1", Go::Str),
    ("address2", Go::Str),
    ("province_code_v2", Go::Str),
    ("city", Go::Str),
    ("company", Go::Str),
    ("country", Go::Str),
    ("country_code", Go::Str),
    ("customer_id", Go::Str),
    ("first_name", Go::Str),
    ("last_name", Go::Str),
    ("id", Go::Str),
    ("phone", Go::Str),
    ("province", Go::Str),
    ("province_code", Go::Str),
    ("zip", Go::Str),
    ("default", Go::Bool),
];

const CONSENT: [(&str, Go); 4] = [
    ("consent_collected_from", Go::Str),
    ("consent_updated_at", Go::Str),
    ("opt_in_level", Go::Int),
    ("state", Go::Int),
];

/// Whether `value` decodes into a Go `int`/`int64`: an integer literal in range.
fn go_int(value: &serde_json::Number) -> bool {
    value.is_i64()
}

fn fields(value: &Value, at: &str, table: &[(&str, Go)], out: &mut Vec<String>) {
    let Some(map) = value.as_object() else {
        return;
    };
    for (name, go) in table {
        if let Some(v) = map.get(*name) {
            one(v, &format!("{at}/{name}"), *go, out);
        }
    }
}

fn one(value: &Value, at: &str, go: Go, out: &mut Vec<String>) {
    let fits = match (go, value) {
        (_, Value::Null) => true,
        (Go::Str, Value::String(_)) | (Go::Bool, Value::Bool(_)) => true,
        (Go::Int, Value::Number(n)) => go_int(n),
        (Go::StrList, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                one(item, &format!("{at}/{i}"), Go::Str, out);
            }
            true
        }
        (Go::Consent, Value::Object(_)) => {
            fields(value, at, &CONSENT, out);
            true
        }
        (Go::Address, Value::Object(_)) => {
            fields(value, at, &ADDRESS, out);
            true
        }
        (Go::AddressList, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                one(item, &format!("{at}/{i}"), Go::Address, out);
            }
            true
        }
        _ => false,
    };
    if !fits {
        out.push(format!("`{at}` is {value}, not {}", go.name()));
    }
}

/// The answer fields the official client of `api` at `version` could not
/// decode, each as "`pointer` is value, not type". Empty where no official
/// client's answer types are known (Fecify, SHOPLINE Open API, myshopline
/// before v20251201, whose types the response schemas carry alone).
pub(crate) fn mismatches(
    api: Api,
    version: ApiVersion,
    operation: Operation,
    body: &Value,
) -> Vec<String> {
    if api != Api::Myshopline || version < ApiVersion::V20251201 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let Some(customer) = body.get("customer") else {
        return out;
    };
    if !customer.is_object() && !customer.is_null() {
        out.push(format!("`/customer` is {customer}, not an object"));
        return out;
    }
    fields(customer, "/customer", &COMMON, &mut out);
    let own: &[(&str, Go)] = match operation {
        Operation::CreateCustomer => &CREATE_ONLY,
        Operation::UpdateCustomer => &UPDATE_ONLY,
    };
    fields(customer, "/customer", own, &mut out);
    out
}

/// The file of the official client that declares the answer types, for messages.
pub(crate) fn source(version: ApiVersion, operation: Operation) -> String {
    let file = match operation {
        Operation::CreateCustomer => "create_a_customer.go",
        Operation::UpdateCustomer => "update_a_customer.go",
    };
    format!(
        "https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/{version}/customer/{file}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const V: ApiVersion = ApiVersion::V20260301;

    #[test]
    fn integer_gender_in_a_create_answer_is_named() {
        let body = json!({"customer": {"id": "1", "gender": 2, "state": 1}});
        let m = mismatches(Api::Myshopline, V, Operation::CreateCustomer, &body);
        assert_eq!(m, vec!["`/customer/gender` is 2, not a string".to_owned()]);
        // The update struct has no gender: Go ignores the key.
        assert!(mismatches(Api::Myshopline, V, Operation::UpdateCustomer, &body).is_empty());
        // v20220901 has no official client types.
        let old = ApiVersion::V20220901;
        assert!(mismatches(Api::Myshopline, old, Operation::CreateCustomer, &body).is_empty());
        assert!(mismatches(Api::Shopline, V, Operation::CreateCustomer, &body).is_empty());
    }

    #[test]
    fn nested_fields_nulls_and_fractions() {
        let body = json!({"customer": {
            "id": "1", "email": null, "orders_count": 1.5, "unknown": [1],
            "addresses": [{"id": 7, "default": "yes", "address9": 3}],
            "default_address": null,
            "email_marketing_consent": {"state": "1", "opt_in_level": null},
            "sms_marketing_consent": {}
        }});
        let m = mismatches(Api::Myshopline, V, Operation::UpdateCustomer, &body);
        assert_eq!(
            m,
            vec![
                "`/customer/orders_count` is 1.5, not an integer".to_owned(),
                "`/customer/email_marketing_consent/state` is \"1\", not an integer".to_owned(),
                "`/customer/addresses/0/id` is 7, not a string".to_owned(),
                "`/customer/addresses/0/default` is \"yes\", not a boolean".to_owned(),
            ]
        );
        assert!(
            source(V, Operation::UpdateCustomer)
                .ends_with("v20260301/customer/update_a_customer.go")
        );
    }
}
