//! `shopspec check` as a nightly job runs it: a config file with named stores,
//! a baseline, replay, the HTML report and its curl commands, `--list`,
//! completions and the man page. Stores are sandbox processes started here, or
//! sandboxes served by this test process, all on loopback.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use shopspec_sandbox::{Api, FaultConfig, FaultRule, Operation, Sandbox, StatusCode};

use crate::common::{self, SandboxProcess, json, off_runtime, shopspec_in_dir, text};

/// Distinctive, so that any leak is found by a plain search.
const TOKEN: &str = "nightly-token-9f3c2a7e51";
const TOKEN_VAR: &str = "SHOPSPEC_NIGHTLY_TEST_TOKEN";

fn workdir(name: &str) -> PathBuf {
    common::workdir("check-store", name)
}

/// Runs `shopspec <args>` in `dir` with the token variable set.
fn shopspec_in(dir: &Path, args: &[&str]) -> Output {
    shopspec_in_dir(dir, TOKEN_VAR, TOKEN, args)
}

async fn shopspec_async(dir: &Path, args: &[&str]) -> Output {
    off_runtime(shopspec_in, dir, args).await
}

fn ids_with_status(report: &Value, status: &str) -> Vec<String> {
    report["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["status"] == status)
        .map(|c| c["id"].as_str().expect("id").to_owned())
        .collect()
}

/// A store that answers 403 to every update of `api`: its update cases that
/// expect success fail, deterministically and without retries.
async fn broken_store(api: Api) -> Sandbox {
    Sandbox::builder()
        .token(TOKEN)
        .faults(
            FaultConfig::default().rule(
                FaultRule::status(StatusCode::FORBIDDEN)
                    .api(api)
                    .operation(Operation::UpdateCustomer),
            ),
        )
        .start()
        .await
        .expect("the sandbox starts")
}

async fn faithful_store() -> Sandbox {
    Sandbox::builder()
        .token(TOKEN)
        .start()
        .await
        .expect("the sandbox starts")
}

#[test]
fn a_config_file_runs_one_store_by_name_then_both_and_flags_override_it() {
    let a = SandboxProcess::start(TOKEN, &["--no-rate-limit"]);
    // beta refuses every update: seen only when its write cases run.
    let b = SandboxProcess::start(
        TOKEN,
        &["--no-rate-limit", "--fail", "fecify.update-customer:403:1"],
    );
    let dir = workdir("config");
    std::fs::write(
        dir.join("shopspec.toml"),
        format!(
            r#"
# Two stores, each its own process.
[store.alpha]
api = "shopline"
base_url = "{}"
token_env = "{TOKEN_VAR}"
email_domain = "alpha.example"
allow_writes = true

[store.alpha.reports]
json = "reports/{{store}}.json"

[store.beta]
api = "fecify"
base_url = "{}"
token_env = "{TOKEN_VAR}"
[store.beta.reports]
json = "reports/{{store}}.json"
"#,
            a.url("shopline"),
            b.url("fecify")
        ),
    )
    .expect("config written");

    // One store, by name.
    let out = shopspec_in(&dir, &["check", "--store", "alpha"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("store alpha"));
    let alpha = json(&dir.join("reports/alpha.json"));
    assert_eq!(alpha["store"]["name"], "alpha");
    assert_eq!(alpha["targets"][0]["base_url"], a.url("shopline"));
    assert!(
        ids_with_status(&alpha, "skipped").is_empty(),
        "writes allowed by the file"
    );
    let run_emails = |report: &Value| -> Vec<String> {
        let prefix = format!("shopspec-{}-", report["run_id"].as_str().expect("run id"));
        report["created"]
            .as_array()
            .expect("created")
            .iter()
            .filter_map(|c| c["email"].as_str())
            .filter(|e| e.starts_with(&prefix) && e.contains('@'))
            .map(str::to_owned)
            .collect()
    };
    let emails = run_emails(&alpha);
    assert!(!emails.is_empty());
    assert!(
        emails.iter().all(|e| e.ends_with("@alpha.example")),
        "the file's email domain: {emails:?}"
    );
    assert!(!dir.join("reports/beta.json").exists());

    // Both.
    let out = shopspec_in(&dir, &["check", "--store", "alpha,beta"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let beta = json(&dir.join("reports/beta.json"));
    assert_eq!(beta["targets"][0]["base_url"], b.url("fecify"));
    assert_eq!(beta["targets"][0]["api"], "fecify");
    // beta does not allow writes: its write cases are skipped.
    assert!(!ids_with_status(&beta, "skipped").is_empty());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("store alpha") && stdout.contains("store beta"));

    // Flags override the file: writes, the email domain and the report path.
    let out = shopspec_in(
        &dir,
        &[
            "check",
            "--store",
            "beta",
            "--allow-writes",
            "--email-domain",
            "flag.example",
            "--report-json",
            "flag.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let flagged = json(&dir.join("flag.json"));
    let failed = ids_with_status(&flagged, "failed");
    assert!(!failed.is_empty());
    assert!(ids_with_status(&flagged, "skipped").is_empty());
    let emails = run_emails(&flagged);
    assert!(!emails.is_empty());
    assert!(
        emails.iter().all(|e| e.ends_with("@flag.example")),
        "{emails:?}"
    );
    // Replay finds the store again through the config file, by the name in the report.
    let out = shopspec_in(&dir, &["check", "--replay", "flag.json"]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(stdout.contains("store beta"), "{stdout}");
    for id in &failed {
        assert!(stdout.contains(&format!("still failing {id}")), "{stdout}");
    }

    // Several stores with one report path would overwrite it.
    let out = shopspec_in(
        &dir,
        &["check", "--store", "alpha,beta", "--report-json", "x.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("{store}"));
    // An unknown store is a usage error naming the ones there are.
    let out = shopspec_in(&dir, &["check", "--store", "gamma"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("alpha, beta"),
        "{}",
        text(&out.stderr)
    );

    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_token_written_in_the_config_file_is_refused_and_not_echoed() {
    let dir = workdir("token-in-file");
    for (file, key) in [
        (
            format!(
                "[store.live]\napi = \"fecify\"\nbase_url = \"http://127.0.0.1:9\"\ntoken = \"{TOKEN}\"\n"
            ),
            "store.live.token",
        ),
        (
            format!("[store.live]\napi = \"fecify\"\ntoken_env = \"{TOKEN}\"\n"),
            "store.live.token_env",
        ),
    ] {
        std::fs::write(dir.join("shopspec.toml"), file).expect("config written");
        let out = shopspec_in(&dir, &["check", "--store", "live"]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(stderr.contains(key), "{stderr}");
        assert!(stderr.contains("token_env"), "{stderr}");
        assert!(
            !stderr.contains(TOKEN) && !text(&out.stdout).contains(TOKEN),
            "{stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_baseline_marks_known_failures_then_reports_them_fixed() {
    let broken = broken_store(Api::Shopline).await;
    let faithful = faithful_store().await;
    let dir = workdir("baseline");
    let store = |url: String| {
        vec![
            "check".to_owned(),
            "--api".to_owned(),
            "shopline".to_owned(),
            "--base-url".to_owned(),
            url,
            "--token-env".to_owned(),
            TOKEN_VAR.to_owned(),
            "--allow-writes".to_owned(),
            "--report-json".to_owned(),
            "report.json".to_owned(),
        ]
    };
    let run = |mut args: Vec<String>, extra: &[&str]| {
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        let dir = dir.clone();
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            shopspec_async(&dir, &args).await
        }
    };

    // 1. The broken store, recording its failures.
    let out = run(
        store(broken.base_url(Api::Shopline)),
        &["--write-baseline", "baseline.json"],
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let failed = ids_with_status(&json(&dir.join("report.json")), "failed");
    assert!(!failed.is_empty());
    let baseline_text = std::fs::read_to_string(dir.join("baseline.json")).expect("baseline");
    assert!(!baseline_text.contains(TOKEN));
    let baseline: Value = serde_json::from_str(&baseline_text).expect("JSON");
    let listed: Vec<&str> = baseline["failures"]
        .as_array()
        .expect("failures")
        .iter()
        .map(|f| f["id"].as_str().expect("id"))
        .collect();
    let mut sorted = failed.clone();
    sorted.sort();
    assert_eq!(
        listed, sorted,
        "the baseline lists exactly the failures, sorted"
    );
    assert!(
        baseline["failures"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("403"))
    );

    // 2. Again, with the baseline: the same failures are known, exit 0.
    let out = run(
        store(broken.base_url(Api::Shopline)),
        &["--baseline", "baseline.json", "--junit", "junit.xml"],
    )
    .await;
    let junit = std::fs::read_to_string(dir.join("junit.xml")).expect("JUnit");
    assert!(
        !junit.contains("<failure"),
        "known failures do not fail the JUnit report"
    );
    assert_eq!(
        junit.matches("known failure (in the baseline)").count(),
        failed.len()
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    for id in &failed {
        assert!(
            stdout.contains(&format!("KNOWN {id}")),
            "{id} shown as known"
        );
    }
    assert!(stdout.contains("no new failure"), "{stdout}");
    let report = json(&dir.join("report.json"));
    assert_eq!(
        report["baseline"]["known"].as_array().map(Vec::len),
        Some(failed.len())
    );
    assert_eq!(report["baseline"]["new"], Value::Array(Vec::new()));

    // 3. The faithful sandbox: every known failure is fixed.
    let out = run(
        store(faithful.base_url(Api::Shopline)),
        &["--baseline", "baseline.json"],
    )
    .await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    for id in &failed {
        assert!(
            stdout.contains(&format!("FIXED {id}")),
            "{id} reported fixed"
        );
    }
    let report = json(&dir.join("report.json"));
    let fixed: Vec<&str> = report["baseline"]["fixed"]
        .as_array()
        .expect("fixed")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(fixed, sorted);

    // A new failure is not hidden by the baseline: a store broken elsewhere fails.
    let creates_broken = Sandbox::builder()
        .token(TOKEN)
        .faults(
            FaultConfig::default().rule(
                FaultRule::status(StatusCode::FORBIDDEN)
                    .api(Api::Shopline)
                    .operation(Operation::CreateCustomer),
            ),
        )
        .start()
        .await
        .expect("starts");
    let out = run(
        store(creates_broken.base_url(Api::Shopline)),
        &["--baseline", "baseline.json"],
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("new failure"));

    broken.shutdown().await;
    faithful.shutdown().await;
    creates_broken.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replay_runs_the_failed_cases_again_and_says_which_still_fail() {
    let broken = broken_store(Api::Shopline).await;
    let faithful = faithful_store().await;
    let dir = workdir("replay");
    let out = shopspec_async(
        &dir,
        &[
            "check",
            "--api",
            "shopline",
            "--base-url",
            &broken.base_url(Api::Shopline),
            "--token-env",
            TOKEN_VAR,
            "--allow-writes",
            "--report-json",
            "first.json",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let first = json(&dir.join("first.json"));
    let failed = ids_with_status(&first, "failed");
    assert!(!failed.is_empty());
    let requests_before = broken.stats().total_requests();

    // Against the same store, found from the report: still failing.
    let out = shopspec_async(
        &dir,
        &[
            "check",
            "--replay",
            "first.json",
            "--token-env",
            TOKEN_VAR,
            "--report-json",
            "again.json",
        ],
    )
    .await;
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    for id in &failed {
        assert!(stdout.contains(&format!("still failing {id}")), "{stdout}");
    }
    let again = json(&dir.join("again.json"));
    let ran: Vec<&str> = again["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ran, failed, "exactly the failed cases ran again");
    assert!(
        broken.stats().total_requests() > requests_before,
        "it reached the store"
    );

    // Against the faithful sandbox: now fixed.
    let out = shopspec_async(
        &dir,
        &[
            "check",
            "--replay",
            "first.json",
            "--base-url",
            &faithful.base_url(Api::Shopline),
            "--token-env",
            TOKEN_VAR,
        ],
    )
    .await;
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    for id in &failed {
        assert!(stdout.contains(&format!("now fixed {id}")), "{stdout}");
    }
    broken.shutdown().await;
    faithful.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_html_report_is_self_contained_and_its_curl_reproduces_a_failure() {
    let broken = broken_store(Api::Shopline).await;
    let dir = workdir("html");
    let out = shopspec_async(
        &dir,
        &[
            "check",
            "--api",
            "shopline",
            "--base-url",
            &broken.base_url(Api::Shopline),
            "--token-env",
            TOKEN_VAR,
            "--allow-writes",
            "--report-html",
            "report.html",
            "--report-json",
            "report.json",
            "--junit",
            "junit.xml",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(dir.join("report.html")).expect("HTML report");
    let report = json(&dir.join("report.json"));
    let cases = report["cases"].as_array().expect("cases");

    let page = scraper::Html::parse_document(&html);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    let all = scraper::Selector::parse("*").expect("selector");
    let page_text: String = page.root_element().text().collect();
    for c in cases {
        let id = c["id"].as_str().expect("id");
        assert!(page_text.contains(id), "{id} is on the page");
    }
    let sources: Vec<&str> = cases.iter().filter_map(|c| c["source"].as_str()).collect();
    for element in page.select(&all) {
        let name = element.value().name();
        assert!(
            !["link", "img", "iframe", "object", "embed"].contains(&name),
            "external element <{name}>"
        );
        assert!(element.value().attr("src").is_none(), "src on <{name}>");
        for (attr, value) in element.value().attrs() {
            if value.contains("http://") || value.contains("https://") {
                assert!(
                    attr == "href" && name == "a" && sources.iter().any(|s| s.contains(value)),
                    "<{name} {attr}={value:?}> is not a doc-source link"
                );
            }
        }
    }
    assert!(!html.contains("url("), "no CSS asset");
    assert!(html.contains("<details"), "failures open to their exchange");

    // A failing case's curl command, run as it is, gets the same answer.
    let failing = cases
        .iter()
        .find(|c| c["status"] == "failed" && c["op"] == "update-customer")
        .expect("a failed update case");
    let curl = failing["curl"].as_str().expect("a curl string");
    assert!(curl.contains("$SHOPSPEC_TOKEN") || curl.contains("${SHOPSPEC_TOKEN}"));
    assert!(
        html.contains(&html_escape(curl)),
        "the page shows the same curl"
    );
    let again = Command::new("sh")
        .arg("-c")
        .arg(curl)
        .env("SHOPSPEC_TOKEN", TOKEN)
        .output()
        .expect("sh runs curl");
    let answer = text(&again.stdout);
    let status_line = answer.lines().next().unwrap_or_default();
    let expected = failing["response"]["status"].as_u64().expect("status");
    assert!(
        status_line.starts_with("HTTP/") && status_line.contains(&format!(" {expected}")),
        "{answer}"
    );
    let body = answer
        .split("\r\n\r\n")
        .nth(1)
        .expect("a body after the headers");
    let body: Value = serde_json::from_str(body).expect("a JSON body");
    assert_eq!(body, failing["response"]["body"]);

    // The token is in none of the files.
    for name in ["report.html", "report.json", "junit.xml"] {
        let content = std::fs::read_to_string(dir.join(name)).expect(name);
        assert!(!content.contains(TOKEN), "the token leaked into {name}");
    }
    assert!(!text(&out.stdout).contains(TOKEN));
    broken.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn list_prints_the_cases_without_sending_anything() {
    let dir = workdir("list");
    let out = shopspec_in(
        &dir,
        &["check", "--list", "--api", "fecify", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let listed = listed.as_array().expect("an array");
    assert!(listed.len() > 20);
    for c in listed {
        assert!(c["id"].as_str().is_some_and(|id| id.starts_with("fecify.")));
        assert!(c["kind"].is_string() && c["writes"].is_boolean() && c["source"].is_string());
    }
    assert!(listed.iter().any(|c| c["writes"] == true));
    assert!(listed.iter().any(|c| c["writes"] == false));

    let out = shopspec_in(&dir, &["check", "--list", "--only", "*.auth.*"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("fecify.update.auth.wrong-token"),
        "{stdout}"
    );
    assert!(stdout.contains("myshopline.v20220901.update.auth.wrong-token"));
    assert!(!stdout.contains(".create.example."), "--only applies");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn completions_and_the_man_page_are_generated() {
    let dir = workdir("completions");
    for shell in ["bash", "zsh", "fish"] {
        let out = shopspec_in(&dir, &["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        let script = text(&out.stdout);
        assert!(
            script.contains("shopspec") && script.contains("report-html"),
            "{shell}"
        );
    }
    let out = shopspec_in(&dir, &["man"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains(".TH shopspec 1"));
    let out = shopspec_in(&dir, &["man", "check"]);
    assert!(text(&out.stdout).contains("report\\-html"));
    assert_eq!(shopspec_in(&dir, &["man", "nope"]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

/// The two figures of the preview line: at most, and at most on a store that behaves.
fn preview(stderr: &str) -> (u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.contains("will create at most"))
        .unwrap_or_else(|| panic!("no preview before the run: {stderr}"));
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(numbers.len() >= 2, "{line}");
    (numbers[0], numbers[1])
}

/// The customers the sandbox itself counts as created for `api`.
fn created_by_store(sandbox: &Sandbox, api: Api) -> u64 {
    sandbox.stats().customers_created(api)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_with_the_state_file_creates_fewer_and_none_for_update_cases() {
    let store = faithful_store().await;
    let dir = workdir("footprint");
    let url = store.base_url(Api::Shopline);
    let run = |report: &'static str| {
        let dir = dir.clone();
        let url = url.clone();
        async move {
            shopspec_async(
                &dir,
                &[
                    "check",
                    "--api",
                    "shopline",
                    "--base-url",
                    &url,
                    "--token-env",
                    TOKEN_VAR,
                    "--allow-writes",
                    "--state",
                    "state/shop.json",
                    "--report-json",
                    report,
                ],
            )
            .await
        }
    };

    let out = run("first.json").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let (at_most, if_faithful) = preview(&text(&out.stderr));
    let first = created_by_store(&store, Api::Shopline);
    assert!(first > 0);
    assert!(
        first <= if_faithful && if_faithful <= at_most,
        "created {first}, preview: at most {at_most}, {if_faithful} on a store that behaves"
    );
    let state_text = std::fs::read_to_string(dir.join("state/shop.json")).expect("state file");
    assert!(!state_text.contains(TOKEN), "no token in the state file");
    let state: Value = serde_json::from_str(&state_text).expect("JSON");
    let known = state["customers"].as_array().expect("customers");
    assert_eq!(
        known.len() as u64,
        first,
        "the state file lists every customer the store made"
    );
    for k in known {
        for key in ["id", "email", "api", "case", "run_id", "base_url"] {
            assert!(k[key].is_string(), "{key} in {k}");
        }
    }

    let out = run("second.json").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let second = created_by_store(&store, Api::Shopline) - first;
    assert!(
        second < first,
        "the second run created {second}, the first {first}"
    );

    // Which cases only need an existing customer: `--list` says so.
    let listed = shopspec_in(
        &dir,
        &["check", "--list", "--api", "shopline", "--format", "json"],
    );
    let listed: Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let leases: Vec<&str> = listed
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["leases_customer"] == true)
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert!(!leases.is_empty());
    let report = json(&dir.join("second.json"));
    let created = report["created"].as_array().expect("created");
    assert_eq!(
        created.len() as u64,
        second,
        "the report counts what the store made"
    );
    for c in created {
        let case = c["case"].as_str().expect("the case that made it");
        assert!(
            !leases.contains(&case),
            "{case} only needs an existing customer, yet created one"
        );
    }
    // And those cases did run, on the customers of the first run.
    for id in &leases {
        let case = report["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["id"] == *id)
            .expect("listed case ran");
        assert_ne!(case["status"], "skipped", "{id}");
    }

    // A known customer the store no longer has is dropped, not a failure.
    let stale = serde_json::json!({"shopspec_state": 1, "customers": [{
        "api": "shopline", "base_url": url, "id": "0123456789abcdef01234567",
        "run_id": "gone00"
    }]});
    std::fs::write(dir.join("state/shop.json"), stale.to_string()).expect("state written");
    let out = shopspec_async(
        &dir,
        &[
            "check",
            "--api",
            "shopline",
            "--base-url",
            &url,
            "--token-env",
            TOKEN_VAR,
            "--allow-writes",
            "--state",
            "state/shop.json",
            "--only",
            "shopline.update.*",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    store.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_creates_is_never_exceeded_and_says_so() {
    let store = faithful_store().await;
    let dir = workdir("max-creates");
    let out = shopspec_async(
        &dir,
        &[
            "check",
            "--api",
            "shopline",
            "--base-url",
            &store.base_url(Api::Shopline),
            "--token-env",
            TOKEN_VAR,
            "--allow-writes",
            "--max-creates",
            "3",
            "--report-json",
            "capped.json",
        ],
    )
    .await;
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stderr.contains("at most 3 customer(s)"), "{stderr}");
    assert_eq!(created_by_store(&store, Api::Shopline), 3, "never a fourth");
    assert!(stdout.contains("over --max-creates"), "{stdout}");
    let report = json(&dir.join("capped.json"));
    let capped: Vec<&Value> = report["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| {
            c["status"] == "skipped"
                && c["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("--max-creates"))
        })
        .collect();
    assert!(!capped.is_empty(), "the cases it could not run say why");
    store.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}
