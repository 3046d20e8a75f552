//! Attachments kept inside the book (issue 22): the bytes as a BLOB in the book's own file,
//! so the file stays the whole book — encrypted with it, copied by its backups, and erased by
//! `forget` (the rows go with their account, visit or person by the foreign keys; secure
//! delete and forget's checkpoint take the freed pages' bytes out of the file).
//!
//! They do not travel to the team's server yet: sync carries a record as a history row of
//! text values per field, and a 20 MB blob in one row of the outbox would be sent again with
//! every retry and held whole in memory on both sides. A chunked transfer is for later; until
//! then an attachment stays on the laptop it was added on (its `uid` is there for that day).
//! Nor do they write history rows: the history holds values, and the bytes must not be copied
//! there.

use super::Store;
use crate::domain::attachment::{self, Attachment};
use crate::i18n::Said;
use anyhow::{bail, Result};
use rusqlite::{params, OptionalExtension, Row};

/// The schema step: one table, the bytes beside what is listed.
pub(super) fn schema() -> String {
    "CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        visit_id INTEGER REFERENCES visit_reports(id) ON DELETE CASCADE,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        bytes BLOB NOT NULL
    );
    CREATE INDEX attachments_account ON attachments(account_id);
    CREATE INDEX attachments_visit ON attachments(visit_id);
    CREATE INDEX attachments_contact ON attachments(contact_id);"
        .to_string()
}

/// Where an attachment belongs: an account, and maybe one of its visits or people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttachTo {
    pub account_id: i64,
    pub visit_id: Option<i64>,
    pub contact_id: Option<i64>,
}

const LISTED: &str = "id, uid, account_id, visit_id, contact_id, name, mime, size, added_at";

fn listed(r: &Row) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        uid: r.get(1)?,
        account_id: r.get(2)?,
        visit_id: r.get(3)?,
        contact_id: r.get(4)?,
        name: r.get(5)?,
        mime: r.get(6)?,
        size: r.get(7)?,
        added_at: r.get(8)?,
    })
}

impl Store {
    /// Keeps a file's bytes in the book. Refused in one sentence, nothing stored, when it is
    /// larger than [`attachment::MAX_BYTES`] or the visit or person is not the account's.
    pub fn attach(&mut self, to: AttachTo, name: &str, bytes: &[u8]) -> Result<Attachment> {
        let id = self.write(|w| w.insert_attachment(to, name, bytes))?;
        self.attachment(id)?
            .ok_or_else(|| anyhow::anyhow!("attachment {id} vanished"))
    }

