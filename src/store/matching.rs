//! Finding what an imported row already is: an account by registration number, then exact
//! name, then a contact's phone or email; an account's contacts. Inside the import's own
//! transaction, so rows earlier in the same file count too.

use super::records::{columns, from_map, get_map, row_to_map, select_sql, Writer};
use crate::domain::record::RecordKind;
use crate::domain::{Account, Contact};
use anyhow::Result;
use rusqlite::OptionalExtension;

impl Writer<'_> {
    fn first_id(&self, sql: &str, value: &str) -> Result<Option<i64>> {
        Ok(self
            .tx()
            .prepare_cached(sql)?
            .query_row([value], |r| r.get(0))
            .optional()?)
    }

    /// The live account an imported row is, if any.
    pub fn find_account(
        &self,
        registration_no: Option<&str>,
        name: &str,
        phones: &[&str],
        emails: &[&str],
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
        let by_contact = |column: &str| {
            format!(
                "SELECT c.account_id FROM contacts c JOIN accounts a ON a.id = c.account_id
                 WHERE c.{column} = ?1 AND c.deleted_at IS NULL AND a.deleted_at IS NULL
                 ORDER BY c.id"
            )
        };
        for phone in phones.iter().filter(|p| !p.is_empty()) {
            if id.is_some() {
                break;
            }
            id = self.first_id(&by_contact("mobile"), phone)?;
            if id.is_none() {
                id = self.first_id(&by_contact("office_phone"), phone)?;
            }
        }
        for email in emails.iter().filter(|e| !e.is_empty()) {
            if id.is_some() {
                break;
            }
            id = self.first_id(&by_contact("email"), email)?;
        }
        match id {
            Some(id) => get_map(self.tx(), RecordKind::Account, id)?
                .map(from_map)
                .transpose(),
            None => Ok(None),
        }
    }

    /// The live contacts of an account, oldest first.
    pub fn contacts_of(&self, account_id: i64) -> Result<Vec<Contact>> {
        let kind = RecordKind::Contact;
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
