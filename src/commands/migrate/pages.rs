//! The walk's pages, migrated: each page's contexts are copied out of the walk, converted, and
//! written in batches through `store::transfer` on a connection of the page's own (`WATCH` needs
//! one), two pages in flight while the walk reads the next ones.
//!
//! Pages are converted on the runtime's two worker threads, giving way to other tasks every few
//! contexts, rather than on blocking threads: each thread that allocates keeps its own heap, and
//! blocking threads raised the peak memory by half (measured with 100,000 contexts).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::task::{JoinHandle, JoinSet};

use crate::cli::ToLayout;
use crate::connection::{Connection, Failure};
use crate::interrupt;
use crate::model::convert;
use crate::model::v010::{Fields, Stored};
use crate::output::migrate::MigrateReport;
use crate::store::hashes::{is_turns_name, split_main};
use crate::store::transfer::{self, Ends, Fate, Move, Outcome, Rules, Source, Target};
use crate::store::walk::{Visit, Visitor};

use super::super::convert::Plan;
use super::absorb;

/// Contexts per transaction. A transaction of 64 bench contexts (4 KB each) is about 300 KB of
/// commands, which the allocator keeps in large blocks it is slow to give back: 64 peaked at
/// 68 MB, 32 at 64 MB, 16 at 40 MB (100,000 contexts); the round trips saved by more were
/// not worth it.
const BATCH: usize = 16;
/// Pages being converted or written at once, besides the pages the walk reads ahead: one per
/// worker thread.
const IN_FLIGHT: usize = 2;
/// Batches of a page written at once.
const WRITERS: usize = 4;
/// Contexts converted between two chances for other tasks (the walk's reads, the writes) to run.
const YIELD_EVERY: usize = 16;

/// A source context, copied out of the walk.
enum Found {
    Legacy { key: String, raw: Vec<u8> },
    Hashes { id: String, stored: Stored },
}

impl Found {
    /// Drop what was read, keeping the key: only a guarded deletion compares it again.
    fn forget(&mut self) {
        match self {
            Found::Legacy { raw, .. } => *raw = Vec::new(),
            Found::Hashes { stored, .. } => *stored = Stored::default(),
        }
    }

    fn key(&self) -> &str {
        match self {
            Found::Legacy { key, .. } => key,
            Found::Hashes { id, .. } => id,
        }
    }
}

/// A context converted into its target layout.
enum Converted {
    Legacy(String),
    Hashes(Fields),
}

/// The connections a page writes over, the page's own while it has them.
struct Own {
    target: Connection,
    source: Option<Connection>,
}

/// Connections for pages: opened as pages need them, given back when a page is done.
struct Pool {
    source: Connection,
    /// `None`: the target is the source's db.
    target: Option<Connection>,
    dry_run: bool,
    delete_source: bool,
    idle: Mutex<Vec<Own>>,
}

impl Pool {
    async fn take(&self) -> Result<Own, Failure> {
        if let Some(own) = self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            return Ok(own);
        }
        let target = self.target.as_ref().unwrap_or(&self.source);
        // A dry run writes nothing and watches nothing: the shared connections do.
        if self.dry_run {
            return Ok(Own {
                target: target.clone(),
                source: None,
            });
        }
        let source = match (&self.target, self.delete_source) {
            (Some(_), true) => Some(self.source.another().await?),
            _ => None,
        };
        Ok(Own {
            target: target.another().await?,
            source,
        })
    }

    fn give(&self, own: Own) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(own);
        }
    }
}

/// The walk's visitor: collects each page, and starts its migration when the page is done.
pub(super) struct Migrator {
    plan: Arc<Plan>,
    rules: Rules,
    pool: Arc<Pool>,
    page: Vec<Found>,
    /// What the walk found that is not a context of the source layout.
    others: MigrateReport,
    in_flight: VecDeque<JoinHandle<Page>>,
    done: MigrateReport,
    failed: Option<anyhow::Error>,
}

impl Migrator {
    pub fn new(plan: Plan, rules: Rules, source: Connection, target: Option<Connection>) -> Self {
        Migrator {
            pool: Arc::new(Pool {
                source,
                target,
                dry_run: rules.dry_run,
                delete_source: rules.delete_source,
                idle: Mutex::new(Vec::new()),
            }),
            plan: Arc::new(plan),
            rules,
            page: Vec::new(),
            others: MigrateReport::default(),
            in_flight: VecDeque::new(),
            done: MigrateReport::default(),
            failed: None,
        }
    }

