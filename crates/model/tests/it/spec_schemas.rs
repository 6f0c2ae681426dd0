//! Checks the OpenAPI documents under `spec/` against their own examples.
//!
//! * Every documented example under `spec/<api>/examples/` validates against the component schema
//!   its file name names (`<operation>.<request|response>[.<variant>].json`); examples under a
//!   `nonconforming/` folder must fail it.
//! * Tampered copies of the examples, each breaking one documented rule, must fail; copies that
//!   break only a rule the validator's tables mark `inferred` must validate (inferred rules are
//!   warnings, never schema constraints; the one exception, myshopline v20220901 create, is
//!   described in `spec/README.md`).
//! * Every `$ref` resolves, every component schema compiles, and every property of a request
//!   schema has a description that ends with its source: a URL or an errata anchor.
//! * No text of a document mentions `seeds/` (a stored copy no user can open).
//!
//! Schemas are compiled with `jsonschema` for draft 2020-12 with format assertion on. Each
//! document is registered whole under `urn:shopspec:<name>` and a schema is compiled as
//! `{"$ref": "urn:shopspec:<name>#/components/schemas/<Name>"}`.

use std::fs;
use std::path::{Path, PathBuf};

use jsonschema::{Draft, Registry, Validator};
use serde_json::{Value, json};

/// One OpenAPI document of `spec/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Doc {
    Fecify,
    Shopline,
    MyShopline20220901,
    MyShopline20260301,
}

use Doc::{Fecify, MyShopline20220901 as Msl2022, MyShopline20260301 as Msl2026, Shopline};

const ALL_DOCS: [Doc; 4] = [Fecify, Shopline, Msl2022, Msl2026];
const MSL: [Doc; 2] = [Msl2022, Msl2026];

impl Doc {
    fn path(self) -> &'static str {
        match self {
            Fecify => "fecify/openapi.yaml",
            Shopline => "shopline/openapi.yaml",
            Msl2022 => "myshopline/v20220901/openapi.yaml",
            Msl2026 => "myshopline/v20260301/openapi.yaml",
        }
    }

    fn uri(self) -> &'static str {
        match self {
            Fecify => "urn:shopspec:fecify",
            Shopline => "urn:shopspec:shopline",
            Msl2022 => "urn:shopspec:myshopline:v20220901",
            Msl2026 => "urn:shopspec:myshopline:v20260301",
        }
    }

    /// Component schemas other code looks up by name.
    fn required_schemas(self) -> &'static [&'static str] {
        match self {
            Fecify => &[
                "CreateCustomerRequest",
                "UpdateCustomerRequest",
                "CreateCustomerResponse",
                "UpdateCustomerResponse",
                "Customer",
                "ErrorEnvelope",
            ],
            Shopline => &[
                "CreateCustomerRequest",
                "UpdateCustomerRequest",
                "CreateCustomerResponse",
                "UpdateCustomerResponse",
                "Customer",
                "DeliveryAddress",
                "UnauthorizedError",
                "NotFoundError",
                "UnprocessableEntityError",
                "ServerError",
            ],
            Msl2022 | Msl2026 => &[
                "CreateCustomerRequest",
                "UpdateCustomerRequest",
                "CustomerCreateInput",
                "CustomerUpdateInput",
                "AddressInput",
                "CreateCustomerResponse",
                "UpdateCustomerResponse",
                "Customer",
                "ErrorResponse",
            ],
        }
    }

    fn load(self) -> Value {
        let path = spec_dir().join(self.path());
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        serde_norway::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()))
    }

    fn validator(self, schema: &str) -> Validator {
        let doc = self.load();
        assert!(
            doc.pointer(&format!("/components/schemas/{schema}"))
                .is_some(),
            "{}: no components.schemas.{schema}",
            self.path()
        );
        let registry = Registry::new()
            .draft(Draft::Draft202012)
            .add(self.uri(), Draft::Draft202012.create_resource(doc))
            .expect("valid resource URI")
            .prepare()
            .expect("registry prepares");
        jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .with_registry(&registry)
            .build(&json!({ "$ref": format!("{}#/components/schemas/{schema}", self.uri()) }))
            .unwrap_or_else(|e| panic!("{}: {schema} does not compile: {e}", self.path()))
    }
}

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")
}

fn read_json(path: &Path) -> Value {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

fn example(api: &str, file: &str) -> Value {
    read_json(&spec_dir().join(api).join("examples").join(file))
}

fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The documents an example folder belongs to.
fn docs_of_api(api: &str) -> &'static [Doc] {
    match api {
        "fecify" => &[Fecify],
        "shopline" => &[Shopline],
        "myshopline" => &MSL,
        other => panic!("spec/{other}/examples: no OpenAPI document is known for this API"),
    }
}

/// The schema an example file is checked against, from its name
/// `<operation>.<request|response>[.<variant>].json`.
fn schema_of_example(file_name: &str) -> &'static str {
    let stem = file_name
        .strip_suffix(".json")
        .unwrap_or_else(|| panic!("example {file_name} is not a .json file"));
    let mut parts = stem.split('.');
    let operation = parts.next().unwrap_or_default();
    let kind = parts.next().unwrap_or_default();
    assert!(
        parts.clone().count() <= 1,
        "example {file_name}: expected <operation>.<request|response>[.<variant>].json"
    );
    match (operation, kind) {
        ("create-customer", "request") => "CreateCustomerRequest",
        ("create-customer", "response") => "CreateCustomerResponse",
        ("update-customer", "request") => "UpdateCustomerRequest",
        ("update-customer", "response") => "UpdateCustomerResponse",
        _ => panic!("example {file_name}: no schema for operation {operation:?} and kind {kind:?}"),
    }
}

