//! Messages: dff 0.7's `Message` and chatsky 0.8/0.9's `Message` with its JSON-pickle dicts
//! (spec 2.3–2.5, 2.2).

use super::tree::{Map, Value};

use super::attach;
use super::pickled;
use super::writer::{room, Res, Writer};
use super::Schema;

/// Declared fields of the 0.8/0.9 Message, in written order.
const FIELDS: &[&str] = &[
    "text",
    "attachments",
    "annotations",
    "misc",
    "original_message",
];
/// Declared fields of the 0.10 Message, in written order.
const FIELDS_010: &[&str] = &["text", "attachments", "annotations", "misc", "origin"];
/// Declared fields of the dff 0.7 Message, in written order.
const FIELDS_07: &[&str] = &["text", "commands", "attachments", "annotations", "misc"];
/// The key under which JSON-pickle dicts list their pickled entries.
pub(crate) const MARKER: &str = "__pickled_extra_fields__";

/// Validate and write one Message of the writer's schema.
pub(crate) fn message<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    if w.schema() == Schema::V07 {
        return message07(w, v);
    }
    let map = match v {
        Value::Object(map) => map,
        Value::String(text) if w.schema() >= Schema::V09 => return bare_text(w, text),
        other => return Err(w.expected("a Message object", Some(other))),
    };
    w.raw("{\"text\":");
    opt_str(w, map, "text")?;
    w.raw(",\"attachments\":");
    field(w, map, "attachments", attach::attachments)?;
    w.raw(",\"annotations\":");
    field(w, map, "annotations", pickle_dict)?;
    w.raw(",\"misc\":");
    field(w, map, "misc", pickle_dict)?;
    if w.schema() == Schema::V010 {
        w.raw(",\"origin\":");
        field(w, map, "origin", origin)?;
        pickle_entries(w, map, FIELDS_010, false, room::MESSAGE)?;
    } else {
        w.raw(",\"original_message\":");
        field(w, map, "original_message", original_message)?;
        pickle_entries(w, map, FIELDS, false, room::MESSAGE)?;
    }
    w.raw("}");
    Ok(())
}

/// 0.9 and 0.10 accept a bare string as a Message with that text.
fn bare_text(w: &mut Writer<'_>, text: &str) -> Res {
    let schema = w.schema();
    w.note_once("bare-message", || {
        format!("a Message given as a bare string became {{\"text\": …}} (as chatsky {schema} reads it)")
    });
    w.raw("{\"text\":");
    w.str(text);
    w.raw(if schema == Schema::V010 {
        ",\"attachments\":null,\"annotations\":null,\"misc\":null,\"origin\":null}"
    } else {
        ",\"attachments\":null,\"annotations\":null,\"misc\":null,\"original_message\":null}"
    });
    Ok(())
}

/// Write an optional field through `write_present`, or `null` when missing or null.
pub(crate) fn field<'a>(
    w: &mut Writer<'a>,
    map: &'a Map<'a>,
    key: &'a str,
    write_present: fn(&mut Writer<'a>, &'a Value<'a>) -> Res,
) -> Res {
    match map.get(key) {
        None | Some(Value::Null) => {
            w.raw("null");
            Ok(())
        }
        Some(v) => {
            w.push(key);
            write_present(w, v)?;
            w.pop();
            Ok(())
        }
    }
}

/// An `Optional[str]` field.
pub(crate) fn opt_str<'a>(w: &mut Writer<'a>, map: &'a Map<'a>, key: &'a str) -> Res {
    field(w, map, key, |w, v| match v {
        Value::String(s) => {
            w.str(s);
            Ok(())
        }
        other => Err(w.expected("a string or null", Some(other))),
    })
}

/// `misc`/`annotations` of a 0.8/0.9 Message: an object whose pickled entries are restored.
fn pickle_dict<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        let raw = if w.schema() == Schema::V08 {
            " (chatsky 0.8 raises AttributeError)"
        } else {
            ""
        };
        return Err(w.expected(&format!("an object or null{raw}"), Some(v)));
    };
    w.raw("{");
    pickle_entries(w, map, &[], true, room::MESSAGE_DICT)?;
    w.raw("}");
    Ok(())
}

/// `original_message`: a pickle; a pickled `None` is written back as `null`.
fn original_message<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::String(b64) = v else {
        return Err(w.fatal(format!(
            "expected a base64 pickle string, found {} (Chatsky raises AttributeError)",
            super::writer::describe(v)
        )));
    };
    let found = pickled::check(w, b64)?;
    if pickled::is_none(&found) {
        w.raw("null");
    } else {
        pickled::write_b64(w, b64);
    }
    Ok(())
}

/// Write the entries of a JSON-pickle dict that are not in `declared`: entries listed in
/// `__pickled_extra_fields__` are unpickled, and the list is recomputed from what stays a
/// pickle. Returns whether anything was written. `first`: nothing written yet in this object;
/// `room`: how deep each other value may nest (see `writer::room`).
pub(crate) fn pickle_entries<'a>(
    w: &mut Writer<'a>,
    map: &'a Map<'a>,
    declared: &[&str],
    mut first: bool,
    room: usize,
) -> Res<bool> {
    let listed = listed_pickles(w, map, declared)?;
    let mut kept: Vec<&str> = Vec::new();
    for (k, v) in map {
        if declared.contains(&k.as_str()) || k == MARKER {
            continue;
        }
        w.key(k, first);
        first = false;
        w.push(k);
        if listed.contains(&k.as_str()) {
            if !restore_pickled(w, v)? {
                kept.push(k);
            }
        } else {
            w.any(v, room);
        }
        w.pop();
    }
    if !kept.is_empty() {
        w.key(MARKER, first);
        first = false;
        w.raw("[");
        for (i, k) in kept.iter().enumerate() {
            if i > 0 {
                w.raw(",");
            }
            w.str(k);
        }
        w.raw("]");
    }
    Ok(!first)
}

