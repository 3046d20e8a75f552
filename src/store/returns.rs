//! Returns and claims in the store (退货/索赔, issue 21): the schema step that adds them, owned
//! by an account like every section (the generic `Writer` saves them, with history, trash and
//! the team's global id).

use super::Store;
use crate::domain::{Money, ReturnKind};
use anyhow::Result;
use chrono::NaiveDate;

/// Schema step: the returns table, with the `uid` the team edition sends it by.
pub(crate) fn schema() -> String {
    let table = super::owned_table::owned_table(
        "returns",
        "date TEXT NOT NULL, kind TEXT, product TEXT NOT NULL, quantity INTEGER, amount INTEGER,
         reason TEXT, status TEXT, order_no TEXT, notes TEXT",
    );
    format!("{table}\nCREATE INDEX returns_date ON returns(date);")
}

/// One live return or claim in a period, as the return-rate report reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnLine {
    pub account_id: i64,
    /// Trimmed, as the sales by product are.
    pub product: String,
    pub kind: Option<ReturnKind>,
    pub quantity: i64,
    pub amount: Money,
}

impl Store {
    /// The live returns and claims dated in `from..=to` (of trashed accounts too: callers
    /// keep the live accounts'), by the `returns_date` index.
    pub fn returns_in(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ReturnLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT account_id, TRIM(product), kind, COALESCE(quantity, 0), COALESCE(amount, 0)
             FROM returns WHERE deleted_at IS NULL AND date >= ?1 AND date <= ?2",
        )?;
        let mut rows = stmt.query([from.to_string(), to.to_string()])?;
        let mut out = vec![];
        while let Some(r) = rows.next()? {
            let kind: Option<String> = r.get(2)?;
            out.push(ReturnLine {
                account_id: r.get(0)?,
                product: r.get(1)?,
                kind: kind.as_deref().and_then(ReturnKind::from_code),
                quantity: r.get(3)?,
                amount: Money(r.get(4)?),
            });
        }
        Ok(out)
    }
}
