//! The walker: checks a payload against a [`BodySpec`] and fills a [`Report`].
//!
//! One walker serves two modes. The fast mode (`FULL = false`) tracks no
//! pointer and records nothing: it only learns whether any rule fires, and
//! stops at the first. The full mode tracks the pointer and records every
//! violation with its pointer; messages and limits are recorded as the rule's
//! parameters (`crate::message`) and formatted only when a report is shown.
//! On a valid payload the full mode allocates only its pointer buffer.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::Value;
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};
use time::format_description::well_known::Rfc3339;

use crate::evidence::{Evidence, Strength};
use crate::json::{Json, Obj, Tree, View};
use crate::message::{Detail, Expected, Lim, Msg, Shown};
use crate::report::{Finding, Findings, Report, Rule, Severity, Violation};
use crate::scan::{self, Verdict};
use crate::tables::{
    self, BodySpec, Check, CheckKind, Cross, CrossKind, EXACT_FLOAT_INTEGER, Field, Format,
    INTEGER_RANGE, Kind, NONE, ObjectSpec, Presence, UNSUPPORTED_VERSION,
};

/// Validates a parsed payload.
pub(crate) fn validate(
    api: Api,
    operation: Operation,
    version: ApiVersion,
    payload: &Value,
) -> Report {
    let Some(body) = tables::body(api, operation, version) else {
        return unsupported(version);
    };
    // No yes/no walk first: the full walk allocates nothing but its pointer
    // buffer until a rule fires, and an invalid payload would be walked twice.
    full(body, api, version, payload)
}

/// Parses and validates raw text: the byte scanner checks the text as it is
/// parsed, without a tree; only a payload on which a rule fires (or that the
/// scanner leaves undecided) is parsed into a tree for the report (a [`Tree`]
/// borrowing from the text: the walk and the report are those of a `Value`).
pub(crate) fn validate_slice(
    api: Api,
    operation: Operation,
    version: ApiVersion,
    bytes: &[u8],
) -> Result<Report, serde_json::Error> {
    let Some(body) = tables::body(api, operation, version) else {
        let _: Value = serde_json::from_slice(bytes)?;
        return Ok(unsupported(version));
    };
    if scan::scan(body, bytes, true) == Verdict::Clean {
        return Ok(Report::default());
    }
    let tree: Tree<'_> = serde_json::from_slice(bytes)?;
    Ok(full(body, api, version, &tree))
}

/// Like [`validate_slice`], but warnings are only looked for on an invalid
/// payload: `None` for a valid one.
pub(crate) fn invalid_slice(
    api: Api,
    operation: Operation,
    version: ApiVersion,
    bytes: &[u8],
) -> Result<Option<Report>, serde_json::Error> {
    invalid(
        api,
        operation,
        version,
        |body| scan::scan(body, bytes, false),
        || serde_json::from_slice(bytes),
    )
}

/// [`invalid_slice`] for text already known to be UTF-8.
pub(crate) fn invalid_str(
    api: Api,
    operation: Operation,
    version: ApiVersion,
    text: &str,
) -> Result<Option<Report>, serde_json::Error> {
    // Parsed as text: serde_json then skips the UTF-8 check of each string.
    invalid(
        api,
        operation,
        version,
        |body| scan::scan_str(body, text, false),
        || serde_json::from_str(text),
    )
}

fn invalid<'a>(
    api: Api,
    operation: Operation,
    version: ApiVersion,
    scan: impl FnOnce(&'static BodySpec) -> Verdict,
    parse: impl FnOnce() -> Result<Tree<'a>, serde_json::Error>,
) -> Result<Option<Report>, serde_json::Error> {
    let Some(body) = tables::body(api, operation, version) else {
        parse()?;
        return Ok(Some(unsupported(version)));
    };
    if scan(body) == Verdict::Clean {
        return Ok(None);
    }
    let tree = parse()?;
    // The scanner's verdict stands unless a repeated key overrode the value
    // it judged: the full report decides (and is the answer when it has errors).
    let report = full(body, api, version, &tree);
    Ok((!report.is_valid()).then_some(report))
}

/// `true` when no error rule fires on a parsed payload; stops at the first.
pub(crate) fn is_valid(
    api: Api,
    operation: Operation,
    version: ApiVersion,
    payload: &Value,
) -> bool {
    match tables::body(api, operation, version) {
        Some(body) => !fires(body, payload, false),
        None => false,
    }
}

fn unsupported(version: ApiVersion) -> Report {
    let mut report = Report::default();
    report.push(unsupported_version(version));
    report
}

/// `true` when any rule fires on `payload`: any error, and with `warnings`
/// any warning too. Stops at the first.
pub(crate) fn fires<J: Json>(body: &'static BodySpec, payload: &J, warnings: bool) -> bool {
    let mut walker = Walker::<false> {
        sink: Sink::Nothing,
        ptr: String::new(),
        version: None,
        integers: body.integers,
        warnings,
        hit: false,
    };
    walker.body(body, payload);
    walker.hit
}

fn full<J: Json>(body: &'static BodySpec, api: Api, version: ApiVersion, payload: &J) -> Report {
    let mut report = Report::default();
    walk_full(body, api, version, payload, Sink::Report(&mut report));
    report
}

