//! A query of several terms, in any order, all of which must match (`sys smith` finds Smith
//! Systems Ltd), with the extended syntax fzf's users know: `'exact`, `^prefix`, `suffix$`,
//! `!not` (exact, as in fzf) and `a | b`. A plain term matches as a one-word query does
//! (pinyin, initials, contacts, typos); an account ranks by its worst term, and the whole
//! text typed as one phrase still counts (`zhang san` reads as 张三).

use super::matcher::{self, Tiers, Which, NONE};
use super::one;
use super::query::{Mode, Query, Term};
use super::ranking::{self, Book};
use crate::search_keys::record::{CODE, CONTACT_NAMES, EMAILS, FIELDS, NAME, PHONES, SHORT};

/// How many accounts the most telling term may bring before its worse tiers are skipped
/// (as a one-word query skips them past its `limit`); the other terms are then read only
/// for the accounts it brought, so a query of several words costs about one of one word.
const FIRST_TERM_LIMIT: usize = 2_000;

/// Fills `t` with the accounts every positive term matches and no negated term does.
pub(crate) fn match_terms<B: Book>(b: &B, q: &Query, t: &mut Tiers, limit: usize) {
    let n = b.len();
    let cap = limit.max(FIRST_TERM_LIMIT);
    let mut positive: Vec<&Term> = q.terms.iter().filter(|t| !t.negate).collect();
    // The longest term first: it brings the fewest accounts.
    positive.sort_by_key(|t| std::cmp::Reverse(t.alts.iter().map(|a| a.q.text.len()).min()));
    // Typos and subsequences of the first term are read only when nothing matches without:
    // they would rank below every match found, and reading them costs a pass over the book.
    let mut acc = all_terms(b, &positive, cap, false);
    if !positive.is_empty() && acc.iter().all(|&a| a == NONE) {
        acc = all_terms(b, &positive, cap, true);
    }
    for term in q.terms.iter().filter(|t| t.negate) {
        for (slot, a) in acc.iter_mut().enumerate() {
            if *a != NONE && term_at(b, term, slot, NONE >> 4) != NONE {
                *a = NONE;
            }
        }
    }
    // The whole text as one phrase, when it has no operators: read for the accounts the
    // terms brought (what holds the phrase holds each of its words), over the book only
    // when they brought none (`zhan gsan`, a pinyin phrase cut inside a syllable).
    if q.phrase {
        if acc.iter().any(|&a| a != NONE) {
            for (slot, a) in acc.iter_mut().enumerate() {
                if *a != NONE {
                    let p = one::best(b, q, slot, false, matcher::EXACT);
                    if p >> 4 < *a >> 4 {
                        *a = p;
                    }
                }
            }
        } else {
            let mut pt = Tiers::new(Vec::new(), n);
            ranking::match_all(b, q, &mut pt, cap, false);
            for (slot, a) in acc.iter_mut().enumerate() {
                *a = pt.raw(slot);
            }
        }
    }
    for (slot, a) in acc.into_iter().enumerate() {
        t.set_raw(slot, a);
    }
}

/// The accounts every term of `positive` matches, each at its worst term's tier.
fn all_terms<B: Book>(b: &B, positive: &[&Term], cap: usize, loose: bool) -> Vec<u8> {
    let mut acc = match positive.first() {
        Some(first) => term_best(b, first, cap, loose),
        // Only negated terms: every account they leave, most recent first.
        None => vec![matcher::EXACT << 4 | Which::Recent as u8; b.len()],
    };
    for term in positive.iter().skip(1) {
        for (slot, a) in acc.iter_mut().enumerate() {
            if *a == NONE {
                continue;
            }
            let m = term_at(b, term, slot, *a >> 4);
            // The worst term's tier, the first term's key (for what is shown).
            *a = if m == NONE {
                NONE
            } else {
                (*a >> 4).max(m >> 4) << 4 | (*a & 15)
            };
        }
    }
    acc
}

