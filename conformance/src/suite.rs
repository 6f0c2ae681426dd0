//! [`Suite`]: every case, generated from the documented examples, the validator's
//! rule catalogue and the documented behaviours of each API.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};
use shopspec_validate::{Report, Rule, RuleEntry, Severity, Target, catalogue, validate_value};

use crate::case::{AuthMode, Case, Check, Plan, RuleRef};
use crate::filter::CaseFilter;
use crate::payloads::{self, EMAIL, Fill, ID, MARKER, concrete, pointer_of, tokens};
use crate::report::CaseKind;
use crate::spec::{Doc, Example, ExampleKind, examples};

// Sources, cited by the cases (rule cases cite the catalogue's own source).
const FEC_CREATE: &str = "seeds/fecify-create-customer.txt";
const FEC_UPDATE: &str = "seeds/fecify-update-customer.txt";
const SL_CREATE: &str = "https://open-api.docs.shoplineapp.com/docs/create-customer";
const SL_UPDATE: &str = "https://open-api.docs.shoplineapp.com/docs/update-customer";
const SL_ERRORS: &str = "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/apis/customers/update_customer.py";
const SL_CUSTOMER: &str = "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/models/customer.py";
const MSL_CREATE: &str = "https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/create-a-customer";
const MSL_UPDATE_SEED: &str = "seeds/myshopline-admin-update-customer-v20220901.txt";
const MSL_UPDATE: &str = "https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/update-a-customer";
const MSL_STATUS: &str =
    "https://developer.shopline.com/docs/apps/api-instructions-for-use/http-status-code";
const MSL_FLOW: &str = "https://developer.shopline.com/zh-hans-cn/docs/apps/api-instructions-for-use/rest-admin-api/flow-control.md";

/// The documented keys of the Fecify create answer's `data`
/// (seeds/fecify-create-customer.txt, "data 子字段").
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

/// The rule-catalogue pointer of a case id: `/customer/addresses/*/zip` ->
/// `customer.addresses[].zip`, `""` -> `body`.
fn id_segment(pointer: &str) -> String {
    let tokens = tokens(pointer);
    if tokens.is_empty() {
        return "body".to_owned();
    }
    let mut out = String::new();
    for t in tokens {
        if t == "*" {
            out.push_str("[]");
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&t);
        }
    }
    out
}

/// The case kind of a rule.
fn kind_of(rule: Rule) -> CaseKind {
    match rule {
        Rule::Type => CaseKind::Type,
        Rule::Required | Rule::OneOfRequired => CaseKind::RequiredField,
        Rule::RequiredWith | Rule::MutuallyExclusive => CaseKind::CrossField,
        Rule::Enum => CaseKind::Enum,
        Rule::MaxLength | Rule::MinLength | Rule::MaxItems => CaseKind::Length,
        Rule::Format => CaseKind::Format,
        Rule::Range => CaseKind::Range,
        Rule::UnknownField => CaseKind::UnknownField,
        Rule::NotUpdatable => CaseKind::NotUpdatable,
        Rule::Deprecated => CaseKind::Deprecated,
    }
}

/// The cases of one target, built once.
type Built = Arc<Vec<Case>>;

/// The whole conformance suite.
///
/// ```
/// use shopspec_conformance::{CaseFilter, Suite};
///
/// let all = Suite::cases(&CaseFilter::all());
/// assert!(all.iter().any(|c| c.id == "fecify.create.status-is-5"));
/// let auth = Suite::cases(&CaseFilter::parse("*.auth.*"));
/// assert!(!auth.is_empty() && auth.iter().all(|c| c.id.contains(".auth.")));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Suite;

impl Suite {
    /// Every case of every API (myshopline once per supported version) whose id matches.
    pub fn cases(filter: &CaseFilter) -> Vec<Case> {
        let mut out = Vec::new();
        for api in Api::ALL {
            let versions: &[ApiVersion] = if api == Api::Myshopline {
                &ApiVersion::SUPPORTED
            } else {
                &[ApiVersion::LATEST_STABLE]
            };
            for &version in versions {
                out.extend(Suite::cases_for(api, version, filter));
            }
        }
        out
    }

