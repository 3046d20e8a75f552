//! Account-wide reads: the whole dossier of one account, codes, and the summaries the list
//! and the finder are built from.

use super::Store;
use crate::domain::*;
use anyhow::{anyhow, Result};
use rusqlite::{Connection, OptionalExtension};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// The next free code `C000123` after the highest numbered one.
pub(crate) fn next_code(conn: &Connection, prefix: &str) -> Result<String> {
    Ok(format!("{prefix}{:06}", next_number(conn, prefix)?))
}

/// The number of a `C123`-style code (`C3-000123` on the laptop of a team whose prefix is
/// `C3-`).
pub(crate) fn code_number(code: &str, prefix: &str) -> Option<i64> {
    let digits = code.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// One more than the highest numbered code.
pub(crate) fn next_number(conn: &Connection, prefix: &str) -> Result<i64> {
    // The prefix is `C` or the team's `C<n>-`: no GLOB wildcard in either.
    let max: Option<i64> = conn.query_row(
        "SELECT max(CAST(substr(code, length(?1) + 1) AS INTEGER)) FROM accounts
         WHERE code GLOB ?1 || '[0-9]*' AND substr(code, length(?1) + 1) NOT GLOB '*[^0-9]*'",
        [prefix],
        |r| r.get(0),
    )?;
    Ok(max.unwrap_or(0) + 1)
}

pub use crate::search_keys::{AccountSummary, ContactKey};

/// Who an account is: what duplicates are looked for in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountIdentity {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub registration_no: Option<String>,
}

fn code_of<T>(s: Option<String>, parse: fn(&str) -> Option<T>) -> Option<T> {
    s.as_deref().and_then(parse)
}

