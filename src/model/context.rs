//! The top level of a Context document: field order and defaults per version, `id`, the
//! int-keyed turn dicts, labels and `framework_data` with its slot tree (spec 2.3–2.5, 2.8).

use std::cmp::Ordering;

use super::tree::{Map, Value};

use super::coerce::{int_from_str, lax_bool, lax_int, truthy};
use super::message::{self, any_object};
use super::pickled;
use super::writer::{describe, room, Fail, Res, Writer};
use super::{Canonical, ModelError, Options, Schema};

const FIELDS_07: &[&str] = &[
    "id",
    "labels",
    "requests",
    "responses",
    "misc",
    "validation",
    "framework_states",
];
const FIELDS: &[&str] = &[
    "id",
    "labels",
    "requests",
    "responses",
    "misc",
    "framework_data",
];
/// Whether `key` is a top-level field of some legacy version's Context.
pub(crate) fn is_context_key(key: &str) -> bool {
    FIELDS.contains(&key) || FIELDS_07.contains(&key)
}

/// Whether `key` marks a document as a Context: a top-level field of some legacy version's
/// Context other than `misc`, which a Message has too (so a Message is not taken for a Context).
pub(crate) fn marks_context(key: &str) -> bool {
    key != "misc" && is_context_key(key)
}

/// The top-level keys of `map` that are not fields of `schema`'s Context: Chatsky drops them on
/// read, so they are never stored in canonical form.
pub fn unknown_fields<'m>(map: &'m Map<'_>, schema: Schema) -> Vec<&'m str> {
    let fields = if schema == Schema::V07 {
        FIELDS_07
    } else {
        FIELDS
    };
    map.keys()
        .map(|k| k.as_str())
        .filter(|k| !fields.contains(k))
        .collect()
}

/// The pickle of `None` that chatsky 0.8 writes for a missing `default_value`.
const PICKLED_NONE: &str = "gAROLg==\n";

/// Validate `doc` as the target version reads it and return the bytes that version's
/// `model_dump_json()` would store.
///
/// 0.7/0.8 read a falsy JSON value (`null`, `0`, `""`, `[]`, …) as a new empty context, as
/// their `Context.cast` does; everything else that is not an object is rejected.
pub fn canonicalize(doc: &Value, opts: &Options) -> Result<Canonical, ModelError> {
    canonicalize_sized(doc, opts, 4096)
}

/// [`canonicalize`] for a document whose input was `size` bytes: the output is allocated once at
/// about that size, instead of growing by doubling (which for a large document holds up to three
/// times its size while the last copy is made).
pub fn canonicalize_sized(
    doc: &Value,
    opts: &Options,
    size: usize,
) -> Result<Canonical, ModelError> {
    let (json, notes) = run(doc, opts, true, size)?;
    Ok(Canonical {
        json,
        schema: opts.schema,
        notes,
    })
}

/// [`canonicalize`] without producing the bytes: the same verdict and notes, for callers that
/// store the document as given (about a third cheaper).
pub fn validate(doc: &Value, opts: &Options) -> Result<Vec<String>, ModelError> {
    run(doc, opts, false, 0).map(|(_, notes)| notes)
}

fn run(
    doc: &Value,
    opts: &Options,
    emit: bool,
    size: usize,
) -> Result<(String, Vec<String>), ModelError> {
    static EMPTY: Map<'static> = Map {
        entries: Vec::new(),
    };
    let mut w = Writer::new(opts, size, emit);
    let map = match doc {
        Value::Object(map) => map,
        v if opts.schema != Schema::V09 && !truthy(Some(v)) => {
            w.note(format!(
                "falsy JSON value {}: dff/chatsky {} starts a new empty context",
                describe(v),
                opts.schema
            ));
            &EMPTY
        }
        v => return Err(w.expected("a JSON object (a Context)", Some(v)).err),
    };
    context(&mut w, map).map_err(|f: Fail| f.err)?;
    match w.unwritable {
        Some(err) => Err(err),
        None => Ok((w.out, w.notes)),
    }
}

