//! `get --format table`: a stored context as a dialog, for people.

use crate::model::Value;

use super::{human_size, new_table, shorten, Table};
use crate::model::pickle;
use crate::model::view::{ContextView, SlotView};
use crate::settings::Settings;

/// Longest text shown in a table cell before it is cut.
const CELL: usize = 200;

/// The header table (key, id, schema, turns, size) and the turn table, and the slots when there
/// are any. `schema` is the Chatsky version the document looks written by.
pub fn context_tables(
    settings: &Settings,
    key: &str,
    size: usize,
    schema: &str,
    view: &ContextView,
) -> Vec<Table> {
    let mut header = new_table(settings, &["key", "id", "schema", "turns", "size"]);
    header.add_row(vec![
        key.to_string(),
        view.id.clone().unwrap_or_else(|| "(none)".into()),
        schema.to_string(),
        view.turns.len().to_string(),
        human_size(size as u64),
    ]);
    let mut turns = new_table(
        settings,
        &["turn", "label", "request", "response", "attachments"],
    );
    for turn in &view.turns {
        turns.add_row(vec![
            turn.number.clone(),
            turn.label.clone().unwrap_or_default(),
            shorten(turn.request.as_deref().unwrap_or_default(), CELL),
            shorten(turn.response.as_deref().unwrap_or_default(), CELL),
            attachment_note(&turn.attachments),
        ]);
    }
    let mut tables = vec![header, turns];
    if !view.slots.is_empty() {
        let mut slots = new_table(settings, &["slot", "extracted", "value"]);
        for slot in &view.slots {
            slots.add_row(vec![
                slot.path.clone(),
                slot.extracted.to_string(),
                slot_value(slot),
            ]);
        }
        tables.push(slots);
    }
    tables
}

/// `2 × image, location`.
fn attachment_note(types: &[String]) -> String {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for t in types {
        match counted.iter_mut().find(|(name, _)| name == t) {
            Some((_, n)) => *n += 1,
            None => counted.push((t.clone(), 1)),
        }
    }
    counted
        .into_iter()
        .map(|(t, n)| if n > 1 { format!("{n} × {t}") } else { t })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Simple pickled values are shown decoded; anything else says what it is.
fn slot_value(slot: &SlotView) -> String {
    match &slot.value {
        Value::String(b64) => match pickle::inspect(b64, &pickle::Patterns::default()) {
            Ok(found) => match (&found.simple, found.globals.first()) {
                (Some(simple), _) => shorten(&simple.to_string(), CELL),
                (None, Some(global)) => format!("<pickled {global}>"),
                (None, None) => "<pickled object>".to_string(),
            },
            Err(_) => shorten(b64, CELL),
        },
        other => shorten(&other.to_string(), CELL),
    }
}
