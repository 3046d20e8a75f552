//! The money side of the dossier in the store (issue 21): the schema step that adds contracts
//! and payments received and gives deals a due date and a contract number, and the query
//! behind the overdue-payment reminder. The records themselves go through the generic
//! `Writer` like every other section.

use super::Store;
use crate::domain::credit::Receivable;
use crate::domain::{Deal, Money, OrderStatus, PaymentStatus};
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Schema step 13. The two tables are owned by an account like every section, with the global
/// id the team edition sends them by (`uid`, as step 11 gave the others). A deal's due date
/// is indexed for the reminder, which reads only the deals due by today.
pub(crate) fn schema() -> String {
    let owned = super::owned_table::owned_table;
    [
        owned(
            "contracts",
            "number TEXT NOT NULL, name TEXT NOT NULL, signed_on TEXT, amount INTEGER,
             starts_on TEXT, ends_on TEXT, status TEXT, notes TEXT",
        ),
        owned(
            "payments",
            "date TEXT NOT NULL, amount INTEGER NOT NULL, method TEXT, order_no TEXT,
             contract_no TEXT, note TEXT",
        ),
        // The reminder reads only the live deals with a due date not typed as paid (a deal
        // typed paid is never overdue: `Settlement::MarkedPaid`), from this index alone: at
        // 100,000 accounts the 290,000 deals due, read row by row with their accounts, took
        // 3.5 s; the 25,000 not typed paid, from the index, 0.15 s (docs/performance.md).
        "ALTER TABLE deals ADD COLUMN due_date TEXT;
         ALTER TABLE deals ADD COLUMN contract_no TEXT;
         CREATE INDEX deals_due ON deals(due_date, account_id, order_no, amount, quantity,
             unit_price, status)
             WHERE due_date IS NOT NULL AND deleted_at IS NULL
               AND (payment_status IS NULL OR payment_status != 'paid');"
            .to_string(),
    ]
    .join("\n")
}

/// Numbers compared as `Payment::pays_order` compares them.
fn number_key(account_id: i64, no: &str) -> (i64, String) {
    (account_id, no.trim().to_lowercase())
}

impl Store {
    /// The receivables of live deals of live accounts due on or before `by` and not typed as
    /// paid, with the payments made for each: what the overdue reminder reads (a deal typed
    /// paid is never overdue).
    pub fn open_receivables_due_by(&self, by: NaiveDate) -> Result<Vec<Receivable>> {
        let conn = self.conn();
        // The terms of `deals_due`'s WHERE, as written there, so SQLite reads that index.
        let mut stmt = conn.prepare_cached(
            "SELECT d.id, d.account_id, d.order_no, d.due_date, d.amount, d.quantity,
                    d.unit_price, NULL, d.status
             FROM deals d JOIN accounts a ON a.id = d.account_id
             WHERE d.due_date IS NOT NULL AND d.deleted_at IS NULL
               AND (d.payment_status IS NULL OR d.payment_status != 'paid')
               AND d.due_date <= ?1 AND d.order_no IS NOT NULL AND a.deleted_at IS NULL
             ORDER BY d.due_date, d.id",
        )?;
        let mut deals = vec![];
        let mut rows = stmt.query([by.to_string()])?;
        while let Some(r) = rows.next()? {
            let due: String = r.get(3)?;
            let Ok(due) = due.parse::<NaiveDate>() else {
                continue;
            };
            let code = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
            deals.push((
                Deal {
                    id: r.get(0)?,
                    account_id: r.get(1)?,
                    order_no: r.get(2)?,
                    due_date: Some(due),
                    amount: r.get::<_, Option<i64>>(4)?.map(Money),
                    quantity: r.get(5)?,
                    unit_price: r.get::<_, Option<i64>>(6)?.map(Money),
                    payment_status: code(7)?.as_deref().and_then(PaymentStatus::from_code),
                    status: code(8)?.as_deref().and_then(OrderStatus::from_code),
                    ..Deal::default()
                },
                due,
            ));
        }
        let mut paid: HashMap<(i64, String), Vec<(NaiveDate, Money)>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT account_id, order_no, date, amount FROM payments
             WHERE deleted_at IS NULL AND order_no IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (account, no, date, amount): (i64, String, String, i64) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if let Ok(date) = date.parse::<NaiveDate>() {
                paid.entry(number_key(account, &no))
                    .or_default()
                    .push((date, Money(amount)));
            }
        }
        let mut out = vec![];
        for (deal, due) in deals {
            let no = deal.order_no.clone().unwrap_or_default();
            let total = deal.total();
            if no.trim().is_empty() || total.0 <= 0 || deal.status == Some(OrderStatus::Cancelled) {
                continue;
            }
            let mut own = paid
                .get(&number_key(deal.account_id, &no))
                .cloned()
                .unwrap_or_default();
            own.sort();
            out.push(Receivable::from_payments(
                &deal,
                no.trim().to_string(),
                due,
                total,
                &own,
            ));
        }
        Ok(out)
    }
}
