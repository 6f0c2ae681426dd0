//! Load test: concurrent Fecify creates (unique emails) against a sandbox on a
//! file-backed database, over loopback. Reports requests/s and latency
//! percentiles, and checks that every acknowledged customer is in the database.
//!
//! ```text
//! cargo run --release -p shopspec-sandbox --example load -- --requests 20000 --concurrency 64
//! ```
//!
//! `--memory` uses an in-memory database instead, to separate the cost of the
//! disk from the cost of HTTP and validation.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;
use shopspec_sandbox::{Api, Sandbox};

struct Options {
    requests: usize,
    concurrency: usize,
    memory: bool,
}

fn options() -> Options {
    let mut o = Options {
        requests: 20_000,
        concurrency: 64,
        memory: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--memory" {
            o.memory = true;
            continue;
        }
        let value = args.next().and_then(|v| v.parse::<usize>().ok());
        match (arg.as_str(), value) {
            ("--requests", Some(n)) if n > 0 => o.requests = n,
            ("--concurrency", Some(n)) if n > 0 => o.concurrency = n,
            _ => {
                eprintln!("usage: load [--requests N] [--concurrency N] [--memory]");
                std::process::exit(2);
            }
        }
    }
    o
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let o = options();
    // RUST_LOG=shopspec_sandbox::store=debug shows how many commits the writer made.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let dir = std::env::temp_dir().join(format!("shopspec-sandbox-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("load.db");
    let token = "load-token";
    let mut builder = Sandbox::builder().token(token);
    if !o.memory {
        builder = builder.db_path(&db);
    }
    let sandbox = builder.start().await?;
    let url = format!(
        "{}/api/skill/customer/create-customer",
        sandbox.base_url(Api::Fecify)
    );
    // reqwest's rustls (provider-less in this workspace) needs a default provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(o.concurrency)
        .build()?;

    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(o.concurrency);
    for _ in 0..o.concurrency {
        let (client, url, next) = (client.clone(), url.clone(), next.clone());
        let total = o.requests;
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let body = json!({"email": format!("load-{i}@example.com"), "first_name": "Load", "last_name": "Test"});
                let t = Instant::now();
                let ok = match client
                    .post(&url)
                    .header("skill-access-token", token)
                    .json(&body)
                    .send()
                    .await
                {
                    Ok(r) => r
                        .json::<serde_json::Value>()
                        .await
                        .is_ok_and(|b| b["code"] == 200),
                    Err(_) => false,
                };
                latencies.push(t.elapsed());
                if !ok {
                    failures += 1;
                }
            }
            (latencies, failures)
        }));
    }
    let mut latencies = Vec::with_capacity(o.requests);
    let mut failures = 0;
    for task in tasks {
        let (l, f) = task.await?;
        latencies.extend(l);
        failures += f;
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let stored = sandbox.customer_count(Api::Fecify).await?;
    sandbox.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);

    let rps = o.requests as f64 / elapsed.as_secs_f64();
    let storage = if o.memory {
        "in-memory db"
    } else {
        "file-backed db (WAL, synchronous=FULL)"
    };
    println!(
        "fecify create-customer, {storage}, {} requests, concurrency {}",
        o.requests, o.concurrency
    );
    println!("elapsed      {:.2} s", elapsed.as_secs_f64());
    println!("throughput   {rps:.0} requests/s");
    println!(
        "latency p50  {:.2} ms",
        percentile(&latencies, 50.0).as_secs_f64() * 1e3
    );
    println!(
        "latency p99  {:.2} ms",
        percentile(&latencies, 99.0).as_secs_f64() * 1e3
    );
    println!(
        "latency max  {:.2} ms",
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    println!("failures     {failures}");
    println!(
        "stored       {stored} (acknowledged {})",
        o.requests - failures
    );
    if failures > 0 || stored as usize != o.requests {
        std::process::exit(1);
    }
    Ok(())
}
