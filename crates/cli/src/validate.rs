//! `shopspec validate`: check request payloads against every documented field rule.
//!
//! One payload per file (or standard input) or, with `--jsonl`, one payload per
//! line, streamed in chunks over `--jobs` threads so memory stays flat on large
//! exports and the output keeps the line order. With several files, each file's
//! results carry its name. A leading UTF-8 byte order mark is skipped.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::json;
use shopspec_validate::{
    Api, ApiVersion, JsonLines, LineOutcome, Operation, ParseError, Report, Target, Violation,
    validate_slice,
};

/// Arguments of `shopspec validate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 valid (warnings allowed), 1 invalid or unparseable \
payload(s), 2 usage or I/O error (and, outside --jsonl, a payload that is not JSON)."
)]
pub(crate) struct Args {
    /// The API the payload is for: fecify, shopline or myshopline.
    #[arg(long, value_name = "API", value_parser = crate::values::api())]
    api: Api,

    /// The operation: create-customer or update-customer.
    #[arg(long = "op", value_name = "OPERATION", value_parser = crate::values::operation())]
    op: Operation,

    /// myshopline API version (vYYYYMMDD). Default: v20260301, the newest supported
    /// stable version. Supported: v20220901, v20251201, v20260301. Only valid with
    /// --api myshopline.
    #[arg(long = "api-version", value_name = "vYYYYMMDD", value_parser = crate::values::api_version())]
    api_version: Option<ApiVersion>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,

    /// Read one JSON payload per line (blank lines are skipped) and report each bad
    /// line by number; a summary goes to standard error.
    #[arg(long)]
    jsonl: bool,

    /// With --jsonl: threads that validate lines (default: all cores). The
    /// output is the same for any number.
    #[arg(long, value_name = "N", requires = "jsonl", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,

    /// The payload files, each checked and reported under its name; `-` or
    /// nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    input: Vec<PathBuf>,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    /// One line per violation, then a verdict.
    Text,
    /// `{"valid": bool, "errors": [...], "warnings": [...]}`.
    Json,
}

/// Runs `shopspec validate` and returns the process exit code.
pub(crate) fn run(args: Args) -> u8 {
    let target = match target(&args) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("shopspec validate: {message}");
            return crate::EXIT_USAGE;
        }
    };
    let inputs: Vec<Option<&Path>> = if args.input.is_empty() {
        vec![None]
    } else {
        args.input
            .iter()
            .map(|p| (p.as_os_str() != "-").then_some(p.as_path()))
            .collect()
    };
    if inputs.iter().filter(|i| i.is_none()).count() > 1 {
        eprintln!("shopspec validate: standard input (`-`) can be read only once");
        return crate::EXIT_USAGE;
    }
    let several = inputs.len() > 1;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut code = crate::EXIT_OK;
    for input in inputs {
        let name = input.map_or_else(|| "-".to_owned(), |p| p.display().to_string());
        let reader: Box<dyn Read + Send> = match input {
            None => Box::new(io::stdin()),
            Some(path) => match File::open(path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    eprintln!("shopspec validate: cannot read {}: {e}", path.display());
                    code = code.max(crate::EXIT_USAGE);
                    continue;
                }
            },
        };
        let file = several.then_some(name.as_str());
        let result = if args.jsonl {
            let mut lines = JsonLines::new(target);
            if let Some(jobs) = args.jobs {
                lines = lines.jobs(usize::from(jobs));
            }
            let mut reader = BufReader::with_capacity(1 << 16, reader);
            skip_bom(&mut reader)
                .and_then(|()| run_jsonl(lines, args.format, reader, &mut out, file))
        } else {
            run_single(target, args.format, reader, &mut out, file)
        };
        match result.and_then(|c| out.flush().map(|()| c)) {
            Ok(c) => code = code.max(c),
            Err(e) => {
                eprintln!("shopspec validate: I/O error: {e}");
                return crate::EXIT_USAGE;
            }
        }
    }
    code
}

/// The UTF-8 byte order mark some editors write at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Consumes a UTF-8 byte order mark at the start of `reader`, if there is one.
fn skip_bom(reader: &mut impl BufRead) -> io::Result<()> {
    if reader.fill_buf()?.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    Ok(())
}

/// The target named by the arguments, or a usage error.
fn target(args: &Args) -> Result<Target, String> {
    let target = Target::new(args.api, args.op);
    match (args.api, args.api_version) {
        (Api::Myshopline, Some(version)) => {
            let target = target.with_version(version);
            if target.is_supported() {
                Ok(target)
            } else {
                let supported: Vec<String> = ApiVersion::SUPPORTED
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                Err(format!(
                    "API version {version} is not supported (supported: {})",
                    supported.join(", ")
                ))
            }
        }
        (Api::Myshopline, None) => Ok(target),
        (api, Some(_)) => Err(format!(
            "--api-version only applies to --api myshopline; {api} is not versioned"
        )),
        (_, None) => Ok(target),
    }
}

