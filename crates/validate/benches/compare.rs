//! shopspec-validate against the `jsonschema` crate's compiled validators (same
//! payloads, the `spec/` schemas, formats asserted) and against serde_json's
//! syntax-only parse, per target, in one run:
//!
//! * `valid-tree`: valid payloads, tree given: `is_valid` vs `Validator::is_valid`;
//! * `valid-bytes`: valid payloads from bytes: `is_valid_slice` (and
//!   `validate_slice`, which returns the report) vs `serde_json::from_slice` to a
//!   `Value` + `Validator::is_valid`;
//! * `invalid-report`: single-rule mutations both reject: `validate_value` (every
//!   violation with pointer, rule, limit, message and source) and `findings`
//!   (every violation with pointer, rule, severity and source; the message is
//!   left out, as `iter_errors` leaves formatting to `Display`) vs `iter_errors`;
//! * `invalid-yes-no`: the same payloads: `is_valid` vs `Validator::is_valid`;
//! * `jsonl`: a 16 MiB JSON Lines buffer of valid payloads: `JsonLines` (what
//!   `shopspec validate --jsonl` runs) on 1 and 2 threads vs parsing each line to
//!   `serde::de::IgnoredAny` (the syntax-only floor);
//! * `jsonl-invalid`: a 16 MiB JSON Lines buffer where every tenth line breaks
//!   a rule (single-rule mutations of `testing::mutations_of`): `JsonLines` on
//!   1 thread, each invalid line rendered as `shopspec validate --jsonl` prints
//!   it (one text line per violation, message included), and without
//!   rendering, vs the floor on the same buffer;
//! * `jsonl-warnings`: lines that all draw warnings: the same, plus parse to a
//!   tree + `Validator::is_valid`.
//!
//! After criterion's own output, a table gives the ratios (theirs / ours: above
//! 1 means shopspec is faster) from the medians of the same samples, then the
//! aims of the issue, each with its measured value per target and `met` or
//! `MISSED`.
//!
//! Run: `cargo bench -p shopspec-validate --bench compare` (add
//! `-- --measurement-time 1 --warm-up-time 0.3` for a quicker run).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::io::{self, Cursor, Write as _};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use criterion::{Bencher, Criterion, Throughput};
use jsonschema::{Draft, Registry, Validator};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use shopspec_validate::testing::{mutations_of, valid_payload};
use shopspec_validate::{
    Api, ApiVersion, JsonLines, LineOutcome, Operation, Target, findings, is_valid, is_valid_slice,
    validate_slice, validate_value,
};

/// Payloads per target in the per-payload comparisons.
const PAYLOADS: usize = 64;
/// Bytes of each JSON Lines buffer (whole lines, at least this many): large
/// enough that a run is many chunks, as an export is.
const JSONL_BYTES: usize = 16 << 20;
/// Distinct payloads the JSON Lines buffers cycle through.
const JSONL_DISTINCT: usize = 1_000;
/// In the buffer with invalid lines, one line in this many breaks a rule.
const INVALID_EVERY: usize = 10;

/// Samples per function (criterion's `sample_size`).
const SAMPLE_SIZE: usize = 10;

/// Seconds per iteration, per `(group, function)`, from every call criterion made.
static SAMPLES: Mutex<BTreeMap<(String, String), Vec<f64>>> = Mutex::new(BTreeMap::new());

/// Times `f` for criterion and keeps the samples for the ratio table.
fn timed(b: &mut Bencher<'_>, group: &str, function: &str, mut f: impl FnMut()) {
    let key = (group.to_owned(), function.to_owned());
    b.iter_custom(|iters| {
        let start = Instant::now();
        for _ in 0..iters {
            f();
        }
        let elapsed = start.elapsed();
        if let Ok(mut samples) = SAMPLES.lock() {
            samples
                .entry(key.clone())
                .or_default()
                .push(elapsed.as_secs_f64() / iters as f64);
        }
        elapsed
    });
}

