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
