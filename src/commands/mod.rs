//! One file per subcommand. Each takes its clap arguments and the resolved settings, does its work
//! through `storage` and `model`, and prints through `output`.

mod clear;
mod count;
mod export;
mod get;
mod has;
mod import;
mod ls;
mod put;
mod rm;

use crate::cli::Command;
use crate::connection::{Connection, Failure};
use crate::error::{Error, Status};
use crate::interrupt;
use crate::settings::Settings;

/// Run one subcommand.
pub async fn run(command: Command, settings: &Settings) -> anyhow::Result<Status> {
    if let Some(name) = writes(&command).filter(|_| settings.read_only) {
        return Err(Error::Refused(format!(
            "--read-only: `{name}` writes to Redis; nothing was sent (its --dry-run may run)"
        ))
        .into());
    }
    interrupt::listen();
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
        Command::Has(_)
        | Command::Get(_)
        | Command::Rm(_)
        | Command::Count(_)
        | Command::Clear(_)
        | Command::Ls(_)
        | Command::Export(_)
        | Command::Import(_) => None,
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
