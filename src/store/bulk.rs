//! A faster path for loading many records at once (the demo generator, large imports): the
//! same checks and the same history rows as `Writer::insert`, without preparing the SQL
//! again or reading each row back.

use super::records::Writer;
use super::row_values::{field_values, validate};
use super::rows::{columns, from_map, from_sql, is_deleted, spec};
use crate::domain::record::{Record, RecordKind};
use anyhow::{anyhow, bail, Result};
use rusqlite::types::{Value as Sql, ValueRef};
use serde_json::{Map, Value};

/// Byte for byte the statement of `Writer::history` in records.rs.
const HISTORY_SQL: &str =
    "INSERT INTO history (at, actor, account_id, entity, row_id, op, field, old_value, new_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

impl Writer<'_> {
    /// The code the next account without one would get (`C000124` after `C000123`).
    pub fn next_account_code(&self) -> Result<String> {
        super::accounts::next_code(self.tx(), self.code_prefix())
    }

    /// Stores new records like `insert` does for each (validation, account checks, code
    /// uniqueness, timestamps, an `insert` history row), filling in their ids. An account
    /// becomes what was stored, as with `insert`; other records keep their own values
    /// (`created_at`/`updated_at` are not read back).
    /// Stops at the first invalid record; the caller's transaction then saves nothing.
    pub fn insert_many<R: Record>(&mut self, recs: &mut [R]) -> Result<()> {
        let kind = R::KIND;
        let cols: Vec<&str> = columns(kind).into_iter().filter(|c| *c != "id").collect();
        let sql = format!(
            "INSERT INTO {} ({}, uid) VALUES ({}, ?)",
            kind.table(),
            cols.join(", "),
            vec!["?"; cols.len()].join(", ")
        );
        let specs: Vec<_> = cols.iter().map(|c| spec(kind, c)).collect();
        // Where each column's value is among the record's fields.
        let field_at: Vec<Option<usize>> = cols
            .iter()
            .map(|c| kind.fields().iter().position(|f| f.key == *c))
            .collect();
        let code_at = field_at[cols.iter().position(|c| *c == "code").unwrap_or(0)];
        let mut live_account: Option<i64> = None;
        // A load's notes, held and written in order (`notes::NoteLoad`).
        let mut notes = self.deferred.as_mut().map(|d| std::mem::take(&mut d.notes));
        let mut stmt = self.tx().prepare_cached(&sql)?;
        let mut history = self.tx().prepare_cached(HISTORY_SQL)?;
        for rec in recs.iter_mut() {
            let mut fields = field_values(rec)?;
            validate(rec, &fields).map_err(anyhow::Error::new)?;
            if kind != RecordKind::Account && live_account != Some(rec.account_id()) {
                match is_deleted(self.tx(), RecordKind::Account, rec.account_id())? {
                    None => bail!("there is no account with id {}", rec.account_id()),
                    Some(true) => bail!("the account is in the trash; restore it first"),
                    Some(false) => live_account = Some(rec.account_id()),
                }
            }
            if kind == RecordKind::Account {
                if let Some(i) = code_at {
                    let given = match &fields[i] {
                        Sql::Text(t) => t.as_str(),
                        _ => "",
                    };
                    fields[i] = Sql::Text(self.account_code(given, rec.id())?);
                }
            }
            let mut values = Vec::with_capacity(cols.len());
            for (col, at) in cols.iter().zip(&field_at) {
                let v = match *col {
                    "created_at" | "updated_at" => Sql::Text(self.now.clone()),
                    "created_by" => Sql::Text(self.actor.clone()),
                    "account_id" => Sql::Integer(rec.account_id()),
                    _ => match at {
                        Some(i) => std::mem::replace(&mut fields[*i], Sql::Null),
                        None => Sql::Null,
                    },
                };
                values.push(v);
            }
            let uid = Sql::Text(super::sync_log::new_uid());
            stmt.execute(rusqlite::params_from_iter(
                values.iter().chain(std::iter::once(&uid)),
            ))
            .map_err(|e| anyhow!("saving {}: {}", rec.title(), super::describe(&e)))?;
            let id = self.tx().last_insert_rowid();
            if kind == RecordKind::Account {
                // What `insert` reads back (the code it may have filled in, the audit
                // columns), built from the values just written.
                let mut stored = Map::with_capacity(cols.len() + 1);
                stored.insert("id".into(), Value::from(id));
                for ((col, s), v) in cols.iter().zip(&specs).zip(&values) {
                    stored.insert(
                        col.to_string(),
                        from_sql(s.map(|s| s.kind), ValueRef::from(v)),
                    );
                }
                *rec = from_map(stored)?;
            } else {
                // Reading back would only add the timestamps: the other records' titles
                // come out the same (the store turns only "" into NULL, which every title
                // reads as "").
                rec.set_id(id);
                if super::notes::is_note(kind) {
                    let text = |key: &str| match cols.iter().position(|c| *c == key) {
                        Some(i) => match &values[i] {
                            Sql::Text(t) => Some(t.as_str()),
                            _ => None,
                        },
                        None => None,
                    };
                    super::notes::index_new(self.tx(), kind, id, text, notes.as_mut())?;
                }
            }
            // The same history row as `insert` writes, by the same statement (so the same
            // cache entry); `Writer::history` stays private to records.rs.
            history.execute(rusqlite::params![
                self.now,
                self.actor,
                Some(rec.account_id()),
                kind.table(),
                id,
                "insert",
                None::<&str>,
                None::<String>,
                Some(rec.title())
            ])?;
        }
        drop((stmt, history));
        if let (Some(d), Some(notes)) = (self.deferred.as_mut(), notes) {
            d.notes = notes;
        }
        Ok(())
    }
}
