//! What reaches a terminal: text from stored contexts (a user's message, a key, a `misc` key) is
//! shown with its control characters and bidirectional overrides escaped, so that it cannot move
//! the cursor, recolour the screen, retitle the window or reorder what the operator reads.
//! Text for people is escaped Rust-style (`\u{1b}`); JSON printed to a terminal gets JSON's own
//! `\u001b` escapes, which leave it the same JSON value. JSON to a pipe or a file is untouched.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::settings::Settings;

/// A character a terminal acts on rather than shows: C0 and C1 controls, DEL, and the
/// bidirectional marks, embeddings, overrides and isolates.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text for people, with every character a terminal acts on shown escaped (`\u{1b}`, `\r`), but
/// line breaks and tabs.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escaped(
        text,
        |c| c != '\n' && c != '\t',
        |c, out| out.extend(c.escape_debug()),
    )
}

/// Text for one table cell or one line: as [`terminal_safe`], and line breaks and tabs escaped
/// too (`\n`), so that a key or a message with a line break cannot pass for two rows.
pub fn line_safe(text: &str) -> Cow<'_, str> {
    escaped(text, |_| true, |c, out| out.extend(c.escape_debug()))
}

/// JSON text with nothing a terminal acts on, and the same JSON value. A carriage return can
/// only be whitespace between tokens (JSON strings cannot hold one raw) and becomes a space, which
/// cannot send the cursor back over what was printed. Every other such character can only stand
/// inside a string, and is written as a JSON `\uXXXX` escape.
fn json_safe(text: &str) -> Cow<'_, str> {
    escaped(
        text,
        |c| !matches!(c, '\n' | '\t'),
        |c, out| match c {
            '\r' => out.push(' '),
            _ => out.push_str(&format!("\\u{:04x}", c as u32)),
        },
    )
}

fn escaped(
    text: &str,
    escape: impl Fn(char) -> bool,
    write: impl Fn(char, &mut String),
) -> Cow<'_, str> {
    let unsafe_char = |c: char| acts_on_terminal(c) && escape(c);
    if !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            write(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Where JSON goes to stdout: through [`json_safe`] when stdout is a terminal, straight to `w`
/// otherwise (the bytes scripts read stay exactly as stored).
pub fn for_terminal<'a, W: Write + 'a>(settings: &Settings, w: W) -> Box<dyn Write + 'a> {
    if settings.stdout_tty {
        Box::new(JsonForTerminal {
            inner: w,
            pending: Vec::new(),
        })
    } else {
        Box::new(w)
    }
}

/// A writer that escapes JSON for a terminal as it passes. A character split across two writes
/// waits in `pending` for its end; bytes that are not UTF-8 pass as they are.
struct JsonForTerminal<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> JsonForTerminal<W> {
    fn pass(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut rest = bytes;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.inner.write_all(json_safe(text).as_bytes())?;
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // `good` is UTF-8 up to `valid_up_to`, so this never falls back.
                    let good = std::str::from_utf8(good).unwrap_or_default();
                    self.inner.write_all(json_safe(good).as_bytes())?;
                    match e.error_len() {
                        Some(n) => {
                            self.inner.write_all(&bad[..n])?;
                            rest = &bad[n..];
                        }
                        // A character cut short at the end: wait for the rest of it.
                        None => {
                            self.pending.extend_from_slice(bad);
                            break;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

impl<W: Write> Write for JsonForTerminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.pass(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.pass(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.inner.write_all(&pending)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for JsonForTerminal<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_for_people_shows_control_characters_escaped() {
        assert_eq!(
            terminal_safe("\u{1b}]0;title\u{7}\r\u{9b}2J \u{202e}txt.exe"),
            "\\u{1b}]0;title\\u{7}\\r\\u{9b}2J \\u{202e}txt.exe"
        );
        assert!(matches!(
            terminal_safe("два\tlines\nनमस्ते ✓"),
            Cow::Borrowed("два\tlines\nनमस्ते ✓")
        ));
    }

    /// Written a byte at a time, so that every character is split across writes.
    fn through_terminal_writer(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = JsonForTerminal {
                inner: &mut out,
                pending: Vec::new(),
            };
            for b in bytes {
                w.write_all(&[*b]).unwrap();
            }
        }
        out
    }

    #[test]
    fn json_for_a_terminal_is_the_same_json_value_with_nothing_the_terminal_acts_on() {
        let value = serde_json::json!({
            "text": "\u{1b}]0;pwned\u{7}\u{7f}\u{9b}2J \u{202e}exe.txt \u{2066}ok\u{2069} ✓ नमस्ते",
            "k\u{200f}": [1, "\t\n"],
        });
        let json = serde_json::to_string_pretty(&value).unwrap();
        let shown = through_terminal_writer(json.as_bytes());
        let text = String::from_utf8(shown).unwrap();
        assert!(
            !text.contains(|c| acts_on_terminal(c) && c != '\n'),
            "{text}"
        );
        assert!(
            text.contains(r"\u001b]0;pwned\u0007\u007f\u009b2J \u202eexe.txt"),
            "{text}"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
        // Bytes that are not UTF-8 pass as they are, and so does JSON with nothing to escape.
        assert_eq!(
            through_terminal_writer(b"\"a\xff\xfe\"\n"),
            b"\"a\xff\xfe\"\n"
        );
        assert_eq!(
            through_terminal_writer("[\"✓\"]\n".as_bytes()),
            "[\"✓\"]\n".as_bytes()
        );
        // A carriage return between tokens would let the rest of the line overwrite its start.
        assert_eq!(
            through_terminal_writer(b"{\"a\":\r1}\r\n"),
            b"{\"a\": 1} \n"
        );
    }
}
