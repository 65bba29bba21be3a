//! `has KEY...`: does a context exist? Legacy: EXISTS, Chatsky's `contains`, true for a key of any
//! type or content. 0.10: a main hash `P:main:ID`.

use crate::cli::HasArgs;
use crate::error::Status;
use crate::output::emit;
use crate::output::reports::{HasReport, Presence};
use crate::settings::Settings;

pub async fn run(args: HasArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let ids: Vec<&str> = args.keys.iter().map(String::as_str).collect();
    let found = super::layouts_of(&mut conn, settings, &ids).await?;
    let all = found.iter().all(Option::is_some);
    if !args.quiet {
        let report = HasReport(
            args.keys
                .into_iter()
                .zip(found)
                .map(|(key, layout)| Presence {
                    key,
                    exists: layout.is_some(),
                    layout: layout.map(|l| l.name()),
                })
                .collect(),
        );
        emit(settings, &report)?;
    }
    Ok(if all { Status::Ok } else { Status::Absent })
}
