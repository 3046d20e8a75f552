//! The brief before a visit: its sections one under another, wrapped to the window (a
//! continued line keeps its indent), scrolled from the state's first line, with a bar when
//! there is more.

use crate::app::screens::brief::BriefState;
use crate::app::App;
use crate::ui::{scroll, text::wrap, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, b: &BriefState) {
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let sections = b
        .brief
        .sections(app.lang, b.personal, "brief-personal-hidden-screen");
    let hint = if b.personal {
        "brief-hint-personal"
    } else {
        "brief-hint"
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", sections[0].title), theme::title()),
            Span::styled(format!(" {}", app.t(hint)), theme::dim()),
        ])),
        top,
    );
    // One column at the right for the scroll bar.
    let width = body.width.saturating_sub(1) as usize;
    let mut lines: Vec<Line> = vec![];
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
            lines.push(Line::styled(s.title.clone(), theme::header()));
        }
        for (level, text) in &s.lines {
            let indent = "  ".repeat(level + 1);
            let room = width.saturating_sub(indent.len()).max(8);
            for piece in wrap(text, room) {
                lines.push(Line::raw(format!("{indent}{piece}")));
            }
        }
    }
    let height = body.height as usize;
    let first = b.scroll.min(lines.len().saturating_sub(height));
    let total = lines.len();
    let shown: Vec<Line> = lines.into_iter().skip(first).take(height).collect();
    frame.render_widget(Paragraph::new(shown), body);
    scroll::bar(frame, body, total, height, first);
}
