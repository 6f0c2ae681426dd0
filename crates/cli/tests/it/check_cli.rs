//! `shopspec check` end to end: the binary, its exit codes, its files and its
//! secrecy. Stores are the embedded sandbox or one started here on loopback.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;
use shopspec_sandbox::{Api, Sandbox};

use crate::common::{self, text};

const TOKEN: &str = "check-cli-test-token-3e8f1a";

fn shopspec(args: &[&str]) -> Output {
    // Runs against a store keep a state file in the current directory: a
    // temporary one, never the checkout.
    let cwd = temp("cwd");
    std::fs::create_dir_all(&cwd).expect("temp dir");
    common::shopspec()
        .arg("check")
        .args(args)
        .current_dir(&cwd)
        .output()
        .expect("the binary runs")
}

/// A file path in the temp dir, unique to this test process.
fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("shopspec-check-cli-{}-{name}", std::process::id()))
}

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .token(TOKEN)
        .start()
        .await
        .expect("the sandbox starts")
}

/// Runs the binary without blocking the runtime that serves the sandbox.
async fn shopspec_async(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        shopspec(&args)
    })
    .await
    .expect("the command finishes")
}

#[test]
fn default_run_passes_and_writes_a_json_report_and_a_junit_file() {
    let json_path = temp("report.json");
    let junit_path = temp("junit.xml");
    let out = shopspec(&[
        "--report-json",
        json_path.to_str().expect("utf-8 path"),
        "--junit",
        junit_path.to_str().expect("utf-8 path"),
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&out.stderr)
    );
    assert!(stdout.contains("OK"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}'),
        "no colour when NO_COLOR is set or stdout is not a terminal"
    );

    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("the report exists"))
            .expect("the report is JSON");
    for key in ["passed", "failed", "skipped", "observations"] {
        assert!(report["summary"][key].is_u64(), "summary.{key}");
    }
    assert_eq!(report["summary"]["failed"], 0);
    let cases = report["cases"].as_array().expect("cases");
    assert!(cases.len() > 100, "{} cases", cases.len());
    for case in cases {
        for key in ["id", "api", "op", "status", "source", "message"] {
            assert!(case.get(key).is_some(), "{key} missing in {case}");
        }
        let status = case["status"].as_str().unwrap_or_default();
        assert!(
            ["passed", "failed", "skipped", "observation"].contains(&status),
            "{status}"
        );
    }
    for api in ["fecify", "shopline", "myshopline"] {
        assert!(cases.iter().any(|c| c["api"] == api), "no {api} case");
    }
    for version in ["v20220901", "v20251201", "v20260301"] {
        assert!(
            cases.iter().any(|c| c["version"] == version),
            "no myshopline {version} case"
        );
    }
    assert!(!report["created"].as_array().expect("created").is_empty());

    let junit = std::fs::read_to_string(&junit_path).expect("the JUnit file exists");
    assert!(
        junit.starts_with("<?xml"),
        "{}",
        &junit[..junit.len().min(200)]
    );
    assert!(junit.contains("<testsuite name=\"fecify\""));
    assert!(junit.contains("<testsuite name=\"myshopline v20260301\""));
    assert_eq!(junit.matches("<testcase ").count(), cases.len());
    assert!(!junit.contains("<failure"));
    // Tokens the CLI makes for the sandbox never show.
    for output in [&stdout, &text(&out.stderr), &junit, &report.to_string()] {
        assert!(!output.contains("shopspec-unlimited-") && !output.contains("shopspec-standard-"));
    }
    let _ = std::fs::remove_file(json_path);
    let _ = std::fs::remove_file(junit_path);
}

