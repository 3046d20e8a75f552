//! Sales by product per customer (客户销售分析表): the pivot table a manager builds with
//! SUMIF — accounts down, products across, totals on both edges. Only accounts and products
//! with sales in the period take a line or a column.

use super::sheet::{window, Sheet, Value, ALL};
use super::Period;
use crate::domain::Money;
use crate::i18n::{t, Lang};
use crate::store::AccountFacts;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PivotRow {
    pub account_id: i64,
    pub code: String,
    pub name: String,
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

/// `sales`: (account, product, amount) as `Store::sales_by_account_product` gives them.
pub fn pivot(
    period: Option<Period>,
    accounts: &[AccountFacts],
    sales: &[(i64, String, Money)],
) -> Pivot {
    let facts: HashMap<i64, &AccountFacts> = accounts.iter().map(|a| (a.id, a)).collect();
    // Only the accounts given (the live ones) count, in the totals too.
    let sales: Vec<&(i64, String, Money)> = sales
        .iter()
        .filter(|(id, _, _)| facts.contains_key(id))
        .collect();
    let mut product_sum: HashMap<&str, i64> = HashMap::new();
    for (_, p, m) in &sales {
        *product_sum.entry(p.as_str()).or_default() += m.cents();
    }
    let mut products: Vec<(&str, i64)> = product_sum.into_iter().collect();
    products.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let column: HashMap<&str, usize> = products
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (*p, i))
        .collect();
    let mut rows: HashMap<i64, PivotRow> = HashMap::new();
    for (id, p, m) in sales {
        let Some(a) = facts.get(id) else { continue };
        let row = rows.entry(*id).or_insert_with(|| PivotRow {
            account_id: *id,
            code: a.code.clone(),
            name: a.name.clone(),
            cells: vec![Money::ZERO; products.len()],
            total: Money::ZERO,
        });
        row.cells[column[p.as_str()]] += *m;
        row.total += *m;
    }
    let mut rows: Vec<PivotRow> = rows.into_values().collect();
    rows.sort_unstable_by(|a, b| b.total.cmp(&a.total).then_with(|| a.code.cmp(&b.code)));
    Pivot {
        period,
        product_totals: products.iter().map(|(_, s)| Money(*s)).collect(),
        total: Money(products.iter().map(|(_, s)| *s).sum()),
        products: products.into_iter().map(|(p, _)| p.to_string()).collect(),
        rows,
    }
}

impl Pivot {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet> {
        vec![self.sheet(lang, ALL)]
    }

    /// The rows `rows` of the pivot, always followed by the totals line.
    pub fn sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet {
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
            let mut row = vec![Value::text(&r.code), Value::text(&r.name)];
            row.extend(r.cells.iter().map(money_or_blank));
            row.push(Value::Money(r.total));
            s.rows.push(row);
        }
        let mut totals = vec![Value::text(t(lang, "an-total")), Value::text("")];
        totals.extend(self.product_totals.iter().map(|m| Value::Money(*m)));
        totals.push(Value::Money(self.total));
        s.rows.push(totals);
        s
    }
}
