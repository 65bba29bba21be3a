//! chatsky 0.10's contexts (spec 3): not one document but a main hash `P:main:ID` of five fields
//! and three turn hashes `P:turns:ID:{labels,requests,responses}` whose fields are turn numbers.
//! Pure: the store hands this module what the hashes hold ([`Stored`]) and writes what
//! [`decompose`] returns ([`Fields`]).
//!
//! * [`check`] predicts what chatsky 0.10's `Context.connected` does with stored hashes;
//! * [`compose`] makes the document form that `get` and `export` print and `put` and `import`
//!   take: `{"id","current_turn_id","created_at","updated_at","misc","framework_data","labels",
//!   "requests","responses"}`, each stored value embedded exactly as stored (an integer field
//!   that is not a JSON integer literal, such as `" 3 "`, as a JSON string of its text);
//!   [`fields_form`] carries hashes that no document can hold (a value that is not JSON);
//! * [`decompose`] validates a document form as chatsky 0.10 reads each value and gives back the
//!   hash fields to write: as given (export then import is byte for byte), or as chatsky 0.10's
//!   own serialisers write them.
//!
//! How chatsky 0.10 reads each stored value (observed with the released package; the rows of
//! `tests/fixtures/matrix10.jsonl` are its answers): the three integers go through pydantic's
//! str→int (`" 3 "`, `3.0`, `1_000` pass, `1e3` does not); `misc` and `framework_data` through
//! Python's `json.loads` and must be objects (NaN passes; a lone surrogate passes too, but the
//! next write of the context fails); turn field names through Python's `int()`; turn values through
//! pydantic's own JSON parser (no lone surrogates, at most 201 levels of nesting) into an
//! `AbsoluteNodeLabel` or a 0.10 `Message`. All five main fields are required; extra fields of
//! the main hash are never read.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::parse::Span;
use super::tree::{Map, Value};
use super::writer::{room, Fail, Writer};
use super::{context, message, parse, ModelError, Options, Schema, Verdict};

/// The main hash's fields, in the order Chatsky writes them.
pub const MAIN: [&str; 5] = [
    "current_turn_id",
    "created_at",
    "updated_at",
    "misc",
    "framework_data",
];
/// The turn hashes, by the last part of their key, in the order of the document form.
pub const TURNS: [&str; 3] = ["labels", "requests", "responses"];
/// pydantic's JSON parser (jiter) refuses a value nested deeper than this.
const JSON_DEPTH: usize = 201;

/// What one hash holds: its fields and their values, as stored.
pub type Hash = Vec<(Vec<u8>, Vec<u8>)>;

/// A context as its hashes hold it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stored {
    /// The fields of `P:main:ID`.
    pub main: Hash,
    /// The fields of the turn hashes, in the order of [`TURNS`].
    pub turns: [Hash; 3],
    /// A turn key that holds some other kind of value than a hash, by what it holds (`list`…):
    /// chatsky 0.10's load fails on it (its `HKEYS` answers WRONGTYPE).
    pub not_hashes: [Option<String>; 3],
}

impl Stored {
    /// The stored value of a main field.
    pub fn main_field(&self, name: &str) -> Option<&[u8]> {
        self.main
            .iter()
            .find(|(f, _)| f == name.as_bytes())
            .map(|(_, v)| v.as_slice())
    }

    /// Whether the main hash holds a context: at least one of its fields. A hash with none of
    /// them is some other hash under a context-like name.
    pub fn is_context(&self) -> bool {
        MAIN.iter().any(|f| self.main_field(f).is_some())
    }

    /// Why chatsky 0.10 cannot read the turn hashes at all: one of them is not a hash.
    pub fn unreadable(&self) -> Option<String> {
        let (i, kind) = self
            .not_hashes
            .iter()
            .enumerate()
            .find_map(|(i, kind)| Some((i, kind.as_deref()?)))?;
        Some(format!(
            "its `{}` turn key holds a Redis {kind}, not a hash: chatsky 0.10's load fails on it \
             with WRONGTYPE",
            TURNS[i]
        ))
    }

