//! `clear`: FLUSHDB on the selected db, Chatsky's `clear`, after confirmation. `clear --match` and
//! `rm --match` delete only the contexts whose keys match a glob, through SCAN and UNLINK.

use crate::cli::{ClearArgs, Confirmation};
use crate::confirm::{confirm, Answer};
use crate::connection::Connection;
use crate::error::{Error, Status};
use crate::interrupt;
use crate::output::emit;
use crate::output::reports::ClearReport;
use crate::settings::Settings;
use crate::store::legacy::{self, Checked, Deleted};
use crate::store::walk::{Visit, Visitor};

pub async fn run(args: ClearArgs, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(pattern) = args.pattern {
        return delete_matching(settings, &pattern, &args.confirm).await;
    }
    let mut conn = super::connect(settings).await?;
    let keys = legacy::count(&mut conn).await?;
    let report = ClearReport {
        server: settings.endpoint.to_string(),
        db: settings.endpoint.db,
        pattern: None,
        deleted: keys,
        kept_changed: 0,
        dry_run: args.confirm.dry_run,
        interrupted: false,
    };
    if !args.confirm.dry_run {
        let question = format!(
            "Delete ALL {} of db {} at {} (FLUSHDB), contexts and any other keys?",
            crate::output::plural(keys, "key", "keys"),
            settings.endpoint.db,
            settings.endpoint
        );
        if confirm(settings, args.confirm.yes, &question)? == Answer::Interrupted {
            return Ok(nothing_deleted_on_ctrl_c());
        }
        // Keys written between DBSIZE and FLUSHDB go too; report what was there when counted.
        // Ctrl-C while it runs (a large db, a slow server) ends the wait, not the command.
        let _ctrl_c = interrupt::handle();
        tokio::select! {
            done = legacy::clear(&mut conn) => done?,
            _ = interrupt::wait() => {
                crate::output::say(&format!(
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

/// Delete every context whose key matches `pattern`; keys that are not contexts are kept.
pub async fn delete_matching(
    settings: &Settings,
    pattern: &str,
    opts: &Confirmation,
) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let mut report = ClearReport {
        server: settings.endpoint.to_string(),
        db: settings.endpoint.db,
        pattern: Some(pattern.to_string()),
        deleted: 0,
        kept_changed: 0,
        dry_run: opts.dry_run,
        interrupted: false,
    };
    if opts.dry_run || !opts.yes {
        let found = walk(&mut conn, pattern, false).await?;
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
            "Delete {} matching {pattern:?} from db {} at {}?",
            crate::output::plural(found.deleted, "context", "contexts"),
            settings.endpoint.db,
            settings.endpoint
        );
        if confirm(settings, false, &question)? == Answer::Interrupted {
            return Ok(nothing_deleted_on_ctrl_c());
        }
    }
    let done = walk(&mut conn, pattern, true).await?;
    report.deleted = done.deleted;
    report.kept_changed = done.kept;
    report.interrupted = done.interrupted;
    emit(settings, &report)?;
    Ok(super::finished(done.interrupted))
}

/// Deletes the contexts of each page once the page is read; other keys are kept, and so is a
/// context that stops being one before its deletion (see `legacy::delete_contexts`).
struct Unlinker {
    delete: bool,
    page: Vec<Checked>,
    done: Deleted,
}

impl Visitor for Unlinker {
    fn visit(&mut self, found: Visit<'_>) -> anyhow::Result<()> {
        if let Visit::Context { key, raw, .. } = found {
            self.page.push(Checked::new(key.as_bytes(), raw));
        }
        Ok(())
    }

    async fn page_done(&mut self, conn: &mut Connection) -> anyhow::Result<()> {
        let checked = std::mem::take(&mut self.page);
        if !self.delete {
            self.done.deleted += checked.len() as u64;
            return Ok(());
        }
        let done = legacy::delete_contexts(conn, checked)
            .await
            .map_err(|e| anyhow::Error::new(Error::Redis(e)).context(NEEDS_EVAL))?;
        self.done.deleted += done.deleted;
        self.done.kept += done.kept;
        Ok(())
    }
}

/// What to say when the guarded delete fails, e.g. when the ACL does not allow `EVAL`.
pub const NEEDS_EVAL: &str = "deleting checks and deletes each context in one Lua script (EVAL), \
     so that a key that stops being a context meanwhile is kept";

struct Walked {
    deleted: u64,
    kept: u64,
    interrupted: bool,
}

/// Walk the matching keys; count the contexts among them, and UNLINK them when `delete`.
/// Stops between pages on Ctrl-C, so every page is either wholly done or not started.
async fn walk(conn: &mut Connection, pattern: &str, delete: bool) -> anyhow::Result<Walked> {
    let mut unlinker = Unlinker {
        delete,
        page: Vec::new(),
        done: Deleted::default(),
    };
    let tally = crate::store::walk::walk(conn, Some(pattern), &mut unlinker, |_| {}).await?;
    Ok(Walked {
        deleted: unlinker.done.deleted,
        kept: unlinker.done.kept,
        interrupted: tally.interrupted,
    })
}

/// Ctrl-C before anything was deleted: at the question, or while counting what to ask about.
fn nothing_deleted_on_ctrl_c() -> Status {
    crate::output::say("interrupted; nothing was deleted");
    Status::Interrupted
}
