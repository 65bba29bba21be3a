//! `clear`, after confirmation. Legacy: FLUSHDB on the selected db, Chatsky's `clear`. 0.10: what
//! chatsky 0.10's `clear_all` means, the prefix's contexts, through SCAN and UNLINK (never `KEYS`,
//! never FLUSHDB), and nothing of another prefix. `clear --match` and `rm --match` delete only the
//! contexts whose ids match a glob.

use crate::cli::{ClearArgs, Confirmation};
use crate::confirm::{confirm, Answer};
use crate::connection::Connection;
use crate::error::Status;
use crate::interrupt;
use crate::output::emit;
use crate::output::reports::ClearReport;
use crate::settings::Settings;
use crate::store::walk::{self, Layouts, Scope, Visit, Visitor};
use crate::store::{legacy, Layout, Prefix};

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
        Layout::Legacy => flush(settings, &mut conn, &args.confirm).await,
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
) -> anyhow::Result<Status> {
    let keys = legacy::count(conn).await?;
    let mut report = report(settings, None, None, opts);
    report.deleted = keys;
    if !opts.dry_run {
        let question = format!(
            "Delete ALL {keys} keys of db {} at {} (FLUSHDB), contexts and any other keys?",
            settings.endpoint.db, settings.endpoint
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
                eprintln!(
                    "chatsky-redis: interrupted while waiting for FLUSHDB; the server may still \
                     empty db {}",
                    settings.endpoint.db
                );
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
            "Delete {} {} from db {} at {}?",
            found.deleted,
            report.what(),
            settings.endpoint.db,
            settings.endpoint
        );
        if confirm(settings, false, &question)? == Answer::Interrupted {
            return Ok(nothing_deleted_on_ctrl_c());
        }
    }
    let done = delete(conn, scope, true).await?;
    report.deleted = done.deleted;
    report.interrupted = done.interrupted;
    emit(settings, &report)?;
    Ok(super::finished(done.interrupted))
}

/// Deletes the contexts of each page once the page is read, with all their keys (a 0.10
/// context's four, and turn hashes left without one when clearing a prefix); other keys are kept.
struct Unlinker {
    delete: bool,
    page: Vec<Vec<u8>>,
    contexts: u64,
}

impl Visitor for Unlinker {
    fn visit(&mut self, found: Visit<'_>) -> anyhow::Result<()> {
        match found {
            Visit::Legacy { key, .. } => {
                self.contexts += 1;
                self.page.push(key.as_bytes().to_vec());
            }
            Visit::Hashes { prefix, id, .. } => {
                self.contexts += 1;
                let prefix = Prefix::new(prefix).map_err(anyhow::Error::msg)?;
                self.page.extend(prefix.keys(id));
            }
            Visit::Turns { key } => self.page.push(key.to_vec()),
            Visit::Other { .. } => {}
        }
        Ok(())
    }

    async fn page_done(&mut self, conn: &mut Connection) -> anyhow::Result<()> {
        let keys = std::mem::take(&mut self.page);
        if self.delete {
            conn.unlink(&keys).await?;
        }
        Ok(())
    }
}

struct Walked {
    deleted: u64,
    interrupted: bool,
}

/// Walk `scope`; count the contexts in it, and UNLINK them when `delete`. Stops between pages on
/// Ctrl-C, so every page is either wholly done or not started.
async fn delete(conn: &mut Connection, scope: &Scope, delete: bool) -> anyhow::Result<Walked> {
    let mut unlinker = Unlinker {
        delete,
        page: Vec::new(),
        contexts: 0,
    };
    let tally = walk::walk(conn, scope, &mut unlinker, |_| {}).await?;
    Ok(Walked {
        deleted: unlinker.contexts,
        interrupted: tally.interrupted,
    })
}

/// Ctrl-C before anything was deleted: at the question, or while counting what to ask about.
fn nothing_deleted_on_ctrl_c() -> Status {
    eprintln!("chatsky-redis: interrupted; nothing was deleted");
    Status::Interrupted
}
