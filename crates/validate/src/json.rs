//! A read-only view over JSON trees, so that the walker does not depend on
//! one tree type.

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
