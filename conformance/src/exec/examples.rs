//! Documented examples, checked offline.

use super::Verdict;
use crate::case::Case;
use crate::spec::{Doc, ExampleKind, schema_name};
use shopspec_validate::{Target, validate_value};

pub(super) fn example_offline(case: &Case, example: &crate::spec::Example) -> Verdict {
    let doc = Doc::of(case.api, case.version.unwrap_or_default());
    let schema = schema_name(example.operation, example.kind);
    let mut problems = Vec::new();
    if let Err(errors) = doc.check(schema, &example.value) {
        problems.extend(errors.into_iter().map(|e| format!("{schema}: {e}")));
    }
    if example.kind == ExampleKind::Request {
        let target =
            Target::new(case.api, example.operation).with_version(case.version.unwrap_or_default());
        let report = validate_value(target, &example.value);
        problems.extend(report.errors.iter().map(|v| format!("validator: {v}")));
    }
    match (problems.is_empty(), example.conforming) {
        (true, true) => Verdict::Pass(format!("{} conforms", example.file)),
        (false, true) => Verdict::Fail(format!(
            "{} does not conform: {}",
            example.file,
            problems.join("; ")
        )),
        (false, false) => Verdict::Observe(format!(
            "the vendor's own example breaks the documented rules (errata E-SL-1): {}",
            problems.join("; ")
        )),
        (true, false) => Verdict::Fail(format!(
            "{} is filed as nonconforming but passes every check",
            example.file
        )),
    }
}
