//! One case per rule of the validator's catalogue (more than one where a rule has
//! several values a real client gets wrong), and the body with every field at its
//! limit.

use serde_json::{Value, json};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};
use shopspec_validate::{Report, Rule, RuleEntry, Severity, Target, catalogue, validate_value};

use super::Builder;
use crate::case::{Case, Check, Plan, RuleRef};
use crate::payloads::{self, EMAIL, Fill, concrete, pointer_of, tokens};
use crate::policy::{self, Miss, OnAccept};
use crate::report::CaseKind;

/// The rule-catalogue pointer of a case id: `/customer/addresses/*/zip` ->
/// `customer.addresses[].zip`, `""` -> `body`.
pub(super) fn id_segment(pointer: &str) -> String {
    let tokens = tokens(pointer);
    if tokens.is_empty() {
        return "body".to_owned();
    }
    let mut out = String::new();
    for t in tokens {
        if t == "*" {
            out.push_str("[]");
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&t);
        }
    }
    out
}

/// The case kind of a rule.
fn kind_of(rule: Rule) -> CaseKind {
    match rule {
        Rule::Type => CaseKind::Type,
        Rule::Required | Rule::OneOfRequired => CaseKind::RequiredField,
        Rule::RequiredWith | Rule::MutuallyExclusive => CaseKind::CrossField,
        Rule::Enum => CaseKind::Enum,
        Rule::MaxLength | Rule::MinLength | Rule::MaxItems => CaseKind::Length,
        Rule::Format => CaseKind::Format,
        Rule::Range | Rule::IntegerRange => CaseKind::Range,
        Rule::UnknownField => CaseKind::UnknownField,
        Rule::NotUpdatable => CaseKind::NotUpdatable,
        Rule::Deprecated => CaseKind::Deprecated,
    }
}

impl Builder {
    /// Every field at its documented limit: strings at their maximum length,
    /// lists at their maximum size.
    pub(super) fn boundary(&mut self, operation: Operation) {
        let target = self.target(operation);
        let mut body = payloads::full(self.api, self.version, operation);
        let entries = catalogue(target);
        let sample = sample_fill(self.api);
        for entry in &entries {
            if entry.severity != Severity::Error {
                continue;
            }
            let at = concrete(&entry.pointer);
            let Some(n) = entry.limit.as_ref().and_then(Value::as_u64) else {
                continue;
            };
            let n = n as usize;
            let current = body.pointer(&at).cloned();
            let candidates: Vec<Value> = match (entry.rule, &current) {
                (Rule::MaxLength, Some(Value::String(s))) if at.ends_with("/email") => {
                    let _ = s;
                    vec![json!(format!("${{email:{n}}}"))]
                }
                (Rule::MaxLength, Some(Value::String(s))) => string_candidates(s, n)
                    .into_iter()
                    .map(Value::String)
                    .collect(),
                (Rule::MaxItems, Some(Value::Array(items))) if !items.is_empty() => {
                    vec![Value::Array(
                        std::iter::repeat_n(items[0].clone(), n).collect(),
                    )]
                }
                _ => continue,
            };
            for candidate in candidates {
                let mut trial = body.clone();
                payloads::set(&mut trial, &at, candidate);
                if validate_value(target, &sample.apply(&trial)).is_valid() {
                    body = trial;
                    break;
                }
            }
        }
        let mut checks = vec![Check::ResponseSchema];
        if self.api == Api::Myshopline {
            checks.push(Check::TraceId);
        }
        let (create, update) = match operation {
            Operation::CreateCustomer => (body, None),
            Operation::UpdateCustomer => {
                (payloads::minimal_create(self.api, self.version), Some(body))
            }
        };
        let source = format!("{} ({})", self.page(operation), self.doc().path());
        self.accept(
            operation,
            "boundary.all-fields-at-limit",
            &format!(
                "the store accepts a {operation} body with every field at its documented limit"
            ),
            CaseKind::Boundary,
            &source,
            create,
            update,
            checks,
            "a success answer: a value at its limit is valid",
        );
    }

