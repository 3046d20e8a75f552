//! The analytics tabs of issue 21 (returns, purchase cycles, satisfaction): each the command
//! line's report on the screen, its short table (products, the summary, the months) over the
//! accounts, of which only the visible rows are made (100,000 buyers cost no more than ten).

use super::analytics::{draw_sheet, empty, window};
use crate::app::analytics::{AnalyticsState, AnalyticsTab};
use crate::app::shown::Sheet;
use crate::app::App;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::Frame;
use std::ops::Range;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    let lang = app.lang;
    match a.tab {
        AnalyticsTab::Returns => match &a.returns {
            Some(r) if !r.accounts.is_empty() || !r.products.is_empty() => split(
                frame,
                area,
                &r.products_sheet(lang),
                |rows| r.accounts_sheet(lang, rows),
                a.selected(),
            ),
            _ => empty(frame, area, app),
        },
        AnalyticsTab::Purchases => match &a.purchases {
            Some(p) if !p.accounts.is_empty() => split(
                frame,
                area,
                &p.summary_sheet(lang),
                |rows| p.accounts_sheet(lang, rows),
                a.selected(),
            ),
            _ => empty(frame, area, app),
        },
        AnalyticsTab::Satisfaction => match &a.satisfaction {
            Some(s) if !s.accounts.is_empty() => split(
                frame,
                area,
                &s.trend_sheet(lang),
                |rows| s.accounts_sheet(lang, rows),
                a.selected(),
            ),
            _ => empty(frame, area, app),
        },
        _ => {}
    }
}

/// `top` in full (up to half the height), a blank line, then the accounts around `selected`.
fn split<'s>(
    frame: &mut Frame,
    area: Rect,
    top: &Sheet,
    accounts: impl Fn(Range<usize>) -> Sheet<'s>,
    selected: usize,
) {
    let top_height = (top.rows.len() as u16 + 1).min(area.height / 2);
    let [upper, _, lower] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    draw_sheet(frame, upper, top, None);
    let (rows, sel) = window(lower, selected);
    draw_sheet(frame, lower, &accounts(rows), sel);
}
