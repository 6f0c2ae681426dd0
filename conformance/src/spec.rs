//! The OpenAPI documents and documented examples of `spec/`, embedded at build time,
//! and JSON Schema checks of answers against their component schemas.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use jsonschema::{Draft, Registry, Validator};
use serde::Serialize;
use serde_json::{Value, json};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// A compiled component schema, or why it could not be compiled.
type Compiled = Result<Arc<Validator>, String>;

/// One OpenAPI document of `spec/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Doc {
    Fecify,
    Shopline,
    Myshopline20220901,
    Myshopline20260301,
}

impl Doc {
    /// The document that describes `api` (and, for myshopline, `version`).
    pub(crate) fn of(api: Api, version: ApiVersion) -> Doc {
        match api {
            Api::Fecify => Doc::Fecify,
            Api::Shopline => Doc::Shopline,
            // v20251201 has the v20260301 customer model (reference myshopline-admin-api.md §2.7).
            Api::Myshopline if version >= ApiVersion::V20251201 => Doc::Myshopline20260301,
            Api::Myshopline => Doc::Myshopline20220901,
        }
    }

    fn text(self) -> &'static str {
        match self {
            Doc::Fecify => include_str!("../../spec/fecify/openapi.yaml"),
            Doc::Shopline => include_str!("../../spec/shopline/openapi.yaml"),
            Doc::Myshopline20220901 => include_str!("../../spec/myshopline/v20220901/openapi.yaml"),
            Doc::Myshopline20260301 => include_str!("../../spec/myshopline/v20260301/openapi.yaml"),
        }
    }

    /// The path of the document below the repository root, used as a doc source.
    pub(crate) fn path(self) -> &'static str {
        match self {
            Doc::Fecify => "spec/fecify/openapi.yaml",
            Doc::Shopline => "spec/shopline/openapi.yaml",
            Doc::Myshopline20220901 => "spec/myshopline/v20220901/openapi.yaml",
            Doc::Myshopline20260301 => "spec/myshopline/v20260301/openapi.yaml",
        }
    }

    fn uri(self) -> &'static str {
        match self {
            Doc::Fecify => "urn:shopspec:fecify",
            Doc::Shopline => "urn:shopspec:shopline",
            Doc::Myshopline20220901 => "urn:shopspec:myshopline:v20220901",
            Doc::Myshopline20260301 => "urn:shopspec:myshopline:v20260301",
        }
    }

    /// The parsed document; `Err` carries the parse error (a broken spec is reported
    /// per case, never a panic).
    fn document(self) -> &'static Result<Value, String> {
        static DOCS: LazyLock<HashMap<Doc, Result<Value, String>>> = LazyLock::new(|| {
            [
                Doc::Fecify,
                Doc::Shopline,
                Doc::Myshopline20220901,
                Doc::Myshopline20260301,
            ]
            .into_iter()
            .map(|doc| {
                let parsed = serde_norway::from_str::<Value>(doc.text())
                    .map_err(|e| format!("{} is not valid YAML: {e}", doc.path()));
                (doc, parsed)
            })
            .collect()
        });
        // Every variant is inserted above.
        &DOCS[&self]
    }

    /// Checks `value` against `#/components/schemas/<schema>` (draft 2020-12,
    /// formats asserted). `Err` lists every problem with its JSON pointer.
    pub(crate) fn check(self, schema: &str, value: &Value) -> Result<(), Vec<String>> {
        static CACHE: LazyLock<Mutex<HashMap<(Doc, String), Compiled>>> =
            LazyLock::new(|| Mutex::new(HashMap::new()));
        let compiled = {
            let mut cache = CACHE
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            cache
                .entry((self, schema.to_owned()))
                .or_insert_with(|| self.compile(schema).map(Arc::new))
                .clone()
        };
        let validator = compiled.map_err(|e| vec![e])?;
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| {
                let at = e.instance_path().to_string();
                format!("{}: {e}", if at.is_empty() { "(body)" } else { &at })
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn compile(self, schema: &str) -> Result<Validator, String> {
        let doc = self.document().as_ref().map_err(Clone::clone)?;
        if doc
            .pointer(&format!("/components/schemas/{schema}"))
            .is_none()
        {
            return Err(format!(
                "{} has no components.schemas.{schema}",
                self.path()
            ));
        }
        let registry = Registry::new()
            .draft(Draft::Draft202012)
            .add(self.uri(), Draft::Draft202012.create_resource(doc.clone()))
            .and_then(|b| b.prepare())
            .map_err(|e| format!("{}: {e}", self.path()))?;
        jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .with_registry(&registry)
            .build(&json!({ "$ref": format!("{}#/components/schemas/{schema}", self.uri()) }))
            .map_err(|e| format!("{}: schema {schema} does not compile: {e}", self.path()))
    }
}

/// Request or response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// A documented request body.
    Request,
    /// A documented answer body.
    Response,
}

