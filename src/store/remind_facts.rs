//! The queries behind the "nothing forgotten" reminders (issue 23): how each account buys
//! (its order dates), which key accounts hang on one person, which contacts the rep keeps in
//! touch with and when each was last spoken to, and the promises left without a follow-up.
//! Each reads only what its rule decides on, through the partial indexes of the schema step
//! `reminder_indexes` (a big book has 100,000 accounts and 300,000 orders); the rules are
//! `visits::forgotten`.

use super::Store;
use crate::domain::Grade;
use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime};

/// A live, not lost account's distinct order dates, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderDates {
    pub account_id: i64,
    pub dates: Vec<NaiveDate>,
}

/// A key account (graded A or B) and how many live contacts it has (0 or 1), with the one.
#[derive(Debug, Clone, PartialEq)]
pub struct ThinCoverage {
    pub account_id: i64,
    /// As typed (the reminder reads the computed one when none is).
    pub grade: Option<Grade>,
    pub contacts: usize,
    /// The one contact, when there is one: (id, name).
    pub contact: Option<(i64, String)>,
}

/// A contact the rep keeps in touch with every `days` days, and when they were last spoken
/// to (a communication naming them, or a visit report that met them).
#[derive(Debug, Clone, PartialEq)]
pub struct KeptInTouch {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub days: u32,
    pub last: Option<NaiveDate>,
}

/// An account's latest communication, when it names a next step and nothing followed it: no
/// visit report on or after its day and no visit planned after it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenPromise {
    pub id: i64,
    pub account_id: i64,
    pub at: NaiveDateTime,
    pub next_step: String,
}

/// The schema step behind these queries (and the week plan's latest visit per account and
/// accounts planned ahead): partial indexes holding only live rows, in the order the rules
/// read them. The accounts with a visit planned in the next 13 weeks (~33,600 of 171,000
/// plans at 100,000 accounts) came from the rows in 0.49 s cold, 0.05 s from
/// `visit_plans_ahead` (sqlite3 `.timer`).
pub(super) const SCHEMA: &str = "
    ALTER TABLE contacts ADD COLUMN keep_in_touch_days INTEGER;
    CREATE INDEX IF NOT EXISTS deals_orders ON deals(account_id, date)
        WHERE deleted_at IS NULL AND date IS NOT NULL
          AND (status IS NULL OR status != 'cancelled');
    CREATE INDEX IF NOT EXISTS visit_reports_latest ON visit_reports(account_id, date)
        WHERE deleted_at IS NULL;
    CREATE INDEX IF NOT EXISTS communications_latest ON communications(account_id, at)
        WHERE deleted_at IS NULL;
    CREATE INDEX IF NOT EXISTS contacts_kept_in_touch ON contacts(account_id)
        WHERE keep_in_touch_days IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX IF NOT EXISTS visit_plans_ahead ON visit_plans(planned_at, account_id, status)
        WHERE deleted_at IS NULL;";

/// An account that is live and still doing business (not lost).
const LIVE_ACCOUNT: &str = "EXISTS (SELECT 1 FROM accounts a WHERE a.id = account_id
     AND a.deleted_at IS NULL AND (a.status IS NULL OR a.status != 'lost'))";

