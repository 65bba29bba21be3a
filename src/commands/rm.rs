//! `rm KEY...`: delete contexts; a missing one is not an error. Legacy: DEL, Chatsky's `del_item`
//! (a key of any type). 0.10: the context's four keys by their exact names, never a pattern.
//! `rm --match GLOB` deletes by pattern (see `clear`). `--dry-run` counts what would go and
//! deletes nothing.

use crate::cli::RmArgs;
use crate::error::Status;
use crate::output::emit;
use crate::output::reports::RmReport;
use crate::settings::Settings;
use crate::store::{self, Layout};

pub async fn run(args: RmArgs, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(pattern) = args.pattern {
        return super::clear::delete_matching(settings, &pattern, &args.confirm).await;
    }
    let mut conn = super::connect(settings).await?;
    let ids: Vec<&str> = args.keys.iter().map(String::as_str).collect();
    let layouts = super::layouts_of(&mut conn, settings, &ids).await?;
    let in_layout = |want: &Layout| -> Vec<&str> {
        ids.iter()
            .zip(&layouts)
            .filter(|(_, l)| l.as_ref() == Some(want))
            .map(|(id, _)| *id)
            .collect()
    };
    let dry_run = args.confirm.dry_run;
    let removed = if dry_run {
        layouts.iter().filter(|l| l.is_some()).count() as u64
    } else {
        let mut removed = 0;
        for layout in [Layout::Legacy, Layout::Hashes(settings.prefix.clone())] {
            removed += store::delete(&mut conn, &layout, &in_layout(&layout)).await?;
        }
        removed
    };
    emit(
        settings,
        &RmReport {
            removed,
            keys: args.keys,
            dry_run,
        },
    )?;
    Ok(Status::Ok)
}
