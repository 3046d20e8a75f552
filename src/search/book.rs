//! What ranking reads of a set of accounts (the finder's own vectors, or a chunk of records
//! read straight from the store), and a kept candidate: shared by every matching pass.

use crate::search_keys::pinyin::{Pairs, PyMasks};
use memchr::memmem;
use std::cmp::Reverse;

/// The letter masks every letter query reads first: 12 bytes an account.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Letters {
    pub(crate) first: u32,
    pub(crate) letters: u32,
    pub(crate) initials: u32,
}

/// The pair sets, read only for accounts that pass the letters.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct NamePairs {
    pub(crate) head_pairs: u128,
    pub(crate) pairs: u128,
    pub(crate) all_pairs: Pairs,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
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
    /// Letters of the custom values' readings.
    fn field_letters(&self, slot: usize) -> Letters;
    /// Whether any account may have values with readings (else their pass is skipped: most
    /// books have none, and a pass reads every account).
    fn any_field_letters(&self) -> bool {
        true
    }
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

#[inline]
pub(crate) fn cand<B: Book>(b: &B, slot: usize, tier: u8) -> Cand {
    Cand {
        tier,
        recency: Reverse(b.recency(slot)),
        code_key: b.code_key(slot),
        slot: slot as u32,
    }
}
