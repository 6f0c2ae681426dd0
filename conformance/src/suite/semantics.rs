//! Documented behaviour: the answer's schema and content, defaults, partial
//! updates, fields that cannot change, duplicates.

use std::time::Duration;

use serde_json::{Value, json};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::sources::{
    FECIFY_CREATE as FEC_CREATE, FECIFY_UPDATE as FEC_UPDATE, MYSHOPLINE_CREATE as MSL_CREATE,
    MYSHOPLINE_SEED as MSL_UPDATE_SEED, MYSHOPLINE_STATUS as MSL_STATUS,
    SHOPLINE_CREATE as SL_CREATE, SHOPLINE_CUSTOMER_SDK as SL_CUSTOMER,
    SHOPLINE_UPDATE as SL_UPDATE,
};
use shopspec_model::{Api, Operation};

use super::Builder;
use crate::case::{Check, Plan};
use crate::payloads::{self, ID, MARKER};
use crate::report::CaseKind;
use crate::spec::ExampleKind;

/// The documented keys of the Fecify create answer's `data`
/// (https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html, "data 子字段").
const FEC_CREATE_KEYS: &[&str] = &[
    "id",
    "shop_id",
    "email",
    "first_name",
    "last_name",
    "status",
    "note",
    "phone",
    "accepts_marketing",
    "customervip_id",
    "created_at",
    "updated_at",
];
/// The documented keys of the Fecify update answer's `data` (no `status`, E-FEC-2).
const FEC_UPDATE_KEYS: &[&str] = &[
    "id",
    "shop_id",
    "email",
    "first_name",
    "last_name",
    "note",
    "phone",
    "accepts_marketing",
    "customervip_id",
    "created_at",
    "updated_at",
];

impl Builder {
    // -- answers --------------------------------------------------------------

    pub(super) fn response_schema(&mut self, operation: Operation) {
        let mut create = payloads::minimal_create(self.api, self.version);
        if self.api == Api::Fecify {
            // The answer's `phone` is documented as a string for a customer with a
            // phone; without one it is undocumented (E-FEC-17, observed apart).
            create["phone"] = json!("+1 ${mobile}");
        }
        let update = (operation == Operation::UpdateCustomer)
            .then(|| payloads::minimal_update(self.api, self.version));
        let schema = crate::spec::schema_name(operation, ExampleKind::Response);
        let source = format!("{}#/components/schemas/{schema}", self.doc().path());
        self.accept(
            operation,
            "response-schema",
            &format!("the {operation} answer validates against {schema}"),
            CaseKind::ResponseSchema,
            &source,
            create,
            update,
            vec![Check::ResponseSchema],
            "a success answer that validates against the response schema",
        );
    }

    // -- documented behaviour -------------------------------------------------

    pub(super) fn behaviour(&mut self) {
        match self.api {
            Api::Fecify => self.fecify_behaviour(),
            Api::Shopline => self.shopline_behaviour(),
            Api::Myshopline => self.myshopline_behaviour(),
        }
        self.partial_update();
        self.duplicate();
    }

