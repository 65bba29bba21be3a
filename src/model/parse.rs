//! Reading stored bytes the way Chatsky's `json.loads(value.decode("utf-8"))` does.
//!
//! A hand-written parser into the borrowing [`Value`] tree: it accepts exactly what Python's
//! `json` module accepts (the bare tokens `NaN`, `Infinity` and `-Infinity` included), keeps
//! number literals as written, and reports errors with Python's own messages and positions.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use super::tree::{same_key, Map, Number, Str, Value};

/// Objects and arrays nest at most this deep: Python's default recursion limit, which
/// `json.loads` cannot pass (it stops a little sooner, by the frames already in use). Chatsky
/// never writes more than about 257 levels (see `writer::room`).
const MAX_DEPTH: usize = 1000;

/// Python's default `sys.get_int_max_str_digits()`: `json.loads` turns an integer literal into
/// an `int` with `int()`, which refuses a decimal string of more digits (the sign not counted).
const MAX_INT_DIGITS: usize = 4300;

/// Python's message for an integer literal over [`MAX_INT_DIGITS`] (a ValueError).
fn too_many_digits(digits: usize) -> String {
    format!(
        "Exceeds the limit ({MAX_INT_DIGITS} digits) for integer string conversion: value has \
         {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
    )
}

/// Why stored bytes are not a document Chatsky could read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line in the input.
    pub line: usize,
    /// 1-based column in the input, counted in characters like Python's `colno`.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Parse stored bytes as Python's `json.loads` would.
///
/// Accepts `NaN`/`Infinity`/`-Infinity`; duplicate keys keep the last value at the position of
/// the first; integers of any size stay exact. Rejects a UTF-8 BOM, invalid UTF-8 and lone
/// surrogates (Chatsky reads those but can never write them back).
pub fn parse(raw: &[u8]) -> Result<Value<'_>, ParseError> {
    parse_str(utf8(raw)?)
}

/// [`parse`] for text already known to be UTF-8 (lines read as strings), without checking it
/// again.
pub fn parse_str(text: &str) -> Result<Value<'_>, ParseError> {
    document(text).map(|(value, _)| value)
}

/// [`parse`], also saying whether the text is strict JSON (no `NaN`, `Infinity`), as
/// [`object_keys`] does without building anything.
pub fn parse_strictness(raw: &[u8]) -> Result<(Value<'_>, bool), ParseError> {
    document(utf8(raw)?)
}

fn document(text: &str) -> Result<(Value<'_>, bool), ParseError> {
    document_in(&mut Parser::new(text))
}

/// [`parse`] as Chatsky's reader goes: a lone surrogate, which Python reads but pydantic cannot
/// write back, does not stop it (it is read as U+FFFD here). The first one is given as the
/// reason the document cannot be written back.
pub fn parse_as_read(raw: &[u8]) -> Result<(Value<'_>, Option<ParseError>), ParseError> {
    let text = utf8(raw)?;
    let mut p = Parser::new(text);
    p.keep_lone = true;
    let (value, _) = document_in(&mut p)?;
    let lone = p
        .first_lone
        .get()
        .map(|(at, code)| lone_surrogate(at, code).locate(text));
    Ok((value, lone))
}

/// A whole document with the parser `p`: one value, and no byte-order mark before it.
fn document_in<'a>(p: &mut Parser<'a>) -> Result<(Value<'a>, bool), ParseError> {
    if p.text.starts_with('\u{feff}') {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "starts with a UTF-8 byte-order mark (Python's json.loads refuses it)".into(),
        });
    }
    whole_in(p, Parser::value)
}

/// Stored bytes as text, or why Chatsky could not decode them.
fn utf8(raw: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(raw).map_err(|e| utf8_error(raw, e))
}

/// Run `body` with the parser `p` over all of its text: whitespace around it, nothing after it.
/// Also says whether the text was strict JSON (no `NaN`, `Infinity`, nor a lone surrogate when
/// those are read).
fn whole_in<'a, T>(
    p: &mut Parser<'a>,
    body: impl FnOnce(&mut Parser<'a>) -> Parsed<T>,
) -> Result<(T, bool), ParseError> {
    let text = p.text;
    let run = |p: &mut Parser<'a>| {
        p.skip_ws();
        let value = body(p)?;
        p.skip_ws();
        if p.pos != p.bytes.len() {
            return Err(Bad::at(p.pos, "Extra data"));
        }
        Ok(value)
    };
    let value = run(p).map_err(|bad| bad.locate(text))?;
    Ok((value, !p.lenient && p.first_lone.get().is_none()))
}

