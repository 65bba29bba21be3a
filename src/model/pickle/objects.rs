//! The objects a pickle builds, as the walker keeps them: one arena, so that a container the
//! memo or DUP hands out twice is one object (mutating it through one reference shows through
//! the other, as in Python), and the hashing rules dict keys and set members follow.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use super::globals::Global;
use super::text::Why;

/// An object's place in the arena.
pub(super) type Id = usize;

/// A Python int: exactly, in an `i128` when it fits, else as minimal little-endian two's
/// complement bytes (so that equal values are equal here too).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Int {
    Small(i128),
    Big(Vec<u8>),
}

impl Int {
    pub fn from_i128(v: i128) -> Int {
        Int::Small(v)
    }

    /// LONG1/LONG4: little-endian two's complement.
    pub fn from_le_signed(bytes: &[u8]) -> Int {
        let negative = bytes.last().is_some_and(|&b| b & 0x80 != 0);
        let fill = if negative { 0xff } else { 0 };
        let mut b = bytes.to_vec();
        // Minimal: drop sign-extension bytes that repeat the sign.
        while b.len() > 1 && b[b.len() - 1] == fill && (b[b.len() - 2] & 0x80 != 0) == negative {
            b.pop();
        }
        if b.len() <= 16 {
            let mut arr = [fill; 16];
            arr[..b.len()].copy_from_slice(&b);
            return Int::Small(i128::from_le_bytes(arr));
        }
        Int::Big(b)
    }

    /// Digits (most significant first) in `radix`, with a sign.
    pub fn from_digits(negative: bool, digits: &[u8], radix: u32) -> Int {
        // Magnitude in base 2^32, least significant first.
        let mut mag: Vec<u32> = vec![0];
        for &d in digits {
            let mut carry = u64::from(d);
            for limb in mag.iter_mut() {
                let v = u64::from(*limb) * u64::from(radix) + carry;
                *limb = v as u32;
                carry = v >> 32;
            }
            if carry > 0 {
                mag.push(carry as u32);
            }
        }
        Int::from_magnitude(negative, &mag)
    }

    /// From a sign and a base-2^32 magnitude (least significant limb first).
    fn from_magnitude(negative: bool, mag: &[u32]) -> Int {
        let mut bytes: Vec<u8> = mag.iter().flat_map(|l| l.to_le_bytes()).collect();
        bytes.push(0);
        if negative {
            // Two's complement: invert and add one.
            let mut carry = true;
            for b in bytes.iter_mut() {
                let (v, c) = (!*b).overflowing_add(u8::from(carry));
                *b = v;
                carry = c;
            }
        }
        Int::from_le_signed(&bytes)
    }

    /// The exact value of an integral finite float.
    pub fn from_integral_float(x: f64) -> Int {
        if x.abs() < 1.7e38 {
            return Int::Small(x as i128);
        }
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
        let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
        // x = mantissa * 2^exp with exp > 0 here.
        let shift = exp as usize;
        let mut mag = vec![0u32; shift / 32 + 3];
        let wide = u128::from(mantissa) << (shift % 32);
        for (k, limb) in mag.iter_mut().skip(shift / 32).take(3).enumerate() {
            *limb = (wide >> (32 * k)) as u32;
        }
        Int::from_magnitude(x < 0.0, &mag)
    }

    pub fn small(&self) -> Option<i128> {
        match self {
            Int::Small(v) => Some(*v),
            Int::Big(_) => None,
        }
    }

    pub fn to_i64(&self) -> Option<i64> {
        self.small().and_then(|v| i64::try_from(v).ok())
    }

    /// Decimal text.
    pub fn to_decimal(&self) -> String {
        match self {
            Int::Small(v) => v.to_string(),
            Int::Big(b) => le_to_decimal(b),
        }
    }

    /// More decimal digits than Python's `str()` gives (4,300)? Checked without converting.
    pub fn too_long_for_str(&self) -> bool {
        // 4,300 decimal digits need at least 1,786 bytes.
        matches!(self, Int::Big(b) if b.len() > 1780)
    }
}

