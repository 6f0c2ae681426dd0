//! `shopspec report merge`: the JSON reports of the slices of a sharded run
//! (`check --shard K/N`) as one report, with one exit verdict.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use shopspec_conformance::{
    BaselineComparison, CaseFilter, HtmlReport, RunReport, Suite, Summary, TargetRecord,
};

use super::{known_as_skipped, output, report_json_of, writable, write_file};
use crate::{EXIT_FINDING, EXIT_OK, EXIT_USAGE};

/// Arguments of `shopspec report`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    #[command(subcommand)]
    command: ReportCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ReportCommand {
    /// Merge the JSON reports of the slices of a sharded run into one report.
    ///
    /// Exit status: 0 no case failed (with baselines: no new failure), 1 a case
    /// failed, 2 a report cannot be read, two reports hold the same case, a
    /// slice could not be judged, or an output cannot be written.
    Merge(MergeArgs),
}

/// Arguments of `shopspec report merge`.
#[derive(Debug, clap::Args)]
struct MergeArgs {
    /// The JSON reports (`check --report-json`) of the slices.
    #[arg(required = true, value_name = "REPORT")]
    reports: Vec<PathBuf>,

    /// Write the merged report as JSON to this file.
    #[arg(long, value_name = "PATH")]
    report_json: Option<PathBuf>,

    /// Write the merged report as self-contained HTML to this file.
    #[arg(long, value_name = "PATH")]
    report_html: Option<PathBuf>,

    /// Write the merged report as JUnit XML to this file.
    #[arg(long, value_name = "PATH")]
    junit: Option<PathBuf>,
}

/// The parts of a `--report-json` file beyond the run report.
#[derive(Deserialize)]
struct Extra {
    #[serde(default)]
    store: Option<StoreInfo>,
    #[serde(default)]
    baseline: Option<BaselineComparison>,
}

#[derive(Deserialize, Default, Clone)]
struct StoreInfo {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    embedded: bool,
}

/// One slice's report, read.
struct Slice {
    path: PathBuf,
    report: RunReport,
    store: StoreInfo,
    baseline: Option<BaselineComparison>,
}

fn usage(message: impl std::fmt::Display) -> u8 {
    eprintln!("shopspec report merge: {message}");
    EXIT_USAGE
}

fn read(path: &Path) -> Result<Slice, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let not_a_report = |e: serde_json::Error| {
        format!(
            "{}: not a `check --report-json` report: {e}",
            path.display()
        )
    };
    let report: RunReport = serde_json::from_str(&text).map_err(not_a_report)?;
    let extra: Extra = serde_json::from_str(&text).map_err(not_a_report)?;
    Ok(Slice {
        path: path.to_owned(),
        report,
        store: extra.store.unwrap_or_default(),
        baseline: extra.baseline,
    })
}

/// Runs `shopspec report` and returns the exit code.
pub(crate) fn run(args: ReportArgs) -> u8 {
    let ReportCommand::Merge(args) = args.command;
    for (what, path) in [
        ("the JSON report", &args.report_json),
        ("the HTML report", &args.report_html),
        ("the JUnit report", &args.junit),
    ] {
        if let Some(p) = path
            && let Err(e) = writable(p)
        {
            return usage(format!("{what} {} cannot be written: {e}", p.display()));
        }
    }
    let mut slices = Vec::new();
    for path in &args.reports {
        match read(path) {
            Ok(s) => slices.push(s),
            Err(m) => return usage(m),
        }
    }
    let merged = match merge(&slices) {
        Ok(m) => m,
        Err(m) => return usage(m),
    };
    let Merged {
        report,
        name,
        embedded,
        baseline,
    } = merged;

    let success = match &baseline {
        Some(b) => b.is_success() && report.errors.is_empty(),
        None => report.is_success(),
    };
    let mut code = if !report.errors.is_empty() {
        EXIT_USAGE
    } else if success {
        EXIT_OK
    } else {
        EXIT_FINDING
    };
    let mut stdout = anstream::stdout();
    let view = output::View {
        report: &report,
        store: name.as_deref(),
        baseline: baseline.as_ref(),
        replay: None,
        max_creates: None,
        state: false,
        json_report: args.report_json.is_some(),
        embedded,
    };
    if let Err(e) = output::print(&mut stdout, &view)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("shopspec report merge: cannot write the results: {e}");
        code = EXIT_USAGE;
    }
    let mut files: Vec<(&Path, Vec<u8>)> = Vec::new();
    if let Some(path) = &args.report_json {
        let json = report_json_of(&report, name.as_deref(), embedded, baseline.as_ref(), &[]);
        files.push((path, format!("{json}\n").into_bytes()));
    }
    if let Some(path) = &args.report_html {
        let title = match &name {
            Some(name) => format!("shopspec check: store {name}"),
            None => "shopspec check".to_owned(),
        };
        let mut page = HtmlReport::new(&report).title(title);
        if let Some(c) = &baseline {
            page = page.baseline(c);
        }
        files.push((path, page.render().into_bytes()));
    }
    if let Some(path) = &args.junit {
        let mut xml = Vec::new();
        let report = known_as_skipped(&report, baseline.as_ref());
        match shopspec_conformance::junit::write(&mut xml, &report, &[]) {
            Ok(()) => files.push((path, xml)),
            Err(e) => {
                eprintln!(
                    "shopspec report merge: cannot write {}: {e}",
                    path.display()
                );
                code = EXIT_USAGE;
            }
        }
    }
    for (path, bytes) in files {
        if let Err(e) = write_file(path, &bytes) {
            eprintln!(
                "shopspec report merge: cannot write {}: {e}",
                path.display()
            );
            code = EXIT_USAGE;
        }
    }
    for error in &report.errors {
        eprintln!("shopspec report merge: {error}");
    }
    code
}

