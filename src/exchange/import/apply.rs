//! The accounts of a file meet the book, inside the import's one transaction: each is matched
//! (`identity`'s rules: registration number, name, a shared phone or e-mail only with the
//! same name) and updated, or added; its contacts likewise. People are found through an
//! index by name, phone and e-mail, so an account with thousands of contacts is linear, not
//! quadratic; the index only proposes, `identity::same_person` decides.

use super::records::{merge_into, record, text, with_name, Draft, People, Summary};
use crate::domain::{Account, Contact};
use crate::exchange::identity::{same_company, KeptApart};
use crate::store::Writer;
use anyhow::Result;
use serde_json::{Map, Value};

fn as_map(c: &Contact) -> Map<String, Value> {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
}

/// The phones and e-mails of a draft's contacts, as the book is searched for them.
pub(super) fn phones_and_emails(d: &Draft) -> (Vec<String>, Vec<String>) {
    let phones: Vec<String> = d
        .contacts
        .iter()
        .flat_map(|c| [text(c, "mobile"), text(c, "office_phone")])
        .collect();
    let emails: Vec<String> = d.contacts.iter().map(|c| text(c, "email")).collect();
    (phones, emails)
}

pub(super) fn apply(
    w: &mut Writer,
    drafts: &mut dyn Iterator<Item = Draft>,
    summary: &mut Summary,
    progress: &mut dyn FnMut(usize),
) -> Result<()> {
    for (n, d) in drafts.enumerate() {
        progress(n);
        let (phones, emails) = phones_and_emails(&d);
        let name = text(&d.account, "name");
        let mut apart = None;
        // A row with the code of an account is that account (kam's own export, edited), even
        // renamed: the name is the sheet's.
        if let Some(stored) = super::codes::renamed_by_code(w, &d.account, summary)? {
            place(w, d, summary, Some(stored), None)?;
            continue;
        }
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
        let found = found.filter(|stored| super::records::may_be(&d.account, stored));
        place(w, d, summary, found, apart)?;
    }
    Ok(())
}

/// Writes one draft: into the account it was matched to (`found`), else as a new account
/// (kept apart from `apart`, when it shares a phone or e-mail with it); its contacts likewise.
pub(super) fn place(
    w: &mut Writer,
    mut d: Draft,
    summary: &mut Summary,
    found: Option<Account>,
    apart: Option<crate::store::Sharing>,
) -> Result<i64> {
    let name = text(&d.account, "name");
    let code = found.as_ref().map(|a| a.code.clone()).unwrap_or_default();
    let (account_id, new_account) = match found {
        Some(stored) => {
            summary.accounts_matched += 1;
            let mut values = d.account.clone();
            // The stored name stays when matched by number or phone: a sheet's spelling
            // does not rename a customer.
            values.remove("name");
            values.remove("code");
            if let Some(mut updated) = merge_into(&stored, &values)? {
                let changed = super::changes::between(&stored.code, None, &stored, &updated)?;
                summary.changed.extend(changed);
                w.update(&mut updated)?;
                summary.accounts_updated += 1;
            }
            (stored.id, false)
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
            (account.id, true)
        }
    };
    let mut seen: Vec<Contact> = if new_account {
        vec![]
    } else {
        w.contacts_of(account_id)?
    };
    let mut known: Vec<Map<String, Value>> = seen.iter().map(as_map).collect();
    let mut people = People::default();
    for (i, k) in known.iter().enumerate() {
        people.add(i, k);
    }
    for c in &d.contacts {
        match people.find(&known, c) {
            Some(i) => {
                // The same person: their changed values are updates (each with its
                // history row); their name stays as the book has it.
                let mut values = c.clone();
                values.remove("name");
                values.insert("account_id".into(), Value::from(account_id));
                if let Some(mut updated) = merge_into(&seen[i], &values)? {
                    let who = Some(seen[i].name.as_str());
                    let changed = super::changes::between(&code, who, &seen[i], &updated)?;
                    summary.changed.extend(changed);
                    w.update(&mut updated)?;
                    summary.contacts_updated += 1;
                    known[i] = as_map(&updated);
                    people.add(i, &known[i]);
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
                let m = as_map(&contact);
                people.add(known.len(), &m);
                known.push(m);
                seen.push(contact);
            }
        }
    }
    Ok(account_id)
}
