//! Reading the book in an export's order a little at a time, so an export of any size holds
//! a few hundred accounts at once, not the whole book (issue 17: the whole document of
//! 100,000 accounts took 2–8 GB). Each row is read straight into its record, field by field,
//! with no JSON object per row in between; the values are the ones `rows.rs` reads, so a
//! record comes out exactly as `Store::all` gives it.
//!
//! Live records only, and only those of live accounts, as `Store::all` reads them.

use super::plan_row::{plan_from_row, PLAN_COLUMNS};
use super::rows::{columns, record_from_row, select_sql};
use super::Store;
use crate::domain::record::{Record, RecordKind};
use crate::domain::{Account, AccountPlan};
use anyhow::Result;

/// Which accounts an export holds.
#[derive(Debug, Clone, Copy)]
pub enum Only<'a> {
    /// Every live account.
    All,
    /// The live accounts whose code is this one in any (ASCII) case.
    CodeAnyCase(&'a str),
    /// The live account with exactly this code.
    Code(&'a str),
}

impl Only<'_> {
    /// The condition on the accounts' table (aliased `a`), with its parameter as `?n`.
    fn condition(&self, n: usize) -> (String, Option<&str>) {
        match self {
            Only::All => (String::new(), None),
            Only::CodeAnyCase(c) => (format!(" AND a.code = ?{n} COLLATE NOCASE"), Some(c)),
            Only::Code(c) => (format!(" AND a.code = ?{n}"), Some(c)),
        }
    }
}

/// The columns as `table.column, …`.
fn qualified(cols: &[&str], table: &str) -> String {
    cols.iter()
        .map(|c| format!("{table}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Up to `limit` live accounts after id `after`, in id order.
    pub fn accounts_after(&self, after: i64, limit: usize, only: Only) -> Result<Vec<Account>> {
        let kind = RecordKind::Account;
        let cols = columns(kind);
        let (cond, code) = only.condition(3);
        let sql = format!(
            "{} a WHERE a.deleted_at IS NULL AND a.id > ?1{cond} ORDER BY a.id LIMIT ?2",
            select_sql(kind)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = match code {
            Some(c) => stmt.query(rusqlite::params![after, limit as i64, c])?,
            None => stmt.query(rusqlite::params![after, limit as i64])?,
        };
        let mut out = Vec::with_capacity(limit.min(1024));
        while let Some(row) = rows.next()? {
            out.push(record_from_row(kind, &cols, row)?);
        }
        Ok(out)
    }

    /// The live records of one kind of the live accounts with ids `first..=last`, by account,
    /// then by id (the order of `Store::all` grouped by account).
    pub fn records_of_accounts<R: Record>(&self, first: i64, last: i64) -> Result<Vec<R>> {
        let kind = R::KIND;
        let cols = columns(kind);
        // A join, not `IN (SELECT …)`: that list of live accounts is made anew per query.
        let sql = format!(
            "SELECT {} FROM {} r JOIN accounts a ON a.id = r.account_id
             WHERE r.account_id BETWEEN ?1 AND ?2 AND r.deleted_at IS NULL
               AND a.deleted_at IS NULL
             ORDER BY r.account_id, r.id",
            qualified(&cols, "r"),
            kind.table()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query([first, last])?;
        let mut out = vec![];
        while let Some(row) = rows.next()? {
            out.push(record_from_row(kind, &cols, row)?);
        }
        Ok(out)
    }

    /// The account plans of the accounts with ids `first..=last`, by account.
    pub fn account_plans_of(&self, first: i64, last: i64) -> Result<Vec<AccountPlan>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {PLAN_COLUMNS} FROM account_plans
             WHERE account_id BETWEEN ?1 AND ?2 ORDER BY account_id"
        ))?;
        let rows = stmt.query_map([first, last], plan_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Calls `each` with every live record of one kind of the accounts `only` names, with
    /// its account's code: by account then id (`by_account`, the order of a section in the
    /// exports), else by id (visit plans and reports). Reads one row at a time.
    pub fn each_record_with_code<R: Record>(
        &self,
        by_account: bool,
        only: Only,
        mut each: impl FnMut(&str, R) -> Result<()>,
    ) -> Result<()> {
        let kind = R::KIND;
        let cols = columns(kind);
        let (cond, code) = only.condition(1);
        let list = |table: &str| qualified(&cols, table);
        let sql = match (kind, by_account) {
            (RecordKind::Account, _) => format!(
                "SELECT {}, a.code FROM accounts a WHERE a.deleted_at IS NULL{cond} ORDER BY a.id",
                list("a")
            ),
            (_, by_account) => format!(
                "SELECT {}, a.code FROM {} r JOIN accounts a ON a.id = r.account_id
                 WHERE r.deleted_at IS NULL AND a.deleted_at IS NULL{cond} ORDER BY {}",
                list("r"),
                kind.table(),
                if by_account {
                    "r.account_id, r.id"
                } else {
                    "r.id"
                }
            ),
        };
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = match code {
            Some(c) => stmt.query([c])?,
            None => stmt.query([])?,
        };
        while let Some(row) = rows.next()? {
            let rec: R = record_from_row(kind, &cols, row)?;
            let code = row.get_ref(cols.len())?;
            let code = std::str::from_utf8(code.as_bytes().unwrap_or_default()).unwrap_or("");
            each(code, rec)?;
        }
        Ok(())
    }

    /// How many records of a kind `each_record_with_code` gives: what a progress bar counts to.
    pub fn count_for_export(&self, kind: RecordKind, only: Only) -> Result<u64> {
        let (cond, code) = only.condition(1);
        let sql = if kind == RecordKind::Account {
            format!("SELECT count(*) FROM accounts a WHERE a.deleted_at IS NULL{cond}")
        } else {
            format!(
                "SELECT count(*) FROM {} r JOIN accounts a ON a.id = r.account_id
                 WHERE r.deleted_at IS NULL AND a.deleted_at IS NULL{cond}",
                kind.table()
            )
        };
        let n: i64 = match code {
            Some(c) => self.conn().query_row(&sql, [c], |r| r.get(0))?,
            None => self.conn().query_row(&sql, [], |r| r.get(0))?,
        };
        Ok(n as u64)
    }
}
