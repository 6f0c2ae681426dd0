//! What the CLI's tests share: the built binary, fresh directories, JSON
//! files, and a sandbox run as its own process. Everything stays on loopback.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

/// The built `shopspec` binary, colour off.
pub(crate) fn shopspec() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shopspec"));
    command.env("NO_COLOR", "1");
    command
}

/// Runs `shopspec <args>` in `dir` with `token` in the variable `token_var`.
pub(crate) fn shopspec_in_dir(dir: &Path, token_var: &str, token: &str, args: &[&str]) -> Output {
    shopspec()
        .args(args)
        .current_dir(dir)
        .env(token_var, token)
        .output()
        .expect("the binary runs")
}

/// Runs `command` with `stdin` piped in and its output captured.
pub(crate) fn output_with_stdin(command: &mut Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let written = child.stdin.take().expect("stdin").write_all(stdin);
    // A usage error may end the process before it reads its input.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().expect("it finishes")
}

/// Runs `run(dir, args)` on a blocking thread: the binary must not block the
/// runtime that serves an in-process sandbox.
pub(crate) async fn off_runtime(
    run: fn(&Path, &[&str]) -> Output,
    dir: &Path,
    args: &[&str],
) -> Output {
    let dir = dir.to_owned();
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&dir, &args)
    })
    .await
    .expect("the command finishes")
}

/// Bytes as text, for assertions and failure messages.
pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh directory in the temp dir, unique to this test process, the test
/// module (`area`) and `name`.
pub(crate) fn workdir(area: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shopspec-{area}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A JSON file, parsed.
pub(crate) fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("JSON")
}

/// A sandbox run as its own process (`shopspec sandbox`), killed on drop.
pub(crate) struct SandboxProcess {
    child: Child,
    urls: Vec<(String, String)>,
}

impl SandboxProcess {
    /// Starts `shopspec sandbox --listen 127.0.0.1:0 --token <token> <extra>`
    /// and reads the base URL it prints for each API.
    pub(crate) fn start(token: &str, extra: &[&str]) -> SandboxProcess {
        let mut child = shopspec()
            .args(["sandbox", "--listen", "127.0.0.1:0", "--token", token])
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sandbox starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let mut urls = Vec::new();
        for line in lines.by_ref() {
            let mut words = line.split_whitespace();
            if let (Some(api), Some(url)) = (words.next(), words.next())
                && ["fecify", "shopline", "myshopline"].contains(&api)
            {
                urls.push((api.to_owned(), url.to_owned()));
            }
            if line.starts_with("rate limit") {
                break;
            }
        }
        // Keep reading: a closed pipe would end the sandbox at its next line.
        std::thread::spawn(move || lines.for_each(drop));
        assert_eq!(urls.len(), 3, "the sandbox printed its base URLs");
        SandboxProcess { child, urls }
    }

    /// The base URL of `api` (`fecify`, `shopline` or `myshopline`).
    pub(crate) fn url(&self, api: &str) -> String {
        self.urls
            .iter()
            .find(|(a, _)| a == api)
            .expect("an API")
            .1
            .clone()
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
