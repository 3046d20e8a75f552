//! Generic create / update / soft-delete / restore / read for every record kind, driven by
//! the field lists of the domain, with a history row for every change in the same
//! transaction.

use super::{describe, Store};
use crate::domain::record::{FieldKind, FieldSpec, Record, RecordKind};
use crate::domain::{Invalid, Money};
use anyhow::{anyhow, bail, Context, Result};
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value};

/// Audit columns every table has besides its fields.
const AUDIT: [&str; 2] = ["created_at", "updated_at"];

pub(crate) fn columns(kind: RecordKind) -> Vec<&'static str> {
    let mut cols = vec!["id"];
    if kind != RecordKind::Account {
        cols.push("account_id");
    }
    cols.extend(kind.fields().iter().map(|f| f.key));
    cols.extend(AUDIT);
    if kind == RecordKind::Account {
        cols.push("created_by");
    }
    cols
}

pub(crate) fn spec(kind: RecordKind, key: &str) -> Option<&'static FieldSpec> {
    kind.fields().iter().find(|f| f.key == key)
}

/// A field's JSON value (as the domain type serializes it) to what the column holds.
pub(crate) fn to_sql(spec: &FieldSpec, v: &Value) -> Result<Sql> {
    Ok(match (spec.kind, v) {
        (_, Value::Null) => Sql::Null,
        (FieldKind::Json, Value::Array(a)) if a.is_empty() => Sql::Null,
        (FieldKind::Json, v) => Sql::Text(v.to_string()),
        (FieldKind::Money, Value::String(s)) => Sql::Integer(
            Money::parse(s)
                .map_err(|p| anyhow!("{} {p}", spec.key))?
                .cents(),
        ),
        (FieldKind::Bool, Value::Bool(b)) => Sql::Integer(*b as i64),
        (_, Value::Bool(b)) => Sql::Integer(*b as i64),
        (_, Value::Number(n)) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        (_, Value::String(s)) if s.is_empty() => Sql::Null,
        (_, Value::String(s)) => Sql::Text(s.clone()),
        (_, other) => Sql::Text(other.to_string()),
    })
}

/// A column's value back to the JSON the domain type reads.
pub(crate) fn from_sql(kind: Option<FieldKind>, v: ValueRef<'_>) -> Value {
    match (kind, v) {
        (_, ValueRef::Null) => Value::Null,
        (Some(FieldKind::Money), ValueRef::Integer(c)) => Value::String(Money(c).to_string()),
        (Some(FieldKind::Bool | FieldKind::YesNo), ValueRef::Integer(b)) => Value::Bool(b != 0),
        (Some(FieldKind::Json), ValueRef::Text(t)) => {
            serde_json::from_slice(t).unwrap_or(Value::Null)
        }
        (Some(FieldKind::Number), ValueRef::Integer(i)) => Value::from(i as f64),
        (_, ValueRef::Integer(i)) => Value::from(i),
        (_, ValueRef::Real(f)) => Value::from(f),
        (_, ValueRef::Text(t)) => Value::String(String::from_utf8_lossy(t).into_owned()),
        (_, ValueRef::Blob(_)) => Value::Null,
    }
}

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

pub(crate) fn to_map<R: Record>(rec: &R) -> Result<Map<String, Value>> {
    match serde_json::to_value(rec)? {
        Value::Object(m) => Ok(m),
        _ => bail!("a record must serialize to an object"),
    }
}

pub(crate) fn row_to_map(
    kind: RecordKind,
    cols: &[&str],
    row: &rusqlite::Row,
) -> rusqlite::Result<Map<String, Value>> {
    let mut map = Map::new();
    for (i, col) in cols.iter().enumerate() {
        let k = spec(kind, col).map(|s| s.kind);
        // A NULL column is left out rather than passed as `null`, so the record's own
        // default applies: an empty list of visit expenses is stored as NULL (see `to_sql`)
        // and `null` is not a valid `Vec`, which made every such report unreadable.
        match from_sql(k, row.get_ref(i)?) {
            Value::Null => {}
            v => {
                map.insert(col.to_string(), v);
            }
        }
    }
    Ok(map)
}

