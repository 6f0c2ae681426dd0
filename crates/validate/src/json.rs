//! A read-only view over JSON trees, so that one walker checks both
//! [`serde_json::Value`] and [`Node`], a borrowed tree that parses raw text
//! without hashing keys or copying strings that need no unescaping.

use std::borrow::Cow;
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

/// A borrowed JSON tree: objects are entry lists, strings borrow from the input
/// unless they contain escapes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    Obj(Entries<'a>),
}

/// The entries of a [`Node`] object, in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Entries<'a>(Vec<(Cow<'a, str>, Node<'a>)>);

impl<'a> Json for Node<'a> {
    type Obj = Entries<'a>;

    #[inline]
    fn view(&self) -> View<'_, Self> {
        match self {
            Node::Null => View::Null,
            Node::Bool(b) => View::Bool(*b),
            Node::Num(n) => View::Num(n),
            Node::Str(s) => View::Str(s),
            Node::Arr(a) => View::Arr(a),
            Node::Obj(o) => View::Obj(o),
        }
    }
}

impl<'a> Obj<Node<'a>> for Entries<'a> {
    #[inline]
    fn entries<'b>(&'b self) -> impl Iterator<Item = (&'b str, &'b Node<'a>)>
    where
        Node<'a>: 'b,
    {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    #[inline]
    fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// A string that borrows from the input when it can.
struct Str<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node<'de>, E> {
                Ok(Node::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node<'de>, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Node<'de>, E> {
                Ok(Node::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Node<'de>, E> {
                Ok(Node::Num(n.into()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Node<'de>, E> {
                Ok(Node::Num(n.into()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Node<'de>, E> {
                // serde_json never yields a non-finite float; map one to null like Value does.
                Ok(Number::from_f64(n).map_or(Node::Null, Node::Num))
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Node<'de>, E> {
                Ok(Node::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Node<'de>, E> {
                Ok(Node::Str(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Node<'de>, E> {
                Ok(Node::Str(Cow::Owned(s)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Arr(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((Str(k), v)) = map.next_entry::<Str<'de>, Node<'de>>()? {
                    entries.push((k, v));
                }
                Ok(Node::Obj(Entries(entries)))
            }
        }
        d.deserialize_any(V)
    }
}
