//! Differential test: for every rule JSON Schema can state, this crate and the
//! `jsonschema` crate (on the `spec/` OpenAPI documents, draft 2020-12, formats
//! asserted) agree on the verdict of every generated valid payload and every
//! generated schema-expressible single-rule mutation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jsonschema::{Draft, Registry, Validator};
use proptest::prelude::*;
use serde_json::{Value, json};
use shopspec_validate::testing::{mutation, valid_payload};
use shopspec_validate::{Api, ApiVersion, Operation, Severity, Target, validate_value};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")
}

/// The spec document and its registry URI for a target.
fn document(target: Target) -> (&'static str, &'static str) {
    match target.api {
        Api::Fecify => ("fecify/openapi.yaml", "urn:shopspec:fecify"),
        Api::Shopline => ("shopline/openapi.yaml", "urn:shopspec:shopline"),
        Api::Myshopline if target.version == ApiVersion::V20220901 => (
            "myshopline/v20220901/openapi.yaml",
            "urn:shopspec:myshopline:v20220901",
        ),
        // v20251201 has the customer model of v20260301.
        Api::Myshopline => (
            "myshopline/v20260301/openapi.yaml",
            "urn:shopspec:myshopline:v20260301",
        ),
    }
}

fn compile(target: Target) -> Validator {
    let (path, uri) = document(target);
    let full = spec_dir().join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    let doc: Value = serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let schema = match target.operation {
        Operation::CreateCustomer => "CreateCustomerRequest",
        Operation::UpdateCustomer => "UpdateCustomerRequest",
    };
    let registry = Registry::new()
        .draft(Draft::Draft202012)
        .add(uri, Draft::Draft202012.create_resource(doc))
        .expect("valid resource URI")
        .prepare()
        .expect("registry prepares");
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&json!({ "$ref": format!("{uri}#/components/schemas/{schema}") }))
        .unwrap_or_else(|e| panic!("{path}: {schema} does not compile: {e}"))
}

fn validators() -> &'static HashMap<Target, Validator> {
    static CELL: OnceLock<HashMap<Target, Validator>> = OnceLock::new();
    CELL.get_or_init(|| Target::all().into_iter().map(|t| (t, compile(t))).collect())
}

/// 256 cases, unless `PROPTEST_CASES` asks for another number.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn verdicts_agree_on_valid_payloads(
        (target, payload) in proptest::sample::select(Target::all())
            .prop_flat_map(|t| (Just(t), valid_payload(t)))
    ) {
        let schema = validators()[&target].is_valid(&payload);
        let ours = validate_value(target, &payload);
        prop_assert!(
            schema && ours.is_valid(),
            "{target}: schema says {schema}, we say {}: {payload}\n{:#?}",
            ours.is_valid(), ours.errors
        );
    }

    #[test]
    fn verdicts_agree_on_mutations(
        (target, m) in proptest::sample::select(Target::all())
            .prop_flat_map(|t| (Just(t), mutation(t)))
            // Documented rules only: an inferred one is a warning (E-CHK-9 keeps
            // `additionalProperties: false` in the schemas, which cannot warn).
            .prop_filter("documented, schema-expressible rules only", |(_, m)| {
                m.schema_expressible && m.severity == Severity::Error
            })
    ) {
        let schema = validators()[&target].is_valid(&m.payload);
        let ours = validate_value(target, &m.payload).is_valid();
        prop_assert!(
            !schema && !ours,
            "{target}: {} ({} at {:?}): schema valid = {schema}, ours valid = {ours}: {}",
            m.what, m.rule, m.pointer, m.payload
        );
    }
}

/// The documented examples get the same verdict from both.
#[test]
fn verdicts_agree_on_spec_examples() {
    let cases = [
        (
            "fecify/examples/create-customer.request.json",
            Api::Fecify,
            Operation::CreateCustomer,
            true,
        ),
        (
            "fecify/examples/update-customer.request.json",
            Api::Fecify,
            Operation::UpdateCustomer,
            true,
        ),
        (
            "shopline/examples/create-customer.request.json",
            Api::Shopline,
            Operation::CreateCustomer,
            true,
        ),
        (
            "shopline/examples/nonconforming/update-customer.request.json",
            Api::Shopline,
            Operation::UpdateCustomer,
            false,
        ),
        (
            "myshopline/examples/update-customer.request.explorer.json",
            Api::Myshopline,
            Operation::UpdateCustomer,
            true,
        ),
    ];
    for (file, api, op, valid) in cases {
        let text = std::fs::read_to_string(spec_dir().join(file)).expect("example exists");
        let payload: Value = serde_json::from_str(&text).expect("example is JSON");
        for target in Target::all()
            .into_iter()
            .filter(|t| t.api == api && t.operation == op)
        {
            assert_eq!(
                validators()[&target].is_valid(&payload),
                valid,
                "schema: {file} {target}"
            );
            assert_eq!(
                validate_value(target, &payload).is_valid(),
                valid,
                "ours: {file} {target}"
            );
        }
    }
}
