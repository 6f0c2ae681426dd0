//! The conformance report (JSON) and the JUnit writer, on reports built by
//! `arbitrary` from the input bytes.

use std::collections::BTreeMap;

use arbitrary::{Result as ArbResult, Unstructured};
use quick_junit::{NonSuccessKind, TestCaseStatus};
use serde_json::{Map, Value};
use shopspec_conformance::{
    CaseKind, CaseResult, Exchange, RequestRecord, ResponseRecord, RunReport, Status, Summary,
    TargetRecord,
};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

use crate::{Finding, broken};

const KINDS: [CaseKind; 19] = [
    CaseKind::DocumentedExample,
    CaseKind::ResponseSchema,
    CaseKind::ResponseContent,
    CaseKind::Boundary,
    CaseKind::RequiredField,
    CaseKind::Enum,
    CaseKind::Length,
    CaseKind::CrossField,
    CaseKind::NotUpdatable,
    CaseKind::PartialUpdate,
    CaseKind::Duplicate,
    CaseKind::Auth,
    CaseKind::ErrorShape,
    CaseKind::RateLimit,
    CaseKind::Type,
    CaseKind::UnknownField,
    CaseKind::Format,
    CaseKind::Range,
    CaseKind::Deprecated,
];

const STATUSES: [Status; 4] = [
    Status::Passed,
    Status::Failed,
    Status::Skipped,
    Status::Observation,
];

/// Text fragments that break naive writers: markup, CDATA ends, control
/// characters XML forbids, non-characters, line separators.
const NASTY: &[&str] = &[
    "<",
    ">",
    "&",
    "&amp;",
    "\"",
    "'",
    "]]>",
    "<![CDATA[",
    "<!--",
    "\u{0}",
    "\u{1b}[31m",
    "\u{8}",
    "\u{b}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\r\n",
    "\u{85}",
    "\u{2028}",
    "😀",
    "é",
    "",
];

/// A secret: 6 to 12 characters, some of which XML escapes; never `*`, the
/// mask character.
fn secret(u: &mut Unstructured<'_>) -> ArbResult<String> {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&<>\"'%#;";
    let len = u.int_in_range(6..=12)?;
    let mut s = String::with_capacity(len);
    for _ in 0..len {
        s.push(char::from(*u.choose(CHARS)?));
    }
    Ok(s)
}

fn text(u: &mut Unstructured<'_>, secrets: &[String]) -> ArbResult<String> {
    let parts = u.int_in_range(0..=4)?;
    let mut out = String::new();
    for _ in 0..parts {
        match u.int_in_range(0..=3)? {
            0 => out.push_str(u.arbitrary::<&str>()?),
            1 => out.push_str(u.choose(NASTY)?),
            2 if !secrets.is_empty() => out.push_str(u.choose(secrets)?),
            _ => out.push_str("case"),
        }
    }
    Ok(out)
}

fn json(u: &mut Unstructured<'_>, secrets: &[String], depth: u32) -> ArbResult<Value> {
    let pick = if depth > 3 { 4 } else { 6 };
    Ok(match u.int_in_range(0..=pick)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(u.arbitrary::<i64>()?),
        3 => serde_json::Number::from_f64(u.arbitrary::<f64>()?).map_or(Value::Null, Value::Number),
        4 => Value::String(text(u, secrets)?),
        5 => {
            let n = u.int_in_range(0..=3)?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(json(u, secrets, depth + 1)?);
            }
            Value::Array(items)
        }
        _ => {
            let n = u.int_in_range(0..=3)?;
            let mut map = Map::new();
            for _ in 0..n {
                map.insert(text(u, secrets)?, json(u, secrets, depth + 1)?);
            }
            Value::Object(map)
        }
    })
}

fn headers(u: &mut Unstructured<'_>, secrets: &[String]) -> ArbResult<BTreeMap<String, String>> {
    let n = u.int_in_range(0..=2)?;
    let mut h = BTreeMap::new();
    for _ in 0..n {
        h.insert(text(u, secrets)?, text(u, secrets)?);
    }
    Ok(h)
}

fn request(u: &mut Unstructured<'_>, secrets: &[String]) -> ArbResult<Option<RequestRecord>> {
    if !u.arbitrary::<bool>()? {
        return Ok(None);
    }
    Ok(Some(RequestRecord {
        method: text(u, secrets)?,
        path: text(u, secrets)?,
        headers: headers(u, secrets)?,
        body: if u.arbitrary()? {
            Some(json(u, secrets, 0)?)
        } else {
            None
        },
    }))
}

fn response(u: &mut Unstructured<'_>, secrets: &[String]) -> ArbResult<Option<ResponseRecord>> {
    if !u.arbitrary::<bool>()? {
        return Ok(None);
    }
    Ok(Some(ResponseRecord {
        status: u.arbitrary()?,
        headers: headers(u, secrets)?,
        body: json(u, secrets, 0)?,
    }))
}