fn context<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res {
    let v07 = w.schema() == Schema::V07;
    w.raw("{\"id\":");
    id(w, map.get("id"))?;
    w.raw(",\"labels\":");
    turn_dict(w, map, "labels", label)?;
    w.raw(",\"requests\":");
    turn_dict(w, map, "requests", message::message)?;
    w.raw(",\"responses\":");
    turn_dict(w, map, "responses", message::message)?;
    w.raw(",\"misc\":");
    object_or_default(w, map, "misc", any_object::<{ room::CONTEXT }>)?;
    if v07 {
        w.raw(",\"validation\":");
        validation(w, map.get("validation"))?;
        w.raw(",\"framework_states\":");
        object_or_default(w, map, "framework_states", framework_states)?;
    } else {
        w.raw(",\"framework_data\":");
        framework_data(w, map.get("framework_data"))?;
    }
    w.raw("}");
    let fields = if v07 { FIELDS_07 } else { FIELDS };
    for k in map.keys().filter(|k| !fields.contains(&k.as_str())) {
        w.note(format!(
            "unknown top-level key {k:?} dropped (Chatsky ignores it)"
        ));
    }
    Ok(())
}

/// `id: Union[UUID, int, str]`, default a random uuid4.
fn id<'a>(w: &mut Writer<'a>, v: Option<&'a Value<'a>>) -> Res {
    w.push("id");
    match v {
        None => {
            let fresh = uuid::Uuid::new_v4().to_string();
            w.note(format!(
                "missing id: generated random id {fresh} (Chatsky does this on every read)"
            ));
            w.str(&fresh);
        }
        Some(Value::String(s)) => w.str(s),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => {
            let (int, coerced) = lax_int(v)
                .ok_or_else(|| w.expected("an integer, a string or a UUID string", Some(v)))?;
            if coerced {
                w.note(format!("id {} written as {int}", describe(v)));
            }
            w.raw(&int);
        }
        Some(other) => return Err(w.expected("an integer, a string or a UUID string", Some(other))),
    }
    w.pop();
    Ok(())
}

/// An optional object field with default `{}`.
fn object_or_default<'a>(
    w: &mut Writer<'a>,
    map: &'a Map<'a>,
    key: &'a str,
    write: fn(&mut Writer<'a>, &'a Value<'a>) -> Res,
) -> Res {
    match map.get(key) {
        None => {
            w.raw("{}");
            Ok(())
        }
        Some(v) => {
            w.push(key);
            write(w, v)?;
            w.pop();
            Ok(())
        }
    }
}

/// A `Dict[int, X]` field: keys canonicalised; 0.7/0.8 re-sort them numerically.
fn turn_dict<'a>(
    w: &mut Writer<'a>,
    map: &'a Map<'a>,
    key: &'a str,
    write: fn(&mut Writer<'a>, &'a Value<'a>) -> Res,
) -> Res {
    let Some(v) = map.get(key) else {
        w.raw("{}");
        return Ok(());
    };
    w.push(key);
    let Value::Object(turns) = v else {
        return Err(w.expected("an object keyed by turn numbers", Some(v)));
    };
    let entries = canonical_keys(w, turns)?;
    w.raw("{");
    for (i, (canon, orig, value)) in entries.iter().enumerate() {
        w.key(canon, i == 0);
        w.push(orig);
        write(w, value)?;
        w.pop();
    }
    w.raw("}");
    w.pop();
    Ok(())
}

type Entry<'a> = (std::borrow::Cow<'a, str>, &'a str, &'a Value<'a>);

