//! The account finder: one box that finds an account by name, short name, code, pinyin,
//! initials, contact, phone or email as the user types.
//!
//! - [`keys`]: what is built once per account (folded text, every pinyin reading, phone
//!   digits, character masks).
//! - [`query`]: what is built once per keystroke.
//! - [`pinyin_match`]: typed letters against syllables with all their readings.
//! - [`matcher`]: the ranking tiers and the details of a hit.
//!
//! A search is one linear pass over the accounts. Masks rule out most accounts with a few
//! bit operations; a bounded heap keeps the best `limit`; once it is full, an account is
//! only tested for the tiers that could still displace the worst kept hit. Fuzzy matching
//! runs only when fewer than `limit` accounts matched better.

mod keys;
mod matcher;
mod pinyin_match;
mod query;

use crate::store::{AccountSummary, ContactKey, Store};
use anyhow::Result;
use keys::Entry;
use matcher::{Found, Which};
use query::Query;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
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
    /// The query was empty: the most recently active accounts.
    Recent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub account_id: i64,
    pub kind: MatchKind,
    /// Character ranges of the account's name to highlight (empty when matched elsewhere).
    pub name_ranges: Vec<Range<usize>>,
    /// The contact, phone or email that matched, when not the name (also the short name
    /// or code when one of those matched).
    pub matched_text: Option<String>,
}

/// The finder over every live account. `accounts()` is in load order until a `remove`,
/// which moves the last account into the removed one's place.
pub struct Finder {
    accounts: Vec<AccountSummary>,
    entries: Vec<Entry>,
    index: HashMap<i64, usize>,
}

/// A kept hit; greater is worse (so the heap's top is the one to drop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cand {
    tier: u8,
    recency: u64,
    code_key: u64,
    idx: u32,
    which: Which,
}

impl Cand {
    /// Ordering among accounts of one tier: newer activity first, then code.
    fn tie(&self) -> (std::cmp::Reverse<u64>, u64, u32) {
        (std::cmp::Reverse(self.recency), self.code_key, self.idx)
    }
}

impl Ord for Cand {
    fn cmp(&self, o: &Self) -> Ordering {
        self.tier
            .cmp(&o.tier)
            .then_with(|| self.tie().cmp(&o.tie()))
    }
}

impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// The best `limit` candidates.
struct Best {
    heap: BinaryHeap<Cand>,
    limit: usize,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            heap: BinaryHeap::with_capacity(limit + 1),
            limit,
        }
    }

    /// The worst tier an account with these tie keys could still enter with, if any.
    #[inline]
    fn max_tier(&self, e: &Entry, idx: u32) -> Option<u8> {
        if self.heap.len() < self.limit {
            return Some(u8::MAX);
        }
        let worst = self.heap.peek()?;
        let probe = Cand {
            tier: worst.tier,
            recency: e.recency,
            code_key: e.code_key,
            idx,
            which: worst.which,
        };
        if probe.tie() < worst.tie() {
            Some(worst.tier)
        } else {
            worst.tier.checked_sub(1)
        }
    }

    #[inline]
    fn offer(&mut self, e: &Entry, idx: u32, f: Found) {
        let c = Cand {
            tier: f.tier,
            recency: e.recency,
            code_key: e.code_key,
            idx,
            which: f.which,
        };
        if self.heap.len() < self.limit {
            self.heap.push(c);
        } else if self.heap.peek().is_some_and(|w| c < *w) {
            self.heap.pop();
            self.heap.push(c);
        }
    }
}

impl Finder {
    pub fn new(accounts: Vec<AccountSummary>, contacts: Vec<ContactKey>) -> Finder {
        let mut by_account: HashMap<i64, Vec<ContactKey>> = HashMap::with_capacity(accounts.len());
        for c in contacts {
            by_account.entry(c.account_id).or_default().push(c);
        }
        let mut index = HashMap::with_capacity(accounts.len());
        let mut kept: Vec<AccountSummary> = Vec::with_capacity(accounts.len());
        for a in accounts {
            // A repeated id replaces the earlier summary, as `upsert` would.
            match index.get(&a.id) {
                Some(&i) => kept[i] = a,
                None => {
                    index.insert(a.id, kept.len());
                    kept.push(a);
                }
            }
        }
        let jobs: Vec<(&AccountSummary, Vec<ContactKey>)> = kept
            .iter()
            .map(|a| (a, by_account.remove(&a.id).unwrap_or_default()))
            .collect();
        let entries = build_entries(jobs);
        Finder {
            accounts: kept,
            entries,
            index,
        }
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
        self.index.get(&id).map(|&i| &self.accounts[i])
    }