    // -- cases per catalogue rule ------------------------------------------------

    pub(super) fn rules(&mut self, operation: Operation) {
        let target = self.target(operation);
        for entry in catalogue(target) {
            let cases = self.rule_cases(operation, &entry);
            if !cases.is_empty() {
                self.cases.extend(cases);
                continue;
            }
            // The suite could not build a body that breaks exactly this rule:
            // listed as a skipped case so the gap shows (tests assert none).
            let id = self.id(operation, &rule_rest(&entry, None));
            self.push(
                id,
                operation,
                format!("{} {}", entry.pointer, entry.description),
                kind_of(entry.rule),
                entry.source.to_string(),
                true,
                None,
                "no body breaking exactly this rule could be built",
                Plan::Reject {
                    body: Value::Null,
                    at: concrete(&entry.pointer),
                    setup: None,
                    rule: rule_ref(&entry),
                    on_accept: OnAccept::Fail,
                    if_accepted: Vec::new(),
                },
            );
        }
    }

    /// The rule's first violation (the case id without a suffix), then each
    /// value a real client gets wrong for it (a suffix per value).
    fn rule_cases(&self, operation: Operation, entry: &RuleEntry) -> Vec<Case> {
        let target = self.target(operation);
        let base = self.base_for(operation, &entry.pointer);
        let Some((body, at)) = violating_body(target, entry, &base, self) else {
            return Vec::new();
        };
        let primary = if policy::is_day_in_month(entry.rule, entry.limit.as_ref()) {
            Miss::ImpossibleDate
        } else {
            Miss::Primary
        };
        let mut out =
            vec![self.rule_case(operation, entry, None, primary, body.clone(), at.clone())];
        out.extend(self.other_states(operation, entry, &body, &at));
        if entry.severity == Severity::Error {
            for near in near_misses(target, entry, &base, self) {
                if near.body == body {
                    continue;
                }
                out.push(if near.valid {
                    self.valid_near_miss(operation, entry, near)
                } else {
                    let at = concrete(&entry.pointer);
                    self.rule_case(
                        operation,
                        entry,
                        Some(&near.suffix),
                        near.miss,
                        near.body,
                        at,
                    )
                });
            }
        }
        out
    }

    /// A rule whose sentence depends on what the store holds is tried in every
    /// state the sentence distinguishes, not only in the easy one.
    ///
    /// - myshopline v20220901 update, "修改订阅状态时用户邮箱必填": the leased
    ///   customer has an email on record, which one reading accepts
    ///   (E-MSL-23); a customer created with a phone only has none, so there
    ///   both readings require the email and acceptance is a failure.
    /// - SHOPLINE update, "目前只支持將客戶轉成會員": the member case is the
    ///   primary one; a non-member sent `is_member: false` must stay a
    ///   non-member (E-SL-22).
    fn other_states(
        &self,
        operation: Operation,
        entry: &RuleEntry,
        body: &Value,
        at: &str,
    ) -> Option<Case> {
        let (suffix, create, on_accept, holds) = match (self.api, operation, entry.rule) {
            (Api::Myshopline, Operation::UpdateCustomer, Rule::RequiredWith)
                if self.version == ApiVersion::V20220901 && entry.pointer == "/customer/email" =>
            {
                let mut create = payloads::minimal_create(self.api, self.version);
                payloads::remove(&mut create, "/customer/email");
                payloads::set(&mut create, "/customer/phone", json!(payloads::PHONE));
                ("no-email-on-record", create, Some(OnAccept::Fail), None)
            }
            (Api::Shopline, Operation::UpdateCustomer, Rule::Enum)
                if entry.pointer == "/is_member" =>
            {
                let mut create = payloads::minimal_create(self.api, self.version);
                payloads::set(&mut create, "/is_member", json!(false));
                ("non-member", create, None, Some("is_member"))
            }
            _ => return None,
        };
        let mut case = self.rule_case(
            operation,
            entry,
            Some(suffix),
            Miss::Primary,
            body.clone(),
            at.to_owned(),
        );
        case.title = format!("{} (a customer {})", case.title, suffix.replace('-', " "));
        if let Plan::Reject {
            setup,
            on_accept: accept,
            if_accepted,
            ..
        } = &mut case.plan
        {
            *setup = Some(create);
            if let Some(verdict) = on_accept {
                *accept = verdict;
            }
            if_accepted.retain(|c| !matches!(c, Check::SameAsCreate(_)));
            if let Some(field) = holds {
                if_accepted.push(Check::SameAsCreate(field.to_owned()));
            }
        }
        Some(case)
    }

