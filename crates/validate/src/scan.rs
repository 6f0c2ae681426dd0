//! The byte scanner: checks raw JSON against the rule tables while serde_json
//! parses it, with no tree and no allocation on the valid path.
//!
//! It only answers whether a rule fires. The report is always built by the tree
//! walker (`engine.rs`) on a parsed `Value`, so the scanner may stop early or
//! give up (`Unsure`: a repeated key, where a tree keeps only the last value)
//! without changing any report. Each rule is judged by the same functions as
//! the walker (`str_check_fires`, `int_check_fires`, `cross_fires`, ...).

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use crate::engine::{
    Shape, array_check_fires, cross_fires, exact_integer, int_check_fires, int_number,
    str_check_fires,
};
use crate::report::Severity;
use crate::tables::{BodySpec, Check, Kind, NONE, ObjectSpec, Presence};

/// What the scanner found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Well-formed JSON, and no rule fires.
    Clean,
    /// A rule fires (the JSON after it was not read).
    Fired,
    /// Not decided here: malformed JSON or a repeated key.
    Unsure,
}

/// Scans `bytes` against `body`. With `warnings`, a warning counts as firing.
pub(crate) fn scan(body: &'static BodySpec, bytes: &[u8], warnings: bool) -> Verdict {
    // One UTF-8 check of the whole text is cheaper than serde_json's check of
    // each string; text that is not UTF-8 is left to the tree parser's error.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => scan_str(body, text, warnings),
        Err(_) => Verdict::Unsure,
    }
}

/// [`scan`] for text already known to be UTF-8 (a JSON Lines chunk is checked once).
pub(crate) fn scan_str(body: &'static BodySpec, text: &str, warnings: bool) -> Verdict {
    let mut scan = Scan {
        warnings,
        integers: body.integers.severity(),
        stop: None,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let result = match body.wrapper {
        None => ValueSeed {
            scan: &mut scan,
            kind: &Kind::Object(body.object),
            checks: &[],
            null: NullRule::Error,
            ty: body.object.shape.severity(),
            shape: &mut Shape::Other,
        }
        .deserialize(&mut de),
        Some(ev) => Wrapper {
            scan: &mut scan,
            object: body.object,
            severity: ev.severity(),
        }
        .deserialize(&mut de),
    };
    match result.and_then(|()| de.end()) {
        Ok(()) => Verdict::Clean,
        // A rule stopped the parse, or the parser did (the slow path words its error).
        Err(_) => scan.stop.unwrap_or(Verdict::Unsure),
    }
}

struct Scan {
    warnings: bool,
    /// The severity of the body's `integer_range` rules.
    integers: Severity,
    stop: Option<Verdict>,
}

impl Scan {
    /// An error rule fired: stop the parse.
    #[cold]
    fn fail<E: de::Error>(&mut self) -> E {
        self.stop = Some(Verdict::Fired);
        E::custom("a rule fired")
    }

    /// A rule of this severity fired: stop unless it is a warning nobody asked for.
    #[inline]
    fn fire<E: de::Error>(&mut self, severity: Severity) -> Result<(), E> {
        if self.warnings || severity == Severity::Error {
            Err(self.fail())
        } else {
            Ok(())
        }
    }

    /// A warning check nobody asked for cannot change the answer.
    #[inline]
    fn skips(&self, check: &Check) -> bool {
        !self.warnings && check.severity == Severity::Warning
    }

    #[cold]
    fn unsure<E: de::Error>(&mut self) -> E {
        self.stop = Some(Verdict::Unsure);
        E::custom("left to the tree walker")
    }
}

/// What `null` means for a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NullRule {
    /// A `type` error.
    Error,
    /// Allowed, with a `required` warning (a field the docs may require).
    Warn,
    /// Allowed.
    Ok,
}

/// `{"customer": {...}}`.
struct Wrapper<'s> {
    scan: &'s mut Scan,
    object: &'static ObjectSpec,
    /// The severity of the wrapper's own rules.
    severity: Severity,
}

