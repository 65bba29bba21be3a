//! `count`: how many contexts. Legacy: DBSIZE, Chatsky's `len` (every key of the db). 0.10: the
//! main hashes under the prefix. `--exact` walks the db with SCAN and tells the contexts of each
//! layout from other keys.

use crate::cli::CountArgs;
use crate::error::Status;
use crate::output::emit;
use crate::output::reports::CountReport;
use crate::settings::Settings;
use crate::store::walk::{self, Scope, Visit};
use crate::store::{self, Layout};

pub async fn run(args: CountArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let scope = Scope {
        layouts: settings.walk_layouts(),
        ids: None,
    };
    let report = if args.exact {
        let tally = walk::walk(&mut conn, &scope, &mut |_: Visit<'_>| Ok(()), |_| {}).await?;
        CountReport::exact(tally)
    } else {
        let layout = match settings.layout.fixed(&settings.prefix) {
            Some(layout) => layout,
            None => super::db_layout(&mut conn, settings).await?,
        };
        let n = store::count(&mut conn, &layout).await?;
        match layout {
            Layout::Legacy => CountReport::keys(n),
            Layout::Hashes(prefix) => CountReport::hashes(prefix.as_str(), n),
        }
    };
    emit(settings, &report)?;
    Ok(super::finished(report.interrupted))
}