/// Decimal text of a little-endian two's complement integer.
fn le_to_decimal(bytes: &[u8]) -> String {
    let negative = bytes.last().is_some_and(|&b| b & 0x80 != 0);
    let mut mag: Vec<u8> = bytes.iter().rev().copied().collect();
    if negative {
        for b in mag.iter_mut() {
            *b = !*b;
        }
        for b in mag.iter_mut().rev() {
            let (v, carry) = b.overflowing_add(1);
            *b = v;
            if !carry {
                break;
            }
        }
    }
    let mut digits = Vec::new();
    while mag.iter().any(|&b| b != 0) {
        let mut rem = 0u32;
        for b in mag.iter_mut() {
            let cur = (rem << 8) | u32::from(*b);
            *b = (cur / 10) as u8;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    if negative {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// A Python str, as "generalised UTF-8": every code point encoded on its own, so that a lone
/// surrogate (which `surrogatepass` and `\ud800` escapes make) is kept, and equal strings have
/// equal bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct PyStr(Vec<u8>);

impl PyStr {
    pub fn from_utf8(bytes: Vec<u8>) -> PyStr {
        PyStr(bytes)
    }

    pub fn from_generalized(bytes: Vec<u8>) -> PyStr {
        PyStr(bytes)
    }

    pub fn from_code_points(points: &[u32]) -> PyStr {
        let mut out = Vec::with_capacity(points.len());
        for &cp in points {
            match char::from_u32(cp) {
                Some(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                // A surrogate: the three bytes `surrogatepass` writes.
                None => out.extend_from_slice(&[
                    0xe0 | (cp >> 12) as u8,
                    0x80 | ((cp >> 6) & 0x3f) as u8,
                    0x80 | (cp & 0x3f) as u8,
                ]),
            }
        }
        PyStr(out)
    }

    /// The text, when it holds no lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    pub fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(&self.0).into_owned()
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The code points.
    pub fn code_points(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.0.len() {
            let b = self.0[i];
            let (len, init) = match b {
                0x00..=0x7f => (1, u32::from(b)),
                0xc0..=0xdf => (2, u32::from(b & 0x1f)),
                0xe0..=0xef => (3, u32::from(b & 0x0f)),
                _ => (4, u32::from(b & 0x07)),
            };
            let tail = self.0.get(i + 1..i + len).unwrap_or_default();
            out.push(
                tail.iter()
                    .fold(init, |acc, &c| (acc << 6) | u32::from(c & 0x3f)),
            );
            i += len;
        }
        out
    }

    /// `str.encode('latin-1')`: `None` when a character is above U+00FF.
    pub fn latin1(&self) -> Option<Vec<u8>> {
        let text = self.as_str()?;
        text.chars()
            .map(|c| u8::try_from(u32::from(c)).ok())
            .collect()
    }
}

/// What a modelled allowed global made.
#[derive(Debug, Clone)]
pub(super) enum Made {
    Range,
    Complex,
    Datetime,
    Date,
    Time,
    /// A timedelta, in microseconds.
    Timedelta(i128),
    Timezone,
    Decimal,
    /// A `uuid.UUID`, with what its `int` slot holds once set.
    Uuid(Option<Id>),
    /// A `SlotNotExtracted`: its args and the attributes BUILD gave it.
    Sne {
        args: Id,
        attrs: HashMap<String, Id>,
    },
    /// `object()`.
    Object,
}

/// A dict (insertion order, keys as Python compares them).
#[derive(Debug, Clone, Default)]
pub(super) struct Dict {
    pub items: Vec<(Id, Id)>,
    index: HashMap<Key, usize>,
}

/// A set or frozenset.
#[derive(Debug, Clone, Default)]
pub(super) struct Set {
    pub items: Vec<Id>,
    index: HashSet<Key>,
}

/// An object of the arena.
#[derive(Debug, Clone)]
pub(super) enum Obj {
    None,
    Bool(bool),
    Int(Int),
    Float(f64),
    Str(PyStr),
    Bytes(Vec<u8>),
    ByteArray(Vec<u8>),
    /// A read-only memoryview of a bytearray (READONLY_BUFFER).
    View(Id),
    List(Vec<Id>),
    Tuple(Vec<Id>),
    Dict(Dict),
    Set(Set),
    FrozenSet(Set),
    /// A global of the built-in allow-list.
    Global(Global),
    /// An instance one of them made.
    Made(Made),
    /// A global the user allowed (or one let through by --allow-unsafe-pickles), or anything it
    /// made: its behaviour is not modelled, only vouched for.
    Trusted,
}

impl Obj {
    /// Python's type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Obj::None => "NoneType",
            Obj::Bool(_) => "bool",
            Obj::Int(_) => "int",
            Obj::Float(_) => "float",
            Obj::Str(_) => "str",
            Obj::Bytes(_) => "bytes",
            Obj::ByteArray(_) => "bytearray",
            Obj::View(_) => "memoryview",
            Obj::List(_) => "list",
            Obj::Tuple(_) => "tuple",
            Obj::Dict(_) => "dict",
            Obj::Set(_) => "set",
            Obj::FrozenSet(_) => "frozenset",
            Obj::Global(_) => "type",
            Obj::Made(_) => "object",
            Obj::Trusted => "object",
        }
    }
}

/// How a hashable object compares as a dict key or set member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    None,
    /// ints, bools and integral floats (`1 == 1.0 == True`).
    Int(Int),
    /// Other floats, by bits (NaN goes by identity instead).
    Float(u64),
    Str(Vec<u8>),
    Bytes(Vec<u8>),
    Tuple(Vec<Key>),
    Global(Global),
    /// Equal only to itself.
    Ident(Id),
}

/// Tuples nest at most this deep as keys (deeper ones are refused, not hashed).
const MAX_KEY_DEPTH: usize = 64;

/// At most this many objects are hashed over a whole walk (a tuple counts all its items): a
/// small pickle can use one huge tuple as a key again and again.
const MAX_HASHED: u64 = 20_000_000;

/// The objects of one walk.
#[derive(Debug, Default)]
pub(super) struct Heap {
    objs: Vec<Obj>,
    hashed: Cell<u64>,
}

impl Heap {
    pub fn add(&mut self, obj: Obj) -> Id {
        self.objs.push(obj);
        self.objs.len() - 1
    }

    pub fn get(&self, id: Id) -> &Obj {
        &self.objs[id]
    }

    pub fn get_mut(&mut self, id: Id) -> &mut Obj {
        &mut self.objs[id]
    }

    pub fn is_trusted(&self, id: Id) -> bool {
        matches!(self.objs[id], Obj::Trusted)
    }

    /// The key `id` hashes and compares as; CPython's TypeError for unhashable objects.
    pub fn key(&self, id: Id) -> Result<Key, Why> {
        self.key_at(id, 0)
    }

    fn key_at(&self, id: Id, depth: usize) -> Result<Key, Why> {
        self.hashed.set(self.hashed.get() + 1);
        if self.hashed.get() > MAX_HASHED {
            return Err(Why::Unknown("more hashing than the walk models".into()));
        }
        Ok(match &self.objs[id] {
            Obj::None => Key::None,
            Obj::Bool(b) => Key::Int(Int::Small(i128::from(*b))),
            Obj::Int(i) => Key::Int(i.clone()),
            Obj::Float(x) if x.is_nan() => Key::Ident(id),
            Obj::Float(x) if x.is_finite() && x.fract() == 0.0 => {
                Key::Int(Int::from_integral_float(*x))
            }
            Obj::Float(x) => Key::Float(x.to_bits()),
            Obj::Str(s) => Key::Str(s.bytes().to_vec()),
            Obj::Bytes(b) => Key::Bytes(b.clone()),
            Obj::Tuple(items) if depth >= MAX_KEY_DEPTH => {
                let _ = items;
                return Err(Why::Unknown("a key of tuples nested too deep".into()));
            }
            Obj::Tuple(items) => Key::Tuple(
                items
                    .iter()
                    .map(|&i| self.key_at(i, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Obj::Global(g) => Key::Global(*g),
            Obj::Made(Made::Sne { .. } | Made::Object) | Obj::Trusted => Key::Ident(id),
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::ByteArray(_) => {
                return Err(Why::Fails(format!(
                    "unhashable type: '{}' (TypeError)",
                    self.objs[id].type_name()
                )))
            }
            Obj::View(_) => {
                return Err(Why::Fails(
                    "unhashable type: 'bytearray' (TypeError, hashing a memoryview)".into(),
                ))
            }
            Obj::FrozenSet(_) | Obj::Made(_) => {
                return Err(Why::Unknown(
                    "a frozenset or an allowed global's object as a dict key or set member is \
                     not modelled"
                        .into(),
                ))
            }
        })
    }

    /// `dict[key] = value` on the dict at `dict`.
    pub fn dict_set(&mut self, dict: Id, key: Id, value: Id) -> Result<(), Why> {
        let k = self.key(key)?;
        let Obj::Dict(d) = &mut self.objs[dict] else {
            return Err(Why::Unknown("dict_set on a non-dict".into()));
        };
        match d.index.get(&k) {
            // An equal key is there: it stays, with the new value.
            Some(&at) => d.items[at].1 = value,
            None => {
                d.index.insert(k, d.items.len());
                d.items.push((key, value));
            }
        }
        Ok(())
    }

    /// `set.add(item)` on the set (or frozenset under construction) at `set`.
    pub fn set_add(&mut self, set: Id, item: Id) -> Result<(), Why> {
        let k = self.key(item)?;
        let (Obj::Set(s) | Obj::FrozenSet(s)) = &mut self.objs[set] else {
            return Err(Why::Unknown("set_add on a non-set".into()));
        };
        if s.index.insert(k) {
            s.items.push(item);
        }
        Ok(())
    }

    /// The objects `id` refers to.
    pub fn children(&self, id: Id) -> Vec<Id> {
        match &self.objs[id] {
            Obj::List(v) | Obj::Tuple(v) => v.clone(),
            Obj::Set(s) | Obj::FrozenSet(s) => s.items.clone(),
            Obj::Dict(d) => d.items.iter().flat_map(|&(k, v)| [k, v]).collect(),
            Obj::View(b) => vec![*b],
            Obj::Made(Made::Uuid(Some(i))) => vec![*i],
            Obj::Made(Made::Sne { args, attrs }) => std::iter::once(*args)
                .chain(attrs.values().copied())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a memoryview is reachable from `id` (pickle cannot dump one again).
    pub fn reaches_view(&self, id: Id) -> bool {
        let mut seen = HashSet::new();
        let mut todo = vec![id];
        while let Some(i) = todo.pop() {
            if !seen.insert(i) {
                continue;
            }
            if matches!(self.objs[i], Obj::View(_)) {
                return true;
            }
            todo.extend(self.children(i));
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_compare_by_value_whatever_their_spelling() {
        assert_eq!(Int::from_le_signed(&[0xff]), Int::Small(-1));
        assert_eq!(Int::from_le_signed(&[0x00, 0x01]), Int::Small(256));
        let big = Int::from_le_signed(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40]);
        assert_eq!(
            big.to_decimal(),
            "21778071482940061661655974875633165533184"
        );
        assert_eq!(
            Int::from_digits(
                false,
                &[
                    2, 1, 7, 7, 8, 0, 7, 1, 4, 8, 2, 9, 4, 0, 0, 6, 1, 6, 6, 1, 6, 5, 5, 9, 7, 4,
                    8, 7, 5, 6, 3, 3, 1, 6, 5, 5, 3, 3, 1, 8, 4
                ],
                10
            ),
            big
        );
        assert_eq!(Int::from_integral_float(2f64.powi(130)), {
            let mut b = vec![0u8; 17];
            b[16] = 4;
            b.push(0);
            Int::from_le_signed(&b)
        });
        assert_eq!(Int::from_integral_float(-3.0), Int::Small(-3));
        assert_eq!(Int::from_digits(true, &[1, 15], 16).to_decimal(), "-31");
    }
}
