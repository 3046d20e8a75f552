//! The trash: deleted records, newest first, to restore.

use crate::app::screens::trash::TrashState;
use crate::app::App;
use crate::ui::{text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, trash: &TrashState) {
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", app.t("trash-title")), theme::title()),
            Span::styled(app.t("trash-hint"), theme::dim()),
        ])),
        top,
    );
    if trash.items.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t("trash-empty")).style(theme::dim()),
            table_area,
        );
        return;
    }
    let widths = [
        Constraint::Length(19),
        Constraint::Length(16),
        Constraint::Fill(1),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(table_area);
    let header = Row::new([
        app.t("trash-deleted-at"),
        app.t("trash-section"),
        app.t("trash-item"),
    ])
    .style(theme::header());
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(trash.selected, 1, height);
    let rows = trash.items.iter().skip(offset).take(height).map(|item| {
        Row::new([
            Cell::from(item.deleted_at.replace('T', " ")),
            Cell::from(truncate(
                &app.t(&format!("section-{}", item.entity)),
                cols[1].width as usize,
            )),
            Cell::from(truncate(&item.title, cols[2].width as usize)),
        ])
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(trash.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
}