fn utf8_error(raw: &[u8], e: std::str::Utf8Error) -> ParseError {
    let offset = e.valid_up_to();
    // The prefix up to `offset` is valid UTF-8 by definition.
    let prefix = std::str::from_utf8(&raw[..offset]).unwrap_or("");
    let (line, column) = line_col(prefix);
    ParseError {
        line,
        column,
        message: format!(
            "invalid UTF-8 at byte offset {offset} (byte 0x{:02x}); Chatsky fails with UnicodeDecodeError",
            raw[offset]
        ),
    }
}

/// 1-based line and character column of the position just after `prefix`.
fn line_col(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    (line, prefix[line_start..].chars().count() + 1)
}

/// A parse failure at a byte offset, before it is turned into a line and column.
struct Bad {
    pos: usize,
    message: Cow<'static, str>,
}

impl Bad {
    // Boxed: a failure is rare, and a small error type keeps every `Parsed` small to move.
    fn at(pos: usize, message: impl Into<Cow<'static, str>>) -> Box<Self> {
        Box::new(Bad {
            pos,
            message: message.into(),
        })
    }

    fn locate(self, text: &str) -> ParseError {
        let mut cut = self.pos.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let (line, column) = line_col(&text[..cut]);
        let message = if self.message.contains("surrogate") {
            self.message.into_owned()
        } else {
            format!("not JSON that Chatsky can read: {}", self.message)
        };
        ParseError {
            line,
            column,
            message,
        }
    }
}

type Parsed<T> = Result<T, Box<Bad>>;

/// Bytes that end a run of plain string text: the quote, a backslash, control characters.
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        table[c] = true;
        c += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Whether a `NaN`, `Infinity` or `-Infinity` was read (Python accepts them; strict JSON
    /// does not).
    lenient: bool,
    /// Read a lone surrogate as U+FFFD, noting the first (offset and code), instead of failing.
    keep_lone: bool,
    first_lone: Cell<Option<(usize, u32)>>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            lenient: false,
            keep_lone: false,
            first_lone: Cell::new(None),
        }
    }
}

