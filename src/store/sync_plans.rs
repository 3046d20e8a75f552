//! Account plans travel with their account (issue 20): a plan (target, reason, measures, the
//! two managers' advice) is
//! the account's, so whoever may see the account sees its plan, a reassignment takes it
//! along and a forget erases it. On the wire it is one more record, entity `account_plans`,
//! whose global id is its account's with `:plan` (one plan per account, the same id on every
//! laptop), merged per field by the newer clock like any record. A plan emptied here travels
//! as its fields set to nothing, and is removed wherever it lands.

use super::sync_log::{parse_clock, uid_of};
use super::sync_wire::{clock_map, json_of, Applied, Context, RecordState};
use super::Writer;
use crate::domain::record::RecordKind;
use anyhow::Result;
use rusqlite::types::Value as Sql;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};
use std::collections::HashMap;

use super::plan_row::PLAN_FIELDS as FIELDS;
pub use super::sync_wire::PLANS as ENTITY;

/// The plan's columns after its account, as team sync reads and writes them.
const COLUMNS: &str = "target, reason, measures, service_manager_advice, general_manager_advice";

/// The clock of each field of an account's plan, from its history (rows written here name
/// `me`; none: never set).
fn plan_clocks(
    conn: &Connection,
    account_id: i64,
    me: &str,
) -> Result<HashMap<String, (i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT field, coalesce(hlc, 0), origin FROM history
          WHERE entity = 'account_plans' AND row_id = ?1 AND field IS NOT NULL",
    )?;
    let mut out: HashMap<String, (i64, String)> = HashMap::new();
    let rows = stmt.query_map([account_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (field, hlc, origin) = row?;
        let clock = (hlc, origin.unwrap_or_else(|| me.to_string()));
        let e = out.entry(field).or_insert_with(|| clock.clone());
        if clock > *e {
            *e = clock;
        }
    }
    Ok(out)
}

/// The plan of one account as it travels; none when the account has no global id.
pub(crate) fn plan_state(
    conn: &Connection,
    account_id: i64,
    me: &str,
) -> Result<Option<RecordState>> {
    let Some(account_uid) = uid_of(conn, RecordKind::Account, account_id)? else {
        return Ok(None);
    };
    let row: Option<Map<String, Value>> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM account_plans WHERE account_id = ?1"
        ))?
        .query_row([account_id], |r| {
            let mut m = Map::new();
            for (i, f) in FIELDS.iter().enumerate() {
                m.insert(f.to_string(), json_of(r.get_ref(i)?));
            }
            Ok(m)
        })
        .optional()?;
    let mut values = row.unwrap_or_else(|| {
        FIELDS
            .iter()
            .map(|f| (f.to_string(), Value::Null))
            .collect()
    });
    values.insert("account_id".into(), Value::String(account_uid.clone()));
    let mut clocks = plan_clocks(conn, account_id, me)?;
    for f in FIELDS {
        clocks.entry(f.to_string()).or_insert((0, me.to_string()));
    }
    Ok(Some(RecordState {
        entity: ENTITY.to_string(),
        uid: format!("{account_uid}:plan"),
        account_uid,
        values,
        clocks: clock_map(clocks),
    }))
}

/// The accounts whose plan the next push sends: every plan on a first push, else those
/// changed here after the push cursor.
pub(crate) fn plans_to_send(conn: &Connection, pushed_hlc: i64) -> Result<Vec<i64>> {
    let sql = if pushed_hlc == 0 {
        "SELECT account_id FROM account_plans WHERE ?1 = 0 ORDER BY account_id"
    } else {
        "SELECT DISTINCT row_id FROM history
          WHERE origin IS NULL AND hlc > ?1 AND entity = 'account_plans'"
    };
    let ids = conn
        .prepare(sql)?
        .query_map([pushed_hlc], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

impl Writer<'_> {
    /// A plan pulled from the team: each field whose clock is newer than this book's is
    /// taken, with a history row naming the rep whose laptop changed it.
    pub(crate) fn apply_plan(
        &mut self,
        rec: &RecordState,
        cx: &Context,
        done: &mut Applied,
    ) -> Result<()> {
        if self.is_tombstoned(&rec.account_uid)? {
            return Ok(());
        }
        let Some(account_id) = self.local_id(RecordKind::Account, &rec.account_uid)? else {
            return Ok(());
        };
        let local = plan_clocks(self.tx(), account_id, cx.me)?;
        let old: [Sql; FIELDS.len()] = self
            .tx()
            .query_row(
                &format!("SELECT {COLUMNS} FROM account_plans WHERE account_id = ?1"),
                [account_id],
                |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]),
            )
            .optional()?
            .unwrap_or([Sql::Null, Sql::Null, Sql::Null, Sql::Null, Sql::Null]);
        let mut new = old.clone();
        let mut changed = vec![];
        for (i, f) in FIELDS.iter().enumerate() {
            let Some(c) = rec.clocks.get(*f).and_then(Value::as_str) else {
                continue;
            };
            let Some((hlc, replica)) = parse_clock(c) else {
                continue;
            };
            let mine = local.get(*f).cloned().unwrap_or((0, String::new()));
            if (hlc, replica) <= (mine.0, mine.1.as_str()) {
                continue;
            }
            if mine.1 == cx.me && mine.0 > cx.pushed_hlc {
                done.conflicts += 1;
            }
            new[i] = match rec.values.get(*f) {
                Some(Value::Number(n)) => n.as_i64().map_or(Sql::Null, Sql::Integer),
                Some(Value::String(s)) if !s.trim().is_empty() => Sql::Text(s.clone()),
                _ => Sql::Null,
            };
            changed.push((i, c));
        }
        if changed.is_empty() {
            return Ok(());
        }
        if new.iter().all(|v| matches!(v, Sql::Null)) {
            self.tx().execute(
                "DELETE FROM account_plans WHERE account_id = ?1",
                [account_id],
            )?;
        } else {
            self.tx().execute(
                &format!(
                    "INSERT INTO account_plans (account_id, {COLUMNS}, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT(account_id) DO UPDATE SET target = ?2, reason = ?3,
                        measures = ?4, service_manager_advice = ?5,
                        general_manager_advice = ?6, updated_at = ?7"
                ),
                params![account_id, new[0], new[1], new[2], new[3], new[4], self.now],
            )?;
        }
        let text = |v: &Sql| match v {
            Sql::Integer(cents) => Some(crate::domain::Money(*cents).to_string()),
            Sql::Text(t) => Some(t.clone()),
            _ => None,
        };
        for (i, c) in changed {
            self.remote_history_of(
                account_id,
                ENTITY,
                account_id,
                "update",
                Some(FIELDS[i]),
                text(&old[i]),
                text(&new[i]),
                c,
                cx.reps,
            )?;
        }
        done.records_changed += 1;
        Ok(())
    }
}
