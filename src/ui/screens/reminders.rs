//! The reminders dashboard (提醒): what is due, most urgent kind first.

use crate::app::screens::reminders::{RemindersState, DAYS_AHEAD};
use crate::app::shown::ReminderKind;
use crate::app::App;
use crate::i18n::t_args;
use crate::ui::{
    text::{fitted_row, truncate},
    theme,
};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, r: &RemindersState) {
    let lang = app.lang;
    let [top, counts, table_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
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
    // How many of each kind, in the dashboard's order.
    let mut per_kind: Vec<(ReminderKind, usize)> = vec![];
    for item in &r.items {
        match per_kind.last_mut() {
            Some((k, n)) if *k == item.kind => *n += 1,
            _ => per_kind.push((item.kind, 1)),
        }
    }
    let summary = per_kind
        .iter()
        .map(|(k, n)| format!("{} {n}", k.label(lang)))
        .collect::<Vec<_>>()
        .join(" · ");
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
    let widths = [
        Constraint::Length(20),
        Constraint::Length(12),
        Constraint::Fill(2),
        Constraint::Fill(3),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(table_area);
    let header = fitted_row(
        [
            "reminders-col-kind",
            "reminders-col-date",
            "report-col-account",
            "reminders-col-about",
        ]
        .iter()
        .map(|h| app.t(h)),
        &cols,
    )
    .style(theme::header());
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = r.selected.saturating_sub(height.saturating_sub(1));
    let rows = r.items.iter().skip(offset).take(height).map(|item| {
        let weekday = app.t(&format!(
            "weekday-short-{}",
            chrono::Datelike::weekday(&item.date).num_days_from_monday() + 1
        ));
        let cells = [
            item.kind.label(lang),
            format!("{} {weekday}", item.date.format("%m-%d")),
            format!("{} {}", item.account_code, item.account_name),
            item.about(lang),
        ];
        let row = fitted_row(cells, &cols);
        // What is already late stands out.
        if matches!(
            item.kind,
            ReminderKind::OverdueNextVisit
                | ReminderKind::ServiceOpenTooLong
                | ReminderKind::OpenComplaint
                | ReminderKind::NoContact
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
