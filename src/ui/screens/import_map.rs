//! The mapping screen of an import: each column of the file with the field it becomes (a
//! changed one marked), its first values, and the columns kam keeps in the notes listed
//! under the table, so nothing is dropped unseen.

use crate::app::screens::import_map::{ImportMapState, Placed};
use crate::app::App;
use crate::ui::{scroll, text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, m: &ImportMapState) {
    let in_notes = m.in_notes();
    let notes_line = if in_notes.is_empty() {
        app.t("map-all-placed")
    } else {
        crate::i18n::t_args(
            app.lang,
            "map-in-notes",
            &[("columns", in_notes.join(", ").into())],
        )
    };
    let notes_rows = crate::ui::text::wrap(&notes_line, area.width.max(1) as usize)
        .len()
        .clamp(1, 3) as u16;
    let [top, hint, table_area, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(2),
        Constraint::Length(notes_rows),
    ])
    .areas(area);
    let file = m.file.file.display().to_string();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", app.t("map-title")), theme::title()),
            Span::styled(
                truncate(&file, area.width.saturating_sub(20) as usize),
                theme::dim(),
            ),
        ])),
        top,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&app.t("map-hint"), hint.width as usize),
            theme::dim(),
        )),
        hint,
    );
    let column_w = m
        .columns
        .iter()
        .map(|c| crate::ui::text::width(&c.header))
        .max()
        .unwrap_or(6)
        .clamp(6, (area.width / 4).max(6) as usize) as u16;
    let widths = [
        Constraint::Length(column_w),
        Constraint::Length((area.width / 3).max(12)),
        Constraint::Fill(1),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(table_area);
    let header = Row::new([app.t("map-column"), app.t("map-field"), app.t("map-values")])
        .style(theme::header());
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = scroll::offset(m.selected, 1, height);
    let rows = m.columns.iter().skip(offset).take(height).map(|c| {
        let mut field = m.field_text(c, app.lang);
        if c.changed() {
            field = format!("* {field}");
        }
        let style = match c.placed() {
            Placed::Notes => theme::warn(),
            Placed::Skipped => theme::dim(),
            Placed::Field => Style::new(),
        };
        Row::new([
            Cell::from(truncate(&c.header, cols[0].width as usize)),
            Cell::from(Span::styled(
                truncate(&field, cols[1].width as usize),
                style,
            )),
            Cell::from(truncate(&c.first_values.join(", "), cols[2].width as usize)),
        ])
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(m.selected.saturating_sub(offset)));
    frame.render_stateful_widget(table, table_area, &mut state);
    let style = if in_notes.is_empty() {
        theme::dim()
    } else {
        theme::warn()
    };
    // Headers come from the file: drawn through `wrap`, which shows control characters as
    // marks.
    let lines: Vec<Line> = crate::ui::text::wrap(&notes_line, bottom.width.max(1) as usize)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect();
    frame.render_widget(Paragraph::new(lines), bottom);
    if m.picker.is_some() {
        draw_picker(frame, area, app, m);
    }
}

/// The field list of the selected column: what was typed, then the fields that hold it.
fn draw_picker(frame: &mut Frame, area: Rect, app: &App, m: &ImportMapState) {
    let Some(p) = &m.picker else {
        return;
    };
    let picked = m.picked();
    let popup = crate::ui::popup::centered(area, 50, (picked.len() as u16 + 4).clamp(5, 16));
    frame.render_widget(crate::ui::popup::Popup, popup);
    let header = m
        .columns
        .get(m.selected)
        .map(|c| c.header.as_str())
        .unwrap_or("");
    let block = ratatui::widgets::Block::bordered().title(format!(
        " {} ",
        truncate(
            &crate::i18n::t_args(app.lang, "map-pick-title", &[("column", header.into())]),
            popup.width.saturating_sub(4) as usize
        )
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [query, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("> ", theme::key()),
            Span::raw(truncate(&p.query, query.width.saturating_sub(3) as usize)),
            Span::styled("▏", theme::dim()),
        ])),
        query,
    );
    if picked.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(app.t("map-pick-none"), theme::dim())),
            list,
        );
        return;
    }
    let height = list.height as usize;
    let offset = scroll::offset(p.selected, 1, height);
    let lines: Vec<Line> = picked
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, t)| {
            let text = truncate(&m.target_label(*t, app.lang), list.width as usize);
            if i == p.selected {
                Line::styled(text, theme::selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
