//! One file per subcommand. Each takes its clap arguments and the resolved settings, does its work
//! through `storage` and `model`, and prints through `output`.

mod clear;
mod completions;
mod convert;
mod count;
mod export;
mod get;
mod has;
mod import;
mod ls;
mod man;
mod migrate;
mod put;
mod rm;

use crate::cli::Command;
use crate::connection::{Connection, Failure};
use crate::error::{Error, Status};
use crate::interrupt;
use crate::settings::Settings;
use crate::store::detect::{self, Ambiguous};
use crate::store::Layout;

/// Run one subcommand.
pub async fn run(command: Command, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(name) = writes(&command).filter(|_| settings.read_only) {
        return Err(Error::Refused(format!(
            "--read-only: `{name}` writes to Redis; nothing was sent (its --dry-run may run)"
        ))
        .into());
    }
    interrupt::listen(crate::output::say);
    match command {
        Command::Has(args) => has::run(args, settings).await,
        Command::Get(args) => get::run(args, settings).await,
        Command::Put(args) => put::run(args, settings).await,
        Command::Rm(args) => rm::run(args, settings).await,
        Command::Count(args) => count::run(args, settings).await,
        Command::Clear(args) => clear::run(args, settings).await,
        Command::Ls(args) => ls::run(args, settings).await,
        Command::Export(args) => export::run(args, settings).await,
        Command::Import(args) => import::run(args, settings).await,
        Command::Migrate(args) => migrate::run(args, settings).await,
        Command::Convert(args) => convert::run(args, settings).await,
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args, settings),
    }
}

/// The name of a command that would write to Redis, for `--read-only` to refuse; `None` for one
/// that only reads (a dry run included). Every command is named, so that a new one must be
/// classed here.
fn writes(command: &Command) -> Option<&'static str> {
    match command {
        Command::Put(_) => Some("put"),
        Command::Rm(args) if !args.confirm.dry_run => Some("rm"),
        Command::Clear(args) if !args.confirm.dry_run => Some("clear"),
        Command::Import(args) if !args.dry_run => Some("import"),
        Command::Migrate(args) if !args.dry_run => Some("migrate"),
        Command::Has(_)
        | Command::Get(_)
        | Command::Rm(_)
        | Command::Count(_)
        | Command::Clear(_)
        | Command::Ls(_)
        | Command::Export(_)
        | Command::Import(_)
        | Command::Migrate(_)
        | Command::Convert(_)
        | Command::Completions(_)
        | Command::Man(_) => None,
    }
}

/// The status of a walk that ran to its end or was stopped by Ctrl-C.
fn finished(interrupted: bool) -> Status {
    if interrupted {
        Status::Interrupted
    } else {
        Status::Ok
    }
}

/// The layout each id's context is in (the one `--layout` names, or with auto the one that holds
/// it); `None` for an id with no context. An id with a context in both layouts is an error.
async fn layouts_of(
    conn: &mut Connection,
    settings: &Settings,
    ids: &[&str],
) -> anyhow::Result<Vec<Option<Layout>>> {
    let found = detect::ids(conn, settings.layout, &settings.prefix, ids).await?;
    Ok(found
        .into_iter()
        .collect::<Result<_, Ambiguous>>()
        .map_err(|e| {
            Error::Usage(format!(
                "{e}; pass --layout legacy or --layout 0.10 to say which"
            ))
        })?)
}

/// [`layouts_of`] one id.
async fn layout_of(
    conn: &mut Connection,
    settings: &Settings,
    id: &str,
) -> anyhow::Result<Option<Layout>> {
    Ok(layouts_of(conn, settings, &[id]).await?.remove(0))
}

/// With `--layout auto`, the layout a command on a whole db (`count`, `clear`) works on: the one
/// a sample of its contexts is in (0.10 when there are 0.10 contexts under `--prefix`, whatever
/// other prefixes hold); legacy when it has none, as Chatsky's legacy `len` and `clear` take the
/// whole db. Contexts of both layouts, or 0.10 ones only under other prefixes than `--prefix`, are
/// an error that says what to pass.
async fn db_layout(conn: &mut Connection, settings: &Settings) -> anyhow::Result<Layout> {
    let only = settings.prefix_given.then_some(&settings.prefix);
    let sample = detect::sample(conn, only).await?;
    let prefixes: Vec<&str> = sample.hashes.keys().map(String::as_str).collect();
    let listed = prefixes
        .iter()
        .map(|p| format!("{p:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let ours = prefixes.contains(&settings.prefix.as_str());
    match (sample.legacy > 0, prefixes.as_slice()) {
        (_, []) => Ok(Layout::Legacy),
        (false, _) if ours => Ok(Layout::Hashes(settings.prefix.clone())),
        (true, _) => Err(both_layouts(&listed).into()),
        // The sample saw only other prefixes: ours may still hold contexts further on.
        (false, _)
            if detect::any_hashes_context(conn, Some(&settings.prefix))
                .await?
                .is_some() =>
        {
            Ok(Layout::Hashes(settings.prefix.clone()))
        }
        (false, _) => Err(Error::Usage(format!(
            "the db holds chatsky 0.10 contexts under prefix {listed}, and --prefix is {:?}: pass \
             --prefix to say which",
            settings.prefix.as_str()
        ))
        .into()),
    }
}

/// A db that holds contexts of both layouts, for a command that works on one.
fn both_layouts(prefixes: &str) -> Error {
    Error::Usage(format!(
        "the db holds legacy contexts and chatsky 0.10 contexts (prefix {prefixes}): say which to \
         work on with --layout legacy or --layout 0.10"
    ))
}

/// The number of keys for a progress bar (DBSIZE): only when a bar will show, and none (a
/// spinner instead) for a user whose ACL does not allow DBSIZE.
async fn progress_total(
    settings: &Settings,
    quiet: bool,
    conn: &mut Connection,
) -> Result<Option<u64>, Failure> {
    if quiet || !settings.stderr_tty {
        return Ok(None);
    }
    match crate::store::legacy::count(conn).await {
        Err(e) if e.denies("dbsize") => Ok(None),
        total => total.map(Some),
    }
}

/// Connect to the database the settings point at.
async fn connect(settings: &Settings) -> Result<Connection, Failure> {
    Connection::connect(&settings.endpoint, settings.timeouts).await
}
