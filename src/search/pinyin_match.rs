//! Matching typed letters against a name's syllables, every reading of every character.
//!
//! Each syllable takes any non-empty prefix of one of its readings, so `zhangsan`, `zs`,
//! `zhangs` and `zhs` all find 张三, and `zxx` and `cxx` both find 曾小贤. The set of query
//! positions reachable after each syllable is a bit set, so a match costs one pass over the
//! syllables whatever the number of polyphones (no combinations are expanded). A second set
//! follows the readings people say alone, so a match that needs a dictionary's rare reading
//! (俊 as shun) is told apart and ranked lower.

use crate::search_keys::pinyin::{PyKey, Syllable};

/// Longest query (in letters) matched against pinyin; the bit set is a `u64`.
pub(crate) const MAX_LETTERS: usize = 62;

/// Query positions reachable after `syl`, from the positions in `set`: through common
/// readings only (`.0`, from `set.0`), and through any reading (`.1`, from either).
#[inline]
fn step(syl: &Syllable<'_>, q: &[u8], set: (u64, u64)) -> (u64, u64) {
    let mut next = (0u64, 0u64);
    for (i, r) in syl.readings().enumerate() {
        let common = i < syl.common as usize;
        let mut s = set.0 | set.1;
        while s != 0 {
            let k = s.trailing_zeros() as usize;
            s &= s - 1;
            let rest = &q[k..];
            let cp = rest.iter().zip(r).take_while(|(a, b)| a == b).count();
            if cp > 0 {
                let reach = ((1u64 << cp) - 1) << (k + 1);
                next.1 |= reach;
                if common && set.0 & 1 << k != 0 {
                    next.0 |= reach;
                }
            }
        }
    }
    next
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchored {
    /// The letters cover every syllable of the name.
    Whole,
    /// The letters cover the first syllables; the character where the shortest cover ends.
    Prefix(usize),
}

/// Whether a match reads every character as people say it, or needs a rare reading of one
/// (俊 as shun): such a match ranks a tier lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Reading {
    Common,
    Rare,
}

/// Match from the first syllable (`from` = 0) or a later one, through any reading.
pub(crate) fn anchored(key: &PyKey, q: &[u8], from: usize) -> Option<Anchored> {
    graded(key, q, from).map(|(a, _)| a)
}

/// [`anchored`], saying whether common readings alone match (they are preferred).
pub(crate) fn graded(key: &PyKey, q: &[u8], from: usize) -> Option<(Anchored, Reading)> {
    debug_assert!(!q.is_empty() && q.len() <= MAX_LETTERS);
    let full = 1u64 << q.len();
    let mut set = (1u64, 0u64);
    let mut found: [Option<Anchored>; 2] = [None, None];
    let mut syllables = key.syllables().skip(from).peekable();
    while let Some(syl) = syllables.next() {
        set = step(&syl, q, set);
        let last = syllables.peek().is_none();
        for (track, f) in [set.0, set.0 | set.1].into_iter().zip(&mut found) {
            if track & full != 0 {
                match f {
                    _ if last => *f = Some(Anchored::Whole),
                    None => *f = Some(Anchored::Prefix(syl.chars.1)),
                    Some(_) => {}
                }
            }
        }
        set.0 &= !full;
        set.1 &= !full;
        if set.0 | set.1 == 0 {
            break;
        }
    }
    match found {
        [Some(a), _] => Some((a, Reading::Common)),
        [None, Some(a)] => Some((a, Reading::Rare)),
        _ => None,
    }
}

/// Whether the letters cover consecutive syllables starting anywhere (one pass).
#[cfg(test)]
pub(crate) fn infix(key: &PyKey, q: &[u8]) -> bool {
    infix_graded(key, q).is_some()
}

