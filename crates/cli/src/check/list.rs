//! `--list`: the cases a run would make, without sending anything.

use std::io::Write;

use serde::Serialize;
use shopspec_conformance::{Case, CaseFilter, CaseKind, Suite};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

use super::plan::Loaded;
use super::{Args, ListFormat, usage};
use crate::{EXIT_OK, EXIT_USAGE};

/// One listed case.
#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    api: Api,
    op: Operation,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<ApiVersion>,
    kind: CaseKind,
    writes: bool,
    /// Customers the case creates at most (with --allow-writes).
    creates_at_most: usize,
    /// Whether it only needs *a* customer to update (leased, reused across runs).
    leases_customer: bool,
    source: &'a str,
    title: &'a str,
}

/// Prints the selected cases and returns the exit code.
pub(super) fn print(args: &Args, config: Option<&Loaded>) -> u8 {
    // Narrow by --api/--api-version, else by the named stores' settings.
    let mut scopes: Vec<(Option<Api>, Option<ApiVersion>)> = Vec::new();
    if args.store.is_empty() || args.api.is_some() {
        scopes.push((args.api, args.api_version));
    } else if let Some(config) = config {
        for name in &args.store {
            match config.api_of(name) {
                Ok((api, version)) => scopes.push((api, args.api_version.or(version))),
                Err(m) => return usage(m),
            }
        }
    }
    let filter = CaseFilter::parse(args.only.as_deref().unwrap_or(""));
    let cases: Vec<Case> = Suite::cases(&filter)
        .into_iter()
        .filter(|c| {
            scopes.iter().any(|(api, version)| {
                api.is_none_or(|a| a == c.api)
                    && version.is_none_or(|v| c.version.is_none_or(|cv| cv == v))
            })
        })
        .collect();
    let listed: Vec<Listed<'_>> = cases
        .iter()
        .map(|c| Listed {
            id: &c.id,
            api: c.api,
            op: c.operation,
            version: c.version,
            kind: c.kind,
            writes: c.writes,
            creates_at_most: if c.writes { c.creates_at_most() } else { 0 },
            leases_customer: c.writes && c.leases_customer(),
            source: &c.source,
            title: &c.title,
        })
        .collect();
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        ListFormat::Json => serde_json::to_writer_pretty(&mut out, &listed)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        ListFormat::Text => text(&mut out, &listed),
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("shopspec check: cannot write the list: {e}");
            EXIT_USAGE
        }
    }
}

fn text(out: &mut impl Write, cases: &[Listed<'_>]) -> std::io::Result<()> {
    let id_width = cases.iter().map(|c| c.id.len()).max().unwrap_or(2);
    let kind_width = cases
        .iter()
        .map(|c| c.kind.as_str().len())
        .max()
        .unwrap_or(4);
    // Columns are padded; a line never ends in spaces.
    let mut line = |cells: [&str; 4]| {
        let [id, kind, writes, source] = cells;
        let text = format!("{id:<id_width$}  {kind:<kind_width$}  {writes:<6}  {source}");
        writeln!(out, "{}", text.trim_end())
    };
    line(["id", "kind", "writes", "source"])?;
    for c in cases {
        line([
            c.id,
            c.kind.as_str(),
            if c.writes { "yes" } else { "no" },
            c.source.trim(),
        ])?;
    }
    let writes = cases.iter().filter(|c| c.writes).count();
    writeln!(
        out,
        "{} case(s), {writes} of them create or change customers (they run only with --allow-writes)",
        cases.len()
    )
}
