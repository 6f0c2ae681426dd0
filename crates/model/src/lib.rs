//! Typed serde models for the customer endpoints of three store APIs:
//!
//! | API | module | create-customer | update-customer |
//! |---|---|---|---|
//! | Fecify skill API | [`fecify`] | `POST {site}/api/skill/customer/create-customer` | `POST {site}/api/skill/customer/update-customer` |
//! | SHOPLINE Open API | [`shopline`] | `POST /v1/customers` | `PUT /v1/customers/{id}` |
//! | SHOPLINE Admin REST API | [`myshopline`] | `POST /admin/openapi/{version}/customers.json` | `PUT /admin/openapi/{version}/customers/{id}.json` |
//!
//! Request types serialise exactly what you set: update fields are [`Patch`]es,
//! so a field you do not touch is never sent. Response types keep fields the docs
//! do not name in an `extra` map, so a store that adds fields does not break you.
//! The models carry types, not rules: check a request against every documented
//! constraint with `shopspec-validate`.
//!
//! ```
//! use shopspec_model::{fecify, myshopline, shopline, Patch};
//!
//! // Fecify: create a customer; `numberCode` is the create-side name of the phone prefix.
//! let mut create = fecify::CreateCustomerRequest::new("li@example.com", "yunlong", "li");
//! create.number_code = Some("1".into());
//! create.accepts_marketing = Some(fecify::AcceptsMarketing::Accepts);
//! assert_eq!(
//!     serde_json::to_value(&create).unwrap(),
//!     serde_json::json!({
//!         "email": "li@example.com", "first_name": "yunlong", "last_name": "li",
//!         "accepts_marketing": 1, "numberCode": "1"
//!     })
//! );
//!
//! // SHOPLINE Admin REST API: change only the note; nothing else is sent.
//! let update = myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput {
//!     note: Patch::Value("VIP".into()),
//!     ..Default::default()
//! });
//! assert_eq!(
//!     serde_json::to_string(&update).unwrap(),
//!     r#"{"customer":{"note":"VIP"}}"#
//! );
//!
//! // SHOPLINE Open API: `memo` is documented as nullable, so it can be cleared.
//! let clear = shopline::UpdateCustomerRequest { memo: Patch::Null, ..Default::default() };
//! assert_eq!(serde_json::to_string(&clear).unwrap(), r#"{"memo":null}"#);
//! ```

mod api;
pub mod fecify;
pub mod myshopline;
mod patch;
pub mod shopline;
pub mod sources;

pub use api::{Api, Operation, UnknownName};
pub use patch::Patch;

/// The crate's README, whose examples run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
