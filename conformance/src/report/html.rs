//! [`HtmlReport`]: a run as one self-contained HTML page (inline style and
//! script, no external asset), to open offline or attach to a CI run.
//!
//! Rendered with `maud`: every value is escaped by the template engine, so a
//! store that answers markup cannot inject it into the page.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::Value;

use super::baseline::BaselineComparison;
use super::curl::TOKEN_VARIABLE;
use crate::report::{CaseResult, Exchange, RequestRecord, ResponseRecord, RunReport, Status};

const STYLE: &str = "
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d1d1f;max-width:90rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.cases{table-layout:fixed}
table.cases col.s{width:7rem}table.cases col.c{width:30%}table.cases col.k{width:8rem}table.cases col.src{width:25%}
th{background:#f4f4f6}
.passed{color:#1a7f37}.failed{color:#c62828;font-weight:600}.skipped{color:#777}
.observation{color:#9a6700}.known{color:#8250df;font-weight:600}
pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
details{border:1px solid #ddd;border-radius:4px;padding:.25rem .75rem;margin:.5rem 0}
summary{cursor:pointer}code{font-size:.95em}summary h2{display:inline;margin:0}
.verdict{font-size:1.3rem;font-weight:700;padding:.5rem .75rem;border-radius:4px}
.verdict.failed{background:#fdecea}.verdict.passed{background:#e8f5e9;color:#1a7f37}
form#filter{margin:1rem 0;padding:.5rem;background:#f4f4f6;border-radius:4px}
[hidden]{display:none!important}
button{font-size:.85em}
";

/// Copies the curl command next to the button, and filters the cases by status
/// and text (from the form, or from the address: `#status=failed&q=email`).
/// The page is complete without it.
const SCRIPT: &str = "document.addEventListener('click',function(e){\
var b=e.target.closest('button[data-copy]');if(!b||!navigator.clipboard)return;\
navigator.clipboard.writeText(document.getElementById(b.dataset.copy).textContent)\
.then(function(){b.textContent='copied';});});\
(function(){var st=document.getElementById('status-filter'),tx=document.getElementById('text-filter'),\
shown=document.getElementById('shown');if(!st||!tx)return;\
function apply(){var s=st.value,q=tx.value.trim().toLowerCase(),n=0,all=0;\
document.querySelectorAll('.case[data-status]').forEach(function(el){all++;\
var ok=(!s||el.dataset.status===s)&&(!q||el.dataset.text.indexOf(q)>=0);el.hidden=!ok;if(ok)n++;});\
document.querySelectorAll('details.group').forEach(function(g){\
var any=g.querySelector('.case[data-status]:not([hidden])');g.hidden=!any;if(s||q){g.open=!!any;}});\
shown.textContent=(s||q)?n+' of '+all+' cases shown':'';}\
var h=new URLSearchParams(location.hash.slice(1));\
if(h.get('status'))st.value=h.get('status');if(h.get('q'))tx.value=h.get('q');\
st.addEventListener('change',apply);tx.addEventListener('input',apply);apply();})();";

/// A run rendered as one HTML page: a summary, a table per API (myshopline per
/// version) with each case and its doc source as a link, and every failure and
/// observation opening to its request, answer and a curl command that sends the
/// request again (token as `$SHOPSPEC_TOKEN`).
///
/// The report is rendered as it is: the runner has already masked the tokens.
///
/// ```
/// use shopspec_conformance::{HtmlReport, RunReport, Summary};
///
/// let report = RunReport {
///     run_id: "abc123".to_owned(),
///     targets: Vec::new(),
///     summary: Summary::default(),
///     cases: Vec::new(),
///     created: Vec::new(),
///     errors: Vec::new(),
/// };
/// let page = HtmlReport::new(&report).title("nightly").render();
/// assert!(page.starts_with("<!DOCTYPE html>") && page.contains("abc123"));
/// ```
#[derive(Debug, Clone)]
pub struct HtmlReport<'a> {
    report: &'a RunReport,
    baseline: Option<&'a BaselineComparison>,
    title: String,
}

impl<'a> HtmlReport<'a> {
    /// A page for `report`.
    pub fn new(report: &'a RunReport) -> Self {
        HtmlReport {
            report,
            baseline: None,
            title: "shopspec check".to_owned(),
        }
    }

    /// Marks the known failures and lists the fixed ones of a baseline comparison.
    pub fn baseline(mut self, comparison: &'a BaselineComparison) -> Self {
        self.baseline = Some(comparison);
        self
    }

    /// The page title (default `shopspec check`).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// The page: the verdict and the counts first; then the failures, each
    /// open to its request, answer, reason, source and curl command; then the
    /// observations grouped by what the store did, closed; then the skipped and
    /// the passed cases, closed. A filter by status and text (inline script,
    /// also read from the address: `#status=failed&q=email`) hides the cases
    /// that do not match.
    pub fn render(&self) -> String {
        let r = self.report;
        let s = &r.summary;
        let failures: Vec<&CaseResult> = r
            .cases
            .iter()
            .filter(|c| c.status == Status::Failed && !self.is_known(c))
            .collect();
        let known: Vec<&CaseResult> = r.cases.iter().filter(|c| self.is_known(c)).collect();
        let observed = self.observation_groups();
        let observations: usize = observed.iter().map(|(_, cases)| cases.len()).sum();
        let skipped: Vec<&CaseResult> = r
            .cases
            .iter()
            .filter(|c| c.status == Status::Skipped)
            .collect();
        let passed: Vec<&CaseResult> = r
            .cases
            .iter()
            .filter(|c| c.status == Status::Passed)
            .collect();
        let (verdict_class, verdict) = self.verdict(failures.len());
        let page = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (verdict) " — " (self.title) " — run " (r.run_id) }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    h1 { (self.title) " — run " code { (r.run_id) } }
                    p id="verdict" class={ "verdict " (verdict_class) } { (verdict) }
                    table id="counts" {
                        tr { th { "failed" } th { "observations" } th { "skipped" } th { "passed" } th { "total" } th { "customers created" } }
                        tr {
                            td class="failed" { (s.failed) }
                            td class="observation" { (s.observations) }
                            td class="skipped" { (s.skipped) }
                            td class="passed" { (s.passed) }
                            td { (s.total()) }
                            td { (r.created.len()) }
                        }
                    }
                    @if !r.errors.is_empty() {
                        h2 class="failed" { "Errors of the run" }
                        ul { @for e in &r.errors { li { (e) } } }
                    }
                    @if let Some(b) = self.baseline {
                        p {
                            "Against the baseline: "
                            span class="failed" { (b.new.len()) " new failure(s)" } ", "
                            span class="known" { (b.known.len()) " known" } ", "
                            span class="passed" { (b.fixed.len()) " fixed" } ", "
                            (b.not_run.len()) " not run."
                        }
                        @if !b.fixed.is_empty() {
                            p { "Fixed since the baseline: " @for (i, id) in b.fixed.iter().enumerate() { @if i > 0 { ", " } code { (id) } } }
                        }
                    }
                    form id="filter" onsubmit="return false" {
                        label { "Status " select id="status-filter" {
                            option value="" { "all" }
                            option value="failed" { "failed" }
                            option value="known" { "known failures" }
                            option value="observation" { "observations" }
                            option value="skipped" { "skipped" }
                            option value="passed" { "passed" }
                        } }
                        " "
                        label { "Text " input id="text-filter" type="search" placeholder="case id, title, message, source"; }
                        " " span id="shown" {}
                    }
                    details class="targets" {
                        summary { "Targets (" (r.targets.len()) ")" }
                        table {
                            tr { th { "target" } th { "base URL" } th { "writes" } th { "failed" } th { "observations" } th { "skipped" } th { "passed" } }
                            @for t in &r.targets {
                                @let sum = crate::report::Summary::of(r.cases.iter().filter(|c| c.api == t.api && c.version == t.version));
                                tr {
                                    td { (t.label) } td { code { (t.base_url) } }
                                    td { @if t.allow_writes { "allowed" } @else { "not allowed" } }
                                    td { (sum.failed) } td { (sum.observations) } td { (sum.skipped) } td { (sum.passed) }
                                }
                            }
                        }
                    }
                    @if !failures.is_empty() || !known.is_empty() {
                        section id="failures" {
                            h2 class="failed" { "Failures (" (failures.len()) ")" }
                            p { "Each curl command reads the token from " code { "$" (TOKEN_VARIABLE) } ": "
                                code { "export " (TOKEN_VARIABLE) "=..." } " first." }
                            @for c in &failures { (self.detail(c, true)) }
                            @if !known.is_empty() {
                                h3 class="known" { "Known failures (" (known.len()) "): in the baseline, they do not fail the run" }
                                @for c in &known { (self.detail(c, false)) }
                            }
                        }
                    }
                    @if observations > 0 {
                        section id="observations" {
                            h2 class="observation" { "Observations (" (observations) "): the docs are silent; this is what the store did" }
                            @for (did, cases) in &observed {
                                details class="group" {
                                    summary { (did) " — " (cases.len()) " case(s)" }
                                    @for c in cases { (self.detail(c, false)) }
                                }
                            }
                        }
                    }
                    @if !skipped.is_empty() {
                        section id="skipped" {
                            details class="group" {
                                summary { h2 class="skipped" { "Skipped (" (skipped.len()) ")" } }
                                (self.case_table(&skipped))
                            }
                        }
                    }
                    @if !passed.is_empty() {
                        section id="passed" {
                            details class="group" {
                                summary { h2 class="passed" { "Passed (" (passed.len()) ")" } }
                                (self.case_table(&passed))
                            }
                        }
                    }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        };
        page.into_string()
    }

    /// The verdict line and its class.
    fn verdict(&self, new_failures: usize) -> (&'static str, String) {
        let r = self.report;
        if !r.errors.is_empty() {
            return (
                "failed",
                format!(
                    "ERROR: the run cannot be judged ({} case(s) not judged)",
                    r.errors.len()
                ),
            );
        }
        match (new_failures, self.baseline) {
            (0, Some(b)) if !b.known.is_empty() => (
                "passed",
                format!("OK: no new failure ({} known)", b.known.len()),
            ),
            (0, _) => ("passed", "OK: no case failed".to_owned()),
            (n, Some(_)) => ("failed", format!("FAILED: {n} new failure(s)")),
            (n, None) => ("failed", format!("FAILED: {n} case(s) failed")),
        }
    }

    /// The observations, grouped by what the store did (the answer's status,
    /// and Fecify's code), the largest group first.
    fn observation_groups(&self) -> Vec<(String, Vec<&'a CaseResult>)> {
        let mut groups: Vec<(String, Vec<&CaseResult>)> = Vec::new();
        for c in self
            .report
            .cases
            .iter()
            .filter(|c| c.status == Status::Observation)
        {
            let did = what_the_store_did(c);
            match groups.iter_mut().find(|(d, _)| *d == did) {
                Some((_, cases)) => cases.push(c),
                None => groups.push((did, vec![c])),
            }
        }
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        groups
    }

    /// A table of cases, one row each, for the filter.
    fn case_table(&self, cases: &[&CaseResult]) -> Markup {
        html! {
            table class="cases" {
                colgroup { col class="s"; col class="c"; col class="k"; col class="src"; col; }
                tr { th { "status" } th { "case" } th { "kind" } th { "source" } th { "message" } }
                @for c in cases {
                    tr class="case" data-status=(self.status_class(c)) data-text=(search_text(c)) {
                        td class=(self.status_class(c)) { (self.status_text(c)) }
                        td { code { (c.id) } }
                        td { (c.kind) }
                        td { (source(&c.source)) }
                        td { (one_line(&c.message, 240)) }
                    }
                }
            }
        }
    }

    fn is_known(&self, c: &CaseResult) -> bool {
        c.status == Status::Failed && self.baseline.is_some_and(|b| b.is_known(&c.id))
    }

    fn status_class(&self, c: &CaseResult) -> &'static str {
        if self.is_known(c) {
            "known"
        } else {
            c.status.as_str()
        }
    }

    fn status_text(&self, c: &CaseResult) -> &'static str {
        if self.is_known(c) {
            "known failure"
        } else {
            c.status.as_str()
        }
    }

    fn base_url(&self, c: &CaseResult) -> &str {
        self.report
            .targets
            .iter()
            .find(|t| t.api == c.api && t.version == c.version)
            .map_or("", |t| t.base_url.as_str())
    }

    fn detail(&self, c: &CaseResult, open: bool) -> Markup {
        let curl_id = format!("curl-{}", anchor(&c.id));
        html! {
            details id=(anchor(&c.id)) class="case" open[open] data-status=(self.status_class(c)) data-text=(search_text(c)) {
                summary { span class=(self.status_class(c)) { (self.status_text(c)) } " " code { (c.id) } " — " (c.title) }
                p class="reason" { strong { "Reason: " } (c.message) }
                p { "Source: " (source(&c.source)) }
                @for (i, e) in c.setup.iter().enumerate() {
                    details { summary { "setup request " (i + 1) } (self.exchange(c, e)) }
                }
                @if let Some(req) = &c.request {
                    h4 { "Request" }
                    (self.request(c, req))
                }
                h4 { "Answer" }
                @match &c.response {
                    Some(resp) => (response(resp)),
                    None => p { "none" },
                }
                @if let Some(curl) = &c.curl {
                    h4 { "Reproduce " button type="button" data-copy=(curl_id) { "copy" } }
                    pre id=(curl_id) { (curl) }
                }
            }
        }
    }

    fn exchange(&self, c: &CaseResult, e: &Exchange) -> Markup {
        html! {
            (self.request(c, &e.request))
            @match &e.response {
                Some(resp) => (response(resp)),
                None => p { "no answer" },
            }
        }
    }

    fn request(&self, c: &CaseResult, r: &RequestRecord) -> Markup {
        let mut text = format!("{} {}{}\n", r.method, self.base_url(c), r.path);
        for (k, v) in &r.headers {
            text.push_str(&format!("{k}: {v}\n"));
        }
        if let Some(body) = &r.body {
            text.push('\n');
            text.push_str(&pretty(body));
        }
        html! { pre { (text) } }
    }
}