fn case(u: &mut Unstructured<'_>, secrets: &[String]) -> ArbResult<CaseResult> {
    let api = *u.choose(&Api::ALL)?;
    let version = match api {
        Api::Myshopline => Some(*u.choose(&ApiVersion::SUPPORTED)?),
        _ => None,
    };
    let setups = u.int_in_range(0..=2)?;
    let mut setup = Vec::with_capacity(setups);
    for _ in 0..setups {
        if let Some(request) = request(u, secrets)? {
            setup.push(Exchange {
                request,
                response: response(u, secrets)?,
            });
        }
    }
    Ok(CaseResult {
        id: text(u, secrets)?,
        api,
        op: *u.choose(&Operation::ALL)?,
        version,
        kind: *u.choose(&KINDS)?,
        title: text(u, secrets)?,
        status: *u.choose(&STATUSES)?,
        source: text(u, secrets)?,
        message: text(u, secrets)?,
        writes: u.arbitrary()?,
        request: request(u, secrets)?,
        response: response(u, secrets)?,
        setup,
        // Drawn last in `build`, so saved inputs keep decoding as they did.
        curl: None,
        elapsed_ms: u.arbitrary()?,
    })
}

/// A report and the secrets to mask in it, built from `input`.
fn build(input: &[u8]) -> (RunReport, Vec<String>) {
    let mut u = Unstructured::new(input);
    let mut secrets = Vec::new();
    let n = u.int_in_range(0..=2).unwrap_or(0);
    for _ in 0..n {
        if let Ok(s) = secret(&mut u) {
            secrets.push(s);
        }
    }
    let mut cases = Vec::new();
    let count = u.int_in_range(0..=12).unwrap_or(0);
    for _ in 0..count {
        match case(&mut u, &secrets) {
            Ok(c) => cases.push(c),
            Err(_) => break,
        }
    }
    let run_id = text(&mut u, &secrets).unwrap_or_default();
    let mut targets = Vec::new();
    for _ in 0..u.int_in_range(0..=2).unwrap_or(0) {
        let target = (|| -> ArbResult<TargetRecord> {
            let api = *u.choose(&Api::ALL)?;
            Ok(TargetRecord {
                label: text(&mut u, &secrets)?,
                api,
                version: None,
                base_url: text(&mut u, &secrets)?,
                allow_writes: u.arbitrary()?,
            })
        })();
        match target {
            Ok(t) => targets.push(t),
            Err(_) => break,
        }
    }
    for case in &mut cases {
        if u.arbitrary().unwrap_or(false) {
            case.curl = text(&mut u, &secrets).ok();
        }
    }
    let report = RunReport {
        run_id,
        targets,
        summary: Summary::of(&cases),
        cases,
        created: Vec::new(),
        errors: Vec::new(),
    };
    (report, secrets)
}

/// The JSON report reads back with every case and the same summary.
pub(crate) fn json_report(input: &[u8]) -> Result<(), Finding> {
    let (report, _) = build(input);
    let text = serde_json::to_string(&report)
        .map_err(|e| broken(format!("the report does not serialise: {e}")))?;
    let back: Value = serde_json::from_str(&text)
        .map_err(|e| broken(format!("the JSON report does not read back: {e}")))?;
    let cases = back["cases"].as_array().map_or(0, Vec::len);
    if cases != report.cases.len() {
        return Err(broken(format!(
            "{} cases written, {cases} read back",
            report.cases.len()
        )));
    }
    for (key, want) in [
        ("passed", report.summary.passed),
        ("failed", report.summary.failed),
        ("skipped", report.summary.skipped),
        ("observations", report.summary.observations),
    ] {
        if back["summary"][key].as_u64() != u64::try_from(want).ok() {
            return Err(broken(format!("summary.{key} does not read back")));
        }
    }
    Ok(())
}

/// Characters XML 1.0 does not allow in a document.
fn xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The text of an XML document with its entity and character references resolved.
fn unescape(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else {
            break;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The JUnit XML parses back with every case and status, has no character
/// XML forbids and no secret, escaped or not.
pub(crate) fn junit(input: &[u8]) -> Result<(), Finding> {
    let (report, secrets) = build(input);
    let mut out = Vec::new();
    shopspec_conformance::junit::write(&mut out, &report, &secrets)
        .map_err(|e| broken(format!("the JUnit writer failed: {e}")))?;
    let xml = String::from_utf8(out).map_err(|e| broken(format!("JUnit XML is not UTF-8: {e}")))?;
    if let Some(c) = xml.chars().find(|c| xml_forbidden(*c)) {
        return Err(broken(format!(
            "the JUnit XML has {c:?}, which XML forbids"
        )));
    }
    let text = unescape(&xml);
    if let Some(c) = text.chars().find(|c| xml_forbidden(*c)) {
        return Err(broken(format!(
            "the JUnit XML has a reference to {c:?}, which XML forbids"
        )));
    }
    for s in &secrets {
        if text.contains(s.as_str()) {
            return Err(broken(format!("the secret {s:?} is in the JUnit XML")));
        }
    }
    let parsed = quick_junit::Report::deserialize_from_str(&xml)
        .map_err(|e| broken(format!("the JUnit XML does not parse back: {e}")))?;
    let cases: Vec<_> = parsed
        .test_suites
        .iter()
        .flat_map(|s| s.test_cases.iter())
        .collect();
    if cases.len() != report.cases.len() {
        return Err(broken(format!(
            "{} cases written, {} read back",
            report.cases.len(),
            cases.len()
        )));
    }
    let failures = cases
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                TestCaseStatus::NonSuccess {
                    kind: NonSuccessKind::Failure,
                    ..
                }
            )
        })
        .count();
    let skipped = cases
        .iter()
        .filter(|c| matches!(c.status, TestCaseStatus::Skipped { .. }))
        .count();
    if failures != report.summary.failed || skipped != report.summary.skipped {
        return Err(broken(format!(
            "{} failed and {} skipped written, {failures} and {skipped} read back",
            report.summary.failed, report.summary.skipped
        )));
    }
    Ok(())
}
