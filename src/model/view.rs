//! A version-independent reading of a stored context for people: its id, one row per turn, its
//! slots. It never fails: whatever does not fit the known shapes is shown as found.

use super::tree::{Map, Str, Value};

/// What a person wants to see of one context.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextView {
    /// The `id` field as JSON text (`"user-1"` or `42`), or `None` when absent.
    pub id: Option<String>,
    /// Turns in numeric order of their keys.
    pub turns: Vec<TurnView>,
    /// Value slots as (dotted path, extracted flag, raw extracted value) in document order.
    pub slots: Vec<SlotView>,
}

/// One turn: the label reached, the request and the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnView {
    /// The turn number, as written in the document's keys.
    pub number: String,
    /// `flow:node`.
    pub label: Option<String>,
    /// The request's text.
    pub request: Option<String>,
    /// The response's text.
    pub response: Option<String>,
    /// The attachment types of request and response (`image`, `location`, …).
    pub attachments: Vec<String>,
}

/// One value slot of `framework_data.slot_manager.slot_storage`.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotView {
    /// Dotted path of the slot (`person.username`).
    pub path: String,
    /// `is_slot_extracted`.
    pub extracted: bool,
    /// `extracted_value` as stored (a base64 pickle string in 0.8/0.9, plain JSON in 0.7).
    pub value: Value<'static>,
}

/// Read the view of a parsed context document.
pub fn view<'a>(doc: &'a Value<'a>) -> ContextView {
    let field = |name: &str| doc.get(name).and_then(Value::as_object);
    let (labels, requests, responses) = (field("labels"), field("requests"), field("responses"));
    let mut numbers: Vec<&Str> = [labels, requests, responses]
        .into_iter()
        .flatten()
        .flat_map(Map::keys)
        .collect();
    numbers.sort_by(|a, b| turn_order(a, b));
    numbers.dedup();
    let turns = numbers
        .into_iter()
        .map(|n| {
            let get = |m: Option<&'a Map<'a>>| m.and_then(|m| m.get(n.as_str()));
            let (request, response) = (get(requests), get(responses));
            TurnView {
                number: n.to_string(),
                label: get(labels).and_then(label_text),
                request: request.and_then(message_text),
                response: response.and_then(message_text),
                attachments: [request, response]
                    .into_iter()
                    .flatten()
                    .flat_map(attachment_types)
                    .collect(),
            }
        })
        .collect();
    let mut slots = Vec::new();
    if let Some(storage) = doc.pointer("/framework_data/slot_manager/slot_storage") {
        collect_slots(storage, &mut String::new(), &mut slots);
    }
    ContextView {
        id: doc.get("id").map(Value::to_string),
        turns,
        slots,
    }
}

