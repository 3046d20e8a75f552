//! A query of several terms, in any order, all of which must match (`sys smith` finds Smith
//! Systems Ltd), with the extended syntax fzf's users know: `'exact`, `^prefix`, `suffix$`,
//! `!not` (exact, as in fzf) and `a | b`. A plain term matches as a one-word query does
//! (pinyin, initials, contacts, typos); an account ranks by its worst term, and the whole
//! text typed as one phrase still counts (`zhang san` reads as 张三).

use super::matcher::{self, Tiers, Which, NONE};
use super::query::Query;
use super::ranking::{self, Book};
use crate::search_keys::record::{CODE, CONTACT_NAMES, EMAILS, NAME, PHONES, SHORT};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Matched as a one-word query.
    Fuzzy,
    /// `'word`: the letters together, anywhere.
    Exact,
    /// `^word`: at the start of a name, code or contact.
    Prefix,
    /// `word$`: at the end of one.
    Suffix,
}

pub(crate) struct Alt {
    pub(crate) mode: Mode,
    pub(crate) q: Query,
}

/// One term: any of its alternatives matches (`a | b`); `!` keeps accounts it matches out.
pub(crate) struct Term {
    pub(crate) alts: Vec<Alt>,
    pub(crate) negate: bool,
}

/// The terms of `text` (folded, white space single), or none when it is one plain word (the
/// one-word path is the fast one), or has no term left once the operators are read.
pub(crate) fn parse(text: &str) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    let mut join = false;
    for token in text.split(' ') {
        if token == "|" {
            join = !terms.is_empty();
            continue;
        }
        let Some((negate, alt)) = alt_of(token) else {
            continue;
        };
        match terms.last_mut() {
            Some(last) if join && last.negate == negate => last.alts.push(alt),
            _ => terms.push(Term {
                alts: vec![alt],
                negate,
            }),
        }
        join = false;
    }
    let plain = terms.len() == 1 && !terms[0].negate && terms[0].alts.len() == 1;
    if plain && terms[0].alts[0].mode == Mode::Fuzzy {
        return vec![];
    }
    terms
}

fn alt_of(token: &str) -> Option<(bool, Alt)> {
    let (negate, rest) = match token.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, token),
    };
    let (mode, word) = if let Some(w) = rest.strip_prefix('\'') {
        (Mode::Exact, w)
    } else if let Some(w) = rest.strip_prefix('^') {
        (Mode::Prefix, w)
    } else if let Some(w) = rest.strip_suffix('$') {
        (Mode::Suffix, w)
    } else if negate {
        (Mode::Exact, rest)
    } else {
        (Mode::Fuzzy, rest)
    };
    (!word.is_empty()).then(|| {
        (
            negate,
            Alt {
                mode,
                q: Query::plain(word),
            },
        )
    })
}

/// Fills `t` with the accounts every positive term matches and no negated term does.
pub(crate) fn match_terms<B: Book>(b: &B, q: &Query, t: &mut Tiers) {
    let n = b.len();
    let mut acc: Option<Vec<u8>> = None;
    for term in q.terms.iter().filter(|t| !t.negate) {
        let best = term_best(b, term);
        acc = Some(match acc {
            None => best,
            Some(mut acc) => {
                for (a, m) in acc.iter_mut().zip(best) {
                    // The worst term's tier, the first term's key (for what is shown).
                    if *a != NONE {
                        *a = if m == NONE {
                            NONE
                        } else {
                            (*a >> 4).max(m >> 4) << 4 | (*a & 15)
                        };
                    }
                }
                acc
            }
        });
    }
    // Only negated terms: every account they leave, most recent first.
    let mut acc = acc.unwrap_or_else(|| vec![matcher::EXACT << 4 | Which::Recent as u8; n]);
    for term in q.terms.iter().filter(|t| t.negate) {
        for (a, m) in acc.iter_mut().zip(term_best(b, term)) {
            if m != NONE {
                *a = NONE;
            }
        }
    }
    // The whole text as one phrase, when it has no operators.
    if q.phrase {
        let mut pt = Tiers::new(Vec::new(), n);
        ranking::match_all(b, q, &mut pt, n);
        for (slot, a) in acc.iter_mut().enumerate() {
            let p = pt.raw(slot);
            if p >> 4 < *a >> 4 || *a == NONE {
                *a = p;
            }
        }
    }
    for (slot, a) in acc.into_iter().enumerate() {
        t.set_raw(slot, a);
    }
}

/// The best match of each account for any alternative of `term`, as [`Tiers::raw`] gives it.
fn term_best<B: Book>(b: &B, term: &Term) -> Vec<u8> {
    let n = b.len();
    let mut best = vec![NONE; n];
    for alt in &term.alts {
        let mut tt = Tiers::new(Vec::new(), n);
        match alt.mode {
            Mode::Fuzzy => ranking::match_all(b, &alt.q, &mut tt, n),
            mode => exact(b, &alt.q, mode, &mut tt),
        }
        for (slot, v) in best.iter_mut().enumerate() {
            *v = (*v).min(tt.raw(slot));
        }
    }
    best
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
    ] {
        b.scan(column, &q.finder, |slot, _, _| {
            let text = b.text(column, slot);
            let Some(line) = text.split('\n').find(|l| fits(l, word)) else {
                return;
            };
            let tier = match (column, line == word, line.starts_with(word)) {
                (CONTACT_NAMES, true, _) => EXACT,
                (CONTACT_NAMES, false, _) => CONTACT,
                (EMAILS, _, _) => PHONE_EMAIL,
                (_, true, _) => EXACT,
                (_, false, true) => PREFIX,
                _ => SUBSTRING,
            };
            t.offer(slot, tier, which);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<(bool, Vec<(Mode, String)>)> {
        parse(text)
            .into_iter()
            .map(|t| {
                let alts = t.alts.into_iter().map(|a| (a.mode, a.q.text)).collect();
                (t.negate, alts)
            })
            .collect()
    }

    #[test]
    fn operators_read_as_fzf_reads_them() {
        assert!(shape("smith").is_empty());
        assert_eq!(
            shape("'a ^b c$ !d e | f"),
            vec![
                (false, vec![(Mode::Exact, "a".into())]),
                (false, vec![(Mode::Prefix, "b".into())]),
                (false, vec![(Mode::Suffix, "c".into())]),
                (true, vec![(Mode::Exact, "d".into())]),
                (
                    false,
                    vec![(Mode::Fuzzy, "e".into()), (Mode::Fuzzy, "f".into())]
                ),
            ]
        );
        assert!(shape("' ^ $ ! |").is_empty());
        assert_eq!(shape("^x").len(), 1);
    }
}
