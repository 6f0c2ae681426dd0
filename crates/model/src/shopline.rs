//! SHOPLINE Open API (`https://open.shopline.io/v1`): `POST /v1/customers` and
//! `PUT /v1/customers/{id}`, `Authorization: Bearer`, flat JSON bodies, customers
//! returned unwrapped, errors `{message, code, error?, extras?}`.
//!
//! Sources: <https://open-api.docs.shoplineapp.com/docs/create-customer>,
//! <https://open-api.docs.shoplineapp.com/docs/update-customer>,
//! <https://open-api.docs.shoplineapp.com/reference/post_customers-1>.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Patch;

/// Default base URL (the host the generated SDK and the request-example page use).
pub const DEFAULT_BASE_URL: &str = "https://open.shopline.io";
/// Path of create-customer.
pub const CREATE_CUSTOMER_PATH: &str = "/v1/customers";

/// Path of update-customer for customer `id`.
pub fn update_customer_path(id: &str) -> String {
    format!("/v1/customers/{id}")
}

/// `gender`: `male`, `female` or `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男性
    Male,
    /// 女性
    Female,
    /// 其他
    Other,
}

/// `notification_types` item: how the welcome notification is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationType {
    /// By email.
    Email,
    /// By SMS (only once the feature is enabled).
    Sms,
}

/// `created_by` / `registered_by`: where a customer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The storefront (前台網站).
    Shop,
    /// The admin panel (後台).
    Admin,
    /// The Open API.
    Openapi,
    /// A kiosk.
    ShopCrm,
    /// Point of sale.
    Pos,
}

/// `phones`: a comma-separated string on create, a string or an array on update
/// and an array in answers (the docs disagree; spec/errata.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Phones {
    /// `"0910123456, 02-27423586"`.
    Text(String),
    /// `["0910123456", "02-27423586"]`.
    List(Vec<String>),
}

/// A delivery address (`OrderDeliveryAddress` in the vendor's spec). At most five
/// per customer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeliveryAddress {
    /// Country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// District.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// State or region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// Address line 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_1: Option<String>,
    /// Address line 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_2: Option<String>,
    /// Address key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Administrative layer 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer1: Option<String>,
    /// Administrative layer 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer2: Option<String>,
    /// Administrative layer 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer3: Option<String>,
    /// Logistic codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logistic_codes: Option<Vec<String>>,
    /// Recipient name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_name: Option<String>,
    /// Recipient phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_phone: Option<String>,
    /// Recipient phone country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_phone_country_code: Option<String>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

/// Body of `POST /v1/customers`. Either `email` or `mobile_phone` is required.
///
/// Nullable fields (`name`, `gender`, `birthday`, `memo`) are [`Patch`]es so an
/// explicit `null` can be sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreateCustomerRequest {
    /// Customer name.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub name: Patch<String>,
    /// Email; the customer is asked by email to set a password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Mobile phone; needs `mobile_phone_country_calling_code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// Calling code of `mobile_phone`, e.g. `"886"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone_country_calling_code: Option<String>,
    /// Send the welcome email/SMS (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_notification: Option<bool>,
    /// How to notify; both when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_types: Option<Vec<NotificationType>>,
    /// Unverified phones, comma-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<String>,
    /// Unverified phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Country code of `phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_country_code: Option<String>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub gender: Patch<Gender>,
    /// Birthday `YYYY-MM-DD`, year 19xx or 20xx; not with `birth_year/month/day`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub birthday: Patch<String>,
    /// Birth year; not with `birthday`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i64>,
    /// Birth month 1-12; not with `birthday`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_month: Option<i64>,
    /// Birth day 1-31; not with `birthday`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_day: Option<i64>,
    /// A registered member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_member: Option<bool>,
    /// Accepts marketing news.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_accept_marketing: Option<bool>,
    /// Accepts email marketing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_subscribed_marketing_email: Option<bool>,
    /// Accepts SMS marketing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_subscribed_marketing_sms: Option<bool>,
    /// Delivery addresses, at most five.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_addresses: Option<Vec<DeliveryAddress>>,
    /// Send the welcome credit (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_allow_welcome_credit: Option<bool>,
    /// Creation source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<Source>,
    /// Creation source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_channel_id: Option<String>,
    /// Registration source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_by: Option<Source>,
    /// Registration source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_by_channel_id: Option<String>,
    /// Customer memo.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub memo: Patch<String>,
    /// Customer tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Membership tier id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership_tier_id: Option<String>,
}

