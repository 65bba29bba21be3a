//! chatsky-redis: administer the conversation contexts that Chatsky keeps in Redis.
//!
//! The binary is a thin shell over this library: [`cli`] parses, [`settings`] resolves, a command
//! in [`commands`] works through [`storage`] (Redis) and [`model`] (the Context document), and
//! [`output`] prints. [`error::exit_code`] is the one map from outcomes to exit codes.

pub mod cli;
pub mod commands;
pub mod confirm;
pub mod connection;
pub mod error;
pub mod generate;
pub mod interrupt;
pub mod model;
pub mod output;
pub mod settings;
pub mod store;

use std::process::ExitCode;

use clap::Parser;

use crate::error::{exit_code, Status, EXIT_OK, EXIT_USAGE};
use crate::settings::Settings;

/// Parse the command line, run, report, and map the outcome to the exit code.
pub fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version are not errors; clap prints them to stdout.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            });
        }
    };
    let result = run(cli);
    if let Err(err) = &result {
        if !error::is_broken_pipe(err) {
            report(err);
        }
    }
    ExitCode::from(exit_code(&result))
}

fn run(cli: cli::Cli) -> anyhow::Result<Status> {
    let settings = Settings::resolve(&cli)?;
    for warning in &settings.endpoint.warnings {
        output::warn(warning);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(commands::run(cli.command, &settings))
}

/// One line with the whole cause chain, then the hint if there is one.
fn report(err: &anyhow::Error) {
    let message = format!("{err:#}");
    output::say(&format!("error: {message}"));
    if let Some(hint) = error::hint(err) {
        output::say(&format!("hint: {hint}"));
    }
}
