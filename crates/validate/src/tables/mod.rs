//! The rule tables: one [`ObjectSpec`] per request body. The engine
//! (`engine.rs`), the catalogue (`catalogue.rs`) and the test generators
//! (`testing.rs`) all read these tables, so every rule is written once.

use std::sync::OnceLock;

use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

use crate::evidence::{Evidence, Strength};
use crate::report::{Rule, Severity};

mod fecify;
mod myshopline;
mod shopline;

/// The one rule of a myshopline version whose customer rules shopspec does
/// not know. It is shopspec's limit, not a vendor rule: an error, because no
/// payload can be judged against that version.
pub(crate) static UNSUPPORTED_VERSION: Evidence = Evidence {
    quote: "/admin/openapi/{version}",
    source: shopspec_model::sources::MYSHOPLINE_VERSIONS,
    about: crate::evidence::about_msl(crate::evidence::BOTH, &ApiVersion::SUPPORTED),
    strength: Strength::Inferred,
    why: "shopspec knows the customer rules of v20220901, v20251201 and v20260301 only",
};

/// The integers every integer field accepts: what a signed 64-bit column keeps.
pub(crate) const INTEGER_RANGE: (i64, i64) = (i64::MIN, i64::MAX);

/// A number written as a float (`1e2`, `100.0`) is an exact integer only below
/// 2^53 in magnitude: above, a double cannot tell neighbouring integers apart,
/// so the written value may already be lost (RFC 8259 section 6).
pub(crate) const EXACT_FLOAT_INTEGER: f64 = 9_007_199_254_740_992.0;

// ---------------------------------------------------------------------------
// Table types
// ---------------------------------------------------------------------------

/// The JSON shape a field must have.
#[derive(Debug)]
pub(crate) enum Kind {
    /// A string.
    Str,
    /// An integer (a number with no fractional part, as in JSON Schema).
    Int,
    /// A boolean.
    Bool,
    /// A boolean that must be `true` (`enum` otherwise).
    True,
    /// A string out of a fixed list (`enum` otherwise).
    StrEnum(&'static [&'static str]),
    /// An object with documented fields.
    Object(&'static ObjectSpec),
    /// An object whose content is not documented (any keys).
    AnyObject,
    /// An array whose items have this kind.
    Array(&'static Kind),
    /// An integer, or the empty string (Fecify `customervip_id`).
    IntOrEmpty,
    /// A string, or an array of strings (SHOPLINE update `phones`).
    StrOrStrArray,
}

impl Kind {
    /// The JSON type names this kind accepts, as shown in `type` limits.
    pub(crate) fn type_names(&self) -> &'static [&'static str] {
        match self {
            Kind::Str | Kind::StrEnum(_) => &["string"],
            Kind::Int => &["integer"],
            Kind::Bool | Kind::True => &["boolean"],
            Kind::Object(_) | Kind::AnyObject => &["object"],
            Kind::Array(_) => &["array"],
            Kind::IntOrEmpty => &["integer", "\"\""],
            Kind::StrOrStrArray => &["string", "array of strings"],
        }
    }
}

/// A string format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Contains `@` with text on both sides.
    Email,
    /// A real calendar date `YYYY-MM-DD`.
    IsoDate,
    /// A `YYYY-MM-DD` date whose year starts with 19 or 20.
    Year19Or20,
    /// A real calendar date `yyyyMMdd`.
    CompactDate,
    /// An RFC 3339 / ISO 8601 date-time.
    DateTime,
    /// `00` + country calling code + mobile number: `^00[0-9]` (what follows
    /// the code is not constrained: the vendor's example is `001123-***-7890`).
    Prefix00,
    /// Two upper-case letters: ISO 3166-1 alpha-2.
    CountryAlpha2,
    /// One value: no comma.
    NoComma,
    /// A comma-separated list without empty items or blanks around items.
    TidyList,
}

