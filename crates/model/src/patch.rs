//! [`Patch<T>`]: a field of an update request that is absent, explicitly null, or a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One field of a partial update: not sent, sent as `null`, or sent with a value.
///
/// The update endpoints of all three APIs change only the fields that are sent
/// (<https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html>: "只传需要修改的字段即可，未传的字段保持原值不变"),
/// so "absent" and "null" mean different things and must never be confused.
/// Use it with `#[serde(default, skip_serializing_if = "Patch::is_absent")]`: an
/// [`Patch::Absent`] field is never serialised.
///
/// ```
/// use shopspec_model::Patch;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Default)]
/// struct Update {
///     #[serde(default, skip_serializing_if = "Patch::is_absent")]
///     note: Patch<String>,
/// }
///
/// assert_eq!(serde_json::to_string(&Update::default()).unwrap(), "{}");
/// let cleared = Update { note: Patch::Null };
/// assert_eq!(serde_json::to_string(&cleared).unwrap(), r#"{"note":null}"#);
/// let parsed: Update = serde_json::from_str(r#"{"note":"vip"}"#).unwrap();
/// assert_eq!(parsed.note, Patch::Value("vip".to_owned()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// The field is not sent: the store keeps its current value.
    #[default]
    Absent,
    /// The field is sent as JSON `null`.
    Null,
    /// The field is sent with this value.
    Value(T),
}

impl<T> Patch<T> {
    /// `true` when the field is not sent. Used by `skip_serializing_if`.
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// `true` when the field is sent (as `null` or as a value).
    pub fn is_present(&self) -> bool {
        !self.is_absent()
    }

    /// The value, if one is sent.
    pub fn value(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Borrows the value: `Patch<T>` to `Patch<&T>`.
    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(v),
        }
    }

    /// Maps the value, keeping absent and null as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(f(v)),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `Some(v)` becomes a value, `None` becomes an explicit `null`.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Patch::Value(v),
            None => Patch::Null,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Only reached when the field lacks `skip_serializing_if`; null is the
            // closest JSON has to "nothing".
            Patch::Absent | Patch::Null => serializer.serialize_none(),
            Patch::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Only called when the key is present; a missing key takes `Default` (Absent).
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}
