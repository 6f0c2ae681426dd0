//! How many customers a run may create on a store: said before the run writes
//! anything, and (the most) enforced while it runs.

use crate::case::{Case, Plan};
use crate::policy::OnAccept;
use crate::suite::Suite;
use crate::target::StoreTarget;
use shopspec_model::Operation;
use shopspec_validate::Severity;

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
        creates_of(self).2
    }
}

/// What one case creates: at most (a store that wrongly accepts what it should
/// refuse included), on a store that behaves, and whether it leases a customer
/// from the pool instead.
fn creates_of(case: &Case) -> (usize, usize, bool) {
    let create = case.operation == Operation::CreateCustomer;
    match &case.plan {
        Plan::Example(_) | Plan::NotFound { .. } | Plan::RateLimit { .. } => (0, 0, false),
        Plan::Accept {
            create: c, update, ..
        } => match (update, c) {
            (Some(_), None) => (0, 0, true),
            _ => (1, 1, false),
        },
        Plan::Reject {
            setup,
            rule,
            on_accept,
            ..
        } => {
            // A store that behaves may accept a body whose rejection the docs
            // leave open, or that breaks only an inferred or deprecation rule.
            let may_accept =
                matches!(on_accept, OnAccept::Observe { .. }) || rule.severity == Severity::Warning;
            match (create, setup) {
                (true, _) => (1, usize::from(may_accept), false),
                (false, Some(_)) => (1, 1, false),
                (false, None) => (0, 0, true),
            }
        }
        // A store that behaves refuses the second create, unless the docs
        // leave duplicates open.
        Plan::Duplicate { documented, .. } => (2, if *documented { 1 } else { 2 }, false),
        Plan::Auth { .. } => (usize::from(create), 0, false),
    }
}

/// How many customers a run creates on a store, said before it writes anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    /// The most it creates, whatever the store does: one per create request
    /// its write cases may send (a store that accepts what it should refuse
    /// included) and one per case that leases a customer (a leased customer
    /// the store loses is replaced), capped by
    /// [`crate::StoreTargetBuilder::max_creates`]. The runner holds the run to
    /// it: a create that would go over is not sent, and its case is skipped
    /// with the reason.
    pub at_most: usize,
    /// The most it creates on a store that behaves as documented: the valid
    /// creates, the bodies whose rejection the docs leave open, plus the
    /// customers the update cases' pool needs beyond the known ones
    /// ([`crate::StoreTargetBuilder::reuse_customers`]).
    pub expected: usize,
}

/// The [`Footprint`] of a run against `target`. Zero without writes.
///
/// ```
/// use shopspec_conformance::{CaseFilter, StoreTarget, footprint};
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
/// assert_eq!(footprint(&target(false, None)).at_most, 0);
/// let all = footprint(&target(true, None));
/// assert!(all.at_most > all.expected && all.expected > 3);
/// assert_eq!(footprint(&target(true, Some(3))).at_most, 3);
/// ```
pub fn footprint(target: &StoreTarget) -> Footprint {
    if !target.allow_writes {
        return Footprint {
            at_most: 0,
            expected: 0,
        };
    }
    let cases = Suite::cases_for(target.api, target.version, &target.only);
    let (mut at_most, mut expected, mut leases) = (0, 0, 0);
    for case in cases.iter().filter(|c| c.writes) {
        let (most, faithful, lease) = creates_of(case);
        at_most += most;
        expected += faithful;
        leases += usize::from(lease);
    }
    if leases > 0 {
        at_most += leases;
        expected += target
            .concurrency
            .min(leases)
            .saturating_sub(target.reuse.len());
    }
    if let Some(cap) = target.max_creates {
        at_most = at_most.min(cap);
        expected = expected.min(cap);
    }
    Footprint { at_most, expected }
}
