//! The rule tables: one [`ObjectSpec`] per request body. The engine
//! (`engine.rs`), the catalogue (`catalogue.rs`) and the test generators
//! (`testing.rs`) all read these tables, so every rule is written once.

use std::sync::OnceLock;

use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

use crate::report::{Rule, Severity};

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

// One home for the doc sources (shopspec_model::sources); the short local
// names keep the table rows readable.
pub(crate) use shopspec_model::sources::{
    FECIFY_CREATE as FEC_CREATE, FECIFY_GUESS_COLUMNS as FEC_GUESS_COLUMNS,
    FECIFY_GUESS_EMAIL as FEC_GUESS_EMAIL, FECIFY_GUESS_PHONE as FEC_GUESS_PHONE,
    FECIFY_UPDATE as FEC_UPDATE, MYSHOPLINE_CONSENT_GUESS as MSL_CONSENT_GUESS,
    MYSHOPLINE_CONSENT_SDK as MSL_CONSENT_SDK, MYSHOPLINE_CREATE as MSL_CREATE_PAGE,
    MYSHOPLINE_CREATE_SDK as MSL_CREATE_SDK, MYSHOPLINE_SEED as MSL_SEED,
    MYSHOPLINE_UPDATE as MSL_UPDATE_PAGE, MYSHOPLINE_UPDATE_SDK as MSL_UPDATE_SDK,
    MYSHOPLINE_VERSIONS as MSL_VERSIONS, SHOPLINE_ADDRESS_SDK as SL_ADDRESS_SDK,
    SHOPLINE_CREATE as SL_CREATE_GUIDE, SHOPLINE_CREATE_REFERENCE as SL_EMAIL_GUESS,
    SHOPLINE_CREATE_SDK as SL_CREATE_SDK, SHOPLINE_SEED as SL_SEED,
    SHOPLINE_UPDATE as SL_UPDATE_GUIDE, SHOPLINE_UPDATE_REFERENCE as SL_UPDATE_REF,
};

/// No API documents a largest integer: the signed 64-bit bound is our decision,
/// one errata entry per API (RFC 8259 section 6 supports it).
pub(crate) const FEC_INTEGERS: &str = "spec/errata.md#E-FEC-15";
pub(crate) const SL_INTEGERS: &str = "spec/errata.md#E-SL-23";
pub(crate) const MSL_INTEGERS: &str = "spec/errata.md#E-MSL-24";

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
    /// `00` + country calling code + number: `^00[0-9]+$`.
    Phone00,
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
            Format::Phone00 => "^00[0-9]+$",
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
            Format::Phone00 => "00 + country calling code + number, digits only",
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

/// A value rule with its severity and source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Check {
    pub(crate) kind: CheckKind,
    pub(crate) severity: Severity,
    pub(crate) source: &'static str,
}

const fn err(kind: CheckKind, source: &'static str) -> Check {
    Check {
        kind,
        severity: Severity::Error,
        source,
    }
}

/// A check that is only inferred (GUESS): never more than a warning.
const fn warn(kind: CheckKind, source: &'static str) -> Check {
    Check {
        kind,
        severity: Severity::Warning,
        source,
    }
}

/// How a field's presence is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// May be sent.
    Optional,
    /// Must be sent (`required` error).
    Required,
    /// Should be sent, but the docs are ambiguous (`required` warning).
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
    /// Where the field and its type are documented.
    pub(crate) source: &'static str,
    pub(crate) checks: &'static [Check],
}

