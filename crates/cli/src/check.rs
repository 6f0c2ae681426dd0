//! `shopspec check`: run the conformance suite against a store, by default the
//! embedded sandbox, and report case by case with the doc source of each.

mod config;
mod list;
pub(crate) mod merge;
mod output;
mod plan;
mod replay;
mod shard;
mod state;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use shopspec_client::Token;
use shopspec_conformance::{
    Baseline, BaselineComparison, CaseFilter, HtmlReport, Pacing, Plan, Progress, RunError,
    RunReport, StoreTarget, footprint, run_with_progress,
};
use shopspec_model::Api;
use shopspec_model::myshopline::ApiVersion;
use shopspec_sandbox::Sandbox;

use crate::{EXIT_FINDING, EXIT_OK, EXIT_USAGE};
use plan::{Source, StoreRun};

/// Arguments of `shopspec check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Without --base-url or --store the embedded sandbox is started in-process and \
all three APIs are checked (myshopline on every supported version). With --base-url, exactly one \
--api is required and the token comes from --token or, better (it stays out of the process \
list), from the variable named by --token-env.\n\n\
--store NAME runs a store of the config file (shopspec.toml in the current directory, or \
--config FILE); flags override the file. Report paths may contain {store}.\n\n\
Exit status: 0 no case failed (or, with --baseline, no new failure), 1 a case failed, \
2 usage error, I/O error or unreachable store."
)]
pub(crate) struct Args {
    /// The config file (default: shopspec.toml in the current directory, read when --store is given).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Run this store of the config file; repeat (or separate with commas) for several.
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    store: Vec<String>,

    /// Only this API: fecify, shopline or myshopline.
    #[arg(long, value_name = "API", value_parser = crate::values::api())]
    api: Option<Api>,

    /// The store to check: the Fecify site URL (may carry a sub-path), the SHOPLINE
    /// Open API origin or the myshopline store origin. Default: the embedded sandbox.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,

    /// The access token (visible in the process list; prefer --token-env).
    #[arg(long, value_name = "TOKEN", value_parser = parse_token, conflicts_with = "token_env")]
    token: Option<Token>,

    /// The name of the environment variable that holds the access token.
    #[arg(long, value_name = "VAR")]
    token_env: Option<String>,

    /// myshopline API version (vYYYYMMDD). Default: every supported version with
    /// the sandbox, the newest stable against a store.
    #[arg(long = "api-version", value_name = "vYYYYMMDD", value_parser = crate::values::api_version())]
    api_version: Option<ApiVersion>,

    /// The User-Agent header (the SHOPLINE Open API wants your handle code).
    #[arg(long, value_name = "UA")]
    user_agent: Option<String>,

    /// Domain of the run-unique emails `shopspec-<run>-<n>@<domain>` [default: example.com].
    #[arg(long, value_name = "DOMAIN")]
    email_domain: Option<String>,

    /// Run the cases that create or change customers. Always on with the sandbox.
    #[arg(long)]
    allow_writes: bool,

    /// Judge as an implementer would: every documented constraint must be
    /// enforced as a rejection, so accepting a body the docs leave open (a wrong
    /// JSON type, an unknown field, a sentence with two readings) fails the case
    /// instead of being an observation.
    #[arg(long)]
    strict: bool,

    /// Only the cases whose id matches: `*` is a wildcard, a comma separates patterns.
    #[arg(long, value_name = "PATTERN")]
    only: Option<String>,

    /// Cases in flight at once, per target [default: 8].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    concurrency: Option<u16>,

    /// Write the run report as JSON to this file (`-`: standard output, and the
    /// text results go to standard error).
    #[arg(long, value_name = "PATH")]
    report_json: Option<PathBuf>,

    /// Write a self-contained HTML report (no external assets) to this file (`-`:
    /// standard output).
    #[arg(long, value_name = "PATH")]
    report_html: Option<PathBuf>,

    /// Write a JUnit XML report (one testsuite per API) to this file (`-`:
    /// standard output).
    #[arg(long, value_name = "PATH")]
    junit: Option<PathBuf>,

    /// The state file that remembers the customers runs created, so later runs
    /// update those instead of creating more. Default with --store:
    /// .shopspec/state/<store>.json beside the config file; with --base-url:
    /// .shopspec/state/<api>[-<version>]-<host>.json in the current directory.
    // The placeholders are for --help (clap reads this comment), not HTML.
    #[allow(rustdoc::invalid_html_tags)]
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,

