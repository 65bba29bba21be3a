//! One line of `import`'s input, read and checked: an export line (legacy or chatsky 0.10) or,
//! with `--key-field`, a bare document; and, for the write pass, what to store for it.

use std::borrow::Cow;

use crate::model::v010::{self, Fields, Form};
use crate::model::{self, Options, Schema, Value};
use crate::store::detect::Asked;
use crate::store::Prefix;

/// How an export line starts, and what comes between its key and its document, when the key
/// comes first and the document last (as `export` writes them).
const EXPORT_KEY: &str = "{\"key\":";
const EXPORT_VALUE: &str = ",\"value\":";

/// A chatsky 0.10 line taken apart: its key, the prefix it names, the text of its context, and
/// the context.
struct Line010<'s, 'l> {
    key: String,
    prefix: Option<String>,
    text: &'l str,
    context: Context010<'s, 'l>,
}

/// A 0.10 context of a line: its members already opened, a `raw` document form still to take
/// apart, or a `hashes` form (strings, taken apart by their own parse).
enum Context010<'s, 'l> {
    Spans(&'s [model::Span<'l>], Form),
    Raw(String),
    Hashes(&'l str),
}

/// What pass 1 found about a valid line.
pub(super) struct Checked {
    /// Laid out for [`Reader::positional`] (always, for a 0.10 line, which never takes it).
    pub(super) positional: bool,
    /// A chatsky 0.10 context.
    pub(super) hashes: bool,
    /// Top-level keys of a legacy document that its Context does not have.
    pub(super) unknown: Vec<String>,
}

/// A legacy line ready to store: its key and the bytes to store (as given, or canonical).
type Item<'l> = (Cow<'l, str>, Cow<'l, str>);

/// A line's context ready to store, in its layout's form.
pub(super) enum Ready<'l> {
    Legacy(Item<'l>),
    Hashes(Prefix, String, Fields),
}

/// How lines are read and checked; shared by both passes.
pub(super) struct Reader {
    pub(super) key_field: Option<String>,
    /// The schema to write; `None` lets each document's own shape decide (`--schema auto` with
    /// nothing in the database to go by).
    pub(super) schema: Option<Schema>,
    pub(super) exponent: model::ExponentStyle,
    pub(super) allow_unsafe_pickles: bool,
    pub(super) pickle_globals: model::pickle::Patterns,
    pub(super) canonical: bool,
    /// `--layout`: a line of the other layout is invalid.
    pub(super) layout: Asked,
    /// Where 0.10 contexts go: `--prefix` when given, else each line's own (default: this).
    pub(super) prefix: Prefix,
    pub(super) prefix_given: bool,
    /// Refuse top-level keys the target Context does not have, instead of noting them.
    pub(super) strict: bool,
}

/// Chatsky's key for an id: `str(id)` of a string or an integer (the int 42 is the key "42").
/// Any other value is given back.
fn id_key(id: Value<'_>) -> Result<Cow<'_, str>, Value<'_>> {
    match id {
        Value::String(s) => Ok(s.into_cow()),
        Value::Number(n) => match n.as_int().map(str::to_string) {
            Some(int) => Ok(Cow::Owned(int)),
            None => Err(Value::Number(n)),
        },
        other => Err(other),
    }
}

/// A parse error of a line, already named by its number: `column 7: …`. (A line holds no line
/// break, so the parser's own line is always 1.)
fn in_line(e: &model::ParseError) -> String {
    match e.line {
        1 => format!("column {}: {}", e.column, e.message),
        _ => e.to_string(),
    }
}

/// A legacy line's document as given: parsed in place, or the text of a `raw` field still to
/// parse.
enum Given<'l> {
    Parsed { text: &'l str, doc: Value<'l> },
    Raw(String),
}

/// A legacy line split into its parts: the key and the document.
struct Split<'l> {
    key: String,
    given: Given<'l>,
}

