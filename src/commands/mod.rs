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
mod schema;
mod walk;

use crate::cli::Command;
use crate::error::{Error, Status};
use crate::settings::Settings;
use crate::storage::Storage;

/// Run one subcommand.
pub async fn run(command: Command, settings: &Settings) -> anyhow::Result<Status> {
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

/// A flag raised by Ctrl-C, for loops that check it between batches (including blocking ones).
fn stop_on_ctrl_c() -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    });
    stop
}

/// The status of a walk that ran to its end or was stopped by Ctrl-C.
fn finished(interrupted: bool) -> Status {
    if interrupted {
        Status::Interrupted
    } else {
        Status::Ok
    }
}

/// Connect to the database the settings point at.
async fn connect(settings: &Settings) -> Result<Storage, Error> {
    Storage::connect(&settings.endpoint, settings.timeouts).await
}
