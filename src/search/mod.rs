//! The account finder: one box that finds an account by name, short name, code, pinyin,
//! initials, contact, phone or email as the user types.
//!
//! - [`crate::search_keys`]: what is built once per account (folded texts, pinyin masks),
//!   as a record the store keeps current, so loading the finder builds nothing.
//! - [`query`]: what is built once per keystroke.
//! - [`pinyin_match`]: typed letters against syllables with all their readings.
//! - [`column`]: one text key of every account in one buffer.
//! - [`matcher`]: the ranking tiers and the details of a hit.
//! - [`arena`]: the rest of each record (summary, contacts as typed) in one buffer.
//!
//! Each text key of all accounts (names, short names, codes, contact names, phone digits,
//! emails) sits in one [`column::Column`] buffer, searched with one SIMD substring scan;
//! pinyin is matched per account (its readings looked up per character, none stored),
//! behind bit masks of the letters its readings hold. The
//! tiers are filled best first, and a tier is skipped once `limit` accounts matched better
//! (so fuzzy matching runs only when fewer than `limit` better hits exist); a bounded heap
//! then keeps the best `limit` by tier, recent activity and code. Within a tier matched
//! account by account (pinyin), accounts that could not enter the list even if they
//! matched are not matched at all.

mod arena;
mod column;
mod matcher;
mod pinyin_match;
mod query;

use crate::search_keys::chunk;
use crate::search_keys::pinyin::{PyKey, PyMasks};
use crate::search_keys::record::{self, Masks, Record, SummaryRef, Tail};
use crate::search_keys::{encode, AccountSummary, ContactKey};
use crate::store::Store;
use anyhow::Result;
use arena::Arena;
use column::Column;
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

/// The letter masks every letter query reads first: 12 bytes an account.
#[derive(Debug, Clone, Copy, Default)]
struct Letters {
    first: u32,
    letters: u32,
    initials: u32,
}

/// The pair sets, read only for accounts that pass the letters.
#[derive(Debug, Clone, Copy, Default)]
struct NamePairs {
    head_pairs: u128,
    pairs: u128,
    all_pairs: crate::search_keys::pinyin::Pairs,
}

#[derive(Debug, Clone, Copy, Default)]
struct ContactPairs {
    head_pairs: u128,
    all_pairs: crate::search_keys::pinyin::Pairs,
}

impl NamePairs {
    fn of(m: &PyMasks) -> NamePairs {
        NamePairs {
            head_pairs: m.head_pairs,
            pairs: m.pairs,
            all_pairs: m.all_pairs,
        }
    }
}

impl ContactPairs {
    fn of(m: &PyMasks) -> ContactPairs {
        ContactPairs {
            head_pairs: m.head_pairs,
            all_pairs: m.all_pairs,
        }
    }
}

impl Letters {
    fn of(m: &PyMasks) -> Letters {
        Letters {
            first: m.first,
            letters: m.letters,
            initials: m.initials,
        }
    }
}