    /// The cases of one API (and, for myshopline, one version) whose id matches.
    pub fn cases_for(api: Api, version: ApiVersion, filter: &CaseFilter) -> Vec<Case> {
        // Building the cases validates many candidate bodies: do it once per target.
        static BUILT: LazyLock<Mutex<HashMap<(Api, ApiVersion), Built>>> =
            LazyLock::new(|| Mutex::new(HashMap::new()));
        let version = if api == Api::Myshopline {
            version
        } else {
            ApiVersion::LATEST_STABLE
        };
        let built = {
            let mut cache = BUILT.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(
                cache
                    .entry((api, version))
                    .or_insert_with(|| Arc::new(Suite::build(api, version))),
            )
        };
        built
            .iter()
            .filter(|c| filter.matches(&c.id))
            .cloned()
            .collect()
    }

    fn build(api: Api, version: ApiVersion) -> Vec<Case> {
        let mut builder = Builder {
            api,
            version,
            cases: Vec::new(),
        };
        builder.examples();
        for operation in Operation::ALL {
            builder.response_schema(operation);
            builder.boundary(operation);
            builder.rules(operation);
        }
        builder.behaviour();
        builder.auth_and_errors();
        let mut cases = builder.cases;
        dedupe_ids(&mut cases);
        cases
    }
}

