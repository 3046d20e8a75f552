//! Reading the change history (修订模式): who changed what, when, from what to what.

use super::Store;
use crate::domain::RecordKind;
use anyhow::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Insert,
    Update,
    Delete,
    Restore,
}

impl Op {
    fn parse(s: &str) -> Op {
        match s {
            "insert" => Op::Insert,
            "delete" => Op::Delete,
            "restore" => Op::Restore,
            _ => Op::Update,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
            Op::Restore => "restore",
        }
    }
}

/// One history row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub account_id: Option<i64>,
    pub entity: String,
    pub row_id: i64,
    pub op: Op,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl Change {
    pub fn kind(&self) -> Option<RecordKind> {
        RecordKind::from_table(&self.entity)
    }

    /// A change of a contact's personal dossier: its values are shown, like the dossier
    /// itself, only when asked for (`v`, `--include-personal`).
    pub fn is_personal(&self) -> bool {
        self.entity == RecordKind::Contact.table() && self.field.as_deref() == Some("dossier")
    }
}

impl Store {
    /// The history of one account and everything in it, newest first.
    pub fn history(&self, account_id: i64) -> Result<Vec<Change>> {
        self.changes("WHERE account_id = ?1 ORDER BY id DESC", [account_id])
    }

    /// The history of one record, newest first.
    pub fn record_history(&self, kind: RecordKind, row_id: i64) -> Result<Vec<Change>> {
        self.changes(
            "WHERE entity = ?1 AND row_id = ?2 ORDER BY id DESC",
            rusqlite::params![kind.table(), row_id],
        )
    }

    fn changes<P: rusqlite::Params>(&self, tail: &str, params: P) -> Result<Vec<Change>> {
        let sql = format!(
            "SELECT id, at, actor, account_id, entity, row_id, op, field, old_value, new_value FROM history {tail}"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok(Change {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                account_id: r.get(3)?,
                entity: r.get(4)?,
                row_id: r.get(5)?,
                op: Op::parse(&r.get::<_, String>(6)?),
                field: r.get(7)?,
                old_value: r.get(8)?,
                new_value: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
