//! `shopspec-fuzz`: runs the fuzz harness over every entry point and prints,
//! per entry point, the inputs run, the panics and contract breaks found and
//! the time taken. Inputs that find something are saved under the corpus
//! folder. Exit status: 0 when nothing was found, 1 on a finding, 2 on a usage
//! or I/O error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use shopspec_fuzz::{Entry, Finding, Generator, Harness, corpus};

const USAGE: &str = "usage: shopspec-fuzz [--inputs N] [--seed S] [--entry NAME]... [--corpus DIR]

  --inputs N    inputs per entry point (default 1000000)
  --seed S      seed of the generator (default: from the clock; printed)
  --entry NAME  run only this entry point (repeatable): validate, model,
                sandbox, client, report, junit
  --corpus DIR  where inputs that find something are saved (default: the
                crate's corpus/ folder)";

/// Findings printed in full per entry point; the rest are only counted.
const SHOWN: usize = 5;

struct Options {
    inputs: u64,
    seed: u64,
    entries: Vec<Entry>,
    corpus: PathBuf,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        inputs: 1_000_000,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        entries: Vec::new(),
        corpus: corpus::dir(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--inputs" => {
                o.inputs = value
                    .parse()
                    .map_err(|_| format!("--inputs: `{value}` is not a count"))?;
            }
            "--seed" => {
                o.seed = value
                    .parse()
                    .map_err(|_| format!("--seed: `{value}` is not a number"))?;
            }
            "--entry" => o.entries.push(
                Entry::from_name(&value).ok_or_else(|| format!("unknown entry point `{value}`"))?,
            ),
            "--corpus" => o.corpus = PathBuf::from(value),
            _ => return Err(format!("unknown option `{arg}`")),
        }
    }
    if o.entries.is_empty() {
        o.entries = Entry::ALL.to_vec();
    }
    Ok(o)
}

struct Tally {
    entry: Entry,
    inputs: u64,
    panics: u64,
    breaks: u64,
    time: Duration,
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("shopspec-fuzz: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    println!(
        "shopspec-fuzz: {} inputs per entry point, seed {}",
        o.inputs, o.seed
    );
    let started = Instant::now();
    let mut harness = Harness::new();
    let mut tallies = Vec::new();
    let mut generator = Generator::new(o.seed);
    for entry in o.entries.iter().copied() {
        // Each entry point's inputs depend only on the seed and the entry
        // point, not on which other entry points ran.
        let index = Entry::ALL.iter().position(|e| *e == entry).unwrap_or(0);
        generator.reseed(o.seed.wrapping_add(1 + index as u64));
        let mut tally = Tally {
            entry,
            inputs: 0,
            panics: 0,
            breaks: 0,
            time: Duration::ZERO,
        };
        let clock = Instant::now();
        for _ in 0..o.inputs {
            let input = generator.input(entry);
            tally.inputs += 1;
            let Err(finding) = harness.check(entry, &input) else {
                continue;
            };
            match finding {
                Finding::Panic(_) => tally.panics += 1,
                Finding::Contract(_) => tally.breaks += 1,
            }
            let saved = match corpus::save(&o.corpus, entry, &input) {
                Ok(path) => path.display().to_string(),
                Err(e) => {
                    eprintln!("shopspec-fuzz: cannot save an input: {e}");
                    return ExitCode::from(2);
                }
            };
            if tally.panics + tally.breaks <= SHOWN as u64 {
                println!("  {entry}: {finding}\n    saved as {saved}");
            }
        }
        tally.time = clock.elapsed();
        println!(
            "{:<9} {:>9} inputs  {:>3} panics  {:>3} contract breaks  {:>8.1} s  {:>9.0} inputs/s",
            tally.entry.name(),
            tally.inputs,
            tally.panics,
            tally.breaks,
            tally.time.as_secs_f64(),
            tally.inputs as f64 / tally.time.as_secs_f64().max(1e-9)
        );
        if entry == Entry::Sandbox {
            println!(
                "          {} of them answered with success, stored customer read back and compared",
                harness.sandbox_stored()
            );
        }
        tallies.push(tally);
    }
    let inputs: u64 = tallies.iter().map(|t| t.inputs).sum();
    let panics: u64 = tallies.iter().map(|t| t.panics).sum();
    let breaks: u64 = tallies.iter().map(|t| t.breaks).sum();
    println!(
        "total     {inputs:>9} inputs  {panics:>3} panics  {breaks:>3} contract breaks  {:>8.1} s",
        started.elapsed().as_secs_f64()
    );
    if panics + breaks > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