/// Gives colliding ids (two rules of the same kind at the same pointer, such as
/// the total and per-tag length of `tags`) a suffix from their limit.
fn dedupe_ids(cases: &mut [Case]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in cases.iter() {
        *counts.entry(c.id.clone()).or_default() += 1;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in cases.iter_mut() {
        if counts.get(&c.id).copied().unwrap_or(0) > 1 {
            let n = seen.entry(c.id.clone()).or_default();
            *n += 1;
            let suffix = match &c.plan {
                Plan::Reject { rule, .. } => match &rule.limit {
                    Some(Value::Number(limit)) => limit.to_string(),
                    _ => n.to_string(),
                },
                _ => n.to_string(),
            };
            c.id = format!("{}-{suffix}", c.id);
        }
    }
}

struct Builder {
    api: Api,
    version: ApiVersion,
    cases: Vec<Case>,
}

impl Builder {
    fn prefix(&self) -> String {
        match self.api {
            Api::Myshopline => format!("myshopline.{}", self.version),
            api => api.to_string(),
        }
    }

    fn id(&self, operation: Operation, rest: &str) -> String {
        let op = match operation {
            Operation::CreateCustomer => "create",
            Operation::UpdateCustomer => "update",
        };
        format!("{}.{op}.{rest}", self.prefix())
    }

    fn doc(&self) -> Doc {
        Doc::of(self.api, self.version)
    }

    fn target(&self, operation: Operation) -> Target {
        Target::new(self.api, operation).with_version(self.version)
    }

    /// The doc page of an operation.
    fn page(&self, operation: Operation) -> &'static str {
        match (self.api, operation) {
            (Api::Fecify, Operation::CreateCustomer) => FEC_CREATE,
            (Api::Fecify, Operation::UpdateCustomer) => FEC_UPDATE,
            (Api::Shopline, Operation::CreateCustomer) => SL_CREATE,
            (Api::Shopline, Operation::UpdateCustomer) => SL_UPDATE,
            (Api::Myshopline, Operation::CreateCustomer) => MSL_CREATE,
            (Api::Myshopline, Operation::UpdateCustomer)
                if self.version < ApiVersion::V20251201 =>
            {
                MSL_UPDATE_SEED
            }
            (Api::Myshopline, Operation::UpdateCustomer) => MSL_UPDATE,
        }
    }

    /// What a rejection looks like, for `asserts` texts.
    fn error_shape(&self) -> &'static str {
        match self.api {
            Api::Fecify => "an envelope whose code is not 200 (any HTTP status, errata E-FEC-3)",
            Api::Shopline => "a 4xx answer with {message|error, code} (errata E-SL-3)",
            Api::Myshopline => "a 4xx answer with {\"errors\": ...} and a traceId header",
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        id: String,
        operation: Operation,
        title: impl Into<String>,
        kind: CaseKind,
        source: impl Into<String>,
        writes: bool,
        sends: Option<Value>,
        asserts: impl Into<String>,
        plan: Plan,
    ) {
        self.cases.push(Case {
            id,
            api: self.api,
            operation,
            version: (self.api == Api::Myshopline).then_some(self.version),
            title: title.into(),
            kind,
            source: source.into(),
            writes,
            sends,
            asserts: asserts.into(),
            plan,
        });
    }

    /// A case that creates with `create`, then (for an update case) updates with
    /// `update`, and runs `checks` on the main answer.
    #[allow(clippy::too_many_arguments)]
    fn accept(
        &mut self,
        operation: Operation,
        rest: &str,
        title: &str,
        kind: CaseKind,
        source: &str,
        create: Value,
        update: Option<Value>,
        checks: Vec<Check>,
        asserts: &str,
    ) {
        let sends = update.clone().unwrap_or_else(|| create.clone());
        let id = self.id(operation, rest);
        self.push(
            id,
            operation,
            title,
            kind,
            source,
            true,
            Some(sends),
            asserts,
            Plan::Accept {
                create,
                update,
                delay: None,
                checks,
            },
        );
    }

    // -- documented examples ------------------------------------------------

    fn examples(&mut self) {
        let mine: Vec<&'static Example> = examples().iter().filter(|e| e.api == self.api).collect();
        for example in mine {
            let slug = example.slug();
            let op = example.operation;
            let schema = crate::spec::schema_name(op, example.kind);
            let (title, asserts) = match (example.kind, example.conforming) {
                (ExampleKind::Request, true) => (
                    format!(
                        "the documented {op} request example passes the validator and {schema}"
                    ),
                    "no validator error and no schema error".to_owned(),
                ),
                (ExampleKind::Request, false) => (
                    format!("the documented {op} request example breaks the documented types"),
                    "reported as an observation (the docs contradict themselves)".to_owned(),
                ),
                (ExampleKind::Response, _) => (
                    format!("the documented {op} answer example validates against {schema}"),
                    "no schema error".to_owned(),
                ),
            };
            let source = format!("{} ({})", example.file, self.page(op));
            let id = self.id(op, &format!("example.{slug}"));
            self.push(
                id,
                op,
                title,
                CaseKind::DocumentedExample,
                source.clone(),
                false,
                Some(example.value.clone()),
                asserts,
                Plan::Example(example),
            );
            // Live: a conforming request example must be accepted by the store. The
            // nonconforming ones are never sent (errata E-SL-1).
            if example.kind == ExampleKind::Request && example.conforming {
                let body = self.live_example(example);
                let (create, update) = match op {
                    Operation::CreateCustomer => (body, None),
                    Operation::UpdateCustomer => {
                        (payloads::minimal_create(self.api, self.version), Some(body))
                    }
                };
                let mut checks = vec![Check::ResponseSchema];
                if self.api == Api::Myshopline {
                    checks.push(Check::TraceId);
                }
                let rest = format!("example.{slug}.accepted");
                self.accept(
                    op,
                    &rest,
                    &format!("the store accepts the documented {op} request example"),
                    CaseKind::DocumentedExample,
                    &source,
                    create,
                    update,
                    checks,
                    "a success answer that validates against the response schema",
                );
            }
        }
    }

    /// A documented request example with the suite's markers: run-unique email
    /// (and mobile), the case's customer id, the run marker in the note or memo.
    fn live_example(&self, example: &Example) -> Value {
        let mut body = example.value.clone();
        let customer = match self.api {
            Api::Myshopline => "/customer",
            _ => "",
        };
        let has = |b: &Value, p: &str| b.pointer(&format!("{customer}{p}")).is_some();
        if has(&body, "/email") || example.operation == Operation::CreateCustomer {
            payloads::set(&mut body, &format!("{customer}/email"), json!(EMAIL));
        }
        if has(&body, "/mobile_phone") {
            payloads::set(&mut body, "/mobile_phone", json!(payloads::MOBILE));
        }
        if self.api == Api::Fecify && example.operation == Operation::UpdateCustomer {
            payloads::set(&mut body, "/id", json!(ID));
        }
        body
    }

    // -- answers --------------------------------------------------------------

    fn response_schema(&mut self, operation: Operation) {
        let create = payloads::minimal_create(self.api, self.version);
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

    /// Every field at its documented limit: strings at their maximum length,
    /// lists at their maximum size.
    fn boundary(&mut self, operation: Operation) {
        let target = self.target(operation);
        let mut body = payloads::full(self.api, self.version, operation);
        let entries = catalogue(target);
        let sample = sample_fill(self.api);
        for entry in &entries {
            if entry.severity != Severity::Error {
                continue;
            }
            let at = concrete(&entry.pointer);
            let Some(n) = entry.limit.as_ref().and_then(Value::as_u64) else {
                continue;
            };
            let n = n as usize;
            let current = body.pointer(&at).cloned();
            let candidates: Vec<Value> = match (entry.rule, &current) {
                (Rule::MaxLength, Some(Value::String(s))) if at.ends_with("/email") => {
                    let _ = s;
                    vec![json!(format!("${{email:{n}}}"))]
                }
                (Rule::MaxLength, Some(Value::String(s))) => string_candidates(s, n)
                    .into_iter()
                    .map(Value::String)
                    .collect(),
                (Rule::MaxItems, Some(Value::Array(items))) if !items.is_empty() => {
                    vec![Value::Array(
                        std::iter::repeat_n(items[0].clone(), n).collect(),
                    )]
                }
                _ => continue,
            };
            for candidate in candidates {
                let mut trial = body.clone();
                payloads::set(&mut trial, &at, candidate);
                if validate_value(target, &sample.apply(&trial)).is_valid() {
                    body = trial;
                    break;
                }
            }
        }
        let mut checks = vec![Check::ResponseSchema];
        if self.api == Api::Myshopline {
            checks.push(Check::TraceId);
        }
        let (create, update) = match operation {
            Operation::CreateCustomer => (body, None),
            Operation::UpdateCustomer => {
                (payloads::minimal_create(self.api, self.version), Some(body))
            }
        };
        let source = format!("{} ({})", self.page(operation), self.doc().path());
        self.accept(
            operation,
            "boundary.all-fields-at-limit",
            &format!(
                "the store accepts a {operation} body with every field at its documented limit"
            ),
            CaseKind::Boundary,
            &source,
            create,
            update,
            checks,
            "a success answer: a value at its limit is valid",
        );
    }

    // -- one case per catalogue rule --------------------------------------------

    fn rules(&mut self, operation: Operation) {
        let target = self.target(operation);
        for entry in catalogue(target) {
            match self.rule_case(operation, &entry) {
                Some(case) => self.cases.push(case),
                None => {
                    // The suite could not build a body that breaks exactly this rule:
                    // listed as a skipped case so the gap shows (tests assert none).
                    let id = self.id(
                        operation,
                        &format!(
                            "{}.{}",
                            id_segment(&entry.pointer),
                            entry.rule.as_str().replace('_', "-")
                        ),
                    );
                    self.push(
                        id,
                        operation,
                        format!("{} {}", entry.pointer, entry.description),
                        kind_of(entry.rule),
                        entry.source.to_string(),
                        true,
                        None,
                        "no body breaking exactly this rule could be built",
                        Plan::Reject {
                            body: Value::Null,
                            fresh: false,
                            rule: rule_ref(&entry),
                            lenient: true,
                            if_accepted: Vec::new(),
                        },
                    );
                }
            }
        }
    }

    fn rule_case(&self, operation: Operation, entry: &RuleEntry) -> Option<Case> {
        let target = self.target(operation);
        let base = self.base_for(operation, &entry.pointer);
        let body = violating_body(target, entry, &base, self)?;
        let error = entry.severity == Severity::Error;
        let name = tokens(&entry.pointer).last().cloned().unwrap_or_default();
        // Documented rules whose live handling the errata leave open: accepting
        // them is an observation, not a failure.
        let lenient = !error
            || match entry.rule {
                // E-FEC-6 / myshopline: rejected or ignored; then the value must not change.
                Rule::NotUpdatable => true,
                // E-SL-10 (and the same silence for the other APIs): unknown fields.
                Rule::UnknownField => true,
                // E-FEC-7: a store may coerce accepts_marketing / payafteruse_status.
                Rule::Enum => self.api == Api::Fecify,
                _ => false,
            };
        let if_accepted = match entry.rule {
            Rule::NotUpdatable => vec![Check::SameAsCreateIfPresent(name.clone())],
            _ => Vec::new(),
        };
        let rest = format!(
            "{}.{}",
            id_segment(&entry.pointer),
            entry.rule.as_str().replace('_', "-")
        );
        let title = if error {
            format!(
                "rejects a body that breaks `{}`: {}",
                display_pointer(&entry.pointer),
                entry.description
            )
        } else {
            format!(
                "accepts a body that breaks only an inferred or deprecation rule on `{}`: {}",
                display_pointer(&entry.pointer),
                entry.description
            )
        };
        let asserts = if !error {
            "accepted; a rejection is reported as an observation (a warning, never a failure)"
                .to_owned()
        } else if lenient {
            let errata = match (entry.rule, self.api) {
                (Rule::NotUpdatable, _) => "E-FEC-6",
                (Rule::Enum, _) => "E-FEC-7",
                (_, Api::Fecify) => "E-FEC-13",
                (_, Api::Shopline) => "E-SL-10",
                (_, Api::Myshopline) => "E-MSL-21",
            };
            format!(
                "{}; accepting it is an observation (errata {errata}){}",
                self.error_shape(),
                if entry.rule == Rule::NotUpdatable {
                    ", but the value must not change"
                } else {
                    ""
                }
            )
        } else {
            self.error_shape().to_owned()
        };
        Some(Case {
            id: self.id(operation, &rest),
            api: self.api,
            operation,
            version: (self.api == Api::Myshopline).then_some(self.version),
            title,
            kind: kind_of(entry.rule),
            source: entry.source.to_string(),
            writes: true,
            sends: Some(body.clone()),
            asserts,
            plan: Plan::Reject {
                body,
                fresh: entry.rule == Rule::NotUpdatable,
                rule: rule_ref(entry),
                lenient,
                if_accepted,
            },
        })
    }

    /// The minimal body, plus the part of the full body that holds the rule's field.
    fn base_for(&self, operation: Operation, pointer: &str) -> Value {
        let mut base = payloads::minimal(self.api, self.version, operation);
        let full = payloads::full(self.api, self.version, operation);
        let tokens = tokens(&concrete(pointer));
        for depth in 1..=tokens.len() {
            let prefix = pointer_of(&tokens[..depth]);
            if base.pointer(&prefix).is_none() {
                if let Some(part) = full.pointer(&prefix) {
                    payloads::set(&mut base, &prefix, part.clone());
                }
                break;
            }
        }
        base
    }

    // -- documented behaviour -------------------------------------------------

    fn behaviour(&mut self) {
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
            Some(json!({"id": ID, "first_name": "yunlong2", "last_name": "li1", "phone": "+1 565689891", "accepts_marketing": 1, "note": MARKER})),
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
                create,
                update: Some(rename),
                delay: Some(Duration::from_millis(1100)),
                checks: vec![Check::UpdatedAtAfter],
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

    fn auth_and_errors(&mut self) {
        let auth_source = match self.api {
            Api::Fecify => format!("{FEC_UPDATE} (errata E-FEC-3, E-FEC-4)"),
            Api::Shopline => format!("{SL_ERRORS} (401 UnauthorizedError)"),
            Api::Myshopline => format!("{MSL_STATUS} (401)"),
        };
        let shape = self.error_shape();
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
                format!(
                    "{shape}{}",
                    if self.api == Api::Fecify {
                        ""
                    } else {
                        " with status 401"
                    }
                ),
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
            format!(
                "{shape}{}",
                if self.api == Api::Fecify {
                    ""
                } else {
                    " with status 401"
                }
            ),
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

fn display_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        "(body)".to_owned()
    } else {
        pointer.to_owned()
    }
}

fn rule_ref(entry: &RuleEntry) -> RuleRef {
    RuleRef {
        pointer: entry.pointer.clone(),
        rule: entry.rule,
        severity: entry.severity,
        limit: entry.limit.clone(),
    }
}

/// Placeholder values close to what the runner fills in, for checking templates.
pub(crate) fn sample_fill(api: Api) -> Fill {
    Fill {
        api,
        email: "shopspec-a1b2c3-1@example.com".to_owned(),
        marker: "shopspec conformance run a1b2c3".to_owned(),
        id: Some("574".to_owned()),
        phone: "008613800000001".to_owned(),
        mobile: "912000001".to_owned(),
    }
}

/// Strings of exactly `n` characters shaped like `base`, most natural first.
fn string_candidates(base: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let pad = |seed: &str, fill: char| -> String {
        let mut s: String = seed.chars().take(n).collect();
        while s.chars().count() < n {
            s.push(fill);
        }
        s
    };
    if let Some(last) = base.chars().last() {
        out.push(pad(base, if last.is_ascii_digit() { '0' } else { last }));
    }
    out.push("x".repeat(n));
    if n >= 3 {
        out.push(format!("00{}", "1".repeat(n - 2)));
    }
    out.push("1".repeat(n));
    // A comma-separated list (tags): items of 9 characters.
    let mut list = String::new();
    while list.chars().count() + 10 <= n {
        if !list.is_empty() {
            list.push(',');
        }
        list.push_str("shopspec1");
    }
    out.push(pad(&list, 'x'));
    out
}

/// Candidate bodies that break `entry`, each with the pointer the violation is
/// expected at; the first one the validator confirms is used.
fn violating_body(target: Target, entry: &RuleEntry, base: &Value, b: &Builder) -> Option<Value> {
    let at = concrete(&entry.pointer);
    let parent = {
        let t = tokens(&at);
        pointer_of(&t[..t.len().saturating_sub(1)])
    };
    let current = base.pointer(&at).cloned();
    let sample_value = |pointer: &str| -> Vec<Value> {
        // The documented sample for this field in any version's full bodies first.
        let name = tokens(pointer).last().cloned().unwrap_or_default();
        // Values that differ from what the case's customer holds come first: a
        // not-updatable email must be a different email to show a change.
        let mut values: Vec<Value> = match name.as_str() {
            "email" => vec![json!(format!("changed.{EMAIL}"))],
            "status" => vec![json!(1)],
            "birth_year" => vec![json!(2000)],
            "birth_month" => vec![json!(6)],
            "birth_day" => vec![json!(1)],
            "password" | "password_confirmation" => vec![json!("Shopspec123")],
            _ => Vec::new(),
        };
        for v in [ApiVersion::V20220901, ApiVersion::V20260301] {
            for op in Operation::ALL {
                if let Some(x) = payloads::full(b.api, v, op).pointer(pointer) {
                    values.push(x.clone());
                }
            }
        }
        values.extend([
            json!("shopspec"),
            json!(1),
            json!(true),
            json!("1"),
            json!({"shopspec": 1}),
        ]);
        values
    };
    let with = |pointer: &str, value: Value| {
        let mut body = base.clone();
        payloads::set(&mut body, pointer, value);
        body
    };
    let without = |pointers: &[String]| {
        let mut body = base.clone();
        for p in pointers {
            payloads::remove(&mut body, p);
        }
        body
    };
    let mut candidates: Vec<(Value, String)> = Vec::new();
    let limit = entry.limit.clone().unwrap_or(Value::Null);
    match entry.rule {
        Rule::Required => candidates.push((without(std::slice::from_ref(&at)), at.clone())),
        Rule::OneOfRequired => {
            let names: Vec<String> = limit
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(|s| format!("{at}/{s}")))
                        .collect()
                })
                .unwrap_or_default();
            candidates.push((without(&names), at.clone()));
        }
        Rule::RequiredWith => {
            for trigger in limit
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                let trigger_at = format!("{parent}/{trigger}");
                for value in sample_value(&trigger_at) {
                    let mut body = without(std::slice::from_ref(&at));
                    payloads::set(&mut body, &trigger_at, value);
                    candidates.push((body, at.clone()));
                }
            }
        }
        Rule::MutuallyExclusive => {
            let others: Vec<&str> = limit
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for mine in sample_value(&at) {
                for other in &others {
                    let other_at = format!("{parent}/{other}");
                    for theirs in sample_value(&other_at).into_iter().take(3) {
                        let mut body = with(&at, mine.clone());
                        payloads::set(&mut body, &other_at, theirs);
                        candidates.push((body, at.clone()));
                    }
                }
            }
        }
        Rule::Enum => {
            let allowed = limit.as_array().cloned().unwrap_or_default();
            let mut bad = Vec::new();
            if allowed.iter().all(Value::is_i64) {
                let max = allowed.iter().filter_map(Value::as_i64).max().unwrap_or(0);
                bad.push(json!(max + 1));
                bad.push(json!(-1));
            }
            if allowed.iter().all(Value::is_boolean) {
                bad.push(json!(
                    !allowed.first().and_then(Value::as_bool).unwrap_or(false)
                ));
            }
            bad.push(json!("shopspec-not-an-option"));
            for v in bad {
                candidates.push((with(&at, v), at.clone()));
            }
        }
        Rule::Range => {
            // A day that does not exist in its month: the limit names the fields.
            let names: Vec<&str> = limit
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if let [year, month] = names.as_slice() {
                let mut body = with(&at, json!(29));
                payloads::set(&mut body, &format!("{parent}/{year}"), json!(2001));
                payloads::set(&mut body, &format!("{parent}/{month}"), json!(2));
                candidates.push((body, at.clone()));
            }
            // A date in the past, for "a future date".
            if limit.is_string() {
                for past in ["2000-01-01", "2000-01-01T00:00:00Z"] {
                    candidates.push((with(&at, json!(past)), at.clone()));
                }
            }
            if let Some([lo, hi]) = limit.as_array().map(Vec::as_slice) {
                if let Some(hi) = hi.as_i64() {
                    candidates.push((with(&at, json!(hi + 1)), at.clone()));
                }
                if let Some(lo) = lo.as_i64() {
                    candidates.push((with(&at, json!(lo - 1)), at.clone()));
                }
            }
        }
        Rule::Type => {
            for v in [
                json!(12345),
                json!("shopspec-not-a-number"),
                json!(true),
                json!({"shopspec": 1}),
                json!(["shopspec"]),
                json!(1.5),
            ] {
                candidates.push((with(&at, v), at.clone()));
            }
        }
        Rule::MaxLength | Rule::MinLength => {
            let n = limit.as_u64().unwrap_or(0) as usize;
            let len = if entry.rule == Rule::MaxLength {
                n + 1
            } else {
                n.saturating_sub(1)
            };
            let base_text = current
                .as_ref()
                .and_then(Value::as_str)
                .unwrap_or("shopspec");
            let mut texts = Vec::new();
            if at.ends_with("/email") && entry.rule == Rule::MaxLength {
                // Still the case's run-unique email, padded past the limit.
                texts.push(format!("${{email:{len}}}"));
            }
            texts.extend(string_candidates(base_text, len));
            for t in texts {
                candidates.push((with(&at, json!(t)), at.clone()));
            }
        }
        Rule::MaxItems => {
            let n = limit.as_u64().unwrap_or(0) as usize + 1;
            let item = match &current {
                Some(Value::Array(items)) if !items.is_empty() => items[0].clone(),
                _ => json!("shopspec"),
            };
            candidates.push((
                with(&at, Value::Array(std::iter::repeat_n(item, n).collect())),
                at.clone(),
            ));
            let list: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
            candidates.push((with(&at, json!(list.join(","))), at.clone()));
        }
        Rule::Format => {
            if at.ends_with("/email") {
                // Marked like every email the suite sends, but without an `@`.
                candidates.push((
                    with(&at, json!(format!("{}.example.com", payloads::EMAIL_LOCAL))),
                    at.clone(),
                ));
            }
            for bad in [
                "loyal,,vip",
                "loyal, vip",
                "912000001,912000002",
                "not-an-email",
                "2013/11/11",
                "1899-01-01",
                "19970230",
                "1997-01-02",
                "yesterday",
                "+8615834564475",
                "usa",
                "shopspec bad format",
            ] {
                candidates.push((with(&at, json!(bad)), at.clone()));
            }
        }
        Rule::UnknownField => {
            let key = format!("{at}/shopspec_unknown_field");
            candidates.push((with(&key, json!("shopspec")), key));
            for v in sample_value(&at) {
                candidates.push((with(&at, v), at.clone()));
            }
        }
        Rule::NotUpdatable | Rule::Deprecated => {
            for v in sample_value(&at) {
                candidates.push((with(&at, v), at.clone()));
            }
        }
    }
    let sample = sample_fill(b.api);
    let full = payloads::full(b.api, b.version, target.operation);
    candidates.into_iter().find_map(|(mut body, expected)| {
        // One repair round: a field another rule now needs (e.g. `email` with
        // `accepts_marketing`, E-MSL-8) is taken from the full body.
        for _ in 0..2 {
            let report = validate_value(target, &sample.apply(&body));
            if breaks_exactly(&report, entry, &expected) {
                return Some(body);
            }
            let mut needed: Vec<String> = Vec::new();
            for v in report.errors.iter().filter(|v| v.pointer != expected) {
                match v.rule {
                    Rule::Required | Rule::RequiredWith => needed.push(v.pointer.clone()),
                    // One of a group: any member other than the one under test.
                    Rule::OneOfRequired => needed.extend(
                        v.limit
                            .as_ref()
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(|name| format!("{}/{name}", v.pointer))
                            .filter(|p| *p != expected)
                            .take(1),
                    ),
                    _ => {}
                }
            }
            let mut repaired = false;
            for p in needed {
                if let Some(value) = full.pointer(&p) {
                    repaired |= payloads::set(&mut body, &p, value.clone());
                }
            }
            if !repaired {
                return None;
            }
        }
        None
    })
}

