//! The output buffer shared by the canonicalisers: one `String` written front to back, the
//! path of the value being looked at (for errors and notes), and the notes collected.

use super::tree::{Map, Value};

use super::json::{self, classify, Num};
use super::{ExponentStyle, ModelError, Options, Schema};

/// One step of the path from the document root.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// A failed validation. `fatal` failures are Chatsky's raw (non-ValidationError) exceptions,
/// such as unpickling errors: they end the whole read even inside a union.
#[derive(Debug)]
pub(crate) struct Fail {
    pub err: ModelError,
    pub fatal: bool,
}

/// Result of a validating write.
pub(crate) type Res<T = ()> = Result<T, Fail>;

/// Output under construction.
pub(crate) struct Writer<'a> {
    /// Whether writes produce output (false: validation only).
    emit: bool,
    pub out: String,
    pub notes: Vec<String>,
    /// http(s) URLs already validated in this document, with their normal form.
    pub urls: Vec<(&'a str, String)>,
    pub opts: &'a Options,
    /// Whether a float's positive exponent is written with `+` (`1e+16`).
    plus: bool,
    path: Vec<Seg<'a>>,
    noted_kinds: Vec<&'static str>,
    /// The first value Chatsky would read but cannot write back: validation goes on past it,
    /// as Chatsky's own read does, and the document fails at the end.
    pub unwritable: Option<ModelError>,
}

/// A position to roll back to when one member of a union does not fit.
pub(crate) struct Mark {
    out: usize,
    notes: usize,
    noted_kinds: usize,
    path: usize,
    unwritable: bool,
}

impl<'a> Writer<'a> {
    /// A writer that produces output, or with `emit` false one that only validates (and
    /// collects notes): every write is then skipped.
    pub fn new(opts: &'a Options, size_hint: usize, emit: bool) -> Self {
        let capacity = if emit {
            size_hint + size_hint / 8 + 64
        } else {
            0
        };
        Writer {
            emit,
            out: String::with_capacity(capacity),
            urls: Vec::new(),
            notes: Vec::new(),
            opts,
            plus: match opts.exponent {
                ExponentStyle::Plain => false,
                ExponentStyle::Plus => true,
                // The input's own spelling is resolved from the raw bytes by the caller
                // (`exponent_for`); what is left is the version default.
                ExponentStyle::Auto => opts.schema >= Schema::V09,
            },
            path: Vec::with_capacity(8),
            noted_kinds: Vec::new(),
            unwritable: None,
        }
    }

    pub fn schema(&self) -> Schema {
        self.opts.schema
    }

    pub fn push(&mut self, key: &'a str) {
        self.path.push(Seg::Key(key));
    }

    pub fn push_index(&mut self, i: usize) {
        self.path.push(Seg::Index(i));
    }

    pub fn pop(&mut self) {
        self.path.pop();
    }

    pub fn mark(&self) -> Mark {
        Mark {
            out: self.out.len(),
            notes: self.notes.len(),
            noted_kinds: self.noted_kinds.len(),
            path: self.path.len(),
            unwritable: self.unwritable.is_some(),
        }
    }

    pub fn rollback(&mut self, m: &Mark) {
        self.out.truncate(m.out);
        self.notes.truncate(m.notes);
        self.noted_kinds.truncate(m.noted_kinds);
        self.path.truncate(m.path);
        if !m.unwritable {
            self.unwritable = None;
        }
    }

    /// The current path in `a.b.3.c` form.
    pub fn path_string(&self) -> String {
        let mut s = String::new();
        for (i, seg) in self.path.iter().enumerate() {
            if i > 0 {
                s.push('.');
            }
            match seg {
                Seg::Key(k) => s.push_str(k),
                Seg::Index(n) => s.push_str(&n.to_string()),
            }
        }
        s
    }

    /// A validation failure at the current path: "expected …, found …".
    pub fn expected(&self, what: &str, found: Option<&Value>) -> Fail {
        let found = found.map_or_else(|| "nothing (the key is missing)".to_string(), describe);
        self.invalid(format!("expected {what}, found {found}"))
    }

