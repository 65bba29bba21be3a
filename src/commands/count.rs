//! `count`: DBSIZE, Chatsky's `len` (every key of the db). `--exact` walks the db with SCAN and
//! tells contexts from other keys.

use std::collections::BTreeMap;

use crate::cli::CountArgs;
use crate::error::Status;
use crate::model::view::{classify, Classified};
use crate::output::emit;
use crate::output::reports::CountReport;
use crate::settings::Settings;
use crate::storage::{Scan, Storage, Stored};

pub async fn run(args: CountArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut storage = super::connect(settings).await?;
    let report = if args.exact {
        exact(&mut storage).await?
    } else {
        CountReport {
            keys: storage.dbsize().await?,
            contexts: None,
            other: None,
            other_by_kind: None,
        }
    };
    emit(settings, &report)?;
    Ok(Status::Ok)
}

async fn exact(storage: &mut Storage) -> anyhow::Result<CountReport> {
    let (mut keys, mut contexts) = (0, 0);
    let mut other: BTreeMap<String, u64> = BTreeMap::new();
    let mut scan = Scan::new(None, 1000);
    while let Some(page) = scan.next(storage).await? {
        let refs: Vec<&[u8]> = page.iter().map(Vec::as_slice).collect();
        for stored in storage.get_many(&refs).await? {
            let kind = match stored {
                // Deleted between SCAN and GET: it no longer counts.
                Stored::Missing => continue,
                Stored::OtherType(t) => t,
                Stored::Value(raw) => match classify(&raw) {
                    Classified::Context(_) => {
                        contexts += 1;
                        keys += 1;
                        continue;
                    }
                    Classified::NotContext(what) => format!("string: {}", short_kind(&what)),
                },
            };
            keys += 1;
            *other.entry(kind).or_default() += 1;
        }
    }
    Ok(CountReport {
        keys,
        contexts: Some(contexts),
        other: Some(other.values().sum()),
        other_by_kind: Some(other),
    })
}

/// `not JSON (line 1, column 2: …)` → `not JSON`, so kinds group together.
fn short_kind(what: &str) -> &str {
    what.split(" (").next().unwrap_or(what)
}