/// The best match of each account for any alternative of `term`, as [`Tiers::raw`] gives it.
fn term_best<B: Book>(b: &B, term: &Term, cap: usize, loose: bool) -> Vec<u8> {
    let n = b.len();
    let mut best = vec![NONE; n];
    for alt in &term.alts {
        let mut tt = Tiers::new(Vec::new(), n);
        match alt.mode {
            Mode::Fuzzy => ranking::match_all(b, &alt.q, &mut tt, cap, loose),
            mode => exact(b, &alt.q, mode, &mut tt),
        }
        for (slot, v) in best.iter_mut().enumerate() {
            *v = (*v).min(tt.raw(slot));
        }
    }
    best
}

/// The best match of one account for any alternative of `term`, or any at tier `enough` or
/// better (see [`one::best`]).
fn term_at<B: Book>(b: &B, term: &Term, slot: usize, enough: u8) -> u8 {
    term.alts
        .iter()
        .map(|alt| match alt.mode {
            Mode::Fuzzy => one::best(b, &alt.q, slot, true, enough),
            mode => exact_at(b, &alt.q, mode, slot),
        })
        .min()
        .unwrap_or(NONE)
}

/// [`exact`] for one account.
fn exact_at<B: Book>(b: &B, q: &Query, mode: Mode, slot: usize) -> u8 {
    use matcher::*;
    let word = q.text.as_str();
    let fits = |line: &str| match mode {
        Mode::Prefix => line.starts_with(word),
        Mode::Suffix => line.ends_with(word),
        _ => line.contains(word),
    };
    let mut best = NONE;
    for (column, which) in [
        (NAME, Which::Name),
        (SHORT, Which::Short),
        (CODE, Which::Code),
        (CONTACT_NAMES, Which::Contact),
        (EMAILS, Which::Email),
        (FIELDS, Which::Field),
    ] {
        let text = b.text(column, slot);
        let Some(line) = text.split('\n').find(|l| fits(l)) else {
            continue;
        };
        best = best.min(tier_of(column, line, word) << 4 | which as u8);
    }
    if let Some(d) = &q.digits {
        let digits = d.needle();
        let hit = b.text(PHONES, slot).split(' ').any(|l| match mode {
            Mode::Prefix => l.as_bytes().starts_with(digits),
            Mode::Suffix => l.as_bytes().ends_with(digits),
            _ => d.find(l.as_bytes()).is_some(),
        });
        if hit {
            best = best.min(PHONE_EMAIL << 4 | Which::Phone as u8);
        }
    }
    best
}

/// How well a text line holding the term as typed ranks: the whole line (a contact's name
/// is as good as an account's), its start, or inside it.
fn tier_of(column: usize, line: &str, word: &str) -> u8 {
    use matcher::*;
    match (column, line == word, line.starts_with(word)) {
        (CONTACT_NAMES, true, _) => EXACT,
        (CONTACT_NAMES, false, _) => CONTACT,
        (EMAILS | FIELDS, _, _) => PHONE_EMAIL,
        (_, true, _) => EXACT,
        (_, false, true) => PREFIX,
        _ => SUBSTRING,
    }
}

/// The accounts holding the term's text as typed, at the start or end of a text when asked.
fn exact<B: Book>(b: &B, q: &Query, mode: Mode, t: &mut Tiers) {
    use matcher::*;
    let fits = |line: &str, word: &str| match mode {
        Mode::Prefix => line.starts_with(word),
        Mode::Suffix => line.ends_with(word),
        _ => line.contains(word),
    };
    let word = q.text.as_str();
    for (column, which) in [
        (NAME, Which::Name),
        (SHORT, Which::Short),
        (CODE, Which::Code),
        (CONTACT_NAMES, Which::Contact),
        (EMAILS, Which::Email),
        (FIELDS, Which::Field),
    ] {
        b.scan(column, &q.finder, |slot, _, _| {
            let text = b.text(column, slot);
            let Some(line) = text.split('\n').find(|l| fits(l, word)) else {
                return;
            };
            t.offer(slot, tier_of(column, line, word), which);
        });
    }
    if let Some(d) = &q.digits {
        let digits = d.needle();
        b.scan(PHONES, d, |slot, _, _| {
            let fits = b.text(PHONES, slot).split(' ').any(|l| match mode {
                Mode::Prefix => l.as_bytes().starts_with(digits),
                Mode::Suffix => l.as_bytes().ends_with(digits),
                _ => true,
            });
            if fits {
                t.offer(slot, PHONE_EMAIL, Which::Phone);
            }
        });
    }
}
