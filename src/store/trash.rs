//! The trash: soft-deleted records, newest first, each restorable.

use super::rows::{columns, get_map, title_of};
use super::Store;
use crate::domain::RecordKind;
use anyhow::Result;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TrashItem {
    #[serde(skip)]
    pub kind: RecordKind,
    pub entity: &'static str,
    pub id: i64,
    pub account_id: i64,
    pub title: String,
    pub deleted_at: String,
}

impl Store {
    pub fn trash(&self) -> Result<Vec<TrashItem>> {
        let mut items = vec![];
        // The book's own lists (the catalogue) too, with no account (0).
        for kind in RecordKind::ALL.into_iter().chain(RecordKind::BOOK) {
            let account_col = if columns(kind).contains(&"account_id") {
                "account_id"
            } else if kind.is_owned() || kind == RecordKind::Account {
                "id"
            } else {
                "0"
            };
            let sql = format!(
                "SELECT id, {account_col}, deleted_at FROM {} WHERE deleted_at IS NOT NULL",
                kind.table()
            );
            let mut stmt = self.conn().prepare(&sql)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, account_id, deleted_at) in rows {
                let title = match get_map(self.conn(), kind, id)? {
                    Some(map) => title_of(kind, map)?,
                    None => continue,
                };
                items.push(TrashItem {
                    kind,
                    entity: kind.table(),
                    id,
                    account_id,
                    title,
                    deleted_at,
                });
            }
        }
        items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then(b.id.cmp(&a.id)));
        Ok(items)
    }
}