    /// A validation failure at the current path with a free message.
    pub fn invalid(&self, message: String) -> Fail {
        Fail {
            err: ModelError {
                path: self.path_string(),
                message,
                reads: false,
            },
            fatal: false,
        }
    }

    /// A raw-exception failure (pickles) at the current path.
    pub fn fatal(&self, message: String) -> Fail {
        Fail {
            err: ModelError {
                path: self.path_string(),
                message,
                reads: false,
            },
            fatal: true,
        }
    }

    /// Record a note.
    pub fn note(&mut self, message: String) {
        self.notes.push(message);
    }

    /// Record a note only the first time this kind of normalisation happens.
    pub fn note_once(&mut self, kind: &'static str, message: impl FnOnce() -> String) {
        if !self.noted_kinds.contains(&kind) {
            self.noted_kinds.push(kind);
            self.notes.push(message());
        }
    }

    pub fn raw(&mut self, s: &str) {
        if self.emit {
            self.out.push_str(s);
        }
    }

    pub fn str(&mut self, s: &str) {
        if self.emit {
            json::write_str(&mut self.out, s);
        }
    }

    /// Write `,"key":` (or `"key":` when `first`).
    pub fn key(&mut self, key: &str, first: bool) {
        if !self.emit {
            return;
        }
        if !first {
            self.out.push(',');
        }
        json::write_str(&mut self.out, key);
        self.out.push(':');
    }

    /// Write a float; non-finite values become `null` as pydantic >= 2.7 writes them.
    pub fn float(&mut self, x: f64) {
        if x.is_finite() {
            if self.emit {
                json::write_float(&mut self.out, x, self.plus);
            }
        } else {
            let path = self.path_string();
            self.note(format!(
                "{} in {path} written as null",
                json::non_finite_name(x)
            ));
            self.raw("null");
        }
    }

    /// Write a JSON number with Python semantics (int exact, float re-rendered).
    pub fn number(&mut self, n: &super::tree::Number<'_>) {
        match classify(n) {
            Num::Int(text) => self.raw(text),
            Num::Float(x) => self.float(x),
        }
    }

    /// Write `items` as a JSON array, each through `each` with its index on the path.
    pub fn list<T>(
        &mut self,
        items: &'a [T],
        mut each: impl FnMut(&mut Self, &'a T) -> Res,
    ) -> Res {
        self.raw("[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.push_index(i);
            each(self, item)?;
            self.pop();
        }
        self.raw("]");
        Ok(())
    }

    /// Write a free-form (`Any`) value: structure kept, numbers re-rendered, NaN → null. `room`
    /// is how many levels it may nest where it sits (see [`room`]). A deeper value is
    /// [`Self::unwritable`]: Chatsky reads it, but its next write raises
    /// `PydanticSerializationError`.
    pub fn any(&mut self, v: &'a Value<'a>, room: usize) {
        let at = self.path.len();
        if !self.any_within(v, room) {
            self.path.truncate(at);
            self.cannot_write_back(|| {
                format!(
                    "nests {} levels deep, and pydantic writes at most {room} here: Chatsky \
                     reads it, but its next write fails (PydanticSerializationError)",
                    levels(v)
                )
            });
        }
    }

    /// Chatsky reads the value at the current path but cannot write it back: noted as
    /// [`Self::unwritable`] unless something else already was, and validation goes on.
    pub fn cannot_write_back(&mut self, message: impl FnOnce() -> String) {
        if self.unwritable.is_none() {
            let mut err = self.invalid(message()).err;
            err.reads = true;
            self.unwritable = Some(err);
        }
    }

    /// Write a free-form object whose values may each nest `room` levels (the object itself is
    /// a typed `dict` field, which pydantic does not count).
    pub fn any_map(&mut self, map: &'a Map<'a>, room: usize) {
        self.raw("{");
        for (i, (k, item)) in map.iter().enumerate() {
            self.key(k, i == 0);
            self.push(k);
            self.any(item, room);
            self.pop();
        }
        self.raw("}");
    }

    /// [`Self::any`] without the error: false, with the path left where it stopped, when `v`
    /// nests deeper than `room`.
    fn any_within(&mut self, v: &'a Value<'a>, room: usize) -> bool {
        if room == 0 {
            return false;
        }
        match v {
            Value::Null => self.raw("null"),
            Value::Bool(b) => self.raw(if *b { "true" } else { "false" }),
            Value::Number(n) => self.number(n),
            Value::String(s) if s.is_plain() => {
                // A slice of the input with no escapes: it needs none on output either.
                if self.emit {
                    self.out.push('"');
                    self.out.push_str(s);
                    self.out.push('"');
                }
            }
            Value::String(s) => self.str(s),
            Value::Array(items) => {
                self.raw("[");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.raw(",");
                    }
                    self.push_index(i);
                    if !self.any_within(item, room - 1) {
                        return false;
                    }
                    self.pop();
                }
                self.raw("]");
            }
            Value::Object(map) => {
                self.raw("{");
                for (i, (k, item)) in map.iter().enumerate() {
                    self.key(k, i == 0);
                    self.push(k);
                    if !self.any_within(item, room - 1) {
                        return false;
                    }
                    self.pop();
                }
                self.raw("}");
            }
        }
        true
    }
}

