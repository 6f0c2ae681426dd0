//! `shopspec validate`, run as the built binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn spec(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec")
        .join(path)
}

/// Runs `shopspec validate <args>` with `stdin` piped in.
fn validate(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shopspec"))
        .arg("validate")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the shopspec binary starts");
    let written = child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(stdin.as_bytes());
    // A usage error may end the process before it reads its input.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().expect("shopspec finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
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
            && lines[0].ends_with("[not_updatable] (source: seeds/fecify-update-customer.txt)"),
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
