//! A legacy context (dff 0.7, chatsky 0.8, 0.9) as a chatsky 0.10 one.

use std::fmt::Write as _;

use super::super::tree::Value;
use super::super::v010::{self, Fields, Form};
use super::super::{
    canonicalize_sized, detect, is_context, json, no_context_field, parse, ExponentStyle,
    ModelError, Options, Schema,
};
use super::{at, highest, internal, members, release, step, write_object, Failed, ToV010};

/// The turns of one dict: `(turn number, value text)`, in order.
type Turns = Vec<(String, String)>;

/// The framework data of a context that never had any (dff 0.7): what chatsky 0.10 starts with.
const EMPTY_FRAMEWORK_DATA: &str = "{\"stats\":{},\"slot_manager\":{\"slot_storage\":{}}}";
/// The key under which JSON-pickle dicts list their pickled entries (chatsky 0.8 and later).
const MARKER: &str = "__pickled_extra_fields__";

/// Convert the legacy context stored under `key` (its stored bytes) into the hash fields chatsky
/// 0.10 would write for it, with notes on what was set or could not be carried.
pub fn legacy_to_v010(key: &str, raw: &[u8], opts: &ToV010) -> Result<Fields, Failed> {
    let (schema, canonical, mut notes) = read_source(raw, opts)?;
    let top = members(&canonical, schema)?;
    let field = |name: &str| {
        top.iter()
            .find(|(k, _)| k == name)
            .map_or("{}", |(_, text)| *text)
    };
    id_note(key, field("id"), &mut notes);
    let mut turns = Dicts {
        labels: turn_members(field("labels"), schema)?,
        requests: turn_members(field("requests"), schema)?,
        responses: turn_members(field("responses"), schema)?,
    };
    // 0.7/0.8 number turns from 0; so does a 0.8 context that 0.9 went on with (0.9 keeps the
    // numbering it finds, spec 2.8): 0.9's own requests start at 1.
    let zero = |t: &Turns| t.iter().any(|(k, _)| k == "0");
    if schema <= Schema::V08 || zero(&turns.requests) || zero(&turns.responses) {
        turns.shift();
    }
    turns.labels = labels(turns.labels, schema)?;
    start_label(&mut turns.labels, schema, opts, &mut notes)?;
    for (name, dict) in [
        ("requests", &mut turns.requests),
        ("responses", &mut turns.responses),
    ] {
        for (number, value) in dict.iter_mut() {
            *value = message(value, schema, &format!("{name}.{number}"), &mut notes)?;
        }
    }
    let framework_data = match schema {
        Schema::V07 => {
            dropped_07(field("validation"), field("framework_states"), &mut notes);
            EMPTY_FRAMEWORK_DATA
        }
        _ => field("framework_data"),
    };
    notes.push(
        "created_at and updated_at set to the migration time (legacy contexts have no timestamps)"
            .into(),
    );
    let doc = document(key, &turns, field("misc"), framework_data, opts.now);
    read_target(&doc, opts, notes)
}

/// The source read as its version reads it: the version, the bytes it writes for it, and its
/// notes (a missing `id` is not one here: the key is the id).
fn read_source(raw: &[u8], opts: &ToV010) -> Result<(Schema, String, Vec<String>), Failed> {
    let not_context = |message: String| Failed::Source {
        schema: None,
        err: at("", message),
    };
    let (doc, lone) = parse::parse_as_read(raw).map_err(|e| not_context(format!("{e}")))?;
    if !is_context(&doc) {
        return Err(not_context(match doc.as_object() {
            Some(map) => no_context_field(map),
            None => "not a JSON object".into(),
        }));
    }
    let schema = detect(&doc).schema.unwrap_or(Schema::V09);
    if let Some(lone) = lone {
        return Err(Failed::Source {
            schema: Some(schema),
            err: ModelError {
                path: String::new(),
                message: format!("{lone} (chatsky 0.10's JSON parser refuses it)"),
                reads: true,
            },
        });
    }
    let source = Options {
        schema,
        exponent: ExponentStyle::Auto,
        allow_unsafe_pickles: opts.allow_unsafe_pickles,
    };
    let canonical = canonicalize_sized(&doc, &source, raw.len()).map_err(|err| Failed::Source {
        schema: Some(schema),
        err,
    })?;
    let notes = canonical
        .notes
        .into_iter()
        .filter(|n| !n.starts_with("missing id:"))
        .collect();
    Ok((schema, canonical.json, notes))
}