/// The finder over every live account, made of one record per account (see
/// [`crate::search_keys::record`]): the masks in per-account vectors, the folded texts in
/// [`Column`]s, and the rest (the summary shown, contacts as typed) in one [`Arena`].
///
/// Every per-account vector is indexed by the account's place ("slot"), which is load order
/// until a `remove` moves the last account into the removed one's place.
pub struct Finder {
    ids: Vec<i64>,
    index: HashMap<i64, usize>,
    recency: Vec<u64>,
    code_key: Vec<u64>,
    m_name: Vec<u64>,
    py_hot: Vec<Letters>,
    cpy_hot: Vec<Letters>,
    py: Vec<NamePairs>,
    cpy: Vec<ContactPairs>,
    /// A reused per-query buffer (one byte an account).
    scratch: Mutex<Vec<u8>>,
    tails: Arena,
    /// The next planned visit of the accounts that have one (it moves with the date, so it
    /// is not in the records).
    next_visit: HashMap<i64, String>,
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
            for slot in 0..f.ids.len() {
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

    fn empty() -> Finder {
        Finder {
            ids: Vec::new(),
            index: HashMap::new(),
            recency: Vec::new(),
            code_key: Vec::new(),
            m_name: Vec::new(),
            py_hot: Vec::new(),
            cpy_hot: Vec::new(),
            py: Vec::new(),
            cpy: Vec::new(),
            scratch: Mutex::new(Vec::new()),
            tails: Arena::default(),
            next_visit: HashMap::new(),
            names: Column::default(),
            shorts: Column::default(),
            codes: Column::default(),
            contact_names: Column::default(),
            phones: Column::default(),
            emails: Column::default(),
        }
    }

    /// The finder over `accounts` and their contacts (a repeated id replaces the earlier
    /// account, as `upsert` would).
    pub fn new(accounts: Vec<AccountSummary>, contacts: Vec<ContactKey>) -> Finder {
        let mut by_account: HashMap<i64, Vec<ContactKey>> = HashMap::with_capacity(accounts.len());
        for c in contacts {
            by_account.entry(c.account_id).or_default().push(c);
        }
        let mut f = Finder::empty();
        for a in accounts {
            let cs = by_account.get(&a.id).map_or(&[][..], Vec::as_slice);
            f.upsert_record(&encode(&a, cs));
            f.set_next_visit(a.id, a.next_visit);
        }
        f
    }

    /// The finder over the records the store keeps (building only those left stale), with
    /// every account's next planned visit.
    pub fn from_store(store: &Store) -> Result<Finder> {
        let mut f = Finder::load(store, true)?;
        f.next_visit = store.next_visits()?;
        Ok(f)
    }

    /// The same without what is shown of an account (its summary and contacts as typed), for
    /// a search that reads only the accounts it finds: `account` and `summary` are empty.
    pub fn keys_from_store(store: &Store) -> Result<Finder> {
        Finder::load(store, false)
    }

    fn load(store: &Store, with_tails: bool) -> Result<Finder> {
        let mut f = Finder::empty();
        let mut unreadable = Vec::new();
        store.search_chunks(with_tails, |number, keys, tails| {
            if !f.absorb_chunk(keys, tails) {
                unreadable.push(number);
            }
        })?;
        let mut build = Vec::new();
        for number in unreadable {
            let (lo, hi) = chunk::id_range(number);
            build.extend(store.live_ids_between(lo, hi)?);
        }
        let (overrides, stale) = store.search_overrides()?;
        for (id, record) in overrides {
            match record {
                Some(bytes) if f.upsert_record(&bytes) => {}
                Some(_) => build.push(id),
                None => f.remove(id),
            }
        }
        for id in build.into_iter().chain(stale) {
            match store.search_record_built(id)? {
                Some(bytes) => {
                    f.upsert_record(&bytes);
                }
                None => f.remove(id),
            }
        }
        f.shrink();
        Ok(f)
    }

    /// Appends a chunk of records of accounts not yet in the finder (whole columns at a
    /// time); false, with nothing changed, when the chunk cannot be read.
    fn absorb_chunk(&mut self, keys: &[u8], tails: Option<&[u8]>) -> bool {
        let Some(k) = chunk::Keys::parse(keys) else {
            return false;
        };
        let tails = match tails {
            Some(t) => match chunk::Tails::parse(t, k.n) {
                Some(t) => Some(t),
                None => return false,
            },
            None => None,
        };
        if (0..k.n).any(|i| self.index.contains_key(&k.id(i))) {
            return false;
        }
        for i in 0..k.n {
            let id = k.id(i);
            self.index.insert(id, self.ids.len());
            self.ids.push(id);
            self.push_masks(&Masks::read(k.header(i)).unwrap_or_default());
        }
        for (t, c) in self.columns_mut().into_iter().enumerate() {
            let (lens, bytes) = k.column(t);
            c.extend(lens, bytes);
        }
        match tails {
            Some(t) => t.iter().for_each(|tail| self.tails.push(tail)),
            None => (0..k.n).for_each(|_| self.tails.push(&[])),
        }
        true
    }

    fn push_masks(&mut self, m: &Masks) {
        self.recency.push(m.recency);
        self.code_key.push(m.code_key);
        self.m_name.push(m.m_name);
        self.py_hot.push(Letters::of(&m.py));
        self.cpy_hot.push(Letters::of(&m.cpy));
        self.py.push(NamePairs::of(&m.py));
        self.cpy.push(ContactPairs::of(&m.cpy));
    }

    /// Gives back the room vectors grew into while loading.
    fn shrink(&mut self) {
        self.ids.shrink_to_fit();
        self.recency.shrink_to_fit();
        self.code_key.shrink_to_fit();
        self.m_name.shrink_to_fit();
        self.py_hot.shrink_to_fit();
        self.cpy_hot.shrink_to_fit();
        self.py.shrink_to_fit();
        self.cpy.shrink_to_fit();
        self.tails.shrink_to_fit();
        for c in self.columns_mut() {
            c.shrink_to_fit();
        }
    }

    fn columns_mut(&mut self) -> [&mut Column; record::TEXTS] {
        [
            &mut self.names,
            &mut self.shorts,
            &mut self.codes,
            &mut self.contact_names,
            &mut self.phones,
            &mut self.emails,
        ]
    }

    fn set_next_visit(&mut self, id: i64, next: Option<String>) {
        match next {
            Some(d) => self.next_visit.insert(id, d),
            None => self.next_visit.remove(&id),
        };
    }

    /// Adds or replaces one account from its record; false (and nothing changed) when the
    /// bytes are not a record.
    pub fn upsert_record(&mut self, bytes: &[u8]) -> bool {
        let Some(r) = Record::parse(bytes) else {
            return false;
        };
        let m = r.masks();
        match self.index.get(&r.id) {
            Some(&i) => {
                self.recency[i] = m.recency;
                self.code_key[i] = m.code_key;
                self.m_name[i] = m.m_name;
                self.py_hot[i] = Letters::of(&m.py);
                self.cpy_hot[i] = Letters::of(&m.cpy);
                self.py[i] = NamePairs::of(&m.py);
                self.cpy[i] = ContactPairs::of(&m.cpy);
                self.tails.set(i, r.tail);
                for (c, t) in self.columns_mut().into_iter().zip(r.texts) {
                    c.set(i, t);
                }
            }
            None => {
                self.index.insert(r.id, self.ids.len());
                self.ids.push(r.id);
                self.push_masks(&m);
                self.tails.push(r.tail);
                for (c, t) in self.columns_mut().into_iter().zip(r.texts) {
                    c.push(t);
                }
            }
        }
        true
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: i64) -> bool {
        self.index.contains_key(&id)
    }

    /// The account at `slot` (`0..len()`), borrowed from its record.
    pub fn summary(&self, slot: usize) -> SummaryRef<'_> {
        Tail(self.tails.get(slot)).summary().unwrap_or_default()
    }

