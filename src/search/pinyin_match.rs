//! Matching typed letters against a name's syllables, every reading of every character.
//!
//! Each syllable takes any non-empty prefix of one of its readings, so `zhangsan`, `zs`,
//! `zhangs` and `zhs` all find 张三, and `zxx` and `cxx` both find 曾小贤. The set of query
//! positions reachable after each syllable is a bit set, so a match costs one pass over the
//! syllables whatever the number of polyphones (no combinations are expanded).

use crate::search_keys::pinyin::{PyKey, Syllable};

/// Longest query (in letters) matched against pinyin; the bit set is a `u64`.
pub(crate) const MAX_LETTERS: usize = 62;

/// Query positions reachable after `syl`, from the positions in `set`.
#[inline]
fn step(syl: &Syllable<'_>, q: &[u8], set: u64) -> u64 {
    let mut next = 0u64;
    for r in syl.readings() {
        let mut s = set;
        while s != 0 {
            let k = s.trailing_zeros() as usize;
            s &= s - 1;
            let rest = &q[k..];
            let cp = rest.iter().zip(r).take_while(|(a, b)| a == b).count();
            if cp > 0 {
                next |= ((1u64 << cp) - 1) << (k + 1);
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

/// Match from the first syllable (`from` = 0) or a later one.
pub(crate) fn anchored(key: &PyKey, q: &[u8], from: usize) -> Option<Anchored> {
    debug_assert!(!q.is_empty() && q.len() <= MAX_LETTERS);
    let full = 1u64 << q.len();
    let mut set = 1u64;
    let mut prefix_end = None;
    let mut syllables = key.syllables().skip(from).peekable();
    while let Some(syl) = syllables.next() {
        set = step(&syl, q, set);
        if set & full != 0 {
            if syllables.peek().is_none() {
                return Some(Anchored::Whole);
            }
            prefix_end.get_or_insert(syl.chars.1);
            set &= !full;
        }
        if set == 0 {
            break;
        }
    }
    prefix_end.map(Anchored::Prefix)
}

/// Whether the letters cover consecutive syllables starting anywhere (one pass).
pub(crate) fn infix(key: &PyKey, q: &[u8]) -> bool {
    let full = 1u64 << q.len();
    let mut set = 0u64;
    for syl in key.syllables() {
        set = step(&syl, q, (set & !full) | 1);
        if set & full != 0 {
            return true;
        }
    }
    false
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
