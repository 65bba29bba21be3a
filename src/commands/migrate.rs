//! `migrate --to 0.10|legacy`: every context of the other layout in the db (the walk's SCAN,
//! streaming) converted by `model::convert`, validated as the target version reads it, and
//! written in the target layout, in the same db or in `--target-url`'s; with `--delete-source`
//! each source is deleted once its copy is written (`store::transfer` says how that stays safe).
//!
//! As for `import`: pages are converted on the worker threads while the next ones are read,
//! writes go out in atomic batches (several in flight), Ctrl-C stops between batches and the
//! report says what was written, a lost connection stops it after reporting how far it got.

mod pages;

use std::collections::BTreeMap;

use crate::cli::{MigrateArgs, ToLayout};
use crate::confirm::{self, Answer};
use crate::connection::Connection;
use crate::error::Status;
use crate::interrupt;
use crate::output::emit;
use crate::output::migrate::MigrateReport;
use crate::output::progress::bar;
use crate::settings::Settings;
use crate::store::transfer::Rules;
use crate::store::walk::{self, Layouts, Scope};

use super::convert::Plan;
use pages::Migrator;

pub async fn run(args: MigrateArgs, settings: &Settings) -> anyhow::Result<Status> {
    let plan = Plan::new(&args.conversion, settings)?;
    let mut source = super::connect(settings).await?;
    let target = connect_target(settings).await?;
    let mut report = empty_report(&plan, &args, settings);
    // Held from here to the report, so that a second Ctrl-C while batches finish is heard too.
    let _ctrl_c = interrupt::handle();
    if args.delete_source && !args.dry_run && ask(&args, &report, settings)? == Answer::Interrupted
    {
        report.interrupted = true;
        emit(settings, &report)?;
        return Ok(Status::Interrupted);
    }
    let scope = Scope {
        layouts: match plan.to {
            ToLayout::V010 => Layouts::Legacy,
            ToLayout::Legacy => Layouts::Hashes(plan.prefix.clone()),
        },
        ids: args.pattern.clone(),
    };
    // Only a walk of every key has a total to show: the db's size.
    let total = match (&scope.layouts, &args.pattern) {
        (Layouts::Legacy, None) => super::progress_total(settings, args.quiet, &mut source).await?,
        _ => None,
    };
    let progress = bar(settings, args.quiet, total, "migrating", false);
    let rules = Rules {
        replace: args.replace,
        delete_source: args.delete_source,
        dry_run: args.dry_run,
    };
    let mut migrator = Migrator::new(plan, rules, source.clone(), target);
    let walked = walk::walk(&mut source, &scope, &mut migrator, |n| progress.inc(n)).await;
    let written = migrator.finish(&mut report).await;
    progress.finish_and_clear();
    if let Ok(tally) = &walked {
        report.interrupted |= tally.interrupted;
    }
    if walked.is_ok() && report.contexts == 0 && !report.interrupted {
        nothing_found(&mut source, &report, args.pattern.is_some()).await;
    }
    tell(settings, &report)?;
    walked?;
    written?;
    Ok(status(&report))
}

/// The report before anything is counted: what goes where.
fn empty_report(plan: &Plan, args: &MigrateArgs, settings: &Settings) -> MigrateReport {
    MigrateReport {
        from: match plan.to {
            ToLayout::V010 => "legacy",
            ToLayout::Legacy => "0.10",
        },
        to: plan.target_name(),
        schema: plan.schema.to_string(),
        prefix: plan.prefix.as_str().to_string(),
        source: settings.endpoint.to_string(),
        target: settings
            .target
            .as_ref()
            .map_or_else(|| settings.endpoint.to_string(), |(t, _)| t.to_string()),
        dry_run: args.dry_run,
        sources_deleted: args.delete_source.then_some(0),
        sources_kept: args.delete_source.then_some(0),
        ..MigrateReport::default()
    }
}

/// The target database's connection: `None` for the source's own db (`--target-url` naming that
/// very db included, so that its writes and deletions share one transaction).
async fn connect_target(settings: &Settings) -> anyhow::Result<Option<Connection>> {
    let Some((endpoint, timeouts)) = &settings.target else {
        return Ok(None);
    };
    for warning in &endpoint.warnings {
        crate::output::warn(warning);
    }
    if endpoint.address == settings.endpoint.address && endpoint.db == settings.endpoint.db {
        return Ok(None);
    }
    Ok(Some(Connection::connect(endpoint, *timeouts).await?))
}

