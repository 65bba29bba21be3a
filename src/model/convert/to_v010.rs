//! A legacy context (dff 0.7, chatsky 0.8, 0.9) as a chatsky 0.10 one.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::super::tree::Value;
use super::super::v010::{self, Fields, TURNS};
use super::super::{
    canonicalize_sized, detect, is_context, json, no_context_field, parse, ExponentStyle,
    ModelError, Options, Schema,
};
use super::{at, highest, internal, members, release, step, Failed, ToV010};

/// The turns of one dict: `(turn number, value text)`, in order; borrowed from the source's
/// canonical text until changed.
type Turns<'t> = Vec<(Cow<'t, str>, Cow<'t, str>)>;

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
    let mut dicts: [Turns<'_>; 3] = [
        turn_members(field("labels"), schema)?,
        turn_members(field("requests"), schema)?,
        turn_members(field("responses"), schema)?,
    ];
    // 0.7/0.8 number turns from 0; so does a 0.8 context that 0.9 went on with (0.9 keeps the
    // numbering it finds, spec 2.8): 0.9's own requests start at 1.
    let zero = |t: &Turns<'_>| t.iter().any(|(k, _)| k == "0");
    if schema <= Schema::V08 || zero(&dicts[1]) || zero(&dicts[2]) {
        for dict in dicts.iter_mut() {
            for (number, _) in dict.iter_mut() {
                *number = Cow::Owned(step(number, true));
            }
        }
    }
    let [labels, requests, responses] = &mut dicts;
    if schema <= Schema::V08 {
        arrays_as_objects(labels)?;
    }
    start_label(labels, schema, opts, &mut notes)?;
    for (name, dict) in [("requests", requests), ("responses", responses)] {
        for (number, value) in dict.iter_mut() {
            let path = Path(name, number);
            *value = Cow::Owned(match schema {
                Schema::V07 => message_07(value, path, &mut notes)?,
                _ => message_08(value, path, &mut notes)?,
            });
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
    read_target(&dicts, field("misc"), framework_data, opts, notes)
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
        pickle_globals: opts.pickle_globals.clone(),
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

/// The converted context read value by value as chatsky 0.10 reads it (what
/// `v010::decompose` does for a whole document): the hash fields it writes, `current_turn_id`
/// the highest turn and the timestamps the migration time.
fn read_target(
    dicts: &[Turns<'_>; 3],
    misc: &str,
    framework_data: &str,
    opts: &ToV010,
    mut notes: Vec<String>,
) -> Result<Fields, Failed> {
    let target = Options {
        schema: Schema::V010,
        exponent: ExponentStyle::Auto,
        allow_unsafe_pickles: opts.allow_unsafe_pickles,
        pickle_globals: opts.pickle_globals.clone(),
    };
    let mut read = |path: &[&str], text: &str| {
        v010::read_noted(path, text, &target)
            .map(|(canonical, mut more)| {
                notes.append(&mut more);
                canonical
            })
            .map_err(|err| Failed::Target {
                schema: Schema::V010,
                err,
            })
    };
    let current = highest(dicts.iter().flat_map(|d| d.iter().map(|(k, _)| k.as_ref())));
    let now = opts.now.to_string();
    let mut fields = Fields {
        main: vec![
            ("current_turn_id", current.unwrap_or("0").to_string()),
            ("created_at", now.clone()),
            ("updated_at", now),
            ("misc", read(&["misc"], misc)?),
            ("framework_data", read(&["framework_data"], framework_data)?),
        ],
        ..Fields::default()
    };
    for (i, dict) in dicts.iter().enumerate() {
        fields.turns[i].reserve(dict.len());
        for (number, value) in dict {
            let canonical = read(&[TURNS[i], number], value)?;
            fields.turns[i].push((number.to_string(), canonical));
        }
    }
    fields.notes = notes;
    Ok(fields)
}

fn turn_members(text: &str, schema: Schema) -> Result<Turns<'_>, Failed> {
    Ok(members(text, schema)?
        .into_iter()
        .map(|(k, v)| (k, Cow::Borrowed(v)))
        .collect())
}

/// 0.7/0.8 labels `[flow, node]` as 0.10's `{flow_name, node_name}`.
fn arrays_as_objects(labels: &mut Turns<'_>) -> Result<(), Failed> {
    for (_, text) in labels.iter_mut() {
        let object = {
            let doc = parse::parse_str(text).map_err(|e| internal(Schema::V010, e))?;
            match doc.as_array().map(Vec::as_slice) {
                Some([Value::String(flow), Value::String(node)]) => label_object(flow, node),
                _ => return Err(internal(Schema::V010, format!("label {text}"))),
            }
        };
        *text = Cow::Owned(object);
    }
    Ok(())
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
    labels: &mut Turns<'_>,
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
            let object = label_object(&label.flow, &label.node);
            labels.insert(0, (Cow::Borrowed("0"), Cow::Owned(object)));
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

/// Where a Message is (`requests`, `3`), spelt out only for an error.
#[derive(Clone, Copy)]
struct Path<'p>(&'p str, &'p str);

impl Path<'_> {
    fn to(self, key: &str) -> String {
        format!("{}.{}.{key}", self.0, self.1)
    }
}

/// An extra field that chatsky 0.10 would read as its Message's origin.
fn origin_clash(path: Path<'_>) -> Failed {
    Failed::Carry(at(
        &path.to("origin"),
        "an extra field `origin`, which chatsky 0.10 reads as the message's origin {message, \
         interface}",
    ))
}

/// A chatsky 0.8/0.9 Message (canonical) as a 0.10 one: `original_message`, which comes right
/// after `misc`, becomes `origin`, and everything else stays as it is, byte for byte.
fn message_08(text: &str, path: Path<'_>, notes: &mut Vec<String>) -> Result<String, Failed> {
    const KEY: &str = "\"original_message\":";
    // Most Messages have no extra field and no raw update: they end with that member, and as
    // the last `}` closes the Message, the member before it is one of its own (a nested one
    // would end in `}}`; a string cannot hold an unescaped `"`).
    const NULL_LAST: &str = ",\"original_message\":null}";
    if let Some(head) = text.strip_suffix(NULL_LAST) {
        let mut out = String::with_capacity(head.len() + 16);
        out.push_str(head);
        out.push_str(",\"origin\":null}");
        return Ok(out);
    }
    let members = parse::parse_members(text, |_| false).map_err(|e| internal(Schema::V010, e))?;
    let mut original = None;
    for m in &members {
        match m.key.as_str() {
            "origin" => return Err(origin_clash(path)),
            "original_message" => original = Some(m.text),
            _ => {}
        }
    }
    // The value is a slice of `text`: its place there, and the key just before it (canonical
    // JSON has no space between them).
    let place = original.map(|v| (v.as_ptr() as usize - text.as_ptr() as usize, v));
    let Some((start, value)) = place.filter(|(start, _)| text[..*start].ends_with(KEY)) else {
        return Err(internal(
            Schema::V010,
            format!("a message without original_message: {text}"),
        ));
    };
    let mut out = String::with_capacity(text.len() + 32);
    out.push_str(&text[..start - KEY.len()]);
    out.push_str("\"origin\":");
    out.push_str(&origin(value, notes));
    out.push_str(&text[start + value.len()..]);
    Ok(out)
}

/// A dff 0.7 Message (canonical) as a 0.10 one: its `{"files": …}` attachments as a list,
/// `origin` null, `commands` (when set) an extra field.
fn message_07(text: &str, path: Path<'_>, notes: &mut Vec<String>) -> Result<String, Failed> {
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
        match key.as_ref() {
            "origin" => return Err(origin_clash(path)),
            MARKER => return Err(marker_clash(&path.to(key))),
            "commands" => commands = Some(*value).filter(|c| *c != "null"),
            "attachments" => push(&mut out, key, &files(value, &path.to(key), notes)?),
            "annotations" | "misc" => {
                no_marker(value, &path.to(key))?;
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
