//! Ctrl-C, heard in one place. [`listen`] installs the one handler when a command starts. Work that
//! stops cleanly on Ctrl-C (walks, imports, the confirmation question, a long `FLUSHDB`) holds a
//! [`Handling`] guard and checks [`requested`] or awaits [`wait`]; a Ctrl-C while no such work
//! runs ends the process at once with exit code 130, as the default signal action would, but
//! with the documented code.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

use tokio::sync::watch;

use crate::error::EXIT_INTERRUPTED;

static PRESSED: AtomicBool = AtomicBool::new(false);
static HANDLERS: AtomicUsize = AtomicUsize::new(0);
static NOTIFY: OnceLock<watch::Sender<bool>> = OnceLock::new();

fn notifier() -> &'static watch::Sender<bool> {
    NOTIFY.get_or_init(|| watch::channel(false).0)
}

/// Start hearing Ctrl-C. Call once, inside the runtime, before any work: the handler is in place
/// when this returns. `say` tells the user when Ctrl-C ends the process.
pub fn listen(say: fn(&str)) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut sigint) = signal(SignalKind::interrupt()) {
            tokio::spawn(async move {
                while sigint.recv().await.is_some() {
                    pressed(say);
                }
            });
        }
    }
    #[cfg(not(unix))]
    tokio::spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            pressed(say);
        }
    });
}

fn pressed(say: fn(&str)) {
    PRESSED.store(true, Ordering::SeqCst);
    notifier().send_replace(true);
    if HANDLERS.load(Ordering::SeqCst) == 0 {
        say("interrupted");
        std::process::exit(i32::from(EXIT_INTERRUPTED));
    }
}

/// Whether Ctrl-C has been pressed.
pub fn requested() -> bool {
    PRESSED.load(Ordering::SeqCst)
}

/// Resolves once Ctrl-C has been pressed (at once if it already was).
pub async fn wait() {
    let mut rx = notifier().subscribe();
    // The sender lives in a static, so the channel never closes.
    let _ = rx.wait_for(|pressed| *pressed).await;
}

/// While one is alive, Ctrl-C is left to the work that holds it instead of ending the process.
#[must_use = "Ctrl-C is handled only while the guard lives"]
pub struct Handling(());

/// Take Ctrl-C over for the life of the guard.
pub fn handle() -> Handling {
    HANDLERS.fetch_add(1, Ordering::SeqCst);
    Handling(())
}

impl Drop for Handling {
    fn drop(&mut self) {
        HANDLERS.fetch_sub(1, Ordering::SeqCst);
    }
}