fn walk_full<J: Json>(
    body: &'static BodySpec,
    api: Api,
    version: ApiVersion,
    payload: &J,
    sink: Sink<'_>,
) {
    let mut walker = Walker::<true> {
        sink,
        ptr: String::with_capacity(64),
        version: (api == Api::Myshopline).then_some(version),
        integers: body.integers,
        warnings: true,
        hit: false,
    };
    walker.body(body, payload);
}

/// The findings of a parsed payload: the full report's violations without
/// messages or limits.
pub(crate) fn findings(
    api: Api,
    operation: Operation,
    version: ApiVersion,
    payload: &Value,
) -> Findings {
    let mut findings = Findings::default();
    let Some(body) = tables::body(api, operation, version) else {
        let v = unsupported_version(version);
        findings.push(Finding {
            pointer: v.pointer,
            rule: v.rule,
            severity: v.severity,
            source: UNSUPPORTED_VERSION.source,
        });
        return findings;
    };
    walk_full(body, api, version, payload, Sink::Findings(&mut findings));
    findings
}

/// The one error for a myshopline version whose rules are unknown.
pub(crate) fn unsupported_version(version: ApiVersion) -> Violation {
    Violation {
        pointer: String::new(),
        rule: Rule::Enum,
        severity: Severity::Error,
        source: Cow::Borrowed(UNSUPPORTED_VERSION.source),
        strength: UNSUPPORTED_VERSION.strength,
        quote: Cow::Borrowed(UNSUPPORTED_VERSION.quote),
        detail: Detail {
            msg: Msg::UnsupportedVersion { version },
            limit: Lim::Versions,
            version: None,
            why: why(&UNSUPPORTED_VERSION),
        },
    }
}

/// Why an inferred rule binds only as a warning, appended to its message; `""`
/// for a documented rule.
fn why(ev: &Evidence) -> &'static str {
    if ev.strength == Strength::Inferred {
        ev.why
    } else {
        ""
    }
}

/// `true` for a number with no fractional part (JSON Schema's `integer`).
#[inline]
pub(crate) fn int_number(n: &serde_json::Number) -> bool {
    n.is_i64()
        || n.is_u64()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

/// `true` for an integer a signed 64-bit store keeps exactly: written as an
/// integer within the i64 range, or as a float below 2^53 in magnitude (above,
/// the float may already have lost the written integer).
#[inline]
pub(crate) fn exact_integer(n: &serde_json::Number) -> bool {
    n.is_i64() || (n.is_f64() && n.as_f64().is_some_and(|f| f.abs() < EXACT_FLOAT_INTEGER))
}

/// The JSON type name of a value, for messages.
fn json_type<J: Json>(v: &J) -> &'static str {
    match v.view() {
        View::Null => "null",
        View::Bool(_) => "a boolean",
        View::Num(n) if int_number(n) => "an integer",
        View::Num(_) => "a number",
        View::Str(_) => "a string",
        View::Arr(_) => "an array",
        View::Obj(_) => "an object",
    }
}

/// Pushes one escaped reference token onto a JSON pointer (RFC 6901).
pub(crate) fn push_token(ptr: &mut String, token: &str) {
    ptr.push('/');
    // Keys are short: a plain byte loop beats `str::contains` with a char set
    // (which steps through chars) and a call into a search routine.
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        for c in token.chars() {
            match c {
                '~' => ptr.push_str("~0"),
                '/' => ptr.push_str("~1"),
                c => ptr.push(c),
            }
        }
    } else {
        ptr.push_str(token);
    }
}

/// Checks a string format; `true` when the value conforms.
pub(crate) fn format_ok(format: Format, s: &str) -> bool {
    match format {
        Format::Email => match s.split_once('@') {
            Some((local, domain)) => !local.is_empty() && !domain.is_empty(),
            None => false,
        },
        Format::IsoDate => iso_date(s).is_some(),
        // Only judged on a well-formed date; a malformed one is the IsoDate rule's finding.
        Format::Year19Or20 => iso_date(s).is_none() || s.starts_with("19") || s.starts_with("20"),
        Format::CompactDate => {
            let b = s.as_bytes();
            b.len() == 8
                && b.iter().all(u8::is_ascii_digit)
                && real_date(num(&b[0..4]), num(&b[4..6]), num(&b[6..8]))
        }
        Format::DateTime => time::OffsetDateTime::parse(s, &Rfc3339).is_ok(),
        // The docs' own example, `001123-***-7890`, has separators after the code.
        Format::Prefix00 => s
            .as_bytes()
            .get(..3)
            .is_some_and(|b| b.starts_with(b"00") && b[2].is_ascii_digit()),
        Format::CountryAlpha2 => s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()),
        Format::NoComma => !s.contains(','),
        // An empty string clears the list: only judge lists with content.
        Format::TidyList => s.is_empty() || !any_item(s, |t| t.is_empty() || padded(t)),
    }
}

/// `true` when `f` holds for an item of the comma-separated list `s` (the
/// items of `s.split(',')`); commas are found with `memchr`, which beats
/// `str::split`'s searcher on lists of many short items.
#[inline]
fn any_item(s: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut start = 0;
    for end in memchr::memchr_iter(b',', s.as_bytes()) {
        // A comma is ASCII: both ends are char boundaries.
        if f(&s[start..end]) {
            return true;
        }
        start = end + 1;
    }
    f(&s[start..])
}

