//! Loading many new rows at once (a generated demo book, a customer list into an empty book).
//! Row by row, SQLite spends most of such a load keeping secondary indexes and the finder's
//! triggers current (a prepared insert of 100,000 rows: 0.45 s bare, 2.65 s with three
//! indexes). For the load they are set aside and built once at the end — the indexes from
//! their own `CREATE` text, the finder's records chunk by chunk, each account's latest
//! visit and communication (`account_latest`) in one pass — inside the load's one
//! transaction: DDL is transactional in SQLite, so an error or a crash leaves the book as it
//! was, indexes and triggers included. `Writer::commit` finishes a load left open, so no
//! commit can ever leave an index out.

use super::records::{Deferred, Writer};
use anyhow::Result;
use rusqlite::Connection;

/// The tables whose new rows make an account's finder record stale (see `search_records`).
const FOLLOWED: [&str; 4] = ["accounts", "contacts", "visit_reports", "communications"];

/// Indexes the load itself reads through, kept: a code is checked for uniqueness per new
/// account, and an account's records are found by account (is it live, its contacts). The
/// `*_account` indexes grow at their end during a load (ids rise), which costs little.
fn read_during_load(name: &str) -> bool {
    name == "accounts_code_nocase" || name.ends_with("_account")
}

fn set_aside(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let tables: Vec<String> = crate::domain::RecordKind::ALL
        .iter()
        .map(|k| format!("'{}'", k.table()))
        .chain(["'history'".to_string()])
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND tbl_name IN ({})
           AND (type = 'index' OR (type = 'trigger'
                AND (name LIKE 'search_stale_%' OR name LIKE 'latest_%')))
         ORDER BY type, name",
        tables.join(", ")
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows
        .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?
        .into_iter()
        .filter(|(kind, name, _)| kind == "trigger" || !read_during_load(name))
        .collect())
}

#[cfg(feature = "test-hooks")]
thread_local! {
    static PLAIN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with bulk loads written row by row, as without `begin_load`, on this thread:
/// what the tests compare a bulk load with.
#[cfg(feature = "test-hooks")]
pub fn without_bulk_loads<T>(f: impl FnOnce() -> T) -> T {
    PLAIN.with(|p| p.set(true));
    let out = f();
    PLAIN.with(|p| p.set(false));
    out
}

#[cfg(feature = "test-hooks")]
fn plain_loads() -> bool {
    PLAIN.with(|p| p.get())
}

#[cfg(not(feature = "test-hooks"))]
fn plain_loads() -> bool {
    false
}

impl Writer<'_> {
    /// Whether a load of `accounts` new accounts is worth [`Writer::begin_load`]: when it
    /// adds at least as many accounts as the book holds (rebuilding the indexes of a book
    /// much bigger than the load would cost more than keeping them).
    pub fn load_outweighs_book(&self, accounts: usize) -> Result<bool> {
        let n: i64 = self
            .tx()
            .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?;
        Ok(accounts as i64 >= n)
    }

    /// Sets the upkeep of indexes and finder records aside for a load of many new rows,
    /// until [`Writer::finish_load`] (or the commit). Worth it when the load is large against
    /// the book: the indexes are built again over the whole table at the end.
    pub fn begin_load(&mut self) -> Result<()> {
        if self.deferred.is_some() || plain_loads() {
            return Ok(());
        }
        let conn = self.tx();
        let mut before = vec![];
        for table in FOLLOWED {
            let max: i64 = conn.query_row(
                &format!("SELECT coalesce(max(id), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?;
            before.push((table, max));
        }
        let mut dropped = vec![];
        for (kind, name, sql) in set_aside(conn)? {
            conn.execute_batch(&format!("DROP {} \"{name}\"", kind.to_uppercase()))?;
            dropped.push(sql);
        }
        let note_settings = super::notes::begin_load_settings(conn)?;
        self.deferred = Some(Deferred {
            dropped,
            before,
            note_settings,
            notes: Default::default(),
        });
        Ok(())
    }

    /// Builds what [`Writer::begin_load`] set aside: the indexes and triggers as they were,
    /// and the finder records of every account the load added or changed, chunk by chunk.
    pub fn finish_load(&mut self) -> Result<()> {
        let Some(d) = self.deferred.take() else {
            return Ok(());
        };
        let conn = self.tx();
        for sql in &d.dropped {
            conn.execute_batch(sql)?;
        }
        d.notes.finish(conn)?;
        // The latest visit and communication per account, which its triggers (set aside
        // with the finder's) would have kept.
        super::account_latest::rebuild(conn)?;
        super::account_sales::rebuild(conn)?;
        super::notes::end_load_settings(conn, &d.note_settings)?;
        // The triggers would have marked these: every account with a new or changed row
        // (a change in this transaction carries its timestamp).
        for (table, max) in &d.before {
            let account = if *table == "accounts" {
                "id"
            } else {
                "account_id"
            };
            conn.execute(
                &format!(
                    "INSERT OR IGNORE INTO search_stale SELECT {account} FROM {table}
                     WHERE id > ?1 OR updated_at >= ?2 OR deleted_at >= ?2"
                ),
                rusqlite::params![max, self.now],
            )?;
        }
        Ok(())
    }
}
