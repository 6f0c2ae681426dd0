//! Identifiers of the APIs and operations shopspec covers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the three store APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Api {
    /// Fecify "skill" API: `POST {site}/api/skill/customer/...`, header `skill-access-token`.
    Fecify,
    /// SHOPLINE Open API: `https://open.shopline.io/v1/customers`, bearer token.
    Shopline,
    /// SHOPLINE Admin REST API: `https://{handle}.myshopline.com/admin/openapi/{version}`.
    Myshopline,
}

impl Api {
    /// All APIs, in a stable order.
    pub const ALL: [Api; 3] = [Api::Fecify, Api::Shopline, Api::Myshopline];

    /// The id used on the command line, in reports and in `spec/` folder names.
    pub fn as_str(self) -> &'static str {
        match self {
            Api::Fecify => "fecify",
            Api::Shopline => "shopline",
            Api::Myshopline => "myshopline",
        }
    }
}

impl fmt::Display for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a name is not a known [`Api`] or [`Operation`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    kind: &'static str,
    name: String,
    expected: &'static str,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}` (expected one of: {})",
            self.kind, self.name, self.expected
        )
    }
}

impl std::error::Error for UnknownName {}

impl FromStr for Api {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fecify" => Ok(Api::Fecify),
            "shopline" => Ok(Api::Shopline),
            "myshopline" => Ok(Api::Myshopline),
            _ => Err(UnknownName {
                kind: "API",
                name: s.to_owned(),
                expected: "fecify, shopline, myshopline",
            }),
        }
    }
}

/// One of the two customer operations every API offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    /// Create a customer.
    CreateCustomer,
    /// Update some fields of an existing customer.
    UpdateCustomer,
}

impl Operation {
    /// Both operations, create first.
    pub const ALL: [Operation; 2] = [Operation::CreateCustomer, Operation::UpdateCustomer];

    /// The id used on the command line and in reports: `create-customer`, `update-customer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::CreateCustomer => "create-customer",
            Operation::UpdateCustomer => "update-customer",
        }
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Operation {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "create-customer" | "create" => Ok(Operation::CreateCustomer),
            "update-customer" | "update" => Ok(Operation::UpdateCustomer),
            _ => Err(UnknownName {
                kind: "operation",
                name: s.to_owned(),
                expected: "create-customer, update-customer",
            }),
        }
    }
}