/// All example files as (api, path relative to the examples folder, conforming?).
fn example_files() -> Vec<(String, PathBuf, bool)> {
    fn walk(dir: &Path, nonconforming: bool, out: &mut Vec<(PathBuf, bool)>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
            .map(|entry| entry.expect("directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                let nc = nonconforming || path.file_name().is_some_and(|n| n == "nonconforming");
                walk(&path, nc, out);
            } else {
                out.push((path, nonconforming));
            }
        }
    }
    let mut apis: Vec<_> = fs::read_dir(spec_dir())
        .expect("spec/ exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.join("examples").is_dir())
        .collect();
    apis.sort();
    let mut found = Vec::new();
    for api_dir in apis {
        let api = api_dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files = Vec::new();
        walk(&api_dir.join("examples"), false, &mut files);
        for (path, nonconforming) in files {
            found.push((api.clone(), path, !nonconforming));
        }
    }
    found
}

#[test]
fn documents_have_the_named_schemas_and_operations() {
    for doc in ALL_DOCS {
        let value = doc.load();
        assert_eq!(value["openapi"], "3.1.0", "{}", doc.path());
        assert_eq!(
            value["jsonSchemaDialect"],
            "https://json-schema.org/draft/2020-12/schema",
            "{}",
            doc.path()
        );
        for name in doc.required_schemas() {
            assert!(
                value["components"]["schemas"].get(name).is_some(),
                "{}: missing components.schemas.{name}",
                doc.path()
            );
        }
        let mut operation_ids: Vec<&str> = value["paths"]
            .as_object()
            .expect("paths")
            .values()
            .flat_map(|item| item.as_object().expect("path item").values())
            .filter_map(|op| op.get("operationId").and_then(Value::as_str))
            .collect();
        operation_ids.sort_unstable();
        assert_eq!(
            operation_ids,
            ["createCustomer", "updateCustomer"],
            "{}",
            doc.path()
        );
    }
}

#[test]
fn every_ref_resolves_and_every_schema_compiles() {
    fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    if key == "$ref" {
                        out.push(v.as_str().expect("$ref is a string"));
                    } else {
                        refs(v, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    for doc in ALL_DOCS {
        let value = doc.load();
        let mut found = Vec::new();
        refs(&value, &mut found);
        assert!(!found.is_empty(), "{}: no $ref at all", doc.path());
        for reference in found {
            let pointer = reference.strip_prefix('#').unwrap_or_else(|| {
                panic!(
                    "{}: $ref {reference} is not local to the document",
                    doc.path()
                )
            });
            assert!(
                value.pointer(pointer).is_some(),
                "{}: $ref {reference} does not resolve",
                doc.path()
            );
        }
        for name in value["components"]["schemas"].as_object().unwrap().keys() {
            let _ = doc.validator(name);
        }
    }
}

/// A description ends with its source: `Source: ` and, as its last word, a URL a user can open or
/// an errata anchor (`spec/errata.md#E-…`). Never a stored copy under `seeds/`.
fn ends_with_source(description: &str) -> bool {
    let last = description.split_whitespace().last().unwrap_or_default();
    let openable = last.starts_with("https://")
        || last.starts_with("http://")
        || last.starts_with("spec/errata.md#E-");
    description.contains("Source: ") && openable && !last.contains("seeds/")
}

#[test]
fn a_source_is_a_url_or_an_errata_anchor() {
    assert!(ends_with_source(
        "Birth month. Source: https://open-api.docs.shoplineapp.com/docs/update-customer"
    ));
    assert!(ends_with_source(
        "No length documented. Source: spec/errata.md#E-FEC-5"
    ));
    assert!(!ends_with_source(
        "Customer memo. Source: seeds/shopline-open-api-create-customer.txt"
    ));
    assert!(!ends_with_source("Customer memo. Source: the seed page"));
    assert!(!ends_with_source("https://example.com/no-source-label"));
}

/// Request schemas: every property (at any depth) has a description ending with its source, and
/// so does every cross-field rule in `allOf`.
#[test]
fn request_schema_descriptions_end_with_a_source() {
    fn check(at: &str, schema: &Value, problems: &mut Vec<String>) {
        let Some(map) = schema.as_object() else {
            return;
        };
        if let Some(props) = map.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                let here = format!("{at}.properties.{name}");
                if prop.is_object() {
                    match prop.get("description").and_then(Value::as_str) {
                        Some(d) if ends_with_source(d) => {}
                        Some(d) => problems.push(format!("{here}: no trailing source in {d:?}")),
                        None => problems.push(format!("{here}: no description")),
                    }
                }
                check(&here, prop, problems);
            }
        }
        if let Some(rules) = map.get("allOf").and_then(Value::as_array) {
            for (i, rule) in rules.iter().enumerate() {
                match rule.get("description").and_then(Value::as_str) {
                    Some(d) if ends_with_source(d) => {}
                    _ => problems.push(format!(
                        "{at}.allOf[{i}]: rule without a sourced description"
                    )),
                }
            }
        }
        for key in ["items", "not", "if", "then", "else"] {
            if let Some(sub) = map.get(key) {
                check(&format!("{at}.{key}"), sub, problems);
            }
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(subs) = map.get(key).and_then(Value::as_array) {
                for (i, sub) in subs.iter().enumerate() {
                    // Branches of a rule restate property constraints; the rule itself carries the
                    // description, so only descend into nested objects with their own properties.
                    if sub.get("type") == Some(&json!("object")) {
                        check(&format!("{at}.{key}[{i}]"), sub, problems);
                    }
                }
            }
        }
    }
    let mut problems = Vec::new();
    for doc in ALL_DOCS {
        let value = doc.load();
        let schemas = value["components"]["schemas"].as_object().unwrap();
        let mut checked = 0;
        for (name, schema) in schemas {
            let is_request =
                name.ends_with("Request") || name.ends_with("Input") || name == "DeliveryAddress";
            if is_request {
                checked += 1;
                match schema.get("description").and_then(Value::as_str) {
                    Some(d) if ends_with_source(d.trim_end()) => {}
                    _ => problems.push(format!("{}: {name}: no sourced description", doc.path())),
                }
                check(&format!("{}: {name}", doc.path()), schema, &mut problems);
            }
        }
        assert!(checked >= 2, "{}: no request schemas found", doc.path());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Sources must be something a user can open: no description (nor any other text, comments
/// included) of a spec document mentions the stored copies under `seeds/`.
#[test]
fn no_spec_document_mentions_seeds() {
    fn descriptions<'a>(at: &str, value: &'a Value, out: &mut Vec<(String, &'a str)>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    let here = format!("{at}/{key}");
                    if let (true, Some(text)) = (key == "description", v.as_str()) {
                        out.push((here.clone(), text));
                    }
                    descriptions(&here, v, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    descriptions(&format!("{at}/{i}"), v, out);
                }
            }
            _ => {}
        }
    }
    let mut problems = Vec::new();
    for doc in ALL_DOCS {
        let value = doc.load();
        let mut found = Vec::new();
        descriptions("", &value, &mut found);
        assert!(
            found.len() > 50,
            "{}: too few descriptions found",
            doc.path()
        );
        for (pointer, text) in found {
            if text.contains("seeds/") {
                problems.push(format!("{}#{pointer}: {text:?}", doc.path()));
            }
        }
        let raw = fs::read_to_string(spec_dir().join(doc.path())).unwrap();
        for (i, line) in raw.lines().enumerate() {
            if line.contains("seeds/") {
                problems.push(format!("{}:{}: {line}", doc.path(), i + 1));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "spec documents must cite openable URLs, not seeds/:\n{}",
        problems.join("\n")
    );
}

#[test]
fn examples_are_pretty_printed_json() {
    for (api, path, _) in example_files() {
        let text = fs::read_to_string(&path).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap() + "\n";
        assert_eq!(
            text,
            pretty,
            "spec/{api}: {} is not 2-space pretty-printed JSON",
            path.display()
        );
    }
}

#[test]
fn every_documented_example_validates_and_nonconforming_ones_fail() {
    let files = example_files();
    let mut conforming = 0;
    let mut nonconforming = 0;
    for (api, path, is_conforming) in &files {
        let file_name = path.file_name().unwrap().to_string_lossy();
        let schema = schema_of_example(&file_name);
        let instance = read_json(path);
        for &doc in docs_of_api(api) {
            let validator = doc.validator(schema);
            let errs = errors(&validator, &instance);
            if *is_conforming {
                assert!(
                    errs.is_empty(),
                    "{} must validate against {}#{schema}:\n{}",
                    path.display(),
                    doc.path(),
                    errs.join("\n")
                );
            } else {
                assert!(
                    !errs.is_empty(),
                    "{} is kept as nonconforming but validates against {}#{schema}",
                    path.display(),
                    doc.path()
                );
            }
        }
        if *is_conforming {
            conforming += 1;
        } else {
            nonconforming += 1;
        }
    }
    assert!(
        conforming >= 8,
        "expected at least 8 examples, found {conforming}"
    );
    assert!(
        nonconforming >= 1,
        "expected the nonconforming SHOPLINE example"
    );
}

#[test]
fn shopline_nonconforming_update_example_breaks_exactly_the_documented_types() {
    let validator = Shopline.validator("UpdateCustomerRequest");
    let original = example("shopline", "nonconforming/update-customer.request.json");
    assert!(!validator.is_valid(&original));
    let fixed = shopline_update_base();
    assert!(
        validator.is_valid(&fixed),
        "{}",
        errors(&validator, &fixed).join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Tampering

/// One edit of a JSON document, addressed by a JSON pointer.
enum Op {
    /// Set (or add) the value at the pointer; an array index equal to the length appends.
    Set(&'static str, Value),
    /// Remove the member or element at the pointer.
    Remove(&'static str),
}

use Op::{Remove, Set};

fn apply(base: &Value, ops: &[Op]) -> Value {
    let mut value = base.clone();
    for op in ops {
        let pointer = match op {
            Set(p, _) | Remove(p) => *p,
        };
        let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
        let target = value
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("no parent for {pointer}"));
        match (op, target) {
            (Set(_, v), Value::Object(map)) => {
                map.insert(key.to_owned(), v.clone());
            }
            (Set(_, v), Value::Array(items)) => {
                let i: usize = key.parse().expect("array index");
                if i == items.len() {
                    items.push(v.clone());
                } else {
                    items[i] = v.clone();
                }
            }
            (Remove(_), Value::Object(map)) => {
                assert!(
                    map.shift_remove(key).is_some(),
                    "nothing to remove at {pointer}"
                );
            }
            (Remove(_), Value::Array(items)) => {
                items.remove(key.parse::<usize>().expect("array index"));
            }
            _ => panic!("{pointer}: parent is neither object nor array"),
        }
    }
    value
}

/// A tampered copy: which documents must reject it (all others of the table must accept it).
struct Case {
    name: &'static str,
    ops: Vec<Op>,
    invalid_in: &'static [Doc],
}

fn case(name: &'static str, ops: Vec<Op>) -> Case {
    Case {
        name,
        ops,
        invalid_in: &ALL_DOCS,
    }
}

fn case_in(name: &'static str, invalid_in: &'static [Doc], ops: Vec<Op>) -> Case {
    Case {
        name,
        ops,
        invalid_in,
    }
}

/// Applies every case to `base` and checks it against `schema` of each of `docs`. A case must be
/// invalid in the documents it lists and valid in the others (so it breaks the one rule that
/// differs between them). Returns the number of checks made.
fn run_cases(label: &str, base: &Value, schema: &str, docs: &[Doc], cases: &[Case]) -> usize {
    let validators: Vec<(Doc, Validator)> =
        docs.iter().map(|&d| (d, d.validator(schema))).collect();
    for (doc, validator) in &validators {
        assert!(
            validator.is_valid(base),
            "{label}: the untampered base must be valid against {}#{schema}:\n{}",
            doc.path(),
            errors(validator, base).join("\n")
        );
    }
    let mut checks = 0;
    for case in cases {
        let tampered = apply(base, &case.ops);
        for (doc, validator) in &validators {
            let expect_invalid = case.invalid_in.contains(doc);
            let valid = validator.is_valid(&tampered);
            assert!(
                valid != expect_invalid,
                "{label}: case {:?} against {}#{schema}: expected {}, got {}\n{}",
                case.name,
                doc.path(),
                if expect_invalid { "INVALID" } else { "valid" },
                if valid { "valid" } else { "invalid" },
                serde_json::to_string_pretty(&tampered).unwrap()
            );
            checks += 1;
        }
    }
    checks
}

/// Cases that documented rules (or documented decisions) must accept.
fn run_valid(label: &str, base: &Value, schema: &str, docs: &[Doc], cases: &[(&str, Vec<Op>)]) {
    for &doc in docs {
        let validator = doc.validator(schema);
        for (name, ops) in cases {
            let instance = apply(base, ops);
            assert!(
                validator.is_valid(&instance),
                "{label}: case {name:?} must be valid against {}#{schema}:\n{}",
                doc.path(),
                errors(&validator, &instance).join("\n")
            );
        }
    }
}

fn chars(n: usize) -> Value {
    Value::String("x".repeat(n))
}

#[test]
fn fecify_create_request_rules() {
    let base = example("fecify", "create-customer.request.json");
    let cases = [
        case("email missing", vec![Remove("/email")]),
        case("first_name missing", vec![Remove("/first_name")]),
        case("last_name missing", vec![Remove("/last_name")]),
        case("email null", vec![Set("/email", Value::Null)]),
        case(
            "accepts_marketing out of enum",
            vec![Set("/accepts_marketing", json!(3))],
        ),
        case(
            "accepts_marketing as string",
            vec![Set("/accepts_marketing", json!("1"))],
        ),
        case(
            "payafteruse_status out of enum",
            vec![Set("/payafteruse_status", json!(0))],
        ),
        case(
            "payafteruse_level as string",
            vec![Set("/payafteruse_level", json!("1"))],
        ),
        case("phone as number", vec![Set("/phone", json!(565_689_891))]),
        case("numberCode as number", vec![Set("/numberCode", json!(1))]),
        case(
            "update-only phone_prefix",
            vec![Set("/phone_prefix", json!("1"))],
        ),
        case(
            "undocumented customervip_id",
            vec![Set("/customervip_id", json!(0))],
        ),
        case("undocumented note", vec![Set("/note", json!("x"))]),
    ];
    run_cases(
        "fecify create",
        &base,
        "CreateCustomerRequest",
        &[Fecify],
        &cases,
    );
    run_valid(
        "fecify create",
        &base,
        "CreateCustomerRequest",
        &[Fecify],
        &[
            (
                "only the required fields",
                vec![
                    Remove("/phone"),
                    Remove("/accepts_marketing"),
                    Remove("/numberCode"),
                    Remove("/payafteruse_status"),
                    Remove("/payafteruse_level"),
                ],
            ),
            // No lengths are documented (errata E-FEC-5): long values are not schema errors.
            ("a long first_name", vec![Set("/first_name", chars(300))]),
        ],
    );
}

#[test]
fn fecify_update_request_rules() {
    let base = example("fecify", "update-customer.request.json");
    let cases = [
        case("id missing", vec![Remove("/id")]),
        case("id as string", vec![Set("/id", json!("574"))]),
        case(
            "email is not updatable",
            vec![Set("/email", json!("a@b.com"))],
        ),
        case("status is not updatable", vec![Set("/status", json!(1))]),
        case(
            "create-only numberCode",
            vec![Set("/numberCode", json!("1"))],
        ),
        case(
            "customervip_id other string",
            vec![Set("/customervip_id", json!("3"))],
        ),
        case(
            "customervip_id null",
            vec![Set("/customervip_id", Value::Null)],
        ),
        case(
            "accepts_marketing out of enum",
            vec![Set("/accepts_marketing", json!(0))],
        ),
        case(
            "payafteruse_status out of enum",
            vec![Set("/payafteruse_status", json!(3))],
        ),
        case("note as number", vec![Set("/note", json!(5))]),
        case(
            "phone_prefix as number",
            vec![Set("/phone_prefix", json!(1))],
        ),
        case("unknown field", vec![Set("/nickname", json!("x"))]),
    ];
    run_cases(
        "fecify update",
        &base,
        "UpdateCustomerRequest",
        &[Fecify],
        &cases,
    );
    run_valid(
        "fecify update",
        &base,
        "UpdateCustomerRequest",
        &[Fecify],
        &[
            (
                "customervip_id empty string",
                vec![Set("/customervip_id", json!(""))],
            ),
            (
                "customervip_id integer",
                vec![Set("/customervip_id", json!(10))],
            ),
            (
                "phone_prefix and note",
                vec![Set("/phone_prefix", json!("1")), Set("/note", json!("vip"))],
            ),
            (
                "only the id",
                vec![
                    Remove("/first_name"),
                    Remove("/last_name"),
                    Remove("/phone"),
                    Remove("/accepts_marketing"),
                    Remove("/payafteruse_status"),
                    Remove("/payafteruse_level"),
                ],
            ),
        ],
    );
}

#[test]
fn fecify_response_rules() {
    let create = example("fecify", "create-customer.response.json");
    let cases = [
        case("success with code 500", vec![Set("/code", json!(500))]),
        case("code as string", vec![Set("/code", json!("200"))]),
        case("data missing", vec![Remove("/data")]),
        case("message missing", vec![Remove("/message")]),
        case("create data without status", vec![Remove("/data/status")]),
        case("data without id", vec![Remove("/data/id")]),
        case("id as string", vec![Set("/data/id", json!("574"))]),
        case(
            "ISO timestamp",
            vec![Set("/data/created_at", json!("2026-05-25T11:35:16Z"))],
        ),
    ];
    run_cases(
        "fecify create response",
        &create,
        "CreateCustomerResponse",
        &[Fecify],
        &cases,
    );
    run_valid(
        "fecify create response",
        &create,
        "CreateCustomerResponse",
        &[Fecify],
        &[("an extra field", vec![Set("/data/numberCode", json!("1"))])],
    );

    let update = example("fecify", "update-customer.response.json");
    let cases = [
        case("success with code 500", vec![Set("/code", json!(500))]),
        case("data without email", vec![Remove("/data/email")]),
    ];
    run_cases(
        "fecify update response",
        &update,
        "UpdateCustomerResponse",
        &[Fecify],
        &cases,
    );

    let envelope = Fecify.validator("ErrorEnvelope");
    assert!(
        envelope
            .is_valid(&json!({"code": 1_000_009, "message": "required parameter does not exist"}))
    );
    assert!(!envelope.is_valid(&json!({"code": 200, "message": "success"})));
    assert!(!envelope.is_valid(&json!({"message": "no code"})));
}

#[test]
fn shopline_create_request_rules() {
    let base = example("shopline", "create-customer.request.json");
    let address = base["delivery_addresses"][0].clone();
    let six = Value::Array(vec![address; 6]);
    let cases = [
        case(
            "neither email nor mobile_phone",
            vec![
                Remove("/email"),
                Remove("/mobile_phone"),
                Remove("/mobile_phone_country_calling_code"),
            ],
        ),
        case(
            "empty email and no mobile_phone",
            vec![
                Set("/email", json!("")),
                Remove("/mobile_phone"),
                Remove("/mobile_phone_country_calling_code"),
            ],
        ),
        case(
            "mobile_phone without calling code",
            vec![Remove("/mobile_phone_country_calling_code")],
        ),
        case(
            "mobile_phone with empty calling code",
            vec![Set("/mobile_phone_country_calling_code", json!(""))],
        ),
        case("gender out of enum", vec![Set("/gender", json!("unknown"))]),
        // Documented on create (errata E-SL-14), judged on a well-formed date.
        case(
            "birthday year 18xx",
            vec![Set("/birthday", json!("1899-01-01"))],
        ),
        case(
            "birthday year 21xx",
            vec![Set("/birthday", json!("2100-01-01"))],
        ),
        case(
            "birthday with birth_year",
            vec![Set("/birth_year", json!(2000))],
        ),
        case(
            "birthday with birth_month null",
            vec![Set("/birth_month", Value::Null)],
        ),
        case(
            "mobile_phone_country_calling_code without mobile_phone",
            vec![Remove("/mobile_phone")],
        ),
        case(
            "six delivery addresses",
            vec![Set("/delivery_addresses", six)],
        ),
        case(
            "unknown address field",
            vec![Set("/delivery_addresses/0/zip", json!("10560"))],
        ),
        case(
            "address field as number",
            vec![Set("/delivery_addresses/0/postcode", json!(10560))],
        ),
        case(
            "notification type out of enum",
            vec![Set("/notification_types", json!(["push"]))],
        ),
        case(
            "created_by out of enum",
            vec![Set("/created_by", json!("api"))],
        ),
        case(
            "registered_by out of enum",
            vec![Set("/registered_by", json!("web"))],
        ),
        case(
            "send_notification as string",
            vec![Set("/send_notification", json!("false"))],
        ),
        case(
            "is_member as string",
            vec![Set("/is_member", json!("true"))],
        ),
        case("tags as string", vec![Set("/tags", json!("Tag A"))]),
        case(
            "phones as array",
            vec![Set("/phones", json!(["0910123456"]))],
        ),
        case(
            "update-only custom_fields",
            vec![Set("/custom_fields", json!({}))],
        ),
        case("email null", vec![Set("/email", Value::Null)]),
    ];
    run_cases(
        "shopline create",
        &base,
        "CreateCustomerRequest",
        &[Shopline],
        &cases,
    );
    run_valid(
        "shopline create",
        &base,
        "CreateCustomerRequest",
        &[Shopline],
        &[
            ("no email, mobile only", vec![Remove("/email")]),
            (
                "email only",
                vec![
                    Remove("/mobile_phone"),
                    Remove("/mobile_phone_country_calling_code"),
                ],
            ),
            (
                "empty mobile_phone needs no calling code",
                vec![
                    Set("/mobile_phone", json!("")),
                    Remove("/mobile_phone_country_calling_code"),
                ],
            ),
            ("no name (errata E-SL-5)", vec![Remove("/name")]),
            (
                "null name, gender, memo, birthday",
                vec![
                    Set("/name", Value::Null),
                    Set("/gender", Value::Null),
                    Set("/memo", Value::Null),
                    Set("/birthday", Value::Null),
                ],
            ),
            (
                "birth_* instead of birthday",
                vec![
                    Remove("/birthday"),
                    Set("/birth_year", json!(2000)),
                    Set("/birth_month", json!(6)),
                    Set("/birth_day", json!(1)),
                ],
            ),
            (
                "documented optional fields",
                vec![
                    Set("/notification_types", json!(["email", "sms"])),
                    Set("/is_subscribed_marketing_email", json!(true)),
                    Set("/is_subscribed_marketing_sms", json!(false)),
                    Set("/is_allow_welcome_credit", json!(true)),
                    Set("/registered_by", json!("pos")),
                    Set("/created_by_channel_id", json!("c1")),
                    Set("/registered_by_channel_id", json!("c2")),
                    Set("/tags", json!(["VIP"])),
                    Set("/membership_tier_id", json!("t1")),
                    Set("/phone", json!("0227423966")),
                    Set("/phone_country_code", json!("886")),
                ],
            ),
            (
                "comma-separated mobile_phone (errata E-SL-8)",
                vec![Set("/mobile_phone", json!("944384598,944384599"))],
            ),
            // Inferred, not documented: warnings of the validator, never schema errors.
            // The YYYY-MM-DD form and the real-date check (errata E-SL-14).
            (
                "birthday not a real date",
                vec![Set("/birthday", json!("2013-13-40"))],
            ),
            (
                "birthday in yyyyMMdd",
                vec![Set("/birthday", json!("20131111"))],
            ),
            // The year rule is judged on a well-formed date only, like the validator's.
            (
                "birthday 18xx not in YYYY-MM-DD",
                vec![Set("/birthday", json!("1899/01/01"))],
            ),
            (
                "birthday 18xx that does not exist",
                vec![Set("/birthday", json!("1899-02-30"))],
            ),
            // The birth_month/birth_day ranges and the day in its month (errata E-SL-15).
            (
                "birth_month 13",
                vec![Remove("/birthday"), Set("/birth_month", json!(13))],
            ),
            (
                "birth_day 0",
                vec![Remove("/birthday"), Set("/birth_day", json!(0))],
            ),
            (
                "29 February 2001",
                vec![
                    Remove("/birthday"),
                    Set("/birth_year", json!(2001)),
                    Set("/birth_month", json!(2)),
                    Set("/birth_day", json!(29)),
                ],
            ),
            // The email format (errata E-SL-21).
            ("email without @", vec![Set("/email", json!("marry"))]),
            // phone_country_code with phone is stated for update only (errata E-SL-24).
            (
                "phone without phone_country_code",
                vec![Set("/phone", json!("0227423966"))],
            ),
        ],
    );
}

/// The SHOPLINE update example of the guide with the documented types: booleans as booleans and
/// `custom_fields` instead of `custom_data` (errata E-SL-1).
fn shopline_update_base() -> Value {
    apply(
        &example("shopline", "nonconforming/update-customer.request.json"),
        &[
            Set("/is_member", json!(true)),
            Set("/is_blacklisted", json!(false)),
            Remove("/custom_data"),
            Set(
                "/custom_fields",
                json!({"5a72fdb0e388097fac000008": "Test Value"}),
            ),
        ],
    )
}

#[test]
fn shopline_update_request_rules() {
    let base = shopline_update_base();
    let cases = [
        case("is_member false", vec![Set("/is_member", json!(false))]),
        case(
            "is_member as string",
            vec![Set("/is_member", json!("true"))],
        ),
        case(
            "is_blacklisted as string",
            vec![Set("/is_blacklisted", json!("false"))],
        ),
        case(
            "custom_data instead of custom_fields",
            vec![Set("/custom_data", json!({}))],
        ),
        case(
            "custom_fields as array",
            vec![Set("/custom_fields", json!([]))],
        ),
        case(
            "phone without phone_country_code",
            vec![Set("/phone", json!("0227423966"))],
        ),
        case(
            "phone with empty phone_country_code",
            vec![
                Set("/phone", json!("0227423966")),
                Set("/phone_country_code", json!("")),
            ],
        ),
        case(
            "mobile_phone without calling code",
            vec![Remove("/mobile_phone_country_calling_code")],
        ),
        case("birthday with birth_day", vec![Set("/birth_day", json!(5))]),
        case(
            "mobile_phone_country_calling_code without mobile_phone",
            vec![Remove("/mobile_phone")],
        ),
        case("gender out of enum", vec![Set("/gender", json!("f"))]),
        case(
            "phones array of numbers",
            vec![Set("/phones", json!([123]))],
        ),
        case("tags as string", vec![Set("/tags", json!("Tag A"))]),
        case(
            "create-only send_notification",
            vec![Set("/send_notification", json!(false))],
        ),
        case(
            "six delivery addresses",
            vec![Set(
                "/delivery_addresses",
                Value::Array(vec![json!({"city": "Taipei"}); 6]),
            )],
        ),
        case(
            "facebook_info as string",
            vec![Set("/facebook_info", json!("fb"))],
        ),
    ];
    run_cases(
        "shopline update",
        &base,
        "UpdateCustomerRequest",
        &[Shopline],
        &cases,
    );
    run_valid(
        "shopline update",
        &base,
        "UpdateCustomerRequest",
        &[Shopline],
        &[
            (
                "phones as array (errata E-SL-2)",
                vec![Set("/phones", json!(["02-27423586", "0910000123"]))],
            ),
            (
                "phone with phone_country_code",
                vec![
                    Set("/phone", json!("0227423966")),
                    Set("/phone_country_code", json!("886")),
                ],
            ),
            (
                "no email and no mobile_phone",
                vec![
                    Remove("/mobile_phone"),
                    Remove("/mobile_phone_country_calling_code"),
                ],
            ),
            (
                "documented update fields",
                vec![
                    Set("/email", json!("user@example.com")),
                    Set("/tier_expires_at", json!("2030-01-01")),
                    Set("/registered_at", json!("2020-01-01T00:00:00Z")),
                    Set("/locale_code", json!("zh-hant")),
                    Set("/facebook_info", json!({})),
                    Set("/line_info", json!({})),
                    Set(
                        "/delivery_addresses",
                        json!([{"state": "Alabama", "city": "Taipei"}]),
                    ),
                ],
            ),
            // Inferred, not documented: warnings of the validator, never schema errors.
            // The 19xx/20xx year rule is documented for create only (errata E-SL-14).
            (
                "birthday year 18xx on update",
                vec![Set("/birthday", json!("1899-01-01"))],
            ),
            // The YYYY-MM-DD form and the real-date check (errata E-SL-14).
            (
                "birthday not a real date",
                vec![Set("/birthday", json!("2000-02-30"))],
            ),
            (
                "birthday in yyyyMMdd",
                vec![Set("/birthday", json!("20000601"))],
            ),
            // The birth_month/birth_day ranges (errata E-SL-15).
            (
                "birth_month 0 and birth_day 32",
                vec![
                    Remove("/birthday"),
                    Set("/birth_month", json!(0)),
                    Set("/birth_day", json!(32)),
                ],
            ),
            // The email format (errata E-SL-21).
            ("email without @", vec![Set("/email", json!("user"))]),
        ],
    );
}

#[test]
fn shopline_response_rules() {
    let customer =
        json!({"id": "606d4051c6febd0022d13447", "name": "Shopline User", "email": null});
    for schema in ["CreateCustomerResponse", "UpdateCustomerResponse"] {
        let cases = [
            case("id missing", vec![Remove("/id")]),
            case("id as number", vec![Set("/id", json!(606))]),
            case("name as number", vec![Set("/name", json!(1))]),
        ];
        run_cases("shopline response", &customer, schema, &[Shopline], &cases);
    }
    let unprocessable = Shopline.validator("UnprocessableEntityError");
    assert!(unprocessable.is_valid(&json!({"error": "x", "code": "invalid", "extras": {}})));
    assert!(!unprocessable.is_valid(&json!({"message": 5})));
}

/// A create body derived from the seed's named update example (no create example is documented
/// for myshopline; errata E-MSL-10).
fn myshopline_create_base() -> Value {
    example("myshopline", "update-customer.request.json")
}

#[test]
fn myshopline_update_request_rules() {
    let named = example("myshopline", "update-customer.request.json");
    let explorer = example("myshopline", "update-customer.request.explorer.json");
    let address = explorer["customer"]["addresses"][0].clone();
    let fifty_one = Value::Array(vec![address; 51]);
    let hundred_one_tags = Value::String(vec!["t"; 101].join(","));
    let long_tags = Value::String(vec!["x".repeat(99); 11].join(","));
    const ONLY_2022: &[Doc] = &[Msl2022];
    const ONLY_2026: &[Doc] = &[Msl2026];

    let common = || {
        vec![
            case(
                "no customer wrapper",
                vec![Remove("/customer"), Set("/email", json!("a@b.c"))],
            ),
            case("extra top-level key", vec![Set("/id", json!("4211465524"))]),
            case("gender 4", vec![Set("/customer/gender", json!(4))]),
            case(
                "gender as string",
                vec![Set("/customer/gender", json!("1"))],
            ),
            case(
                "birthday with dashes",
                vec![Set("/customer/birthday", json!("1999-03-04"))],
            ),
            case(
                "email 51 characters",
                vec![Set("/customer/email", chars(51))],
            ),
            case(
                "first_name 129 characters",
                vec![Set("/customer/first_name", chars(129))],
            ),
            case(
                "last_name 129 characters",
                vec![Set("/customer/last_name", chars(129))],
            ),
            case(
                "note 1001 characters",
                vec![Set("/customer/note", chars(1001))],
            ),
            case(
                "phone 21 characters",
                vec![Set("/customer/phone", chars(21))],
            ),
            case(
                "tags over 1000 characters",
                vec![Set("/customer/tags", long_tags.clone())],
            ),
            case(
                "101 tags",
                vec![Set("/customer/tags", hundred_one_tags.clone())],
            ),
            case(
                "one tag of 129 characters",
                vec![Set("/customer/tags", chars(129))],
            ),
            case(
                "unknown customer field",
                vec![Set("/customer/nickname", json!("x"))],
            ),
            case(
                "addresses as object",
                vec![Set("/customer/addresses", json!({}))],
            ),
            case(
                "51 addresses",
                vec![Set("/customer/addresses", fifty_one.clone())],
            ),
            case(
                "password of 5 characters",
                vec![Set("/customer/password", json!("12345"))],
            ),
            // The consent objects are documented (they must be objects); their fields' rules
            // are inferred (errata E-MSL-25). v20220901 update has no consent objects at all.
            case(
                "consent as string",
                vec![Set("/customer/email_marketing_consent", json!("yes"))],
            ),
            case_in(
                "consent state 4 (unknown on v20220901 only)",
                ONLY_2022,
                vec![Set(
                    "/customer/email_marketing_consent",
                    json!({"state": 4}),
                )],
            ),
            case_in(
                "consent time not a date-time (unknown on v20220901 only)",
                ONLY_2022,
                vec![Set(
                    "/customer/sms_marketing_consent",
                    json!({"consent_updated_at": "yesterday"}),
                )],
            ),
            // Exists only from newer versions: unknown on v20220901 update.
            case_in(
                "multipass_identifier",
                ONLY_2022,
                vec![Set("/customer/multipass_identifier", json!("m"))],
            ),
            case_in(
                "verified_email",
                ONLY_2022,
                vec![Set("/customer/verified_email", json!(true))],
            ),
            case_in(
                "one tag of 101 characters",
                ONLY_2022,
                vec![Set("/customer/tags", chars(101))],
            ),
        ]
    };
    let mut checks = run_cases(
        "myshopline named",
        &named,
        "UpdateCustomerRequest",
        &MSL,
        &common(),
    );

    let mut explorer_cases = common();
    explorer_cases.extend([
        case_in(
            "accepts_marketing without email",
            ONLY_2022,
            vec![Remove("/customer/email")],
        ),
        case(
            "accepts_marketing as string",
            vec![Set("/customer/accepts_marketing", json!("true"))],
        ),
        case(
            "address unknown field",
            vec![Set("/customer/addresses/0/street", json!("x"))],
        ),
        case(
            "address city 65 characters",
            vec![Set("/customer/addresses/0/city", chars(65))],
        ),
        case(
            "address address1 256 characters",
            vec![Set("/customer/addresses/0/address1", chars(256))],
        ),
        case(
            "address default as string",
            vec![Set("/customer/addresses/0/default", json!("true"))],
        ),
        case(
            "address first_name 129 characters",
            vec![Set("/customer/addresses/0/first_name", chars(129))],
        ),
        case_in(
            "address zip 11 characters",
            ONLY_2022,
            vec![Set("/customer/addresses/0/zip", json!("12345678901"))],
        ),
        case_in(
            "address phone 17 characters",
            ONLY_2022,
            vec![Set(
                "/customer/addresses/0/phone",
                json!("00861583456447512"),
            )],
        ),
        case_in(
            "address country_code not alpha-2",
            ONLY_2026,
            vec![Set("/customer/addresses/0/country_code", json!("USA"))],
        ),
        case_in(
            "address phone with +",
            ONLY_2026,
            vec![Set("/customer/addresses/0/phone", json!("+8615834564475"))],
        ),
        case_in(
            "address id 65 characters",
            ONLY_2026,
            vec![Set("/customer/addresses/0/id", chars(65))],
        ),
        case_in(
            "address customer_id 65 characters",
            ONLY_2026,
            vec![Set("/customer/addresses/0/customer_id", chars(65))],
        ),
    ]);
    checks += run_cases(
        "myshopline explorer",
        &explorer,
        "UpdateCustomerRequest",
        &MSL,
        &explorer_cases,
    );
    assert!(checks > 60);

    let hundred_tags = Value::String(vec!["x".repeat(9); 100].join(","));
    run_valid(
        "myshopline named",
        &named,
        "UpdateCustomerRequest",
        &MSL,
        &[
            (
                "100 tags, 999 characters",
                vec![Set("/customer/tags", hundred_tags)],
            ),
            (
                "one tag of 100 characters",
                vec![Set("/customer/tags", chars(100))],
            ),
            ("empty customer", vec![Set("/customer", json!({}))]),
            (
                "accepts_marketing with email",
                vec![Set("/customer/accepts_marketing", json!(false))],
            ),
        ],
    );
    run_valid(
        "myshopline named",
        &named,
        "UpdateCustomerRequest",
        &[Msl2026],
        &[
            (
                "one tag of 128 characters",
                vec![Set("/customer/tags", chars(128))],
            ),
            (
                "current fields",
                vec![
                    Set("/customer/verified_email", json!(true)),
                    Set("/customer/multipass_identifier", chars(100)),
                    Set(
                        "/customer/email_marketing_consent",
                        json!({
                            "state": 2, "opt_in_level": 2, "consent_collected_from": "pop",
                            "consent_updated_at": "2022-05-31T15:32:46+08:00"
                        }),
                    ),
                    Set(
                        "/customer/sms_marketing_consent",
                        json!({"state": 1, "opt_in_level": 1}),
                    ),
                ],
            ),
            (
                "deprecated fields are annotations only",
                vec![
                    Set("/customer/accepts_marketing", json!(true)),
                    Set("/customer/password", json!("123456")),
                    Set("/customer/password_confirmation", json!("123456")),
                ],
            ),
            // Not stated by this version's update model: inferred (errata E-MSL-8).
            (
                "accepts_marketing without email",
                vec![
                    Remove("/customer/email"),
                    Set("/customer/accepts_marketing", json!(true)),
                ],
            ),
            // The consent fields' types, ranges, format (errata E-MSL-25) and the 50-character
            // limit of consent_collected_from (errata E-MSL-22) are inferred.
            (
                "consent fields outside their inferred rules",
                vec![
                    Set(
                        "/customer/email_marketing_consent",
                        json!({
                            "state": 4, "opt_in_level": 3,
                            "consent_collected_from": "x".repeat(51),
                            "consent_updated_at": "yesterday"
                        }),
                    ),
                    Set(
                        "/customer/sms_marketing_consent",
                        json!({"state": "1", "opt_in_level": -1}),
                    ),
                ],
            ),
        ],
    );
    // The update address phone format is `^00[0-9]`: the model's own example has separators.
    run_valid(
        "myshopline explorer",
        &explorer,
        "UpdateCustomerRequest",
        &MSL,
        &[(
            "address phone as in the vendor's example",
            vec![Set("/customer/addresses/0/phone", json!("001123-***-7890"))],
        )],
    );
}

#[test]
fn myshopline_create_request_rules() {
    let base = myshopline_create_base();
    const ONLY_2026: &[Doc] = &[Msl2026];
    let cases = [
        case(
            "neither email nor phone",
            vec![Remove("/customer/email"), Remove("/customer/phone")],
        ),
        case(
            "empty email and phone",
            vec![
                Set("/customer/email", json!("")),
                Set("/customer/phone", json!("")),
            ],
        ),
        case("empty customer", vec![Set("/customer", json!({}))]),
        case("no wrapper", vec![Remove("/customer")]),
        case(
            "email 51 characters",
            vec![Set("/customer/email", chars(51))],
        ),
        case(
            "verified_email as string",
            vec![Set("/customer/verified_email", json!("yes"))],
        ),
        case("unknown field", vec![Set("/customer/nickname", json!("x"))]),
        case_in(
            "address with customer_id",
            ONLY_2026,
            vec![Set("/customer/addresses", json!([{"customer_id": "1"}]))],
        ),
        case_in(
            "address with id",
            ONLY_2026,
            vec![Set("/customer/addresses", json!([{"id": "1"}]))],
        ),
        case_in(
            "multipass_identifier 101 characters",
            ONLY_2026,
            vec![Set("/customer/multipass_identifier", chars(101))],
        ),
        // Documented by the v20260301 create model; inferred on v20220901 create (errata E-MSL-8),
        // the one rule of the update page not kept there.
        case_in(
            "accepts_marketing without email",
            ONLY_2026,
            vec![
                Remove("/customer/email"),
                Set("/customer/accepts_marketing", json!(true)),
            ],
        ),
        case_in(
            "password of 5 characters",
            ONLY_2026,
            vec![Set("/customer/password", json!("31233"))],
        ),
    ];
    run_cases(
        "myshopline create",
        &base,
        "CreateCustomerRequest",
        &MSL,
        &cases,
    );
    run_valid(
        "myshopline create",
        &base,
        "CreateCustomerRequest",
        &MSL,
        &[
            ("email only", vec![Remove("/customer/phone")]),
            ("phone only", vec![Remove("/customer/email")]),
            (
                "newer fields are allowed on v20220901 (errata E-MSL-10)",
                vec![
                    Set("/customer/verified_email", json!(false)),
                    Set("/customer/multipass_identifier", json!("m-1")),
                    Set("/customer/password", json!("secret1")),
                    Set("/customer/password_confirmation", json!("secret1")),
                ],
            ),
            (
                "address with province_code",
                vec![Set(
                    "/customer/addresses",
                    json!([{"address1": "7720 Cherokee Road", "country_code": "US", "province_code": "KY", "default": true}]),
                )],
            ),
            // The 00 + calling code format is documented for update addresses only.
            (
                "address phone without the 00 prefix",
                vec![Set(
                    "/customer/addresses",
                    json!([{"phone": "+8615834564475"}]),
                )],
            ),
            (
                "accepts_marketing with email",
                vec![Set("/customer/accepts_marketing", json!(true))],
            ),
        ],
    );
}

/// `deprecated: true` follows the models: password fields are deprecated on update only
/// (errata E-MSL-12); accepts_marketing on both.
#[test]
fn myshopline_v20260301_deprecations_follow_the_models() {
    let doc = Msl2026.load();
    let deprecated = |schema: &str, field: &str| {
        let prop = doc
            .pointer(&format!("/components/schemas/{schema}/properties/{field}"))
            .unwrap_or_else(|| panic!("{schema}.{field} exists"));
        prop.get("deprecated") == Some(&json!(true))
    };
    for field in ["password", "password_confirmation"] {
        assert!(deprecated("CustomerUpdateInput", field), "update {field}");
        assert!(!deprecated("CustomerCreateInput", field), "create {field}");
    }
    assert!(deprecated("CustomerUpdateInput", "accepts_marketing"));
    assert!(deprecated("CustomerCreateInput", "accepts_marketing"));
    assert!(deprecated("AddressInput", "province_code"));
    assert!(!deprecated("AddressCreateInput", "province_code"));
}

#[test]
fn myshopline_response_rules() {
    let base = example("myshopline", "update-customer.response.json");
    for schema in ["CreateCustomerResponse", "UpdateCustomerResponse"] {
        let cases = [
            case("no customer", vec![Remove("/customer")]),
            case("customer without id", vec![Remove("/customer/id")]),
            case(
                "id as number",
                vec![Set("/customer/id", json!(4_211_465_524_u64))],
            ),
            case(
                "addresses as object",
                vec![Set("/customer/addresses", json!({}))],
            ),
        ];
        run_cases("myshopline response", &base, schema, &MSL, &cases);
        run_valid(
            "myshopline response",
            &base,
            schema,
            &MSL,
            &[
                (
                    "gender as string (errata E-MSL-3)",
                    vec![Set("/customer/gender", json!("female"))],
                ),
                ("extra field", vec![Set("/customer/language", json!("en"))]),
            ],
        );
        // v20220901 documents no answer type for gender; v20251201 and v20260301
        // declare a string, so an integer is one the official SDK cannot read.
        run_valid(
            "myshopline v20220901 response",
            &base,
            schema,
            &[Msl2022],
            &[
                ("gender as integer", vec![Set("/customer/gender", json!(2))]),
                (
                    "timestamp given as true (errata E-MSL-1)",
                    vec![Set(
                        "/customer/accepts_mobile_marketing_updated_at",
                        json!(true),
                    )],
                ),
            ],
        );
        run_cases(
            "myshopline v20260301 response",
            &base,
            schema,
            &[Msl2026],
            &[
                case(
                    "gender as integer (errata E-MSL-3)",
                    vec![Set("/customer/gender", json!(2))],
                ),
                case(
                    "timestamp given as true (errata E-MSL-1)",
                    vec![Set(
                        "/customer/accepts_mobile_marketing_updated_at",
                        json!(true),
                    )],
                ),
            ],
        );
    }
    for doc in MSL {
        let error = doc.validator("ErrorResponse");
        assert!(error.is_valid(&json!({"errors": "Too many request"})));
        assert!(error.is_valid(&json!({"errors": ["email is invalid"]})));
        assert!(error.is_valid(&json!({"errors": {"email": ["is invalid"]}})));
        assert!(!error.is_valid(&json!({"message": "no errors field"})));
        assert!(!error.is_valid(&json!({"errors": 429})));
    }
}