/// One payload. With `file` (several files were given) every line names it and
/// the JSON object carries it as `file`.
fn run_single(
    target: Target,
    format: OutputFormat,
    mut input: impl Read,
    out: &mut impl Write,
    file: Option<&str>,
) -> io::Result<u8> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let payload = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let prefix = file_prefix(file);
    let report = match validate_slice(target, payload) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("shopspec validate: {prefix}{e}");
            return Ok(crate::EXIT_USAGE);
        }
    };
    match format {
        OutputFormat::Text => {
            for v in &report.errors {
                writeln!(out, "{prefix}error: {v}")?;
            }
            for v in &report.warnings {
                writeln!(out, "{prefix}warning: {v}")?;
            }
            writeln!(out, "{prefix}{}", verdict(target, &report))?;
        }
        OutputFormat::Json => {
            match file {
                None => serde_json::to_writer_pretty(&mut *out, &report)?,
                Some(file) => serde_json::to_writer_pretty(
                    &mut *out,
                    &json!({
                        "file": file,
                        "valid": report.is_valid(),
                        "errors": report.errors,
                        "warnings": report.warnings,
                    }),
                )?,
            }
            writeln!(out)?;
        }
    }
    Ok(if report.is_valid() {
        crate::EXIT_OK
    } else {
        crate::EXIT_FINDING
    })
}

fn verdict(target: Target, report: &Report) -> String {
    let counts = format!(
        "{} error{}, {} warning{}",
        report.errors.len(),
        if report.errors.len() == 1 { "" } else { "s" },
        report.warnings.len(),
        if report.warnings.len() == 1 { "" } else { "s" },
    );
    if report.is_valid() {
        format!("valid {target} payload ({counts})")
    } else {
        format!("invalid {target} payload ({counts})")
    }
}

/// One payload per line. With `file` (several files were given) every line and
/// the summary name it, and each JSON object carries it as `file`.
fn run_jsonl(
    lines: JsonLines,
    format: OutputFormat,
    input: impl BufRead + Send,
    out: &mut impl Write,
    file: Option<&str>,
) -> io::Result<u8> {
    let summary = lines.run(input, out, |number, outcome, buf| {
        // Writing to a Vec cannot fail.
        let _ = match outcome {
            LineOutcome::Valid => Ok(()),
            LineOutcome::Invalid(report) => write_bad_line(buf, format, file, number, report),
            LineOutcome::Unparseable(e) => write_unparseable(buf, format, file, number, e),
        };
    })?;
    let prefix = file_prefix(file);
    eprintln!(
        "{prefix}{} lines, {} valid, {} invalid, {} unparseable",
        summary.lines, summary.valid, summary.invalid, summary.unparseable
    );
    Ok(if summary.invalid + summary.unparseable == 0 {
        crate::EXIT_OK
    } else {
        crate::EXIT_FINDING
    })
}

/// `file: ` before a line's text, with several files.
fn file_prefix(file: Option<&str>) -> String {
    file.map(|f| format!("{f}: ")).unwrap_or_default()
}

/// The JSON object of a line, with `file` first when several files were given.
fn with_file(file: Option<&str>, value: serde_json::Value) -> serde_json::Value {
    match (file, value) {
        (Some(file), serde_json::Value::Object(fields)) => {
            let mut map = serde_json::Map::new();
            map.insert("file".to_owned(), file.into());
            map.extend(fields);
            serde_json::Value::Object(map)
        }
        (_, value) => value,
    }
}

fn write_bad_line(
    out: &mut impl Write,
    format: OutputFormat,
    file: Option<&str>,
    number: u64,
    report: &Report,
) -> io::Result<()> {
    match format {
        OutputFormat::Text => {
            let prefix = file_prefix(file);
            let tagged = report
                .errors
                .iter()
                .map(|v| ("error", v))
                .chain(report.warnings.iter().map(|v| ("warning", v)));
            for (severity, v) in tagged {
                writeln!(
                    out,
                    "{prefix}line {number}: {severity}: {}",
                    v as &Violation
                )?;
            }
        }
        OutputFormat::Json => {
            let value = with_file(
                file,
                json!({
                    "line": number,
                    "valid": report.is_valid(),
                    "errors": report.errors,
                    "warnings": report.warnings,
                }),
            );
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn write_unparseable(
    out: &mut impl Write,
    format: OutputFormat,
    file: Option<&str>,
    number: u64,
    e: &ParseError,
) -> io::Result<()> {
    match format {
        OutputFormat::Text => writeln!(
            out,
            "{}line {number}: error: invalid JSON at column {}: {}",
            file_prefix(file),
            e.column,
            e.message
        ),
        OutputFormat::Json => {
            let value = with_file(
                file,
                json!({
                    "line": number,
                    "valid": false,
                    "parse_error": {"column": e.column, "message": e.message},
                    "errors": [],
                    "warnings": [],
                }),
            );
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)
        }
    }
}