    /// Keep no state file: every update case creates its own customer.
    #[arg(long, conflicts_with = "state")]
    no_state: bool,

    /// Create at most N customers on the store; cases whose create would go over
    /// are skipped with that reason.
    #[arg(long, value_name = "N")]
    max_creates: Option<usize>,

    /// Report the failures listed in FILE as known: shown, but they do not fail the run.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record this run's failures in FILE (a baseline for later runs).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Run again exactly the cases that failed in this JSON report, against the
    /// same store (or the one given by --store / --base-url), and say for each
    /// whether it still fails.
    #[arg(long, value_name = "REPORT", conflicts_with = "only")]
    replay: Option<PathBuf>,

    /// Run only the K-th of N slices: of the stores, when several are named;
    /// else of the cases of the one store (each slice then paces itself at 1/N
    /// of the store's documented rate and creates at most 1/N of
    /// --max-creates). Deterministic and balanced by expected requests;
    /// merge the slices' JSON reports with `shopspec report merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<shard::Shard>,

    /// Print the cases (id, kind, writes?, source) without sending anything.
    #[arg(long)]
    list: bool,

    /// Output format of --list.
    #[arg(long, value_name = "FORMAT", default_value = "text", requires = "list")]
    format: ListFormat,
}

/// The output format of `--list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    /// One line per case.
    Text,
    /// A JSON array.
    Json,
}

fn parse_token(s: &str) -> Result<Token, String> {
    if s.trim().is_empty() {
        Err("the token is empty".to_owned())
    } else {
        Ok(Token::new(s))
    }
}

/// Runs `shopspec check` and returns the process exit code.
pub(crate) fn run(args: Args) -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("shopspec check: cannot start the async runtime: {e}");
            return EXIT_USAGE;
        }
    };
    runtime.block_on(check(args))
}

/// A usage error: printed and answered with exit status 2.
fn usage(message: impl std::fmt::Display) -> u8 {
    eprintln!("shopspec check: {message}");
    EXIT_USAGE
}

