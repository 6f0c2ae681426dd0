//! HTTPS goes through rustls: OpenSSL must not be anywhere in the dependency tree.

use std::process::{Command, Output};

fn inverted_tree(package: &str) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--package",
            "shopspec-client",
            "--edges",
            "all",
            "--invert",
            package,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs")
}

#[test]
fn rustls_is_in_the_tree_and_openssl_is_not() {
    // The check sees our tree: rustls is found, on the path to this crate.
    let rustls = inverted_tree("rustls");
    let stdout = String::from_utf8_lossy(&rustls.stdout);
    assert!(
        rustls.status.success(),
        "{}",
        String::from_utf8_lossy(&rustls.stderr)
    );
    assert!(stdout.contains("shopspec-client"), "{stdout}");

    let openssl = inverted_tree("openssl-sys");
    let stdout = String::from_utf8_lossy(&openssl.stdout);
    let stderr = String::from_utf8_lossy(&openssl.stderr);
    // `cargo tree -i` fails when the package is not in the graph at all, and
    // prints nothing when it is in the lock file but not in our tree.
    let absent = stderr.contains("did not match any packages")
        || (openssl.status.success() && !stdout.contains("openssl-sys"));
    assert!(absent, "openssl-sys is in the tree:\n{stdout}\n{stderr}");
}