impl<'a> Parser<'a> {
    /// Python's whitespace: space, tab, newline, carriage return.
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self) -> Parsed<Value<'a>> {
        let mut value = Value::Null;
        self.value_into(&mut value)?;
        Ok(value)
    }

    /// [`Self::value`] written straight into `slot` (an object's or array's last item): values
    /// handed back up the recursion were copied on every level.
    fn value_into(&mut self, slot: &mut Value<'a>) -> Parsed<()> {
        let Some(b) = self.peek() else {
            return Err(Bad::at(self.pos, "Expecting value"));
        };
        match b {
            b'"' => *slot = Value::String(self.string()?),
            b'{' => self.object(slot)?,
            b'[' => self.array(slot)?,
            b'-' | b'0'..=b'9' => *slot = self.number()?,
            _ => {
                let rest = &self.bytes[self.pos..];
                let len = if rest.starts_with(b"null") {
                    4
                } else if rest.starts_with(b"true") {
                    *slot = Value::Bool(true);
                    4
                } else if rest.starts_with(b"false") {
                    *slot = Value::Bool(false);
                    5
                } else if rest.starts_with(b"NaN") {
                    *slot = self.literal(3);
                    3
                } else if rest.starts_with(b"Infinity") {
                    *slot = self.literal(8);
                    8
                } else {
                    return Err(Bad::at(self.pos, "Expecting value"));
                };
                self.pos += len;
            }
        }
        Ok(())
    }

    /// The next `len` bytes as a number literal (`NaN`, `Infinity`, `-Infinity`).
    fn literal(&mut self, len: usize) -> Value<'a> {
        self.lenient = true;
        Value::Number(Number(Cow::Borrowed(&self.text[self.pos..self.pos + len])))
    }

    /// Python's `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, or `-Infinity`.
    fn number(&mut self) -> Parsed<Value<'a>> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = start;
        if b[i] == b'-' {
            if b[i..].starts_with(b"-Infinity") {
                let v = self.literal(9);
                self.pos += 9;
                return Ok(v);
            }
            i += 1;
        }
        let digits = |mut i: usize| {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        let int_start = i;
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits(i + 1),
            _ => return Err(Bad::at(start, "Expecting value")),
        }
        let int_digits = i - int_start;
        let mut integral = true;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i = digits(i + 2);
            integral = false;
        }
        if let Some(b'e' | b'E') = b.get(i) {
            let j = i + 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
            if b.get(j).is_some_and(u8::is_ascii_digit) {
                i = digits(j + 1);
                integral = false;
            }
        }
        // Python's `int()` of the literal refuses more digits than this (floats are not limited).
        if integral && int_digits > MAX_INT_DIGITS {
            return Err(Bad::at(start, too_many_digits(int_digits)));
        }
        self.pos = i;
        Ok(Value::Number(Number(Cow::Borrowed(&self.text[start..i]))))
    }

    /// A string at the opening quote.
    #[inline]
    fn string(&mut self) -> Parsed<Str<'a>> {
        let quote = self.pos;
        let body = quote + 1;
        let stop = self.scan(body, quote)?;
        if self.bytes[stop] == b'"' {
            self.pos = stop + 1;
            return Ok(Str(Cow::Borrowed(&self.text[body..stop])));
        }
        self.escaped(quote, stop).map(|s| Str(Cow::Owned(s)))
    }

    /// The rest of the string at `quote`, whose first escape is at `stop`: decoded into an owned
    /// string, copying the runs between escapes. (Apart from the plain case so that the plain
    /// case stays small enough to inline.)
    #[inline(never)]
    fn escaped(&mut self, quote: usize, stop: usize) -> Parsed<String> {
        let body = quote + 1;
        let b = self.bytes;
        let mut out = String::with_capacity(stop - body + 16);
        out.push_str(&self.text[body..stop]);
        let mut i = stop;
        loop {
            // `b[i]` is a backslash.
            i = self.escape(i, quote, &mut out)?;
            let stop = self.scan(i, quote)?;
            out.push_str(&self.text[i..stop]);
            if b[stop] == b'"' {
                self.pos = stop + 1;
                return Ok(out);
            }
            i = stop;
        }
    }

    /// The offset of the next quote or backslash from `from`, checking that no control character
    /// comes before it (`json.loads` is strict).
    fn scan(&self, from: usize, quote: usize) -> Parsed<usize> {
        let b = self.bytes;
        // Eight bytes at a time: a word test flags quotes, backslashes and control characters.
        // The lowest flag is always a true one (a false flag only follows a true one).
        const ONES: u64 = u64::from_le_bytes([1; 8]);
        const HIGH: u64 = ONES << 7;
        let mut i = from;
        while let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            let zero = |x: u64| x.wrapping_sub(ONES) & !x;
            let flags = (zero(w ^ (ONES * u64::from(b'"')))
                | zero(w ^ (ONES * u64::from(b'\\')))
                | (w.wrapping_sub(ONES * 0x20) & !w))
                & HIGH;
            if flags != 0 {
                return self.stop_at(i + (flags.trailing_zeros() / 8) as usize);
            }
            i += 8;
        }
        match b[i..].iter().position(|&c| STRING_STOP[usize::from(c)]) {
            Some(off) => self.stop_at(i + off),
            None => Err(Bad::at(quote, "Unterminated string starting at")),
        }
    }

    /// `scan`'s verdict on the stop byte at `i`: a quote or backslash, or a control character.
    fn stop_at(&self, i: usize) -> Parsed<usize> {
        if self.bytes[i] < 0x20 {
            return Err(Bad::at(i, "Invalid control character at"));
        }
        Ok(i)
    }

    /// Decode the escape at `i` (a backslash) into `out`; returns the offset after it.
    fn escape(&self, i: usize, quote: usize, out: &mut String) -> Parsed<usize> {
        let Some(&e) = self.bytes.get(i + 1) else {
            return Err(Bad::at(quote, "Unterminated string starting at"));
        };
        let c = match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(i, out),
            _ => return Err(Bad::at(i, "Invalid \\escape")),
        };
        out.push(c);
        Ok(i + 2)
    }

    /// `\uXXXX`, pairing a high surrogate with a following `\uXXXX` low surrogate.
    fn unicode_escape(&self, i: usize, out: &mut String) -> Parsed<usize> {
        let hi = self.hex4(i)?;
        let (code, next) = match hi {
            0xD800..=0xDBFF => match self.bytes.get(i + 6..i + 8) {
                Some(b"\\u") => match self.hex4(i + 6)? {
                    lo @ 0xDC00..=0xDFFF => {
                        (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), i + 12)
                    }
                    _ => return self.lone(i, hi, out),
                },
                _ => return self.lone(i, hi, out),
            },
            0xDC00..=0xDFFF => return self.lone(i, hi, out),
            _ => (hi, i + 6),
        };
        // Every non-surrogate code point below 0x110000 is a char.
        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
        Ok(next)
    }

    /// The lone surrogate `code` escaped at `i`: an error, or with `keep_lone` U+FFFD (the first
    /// one noted).
    fn lone(&self, i: usize, code: u32, out: &mut String) -> Parsed<usize> {
        if !self.keep_lone {
            return Err(lone_surrogate(i, code));
        }
        if self.first_lone.get().is_none() {
            self.first_lone.set(Some((i, code)));
        }
        out.push('\u{fffd}');
        Ok(i + 6)
    }

    /// The four hex digits after the `\u` at `i`.
    fn hex4(&self, i: usize) -> Parsed<u32> {
        let digits = self
            .bytes
            .get(i + 2..i + 6)
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| Bad::at(i, "Invalid \\uXXXX escape"))?;
        // Four ASCII hex digits always parse.
        let text = std::str::from_utf8(digits).unwrap_or("0");
        Ok(u32::from_str_radix(text, 16).unwrap_or(0))
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Bad::at(
                self.pos,
                format!("nested more than {MAX_DEPTH} levels deep (Python's json.loads raises RecursionError)"),
            ));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(())
    }

    fn array(&mut self, slot: &mut Value<'a>) -> Parsed<()> {
        let mut items = Vec::new();
        self.sequence(b']', |p| {
            items.push(Value::Null);
            let last = items.len() - 1;
            p.value_into(&mut items[last])
        })?;
        *slot = Value::Array(items);
        Ok(())
    }

    /// The bracketed sequence at `pos` that `close` ends (`[…]` or `{…}`): the brackets and
    /// commas here, each item through `item`.
    fn sequence(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Parsed<()>) -> Parsed<()> {
        self.enter()?;
        if self.peek() != Some(close) {
            loop {
                item(self)?;
                self.skip_ws();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_ws();
                    }
                    Some(c) if c == close => break,
                    _ => return Err(Bad::at(self.pos, "Expecting ',' delimiter")),
                }
            }
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(())
    }

    fn object(&mut self, slot: &mut Value<'a>) -> Parsed<()> {
        // Room for a Message's members from the start: growing from empty was 14% of parsing.
        // (A compact `{}` needs none.)
        let room = if self.bytes.get(self.pos + 1) == Some(&b'}') {
            0
        } else {
            8
        };
        let mut entries: Vec<(Str<'a>, Value<'a>)> = Vec::with_capacity(room);
        self.members(|p, key| {
            entries.push((key, Value::Null));
            let last = entries.len() - 1;
            p.value_into(&mut entries[last].1)
        })?;
        dedup(&mut entries);
        *slot = Value::Object(Map { entries });
        Ok(())
    }

    /// Check the value at `pos` exactly as [`Self::value`] does, without building it.
    /// (Walking whole databases runs through here, so it builds nothing, not even `null`s.)
    fn skip(&mut self) -> Parsed<()> {
        let rest = &self.bytes[self.pos..];
        let len = match rest.first() {
            Some(b'"') => return self.skip_string(),
            Some(b'{') => return self.skip_object(),
            Some(b'[') => return self.sequence(b']', Self::skip),
            Some(b'-' | b'0'..=b'9') => return self.number().map(drop),
            _ if rest.starts_with(b"null") || rest.starts_with(b"true") => 4,
            _ if rest.starts_with(b"false") => 5,
            _ => return self.value().map(drop),
        };
        self.pos += len;
        Ok(())
    }

    /// [`Self::string`] without the string: only escapes are decoded, to check them.
    fn skip_string(&mut self) -> Parsed<()> {
        let stop = self.scan(self.pos + 1, self.pos)?;
        if self.bytes[stop] == b'"' {
            self.pos = stop + 1;
            Ok(())
        } else {
            self.string().map(drop)
        }
    }

    /// [`Self::members`] without the members.
    fn skip_object(&mut self) -> Parsed<()> {
        self.sequence(b'}', |p| {
            p.property()?;
            p.skip_string()?;
            p.colon()?;
            p.skip()
        })
    }

    /// Check that a member's key starts at `pos`.
    fn property(&self) -> Parsed<()> {
        if self.peek() == Some(b'"') {
            Ok(())
        } else {
            Err(Bad::at(
                self.pos,
                "Expecting property name enclosed in double quotes",
            ))
        }
    }

    /// The `:` after a member's key, with the whitespace around it.
    fn colon(&mut self) -> Parsed<()> {
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(Bad::at(self.pos, "Expecting ':' delimiter"));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(())
    }

    /// The members of the object at `pos`: each key checked and read here, its value through
    /// `value`.
    fn members(&mut self, mut value: impl FnMut(&mut Self, Str<'a>) -> Parsed<()>) -> Parsed<()> {
        self.sequence(b'}', |p| {
            p.property()?;
            let key = p.string()?;
            p.colon()?;
            value(p, key)
        })
    }
}

