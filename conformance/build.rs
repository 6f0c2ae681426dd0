//! Embeds every documented example under `spec/<api>/examples/` (including
//! `nonconforming/` sub-folders) so that a new example is picked up without a code change.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let spec = manifest.join("../spec");
    println!("cargo:rerun-if-changed={}", spec.display());
    let mut files = Vec::new();
    for api in ["fecify", "shopline", "myshopline"] {
        let dir = spec.join(api).join("examples");
        println!("cargo:rerun-if-changed={}", dir.display());
        collect(&dir, &dir, &mut files);
    }
    files.sort();
    let mut out = String::from(
        "/// Every documented example: (api, path below `examples/`, contents).\n\
         pub(crate) static EXAMPLE_FILES: &[(&str, &str, &str)] = &[\n",
    );
    for (api, rel) in &files {
        let _ = writeln!(
            out,
            "    ({api:?}, {rel:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../spec/{api}/examples/{rel}\"))),"
        );
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    if let Err(e) = fs::write(out_dir.join("examples.rs"), out) {
        panic!("cannot write the example index: {e}");
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let api = root
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rel = path
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            out.push((api, rel));
        }
    }
}
