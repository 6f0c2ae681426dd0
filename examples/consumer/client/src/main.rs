//! Builds a Fecify client with shopspec-client's default features (rustls on
//! ring), on a current-thread runtime, as a dependent crate would.

use shopspec_client::fecify;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let client = fecify::Client::builder()
            .base_url("https://shop.example.com")
            .token("skill-access-token")
            .build()
            .expect("valid settings");
        println!("{client:?}");
    });
}