    fn fecify_behaviour(&mut self) {
        let create = payloads::minimal_create(Api::Fecify, self.version);
        let c = Operation::CreateCustomer;
        let u = Operation::UpdateCustomer;
        let field = |f: &str, v: Value| Check::FieldEquals {
            field: f.to_owned(),
            value: v,
        };
        self.accept(
            c,
            "answer.phone-absent",
            "what the create answer says of a customer created without a phone",
            CaseKind::ResponseContent,
            FEC_CREATE,
            create.clone(),
            None,
            vec![Check::Reports {
                field: "phone",
                errata: "E-FEC-17",
            }],
            "an observation of `phone`: the docs do not say what a customer without one gets",
        );
        self.accept(
            c,
            "status-is-5",
            "a new customer has status 5 (created in the back office, pending activation)",
            CaseKind::ResponseContent,
            FEC_CREATE,
            create.clone(),
            None,
            vec![field("status", json!(5))],
            "data.status == 5 (后台创建的客户 status 为 5)",
        );
        self.accept(
            c,
            "customervip-id-is-0",
            "a new customer has customervip_id 0",
            CaseKind::ResponseContent,
            FEC_CREATE,
            create.clone(),
            None,
            vec![field("customervip_id", json!(0))],
            "data.customervip_id == 0 (新创建的客户 customervip_id 默认为 0)",
        );
        self.accept(
            c,
            "note-is-empty",
            "a new customer has an empty note",
            CaseKind::ResponseContent,
            FEC_CREATE,
            create.clone(),
            None,
            vec![field("note", json!(""))],
            "data.note == \"\" (note 为空)",
        );
        self.accept(
            c,
            "accepts-marketing-defaults-to-2",
            "accepts_marketing is 2 when the create omits it",
            CaseKind::ResponseContent,
            FEC_CREATE,
            create.clone(),
            None,
            vec![field("accepts_marketing", json!(2))],
            "data.accepts_marketing == 2 (默认 2)",
        );
        self.accept(
            c,
            "timestamps-format",
            "created_at and updated_at are YYYY-MM-DD HH:MM:SS",
            CaseKind::ResponseContent,
            &format!("{FEC_CREATE} (errata E-FEC-10)"),
            create.clone(),
            None,
            vec![Check::FecifyTimestamps],
            "both timestamps match ^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
        );
        self.accept(c, "key-set", "the create answer carries every documented field",
            CaseKind::ResponseContent, FEC_CREATE, create.clone(), None,
            vec![Check::KeySet(FEC_CREATE_KEYS)], "data has id, shop_id, email, first_name, last_name, status, note, phone, accepts_marketing, customervip_id, created_at, updated_at");
        let full = payloads::full_create(Api::Fecify, self.version);
        self.accept(
            c,
            "echo",
            "the create answer echoes the sent fields",
            CaseKind::ResponseContent,
            FEC_CREATE,
            full.clone(),
            None,
            vec![Check::Echo(&[
                "email",
                "first_name",
                "last_name",
                "phone",
                "accepts_marketing",
            ])],
            "data.email, first_name, last_name, phone and accepts_marketing equal what was sent",
        );

        let rename = json!({"id": ID, "first_name": "shopspec-renamed"});
        self.accept(
            u,
            "key-set",
            "the update answer carries every documented field",
            CaseKind::ResponseContent,
            FEC_UPDATE,
            create.clone(),
            Some(rename.clone()),
            vec![
                Check::KeySet(FEC_UPDATE_KEYS),
                Check::SameAsCreateIfPresent("status".into()),
            ],
            "data has the documented fields; a status, if present, is unchanged (errata E-FEC-2)",
        );
        self.accept(u, "echo", "the update answer echoes the sent fields",
            CaseKind::ResponseContent, FEC_UPDATE, create.clone(),
            Some(json!({"id": ID, "first_name": "yunlong2", "last_name": "li1", "phone": "+1 ${mobile}", "accepts_marketing": 1, "note": MARKER})),
            vec![Check::Echo(&["first_name", "last_name", "phone", "accepts_marketing", "note"])],
            "data carries the sent first_name, last_name, phone, accepts_marketing and note");
        self.accept(
            u,
            "email-unchanged",
            "an update never changes the email",
            CaseKind::NotUpdatable,
            FEC_UPDATE,
            create.clone(),
            Some(rename.clone()),
            vec![Check::SameAsCreate("email".into())],
            "data.email equals the email of the create answer (email 不可通过此接口修改)",
        );
        self.accept(
            u,
            "customervip-id-empty-leaves-level",
            "customervip_id \"\" leaves the membership level unchanged",
            CaseKind::PartialUpdate,
            FEC_UPDATE,
            create.clone(),
            Some(json!({"id": ID, "customervip_id": "", "note": MARKER})),
            vec![Check::SameAsCreate("customervip_id".into())],
            "data.customervip_id equals the create answer's (传空字符串 \"\" 表示不修改)",
        );
        self.accept(
            u,
            "updated-at-not-before-create",
            "updated_at is not before the create's",
            CaseKind::ResponseContent,
            &format!("{FEC_UPDATE} (errata E-FEC-13)"),
            create.clone(),
            Some(rename.clone()),
            vec![Check::UpdatedAtNotBefore],
            "data.updated_at >= the create answer's updated_at (one-second resolution)",
        );
        // Sent at least 1.1 s after the create's answer so that one-second timestamps
        // must differ; started first so the wait overlaps other cases.
        let id = self.id(u, "updated-at-refreshed");
        self.push(
            id,
            u,
            "updated_at is refreshed by an update",
            CaseKind::ResponseContent,
            format!("{FEC_UPDATE} (errata E-FEC-13)"),
            true,
            Some(rename.clone()),
            "data.updated_at > the create answer's updated_at when the update is sent 1.1 s later (更新成功后自动刷新)",
            Plan::Accept {
                create: Some(create),
                update: Some(rename),
                delay: Some(Duration::from_millis(1100)),
                checks: vec![Check::UpdatedAtAfter],
                refusal: None,
            },
        );
    }

