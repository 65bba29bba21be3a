//! `rm KEY...`: delete contexts; a missing one is not an error. Legacy: Chatsky's `del_item` is a
//! DEL of any key, whatever it holds; `rm` refuses a key that is not a context (and deletes
//! nothing) unless `--any-type`, which is that plain DEL, and deletes a context only if it still
//! holds what was checked (see `legacy::Guarded`). 0.10: the context's four keys by their
//! exact names, never a pattern. `rm --match GLOB` deletes by pattern (see `clear`). `--dry-run`
//! counts what would go and deletes nothing.

use crate::cli::RmArgs;
use crate::connection::Connection;
use crate::error::{Error, Status};
use crate::model::view::{classify, Classified};
use crate::output::emit;
use crate::output::reports::RmReport;
use crate::settings::Settings;
use crate::store::legacy::{self, Care, Checked, Deleted, Stored};
use crate::store::{self, Layout};

pub async fn run(args: RmArgs, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(pattern) = args.pattern {
        return super::clear::delete_matching(settings, &pattern, &args.confirm).await;
    }
    let mut conn = super::connect(settings).await?;
    let ids: Vec<&str> = args.keys.iter().map(String::as_str).collect();
    let layouts = super::layouts_of(&mut conn, settings, &ids).await?;
    let in_layout = |hashes: bool| -> Vec<&str> {
        ids.iter()
            .zip(&layouts)
            .filter(|(_, l)| matches!(l, Some(Layout::Hashes(_))) == hashes && l.is_some())
            .map(|(id, _)| *id)
            .collect()
    };
    let (legacy_ids, hashes_ids) = (in_layout(false), in_layout(true));
    let dry_run = args.confirm.dry_run;
    let mut done = if args.any_type {
        any_type(&mut conn, &legacy_ids, dry_run).await?
    } else {
        let checked = contexts(&mut conn, &legacy_ids).await?;
        if dry_run {
            Deleted {
                deleted: checked.len() as u64,
                kept: 0,
            }
        } else {
            legacy::Guarded::new(Care::Named)
                .delete(&mut conn, checked)
                .await
                .map_err(|e| {
                    anyhow::Error::new(Error::Redis(e)).context(format!(
                        "{}; --any-type deletes with a plain DEL",
                        super::clear::NEEDS_EVAL
                    ))
                })?
        }
    };
    done.deleted += if dry_run {
        hashes_ids.len() as u64
    } else {
        let layout = Layout::Hashes(settings.prefix.clone());
        store::delete(&mut conn, &layout, &hashes_ids).await?
    };
    emit(
        settings,
        &RmReport {
            removed: done.deleted,
            keys: args.keys,
            kept_changed: done.kept,
            dry_run,
        },
    )?;
    Ok(Status::Ok)
}

/// `--any-type`: DEL whatever the legacy keys hold, as Chatsky's `del_item`.
async fn any_type(conn: &mut Connection, ids: &[&str], dry_run: bool) -> anyhow::Result<Deleted> {
    let deleted = if dry_run {
        ids.len() as u64
    } else {
        store::delete(conn, &Layout::Legacy, ids).await?
    };
    Ok(Deleted { deleted, kept: 0 })
}

/// The legacy keys, checked to be contexts; the first that is not one refuses the whole command,
/// before anything is deleted.
async fn contexts(conn: &mut Connection, ids: &[&str]) -> anyhow::Result<Vec<Checked>> {
    let refs: Vec<&[u8]> = ids.iter().map(|k| k.as_bytes()).collect();
    let stored = legacy::load_many(conn, &refs).await?;
    let mut checked = Vec::with_capacity(ids.len());
    for (key, stored) in ids.iter().zip(stored) {
        let what = match stored {
            Stored::Missing => continue,
            Stored::OtherType(kind) => format!("holds a Redis {kind}, not a Chatsky context"),
            Stored::Forbidden => "is not readable: the user's ACL does not allow it".into(),
            Stored::Value(raw) => match classify(&raw) {
                Classified::Context(_) => {
                    checked.push(Checked::new(key.as_bytes(), &raw));
                    continue;
                }
                Classified::NotContext(what) => {
                    format!("its value is not a Chatsky context: {what}")
                }
            },
        };
        return Err(Error::NotAContext(format!(
            "key {key:?}: {what}; nothing was deleted (--any-type deletes keys whatever they \
             hold, as Chatsky's del_item does)"
        ))
        .into());
    }
    Ok(checked)
}