/// [`infix`], saying whether common readings alone match. A match ending on the 市 of a city
/// (`zs` in 苏州市, zhou-shi) is not one: a rep typing letters means a name, not the seam
/// between a city and its suffix.
pub(crate) fn infix_graded(key: &PyKey, q: &[u8]) -> Option<Reading> {
    let full = 1u64 << q.len();
    let mut set = (0u64, 0u64);
    let mut rare = false;
    for syl in key.syllables() {
        set = step(&syl, q, ((set.0 & !full) | 1, set.1 & !full));
        if matches!(syl.ch, '市' | '省' | '县') {
            set = (set.0 & !full, set.1 & !full);
        }
        if set.0 & full != 0 {
            return Some(Reading::Common);
        }
        rare |= set.1 & full != 0;
    }
    rare.then_some(Reading::Rare)
}

/// Whether the letters, at most `k` edits (≤ 2) away, cover the first syllables or all of
/// them (`jinbabx` for 金八宝): each syllable takes a prefix of one of its readings as in
/// [`anchored`], and a slip inside a syllable (a letter wrong, missing, doubled or two
/// swapped) costs one edit. The first letter must be right: people get that one right.
pub(crate) fn with_edits(key: &PyKey, q: &[u8], k: usize) -> bool {
    let n = q.len();
    let k = k.min(2);
    if n == 0 || n > MAX_LETTERS {
        return false;
    }
    let full = 1u64 << n;
    // Positions reached with exactly `e` edits so far.
    let mut sets = [1u64, 0, 0];
    for (i, syl) in key.syllables().enumerate() {
        // A slip and a rare reading at once is too far a guess: common readings only.
        let mut readings = syl.readings().take(syl.common as usize);
        if i == 0 && !readings.clone().any(|r| r[0] == q[0]) {
            return false;
        }
        let mut next = [0u64; 3];
        for r in &mut readings {
            for e in 0..=k {
                let mut s = sets[e] & !full;
                while s != 0 {
                    let p = s.trailing_zeros() as usize;
                    s &= s - 1;
                    reach(r, &q[p..], k - e, |j, d| next[e + d] |= 1 << (p + j));
                }
            }
        }
        if next.iter().any(|s| s & full != 0) {
            return true;
        }
        if next == [0; 3] {
            return false;
        }
        sets = next;
    }
    false
}

