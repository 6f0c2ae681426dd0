//! A sandbox set up as `shopspec check` sets it up, and targets for it.

#![allow(dead_code, unreachable_pub)]

pub mod proxy;

use shopspec_conformance::{CaseFilter, Plan, StoreTarget};
use shopspec_model::Api;
use shopspec_model::myshopline::ApiVersion;
use shopspec_sandbox::Sandbox;

/// The main token (every API; standard plan on myshopline).
pub const TOKEN: &str = "conformance-test-main-token-5f1e";
/// A myshopline token on the unlimited plan, for the ordinary cases.
pub const UNLIMITED: &str = "conformance-test-unlimited-token-77ab";
/// A myshopline token on the standard plan, for the rate-limit case only.
pub const STANDARD: &str = "conformance-test-standard-token-9c0d";

/// Starts an in-memory sandbox with the three tokens.
pub async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .token(TOKEN)
        .extra_token(
            Api::Myshopline,
            UNLIMITED,
            shopspec_sandbox::Plan::Unlimited,
        )
        .extra_token(Api::Myshopline, STANDARD, shopspec_sandbox::Plan::Standard)
        .start()
        .await
        .expect("the sandbox starts")
}

/// One target per API (myshopline per supported version) at `base_url(api)`.
pub fn targets(
    base_url: impl Fn(Api) -> String,
    allow_writes: bool,
    only: &str,
) -> Vec<StoreTarget> {
    targets_with(base_url, allow_writes, only, false)
}

/// [`targets`], in strict mode or not.
pub fn targets_with(
    base_url: impl Fn(Api) -> String,
    allow_writes: bool,
    only: &str,
    strict: bool,
) -> Vec<StoreTarget> {
    let mut out = Vec::new();
    for api in Api::ALL {
        let versions: Vec<ApiVersion> = if api == Api::Myshopline {
            ApiVersion::SUPPORTED.to_vec()
        } else {
            vec![ApiVersion::LATEST_STABLE]
        };
        for version in versions {
            let mut b = StoreTarget::builder(api, base_url(api))
                .version(version)
                .allow_writes(allow_writes)
                .strict(strict)
                .only(CaseFilter::parse(only));
            b = if api == Api::Myshopline {
                b.token(UNLIMITED)
                    .plan(Plan::Unlimited)
                    .rate_limit_token(STANDARD, Plan::Standard)
            } else {
                b.token(TOKEN)
            };
            out.push(b.build().expect("valid target"));
        }
    }
    out
}
