//! Pinyin of names: every reading of every Chinese character, looked up in a table built
//! once per process, and the letter masks that let a query skip most names unread.
//!
//! Nothing here is stored: a name's syllables are read from its text and the table each
//! time a query reaches it, so the finder keeps no pinyin per account beyond the masks.

use super::common_readings::EVERYDAY;
use super::word_readings::WORDS;
use pinyin::ToPinyinMulti;
use std::sync::OnceLock;

/// Every reading of the characters that have one, in one buffer: for each character
/// `[count u8][common u8]` then each reading as `[len u8][ASCII bytes]`, `ü` given both as
/// `v` (what most input methods type) and `u`; the first `common` readings are those people
/// say (see [`super::common_readings`]), the rest rare.
struct Table {
    /// Offset into `pool` for each character from `DIRECT_START` to `DIRECT_END` (0: none).
    direct: Vec<u32>,
    /// The characters outside that range that have readings, sorted, with their offsets.
    other: Vec<(u32, u32)>,
    pool: Vec<u8>,
    /// One bit per character of the direct range: whether a word of
    /// [`super::word_readings::WORDS`] starts with it.
    word_starts: Vec<u64>,
}

/// The CJK block and its extension A: nearly every character of a name.
const DIRECT_START: u32 = 0x3000;
const DIRECT_END: u32 = 0x9FFF;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            direct: vec![0; (DIRECT_END - DIRECT_START + 1) as usize],
            other: Vec::new(),
            pool: vec![0],
            word_starts: vec![0; ((DIRECT_END - DIRECT_START) / 64 + 1) as usize],
        };
        for (word, _) in WORDS {
            if let Some(i) = word.chars().next().and_then(direct_index) {
                t.word_starts[i / 64] |= 1 << (i % 64);
            }
        }
        let everyday: std::collections::HashMap<char, &[&str]> = EVERYDAY.iter().copied().collect();
        let mut readings: Vec<String> = Vec::with_capacity(8);
        let mut rare: Vec<String> = Vec::with_capacity(8);
        let ranges = [
            (DIRECT_START, DIRECT_END),
            (0xF900, 0xFAFF),
            (0x20000, 0x3134F),
        ];
        for (lo, hi) in ranges {
            for code in lo..=hi {
                let Some(multi) = char::from_u32(code).and_then(|c| c.to_pinyin_multi()) else {
                    continue;
                };
                readings.clear();
                rare.clear();
                let said = char::from_u32(code).and_then(|c| everyday.get(&c).copied());
                for (i, p) in multi.into_iter().enumerate() {
                    let plain = p.plain();
                    let common = i == 0
                        || said.is_some_and(|s| s.contains(&plain.replace('ü', "v").as_str()));
                    let list = if common { &mut readings } else { &mut rare };
                    if plain.is_ascii() {
                        push_unique(list, plain.to_string());
                    } else {
                        push_unique(list, plain.replace('ü', "v"));
                        push_unique(list, plain.replace('ü', "u"));
                    }
                }
                if readings.is_empty() {
                    continue;
                }
                let common = readings.len().min(u8::MAX as usize);
                for r in rare.drain(..) {
                    push_unique(&mut readings, r);
                }
                let at = t.pool.len() as u32;
                let count = readings.len().min(u8::MAX as usize);
                t.pool.push(count as u8);
                t.pool.push(common as u8);
                for r in readings.iter().take(count) {
                    let r = &r.as_bytes()[..r.len().min(u8::MAX as usize)];
                    t.pool.push(r.len() as u8);
                    t.pool.extend_from_slice(r);
                }
                if (DIRECT_START..=DIRECT_END).contains(&code) {
                    t.direct[(code - DIRECT_START) as usize] = at;
                } else {
                    t.other.push((code, at));
                }
            }
        }
        t
    })
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}

fn direct_index(c: char) -> Option<usize> {
    let code = c as u32;
    (DIRECT_START..=DIRECT_END)
        .contains(&code)
        .then(|| (code - DIRECT_START) as usize)
}

/// The readings of the listed word `text` starts with, if any (one per character).
#[inline]
fn word_at(text: &str, c: char) -> Option<&'static [&'static str]> {
    let i = direct_index(c)?;
    if table().word_starts[i / 64] & 1 << (i % 64) == 0 {
        return None;
    }
    WORDS
        .iter()
        .find(|(w, _)| text.starts_with(w))
        .map(|&(_, r)| r)
}

/// The encoded readings of `c` (`[len][bytes]` each), their count and how many of them are
/// common (they come first), if it has any.
#[inline]
fn readings_of(c: char) -> Option<(u8, u8, &'static [u8])> {
    let t = table();
    let code = c as u32;
    let at = if (DIRECT_START..=DIRECT_END).contains(&code) {
        t.direct[(code - DIRECT_START) as usize]
    } else if code < 0xF900 {
        0
    } else {
        t.other
            .binary_search_by_key(&code, |&(c, _)| c)
            .map_or(0, |i| t.other[i].1)
    } as usize;
    (at != 0).then(|| (t.pool[at], t.pool[at + 1], &t.pool[at + 2..]))
}