/// `true` when `t` starts or ends with white space (`t.trim() != t`).
#[inline]
fn padded(t: &str) -> bool {
    let edge = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let b = t.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) if first.is_ascii() && last.is_ascii() => {
            first.is_ascii_whitespace()
                || first == 0x0b
                || last.is_ascii_whitespace()
                || last == 0x0b
        }
        _ => edge(t.chars().next()) || edge(t.chars().next_back()),
    }
}

fn num(digits: &[u8]) -> i32 {
    digits
        .iter()
        .fold(0, |acc, d| acc * 10 + i32::from(d - b'0'))
}

fn real_date(year: i32, month: i32, day: i32) -> bool {
    let Ok(month) = u8::try_from(month)
        .map_err(drop)
        .and_then(|m| time::Month::try_from(m).map_err(drop))
    else {
        return false;
    };
    let Ok(day) = u8::try_from(day) else {
        return false;
    };
    time::Date::from_calendar_date(year, month, day).is_ok()
}

/// `false` when `s` is an RFC 3339 date-time or a `YYYY-MM-DD` date in the past;
/// `true` otherwise (including when it is neither).
fn not_past(s: &str) -> bool {
    let now = time::OffsetDateTime::now_utc();
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return t >= now;
    }
    let b = s.as_bytes();
    if iso_date(s).is_some() {
        let (y, m, d) = (num(&b[0..4]), num(&b[5..7]), num(&b[8..10]));
        return (y, m, d)
            >= (
                now.year(),
                i32::from(u8::from(now.month())),
                i32::from(now.day()),
            );
    }
    true
}

/// `true` when a string check is broken by `s` (integer and array checks never are).
pub(crate) fn str_check_fires(kind: CheckKind, s: &str) -> bool {
    match kind {
        // Bytes bound characters from above: count only when it can matter.
        CheckKind::MaxLength(max) => s.len() > max && s.chars().count() > max,
        CheckKind::MinLength(min) => s.len() < min.saturating_mul(4) && s.chars().count() < min,
        CheckKind::Format(format) => !format_ok(format, s),
        // More items than commas + 1 is impossible: count commas only when needed.
        CheckKind::ListCount(max) => {
            s.len() > max && s.bytes().filter(|&b| b == b',').count() + 1 > max
        }
        CheckKind::ListItemLength(max) => {
            s.len() > max && any_item(s, |t| t.len() > max && t.chars().count() > max)
        }
        CheckKind::Future => !not_past(s),
        CheckKind::IntEnum(_) | CheckKind::Range(..) | CheckKind::MaxItems(_) => false,
    }
}

/// `true` when an integer check is broken by `n` (an integer, see [`int_number`]).
pub(crate) fn int_check_fires(kind: CheckKind, n: &serde_json::Number) -> bool {
    match kind {
        CheckKind::IntEnum(allowed) => !match n.as_i64() {
            Some(i) => allowed.contains(&i),
            None => n
                .as_f64()
                .is_some_and(|f| allowed.iter().any(|&a| a as f64 == f)),
        },
        CheckKind::Range(lo, hi) => !match n.as_i64() {
            Some(i) => (lo..=hi).contains(&i),
            None => n.as_f64().is_some_and(|f| f >= lo as f64 && f <= hi as f64),
        },
        _ => false,
    }
}

/// `true` when an array of `len` items breaks a check.
pub(crate) fn array_check_fires(kind: CheckKind, len: usize) -> bool {
    matches!(kind, CheckKind::MaxItems(max) if len > max)
}

/// Days in `month` of `year`, for months 1-12.
fn days_in_month(year: i64, month: i64) -> Option<i64> {
    let year = i32::try_from(year).ok()?;
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    Some(i64::from(month.length(year)))
}

/// `YYYY-MM-DD` as a real date.
fn iso_date(s: &str) -> Option<()> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    real_date(num(&b[0..4]), num(&b[5..7]), num(&b[8..10])).then_some(())
}

/// What cross-field rules see of a value: the tree walker and the byte scanner
/// both reduce values to this, so each rule is judged by one function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Null,
    Str {
        empty: bool,
    },
    /// A number that is an `i64` as written (not a float).
    Int(i64),
    Other,
}

impl Shape {
    fn of<J: Json>(v: &J) -> Shape {
        match v.view() {
            View::Null => Shape::Null,
            View::Str(s) => Shape::Str {
                empty: s.is_empty(),
            },
            View::Num(n) => n.as_i64().map_or(Shape::Other, Shape::Int),
            _ => Shape::Other,
        }
    }
}

/// `true` when a value is present and neither `null` nor `""`.
fn present_non_empty(v: Option<Shape>) -> bool {
    match v {
        None | Some(Shape::Null) => false,
        Some(Shape::Str { empty }) => !empty,
        Some(_) => true,
    }
}

/// A `DayInMonth` rule broken: `(year, month, day, days in that month)`.
/// Out-of-range months and days are the `range` rules' findings.
fn day_overflow(
    year: Option<Shape>,
    month: Option<Shape>,
    day: Option<Shape>,
) -> Option<(i64, i64, i64, i64)> {
    let (Some(Shape::Int(y)), Some(Shape::Int(m)), Some(Shape::Int(d))) = (year, month, day) else {
        return None;
    };
    let days = days_in_month(y, m)?;
    ((1..=31).contains(&d) && d > days).then_some((y, m, d, days))
}

