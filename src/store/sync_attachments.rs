//! Attachments as the team sync carries them (issue 22; the network side in
//! sync/attachments.rs): which files this book has to send (a flag per file, set again when
//! it goes to the trash or comes back), their bytes one chunk at a time, and a file pulled
//! from the server put in place — on the account, person and visit it belongs to, in the
//! pull's own transaction, or not at all when this laptop does not hold that account.

use super::records::Writer;
use super::Store;
use crate::domain::attachment;
use crate::domain::RecordKind;
use anyhow::Result;
use rusqlite::{params, OptionalExtension};

/// A file's listing as it travels: global ids instead of this book's row numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TravellingAttachment {
    /// This book's row (0 for one pulled).
    pub id: i64,
    pub uid: String,
    pub account_uid: String,
    pub contact_uid: Option<String>,
    pub visit_uid: Option<String>,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub added_at: String,
    pub added_by: String,
    pub deleted_at: Option<String>,
}

/// A file pulled: its listing and, when this laptop does not have it yet, its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulledAttachment {
    pub listing: TravellingAttachment,
    pub bytes: Option<Vec<u8>>,
}

/// The schema of the sync's flag: 0 until the server has the file as this book has it.
pub(super) const SCHEMA: &str =
    "ALTER TABLE attachments ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;";

impl Store {
    /// The files this book changed since they were last sent (none before it joined a team).
    pub fn attachments_to_push(&self) -> Result<Vec<TravellingAttachment>> {
        let mut stmt = self.conn().prepare(
            "SELECT t.id, t.uid, a.uid, c.uid, v.uid, t.name, t.mime, t.size, t.added_at,
                    t.added_by, t.deleted_at
               FROM attachments t JOIN accounts a ON a.id = t.account_id
               LEFT JOIN contacts c ON c.id = t.contact_id
               LEFT JOIN visit_reports v ON v.id = t.visit_id
              WHERE t.synced = 0 AND a.uid IS NOT NULL ORDER BY t.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TravellingAttachment {
                id: r.get(0)?,
                uid: r.get(1)?,
                account_uid: r.get(2)?,
                contact_uid: r.get(3)?,
                visit_uid: r.get(4)?,
                name: r.get(5)?,
                mime: r.get(6)?,
                size: r.get(7)?,
                added_at: r.get(8)?,
                added_by: r.get(9)?,
                deleted_at: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether this book holds the file with global id `uid` (in the trash or not).
    pub fn has_attachment(&self, uid: &str) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM attachments WHERE uid = ?1",
                [uid],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Chunk `n` (from 0) of a file's bytes, `size` bytes at most: SQLite reads only that
    /// part of the blob.
    pub fn attachment_chunk(&self, id: i64, n: usize, size: usize) -> Result<Vec<u8>> {
        Ok(self.conn().query_row(
            "SELECT substr(bytes, ?2, ?3) FROM attachments WHERE id = ?1",
            params![id, (n * size + 1) as i64, size as i64],
            |r| r.get(0),
        )?)
    }

    /// The files the server committed, as they were sent: one moved to or from the trash
    /// since keeps its flag and goes with the next sync.
    pub fn mark_attachments_pushed(&mut self, sent: &[(i64, Option<String>)]) -> Result<()> {
        if sent.is_empty() {
            return Ok(());
        }
        self.write(|w| {
            let mut stmt = w
                .tx()
                .prepare("UPDATE attachments SET synced = 1 WHERE id = ?1 AND deleted_at IS ?2")?;
            for (id, deleted_at) in sent {
                stmt.execute(params![id, deleted_at])?;
            }
            Ok(())
        })
    }
}

impl Writer<'_> {
    /// A file pulled put in place: a new one stored (on its account, person and visit as
    /// this book numbers them), one held already moved to or from the trash. One of an
    /// account this laptop does not hold is left out. Whether anything changed.
    pub(crate) fn apply_attachment(&mut self, p: &PulledAttachment) -> Result<bool> {
        let l = &p.listing;
        let local = |w: &Writer, kind: RecordKind, uid: &Option<String>| -> Result<Option<i64>> {
            match uid {
                Some(u) => w.local_id(kind, u),
                None => Ok(None),
            }
        };
        let Some(account) = self.local_id(RecordKind::Account, &l.account_uid)? else {
            return Ok(false);
        };
        let held: Option<(i64, Option<String>)> = self
            .tx()
            .query_row(
                "SELECT id, deleted_at FROM attachments WHERE uid = ?1",
                [&l.uid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((id, deleted_at)) = held {
            if deleted_at == l.deleted_at {
                return Ok(false);
            }
            self.tx().execute(
                "UPDATE attachments SET deleted_at = ?2, synced = 1 WHERE id = ?1",
                params![id, l.deleted_at],
            )?;
            let op = if l.deleted_at.is_some() {
                "delete"
            } else {
                "restore"
            };
            super::attachment_trash::history(self, account, id, op, &l.name)?;
            return Ok(true);
        }
        let Some(bytes) = &p.bytes else {
            return Ok(false);
        };
        if bytes.len() as u64 > attachment::MAX_BYTES || bytes.len() as i64 != l.size {
            return Ok(false);
        }
        let contact = local(self, RecordKind::Contact, &l.contact_uid)?;
        let visit = local(self, RecordKind::VisitReport, &l.visit_uid)?;
        self.tx().execute(
            "INSERT INTO attachments (uid, account_id, visit_id, contact_id, name, mime, size,
                                      added_at, added_by, bytes, deleted_at, synced)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1)",
            params![
                l.uid,
                account,
                visit,
                contact,
                attachment::clean_name(&l.name),
                l.mime,
                l.size,
                l.added_at,
                l.added_by,
                bytes,
                l.deleted_at
            ],
        )?;
        let id = self.tx().last_insert_rowid();
        super::attachment_trash::history(self, account, id, "insert", &l.name)?;
        Ok(true)
    }
}
