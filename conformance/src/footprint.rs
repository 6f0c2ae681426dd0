//! How many customers a run may create on a store, at most: said before the run
//! writes anything, and enforced while it runs.

use crate::case::{Case, Plan};
use crate::suite::Suite;
use crate::target::StoreTarget;
use shopspec_model::Operation;

impl Case {
    /// The customers this case creates at most, a store that wrongly accepts
    /// what it should refuse included; a customer leased from the run's pool is
    /// not counted (see [`Case::leases_customer`]).
    pub fn creates_at_most(&self) -> usize {
        creates_of(self).0
    }

    /// Whether the case only needs *a* customer to update: it leases one from
    /// the run's pool (a known customer, or one the pool creates) instead of
    /// creating its own.
    pub fn leases_customer(&self) -> bool {
        creates_of(self).1
    }
}

/// The customers one case creates at most, and whether it leases one from the pool.
fn creates_of(case: &Case) -> (usize, bool) {
    let create = case.operation == Operation::CreateCustomer;
    match &case.plan {
        Plan::Example(_) | Plan::NotFound { .. } | Plan::RateLimit { .. } => (0, false),
        Plan::Accept {
            create: c, update, ..
        } => match (update, c) {
            (Some(_), Some(_)) => (1, false),
            (Some(_), None) => (0, true),
            (None, _) => (1, false),
        },
        Plan::Reject { setup, .. } => match (create, setup) {
            (true, _) => (1, false),
            (false, Some(_)) => (1, false),
            (false, None) => (0, true),
        },
        Plan::Duplicate { .. } => (2, false),
        Plan::Auth { .. } => (usize::from(create), false),
    }
}

/// The most customers a run against `target` creates: one per create request
/// its write cases may send (counting a store that accepts what it should
/// refuse), plus the size of the pool the update cases lease from (it creates
/// customers only when the known ones,
/// [`crate::StoreTargetBuilder::reuse_customers`], are too few or cannot be
/// read back), capped by [`crate::StoreTargetBuilder::max_creates`]. Zero
/// without writes.
///
/// The runner holds the run to this figure: a create that would go over it is
/// not sent, and its case is skipped with the reason.
///
/// ```
/// use shopspec_conformance::{CaseFilter, StoreTarget, max_creates};
/// use shopspec_model::Api;
///
/// let target = |writes: bool, cap: Option<usize>| {
///     let mut b = StoreTarget::builder(Api::Fecify, "http://127.0.0.1:1")
///         .token("t")
///         .allow_writes(writes)
///         .only(CaseFilter::parse("fecify.create.*"));
///     if let Some(cap) = cap {
///         b = b.max_creates(cap);
///     }
///     b.build().expect("valid")
/// };
/// assert_eq!(max_creates(&target(false, None)), 0);
/// let all = max_creates(&target(true, None));
/// assert!(all > 3);
/// assert_eq!(max_creates(&target(true, Some(3))), 3);
/// ```
pub fn max_creates(target: &StoreTarget) -> usize {
    if !target.allow_writes {
        return 0;
    }
    let cases = Suite::cases_for(target.api, target.version, &target.only);
    let mut direct = 0;
    let mut leases = false;
    for case in cases.iter().filter(|c| c.writes) {
        let (n, lease) = creates_of(case);
        direct += n;
        leases |= lease;
    }
    let pool = if leases {
        target.concurrency
    } else {
        0
    };
    let bound = direct + pool;
    target.max_creates.map_or(bound, |cap| bound.min(cap))
}
