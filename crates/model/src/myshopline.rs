//! SHOPLINE Admin REST API (`https://{handle}.myshopline.com/admin/openapi/{version}`):
//! `POST /customers.json` and `PUT /customers/{id}.json`, `Authorization: Bearer`,
//! bodies wrapped in `{"customer": {...}}`, errors `{"errors": ...}`, a `traceId`
//! response header. Field limits differ by [`ApiVersion`].
//!
//! Sources: <https://developer.shopline.com/zh-hans-cn/docs/admin-rest-api/customer/customer-information/update-a-customer?version=v20220901>,
//! <https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/update-a-customer>,
//! <https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/create-a-customer>.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::Patch;

/// The response header that identifies a request for SHOPLINE support.
pub const TRACE_ID_HEADER: &str = "traceId";

/// Path of create-customer below the versioned base URL.
pub const CREATE_CUSTOMER_PATH: &str = "/customers.json";

/// Path of update-customer for customer `id` below the versioned base URL.
pub fn update_customer_path(id: &str) -> String {
    format!("/customers/{id}.json")
}

/// The versioned base URL of a store: `https://{handle}.myshopline.com/admin/openapi/{version}`.
pub fn base_url(handle: &str, version: ApiVersion) -> String {
    format!("https://{handle}.myshopline.com/admin/openapi/{version}")
}

/// A date-named API version, `vYYYYMMDD`.
///
/// ```
/// use shopspec_model::myshopline::ApiVersion;
/// let v: ApiVersion = "v20220901".parse().unwrap();
/// assert_eq!(v, ApiVersion::V20220901);
/// assert!(v < ApiVersion::LATEST_STABLE);
/// assert_eq!(ApiVersion::LATEST_STABLE.to_string(), "v20260301");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApiVersion(u32);

impl ApiVersion {
    /// v20220901: the version of the seed page.
    pub const V20220901: ApiVersion = ApiVersion(20220901);
    /// v20250601: `accepts_marketing`, `password`, `password_confirmation` and the
    /// address fields `name`, `province_code`, `country_name` are deprecated from here.
    pub const V20250601: ApiVersion = ApiVersion(20250601);
    /// v20251201: same customer model as v20260301.
    pub const V20251201: ApiVersion = ApiVersion(20251201);
    /// v20260301: the current stable version.
    pub const V20260301: ApiVersion = ApiVersion(20260301);
    /// The newest stable version shopspec supports; the default everywhere.
    pub const LATEST_STABLE: ApiVersion = ApiVersion::V20260301;
    /// Versions whose customer rules shopspec knows, oldest first.
    pub const SUPPORTED: [ApiVersion; 3] = [
        ApiVersion::V20220901,
        ApiVersion::V20251201,
        ApiVersion::V20260301,
    ];

    /// The version as the number `YYYYMMDD`.
    pub fn as_u32(self) -> u32 {
        self.0
    }

    /// `true` when shopspec knows this version's customer rules.
    pub fn is_supported(self) -> bool {
        Self::SUPPORTED.contains(&self)
    }
}

impl Default for ApiVersion {
    fn default() -> Self {
        ApiVersion::LATEST_STABLE
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{:08}", self.0)
    }
}

/// The error for a string that is not `vYYYYMMDD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidApiVersion(String);

impl fmt::Display for InvalidApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid API version `{}` (expected vYYYYMMDD, e.g. {})",
            self.0,
            ApiVersion::LATEST_STABLE
        )
    }
}

impl std::error::Error for InvalidApiVersion {}

impl FromStr for ApiVersion {
    type Err = InvalidApiVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || InvalidApiVersion(s.to_owned());
        let digits = s.strip_prefix('v').ok_or_else(err)?;
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let n: u32 = digits.parse().map_err(|_| err())?;
        let (month, day) = (n / 100 % 100, n % 100);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(err());
        }
        Ok(ApiVersion(n))
    }
}

impl Serialize for ApiVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ApiVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The `{"customer": ...}` wrapper of every request and answer body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerBody<T> {
    /// The wrapped customer.
    pub customer: T,
}

impl<T> From<T> for CustomerBody<T> {
    fn from(customer: T) -> Self {
        CustomerBody { customer }
    }
}

/// `gender` in requests: 0 unknown, 1 male, 2 female, 3 secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub enum Gender {
    /// `0`: unknown or not set (未知/未设置).
    Unknown,
    /// `1`: male (男).
    Male,
    /// `2`: female (女).
    Female,
    /// `3`: secret (保密/不公开).
    Secret,
}

/// The error for a gender code outside 0-3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidGender(pub i64);

impl fmt::Display for InvalidGender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "gender {} is not one of 0, 1, 2, 3", self.0)
    }
}

impl std::error::Error for InvalidGender {}

impl TryFrom<i64> for Gender {
    type Error = InvalidGender;
    fn try_from(v: i64) -> Result<Self, InvalidGender> {
        Ok(match v {
            0 => Gender::Unknown,
            1 => Gender::Male,
            2 => Gender::Female,
            3 => Gender::Secret,
            other => return Err(InvalidGender(other)),
        })
    }
}

impl From<Gender> for i64 {
    fn from(g: Gender) -> i64 {
        match g {
            Gender::Unknown => 0,
            Gender::Male => 1,
            Gender::Female => 2,
            Gender::Secret => 3,
        }
    }
}

