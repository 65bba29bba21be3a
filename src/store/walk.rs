//! The one walk over a database's keys, for `ls`, `export`, `count --exact`, deletion by pattern
//! and schema sampling: SCAN pages, one MGET per page, every key told apart as a context
//! or something else (and tallied), Ctrl-C honoured between pages.
//!
//! The stages overlap so the walk runs at the server's pace rather than at the sum of round trips:
//! a task runs SCAN ahead, a few page reads are in flight at once, over two connections taken in
//! turn (the server fills one socket while the other is read), and the caller's work on one page
//! happens while the next pages are fetched. Memory holds at most `AHEAD + 1` pages.

use std::collections::VecDeque;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::connection::{Connection, Failure, Scan};
use crate::interrupt;
use crate::model::view::sniff;

use super::legacy::{self, Stored};

/// Keys per SCAN page, and so per MGET.
const PAGE: usize = 250;
/// Page reads in flight ahead of the one being processed.
const AHEAD: usize = 4;

/// What the walk found under one key.
pub enum Visit<'a> {
    /// A stored context; `strict` when it is strict JSON (no NaN/Infinity).
    Context {
        key: &'a str,
        raw: &'a [u8],
        strict: bool,
    },
    /// Any other key, and what it is.
    Other { key: &'a [u8], kind: String },
}

/// What a walk does with what it finds. Any `FnMut(Visit) -> Result<()>` is a visitor.
// Only this crate implements and awaits it, on tokio's multi-thread runtime.
#[allow(async_fn_in_trait)]
pub trait Visitor {
    /// One key and what it holds.
    fn visit(&mut self, found: Visit<'_>) -> anyhow::Result<()>;

    /// After each page, with a connection, for work that goes back to Redis (e.g. UNLINK).
    async fn page_done(&mut self, _conn: &mut Connection) -> anyhow::Result<()> {
        Ok(())
    }

    /// True to end the walk early (e.g. a sample is complete).
    fn done(&self) -> bool {
        false
    }

    /// False for a walk that usually ends after a page or two (a sample): not worth opening a
    /// second connection for.
    fn reads_far(&self) -> bool {
        true
    }
}

impl<F: FnMut(Visit<'_>) -> anyhow::Result<()>> Visitor for F {
    fn visit(&mut self, found: Visit<'_>) -> anyhow::Result<()> {
        self(found)
    }
}

/// What a walk found: contexts, and the other keys by what they are.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Contexts found.
    pub contexts: u64,
    /// Keys that are not contexts.
    pub skipped: u64,
    /// The skipped keys by what they are (`hash`, `string: not JSON`, …).
    pub skipped_by_kind: std::collections::BTreeMap<String, u64>,
    /// True when Ctrl-C stopped the walk.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl Tally {
    /// Count one key that is not a context.
    pub fn skip(&mut self, kind: &str) {
        self.skipped += 1;
        *self.skipped_by_kind.entry(kind.to_string()).or_default() += 1;
    }
}

/// A fetched page: each key, what it holds, and for string values the sniff's verdict.
type Page = Vec<(Vec<u8>, Stored, Option<Result<bool, String>>)>;
type Fetched = JoinHandle<Result<Page, Failure>>;

/// Walk the keys matching `pattern`, handing each to `visitor`. Returns the tally; stops early
/// (and says so) on Ctrl-C, or when the visitor is done. When Redis fails part-way (a lost
/// connection), the error says how many contexts had been handed to the visitor by then.
pub async fn walk(
    conn: &mut Connection,
    pattern: Option<&str>,
    visitor: &mut impl Visitor,
    progress: impl FnMut(u64),
) -> anyhow::Result<Tally> {
    let mut report = Tally::default();
    match walk_pages(conn, pattern, visitor, progress, &mut report).await {
        Ok(()) => Ok(report),
        Err(e) if e.downcast_ref::<Failure>().is_some() && report.contexts + report.skipped > 0 => {
            Err(e.context(format!("stopped after {} context(s)", report.contexts)))
        }
        Err(e) => Err(e),
    }
}

