//! The ranking rules: which key of an account a query matches, best tier first, and what
//! to highlight once an account is among the hits.
//!
//! Tiers, best first: exact name / short name / code; name (or short name, code) prefix;
//! pinyin or initials covering the whole name; covering its start; name substring (or
//! pinyin starting mid-name); a contact's name; a phone or email; fuzzy (subsequence).

use super::keys::{covers, fold, phone_digits, Entry, PyKey};
use super::pinyin_match::{self, Anchored};
use super::query::Query;
use super::{Hit, MatchKind};
use crate::store::AccountSummary;
use std::ops::Range;

pub(crate) const EXACT: u8 = 0;
pub(crate) const PREFIX: u8 = 1;
pub(crate) const PINYIN_WHOLE: u8 = 2;
pub(crate) const PINYIN_PREFIX: u8 = 3;
pub(crate) const SUBSTRING: u8 = 4;
pub(crate) const CONTACT: u8 = 5;
pub(crate) const PHONE_EMAIL: u8 = 6;
pub(crate) const FUZZY: u8 = 7;

/// Which key matched; enough to rebuild the details for the few accounts shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    Name,
    Short,
    Code,
    NamePinyin,
    ShortPinyin,
    Contact,
    Phone,
    Email,
    Fuzzy,
    Recent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) tier: u8,
    pub(crate) which: Which,
}

fn found(tier: u8, which: Which) -> Option<Found> {
    Some(Found { tier, which })
}

fn pinyin_ok(key: &Option<PyKey>) -> Option<&PyKey> {
    key.as_ref()
}

/// The best match of `e` no worse than `max_tier`, fuzzy aside.
#[inline]
pub(crate) fn eval(e: &Entry, q: &Query, max_tier: u8) -> Option<Found> {
    let name_ok = covers(e.m_name, q.mask);
    if name_ok {
        let t = q.text.as_str();
        if &*e.name == t {
            return found(EXACT, Which::Name);
        }
        if &*e.short == t {
            return found(EXACT, Which::Short);
        }
        if &*e.code == t {
            return found(EXACT, Which::Code);
        }
        if max_tier < PREFIX {
            return None;
        }
        if e.name.starts_with(t) {
            return found(PREFIX, Which::Name);
        }
        if e.short.starts_with(t) {
            return found(PREFIX, Which::Short);
        }
        if e.code.starts_with(t) {
            return found(PREFIX, Which::Code);
        }
    }
    if max_tier < PINYIN_WHOLE {
        return None;
    }
    let letters = q
        .letters
        .as_deref()
        .filter(|_| covers(e.py_letters as u64, q.letters_mask as u64));
    if let Some(l) = letters.filter(|_| e.py_first & q.first_letter != 0) {
        let mut best: Option<Found> = None;
        for (key, which) in [
            (&e.name_py, Which::NamePinyin),
            (&e.short_py, Which::ShortPinyin),
        ] {
            let Some(key) = pinyin_ok(key) else { continue };
            if key.first & q.first_letter == 0 {
                continue;
            }
            match pinyin_match::anchored(key, l, 0) {
                Some(Anchored::Whole) => return found(PINYIN_WHOLE, which),
                Some(Anchored::Prefix(_)) if best.is_none() => best = found(PINYIN_PREFIX, which),
                _ => {}
            }
        }
        if let Some(b) = best.filter(|b| b.tier <= max_tier) {
            return Some(b);
        }
    }
    if max_tier < SUBSTRING {
        return None;
    }
    if name_ok {
        if q.found_in(&e.name).is_some() {
            return found(SUBSTRING, Which::Name);
        }
        if q.found_in(&e.short).is_some() {
            return found(SUBSTRING, Which::Short);
        }
    }
    if let Some(l) = letters {
        if e.name_py
            .as_ref()
            .is_some_and(|k| pinyin_match::infix(k, l))
        {
            return found(SUBSTRING, Which::NamePinyin);
        }
    }
    if max_tier < CONTACT {
        return None;
    }
    if covers(e.m_contacts, q.mask) && q.found_in(&e.contact_names).is_some() {
        return found(CONTACT, Which::Contact);
    }
    if let Some(l) = q.letters.as_deref() {
        if e.cpy_first & q.first_letter != 0 && covers(e.cpy_letters as u64, q.letters_mask as u64)
        {
            for k in e.contact_pys.iter() {
                if k.first & q.first_letter != 0 && pinyin_match::anchored(k, l, 0).is_some() {
                    return found(CONTACT, Which::Contact);
                }
            }
        }
    }
    if max_tier < PHONE_EMAIL {
        return None;
    }
    if let Some(d) = &q.digits {
        if covers(e.m_phones, q.digits_mask)
            && e.phones.len() >= d.needle().len()
            && d.find(e.phones.as_bytes()).is_some()
        {
            return found(PHONE_EMAIL, Which::Phone);
        }
    }
    if covers(e.m_emails, q.mask) && q.found_in(&e.emails).is_some() {
        return found(PHONE_EMAIL, Which::Email);
    }
    None
}