async fn check(args: Args) -> u8 {
    if let Some(v) = args.api_version
        && !v.is_supported()
    {
        let supported: Vec<String> = ApiVersion::SUPPORTED
            .iter()
            .map(ToString::to_string)
            .collect();
        return usage(format!(
            "API version {v} is not supported (supported: {})",
            supported.join(", ")
        ));
    }
    let on_stdout = [
        &args.report_json,
        &args.report_html,
        &args.junit,
        &args.write_baseline,
    ]
    .into_iter()
    .filter(|p| p.as_deref().is_some_and(is_stdout))
    .count();
    if on_stdout > 1 {
        return usage(
            "only one of --report-json, --report-html, --junit and --write-baseline can be - (standard output)",
        );
    }
    let config = match plan::load_config(&args) {
        Ok(c) => c,
        Err(message) => return usage(message),
    };
    if args.list {
        return list::print(&args, config.as_ref());
    }
    let mut runs = match plan::runs(&args, config.as_ref()) {
        Ok(runs) => runs,
        Err(message) => return usage(message),
    };
    // A replay of a report with no failed case has nothing to send.
    if let (Some(path), true) = (&args.replay, runs.is_empty()) {
        println!(
            "{}: the report has no failed case: nothing to replay",
            path.display()
        );
        return EXIT_OK;
    }
    if let Some(shard) = args.shard {
        if runs.iter().all(|r| r.selected() == 0) {
            return usage("the run selects no case, so no slice has any");
        }
        let several = runs.len() > 1;
        runs = shard::apply(shard, runs);
        if runs.is_empty() {
            eprintln!(
                "shopspec check: shard {shard}: this slice has no {} to run; nothing sent",
                if several { "store" } else { "case" }
            );
            return EXIT_OK;
        }
        let names: Vec<String> = runs
            .iter()
            .map(|r| r.name.clone().unwrap_or_else(|| "the store".to_owned()))
            .collect();
        eprintln!(
            "shopspec check: shard {shard}: {} ({} case(s))",
            names.join(", "),
            runs.iter().map(StoreRun::selected).sum::<usize>()
        );
    }
    // Nothing is sent before every run is known to select a case and every
    // file it writes is known to be writable.
    let selected: Vec<usize> = runs.iter().map(StoreRun::selected).collect();
    if selected.iter().all(|&n| n == 0) {
        return usage(match (&args.only, &args.replay) {
            (Some(only), _) => format!(
                "--only '{only}' selects no case (case ids start with fecify., shopline. or myshopline.; \
                 see them with --list)"
            ),
            (None, Some(_)) => {
                "none of the replayed cases exists in this version of the suite".to_owned()
            }
            (None, None) => "the run selects no case".to_owned(),
        });
    }
    for run in &runs {
        for (what, path) in run.outputs() {
            if let Err(e) = writable(path) {
                return usage(format!(
                    "{what} {} cannot be written: {e}; nothing was sent",
                    path.display()
                ));
            }
        }
    }
    if args.store.is_empty()
        && args.base_url.is_none()
        && args.replay.is_none()
        && args.config.is_none()
        && let Ok(file) = config::Config::load(Path::new(config::DEFAULT_FILE))
    {
        let names: Vec<&str> = file.store.keys().map(String::as_str).collect();
        eprintln!(
            "shopspec check: {} defines the store(s) {}; checking the embedded sandbox (pass --store NAME to check one)",
            config::DEFAULT_FILE,
            if names.is_empty() {
                "(none)".to_owned()
            } else {
                names.join(", ")
            }
        );
    }
    let several = runs.len() > 1;
    let mut verdicts: Vec<(String, u8)> = Vec::new();
    for (run, selected) in runs.into_iter().zip(selected) {
        let name = run.name.clone().unwrap_or_else(|| "the store".to_owned());
        if selected == 0 {
            eprintln!("shopspec check: store {name}: no case selected, nothing sent");
            continue;
        }
        let code = check_one(run).await;
        verdicts.push((name, code));
    }
    let code = verdicts.iter().map(|(_, c)| *c).max().unwrap_or(EXIT_OK);
    if several {
        let with = |code: u8| -> Vec<&str> {
            verdicts
                .iter()
                .filter(|(_, c)| *c == code)
                .map(|(n, _)| n.as_str())
                .collect()
        };
        let (errors, failed, ok) = (with(EXIT_USAGE), with(EXIT_FINDING), with(EXIT_OK));
        let mut parts = Vec::new();
        if !errors.is_empty() {
            parts.push(format!("could not judge {}", errors.join(", ")));
        }
        if !failed.is_empty() {
            parts.push(format!("failed: {}", failed.join(", ")));
        }
        if !ok.is_empty() {
            parts.push(format!("passed: {}", ok.join(", ")));
        }
        let word = match code {
            EXIT_OK => "OK",
            EXIT_FINDING => "FAILED",
            _ => "ERROR",
        };
        println!();
        println!(
            "{word} (all {} stores, exit {code}): {}",
            verdicts.len(),
            parts.join("; ")
        );
    }
    code
}

/// Cases between two progress lines when standard error is not a terminal.
const PROGRESS_EVERY: usize = 100;
/// Seconds between two progress lines at most, when standard error is not a terminal.
const PROGRESS_SECONDS: u64 = 10;

/// Progress lines for logs: counts and the case last finished, printed every
/// [`PROGRESS_EVERY`] cases and at least every [`PROGRESS_SECONDS`] seconds.
#[derive(Default)]
struct Ticker {
    inner: std::sync::Mutex<TickerState>,
}

#[derive(Default)]
struct TickerState {
    done: usize,
    total: usize,
    failed: usize,
    last: String,
    in_flight: Vec<String>,
    printed_at: Option<std::time::Instant>,
    started: Option<std::time::Instant>,
}

impl Ticker {
    fn record(&self, p: &Progress) {
        let mut s = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        s.done = p.done;
        s.total = p.total;
        s.last.clone_from(&p.case_id);
        s.in_flight.clone_from(&p.in_flight);
        if p.status == shopspec_conformance::Status::Failed {
            s.failed += 1;
        }
        if p.done.is_multiple_of(PROGRESS_EVERY) && p.done < p.total {
            Self::print(&mut s);
        }
    }

    fn heartbeat(&self) {
        let mut s = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        let started = *s.started.get_or_insert(now);
        let last = s.printed_at.unwrap_or(started);
        if now.duration_since(last).as_secs() >= PROGRESS_SECONDS {
            Self::print(&mut s);
        }
    }

