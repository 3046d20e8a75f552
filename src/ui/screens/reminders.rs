//! The reminders dashboard (提醒): what is due, most urgent kind first.

use crate::app::screens::reminders::{RemindersState, DAYS_AHEAD, SHOWN_PER_KIND};
use crate::app::shown::ReminderKind;
use crate::app::App;
use crate::i18n::t_args;
use crate::ui::columns::{self, Give};
use crate::ui::{text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, r: &RemindersState) {
    let lang = app.lang;
    let [top, counts, table_area, why] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // The selected reminder in full on the last line: its reason is cut in a narrow column.
    if let Some(item) = r.items.get(r.selected) {
        let text = format!(" {}: {}", item.kind.label(lang), item.about(lang));
        frame.render_widget(
            Paragraph::new(truncate(&text, why.width as usize)).style(theme::dim()),
            why,
        );
    }
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", app.t("reminders-title")), theme::title()),
            Span::raw(format!(" {} ", app.today)),
            Span::styled(
                t_args(
                    lang,
                    "reminders-hint",
                    &[("days", (DAYS_AHEAD as usize).into())],
                ),
                theme::dim(),
            ),
        ])),
        top,
    );
    // How many of each kind, in the dashboard's order; on a big book only the earliest of
    // each kind are listed, and the line says so.
    let mut summary = r
        .counts
        .iter()
        .map(|(k, n)| format!("{} {n}", k.label(lang)))
        .collect::<Vec<_>>()
        .join(" · ");
    if r.is_cut() {
        summary = t_args(
            lang,
            "reminders-cut",
            &[("counts", summary.into()), ("shown", SHOWN_PER_KIND.into())],
        );
    }
    frame.render_widget(
        Paragraph::new(format!(
            " {}",
            truncate(&summary, counts.width as usize - 1)
        )),
        counts,
    );
    if r.items.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(" {}", app.t("remind-none"))).style(theme::dim()),
            table_area,
        );
        return;
    }
    let headers: Vec<String> = [
        "reminders-col-kind",
        "reminders-col-date",
        "report-col-account",
        "reminders-col-about",
    ]
    .iter()
    .map(|h| app.t(h))
    .collect();
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(r.selected, 1, height);
    let shown: Vec<_> = r.items.iter().skip(offset).take(height).collect();
    let cells: Vec<Vec<String>> = shown
        .iter()
        .map(|item| {
            let weekday = app.t(&format!(
                "weekday-short-{}",
                chrono::Datelike::weekday(&item.date).num_days_from_monday() + 1
            ));
            vec![
                item.kind.label(lang),
                format!("{} {weekday}", item.date.format("%m-%d")),
                // The name first: on a narrow window the code is what is cut.
                format!("{} {}", item.account_name, item.account_code),
                item.about(lang),
            ]
        })
        .collect();
    let gives = [Give::Shrink, Give::Keep, Give::Name, Give::Shrink];
    let fitted = columns::fit(&headers, &cells, &gives, table_area.width as usize, 1);
    let header = fitted.row(headers).style(theme::header());
    let widths = fitted.constraints();
    let rows = shown.into_iter().zip(cells).map(|(item, cells)| {
        let row = fitted.row(cells);
        // What is already late stands out.
        if matches!(
            item.kind,
            ReminderKind::OverdueNextVisit
                | ReminderKind::ServiceOpenTooLong
                | ReminderKind::OpenComplaint
                | ReminderKind::NoContact
                | ReminderKind::PaymentOverdue
                | ReminderKind::PromiseOverdue
                | ReminderKind::CadenceDue
                | ReminderKind::KeepInTouch
        ) {
            row.style(theme::warn())
        } else {
            row
        }
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(r.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
}
