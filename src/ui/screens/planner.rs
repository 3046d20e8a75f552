//! The visit planner: an agenda, or the same visits grouped by region.

use crate::app::planner::PlannerState;
use crate::app::App;
use crate::i18n::t_args;
use crate::ui::columns::{self, Give};
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Table, TableState};
use ratatui::Frame;

fn weekday(app: &App, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    app.t(&format!(
        "weekday-short-{}",
        d.weekday().num_days_from_monday() + 1
    ))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, p: &PlannerState) {
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let title = if p.regional {
        app.t("planner-regional")
    } else {
        app.t("planner-title")
    };
    let range = if p.from == p.to {
        format!("{} {}", p.from, weekday(app, p.from))
    } else {
        format!("{} – {}", p.from, p.to)
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {title} "), theme::title()),
            Span::raw(range),
            Span::styled(
                format!(
                    "  {}",
                    t_args(app.lang, "planner-count", &[("count", p.rows.len().into())])
                ),
                theme::dim(),
            ),
        ])),
        top,
    );
    if p.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t("planner-empty")).style(theme::dim()),
            table_area,
        );
        return;
    }
    draw_table(frame, table_area, app, p);
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, p: &PlannerState) {
    let lang = app.lang;
    let headers = if p.regional {
        [
            "planner-region",
            "planner-distance",
            "planner-when",
            "section-accounts",
            "field-contact",
            "field-purpose",
            "field-place",
            "field-status",
        ]
    } else {
        [
            "planner-when",
            "section-accounts",
            "field-contact",
            "field-purpose",
            "field-place",
            "field-method",
            "field-status",
            "planner-region",
        ]
    };
    use Give::{Keep, Name, Shrink};
    let gives = if p.regional {
        [Shrink, Keep, Keep, Name, Shrink, Shrink, Shrink, Shrink]
    } else {
        [Keep, Name, Shrink, Shrink, Shrink, Shrink, Shrink, Shrink]
    };
    let height = area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(p.selected, 1, height);
    let shown = p.ordered().into_iter().skip(offset).take(height);
    let cells: Vec<(Vec<String>, bool)> = shown
        .map(|r| {
            let when = r
                .plan
                .planned_at
                .map(|t| format!("{} {}", t.format("%m-%d %H:%M"), weekday(app, t.date())))
                .unwrap_or_default();
            // The name first: on a narrow window the code is what is cut.
            let account = format!("{} {}", r.name, r.code);
            let distance = r.distance_km.map(|d| format!("{d:.1}")).unwrap_or_default();
            let contact = r.plan.contact.clone().unwrap_or_default();
            let purpose = r.plan.purpose.clone().unwrap_or_default();
            let place = r.plan.place.clone().unwrap_or_default();
            let method = r.plan.method.map(|m| m.label(lang)).unwrap_or_default();
            let status = r.plan.status.map(|s| s.label(lang)).unwrap_or_default();
            let row = if p.regional {
                vec![
                    r.region.clone(),
                    distance,
                    when,
                    account,
                    contact,
                    purpose,
                    place,
                    status,
                ]
            } else {
                vec![
                    when,
                    account,
                    contact,
                    purpose,
                    place,
                    method,
                    status,
                    r.region.clone(),
                ]
            };
            (row, r.unsuitable.is_some())
        })
        .collect();
    let headers: Vec<String> = headers.iter().map(|h| app.t(h)).collect();
    let texts: Vec<Vec<String>> = cells.iter().map(|(c, _)| c.clone()).collect();
    let fitted = columns::fit(&headers, &texts, &gives, area.width as usize, 1);
    let header = fitted.row(headers).style(theme::header());
    let rows = cells.into_iter().map(|(c, unsuitable)| {
        let row = fitted.row(c);
        if unsuitable {
            row.style(theme::warn())
        } else {
            row
        }
    });
    let widths = fitted.constraints();
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(p.selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}
