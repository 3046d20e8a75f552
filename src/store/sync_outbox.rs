//! What this book sends to the team's server, read from the outbox (store/sync_log.rs): the
//! records this book changed since its last push, each whole, with every field's value and
//! clock (state, not a replay of edits: a field sent twice or late changes nothing on the
//! server, which keeps the newer clock), and the tombstones of what it forgot. Also the
//! book's sync state (`sync_self`) and the clocks of one stored record, which the apply side
//! compares against.

use super::sync_items::record_changes;
pub(crate) use super::sync_items::Change;
use super::sync_wire::{clock_map, json_of, PLANS};
pub use super::sync_wire::{RecordState, Tombstone};
use super::Store;
use crate::domain::record::RecordKind;
use anyhow::{anyhow, Result};

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The book as a replica of a team book.
#[derive(Debug, Clone, Default)]
pub struct SyncSelf {
    pub replica: String,
    pub last_hlc: i64,
    pub pushed_hlc: i64,
    pub pushed_tombstone: i64,
    pub pulled_seq: i64,
    pub server: Option<String>,
    pub login: Option<String>,
    pub password: Option<String>,
    pub ca: Option<String>,
    pub code_prefix: Option<String>,
    pub last_sync: Option<String>,
}

/// Columns that never travel: the local row number and the global id (sent beside).
pub(crate) fn travels(col: &str) -> bool {
    col != "id" && col != "uid"
}

/// The columns of a record table as the file has them.
pub(crate) fn table_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1)")?;
    let cols = stmt
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(cols)
}

/// The clock of every column of one stored record, from its history: a field's clock is its
/// newest change, or the insert when it never changed; `deleted_at` follows deletes and
/// restores; `updated_at` is the newest of all. A clock is (HLC, replica): rows written here
/// name `me`, rows applied from the server their origin.
pub(crate) fn field_clocks(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
    cols: &[String],
    me: &str,
) -> Result<HashMap<String, (i64, String)>> {
    Ok(clocks_of(record_changes(conn, kind, id)?, cols, me))
}

/// The clocks of a record's columns from its history rows (see [`field_clocks`]).
pub(crate) fn clocks_of(
    rows: impl IntoIterator<Item = Change>,
    cols: &[String],
    me: &str,
) -> HashMap<String, (i64, String)> {
    let mut base = (0i64, me.to_string());
    let mut newest = base.clone();
    let mut by_field: HashMap<String, (i64, String)> = HashMap::new();
    for Change {
        op,
        field,
        hlc,
        origin,
        ..
    } in rows
    {
        let clock = (hlc, origin.unwrap_or_else(|| me.to_string()));
        if clock > newest {
            newest = clock.clone();
        }
        let key = match op.as_str() {
            "insert" => {
                if clock > base {
                    base = clock;
                }
                continue;
            }
            "delete" | "restore" => "deleted_at".to_string(),
            _ => match field {
                Some(f) => f,
                None => continue,
            },
        };
        let e = by_field.entry(key).or_insert_with(|| clock.clone());
        if clock > *e {
            *e = clock;
        }
    }
    let mut out = HashMap::new();
    for col in cols.iter().filter(|c| travels(c)) {
        let clock = if col == "updated_at" {
            newest.clone()
        } else {
            match by_field.get(col) {
                Some(c) if *c > base => c.clone(),
                _ => base.clone(),
            }
        };
        out.insert(col.clone(), clock);
    }
    out
}

/// One stored record as it travels; none when it is gone or has no global id.
pub(crate) fn record_state(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
    cols: &[String],
    me: &str,
) -> Result<Option<RecordState>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        cols.join(", "),
        kind.table()
    );
    let row: Option<Map<String, Value>> = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| {
            let mut m = Map::new();
            for (i, c) in cols.iter().enumerate() {
                m.insert(c.clone(), json_of(r.get_ref(i)?));
            }
            Ok(m)
        })
        .optional()?;
    let Some(mut values) = row else {
        return Ok(None);
    };
    let Some(uid) = values.get("uid").and_then(|v| v.as_str()).map(String::from) else {
        return Ok(None);
    };
    let account_uid = if kind == RecordKind::Account {
        uid.clone()
    } else if !kind.is_owned() {
        super::sync_wire::CATALOGUE.to_string()
    } else {
        let account = values
            .get("account_id")
            .and_then(|v| v.as_i64())
            .unwrap_or(0);
        match super::sync_log::uid_of(conn, RecordKind::Account, account)? {
            Some(u) => u,
            None => return Ok(None),
        }
    };
    if kind.is_owned() {
        values.insert("account_id".into(), Value::String(account_uid.clone()));
    }
    values.retain(|k, _| travels(k));
    super::sync_sensitive::for_the_team(kind, &mut values);
    let changes = record_changes(conn, kind, id)?;
    let mut clocks = super::sync_items::with_items(kind, &mut values, &changes, me);
    clocks.extend(clocks_of(changes, cols, me));
    let clocks = clock_map(clocks);
    Ok(Some(RecordState {
        entity: kind.table().to_string(),
        uid,
        account_uid,
        values,
        clocks,
    }))
}