/// The merged report.
struct Merged {
    report: RunReport,
    /// The store, when every slice ran against the same one.
    name: Option<String>,
    embedded: bool,
    baseline: Option<BaselineComparison>,
}

/// One report out of the slices: targets once each, cases in suite order
/// (store by store, in the order the slices name them), created customers
/// and errors of every slice, the counts recomputed.
fn merge(slices: &[Slice]) -> Result<Merged, String> {
    let embedded = slices.iter().all(|s| s.store.embedded);
    // The embedded sandbox listens on a new port every run: a target is its label.
    let target_key = |t: &TargetRecord| {
        if embedded {
            t.label.clone()
        } else {
            format!("{} {}", t.label, t.base_url.trim_end_matches('/'))
        }
    };
    let mut targets: Vec<TargetRecord> = Vec::new();
    let mut stores: Vec<Option<String>> = Vec::new();
    for s in slices {
        for t in &s.report.targets {
            if !targets.iter().any(|x| target_key(x) == target_key(t)) {
                targets.push(t.clone());
            }
        }
        if !stores.contains(&s.store.name) {
            stores.push(s.store.name.clone());
        }
    }
    let order: HashMap<String, usize> = Suite::cases(&CaseFilter::all())
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let mut seen: HashMap<(Option<String>, String), &Path> = HashMap::new();
    let mut cases = Vec::new();
    for s in slices {
        let store = stores
            .iter()
            .position(|n| *n == s.store.name)
            .unwrap_or_default();
        for c in &s.report.cases {
            if let Some(other) = seen.insert((s.store.name.clone(), c.id.clone()), &s.path) {
                return Err(format!(
                    "the case {} is in both {} and {}: these are not slices of one run",
                    c.id,
                    other.display(),
                    s.path.display()
                ));
            }
            let at = order.get(&c.id).copied().unwrap_or(usize::MAX);
            cases.push(((store, at, c.id.clone()), c.clone()));
        }
    }
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    let cases: Vec<_> = cases.into_iter().map(|(_, c)| c).collect();
    let runs: BTreeSet<&str> = slices.iter().map(|s| s.report.run_id.as_str()).collect();
    let report = RunReport {
        run_id: runs.into_iter().collect::<Vec<_>>().join("+"),
        targets,
        summary: Summary::of(&cases),
        cases,
        created: slices
            .iter()
            .flat_map(|s| s.report.created.iter().cloned())
            .collect(),
        errors: slices
            .iter()
            .flat_map(|s| s.report.errors.iter().cloned())
            .collect(),
    };
    let baseline = if slices.iter().any(|s| s.baseline.is_some()) {
        let mut b = BaselineComparison::default();
        for s in slices.iter().filter_map(|s| s.baseline.as_ref()) {
            b.new.extend(s.new.iter().cloned());
            b.known.extend(s.known.iter().cloned());
            b.fixed.extend(s.fixed.iter().cloned());
            b.not_run.extend(s.not_run.iter().cloned());
        }
        // A baseline entry not run by one slice may be run by another.
        let ran: BTreeSet<String> = b
            .new
            .iter()
            .chain(&b.known)
            .chain(&b.fixed)
            .cloned()
            .collect();
        for list in [&mut b.new, &mut b.known, &mut b.fixed, &mut b.not_run] {
            list.sort();
            list.dedup();
        }
        b.not_run.retain(|id| !ran.contains(id));
        Some(b)
    } else {
        None
    };
    let name = match stores.as_slice() {
        [one] => one.clone(),
        _ => None,
    };
    Ok(Merged {
        report,
        name,
        embedded,
        baseline,
    })
}
