//! `check --shard K/N` and `report merge`: the slices of a run together run
//! exactly the cases of the unsharded run, and their merged report says what
//! the unsharded one says, up to ids and timings. Stores are the embedded
//! sandbox or sandboxes served by this test process, all on loopback.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use shopspec_sandbox::{Api, FaultConfig, FaultRule, Operation, Sandbox, StatusCode};

use crate::common::{self, json, off_runtime, shopspec_in_dir, text};

const TOKEN: &str = "shard-token-6c01e9b7";
const TOKEN_VAR: &str = "SHOPSPEC_SHARD_TEST_TOKEN";

fn workdir(name: &str) -> PathBuf {
    common::workdir("check-shard", name)
}

fn shopspec_in(dir: &Path, args: &[&str]) -> Output {
    shopspec_in_dir(dir, TOKEN_VAR, TOKEN, args)
}

async fn shopspec_async(dir: &Path, args: &[&str]) -> Output {
    off_runtime(shopspec_in, dir, args).await
}

fn ids(report: &Value) -> Vec<String> {
    report["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_owned())
        .collect()
}

/// What a report says, without what differs between any two runs (run ids,
/// customer ids and emails, ports, timings): per case its id, status, kind,
/// title, source and writes, in order; the counts; the targets.
fn verdicts(report: &Value) -> Value {
    let cases: Vec<Value> = report["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            serde_json::json!([
                c["id"],
                c["status"],
                c["kind"],
                c["title"],
                c["source"],
                c["writes"]
            ])
        })
        .collect();
    let targets: Vec<Value> = report["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| serde_json::json!([t["label"], t["allow_writes"]]))
        .collect();
    serde_json::json!({"cases": cases, "summary": report["summary"], "targets": targets})
}

/// Runs the unsharded run and its two slices with `args`, then merges the
/// slices; returns the unsharded report, the merged one and the exit codes.
async fn unsharded_and_merged(
    dir: &Path,
    args: &[&str],
) -> (Value, Value, Option<i32>, Option<i32>) {
    let run = |extra: Vec<String>| {
        let mut all: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        all.extend(extra);
        all
    };
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let full = shopspec_async(
        dir,
        &run(vec!["--report-json".into(), path("full.json")])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )
    .await;
    for k in 1..=2 {
        let out = shopspec_async(
            dir,
            &run(vec![
                "--shard".into(),
                format!("{k}/2"),
                "--report-json".into(),
                path(&format!("slice-{k}.json")),
            ])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        )
        .await;
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "slice {k}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).contains(&format!("shard {k}/2")));
    }
    let merged = shopspec_async(
        dir,
        &[
            "report",
            "merge",
            &path("slice-1.json"),
            &path("slice-2.json"),
            "--report-json",
            &path("merged.json"),
            "--junit",
            &path("merged.xml"),
            "--report-html",
            &path("merged.html"),
        ],
    )
    .await;
    assert!(dir.join("merged.xml").is_file() && dir.join("merged.html").is_file());

    let (a, b) = (
        json(&dir.join("slice-1.json")),
        json(&dir.join("slice-2.json")),
    );
    let (a, b): (BTreeSet<String>, BTreeSet<String>) =
        (ids(&a).into_iter().collect(), ids(&b).into_iter().collect());
    assert!(!a.is_empty() && !b.is_empty(), "both slices run cases");
    assert!(a.is_disjoint(&b), "no case runs twice");
    let full_report = json(&dir.join("full.json"));
    let union: BTreeSet<String> = a.union(&b).cloned().collect();
    let unsharded: BTreeSet<String> = ids(&full_report).into_iter().collect();
    assert_eq!(
        union, unsharded,
        "the slices run exactly the unsharded cases"
    );
    (
        full_report,
        json(&dir.join("merged.json")),
        full.status.code(),
        merged.status.code(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_slices_of_the_embedded_check_merge_into_the_unsharded_report() {
    let dir = workdir("embedded");
    let (full, merged, full_code, merged_code) = unsharded_and_merged(
        &dir,
        &["check", "--only", "fecify.*,myshopline.v20260301.*"],
    )
    .await;
    assert_eq!(full_code, Some(0));
    assert_eq!(merged_code, full_code, "one verdict, the same");
    assert_eq!(verdicts(&merged), verdicts(&full));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slices_of_a_failing_store_merge_into_the_same_failures_and_exit_1() {
    let store = Sandbox::builder()
        .token(TOKEN)
        .faults(
            FaultConfig::default().rule(
                FaultRule::status(StatusCode::FORBIDDEN)
                    .api(Api::Shopline)
                    .operation(Operation::UpdateCustomer),
            ),
        )
        .start()
        .await
        .expect("starts");
    let dir = workdir("failing");
    let url = store.base_url(Api::Shopline);
    let (full, merged, full_code, merged_code) = unsharded_and_merged(
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
        ],
    )
    .await;
    assert_eq!(full_code, Some(1));
    assert_eq!(merged_code, Some(1));
    assert_eq!(verdicts(&merged), verdicts(&full));
    store.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_several_stores_a_slice_is_whole_stores_and_overlapping_reports_do_not_merge() {
    let a = Sandbox::builder()
        .token(TOKEN)
        .start()
        .await
        .expect("starts");
    let b = Sandbox::builder()
        .token(TOKEN)
        .start()
        .await
        .expect("starts");
    let dir = workdir("stores");
    std::fs::write(
        dir.join("shopspec.toml"),
        format!(
            "[store.a]\napi = \"fecify\"\nbase_url = \"{}\"\ntoken_env = \"{TOKEN_VAR}\"\n\
             [store.a.reports]\njson = \"reports/{{store}}.json\"\n\n\
             [store.b]\napi = \"shopline\"\nbase_url = \"{}\"\ntoken_env = \"{TOKEN_VAR}\"\n\
             [store.b.reports]\njson = \"reports/{{store}}.json\"\n",
            a.base_url(Api::Fecify),
            b.base_url(Api::Shopline)
        ),
    )
    .expect("written");
    let mut ran = Vec::new();
    for k in ["1/2", "2/2"] {
        let out = shopspec_async(&dir, &["check", "--store", "a,b", "--shard", k]).await;
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let stores: Vec<&str> = ["a", "b"]
            .into_iter()
            .filter(|s| stdout.contains(&format!("store {s}, run")))
            .collect();
        assert_eq!(stores.len(), 1, "one whole store per slice: {stdout}");
        ran.push(stores[0]);
    }
    ran.sort_unstable();
    assert_eq!(ran, ["a", "b"], "each store in exactly one slice");

    // The same report twice is not two slices.
    let report = dir.join("reports/a.json").to_string_lossy().into_owned();
    let out = shopspec_async(&dir, &["report", "merge", &report, &report]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not slices of one run"));
    a.shutdown().await;
    b.shutdown().await;
}
