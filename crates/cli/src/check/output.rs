//! The text report on standard output: a table per target, then every failure
//! with its request and answer, the observations and the created ids.

use std::io::{self, Write};

use anstream::stream::{AsLockedWrite, RawStream};
use clap::builder::styling::{AnsiColor, Style};
use shopspec_conformance::{CaseResult, RunReport, Status, StoreTarget, Summary};

const BOLD: Style = Style::new().bold();
const RED: Style = AnsiColor::Red.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const DIM: Style = Style::new().dimmed();

/// Prints the report. Colour codes are written always; `anstream` strips them
/// when standard output is not a terminal or `NO_COLOR` is set.
pub(super) fn print<S: RawStream + AsLockedWrite>(
    out: &mut anstream::AutoStream<S>,
    report: &RunReport,
    targets: &[StoreTarget],
) -> io::Result<()> {
    let label_width = targets
        .iter()
        .map(|t| t.label().len())
        .max()
        .unwrap_or(6)
        .max(6);
    writeln!(out, "{BOLD}shopspec check{BOLD:#} run {}", report.run_id)?;
    writeln!(
        out,
        "{BOLD}{:<label_width$}  {:>6}  {:>6}  {:>7}  {:>12}  {:>5}{BOLD:#}",
        "target", "passed", "failed", "skipped", "observations", "total"
    )?;
    for target in targets {
        let cases: Vec<&CaseResult> = report
            .cases
            .iter()
            .filter(|c| c.api == target.api() && c.version == target.version())
            .collect();
        let s = Summary::of(cases.iter().copied());
        // A target whose cases were all filtered out by --only has nothing to say.
        if s.total() > 0 {
            row(out, &target.label(), label_width, &s)?;
        }
    }
    row(out, "all", label_width, &report.summary)?;

    let failures: Vec<&CaseResult> = report.failures().collect();
    if !failures.is_empty() {
        writeln!(out)?;
        writeln!(out, "{RED}Failures ({}){RED:#}", failures.len())?;
        for c in failures {
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

    let skipped = report.summary.skipped;
    if skipped > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "{skipped} case(s) skipped: they create or change customers; pass --allow-writes to run them (the report lists the requests they would send)."
        )?;
    }

    writeln!(out)?;
    if report.created.is_empty() {
        writeln!(out, "Created: nothing")?;
    } else {
        writeln!(
            out,
            "Created ({}), marked with run {}:",
            report.created.len(),
            report.run_id
        )?;
        for c in &report.created {
            let scope = match c.version {
                Some(v) => format!("{} {v}", c.api),
                None => c.api.to_string(),
            };
            writeln!(
                out,
                "  {scope} {} {}",
                c.id,
                c.email.as_deref().unwrap_or("-")
            )?;
        }
    }
    writeln!(out)?;
    if report.is_success() {
        writeln!(out, "{GREEN}OK{GREEN:#}: no case failed")?;
    } else {
        writeln!(
            out,
            "{RED}FAILED{RED:#}: {} case(s) failed",
            report.summary.failed
        )?;
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
