//! The terminal: set up, run the loop, and restore on every exit path. The loop is generic
//! over the ratatui backend and the event source so tests drive the whole app.

use crate::app::{keymap, Action, App};
use anyhow::Result;
use crossterm::event::{self, Event};
use ratatui::backend::Backend;
use ratatui::Terminal;

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

/// Draws, then waits for and applies events until the app quits. `next_event` gives `None`
/// when it waited without an event: then finished background work is taken in (`App::tick`)
/// and the screen redrawn only if that changed it.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut(&App) -> Result<Option<Event>>,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|f| crate::ui::draw(f, app))?;
        }
        dirty = match next_event(app)? {
            Some(e) => {
                handle(app, e);
                true
            }
            None => false,
        };
        dirty |= app.tick();
    }
    Ok(())
}

/// Waits for the next terminal event; while background work is under way, only briefly, so
/// its result shows as soon as it is ready.
fn next_terminal_event(app: &App) -> Result<Option<Event>> {
    if app.is_busy() && !event::poll(std::time::Duration::from_millis(50))? {
        return Ok(None);
    }
    Ok(Some(event::read()?))
}

/// The real terminal: raw mode, alternate screen, bracketed paste. `ratatui::init` installs a
/// panic hook that restores the terminal; `restore` runs on every other exit.
pub fn run_terminal(app: &mut App) -> Result<()> {
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
    let result = run(&mut terminal, app, next_terminal_event);
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    result
}
