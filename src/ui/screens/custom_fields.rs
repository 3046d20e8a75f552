//! The team's custom fields (issue 22): one a row, the records it is on, its name, its type
//! and a choice list's choices.

use crate::app::screens::custom_fields::CustomFieldsState;
use crate::app::App;
use crate::i18n::t;
use crate::ui::{text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &CustomFieldsState) {
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!(" {} ", app.t("custom-fields-title")),
                theme::title(),
            ),
            Span::styled(app.t("custom-fields-hint"), theme::dim()),
        ])),
        top,
    );
    if s.fields.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t("custom-fields-empty"))
                .style(theme::dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            table_area,
        );
        return;
    }
    let l = |key: &str| crate::i18n::field_label(app.lang, "custom_fields", key);
    let headers = [l("of"), l("name"), l("type"), l("choices")];
    let widths = [
        Constraint::Length(10),
        Constraint::Fill(1),
        Constraint::Length(12),
        Constraint::Fill(2),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(table_area);
    let cut = |v: &str, i: usize| Cell::from(truncate(v, cols[i].width as usize));
    let header =
        Row::new(headers.iter().enumerate().map(|(i, h)| cut(h, i))).style(theme::header());
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(s.selected, 1, height);
    let rows = s.fields.iter().skip(offset).take(height).map(|f| {
        Row::new([
            cut(&t(app.lang, &format!("section-{}", f.kind)), 0),
            cut(&f.name, 1),
            cut(&f.ty.label(app.lang), 2),
            cut(&f.choices.join(", "), 3),
        ])
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(s.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
}
