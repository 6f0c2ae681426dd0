//! Proptest generators, built from the same rule tables as the engine (enable the
//! `proptest` feature).
//!
//! * [`valid_payload`]: payloads that break no documented rule of a target (they
//!   may draw warnings, e.g. for deprecated fields). Strings are printable,
//!   within every limit (inferred ones too), and shaped like the field (emails,
//!   phone numbers, dates); making emails unique for a live store is the
//!   caller's job.
//! * [`mutation`]: a valid payload with exactly one documented rule broken, with
//!   the rule id and JSON pointer the validator must report.
//! * [`arbitrary_json`]: any JSON, with keys that reach deep into the documented
//!   shapes, for "never panics" tests.
//!
//! ```
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//! use shopspec_validate::{testing, validate_value, Api, Operation, Target};
//!
//! let target = Target::new(Api::Shopline, Operation::CreateCustomer);
//! let mut runner = TestRunner::deterministic();
//! let m = testing::mutation(target).new_tree(&mut runner).unwrap().current();
//! assert!(validate_value(target, &m.payload).has_error(m.rule, &m.pointer));
//! ```

use std::sync::Arc;

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::Target;
use crate::engine::push_token;
use crate::report::{Rule, Severity};
use crate::tables::{self, Check, CheckKind, CrossKind, Field, Format, Kind, ObjectSpec, Presence};

// ---------------------------------------------------------------------------
// Valid payloads
// ---------------------------------------------------------------------------

/// Payloads that break no documented rule of `target` (warnings allowed).
///
/// For a myshopline target with an unsupported version there is no valid
/// payload: the strategy yields `{"customer": {}}`, which the validator rejects.
pub fn valid_payload(target: Target) -> BoxedStrategy<Value> {
    let Some(body) = tables::body(target.api, target.operation, target.version) else {
        return Just(json!({"customer": {}})).boxed();
    };
    let object = object_strategy(body.object);
    if body.wrapper.is_some() {
        object.prop_map(|m| json!({ "customer": m })).boxed()
    } else {
        object.prop_map(Value::Object).boxed()
    }
}

fn object_strategy(spec: &'static ObjectSpec) -> BoxedStrategy<Map<String, Value>> {
    let parts: Vec<BoxedStrategy<Option<Value>>> = spec
        .fields
        .iter()
        .filter(|f| f.presence != Presence::NotUpdatable)
        .map(|f| {
            let value = field_strategy(f);
            match f.presence {
                Presence::Required => value.prop_map(Some).boxed(),
                Presence::RequiredWarn => proptest::option::weighted(0.8, value).boxed(),
                _ => proptest::option::weighted(0.4, value).boxed(),
            }
        })
        .collect();
    parts
        .prop_map(move |values| {
            let names = spec
                .fields
                .iter()
                .filter(|f| f.presence != Presence::NotUpdatable);
            let mut map = Map::new();
            for (field, value) in names.zip(values) {
                if let Some(v) = value {
                    map.insert(field.name.to_owned(), v);
                }
            }
            fix_up(spec, &mut map);
            map
        })
        .boxed()
}

/// Makes a random field selection satisfy the object's cross-field rules.
fn fix_up(spec: &ObjectSpec, map: &mut Map<String, Value>) {
    for cross in spec.cross {
        if let CrossKind::MutuallyExclusive { field, others } = cross.kind
            && map.contains_key(field)
        {
            for o in others {
                map.remove(*o);
            }
        }
    }
    for cross in spec.cross {
        match cross.kind {
            CrossKind::OneOfRequired(names) => {
                if !names.iter().any(|n| non_empty(map.get(*n)))
                    && let Some(f) = spec.field(names[0])
                {
                    map.insert(f.name.to_owned(), sample(f));
                }
            }
            CrossKind::RequiredWith {
                field,
                trigger,
                non_empty,
            } => {
                let triggered = if non_empty {
                    map.get(trigger)
                        .and_then(Value::as_str)
                        .is_some_and(|s| !s.is_empty())
                } else {
                    map.contains_key(trigger)
                };
                let satisfied = if non_empty {
                    self::non_empty(map.get(field))
                } else {
                    map.contains_key(field)
                };
                if triggered
                    && !satisfied
                    && let Some(f) = spec.field(field)
                {
                    map.insert(f.name.to_owned(), sample(f));
                }
            }
            CrossKind::MutuallyExclusive { .. } => {}
            // Days 1-28 exist in every month.
            CrossKind::DayInMonth { day, .. } => {
                if let Some(d) = map.get(day).and_then(Value::as_i64)
                    && d > 28
                {
                    map.insert(day.to_owned(), json!(28));
                }
            }
        }
    }
    // A store compares the two; keep them equal like a real sign-up form does.
    if let (Some(p), true) = (
        map.get("password").cloned(),
        map.contains_key("password_confirmation"),
    ) {
        map.insert("password_confirmation".to_owned(), p);
    }
}

