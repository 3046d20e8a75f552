//! Region analysis (客户区域分析表): per province, and per city within it, the number of
//! accounts, their share of all accounts, their sales and share of sales.

use super::chart::{Chart, ChartKind, Line};
use super::sheet::{Sheet, Value};
use super::{share, Book, Period};
use crate::domain::Money;
use crate::i18n::{t, Lang};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionRow {
    /// Empty where the account has no province (or city) on file.
    pub province: String,
    /// `None` on a province's own line.
    pub city: Option<String>,
    pub accounts: usize,
    pub share_of_accounts: Option<f64>,
    pub sales: Money,
    pub share_of_sales: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regions {
    pub period: Option<Period>,
    /// Provinces by sales (then name), each followed by its cities by sales.
    pub rows: Vec<RegionRow>,
    pub account_count: usize,
    pub total_sales: Money,
}

impl Regions {
    pub fn provinces(&self) -> impl Iterator<Item = &RegionRow> {
        self.rows.iter().filter(|r| r.city.is_none())
    }
}

pub fn regions(book: &Book) -> Regions {
    // province → (accounts, sales, city → (accounts, sales))
    type Sum = (usize, i64);
    let mut map: BTreeMap<&str, (Sum, BTreeMap<&str, Sum>)> = BTreeMap::new();
    for a in &book.accounts {
        let sales = book.sales_of(a.id).cents();
        let p = map
            .entry(a.province.as_deref().unwrap_or_default())
            .or_default();
        p.0 .0 += 1;
        p.0 .1 += sales;
        let c =
            p.1.entry(a.city.as_deref().unwrap_or_default())
                .or_default();
        c.0 += 1;
        c.1 += sales;
    }
    let n = book.accounts.len() as i64;
    let total = book.total_sales().cents();
    let row = |province: &str, city: Option<&str>, (accounts, sales): Sum| RegionRow {
        province: province.to_string(),
        city: city.map(str::to_string),
        accounts,
        share_of_accounts: share(accounts as i64, n),
        sales: Money(sales),
        share_of_sales: share(sales, total),
    };
    let by_sales = |a: &(&str, Sum), b: &(&str, Sum)| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0));
    let mut provinces: Vec<(&str, Sum)> = map.iter().map(|(k, v)| (*k, v.0)).collect();
    provinces.sort_by(by_sales);
    let mut rows = vec![];
    for (p, sum) in provinces {
        rows.push(row(p, None, sum));
        let mut cities: Vec<(&str, Sum)> = map[p].1.iter().map(|(k, v)| (*k, *v)).collect();
        cities.sort_by(by_sales);
        rows.extend(cities.into_iter().map(|(c, s)| row(p, Some(c), s)));
    }
    Regions {
        period: book.period,
        rows,
        account_count: book.accounts.len(),
        total_sales: Money(total),
    }
}

impl Regions {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        let c = |id: &str| t(lang, id);
        let none = c("an-no-region");
        let mut s = Sheet::new(
            c("an-regions"),
            vec![
                c("an-col-province"),
                c("an-col-city"),
                c("an-col-accounts"),
                c("an-col-account-share"),
                c("an-col-sales"),
                c("an-col-sales-share"),
            ],
        );
        let name = |x: &str| {
            if x.is_empty() {
                none.clone()
            } else {
                x.to_string()
            }
        };
        for r in &self.rows {
            s.rows.push(vec![
                Value::text(if r.city.is_some() {
                    String::new()
                } else {
                    name(&r.province)
                }),
                Value::text(r.city.as_deref().map(name).unwrap_or_default()),
                Value::Int(r.accounts as i64),
                Value::Percent(r.share_of_accounts),
                Value::Money(r.sales),
                Value::Percent(r.share_of_sales),
            ]);
        }
        // The provinces as bars (their cities would count twice).
        let provinces = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.city.is_none());
        s.chart = Some(Chart {
            kind: ChartKind::Bars,
            title: c("an-chart-regions"),
            points: provinces
                .map(|(i, _)| ((Line::Row(i), 0), (Line::Row(i), 4)))
                .collect(),
        });
        s.rows.push(vec![
            Value::text(c("an-total")),
            Value::text(""),
            Value::Int(self.account_count as i64),
            Value::Percent(share(self.account_count as i64, self.account_count as i64)),
            Value::Money(self.total_sales),
            Value::Percent(share(self.total_sales.cents(), self.total_sales.cents())),
        ]);
        vec![s]
    }
}
