//! The card at the top of an account: who it is, how it stands, whom to call and when it
//! was last and will next be visited, its open issues and a year of sales. Its facts flow
//! onto as many lines as the window needs and are never cut in the middle (issue 16: at
//! 80×24 the next visit and the year's sales were cut off).

use crate::app::detail::DetailState;
use crate::app::App;
use crate::domain::*;
use crate::i18n::{field_label, t_args};
use crate::ui::{text, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// The width of the year's sales drawn at the right of a wide card.
const SPARK_WIDTH: u16 = 26;
/// From this inner width on the card has room for the sales chart beside its text.
const SPARK_FROM: u16 = 100;

/// The card's lines for a window `width` columns wide.
pub fn lines(app: &App, d: &DetailState, width: u16, height: u16) -> Vec<Line<'static>> {
    let inner = if height < SHORT {
        width
    } else {
        width.saturating_sub(2)
    };
    let room = if inner >= SPARK_FROM {
        inner - SPARK_WIDTH - 1
    } else {
        inner
    } as usize;
    let a = &d.dossier.account;
    let lang = app.lang;
    let l = |k: &str| field_label(lang, "accounts", k);
    let opt = |s: Option<String>| s.unwrap_or_else(|| "—".into());
    let primary = d
        .dossier
        .contacts
        .iter()
        .find(|c| c.is_primary)
        .or(d.dossier.contacts.first());
    let last = d.dossier.visit_reports.iter().filter_map(|v| v.date).max();
    let next = d
        .dossier
        .visit_plans
        .iter()
        .filter(|p| p.status == Some(PlanStatus::Planned))
        .filter_map(|p| p.planned_at)
        .filter(|p| p.date() >= app.today)
        .min();
    let (complaints, service) = d.open_issues();
    let sales: Money = d.monthly_sales(app.today).iter().copied().sum();
    let plain = Style::new();
    let standing = vec![
        format!(
            "{}: {}",
            l("category"),
            opt(a.category.map(|c| c.label(lang)))
        ),
        format!(
            "{}: {}",
            l("grade"),
            opt(Some(app.grade_shown(a.id, a.grade)).filter(|g| !g.is_empty()))
        ),
        // The typed rating, and beside it the one the payments suggest (issue 21).
        match d.suggested_credit(app.today) {
            Some(s) => t_args(
                lang,
                "card-credit-suggested",
                &[
                    ("label", l("credit").into()),
                    ("typed", opt(a.credit.map(|c| c.code().to_string())).into()),
                    ("suggested", s.code().into()),
                ],
            ),
            None => format!(
                "{}: {}",
                l("credit"),
                opt(a.credit.map(|c| c.code().to_string()))
            ),
        },
        format!("{}: {}", l("status"), opt(a.status.map(|s| s.label(lang)))),
        format!("{}: {}", l("owner"), opt(a.owner.clone())),
    ];
    let contact = match primary {
        Some(c) => format!(
            "{}: {}  {}",
            app.t("card-primary-contact"),
            c.name,
            c.best_phone().unwrap_or("")
        ),
        None => format!("{}: —", app.t("card-primary-contact")),
    };
    let visits = vec![
        contact.trim_end().to_string(),
        format!(
            "{}: {}",
            app.t("list-last-visit"),
            opt(last.map(|d| d.to_string()))
        ),
        format!(
            "{}: {}",
            app.t("list-next-visit"),
            opt(next.map(|d| d.format("%Y-%m-%d %H:%M").to_string()))
        ),
    ];
    let issues = t_args(
        lang,
        "card-open-issues",
        &[
            ("complaints", complaints.into()),
            ("service", service.into()),
        ],
    );
    let issue_style = if complaints + service > 0 {
        theme::warn()
    } else {
        theme::dim()
    };
    let mut out = vec![Line::from(vec![
        Span::styled(text::truncate(&a.name, room), theme::title()),
        Span::styled(format!("  {}", a.code), theme::dim()),
    ])];
    out.extend(flow(standing, room, plain));
    out.extend(flow(visits, room, plain));
    // The team's own fields (issue 22), when the account fills any in.
    out.extend(flow(custom_facts(a.custom.as_ref()), room, plain));
    let mut last_group = flow(vec![issues], room, issue_style);
    last_group.extend(flow(
        vec![format!("{}: {}", app.t("an-sales-12m"), sales.grouped())],
        room,
        plain,
    ));
    // The sales share the issues' line when there is room.
    if let [issues, sales] = last_group.as_slice() {
        if issues.width() + 2 + sales.width() <= room {
            let mut spans = issues.spans.clone();
            spans.push(Span::raw("  "));
            spans.extend(sales.spans.clone());
            last_group = vec![Line::from(spans)];
        }
    }
    out.extend(last_group);
    out
}

/// A record's custom values as facts, `name: value`, by name.
pub fn custom_facts(custom: Option<&CustomValues>) -> Vec<String> {
    custom
        .into_iter()
        .flatten()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect()
}

/// Facts side by side, two blanks apart, onto as many lines as `room` needs; a fact is
/// never split (one wider than the line is cut at its end).
fn flow(facts: Vec<String>, room: usize, style: Style) -> Vec<Line<'static>> {
    let mut lines: Vec<String> = vec![];
    for fact in facts {
        match lines.last_mut() {
            Some(line) if text::width(line) + 2 + text::width(&fact) <= room => {
                line.push_str("  ");
                line.push_str(&fact);
            }
            _ => lines.push(text::truncate(&fact, room)),
        }
    }
    lines
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

/// The card's frame: a box, or on a short window only a line under it (two more lines for
/// the tab below).
pub fn block(window_height: u16) -> Block<'static> {
    if window_height < SHORT {
        Block::new().borders(Borders::BOTTOM)
    } else {
        Block::bordered()
    }
}

/// Below this height the card has no box.
const SHORT: u16 = 22;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, lines: Vec<Line>) {
    let block = block(frame.area().height);
    let inner = block.inner(area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
    draw_sales_sparkline(frame, inner, app, d);
}

/// Twelve months of sales at the right of the card, when the window is wide enough to
/// keep the card's text whole beside it.
fn draw_sales_sparkline(frame: &mut Frame, inner: Rect, app: &App, d: &DetailState) {
    if inner.width < SPARK_FROM || inner.height < 2 {
        return;
    }
    let area = Rect {
        x: inner.right() - SPARK_WIDTH,
        width: SPARK_WIDTH,
        ..inner
    };
    let sales = d.monthly_sales(app.today);
    let [label, line] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(text::truncate(&app.t("an-sales-12m"), SPARK_WIDTH as usize))
            .style(theme::dim()),
        label,
    );
    // Two columns a month: twelve single columns read as noise.
    let data: Vec<u64> = sales
        .iter()
        .flat_map(|m| [m.cents().max(0) as u64; 2])
        .collect();
    frame.render_widget(
        ratatui::widgets::Sparkline::default()
            .data(&data)
            .style(theme::key()),
        Rect {
            width: (data.len() as u16).min(line.width),
            height: line.height.min(3),
            ..line
        },
    );
}