    fn shopline_behaviour(&mut self) {
        let c = Operation::CreateCustomer;
        let u = Operation::UpdateCustomer;
        let create = payloads::minimal_create(Api::Shopline, self.version);
        let full = payloads::full_create(Api::Shopline, self.version);
        self.accept(
            c,
            "success-status",
            "the success status of a create (200 or 201)",
            CaseKind::ResponseContent,
            &format!("{SL_CREATE} (errata E-SL-4)"),
            create.clone(),
            None,
            vec![Check::SuccessStatus { errata: "E-SL-4" }],
            "any 2xx; which one is reported as an observation",
        );
        self.accept(
            c,
            "id-is-string",
            "the customer id is a string",
            CaseKind::ResponseContent,
            SL_CUSTOMER,
            create.clone(),
            None,
            vec![Check::IdIsString],
            "id is a JSON string",
        );
        self.accept(c, "echo", "the create answer echoes the sent fields, unwrapped",
            CaseKind::ResponseContent, SL_CREATE, full, None,
            vec![Check::Echo(&["name", "email", "gender", "memo", "mobile_phone", "mobile_phone_country_calling_code", "is_member", "is_accept_marketing", "tags"])],
            "name, email, gender, memo, mobile_phone, calling code, is_member, is_accept_marketing and tags equal what was sent");
        let update = json!({"name": "Shopline User", "gender": "male", "memo": MARKER, "tags": ["Tag A", "Tag C"]});
        self.accept(
            u,
            "id-is-string",
            "the updated customer's id is a string and unchanged",
            CaseKind::ResponseContent,
            SL_CUSTOMER,
            create.clone(),
            Some(update.clone()),
            vec![Check::IdIsString, Check::SameAsCreate("id".into())],
            "id is the same JSON string",
        );
        self.accept(
            u,
            "echo",
            "the update answer echoes the sent fields",
            CaseKind::ResponseContent,
            SL_UPDATE,
            create,
            Some(update),
            vec![Check::Echo(&["name", "gender", "memo", "tags"])],
            "name, gender, memo and tags equal what was sent",
        );
    }

