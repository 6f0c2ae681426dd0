//! The crate's layering, checked from the sources: the top-level modules of
//! this crate and of `shopspec-client` form no cycle, cases and runs name no
//! report writer, and the report depends only on the run's data.
//!
//! A module depends on another when its code names an item of it through
//! `crate::`, `$crate::` or `super::` (directly, in a `use` tree, or through a
//! name the crate root or another module re-exports). Comments, string
//! literals and `#[cfg(test)]` items are left out, and the crate root only
//! re-exports: its own code is no node of the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The modules that turn a finished run into output.
const WRITERS: &[&str] = &["html", "junit", "curl", "baseline", "mask"];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

/// The tokens of `src` without comments and literals, lexed by proc-macro2
/// (the lexer the compiler's proc macros use): groups are flattened into their
/// delimiters, `::` is one token, `$crate` is `crate`, and a lifetime's name is
/// dropped with its quote.
fn tokens(src: &str) -> Vec<Tok> {
    let stream: proc_macro2::TokenStream = src
        .parse()
        .unwrap_or_else(|e| panic!("a source file does not lex: {e:?}"));
    let mut out = Vec::new();
    flatten(stream, &mut out);
    out
}

fn flatten(stream: proc_macro2::TokenStream, out: &mut Vec<Tok>) {
    use proc_macro2::{Delimiter, Spacing, TokenTree};
    let mut lifetime = false;
    let mut joint_colon = false;
    for tree in stream {
        let after_joint_colon = std::mem::take(&mut joint_colon);
        match tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => (Some('('), Some(')')),
                    Delimiter::Brace => (Some('{'), Some('}')),
                    Delimiter::Bracket => (Some('['), Some(']')),
                    Delimiter::None => (None, None),
                };
                out.extend(open.map(Tok::Punct));
                flatten(group.stream(), out);
                out.extend(close.map(Tok::Punct));
            }
            TokenTree::Ident(ident) => {
                if !std::mem::take(&mut lifetime) {
                    out.push(Tok::Ident(ident.to_string()));
                }
            }
            TokenTree::Punct(punct) => {
                let c = punct.as_char();
                let joint = punct.spacing() == Spacing::Joint;
                lifetime = c == '\'' && joint;
                if c == ':' && after_joint_colon {
                    out.pop();
                    out.push(Tok::Path);
                } else if c == ':' {
                    joint_colon = joint;
                    out.push(Tok::Punct(c));
                } else if c == '$' {
                    // `$crate` reads as `crate`; `$name` of a macro as `name`.
                } else {
                    out.push(Tok::Punct(c));
                }
            }
            TokenTree::Literal(_) => {}
        }
    }
}

fn is_punct(t: Option<&Tok>, c: char) -> bool {
    t == Some(&Tok::Punct(c))
}

fn ident(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(w)) => Some(w),
        _ => None,
    }
}

