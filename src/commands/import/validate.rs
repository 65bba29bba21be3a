//! Pass 1 of `import`: every line validated, on a worker per core, before anything is written.

use std::fs::File;

use roaring::RoaringTreemap;

use super::chunks::{Chunk, Chunks};
use super::line::Reader;
use super::text;
use crate::error::Error;
use crate::interrupt;
use crate::model;
use crate::output::reports::ImportReport;

/// Invalid lines listed in the report (all are counted).
const MAX_ERRORS: usize = 100;
/// Validation threads at most: more would only hold more blocks in memory, as eight cores
/// already validate faster than a server stores.
const MAX_WORKERS: usize = 8;

/// Pass 1: validate every line.
///
/// This thread reads blocks of whole lines and hands them to one worker per core (at most
/// `MAX_WORKERS`) through a bounded queue, so reading overlaps checking and no worker waits for
/// another. Each worker keeps the message of its first `MAX_ERRORS` failures only (the first
/// `MAX_ERRORS` of the file are among them), and the number of every one in a compressed
/// bitmap: at most about a bit per line however many are invalid, so memory stays flat.
pub(super) fn validate_all(
    reader: &Reader,
    input: &mut File,
    report: &mut ImportReport,
    progress: impl Fn(u64) + Sync,
) -> anyhow::Result<Valid> {
    /// Every failing line's number, and the first `MAX_ERRORS` with their message; and the
    /// numbers of the valid 0.10 lines, and the top-level keys that valid lines have beyond their
    /// Context's fields.
    #[derive(Default)]
    struct Failures {
        lines: RoaringTreemap,
        first: Vec<(usize, String)>,
        hashes: RoaringTreemap,
        unknown: UnknownKeys,
        /// What the first failing lines look like, for a hint.
        shapes: Shapes,
    }
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(MAX_WORKERS));
    let (send, queue) = std::sync::mpsc::sync_channel::<Chunk>(workers);
    let queue = std::sync::Mutex::new(queue);
    let (queue, progress) = (&queue, &progress);
    let mut digests = Vec::new();
    let scoped = std::thread::scope(|s| -> anyhow::Result<(u64, Failures, bool)> {
        let mut handles = Vec::with_capacity(workers);
        for _ in 0..workers {
            let spawned = std::thread::Builder::new().spawn_scoped(s, move || {
                let (mut lines, mut failures, mut positional) = (0u64, Failures::default(), true);
                loop {
                    // The lock is held only to take the next chunk.
                    let next = queue.lock().map_or(None, |q| q.recv().ok());
                    let Some(chunk) = next else {
                        return (lines, failures, positional);
                    };
                    for (n, line) in chunk.lines() {
                        lines += 1;
                        // A panic is a bug in this tool, not in the line; still, the line
                        // was not checked, so it must not be written.
                        let checked = std::panic::catch_unwind(|| reader.check(text(line)?))
                            .unwrap_or_else(|_| {
                                Err("internal error while validating this line".into())
                            });
                        match checked {
                            Ok(checked) => {
                                positional &= checked.positional;
                                if checked.hashes {
                                    failures.hashes.insert(n as u64);
                                }
                                failures.unknown.add(n, checked.unknown);
                            }
                            Err(e) => {
                                failures.lines.insert(n as u64);
                                if failures.first.len() < MAX_ERRORS {
                                    failures.shapes.see(reader, line);
                                    failures.first.push((n, e));
                                }
                            }
                        }
                    }
                    progress(chunk.bytes());
                }
            });
            match spawned {
                Ok(handle) => handles.push(handle),
                // Short of threads (a process or memory limit): fewer workers still check every
                // line.
                Err(_) if !handles.is_empty() => break,
                Err(e) => {
                    return Err(Error::Input(format!(
                        "cannot start a validation thread: {e}; nothing was written"
                    ))
                    .into())
                }
            }
        }
        let mut result = Ok(());
        for chunk in Chunks::new(&mut *input) {
            if interrupt::requested() {
                break;
            }
            match chunk {
                Ok(chunk) => {
                    digests.push(chunk.digest());
                    if send.send(chunk).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    result = Err(Error::Input(format!("cannot read the input: {e}")).into());
                    break;
                }
            }
        }
        drop(send);
        let (mut lines, mut failures, mut positional) = (0, Failures::default(), true);
        for handle in handles {
            // A worker that died left lines unchecked: nothing may be written.
            let (n, failed, laid_out) = handle.join().map_err(|_| {
                anyhow::anyhow!("internal error: a validation worker stopped; nothing was written")
            })?;
            lines += n;
            failures.lines |= failed.lines;
            failures.hashes |= failed.hashes;
            failures.first.extend(failed.first);
            failures.unknown.merge(failed.unknown);
            failures.shapes.pretty |= failed.shapes.pretty;
            failures.shapes.bare |= failed.shapes.bare;
            positional &= laid_out;
        }
        result.map(|()| (lines, failures, positional))
    });
    let (lines, mut failures, positional) = scoped?;
    if interrupt::requested() {
        report.interrupted = true;
    }
    report.lines += lines;
    report.invalid += failures.lines.len();
    failures.first.sort_unstable_by_key(|(n, _)| *n);
    // The first MAX_ERRORS by line number all kept their message.
    report.errors.extend(
        failures
            .first
            .iter()
            .take(MAX_ERRORS)
            .map(|(n, e)| format!("line {n}: {e}")),
    );
    report.unknown_keys = failures.unknown.notes();
    Ok(Valid {
        invalid: failures.lines,
        hashes: failures.hashes,
        positional,
        hints: failures.shapes.hints(),
        digests,
    })
}