    fn rule_case(
        &self,
        operation: Operation,
        entry: &RuleEntry,
        suffix: Option<&str>,
        miss: Miss,
        body: Value,
        at: String,
    ) -> Case {
        let error = entry.severity == Severity::Error;
        let name = tokens(&entry.pointer).last().cloned().unwrap_or_default();
        let mut on_accept = policy::on_accept(
            self.api,
            self.version,
            operation,
            &entry.pointer,
            entry.rule,
            miss,
            &entry.source,
        );
        // A store may ignore a deprecated field: its value rules are no verdict (E-CHK-8).
        if on_accept == OnAccept::Fail
            && entry.rule != Rule::Deprecated
            && policy::deprecated_field(self.target(operation), &entry.pointer)
        {
            on_accept = OnAccept::Observe {
                errata: "E-CHK-8".to_owned(),
            };
        }
        let mut if_accepted = match entry.rule {
            Rule::NotUpdatable => vec![Check::SameAsCreateIfPresent(name.clone())],
            _ => Vec::new(),
        };
        // A sentence read two ways may need a customer in a given state, which
        // must still hold after an acceptance ("only converting to member").
        let mut setup = None;
        if let Some((field, value)) = policy::reading(
            self.api,
            self.version,
            operation,
            &entry.pointer,
            entry.rule,
        )
        .and_then(|r| r.holds)
        {
            let mut create = payloads::minimal_create(self.api, self.version);
            payloads::set(&mut create, &format!("/{field}"), json!(value));
            setup = Some(create);
            if_accepted.push(Check::SameAsCreate(field.to_owned()));
        }
        let value = match suffix {
            Some(_) => format!(" (sends {})", show_value(body.pointer(&at))),
            None => String::new(),
        };
        let title = if error {
            format!(
                "rejects a body that breaks `{}`: {}{value}",
                display_pointer(&entry.pointer),
                entry.description
            )
        } else {
            format!(
                "how the store treats a body that breaks only an inferred or deprecation rule on `{}`: {}",
                display_pointer(&entry.pointer),
                entry.description
            )
        };
        let asserts = match &on_accept {
            _ if !error => "an observation either way (the rule is only inferred or a \
                 deprecation): a rejection, or an acceptance whose answer and read-back \
                 customer keep the documented response contract"
                .to_owned(),
            OnAccept::Observe { errata } => format!(
                "{}, or an acceptance (an observation, errata {errata}; a failure with --strict) \
                 whose answer and read-back customer keep the documented response contract{}",
                self.error_shape(),
                if entry.rule == Rule::NotUpdatable {
                    ", the value unchanged"
                } else {
                    ""
                }
            ),
            OnAccept::Fail => self.error_shape().to_owned(),
        };
        Case {
            id: self.id(operation, &rule_rest(entry, suffix)),
            api: self.api,
            operation,
            version: (self.api == Api::Myshopline).then_some(self.version),
            title,
            kind: kind_of(entry.rule),
            source: entry.source.to_string(),
            writes: true,
            sends: Some(body.clone()),
            asserts,
            plan: Plan::Reject {
                body,
                at,
                setup,
                rule: rule_ref(entry),
                on_accept,
                if_accepted,
            },
        }
    }

