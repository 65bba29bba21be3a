//! Base64 pickles inside Chatsky documents (spec 2.2): decoding, and a static walk over the
//! opcodes (protocols 0–5) that never executes anything. It finds every global a pickle would
//! import and rebuilds values made only of simple opcodes.

use std::fmt;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// Globals Chatsky itself writes, so a pickle referencing only these is not an injection.
///
/// * `chatsky.slots.slots.SlotNotExtracted`: the marker stored for a slot that was not
///   extracted (corpus key `slots-abandoned-user`).
///
/// Telegram objects: the `tg-attachments` fixtures of 0.8 and 0.9 hold no pickled telegram
/// objects at all: their attachments are plain JSON (`Location`, `Contact`, `Poll`, `Image`, …)
/// and every `original_message` is `null`. A live bot does pickle a `telegram.Update` there,
/// but that drags in dozens of `telegram.*` classes plus `datetime`/`copyreg` helpers whose
/// constructors run on load; allowing them would allow exactly the gadget chains this check is
/// for. So no telegram global is listed: such data needs `--allow-unsafe-pickles`.
pub const ALLOWED_GLOBALS: &[&str] = &["chatsky.slots.slots.SlotNotExtracted"];

/// Why a pickle field cannot be read (Chatsky raises binascii.Error, EOFError or
/// UnpicklingError for these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickleError(pub String);

impl fmt::Display for PickleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PickleError {}

/// What a static walk over a pickle found.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// Protocol from the PROTO opcode (0 when absent).
    pub protocol: u8,
    /// Every GLOBAL/STACK_GLOBAL/INST target as `module.name`, in order, without repeats.
    pub globals: Vec<String>,
    /// The value, when the pickle is built from simple opcodes only.
    pub simple: Option<Simple>,
}

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

/// Decode like Python's `base64.decodebytes`: characters outside the alphabet (newlines) are
/// skipped, padding is required.
pub fn decode_b64(s: &str) -> Result<Vec<u8>, PickleError> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
    );
    let clean: Vec<u8> = s
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        .collect();
    LENIENT
        .decode(&clean)
        .map_err(|e| PickleError(format!("not valid base64 (binascii.Error): {e}")))
}