    /// Bytes stored in all, for listings.
    pub fn bytes(&self) -> usize {
        std::iter::once(&self.main)
            .chain(&self.turns)
            .flatten()
            .map(|(f, v)| f.len() + v.len())
            .sum()
    }
}

/// The hash fields to write for one context.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// The five main fields, in [`MAIN`] order.
    pub main: Vec<(&'static str, String)>,
    /// Turn number and value of each turn hash, in [`TURNS`] order.
    pub turns: [Vec<(String, String)>; 3],
    /// Normalisations applied, for people.
    pub notes: Vec<String>,
}

/// One stored value of a context, and how chatsky 0.10 reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// `current_turn_id`, `created_at`, `updated_at`: pydantic's str→int.
    Int,
    /// `misc`: `json.loads`, any object.
    Misc,
    /// `framework_data`: `json.loads`, then the model (as 0.9's).
    FrameworkData,
    /// A `labels` value.
    Label,
    /// A `requests` or `responses` value.
    Message,
}

impl Part {
    fn of_main(field: &str) -> Part {
        match field {
            "misc" => Part::Misc,
            "framework_data" => Part::FrameworkData,
            _ => Part::Int,
        }
    }

    fn of_turns(hash: usize) -> Part {
        if hash == 0 {
            Part::Label
        } else {
            Part::Message
        }
    }
}

/// A stored value as chatsky 0.10 read it: what its next write would store, when asked for.
struct Read {
    canonical: String,
    notes: Vec<String>,
    /// Read, but Chatsky cannot write it back.
    unwritable: Option<ModelError>,
}

/// Read one stored value as chatsky 0.10 does. `path` names it in errors (`requests.3`);
/// `emit` also produces the bytes chatsky 0.10 would write for it.
fn read(
    part: Part,
    path: &[&str],
    text: &str,
    opts: &Options,
    emit: bool,
) -> Result<Read, ModelError> {
    let at = |message: String| ModelError {
        path: path.join("."),
        message,
        reads: false,
    };
    if part == Part::Int {
        let canonical = super::coerce::int_from_str(text).ok_or_else(|| {
            at(format!(
                "expected an integer, found {:?} (chatsky 0.10 raises ValidationError)",
                shorten(text)
            ))
        })?;
        return Ok(Read {
            canonical,
            notes: Vec::new(),
            unwritable: None,
        });
    }
    let (doc, lone) = match part {
        // json.loads of the stored bytes: it takes a UTF-8 byte-order mark, and reads a lone
        // surrogate (which the next write cannot encode).
        Part::Misc | Part::FrameworkData => {
            let bytes = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
            parse::parse_as_read(bytes)
                .map_err(|e| at(format!("not JSON ({e}): chatsky 0.10's json.loads raises")))?
        }
        // pydantic's validate_json: stricter than json.loads.
        _ => {
            let doc = parse::parse(text.as_bytes()).map_err(|e| {
                at(format!(
                    "not JSON chatsky 0.10 reads ({e}): pydantic raises ValidationError"
                ))
            })?;
            if depth(&doc) > JSON_DEPTH {
                return Err(at(format!(
                    "nests more than {JSON_DEPTH} levels deep: pydantic's JSON parser refuses it \
                     (recursion limit exceeded)"
                )));
            }
            (doc, None)
        }
    };
    let mut w = Writer::new(opts, text.len(), emit);
    // framework_data() names its own place in the path.
    if part != Part::FrameworkData {
        for seg in path {
            w.push(seg);
        }
    }
    let written = match part {
        Part::Misc => match &doc {
            Value::Object(map) => {
                w.any_map(map, room::CONTEXT);
                Ok(())
            }
            other => Err(w.expected("a JSON object", Some(other))),
        },
        Part::FrameworkData => context::framework_data(&mut w, Some(&doc)),
        Part::Label => context::label(&mut w, &doc),
        _ => message::message(&mut w, &doc),
    };
    written.map_err(|f: Fail| f.err)?;
    Ok(Read {
        canonical: w.out,
        notes: w.notes,
        unwritable: lone
            .map(|e| ModelError {
                path: path.join("."),
                message: e.message,
                reads: true,
            })
            .or(w.unwritable),
    })
}