impl Format {
    /// A short name shown as the limit of `format` violations.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Email => "email",
            Format::IsoDate => "YYYY-MM-DD",
            Format::Year19Or20 => "year 19xx or 20xx",
            Format::CompactDate => "yyyyMMdd",
            Format::DateTime => "ISO 8601 date-time",
            Format::Prefix00 => "^00[0-9]",
            Format::CountryAlpha2 => "^[A-Z]{2}$",
            Format::NoComma => "no comma",
            Format::TidyList => "no empty or padded tags",
        }
    }

    /// What the format means, for messages and the catalogue.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Format::Email => "an email address (text@domain)",
            Format::IsoDate => "a real date in the form YYYY-MM-DD",
            Format::Year19Or20 => "a date whose year starts with 19 or 20",
            Format::CompactDate => "a real date in the form yyyyMMdd",
            Format::DateTime => "an ISO 8601 date-time such as 2022-05-31T15:32:46+08:00",
            Format::Prefix00 => "00 + country calling code + mobile number",
            Format::CountryAlpha2 => "a two-letter ISO 3166-1 alpha-2 code such as US",
            Format::NoComma => "a single value (several comma-separated values are not split)",
            Format::TidyList => "a list without empty tags or spaces around tags",
        }
    }
}

/// One value rule of a field.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CheckKind {
    /// At most this many characters.
    MaxLength(usize),
    /// At least this many characters.
    MinLength(usize),
    /// An integer out of this list.
    IntEnum(&'static [i64]),
    /// An integer in this closed range.
    Range(i64, i64),
    /// An array with at most this many items.
    MaxItems(usize),
    /// A string format.
    Format(Format),
    /// A comma-separated list with at most this many items (`max_items`).
    ListCount(usize),
    /// A comma-separated list whose items have at most this many characters (`max_length`).
    ListItemLength(usize),
    /// A date or date-time that is not in the past (`range`), when it parses as one.
    Future,
}

impl CheckKind {
    /// The rule id this check reports.
    pub(crate) fn rule(self) -> Rule {
        match self {
            CheckKind::MaxLength(_) | CheckKind::ListItemLength(_) => Rule::MaxLength,
            CheckKind::MinLength(_) => Rule::MinLength,
            CheckKind::IntEnum(_) => Rule::Enum,
            CheckKind::Range(..) | CheckKind::Future => Rule::Range,
            CheckKind::MaxItems(_) | CheckKind::ListCount(_) => Rule::MaxItems,
            CheckKind::Format(_) => Rule::Format,
        }
    }
}

/// A value rule with its evidence; its severity follows from the evidence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Check {
    pub(crate) kind: CheckKind,
    /// `Error` for a documented rule, `Warning` for an inferred one.
    pub(crate) severity: Severity,
    pub(crate) ev: &'static Evidence,
}

/// A value rule resting on `ev`: an error when `ev` is documented for the
/// table's operation and version, a warning when it is only inferred.
const fn rule(kind: CheckKind, ev: &'static Evidence) -> Check {
    Check {
        kind,
        severity: ev.severity(),
        ev,
    }
}

/// How a field's presence is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// May be sent.
    Optional,
    /// Must be sent: a `required` error (set by [`Field::required_by`] when
    /// the evidence is documented).
    Required,
    /// Should be sent, but only inferred: a `required` warning (set by
    /// [`Field::required_by`] when the evidence is inferred).
    RequiredWarn,
    /// The docs say this operation cannot change it (`not_updatable` error).
    NotUpdatable,
    /// Documented only by other API versions (`unknown_field` warning, still type-checked).
    OtherVersion,
    /// Deprecated (`deprecated` warning, still checked).
    Deprecated(Deprecation),
}

/// When a field was deprecated and what replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Deprecation {
    /// The first API version without the field; `None` for "to be deprecated".
    pub(crate) since: Option<&'static str>,
    /// The field to use instead.
    pub(crate) instead: Option<&'static str>,
}

/// One documented field.
#[derive(Debug)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    /// `null` is allowed (the docs say `string | null`).
    pub(crate) nullable: bool,
    pub(crate) presence: Presence,
    /// The field's declaration: its existence and its type (`type` rules).
    pub(crate) ev: &'static Evidence,
    /// What its presence rule (required, not updatable, deprecated, other
    /// version) rests on; the declaration unless said otherwise.
    pub(crate) presence_ev: &'static Evidence,
    pub(crate) checks: &'static [Check],
}

