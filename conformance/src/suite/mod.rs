//! [`Suite`]: every case, generated from the documented examples, the validator's
//! rule catalogue and the documented behaviours of each API.
//!
//! One file per case family: [`examples`] (the documented examples, offline and
//! live), [`rules`] (one or more cases per rule of the validator's catalogue),
//! [`semantics`] (answers, defaults, partial updates, duplicates) and
//! [`auth_limits`] (auth, unknown ids, the rate limit).

mod auth_limits;
mod examples;
mod rules;
mod semantics;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use serde_json::Value;
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::sources;
use shopspec_model::{Api, Operation};
use shopspec_validate::Target;

use crate::case::{Case, Check, Plan};
use crate::filter::CaseFilter;
use crate::payloads;
use crate::report::CaseKind;
use crate::spec::Doc;

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
            (Api::Fecify, Operation::CreateCustomer) => sources::FECIFY_CREATE,
            (Api::Fecify, Operation::UpdateCustomer) => sources::FECIFY_UPDATE,
            (Api::Shopline, Operation::CreateCustomer) => sources::SHOPLINE_CREATE,
            (Api::Shopline, Operation::UpdateCustomer) => sources::SHOPLINE_UPDATE,
            (Api::Myshopline, Operation::CreateCustomer) => sources::MYSHOPLINE_CREATE,
            (Api::Myshopline, Operation::UpdateCustomer)
                if self.version < ApiVersion::V20251201 =>
            {
                sources::MYSHOPLINE_SEED
            }
            (Api::Myshopline, Operation::UpdateCustomer) => sources::MYSHOPLINE_UPDATE,
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
    /// `update`, and runs `checks` on the main answer. An update that needs only
    /// *a* customer (`create` is the minimal body) leases one from the pool.
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
                create: (update.is_none()
                    || create != payloads::minimal_create(self.api, self.version))
                .then_some(create),
                update,
                delay: None,
                checks,
                refusal: None,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::rules::{id_segment, rule_ref, sample_fill};
    use super::*;
    use shopspec_validate::{catalogue, validate_value};

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
    fn no_case_source_names_a_file_outside_the_repository() {
        // Audit finding 9: a user must be able to open every source a report shows.
        for case in Suite::cases(&crate::filter::CaseFilter::all()) {
            let source = case.source.as_str();
            // Every path-like word is a URL or a file of this repository's spec/.
            let openable = |word: &str| {
                let w = word.trim_matches(|c| "(),;".contains(c));
                !w.contains('/') || w.starts_with("https://") || w.starts_with("spec/")
            };
            assert!(
                source.split_whitespace().all(openable),
                "{}: {source}",
                case.id
            );
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
    fn the_readme_policy_table_has_a_row_for_every_case_kind() {
        let readme = include_str!("../../README.md");
        let kinds: std::collections::BTreeSet<CaseKind> = Suite::cases(&CaseFilter::all())
            .iter()
            .map(|c| c.kind)
            .collect();
        for kind in kinds {
            let row = format!("| `{}` |", kind.as_str());
            assert!(
                readme.contains(&row),
                "conformance/README.md has no row {row}"
            );
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
