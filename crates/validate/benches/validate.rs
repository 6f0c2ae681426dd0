//! shopspec-validate against the `jsonschema` crate's compiled validators (same
//! payloads, the `spec/` schemas), and JSONL throughput (parse + validate).
//!
//! Run: `cargo bench -p shopspec-validate`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jsonschema::{Draft, Registry, Validator};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};
use shopspec_validate::testing::valid_payload;
use shopspec_validate::{Api, ApiVersion, Operation, Target, validate_slice, validate_value};

/// Payloads per target in the comparison.
const PAYLOADS: usize = 64;
/// Lines of the JSONL buffer.
const JSONL_LINES: usize = 10_000;

/// `n` generated valid payloads; with `clean`, only those that draw no warning
/// either (the path where nothing at all is reported).
fn payloads(target: Target, n: usize, clean: bool) -> Vec<Value> {
    let mut runner = TestRunner::deterministic();
    let strategy = valid_payload(target);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let p = match strategy.new_tree(&mut runner) {
            Ok(tree) => tree.current(),
            Err(e) => panic!("{target}: no payload: {e}"),
        };
        let report = validate_value(target, &p);
        assert!(report.is_valid(), "{target}: {p}");
        if !clean || report.warnings.is_empty() {
            out.push(p);
        }
    }
    out
}

fn schema(target: Target) -> Validator {
    let (path, uri) = match (target.api, target.version) {
        (Api::Fecify, _) => ("fecify/openapi.yaml", "urn:shopspec:fecify"),
        (Api::Shopline, _) => ("shopline/openapi.yaml", "urn:shopspec:shopline"),
        (Api::Myshopline, v) if v == ApiVersion::V20220901 => (
            "myshopline/v20220901/openapi.yaml",
            "urn:shopspec:myshopline:v20220901",
        ),
        (Api::Myshopline, _) => (
            "myshopline/v20260301/openapi.yaml",
            "urn:shopspec:myshopline:v20260301",
        ),
    };
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec")
        .join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let doc: Value = serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let name = match target.operation {
        Operation::CreateCustomer => "CreateCustomerRequest",
        Operation::UpdateCustomer => "UpdateCustomerRequest",
    };
    let registry = Registry::new()
        .draft(Draft::Draft202012)
        .add(uri, Draft::Draft202012.create_resource(doc))
        .and_then(|r| r.prepare())
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&json!({ "$ref": format!("{uri}#/components/schemas/{name}") }))
        .unwrap_or_else(|e| panic!("{path}: {name}: {e}"))
}

fn targets() -> [Target; 6] {
    [
        Target::new(Api::Fecify, Operation::CreateCustomer),
        Target::new(Api::Fecify, Operation::UpdateCustomer),
        Target::new(Api::Shopline, Operation::CreateCustomer),
        Target::new(Api::Shopline, Operation::UpdateCustomer),
        Target::new(Api::Myshopline, Operation::CreateCustomer),
        Target::new(Api::Myshopline, Operation::UpdateCustomer),
    ]
}

fn versus_jsonschema(c: &mut Criterion) {
    for target in targets() {
        let payloads = payloads(target, PAYLOADS, true);
        let validator = schema(target);
        // Both must call every payload valid, or the comparison is meaningless.
        for p in &payloads {
            assert!(validate_value(target, p).is_valid(), "{target}: {p}");
            assert!(validator.is_valid(p), "{target}: schema rejects {p}");
        }
        let mut group =
            c.benchmark_group(format!("valid/{}", target.to_string().replace(' ', "-")));
        group.throughput(Throughput::Elements(PAYLOADS as u64));
        group.bench_function("shopspec", |b| {
            b.iter(|| {
                for p in &payloads {
                    black_box(validate_value(target, black_box(p)));
                }
            })
        });
        group.bench_function("jsonschema", |b| {
            b.iter(|| {
                for p in &payloads {
                    black_box(validator.is_valid(black_box(p)));
                }
            })
        });
        group.finish();
    }
}

fn jsonl(c: &mut Criterion) {
    let mut group = c.benchmark_group("jsonl");
    let cases = [
        (
            Target::new(Api::Myshopline, Operation::UpdateCustomer),
            true,
        ),
        (Target::new(Api::Shopline, Operation::CreateCustomer), true),
        (Target::new(Api::Fecify, Operation::CreateCustomer), true),
        // With deprecated fields and the like: lines that draw warnings take the full path.
        (
            Target::new(Api::Myshopline, Operation::UpdateCustomer),
            false,
        ),
    ];
    for (target, clean) in cases {
        let mut buffer = Vec::new();
        for p in payloads(target, JSONL_LINES, clean) {
            serde_json::to_writer(&mut buffer, &p).unwrap_or_else(|e| panic!("{e}"));
            buffer.push(b'\n');
        }
        group.throughput(Throughput::Bytes(buffer.len() as u64));
        let name = format!(
            "{}{}",
            target.to_string().replace(' ', "-"),
            if clean { "" } else { "/with-warnings" }
        );
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut valid = 0usize;
                for line in buffer.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                    if validate_slice(target, line).is_ok_and(|r| r.is_valid()) {
                        valid += 1;
                    }
                }
                assert_eq!(valid, JSONL_LINES);
            })
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = versus_jsonschema, jsonl
}
criterion_main!(benches);