impl Field {
    const fn new(name: &'static str, kind: Kind, ev: &'static Evidence) -> Field {
        Field {
            name,
            kind,
            nullable: false,
            presence: Presence::Optional,
            ev,
            presence_ev: ev,
            checks: &[],
        }
    }
    const fn string(name: &'static str, ev: &'static Evidence) -> Field {
        Field::new(name, Kind::Str, ev)
    }
    const fn int(name: &'static str, ev: &'static Evidence) -> Field {
        Field::new(name, Kind::Int, ev)
    }
    const fn boolean(name: &'static str, ev: &'static Evidence) -> Field {
        Field::new(name, Kind::Bool, ev)
    }
    const fn nullable(self) -> Field {
        Field {
            nullable: true,
            ..self
        }
    }
    /// A presence rule resting on `ev` (deprecated, not updatable, other version).
    const fn presence_by(self, presence: Presence, ev: &'static Evidence) -> Field {
        Field {
            presence,
            presence_ev: ev,
            ..self
        }
    }
    /// Required by `ev`: an error when `ev` is documented, a warning otherwise.
    const fn required_by(self, ev: &'static Evidence) -> Field {
        let presence = match ev.strength {
            Strength::Documented => Presence::Required,
            Strength::Inferred => Presence::RequiredWarn,
        };
        self.presence_by(presence, ev)
    }
    /// Required by its declaration (a table row that says 必填).
    const fn required(self) -> Field {
        let ev = self.ev;
        self.required_by(ev)
    }
    const fn checks(self, checks: &'static [Check]) -> Field {
        Field { checks, ..self }
    }
}

/// A rule between several fields of one object.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CrossKind {
    /// At least one of these must be present and not empty (reported at the object).
    OneOfRequired(&'static [&'static str]),
    /// `field` must be present when `trigger` is present. With `non_empty`, both
    /// are judged "present and not an empty string" (the docs' "not empty");
    /// without it, presence of the key is all that counts. Reported at `field`.
    RequiredWith {
        field: &'static str,
        trigger: &'static str,
        non_empty: bool,
    },
    /// `field` must not be sent together with any of `others` (presence counts,
    /// even `null`). Reported at `field`.
    MutuallyExclusive {
        field: &'static str,
        others: &'static [&'static str],
    },
    /// When all three are integers, `day` must exist in `month` of `year`.
    /// Reported at `day` as `range`.
    DayInMonth {
        year: &'static str,
        month: &'static str,
        day: &'static str,
    },
}

/// A cross-field rule with its evidence; its severity follows from the evidence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cross {
    pub(crate) kind: CrossKind,
    pub(crate) severity: Severity,
    pub(crate) ev: &'static Evidence,
}

/// A cross-field rule resting on `ev`.
const fn cross(kind: CrossKind, ev: &'static Evidence) -> Cross {
    Cross {
        kind,
        severity: ev.severity(),
        ev,
    }
}

/// A documented JSON object.
#[derive(Debug)]
pub(crate) struct ObjectSpec {
    pub(crate) fields: &'static [Field],
    /// The object's declaration: the evidence of its `type` rule where it is
    /// a whole body.
    pub(crate) shape: &'static Evidence,
    /// What an undocumented key rests on: the evidence of `unknown_field`
    /// rules (inferred: the docs list fields, but never say others are refused).
    pub(crate) unknown: &'static Evidence,
    /// Undocumented names that people send by mistake, with the documented name.
    pub(crate) hints: &'static [Hint],
    pub(crate) cross: &'static [Cross],
    /// Lookup tables for the fast mode, built on first use.
    pub(crate) fast: OnceLock<FastIndex>,
}

/// What the fast mode needs to find fields without comparing whole names.
#[derive(Debug)]
pub(crate) struct FastIndex {
    /// Per field: the first and the last eight bytes of the name (zero-padded)
    /// and its length; names of up to 16 bytes are told apart by these alone.
    keys: Box<[(u64, u64, usize)]>,
    /// Per cross rule: the field indexes of [`CrossKind::names`]; `NONE` for none.
    slots: Box<[[u8; 4]]>,
    /// Bit `i` set: field `i` is required (an error when missing).
    required: u32,
    /// Bit `i` set: field `i` should be sent (a warning when missing).
    required_warn: u32,
    /// Bit `i` set: field `i` must not be sent with some others (`MutuallyExclusive`).
    exclusive: u32,
}

/// The first eight bytes of a name, zero-padded, as one number.
#[inline]
fn prefix(name: &[u8]) -> u64 {
    let n = name.len();
    if let Some(head) = name.first_chunk::<8>() {
        u64::from_le_bytes(*head)
    } else if let (Some(lo), Some(hi)) = (name.first_chunk::<4>(), name.last_chunk::<4>()) {
        // 4 to 7 bytes: two overlapping loads (a variable-length copy would call memmove).
        u64::from(u32::from_le_bytes(*lo)) | (u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4)))
    } else {
        name.iter()
            .enumerate()
            .fold(0, |acc, (i, &b)| acc | (u64::from(b) << (8 * i)))
    }
}

