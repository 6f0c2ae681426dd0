//! [`Baseline`]: the failures a store owner has accepted for now, so a nightly
//! run answers "does the store still behave as it did?".

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::report::{RunReport, Status};

/// The format version written into every baseline file.
const FORMAT: u32 = 1;

/// The longest reason kept per failure, in characters: enough to recognise it
/// in a review, short enough to keep the file readable in a diff.
const REASON_CHARS: usize = 200;

/// Known failures, by case id, with a short reason each.
///
/// Serialised as reviewable JSON, sorted by id. It holds what the report's
/// messages say, which never carry a token (the runner masks them).
///
/// ```
/// use shopspec_conformance::Baseline;
///
/// let baseline: Baseline = serde_json::from_str(
///     r#"{"shopspec_baseline": 1, "failures": [{"id": "fecify.create.status-is-5", "reason": "answers 1"}]}"#,
/// )?;
/// assert!(baseline.contains("fecify.create.status-is-5"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version (1).
    pub shopspec_baseline: u32,
    /// The known failures, sorted by id.
    pub failures: Vec<KnownFailure>,
}

/// One known failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownFailure {
    /// The case id.
    pub id: String,
    /// Why it failed when the baseline was written (the case message, shortened).
    pub reason: String,
}

/// How a run compares with a [`Baseline`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineComparison {
    /// Failed, and not in the baseline: these fail the run.
    pub new: Vec<String>,
    /// Failed, and in the baseline: shown, but they do not fail the run.
    pub known: Vec<String>,
    /// In the baseline, and now passed (or an observation).
    pub fixed: Vec<String>,
    /// In the baseline, but skipped or not part of this run.
    pub not_run: Vec<String>,
}

impl BaselineComparison {
    /// `true` when no failure is new.
    pub fn is_success(&self) -> bool {
        self.new.is_empty()
    }

    /// `true` when `id` failed and the baseline knows it.
    pub fn is_known(&self, id: &str) -> bool {
        self.known.iter().any(|k| k == id)
    }
}

impl Baseline {
    /// The failures of `report`.
    pub fn from_report(report: &RunReport) -> Baseline {
        let mut failures: Vec<KnownFailure> = report
            .failures()
            .map(|c| KnownFailure {
                id: c.id.clone(),
                reason: shorten(&c.message),
            })
            .collect();
        failures.sort_by(|a, b| a.id.cmp(&b.id));
        failures.dedup_by(|a, b| a.id == b.id);
        Baseline {
            shopspec_baseline: FORMAT,
            failures,
        }
    }

    /// `true` when the baseline lists `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.failures.iter().any(|f| f.id == id)
    }

    /// Sorts the failures of `report` into new and known, and the baseline's
    /// other entries into fixed and not run.
    pub fn compare(&self, report: &RunReport) -> BaselineComparison {
        let listed: BTreeSet<&str> = self.failures.iter().map(|f| f.id.as_str()).collect();
        let mut out = BaselineComparison::default();
        for case in report.failures() {
            if listed.contains(case.id.as_str()) {
                out.known.push(case.id.clone());
            } else {
                out.new.push(case.id.clone());
            }
        }
        for id in listed {
            match report.case(id).map(|c| c.status) {
                Some(Status::Failed) => {}
                Some(Status::Passed | Status::Observation) => out.fixed.push(id.to_owned()),
                Some(Status::Skipped) | None => out.not_run.push(id.to_owned()),
            }
        }
        out
    }
}

/// One line of at most [`REASON_CHARS`] characters.
fn shorten(message: &str) -> String {
    let line: String = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > REASON_CHARS {
        let mut cut: String = line.chars().take(REASON_CHARS - 3).collect();
        cut.push_str("...");
        cut
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{CaseKind, CaseResult, Summary};
    use shopspec_model::{Api, Operation};

    fn case(id: &str, status: Status) -> CaseResult {
        CaseResult {
            id: id.to_owned(),
            api: Api::Fecify,
            op: Operation::CreateCustomer,
            version: None,
            kind: CaseKind::Enum,
            title: String::new(),
            status,
            source: String::new(),
            message: format!("{id}   went\nwrong {}", "x".repeat(300)),
            writes: true,
            request: None,
            response: None,
            setup: Vec::new(),
            curl: None,
            elapsed_ms: 0,
        }
    }

    fn report(cases: Vec<CaseResult>) -> RunReport {
        RunReport {
            run_id: "r".to_owned(),
            targets: Vec::new(),
            summary: Summary::of(&cases),
            cases,
            created: Vec::new(),
            errors: Vec::new(),
        }
    }

    #[test]
    fn sorts_failures_into_new_known_fixed_and_not_run() {
        let before = report(vec![
            case("b", Status::Failed),
            case("a", Status::Failed),
            case("c", Status::Failed),
            case("d", Status::Failed),
            case("e", Status::Passed),
        ]);
        let baseline = Baseline::from_report(&before);
        let ids: Vec<&str> = baseline.failures.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);
        let reason = &baseline.failures[0].reason;
        assert!(reason.starts_with("a went wrong x") && reason.ends_with("..."));
        assert_eq!(reason.chars().count(), REASON_CHARS);

        let after = report(vec![
            case("a", Status::Failed),
            case("b", Status::Observation),
            case("c", Status::Skipped),
            case("e", Status::Failed),
        ]);
        let cmp = baseline.compare(&after);
        assert_eq!(cmp.new, ["e"]);
        assert_eq!(cmp.known, ["a"]);
        assert_eq!(cmp.fixed, ["b"]);
        assert_eq!(cmp.not_run, ["c", "d"]);
        assert!(!cmp.is_success() && cmp.is_known("a") && !cmp.is_known("e"));

        let json = serde_json::to_string_pretty(&baseline).expect("serialises");
        let back: Baseline = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, baseline);
    }
}
