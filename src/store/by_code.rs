//! What an edited export is matched against inside its import's transaction: the account
//! with a code (live or in the trash, as codes are unique over both) and the live records of
//! one account, so that rows of the same file count too.

use super::records::Writer;
use super::rows::{columns, from_map, row_to_map, select_sql};
use crate::domain::record::Record;
use crate::domain::Account;
use anyhow::Result;
use rusqlite::OptionalExtension;

impl Writer<'_> {
    /// The account with this code, the letters' case aside.
    pub fn account_by_code(&self, code: &str) -> Result<Option<Account>> {
        let id: Option<i64> = self
            .tx()
            .query_row(
                "SELECT id FROM accounts WHERE code = ?1 COLLATE NOCASE",
                [code.trim()],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.account(id),
            None => Ok(None),
        }
    }

    /// The live records of one kind of an account, oldest first.
    pub fn records_of<R: Record>(&self, account_id: i64) -> Result<Vec<R>> {
        let kind = R::KIND;
        let cols = columns(kind);
        let sql = format!(
            "{} WHERE account_id = ?1 AND deleted_at IS NULL ORDER BY id",
            select_sql(kind)
        );
        let mut stmt = self.tx().prepare_cached(&sql)?;
        let maps = stmt
            .query_map([account_id], |r| row_to_map(kind, &cols, r))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        maps.into_iter().map(from_map).collect()
    }
}