/// The converted document read as chatsky 0.10 reads it: the hash fields it writes.
fn read_target(doc: &str, opts: &ToV010, mut notes: Vec<String>) -> Result<Fields, Failed> {
    let target = Options {
        schema: Schema::V010,
        exponent: ExponentStyle::Auto,
        allow_unsafe_pickles: opts.allow_unsafe_pickles,
    };
    let (mut fields, _) =
        v010::decompose(doc, Form::Document, &target, true).map_err(|err| Failed::Target {
            schema: Schema::V010,
            err,
        })?;
    notes.append(&mut fields.notes);
    fields.notes = notes;
    Ok(fields)
}

/// The three turn dicts.
struct Dicts {
    labels: Turns,
    requests: Turns,
    responses: Turns,
}

impl Dicts {
    /// Number every turn one higher: turn 0 of 0.7/0.8 is turn 1 of 0.9 and 0.10.
    fn shift(&mut self) {
        for dict in [&mut self.labels, &mut self.requests, &mut self.responses] {
            for (number, _) in dict.iter_mut() {
                *number = step(number, true);
            }
        }
    }
}

fn turn_members(text: &str, schema: Schema) -> Result<Turns, Failed> {
    Ok(members(text, schema)?
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect())
}

/// What the document's `id` says beside the key, which is the id in 0.10.
fn id_note(key: &str, id: &str, notes: &mut Vec<String>) {
    match parse::parse_str(id) {
        Ok(Value::String(s)) if s.as_str() == key => {}
        Ok(Value::Number(n)) if n.as_int() == Some(key) => notes.push(
            "the integer id becomes the string id chatsky 0.10 stores (its ids are strings)".into(),
        ),
        _ => notes.push(
            "the document's id differs from its key: the key becomes the chatsky 0.10 id (Chatsky \
             finds a context by its key)"
                .into(),
        ),
    }
}

/// Labels as 0.10 objects: 0.7/0.8 arrays `[flow, node]` become `{flow_name, node_name}`.
fn labels(labels: Turns, schema: Schema) -> Result<Turns, Failed> {
    if schema >= Schema::V09 {
        return Ok(labels);
    }
    labels
        .into_iter()
        .map(|(number, text)| {
            let doc = parse::parse_str(&text).map_err(|e| internal(Schema::V010, e))?;
            match doc.as_array().map(Vec::as_slice) {
                Some([Value::String(flow), Value::String(node)]) => {
                    Ok((number, label_object(flow, node)))
                }
                _ => Err(internal(Schema::V010, format!("label {text}"))),
            }
        })
        .collect()
}

/// `{"flow_name":…,"node_name":…}`.
fn label_object(flow: &str, node: &str) -> String {
    let mut out = String::with_capacity(flow.len() + node.len() + 32);
    out.push_str("{\"flow_name\":");
    json::write_str(&mut out, flow);
    out.push_str(",\"node_name\":");
    json::write_str(&mut out, node);
    out.push('}');
    out
}

