//! Every quote whose source has a local copy appears in that copy verbatim
//! (white space folded: the copies break lines where the pages wrap).
//!
//! The copies are the vendor pages the project started from and the research
//! digests that quote the rest. They live outside the repository, in
//! `../shared/` beside the checkout (or where `SHOPSPEC_SHARED` points); where
//! they are absent the test says so and checks nothing, unless
//! `SHOPSPEC_REQUIRE_SHARED` is set (as `.ci/run` does when the copies exist).

use std::path::{Path, PathBuf};

use shopspec_model::sources;
use shopspec_validate::{Target, catalogue};

/// Where each source's text is kept locally, by the source without its `#...`.
fn local_copy(source: &str) -> Option<&'static str> {
    let page = source.split('#').next().unwrap_or(source);
    Some(match page {
        s if s == sources::FECIFY_CREATE => "seeds/fecify-create-customer.txt",
        s if s == sources::FECIFY_UPDATE => "seeds/fecify-update-customer.txt",
        s if s == sources::SHOPLINE_SEED => "seeds/shopline-open-api-create-customer.txt",
        s if s == sources::MYSHOPLINE_SEED => {
            "seeds/myshopline-admin-update-customer-v20220901.txt"
        }
        // The digest quotes the guides; of the update reference it keeps too
        // little to count as a copy.
        s if s == sources::SHOPLINE_CREATE
            || s == sources::SHOPLINE_UPDATE
            || s.starts_with("https://open-api.docs.shoplineapp.com/v2.82.16/") =>
        {
            "reference/shopline-open-api.md"
        }
        s if s == sources::MYSHOPLINE_CREATE => "reference/myshopline-admin-api.md",
        _ => return None,
    })
}

fn shared_dir() -> PathBuf {
    match std::env::var_os("SHOPSPEC_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

/// White space folded to single spaces.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_quote_with_a_local_copy_is_verbatim() {
    let dir = shared_dir();
    if !dir.join("seeds").is_dir() {
        assert!(
            std::env::var_os("SHOPSPEC_REQUIRE_SHARED").is_none(),
            "SHOPSPEC_REQUIRE_SHARED is set but {} has no seeds/",
            dir.display()
        );
        eprintln!(
            "no local copies at {}: quotes not checked (set SHOPSPEC_SHARED)",
            dir.display()
        );
        return;
    }
    let mut checked = 0;
    let mut missing = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for target in Target::all() {
        for entry in catalogue(target) {
            let ev = entry.evidence;
            let Some(copy) = local_copy(ev.source) else {
                continue;
            };
            if !seen.insert((copy, ev.quote)) {
                continue;
            }
            let path = dir.join(copy);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            checked += 1;
            if !fold(&text).contains(&fold(ev.quote)) {
                missing.push(format!(
                    "{target} {} {}: {:?} is not in {copy}",
                    entry.pointer, entry.rule, ev.quote
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // Every local copy is quoted by some rule.
    assert!(checked >= 40, "only {checked} quotes have a local copy");
    eprintln!("{checked} quotes checked against the local copies");
}