/// How chatsky 0.10 reads one stored value, and what it writes back for it: `place` is a main
/// field's name or a turn hash's (`labels`, `requests`, `responses`). `Ok(Err(_))`: it reads the
/// value but cannot write it back.
pub fn read_value(
    place: &str,
    text: &str,
    opts: &Options,
) -> Result<Result<String, ModelError>, ModelError> {
    let part = match TURNS.iter().position(|t| *t == place) {
        Some(i) => Part::of_turns(i),
        None => Part::of_main(place),
    };
    let read = read(part, &[place], text, &options(opts), true)?;
    Ok(match read.unwritable {
        Some(err) => Err(err),
        None => Ok(read.canonical),
    })
}

/// [`read_value`] for a converter that builds a context value by value: `path` names the value
/// in errors and notes (`["requests", "3"]`, its first part the place), what chatsky 0.10 writes
/// comes with the notes of what it changed, and a value it reads but cannot write back is an
/// error (`reads: true`).
pub(crate) fn read_noted(
    path: &[&str],
    text: &str,
    opts: &Options,
) -> Result<(String, Vec<String>), ModelError> {
    let place = path.first().copied().unwrap_or_default();
    let part = match TURNS.iter().position(|t| *t == place) {
        Some(i) => Part::of_turns(i),
        None => Part::of_main(place),
    };
    let read = read(part, path, text, &options(opts), true)?;
    match read.unwritable {
        Some(err) => Err(err),
        None => Ok((read.canonical, read.notes)),
    }
}

/// How deeply containers nest, as pydantic's JSON parser counts.
fn depth(v: &Value<'_>) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn shorten(text: &str) -> Cow<'_, str> {
    if text.chars().count() <= 40 {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().take(39).collect::<String>() + "…")
    }
}

/// Python's `int()` of a turn hash's field name, as canonical decimal text.
fn turn_number(name: &str) -> Option<String> {
    super::coerce::python_int(name)
}

/// Options for reading and writing 0.10 values: exponent and pickle settings of `opts`.
fn options(opts: &Options) -> Options {
    Options {
        schema: Schema::V010,
        ..opts.clone()
    }
}

/// Predict what chatsky 0.10 does when it loads the context these hashes hold (every turn read:
/// by default it reads the last three of each at once and the others when the bot asks).
pub fn check(stored: &Stored, opts: &Options) -> Verdict {
    if let Some(why) = stored.unreadable() {
        return Verdict::Fails { why };
    }
    let opts = options(opts);
    let mut notes = Vec::new();
    let mut rewritten = false;
    let mut unwritable = None;
    for field in MAIN {
        let Some(value) = stored.main_field(field) else {
            return Verdict::Fails {
                why: format!(
                    "the main hash has no `{field}` field: chatsky 0.10 raises ValidationError"
                ),
            };
        };
        let text = match std::str::from_utf8(value) {
            Ok(text) => text,
            Err(_) => {
                return Verdict::Fails {
                    why: format!(
                        "main field `{field}` is not UTF-8: chatsky 0.10 cannot decode it"
                    ),
                }
            }
        };
        match read(Part::of_main(field), &[field], text, &opts, true) {
            Ok(read) => {
                rewritten |= read.canonical != text;
                notes.extend(read.notes);
                unwritable = unwritable.or(read.unwritable);
            }
            Err(e) => return Verdict::Fails { why: e.to_string() },
        }
    }
    for (i, hash) in stored.turns.iter().enumerate() {
        for (name, value) in hash {
            let name = String::from_utf8_lossy(name);
            if turn_number(&name).is_none() {
                return Verdict::Fails {
                    why: format!(
                        "the {} hash has a field {name:?}, which is not an integer: chatsky 0.10's \
                         int() raises ValueError",
                        TURNS[i]
                    ),
                };
            }
            let Ok(text) = std::str::from_utf8(value) else {
                return Verdict::Fails {
                    why: format!(
                        "{}.{name} is not UTF-8: pydantic raises ValidationError",
                        TURNS[i]
                    ),
                };
            };
            match read(Part::of_turns(i), &[TURNS[i], &name], text, &opts, false) {
                Ok(read) => notes.extend(read.notes),
                Err(e) => return Verdict::Fails { why: e.to_string() },
            }
        }
    }
    match unwritable {
        Some(err) => Verdict::LoadsButNotWritable {
            schema: Schema::V010,
            why: err.to_string(),
        },
        None => Verdict::Loads {
            schema: Schema::V010,
            rewritten,
            notes,
        },
    }
}