    /// A value the docs allow that stores still get wrong: within a length
    /// limit in characters but not in bytes. Refusing it is an observation
    /// (errata E-CHK-5), since no page says whether limits count bytes.
    fn valid_near_miss(&self, operation: Operation, entry: &RuleEntry, near: NearMiss) -> Case {
        let mut checks = vec![Check::ResponseSchema];
        if self.api == Api::Myshopline {
            checks.push(Check::TraceId);
        }
        let (create, update) = match operation {
            Operation::CreateCustomer => (Some(near.body.clone()), None),
            Operation::UpdateCustomer => (None, Some(near.body.clone())),
        };
        Case {
            id: self.id(operation, &rule_rest(entry, Some(&near.suffix))),
            api: self.api,
            operation,
            version: (self.api == Api::Myshopline).then_some(self.version),
            title: format!(
                "accepts `{}` at its limit in characters, over it in bytes: {}",
                display_pointer(&entry.pointer),
                entry.description
            ),
            kind: CaseKind::Length,
            source: format!("{} (errata E-CHK-5)", entry.source),
            writes: true,
            sends: Some(near.body),
            asserts: "a success answer that validates against the response schema; a refusal \
                      is an observation (errata E-CHK-5)"
                .to_owned(),
            plan: Plan::Accept {
                create,
                update,
                delay: None,
                checks,
                refusal: Some("E-CHK-5"),
            },
        }
    }

    /// The minimal body, plus the part of the full body that holds the rule's field.
    fn base_for(&self, operation: Operation, pointer: &str) -> Value {
        let mut base = payloads::minimal(self.api, self.version, operation);
        let full = payloads::full(self.api, self.version, operation);
        let tokens = tokens(&concrete(pointer));
        for depth in 1..=tokens.len() {
            let prefix = pointer_of(&tokens[..depth]);
            if base.pointer(&prefix).is_none() {
                if let Some(part) = full.pointer(&prefix) {
                    payloads::set(&mut base, &prefix, part.clone());
                }
                break;
            }
        }
        base
    }
}

fn display_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        "(body)".to_owned()
    } else {
        pointer.to_owned()
    }
}

/// The case id below the operation: `customer.first_name.max-length[.suffix]`.
fn rule_rest(entry: &RuleEntry, suffix: Option<&str>) -> String {
    let rest = format!(
        "{}.{}",
        id_segment(&entry.pointer),
        entry.rule.as_str().replace('_', "-")
    );
    match suffix {
        Some(s) => format!("{rest}.{s}"),
        None => rest,
    }
}

fn show_value(value: Option<&Value>) -> String {
    value.map_or_else(|| "nothing".to_owned(), Value::to_string)
}

pub(super) fn rule_ref(entry: &RuleEntry) -> RuleRef {
    RuleRef {
        pointer: entry.pointer.clone(),
        rule: entry.rule,
        severity: entry.severity,
        limit: entry.limit.clone(),
        why: entry.evidence.why,
    }
}

/// Placeholder values close to what the runner fills in, for checking templates.
pub(super) fn sample_fill(api: Api) -> Fill {
    Fill {
        api,
        email: "shopspec-a1b2c3-1@example.com".to_owned(),
        marker: "shopspec conformance run a1b2c3".to_owned(),
        id: Some("574".to_owned()),
        phone: "008613800000001".to_owned(),
        mobile: "912000001".to_owned(),
    }
}

