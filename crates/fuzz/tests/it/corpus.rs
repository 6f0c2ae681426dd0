//! Every input the fuzzer saved under `corpus/` (each one found a panic or a
//! broken contract once) now passes its entry point's checks.

use shopspec_fuzz::{Entry, Harness, corpus};

#[test]
fn every_saved_input_passes_its_checks() {
    let mut harness = Harness::new();
    let mut replayed = 0;
    let mut failures = Vec::new();
    for entry in Entry::ALL {
        let inputs = corpus::load(&corpus::dir(), entry).expect("the corpus is readable");
        for (path, input) in inputs {
            replayed += 1;
            if let Err(finding) = harness.check(entry, &input) {
                failures.push(format!("{}: {finding}", path.display()));
            }
        }
    }
    assert!(replayed > 0, "the corpus is empty");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn saving_is_idempotent_and_loading_finds_the_input() {
    let root = std::env::temp_dir().join(format!("shopspec-fuzz-corpus-{}", std::process::id()));
    let first = corpus::save(&root, Entry::Validate, b"\x00{}").expect("saved");
    let second = corpus::save(&root, Entry::Validate, b"\x00{}").expect("saved");
    assert_eq!(first, second);
    let loaded = corpus::load(&root, Entry::Validate).expect("loaded");
    assert_eq!(loaded, vec![(first, b"\x00{}".to_vec())]);
    assert!(
        corpus::load(&root, Entry::Junit)
            .expect("loaded")
            .is_empty()
    );
    let _ = std::fs::remove_dir_all(root);
}
