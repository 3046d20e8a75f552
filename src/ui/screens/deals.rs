//! The Deals tab: the account's deals, and under them its contracts (合同) and payments
//! received (回款) with what is still owed and overdue. One selection runs over the three, in
//! the order `DetailState::items` lists them.

use super::record_table::{draw_table_selected, empty, field_text, give_of};
use crate::app::detail::map_of;
use crate::app::detail::DetailState;
use crate::app::App;
use crate::domain::record::{FieldSpec, Record};
use crate::domain::*;
use crate::i18n::{field_label, t, t_args};
use crate::ui::columns::Give;
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const DEAL_COLUMNS: [&str; 10] = [
    "date",
    "order_no",
    "product",
    "model",
    "quantity",
    "unit_price",
    "amount",
    "status",
    "payment_status",
    "due_date",
];

pub fn draw(frame: &mut Frame, body: Rect, app: &App, d: &DetailState) {
    let deals = &d.dossier.deals;
    let money_rows = money_rows(app, d);
    if deals.is_empty() && money_rows.is_empty() {
        return empty(frame, body, app);
    }
    let selected = d.selected[d.tab.index()];
    let total: Money = deals.iter().map(|x| x.total()).sum();
    let margin: Money = deals.iter().filter_map(|x| x.margin()).sum();
    let foot = t_args(
        app.lang,
        "deals-total",
        &[
            ("count", deals.len().into()),
            ("amount", total.grouped().into()),
            ("margin", margin.grouped().into()),
        ],
    );
    let money_height = if money_rows.is_empty() {
        0
    } else {
        // Its header, its rows and its sums, at most half the tab.
        (money_rows.len() as u16 + 2).min(body.height / 2).max(3)
    };
    let [table, footer, money] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(money_height),
    ])
    .areas(body);
    let in_deals = (selected < deals.len()).then_some(selected);
    if deals.is_empty() {
        empty(frame, table, app);
    } else {
        draw_deals(frame, table, app, d, in_deals);
    }
    frame.render_widget(Paragraph::new(foot).style(theme::title()), footer);
    if money_height > 0 {
        draw_money(
            frame,
            money,
            app,
            d,
            money_rows,
            selected.checked_sub(deals.len()),
        );
    }
}

/// The deals' columns with 不含税金额 and 税额 after the amount, empty where no tax rate is
/// known (the product is not in the catalogue and no default rate is set).
fn draw_deals(frame: &mut Frame, area: Rect, app: &App, d: &DetailState, selected: Option<usize>) {
    let lang = app.lang;
    let specs: Vec<FieldSpec> = DEAL_COLUMNS
        .iter()
        .filter_map(|k| Deal::fields().iter().find(|s| s.key == *k).copied())
        .collect();
    let after = specs
        .iter()
        .position(|s| s.key == "amount")
        .map_or(specs.len(), |i| i + 1);
    let mut headers: Vec<String> = specs
        .iter()
        .map(|s| field_label(lang, Deal::KIND.table(), s.key))
        .collect();
    headers.splice(after..after, [t(lang, "deal-net"), t(lang, "deal-tax")]);
    let mut gives: Vec<Give> = specs.iter().map(give_of).collect();
    gives.splice(after..after, [Give::Keep, Give::Keep]);
    let rows = d
        .dossier
        .deals
        .iter()
        .enumerate()
        .map(|(i, deal)| {
            let m = map_of(deal);
            let mut row: Vec<String> = specs
                .iter()
                .map(|s| field_text(lang, s, m.get(s.key)))
                .collect();
            let tax = d.deal_taxes.get(i).copied().flatten();
            row.splice(
                after..after,
                [
                    tax.map(|x| x.net.grouped()).unwrap_or_default(),
                    tax.map(|x| format!("{} ({}%)", x.tax.grouped(), x.rate))
                        .unwrap_or_default(),
                ],
            );
            row
        })
        .collect();
    draw_table_selected(frame, area, &headers, rows, &gives, selected);
}

/// One row per contract, then per payment: kind, date, number, amount, what.
fn money_rows(app: &App, d: &DetailState) -> Vec<Vec<String>> {
    let lang = app.lang;
    let day = |x: Option<chrono::NaiveDate>| x.map(|x| x.to_string()).unwrap_or_default();
    let mut rows: Vec<Vec<String>> = d
        .dossier
        .contracts
        .iter()
        .map(|c| {
            let term = match (c.starts_on, c.ends_on) {
                (None, None) => String::new(),
                (a, b) => format!("{}–{}", day(a), day(b)),
            };
            let (deals, received) = d.under_contract(&c.number);
            let linked = t_args(
                lang,
                "money-contract-linked",
                &[
                    ("deals", deals.into()),
                    ("received", received.grouped().into()),
                ],
            );
            vec![
                app.t("money-contract"),
                day(c.signed_on),
                c.number.clone(),
                c.amount.map(|m| m.grouped()).unwrap_or_default(),
                c.status.map(|s| s.label(lang)).unwrap_or_default(),
                [c.name.as_str(), linked.as_str(), term.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
            ]
        })
        .collect();
    rows.extend(d.dossier.payments.iter().map(|p| {
        let number = p
            .order_no
            .clone()
            .or_else(|| p.contract_no.clone())
            .unwrap_or_default();
        vec![
            app.t("money-payment"),
            day(p.date),
            number,
            p.received().grouped(),
            p.method.map(|m| m.label(lang)).unwrap_or_default(),
            p.note.clone().unwrap_or_default().replace('\n', " "),
        ]
    }));
    // Returns and claims (退货/索赔), after the money in.
    rows.extend(d.dossier.returns.iter().map(|r| {
        let what = [r.product.as_str(), r.reason.as_deref().unwrap_or("")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        vec![
            r.kind.unwrap_or(ReturnKind::Return).label(lang),
            day(r.date),
            r.order_no.clone().unwrap_or_default(),
            r.value().grouped(),
            r.status.map(|s| s.label(lang)).unwrap_or_default(),
            what.replace('\n', " "),
        ]
    }));
    rows
}

fn draw_money(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    d: &DetailState,
    rows: Vec<Vec<String>>,
    selected: Option<usize>,
) {
    let sums = d.money_sums(app.today);
    let mut line = t_args(
        app.lang,
        "money-sums",
        &[
            ("received", sums.received.grouped().into()),
            ("outstanding", sums.outstanding.grouped().into()),
        ],
    );
    if sums.overdue_deals > 0 {
        line.push_str(" · ");
        line.push_str(&t_args(
            app.lang,
            "money-overdue",
            &[
                ("amount", sums.overdue.grouped().into()),
                ("deals", sums.overdue_deals.into()),
            ],
        ));
    }
    let style = if sums.overdue_deals > 0 {
        theme::warn()
    } else {
        theme::title()
    };
    let [table, footer] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let headers = [
        app.t("visit-kind"),
        field_label(app.lang, "deals", "date"),
        app.t("money-number"),
        field_label(app.lang, "deals", "amount"),
        app.t("money-state"),
        app.t("money-about"),
    ];
    let gives = [
        Give::Shrink,
        Give::Keep,
        Give::Keep,
        Give::Keep,
        Give::Shrink,
        Give::Shrink,
    ];
    draw_table_selected(frame, table, &headers, rows, &gives, selected);
    frame.render_widget(Paragraph::new(line).style(style), footer);
}
