//! One finder record per live account (see `search_keys::record`), kept current so that a
//! search reads them instead of building every account's keys (seconds at 100,000).
//!
//! Triggers (schema step 7) mark an account stale in `search_stale` whenever its row, its
//! contacts, or the dates of its visits and communications change, whatever code made the
//! change; every `Writer` commit rewrites the stale records in the same transaction. A
//! record can therefore never disagree with a committed account; readers still treat any
//! account left stale (by a write outside a `Writer`) as unknown and build it themselves.

use super::accounts::{all_summaries, contact_keys_where, summary_of};
use super::Store;
use crate::search_keys::{self, record::VERSION, ContactKey};
use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// Above this many stale accounts, every summary is read in one pass rather than one by one.
const BULK: usize = 2000;

/// The schema step's tables and triggers.
pub(crate) const SCHEMA: &str = "
CREATE TABLE search_records (account_id INTEGER PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE search_stale (account_id INTEGER PRIMARY KEY);
INSERT INTO search_stale SELECT id FROM accounts;
CREATE TRIGGER search_stale_account_new AFTER INSERT ON accounts
BEGIN INSERT OR IGNORE INTO search_stale VALUES (NEW.id); END;
CREATE TRIGGER search_stale_account_changed AFTER UPDATE ON accounts
BEGIN INSERT OR IGNORE INTO search_stale VALUES (NEW.id); END;
CREATE TRIGGER search_stale_account_gone AFTER DELETE ON accounts
BEGIN INSERT OR IGNORE INTO search_stale VALUES (OLD.id); END;
CREATE TRIGGER search_stale_contact_new AFTER INSERT ON contacts
BEGIN INSERT OR IGNORE INTO search_stale VALUES (NEW.account_id); END;
CREATE TRIGGER search_stale_contact_changed AFTER UPDATE ON contacts
BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (OLD.account_id);
  INSERT OR IGNORE INTO search_stale VALUES (NEW.account_id);
END;
CREATE TRIGGER search_stale_contact_gone AFTER DELETE ON contacts
BEGIN INSERT OR IGNORE INTO search_stale VALUES (OLD.account_id); END;
CREATE TRIGGER search_stale_visit_new AFTER INSERT ON visit_reports
BEGIN INSERT OR IGNORE INTO search_stale VALUES (NEW.account_id); END;
CREATE TRIGGER search_stale_visit_changed AFTER UPDATE OF account_id, date, deleted_at ON visit_reports
BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (OLD.account_id);
  INSERT OR IGNORE INTO search_stale VALUES (NEW.account_id);
END;
CREATE TRIGGER search_stale_visit_gone AFTER DELETE ON visit_reports
BEGIN INSERT OR IGNORE INTO search_stale VALUES (OLD.account_id); END;
CREATE TRIGGER search_stale_communication_new AFTER INSERT ON communications
BEGIN INSERT OR IGNORE INTO search_stale VALUES (NEW.account_id); END;
CREATE TRIGGER search_stale_communication_changed AFTER UPDATE OF account_id, at, deleted_at ON communications
BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (OLD.account_id);
  INSERT OR IGNORE INTO search_stale VALUES (NEW.account_id);
END;
CREATE TRIGGER search_stale_communication_gone AFTER DELETE ON communications
BEGIN INSERT OR IGNORE INTO search_stale VALUES (OLD.account_id); END;
";

/// Rewrites the records of the stale accounts (deleting those of accounts no longer live)
/// and clears the marks; inside the caller's transaction.
pub(crate) fn refresh(conn: &Connection) -> Result<()> {
    let stale: Vec<i64> = {
        let mut stmt = conn.prepare_cached("SELECT account_id FROM search_stale")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if stale.is_empty() {
        return Ok(());
    }
    // The record leaves out the next visit, the only part that depends on today.
    let today = "";
    let mut put = conn.prepare_cached(
        "INSERT OR REPLACE INTO search_records (account_id, record) VALUES (?1, ?2)",
    )?;
    let mut gone = conn.prepare_cached("DELETE FROM search_records WHERE account_id = ?1")?;
    if stale.len() > BULK {
        let mut contacts: HashMap<i64, Vec<ContactKey>> = HashMap::new();
        for c in contact_keys_where(conn, "deleted_at IS NULL", None)? {
            contacts.entry(c.account_id).or_default().push(c);
        }
        let mut live = std::collections::HashSet::new();
        for a in all_summaries(conn, today)? {
            live.insert(a.id);
            let cs = contacts.remove(&a.id).unwrap_or_default();
            put.execute(rusqlite::params![a.id, search_keys::encode(&a, &cs)])?;
        }
        for id in stale.iter().filter(|id| !live.contains(id)) {
            gone.execute([id])?;
        }
    } else {
        for &id in &stale {
            match summary_of(conn, today, id)? {
                Some(a) => {
                    let cs = contact_keys_where(
                        conn,
                        "deleted_at IS NULL AND account_id = ?1",
                        Some(id),
                    )?;
                    put.execute(rusqlite::params![id, search_keys::encode(&a, &cs)])?;
                }
                None => {
                    gone.execute([id])?;
                }
            }
        }
    }
    conn.execute("DELETE FROM search_stale", [])?;
    Ok(())
}

/// Brings every record up to date at opening for writing: after an upgrade of kam that
/// changed the record's layout (every record is rebuilt), or a write made outside a `Writer`.
pub(crate) fn settle(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    mark_old_versions_stale(&tx)?;
    refresh(&tx)?;
    tx.commit()?;
    Ok(())
}

fn mark_old_versions_stale(conn: &Connection) -> Result<()> {
    let first: Option<Vec<u8>> = conn
        .query_row(
            "SELECT substr(record, 1, 1) FROM search_records LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if first.is_some_and(|v| v.first() != Some(&VERSION)) {
        conn.execute(
            "INSERT OR IGNORE INTO search_stale SELECT id FROM accounts",
            [],
        )?;
    }
    Ok(())
}

impl Store {
    /// Calls `f` with every stored record, in account id order, and returns the accounts
    /// whose record is stale (to be built from their rows instead).
    pub fn search_records(&self, mut f: impl FnMut(i64, &[u8])) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT account_id, record FROM search_records")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(r.get(0)?, r.get_ref(1)?.as_blob()?);
        }
        let mut stmt = self.conn().prepare("SELECT account_id FROM search_stale")?;
        let stale = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(stale)
    }

    /// The record of one account, built from its rows (for a stale one, or after a save).
    pub fn search_record_built(&self, id: i64) -> Result<Option<Vec<u8>>> {
        let Some(a) = self.account_summary(id)? else {
            return Ok(None);
        };
        let cs = self.contact_keys_of(id)?;
        Ok(Some(search_keys::encode(&a, &cs)))
    }

    /// The first planned visit from today on, of every account that has one.
    pub fn next_visits(&self) -> Result<HashMap<i64, String>> {
        let today = self.now().date().to_string();
        let mut stmt = self.conn().prepare(
            "SELECT account_id, min(planned_at) FROM visit_plans
             WHERE deleted_at IS NULL AND status = 'planned' AND planned_at >= ?1
             GROUP BY account_id",
        )?;
        let rows = stmt.query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