/// What invalid lines look like when the input is not JSON Lines as `import` reads them.
#[derive(Default)]
struct Shapes {
    /// A document spread over lines (`{` alone, an indented member).
    pretty: bool,
    /// A bare context, given without `--key-field`.
    bare: bool,
}

impl Shapes {
    fn see(&mut self, reader: &Reader, line: &[u8]) {
        let Ok(line) = std::str::from_utf8(line) else {
            return;
        };
        let trimmed = line.trim();
        let opens = matches!(trimmed, "{" | "}" | "[" | "]" | "}," | "],");
        if opens || (line.starts_with([' ', '\t']) && trimmed.starts_with('"')) {
            self.pretty = true;
        } else if reader.key_field.is_none() && !self.bare {
            self.bare = model::parse_str(line)
                .is_ok_and(|doc| model::is_context(&doc) && doc.get("key").is_none());
        }
    }

    fn hints(&self) -> Vec<&'static str> {
        let mut hints = Vec::new();
        if self.pretty {
            hints.push(
                "import reads one document per line (JSON Lines, as `export` writes them); this \
                 input looks pretty-printed: put each document on one line, e.g. `jq -c .`",
            );
        }
        if self.bare {
            hints.push(
                "these lines look like bare contexts rather than export lines: `--key-field id` \
                 takes each one's key from its `id`",
            );
        }
        hints
    }
}

/// Top-level keys of valid lines that their Context does not have, by name: how many lines have
/// each, and the first. At most `MAX_UNKNOWN` names are kept, so memory stays flat.
#[derive(Default)]
struct UnknownKeys(std::collections::BTreeMap<String, (u64, usize)>);

/// Names of unknown top-level keys noted at most.
const MAX_UNKNOWN: usize = 20;

impl UnknownKeys {
    fn add(&mut self, line: usize, keys: Vec<String>) {
        for key in keys {
            self.count(key, 1, line);
        }
    }

    fn count(&mut self, key: String, lines: u64, first: usize) {
        let full = self.0.len() >= MAX_UNKNOWN;
        match self.0.get_mut(&key) {
            Some((n, at)) => {
                *n += lines;
                *at = (*at).min(first);
            }
            None if full => {}
            None => {
                self.0.insert(key, (lines, first));
            }
        }
    }

    fn merge(&mut self, other: UnknownKeys) {
        for (key, (lines, first)) in other.0 {
            self.count(key, lines, first);
        }
    }

    /// One note per key, for stderr.
    fn notes(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(key, (n, first))| {
                let lines = if *n == 1 {
                    format!("line {first}")
                } else {
                    format!("{n} lines (the first: line {first})")
                };
                format!(
                    "top-level key {key:?} on {lines} is not a field of the target Chatsky \
                     Context: Chatsky drops it when it reads the context; stored as given \
                     (--canonical drops it, --strict refuses such lines)"
                )
            })
            .collect()
    }
}

/// What pass 1 found out about the lines, for pass 2.
pub(super) struct Valid {
    /// The numbers of the invalid lines.
    pub(super) invalid: RoaringTreemap,
    /// The numbers of the valid chatsky 0.10 lines.
    pub(super) hashes: RoaringTreemap,
    /// Every valid line is laid out for [`Reader::positional`].
    pub(super) positional: bool,
    /// What to say about the input's shape when lines were invalid.
    pub(super) hints: Vec<&'static str>,
    /// Each block's digest, in order.
    pub(super) digests: Vec<blake3::Hash>,
}