/// `toks` without `#[cfg(test)]` items (the attribute and the item after it,
/// up to its `;` or the end of its `{ .. }` block).
fn without_test_items(toks: &[Tok]) -> Vec<Tok> {
    let cfg_test = [
        Tok::Punct('#'),
        Tok::Punct('['),
        Tok::Ident("cfg".to_owned()),
        Tok::Punct('('),
        Tok::Ident("test".to_owned()),
        Tok::Punct(')'),
        Tok::Punct(']'),
    ];
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i..].starts_with(&cfg_test) {
            i += cfg_test.len();
            let mut depth = 0i32;
            while i < toks.len() {
                match &toks[i] {
                    Tok::Punct('(' | '[') => depth += 1,
                    Tok::Punct(')' | ']') => depth -= 1,
                    Tok::Punct(';') if depth == 0 => {
                        i += 1;
                        break;
                    }
                    Tok::Punct('{') if depth == 0 => {
                        let mut braces = 0;
                        while i < toks.len() {
                            match toks[i] {
                                Tok::Punct('{') => braces += 1,
                                Tok::Punct('}') => braces -= 1,
                                _ => {}
                            }
                            i += 1;
                            if braces == 0 {
                                break;
                            }
                        }
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
        } else {
            out.push(toks[i].clone());
            i += 1;
        }
    }
    out
}

/// The leaves of the `use` tree starting at `toks[*i]` (just after `use`),
/// each as (the name it brings into scope, its path); `*i` ends on the `,`,
/// `}` or `;` after the tree.
fn use_tree(toks: &[Tok], i: &mut usize, prefix: &[String], out: &mut Vec<(String, Vec<String>)>) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*i) {
            Some(Tok::Ident(w)) if w == "as" => {
                let alias = ident(toks.get(*i + 1)).unwrap_or("_").to_owned();
                *i += 2;
                out.push((alias, path));
                return;
            }
            Some(Tok::Ident(w)) => {
                path.push(w.clone());
                *i += 1;
            }
            Some(Tok::Path) => *i += 1,
            Some(Tok::Punct('{')) => {
                *i += 1;
                while *i < toks.len() && !is_punct(toks.get(*i), '}') {
                    let at = *i;
                    use_tree(toks, i, &path, out);
                    if is_punct(toks.get(*i), ',') || *i == at {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            // A glob brings no name we can follow.
            Some(Tok::Punct('*')) => {
                *i += 1;
                return;
            }
            _ => {
                // `self` in a group names the group's module.
                if path.last().map(String::as_str) == Some("self") {
                    path.pop();
                }
                if let Some(name) = path.last().cloned() {
                    out.push((name, path));
                }
                return;
            }
        }
    }
}

/// One source file: its module path, submodules, `use` imports and the paths
/// its code names (each relative to the file's module, as written).
#[derive(Debug, Default)]
struct ModFile {
    path: Vec<String>,
    submodules: BTreeSet<String>,
    imports: Vec<(String, Vec<String>)>,
    named: Vec<Vec<String>>,
}

fn parse(path: Vec<String>, src: &str) -> ModFile {
    let toks = without_test_items(&tokens(src));
    let mut file = ModFile {
        path,
        ..ModFile::default()
    };
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => depth -= 1,
            Tok::Ident(w) if w == "mod" => {
                if let (Some(name), true) = (ident(toks.get(i + 1)), is_punct(toks.get(i + 2), ';'))
                {
                    file.submodules.insert(name.to_owned());
                }
            }
            Tok::Ident(w) if w == "use" => {
                i += 1;
                let mut leaves = Vec::new();
                use_tree(&toks, &mut i, &[], &mut leaves);
                for (_, p) in &leaves {
                    file.named.push(p.clone());
                }
                if depth == 0 {
                    file.imports.extend(leaves);
                }
                continue;
            }
            Tok::Ident(w)
                if (w == "crate" || w == "super") && matches!(toks.get(i + 1), Some(Tok::Path)) =>
            {
                let mut p = vec![w.clone()];
                let mut j = i + 1;
                while matches!(toks.get(j), Some(Tok::Path)) {
                    match ident(toks.get(j + 1)) {
                        Some(seg) => p.push(seg.to_owned()),
                        None => break,
                    }
                    j += 2;
                }
                file.named.push(p);
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    file
}

/// A path as written, and the module that holds the item it names.
type Named = (String, Vec<String>);

/// The module graph of one crate.
struct Crate {
    files: Vec<ModFile>,
}

impl Crate {
    /// Reads every `.rs` file below `src`.
    fn read(src: &Path) -> Crate {
        let mut sources = Vec::new();
        let mut dirs = vec![src.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("a readable source directory") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let rel = path.strip_prefix(src).expect("below src");
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    let text = std::fs::read_to_string(&path).expect("a readable source file");
                    sources.push((rel, text));
                }
            }
        }
        Crate::from_sources(&sources)
    }

    /// The crate made of these files (paths relative to `src`, `/`-separated).
    fn from_sources(sources: &[(String, String)]) -> Crate {
        let files = sources
            .iter()
            .map(|(rel, text)| {
                let stem = rel.trim_end_matches(".rs");
                let mut path: Vec<String> = stem.split('/').map(str::to_owned).collect();
                if matches!(
                    path.last().map(String::as_str),
                    Some("lib" | "main" | "mod")
                ) {
                    path.pop();
                }
                parse(path, text)
            })
            .collect();
        Crate { files }
    }

    fn file(&self, module: &[String]) -> Option<&ModFile> {
        self.files.iter().find(|f| f.path == module)
    }

    /// `path`, named in `module`, as an absolute path; `None` for a path
    /// outside the crate.
    fn absolute(&self, module: &[String], path: &[String]) -> Option<Vec<String>> {
        let mut abs = module.to_vec();
        let mut rest = path;
        match path.first().map(String::as_str) {
            Some("crate") => {
                abs.clear();
                rest = &path[1..];
            }
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    abs.pop();
                    rest = &rest[1..];
                }
            }
            Some("self") => rest = &path[1..],
            Some(first)
                if self
                    .file(module)
                    .is_some_and(|f| f.submodules.contains(first)) => {}
            _ => return None,
        }
        abs.extend(rest.iter().cloned());
        Some(abs)
    }

    /// The module that holds the item an absolute path names, following
    /// submodules and imports (re-exports).
    fn holder(&self, abs: &[String], hops: usize) -> Vec<String> {
        let mut module: Vec<String> = Vec::new();
        for (k, seg) in abs.iter().enumerate() {
            let Some(file) = self.file(&module) else {
                return module;
            };
            if file.submodules.contains(seg) {
                module.push(seg.clone());
                continue;
            }
            if hops < 16
                && let Some((_, target)) = file.imports.iter().find(|(name, _)| name == seg)
                && let Some(mut target) = self.absolute(&module, target)
            {
                target.extend(abs[k + 1..].iter().cloned());
                return self.holder(&target, hops + 1);
            }
            return module;
        }
        module
    }

    /// For each file outside the crate root: each path it names (as written)
    /// with the module that holds the item.
    fn uses(&self) -> Vec<(&ModFile, Vec<Named>)> {
        self.files
            .iter()
            .filter(|f| !f.path.is_empty())
            .map(|f| {
                let held = f
                    .named
                    .iter()
                    .filter_map(|p| {
                        Some((p.join("::"), self.holder(&self.absolute(&f.path, p)?, 0)))
                    })
                    .filter(|(_, m)| !m.is_empty())
                    .collect();
                (f, held)
            })
            .collect()
    }

    /// Edges between top-level modules, each with the file that makes it.
    fn edges(&self) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (file, held) in self.uses() {
            let from = &file.path[0];
            edges.entry(from.clone()).or_default();
            for (written, m) in held {
                if &m[0] != from {
                    edges
                        .entry(from.clone())
                        .or_default()
                        .entry(m[0].clone())
                        .or_insert_with(|| format!("{} names {written}", file.path.join("::")));
                }
            }
        }
        edges
    }

    /// Every cycle through the graph's strongly connected components, one per
    /// component, written `a -> b -> a` with the reason for each edge.
    fn cycles(&self) -> Vec<String> {
        let edges = self.edges();
        let reaches = |from: &String| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![from.clone()];
            while let Some(n) = todo.pop() {
                for m in edges.get(&n).into_iter().flat_map(BTreeMap::keys) {
                    if seen.insert(m.clone()) {
                        todo.push(m.clone());
                    }
                }
            }
            seen
        };
        let mut reported: BTreeSet<String> = BTreeSet::new();
        let mut cycles = Vec::new();
        for start in edges.keys() {
            if reported.contains(start) || !reaches(start).contains(start) {
                continue;
            }
            // A shortest way back to `start`, breadth first.
            let mut back: BTreeMap<String, String> = BTreeMap::new();
            let mut queue = std::collections::VecDeque::from([start.clone()]);
            'search: while let Some(n) = queue.pop_front() {
                for m in edges.get(&n).into_iter().flat_map(BTreeMap::keys) {
                    if m == start {
                        back.insert(format!("{m}!"), n.clone());
                        break 'search;
                    }
                    if !back.contains_key(m) {
                        back.insert(m.clone(), n.clone());
                        queue.push_back(m.clone());
                    }
                }
            }
            let mut path = vec![start.clone()];
            let mut at = back[&format!("{start}!")].clone();
            while &at != start {
                path.push(at.clone());
                at = back[&at].clone();
            }
            path.push(start.clone());
            path.reverse();
            let why: Vec<String> = path
                .windows(2)
                .map(|w| format!("  {} -> {}: {}", w[0], w[1], edges[&w[0]][&w[1]]))
                .collect();
            reported.extend(path.iter().cloned());
            cycles.push(format!("{}\n{}", path.join(" -> "), why.join("\n")));
        }
        cycles
    }

    /// What the files whose module path starts with one of `within` name in a
    /// module with one of the names `forbidden`, as `file names module`.
    fn naming(&self, within: &[&[&str]], forbidden: impl Fn(&[String]) -> bool) -> Vec<String> {
        self.uses()
            .into_iter()
            .filter(|(f, _)| {
                within.iter().any(|w| {
                    f.path
                        .iter()
                        .map(String::as_str)
                        .take(w.len())
                        .eq(w.iter().copied())
                })
            })
            .flat_map(|(f, held)| {
                held.into_iter()
                    .filter(|(_, m)| forbidden(m))
                    .map(move |(written, m)| {
                        format!(
                            "{} names {written} (in {})",
                            f.path.join("::"),
                            m.join("::")
                        )
                    })
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}

fn this_crate() -> Crate {
    Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

fn client_crate() -> Crate {
    Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/client/src"))
}

fn assert_acyclic(name: &str, krate: &Crate) {
    let cycles = krate.cycles();
    assert!(
        cycles.is_empty(),
        "the modules of {name} form a cycle:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_conformance_modules_form_no_cycle() {
    assert_acyclic("shopspec-conformance", &this_crate());
}

#[test]
fn the_client_modules_form_no_cycle() {
    assert_acyclic("shopspec-client", &client_crate());
}

#[test]
fn cases_and_runs_name_no_report_writer() {
    let krate = this_crate();
    let found = krate.naming(&[&["suite"], &["exec"], &["runner"]], |m| {
        m.iter().any(|seg| WRITERS.contains(&seg.as_str()))
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_report_depends_only_on_the_run_data() {
    let krate = this_crate();
    let found = krate.naming(&[&["report"]], |m| m[0] != "report");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_cycle_is_found_and_shown() {
    let krate = Crate::from_sources(&[
        (
            "lib.rs".into(),
            "mod a; mod b; mod c;\npub use c::Thing;".into(),
        ),
        ("a.rs".into(), "use crate::b::{self, B};".into()),
        (
            "b/mod.rs".into(),
            "mod inner;\n// crate::a::A is only a comment\nconst S: &str = \"crate::a\";".into(),
        ),
        (
            "b/inner.rs".into(),
            "fn f() -> $crate::Thing { todo!() }".into(),
        ),
        (
            "c.rs".into(),
            "pub struct Thing; fn g() { super::a::f() }".into(),
        ),
    ]);
    let cycles = krate.cycles();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert!(cycles[0].starts_with("a -> b -> c -> a\n"), "{}", cycles[0]);
    assert!(
        cycles[0].contains("b -> c: b::inner names crate::Thing"),
        "{}",
        cycles[0]
    );
}

#[test]
fn test_items_comments_and_strings_make_no_edge() {
    let krate = Crate::from_sources(&[
        ("lib.rs".into(), "mod a; mod b;".into()),
        ("a.rs".into(), "use crate::b::B;".into()),
        (
            "b.rs".into(),
            "pub struct B;\n/* crate::a */ const C: char = '\"'; const S: &str = r#\"crate::a\"#;\n\
             #[cfg(test)]\nmod tests { use crate::a; }\n\
             #[cfg(test)]\nfn helper() { crate::a::f() }"
                .into(),
        ),
    ]);
    assert!(krate.cycles().is_empty(), "{:?}", krate.cycles());
    assert_eq!(krate.edges()["a"].keys().collect::<Vec<_>>(), ["b"]);
}
