//! Generic create / update / soft-delete / restore for every record kind, driven by the
//! field lists of the domain, with a history row for every change in the same transaction
//! (the `Writer`). How a record becomes a row and back is `rows.rs`.

use super::rows::{columns, from_map, get_map, is_deleted, spec, title_of, to_map, to_sql};
use super::{describe_arg, Store};
use crate::domain::record::{Record, RecordKind};
use crate::i18n::{Arg, Said};
use anyhow::{bail, Result};
use rusqlite::types::Value as Sql;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{Map, Value};

/// How a value reads in the history: plain text for text, JSON for the rest.
fn history_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(a) if a.is_empty() => None,
        other => Some(other.to_string()),
    }
}

/// What a bulk load (`bulk_load.rs`) set aside, to be put back as it was.
#[derive(Debug, Default)]
pub(crate) struct Deferred {
    /// The `CREATE INDEX` / `CREATE TRIGGER` text of each index and trigger dropped.
    pub(super) dropped: Vec<String>,
    /// The highest id of each table the finder follows, before the load.
    pub(super) before: Vec<(&'static str, i64)>,
    /// The note index's settings before the load (see `notes::begin_load_settings`).
    pub(super) note_settings: Vec<Option<i64>>,
    /// The notes loaded, written to the index in order (see `notes::NoteLoad`).
    pub(super) notes: super::notes::NoteLoad,
}

/// All changes inside one transaction: a bulk load, or one save. Dropping it without
/// `commit` leaves the database as it was.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    pub(crate) actor: String,
    pub(crate) now: String,
    /// The number of the next automatic account code, once looked up: finding the highest
    /// code scans every account, and an import of n accounts must not do that n times. Valid
    /// for the transaction, which no other writer can interleave with.
    next_number: std::cell::Cell<Option<i64>>,
    /// The transaction's hybrid logical clock: every history row it writes is stamped with
    /// it at commit (store/sync_log.rs), which orders this change against the team's.
    pub(crate) hlc: i64,
    /// The prefix of new account codes: `C`, or the team's `C<n>-` once the book joined one.
    code_prefix: String,
    /// Indexes and triggers a bulk load set aside (`bulk_load.rs`), put back at the latest
    /// by the commit.
    pub(crate) deferred: Option<Deferred>,
}

