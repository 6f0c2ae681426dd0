//! The documented examples: checked offline against `spec/` and the validator,
//! and (the conforming request examples) sent to the store.

use serde_json::{Value, json};
use shopspec_model::Operation;

use super::Builder;
use crate::case::Check;
use crate::case::Plan;
use crate::payloads::{self, EMAIL, ID};
use crate::report::CaseKind;
use crate::spec::{Example, ExampleKind, examples};
use shopspec_model::Api;

impl Builder {
    pub(super) fn examples(&mut self) {
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
}
