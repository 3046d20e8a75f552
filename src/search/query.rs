//! A query, prepared once per keystroke: folded text, its searchers and masks.

use super::pinyin_match::MAX_LETTERS;
use crate::search_keys::pinyin::{self, pair_bit, Pairs};
use crate::search_keys::text::{char_bit, fold, phone_digits};
use memchr::memmem;

pub(crate) struct Query {
    /// Folded, trimmed, runs of white space made one space.
    pub(crate) text: String,
    pub(crate) finder: memmem::Finder<'static>,
    /// The text without white space, for fuzzy matching.
    pub(crate) compact: Vec<char>,
    pub(crate) mask: u64,
    /// Lower-case ASCII letters, when the query is only letters (and spaces, apostrophes).
    pub(crate) letters: Option<Vec<u8>>,
    pub(crate) letters_mask: u32,
    pub(crate) first_letter: u32,
    /// The pair bit of the first two letters (0 for a single letter: no constraint).
    pub(crate) first_pair: u128,
    /// Every two consecutive letters.
    pub(crate) pairs: Pairs,
    /// Phone digits, when the query looks like a phone number.
    pub(crate) digits: Option<memmem::Finder<'static>>,
    /// The terms, when the text is more than one plain word (see [`super::terms`]).
    pub(crate) terms: Vec<Term>,
    /// Whether the whole text also counts as one plain query (several terms, no operators).
    pub(crate) phrase: bool,
}

impl Query {
    pub(crate) fn new(raw: &str) -> Query {
        let mut q = Query::plain(raw);
        // A phone number typed with spaces is one number, not terms.
        if q.digits.is_none() {
            q.terms = parse(&q.text);
        }
        let operators = q.text.contains(['\'', '^', '$', '!', '|']);
        q.phrase = !q.terms.is_empty() && !operators;
        q
    }

    /// The query for the text as typed, every character taken literally.
    pub(crate) fn plain(raw: &str) -> Query {
        let folded = fold(raw);
        let text = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        let compact: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mask = compact.iter().fold(0, |m, &c| m | char_bit(c));
        let letters = letters_of(&compact).filter(|l| !l.is_empty() && l.len() <= MAX_LETTERS);
        let letters_mask = letters
            .iter()
            .flatten()
            .fold(0u32, |m, &b| m | 1 << (b - b'a'));
        let first_letter = letters.as_ref().map_or(0, |l| 1 << (l[0] - b'a'));
        let phone_like = compact.iter().any(char::is_ascii_digit)
            && compact
                .iter()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | '.'));
        let digits = phone_like
            .then(|| phone_digits(&text))
            .filter(|d| !d.is_empty());
        let first_pair = match letters.as_deref() {
            Some([a, b, ..]) => pair_bit(*a, *b),
            _ => 0,
        };
        let pairs = Pairs::of(letters.as_deref().unwrap_or_default());
        Query {
            first_pair,
            pairs,
            finder: memmem::Finder::new(text.as_bytes()).into_owned(),
            text,
            compact,
            mask,
            letters,
            letters_mask,
            first_letter,
            digits: digits.map(|d| memmem::Finder::new(d.as_bytes()).into_owned()),
            terms: Vec::new(),
            phrase: false,
        }
    }

    /// The query a hit is described with: the first term's, when there are terms.
    pub(crate) fn shown(&self) -> &Query {
        self.terms
            .iter()
            .find(|t| !t.negate)
            .map_or(self, |t| &t.alts[0].q)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    #[inline]
    pub(crate) fn found_in(&self, hay: &str) -> Option<usize> {
        if hay.len() < self.text.len() {
            return None;
        }
        self.finder.find(hay.as_bytes())
    }
}

/// The letters a query is matched against pinyin with: its own when it is only letters (and
/// apostrophes), or, when it mixes letters and Chinese characters as an input method leaves
/// them half-converted (`金babao`, `jin八宝`), each character read as people say it.
fn letters_of(compact: &[char]) -> Option<Vec<u8>> {
    let plain = |c: &char| c.is_ascii_lowercase() || *c == '\'';
    if compact.is_empty() || !compact.iter().any(char::is_ascii_lowercase) {
        return None;
    }
    let mut out = Vec::with_capacity(compact.len() * 2);
    for c in compact {
        if c.is_ascii_lowercase() {
            out.push(*c as u8);
        } else if !plain(c) {
            out.extend_from_slice(pinyin::first_reading(*c).filter(|_| !c.is_ascii())?);
        }
    }
    Some(out)
}

// The terms of a query: fzf's extended syntax, read once per keystroke.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepares_letters_and_digits() {
        let q = Query::new("  Zhang  San ");
        assert_eq!(q.text, "zhang san");
        assert_eq!(q.letters.as_deref(), Some(&b"zhangsan"[..]));
        assert!(q.digits.is_none());
        let q = Query::new("+86 138-0013");
        assert_eq!(
            q.digits.as_ref().map(|f| f.needle().to_vec()),
            Some(b"1380013".to_vec())
        );
        assert!(q.letters.is_none());
        let q = Query::new("ＡＢＣ");
        assert_eq!(q.text, "abc");
    }

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