fn non_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn field_strategy(field: &'static Field) -> BoxedStrategy<Value> {
    let value = kind_strategy(field.name, &field.kind, field.checks);
    if field.nullable {
        prop_oneof![9 => value, 1 => Just(Value::Null)].boxed()
    } else {
        value
    }
}

fn max_len(checks: &[Check]) -> Option<usize> {
    checks
        .iter()
        .filter_map(|c| match c.kind {
            CheckKind::MaxLength(n) => Some(n),
            _ => None,
        })
        .min()
}

fn min_len(checks: &[Check]) -> usize {
    checks
        .iter()
        .filter_map(|c| match c.kind {
            CheckKind::MinLength(n) => Some(n),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .max(1)
}

fn format_of(checks: &[Check]) -> Option<Format> {
    checks.iter().find_map(|c| match c.kind {
        // Hygiene formats do not shape a value; generated values satisfy them anyway.
        CheckKind::Format(f)
            if !matches!(f, Format::Email | Format::NoComma | Format::TidyList) =>
        {
            Some(f)
        }
        _ => None,
    })
}

fn list_item_len(checks: &[Check]) -> Option<usize> {
    checks.iter().find_map(|c| match c.kind {
        CheckKind::ListItemLength(n) => Some(n),
        _ => None,
    })
}

fn kind_strategy(
    name: &'static str,
    kind: &'static Kind,
    checks: &'static [Check],
) -> BoxedStrategy<Value> {
    match kind {
        Kind::Str => string_strategy(name, checks)
            .prop_map(Value::String)
            .boxed(),
        Kind::Int => int_strategy(name, checks).prop_map(|n| json!(n)).boxed(),
        Kind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Kind::True => Just(Value::Bool(true)).boxed(),
        Kind::StrEnum(values) => proptest::sample::select(*values)
            .prop_map(|s| json!(s))
            .boxed(),
        Kind::Object(spec) => object_strategy(spec).prop_map(Value::Object).boxed(),
        Kind::AnyObject => Just(json!({})).boxed(),
        Kind::Array(item) => {
            let max = checks
                .iter()
                .filter_map(|c| match c.kind {
                    CheckKind::MaxItems(n) => Some(n),
                    _ => None,
                })
                .min()
                .unwrap_or(3)
                .min(3);
            proptest::collection::vec(kind_strategy(name, item, &[]), 0..=max)
                .prop_map(Value::Array)
                .boxed()
        }
        Kind::IntOrEmpty => {
            prop_oneof![Just(json!("")), (0i64..=20).prop_map(|n| json!(n))].boxed()
        }
        Kind::StrOrStrArray => {
            let phone = digits(7, 10);
            prop_oneof![
                phone.clone().prop_map(Value::String),
                proptest::collection::vec(phone, 1..=3).prop_map(|v| json!(v)),
            ]
            .boxed()
        }
    }
}

fn int_strategy(name: &str, checks: &[Check]) -> BoxedStrategy<i64> {
    for c in checks {
        match c.kind {
            CheckKind::IntEnum(values) => return proptest::sample::select(values).boxed(),
            CheckKind::Range(lo, hi) => return (lo..=hi).boxed(),
            _ => {}
        }
    }
    match name {
        "birth_year" => (1930i64..=2010).boxed(),
        "id" => (1i64..=10_000_000).boxed(),
        _ => (0i64..=100).boxed(),
    }
}

fn digits(min: usize, max: usize) -> BoxedStrategy<String> {
    proptest::collection::vec(proptest::char::range('0', '9'), min..=max.max(min))
        .prop_map(|v| v.into_iter().collect())
        .boxed()
}

/// Printable text: ASCII letters and digits, some CJK, a hyphen.
fn text(min: usize, max: usize) -> BoxedStrategy<String> {
    let ch = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        1 => proptest::char::range('0', '9'),
        2 => proptest::char::range('\u{4e00}', '\u{9fa5}'),
        1 => Just('-'),
    ];
    let short = max.min(24).max(min);
    let len = prop_oneof![8 => min..=short, 1 => Just(max)];
    len.prop_flat_map(move |n| proptest::collection::vec(ch.clone(), n))
        .prop_map(|v| v.into_iter().collect())
        .boxed()
}

fn email(max: usize) -> BoxedStrategy<String> {
    // local@domain.tld within `max` characters.
    let budget = max.saturating_sub(5).max(2);
    let local = budget / 2;
    (
        "[a-z][a-z0-9._]{0,30}",
        "[a-z][a-z0-9]{0,20}",
        proptest::sample::select(&["com", "net", "tw", "cn"][..]),
    )
        .prop_map(move |(l, d, tld): (String, String, &str)| {
            let l: String = l.chars().take(local.max(1)).collect();
            let d: String = d
                .chars()
                .take((budget - local.min(budget)).max(1))
                .collect();
            format!("{l}@{d}.{tld}")
        })
        .boxed()
}

fn date_parts() -> impl Strategy<Value = (i32, u8, u8)> {
    (1930i32..=2010, 1u8..=12, 1u8..=28)
}

fn string_strategy(name: &'static str, checks: &'static [Check]) -> BoxedStrategy<String> {
    let max = max_len(checks);
    let min = min_len(checks);
    if let Some(format) = format_of(checks) {
        return match format {
            Format::Email => email(max.unwrap_or(50)),
            Format::IsoDate | Format::Year19Or20 => date_parts()
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
                .boxed(),
            Format::CompactDate => date_parts()
                .prop_map(|(y, m, d)| format!("{y:04}{m:02}{d:02}"))
                .boxed(),
            Format::DateTime => (
                date_parts(),
                0u8..24,
                0u8..60,
                prop_oneof![Just("Z"), Just("+08:00")],
            )
                .prop_map(|((y, m, d), h, min, tz)| {
                    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00{tz}")
                })
                .boxed(),
            Format::Prefix00 => digits(6, max.unwrap_or(20).saturating_sub(2).min(15))
                .prop_map(|d| format!("00{d}"))
                .boxed(),
            Format::CountryAlpha2 => "[A-Z]{2}".boxed(),
            Format::NoComma | Format::TidyList => text(1, max.unwrap_or(24)),
        };
    }
    if let Some(item) = list_item_len(checks) {
        return proptest::collection::vec(text(1, item.min(20)), 1..=5)
            .prop_map(|tags| tags.join(","))
            .boxed();
    }
    let max = max.unwrap_or(usize::MAX);
    match name {
        "email" => email(max.min(50)),
        "country_code" => "[A-Z]{2}".boxed(),
        "numberCode"
        | "phone_prefix"
        | "phone_country_code"
        | "recipient_phone_country_code"
        | "mobile_phone_country_calling_code" => "[1-9][0-9]{0,2}".boxed(),
        n if n.contains("phone") => digits(6, max.min(15)),
        "zip" | "postcode" => digits(5, 5),
        "locale_code" => proptest::sample::select(&["en", "zh-hant", "zh-cn"][..])
            .prop_map(str::to_owned)
            .boxed(),
        "registered_at" | "tier_expires_at" => Just("2030-01-01T00:00:00Z".to_owned()).boxed(),
        "consent_collected_from" => proptest::sample::select(&["pop", "checkout", "import"][..])
            .prop_map(str::to_owned)
            .boxed(),
        "password" | "password_confirmation" => "[A-Za-z0-9]{8,12}".boxed(),
        _ => text(min, max.min(1000)),
    }
}

/// A fixed valid value of a field, used when a rule needs the field present.
fn sample(field: &Field) -> Value {
    sample_kind(field.name, &field.kind, field.checks)
}

fn sample_kind(name: &str, kind: &Kind, checks: &[Check]) -> Value {
    match kind {
        Kind::Str => json!(sample_str(name, checks)),
        Kind::Int => {
            for c in checks {
                match c.kind {
                    CheckKind::IntEnum(values) => return json!(values[0]),
                    CheckKind::Range(lo, _) => return json!(lo),
                    _ => {}
                }
            }
            json!(if name == "birth_year" { 1990 } else { 1 })
        }
        Kind::Bool | Kind::True => json!(true),
        Kind::StrEnum(values) => json!(values[0]),
        Kind::Object(_) | Kind::AnyObject => json!({}),
        Kind::Array(_) => json!([]),
        Kind::IntOrEmpty => json!(1),
        Kind::StrOrStrArray => json!("0227423966"),
    }
}

fn sample_str(name: &str, checks: &[Check]) -> &'static str {
    if let Some(format) = format_of(checks) {
        return match format {
            Format::Email => "ann@example.com",
            Format::IsoDate | Format::Year19Or20 => "1990-01-02",
            Format::CompactDate => "19900102",
            Format::DateTime => "2022-05-31T15:32:46+08:00",
            Format::Prefix00 => "008615834564475",
            Format::CountryAlpha2 => "US",
            Format::NoComma | Format::TidyList => "sample",
        };
    }
    if list_item_len(checks).is_some() {
        return "loyal";
    }
    match name {
        "email" => "ann@example.com",
        "country_code" => "US",
        "numberCode"
        | "phone_prefix"
        | "phone_country_code"
        | "recipient_phone_country_code"
        | "mobile_phone_country_calling_code" => "886",
        n if n.contains("phone") => "0227423966",
        "password" | "password_confirmation" => "Secret123",
        _ => "sample",
    }
}

