//! `shopspec check`: run the conformance suite against a store, by default the
//! embedded sandbox, and report case by case with the doc source of each.

mod junit;
mod output;

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use shopspec_client::Token;
use shopspec_conformance::{
    CaseFilter, Pacing, Plan, Progress, RunError, StoreTarget, run_with_progress,
};
use shopspec_model::Api;
use shopspec_model::myshopline::ApiVersion;
use shopspec_sandbox::Sandbox;

use crate::{EXIT_FINDING, EXIT_OK, EXIT_USAGE};

/// Arguments of `shopspec check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Without --base-url the embedded sandbox is started in-process and all \
three APIs are checked (myshopline on every supported version). With --base-url, exactly one \
--api is required and the token comes from --token or, better (it stays out of the process \
list), from the variable named by --token-env.\n\n\
Exit status: 0 no case failed, 1 a case failed, 2 usage error, I/O error or unreachable store."
)]
pub(crate) struct Args {
    /// Only this API: fecify, shopline or myshopline.
    #[arg(long, value_name = "API")]
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
    #[arg(long = "api-version", value_name = "vYYYYMMDD")]
    api_version: Option<ApiVersion>,

    /// The User-Agent header (the SHOPLINE Open API wants your handle code).
    #[arg(long, value_name = "UA")]
    user_agent: Option<String>,

    /// Domain of the run-unique emails `shopspec-<run>-<n>@<domain>`.
    #[arg(long, value_name = "DOMAIN", default_value = "example.com")]
    email_domain: String,

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

    /// Cases in flight at once, per target.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    concurrency: u16,

    /// Write the run report as JSON to this file.
    #[arg(long, value_name = "PATH")]
    report_json: Option<PathBuf>,

    /// Write a JUnit XML report (one testsuite per API) to this file.
    #[arg(long, value_name = "PATH")]
    junit: Option<PathBuf>,
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
    if let (Some(api), Some(_)) = (args.api, args.api_version)
        && api != Api::Myshopline
    {
        return usage("--api-version applies to --api myshopline only");
    }
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
    let only = CaseFilter::parse(args.only.as_deref().unwrap_or(""));

    // Against the sandbox or a store.
    let (sandbox, targets, secrets) = match &args.base_url {
        None => {
            if args.token.is_some() || args.token_env.is_some() {
                return usage(
                    "--token and --token-env need --base-url (the sandbox makes its own tokens)",
                );
            }
            match embedded(&args, &only).await {
                Ok((sandbox, targets, secrets)) => (Some(sandbox), targets, secrets),
                Err(code) => return code,
            }
        }
        Some(base_url) => {
            let Some(api) = args.api else {
                return usage(
                    "--base-url needs exactly one --api (fecify, shopline or myshopline)",
                );
            };
            let token = match (&args.token, &args.token_env) {
                (Some(t), _) => t.clone(),
                (None, Some(var)) => match std::env::var(var) {
                    Ok(t) if !t.trim().is_empty() => Token::new(t),
                    _ => return usage(format!("the environment variable {var} holds no token")),
                },
                (None, None) => return usage("--base-url needs --token or --token-env"),
            };
            let mut b = target_builder(&args, api, base_url.clone(), &only)
                .token(token.clone())
                .allow_writes(args.allow_writes)
                .pacing(Pacing::Documented);
            if let Some(v) = args.api_version {
                b = b.version(v);
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

    let progress_line = std::io::stderr().is_terminal();
    let on_progress = move |p: &Progress| {
        if progress_line {
            // One line, redrawn in place.
            eprint!("\r\x1b[2K[{:>4}/{}] {}", p.done, p.total, p.case_id);
        }
    };
    let result = run_with_progress(&targets, on_progress).await;
    if progress_line {
        eprint!("\r\x1b[2K");
    }
    if let Some(sandbox) = sandbox {
        sandbox.shutdown().await;
    }
    let report = match result {
        Ok(report) => report,
        Err(e @ RunError::Unreachable { .. }) => {
            return usage(format!("{e}\nIs the --base-url right and the store up?"));
        }
        Err(e) => return usage(e),
    };

    let mut code = if report.is_success() {
        EXIT_OK
    } else {
        EXIT_FINDING
    };
    let mut stdout = anstream::stdout();
    if let Err(e) = output::print(&mut stdout, &report, &targets) {
        // A closed pipe (e.g. `| head`) is not a reason to lose the exit status.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("shopspec check: cannot write the results: {e}");
            code = EXIT_USAGE;
        }
    }
    if let Some(path) = &args.report_json
        && let Err(e) = write_file(path, |w| {
            serde_json::to_writer_pretty(&mut *w, &report).map_err(std::io::Error::from)?;
            w.write_all(b"\n")
        })
    {
        eprintln!("shopspec check: cannot write {}: {e}", path.display());
        code = EXIT_USAGE;
    }
    if let Some(path) = &args.junit
        && let Err(e) = write_file(path, |w| junit::write(w, &report, &secrets))
    {
        eprintln!("shopspec check: cannot write {}: {e}", path.display());
        code = EXIT_USAGE;
    }
    code
}

/// Starts the sandbox in-process and makes one target per API (myshopline per
/// version): an unlimited-plan token for the ordinary cases, a standard-plan
/// token for the rate-limit case only, so no pacing is needed.
async fn embedded(
    args: &Args,
    only: &CaseFilter,
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
        if args.api.is_some_and(|a| a != api) {
            continue;
        }
        let versions: Vec<ApiVersion> = match (api, args.api_version) {
            (Api::Myshopline, Some(v)) => vec![v],
            (Api::Myshopline, None) => ApiVersion::SUPPORTED.to_vec(),
            _ => vec![ApiVersion::LATEST_STABLE],
        };
        for version in versions {
            let mut b = target_builder(args, api, sandbox.base_url(api), only)
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
    args: &Args,
    api: Api,
    base_url: String,
    only: &CaseFilter,
) -> shopspec_conformance::StoreTargetBuilder {
    let mut b = StoreTarget::builder(api, base_url)
        .email_domain(args.email_domain.clone())
        .concurrency(usize::from(args.concurrency))
        .strict(args.strict)
        .only(only.clone());
    if let Some(ua) = &args.user_agent {
        b = b.user_agent(ua.clone());
    }
    b
}

fn write_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    write(&mut w)?;
    w.flush()
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
}
