//! `--replay report.json`: the failed cases of an earlier report, run again.

use std::path::Path;

use serde::Deserialize;
use shopspec_conformance::{RunReport, Status};
use shopspec_model::Api;
use shopspec_model::myshopline::ApiVersion;

/// What a replay needs from a JSON report.
pub(super) struct Source {
    /// The ids of the failed cases.
    pub(super) failed: Vec<String>,
    /// The config store the report ran against, if any.
    pub(super) store: Option<String>,
    /// Whether it ran against the embedded sandbox.
    pub(super) embedded: bool,
    /// The store it ran against, when it ran against exactly one.
    pub(super) target: Option<Target>,
}

/// A target of the report.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Target {
    pub(super) api: Api,
    #[serde(default)]
    pub(super) version: Option<ApiVersion>,
    pub(super) base_url: String,
    #[serde(default)]
    pub(super) allow_writes: bool,
}

#[derive(Deserialize)]
struct Report {
    cases: Vec<Case>,
    #[serde(default)]
    targets: Vec<Target>,
    #[serde(default)]
    store: Option<StoreInfo>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    status: String,
}

#[derive(Deserialize)]
struct StoreInfo {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    embedded: bool,
}

impl Source {
    /// Reads a report written by `--report-json`.
    pub(super) fn read(path: &Path) -> Result<Source, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the report {}: {e}", path.display()))?;
        let report: Report = serde_json::from_str(crate::without_bom(&text)).map_err(|e| {
            format!(
                "{}: not a report of `shopspec check --report-json`: {e}",
                path.display()
            )
        })?;
        let failed: Vec<String> = report
            .cases
            .into_iter()
            .filter(|c| c.status == Status::Failed.as_str())
            .map(|c| c.id)
            .collect();
        let (store, embedded) = match report.store {
            Some(s) => (s.name, s.embedded),
            None => (None, false),
        };
        let target = match report.targets.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        };
        // With no failed case there is nothing to replay, wherever the report ran.
        if !failed.is_empty() && !embedded && target.is_none() && store.is_none() {
            return Err(format!(
                "{}: the report does not name one store to replay against; give --store or --base-url",
                path.display()
            ));
        }
        Ok(Source {
            failed,
            store,
            embedded,
            target,
        })
    }
}

/// What became of a replayed case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// It failed again.
    StillFailing,
    /// It passed (or is now an observation).
    NowFixed,
    /// It did not run (skipped, or not a case of this target).
    NotRun,
}

impl Outcome {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Outcome::StillFailing => "still failing",
            Outcome::NowFixed => "now fixed",
            Outcome::NotRun => "not run",
        }
    }
}

/// One replayed case.
pub(super) struct Replayed {
    pub(super) id: String,
    pub(super) status: Outcome,
    pub(super) message: String,
}

/// The outcome of each replayed id in the new report.
pub(super) fn outcome(ids: &[String], report: &RunReport) -> Vec<Replayed> {
    ids.iter()
        .map(|id| {
            let (status, message) = match report.case(id) {
                Some(c) => match c.status {
                    Status::Failed => (Outcome::StillFailing, c.message.clone()),
                    Status::Passed | Status::Observation => (Outcome::NowFixed, c.message.clone()),
                    Status::Skipped => (Outcome::NotRun, c.message.clone()),
                },
                None => (
                    Outcome::NotRun,
                    "no such case against this target".to_owned(),
                ),
            };
            Replayed {
                id: id.clone(),
                status,
                message,
            }
        })
        .collect()
}