    fn print(s: &mut TickerState) {
        let case = match (s.in_flight.first(), s.last.is_empty()) {
            (Some(oldest), _) => format!(
                "in flight: {oldest}{}",
                match s.in_flight.len() {
                    1 => String::new(),
                    n => format!(" and {} more", n - 1),
                }
            ),
            (None, true) => "starting".to_owned(),
            (None, false) => format!("last finished {}", s.last),
        };
        if s.total == 0 {
            eprintln!("shopspec check: progress: preflight, no case finished yet");
        } else {
            eprintln!(
                "shopspec check: progress: {}/{} cases done, {} failed; {case}",
                s.done, s.total, s.failed
            );
        }
        s.printed_at = Some(std::time::Instant::now());
    }
}

/// Checks, before anything is sent, that `path` can be written: its directory
/// can be made and the file opened for writing. A file made for the test is
/// removed again; an existing one is left as it is.
fn writable(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::other("it is a directory"));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    if path.exists() {
        std::fs::OpenOptions::new().append(true).open(path)?;
    } else {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        std::fs::remove_file(path)?;
    }
    Ok(())
}

/// Runs one store (or the embedded sandbox) and writes its reports.
async fn check_one(run: StoreRun) -> u8 {
    let mut state = match (&run.state, &run.source) {
        (Some(path), Source::Store { api, base_url, .. }) => match state::State::load(path) {
            Ok(s) => {
                eprintln!(
                    "shopspec check: state file {} ({} known customer(s) of this store; --no-state to keep none)",
                    path.display(),
                    s.customers_of(*api, base_url).count()
                );
                Some((path.clone(), s))
            }
            Err(message) => return usage(message),
        },
        _ => None,
    };

    let baseline = match &run.baseline {
        Some(path) => match read_baseline(path) {
            Ok(b) => Some(b),
            Err(message) => return usage(message),
        },
        None => None,
    };

    let (sandbox, targets, secrets) = match &run.source {
        Source::Embedded { api, version } => match embedded(&run, *api, *version).await {
            Ok((sandbox, targets, secrets)) => (Some(sandbox), targets, secrets),
            Err(code) => return code,
        },
        Source::Store {
            api,
            base_url,
            token,
            version,
        } => {
            let mut b = target_builder(&run, *api, base_url.clone())
                .token(token.clone())
                .allow_writes(run.allow_writes)
                .pacing(pacing(*api, run.share));
            if let Some(v) = version {
                b = b.version(*v);
            }
            if let Some((_, known)) = &state {
                b = b.reuse_customers(known.customers_of(*api, base_url).map(|k| k.id.clone()));
            }
            match b.build() {
                Ok(t) => (None, vec![t], vec![token.expose_secret().to_owned()]),
                Err(e) => return usage(e),
            }
        }
    };
    if targets.is_empty() {
        return usage("no target to check");
    }
    if sandbox.is_none() {
        let known = match (&state, &run.source) {
            (Some((_, s)), Source::Store { api, base_url, .. }) => {
                s.customers_of(*api, base_url).count()
            }
            _ => 0,
        };
        preview(&run, &targets, known);
    }

    let progress_line = std::io::stderr().is_terminal();
    let ticker = Arc::new(Ticker::default());
    let on_progress = {
        let ticker = Arc::clone(&ticker);
        move |p: &Progress| {
            if progress_line {
                // One line, redrawn in place.
                eprint!("\r\x1b[2K[{:>4}/{}] {}", p.done, p.total, p.case_id);
            } else {
                ticker.record(p);
            }
        }
    };
    // Without a terminal (CI logs), a line every PROGRESS_EVERY cases or
    // PROGRESS_SECONDS, whichever comes first.
    let heartbeat = (!progress_line).then(|| {
        let ticker = Arc::clone(&ticker);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
            loop {
                tick.tick().await;
                ticker.heartbeat();
            }
        })
    });
    let result = run_with_progress(&targets, on_progress).await;
    if let Some(h) = heartbeat {
        h.abort();
    }
    if progress_line {
        eprint!("\r\x1b[2K");
    }
    if let Some(sandbox) = sandbox {
        sandbox.shutdown().await;
    }
    let report = match result {
        Ok(report) => report,
        Err(e @ RunError::Unreachable { .. }) => {
            return usage(format!("{e}\nIs the base URL right and the store up?"));
        }
        Err(e @ RunError::TokenRefused { .. }) => {
            // The answer quotes the store's message, which could echo the token.
            return usage(mask(
                &format!("{e}\nIs the token right, and does the variable hold this store's token?"),
                &secrets,
            ));
        }
        Err(e) => return usage(mask(&e.to_string(), &secrets)),
    };
    if let Some((path, known)) = &mut state {
        known.record(&report);
        if let Err(e) = known.save(path) {
            eprintln!(
                "shopspec check: cannot write the state {}: {e}",
                path.display()
            );
            return EXIT_USAGE;
        }
    }
    let comparison = baseline.as_ref().map(|b| b.compare(&report));
    let replayed = run.replay.as_ref().map(|ids| replay::outcome(ids, &report));

    let success = match (&replayed, &comparison) {
        (Some(r), _) => r.iter().all(|o| o.status != replay::Outcome::StillFailing),
        (None, Some(c)) => c.is_success(),
        (None, None) => report.is_success(),
    };
    let mut code = if !report.errors.is_empty() {
        EXIT_USAGE
    } else if success {
        EXIT_OK
    } else {
        EXIT_FINDING
    };
    // A report written to standard output (`-`) keeps it to itself.
    let report_on_stdout = [
        &run.report_json,
        &run.report_html,
        &run.junit,
        &run.write_baseline,
    ]
    .into_iter()
    .any(|p| p.as_deref().is_some_and(is_stdout));
    let view = output::View {
        report: &report,
        store: run.name.as_deref(),
        baseline: comparison.as_ref(),
        replay: replayed.as_deref(),
        max_creates: run.max_creates,
        state: state.is_some(),
        json_report: run.report_json.is_some(),
        embedded: matches!(run.source, Source::Embedded { .. }),
    };
    let printed = if report_on_stdout {
        output::print(&mut anstream::stderr(), &view)
    } else {
        output::print(&mut anstream::stdout(), &view)
    };
    if let Err(e) = printed {
        // A closed pipe (e.g. `| head`) is not a reason to lose the exit status.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("shopspec check: cannot write the results: {e}");
            code = EXIT_USAGE;
        }
    }
    let mut files: Vec<(&Path, Vec<u8>)> = Vec::new();
    if let Some(path) = &run.report_json {
        let json = report_json(&report, &run, comparison.as_ref(), &secrets);
        files.push((path, format!("{json}\n").into_bytes()));
    }
    if let Some(path) = &run.report_html {
        let title = match &run.name {
            Some(name) => format!("shopspec check: store {name}"),
            None => "shopspec check".to_owned(),
        };
        let mut page = HtmlReport::new(&report).title(title);
        if let Some(c) = &comparison {
            page = page.baseline(c);
        }
        files.push((path, mask(&page.render(), &secrets).into_bytes()));
    }
    if let Some(path) = &run.junit {
        let mut xml = Vec::new();
        let report = known_as_skipped(&report, comparison.as_ref());
        match shopspec_conformance::junit::write(&mut xml, &report, &secrets) {
            Ok(()) => files.push((path, xml)),
            Err(e) => {
                eprintln!("shopspec check: cannot write {}: {e}", path.display());
                code = EXIT_USAGE;
            }
        }
    }
    let mut accepted = None;
    if let Some(path) = &run.write_baseline {
        let baseline = Baseline::from_report(&report);
        accepted = Some((path.as_path(), baseline.failures.len()));
        let text = serde_json::to_string_pretty(&baseline).unwrap_or_default();
        files.push((path, format!("{}\n", mask(&text, &secrets)).into_bytes()));
    }
    for (path, bytes) in files {
        if let Err(e) = write_file(path, &bytes) {
            eprintln!("shopspec check: cannot write {}: {e}", path.display());
            code = EXIT_USAGE;
            if accepted.is_some_and(|(p, _)| p == path) {
                accepted = None;
            }
        }
    }
    if let Some((path, n)) = accepted {
        eprintln!(
            "shopspec check: wrote the baseline {}: {n} failure(s) accepted",
            path.display()
        );
    }
    for error in &report.errors {
        eprintln!("shopspec check: {error}");
    }
    if !report.errors.is_empty() {
        eprintln!(
            "shopspec check: the store refused the run's token during the run: the run cannot be judged (exit 2)"
        );
    }
    code
}