impl<'de> DeserializeSeed<'de> for Wrapper<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Wrapper<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut customer = false;
        while let Some(is_customer) = map.next_key_seed(KeyIs("customer"))? {
            if !is_customer {
                // Reported beside `customer`; its value is not judged.
                self.scan.fire(self.object.unknown.severity())?;
                map.next_value::<Skip>()?;
                continue;
            }
            if customer {
                return Err(self.scan.unsure());
            }
            customer = true;
            map.next_value_seed(ValueSeed {
                scan: &mut *self.scan,
                kind: &Kind::Object(self.object),
                checks: &[],
                null: NullRule::Error,
                ty: self.severity,
                shape: &mut Shape::Other,
            })?;
        }
        if !customer {
            self.scan.fire(self.severity)?;
        }
        Ok(())
    }

    // Any other body is a `type` error.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scan.fire(self.severity)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scan.fire(self.severity)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scan.fire(self.severity)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scan.fire(self.severity)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scan.fire(self.severity)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scan.fire(self.severity)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.scan.fire(self.severity)?;
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(())
    }
}

/// A key compared with one name.
struct KeyIs(&'static str);

impl<'de> DeserializeSeed<'de> for KeyIs {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<bool, E> {
        Ok(s == self.0)
    }
}

/// A key looked up among an object's fields, without copying it.
struct FieldKey<'h> {
    spec: &'static ObjectSpec,
    hint: &'h mut usize,
}

impl<'de> DeserializeSeed<'de> for FieldKey<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldKey<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<usize>, E> {
        Ok(self.spec.index_of(s, self.hint))
    }
}

/// The fields of a documented object, then its object-level rules.
fn object<'de, A: MapAccess<'de>>(
    scan: &mut Scan,
    spec: &'static ObjectSpec,
    mut map: A,
) -> Result<(), A::Error> {
    // Tables have at most 32 fields per object (checked by a tables test).
    let mut seen = 0u32;
    let mut shapes = [Shape::Other; 32];
    let mut hint = 0;
    while let Some(index) = map.next_key_seed(FieldKey {
        spec,
        hint: &mut hint,
    })? {
        // An undocumented field (hinted or not) is an `unknown_field` error.
        let Some(i) = index else {
            // The key is not kept, so a hinted name cannot be told from another:
            // decide here only when every such rule has the same severity.
            let severity = spec.unknown.severity();
            if spec.hints.iter().any(|h| h.ev.severity() != severity) {
                return Err(scan.unsure());
            }
            scan.fire(severity)?;
            map.next_value::<Skip>()?;
            continue;
        };
        let bit = 1u32 << i;
        if seen & bit != 0 {
            return Err(scan.unsure());
        }
        seen |= bit;
        let field = &spec.fields[i];
        match field.presence {
            Presence::NotUpdatable => {
                scan.fire(field.presence_ev.severity())?;
                map.next_value::<Skip>()?;
                continue;
            }
            Presence::OtherVersion | Presence::Deprecated(_) => scan.fire(Severity::Warning)?,
            Presence::Optional | Presence::Required | Presence::RequiredWarn => {}
        }
        let null = if !field.nullable {
            NullRule::Error
        } else if field.presence == Presence::RequiredWarn {
            NullRule::Warn
        } else {
            NullRule::Ok
        };
        map.next_value_seed(ValueSeed {
            scan: &mut *scan,
            kind: &field.kind,
            checks: field.checks,
            null,
            ty: field.ev.severity(),
            shape: &mut shapes[i],
        })?;
    }
    let (required, required_warn) = spec.required_masks();
    if required & !seen != 0 {
        return Err(scan.fail());
    }
    if required_warn & !seen != 0 {
        scan.fire(Severity::Warning)?;
    }
    for (cross, slots) in spec.cross.iter().zip(spec.slots()) {
        let get = |k: usize| {
            let i = slots[k];
            (i != NONE && seen & (1 << i) != 0).then(|| shapes[usize::from(i)])
        };
        if cross_fires(&cross.kind, get) {
            scan.fire(cross.severity)?;
        }
    }
    Ok(())
}