/// Strings of exactly `n` characters shaped like `base`, most natural first.
fn string_candidates(base: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let pad = |seed: &str, fill: char| -> String {
        let mut s: String = seed.chars().take(n).collect();
        while s.chars().count() < n {
            s.push(fill);
        }
        s
    };
    if let Some(last) = base.chars().last() {
        out.push(pad(base, if last.is_ascii_digit() { '0' } else { last }));
    }
    out.push("x".repeat(n));
    if n >= 3 {
        out.push(format!("00{}", "1".repeat(n - 2)));
    }
    out.push("1".repeat(n));
    // A comma-separated list (tags): items of 9 characters.
    let mut list = String::new();
    while list.chars().count() + 10 <= n {
        if !list.is_empty() {
            list.push(',');
        }
        list.push_str("shopspec1");
    }
    out.push(pad(&list, 'x'));
    out
}

/// Candidate bodies that break `entry`, each with the pointer the violation is
/// expected at; the first one the validator confirms is used.
fn violating_body(
    target: Target,
    entry: &RuleEntry,
    base: &Value,
    b: &Builder,
) -> Option<(Value, String)> {
    let at = concrete(&entry.pointer);
    let parent = {
        let t = tokens(&at);
        pointer_of(&t[..t.len().saturating_sub(1)])
    };
    let current = base.pointer(&at).cloned();
    let sample_value = |pointer: &str| -> Vec<Value> {
        // The documented sample for this field in any version's full bodies first.
        let name = tokens(pointer).last().cloned().unwrap_or_default();
        // Values that differ from what the case's customer holds come first: a
        // not-updatable email must be a different email to show a change.
        let mut values: Vec<Value> = match name.as_str() {
            "email" => vec![json!(format!("changed.{EMAIL}"))],
            "status" => vec![json!(1)],
            "birth_year" => vec![json!(2000)],
            "birth_month" => vec![json!(6)],
            "birth_day" => vec![json!(1)],
            "password" | "password_confirmation" => vec![json!("Shopspec123")],
            _ => Vec::new(),
        };
        for v in [ApiVersion::V20220901, ApiVersion::V20260301] {
            for op in Operation::ALL {
                if let Some(x) = payloads::full(b.api, v, op).pointer(pointer) {
                    values.push(x.clone());
                }
            }
        }
        values.extend([
            json!("shopspec"),
            json!(1),
            json!(true),
            json!("1"),
            json!({"shopspec": 1}),
        ]);
        values
    };
    let with = |pointer: &str, value: Value| {
        let mut body = base.clone();
        payloads::set(&mut body, pointer, value);
        body
    };
    let without = |pointers: &[String]| {
        let mut body = base.clone();
        for p in pointers {
            payloads::remove(&mut body, p);
        }
        body
    };
    let mut candidates: Vec<(Value, String)> = Vec::new();
    let limit = entry.limit.clone().unwrap_or(Value::Null);
    match entry.rule {
        Rule::Required => candidates.push((without(std::slice::from_ref(&at)), at.clone())),
        Rule::OneOfRequired => {
            let names: Vec<String> = limit
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(|s| format!("{at}/{s}")))
                        .collect()
                })
                .unwrap_or_default();
            candidates.push((without(&names), at.clone()));
        }
        Rule::RequiredWith => {
            for trigger in limit
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                let trigger_at = format!("{parent}/{trigger}");
                for value in sample_value(&trigger_at) {
                    let mut body = without(std::slice::from_ref(&at));
                    payloads::set(&mut body, &trigger_at, value);
                    candidates.push((body, at.clone()));
                }
            }
        }
        Rule::MutuallyExclusive => {
            let others: Vec<&str> = limit
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for mine in sample_value(&at) {
                for other in &others {
                    let other_at = format!("{parent}/{other}");
                    for theirs in sample_value(&other_at).into_iter().take(3) {
                        let mut body = with(&at, mine.clone());
                        payloads::set(&mut body, &other_at, theirs);
                        candidates.push((body, at.clone()));
                    }
                }
            }
        }
        Rule::Enum => {
            let allowed = limit.as_array().cloned().unwrap_or_default();
            let mut bad = Vec::new();
            if allowed.iter().all(Value::is_i64) {
                let max = allowed.iter().filter_map(Value::as_i64).max().unwrap_or(0);
                bad.push(json!(max + 1));
                bad.push(json!(-1));
            }
            if allowed.iter().all(Value::is_boolean) {
                bad.push(json!(
                    !allowed.first().and_then(Value::as_bool).unwrap_or(false)
                ));
            }
            bad.push(json!("shopspec-not-an-option"));
            for v in bad {
                candidates.push((with(&at, v), at.clone()));
            }
        }
        Rule::Range => {
            // A day that does not exist in its month: the limit names the fields.
            let names: Vec<&str> = limit
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if let [year, month] = names.as_slice() {
                let mut body = with(&at, json!(29));
                payloads::set(&mut body, &format!("{parent}/{year}"), json!(2001));
                payloads::set(&mut body, &format!("{parent}/{month}"), json!(2));
                candidates.push((body, at.clone()));
            }
            // A date in the past, for "a future date".
            if limit.is_string() {
                for past in ["2000-01-01", "2000-01-01T00:00:00Z"] {
                    candidates.push((with(&at, json!(past)), at.clone()));
                }
            }
            if let Some([lo, hi]) = limit.as_array().map(Vec::as_slice) {
                if let Some(hi) = hi.as_i64() {
                    candidates.push((with(&at, json!(hi + 1)), at.clone()));
                }
                if let Some(lo) = lo.as_i64() {
                    candidates.push((with(&at, json!(lo - 1)), at.clone()));
                }
            }
        }
        Rule::IntegerRange => {
            // 2^63 as an integer, 2^64 (read as a float) and 1e20.
            for v in [
                json!(9_223_372_036_854_775_808_u64),
                json!(2f64.powi(64)),
                json!(1e20),
            ] {
                candidates.push((with(&at, v), at.clone()));
            }
        }
        Rule::Type => {
            for v in [
                json!(12345),
                json!("shopspec-not-a-number"),
                json!(true),
                json!({"shopspec": 1}),
                json!(["shopspec"]),
                json!(1.5),
            ] {
                candidates.push((with(&at, v), at.clone()));
            }
        }
        Rule::MaxLength | Rule::MinLength => {
            let n = limit.as_u64().unwrap_or(0) as usize;
            let len = if entry.rule == Rule::MaxLength {
                n + 1
            } else {
                n.saturating_sub(1)
            };
            let base_text = current
                .as_ref()
                .and_then(Value::as_str)
                .unwrap_or("shopspec");
            let mut texts = Vec::new();
            if at.ends_with("/email") && entry.rule == Rule::MaxLength {
                // Still the case's run-unique email, padded past the limit.
                texts.push(format!("${{email:{len}}}"));
            }
            texts.extend(string_candidates(base_text, len));
            for t in texts {
                candidates.push((with(&at, json!(t)), at.clone()));
            }
        }
        Rule::MaxItems => {
            let n = limit.as_u64().unwrap_or(0) as usize + 1;
            let item = match &current {
                Some(Value::Array(items)) if !items.is_empty() => items[0].clone(),
                _ => json!("shopspec"),
            };
            candidates.push((
                with(&at, Value::Array(std::iter::repeat_n(item, n).collect())),
                at.clone(),
            ));
            let list: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
            candidates.push((with(&at, json!(list.join(","))), at.clone()));
        }
        Rule::Format => {
            if at.ends_with("/email") {
                // Marked like every email the suite sends, but without an `@`.
                candidates.push((
                    with(&at, json!(format!("{}.example.com", payloads::EMAIL_LOCAL))),
                    at.clone(),
                ));
            }
            for bad in [
                "loyal,,vip",
                "loyal, vip",
                "912000001,912000002",
                "not-an-email",
                "2013/11/11",
                "1899-01-01",
                "19970230",
                "1997-01-02",
                "yesterday",
                "+8615834564475",
                "usa",
                "shopspec bad format",
            ] {
                candidates.push((with(&at, json!(bad)), at.clone()));
            }
        }
        Rule::UnknownField => {
            let key = format!("{at}/shopspec_unknown_field");
            candidates.push((with(&key, json!("shopspec")), key));
            for v in sample_value(&at) {
                candidates.push((with(&at, v), at.clone()));
            }
        }
        Rule::NotUpdatable | Rule::Deprecated => {
            for v in sample_value(&at) {
                candidates.push((with(&at, v), at.clone()));
            }
        }
    }
    candidates.into_iter().find_map(|(body, expected)| {
        confirm(target, b, body, &expected, |r| {
            breaks_exactly(r, entry, &expected)
        })
        .map(|body| (body, expected))
    })
}