// ---------------------------------------------------------------------------
// Single-rule mutations
// ---------------------------------------------------------------------------

/// A valid payload with one documented rule broken.
#[derive(Debug, Clone, PartialEq)]
pub struct Mutation {
    /// The broken payload.
    pub payload: Value,
    /// The rule the validator must report.
    pub rule: Rule,
    /// How the validator must report it: an error for a documented rule, a
    /// warning (and no error) for an inferred one.
    pub severity: Severity,
    /// Where the validator must report it (JSON pointer).
    pub pointer: String,
    /// The catalogue pointer template of the rule (`*` = any array index).
    pub template: String,
    /// `true` when JSON Schema can state the broken rule, so a schema validator
    /// must reject the payload too (a real-date check of `yyyyMMdd` cannot).
    pub schema_expressible: bool,
    /// What was changed, for failure messages.
    pub what: String,
}

/// Payloads of `target` with exactly one rule broken: every documented rule,
/// and the inferred rules of a payload's shape (undocumented keys, integers
/// beyond 64 bits, types of fields only inferred), each with the severity the
/// validator must give it.
pub fn mutation(target: Target) -> BoxedStrategy<Mutation> {
    let plans = Arc::new(plans(target));
    if plans.is_empty() {
        // Unsupported version: every payload draws the one `enum` error.
        return Just(Mutation {
            payload: json!({"customer": {}}),
            rule: Rule::Enum,
            severity: Severity::Error,
            pointer: String::new(),
            template: String::new(),
            schema_expressible: false,
            what: format!("unsupported API version {}", target.version),
        })
        .boxed();
    }
    let n = plans.len();
    (valid_payload(target), 0..n)
        .prop_map(move |(payload, i)| plans[i].apply(payload))
        .boxed()
}

