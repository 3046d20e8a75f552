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

#[derive(Default)]
struct Known {
    /// (id, code, name) of each account written so far.
    accounts: Vec<(i64, String, String)>,
    by_reg: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    by_value: HashMap<(bool, String), Vec<usize>>,
}

impl Known {
    fn add(&mut self, id: i64, code: String, d_reg: String, name: String, contacts: &[Contact]) {
        let i = self.accounts.len();
        if !d_reg.is_empty() {
            self.by_reg.entry(d_reg).or_insert(i);
        }
        self.by_name.entry(name.clone()).or_insert(i);
        self.accounts.push((id, code, name));
        for c in contacts {
            let phones = [c.mobile.as_deref(), c.office_phone.as_deref()];
            for p in phones.into_iter().flatten().filter(|p| !p.is_empty()) {
                self.index((true, p.to_string()), i);
            }
            if let Some(e) = c.email.as_deref().filter(|e| !e.is_empty()) {
                self.index((false, e.to_string()), i);
            }
        }
    }

    fn index(&mut self, key: (bool, String), i: usize) {
        let list = self.by_value.entry(key).or_default();
        if list.len() < SHARED_LIMIT && list.last() != Some(&i) {
            list.push(i);
        }
    }

    /// What `accounts_sharing` would answer, from memory.
    fn sharing(&self, phones: &[String], emails: &[String]) -> Vec<Sharing> {
        let mut found: Vec<Sharing> = vec![];
        let wanted = phones
            .iter()
            .map(|p| (true, p))
            .chain(emails.iter().map(|e| (false, e)))
            .filter(|(_, v)| !v.is_empty());
        for (phone, value) in wanted {
            for &i in self
                .by_value
                .get(&(phone, value.clone()))
                .into_iter()
                .flatten()
            {
                let (id, code, name) = &self.accounts[i];
                if found.iter().any(|s| s.account_id == *id) {
                    continue;
                }
                found.push(Sharing {
                    account_id: *id,
                    code: code.clone(),
                    name: name.clone(),
                    shared: if phone { Shared::Phone } else { Shared::Email },
                    value: value.clone(),
                });
            }
        }
        found
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
        let matched = known
            .by_reg
            .get(&reg)
            .filter(|_| !reg.is_empty())
            .or_else(|| known.by_name.get(&name))
            .map(|i| known.accounts[*i].0);
        let (matched, apart) = match matched {
            Some(id) => (Some(id), None),
            None => {
                let sharing = known.sharing(&phones, &emails);
                match same_company(&name, &sharing) {
                    Some(i) => (Some(sharing[i].account_id), None),
                    None => (None, sharing.into_iter().next()),
                }
            }
        };
        if let Some(id) = matched {
            // Rare: the file names one of its own accounts again under another key.
            let stored = w.account(id)?;
            place(w, d, summary, stored, None)?;
            continue;
        }
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
        known.add(
            account.id,
            account.code.clone(),
            reg,
            account.name.clone(),
            &contacts,
        );
    }
    Ok(())
}
