//! The week kam proposes: one row per proposal, day by day in route order, with the
//! distance from the stop before and why the account is due; a proposal in the account's
//! unsuitable time is marked.

use crate::app::screens::week_plan::WeekPlanState;
use crate::app::App;
use crate::i18n::{t_args, Arg};
use crate::ui::{text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, w: &WeekPlanState) {
    let lang = app.lang;
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut head = vec![Span::styled(
        format!(
            " {} ",
            t_args(
                lang,
                "week-plan-screen-title",
                &[
                    ("from", w.plan.from.to_string().into()),
                    ("to", w.plan.to.to_string().into())
                ]
            )
        ),
        theme::title(),
    )];
    if w.accepted > 0 {
        head.push(Span::raw(format!(
            " {} ",
            t_args(
                lang,
                "week-plan-screen-accepted",
                &[("count", Arg::Num(w.accepted as i64))]
            )
        )));
    }
    head.push(Span::styled(app.t("week-plan-screen-hint"), theme::dim()));
    frame.render_widget(Paragraph::new(Line::from(head)), top);
    let rows = w.rows();
    if rows.is_empty() {
        let id = if w.plan.not_fitted.is_empty() {
            "week-plan-nothing"
        } else {
            "week-plan-full"
        };
        frame.render_widget(Paragraph::new(app.t(id)).style(theme::dim()), table_area);
        return;
    }
    let widths = [
        Constraint::Length(16),
        Constraint::Percentage(30),
        Constraint::Percentage(20),
        Constraint::Length(6),
        Constraint::Fill(1),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(table_area);
    let header = Row::new([
        app.t("week-plan-col-when"),
        app.t("week-plan-col-account"),
        app.t("week-plan-col-area"),
        app.t("week-plan-col-km"),
        app.t("week-plan-col-why"),
    ])
    .style(theme::header());
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(w.selected, 1, height);
    let body = rows.iter().skip(offset).take(height).map(|p| {
        let when =
            p.at.map(|t| format!("{} {}", t.format("%m-%d %H:%M"), weekday(app, t.date())))
                .unwrap_or_default();
        let km = p
            .km_from_previous
            .map(|k| format!("{k:.0}"))
            .unwrap_or_default();
        let mut why = p.why(lang);
        if p.conflict {
            if let Some(u) = &p.unsuitable {
                why = format!(
                    "⚠ {} · {why}",
                    t_args(lang, "week-plan-unsuitable", &[("when", u.clone().into())])
                );
            }
        }
        Row::new([
            Cell::from(when),
            Cell::from(truncate(
                &format!("{} {}", p.code, p.name),
                cols[1].width as usize,
            )),
            Cell::from(truncate(&p.area, cols[2].width as usize)),
            Cell::from(km),
            Cell::from(truncate(&why, cols[4].width as usize)),
        ])
        .style(if p.conflict {
            theme::warn()
        } else {
            ratatui::style::Style::default()
        })
    });
    let table = Table::new(body, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(w.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
}

fn weekday(app: &App, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    app.t(&format!(
        "weekday-short-{}",
        d.weekday().num_days_from_monday() + 1
    ))
}
