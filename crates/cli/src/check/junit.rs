//! The JUnit XML report: a testsuite per API (myshopline per version), a testcase
//! per case. Failures are failures, skipped cases skipped, observations pass with
//! what was seen in `system-out`.

use std::io::Write;
use std::time::Duration;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use shopspec_conformance::{CaseResult, RunReport, Status};

/// Writes `report` as JUnit XML. `secrets` are masked once more, in case a
/// store echoed one in a way the report did not catch.
pub(super) fn write(
    w: &mut impl Write,
    report: &RunReport,
    secrets: &[String],
) -> std::io::Result<()> {
    let mut junit = Report::new("shopspec check");
    let mut suites: Vec<(String, TestSuite)> = Vec::new();
    for case in &report.cases {
        let name = suite_name(case);
        let index = match suites.iter().position(|(n, _)| *n == name) {
            Some(i) => i,
            None => {
                suites.push((name.clone(), TestSuite::new(name.clone())));
                suites.len() - 1
            }
        };
        suites[index].1.add_test_case(test_case(case, secrets));
    }
    junit.add_test_suites(suites.into_iter().map(|(_, s)| s));
    let xml = junit
        .to_string()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    w.write_all(mask(&xml, secrets).as_bytes())
}

fn suite_name(case: &CaseResult) -> String {
    match case.version {
        Some(v) => format!("{} {v}", case.api),
        None => case.api.to_string(),
    }
}

fn mask(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.len() >= 3) {
        out = out.replace(s.as_str(), "***");
    }
    out
}

fn test_case(case: &CaseResult, secrets: &[String]) -> TestCase {
    let detail = || {
        let exchange = serde_json::json!({
            "source": case.source,
            "request": case.request,
            "response": case.response,
        });
        mask(
            &serde_json::to_string_pretty(&exchange).unwrap_or_default(),
            secrets,
        )
    };
    let status = match case.status {
        Status::Passed | Status::Observation => TestCaseStatus::success(),
        Status::Skipped => {
            let mut s = TestCaseStatus::skipped();
            s.set_message(mask(&case.message, secrets));
            s
        }
        Status::Failed => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(mask(&case.message, secrets));
            s.set_type(case.kind.as_str());
            s.set_description(detail());
            s
        }
    };
    let mut tc = TestCase::new(case.id.clone(), status);
    tc.set_classname(format!("{}.{}", suite_name(case), case.op));
    tc.set_time(Duration::from_millis(case.elapsed_ms));
    if case.status == Status::Observation {
        tc.set_system_out(mask(
            &format!("observation: {}\nsource: {}", case.message, case.source),
            secrets,
        ));
    }
    tc
}
