//! Walking the contexts of a database for `ls` and `export`: SCAN pages, one pipelined GET per
//! page, non-contexts skipped and counted, Ctrl-C honoured between pages. Memory holds one page.

use crate::error::Error;
use crate::model::view::sniff;
use crate::output::reports::WalkReport;
use crate::storage::{Scan, Storage, Stored};

/// Keys per SCAN page, and so per pipelined GET.
const PAGE: usize = 1000;

/// What the walk found under one key.
pub enum Visit<'a> {
    /// A stored context; `strict` when it is strict JSON (no NaN/Infinity).
    Context {
        key: &'a str,
        raw: &'a [u8],
        strict: bool,
    },
    /// Any other key, and what it is.
    Other { key: &'a [u8], kind: String },
}

/// Walk the keys matching `pattern`, calling `visit` for each. Returns the tally; stops early
/// (and says so) on Ctrl-C.
pub async fn walk(
    storage: &mut Storage,
    pattern: Option<&str>,
    mut visit: impl FnMut(Visit<'_>) -> anyhow::Result<()>,
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
                    Ok(strict) => {
                        report.contexts += 1;
                        visit(Visit::Context { key, raw, strict })?;
                        continue;
                    }
                    Err(what) => format!("string: {what}"),
                },
            };
            report.skip(&kind);
            visit(Visit::Other { key, kind })?;
        }
        progress(keys.len() as u64);
    }
    Ok(report)
}

/// DBSIZE for sizing a progress bar; a failure here only loses the bar's length.
pub async fn total(storage: &mut Storage) -> Result<u64, Error> {
    storage.dbsize().await
}
