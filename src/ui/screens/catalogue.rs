//! The product catalogue (商品资料表): number, name, unit, category, specification, price
//! with tax, 不含税价, 税额 and the rate, one product a row.

use crate::app::screens::catalogue::CatalogueState;
use crate::app::App;
use crate::domain::Product;
use crate::i18n::field_label;
use crate::ui::{text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use ratatui::Frame;

fn money(m: Option<crate::domain::Money>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

/// A product's cells, in the columns' order.
fn cells(p: &Product) -> [String; 9] {
    let split = p.price_without_tax();
    [
        p.number.clone(),
        p.name.clone(),
        p.unit.clone().unwrap_or_default(),
        p.category.clone().unwrap_or_default(),
        p.specification.clone().unwrap_or_default(),
        money(p.price),
        money(split.map(|s| s.0)),
        money(split.map(|s| s.1)),
        p.tax_rate.map(|r| format!("{r}%")).unwrap_or_default(),
    ]
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, c: &CatalogueState) {
    let [top, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", app.t("section-products")), theme::title()),
            Span::styled(app.t("catalogue-hint"), theme::dim()),
        ])),
        top,
    );
    if c.products.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t("catalogue-empty"))
                .style(theme::dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            table_area,
        );
        return;
    }
    let label = |key: &str| field_label(app.lang, "products", key);
    // Short headings where the columns are narrow; the form and exports use the full labels.
    let headers = [
        app.t("catalogue-col-number"),
        label("name"),
        app.t("catalogue-col-unit"),
        label("category"),
        label("specification"),
        app.t("catalogue-col-price"),
        app.t("catalogue-net"),
        app.t("catalogue-tax"),
        app.t("catalogue-col-rate"),
    ];
    let widths = [
        Constraint::Length(6),
        Constraint::Fill(2),
        Constraint::Length(4),
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Length(5),
    ];
    let cols = Layout::horizontal(widths).spacing(1).split(table_area);
    let header = crate::ui::columns::header_row(&headers, &cols);
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = crate::ui::scroll::offset(c.selected, 1, height);
    let rows = c.products.iter().skip(offset).take(height).map(|p| {
        Row::new(
            cells(p)
                .into_iter()
                .zip(cols.iter())
                .map(|(v, r)| Cell::from(truncate(&v, r.width as usize))),
        )
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(c.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
}
