//! The daily visit report (客户拜访日报表) as the source lays it out, and the weekly summary.

use crate::app::report::ReportState;
use crate::app::shown::{DailyReport, VisitLine, WeeklySummary};
use crate::app::App;
use crate::i18n::{t_args, Lang};
use crate::ui::columns::{self, Give};
use crate::ui::{
    text::{fitted_row, truncate},
    theme,
};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{BarChart, Block, Borders, Paragraph, Table, TableState, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, r: &ReportState) {
    match &r.weekly {
        Some(w) => draw_weekly(frame, area, app, r, w),
        None => draw_daily(frame, area, app, r),
    }
}

fn weekday_short(lang: Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    crate::i18n::t(
        lang,
        &format!("weekday-short-{}", d.weekday().num_days_from_monday() + 1),
    )
}

fn code<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|c| c.to_string()).unwrap_or_default()
}

fn one_line(v: &Option<String>) -> String {
    v.as_deref().unwrap_or("").replace('\n', " ")
}

fn heading(app: &App, title: String, hint: &str) -> Paragraph<'static> {
    let mut spans = vec![Span::styled(format!(" {title} "), theme::title())];
    // A manager's report of one rep says whose it is (app/report_rep.rs).
    if let Some(rep) = app.report().and_then(|r| r.rep.as_deref()) {
        spans.push(Span::styled(
            format!(
                " {} ",
                crate::i18n::t_args(
                    app.lang,
                    "reports-of-rep",
                    &[("rep", rep.to_string().into())]
                )
            ),
            theme::warn(),
        ));
    }
    spans.push(Span::styled(format!(" {}", app.t(hint)), theme::dim()));
    Paragraph::new(Line::from(spans))
}

/// A fixed-height table with the selected row kept in view.
fn table_window(selected: usize, area: Rect) -> (usize, usize) {
    let height = area.height.saturating_sub(1) as usize;
    (crate::ui::scroll::offset(selected, 1, height), height)
}

fn draw_daily(frame: &mut Frame, area: Rect, app: &App, r: &ReportState) {
    let d = &r.daily;
    let lang = app.lang;
    let [top, who, table_area, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(9),
    ])
    .areas(area);
    let title = t_args(
        lang,
        "report-daily-title",
        &[
            ("date", d.date.to_string().into()),
            ("weekday", d.weekday_label(lang).into()),
        ],
    );
    frame.render_widget(heading(app, title, "report-screen-hint"), top);
    frame.render_widget(
        Paragraph::new(format!(
            " {}: {}",
            app.t("report-filled-by"),
            truncate(&d.filled_by, who.width as usize)
        )),
        who,
    );
    if d.visits.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(" {}", app.t("report-no-visits"))).style(theme::dim()),
            table_area,
        );
    } else {
        draw_visits(frame, table_area, app, d, r.selected);
    }
    let [visit_area, totals_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(bottom);
    if let Some(v) = d.visits.get(r.selected) {
        draw_visit(frame, visit_area, app, v);
    }
    draw_totals(frame, totals_area, app, d);
}

fn draw_visits(frame: &mut Frame, area: Rect, app: &App, d: &DailyReport, selected: usize) {
    // On a narrow window the summary keeps its room; solved and open step aside.
    let wide = area.width >= 100;
    // Purpose and outcome are one letter (a–c, A–E): their headings are short forms.
    let mut columns = vec![
        ("report-short-number", Give::Keep),
        ("report-col-account", Give::Name),
        ("report-col-person", Give::Shrink),
        ("report-short-purpose", Give::Keep),
        ("report-col-summary", Give::Shrink),
        ("report-short-outcome", Give::Keep),
    ];
    if wide {
        columns.push(("report-col-solved", Give::Shrink));
        columns.push(("report-col-open", Give::Shrink));
    }
    let headers: Vec<String> = columns.iter().map(|(h, _)| app.t(h)).collect();
    let (offset, height) = table_window(selected, area);
    let cells: Vec<Vec<String>> = d
        .visits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, v)| {
            let mut cells = vec![
                (i + 1).to_string(),
                // The name first: on a narrow window the code is what is cut.
                format!("{} {}", v.account_name, v.account_code),
                one_line(&v.person_met),
                code(v.purpose),
                one_line(&v.summary),
                code(v.outcome),
            ];
            if wide {
                cells.push(one_line(&v.problems_solved));
                cells.push(one_line(&v.problems_open));
            }
            cells
        })
        .collect();
    let gives: Vec<Give> = columns.iter().map(|c| c.1).collect();
    let fitted = columns::fit(&headers, &cells, &gives, area.width as usize, 1);
    let header = fitted.row(headers).style(theme::header());
    let widths = fitted.constraints();
    let rows = cells.into_iter().map(|c| fitted.row(c));
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The selected visit in full: what a row has to cut.
fn draw_visit(frame: &mut Frame, area: Rect, app: &App, v: &VisitLine) {
    let mut lines = vec![];
    for (key, value) in [
        ("report-col-summary", &v.summary),
        ("report-col-solved", &v.problems_solved),
        ("report-col-open", &v.problems_open),
        ("report-col-companions", &v.companions),
    ] {
        if let Some(text) = value.as_deref().filter(|s| !s.trim().is_empty()) {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", app.t(key)), theme::header()),
                Span::raw(text.replace('\n', " ")),
            ]));
        }
    }
    let title = format!(" {} {} ", v.account_code, v.account_name);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::TOP).title(title)),
        area,
    );
}

