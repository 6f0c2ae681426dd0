//! The text report on standard output: a table per target, then every failure
//! with its request, answer and curl command, then the observations; the
//! created customers are one count line (the JSON report lists them).

use std::io::{self, Write};

use anstream::stream::{AsLockedWrite, RawStream};
use clap::builder::styling::{AnsiColor, Style};
use shopspec_conformance::{BaselineComparison, CaseResult, RunReport, Status, Summary};

use super::replay::{Outcome, Replayed};

const BOLD: Style = Style::new().bold();
const RED: Style = AnsiColor::Red.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const DIM: Style = Style::new().dimmed();

/// What the text report shows.
pub(super) struct View<'a> {
    pub(super) report: &'a RunReport,
    /// The config store, when the run is one.
    pub(super) store: Option<&'a str>,
    pub(super) baseline: Option<&'a BaselineComparison>,
    pub(super) replay: Option<&'a [Replayed]>,
    /// `--max-creates`, when given.
    pub(super) max_creates: Option<usize>,
    /// Whether a state file records the created customers.
    pub(super) state: bool,
    /// Whether a JSON report is written (it lists the created customers).
    pub(super) json_report: bool,
    /// Whether the targets are the embedded sandbox.
    pub(super) embedded: bool,
}

/// Prints the report: the tables, then the failures, then the observations,
/// then one line each for skipped and created. Colour codes are written
/// always; `anstream` strips them when standard output is not a terminal or
/// `NO_COLOR` is set.
pub(super) fn print<S: RawStream + AsLockedWrite>(
    out: &mut anstream::AutoStream<S>,
    view: &View<'_>,
) -> io::Result<()> {
    let report = view.report;
    let targets = &report.targets;
    let label_width = targets
        .iter()
        .map(|t| t.label.len())
        .max()
        .unwrap_or(6)
        .max(6);
    match view.store {
        Some(store) => writeln!(
            out,
            "{BOLD}shopspec check{BOLD:#} store {store}, run {}",
            report.run_id
        )?,
        None => writeln!(out, "{BOLD}shopspec check{BOLD:#} run {}", report.run_id)?,
    }
    for target in targets {
        let at = if view.embedded {
            "embedded sandbox".to_owned()
        } else {
            target.base_url.clone()
        };
        writeln!(
            out,
            "  {:<label_width$}  {at}  {DIM}({}){DIM:#}",
            target.label,
            if target.allow_writes {
                "writes allowed"
            } else {
                "read-only"
            }
        )?;
    }
    writeln!(
        out,
        "{BOLD}{:<label_width$}  {:>6}  {:>6}  {:>7}  {:>12}  {:>5}{BOLD:#}",
        "target", "passed", "failed", "skipped", "observations", "total"
    )?;
    for target in targets {
        let cases: Vec<&CaseResult> = report
            .cases
            .iter()
            .filter(|c| c.api == target.api && c.version == target.version)
            .collect();
        let s = Summary::of(cases.iter().copied());
        // A target whose cases were all filtered out by --only has nothing to say.
        if s.total() > 0 {
            row(out, &target.label, label_width, &s)?;
        }
    }
    row(out, "all", label_width, &report.summary)?;

    let known = |c: &CaseResult| view.baseline.is_some_and(|b| b.is_known(&c.id));
    let failures: Vec<&CaseResult> = report.failures().filter(|c| !known(c)).collect();
    if !failures.is_empty() {
        writeln!(out)?;
        writeln!(out, "{RED}Failures ({}){RED:#}", failures.len())?;
        for c in failures {
            failure(out, c)?;
        }
    }
    let known_failures: Vec<&CaseResult> = report.failures().filter(|c| known(c)).collect();
    if !known_failures.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{YELLOW}Known failures ({}): in the baseline, they do not fail the run{YELLOW:#}",
            known_failures.len()
        )?;
        for c in known_failures {
            writeln!(
                out,
                "  KNOWN {} {DIM}{}{DIM:#}",
                c.id,
                one_line(&c.message, 160)
            )?;
        }
    }
    if let Some(b) = view.baseline
        && !b.fixed.is_empty()
    {
        writeln!(out)?;
        writeln!(
            out,
            "{GREEN}Fixed ({}){GREEN:#}: in the baseline, and now passing",
            b.fixed.len()
        )?;
        for id in &b.fixed {
            writeln!(out, "  FIXED {id}")?;
        }
    }

    let observations: Vec<&CaseResult> = report
        .cases
        .iter()
        .filter(|c| c.status == Status::Observation)
        .collect();
    if !observations.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{YELLOW}Observations ({}): the docs are silent; this is what the store did{YELLOW:#}",
            observations.len()
        )?;
        for c in observations {
            writeln!(out, "  {} {DIM}{}{DIM:#}", c.id, one_line(&c.message, 160))?;
        }
    }

    if let Some(replayed) = view.replay {
        writeln!(out)?;
        writeln!(out, "{BOLD}Replay ({}){BOLD:#}", replayed.len())?;
        for r in replayed {
            let style = match r.status {
                Outcome::StillFailing => RED,
                Outcome::NowFixed => GREEN,
                Outcome::NotRun => YELLOW,
            };
            writeln!(
                out,
                "  {style}{}{style:#} {} {DIM}{}{DIM:#}",
                r.status.as_str(),
                r.id,
                one_line(&r.message, 120)
            )?;
        }
    }

    writeln!(out)?;
    skipped_lines(out, report)?;
    let cap = match view.max_creates {
        Some(n) => format!(" (--max-creates {n})"),
        None => String::new(),
    };
    if report.created.is_empty() {
        writeln!(out, "Created: no customer{cap}.")?;
    } else {
        let listed = match (view.json_report, view.state) {
            (true, true) => " (listed in the JSON report and the state file)",
            (true, false) => " (listed in the JSON report)",
            (false, true) => " (listed in the state file)",
            (false, false) => "",
        };
        writeln!(
            out,
            "Created: {} customer(s){cap}, marked with run {}{listed}.",
            report.created.len(),
            report.run_id,
        )?;
    }
    let ok = match (view.replay, view.baseline) {
        (Some(r), _) => {
            let still = r
                .iter()
                .filter(|o| o.status == Outcome::StillFailing)
                .count();
            (
                still == 0,
                format!("{still} replayed case(s) still failing"),
            )
        }
        (None, Some(b)) => (
            b.is_success(),
            format!("{} new failure(s) ({} known)", b.new.len(), b.known.len()),
        ),
        (None, None) => (
            report.is_success(),
            format!("{} case(s) failed", report.summary.failed),
        ),
    };
    if !report.errors.is_empty() {
        writeln!(
            out,
            "{RED}ERROR{RED:#}: the store refused the run's token during the run ({} case(s) not judged): the run cannot be judged",
            report.errors.len()
        )?;
        return Ok(());
    }
    match ok {
        (true, _) if view.baseline.is_some_and(|b| !b.known.is_empty()) => writeln!(
            out,
            "{GREEN}OK{GREEN:#}: no new failure ({} known)",
            view.baseline.map_or(0, |b| b.known.len())
        )?,
        (true, _) if view.replay.is_some() => {
            writeln!(out, "{GREEN}OK{GREEN:#}: no replayed case still fails")?
        }
        (true, _) => writeln!(out, "{GREEN}OK{GREEN:#}: no case failed")?,
        (false, text) => writeln!(out, "{RED}FAILED{RED:#}: {text}")?,
    }
    Ok(())
}