/// The last eight bytes of a name longer than eight bytes (0 otherwise).
#[inline]
fn suffix(name: &[u8]) -> u64 {
    match name.last_chunk::<8>() {
        Some(tail) if name.len() > 8 => u64::from_le_bytes(*tail),
        _ => 0,
    }
}

/// Bytes 8.. of two names of the same length over 16 bytes, compared eight at a
/// time in place (a `memcmp` call costs more than these few loads).
#[inline]
fn same_middle(a: &[u8], b: &[u8]) -> bool {
    a[8..].chunks(8).zip(b[8..].chunks(8)).all(|(x, y)| {
        match (x.first_chunk::<8>(), y.first_chunk::<8>()) {
            (Some(x), Some(y)) => u64::from_le_bytes(*x) == u64::from_le_bytes(*y),
            // The last partial chunk is covered by the suffix already compared.
            _ => true,
        }
    })
}

/// No field (in [`ObjectSpec::slots`]).
pub(crate) const NONE: u8 = u8::MAX;

impl CrossKind {
    /// The field names a rule uses, in a fixed order (at most four).
    pub(crate) fn names(&self) -> [Option<&'static str>; 4] {
        let at = |list: &'static [&'static str], i: usize| list.get(i).copied();
        match *self {
            CrossKind::OneOfRequired(names) => {
                [at(names, 0), at(names, 1), at(names, 2), at(names, 3)]
            }
            CrossKind::RequiredWith { field, trigger, .. } => {
                [Some(field), Some(trigger), None, None]
            }
            CrossKind::MutuallyExclusive { field, others } => {
                [Some(field), at(others, 0), at(others, 1), at(others, 2)]
            }
            CrossKind::DayInMonth { year, month, day } => {
                [Some(year), Some(month), Some(day), None]
            }
        }
    }
}

/// Name equality with a cheap first-byte and length filter before the comparison.
#[inline]
fn same_name(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    x.len() == y.len() && x.first() == y.first() && x.last() == y.last() && x == y
}

/// An undocumented name with a pointer to the right one.
#[derive(Debug)]
pub(crate) struct Hint {
    pub(crate) name: &'static str,
    pub(crate) instead: &'static str,
    pub(crate) ev: &'static Evidence,
}

impl ObjectSpec {
    /// The documented field called `name`.
    #[inline]
    pub(crate) fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| same_name(f.name, name))
    }

    fn fast(&self) -> &FastIndex {
        self.fast.get_or_init(|| FastIndex {
            keys: self
                .fields
                .iter()
                .map(|f| {
                    let name = f.name.as_bytes();
                    (prefix(name), suffix(name), name.len())
                })
                .collect(),
            slots: self
                .cross
                .iter()
                .map(|c| {
                    c.kind.names().map(|name| {
                        name.and_then(|n| self.position(n))
                            .and_then(|i| u8::try_from(i).ok())
                            .unwrap_or(NONE)
                    })
                })
                .collect(),
            required: self.mask(Presence::Required),
            required_warn: self.mask(Presence::RequiredWarn),
            exclusive: self
                .cross
                .iter()
                .filter_map(|c| match c.kind {
                    CrossKind::MutuallyExclusive { field, .. } => self.position(field),
                    _ => None,
                })
                .filter(|&i| i < 32)
                .fold(0, |m, i| m | (1 << i)),
        })
    }

    /// The fields with this presence, as bits by field index (at most 32 fields).
    fn mask(&self, presence: Presence) -> u32 {
        self.fields
            .iter()
            .enumerate()
            .filter(|(i, f)| *i < 32 && f.presence == presence)
            .fold(0, |m, (i, _)| m | (1 << i))
    }

    /// The fields an object must have: `(errors, warnings)`, as bits by field index.
    pub(crate) fn required_masks(&self) -> (u32, u32) {
        let fast = self.fast();
        (fast.required, fast.required_warn)
    }

    /// The fields that name a `MutuallyExclusive` rule, as bits by field index.
    pub(crate) fn exclusive_mask(&self) -> u32 {
        self.fast().exclusive
    }

    /// Per cross rule, the field indexes of [`CrossKind::names`] (`NONE` for none).
    pub(crate) fn slots(&self) -> &[[u8; 4]] {
        &self.fast().slots
    }

    /// The index of the field called `name`.
    #[inline]
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| same_name(f.name, name))
    }

    /// The index of the field called `name`, trying `*hint` first (payloads often
    /// list fields in table order); `*hint` moves past the match.
    #[inline]
    pub(crate) fn index_of(&self, name: &str, hint: &mut usize) -> Option<usize> {
        let bytes = name.as_bytes();
        let key = (prefix(bytes), suffix(bytes), bytes.len());
        let keys = &self.fast().keys;
        // Same head, tail and length; names over 16 bytes compare their middles too.
        let same = |i: usize| {
            keys[i] == key
                && (bytes.len() <= 16 || same_middle(self.fields[i].name.as_bytes(), bytes))
        };
        // Forward from the hint first: a payload in table order that skips
        // optional fields then costs a few steps per key.
        let start = (*hint).min(keys.len());
        let i = match (start..keys.len()).find(|&i| same(i)) {
            Some(i) => i,
            None => (0..start).find(|&i| same(i))?,
        };
        *hint = i + 1;
        Some(i)
    }

    pub(crate) fn hint(&self, name: &str) -> Option<&'static Hint> {
        self.hints.iter().find(|h| h.name == name)
    }
}

