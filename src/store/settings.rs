//! Settings kept in the book itself, so that every screen and report of the same file agrees
//! (the grading bands and preset, the evaluation weights): one row per key, its value as
//! text the caller parses. A change writes a history row, like any other edit.

use super::Store;
use anyhow::Result;
use rusqlite::{params, OptionalExtension};

/// The entity history rows name for a setting (`row_id` 0: settings have no rows of their own).
pub const SETTINGS_ENTITY: &str = "settings";

impl Store {
    /// The stored value of a setting; none when it was never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Stores a setting, with one history row (old and new value) in the same transaction;
    /// nothing is written when the value is unchanged.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.set_settings(&[(key, value)])
    }

    /// Stores several settings in one transaction, a history row for each that changes.
    pub fn set_settings(&mut self, values: &[(&str, &str)]) -> Result<()> {
        let mut changed = vec![];
        for &(key, value) in values {
            let old = self.setting(key)?;
            if old.as_deref() != Some(value) {
                changed.push((key, old, value));
            }
        }
        if changed.is_empty() {
            return Ok(());
        }
        self.write(|w| {
            let tx = w.tx();
            for (key, old, value) in &changed {
                tx.execute(
                    "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?3",
                    params![key, value, w.now],
                )?;
                tx.execute(
                    "INSERT INTO history (at, actor, account_id, entity, row_id, op, field,
                                          old_value, new_value)
                     VALUES (?1, ?2, NULL, ?3, 0, 'update', ?4, ?5, ?6)",
                    params![w.now, w.actor, SETTINGS_ENTITY, key, old, value],
                )?;
            }
            Ok(())
        })
    }
}