/// Every single-rule mutation [`mutation`] can make of `payload` (a valid
/// payload of `target`), one per rule and broken value, in table order: for
/// tests that want each rule broken at least once.
pub fn mutations_of(target: Target, payload: &Value) -> Vec<Mutation> {
    plans(target)
        .iter()
        .map(|plan| plan.apply(payload.clone()))
        .collect()
}

/// The `(rule, pointer template)` pairs [`mutation`] can break for `target`:
/// every error rule of the [`catalogue`](crate::catalogue).
pub fn mutation_rules(target: Target) -> Vec<(Rule, String)> {
    let mut out: Vec<(Rule, String)> = plans(target)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.rule, p.template))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[derive(Debug, Clone, Copy)]
enum Seg {
    Key(&'static str),
    Index,
}

#[derive(Debug, Clone)]
enum Op {
    /// Replace the whole body.
    Body(Value),
    /// Set a key of the object at `path` (dropping fields it excludes).
    Set(&'static str, Value),
    /// Set two keys, keeping both (to break a mutual exclusion).
    SetBoth(&'static str, Value, &'static str, Value),
    /// Remove keys of the object at `path`.
    Remove(&'static [&'static str]),
    /// Set `trigger`, and remove (`None`) or blank (`Some("")`) `field`.
    Trigger(&'static str, Value, &'static str, Option<Value>),
    /// Set year/month/day to 2001-02-29 and remove the excluded field.
    Date(&'static str, &'static str, &'static str, &'static str),
}

#[derive(Debug, Clone)]
struct Plan {
    /// Path to the object the operation works on.
    path: Vec<Seg>,
    /// The object's table (for exclusions), if any.
    spec: Option<&'static ObjectSpec>,
    op: Op,
    rule: Rule,
    /// Set from the catalogue entry the plan breaks (see [`plans`]).
    severity: Severity,
    /// Expected pointer below `path` (`""` for the object itself).
    at: String,
    template: String,
    expressible: bool,
    what: String,
}

fn path_pointer(path: &[Seg], index: &str) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => push_token(&mut out, k),
            Seg::Index => {
                out.push('/');
                out.push_str(index);
            }
        }
    }
    out
}

