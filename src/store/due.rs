//! The queries behind reminders (提醒): each reads only the rows a rule can pick, using the
//! indexes, so the dashboard opens at once on a book of 100,000 accounts. The rules
//! themselves (what is due, in which order) stay in `visits::reminders`.

use super::account_latest::{SPOUSE_BIRTHDAY, WEDDING_ANNIVERSARY};
use super::rows::{columns, record_from_row, select_sql};
use super::Store;
use crate::domain::record::{Record, RecordKind};
use crate::domain::{Feedback, ServiceRecord, VisitReport};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params_from_iter, OptionalExtension, ToSql};
use std::collections::HashMap;

/// A contact's yearly dates (birthday, and from the personal dossier the spouse's birthday
/// and the wedding anniversary), for the reminders.
#[derive(Debug, Clone, PartialEq)]
pub struct YearlyDates {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub birthday: Option<NaiveDate>,
    pub spouse_birthday: Option<NaiveDate>,
    pub wedding_anniversary: Option<NaiveDate>,
}

/// A key or major account with its last visit or communication, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct QuietAccount {
    pub id: i64,
    pub last_contact: Option<NaiveDate>,
}

/// Live rows of live accounts. `EXISTS` looks the row's account up; `IN (SELECT …)` read the
/// whole accounts table into a list for every query (a fifth of `kam remind` at 100,000).
const LIVE: &str = "deleted_at IS NULL AND EXISTS (SELECT 1 FROM accounts live
     WHERE live.id = account_id AND live.deleted_at IS NULL)";

impl Store {
    fn select_where<R: Record>(&self, condition: &str, params: &[&dyn ToSql]) -> Result<Vec<R>> {
        let kind: RecordKind = R::KIND;
        let cols = columns(kind);
        let sql = format!(
            "{} WHERE {condition} AND {LIVE} ORDER BY id",
            select_sql(kind)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        // Each row straight into its record: a JSON object per row, all held until the
        // last was read, was most of `kam remind`'s memory at 100,000 accounts.
        let mut rows = stmt.query(params)?;
        let mut out = vec![];
        while let Some(row) = rows.next()? {
            out.push(record_from_row(kind, &cols, row)?);
        }
        Ok(out)
    }

    /// Code and name of each account asked for (the trashed ones too: a report of a past day
    /// still names them).
    pub fn account_labels(
        &self,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<HashMap<i64, (String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT code, name FROM accounts WHERE id = ?1")?;
        let mut out = HashMap::new();
        for id in ids {
            if out.contains_key(&id) {
                continue;
            }
            if let Some(label) = stmt
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
            {
                out.insert(id, label);
            }
        }
        Ok(out)
    }

    /// Contacts whose birthday, spouse's birthday or wedding anniversary falls on one of the
    /// month-days given (`"12-01"`); every contact with any such date when `month_days` is
    /// `None`. Only the dates and the name are read: at 100,000 accounts ~19,000 contacts
    /// have one within a month, and whole contacts with their dossiers were 100 MB.
    pub fn contacts_with_yearly_dates(
        &self,
        month_days: Option<&[String]>,
    ) -> Result<Vec<YearlyDates>> {
        // As the schema indexes them by month-day (`account_latest`): the same expressions,
        // so that SQLite looks the month-days up instead of reading every dossier.
        let dates = ["birthday", SPOUSE_BIRTHDAY, WEDDING_ANNIVERSARY];
        let (condition, days) = match month_days {
            None => (
                dates.map(|d| format!("{d} IS NOT NULL")).join(" OR "),
                &[][..],
            ),
            Some([]) => return Ok(vec![]),
            Some(days) => {
                let marks = vec!["?"; days.len()].join(", ");
                let any = dates
                    .map(|d| format!("substr({d}, 6, 5) IN ({marks})"))
                    .join(" OR ");
                (any, days)
            }
        };
        let sql = format!(
            "SELECT id, account_id, name, {} FROM contacts WHERE ({condition}) AND {LIVE}
             ORDER BY id",
            dates.join(", ")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let params = days.iter().chain(days).chain(days);
        let date = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<Option<NaiveDate>> {
            Ok(r.get::<_, Option<String>>(i)?.and_then(|d| d.parse().ok()))
        };
        let rows = stmt.query_map(params_from_iter(params), |r| {
            Ok(YearlyDates {
                id: r.get(0)?,
                account_id: r.get(1)?,
                name: r.get(2)?,
                birthday: date(r, 3)?,
                spouse_birthday: date(r, 4)?,
                wedding_anniversary: date(r, 5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The latest visit of each account, when it asks for a next visit before `today` and no
    /// live plan comes after it.
    pub fn overdue_follow_ups(&self, today: NaiveDate) -> Result<Vec<VisitReport>> {
        let today = today.to_string();
        self.select_where(
            "next_visit IS NOT NULL AND next_visit < ?1
             AND date = (SELECT l.visit FROM account_latest l
                         WHERE l.account_id = visit_reports.account_id)
             AND NOT EXISTS (SELECT 1 FROM visit_plans p
                             WHERE p.account_id = visit_reports.account_id
                               AND p.deleted_at IS NULL
                               AND (p.status IS NULL OR p.status = 'planned')
                               AND substr(p.planned_at, 1, 10) > visit_reports.date)",
            &[&today],
        )
    }

    /// Service requests not resolved, dated before `before`.
    pub fn open_service_records_before(&self, before: NaiveDate) -> Result<Vec<ServiceRecord>> {
        let before = before.to_string();
        self.select_where(
            "date < ?1 AND (status IS NULL OR status != 'resolved')",
            &[&before],
        )
    }

    /// Complaints not closed.
    pub fn open_complaints(&self) -> Result<Vec<Feedback>> {
        self.select_where(
            "kind = 'complaint' AND (status IS NULL OR status != 'closed')",
            &[],
        )
    }

    /// Key and major accounts, not lost, whose last visit or communication is before
    /// `since` (or who have none).
    pub fn quiet_key_accounts(&self, since: NaiveDate) -> Result<Vec<QuietAccount>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, last FROM (
                SELECT a.id,
                  max(coalesce(l.visit, ''), coalesce(substr(l.communication, 1, 10), '')) AS last
                FROM accounts a LEFT JOIN account_latest l ON l.account_id = a.id
                WHERE a.deleted_at IS NULL AND a.category IN ('key', 'major')
                  AND (a.status IS NULL OR a.status != 'lost'))
             WHERE last < ?1
             ORDER BY id",
        )?;
        let rows = stmt
            .query_map([since.to_string()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(|(id, last)| QuietAccount {
                id,
                last_contact: last.parse().ok(),
            })
            .collect())
    }
}
