//! Pass 2 of `import`: the valid lines read again and written in atomic batches, several in
//! flight.

use std::fs::File;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use super::chunks::Chunks;
use super::line::{Reader, Ready};
use super::text;
use super::validate::Valid;
use crate::connection::Connection;
use crate::error::Error;
use crate::interrupt;
use crate::output::reports::ImportReport;
use crate::store::{hashes, legacy};

/// Contexts per write (one MSET of about 256 KB for 4 KB contexts: larger ones doubled the
/// peak RSS for no gain).
const BATCH: usize = 64;
/// Writes in flight at once.
const IN_FLIGHT: usize = 4;

/// Where pass 2 writes, and when it must stop.
pub(super) struct Sink {
    pub(super) conn: Connection,
    pub(super) if_absent: bool,
}

/// Pass 2: read the valid lines again and write them in batches, several in flight.
/// Ctrl-C stops sending new batches; the ones in flight finish, and the report says what was written.
pub(super) async fn write_all(
    reader: Reader,
    mut input: File,
    lines: Valid,
    sink: Sink,
    report: &mut ImportReport,
    progress: &indicatif::ProgressBar,
) -> anyhow::Result<()> {
    let if_absent = sink.if_absent;
    let (tx, mut rx) = mpsc::channel::<anyhow::Result<(Writes, u64)>>(IN_FLIGHT);
    // Reading lines, finding their keys and values (canonicalising them with --canonical) and
    // encoding the commands is CPU work: keep it off the async threads.
    let producer = tokio::task::spawn_blocking(move || {
        let send = |batch| tx.blocking_send(batch).map_err(drop);
        // Input bytes read since the last batch, for progress.
        let mut bytes = 0;
        let blocks = lines.digests.len();
        let mut read = 0;
        for (k, chunk) in Chunks::new(&mut input).enumerate() {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => return send(Err(e.into())),
            };
            read = k + 1;
            // Nothing of a block that differs from what was validated is sent.
            if lines.digests.get(k) != Some(&chunk.digest()) {
                return send(Err(changed(k, blocks)));
            }
            bytes += chunk.bytes();
            // A batch ends with its chunk, whose lines it borrows.
            let mut items: Vec<Ready> = Vec::with_capacity(BATCH);
            let mut valid = chunk
                .lines()
                .filter(|(n, _)| !lines.invalid.contains(*n as u64))
                .peekable();
            while let Some((n, line)) = valid.next() {
                let hashes = lines.hashes.contains(n as u64);
                match text(line).and_then(|line| reader.ready(line, lines.positional, hashes)) {
                    Ok(item) => items.push(item),
                    Err(e) => {
                        return send(Err(anyhow::anyhow!(
                            "line {n} changed while importing: {e}"
                        )))
                    }
                }
                if items.len() == BATCH || valid.peek().is_none() {
                    send(Ok((encode(&items, if_absent), std::mem::take(&mut bytes))))?;
                    items.clear();
                }
            }
        }
        if read != blocks {
            return send(Err(changed(read, blocks)));
        }
        Ok(())
    });
    let mut in_flight: JoinSet<anyhow::Result<(u64, u64)>> = JoinSet::new();
    // After a failure no batch is sent, but every batch already sent is waited for, so that the
    // report counts each one the server stored; then the first failure is returned.
    let mut failed = None;
    while let Some(batch) = rx.recv().await {
        if interrupt::requested() {
            report.interrupted = true;
            break;
        }
        let (writes, bytes) = match batch {
            Ok(batch) => batch,
            Err(e) => {
                failed = Some(e);
                break;
            }
        };
        if in_flight.len() >= IN_FLIGHT {
            if let Err(e) = settle(in_flight.join_next().await, report) {
                failed = Some(e);
                break;
            }
        }
        let mut conn = sink.conn.clone();
        in_flight.spawn(async move {
            let written = legacy::store(&mut conn, &writes.legacy).await?
                + hashes::store(&mut conn, &writes.hashes, if_absent).await?;
            Ok((written, writes.len() - written))
        });
        progress.inc(bytes);
    }
    drop(rx);
    while let Some(done) = in_flight.join_next().await {
        if let Err(e) = settle(Some(done), report) {
            failed.get_or_insert(e);
        }
    }
    let _ = producer.await;
    failed.map_or(Ok(()), Err)
}

/// The input no longer holds what was validated, from block `k` (0-based) on.
fn changed(k: usize, blocks: usize) -> anyhow::Error {
    Error::Input(format!(
        "the input changed while it was imported: from block {} of {blocks} (1 MiB each) it is \
         not what was validated; nothing from there on was written",
        k + 1
    ))
    .into()
}

/// One batch's writes: the legacy contexts in one command, the 0.10 ones in one transaction.
struct Writes {
    legacy: legacy::Batch,
    hashes: hashes::Batch,
}

impl Writes {
    fn len(&self) -> u64 {
        (self.legacy.len() + self.hashes.len()) as u64
    }
}

/// One batch's commands, the legacy one sized to hold it without growing.
fn encode(items: &[Ready], if_absent: bool) -> Writes {
    let legacy_items = || {
        items.iter().filter_map(|r| match r {
            Ready::Legacy(item) => Some(item),
            Ready::Hashes(..) => None,
        })
    };
    let bytes = legacy_items().map(|(k, v)| k.len() + v.len()).sum();
    let mut legacy = legacy::Batch::new(if_absent, legacy_items().count(), bytes);
    for (key, stored) in legacy_items() {
        legacy.push(key.as_bytes(), stored.as_bytes());
    }
    let mut hashes = hashes::Batch::new();
    for ready in items {
        if let Ready::Hashes(prefix, id, fields) = ready {
            hashes.push(prefix, id, fields);
        }
    }
    Writes { legacy, hashes }
}

fn settle(
    done: Option<Result<anyhow::Result<(u64, u64)>, tokio::task::JoinError>>,
    report: &mut ImportReport,
) -> anyhow::Result<()> {
    if let Some(done) = done {
        let (written, kept) = done??;
        report.written += written;
        report.kept_existing += kept;
    }
    Ok(())
}