/// What the store did in a case: its answer's status (and Fecify's code).
fn what_the_store_did(c: &CaseResult) -> String {
    let Some(r) = &c.response else {
        return "no answer".to_owned();
    };
    let code = r.body.get("code").and_then(Value::as_i64);
    let accepted = match code {
        Some(code) if c.api == shopspec_model::Api::Fecify => code == 200,
        _ => (200..300).contains(&r.status),
    };
    let verb = if accepted { "accepted" } else { "refused" };
    match code {
        Some(code) if c.api == shopspec_model::Api::Fecify => {
            format!("{verb}: HTTP {}, code {code}", r.status)
        }
        _ => format!("{verb}: HTTP {}", r.status),
    }
}

/// The text the filter searches: id, title, message, kind and source, lower
/// case, without URL schemes (an attribute never holds a URL but a link's).
fn search_text(c: &CaseResult) -> String {
    format!("{} {} {} {} {}", c.id, c.title, c.message, c.kind, c.source)
        .to_lowercase()
        .replace("https://", "")
        .replace("http://", "")
}

fn response(r: &ResponseRecord) -> Markup {
    let mut text = format!("HTTP {}\n", r.status);
    for (k, v) in &r.headers {
        text.push_str(&format!("{k}: {v}\n"));
    }
    text.push('\n');
    text.push_str(&pretty(&r.body));
    html! { pre { (text) } }
}