async fn walk_pages(
    conn: &mut Connection,
    pattern: Option<&str>,
    visitor: &mut impl Visitor,
    mut progress: impl FnMut(u64),
    report: &mut Tally,
) -> anyhow::Result<()> {
    let _ctrl_c = interrupt::handle();
    let mut pages = scan_ahead(conn.clone(), pattern);
    let mut fetching = Fetching::default();
    let interrupt = interrupt::wait();
    tokio::pin!(interrupt);
    let mut readers = Readers::new(conn, visitor.reads_far());
    let mut scanning = true;
    loop {
        // Keep AHEAD fetches going while SCAN still has pages; Ctrl-C is heard while waiting.
        while scanning && fetching.0.len() < AHEAD {
            let next = async {
                let page = pages.recv().await?;
                Some((page, readers.next().await))
            };
            let next = tokio::select! {
                biased;
                _ = &mut interrupt => { report.interrupted = true; return Ok(()); }
                next = next => next,
            };
            match next {
                Some((page, reader)) => fetching.0.push_back(fetch(reader, page?)),
                None => scanning = false,
            }
        }
        let Some(next) = fetching.0.pop_front() else {
            break;
        };
        let page = tokio::select! {
            biased;
            _ = &mut interrupt => { report.interrupted = true; break; }
            done = next => done??,
        };
        for (key, stored, sniffed) in &page {
            classify(key, stored, sniffed, report, visitor)?;
        }
        progress(page.len() as u64);
        visitor.page_done(conn).await?;
        if visitor.done() {
            break;
        }
    }
    Ok(())
}

/// Page reads in flight, in SCAN order. Whatever is left when the walk ends, however it ends
/// (done, Ctrl-C, an error), is cancelled.
#[derive(Default)]
struct Fetching(VecDeque<Fetched>);

impl Drop for Fetching {
    fn drop(&mut self) {
        for pending in &self.0 {
            pending.abort();
        }
    }
}

/// The connections pages are read over, taken in turn: the walk's own, and a second one opened
/// when a second page comes (a walk of one page needs none). Without `two`, or if the server
/// refuses a second connection (`maxclients`, a proxy's limit), every page goes over the first.
struct Readers {
    first: Connection,
    /// `None` until a second connection is needed.
    second: Option<Connection>,
    /// Whether the next page goes over the second.
    turn: bool,
}

impl Readers {
    fn new(conn: &Connection, two: bool) -> Self {
        Readers {
            first: conn.clone(),
            second: (!two).then(|| conn.clone()),
            turn: false,
        }
    }

    async fn next(&mut self) -> Connection {
        self.turn = !self.turn;
        if self.turn {
            return self.first.clone();
        }
        match &self.second {
            Some(second) => second.clone(),
            None => {
                let second = self.first.another().await;
                let second = second.unwrap_or_else(|_| self.first.clone());
                self.second = Some(second.clone());
                second
            }
        }
    }
}

/// SCAN in a task of its own, sending pages ahead of their use.
fn scan_ahead(
    mut conn: Connection,
    pattern: Option<&str>,
) -> mpsc::Receiver<Result<Vec<Vec<u8>>, Failure>> {
    let (tx, rx) = mpsc::channel(AHEAD);
    let mut scan = Scan::new(pattern, PAGE);
    tokio::spawn(async move {
        loop {
            let page = scan.next(&mut conn).await;
            let done = matches!(page, Ok(None) | Err(_));
            if let Some(page) = page.transpose() {
                if tx.send(page).await.is_err() {
                    return;
                }
            }
            if done {
                return;
            }
        }
    });
    rx
}

/// Read a page and sniff its string values, on a worker thread, so that checking one page runs
/// beside fetching the next and beside the caller's work on the previous one.
fn fetch(mut conn: Connection, keys: Vec<Vec<u8>>) -> Fetched {
    tokio::spawn(async move {
        let refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
        let values = legacy::load_many(&mut conn, &refs).await?;
        Ok(keys
            .into_iter()
            .zip(values)
            .map(|(key, stored)| {
                let sniffed = match &stored {
                    Stored::Value(raw) => Some(sniff(raw)),
                    _ => None,
                };
                (key, stored, sniffed)
            })
            .collect())
    })
}

/// Tell a context from anything else and hand it to the visitor.
fn classify(
    key: &[u8],
    stored: &Stored,
    sniffed: &Option<Result<bool, String>>,
    report: &mut Tally,
    visitor: &mut impl Visitor,
) -> anyhow::Result<()> {
    let kind = match (stored, std::str::from_utf8(key)) {
        // Deleted between SCAN and MGET: it is simply gone.
        (Stored::Missing, _) => return Ok(()),
        (Stored::OtherType(t), _) => t.clone(),
        (Stored::Forbidden, _) => "not readable: the user's ACL does not allow it".to_string(),
        (Stored::Value(_), Err(_)) => "string: key is not UTF-8".to_string(),
        (Stored::Value(raw), Ok(key)) => match sniffed {
            Some(Ok(strict)) => {
                report.contexts += 1;
                return visitor.visit(Visit::Context {
                    key,
                    raw,
                    strict: *strict,
                });
            }
            // Only the kind, without the parse error's position, so that kinds group together.
            Some(Err(what)) => format!("string: {}", what.split(" (").next().unwrap_or(what)),
            None => "string".to_string(),
        },
    };
    report.skip(&kind);
    visitor.visit(Visit::Other { key, kind })
}