/// One member of a top-level object, with the exact text of its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub key: Str<'a>,
    pub value: Value<'a>,
    /// The value as written in the input.
    pub text: &'a str,
}

/// Parse a JSON object like [`parse`] and return its members in order (a repeated key appears
/// twice), each with the exact text of its value: for envelopes such as export lines, whose
/// embedded document is stored verbatim and must not be parsed twice. Only the values of keys
/// that `build` accepts are built; the others are checked just as strictly but given as `null`.
pub fn parse_members(
    text: &str,
    build: impl Fn(&str) -> bool,
) -> Result<Vec<Member<'_>>, ParseError> {
    let mut members = Vec::new();
    object(text, build, |key, value, text| {
        members.push(Member { key, value, text })
    })?;
    Ok(members)
}

/// The string or number that starts at byte `at` of `text`, and the offset just after it; `None`
/// when neither starts there, or it is not valid JSON. Checked as strictly as [`parse`] checks
/// it: for taking a value at a known place without parsing the text around it.
pub fn scalar_at(text: &str, at: usize) -> Option<(Value<'_>, usize)> {
    let mut p = Parser::new(text);
    p.pos = at;
    let value = match p.peek()? {
        b'"' => Value::String(p.string().ok()?),
        b'-' | b'0'..=b'9' => p.number().ok()?,
        _ => return None,
    };
    Some((value, p.pos))
}

