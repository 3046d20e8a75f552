//! What the import's parts share: the summary it reports, an account of the file before it
//! meets the book (`Draft`), and the small rules on their values (grouping key, a stand-in
//! name for a contact without one, merging a row's values into a stored record).

use super::problems::SetAside;
use crate::domain::Record;
use crate::duplicates::name_parts;
use crate::exchange::headers::Target;
use crate::exchange::identity::{append_note, fill_from, same_person, KeptApart};
use anyhow::Result;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What a column became, with its first values: what the dry run shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ColumnUse {
    pub header: String,
    #[serde(skip)]
    pub target: Target,
    pub first_values: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    pub rows: usize,
    pub accounts_created: usize,
    pub accounts_updated: usize,
    /// Accounts in the file that were already in the book.
    pub accounts_matched: usize,
    /// Accounts of the book found by their code whose name the file changed.
    pub accounts_renamed: usize,
    /// Every field changed in an account or contact already in the book.
    #[serde(skip)]
    pub changed: Vec<super::changes::FieldChanged>,
    pub contacts_added: usize,
    pub contacts_updated: usize,
    /// Rows that repeat an account of an earlier row (its further contacts).
    pub rows_same_account: usize,
    /// Accounts made for a person named without a company.
    pub private_customers: usize,
    /// Headers of the columns kept in the accounts' notes.
    pub columns_in_notes: Vec<String>,
    /// Rows that share a phone or email with an account of another name: created apart.
    pub kept_apart: Vec<KeptApart>,
    #[serde(skip)]
    pub set_aside: Vec<SetAside>,
    #[serde(skip)]
    pub columns: Vec<ColumnUse>,
    /// The row of the header, when it is not the sheet's first (a title row above it).
    pub header_row: usize,
    pub dry_run: bool,
}

/// One account of the file with its contacts, before it meets the store.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    pub account: Map<String, Value>,
    pub contacts: Vec<Map<String, Value>>,
    /// Index of the contacts by who they are, so that 5,000 rows of one account stay linear.
    pub(crate) people: People,
}

pub(crate) fn text(map: &Map<String, Value>, key: &str) -> String {
    map.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

/// The grouping key of an account: its registration number, else its name with spaces and
/// full-width characters evened out.
/// Whether an account found by the row's name (or a shared phone) may be the row's: not when
/// the row gives another code, or another registration number, than the account has — two
/// companies of one name ("Fletcher & Robinson Inc" twice in one export) stay two, rather
/// than the second overwriting the first.
pub(crate) fn may_be(row: &Map<String, Value>, stored: &crate::domain::Account) -> bool {
    let reg = text(row, "registration_no");
    let code = text(row, "code");
    let stored_reg = stored.registration_no.as_deref().unwrap_or("");
    let other_reg =
        !reg.is_empty() && !stored_reg.is_empty() && !stored_reg.eq_ignore_ascii_case(&reg);
    let other_code = !code.trim().is_empty() && !stored.code.eq_ignore_ascii_case(code.trim());
    !(other_reg || other_code)
}

pub(crate) fn group_key(account: &Map<String, Value>) -> String {
    let reg = text(account, "registration_no");
    if !reg.is_empty() {
        return format!("reg:{}", reg.to_uppercase());
    }
    let name = crate::domain::validate::normalize_width(&text(account, "name"));
    format!(
        "name:{}",
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    )
}

/// A contact without a name takes its phone or email as one, so it can be stored and found.
pub(crate) fn with_name(contact: &Map<String, Value>) -> Map<String, Value> {
    let mut c = contact.clone();
    if text(&c, "name").is_empty() {
        let name = ["email", "mobile", "office_phone", "home_phone"]
            .iter()
            .map(|k| text(contact, k))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        c.insert("name".into(), Value::String(name));
    }
    c
}

pub(crate) fn record<R: serde::de::DeserializeOwned>(map: Map<String, Value>) -> Result<R> {
    Ok(serde_json::from_value(Value::Object(map))?)
}

/// Copies the file's values onto a stored record (notes appended); the changed record, if
/// anything changed.
pub(crate) fn merge_into<R: Record + serde::Serialize + serde::de::DeserializeOwned>(
    stored: &R,
    values: &Map<String, Value>,
) -> Result<Option<R>> {
    let Value::Object(mut map) = serde_json::to_value(stored)? else {
        return Ok(None);
    };
    let mut changed = false;
    for (k, v) in values {
        let v = match (k.as_str(), v) {
            ("notes", Value::String(added)) => {
                let stored = map.get(k).and_then(Value::as_str).unwrap_or("");
                Value::String(append_note(stored, added))
            }
            _ => v.clone(),
        };
        if v.is_null() || map.get(k) == Some(&v) {
            continue;
        }
        map.insert(k.clone(), v);
        changed = true;
    }
    Ok(if changed { Some(record(map)?) } else { None })
}

/// Where each known person of one account is, by evened-out name, phone and e-mail.
#[derive(Debug, Clone, Default)]
pub(crate) struct People {
    by_name: HashMap<String, Vec<usize>>,
    by_contact: HashMap<String, Vec<usize>>,
}

fn name_key(name: &str) -> String {
    let (key, _) = name_parts(name);
    if key.is_empty() {
        name.trim().to_string()
    } else {
        key
    }
}

fn contact_keys(c: &Map<String, Value>) -> Vec<String> {
    let mut keys = vec![];
    for k in ["mobile", "office_phone"] {
        let v = text(c, k);
        if !v.trim().is_empty() {
            keys.push(format!("tel:{}", v.trim()));
        }
    }
    let e = text(c, "email");
    if !e.trim().is_empty() {
        keys.push(format!("mail:{}", e.trim().to_lowercase()));
    }
    keys
}

impl People {
    pub(crate) fn add(&mut self, i: usize, c: &Map<String, Value>) {
        let name = text(c, "name");
        if !name.trim().is_empty() {
            self.by_name.entry(name_key(&name)).or_default().push(i);
        }
        for k in contact_keys(c) {
            self.by_contact.entry(k).or_default().push(i);
        }
    }

    /// The known person `row` is, among `known`.
    pub(crate) fn find(
        &self,
        known: &[Map<String, Value>],
        row: &Map<String, Value>,
    ) -> Option<usize> {
        let name = text(row, "name");
        let mut candidates: Vec<usize> = vec![];
        if !name.trim().is_empty() {
            candidates.extend(self.by_name.get(&name_key(&name)).into_iter().flatten());
        }
        for k in contact_keys(row) {
            candidates.extend(self.by_contact.get(&k).into_iter().flatten());
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .find(|i| same_person(&known[*i], row))
    }
}

impl Draft {
    /// A row's contact: the same person as one already in the draft fills it, else is added.
    pub(crate) fn add_contact(&mut self, contact: Map<String, Value>) {
        match self.people.find(&self.contacts, &contact) {
            Some(i) => {
                fill_from(&mut self.contacts[i], contact);
                let c = self.contacts[i].clone();
                self.people.add(i, &c);
            }
            None => {
                self.people.add(self.contacts.len(), &contact);
                self.contacts.push(contact);
            }
        }
    }
}
