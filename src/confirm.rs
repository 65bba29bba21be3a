//! Confirmation before destructive work: the prompt goes to stderr and defaults to no; `--yes`
//! skips it; with no terminal on stdin or stderr and no `--yes` we refuse rather than hang.

use dialoguer::console::Term;

use crate::error::Error;
use crate::interrupt;
use crate::settings::Settings;

/// How a confirmed question ended: agreed, or Ctrl-C was pressed while it waited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    Interrupted,
}

/// Ask `question`; `Yes` when the user (or `--yes`) agreed, a refusal error otherwise. The answer
/// is the last `y` or `n` typed when Enter is pressed (no by default; Esc or `q` takes it back),
/// so a stray `y` never deletes anything by itself. Ctrl-C at the question is `Interrupted`, with
/// the cursor the prompt hid shown again.
pub fn confirm(settings: &Settings, yes: bool, question: &str) -> Result<Answer, Error> {
    if yes {
        return Ok(Answer::Yes);
    }
    let refuse = |why: &str| {
        Error::Refused(format!(
            "refusing to go on without confirmation ({question}): {why}; pass --yes (or set \
             CHATSKY_REDIS_YES=1) to confirm, --dry-run to only look"
        ))
    };
    if !settings.stdin_tty {
        return Err(refuse("stdin is not a terminal"));
    }
    if !settings.stderr_tty {
        return Err(refuse("stderr, where the question goes, is not a terminal"));
    }
    let term = Term::stderr();
    // The prompt reads Ctrl-C as a key and then raises SIGINT at this process: left to end the
    // process, that would leave the cursor hidden. Held here, it ends nothing, and the prompt
    // returns Interrupted.
    let _ctrl_c = interrupt::handle();
    let answer = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .wait_for_newline(true)
        .interact_on_opt(&term);
    match answer {
        Ok(Some(true)) => Ok(Answer::Yes),
        Ok(Some(false) | None) => Err(Error::Refused("not confirmed; nothing was deleted".into())),
        // The prompt hid the cursor and shows it again only when answered.
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            let _ = term.show_cursor();
            let _ = term.write_line("");
            Ok(Answer::Interrupted)
        }
        Err(e) => {
            let _ = term.show_cursor();
            Err(Error::Refused(format!("no confirmation: {e}")))
        }
    }
}
