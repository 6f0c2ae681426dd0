//! Small things people meet first: completions that offer values, a tidy
//! `--list`, a man page without dangling references and with the config file,
//! files with a byte order mark, `-` for standard output, several files to
//! `validate`, host names for `sandbox --listen`, and replays with nothing to
//! do or no token. Everything runs the built binary, on loopback only.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::common::{self, output_with_stdin, shopspec, text};

fn workdir(name: &str) -> PathBuf {
    common::workdir("papercuts", name)
}

/// Runs `shopspec <args>` in `dir`, with `stdin` piped in.
fn shopspec_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    output_with_stdin(shopspec().args(args).current_dir(dir), stdin)
}

const VALID: &str = r#"{"email": "li@example.com", "first_name": "yunlong", "last_name": "li"}"#;

#[test]
fn bash_completion_offers_the_values_of_api_op_and_api_version() {
    let dir = workdir("completions");
    let out = shopspec_in(&dir, &["completions", "bash"], b"");
    assert_eq!(out.status.code(), Some(0));
    let script = text(&out.stdout);
    for words in [
        "fecify shopline myshopline",
        "create-customer update-customer",
        "v20220901 v20251201 v20260301",
    ] {
        assert!(
            script.contains(&format!("compgen -W \"{words}\"")),
            "bash completion does not offer {words}"
        );
    }
    // `shopspec man <TAB>` offers the pages there are.
    assert!(script.contains("--help validate sandbox check report completions\""));
    // An unsupported version still parses, and is answered with the supported ones.
    let out = shopspec_in(
        &dir,
        &[
            "validate",
            "--api",
            "myshopline",
            "--op",
            "create-customer",
            "--api-version",
            "v20200101",
        ],
        VALID.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("supported: v20220901"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn list_lines_end_without_spaces() {
    let dir = workdir("list");
    let out = shopspec_in(&dir, &["check", "--list"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    assert!(listing.lines().count() > 100, "{listing}");
    for line in listing.lines() {
        assert_eq!(line, line.trim_end(), "trailing spaces: {line:?}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_man_page_documents_the_config_file_and_names_only_pages_that_exist() {
    let dir = workdir("man");
    let top = text(&shopspec_in(&dir, &["man"], b"").stdout);
    assert!(top.contains(".TH shopspec 1"));
    assert!(top.contains("CONFIGURATION FILE"), "{top}");
    assert!(
        top.contains("token_env") && top.contains("shopspec.toml"),
        "{top}"
    );
    for missing in [
        "shopspec-help",
        "shopspec-man",
        "shopspec\\-help",
        "shopspec\\-man",
    ] {
        assert!(!top.contains(missing), "the page names {missing}(1)");
    }
    // Every page it names is printed by `shopspec man <name>`.
    for name in ["validate", "sandbox", "check", "completions"] {
        assert!(top.contains(&format!("shopspec\\-{name}")), "{name}");
        let out = shopspec_in(&dir, &["man", name], b"");
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert!(text(&out.stdout).contains(".TH"), "{name}");
    }
    let check = text(&shopspec_in(&dir, &["man", "check"], b"").stdout);
    assert!(check.contains("CONFIGURATION FILE"));
    assert_eq!(
        shopspec_in(&dir, &["man", "help"], b"").status.code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = workdir("bom");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), VALID.as_bytes()].concat();
    std::fs::write(dir.join("bom.json"), &with_bom).expect("write");
    let out = shopspec_in(
        &dir,
        &[
            "validate",
            "--api",
            "fecify",
            "--op",
            "create-customer",
            "bom.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("valid fecify create-customer payload"));
    // From standard input and as JSON Lines too.
    let out = shopspec_in(
        &dir,
        &["validate", "--api", "fecify", "--op", "create-customer"],
        &with_bom,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines = [with_bom.as_slice(), b"\n", VALID.as_bytes(), b"\n"].concat();
    let out = shopspec_in(
        &dir,
        &[
            "validate",
            "--api",
            "fecify",
            "--op",
            "create-customer",
            "--jsonl",
        ],
        &lines,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("2 lines, 2 valid"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn validate_takes_several_files_and_names_each() {
    let dir = workdir("several");
    std::fs::write(dir.join("good.json"), VALID).expect("write");
    std::fs::write(dir.join("bad.json"), r#"{"email": "li@example.com"}"#).expect("write");
    let args = [
        "validate",
        "--api",
        "fecify",
        "--op",
        "create-customer",
        "good.json",
        "bad.json",
    ];
    let out = shopspec_in(&dir, &args, b"");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("good.json: valid fecify create-customer payload"),
        "{stdout}"
    );
    assert!(
        stdout.contains("bad.json: invalid fecify create-customer payload"),
        "{stdout}"
    );
    assert!(stdout.contains("bad.json: error: /first_name"), "{stdout}");
    assert!(!stdout.contains("good.json: error"), "{stdout}");

    let json_args = [&args[..], &["--format", "json"]].concat();
    let out = shopspec_in(&dir, &json_args, b"");
    assert_eq!(out.status.code(), Some(1));
    let stdout = out.stdout;
    let reports: Vec<Value> = serde_json::Deserializer::from_slice(&stdout)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .expect("one JSON object per file");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["file"], "good.json");
    assert_eq!(reports[0]["valid"], true);
    assert_eq!(reports[1]["file"], "bad.json");
    assert_eq!(reports[1]["valid"], false);

    // A missing file is an I/O error (exit 2), and the other files are still checked.
    let out = shopspec_in(
        &dir,
        &[
            "validate",
            "--api",
            "fecify",
            "--op",
            "create-customer",
            "good.json",
            "nowhere.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("good.json: valid"));
    assert!(text(&out.stderr).contains("nowhere.json"));
    // Standard input only once.
    let out = shopspec_in(
        &dir,
        &[
            "validate",
            "--api",
            "fecify",
            "--op",
            "create-customer",
            "-",
            "-",
        ],
        VALID.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn sandbox_listens_on_a_host_name() {
    let dir = workdir("listen");
    let mut child = Command::new(env!("CARGO_BIN_EXE_shopspec"))
        .args(["sandbox", "--listen", "localhost:0", "--token", "t"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    let read = BufReader::new(stdout).read_line(&mut first);
    let _ = child.kill();
    let out = child.wait_with_output().expect("it ends");
    read.expect("a line");
    assert!(
        first.contains("listening on http://127.0.0.1:")
            || first.contains("listening on http://[::1]:"),
        "{first}\n{}",
        text(&out.stderr)
    );
    let out = shopspec_in(&dir, &["sandbox", "--listen", "localhost"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("HOST:PORT"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_report_goes_to_standard_output_and_a_replay_with_nothing_to_do_says_so() {
    let dir = workdir("stdout");
    let out = shopspec_in(
        &dir,
        &[
            "check",
            "--api",
            "fecify",
            "--only",
            "fecify.create.example*",
            "--report-json",
            "-",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!dir.join("-").exists(), "a file named - was written");
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report alone on stdout");
    assert!(!report["cases"].as_array().expect("cases").is_empty());
    // The text results went to standard error.
    assert!(!text(&out.stderr).is_empty());
    std::fs::write(dir.join("clean.json"), &out.stdout).expect("write");

    let out = shopspec_in(&dir, &["check", "--replay", "clean.json"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("nothing to replay"),
        "{}",
        text(&out.stdout)
    );

    let out = shopspec_in(
        &dir,
        &[
            "check",
            "--api",
            "fecify",
            "--report-json",
            "-",
            "--junit",
            "-",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_replay_without_a_token_does_not_mention_a_file() {
    let dir = workdir("token");
    let report = serde_json::json!({
        "cases": [{"id": "fecify.create.example", "status": "failed"}],
        "targets": [{"api": "fecify", "base_url": "http://127.0.0.1:9/shop"}],
    });
    std::fs::write(dir.join("r.json"), report.to_string()).expect("write");
    let out = shopspec_in(&dir, &["check", "--replay", "r.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("needs a token"), "{stderr}");
    assert!(stderr.contains("--token-env"), "{stderr}");
    assert!(!stderr.contains("in the file"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}
