//! Drawing the screen under any overlay: one file per screen, as in `app::screens`.

mod analytics;
mod detail;
mod list;
mod planner;
mod reminders;
mod report;
mod trash;
mod welcome;

use crate::app::{App, Screen};
use ratatui::layout::Rect;
use ratatui::Frame;

/// The screen shown, from its own state.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    match &app.screen {
        Screen::Welcome => welcome::draw(frame, area, app),
        Screen::List(l) => list::draw(frame, area, app, l),
        Screen::Detail(d) => detail::draw(frame, area, app, d),
        Screen::Trash(t) => trash::draw(frame, area, app, t),
        Screen::Planner(p) => planner::draw(frame, area, app, p),
        Screen::Report(r) => report::draw(frame, area, app, r),
        Screen::Reminders(r) => reminders::draw(frame, area, app, r),
        Screen::Analytics(a) => analytics::draw(frame, area, app, a),
    }
}
