//! Ranking over any book of accounts: the finder's own vectors, or a chunk of records read
//! straight from the store (see [`super::stored`]), through the [`Book`] trait.
//!
//! The tiers are filled best first, and a tier is skipped once `limit` accounts matched
//! better (so fuzzy matching runs only when fewer than `limit` better hits exist); a bounded
//! heap then keeps the best `limit` by tier, recent activity and code. Within a tier matched
//! account by account (pinyin), accounts that could not enter the list even if they matched
//! are not matched at all.

use super::matcher::{self, Tiers, View, Which};
use super::pinyin_match::{self, Anchored};
use super::query::Query;
use super::typo;
use super::Hit;
use crate::search_keys::pinyin::{Pairs, PyKey, PyMasks};
use crate::search_keys::record::{CODE, CONTACT_NAMES, EMAILS, NAME, PHONES, SHORT};
use crate::search_keys::{SummaryRef, Tail};
use memchr::memmem;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The letter masks every letter query reads first: 12 bytes an account.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Letters {
    pub(crate) first: u32,
    pub(crate) letters: u32,
    pub(crate) initials: u32,
}

/// The pair sets, read only for accounts that pass the letters.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NamePairs {
    pub(crate) head_pairs: u128,
    pub(crate) pairs: u128,
    pub(crate) all_pairs: Pairs,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ContactPairs {
    pub(crate) head_pairs: u128,
    pub(crate) all_pairs: Pairs,
}

impl Letters {
    pub(crate) fn of(m: &PyMasks) -> Letters {
        Letters {
            first: m.first,
            letters: m.letters,
            initials: m.initials,
        }
    }
}

impl NamePairs {
    pub(crate) fn of(m: &PyMasks) -> NamePairs {
        NamePairs {
            head_pairs: m.head_pairs,
            pairs: m.pairs,
            all_pairs: m.all_pairs,
        }
    }
}

impl ContactPairs {
    pub(crate) fn of(m: &PyMasks) -> ContactPairs {
        ContactPairs {
            head_pairs: m.head_pairs,
            all_pairs: m.all_pairs,
        }
    }
}

