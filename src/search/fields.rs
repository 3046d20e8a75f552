//! The custom fields' values in the finder (issue 22's fields, this session's slice): what
//! a rep typed into 经销商编号 or a choice finds the account, as typed, or by its pinyin or
//! initials as a name is found.
//!
//! The rule: a value matched in any of these ways ranks with a phone or an email, below
//! every match on an account's name, short name or code and on a contact's name (a value
//! is a fact about the account, not what it is called), above typos. A reading only rare
//! for a character ranks with typos, as for names.

use super::matcher::{PHONE_EMAIL, TYPO};
use super::pinyin_match::{self, Reading};
use super::query::Query;
use crate::search_keys::pinyin::PyKey;

/// The tier of the best value of `fields` (one folded value a line) matched by the letters
/// `l` as pinyin or initials, from its start or from any syllable.
pub(crate) fn pinyin_tier(fields: &str, l: &[u8]) -> Option<u8> {
    fields.split('\n').filter_map(|v| value_tier(v, l)).min()
}

fn value_tier(value: &str, l: &[u8]) -> Option<u8> {
    let key = PyKey::of(value)?;
    let reading = match pinyin_match::graded(&key, l, 0) {
        Some((_, r)) => r,
        None => pinyin_match::infix_graded(&key, l)?,
    };
    Some(match reading {
        Reading::Common => PHONE_EMAIL,
        Reading::Rare => TYPO,
    })
}

/// The value that `q` matched, as shown on the hit line (folded, as the finder keeps it).
pub(crate) fn matched<'a>(fields: &'a str, q: &Query) -> Option<&'a str> {
    let lines = || fields.split('\n').filter(|v| !v.is_empty());
    lines().find(|v| q.found_in(v).is_some()).or_else(|| {
        let l = q.letters.as_deref()?;
        lines().find(|v| value_tier(v, l).is_some())
    })
}
