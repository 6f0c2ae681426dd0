//! `shopspec sandbox`: run the local store that serves the three APIs as
//! documented, until SIGINT or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use shopspec_sandbox::{Api, ApiVersion, FaultConfig, FaultRule, Operation, Sandbox, StatusCode};

/// Arguments of `shopspec sandbox`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Prints each API's base URL and the token, then logs one line per \
request to standard error (RUST_LOG sets the level). Exit status: 0 after a graceful \
shutdown on SIGINT/SIGTERM, 2 when the address cannot be bound or the database cannot be \
opened."
)]
pub(crate) struct Args {
    /// Address to listen on, HOST:PORT (an IP address or a host name such as
    /// localhost, which is resolved); port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080", value_parser = parse_listen)]
    listen: SocketAddr,

    /// SQLite file that keeps customers across restarts (default: in memory).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,

    /// The token every API accepts. Default: a random token, printed at startup.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "SHOPSPEC_SANDBOX_TOKEN",
        hide_env_values = true
    )]
    token: Option<String>,

    /// Do not simulate the myshopline rate limit (4 requests/s, bucket 40).
    #[arg(long)]
    no_rate_limit: bool,

    /// The shop_id Fecify answers.
    #[arg(long, value_name = "ID", default_value_t = shopspec_sandbox::DEFAULT_SHOP_ID)]
    shop_id: i64,

    /// Delay every request by this many milliseconds.
    #[arg(long, value_name = "MS")]
    latency_ms: Option<u64>,

    /// Answer STATUS for a fraction RATE (0 to 1) of the requests of OP, in the
    /// vendor's error shape. OP is create-customer or update-customer, optionally
    /// prefixed with an API: myshopline.create-customer. Repeatable.
    #[arg(long = "fail", value_name = "[API.]OP:STATUS:RATE", value_parser = parse_fail)]
    fail: Vec<FailSpec>,
}

/// One `--fail` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FailSpec {
    api: Option<Api>,
    op: Operation,
    status: StatusCode,
    rate: f64,
}

/// `HOST:PORT`: an IP address as is, a host name resolved (its first address).
fn parse_listen(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if text
        .rsplit_once(':')
        .is_none_or(|(host, port)| host.is_empty() || port.parse::<u16>().is_err())
    {
        return Err(format!(
            "expected HOST:PORT (such as 127.0.0.1:8080 or localhost:8080), got `{text}`"
        ));
    }
    match std::net::ToSocketAddrs::to_socket_addrs(text) {
        Ok(mut addrs) => addrs
            .next()
            .ok_or_else(|| format!("`{text}` resolves to no address")),
        Err(e) => Err(format!("cannot resolve `{text}`: {e}")),
    }
}

fn parse_fail(text: &str) -> Result<FailSpec, String> {
    let mut parts = text.split(':');
    let (Some(target), Some(status), Some(rate), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("expected [API.]OP:STATUS:RATE, got `{text}`"));
    };
    let (api, op) = match target.split_once('.') {
        Some((api, op)) => (Some(Api::from_str(api).map_err(|e| e.to_string())?), op),
        None => (None, target),
    };
    let op = Operation::from_str(op).map_err(|e| e.to_string())?;
    let status = status
        .parse::<u16>()
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .filter(|s| s.is_client_error() || s.is_server_error())
        .ok_or_else(|| format!("`{status}` is not an HTTP error status (400-599)"))?;
    let rate = rate
        .parse::<f64>()
        .ok()
        .filter(|r| (0.0..=1.0).contains(r))
        .ok_or_else(|| format!("`{rate}` is not a rate between 0 and 1"))?;
    Ok(FailSpec {
        api,
        op,
        status,
        rate,
    })
}

fn faults(args: &Args) -> FaultConfig {
    let mut config = FaultConfig::default();
    if let Some(ms) = args.latency_ms {
        config = config.latency(Duration::from_millis(ms));
    }
    for spec in &args.fail {
        let mut rule = FaultRule::status(spec.status)
            .operation(spec.op)
            .rate(spec.rate);
        if let Some(api) = spec.api {
            rule = rule.api(api);
        }
        config = config.rule(rule);
    }
    config
}

/// Runs `shopspec sandbox` and returns the process exit code.
pub(crate) fn run(args: Args) -> u8 {
    // Colour only on a terminal and never with NO_COLOR: anstream decides as for `check`.
    let ansi = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("shopspec sandbox: cannot start the async runtime: {e}");
            return crate::EXIT_USAGE;
        }
    };
    runtime.block_on(serve(args))
}

async fn serve(args: Args) -> u8 {
    let mut builder = Sandbox::builder()
        .listen(args.listen)
        .rate_limit(!args.no_rate_limit)
        .shop_id(args.shop_id)
        .faults(faults(&args));
    if let Some(token) = &args.token {
        builder = builder.token(token);
    }
    if let Some(db) = &args.db {
        builder = builder.db_path(db);
    }
    let sandbox = match builder.start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("shopspec sandbox: {e}");
            return crate::EXIT_USAGE;
        }
    };
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("shopspec sandbox: cannot listen for SIGTERM: {e}");
            sandbox.shutdown().await;
            return crate::EXIT_USAGE;
        }
    };

    // Printing the token here is how the user learns a generated one; it is
    // never logged per request.
    let versions: Vec<String> = ApiVersion::SUPPORTED
        .iter()
        .map(|v| v.to_string())
        .collect();
    println!(
        "shopspec sandbox listening on http://{}",
        sandbox.local_addr()
    );
    println!("token       {}", sandbox.token(Api::Fecify));
    println!(
        "fecify      {}  (POST .../api/skill/customer/create-customer, header skill-access-token)",
        sandbox.base_url(Api::Fecify)
    );
    println!(
        "shopline    {}  (POST /v1/customers, Authorization: Bearer, User-Agent)",
        sandbox.base_url(Api::Shopline)
    );
    println!(
        "myshopline  {}  (POST /admin/openapi/{{version}}/customers.json, versions {}, Authorization: Bearer)",
        sandbox.base_url(Api::Myshopline),
        versions.join(", ")
    );
    if args.no_rate_limit {
        println!("rate limit  off");
    } else {
        println!("rate limit  myshopline 4 requests/s, bucket 40 (--no-rate-limit to turn off)");
    }

    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    eprintln!("shopspec sandbox: shutting down");
    // Taken after shutdown: requests still in flight at the signal are counted.
    let stats = sandbox.shutdown().await;
    eprintln!(
        "shopspec sandbox: {} requests; customers created: fecify {}, shopline {}, myshopline {}",
        stats.total_requests(),
        stats.customers_created(Api::Fecify),
        stats.customers_created(Api::Shopline),
        stats.customers_created(Api::Myshopline)
    );
    crate::EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_specs() {
        assert_eq!(
            parse_fail("myshopline.create-customer:503:0.5"),
            Ok(FailSpec {
                api: Some(Api::Myshopline),
                op: Operation::CreateCustomer,
                status: StatusCode::SERVICE_UNAVAILABLE,
                rate: 0.5
            })
        );
        assert_eq!(
            parse_fail("update:429:1").map(|s| (s.api, s.op)),
            Ok((None, Operation::UpdateCustomer))
        );
        for bad in [
            "create:200:1",
            "create:503:2",
            "create:503",
            "nowhere.create:503:1",
            "delete:503:1",
            "create:abc:1",
            "create:503:0.5:9",
        ] {
            assert!(parse_fail(bad).is_err(), "{bad}");
        }
    }
}
