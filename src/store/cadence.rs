//! What the week plan needs of the accounts it may propose: first, for every live account
//! still doing business (no status, or active), its grade and latest visit (grouped by
//! SQLite), to know which are due; then, for the few proposed, where each is and when it
//! must not be visited.

use super::rows::{columns, record_from_row};
use super::Store;
use crate::domain::record::RecordKind;
use crate::domain::{Category, Grade, VisitPlan};
use anyhow::Result;
use chrono::NaiveDate;

/// The live accounts' status, code and grade, kept narrow: the week plan reads every active
/// account's grade and the grades computed from sales every live account's id, and reading
/// them from the wide table was most of both at 100,000 accounts (sqlite3: 25 → 9 ms and
/// 23 → 3 ms). Ordered by code, so the accounts come out in the order ties are broken by.
pub(crate) const LIVE_ACCOUNTS_INDEX: &str =
    "CREATE INDEX accounts_live ON accounts(coalesce(status, 'active'), code, grade)
      WHERE deleted_at IS NULL;";

#[derive(Debug, Clone, PartialEq)]
pub struct VisitCandidate {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub grade: Option<Grade>,
    pub category: Option<Category>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    /// The point set by hand (`kam place`), which wins over the address's.
    pub place_lat: Option<f64>,
    pub place_lon: Option<f64>,
    pub unsuitable: Option<String>,
    pub last_visit: Option<NaiveDate>,
}

/// The least the week plan needs to know whether an account is due: read for every active
/// account (100,000 of them in a big book), so only what decides it (not even the code: the
/// accounts come in code order, which breaks ties).
#[derive(Debug, Clone, PartialEq)]
pub struct DueFacts {
    pub id: i64,
    pub grade: Option<Grade>,
    pub last_visit: Option<NaiveDate>,
}

impl Store {
    /// Every live, active account's grade and latest visit, by code; the latest visit as
    /// kept per account (`account_latest`): grouping the visit reports here was a third of
    /// the week plan at 100,000 accounts. The codes and grades come from the narrow index
    /// `accounts_live` in its order, so the order costs nothing.
    pub fn due_facts(&self) -> Result<Vec<DueFacts>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.grade, l.visit
               FROM accounts a LEFT JOIN account_latest l ON l.account_id = a.id
              WHERE a.deleted_at IS NULL AND coalesce(a.status, 'active') = 'active'
              ORDER BY a.code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DueFacts {
                id: r.get(0)?,
                grade: r.get_ref(1)?.as_str_or_null()?.and_then(Grade::from_code),
                last_visit: r.get_ref(2)?.as_str_or_null()?.and_then(day),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The visits still planned (planned, or no status) of live accounts from `from` to `to`,
    /// by time then id, each with its account's code and name: one query, where the plans
    /// and then their accounts' names read every account twice (a big book's week holds
    /// thousands of plans).
    pub fn planned_visits_named(
        &self,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> Result<Vec<(VisitPlan, String, String)>> {
        let kind = RecordKind::VisitPlan;
        let cols = columns(kind);
        let fmt = "%Y-%m-%dT%H:%M:%S";
        let sql = format!(
            "SELECT {}, a.code, a.name
               FROM visit_plans p JOIN accounts a ON a.id = p.account_id
              WHERE p.planned_at >= ?1 AND p.planned_at <= ?2 AND p.deleted_at IS NULL
                AND coalesce(p.status, 'planned') = 'planned' AND a.deleted_at IS NULL
              ORDER BY p.planned_at, p.id",
            cols.iter()
                .map(|c| format!("p.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query([from.format(fmt).to_string(), to.format(fmt).to_string()])?;
        let mut out = vec![];
        while let Some(row) = rows.next()? {
            let plan: VisitPlan = record_from_row(kind, &cols, row)?;
            out.push((plan, row.get(cols.len())?, row.get(cols.len() + 1)?));
        }
        Ok(out)
    }

    /// The accounts with a visit still planned (planned, or no status) from `from` to `to`.
    pub fn accounts_planned_between(
        &self,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> Result<std::collections::HashSet<i64>> {
        // Stored as serde writes a NaiveDateTime (`2026-11-23T09:30:00`), which sorts as text.
        let fmt = "%Y-%m-%dT%H:%M:%S";
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT account_id FROM visit_plans
              WHERE planned_at >= ?1 AND planned_at <= ?2 AND deleted_at IS NULL
                AND coalesce(status, 'planned') = 'planned'",
        )?;
        let ids = stmt.query_map(
            [from.format(fmt).to_string(), to.format(fmt).to_string()],
            |r| r.get(0),
        )?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// What the week plan shows and places of one account (its latest visit from `facts`).
    pub fn visit_candidate(&self, facts: &DueFacts) -> Result<Option<VisitCandidate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT name, category, province, city, district, unsuitable_visit_times,
                    place_lat, place_lon, code
               FROM accounts WHERE id = ?1",
        )?;
        let mut rows = stmt.query([facts.id])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        Ok(Some(VisitCandidate {
            id: facts.id,
            code: r.get(8)?,
            name: r.get(0)?,
            grade: facts.grade,
            category: r
                .get::<_, Option<String>>(1)?
                .and_then(|c| Category::from_code(&c)),
            province: r.get(2)?,
            city: r.get(3)?,
            district: r.get(4)?,
            unsuitable: r.get(5)?,
            place_lat: r.get(6)?,
            place_lon: r.get(7)?,
            last_visit: facts.last_visit,
        }))
    }
}

/// A stored date (`2026-11-23`) read without chrono's general parser: 88,000 of them a week
/// plan at 100,000 accounts. Anything else is read by the parser (and is none if not a date).
fn day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    text.parse().ok()
}
