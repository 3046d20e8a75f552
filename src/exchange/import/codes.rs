//! Rows that repeat what the file already said: account codes, and the header itself.
//!
//! Account codes repeated in one file. A code names one account: a later row that gives an
//! earlier row's code to another account, or another code to the same account, is set aside
//! with the reason (it would otherwise abort the whole import on the book's unique code, or
//! silently lose one of the two codes). Rows of one account with its one code are its rows,
//! as they always were.

use super::problems::Reason;
use super::records::{group_key, text, Summary};
use crate::domain::Account;
use crate::store::Writer;
use anyhow::Result;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The first row of each code and of each account that named one.
#[derive(Default)]
pub(super) struct Codes {
    by_code: HashMap<String, (String, usize, String)>,
    by_account: HashMap<String, (String, usize)>,
}

impl Codes {
    /// Why this row (spreadsheet row `row`) is set aside for its code, if it is.
    pub(super) fn check(&mut self, account: &Map<String, Value>, row: usize) -> Option<Reason> {
        let code = text(account, "code").trim().to_string();
        if code.is_empty() {
            return None;
        }
        let key = group_key(account);
        let upper = code.to_uppercase();
        if let Some((owner, first_row, name)) = self.by_code.get(&upper) {
            return (*owner != key).then(|| Reason::CodeTaken {
                code,
                row: *first_row,
                name: name.clone(),
            });
        }
        if let Some((first, first_row)) = self.by_account.get(&key) {
            return Some(Reason::CodeDiffers {
                code,
                first: first.clone(),
                row: *first_row,
            });
        }
        self.by_code
            .insert(upper, (key.clone(), row, text(account, "name")));
        self.by_account.insert(key, (code, row));
        None
    }
}

/// Whether a row is the header once more (two exports pasted into one file): imported, it
/// would make an account named 客户名称.
pub(super) fn repeats_header(headers: &[String], cells: &[String]) -> bool {
    let named = headers.iter().filter(|h| !h.trim().is_empty()).count();
    named > 1
        && headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.trim().is_empty())
            // The second file's byte-order mark starts its header's first cell.
            .all(|(i, h)| {
                cells
                    .get(i)
                    .is_some_and(|c| c.trim_start_matches('\u{feff}').trim() == h.trim())
            })
}

/// The account of the book with the row's code, renamed to the row's name when the sheet
/// changed it (a history row, as a form save); `place` then updates the rest.
pub(super) fn renamed_by_code(
    w: &mut Writer,
    account: &Map<String, Value>,
    summary: &mut Summary,
) -> Result<Option<Account>> {
    let code = text(account, "code");
    if code.trim().is_empty() {
        return Ok(None);
    }
    let Some(mut stored) = w.account_by_code(&code)? else {
        return Ok(None);
    };
    let name = text(account, "name");
    if !name.trim().is_empty() && name.trim() != stored.name {
        let before = stored.clone();
        stored.name = name.trim().to_string();
        let changed = super::changes::between(&stored.code, None, &before, &stored)?;
        summary.changed.extend(changed);
        w.update(&mut stored)?;
        summary.accounts_renamed += 1;
    }
    Ok(Some(stored))
}
