//! The search line and its results, updated on every keystroke.

use super::{text, theme};
use crate::app::shown::MatchKind;
use crate::app::{App, SearchState};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// The name split into plain and highlighted spans by character ranges.
fn highlighted(name: &str, ranges: &[std::ops::Range<usize>], width: usize) -> Vec<Span<'static>> {
    let shown = text::truncate(name, width);
    let mut spans = vec![];
    let mut current = String::new();
    let mut current_hl = false;
    for (i, c) in shown.chars().enumerate() {
        let hl = ranges.iter().any(|r| r.contains(&i));
        if hl != current_hl && !current.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut current),
                if current_hl {
                    theme::highlight()
                } else {
                    ratatui::style::Style::new()
                },
            ));
        }
        current_hl = hl;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(Span::styled(
            current,
            if current_hl {
                theme::highlight()
            } else {
                ratatui::style::Style::new()
            },
        ));
    }
    spans
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &SearchState) {
    let popup = super::centered(area, 100, area.height.saturating_sub(2).max(5));
    frame.render_widget(super::Popup, popup);
    let block = Block::bordered()
        .title(format!(" {} ", app.t("search-title")))
        .title_style(theme::title());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [line, info, results] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let prompt = "/ ";
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme::key()),
            Span::raw(s.input.text().to_string()),
        ])),
        line,
    );
    frame.set_cursor_position(Position::new(
        (line.x + 2 + s.input.cursor_column() as u16).min(line.right().saturating_sub(1)),
        line.y,
    ));
    let info_text = if app.is_loading() {
        app.t("search-indexing")
    } else if s.input.text().is_empty() {
        app.t("search-hint")
    } else {
        crate::i18n::t_args(app.lang, "search-count", &[("count", s.hits.len().into())])
    };
    frame.render_widget(
        Paragraph::new(text::truncate(&info_text, info.width as usize)).style(theme::dim()),
        info,
    );
    let height = results.height as usize;
    let offset = s.selected.saturating_sub(height.saturating_sub(1));
    let w = results.width as usize;
    for (row, (i, hit)) in s
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let Some(a) = app.finder.account(hit.account_id) else {
            continue;
        };
        let name_w = (w * 5 / 10).max(10);
        let mut spans = vec![Span::styled(format!("{:<8} ", a.code), theme::dim())];
        let name = highlighted(&a.name, &hit.name_ranges, name_w);
        let used: usize = name.iter().map(|s| text::width(&s.content)).sum();
        spans.extend(name);
        spans.push(Span::raw(" ".repeat(name_w.saturating_sub(used) + 1)));
        let extra = match (&hit.matched_text, hit.kind) {
            (Some(m), MatchKind::Contact | MatchKind::Phone | MatchKind::Email) => format!("← {m}"),
            _ => format!(
                "{} {}",
                a.primary_contact.clone().unwrap_or_default(),
                a.primary_phone.clone().unwrap_or_default()
            ),
        };
        let rest = w.saturating_sub(9 + name_w + 1);
        spans.push(Span::styled(text::truncate(&extra, rest), theme::dim()));
        let mut line = Line::from(spans);
        if i == s.selected {
            line = line.style(theme::selected());
        }
        frame.render_widget(
            Paragraph::new(line),
            Rect {
                y: results.y + row as u16,
                height: 1,
                ..results
            },
        );
    }
}