/// `true` when a cross-field rule is broken; `get(k)` is the value of the
/// `k`-th name of [`CrossKind::names`].
pub(crate) fn cross_fires(kind: &CrossKind, get: impl Fn(usize) -> Option<Shape>) -> bool {
    match *kind {
        CrossKind::OneOfRequired(names) => !(0..names.len()).any(|k| present_non_empty(get(k))),
        CrossKind::RequiredWith { non_empty, .. } => {
            let triggered = match get(1) {
                None => false,
                Some(Shape::Str { empty }) if non_empty => !empty,
                Some(_) => !non_empty,
            };
            // A present non-string value is the `type` rule's finding, not this one.
            let satisfied = match get(0) {
                None => false,
                Some(Shape::Str { empty }) => !non_empty || !empty,
                Some(_) => true,
            };
            triggered && !satisfied
        }
        CrossKind::MutuallyExclusive { .. } => get(0).is_some() && (1..4).any(|k| get(k).is_some()),
        CrossKind::DayInMonth { .. } => day_overflow(get(0), get(1), get(2)).is_some(),
    }
}

/// Fields per object that the fast mode tracks on the stack.
const TRACKED: usize = 32;

/// Where the full walk puts what it finds.
enum Sink<'r> {
    /// Violations with their limits and messages.
    Report(&'r mut Report),
    /// Pointer, rule, severity and source only.
    Findings(&'r mut Findings),
    /// The fast mode: nothing is kept (it only learns whether a rule fires).
    Nothing,
}

struct Walker<'r, const FULL: bool> {
    sink: Sink<'r>,
    /// The JSON pointer of the value being checked (RFC 6901, escaped); full mode only.
    ptr: String,
    /// The myshopline version, named in messages.
    version: Option<ApiVersion>,
    /// The source of `integer_range` violations of this body.
    integers: &'static Evidence,
    /// Fast mode: warnings count as hits too.
    warnings: bool,
    /// Fast mode: a rule fired.
    hit: bool,
}