/// Give a context without a start label (`labels["0"]`) the one asked for. Without one: a note
/// when it has other labels (chatsky 0.10 goes on from its last label), a failure when it has
/// none, where chatsky 0.8 would start at its start label and 0.10 would go to its fallback.
fn start_label(
    labels: &mut Turns,
    schema: Schema,
    opts: &ToV010,
    notes: &mut Vec<String>,
) -> Result<(), Failed> {
    if labels.iter().any(|(k, _)| k == "0") {
        return Ok(());
    }
    let never = if schema <= Schema::V08 {
        format!("{} never stores one", release(schema))
    } else {
        "this context has none".to_string()
    };
    match opts.start_label {
        Some(label) => {
            labels.insert(0, ("0".into(), label_object(&label.flow, &label.node)));
            notes.push(format!(
                "start label labels[0] set to {label} (--start-label): {never}"
            ));
        }
        None if labels.is_empty() => {
            return Err(Failed::Carry(at(
                "labels",
                format!(
                    "no labels at all and no start label ({never}): chatsky 0.10 would send the \
                     next request to its fallback node, where {} starts at its start label; give \
                     it with --start-label FLOW:NODE",
                    if schema <= Schema::V08 {
                        release(schema)
                    } else {
                        "a legacy bot".to_string()
                    }
                ),
            )));
        }
        None => notes.push(format!(
            "no start label at labels[0] ({never}); --start-label FLOW:NODE sets one"
        )),
    }
    Ok(())
}

/// One Message of `schema` (canonical) as a chatsky 0.10 Message.
fn message(
    text: &str,
    schema: Schema,
    path: &str,
    notes: &mut Vec<String>,
) -> Result<String, Failed> {
    let members = members(text, Schema::V010)?;
    let mut out = String::with_capacity(text.len() + 16);
    out.push('{');
    let mut first = true;
    let mut push = |out: &mut String, key: &str, value: &str| {
        if !std::mem::take(&mut first) {
            out.push(',');
        }
        json::write_str(out, key);
        out.push(':');
        out.push_str(value);
    };
    let mut commands = None;
    for (key, value) in &members {
        let here = || format!("{path}.{key}");
        match key.as_str() {
            "origin" => return Err(Failed::Carry(at(&here(), "an extra field `origin`, which chatsky 0.10 reads as the message's origin {message, interface}"))),
            MARKER if schema == Schema::V07 => return Err(marker_clash(&here())),
            "original_message" if schema >= Schema::V08 => {
                push(&mut out, "origin", &origin(value, notes));
            }
            "commands" if schema == Schema::V07 => {
                commands = Some(*value).filter(|c| *c != "null");
            }
            "attachments" if schema == Schema::V07 => {
                push(&mut out, key, &files(value, &here(), notes)?);
            }
            "annotations" | "misc" if schema == Schema::V07 => {
                no_marker(value, &here())?;
                push(&mut out, key, value);
                if key == "misc" {
                    // 0.7 has no origin: it goes where 0.10 writes it, and `commands` with
                    // the extra fields after it.
                    push(&mut out, "origin", "null");
                    if let Some(c) = commands {
                        push(&mut out, "commands", c);
                        notes.push(
                            "dff 0.7 `commands` kept as an extra field `commands` of the message \
                             (chatsky 0.8 and later have no such field)"
                                .into(),
                        );
                    }
                }
            }
            _ => push(&mut out, key, value),
        }
    }
    out.push('}');
    Ok(out)
}

/// `original_message` (a pickle or null) as 0.10's `origin`.
fn origin(original: &str, notes: &mut Vec<String>) -> String {
    if original == "null" {
        return "null".into();
    }
    notes.push(
        "original_message carried as origin.message, with origin.interface null (legacy \
         messages do not record the interface)"
            .into(),
    );
    format!("{{\"message\":{original},\"interface\":null}}")
}

fn marker_clash(path: &str) -> Failed {
    Failed::Carry(at(
        path,
        format!(
            "`{MARKER}`, which chatsky 0.8 and later read as a list of pickled entries to \
             unpickle (dff 0.7 never pickles)"
        ),
    ))
}

/// A dff 0.7 Message's `annotations` or `misc` must not hold the pickle marker.
fn no_marker(text: &str, path: &str) -> Result<(), Failed> {
    if text == "null" {
        return Ok(());
    }
    match members(text, Schema::V010)?
        .iter()
        .any(|(k, _)| k == MARKER)
    {
        true => Err(marker_clash(&format!("{path}.{MARKER}"))),
        false => Ok(()),
    }
}