impl Plan {
    fn apply(&self, mut payload: Value) -> Mutation {
        if let Op::Body(body) = &self.op {
            payload = body.clone();
        } else {
            let obj = navigate(&mut payload, &self.path);
            match &self.op {
                Op::Body(_) => {}
                Op::Set(key, value) => {
                    if let Some(spec) = self.spec {
                        for cross in spec.cross {
                            if let CrossKind::MutuallyExclusive { field, others } = cross.kind {
                                if *key == field {
                                    for o in others {
                                        obj.remove(*o);
                                    }
                                } else if others.contains(key) {
                                    obj.remove(field);
                                }
                            }
                        }
                    }
                    obj.insert((*key).to_owned(), value.clone());
                }
                Op::SetBoth(a, va, b, vb) => {
                    obj.insert((*a).to_owned(), va.clone());
                    obj.insert((*b).to_owned(), vb.clone());
                }
                Op::Remove(keys) => {
                    for k in *keys {
                        obj.remove(*k);
                    }
                }
                Op::Date(year, month, day, excluded) => {
                    obj.remove(*excluded);
                    obj.insert((*year).to_owned(), json!(2001));
                    obj.insert((*month).to_owned(), json!(2));
                    obj.insert((*day).to_owned(), json!(29));
                }
                Op::Trigger(trigger, value, field, blank) => {
                    obj.insert((*trigger).to_owned(), value.clone());
                    match blank {
                        Some(v) => {
                            obj.insert((*field).to_owned(), v.clone());
                        }
                        None => {
                            obj.remove(*field);
                        }
                    }
                }
            }
        }
        Mutation {
            payload,
            rule: self.rule,
            severity: self.severity,
            pointer: format!("{}{}", path_pointer(&self.path, "0"), self.at),
            template: self.template.clone(),
            schema_expressible: self.expressible,
            what: self.what.clone(),
        }
    }
}

/// The object at `path`, creating valid empty containers on the way.
fn navigate<'v>(root: &'v mut Value, path: &[Seg]) -> &'v mut Map<String, Value> {
    let mut cur = root;
    for (i, seg) in path.iter().enumerate() {
        let next_is_index = matches!(path.get(i + 1), Some(Seg::Index));
        match seg {
            Seg::Key(k) => {
                if !cur.is_object() {
                    *cur = json!({});
                }
                let Value::Object(map) = cur else {
                    unreachable!("replaced by an object above")
                };
                let slot = map.entry((*k).to_owned()).or_insert(Value::Null);
                let fits = if next_is_index {
                    slot.as_array().is_some_and(|a| !a.is_empty())
                } else {
                    slot.is_object()
                };
                if !fits {
                    *slot = if next_is_index {
                        json!([{}])
                    } else {
                        json!({})
                    };
                }
                cur = slot;
            }
            Seg::Index => {
                let Value::Array(items) = cur else {
                    unreachable!("created as a non-empty array above")
                };
                if !items[0].is_object() {
                    items[0] = json!({});
                }
                cur = &mut items[0];
            }
        }
    }
    if !cur.is_object() {
        *cur = json!({});
    }
    match cur {
        Value::Object(map) => map,
        _ => unreachable!("replaced by an object above"),
    }
}

fn plans(target: Target) -> Vec<Plan> {
    let Some(body) = tables::body(target.api, target.operation, target.version) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut path = Vec::new();
    if body.wrapper.is_some() {
        for (body_value, what) in [
            (json!([]), "an array body"),
            (json!("customer"), "a string body"),
        ] {
            out.push(Plan {
                path: vec![],
                spec: None,
                op: Op::Body(body_value),
                rule: Rule::Type,
                severity: Severity::Error,
                at: String::new(),
                template: String::new(),
                expressible: true,
                what: what.to_owned(),
            });
        }
        out.push(Plan {
            path: vec![],
            spec: None,
            op: Op::Remove(&["customer"]),
            rule: Rule::Required,
            severity: Severity::Error,
            at: "/customer".to_owned(),
            template: "/customer".to_owned(),
            expressible: true,
            what: "no `customer`".to_owned(),
        });
        out.push(Plan {
            path: vec![],
            spec: None,
            op: Op::Set("x_undocumented", json!(1)),
            rule: Rule::UnknownField,
            severity: Severity::Error,
            at: "/x_undocumented".to_owned(),
            template: String::new(),
            expressible: true,
            what: "a key next to `customer`".to_owned(),
        });
        out.push(Plan {
            path: vec![],
            spec: None,
            op: Op::Set("customer", json!("x")),
            rule: Rule::Type,
            severity: Severity::Error,
            at: "/customer".to_owned(),
            template: "/customer".to_owned(),
            expressible: true,
            what: "`customer` a string".to_owned(),
        });
        path.push(Seg::Key("customer"));
    } else {
        for (body_value, what) in [(json!([]), "an array body"), (json!(null), "a null body")] {
            out.push(Plan {
                path: vec![],
                spec: None,
                op: Op::Body(body_value),
                rule: Rule::Type,
                severity: Severity::Error,
                at: String::new(),
                template: String::new(),
                expressible: true,
                what: what.to_owned(),
            });
        }
    }
    object_plans(body.object, &path, &mut out);
    // The severity each plan must draw: the catalogue's for the rule it breaks
    // (an error when any entry of that rule at that template is one: value
    // checks are planned for documented rules only).
    let entries = crate::catalogue(target);
    for plan in &mut out {
        let mut matching = entries
            .iter()
            .filter(|e| e.rule == plan.rule && e.pointer == plan.template)
            .peekable();
        if matching.peek().is_some() {
            plan.severity = if matching.any(|e| e.severity == Severity::Error) {
                Severity::Error
            } else {
                Severity::Warning
            };
        }
    }
    out
}