pub(crate) fn from_map<R: Record>(mut map: Map<String, Value>) -> Result<R> {
    map.retain(|_, v| !v.is_null());
    serde_json::from_value(Value::Object(map)).context("reading a stored record")
}

pub(crate) fn select_sql(kind: RecordKind) -> String {
    format!("SELECT {} FROM {}", columns(kind).join(", "), kind.table())
}

pub(crate) fn get_map(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
) -> Result<Option<Map<String, Value>>> {
    let cols = columns(kind);
    let sql = format!("{} WHERE id = ?1", select_sql(kind));
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt
        .query_row([id], |r| row_to_map(kind, &cols, r))
        .optional()?)
}

pub(crate) fn is_deleted(conn: &Connection, kind: RecordKind, id: i64) -> Result<Option<bool>> {
    let sql = format!(
        "SELECT deleted_at IS NOT NULL FROM {} WHERE id = ?1",
        kind.table()
    );
    Ok(conn.query_row(&sql, [id], |r| r.get(0)).optional()?)
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
        if kind != RecordKind::Account {
            match is_deleted(&self.tx, RecordKind::Account, rec.account_id())? {
                None => bail!("there is no account with id {}", rec.account_id()),
                Some(true) => bail!("the account is in the trash; restore it first"),
                Some(false) => {}
            }
        }
        let mut map = to_map(rec)?;
        if kind == RecordKind::Account {
            self.prepare_account(&mut map)?;
        }
        let cols: Vec<&str> = columns(kind).into_iter().filter(|c| *c != "id").collect();
        let mut values = Vec::with_capacity(cols.len());
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
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            kind.table(),
            cols.join(", "),
            vec!["?"; cols.len()].join(", ")
        );
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))
            .map_err(|e| anyhow!("saving {}: {}", rec.title(), describe(&e)))?;
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
        self.history(
            Some(rec.account_id()),
            kind,
            id,
            "insert",
            None,
            None,
            Some(rec.title()),
        )?;
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
        self.history(
            Some(account_id),
            kind,
            id,
            "insert",
            None,
            None,
            Some(title),
        )
    }

    pub(crate) fn prepare_account(&self, map: &mut Map<String, Value>) -> Result<()> {
        let code = map
            .get("code")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .trim()
            .to_string();
        let code = if code.is_empty() {
            let n = match self.next_number.get() {
                Some(n) => n,
                None => super::accounts::next_number(&self.tx)?,
            };
            self.next_number.set(Some(n + 1));
            format!("C{n:06}")
        } else {
            // A code given by hand may jump ahead of the cached number.
            if let (Some(next), Some(n)) =
                (self.next_number.get(), super::accounts::code_number(&code))
            {
                if n >= next {
                    self.next_number.set(Some(n + 1));
                }
            }
            code
        };
        let own_id = map.get("id").and_then(|v| v.as_i64()).unwrap_or(0);
        let holder: Option<String> = self
            .tx
            .query_row(
                // NOCASE: codes are looked up case-insensitively (`account_by_code`), so `c000001`
                // beside `C000001` would make one of them unreachable.
                "SELECT name FROM accounts WHERE code = ?1 COLLATE NOCASE AND id != ?2",
                params![code, own_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(name) = holder {
            bail!("code {code} is already used by {name}; choose another code or leave it empty to get one");
        }
        map.insert("code".into(), Value::String(code));
        Ok(())
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
            (Some(_), _) => bail!("{} is in the trash; restore it before editing", rec.title()),
            _ => bail!("there is no such record (id {id}); it may have been erased"),
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
            .map_err(|e| anyhow!("saving {}: {}", rec.title(), describe(&e)))?;
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
        if kind != RecordKind::Account {
            let account_id: i64 = self
                .tx
                .query_row(
                    &format!("SELECT account_id FROM {} WHERE id = ?1", kind.table()),
                    [id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| anyhow!("there is no such record in the trash"))?;
            if is_deleted(&self.tx, RecordKind::Account, account_id)? == Some(true) {
                bail!("its account is in the trash; restore the account first");
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
            .ok_or_else(|| anyhow!("there is no such record (id {id})"))?;
        let was = is_deleted(&self.tx, kind, id)? == Some(true);
        if was == deleted {
            bail!(if deleted {
                "it is already in the trash"
            } else {
                "it is not in the trash"
            });
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

    /// Rewrites the finder records of the accounts this transaction changed, then commits.
    pub fn commit(self) -> Result<()> {
        super::search_records::refresh(&self.tx).map_err(|e| {
            save_failed(
                e.downcast_ref::<rusqlite::Error>()
                    .map(describe)
                    .unwrap_or_else(|| format!("{e:#}")),
            )
        })?;
        self.tx.commit().map_err(|e| save_failed(describe(&e)))
    }
}

/// "saving failed: <why>; nothing was saved", said once also when <why> says it already (a
/// full disk does: "the disk is full; nothing was saved").
fn save_failed(why: String) -> anyhow::Error {
    let why = why.trim_end_matches("; nothing was saved");
    anyhow!("saving failed: {why}; nothing was saved")
}

/// The one-line title of a stored record given as its JSON map.
pub fn title_of(kind: RecordKind, map: Map<String, Value>) -> Result<String> {
    use crate::domain::*;
    fn t<R: Record>(map: Map<String, Value>) -> Result<String> {
        Ok(from_map::<R>(map)?.title())
    }
    match kind {
        RecordKind::Account => t::<Account>(map),
        RecordKind::Contact => t::<Contact>(map),
        RecordKind::Deal => t::<Deal>(map),
        RecordKind::Opportunity => t::<Opportunity>(map),
        RecordKind::Needs => t::<Needs>(map),
        RecordKind::ServiceRecord => t::<ServiceRecord>(map),
        RecordKind::Feedback => t::<Feedback>(map),
        RecordKind::Communication => t::<Communication>(map),
        RecordKind::VisitPlan => t::<VisitPlan>(map),
        RecordKind::VisitReport => t::<VisitReport>(map),
    }
}

impl Store {
    /// Runs `f` in one transaction; it commits only if `f` succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer) -> Result<T>) -> Result<T> {
        let now = self.now().format("%Y-%m-%dT%H:%M:%S").to_string();
        let actor = self.actor.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| anyhow!("cannot start saving: {}", describe(&e)))?;
        let mut w = Writer {
            tx,
            actor,
            now,
            next_number: Default::default(),
        };
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
            .map_err(|e| anyhow!("cannot start: {}", describe(&e)))?;
        let mut w = Writer {
            tx,
            actor,
            now,
            next_number: Default::default(),
        };
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

    /// A record by id, also when it is in the trash.
    pub fn get<R: Record>(&self, id: i64) -> Result<Option<R>> {
        get_map(&self.conn, R::KIND, id)?.map(from_map).transpose()
    }

    /// The live (not trashed) records of one account, oldest first.
    pub fn list<R: Record>(&self, account_id: i64) -> Result<Vec<R>> {
        let kind = R::KIND;
        let cols = columns(kind);
        let key = if kind == RecordKind::Account {
            "id"
        } else {
            "account_id"
        };
        let sql = format!(
            "{} WHERE {key} = ?1 AND deleted_at IS NULL ORDER BY id",
            select_sql(kind)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let maps = stmt
            .query_map([account_id], |r| row_to_map(kind, &cols, r))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        maps.into_iter().map(from_map).collect()
    }

    /// Every live record of a kind, grouped by nothing, in id order (exports, reports).
    pub fn all<R: Record>(&self) -> Result<Vec<R>> {
        let kind = R::KIND;
        let cols = columns(kind);
        let mut sql = format!("{} WHERE deleted_at IS NULL", select_sql(kind));
        if kind != RecordKind::Account {
            sql.push_str(" AND account_id IN (SELECT id FROM accounts WHERE deleted_at IS NULL)");
        }
        sql.push_str(" ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let maps = stmt
            .query_map([], |r| row_to_map(kind, &cols, r))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        maps.into_iter().map(from_map).collect()
    }

    /// The validation problems of a record, if any, without saving it.
    pub fn check<R: Record>(rec: &R) -> Result<(), Invalid> {
        rec.validate()
    }
}
