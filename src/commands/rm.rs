//! `rm KEY...`: DEL, Chatsky's `del_item`; a missing key is not an error. `rm --match GLOB`
//! deletes by pattern (see `clear`). `--dry-run` counts what would go and deletes nothing.

use crate::cli::RmArgs;
use crate::error::Status;
use crate::output::emit;
use crate::output::reports::RmReport;
use crate::settings::Settings;

pub async fn run(args: RmArgs, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(pattern) = args.pattern {
        return super::clear::delete_matching(settings, &pattern, &args.confirm).await;
    }
    let mut storage = super::connect(settings).await?;
    let keys: Vec<&[u8]> = args.keys.iter().map(|k| k.as_bytes()).collect();
    let dry_run = args.confirm.dry_run;
    let removed = if dry_run {
        storage
            .exists(&keys)
            .await?
            .into_iter()
            .filter(|e| *e)
            .count() as u64
    } else {
        storage.delete(&keys).await?
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