    pub fn accounts(&self) -> &[AccountSummary] {
        &self.accounts
    }

    /// Adds or replaces one account and its contacts.
    pub fn upsert(&mut self, summary: AccountSummary, contacts: Vec<ContactKey>) {
        let contacts: Vec<ContactKey> = contacts
            .into_iter()
            .filter(|c| c.account_id == summary.id)
            .collect();
        let entry = Entry::build(&summary, contacts);
        match self.index.get(&summary.id) {
            Some(&i) => {
                self.accounts[i] = summary;
                self.entries[i] = entry;
            }
            None => {
                self.index.insert(summary.id, self.accounts.len());
                self.accounts.push(summary);
                self.entries.push(entry);
            }
        }
    }

    /// Forgets one account and its contacts.
    pub fn remove(&mut self, account_id: i64) {
        let Some(i) = self.index.remove(&account_id) else {
            return;
        };
        self.accounts.swap_remove(i);
        self.entries.swap_remove(i);
        if let Some(moved) = self.accounts.get(i) {
            self.index.insert(moved.id, i);
        }
    }

    /// The best `limit` accounts for `query`, one hit per account, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        if limit == 0 || self.entries.is_empty() {
            return vec![];
        }
        let q = Query::new(query);
        let mut best = Best::new(limit);
        if q.is_empty() {
            let recent = Found {
                tier: 0,
                which: Which::Recent,
            };
            for (i, e) in self.entries.iter().enumerate() {
                best.offer(e, i as u32, recent);
            }
        } else {
            for (i, e) in self.entries.iter().enumerate() {
                let idx = i as u32;
                let Some(max) = best.max_tier(e, idx) else {
                    continue;
                };
                if let Some(f) = matcher::eval(e, &q, max) {
                    best.offer(e, idx, f);
                }
            }
            if best.heap.len() < limit {
                let mut taken: Vec<u32> = best.heap.iter().map(|c| c.idx).collect();
                taken.sort_unstable();
                for (i, e) in self.entries.iter().enumerate() {
                    let idx = i as u32;
                    if best.max_tier(e, idx).is_none() || taken.binary_search(&idx).is_ok() {
                        continue;
                    }
                    if let Some(f) = matcher::fuzzy(e, &q) {
                        best.offer(e, idx, f);
                    }
                }
            }
        }
        let mut kept = best.heap.into_vec();
        kept.sort_by(|a, b| {
            a.tier
                .cmp(&b.tier)
                .then(b.recency.cmp(&a.recency))
                .then_with(|| {
                    self.entries[a.idx as usize]
                        .code
                        .cmp(&self.entries[b.idx as usize].code)
                })
                .then(a.idx.cmp(&b.idx))
        });
        kept.into_iter()
            .map(|c| {
                let i = c.idx as usize;
                matcher::describe(
                    &self.accounts[i],
                    &self.entries[i],
                    &q,
                    Found {
                        tier: c.tier,
                        which: c.which,
                    },
                )
            })
            .collect()
    }
}

/// Entries for many accounts, on every core for large loads.
fn build_entries(jobs: Vec<(&AccountSummary, Vec<ContactKey>)>) -> Vec<Entry> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if jobs.len() < 4096 || threads < 2 {
        return jobs.into_iter().map(|(a, c)| Entry::build(a, c)).collect();
    }
    let chunk = jobs.len().div_ceil(threads);
    let mut jobs = jobs;
    let mut parts: Vec<Vec<(&AccountSummary, Vec<ContactKey>)>> = Vec::new();
    while jobs.len() > chunk {
        let tail = jobs.split_off(jobs.len() - chunk);
        parts.push(tail);
    }
    parts.push(jobs);
    parts.reverse();
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                s.spawn(move || {
                    part.into_iter()
                        .map(|(a, c)| Entry::build(a, c))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("building search keys panicked"))
            .collect()
    })
}
