//! Drawing the screen under any overlay: one file per screen, as in `app::screens`.

mod analytics;
mod attachments;
mod brief;
mod card;
mod catalogue;
mod custom_fields;
mod deals;
mod detail;
mod import_map;
mod list;
mod map;
mod planner;
mod record_table;
mod relations;
mod reminders;
mod report;
mod targets;
mod trash;
mod week_plan;
mod welcome;

use crate::app::{App, View};
use ratatui::layout::Rect;
use ratatui::Frame;

/// The screen shown, from its own state.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    // Each screen's state is the one shown: `shown` finds it by its type.
    let drawn = match app.view() {
        View::Welcome => {
            welcome::draw(frame, area, app);
            Some(())
        }
        View::List => app.shown().map(|l| list::draw(frame, area, app, l)),
        View::Detail => app.shown().map(|d| detail::draw(frame, area, app, d)),
        View::Trash => app.shown().map(|t| trash::draw(frame, area, app, t)),
        View::Planner => app.shown().map(|p| planner::draw(frame, area, app, p)),
        View::Report => app.shown().map(|r| report::draw(frame, area, app, r)),
        View::Reminders => app.shown().map(|r| reminders::draw(frame, area, app, r)),
        View::Analytics => app.shown().map(|a| analytics::draw(frame, area, app, a)),
        View::ImportMap => app.shown().map(|m| import_map::draw(frame, area, app, m)),
        View::Brief => app.shown().map(|b| brief::draw(frame, area, app, b)),
        View::Catalogue => app.shown().map(|c| catalogue::draw(frame, area, app, c)),
        View::Targets => app.shown().map(|s| targets::draw(frame, area, app, s)),
        View::WeekPlan => app.shown().map(|w| week_plan::draw(frame, area, app, w)),
        View::Map => app.shown().map(|m| map::draw(frame, area, app, m)),
        View::Attachments => app.shown().map(|a| attachments::draw(frame, area, app, a)),
        View::CustomFields => app
            .shown()
            .map(|c| custom_fields::draw(frame, area, app, c)),
    };
    debug_assert!(drawn.is_some(), "the screen shown is of its view's type");
}
