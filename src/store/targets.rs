//! Targets and work plans in the store (周期/月度工作方案表, issue 21): the schema step, the
//! rules a target is saved by (its period kept in one written form, one target per rep and
//! period), the list, and what the targets are measured against: the sales, new accounts and
//! visits of each period, per rep in a team book. Targets are records like the others
//! (history, trash, import) but the book's own: the table has no account column.

use super::by_account::ByAccount;
use super::records::Writer;
use super::rows::{columns, record_from_row, select_sql};
use super::Store;
use crate::domain::{Money, RecordKind, Target, TargetPeriod};
use crate::i18n::Said;
use anyhow::{bail, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

/// Schema step: the targets. The `uid` is what the team edition would send one by.
pub(crate) fn schema() -> String {
    "CREATE TABLE targets (
        id INTEGER PRIMARY KEY,
        rep TEXT NOT NULL, period TEXT NOT NULL, sales INTEGER, new_accounts INTEGER,
        visits INTEGER, plan TEXT, support TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
        uid TEXT
    );
    CREATE UNIQUE INDEX targets_uid ON targets(uid);
    CREATE INDEX targets_period ON targets(period, rep COLLATE NOCASE);"
        .to_string()
}

impl Writer<'_> {
    /// Writes the period as kam writes it (`2026-11`, `2026-Q4`, `2026-H2`) and refuses a
    /// second live target for the same rep and period: the two would be counted twice.
    pub(crate) fn prepare_target(&self, map: &mut Map<String, Value>) -> Result<()> {
        let own_id = map.get("id").and_then(|v| v.as_i64()).unwrap_or(0);
        let text = |key: &str| {
            map.get(key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let (rep, typed) = (text("rep"), text("period"));
        // Validation has refused a period that does not read; keep what was typed otherwise.
        let period = TargetPeriod::parse(&typed).map_or(typed, |p| p.to_string());
        let holder: Option<i64> = self
            .tx()
            .prepare_cached(
                "SELECT id FROM targets WHERE period = ?1 AND rep = ?2 COLLATE NOCASE
                   AND id != ?3 AND deleted_at IS NULL",
            )?
            .query_row(params![period, rep, own_id], |r| r.get(0))
            .optional()?;
        if holder.is_some() {
            bail!(Said::new("store-target-taken")
                .with("rep", rep)
                .with("period", period));
        }
        map.insert("rep".into(), Value::String(rep));
        map.insert("period".into(), Value::String(period));
        Ok(())
    }
}

impl Writer<'_> {
    /// What the whole book did in each of `periods`, inside a write (the demo's targets are
    /// set around what its data achieved).
    pub fn book_achieved(&self, periods: &[(NaiveDate, NaiveDate)]) -> Result<Achievements> {
        achieved(self.tx(), periods, false)
    }

    /// The rep and period of every live target, inside a write.
    pub fn target_keys(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .tx()
            .prepare("SELECT rep, period FROM targets WHERE deleted_at IS NULL")?;
        let keys = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }
}

impl Store {
    /// The live targets, by period then rep.
    pub fn targets(&self) -> Result<Vec<Target>> {
        let kind = RecordKind::Target;
        let cols = columns(kind);
        let sql = format!(
            "{} WHERE deleted_at IS NULL ORDER BY period, rep COLLATE NOCASE, id",
            select_sql(kind)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        let mut out = vec![];
        while let Some(row) = rows.next()? {
            out.push(record_from_row(kind, &cols, row)?);
        }
        Ok(out)
    }

    /// What each of `periods` achieved, per rep: see [`achieved`].
    pub fn achieved(&self, periods: &[(NaiveDate, NaiveDate)]) -> Result<Achievements> {
        achieved(self.conn(), periods, !self.team_reps()?.is_empty())
    }
}

/// What one rep (or the whole book) did in one period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Achieved {
    /// Sales as every analysis counts them: live deals, not cancelled, dated in the period.
    pub sales: Money,
    /// Accounts whose first deal (not cancelled) is dated in the period: 新开客户, a customer
    /// won, not a name typed in (the day of entry is the import's day in an imported book).
    pub new_accounts: usize,
    /// Visit reports dated in the period.
    pub visits: usize,
}

/// The achievements of each period asked, per rep.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Achievements {
    /// The team's reps as the accounts' holders name them; empty in a single-rep book, where
    /// the whole book is the one rep's.
    pub reps: Vec<String>,
    /// Per period asked, per rep (one entry, the whole book, in a single-rep book).
    pub periods: Vec<Vec<Achieved>>,
}

