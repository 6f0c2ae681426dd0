//! Messages and limits of violations, kept as the rule and its parameters and
//! formatted only when a report is displayed or serialised: the walk that finds
//! a violation records a few words of data, not a sentence.

use std::fmt::{self, Write as _};

use serde::ser::{SerializeSeq, Serializer};
use serde_json::{Number, Value, json};
use shopspec_model::myshopline::ApiVersion;

use crate::tables::{Deprecation, Field, Format, INTEGER_RANGE, Presence};

/// What a message says, with its parameters; `here` (the display path of the
/// violation's pointer) and the API version are supplied when it is written.
#[derive(Debug, Clone)]
pub(crate) enum Msg {
    /// A sentence formatted when the violation was found (rare paths only).
    Text(String),
    /// The body is not an object (a wrapped body).
    PayloadNotObject { ty: &'static str },
    /// `customer` is missing from a wrapped body.
    NoCustomer,
    /// A key next to `customer` in a wrapped body; the key is the pointer's.
    NextToCustomer,
    /// A value that must be an object is not.
    NotObject { ty: &'static str },
    /// A required field is missing (an error), or one some docs mark required.
    Required { error: bool },
    /// A field some docs mark required is `null`.
    RequiredNull,
    /// None of `names` is present and non-empty.
    OneOfRequired { names: &'static [&'static str] },
    /// A field is missing while `trigger` is sent.
    RequiredWith {
        trigger: &'static str,
        non_empty: bool,
    },
    /// A field is sent together with the `others` whose bit is set in `sent`.
    MutuallyExclusive {
        others: &'static [&'static str],
        sent: u8,
    },
    /// A day beyond the length of its month.
    DayInMonth { y: i64, m: i64, d: i64, days: i64 },
    /// An undocumented name with a documented one to use instead.
    Hint { instead: &'static str },
    /// An undocumented name; the documented ones are listed.
    Unknown { fields: &'static [Field] },
    /// A field this operation cannot change.
    NotUpdatable,
    /// A field only other API versions document.
    OtherVersion,
    /// A deprecated field.
    Deprecated(Deprecation),
    /// A value of the wrong type.
    Type {
        shown: Shown,
        expected: Expected,
        /// `Some(b)` when the value is the string `"true"` or `"false"` where a boolean is due.
        unquote: Option<bool>,
    },
    /// `false` where only `true` is supported.
    OnlyTrue,
    /// A string out of a fixed list.
    StrEnum {
        value: Box<str>,
        allowed: &'static [&'static str],
    },
    /// A string too long (`at_least == false`) or too short, in characters.
    Length {
        n: usize,
        limit: usize,
        at_least: bool,
    },
    /// A string without the documented format; `value` when short enough to show.
    Format {
        value: Option<Box<str>>,
        format: Format,
    },
    /// Too many comma-separated tags.
    ListCount { n: usize, max: usize },
    /// Tag `i` (0-based) is `n` characters long.
    ListItemLength { i: usize, n: usize, max: usize },
    /// A date in the past where only a future one is available.
    Future { value: Box<str> },
    /// An integer no signed 64-bit store keeps.
    IntegerRange { n: Number },
    /// An integer out of a fixed list.
    IntEnum { n: Number, allowed: &'static [i64] },
    /// An integer out of a range.
    Range { n: Number, lo: i64, hi: i64 },
    /// An array with too many items.
    MaxItems { len: usize, max: usize },
    /// A myshopline API version without rules.
    UnsupportedVersion { version: ApiVersion },
}

/// How a value of the wrong type is shown.
#[derive(Debug, Clone)]
pub(crate) enum Shown {
    /// A short string, shown as JSON text.
    Str(Box<str>),
    /// The value's JSON type, e.g. `an integer`.
    Type(&'static str),
}

/// What type a value must have.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expected {
    /// `an integer or the empty string ""`.
    IntOrEmpty,
    /// `a string or an array of strings`.
    StrOrStrArray,
    /// `of type a or b`.
    Names(&'static [&'static str]),
}

/// The limit of a violation, turned into JSON when it is asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lim {
    /// No limit.
    None,
    /// A string, e.g. `"object"`.
    Str(&'static str),
    /// A list of strings.
    Strs(&'static [&'static str]),
    /// A list of one string.
    One(&'static str),
    /// A list of two strings.
    Two(&'static str, &'static str),
    /// A count.
    Count(usize),
    /// A list of integers.
    Ints(&'static [i64]),
    /// `[lo, hi]`.
    Pair(i64, i64),
    /// `[true]`.
    OnlyTrue,
    /// The names of the documented fields (those an operation can change).
    Documented(&'static [Field]),
    /// The supported myshopline API versions.
    Versions,
}

/// A violation's message and limit, unformatted.
#[derive(Debug, Clone)]
pub(crate) struct Detail {
    pub(crate) msg: Msg,
    pub(crate) limit: Lim,
    /// The myshopline API version some messages name.
    pub(crate) version: Option<ApiVersion>,
    /// Why an inferred rule is only inferred (appended to the message), or `""`.
    pub(crate) why: &'static str,
}

/// `customer.addresses[0].zip` for `/customer/addresses/0/zip`, written on
/// demand; `the payload` for `""`.
pub(crate) struct Path<'a>(pub(crate) &'a str);

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("the payload");
        }
        let mut any = false;
        for token in self.0.split('/').skip(1) {
            let index = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) && any;
            if index {
                write!(f, "[{token}]")?;
                continue;
            }
            if any {
                f.write_char('.')?;
            }
            if token.contains('~') {
                f.write_str(&token.replace("~1", "/").replace("~0", "~"))?;
            } else {
                f.write_str(token)?;
            }
            any |= !token.is_empty();
        }
        Ok(())
    }
}