/// Check stored bytes exactly as [`parse`] does, building nothing: whether they are also strict
/// JSON (no `NaN`, `Infinity`). For embedding stored JSON in output as it is.
pub fn check(raw: &[u8]) -> Result<bool, ParseError> {
    check_str(utf8(raw)?)
}

/// [`check`] for text already known to be UTF-8.
pub fn check_str(text: &str) -> Result<bool, ParseError> {
    if text.starts_with('\u{feff}') {
        return document(text).map(|(_, strict)| strict);
    }
    whole_in(&mut Parser::new(text), Parser::skip).map(|(_, strict)| strict)
}

/// A member of an object, with the exact text of its value, and for an object value that
/// [`spans`] opened, its own members.
#[derive(Debug, Clone, PartialEq)]
pub struct Span<'a> {
    pub key: Str<'a>,
    /// The value as written in the input.
    pub text: &'a str,
    /// The members of an object value, when it was opened.
    pub members: Option<Vec<Span<'a>>>,
}

/// The members of the object `text`, each with the exact text of its value, in one pass: object
/// values whose key `open` accepts (at their depth, 1 for the top level's members) are opened in
/// turn, down to any depth; every other value is checked as [`parse`] checks it and skipped.
/// For envelopes that embed stored text to be written as it is: an export line, a chatsky 0.10
/// document form and its turn maps, taken apart without parsing anything twice.
pub fn spans<'a>(
    text: &'a str,
    open: &dyn Fn(usize, &str) -> bool,
) -> Result<Vec<Span<'a>>, ParseError> {
    let mut p = Parser::new(text);
    let (members, _) = whole_in(&mut p, |p| {
        if p.peek() != Some(b'{') {
            return Err(Bad::at(p.pos, "expected a JSON object"));
        }
        p.spans(1, open)
    })?;
    Ok(members)
}

