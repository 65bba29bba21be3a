//! `ls`'s rows: one per context (and per other key with `--all`), printed as JSON lines or, for
//! people, gathered into one table.

use serde::Serialize;

use super::{human_size, new_table, Table};
use crate::settings::Settings;

/// One row of `ls`.
#[derive(Debug, Default, Serialize)]
pub struct Row {
    /// The legacy key, or the 0.10 context's id (what `get` takes).
    pub key: String,
    /// `context`, or the Redis type / what the string holds.
    pub kind: String,
    /// `legacy` or `0.10`, for a context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<&'static str>,
    /// The 0.10 prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turns: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<usize>,
}

/// The rows as one table.
pub fn table(settings: &Settings, rows: &[Row]) -> Table {
    let mut table = new_table(
        settings,
        &["key", "layout", "id", "turns", "last label", "size"],
    );
    for row in rows {
        let layout = match (&row.layout, &row.prefix) {
            (Some(layout), Some(prefix)) => format!("{layout} ({prefix})"),
            (Some(layout), None) => layout.to_string(),
            (None, _) => String::new(),
        };
        table.add_row(vec![
            row.key.clone(),
            layout,
            row.id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_else(|| row.kind.clone()),
            row.turns.map(|t| t.to_string()).unwrap_or_default(),
            row.last_label.clone().unwrap_or_default(),
            row.bytes.map(|b| human_size(b as u64)).unwrap_or_default(),
        ]);
    }
    table
}
