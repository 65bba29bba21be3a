//! Walking the contexts of a database for `ls` and `export`: SCAN pages, one pipelined GET per
//! page, non-contexts skipped and counted, Ctrl-C honoured between pages. Memory holds one page.

use crate::error::Error;
use crate::model::view::sniff;
use crate::output::reports::WalkReport;
use crate::storage::{Scan, Storage, Stored};

/// Keys per SCAN page, and so per pipelined GET.
const PAGE: usize = 1000;

/// One stored context found by the walk.
pub struct Found<'a> {
    pub key: &'a str,
    pub raw: &'a [u8],
}

/// What the walk found that is not a context.
pub struct Other<'a> {
    pub key: &'a [u8],
    pub kind: String,
}

/// Walk contexts matching `pattern`, calling `found` for each and `other` for each other key.
/// Returns the tally; stops early (and says so) on Ctrl-C.
pub async fn walk(
    storage: &mut Storage,
    pattern: Option<&str>,
    mut found: impl FnMut(Found<'_>) -> anyhow::Result<()>,
    mut other: impl FnMut(Other<'_>) -> anyhow::Result<()>,
    mut progress: impl FnMut(u64),
) -> anyhow::Result<WalkReport> {
    let mut report = WalkReport::default();
    let mut scan = Scan::new(pattern, PAGE);
    let interrupt = tokio::signal::ctrl_c();
    tokio::pin!(interrupt);
    loop {
        let page = tokio::select! {
            biased;
            _ = &mut interrupt => { report.interrupted = true; break; }
            page = scan.next(storage) => page?,
        };
        let Some(keys) = page else { break };
        let refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
        let values = storage.get_many(&refs).await?;
        for (key, stored) in keys.iter().zip(values) {
            let kind = match (&stored, std::str::from_utf8(key)) {
                (Stored::Missing, _) => continue,
                (Stored::OtherType(t), _) => t.clone(),
                (Stored::Value(_), Err(_)) => "string: key is not UTF-8".to_string(),
                (Stored::Value(raw), Ok(key)) => match sniff(raw) {
                    Ok(()) => {
                        report.contexts += 1;
                        found(Found { key, raw })?;
                        continue;
                    }
                    Err(what) => format!("string: {what}"),
                },
            };
            report.skip(&kind);
            other(Other { key, kind })?;
        }
        progress(keys.len() as u64);
    }
    Ok(report)
}

/// DBSIZE for sizing a progress bar; a failure here only loses the bar's length.
pub async fn total(storage: &mut Storage) -> Result<u64, Error> {
    storage.dbsize().await
}
