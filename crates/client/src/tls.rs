//! The rustls crypto provider chosen by the crate's features.

/// Installs the crypto provider of the enabled TLS feature (`tls-aws-lc`, else
/// `tls-ring`) as the process's default rustls provider, unless a provider is
/// installed already; returns whether a default provider is in place.
///
/// Every client builder calls it, so a caller needs it only to build its own
/// `reqwest::Client` (reqwest's provider-less rustls backend panics without a
/// default provider). With neither feature on it installs nothing.
///
/// # Examples
///
/// ```
/// assert!(shopspec_client::install_tls_provider());
/// let http = reqwest::Client::builder().build().expect("TLS is configured");
/// # drop(http);
/// ```
pub fn install_tls_provider() -> bool {
    use rustls::crypto::CryptoProvider;
    if CryptoProvider::get_default().is_some() {
        return true;
    }
    #[cfg(feature = "tls-aws-lc")]
    let provider = Some(rustls::crypto::aws_lc_rs::default_provider());
    #[cfg(all(feature = "tls-ring", not(feature = "tls-aws-lc")))]
    let provider = Some(rustls::crypto::ring::default_provider());
    #[cfg(not(any(feature = "tls-ring", feature = "tls-aws-lc")))]
    let provider: Option<CryptoProvider> = None;
    if let Some(provider) = provider {
        // Another thread may have installed one in between: either is fine.
        let _ = provider.install_default();
    }
    CryptoProvider::get_default().is_some()
}
