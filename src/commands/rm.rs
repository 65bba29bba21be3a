//! `rm KEY...`: delete contexts; a missing key is not an error. Chatsky's `del_item` is a DEL of
//! any key, whatever it holds; `rm` refuses a key that is not a context (and deletes nothing)
//! unless `--any-type`, which is that plain DEL. A context is deleted only if it still holds what
//! was checked (see `legacy::delete_contexts`). `rm --match GLOB` deletes by pattern (see
//! `clear`). `--dry-run` counts what would go and deletes nothing.

use crate::cli::RmArgs;
use crate::connection::Connection;
use crate::error::{Error, Status};
use crate::model::view::{classify, Classified};
use crate::output::emit;
use crate::output::reports::RmReport;
use crate::settings::Settings;
use crate::store::legacy::{self, Checked, Deleted, Stored};

pub async fn run(args: RmArgs, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(pattern) = args.pattern {
        return super::clear::delete_matching(settings, &pattern, &args.confirm).await;
    }
    let mut conn = super::connect(settings).await?;
    let keys: Vec<&[u8]> = args.keys.iter().map(|k| k.as_bytes()).collect();
    let dry_run = args.confirm.dry_run;
    let done = if args.any_type {
        any_type(&mut conn, &keys, dry_run).await?
    } else {
        let checked = contexts(&mut conn, &args.keys).await?;
        if dry_run {
            Deleted {
                deleted: checked.len() as u64,
                kept: 0,
            }
        } else {
            legacy::delete_contexts(&mut conn, checked)
                .await
                .map_err(|e| {
                    anyhow::Error::new(Error::Redis(e)).context(format!(
                        "{}; --any-type deletes with a plain DEL",
                        super::clear::NEEDS_EVAL
                    ))
                })?
        }
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

/// `--any-type`: DEL whatever the keys hold, as Chatsky's `del_item`.
async fn any_type(conn: &mut Connection, keys: &[&[u8]], dry_run: bool) -> anyhow::Result<Deleted> {
    let deleted = if dry_run {
        legacy::exists(conn, keys)
            .await?
            .into_iter()
            .filter(|e| *e)
            .count() as u64
    } else {
        legacy::delete(conn, keys).await?
    };
    Ok(Deleted { deleted, kept: 0 })
}

/// The keys that exist, checked to be contexts; the first that is not one refuses the whole
/// command, before anything is deleted.
async fn contexts(conn: &mut Connection, keys: &[String]) -> anyhow::Result<Vec<Checked>> {
    let refs: Vec<&[u8]> = keys.iter().map(|k| k.as_bytes()).collect();
    let stored = legacy::load_many(conn, &refs).await?;
    let mut checked = Vec::with_capacity(keys.len());
    for (key, stored) in keys.iter().zip(stored) {
        let what = match stored {
            Stored::Missing => continue,
            Stored::OtherType(kind) => format!("holds a Redis {kind}, not a Chatsky context"),
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
