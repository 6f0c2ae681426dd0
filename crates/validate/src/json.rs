//! A read-only view over JSON trees, so that the walker does not depend on
//! one tree type.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// One JSON value, seen through [`Json::view`].
pub(crate) enum View<'a, J: Json> {
    Null,
    Bool(bool),
    Num(&'a Number),
    Str(&'a str),
    Arr(&'a [J]),
    Obj(&'a J::Obj),
}

/// A JSON object.
pub(crate) trait Obj<J> {
    /// The entries, in document order.
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a str, &'a J)>
    where
        J: 'a;
    /// The value of `key` (the last one, if the key repeats, as `serde_json` keeps).
    fn get(&self, key: &str) -> Option<&J>;
}

/// A JSON tree.
pub(crate) trait Json: Sized {
    type Obj: Obj<Self>;
    fn view(&self) -> View<'_, Self>;
}

impl Json for Value {
    type Obj = Map<String, Value>;

    #[inline]
    fn view(&self) -> View<'_, Self> {
        match self {
            Value::Null => View::Null,
            Value::Bool(b) => View::Bool(*b),
            Value::Number(n) => View::Num(n),
            Value::String(s) => View::Str(s),
            Value::Array(a) => View::Arr(a),
            Value::Object(o) => View::Obj(o),
        }
    }
}

impl Obj<Value> for Map<String, Value> {
    #[inline]
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a str, &'a Value)>
    where
        Value: 'a,
    {
        self.iter().map(|(k, v)| (k.as_str(), v))
    }

    #[inline]
    fn get(&self, key: &str) -> Option<&Value> {
        Map::get(self, key)
    }
}

/// A JSON tree that borrows its strings from the text where it can: what the
/// slow path of raw text parses an invalid payload into, cheaper to build and
/// to drop than a `Value` (no map, no hashing, no copy of unescaped strings).
/// An object keeps the semantics of `serde_json`'s `Map` in this build: a
/// repeated key keeps its first position and its last value, and without
/// serde_json's `preserve_order` feature the keys are sorted, so that a report
/// lists violations in the order a `Value` of the same text gives.
#[derive(Debug)]
pub(crate) enum Tree<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    Arr(Vec<Tree<'a>>),
    Obj(Entries<'a>),
}

/// The entries of a [`Tree`] object, in document order, keys unique.
#[derive(Debug)]
pub(crate) struct Entries<'a>(Vec<(Cow<'a, str>, Tree<'a>)>);

impl<'a> Json for Tree<'a> {
    type Obj = Entries<'a>;

    #[inline]
    fn view(&self) -> View<'_, Self> {
        match self {
            Tree::Null => View::Null,
            Tree::Bool(b) => View::Bool(*b),
            Tree::Num(n) => View::Num(n),
            Tree::Str(s) => View::Str(s),
            Tree::Arr(a) => View::Arr(a),
            Tree::Obj(o) => View::Obj(o),
        }
    }
}

impl<'t> Obj<Tree<'t>> for Entries<'t> {
    #[inline]
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a str, &'a Tree<'t>)>
    where
        Tree<'t>: 'a,
    {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    #[inline]
    fn get(&self, key: &str) -> Option<&Tree<'t>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<'de> Deserialize<'de> for Tree<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Tree<'de>, E> {
        Ok(Tree::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Tree<'de>, E> {
        Ok(Tree::Num(n.into()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Tree<'de>, E> {
        Ok(Tree::Num(n.into()))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Tree<'de>, E> {
        // As `Value` does: a float JSON cannot hold becomes null.
        Ok(Number::from_f64(f).map_or(Tree::Null, Tree::Num))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Owned(s)))
    }

    fn visit_none<E: de::Error>(self) -> Result<Tree<'de>, E> {
        Ok(Tree::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree<'de>, E> {
        Ok(Tree::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree<'de>, D::Error> {
        Deserialize::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Arr(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree<'de>, A::Error> {
        let mut entries: Vec<(Cow<'de, str>, Tree<'de>)> = Vec::new();
        // Repeated keys are found by a scan while the object is small and by
        // a hash index past that, so a hostile object with many keys costs
        // linear time, not quadratic.
        let mut index: Option<HashMap<Cow<'de, str>, usize>> = None;
        while let Some(Key(key)) = map.next_key()? {
            let value: Tree<'de> = map.next_value()?;
            let seen = match &index {
                Some(index) => index.get(&key).copied(),
                None => entries.iter().position(|(k, _)| *k == key),
            };
            match seen {
                Some(i) => entries[i].1 = value,
                None => {
                    if let Some(index) = &mut index {
                        index.insert(key.clone(), entries.len());
                    }
                    entries.push((key, value));
                    if index.is_none() && entries.len() > SCANNED_KEYS {
                        index = Some(
                            entries
                                .iter()
                                .enumerate()
                                .map(|(i, (k, _))| (k.clone(), i))
                                .collect(),
                        );
                    }
                }
            }
        }
        if !map_keeps_order() {
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        Ok(Tree::Obj(Entries(entries)))
    }
}

/// Objects with at most this many keys look for a repeated key by a scan:
/// more than any documented object has, so payloads of the documented shape
/// never build the index.
const SCANNED_KEYS: usize = 64;

/// `true` when `serde_json::Map` keeps insertion order (its `preserve_order`
/// feature, which a dependent may turn on), `false` when it sorts its keys.
fn map_keeps_order() -> bool {
    static KEEPS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *KEEPS.get_or_init(|| {
        let mut map = Map::new();
        map.insert("b".to_owned(), Value::Null);
        map.insert("a".to_owned(), Value::Null);
        map.keys().next().is_some_and(|k| k == "b")
    })
}

/// An object key, borrowed when the text has no escape in it.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s)))
    }
}
