//! What the week plan needs of the accounts it may propose: first, for every live account
//! still doing business (no status, or active), its grade and latest visit (grouped by
//! SQLite), to know which are due; then, for the few proposed, where each is and when it
//! must not be visited.

use super::Store;
use crate::domain::{Category, Grade};
use anyhow::Result;
use chrono::NaiveDate;

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
/// account (100,000 of them in a big book), so only what decides it.
#[derive(Debug, Clone, PartialEq)]
pub struct DueFacts {
    pub id: i64,
    pub code: String,
    pub grade: Option<Grade>,
    pub last_visit: Option<NaiveDate>,
}

impl Store {
    /// Every live, active account's grade and latest visit (in no particular order), the
    /// latest visit as kept per account (`account_latest`): grouping the visit reports here
    /// was a third of the week plan at 100,000 accounts.
    pub fn due_facts(&self) -> Result<Vec<DueFacts>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.code, a.grade, l.visit
               FROM accounts a LEFT JOIN account_latest l ON l.account_id = a.id
              WHERE a.deleted_at IS NULL AND coalesce(a.status, 'active') = 'active'",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DueFacts {
                id: r.get(0)?,
                code: r.get(1)?,
                grade: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|g| Grade::from_code(&g)),
                last_visit: r.get::<_, Option<String>>(3)?.and_then(|d| d.parse().ok()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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

    /// The code and name of every account with a visit planned from `from` to `to`, in one
    /// query (a big book's week holds thousands of plans).
    pub fn names_planned_between(
        &self,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> Result<std::collections::HashMap<i64, (String, String)>> {
        let fmt = "%Y-%m-%dT%H:%M:%S";
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, code, name FROM accounts WHERE id IN
               (SELECT account_id FROM visit_plans
                 WHERE planned_at >= ?1 AND planned_at <= ?2 AND deleted_at IS NULL)",
        )?;
        let rows = stmt.query_map(
            [from.format(fmt).to_string(), to.format(fmt).to_string()],
            |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the week plan shows and places of one account (its latest visit from `facts`).
    pub fn visit_candidate(&self, facts: &DueFacts) -> Result<Option<VisitCandidate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT name, category, province, city, district, unsuitable_visit_times,
                    place_lat, place_lon
               FROM accounts WHERE id = ?1",
        )?;
        let mut rows = stmt.query([facts.id])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        Ok(Some(VisitCandidate {
            id: facts.id,
            code: facts.code.clone(),
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
