//! Renderers: every byte a command prints to stdout goes through here. JSON goes through serde only;
//! tables through comfy-table; plain text is for people. Reports are plain data built by commands.

pub mod context;
pub mod listing;
pub mod migrate;
pub mod progress;
pub mod reports;
mod terminal;

pub use terminal::{for_terminal, line_safe, terminal_safe};

use std::fmt;
use std::io::{self, Write};

use comfy_table::{presets, ContentArrangement};
use serde::Serialize;

use crate::cli::Format;
use crate::settings::Settings;

/// A result a command prints: a JSON form for scripts, plain text and a table for people.
pub trait Render: Serialize {
    /// Plain text, printed when no `--format` is given.
    fn plain(&self, w: &mut dyn Write) -> io::Result<()>;
    /// The table for `--format table`.
    fn table(&self, settings: &Settings) -> Table;
}

/// Print `report` in the format the user asked for, or in its plain form.
pub fn emit<R: Render>(settings: &Settings, report: &R) -> io::Result<()> {
    let stdout = io::stdout();
    let mut w = stdout.lock();
    match settings.format {
        None => plain(&mut w, report)?,
        Some(Format::Json) => json_line(&mut for_terminal(settings, &mut w), report)?,
        Some(Format::Pretty) => pretty_json(&mut for_terminal(settings, &mut w), report)?,
        Some(Format::Table) => writeln!(w, "{}", report.table(settings))?,
    }
    w.flush()
}

/// A note for people on stderr (`chatsky-redis: note: …`), made [`terminal_safe`]. A stderr
/// that cannot be written (closed, full) loses the note; it never ends the command.
pub fn note(text: &str) {
    say(&format!("note: {text}"));
}

/// A warning on stderr, as [`note`] writes it.
pub fn warn(text: &str) {
    say(&format!("warning: {text}"));
}

/// `chatsky-redis: {text}` on stderr, made [`terminal_safe`]. Every line this tool writes to
/// stderr goes through here, and a failed write is ignored: stderr is where failures are told,
/// so there is no one left to tell about its own (`eprintln!` would panic, exit 101).
pub fn say(text: &str) {
    let line = format!("chatsky-redis: {}\n", terminal_safe(text));
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// A report's plain form, made [`terminal_safe`]: on stdout through [`emit`], and on stderr where
/// stdout carries the data.
pub fn plain<R: Render>(w: &mut dyn Write, report: &R) -> io::Result<()> {
    let mut text = Vec::new();
    report.plain(&mut text)?;
    w.write_all(terminal_safe(&String::from_utf8_lossy(&text)).as_bytes())
}

/// One compact JSON value and a newline.
pub fn json_line<T: Serialize + ?Sized>(w: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value)?;
    w.write_all(b"\n")
}

/// Indented JSON and a newline.
pub fn pretty_json<T: Serialize + ?Sized>(w: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    w.write_all(b"\n")
}

/// A comfy-table in the house style whose every cell is made [`line_safe`]: the style draws no
/// line between rows, so a line break in a cell would read as another row.
pub struct Table(comfy_table::Table);

impl Table {
    pub fn add_row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> &mut Self {
        let cells = cells
            .into_iter()
            .map(|c| line_safe(c.as_ref()).into_owned());
        self.0.add_row(cells);
        self
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A table with the house style: header row, width pinned by `COLUMNS` when set.
pub fn new_table(settings: &Settings, header: &[&str]) -> Table {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().map(|h| header_cell(settings, h)));
    if let Some(width) = settings.table_width {
        table.set_width(width);
    }
    if !settings.color {
        table.force_no_tty();
    }
    Table(table)
}

fn header_cell(settings: &Settings, text: &str) -> comfy_table::Cell {
    let cell = comfy_table::Cell::new(text);
    if settings.color {
        cell.add_attribute(comfy_table::Attribute::Bold)
    } else {
        cell
    }
}

/// Shorten `text` to at most `max` characters for a table cell, marking the cut with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `1 context`, `2 contexts`, `0 contexts`: a count with its noun.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A byte size for people: `812 B`, `4.1 KiB`, `2.3 MiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{size:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_shortening() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(4198), "4.1 KiB");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
