//! The one walk over a database's keys, for `ls`, `export`, `count --exact`, deletion by pattern,
//! clearing a 0.10 prefix, and sampling what a db holds: SCAN pages, each page's values read in
//! one or two round trips, every key told apart as a context of either layout or something else
//! (and tallied), Ctrl-C honoured between pages.
//!
//! The stages overlap so the walk runs at the server's pace rather than at the sum of round trips:
//! a task runs SCAN ahead, a few page reads are in flight at once, over two connections taken in
//! turn (the server fills one socket while the other is read), each page's values are checked on
//! a worker thread, and the caller's work on one page happens while the next pages are fetched.
//! Memory holds at most `AHEAD + 1` pages.

use std::collections::{BTreeMap, VecDeque};

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::connection::{Connection, Failure, Scan};
use crate::interrupt;
use crate::model::v010::{self, Composed, Stored};
use crate::model::view::sniff;

use super::glob;
use super::hashes::{self, Loaded, Prefix};
use super::legacy::{self, Stored as Value};

/// Keys per SCAN page, and so per MGET.
const PAGE: usize = 250;
/// SCAN's COUNT for the main hashes of one prefix: a 0.10 context is four keys, and only its main
/// hash matches, so this many keys looked at give about half a page of contexts (about 125: a
/// 0.10 context held as its hashes and as its document takes twice a legacy one's memory, and
/// pages of 250 contexts took a 100,000-context export to a 62 MiB peak for no gain in speed;
/// half that holds it at 31 MiB).
const PAGE_OF_MAINS: usize = 2 * PAGE;
/// Page reads in flight ahead of the one being processed.
const AHEAD: usize = 4;

/// Which contexts a walk looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layouts {
    /// Legacy contexts: string keys.
    Legacy,
    /// The 0.10 contexts under a prefix.
    Hashes(Prefix),
    /// Both: legacy keys, and the 0.10 contexts under `prefix`, or under any prefix found.
    Both(Option<Prefix>),
    /// Every key under a 0.10 prefix: its contexts, and turn hashes that have no main hash left
    /// (what Chatsky's `clear_all` means by the prefix's data).
    Prefix(Prefix),
}

/// What a walk covers: the layouts, and a glob the ids must match (for legacy keys, the key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub layouts: Layouts,
    pub ids: Option<String>,
}

/// What the walk found under one key.
pub enum Visit<'a> {
    /// A legacy context; `strict` when it is strict JSON (no NaN/Infinity).
    Legacy {
        key: &'a str,
        raw: &'a [u8],
        strict: bool,
    },
    /// A chatsky 0.10 context, its hashes, and its document form (or why no document holds it).
    Hashes {
        prefix: &'a str,
        id: &'a str,
        stored: &'a Stored,
        doc: &'a Result<Composed, String>,
    },
    /// A 0.10 turn hash, seen on its own in a walk that covers every key (its context, if it has
    /// one, is visited at its main hash).
    Turns { key: &'a [u8] },
    /// Any other key, and what it is.
    Other { key: &'a [u8], kind: &'a str },
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

/// What a walk found: contexts of each layout, and the other keys by what they are.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Contexts found, of either layout.
    pub contexts: u64,
    /// Of those, legacy contexts.
    pub legacy: u64,
    /// Of those, chatsky 0.10 contexts, by prefix.
    #[serde(rename = "v0_10", skip_serializing_if = "BTreeMap::is_empty")]
    pub hashes: BTreeMap<String, u64>,
    /// 0.10 turn hashes seen on their own (in a walk over every key).
    #[serde(skip_serializing_if = "is_zero")]
    pub turn_hashes: u64,
    /// Keys that are not contexts.
    pub skipped: u64,
    /// The skipped keys by what they are (`hash`, `string: not JSON`, …).
    pub skipped_by_kind: BTreeMap<String, u64>,
    /// True when Ctrl-C stopped the walk.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Tally {
    /// Count one key that is not a context.
    pub fn skip(&mut self, kind: &str) {
        self.skipped += 1;
        *self.skipped_by_kind.entry(kind.to_string()).or_default() += 1;
    }

    /// Every key the walk saw.
    pub fn keys(&self) -> u64 {
        self.legacy + self.hashes.values().sum::<u64>() + self.turn_hashes + self.skipped
    }
}

