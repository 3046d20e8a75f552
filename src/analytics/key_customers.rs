//! Key customers (重点客户管理表): the top ten by sales, by growth over the period before and
//! by profit rate, side by side; then every account on any of the three lists (and every
//! account marked `key`) with its target, how much of it is reached, reason and measures.

use super::sheet::{window, Sheet, Value, ALL};
use super::{share, Book, Period};
use crate::domain::{AccountPlan, Category, Money};
use crate::i18n::{t, Lang};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

pub const TOP: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub rank: usize,
    pub account_id: i64,
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub sales: Money,
    pub previous_sales: Money,
    /// The value ranked: sales share, growth or profit rate.
    pub value: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyAccount {
    pub account_id: i64,
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub owner: Option<String>,
    pub sales: Money,
    pub target: Option<Money>,
    /// Sales ÷ target.
    pub achieved: Option<f64>,
    pub reason: Option<String>,
    pub measures: Option<String>,
    /// 客户服务部经理建议 / 总经理建议: the seed's last two columns of 重点客户管理表.
    pub service_manager_advice: Option<String>,
    pub general_manager_advice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyCustomers {
    pub period: Option<Period>,
    pub previous: Option<Period>,
    pub by_sales: Vec<Ranked>,
    pub by_growth: Vec<Ranked>,
    pub by_profit: Vec<Ranked>,
    pub key_accounts: Vec<KeyAccount>,
}

/// Ranks by `value` (highest first, then code); accounts without a value are left out.
fn top(book: &Book, value: impl Fn(i64) -> Option<f64>) -> Vec<Ranked> {
    let mut all: Vec<(f64, &crate::store::AccountFacts)> = book
        .accounts
        .iter()
        .filter_map(|a| value(a.id).map(|v| (v, a)))
        .collect();
    all.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.code.cmp(&y.1.code)));
    all.into_iter()
        .take(TOP)
        .enumerate()
        .map(|(i, (v, a))| Ranked {
            rank: i + 1,
            account_id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
            sales: book.sales_of(a.id),
            previous_sales: book.previous_sales_of(a.id),
            value: Some(v),
        })
        .collect()
}

pub fn key_customers(book: &Book, plans: &HashMap<i64, AccountPlan>) -> KeyCustomers {
    let total = book.total_sales().cents();
    let by_sales = top(book, |id| {
        let s = book.sales_of(id).cents();
        (s > 0).then(|| share(s, total).unwrap_or(0.0))
    });
    let by_growth = top(book, |id| book.growth_of(id));
    let by_profit = top(book, |id| book.profit_rate_of(id));
    let mut ids: Vec<i64> = vec![];
    let mut seen: HashSet<i64> = HashSet::new();
    for r in by_sales.iter().chain(&by_growth).chain(&by_profit) {
        if seen.insert(r.account_id) {
            ids.push(r.account_id);
        }
    }
    for a in &book.accounts {
        if (a.category == Some(Category::Key) || plans.contains_key(&a.id)) && seen.insert(a.id) {
            ids.push(a.id);
        }
    }
    let facts: HashMap<i64, &crate::store::AccountFacts> =
        book.accounts.iter().map(|a| (a.id, a)).collect();
    let mut key_accounts: Vec<KeyAccount> = ids
        .into_iter()
        .filter_map(|id| facts.get(&id))
        .map(|a| {
            let plan = plans.get(&a.id).cloned().unwrap_or_default();
            let sales = book.sales_of(a.id);
            KeyAccount {
                account_id: a.id,
                code: a.code.clone(),
                name: a.name.clone(),
                owner: a.owner.as_deref().map(str::to_string),
                sales,
                target: plan.target,
                achieved: plan
                    .target
                    .and_then(|t| (t.cents() > 0).then(|| sales.cents() as f64 / t.cents() as f64)),
                reason: plan.reason,
                measures: plan.measures,
                service_manager_advice: plan.service_manager_advice,
                general_manager_advice: plan.general_manager_advice,
            }
        })
        .collect();
    key_accounts.sort_by(|a, b| b.sales.cmp(&a.sales).then_with(|| a.code.cmp(&b.code)));
    KeyCustomers {
        period: book.period,
        previous: book.period.map(|p| p.previous()),
        by_sales,
        by_growth,
        by_profit,
        key_accounts,
    }
}