/// Nothing to migrate: say so, and where there are contexts of that layout (another 0.10 prefix,
/// usually), as a run that found nothing is more often a mistake than not.
async fn nothing_found(source: &mut Connection, report: &MigrateReport, matched: bool) {
    let what = match report.from {
        "legacy" => "no legacy contexts".to_string(),
        _ => format!("no chatsky 0.10 contexts under prefix {:?}", report.prefix),
    };
    let glob = if matched { " matching --match" } else { "" };
    crate::output::note(&format!("{what}{glob} in {}", report.source));
    if report.from == "0.10" {
        let Ok(sample) = crate::store::detect::sample(source, None).await else {
            return;
        };
        let others: Vec<String> = sample.hashes.keys().map(|p| format!("{p:?}")).collect();
        if !others.is_empty() {
            crate::output::note(&format!(
                "the db has chatsky 0.10 contexts under prefix {}: --prefix names the one to migrate",
                others.join(", ")
            ));
        }
    }
}

/// `--delete-source` asks first (or takes `--yes`).
fn ask(args: &MigrateArgs, report: &MigrateReport, settings: &Settings) -> anyhow::Result<Answer> {
    let into = if report.target == report.source {
        String::new()
    } else {
        format!(" in {}", report.target)
    };
    let which = match &args.pattern {
        Some(glob) => format!("the {} contexts matching {glob:?}", report.from),
        None => format!("every {} context", report.from),
    };
    let question = format!(
        "Migrate {which} of {} into {}{into}, and DELETE each source once its copy is written?",
        report.source,
        match report.to {
            "0.10" => format!("chatsky 0.10 (prefix {:?})", report.prefix),
            _ => format!("the legacy layout (chatsky {})", report.schema),
        }
    );
    Ok(confirm::confirm(settings, args.yes, &question)?)
}

/// The details on stderr (every failure listed, every note), then the report.
fn tell(settings: &Settings, report: &MigrateReport) -> std::io::Result<()> {
    for failure in &report.failures {
        crate::output::say(&format!("failed: {failure}"));
    }
    if report.failed > report.failures.len() as u64 {
        crate::output::say(&format!(
            "… and {} more failed (the first {} are listed)",
            report.failed - report.failures.len() as u64,
            report.failures.len()
        ));
    }
    for note in report.notes.lines() {
        crate::output::note(&note);
    }
    if report.sources_kept.is_some_and(|n| n > 0) {
        crate::output::say(
            "sources that changed after their copy was written were kept: run again with \
             --replace to carry their latest turns",
        );
    }
    emit(settings, report)
}

/// Exit 2 when a context was not carried over as asked (failed, skipped, or its source kept
/// although newer than its copy), as `import` does for invalid lines.
fn status(report: &MigrateReport) -> Status {
    if report.interrupted {
        Status::Interrupted
    } else if report.failed > 0 || report.skipped > 0 || report.sources_kept.is_some_and(|n| n > 0)
    {
        Status::Invalid
    } else {
        Status::Ok
    }
}

/// Add one page's counts to the report.
fn absorb(report: &mut MigrateReport, page: MigrateReport) {
    report.contexts += page.contexts;
    report.migrated += page.migrated;
    report.kept_existing += page.kept_existing;
    for (reason, n) in page.skipped_by_reason {
        report.skipped += n;
        *report.skipped_by_reason.entry(reason).or_default() += n;
    }
    report.failed += page.failed;
    let room = crate::output::migrate::MAX_LISTED.saturating_sub(report.failures.len());
    report.failures.extend(page.failures.into_iter().take(room));
    add(&mut report.sources_deleted, page.sources_deleted);
    add(&mut report.sources_kept, page.sources_kept);
    report.notes.merge(page.notes);
    report.interrupted |= page.interrupted;
    merge_counts(&mut report.other_keys, page.other_keys);
}

fn add(total: &mut Option<u64>, more: Option<u64>) {
    *total = match (*total, more) {
        (Some(t), Some(m)) => Some(t + m),
        (t, m) => t.or(m),
    };
}

fn merge_counts(into: &mut BTreeMap<String, u64>, more: BTreeMap<String, u64>) {
    for (k, n) in more {
        *into.entry(k).or_default() += n;
    }
}