impl Store {
    /// Every live, not lost account with orders, and its distinct order dates (cancelled
    /// orders are not orders), read from the index alone.
    pub fn order_dates(&self) -> Result<Vec<OrderDates>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT account_id, date FROM deals INDEXED BY deals_orders
              WHERE deleted_at IS NULL AND date IS NOT NULL
                AND (status IS NULL OR status != 'cancelled')
              ORDER BY account_id, date",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: Vec<OrderDates> = vec![];
        while let Some(r) = rows.next()? {
            let account_id: i64 = r.get(0)?;
            let Some(date) = r
                .get_ref(1)?
                .as_str_or_null()?
                .and_then(|d| d.parse::<NaiveDate>().ok())
            else {
                continue;
            };
            match out.last_mut() {
                Some(o) if o.account_id == account_id => {
                    if o.dates.last() != Some(&date) {
                        o.dates.push(date);
                    }
                }
                _ => out.push(OrderDates {
                    account_id,
                    dates: vec![date],
                }),
            }
        }
        // Lost and trashed accounts out, in one pass over the few that buy.
        let live = self.live_buying_accounts()?;
        out.retain(|o| live.contains(&o.account_id));
        Ok(out)
    }

    fn live_buying_accounts(&self) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM accounts
              WHERE deleted_at IS NULL AND (status IS NULL OR status != 'lost')",
        )?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Live, not lost accounts with at most one live contact (whether each is a key account
    /// is its grade's business, typed or computed: the caller's).
    pub fn thinly_covered_accounts(&self) -> Result<Vec<ThinCoverage>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.grade,
                    (SELECT count(*) FROM contacts c
                      WHERE c.account_id = a.id AND c.deleted_at IS NULL) AS n,
                    (SELECT c.id FROM contacts c
                      WHERE c.account_id = a.id AND c.deleted_at IS NULL LIMIT 1),
                    (SELECT c.name FROM contacts c
                      WHERE c.account_id = a.id AND c.deleted_at IS NULL LIMIT 1)
               FROM accounts a
              WHERE a.deleted_at IS NULL
                AND (a.status IS NULL OR a.status != 'lost') AND n <= 1
              ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let grade: Option<String> = r.get(1)?;
            let n: i64 = r.get(2)?;
            let id: Option<i64> = r.get(3)?;
            let name: Option<String> = r.get(4)?;
            Ok((r.get::<_, i64>(0)?, grade, n, id.zip(name)))
        })?;
        let mut out = vec![];
        for row in rows {
            let (account_id, grade, n, contact) = row?;
            let grade = grade.as_deref().and_then(Grade::from_code);
            out.push(ThinCoverage {
                account_id,
                grade,
                contacts: n as usize,
                contact: if n == 1 { contact } else { None },
            });
        }
        Ok(out)
    }

    /// Every live contact of a live, not lost account with a keep-in-touch interval, and the
    /// day they were last spoken to: a communication whose people name them, or a visit
    /// report whose person met names them (names as typed, so a part of a longer list).
    pub fn contacts_kept_in_touch(&self) -> Result<Vec<KeptInTouch>> {
        let sql = format!(
            "SELECT c.id, c.account_id, c.name, c.keep_in_touch_days,
                    max(coalesce((SELECT max(substr(m.at, 1, 10)) FROM communications m
                                   WHERE m.account_id = c.account_id AND m.deleted_at IS NULL
                                     AND instr(m.contacts, c.name) > 0), ''),
                        coalesce((SELECT max(v.date) FROM visit_reports v
                                   WHERE v.account_id = c.account_id AND v.deleted_at IS NULL
                                     AND instr(v.person_met, c.name) > 0), ''))
               FROM contacts c INDEXED BY contacts_kept_in_touch
              WHERE c.keep_in_touch_days IS NOT NULL AND c.deleted_at IS NULL
                AND c.keep_in_touch_days > 0 AND {}
              ORDER BY c.id",
            LIVE_ACCOUNT.replace("account_id", "c.account_id")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(KeptInTouch {
                id: r.get(0)?,
                account_id: r.get(1)?,
                name: r.get(2)?,
                days: r.get::<_, i64>(3)?.clamp(1, u32::MAX as i64) as u32,
                last: r.get::<_, String>(4)?.parse().ok(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each live, not lost account's latest communication when it names a next step, is
    /// dated before `before`, and nothing followed it (see [`OpenPromise`]). Read from the
    /// accounts' kept latest dates outwards (`CROSS JOIN` keeps SQLite to that order): the
    /// communications are looked up only for accounts whose latest visit is older, and
    /// SQLite's own choice, every communication first, took 0.23 s against 0.07 (sqlite3
    /// `.timer`, 100,000 accounts, 326,000 communications).
    pub fn open_promises(&self, before: NaiveDate) -> Result<Vec<OpenPromise>> {
        let sql = format!(
            "SELECT m.id, m.account_id, m.at, m.next_step
               FROM account_latest l
               CROSS JOIN communications m INDEXED BY communications_latest
                 ON m.account_id = l.account_id AND m.at = l.communication
              WHERE l.communication < ?1
                AND (l.visit IS NULL OR l.visit < substr(l.communication, 1, 10))
                AND m.deleted_at IS NULL AND m.next_step IS NOT NULL AND trim(m.next_step) != ''
                AND NOT EXISTS (SELECT 1 FROM visit_plans p
                                 WHERE p.account_id = m.account_id AND p.deleted_at IS NULL
                                   AND (p.status IS NULL OR p.status = 'planned')
                                   AND p.planned_at > m.at)
                AND {}
              ORDER BY m.id",
            LIVE_ACCOUNT.replace("account_id", "m.account_id")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([before.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = vec![];
        for row in rows {
            let (id, account_id, at, next_step) = row?;
            // Stored as serde writes a NaiveDateTime; a row written otherwise is skipped
            // rather than dated wrong.
            let Ok(at) = at.parse::<NaiveDateTime>() else {
                continue;
            };
            out.push(OpenPromise {
                id,
                account_id,
                at,
                next_step,
            });
        }
        Ok(out)
    }

    /// The accounts with a visit still planned from `from` on (planned, or no status).
    pub fn accounts_planned_from(&self, from: NaiveDate) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT account_id FROM visit_plans
              WHERE planned_at >= ?1 AND deleted_at IS NULL
                AND coalesce(status, 'planned') = 'planned'",
        )?;
        let ids = stmt.query_map([from.to_string()], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Code and name of every account (the trashed ones too, as `account_labels`), in one
    /// pass in id order, each told to `each` as read (none held): cheaper than one lookup
    /// per id when tens of thousands are reminded of.
    pub fn each_account_label(&self, each: &mut dyn FnMut(i64, &str, &str)) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, code, name FROM accounts ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(r.get(0)?, r.get_ref(1)?.as_str()?, r.get_ref(2)?.as_str()?);
        }
        Ok(())
    }
}
