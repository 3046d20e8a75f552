//! The figures analytics work from: one pass over a period's range of a covering index,
//! summed here, is far cheaper than loading every deal into records (100,000 accounts have
//! ~400,000 deals), and than grouping in SQL, which sorts.
//!
//! What counts as a sale, in every query here: a live deal dated in the period (both ends
//! included), not cancelled; its amount is the amount entered, else quantity × unit price
//! (as `Deal::total`). The queries do not join the accounts: the `deals_by_date` index answers
//! them alone, and the callers keep only live accounts (those of `account_facts`).

use super::plan_row::{plan_from_row, plan_texts, PLAN_COLUMNS, PLAN_FIELDS};
use super::{ByAccount, Store};
use crate::domain::*;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;
use std::sync::Arc;

/// The amount of a deal as `Deal::total` computes it.
const AMOUNT: &str = "COALESCE(d.amount, d.quantity * d.unit_price, 0)";

/// Deals that count as sales in the period `?1..=?2` (of any account, trashed ones too), read
/// by date: sums over a date range read only that range of `deals_by_date` (schema step 7),
/// which covers every column they need.
/// Narrowed to one rep (`rep_scope.rs`), `deals` is a view, which has no index to name.
pub(super) fn sales_by_date_from(store: &Store) -> String {
    let index = if store.narrowed_to().is_some() {
        ""
    } else {
        "INDEXED BY deals_by_date"
    };
    format!(
        "FROM deals d {index}
     WHERE d.deleted_at IS NULL AND d.date >= ?1 AND d.date <= ?2
       AND (d.status IS NULL OR d.status <> 'cancelled')"
    )
}

/// What analytics need to know about an account.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountFacts {
    pub id: i64,
    /// Shared with the rows of every report made of the account (100,000 of them).
    pub code: Arc<str>,
    /// The short name when there is one.
    pub name: Arc<str>,
    /// Places and owners repeat across thousands of accounts: each distinct one is kept once
    /// and shared (100,000 accounts read ~300,000 fewer strings).
    pub province: Option<Arc<str>>,
    pub city: Option<Arc<str>>,
    pub industry: Option<Industry>,
    pub category: Option<Category>,
    pub credit: Option<Credit>,
    /// The grade set by hand, which overrides the computed one.
    pub manual_grade: Option<Grade>,
    pub owner: Option<Arc<str>>,
    /// 销售范围 (a dealer's: local, other regions, both).
    pub sales_area: Option<SalesArea>,
}

/// One account's sales in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SalesSum {
    pub sales: Money,
    pub deals: usize,
    /// Sales of the deals whose cost is known, and their margin (amount − cost): the profit
    /// rate is taken over these only, so a deal without a cost does not look like pure profit.
    pub costed_sales: Money,
    pub margin: Money,
}

/// Sales per account and product in a period, each product named once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductSales {
    /// Trimmed names; empty for deals without a product.
    pub products: Vec<String>,
    /// (account id, product as an index into `products`, amount): one per account and
    /// product sold to it.
    pub sums: Vec<(i64, usize, Money)>,
}

/// Opportunities of one stage with one probability, for the funnel.
#[derive(Debug, Clone, PartialEq)]
pub struct StageGroup {
    pub stage: Option<Stage>,
    pub probability: Option<i64>,
    pub count: usize,
    pub expected: Money,
}

fn text(d: NaiveDate) -> String {
    d.to_string()
}