/// The body of a request: either the object itself or `{"customer": object}`.
#[derive(Debug)]
pub(crate) struct BodySpec {
    /// `Some(evidence)` when the object is wrapped in `{"customer": ...}`.
    pub(crate) wrapper: Option<&'static Evidence>,
    pub(crate) object: &'static ObjectSpec,
    /// The evidence of every `integer_range` rule of the body (an errata entry).
    pub(crate) integers: &'static Evidence,
}

// ---------------------------------------------------------------------------
// Lookup
// ---------------------------------------------------------------------------

static FECIFY_CREATE_BODY: BodySpec = BodySpec {
    wrapper: None,
    object: &fecify::FECIFY_CREATE,
    integers: &fecify::C_INTEGERS,
};
static FECIFY_UPDATE_BODY: BodySpec = BodySpec {
    wrapper: None,
    object: &fecify::FECIFY_UPDATE,
    integers: &fecify::U_INTEGERS,
};
static SHOPLINE_CREATE_BODY: BodySpec = BodySpec {
    wrapper: None,
    object: &shopline::SHOPLINE_CREATE,
    integers: &shopline::C_INTEGERS,
};
static SHOPLINE_UPDATE_BODY: BodySpec = BodySpec {
    wrapper: None,
    object: &shopline::SHOPLINE_UPDATE,
    integers: &shopline::U_INTEGERS,
};
static MSL_2022_CREATE_BODY: BodySpec = BodySpec {
    wrapper: Some(myshopline::WRAPPER_2022_C),
    object: &myshopline::MSL_2022_CREATE,
    integers: myshopline::INTS_2022,
};
static MSL_2022_UPDATE_BODY: BodySpec = BodySpec {
    wrapper: Some(myshopline::WRAPPER_2022_U),
    object: &myshopline::MSL_2022_UPDATE,
    integers: myshopline::INTS_2022,
};

/// The two bodies of a myshopline version whose rules come from the Go SDK.
macro_rules! sdk_bodies {
    ($create:ident, $update:ident, $module:ident) => {
        static $create: BodySpec = BodySpec {
            wrapper: Some(&myshopline::$module::C_BODY),
            object: &myshopline::$module::CUSTOMER_CREATE,
            integers: &myshopline::$module::C_INTEGERS,
        };
        static $update: BodySpec = BodySpec {
            wrapper: Some(&myshopline::$module::U_BODY),
            object: &myshopline::$module::CUSTOMER_UPDATE,
            integers: &myshopline::$module::U_INTEGERS,
        };
    };
}
sdk_bodies!(MSL_2025_CREATE_BODY, MSL_2025_UPDATE_BODY, v20251201);
sdk_bodies!(MSL_2026_CREATE_BODY, MSL_2026_UPDATE_BODY, v20260301);

