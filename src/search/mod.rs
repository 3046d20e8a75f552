//! The account finder: one box that finds an account by name, short name, code, pinyin,
//! initials, contact, phone or email as the user types.
//!
//! - [`keys`]: what is built once per account (folded text, every pinyin reading, phone
//!   digits, character masks).
//! - [`query`]: what is built once per keystroke.
//! - [`pinyin_match`]: typed letters against syllables with all their readings.
//! - [`column`]: one text key of every account in one buffer.
//! - [`matcher`]: the ranking tiers and the details of a hit.
//!
//! Each text key of all accounts (names, short names, codes, contact names, phone digits,
//! emails) sits in one [`column::Column`] buffer, searched with one SIMD substring scan;
//! pinyin is matched per account, behind bit masks of the letters its readings hold. The
//! tiers are filled best first, and a tier is skipped once `limit` accounts matched better
//! (so fuzzy matching runs only when fewer than `limit` better hits exist); a bounded heap
//! then keeps the best `limit` by tier, recent activity and code. Within a tier matched
//! account by account (pinyin), accounts that could not enter the list even if they
//! matched are not matched at all.

mod column;
mod keys;
mod matcher;
mod pinyin_match;
mod query;

use crate::store::{AccountSummary, ContactKey, Store};
use anyhow::Result;
use column::Column;
use keys::{Built, Cold, ContactMasks, LetterMasks, PyMasks};
use matcher::{Tiers, View, Which};
use pinyin_match::Anchored;
use query::Query;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;
use std::sync::Mutex;

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
///
/// Every per-account vector below is indexed by the account's place ("slot") in
/// `accounts`; the texts live in [`Column`]s.
pub struct Finder {
    accounts: Vec<AccountSummary>,
    index: HashMap<i64, usize>,
    recency: Vec<u64>,
    code_key: Vec<u64>,
    m_name: Vec<u64>,
    /// Letters of the name's readings, read by every letter query: 12 bytes an account.
    py_hot: Vec<LetterMasks>,
    /// Letters of the contacts' names' readings.
    cpy_hot: Vec<LetterMasks>,
    /// The pair sets, read only for accounts that pass the letters.
    py: Vec<PyMasks>,
    cpy: Vec<ContactMasks>,
    /// A reused per-query buffer (one byte an account).
    scratch: Mutex<Vec<u8>>,
    cold: Vec<Cold>,
    names: Column,
    shorts: Column,
    codes: Column,
    contact_names: Column,
    phones: Column,
    emails: Column,
}

/// A kept hit; greater is worse (so the heap's top is the one to drop).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cand {
    tier: u8,
    recency: Reverse<u64>,
    code_key: u64,
    slot: u32,
}

/// The best `k` candidates of the tiers one matching loop can produce, so that the loop can
/// skip the pinyin matching of accounts that could not make the list even if they matched.
struct TopK {
    heap: BinaryHeap<Cand>,
    k: usize,
}

impl TopK {
    /// Seeded with the accounts already in tiers `lo..=hi`; `None` when the tiers above
    /// already fill the list.
    fn new(f: &Finder, t: &Tiers, lo: u8, hi: u8, limit: usize) -> Option<TopK> {
        let better = if lo == 0 { 0 } else { t.at_most(lo - 1) };
        let k = limit.checked_sub(better).filter(|&k| k > 0)?;
        let mut top = TopK {
            heap: BinaryHeap::with_capacity(k + 1),
            k,
        };
        if t.at_most(hi) > better {
            for slot in 0..f.accounts.len() {
                let tier = t.tier(slot);
                if (lo..=hi).contains(&tier) {
                    top.push(f.cand(slot, tier));
                }
            }
        }
        Some(top)
    }

    /// Whether a match at `c` would be kept.
    #[inline]
    fn worth(&self, c: &Cand) -> bool {
        self.heap.len() < self.k || self.heap.peek().is_some_and(|w| c < w)
    }