impl Field {
    const fn new(name: &'static str, kind: Kind, source: &'static str) -> Field {
        Field {
            name,
            kind,
            nullable: false,
            presence: Presence::Optional,
            source,
            checks: &[],
        }
    }
    const fn string(name: &'static str, source: &'static str) -> Field {
        Field::new(name, Kind::Str, source)
    }
    const fn int(name: &'static str, source: &'static str) -> Field {
        Field::new(name, Kind::Int, source)
    }
    const fn boolean(name: &'static str, source: &'static str) -> Field {
        Field::new(name, Kind::Bool, source)
    }
    const fn nullable(self) -> Field {
        Field {
            nullable: true,
            ..self
        }
    }
    const fn presence(self, presence: Presence) -> Field {
        Field { presence, ..self }
    }
    const fn required(self) -> Field {
        self.presence(Presence::Required)
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

/// A cross-field rule with its severity and source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cross {
    pub(crate) kind: CrossKind,
    pub(crate) severity: Severity,
    pub(crate) source: &'static str,
}

/// A documented JSON object.
#[derive(Debug)]
pub(crate) struct ObjectSpec {
    pub(crate) fields: &'static [Field],
    /// Where the field list is documented: the source of `unknown_field` errors.
    pub(crate) unknown_source: &'static str,
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
    pub(crate) source: &'static str,
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
    /// `Some(source)` when the object is wrapped in `{"customer": ...}`.
    pub(crate) wrapper: Option<&'static str>,
    pub(crate) object: &'static ObjectSpec,
    /// The source of every `integer_range` rule of the body (an errata entry).
    pub(crate) integers: &'static str,
}

// ---------------------------------------------------------------------------
// Fecify
// ---------------------------------------------------------------------------

const ONE_OR_TWO: &[i64] = &[1, 2];

static FECIFY_CREATE: ObjectSpec = ObjectSpec {
    fields: &[
        Field::string("email", FEC_CREATE).required().checks(&[
            warn(CheckKind::MaxLength(60), FEC_GUESS_COLUMNS),
            warn(CheckKind::Format(Format::Email), FEC_GUESS_EMAIL),
        ]),
        Field::string("first_name", FEC_CREATE)
            .required()
            .checks(&[warn(CheckKind::MaxLength(100), FEC_GUESS_COLUMNS)]),
        Field::string("last_name", FEC_CREATE)
            .required()
            .checks(&[warn(CheckKind::MaxLength(100), FEC_GUESS_COLUMNS)]),
        Field::string("phone", FEC_CREATE)
            .checks(&[warn(CheckKind::MaxLength(20), FEC_GUESS_PHONE)]),
        Field::int("accepts_marketing", FEC_CREATE)
            .checks(&[err(CheckKind::IntEnum(ONE_OR_TWO), FEC_CREATE)]),
        Field::string("numberCode", FEC_CREATE),
        Field::int("payafteruse_status", FEC_CREATE)
            .checks(&[err(CheckKind::IntEnum(ONE_OR_TWO), FEC_CREATE)]),
        Field::int("payafteruse_level", FEC_CREATE),
    ],
    unknown_source: FEC_CREATE,
    hints: &[Hint {
        name: "phone_prefix",
        instead: "numberCode",
        source: FEC_CREATE,
    }],
    cross: &[],
    fast: OnceLock::new(),
};

static FECIFY_UPDATE: ObjectSpec = ObjectSpec {
    fields: &[
        Field::int("id", FEC_UPDATE).required(),
        Field::string("first_name", FEC_UPDATE)
            .checks(&[warn(CheckKind::MaxLength(100), FEC_GUESS_COLUMNS)]),
        Field::string("last_name", FEC_UPDATE)
            .checks(&[warn(CheckKind::MaxLength(100), FEC_GUESS_COLUMNS)]),
        Field::string("phone", FEC_UPDATE)
            .checks(&[warn(CheckKind::MaxLength(20), FEC_GUESS_PHONE)]),
        Field::string("phone_prefix", FEC_UPDATE),
        Field::int("accepts_marketing", FEC_UPDATE)
            .checks(&[err(CheckKind::IntEnum(ONE_OR_TWO), FEC_UPDATE)]),
        Field::string("note", FEC_UPDATE),
        Field::new("customervip_id", Kind::IntOrEmpty, FEC_UPDATE),
        Field::int("payafteruse_status", FEC_UPDATE)
            .checks(&[err(CheckKind::IntEnum(ONE_OR_TWO), FEC_UPDATE)]),
        Field::int("payafteruse_level", FEC_UPDATE),
        // "email 和 status 不可通过此接口修改": the store would silently ignore them.
        Field::string("email", FEC_UPDATE).presence(Presence::NotUpdatable),
        Field::int("status", FEC_UPDATE).presence(Presence::NotUpdatable),
    ],
    unknown_source: FEC_UPDATE,
    hints: &[Hint {
        name: "numberCode",
        instead: "phone_prefix",
        source: FEC_UPDATE,
    }],
    cross: &[],
    fast: OnceLock::new(),
};

// ---------------------------------------------------------------------------
// SHOPLINE Open API
// ---------------------------------------------------------------------------

const SL_GENDERS: &[&str] = &["male", "female", "other"];
const SL_SOURCES: &[&str] = &["shop", "admin", "openapi", "shop_crm", "pos"];
const SL_NOTIFICATIONS: &[&str] = &["email", "sms"];
const BIRTH_PARTS: &[&str] = &["birth_year", "birth_month", "birth_day"];

static SL_ADDRESS: ObjectSpec = ObjectSpec {
    fields: &[
        Field::string("country_code", SL_ADDRESS_SDK),
        Field::string("country", SL_CREATE_GUIDE),
        Field::string("city", SL_CREATE_GUIDE),
        Field::string("district", SL_ADDRESS_SDK),
        Field::string("state", SL_ADDRESS_SDK),
        Field::string("postcode", SL_CREATE_GUIDE),
        Field::string("address_1", SL_CREATE_GUIDE),
        Field::string("address_2", SL_CREATE_GUIDE),
        Field::string("key", SL_ADDRESS_SDK),
        Field::string("layer1", SL_ADDRESS_SDK),
        Field::string("layer2", SL_ADDRESS_SDK),
        Field::string("layer3", SL_ADDRESS_SDK),
        Field::new("logistic_codes", Kind::Array(&Kind::Str), SL_ADDRESS_SDK),
        Field::string("recipient_name", SL_CREATE_GUIDE),
        Field::string("recipient_phone", SL_CREATE_GUIDE),
        Field::string("recipient_phone_country_code", SL_CREATE_GUIDE),
        Field::string("remarks", SL_ADDRESS_SDK),
    ],
    unknown_source: SL_ADDRESS_SDK,
    hints: &[],
    cross: &[],
    fast: OnceLock::new(),
};

static SL_ADDRESS_KIND: Kind = Kind::Object(&SL_ADDRESS);

static SHOPLINE_CREATE: ObjectSpec = ObjectSpec {
    fields: &[
        // The v2.82.16 guide marks name "*Required", the current guide does not.
        Field::string("name", SL_SEED)
            .nullable()
            .presence(Presence::RequiredWarn),
        Field::string("email", SL_CREATE_GUIDE)
            .checks(&[warn(CheckKind::Format(Format::Email), SL_EMAIL_GUESS)]),
        // "separate by comma if multiple": never split, so a comma is only a warning.
        Field::string("mobile_phone", SL_SEED)
            .checks(&[warn(CheckKind::Format(Format::NoComma), SL_SEED)]),
        Field::string("mobile_phone_country_calling_code", SL_CREATE_GUIDE),
        Field::boolean("send_notification", SL_SEED),
        Field::new(
            "notification_types",
            Kind::Array(&Kind::StrEnum(SL_NOTIFICATIONS)),
            SL_CREATE_SDK,
        ),
        Field::string("phones", SL_CREATE_GUIDE),
        Field::string("phone", SL_SEED),
        Field::string("phone_country_code", SL_SEED),
        Field::new("gender", Kind::StrEnum(SL_GENDERS), SL_CREATE_GUIDE).nullable(),
        Field::string("birthday", SL_CREATE_GUIDE)
            .nullable()
            .checks(&[
                err(CheckKind::Format(Format::IsoDate), SL_CREATE_GUIDE),
                err(CheckKind::Format(Format::Year19Or20), SL_CREATE_GUIDE),
            ]),
        Field::int("birth_year", SL_CREATE_SDK),
        Field::int("birth_month", SL_CREATE_SDK)
            .checks(&[err(CheckKind::Range(1, 12), SL_CREATE_SDK)]),
        Field::int("birth_day", SL_CREATE_SDK)
            .checks(&[err(CheckKind::Range(1, 31), SL_CREATE_SDK)]),
        Field::boolean("is_member", SL_CREATE_GUIDE),
        Field::boolean("is_accept_marketing", SL_CREATE_GUIDE),
        Field::boolean("is_subscribed_marketing_email", SL_SEED),
        Field::boolean("is_subscribed_marketing_sms", SL_SEED),
        Field::new("delivery_addresses", Kind::Array(&SL_ADDRESS_KIND), SL_SEED)
            .checks(&[err(CheckKind::MaxItems(5), SL_SEED)]),
        Field::boolean("is_allow_welcome_credit", SL_SEED),
        Field::new("created_by", Kind::StrEnum(SL_SOURCES), SL_CREATE_SDK),
        Field::string("created_by_channel_id", SL_SEED),
        Field::new("registered_by", Kind::StrEnum(SL_SOURCES), SL_CREATE_SDK),
        Field::string("registered_by_channel_id", SL_SEED),
        Field::string("memo", SL_SEED).nullable(),
        Field::new("tags", Kind::Array(&Kind::Str), SL_SEED),
        Field::string("membership_tier_id", SL_SEED),
    ],
    unknown_source: SL_SEED,
    hints: &[],
    cross: &[
        Cross {
            kind: CrossKind::OneOfRequired(&["email", "mobile_phone"]),
            severity: Severity::Error,
            source: SL_CREATE_GUIDE,
        },
        Cross {
            kind: CrossKind::RequiredWith {
                field: "mobile_phone_country_calling_code",
                trigger: "mobile_phone",
                non_empty: true,
            },
            severity: Severity::Error,
            source: SL_CREATE_GUIDE,
        },
        Cross {
            kind: CrossKind::MutuallyExclusive {
                field: "birthday",
                others: BIRTH_PARTS,
            },
            severity: Severity::Error,
            source: SL_CREATE_SDK,
        },
        Cross {
            kind: CrossKind::DayInMonth {
                year: "birth_year",
                month: "birth_month",
                day: "birth_day",
            },
            severity: Severity::Error,
            source: SL_CREATE_SDK,
        },
    ],
    fast: OnceLock::new(),
};

static SHOPLINE_UPDATE: ObjectSpec = ObjectSpec {
    fields: &[
        Field::string("name", SL_UPDATE_GUIDE).nullable(),
        Field::string("email", SL_UPDATE_REF)
            .checks(&[warn(CheckKind::Format(Format::Email), SL_EMAIL_GUESS)]),
        Field::string("mobile_phone", SL_UPDATE_GUIDE)
            .checks(&[warn(CheckKind::Format(Format::NoComma), SL_UPDATE_GUIDE)]),
        Field::string("mobile_phone_country_calling_code", SL_UPDATE_GUIDE),
        // The guide says a comma-separated string, the reference an array of strings.
        Field::new("phones", Kind::StrOrStrArray, SL_UPDATE_REF).presence(Presence::Deprecated(
            Deprecation {
                since: None,
                instead: Some("phone"),
            },
        )),
        Field::string("phone", SL_UPDATE_REF),
        Field::string("phone_country_code", SL_UPDATE_REF),
        Field::new("gender", Kind::StrEnum(SL_GENDERS), SL_UPDATE_GUIDE).nullable(),
        // The 19xx/20xx rule is documented for create only: a warning here.
        Field::string("birthday", SL_UPDATE_GUIDE)
            .nullable()
            .checks(&[
                err(CheckKind::Format(Format::IsoDate), SL_UPDATE_GUIDE),
                warn(CheckKind::Format(Format::Year19Or20), SL_CREATE_GUIDE),
            ]),
        Field::int("birth_year", SL_UPDATE_GUIDE),
        Field::int("birth_month", SL_UPDATE_GUIDE)
            .checks(&[err(CheckKind::Range(1, 12), SL_UPDATE_GUIDE)]),
        Field::int("birth_day", SL_UPDATE_GUIDE)
            .checks(&[err(CheckKind::Range(1, 31), SL_UPDATE_GUIDE)]),
        // "目前只支持將客戶轉成會員": only `true` is supported.
        Field::new("is_member", Kind::True, SL_UPDATE_GUIDE),
        Field::boolean("is_blacklisted", SL_UPDATE_GUIDE),
        Field::boolean("is_accept_marketing", SL_UPDATE_GUIDE),
        Field::boolean("is_subscribed_marketing_email", SL_UPDATE_REF),
        Field::boolean("is_subscribed_marketing_sms", SL_UPDATE_REF),
        Field::string("membership_tier_id", SL_UPDATE_GUIDE),
        // "Only future Date is available"; the format is undocumented, so a warning.
        Field::string("tier_expires_at", SL_UPDATE_GUIDE)
            .checks(&[warn(CheckKind::Future, SL_UPDATE_GUIDE)]),
        Field::new(
            "delivery_addresses",
            Kind::Array(&SL_ADDRESS_KIND),
            SL_UPDATE_GUIDE,
        )
        .checks(&[err(CheckKind::MaxItems(5), SL_UPDATE_GUIDE)]),
        Field::string("ref_user_id", SL_UPDATE_GUIDE),
        Field::string("memo", SL_UPDATE_GUIDE).nullable(),
        Field::new("tags", Kind::Array(&Kind::Str), SL_UPDATE_GUIDE),
        Field::new("custom_fields", Kind::AnyObject, SL_UPDATE_REF),
        Field::string("registered_at", SL_UPDATE_REF),
        Field::string("locale_code", SL_UPDATE_REF),
        Field::new("facebook_info", Kind::AnyObject, SL_UPDATE_REF),
        Field::new("line_info", Kind::AnyObject, SL_UPDATE_REF),
    ],
    unknown_source: SL_UPDATE_REF,
    hints: &[Hint {
        // The guide's example sends custom_data; the parameter table names custom_fields.
        name: "custom_data",
        instead: "custom_fields",
        source: SL_UPDATE_REF,
    }],
    cross: &[
        Cross {
            kind: CrossKind::RequiredWith {
                field: "mobile_phone_country_calling_code",
                trigger: "mobile_phone",
                non_empty: true,
            },
            severity: Severity::Error,
            source: SL_UPDATE_GUIDE,
        },
        Cross {
            kind: CrossKind::RequiredWith {
                field: "phone_country_code",
                trigger: "phone",
                non_empty: true,
            },
            severity: Severity::Error,
            source: SL_UPDATE_REF,
        },
        Cross {
            kind: CrossKind::MutuallyExclusive {
                field: "birthday",
                others: BIRTH_PARTS,
            },
            severity: Severity::Error,
            source: SL_UPDATE_GUIDE,
        },
        Cross {
            kind: CrossKind::DayInMonth {
                year: "birth_year",
                month: "birth_month",
                day: "birth_day",
            },
            severity: Severity::Error,
            source: SL_UPDATE_GUIDE,
        },
    ],
    fast: OnceLock::new(),
};

// ---------------------------------------------------------------------------
// SHOPLINE Admin REST API, v20220901 (the seed page)
// ---------------------------------------------------------------------------

static MSL_2022_ADDRESS: ObjectSpec = ObjectSpec {
    fields: &[
        Field::string("address1", MSL_SEED).checks(&[err(CheckKind::MaxLength(255), MSL_SEED)]),
        Field::string("address2", MSL_SEED).checks(&[err(CheckKind::MaxLength(255), MSL_SEED)]),
        Field::string("city", MSL_SEED).checks(&[err(CheckKind::MaxLength(64), MSL_SEED)]),
        Field::string("company", MSL_SEED).checks(&[err(CheckKind::MaxLength(255), MSL_SEED)]),
        Field::string("country", MSL_SEED).checks(&[err(CheckKind::MaxLength(64), MSL_SEED)]),
        Field::string("country_code", MSL_SEED).checks(&[err(CheckKind::MaxLength(50), MSL_SEED)]),
        Field::string("country_name", MSL_SEED),
        Field::string("customer_id", MSL_SEED),
        Field::boolean("default", MSL_SEED),
        Field::string("first_name", MSL_SEED).checks(&[err(CheckKind::MaxLength(128), MSL_SEED)]),
        Field::string("id", MSL_SEED),
        Field::string("last_name", MSL_SEED).checks(&[err(CheckKind::MaxLength(128), MSL_SEED)]),
        Field::string("name", MSL_SEED),
        Field::string("phone", MSL_SEED).checks(&[err(CheckKind::MaxLength(16), MSL_SEED)]),
        Field::string("province", MSL_SEED).checks(&[err(CheckKind::MaxLength(64), MSL_SEED)]),
        Field::string("province_code", MSL_SEED).checks(&[err(CheckKind::MaxLength(50), MSL_SEED)]),
        Field::string("zip", MSL_SEED).checks(&[err(CheckKind::MaxLength(10), MSL_SEED)]),
    ],
    unknown_source: MSL_SEED,
    hints: &[],
    cross: &[],
    fast: OnceLock::new(),
};

static MSL_2022_ADDRESS_KIND: Kind = Kind::Object(&MSL_2022_ADDRESS);

macro_rules! msl_2022_fields {
    ($($extra:expr),* $(,)?) => {
        &[
            Field::boolean("accepts_marketing", MSL_SEED),
            Field::new("addresses", Kind::Array(&MSL_2022_ADDRESS_KIND), MSL_SEED)
                .checks(&[err(CheckKind::MaxItems(50), MSL_SEED)]),
            Field::string("birthday", MSL_SEED)
                .checks(&[err(CheckKind::Format(Format::CompactDate), MSL_SEED)]),
            Field::string("email", MSL_SEED).checks(&[err(CheckKind::MaxLength(50), MSL_SEED)]),
            Field::string("first_name", MSL_SEED).checks(&[err(CheckKind::MaxLength(128), MSL_SEED)]),
            Field::int("gender", MSL_SEED).checks(&[err(CheckKind::Range(0, 3), MSL_SEED)]),
            Field::string("last_name", MSL_SEED).checks(&[err(CheckKind::MaxLength(128), MSL_SEED)]),
            Field::string("note", MSL_SEED).checks(&[err(CheckKind::MaxLength(1000), MSL_SEED)]),
            Field::string("phone", MSL_SEED).checks(&[err(CheckKind::MaxLength(20), MSL_SEED)]),
            // "单个标签限制100个字符，标签个数限制100，该字段总长度限制1000字符"
            Field::string("tags", MSL_SEED).checks(&[
                err(CheckKind::MaxLength(1000), MSL_SEED),
                err(CheckKind::ListCount(100), MSL_SEED),
                err(CheckKind::ListItemLength(100), MSL_SEED),
                warn(CheckKind::Format(Format::TidyList), MSL_SEED),
            ]),
            $($extra),*
        ]
    };
}

static MSL_2022_UPDATE: ObjectSpec = ObjectSpec {
    fields: msl_2022_fields!(),
    unknown_source: MSL_SEED,
    hints: &[],
    // "修改订阅状态时用户邮箱必填"
    cross: &[Cross {
        kind: CrossKind::RequiredWith {
            field: "email",
            trigger: "accepts_marketing",
            non_empty: false,
        },
        severity: Severity::Error,
        source: MSL_SEED,
    }],
    fast: OnceLock::new(),
};

/// Create on v20220901 is not in the seed: the update field set, with the fields
/// only newer versions document as warnings (spec/errata.md).
static MSL_2022_CREATE: ObjectSpec = ObjectSpec {
    fields: msl_2022_fields!(
        Field::boolean("verified_email", MSL_CREATE_SDK).presence(Presence::OtherVersion),
        Field::string("multipass_identifier", MSL_CREATE_SDK).presence(Presence::OtherVersion),
        Field::new("email_marketing_consent", Kind::AnyObject, MSL_CREATE_SDK)
            .presence(Presence::OtherVersion),
        Field::new("sms_marketing_consent", Kind::AnyObject, MSL_CREATE_SDK)
            .presence(Presence::OtherVersion),
        Field::string("password", MSL_CREATE_SDK).presence(Presence::OtherVersion),
        Field::string("password_confirmation", MSL_CREATE_SDK).presence(Presence::OtherVersion),
    ),
    unknown_source: MSL_SEED,
    hints: &[],
    cross: &[
        Cross {
            kind: CrossKind::OneOfRequired(&["email", "phone"]),
            severity: Severity::Error,
            source: MSL_CREATE_PAGE,
        },
        ACCEPTS_MARKETING_EMAIL_WARNING,
    ],
    fast: OnceLock::new(),
};

/// "修改订阅状态时用户邮箱必填" is documented for v20220901 update only: elsewhere a
/// warning (spec/errata.md E-MSL-8).
const ACCEPTS_MARKETING_EMAIL_WARNING: Cross = Cross {
    kind: CrossKind::RequiredWith {
        field: "email",
        trigger: "accepts_marketing",
        non_empty: false,
    },
    severity: Severity::Warning,
    source: MSL_SEED,
};

// ---------------------------------------------------------------------------
// SHOPLINE Admin REST API, v20251201 / v20260301
// ---------------------------------------------------------------------------

/// "DEPRECATED: This parameter is deprecated from API version v20250601."
const DEPRECATED: Presence = Presence::Deprecated(Deprecation {
    since: Some("v20250601"),
    instead: None,
});

static MSL_CONSENT: ObjectSpec = ObjectSpec {
    fields: &[
        Field::int("state", MSL_CONSENT_SDK)
            .checks(&[err(CheckKind::Range(0, 3), MSL_CONSENT_SDK)]),
        Field::int("opt_in_level", MSL_CONSENT_SDK)
            .checks(&[err(CheckKind::Range(0, 2), MSL_CONSENT_SDK)]),
        Field::string("consent_collected_from", MSL_CONSENT_SDK)
            .checks(&[warn(CheckKind::MaxLength(50), MSL_CONSENT_GUESS)]),
        Field::string("consent_updated_at", MSL_CONSENT_SDK)
            .checks(&[err(CheckKind::Format(Format::DateTime), MSL_CONSENT_SDK)]),
    ],
    unknown_source: MSL_CONSENT_SDK,
    hints: &[],
    cross: &[],
    fast: OnceLock::new(),
};

macro_rules! msl_2026_address_fields {
    ($src:expr, $province_code:expr, $($extra:expr),* $(,)?) => {
        &[
            $($extra,)*
            Field::string("address1", $src).checks(&[err(CheckKind::MaxLength(255), $src)]),
            Field::string("address2", $src).checks(&[err(CheckKind::MaxLength(255), $src)]),
            Field::string("city", $src).checks(&[err(CheckKind::MaxLength(64), $src)]),
            Field::string("company", $src).checks(&[err(CheckKind::MaxLength(255), $src)]),
            Field::string("country", $src).checks(&[err(CheckKind::MaxLength(64), $src)]),
            Field::string("country_code", $src)
                .checks(&[err(CheckKind::Format(Format::CountryAlpha2), $src)]),
            Field::string("province", $src).checks(&[err(CheckKind::MaxLength(64), $src)]),
            Field::string("zip", $src).checks(&[err(CheckKind::MaxLength(64), $src)]),
            Field::string("first_name", $src).checks(&[err(CheckKind::MaxLength(128), $src)]),
            Field::string("last_name", $src).checks(&[err(CheckKind::MaxLength(128), $src)]),
            Field::string("phone", $src).checks(&[
                err(CheckKind::MaxLength(20), $src),
                err(CheckKind::Format(Format::Phone00), $src),
            ]),
            Field::boolean("default", $src),
            Field::string("name", $src).presence(DEPRECATED),
            Field::string("province_code", $src).presence($province_code),
            Field::string("country_name", $src).presence(DEPRECATED),
        ]
    };
}

static MSL_2026_UPDATE_ADDRESS: ObjectSpec = ObjectSpec {
    fields: msl_2026_address_fields!(
        MSL_UPDATE_SDK,
        DEPRECATED,
        Field::string("id", MSL_UPDATE_SDK)
            .checks(&[err(CheckKind::MaxLength(64), MSL_UPDATE_SDK)]),
        Field::string("customer_id", MSL_UPDATE_SDK)
            .checks(&[err(CheckKind::MaxLength(64), MSL_UPDATE_SDK)]),
    ),
    unknown_source: MSL_UPDATE_SDK,
    hints: &[],
    cross: &[],
    fast: OnceLock::new(),
};

/// Create documents no `id`/`customer_id`, and `province_code` is not deprecated there.
static MSL_2026_CREATE_ADDRESS: ObjectSpec = ObjectSpec {
    fields: msl_2026_address_fields!(MSL_CREATE_SDK, Presence::Optional,),
    unknown_source: MSL_CREATE_SDK,
    hints: &[],
    cross: &[],
    fast: OnceLock::new(),
};

static MSL_2026_UPDATE_ADDRESS_KIND: Kind = Kind::Object(&MSL_2026_UPDATE_ADDRESS);
static MSL_2026_CREATE_ADDRESS_KIND: Kind = Kind::Object(&MSL_2026_CREATE_ADDRESS);

macro_rules! msl_2026_fields {
    ($src:expr, $address:expr, $addresses_src:expr) => {
        &[
            Field::string("first_name", $src).checks(&[err(CheckKind::MaxLength(128), $src)]),
            Field::string("last_name", $src).checks(&[err(CheckKind::MaxLength(128), $src)]),
            Field::string("email", $src).checks(&[err(CheckKind::MaxLength(50), $src)]),
            Field::string("phone", $src).checks(&[err(CheckKind::MaxLength(20), $src)]),
            Field::string("note", $src).checks(&[err(CheckKind::MaxLength(1000), $src)]),
            Field::string("tags", $src).checks(&[
                err(CheckKind::MaxLength(1000), $src),
                err(CheckKind::ListCount(100), $src),
                err(CheckKind::ListItemLength(128), $src),
                warn(CheckKind::Format(Format::TidyList), $src),
            ]),
            Field::string("birthday", $src)
                .checks(&[err(CheckKind::Format(Format::CompactDate), $src)]),
            Field::int("gender", $src).checks(&[err(CheckKind::Range(0, 3), $src)]),
            Field::boolean("verified_email", $src),
            Field::string("multipass_identifier", $src)
                .checks(&[err(CheckKind::MaxLength(100), $src)]),
            Field::new("addresses", Kind::Array($address), $addresses_src)
                .checks(&[err(CheckKind::MaxItems(50), $addresses_src)]),
            Field::new("email_marketing_consent", Kind::Object(&MSL_CONSENT), $src),
            Field::new("sms_marketing_consent", Kind::Object(&MSL_CONSENT), $src),
            Field::boolean("accepts_marketing", $src).presence(DEPRECATED),
            Field::string("password", $src)
                .presence(DEPRECATED)
                .checks(&[
                    err(CheckKind::MinLength(6), $src),
                    err(CheckKind::MaxLength(18), $src),
                ]),
            Field::string("password_confirmation", $src)
                .presence(DEPRECATED)
                .checks(&[
                    err(CheckKind::MinLength(6), $src),
                    err(CheckKind::MaxLength(18), $src),
                ]),
        ]
    };
}

static MSL_2026_UPDATE: ObjectSpec = ObjectSpec {
    fields: msl_2026_fields!(
        MSL_UPDATE_SDK,
        &MSL_2026_UPDATE_ADDRESS_KIND,
        MSL_UPDATE_PAGE
    ),
    unknown_source: MSL_UPDATE_SDK,
    hints: &[],
    cross: &[ACCEPTS_MARKETING_EMAIL_WARNING],
    fast: OnceLock::new(),
};

static MSL_2026_CREATE: ObjectSpec = ObjectSpec {
    fields: msl_2026_fields!(
        MSL_CREATE_SDK,
        &MSL_2026_CREATE_ADDRESS_KIND,
        MSL_CREATE_SDK
    ),
    unknown_source: MSL_CREATE_SDK,
    hints: &[],
    cross: &[
        Cross {
            kind: CrossKind::OneOfRequired(&["email", "phone"]),
            severity: Severity::Error,
            source: MSL_CREATE_PAGE,
        },
        ACCEPTS_MARKETING_EMAIL_WARNING,
    ],
    fast: OnceLock::new(),
};

// ---------------------------------------------------------------------------
// Lookup
// ---------------------------------------------------------------------------

static FECIFY_CREATE_BODY: BodySpec = BodySpec {
    wrapper: None,
    object: &FECIFY_CREATE,
    integers: FEC_INTEGERS,
};
static FECIFY_UPDATE_BODY: BodySpec = BodySpec {
    wrapper: None,
    object: &FECIFY_UPDATE,
    integers: FEC_INTEGERS,
};
static SHOPLINE_CREATE_BODY: BodySpec = BodySpec {
    wrapper: None,
    object: &SHOPLINE_CREATE,
    integers: SL_INTEGERS,
};
static SHOPLINE_UPDATE_BODY: BodySpec = BodySpec {
    wrapper: None,
    object: &SHOPLINE_UPDATE,
    integers: SL_INTEGERS,
};
static MSL_2022_CREATE_BODY: BodySpec = BodySpec {
    wrapper: Some(MSL_CREATE_PAGE),
    object: &MSL_2022_CREATE,
    integers: MSL_INTEGERS,
};
static MSL_2022_UPDATE_BODY: BodySpec = BodySpec {
    wrapper: Some(MSL_SEED),
    object: &MSL_2022_UPDATE,
    integers: MSL_INTEGERS,
};
static MSL_2026_CREATE_BODY: BodySpec = BodySpec {
    wrapper: Some(MSL_CREATE_PAGE),
    object: &MSL_2026_CREATE,
    integers: MSL_INTEGERS,
};
static MSL_2026_UPDATE_BODY: BodySpec = BodySpec {
    wrapper: Some(MSL_UPDATE_PAGE),
    object: &MSL_2026_UPDATE,
    integers: MSL_INTEGERS,
};

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
            let old = if version == ApiVersion::V20220901 {
                true
            } else if version == ApiVersion::V20251201 || version == ApiVersion::V20260301 {
                false
            } else {
                return None;
            };
            match (op, old) {
                (Operation::CreateCustomer, true) => &MSL_2022_CREATE_BODY,
                (Operation::UpdateCustomer, true) => &MSL_2022_UPDATE_BODY,
                (Operation::CreateCustomer, false) => &MSL_2026_CREATE_BODY,
                (Operation::UpdateCustomer, false) => &MSL_2026_UPDATE_BODY,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
