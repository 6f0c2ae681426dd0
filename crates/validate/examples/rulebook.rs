//! Prints the rulebook: every rule of every target with its evidence, as JSON
//! Lines (`cargo run -p shopspec-validate --example rulebook`), or the number
//! of documented and inferred rules per target with `--counts`.

use std::io::{self, Write};

use shopspec_validate::{Strength, Target, catalogue};

fn main() {
    let counts = std::env::args().any(|a| a == "--counts");
    // A closed pipe (`| head`) ends the listing quietly.
    let _ = print(&mut io::stdout().lock(), counts);
}

fn print(out: &mut impl Write, counts: bool) -> io::Result<()> {
    for target in Target::all() {
        let entries = catalogue(target);
        if counts {
            let documented = entries
                .iter()
                .filter(|e| e.evidence.strength == Strength::Documented)
                .count();
            writeln!(
                out,
                "{target}: {} rules, {documented} documented, {} inferred",
                entries.len(),
                entries.len() - documented
            )?;
            continue;
        }
        for entry in entries {
            let line = serde_json::json!({
                "target": target.to_string(),
                "pointer": entry.pointer,
                "rule": entry.rule,
                "severity": entry.severity,
                "limit": entry.limit,
                "evidence": entry.evidence,
            });
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