impl Store {
    /// Every live account, by code.
    pub fn account_facts(&self) -> Result<Vec<AccountFacts>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, code, short_name, name, province, city,
                    industry, category, credit, grade, owner, dealer_sales_area
             FROM accounts WHERE deleted_at IS NULL",
        )?;
        // Codes are read in place (no String for a value that becomes an enum).
        fn code<T>(
            r: &rusqlite::Row,
            i: usize,
            of: fn(&str) -> Option<T>,
        ) -> rusqlite::Result<Option<T>> {
            Ok(r.get_ref(i)?
                .as_str_or_null()?
                .filter(|s| !s.is_empty())
                .and_then(of))
        }
        let mut shared: HashMap<String, Arc<str>> = HashMap::new();
        let mut text = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<Option<Arc<str>>> {
            let Some(s) = r.get_ref(i)?.as_str_or_null()?.filter(|s| !s.is_empty()) else {
                return Ok(None);
            };
            if let Some(a) = shared.get(s) {
                return Ok(Some(a.clone()));
            }
            let a: Arc<str> = s.into();
            shared.insert(s.to_string(), a.clone());
            Ok(Some(a))
        };
        let rows = stmt
            .query_map([], |r| {
                Ok(AccountFacts {
                    id: r.get(0)?,
                    code: r.get_ref(1)?.as_str()?.into(),
                    // The short name when there is one, chosen here: three SQL functions
                    // on each row cost more than the choice.
                    name: match r.get_ref(2)?.as_str_or_null()?.map(str::trim) {
                        Some(short) if !short.is_empty() => short.into(),
                        _ => r.get_ref(3)?.as_str()?.into(),
                    },
                    province: text(r, 4)?,
                    city: text(r, 5)?,
                    industry: code(r, 6, Industry::from_code)?,
                    category: code(r, 7, Category::from_code)?,
                    credit: code(r, 8, Credit::from_code)?,
                    manual_grade: code(r, 9, Grade::from_code)?,
                    owner: text(r, 10)?,
                    sales_area: code(r, 11, SalesArea::from_code)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<AccountFacts>>>()?;
        // Sorted here: `ORDER BY code` walks the code index and fetches every row out of
        // order, three times slower on a large file than reading the table through.
        let mut rows = rows;
        rows.sort_unstable_by(|a, b| a.code.cmp(&b.code));
        Ok(rows)
    }

    /// Each account's sales in the calendar year `year` as kept (`account_sales`): what the
    /// grades computed from sales rank. Trashed accounts may have some (read only the live
    /// ones'); a narrowed store's accounts are read through its view by the caller.
    pub fn kept_sales_of_year(&self, year: i32) -> Result<ByAccount<i64>> {
        let mut sums = ByAccount::up_to(self.max_account_id()?);
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT account_id, sales FROM account_sales WHERE year = ?1")?;
        let mut rows = stmt.query([format!("{year:04}")])?;
        while let Some(r) = rows.next()? {
            *sums.entry(r.get(0)?) += r.get::<_, i64>(1)?;
        }
        Ok(sums)
    }

    /// Every live account's id: what the grades computed from sales rank (through the narrow
    /// index `accounts_live`, not the wide table).
    pub fn live_account_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM accounts WHERE deleted_at IS NULL")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Sales per account in the period; accounts without sales have none, trashed accounts
    /// may have some.
    pub fn sales_by_account(&self, from: NaiveDate, to: NaiveDate) -> Result<ByAccount<SalesSum>> {
        let mut sums = self.sales_by_account_in(&[(from, to)])?;
        Ok(sums.pop().unwrap_or_default())
    }

    /// The largest account id in the file (trashed accounts included): how far the figures
    /// by account reach.
    fn max_account_id(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT COALESCE(MAX(id), 0) FROM accounts", [], |r| {
                r.get(0)
            })?)
    }

    /// Sales per account in each of several periods, from one scan of the deals between the
    /// earliest start and the latest end (a period and the one before: one pass, not two).
    // The rows are summed here rather than with `SUM(CASE …)` in SQL: SQLite evaluates each
    // CASE per row and per column, which took 0.59 s for two years at 100,000 accounts where
    // reading the same rows and adding them up in Rust takes ~0.15 s.
    pub fn sales_by_account_in(
        &self,
        periods: &[(NaiveDate, NaiveDate)],
    ) -> Result<Vec<ByAccount<SalesSum>>> {
        let (Some(first), Some(last)) = (
            periods.iter().map(|p| p.0).min(),
            periods.iter().map(|p| p.1).max(),
        ) else {
            return Ok(vec![]);
        };
        let mut sums: Vec<ByAccount<SalesSum>> =
            vec![ByAccount::up_to(self.max_account_id()?); periods.len()];
        let bounds: Vec<(String, String)> =
            periods.iter().map(|(f, t)| (text(*f), text(*t))).collect();
        let sql = format!(
            "SELECT d.account_id, d.date, {AMOUNT}, d.cost {}",
            sales_by_date_from(self)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![text(first), text(last)])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            // Compared as bytes: checking each of ~300,000 dates is UTF-8 took a twentieth of
            // the relationship evaluation.
            let date = r.get_ref(1)?.as_bytes().unwrap_or_default();
            let amount: i64 = r.get(2)?;
            let cost: Option<i64> = r.get(3)?;
            for (i, (f, t)) in bounds.iter().enumerate() {
                if date >= f.as_bytes() && date <= t.as_bytes() {
                    let s = sums[i].entry(id);
                    s.sales += Money(amount);
                    s.deals += 1;
                    if let Some(c) = cost {
                        s.costed_sales += Money(amount);
                        s.margin += Money(amount - c);
                    }
                }
            }
        }
        Ok(sums)
    }

    /// Sales per account and product in the period (trashed accounts may be present).
    // Summed here from the period's range of `deals_by_date`, like `sales_by_account_in`:
    // grouping in SQL scanned every deal and sorted the period's by product.
    pub fn sales_by_account_product(&self, from: NaiveDate, to: NaiveDate) -> Result<ProductSales> {
        let sql = format!(
            "SELECT d.account_id, TRIM(d.product), {AMOUNT} {}",
            sales_by_date_from(self)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![text(from), text(to)])?;
        // Products are few: each is named once and summed by its number.
        let mut products: HashMap<String, usize> = HashMap::new();
        let mut at: HashMap<(i64, usize), usize> = HashMap::new();
        let mut out = ProductSales::default();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let product = r.get_ref(1)?.as_str_or_null()?.unwrap_or("");
            let amount: i64 = r.get(2)?;
            let n = match products.get(product) {
                Some(n) => *n,
                None => {
                    products.insert(product.to_string(), out.products.len());
                    out.products.push(product.to_string());
                    out.products.len() - 1
                }
            };
            let i = *at.entry((id, n)).or_insert_with(|| {
                out.sums.push((id, n, Money::ZERO));
                out.sums.len() - 1
            });
            out.sums[i].2 += Money(amount);
        }
        Ok(out)
    }

    /// Sales per account and calendar month (`YYYY-MM`) in the period (trashed accounts may
    /// be present), by account then month.
    // From the period's range of `deals_by_date` and summed here, like the others.
    pub fn sales_by_account_month(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(i64, String, Money)>> {
        let sql = format!(
            "SELECT d.account_id, d.date, {AMOUNT} {}",
            sales_by_date_from(self)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![text(from), text(to)])?;
        let mut sums: HashMap<(i64, [u8; 7]), i64> = HashMap::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let date = r.get_ref(1)?.as_bytes()?;
            let Some(month) = date.get(..7).and_then(|m| <[u8; 7]>::try_from(m).ok()) else {
                continue;
            };
            *sums.entry((id, month)).or_default() += r.get::<_, i64>(2)?;
        }
        let mut out: Vec<(i64, String, Money)> = sums
            .into_iter()
            .map(|((id, m), v)| (id, String::from_utf8_lossy(&m).into_owned(), Money(v)))
            .collect();
        out.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        Ok(out)
    }

    /// Live opportunities expected to close in the period, by stage and probability.
    pub fn opportunities_by_stage(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<StageGroup>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT o.stage, o.probability, COUNT(*), SUM(COALESCE(o.expected_amount, 0))
             FROM opportunities o JOIN accounts a ON a.id = o.account_id
             WHERE o.deleted_at IS NULL AND a.deleted_at IS NULL
               AND o.expected_close >= ?1 AND o.expected_close <= ?2
             GROUP BY o.stage, o.probability",
        )?;
        let rows = stmt.query_map(params![text(from), text(to)], |r| {
            Ok(StageGroup {
                stage: r
                    .get::<_, Option<String>>(0)?
                    .and_then(|c| Stage::from_code(&c)),
                probability: r.get(1)?,
                count: r.get::<_, i64>(2)? as usize,
                expected: Money(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Visit records per account in the period.
    // Counted here: `GROUP BY` over the date index sorts every visit of the period in a
    // temporary b-tree (65 ms at 100,000 accounts); reading the ids off the index is 10 ms.
    pub fn visits_by_account(&self, from: NaiveDate, to: NaiveDate) -> Result<ByAccount<usize>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.account_id FROM visit_reports v
             WHERE v.deleted_at IS NULL AND v.date >= ?1 AND v.date <= ?2",
        )?;
        let mut rows = stmt.query(params![text(from), text(to)])?;
        let mut counts = ByAccount::up_to(self.max_account_id()?);
        while let Some(r) = rows.next()? {
            *counts.entry(r.get(0)?) += 1;
        }
        Ok(counts)
    }

    /// Complaints still open, per account (whatever their date: an open complaint is a
    /// problem now).
    pub fn open_complaints_by_account(&self) -> Result<ByAccount<usize>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.account_id, COUNT(*) FROM feedback f
             WHERE f.deleted_at IS NULL AND f.kind = 'complaint'
               AND (f.status IS NULL OR f.status = 'open')
             GROUP BY f.account_id",
        )?;
        let mut counts = ByAccount::up_to(self.max_account_id()?);
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            *counts.entry(r.get(0)?) = r.get::<_, i64>(1)? as usize;
        }
        Ok(counts)
    }

    /// Every stored account plan, by account.
    pub fn account_plans(&self) -> Result<HashMap<i64, AccountPlan>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {PLAN_COLUMNS} FROM account_plans"))?;
        let rows = stmt.query_map([], |r| {
            let plan = plan_from_row(r)?;
            Ok((plan.account_id, plan))
        })?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    pub fn account_plan(&self, account_id: i64) -> Result<Option<AccountPlan>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {PLAN_COLUMNS} FROM account_plans WHERE account_id = ?1"),
                [account_id],
                plan_from_row,
            )
            .optional()?)
    }

    /// Saves (or, when empty, removes) an account's plan, with one history row per changed
    /// value in the same transaction, like every other change. False when the plan was
    /// already so: nothing is written then.
    pub fn set_account_plan(&mut self, plan: &AccountPlan) -> Result<bool> {
        self.write(|w| w.set_account_plan(plan))
    }
}