/// Body of `PUT /v1/customers/{id}`: only the fields sent are changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UpdateCustomerRequest {
    /// Customer name.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub name: Patch<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub email: Patch<String>,
    /// Mobile phone; needs `mobile_phone_country_calling_code`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub mobile_phone: Patch<String>,
    /// Calling code of `mobile_phone`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub mobile_phone_country_calling_code: Patch<String>,
    /// Unverified phones (to be deprecated; use `phone`).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub phones: Patch<Phones>,
    /// Unverified phone; needs `phone_country_code`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub phone: Patch<String>,
    /// Country code of `phone`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub phone_country_code: Patch<String>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub gender: Patch<Gender>,
    /// Birthday `YYYY-MM-DD`; not with `birth_year/month/day`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub birthday: Patch<String>,
    /// Birth year.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub birth_year: Patch<i64>,
    /// Birth month 1-12.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub birth_month: Patch<i64>,
    /// Birth day 1-31.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub birth_day: Patch<i64>,
    /// Only `true` is supported (turning a customer into a member).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub is_member: Patch<bool>,
    /// Blacklisted.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub is_blacklisted: Patch<bool>,
    /// Accepts marketing news.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub is_accept_marketing: Patch<bool>,
    /// Accepts email marketing.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub is_subscribed_marketing_email: Patch<bool>,
    /// Accepts SMS marketing.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub is_subscribed_marketing_sms: Patch<bool>,
    /// Membership tier id.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub membership_tier_id: Patch<String>,
    /// Membership tier expiry; only a future date.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub tier_expires_at: Patch<String>,
    /// Delivery addresses, at most five.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub delivery_addresses: Patch<Vec<DeliveryAddress>>,
    /// A user id from a third party.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub ref_user_id: Patch<String>,
    /// Customer memo.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub memo: Patch<String>,
    /// Customer tags.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub tags: Patch<Vec<String>>,
    /// Custom field values keyed by custom field id.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub custom_fields: Patch<Map<String, Value>>,
    /// Registration time.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub registered_at: Patch<String>,
    /// Locale, e.g. `zh-hant`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub locale_code: Patch<String>,
    /// Facebook info object.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub facebook_info: Patch<Map<String, Value>>,
    /// LINE info object.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub line_info: Patch<Map<String, Value>>,
}

/// A customer as answered (unwrapped, string id). Unnamed fields are kept in
/// [`Customer::extra`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Customer id, e.g. `5ce0d084e388096bdb229a59`.
    pub id: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Gender (`male`, `female`, `other`), kept as text so a new value still decodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Birthday (legacy; see `birth_year/month/day`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    /// Birth year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i64>,
    /// Birth month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_month: Option<i64>,
    /// Birth day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_day: Option<i64>,
    /// Memo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    /// Unverified phones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<Phones>,
    /// Last of `phones`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Country code of `phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_country_code: Option<String>,
    /// Mobile phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// Whether the mobile phone is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone_verified: Option<bool>,
    /// Calling code of `mobile_phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone_country_calling_code: Option<String>,
    /// Locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale_code: Option<String>,
    /// A registered member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_member: Option<bool>,
    /// Blacklisted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_blacklisted: Option<bool>,
    /// Accepts marketing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_accept_marketing: Option<bool>,
    /// Accepts email marketing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_subscribed_marketing_email: Option<bool>,
    /// Accepts SMS marketing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_subscribed_marketing_sms: Option<bool>,
    /// Delivery addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_addresses: Option<Vec<DeliveryAddress>>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Creation source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Third-party user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_user_id: Option<String>,
    /// Creation time (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Update time (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields the docs do not name here.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An error body: `{message, code, error?, extras?}` (401, 404, 422, 500).
///
/// Every field is optional in the vendor's schema; 422 answers may carry
/// `error` as well as (or instead of) `message`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ErrorBody {
    /// A detailed message of the reason of failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// An error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A detailed message (422).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Extra information about the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extras: Option<Value>,
    /// Fields the docs do not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
