//! One query over a whole book, tier by tier, best first, stopping once `limit` accounts
//! matched better than what is left; within a tier matched account by account (pinyin),
//! accounts that could not enter the list even if they matched are not matched at all.

use super::book::{cand, Book, Cand};
use super::matcher::{self, Tiers};
use super::pinyin_match::{self, Anchored, Reading};
use super::query::Query;
use super::typo;
use crate::search_keys::pinyin::PyKey;
use crate::search_keys::record::{CODE, CONTACT_NAMES, EMAILS, FIELDS, NAME, PHONES, SHORT};
use std::collections::BinaryHeap;

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

/// Fills `t` tier by tier, stopping once `limit` accounts matched better than what is left.
/// `loose`: with the typo and fuzzy tiers (a phrase of several words is matched without).
pub(crate) fn match_all<B: Book>(b: &B, q: &Query, t: &mut Tiers, limit: usize, loose: bool) {
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
                let tier = match pinyin_match::graded(&key, l, 0) {
                    Some((_, Reading::Rare)) => TYPO,
                    Some((Anchored::Whole, _)) => PINYIN_WHOLE,
                    Some((Anchored::Prefix(_), _)) => PINYIN_PREFIX,
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
                .filter_map(|n| match pinyin_match::graded(&PyKey::of(n)?, l, 0)? {
                    (_, Reading::Rare) => Some(TYPO),
                    (Anchored::Whole, _) => Some(PINYIN_WHOLE),
                    (Anchored::Prefix(_), _) => Some(CONTACT),
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
                let tier = match PyKey::of(b.text(NAME, slot))
                    .and_then(|k| pinyin_match::infix_graded(&k, l))
                {
                    Some(Reading::Common) => SUBSTRING,
                    Some(Reading::Rare) => TYPO,
                    None => continue,
                };
                t.offer(slot, tier, Which::NamePinyin);
                top.push(cand(b, slot, t.tier(slot)));
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
    b.scan(FIELDS, &q.finder, |slot, _, _| {
        t.offer(slot, PHONE_EMAIL, Which::Field)
    });
    // A value's pinyin or initials, for the accounts whose values' letters hold the query's.
    let values = letters.filter(|_| b.any_field_letters());
    if let (Some(l), Some(mut top)) = (values, TopK::new(b, t, PHONE_EMAIL, PHONE_EMAIL, limit)) {
        let mut memo = super::fields::Memo::default();
        for slot in 0..b.len() {
            let h = b.field_letters(slot);
            if h.initials & q.first_letter == 0 || q.letters_mask & !h.letters != 0 {
                continue;
            }
            if t.tier(slot) <= PHONE_EMAIL || !top.worth(&cand(b, slot, PHONE_EMAIL)) {
                continue;
            }
            if let Some(r) = memo.reading(b.text(FIELDS, slot), l) {
                let tier = if r == Reading::Common {
                    PHONE_EMAIL
                } else {
                    TYPO
                };
                t.offer(slot, tier, Which::Field);
                top.push(cand(b, slot, t.tier(slot)));
            }
        }
    }
    if !loose || t.at_most(PHONE_EMAIL) >= limit || q.compact.is_empty() {
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
        // Pinyin and contacts' names with a slip only when nothing matched as typed: they
        // read every account (`jinbabx` when no 金八宝 is found otherwise).
        let exact = t.at_most(PHONE_EMAIL);
        for slot in (0..b.len()).filter(|_| exact == 0) {
            if t.tier(slot) <= TYPO {
                continue;
            }
            if let Some(slipped) = typo::in_pinyin(b, q, slot) {
                t.offer(slot, TYPO, slipped.into());
            } else if typo::in_text(l, b.text(CONTACT_NAMES, slot)) {
                t.offer(slot, TYPO, Which::Contact);
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
