//! The notes search line and the newest notes it finds.

use super::hit_list::{self, Around};
use super::{text, theme};
use crate::app::detail::Tab;
use crate::app::shown::NoteHit;
use crate::app::{App, NoteSearchState};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
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
    // The name first: on a narrow window the code is what is cut.
    let account = format!("{} {}", hit.account_name, hit.account_code);
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
    let info = if s.input.text().trim().is_empty() {
        app.t("notes-hint")
    } else {
        crate::i18n::t_args(app.lang, "notes-count", &[("count", s.hits.len().into())])
    };
    let around = Around {
        width: 110,
        title: &app.t("notes-title"),
        prompt: "S ",
        info: &info,
    };
    hit_list::draw(frame, area, s, &around, |hit, w| Some(row(app, hit, w)));
}