/// Keys parsed as ints like pydantic does; a key that becomes equal to an earlier one replaces
/// its value in place (Python dict semantics).
fn canonical_keys<'a>(w: &mut Writer<'a>, turns: &'a Map<'a>) -> Res<Vec<Entry<'a>>> {
    use std::borrow::Cow;
    let mut entries: Vec<Entry<'a>> = Vec::with_capacity(turns.len());
    let mut rewritten = false;
    for (k, v) in turns {
        let canon: Cow<'a, str> = if is_canonical_int(k) {
            Cow::Borrowed(k.as_str())
        } else {
            let c = int_from_str(k).ok_or_else(|| {
                w.invalid(format!("expected keys that are integers, found key {k:?}"))
            })?;
            let path = w.path_string();
            w.note(format!("{path} key {k:?} rewritten as \"{c}\""));
            rewritten = true;
            Cow::Owned(c)
        };
        // Parsed keys are unique: two can only meet once one has been rewritten.
        let earlier = if rewritten {
            entries.iter_mut().find(|e| e.0 == canon)
        } else {
            None
        };
        match earlier {
            Some(e) => {
                e.1 = k.as_str();
                e.2 = v;
            }
            None => entries.push((canon, k.as_str(), v)),
        }
    }
    if w.schema() < Schema::V09 {
        entries.sort_by(|a, b| cmp_int(&a.0, &b.0));
    }
    Ok(entries)
}

/// Whether `s` is already how Python prints an int.
fn is_canonical_int(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" && s.len() == 1 || !digits.starts_with('0'))
}

/// Numeric order of canonical decimal ints of any size.
fn cmp_int(a: &str, b: &str) -> Ordering {
    match (a.strip_prefix('-'), b.strip_prefix('-')) {
        (Some(x), Some(y)) => cmp_magnitude(y, x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => cmp_magnitude(a, b),
    }
}

fn cmp_magnitude(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// A label: `[flow, node]` in 0.7/0.8; `{"flow_name", "node_name"}` in 0.9 and 0.10 (arrays
/// accepted).
pub(crate) fn label<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let pair = match v {
        Value::Array(items) => match items.as_slice() {
            [Value::String(f), Value::String(n)] => Some((f.as_str(), n.as_str())),
            _ => None,
        },
        Value::Object(map) if w.schema() >= Schema::V09 => {
            return label_object(w, map);
        }
        _ => None,
    };
    let Some((flow, node)) = pair else {
        let what = if w.schema() >= Schema::V09 {
            "a [flow, node] pair of strings or a {\"flow_name\", \"node_name\"} object"
        } else {
            "a [flow, node] pair of strings"
        };
        return Err(w.expected(what, Some(v)));
    };
    if w.schema() >= Schema::V09 {
        w.note_once("label-array", || {
            "array labels written as {flow_name, node_name} objects".into()
        });
        write_label_object(w, flow, node);
    } else {
        w.raw("[");
        w.str(flow);
        w.raw(",");
        w.str(node);
        w.raw("]");
    }
    Ok(())
}

fn label_object<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res {
    let get = |w: &mut Writer<'a>, key: &'a str| -> Res<&'a str> {
        match map.get(key) {
            Some(Value::String(s)) => Ok(s.as_str()),
            other => {
                w.push(key);
                Err(w.expected("a string", other))
            }
        }
    };
    let flow = get(w, "flow_name")?;
    let node = get(w, "node_name")?;
    if map.len() > 2 {
        w.note_once("label-extra", || {
            "extra keys in label objects dropped".into()
        });
    }
    write_label_object(w, flow, node);
    Ok(())
}

fn write_label_object(w: &mut Writer<'_>, flow: &str, node: &str) {
    w.raw("{\"flow_name\":");
    w.str(flow);
    w.raw(",\"node_name\":");
    w.str(node);
    w.raw("}");
}

/// dff 0.7 `validation: bool = False`.
fn validation(w: &mut Writer<'_>, v: Option<&Value>) -> Res {
    let b = match v {
        None => false,
        Some(v) => {
            w.push("validation");
            let b = lax_bool(v).ok_or_else(|| w.expected("a boolean", Some(v)))?;
            w.pop();
            b
        }
    };
    w.raw(if b { "true" } else { "false" });
    Ok(())
}

/// dff 0.7 `framework_states: Dict[str, Dict[str, Any]]`.
fn framework_states<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("an object", Some(v)));
    };
    if let Some((k, bad)) = map.iter().find(|(_, v)| !v.is_object()) {
        w.push(k);
        return Err(w.expected("an object", Some(bad)));
    }
    w.raw("{");
    for (i, (k, state)) in map.iter().enumerate() {
        w.key(k, i == 0);
        w.push(k);
        any_object::<{ room::CONTEXT }>(w, state)?;
        w.pop();
    }
    w.raw("}");
    Ok(())
}