/// Encode like Python's `base64.encodebytes`: a newline after every 76 characters and at the end.
pub fn encode_b64_lines(bytes: &[u8]) -> String {
    let flat = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut out = String::with_capacity(flat.len() + flat.len() / 76 + 1);
    for chunk in flat.as_bytes().chunks(76) {
        // Base64 output is ASCII, so any chunking is valid UTF-8.
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Decode a base64 pickle and walk it.
pub fn inspect(b64: &str) -> Result<Inspection, PickleError> {
    inspect_bytes(&decode_b64(b64)?)
}

/// Walk raw pickle bytes.
pub fn inspect_bytes(data: &[u8]) -> Result<Inspection, PickleError> {
    let mut vm = Walker::new(data);
    vm.run()?;
    let simple = if vm.opaque {
        None
    } else {
        vm.result.take().and_then(Item::into_simple)
    };
    Ok(Inspection {
        protocol: vm.protocol,
        globals: vm.globals,
        simple,
    })
}

/// A stack entry of the walker.
#[derive(Debug, Clone)]
enum Item {
    Mark,
    Value(Simple),
    /// Something built by a non-simple opcode (an object, a set, a global…).
    Opaque,
}

impl Item {
    fn into_simple(self) -> Option<Simple> {
        match self {
            Item::Value(v) => Some(v),
            _ => None,
        }
    }

    fn str(&self) -> Option<&str> {
        match self {
            Item::Value(Simple::Str(s)) => Some(s),
            _ => None,
        }
    }
}

struct Walker<'d> {
    data: &'d [u8],
    pos: usize,
    stack: Vec<Item>,
    memo: Vec<(u64, Item)>,
    protocol: u8,
    globals: Vec<String>,
    /// Set once anything non-simple was seen: `simple` is then withheld.
    opaque: bool,
    result: Option<Item>,
}

impl<'d> Walker<'d> {
    fn new(data: &'d [u8]) -> Self {
        Walker {
            data,
            pos: 0,
            stack: Vec::new(),
            memo: Vec::new(),
            protocol: 0,
            globals: Vec::new(),
            opaque: false,
            result: None,
        }
    }

    fn eof(&self) -> PickleError {
        PickleError("pickle data was truncated (EOFError / UnpicklingError)".into())
    }

    fn take(&mut self, n: usize) -> Result<&'d [u8], PickleError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| self.eof())?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn uint(&mut self, n: usize) -> Result<u64, PickleError> {
        let b = self.take(n)?;
        Ok(b.iter()
            .rev()
            .fold(0u64, |acc, &x| (acc << 8) | u64::from(x)))
    }

    fn len(&mut self, n: usize) -> Result<usize, PickleError> {
        let v = self.uint(n)?;
        usize::try_from(v).map_err(|_| self.eof())
    }

    fn line(&mut self) -> Result<&'d str, PickleError> {
        let rest = &self.data[self.pos..];
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| self.eof())?;
        self.pos += nl + 1;
        std::str::from_utf8(&rest[..nl]).map_err(|_| bad("text opcode argument is not UTF-8"))
    }

    fn pop(&mut self) -> Result<Item, PickleError> {
        self.stack
            .pop()
            .ok_or_else(|| bad("unpickling stack underflow"))
    }

    /// Pop everything above the topmost MARK.
    fn pop_mark(&mut self) -> Result<Vec<Item>, PickleError> {
        let at = self
            .stack
            .iter()
            .rposition(|i| matches!(i, Item::Mark))
            .ok_or_else(|| bad("could not find MARK"))?;
        let items = self.stack.split_off(at + 1);
        self.stack.pop();
        Ok(items)
    }

    fn push(&mut self, v: Simple) {
        self.stack.push(Item::Value(v));
    }

    fn push_opaque(&mut self) {
        self.opaque = true;
        self.stack.push(Item::Opaque);
    }

    fn global(&mut self, name: String) {
        if !self.globals.contains(&name) {
            self.globals.push(name);
        }
        self.push_opaque();
    }

    fn run(&mut self) -> Result<(), PickleError> {
        loop {
            let op = *self
                .take(1)
                .map_err(|_| PickleError("pickle data ended without STOP (EOFError)".into()))?
                .first()
                .unwrap_or(&b'.');
            if op == b'.' {
                self.result = Some(self.pop()?);
                return Ok(());
            }
            self.step(op)?;
        }
    }

    fn step(&mut self, op: u8) -> Result<(), PickleError> {
        match op {
            0x80 => self.protocol = self.take(1)?[0],
            0x95 => drop(self.take(8)?), // FRAME: only a length hint
            b'(' => self.stack.push(Item::Mark),
            b'0' => drop(self.pop()?),
            b'1' => drop(self.pop_mark()?),
            b'2' => {
                let top = self
                    .stack
                    .last()
                    .cloned()
                    .ok_or_else(|| bad("DUP on empty stack"))?;
                self.stack.push(top);
            }
            _ => return self.step_value(op),
        }
        Ok(())
    }

    fn step_value(&mut self, op: u8) -> Result<(), PickleError> {
        match op {
            b'N' => self.push(Simple::None),
            0x88 => self.push(Simple::Bool(true)),
            0x89 => self.push(Simple::Bool(false)),
            b'K' => {
                let v = self.uint(1)?;
                self.push(Simple::Int(v.to_string()));
            }
            b'M' => {
                let v = self.uint(2)?;
                self.push(Simple::Int(v.to_string()));
            }
            b'J' => {
                let v = self.uint(4)? as u32 as i32;
                self.push(Simple::Int(v.to_string()));
            }
            0x8a | 0x8b => {
                let n = self.len(if op == 0x8a { 1 } else { 4 })?;
                let bytes = self.take(n)?;
                self.push(Simple::Int(long_le_to_decimal(bytes)));
            }
            b'I' | b'L' => {
                let line = self.line()?;
                self.push(text_int(line, op == b'I')?);
            }
            b'F' => {
                let line = self.line()?;
                let x = line
                    .trim()
                    .parse()
                    .map_err(|_| bad("could not convert FLOAT argument"))?;
                self.push(Simple::Float(x));
            }
            b'G' => {
                let b = self.take(8)?;
                let mut arr = [0u8; 8];
                arr.copy_from_slice(b);
                self.push(Simple::Float(f64::from_be_bytes(arr)));
            }
            _ => return self.step_text(op),
        }
        Ok(())
    }

    fn step_text(&mut self, op: u8) -> Result<(), PickleError> {
        let (len_bytes, is_str) = match op {
            0x8c => (1, true),
            b'X' => (4, true),
            0x8d => (8, true),
            b'C' => (1, false),
            b'B' => (4, false),
            0x8e | 0x96 => (8, false),
            _ => return self.step_container(op),
        };
        let n = self.len(len_bytes)?;
        let bytes = self.take(n)?;
        if is_str {
            let s = std::str::from_utf8(bytes).map_err(|_| bad("string is not valid UTF-8"))?;
            self.push(Simple::Str(s.to_string()));
        } else if op == 0x96 {
            self.push_opaque(); // bytearray: not a JSON-shaped builtin
        } else {
            self.push(Simple::Bytes(bytes.to_vec()));
        }
        Ok(())
    }

    fn step_container(&mut self, op: u8) -> Result<(), PickleError> {
        match op {
            b']' => self.push(Simple::List(Vec::new())),
            b'}' => self.push(Simple::Dict(Vec::new())),
            b')' => self.push(Simple::Tuple(Vec::new())),
            b'l' | b't' => {
                let items = self.pop_mark()?;
                let values = simple_items(items);
                match (values, op) {
                    (Some(v), b'l') => self.push(Simple::List(v)),
                    (Some(v), _) => self.push(Simple::Tuple(v)),
                    (None, _) => self.push_opaque(),
                }
            }
            0x85..=0x87 => {
                let n = usize::from(op - 0x84);
                if self.stack.len() < n {
                    return Err(bad("unpickling stack underflow"));
                }
                let items = self.stack.split_off(self.stack.len() - n);
                match simple_items(items) {
                    Some(v) => self.push(Simple::Tuple(v)),
                    None => self.push_opaque(),
                }
            }
            b'd' => {
                let items = self.pop_mark()?;
                let pairs = simple_pairs(items);
                self.push_maybe(pairs.map(Simple::Dict));
            }
            b'a' => {
                let item = self.pop()?;
                self.extend_top(vec![item])?;
            }
            b'e' => {
                let items = self.pop_mark()?;
                self.extend_top(items)?;
            }
            b's' => {
                let v = self.pop()?;
                let k = self.pop()?;
                self.extend_top(vec![k, v])?;
            }
            b'u' => {
                let items = self.pop_mark()?;
                self.extend_top(items)?;
            }
            _ => return self.step_memo(op),
        }
        Ok(())
    }

    fn push_maybe(&mut self, v: Option<Simple>) {
        match v {
            Some(v) => self.push(v),
            None => self.push_opaque(),
        }
    }

    /// APPEND(S)/SETITEM(S): add to the list or dict on top of the stack.
    fn extend_top(&mut self, items: Vec<Item>) -> Result<(), PickleError> {
        let top = self
            .stack
            .last_mut()
            .ok_or_else(|| bad("unpickling stack underflow"))?;
        match top {
            Item::Value(Simple::List(list)) => match simple_items(items) {
                Some(v) => list.extend(v),
                None => *top = Item::Opaque,
            },
            Item::Value(Simple::Dict(dict)) => match simple_pairs(items) {
                Some(v) => dict.extend(v),
                None => *top = Item::Opaque,
            },
            // Appending to an object (e.g. list subclasses via REDUCE) keeps it opaque.
            Item::Opaque => {}
            _ => return Err(bad("APPEND/SETITEM target is not a list or dict")),
        }
        if matches!(self.stack.last(), Some(Item::Opaque)) {
            self.opaque = true;
        }
        Ok(())
    }

    fn step_memo(&mut self, op: u8) -> Result<(), PickleError> {
        match op {
            0x94 => {
                let top = self
                    .stack
                    .last()
                    .cloned()
                    .ok_or_else(|| bad("MEMOIZE on empty stack"))?;
                let idx = self.memo.len() as u64;
                self.memo.push((idx, top));
            }
            b'p' | b'q' | b'r' => {
                let idx = match op {
                    b'p' => self
                        .line()?
                        .trim()
                        .parse()
                        .map_err(|_| bad("bad PUT index"))?,
                    b'q' => self.uint(1)?,
                    _ => self.uint(4)?,
                };
                let top = self
                    .stack
                    .last()
                    .cloned()
                    .ok_or_else(|| bad("PUT on empty stack"))?;
                self.memo.retain(|(i, _)| *i != idx);
                self.memo.push((idx, top));
            }
            b'g' | b'h' | b'j' => {
                let idx = match op {
                    b'g' => self
                        .line()?
                        .trim()
                        .parse()
                        .map_err(|_| bad("bad GET index"))?,
                    b'h' => self.uint(1)?,
                    _ => self.uint(4)?,
                };
                let item = self
                    .memo
                    .iter()
                    .rev()
                    .find(|(i, _)| *i == idx)
                    .map(|(_, item)| item.clone())
                    .ok_or_else(|| bad("memo key not found"))?;
                // A memoised container may have been filled after it was memoised (shared
                // reference): only immutable scalars and strings are safe to re-use.
                match item {
                    Item::Value(Simple::List(_) | Simple::Dict(_)) => self.push_opaque(),
                    other => self.stack.push(other),
                }
            }
            _ => return self.step_object(op),
        }
        Ok(())
    }

    fn step_object(&mut self, op: u8) -> Result<(), PickleError> {
        match op {
            b'c' | b'i' => {
                let module = self.line()?.to_string();
                let name = self.line()?.to_string();
                if op == b'i' {
                    self.pop_mark()?; // INST: class args after a MARK
                }
                self.global(format!("{module}.{name}"));
            }
            0x93 => {
                let name = self.pop()?;
                let module = self.pop()?;
                let full = match (module.str(), name.str()) {
                    (Some(m), Some(n)) => format!("{m}.{n}"),
                    _ => "<computed global>".to_string(),
                };
                self.global(full);
            }
            0x82..=0x84 => {
                let code = self.uint(1 << (op - 0x82))?;
                self.global(format!("<copyreg extension {code}>"));
            }
            b'P' | b'Q' => {
                if op == b'P' {
                    self.line()?;
                } else {
                    self.pop()?;
                }
                self.global("<persistent id>".to_string());
            }
            b'R' | 0x81 => self.pop_n_opaque(2)?,
            0x92 => self.pop_n_opaque(3)?,
            b'b' => {
                self.pop()?; // BUILD: state applied to the object below
                self.opaque = true;
            }
            b'o' => {
                self.pop_mark()?;
                self.push_opaque();
            }
            0x8f => self.push_opaque(),
            0x90 => {
                self.pop_mark()?; // ADDITEMS to a set
                self.opaque = true;
            }
            0x91 => {
                self.pop_mark()?;
                self.push_opaque();
            }
            0x97 | 0x98 => self.push_opaque(),
            b'S' | b'T' | b'U' | b'V' => self.legacy_string(op)?,
            _ => {
                return Err(PickleError(format!(
                    "invalid load key {:?} at byte {} (UnpicklingError)",
                    op as char,
                    self.pos - 1
                )))
            }
        }
        Ok(())
    }

    fn pop_n_opaque(&mut self, n: usize) -> Result<(), PickleError> {
        for _ in 0..n {
            self.pop()?;
        }
        self.push_opaque();
        Ok(())
    }

    /// Protocol 0–2 strings. Their Python 3 decoding depends on `encoding=`, so they are kept
    /// opaque rather than guessed.
    fn legacy_string(&mut self, op: u8) -> Result<(), PickleError> {
        match op {
            b'S' | b'V' => drop(self.line()?),
            b'T' => {
                let n = self.len(4)?;
                self.take(n)?;
            }
            _ => {
                let n = self.len(1)?;
                self.take(n)?;
            }
        }
        self.push_opaque();
        Ok(())
    }
}

