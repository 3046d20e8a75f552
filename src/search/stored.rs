//! A search straight over the records the store keeps, for `kam search`: each chunk is
//! ranked where SQLite hands it over, without copying the book into a finder, and the best
//! of every chunk (and of the few newer records) are merged. Same ranking as the finder,
//! a fraction of its loading time and memory.

use super::column::{self, Seg};
use super::matcher::Tiers;
use super::query::Query;
use super::ranking::{self, Book, ContactPairs, Letters, NamePairs};
use super::{Finder, Hit};
use crate::search_keys::chunk::Keys;
use crate::search_keys::record::{Masks, CODE, TEXTS};
use crate::store::Store;
use anyhow::Result;
use memchr::memmem;
use std::cmp::Reverse;
use std::collections::HashSet;

/// One chunk's keys, borrowed, with the per-account masks laid out for the ranking loops.
/// Its vectors are kept from chunk to chunk (see [`Buffers`]).
struct ChunkBook<'a> {
    keys: Keys<'a>,
    columns: [&'a [u8]; TEXTS],
    b: Buffers,
}

#[derive(Default)]
struct Buffers {
    segs: [Vec<Seg>; TEXTS],
    masks: Vec<Masks>,
    letters: Vec<Letters>,
    contact_letters: Vec<Letters>,
    field_letters: Vec<Letters>,
    skipped: Vec<bool>,
}

impl<'a> ChunkBook<'a> {
    fn new(keys: Keys<'a>, mut b: Buffers, newer: &HashSet<i64>) -> ChunkBook<'a> {
        let n = keys.n;
        let mut columns: [&[u8]; TEXTS] = [&[]; TEXTS];
        for (t, column) in columns.iter_mut().enumerate() {
            let (lens, bytes) = keys.column(t);
            *column = bytes;
            let segs = &mut b.segs[t];
            segs.clear();
            let mut start = 0u32;
            for (slot, len) in lens.enumerate() {
                segs.push(Seg {
                    start,
                    end: start + len as u32,
                    slot: slot as u32,
                });
                start += len as u32 + 1;
            }
        }
        b.masks.clear();
        b.masks
            .extend((0..n).map(|i| Masks::read(keys.header(i)).unwrap_or_default()));
        b.letters.clear();
        b.letters.extend(b.masks.iter().map(|m| Letters::of(&m.py)));
        b.contact_letters.clear();
        b.contact_letters
            .extend(b.masks.iter().map(|m| Letters::of(&m.cpy)));
        b.field_letters.clear();
        b.field_letters
            .extend(b.masks.iter().map(|m| Letters::of(&m.fpy)));
        b.skipped.clear();
        b.skipped
            .extend((0..n).map(|i| !newer.is_empty() && newer.contains(&keys.id(i))));
        ChunkBook { keys, columns, b }
    }
}

impl Book for ChunkBook<'_> {
    fn len(&self) -> usize {
        self.keys.n
    }
    fn id(&self, slot: usize) -> i64 {
        self.keys.id(slot)
    }
    #[inline]
    fn recency(&self, slot: usize) -> u64 {
        self.b.masks[slot].recency
    }
    #[inline]
    fn code_key(&self, slot: usize) -> u64 {
        self.b.masks[slot].code_key
    }
    #[inline]
    fn m_name(&self, slot: usize) -> u64 {
        self.b.masks[slot].m_name
    }
    #[inline]
    fn letters(&self, slot: usize) -> Letters {
        self.b.letters[slot]
    }
    #[inline]
    fn contact_letters(&self, slot: usize) -> Letters {
        self.b.contact_letters[slot]
    }
    #[inline]
    fn field_letters(&self, slot: usize) -> Letters {
        self.b.field_letters[slot]
    }
    fn any_field_letters(&self) -> bool {
        self.b.field_letters.iter().any(|l| l.letters != 0)
    }
    #[inline]
    fn name_pairs(&self, slot: usize) -> NamePairs {
        NamePairs::of(&self.b.masks[slot].py)
    }
    #[inline]
    fn contact_pairs(&self, slot: usize) -> ContactPairs {
        ContactPairs::of(&self.b.masks[slot].cpy)
    }
    fn text(&self, which: usize, slot: usize) -> &str {
        let s = self.b.segs[which][slot];
        std::str::from_utf8(&self.columns[which][s.start as usize..s.end as usize]).unwrap_or("")
    }
    fn scan(&self, which: usize, needle: &memmem::Finder<'_>, f: impl FnMut(usize, usize, usize)) {
        column::scan(self.columns[which], &self.b.segs[which], needle, f)
    }
    fn tail(&self, _slot: usize) -> &[u8] {
        &[]
    }
    fn skipped(&self, slot: usize) -> bool {
        self.b.skipped[slot]
    }
}

/// How a hit ranks among hits of other books: tier, recent activity, code.
type Rank = (u8, Reverse<u64>, String);

/// The ranked hits of one book, each with what it ranks by.
fn ranked_hits<B: Book>(b: &B, q: &Query, limit: usize, buf: Vec<u8>) -> (Vec<(Rank, Hit)>, Tiers) {
    let (kept, t) = ranking::ranked(b, q, limit, buf);
    let hits = kept
        .into_iter()
        .filter_map(|c| {
            let slot = c.slot as usize;
            let hit = ranking::describe(b, q, &t, slot, |_| None)?;
            Some(((c.tier, c.recency, b.text(CODE, slot).to_string()), hit))
        })
        .collect();
    (hits, t)
}

/// The best `limit` accounts for `query`, as [`Finder::search`] over the whole book gives
/// them, read from the store without loading a finder. The hits name the account and how
/// it matched; what matched among its contacts is not given (`matched_text` of contacts,
/// phones and emails is empty).
pub fn search_stored(store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>> {
    if let Some(tag) = super::tags::tag_query(query) {
        return super::tags::tag_search(store, tag, limit);
    }
    let q = Query::new(query);
    // The accounts changed since their chunk was written, searched apart.
    let (overrides, stale) = store.search_overrides()?;
    let newer: HashSet<i64> = overrides
        .iter()
        .map(|o| o.0)
        .chain(stale.iter().copied())
        .collect();
    let mut recent = Finder::new(vec![], vec![]);
    let mut build: Vec<i64> = stale;
    for (id, record) in &overrides {
        if let Some(bytes) = record {
            if !recent.upsert_record(bytes) {
                build.push(*id);
            }
        }
    }
    let mut unreadable = Vec::new();
    let mut all: Vec<(Rank, Hit)> = Vec::new();
    let mut buffers = Some(Buffers::default());
    let mut tiers_buf = Vec::new();
    store.search_chunks(false, |number, keys, _| {
        let Some(keys) = Keys::parse(keys) else {
            unreadable.push(number);
            return;
        };
        let book = ChunkBook::new(keys, buffers.take().unwrap_or_default(), &newer);
        let (hits, t) = ranked_hits(&book, &q, limit, std::mem::take(&mut tiers_buf));
        all.extend(hits);
        tiers_buf = t.into_buf();
        buffers = Some(book.b);
    })?;
    for number in unreadable {
        let (lo, hi) = crate::search_keys::chunk::id_range(number);
        build.extend(store.live_ids_between(lo, hi)?);
    }
    for id in build {
        if let Some(bytes) = store.search_record_built(id)? {
            recent.upsert_record(&bytes);
        }
    }
    all.extend(ranked_hits(&recent, &q, limit, tiers_buf).0);
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all.truncate(limit);
    Ok(all.into_iter().map(|(_, h)| h).collect())
}