    /// One attachment's listing.
    pub fn attachment(&self, id: i64) -> Result<Option<Attachment>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {LISTED} FROM attachments WHERE id = ?1"),
                [id],
                listed,
            )
            .optional()?)
    }

    /// An account's attachments, oldest first (its visits' and people's among them); those
    /// in the trash are not.
    pub fn attachments(&self, account_id: i64) -> Result<Vec<Attachment>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {LISTED} FROM attachments WHERE account_id = ?1 AND deleted_at IS NULL
                 ORDER BY id"
            ))?
            .query_map([account_id], listed)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Every attachment of the book not in the trash, for exports.
    pub fn all_attachments(&self) -> Result<Vec<Attachment>> {
        Ok(self
            .conn()
            .prepare(&format!(
                "SELECT {LISTED} FROM attachments WHERE deleted_at IS NULL ORDER BY id"
            ))?
            .query_map([], listed)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// An attachment's bytes.
    pub fn attachment_bytes(&self, id: i64) -> Result<Vec<u8>> {
        self.conn()
            .query_row("SELECT bytes FROM attachments WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Said::new("attachment-none").with("id", id).into())
    }
}

impl Store {
    /// The attachments of live accounts (or of the account with exactly `code`), each with
    /// its account's code, by id: what a JSON export with its attachments carries.
    pub fn attachments_for_export(&self, code: Option<&str>) -> Result<Vec<(String, Attachment)>> {
        let cols = LISTED
            .split(", ")
            .map(|c| format!("t.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.code, {cols} FROM attachments t JOIN accounts a ON a.id = t.account_id
             WHERE a.deleted_at IS NULL AND t.deleted_at IS NULL AND (?1 IS NULL OR a.code = ?1)
             ORDER BY t.id"
        ))?;
        let rows = stmt.query_map([code], |r| {
            let code: String = r.get(0)?;
            let a = Attachment {
                id: r.get(1)?,
                uid: r.get(2)?,
                account_id: r.get(3)?,
                visit_id: r.get(4)?,
                contact_id: r.get(5)?,
                name: r.get(6)?,
                mime: r.get(7)?,
                size: r.get(8)?,
                added_at: r.get(9)?,
            };
            Ok((code, a))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl super::records::Writer<'_> {
    /// [`Store::attach`] inside a transaction under way (the demo's): the new id.
    pub fn insert_attachment(&mut self, to: AttachTo, name: &str, bytes: &[u8]) -> Result<i64> {
        let name = attachment::clean_name(name);
        if bytes.len() as u64 > attachment::MAX_BYTES {
            bail!(Said::new("attachment-too-big")
                .with("name", name.as_str())
                .with("mb", (attachment::MAX_BYTES / (1024 * 1024)) as i64));
        }
        let mime = attachment::guess_mime(&name, bytes);
        let uid = super::sync_log::new_uid();
        {
            let w = &*self;
            let tx = w.tx();
            let live = |table: &str, id: i64| -> Result<bool> {
                Ok(tx
                    .query_row(
                        &format!(
                            "SELECT 1 FROM {table} WHERE id = ?1 AND account_id = ?2
                             AND deleted_at IS NULL"
                        ),
                        params![id, to.account_id],
                        |_| Ok(()),
                    )
                    .optional()?
                    .is_some())
            };
            let account: Option<()> = tx
                .query_row(
                    "SELECT 1 FROM accounts WHERE id = ?1 AND deleted_at IS NULL",
                    [to.account_id],
                    |_| Ok(()),
                )
                .optional()?;
            if account.is_none() {
                bail!(Said::new("store-no-account-id").with("id", to.account_id));
            }
            if let Some(v) = to.visit_id {
                if !live("visit_reports", v)? {
                    bail!(Said::new("attachment-no-visit").with("id", v));
                }
            }
            if let Some(c) = to.contact_id {
                if !live("contacts", c)? {
                    bail!(Said::new("attachment-no-contact").with("id", c));
                }
            }
            tx.execute(
                "INSERT INTO attachments
                   (uid, account_id, visit_id, contact_id, name, mime, size, added_at,
                    added_by, bytes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    uid,
                    to.account_id,
                    to.visit_id,
                    to.contact_id,
                    name,
                    mime,
                    bytes.len() as i64,
                    w.now(),
                    w.actor,
                    bytes
                ],
            )?;
            let id = tx.last_insert_rowid();
            super::attachment_trash::history(w, to.account_id, id, "insert", &name)?;
            Ok(id)
        }
    }
}

impl super::records::Writer<'_> {
    /// Puts an exported attachment back as it was (id, uid, date), on `account_id`: for
    /// restoring a JSON export into an empty book. The limit holds here too.
    pub fn restore_attachment(
        &mut self,
        account_id: i64,
        a: &Attachment,
        bytes: &[u8],
    ) -> Result<()> {
        if bytes.len() as u64 > attachment::MAX_BYTES {
            bail!(Said::new("attachment-too-big")
                .with("name", a.name.as_str())
                .with("mb", (attachment::MAX_BYTES / (1024 * 1024)) as i64));
        }
        let name = attachment::clean_name(&a.name);
        self.tx().execute(
            "INSERT INTO attachments
               (id, uid, account_id, visit_id, contact_id, name, mime, size, added_at,
                added_by, bytes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                a.id,
                a.uid,
                account_id,
                a.visit_id,
                a.contact_id,
                name,
                attachment::guess_mime(&name, bytes),
                bytes.len() as i64,
                a.added_at,
                self.actor,
                bytes
            ],
        )?;
        Ok(())
    }
}
