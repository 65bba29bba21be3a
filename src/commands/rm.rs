//! `rm KEY...`: DEL, Chatsky's `del_item`; a missing key is not an error. `rm --match GLOB`
//! deletes by pattern (see `clear`). `--dry-run` counts what would go and deletes nothing.

use crate::cli::RmArgs;
use crate::error::Status;
use crate::output::emit;
use crate::output::reports::RmReport;
use crate::settings::Settings;
use crate::store::legacy;

pub async fn run(args: RmArgs, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(pattern) = args.pattern {
        return super::clear::delete_matching(settings, &pattern, &args.confirm).await;
    }
    let mut conn = super::connect(settings).await?;
    let keys: Vec<&[u8]> = args.keys.iter().map(|k| k.as_bytes()).collect();
    let dry_run = args.confirm.dry_run;
    let removed = if dry_run {
        legacy::exists(&mut conn, &keys)
            .await?
            .into_iter()
            .filter(|e| *e)
            .count() as u64
    } else {
        legacy::delete(&mut conn, &keys).await?
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
