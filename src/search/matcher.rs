//! The ranking rules: which key of an account a query matches, best tier first, and what
//! to highlight once an account is among the hits.
//!
//! Tiers, best first: exact name / short name / code / a contact's whole name; name (or
//! short name, code) prefix; pinyin or initials covering the whole name or a contact's whole
//! name; covering its start; name substring (or pinyin starting mid-name); a contact's name
//! otherwise; a phone, email or custom field's value (see `fields`); a Latin word one or two typos away; fuzzy (subsequence).
//! A person is a target as much as an account: a rep half-remembers either.

use super::pinyin_match::{self, Anchored};
use super::query::Query;
use super::{Hit, MatchKind};
use crate::search_keys::pinyin::PyKey;
use crate::search_keys::record::Typed;
use crate::search_keys::text::phone_digits;
use crate::search_keys::{SummaryRef, Tail};
use std::ops::Range;

pub(crate) const EXACT: u8 = 0;
pub(crate) const PREFIX: u8 = 1;
pub(crate) const PINYIN_WHOLE: u8 = 2;
pub(crate) const PINYIN_PREFIX: u8 = 3;
pub(crate) const SUBSTRING: u8 = 4;
pub(crate) const CONTACT: u8 = 5;
pub(crate) const PHONE_EMAIL: u8 = 6;
pub(crate) const TYPO: u8 = 7;
pub(crate) const FUZZY: u8 = 8;
/// How many tiers there are.
pub(crate) const TIERS: usize = 9;

/// Which key matched; enough to rebuild the details for the few accounts shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
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
    Typo,
    Field,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) tier: u8,
    pub(crate) which: Which,
}

const WHICH: [Which; 12] = [
    Which::Name,
    Which::Short,
    Which::Code,
    Which::NamePinyin,
    Which::ShortPinyin,
    Which::Contact,
    Which::Phone,
    Which::Email,
    Which::Fuzzy,
    Which::Recent,
    Which::Typo,
    Which::Field,
];

impl From<super::typo::Slipped> for Which {
    fn from(s: super::typo::Slipped) -> Which {
        match s {
            super::typo::Slipped::Name => Which::Typo,
            super::typo::Slipped::Contact => Which::Contact,
        }
    }
}

/// The best match so far of every account, one byte each (`tier << 4 | which`), with how
/// many accounts are in each tier.
pub(crate) struct Tiers {
    best: Vec<u8>,
    counts: [u32; TIERS],
}

pub(crate) const NONE: u8 = u8::MAX;
/// An account no query may offer (see [`Tiers::block`]).
const BLOCKED: u8 = u8::MAX - 1;

impl Tiers {
    /// Over `n` accounts, in `buf` (a buffer reused from an earlier query).
    pub(crate) fn new(mut buf: Vec<u8>, n: usize) -> Tiers {
        buf.clear();
        buf.resize(n, NONE);
        Tiers {
            best: buf,
            counts: [0; TIERS],
        }
    }

    pub(crate) fn into_buf(self) -> Vec<u8> {
        self.best
    }

    #[inline]
    pub(crate) fn tier(&self, slot: usize) -> u8 {
        self.best[slot] >> 4
    }

    /// Keeps `slot` out of every tier.
    pub(crate) fn block(&mut self, slot: usize) {
        self.best[slot] = BLOCKED;
    }

    #[inline]
    pub(crate) fn offer(&mut self, slot: usize, tier: u8, which: Which) {
        let v = tier << 4 | which as u8;
        let old = self.best[slot];
        if v < old && old != BLOCKED {
            if old != NONE {
                self.counts[(old >> 4) as usize] -= 1;
            }
            self.counts[tier as usize] += 1;
            self.best[slot] = v;
        }
    }

    /// How many accounts matched at `tier` or better.
    pub(crate) fn at_most(&self, tier: u8) -> usize {
        self.counts[..=tier as usize]
            .iter()
            .map(|&c| c as usize)
            .sum()
    }

    /// The best match of `slot` as one byte (`tier << 4 | which`), or [`NONE`].
    #[inline]
    pub(crate) fn raw(&self, slot: usize) -> u8 {
        match self.best[slot] {
            BLOCKED => NONE,
            v => v,
        }
    }

    /// Sets `slot`'s match outright (`v` as [`Tiers::raw`] gives it); for combining terms.
    pub(crate) fn set_raw(&mut self, slot: usize, v: u8) {
        if v != NONE {
            self.offer(slot, v >> 4, WHICH[(v & 15) as usize]);
        }
    }

    pub(crate) fn found(&self, slot: usize) -> Option<Found> {
        let v = self.best[slot];
        (v != NONE && v != BLOCKED).then(|| Found {
            tier: v >> 4,
            which: WHICH[(v & 15) as usize],
        })
    }
}

