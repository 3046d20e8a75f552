//! A record as a row and back: the columns of each kind, a field's JSON value as what its
//! column holds, and reading records by id, by account or all of a kind. Driven by the
//! field lists of the domain; the writing side (with its history) is `records.rs`.

use super::Store;
use crate::domain::record::{FieldKind, FieldSpec, Record, RecordKind};
use crate::domain::{Invalid, Money};
use anyhow::{anyhow, bail, Context, Result};
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

/// Audit columns every table has besides its fields.
const AUDIT: [&str; 2] = ["created_at", "updated_at"];

pub(crate) fn columns(kind: RecordKind) -> Vec<&'static str> {
    let mut cols = vec!["id"];
    if kind.is_owned() {
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

/// A record from its row, the columns named in `cols` (the first `cols.len()` of the row),
/// field by field: no JSON object per row (a big book's export or reminders read 100,000s).
pub(crate) fn record_from_row<R: Record>(
    kind: RecordKind,
    cols: &[&str],
    row: &rusqlite::Row,
) -> Result<R> {
    let mut fields = Vec::with_capacity(cols.len());
    for (i, col) in cols.iter().enumerate() {
        // A NULL column is left out, so the record's own default applies (as in `rows.rs`).
        match from_sql(spec(kind, col).map(|s| s.kind), row.get_ref(i)?) {
            Value::Null => {}
            v => fields.push((*col, v)),
        }
    }
    R::deserialize(
        serde::de::value::MapDeserializer::<_, serde_json::Error>::new(fields.into_iter()),
    )
    .context("reading a stored record")
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
    // Cached: an import asks this once per account it adds contacts to.
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |r| r.get(0))
        .optional()?)
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
        RecordKind::Contract => t::<Contract>(map),
        RecordKind::Payment => t::<Payment>(map),
        RecordKind::Entertainment => t::<Entertainment>(map),
        RecordKind::Gift => t::<Gift>(map),
        RecordKind::Competitor => t::<Competitor>(map),
        RecordKind::EventAttendance => t::<EventAttendance>(map),
        RecordKind::Product => t::<Product>(map),
        RecordKind::Target => t::<Target>(map),
        RecordKind::ReturnClaim => t::<ReturnClaim>(map),
    }
}

impl Store {
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
        if kind.is_owned() {
            sql.push_str(" AND account_id IN (SELECT id FROM accounts WHERE deleted_at IS NULL)");
        }
        sql.push_str(" ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        // Each row straight into its record (not every row's JSON object first).
        let mut rows = stmt.query([])?;
        let mut out = vec![];
        while let Some(row) = rows.next()? {
            out.push(record_from_row(kind, &cols, row)?);
        }
        Ok(out)
    }

    /// The validation problems of a record, if any, without saving it.
    pub fn check<R: Record>(rec: &R) -> Result<(), Invalid> {
        rec.validate()
    }
}
