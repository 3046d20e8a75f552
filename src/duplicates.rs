//! Probable duplicates (`kam duplicates`): accounts with the same registration number, the
//! same name once spaces, full-width characters and company suffixes (有限公司, 有限责任公司,
//! Co., Ltd. …) are evened out, or a contact's phone or email in common; and contacts twice
//! in one account. A person decides; `kam merge` then joins two accounts.

use crate::store::Store;
use anyhow::Result;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

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
const TOLD_EVERY: u64 = 1024;

/// Keys held at once while looking for twin accounts: each is 16 bytes (a hash of the key
/// and the account), so a pass holds at most 16 MB whatever the size of the book.
const KEYS_PER_PASS: u64 = 1 << 20;

/// At most the keys an account (number, name) and a contact (three phones, an email) have.
const KEYS_PER_ACCOUNT: u64 = 2;
const KEYS_PER_CONTACT: u64 = 4;

/// How the book is read to find twin accounts: `passes` over every account and contact to
/// find the keys shared (each pass keeping the keys whose hash falls in its share), then one
/// more to name them.
struct Plan {
    accounts: u64,
    contacts: u64,
    passes: u64,
}

impl Plan {
    fn of(store: &Store) -> Result<Plan> {
        use crate::domain::RecordKind;
        let count = |kind| store.count_for_export(kind, crate::store::Only::All);
        let (accounts, contacts) = (count(RecordKind::Account)?, count(RecordKind::Contact)?);
        let keys = KEYS_PER_ACCOUNT * accounts + KEYS_PER_CONTACT * contacts;
        Ok(Plan {
            accounts,
            contacts,
            passes: keys.div_ceil(KEYS_PER_PASS).max(1),
        })
    }

    /// Rows told to `done` by [`account_duplicates_told`] and [`contact_duplicates_told`].
    fn rows(&self) -> u64 {
        (self.passes + 1) * (self.accounts + self.contacts) + self.contacts
    }
}

/// How many rows [`account_duplicates_told`] and [`contact_duplicates_told`] look at in
/// all: the total of their progress.
pub fn rows_to_look_at(store: &Store) -> Result<u64> {
    Ok(Plan::of(store)?.rows())
}

/// Counts rows for `done`, a word every [`TOLD_EVERY`].
struct Told<'a> {
    done: &'a dyn Fn(u64),
    rows: u64,
}

impl Told<'_> {
    fn one(&mut self) {
        self.rows += 1;
        if self.rows.is_multiple_of(TOLD_EVERY) {
            (self.done)(TOLD_EVERY);
        }
    }

    fn finish(self) {
        (self.done)(self.rows % TOLD_EVERY);
    }
}

/// Every key of the book, told to `each` with its account: each live account's registration
/// number and name, each of its live contacts' phones and email.
fn each_key(
    store: &Store,
    done: &dyn Fn(u64),
    each: &mut dyn FnMut(Reason, String, i64),
) -> Result<()> {
    let mut told = Told { done, rows: 0 };
    let mut add = |reason, key: String, id: i64| {
        if !key.is_empty() {
            each(reason, key, id);
        }
    };
    store.each_account_identity(&mut |a| {
        told.one();
        if let Some(reg) = a
            .registration_no
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            add(Reason::RegistrationNo, reg.to_uppercase(), a.id);
        }
        add(Reason::Name, name_key(&a.name), a.id);
        Ok(())
    })?;
    store.each_live_contact_key(&mut |c| {
        told.one();
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
        Ok(())
    })?;
    told.finish();
    Ok(())
}

fn hash_of(reason: Reason, key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same key hashes alike in every pass.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (reason as u8).hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

/// [`account_duplicates`], telling `done` each account and contact looked at (a big book
/// takes seconds: `kam duplicates` shows a bar).
// In bounded memory: the keys (a million at 100,000 accounts, 400 MB as one map of strings)
// are never held. Each pass keeps a hash and an account per key of its share of hashes and
// sorts them; a hash with two accounts or more is a candidate. The last pass keeps the keys
// of the candidates only, as strings (two keys of one hash are told apart there).
pub fn account_duplicates_told(store: &Store, done: &dyn Fn(u64)) -> Result<Vec<Group>> {
    let plan = Plan::of(store)?;
    let mut candidates: HashSet<u64> = HashSet::new();
    for pass in 0..plan.passes {
        let mut keys: Vec<(u64, i64)> = Vec::new();
        each_key(store, done, &mut |reason, key, id| {
            let h = hash_of(reason, &key);
            if h % plan.passes == pass {
                keys.push((h, id));
            }
        })?;
        keys.sort_unstable();
        keys.dedup();
        candidates.extend(
            keys.chunk_by(|a, b| a.0 == b.0)
                .filter(|run| run.len() > 1)
                .map(|run| run[0].0),
        );
    }
    let mut keys: BTreeMap<(Reason, String), Vec<i64>> = BTreeMap::new();
    each_key(store, done, &mut |reason, key, id| {
        if candidates.contains(&hash_of(reason, &key)) {
            let ids = keys.entry((reason, key)).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    })?;
    let mut groups = vec![];
    for ((reason, key), ids) in keys.into_iter().filter(|(_, ids)| ids.len() > 1) {
        let mut accounts = vec![];
        for id in ids {
            accounts.extend(store.account_identity(id)?.map(member));
        }
        if accounts.len() > 1 {
            groups.push(Group {
                reason,
                key,
                accounts,
            });
        }
    }
    groups.sort_by(|a, b| (a.reason, &a.accounts[0].code).cmp(&(b.reason, &b.accounts[0].code)));
    Ok(groups)
}

fn member(a: crate::store::AccountIdentity) -> Member {
    Member {
        id: a.id,
        code: a.code,
        name: a.name,
    }
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
// One account's contacts at a time (they come by account): nothing of the whole book is held.
pub fn contact_duplicates_told(store: &Store, done: &dyn Fn(u64)) -> Result<Vec<ContactTwin>> {
    let mut told = Told { done, rows: 0 };
    let mut twins = vec![];
    let mut account_id = None;
    let mut keys: BTreeMap<(Reason, String), Vec<String>> = BTreeMap::new();
    let mut twins_of = |account_id: Option<i64>,
                        keys: &mut BTreeMap<(Reason, String), Vec<String>>|
     -> Result<()> {
        let found = std::mem::take(keys);
        let Some(id) = account_id else { return Ok(()) };
        let mut found = found
            .into_iter()
            .filter(|(_, names)| names.len() > 1)
            .peekable();
        if found.peek().is_none() {
            return Ok(());
        }
        let Some(account) = store.account_identity(id)?.map(member) else {
            return Ok(());
        };
        for ((reason, _), names) in found {
            twins.push(ContactTwin {
                account: account.clone(),
                reason,
                names,
            });
        }
        Ok(())
    };
    store.each_live_contact_key(&mut |c| {
        told.one();
        if account_id != Some(c.account_id) {
            twins_of(account_id, &mut keys)?;
            account_id = Some(c.account_id);
        }
        let mut add = |reason, key: String| {
            if !key.is_empty() {
                keys.entry((reason, key)).or_default().push(c.name.clone());
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
        Ok(())
    })?;
    twins_of(account_id, &mut keys)?;
    told.finish();
    Ok(twins)
}