/// The report as JUnit consumers should see it with a baseline: a known
/// failure does not fail the run, so it is a skipped test that says why.
fn known_as_skipped(report: &RunReport, comparison: Option<&BaselineComparison>) -> RunReport {
    let mut report = report.clone();
    if let Some(c) = comparison {
        for case in report.cases.iter_mut().filter(|x| c.is_known(&x.id)) {
            case.status = shopspec_conformance::Status::Skipped;
            case.message = format!("known failure (in the baseline): {}", case.message);
        }
    }
    report
}

/// The pacing of a store's target: the documented rate, shared out between
/// the `share` slices of a sharded run that send to the store at once.
fn pacing(api: Api, share: u32) -> Pacing {
    if share <= 1 || api != Api::Myshopline {
        return Pacing::Documented;
    }
    // The client's budget for myshopline: 4 requests a second, a burst of 39.
    Pacing::PerSecond {
        rate: f64::from((4 / share).max(1)),
        burst: (39 / share).max(1),
    }
}

/// Says, before anything is sent, how many customers the run may create.
fn preview(run: &StoreRun, targets: &[StoreTarget], known: usize) {
    let at_most: usize = targets.iter().map(|t| footprint(t).at_most).sum();
    let expected: usize = targets.iter().map(|t| footprint(t).expected).sum();
    let store = run
        .name
        .as_deref()
        .map_or_else(String::new, |n| format!("store {n}: "));
    if !run.allow_writes {
        eprintln!(
            "shopspec check: {store}read-only run (no --allow-writes): no customer will be created"
        );
        return;
    }
    let cap = match run.max_creates {
        Some(n) => format!(", capped by --max-creates {n}"),
        None => String::new(),
    };
    eprintln!(
        "shopspec check: {store}this run will create at most {at_most} customer(s){cap}, \
         at most {expected} on a store that behaves as documented ({known} known customer(s) of this store can be reused)"
    );
}

