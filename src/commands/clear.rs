//! `clear`, after confirmation. Legacy: FLUSHDB on the selected db, Chatsky's `clear`. 0.10: what
//! chatsky 0.10's `clear_all` means, the prefix's contexts, through SCAN and UNLINK (never `KEYS`,
//! never FLUSHDB), and nothing of another prefix. `clear --match` and `rm --match` delete only the
//! contexts whose ids match a glob.

use crate::cli::{ClearArgs, Confirmation};
use crate::confirm::{confirm, Answer};
use crate::connection::Connection;
use crate::error::{Error, Status};
use crate::interrupt;
use crate::output::reports::ClearReport;
use crate::output::{emit, plural, say};
use crate::settings::Settings;
use crate::store::detect::{self, Asked};
use crate::store::hashes::Orphans;
use crate::store::legacy::{self, Care, Checked, Deleted, Guarded};
use crate::store::walk::{self, Layouts, Scope, Visit, Visitor};
use crate::store::{Layout, Prefix};

pub async fn run(args: ClearArgs, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(pattern) = args.pattern {
        return delete_matching(settings, &pattern, &args.confirm).await;
    }
    let mut conn = super::connect(settings).await?;
    let layout = match settings.layout.fixed(&settings.prefix) {
        Some(layout) => layout,
        None => super::db_layout(&mut conn, settings).await?,
    };
    match layout {
        Layout::Legacy => {
            // FLUSHDB takes every key: that the sample saw no 0.10 context proves nothing.
            let hashes = detect::any_hashes_context(&mut conn, None).await?;
            match (&hashes, settings.layout) {
                (Some(prefix), Asked::Auto) => {
                    Err(super::both_layouts(&format!("{:?}", prefix.as_str())).into())
                }
                _ => flush(settings, &mut conn, &args.confirm, hashes.as_ref()).await,
            }
        }
        Layout::Hashes(prefix) => {
            let scope = Scope {
                layouts: Layouts::Prefix(prefix.clone()),
                ids: None,
            };
            let report = report(settings, None, Some(&prefix), &args.confirm);
            delete_walked(settings, &mut conn, &scope, &args.confirm, report).await
        }
    }
}

/// FLUSHDB, Chatsky's legacy `clear`: every key of the db.
async fn flush(
    settings: &Settings,
    conn: &mut Connection,
    opts: &Confirmation,
    hashes: Option<&Prefix>,
) -> anyhow::Result<Status> {
    let keys = legacy::count(conn).await?;
    let mut report = report(settings, None, None, opts);
    report.deleted = keys;
    if let Some(prefix) = hashes {
        crate::output::note(&format!(
            "FLUSHDB deletes the chatsky 0.10 contexts too (prefix {:?}, maybe others); \
             `--layout 0.10 --prefix P clear` clears one prefix only",
            prefix.as_str()
        ));
    }
    if !opts.dry_run {
        let question = format!(
            "Delete ALL {} of db {} at {} (FLUSHDB), contexts and any other keys?",
            plural(keys, "key", "keys"),
            settings.endpoint.db,
            settings.endpoint
        );
        if confirm(settings, opts.yes, &question)? == Answer::Interrupted {
            return Ok(nothing_deleted_on_ctrl_c());
        }
        // Keys written between DBSIZE and FLUSHDB go too; report what was there when counted.
        // Ctrl-C while it runs (a large db, a slow server) ends the wait, not the command.
        let _ctrl_c = interrupt::handle();
        tokio::select! {
            done = legacy::clear(conn) => done?,
            _ = interrupt::wait() => {
                say(&format!(
                    "interrupted while waiting for FLUSHDB; the server may still empty db {}",
                    settings.endpoint.db
                ));
                return Ok(Status::Interrupted);
            }
        }
    }
    emit(settings, &report)?;
    Ok(Status::Ok)
}

/// Delete every context whose id matches `pattern`, in the layouts `--layout` covers; keys that
/// are not contexts are kept.
pub async fn delete_matching(
    settings: &Settings,
    pattern: &str,
    opts: &Confirmation,
) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let scope = Scope {
        layouts: settings.walk_layouts(),
        ids: Some(pattern.to_string()),
    };
    let report = report(settings, Some(pattern), None, opts);
    delete_walked(settings, &mut conn, &scope, opts, report).await
}

fn report(
    settings: &Settings,
    pattern: Option<&str>,
    prefix: Option<&Prefix>,
    opts: &Confirmation,
) -> ClearReport {
    ClearReport {
        server: settings.endpoint.to_string(),
        db: settings.endpoint.db,
        pattern: pattern.map(str::to_string),
        prefix: prefix.map(|p| p.as_str().to_string()),
        deleted: 0,
        kept_changed: 0,
        dry_run: opts.dry_run,
        interrupted: false,
    }
}