/// What ranking reads of a set of accounts, each at a place (`slot`) in `0..len()`.
pub(crate) trait Book {
    fn len(&self) -> usize;
    fn id(&self, slot: usize) -> i64;
    fn recency(&self, slot: usize) -> u64;
    fn code_key(&self, slot: usize) -> u64;
    /// Characters of the name and short name.
    fn m_name(&self, slot: usize) -> u64;
    fn letters(&self, slot: usize) -> Letters;
    fn contact_letters(&self, slot: usize) -> Letters;
    fn name_pairs(&self, slot: usize) -> NamePairs;
    fn contact_pairs(&self, slot: usize) -> ContactPairs;
    /// One folded text (see `search_keys::record`): `NAME`, `SHORT` …
    fn text(&self, which: usize, slot: usize) -> &str;
    /// Calls `f(slot, offset, length of the text)` for each account whose text holds the needle.
    fn scan(&self, which: usize, needle: &memmem::Finder<'_>, f: impl FnMut(usize, usize, usize));
    /// The summary and contacts as typed (empty when not loaded).
    fn tail(&self, slot: usize) -> &[u8];
    /// Accounts a query must pass over (a newer record of them is searched elsewhere).
    fn skipped(&self, _slot: usize) -> bool {
        false
    }
}

/// A kept hit; greater is worse (so the heap's top is the one to drop).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Cand {
    pub(crate) tier: u8,
    pub(crate) recency: Reverse<u64>,
    pub(crate) code_key: u64,
    pub(crate) slot: u32,
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
    fn new<B: Book>(f: &B, t: &Tiers, lo: u8, hi: u8, limit: usize) -> Option<TopK> {
        let better = if lo == 0 { 0 } else { t.at_most(lo - 1) };
        let k = limit.checked_sub(better).filter(|&k| k > 0)?;
        let mut top = TopK {
            heap: BinaryHeap::with_capacity(k + 1),
            k,
        };
        if t.at_most(hi) > better {
            for slot in 0..f.len() {
                let tier = t.tier(slot);
                if (lo..=hi).contains(&tier) {
                    top.push(cand(f, slot, tier));
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

#[inline]
fn cand<B: Book>(b: &B, slot: usize, tier: u8) -> Cand {
    Cand {
        tier,
        recency: Reverse(b.recency(slot)),
        code_key: b.code_key(slot),
        slot: slot as u32,
    }
}

/// The best `limit` accounts of `b` for `q`, best first, with the tiers they matched in
/// (whose buffer the caller may keep for the next query).
pub(crate) fn ranked<B: Book>(b: &B, q: &Query, limit: usize, buf: Vec<u8>) -> (Vec<Cand>, Tiers) {
    let n = b.len();
    let mut t = Tiers::new(buf, n);
    let limit = limit.min(n);
    if limit == 0 {
        return (vec![], t);
    }
    for slot in (0..n).filter(|&s| b.skipped(s)) {
        t.block(slot);
    }
    if q.is_empty() {
        for slot in 0..n {
            t.offer(slot, matcher::EXACT, Which::Recent);
        }
    } else if !q.terms.is_empty() {
        super::terms::match_terms(b, q, &mut t, limit);
    } else {
        match_all(b, q, &mut t, limit);
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
        let c = cand(b, slot, tier);
        if heap.len() < limit {
            heap.push(c);
        } else if heap.peek().is_some_and(|w| c < *w) {
            heap.pop();
            heap.push(c);
        }
    }
    let mut kept = heap.into_vec();
    kept.sort_by(|x, y| {
        (x.tier, x.recency)
            .cmp(&(y.tier, y.recency))
            .then_with(|| {
                b.text(CODE, x.slot as usize)
                    .cmp(b.text(CODE, y.slot as usize))
            })
            .then(x.slot.cmp(&y.slot))
    });
    (kept, t)
}

/// The hit for the account at `slot`, if it matched.
pub(crate) fn describe<B: Book>(b: &B, q: &Query, t: &Tiers, slot: usize) -> Option<Hit> {
    let tail = Tail(b.tail(slot));
    let view = View {
        name: b.text(NAME, slot),
        short: b.text(SHORT, slot),
        contact_names: b.text(CONTACT_NAMES, slot),
        emails: b.text(EMAILS, slot),
        tail,
    };
    let summary: SummaryRef<'_> = tail.summary().unwrap_or_default();
    let found = t.found(slot)?;
    // Several words typed: the whole text as one phrase when it shows something, else the
    // first term.
    if q.phrase {
        let hit = matcher::describe(b.id(slot), &summary, &view, q, found);
        if !hit.name_ranges.is_empty() || hit.matched_text.is_some() {
            return Some(hit);
        }
    }
    Some(matcher::describe(
        b.id(slot),
        &summary,
        &view,
        q.shown(),
        found,
    ))
}

/// Fills `t` tier by tier, stopping once `limit` accounts matched better than what is left.
pub(crate) fn match_all<B: Book>(b: &B, q: &Query, t: &mut Tiers, limit: usize) {
    use matcher::*;
    let qlen = q.text.len();
    let by_position = |pos: usize, len: usize| match (pos, len == qlen) {
        (0, true) => EXACT,
        (0, false) => PREFIX,
        _ => SUBSTRING,
    };
    b.scan(NAME, &q.finder, |slot, pos, len| {
        t.offer(slot, by_position(pos, len), Which::Name)
    });
    b.scan(SHORT, &q.finder, |slot, pos, len| {
        t.offer(slot, by_position(pos, len), Which::Short)
    });
    b.scan(CODE, &q.finder, |slot, pos, len| {
        if pos == 0 {
            t.offer(slot, by_position(pos, len), Which::Code)
        }
    });
    // A contact's whole name ranks with an account's own (a person is a target too).
    b.scan(CONTACT_NAMES, &q.finder, |slot, _, _| {
        let whole = b.text(CONTACT_NAMES, slot).split('\n').any(|n| n == q.text);
        t.offer(slot, if whole { EXACT } else { CONTACT }, Which::Contact)
    });
    let letters = q.letters.as_deref();
    if let (Some(l), Some(mut top)) = (letters, TopK::new(b, t, PINYIN_WHOLE, PINYIN_PREFIX, limit))
    {
        for slot in 0..b.len() {
            let h = b.letters(slot);
            if h.first & q.first_letter == 0 || q.letters_mask & !h.letters != 0 {
                continue;
            }
            if t.tier(slot) <= PINYIN_WHOLE || !top.worth(&cand(b, slot, PINYIN_WHOLE)) {
                continue;
            }
            let m = b.name_pairs(slot);
            if q.first_pair & !m.head_pairs != 0 || !m.all_pairs.covers(&q.pairs) {
                continue;
            }
            for (text, which) in [
                (b.text(NAME, slot), Which::NamePinyin),
                (b.text(SHORT, slot), Which::ShortPinyin),
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
                top.push(cand(b, slot, t.tier(slot)));
            }
        }
    }
    if let (Some(l), Some(mut top)) = (letters, TopK::new(b, t, PINYIN_WHOLE, CONTACT, limit)) {
        for slot in 0..b.len() {
            let h = b.contact_letters(slot);
            if h.first & q.first_letter == 0 || q.letters_mask & !h.letters != 0 {
                continue;
            }
            if t.tier(slot) <= PINYIN_WHOLE || !top.worth(&cand(b, slot, PINYIN_WHOLE)) {
                continue;
            }
            let m = b.contact_pairs(slot);
            if q.first_pair & !m.head_pairs != 0 || !m.all_pairs.covers(&q.pairs) {
                continue;
            }
            // A contact's whole pinyin or initials as high as an account name's.
            let best = b
                .text(CONTACT_NAMES, slot)
                .split('\n')
                .filter_map(|n| match pinyin_match::anchored(&PyKey::of(n)?, l, 0)? {
                    Anchored::Whole => Some(PINYIN_WHOLE),
                    Anchored::Prefix(_) => Some(CONTACT),
                })
                .min();
            if let Some(tier) = best {
                t.offer(slot, tier, Which::Contact);
                top.push(cand(b, slot, t.tier(slot)));
            }
        }
    }
    if let Some(l) = letters {
        if let Some(mut top) = TopK::new(b, t, SUBSTRING, SUBSTRING, limit) {
            for slot in 0..b.len() {
                let h = b.letters(slot);
                if h.initials & q.first_letter == 0 || q.letters_mask & !h.letters != 0 {
                    continue;
                }
                if t.tier(slot) <= SUBSTRING || !top.worth(&cand(b, slot, SUBSTRING)) {
                    continue;
                }
                let m = b.name_pairs(slot);
                if q.first_pair & !m.pairs != 0 || !m.all_pairs.covers(&q.pairs) {
                    continue;
                }
                if PyKey::of(b.text(NAME, slot)).is_some_and(|k| pinyin_match::infix(&k, l)) {
                    t.offer(slot, SUBSTRING, Which::NamePinyin);
                    top.push(cand(b, slot, SUBSTRING));
                }
            }
        }
    }
    if t.at_most(CONTACT) >= limit {
        return;
    }
    if let Some(d) = &q.digits {
        b.scan(PHONES, d, |slot, _, _| {
            t.offer(slot, PHONE_EMAIL, Which::Phone)
        });
    }
    b.scan(EMAILS, &q.finder, |slot, _, _| {
        t.offer(slot, PHONE_EMAIL, Which::Email)
    });
    if t.at_most(PHONE_EMAIL) >= limit || q.compact.is_empty() {
        return;
    }
    if let Some(l) = letters.filter(|l| typo::allowed(l.len()) > 0) {
        let k = typo::allowed(l.len()) as u32;
        for slot in 0..b.len() {
            // More query letters absent from the name than edits allowed: no need to read it.
            if (q.mask & !b.m_name(slot)).count_ones() > k || t.tier(slot) <= TYPO {
                continue;
            }
            if typo::in_text(l, b.text(NAME, slot)) || typo::in_text(l, b.text(SHORT, slot)) {
                t.offer(slot, TYPO, Which::Typo);
            }
        }
    }
    if t.at_most(TYPO) >= limit {
        return;
    }
    for slot in 0..b.len() {
        let m = b.m_name(slot);
        if q.mask & !m != 0 || t.tier(slot) <= FUZZY {
            continue;
        }
        if subsequence(b.text(NAME, slot), &q.compact).is_some()
            || subsequence(b.text(SHORT, slot), &q.compact).is_some()
        {
            t.offer(slot, FUZZY, Which::Fuzzy);
        }
    }
}