/// Whether the query's characters appear in order in the name or short name.
#[inline]
pub(crate) fn fuzzy(e: &Entry, q: &Query) -> Option<Found> {
    if !covers(e.m_name, q.mask) || q.compact.is_empty() {
        return None;
    }
    if subsequence(&e.name, &q.compact).is_some() || subsequence(&e.short, &q.compact).is_some() {
        return found(FUZZY, Which::Fuzzy);
    }
    None
}

/// The character positions of `needle` in `hay`, in order, taken as early as possible.
fn subsequence(hay: &str, needle: &[char]) -> Option<Vec<usize>> {
    let mut want = needle.iter().peekable();
    let mut at = Vec::new();
    for (i, c) in hay.chars().enumerate() {
        match want.peek() {
            Some(&&w) if w == c => {
                at.push(i);
                want.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    want.peek().is_none().then_some(at)
}

/// Character range of a byte range of `s`.
fn char_range(s: &str, start: usize, len: usize) -> Range<usize> {
    let a = s[..start].chars().count();
    a..a + s[start..start + len].chars().count()
}

fn ranges_of(points: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for &p in points {
        match out.last_mut() {
            Some(r) if r.end == p => r.end = p + 1,
            _ => out.push(p..p + 1),
        }
    }
    out
}

/// The hit shown for `a`, with what to highlight and what matched when not the name.
pub(crate) fn describe(a: &AccountSummary, e: &Entry, q: &Query, f: Found) -> Hit {
    let mut hit = Hit {
        account_id: a.id,
        kind: MatchKind::NameSubstring,
        name_ranges: vec![],
        matched_text: None,
    };
    let short = || a.short_name.clone();
    let pinyin_kind = |key: &PyKey, l: &[u8]| {
        if pinyin_match::is_initials(key, l) {
            MatchKind::Initials
        } else {
            MatchKind::Pinyin
        }
    };
    match f.which {
        Which::Recent => hit.kind = MatchKind::Recent,
        Which::Name => {
            hit.kind = match f.tier {
                EXACT => MatchKind::ExactName,
                PREFIX => MatchKind::NamePrefix,
                _ => MatchKind::NameSubstring,
            };
            if let Some(p) = q.found_in(&e.name) {
                hit.name_ranges = vec![char_range(&e.name, p, q.text.len())];
            }
        }
        Which::Short => {
            hit.kind = match f.tier {
                EXACT => MatchKind::ExactName,
                PREFIX => MatchKind::NamePrefix,
                _ => MatchKind::NameSubstring,
            };
            hit.matched_text = short();
        }
        Which::Code => {
            hit.kind = MatchKind::Code;
            hit.matched_text = Some(a.code.clone());
        }
        Which::NamePinyin | Which::ShortPinyin => {
            let key = if f.which == Which::NamePinyin {
                &e.name_py
            } else {
                &e.short_py
            };
            if let (Some(key), Some(l)) = (key.as_ref(), q.letters.as_deref()) {
                let span = match f.tier {
                    PINYIN_WHOLE | PINYIN_PREFIX => match pinyin_match::anchored(key, l, 0) {
                        Some(Anchored::Whole) => key.syllables().last().map(|s| (0, s.chars.1)),
                        Some(Anchored::Prefix(end)) => Some((0, end)),
                        None => None,
                    },
                    _ => pinyin_match::infix_span(key, l),
                };
                hit.kind = if f.tier == SUBSTRING {
                    MatchKind::Pinyin
                } else {
                    pinyin_kind(key, l)
                };
                if f.which == Which::NamePinyin {
                    hit.name_ranges = span.map(|(s, e)| vec![s..e]).unwrap_or_default();
                } else {
                    hit.matched_text = short();
                }
            }
        }
        Which::Contact => {
            hit.kind = MatchKind::Contact;
            hit.matched_text = e
                .contacts
                .iter()
                .find(|c| {
                    let n = fold(c.name.trim());
                    q.found_in(&n).is_some()
                        || q.letters.as_deref().is_some_and(|l| {
                            PyKey::build(&n)
                                .is_some_and(|k| pinyin_match::anchored(&k, l, 0).is_some())
                        })
                })
                .map(|c| c.name.clone());
        }
        Which::Phone => {
            hit.kind = MatchKind::Phone;
            let d = q.digits.as_ref();
            let phones = e
                .contacts
                .iter()
                .flat_map(|c| c.phones.iter())
                .chain(a.primary_phone.iter());
            hit.matched_text = phones
                .into_iter()
                .find(|p| d.is_some_and(|d| d.find(phone_digits(p).as_bytes()).is_some()))
                .cloned();
        }
        Which::Email => {
            hit.kind = MatchKind::Email;
            hit.matched_text = e
                .contacts
                .iter()
                .filter_map(|c| c.email.as_deref())
                .find(|m| q.found_in(&fold(m)).is_some())
                .map(String::from);
        }
        Which::Fuzzy => {
            hit.kind = MatchKind::Fuzzy;
            if let Some(points) = subsequence(&e.name, &q.compact) {
                hit.name_ranges = ranges_of(&points);
            } else {
                hit.matched_text = short();
            }
        }
    }
    hit
}
