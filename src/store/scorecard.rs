//! What the personal scorecard reads of one period (issue 23): each live account's grade,
//! its latest visit before the period and its visits in it; the receivables due in the
//! period with their payments; the complaints and service requests opened in it and when
//! each was closed. The figures themselves are computed in `analytics::scorecard`.

use super::Store;
use crate::domain::credit::Receivable;
use crate::domain::{Deal, Grade, Money, OrderStatus, PaymentStatus};
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashMap;

/// One live account as the cadence and the coverage see it in a period.
#[derive(Debug, Clone, PartialEq)]
pub struct CadenceFact {
    pub id: i64,
    /// The grade typed on the account (the scorecard reads the computed one when none is).
    pub grade: Option<Grade>,
    /// Still doing business (no status, or active): only these are asked to be visited.
    pub active: bool,
    /// The day the account was entered in kam.
    pub created: Option<NaiveDate>,
    pub last_visit_before: Option<NaiveDate>,
    pub visits_in: usize,
}

/// A complaint or a service request opened in the period, and the day it was closed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Handled {
    pub opened: NaiveDate,
    /// When it stands closed (resolved): the day its status last changed, from its history
    /// (a record corrected after closing keeps the day it was closed); the day it was
    /// entered when it was typed in closed.
    pub closed: Option<NaiveDate>,
}

/// The moment the row `alias` of `table` got its present status: its latest status change in
/// the history (through `history_row`), else its entry (a record typed in closed has no
/// change of status).
fn status_since(table: &str, alias: &str) -> String {
    format!(
        "coalesce((SELECT h.at FROM history h
                    WHERE h.entity = '{table}' AND h.row_id = {alias}.id AND h.field = 'status'
                    ORDER BY h.id DESC LIMIT 1), {alias}.created_at)"
    )
}

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.get(..10).and_then(|d| d.parse().ok()))
}

impl Store {
    /// Every live account with its visits around `from`–`to`.
    pub fn cadence_facts(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CadenceFact>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.grade, coalesce(a.status, 'active') = 'active', a.created_at,
                    (SELECT max(v.date) FROM visit_reports v
                      WHERE v.account_id = a.id AND v.deleted_at IS NULL AND v.date < ?1),
                    (SELECT count(*) FROM visit_reports v
                      WHERE v.account_id = a.id AND v.deleted_at IS NULL
                        AND v.date >= ?1 AND v.date <= ?2)
               FROM accounts a WHERE a.deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([from.to_string(), to.to_string()], |r| {
            Ok(CadenceFact {
                id: r.get(0)?,
                grade: r
                    .get::<_, Option<String>>(1)?
                    .and_then(|g| Grade::from_code(&g)),
                active: r.get(2)?,
                created: day(r.get(3)?),
                last_visit_before: day(r.get(4)?),
                visits_in: r.get::<_, i64>(5)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The receivables of live deals of live accounts due from `from` to `to`, paid ones
    /// too, each with the payments made for its order number.
    pub fn receivables_due_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Receivable>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT d.id, d.account_id, d.order_no, d.due_date, d.amount, d.quantity,
                    d.unit_price, d.payment_status, d.status
               FROM deals d JOIN accounts a ON a.id = d.account_id
              WHERE d.due_date >= ?1 AND d.due_date <= ?2 AND d.deleted_at IS NULL
                AND d.order_no IS NOT NULL AND a.deleted_at IS NULL",
        )?;
        let mut deals = vec![];
        let mut rows = stmt.query([from.to_string(), to.to_string()])?;
        while let Some(r) = rows.next()? {
            let Some(due) = day(r.get(3)?) else { continue };
            let code = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
            deals.push(Deal {
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
            });
        }
        if deals.is_empty() {
            return Ok(vec![]);
        }
        // Payments name their order as `Payment::pays_order` compares it.
        let key = |account: i64, no: &str| (account, no.trim().to_lowercase());
        let mut paid: HashMap<(i64, String), Vec<(NaiveDate, Money)>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT account_id, order_no, date, amount FROM payments
              WHERE deleted_at IS NULL AND order_no IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (account, no, date, amount): (i64, String, Option<String>, i64) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if let Some(date) = day(date) {
                paid.entry(key(account, &no))
                    .or_default()
                    .push((date, Money(amount)));
            }
        }
        let mut out = vec![];
        for deal in deals {
            let no = deal.order_no.clone().unwrap_or_default();
            let total = deal.total();
            if no.trim().is_empty() || total.0 <= 0 || deal.status == Some(OrderStatus::Cancelled) {
                continue;
            }
            let mut own = paid
                .get(&key(deal.account_id, &no))
                .cloned()
                .unwrap_or_default();
            own.sort();
            let due = deal.due_date.unwrap_or(from);
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

    /// The complaints (feedback of kind complaint) and service requests of live accounts
    /// opened from `from` to `to`.
    pub fn handled_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Handled>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT f.date, CASE WHEN f.status = 'closed' THEN {} END
                   FROM feedback f JOIN accounts a ON a.id = f.account_id
                  WHERE f.kind = 'complaint' AND f.deleted_at IS NULL AND a.deleted_at IS NULL
                    AND f.date >= ?1 AND f.date <= ?2
                 UNION ALL
                 SELECT s.date, CASE WHEN s.status = 'resolved' THEN {} END
                   FROM service_records s JOIN accounts a ON a.id = s.account_id
                  WHERE s.deleted_at IS NULL AND a.deleted_at IS NULL
                    AND s.date >= ?1 AND s.date <= ?2",
            status_since("feedback", "f"),
            status_since("service_records", "s"),
        ))?;
        let mut out = vec![];
        let mut rows = stmt.query([from.to_string(), to.to_string()])?;
        while let Some(r) = rows.next()? {
            if let Some(opened) = day(r.get(0)?) {
                out.push(Handled {
                    opened,
                    closed: day(r.get(1)?),
                });
            }
        }
        Ok(out)
    }
}
