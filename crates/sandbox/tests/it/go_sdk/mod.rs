//! The official Go SDK's customer request and answer types, declared field for
//! field (JSON names and types) so that Rust decodes and encodes JSON as the SDK
//! does. Go `string`/`int`/`int64`/`bool` are Rust `String`/`i64`/`i64`/`bool`.
//!
//! Sources, identical in their field names and types for both versions:
//! - <https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/create_a_customer.go>
//!   (`CreateACustomerAPIReqCustomer`, `CreateACustomerAPIReqAddresse`, `CreateACustomerAPIRespCustomer`);
//! - <https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/update_a_customer.go>
//!   (`UpdateACustomerAPIReqCustomer`, `UpdateACustomerAPIReqAddresse`, `UpdateACustomerAPIRespCustomer`);
//! - <https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/search_for_customers.go>
//!   (`Addresse`, `DefaultAddress`, `EmailMarketingConsent`, `SmsMarketingConsent`);
//! - the same three files under `rest/admin/v20251201/customer/`.
//!
//! Decoding: Go's `encoding/json` ignores unknown keys and leaves a field alone
//! on `null`, but a number for a `string`, a string for an `int`, or a fraction
//! for an `int` fails the whole answer. Each field is an `Option` (for `null` and
//! absence); serde_json never coerces, so a wrong type is an error here too.
//!
//! Encoding: every field is tagged `omitempty`, which drops `""`, `0`, `false`
//! and empty slices, but never a struct: the consent objects are always sent,
//! as `{}` when their fields are zero.
#![allow(dead_code, unreachable_pub)]

use serde::{Deserialize, Serialize};

/// Go `omitempty` for an `int`.
fn zero(n: &i64) -> bool {
    *n == 0
}

/// Go `omitempty` for a `bool`.
fn falsy(b: &bool) -> bool {
    !*b
}

/// `EmailMarketingConsent` and `SmsMarketingConsent` (same fields), as sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ConsentOut {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub consent_collected_from: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub consent_updated_at: String,
    #[serde(skip_serializing_if = "zero")]
    pub opt_in_level: i64,
    #[serde(skip_serializing_if = "zero")]
    pub state: i64,
}

/// `EmailMarketingConsent` and `SmsMarketingConsent`, as decoded.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Consent {
    pub consent_collected_from: Option<String>,
    pub consent_updated_at: Option<String>,
    pub opt_in_level: Option<i64>,
    pub state: Option<i64>,
}

/// `CreateACustomerAPIReqAddresse` / `UpdateACustomerAPIReqAddresse` (the update
/// one adds `id` and `customer_id`; left empty they are omitted as Go omits them).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AddressOut {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address1: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address2: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub city: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub company: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country_code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub customer_id: String,
    #[serde(skip_serializing_if = "falsy")]
    pub default: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub first_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub last_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub province: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub province_code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub zip: String,
}

/// `CreateACustomerAPIReqCustomer` and `UpdateACustomerAPIReqCustomer`: the same
/// sixteen fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CustomerOut {
    #[serde(skip_serializing_if = "falsy")]
    pub accepts_marketing: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<AddressOut>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub birthday: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// A struct: never omitted.
    pub email_marketing_consent: ConsentOut,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub first_name: String,
    #[serde(skip_serializing_if = "zero")]
    pub gender: i64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub last_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub multipass_identifier: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub password: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub password_confirmation: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// A struct: never omitted.
    pub sms_marketing_consent: ConsentOut,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tags: String,
    #[serde(skip_serializing_if = "falsy")]
    pub verified_email: bool,
}

/// `CreateACustomerAPIReq` / `UpdateACustomerAPIReq` (the update's `Id` goes in
/// the path, `url:"-"`, not in the body).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RequestOut {
    pub customer: CustomerOut,
}

/// `Addresse` and `DefaultAddress` (same fields).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Address {
    pub address1: Option<String>,
    pub address2: Option<String>,
    pub city: Option<String>,
    pub company: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub customer_id: Option<String>,
    pub default: Option<bool>,
    pub first_name: Option<String>,
    pub id: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub province: Option<String>,
    pub province_code: Option<String>,
    pub province_code_v2: Option<String>,
    pub zip: Option<String>,
}

/// `CreateACustomerAPIRespCustomer`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CreateRespCustomer {
    pub accepts_marketing: Option<bool>,
    pub accepts_marketing_updated_at: Option<String>,
    pub accepts_mobile_marketing: Option<bool>,
    pub accepts_mobile_marketing_updated_at: Option<String>,
    pub addresses: Option<Vec<Address>>,
    pub asid: Option<String>,
    pub birthday: Option<String>,
    pub created_at: Option<String>,
    pub currency: Option<String>,
    pub default_address: Option<Address>,
    pub email: Option<String>,
    pub email_marketing_consent: Option<Consent>,
    pub email_subscribe_flag: Option<i64>,
    pub first_name: Option<String>,
    pub gender: Option<String>,
    pub id: Option<String>,
    pub language: Option<String>,
    pub last_name: Option<String>,
    pub last_order_id: Option<String>,
    pub last_order_name: Option<String>,
    pub mobile_subscribe_flag: Option<i64>,
    pub multipass_identifier: Option<String>,
    pub note: Option<String>,
    pub orders_count: Option<i64>,
    pub phone: Option<String>,
    pub sms_marketing_consent: Option<Consent>,
    pub social_customer: Option<Vec<String>>,
    pub state: Option<i64>,
    pub tags: Option<String>,
    pub total_spent: Option<String>,
    pub updated_at: Option<String>,
    pub verified_email: Option<bool>,
}

/// `UpdateACustomerAPIRespCustomer`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UpdateRespCustomer {
    pub accepts_marketing: Option<bool>,
    pub accepts_marketing_updated_at: Option<String>,
    pub accepts_mobile_marketing_updated_at: Option<String>,
    pub accepts_phone_marketing: Option<bool>,
    pub addresses: Option<Vec<Address>>,
    pub asid: Option<String>,
    pub created_at: Option<String>,
    pub currency: Option<String>,
    pub default_address: Option<Address>,
    pub email: Option<String>,
    pub email_marketing_consent: Option<Consent>,
    pub email_subscribe_flag: Option<i64>,
    pub first_name: Option<String>,
    pub id: Option<String>,
    pub last_name: Option<String>,
    pub last_order_id: Option<String>,
    pub last_order_name: Option<String>,
    pub mobile_subscribe_flag: Option<i64>,
    pub multipass_identifier: Option<String>,
    pub note: Option<String>,
    pub orders_count: Option<i64>,
    pub phone: Option<String>,
    pub sms_marketing_consent: Option<Consent>,
    pub state: Option<i64>,
    pub tags: Option<String>,
    pub total_spent: Option<String>,
    pub updated_at: Option<String>,
    pub verified_email: Option<bool>,
}

/// `CreateACustomerAPIResp`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CreateResp {
    pub customer: Option<CreateRespCustomer>,
}

/// `UpdateACustomerAPIResp`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UpdateResp {
    pub customer: Option<UpdateRespCustomer>,
}

/// Decodes a create answer as the Go SDK does, or says why it cannot.
pub fn decode_create(body: &[u8]) -> Result<CreateRespCustomer, String> {
    let resp: CreateResp = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    resp.customer
        .ok_or_else(|| "the answer has no customer".to_owned())
}

/// Decodes an update answer as the Go SDK does, or says why it cannot.
pub fn decode_update(body: &[u8]) -> Result<UpdateRespCustomer, String> {
    let resp: UpdateResp = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    resp.customer
        .ok_or_else(|| "the answer has no customer".to_owned())
}
