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
    mut next_event: impl FnMut(Option<Duration>) -> Result<Next>,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    while !app.quit {
        app.tick();
        terminal.draw(|f| crate::ui::draw(f, app))?;
        let mut wait = app.is_busy().then_some(BACKGROUND_POLL);
        if let Some(due) = app.lock_due_in() {
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
    let result = run(&mut terminal, app, |wait| {
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
    });
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    for id in signals {
        signal_hook::low_level::unregister(id);
    }
    result
}