/// One value of a given kind, with its checks; records its [`Shape`].
struct ValueSeed<'s, 'k> {
    scan: &'s mut Scan,
    kind: &'k Kind,
    checks: &'static [Check],
    null: NullRule,
    /// The severity of the value's `type` and `enum` rules (its declaration's).
    ty: Severity,
    shape: &'s mut Shape,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl ValueSeed<'_, '_> {
    fn number<E: de::Error>(self, n: Number) -> Result<(), E> {
        match self.kind {
            Kind::Int | Kind::IntOrEmpty if int_number(&n) => {
                if !exact_integer(&n) {
                    // A value no store keeps is not judged further (as the tree walker).
                    let severity = self.scan.integers;
                    return self.scan.fire(severity);
                }
                for check in self.checks {
                    if self.scan.skips(check) {
                        continue;
                    }
                    if int_check_fires(check.kind, &n) {
                        self.scan.fire(check.severity)?;
                    }
                }
                Ok(())
            }
            _ => self.scan.fire(self.ty),
        }
    }

    fn string<E: de::Error>(self, s: &str) -> Result<(), E> {
        *self.shape = Shape::Str {
            empty: s.is_empty(),
        };
        match self.kind {
            Kind::Str | Kind::StrOrStrArray => {
                for check in self.checks {
                    if self.scan.skips(check) {
                        continue;
                    }
                    if str_check_fires(check.kind, s) {
                        self.scan.fire(check.severity)?;
                    }
                }
                Ok(())
            }
            Kind::StrEnum(allowed) if allowed.contains(&s) => Ok(()),
            Kind::IntOrEmpty if s.is_empty() => Ok(()),
            _ => self.scan.fire(self.ty),
        }
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        *self.shape = Shape::Null;
        match self.null {
            NullRule::Error => self.scan.fire(self.ty),
            NullRule::Warn => self.scan.fire(Severity::Warning),
            NullRule::Ok => Ok(()),
        }
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<(), E> {
        match (self.kind, b) {
            (Kind::Bool, _) | (Kind::True, true) => Ok(()),
            // `false` for `true` only is an `enum` error; any other kind a `type` error.
            _ => self.scan.fire(self.ty),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        *self.shape = Shape::Int(v);
        self.number(Number::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        *self.shape = i64::try_from(v).map_or(Shape::Other, Shape::Int);
        self.number(Number::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        // serde_json never yields a non-finite float; leave one to the tree walker.
        match Number::from_f64(v) {
            Some(n) => self.number(n),
            None => Err(self.scan.unsure()),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<(), E> {
        self.string(s)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        self.string(s)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let item: &Kind = match self.kind {
            Kind::Array(item) => item,
            // Items of the array form are plain strings, without the string's checks.
            Kind::StrOrStrArray => &Kind::Str,
            _ => {
                self.scan.fire(self.ty)?;
                while seq.next_element::<Skip>()?.is_some() {}
                return Ok(());
            }
        };
        let mut len = 0usize;
        let mut shape = Shape::Other;
        // Array items are never nullable.
        while seq
            .next_element_seed(ValueSeed {
                scan: &mut *self.scan,
                kind: item,
                checks: &[],
                null: NullRule::Error,
                ty: self.ty,
                shape: &mut shape,
            })?
            .is_some()
        {
            len += 1;
        }
        if let Kind::Array(_) = self.kind {
            for check in self.checks {
                if array_check_fires(check.kind, len) {
                    self.scan.fire(check.severity)?;
                }
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.kind {
            Kind::Object(spec) => object(self.scan, spec, map),
            Kind::AnyObject => {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(())
            }
            _ => {
                self.scan.fire(self.ty)?;
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(())
            }
        }
    }
}

/// Any JSON value, read in full (so that it fails exactly where a tree parse
/// fails, unlike `IgnoredAny`, which skips numbers unchecked) and dropped.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Skip, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}