/// `email_marketing_consent` / `sms_marketing_consent` (from v20250601 on; replaces
/// `accepts_marketing`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MarketingConsent {
    /// 0 unsubscribed, 1 subscribed, 2 not subscribed, 3 awaiting confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<i64>,
    /// 0 unknown, 1 single opt-in, 2 confirmed opt-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opt_in_level: Option<i64>,
    /// Where the consent was collected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_collected_from: Option<String>,
    /// When the consent changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_updated_at: Option<String>,
}

/// An address in a create or update request (`customer.addresses[]`, at most 50).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AddressInput {
    /// Address line 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address1: Option<String>,
    /// Address line 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Standardised country name (deprecated from v20250601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// Customer id (update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Default address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Address id (update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Nickname (deprecated from v20250601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Province code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_code: Option<String>,
    /// Postcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
}

/// The customer inside a create request. Either `email` or `phone` is needed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomerCreateInput {
    /// Deprecated from v20250601: use `email_marketing_consent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_marketing: Option<bool>,
    /// Addresses, at most 50.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<AddressInput>>,
    /// Birthday, `yyyyMMdd`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    /// Email, at most 50 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Email marketing consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_marketing_consent: Option<MarketingConsent>,
    /// First name, at most 128 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Last name, at most 128 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Multipass login id, at most 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multipass_identifier: Option<String>,
    /// Merchant's note, at most 1000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Deprecated from v20250601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Deprecated from v20250601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_confirmation: Option<String>,
    /// Phone, at most 20 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// SMS marketing consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_marketing_consent: Option<MarketingConsent>,
    /// Comma-separated tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// Whether the email is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_email: Option<bool>,
}

/// The customer inside an update request: only the fields sent are changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomerUpdateInput {
    /// Deprecated from v20250601; needs `email` when sent (v20220901 seed).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub accepts_marketing: Patch<bool>,
    /// Addresses, at most 50.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub addresses: Patch<Vec<AddressInput>>,
    /// Birthday, `yyyyMMdd`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub birthday: Patch<String>,
    /// Email, at most 50 characters.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub email: Patch<String>,
    /// Email marketing consent.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub email_marketing_consent: Patch<MarketingConsent>,
    /// First name, at most 128 characters.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub first_name: Patch<String>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub gender: Patch<Gender>,
    /// Last name, at most 128 characters.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub last_name: Patch<String>,
    /// Multipass login id.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub multipass_identifier: Patch<String>,
    /// Merchant's note, at most 1000 characters.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub note: Patch<String>,
    /// Deprecated from v20250601.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub password: Patch<String>,
    /// Deprecated from v20250601.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub password_confirmation: Patch<String>,
    /// Phone, at most 20 characters.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub phone: Patch<String>,
    /// SMS marketing consent.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub sms_marketing_consent: Patch<MarketingConsent>,
    /// Comma-separated tags.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub tags: Patch<String>,
    /// Whether the email is verified.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub verified_email: Patch<bool>,
}

/// Body of `POST /customers.json`.
pub type CreateCustomerRequest = CustomerBody<CustomerCreateInput>;
/// Body of `PUT /customers/{id}.json`.
pub type UpdateCustomerRequest = CustomerBody<CustomerUpdateInput>;
/// Success body of create-customer.
pub type CreateCustomerResponse = CustomerBody<Customer>;
/// Success body of update-customer.
pub type UpdateCustomerResponse = CustomerBody<Customer>;

/// An address as answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Address {
    /// Address id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Customer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Address line 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address1: Option<String>,
    /// Address line 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Default address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Province code (not always a two-letter code: the seed's example answers `"4200021"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_code: Option<String>,
    /// Postcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    /// Fields the docs do not name here.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A customer as answered. Unnamed fields are kept in [`Customer::extra`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Customer id (a string of digits).
    pub id: String,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Comma-separated tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// Birthday, `yyyyMMdd` (create and get answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    /// Gender: an integer 0-3 or a word (`others`, `male`, `female`, `secret`);
    /// the docs use both (spec/errata.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Value>,
    /// 0 disabled/blacklist, 1 not invited, 2 invited, 3 registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<i64>,
    /// Whether the email is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_email: Option<bool>,
    /// Deprecated from v20250601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_marketing: Option<bool>,
    /// Deprecated from v20250601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_phone_marketing: Option<bool>,
    /// Final email subscription status: 0 unsubscribed, 1 subscribed, 2 not subscribed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_subscribe_flag: Option<i64>,
    /// Final mobile subscription status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_subscribe_flag: Option<i64>,
    /// Email marketing consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_marketing_consent: Option<MarketingConsent>,
    /// SMS marketing consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_marketing_consent: Option<MarketingConsent>,
    /// Addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Address>>,
    /// The default address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_address: Option<Address>,
    /// Currency (ISO 4217).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Number of orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orders_count: Option<i64>,
    /// Total spent, in the store currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_spent: Option<String>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Update time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields the docs do not name here (kept as sent).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An error body: `{"errors": ...}` where `errors` is a string in the documented
/// examples (`{"errors":"Too many request"}`) and may be an array or object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong.
    pub errors: Value,
    /// Fields the docs do not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ErrorBody {
    /// An error body with a single message, the documented form.
    pub fn message(message: impl Into<String>) -> Self {
        ErrorBody {
            errors: Value::String(message.into()),
            extra: Map::new(),
        }
    }

    /// The errors as one line of text, whatever their JSON shape.
    pub fn summary(&self) -> String {
        match &self.errors {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}