/// One line per reason cases were skipped.
fn skipped_lines(out: &mut impl Write, report: &RunReport) -> io::Result<()> {
    let skipped: Vec<&CaseResult> = report
        .cases
        .iter()
        .filter(|c| c.status == Status::Skipped)
        .collect();
    let count = |prefix: &str| {
        skipped
            .iter()
            .filter(|c| c.message.starts_with(prefix))
            .count()
    };
    let writes = count("not sent: the case creates or changes data");
    let capped = count("not run: the run may create at most");
    let limited = count("rate limited");
    let other = skipped.len() - writes - capped - limited;
    if writes > 0 {
        writeln!(
            out,
            "{writes} case(s) skipped: they create or change customers; pass --allow-writes to run them (the report lists the requests they would send)."
        )?;
    }
    if capped > 0 {
        writeln!(
            out,
            "{capped} case(s) skipped: their create would go over --max-creates."
        )?;
    }
    if limited > 0 {
        writeln!(
            out,
            "{limited} case(s) skipped: the store kept answering 429 (rate limited)."
        )?;
    }
    if other > 0 {
        writeln!(out, "{other} case(s) skipped (the report says why).")?;
    }
    Ok(())
}

fn failure(out: &mut impl Write, c: &CaseResult) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{RED}FAILED{RED:#} {BOLD}{}{BOLD:#}", c.id)?;
    writeln!(out, "  {}", c.title)?;
    writeln!(out, "  source: {}", c.source)?;
    writeln!(out, "  {}", c.message)?;
    if let Some(r) = &c.request {
        writeln!(out, "  request: {} {}", r.method, r.path)?;
        for (k, v) in &r.headers {
            writeln!(out, "    {k}: {v}")?;
        }
        if let Some(body) = &r.body {
            writeln!(out, "    {}", compact(body))?;
        }
    }
    match &c.response {
        Some(r) => {
            writeln!(out, "  answer: HTTP {}", r.status)?;
            for (k, v) in &r.headers {
                writeln!(out, "    {k}: {v}")?;
            }
            writeln!(out, "    {}", compact(&r.body))?;
        }
        None => writeln!(out, "  answer: none")?,
    }
    if let Some(curl) = &c.curl {
        writeln!(out, "  reproduce: {curl}")?;
    }
    Ok(())
}

fn row(out: &mut impl Write, label: &str, width: usize, s: &Summary) -> io::Result<()> {
    let failed = if s.failed > 0 { RED } else { Style::new() };
    writeln!(
        out,
        "{label:<width$}  {:>6}  {failed}{:>6}{failed:#}  {:>7}  {:>12}  {:>5}",
        s.passed,
        s.failed,
        s.skipped,
        s.observations,
        s.total()
    )
}

fn compact(value: &serde_json::Value) -> String {
    one_line(&value.to_string(), 2000)
}

fn one_line(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if flat.chars().count() > max {
        format!("{}...", flat.chars().take(max).collect::<String>())
    } else {
        flat
    }
}
