//! A chatsky 0.10 context as a legacy one (chatsky 0.9, or 0.8 with its own shapes).

use std::fmt::Write as _;

use super::super::coerce::python_int;
use super::super::tree::{Map, Value};
use super::super::v010::{self, Fields, Form, Stored, MAIN, TURNS};
use super::super::{
    canonicalize_sized, json, parse, Canonical, ExponentStyle, ModelError, Options, Schema,
};
use super::{at, cmp_int, highest, internal, members, step, write_object, Failed, ToLegacy};

/// chatsky 0.8's pickle of `None`, which it writes for a slot value that is `None`.
const PICKLED_NONE: &str = "gAROLg==\n";

/// Convert the chatsky 0.10 context `id`, given in `form` (its document form, or its hashes),
/// into the document the target legacy version would store for it, with notes on what could not
/// be carried.
pub fn v010_to_legacy(
    id: &str,
    text: &str,
    form: Form,
    opts: &ToLegacy<'_>,
) -> Result<Canonical, Failed> {
    let notes = extra_main_fields(text, form)?;
    let given = v010::fields(text, form).map_err(source)?;
    from_given(id, given, notes, opts)
}

/// [`v010_to_legacy`] of a context as its hashes hold it in Redis.
pub fn v010_stored_to_legacy(
    id: &str,
    stored: &Stored,
    opts: &ToLegacy<'_>,
) -> Result<Canonical, Failed> {
    let (given, notes) = given_of_stored(stored)?;
    from_given(id, given, notes, opts)
}

fn source(err: ModelError) -> Failed {
    Failed::Source {
        schema: Some(Schema::V010),
        err,
    }
}

/// The hash fields as stored, as text: every main field there, all UTF-8 (what chatsky 0.10
/// needs to read them at all); main fields beyond Chatsky's five are noted, as 0.10 never reads
/// them.
fn given_of_stored(stored: &Stored) -> Result<(Fields, Vec<String>), Failed> {
    let text = |bytes: &[u8], path: String| {
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| source(at(&path, "not UTF-8: chatsky 0.10 cannot decode it")))
    };
    let mut given = Fields::default();
    for field in MAIN {
        let value = stored.main_field(field).ok_or_else(|| {
            source(at(
                field,
                "missing: the main hash has no such field, and chatsky 0.10 raises \
                 ValidationError",
            ))
        })?;
        given.main.push((field, text(value, field.to_string())?));
    }
    let extra = stored
        .main
        .iter()
        .map(|(f, _)| String::from_utf8_lossy(f))
        .filter(|f| !MAIN.contains(&f.as_ref()));
    let notes = extra.map(|f| extra_main_note(&f)).collect();
    for (i, hash) in stored.turns.iter().enumerate() {
        for (number, value) in hash {
            let number = text(number, TURNS[i].to_string())?;
            let value = text(value, format!("{}.{number}", TURNS[i]))?;
            given.turns[i].push((number, value));
        }
    }
    Ok((given, notes))
}

fn extra_main_note(field: &str) -> String {
    format!(
        "main hash field {field:?} not carried: chatsky 0.10 never reads it, and a legacy \
         context has no place for it"
    )
}

/// The given hash fields read value by value as chatsky 0.10 reads them (what
/// `v010::decompose` does): what it writes for each, with canonical turn numbers.
fn read_source(
    given: Fields,
    opts: &ToLegacy<'_>,
    notes: &mut Vec<String>,
) -> Result<Fields, Failed> {
    let options = Options {
        schema: Schema::V010,
        exponent: ExponentStyle::Auto,
        allow_unsafe_pickles: opts.allow_unsafe_pickles,
        pickle_globals: opts.pickle_globals.clone(),
    };
    let mut read = |path: &[&str], text: &str| {
        v010::read_noted(path, text, &options)
            .map(|(canonical, mut more)| {
                notes.append(&mut more);
                canonical
            })
            .map_err(source)
    };
    let mut fields = Fields::default();
    for (field, value) in &given.main {
        fields.main.push((field, read(&[field], value)?));
    }
    for (i, dict) in given.turns.iter().enumerate() {
        for (number, value) in dict {
            let canon = python_int(number).ok_or_else(|| {
                source(at(
                    &format!("{}.{number}", TURNS[i]),
                    "turn numbers are integers: chatsky 0.10's int() raises ValueError",
                ))
            })?;
            let canonical = read(&[TURNS[i], number], value)?;
            // A number given twice (`1`, `01`) is one turn: the last wins, as in a Python dict.
            fields.turns[i].retain(|(n, _)| *n != canon);
            fields.turns[i].push((canon, canonical));
        }
    }
    Ok(fields)
}

