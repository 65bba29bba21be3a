//! `count`: DBSIZE, Chatsky's `len` (every key of the db). `--exact` walks the db with SCAN and
//! tells contexts from other keys.

use crate::cli::CountArgs;
use crate::connection::Connection;
use crate::error::Status;
use crate::output::emit;
use crate::output::reports::CountReport;
use crate::settings::Settings;
use crate::store::legacy;
use crate::store::walk::{self, Visit};

pub async fn run(args: CountArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let report = if args.exact {
        exact(&mut conn).await?
    } else {
        CountReport {
            keys: legacy::count(&mut conn).await?,
            contexts: None,
            other: None,
            other_by_kind: None,
            interrupted: false,
        }
    };
    emit(settings, &report)?;
    Ok(super::finished(report.interrupted))
}

/// Walk the whole db: the walk's own tally says what is a context and what is not.
async fn exact(conn: &mut Connection) -> anyhow::Result<CountReport> {
    let tally = walk::walk(conn, None, &mut |_: Visit<'_>| Ok(()), |_| {}).await?;
    Ok(CountReport {
        keys: tally.contexts + tally.skipped,
        contexts: Some(tally.contexts),
        other: Some(tally.skipped),
        other_by_kind: Some(tally.skipped_by_kind),
        interrupted: tally.interrupted,
    })
}