impl<'a> Parser<'a> {
    fn spans(&mut self, depth: usize, open: &dyn Fn(usize, &str) -> bool) -> Parsed<Vec<Span<'a>>> {
        let mut out = Vec::new();
        self.members(|p, key| {
            let start = p.pos;
            let members = if p.peek() == Some(b'{') && open(depth, &key) {
                Some(p.spans(depth + 1, open)?)
            } else {
                p.skip()?;
                None
            };
            out.push(Span {
                key,
                text: &p.text[start..p.pos],
                members,
            });
            Ok(())
        })?;
        Ok(out)
    }
}

/// Hand each top-level key of the object in `raw` to `each`; the text is checked as
/// [`parse_as_read`] checks it (as Chatsky reads it: a lone surrogate passes), but nothing is
/// built. Returns whether the text is also strict JSON, which any JSON reader takes (no `NaN`,
/// `Infinity`, nor a lone surrogate): for walking whole databases, where building every value
/// would cost more than fetching it.
pub fn object_keys(raw: &[u8], mut each: impl FnMut(&str)) -> Result<bool, ParseError> {
    let mut p = Parser::new(utf8(raw)?);
    p.keep_lone = true;
    object_in(&mut p, |_| false, |key, _, _| each(&key))
}

/// The members of the top-level object in `text`, each with the exact text of its value, through
/// `each`; only the values of keys that `build` accepts are built (the others are `null`).
/// Returns whether it is strict JSON.
fn object<'a>(
    text: &'a str,
    build: impl Fn(&str) -> bool,
    each: impl FnMut(Str<'a>, Value<'a>, &'a str),
) -> Result<bool, ParseError> {
    object_in(&mut Parser::new(text), build, each)
}

/// [`object`] with a parser set up by the caller.
fn object_in<'a>(
    p: &mut Parser<'a>,
    build: impl Fn(&str) -> bool,
    mut each: impl FnMut(Str<'a>, Value<'a>, &'a str),
) -> Result<bool, ParseError> {
    let (_, strict) = whole_in(p, |p| {
        if p.peek() != Some(b'{') {
            return Err(Bad::at(p.pos, "expected a JSON object"));
        }
        p.members(|p, key| {
            let start = p.pos;
            let value = if build(&key) {
                p.value()?
            } else {
                p.skip()?;
                Value::Null
            };
            each(key, value, &p.text[start..p.pos]);
            Ok(())
        })
    })?;
    Ok(strict)
}

fn lone_surrogate(at: usize, code: u32) -> Box<Bad> {
    Bad::at(
        at,
        format!(
            "lone surrogate \\u{code:04x} in a string: Chatsky reads a lone surrogate but cannot \
             write it back (PydanticSerializationError)"
        ),
    )
}