impl Store {
    pub fn account_by_code(&self, code: &str) -> Result<Option<Account>> {
        let id: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM accounts WHERE code = ?1 COLLATE NOCASE",
                [code.trim()],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.get::<Account>(id))
            .transpose()
            .map(Option::flatten)
    }

    /// The whole dossier of one live account, every section in entry order.
    pub fn dossier(&self, account_id: i64) -> Result<Dossier> {
        let account = self
            .get::<Account>(account_id)?
            .ok_or_else(|| anyhow!("there is no account with id {account_id}"))?;
        Ok(Dossier {
            account,
            contacts: self.list(account_id)?,
            deals: self.list(account_id)?,
            opportunities: self.list(account_id)?,
            needs: self.list::<Needs>(account_id)?.into_iter().next(),
            service_records: self.list(account_id)?,
            feedback: self.list(account_id)?,
            communications: self.list(account_id)?,
            visit_plans: self.list(account_id)?,
            visit_reports: self.list(account_id)?,
            contracts: self.list(account_id)?,
            payments: self.list(account_id)?,
            entertainments: self.list(account_id)?,
            gifts: self.list(account_id)?,
            competitors: self.list(account_id)?,
            event_attendances: self.list(account_id)?,
            returns: self.list(account_id)?,
        })
    }

    /// One summary per live account, in code order.
    pub fn account_summaries(&self) -> Result<Vec<AccountSummary>> {
        all_summaries(self.conn(), &self.now().date().to_string())
    }

    pub fn account_summary(&self, id: i64) -> Result<Option<AccountSummary>> {
        let today = self.now().date().to_string();
        summary_of(self.conn(), &today, id)
    }

    /// Who every live account is, by id, told to `each` one at a time: what duplicates are
    /// looked for in (a big book's accounts are never held at once).
    pub fn each_account_identity(
        &self,
        each: &mut dyn FnMut(AccountIdentity) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(
            "SELECT id, code, name, registration_no FROM accounts WHERE deleted_at IS NULL ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(AccountIdentity {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                registration_no: r.get(3)?,
            })?;
        }
        Ok(())
    }

    /// Who one live account is; none for a trashed or unknown one.
    pub fn account_identity(&self, id: i64) -> Result<Option<AccountIdentity>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, code, name, registration_no FROM accounts WHERE id = ?1 AND deleted_at IS NULL",
        )?;
        Ok(stmt
            .query_row([id], |r| {
                Ok(AccountIdentity {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    registration_no: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// Names, phones and emails of every live contact of a live account, told to `each` one
    /// at a time by account (each account's primary contact first, then in entry order).
    // The order is the `contacts_account` index's, each account's few contacts sorted apart:
    // nothing of the whole book is sorted or held.
    pub fn each_live_contact_key(
        &self,
        each: &mut dyn FnMut(ContactKey) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(
            // The custom values are not compared for duplicates: none read (NULL).
            "SELECT c.account_id, c.name, c.mobile, c.office_phone, c.home_phone, c.email, c.title,
                    NULL
             FROM contacts c JOIN accounts a ON a.id = c.account_id
             WHERE c.deleted_at IS NULL AND a.deleted_at IS NULL
             ORDER BY c.account_id, c.is_primary DESC, c.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(contact_key(r)?)?;
        }
        Ok(())
    }

    /// Names, phones and emails of every live contact, for the finder.
    pub fn contact_keys(&self) -> Result<Vec<ContactKey>> {
        contact_keys_where(self.conn(), "deleted_at IS NULL", None)
    }

    /// The same for one account, to update the finder after a save.
    pub fn contact_keys_of(&self, account_id: i64) -> Result<Vec<ContactKey>> {
        contact_keys_where(
            self.conn(),
            "deleted_at IS NULL AND account_id = ?1",
            Some(account_id),
        )
    }

    /// Whether there is any live account (without counting them: start-up asks this).
    pub fn has_accounts(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE deleted_at IS NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    /// How many live accounts there are.
    pub fn account_count(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM accounts WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

/// One summary per live account, in code order.
///
/// The same as `summaries_where` gives for each account, read as five plain scans merged
/// here: over the whole book SQLite planned the joined aggregates at ~3 s for 100,000
/// accounts, the scans take a fraction of that (see docs/performance.md).
pub(crate) fn all_summaries(conn: &Connection, today: &str) -> Result<Vec<AccountSummary>> {
    summaries_between(conn, &Activity::read(conn, today)?, None)
}

/// The dates that make an account's activity: its latest visit and communication, its next
/// planned visit. Read once for the whole book (one date per account that has one), so the
/// summaries themselves can be read a range of accounts at a time.
pub(crate) struct Activity {
    last_visit: HashMap<i64, String>,
    last_communication: HashMap<i64, String>,
    next_visit: HashMap<i64, String>,
}

impl Activity {
    pub(crate) fn read(conn: &Connection, today: &str) -> Result<Activity> {
        let per_account = |sql: &str| -> Result<HashMap<i64, String>> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let mut out = HashMap::new();
            for row in rows {
                let (id, d): (i64, Option<String>) = row?;
                if let Some(d) = d {
                    out.insert(id, d);
                }
            }
            Ok(out)
        };
        // The latest visit and communication: one pass over the table in file order. Grouped
        // by SQLite through the account index it reads the rows in account order, one random
        // page each: 1.6 s against 0.2 s for 720,000 communications written over time.
        let latest = |sql: &str| -> Result<HashMap<i64, String>> {
            let mut stmt = conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            let mut out: HashMap<i64, String> = HashMap::new();
            while let Some(r) = rows.next()? {
                let Some(d) = r.get_ref(1)?.as_str_or_null()? else {
                    continue;
                };
                match out.entry(r.get(0)?) {
                    Entry::Occupied(mut e) if e.get().as_str() < d => *e.get_mut() = d.to_string(),
                    Entry::Occupied(_) => {}
                    Entry::Vacant(e) => {
                        e.insert(d.to_string());
                    }
                }
            }
            Ok(out)
        };
        Ok(Activity {
            last_visit: latest(
                "SELECT account_id, date FROM visit_reports NOT INDEXED WHERE deleted_at IS NULL",
            )?,
            last_communication: latest(
                "SELECT account_id, at FROM communications NOT INDEXED WHERE deleted_at IS NULL",
            )?,
            next_visit: per_account(
                "SELECT account_id, min(planned_at) FROM visit_plans
                 WHERE deleted_at IS NULL AND status = 'planned' AND planned_at >= ?1
                 GROUP BY account_id",
            )?,
        })
    }
}

/// The summaries of the live accounts with an id in `ids` (all when `None`), in code order.
pub(crate) fn summaries_between(
    conn: &Connection,
    activity: &Activity,
    ids: Option<(i64, i64)>,
) -> Result<Vec<AccountSummary>> {
    let (lo, hi) = ids.unwrap_or((i64::MIN, i64::MAX));
    let mut primary: HashMap<i64, (String, Option<String>)> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT account_id, name, coalesce(mobile, office_phone, home_phone) FROM contacts
         WHERE deleted_at IS NULL AND account_id BETWEEN ?1 AND ?2
         ORDER BY account_id, is_primary DESC, id",
    )?;
    let mut rows = stmt.query([lo, hi])?;
    while let Some(r) = rows.next()? {
        primary.entry(r.get(0)?).or_insert((r.get(1)?, r.get(2)?));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name, short_name, category, grade, status, industry,
                province, city, owner, updated_at, custom
         FROM accounts WHERE deleted_at IS NULL AND id BETWEEN ?1 AND ?2 ORDER BY code",
    )?;
    let rows = stmt.query_map([lo, hi], |r| {
        let id: i64 = r.get(0)?;
        let updated: String = r.get(11)?;
        let last_visit = activity.last_visit.get(&id).cloned();
        let last_comm = activity
            .last_communication
            .get(&id)
            .map_or("", String::as_str);
        let last_activity = [last_visit.as_deref().unwrap_or(""), last_comm, &updated]
            .into_iter()
            .max()
            .map(str::to_string);
        let (primary_contact, primary_phone) = match primary.get(&id) {
            Some((name, phone)) => (Some(name.clone()), phone.clone()),
            None => (None, None),
        };
        Ok(AccountSummary {
            id,
            code: r.get(1)?,
            name: r.get(2)?,
            short_name: r.get(3)?,
            category: code_of(r.get(4)?, Category::from_code),
            grade: code_of(r.get(5)?, Grade::from_code),
            status: code_of(r.get(6)?, AccountStatus::from_code),
            industry: code_of(r.get(7)?, Industry::from_code),
            province: r.get(8)?,
            city: r.get(9)?,
            owner: r.get(10)?,
            last_visit,
            next_visit: activity.next_visit.get(&id).cloned(),
            last_activity,
            primary_contact,
            primary_phone,
            custom: custom_values(r.get(12)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// `filter` may use `?2` for `id`; the next planned visit counts from the store's today.
/// One live account's summary.
pub(crate) fn summary_of(
    conn: &Connection,
    today: &str,
    id: i64,
) -> Result<Option<AccountSummary>> {
    Ok(
        summaries_where(conn, today, "a.id = ?2 AND a.deleted_at IS NULL", Some(id))?
            .into_iter()
            .next(),
    )
}

fn summaries_where(
    conn: &Connection,
    today: &str,
    filter: &str,
    id: Option<i64>,
) -> Result<Vec<AccountSummary>> {
    // For one account the sections are narrowed before grouping, so refreshing one line
    // after a save stays cheap however big the book is.
    let scope = if id.is_some() {
        "AND account_id = ?2"
    } else {
        ""
    };
    let sql = format!(
        "WITH lv AS (SELECT account_id, max(date) d FROM visit_reports WHERE deleted_at IS NULL {scope} GROUP BY account_id),
              nv AS (SELECT account_id, min(planned_at) d FROM visit_plans
                     WHERE deleted_at IS NULL AND status = 'planned' AND planned_at >= ?1 {scope}
                     GROUP BY account_id),
              lc AS (SELECT account_id, max(at) d FROM communications WHERE deleted_at IS NULL {scope} GROUP BY account_id),
              pc AS (SELECT account_id, name, coalesce(mobile, office_phone, home_phone) phone,
                            row_number() OVER (PARTITION BY account_id ORDER BY is_primary DESC, id) rn
                     FROM contacts WHERE deleted_at IS NULL {scope})
         SELECT a.id, a.code, a.name, a.short_name, a.category, a.grade, a.status, a.industry,
                a.province, a.city, a.owner, lv.d, nv.d,
                max(coalesce(lv.d, ''), coalesce(lc.d, ''), a.updated_at), pc.name, pc.phone,
                a.custom
         FROM accounts a
         LEFT JOIN lv ON lv.account_id = a.id
         LEFT JOIN nv ON nv.account_id = a.id
         LEFT JOIN lc ON lc.account_id = a.id
         LEFT JOIN pc ON pc.account_id = a.id AND pc.rn = 1
         WHERE {filter}
         ORDER BY a.code"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut params: Vec<rusqlite::types::Value> = vec![today.to_string().into()];
    if let Some(id) = id {
        params.push(id.into());
    }
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok(AccountSummary {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            short_name: r.get(3)?,
            category: code_of(r.get(4)?, Category::from_code),
            grade: code_of(r.get(5)?, Grade::from_code),
            status: code_of(r.get(6)?, AccountStatus::from_code),
            industry: code_of(r.get(7)?, Industry::from_code),
            province: r.get(8)?,
            city: r.get(9)?,
            owner: r.get(10)?,
            last_visit: r.get(11)?,
            next_visit: r.get(12)?,
            last_activity: r.get(13)?,
            primary_contact: r.get(14)?,
            primary_phone: r.get(15)?,
            custom: custom_values(r.get(16)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn contact_keys_where(
    conn: &Connection,
    filter: &str,
    id: Option<i64>,
) -> Result<Vec<ContactKey>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT account_id, name, mobile, office_phone, home_phone, email, title, custom FROM contacts
         WHERE {filter} ORDER BY account_id, is_primary DESC, id"
    ))?;
    let params: Vec<i64> = id.into_iter().collect();
    let rows = stmt.query_map(rusqlite::params_from_iter(params), contact_key)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A row of `account_id, name, mobile, office_phone, home_phone, email, title, custom`.
fn contact_key(r: &rusqlite::Row) -> rusqlite::Result<ContactKey> {
    let phones: Vec<String> = [r.get::<_, Option<String>>(2)?, r.get(3)?, r.get(4)?]
        .into_iter()
        .flatten()
        .collect();
    Ok(ContactKey {
        account_id: r.get(0)?,
        name: r.get(1)?,
        phones,
        email: r.get(5)?,
        title: r.get(6)?,
        custom: custom_values(r.get(7)?),
    })
}

/// The values of a record's custom fields (its `custom` column), in the fields' name
/// order, for the finder; a column that is not a JSON map gives none.
fn custom_values(column: Option<String>) -> Vec<String> {
    column
        .and_then(|t| serde_json::from_str::<crate::domain::CustomValues>(&t).ok())
        .map(|m| m.into_values().collect())
        .unwrap_or_default()
}