fn from_given(
    id: &str,
    given: Fields,
    mut notes: Vec<String>,
    opts: &ToLegacy<'_>,
) -> Result<Canonical, Failed> {
    let fields = read_source(given, opts, &mut notes)?;
    let main = |name: &str| {
        fields
            .main
            .iter()
            .find(|(f, _)| *f == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let [mut labels, mut requests, mut responses] = fields.turns.clone();
    for dict in [&mut labels, &mut requests, &mut responses] {
        dict.sort_by(|a, b| cmp_int(&a.0, &b.0));
    }
    turn_notes(
        main("current_turn_id"),
        [&labels, &requests, &responses],
        &mut notes,
    );
    let v08 = opts.schema == Schema::V08;
    if v08 {
        labels = labels_08(labels, &mut notes)?;
        for dict in [&mut requests, &mut responses] {
            for (number, _) in dict.iter_mut() {
                *number = step(number, false);
            }
        }
    }
    for (name, dict) in [("requests", &mut requests), ("responses", &mut responses)] {
        for (number, value) in dict.iter_mut() {
            *value = message(value, &format!("{name}.{number}"), opts.schema, &mut notes)?;
        }
    }
    let framework_data = match v08 {
        true => pickled_none_slots(main("framework_data"))?,
        false => main("framework_data").to_string(),
    };
    let size: usize = [&labels, &requests, &responses]
        .iter()
        .flat_map(|d| d.iter().map(|(k, v)| k.len() + v.len() + 4))
        .sum();
    let mut doc = String::with_capacity(size + framework_data.len() + 256);
    doc.push_str("{\"id\":");
    json::write_str(&mut doc, id);
    for (name, dict) in [
        ("labels", &labels),
        ("requests", &requests),
        ("responses", &responses),
    ] {
        let _ = write!(doc, ",\"{name}\":");
        write_object(&mut doc, dict);
    }
    let _ = write!(
        doc,
        ",\"misc\":{},\"framework_data\":{framework_data}}}",
        main("misc")
    );
    read_target(&doc, opts, notes)
}

/// The converted document read as the target version reads it: the bytes it writes.
fn read_target(doc: &str, opts: &ToLegacy<'_>, notes: Vec<String>) -> Result<Canonical, Failed> {
    let parsed = parse::parse_str(doc).map_err(|e| internal(opts.schema, e))?;
    let target = Options {
        schema: opts.schema,
        exponent: ExponentStyle::Auto,
        allow_unsafe_pickles: opts.allow_unsafe_pickles,
        pickle_globals: opts.pickle_globals.clone(),
    };
    let mut canonical =
        canonicalize_sized(&parsed, &target, doc.len()).map_err(|err| Failed::Target {
            schema: opts.schema,
            err,
        })?;
    let mut all = notes;
    all.append(&mut canonical.notes);
    canonical.notes = all;
    Ok(canonical)
}

/// Fields of a main hash given as hashes beyond Chatsky's five: chatsky 0.10 never reads them,
/// and they have no legacy home either (a document form cannot hold any).
fn extra_main_fields(text: &str, form: Form) -> Result<Vec<String>, Failed> {
    if form != Form::Hashes {
        return Ok(Vec::new());
    }
    let top = parse::parse_members(text, |_| false).map_err(|e| Failed::Source {
        schema: Some(Schema::V010),
        err: at("", format!("not a JSON object: {e}")),
    })?;
    let Some(main) = top.iter().rev().find(|m| m.key == "main") else {
        return Ok(Vec::new());
    };
    let keys = parse::parse_members(main.text, |_| false)
        .map(|ms| {
            ms.into_iter()
                .map(|m| m.key.to_string())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    Ok(keys
        .into_iter()
        .filter(|k| !MAIN.contains(&k.as_str()))
        .map(|k| extra_main_note(&k))
        .collect())
}

/// What the legacy layout cannot hold of the main hash: the timestamps, and `current_turn_id`
/// when it is not the highest turn (legacy versions go on from the highest).
fn turn_notes(current: &str, dicts: [&Vec<(String, String)>; 3], notes: &mut Vec<String>) {
    notes.push("created_at and updated_at not carried: legacy contexts have no timestamps".into());
    let turns = dicts.iter().flat_map(|d| d.iter().map(|(k, _)| k.as_str()));
    if highest(turns).unwrap_or("0") != current {
        notes.push(
            "current_turn_id not carried: it is not the highest turn, and legacy contexts go on \
             from the highest"
                .into(),
        );
    }
}

/// 0.10 labels as chatsky 0.8 stores them: `[flow, node]` arrays, numbered from 0 with no start
/// label (0.10's `labels["0"]` is dropped, with a note).
fn labels_08(
    labels: Vec<(String, String)>,
    notes: &mut Vec<String>,
) -> Result<Vec<(String, String)>, Failed> {
    let mut out = Vec::with_capacity(labels.len());
    for (number, text) in labels {
        let doc = parse::parse_str(&text).map_err(|e| internal(Schema::V08, e))?;
        let (Some(flow), Some(node)) = (doc["flow_name"].as_str(), doc["node_name"].as_str())
        else {
            return Err(internal(Schema::V08, format!("label {text}")));
        };
        if number == "0" {
            notes.push(format!(
                "start label {flow}:{node} (labels[0]) not carried: chatsky 0.8 stores none and \
                 starts from its pipeline's start label"
            ));
            continue;
        }
        let mut array = String::with_capacity(text.len());
        array.push('[');
        json::write_str(&mut array, flow);
        array.push(',');
        json::write_str(&mut array, node);
        array.push(']');
        out.push((step(&number, false), array));
    }
    Ok(out)
}

/// A 0.10 Message (canonical) as a legacy one: `origin.message` becomes `original_message`.
fn message(
    text: &str,
    path: &str,
    schema: Schema,
    notes: &mut Vec<String>,
) -> Result<String, Failed> {
    let mut entries = Vec::new();
    for (key, value) in members(text, schema)? {
        match key.as_ref() {
            "origin" => entries.push(("original_message".to_string(), original(value, notes)?)),
            "original_message" => {
                return Err(Failed::Carry(at(
                    &format!("{path}.original_message"),
                    format!(
                        "an extra field `original_message`, which chatsky {schema} reads as the \
                         pickled raw update (origin.message)"
                    ),
                )))
            }
            _ => entries.push((key.into_owned(), value.to_string())),
        }
    }
    let mut out = String::with_capacity(text.len() + 16);
    write_object(&mut out, &entries);
    Ok(out)
}

/// 0.10's `origin` (`null` or `{"message", "interface"}`) as `original_message`.
fn original(origin: &str, notes: &mut Vec<String>) -> Result<String, Failed> {
    if origin == "null" {
        return Ok("null".into());
    }
    let doc = parse::parse_str(origin).map_err(|e| internal(Schema::V09, e))?;
    if let Some(interface) = doc["interface"].as_str() {
        notes.push(format!(
            "origin.interface {interface:?} not carried: legacy messages do not record the \
             interface"
        ));
    }
    Ok(doc["message"].to_string())
}

/// `framework_data` (canonical, as 0.9 and 0.10 write it) with every `None` slot value pickled,
/// as chatsky 0.8 writes them (it cannot read `null` there).
fn pickled_none_slots(text: &str) -> Result<String, Failed> {
    let doc = parse::parse_str(text).map_err(|e| internal(Schema::V08, e))?;
    let storage = doc.pointer("/slot_manager/slot_storage");
    let Some(storage) = storage.and_then(Value::as_object) else {
        return Err(internal(Schema::V08, "framework_data without slot_storage"));
    };
    let mut out = String::with_capacity(text.len() + 64);
    let _ = write!(
        out,
        "{{\"stats\":{},\"slot_manager\":{{\"slot_storage\":",
        doc["stats"]
    );
    slot_group(&mut out, storage);
    out.push_str("}}");
    Ok(out)
}

/// A group of slots: value slots (whose `is_slot_extracted` is a boolean) and groups.
fn slot_group(out: &mut String, group: &Map<'_>) {
    out.push('{');
    for (i, (name, entry)) in group.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_str(out, name);
        out.push(':');
        match entry.as_object() {
            Some(slot)
                if slot
                    .get("is_slot_extracted")
                    .and_then(Value::as_bool)
                    .is_some() =>
            {
                value_slot(out, slot);
            }
            Some(inner) => slot_group(out, inner),
            None => {
                let _ = write!(out, "{entry}");
            }
        }
    }
    out.push('}');
}

fn value_slot(out: &mut String, slot: &Map<'_>) {
    out.push('{');
    for (i, (k, v)) in slot.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_str(out, k);
        out.push(':');
        match (k.as_str(), v) {
            ("extracted_value" | "default_value", Value::Null) => {
                json::write_str(out, PICKLED_NONE);
            }
            _ => {
                let _ = write!(out, "{v}");
            }
        }
    }
    out.push('}');
}
