//! The crates outside the workspace under `examples/consumer/` depend on
//! shopspec-validate alone and on shopspec-client with its default features, as
//! a user's crate would. Their resolved features show what our crates force on
//! a dependent: serde_json's `preserve_order` must not come with the validator,
//! and the client must not pull in aws-lc-sys (cmake, NASM) nor tokio's
//! multi-thread runtime, signal handling or macros. (CI also builds both.)

use std::path::PathBuf;
use std::process::Command;

fn manifest(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/consumer")
        .join(name)
        .join("Cargo.toml")
}

/// `cargo tree` on a consumer, inverted on `package`, with feature edges.
/// `None` when the package is not in its graph at all.
fn inverted_features(consumer: &str, package: &str) -> Option<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--edges",
            "features",
            "--invert",
            package,
        ])
        .arg("--manifest-path")
        .arg(manifest(consumer))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("did not match any packages") {
        return None;
    }
    assert!(out.status.success(), "cargo tree failed:\n{stderr}");
    (!stdout.trim().is_empty()).then_some(stdout)
}

#[test]
fn a_consumer_of_the_validator_keeps_its_serde_json_features() {
    let tree = inverted_features("validate", "serde_json").expect("serde_json is used");
    assert!(tree.contains("shopspec-validate"), "{tree}");
    assert!(!tree.contains("preserve_order"), "{tree}");
}

#[test]
fn a_consumer_of_the_client_builds_without_aws_lc_or_a_forced_runtime() {
    assert_eq!(inverted_features("client", "aws-lc-sys"), None);
    assert_eq!(inverted_features("client", "aws-lc-rs"), None);
    let ring = inverted_features("client", "ring").expect("rustls runs on ring");
    assert!(
        ring.contains("shopspec-client feature \"tls-ring\""),
        "{ring}"
    );

    let tokio = inverted_features("client", "tokio").expect("tokio is used");
    assert!(tokio.contains("tokio feature \"time\""), "{tokio}");
    for forced in ["rt-multi-thread", "signal", "macros"] {
        assert!(
            !tokio.contains(&format!("tokio feature \"{forced}\"")),
            "tokio's {forced} is forced on the consumer:\n{tokio}"
        );
    }
    let serde_json = inverted_features("client", "serde_json").expect("serde_json is used");
    assert!(!serde_json.contains("preserve_order"), "{serde_json}");
}