impl Reader {
    /// Key and document of a line, as given. Without `build` the document is checked as JSON
    /// but not built (the write pass, after validation): it is then `null`.
    fn split<'l>(&self, line: &'l str, build: bool) -> Result<Split<'l>, String> {
        match &self.key_field {
            Some(field) => {
                // The write pass only needs the key; a repeated field counts by its last value,
                // as in the parsed document (a Python dict).
                let (doc, id) = if build {
                    let doc = model::parse_str(line).map_err(|e| in_line(&e))?;
                    let id = doc.get(field).cloned();
                    (doc, id)
                } else {
                    let members =
                        model::parse_members(line, |k| k == field).map_err(|e| in_line(&e))?;
                    let id = members.into_iter().rev().find(|m| m.key == field.as_str());
                    (Value::Null, id.map(|m| m.value))
                };
                let key = match id.map(id_key) {
                    Some(Ok(key)) => key.into_owned(),
                    Some(Err(other)) => {
                        return Err(format!(
                            "field `{field}` is {other}, not a string or integer key"
                        ))
                    }
                    None if doc.as_object().map(model::resembles)
                        == Some(model::Resembles::ExportLine) =>
                    {
                        return Err(format!(
                            "no `{field}` field to take the key from: this is an export line, \
                             which `import` takes without --key-field"
                        ))
                    }
                    None => return Err(format!("no `{field}` field to take the key from")),
                };
                Ok(Split {
                    key,
                    given: Given::Parsed { text: line, doc },
                })
            }
            None => {
                // A line with a `prefix` is a 0.10 one, taken apart by `Self::hashes`.
                let members =
                    model::parse_members(line, |k| (build || k != "value") && k != "hashes")
                        .map_err(|e| {
                            format!("not an export line {{\"key\", \"value\"}}: {}", in_line(&e))
                        })?;
                let (mut key, mut given, mut raw, mut hashes) = (None, None, None, false);
                for m in members {
                    match m.key.as_str() {
                        "key" => key = Some(m.value),
                        "value" => given = Some((m.text, m.value)),
                        "raw" => raw = Some(m.value),
                        "hashes" => hashes = true,
                        _ => {}
                    }
                }
                if hashes {
                    return Err("`hashes` (a chatsky 0.10 context) needs a `prefix`".into());
                }
                let key = match key {
                    Some(Value::String(k)) => k.to_string(),
                    Some(other) => return Err(format!("`key` is {other}, not a string")),
                    None => return Err("not an export line {\"key\", \"value\"}: no `key`".into()),
                };
                let given = match (given, raw) {
                    (Some((text, doc)), None) => Given::Parsed { text, doc },
                    (None, Some(Value::String(raw))) => Given::Raw(raw.to_string()),
                    (None, Some(other)) => return Err(format!("`raw` is {other}, not a string")),
                    _ => return Err("a line needs exactly one of `value` and `raw`".into()),
                };
                Ok(Split { key, given })
            }
        }
    }

    /// Parse a line and check it as a context; `then` gets the document with the options for it.
    /// `writes`: `then` writes bytes (only then does the float spelling matter). Returns the key,
    /// what `then` made, and the document's text when it is part of the line (not `raw`).
    fn checked<'l, T>(
        &self,
        line: &'l str,
        writes: bool,
        then: impl FnOnce(&Value<'_>, &Options) -> Result<T, model::ModelError>,
    ) -> Result<(String, T, Option<&'l str>), String> {
        let Split { key, given, .. } = self.split(line, true)?;
        let raw;
        let (text, doc, in_line) = match given {
            Given::Parsed { text, doc } => (text, doc, Some(text)),
            Given::Raw(text) => {
                raw = text;
                let doc = model::parse_str(&raw).map_err(|e| format!("key {key:?}: raw: {e}"))?;
                (raw.as_str(), doc, None)
            }
        };
        if !doc.is_object() {
            return Err(format!(
                "key {key:?}: value: a Chatsky context is a JSON object"
            ));
        }
        if let Some(map) = doc.as_object().filter(|_| !model::is_context(&doc)) {
            let looks = model::resembles(map);
            let advice = match (looks, &self.key_field) {
                (model::Resembles::ExportLine, None) => "the value is itself an export line",
                (model::Resembles::ExportLine, Some(_)) => {
                    "this is an export line, which `import` takes without --key-field"
                }
                _ => model::advice(looks),
            };
            return Err(format!(
                "key {key:?}: not a Chatsky context: {}; {advice}",
                model::no_context_field(map)
            ));
        }
        let options = Options {
            schema: self
                .schema
                .unwrap_or_else(|| model::detect(&doc).schema.unwrap_or(Schema::V09)),
            exponent: if writes {
                model::exponent_for(self.exponent, text.as_bytes())
            } else {
                self.exponent
            },
            allow_unsafe_pickles: self.allow_unsafe_pickles,
            pickle_globals: self.pickle_globals.clone(),
        };
        let made = then(&doc, &options).map_err(|e| {
            format!(
                "key {key:?}: not a valid Chatsky {} context {e}",
                options.schema
            )
        })?;
        Ok((key, made, in_line))
    }

    /// Validate a line (pass 1). Returns whether [`Self::positional`] finds the same key and
    /// document in it as parsing does, so that the write pass may take them by position (true
    /// for a 0.10 line, which never is), whether it is a chatsky 0.10 context, and the legacy
    /// document's top-level keys that are not fields of its target Context (refused with
    /// `--strict`).
    pub(super) fn check(&self, line: &str) -> Result<Checked, String> {
        if self.hashes(line, false)?.is_some() {
            return Ok(Checked {
                positional: true,
                hashes: true,
                unknown: Vec::new(),
            });
        }
        let (positional, unknown) = self.check_legacy(line)?;
        Ok(Checked {
            positional,
            hashes: false,
            unknown,
        })
    }

    fn check_legacy(&self, line: &str) -> Result<(bool, Vec<String>), String> {
        if self.layout == Asked::V010 {
            return Err(
                "a legacy context, and --layout is 0.10: `chatsky-redis convert --to 0.10` turns \
                 it into a 0.10 one"
                    .into(),
            );
        }
        let (key, unknown, text) = self.checked(line, false, |doc, options| {
            model::validate(doc, options)?;
            let unknown = doc
                .as_object()
                .map(|map| model::unknown_fields(map, options.schema))
                .unwrap_or_default();
            if self.strict && !unknown.is_empty() {
                return Err(model::ModelError {
                    path: unknown[0].to_string(),
                    message: format!(
                        "top-level {} (--strict refuses what Chatsky would drop)",
                        crate::commands::put::unknown_keys(&unknown, options.schema)
                    ),
                    reads: false,
                });
            }
            Ok(unknown.into_iter().map(str::to_string).collect())
        })?;
        let laid_out = match (self.positional(line), text) {
            (Some((k, doc)), Some(text)) => k == key && std::ptr::eq(doc.as_ref(), text),
            _ => false,
        };
        Ok((laid_out, unknown))
    }

    /// The key and the document of a line by where they stand, without parsing the line: in an
    /// export line with the key first and the document last, `{"key":KEY,"value":DOC}`; with
    /// `--key-field`, the key field as the document's first member (the whole line is stored).
    /// Only the key is parsed; `None` when the line is not laid out so.
    fn positional<'l>(&self, line: &'l str) -> Option<Item<'l>> {
        let rest = match &self.key_field {
            Some(field) => line
                .strip_prefix("{\"")?
                .strip_prefix(field.as_str())?
                .strip_prefix("\":")?,
            None => line.strip_prefix(EXPORT_KEY)?,
        };
        let (key, end) = model::scalar_at(line, line.len() - rest.len())?;
        let key = match (key, &self.key_field) {
            (Value::String(s), None) => s.into_cow(),
            (id, Some(_)) => id_key(id).ok()?,
            _ => return None,
        };
        let doc = match &self.key_field {
            Some(_) => line,
            None => line[end..].strip_prefix(EXPORT_VALUE)?.strip_suffix('}')?,
        };
        Some((key, Cow::Borrowed(doc)))
    }

    /// A 0.10 line's context checked as chatsky 0.10 reads it, with the fields to write
    /// (canonical with `--canonical` when `write`): `Ok(None)` for a legacy line.
    fn hashes(&self, line: &str, write: bool) -> Result<Option<Ready<'static>>, String> {
        if !self.may_be_010(line) {
            return Ok(None);
        }
        // One pass over the line takes it apart down to the document's turns.
        let depth = usize::from(self.key_field.is_none());
        let members = model::spans(line, &|d, k| {
            (depth == 1 && d == 1 && k == "value") || v010::opens(Form::Document, d - depth, k)
        })
        .map_err(|e| format!("not an export line {{\"key\", \"value\"}}: {}", in_line(&e)))?;
        let Some(line) = self.line_010(&members)? else {
            return Ok(None);
        };
        let key = line.key;
        if self.layout == Asked::Legacy {
            return Err(format!(
                "key {key:?}: a chatsky 0.10 context, and --layout is legacy: `chatsky-redis \
                 convert --to legacy` turns it into a legacy one"
            ));
        }
        let prefix = match line.prefix.filter(|_| !self.prefix_given) {
            Some(p) => Prefix::new(&p).map_err(|e| format!("key {key:?}: prefix: {e}"))?,
            None => self.prefix.clone(),
        };
        let invalid =
            |e: model::ModelError| format!("key {key:?}: not a valid chatsky 0.10 context {e}");
        // A raw document form is text still to take apart.
        let taken;
        let (members, form) = match &line.context {
            Context010::Spans(members, form) => (*members, *form),
            Context010::Raw(text) => {
                taken = v010::spans_of(text, Form::Document).map_err(invalid)?;
                (&taken[..], Form::Document)
            }
            Context010::Hashes(text) => {
                taken = v010::spans_of(text, Form::Hashes).map_err(invalid)?;
                (&taken[..], Form::Hashes)
            }
        };
        // The write pass takes the values as pass 1 checked them, unless they are to be
        // written in canonical form.
        let fields = if write && !self.canonical {
            v010::fields_of_spans(members, form)
        } else {
            let exponent = match (write, &line.context) {
                (true, Context010::Raw(raw)) => model::exponent_for(self.exponent, raw.as_bytes()),
                (true, _) => model::exponent_for(self.exponent, line.text.as_bytes()),
                (false, _) => self.exponent,
            };
            let options = Options {
                schema: Schema::V010,
                exponent,
                allow_unsafe_pickles: self.allow_unsafe_pickles,
                pickle_globals: self.pickle_globals.clone(),
            };
            v010::decompose_spans(members, form, &options, write).map(|(fields, _)| fields)
        };
        let fields = fields.map_err(invalid)?;
        Ok(Some(Ready::Hashes(prefix, key, fields)))
    }

    /// A 0.10 line's parts from its spans: `None` for a legacy line.
    fn line_010<'s, 'l>(
        &self,
        members: &'s [model::Span<'l>],
    ) -> Result<Option<Line010<'s, 'l>>, String> {
        let get = |name: &str| members.iter().rev().find(|m| m.key == name);
        fn text<'l>(m: &model::Span<'l>) -> Result<Value<'l>, String> {
            model::parse_str(m.text).map_err(|e| in_line(&e))
        }
        if let Some(field) = &self.key_field {
            let key = match get(field).map(text).transpose()?.map(id_key) {
                Some(Ok(key)) => key.into_owned(),
                Some(Err(other)) => {
                    return Err(format!(
                        "field `{field}` is {other}, not a string or integer key"
                    ))
                }
                None => return Err(format!("no `{field}` field to take the key from")),
            };
            let whole = members.first().map_or("", |m| m.text);
            return Ok(Some(Line010 {
                key,
                prefix: None,
                text: whole,
                context: Context010::Spans(members, Form::Document),
            }));
        }
        let prefix = match get("prefix").map(text).transpose()? {
            None => return Ok(None),
            Some(Value::String(p)) => Some(p.to_string()),
            Some(other) => return Err(format!("`prefix` is {other}, not a string")),
        };
        let key = match get("key").map(text).transpose()? {
            Some(Value::String(k)) => k.to_string(),
            Some(other) => return Err(format!("`key` is {other}, not a string")),
            None => return Err("not an export line {\"key\", \"value\"}: no `key`".into()),
        };
        let (value, raw, hashes) = (get("value"), get("raw"), get("hashes"));
        let (text, context) = match (value, raw, hashes) {
            (Some(v), None, None) => match &v.members {
                Some(members) => (v.text, Context010::Spans(members, Form::Document)),
                None => return Err(format!("key {key:?}: `value` is not a JSON object")),
            },
            (None, Some(r), None) => match text(r)? {
                Value::String(raw) => (r.text, Context010::Raw(raw.to_string())),
                other => return Err(format!("`raw` is {other}, not a string")),
            },
            (None, None, Some(h)) => (h.text, Context010::Hashes(h.text)),
            _ => return Err("a line needs exactly one of `value`, `raw` and `hashes`".into()),
        };
        Ok(Some(Line010 {
            key,
            prefix,
            text,
            context,
        }))
    }

    /// Whether a line may hold a 0.10 context, cheaply: an export line whose key is followed by
    /// `value` or `raw` holds a legacy one, and so does a bare document (`--key-field`) with
    /// none of the main fields only 0.10 has at its top level.
    fn may_be_010(&self, line: &str) -> bool {
        if self.key_field.is_some() {
            const ONLY_010: [&str; 3] = ["current_turn_id", "created_at", "updated_at"];
            let named = |k: &str| memchr::memmem::find(line.as_bytes(), k.as_bytes()).is_some();
            if !ONLY_010.iter().any(|k| named(k)) {
                return false;
            }
            let mut top_level = false;
            let keys = model::object_keys(line.as_bytes(), |k| top_level |= ONLY_010.contains(&k));
            return keys.is_ok() && top_level;
        }
        let after_key = line
            .strip_prefix(EXPORT_KEY)
            .and_then(|rest| model::scalar_at(line, line.len() - rest.len()))
            .map(|(_, end)| &line[end..]);
        !after_key
            .is_some_and(|rest| rest.starts_with(EXPORT_VALUE) || rest.starts_with(",\"raw\":"))
    }

    /// What to store for a line already validated (the write pass). `positional`: pass 1 found
    /// every valid legacy line laid out for [`Self::positional`]; `hashes`: this line is a 0.10
    /// context.
    pub(super) fn ready<'l>(
        &self,
        line: &'l str,
        positional: bool,
        hashes: bool,
    ) -> Result<Ready<'l>, String> {
        if hashes {
            return self
                .hashes(line, true)?
                .ok_or_else(|| "no longer a chatsky 0.10 context".into());
        }
        self.item(line, positional).map(Ready::Legacy)
    }

    /// Key and bytes to store of a legacy line already validated.
    fn item<'l>(&self, line: &'l str, positional: bool) -> Result<Item<'l>, String> {
        if self.canonical {
            let (key, canonical, _) = self.checked(line, true, model::canonicalize)?;
            return Ok((Cow::Owned(key), Cow::Owned(canonical.json)));
        }
        if let Some(item) = positional.then(|| self.positional(line)).flatten() {
            return Ok(item);
        }
        let Split { key, given, .. } = self.split(line, false)?;
        let stored = match given {
            Given::Parsed { text, .. } => Cow::Borrowed(text),
            Given::Raw(text) => Cow::Owned(text),
        };
        Ok((Cow::Owned(key), stored))
    }
}