fn object_plans(spec: &'static ObjectSpec, path: &[Seg], out: &mut Vec<Plan>) {
    let template = path_pointer(path, "*");
    let plan =
        |op: Op, rule: Rule, at: String, tpl: String, expressible: bool, what: String| Plan {
            path: path.to_vec(),
            spec: Some(spec),
            op,
            rule,
            severity: Severity::Error,
            at,
            template: tpl,
            expressible,
            what,
        };
    out.push(plan(
        Op::Set("x_undocumented", json!("1")),
        Rule::UnknownField,
        "/x_undocumented".to_owned(),
        template.clone(),
        true,
        "an undocumented field".to_owned(),
    ));
    for hint in spec.hints {
        out.push(plan(
            Op::Set(hint.name, json!("1")),
            Rule::UnknownField,
            format!("/{}", hint.name),
            format!("{template}/{}", hint.name),
            true,
            format!("`{}` instead of `{}`", hint.name, hint.instead),
        ));
    }
    for cross in spec.cross {
        if cross.severity != Severity::Error {
            continue;
        }
        match cross.kind {
            CrossKind::OneOfRequired(names) => {
                out.push(plan(
                    Op::Remove(names),
                    Rule::OneOfRequired,
                    String::new(),
                    template.clone(),
                    true,
                    format!("none of {names:?}"),
                ));
                if let [a, b] = names {
                    out.push(plan(
                        Op::SetBoth(a, json!(""), b, json!("")),
                        Rule::OneOfRequired,
                        String::new(),
                        template.clone(),
                        true,
                        format!("{names:?} all empty"),
                    ));
                }
            }
            CrossKind::RequiredWith {
                field,
                trigger,
                non_empty,
            } => {
                let Some(trigger_field) = spec.field(trigger) else {
                    continue;
                };
                let blanks: &[Option<Value>] = if non_empty {
                    &[None, Some(Value::String(String::new()))]
                } else {
                    &[None]
                };
                for blank in blanks {
                    out.push(plan(
                        Op::Trigger(trigger, sample(trigger_field), field, blank.clone()),
                        Rule::RequiredWith,
                        format!("/{field}"),
                        format!("{template}/{field}"),
                        true,
                        format!("`{trigger}` without `{field}` ({blank:?})"),
                    ));
                }
            }
            CrossKind::DayInMonth { year, month, day } => {
                // 29 February of a common year: only a calendar knows, not a schema.
                out.push(plan(
                    Op::Date(year, month, day, "birthday"),
                    Rule::Range,
                    format!("/{day}"),
                    format!("{template}/{day}"),
                    false,
                    format!("`{day}` 29 in February 2001"),
                ));
            }
            CrossKind::MutuallyExclusive { field, others } => {
                let Some(f) = spec.field(field) else { continue };
                for other in others {
                    let Some(o) = spec.field(other) else { continue };
                    out.push(plan(
                        Op::SetBoth(field, sample(f), other, sample(o)),
                        Rule::MutuallyExclusive,
                        format!("/{field}"),
                        format!("{template}/{field}"),
                        true,
                        format!("`{field}` with `{other}`"),
                    ));
                }
            }
        }
    }
    for field in spec.fields {
        field_plans(spec, field, path, &template, out);
    }
}

/// Values of the wrong JSON type for a kind (never `null` when `nullable`).
fn wrong_types(kind: &Kind, nullable: bool) -> Vec<Value> {
    let mut out = match kind {
        Kind::Str | Kind::StrEnum(_) => vec![json!(12345), json!(true)],
        Kind::Int => vec![json!("1"), json!(1.5)],
        Kind::Bool | Kind::True => vec![json!("true"), json!(1)],
        Kind::Object(_) | Kind::AnyObject => vec![json!("x"), json!([])],
        Kind::Array(_) => vec![json!("x"), json!({})],
        Kind::IntOrEmpty => vec![json!("x"), json!(false)],
        Kind::StrOrStrArray => vec![json!(1), json!({})],
    };
    if !nullable {
        out.push(Value::Null);
    }
    out
}

