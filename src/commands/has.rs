//! `has KEY...`: EXISTS, Chatsky's `contains`. True for any key of any type or content.

use crate::cli::HasArgs;
use crate::error::Status;
use crate::output::emit;
use crate::output::reports::{HasReport, Presence};
use crate::settings::Settings;
use crate::store::legacy;

pub async fn run(args: HasArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let keys: Vec<&[u8]> = args.keys.iter().map(|k| k.as_bytes()).collect();
    let found = legacy::exists(&mut conn, &keys).await?;
    let all = found.iter().all(|e| *e);
    if !args.quiet {
        let report = HasReport(
            args.keys
                .into_iter()
                .zip(found)
                .map(|(key, exists)| Presence { key, exists })
                .collect(),
        );
        emit(settings, &report)?;
    }
    Ok(if all { Status::Ok } else { Status::Absent })
}
