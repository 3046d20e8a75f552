//! Imports as a whole: each one keeps the range of history rows it wrote, so the last one can
//! be taken back at once (`kam import --undo`). Undoing puts every field the import changed
//! back as it was and moves every record it added to the trash (from where it can still be
//! restored), each with its own history row, in one transaction. An import is undone only
//! while nothing was changed after it: undoing would otherwise take later work with it.

use super::records::Writer;
use super::rows::{from_map, get_map, spec};
use super::Store;
use crate::domain::record::RecordKind;
use crate::domain::{
    Account, Communication, Competitor, Contact, Contract, Deal, Entertainment, EventAttendance,
    Feedback, Gift, Needs, Opportunity, Payment, Product, ReturnClaim, ServiceRecord, VisitPlan,
    VisitReport,
};
use anyhow::{bail, Result};
use rusqlite::{params, OptionalExtension};
use serde_json::Value;

/// What undoing reads of a history row: entity, row id, op, field, old value.
type HistoryRow = (String, i64, String, Option<String>, Option<String>);

/// One import, as kept in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: i64,
    pub at: String,
    pub file: String,
}

/// What an undo did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Undone {
    pub file: String,
    pub at: String,
    pub records_removed: usize,
    pub fields_restored: usize,
}

impl Writer<'_> {
    /// The newest history row so far: an import starts after it.
    pub fn history_mark(&self) -> Result<i64> {
        Ok(self
            .tx()
            .query_row("SELECT COALESCE(MAX(id), 0) FROM history", [], |r| r.get(0))?)
    }

    /// Keeps the import of `file` that wrote the history rows after `mark`; nothing when it
    /// changed nothing.
    pub fn record_import(&self, file: &str, mark: i64) -> Result<()> {
        let last = self.history_mark()?;
        if last > mark {
            self.tx().execute(
                "INSERT INTO imports (at, actor, file, first_history, last_history) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![self.now, self.actor, file, mark + 1, last],
            )?;
        }
        Ok(())
    }

    /// Sets one field of a stored record back to the value the history kept
    /// (text as written, other values as JSON).
    fn restore_field(
        &mut self,
        kind: RecordKind,
        id: i64,
        field: &str,
        old: Option<String>,
    ) -> Result<bool> {
        let Some(mut map) = get_map(self.tx(), kind, id)? else {
            return Ok(false);
        };
        let Some(s) = spec(kind, field) else {
            return Ok(false);
        };
        let value = match &old {
            None => Value::Null,
            Some(text) => match s.kind {
                crate::domain::record::FieldKind::Text
                | crate::domain::record::FieldKind::LongText
                | crate::domain::record::FieldKind::Tags => Value::String(text.clone()),
                _ => serde_json::from_str(text).unwrap_or(Value::String(text.clone())),
            },
        };
        map.insert(field.to_string(), value);
        // An amount is kept as its text ("380000.01"), which reads as a JSON number: the
        // record takes the text back as it was written.
        if let (Some(text), Err(_)) = (&old, self.restore_record(kind, map.clone(), true)) {
            map.insert(field.to_string(), Value::String(text.clone()));
        }
        Ok(self.restore_record(kind, map, false)? > 0)
    }

    /// Saves a record from its map (`check`: only reads it, to see that it reads).
    fn restore_record(
        &mut self,
        kind: RecordKind,
        map: serde_json::Map<String, Value>,
        check: bool,
    ) -> Result<usize> {
        macro_rules! save {
            ($t:ty) => {{
                let mut rec = from_map::<$t>(map)?;
                if check {
                    0
                } else {
                    self.update(&mut rec)?
                }
            }};
        }
        // Every kind an import can change: an edited export updates deals too (a kind left
        // out here kept its imported value after the undo).
        Ok(match kind {
            RecordKind::Account => save!(Account),
            RecordKind::Contact => save!(Contact),
            RecordKind::Deal => save!(Deal),
            RecordKind::Opportunity => save!(Opportunity),
            RecordKind::Needs => save!(Needs),
            RecordKind::ServiceRecord => save!(ServiceRecord),
            RecordKind::Feedback => save!(Feedback),
            RecordKind::Communication => save!(Communication),
            RecordKind::VisitPlan => save!(VisitPlan),
            RecordKind::VisitReport => save!(VisitReport),
            RecordKind::Contract => save!(Contract),
            RecordKind::Payment => save!(Payment),
            RecordKind::Entertainment => save!(Entertainment),
            RecordKind::Gift => save!(Gift),
            RecordKind::Competitor => save!(Competitor),
            RecordKind::EventAttendance => save!(EventAttendance),
            RecordKind::Product => save!(Product),
            RecordKind::Target => save!(crate::domain::Target),
            RecordKind::ReturnClaim => save!(ReturnClaim),
        })
    }
}