/// A context's document form, and whether it is strict JSON on one line (no `NaN`, no line
/// break), which export embeds as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub text: String,
    pub strict: bool,
}

/// The document form of the context in `stored` under `id`; `Err` says why no document can hold
/// it (a stored value that is not UTF-8 JSON without surrounding space, an extra main field):
/// [`fields_form`] can, unless a turn key is not a hash at all.
pub fn compose(id: &str, stored: &Stored) -> Result<Composed, String> {
    if let Some(why) = stored.unreadable() {
        return Err(why);
    }
    if let Some((extra, _)) = stored
        .main
        .iter()
        .find(|(f, _)| !MAIN.iter().any(|m| m.as_bytes() == f.as_slice()))
    {
        return Err(format!(
            "the main hash has a field {:?} besides Chatsky's five",
            String::from_utf8_lossy(extra)
        ));
    }
    let mut out = String::with_capacity(stored.bytes() + 160);
    let mut strict = true;
    out.push_str("{\"id\":");
    super::json::write_str(&mut out, id);
    for field in MAIN {
        let Some(value) = stored.main_field(field) else {
            continue;
        };
        let _ = write!(out, ",\"{field}\":");
        let text = utf8(value, field)?;
        if Part::of_main(field) == Part::Int && is_json_int(text) {
            out.push_str(text);
        } else if Part::of_main(field) == Part::Int {
            super::json::write_str(&mut out, text);
        } else {
            strict &= embed(&mut out, text, field)?;
        }
    }
    for (i, hash) in stored.turns.iter().enumerate() {
        let _ = write!(out, ",\"{}\":{{", TURNS[i]);
        for (n, (name, value)) in sorted(hash).into_iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            super::json::write_str(&mut out, utf8(name, TURNS[i])?);
            out.push(':');
            strict &= embed(&mut out, utf8(value, TURNS[i])?, TURNS[i])?;
        }
        out.push('}');
    }
    out.push('}');
    Ok(Composed { text: out, strict })
}

/// Embed stored JSON text as it is; `Ok(false)` when it is JSON only Python reads (`NaN`) or
/// spans lines, so that the document is not strict one-line JSON.
fn embed(out: &mut String, text: &str, field: &str) -> Result<bool, String> {
    let space = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t' | b'\n' | b'\r'));
    if space(text.as_bytes().first()) || space(text.as_bytes().last()) {
        return Err(format!("`{field}` holds JSON with space around it"));
    }
    let strict = parse::check_str(text)
        .map_err(|e| format!("`{field}` holds text that is not JSON ({e})"))?;
    out.push_str(text);
    Ok(strict && memchr::memchr2(b'\n', b'\r', text.as_bytes()).is_none())
}

fn utf8<'a>(bytes: &'a [u8], field: &str) -> Result<&'a str, String> {
    std::str::from_utf8(bytes).map_err(|_| format!("`{field}` holds bytes that are not UTF-8"))
}

