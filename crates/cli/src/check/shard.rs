//! `--shard K/N`: one of N slices of a run, for a fleet of stores (or a long
//! suite) spread over CI jobs. With several stores a slice is a set of whole
//! stores, so each store's rate limit is one job's to respect; with one store
//! it is a set of its cases, and each slice paces itself at 1/N of the store's
//! documented rate. Slices are deterministic and balanced by the requests they
//! are expected to send (longest first, each to the lightest slice).

use std::fmt;
use std::str::FromStr;

use shopspec_conformance::CaseFilter;

use super::plan::StoreRun;

/// The K-th (1-based) of N slices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shard {
    /// Which slice, 1..=n.
    pub(super) k: usize,
    /// How many slices.
    pub(super) n: usize,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not K/N (e.g. 1/2)"))?;
        let k: usize = k
            .trim()
            .parse()
            .map_err(|_| format!("`{s}`: K is not a number"))?;
        let n: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("`{s}`: N is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!(
                "`{s}`: K must be between 1 and N, and N at least 1"
            ));
        }
        Ok(Shard { k, n })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

/// The slice (0-based) of each item: items sorted by weight, heaviest first
/// (ties by key), each to the slice with the least weight so far (ties: the
/// fewest items, then the lowest index).
pub(super) fn assign(items: &[(String, u64)], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        items[b]
            .1
            .cmp(&items[a].1)
            .then_with(|| items[a].0.cmp(&items[b].0))
    });
    let mut load = vec![(0u64, 0usize); n.max(1)];
    let mut slice = vec![0; items.len()];
    for i in order {
        let (best, _) = load
            .iter()
            .enumerate()
            .min_by_key(|(j, l)| (**l, *j))
            .expect("at least one slice");
        load[best].0 += items[i].1;
        load[best].1 += 1;
        slice[i] = best;
    }
    slice
}

/// Narrows `runs` to the slice `shard`: whole stores when there are several,
/// else the cases of the one store. An empty result means the slice has
/// nothing to run.
pub(super) fn apply(shard: Shard, runs: Vec<StoreRun>) -> Vec<StoreRun> {
    if runs.len() > 1 {
        let items: Vec<(String, u64)> = runs
            .iter()
            .map(|r| (r.name.clone().unwrap_or_default(), r.expected_requests()))
            .collect();
        let slices = assign(&items, shard.n);
        return runs
            .into_iter()
            .zip(slices)
            .filter(|(_, s)| *s == shard.k - 1)
            .map(|(r, _)| r)
            .collect();
    }
    let Some(mut run) = runs.into_iter().next() else {
        return Vec::new();
    };
    let cases = run.selected_cases();
    let items: Vec<(String, u64)> = cases
        .iter()
        .map(|c| (c.id.clone(), run.expected_requests_of(c)))
        .collect();
    let slices = assign(&items, shard.n);
    let ids: Vec<&str> = items
        .iter()
        .zip(slices)
        .filter(|(_, s)| *s == shard.k - 1)
        .map(|((id, _), _)| id.as_str())
        .collect();
    if ids.is_empty() {
        return Vec::new();
    }
    run.only = CaseFilter::parse(&ids.join(","));
    run.share = u32::try_from(shard.n).unwrap_or(u32::MAX);
    // The run's create cap is shared out too: the slices together stay under it.
    run.max_creates = run.max_creates.map(|m| m / shard.n);
    vec![run]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { k: 2, n: 3 }));
        for bad in ["0/2", "3/2", "1/0", "1", "a/b", "1/2/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn slices_are_disjoint_complete_deterministic_and_balanced() {
        let items: Vec<(String, u64)> = (0..101)
            .map(|i| (format!("case-{i:03}"), 1 + (i % 4)))
            .collect();
        for n in 1..=5 {
            let a = assign(&items, n);
            assert_eq!(a, assign(&items, n), "deterministic");
            assert!(a.iter().all(|&s| s < n), "every item in one slice");
            let mut loads = vec![0u64; n];
            for (i, &s) in a.iter().enumerate() {
                loads[s] += items[i].1;
            }
            let (min, max) = (loads.iter().min().unwrap(), loads.iter().max().unwrap());
            assert!(
                max - min <= 4,
                "balanced within the heaviest item: {loads:?}"
            );
        }
        // Weightless items are spread by count.
        let zero: Vec<(String, u64)> = (0..10).map(|i| (format!("z{i}"), 0)).collect();
        let a = assign(&zero, 2);
        assert_eq!(a.iter().filter(|&&s| s == 0).count(), 5);
    }
}
