//! The evidence behind each rule: the vendor's own sentence, where a user can
//! read it, what it is about, and how strongly it binds.
//!
//! A rule is [`Strength::Documented`] only when the quoted sentence is the
//! vendor's and is about the operation (and, for myshopline, the API version)
//! the rule is applied to. Everything else is [`Strength::Inferred`]: a rule
//! taken from meaning, from another operation or version, from FecShop (the
//! open-source ancestor of Fecify), from a third party, or decided in
//! `spec/errata.md`. The severity of a rule follows from its evidence: only a
//! documented rule can be an error for a client or a failure for a store.

use serde::Serialize;
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

use crate::report::Severity;

/// How strongly the vendor states a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// The quoted sentence is the vendor's, about this operation and version:
    /// breaking the rule is an error for a client and accepting a body that
    /// breaks it is a failure for a store.
    Documented,
    /// Taken from meaning, another operation or version, the ancestor, a third
    /// party or an errata decision: a warning for a client, an observation for
    /// a store, never an error or a failure.
    Inferred,
}

impl Strength {
    /// The severity a value rule with this strength has: documented rules are
    /// errors, inferred rules warnings.
    pub const fn severity(self) -> Severity {
        match self {
            Strength::Documented => Severity::Error,
            Strength::Inferred => Severity::Warning,
        }
    }

    /// `documented` or `inferred`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Strength::Documented => "documented",
            Strength::Inferred => "inferred",
        }
    }
}

/// What a quoted sentence is about: an API, the operations it names and, for
/// myshopline, the API versions whose page or model states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct About {
    /// The API.
    pub api: Api,
    /// The operations the sentence is about.
    pub operations: &'static [Operation],
    /// The myshopline versions the source states it for; empty for the APIs
    /// without versions.
    pub versions: &'static [ApiVersion],
}

impl About {
    /// `true` when the sentence is about `operation` on `version` of `api`.
    pub fn covers(&self, api: Api, operation: Operation, version: ApiVersion) -> bool {
        self.api == api
            && self.operations.contains(&operation)
            && (api != Api::Myshopline || self.versions.contains(&version))
    }
}

impl std::fmt::Display for About {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.api)?;
        for (i, op) in self.operations.iter().enumerate() {
            let sep = if i == 0 { " " } else { "/" };
            let name = match op {
                Operation::CreateCustomer => "create",
                Operation::UpdateCustomer => "update",
            };
            write!(f, "{sep}{name}")?;
        }
        for (i, v) in self.versions.iter().enumerate() {
            write!(f, "{}{v}", if i == 0 { " " } else { ", " })?;
        }
        Ok(())
    }
}

/// The vendor's words a rule rests on.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The shortest vendor sentence the rule rests on, verbatim (the field's
    /// declaration, for a type rule).
    pub quote: &'static str,
    /// Where a user reads it: a page URL, a repository file at a commit, or an
    /// entry of this repository's `spec/errata.md`.
    pub source: &'static str,
    /// The API, operations and versions the sentence is about.
    pub about: About,
    /// Documented for this rule's operation and version, or only inferred.
    pub strength: Strength,
    /// Why a rule is only inferred, with the errata entry that decides it;
    /// empty for documented rules.
    pub why: &'static str,
}

impl Evidence {
    /// The severity of a value rule resting on this evidence.
    pub const fn severity(&self) -> Severity {
        self.strength.severity()
    }
}

// ---------------------------------------------------------------------------
// Builders for the evidence tables (crate::tables)
// ---------------------------------------------------------------------------

/// Documented evidence: `quote` from `source`, about `about`.
pub(crate) const fn documented(
    about: About,
    source: &'static str,
    quote: &'static str,
) -> Evidence {
    Evidence {
        quote,
        source,
        about,
        strength: Strength::Documented,
        why: "",
    }
}

/// Inferred evidence: `quote` from `source`, with the reason it binds only
/// as a warning.
pub(crate) const fn inferred(
    about: About,
    source: &'static str,
    quote: &'static str,
    why: &'static str,
) -> Evidence {
    Evidence {
        quote,
        source,
        about,
        strength: Strength::Inferred,
        why,
    }
}

/// The operations in short.
pub(crate) const CREATE: &[Operation] = &[Operation::CreateCustomer];
pub(crate) const UPDATE: &[Operation] = &[Operation::UpdateCustomer];
pub(crate) const BOTH: &[Operation] = &[Operation::CreateCustomer, Operation::UpdateCustomer];

/// About `api`'s `operations` (an API without versions).
pub(crate) const fn about(api: Api, operations: &'static [Operation]) -> About {
    About {
        api,
        operations,
        versions: &[],
    }
}

/// About myshopline `operations` on `versions`.
pub(crate) const fn about_msl(
    operations: &'static [Operation],
    versions: &'static [ApiVersion],
) -> About {
    About {
        api: Api::Myshopline,
        operations,
        versions,
    }
}