/// The body table of a target; `None` for an unsupported myshopline version.
pub(crate) fn body(
    api: Api,
    operation: Operation,
    version: ApiVersion,
) -> Option<&'static BodySpec> {
    Some(match (api, operation) {
        (Api::Fecify, Operation::CreateCustomer) => &FECIFY_CREATE_BODY,
        (Api::Fecify, Operation::UpdateCustomer) => &FECIFY_UPDATE_BODY,
        (Api::Shopline, Operation::CreateCustomer) => &SHOPLINE_CREATE_BODY,
        (Api::Shopline, Operation::UpdateCustomer) => &SHOPLINE_UPDATE_BODY,
        (Api::Myshopline, op) => {
            let create = op == Operation::CreateCustomer;
            match version {
                ApiVersion::V20220901 if create => &MSL_2022_CREATE_BODY,
                ApiVersion::V20220901 => &MSL_2022_UPDATE_BODY,
                ApiVersion::V20251201 if create => &MSL_2025_CREATE_BODY,
                ApiVersion::V20251201 => &MSL_2025_UPDATE_BODY,
                ApiVersion::V20260301 if create => &MSL_2026_CREATE_BODY,
                ApiVersion::V20260301 => &MSL_2026_UPDATE_BODY,
                _ => return None,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Severity, Target, catalogue};

    /// Every rule carries its quote, a source a user can open, what the quote
    /// is about, and a strength; the severity follows the strength.
    #[test]
    fn every_rule_carries_its_evidence() {
        for target in Target::all() {
            let (api, op, version) = (target.api, target.operation, target.version);
            for entry in catalogue(target) {
                let ev = entry.evidence;
                let at = format!("{target} {} {}", entry.pointer, entry.rule);
                assert!(!ev.quote.trim().is_empty(), "{at}: no quote");
                assert!(
                    ev.source.starts_with("https://") || ev.source.starts_with("spec/errata.md#E-"),
                    "{at}: {} is not a source a user can open",
                    ev.source
                );
                assert_eq!(entry.source, ev.source, "{at}");
                assert!(!ev.about.operations.is_empty(), "{at}: no operation");
                assert_eq!(ev.about.api, api, "{at}: evidence about another API");
                if api == Api::Myshopline {
                    assert!(!ev.about.versions.is_empty(), "{at}: no version");
                }
                match ev.strength {
                    Strength::Documented => {
                        assert!(
                            ev.about.covers(api, op, version),
                            "{at}: documented, but the quote is about {}",
                            ev.about
                        );
                        assert!(ev.why.is_empty(), "{at}: documented with a reason");
                        if entry.rule != Rule::Deprecated {
                            assert_eq!(entry.severity, Severity::Error, "{at}");
                        }
                    }
                    Strength::Inferred => {
                        assert!(!ev.why.trim().is_empty(), "{at}: inferred without a reason");
                        assert_eq!(entry.severity, Severity::Warning, "{at}: an inferred error");
                    }
                }
            }
        }
    }

    /// The regression tests of the audit (spec/audit.md): each names its finding.
    fn entry(target: Target, pointer: &str, rule: Rule) -> Option<crate::RuleEntry> {
        catalogue(target)
            .into_iter()
            .find(|e| e.pointer == pointer && e.rule == rule)
    }

    fn msl(op: Operation, version: ApiVersion) -> Target {
        Target::new(Api::Myshopline, op).with_version(version)
    }

    #[test]
    fn audit_1_create_address_phone_has_no_format_rule() {
        for v in [ApiVersion::V20251201, ApiVersion::V20260301] {
            let create = msl(Operation::CreateCustomer, v);
            assert!(entry(create, "/customer/addresses/*/phone", Rule::Format).is_none());
            let len = entry(create, "/customer/addresses/*/phone", Rule::MaxLength).unwrap();
            assert_eq!(len.severity, Severity::Error);
        }
    }

    #[test]
    fn audit_2_update_address_phone_takes_the_vendors_own_example() {
        for v in [ApiVersion::V20251201, ApiVersion::V20260301] {
            let update = msl(Operation::UpdateCustomer, v);
            let format = entry(update, "/customer/addresses/*/phone", Rule::Format).unwrap();
            assert_eq!(format.severity, Severity::Error);
            for ok in ["001123-***-7890", "0086-138-0000-0000", "008613800000000"] {
                assert!(crate::engine::format_ok(Format::Prefix00, ok), "{ok}");
            }
            assert!(!crate::engine::format_ok(
                Format::Prefix00,
                "+86 13800000000"
            ));
        }
    }

    #[test]
    fn audit_3_create_password_is_not_deprecated() {
        for v in [ApiVersion::V20251201, ApiVersion::V20260301] {
            let create = msl(Operation::CreateCustomer, v);
            for field in ["password", "password_confirmation"] {
                let at = format!("/customer/{field}");
                assert!(entry(create, &at, Rule::Deprecated).is_none(), "{v} {at}");
                assert_eq!(
                    entry(create, &at, Rule::MinLength).unwrap().severity,
                    Severity::Error
                );
                let update = msl(Operation::UpdateCustomer, v);
                assert!(entry(update, &at, Rule::Deprecated).is_some(), "{v} {at}");
            }
        }
    }

    #[test]
    fn audit_5_create_states_the_subscription_rule() {
        for v in [ApiVersion::V20251201, ApiVersion::V20260301] {
            let create = msl(Operation::CreateCustomer, v);
            let rule = entry(create, "/customer/email", Rule::RequiredWith).unwrap();
            assert_eq!(rule.evidence.strength, Strength::Documented, "{v}");
            let update = msl(Operation::UpdateCustomer, v);
            let rule = entry(update, "/customer/email", Rule::RequiredWith).unwrap();
            assert_eq!(rule.evidence.strength, Strength::Inferred, "{v}");
        }
    }

    #[test]
    fn audit_6_fecify_empty_names_and_email_warn() {
        for (op, fields) in [
            (
                Operation::CreateCustomer,
                &["/email", "/first_name", "/last_name"][..],
            ),
            (
                Operation::UpdateCustomer,
                &["/first_name", "/last_name"][..],
            ),
        ] {
            let target = Target::new(Api::Fecify, op);
            for field in fields {
                let min = entry(target, field, Rule::MinLength).unwrap();
                assert_eq!(min.severity, Severity::Warning, "{op} {field}");
                assert!(min.evidence.source.contains("fecshop"), "{op} {field}");
            }
        }
    }

    #[test]
    fn audit_9_no_source_names_a_file_outside_the_repository() {
        for target in Target::all() {
            for entry in catalogue(target) {
                // A page URL or an entry of this repository's errata, never a
                // stored copy only the project has.
                assert!(
                    entry.source.starts_with("https://")
                        || entry.source.starts_with("spec/errata.md#E-"),
                    "{target} {}: {}",
                    entry.pointer,
                    entry.source
                );
            }
        }
    }

    #[test]
    fn audit_shopline_birth_ranges_are_inferred() {
        for op in Operation::ALL {
            let target = Target::new(Api::Shopline, op);
            for field in ["/birth_month", "/birth_day"] {
                let range = catalogue(target)
                    .into_iter()
                    .filter(|e| e.pointer == field && e.rule == Rule::Range)
                    .collect::<Vec<_>>();
                assert!(!range.is_empty(), "{op} {field}");
                assert!(
                    range.iter().all(|e| e.severity == Severity::Warning),
                    "{op} {field}"
                );
            }
        }
    }

    #[test]
    fn tables_fit_the_fast_paths() {
        for api in Api::ALL {
            for op in Operation::ALL {
                for version in ApiVersion::SUPPORTED {
                    let Some(body) = body(api, op, version) else {
                        panic!("{api} {op} {version} has no table");
                    };
                    check(body.object);
                }
            }
        }
    }

    fn check(spec: &ObjectSpec) {
        // The fast mode tracks 32 fields per object and indexes them by u8.
        assert!(spec.fields.len() <= 32, "{} fields", spec.fields.len());
        // The walker writes documented names into pointers unescaped (RFC 6901).
        for field in spec.fields {
            assert!(!field.name.contains(['~', '/']), "{}", field.name);
        }
        for (cross, slots) in spec.cross.iter().zip(spec.slots()) {
            let names = match cross.kind {
                CrossKind::OneOfRequired(names) => names.len(),
                CrossKind::RequiredWith { .. } => 2,
                CrossKind::MutuallyExclusive { others, .. } => 1 + others.len(),
                CrossKind::DayInMonth { .. } => 3,
            };
            assert!(names <= 4, "{cross:?} names more than four fields");
            // Every name of a cross rule is a documented field.
            assert_eq!(
                slots.iter().filter(|&&s| s != NONE).count(),
                names,
                "{cross:?}"
            );
        }
        for field in spec.fields {
            if let Kind::Object(inner) | Kind::Array(Kind::Object(inner)) = &field.kind {
                check(inner);
            }
        }
    }
}
