//! A hit list (app/hit_list.rs) as a popup: its line with the cursor, one line about what
//! was found, and one row per hit, the chosen one marked, scrolled to keep it in sight. How
//! a hit reads is the caller's (search.rs, notes.rs).

use super::{text, theme};
use crate::app::hit_list::HitList;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// What is around the hits.
pub struct Around<'a> {
    /// The popup's widest.
    pub width: u16,
    pub title: &'a str,
    /// Before the typed text (two columns).
    pub prompt: &'static str,
    /// The line under it (a hint, or how many were found).
    pub info: &'a str,
}

/// Draws the popup; `row` gives a hit's line at a width (`None`: a blank row).
pub fn draw<H, P>(
    frame: &mut Frame,
    area: Rect,
    list: &HitList<H, P>,
    around: &Around,
    row: impl Fn(&H, usize) -> Option<Line<'static>>,
) {
    let popup = super::popup::centered(area, around.width, area.height.saturating_sub(2).max(5));
    frame.render_widget(super::popup::Popup, popup);
    let block = Block::bordered()
        .title(format!(" {} ", around.title))
        .title_style(theme::title());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [line, info, results] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(around.prompt, theme::key()),
            Span::raw(list.input.text().to_string()),
        ])),
        line,
    );
    frame.set_cursor_position(Position::new(
        (line.x + 2 + list.input.cursor_column() as u16).min(line.right().saturating_sub(1)),
        line.y,
    ));
    frame.render_widget(
        Paragraph::new(text::truncate(around.info, info.width as usize)).style(theme::dim()),
        info,
    );
    let height = results.height as usize;
    let offset = list.selected.saturating_sub(height.saturating_sub(1));
    let w = results.width as usize;
    for (y, (i, hit)) in list
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let Some(mut line) = row(hit, w) else {
            continue;
        };
        if i == list.selected {
            line = line.style(theme::selected());
        }
        frame.render_widget(
            Paragraph::new(line),
            Rect {
                y: results.y + y as u16,
                height: 1,
                ..results
            },
        );
    }
}
