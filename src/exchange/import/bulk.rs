//! Moving into an empty book (the whole customer list from Excel or a phone at once): the
//! accounts a draft could match are only the file's own, so they are looked up in memory
//! (registration number, name, the phones and e-mails of their contacts, as the store's
//! queries would find them), and a new account and all its contacts are written in one step
//! each, without reading them back. A draft that matches an earlier one of the file goes the
//! ordinary way (`apply::place`); the rules that decide (`identity`) are the same.

use super::apply::{phones_and_emails, place};
use super::records::{record, text, with_name, Draft, Summary};
use crate::domain::{Account, Contact};
use crate::exchange::identity::{same_company, KeptApart};
use crate::store::{Shared, Sharing, Writer};
use anyhow::Result;
use serde_json::Value;
use std::collections::HashMap;

/// The most accounts one phone or e-mail is looked up in, as `accounts_sharing` does.
const SHARED_LIMIT: usize = 50;

/// A value's fingerprint: the index keeps fingerprints, not copies of 100,000 names and
/// phones, and every hit is checked against the book before it counts.
fn print(v: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

#[derive(Default)]
struct Known {
    /// The id of each account written so far.
    ids: Vec<i64>,
    by_reg: HashMap<u64, usize>,
    by_name: HashMap<u64, usize>,
    by_value: HashMap<(bool, u64), Vec<usize>>,
}

impl Known {
    fn add(&mut self, id: i64, reg: &str, name: &str, contacts: &[Contact]) {
        let i = self.ids.len();
        if !reg.is_empty() {
            self.by_reg.entry(print(reg)).or_insert(i);
        }
        self.by_name.entry(print(name)).or_insert(i);
        self.ids.push(id);
        for c in contacts {
            let phones = [c.mobile.as_deref(), c.office_phone.as_deref()];
            for p in phones.into_iter().flatten().filter(|p| !p.is_empty()) {
                self.index((true, print(p)), i);
            }
            if let Some(e) = c.email.as_deref().filter(|e| !e.is_empty()) {
                self.index((false, print(e)), i);
            }
        }
    }

    fn index(&mut self, key: (bool, u64), i: usize) {
        let list = self.by_value.entry(key).or_default();
        if list.len() < SHARED_LIMIT && list.last() != Some(&i) {
            list.push(i);
        }
    }

    /// The account of the file with this registration number, else this name, as
    /// `find_account` would find it.
    fn find(&self, w: &Writer, reg: &str, name: &str) -> Result<Option<Account>> {
        if !reg.is_empty() {
            if let Some(&i) = self.by_reg.get(&print(reg)) {
                let a = w.account(self.ids[i])?;
                if a.as_ref()
                    .is_some_and(|a| a.registration_no.as_deref() == Some(reg))
                {
                    return Ok(a);
                }
            }
        }
        if let Some(&i) = self.by_name.get(&print(name)) {
            let a = w.account(self.ids[i])?;
            if a.as_ref().is_some_and(|a| a.name == name) {
                return Ok(a);
            }
        }
        Ok(None)
    }

    /// What `accounts_sharing` would answer, each hit checked against the book.
    fn sharing(&self, w: &Writer, phones: &[String], emails: &[String]) -> Result<Vec<Sharing>> {
        let mut found: Vec<Sharing> = vec![];
        let wanted = phones
            .iter()
            .map(|p| (true, p))
            .chain(emails.iter().map(|e| (false, e)))
            .filter(|(_, v)| !v.is_empty());
        for (phone, value) in wanted {
            for &i in self
                .by_value
                .get(&(phone, print(value)))
                .into_iter()
                .flatten()
            {
                let id = self.ids[i];
                if found.iter().any(|s| s.account_id == id) {
                    continue;
                }
                let holds = w.contacts_of(id)?.iter().any(|c| {
                    if phone {
                        c.mobile.as_deref() == Some(value.as_str())
                            || c.office_phone.as_deref() == Some(value.as_str())
                    } else {
                        c.email.as_deref() == Some(value.as_str())
                    }
                });
                let Some(a) = w.account(id)?.filter(|_| holds) else {
                    continue;
                };
                found.push(Sharing {
                    account_id: id,
                    code: a.code,
                    name: a.name,
                    shared: if phone { Shared::Phone } else { Shared::Email },
                    value: value.clone(),
                });
            }
        }
        Ok(found)
    }
}

pub(super) fn apply(
    w: &mut Writer,
    drafts: &mut dyn Iterator<Item = Draft>,
    summary: &mut Summary,
    progress: &mut dyn FnMut(usize),
) -> Result<()> {
    let mut known = Known::default();
    for (n, mut d) in drafts.enumerate() {
        progress(n);
        let (phones, emails) = phones_and_emails(&d);
        let name = text(&d.account, "name");
        let reg = text(&d.account, "registration_no");
        let may_be = |stored: &Account| super::records::may_be(&d.account, stored);
        if let Some(stored) = known.find(w, &reg, &name)?.filter(may_be) {
            // Rare: the file names one of its own accounts again under another key.
            place(w, d, summary, Some(stored), None)?;
            continue;
        }
        let sharing = known.sharing(w, &phones, &emails)?;
        let apart = match same_company(&name, &sharing) {
            Some(i)
                if w.account(sharing[i].account_id)?
                    .is_some_and(|a| may_be(&a)) =>
            {
                let stored = w.account(sharing[i].account_id)?;
                place(w, d, summary, stored, None)?;
                continue;
            }
            _ => sharing.into_iter().next(),
        };
        let mut account: Account = record(std::mem::take(&mut d.account))?;
        w.insert_many(std::slice::from_mut(&mut account))?;
        summary.accounts_created += 1;
        if let Some(s) = &apart {
            summary
                .kept_apart
                .push(KeptApart::new(&name, &account.code, s));
        }
        let mut contacts: Vec<Contact> = Vec::with_capacity(d.contacts.len());
        for c in &d.contacts {
            let mut values = with_name(c);
            values.insert("account_id".into(), Value::from(account.id));
            let mut contact: Contact = record(values)?;
            contact.is_primary |= contacts.is_empty();
            contacts.push(contact);
        }
        w.insert_many(&mut contacts)?;
        summary.contacts_added += contacts.len();
        known.add(account.id, &reg, &account.name, &contacts);
    }
    Ok(())
}
