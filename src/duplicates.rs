//! Probable duplicates (`kam duplicates`): accounts with the same registration number, the
//! same name once spaces, full-width characters and company suffixes (有限公司, 有限责任公司,
//! Co., Ltd. …) are evened out, or a contact's phone or email in common; and contacts twice
//! in one account. A person decides; `kam merge` then joins two accounts.

use crate::store::Store;
use anyhow::Result;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    RegistrationNo,
    Name,
    Phone,
    Email,
}

impl Reason {
    pub fn text(self) -> &'static str {
        match self {
            Reason::RegistrationNo => "same registration number",
            Reason::Name => "same name",
            Reason::Phone => "a contact's phone in common",
            Reason::Email => "a contact's email in common",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub reason: Reason,
    /// What they share (the number, the evened-out name, the phone, the email).
    pub key: String,
    pub accounts: Vec<Member>,
}

/// Chinese company suffixes that do not tell two companies apart, longest first, with the
/// legal form each names ("" for none). They end the name's last run of characters (Chinese
/// names have no spaces).
const CJK_SUFFIXES: &[(&str, &str)] = &[
    ("股份有限公司", "股份有限公司"),
    ("有限责任公司", "有限公司"),
    ("有限公司", "有限公司"),
    ("集团公司", "集团"),
    ("公司", ""),
];

/// Latin company suffixes, each a whole word (`PepsiCo` and `Monaco` end in no suffix), with
/// the legal form each names.
const LATIN_SUFFIXES: &[(&str, &str)] = &[
    ("corporation", "corp"),
    ("company", "co"),
    ("limited", "ltd"),
    ("corp", "corp"),
    ("gmbh", "gmbh"),
    ("inc", "inc"),
    ("llc", "llc"),
    ("ltd", "ltd"),
    ("plc", "plc"),
    ("co", "co"),
];

/// A company name evened out: the name without spaces, punctuation and trailing company
/// suffixes (full-width to half-width, lower case), and the legal forms those suffixes named
/// (`Apex Inc` → `apex`, `["inc"]`; `华为技术股份有限公司` → `华为技术`, `["股份有限公司"]`).
pub fn name_parts(name: &str) -> (String, Vec<&'static str>) {
    let folded = crate::domain::validate::normalize_width(name).to_lowercase();
    let mut words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut forms = Vec::new();
    // Strip from the end while something is left of the name.
    loop {
        let n = words.len();
        let Some(last) = words.last_mut() else { break };
        if n > 1 {
            if let Some((_, form)) = LATIN_SUFFIXES.iter().find(|(s, _)| last == s) {
                forms.push(*form);
                words.pop();
                continue;
            }
        }
        if let Some((s, form)) = CJK_SUFFIXES
            .iter()
            .find(|(s, _)| (n > 1 || last.len() > s.len()) && last.ends_with(s))
        {
            if last.len() == s.len() {
                words.pop();
            } else {
                last.truncate(last.len() - s.len());
            }
            forms.push(*form);
            continue;
        }
        break;
    }
    forms.retain(|f| !f.is_empty());
    forms.reverse();
    (words.concat(), forms)
}

/// A name as compared: full-width to half-width, lower case, without spaces and
/// punctuation, without trailing company suffixes (and their parentheses: 华为（深圳）).
pub fn name_key(name: &str) -> String {
    name_parts(name).0
}

fn digits(phone: &str) -> String {
    let d: String = phone.chars().filter(char::is_ascii_digit).collect();
    // +86 138… and 138… are one number.
    match d.strip_prefix("86") {
        Some(rest) if rest.len() == 11 => rest.to_string(),
        _ => d,
    }
}

pub fn account_duplicates(store: &Store) -> Result<Vec<Group>> {
    account_duplicates_told(store, &|_| {})
}

/// Rows looked at between two words to `done`: often enough for a progress bar, rarely
/// enough to cost nothing.
const TOLD_EVERY: usize = 1024;

/// [`account_duplicates`], telling `done` each account and contact looked at (a big book
/// takes seconds: `kam duplicates` shows a bar).
pub fn account_duplicates_told(store: &Store, done: &dyn Fn(u64)) -> Result<Vec<Group>> {
    let accounts = store.account_identities()?;
    let by_id: HashMap<i64, Member> = accounts
        .iter()
        .map(|a| {
            (
                a.id,
                Member {
                    id: a.id,
                    code: a.code.clone(),
                    name: a.name.clone(),
                },
            )
        })
        .collect();
    let mut keys: BTreeMap<(Reason, String), Vec<i64>> = BTreeMap::new();
    let mut add = |reason, key: String, id: i64| {
        if key.is_empty() {
            return;
        }
        let ids = keys.entry((reason, key)).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    };
    for (i, a) in accounts.iter().enumerate() {
        if i % TOLD_EVERY == TOLD_EVERY - 1 {
            done(TOLD_EVERY as u64);
        }
        if let Some(reg) = a
            .registration_no
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            add(Reason::RegistrationNo, reg.to_uppercase(), a.id);
        }
        add(Reason::Name, name_key(&a.name), a.id);
    }
    done((accounts.len() % TOLD_EVERY) as u64);
    let contacts = store.contact_keys()?;
    for (i, c) in contacts.iter().enumerate() {
        if i % TOLD_EVERY == TOLD_EVERY - 1 {
            done(TOLD_EVERY as u64);
        }
        for p in &c.phones {
            let d = digits(p);
            // Short numbers (extensions, switchboards) say little.
            if d.len() >= 7 {
                add(Reason::Phone, d, c.account_id);
            }
        }
        if let Some(e) = c.email.as_deref().map(|e| e.trim().to_lowercase()) {
            add(Reason::Email, e, c.account_id);
        }
    }
    done((contacts.len() % TOLD_EVERY) as u64);
    let mut groups: Vec<Group> = keys
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|((reason, key), ids)| Group {
            reason,
            key,
            accounts: ids.iter().filter_map(|id| by_id.get(id).cloned()).collect(),
        })
        .filter(|g| g.accounts.len() > 1)
        .collect();
    groups.sort_by(|a, b| (a.reason, &a.accounts[0].code).cmp(&(b.reason, &b.accounts[0].code)));
    Ok(groups)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactTwin {
    pub account: Member,
    pub reason: Reason,
    pub names: Vec<String>,
}