/// Calls `f(j, d)` for each length `j` of `rest`'s start that some prefix of `reading` is
/// `d ≤ budget` edits from (optimal string alignment, a swap of neighbours one edit).
fn reach(reading: &[u8], rest: &[u8], budget: usize, mut f: impl FnMut(usize, usize)) {
    const W: usize = 12;
    let m = reading.len().min(W - 1);
    let cols = rest.len().min(m + budget).min(W - 1);
    let mut d = [[0u8; W]; W];
    for (j, v) in d[0].iter_mut().enumerate().take(cols + 1) {
        *v = j as u8;
    }
    for i in 1..=m {
        d[i][0] = i as u8;
        for j in 1..=cols {
            let cost = u8::from(reading[i - 1] != rest[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && reading[i - 1] == rest[j - 2] && reading[i - 2] == rest[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
        for (j, &v) in d[i].iter().enumerate().take(cols + 1).skip(1) {
            if usize::from(v) <= budget {
                f(j, usize::from(v));
            }
        }
    }
}

/// The characters covered by the first infix match (for highlighting).
pub(crate) fn infix_span(key: &PyKey, q: &[u8]) -> Option<(usize, usize)> {
    let starts: Vec<usize> = key.syllables().map(|s| s.chars.0).collect();
    for (i, &start) in starts.iter().enumerate() {
        match anchored(key, q, i) {
            Some(Anchored::Prefix(end)) => return Some((start, end)),
            Some(Anchored::Whole) => return key.syllables().last().map(|s| (start, s.chars.1)),
            None => {}
        }
    }
    None
}

/// Whether the letters are the initials of the first syllables (`zs`, `hwjs`).
pub(crate) fn is_initials(key: &PyKey, q: &[u8]) -> bool {
    let mut syllables = key.syllables();
    q.iter().all(|&b| {
        syllables
            .next()
            .is_some_and(|s| s.readings().any(|r| r[0] == b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> PyKey<'_> {
        PyKey::of(s).unwrap()
    }

    #[test]
    fn whole_prefix_and_initials() {
        let k = key("张三");
        assert_eq!(anchored(&k, b"zhangsan", 0), Some(Anchored::Whole));
        assert_eq!(anchored(&k, b"zs", 0), Some(Anchored::Whole));
        assert_eq!(anchored(&k, b"zhangs", 0), Some(Anchored::Whole));
        assert_eq!(anchored(&k, b"zhang", 0), Some(Anchored::Prefix(1)));
        assert_eq!(anchored(&k, b"zhangsanx", 0), None);
        assert_eq!(anchored(&k, b"san", 0), None);
        assert!(infix(&k, b"san"));
        assert_eq!(infix_span(&k, b"san"), Some((1, 2)));
        assert!(is_initials(&k, b"zs"));
        assert!(!is_initials(&k, b"zhangsan"));
    }

    #[test]
    fn every_reading_of_polyphones() {
        let k = key("曾小贤");
        assert_eq!(anchored(&k, b"zxx", 0), Some(Anchored::Whole));
        assert_eq!(anchored(&k, b"cxx", 0), Some(Anchored::Whole));
        assert_eq!(anchored(&k, b"zengxiaoxian", 0), Some(Anchored::Whole));
        assert_eq!(anchored(&k, b"cengxiao", 0), Some(Anchored::Prefix(2)));
    }

    /// Every query that matches must pass the masks checked before matching.
    #[test]
    fn masks_never_reject_a_match() {
        use crate::search_keys::pinyin::{pair_bit, Pairs, PyMasks};
        let names = [
            "曾小贤",
            "华为Huawei技术",
            "单田芳",
            "中国建设银行",
            "阿尔法",
            "吕布",
            "区家麟",
            "长沙银行",
            "重庆厦门大厦",
        ];
        for name in names {
            let k = key(name);
            let m = PyMasks::of(&k);
            let syllables: Vec<Vec<Vec<u8>>> = k
                .syllables()
                .map(|s| s.readings().map(<[u8]>::to_vec).collect())
                .collect();
            // Queries: from each start, each reading prefix of 1..=3 following syllables.
            for start in 0..syllables.len() {
                let mut queries: Vec<Vec<u8>> = vec![vec![]];
                for syl in syllables.iter().skip(start).take(3) {
                    let mut next = vec![];
                    for q in &queries {
                        for r in syl {
                            for len in 1..=r.len() {
                                let mut q = q.clone();
                                q.extend_from_slice(&r[..len]);
                                next.push(q);
                            }
                        }
                    }
                    for q in &next {
                        if q.iter().any(|b| !b.is_ascii_lowercase()) {
                            continue;
                        }
                        assert!(infix(&k, q), "{name} {}", String::from_utf8_lossy(q));
                        assert!(
                            m.all_pairs.covers(&Pairs::of(q)),
                            "{name} {}",
                            String::from_utf8_lossy(q)
                        );
                        assert!(m.initials & 1 << (q[0] - b'a') != 0);
                        if q.len() >= 2 {
                            assert!(m.pairs & pair_bit(q[0], q[1]) != 0);
                            if start == 0 {
                                assert!(anchored(&k, q, 0).is_some());
                                assert!(m.head_pairs & pair_bit(q[0], q[1]) != 0);
                            }
                        }
                    }
                    queries = next;
                }
            }
        }
    }

    #[test]
    fn whole_when_a_shorter_cover_also_exists() {
        // "a" covers 阿 alone and also 阿 + 阿 would need two letters; "aa" covers both.
        let k = key("阿阿");
        assert_eq!(anchored(&k, b"a", 0), Some(Anchored::Prefix(1)));
        assert_eq!(anchored(&k, b"aa", 0), Some(Anchored::Whole));
    }
}