/// The JSON report: the run report, plus the store it ran against and the
/// baseline comparison, so that `--replay` can find the store again.
fn report_json(
    report: &RunReport,
    run: &StoreRun,
    comparison: Option<&BaselineComparison>,
    secrets: &[String],
) -> String {
    report_json_of(
        report,
        run.name.as_deref(),
        matches!(run.source, Source::Embedded { .. }),
        comparison,
        secrets,
    )
}

/// The JSON report of a store (`name`, or none) or of the embedded sandbox.
fn report_json_of(
    report: &RunReport,
    name: Option<&str>,
    embedded: bool,
    comparison: Option<&BaselineComparison>,
    secrets: &[String],
) -> String {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "store".to_owned(),
            serde_json::json!({
                "name": name,
                "embedded": embedded,
            }),
        );
        if let Some(c) = comparison {
            map.insert(
                "baseline".to_owned(),
                serde_json::to_value(c).unwrap_or_default(),
            );
        }
    }
    mask(
        &serde_json::to_string_pretty(&value).unwrap_or_default(),
        secrets,
    )
}

/// Reads a baseline; a missing file is an empty baseline, with a note.
fn read_baseline(path: &Path) -> Result<Baseline, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "shopspec check: no baseline {} yet: every failure counts (accept today's with --write-baseline {})",
                path.display(),
                path.display()
            );
            return Ok(Baseline {
                shopspec_baseline: 1,
                failures: Vec::new(),
            });
        }
        Err(e) => return Err(format!("cannot read the baseline {}: {e}", path.display())),
    };
    serde_json::from_str(crate::without_bom(&text)).map_err(|e| {
        format!(
            "{}: not a baseline file (expected {{\"shopspec_baseline\": 1, \"failures\": [{{\"id\", \"reason\"}}]}}): {e}",
            path.display()
        )
    })
}

/// Masks every secret once more, in case a store echoed one in a way the report did not catch.
fn mask(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.len() >= 3) {
        out = out.replace(s.as_str(), "***");
    }
    out
}

