//! A person's dossier (the Mackay items) and a record's custom values (the team's fields, by
//! name) are documents of items kept in one column each. To the sync each item is also a
//! field of its own (`dossier.degree`, `custom.预算级别`) with its own clock, told from the
//! history's old and new values of the column, so that two laptops' offline edits of
//! different items of one document both survive: the server merges any field by its clock.
//! The whole column still travels, for a kam before this one, and is what a record new to a
//! laptop starts from (with the items laid over it). A sensitive dossier item is never an
//! item on the wire (sync_sensitive.rs).

use super::sync_log::{clock_text, parse_clock};
use super::sync_wire::{Applied, Context, RecordState};
use super::Writer;
use crate::domain::contact::SENSITIVE_DOSSIER_FIELDS;
use crate::domain::record::RecordKind;
use anyhow::Result;
use rusqlite::{params, Connection};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// The history's old and new values of an item column, as two more columns of a select
/// (none for any other field: the clocks need no other values).
pub(crate) const VALUES_OF_ITEM_COLUMNS: &str =
    "CASE WHEN field IN ('dossier', 'custom') THEN old_value END,
     CASE WHEN field IN ('dossier', 'custom') THEN new_value END";

type Clock = (i64, String);

/// The history rows of one stored record as the clocks need them (the old and new values of
/// its item columns too).
pub(crate) fn record_changes(conn: &Connection, kind: RecordKind, id: i64) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT op, field, coalesce(hlc, 0), origin, {} FROM history
          WHERE entity = ?1 AND row_id = ?2",
        VALUES_OF_ITEM_COLUMNS
    ))?;
    let rows = stmt
        .query_map(params![kind.table(), id], |r| {
            Ok(Change {
                op: r.get(0)?,
                field: r.get(1)?,
                hlc: r.get(2)?,
                origin: r.get(3)?,
                old: r.get(4)?,
                new: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One history row as the clocks need it.
pub(crate) struct Change {
    pub op: String,
    pub field: Option<String>,
    pub hlc: i64,
    pub origin: Option<String>,
    /// The old and new values of an item column; none for other fields.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The columns of a kind that hold documents of items.
fn item_columns(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Contact => &["dossier", "custom"],
        RecordKind::Account => &["custom"],
        _ => &[],
    }
}

fn document(text: Option<&str>) -> Map<String, Value> {
    match text.and_then(|t| serde_json::from_str(t).ok()) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// Whether an item travels as an item: not a sensitive one.
fn travels(kind: RecordKind, col: &str, item: &str) -> bool {
    !(kind == RecordKind::Contact && col == "dossier" && SENSITIVE_DOSSIER_FIELDS.contains(&item))
}

/// The record's insert clock and each item's newest change (`col.item`), from its history.
fn item_clocks(kind: RecordKind, changes: &[Change], me: &str) -> (Clock, HashMap<String, Clock>) {
    let mut base = (0i64, me.to_string());
    let mut items: HashMap<String, Clock> = HashMap::new();
    for c in changes {
        let clock = (c.hlc, c.origin.clone().unwrap_or_else(|| me.to_string()));
        if c.op == "insert" {
            base = base.max(clock);
            continue;
        }
        let Some(col) = c.field.as_deref() else {
            continue;
        };
        if c.op != "update" || !item_columns(kind).contains(&col) {
            continue;
        }
        let (old, new) = (document(c.old.as_deref()), document(c.new.as_deref()));
        for item in old.keys().chain(new.keys()) {
            let (o, n) = (old.get(item), new.get(item));
            if o.unwrap_or(&Value::Null) != n.unwrap_or(&Value::Null) {
                let e = items
                    .entry(format!("{col}.{item}"))
                    .or_insert_with(|| clock.clone());
                if clock > *e {
                    *e = clock.clone();
                }
            }
        }
    }
    (base, items)
}

/// Adds a record's items to its values as they leave, and returns their clocks: an item's
/// newest change, else the record's insert. An item never given a value is not sent.
pub(crate) fn with_items(
    kind: RecordKind,
    values: &mut Map<String, Value>,
    changes: &[Change],
    me: &str,
) -> HashMap<String, Clock> {
    let mut out = HashMap::new();
    if item_columns(kind).is_empty() {
        return out;
    }
    let (base, changed) = item_clocks(kind, changes, me);
    for col in item_columns(kind) {
        let doc = document(values.get(*col).and_then(Value::as_str));
        for (item, v) in &doc {
            let key = format!("{col}.{item}");
            if !travels(kind, col, item) || (v.is_null() && !changed.contains_key(&key)) {
                continue;
            }
            out.insert(key.clone(), changed.get(&key).unwrap_or(&base).clone());
            values.insert(key, v.clone());
        }
        // An item taken out of its document (a custom field erased) travels as emptied.
        for (key, clock) in &changed {
            let Some(item) = key.strip_prefix(col).and_then(|r| r.strip_prefix('.')) else {
                continue;
            };
            if !doc.contains_key(item) && travels(kind, col, item) {
                values.insert(key.clone(), Value::Null);
                out.insert(key.clone(), clock.clone());
            }
        }
    }
    out
}

/// The items a pulled record carries for one column: (item, value, clock).
fn carried<'a>(
    kind: RecordKind,
    rec: &'a RecordState,
    col: &str,
) -> Vec<(&'a str, &'a Value, Clock)> {
    let prefix = format!("{col}.");
    rec.values
        .iter()
        .filter_map(|(k, v)| {
            let item = k.strip_prefix(&prefix)?;
            let (hlc, replica) = parse_clock(rec.clocks.get(k)?.as_str()?)?;
            travels(kind, col, item).then(|| (item, v, (hlc, replica.to_string())))
        })
        .collect()
}

/// Whether a pulled record's column is carried by its items (then they, not the whole
/// column, are applied to a record this laptop has).
pub(crate) fn carried_by_items(kind: RecordKind, rec: &RecordState, col: &str) -> bool {
    item_columns(kind).contains(&col) && !carried(kind, rec, col).is_empty()
}

/// A pulled record new to this laptop: each whole column with its items laid over it (the
/// server's whole column is the last writer's; its items are each the newest).
pub(crate) fn overlaid(kind: RecordKind, rec: &RecordState) -> Option<RecordState> {
    let mut out: Option<RecordState> = None;
    for col in item_columns(kind) {
        let items = carried(kind, rec, col);
        if items.is_empty() {
            continue;
        }
        let mut doc = document(rec.values.get(*col).and_then(Value::as_str));
        for (item, v, _) in items {
            doc.insert(item.to_string(), v.clone());
        }
        out.get_or_insert_with(|| rec.clone()).values.insert(
            col.to_string(),
            Value::String(Value::Object(doc).to_string()),
        );
    }
    out
}

impl Writer<'_> {
    /// The items of a pulled record newer than this laptop's, put into their columns, each
    /// clock's items with one history row (its clock and origin): how many rows changed.
    pub(crate) fn apply_items(
        &mut self,
        kind: RecordKind,
        id: i64,
        account_id: i64,
        rec: &RecordState,
        cx: &Context,
        done: &mut Applied,
    ) -> Result<usize> {
        let mut rows = 0;
        for col in item_columns(kind) {
            let items = carried(kind, rec, col);
            if items.is_empty() {
                continue;
            }
            let changes = record_changes(self.tx(), kind, id)?;
            let (base, local) = item_clocks(kind, &changes, cx.me);
            let sql = format!("SELECT {col} FROM {} WHERE id = ?1", kind.table());
            let text: Option<String> = self.tx().query_row(&sql, [id], |r| r.get(0))?;
            let mut doc = document(text.as_deref());
            let mut newer: BTreeMap<Clock, Vec<(&str, &Value)>> = BTreeMap::new();
            for (item, v, clock) in items {
                let mine = local.get(&format!("{col}.{item}")).unwrap_or(&base);
                if clock <= *mine || doc.get(item).unwrap_or(&Value::Null) == v {
                    continue;
                }
                if mine.1 == cx.me && mine.0 > cx.pushed_hlc {
                    done.conflicts += 1;
                }
                newer.entry(clock).or_default().push((item, v));
            }
            let mut old = text;
            let set = format!("UPDATE {} SET {col} = ?1 WHERE id = ?2", kind.table());
            for ((hlc, replica), items) in newer {
                for (item, v) in items {
                    doc.insert(item.to_string(), v.clone());
                }
                let new = Value::Object(doc.clone()).to_string();
                self.tx().execute(&set, params![new, id])?;
                self.remote_history_of(
                    account_id,
                    kind.table(),
                    id,
                    "update",
                    Some(col),
                    old.take(),
                    Some(new.clone()),
                    &clock_text(hlc, &replica),
                    cx.reps,
                )?;
                old = Some(new);
                done.fields += 1;
                rows += 1;
            }
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(op: &str, hlc: i64, old: Option<Value>, new: Option<Value>) -> Change {
        Change {
            op: op.into(),
            field: (op == "update").then(|| "dossier".to_string()),
            hlc,
            origin: None,
            old: old.map(|v| v.to_string()),
            new: new.map(|v| v.to_string()),
        }
    }

    #[test]
    fn each_item_leaves_with_its_own_clock_and_a_sensitive_one_not_at_all() {
        let changes = [
            change("insert", 5, None, None),
            change(
                "update",
                9,
                Some(json!({"degree": null, "hobbies": null})),
                Some(json!({"degree": "硕士", "hobbies": null})),
            ),
        ];
        let mut values = Map::new();
        let doc = json!({"degree": "硕士", "hobbies": null, "sports": "网球", "religion": "x"});
        values.insert("dossier".into(), Value::String(doc.to_string()));
        let clocks = with_items(RecordKind::Contact, &mut values, &changes, "me");
        assert_eq!(clocks["dossier.degree"], (9, "me".to_string()));
        assert_eq!(
            clocks["dossier.sports"],
            (5, "me".to_string()),
            "the insert's"
        );
        assert!(
            !values.contains_key("dossier.hobbies"),
            "never given a value"
        );
        assert!(!values.contains_key("dossier.religion"), "sensitive");
        assert_eq!(values["dossier.degree"], json!("硕士"));
        // Other kinds have no items.
        let mut plain = Map::new();
        assert!(with_items(RecordKind::Deal, &mut plain, &changes, "me").is_empty());
    }
}
