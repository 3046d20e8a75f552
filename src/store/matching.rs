//! Finding what an imported row already is: an account by registration number, then exact
//! name; the accounts holding a contact with one of the row's phones or emails; an account's
//! contacts. Inside the import's own transaction, so rows earlier in the same file count too.
//!
//! The store only finds; whether a shared phone or email makes two rows one company is the
//! import's decision (a switchboard, a placeholder number or a person who changed employer
//! is shared by different companies).

use super::records::Writer;
use super::rows::{from_map, get_map};
use crate::domain::record::RecordKind;
use crate::domain::{Account, Contact};
use anyhow::Result;
use rusqlite::OptionalExtension;

/// What a row has in common with an account's contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shared {
    Phone,
    Email,
}

/// A live account with a contact holding one of a row's phones or emails.
#[derive(Debug, Clone)]
pub struct Sharing {
    pub account_id: i64,
    pub code: String,
    pub name: String,
    pub shared: Shared,
    /// The phone or email they share.
    pub value: String,
}

/// The most accounts one phone or email is looked up in (see `accounts_sharing`).
const SHARED_LIMIT: usize = 50;

impl Writer<'_> {
    fn first_id(&self, sql: &str, value: &str) -> Result<Option<i64>> {
        Ok(self
            .tx()
            .prepare_cached(sql)?
            .query_row([value], |r| r.get(0))
            .optional()?)
    }

    /// The account with this id (live or not).
    pub fn account(&self, id: i64) -> Result<Option<Account>> {
        get_map(self.tx(), RecordKind::Account, id)?
            .map(from_map)
            .transpose()
    }

    /// The live account with this registration number, else with exactly this name.
    pub fn find_account(
        &self,
        registration_no: Option<&str>,
        name: &str,
    ) -> Result<Option<Account>> {
        let mut id = None;
        if let Some(reg) = registration_no.filter(|r| !r.is_empty()) {
            id = self.first_id(
                "SELECT id FROM accounts WHERE registration_no = ?1 AND deleted_at IS NULL ORDER BY id",
                reg,
            )?;
        }
        if id.is_none() && !name.is_empty() {
            id = self.first_id(
                "SELECT id FROM accounts WHERE name = ?1 AND deleted_at IS NULL ORDER BY id",
                name,
            )?;
        }
        match id {
            Some(id) => self.account(id),
            None => Ok(None),
        }
    }

    /// Every live account with a live contact holding one of `phones` (mobile or desk phone)
    /// or `emails`, each once, in the order of the values given, oldest contact first; at
    /// most `SHARED_LIMIT` per value: a number shared more widely is a placeholder, and looking
    /// through all its accounts for every row would make a large import quadratic.
    pub fn accounts_sharing(&self, phones: &[&str], emails: &[&str]) -> Result<Vec<Sharing>> {
        let by_contact = |column: &str| {
            format!(
                "SELECT a.id, a.code, a.name FROM contacts c JOIN accounts a ON a.id = c.account_id
                 WHERE c.{column} = ?1 AND c.deleted_at IS NULL AND a.deleted_at IS NULL
                 ORDER BY c.id LIMIT {SHARED_LIMIT}"
            )
        };
        let mut found: Vec<Sharing> = vec![];
        let wanted = phones
            .iter()
            .flat_map(|p| {
                [
                    (Shared::Phone, "mobile", *p),
                    (Shared::Phone, "office_phone", *p),
                ]
            })
            .chain(emails.iter().map(|e| (Shared::Email, "email", *e)))
            .filter(|(_, _, v)| !v.is_empty());
        for (shared, column, value) in wanted {
            let mut stmt = self.tx().prepare_cached(&by_contact(column))?;
            let mut rows = stmt.query([value])?;
            while let Some(r) = rows.next()? {
                let account_id: i64 = r.get(0)?;
                if found.iter().any(|s| s.account_id == account_id) {
                    continue;
                }
                found.push(Sharing {
                    account_id,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    shared,
                    value: value.to_string(),
                });
            }
        }
        Ok(found)
    }

    /// The live contacts of an account, oldest first.
    pub fn contacts_of(&self, account_id: i64) -> Result<Vec<Contact>> {
        self.records_of::<Contact>(account_id)
    }
}
