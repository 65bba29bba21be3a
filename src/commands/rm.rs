//! `rm KEY...`: DEL, Chatsky's `del_item`; a missing key is not an error. `rm --match GLOB`
//! deletes by pattern (see `clear`).

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
    let removed = storage.delete(&keys).await?;
    emit(
        settings,
        &RmReport {
            removed,
            keys: args.keys,
        },
    )?;
    Ok(Status::Ok)
}