/// One key of a fetched page, checked.
enum Entry {
    Legacy {
        key: String,
        raw: Vec<u8>,
        strict: bool,
    },
    Hashes {
        prefix: String,
        id: String,
        stored: Stored,
        doc: Result<Composed, String>,
    },
    Turns(Vec<u8>),
    Other(Vec<u8>, String),
    /// Deleted since SCAN named it, or outside the walk's ids.
    Gone,
}

type Fetched = JoinHandle<Result<Vec<Entry>, Failure>>;

/// Walk the keys `scope` covers, handing each to `visitor`. Returns the tally; stops early (and
/// says so) on Ctrl-C, or when the visitor is done. When Redis fails part-way (a lost
/// connection), the error says how many contexts had been handed to the visitor by then.
pub async fn walk(
    conn: &mut Connection,
    scope: &Scope,
    visitor: &mut impl Visitor,
    progress: impl FnMut(u64),
) -> anyhow::Result<Tally> {
    let mut report = Tally::default();
    match walk_pages(conn, scope, visitor, progress, &mut report).await {
        Ok(()) => Ok(report),
        Err(e) if e.downcast_ref::<Failure>().is_some() && report.contexts + report.skipped > 0 => {
            Err(e.context(format!("stopped after {} context(s)", report.contexts)))
        }
        Err(e) => Err(e),
    }
}

async fn walk_pages(
    conn: &mut Connection,
    scope: &Scope,
    visitor: &mut impl Visitor,
    mut progress: impl FnMut(u64),
    report: &mut Tally,
) -> anyhow::Result<()> {
    let _ctrl_c = interrupt::handle();
    let count = match scope.layouts {
        Layouts::Hashes(_) => PAGE_OF_MAINS,
        _ => PAGE,
    };
    let mut pages = scan_ahead(conn.clone(), scan_pattern(scope), count);
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
                Some((page, reader)) => fetching.0.push_back(fetch(reader, page?, scope.clone())),
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
        let scanned = page.len() as u64;
        for entry in &page {
            hand_over(entry, report, visitor)?;
        }
        progress(scanned);
        visitor.page_done(conn).await?;
        if visitor.done() {
            break;
        }
    }
    Ok(())
}

/// The SCAN pattern for a scope: the narrowest the server can filter by. Walking both layouts
/// with ids to match scans `*GLOB`, which every legacy key and every main hash whose id matches
/// also matches; what else it lets through is filtered here.
fn scan_pattern(scope: &Scope) -> Option<String> {
    let ids = scope.ids.as_deref();
    match &scope.layouts {
        Layouts::Legacy => ids.map(str::to_string),
        Layouts::Hashes(prefix) => Some(prefix.main_pattern(ids)),
        Layouts::Prefix(prefix) => Some(prefix.all_pattern()),
        Layouts::Both(_) => ids.filter(|g| *g != "*").map(|g| format!("*{g}")),
    }
}

