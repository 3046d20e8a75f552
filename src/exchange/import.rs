//! `kam import`: a sheet (CSV, Excel) or an address book (vCard) into the dossier. Every
//! row is checked first and every problem reported as `row N, column X: …`; then the whole
//! file goes in inside one transaction, or nothing does. Rows for the same account become
//! one account with several contacts; an account already in the book is matched
//! (registration number, name, a contact's phone or email with the same name: see
//! `identity`) and updated, so importing a file twice does not double it. Notes are appended,
//! never replaced. Columns that mean nothing to kam are kept in the notes.

use super::headers::{recognise, Target};
use super::identity::{append_note, fill_from, same_company, same_person, KeptApart};
use super::table::Table;
use crate::domain::parse::parse_field;
use crate::domain::record::{FieldSpec, Record};
use crate::domain::{Account, Contact};
use crate::store::{Store, Writer};
use anyhow::{bail, Result};
use serde_json::{Map, Value};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    pub rows: usize,
    pub accounts_created: usize,
    pub accounts_updated: usize,
    /// Accounts in the file that were already in the book.
    pub accounts_matched: usize,
    pub contacts_added: usize,
    pub contacts_updated: usize,
    /// Rows that repeat an account of an earlier row (its further contacts).
    pub rows_same_account: usize,
    /// Headers of the columns kept in the accounts' notes.
    pub columns_in_notes: Vec<String>,
    /// Rows that share a phone or email with an account of another name: created apart.
    pub kept_apart: Vec<KeptApart>,
    pub dry_run: bool,
}

/// All the problems of a file, one line each; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected(pub Vec<String>);

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "nothing was imported; {} problem{}:\n{}",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" },
            self.0.join("\n")
        )
    }
}

impl std::error::Error for Rejected {}

/// One account of the file with its contacts, before it meets the store.
#[derive(Debug, Clone, Default)]
struct Draft {
    account: Map<String, Value>,
    contacts: Vec<Map<String, Value>>,
    rows: usize,
}

