//! `shopspec validate`, run as the built binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::common::{output_with_stdin, text};

fn spec(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec")
        .join(path)
}

/// Runs `shopspec validate <args>` with `stdin` piped in.
fn validate(args: &[&str], stdin: &str) -> Output {
    output_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_shopspec"))
            .arg("validate")
            .args(args),
        stdin.as_bytes(),
    )
}

#[test]
fn documented_examples_are_valid() {
    let cases = [
        (
            "fecify",
            "create-customer",
            "fecify/examples/create-customer.request.json",
            None,
        ),
        (
            "fecify",
            "update-customer",
            "fecify/examples/update-customer.request.json",
            None,
        ),
        (
            "shopline",
            "create-customer",
            "shopline/examples/create-customer.request.json",
            None,
        ),
        (
            "myshopline",
            "update-customer",
            "myshopline/examples/update-customer.request.json",
            Some("v20220901"),
        ),
        (
            "myshopline",
            "update-customer",
            "myshopline/examples/update-customer.request.json",
            None,
        ),
    ];
    for (api, op, file, version) in cases {
        let path = spec(file);
        let path = path.to_str().expect("UTF-8 path");
        let mut args = vec!["--api", api, "--op", op, path];
        if let Some(v) = version {
            args.extend(["--api-version", v]);
        }
        let out = validate(&args, "");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        assert!(text(&out.stdout).contains("valid"), "{}", text(&out.stdout));
    }
}

#[test]
fn broken_payload_is_a_finding_with_json_details() {
    let payload = r#"{"customer": {"first_name": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "gender": 7}}"#;
    let out = validate(
        &[
            "--api",
            "myshopline",
            "--op",
            "update-customer",
            "--format",
            "json",
            "-",
        ],
        payload,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["valid"], Value::Bool(false));
    let errors = report["errors"].as_array().expect("errors array");
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["pointer"], "/customer/first_name");
    assert_eq!(errors[0]["rule"], "max_length");
    assert_eq!(errors[0]["limit"], 128);
    assert!(
        errors[0]["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("https://"))
    );
    assert_eq!(errors[1]["pointer"], "/customer/gender");
    assert_eq!(errors[1]["rule"], "range");
    assert_eq!(report["warnings"], Value::Array(vec![]));
}

#[test]
fn text_output_has_one_line_per_violation_and_a_verdict() {
    let out = validate(
        &["--api", "fecify", "--op", "update-customer"],
        r#"{"id": 1, "email": "a@b.co"}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with("error: /email: ")
            && lines[0].ends_with(
                "[not_updatable] (source: https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html)"
            ),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("invalid"), "{}", lines[1]);
}

#[test]
fn bad_json_is_a_usage_error_with_line_and_column() {
    let out = validate(
        &["--api", "fecify", "--op", "create-customer"],
        "{\n  \"email\": ,\n}",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 2, column 12"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = validate(&["--api", "woocommerce", "--op", "create-customer"], "{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("woocommerce"));

    let out = validate(
        &[
            "--api",
            "fecify",
            "--op",
            "create-customer",
            "--api-version",
            "v20260301",
        ],
        "{}",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--api-version"));

    let out = validate(
        &[
            "--api",
            "myshopline",
            "--op",
            "create-customer",
            "--api-version",
            "v20250601",
        ],
        "{}",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("v20220901"),
        "{}",
        text(&out.stderr)
    );

    let out = validate(
        &[
            "--api",
            "fecify",
            "--op",
            "create-customer",
            "/nonexistent/payload.json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_documents_the_default_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_shopspec"))
        .args(["validate", "--help"])
        .output()
        .expect("help runs");
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    let latest = shopspec_validate::ApiVersion::LATEST_STABLE.to_string();
    assert!(help.contains(&format!("Default: {latest}")), "{help}");
}

#[test]
fn jsonl_reports_bad_lines_by_number() {
    let good = r#"{"id": 1, "first_name": "a"}"#;
    let input = format!("{good}\n\n{good}\n{{\"id\": \"x\"}}\n{good}\n{{\"id\": 2,,}}\n{good}\n");
    let out = validate(
        &["--api", "fecify", "--op", "update-customer", "--jsonl"],
        &input,
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("line 4: error: /id: "), "{}", lines[0]);
    assert!(
        lines[1].starts_with("line 6: error: invalid JSON at column 10"),
        "{}",
        lines[1]
    );
    assert!(
        text(&out.stderr).contains("6 lines, 4 valid, 1 invalid, 1 unparseable"),
        "{}",
        text(&out.stderr)
    );

    let out = validate(
        &[
            "--api",
            "fecify",
            "--op",
            "update-customer",
            "--jsonl",
            "--format",
            "json",
        ],
        &input,
    );
    assert_eq!(out.status.code(), Some(1));
    let objects: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["line"], 4);
    assert_eq!(objects[0]["valid"], false);
    assert_eq!(objects[0]["errors"][0]["rule"], "type");
    assert_eq!(objects[1]["line"], 6);
    assert_eq!(objects[1]["parse_error"]["column"], 10);
}

#[test]
fn jsonl_of_valid_lines_exits_0() {
    let input = "{\"id\": 1}\n{\"id\": 2, \"customervip_id\": \"\"}\n";
    let out = validate(
        &["--api", "fecify", "--op", "update-customer", "--jsonl"],
        input,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).is_empty());
    assert!(text(&out.stderr).contains("2 lines, 2 valid, 0 invalid, 0 unparseable"));
}