#[test]
fn base_url_without_api_is_a_usage_error() {
    let out = shopspec(&["--base-url", "http://127.0.0.1:9", "--token", "x-token"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--api"), "{}", text(&out.stderr));
}

#[test]
fn base_url_without_token_is_a_usage_error() {
    let out = shopspec(&[
        "--base-url",
        "http://127.0.0.1:9",
        "--api",
        "shopline",
        "--token-env",
        "SHOPSPEC_NO_SUCH_VAR_91",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("SHOPSPEC_NO_SUCH_VAR_91"));
}

#[test]
fn an_unreachable_store_exits_2_with_a_clear_message() {
    let out = shopspec(&[
        "--base-url",
        "http://127.0.0.1:9",
        "--api",
        "fecify",
        "--token",
        "x-token",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("cannot be reached"), "{stderr}");
    assert!(stderr.contains("127.0.0.1:9"), "{stderr}");
}

#[test]
fn only_selects_cases_by_pattern() {
    let json_path = temp("only.json");
    let out = shopspec(&[
        "--only",
        "fecify.create.*,*.update.auth.wrong-token",
        "--report-json",
        json_path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("report")).expect("JSON");
    let ids: Vec<&str> = report["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert!(ids.contains(&"fecify.create.status-is-5"));
    assert!(ids.contains(&"myshopline.v20220901.update.auth.wrong-token"));
    assert!(
        ids.iter()
            .all(|id| id.starts_with("fecify.create.") || id.ends_with(".update.auth.wrong-token")),
        "{ids:?}"
    );
    let _ = std::fs::remove_file(json_path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_allow_writes_write_cases_are_skipped_and_nothing_is_created() {
    let sandbox = sandbox().await;
    let json_path = temp("readonly.json");
    let out = shopspec_async(vec![
        "--base-url".into(),
        sandbox.base_url(Api::Myshopline),
        "--api".into(),
        "myshopline".into(),
        "--token".into(),
        TOKEN.into(),
        "--report-json".into(),
        json_path.to_string_lossy().into_owned(),
    ])
    .await;
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("report")).expect("JSON");
    let cases = report["cases"].as_array().expect("cases");
    let skipped: Vec<&Value> = cases.iter().filter(|c| c["status"] == "skipped").collect();
    assert!(!skipped.is_empty());
    // Every case that writes is skipped, with the request it would send.
    for c in cases.iter().filter(|c| c["writes"] == true) {
        assert_eq!(c["status"], "skipped", "{}", c["id"]);
        assert!(c["request"]["path"].is_string(), "{}", c["id"]);
    }
    // Read-only cases ran.
    assert!(cases.iter().any(
        |c| c["id"] == "myshopline.v20260301.update.auth.wrong-token" && c["status"] == "passed"
    ));
    assert_eq!(sandbox.stats().customers_created(Api::Myshopline), 0);
    assert_eq!(
        sandbox
            .customer_count(Api::Myshopline)
            .await
            .expect("count"),
        0
    );
    assert!(report["created"].as_array().is_some_and(Vec::is_empty));
    assert!(stdout.contains("--allow-writes"), "{stdout}");
    let _ = std::fs::remove_file(json_path);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_absent_from_every_output() {
    let sandbox = sandbox().await;
    let json_path = temp("secret.json");
    let junit_path = temp("secret.xml");
    for (api, extra) in [
        (Api::Shopline, vec!["--allow-writes"]),
        (Api::Fecify, vec!["--allow-writes"]),
    ] {
        let mut args: Vec<String> = vec![
            "--base-url".into(),
            sandbox.base_url(api),
            "--api".into(),
            api.to_string(),
            "--report-json".into(),
            json_path.to_string_lossy().into_owned(),
            "--junit".into(),
            junit_path.to_string_lossy().into_owned(),
            "--token-env".into(),
            "SHOPSPEC_CHECK_TEST_TOKEN".into(),
        ];
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        let out = tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_shopspec"))
                .arg("check")
                .args(&args)
                .arg("--no-state")
                .env("SHOPSPEC_CHECK_TEST_TOKEN", TOKEN)
                .output()
                .expect("the binary runs")
        })
        .await
        .expect("finishes");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}\n{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let json = std::fs::read_to_string(&json_path).expect("report");
        let junit = std::fs::read_to_string(&junit_path).expect("junit");
        assert!(json.contains("***"), "the auth header is shown masked");
        for (name, output) in [
            ("stdout", text(&out.stdout)),
            ("stderr", text(&out.stderr)),
            ("json", json),
            ("junit", junit),
        ] {
            assert!(
                !output.contains(TOKEN),
                "{api}: the token leaked into {name}"
            );
        }
    }
    // And with a wrong token on the command line: the run stops before any
    // case (exit 2), and its message does not repeat the token either.
    let out = shopspec_async(vec![
        "--base-url".into(),
        sandbox.base_url(Api::Myshopline),
        "--api".into(),
        "myshopline".into(),
        "--token".into(),
        "check-cli-wrong-token-77".into(),
        "--allow-writes".into(),
        "--only".into(),
        "*.create.response-schema".into(),
    ])
    .await;
    assert_eq!(
        out.status.code(),
        Some(2),
        "a refused token is an error of the run, not a failed case"
    );
    assert!(text(&out.stderr).contains("refused the token"));
    assert!(!text(&out.stdout).contains("check-cli-wrong-token-77"));
    assert!(!text(&out.stderr).contains("check-cli-wrong-token-77"));
    let _ = std::fs::remove_file(json_path);
    let _ = std::fs::remove_file(junit_path);
    sandbox.shutdown().await;
}