/// Builds the reading table now (a few milliseconds), so the first letter typed does not wait.
pub fn warm() {
    table();
}

/// The reading people say first of `c` (长 is chang only inside a listed word), if any.
pub fn first_reading(c: char) -> Option<&'static [u8]> {
    let (_, _, encoded) = readings_of(c)?;
    Some(&encoded[1..1 + encoded[0] as usize])
}

/// Whether `c` has a pinyin reading.
pub fn has_reading(c: char) -> bool {
    !c.is_ascii() && readings_of(c).is_some()
}

/// At most this many syllables of a name are matched (names are far shorter).
const MAX_SYLLABLES: usize = 64;

/// A folded name read as syllables, or `None` when it holds no Chinese character (a name
/// without one is found by its text, not as pinyin).
#[derive(Debug, Clone, Copy)]
pub struct PyKey<'a> {
    text: &'a str,
}

impl<'a> PyKey<'a> {
    pub fn of(folded: &'a str) -> Option<PyKey<'a>> {
        (!folded.is_ascii() && folded.chars().any(has_reading)).then_some(PyKey { text: folded })
    }

    /// A Chinese character is one syllable with all its readings (every reading of a
    /// polyphone); a run of ASCII letters and digits is one syllable with itself as its
    /// reading; other characters only separate syllables.
    pub fn syllables(&self) -> Syllables<'a> {
        Syllables {
            rest: self.text,
            at: 0,
            count: 0,
            fixed: &[],
        }
    }
}

/// One syllable: the characters it covers and its readings, the `common` first.
#[derive(Clone, Copy)]
pub struct Syllable<'a> {
    pub chars: (usize, usize),
    readings: Readings<'a>,
    /// How many of the readings people say (the rest are a dictionary's rare ones).
    pub common: u8,
    /// Its (first) character.
    pub ch: char,
}

impl<'a> Syllable<'a> {
    pub fn readings(&self) -> Readings<'a> {
        self.readings
    }
}

#[derive(Clone, Copy)]
pub enum Readings<'a> {
    /// Encoded readings from the table: how many are left, then `[len][bytes]` each.
    Table(u8, &'a [u8]),
    /// An ASCII word, its own single reading.
    Word(Option<&'a [u8]>),
}

impl<'a> Iterator for Readings<'a> {
    type Item = &'a [u8];
    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        match self {
            Readings::Word(w) => w.take(),
            Readings::Table(left, rest) => {
                if *left == 0 {
                    return None;
                }
                *left -= 1;
                let len = rest[0] as usize;
                let r = &rest[1..1 + len];
                *rest = &rest[1 + len..];
                Some(r)
            }
        }
    }
}

pub struct Syllables<'a> {
    rest: &'a str,
    /// The character position where `rest` starts.
    at: usize,
    count: usize,
    /// The readings of the rest of a listed word being read (see [`word_at`]).
    fixed: &'static [&'static str],
}

impl<'a> Iterator for Syllables<'a> {
    type Item = Syllable<'a>;
    #[inline]
    fn next(&mut self) -> Option<Syllable<'a>> {
        while self.count < MAX_SYLLABLES {
            let here = self.rest;
            let mut chars = self.rest.chars();
            let c = chars.next()?;
            let start = self.at;
            if let Some((first, rest)) = self.fixed.split_first().or_else(|| {
                (!c.is_ascii())
                    .then(|| word_at(here, c))
                    .flatten()
                    .and_then(<[_]>::split_first)
            }) {
                self.fixed = rest;
                self.rest = chars.as_str();
                self.at += 1;
                self.count += 1;
                return Some(Syllable {
                    chars: (start, self.at),
                    readings: Readings::Word(Some(first.as_bytes())),
                    common: 1,
                    ch: c,
                });
            }
            if c.is_ascii_alphanumeric() {
                let len = self
                    .rest
                    .bytes()
                    .take_while(u8::is_ascii_alphanumeric)
                    .count();
                let (word, rest) = self.rest.split_at(len);
                self.rest = rest;
                self.at += len;
                self.count += 1;
                return Some(Syllable {
                    chars: (start, self.at),
                    readings: Readings::Word(Some(word.as_bytes())),
                    common: 1,
                    ch: c,
                });
            }
            self.rest = chars.as_str();
            self.at += 1;
            if c.is_ascii() {
                continue;
            }
            if let Some((count, common, encoded)) = readings_of(c) {
                self.count += 1;
                return Some(Syllable {
                    chars: (start, self.at),
                    readings: Readings::Table(count, encoded),
                    common,
                    ch: c,
                });
            }
        }
        None
    }
}