/// Integers no signed 64-bit store keeps: 2^63, and floats beyond 2^53
/// (2^64 and -2^63-1 written as integers are read as such floats).
fn beyond_integers() -> Vec<Value> {
    vec![
        json!(9_223_372_036_854_775_808_u64),
        json!(2f64.powi(64)),
        json!(-(2f64.powi(63))),
        json!(1e20),
    ]
}

fn over_length(checks: &[Check], n: usize, wide: bool) -> String {
    let ch = if wide { '测' } else { 'a' };
    if let Some(Format::Prefix00) = format_of(checks) {
        return format!("00{}", "1".repeat(n - 1));
    }
    if let Some(item) = list_item_len(checks) {
        // Tags of 10 characters keep the count and per-tag rules intact.
        let tag: String = std::iter::repeat_n(ch, 10.min(item)).collect();
        let mut out = tag.clone();
        while out.chars().count() + 1 + tag.chars().count() <= n {
            out.push(',');
            out.push_str(&tag);
        }
        while out.chars().count() <= n {
            out.insert(0, ch);
        }
        return out;
    }
    std::iter::repeat_n(ch, n + 1).collect()
}

fn bad_formats(format: Format) -> Vec<(Value, bool)> {
    match format {
        Format::Email => vec![],
        Format::IsoDate => vec![
            (json!("2013/11/11"), true),
            (json!("11-11-2013"), true),
            (json!("2013-02-30"), true),
        ],
        Format::Year19Or20 => vec![(json!("1899-12-31"), true), (json!("2100-01-01"), true)],
        Format::CompactDate => vec![
            (json!("1997-01-02"), true),
            (json!("1997012"), true),
            // A real-date check: beyond what a pattern says.
            (json!("19971302"), false),
            (json!("19970230"), false),
        ],
        Format::DateTime => vec![(json!("2022-05-31"), true), (json!("yesterday"), true)],
        Format::Prefix00 => vec![
            (json!("8615834564475"), true),
            (json!("+8615834564475"), true),
        ],
        Format::CountryAlpha2 => vec![(json!("us"), true), (json!("USA"), true)],
        Format::NoComma | Format::TidyList => vec![],
    }
}

