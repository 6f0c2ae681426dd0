//! The fast paths (tree and bytes, `is_valid` and the report's shortcut) and
//! `findings` agree with the full report, and the full report stays what it was: every rule id,
//! pointer, limit, message and source, in the same order.
//!
//! The cases are generated valid payloads, every single-rule mutation, the
//! spec's request examples and the seed pages' examples.
//! `tests/fixtures/reports.jsonl` holds, per case, a digest of the payload and
//! of the whole report the tree walker gave when the byte-level fast path was
//! introduced, with the report's rule ids and pointers. `SHOPSPEC_BLESS=1 cargo test -p shopspec-validate --test
//! reference` rewrites it after a deliberate change of reports.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};
use shopspec_validate::testing::{mutation, mutations_of, valid_payload};
use shopspec_validate::{
    Api, Operation, Report, Target, findings, is_valid, is_valid_slice, validate_slice,
    validate_value,
};

/// Generated valid payloads per target in the fixture (each also carries every mutation once).
const VALID_PER_TARGET: usize = 4;

fn manifest() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn fixture() -> PathBuf {
    manifest().join("tests/fixtures/reports.jsonl")
}

/// The payloads of the fixture, built from the generators, the spec and the seeds.
fn cases() -> Vec<(Target, Value)> {
    let mut out = Vec::new();
    let mut runner = TestRunner::deterministic();
    for target in Target::all() {
        let strategy = valid_payload(target);
        for i in 0..VALID_PER_TARGET {
            let payload = strategy
                .new_tree(&mut runner)
                .unwrap_or_else(|e| panic!("{target}: {e}"))
                .current();
            if i == 0 {
                for m in mutations_of(target, &payload) {
                    out.push((target, m.payload));
                }
            }
            out.push((target, payload));
        }
    }
    let spec = manifest().join("../../spec");
    for api in Api::ALL {
        let dir = spec.join(api.to_string()).join("examples");
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .chain(
                fs::read_dir(dir.join("nonconforming"))
                    .into_iter()
                    .flatten(),
            )
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().contains(".request"))
            .collect();
        files.sort();
        for file in files {
            let text = fs::read_to_string(&file).expect("example reads");
            let payload: Value = serde_json::from_str(&text).expect("example is JSON");
            for target in Target::all().into_iter().filter(|t| t.api == api) {
                out.push((target, payload.clone()));
            }
        }
    }
    // The seed pages' request examples.
    let seeds = [
        (
            Api::Fecify,
            json!({
                "last_name": "li", "first_name": "yunlong2", "email": "liyunlong@pingan2.com",
                "phone": "+1 565689891", "accepts_marketing": 1, "numberCode": "1",
                "payafteruse_status": 2, "payafteruse_level": 1
            }),
        ),
        (
            Api::Fecify,
            json!({
                "id": 574, "first_name": "yunlong2", "last_name": "li1", "phone": "+1 565689891",
                "accepts_marketing": 1, "payafteruse_status": 2, "payafteruse_level": 1
            }),
        ),
        (
            Api::Myshopline,
            json!({"customer": {
                "birthday": "19990304", "email": "hqh0315@test.com", "first_name": "修改",
                "gender": 3, "last_name": "用户0315", "note": "Placedanorderthathadafraudwarning",
                "phone": "0015834564475", "tags": "loyal"
            }}),
        ),
    ];
    for (api, payload) in seeds {
        for target in Target::all().into_iter().filter(|t| t.api == api) {
            out.push((target, payload.clone()));
        }
    }
    out
}

