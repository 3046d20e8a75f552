//! Visit plans and records by date, for the daily report, the weekly summary, reminders and
//! the calendar. Only live records of live accounts count; the date indexes
//! (`visit_reports_date`, `visit_plans_when`) keep a range cheap on a large file.

use super::rows::{columns, record_from_row, select_sql};
use super::Store;
use crate::domain::record::{Record, RecordKind};
use crate::domain::{VisitPlan, VisitReport};
use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, ToSql};

impl Store {
    /// Visit records dated `from` to `to`, both included, by date then id.
    pub fn visit_reports_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<VisitReport>> {
        self.between::<VisitReport>("date", &from.to_string(), &to.to_string())
    }

    /// Visit plans planned from `from` to `to`, both included, by time then id.
    pub fn visit_plans_between(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Vec<VisitPlan>> {
        // Stored as serde writes a NaiveDateTime (`2026-11-23T09:30:00`), which sorts as text.
        let fmt = "%Y-%m-%dT%H:%M:%S";
        self.between::<VisitPlan>(
            "planned_at",
            &from.format(fmt).to_string(),
            &to.format(fmt).to_string(),
        )
    }

    /// Every live visit plan of a live account planned from `from` on, by id, told to
    /// `each` one at a time with its account's code and name: the calendar is written as
    /// they come (a big book's future plans are never held at once).
    pub fn each_visit_plan_from(
        &self,
        from: NaiveDateTime,
        each: &mut dyn FnMut(VisitPlan, Option<(String, String)>) -> Result<()>,
    ) -> Result<()> {
        let kind = RecordKind::VisitPlan;
        let cols = columns(kind);
        // The upper bound of `visit_plans_between` over all time: a plan without a time, or
        // with one that is not a time, is not in the calendar.
        let sql = format!(
            "{} WHERE planned_at >= ?1 AND planned_at <= '9999-12-31T23:59:59'
               AND deleted_at IS NULL
               AND EXISTS (SELECT 1 FROM accounts a
                           WHERE a.id = account_id AND a.deleted_at IS NULL)
             ORDER BY id",
            select_sql(kind)
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let mut label = self
            .conn()
            .prepare_cached("SELECT code, name FROM accounts WHERE id = ?1")?;
        let mut rows = stmt.query([from.format("%Y-%m-%dT%H:%M:%S").to_string()])?;
        while let Some(row) = rows.next()? {
            let plan: VisitPlan = record_from_row(kind, &cols, row)?;
            let of = label
                .query_row([plan.account_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            each(plan, of)?;
        }
        Ok(())
    }

    fn between<R: Record>(&self, column: &str, from: &str, to: &str) -> Result<Vec<R>> {
        let kind: RecordKind = R::KIND;
        let cols = columns(kind);
        let sql = format!(
            "{} WHERE {column} >= ?1 AND {column} <= ?2 AND deleted_at IS NULL
               AND EXISTS (SELECT 1 FROM accounts a
                           WHERE a.id = account_id AND a.deleted_at IS NULL)
             ORDER BY {column}, id",
            select_sql(kind)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let params: [&dyn ToSql; 2] = [&from, &to];
        // Each row straight into its record: a JSON object per row first held 20 MB for the
        // week's plans of a 100,000-account book (the reminders at start).
        let mut rows = stmt.query(&params[..])?;
        let mut out = vec![];
        while let Some(row) = rows.next()? {
            out.push(record_from_row(kind, &cols, row)?);
        }
        Ok(out)
    }
}