fn pretty(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    }
}

/// A source with its URL as a link: `file.json (https://...)` links the URL only.
fn source(text: &str) -> Markup {
    let start = text.find("https://").or_else(|| text.find("http://"));
    match start {
        Some(at) => {
            let rest = &text[at..];
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')' || c == ',' || c == ';')
                .unwrap_or(rest.len());
            let url = &rest[..end];
            html! { (text[..at]) a href=(url) { (url) } (rest[end..]) }
        }
        None => html! { code { (text) } },
    }
}

/// An element id for a case (ids are already letters, digits, `.`, `-` and `_`).
fn anchor(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("case-{safe}")
}

fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        format!("{}...", flat.chars().take(max).collect::<String>())
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_link_their_url_only() {
        assert_eq!(
            source("examples/a.json (https://x.test/doc#p)").into_string(),
            "examples/a.json (<a href=\"https://x.test/doc#p\">https://x.test/doc#p</a>)"
        );
        assert_eq!(
            source("spec/errata.md#E-1").into_string(),
            "<code>spec/errata.md#E-1</code>"
        );
    }

    #[test]
    fn answers_are_escaped() {
        let r = ResponseRecord {
            status: 500,
            headers: Default::default(),
            body: Value::String("<script>alert(1)</script>".to_owned()),
        };
        let out = response(&r).into_string();
        assert!(out.contains("&lt;script&gt;"), "{out}");
        assert!(!out.contains("<script>"), "{out}");
    }

    fn case(id: &str, status: Status, answer: u16) -> CaseResult {
        CaseResult {
            id: id.to_owned(),
            api: shopspec_model::Api::Shopline,
            op: shopspec_model::Operation::UpdateCustomer,
            version: None,
            kind: crate::report::CaseKind::Type,
            title: format!("title of {id}"),
            status,
            source: "https://example.test/doc".to_owned(),
            message: format!("message of {id}"),
            writes: true,
            request: None,
            response: Some(ResponseRecord {
                status: answer,
                headers: Default::default(),
                body: Value::Null,
            }),
            setup: Vec::new(),
            curl: Some(format!("curl {id}")),
            elapsed_ms: 1,
        }
    }

    #[test]
    fn the_page_leads_with_the_verdict_then_open_failures_then_closed_groups() {
        let cases = vec![
            case("a.passed", Status::Passed, 200),
            case("b.observed-accepted", Status::Observation, 200),
            case("c.failed", Status::Failed, 403),
            case("d.observed-refused", Status::Observation, 422),
            case("e.observed-accepted", Status::Observation, 201),
        ];
        let report = RunReport {
            run_id: "r1".to_owned(),
            targets: Vec::new(),
            summary: crate::report::Summary::of(&cases),
            cases,
            created: Vec::new(),
            errors: Vec::new(),
        };
        let page = HtmlReport::new(&report).render();
        let at = |needle: &str| {
            page.find(needle)
                .unwrap_or_else(|| panic!("{needle} not on the page"))
        };
        assert!(at("FAILED: 1 case(s) failed") < at("id=\"counts\""));
        assert!(at("id=\"counts\"") < at("c.failed"));
        assert!(at("c.failed") < at("b.observed-accepted"));
        assert!(at("b.observed-accepted") < at("a.passed"));
        // The failure is open; every other case is behind a closed element.
        assert!(page.contains("id=\"case-c.failed\" class=\"case\" open"));
        assert!(!page.contains("id=\"case-b.observed-accepted\" class=\"case\" open"));
        assert!(!page.contains("class=\"group\" open"));
        // Observations grouped by what the store did, the largest group first.
        assert!(at("accepted: HTTP 200 — 1 case(s)") < at("refused: HTTP 422 — 1 case(s)"));
        assert!(page.contains("accepted: HTTP 201"));
        // The failure carries its reason, source and curl command.
        let failure = &page[at("id=\"case-c.failed\"")..];
        let failure = &failure[..failure.find("</details>").expect("closed")];
        for part in [
            "message of c.failed",
            "https://example.test/doc",
            "curl c.failed",
            "HTTP 403",
        ] {
            assert!(failure.contains(part), "{part}");
        }
        // The filter is on the page, without external assets.
        assert!(page.contains("id=\"status-filter\"") && page.contains("id=\"text-filter\""));
        assert!(!page.contains("<script src") && !page.contains("<link"));
    }
}