/// Every fast path agrees with the full report on `payload`.
fn agree(target: Target, payload: &Value, report: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        is_valid(target, payload),
        report.is_valid(),
        "{} {}",
        target,
        payload
    );
    let text = serde_json::to_vec(payload).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(
        is_valid_slice(target, &text).ok(),
        Some(report.is_valid()),
        "{} {}",
        target,
        payload
    );
    let from_bytes =
        validate_slice(target, &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&from_bytes, report, "{} {}", target, payload);
    // `findings` lists the report's violations, in order, without messages.
    let found = findings(target, payload);
    for (found, reported) in [
        (&found.errors, &report.errors),
        (&found.warnings, &report.warnings),
    ] {
        prop_assert_eq!(found.len(), reported.len(), "{} {}", target, payload);
        for (f, v) in found.iter().zip(reported) {
            prop_assert!(f.matches(v), "{} {}: {} vs {}", target, payload, f, v);
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: a stable digest of JSON text (std's hasher may change between releases).
fn fnv(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// One fixture line: the target, digests of the payload and of the whole
/// serialised report, and the report's `rule pointer` pairs for readable diffs.
fn line(target: Target, payload: &Value, report: &Report) -> Value {
    let report_text = serde_json::to_string(report).expect("a report serialises");
    let rules: Vec<String> = report
        .errors
        .iter()
        .chain(&report.warnings)
        .map(|v| format!("{} {}", v.rule, v.pointer))
        .collect();
    json!({
        "target": target.to_string(),
        "payload": fnv(&payload.to_string()),
        "report": fnv(&report_text),
        "rules": rules,
    })
}

#[test]
fn full_reports_are_unchanged_and_fast_paths_agree() {
    let cases = cases();
    if std::env::var_os("SHOPSPEC_BLESS").is_some() {
        let mut text = String::new();
        for (target, payload) in &cases {
            let report = validate_value(*target, payload);
            text.push_str(&line(*target, payload, &report).to_string());
            text.push('\n');
        }
        fs::create_dir_all(fixture().parent().expect("a parent")).expect("fixtures dir");
        fs::write(fixture(), text).expect("fixture writes");
    }
    let text = fs::read_to_string(fixture()).expect("tests/fixtures/reports.jsonl exists");
    let expected: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture line is JSON"))
        .collect();
    assert_eq!(
        expected.len(),
        cases.len(),
        "the case list changed: re-bless"
    );
    for ((target, payload), want) in cases.iter().zip(&expected) {
        assert_eq!(
            want["payload"],
            json!(fnv(&payload.to_string())),
            "{target}: the generated payload changed ({payload}): re-bless"
        );
        let report = validate_value(*target, payload);
        assert_eq!(
            &line(*target, payload, &report),
            want,
            "{target}: {payload}"
        );
        if let Err(e) = agree(*target, payload, &report) {
            panic!("{e}");
        }
    }
    // Every target, with every mutation at least once.
    assert!(cases.len() > 1000, "only {} cases", cases.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
    ))]

    #[test]
    fn fast_paths_agree_on_generated_payloads(
        (target, valid, broken) in proptest::sample::select(Target::all())
            .prop_flat_map(|t| (Just(t), valid_payload(t), mutation(t)))
    ) {
        agree(target, &valid, &validate_value(target, &valid))?;
        agree(target, &broken.payload, &validate_value(target, &broken.payload))?;
        for m in mutations_of(target, &valid) {
            agree(target, &m.payload, &validate_value(target, &m.payload))?;
        }
    }
}

#[test]
fn fast_paths_agree_on_odd_text() {
    let target = Target::new(Api::Shopline, Operation::UpdateCustomer);
    // Repeated keys: the last one counts, as in a parsed tree.
    for text in [
        r#"{"gender": 5, "gender": "male"}"#,
        r#"{"gender": "male", "gender": 5}"#,
        r#"{"birth_year": 18446744073709551616}"#,
        r#"{"memo": "\u00e9\n", "name": null}"#,
        r#"{"custom_fields": {"a": [1e400]}}"#,
        r#"  {"tags": ["a", "b"]}  "#,
    ] {
        let parsed: Result<Value, _> = serde_json::from_str(text);
        let slice = validate_slice(target, text.as_bytes());
        match parsed {
            Ok(value) => {
                let report = validate_value(target, &value);
                assert_eq!(slice.as_ref().ok(), Some(&report), "{text}");
                assert_eq!(is_valid(target, &value), report.is_valid(), "{text}");
                assert_eq!(
                    is_valid_slice(target, text.as_bytes()).ok(),
                    Some(report.is_valid()),
                    "{text}"
                );
            }
            Err(_) => {
                assert!(slice.is_err(), "{text}");
                assert!(is_valid_slice(target, text.as_bytes()).is_err(), "{text}");
            }
        }
    }
}