/// A 256-bit set of letter pairs: two consecutive letters of a reading, or any letter of
/// a reading followed by an initial of the next syllable. Every two consecutive letters of
/// a matching query are in it, so a query with a pair outside it cannot match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pairs(pub [u64; 4]);

impl Pairs {
    #[inline]
    pub fn add(&mut self, a: u8, b: u8) {
        if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
            let i = (usize::from(a - b'a') * 26 + usize::from(b - b'a')) % 256;
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    pub fn of(letters: &[u8]) -> Pairs {
        let mut p = Pairs::default();
        for w in letters.windows(2) {
            p.add(w[0], w[1]);
        }
        p
    }

    pub fn union(&mut self, o: &Pairs) {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a |= b;
        }
    }

    /// How many pairs of `need` are not in `self`.
    #[inline]
    pub fn missing(&self, need: &Pairs) -> u32 {
        self.0
            .iter()
            .zip(need.0)
            .map(|(h, n)| (n & !h).count_ones())
            .sum()
    }

    /// Whether every pair of `need` is in `self`.
    #[inline]
    pub fn covers(&self, need: &Pairs) -> bool {
        self.0.iter().zip(need.0).all(|(h, n)| n & !h == 0)
    }
}

/// The bit of two consecutive lower-case letters in a pair mask (0 for anything else).
#[inline]
pub fn pair_bit(a: u8, b: u8) -> u128 {
    if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
        1u128 << ((u32::from(a - b'a') * 26 + u32::from(b - b'a')) % 128)
    } else {
        0
    }
}

pub fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

/// The masks of one or more pinyin keys, checked before any key is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PyMasks {
    /// Initial letters of the first syllable's readings.
    pub first: u32,
    /// Every letter of every reading.
    pub letters: u32,
    /// Initials of every syllable.
    pub initials: u32,
    /// The first two letters a match starting at the first syllable can begin with (see
    /// [`pair_bit`]): two letters of one reading, or the initials of the first two syllables.
    pub head_pairs: u128,
    /// The same for a match starting at any syllable.
    pub pairs: u128,
    /// Every two letters that can follow each other in a match.
    pub all_pairs: Pairs,
}

impl PyMasks {
    pub fn of(key: &PyKey<'_>) -> PyMasks {
        let mut m = PyMasks::default();
        let syllables: Vec<Syllable<'_>> = key.syllables().collect();
        for (i, s) in syllables.iter().enumerate() {
            let mut here = 0u128;
            let next = syllables.get(i + 1);
            for r in s.readings() {
                if i == 0 {
                    m.first |= letter_bit(r[0]);
                }
                m.initials |= letter_bit(r[0]);
                for &b in r {
                    m.letters |= letter_bit(b);
                }
                for w in r.windows(2) {
                    m.all_pairs.add(w[0], w[1]);
                }
                if r.len() >= 2 {
                    here |= pair_bit(r[0], r[1]);
                }
                if let Some(next) = next {
                    for n in next.readings() {
                        for &c in r {
                            m.all_pairs.add(c, n[0]);
                        }
                        here |= pair_bit(r[0], n[0]);
                    }
                }
            }
            if i == 0 {
                m.head_pairs = here;
            }
            m.pairs |= here;
        }
        m
    }

    pub fn union(&mut self, o: &PyMasks) {
        self.first |= o.first;
        self.letters |= o.letters;
        self.initials |= o.initials;
        self.head_pairs |= o.head_pairs;
        self.pairs |= o.pairs;
        self.all_pairs.union(&o.all_pairs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polyphone_surname_has_every_reading() {
        let k = PyKey::of("曾小贤").unwrap();
        let first: Vec<&[u8]> = k.syllables().next().unwrap().readings().collect();
        assert!(
            first.contains(&&b"zeng"[..]) && first.contains(&&b"ceng"[..]),
            "{first:?}"
        );
        assert_eq!(k.syllables().count(), 3);
        let mixed = PyKey::of("华为huawei技术").unwrap();
        let spans: Vec<_> = mixed.syllables().map(|s| s.chars).collect();
        assert_eq!(spans, vec![(0, 1), (1, 2), (2, 8), (8, 9), (9, 10)]);
        let spaced = PyKey::of("张 三（上海）").unwrap();
        let spans: Vec<_> = spaced.syllables().map(|s| s.chars).collect();
        assert_eq!(spans, vec![(0, 1), (2, 3), (4, 5), (5, 6)]);
    }

    #[test]
    fn u_umlaut_typed_both_ways_and_no_key_without_chinese() {
        let k = PyKey::of("吕").unwrap();
        let r: Vec<&[u8]> = k.syllables().next().unwrap().readings().collect();
        assert!(r.contains(&&b"lv"[..]) && r.contains(&&b"lu"[..]), "{r:?}");
        assert!(PyKey::of("acme 2024").is_none());
        assert!(PyKey::of("café").is_none());
    }
}
