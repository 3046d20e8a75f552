//! The return rate (退货率, the seeds' 历史交易记录 "退货率、复购率" and 不良信息): per account and
//! per product, the returns and claims dated in the period against the sales of the period
//! (as every analysis counts a sale: live, not cancelled). Rate = returned ÷ sold; a product
//! or account returned against with no sales in the period has no rate (–), not an infinite
//! one. Only accounts and products with a return or claim in the period take a line.

use super::sheet::{window, Sheet, Value, ALL};
use super::{share, Period};
use crate::domain::{Money, ReturnKind};
use crate::i18n::{t, Lang};
use crate::store::{AccountFacts, ProductSales, ReturnLine};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountReturns {
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub sales: Money,
    pub returned: Money,
    pub returns: usize,
    pub claims: usize,
    /// returned ÷ sales; `None` without sales in the period.
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductReturns {
    pub product: String,
    pub sales: Money,
    pub returned: Money,
    pub returns: usize,
    pub claims: usize,
    /// Units sent back (claims have none).
    pub quantity: i64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Returns {
    pub period: Option<Period>,
    /// By rate (highest first; none last), then amount returned, then code.
    pub accounts: Vec<AccountReturns>,
    /// By rate, then amount returned, then name.
    pub products: Vec<ProductReturns>,
    pub total_sales: Money,
    pub total_returned: Money,
    pub rate: Option<f64>,
}

fn by_rate(a: (Option<f64>, Money), b: (Option<f64>, Money)) -> std::cmp::Ordering {
    let r = |x: Option<f64>| x.unwrap_or(-1.0);
    r(b.0).total_cmp(&r(a.0)).then(b.1.cmp(&a.1))
}

/// `accounts` as `Store::account_facts` gives them (the live ones), `sales` and `lines` of
/// the period.
pub fn returns(
    period: Option<Period>,
    accounts: &[AccountFacts],
    sales: &ProductSales,
    lines: &[ReturnLine],
) -> Returns {
    let live: HashMap<i64, &AccountFacts> = accounts.iter().map(|a| (a.id, a)).collect();
    let mut account_sales: HashMap<i64, i64> = HashMap::new();
    let mut product_sales: HashMap<&str, i64> = HashMap::new();
    let mut total_sales = 0i64;
    for &(id, p, m) in &sales.sums {
        if !live.contains_key(&id) {
            continue;
        }
        *account_sales.entry(id).or_default() += m.cents();
        if let Some(name) = sales.products.get(p) {
            *product_sales.entry(name.as_str()).or_default() += m.cents();
        }
        total_sales += m.cents();
    }
    // (returned, returns, claims) per account; plus quantity per product.
    let mut by_account: HashMap<i64, (i64, usize, usize)> = HashMap::new();
    let mut by_product: HashMap<&str, (i64, usize, usize, i64)> = HashMap::new();
    let mut total_returned = 0i64;
    for l in lines.iter().filter(|l| live.contains_key(&l.account_id)) {
        let claim = l.kind == Some(ReturnKind::Claim);
        let a = by_account.entry(l.account_id).or_default();
        let p = by_product.entry(l.product.as_str()).or_default();
        a.0 += l.amount.cents();
        p.0 += l.amount.cents();
        if claim {
            a.2 += 1;
            p.2 += 1;
        } else {
            a.1 += 1;
            p.1 += 1;
            p.3 += l.quantity;
        }
        total_returned += l.amount.cents();
    }
    let mut account_rows: Vec<AccountReturns> = by_account
        .into_iter()
        .map(|(id, (returned, n, claims))| {
            let a = live[&id];
            let sold = account_sales.get(&id).copied().unwrap_or(0);
            AccountReturns {
                code: a.code.clone(),
                name: a.name.clone(),
                sales: Money(sold),
                returned: Money(returned),
                returns: n,
                claims,
                rate: share(returned, sold),
            }
        })
        .collect();
    account_rows.sort_by(|a, b| {
        by_rate((a.rate, a.returned), (b.rate, b.returned)).then_with(|| a.code.cmp(&b.code))
    });
    let mut product_rows: Vec<ProductReturns> = by_product
        .into_iter()
        .map(|(name, (returned, n, claims, quantity))| {
            let sold = product_sales.get(name).copied().unwrap_or(0);
            ProductReturns {
                product: name.to_string(),
                sales: Money(sold),
                returned: Money(returned),
                returns: n,
                claims,
                quantity,
                rate: share(returned, sold),
            }
        })
        .collect();
    product_rows.sort_by(|a, b| {
        by_rate((a.rate, a.returned), (b.rate, b.returned)).then_with(|| a.product.cmp(&b.product))
    });
    Returns {
        period,
        accounts: account_rows,
        products: product_rows,
        total_sales: Money(total_sales),
        total_returned: Money(total_returned),
        rate: share(total_returned, total_sales),
    }
}

impl Returns {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        vec![self.accounts_sheet(lang, ALL), self.products_sheet(lang)]
    }

    /// The accounts `rows` (the screen draws only the visible ones), then the totals line.
    /// The rate comes first after the name: what a manager reads, and what a narrow screen
    /// must still show.
    pub fn accounts_sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let mut accounts = Sheet::new(
            c("an-returns-by-account"),
            vec![
                c("an-col-code"),
                c("an-col-account"),
                c("an-col-return-rate"),
                c("an-col-sales"),
                c("an-col-returned"),
                c("an-col-returns"),
                c("an-col-claims"),
            ],
        );
        for r in window(&self.accounts, rows) {
            accounts.rows.push(vec![
                Value::text(&*r.code),
                Value::text(&*r.name),
                Value::Percent(r.rate),
                Value::Money(r.sales),
                Value::Money(r.returned),
                Value::Int(r.returns as i64),
                Value::Int(r.claims as i64),
            ]);
        }
        let n: usize = self.accounts.iter().map(|a| a.returns).sum();
        let k: usize = self.accounts.iter().map(|a| a.claims).sum();
        accounts.rows.push(vec![
            Value::text(c("an-total")),
            Value::text(""),
            Value::Percent(self.rate),
            Value::Money(self.total_sales),
            Value::Money(self.total_returned),
            Value::Int(n as i64),
            Value::Int(k as i64),
        ]);
        accounts
    }

    pub fn products_sheet(&self, lang: Lang) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let mut products = Sheet::new(
            c("an-returns-by-product"),
            vec![
                c("an-col-product"),
                c("an-col-return-rate"),
                c("an-col-sales"),
                c("an-col-returned"),
                c("an-col-returns"),
                c("an-col-claims"),
                c("an-col-quantity-returned"),
            ],
        );
        for p in &self.products {
            products.rows.push(vec![
                Value::text(p.product.as_str()),
                Value::Percent(p.rate),
                Value::Money(p.sales),
                Value::Money(p.returned),
                Value::Int(p.returns as i64),
                Value::Int(p.claims as i64),
                Value::Int(p.quantity),
            ]);
        }
        products
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(id: i64, code: &str) -> AccountFacts {
        AccountFacts {
            id,
            code: code.into(),
            name: format!("客户{id}").into(),
            ..AccountFacts::default()
        }
    }

    fn line(account_id: i64, product: &str, kind: ReturnKind, qty: i64, yuan: i64) -> ReturnLine {
        ReturnLine {
            account_id,
            product: product.into(),
            kind: Some(kind),
            quantity: qty,
            amount: Money(yuan * 100),
        }
    }

    #[test]
    fn return_rates_by_hand() {
        let accounts = [facts(1, "C1"), facts(2, "C2"), facts(3, "C3")];
        // C1 bought 10,000 of 路由器 and 5,000 of 网关; C2 20,000 of 路由器; C3 nothing.
        let sales = ProductSales {
            products: vec!["路由器".into(), "网关".into()],
            sums: vec![
                (1, 0, Money(1_000_000)),
                (1, 1, Money(500_000)),
                (2, 0, Money(2_000_000)),
                // A trashed account's sales count nowhere.
                (9, 0, Money(9_900_000)),
            ],
        };
        let lines = [
            line(1, "路由器", ReturnKind::Return, 2, 1_000),
            line(1, "网关", ReturnKind::Claim, 0, 500),
            line(2, "路由器", ReturnKind::Return, 1, 500),
            line(3, "网关", ReturnKind::Return, 1, 300),
            line(9, "路由器", ReturnKind::Return, 1, 999),
        ];
        let r = returns(None, &accounts, &sales, &lines);
        // Total: 2,300 returned of 35,000 sold = 6.571…%.
        assert_eq!(r.total_sales, Money(3_500_000));
        assert_eq!(r.total_returned, Money(230_000));
        assert!((r.rate.unwrap() - 2_300.0 / 35_000.0).abs() < 1e-12);
        // C1: 1,500 of 15,000 = 10%; C2: 500 of 20,000 = 2.5%; C3: 300 of nothing: no rate.
        let got: Vec<(&str, Option<f64>, usize, usize)> = r
            .accounts
            .iter()
            .map(|a| (&*a.code, a.rate, a.returns, a.claims))
            .collect();
        assert_eq!(
            got,
            [
                ("C1", Some(0.1), 1, 1),
                ("C2", Some(0.025), 1, 0),
                ("C3", None, 1, 0)
            ]
        );
        // 网关: 800 of 5,000 = 16%; 路由器: 1,500 of 30,000 = 5%, 3 units back.
        let p: Vec<(&str, Option<f64>, i64)> = r
            .products
            .iter()
            .map(|p| (p.product.as_str(), p.rate, p.quantity))
            .collect();
        assert_eq!(p, [("网关", Some(0.16), 1), ("路由器", Some(0.05), 3)]);
    }
}
