//! `--only` patterns: glob-like matches on case ids.

use std::fmt;

/// A comma-separated list of case-id patterns; `*` matches any run of characters.
/// A case is selected when any pattern matches its whole id. The empty filter
/// selects everything.
///
/// ```
/// use shopspec_conformance::CaseFilter;
///
/// let filter = CaseFilter::parse("fecify.create.*, *.auth.*");
/// assert!(filter.matches("fecify.create.status-is-5"));
/// assert!(filter.matches("myshopline.v20260301.update.auth.wrong-token"));
/// assert!(!filter.matches("shopline.update.partial-update"));
/// assert!(CaseFilter::all().matches("anything"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    patterns: Vec<String>,
}

impl CaseFilter {
    /// Selects every case.
    pub fn all() -> Self {
        CaseFilter::default()
    }

    /// Parses `a*,b,c*d`; blank items are ignored.
    pub fn parse(patterns: &str) -> Self {
        CaseFilter {
            patterns: patterns
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// `true` when no pattern was given.
    pub fn is_all(&self) -> bool {
        self.patterns.is_empty()
    }

    /// `true` when `id` is selected.
    pub fn matches(&self, id: &str) -> bool {
        self.is_all() || self.patterns.iter().any(|p| glob(p, id))
    }
}

impl fmt::Display for CaseFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_all() {
            f.write_str("*")
        } else {
            f.write_str(&self.patterns.join(","))
        }
    }
}

/// Whole-string match where `*` matches any (possibly empty) run of characters.
fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let middle: Vec<&str> = parts.collect();
    let Some((last, middle)) = middle.split_last() else {
        // No `*` at all: an exact match.
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_whole_ids() {
        assert!(glob("a*c", "abc"));
        assert!(glob("a*c", "ac"));
        assert!(!glob("a*c", "abcd"));
        assert!(glob("*", ""));
        assert!(glob(
            "fecify.create.status-is-5",
            "fecify.create.status-is-5"
        ));
        assert!(!glob("fecify.create", "fecify.create.status-is-5"));
        assert!(glob(
            "*.max-length",
            "myshopline.v20260301.update.customer.note.max-length"
        ));
        assert!(glob("a*b*c", "aXbYc"));
        assert!(!glob("a*b*c", "aXcYb"));
        // The suffix must not overlap the prefix.
        assert!(!glob("ab*ba", "aba"));
    }

    #[test]
    fn list_selects_any() {
        let f = CaseFilter::parse(" ,shopline.*,,");
        assert!(f.matches("shopline.create.id-is-string"));
        assert!(!f.matches("myshopline.v20220901.create.id-is-string"));
        assert_eq!(f.to_string(), "shopline.*");
    }
}
