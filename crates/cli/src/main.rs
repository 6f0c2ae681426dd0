//! `shopspec`: validate customer payloads, run the local sandbox store, and check a
//! store against the documented behaviour of its customer API.
//!
//! Exit codes, for every subcommand: 0 success, 1 a finding (an invalid payload,
//! a failed conformance case), 2 a usage or I/O error.

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod check;
mod sandbox;
mod validate;
mod values;

/// Exit code for success.
const EXIT_OK: u8 = 0;
/// Exit code for a finding: an invalid payload, a failed case.
const EXIT_FINDING: u8 = 1;
/// Exit code for a usage or I/O error.
const EXIT_USAGE: u8 = 2;

/// Make the customer endpoints of Fecify, SHOPLINE Open API and SHOPLINE Admin REST
/// API safe to build on and checkable against a live store.
#[derive(Debug, Parser)]
#[command(name = "shopspec", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a request payload against every documented field rule.
    Validate(validate::Args),
    /// Run a local store that serves the three APIs as documented.
    Sandbox(sandbox::Args),
    /// Check a store (by default the embedded sandbox) against its API docs.
    Check(Box<check::Args>),
    /// Work with the JSON reports of `check`: `report merge` joins the
    /// reports of a sharded run into one.
    Report(check::merge::ReportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): shopspec(1), or with a subcommand its own page.
    Man {
        /// `validate`, `sandbox`, `check`, `report` or `completions`.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(MAN_PAGES))]
        subcommand: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Sandbox(args) => sandbox::run(args),
        Command::Check(args) => check::run(*args),
        Command::Report(args) => check::merge::run(args),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "shopspec", &mut std::io::stdout());
            EXIT_OK
        }
        Command::Man { subcommand } => man(subcommand.as_deref()),
    };
    ExitCode::from(code)
}

/// The subcommands with a page of their own (`shopspec man <name>`).
const MAN_PAGES: [&str; 5] = ["validate", "sandbox", "check", "report", "completions"];

/// The config file, for shopspec(1) and shopspec-check(1) (roff).
const MAN_CONFIG: &str = r#".SH "CONFIGURATION FILE"
\fBshopspec check \-\-store\fR \fINAME\fR reads the table \fB[store.\fR\fINAME\fR\fB]\fR of
\fBshopspec.toml\fR in the current directory, or of the file given with
\fB\-\-config\fR \fIFILE\fR. Every key is optional; a flag overrides the key of the
same name. Keys: \fBapi\fR (fecify, shopline or myshopline), \fBbase_url\fR,
\fBtoken_env\fR (the name of the environment variable that holds the token),
\fBapi_version\fR, \fBuser_agent\fR, \fBemail_domain\fR, \fBallow_writes\fR,
\fBstrict\fR, \fBconcurrency\fR, \fBbaseline\fR, \fBstate\fR, \fBmax_creates\fR,
and the table \fB[store.\fR\fINAME\fR\fB.reports]\fR with \fBjson\fR, \fBhtml\fR and
\fBjunit\fR (paths; \fB{store}\fR is replaced by the store's name).
.PP
The file never holds a token: a key that would hold one (such as \fBtoken\fR)
is refused with exit status 2, and no error message repeats a value from the
file. Relative paths are relative to the file. Unknown keys are refused.
.PP
.nf
[store.staging]
api = "myshopline"
base_url = "https://staging\-shop.myshopline.com"
token_env = "STAGING_SHOP_TOKEN"
api_version = "v20260301"
allow_writes = true
max_creates = 40

[store.staging.reports]
json = "reports/{store}.json"
.fi
"#;

/// The text without a leading UTF-8 byte order mark, which editors on Windows
/// write and JSON parsers refuse.
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Writes the manual page of `shopspec` or of one subcommand to standard output.
fn man(subcommand: Option<&str>) -> u8 {
    let mut top = Cli::command();
    top.build();
    let page = match subcommand {
        // Only subcommands with a page are listed (no shopspec-help(1), shopspec-man(1)).
        None => top
            .mut_subcommand("help", |s| s.hide(true))
            .mut_subcommand("man", |s| s.hide(true)),
        Some(name) if MAN_PAGES.contains(&name) => match top.find_subcommand(name) {
            // After `build`, a subcommand is displayed as `shopspec-<name>`.
            Some(sub) => sub.clone(),
            None => unreachable!("every name of MAN_PAGES is a subcommand"),
        },
        Some(name) => {
            eprintln!(
                "shopspec man: no page for `{name}` ({})",
                MAN_PAGES.join(", ")
            );
            return EXIT_USAGE;
        }
    };
    let with_config = matches!(subcommand, None | Some("check"));
    let mut out = Vec::new();
    let rendered = clap_mangen::Man::new(page)
        .render(&mut out)
        .and_then(|()| {
            if with_config {
                std::io::Write::write_all(&mut out, MAN_CONFIG.as_bytes())?;
            }
            let others: Vec<String> = MAN_PAGES
                .iter()
                .filter(|p| subcommand != Some(**p))
                .map(|p| format!("\\fBshopspec\\-{p}\\fR(1)"))
                .chain(subcommand.map(|_| "\\fBshopspec\\fR(1)".to_owned()))
                .collect();
            let see_also = format!(
                ".SH \"SEE ALSO\"\n{}\n.PP\nEach page is printed by \\fBshopspec man\\fR [\\fISUBCOMMAND\\fR].\n",
                others.join(", ")
            );
            std::io::Write::write_all(&mut out, see_also.as_bytes())
        });
    match rendered.and_then(|()| std::io::Write::write_all(&mut std::io::stdout(), &out)) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("shopspec man: {e}");
            EXIT_USAGE
        }
    }
}