fn spec_of(fields: &'static [FieldSpec], key: &str) -> Option<&'static FieldSpec> {
    fields.iter().find(|f| f.key == key)
}

fn text(map: &Map<String, Value>, key: &str) -> String {
    map.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

/// The grouping key of an account: its registration number, else its name with spaces and
/// full-width characters evened out.
fn group_key(account: &Map<String, Value>) -> String {
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

/// Checks every row and groups them into accounts. Problems of all rows come back at once.
fn drafts(table: &Table, overrides: &[(String, Target)]) -> Result<(Vec<Draft>, Vec<String>)> {
    let targets: Vec<Target> = table
        .headers
        .iter()
        .map(|h| {
            overrides
                .iter()
                .find(|(o, _)| o.trim() == h.trim())
                .map(|(_, t)| *t)
                .unwrap_or_else(|| recognise(h))
        })
        .collect();
    if !targets.contains(&Target::Account("name")) {
        bail!(
            "no column names the account (客户名称, 公司名称, Company, Account Name …); the headers are {}; say which with --map \"Header=name\"",
            table.headers.join(", ")
        );
    }
    let notes_columns: Vec<String> = table
        .headers
        .iter()
        .zip(&targets)
        .filter(|(h, t)| **t == Target::Unknown && !h.trim().is_empty())
        .map(|(h, _)| h.clone())
        .collect();
    let column = |i: usize| -> String {
        let h = table.headers.get(i).map(String::as_str).unwrap_or("");
        if h.is_empty() {
            format!("{}", i + 1)
        } else {
            h.to_string()
        }
    };
    let mut problems = vec![];
    let mut drafts: Vec<Draft> = vec![];
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (line, cells) in &table.rows {
        let mut account = Map::new();
        let mut contact = Map::new();
        let (mut first, mut last) = (String::new(), String::new());
        let mut notes = vec![];
        // The column each field came from, to name it in a rule's complaint.
        let mut source: HashMap<(bool, &'static str), usize> = HashMap::new();
        for (i, target) in targets.iter().enumerate() {
            let value = cells.get(i).map(|c| c.trim()).unwrap_or("");
            if value.is_empty() {
                continue;
            }
            let (fields, map, is_account, key) = match *target {
                Target::Account(k) => (Account::fields(), &mut account, true, k),
                // 联系电话 columns hold mobiles as often as desk phones.
                Target::Contact("office_phone")
                    if is_mobile(value) && !contact.contains_key("mobile") =>
                {
                    (Contact::fields(), &mut contact, false, "mobile")
                }
                Target::Contact(k) => (Contact::fields(), &mut contact, false, k),
                Target::FirstName => {
                    first = value.to_string();
                    continue;
                }
                Target::LastName => {
                    last = value.to_string();
                    continue;
                }
                Target::RowNumber => continue,
                Target::Unknown => {
                    notes.push(format!("{}: {value}", column(i)));
                    continue;
                }
            };
            let Some(spec) = spec_of(fields, key) else {
                continue;
            };
            match parse_field(spec, value) {
                Ok(v) => {
                    map.insert(key.to_string(), v);
                    source.insert((is_account, key), i);
                }
                // A sheet's own industry words (科技, IT) are kept beside the standard
                // classification rather than refusing the row.
                Err(_) if is_account && key == "industry" => {
                    map.insert("industry_note".into(), Value::String(value.to_string()));
                }
                Err(p) => problems.push(format!("row {line}, column {}: {p}", column(i))),
            }
        }
        if !contact.contains_key("name") {
            let joined = if first.chars().chain(last.chars()).any(|c| !c.is_ascii()) {
                format!("{last}{first}")
            } else {
                format!("{first} {last}").trim().to_string()
            };
            if !joined.is_empty() {
                contact.insert("name".into(), Value::String(joined));
            }
        }
        if text(&account, "name").is_empty() {
            problems.push(format!("row {line}: the account name is empty"));
            continue;
        }
        // The records' own rules (credit code check digit, ratings …), named by column.
        let checks = [
            (true, check::<Account>(&account)),
            (
                false,
                if contact.is_empty() {
                    Ok(())
                } else {
                    check::<Contact>(&with_name(&contact))
                },
            ),
        ];
        for (is_account, result) in checks {
            if let Err(invalid) = result {
                for e in invalid.0 {
                    let col = source
                        .get(&(is_account, e.field))
                        .map(|i| column(*i))
                        .unwrap_or_else(|| e.field.replace('_', " "));
                    problems.push(format!("row {line}, column {col}: {}", e.problem));
                }
            }
        }
        let has_contact = contact.keys().any(|k| k != "name") || contact.contains_key("name");
        let key = group_key(&account);
        let i = match by_key.get(&key) {
            Some(i) => *i,
            None => {
                drafts.push(Draft::default());
                by_key.insert(key, drafts.len() - 1);
                drafts.len() - 1
            }
        };
        let d = &mut drafts[i];
        d.rows += 1;
        // Each row's 备注 and the columns kept as notes join the account's notes.
        let row_notes = append_note(&text(&account, "notes"), &notes.join("\n"));
        if !row_notes.is_empty() {
            account.insert("notes".into(), Value::String(row_notes));
        }
        fill_from(&mut d.account, account);
        if has_contact {
            match d.contacts.iter_mut().find(|c| same_person(c, &contact)) {
                Some(known) => fill_from(known, contact),
                None => d.contacts.push(contact),
            }
        }
    }
    if !problems.is_empty() {
        return Err(Rejected(problems).into());
    }
    Ok((drafts, notes_columns))
}

/// A mainland mobile number: 11 digits starting 13–19, with or without +86.
fn is_mobile(phone: &str) -> bool {
    let phone = phone.trim();
    if phone.starts_with('+') && !phone.starts_with("+86") {
        return false;
    }
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix("86")
        .filter(|d| d.len() == 11)
        .unwrap_or(&digits);
    digits.len() == 11
        && digits.starts_with('1')
        && !digits.starts_with("10")
        && !digits.starts_with("11")
        && !digits.starts_with("12")
}

/// A contact without a name takes its phone or email as one, so it can be stored and found.
fn with_name(contact: &Map<String, Value>) -> Map<String, Value> {
    let mut c = contact.clone();
    if text(&c, "name").is_empty() {
        let name = ["mobile", "office_phone", "email"]
            .iter()
            .map(|k| text(contact, k))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        c.insert("name".into(), Value::String(name));
    }
    c
}

fn check<R: Record + serde::de::DeserializeOwned>(
    map: &Map<String, Value>,
) -> Result<(), crate::domain::Invalid> {
    match serde_json::from_value::<R>(Value::Object(map.clone())) {
        Ok(r) => r.validate(),
        Err(_) => Ok(()),
    }
}

fn record<R: serde::de::DeserializeOwned>(map: Map<String, Value>) -> Result<R> {
    Ok(serde_json::from_value(Value::Object(map))?)
}

/// Copies the file's values onto a stored record (notes appended); the changed record, if
/// anything changed.
fn merge_into<R: Record + serde::Serialize + serde::de::DeserializeOwned>(
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

fn apply(
    w: &mut Writer,
    drafts: Vec<Draft>,
    summary: &mut Summary,
    progress: &mut dyn FnMut(usize),
) -> Result<()> {
    for (n, mut d) in drafts.into_iter().enumerate() {
        progress(n);
        let phones: Vec<String> = d
            .contacts
            .iter()
            .flat_map(|c| [text(c, "mobile"), text(c, "office_phone")])
            .collect();
        let emails: Vec<String> = d.contacts.iter().map(|c| text(c, "email")).collect();
        let name = text(&d.account, "name");
        let mut apart = None;
        let found = match w.find_account(Some(&text(&d.account, "registration_no")), &name)? {
            Some(stored) => Some(stored),
            None => {
                let sharing = w.accounts_sharing(
                    &phones.iter().map(String::as_str).collect::<Vec<_>>(),
                    &emails.iter().map(String::as_str).collect::<Vec<_>>(),
                )?;
                match same_company(&name, &sharing) {
                    Some(i) => w.account(sharing[i].account_id)?,
                    None => {
                        apart = sharing.into_iter().next();
                        None
                    }
                }
            }
        };
        let account_id = match found {
            Some(stored) => {
                summary.accounts_matched += 1;
                let mut values = d.account.clone();
                // The stored name stays when matched by number or phone: a sheet's spelling
                // does not rename a customer.
                values.remove("name");
                values.remove("code");
                if let Some(mut updated) = merge_into(&stored, &values)? {
                    w.update(&mut updated)?;
                    summary.accounts_updated += 1;
                }
                stored.id
            }
            None => {
                let mut account: Account = record(std::mem::take(&mut d.account))?;
                w.insert(&mut account)?;
                summary.accounts_created += 1;
                if let Some(s) = &apart {
                    summary
                        .kept_apart
                        .push(KeptApart::new(&name, &account.code, s));
                }
                account.id
            }
        };
        let mut seen: Vec<Contact> = w.contacts_of(account_id)?;
        for c in &d.contacts {
            let twin = seen.iter().position(|s| {
                let known = serde_json::to_value(s)
                    .ok()
                    .and_then(|v| v.as_object().cloned())
                    .unwrap_or_default();
                same_person(&known, c)
            });
            match twin {
                Some(i) => {
                    // The same person: their changed values are updates (each with its
                    // history row); their name stays as the book has it.
                    let mut values = c.clone();
                    values.remove("name");
                    values.insert("account_id".into(), Value::from(account_id));
                    if let Some(mut updated) = merge_into(&seen[i], &values)? {
                        w.update(&mut updated)?;
                        summary.contacts_updated += 1;
                        seen[i] = updated;
                    }
                }
                None => {
                    let mut values = with_name(c);
                    values.insert("account_id".into(), Value::from(account_id));
                    let mut contact: Contact = record(values)?;
                    if seen.is_empty() {
                        contact.is_primary = true;
                    }
                    w.insert(&mut contact)?;
                    summary.contacts_added += 1;
                    seen.push(contact);
                }
            }
        }
    }
    Ok(())
}

/// Imports a table. `progress(done, total)` is called as accounts are written.
pub fn import_table(
    store: &mut Store,
    table: &Table,
    overrides: &[(String, Target)],
    dry_run: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Summary> {
    let (drafts, columns_in_notes) = drafts(table, overrides)?;
    let total = drafts.len();
    let mut summary = Summary {
        rows: table.rows.len(),
        rows_same_account: table.rows.len() - total,
        columns_in_notes,
        dry_run,
        ..Default::default()
    };
    let mut step = |n: usize| progress(n, total);
    let run = |w: &mut Writer| apply(w, drafts, &mut summary, &mut step);
    if dry_run {
        store.rehearse(run)?;
    } else {
        store.write(run)?;
    }
    progress(total, total);
    Ok(summary)
}

impl Summary {
    /// What happened, a line each, for the command line.
    pub fn to_text(&self, lang: crate::i18n::Lang, took: std::time::Duration) -> String {
        let mut o = String::new();
        if self.dry_run {
            o.push_str("dry run: nothing was changed; this is what the import would do\n");
        }
        o.push_str(&format!("rows read: {}\n", self.rows));
        o.push_str(&format!("accounts created: {}\n", self.accounts_created));
        o.push_str(&format!(
            "accounts already in the book: {} ({} updated)\n",
            self.accounts_matched, self.accounts_updated
        ));
        o.push_str(&format!(
            "contacts added: {} (updated: {})\n",
            self.contacts_added, self.contacts_updated
        ));
        o.push_str(&format!(
            "rows repeating an account of an earlier row: {}\n",
            self.rows_same_account
        ));
        if !self.columns_in_notes.is_empty() {
            o.push_str(&format!(
                "columns kept in the accounts' notes: {}\n",
                self.columns_in_notes.join(", ")
            ));
        }
        for k in &self.kept_apart {
            o.push_str(&k.text(lang));
            o.push('\n');
        }
        o.push_str(&format!("time: {:.2} s\n", took.as_secs_f64()));
        o
    }
}
