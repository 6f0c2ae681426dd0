//! The example commands of `crates/cli/README.md` run with the built binary
//! and end with the exit status each one's comment states.

use std::io::Write;
use std::process::{Command, Stdio};

/// `echo 'JSON' | shopspec ARGS   # exit N` or `shopspec ARGS   # exit N`.
fn parse(line: &str) -> Option<(Option<String>, Vec<String>, i32)> {
    let (command, status) = line.split_once("# exit ")?;
    let status: i32 = status.trim().parse().ok()?;
    let (stdin, command) = match command.trim().strip_prefix("echo '") {
        Some(rest) => {
            let (json, rest) = rest.split_once("' | ")?;
            (Some(json.to_owned()), rest)
        }
        None => (None, command.trim()),
    };
    let args = command.strip_prefix("shopspec ")?;
    let args = args
        .split_whitespace()
        .map(|a| a.trim_matches('\'').to_owned())
        .collect();
    Some((stdin, args, status))
}

#[test]
fn the_readme_examples_end_as_stated() {
    let readme = include_str!("../../README.md");
    let block = readme
        .split("## Example")
        .nth(1)
        .and_then(|s| s.split("```sh").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("an Example section with a sh block");
    let mut ran = 0;
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let (stdin, args, status) = parse(line).unwrap_or_else(|| panic!("cannot read: {line}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_shopspec"))
            .args(&args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let input = stdin.map(|s| s + "\n").unwrap_or_default();
        let _ = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes());
        let out = child.wait_with_output().expect("it finishes");
        assert_eq!(
            out.status.code(),
            Some(status),
            "{line}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 3, "{ran} examples");
}
