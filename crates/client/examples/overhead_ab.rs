//! Interleaved A/B load run: bare `reqwest` vs the client (validation on and
//! off), one round of each per iteration, so machine load hits all three alike.
//! Prints medians and the client/bare ratios.
//!
//! ```text
//! cargo run --release -p shopspec-client --example overhead_ab -- 3000
//! ```

use std::time::{Duration, Instant};

use shopspec_client::{Api, shopline};
use shopspec_sandbox::Sandbox;

const TOKEN: &str = "ab-token";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args().nth(1).map_or(Ok(2000), |n| n.parse())?;
    let sandbox = Sandbox::builder()
        .token(TOKEN)
        .rate_limit(false)
        .start()
        .await?;
    let origin = sandbox.base_url(Api::Shopline);
    let url = format!("{origin}/v1/customers");
    shopspec_client::install_tls_provider();
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let build = |validate| {
        shopline::Client::builder()
            .base_url(&origin)
            .token(TOKEN)
            .validate(validate)
            .build()
    };
    let (checked, unchecked) = (build(true)?, build(false)?);
    let request = |i: usize, tag: &str| shopline::CreateCustomerRequest {
        email: Some(format!("{tag}{i}@example.com")),
        name: "Li Yunlong".to_owned().into(),
        ..Default::default()
    };

    let (mut t_bare, mut t_checked, mut t_unchecked) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..rounds {
        let start = Instant::now();
        let answer: shopline::Customer = bare
            .post(&url)
            .bearer_auth(TOKEN)
            .header("user-agent", "ab")
            .json(&request(i, "bare"))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        t_bare.push(start.elapsed());
        std::hint::black_box(answer);

        let start = Instant::now();
        std::hint::black_box(checked.create_customer(&request(i, "checked")).await?);
        t_checked.push(start.elapsed());

        let start = Instant::now();
        std::hint::black_box(unchecked.create_customer(&request(i, "unchecked")).await?);
        t_unchecked.push(start.elapsed());
    }
    let (bare, checked, unchecked) = (median(t_bare), median(t_checked), median(t_unchecked));
    println!("rounds: {rounds}");
    println!("bare reqwest:             {bare:?}");
    println!(
        "client (validation on):   {checked:?}  ratio {:.3}",
        checked.as_secs_f64() / bare.as_secs_f64()
    );
    println!(
        "client (validation off):  {unchecked:?}  ratio {:.3}",
        unchecked.as_secs_f64() / bare.as_secs_f64()
    );
    sandbox.shutdown().await;
    Ok(())
}