/// ` on v20260301` when a version is named, else nothing.
struct OnVersion(Option<ApiVersion>);

impl fmt::Display for OnVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(v) => write!(f, " on {v}"),
            None => Ok(()),
        }
    }
}

/// `` `a`, `b` ``: the names of `list` whose bit is set in `mask`.
fn quoted(f: &mut fmt::Formatter<'_>, list: &[&str], mask: u8) -> fmt::Result {
    let mut first = true;
    for (k, name) in list.iter().enumerate() {
        if k < 8 && mask & (1 << k) == 0 {
            continue;
        }
        if !first {
            f.write_str(", ")?;
        }
        first = false;
        write!(f, "`{name}`")?;
    }
    Ok(())
}

/// The names of the documented fields an operation can change.
fn documented(fields: &'static [Field]) -> impl Iterator<Item = &'static str> {
    fields
        .iter()
        .filter(|f| f.presence != Presence::NotUpdatable)
        .map(|f| f.name)
}

/// Writes `items` separated by `sep`.
fn joined<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    items: impl IntoIterator<Item = T>,
    sep: &str,
) -> fmt::Result {
    for (k, item) in items.into_iter().enumerate() {
        if k > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

/// The message of a violation at `pointer`, written when displayed.
pub(crate) struct Message<'a> {
    pub(crate) detail: &'a Detail,
    pub(crate) pointer: &'a str,
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.detail;
        let here = Path(self.pointer);
        let on = OnVersion(d.version);
        match &d.msg {
            Msg::Text(text) => f.write_str(text)?,
            Msg::PayloadNotObject { ty } => write!(
                f,
                "the payload is {ty}; it must be an object `{{\"customer\": {{...}}}}`"
            )?,
            Msg::NoCustomer => {
                f.write_str("`customer` is missing; the body must be `{\"customer\": {...}}`")?
            }
            Msg::NextToCustomer => {
                let key = self.pointer.get(1..).unwrap_or_default();
                let key = key.replace("~1", "/").replace("~0", "~");
                write!(
                    f,
                    "`{key}` is not documented next to `customer`; the body must be `{{\"customer\": {{...}}}}` and nothing else"
                )?
            }
            Msg::NotObject { ty } => write!(f, "`{here}` is {ty}; it must be an object")?,
            Msg::Required { error: true } => write!(f, "`{here}` is required{on}")?,
            Msg::Required { error: false } => write!(
                f,
                "`{here}` is missing; some versions of the docs mark it required"
            )?,
            Msg::RequiredNull => write!(
                f,
                "`{here}` is null; some versions of the docs mark it required"
            )?,
            Msg::OneOfRequired { names } => {
                f.write_str("one of ")?;
                quoted(f, names, u8::MAX)?;
                f.write_str(" is required")?;
                if !self.pointer.is_empty() {
                    write!(f, " in `{here}`")?;
                }
                write!(f, ", present and not empty{on}")?
            }
            Msg::RequiredWith {
                trigger,
                non_empty: true,
            } => write!(
                f,
                "`{here}` is required and must not be empty when `{trigger}` is sent and not empty{on}"
            )?,
            Msg::RequiredWith {
                trigger,
                non_empty: false,
            } => write!(f, "`{here}` is required when `{trigger}` is sent{on}")?,
            Msg::MutuallyExclusive { others, sent } => {
                write!(f, "`{here}` cannot be sent together with ")?;
                quoted(f, others, *sent)?
            }
            Msg::DayInMonth { y, m, d, days } => {
                write!(f, "`{here}` is {d}, but month {m} of {y} has {days} days")?
            }
            Msg::Hint { instead } => write!(
                f,
                "`{here}` is not a documented field of this operation; the documented field is `{instead}`"
            )?,
            Msg::Unknown { fields } => {
                write!(
                    f,
                    "`{here}` is not a documented field{on}; documented fields: "
                )?;
                joined(f, documented(fields), ", ")?
            }
            Msg::NotUpdatable => write!(f, "`{here}` cannot be changed by this operation")?,
            Msg::OtherVersion => write!(
                f,
                "`{here}` is not documented{on}; only newer API versions document it"
            )?,
            Msg::Deprecated(deprecation) => {
                match (deprecation.since, d.version) {
                    (Some(since), Some(v)) => write!(
                        f,
                        "`{here}` is deprecated from API version {since} (this request targets {v})"
                    )?,
                    (Some(since), None) => {
                        write!(f, "`{here}` is deprecated from API version {since}")?
                    }
                    (None, _) => write!(f, "`{here}` is to be deprecated")?,
                }
                if let Some(instead) = deprecation.instead {
                    write!(f, "; use `{instead}` instead")?;
                }
                f.write_str("; it is accepted for now")?
            }
            Msg::Type {
                shown,
                expected,
                unquote,
            } => {
                write!(f, "`{here}` is ")?;
                match shown {
                    Shown::Str(s) => write!(f, "the string {}", json!(&**s))?,
                    Shown::Type(ty) => f.write_str(ty)?,
                }
                f.write_str("; it must be ")?;
                match expected {
                    Expected::IntOrEmpty => f.write_str("an integer or the empty string \"\"")?,
                    Expected::StrOrStrArray => f.write_str("a string or an array of strings")?,
                    Expected::Names(names) => {
                        f.write_str("of type ")?;
                        joined(f, names.iter(), " or ")?
                    }
                }
                if let Some(b) = unquote {
                    write!(f, " (send {b} without quotes)")?;
                }
            }
            Msg::OnlyTrue => write!(
                f,
                "`{here}` is false; only true is supported (a customer can only be made a member)"
            )?,
            Msg::StrEnum { value, allowed } => {
                write!(f, "`{here}` is {}; allowed values are ", json!(&**value))?;
                joined(f, allowed.iter(), ", ")?
            }
            Msg::Length {
                n,
                limit,
                at_least: false,
            } => write!(
                f,
                "`{here}` is {n} characters long; at most {limit} are allowed{on}"
            )?,
            Msg::Length {
                n,
                limit,
                at_least: true,
            } => write!(
                f,
                "`{here}` is {n} characters long; at least {limit} are required{on}"
            )?,
            Msg::Format { value, format } => {
                write!(f, "`{here}` is ")?;
                match value {
                    Some(s) => write!(f, "{s:?}")?,
                    None => f.write_str("the value")?,
                }
                write!(f, "; it must be {}", format.describe())?
            }
            Msg::ListCount { n, max } => write!(
                f,
                "`{here}` has {n} comma-separated tags; at most {max} are allowed{on}"
            )?,
            Msg::ListItemLength { i, n, max } => write!(
                f,
                "tag {} of `{here}` is {n} characters long; each tag may have at most {max}{on}",
                i + 1
            )?,
            Msg::Future { value } => write!(
                f,
                "`{here}` is {value:?}, in the past; only a future date is available"
            )?,
            Msg::IntegerRange { n } => {
                let (lo, hi) = INTEGER_RANGE;
                if n.is_u64() {
                    write!(
                        f,
                        "`{here}` is {n}, beyond {hi}, the largest integer a signed 64-bit store keeps; it would be cut or lost"
                    )?
                } else {
                    write!(
                        f,
                        "`{here}` is {n}: a number this large is read as a float, which loses the exact integer beyond 2^53; send an integer from {lo} to {hi} without a fraction or exponent"
                    )?
                }
            }
            Msg::IntEnum { n, allowed } => {
                write!(f, "`{here}` is {n}; allowed values are ")?;
                joined(f, allowed.iter(), ", ")?
            }
            Msg::Range { n, lo, hi } => {
                write!(f, "`{here}` is {n}; it must be between {lo} and {hi}{on}")?
            }
            Msg::MaxItems { len, max } => {
                write!(f, "`{here}` has {len} items; at most {max} are allowed{on}")?
            }
            Msg::UnsupportedVersion { version } => {
                write!(
                    f,
                    "API version {version} is not supported; supported versions are "
                )?;
                joined(f, ApiVersion::SUPPORTED.iter(), ", ")?
            }
        }
        if !d.why.is_empty() {
            // The report says why a rule binds only as a warning.
            write!(f, " [inferred: {}]", d.why)?;
        }
        Ok(())
    }
}

