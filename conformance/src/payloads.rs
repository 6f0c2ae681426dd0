//! Request templates: minimal and full valid bodies per API, operation and version,
//! with placeholders the runner fills in per case (`${email}`, `${marker}`,
//! `${id}`, `${phone}`, `${mobile}`), and the JSON-pointer helpers that edit them.

use serde_json::{Map, Value, json};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

/// The run-unique email of the case.
pub(crate) const EMAIL: &str = "${email}";
/// The local part of the run-unique email (`shopspec-<run>-<n>`).
pub(crate) const EMAIL_LOCAL: &str = "${email_local}";
/// The marker text `shopspec conformance run <run>`.
pub(crate) const MARKER: &str = "${marker}";
/// The id of the customer the case created first (a number for Fecify).
pub(crate) const ID: &str = "${id}";
/// A run-unique phone in the myshopline `00` + calling code + number form.
pub(crate) const PHONE: &str = "${phone}";
/// A run-unique 9-digit mobile number (SHOPLINE Open API, calling code 886).
pub(crate) const MOBILE: &str = "${mobile}";

/// A body that creates a customer with the fewest fields the docs allow.
pub(crate) fn minimal_create(api: Api, _version: ApiVersion) -> Value {
    match api {
        Api::Fecify => {
            json!({"email": EMAIL, "first_name": "shopspec", "last_name": "conformance"})
        }
        Api::Shopline => json!({"name": "shopspec conformance", "email": EMAIL, "memo": MARKER}),
        Api::Myshopline => json!({"customer": {
            "email": EMAIL, "first_name": "shopspec", "last_name": "conformance", "note": MARKER
        }}),
    }
}

/// A body that creates a customer with every documented (non-deprecated) field.
pub(crate) fn full_create(api: Api, version: ApiVersion) -> Value {
    match api {
        // Source: the create page's request example
        // (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html),
        // with a run-unique phone: a store may hold phones unique.
        Api::Fecify => json!({
            "email": EMAIL, "first_name": "yunlong2", "last_name": "li",
            "phone": "+1 ${mobile}", "accepts_marketing": 1, "numberCode": "1",
            "payafteruse_status": 2, "payafteruse_level": 1
        }),
        // Source: https://open-api.docs.shoplineapp.com/docs/create-customer (request example).
        Api::Shopline => json!({
            "name": "marry", "email": EMAIL,
            "mobile_phone": MOBILE, "mobile_phone_country_calling_code": "886",
            "send_notification": false, "notification_types": ["email"],
            "phone": "0${mobile}", "phone_country_code": "886",
            "gender": "female", "birthday": "2000-06-01",
            "is_member": true, "is_accept_marketing": true,
            "is_subscribed_marketing_email": true, "is_subscribed_marketing_sms": false,
            "delivery_addresses": [{
                "country_code": "TW", "country": "TW", "city": "Taipei", "district": "Songshan",
                "state": "Taipei", "postcode": "10560", "address_1": "光復北路11巷44號14樓",
                "address_2": "松山區", "recipient_name": "marry", "recipient_phone": "0227423966",
                "recipient_phone_country_code": "886", "remarks": "shopspec"
            }],
            "is_allow_welcome_credit": false, "created_by": "openapi",
            "memo": MARKER, "tags": ["shopspec"]
        }),
        Api::Myshopline => json!({"customer": myshopline_fields(version, true)}),
    }
}

/// A body that changes one field of an existing customer.
pub(crate) fn minimal_update(api: Api, _version: ApiVersion) -> Value {
    match api {
        Api::Fecify => json!({"id": ID, "note": MARKER}),
        Api::Shopline => json!({"memo": MARKER}),
        Api::Myshopline => json!({"customer": {"note": MARKER}}),
    }
}

/// A body that changes every documented (non-deprecated) field of an existing customer.
pub(crate) fn full_update(api: Api, version: ApiVersion) -> Value {
    match api {
        // Source: the update page's request example plus the documented fields
        // (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html).
        Api::Fecify => json!({
            "id": ID, "first_name": "yunlong2", "last_name": "li1", "phone": "+1 ${mobile}",
            "phone_prefix": "1", "accepts_marketing": 1, "note": MARKER,
            "customervip_id": "", "payafteruse_status": 2, "payafteruse_level": 1
        }),
        // Source: https://open-api.docs.shoplineapp.com/docs/update-customer.
        Api::Shopline => json!({
            "name": "Shopline User", "email": EMAIL,
            "mobile_phone": MOBILE, "mobile_phone_country_calling_code": "886",
            "phone": "0${mobile}", "phone_country_code": "886",
            "gender": "male", "birthday": "2000-06-01", "is_member": true,
            "is_blacklisted": false, "is_accept_marketing": true,
            "is_subscribed_marketing_email": true, "is_subscribed_marketing_sms": false,
            "delivery_addresses": [{
                "country": "TW", "city": "Taipei", "postcode": "10560",
                "address_1": "光復北路11巷44號14樓", "address_2": "松山區",
                "recipient_name": "marry", "recipient_phone": "0227423966"
            }],
            // A third party's user id: a store may hold it unique.
            "ref_user_id": EMAIL_LOCAL, "memo": MARKER, "tags": ["Tag A", "Tag C"],
            "locale_code": "zh-hant"
        }),
        Api::Myshopline => {
            let mut fields = myshopline_fields(version, false);
            // The update seed's example changes the email as well.
            fields.insert("email".into(), json!(EMAIL));
            json!({ "customer": fields })
        }
    }
}

