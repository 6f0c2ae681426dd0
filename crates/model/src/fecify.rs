//! Fecify "skill" API: `POST {site}/api/skill/customer/create-customer` and
//! `POST {site}/api/skill/customer/update-customer`, header `skill-access-token`.
//!
//! Every answer is an [`Envelope`]: `{"code": 200, "data": {...}, "message": "success"}`;
//! any `code` other than 200 is a failure (<https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html>:
//! "code 为 200 表示调用成功；code 不为 200 表示调用失败").

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::Patch;

/// The `code` of a successful answer.
pub const SUCCESS_CODE: i64 = 200;

/// Path of create-customer below the site URL.
pub const CREATE_CUSTOMER_PATH: &str = "/api/skill/customer/create-customer";
/// Path of update-customer below the site URL.
pub const UPDATE_CUSTOMER_PATH: &str = "/api/skill/customer/update-customer";
/// The header that carries the token.
pub const TOKEN_HEADER: &str = "skill-access-token";

/// `accepts_marketing`: 1 = accepts marketing email, 2 = refuses (the default on create).
///
/// Source: <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html> ("1 = 接受营销邮件,2 = 拒绝营销邮件。默认 2").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub enum AcceptsMarketing {
    /// `1`: accepts marketing email.
    Accepts,
    /// `2`: refuses marketing email.
    Refuses,
}

/// `payafteruse_status`: 1 = pay-after-use customer, 2 = not.
///
/// Source: <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html> ("1 = 先用后付客户,2 = 非先用后付客户").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub enum PayAfterUseStatus {
    /// `1`: a pay-after-use customer.
    PayAfterUse,
    /// `2`: not a pay-after-use customer.
    Standard,
}

/// The error for an integer outside a documented 1/2 enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange(pub i64);

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not one of the documented values 1, 2", self.0)
    }
}

impl std::error::Error for OutOfRange {}

macro_rules! one_or_two {
    ($ty:ident, $one:ident, $two:ident) => {
        impl TryFrom<i64> for $ty {
            type Error = OutOfRange;
            fn try_from(v: i64) -> Result<Self, OutOfRange> {
                match v {
                    1 => Ok($ty::$one),
                    2 => Ok($ty::$two),
                    other => Err(OutOfRange(other)),
                }
            }
        }
        impl From<$ty> for i64 {
            fn from(v: $ty) -> i64 {
                match v {
                    $ty::$one => 1,
                    $ty::$two => 2,
                }
            }
        }
    };
}
one_or_two!(AcceptsMarketing, Accepts, Refuses);
one_or_two!(PayAfterUseStatus, PayAfterUse, Standard);

/// `customervip_id` on update: a membership level id, or `""` for "leave unchanged".
///
/// Source: <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html> ("传空字符串 \"\" 表示不修改").
/// To leave the level unchanged you can also simply not send the field
/// ([`Patch::Absent`]); `Unchanged` exists because the docs name it and some
/// integrations send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomerVipId {
    /// `""`: the store keeps the current level.
    Unchanged,
    /// A membership (VIP) level id; `0` means no level.
    Id(i64),
}

impl Serialize for CustomerVipId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CustomerVipId::Unchanged => serializer.serialize_str(""),
            CustomerVipId::Id(id) => serializer.serialize_i64(*id),
        }
    }
}

impl<'de> Deserialize<'de> for CustomerVipId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(s) if s.is_empty() => Ok(CustomerVipId::Unchanged),
            Value::Number(n) if n.is_i64() => Ok(CustomerVipId::Id(n.as_i64().unwrap_or_default())),
            other => Err(serde::de::Error::custom(format!(
                "customervip_id must be an integer or \"\", got {other}"
            ))),
        }
    }
}

/// Body of `POST {site}/api/skill/customer/create-customer`.
///
/// Source: <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html>.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateCustomerRequest {
    /// Customer email (required). A duplicate email makes the call fail.
    pub email: String,
    /// First name (required).
    pub first_name: String,
    /// Last name (required).
    pub last_name: String,
    /// Phone number, e.g. `"+1 565689891"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Marketing consent; the store uses [`AcceptsMarketing::Refuses`] when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_marketing: Option<AcceptsMarketing>,
    /// Phone country code (手机号区号), e.g. `"1"`. Create calls it `numberCode`;
    /// update calls the same thing `phone_prefix` (spec/errata.md).
    #[serde(
        rename = "numberCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_code: Option<String>,
    /// Pay-after-use status; effective only with the pay-after-use plugin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payafteruse_status: Option<PayAfterUseStatus>,
    /// Pay-after-use credit tier (先用后付额度等级); effective only with the plugin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payafteruse_level: Option<i64>,
}

