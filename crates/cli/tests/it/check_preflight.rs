//! `shopspec check` never goes green on a run that cannot judge: a refused
//! token, a selection with no case, an output file it cannot write. And the
//! first night of the README's recipe works: no baseline file yet, a default
//! state file for flags-only runs, progress lines in a CI log. Stores are
//! sandbox processes (their customers counted in their own database) or
//! sandboxes served by this test process, all on loopback.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use shopspec_sandbox::{Api, Sandbox};

use crate::common::{self, SandboxProcess, json, off_runtime, shopspec_in_dir, text};

/// Distinctive, so that any leak is found by a plain search.
const TOKEN: &str = "preflight-token-4d7b19c3e2";
const WRONG: &str = "preflight-wrong-token-8a2f61";
const TOKEN_VAR: &str = "SHOPSPEC_PREFLIGHT_TEST_TOKEN";

fn workdir(name: &str) -> PathBuf {
    common::workdir("check-preflight", name)
}

/// Runs `shopspec <args>` in `dir` with `token` in the token variable.
fn shopspec_with(dir: &Path, token: &str, args: &[&str]) -> Output {
    shopspec_in_dir(dir, TOKEN_VAR, token, args)
}

fn shopspec_in(dir: &Path, args: &[&str]) -> Output {
    shopspec_with(dir, TOKEN, args)
}

async fn shopspec_async(dir: &Path, args: &[&str]) -> Output {
    off_runtime(shopspec_in, dir, args).await
}

/// A sandbox process on a database file in `dir`.
fn sandbox_process(dir: &Path, extra: &[&str]) -> SandboxProcess {
    let db = dir.join("sandbox.sqlite");
    let mut args = vec!["--db", db.to_str().expect("a UTF-8 path")];
    args.extend_from_slice(extra);
    SandboxProcess::start(TOKEN, &args)
}

