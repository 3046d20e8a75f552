//! The account list: the accounts shown, their sort and filters.

use crate::app::list::ListState;
use crate::app::App;
use crate::domain::*;
use crate::i18n::field_label;
use crate::ui::columns::{self, Give};
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Table, TableState};
use ratatui::Frame;

fn date_part(s: Option<&str>) -> String {
    s.map(|d| d.chars().take(10).collect()).unwrap_or_default()
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, list: &ListState) {
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut head = vec![
        Span::styled(
            format!(" kam · {} ", app.t("section-accounts")),
            theme::title(),
        ),
        Span::raw(app.count_line()),
        Span::styled(
            format!(
                "  {} {}{}",
                app.t("list-sorted-by"),
                list_column_label(app, list.sort.field()),
                if list.descending { " ↓" } else { " ↑" }
            ),
            theme::dim(),
        ),
    ];
    let filters = list.active_filters();
    if !filters.is_empty() {
        let shown: Vec<String> = filters
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    field_label(app.lang, "accounts", k),
                    filter_value(app, k, v)
                )
            })
            .collect();
        head.push(Span::styled(
            format!("  {}: {}", app.t("list-filters"), shown.join(", ")),
            theme::warn(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(head)), top);

    // The name keeps its room and the dates stay whole; industry, owner and city give way.
    use Give::{Keep, Name, Shrink};
    let columns: [(&str, Give); 9] = [
        ("code", Keep),
        ("name", Name),
        ("category", Shrink),
        ("grade", Keep),
        ("industry", Shrink),
        ("city", Shrink),
        ("owner", Shrink),
        ("last_visit", Keep),
        ("next_visit", Keep),
    ];
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(list.selected, 1, height);
    let cells: Vec<Vec<String>> = list
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|i| {
            let a = app.finder.summary(*i);
            let city = a.city.or(a.province).unwrap_or_default().to_string();
            vec![
                a.code.to_string(),
                a.short_name
                    .filter(|s| !s.is_empty())
                    .unwrap_or(a.name)
                    .to_string(),
                label(app, a.category, Category::label),
                app.grade_shown(a.id, a.grade),
                label(app, a.industry, Industry::label),
                city,
                a.owner.unwrap_or_default().to_string(),
                date_part(a.last_visit),
                date_part(app.finder.next_visit(a.id)),
            ]
        })
        .collect();
    let headers: Vec<String> = columns
        .iter()
        .map(|(key, _)| list_column_label(app, key))
        .collect();
    let mut gives: Vec<Give> = columns.iter().map(|c| c.1).collect();
    // On a narrow window industry and owner step aside rather than leave every column cut.
    let (mut headers, mut cells) = (headers, cells);
    if table_area.width < 100 {
        for i in [6, 4] {
            headers.remove(i);
            gives.remove(i);
            for row in &mut cells {
                row.remove(i);
            }
        }
    }
    let fitted = columns::fit(&headers, &cells, &gives, table_area.width as usize, 1);
    let header = fitted.row(headers).style(theme::header());
    let widths = fitted.constraints();
    let rows = cells.into_iter().map(|c| fitted.row(c));
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default()
        .with_selected((!list.rows.is_empty()).then_some(list.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
    if list.rows.is_empty() {
        // While the finder is built in the background the list is empty for that reason.
        let id = if app.is_loading() {
            "list-loading"
        } else {
            "list-empty-filter"
        };
        let msg = Paragraph::new(app.t(id)).style(theme::dim());
        let [_, below] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(table_area);
        frame.render_widget(msg, below);
    }
}

fn list_column_label(app: &App, key: &str) -> String {
    match key {
        "last_visit" => app.t("list-last-visit"),
        "next_visit" => app.t("list-next-visit"),
        "name" => field_label(app.lang, "accounts", "name"),
        k => field_label(app.lang, "accounts", k),
    }
}

fn filter_value(app: &App, key: &str, code: &str) -> String {
    crate::app::dialogs::FILTER_FIELDS
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| match f.kind {
            FieldKind::Choice(set) => Some(set.label(app.lang, code)),
            _ => None,
        })
        .unwrap_or_else(|| code.to_string())
}

/// The label of an optional enumeration value.
fn label<T>(app: &App, v: Option<T>, f: impl Fn(T, crate::i18n::Lang) -> String) -> String {
    v.map(|x| f(x, app.lang)).unwrap_or_default()
}
