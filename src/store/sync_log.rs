//! The store as the team edition's outbox (issue 20, ../shared/team-sync.md §2): a global id
//! per record (UUIDv7, which two laptops cannot both make, unlike SQLite's integer ids), a
//! hybrid logical clock (HLC) and an origin on every history row, the tombstones `kam forget`
//! leaves, and the book's own sync state (`sync_self`). A solo book carries them and never
//! sends them anywhere; they cost one small write per save.

use crate::domain::record::RecordKind;
use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The sections that existed at this schema step (11): a step is never edited, and the tables
/// added later (contracts, payments: step 13) are made with their `uid` column.
const STEP_KINDS: [RecordKind; 10] = [
    RecordKind::Account,
    RecordKind::Contact,
    RecordKind::Deal,
    RecordKind::Opportunity,
    RecordKind::Needs,
    RecordKind::ServiceRecord,
    RecordKind::Feedback,
    RecordKind::Communication,
    RecordKind::VisitPlan,
    RecordKind::VisitReport,
];

/// Schema step: the columns and tables above. Existing history rows get clock 0: they were
/// written before any team, and a first push sends every record whole anyway.
pub(crate) fn schema() -> String {
    let mut sql = String::new();
    for kind in STEP_KINDS {
        let t = kind.table();
        sql.push_str(&format!(
            "ALTER TABLE {t} ADD COLUMN uid TEXT;\nCREATE UNIQUE INDEX {t}_uid ON {t}(uid);\n"
        ));
    }
    sql.push_str(
        "ALTER TABLE history ADD COLUMN hlc INTEGER;
        ALTER TABLE history ADD COLUMN origin TEXT;
        UPDATE history SET hlc = 0;
        -- The rows a transaction wrote, stamped at its commit (Writer::commit).
        CREATE INDEX history_unstamped ON history(id) WHERE hlc IS NULL;
        -- The outbox: this book's own changes (origin NULL) by clock.
        CREATE INDEX history_outbox ON history(hlc) WHERE origin IS NULL;
        -- What `kam forget` erased, by global id only: no name, nothing personal.
        CREATE TABLE sync_tombstones (
            id INTEGER PRIMARY KEY,
            entity TEXT NOT NULL,
            uid TEXT NOT NULL,
            account_uid TEXT,
            hlc INTEGER NOT NULL
        );
        CREATE INDEX sync_tombstones_uid ON sync_tombstones(uid);
        -- One row: this file as a replica of a team book.
        CREATE TABLE sync_self (
            id INTEGER PRIMARY KEY CHECK (id = 0),
            replica TEXT NOT NULL,
            last_hlc INTEGER NOT NULL DEFAULT 0,
            pushed_hlc INTEGER NOT NULL DEFAULT 0,
            pushed_tombstone INTEGER NOT NULL DEFAULT 0,
            pulled_seq INTEGER NOT NULL DEFAULT 0,
            server TEXT,
            login TEXT,
            password TEXT,
            ca TEXT,
            code_prefix TEXT,
            last_sync TEXT
        );",
    );
    sql
}

/// Fills what the step's SQL cannot make: a UUIDv7 for every stored record, and this file's
/// replica id.
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    for kind in STEP_KINDS {
        let t = kind.table();
        let ids: Vec<i64> = conn
            .prepare(&format!("SELECT id FROM {t} WHERE uid IS NULL ORDER BY id"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut set = conn.prepare(&format!("UPDATE {t} SET uid = ?1 WHERE id = ?2"))?;
        for id in ids {
            set.execute(params![new_uid(), id])?;
        }
    }
    conn.execute(
        "INSERT OR IGNORE INTO sync_self (id, replica) VALUES (0, ?1)",
        [new_uid()],
    )?;
    Ok(())
}

/// A new global record id.
pub fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The physical half of an HLC now: milliseconds since 1970, shifted past the 16-bit counter.
pub fn wall_hlc() -> i64 {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    ms << 16
}

/// A field's clock as it travels and as the server compares it: the HLC zero-padded, then
/// the replica, so that comparing the texts orders by clock and breaks ties by replica.
pub fn clock_text(hlc: i64, replica: &str) -> String {
    format!("{hlc:020}-{replica}")
}

/// The HLC and replica of a clock text; none when it is not one.
pub fn parse_clock(text: &str) -> Option<(i64, &str)> {
    let (hlc, replica) = text.split_once('-')?;
    Some((hlc.parse().ok()?, replica))
}

/// What a writing transaction needs of the sync state when it begins: its clock (one per
/// transaction, after every clock this file has seen) and the prefix of new account codes
/// (set once the book joined a team, so two laptops cannot both make `C000003`).
pub(crate) fn begin(conn: &Connection) -> Result<(i64, Option<String>)> {
    let row: Option<(i64, Option<String>)> = match conn
        .query_row("SELECT last_hlc, code_prefix FROM sync_self", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
    {
        Ok(row) => row,
        // A book below the sync step (only while migrating) has no clock yet.
        Err(e) if e.to_string().contains("no such table") => None,
        Err(e) => return Err(e.into()),
    };
    let (last, prefix) = row.unwrap_or((0, None));
    Ok((wall_hlc().max(last + 1), prefix))
}

/// Stamps the history rows this transaction wrote with its clock (and, for changes applied
/// from the server, their origin is already set and they are not touched), and remembers
/// the clock as seen.
pub(crate) fn stamp(conn: &Connection, hlc: i64) -> Result<()> {
    let n = conn.execute("UPDATE history SET hlc = ?1 WHERE hlc IS NULL", [hlc])?;
    if n > 0 {
        conn.execute("UPDATE sync_self SET last_hlc = max(last_hlc, ?1)", [hlc])?;
    }
    Ok(())
}

/// The global id of a stored record.
pub(crate) fn uid_of(conn: &Connection, kind: RecordKind, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(&format!("SELECT uid FROM {} WHERE id = ?1", kind.table()))?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Leaves a tombstone for a record `kam forget` erases, in forget's own transaction, so the
/// erasure reaches the team's server and every other laptop.
pub(crate) fn tombstone(conn: &Connection, kind: RecordKind, id: i64, hlc: i64) -> Result<()> {
    let Some(uid) = uid_of(conn, kind, id)? else {
        return Ok(());
    };
    let account_uid = if kind == RecordKind::Account {
        Some(uid.clone())
    } else {
        conn.query_row(
            &format!(
                "SELECT a.uid FROM {} r JOIN accounts a ON a.id = r.account_id WHERE r.id = ?1",
                kind.table()
            ),
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten()
    };
    conn.execute(
        "INSERT INTO sync_tombstones (entity, uid, account_uid, hlc) VALUES (?1, ?2, ?3, ?4)",
        params![kind.table(), uid, account_uid, hlc],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_texts_order_by_clock_then_replica() {
        let a = clock_text(5 << 16, "b");
        let b = clock_text((5 << 16) + 1, "a");
        let c = clock_text((5 << 16) + 1, "b");
        assert!(a < b && b < c);
        assert_eq!(parse_clock(&c), Some(((5 << 16) + 1, "b")));
        let uid = new_uid();
        assert_eq!(parse_clock(&clock_text(7, &uid)), Some((7, uid.as_str())));
    }
}