/// Python dict semantics for repeated keys: the first position, the last value.
fn dedup(entries: &mut Vec<(Str<'_>, Value<'_>)>) {
    let n = entries.len();
    let has_dup = if n <= 8 {
        (1..n).any(|j| (0..j).any(|i| same_key(&entries[i].0, &entries[j].0)))
    } else {
        let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        keys.windows(2).any(|w| same_key(w[0], w[1]))
    };
    if !has_dup {
        return;
    }
    let mut kept: Vec<(Str<'_>, Value<'_>)> = Vec::with_capacity(n);
    for (k, v) in entries.drain(..) {
        match kept.iter_mut().find(|(seen, _)| *seen == k) {
            Some(slot) => slot.1 = v,
            None => kept.push((k, v)),
        }
    }
    *entries = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time string scan finds the first stop byte wherever it falls in a word, and
    /// passes over DEL, non-ASCII and spaces, which Python allows in strings.
    #[test]
    fn string_scan_stops_at_the_first_stop_byte_at_every_offset() {
        for filler in ["a", "\u{e9}", "\u{7f}", " ", "\u{2028}"] {
            for stop in ['"', '\\', '\u{1}', '\u{1f}', '\n'] {
                for at in 0..24 {
                    let mut text = format!("\"{}", filler.repeat(at));
                    let expected = text.len();
                    text.push(stop);
                    text.push_str("\u{1}\"\"");
                    let p = Parser::new(&text);
                    let found = p.scan(1, 0);
                    if stop < ' ' {
                        let bad = found.map(drop).expect_err("a control character fails");
                        assert_eq!(bad.pos, expected, "{filler:?} {stop:?} {at}");
                    } else {
                        assert_eq!(found.ok(), Some(expected), "{filler:?} {stop:?} {at}");
                    }
                }
            }
        }
    }

    #[test]
    fn accepts_python_specials_and_keeps_literals() {
        let v = parse(
            br#"{"a":NaN,"b":[Infinity,-Infinity],"c":"NaN","d":2361183241434822606848,"e":-0.0e-5}"#,
        )
        .unwrap();
        assert_eq!(v["a"].to_string(), "NaN");
        assert_eq!(v["b"][1].to_string(), "-Infinity");
        assert_eq!(v["c"].as_str(), Some("NaN"));
        assert_eq!(v["d"].to_string(), "2361183241434822606848");
        assert_eq!(v["e"].to_string(), "-0.0e-5");
    }

    #[test]
    fn duplicate_keys_last_wins_first_position() {
        let v = parse(br#"{"id":1,"x":0,"id":2}"#).unwrap();
        assert_eq!(v.to_string(), r#"{"id":2,"x":0}"#);
        let many: Vec<String> = (0..20).map(|i| format!("\"k{i}\":{i}")).collect();
        let text = format!("{{{},\"k3\":\"last\"}}", many.join(","));
        let v = parse(text.as_bytes()).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 20);
        assert_eq!(v["k3"].as_str(), Some("last"));
        assert_eq!(v.as_object().unwrap().keys().nth(3).unwrap().as_str(), "k3");
    }

    #[test]
    fn strings_decode_escapes_and_borrow_plain_text() {
        let v = parse(br#"["plain \u00e9\n\"\\\/\ud83d\ude00", "x"]"#).unwrap();
        assert_eq!(v[0].as_str(), Some("plain \u{e9}\n\"\\/\u{1f600}"));
        let Value::String(plain) = &v[1] else {
            panic!()
        };
        assert!(plain.is_plain());
    }

    #[test]
    fn members_keep_value_text_and_skip_as_strictly_as_they_parse() {
        let line = r#"{"key":"k\u00e9", "value": {"id": 1, "misc": {"x": [NaN, "a\nb"]}} }"#;
        let members = parse_members(line, |k| k == "key").unwrap();
        assert_eq!(members[0].value.as_str(), Some("k\u{e9}"));
        assert_eq!(members[1].value, Value::Null);
        assert_eq!(
            members[1].text,
            r#"{"id": 1, "misc": {"x": [NaN, "a\nb"]}}"#
        );
        let built = parse_members(line, |_| true).unwrap();
        assert_eq!(built[1].value, parse(members[1].text.as_bytes()).unwrap());
        for bad in [
            r#"{"key":"k","value":{"a":01}}"#,
            r#"{"key":"k","value":["\q"]}"#,
            r#"{"key":"k","value":{"a" 1}}"#,
            r#"{"key":"k","value":[1,]}"#,
            r#"{"key":"k","value":"\ud800"}"#,
            r#"{"key":"k","value":{}} x"#,
        ] {
            let skipped = parse_members(bad, |_| false).unwrap_err();
            let built = parse_members(bad, |_| true).unwrap_err();
            assert_eq!(skipped, built, "{bad}");
        }
    }

    #[test]
    fn object_keys_say_whether_the_text_is_strict_json() {
        let mut keys = Vec::new();
        let strict = object_keys(br#"{"id":"u","misc":{"x":[1,{"y":null}]}}"#, |k| {
            keys.push(k.to_string())
        });
        assert_eq!(
            (keys.len(), keys[1].as_str(), strict),
            (2, "misc", Ok(true))
        );
        let strict = object_keys(br#"{"misc":{"x":-Infinity}}"#, |_| {}).unwrap();
        assert!(!strict);
        // Chatsky reads a lone surrogate, in a value or a key; no strict JSON reader does.
        for lone in [r#"{"misc":{"x":"\ud800"}}"#, r#"{"misc":{"\udc00":1}}"#] {
            assert_eq!(object_keys(lone.as_bytes(), |_| {}), Ok(false));
        }
        assert!(object_keys(br#"{"misc":{"x":"\ud800\"}}"#, |_| {}).is_err());
        assert!(object_keys(b"[1]", |_| {}).is_err());
    }

    #[test]
    fn numbers_follow_pythons_grammar() {
        for ok in [
            "0",
            "-0",
            "12",
            "1.5",
            "1e5",
            "1E-5",
            "-1.25e+300",
            "[1, 2]",
        ] {
            assert!(parse(ok.as_bytes()).is_ok(), "{ok}");
        }
        for bad in [
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "-",
            "--1",
            "1.e5",
            "0x10",
            "[1,]",
            "{\"a\":1,}",
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn integers_longer_than_python_converts_are_refused() {
        let digits = |n: usize| "7".repeat(n);
        for ok in [
            digits(MAX_INT_DIGITS),
            format!("-{}", digits(MAX_INT_DIGITS)),
            format!("{}.5", digits(MAX_INT_DIGITS + 1)),
            format!("{}e5", digits(MAX_INT_DIGITS + 1)),
        ] {
            assert!(parse(ok.as_bytes()).is_ok(), "{} digits", ok.len());
        }
        for bad in [
            digits(MAX_INT_DIGITS + 1),
            format!("-{}", digits(MAX_INT_DIGITS + 1)),
            format!("{{\"a\": [{}]}}", digits(5000)),
        ] {
            let e = parse(bad.as_bytes()).unwrap_err();
            assert!(
                e.message
                    .contains("Exceeds the limit (4300 digits) for integer string conversion")
                    && e.message
                        .contains(" digits; use sys.set_int_max_str_digits()"),
                "{e}"
            );
            let mut keys = 0;
            let wrapped = format!("{{\"x\":{bad}}}");
            let skipped = object_keys(wrapped.as_bytes(), |_| keys += 1).unwrap_err();
            assert_eq!(skipped, parse(wrapped.as_bytes()).unwrap_err());
        }
    }

    #[test]
    fn errors_point_at_input_with_pythons_messages() {
        let e = parse(b"{\"a\": NaN,\n  \"b\": tru}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        assert!(e.message.ends_with("Expecting value"), "{e}");
        let e = parse("{\"\u{e9}\": NaN, x}".as_bytes()).unwrap_err();
        assert_eq!((e.line, e.column), (1, 12), "{e}");
        assert!(e.message.contains("property name"), "{e}");
        let e = parse(b"{} x").unwrap_err();
        assert_eq!(
            (e.column, e.message.ends_with("Extra data")),
            (4, true),
            "{e}"
        );
        let e = parse(b"[\"ab\ncd\"]").unwrap_err();
        assert!(e.message.contains("control character"), "{e}");
        let e = parse(b"[\"abc").unwrap_err();
        assert!(e.message.contains("Unterminated string"), "{e}");
        assert_eq!(e.column, 2, "{e}");
        let e = parse(br#"["\x"]"#).unwrap_err();
        assert!(e.message.contains("Invalid \\escape"), "{e}");
        let e = parse(br#"["\u12G4"]"#).unwrap_err();
        assert!(e.message.contains("uXXXX"), "{e}");
        let e = parse(b"\xEF\xBB\xBF{}").unwrap_err();
        assert!(e.message.contains("byte-order mark"));
        let e = parse(b"{\"a\":\"\xff\"}").unwrap_err();
        assert!(e.message.contains("byte offset 6"), "{e}");
        for lone in [
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\udc00x"}"#,
            r#"{"a":"\uD800\u0041"}"#,
        ] {
            let e = parse(lone.as_bytes()).unwrap_err();
            assert!(e.message.contains("cannot write it back"), "{lone}: {e}");
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse(deep.as_bytes())
            .unwrap_err()
            .message
            .contains("levels deep"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(ok.as_bytes()).is_ok());
    }

    #[test]
    fn non_ascii_outside_strings_is_an_error_not_a_panic() {
        for text in [
            "{\"misc\": NaN, \u{e9}}",
            "[Infinity,\u{20ac}]",
            "\u{e9}NaN",
            "[1\u{e9}]",
        ] {
            let err = parse(text.as_bytes()).unwrap_err();
            assert!(err.line >= 1, "{text}: {err}");
        }
    }
}
