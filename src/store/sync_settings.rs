//! The team's settings (issue 20): the grading rule and the evaluation weights (every setting
//! whose key starts `analytics.`), the visit cadence per grade (`visits.cadence`) and the
//! custom fields (`fields.custom`, issue 22) are the team's, set on a manager's laptop, so
//! that an account has the same grade and the same fields on every laptop of the team. A
//! manager's sync sends them (one record, `team-settings`, merged per key by the newer clock
//! like any record); every other laptop takes the team's at each sync, whatever it changed
//! itself in between (a rep may try other bands on their own laptop until then). The
//! person's own profile (name, title) stays in each book.

use super::settings::SETTINGS_ENTITY;
use super::sync_log::parse_clock;
use super::sync_wire::{clock_map, Applied, RecordState};
use super::Writer;
use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The settings' one record on the server.
pub const UID: &str = "team-settings";
/// Its entity and its "account" (it belongs to none: the whole team reads it).
pub use super::sync_wire::SETTINGS as ENTITY;
pub const TEAM: &str = "team";
/// The keys that are the team's: those starting with `PREFIX`, and `CADENCE`.
const PREFIX: &str = "analytics.";
const CADENCE: &str = "visits.cadence";

/// The team's custom fields (store/custom_fields.rs): every laptop shows the same ones.
const CUSTOM_FIELDS: &str = super::custom_fields::SETTING;

fn is_team_key(key: &str) -> bool {
    key.starts_with(PREFIX) || key == CADENCE || key == CUSTOM_FIELDS
}

/// The clock of each team setting, from its history (rows written here name `me`).
fn setting_clocks(conn: &Connection, me: &str) -> Result<HashMap<String, (i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT field, coalesce(hlc, 0), origin FROM history
          WHERE entity = ?1
            AND (field LIKE 'analytics.%' OR field IN ('visits.cadence', 'fields.custom'))",
    )?;
    let rows = stmt.query_map([SETTINGS_ENTITY], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out: HashMap<String, (i64, String)> = HashMap::new();
    for row in rows {
        let (key, hlc, origin) = row?;
        let clock = (hlc, origin.unwrap_or_else(|| me.to_string()));
        let e = out.entry(key).or_insert_with(|| clock.clone());
        if clock > *e {
            *e = clock;
        }
    }
    Ok(out)
}

/// The team settings as a manager's push sends them; none when this book has none.
pub(crate) fn settings_state(conn: &Connection, me: &str) -> Result<Option<RecordState>> {
    let mut values = Map::new();
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM settings
              WHERE key LIKE 'analytics.%' OR key IN ('visits.cadence', 'fields.custom')",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (k, v) = row?;
        values.insert(k, Value::String(v));
    }
    if values.is_empty() {
        return Ok(None);
    }
    let mut clocks = setting_clocks(conn, me)?;
    clocks.retain(|k, _| values.contains_key(k));
    for k in values.keys() {
        clocks.entry(k.clone()).or_insert((0, me.to_string()));
    }
    Ok(Some(RecordState {
        entity: ENTITY.to_string(),
        uid: UID.to_string(),
        account_uid: TEAM.to_string(),
        values,
        clocks: clock_map(clocks),
    }))
}

impl Writer<'_> {
    /// The team's settings pulled: on a manager's laptop each key whose clock is newer than
    /// this book's (another manager changed it later); on a rep's, every key that differs.
    pub(crate) fn apply_settings(
        &mut self,
        rec: &RecordState,
        me: &str,
        manager: bool,
        reps: &HashMap<String, String>,
        done: &mut Applied,
    ) -> Result<()> {
        let local = setting_clocks(self.tx(), me)?;
        let mut changed = 0;
        for (key, value) in &rec.values {
            let (Some(value), true) = (value.as_str(), is_team_key(key)) else {
                continue;
            };
            let Some(clock) = rec.clocks.get(key).and_then(Value::as_str) else {
                continue;
            };
            let old: Option<String> = self
                .tx()
                .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?;
            if old.as_deref() == Some(value) {
                continue;
            }
            let (hlc, replica) = parse_clock(clock).unwrap_or((0, ""));
            let mine = local.get(key).cloned().unwrap_or((0, String::new()));
            if manager && (hlc, replica) <= (mine.0, mine.1.as_str()) {
                continue;
            }
            self.tx().execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?3",
                params![key, value, self.now],
            )?;
            self.remote_history_of(
                0,
                SETTINGS_ENTITY,
                0,
                "update",
                Some(key),
                old,
                Some(value.to_string()),
                clock,
                reps,
            )?;
            changed += 1;
        }
        if changed > 0 {
            done.records_changed += 1;
            done.fields += changed;
        }
        Ok(())
    }
}