/// The names listed in `__pickled_extra_fields__`, checked the way Chatsky's reader uses them.
fn listed_pickles<'a>(
    w: &mut Writer<'a>,
    map: &'a Map<'a>,
    declared: &[&str],
) -> Res<Vec<&'a str>> {
    let Some(marker) = map.get(MARKER) else {
        return Ok(Vec::new());
    };
    w.push(MARKER);
    let Value::Array(names) = marker else {
        return Err(w.fatal(format!(
            "expected a list of key names, found {}",
            super::writer::describe(marker)
        )));
    };
    let mut listed = Vec::with_capacity(names.len());
    for name in names {
        let present = name
            .as_str()
            .filter(|n| map.contains_key(n) && !declared.contains(n) && *n != MARKER);
        match present {
            Some(n) => listed.push(n),
            None => {
                return Err(w.fatal(format!(
                    "lists {}, which is not a key of this object (Chatsky raises KeyError)",
                    super::writer::describe(name)
                )))
            }
        }
    }
    w.pop();
    Ok(listed)
}

/// 0.10 `origin`: `{"message": <pickle>|null, "interface": str|null}`; other keys are dropped
/// (`Origin` is a plain model). A pickled `None` is written back as `null`.
fn origin<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("an object {\"message\", \"interface\"} or null", Some(v)));
    };
    w.raw("{\"message\":");
    field(w, map, "message", original_message)?;
    w.raw(",\"interface\":");
    opt_str(w, map, "interface")?;
    w.raw("}");
    if map.keys().any(|k| k != "message" && k != "interface") {
        w.note_once("origin-extra", || {
            "extra keys in a Message's origin dropped (chatsky 0.10 ignores them)".into()
        });
    }
    Ok(())
}

/// An entry listed as pickled: write what Chatsky writes after unpickling it. Returns whether
/// it was written as plain JSON (false: it stays a pickle).
fn restore_pickled<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res<bool> {
    let Value::String(b64) = v else {
        return Err(w.fatal(format!(
            "listed in {MARKER} but is {}, not a base64 pickle string (Chatsky raises AttributeError)",
            super::writer::describe(v)
        )));
    };
    let found = pickled::check(w, b64)?;
    match found.simple.as_ref().map(|v| (v, pickled::shape(v))) {
        Some((simple, pickled::Shape::Json)) => {
            pickled::write_json(w, simple);
            let path = w.path_string();
            w.note(format!(
                "pickled {simple} at {path} written as plain JSON (Chatsky only pickles what JSON cannot hold)"
            ));
            Ok(true)
        }
        Some((_, pickled::Shape::Unwritable)) => {
            w.cannot_write_back(|| {
                "holds bytes that are not UTF-8 inside a container: Chatsky reads it but its \
                 next write fails (UnicodeDecodeError)"
                    .into()
            });
            Ok(true)
        }
        _ => {
            pickled::write_b64(w, b64);
            Ok(false)
        }
    }
}

/// dff 0.7's Message: no pickling; `commands` and `attachments.files`.
fn message07<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("a Message object", Some(v)));
    };
    w.raw("{\"text\":");
    opt_str(w, map, "text")?;
    w.raw(",\"commands\":");
    field(w, map, "commands", commands07)?;
    w.raw(",\"attachments\":");
    field(w, map, "attachments", attach::attachments07)?;
    w.raw(",\"annotations\":");
    field(w, map, "annotations", any_object::<{ room::MESSAGE }>)?;
    w.raw(",\"misc\":");
    field(w, map, "misc", any_object::<{ room::MESSAGE }>)?;
    plain_extras(w, map, FIELDS_07, false, room::MESSAGE);
    w.raw("}");
    Ok(())
}

/// A free-form object (`dict` or a DataModel without declared fields) whose values may nest
/// `ROOM` levels (see `writer::room`).
pub(crate) fn any_object<'a, const ROOM: usize>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    match v {
        Value::Object(map) => {
            w.any_map(map, ROOM);
            Ok(())
        }
        other => Err(w.expected("an object", Some(other))),
    }
}

fn commands07<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Array(items) = v else {
        return Err(w.expected("a list of command objects or null", Some(v)));
    };
    w.list(items, any_object::<{ room::MESSAGE_PART_07 }>)
}

/// Extra keys of a dff 0.7 model, written as plain JSON after the declared fields; each value
/// may nest `room` levels.
pub(crate) fn plain_extras<'a>(
    w: &mut Writer<'a>,
    map: &'a Map<'a>,
    declared: &[&str],
    mut first: bool,
    room: usize,
) {
    for (k, v) in map {
        if declared.contains(&k.as_str()) {
            continue;
        }
        w.key(k, first);
        first = false;
        w.push(k);
        w.any(v, room);
        w.pop();
    }
}