impl Achievements {
    /// What `rep` achieved in period `i`: in a single-rep book whatever the name; in a team
    /// book the accounts that rep holds now (none for a name the team lacks).
    pub fn of(&self, i: usize, rep: &str) -> Achieved {
        let Some(row) = self.periods.get(i) else {
            return Achieved::default();
        };
        if self.reps.is_empty() {
            return row.first().copied().unwrap_or_default();
        }
        let want = rep.trim().to_lowercase();
        self.reps
            .iter()
            .position(|r| r.trim().to_lowercase() == want)
            .and_then(|n| row.get(n).copied())
            .unwrap_or_default()
    }
}

fn text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads the live accounts (with their holder in a team book), then one pass over the deals
/// of the periods' whole span, one over the visits, and the first deal of every account.
/// Dates are compared by their first ten bytes, so a date kept with a time counts on its day.
pub(crate) fn achieved(
    conn: &Connection,
    periods: &[(NaiveDate, NaiveDate)],
    team: bool,
) -> Result<Achievements> {
    let mut out = Achievements::default();
    let (Some(first), Some(last)) = (
        periods.iter().map(|p| p.0).min(),
        periods.iter().map(|p| p.1).max(),
    ) else {
        return Ok(out);
    };
    // 0: not a live account (or held by nobody in a team book); n: rep n − 1.
    let max: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) FROM accounts", [], |r| {
        r.get(0)
    })?;
    let mut holder: ByAccount<u32> = ByAccount::up_to(max);
    if team {
        let mut stmt = conn.prepare_cached(
            "SELECT a.id, s.rep FROM accounts a JOIN sync_access s ON s.account_uid = a.uid
              WHERE a.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let rep: String = r.get(1)?;
            let n = match out.reps.iter().position(|x| *x == rep) {
                Some(n) => n,
                None => {
                    out.reps.push(rep);
                    out.reps.len() - 1
                }
            };
            *holder.entry(r.get(0)?) = n as u32 + 1;
        }
    } else {
        let mut stmt = conn.prepare_cached("SELECT id FROM accounts WHERE deleted_at IS NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            *holder.entry(r.get(0)?) = 1;
        }
    }
    let width = out.reps.len().max(1);
    out.periods = vec![vec![Achieved::default(); width]; periods.len()];
    let bounds: Vec<(String, String)> = periods.iter().map(|(f, t)| (text(*f), text(*t))).collect();
    let (lo, hi) = (text(first), text(last + chrono::Duration::days(1)));
    // Each row: its account, its day, and what it adds.
    let mut add = |id: i64, day: &[u8], what: &dyn Fn(&mut Achieved)| {
        let h = holder.get(id).copied().unwrap_or(0);
        if h == 0 || day.len() < 10 {
            return;
        }
        let day = &day[..10];
        for (i, (f, t)) in bounds.iter().enumerate() {
            if day >= f.as_bytes() && day <= t.as_bytes() {
                what(&mut out.periods[i][h as usize - 1]);
            }
        }
    };
    let mut stmt = conn.prepare_cached(
        "SELECT d.account_id, d.date, COALESCE(d.amount, d.quantity * d.unit_price, 0)
           FROM deals d
          WHERE d.deleted_at IS NULL AND d.date >= ?1 AND d.date < ?2
            AND (d.status IS NULL OR d.status <> 'cancelled')",
    )?;
    let mut rows = stmt.query([&lo, &hi])?;
    while let Some(r) = rows.next()? {
        let amount: i64 = r.get(2)?;
        add(
            r.get(0)?,
            r.get_ref(1)?.as_bytes().unwrap_or_default(),
            &|a| a.sales += Money(amount),
        );
    }
    let mut stmt = conn.prepare_cached(
        "SELECT account_id, date FROM visit_reports
          WHERE deleted_at IS NULL AND date >= ?1 AND date < ?2",
    )?;
    let mut rows = stmt.query([&lo, &hi])?;
    while let Some(r) = rows.next()? {
        add(
            r.get(0)?,
            r.get_ref(1)?.as_bytes().unwrap_or_default(),
            &|a| a.visits += 1,
        );
    }
    // The terms of the `deals_orders` partial index, so the first deals come from it alone.
    let mut stmt = conn.prepare_cached(
        "SELECT account_id, min(date) FROM deals
          WHERE deleted_at IS NULL AND date IS NOT NULL
            AND (status IS NULL OR status != 'cancelled')
          GROUP BY account_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        add(
            r.get(0)?,
            r.get_ref(1)?.as_bytes().unwrap_or_default(),
            &|a| a.new_accounts += 1,
        );
    }
    Ok(out)
}