/// Whether `text` is a JSON integer literal (so it can stand in a document as a number).
fn is_json_int(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// A turn hash's fields in turn order: numbers first, ascending, then any other names.
fn sorted(hash: &Hash) -> Vec<&(Vec<u8>, Vec<u8>)> {
    // Chatsky adds turns in order and small hashes keep it: most come sorted already.
    let canonical = |name: &[u8]| {
        !name.is_empty()
            && name.iter().all(u8::is_ascii_digit)
            && (name.len() == 1 || name[0] != b'0')
    };
    let in_order = hash.windows(2).all(|w| {
        let (a, b) = (&w[0].0, &w[1].0);
        canonical(a) && canonical(b) && (a.len(), a) < (b.len(), b)
    });
    if in_order && hash.first().is_none_or(|f| canonical(&f.0)) {
        return hash.iter().collect();
    }
    let mut fields: Vec<_> = hash.iter().map(|f| (TurnOrder::of(&f.0), f)).collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1 .0.cmp(&b.1 .0)));
    fields.into_iter().map(|(_, f)| f).collect()
}

/// Where a turn hash's field goes in turn order: negative numbers (larger magnitude first), then
/// the others by size, then names that are not numbers. A number compares as its canonical
/// decimal digits: by length, then digit by digit.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum TurnOrder<'a> {
    Negative(std::cmp::Reverse<(usize, Cow<'a, str>)>),
    Number(usize, Cow<'a, str>),
    Name,
}

impl<'a> TurnOrder<'a> {
    fn of(name: &'a [u8]) -> TurnOrder<'a> {
        let Ok(text) = std::str::from_utf8(name) else {
            return TurnOrder::Name;
        };
        // Chatsky writes canonical numbers: those are compared as they are.
        if is_json_int(text) && !text.starts_with('-') {
            return TurnOrder::Number(text.len(), Cow::Borrowed(text));
        }
        match turn_number(text) {
            Some(n) => match n.strip_prefix('-') {
                Some(digits) => {
                    let digits = digits.to_string();
                    TurnOrder::Negative(std::cmp::Reverse((digits.len(), Cow::Owned(digits))))
                }
                None => TurnOrder::Number(n.len(), Cow::Owned(n)),
            },
            None => TurnOrder::Name,
        }
    }
}

/// The hashes as JSON, every value a string of its stored text:
/// `{"main":{FIELD:TEXT},"labels":{N:TEXT},"requests":{…},"responses":{…}}`, for a context
/// whose values no document can embed. `Err` when a name or value is not UTF-8, or a turn key is
/// not a hash.
pub fn fields_form(stored: &Stored) -> Result<String, String> {
    if let Some(why) = stored.unreadable() {
        return Err(why);
    }
    let mut out = String::with_capacity(stored.bytes() + 160);
    out.push('{');
    let hashes =
        std::iter::once(("main", &stored.main)).chain(TURNS.iter().copied().zip(&stored.turns));
    for (i, (name, hash)) in hashes.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{name}\":{{");
        for (n, (field, value)) in hash.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            super::json::write_str(&mut out, utf8(field, name)?);
            out.push(':');
            super::json::write_str(&mut out, utf8(value, name)?);
        }
        out.push('}');
    }
    out.push('}');
    Ok(out)
}

/// A context given as a document form ([`compose`]) or as its hashes ([`fields_form`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Document,
    Hashes,
}

/// The keys a document form may have.
const DOCUMENT_KEYS: [&str; 9] = [
    "id",
    "current_turn_id",
    "created_at",
    "updated_at",
    "misc",
    "framework_data",
    "labels",
    "requests",
    "responses",
];

/// Whether a parsed document has the form of a 0.10 context rather than a legacy one: one of the
/// main fields that only 0.10 has.
pub fn is_document(doc: &Value<'_>) -> bool {
    doc.as_object().is_some_and(|m| {
        ["current_turn_id", "created_at", "updated_at"]
            .iter()
            .any(|k| m.contains_key(k))
    })
}

/// Validate a context given in `form` as chatsky 0.10 reads each of its values, and return the
/// hash fields to write: as given, or with `canonical` as chatsky 0.10 writes them. Also the
/// document's `id`, when it has one.
pub fn decompose(
    text: &str,
    form: Form,
    opts: &Options,
    canonical: bool,
) -> Result<(Fields, Option<String>), ModelError> {
    decompose_spans(&spans_of(text, form)?, form, opts, canonical)
}