impl Lim {
    /// `false` for [`Lim::None`].
    pub(crate) fn is_some(self) -> bool {
        !matches!(self, Lim::None)
    }

    /// The limit as JSON.
    pub(crate) fn to_value(self) -> Option<Value> {
        Some(match self {
            Lim::None => return None,
            Lim::Str(s) => json!(s),
            Lim::Strs(list) => json!(list),
            Lim::One(s) => json!([s]),
            Lim::Two(a, b) => json!([a, b]),
            Lim::Count(n) => json!(n),
            Lim::Ints(list) => json!(list),
            Lim::Pair(lo, hi) => json!([lo, hi]),
            Lim::OnlyTrue => json!([true]),
            Lim::Documented(fields) => Value::Array(documented(fields).map(Value::from).collect()),
            Lim::Versions => Value::Array(
                ApiVersion::SUPPORTED
                    .iter()
                    .map(|v| Value::String(v.to_string()))
                    .collect(),
            ),
        })
    }
}

impl serde::Serialize for Lim {
    /// The same JSON as [`Lim::to_value`], without building it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Lim::None => serializer.serialize_none(),
            Lim::Str(s) => serializer.serialize_str(s),
            Lim::Strs(list) => serializer.collect_seq(list),
            Lim::One(s) => serializer.collect_seq([s]),
            Lim::Two(a, b) => serializer.collect_seq([a, b]),
            Lim::Count(n) => serializer.serialize_u64(n as u64),
            Lim::Ints(list) => serializer.collect_seq(list),
            Lim::Pair(lo, hi) => serializer.collect_seq([lo, hi]),
            Lim::OnlyTrue => serializer.collect_seq([true]),
            Lim::Documented(fields) => {
                let mut seq = serializer.serialize_seq(None)?;
                for name in documented(fields) {
                    seq.serialize_element(name)?;
                }
                seq.end()
            }
            Lim::Versions => {
                serializer.collect_seq(ApiVersion::SUPPORTED.iter().map(|v| v.to_string()))
            }
        }
    }
}
