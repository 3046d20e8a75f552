//! Drawing only: a pure function of the `App`. Nothing here changes state or touches the
//! store.

mod columns;
mod dialog;
mod dialogs;
mod form;
mod hit_list;
mod notes;
mod popup;
mod screens;
mod scroll;
mod search;
mod tabs;
pub mod text;
mod theme;

use crate::app::{App, Mode, Overlay};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Below this the screens cannot be laid out; a message is shown instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn draw(frame: &mut Frame, app: &App) {
    draw_screen(frame, app);
    // The one choke point between stored text and the terminal (issue 14).
    text::make_safe(frame.buffer_mut());
}

fn draw_screen(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = text::truncate(&app.t("too-small"), area.width as usize);
        frame.render_widget(Paragraph::new(msg).style(theme::warn()), area);
        return;
    }
    if let Some((_, wrong)) = app.lock.as_ref().and_then(|l| l.locked.as_ref()) {
        return draw_locked(frame, area, app, *wrong);
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    screens::draw(frame, body, app);
    draw_status(frame, status, app);
    if let Some(f) = &app.form {
        form::draw(frame, body, app, f);
    }
    if let Some(d) = &app.dialog {
        dialogs::draw(frame, body, app, d);
    }
    match &app.overlay {
        Some(Overlay::Search(s)) => search::draw(frame, body, app, s),
        Some(Overlay::Notes(s)) => notes::draw(frame, body, app, s),
        Some(Overlay::Help(selected)) => dialog::draw_help(frame, body, app, *selected),
        Some(Overlay::Confirm(c)) => dialog::draw_confirm(frame, body, app, c),
        None => {}
    }
}

/// The lock screen: no data at all, only how to get back in.
fn draw_locked(frame: &mut Frame, area: Rect, app: &App, wrong: bool) {
    let mut lines = vec![
        Line::from(Span::styled(app.t("locked-title"), theme::title())),
        Line::from(""),
        Line::from(app.t("locked-hint")),
    ];
    if wrong {
        lines.push(Line::from(Span::styled(
            app.t("locked-wrong"),
            theme::error(),
        )));
    }
    let popup = popup::centered(area, 60, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines).block(ratatui::widgets::Block::bordered()),
        popup,
    );
}

/// The keys that work now: in a form or the finder `?` and `q` are typed, not keys.
fn hint(app: &App) -> &'static str {
    match app.mode() {
        Mode::Form => "status-hint-form",
        Mode::Search => "status-hint-search",
        Mode::Help => "status-hint-help",
        Mode::Confirm => "status-hint-confirm",
        Mode::Browse if app.picking() => "status-hint-pick",
        Mode::Browse if app.is_loading() => "status-indexing",
        Mode::Browse => "status-hint",
    }
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let line = match &app.status {
        Some(s) => Line::from(Span::styled(
            text::truncate(&s.text, area.width as usize),
            if s.error { theme::error() } else { theme::ok() },
        )),
        None => {
            let mut hint = app.t(hint(app));
            // A book in a team: the last sync and the changes waiting, after the keys.
            if let Some(team) = app.team_indicator() {
                hint = format!("{team}  {hint}");
            }
            Line::from(Span::styled(
                text::truncate(&hint, area.width as usize),
                theme::dim(),
            ))
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}