/// Starts the sandbox in-process and makes one target per API (myshopline per
/// version): an unlimited-plan token for the ordinary cases, a standard-plan
/// token for the rate-limit case only, so no pacing is needed.
async fn embedded(
    run: &StoreRun,
    only_api: Option<Api>,
    only_version: Option<ApiVersion>,
) -> Result<(Sandbox, Vec<StoreTarget>, Vec<String>), u8> {
    // The sandbox generates the main token; the two myshopline tokens derive from it.
    let probe = Sandbox::builder().rate_limit(true);
    let seed = format!("{:?}", std::time::SystemTime::now());
    let unlimited = format!("shopspec-unlimited-{}", checksum(&seed));
    let standard = format!(
        "shopspec-standard-{}",
        checksum(&format!("{seed}-standard"))
    );
    let sandbox = match probe
        .extra_token(
            Api::Myshopline,
            unlimited.clone(),
            shopspec_sandbox::Plan::Unlimited,
        )
        .extra_token(
            Api::Myshopline,
            standard.clone(),
            shopspec_sandbox::Plan::Standard,
        )
        .start()
        .await
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("shopspec check: cannot start the embedded sandbox: {e}");
            return Err(EXIT_USAGE);
        }
    };
    let main_token = sandbox.token(Api::Fecify).to_owned();
    let mut targets = Vec::new();
    for api in Api::ALL {
        if only_api.is_some_and(|a| a != api) {
            continue;
        }
        let versions: Vec<ApiVersion> = match (api, only_version) {
            (Api::Myshopline, Some(v)) => vec![v],
            (Api::Myshopline, None) => ApiVersion::SUPPORTED.to_vec(),
            _ => vec![ApiVersion::LATEST_STABLE],
        };
        for version in versions {
            let mut b = target_builder(run, api, sandbox.base_url(api))
                .version(version)
                .allow_writes(true);
            b = if api == Api::Myshopline {
                b.token(unlimited.clone())
                    .plan(Plan::Unlimited)
                    .rate_limit_token(standard.clone(), Plan::Standard)
            } else {
                b.token(sandbox.token(api).to_owned())
            };
            match b.build() {
                Ok(t) => targets.push(t),
                Err(e) => {
                    sandbox.shutdown().await;
                    return Err(usage(e));
                }
            }
        }
    }
    Ok((sandbox, targets, vec![main_token, unlimited, standard]))
}

/// A short hex digest, so derived tokens differ per run.
fn checksum(text: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write(text.as_bytes());
    format!("{:016x}", h.finish())
}

fn target_builder(
    run: &StoreRun,
    api: Api,
    base_url: String,
) -> shopspec_conformance::StoreTargetBuilder {
    let mut b = StoreTarget::builder(api, base_url)
        .email_domain(run.email_domain.clone())
        .concurrency(usize::from(run.concurrency))
        .strict(run.strict)
        .only(run.only.clone());
    if let Some(n) = run.max_creates {
        b = b.max_creates(n);
    }
    if let Some(ua) = &run.user_agent {
        b = b.user_agent(ua.clone());
    }
    b
}

/// `-`, the path that means standard output.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes a file, creating its directory first (reports often go to `reports/`);
/// `-` writes to standard output.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if is_stdout(path) {
        let mut out = std::io::stdout().lock();
        std::io::Write::write_all(&mut out, bytes)?;
        return std::io::Write::flush(&mut out);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)
}

/// The case filter of a run: `--only`, or the exact ids of a replay.
fn filter_of(only: Option<&str>, replay: Option<&[String]>) -> CaseFilter {
    match replay {
        Some(ids) => CaseFilter::parse(&ids.join(",")),
        None => CaseFilter::parse(only.unwrap_or("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn debug_of_the_arguments_hides_the_token() {
        let cli = Cli::try_parse_from([
            "check",
            "--base-url",
            "http://127.0.0.1:1",
            "--api",
            "fecify",
            "--token",
            "very-secret-42",
        ])
        .expect("valid arguments");
        assert!(!format!("{cli:?}").contains("very-secret-42"));
    }

    #[test]
    fn token_and_token_env_conflict() {
        let err = Cli::try_parse_from(["check", "--token", "a", "--token-env", "B"])
            .expect_err("conflict");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn format_needs_list() {
        let err = Cli::try_parse_from(["check", "--format", "json"]).expect_err("needs --list");
        assert_eq!(err.exit_code(), 2);
        assert!(Cli::try_parse_from(["check", "--list", "--format", "json"]).is_ok());
    }
}