/// 0.8/0.9 `framework_data`: `stats` and `slot_manager.slot_storage`; excluded fields are read
/// (and must fit) but never written.
pub(crate) fn framework_data<'a>(w: &mut Writer<'a>, v: Option<&'a Value<'a>>) -> Res {
    let Some(v) = v else {
        w.raw("{\"stats\":{},\"slot_manager\":{\"slot_storage\":{}}}");
        return Ok(());
    };
    w.push("framework_data");
    let Value::Object(map) = v else {
        return Err(w.expected("an object", Some(v)));
    };
    excluded_fields(w, map)?;
    w.raw("{\"stats\":");
    object_or_default(w, map, "stats", any_object::<{ room::CONTEXT }>)?;
    w.raw(",\"slot_manager\":");
    match map.get("slot_manager") {
        None => w.raw("{\"slot_storage\":{}}"),
        Some(sm) => {
            w.push("slot_manager");
            slot_manager(w, sm)?;
            w.pop();
        }
    }
    w.raw("}");
    w.pop();
    Ok(())
}

fn excluded_fields<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res {
    let (excluded, known): (&[&str], &[&str]) = if w.schema() == Schema::V08 {
        (
            &["service_states", "actor_data"],
            &["stats", "slot_manager", "service_states", "actor_data"],
        )
    } else {
        (
            &["service_states", "current_node", "pipeline"],
            &[
                "stats",
                "slot_manager",
                "service_states",
                "current_node",
                "pipeline",
            ],
        )
    };
    for key in excluded {
        if let Some(v) = map.get(key) {
            w.push(key);
            excluded_field(w, key, v)?;
            w.pop();
            w.note(format!(
                "framework_data.{key} dropped (Chatsky never writes it)"
            ));
        }
    }
    for k in map.keys().filter(|k| !known.contains(&k.as_str())) {
        w.note(format!("unknown key framework_data.{k} dropped"));
    }
    Ok(())
}

/// The excluded fields are still validated on read. Only their JSON-representable shapes are
/// modelled: `service_states` and `actor_data` as objects, `current_node`/`pipeline` as null.
fn excluded_field(w: &Writer<'_>, key: &str, v: &Value) -> Res {
    let ok = match key {
        "current_node" | "pipeline" => v.is_null(),
        "service_states" => v
            .as_object()
            .is_some_and(|m| m.values().all(|s| service_state(w, s))),
        _ => v.is_object(),
    };
    if ok {
        Ok(())
    } else {
        let what = match key {
            "current_node" | "pipeline" => "null (other values are not supported by this tool)",
            "service_states" => "an object of service execution states",
            _ => "an object",
        };
        Err(w.expected(what, Some(v)))
    }
}

fn service_state(w: &Writer<'_>, v: &Value) -> bool {
    const STATES: &[&str] = &["NOT_RUN", "RUNNING", "FINISHED", "FAILED"];
    let is_state = |s: Option<&Value>| {
        s.and_then(Value::as_str)
            .is_some_and(|s| STATES.contains(&s))
    };
    if w.schema() == Schema::V08 {
        return is_state(Some(v));
    }
    // 0.9 ServiceState: execution_status (default NOT_RUN) and an asyncio.Event JSON cannot hold.
    v.as_object().is_some_and(|m| {
        !m.contains_key("finished_event")
            && (!m.contains_key("execution_status") || is_state(m.get("execution_status")))
    })
}

fn slot_manager<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("an object", Some(v)));
    };
    if let Some(root) = map.get("root_slot") {
        w.push("root_slot");
        if !slot_config_tree(root) {
            return Err(w.expected("a tree of slot groups (objects)", Some(root)));
        }
        w.pop();
        w.note("framework_data.slot_manager.root_slot dropped (Chatsky never writes it)".into());
    }
    w.raw("{\"slot_storage\":");
    match map.get("slot_storage") {
        None => w.raw("{}"),
        Some(s) => {
            w.push("slot_storage");
            let Value::Object(group) = s else {
                return Err(w.expected("an object (the root slot group)", Some(s)));
            };
            slot_group(w, group)?;
            w.pop();
        }
    }
    w.raw("}");
    Ok(())
}