/// What `describe` reads of one account: its folded texts and the rest of its record.
pub(crate) struct View<'a> {
    pub(crate) name: &'a str,
    pub(crate) short: &'a str,
    /// Folded contact names, one per contact, joined by `\n`.
    pub(crate) contact_names: &'a str,
    /// Folded emails of the contacts that have one, joined by `\n`.
    pub(crate) emails: &'a str,
    /// Folded custom values, one a line.
    pub(crate) fields: &'a str,
    pub(crate) tail: Tail<'a>,
}

/// The character positions of `needle` in `hay`, in order, taken as early as possible.
pub(crate) fn subsequence(hay: &str, needle: &[char]) -> Option<Vec<usize>> {
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
pub(crate) fn describe(
    account_id: i64,
    a: &SummaryRef<'_>,
    e: &View<'_>,
    q: &Query,
    f: Found,
) -> Hit {
    let mut hit = Hit {
        account_id,
        kind: MatchKind::NameSubstring,
        name_ranges: vec![],
        matched_text: None,
        title: None,
    };
    let short = || a.short_name.map(str::to_string);
    let pinyin_kind = |key: &PyKey<'_>, l: &[u8]| {
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
            if let Some(p) = q.found_in(e.name) {
                hit.name_ranges = vec![char_range(e.name, p, q.text.len())];
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
            hit.matched_text = Some(a.code.to_string());
        }
        Which::NamePinyin | Which::ShortPinyin => {
            let key = if f.which == Which::NamePinyin {
                PyKey::of(e.name)
            } else {
                PyKey::of(e.short)
            };
            if let (Some(key), Some(l)) = (key, q.letters.as_deref()) {
                let span = match f.tier {
                    PINYIN_WHOLE | PINYIN_PREFIX => match pinyin_match::anchored(&key, l, 0) {
                        Some(Anchored::Whole) => key.syllables().last().map(|s| (0, s.chars.1)),
                        Some(Anchored::Prefix(end)) => Some((0, end)),
                        None => None,
                    },
                    _ => pinyin_match::infix_span(&key, l),
                };
                hit.kind = if f.tier == SUBSTRING {
                    MatchKind::Pinyin
                } else {
                    pinyin_kind(&key, l)
                };
                if f.which == Which::NamePinyin {
                    hit.name_ranges = span.into_iter().map(|(s, e)| s..e).collect();
                } else {
                    hit.matched_text = short();
                }
            }
        }
        Which::Contact => {
            hit.kind = MatchKind::Contact;
            let contacts = e.tail.contacts();
            hit.matched_text = e
                .contact_names
                .split('\n')
                .zip(&contacts)
                .find(|(n, _)| {
                    q.found_in(n).is_some()
                        || q.letters.as_deref().is_some_and(|l| {
                            PyKey::of(n).is_some_and(|k| pinyin_match::anchored(&k, l, 0).is_some())
                        })
                        || (f.tier == TYPO
                            && (super::typo::pinyin_near(q, n)
                                || q.letters
                                    .as_deref()
                                    .is_some_and(|l| super::typo::in_text(l, n))))
                })
                .map(|(n, c)| {
                    hit.title = c.title.map(str::to_string);
                    c.name.unwrap_or(n).to_string()
                });
        }
        Which::Phone => {
            hit.kind = MatchKind::Phone;
            let d = q.digits.as_ref();
            let contacts = e.tail.contacts();
            let phones = contacts
                .iter()
                .flat_map(|c| c.phones.iter().copied())
                .chain(a.primary_phone);
            hit.matched_text = phones
                .into_iter()
                .find(|p| d.is_some_and(|d| d.find(phone_digits(p).as_bytes()).is_some()))
                .map(str::to_string);
        }
        Which::Email => {
            hit.kind = MatchKind::Email;
            let contacts = e.tail.contacts();
            // The folded emails are those of the contacts that have one, in order.
            let typed = contacts.iter().filter_map(|c| match c.email {
                Typed::Missing => None,
                Typed::SameAsFolded => Some(None),
                Typed::Text(t) => Some(Some(t)),
            });
            hit.matched_text = e
                .emails
                .split('\n')
                .zip(typed)
                .find(|(folded, _)| q.found_in(folded).is_some())
                .map(|(folded, typed)| typed.unwrap_or(folded).to_string());
        }
        Which::Field => {
            hit.kind = MatchKind::Field;
            hit.matched_text = super::fields::matched(e.fields, q).map(str::to_string);
        }
        Which::Typo => {
            hit.kind = MatchKind::Fuzzy;
            hit.matched_text = short();
        }
        Which::Fuzzy => {
            hit.kind = MatchKind::Fuzzy;
            if let Some(points) = subsequence(e.name, &q.compact) {
                hit.name_ranges = ranges_of(&points);
            } else {
                hit.matched_text = short();
            }
        }
    }
    hit
}