fn bad(msg: &str) -> PickleError {
    PickleError(format!("{msg} (UnpicklingError)"))
}

fn simple_items(items: Vec<Item>) -> Option<Vec<Simple>> {
    items.into_iter().map(Item::into_simple).collect()
}

fn simple_pairs(items: Vec<Item>) -> Option<Vec<(Simple, Simple)>> {
    if items.len() % 2 != 0 {
        return None;
    }
    let values = simple_items(items)?;
    let mut it = values.into_iter();
    let mut pairs = Vec::new();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        pairs.push((k, v));
    }
    Some(pairs)
}

/// Protocol 0 `I`/`L` text ints; `I00`/`I01` are the protocol 0 spellings of False/True.
fn text_int(line: &str, is_int_op: bool) -> Result<Simple, PickleError> {
    if is_int_op && line == "00" {
        return Ok(Simple::Bool(false));
    }
    if is_int_op && line == "01" {
        return Ok(Simple::Bool(true));
    }
    let digits = line.strip_suffix('L').unwrap_or(line);
    super::coerce::int_from_str(digits)
        .filter(|_| !digits.contains('.'))
        .map(Simple::Int)
        .ok_or_else(|| bad("could not convert INT/LONG argument"))
}

/// Decimal text of a little-endian two's complement integer (LONG1/LONG4 payload).
fn long_le_to_decimal(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "0".into();
    }
    let negative = bytes.last().is_some_and(|&b| b & 0x80 != 0);
    // Magnitude as big-endian base-2^8 digits; negate two's complement if needed.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_like_python() {
        assert_eq!(decode_b64("gAROLg==\n").unwrap(), b"\x80\x04N.");
        assert_eq!(decode_b64("gARO\nLg==").unwrap(), b"\x80\x04N.");
        assert!(decode_b64("gAROLg").is_err(), "padding is required");
        assert_eq!(encode_b64_lines(b"\x80\x04N."), "gAROLg==\n");
        let long = encode_b64_lines(&[0u8; 60]);
        assert_eq!(long.lines().map(str::len).collect::<Vec<_>>(), [76, 4]);
        assert!(long.ends_with('\n'));
    }

    #[test]
    fn simple_values() {
        let s = |b64: &str| inspect(b64).unwrap().simple.unwrap().to_string();
        assert_eq!(s("gAROLg==\n"), "None");
        assert_eq!(s("gARLBS4=\n"), "5");
        assert_eq!(s("gASVCQAAAAAAAACMBWdyb290lC4=\n"), "'groot'");
        assert_eq!(s("gASVCgAAAAAAAABDBgD/IHJhd5Qu\n"), "b'\\x00\\xff raw'");
    }

    #[test]
    fn built_containers() {
        // pickle.dumps({"a": [1, 2.5, None, (True,)], "b": -2**70}, protocol=4)
        let data = "gASVKwAAAAAAAAB9lCiMAWGUXZQoSwFHQAQAAAAAAABOiIWUZYwBYpSKCQAAAAAAAAAAwHUu\n";
        let i = inspect(data).unwrap();
        assert_eq!(i.protocol, 4);
        assert!(i.globals.is_empty());
        assert_eq!(
            i.simple.unwrap().to_string(),
            "{'a': [1, 2.5, None, (True,)], 'b': -1180591620717411303424}"
        );
    }

    #[test]
    fn globals_are_found_not_run() {
        let slot = "gASVSwAAAAAAAACME2NoYXRza3kuc2xvdHMuc2xvdHOUjBBTbG90Tm90RXh0cmFjdGVklJOUjBhJ\nbml0aWFsIHNsb3QgZXh0cmFjdGlvbi6UhZRSlC4=\n";
        let i = inspect(slot).unwrap();
        assert_eq!(i.globals, ["chatsky.slots.slots.SlotNotExtracted"]);
        assert_eq!(i.simple, None);
        // Protocol 0: cos\nsystem\n(S'echo hi'\ntR.
        let evil = inspect_bytes(b"cos\nsystem\n(S'echo hi'\ntR.").unwrap();
        assert_eq!(
            (evil.protocol, evil.globals),
            (0, vec!["os.system".to_string()])
        );
    }

    #[test]
    fn broken_pickles() {
        assert!(inspect_bytes(b"").is_err());
        assert!(inspect_bytes(b"\x80\x04N").is_err());
        assert!(inspect_bytes(b"\x80\x04\xff.").is_err());
        assert!(inspect_bytes(b"\x80\x04\x8c\x05ab").is_err());
    }

    #[test]
    fn long_ints() {
        assert_eq!(long_le_to_decimal(&[0xff]), "-1");
        assert_eq!(long_le_to_decimal(&[0x00, 0x01]), "256");
        assert_eq!(
            long_le_to_decimal(&[0, 0, 0, 0, 0, 0, 0, 0, 0x40]),
            "1180591620717411303424"
        );
    }
}
