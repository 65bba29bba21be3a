//! The parsed form of a stored document: a JSON tree that borrows from the input text.
//!
//! Shaped like `serde_json::Value`, with what the model needs and serde_json cannot give cheaply:
//! objects keep their keys in document order in a plain `Vec` (no hashing: context objects are
//! small, and the model looks fields up by name a handful of times), strings without escapes and
//! every number literal are slices of the input, and a number keeps its exact literal text
//! (`NaN`, `Infinity` and big integers included) for [`super::json::classify`] to read the way
//! Python does.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, Index};

/// A JSON value borrowing from the text it was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number<'a>),
    String(Str<'a>),
    Array(Vec<Value<'a>>),
    Object(Map<'a>),
}

/// A number literal exactly as written: `-12`, `1.5e+300`, `NaN`, `Infinity`, `-Infinity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number<'a>(pub(crate) Cow<'a, str>);

impl Number<'_> {
    /// The literal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The canonical decimal text when Python reads this literal as an `int` (`-0` is `0`).
    pub fn as_int(&self) -> Option<&str> {
        match super::json::classify(self) {
            super::json::Num::Int(text) => Some(text),
            super::json::Num::Float(_) => None,
        }
    }
}

/// A string value: a slice of the input when it had no escapes, else the decoded text.
#[derive(Clone, PartialEq, Eq)]
pub struct Str<'a>(pub(crate) Cow<'a, str>);

impl<'a> Str<'a> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, still borrowed from the input when it had no escapes.
    pub fn into_cow(self) -> Cow<'a, str> {
        self.0
    }

    /// Whether the text needs no escaping to be written as a JSON string (it was a slice of
    /// valid JSON input with no escapes).
    pub(crate) fn is_plain(&self) -> bool {
        matches!(self.0, Cow::Borrowed(_))
    }
}

impl Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Str<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Str<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Str<'_>> for &str {
    fn eq(&self, other: &Str<'_>) -> bool {
        **self == *other.0
    }
}

/// Quoted like a `str`, so that `{key:?}` in a message reads `"01"`.
impl fmt::Debug for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An object: its entries in document order, keys unique (a repeated key keeps the position of
/// its first occurrence and the value of its last, as a Python dict does).
#[derive(Debug, Clone, PartialEq)]
pub struct Map<'a> {
    pub(crate) entries: Vec<(Str<'a>, Value<'a>)>,
}

/// Key equality with a cheap test first: keys compared are short and most pairs of the same
/// length differ in their first or middle byte (`text`/`misc`, `attachments`/`annotations`), so
/// most comparisons end before the call to `memcmp`.
#[inline]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len()
        && a.first() == b.first()
        && a.get(a.len() / 2) == b.get(b.len() / 2)
        && a == b
}

impl<'a> Map<'a> {
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Str<'a>> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value<'a>> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Str<'a>, &Value<'a>)> {
        self.into_iter()
    }
}

impl<'m, 'a> IntoIterator for &'m Map<'a> {
    type Item = (&'m Str<'a>, &'m Value<'a>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'m, (Str<'a>, Value<'a>)>,
        fn(&'m (Str<'a>, Value<'a>)) -> (&'m Str<'a>, &'m Value<'a>),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<'a> Value<'a> {
    /// The value under `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.as_object().and_then(|m| m.get(key))
    }

    /// The value at a JSON pointer made of object keys (`/a/b/c`).
    pub fn pointer(&self, pointer: &str) -> Option<&Value<'a>> {
        pointer
            .split('/')
            .skip(1)
            .try_fold(self, |node, key| node.get(key))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s.as_str()),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map<'a>> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value<'a>>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A copy that owns all its text.
    pub fn into_owned(self) -> Value<'static> {
        let own = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(Number(own(n.0))),
            Value::String(s) => Value::String(Str(own(s.0))),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(m) => Value::Object(Map {
                entries: m
                    .entries
                    .into_iter()
                    .map(|(k, v)| (Str(own(k.0)), v.into_owned()))
                    .collect(),
            }),
        }
    }
}

static NULL: Value<'static> = Value::Null;

impl<'a> Index<&str> for Value<'a> {
    type Output = Value<'a>;
    fn index(&self, key: &str) -> &Value<'a> {
        self.get(key).unwrap_or(&NULL)
    }
}

impl<'a> Index<usize> for Value<'a> {
    type Output = Value<'a>;
    fn index(&self, i: usize) -> &Value<'a> {
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

/// Compact JSON text: strings escaped as pydantic does, numbers as their literal.
impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_compact(&mut out, self);
        f.write_str(&out)
    }
}

fn write_compact(out: &mut String, v: &Value<'_>) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.0),
        Value::String(s) => super::json::write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(out, item);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                super::json::write_str(out, k);
                out.push(':');
                write_compact(out, item);
            }
            out.push('}');
        }
    }
}
