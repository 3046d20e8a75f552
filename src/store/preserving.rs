//! Putting back records exactly as a kam export holds them: same ids, same codes, same
//! timestamps, so export → import into an empty book → export gives the same document, and
//! the note index and the finder's records as a save would leave them.

use super::records::Writer;
use super::rows::{columns, get_map, spec, to_map, to_sql};
use crate::domain::record::{Record, RecordKind};
use anyhow::{anyhow, bail, Result};
use rusqlite::types::Value as Sql;
use serde_json::Value;

impl Writer<'_> {
    /// Whether the book has never held an account (the trash counts).
    pub fn is_empty_book(&self) -> Result<bool> {
        let n: i64 = self
            .tx()
            .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Stores a record with its own id and timestamps (the store's clock and actor fill in
    /// only what is missing), checked like any insert, with an `insert` history row.
    pub fn insert_preserving<R: Record>(&mut self, rec: &R) -> Result<()> {
        rec.validate().map_err(anyhow::Error::new)?;
        let kind = R::KIND;
        if rec.id() <= 0 {
            bail!("{} has no id", rec.title());
        }
        let map = to_map(rec)?;
        let text = |key: &str, fallback: &str| {
            map.get(key)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
                .unwrap_or(fallback)
                .to_string()
        };
        let cols = columns(kind);
        let mut values = Vec::with_capacity(cols.len());
        for col in &cols {
            let v = match *col {
                "id" => Sql::Integer(rec.id()),
                "created_at" | "updated_at" => Sql::Text(text(col, &self.now)),
                "created_by" => Sql::Text(text(col, &self.actor)),
                "deleted_at" => Sql::Null,
                "account_id" => Sql::Integer(rec.account_id()),
                key => match spec(kind, key) {
                    Some(s) => to_sql(s, map.get(key).unwrap_or(&Value::Null))?,
                    None => Sql::Null,
                },
            };
            values.push(v);
        }
        values.push(Sql::Text(super::sync_log::new_uid()));
        let sql = format!(
            "INSERT INTO {} ({}, uid) VALUES ({}, ?)",
            kind.table(),
            cols.join(", "),
            vec!["?"; cols.len()].join(", ")
        );
        self.tx()
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))
            .map_err(|e| anyhow!("{}: {}", rec.title(), super::describe(&e)))?;
        // A note goes into the note index as `insert` puts it there: from the stored row, the
        // text a later change must take out again. (The finder's records follow the
        // accounts and contacts by themselves: triggers mark them, the commit rewrites them.)
        if super::notes::is_note(kind) {
            let stored = get_map(self.tx(), kind, rec.id())?;
            super::notes::sync(self.tx(), kind, rec.id(), None, stored.as_ref())?;
        }
        let account_id = if kind == RecordKind::Account {
            rec.id()
        } else {
            rec.account_id()
        };
        self.history_insert(account_id, kind, rec.id(), rec.title())
    }

    /// A record just stored taking the times (and author) its source carried: a row new to
    /// the book in an edited export keeps when and by whom it was filled in, instead of the
    /// import's time. Only times given are set; a column the kind lacks is skipped.
    pub fn keep_stamps(
        &mut self,
        kind: RecordKind,
        id: i64,
        values: &serde_json::Map<String, Value>,
    ) -> Result<()> {
        let cols = columns(kind);
        for key in ["created_at", "updated_at", "created_by"] {
            let Some(v) = values.get(key).and_then(Value::as_str) else {
                continue;
            };
            if v.is_empty() || !cols.contains(&key) {
                continue;
            }
            let sql = format!("UPDATE {} SET {key} = ?1 WHERE id = ?2", kind.table());
            self.tx()
                .prepare_cached(&sql)?
                .execute(rusqlite::params![v, id])?;
        }
        Ok(())
    }
}