    fn push(&mut self, c: Cand) {
        if self.heap.len() < self.k {
            self.heap.push(c);
        } else if self.worth(&c) {
            self.heap.pop();
            self.heap.push(c);
        }
    }
}

impl Finder {
    #[inline]
    fn cand(&self, slot: usize, tier: u8) -> Cand {
        Cand {
            tier,
            recency: Reverse(self.recency[slot]),
            code_key: self.code_key[slot],
            slot: slot as u32,
        }
    }

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
        let built = build_all(jobs);
        let mut f = Finder {
            accounts: Vec::new(),
            index,
            recency: Vec::with_capacity(kept.len()),
            code_key: Vec::with_capacity(kept.len()),
            m_name: Vec::with_capacity(kept.len()),
            py_hot: Vec::with_capacity(kept.len()),
            cpy_hot: Vec::with_capacity(kept.len()),
            py: Vec::with_capacity(kept.len()),
            cpy: Vec::with_capacity(kept.len()),
            scratch: Mutex::new(Vec::new()),
            cold: Vec::with_capacity(kept.len()),
            names: Column::default(),
            shorts: Column::default(),
            codes: Column::default(),
            contact_names: Column::default(),
            phones: Column::default(),
            emails: Column::default(),
        };
        for b in built {
            f.push(b);
        }
        f.accounts = kept;
        f
    }

    fn push(&mut self, b: Built) {
        self.recency.push(b.recency);
        self.code_key.push(b.code_key);
        self.m_name.push(b.m_name);
        self.py_hot.push(LetterMasks::of(&b.py));
        self.cpy_hot.push(LetterMasks::of_contacts(&b.cpy));
        self.py.push(b.py);
        self.cpy.push(b.cpy);
        self.cold.push(b.cold);
        self.names.push(&b.name);
        self.shorts.push(&b.short);
        self.codes.push(&b.code);
        self.contact_names.push(&b.contact_names);
        self.phones.push(&b.phones);
        self.emails.push(&b.emails);
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

    /// Adds or replaces one account and its contacts (contacts of other accounts are ignored).
    pub fn upsert(&mut self, summary: AccountSummary, contacts: Vec<ContactKey>) {
        let contacts: Vec<ContactKey> = contacts
            .into_iter()
            .filter(|c| c.account_id == summary.id)
            .collect();
        let b = Built::new(&summary, contacts);
        let Some(&i) = self.index.get(&summary.id) else {
            self.index.insert(summary.id, self.accounts.len());
            self.accounts.push(summary);
            self.push(b);
            return;
        };
        self.accounts[i] = summary;
        self.recency[i] = b.recency;
        self.code_key[i] = b.code_key;
        self.m_name[i] = b.m_name;
        self.py_hot[i] = LetterMasks::of(&b.py);
        self.cpy_hot[i] = LetterMasks::of_contacts(&b.cpy);
        self.py[i] = b.py;
        self.cpy[i] = b.cpy;
        self.cold[i] = b.cold;
        self.names.set(i, &b.name);
        self.shorts.set(i, &b.short);
        self.codes.set(i, &b.code);
        self.contact_names.set(i, &b.contact_names);
        self.phones.set(i, &b.phones);
        self.emails.set(i, &b.emails);
    }

    /// Forgets one account and its contacts.
    pub fn remove(&mut self, account_id: i64) {
        let Some(i) = self.index.remove(&account_id) else {
            return;
        };
        self.accounts.swap_remove(i);
        self.recency.swap_remove(i);
        self.code_key.swap_remove(i);
        self.m_name.swap_remove(i);
        self.py_hot.swap_remove(i);
        self.cpy_hot.swap_remove(i);
        self.py.swap_remove(i);
        self.cpy.swap_remove(i);
        self.cold.swap_remove(i);
        for c in [
            &mut self.names,
            &mut self.shorts,
            &mut self.codes,
            &mut self.contact_names,
            &mut self.phones,
            &mut self.emails,
        ] {
            c.swap_remove(i);
        }
        if let Some(moved) = self.accounts.get(i) {
            self.index.insert(moved.id, i);
        }
    }

    /// The best `limit` accounts for `query`, one hit per account, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        if limit == 0 || self.accounts.is_empty() {
            return vec![];
        }
        let q = Query::new(query);
        let n = self.accounts.len();
        let limit = limit.min(n);
        let mut scratch = self.scratch.try_lock().ok();
        let buf = scratch
            .as_deref_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let mut t = Tiers::new(buf, n);
        if q.is_empty() {
            for slot in 0..n {
                t.offer(slot, matcher::EXACT, Which::Recent);
            }
        } else {
            self.match_all(&q, &mut t, limit);
        }
        // Only the tiers that can fill the list matter.
        let cut = (0..=matcher::FUZZY)
            .find(|&tier| t.at_most(tier) >= limit)
            .unwrap_or(matcher::FUZZY);
        let mut heap: BinaryHeap<Cand> = BinaryHeap::with_capacity(limit + 1);
        for slot in 0..n {
            let tier = t.tier(slot);
            if tier > cut {
                continue;
            }
            let c = Cand {
                tier,
                recency: Reverse(self.recency[slot]),
                code_key: self.code_key[slot],
                slot: slot as u32,
            };
            if heap.len() < limit {
                heap.push(c);
            } else if heap.peek().is_some_and(|w| c < *w) {
                heap.pop();
                heap.push(c);
            }
        }
        let mut kept = heap.into_vec();
        kept.sort_by(|a, b| {
            (a.tier, a.recency)
                .cmp(&(b.tier, b.recency))
                .then_with(|| {
                    self.codes
                        .text(a.slot as usize)
                        .cmp(self.codes.text(b.slot as usize))
                })
                .then(a.slot.cmp(&b.slot))
        });
        let hits = kept
            .into_iter()
            .filter_map(|c| {
                let slot = c.slot as usize;
                let view = View {
                    name: self.names.text(slot),
                    cold: &self.cold[slot],
                };
                Some(matcher::describe(
                    &self.accounts[slot],
                    &view,
                    &q,
                    t.found(slot)?,
                ))
            })
            .collect();
        if let Some(s) = scratch.as_deref_mut() {
            *s = t.into_buf();
        }
        hits
    }

    /// Fills `t` tier by tier, stopping once `limit` accounts matched better than what is left.
    fn match_all(&self, q: &Query, t: &mut Tiers, limit: usize) {
        use matcher::*;
        let qlen = q.text.len();
        let by_position = |pos: usize, len: usize| match (pos, len == qlen) {
            (0, true) => EXACT,
            (0, false) => PREFIX,
            _ => SUBSTRING,
        };
        self.names.scan(&q.finder, |slot, pos, len| {
            t.offer(slot, by_position(pos, len), Which::Name)
        });
        self.shorts.scan(&q.finder, |slot, pos, len| {
            t.offer(slot, by_position(pos, len), Which::Short)
        });
        self.codes.scan(&q.finder, |slot, pos, len| {
            if pos == 0 {
                t.offer(slot, by_position(pos, len), Which::Code)
            }
        });
        let letters = q.letters.as_deref();
        if let (Some(l), Some(mut top)) = (
            letters,
            TopK::new(self, t, PINYIN_WHOLE, PINYIN_PREFIX, limit),
        ) {
            for (slot, h) in self.py_hot.iter().enumerate() {
                if h.first & q.first_letter == 0 || q.letters_mask & !h.letters != 0 {
                    continue;
                }
                if t.tier(slot) <= PINYIN_WHOLE || !top.worth(&self.cand(slot, PINYIN_WHOLE)) {
                    continue;
                }
                let m = &self.py[slot];
                if q.first_pair & !m.head_pairs != 0 || !m.all_pairs.covers(&q.pairs) {
                    continue;
                }
                let cold = &self.cold[slot];
                for (key, which) in [
                    (&cold.name_py, Which::NamePinyin),
                    (&cold.short_py, Which::ShortPinyin),
                ] {
                    let Some(key) = key.as_ref().filter(|k| {
                        k.first & q.first_letter != 0 && q.first_pair & !k.head_pairs == 0
                    }) else {
                        continue;
                    };
                    let tier = match pinyin_match::anchored(key, l, 0) {
                        Some(Anchored::Whole) => PINYIN_WHOLE,
                        Some(Anchored::Prefix(_)) => PINYIN_PREFIX,
                        None => continue,
                    };
                    t.offer(slot, tier, which);
                    top.push(self.cand(slot, t.tier(slot)));
                }
            }
        }
        if let Some(l) = letters {
            if let Some(mut top) = TopK::new(self, t, SUBSTRING, SUBSTRING, limit) {
                for (slot, h) in self.py_hot.iter().enumerate() {
                    if h.initials & q.first_letter == 0 || q.letters_mask & !h.letters != 0 {
                        continue;
                    }
                    if t.tier(slot) <= SUBSTRING || !top.worth(&self.cand(slot, SUBSTRING)) {
                        continue;
                    }
                    let m = &self.py[slot];
                    if q.first_pair & !m.pairs != 0 || !m.all_pairs.covers(&q.pairs) {
                        continue;
                    }
                    if self.cold[slot]
                        .name_py
                        .as_ref()
                        .is_some_and(|k| pinyin_match::infix(k, l))
                    {
                        t.offer(slot, SUBSTRING, Which::NamePinyin);
                        top.push(self.cand(slot, SUBSTRING));
                    }
                }
            }
        }
        if t.at_most(SUBSTRING) >= limit {
            return;
        }
        self.contact_names.scan(&q.finder, |slot, _, _| {
            t.offer(slot, CONTACT, Which::Contact)
        });
        if let (Some(l), Some(mut top)) = (letters, TopK::new(self, t, CONTACT, CONTACT, limit)) {
            for (slot, h) in self.cpy_hot.iter().enumerate() {
                if h.first & q.first_letter == 0 || q.letters_mask & !h.letters != 0 {
                    continue;
                }
                if t.tier(slot) <= CONTACT || !top.worth(&self.cand(slot, CONTACT)) {
                    continue;
                }
                let m = &self.cpy[slot];
                if q.first_pair & !m.head_pairs != 0 || !m.all_pairs.covers(&q.pairs) {
                    continue;
                }
                let keys = &self.cold[slot].contact_pys;
                if keys.iter().any(|k| {
                    k.first & q.first_letter != 0
                        && q.first_pair & !k.head_pairs == 0
                        && pinyin_match::anchored(k, l, 0).is_some()
                }) {
                    t.offer(slot, CONTACT, Which::Contact);
                    top.push(self.cand(slot, CONTACT));
                }
            }
        }
        if t.at_most(CONTACT) >= limit {
            return;
        }
        if let Some(d) = &q.digits {
            self.phones
                .scan(d, |slot, _, _| t.offer(slot, PHONE_EMAIL, Which::Phone));
        }
        self.emails.scan(&q.finder, |slot, _, _| {
            t.offer(slot, PHONE_EMAIL, Which::Email)
        });
        if t.at_most(PHONE_EMAIL) >= limit || q.compact.is_empty() {
            return;
        }
        for (slot, &m) in self.m_name.iter().enumerate() {
            if q.mask & !m != 0 || t.tier(slot) <= FUZZY {
                continue;
            }
            if subsequence(self.names.text(slot), &q.compact).is_some()
                || subsequence(self.shorts.text(slot), &q.compact).is_some()
            {
                t.offer(slot, FUZZY, Which::Fuzzy);
            }
        }
    }
}

/// Keys for many accounts, on every core for large loads.
fn build_all(jobs: Vec<(&AccountSummary, Vec<ContactKey>)>) -> Vec<Built> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if jobs.len() < 4096 || threads < 2 {
        return jobs.into_iter().map(|(a, c)| Built::new(a, c)).collect();
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
                        .map(|(a, c)| Built::new(a, c))
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
