//! `kam` with no command: the terminal interface, with its reminders, daily backup and
//! screen lock started, on the book the command line named.

use super::Invocation;
use anyhow::{bail, Result};
use std::io::IsTerminal;

pub fn run(cx: &Invocation) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(crate::i18n::t(cx.lang, "cli-needs-terminal"));
    }
    let mut app = crate::app::App::start_deferred(cx.write()?, cx.lang)?;
    app.start_daily_backup();
    let minutes = std::env::var("KAM_LOCK_MINUTES")
        .ok()
        .and_then(|m| m.trim().parse().ok());
    app.lock_after(minutes);
    crate::tui::run_terminal(&mut app)
}
