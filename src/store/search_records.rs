//! The finder's records of every live account (see `search_keys`), kept current so that a
//! search reads them instead of building every account's keys (seconds at 100,000).
//!
//! Most records sit in chunks of up to 4,096 accounts by id (`search_chunks`, two blobs
//! each: ~25 at 100,000 accounts), the few changed since their chunk was written in
//! `search_records` (one row per account, NULL when it is gone), read on top of the chunks.
//! A chunk is rewritten, taking in its rows, once 64 of its accounts have one.
//!
//! Triggers (schema step 8) mark an account stale in `search_stale` whenever its row, its
//! contacts, or the dates of its visits and communications change, whatever code made the
//! change; every `Writer` commit rewrites the stale records in the same transaction. A
//! record can therefore never disagree with a committed account; readers still treat any
//! account left stale (by a write outside a `Writer`) as unknown and build it themselves.

use super::accounts::{contact_keys_where, summaries_between, summary_of, Activity};
use super::Store;
use crate::search_keys::chunk::{self, Entry};
use crate::search_keys::{self, record::VERSION, ContactKey, Record};
use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// An account's record newer than its chunk; `None` when the account is gone.
pub type NewerRecord = (i64, Option<Vec<u8>>);

/// Above this many stale accounts, every summary is read in one pass rather than one by one.
const BULK: usize = 2000;

/// The schema step's tables and triggers.
pub(crate) const SCHEMA: &str = "
CREATE TABLE search_chunks (chunk INTEGER PRIMARY KEY, sizes BLOB NOT NULL, keys BLOB NOT NULL,
                            tails BLOB NOT NULL);
CREATE TABLE search_records (account_id INTEGER PRIMARY KEY, record BLOB);
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

/// A chunk takes in its accounts' own rows once it has this many.
const MERGE_AT: i64 = 64;

/// Rewrites the records of the stale accounts (marking those no longer live as gone) and
/// clears the marks; inside the caller's transaction.
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
    if stale.len() > BULK {
        rebuild_all(conn, today)?;
    } else {
        let mut put = conn.prepare_cached(
            "INSERT OR REPLACE INTO search_records (account_id, record) VALUES (?1, ?2)",
        )?;
        for &id in &stale {
            let record = match summary_of(conn, today, id)? {
                Some(a) => {
                    let cs = contact_keys_where(
                        conn,
                        "deleted_at IS NULL AND account_id = ?1",
                        Some(id),
                    )?;
                    Some(search_keys::encode(&a, &cs))
                }
                None => None,
            };
            put.execute(params![id, record])?;
        }
        merge_full_chunks(conn, MERGE_AT)?;
    }
    conn.execute("DELETE FROM search_stale", [])?;
    Ok(())
}

/// Every chunk written afresh from the accounts' rows (after a bulk load or an upgrade), one
/// chunk's accounts at a time: building all 100,000 records before writing the first held
/// them all at once (~75 MB, the largest part of a big import's memory).
pub(crate) fn rebuild_all(conn: &Connection, today: &str) -> Result<()> {
    conn.execute("DELETE FROM search_records", [])?;
    conn.execute("DELETE FROM search_chunks", [])?;
    let (first, last): (Option<i64>, Option<i64>) = conn.query_row(
        "SELECT min(id), max(id) FROM accounts WHERE deleted_at IS NULL",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(());
    };
    let activity = Activity::read(conn, today)?;
    for number in chunk::chunk_of(first)..=chunk::chunk_of(last) {
        let (lo, hi) = chunk::id_range(number);
        let mut contacts: HashMap<i64, Vec<ContactKey>> = HashMap::new();
        for c in contact_keys_where(
            conn,
            &format!("deleted_at IS NULL AND account_id BETWEEN {lo} AND {hi}"),
            None,
        )? {
            contacts.entry(c.account_id).or_default().push(c);
        }
        let mut records: Vec<(i64, Vec<u8>)> = summaries_between(conn, &activity, Some((lo, hi)))?
            .into_iter()
            .map(|a| {
                let cs = contacts.remove(&a.id).unwrap_or_default();
                (a.id, search_keys::encode(&a, &cs))
            })
            .collect();
        records.sort_by_key(|r| r.0);
        let entries: Vec<Entry<'_>> = records
            .iter()
            .filter_map(|(_, r)| Record::parse(r).map(Entry::from))
            .collect();
        if !entries.is_empty() {
            put_chunk(conn, number, &entries)?;
        }
    }
    Ok(())
}

