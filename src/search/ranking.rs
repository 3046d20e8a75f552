//! Ranking over any book of accounts: the finder's own vectors, or a chunk of records read
//! straight from the store (see [`super::stored`]), through the [`Book`] trait.
//!
//! The tiers are filled best first, and a tier is skipped once `limit` accounts matched
//! better (so fuzzy matching runs only when fewer than `limit` better hits exist); a bounded
//! heap then keeps the best `limit` by tier, recent activity and code. Within a tier matched
//! account by account (pinyin), accounts that could not enter the list even if they matched
//! are not matched at all.

use super::book::cand;
pub(crate) use super::book::{Book, Cand, ContactPairs, Letters, NamePairs};
pub(crate) use super::fill::match_all;
use super::matcher::{self, Tiers, View, Which};
use super::query::Query;
use super::Hit;
use crate::search_keys::record::{CODE, CONTACT_NAMES, EMAILS, FIELDS, NAME, SHORT};
use crate::search_keys::{SummaryRef, Tail};
use std::collections::BinaryHeap;

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
        match_all(b, q, &mut t, limit, true);
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

/// The hit for the account at `slot`, if it matched. A hit on a contact, phone or email
/// shows the contact as typed: `whole_tail` gives the account's whole tail when `b` keeps
/// only its summary (None: `b.tail` is whole).
pub(crate) fn describe<B: Book>(
    b: &B,
    q: &Query,
    t: &Tiers,
    slot: usize,
    whole_tail: impl Fn(usize) -> Option<Vec<u8>>,
) -> Option<Hit> {
    let found = t.found(slot)?;
    let whole = match found.which {
        Which::Contact | Which::Phone | Which::Email => whole_tail(slot),
        _ => None,
    };
    let tail = Tail(whole.as_deref().unwrap_or_else(|| b.tail(slot)));
    let view = View {
        name: b.text(NAME, slot),
        short: b.text(SHORT, slot),
        contact_names: b.text(CONTACT_NAMES, slot),
        emails: b.text(EMAILS, slot),
        fields: b.text(FIELDS, slot),
        tail,
    };
    let summary: SummaryRef<'_> = tail.summary().unwrap_or_default();
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
