//! The outbox read as a stream: what the next push sends, handed over one record at a time so
//! that a first push of a 100,000-account book (~1.7 M records) never holds the book in
//! memory. A first push reads each table and its history side by side in row order (two
//! ordered scans, no query per record); later pushes read the records their history names
//! after the push cursor. All of it in one read snapshot, so the cursors returned match
//! exactly what was handed over.

use super::sync_outbox::{clocks_of, read_self, record_state, table_columns, travels, Change};
use super::sync_plans::{plan_state, plans_to_send};
use super::sync_settings::settings_state;
use super::sync_wire::{clock_map, json_of, RecordState, Tombstone};
use super::Store;
use crate::domain::record::RecordKind;
use anyhow::Result;
use rusqlite::{params, Connection};
use serde_json::{Map, Value};

/// One thing the outbox hands over, tombstones first (as the server takes them).
pub enum Outgoing {
    Tombstones(Vec<Tombstone>),
    Record(RecordState),
}

/// What a streamed outbox covered: the cursors that mark it sent once the server committed.
#[derive(Debug, Default, Clone, Copy)]
pub struct OutboxMarks {
    pub records: usize,
    pub tombstones: usize,
    pub upto_hlc: i64,
    pub upto_tombstone: i64,
}

impl Store {
    /// Hands over what the next push sends: the tombstones not sent yet, then every record
    /// this book changed after its last push (all of them on the first), accounts first,
    /// their plans, and, from a manager's book (`team_settings`), the team's settings.
    pub fn outbox_each(
        &self,
        team_settings: bool,
        mut send: impl FnMut(Outgoing) -> Result<()>,
    ) -> Result<OutboxMarks> {
        let tx = self.conn().unchecked_transaction()?;
        let me = read_self(&tx)?;
        let mut marks = OutboxMarks {
            upto_hlc: me.pushed_hlc,
            upto_tombstone: me.pushed_tombstone,
            ..Default::default()
        };
        let tombstones: Vec<Tombstone> = tx
            .prepare(
                "SELECT id, entity, uid, account_uid FROM sync_tombstones WHERE id > ?1 ORDER BY id",
            )?
            .query_map([me.pushed_tombstone], |r| {
                Ok(Tombstone {
                    id: r.get(0)?,
                    entity: r.get(1)?,
                    uid: r.get(2)?,
                    account_uid: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(t) = tombstones.last() {
            marks.upto_tombstone = t.id;
        }
        marks.tombstones = tombstones.len();
        send(Outgoing::Tombstones(tombstones))?;
        let newest: Option<i64> = tx.query_row(
            "SELECT max(hlc) FROM history WHERE origin IS NULL",
            [],
            |r| r.get(0),
        )?;
        marks.upto_hlc = marks.upto_hlc.max(newest.unwrap_or(0)).max(1);
        let mut each = |r: RecordState| {
            marks.records += 1;
            send(Outgoing::Record(r))
        };
        // The book's own records (the catalogue) after the accounts' (server step 7: a
        // manager's are the team's; a rep's are refused, told, and replaced by the team's).
        for kind in RecordKind::ALL.into_iter().chain(RecordKind::BOOK) {
            let cols = table_columns(&tx, kind.table())?;
            if me.pushed_hlc == 0 {
                whole_table(&tx, kind, &cols, &me.replica, &mut each)?;
                continue;
            }
            let ids: Vec<i64> = tx
                .prepare_cached(
                    "SELECT DISTINCT row_id FROM history
                     WHERE origin IS NULL AND hlc > ?1 AND entity = ?2",
                )?
                .query_map(params![me.pushed_hlc, kind.table()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                if let Some(state) = record_state(&tx, kind, id, &cols, &me.replica)? {
                    each(state)?;
                }
            }
        }
        // Plans after the accounts they belong to (sync_plans.rs).
        for account_id in plans_to_send(&tx, me.pushed_hlc)? {
            if let Some(state) = plan_state(&tx, account_id, &me.replica)? {
                each(state)?;
            }
        }
        // Every push of a manager's: one small record, skipped by the server when unchanged.
        if team_settings {
            if let Some(state) = settings_state(&tx, &me.replica)? {
                each(state)?;
            }
        }
        Ok(marks)
    }
}

/// Every record of one table with its clocks: the table in row order beside its history in
/// row order (the index `history_row`), merged as they go.
fn whole_table(
    conn: &Connection,
    kind: RecordKind,
    cols: &[String],
    me: &str,
    send: &mut impl FnMut(RecordState) -> Result<()>,
) -> Result<()> {
    let t = kind.table();
    let select: Vec<String> = cols.iter().map(|c| format!("t.{c}")).collect();
    let sql = if kind == RecordKind::Account {
        format!(
            "SELECT {}, t.uid FROM {t} t ORDER BY t.id",
            select.join(", ")
        )
    } else if !kind.is_owned() {
        format!(
            "SELECT {}, '{}' FROM {t} t ORDER BY t.id",
            select.join(", "),
            super::sync_wire::CATALOGUE
        )
    } else {
        format!(
            "SELECT {}, a.uid FROM {t} t LEFT JOIN accounts a ON a.id = t.account_id ORDER BY t.id",
            select.join(", ")
        )
    };
    let mut records = conn.prepare(&sql)?;
    let mut rows = records.query([])?;
    let mut history = conn.prepare(&format!(
        "SELECT row_id, op, field, coalesce(hlc, 0), origin, {} FROM history
          WHERE entity = ?1 ORDER BY row_id, id",
        super::sync_items::VALUES_OF_ITEM_COLUMNS
    ))?;
    let mut changes = history.query([t])?;
    let mut pending: Option<(i64, Change)> = None;
    let id_at = cols.iter().position(|c| c == "id");
    while let Some(r) = rows.next()? {
        let id: i64 = match id_at {
            Some(i) => r.get(i)?,
            None => continue,
        };
        // This record's history rows: those before it belong to records no longer here.
        let mut mine = vec![];
        loop {
            if pending.is_none() {
                pending = match changes.next()? {
                    Some(h) => Some((
                        h.get(0)?,
                        Change {
                            op: h.get(1)?,
                            field: h.get(2)?,
                            hlc: h.get(3)?,
                            origin: h.get(4)?,
                            old: h.get(5)?,
                            new: h.get(6)?,
                        },
                    )),
                    None => None,
                };
            }
            match &pending {
                Some((row, _)) if *row < id => pending = None,
                Some((row, _)) if *row == id => mine.push(pending.take().unwrap().1),
                _ => break,
            }
        }
        let account_uid: Option<String> = r.get(cols.len())?;
        let mut values = Map::new();
        let mut uid = None;
        for (i, c) in cols.iter().enumerate() {
            if c == "uid" {
                uid = r.get::<_, Option<String>>(i)?;
            } else if travels(c) {
                values.insert(c.clone(), json_of(r.get_ref(i)?));
            }
        }
        // A record without a global id, or of an account without one, is not sent (as
        // `record_state`).
        let (Some(uid), Some(account_uid)) = (uid, account_uid) else {
            continue;
        };
        if kind.is_owned() {
            values.insert("account_id".into(), Value::String(account_uid.clone()));
        }
        super::sync_sensitive::for_the_team(kind, &mut values);
        let mut clocks = super::sync_items::with_items(kind, &mut values, &mine, me);
        clocks.extend(clocks_of(mine, cols, me));
        send(RecordState {
            entity: t.to_string(),
            uid,
            account_uid,
            values,
            clocks: clock_map(clocks),
        })?;
    }
    Ok(())
}