impl<const FULL: bool> Walker<'_, FULL> {
    /// Reports a violation at the current pointer (or at `child` below it).
    /// `detail` gives the message and the limit, unformatted; it is only called
    /// for a full report.
    fn emit(
        &mut self,
        child: Option<&str>,
        rule: Rule,
        severity: Severity,
        ev: &'static Evidence,
        detail: impl FnOnce() -> (Msg, Lim),
    ) {
        if !FULL {
            self.hit |= self.warnings || severity == Severity::Error;
            return;
        }
        let mut pointer = self.ptr.clone();
        if let Some(child) = child {
            push_token(&mut pointer, child);
        }
        if let Sink::Findings(findings) = &mut self.sink {
            findings.push(Finding {
                pointer,
                rule,
                severity,
                source: ev.source,
            });
            return;
        }
        let Sink::Report(report) = &mut self.sink else {
            return;
        };
        let (msg, limit) = detail();
        report.push(Violation {
            pointer,
            rule,
            severity,
            source: Cow::Borrowed(ev.source),
            strength: ev.strength,
            quote: Cow::Borrowed(ev.quote),
            detail: Detail {
                msg,
                limit,
                version: self.version,
                why: why(ev),
            },
        });
    }

    #[inline]
    fn enter(&mut self, token: &str) -> usize {
        let len = self.ptr.len();
        if FULL {
            push_token(&mut self.ptr, token);
        }
        len
    }

    #[inline]
    fn enter_index(&mut self, i: usize) -> usize {
        let len = self.ptr.len();
        if FULL {
            let _ = write!(self.ptr, "/{i}");
        }
        len
    }

    #[inline]
    fn leave(&mut self, len: usize) {
        if FULL {
            self.ptr.truncate(len);
        }
    }

    fn body<J: Json>(&mut self, body: &'static BodySpec, payload: &J) {
        let Some(ev) = body.wrapper else {
            self.object_or_type(body.object, payload, body.object.shape);
            return;
        };
        let View::Obj(obj) = payload.view() else {
            self.emit(None, Rule::Type, ev.severity(), ev, || {
                let ty = json_type(payload);
                (Msg::PayloadNotObject { ty }, Lim::Str("object"))
            });
            return;
        };
        if obj.get("customer").is_none() {
            self.emit(Some("customer"), Rule::Required, ev.severity(), ev, || {
                (Msg::NoCustomer, Lim::None)
            });
        }
        for (key, value) in obj.entries() {
            let len = self.enter(key);
            if key == "customer" {
                self.object_or_type(body.object, value, ev);
            } else {
                self.emit(
                    None,
                    Rule::UnknownField,
                    body.object.unknown.severity(),
                    body.object.unknown,
                    || (Msg::NextToCustomer, Lim::One("customer")),
                );
            }
            self.leave(len);
        }
    }

    fn object_or_type<J: Json>(
        &mut self,
        spec: &'static ObjectSpec,
        value: &J,
        ev: &'static Evidence,
    ) {
        match value.view() {
            View::Obj(obj) => self.object::<J>(spec, obj),
            _ => self.emit(None, Rule::Type, ev.severity(), ev, || {
                let ty = json_type(value);
                (Msg::NotObject { ty }, Lim::Str("object"))
            }),
        }
    }

    fn object<J: Json>(&mut self, spec: &'static ObjectSpec, obj: &J::Obj) {
        if spec.fields.len() > TRACKED {
            // Not reached with today's tables (a tables test keeps objects within
            // TRACKED fields); kept so that a larger object is still judged.
            self.required(spec, |_, f| obj.get(f.name).is_some());
            for cross in spec.cross {
                self.cross(cross, &|_, name| obj.get(name));
            }
            for (key, value) in obj.entries() {
                let len = self.enter(key);
                match spec.field(key) {
                    Some(field) => {
                        self.exclusive(spec, field, &|name| obj.get(name));
                        self.field(field, value);
                    }
                    None => self.unknown(spec, key),
                }
                self.leave(len);
            }
            return;
        }
        // Note which fields are present as bits, and their values by field
        // index: object-level rules then read them without hashing keys.
        let mut seen = 0u32;
        let mut values: [Option<&J>; TRACKED] = [None; TRACKED];
        let mut hint = 0;
        if FULL {
            // The field index of each of the first entries, for the second pass.
            let mut found = [NONE; TRACKED * 2];
            for (n, (key, value)) in obj.entries().enumerate() {
                if let Some(i) = spec.index_of(key, &mut hint) {
                    seen |= 1 << i;
                    values[i] = Some(value);
                    if let Some(slot) = found.get_mut(n) {
                        *slot = i as u8;
                    }
                }
            }
            // Object-level rules first, so that reports follow the document.
            self.required(spec, |i, _| seen & (1 << i) != 0);
            for (cross, slots) in spec.cross.iter().zip(spec.slots()) {
                let get = |k: usize, _: &str| values.get(usize::from(slots[k])).copied().flatten();
                self.cross(cross, &get);
            }
            let get = |name: &str| spec.position(name).and_then(|i| values[i]);
            hint = 0;
            for (n, (key, value)) in obj.entries().enumerate() {
                let index = match found.get(n) {
                    Some(&NONE) => None,
                    Some(&i) => Some(usize::from(i)),
                    None => spec.index_of(key, &mut hint),
                };
                let len = self.ptr.len();
                match index {
                    // A documented name needs no escaping (a tables test keeps `~` and `/` out).
                    Some(i) => {
                        self.ptr.push('/');
                        self.ptr.push_str(spec.fields[i].name);
                    }
                    None => push_token(&mut self.ptr, key),
                }
                match index {
                    Some(i) => {
                        let field = &spec.fields[i];
                        if seen & spec.exclusive_mask() & (1 << i) != 0 {
                            self.exclusive(spec, field, &get);
                        }
                        self.field(field, value);
                    }
                    None => self.unknown(spec, key),
                }
                self.leave(len);
            }
            return;
        }
        for (key, value) in obj.entries() {
            match spec.index_of(key, &mut hint) {
                Some(i) => {
                    seen |= 1 << i;
                    values[i] = Some(value);
                    self.field(&spec.fields[i], value);
                }
                None => self.unknown(spec, key),
            }
            if self.hit {
                return;
            }
        }
        let (required, required_warn) = spec.required_masks();
        if (required | required_warn) & !seen != 0 {
            self.required(spec, |i, _| seen & (1 << i) != 0);
        }
        for (cross, slots) in spec.cross.iter().zip(spec.slots()) {
            let get = |k: usize, _: &str| values.get(usize::from(slots[k])).copied().flatten();
            self.cross(cross, &get);
        }
    }

    /// Required fields that are missing.
    fn required(&mut self, spec: &ObjectSpec, present: impl Fn(usize, &Field) -> bool) {
        for (i, field) in spec.fields.iter().enumerate() {
            let severity = match field.presence {
                Presence::Required => Severity::Error,
                Presence::RequiredWarn => Severity::Warning,
                _ => continue,
            };
            if !present(i, field) {
                self.emit(
                    Some(field.name),
                    Rule::Required,
                    severity,
                    field.presence_ev,
                    || {
                        let error = severity == Severity::Error;
                        (Msg::Required { error }, Lim::None)
                    },
                );
            }
        }
    }

    /// A cross-field rule. `get(k, name)` is the value of the `k`-th name of
    /// [`CrossKind::names`].
    fn cross<'j, J: Json + 'j>(
        &mut self,
        cross: &Cross,
        get: &dyn Fn(usize, &str) -> Option<&'j J>,
    ) {
        let names = cross.kind.names();
        let at = |k: usize| names[k].and_then(|n| get(k, n)).map(Shape::of);
        if !cross_fires(&cross.kind, at) {
            return;
        }
        match cross.kind {
            CrossKind::OneOfRequired(names) => {
                self.emit(None, Rule::OneOfRequired, cross.severity, cross.ev, || {
                    (Msg::OneOfRequired { names }, Lim::Strs(names))
                });
            }
            CrossKind::RequiredWith {
                field,
                trigger,
                non_empty,
            } => {
                self.emit(
                    Some(field),
                    Rule::RequiredWith,
                    cross.severity,
                    cross.ev,
                    || (Msg::RequiredWith { trigger, non_empty }, Lim::One(trigger)),
                );
            }
            CrossKind::MutuallyExclusive { field, others } => {
                // The full report names it where the walk meets `field`, so it sorts with it.
                if !FULL {
                    self.emit(
                        Some(field),
                        Rule::MutuallyExclusive,
                        cross.severity,
                        cross.ev,
                        || (Msg::Text(String::new()), Lim::Strs(others)),
                    );
                }
            }
            CrossKind::DayInMonth { year, month, day } => {
                let Some((y, m, d, days)) = day_overflow(at(0), at(1), at(2)) else {
                    return;
                };
                self.emit(Some(day), Rule::Range, cross.severity, cross.ev, || {
                    (Msg::DayInMonth { y, m, d, days }, Lim::Two(year, month))
                });
            }
        }
    }

    /// Mutual exclusions that name `field`; reported at `field`.
    fn exclusive<'j, J: Json + 'j>(
        &mut self,
        spec: &ObjectSpec,
        field: &Field,
        get: &dyn Fn(&str) -> Option<&'j J>,
    ) {
        for cross in spec.cross {
            if let CrossKind::MutuallyExclusive {
                field: name,
                others,
            } = cross.kind
                && name == field.name
                && others.iter().any(|o| get(o).is_some())
            {
                self.emit(
                    None,
                    Rule::MutuallyExclusive,
                    cross.severity,
                    cross.ev,
                    || {
                        let sent = others
                            .iter()
                            .enumerate()
                            .filter(|(_, o)| get(o).is_some())
                            .fold(0u8, |mask, (k, _)| {
                                mask | 1u8.checked_shl(k as u32).unwrap_or(0)
                            });
                        (Msg::MutuallyExclusive { others, sent }, Lim::Strs(others))
                    },
                );
            }
        }
    }

    fn unknown(&mut self, spec: &'static ObjectSpec, key: &str) {
        match spec.hint(key) {
            Some(hint) => self.emit(
                None,
                Rule::UnknownField,
                hint.ev.severity(),
                hint.ev,
                || {
                    let instead = hint.instead;
                    (Msg::Hint { instead }, Lim::One(instead))
                },
            ),
            None => self.emit(
                None,
                Rule::UnknownField,
                spec.unknown.severity(),
                spec.unknown,
                || {
                    let fields = spec.fields;
                    (Msg::Unknown { fields }, Lim::Documented(fields))
                },
            ),
        }
    }

    fn field<J: Json>(&mut self, field: &'static Field, value: &J) {
        match field.presence {
            Presence::NotUpdatable => {
                self.emit(
                    None,
                    Rule::NotUpdatable,
                    field.presence_ev.severity(),
                    field.presence_ev,
                    || (Msg::NotUpdatable, Lim::None),
                );
                return;
            }
            Presence::OtherVersion => self.emit(
                None,
                Rule::UnknownField,
                Severity::Warning,
                field.presence_ev,
                || (Msg::OtherVersion, Lim::None),
            ),
            Presence::Deprecated(deprecation) => self.emit(
                None,
                Rule::Deprecated,
                Severity::Warning,
                field.presence_ev,
                || {
                    let limit = deprecation.since.map_or(Lim::None, Lim::Str);
                    (Msg::Deprecated(deprecation), limit)
                },
            ),
            Presence::Optional | Presence::Required | Presence::RequiredWarn => {}
        }
        if let View::Null = value.view() {
            if !field.nullable {
                self.type_error(&field.kind, value, field.ev);
            } else if field.presence == Presence::RequiredWarn {
                self.emit(
                    None,
                    Rule::Required,
                    Severity::Warning,
                    field.presence_ev,
                    || (Msg::RequiredNull, Lim::None),
                );
            }
            return;
        }
        self.value(&field.kind, field.checks, value, field.ev);
    }

    fn type_error<J: Json>(&mut self, kind: &'static Kind, value: &J, ev: &'static Evidence) {
        self.emit(None, Rule::Type, ev.severity(), ev, || {
            let names = kind.type_names();
            let limit = if names.len() == 1 {
                Lim::Str(names[0])
            } else {
                Lim::Strs(names)
            };
            let expected = match kind {
                Kind::IntOrEmpty => Expected::IntOrEmpty,
                Kind::StrOrStrArray => Expected::StrOrStrArray,
                _ => Expected::Names(names),
            };
            let shown = match value.view() {
                View::Str(s) if s.chars().count() <= 20 => Shown::Str(s.into()),
                _ => Shown::Type(json_type(value)),
            };
            let unquote = match (kind, value.view()) {
                (Kind::Bool | Kind::True, View::Str("true")) => Some(true),
                (Kind::Bool | Kind::True, View::Str("false")) => Some(false),
                _ => None,
            };
            (
                Msg::Type {
                    shown,
                    expected,
                    unquote,
                },
                limit,
            )
        });
    }

    fn value<J: Json>(
        &mut self,
        kind: &'static Kind,
        checks: &'static [Check],
        value: &J,
        ev: &'static Evidence,
    ) {
        match (kind, value.view()) {
            (Kind::Str, View::Str(s)) => self.string_checks(checks, s),
            (Kind::Int, View::Num(n)) if int_number(n) => self.int_checks(checks, n),
            (Kind::Bool, View::Bool(_)) | (Kind::True, View::Bool(true)) => {}
            (Kind::True, View::Bool(false)) => {
                self.emit(None, Rule::Enum, ev.severity(), ev, || {
                    (Msg::OnlyTrue, Lim::OnlyTrue)
                })
            }
            (Kind::StrEnum(allowed), View::Str(s)) => {
                if !allowed.contains(&s) {
                    self.emit(None, Rule::Enum, ev.severity(), ev, || {
                        let value = s.into();
                        (Msg::StrEnum { value, allowed }, Lim::Strs(allowed))
                    });
                }
            }
            (Kind::Object(spec), View::Obj(obj)) => self.object::<J>(spec, obj),
            (Kind::AnyObject, View::Obj(_)) => {}
            (Kind::Array(item), View::Arr(items)) => {
                self.array_checks(checks, items.len());
                for (i, v) in items.iter().enumerate() {
                    let len = self.enter_index(i);
                    // Array items are never nullable.
                    if let View::Null = v.view() {
                        self.type_error(item, v, ev);
                    } else {
                        self.value(item, &[], v, ev);
                    }
                    self.leave(len);
                }
            }
            (Kind::IntOrEmpty, View::Str("")) => {}
            (Kind::IntOrEmpty, View::Num(n)) if int_number(n) => self.int_checks(checks, n),
            (Kind::StrOrStrArray, View::Str(s)) => self.string_checks(checks, s),
            (Kind::StrOrStrArray, View::Arr(items)) => {
                for (i, v) in items.iter().enumerate() {
                    if !matches!(v.view(), View::Str(_)) {
                        let len = self.enter_index(i);
                        self.type_error(&Kind::Str, v, ev);
                        self.leave(len);
                    }
                }
            }
            _ => self.type_error(kind, value, ev),
        }
    }

    /// Fast mode without warnings: a warning check cannot change the answer.
    #[inline]
    fn skips(&self, check: &Check) -> bool {
        !FULL && !self.warnings && check.severity == Severity::Warning
    }

    fn string_checks(&mut self, checks: &'static [Check], s: &str) {
        for check in checks {
            if self.skips(check) || !str_check_fires(check.kind, s) {
                continue;
            }
            if !FULL {
                self.emit_check(check, || (Msg::Text(String::new()), Lim::None));
                continue;
            }
            match check.kind {
                CheckKind::MaxLength(max) => self.emit_check(check, || {
                    let n = s.chars().count();
                    let msg = Msg::Length {
                        n,
                        limit: max,
                        at_least: false,
                    };
                    (msg, Lim::Count(max))
                }),
                CheckKind::MinLength(min) => self.emit_check(check, || {
                    let n = s.chars().count();
                    let msg = Msg::Length {
                        n,
                        limit: min,
                        at_least: true,
                    };
                    (msg, Lim::Count(min))
                }),
                CheckKind::Format(format) => self.emit_check(check, || {
                    let value = (s.chars().count() <= 40).then(|| s.into());
                    (Msg::Format { value, format }, Lim::Str(format.name()))
                }),
                CheckKind::ListCount(max) => self.emit_check(check, || {
                    let n = s.bytes().filter(|&b| b == b',').count() + 1;
                    (Msg::ListCount { n, max }, Lim::Count(max))
                }),
                CheckKind::ListItemLength(max) => {
                    let Some((i, n)) = s
                        .split(',')
                        .map(|t| t.chars().count())
                        .enumerate()
                        .find(|&(_, n)| n > max)
                    else {
                        continue;
                    };
                    self.emit_check(check, || {
                        (Msg::ListItemLength { i, n, max }, Lim::Count(max))
                    });
                }
                CheckKind::Future => self.emit_check(check, || {
                    let value = s.into();
                    (Msg::Future { value }, Lim::Str("a future date"))
                }),
                CheckKind::IntEnum(_) | CheckKind::Range(..) | CheckKind::MaxItems(_) => {}
            }
        }
    }

    fn int_checks(&mut self, checks: &'static [Check], n: &serde_json::Number) {
        if !exact_integer(n) {
            // A value no store keeps is not judged further: one rule per fault.
            let (lo, hi) = INTEGER_RANGE;
            self.emit(
                None,
                Rule::IntegerRange,
                self.integers.severity(),
                self.integers,
                || (Msg::IntegerRange { n: n.clone() }, Lim::Pair(lo, hi)),
            );
            return;
        }
        for check in checks {
            if self.skips(check) || !int_check_fires(check.kind, n) {
                continue;
            }
            match check.kind {
                CheckKind::IntEnum(allowed) => self.emit_check(check, || {
                    let n = n.clone();
                    (Msg::IntEnum { n, allowed }, Lim::Ints(allowed))
                }),
                CheckKind::Range(lo, hi) => self.emit_check(check, || {
                    let n = n.clone();
                    (Msg::Range { n, lo, hi }, Lim::Pair(lo, hi))
                }),
                _ => {}
            }
        }
    }

    fn array_checks(&mut self, checks: &'static [Check], len: usize) {
        for check in checks {
            if let CheckKind::MaxItems(max) = check.kind
                && array_check_fires(check.kind, len)
            {
                self.emit_check(check, || (Msg::MaxItems { len, max }, Lim::Count(max)));
            }
        }
    }

    fn emit_check(&mut self, check: &Check, detail: impl FnOnce() -> (Msg, Lim)) {
        self.emit(None, check.kind.rule(), check.severity, check.ev, detail);
    }
}

