//! Targets and work plans (工作方案表): one row per rep and period — sales target and sales,
//! new accounts and visits as done/planned, each with the share reached — then, for the row
//! selected, its breakdown into shorter periods and its plan's text.

use crate::app::screens::targets::{Measure, TargetLine, TargetsState};
use crate::app::App;
use crate::domain::Money;
use crate::i18n::{t_args, Lang};
use crate::ui::{text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

fn reached(r: Option<f64>) -> String {
    r.map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "–".into())
}

fn done_of(m: &Measure<i64>) -> String {
    match m.target {
        Some(t) => format!("{}/{t}", m.actual),
        None => m.actual.to_string(),
    }
}

/// A row's cells, in the columns' order.
fn cells(l: &TargetLine, lang: Lang) -> [String; 9] {
    let money = |m: Option<Money>| m.map(|m| m.compact(lang)).unwrap_or_else(|| "–".into());
    [
        l.rep.clone(),
        l.period.clone(),
        money(l.sales.target),
        money(Some(l.sales.actual)),
        reached(l.sales.reached),
        done_of(&l.new_accounts),
        reached(l.new_accounts.reached),
        done_of(&l.visits),
        reached(l.visits.reached),
    ]
}

/// The breakdown and plan of the row selected, and the rule new accounts are counted by.
fn below(app: &App, l: Option<&TargetLine>) -> Vec<Line<'static>> {
    let mut lines = vec![];
    if let Some(b) = l.and_then(|l| l.breakdown.as_ref()) {
        let parts = match (b.parts.first(), b.parts.last()) {
            (Some(f), Some(t)) if f != t => format!("{f}…{t}"),
            (Some(f), _) => f.clone(),
            _ => String::new(),
        };
        lines.push(Line::from(t_args(
            app.lang,
            "targets-breakdown",
            &[
                ("parts", parts.into()),
                ("sales", b.sales.compact(app.lang).into()),
                ("new", b.new_accounts.to_string().into()),
                ("visits", b.visits.to_string().into()),
            ],
        )));
    }
    if let Some(plan) = l.and_then(|l| l.plan.as_deref()) {
        lines.push(Line::from(t_args(
            app.lang,
            "targets-plan",
            &[("plan", plan.replace('\n', " / ").into())],
        )));
    }
    lines.push(Line::styled(app.t("targets-rule"), theme::dim()));
    lines
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &TargetsState) {
    let selected = s.report.lines.get(s.selected);
    let notes = below(app, selected);
    let [top, table_area, notes_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(notes.len() as u16 + 1),
    ])
    .areas(area);
    let title = t_args(
        app.lang,
        "targets-title",
        &[("year", s.year.to_string().into())],
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {title} "), theme::title()),
            Span::styled(app.t("targets-hint"), theme::dim()),
        ])),
        top,
    );
    if s.report.lines.is_empty() {
        frame.render_widget(
            Paragraph::new(t_args(
                app.lang,
                "targets-empty",
                &[("year", s.year.to_string().into())],
            ))
            .style(theme::dim())
            .wrap(Wrap { trim: true }),
            table_area,
        );
        return;
    }
    let headers = [
        app.t("targets-col-rep"),
        app.t("targets-col-period"),
        app.t("targets-col-sales"),
        app.t("targets-col-done"),
        app.t("targets-col-reached"),
        app.t("targets-col-new"),
        app.t("targets-col-reached"),
        app.t("targets-col-visits"),
        app.t("targets-col-reached"),
    ];
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(6),
        Constraint::Length(9),
        Constraint::Length(6),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(table_area);
    let header = crate::ui::columns::header_row(&headers, &cols);
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(s.selected, 1, height);
    let rows = s.report.lines.iter().skip(offset).take(height).map(|l| {
        Row::new(
            cells(l, app.lang)
                .into_iter()
                .zip(cols.iter())
                .map(|(v, r)| Cell::from(truncate(&v, r.width as usize))),
        )
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(s.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
    frame.render_widget(
        Paragraph::new(notes).wrap(Wrap { trim: true }),
        notes_area.inner(ratatui::layout::Margin {
            horizontal: 1,
            vertical: 0,
        }),
    );
}
