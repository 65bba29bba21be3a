//! `man [--dir DIR]`: print the top man page (`chatsky-redis man | man -l -`), or write every page
//! into a directory of the man path; the same files as the checked-in copies under `man/`.

use std::io::Write;

use crate::cli::ManArgs;
use crate::error::{Error, Status};
use crate::generate;
use crate::output::emit;
use crate::output::reports::WrittenReport;
use crate::settings::Settings;

pub fn run(args: ManArgs, settings: &Settings) -> anyhow::Result<Status> {
    let Some(dir) = args.dir else {
        let (_, page) = generate::man_pages().remove(0);
        let mut out = std::io::stdout().lock();
        out.write_all(&page)?;
        out.flush()?;
        return Ok(Status::Ok);
    };
    let written = generate::write_man_pages(&dir).map_err(|e| {
        Error::Usage(format!(
            "cannot write the man pages into {}: {e}",
            dir.display()
        ))
    })?;
    emit(
        settings,
        &WrittenReport {
            files: written.iter().map(|p| p.display().to_string()).collect(),
        },
    )?;
    Ok(Status::Ok)
}