impl CreateCustomerRequest {
    /// A request with the three required fields and nothing else.
    pub fn new(
        email: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
    ) -> Self {
        CreateCustomerRequest {
            email: email.into(),
            first_name: first_name.into(),
            last_name: last_name.into(),
            phone: None,
            accepts_marketing: None,
            number_code: None,
            payafteruse_status: None,
            payafteruse_level: None,
        }
    }
}

/// Body of `POST {site}/api/skill/customer/update-customer`.
///
/// Only the fields sent are changed. `email` and `status` cannot be changed
/// through this endpoint, so they are not fields of this type.
/// Source: <https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html>.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UpdateCustomerRequest {
    /// Customer id (required).
    pub id: i64,
    /// First name.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub first_name: Patch<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub last_name: Patch<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub phone: Patch<String>,
    /// Phone country code (手机号区号); `numberCode` on create.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub phone_prefix: Patch<String>,
    /// Marketing consent.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub accepts_marketing: Patch<AcceptsMarketing>,
    /// Customer note.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub note: Patch<String>,
    /// Membership level id, or `""` to leave it unchanged.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub customervip_id: Patch<CustomerVipId>,
    /// Pay-after-use status.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub payafteruse_status: Patch<PayAfterUseStatus>,
    /// Pay-after-use credit tier.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub payafteruse_level: Patch<i64>,
}

impl UpdateCustomerRequest {
    /// An update of customer `id` that changes nothing yet.
    pub fn new(id: i64) -> Self {
        UpdateCustomerRequest {
            id,
            ..Default::default()
        }
    }
}

/// The customer in `data` of a create or update answer.
///
/// Fields are optional so that a store that leaves one out still decodes
/// (the update answer has no `status`); `shopspec check` reports such gaps.
/// Fields the docs do not name are kept in [`Customer::extra`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Customer id.
    pub id: i64,
    /// Shop (tenant) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<i64>,
    /// Customer email; never changed by update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Customer status; 5 = created in the back office, pending activation.
    /// Only the create answer documents it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// Customer note; `""` for a new customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// 1 = accepts marketing email, 2 = refuses. Kept as an integer so that an
    /// undocumented value still decodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_marketing: Option<i64>,
    /// Membership level id; 0 for a new customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customervip_id: Option<i64>,
    /// Creation time, `YYYY-MM-DD HH:MM:SS` (no time zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update time, `YYYY-MM-DD HH:MM:SS`; refreshed by every update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields the docs do not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer envelope: `{"code": ..., "data": ..., "message": ...}`.
///
/// Decode an answer as `Envelope<Value>` first, check [`Envelope::is_success`],
/// then take the data with [`Envelope::into_data`]: a failure may carry any
/// `data` (or none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T = Value> {
    /// 200 on success; anything else is a failure.
    pub code: i64,
    /// The payload. (Missing counts as `None`: serde treats absent `Option` fields
    /// that way, and a `default` attribute would demand `T: Default`.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
    /// What happened, e.g. `"success"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Fields the docs do not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<T> Envelope<T> {
    /// `true` when `code` is 200.
    pub fn is_success(&self) -> bool {
        self.code == SUCCESS_CODE
    }
}

impl Envelope<Value> {
    /// Decodes `data` as `T` (`null` when the envelope has none).
    pub fn into_data<T: DeserializeOwned>(self) -> Result<T, serde_json::Error> {
        serde_json::from_value(self.data.unwrap_or(Value::Null))
    }
}

/// Success answer of create-customer.
pub type CreateCustomerResponse = Envelope<Customer>;
/// Success answer of update-customer.
pub type UpdateCustomerResponse = Envelope<Customer>;
/// A failure answer: a non-200 `code` with any `data`.
pub type ErrorEnvelope = Envelope<Value>;
