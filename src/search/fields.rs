//! The custom fields' values in the finder (issue 22's fields, this session's slice): what
//! a rep typed into 经销商编号 or a choice finds the account, as typed, or by its pinyin or
//! initials as a name is found.
//!
//! The rule (the tiers are `matcher`'s): a value matched in any of these ways ranks with a
//! phone or an email, below every match on an account's name, short name or code and on a
//! contact's name (a value is a fact about the account, not what it is called), above
//! typos. A reading only rare for a character ranks with typos, as for names.

use super::pinyin_match::{self, Reading};
use super::query::Query;
use crate::search_keys::pinyin::PyKey;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The best reading by which the letters `l` match a value of `fields` (one folded value a
/// line) as pinyin or initials, from its start or from any syllable: common readings first.
pub(crate) fn pinyin_reading(fields: &str, l: &[u8]) -> Option<Reading> {
    let mut best = None;
    for v in fields.split('\n') {
        match value_reading(v, l) {
            Some(Reading::Common) => return Some(Reading::Common),
            Some(Reading::Rare) => best = Some(Reading::Rare),
            None => {}
        }
    }
    best
}

/// [`pinyin_reading`] for a whole book, each distinct value matched once: a choice's few
/// values (华东区, 华南区 …) fill most accounts' fields, and matching one is a walk over its
/// readings (a query matching none read every account's: 40 ms at 100,000 accounts).
#[derive(Default)]
pub(crate) struct Memo<'a> {
    seen: HashMap<&'a str, Option<Reading>, BuildHasherDefault<Fnv>>,
}

impl<'a> Memo<'a> {
    pub(crate) fn reading(&mut self, fields: &'a str, l: &[u8]) -> Option<Reading> {
        let mut best = None;
        for v in fields.split('\n') {
            let r = *self.seen.entry(v).or_insert_with(|| value_reading(v, l));
            match r {
                Some(Reading::Common) => return Some(Reading::Common),
                Some(Reading::Rare) => best = Some(Reading::Rare),
                None => {}
            }
        }
        best
    }
}

/// FNV-1a: the values are short texts of the rep's own book, not hostile keys.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

fn value_reading(value: &str, l: &[u8]) -> Option<Reading> {
    let key = PyKey::of(value)?;
    match pinyin_match::graded(&key, l, 0) {
        Some((_, r)) => Some(r),
        None => pinyin_match::infix_graded(&key, l),
    }
}

/// The value that `q` matched, as shown on the hit line (folded, as the finder keeps it).
pub(crate) fn matched<'a>(fields: &'a str, q: &Query) -> Option<&'a str> {
    let lines = || fields.split('\n').filter(|v| !v.is_empty());
    lines().find(|v| q.found_in(v).is_some()).or_else(|| {
        let l = q.letters.as_deref()?;
        lines().find(|v| value_reading(v, l).is_some())
    })
}
