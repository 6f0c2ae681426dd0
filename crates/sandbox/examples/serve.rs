//! Runs a sandbox until SIGINT/SIGTERM (or until killed) and prints its base URLs.
//!
//! ```text
//! cargo run -p shopspec-sandbox --example serve -- [--listen ADDR] [--db PATH] [--token T] [--no-rate-limit]
//! ```
//!
//! The first line on stdout is `listening http://ADDR`, so a parent process can
//! wait for it. Used by the `kill -9` durability test and `scripts/schemathesis`.

use std::io::Write;
use std::net::SocketAddr;

use shopspec_sandbox::{Api, Sandbox};

fn usage() -> ! {
    eprintln!("usage: serve [--listen ADDR] [--db PATH] [--token T] [--no-rate-limit]");
    std::process::exit(2);
}

#[tokio::main]
async fn main() {
    let mut builder = Sandbox::builder();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--listen" => {
                let addr: SocketAddr = args
                    .next()
                    .and_then(|a| a.parse().ok())
                    .unwrap_or_else(|| usage());
                builder = builder.listen(addr);
            }
            "--db" => builder = builder.db_path(args.next().unwrap_or_else(|| usage())),
            "--token" => builder = builder.token(args.next().unwrap_or_else(|| usage())),
            "--no-rate-limit" => builder = builder.rate_limit(false),
            _ => usage(),
        }
    }
    let sandbox = match builder.start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("serve: {e}");
            std::process::exit(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening http://{}", sandbox.local_addr());
    for api in Api::ALL {
        let _ = writeln!(out, "{api} {}", sandbox.base_url(api));
    }
    let _ = out.flush();
    drop(out);

    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .unwrap_or_else(|e| {
            eprintln!("serve: cannot listen for SIGTERM: {e}");
            std::process::exit(2);
        });
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    sandbox.shutdown().await;
}