    fn myshopline_behaviour(&mut self) {
        let c = Operation::CreateCustomer;
        let u = Operation::UpdateCustomer;
        let create = payloads::minimal_create(Api::Myshopline, self.version);
        let update = json!({"customer": {"first_name": "shopspec-renamed", "note": MARKER, "tags": "loyal"}});
        let update_src = self.page(u);
        for (op, upd, src) in [(c, None, MSL_CREATE), (u, Some(update.clone()), update_src)] {
            self.accept(
                op,
                "success-status",
                &format!("the success status of {op} (200; other 2xx are observations)"),
                CaseKind::ResponseContent,
                &format!("{MSL_STATUS} (errata E-MSL-9)"),
                create.clone(),
                upd.clone(),
                vec![Check::SuccessStatus { errata: "E-MSL-9" }],
                "200 passes; another 2xx is reported as an observation",
            );
            self.accept(
                op,
                "wrapper",
                "the answer wraps the customer in {\"customer\": {...}}",
                CaseKind::ResponseContent,
                src,
                create.clone(),
                upd.clone(),
                vec![Check::Wrapper],
                "the body is an object whose `customer` is an object",
            );
            self.accept(
                op,
                "trace-id",
                "the answer carries a traceId header",
                CaseKind::ResponseContent,
                MSL_UPDATE_SEED,
                create.clone(),
                upd.clone(),
                vec![Check::TraceId],
                "a non-empty traceId response header",
            );
            self.accept(
                op,
                "id-is-string",
                "the customer id is a string",
                CaseKind::ResponseContent,
                src,
                create.clone(),
                upd.clone(),
                vec![Check::IdIsString],
                "customer.id is a JSON string",
            );
        }
        let full = payloads::full_create(Api::Myshopline, self.version);
        self.accept(c, "echo", "the create answer echoes the sent fields",
            CaseKind::ResponseContent, MSL_CREATE, full, None,
            vec![Check::Echo(&["email", "phone", "first_name", "last_name", "note", "tags", "birthday"])],
            "customer.email, phone, first_name, last_name, note, tags and birthday equal what was sent");
        self.accept(
            u,
            "echo",
            "the update answer echoes the sent fields",
            CaseKind::ResponseContent,
            update_src,
            create,
            Some(update),
            vec![
                Check::Echo(&["first_name", "note", "tags"]),
                Check::SameAsCreate("id".into()),
            ],
            "customer.first_name, note and tags equal what was sent; the id is unchanged",
        );
        if self.version >= ApiVersion::V20251201 {
            // The official Go SDK sends both consent structs, empty, in every update.
            let full = payloads::full_create(Api::Myshopline, self.version);
            let go_update = json!({"customer": {
                "first_name": "shopspec-go-sdk", "note": MARKER,
                "email_marketing_consent": {}, "sms_marketing_consent": {}
            }});
            self.accept(
                u,
                "consent.empty-object",
                "an update with empty consent objects, as the official Go SDK sends it, keeps the consent",
                CaseKind::ResponseContent,
                &format!("{update_src} (errata E-MSL-26)"),
                full,
                Some(go_update),
                vec![Check::KeptAsCreated {
                    fields: &[
                        "email_marketing_consent",
                        "sms_marketing_consent",
                        "email_subscribe_flag",
                        "mobile_subscribe_flag",
                    ],
                    errata: "E-MSL-26",
                }],
                "the consent objects and subscription flags as the create answer had them; a change is an observation (the docs are silent)",
            );
        }
    }

    /// Only the fields sent change: the update answer is compared with the create
    /// answer field by field.
    fn partial_update(&mut self) {
        let (source, update) = match self.api {
            Api::Fecify => (FEC_UPDATE, json!({"id": ID, "last_name": "li1"})),
            Api::Shopline => (SL_UPDATE, json!({"memo": "shopspec partial update"})),
            Api::Myshopline => (
                self.page(Operation::UpdateCustomer),
                json!({"customer": {"last_name": "Partial"}}),
            ),
        };
        let create = payloads::full_create(self.api, self.version);
        self.accept(
            Operation::UpdateCustomer,
            "partial-update",
            "an update changes only the fields it sends",
            CaseKind::PartialUpdate,
            source,
            create,
            Some(update),
            vec![Check::Unchanged],
            "every field of the create answer that was not sent equals the update answer's (updated_at excepted)",
        );
    }

    fn duplicate(&mut self) {
        let (documented, source) = match self.api {
            // 邮箱重复时会创建失败.
            Api::Fecify => (true, FEC_CREATE.to_owned()),
            // Undocumented (E-SL-3 presumes 422); a third-party template says 422.
            Api::Shopline => (false, format!("{SL_CREATE} (errata E-SL-3, E-SL-20)")),
            Api::Myshopline => (false, format!("{MSL_CREATE} (errata E-MSL-21)")),
        };
        let body = payloads::minimal_create(self.api, self.version);
        let asserts = if documented {
            format!("the second create fails with {}", self.error_shape())
        } else {
            "the docs do not say; what the store does is an observation".to_owned()
        };
        let id = self.id(Operation::CreateCustomer, "duplicate-email");
        self.push(
            id,
            Operation::CreateCustomer,
            "a second customer with the same email",
            CaseKind::Duplicate,
            source,
            true,
            Some(body.clone()),
            asserts,
            Plan::Duplicate { body, documented },
        );
    }
}