impl Store {
    /// The last import not undone yet.
    pub fn last_import(&self) -> Result<Option<ImportRecord>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, at, file FROM imports WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok(ImportRecord {
                        id: r.get(0)?,
                        at: r.get(1)?,
                        file: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Takes the last import back, whole: see the top of this file.
    pub fn undo_last_import(&mut self) -> Result<Undone> {
        self.write(|w| {
            let found: Option<(i64, String, String, i64, i64)> = w
                .tx()
                .query_row(
                    "SELECT id, at, file, first_history, last_history FROM imports
                     WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let Some((id, at, file, first, last)) = found else {
                bail!(crate::i18n::Said::new("import-nothing-to-undo"));
            };
            let later: i64 = w.tx().query_row(
                "SELECT COUNT(*) FROM history WHERE id > ?1",
                [last],
                |r| r.get(0),
            )?;
            if later > 0 {
                bail!(
                    "the book was changed after the import of {file} ({later} changes); undoing it would take them back too, so nothing was undone"
                );
            }
            let rows: Vec<HistoryRow> = {
                let mut stmt = w.tx().prepare(
                    "SELECT entity, row_id, op, field, old_value FROM history
                     WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC",
                )?;
                let rows = stmt.query_map([first, last], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut undone = Undone {
                file,
                at,
                ..Default::default()
            };
            let mut added: Vec<(RecordKind, i64)> = vec![];
            for (entity, row_id, op, field, old) in rows {
                let Some(kind) = RecordKind::from_table(&entity) else {
                    continue;
                };
                match (op.as_str(), field) {
                    ("insert", _) => added.push((kind, row_id)),
                    ("update", Some(field)) => {
                        undone.fields_restored += usize::from(w.restore_field(kind, row_id, &field, old)?);
                    }
                    _ => {}
                }
            }
            // A record changed by the import shows again when it was last changed before it:
            // `updated_at` is the time of its last history row before the import.
            let mut touched: Vec<(String, i64)> = {
                let mut stmt = w.tx().prepare(
                    "SELECT DISTINCT entity, row_id FROM history
                     WHERE id BETWEEN ?1 AND ?2 AND op = 'update'",
                )?;
                let rows = stmt.query_map([first, last], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            touched.retain(|(e, _)| RecordKind::from_table(e).is_some());
            for (entity, row_id) in touched {
                let before: Option<String> = w
                    .tx()
                    .query_row(
                        "SELECT at FROM history WHERE entity = ?1 AND row_id = ?2 AND id < ?3
                         ORDER BY id DESC LIMIT 1",
                        params![entity, row_id, first],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(at) = before {
                    w.tx().execute(
                        &format!("UPDATE {entity} SET updated_at = ?1 WHERE id = ?2"),
                        params![at, row_id],
                    )?;
                }
            }
            // People before their companies: a contact cannot be trashed under a trashed account.
            added.sort_by_key(|(k, _)| *k == RecordKind::Account);
            for (kind, row_id) in added {
                w.delete(kind, row_id)?;
                undone.records_removed += 1;
            }
            w.tx().execute(
                "UPDATE imports SET undone_at = ?1 WHERE id = ?2",
                params![w.now, id],
            )?;
            Ok(undone)
        })
    }
}
