//! Auth, unknown ids and the myshopline rate limit.

use serde_json::json;
use shopspec_model::sources::{
    FECIFY_UPDATE as FEC_UPDATE, MYSHOPLINE_FLOW_CONTROL as MSL_FLOW,
    MYSHOPLINE_STATUS as MSL_STATUS, SHOPLINE_ERRORS_SDK as SL_ERRORS,
    SHOPLINE_UPDATE as SL_UPDATE,
};
use shopspec_model::{Api, Operation};

use super::Builder;
use crate::case::{AuthMode, Plan};
use crate::payloads::{self, MARKER};
use crate::report::CaseKind;

impl Builder {
    pub(super) fn auth_and_errors(&mut self) {
        let auth_source = match self.api {
            Api::Fecify => format!("{FEC_UPDATE} (errata E-FEC-3, E-FEC-4)"),
            Api::Shopline => format!("{SL_ERRORS} (401 UnauthorizedError)"),
            Api::Myshopline => format!("{MSL_STATUS} (401)"),
        };
        let shape = self.error_shape();
        // The SHOPLINE APIs document 401; Fecify's status is open (E-FEC-3).
        let auth_asserts = match self.api {
            Api::Fecify => shape.to_owned(),
            _ => format!("{shape} with status 401"),
        };
        let missing_update = payloads::minimal_update(self.api, self.version);
        for (mode, name) in [
            (AuthMode::Wrong, "wrong-token"),
            (AuthMode::Missing, "missing-token"),
        ] {
            // An update of an id that cannot exist: harmless even if the store
            // ignores the token, so it runs without writes.
            let id = self.id(Operation::UpdateCustomer, &format!("auth.{name}"));
            self.push(
                id,
                Operation::UpdateCustomer,
                format!(
                    "an update with a {} token is refused",
                    if mode == AuthMode::Wrong {
                        "wrong"
                    } else {
                        "missing"
                    }
                ),
                CaseKind::Auth,
                auth_source.clone(),
                false,
                Some(missing_update.clone()),
                auth_asserts.clone(),
                Plan::Auth {
                    auth: mode,
                    body: missing_update.clone(),
                },
            );
        }
        let create = payloads::minimal_create(self.api, self.version);
        let id = self.id(Operation::CreateCustomer, "auth.wrong-token");
        self.push(
            id,
            Operation::CreateCustomer,
            "a create with a wrong token is refused",
            CaseKind::Auth,
            auth_source,
            true,
            Some(create.clone()),
            auth_asserts,
            Plan::Auth {
                auth: AuthMode::Wrong,
                body: create.clone(),
            },
        );
        let (nf_source, nf_asserts) = match self.api {
            Api::Fecify => (
                format!("{FEC_UPDATE} (errata E-FEC-3, E-FEC-4)"),
                format!("{shape}; the HTTP status and code are observations"),
            ),
            Api::Shopline => (
                format!("{SL_UPDATE} (errata E-SL-3)"),
                "404 NotFoundError passes; 422 is an observation".to_owned(),
            ),
            Api::Myshopline => (
                format!("{MSL_STATUS} (404)"),
                format!("{shape} with status 404"),
            ),
        };
        let id = self.id(Operation::UpdateCustomer, "not-found");
        self.push(
            id,
            Operation::UpdateCustomer,
            "an update of a customer that does not exist is refused",
            CaseKind::ErrorShape,
            nf_source,
            true,
            Some(missing_update.clone()),
            nf_asserts,
            Plan::NotFound {
                body: missing_update,
            },
        );
        if self.api == Api::Myshopline {
            let id = self.id(Operation::UpdateCustomer, "rate-limit");
            let body = json!({"customer": {"note": MARKER}});
            self.push(
                id,
                Operation::UpdateCustomer,
                "a burst over the leaky bucket (4/s, bucket 40) is answered 429 {\"errors\": \"Too many request\"}",
                CaseKind::RateLimit,
                format!("{MSL_FLOW} (errata E-MSL-11, E-MSL-21)"),
                true,
                Some(body.clone()),
                "with a standard-plan token, at least one of 48 requests sent at once is answered 429 with {\"errors\": ...}; with an unknown plan, an observation",
                Plan::RateLimit { body, burst: 48 },
            );
        }
    }
}