/// `true` when the report shows `entry` broken at `expected` and nothing else
/// (for a warning: no error at all).
fn breaks_exactly(report: &Report, entry: &RuleEntry, expected: &str) -> bool {
    let matches = |v: &shopspec_validate::Violation| {
        v.rule == entry.rule
            && (v.pointer == expected || v.pointer.starts_with(&format!("{expected}/")))
            && match (&v.limit, &entry.limit) {
                (Some(Value::Number(a)), Some(Value::Number(b))) => a == b,
                _ => true,
            }
    };
    match entry.severity {
        Severity::Error => !report.errors.is_empty() && report.errors.iter().all(matches),
        Severity::Warning => report.errors.is_empty() && report.warnings.iter().any(matches),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_stable() {
        let cases = Suite::cases(&CaseFilter::all());
        let mut ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        let total = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), total, "duplicate case ids");
        for id in [
            "fecify.create.status-is-5",
            "fecify.update.updated-at-refreshed",
            "shopline.create.success-status",
            "myshopline.v20260301.update.customer.first_name.max-length",
            "myshopline.v20220901.update.rate-limit",
            "fecify.create.example.request",
            "fecify.create.example.request.accepted",
        ] {
            assert!(ids.contains(&id), "missing {id}");
        }
    }

    #[test]
    fn every_catalogue_rule_has_a_body_that_breaks_exactly_it() {
        for target in Target::all() {
            let cases = Suite::cases_for(target.api, target.version, &CaseFilter::all());
            for entry in catalogue(target) {
                let found = cases.iter().any(|c| {
                    c.operation == target.operation
                        && matches!(&c.plan, Plan::Reject { rule, body, .. }
                            if *rule == rule_ref(&entry) && !body.is_null())
                });
                assert!(
                    found,
                    "{target}: no body breaks exactly {} {} ({})",
                    entry.pointer, entry.rule, entry.description
                );
            }
        }
    }

    #[test]
    fn templates_without_violations_are_valid() {
        for target in Target::all() {
            let sample = sample_fill(target.api);
            for body in [
                payloads::minimal(target.api, target.version, target.operation),
                payloads::full(target.api, target.version, target.operation),
            ] {
                let report = validate_value(target, &sample.apply(&body));
                assert!(report.is_valid(), "{target}: {body}\n{:?}", report.errors);
            }
        }
    }

    #[test]
    fn id_segments_read_like_paths() {
        assert_eq!(id_segment(""), "body");
        assert_eq!(
            id_segment("/customer/addresses/*/zip"),
            "customer.addresses[].zip"
        );
        assert_eq!(id_segment("/tags/*"), "tags[]");
    }
}
