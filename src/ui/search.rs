//! The account search line and the accounts it finds, updated on every keystroke.

use super::hit_list::{self, Around};
use super::{text, theme};
use crate::app::shown::{Hit, MatchKind};
use crate::app::{App, SearchState};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
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
    let info = if app.is_loading() {
        app.t("search-indexing")
    } else if s.input.text().is_empty() {
        app.t("search-hint")
    } else {
        crate::i18n::t_args(app.lang, "search-count", &[("count", s.hits.len().into())])
    };
    let around = Around {
        width: 100,
        title: &app.t("search-title"),
        prompt: "/ ",
        info: &info,
    };
    hit_list::draw(frame, area, s, &around, |hit, w| row(app, hit, w));
}

/// An account found: its code, its name with what matched marked, and the contact or phone
/// that matched (else its primary contact and phone). None for an account no longer there.
fn row(app: &App, hit: &Hit, w: usize) -> Option<Line<'static>> {
    let a = app.finder.account(hit.account_id)?;
    let extra = match (&hit.matched_text, hit.kind) {
        (Some(m), MatchKind::Contact) => match &hit.title {
            Some(title) => format!("← {m} · {title}"),
            None => format!("← {m}"),
        },
        (Some(m), MatchKind::Phone | MatchKind::Email | MatchKind::Field | MatchKind::Tag) => {
            format!("← {m}")
        }
        _ => format!(
            "{} {}",
            a.primary_contact.clone().unwrap_or_default(),
            a.primary_phone.clone().unwrap_or_default()
        ),
    };
    // The name takes half the row, less when the contact and phone need it: a phone number
    // is never cut while the name has room to give (issue 16).
    let name_w = (w * 5 / 10)
        .min(w.saturating_sub(9 + 1 + text::width(&extra)))
        .max(10);
    let mut spans = vec![Span::styled(format!("{:<8} ", a.code), theme::dim())];
    let name = highlighted(&a.name, &hit.name_ranges, name_w);
    let used: usize = name.iter().map(|s| text::width(&s.content)).sum();
    spans.extend(name);
    spans.push(Span::raw(" ".repeat(name_w.saturating_sub(used) + 1)));
    let rest = w.saturating_sub(9 + name_w + 1);
    spans.push(Span::styled(text::truncate(&extra, rest), theme::dim()));
    Some(Line::from(spans))
}
