//! The JUnit XML report of a run: a testsuite per API (myshopline per version),
//! a testcase per case. Failures are failures, skipped cases skipped,
//! observations pass with what was seen in `system-out`.

use std::io::Write;
use std::time::Duration;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::{CaseResult, RunReport, Status};

/// Writes `report` as JUnit XML to `w`.
///
/// Every text taken from the report is masked once more with `secrets`
/// (each occurrence of a secret of 3 characters or more becomes `***`), in
/// case a store echoed one in a way the report did not catch. The masking
/// happens before XML escaping, so a secret with `&` or `<` in it is masked too.
/// Characters XML 1.0 forbids (control characters such as the ANSI escape,
/// U+FFFE, U+FFFF) become U+FFFD.
///
/// ```
/// use shopspec_conformance::{RunReport, Summary};
///
/// let report = RunReport {
///     run_id: "r1".into(),
///     targets: Vec::new(),
///     summary: Summary::default(),
///     cases: Vec::new(),
///     created: Vec::new(),
///     errors: Vec::new(),
/// };
/// let mut xml = Vec::new();
/// shopspec_conformance::junit::write(&mut xml, &report, &[]).unwrap();
/// assert!(String::from_utf8(xml).unwrap().starts_with("<?xml"));
/// ```
pub fn write(w: &mut impl Write, report: &RunReport, secrets: &[String]) -> std::io::Result<()> {
    let mut junit = Report::new("shopspec check");
    let mut suites: Vec<(String, TestSuite)> = Vec::new();
    for case in &report.cases {
        let name = mask(&suite_name(case), secrets);
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
    w.write_all(xml.as_bytes())
}

fn suite_name(case: &CaseResult) -> String {
    match case.version {
        Some(v) => format!("{} {v}", case.api),
        None => case.api.to_string(),
    }
}

/// `text` with every secret masked and every character XML 1.0 forbids
/// (control characters, U+FFFE, U+FFFF) replaced by U+FFFD, so that strict
/// JUnit readers accept the file and dropping a character cannot join the
/// two halves of a secret.
fn mask(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.len() >= 3) {
        out = out.replace(s.as_str(), "***");
    }
    if out.chars().any(xml_forbidden) {
        out = out
            .chars()
            .map(|c| if xml_forbidden(c) { '\u{FFFD}' } else { c })
            .collect();
    }
    out
}

/// Characters outside XML 1.0's `Char` production (Rust strings hold no surrogates).
fn xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{FFFE}' | '\u{FFFF}')
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
    let mut tc = TestCase::new(mask(&case.id, secrets), status);
    tc.set_classname(mask(&format!("{}.{}", suite_name(case), case.op), secrets));
    tc.set_time(Duration::from_millis(case.elapsed_ms));
    if case.status == Status::Observation {
        tc.set_system_out(mask(
            &format!("observation: {}\nsource: {}", case.message, case.source),
            secrets,
        ));
    }
    tc
}

#[cfg(test)]
mod tests {
    use shopspec_model::myshopline::ApiVersion;
    use shopspec_model::{Api, Operation};

    use super::*;
    use crate::{CaseKind, Summary};

    fn case(id: &str, api: Api, status: Status, message: &str) -> CaseResult {
        CaseResult {
            id: id.into(),
            api,
            op: Operation::CreateCustomer,
            version: (api == Api::Myshopline).then_some(ApiVersion::V20260301),
            kind: CaseKind::Enum,
            title: "t".into(),
            status,
            source: "https://example.com/page".into(),
            message: message.into(),
            writes: false,
            request: None,
            response: None,
            setup: Vec::new(),
            curl: None,
            elapsed_ms: 3,
        }
    }

    fn xml(cases: Vec<CaseResult>, secrets: &[String]) -> String {
        let report = RunReport {
            run_id: "r".into(),
            targets: Vec::new(),
            summary: Summary::of(&cases),
            cases,
            created: Vec::new(),
            errors: Vec::new(),
        };
        let mut out = Vec::new();
        write(&mut out, &report, secrets).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_suite_per_api_and_version_and_statuses_map() {
        let text = xml(
            vec![
                case("fecify.a", Api::Fecify, Status::Passed, "ok"),
                case("fecify.b", Api::Fecify, Status::Failed, "broke"),
                case("ml.c", Api::Myshopline, Status::Skipped, "no writes"),
                case("sl.d", Api::Shopline, Status::Observation, "saw 201"),
            ],
            &[],
        );
        assert_eq!(text.matches("<testsuite ").count(), 3, "{text}");
        assert!(text.contains("<testsuite name=\"myshopline v20260301\""));
        assert_eq!(text.matches("<testcase ").count(), 4);
        assert_eq!(text.matches("<failure").count(), 1);
        assert_eq!(text.matches("<skipped").count(), 1);
        assert!(text.contains("observation: saw 201"));
    }

    #[test]
    fn secrets_are_masked_before_escaping() {
        let secret = "tok&<en".to_owned();
        let text = xml(
            vec![case(
                "fecify.a",
                Api::Fecify,
                Status::Failed,
                "echoed tok&<en back",
            )],
            std::slice::from_ref(&secret),
        );
        assert!(!text.contains("tok&amp;&lt;en"), "{text}");
        assert!(text.contains("echoed *** back"), "{text}");
    }

    #[test]
    fn characters_xml_forbids_are_replaced() {
        let text = xml(
            vec![case(
                "fecify.\u{FFFE}",
                Api::Fecify,
                Status::Failed,
                "\u{1b}[31mred\u{FFFF}\u{0}",
            )],
            &[],
        );
        assert!(
            !text.contains(['\u{1b}', '\u{0}', '\u{FFFE}', '\u{FFFF}']),
            "{text:?}"
        );
        assert!(text.contains("\u{FFFD}[31mred\u{FFFD}\u{FFFD}"), "{text:?}");
        assert!(text.contains("fecify.\u{FFFD}"), "{text:?}");
    }
}
