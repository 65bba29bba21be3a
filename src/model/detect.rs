//! Telling legacy versions apart (spec 4, step 3) and predicting what Chatsky's
//! `get_item_async` does with stored bytes (spec 1.5, 2.8).

use super::tree::{Map, Value};

use super::coerce::truthy;
use super::context::marks_context;
use super::parse::parse_as_read;
use super::{canonicalize, exponent_for, ExponentStyle, Options, Schema};

/// Result of [`detect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The version, or `None` when it cannot be told (or the value is not a context).
    pub schema: Option<Schema>,
    /// Which evidence decided it.
    pub reason: &'static str,
}

/// What a (legacy) context is, for every command: a JSON object with at least one top-level
/// field of some legacy version's Context (`id`, `labels`, `requests`, `responses`,
/// `framework_data`, or dff 0.7's `validation` and `framework_states`). `misc` alone does not
/// count: a Message has one too.
///
/// Chatsky itself always writes every field, so everything it stores qualifies. It would also
/// read `{}`, `{"lables": …}` or (0.7/0.8) a falsy value such as `0` as a *new, empty* context
/// with a random id, but nobody stores those meaning a dialog: they are not contexts here, so
/// `put` and `import` refuse them and walks skip them. Unknown keys beside a real field do not
/// change the answer (Chatsky drops them).
pub fn is_context(doc: &Value) -> bool {
    doc.as_object()
        .is_some_and(|m| m.keys().any(|k| marks_context(k)))
}

/// What a JSON object that is not a context looks like, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resembles {
    /// `{"key": …, "value"|"raw": …}`: a line of `export`.
    ExportLine,
    /// A request or response (`text`, `attachments`, `original_message`, …).
    Message,
    /// `{"flow_name", "node_name"}`.
    Label,
    /// `{}`.
    Empty,
    /// Nothing known.
    Unknown,
}

impl Resembles {
    /// What it looks like, for messages (empty for [`Resembles::Unknown`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Resembles::ExportLine => "a line of an export, {\"key\": …, \"value\": …}",
            Resembles::Message => "a Message (a request or a response)",
            Resembles::Label => "a label, {\"flow_name\", \"node_name\"}",
            Resembles::Empty => "an empty object",
            Resembles::Unknown => "",
        }
    }
}

/// Why the JSON object `map`, which is not a context, is not one: what it looks like, or else
/// its first keys.
pub fn no_context_field(map: &Map<'_>) -> String {
    match resembles(map) {
        Resembles::Unknown => {
            let keys: Vec<String> = map
                .keys()
                .take(5)
                .map(|k| format!("{:?}", k.as_str()))
                .collect();
            let more = if map.len() > 5 { ", …" } else { "" };
            format!(
                "a JSON object with no Context field (its keys: {}{more})",
                keys.join(", ")
            )
        }
        looks => format!(
            "a JSON object with no Context field (it looks like {})",
            looks.as_str()
        ),
    }
}

/// What to do instead of storing a document that is not a context, by what it looks like.
pub fn advice(looks: Resembles) -> &'static str {
    match looks {
        Resembles::ExportLine => "export lines go back in with `import`",
        Resembles::Message => "a context holds Messages under `requests` and `responses`",
        Resembles::Label => "a context holds labels under `labels`",
        Resembles::Empty | Resembles::Unknown => {
            "Chatsky would read it as a new, empty context with a random id; a context has at \
             least one of `id`, `labels`, `requests`, `responses`, `framework_data`"
        }
    }
}

/// What the JSON object `map` looks like, when it is not a context.
pub fn resembles(map: &Map<'_>) -> Resembles {
    let has = |k: &str| map.contains_key(k);
    if map.is_empty() {
        Resembles::Empty
    } else if has("key") && (has("value") || has("raw")) {
        Resembles::ExportLine
    } else if has("flow_name") || has("node_name") {
        Resembles::Label
    } else if [
        "text",
        "attachments",
        "annotations",
        "original_message",
        "commands",
        "origin",
    ]
    .iter()
    .any(|k| has(k))
    {
        Resembles::Message
    } else {
        Resembles::Unknown
    }
}

/// Guess which version wrote `doc`, from its structure alone.
pub fn detect(doc: &Value) -> Detection {
    let found = |schema, reason| Detection {
        schema: Some(schema),
        reason,
    };
    let Some(map) = doc.as_object().filter(|_| is_context(doc)) else {
        return Detection {
            schema: None,
            reason: "not a legacy context object",
        };
    };
    let has_07_keys = map.contains_key("validation") || map.contains_key("framework_states");
    if has_07_keys && !map.contains_key("framework_data") {
        return found(
            Schema::V07,
            "has validation/framework_states and no framework_data",
        );
    }
    if let Some(reason) = message_07_evidence(map) {
        return found(Schema::V07, reason);
    }
    match label_shape(map) {
        Some(true) => return found(Schema::V09, "labels are {flow_name, node_name} objects"),
        Some(false) if map.contains_key("framework_data") => {
            return found(Schema::V08, "labels are [flow, node] arrays")
        }
        _ => {}
    }
    let slots = map
        .get("framework_data")
        .and_then(|f| f.get("slot_manager"));
    match slots
        .and_then(|s| s.get("slot_storage"))
        .and_then(default_value_kind)
    {
        Some(true) => {
            return found(
                Schema::V08,
                "slot default_value holds a pickle (0.8 pickles None)",
            )
        }
        Some(false) => return found(Schema::V09, "slot default_value is null"),
        None => {}
    }
    turn_numbering(map)
}