    /// Wait for the pages still in flight, and add everything to `report`; the first failure,
    /// if any, once every page sent has been counted.
    pub async fn finish(mut self, report: &mut MigrateReport) -> anyhow::Result<()> {
        while let Some(page) = self.in_flight.pop_front() {
            self.settle(page).await;
        }
        absorb(report, std::mem::take(&mut self.done));
        absorb(report, std::mem::take(&mut self.others));
        self.failed.map_or(Ok(()), Err)
    }

    async fn settle(&mut self, page: JoinHandle<Page>) {
        match page.await {
            Ok((report, failed)) => {
                absorb(&mut self.done, report);
                if let Some(e) = failed {
                    self.failed.get_or_insert(e);
                }
            }
            Err(e) => {
                self.failed.get_or_insert(e.into());
            }
        }
    }

    /// A key that is not a context of the source layout, by what it is (0.10's own keys named
    /// as such, as a walk of legacy keys meets them).
    fn other(&mut self, key: &[u8], kind: &str) {
        let text = String::from_utf8_lossy(key);
        let kind = if kind == "hash" && (split_main(&text).is_some() || is_turns_name(&text)) {
            "hash (a chatsky 0.10 key)"
        } else {
            kind
        };
        *self.others.other_keys.entry(kind.to_string()).or_default() += 1;
    }
}

impl Visitor for Migrator {
    fn visit(&mut self, found: Visit<'_>) -> anyhow::Result<()> {
        match found {
            Visit::Legacy { key, raw, .. } => self.page.push(Found::Legacy {
                key: key.to_string(),
                raw: raw.to_vec(),
            }),
            Visit::Hashes { id, stored, .. } => self.page.push(Found::Hashes {
                id: id.to_string(),
                stored: stored.clone(),
            }),
            Visit::Other { key, kind } => self.other(key, kind),
            Visit::Turns { .. } => {}
        }
        Ok(())
    }