/// Stops the sandbox process of `dir` and counts the customers in its
/// database, per API.
async fn stop_and_count(process: SandboxProcess, dir: &Path) -> [u64; 3] {
    drop(process);
    let app = Sandbox::builder()
        .token(TOKEN)
        .db_path(dir.join("sandbox.sqlite"))
        .build_app()
        .await
        .expect("the database opens");
    let mut counts = [0; 3];
    for (n, api) in [Api::Fecify, Api::Shopline, Api::Myshopline]
        .into_iter()
        .enumerate()
    {
        counts[n] = app.customer_count(api).await.expect("count");
    }
    app.close().await;
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_exits_2_naming_the_target_and_creates_nothing() {
    let dir = workdir("wrong-token");
    let store = sandbox_process(&dir, &["--no-rate-limit"]);
    for (api, label, answer) in [
        ("fecify", "fecify", "1100003"),
        ("shopline", "shopline", "HTTP 401"),
        ("myshopline", "myshopline v20260301", "HTTP 401"),
    ] {
        for writes in [false, true] {
            let url = store.url(api);
            let mut args = vec![
                "check",
                "--api",
                api,
                "--base-url",
                &url,
                "--token-env",
                TOKEN_VAR,
            ];
            if writes {
                args.push("--allow-writes");
            }
            let out = shopspec_with(&dir, WRONG, &args);
            let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
            assert_eq!(out.status.code(), Some(2), "{api}: {stdout}\n{stderr}");
            assert!(
                stderr.contains(&format!("{label}: the store at {url} refused the token"))
                    && stderr.contains(answer),
                "{api}: {stderr}"
            );
            assert!(
                !stdout.contains("passed"),
                "no table for a run that cannot judge: {stdout}"
            );
            assert!(!stdout.contains(WRONG) && !stderr.contains(WRONG));
        }
    }
    assert_eq!(
        stop_and_count(store, &dir).await,
        [0, 0, 0],
        "a refused token creates nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_refused_mid_run_is_an_error_of_the_run_never_an_expected_rejection() {
    let dir = workdir("mid-run");
    // The token passes the preflight (an update), then every create answers 401.
    let store = sandbox_process(
        &dir,
        &[
            "--no-rate-limit",
            "--fail",
            "shopline.create-customer:401:1",
        ],
    );
    let url = store.url("shopline");
    let report = dir.join("report.json");
    let out = shopspec_in(
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
            "--no-state",
            "--only",
            "shopline.create.*",
            "--report-json",
            report.to_str().expect("utf-8"),
        ],
    );
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(stdout.contains("ERROR"), "{stdout}");
    assert!(stderr.contains("refused the run's token"), "{stderr}");
    let report = json(&report);
    assert!(
        !report["errors"].as_array().expect("errors").is_empty(),
        "the report says why it cannot be judged"
    );
    let judged_on_401: Vec<&str> = report["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| {
            c["response"]["status"] == 401
                && c["request"]["headers"]["Authorization"] == "Bearer ***"
                && c["status"] != "skipped"
        })
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert!(
        judged_on_401.is_empty(),
        "a 401 to the run's token is never a verdict: {judged_on_401:?}"
    );
    assert!(
        !report["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .any(|c| c["status"] == "passed" && c["kind"] == "required-field"),
        "no rule case passes on a refused token"
    );
}

#[test]
fn a_selection_with_no_case_is_a_usage_error_and_sends_nothing() {
    let dir = workdir("no-case");
    let out = shopspec_in(&dir, &["check", "--only", "fecfy.*"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("--only 'fecfy.*' selects no case"),
        "{stderr}"
    );
    // Against a store: refused before the first request (nothing listens there).
    let out = shopspec_in(
        &dir,
        &[
            "check",
            "--api",
            "shopline",
            "--base-url",
            "http://127.0.0.1:9",
            "--token-env",
            TOKEN_VAR,
            "--only",
            "fecify.*",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("selects no case") && !stderr.contains("cannot be reached"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unwritable_output_path_exits_2_before_any_request() {
    let dir = workdir("unwritable");
    let store = sandbox_process(&dir, &["--no-rate-limit"]);
    std::fs::write(dir.join("a-file"), "not a directory").expect("written");
    let url = store.url("shopline");
    for (flag, path) in [
        ("--report-json", "a-file/report.json"),
        ("--junit", "a-file/junit.xml"),
        ("--report-html", "a-file/report.html"),
        ("--write-baseline", "a-file/baseline.json"),
        ("--state", "a-file/state.json"),
    ] {
        let out = shopspec_in(
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
                flag,
                path,
            ],
        );
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag}: {stderr}");
        assert!(
            stderr.contains(path) && stderr.contains("cannot be written"),
            "{flag}: {stderr}"
        );
    }
    assert_eq!(
        stop_and_count(store, &dir).await,
        [0, 0, 0],
        "nothing was created"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_terminal_progress_lines_come_before_the_table() {
    let dir = workdir("progress");
    // Progress comes every 100 cases, so no rate limit is needed to see it.
    let store = sandbox_process(&dir, &["--no-rate-limit"]);
    let url = store.url("myshopline");
    // Both streams into one pipe, in the order they were written.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' check --api myshopline --base-url '{url}' --token-env {TOKEN_VAR} \
             --api-version v20260301 --only 'myshopline.v20260301.update.*' 2>&1",
            env!("CARGO_BIN_EXE_shopspec")
        ))
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .env(TOKEN_VAR, TOKEN)
        .output()
        .expect("runs");
    let all = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{all}");
    let progress = all
        .find("progress: ")
        .unwrap_or_else(|| panic!("no progress line: {all}"));
    let table = all.find("target  ").expect("the table");
    assert!(progress < table, "{all}");
    let line = all[progress..].lines().next().expect("a line");
    assert!(
        line.contains(" cases done, ") && line.contains(" failed; "),
        "counts and the case: {line}"
    );
    assert!(!all.contains('\r'), "no redrawn line in a log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_flags_only_run_creates_fewer_customers_with_the_default_state() {
    let store = Sandbox::builder()
        .token(TOKEN)
        .start()
        .await
        .expect("the sandbox starts");
    let dir = workdir("default-state");
    let url = store.base_url(Api::Shopline);
    let args = [
        "check",
        "--api",
        "shopline",
        "--base-url",
        &url,
        "--token-env",
        TOKEN_VAR,
        "--allow-writes",
    ];
    let before = store.stats().customers_created(Api::Shopline);
    let first = shopspec_async(&dir, &args).await;
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let after_first = store.stats().customers_created(Api::Shopline);
    let stderr = text(&first.stderr);
    let port = url
        .rsplit(':')
        .next()
        .expect("a port")
        .trim_end_matches('/');
    let state = format!(".shopspec/state/shopline-127.0.0.1-{port}.json");
    assert!(
        stderr.lines().next().is_some_and(|l| l.contains(&state)),
        "the first line says where the state is: {stderr}"
    );
    assert!(dir.join(&state).is_file());

    let second = shopspec_async(&dir, &args).await;
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    let after_second = store.stats().customers_created(Api::Shopline);
    let (n1, n2) = (after_first - before, after_second - after_first);
    assert!(n1 > 0 && n2 < n1, "first run {n1}, second {n2}");

    // --no-state: no file, and the run creates what the first did.
    let other = workdir("no-state");
    let mut args = args.to_vec();
    args.push("--no-state");
    let third = shopspec_async(&other, &args).await;
    assert_eq!(third.status.code(), Some(0));
    assert!(!other.join(".shopspec").exists());
    store.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_stores_end_with_the_combined_verdict_and_a_config_names_its_stores() {
    let ok = Sandbox::builder()
        .token(TOKEN)
        .start()
        .await
        .expect("starts");
    let bad = Sandbox::builder()
        .token(TOKEN)
        .faults(
            shopspec_sandbox::FaultConfig::default().rule(
                shopspec_sandbox::FaultRule::status(shopspec_sandbox::StatusCode::FORBIDDEN)
                    .api(Api::Shopline)
                    .operation(shopspec_sandbox::Operation::UpdateCustomer),
            ),
        )
        .start()
        .await
        .expect("starts");
    let dir = workdir("verdict");
    std::fs::write(
        dir.join("shopspec.toml"),
        format!(
            "[store.bad]\napi = \"shopline\"\nbase_url = \"{}\"\ntoken_env = \"{TOKEN_VAR}\"\nallow_writes = true\n\n\
             [store.ok]\napi = \"shopline\"\nbase_url = \"{}\"\ntoken_env = \"{TOKEN_VAR}\"\nallow_writes = true\n",
            bad.base_url(Api::Shopline),
            ok.base_url(Api::Shopline)
        ),
    )
    .expect("written");
    let out = shopspec_async(&dir, &["check", "--store", "bad,ok"]).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let last = stdout.lines().last().expect("a last line");
    assert!(
        last.starts_with("FAILED") && last.contains("failed: bad") && last.contains("passed: ok"),
        "{last}"
    );
    assert!(
        stdout.contains(&format!("shopline  {}", ok.base_url(Api::Shopline))),
        "the header names each target and its base URL: {stdout}"
    );

    // The file is there, no --store: the embedded sandbox, and it says so.
    let out = shopspec_async(&dir, &["check", "--only", "fecify.create.example.*"]).await;
    assert_eq!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("shopspec.toml defines the store(s) bad, ok")
            && stderr.contains("checking the embedded sandbox"),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.trim_start().starts_with("fecify ") && l.contains("  embedded sandbox")),
        "{stdout}"
    );
    ok.shutdown().await;
    bad.shutdown().await;
}

/// The README's config file, as written, with the stores' base URLs pointing
/// at `myshopline` and `fecify`.
fn readme_config(myshopline: &str, fecify: &str) -> String {
    let readme = include_str!("../../../../README.md");
    let start = readme
        .find("```toml\n# shopspec.toml\n")
        .expect("the README has the config")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").expect("closed");
    let config = readme[start..end]
        .replace("https://staging-shop.myshopline.com", myshopline)
        .replace("https://legacy.example.com/apimanager666", fecify);
    assert!(config.contains(myshopline) && config.contains(fecify));
    config
}

/// The command of the README's nightly workflow, as written.
fn readme_nightly_command() -> Vec<String> {
    let readme = include_str!("../../../../README.md");
    let workflow = &readme[readme
        .find("# .github/workflows/shopspec-nightly.yml")
        .expect("the README has the workflow")..];
    let line = workflow
        .lines()
        .find_map(|l| l.trim().strip_prefix("- run: shopspec check"))
        .expect("the workflow runs shopspec check");
    std::iter::once("check".to_owned())
        .chain(line.split_whitespace().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_nightly_recipe_passes_its_first_night_and_write_baseline_creates_the_file() {
    let dir = workdir("readme");
    // The recipe is the README's; the store's rate limit (checked in
    // check_verdicts.rs) would only make it wait.
    let store = sandbox_process(&dir, &["--no-rate-limit"]);
    std::fs::write(
        dir.join("shopspec.toml"),
        readme_config(&store.url("myshopline"), &store.url("fecify")),
    )
    .expect("written");
    let command = readme_nightly_command();
    let args: Vec<&str> = command.iter().map(String::as_str).collect();
    // The README's command on a part of the suite: the client paces myshopline
    // at its documented 4 requests a second, and the whole suite against a
    // store is the embedded check's job; here the recipe's files and notes are.
    let out = Command::new(env!("CARGO_BIN_EXE_shopspec"))
        .args(&args)
        .args(["--only", "myshopline.*.create.customer.email*"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .env("STAGING_SHOP_TOKEN", TOKEN)
        .output()
        .expect("runs");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("no baseline") && stderr.contains("shopspec-baseline.json"),
        "a missing baseline is an empty one, with a note: {stderr}"
    );
    for report in [
        "reports/staging.json",
        "reports/staging.html",
        "reports/staging.xml",
    ] {
        assert!(dir.join(report).is_file(), "{report}");
    }
    assert!(dir.join(".shopspec/state/staging.json").is_file());

    // Accept today's failures: the file is created and the run says so.
    let out = Command::new(env!("CARGO_BIN_EXE_shopspec"))
        .args([
            "check",
            "--store",
            "staging",
            "--only",
            "myshopline.*.create.customer.email.*",
            "--write-baseline",
            "shopspec-baseline.json",
        ])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .env("STAGING_SHOP_TOKEN", TOKEN)
        .output()
        .expect("runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("wrote the baseline shopspec-baseline.json")
            && stderr.contains("0 failure(s) accepted"),
        "{stderr}"
    );
    let baseline = json(&dir.join("shopspec-baseline.json"));
    assert_eq!(baseline["shopspec_baseline"], 1);
    drop(store);
}