#[cfg(all(test, feature = "proptest"))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::Target;
    use crate::testing::{arbitrary_json, mutation, valid_payload};

    /// The fast mode must fire exactly when the full mode reports something (and,
    /// without warnings, exactly when it reports an error), on the tree and on
    /// the bytes; otherwise `validate_value` would hide a violation.
    fn agree(target: Target, value: &Value) -> Result<(), TestCaseError> {
        let Some(body) = tables::body(target.api, target.operation, target.version) else {
            return Ok(());
        };
        let report = full(body, target.api, target.version, value);
        let reported = !(report.errors.is_empty() && report.warnings.is_empty());
        prop_assert_eq!(fires(body, value, true), reported, "{} {}", target, value);
        prop_assert_eq!(
            fires(body, value, false),
            !report.is_valid(),
            "{} {}",
            target,
            value
        );
        let text = serde_json::to_vec(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let any = scan::scan(body, &text, true);
        let errors = scan::scan(body, &text, false);
        // A tree has no repeated keys: the scanner always decides.
        prop_assert_eq!(any == Verdict::Fired, reported, "{} {}", target, value);
        prop_assert_eq!(
            errors == Verdict::Fired,
            !report.is_valid(),
            "{} {}",
            target,
            value
        );
        prop_assert!(any != Verdict::Unsure && errors != Verdict::Unsure);
        // The findings walk reports the same violations, in the same order.
        let found = findings(target.api, target.operation, target.version, value);
        let project = |v: &[Violation]| -> Vec<(String, Rule, Severity, String)> {
            v.iter()
                .map(|v| (v.pointer.clone(), v.rule, v.severity, v.source.to_string()))
                .collect()
        };
        let project_found = |v: &[Finding]| -> Vec<(String, Rule, Severity, String)> {
            v.iter()
                .map(|f| (f.pointer.clone(), f.rule, f.severity, f.source.to_owned()))
                .collect()
        };
        prop_assert_eq!(project_found(&found.errors), project(&report.errors));
        prop_assert_eq!(project_found(&found.warnings), project(&report.warnings));
        Ok(())
    }

    proptest! {
        #[test]
        fn fast_mode_agrees_on_arbitrary_json(value in arbitrary_json()) {
            for target in Target::all() {
                agree(target, &value)?;
            }
        }

        #[test]
        fn fast_mode_agrees_on_generated_payloads(
            (target, valid, broken) in proptest::sample::select(Target::all())
                .prop_flat_map(|t| (Just(t), valid_payload(t), mutation(t)))
        ) {
            agree(target, &valid)?;
            agree(target, &broken.payload)?;
        }
    }
}

