//! Confirmation before destructive work: the prompt goes to stderr and defaults to no; `--yes`
//! skips it; with no terminal on stdin and no `--yes` we refuse rather than hang.

use crate::error::Error;
use crate::settings::Settings;

/// Ask `question`; Ok when the user (or `--yes`) agreed, a refusal error otherwise.
pub fn confirm(settings: &Settings, yes: bool, question: &str) -> Result<(), Error> {
    if yes {
        return Ok(());
    }
    if !settings.stdin_tty {
        return Err(Error::Refused(format!(
            "refusing to go on without confirmation ({question}): stdin is not a terminal; \
             pass --yes (or set CHATSKY_REDIS_YES=1) to confirm, --dry-run to only look"
        )));
    }
    let agreed = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact_on(&dialoguer::console::Term::stderr())
        .map_err(|e| Error::Refused(format!("no confirmation: {e}")))?;
    if agreed {
        Ok(())
    } else {
        Err(Error::Refused("not confirmed; nothing was deleted".into()))
    }
}