/// The myshopline customer fields of the documented examples, per version: from
/// v20250601 on, `accepts_marketing` is replaced by the consent objects
/// (https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/update-a-customer).
fn myshopline_fields(version: ApiVersion, create: bool) -> Map<String, Value> {
    let mut address = json!({
        "address1": "7720 Cherokee Road", "address2": "Apartment 2", "city": "Hagerman",
        "company": "joyy", "country": "United States", "country_code": "US",
        "first_name": "Bob", "last_name": "Norman", "phone": PHONE,
        "province": "Kentucky", "zip": "40202", "default": true
    });
    let mut fields = json!({
        "email": EMAIL, "first_name": "Bob", "last_name": "Norman", "phone": PHONE,
        "birthday": "19970102", "gender": 1, "note": MARKER, "tags": "loyal"
    });
    if version >= ApiVersion::V20251201 {
        fields["verified_email"] = json!(true);
        // "A unique identifier for the customer": run-unique, as emails are.
        fields["multipass_identifier"] = json!(EMAIL_LOCAL);
        fields["email_marketing_consent"] = json!({
            "state": 1, "opt_in_level": 1, "consent_collected_from": "pop",
            "consent_updated_at": "2022-09-07T10:53:31+08:00"
        });
        fields["sms_marketing_consent"] = json!({
            "state": 2, "opt_in_level": 1, "consent_collected_from": "pop",
            "consent_updated_at": "2022-09-07T10:53:31+08:00"
        });
        if create {
            address["province_code"] = json!("KY");
        }
    } else {
        fields["accepts_marketing"] = json!(true);
        address["province_code"] = json!("KY");
    }
    fields["addresses"] = json!([address]);
    match fields {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The base body of a case for `operation`.
pub(crate) fn minimal(api: Api, version: ApiVersion, operation: Operation) -> Value {
    match operation {
        Operation::CreateCustomer => minimal_create(api, version),
        Operation::UpdateCustomer => minimal_update(api, version),
    }
}

/// The full body of a case for `operation`.
pub(crate) fn full(api: Api, version: ApiVersion, operation: Operation) -> Value {
    match operation {
        Operation::CreateCustomer => full_create(api, version),
        Operation::UpdateCustomer => full_update(api, version),
    }
}

/// Splits an RFC 6901 pointer into unescaped tokens.
pub(crate) fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Joins tokens into an RFC 6901 pointer.
pub(crate) fn pointer_of(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// A template pointer (`/customer/addresses/*/zip`) made concrete (`*` -> `0`).
pub(crate) fn concrete(pointer: &str) -> String {
    pointer_of(
        &tokens(pointer)
            .into_iter()
            .map(|t| if t == "*" { "0".to_owned() } else { t })
            .collect::<Vec<_>>(),
    )
}

/// Sets the value at `pointer`, creating missing objects (and arrays for
/// numeric tokens) on the way. `false` when a scalar is in the way.
pub(crate) fn set(root: &mut Value, pointer: &str, new: Value) -> bool {
    let tokens = tokens(pointer);
    let Some((last, parents)) = tokens.split_last() else {
        *root = new;
        return true;
    };
    let mut here = root;
    for (i, token) in parents.iter().enumerate() {
        let next_is_index = tokens
            .get(i + 1)
            .is_some_and(|t| t.parse::<usize>().is_ok());
        let empty = || if next_is_index { json!([]) } else { json!({}) };
        here = match here {
            Value::Object(map) => map.entry(token.clone()).or_insert_with(empty),
            Value::Array(items) => {
                let Ok(index) = token.parse::<usize>() else {
                    return false;
                };
                while items.len() <= index {
                    items.push(empty());
                }
                &mut items[index]
            }
            _ => return false,
        };
    }
    match here {
        Value::Object(map) => {
            map.insert(last.clone(), new);
            true
        }
        Value::Array(items) => match last.parse::<usize>() {
            Ok(index) => {
                while items.len() <= index {
                    items.push(Value::Null);
                }
                items[index] = new;
                true
            }
            Err(_) => false,
        },
        _ => false,
    }
}

/// Removes the value at `pointer`; returns it.
pub(crate) fn remove(root: &mut Value, pointer: &str) -> Option<Value> {
    let tokens = tokens(pointer);
    let (last, parents) = tokens.split_last()?;
    let parent = root.pointer_mut(&pointer_of(parents))?;
    match parent {
        Value::Object(map) => map.shift_remove(last),
        Value::Array(items) => {
            let index = last.parse::<usize>().ok()?;
            (index < items.len()).then(|| items.remove(index))
        }
        _ => None,
    }
}

/// Fills the placeholders of a template.
#[derive(Debug, Clone)]
pub(crate) struct Fill {
    pub(crate) api: Api,
    pub(crate) email: String,
    pub(crate) marker: String,
    pub(crate) id: Option<String>,
    pub(crate) phone: String,
    pub(crate) mobile: String,
}

impl Fill {
    /// The template with every placeholder replaced.
    pub(crate) fn apply(&self, template: &Value) -> Value {
        match template {
            Value::String(s) if s == ID => match (&self.id, self.api) {
                // Fecify ids are integers (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html: "id int").
                (Some(id), Api::Fecify) => id
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(id.clone())),
                (Some(id), _) => Value::String(id.clone()),
                (None, _) => Value::String(s.clone()),
            },
            Value::String(s) if s.starts_with("${email:") && s.ends_with('}') => {
                // `${email:N}`: the run-unique email padded to exactly N characters.
                let n = s["${email:".len()..s.len() - 1]
                    .parse::<usize>()
                    .unwrap_or(0);
                Value::String(padded_email(&self.email, n))
            }
            Value::String(s) if s.contains("${") => Value::String(
                s.replace(EMAIL, &self.email)
                    .replace(
                        EMAIL_LOCAL,
                        self.email.split('@').next().unwrap_or_default(),
                    )
                    .replace(MARKER, &self.marker)
                    .replace(PHONE, &self.phone)
                    .replace(MOBILE, &self.mobile),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.apply(v)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.apply(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// `email` with its local part padded so the whole address has `n` characters
/// (unchanged when it is already that long or longer).
fn padded_email(email: &str, n: usize) -> String {
    let Some((local, domain)) = email.split_once('@') else {
        return email.to_owned();
    };
    let missing = n.saturating_sub(email.chars().count());
    format!("{local}{}@{domain}", "x".repeat(missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_creates_parents_and_remove_takes_them_out() {
        let mut v = json!({"customer": {}});
        assert!(set(&mut v, "/customer/addresses/0/zip", json!("1")));
        assert_eq!(v, json!({"customer": {"addresses": [{"zip": "1"}]}}));
        assert_eq!(
            remove(&mut v, "/customer/addresses/0/zip"),
            Some(json!("1"))
        );
        assert_eq!(remove(&mut v, "/customer/nothing"), None);
        let mut scalar = json!({"a": 1});
        assert!(!set(&mut scalar, "/a/b", json!(2)));
    }

    #[test]
    fn pointers_escape_and_concretise() {
        assert_eq!(
            tokens("/a~1b/c~0d"),
            vec!["a/b".to_owned(), "c~d".to_owned()]
        );
        assert_eq!(pointer_of(&["a/b".to_owned()]), "/a~1b");
        assert_eq!(
            concrete("/customer/addresses/*/zip"),
            "/customer/addresses/0/zip"
        );
        assert_eq!(concrete(""), "");
    }

    #[test]
    fn fill_replaces_placeholders_with_typed_ids() {
        let fill = Fill {
            api: Api::Fecify,
            email: "shopspec-r1-1@example.com".into(),
            marker: "shopspec conformance run r1".into(),
            id: Some("574".into()),
            phone: "0086130000000001".into(),
            mobile: "912345678".into(),
        };
        let filled = fill.apply(&minimal_update(Api::Fecify, ApiVersion::LATEST_STABLE));
        assert_eq!(
            filled,
            json!({"id": 574, "note": "shopspec conformance run r1"})
        );
        let padded = fill.apply(&json!("${email:50}"));
        assert_eq!(padded.as_str().map(|s| s.chars().count()), Some(50));
        assert!(
            padded
                .as_str()
                .is_some_and(|s| s.starts_with("shopspec-r1-1") && s.ends_with("@example.com"))
        );
        let shopline = Fill {
            api: Api::Shopline,
            ..fill
        };
        assert_eq!(shopline.apply(&json!(ID)), json!("574"));
    }
}