impl super::Writer<'_> {
    /// An account's plan as stored, inside the caller's transaction (an edited export's).
    pub fn account_plan(&self, account_id: i64) -> Result<Option<AccountPlan>> {
        Ok(self
            .tx()
            .query_row(
                &format!("SELECT {PLAN_COLUMNS} FROM account_plans WHERE account_id = ?1"),
                [account_id],
                plan_from_row,
            )
            .optional()?)
    }

    /// See [`Store::set_account_plan`]; inside the caller's transaction (a JSON import).
    pub fn set_account_plan(&self, plan: &AccountPlan) -> Result<bool> {
        // A blank reason is no reason: a form reads an empty field as none, and "" beside
        // NULL would make the same plan saved again a change.
        let blank_is_none = |p: &AccountPlan| {
            let none = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
            AccountPlan {
                reason: none(&p.reason),
                measures: none(&p.measures),
                service_manager_advice: none(&p.service_manager_advice),
                general_manager_advice: none(&p.general_manager_advice),
                ..p.clone()
            }
        };
        let plan = &blank_is_none(plan);
        let tx = self.tx();
        let old = tx
            .query_row(
                &format!("SELECT {PLAN_COLUMNS} FROM account_plans WHERE account_id = ?1"),
                [plan.account_id],
                plan_from_row,
            )
            .optional()?
            .unwrap_or(AccountPlan {
                account_id: plan.account_id,
                ..Default::default()
            });
        if &blank_is_none(&old) == plan {
            return Ok(false);
        }
        if plan.is_empty() {
            tx.execute(
                "DELETE FROM account_plans WHERE account_id = ?1",
                [plan.account_id],
            )?;
        } else {
            tx.execute(
                "INSERT INTO account_plans (account_id, target, reason, measures,
                    service_manager_advice, general_manager_advice, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(account_id) DO UPDATE SET target = ?2, reason = ?3,
                    measures = ?4, service_manager_advice = ?5, general_manager_advice = ?6,
                    updated_at = ?7",
                params![
                    plan.account_id,
                    plan.target.map(|m| m.cents()),
                    plan.reason,
                    plan.measures,
                    plan.service_manager_advice,
                    plan.general_manager_advice,
                    self.now
                ],
            )?;
        }
        let money = |m: Option<Money>| m.map(|m| m.to_string());
        let mut changes = vec![(PLAN_FIELDS[0], money(old.target), money(plan.target))];
        for ((field, before), after) in PLAN_FIELDS[1..]
            .iter()
            .zip(plan_texts(&old))
            .zip(plan_texts(plan))
        {
            changes.push((field, before.clone(), after.clone()));
        }
        for (field, before, after) in changes {
            if before != after {
                tx.execute(
                    "INSERT INTO history (at, actor, account_id, entity, row_id, op, field,
                                          old_value, new_value)
                     VALUES (?1, ?2, ?3, 'account_plans', ?3, 'update', ?4, ?5, ?6)",
                    params![self.now, self.actor, plan.account_id, field, before, after],
                )?;
            }
        }
        Ok(true)
    }
}
