//! `completions SHELL`: print the completion script for a shell, the same file as the checked-in
//! copy under `completions/`, for users who installed with `cargo install`.

use std::io::Write;

use crate::cli::CompletionsArgs;
use crate::error::Status;
use crate::generate;

pub fn run(args: CompletionsArgs) -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    out.write_all(&generate::completions(args.shell))?;
    out.flush()?;
    Ok(Status::Ok)
}