/// Count an entry and hand it to the visitor.
fn hand_over(entry: &Entry, report: &mut Tally, visitor: &mut impl Visitor) -> anyhow::Result<()> {
    match entry {
        Entry::Gone => Ok(()),
        Entry::Legacy { key, raw, strict } => {
            report.contexts += 1;
            report.legacy += 1;
            visitor.visit(Visit::Legacy {
                key,
                raw,
                strict: *strict,
            })
        }
        Entry::Hashes {
            prefix,
            id,
            stored,
            doc,
        } => {
            report.contexts += 1;
            *report.hashes.entry(prefix.clone()).or_default() += 1;
            visitor.visit(Visit::Hashes {
                prefix,
                id,
                stored,
                doc,
            })
        }
        Entry::Turns(key) => {
            report.turn_hashes += 1;
            visitor.visit(Visit::Turns { key })
        }
        Entry::Other(key, kind) => {
            report.skip(kind);
            visitor.visit(Visit::Other { key, kind })
        }
    }
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
    pattern: Option<String>,
    count: usize,
) -> mpsc::Receiver<Result<Vec<Vec<u8>>, Failure>> {
    let (tx, rx) = mpsc::channel(AHEAD);
    let mut scan = Scan::new(pattern.as_deref(), count);
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

/// Read a page and check its values, on a worker thread, so that checking one page runs beside
/// fetching the next and beside the caller's work on the previous one.
fn fetch(mut conn: Connection, keys: Vec<Vec<u8>>, scope: Scope) -> Fetched {
    tokio::spawn(async move {
        let mut page: Vec<Option<Entry>> =
            std::iter::repeat_with(|| None).take(keys.len()).collect();
        // Legacy candidates: every key when legacy contexts are looked for.
        if matches!(scope.layouts, Layouts::Legacy | Layouts::Both(_)) {
            let refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
            for (i, value) in legacy::load_many(&mut conn, &refs)
                .await?
                .into_iter()
                .enumerate()
            {
                page[i] = match value {
                    Value::Missing => Some(Entry::Gone),
                    Value::Value(raw) => Some(legacy_entry(&keys[i], raw, &scope)),
                    Value::Forbidden => Some(other(
                        &keys[i],
                        "not readable: the user's ACL does not allow it".into(),
                        &scope,
                    )),
                    // TYPE has been asked: a main hash is read below, the rest is settled here.
                    Value::OtherType(kind) => match name(&scope, &keys[i]) {
                        Name::Main(..) if kind == "hash" => None,
                        Name::Turns if kind == "hash" => Some(Entry::Turns(keys[i].clone())),
                        Name::Outside => Some(Entry::Gone),
                        _ => Some(other(&keys[i], kind, &scope)),
                    },
                };
            }
        }
        hash_entries(&mut conn, &keys, &mut page, &scope).await?;
        Ok(page.into_iter().map(|e| e.unwrap_or(Entry::Gone)).collect())
    })
}

/// A legacy key's entry: a context, or what else the string holds.
fn legacy_entry(key: &[u8], raw: Vec<u8>, scope: &Scope) -> Entry {
    if !in_scope(scope, key) {
        return Entry::Gone;
    }
    let Ok(key) = std::str::from_utf8(key) else {
        return Entry::Other(key.to_vec(), "string: key is not UTF-8".into());
    };
    match sniff(&raw) {
        Ok(strict) => Entry::Legacy {
            key: key.to_string(),
            raw,
            strict,
        },
        // Only the kind, without the parse error's position, so that kinds group together.
        Err(what) => Entry::Other(
            key.as_bytes().to_vec(),
            format!("string: {}", what.split(" (").next().unwrap_or(&what)),
        ),
    }
}

fn other(key: &[u8], kind: String, scope: &Scope) -> Entry {
    if in_scope(scope, key) {
        Entry::Other(key.to_vec(), kind)
    } else {
        Entry::Gone
    }
}

/// Whether a key that is not a 0.10 context is within the walk's ids: a legacy key must match
/// them itself.
fn in_scope(scope: &Scope, key: &[u8]) -> bool {
    match (&scope.layouts, &scope.ids) {
        (Layouts::Both(_), Some(ids)) => glob::matches(ids.as_bytes(), key),
        _ => true,
    }
}

/// The 0.10 side of a page: the keys not yet settled (all of them, in a walk of 0.10 only) that
/// are named like a main hash are read as contexts; turn hashes and the rest are told apart by
/// `TYPE`.
async fn hash_entries(
    conn: &mut Connection,
    keys: &[Vec<u8>],
    page: &mut [Option<Entry>],
    scope: &Scope,
) -> Result<(), Failure> {
    let mut contexts: Vec<(usize, Prefix, String)> = Vec::new();
    let mut typed: Vec<usize> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if page[i].is_some() {
            continue;
        }
        match name(scope, key) {
            Name::Main(prefix, id) => contexts.push((i, prefix, id)),
            Name::Turns | Name::Other => typed.push(i),
            Name::Outside => page[i] = Some(Entry::Gone),
        }
    }
    let wanted: Vec<(&Prefix, &str)> = contexts.iter().map(|(_, p, id)| (p, id.as_str())).collect();
    let loaded = hashes::load_many(conn, &wanted).await?;
    for ((i, prefix, id), found) in contexts.into_iter().zip(loaded) {
        page[i] = Some(match found {
            Loaded::Missing => Entry::Gone,
            Loaded::Context(stored) => {
                let doc = v010::compose(&id, &stored);
                Entry::Hashes {
                    prefix: prefix.as_str().to_string(),
                    id,
                    stored,
                    doc,
                }
            }
            Loaded::NotAContext => Entry::Other(keys[i].clone(), "hash".into()),
            Loaded::OtherType(kind) => Entry::Other(keys[i].clone(), kind),
        });
    }
    let refs: Vec<&[u8]> = typed.iter().map(|&i| keys[i].as_slice()).collect();
    for (i, kind) in typed.into_iter().zip(conn.types(&refs).await?) {
        let turns = kind == "hash" && matches!(name(scope, &keys[i]), Name::Turns);
        page[i] = Some(match kind.as_str() {
            "none" => Entry::Gone,
            _ if turns => Entry::Turns(keys[i].clone()),
            _ => other(&keys[i], kind, scope),
        });
    }
    Ok(())
}