fn field_plans(
    spec: &'static ObjectSpec,
    field: &'static Field,
    path: &[Seg],
    template: &str,
    out: &mut Vec<Plan>,
) {
    let name = field.name;
    let tpl = format!("{template}/{name}");
    let at = format!("/{name}");
    let plan =
        |op: Op, rule: Rule, at: String, tpl: String, expressible: bool, what: String| Plan {
            path: path.to_vec(),
            spec: Some(spec),
            op,
            rule,
            severity: Severity::Error,
            at,
            template: tpl,
            expressible,
            what,
        };
    match field.presence {
        Presence::NotUpdatable => {
            out.push(plan(
                Op::Set(name, sample(field)),
                Rule::NotUpdatable,
                at,
                tpl,
                true,
                format!("`{name}` sent"),
            ));
            return;
        }
        Presence::Required => out.push(plan(
            Op::Remove(std::slice::from_ref(&field.name)),
            Rule::Required,
            at.clone(),
            tpl.clone(),
            true,
            format!("`{name}` missing"),
        )),
        _ => {}
    }
    for value in wrong_types(&field.kind, field.nullable) {
        out.push(plan(
            Op::Set(name, value.clone()),
            Rule::Type,
            at.clone(),
            tpl.clone(),
            true,
            format!("`{name}` = {value}"),
        ));
    }
    if let Kind::Int | Kind::IntOrEmpty = field.kind {
        for value in beyond_integers() {
            // The bound is our decision (errata), not a schema constraint.
            out.push(plan(
                Op::Set(name, value.clone()),
                Rule::IntegerRange,
                at.clone(),
                tpl.clone(),
                false,
                format!("`{name}` = {value}"),
            ));
        }
    }
    match &field.kind {
        Kind::StrEnum(_) => out.push(plan(
            Op::Set(name, json!("not_a_documented_value")),
            Rule::Enum,
            at.clone(),
            tpl.clone(),
            true,
            format!("`{name}` outside its enum"),
        )),
        Kind::True => out.push(plan(
            Op::Set(name, json!(false)),
            Rule::Enum,
            at.clone(),
            tpl.clone(),
            true,
            format!("`{name}` = false"),
        )),
        Kind::Array(item) => {
            let item_at = format!("{at}/0");
            let item_tpl = format!("{tpl}/*");
            for value in wrong_types(item, false) {
                out.push(plan(
                    Op::Set(name, json!([value.clone()])),
                    Rule::Type,
                    item_at.clone(),
                    item_tpl.clone(),
                    true,
                    format!("`{name}` item = {value}"),
                ));
            }
            match item {
                Kind::StrEnum(_) => out.push(plan(
                    Op::Set(name, json!(["not_a_documented_value"])),
                    Rule::Enum,
                    item_at,
                    item_tpl,
                    true,
                    format!("`{name}` item outside its enum"),
                )),
                Kind::Object(inner) => {
                    let mut inner_path = path.to_vec();
                    inner_path.push(Seg::Key(field.name));
                    inner_path.push(Seg::Index);
                    object_plans(inner, &inner_path, out);
                }
                _ => {}
            }
        }
        Kind::StrOrStrArray => out.push(plan(
            Op::Set(name, json!([12345])),
            Rule::Type,
            format!("{at}/0"),
            format!("{tpl}/*"),
            true,
            format!("`{name}` item a number"),
        )),
        Kind::Object(inner) => {
            let mut inner_path = path.to_vec();
            inner_path.push(Seg::Key(field.name));
            object_plans(inner, &inner_path, out);
        }
        Kind::Str | Kind::Int | Kind::Bool | Kind::AnyObject | Kind::IntOrEmpty => {}
    }
    for check in field
        .checks
        .iter()
        .filter(|c| c.severity == Severity::Error)
    {
        let rule = check.kind.rule();
        let mut push = |value: Value, expressible: bool, what: String| {
            out.push(plan(
                Op::Set(name, value),
                rule,
                at.clone(),
                tpl.clone(),
                expressible,
                what,
            ));
        };
        match check.kind {
            CheckKind::MaxLength(n) => {
                for wide in [false, true] {
                    if wide && format_of(field.checks).is_some() {
                        continue;
                    }
                    push(
                        json!(over_length(field.checks, n, wide)),
                        true,
                        format!("`{name}` over {n} characters"),
                    );
                }
            }
            CheckKind::MinLength(n) => push(
                json!("a".repeat(n.saturating_sub(1))),
                true,
                format!("`{name}` under {n} characters"),
            ),
            CheckKind::IntEnum(values) => {
                let above = values.iter().max().copied().unwrap_or(0) + 1;
                push(json!(above), true, format!("`{name}` = {above}"));
                push(json!(0), true, format!("`{name}` = 0"));
            }
            CheckKind::Range(lo, hi) => {
                push(json!(hi + 1), true, format!("`{name}` = {}", hi + 1));
                push(json!(lo - 1), true, format!("`{name}` = {}", lo - 1));
            }
            CheckKind::MaxItems(n) => {
                let item = match &field.kind {
                    Kind::Array(item) => sample_kind(name, item, &[]),
                    _ => json!({}),
                };
                push(
                    json!(vec![item; n + 1]),
                    true,
                    format!("`{name}` with {} items", n + 1),
                );
            }
            CheckKind::Format(format) => {
                for (value, expressible) in bad_formats(format) {
                    push(value.clone(), expressible, format!("`{name}` = {value}"));
                }
            }
            CheckKind::ListCount(n) => push(
                json!(vec!["t"; n + 1].join(",")),
                true,
                format!("`{name}` with {} tags", n + 1),
            ),
            // A past date; whether a value is in the past is beyond JSON Schema.
            CheckKind::Future => push(json!("2001-01-01"), false, "a date in the past".to_owned()),
            CheckKind::ListItemLength(n) => push(
                json!(format!("ok,{}", "x".repeat(n + 1))),
                true,
                format!("`{name}` with a tag of {} characters", n + 1),
            ),
        }
    }
}

// ---------------------------------------------------------------------------
// Arbitrary JSON
// ---------------------------------------------------------------------------

/// Any JSON value: nested objects and arrays, huge and odd numbers, unicode, and
/// keys that are documented field names (so deep rules are reached) or odd
/// (`~`, `/`, empty).
pub fn arbitrary_json() -> BoxedStrategy<Value> {
    let key = prop_oneof![
        3 => proptest::sample::select(&KEYS[..]).prop_map(str::to_owned),
        1 => "[a-z~/]{0,6}",
        1 => any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        Just(json!(1.0)),
        Just(json!(1e300)),
        any::<String>().prop_map(Value::String),
        "[0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2}|00[0-9]{0,20}|[a-z,]{0,300}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

const KEYS: [&str; 24] = [
    "customer",
    "email",
    "phone",
    "first_name",
    "tags",
    "birthday",
    "birth_year",
    "gender",
    "addresses",
    "delivery_addresses",
    "email_marketing_consent",
    "consent_updated_at",
    "state",
    "accepts_marketing",
    "mobile_phone",
    "mobile_phone_country_calling_code",
    "phones",
    "is_member",
    "customervip_id",
    "id",
    "notification_types",
    "zip",
    "country_code",
    "password",
];