impl KeyCustomers {
    /// The three top-ten lists side by side, one row per rank.
    pub fn side_by_side(&self, lang: Lang) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let mut s = Sheet::new(
            c("an-top10"),
            vec![
                c("an-col-rank"),
                c("an-by-sales"),
                c("an-col-sales"),
                c("an-by-growth"),
                c("an-col-growth"),
                c("an-by-profit"),
                c("an-col-profit-rate"),
            ],
        );
        let name =
            |r: Option<&Ranked>| Value::text(r.map(|r| r.name.to_string()).unwrap_or_default());
        let rows = self
            .by_sales
            .len()
            .max(self.by_growth.len())
            .max(self.by_profit.len());
        for i in 0..rows {
            let (s1, g, p) = (
                self.by_sales.get(i),
                self.by_growth.get(i),
                self.by_profit.get(i),
            );
            s.rows.push(vec![
                Value::Int(i as i64 + 1),
                name(s1),
                s1.map_or(Value::text(""), |r| Value::Money(r.sales)),
                name(g),
                g.map_or(Value::text(""), |r| Value::Percent(r.value)),
                name(p),
                p.map_or(Value::text(""), |r| Value::Percent(r.value)),
            ]);
        }
        s
    }

    pub fn plans_sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let mut s = Sheet::new(
            c("an-key-accounts"),
            vec![
                c("an-col-code"),
                c("an-col-account"),
                c("an-col-owner"),
                c("an-col-sales"),
                c("an-col-target"),
                c("an-col-achieved"),
                c("an-col-reason"),
                c("an-col-measures"),
                c("an-col-service-advice"),
                c("an-col-gm-advice"),
            ],
        );
        for k in window(&self.key_accounts, rows) {
            s.rows.push(vec![
                Value::text(&*k.code),
                Value::text(&*k.name),
                Value::text(k.owner.as_deref().unwrap_or_default()),
                Value::Money(k.sales),
                k.target.map_or(Value::text(""), Value::Money),
                Value::Percent(k.achieved),
                Value::text(k.reason.clone().unwrap_or_default()),
                Value::text(k.measures.clone().unwrap_or_default()),
                Value::text(k.service_manager_advice.clone().unwrap_or_default()),
                Value::text(k.general_manager_advice.clone().unwrap_or_default()),
            ]);
        }
        s
    }

    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        vec![
            self.side_by_side(lang),
            list(lang, "an-by-sales", "an-col-sales-share", &self.by_sales),
            list(lang, "an-by-growth", "an-col-growth", &self.by_growth),
            list(lang, "an-by-profit", "an-col-profit-rate", &self.by_profit),
            self.plans_sheet(lang, ALL),
        ]
    }
}

/// One ranking as a sheet: rank, account, sales now and before, and the ranked figure.
fn list<'a>(lang: Lang, name: &str, col: &str, rows: &'a [Ranked]) -> Sheet<'a> {
    let c = |id: &str| t(lang, id);
    let mut s = Sheet::new(
        c(name),
        vec![
            c("an-col-rank"),
            c("an-col-code"),
            c("an-col-account"),
            c("an-col-sales"),
            c("an-col-previous"),
            c(col),
        ],
    );
    for r in rows {
        s.rows.push(vec![
            Value::Int(r.rank as i64),
            Value::text(&*r.code),
            Value::text(&*r.name),
            Value::Money(r.sales),
            Value::Money(r.previous_sales),
            Value::Percent(r.value),
        ]);
    }
    s
}