/// Repairs `body` until `accept` holds for the validator's report of it, or
/// gives up (`None`): a field another rule now needs (e.g. `email` with
/// `accepts_marketing`, E-MSL-8) is taken from the full body, twice at most.
fn confirm(
    target: Target,
    b: &Builder,
    mut body: Value,
    expected: &str,
    accept: impl Fn(&Report) -> bool,
) -> Option<Value> {
    let sample = sample_fill(b.api);
    let full = payloads::full(b.api, b.version, target.operation);
    for _ in 0..2 {
        let report = validate_value(target, &sample.apply(&body));
        if accept(&report) {
            return Some(body);
        }
        let mut needed: Vec<String> = Vec::new();
        for v in report.errors.iter().filter(|v| v.pointer != expected) {
            match v.rule {
                Rule::Required | Rule::RequiredWith => needed.push(v.pointer.clone()),
                // One of a group: any member other than the one under test.
                Rule::OneOfRequired => needed.extend(
                    v.limit()
                        .as_ref()
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(|name| format!("{}/{name}", v.pointer))
                        .filter(|p| *p != expected)
                        .take(1),
                ),
                _ => {}
            }
        }
        let mut repaired = false;
        for p in needed {
            if let Some(value) = full.pointer(&p) {
                repaired |= payloads::set(&mut body, &p, value.clone());
            }
        }
        if !repaired {
            return None;
        }
    }
    None
}