/// One documented example of `spec/<api>/examples/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// The API.
    pub api: Api,
    /// The operation the example belongs to.
    pub operation: Operation,
    /// Request or response.
    pub kind: ExampleKind,
    /// The variant of the file name (`update-customer.request.explorer.json` -> `explorer`).
    pub variant: Option<String>,
    /// `false` for files under `nonconforming/`: the vendor's example breaks its own rules.
    pub conforming: bool,
    /// The file below the repository root, e.g. `spec/fecify/examples/create-customer.request.json`.
    pub file: String,
    /// The parsed example.
    pub value: Value,
}

impl Example {
    /// A short slug for case ids: `request`, `request.explorer`, `response`.
    pub(crate) fn slug(&self) -> String {
        let kind = match self.kind {
            ExampleKind::Request => "request",
            ExampleKind::Response => "response",
        };
        let mut slug = match &self.variant {
            Some(v) => format!("{kind}.{v}"),
            None => kind.to_owned(),
        };
        if !self.conforming {
            slug.push_str(".nonconforming");
        }
        slug
    }
}

/// Every documented example, parsed once. Files that do not parse or whose names do
/// not follow `<operation>.<request|response>[.<variant>].json` are listed in
/// [`example_problems`] instead.
pub fn examples() -> &'static [Example] {
    &EXAMPLES.0
}

/// Example files that could not be used, with the reason.
pub fn example_problems() -> &'static [String] {
    &EXAMPLES.1
}

static EXAMPLES: LazyLock<(Vec<Example>, Vec<String>)> = LazyLock::new(|| {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (api, rel, text) in EXAMPLE_FILES {
        let file = format!("spec/{api}/examples/{rel}");
        match parse_example(api, rel, text, &file) {
            Ok(example) => found.push(example),
            Err(problem) => problems.push(format!("{file}: {problem}")),
        }
    }
    (found, problems)
});

fn parse_example(api: &str, rel: &str, text: &str, file: &str) -> Result<Example, String> {
    let api: Api = api.parse().map_err(|e| format!("{e}"))?;
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = name
        .strip_suffix(".json")
        .ok_or("not a .json file".to_owned())?;
    let mut parts = stem.splitn(3, '.');
    let operation: Operation = parts
        .next()
        .unwrap_or_default()
        .parse()
        .map_err(|e| format!("{e}"))?;
    let kind = match parts.next() {
        Some("request") => ExampleKind::Request,
        Some("response") => ExampleKind::Response,
        other => return Err(format!("expected request or response, found {other:?}")),
    };
    let variant = parts.next().map(str::to_owned);
    let value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    Ok(Example {
        api,
        operation,
        kind,
        variant,
        conforming: !dir.split('/').any(|d| d == "nonconforming"),
        file: file.to_owned(),
        value,
    })
}

/// The component schema a request or answer of `operation` is checked against.
pub(crate) fn schema_name(operation: Operation, kind: ExampleKind) -> &'static str {
    match (operation, kind) {
        (Operation::CreateCustomer, ExampleKind::Request) => "CreateCustomerRequest",
        (Operation::CreateCustomer, ExampleKind::Response) => "CreateCustomerResponse",
        (Operation::UpdateCustomer, ExampleKind::Request) => "UpdateCustomerRequest",
        (Operation::UpdateCustomer, ExampleKind::Response) => "UpdateCustomerResponse",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_file_is_usable() {
        assert!(example_problems().is_empty(), "{:?}", example_problems());
        assert!(examples().len() >= 4, "found {:?}", examples().len());
    }

    #[test]
    fn documented_fecify_create_example_validates_and_a_broken_one_does_not() {
        let example = examples()
            .iter()
            .find(|e| {
                e.api == Api::Fecify
                    && e.operation == Operation::CreateCustomer
                    && e.kind == ExampleKind::Response
            })
            .expect("fecify create response example");
        assert_eq!(
            Doc::Fecify.check("CreateCustomerResponse", &example.value),
            Ok(())
        );
        let mut broken = example.value.clone();
        broken["data"]["created_at"] = json!("25/05/2026");
        let errors = Doc::Fecify
            .check("CreateCustomerResponse", &broken)
            .expect_err("a bad timestamp must fail");
        assert!(
            errors.iter().any(|e| e.contains("/data/created_at")),
            "{errors:?}"
        );
    }

    #[test]
    fn unknown_schema_is_an_error_not_a_panic() {
        let errors = Doc::Shopline
            .check("NoSuchSchema", &json!({}))
            .expect_err("unknown schema");
        assert!(errors[0].contains("NoSuchSchema"));
    }
}