    pub fn next_visit(&self, id: i64) -> Option<&str> {
        self.next_visit.get(&id).map(String::as_str)
    }

    /// One account's summary, with its next planned visit.
    pub fn account(&self, id: i64) -> Option<AccountSummary> {
        let slot = *self.index.get(&id)?;
        Some(
            self.summary(slot)
                .to_summary(self.next_visit.get(&id).cloned()),
        )
    }

    /// Adds or replaces one account and its contacts (contacts of other accounts are ignored).
    pub fn upsert(&mut self, summary: AccountSummary, contacts: Vec<ContactKey>) {
        self.upsert_record(&encode(&summary, &contacts));
        self.set_next_visit(summary.id, summary.next_visit);
    }

    /// Forgets one account and its contacts.
    pub fn remove(&mut self, account_id: i64) {
        let Some(i) = self.index.remove(&account_id) else {
            return;
        };
        self.next_visit.remove(&account_id);
        self.ids.swap_remove(i);
        self.recency.swap_remove(i);
        self.code_key.swap_remove(i);
        self.m_name.swap_remove(i);
        self.py_hot.swap_remove(i);
        self.cpy_hot.swap_remove(i);
        self.py.swap_remove(i);
        self.cpy.swap_remove(i);
        self.tails.swap_remove(i);
        for c in self.columns_mut() {
            c.swap_remove(i);
        }
        if let Some(&moved) = self.ids.get(i) {
            self.index.insert(moved, i);
        }
    }

    /// The best `limit` accounts for `query`, one hit per account, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        if limit == 0 || self.ids.is_empty() {
            return vec![];
        }
        let q = Query::new(query);
        let n = self.ids.len();
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
                    contact_names: self.contact_names.text(slot),
                    emails: self.emails.text(slot),
                    tail: Tail(self.tails.get(slot)),
                };
                Some(matcher::describe(
                    self.ids[slot],
                    &self.summary(slot),
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
                for (text, which) in [
                    (self.names.text(slot), Which::NamePinyin),
                    (self.shorts.text(slot), Which::ShortPinyin),
                ] {
                    let Some(key) = PyKey::of(text) else {
                        continue;
                    };
                    let tier = match pinyin_match::anchored(&key, l, 0) {
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
                    if PyKey::of(self.names.text(slot)).is_some_and(|k| pinyin_match::infix(&k, l))
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
                let mut keys = self.contact_names.text(slot).split('\n');
                if keys.any(|n| {
                    PyKey::of(n).is_some_and(|k| pinyin_match::anchored(&k, l, 0).is_some())
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
