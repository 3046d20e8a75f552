//! The Relations tab (issue 22): the account's entertainment (客户招待) with budget and actual
//! spending, its gifts (礼品馈赠), the competitors met there (竞争对手) and the market events
//! its people came to (市场活动参与情况), one under the other. One selection runs over the three, in the order `DetailState::items` lists them.

use super::record_table::{draw_records_selected, draw_table_selected, empty};
use crate::app::detail::DetailState;
use crate::app::App;
use crate::domain::*;
use crate::i18n::{field_label, t_args};
use crate::ui::columns::Give;
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const EVENT_COLUMNS: [&str; 6] = ["date", "event", "kind", "attendees", "interest", "effect"];

const COMPETITOR_COLUMNS: [&str; 6] = [
    "name",
    "products",
    "prices",
    "share",
    "strengths",
    "weaknesses",
];

pub fn draw(frame: &mut Frame, body: Rect, app: &App, d: &DetailState) {
    let (ents, gifts, rivals, events) = (
        &d.dossier.entertainments,
        &d.dossier.gifts,
        &d.dossier.competitors,
        &d.dossier.event_attendances,
    );
    if ents.is_empty() && gifts.is_empty() && rivals.is_empty() && events.is_empty() {
        return empty(frame, body, app);
    }
    let selected = d.selected[d.tab.index()];
    let counts = [ents.len(), gifts.len(), rivals.len(), events.len()];
    let heights = heights(counts, body.height);
    let areas: [Rect; 4] = Layout::vertical(heights.map(Constraint::Length)).areas(body);
    // Where each section's rows start in the one selection.
    let starts = [
        0,
        counts[0],
        counts[0] + counts[1],
        counts[0] + counts[1] + counts[2],
    ];
    let within = |i: usize| selected.checked_sub(starts[i]).filter(|s| *s < counts[i]);
    let titles = section_titles(app, d);
    for i in 0..4 {
        if areas[i].height == 0 {
            continue;
        }
        let [title, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(areas[i]);
        frame.render_widget(
            Paragraph::new(titles[i].clone()).style(theme::title()),
            title,
        );
        if table.height == 0 || counts[i] == 0 {
            continue;
        }
        match i {
            0 => draw_entertainments(frame, table, app, ents, within(0)),
            1 => draw_gifts(frame, table, app, gifts, within(1)),
            2 => draw_records_selected(frame, table, app, rivals, &COMPETITOR_COLUMNS, within(2)),
            _ => draw_records_selected(frame, table, app, events, &EVENT_COLUMNS, within(3)),
        }
    }
}

/// Each section a title line, and a header and its rows when it has any; what the body
/// cannot give is taken from the longest.
fn heights(counts: [usize; 4], room: u16) -> [u16; 4] {
    let mut h = counts.map(|n| if n == 0 { 1 } else { n as u16 + 2 });
    while h.iter().sum::<u16>() > room {
        let (i, _) = h
            .iter()
            .enumerate()
            .max_by_key(|(_, v)| **v)
            .expect("four sections");
        if h[i] <= 1 {
            break;
        }
        h[i] -= 1;
    }
    h
}

/// "Entertainment 3 · budget 3,400.00 · spent 2,980.00" and the like.
fn section_titles(app: &App, d: &DetailState) -> [String; 4] {
    let x = &d.dossier;
    let sum = |it: &mut dyn Iterator<Item = Money>| it.sum::<Money>().grouped();
    [
        t_args(
            app.lang,
            "relations-entertainment-title",
            &[
                ("count", x.entertainments.len().into()),
                (
                    "budget",
                    sum(&mut x
                        .entertainments
                        .iter()
                        .filter(|e| e.budget_counts())
                        .map(|e| e.budget_total()))
                    .into(),
                ),
                (
                    "spent",
                    sum(&mut x.entertainments.iter().map(|e| e.spent_total())).into(),
                ),
            ],
        ),
        t_args(
            app.lang,
            "relations-gifts-title",
            &[
                ("count", x.gifts.len().into()),
                (
                    "budget",
                    sum(&mut x
                        .gifts
                        .iter()
                        .filter(|g| g.budget_counts())
                        .map(|g| g.budget_total()))
                    .into(),
                ),
                (
                    "spent",
                    sum(&mut x.gifts.iter().map(|g| g.spent_total())).into(),
                ),
            ],
        ),
        t_args(
            app.lang,
            "relations-competitors-title",
            &[("count", x.competitors.len().into())],
        ),
        t_args(
            app.lang,
            "relations-events-title",
            &[("count", x.event_attendances.len().into())],
        ),
    ]
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The approval and, once decided, by whom (已批准 · 孙丽).
fn status(app: &App, s: Option<Approval>, approver: Option<&str>) -> String {
    let label = s.map(|s| s.label(app.lang)).unwrap_or_default();
    match approver.map(str::trim).filter(|a| !a.is_empty()) {
        Some(who) if !label.is_empty() => format!("{label} · {who}"),
        Some(who) => who.to_string(),
        None => label,
    }
}

fn draw_entertainments(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    ents: &[Entertainment],
    selected: Option<usize>,
) {
    let l = |k: &str| field_label(app.lang, "entertainments", k);
    let headers = [
        l("date"),
        l("venue"),
        l("purpose"),
        l("their_attendees"),
        l("status"),
        app.t("relations-col-budget"),
        app.t("relations-col-spent"),
    ];
    let rows = ents
        .iter()
        .map(|e| {
            vec![
                day(e.date),
                e.venue.clone().unwrap_or_default(),
                e.purpose.clone().unwrap_or_default(),
                e.their_attendees.clone().unwrap_or_default(),
                status(app, e.status, e.approver.as_deref()),
                e.budget_total().grouped(),
                if e.spent.is_empty() {
                    String::new()
                } else {
                    e.spent_total().grouped()
                },
            ]
        })
        .collect();
    use Give::*;
    let gives = [Keep, Shrink, Shrink, Shrink, Shrink, Keep, Keep];
    draw_table_selected(frame, area, &headers, rows, &gives, selected);
}

fn draw_gifts(frame: &mut Frame, area: Rect, app: &App, gifts: &[Gift], selected: Option<usize>) {
    let l = |k: &str| field_label(app.lang, "gifts", k);
    let headers = [
        app.t("field-date"),
        l("gift"),
        l("quantity"),
        l("recipient"),
        l("status"),
        app.t("relations-col-budget"),
        l("actual_cost"),
    ];
    let rows = gifts
        .iter()
        .map(|g| {
            vec![
                day(g.day()),
                g.gift.clone(),
                g.quantity.map(|q| q.to_string()).unwrap_or_default(),
                g.recipient.clone().unwrap_or_default(),
                status(app, g.status, g.approver.as_deref()),
                g.budget_total().grouped(),
                g.actual_cost.map(|m| m.grouped()).unwrap_or_default(),
            ]
        })
        .collect();
    use Give::*;
    let gives = [Keep, Name, Keep, Shrink, Shrink, Keep, Keep];
    draw_table_selected(frame, area, &headers, rows, &gives, selected);
}
