//! Sales by product per customer (客户销售分析表): the pivot table a manager builds with
//! SUMIF — accounts down, products across, totals on both edges. Only accounts and products
//! with sales in the period take a line or a column.

use super::chart::{Chart, ChartKind, Line};
use super::sheet::{window, Sheet, Value, ALL};
use super::Period;
use crate::domain::Money;
use crate::i18n::{t, Lang};
use crate::store::{AccountFacts, ByAccount, ProductSales};
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PivotRow {
    pub account_id: i64,
    pub code: Arc<str>,
    pub name: Arc<str>,
    /// One amount per product, in the order of `Pivot::products`.
    pub cells: Vec<Money>,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pivot {
    pub period: Option<Period>,
    /// By total sales, then name.
    pub products: Vec<String>,
    /// By total sales, then code.
    pub rows: Vec<PivotRow>,
    pub product_totals: Vec<Money>,
    pub total: Money,
}

/// `sales` as `Store::sales_by_account_product` gives them; `accounts` by code.
pub fn pivot(period: Option<Period>, accounts: &[AccountFacts], sales: &ProductSales) -> Pivot {
    // Each account's place in `accounts`, by id (plus one: nothing is no account): the
    // sums of trashed accounts have none and count nowhere, in the totals neither.
    let max_id = accounts.iter().map(|a| a.id).max().unwrap_or(0);
    let mut place: ByAccount<usize> = ByAccount::up_to(max_id);
    for (i, a) in accounts.iter().enumerate() {
        *place.entry(a.id) = i + 1;
    }
    let sums: Vec<(usize, usize, Money)> = sales
        .sums
        .iter()
        .filter_map(|&(id, p, m)| Some((place.get(id)? - 1, p, m)))
        .filter(|&(_, p, _)| p < sales.products.len())
        .collect();
    let mut product_sum = vec![0i64; sales.products.len()];
    let mut sold = vec![false; sales.products.len()];
    for &(_, p, m) in &sums {
        product_sum[p] += m.cents();
        sold[p] = true;
    }
    let mut products: Vec<usize> = (0..sales.products.len()).filter(|&p| sold[p]).collect();
    products.sort_by(|&a, &b| {
        product_sum[b]
            .cmp(&product_sum[a])
            .then_with(|| sales.products[a].cmp(&sales.products[b]))
    });
    let mut column = vec![usize::MAX; sales.products.len()];
    for (c, &p) in products.iter().enumerate() {
        column[p] = c;
    }
    // One line per account with sales, in the accounts' order (by code).
    let mut lines: Vec<Option<PivotRow>> = vec![None; accounts.len()];
    for (at, p, m) in sums {
        let a = &accounts[at];
        let row = lines[at].get_or_insert_with(|| PivotRow {
            account_id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
            cells: vec![Money::ZERO; products.len()],
            total: Money::ZERO,
        });
        row.cells[column[p]] += m;
        row.total += m;
    }
    let mut rows: Vec<PivotRow> = lines.into_iter().flatten().collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.code.cmp(&b.code)));
    Pivot {
        period,
        product_totals: products.iter().map(|&p| Money(product_sum[p])).collect(),
        total: Money(products.iter().map(|&p| product_sum[p]).sum()),
        products: products
            .iter()
            .map(|&p| sales.products[p].clone())
            .collect(),
        rows,
    }
}

impl Pivot {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        vec![self.sheet(lang, ALL)]
    }

    /// The rows `rows` of the pivot, always followed by the totals line.
    pub fn sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet<'_> {
        let mut columns = vec![t(lang, "an-col-code"), t(lang, "an-col-account")];
        columns.extend(self.products.iter().cloned());
        columns.push(t(lang, "an-total"));
        let mut s = Sheet::new(t(lang, "an-pivot"), columns);
        let money_or_blank = |m: &Money| {
            if m.cents() == 0 {
                Value::text("")
            } else {
                Value::Money(*m)
            }
        };
        for r in window(&self.rows, rows) {
            let mut row = vec![Value::text(&*r.code), Value::text(&*r.name)];
            row.extend(r.cells.iter().map(money_or_blank));
            row.push(Value::Money(r.total));
            s.rows.push(row);
        }
        let mut totals = vec![Value::text(t(lang, "an-total")), Value::text("")];
        totals.extend(self.product_totals.iter().map(|m| Value::Money(*m)));
        totals.push(Value::Money(self.total));
        // The products' share of the totals line as a pie, labelled by the column names.
        let totals_line = Line::Row(s.rows.len());
        s.chart = Some(Chart {
            kind: ChartKind::Pie,
            title: t(lang, "an-chart-products"),
            points: (2..2 + self.products.len())
                .map(|c| ((Line::Header, c), (totals_line, c)))
                .collect(),
        });
        s.rows.push(totals);
        s
    }
}