/// What a key's name says it is, within a walk's scope.
enum Name {
    /// A main hash's name: the context's prefix and id.
    Main(Prefix, String),
    /// A turn hash's name.
    Turns,
    /// Anything else the walk covers.
    Other,
    /// Outside the walk's ids.
    Outside,
}

fn name(scope: &Scope, key: &[u8]) -> Name {
    let Ok(text) = std::str::from_utf8(key) else {
        return Name::Other;
    };
    let ids_match = |id: &str| {
        scope
            .ids
            .as_deref()
            .is_none_or(|g| glob::matches(g.as_bytes(), id.as_bytes()))
    };
    let main = |prefix: &Prefix| prefix.id_of_main(text).map(|id| (prefix.clone(), id));
    let found = match &scope.layouts {
        Layouts::Legacy => None,
        Layouts::Hashes(prefix) | Layouts::Prefix(prefix) | Layouts::Both(Some(prefix)) => {
            main(prefix)
        }
        Layouts::Both(None) => {
            hashes::split_main(text).and_then(|(prefix, id)| Some((Prefix::new(prefix).ok()?, id)))
        }
    };
    match found {
        Some((prefix, id)) if ids_match(id) => Name::Main(prefix, id.to_string()),
        Some(_) => Name::Outside,
        None => {
            let turns = match &scope.layouts {
                Layouts::Prefix(prefix) | Layouts::Both(Some(prefix)) | Layouts::Hashes(prefix) => {
                    prefix.id_of_turns(text).is_some()
                }
                Layouts::Both(None) => hashes::is_turns_name(text),
                Layouts::Legacy => false,
            };
            // With one prefix asked for, another prefix's contexts are not the walk's.
            let elsewhere = matches!(scope.layouts, Layouts::Both(Some(_)))
                && (hashes::split_main(text).is_some() || hashes::is_turns_name(text));
            if turns && scope.ids.is_none() {
                Name::Turns
            } else if in_scope(scope, key) && !elsewhere {
                Name::Other
            } else {
                Name::Outside
            }
        }
    }
}