    async fn page_done(&mut self, _conn: &mut Connection) -> anyhow::Result<()> {
        if !self.page.is_empty() {
            let found = std::mem::take(&mut self.page);
            let (plan, pool, rules) = (self.plan.clone(), self.pool.clone(), self.rules);
            self.in_flight
                .push_back(tokio::spawn(migrate_page(plan, rules, pool, found)));
        }
        while self.in_flight.len() > IN_FLIGHT {
            if let Some(page) = self.in_flight.pop_front() {
                self.settle(page).await;
            }
        }
        // A failure stops the walk; the pages in flight are still counted by `finish`.
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// What a page did, and the failure that stopped it (its report still counts every batch written
/// before).
type Page = (MigrateReport, Option<anyhow::Error>);

/// Convert a page, then write it batch by batch; Ctrl-C stops it between batches.
async fn migrate_page(plan: Arc<Plan>, rules: Rules, pool: Arc<Pool>, found: Vec<Found>) -> Page {
    let mut report = MigrateReport {
        contexts: found.len() as u64,
        sources_deleted: rules.delete_source.then_some(0),
        sources_kept: rules.delete_source.then_some(0),
        ..MigrateReport::default()
    };
    let mut ready = Vec::with_capacity(found.len());
    for (i, mut found) in found.into_iter().enumerate() {
        if i % YIELD_EVERY == YIELD_EVERY - 1 {
            tokio::task::yield_now().await;
        }
        // A panic is a bug in this tool, not in the context; still, it is not written.
        let converted = std::panic::catch_unwind(|| convert_one(&plan, &found))
            .unwrap_or_else(|_| Err("internal error while converting this context".into()));
        match converted {
            Ok((converted, notes)) => {
                report.notes.add(found.key(), &notes);
                if !rules.delete_source {
                    found.forget();
                }
                ready.push((found, converted));
            }
            Err(why) => report.fail(found.key(), &why),
        }
    }
    let mut batches = Vec::with_capacity(ready.len() / BATCH + 1);
    let mut ready = ready.into_iter().peekable();
    while ready.peek().is_some() {
        batches.push(ready.by_ref().take(BATCH).collect::<Vec<_>>());
    }
    let failed = write_all(&plan, &rules, &pool, batches, &mut report).await;
    (report, failed)
}

/// Write a page's batches, [`WRITERS`] at a time (each on a connection of its own: a batch waits
/// for two round trips, and small batches keep the memory down). Ctrl-C stops it between batches;
/// after a failure no batch is started, but every batch started is counted.
async fn write_all(
    plan: &Arc<Plan>,
    rules: &Rules,
    pool: &Arc<Pool>,
    batches: Vec<Vec<(Found, Converted)>>,
    report: &mut MigrateReport,
) -> Option<anyhow::Error> {
    let mut writing = JoinSet::new();
    let mut failed = None;
    for batch in batches {
        if interrupt::requested() {
            report.interrupted = true;
            break;
        }
        if writing.len() >= WRITERS {
            tally_batch(writing.join_next().await, report, &mut failed);
        }
        if failed.is_some() {
            break;
        }
        let (plan, pool, rules) = (plan.clone(), pool.clone(), *rules);
        writing.spawn(async move {
            let moves: Vec<Move<'_>> = batch.iter().map(|(f, c)| a_move(&plan, f, c)).collect();
            write(&pool, &moves, &rules).await
        });
    }
    while let Some(done) = writing.join_next().await {
        tally_batch(Some(done), report, &mut failed);
    }
    failed
}

type Written = Result<Result<Vec<Outcome>, Failure>, tokio::task::JoinError>;

/// Count a written batch, or keep the first failure.
fn tally_batch(
    done: Option<Written>,
    report: &mut MigrateReport,
    failed: &mut Option<anyhow::Error>,
) {
    match done {
        Some(Ok(Ok(outcomes))) => outcomes.into_iter().for_each(|o| count(report, o)),
        Some(Ok(Err(e))) => {
            failed.get_or_insert(e.into());
        }
        Some(Err(e)) => {
            failed.get_or_insert(e.into());
        }
        None => {}
    }
}

/// One batch through `store::transfer`, on connections of its own.
async fn write(pool: &Pool, moves: &[Move<'_>], rules: &Rules) -> Result<Vec<Outcome>, Failure> {
    let mut own = pool.take().await?;
    let ends = Ends {
        target: &mut own.target,
        source: own.source.as_mut(),
    };
    let outcomes = transfer::transfer(ends, moves, rules).await?;
    // A connection whose transfer failed may be in the middle of a transaction: not reused.
    pool.give(own);
    Ok(outcomes)
}

/// One context converted, with its notes; or why it cannot be.
fn convert_one(plan: &Plan, found: &Found) -> Result<(Converted, Vec<String>), String> {
    match (found, plan.to) {
        (Found::Legacy { key, raw }, ToLayout::V010) => {
            let mut fields =
                convert::legacy_to_v010(key, raw, &plan.to_v010()).map_err(|e| e.to_string())?;
            let notes = std::mem::take(&mut fields.notes);
            Ok((Converted::Hashes(fields), notes))
        }
        (Found::Hashes { id, stored }, ToLayout::Legacy) => {
            let legacy = convert::v010_stored_to_legacy(id, stored, &plan.to_legacy())
                .map_err(|e| e.to_string())?;
            Ok((Converted::Legacy(legacy.json), legacy.notes))
        }
        // The walk covers only the source layout.
        _ => Err("internal error: a context of the target layout".into()),
    }
}

fn a_move<'a>(plan: &'a Plan, found: &'a Found, converted: &'a Converted) -> Move<'a> {
    let source = match found {
        Found::Legacy { key, raw } => Source::Legacy { key, raw },
        Found::Hashes { id, stored } => Source::Hashes {
            prefix: &plan.prefix,
            id,
            stored,
        },
    };
    let target = match converted {
        Converted::Legacy(json) => Target::Legacy {
            key: found.key(),
            value: json.as_bytes(),
        },
        Converted::Hashes(fields) => Target::Hashes {
            prefix: &plan.prefix,
            id: found.key(),
            fields,
        },
    };
    Move { target, source }
}

/// Count what happened to one context.
fn count(report: &mut MigrateReport, outcome: Outcome) {
    match outcome {
        Outcome::Written(fate) => {
            report.migrated += 1;
            match fate {
                Fate::Deleted => bump(&mut report.sources_deleted),
                Fate::Changed => bump(&mut report.sources_kept),
                // Deleted by someone else after it was read: nothing to keep or delete.
                Fate::Kept | Fate::Gone => {}
            }
        }
        Outcome::Kept => report.kept_existing += 1,
        Outcome::Blocked(kind) => report.skip(&format!(
            "the target key holds a Redis {kind}, not a context of the target layout (left as it is)"
        )),
        Outcome::Changed => report.skip(
            "the source changed while it was being migrated (a bot's turn): left for the next run",
        ),
        Outcome::Gone => report.skip("the source was deleted while it was being migrated"),
    }
}

fn bump(n: &mut Option<u64>) {
    if let Some(n) = n {
        *n += 1;
    }
}
