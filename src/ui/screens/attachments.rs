//! An account's attachments (or a person's or visit's): name, size, kind, date and what each
//! belongs to, one a row.

use crate::app::screens::attachments::{AttachmentsState, Owner};
use crate::app::App;
use crate::domain::attachment::size_text;
use crate::text_safety::cell;
use crate::ui::{text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use ratatui::Frame;

/// The kind of a file in a word: its media type's last part (`pdf`, `png`), shorter than the
/// whole type in a narrow column.
fn kind(mime: &str) -> &str {
    match mime.rsplit_once('/') {
        Some(("text", "plain")) => "text",
        Some((_, sub)) if !sub.is_empty() && sub.len() <= 12 => sub,
        _ => mime,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &AttachmentsState) {
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let whose = match &s.owner {
        Owner::Account => format!("{} {}", s.code, s.name),
        Owner::Contact(_, name) | Owner::Visit(_, name) => {
            format!("{} {} · {}", s.code, s.name, name)
        }
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", app.t("attachments-title")), theme::title()),
            Span::raw(format!("{} ", cell(&whose))),
            Span::styled(app.t("attachments-hint"), theme::dim()),
        ])),
        top,
    );
    if s.items.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t("attachments-empty"))
                .style(theme::dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            table_area,
        );
        return;
    }
    let widths = [
        Constraint::Fill(2),
        Constraint::Length(9),
        Constraint::Length(6),
        Constraint::Length(16),
        Constraint::Fill(1),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(table_area);
    let headers = [
        app.t("attachments-col-name"),
        app.t("attachments-col-size"),
        app.t("attachments-col-kind"),
        app.t("attachments-col-added"),
        app.t("attachments-col-of"),
    ];
    let header = crate::ui::columns::header_row(&headers, &cols);
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(s.selected, 1, height);
    let rows = s.items.iter().skip(offset).take(height).map(|l| {
        let a = &l.attachment;
        let added: String = a.added_at.replace('T', " ").chars().take(16).collect();
        let values = [
            cell(&a.name).into_owned(),
            size_text(a.size),
            kind(&a.mime).to_string(),
            added,
            cell(&l.of).into_owned(),
        ];
        Row::new(
            values
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
}
