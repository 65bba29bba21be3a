//! Progress bars on stderr for long runs; hidden when stderr is not a terminal or with `--quiet`.

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::settings::Settings;

/// Keys a second as a whole number (`40,057/s`): indicatif's own `{per_sec}` prints four
/// decimals (`40,057.2029/s`).
fn rate(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{}/s", HumanCount(state.per_sec().round() as u64));
}

/// A bar of `len` units (`None`: a spinner with a count), labelled `what`.
pub fn bar(
    settings: &Settings,
    quiet: bool,
    len: Option<u64>,
    what: &str,
    bytes: bool,
) -> ProgressBar {
    if quiet || !settings.stderr_tty {
        return ProgressBar::hidden();
    }
    let template = match (len, bytes) {
        (Some(_), true) => "{msg:>10} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        (Some(_), false) => "{msg:>10} [{bar:40}] {human_pos}/{human_len} ({rate}, {eta})",
        (None, _) => "{msg:>10} {spinner} {human_pos} ({rate})",
    };
    let bar = len.map_or_else(ProgressBar::new_spinner, ProgressBar::new);
    bar.set_draw_target(ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> ").with_key("rate", rate));
    }
    bar.set_message(what.to_string());
    bar
}