#[cfg(test)]
mod list_tests {
    use super::{any_item, padded};

    #[test]
    fn padded_is_trim_changes() {
        let mut cases: Vec<String> = (0u32..0x3100)
            .filter_map(char::from_u32)
            .flat_map(|c| [format!("{c}a"), format!("a{c}"), c.to_string()])
            .collect();
        cases.extend(["", "a", " a ", "tag"].map(String::from));
        for t in &cases {
            assert_eq!(padded(t), t.trim() != t, "{t:?}");
        }
    }

    #[test]
    fn items_are_split_items() {
        for s in ["", ",", "a", "a,b", ",a,", "a,,b", "é,ü ,x"] {
            let mut seen = Vec::new();
            assert!(!any_item(s, |t| {
                seen.push(t.to_owned());
                false
            }));
            assert_eq!(seen, s.split(',').collect::<Vec<_>>(), "{s:?}");
        }
    }
}

#[cfg(test)]
mod tree_tests {
    use super::*;
    use crate::Target;

    /// The borrowed tree of the slow path gives the report a `Value` gives,
    /// byte for byte: repeated keys (first position, last value), escapes,
    /// floats, nesting.
    #[test]
    fn tree_reports_are_value_reports() {
        // Wide enough for the hash index of repeated keys, with a key repeated
        // before and after the index is built.
        let wide = format!(
            r#"{{"email": "a", {}, "email": "b@c", "k3": "again", "first_name": 5}}"#,
            (0..100)
                .map(|i| format!(r#""k{i}": {i}"#))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let texts = [
            wide.as_str(),
            r#"{"email": "a", "email": "b@c", "first_name": 5, "x\u0041": 1}"#,
            r#"{"gender": "f", "gender": "female", "tags": "a,,b ", "birthday": "1990-02-30"}"#,
            r#"{"customer": {"first_name": "caf\u00e9", "addresses": [{"zip": 1e300}, null, {"zip": 1.5}], "gender": 9}}"#,
            r#"{"customer": {"phone": 12345678901234567890, "tags": "x", "tags": 3}, "other": {"a": [1]}}"#,
            r#"{"id": 2.0, "customervip_id": "", "email": "e", "status": 1, "numberCode": "1"}"#,
            r#"[1, 2]"#,
        ];
        for target in Target::all() {
            let Some(body) = tables::body(target.api, target.operation, target.version) else {
                continue;
            };
            for text in texts {
                let value: Value = serde_json::from_str(text).expect("JSON");
                let tree: Tree<'_> = serde_json::from_str(text).expect("JSON");
                let a = full(body, target.api, target.version, &value);
                let b = full(body, target.api, target.version, &tree);
                assert_eq!(
                    serde_json::to_string(&a).expect("serialises"),
                    serde_json::to_string(&b).expect("serialises"),
                    "{target} {text}"
                );
            }
        }
    }
}