fn draw_totals(frame: &mut Frame, area: Rect, app: &App, d: &DailyReport) {
    let lang = app.lang;
    let pair = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{}: ", app.t(k)), theme::header()),
            Span::raw(v),
        ])
    };
    let mut lines = vec![
        pair("report-visit-count", d.visit_count.to_string()),
        // One a line: side by side they were cut on a half-width box.
        pair("report-problems-handled", d.problems_handled.to_string()),
        pair(
            "report-problems-not-handled",
            d.problems_not_handled.to_string(),
        ),
        pair("report-companions", d.companions.join(", ")),
    ];
    // The total stays visible; expense lines fill what room is left.
    let room = (area.height as usize).saturating_sub(lines.len() + 2);
    for (i, e) in d.expenses.iter().enumerate() {
        if i + 1 == room && d.expenses.len() > room {
            lines.push(Line::styled(
                format!("  … +{}", d.expenses.len() - i),
                theme::dim(),
            ));
            break;
        }
        let note = e
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        lines.push(Line::raw(format!(
            "  {} {} {}{note}",
            e.account_code,
            e.item.label(lang),
            e.amount
        )));
    }
    lines.push(pair("report-expense-total", d.expense_total.to_string()));
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::TOP | Borders::LEFT)
                .title(format!(" {} ", app.t("report-totals"))),
        ),
        area,
    );
}

fn draw_weekly(frame: &mut Frame, area: Rect, app: &App, r: &ReportState, w: &WeeklySummary) {
    let lang = app.lang;
    let [top, charts, table_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(10),
        Constraint::Min(3),
    ])
    .areas(area);
    let title = t_args(
        lang,
        "report-weekly-title",
        &[
            ("from", w.from.to_string().into()),
            ("to", w.to.to_string().into()),
        ],
    );
    frame.render_widget(heading(app, title, "report-weekly-hint"), top);
    let [days_area, outcomes_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(charts);
    let days: Vec<(String, u64)> = w
        .days
        .iter()
        .map(|d| (weekday_short(lang, d.date), d.visits as u64))
        .collect();
    let days_ref: Vec<(&str, u64)> = days.iter().map(|(l, v)| (l.as_str(), *v)).collect();
    frame.render_widget(
        BarChart::default()
            .block(Block::default().borders(Borders::TOP).title(format!(
                " {} · {} {} ",
                app.t("report-visits-per-day"),
                app.t("report-total-visits"),
                w.visit_count
            )))
            .data(days_ref.as_slice())
            .bar_width(4)
            .bar_gap(1)
            .bar_style(theme::highlight()),
        days_area,
    );
    let mut outcomes: Vec<(String, u64)> = w
        .outcomes
        .iter()
        .map(|o| (o.outcome.to_string(), o.count as u64))
        .collect();
    outcomes.push(("-".into(), w.no_outcome as u64));
    let outcomes_ref: Vec<(&str, u64)> = outcomes.iter().map(|(l, v)| (l.as_str(), *v)).collect();
    frame.render_widget(
        BarChart::default()
            .block(
                Block::default()
                    .borders(Borders::TOP | Borders::LEFT)
                    .title(format!(" {} ", app.t("report-outcomes"))),
            )
            .data(outcomes_ref.as_slice())
            .bar_width(4)
            .bar_gap(1)
            .bar_style(theme::highlight()),
        outcomes_area,
    );
    draw_accounts(frame, table_area, app, r, w);
}

fn draw_accounts(frame: &mut Frame, area: Rect, app: &App, r: &ReportState, w: &WeeklySummary) {
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!(" {} ", app.t("report-expenses-by-account")),
                theme::title(),
            ),
            Span::raw(format!(
                " {}: {}",
                app.t("report-expense-total"),
                w.expense_total
            )),
        ])),
        head,
    );
    let widths = [
        Constraint::Length(8),
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(14),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(body);
    let header = fitted_row(
        [
            "report-col-code",
            "report-col-account",
            "report-total-visits",
            "report-col-expenses",
        ]
        .iter()
        .map(|h| app.t(h)),
        &cols,
    )
    .style(theme::header());
    let (offset, height) = table_window(r.selected, body);
    let rows = w.accounts.iter().skip(offset).take(height).map(|a| {
        let cells = [
            a.account_code.clone(),
            a.account_name.clone(),
            a.visits.to_string(),
            a.expense_total.to_string(),
        ];
        fitted_row(cells, &cols)
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(r.selected.saturating_sub(offset)));
    frame.render_stateful_widget(table, body, &mut state);
}