/// Count what `scope` covers, ask, then walk it again deleting. With `--yes` there is no count
/// first: the deleting walk reports what it deleted.
async fn delete_walked(
    settings: &Settings,
    conn: &mut Connection,
    scope: &Scope,
    opts: &Confirmation,
    mut report: ClearReport,
) -> anyhow::Result<Status> {
    if opts.dry_run || !opts.yes {
        let found = delete(conn, scope, false).await?;
        // An interrupted count is not a count to ask about: stop there, nothing deleted.
        if opts.dry_run || found.deleted == 0 || found.interrupted {
            // Without --dry-run this walk only counted: nothing was deleted.
            report.deleted = if opts.dry_run { found.deleted } else { 0 };
            report.interrupted = found.interrupted;
            emit(settings, &report)?;
            if found.interrupted && !opts.dry_run {
                return Ok(nothing_deleted_on_ctrl_c());
            }
            return Ok(super::finished(found.interrupted));
        }
        let question = format!(
            "Delete {} from db {} at {}?",
            report.what(found.deleted),
            settings.endpoint.db,
            settings.endpoint
        );
        if confirm(settings, false, &question)? == Answer::Interrupted {
            return Ok(nothing_deleted_on_ctrl_c());
        }
    }
    let done = delete(conn, scope, true).await?;
    report.deleted = done.deleted;
    report.kept_changed = done.kept;
    report.interrupted = done.interrupted;
    emit(settings, &report)?;
    Ok(super::finished(done.interrupted))
}

/// Deletes the contexts of each page once the page is read: a legacy context only if it still
/// holds what was read (see `legacy::Guarded`), a 0.10 one by its four keys, and, when clearing
/// a prefix, turn hashes that have no main hash (a turn hash whose context exists goes with
/// the context, so that a clear cut short never leaves a context without some of its turns);
/// other keys are kept.
struct Unlinker {
    delete: bool,
    legacy: Vec<Checked>,
    keys: Vec<Vec<u8>>,
    /// Turn hashes seen on this page, to delete if their context has no main hash.
    turns: Vec<Vec<u8>>,
    orphans: Option<Orphans>,
    /// 0.10 contexts on this page.
    hashes: u64,
    guarded: Guarded,
    done: Deleted,
}

impl Visitor for Unlinker {
    fn visit(&mut self, found: Visit<'_>) -> anyhow::Result<()> {
        match found {
            Visit::Legacy { key, raw, .. } => self.legacy.push(Checked::new(key.as_bytes(), raw)),
            Visit::Hashes { prefix, id, .. } => {
                let prefix = Prefix::new(prefix).map_err(anyhow::Error::msg)?;
                self.keys.extend(prefix.keys(id));
                self.hashes += 1;
            }
            Visit::Turns { key } => self.turns.push(key.to_vec()),
            Visit::Other { .. } => {}
        }
        Ok(())
    }

    async fn page_done(&mut self, conn: &mut Connection) -> anyhow::Result<()> {
        let checked = std::mem::take(&mut self.legacy);
        let keys = std::mem::take(&mut self.keys);
        let turns = std::mem::take(&mut self.turns);
        let hashes = std::mem::take(&mut self.hashes);
        if !self.delete {
            self.done.deleted += checked.len() as u64 + hashes;
            return Ok(());
        }
        conn.unlink(&keys).await?;
        self.done.deleted += hashes;
        if let Some(orphans) = &mut self.orphans {
            orphans.delete(conn, &turns).await?;
        }
        let done = self
            .guarded
            .delete(conn, checked)
            .await
            .map_err(|e| anyhow::Error::new(Error::Redis(e)).context(NEEDS_EVAL))?;
        self.done.deleted += done.deleted;
        self.done.kept += done.kept;
        Ok(())
    }
}

/// What to say when the guarded delete fails.
pub const NEEDS_EVAL: &str = "deleting checks and deletes each context atomically (EVAL, or \
     WATCH/MULTI/EXEC), so that a key that stops being a context meanwhile is kept";

struct Walked {
    deleted: u64,
    kept: u64,
    interrupted: bool,
}

/// Walk `scope`; count the contexts in it, and delete them when `delete`. Stops between pages on
/// Ctrl-C, so every page is either wholly done or not started.
async fn delete(conn: &mut Connection, scope: &Scope, delete: bool) -> anyhow::Result<Walked> {
    let mut unlinker = Unlinker {
        delete,
        legacy: Vec::new(),
        keys: Vec::new(),
        turns: Vec::new(),
        orphans: match &scope.layouts {
            Layouts::Prefix(prefix) => Some(Orphans::new(prefix.clone())),
            _ => None,
        },
        hashes: 0,
        guarded: Guarded::new(Care::Atomic),
        done: Deleted::default(),
    };
    let tally = walk::walk(conn, scope, &mut unlinker, |_| {}).await?;
    Ok(Walked {
        deleted: unlinker.done.deleted,
        kept: unlinker.done.kept,
        interrupted: tally.interrupted,
    })
}

/// Ctrl-C before anything was deleted: at the question, or while counting what to ask about.
fn nothing_deleted_on_ctrl_c() -> Status {
    say("interrupted; nothing was deleted");
    Status::Interrupted
}
