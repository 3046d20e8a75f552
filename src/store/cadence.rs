//! What the week plan needs of every account it may propose: its grade, where it is, when it
//! must not be visited, and the day of its latest visit. One query over the live accounts
//! still doing business (no status, or active), with the latest visit per account grouped by
//! SQLite.

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
    pub unsuitable: Option<String>,
    pub last_visit: Option<NaiveDate>,
}

impl Store {
    /// Every live, active account with its latest visit, in code order.
    pub fn visit_candidates(&self) -> Result<Vec<VisitCandidate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.code, a.name, a.grade, a.category, a.province, a.city, a.district,
                    a.unsuitable_visit_times, lv.day
               FROM accounts a
               LEFT JOIN (SELECT account_id, max(date) AS day FROM visit_reports
                           WHERE deleted_at IS NULL GROUP BY account_id) lv
                 ON lv.account_id = a.id
              WHERE a.deleted_at IS NULL AND coalesce(a.status, 'active') = 'active'
              ORDER BY a.code",
        )?;
        let rows = stmt.query_map([], |r| {
            let code = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
            Ok(VisitCandidate {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                grade: code(3)?.and_then(|g| Grade::from_code(&g)),
                category: code(4)?.and_then(|c| Category::from_code(&c)),
                province: r.get(5)?,
                city: r.get(6)?,
                district: r.get(7)?,
                unsuitable: r.get(8)?,
                last_visit: code(9)?.and_then(|d| d.parse().ok()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
