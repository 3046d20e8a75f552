//! Tags in the store (issue 22): the schema step that gives accounts and contacts their
//! `tags` column, and the two questions asked of them: which accounts hold a tag (the list's
//! filter) and which accounts and people hold a tag that starts with what was typed (`#tag`
//! in the finder). The tags themselves are written by the `Writer` like every other field.

use super::Store;
use crate::domain::tags;
use anyhow::Result;
use std::collections::HashSet;

/// Schema step: the column on both tables. Nothing is indexed: a tag is looked for inside the
/// text, which a scan answers (tens of milliseconds at 100,000 accounts, on a keystroke).
pub(crate) fn schema() -> String {
    "ALTER TABLE accounts ADD COLUMN tags TEXT;
     ALTER TABLE contacts ADD COLUMN tags TEXT;"
        .to_string()
}

/// An account found by a tag: on the account itself, or on one of its people (named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagHit {
    pub account_id: i64,
    pub tag: String,
    pub contact: Option<String>,
}

impl Store {
    /// The live accounts that hold `tag` (any case), themselves or through a live contact.
    pub fn accounts_tagged(&self, tag: &str) -> Result<HashSet<i64>> {
        let mut out = HashSet::new();
        for (account_id, tags_text, _) in self.tag_rows(tag)? {
            if tags::holds(Some(&tags_text), tag) {
                out.insert(account_id);
            }
        }
        Ok(out)
    }

    /// Up to `limit` accounts whose tags, or whose people's, start with `prefix` (any case):
    /// the account's own tag first, then a person's, each account once.
    pub fn tag_hits(&self, prefix: &str, limit: usize) -> Result<Vec<TagHit>> {
        let want = prefix.to_lowercase();
        let mut seen = HashSet::new();
        let mut out = vec![];
        for (account_id, tags_text, contact) in self.tag_rows(prefix)? {
            if out.len() >= limit {
                break;
            }
            let Some(tag) = tags::split(&tags_text)
                .into_iter()
                .find(|t| t.to_lowercase().starts_with(&want))
            else {
                continue;
            };
            if seen.insert(account_id) {
                out.push(TagHit {
                    account_id,
                    tag,
                    contact,
                });
            }
        }
        Ok(out)
    }

    /// The tag texts that may hold `part` (a case-blind `instr` on the lower case: SQLite's
    /// `lower` folds ASCII only, the Rust check after it decides), accounts' before
    /// contacts', in account order.
    fn tag_rows(&self, part: &str) -> Result<Vec<(i64, String, Option<String>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id AS account_id, tags, NULL AS contact, 0 AS k FROM accounts
               WHERE deleted_at IS NULL AND tags IS NOT NULL AND instr(lower(tags), lower(?1)) > 0
             UNION ALL
             SELECT c.account_id, c.tags, c.name, 1 FROM contacts c
               JOIN accounts a ON a.id = c.account_id AND a.deleted_at IS NULL
               WHERE c.deleted_at IS NULL AND c.tags IS NOT NULL
                 AND instr(lower(c.tags), lower(?1)) > 0
             ORDER BY k, account_id",
        )?;
        let part = part.trim().trim_start_matches(['#', '＃']);
        let rows = stmt.query_map([part], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