/// How many levels a free-form (`Any`) value may nest at each place in a document, counted as
/// pydantic-core's serializer counts them: the value itself is one level, and so is every item
/// or member inside it, containers and scalars alike (`[[0]]` and `[[[]]]` are both 3). Past
/// its limit `model_dump_json` fails ("Maximum serialization depth exceeded", or "Circular
/// reference detected (depth exceeded)" in older pydantic-core), and the models and typed
/// fields above a place use up some of that limit, so each place has its own room. Measured
/// with the released packages; the `deep-*` rows of `tests/fixtures/matrix.jsonl` hold each
/// boundary, and the interop tests check them against Chatsky.
pub(crate) mod room {
    /// Values of the Context's `misc`, of 0.8/0.9 `framework_data.stats`, and of each dff 0.7
    /// `framework_states` entry.
    pub const CONTEXT: usize = 255;
    /// A Message's extra keys; the values of dff 0.7 Message `misc` and `annotations`.
    pub const MESSAGE: usize = 254;
    /// The values of 0.8/0.9 Message `misc` and `annotations` (their serializer is one more
    /// level).
    pub const MESSAGE_DICT: usize = 253;
    /// The keys of a dff 0.7 command, and the extra keys of dff 0.7 `Attachments`.
    pub const MESSAGE_PART_07: usize = 253;
    /// An attachment's extra keys (0.8/0.9), and a dff 0.7 file attachment's.
    pub const ATTACHMENT: usize = 252;
    /// The extra keys of a poll option or a media group element (0.8/0.9).
    pub const NESTED_ATTACHMENT: usize = 250;
}

/// How deep `v` nests, counted as [`room`] counts.
fn levels(v: &Value<'_>) -> usize {
    1 + match v {
        Value::Array(items) => items.iter().map(levels).max().unwrap_or(0),
        Value::Object(map) => map.values().map(levels).max().unwrap_or(0),
        _ => 0,
    }
}

/// A short human description of a JSON value for error messages.
pub(crate) fn describe(v: &Value<'_>) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => match classify(n) {
            Num::Int(t) => format!("the integer {}", shorten(t)),
            Num::Float(x) if x.is_finite() => {
                let mut text = String::new();
                json::write_float(&mut text, x, false);
                format!("the float {text}")
            }
            Num::Float(x) => format!("the float {}", json::non_finite_name(x)),
        },
        Value::String(s) => format!("the string {:?}", shorten(s)),
        Value::Array(a) => format!("an array of {} item(s)", a.len()),
        Value::Object(o) => {
            let keys: Vec<&str> = o.keys().take(4).map(|k| k.as_str()).collect();
            let more = if o.len() > 4 { ", …" } else { "" };
            format!("an object with keys [{}{more}]", keys.join(", "))
        }
    }
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
