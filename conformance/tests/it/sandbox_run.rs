//! The whole suite against the embedded sandbox: it must pass, cover every case
//! and every documented rule, and create no more customers than it reports.

use crate::common;

use std::collections::BTreeSet;

use shopspec_conformance::{CaseFilter, Status, Suite, run};
use shopspec_model::Api;
use shopspec_validate::{Severity, Target, catalogue};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_suite_passes_against_the_sandbox_and_covers_every_rule() {
    let sandbox = common::sandbox().await;
    let targets = common::targets(|api| sandbox.base_url(api), true, "");
    let report = run(&targets).await.expect("the sandbox is reachable");

    let failures: Vec<String> = report
        .failures()
        .map(|c| {
            format!(
                "{}: {}\n  request: {:?}\n  response: {:?}",
                c.id, c.message, c.request, c.response
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(report.summary.failed, 0);
    assert_eq!(
        report.summary.skipped, 0,
        "writes are allowed: nothing is skipped"
    );
    assert_eq!(report.summary.total(), report.cases.len());

    // Every listed case ran, once.
    let listed: BTreeSet<String> = Suite::cases(&CaseFilter::all())
        .into_iter()
        .map(|c| c.id)
        .collect();
    let ran: Vec<&str> = report.cases.iter().map(|c| c.id.as_str()).collect();
    let ran_set: BTreeSet<String> = ran.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(ran.len(), ran_set.len(), "a case ran twice");
    assert_eq!(listed, ran_set);

    // Every documented (error) rule of every target has a case that passed.
    for target in Target::all() {
        for entry in catalogue(target)
            .into_iter()
            .filter(|e| e.severity == Severity::Error)
        {
            let covered = report.cases.iter().any(|c| {
                c.api == target.api
                    && c.op == target.operation
                    && (c.version.is_none() || c.version == Some(target.version))
                    && c.source == entry.source
                    && c.status != Status::Failed
                    && c.request.as_ref().is_some_and(|r| r.body.is_some())
                    && c.title.contains(&format!(
                        "`{}`",
                        if entry.pointer.is_empty() {
                            "(body)"
                        } else {
                            &entry.pointer
                        }
                    ))
            });
            assert!(
                covered,
                "{target}: no case covers {} {}",
                entry.pointer, entry.rule
            );
        }
    }

    // Observations only where the docs are silent, each with a message.
    for c in report
        .cases
        .iter()
        .filter(|c| c.status == Status::Observation)
    {
        assert!(!c.message.is_empty(), "{}", c.id);
    }

    // Nothing is created that the report does not list.
    let stats = sandbox.stats();
    for api in Api::ALL {
        let listed = report.created.iter().filter(|c| c.api == api).count() as u64;
        assert_eq!(
            stats.customers_created(api),
            listed,
            "{api}: the sandbox counted {} customers, the report lists {listed}",
            stats.customers_created(api)
        );
    }
    // Everything created carries the run id in its email; a customer created
    // without an email (myshopline allows phone only) carries it in its note.
    let marker = format!("shopspec-{}-", report.run_id);
    for c in &report.created {
        match c.email.as_deref() {
            Some(email) => assert!(email.contains(&marker), "{c:?} is not marked with {marker}"),
            None => {
                let stored = sandbox
                    .customer(c.api, &c.id)
                    .await
                    .expect("readable")
                    .expect("stored");
                let note = stored
                    .get("note")
                    .and_then(|n| n.as_str())
                    .unwrap_or_default();
                assert!(
                    note.contains(&format!("shopspec conformance run {}", report.run_id)),
                    "{c:?} has neither a marked email nor a marked note: {stored}"
                );
            }
        }
    }

    // The JSON report has the documented top-level shape and no token.
    let json = serde_json::to_value(&report).expect("serialises");
    for key in ["summary", "cases", "created"] {
        assert!(json.get(key).is_some(), "no {key}");
    }
    let text = json.to_string();
    for secret in [common::TOKEN, common::UNLIMITED, common::STANDARD] {
        assert!(!text.contains(secret), "a token leaked into the report");
    }
    sandbox.shutdown().await;
}