/// dff 0.7 Messages have `commands` or `attachments` as an object.
fn message_07_evidence(map: &Map<'_>) -> Option<&'static str> {
    let messages = ["requests", "responses"]
        .iter()
        .filter_map(|k| map.get(k).and_then(Value::as_object))
        .flat_map(|turns| turns.values());
    for m in messages {
        if m.get("commands").is_some_and(|c| !c.is_null()) {
            return Some("messages have a dff 0.7 `commands` field");
        }
        if m.get("attachments").is_some_and(Value::is_object) {
            return Some("attachments are a dff 0.7 {\"files\": …} object");
        }
    }
    None
}

/// `Some(true)` if a label is an object, `Some(false)` if one is an array.
fn label_shape(map: &Map<'_>) -> Option<bool> {
    let labels = map.get("labels")?.as_object()?;
    labels.values().find_map(|l| match l {
        Value::Object(_) => Some(true),
        Value::Array(_) => Some(false),
        _ => None,
    })
}

/// `Some(true)` when a slot default_value is a pickle string, `Some(false)` when null.
fn default_value_kind(v: &Value) -> Option<bool> {
    let map = v.as_object()?;
    match map.get("default_value") {
        Some(Value::String(_)) if map.contains_key("is_slot_extracted") => return Some(true),
        Some(Value::Null) if map.contains_key("is_slot_extracted") => return Some(false),
        _ => {}
    }
    map.values().find_map(default_value_kind)
}

fn turn_numbering(map: &Map<'_>) -> Detection {
    let keys = |k: &str| {
        map.get(k)
            .and_then(Value::as_object)
            .map(|m| m.contains_key("0"))
    };
    match (keys("requests"), keys("labels")) {
        (Some(true), _) => Detection {
            schema: Some(Schema::V08),
            reason: "requests start at \"0\" (0.9 starts them at \"1\")",
        },
        (Some(false), Some(true)) => Detection {
            schema: Some(Schema::V09),
            reason: "labels has the start label \"0\" and requests start at \"1\"",
        },
        _ => Detection {
            schema: None,
            reason: "cannot tell 0.8 from 0.9: no labels, slots or turn numbering to go by",
        },
    }
}

/// What Chatsky's `get_item_async` of `schema` does with stored bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It reads a Context.
    Loads {
        /// The version asked about.
        schema: Schema,
        /// The canonical form (what its next write stores) differs from the stored bytes.
        rewritten: bool,
        /// Normalisations the read and next write apply.
        notes: Vec<String>,
    },
    /// It reads a Context, but Chatsky's next write of it raises (a lone surrogate, or a value
    /// nested deeper than pydantic serializes): the bot's turn fails after reading it.
    LoadsButNotWritable {
        /// The version asked about.
        schema: Schema,
        /// What cannot be written back, and where.
        why: String,
    },
    /// The empty string: `GET` behaves as if the key were missing (KeyError).
    Missing {
        /// Explanation.
        why: String,
    },
    /// The read raises.
    Fails {
        /// What fails and where.
        why: String,
    },
}

/// Predict what Chatsky's `get_item_async` of `schema` does with these stored bytes.
///
/// Chatsky unpickles whatever it finds, so unsafe pickles do not make the read fail here;
/// they are reported in the notes.
pub fn check(raw: &[u8], schema: Schema) -> Verdict {
    if raw.is_empty() {
        return Verdict::Missing {
            why: "empty value: Chatsky's GET treats it as a missing key (KeyError)".into(),
        };
    }
    let (doc, lone) = match parse_as_read(raw) {
        Ok(read) => read,
        Err(e) => return Verdict::Fails { why: e.to_string() },
    };
    if !doc.is_object() && (schema == Schema::V09 || truthy(Some(&doc))) {
        let why = if schema == Schema::V09 {
            "not a JSON object: chatsky 0.9 raises ValidationError"
        } else {
            "a non-empty value that is not a JSON object: Context.cast raises ValueError"
        };
        return Verdict::Fails { why: why.into() };
    }
    let exponent = exponent_for(ExponentStyle::Auto, raw);
    let opts = Options {
        schema,
        exponent,
        allow_unsafe_pickles: true,
        pickle_globals: Default::default(),
    };
    match (canonicalize(&doc, &opts), lone) {
        (Ok(c), None) => Verdict::Loads {
            schema,
            rewritten: c.json.as_bytes() != raw,
            notes: c.notes,
        },
        (Ok(_), Some(lone)) => Verdict::LoadsButNotWritable {
            schema,
            why: lone.to_string(),
        },
        (Err(e), lone) if e.reads => Verdict::LoadsButNotWritable {
            schema,
            why: lone.map_or_else(|| e.to_string(), |lone| lone.to_string()),
        },
        (Err(e), _) => Verdict::Fails { why: e.to_string() },
    }
}