/// `true` when the report has errors, all of them at `expected` or below it:
/// the value breaks the field's rules and nothing else.
fn breaks_only_at(report: &Report, expected: &str) -> bool {
    !report.errors.is_empty()
        && report
            .errors
            .iter()
            .all(|v| v.pointer == expected || v.pointer.starts_with(&format!("{expected}/")))
}

/// One value a real client gets wrong for a rule, beside its first violation.
struct NearMiss {
    /// The case id suffix.
    suffix: String,
    miss: Miss,
    body: Value,
    /// `true` for a value the docs allow (a refusal is then an observation).
    valid: bool,
}

/// The values a real client gets wrong for `entry`: each neighbour just outside
/// an enum or range, an enum string in another case, `null` and `""` for a
/// required field, the date formats the other APIs use for the same field, a
/// date that does not exist, and a text within a length limit in characters
/// but not in bytes. Each is kept only when the validator agrees it is what it
/// claims to be.
fn near_misses(target: Target, entry: &RuleEntry, base: &Value, b: &Builder) -> Vec<NearMiss> {
    let at = concrete(&entry.pointer);
    let limit = entry.limit.clone().unwrap_or(Value::Null);
    let mut raw: Vec<(String, Miss, Value, bool)> = Vec::new();
    let mut with = |suffix: &str, miss: Miss, value: Value, valid: bool| {
        let mut body = base.clone();
        payloads::set(&mut body, &at, value);
        raw.push((suffix.to_owned(), miss, body, valid));
    };
    match entry.rule {
        Rule::Required => {
            with("null", Miss::Null, Value::Null, false);
            with("empty", Miss::Empty, json!(""), false);
        }
        // The right value in the wrong JSON type, as the SHOPLINE update example
        // sends booleans (errata E-SL-1).
        Rule::Type => {
            if let Some(v) = base
                .pointer(&at)
                .filter(|v| v.is_boolean() || v.is_number())
            {
                with("as-string", Miss::Primary, json!(v.to_string()), false);
            }
        }
        Rule::Enum => {
            let allowed = limit.as_array().cloned().unwrap_or_default();
            let ints: Vec<i64> = allowed.iter().filter_map(Value::as_i64).collect();
            if !ints.is_empty() && ints.len() == allowed.len() {
                let (lo, hi) = (ints.iter().min(), ints.iter().max());
                if let (Some(lo), Some(hi)) = (lo, hi) {
                    with("below", Miss::Neighbour, json!(lo - 1), false);
                    with("above", Miss::Neighbour, json!(hi + 1), false);
                }
            }
            if let Some(word) = allowed.iter().filter_map(Value::as_str).next() {
                let other = other_case(word);
                if !allowed.iter().any(|v| v.as_str() == Some(&other)) {
                    with("wrong-case", Miss::WrongCase, json!(other), false);
                }
            }
        }
        Rule::Range => {
            if let Some([lo, hi]) = limit.as_array().map(Vec::as_slice) {
                if let Some(lo) = lo.as_i64() {
                    with("below", Miss::Neighbour, json!(lo - 1), false);
                }
                if let Some(hi) = hi.as_i64() {
                    with("above", Miss::Neighbour, json!(hi + 1), false);
                }
            }
        }
        // Within the limit in characters, over it in bytes (3 bytes each); an
        // email is always the case's run-unique ASCII address.
        Rule::MaxLength if !at.ends_with("/email") => {
            if let Some(n) = limit.as_u64().filter(|n| *n > 0 && *n <= 4096) {
                with("bytes", Miss::Primary, json!("語".repeat(n as usize)), true);
            }
        }
        Rule::Format => {
            let own = limit.as_str().unwrap_or_default();
            let impossible = match own {
                "YYYY-MM-DD" => Some("1997-02-30"),
                "yyyyMMdd" => Some("19970230"),
                "ISO 8601 date-time" => Some("1997-02-30T10:00:00+08:00"),
                _ => None,
            };
            if let Some(impossible) = impossible {
                for (suffix, other) in [
                    ("yyyymmdd", "19970102"),
                    ("yyyy-mm-dd", "1997-01-02"),
                    ("date-time", "1997-01-02T10:00:00+08:00"),
                ] {
                    with(suffix, Miss::OtherFormat, json!(other), false);
                }
                with(
                    "impossible-date",
                    Miss::ImpossibleDate,
                    json!(impossible),
                    false,
                );
            }
        }
        _ => {}
    }
    raw.into_iter()
        .filter_map(|(suffix, miss, body, valid)| {
            let body = if valid {
                confirm(target, b, body, &at, Report::is_valid)?
            } else {
                confirm(target, b, body, &at, |r| breaks_only_at(r, &at))?
            };
            Some(NearMiss {
                suffix,
                miss,
                body,
                valid,
            })
        })
        .collect()
}

/// The same word in another letter case: `male` -> `Male`, `US` -> `us`.
fn other_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => word.to_lowercase(),
    }
}

/// `true` when the report shows `entry` broken at `expected` and nothing else
/// (for a warning: no error at all).
fn breaks_exactly(report: &Report, entry: &RuleEntry, expected: &str) -> bool {
    let matches = |v: &shopspec_validate::Violation| {
        v.rule == entry.rule
            && (v.pointer == expected || v.pointer.starts_with(&format!("{expected}/")))
            && match (&v.limit(), &entry.limit) {
                (Some(Value::Number(a)), Some(Value::Number(b))) => a == b,
                _ => true,
            }
    };
    match entry.severity {
        Severity::Error => !report.errors.is_empty() && report.errors.iter().all(matches),
        Severity::Warning => report.errors.is_empty() && report.warnings.iter().any(matches),
    }
}
