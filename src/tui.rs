//! The terminal: set up, run the loop, and restore on every exit path. The loop is generic
//! over the ratatui backend and the event source so tests drive the whole app.

use crate::app::{keymap, Action, App};
use anyhow::Result;
use crossterm::event::{self, Event};
use ratatui::backend::Backend;
use ratatui::Terminal;
use std::time::Duration;

/// Applies one terminal event to the app.
pub fn handle(app: &mut App, event: Event) {
    let action = match event {
        Event::Key(key) => keymap::resolve(app, key),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    };
    if let Some(a) = action {
        app.update(a);
    }
}

/// What the event source gave.
pub enum Next {
    Event(Event),
    /// Nothing within the time asked for.
    Idle,
    /// No more events.
    End,
}

/// How often the loop looks for work finished in the background (the jobs of
/// `app/jobs.rs`: the finder being built, grades, reminders, the start checks).
const BACKGROUND_POLL: Duration = Duration::from_millis(30);

/// Draws, then waits for and applies events until the app quits. `next_event` gets how long
/// it may wait (`None`: as long as it takes); while the finder is built in the background the
/// loop wakes up to show it as soon as it is ready.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    next_event: impl FnMut(Option<Duration>) -> Result<Next>,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    run_copying(terminal, app, next_event, |_| {})
}

/// The loop, handing what the app asked to copy (`y` on the report) to `copy` after each
/// frame: the real terminal sends it as OSC 52, a test backend has no clipboard.
pub fn run_copying<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut(Option<Duration>) -> Result<Next>,
    mut copy: impl FnMut(&str),
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    while !app.quit {
        app.tick();
        terminal.draw(|f| crate::ui::draw(f, app))?;
        if let Some(text) = app.take_clipboard() {
            copy(&text);
        }
        if let Some((viewer, file)) = app.take_to_open() {
            // Detached from the terminal: the viewer's own output would draw over the screen.
            let started = std::process::Command::new(&viewer)
                .arg(&file)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn();
            if let Ok(mut child) = started {
                // Reaped when it ends, so no zombie waits for kam to quit.
                std::thread::spawn(move || child.wait());
            } else {
                app.status = Some(crate::app::Status {
                    text: crate::i18n::t_args(
                        app.lang,
                        "attachment-no-viewer",
                        &[("path", file.display().to_string().into())],
                    ),
                    error: true,
                });
            }
        }
        let mut wait = app.is_busy().then_some(BACKGROUND_POLL);
        if let Some(due) = app.lock_due_in() {
            wait = Some(wait.map_or(due, |w| w.min(due)));
        }
        if let Some(due) = app.sync_due_in() {
            // A book in a team syncs by itself every few minutes (app/team_sync.rs).
            wait = Some(wait.map_or(due, |w| w.min(due)));
        }
        match next_event(wait)? {
            Next::Event(e) => handle(app, e),
            Next::Idle => {}
            Next::End => break,
        }
    }
    Ok(())
}

/// How often the real terminal's loop looks whether it was asked to stop (SIGTERM).
const SIGNAL_POLL: Duration = Duration::from_millis(200);

/// The real terminal: raw mode, alternate screen, bracketed paste. `ratatui::init` installs a
/// panic hook that restores the terminal; `restore` runs on every other exit, a SIGTERM
/// included: by default it ended the process at once and left the terminal raw in
/// the alternate screen (found by a hostile review). Ctrl-C is a key in raw mode.
pub fn run_terminal(app: &mut App) -> Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stopped = std::sync::Arc::new(AtomicBool::new(false));
    // SIGTERM only: a SIGHUP means the terminal is gone, and caught it left kam spinning in
    // crossterm's reader of a closed terminal (seen: orphaned processes at 15% CPU each); its
    // default ends the process, and there is no terminal left to restore. A second SIGTERM
    // ends kam at once.
    use signal_hook::consts::SIGTERM;
    let signals: Vec<signal_hook::SigId> = [
        signal_hook::flag::register_conditional_shutdown(SIGTERM, 1, stopped.clone()),
        signal_hook::flag::register(SIGTERM, stopped.clone()),
    ]
    .into_iter()
    .filter_map(Result::ok)
    .collect();
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
    let result = run_copying(
        &mut terminal,
        app,
        |wait| {
            let deadline = wait.map(|w| std::time::Instant::now() + w);
            loop {
                if stopped.load(Ordering::Relaxed) {
                    return Ok(Next::End);
                }
                let slice = deadline.map_or(SIGNAL_POLL, |d| {
                    d.saturating_duration_since(std::time::Instant::now())
                        .min(SIGNAL_POLL)
                });
                if event::poll(slice)? {
                    return Ok(Next::Event(event::read()?));
                }
                if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                    return Ok(Next::Idle);
                }
            }
        },
        |text| {
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = out.write_all(osc52(text).as_bytes());
            let _ = out.flush();
        },
    );
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    for id in signals {
        signal_hook::low_level::unregister(id);
    }
    // The attachments opened were plain copies of a book that may be encrypted: they do not
    // outlive the session (a viewer started has read its file, or holds it open).
    crate::app::screens::attachments::remove_opened();
    result
}

/// The OSC 52 sequence that puts `text` on the system clipboard of a terminal that allows it
/// (most do; tmux with `set-clipboard on`): `ESC ] 52 ; c ; base64 BEL`.
pub fn osc52(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut b64 = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                b64.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                b64.push('=');
            }
        }
    }
    format!("\x1b]52;c;{b64}\x07")
}

#[cfg(test)]
mod tests {
    #[test]
    fn osc52_carries_the_text_in_base64() {
        // RFC 4648's test vectors.
        assert_eq!(super::osc52("foobar"), "\x1b]52;c;Zm9vYmFy\x07");
        assert_eq!(super::osc52("fooba"), "\x1b]52;c;Zm9vYmE=\x07");
        assert_eq!(super::osc52("f"), "\x1b]52;c;Zg==\x07");
        assert_eq!(super::osc52(""), "\x1b]52;c;\x07");
    }
}
