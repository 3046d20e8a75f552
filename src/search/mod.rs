//! The account finder: one box that finds an account by name, short name, code, pinyin,
//! initials, contact, phone or email as the user types.
//!
//! - [`crate::search_keys`]: what is built once per account (folded texts, pinyin masks),
//!   as a record the store keeps current, so loading the finder builds nothing.
//! - [`query`]: what is built once per keystroke.
//! - [`pinyin_match`]: typed letters against syllables with all their readings.
//! - [`column`]: one text key of every account in one buffer.
//! - [`hit`]: what the finder answers: an account and how it matched.
//! - [`matcher`]: the ranking tiers and the details of a hit.
//! - [`arena`]: the rest of each record (summary, contacts as typed, or the summary alone in
//!   the interface's finder) in one buffer.
//! - [`ranking`]: the tiers and the best `limit`, over the finder or a stored chunk.
//! - [`stored`]: a search straight over the stored chunks (`kam search`).
//! - [`fields`]: the custom fields' values, and how they rank.
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
mod book;
mod column;
mod fields;
mod fill;
mod hit;
mod masks;
mod matcher;
pub mod names;
mod one;
mod pinyin_match;
mod query;
mod ranking;
mod stored;
pub mod tags;
mod terms;
mod typo;

use crate::search_keys::chunk;
use crate::search_keys::record::{self, Masks, Record, SummaryRef, Tail};
use crate::search_keys::{encode, AccountSummary, ContactKey};
use crate::store::Store;
use anyhow::Result;
pub use hit::{Hit, MatchKind};
pub use stored::search_stored;

use arena::Arena;
use column::Column;
use masks::MaskColumns;
use query::Query;
use ranking::{Book, ContactPairs, Letters, NamePairs};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

/// Hashes an account id with one multiplication: ids are the store's own small integers,
/// and the default SipHash (made against hostile keys) was a tenth of loading 100,000.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.0 = (v as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The finder over every live account, made of one record per account (see
/// [`crate::search_keys::record`]): the masks in per-account vectors, the folded texts in
/// [`Column`]s, and the rest (the summary shown, contacts as typed) in one [`Arena`].
///
/// Every per-account vector is indexed by the account's place ("slot"), which is load order
/// until a `remove` moves the last account into the removed one's place.
pub struct Finder {
    hot: MaskColumns,
    index: HashMap<i64, usize, BuildHasherDefault<IdHasher>>,
    /// A reused per-query buffer (one byte an account).
    scratch: Mutex<Vec<u8>>,
    tails: Arena,
    /// The tails hold each account's summary alone: its contacts as typed (~15 MB at 100,000
    /// accounts), which only the few hits shown on a contact, phone or email need, are read
    /// from the store for them (`search_reading`).
    summaries_only: bool,
    /// The next planned visit of the accounts that have one (it moves with the date, so it
    /// is not in the records).
    next_visit: HashMap<i64, String>,
    names: Column,
    shorts: Column,
    codes: Column,
    contact_names: Column,
    phones: Column,
    emails: Column,
    fields: Column,
}

/// What the finder keeps of a record's tail (see `Finder::summaries_only`).
fn kept(summaries_only: bool, tail: &[u8]) -> &[u8] {
    match summaries_only {
        true => Tail(tail).summary_part().unwrap_or(tail),
        false => tail,
    }
}

impl Book for Finder {
    fn len(&self) -> usize {
        self.hot.len()
    }
    #[inline]
    fn id(&self, slot: usize) -> i64 {
        self.hot.ids[slot]
    }
    #[inline]
    fn recency(&self, slot: usize) -> u64 {
        self.hot.recency[slot]
    }
    #[inline]
    fn code_key(&self, slot: usize) -> u64 {
        self.hot.code_key[slot]
    }
    #[inline]
    fn m_name(&self, slot: usize) -> u64 {
        self.hot.m_name[slot]
    }
    #[inline]
    fn letters(&self, slot: usize) -> Letters {
        self.hot.py_hot[slot]
    }
    #[inline]
    fn contact_letters(&self, slot: usize) -> Letters {
        self.hot.cpy_hot[slot]
    }
    #[inline]
    fn field_letters(&self, slot: usize) -> Letters {
        self.hot.fpy.get(slot)
    }
    fn any_field_letters(&self) -> bool {
        self.hot.fpy.any()
    }
    #[inline]
    fn name_pairs(&self, slot: usize) -> NamePairs {
        self.hot.py.get(slot)
    }
    #[inline]
    fn contact_pairs(&self, slot: usize) -> ContactPairs {
        self.hot.cpy.get(slot)
    }
    fn text(&self, which: usize, slot: usize) -> &str {
        self.column(which).text(slot)
    }
    fn scan(
        &self,
        which: usize,
        needle: &memchr::memmem::Finder<'_>,
        f: impl FnMut(usize, usize, usize),
    ) {
        self.column(which).scan(needle, f)
    }
    fn tail(&self, slot: usize) -> &[u8] {
        self.tails.get(slot)
    }
}

impl Finder {
    fn column(&self, which: usize) -> &Column {
        [
            &self.names,
            &self.shorts,
            &self.codes,
            &self.contact_names,
            &self.phones,
            &self.emails,
            &self.fields,
        ][which]
    }