/// Numeric order of turn keys; keys that are not integers sort after, by text.
fn turn_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.trim().parse::<i128>(), b.trim().parse::<i128>()) {
        (Ok(x), Ok(y)) => x.cmp(&y).then(a.cmp(b)),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// `["flow","node"]` (0.7/0.8) or `{"flow_name","node_name"}` (0.9) as `flow:node`.
fn label_text(label: &Value<'_>) -> Option<String> {
    let (flow, node) = match label {
        Value::Array(parts) => (parts.first()?, parts.get(1)?),
        Value::Object(o) => (o.get("flow_name")?, o.get("node_name")?),
        _ => return None,
    };
    Some(format!("{}:{}", text_of(flow), text_of(node)))
}

fn text_of(v: &Value<'_>) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// A Message's text; 0.9 also accepts a bare string as a Message.
fn message_text(message: &Value<'_>) -> Option<String> {
    match message {
        Value::String(s) => Some(s.to_string()),
        Value::Object(o) => o.get("text").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

/// Attachment types of a Message: 0.8+ lists tagged objects; 0.7 has `{"files": [...]}`.
fn attachment_types(message: &Value<'_>) -> Vec<String> {
    match message.get("attachments") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|a| {
                a.get("chatsky_attachment_type")
                    .and_then(Value::as_str)
                    .unwrap_or("attachment")
                    .to_string()
            })
            .collect(),
        Some(Value::Object(o)) => o
            .get("files")
            .and_then(Value::as_array)
            .map_or_else(Vec::new, |files| vec!["file".to_string(); files.len()]),
        _ => Vec::new(),
    }
}

/// A value slot has `is_slot_extracted`; anything else that is an object is a group.
fn collect_slots(node: &Value<'_>, path: &mut String, out: &mut Vec<SlotView>) {
    let Some(obj) = node.as_object() else { return };
    if let Some(flag) = obj.get("is_slot_extracted") {
        out.push(SlotView {
            path: path.clone(),
            extracted: flag.as_bool().unwrap_or(false),
            value: obj
                .get("extracted_value")
                .map_or(Value::Null, |v| v.clone().into_owned()),
        });
        return;
    }
    for (name, child) in obj {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(name);
        collect_slots(child, path, out);
        path.truncate(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse;

    #[test]
    fn turns_align_across_versions_and_sort_numerically() {
        let doc = parse(
            br#"{"id": "u", "labels": {"0": {"flow_name": "f", "node_name": "start"},
            "10": ["f", "ten"], "2": ["f", "two"]},
            "requests": {"2": {"text": "hi", "attachments": [{"chatsky_attachment_type": "image"}]},
                         "10": "bare"},
            "responses": {"2": {"text": "hello"}}}"#,
        )
        .unwrap();
        let v = view(&doc);
        let numbers: Vec<&str> = v.turns.iter().map(|t| t.number.as_str()).collect();
        assert_eq!(numbers, ["0", "2", "10"]);
        assert_eq!(v.id.as_deref(), Some("\"u\""));
        assert_eq!(v.turns[0].label.as_deref(), Some("f:start"));
        assert_eq!(v.turns[1].request.as_deref(), Some("hi"));
        assert_eq!(v.turns[1].attachments, ["image"]);
        assert_eq!(v.turns[2].request.as_deref(), Some("bare"));
    }

    #[test]
    fn slots_are_found_in_nested_groups() {
        let doc = parse(br#"{"framework_data": {"slot_manager": {"slot_storage": {"person": {
            "name": {"is_slot_extracted": true, "extracted_value": "gAROLg==\n", "default_value": null}}}}}}"#)
        .unwrap();
        let v = view(&doc);
        assert_eq!(v.slots.len(), 1);
        assert_eq!(v.slots[0].path, "person.name");
        assert!(v.slots[0].extracted);
    }

    #[test]
    fn dff07_files_count_as_attachments() {
        let doc =
            parse(br#"{"requests": {"0": {"text": "x", "attachments": {"files": [{}, {}]}}}}"#)
                .unwrap();
        assert_eq!(view(&doc).turns[0].attachments, ["file", "file"]);
    }
}

/// What a stored string value is, for tools that walk a database.
#[derive(Debug, Clone, PartialEq)]
pub enum Classified<'a> {
    /// A JSON object shaped like a Chatsky context.
    Context(Value<'a>),
    /// Something else; the text says what (`empty string`, `not JSON: …`, `JSON array`, …).
    NotContext(String),
}

/// Classify a stored string value (spec section 4, step 3), read as Chatsky reads it: a lone
/// surrogate, which Python reads (here as U+FFFD), does not make a context something else.
pub fn classify(raw: &[u8]) -> Classified<'_> {
    if raw.is_empty() {
        return Classified::NotContext("an empty string".into());
    }
    let doc = match super::parse::parse_as_read(raw) {
        Ok((doc, _)) => doc,
        Err(e) => return Classified::NotContext(format!("not JSON ({e})")),
    };
    let kind = match &doc {
        Value::Object(_) if super::is_context(&doc) => return Classified::Context(doc),
        Value::Object(map) => return Classified::NotContext(super::no_context_field(map)),
        Value::Array(_) => "a JSON array",
        Value::String(_) => "a JSON string",
        Value::Number(_) => "a JSON number",
        Value::Bool(_) => "a JSON boolean",
        Value::Null => "JSON null",
    };
    Classified::NotContext(kind.into())
}

/// What a JSON object that is not a context is called.
const NO_FIELD: &str = "a JSON object with no Context field";

/// Fast check, for walking whole databases: is this stored value a context? It checks the JSON as
/// [`classify`] does, with the same predicate ([`super::is_context`]), but looks at top-level
/// names only, without building a tree. `Ok(true)` means the text is also strict JSON (no
/// `NaN`/`Infinity`, no lone surrogate), so it can be embedded in JSON output as it is.
pub fn sniff(raw: &[u8]) -> Result<bool, String> {
    let mut marked = false;
    match super::object_keys(raw, |k| marked |= super::context::marks_context(k)) {
        Ok(strict) if marked => Ok(strict),
        Ok(_) => Err(NO_FIELD.into()),
        // Not an object, or not JSON: let the full classifier say which.
        Err(_) => match classify(raw) {
            Classified::Context(_) => Ok(false),
            Classified::NotContext(what) => Err(what),
        },
    }
}
