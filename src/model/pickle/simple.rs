//! Values made only of JSON-shaped builtins, read off the objects a pickle built: what `get`
//! shows and what Chatsky's JSON-pickle writer turns back into plain JSON.

use std::fmt;

use super::objects::{Heap, Id, Obj};

/// Containers nest at most this deep in a [`Simple`] (deeper values are not simple).
const MAX_DEPTH: usize = 100;

/// At most this many values make a [`Simple`] (an object shared many times over counts each
/// time, so that a small pickle cannot make an exponentially large value).
const MAX_NODES: usize = 1_000_000;

/// A value made only of Python builtins with a JSON-like shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Simple {
    /// `None`
    None,
    /// `True`/`False`
    Bool(bool),
    /// An int, as decimal text (any size).
    Int(String),
    /// A float.
    Float(f64),
    /// A str.
    Str(String),
    /// A bytes object.
    Bytes(Vec<u8>),
    /// A list.
    List(Vec<Simple>),
    /// A tuple.
    Tuple(Vec<Simple>),
    /// A dict, in insertion order.
    Dict(Vec<(Simple, Simple)>),
}

impl fmt::Display for Simple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Simple::None => f.write_str("None"),
            Simple::Bool(b) => f.write_str(if *b { "True" } else { "False" }),
            Simple::Int(i) => f.write_str(i),
            Simple::Float(x) => write_py_float(f, *x),
            Simple::Str(s) => write!(f, "'{}'", s.escape_debug()),
            Simple::Bytes(b) => write!(f, "b'{}'", b.escape_ascii()),
            Simple::List(items) => write_seq(f, "[", items, "]"),
            Simple::Tuple(items) if items.len() == 1 => write!(f, "({},)", items[0]),
            Simple::Tuple(items) => write_seq(f, "(", items, ")"),
            Simple::Dict(pairs) => {
                f.write_str("{")?;
                for (i, (k, v)) in pairs.iter().enumerate() {
                    let sep = if i > 0 { ", " } else { "" };
                    write!(f, "{sep}{k}: {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

fn write_seq(f: &mut fmt::Formatter<'_>, open: &str, items: &[Simple], close: &str) -> fmt::Result {
    f.write_str(open)?;
    for (i, item) in items.iter().enumerate() {
        let sep = if i > 0 { ", " } else { "" };
        write!(f, "{sep}{item}")?;
    }
    f.write_str(close)
}

fn write_py_float(f: &mut fmt::Formatter<'_>, x: f64) -> fmt::Result {
    if x.is_nan() {
        f.write_str("nan")
    } else if x.is_infinite() {
        f.write_str(if x > 0.0 { "inf" } else { "-inf" })
    } else {
        let mut buf = ryu::Buffer::new();
        f.write_str(buf.format_finite(x))
    }
}

/// The simple value at `id`, if everything reachable from it is simple: no cycle, no lone
/// surrogate, no int Python would refuse to print, not nested deeper than [`MAX_DEPTH`].
pub(super) fn simple(heap: &Heap, id: Id) -> Option<Simple> {
    let mut walk = Walk {
        path: Vec::new(),
        nodes: 0,
    };
    convert(heap, id, &mut walk)
}

/// Where a conversion is: the containers it is inside, and how many values it made.
struct Walk {
    path: Vec<Id>,
    nodes: usize,
}

fn convert(heap: &Heap, id: Id, walk: &mut Walk) -> Option<Simple> {
    walk.nodes += 1;
    if walk.nodes > MAX_NODES || walk.path.len() >= MAX_DEPTH || walk.path.contains(&id) {
        return None;
    }
    walk.path.push(id);
    let items = |walk: &mut Walk, ids: &[Id]| -> Option<Vec<Simple>> {
        ids.iter().map(|&i| convert(heap, i, walk)).collect()
    };
    let value = match heap.get(id) {
        Obj::None => Some(Simple::None),
        Obj::Bool(b) => Some(Simple::Bool(*b)),
        Obj::Int(i) if i.too_long_for_str() => None,
        Obj::Int(i) => Some(Simple::Int(i.to_decimal())),
        Obj::Float(x) => Some(Simple::Float(*x)),
        Obj::Str(s) => s.as_str().map(|s| Simple::Str(s.to_string())),
        Obj::Bytes(b) => Some(Simple::Bytes(b.clone())),
        Obj::List(v) => items(walk, v).map(Simple::List),
        Obj::Tuple(v) => items(walk, v).map(Simple::Tuple),
        Obj::Dict(d) => d
            .items
            .iter()
            .map(|&(k, v)| Some((convert(heap, k, walk)?, convert(heap, v, walk)?)))
            .collect::<Option<Vec<_>>>()
            .map(Simple::Dict),
        _ => None,
    };
    walk.path.pop();
    value
}
