//! Tables of records and stored values as a person reads them, shared by the detail screen's
//! tabs (detail.rs) and its Deals tab with the money under it (deals.rs).

use crate::app::detail::map_of;
use crate::app::App;
use crate::domain::expenses::format_expenses;
use crate::domain::record::FieldSpec;
use crate::domain::*;
use crate::i18n::{field_label, t, Lang};
use crate::ui::columns::{self, Give};
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Table, TableState};
use ratatui::Frame;
use serde_json::Value;

/// A stored value as a person reads it: labels for codes, yes/no, grouped money.
pub fn field_text(lang: Lang, spec: &FieldSpec, v: Option<&Value>) -> String {
    match (spec.kind, v) {
        (_, None | Some(Value::Null)) => String::new(),
        (FieldKind::Choice(set), Some(Value::String(code))) => set.label(lang, code),
        (FieldKind::Bool | FieldKind::YesNo, Some(Value::Bool(b))) => {
            t(lang, if *b { "yes" } else { "no" })
        }
        (FieldKind::Money, Some(Value::String(s))) => Money::parse(s)
            .map(|m| m.grouped())
            .unwrap_or_else(|_| s.clone()),
        (FieldKind::DateTime, Some(Value::String(s))) => {
            s.replace('T', " ").chars().take(16).collect()
        }
        (FieldKind::Json, Some(v)) if spec.is_expense_lines() => {
            let lines: Vec<Expense> = serde_json::from_value(v.clone()).unwrap_or_default();
            format_expenses(&lines)
        }
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(v)) => v.to_string(),
    }
}

pub(super) fn empty(frame: &mut Frame, area: Rect, app: &App) {
    frame.render_widget(
        Paragraph::new(app.t("detail-empty-tab")).style(theme::dim()),
        area,
    );
}

/// A table of records with the given field columns, the row `selected` (if any) marked.
pub(super) fn draw_records_selected<R: Record>(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    records: &[R],
    keys: &[&str],
    selected: Option<usize>,
) {
    if records.is_empty() {
        return empty(frame, area, app);
    }
    let table = R::KIND.table();
    let specs: Vec<FieldSpec> = keys
        .iter()
        .filter_map(|k| R::fields().iter().find(|s| s.key == *k).copied())
        .collect();
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            let m = map_of(r);
            specs
                .iter()
                .map(|s| field_text(app.lang, s, m.get(s.key)))
                .collect()
        })
        .collect();
    let headers: Vec<String> = specs
        .iter()
        .map(|s| field_label(app.lang, table, s.key))
        .collect();
    let gives: Vec<Give> = specs.iter().map(give_of).collect();
    draw_table_selected(frame, area, &headers, rows, &gives, selected);
}

/// A table whose row `selected` (if any) is marked and kept in view.
pub(super) fn draw_table_selected(
    frame: &mut Frame,
    area: Rect,
    headers: &[String],
    rows: Vec<Vec<String>>,
    gives: &[Give],
    selected: Option<usize>,
) {
    let marked = selected;
    let selected = selected.unwrap_or(0);
    let fitted = columns::fit(headers, &rows, gives, area.width as usize, 1);
    let header = fitted.row(headers.iter().cloned()).style(theme::header());
    let height = area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(selected, 1, height);
    let body = rows
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|r| fitted.row(r));
    let table = Table::new(body, fitted.constraints())
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(marked.map(|s| s.saturating_sub(offset)));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Numbers, dates, amounts and phone numbers are kept whole; names and text give way.
pub(super) fn give_of(spec: &FieldSpec) -> Give {
    match spec.kind {
        FieldKind::Date
        | FieldKind::DateTime
        | FieldKind::Money
        | FieldKind::Integer
        | FieldKind::Number
        | FieldKind::Rating
        | FieldKind::Percent => Give::Keep,
        _ if matches!(spec.key, "mobile" | "office_phone" | "order_no") => Give::Keep,
        _ if matches!(spec.key, "name" | "title" | "product") => Give::Name,
        _ => Give::Shrink,
    }
}
