//! The notes search line and the newest notes it finds.

use super::{text, theme};
use crate::app::detail::Tab;
use crate::app::shown::NoteHit;
use crate::app::{App, NoteSearchState};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// `s` left-aligned in exactly `width` columns.
fn cell(s: &str, width: usize) -> String {
    let shown = text::truncate(s, width);
    let pad = width.saturating_sub(text::width(&shown));
    format!("{shown}{}", " ".repeat(pad))
}

/// The tab name of the note's kind ("Visits", "拜访").
fn kind_label(app: &App, hit: &NoteHit) -> String {
    Tab::ALL
        .into_iter()
        .find(|t| t.new_kind() == hit.kind)
        .map(|t| app.t(t.message()))
        .unwrap_or_default()
}

fn row(app: &App, hit: &NoteHit, w: usize) -> Line<'static> {
    let date: String = hit.date.chars().take(10).collect();
    let account = format!("{} {}", hit.account_code, hit.account_name);
    let account_w = (w / 4).clamp(10, 32);
    let rest = w.saturating_sub(11 + 9 + account_w + 2);
    Line::from(vec![
        Span::styled(format!("{date:<10} "), theme::dim()),
        Span::styled(cell(&kind_label(app, hit), 8), theme::key()),
        Span::raw(" "),
        Span::raw(cell(&account, account_w)),
        Span::raw("  "),
        Span::raw(text::truncate(&hit.snippet, rest)),
    ])
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &NoteSearchState) {
    let popup = super::centered(area, 110, area.height.saturating_sub(2).max(5));
    frame.render_widget(super::Popup, popup);
    let block = Block::bordered()
        .title(format!(" {} ", app.t("notes-title")))
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
            Span::styled("S ", theme::key()),
            Span::raw(s.input.text().to_string()),
        ])),
        line,
    );
    frame.set_cursor_position(Position::new(
        (line.x + 2 + s.input.cursor_column() as u16).min(line.right().saturating_sub(1)),
        line.y,
    ));
    let info_text = if s.input.text().trim().is_empty() {
        app.t("notes-hint")
    } else {
        crate::i18n::t_args(app.lang, "notes-count", &[("count", s.hits.len().into())])
    };
    frame.render_widget(
        Paragraph::new(text::truncate(&info_text, info.width as usize)).style(theme::dim()),
        info,
    );
    let height = results.height as usize;
    let offset = s.selected.saturating_sub(height.saturating_sub(1));
    let w = results.width as usize;
    for (y, (i, hit)) in s
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let mut line = row(app, hit, w);
        if i == s.selected {
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