/// A JSON Lines file of `lines` fecify update payloads: valid lines with, every
/// `bad_every` lines, an invalid line, a line that is not JSON and a blank line.
fn jsonl_file(name: &str, lines: usize, bad_every: usize) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("temp file"));
    for i in 0..lines {
        let line = match i % bad_every {
            1 => format!(r#"{{"id": "{i}", "email": "x@example.com"}}"#),
            2 => format!(r#"  {{"id": {i}, "first_name": "#),
            3 => String::new(),
            4 => format!(r#"{{"id": {i}, "accepts_marketing": 3, "numberCode": "1"}}"#),
            _ => format!(
                r#"{{"id": {i}, "first_name": "Ann", "last_name": "Li", "phone": "0912345678", "accepts_marketing": 1, "note": "an export line of a typical length"}}"#
            ),
        };
        writeln!(out, "{line}").expect("temp file writes");
    }
    out.flush().expect("temp file writes");
    path
}

/// `shopspec validate --jsonl` of Fecify updates on a file, with `extra` flags.
fn jsonl_command(path: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shopspec"));
    command
        .args([
            "validate",
            "--api",
            "fecify",
            "--op",
            "update-customer",
            "--jsonl",
        ])
        .args(extra)
        .arg(path);
    command
}

/// Runs `shopspec validate --jsonl` on a file.
fn validate_file(path: &Path, extra: &[&str]) -> Output {
    jsonl_command(path, extra).output().expect("shopspec runs")
}

#[test]
fn jsonl_output_is_the_same_for_any_number_of_jobs() {
    // About 0.9 MB: fourteen 64 KiB chunks, so every thread gets several.
    let path = jsonl_file("jobs.jsonl", 6_000, 50);
    for format in ["text", "json"] {
        let one = validate_file(&path, &["--format", format, "--jobs", "1"]);
        assert_eq!(one.status.code(), Some(1), "{}", text(&one.stderr));
        let bad_lines: Vec<String> = text(&one.stdout)
            .lines()
            .map(|l| match format {
                "text" => l.split(':').next().unwrap_or_default().to_owned(),
                _ => serde_json::from_str::<Value>(l).expect("JSON line")["line"].to_string(),
            })
            .collect();
        // Invalid lines 2 and 5, then line 3 (not JSON), in file order, to the last ones.
        assert!(
            bad_lines.len() >= 3 * 120,
            "{format}: {} lines",
            bad_lines.len()
        );
        assert!(
            bad_lines.first().is_some_and(|l| l.ends_with('2')),
            "{bad_lines:?}"
        );
        assert!(
            bad_lines.last().is_some_and(|l| l.contains("5955")),
            "{bad_lines:?}"
        );
        assert_eq!(
            text(&one.stderr).trim(),
            "5880 lines, 5520 valid, 240 invalid, 120 unparseable"
        );
        for jobs in ["2", "3", "8"] {
            let many = validate_file(&path, &["--format", format, "--jobs", jobs]);
            assert_eq!(many.status.code(), Some(1));
            assert!(
                many.stdout == one.stdout,
                "{format} --jobs {jobs}: output differs"
            );
            assert_eq!(text(&many.stderr), text(&one.stderr), "--jobs {jobs}");
        }
    }
}

#[test]
fn jobs_needs_jsonl_and_a_positive_number() {
    for args in [
        &["--api", "fecify", "--op", "update-customer", "--jobs", "2"][..],
        &[
            "--api",
            "fecify",
            "--op",
            "update-customer",
            "--jsonl",
            "--jobs",
            "0",
        ][..],
    ] {
        let out = validate(args, "{}\n");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

/// The peak resident memory (VmHWM, KiB) of `shopspec validate --jsonl --jobs 2`
/// on `path`, read from /proc while it runs.
#[cfg(target_os = "linux")]
fn peak_rss_kib(path: &Path) -> u64 {
    let mut child = jsonl_command(path, &["--jobs", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("shopspec starts");
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        // The high-water mark only grows: the last reading before exit is the peak
        // up to a few milliseconds.
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        if let Some(code) = child.try_wait().expect("shopspec runs") {
            assert_eq!(code.code(), Some(1), "the file has invalid lines");
            return peak;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Memory stays flat: a 32 MiB file peaks within 8 MiB of a 1 MiB file, and
/// below the file's own size. 32 MiB is about three times the whole process's
/// peak, so holding the input (or the output) would show, and it runs in about
/// two seconds in a debug build.
#[cfg(target_os = "linux")]
#[test]
fn jsonl_memory_stays_flat_on_a_large_file() {
    let line = 147; // bytes per line, on average
    let small = jsonl_file("flat-small.jsonl", (1 << 20) / line, 1000);
    let large = jsonl_file("flat-large.jsonl", (32 << 20) / line, 1000);
    let size = std::fs::metadata(&large).expect("file exists").len();
    assert!(size > 30 << 20, "{size} bytes");
    let base = peak_rss_kib(&small);
    let peak = peak_rss_kib(&large);
    assert!(base > 0 && peak > 0, "no reading of /proc");
    assert!(
        peak <= base + 8 * 1024,
        "peak {peak} KiB on 32 MiB vs {base} KiB on 1 MiB"
    );
    assert!(peak * 1024 < size, "peak {peak} KiB for a {size}-byte file");
    let _ = std::fs::remove_file(small);
    let _ = std::fs::remove_file(large);
}
