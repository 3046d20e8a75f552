//! The account finder. (Placeholder: plain substring matching; replaced by the pinyin-aware
//! finder.)

use crate::store::{AccountSummary, ContactKey, Store};
use anyhow::Result;
use std::ops::Range;

/// Which key of an account a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum MatchKind {
    ExactName,
    NamePrefix,
    Code,
    Initials,
    Pinyin,
    NameSubstring,
    Contact,
    Phone,
    Email,
    Fuzzy,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub account_id: i64,
    pub kind: MatchKind,
    /// Character ranges of the account's name to highlight (empty when matched elsewhere).
    pub name_ranges: Vec<Range<usize>>,
    /// The contact, phone or email that matched, when not the name.
    pub matched_text: Option<String>,
}

pub struct Finder {
    accounts: Vec<AccountSummary>,
    contacts: Vec<ContactKey>,
}

impl Finder {
    pub fn new(accounts: Vec<AccountSummary>, contacts: Vec<ContactKey>) -> Finder {
        Finder { accounts, contacts }
    }

    pub fn from_store(store: &Store) -> Result<Finder> {
        Ok(Finder::new(
            store.account_summaries()?,
            store.contact_keys()?,
        ))
    }

    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    pub fn account(&self, id: i64) -> Option<&AccountSummary> {
        self.accounts.iter().find(|a| a.id == id)
    }

    pub fn accounts(&self) -> &[AccountSummary] {
        &self.accounts
    }

    pub fn upsert(&mut self, summary: AccountSummary, contacts: Vec<ContactKey>) {
        self.remove(summary.id);
        self.contacts.extend(contacts);
        self.accounts.push(summary);
    }

    pub fn remove(&mut self, account_id: i64) {
        self.accounts.retain(|a| a.id != account_id);
        self.contacts.retain(|c| c.account_id != account_id);
    }

    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = query.trim().to_lowercase();
        let mut hits = vec![];
        for a in &self.accounts {
            if a.name.to_lowercase().contains(&q) || a.code.to_lowercase().contains(&q) {
                hits.push(Hit {
                    account_id: a.id,
                    kind: MatchKind::NameSubstring,
                    name_ranges: vec![],
                    matched_text: None,
                });
            }
        }
        for c in &self.contacts {
            if c.name.to_lowercase().contains(&q)
                && !hits.iter().any(|h| h.account_id == c.account_id)
            {
                hits.push(Hit {
                    account_id: c.account_id,
                    kind: MatchKind::Contact,
                    name_ranges: vec![],
                    matched_text: Some(c.name.clone()),
                });
            }
        }
        hits.truncate(limit);
        hits
    }
}
