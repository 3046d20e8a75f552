//! Typo tolerance, as people expect of a search box (Typesense and Meilisearch): one edit
//! from five letters, two from nine, a swap of two neighbours counting as one. Shorter words
//! get none: at four letters one edit reaches too many other words. For Latin words, and for
//! pinyin typed with a slip inside a syllable (`jinbabx` for 金八宝, see
//! [`super::pinyin_match::with_edits`]); a typo always ranks below every exact match.

use super::book::{Book, Letters};
use super::pinyin_match;
use super::query::Query;
use crate::search_keys::pinyin::{Pairs, PyKey};
use crate::search_keys::record::{CONTACT_NAMES, NAME, SHORT};

/// Edits a query of `len` letters may be away from a word.
pub(crate) fn allowed(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether `a` and `b` are at most `k` edits apart (insert, delete, substitute, or swap two
/// neighbours: the optimal string alignment distance), on short words only.
#[cfg(test)]
pub(crate) fn within(a: &[u8], b: &[u8], k: usize) -> bool {
    a.len().abs_diff(b.len()) <= k && distance(a, b, k, b.len()..=b.len())
}

/// Whether `a` is at most `k` edits from `b` cut at some length in `ends` (one table for
/// the whole word and its starts).
fn distance(a: &[u8], b: &[u8], k: usize, ends: std::ops::RangeInclusive<usize>) -> bool {
    const MAX: usize = 32;
    if a.len() >= MAX || b.len() >= MAX {
        return false;
    }
    // Three rows of the distance table.
    let mut prev2 = [0usize; MAX + 1];
    let mut prev: [usize; MAX + 1] = std::array::from_fn(|j| j);
    let mut cur = [0usize; MAX + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > k {
            return false;
        }
        prev2 = prev;
        prev = cur;
    }
    ends.into_iter().any(|j| j <= b.len() && prev[j] <= k)
}

/// Whether a word of `text` (folded) is within the allowed edits of the query's letters, as
/// a whole word or as the start of a longer one (typed before it is finished).
pub(crate) fn in_text(q: &[u8], text: &str) -> bool {
    let k = allowed(q.len());
    if k == 0 {
        return false;
    }
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::as_bytes)
        .filter(|w| w.len() + k >= q.len())
        // One edit leaves one of the first two letters where it was or one place over.
        .filter(|w| k > 1 || w[0] == q[0] || w[1] == q[1] || w[0] == q[1] || w[1] == q[0])
        .any(|w| {
            let cut = &w[..w.len().min(q.len() + k)];
            distance(q, cut, k, q.len() - k..=q.len() + k)
        })
}

/// Where a slip of the query was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slipped {
    /// The account's name or short name.
    Name,
    Contact,
}

/// Which key of the account at `slot` the query's letters reach as pinyin with the allowed
/// edits: its name or short name, or a contact's name.
pub(crate) fn in_pinyin<B: Book>(b: &B, q: &Query, slot: usize) -> Option<Slipped> {
    let l = q.letters.as_deref()?;
    let k = allowed(l.len());
    if k == 0 {
        return None;
    }
    // An edit changes at most one letter of the set and three of the pairs.
    let near = |h: Letters, pairs: &Pairs| {
        h.first & q.first_letter != 0
            && (q.letters_mask & !h.letters).count_ones() as usize <= k
            && pairs.missing(&q.pairs) as usize <= 3 * k
    };
    let reaches =
        |text: &str| PyKey::of(text).is_some_and(|key| pinyin_match::with_edits(&key, l, k));
    if near(b.letters(slot), &b.name_pairs(slot).all_pairs)
        && (reaches(b.text(NAME, slot)) || reaches(b.text(SHORT, slot)))
    {
        return Some(Slipped::Name);
    }
    if near(b.contact_letters(slot), &b.contact_pairs(slot).all_pairs)
        && b.text(CONTACT_NAMES, slot).split('\n').any(reaches)
    {
        return Some(Slipped::Contact);
    }
    None
}

/// Whether the query's letters reach the folded name `text` as pinyin with the allowed edits.
pub(crate) fn pinyin_near(q: &Query, text: &str) -> bool {
    q.letters.as_deref().is_some_and(|l| {
        let k = allowed(l.len());
        k > 0 && PyKey::of(text).is_some_and(|key| pinyin_match::with_edits(&key, l, k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_and_swaps() {
        assert!(within(b"smyth", b"smith", 1));
        assert!(within(b"whloesale", b"wholesale", 1));
        assert!(within(b"manufacutring", b"manufacturing", 1));
        assert!(within(b"distribuiton", b"distribution", 1));
        assert!(!within(b"smyht", b"smith", 1));
        assert!(within(b"smyht", b"smith", 2));
        assert!(within(b"dstrbution", b"distribution", 2));
        assert!(!within(b"abc", b"xyz", 2));
        assert_eq!(allowed(4), 0);
        assert_eq!(allowed(5), 1);
        assert_eq!(allowed(9), 2);
        assert!(in_text(b"wholsa", "acme wholesale"));
        assert!(!in_text(b"acne", "acme"));
    }
}
