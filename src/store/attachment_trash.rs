//! Attachments to the trash and back, with their history (issue 22). An attachment is no
//! field-list record (its bytes must never reach the history, the note index or a CSV cell),
//! so it has these few steps of its own instead of the records' writer: a `deleted_at` like
//! every record's, history rows that name the file (never its bytes), and a place in the
//! trash beside the records.

use super::{Store, TrashItem};
use crate::domain::RecordKind;
use crate::i18n::Said;
use anyhow::{bail, Result};
use rusqlite::{params, OptionalExtension};

/// The history's and the trash's name for attachments.
pub const ENTITY: &str = "attachments";

/// The schema step: a deleted attachment stays in the book until the trash is emptied or
/// its account or person is forgotten.
pub(super) fn schema() -> String {
    "ALTER TABLE attachments ADD COLUMN deleted_at TEXT;
     INSERT INTO history (at, actor, account_id, entity, row_id, op, new_value)
       SELECT added_at, added_by, account_id, 'attachments', id, 'insert', name
         FROM attachments;"
        .to_string()
}

/// One history row of an attachment: what was done to which file, by whom, when.
pub(super) fn history(
    w: &super::records::Writer,
    account_id: i64,
    id: i64,
    op: &str,
    name: &str,
) -> Result<()> {
    let (old, new) = match op {
        "delete" => (Some(name), None),
        _ => (None, Some(name)),
    };
    w.tx().execute(
        "INSERT INTO history (at, actor, account_id, entity, row_id, op, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![w.now(), w.actor, account_id, ENTITY, id, op, old, new],
    )?;
    Ok(())
}

impl TrashItem {
    /// An attachment in the trash (restored by [`Store::restore_attachment`]).
    pub fn is_attachment(&self) -> bool {
        self.entity == ENTITY
    }
}

impl Store {
    /// Moves an attachment to the trash; its bytes stay until the trash is emptied.
    pub fn delete_attachment(&mut self, id: i64) -> Result<()> {
        self.set_attachment_deleted(id, true)
    }

    /// Brings an attachment back from the trash (refused while its account is there).
    pub fn restore_attachment(&mut self, id: i64) -> Result<()> {
        self.set_attachment_deleted(id, false)
    }

    fn set_attachment_deleted(&mut self, id: i64, deleted: bool) -> Result<()> {
        self.write(|w| {
            let row: Option<(i64, String, Option<String>, Option<String>)> = w
                .tx()
                .query_row(
                    "SELECT t.account_id, t.name, t.deleted_at, a.deleted_at
                       FROM attachments t JOIN accounts a ON a.id = t.account_id
                      WHERE t.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((account_id, name, was, account_gone)) = row else {
                bail!(Said::new("attachment-none").with("id", id));
            };
            if was.is_some() == deleted {
                bail!(Said::new(if deleted {
                    "store-already-in-trash"
                } else {
                    "store-not-in-trash"
                }));
            }
            if !deleted && account_gone.is_some() {
                bail!(Said::new("store-its-account-in-trash"));
            }
            let stamp = deleted.then(|| w.now().to_string());
            w.tx().execute(
                "UPDATE attachments SET deleted_at = ?1, synced = 0 WHERE id = ?2",
                params![stamp, id],
            )?;
            history(
                w,
                account_id,
                id,
                if deleted { "delete" } else { "restore" },
                &name,
            )
        })
    }

    /// The attachments in the trash, as the trash screen lists them (titled by the file's
    /// name). Kept out of [`Store::trash`], whose items a caller restores by their kind.
    pub fn attachments_in_trash(&self) -> Result<Vec<TrashItem>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, account_id, name, deleted_at FROM attachments
              WHERE deleted_at IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TrashItem {
                // No field-list kind: `is_attachment` tells the trash screen to restore it
                // with `restore_attachment`, never `restore(kind, id)`.
                kind: RecordKind::Account,
                entity: ENTITY,
                id: r.get(0)?,
                account_id: r.get(1)?,
                title: r.get(2)?,
                deleted_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
