//! Merging a duplicate account into the one kept: every contact, deal, visit and other
//! record moves over (each move in the history), empty fields of the kept account are filled
//! from the other, and the other goes to the trash. Restoring it from the trash moves its
//! records back, so a merge can be undone.

use super::records::Writer;
use super::rows::{from_map, get_map, is_deleted};
use crate::domain::record::RecordKind;
use crate::domain::Account;
use crate::i18n::Said;
use anyhow::{bail, Result};
use rusqlite::params;
use serde_json::Value;

/// What a merge moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Merged {
    pub records_moved: usize,
    pub fields_filled: usize,
}

impl Writer<'_> {
    fn move_record(&self, kind: RecordKind, id: i64, from: i64, to: i64) -> Result<()> {
        self.tx().execute(
            &format!("UPDATE {} SET account_id = ?1 WHERE id = ?2", kind.table()),
            params![to, id],
        )?;
        self.history_change(
            to,
            kind,
            id,
            "account_id",
            Some(from.to_string()),
            Some(to.to_string()),
        )
    }

    pub fn merge_accounts(&mut self, keep: i64, drop: i64) -> Result<Merged> {
        if keep == drop {
            bail!(Said::new("store-merge-itself"));
        }
        for id in [keep, drop] {
            match is_deleted(self.tx(), RecordKind::Account, id)? {
                None => bail!(Said::new("store-no-account-id").with("id", id)),
                Some(true) => bail!(Said::new("store-merge-trashed").with("id", id)),
                Some(false) => {}
            }
        }
        let mut merged = Merged::default();
        for kind in RecordKind::ALL
            .into_iter()
            .filter(|k| *k != RecordKind::Account)
        {
            let ids: Vec<i64> = self
                .tx()
                .prepare(&format!(
                    "SELECT id FROM {} WHERE account_id = ?1 ORDER BY id",
                    kind.table()
                ))?
                .query_map([drop], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                self.move_record(kind, id, drop, keep)?;
                merged.records_moved += 1;
            }
        }
        // Attachments follow the kept account (they are not records with a history).
        self.tx().execute(
            "UPDATE attachments SET account_id = ?1 WHERE account_id = ?2",
            params![keep, drop],
        )?;
        // Fill what the kept account does not know from the other.
        let (Some(kept), Some(other)) = (
            get_map(self.tx(), RecordKind::Account, keep)?,
            get_map(self.tx(), RecordKind::Account, drop)?,
        ) else {
            bail!(Said::new("store-merge-gone"));
        };
        let mut filled = kept.clone();
        for (k, v) in &other {
            let skip = matches!(
                k.as_str(),
                "id" | "code" | "name" | "created_at" | "updated_at" | "created_by" | "deleted_at"
            );
            if !skip && !v.is_null() && kept.get(k).is_none_or(Value::is_null) {
                filled.insert(k.clone(), v.clone());
                merged.fields_filled += 1;
            }
        }
        if merged.fields_filled > 0 {
            let mut account: Account = from_map(filled)?;
            self.update(&mut account)?;
        }
        self.history_change(
            drop,
            RecordKind::Account,
            drop,
            "merged_into",
            None,
            Some(keep.to_string()),
        )?;
        self.delete(RecordKind::Account, drop)?;
        Ok(merged)
    }

    /// After an account comes back from the trash: the records a merge moved away from it,
    /// and that still sit where they were moved, return.
    pub(crate) fn undo_merges_of(&mut self, account: i64) -> Result<usize> {
        let moved: Vec<(String, i64, i64)> = self
            .tx()
            .prepare(
                "SELECT entity, row_id, CAST(new_value AS INTEGER) FROM history
                 WHERE field = 'account_id' AND old_value = ?1 ORDER BY id",
            )?
            .query_map([account.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut back = 0;
        for (entity, row_id, to) in moved {
            let Some(kind) = RecordKind::ALL.into_iter().find(|k| k.table() == entity) else {
                continue;
            };
            let now: Option<i64> = self
                .tx()
                .query_row(
                    &format!("SELECT account_id FROM {} WHERE id = ?1", kind.table()),
                    [row_id],
                    |r| r.get(0),
                )
                .ok();
            if now == Some(to) {
                self.move_record(kind, row_id, to, account)?;
                back += 1;
            }
        }
        Ok(back)
    }
}