/// Contacts that appear twice in the same account (same name, phone or email).
pub fn contact_duplicates(store: &Store) -> Result<Vec<ContactTwin>> {
    contact_duplicates_told(store, &|_| {})
}

/// [`contact_duplicates`], telling `done` each contact looked at.
pub fn contact_duplicates_told(store: &Store, done: &dyn Fn(u64)) -> Result<Vec<ContactTwin>> {
    let accounts: HashMap<i64, Member> = store
        .account_identities()?
        .into_iter()
        .map(|a| {
            (
                a.id,
                Member {
                    id: a.id,
                    code: a.code,
                    name: a.name,
                },
            )
        })
        .collect();
    let mut keys: BTreeMap<(i64, Reason, String), Vec<String>> = BTreeMap::new();
    let contacts = store.contact_keys()?;
    for (i, c) in contacts.iter().enumerate() {
        if i % TOLD_EVERY == TOLD_EVERY - 1 {
            done(TOLD_EVERY as u64);
        }
        let mut add = |reason, key: String| {
            if !key.is_empty() {
                keys.entry((c.account_id, reason, key))
                    .or_default()
                    .push(c.name.clone());
            }
        };
        add(Reason::Name, name_key(&c.name));
        for p in &c.phones {
            let d = digits(p);
            if d.len() >= 7 {
                add(Reason::Phone, d);
            }
        }
        if let Some(e) = &c.email {
            add(Reason::Email, e.trim().to_lowercase());
        }
    }
    done((contacts.len() % TOLD_EVERY) as u64);
    Ok(keys
        .into_iter()
        .filter(|(_, names)| names.len() > 1)
        .filter_map(|((account_id, reason, _), names)| {
            Some(ContactTwin {
                account: accounts.get(&account_id)?.clone(),
                reason,
                names,
            })
        })
        .collect())
}