impl<'a> Writer<'a> {
    /// The open transaction, for bulk loaders inside the crate (demo data, import) that need
    /// plain SQL beside the generic record calls; nothing in the store itself uses it yet.
    #[allow(dead_code)]
    pub(crate) fn tx(&self) -> &Transaction<'a> {
        &self.tx
    }

    pub fn now(&self) -> &str {
        &self.now
    }

    pub(crate) fn code_prefix(&self) -> &str {
        &self.code_prefix
    }

    /// A writer on an open transaction: its clock and code prefix read from the book.
    fn begin(tx: Transaction<'a>, actor: String, now: String) -> Result<Writer<'a>> {
        let (hlc, prefix) = super::sync_log::begin(&tx)?;
        Ok(Writer {
            tx,
            actor,
            now,
            next_number: Default::default(),
            hlc,
            code_prefix: prefix.unwrap_or_else(|| "C".to_string()),
            deferred: None,
        })
    }

    // One argument per history column reads plainer than a struct built for one call.
    #[allow(clippy::too_many_arguments)]
    fn history(
        &self,
        account_id: Option<i64>,
        kind: RecordKind,
        row_id: i64,
        op: &str,
        field: Option<&str>,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO history (at, actor, account_id, entity, row_id, op, field, old_value, new_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        stmt.execute(params![
            self.now,
            self.actor,
            account_id,
            kind.table(),
            row_id,
            op,
            field,
            old,
            new
        ])?;
        Ok(())
    }

    /// Stores a new record, filling in its id (and an account's code when empty). The
    /// history keeps an `insert` row; the values themselves are the row, and every later
    /// change records old and new, so the full story can always be told.
    pub fn insert<R: Record>(&mut self, rec: &mut R) -> Result<i64> {
        rec.validate().map_err(anyhow::Error::new)?;
        let kind = R::KIND;
        if kind.is_owned() {
            match is_deleted(&self.tx, RecordKind::Account, rec.account_id())? {
                None => bail!(Said::new("store-no-account-id").with("id", rec.account_id())),
                Some(true) => bail!(Said::new("store-account-in-trash")),
                Some(false) => {}
            }
        }
        let mut map = to_map(rec)?;
        if kind == RecordKind::Account {
            self.prepare_account(&mut map)?;
        }
        if kind == RecordKind::Product {
            self.prepare_product(&mut map)?;
        }
        if kind == RecordKind::Target {
            self.prepare_target(&mut map)?;
        }
        let cols: Vec<&str> = columns(kind).into_iter().filter(|c| *c != "id").collect();
        let mut values = Vec::with_capacity(cols.len() + 1);
        for col in &cols {
            let v = match *col {
                "created_at" | "updated_at" => Sql::Text(self.now.clone()),
                "created_by" => Sql::Text(self.actor.clone()),
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
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))
            .map_err(|e| {
                Said::new("store-saving")
                    .with("record", rec.title())
                    .with("reason", describe_arg(&e))
            })?;
        let id = self.tx.last_insert_rowid();
        rec.set_id(id);
        if kind == RecordKind::Account {
            rec.set_account_id(id);
        }
        // Read back what the store filled in (code, timestamps).
        if let Some(stored) = get_map(&self.tx, kind, id)? {
            super::notes::sync(&self.tx, kind, id, None, Some(&stored))?;
            *rec = from_map(stored)?;
        }
        // The book's own lists (the catalogue) belong to no account's history.
        let owner = (!RecordKind::BOOK.contains(&kind)).then(|| rec.account_id());
        self.history(owner, kind, id, "insert", None, None, Some(rec.title()))?;
        Ok(id)
    }

    /// A one-field change made outside `update` (a merge moving a record).
    pub(crate) fn history_change(
        &self,
        account_id: i64,
        kind: RecordKind,
        id: i64,
        field: &str,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<()> {
        self.history(Some(account_id), kind, id, "update", Some(field), old, new)
    }

    /// The `insert` history row of a record stored by another path (bulk, preserving).
    pub(crate) fn history_insert(
        &self,
        account_id: i64,
        kind: RecordKind,
        id: i64,
        title: String,
    ) -> Result<()> {
        // Account 0: the book's own lists (the catalogue), in no account's history.
        self.history(
            Some(account_id).filter(|a| *a != 0),
            kind,
            id,
            "insert",
            None,
            None,
            Some(title),
        )
    }

    pub(crate) fn prepare_account(&self, map: &mut Map<String, Value>) -> Result<()> {
        let code = map.get("code").and_then(|v| v.as_str()).unwrap_or("");
        let own_id = map.get("id").and_then(|v| v.as_i64()).unwrap_or(0);
        let code = self.account_code(code, own_id)?;
        map.insert("code".into(), Value::String(code));
        Ok(())
    }

    /// The code an account is stored with: the one given (checked unique), else the next
    /// free one.
    pub(crate) fn account_code(&self, given: &str, own_id: i64) -> Result<String> {
        let code = given.trim().to_string();
        let code = if code.is_empty() {
            let n = match self.next_number.get() {
                Some(n) => n,
                None => super::accounts::next_number(&self.tx, &self.code_prefix)?,
            };
            self.next_number.set(Some(n + 1));
            format!("{}{n:06}", self.code_prefix)
        } else {
            // A code given by hand may jump ahead of the cached number.
            if let (Some(next), Some(n)) = (
                self.next_number.get(),
                super::accounts::code_number(&code, &self.code_prefix),
            ) {
                if n >= next {
                    self.next_number.set(Some(n + 1));
                }
            }
            code
        };
        let holder: Option<String> = self
            .tx
            // Cached: a bulk load checks every account's code.
            .prepare_cached(
                // NOCASE: codes are looked up case-insensitively (`account_by_code`), so `c000001`
                // beside `C000001` would make one of them unreachable.
                "SELECT name FROM accounts WHERE code = ?1 COLLATE NOCASE AND id != ?2",
            )?
            .query_row(params![code, own_id], |r| r.get(0))
            .optional()?;
        if let Some(name) = holder {
            bail!(Said::new("store-code-taken")
                .with("code", code)
                .with("name", name));
        }
        Ok(code)
    }

    /// Saves the changed fields of a stored record, one history row per changed field.
    /// Returns how many fields changed (0: nothing written).
    pub fn update<R: Record>(&mut self, rec: &mut R) -> Result<usize> {
        rec.validate().map_err(anyhow::Error::new)?;
        let kind = R::KIND;
        let id = rec.id();
        let old = match (
            get_map(&self.tx, kind, id)?,
            is_deleted(&self.tx, kind, id)?,
        ) {
            (Some(old), Some(false)) => old,
            (Some(_), _) => bail!(Said::new("store-record-in-trash").with("record", rec.title())),
            _ => bail!(Said::new("store-no-record").with("id", id)),
        };
        let mut new = to_map(rec)?;
        if kind == RecordKind::Account {
            // A code cleared in a form keeps the account's code rather than taking a new one.
            let cleared = new
                .get("code")
                .and_then(|v| v.as_str())
                .is_none_or(|c| c.trim().is_empty());
            if cleared {
                if let Some(code) = old.get("code") {
                    new.insert("code".into(), code.clone());
                }
            }
            self.prepare_account(&mut new)?;
        }
        if kind == RecordKind::Product {
            new.insert("id".into(), Value::from(id));
            self.prepare_product(&mut new)?;
        }
        if kind == RecordKind::Target {
            new.insert("id".into(), Value::from(id));
            self.prepare_target(&mut new)?;
        }
        let mut changed = vec![];
        for s in kind.fields() {
            let nv = to_sql(s, new.get(s.key).unwrap_or(&Value::Null))?;
            let ov = to_sql(s, old.get(s.key).unwrap_or(&Value::Null))?;
            if nv != ov {
                changed.push((s.key, nv));
            }
        }
        if changed.is_empty() {
            return Ok(0);
        }
        let sets: Vec<String> = changed.iter().map(|(k, _)| format!("{k} = ?")).collect();
        let sql = format!(
            "UPDATE {} SET {}, updated_at = ? WHERE id = ?",
            kind.table(),
            sets.join(", ")
        );
        let mut values: Vec<Sql> = changed.iter().map(|(_, v)| v.clone()).collect();
        values.push(Sql::Text(self.now.clone()));
        values.push(Sql::Integer(id));
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))
            .map_err(|e| {
                Said::new("store-saving")
                    .with("record", rec.title())
                    .with("reason", describe_arg(&e))
            })?;
        let account_id = old
            .get(if kind == RecordKind::Account {
                "id"
            } else {
                "account_id"
            })
            .and_then(|v| v.as_i64());
        for (key, _) in &changed {
            let o = history_text(old.get(*key).unwrap_or(&Value::Null));
            let n = history_text(new.get(*key).unwrap_or(&Value::Null));
            self.history(account_id, kind, id, "update", Some(key), o, n)?;
        }
        if let Some(stored) = get_map(&self.tx, kind, id)? {
            super::notes::sync(&self.tx, kind, id, Some(&old), Some(&stored))?;
            *rec = from_map(stored)?;
        }
        Ok(changed.len())
    }

    /// Moves a record to the trash.
    pub fn delete(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        self.set_deleted(kind, id, true)
    }

    /// Brings a record back from the trash.
    pub fn restore(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        if kind.is_owned() {
            let account_id: i64 = self
                .tx
                .query_row(
                    &format!("SELECT account_id FROM {} WHERE id = ?1", kind.table()),
                    [id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Said::new("store-no-record-in-trash"))?;
            if is_deleted(&self.tx, RecordKind::Account, account_id)? == Some(true) {
                bail!(Said::new("store-its-account-in-trash"));
            }
        }
        self.set_deleted(kind, id, false)?;
        if kind == RecordKind::Account {
            // A merged account takes its records back.
            self.undo_merges_of(id)?;
        }
        Ok(())
    }

    fn set_deleted(&mut self, kind: RecordKind, id: i64, deleted: bool) -> Result<()> {
        let map = get_map(&self.tx, kind, id)?
            .ok_or_else(|| Said::new("store-no-record").with("id", id))?;
        let was = is_deleted(&self.tx, kind, id)? == Some(true);
        if was == deleted {
            bail!(Said::new(if deleted {
                "store-already-in-trash"
            } else {
                "store-not-in-trash"
            }));
        }
        let stamp = deleted.then(|| self.now.clone());
        self.tx.execute(
            &format!("UPDATE {} SET deleted_at = ?1 WHERE id = ?2", kind.table()),
            params![stamp, id],
        )?;
        let account_id = map
            .get(if kind == RecordKind::Account {
                "id"
            } else {
                "account_id"
            })
            .and_then(|v| v.as_i64());
        // A note in the trash is not found; restored, it is found again.
        let (gone, back) = if deleted {
            (Some(&map), None)
        } else {
            (None, Some(&map))
        };
        super::notes::sync(&self.tx, kind, id, gone, back)?;
        let title = title_of(kind, map)?;
        let (op, old, new) = if deleted {
            ("delete", Some(title), None)
        } else {
            ("restore", None, Some(title))
        };
        self.history(account_id, kind, id, op, None, old, new)
    }

    /// Rewrites the finder records of the accounts changed so far, and every chunk that has
    /// newer records, taking them in (see `search_records`).
    pub(crate) fn fold_search_records(&self) -> Result<()> {
        super::search_records::refresh(&self.tx)?;
        super::search_records::merge_full_chunks(&self.tx, 1)
    }

    /// See [`super::notes::optimize`]; for bulk loaders (demo data, imports), inside their
    /// transaction.
    pub fn optimize_note_index(&self) -> Result<()> {
        super::notes::optimize(&self.tx)
    }

    /// Rewrites the finder records of the accounts this transaction changed, then commits.
    pub fn commit(mut self) -> Result<()> {
        // A load left open is finished first: its indexes (the history's among them) are
        // what the stamp and the finder's refresh read through.
        self.finish_load().map_err(save_failed)?;
        super::sync_log::stamp(&self.tx, self.hlc).map_err(save_failed)?;
        super::search_records::refresh(&self.tx).map_err(save_failed)?;
        self.tx.commit().map_err(|e| save_failed(e.into()))
    }
}

/// "saving failed: <why>; nothing was saved". A full disk is said as "the disk is full",
/// not with its own "; nothing was saved" a second time.
fn save_failed(e: anyhow::Error) -> anyhow::Error {
    let reason = match e.downcast_ref::<rusqlite::Error>() {
        Some(db) if db.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => {
            Arg::Msg("io-storage-full")
        }
        Some(db) => describe_arg(db),
        None => Arg::Str(format!("{e:#}")),
    };
    Said::new("store-save-failed").with("reason", reason).into()
}

impl Store {
    /// Runs `f` in one transaction; it commits only if `f` succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer) -> Result<T>) -> Result<T> {
        let now = self.now().format("%Y-%m-%dT%H:%M:%S").to_string();
        let actor = self.actor.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| Said::new("store-cannot-start-saving").with("reason", describe_arg(&e)))?;
        let mut w = Writer::begin(tx, actor, now)?;
        let out = f(&mut w)?;
        w.commit()?;
        Ok(out)
    }

    /// Runs changes as `write` does and rolls them back: what a dry run reports is what the
    /// real run would do, checks and all.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&mut Writer) -> Result<T>) -> Result<T> {
        let now = self.now().format("%Y-%m-%dT%H:%M:%S").to_string();
        let actor = self.actor.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| Said::new("store-cannot-start-saving").with("reason", describe_arg(&e)))?;
        let mut w = Writer::begin(tx, actor, now)?;
        f(&mut w)
        // Dropping the writer rolls the transaction back.
    }

    pub fn insert<R: Record>(&mut self, rec: &mut R) -> Result<i64> {
        self.write(|w| w.insert(rec))
    }

    pub fn update<R: Record>(&mut self, rec: &mut R) -> Result<usize> {
        self.write(|w| w.update(rec))
    }

    pub fn delete(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        self.write(|w| w.delete(kind, id))
    }

    pub fn restore(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        self.write(|w| w.restore(kind, id))
    }
}