fn median(group: &str, function: &str) -> Option<f64> {
    let samples = SAMPLES.lock().ok()?;
    let mut v = samples
        .get(&(group.to_owned(), function.to_owned()))?
        .clone();
    // Criterion's measurement samples are its last calls; the warm-up calls
    // before them (a few iterations each) are left out.
    let measured = v.split_off(v.len().saturating_sub(SAMPLE_SIZE));
    let mut v = measured;
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

/// `n` generated valid payloads; with `warned`, only those that draw a warning.
fn payloads(target: Target, n: usize, warned: bool) -> Vec<Value> {
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
        if !warned || !report.warnings.is_empty() {
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

fn name(target: Target) -> String {
    let text = target.to_string();
    // The version only adds noise: the default one is benched.
    let mut words = text.split(' ');
    format!(
        "{}-{}",
        words.next().unwrap_or_default(),
        words.next().unwrap_or_default()
    )
}

/// Single-rule mutations that both validators reject, spread over the rules.
fn invalid_payloads(target: Target, valid: &[Value], validator: &Validator) -> Vec<Value> {
    let mut all = Vec::new();
    for p in valid.iter().take(4) {
        for m in mutations_of(target, p) {
            if m.schema_expressible
                && !validator.is_valid(&m.payload)
                && !validate_value(target, &m.payload).is_valid()
            {
                all.push(m.payload);
            }
        }
    }
    assert!(!all.is_empty(), "{target}: no invalid payload");
    let step = (all.len() / PAYLOADS).max(1);
    all.into_iter().step_by(step).take(PAYLOADS).collect()
}

fn jsonl_buffer(payloads: &[Value]) -> Vec<u8> {
    let mut buffer = Vec::with_capacity(JSONL_BYTES + 4096);
    for p in payloads.iter().cycle() {
        if buffer.len() >= JSONL_BYTES {
            break;
        }
        serde_json::to_writer(&mut buffer, p).unwrap_or_else(|e| panic!("{e}"));
        buffer.push(b'\n');
    }
    buffer
}

/// A JSON Lines buffer where line `i` breaks a rule when `i % INVALID_EVERY ==
/// INVALID_EVERY - 1` (cycling through `invalid`), and is valid otherwise;
/// with the number of invalid lines.
fn jsonl_invalid_buffer(valid: &[Value], invalid: &[Value]) -> (Vec<u8>, u64) {
    let mut buffer = Vec::with_capacity(JSONL_BYTES + 4096);
    let (mut v, mut bad) = (valid.iter().cycle(), invalid.iter().cycle());
    let mut broken = 0;
    for i in 0.. {
        if buffer.len() >= JSONL_BYTES {
            break;
        }
        let p = if i % INVALID_EVERY == INVALID_EVERY - 1 {
            broken += 1;
            bad.next()
        } else {
            v.next()
        };
        let p = p.unwrap_or_else(|| panic!("no payloads"));
        serde_json::to_writer(&mut buffer, p).unwrap_or_else(|e| panic!("{e}"));
        buffer.push(b'\n');
    }
    (buffer, broken)
}

/// Invalid payloads for the JSON Lines buffer: every single-rule mutation of
/// the first valid payloads that breaks a documented rule.
fn broken_payloads(target: Target, valid: &[Value]) -> Vec<Value> {
    let out: Vec<Value> = valid
        .iter()
        .take(16)
        .flat_map(|p| mutations_of(target, p))
        .map(|m| m.payload)
        .filter(|p| !validate_value(target, p).is_valid())
        .collect();
    assert!(!out.is_empty(), "{target}: no invalid payload");
    out
}

/// `JsonLines` on 1 thread, with `render`, each invalid line rendered as the
/// CLI's text output renders it (else not at all); `broken` lines must be
/// invalid.
fn jsonl_run_rendered(target: Target, buffer: &[u8], lines: u64, broken: u64, render: bool) {
    let summary = JsonLines::new(target)
        .jobs(1)
        .run(
            Cursor::new(buffer),
            &mut io::sink(),
            |number, outcome, out| {
                if !render {
                    return;
                }
                if let LineOutcome::Invalid(report) = outcome {
                    let tagged = report
                        .errors
                        .iter()
                        .map(|v| ("error", v))
                        .chain(report.warnings.iter().map(|v| ("warning", v)));
                    for (severity, v) in tagged {
                        let _ = writeln!(out, "line {number}: {severity}: {v}");
                    }
                }
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((summary.lines, summary.invalid), (lines, broken));
}

fn lines_of(buffer: &[u8]) -> u64 {
    buffer.iter().filter(|&&b| b == b'\n').count() as u64
}

/// `JsonLines` on `jobs` threads over the buffer; every line must be valid.
fn jsonl_run(target: Target, buffer: &[u8], jobs: usize, lines: u64) {
    let summary = JsonLines::new(target)
        .jobs(jobs)
        .run(Cursor::new(buffer), &mut io::sink(), |_, _, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.valid, lines);
}

/// Parses each line to `IgnoredAny`: serde_json's syntax-only floor.
fn floor(buffer: &[u8], lines: u64) {
    let mut n = 0u64;
    for line in buffer.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        if serde_json::from_slice::<IgnoredAny>(line).is_ok() {
            n += 1;
        }
    }
    assert_eq!(n, lines);
}

fn compare(c: &mut Criterion) {
    for target in targets() {
        let t = name(target);
        let validator = schema(target);
        let valid = payloads(target, PAYLOADS, false);
        // Both must call every payload valid, or the comparison is meaningless.
        for p in &valid {
            assert!(is_valid(target, p), "{target}: {p}");
            assert!(validator.is_valid(p), "{target}: schema rejects {p}");
        }
        let texts: Vec<Vec<u8>> = valid
            .iter()
            .map(|p| serde_json::to_vec(p).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        let invalid = invalid_payloads(target, &valid, &validator);

        let g = format!("{t}/valid-tree");
        let mut group = c.benchmark_group(&g);
        group.throughput(Throughput::Elements(valid.len() as u64));
        group.bench_function("shopspec", |b| {
            timed(b, &g, "shopspec", || {
                for p in &valid {
                    black_box(is_valid(target, black_box(p)));
                }
            })
        });
        group.bench_function("jsonschema", |b| {
            timed(b, &g, "jsonschema", || {
                for p in &valid {
                    black_box(validator.is_valid(black_box(p)));
                }
            })
        });
        group.finish();

        let g = format!("{t}/valid-bytes");
        let mut group = c.benchmark_group(&g);
        group.throughput(Throughput::Elements(texts.len() as u64));
        group.bench_function("shopspec", |b| {
            timed(b, &g, "shopspec", || {
                for text in &texts {
                    black_box(is_valid_slice(target, black_box(text)).ok());
                }
            })
        });
        group.bench_function("shopspec-report", |b| {
            timed(b, &g, "shopspec-report", || {
                for text in &texts {
                    black_box(validate_slice(target, black_box(text)).ok());
                }
            })
        });
        group.bench_function("jsonschema", |b| {
            timed(b, &g, "jsonschema", || {
                for text in &texts {
                    let value: Value =
                        serde_json::from_slice(black_box(text)).unwrap_or_else(|e| panic!("{e}"));
                    black_box(validator.is_valid(&value));
                }
            })
        });
        group.finish();

        let g = format!("{t}/invalid-report");
        let mut group = c.benchmark_group(&g);
        group.throughput(Throughput::Elements(invalid.len() as u64));
        group.bench_function("shopspec", |b| {
            timed(b, &g, "shopspec", || {
                for p in &invalid {
                    black_box(validate_value(target, black_box(p)));
                }
            })
        });
        group.bench_function("shopspec-findings", |b| {
            timed(b, &g, "shopspec-findings", || {
                for p in &invalid {
                    black_box(findings(target, black_box(p)));
                }
            })
        });
        group.bench_function("jsonschema", |b| {
            timed(b, &g, "jsonschema", || {
                for p in &invalid {
                    black_box(validator.iter_errors(black_box(p)).count());
                }
            })
        });
        group.finish();

        let g = format!("{t}/invalid-yes-no");
        let mut group = c.benchmark_group(&g);
        group.throughput(Throughput::Elements(invalid.len() as u64));
        group.bench_function("shopspec", |b| {
            timed(b, &g, "shopspec", || {
                for p in &invalid {
                    black_box(is_valid(target, black_box(p)));
                }
            })
        });
        group.bench_function("jsonschema", |b| {
            timed(b, &g, "jsonschema", || {
                for p in &invalid {
                    black_box(validator.is_valid(black_box(p)));
                }
            })
        });
        group.finish();

        let distinct = payloads(target, JSONL_DISTINCT, false);
        let buffer = jsonl_buffer(&distinct);
        jsonl_group(c, &t, "jsonl", target, &buffer, None);
        drop(buffer);

        let (buffer, broken) = jsonl_invalid_buffer(&distinct, &broken_payloads(target, &distinct));
        let lines = lines_of(&buffer);
        let g = format!("{t}/jsonl-invalid");
        let mut group = c.benchmark_group(&g);
        group.throughput(Throughput::Bytes(buffer.len() as u64));
        BYTES
            .lock()
            .map(|mut m| m.insert(g.clone(), buffer.len()))
            .ok();
        group.bench_function("shopspec", |b| {
            timed(b, &g, "shopspec", || {
                jsonl_run_rendered(target, &buffer, lines, broken, true)
            })
        });
        group.bench_function("shopspec-no-render", |b| {
            timed(b, &g, "shopspec-no-render", || {
                jsonl_run_rendered(target, &buffer, lines, broken, false)
            })
        });
        group.bench_function("serde-ignored-any", |b| {
            timed(b, &g, "serde-ignored-any", || floor(&buffer, lines))
        });
        group.finish();
    }
    // Lines that all draw warnings (deprecated fields): once the slow path.
    let target = Target::new(Api::Myshopline, Operation::UpdateCustomer);
    let buffer = jsonl_buffer(&payloads(target, JSONL_DISTINCT, true));
    jsonl_group(
        c,
        &name(target),
        "jsonl-warnings",
        target,
        &buffer,
        Some(&schema(target)),
    );
}

fn jsonl_group(
    c: &mut Criterion,
    t: &str,
    what: &str,
    target: Target,
    buffer: &[u8],
    validator: Option<&Validator>,
) {
    let g = format!("{t}/{what}");
    let lines = lines_of(buffer);
    let mut group = c.benchmark_group(&g);
    group.throughput(Throughput::Bytes(buffer.len() as u64));
    BYTES
        .lock()
        .map(|mut m| m.insert(g.clone(), buffer.len()))
        .ok();
    group.bench_function("shopspec", |b| {
        timed(b, &g, "shopspec", || jsonl_run(target, buffer, 1, lines))
    });
    group.bench_function("shopspec-2-jobs", |b| {
        timed(b, &g, "shopspec-2-jobs", || {
            jsonl_run(target, buffer, 2, lines)
        })
    });
    group.bench_function("serde-ignored-any", |b| {
        timed(b, &g, "serde-ignored-any", || floor(buffer, lines))
    });
    if let Some(validator) = validator {
        group.bench_function("jsonschema", |b| {
            timed(b, &g, "jsonschema", || {
                for line in buffer.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                    let value: Value =
                        serde_json::from_slice(line).unwrap_or_else(|e| panic!("{e}"));
                    black_box(validator.is_valid(&value));
                }
            })
        });
    }
    group.finish();
}

/// Bytes of each JSON Lines group's buffer.
static BYTES: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());

/// The ratio table: theirs / ours from the medians, and JSON Lines in MB/s.
fn print_ratios() {
    let ratio = |group: &str, theirs: &str, ours: &str| match (
        median(group, theirs),
        median(group, ours),
    ) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}x", a / b),
        _ => "-".to_owned(),
    };
    let mbps = |group: &str, function: &str| {
        let bytes = BYTES.lock().ok().and_then(|m| m.get(group).copied());
        match (bytes, median(group, function)) {
            (Some(n), Some(s)) if s > 0.0 => format!("{:.0}", n as f64 / s / 1e6),
            _ => "-".to_owned(),
        }
    };
    println!();
    println!("ratios: jsonschema (or the floor) time / shopspec time; above 1 = shopspec faster");
    println!(
        "| target | valid, tree | valid, bytes | valid, bytes, with report | invalid, full report | invalid, findings | invalid, yes/no | jsonl MB/s (1 job) | floor MB/s | jsonl / floor | 2 jobs / 1 job | jsonl 10% invalid MB/s | its floor MB/s | 10% invalid / floor | the same, not rendered |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for target in targets() {
        let t = name(target);
        let jsonl = format!("{t}/jsonl");
        let bad = format!("{t}/jsonl-invalid");
        println!(
            "| {t} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            ratio(&format!("{t}/valid-tree"), "jsonschema", "shopspec"),
            ratio(&format!("{t}/valid-bytes"), "jsonschema", "shopspec"),
            ratio(&format!("{t}/valid-bytes"), "jsonschema", "shopspec-report"),
            ratio(&format!("{t}/invalid-report"), "jsonschema", "shopspec"),
            ratio(
                &format!("{t}/invalid-report"),
                "jsonschema",
                "shopspec-findings"
            ),
            ratio(&format!("{t}/invalid-yes-no"), "jsonschema", "shopspec"),
            mbps(&jsonl, "shopspec"),
            mbps(&jsonl, "serde-ignored-any"),
            ratio(&jsonl, "serde-ignored-any", "shopspec"),
            ratio(&jsonl, "shopspec", "shopspec-2-jobs"),
            mbps(&bad, "shopspec"),
            mbps(&bad, "serde-ignored-any"),
            ratio(&bad, "serde-ignored-any", "shopspec"),
            ratio(&bad, "serde-ignored-any", "shopspec-no-render"),
        );
    }
    let t = name(Target::new(Api::Myshopline, Operation::UpdateCustomer));
    let g = format!("{t}/jsonl-warnings");
    println!();
    println!(
        "jsonl, lines with warnings ({t}): {} MB/s (2 jobs: {} MB/s); floor {} MB/s = {} of the floor; tree + jsonschema {} MB/s = {} of ours",
        mbps(&g, "shopspec"),
        mbps(&g, "shopspec-2-jobs"),
        mbps(&g, "serde-ignored-any"),
        ratio(&g, "serde-ignored-any", "shopspec"),
        mbps(&g, "jsonschema"),
        ratio(&g, "jsonschema", "shopspec"),
    );
}

/// The aims of the issue: each with its measured value per target and whether
/// it is met.
fn print_aims() {
    let ratio = |group: &str, theirs: &str, ours: &str| match (
        median(group, theirs),
        median(group, ours),
    ) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    let aims: [(&str, &str, &str, &str, f64); 3] = [
        (
            "invalid, full report >= 1.5x jsonschema iter_errors",
            "invalid-report",
            "jsonschema",
            "shopspec",
            1.5,
        ),
        (
            "--jsonl, 10% invalid lines >= 0.5x the serde_json floor",
            "jsonl-invalid",
            "serde-ignored-any",
            "shopspec",
            0.5,
        ),
        (
            "valid, tree >= 1.5x jsonschema",
            "valid-tree",
            "jsonschema",
            "shopspec",
            1.5,
        ),
    ];
    println!();
    println!("aims:");
    println!("| aim | target | measured | |");
    println!("|---|---|---|---|");
    for (aim, group, theirs, ours, at_least) in aims {
        for target in targets() {
            let t = name(target);
            let (measured, verdict) = match ratio(&format!("{t}/{group}"), theirs, ours) {
                Some(r) => (
                    format!("{r:.2}x"),
                    if r >= at_least { "met" } else { "MISSED" },
                ),
                None => ("-".to_owned(), "not run"),
            };
            println!("| {aim} | {t} | {measured} | {verdict} |");
        }
    }
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(SAMPLE_SIZE)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    compare(&mut c);
    c.final_summary();
    print_ratios();
    print_aims();
}