/// dff 0.7 attachments `{"files": [{source, id, title, …}], …}` as a 0.10 list. 0.7 stores no
/// type (its Image, Audio, Video and Document all write the same fields), so each file becomes a
/// `document`, the attachment for any file.
fn files(text: &str, path: &str, notes: &mut Vec<String>) -> Result<String, Failed> {
    if text == "null" {
        return Ok("null".into());
    }
    let doc = parse::parse_str(text).map_err(|e| internal(Schema::V010, e))?;
    let map = doc
        .as_object()
        .ok_or_else(|| internal(Schema::V010, text))?;
    let mut out = String::with_capacity(text.len() + 64);
    out.push('[');
    let files = map
        .get("files")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for (i, file) in files.iter().enumerate() {
        let Some(file) = file.as_object() else {
            return Err(internal(Schema::V010, text));
        };
        if file.contains_key("chatsky_attachment_type") {
            return Err(Failed::Carry(at(
                &format!("{path}.files.{i}.chatsky_attachment_type"),
                "an extra field that chatsky 0.10 reads as the attachment's type",
            )));
        }
        out.push_str(if i == 0 { "{" } else { ",{" });
        out.push_str("\"chatsky_attachment_type\":\"document\"");
        for (k, v) in file {
            out.push(',');
            json::write_str(&mut out, k);
            // The tree's Display is compact JSON as pydantic writes it.
            let _ = write!(out, ":{v}");
        }
        out.push('}');
    }
    out.push(']');
    if !files.is_empty() {
        notes.push(
            "dff 0.7 file attachments carry no type (image, audio, video and document alike): \
             written as chatsky 0.10 `document` attachments"
                .into(),
        );
    }
    for k in map.keys().filter(|k| k.as_str() != "files") {
        notes.push(format!(
            "dff 0.7 attachments field {k:?} dropped: chatsky 0.10 attachments are a list"
        ));
    }
    Ok(out)
}

/// dff 0.7's `validation` and `framework_states` have no place in 0.10: a note when they hold
/// anything (after a turn they are `false` and `{}`).
fn dropped_07(validation: &str, states: &str, notes: &mut Vec<String>) {
    if validation == "true" {
        notes.push("dff 0.7 `validation: true` dropped (chatsky 0.10 has no such field)".into());
    }
    if states != "{}" {
        notes.push(
            "dff 0.7 framework_states dropped: chatsky 0.10 has no such field (a dff turn that \
             did not finish leaves state there)"
                .into(),
        );
    }
}

/// The document form of the converted context (`v010::compose`'s shape), for
/// `v010::decompose` to read as chatsky 0.10 does.
fn document(key: &str, turns: &Dicts, misc: &str, framework_data: &str, now: u128) -> String {
    let size = [&turns.labels, &turns.requests, &turns.responses]
        .iter()
        .flat_map(|d| d.iter())
        .map(|(k, v)| k.len() + v.len() + 4)
        .sum::<usize>();
    let mut out = String::with_capacity(size + misc.len() + framework_data.len() + 256);
    let current = highest(
        [&turns.labels, &turns.requests, &turns.responses]
            .iter()
            .flat_map(|d| d.iter().map(|(k, _)| k.as_str())),
    )
    .unwrap_or("0");
    out.push_str("{\"id\":");
    json::write_str(&mut out, key);
    let _ = write!(
        out,
        ",\"current_turn_id\":{current},\"created_at\":{now},\"updated_at\":{now},\"misc\":{misc},\
         \"framework_data\":{framework_data}"
    );
    for (name, dict) in [
        ("labels", &turns.labels),
        ("requests", &turns.requests),
        ("responses", &turns.responses),
    ] {
        let _ = write!(out, ",\"{name}\":");
        write_object(&mut out, dict);
    }
    out.push('}');
    out
}