pub(crate) fn read_self(conn: &Connection) -> Result<SyncSelf> {
    conn.query_row(
        "SELECT replica, last_hlc, pushed_hlc, pushed_tombstone, pulled_seq, server, login,
                password, ca, code_prefix, last_sync FROM sync_self",
        [],
        |r| {
            Ok(SyncSelf {
                replica: r.get(0)?,
                last_hlc: r.get(1)?,
                pushed_hlc: r.get(2)?,
                pushed_tombstone: r.get(3)?,
                pulled_seq: r.get(4)?,
                server: r.get(5)?,
                login: r.get(6)?,
                password: r.get(7)?,
                ca: r.get(8)?,
                code_prefix: r.get(9)?,
                last_sync: r.get(10)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| anyhow!("the book has no sync state; open it once with this kam to upgrade it"))
}

impl Store {
    /// The book's sync state.
    pub fn sync_self(&self) -> Result<SyncSelf> {
        read_self(self.conn())
    }

    /// Marks an outbox sent, once the server committed it.
    pub fn mark_pushed(&mut self, upto_hlc: i64, upto_tombstone: i64) -> Result<()> {
        self.conn().execute(
            "UPDATE sync_self SET pushed_hlc = max(pushed_hlc, ?1),
                                  pushed_tombstone = max(pushed_tombstone, ?2)",
            params![upto_hlc, upto_tombstone],
        )?;
        Ok(())
    }

    /// How many of this book's changes wait for the next push (records and tombstones); 0
    /// before the book joined a team.
    pub fn changes_waiting(&self) -> Result<i64> {
        let me = read_self(self.conn())?;
        if me.server.is_none() {
            return Ok(0);
        }
        // The record tables and account plans travel (settings stay in each book).
        let tables: Vec<String> = RecordKind::ALL
            .iter()
            .map(|k| k.table())
            .chain([PLANS])
            .map(|t| format!("'{t}'"))
            .collect();
        let records: i64 = self.conn().query_row(
            &format!(
                "SELECT count(*) FROM (SELECT DISTINCT entity, row_id FROM history
                  WHERE origin IS NULL AND hlc > ?1 AND entity IN ({}))",
                tables.join(", ")
            ),
            [me.pushed_hlc],
            |r| r.get(0),
        )?;
        let tombs: i64 = self.conn().query_row(
            "SELECT count(*) FROM sync_tombstones WHERE id > ?1",
            [me.pushed_tombstone],
            |r| r.get(0),
        )?;
        Ok(records + tombs)
    }

    /// Joins the book to a team: the server and login (the password, kept in the book, which
    /// `kam encrypt` protects at rest), the server's certificate authority when it is a
    /// private one, and the prefix of this laptop's new account codes.
    pub fn join_team(
        &mut self,
        server: &str,
        login: &str,
        password: &str,
        ca: Option<&str>,
        code_prefix: &str,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE sync_self SET server = ?1, login = ?2, password = ?3, ca = ?4,
                                  code_prefix = ?5",
            params![server, login, password, ca, code_prefix],
        )?;
        Ok(())
    }

    /// The title of a record by its global id (an account: its name and code), as the
    /// sync tells its rep about it; none when it is not here.
    pub fn title_by_uid(&self, entity: &str, uid: &str) -> Result<Option<String>> {
        let Some(kind) = RecordKind::from_table(entity) else {
            return Ok(None);
        };
        let id: Option<i64> = self
            .conn()
            .query_row(
                &format!("SELECT id FROM {} WHERE uid = ?1", kind.table()),
                [uid],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = id else {
            return Ok(None);
        };
        match super::rows::get_map(self.conn(), kind, id)? {
            Some(map) => Ok(Some(super::rows::title_of(kind, map)?)),
            None => Ok(None),
        }
    }

    /// The global id of an account, for the team commands that name it on the server.
    pub fn account_uid(&self, account_id: i64) -> Result<Option<String>> {
        super::sync_log::uid_of(self.conn(), RecordKind::Account, account_id)
    }
}