/// [`decompose`] of a context already taken apart by [`parse::spans`] with [`opens`] (as part of a
/// larger envelope, such as an export line).
pub fn decompose_spans(
    members: &[Span<'_>],
    form: Form,
    opts: &Options,
    canonical: bool,
) -> Result<(Fields, Option<String>), ModelError> {
    let opts = options(opts);
    let (given, id) = split(members, form)?;
    let mut fields = Fields::default();
    let mut unwritable = None;
    for (field, value) in given.main {
        let read = read(Part::of_main(field), &[field], &value, &opts, canonical)?;
        unwritable = unwritable.or(read.unwritable);
        fields.notes.extend(read.notes);
        let stored = if canonical { read.canonical } else { value };
        fields.main.push((field, stored));
    }
    for (i, turns) in given.turns.into_iter().enumerate() {
        let name = TURNS[i];
        for (number, value) in turns {
            if turn_number(&number).is_none() {
                return Err(ModelError {
                    path: format!("{name}.{number}"),
                    message: "turn numbers are integers: chatsky 0.10's int() raises ValueError"
                        .into(),
                    reads: false,
                });
            }
            let read = read(
                Part::of_turns(i),
                &[name, &number],
                &value,
                &opts,
                canonical,
            )?;
            unwritable = unwritable.or(read.unwritable);
            fields.notes.extend(read.notes);
            fields.turns[i].push(match canonical {
                // Checked above: an int.
                true => (turn_number(&number).unwrap_or(number), read.canonical),
                false => (number, value),
            });
        }
    }
    match unwritable {
        Some(err) => Err(err),
        None => Ok((fields, id)),
    }
}

/// The hash fields of a context given in `form`, as given, without checking its values.
pub fn fields(text: &str, form: Form) -> Result<Fields, ModelError> {
    fields_of_spans(&spans_of(text, form)?, form)
}

/// The hash fields of a context taken apart by [`parse::spans`] with [`opens`], as given, without
/// checking its values: for a context [`decompose`] has already vouched for.
pub fn fields_of_spans(members: &[Span<'_>], form: Form) -> Result<Fields, ModelError> {
    split(members, form).map(|(fields, _)| fields)
}

/// Which objects [`parse::spans`] opens for a context in `form`, at `depth` from the context's
/// own members (1): a document form's turn maps. (The hashes form's values are strings.)
pub fn opens(form: Form, depth: usize, key: &str) -> bool {
    form == Form::Document && depth == 1 && TURNS.contains(&key)
}

/// A context given in `form` taken apart for [`decompose_spans`] and [`fields_of_spans`].
pub fn spans_of(text: &str, form: Form) -> Result<Vec<Span<'_>>, ModelError> {
    parse::spans(text, &|depth, key| opens(form, depth, key)).map_err(|e| ModelError {
        path: String::new(),
        message: format!("not a JSON object: {e}"),
        reads: false,
    })
}

/// A context split into its hash fields as given (the five main fields all there, in order), and
/// the document's id.
fn split(members: &[Span<'_>], form: Form) -> Result<(Fields, Option<String>), ModelError> {
    let top = |message: String| ModelError {
        path: String::new(),
        message,
        reads: false,
    };
    let mut given: Vec<&Span<'_>> = Vec::new();
    for m in members {
        let known = match form {
            Form::Document => DOCUMENT_KEYS.contains(&m.key.as_str()),
            Form::Hashes => m.key == "main" || TURNS.contains(&m.key.as_str()),
        };
        if !known {
            return Err(top(format!(
                "unknown key {:?} in a chatsky 0.10 context (expected {})",
                m.key.as_str(),
                match form {
                    Form::Document => DOCUMENT_KEYS.join(", "),
                    Form::Hashes => "main, labels, requests, responses".into(),
                }
            )));
        }
        // A repeated key counts by its last value, as in a Python dict.
        given.retain(|g| g.key != m.key);
        given.push(m);
    }
    let get = |key: &str| given.iter().find(|g| g.key == key).copied();
    let id = match get("id").map(|g| parse::parse_str(g.text)) {
        None => None,
        Some(Ok(Value::String(s))) => Some(s.to_string()),
        Some(other) => {
            let found = match other {
                Ok(v) => super::writer::describe(&v),
                Err(e) => e.to_string(),
            };
            return Err(ModelError {
                path: "id".into(),
                message: format!("expected a string (chatsky 0.10 ids are strings), found {found}"),
                reads: false,
            });
        }
    };
    let mut fields = Fields::default();
    let mut main = match form {
        Form::Document => main_of_document(&given)?,
        Form::Hashes => string_members(get("main").map(|g| g.text), "main")?,
    };
    for field in MAIN {
        let Some(at) = main.iter().position(|(f, _)| f == field) else {
            return Err(ModelError {
                path: field.into(),
                message: format!(
                    "missing: a chatsky 0.10 context has {} (Chatsky fails to load a main hash \
                     without one)",
                    MAIN.join(", ")
                ),
                reads: false,
            });
        };
        fields.main.push((field, main.swap_remove(at).1));
    }
    for (i, name) in TURNS.iter().enumerate() {
        fields.turns[i] = match (form, get(name)) {
            (_, None) => Vec::new(),
            (Form::Document, Some(g)) => turn_members(g, name)?,
            (Form::Hashes, Some(g)) => string_members(Some(g.text), name)?,
        };
    }
    Ok((fields, id))
}

/// The main fields of a document form: integers as their literal (a string as its content), the
/// two JSON fields as their embedded text.
fn main_of_document(given: &[&Span<'_>]) -> Result<Vec<(String, String)>, ModelError> {
    let mut main = Vec::new();
    for span in given {
        let (key, text) = (span.key.as_str(), span.text);
        if !MAIN.contains(&key) {
            continue;
        }
        let value = if Part::of_main(key) == Part::Int {
            match parse::parse_str(text) {
                Ok(Value::Number(n)) => n.as_str().to_string(),
                Ok(Value::String(s)) => s.to_string(),
                _ => {
                    return Err(ModelError {
                        path: key.into(),
                        message: format!("expected an integer, found {text}"),
                        reads: false,
                    })
                }
            }
        } else {
            text.to_string()
        };
        main.push((key.to_string(), value));
    }
    Ok(main)
}

/// A document form's turn map (opened by [`parse::spans`]): each turn with its text as written.
fn turn_members(span: &Span<'_>, name: &str) -> Result<Vec<(String, String)>, ModelError> {
    let Some(members) = &span.members else {
        return Err(ModelError {
            path: name.into(),
            message: format!(
                "expected an object keyed by turn numbers, found {}",
                shorten(span.text)
            ),
            reads: false,
        });
    };
    let mut out: Vec<(String, String)> = Vec::with_capacity(members.len());
    for m in members {
        if out.iter().any(|(k, _)| k == m.key.as_str()) {
            out.retain(|(k, _)| k != m.key.as_str());
        }
        out.push((m.key.to_string(), m.text.to_string()));
    }
    Ok(out)
}

/// The members of an object whose values are all strings (the hashes form).
fn string_members(text: Option<&str>, name: &str) -> Result<Vec<(String, String)>, ModelError> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    let doc = parse::parse_str(text).map_err(|e| ModelError {
        path: name.into(),
        message: format!("not JSON: {e}"),
        reads: false,
    })?;
    let Value::Object(map) = doc else {
        return Err(ModelError {
            path: name.into(),
            message: "expected an object of stored field values".into(),
            reads: false,
        });
    };
    strings(&map, name)
}

fn strings(map: &Map<'_>, name: &str) -> Result<Vec<(String, String)>, ModelError> {
    map.iter()
        .map(|(k, v)| match v {
            Value::String(s) => Ok((k.to_string(), s.to_string())),
            other => Err(ModelError {
                path: format!("{name}.{k}"),
                message: format!(
                    "expected the stored text as a string, found {}",
                    super::writer::describe(other)
                ),
                reads: false,
            }),
        })
        .collect()
}