fn put_chunk(conn: &Connection, number: i64, entries: &[Entry<'_>]) -> Result<()> {
    if entries.is_empty() {
        conn.execute("DELETE FROM search_chunks WHERE chunk = ?1", [number])?;
        return Ok(());
    }
    let (sizes, keys, tails) = chunk::build(entries);
    conn.prepare_cached(
        "INSERT OR REPLACE INTO search_chunks (chunk, sizes, keys, tails) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![number, sizes.encode(), keys, tails])?;
    Ok(())
}

/// Rewrites each chunk with at least `at` rows of its own, taking them in.
pub(crate) fn merge_full_chunks(conn: &Connection, at: i64) -> Result<()> {
    let full: Vec<i64> = {
        let mut stmt = conn.prepare_cached(
            "SELECT account_id >> ?1 AS c FROM search_records GROUP BY c HAVING count(*) >= ?2",
        )?;
        let rows = stmt.query_map(params![chunk::BITS, at], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for number in full {
        let (lo, hi) = chunk::id_range(number);
        let rows: Vec<(i64, Option<Vec<u8>>)> = {
            let mut stmt = conn.prepare_cached(
                "SELECT account_id, record FROM search_records WHERE account_id BETWEEN ?1 AND ?2",
            )?;
            let rows = stmt.query_map([lo, hi], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let old: Option<(Vec<u8>, Vec<u8>)> = conn
            .query_row(
                "SELECT keys, tails FROM search_chunks WHERE chunk = ?1",
                [number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let parsed = old.as_ref().and_then(|(k, t)| {
            let keys = chunk::Keys::parse(k)?;
            let tails = chunk::Tails::parse(t, keys.n)?;
            Some(chunk::entries(&keys, &tails))
        });
        let Some(kept) = parsed.or_else(|| old.is_none().then(Vec::new)) else {
            // A chunk that cannot be read: build its accounts again from their rows.
            conn.execute(
                "INSERT OR IGNORE INTO search_stale SELECT id FROM accounts WHERE id BETWEEN ?1 AND ?2",
                [lo, hi],
            )?;
            conn.execute("DELETE FROM search_chunks WHERE chunk = ?1", [number])?;
            continue;
        };
        let replaced: std::collections::HashSet<i64> = rows.iter().map(|r| r.0).collect();
        let mut entries: Vec<Entry<'_>> = kept
            .into_iter()
            .filter(|e| !replaced.contains(&e.id))
            .chain(
                rows.iter()
                    .filter_map(|(_, r)| r.as_deref().and_then(Record::parse).map(Entry::from)),
            )
            .collect();
        entries.sort_by_key(|e| e.id);
        put_chunk(conn, number, &entries)?;
        conn.execute(
            "DELETE FROM search_records WHERE account_id BETWEEN ?1 AND ?2",
            [lo, hi],
        )?;
    }
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
            "SELECT substr(keys, 1, 1) FROM search_chunks
             UNION ALL SELECT substr(record, 1, 1) FROM search_records WHERE record IS NOT NULL
             LIMIT 1",
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
    /// The sizes of all chunks together (read before them, to make room once).
    pub fn search_chunk_sizes(&self) -> Result<chunk::Sizes> {
        let mut stmt = self.conn().prepare("SELECT sizes FROM search_chunks")?;
        let mut rows = stmt.query([])?;
        let mut total = chunk::Sizes::default();
        while let Some(r) = rows.next()? {
            total.add(&chunk::Sizes::decode(r.get_ref(0)?.as_blob()?));
        }
        Ok(total)
    }

    /// Calls `f(chunk, keys, tails)` for every stored chunk (`tails` only when asked for).
    ///
    /// The blobs are read into two buffers reused from chunk to chunk: read as values, SQLite
    /// allocates each anew, and the allocator then kept ~20 MB it no longer needed.
    pub fn search_chunks(
        &self,
        with_tails: bool,
        mut f: impl FnMut(i64, &[u8], Option<&[u8]>),
    ) -> Result<()> {
        let chunks: Vec<i64> = {
            let mut stmt = self
                .conn()
                .prepare("SELECT chunk FROM search_chunks ORDER BY chunk")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut keys = Vec::new();
        let mut tails = Vec::new();
        let read = |column: &std::ffi::CStr, number: i64, buf: &mut Vec<u8>| -> Result<()> {
            let blob =
                self.conn()
                    .blob_open(rusqlite::MAIN_DB, c"search_chunks", column, number, true)?;
            buf.resize(blob.len(), 0);
            blob.read_at_exact(buf, 0)?;
            Ok(())
        };
        for number in chunks {
            read(c"keys", number, &mut keys)?;
            if with_tails {
                read(c"tails", number, &mut tails)?;
            }
            f(number, &keys, with_tails.then_some(&tails[..]));
        }
        Ok(())
    }

    /// The records newer than their chunk (`None`: the account is gone), then the accounts
    /// left stale (to be built from their rows).
    pub fn search_overrides(&self) -> Result<(Vec<NewerRecord>, Vec<i64>)> {
        let mut stmt = self
            .conn()
            .prepare("SELECT account_id, record FROM search_records")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn().prepare("SELECT account_id FROM search_stale")?;
        let stale = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok((rows, stale))
    }

    /// The live accounts with an id in `lo..=hi` (those of a chunk that cannot be read).
    pub fn live_ids_between(&self, lo: i64, hi: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id FROM accounts WHERE id BETWEEN ?1 AND ?2 AND deleted_at IS NULL")?;
        let rows = stmt.query_map([lo, hi], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
