//! Starts a local sandbox store and creates and updates a customer through each
//! of the three clients.
//!
//! ```text
//! cargo run -p shopspec-client --example quickstart
//! ```

use shopspec_client::{Api, Error, Outcome, Patch, RateLimiter, fecify, myshopline, shopline};
use shopspec_sandbox::Sandbox;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = "quickstart-token";
    let sandbox = Sandbox::builder()
        .listen("127.0.0.1:0".parse()?)
        .token(token)
        .start()
        .await?;

    // Fecify: the site URL carries a sub-path; failures are HTTP 200 with a `code`.
    let fecify = fecify::Client::builder()
        .base_url(sandbox.base_url(Api::Fecify))
        .token(token)
        .build()?;
    let created = fecify
        .create_customer(&fecify::CreateCustomerRequest::new(
            "li@example.com",
            "yunlong",
            "li",
        ))
        .await?;
    let mut update = fecify::UpdateCustomerRequest::new(created.value().id);
    update.note = Patch::Value("VIP".into());
    let updated = fecify.update_customer(&update).await?;
    println!(
        "fecify: customer {} note={:?} ({} attempt(s), {:?})",
        updated.value().id,
        updated.value().note,
        updated.attempts(),
        updated.elapsed()
    );

    // The same email again: the store refuses it, and the error says so.
    match fecify
        .create_customer(&fecify::CreateCustomerRequest::new(
            "li@example.com",
            "yunlong",
            "li",
        ))
        .await
    {
        Err(Error::Api(e)) => println!(
            "fecify: duplicate refused with code {:?}: {:?} ({})",
            e.code, e.message, e.outcome
        ),
        other => println!("fecify: unexpected {other:?}"),
    }

    // SHOPLINE Open API: bearer token and a User-Agent.
    let shopline = shopline::Client::builder()
        .base_url(sandbox.base_url(Api::Shopline))
        .token(token)
        .user_agent("quickstart")
        .build()?;
    let created = shopline
        .create_customer(&shopline::CreateCustomerRequest {
            name: Patch::Value("Li Yunlong".into()),
            email: Some("li@example.com".into()),
            ..Default::default()
        })
        .await?;
    let id = created.value().id.clone();
    let updated = shopline
        .update_customer(
            &id,
            &shopline::UpdateCustomerRequest {
                memo: Patch::Value("VIP".into()),
                ..Default::default()
            },
        )
        .await?;
    println!(
        "shopline: customer {id} name={:?} memo={:?}",
        updated.value().name,
        updated.value().memo
    );

    // SHOPLINE Admin REST API: versioned paths, wrapped bodies, traceId, paced.
    let myshopline = myshopline::Client::builder()
        .base_url(sandbox.base_url(Api::Myshopline))
        .version(myshopline::ApiVersion::V20260301)
        .token(token)
        .rate_limiter(RateLimiter::myshopline_default())
        .build()?;
    let created = myshopline
        .create_customer(
            &myshopline::CustomerCreateInput {
                email: Some("li@example.com".into()),
                first_name: Some("yunlong".into()),
                ..Default::default()
            }
            .into(),
        )
        .await?;
    let id = created.value().id.clone();
    let update = myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput {
        note: Patch::Value("VIP".into()),
        ..Default::default()
    });
    match myshopline.update_customer(&id, &update).await {
        Ok(updated) => println!(
            "myshopline: customer {id} note={:?} (traceId {:?})",
            updated.value().note,
            updated.trace_id()
        ),
        Err(e) if e.outcome() == Outcome::Unknown => println!("myshopline: check the store: {e}"),
        Err(e) => return Err(e.into()),
    }

    // A request that breaks a documented rule never leaves the machine.
    let too_long = myshopline::UpdateCustomerRequest::from(myshopline::CustomerUpdateInput {
        first_name: Patch::Value("x".repeat(200)),
        ..Default::default()
    });
    if let Err(Error::Validation(report)) = myshopline.update_customer(&id, &too_long).await {
        for violation in &report.errors {
            println!("myshopline: refused before sending: {violation}");
        }
    }

    sandbox.shutdown().await;
    Ok(())
}