    fn empty() -> Finder {
        Finder {
            hot: MaskColumns::default(),
            index: HashMap::default(),
            scratch: Mutex::new(Vec::new()),
            tails: Arena::default(),
            summaries_only: false,
            next_visit: HashMap::new(),
            names: Column::default(),
            shorts: Column::default(),
            codes: Column::default(),
            contact_names: Column::default(),
            phones: Column::default(),
            emails: Column::default(),
            fields: Column::default(),
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
        Finder::from_store_as(store, false)
    }

    /// The same, keeping each account's summary but not its contacts as typed: for the
    /// interface, which searches with [`Finder::search_reading`] over the same store.
    pub fn from_store_lean(store: &Store) -> Result<Finder> {
        Finder::from_store_as(store, true)
    }

    fn from_store_as(store: &Store, summaries_only: bool) -> Result<Finder> {
        let mut f = Finder::load(store, summaries_only)?;
        f.next_visit = store.next_visits()?;
        Ok(f)
    }

    fn load(store: &Store, summaries_only: bool) -> Result<Finder> {
        let with_tails = true;
        let mut f = Finder::empty();
        f.summaries_only = summaries_only;
        f.reserve(&store.search_chunk_sizes()?, with_tails);
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
            self.index.insert(id, self.hot.len());
            self.hot
                .push(id, &Masks::read(k.header(i)).unwrap_or_default());
        }
        for (t, c) in self.columns_mut().into_iter().enumerate() {
            let (lens, bytes) = k.column(t);
            c.extend(lens, bytes);
        }
        let only = self.summaries_only;
        match tails {
            Some(t) => t.iter().for_each(|tail| self.tails.push(kept(only, tail))),
            None => (0..k.n).for_each(|_| self.tails.push(&[])),
        }
        true
    }

    /// Makes room for the chunks to come, so that loading copies each byte once.
    fn reserve(&mut self, s: &chunk::Sizes, with_tails: bool) {
        let n = s.accounts;
        self.hot.reserve(n);
        self.index.reserve(n);
        for (c, bytes) in self.columns_mut().into_iter().zip(s.texts) {
            c.reserve(n, bytes);
        }
        self.tails.reserve(n, if with_tails { s.tails } else { 0 });
    }

    /// Gives back the room vectors grew into while loading.
    fn shrink(&mut self) {
        self.hot.shrink_to_fit();
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
            &mut self.fields,
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
        let only = self.summaries_only;
        match self.index.get(&r.id) {
            Some(&i) => {
                self.hot.set(i, &m);
                self.tails.set(i, kept(only, r.tail));
                for (c, t) in self.columns_mut().into_iter().zip(r.texts) {
                    c.set(i, t);
                }
            }
            None => {
                self.index.insert(r.id, self.hot.len());
                self.hot.push(r.id, &m);
                self.tails.push(kept(only, r.tail));
                for (c, t) in self.columns_mut().into_iter().zip(r.texts) {
                    c.push(t);
                }
            }
        }
        true
    }

    pub fn len(&self) -> usize {
        self.hot.len()
    }

    /// Bytes the finder holds on the heap, by part: masks, texts, tails (for `kam bench`).
    pub fn heap_bytes(&self) -> [usize; 3] {
        let masks = self.hot.heap_bytes() + self.index.capacity() * 17;
        let texts = [
            &self.names,
            &self.shorts,
            &self.codes,
            &self.contact_names,
            &self.phones,
            &self.emails,
            &self.fields,
        ]
        .iter()
        .map(|c| c.heap_bytes())
        .sum();
        [masks, texts, self.tails.heap_bytes()]
    }

    pub fn is_empty(&self) -> bool {
        self.hot.len() == 0
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
        self.hot.swap_remove(i);
        self.tails.swap_remove(i);
        for c in self.columns_mut() {
            c.swap_remove(i);
        }
        if let Some(&moved) = self.hot.ids.get(i) {
            self.index.insert(moved, i);
        }
    }

    /// The best `limit` accounts for `query`, one hit per account, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_in(query, limit, None)
    }

    /// The same, reading the contacts as typed of the hits on a contact, phone or email
    /// from `store` when this finder does not keep them (`from_store_lean`).
    pub fn search_reading(&self, query: &str, limit: usize, store: &Store) -> Vec<Hit> {
        self.search_in(query, limit, Some(store))
    }

    fn search_in(&self, query: &str, limit: usize, store: Option<&Store>) -> Vec<Hit> {
        let q = Query::new(query);
        let mut scratch = self.scratch.try_lock().ok();
        let buf = scratch
            .as_deref_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let (kept, t) = ranking::ranked(self, &q, limit, buf);
        let hits = kept
            .into_iter()
            .filter_map(|c| {
                ranking::describe(self, &q, &t, c.slot as usize, |slot| {
                    self.whole_tail(slot, store?)
                })
            })
            .collect();
        if let Some(s) = scratch.as_deref_mut() {
            *s = t.into_buf();
        }
        hits
    }

    /// The tail of the account at `slot` with its contacts as typed read from `store`, when
    /// this finder keeps only summaries; the record the store would build for it.
    fn whole_tail(&self, slot: usize, store: &Store) -> Option<Vec<u8>> {
        if !self.summaries_only {
            return None;
        }
        let summary = self.summary(slot).to_summary(None);
        let contacts = store.contact_keys_of(summary.id).ok()?;
        let record = encode(&summary, &contacts);
        Some(Record::parse(&record)?.tail.to_vec())
    }
}