/// `GroupSlot` configuration: nested objects whose names have no dots and are not dunders.
fn slot_config_tree(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        m.iter().all(|(k, child)| {
            let dunder = k.starts_with("__") && k.ends_with("__");
            !k.contains('.') && !dunder && slot_config_tree(child)
        })
    })
}

/// `ExtractedGroupSlot`: every entry is a group (tried first) or a value slot.
fn slot_group<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res {
    w.raw("{");
    for (i, (k, v)) in map.iter().enumerate() {
        w.key(k, i == 0);
        w.push(k);
        slot_entry(w, v)?;
        w.pop();
    }
    w.raw("}");
    Ok(())
}

fn slot_entry<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("a slot group or a value slot object", Some(v)));
    };
    let mark = w.mark();
    match slot_group(w, map) {
        Ok(()) => return Ok(()),
        Err(f) if f.fatal => return Err(f),
        Err(_) => w.rollback(&mark),
    }
    value_slot(w, map)
}

/// `ExtractedValueSlot`: `is_slot_extracted`, pickled `extracted_value` and `default_value`.
fn value_slot<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res {
    w.raw("{\"is_slot_extracted\":");
    w.push("is_slot_extracted");
    let extracted = map.get("is_slot_extracted");
    let b = extracted.and_then(lax_bool).ok_or_else(|| {
        w.expected(
            "a boolean (or a slot group whose entries are all slots)",
            extracted,
        )
    })?;
    w.raw(if b { "true" } else { "false" });
    w.pop();
    w.raw(",\"extracted_value\":");
    match map.get("extracted_value") {
        Some(v) => slot_value(w, "extracted_value", v)?,
        None => {
            w.push("extracted_value");
            return Err(w.expected("a base64 pickle", None));
        }
    }
    w.raw(",\"default_value\":");
    match map.get("default_value") {
        Some(v) => slot_value(w, "default_value", v)?,
        None if w.schema() == Schema::V08 => w.str(PICKLED_NONE),
        None => w.raw("null"),
    }
    w.raw("}");
    if map
        .keys()
        .any(|k| !["is_slot_extracted", "extracted_value", "default_value"].contains(&k.as_str()))
    {
        w.note_once("slot-extra", || "extra keys in value slots dropped".into());
    }
    Ok(())
}

/// A pickled slot value. 0.8 pickles even `None` and cannot read `null`; 0.9 writes `None`
/// as `null`.
fn slot_value<'a>(w: &mut Writer<'a>, key: &'a str, v: &'a Value<'a>) -> Res {
    w.push(key);
    match v {
        Value::Null if w.schema() >= Schema::V09 => w.raw("null"),
        Value::String(b64) => {
            let found = pickled::check(w, b64)?;
            if w.schema() >= Schema::V09 && pickled::is_none(&found) {
                w.note_once("slot-none", || {
                    "pickled None slot values written as null (as chatsky 0.9 does)".into()
                });
                w.raw("null");
            } else {
                pickled::write_b64(w, b64);
            }
        }
        other => {
            let raw = if other.is_null() {
                " (chatsky 0.8 raises AttributeError)"
            } else {
                ""
            };
            return Err(w.fatal(format!(
                "expected a base64 pickle string, found {}{raw}",
                describe(other)
            )));
        }
    }
    w.pop();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_order_and_canonical_form() {
        let mut keys = vec!["10", "-1", "2", "18446744073709551617", "-20", "0"];
        keys.sort_by(|a, b| cmp_int(a, b));
        assert_eq!(keys, ["-20", "-1", "0", "2", "10", "18446744073709551617"]);
        assert!(is_canonical_int("0") && is_canonical_int("-5") && is_canonical_int("120"));
        assert!(!is_canonical_int("01") && !is_canonical_int("-0") && !is_canonical_int("+1"));
        assert!(!is_canonical_int("") && !is_canonical_int("-") && !is_canonical_int("1.0"));
    }
}
