//! [`HtmlReport`]: a run as one self-contained HTML page (inline style and
//! script, no external asset), to open offline or attach to a CI run.
//!
//! Rendered with `maud`: every value is escaped by the template engine, so a
//! store that answers markup cannot inject it into the page.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::Value;

use crate::baseline::BaselineComparison;
use crate::curl::TOKEN_VARIABLE;
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
summary{cursor:pointer}code{font-size:.95em}
button{font-size:.85em}
";

/// Copies the curl command next to the button; the page works without it.
const SCRIPT: &str = "document.addEventListener('click',function(e){\
var b=e.target.closest('button[data-copy]');if(!b||!navigator.clipboard)return;\
navigator.clipboard.writeText(document.getElementById(b.dataset.copy).textContent)\
.then(function(){b.textContent='copied';});});";

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

    /// The page.
    pub fn render(&self) -> String {
        let r = self.report;
        let s = &r.summary;
        let details: Vec<&CaseResult> = r
            .cases
            .iter()
            .filter(|c| matches!(c.status, Status::Failed | Status::Observation))
            .collect();
        let page = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (self.title) " — run " (r.run_id) }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    h1 { (self.title) " — run " code { (r.run_id) } }
                    h2 { "Summary" }
                    table {
                        tr { th { "passed" } th { "failed" } th { "skipped" } th { "observations" } th { "total" } th { "customers created" } }
                        tr {
                            td class="passed" { (s.passed) }
                            td class="failed" { (s.failed) }
                            td class="skipped" { (s.skipped) }
                            td class="observation" { (s.observations) }
                            td { (s.total()) }
                            td { (r.created.len()) }
                        }
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
                    table {
                        tr { th { "target" } th { "base URL" } th { "writes" } th { "passed" } th { "failed" } th { "skipped" } th { "observations" } }
                        @for t in &r.targets {
                            @let sum = crate::report::Summary::of(r.cases.iter().filter(|c| c.api == t.api && c.version == t.version));
                            tr {
                                td { (t.label) } td { code { (t.base_url) } }
                                td { @if t.allow_writes { "allowed" } @else { "not allowed" } }
                                td { (sum.passed) } td { (sum.failed) } td { (sum.skipped) } td { (sum.observations) }
                            }
                        }
                    }
                    @if !details.is_empty() {
                        p {
                            "Failures and observations: "
                            @for (i, c) in details.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href={ "#" (anchor(&c.id)) } class=(self.status_class(c)) { (c.id) }
                            }
                        }
                    }
                    @for (label, cases) in self.groups() {
                        h2 { (label) }
                        table class="cases" {
                            colgroup { col class="s"; col class="c"; col class="k"; col class="src"; col; }
                            tr { th { "status" } th { "case" } th { "kind" } th { "source" } th { "message" } }
                            @for c in cases {
                                tr {
                                    td class=(self.status_class(c)) { (self.status_text(c)) }
                                    td {
                                        @if matches!(c.status, Status::Failed | Status::Observation) {
                                            a href={ "#" (anchor(&c.id)) } { code { (c.id) } }
                                        } @else {
                                            code { (c.id) }
                                        }
                                    }
                                    td { (c.kind) }
                                    td { (source(&c.source)) }
                                    td { (one_line(&c.message, 240)) }
                                }
                            }
                        }
                    }
                    @if !details.is_empty() {
                        h2 { "Failures and observations" }
                        p { "Each curl command reads the token from " code { "$" (TOKEN_VARIABLE) } ": "
                            code { "export " (TOKEN_VARIABLE) "=..." } " first." }
                        @for c in &details {
                            (self.detail(c))
                        }
                    }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        };
        page.into_string()
    }

    /// Cases grouped by target, in report order.
    fn groups(&self) -> Vec<(String, Vec<&'a CaseResult>)> {
        let mut groups: Vec<(String, Vec<&CaseResult>)> = Vec::new();
        for c in &self.report.cases {
            let label = match c.version {
                Some(v) => format!("{} {v}", c.api),
                None => c.api.to_string(),
            };
            match groups.iter_mut().find(|(l, _)| *l == label) {
                Some((_, cases)) => cases.push(c),
                None => groups.push((label, vec![c])),
            }
        }
        groups
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

    fn detail(&self, c: &CaseResult) -> Markup {
        let curl_id = format!("curl-{}", anchor(&c.id));
        html! {
            details id=(anchor(&c.id)) open[c.status == Status::Failed] {
                summary { span class=(self.status_class(c)) { (self.status_text(c)) } " " code { (c.id) } " — " (c.title) }
                p { "Source: " (source(&c.source)) }
                p { (c.message) }
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
}
