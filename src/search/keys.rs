//! Keys built once per account: normalised text, pinyin readings, phone digits, and the
//! character masks that let a query skip most accounts without touching their text.

use crate::store::{AccountSummary, ContactKey};
use pinyin::ToPinyinMulti;

/// Folds one character: full-width ASCII to ASCII, the ideographic space to a space, then
/// lower case. Always one character for one, so character positions stay those of the
/// original text.
pub(crate) fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The folded text, one character per original character.
pub(crate) fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The mask bit of one (folded) character: letters and digits have their own bits, every
/// other character shares one of 28 buckets. White space has none.
#[inline]
pub(crate) fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c if c.is_whitespace() => 0,
        c => 1 << (36 + (c as u32).wrapping_mul(2_654_435_761) % 28),
    }
}

pub(crate) fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// Digits of a phone number without the country prefix `+86` / `0086` (also a bare `86`
/// in front of an 11-digit mobile number).
pub(crate) fn phone_digits(s: &str) -> String {
    let digits: String = s
        .chars()
        .map(fold_char)
        .filter(|c| c.is_ascii_digit())
        .collect();
    let trimmed = s.trim_start();
    if let Some(rest) = digits.strip_prefix("0086") {
        return rest.to_string();
    }
    if trimmed.starts_with('+') || trimmed.starts_with('＋') || digits.len() == 13 {
        if let Some(rest) = digits.strip_prefix("86") {
            return rest.to_string();
        }
    }
    digits
}

/// A sortable number from an ISO-like date or timestamp (`2024-05-01`, `2024-05-01 09:30:00`,
/// `2024-05-01T09:30:00Z`): its first 14 digits, padded. Newer is larger; none is 0.
pub(crate) fn recency(s: Option<&str>) -> u64 {
    let Some(s) = s else { return 0 };
    let mut n = 0u64;
    let mut count = 0;
    for b in s.bytes().filter(u8::is_ascii_digit).take(14) {
        n = n * 10 + u64::from(b - b'0');
        count += 1;
    }
    n * 10u64.pow(14 - count)
}

/// The first 8 bytes of the folded code, big-endian, for breaking ties without a lookup.
pub(crate) fn code_key(code: &str) -> u64 {
    let mut k = [0u8; 8];
    for (d, s) in k.iter_mut().zip(code.bytes()) {
        *d = s;
    }
    u64::from_be_bytes(k)
}

/// Syllables of a name, each with every reading, encoded in one buffer:
/// for each syllable `[start_char u16][end_char u16][reading count u8]` then each reading
/// as `[len u8][ASCII bytes]`. A Chinese character is one syllable with all its readings
/// (every reading of a polyphone); a run of ASCII letters and digits is one syllable with
/// itself as its reading; other characters only separate syllables.
#[derive(Debug, Clone, Default)]
pub(crate) struct PyKey {
    pub(crate) bytes: Box<[u8]>,
    /// Initial letters of the first syllable's readings (bit per letter).
    pub(crate) first: u32,
    /// Every letter of every reading.
    pub(crate) letters: u32,
    /// The first two letters a match starting at the first syllable can begin with (see
    /// [`pair_bit`]): two letters of one reading, or the initials of the first two syllables.
    pub(crate) head_pairs: u128,
    /// The same for a match starting at any syllable.
    pub(crate) pairs: u128,
    /// Every two letters that can follow each other in a match (see [`Pairs`]).
    pub(crate) all_pairs: Pairs,
    /// Initials of every syllable.
    pub(crate) initials: u32,
}

/// A 256-bit set of letter pairs: two consecutive letters of a reading, or any letter of
/// a reading followed by an initial of the next syllable. Every two consecutive letters of
/// a matching query are in it, so a query with a pair outside it cannot match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Pairs(pub(crate) [u64; 4]);

impl Pairs {
    #[inline]
    pub(crate) fn add(&mut self, a: u8, b: u8) {
        if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
            let i = (usize::from(a - b'a') * 26 + usize::from(b - b'a')) % 256;
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    pub(crate) fn of(letters: &[u8]) -> Pairs {
        let mut p = Pairs::default();
        for w in letters.windows(2) {
            p.add(w[0], w[1]);
        }
        p
    }

    pub(crate) fn union(&mut self, o: &Pairs) {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a |= b;
        }
    }

    /// Whether every pair of `need` is in `self`.
    #[inline]
    pub(crate) fn covers(&self, need: &Pairs) -> bool {
        self.0.iter().zip(need.0).all(|(h, n)| n & !h == 0)
    }
}

/// The bit of two consecutive lower-case letters in a pair mask (0 for anything else).
#[inline]
pub(crate) fn pair_bit(a: u8, b: u8) -> u128 {
    if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
        1u128 << ((u32::from(a - b'a') * 26 + u32::from(b - b'a')) % 128)
    } else {
        0
    }
}

/// At most this many syllables of a name get pinyin keys (names are far shorter).
const MAX_SYLLABLES: usize = 64;

fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

impl PyKey {
    /// The pinyin key of a folded name, or `None` when it holds no Chinese character.
    pub(crate) fn build(folded: &str) -> Option<PyKey> {
        if folded.is_ascii() {
            return None;
        }
        let mut has_chinese = false;
        let mut out: Vec<u8> = Vec::with_capacity(folded.len() * 4);
        let mut syllables = 0usize;
        let mut first = 0u32;
        let mut letters = 0u32;
        let chars: Vec<char> = folded.chars().collect();
        let mut i = 0usize;
        let mut readings: Vec<String> = Vec::with_capacity(4);
        while i < chars.len() && syllables < MAX_SYLLABLES && i < u16::MAX as usize {
            let c = chars[i];
            let start = i;
            readings.clear();
            if c.is_ascii_alphanumeric() {
                let mut word = String::new();
                while i < chars.len() && chars[i].is_ascii_alphanumeric() && i < u16::MAX as usize {
                    word.push(chars[i]);
                    i += 1;
                }
                readings.push(word);
            } else {
                i += 1;
                match c.to_pinyin_multi() {
                    Some(multi) => {
                        has_chinese = true;
                        for p in multi {
                            let plain = p.plain();
                            if plain.is_ascii() {
                                push_unique(&mut readings, plain.to_string());
                            } else {
                                // ü: typed as v by most input methods, as u by some people.
                                push_unique(&mut readings, plain.replace('ü', "v"));
                                push_unique(&mut readings, plain.replace('ü', "u"));
                            }
                        }
                    }
                    None => continue,
                }
            }
            out.extend_from_slice(&(start as u16).to_le_bytes());
            out.extend_from_slice(&(i as u16).to_le_bytes());
            let count = readings.len().min(u8::MAX as usize);
            out.push(count as u8);
            for r in readings.iter().take(count) {
                let r = &r.as_bytes()[..r.len().min(u8::MAX as usize)];
                out.push(r.len() as u8);
                out.extend_from_slice(r);
                if syllables == 0 {
                    first |= letter_bit(r[0]);
                }
                for &b in r {
                    letters |= letter_bit(b);
                }
            }
            syllables += 1;
        }
        if !has_chinese {
            return None;
        }
        let mut key = PyKey {
            bytes: out.into_boxed_slice(),
            first,
            letters,
            head_pairs: 0,
            pairs: 0,
            all_pairs: Pairs::default(),
            initials: 0,
        };
        let syllables: Vec<Syllable<'_>> = key.syllables().collect();
        let (mut head_pairs, mut pairs) = (0u128, 0u128);
        let mut all_pairs = Pairs::default();
        let mut initials = 0u32;
        for (i, s) in syllables.iter().enumerate() {
            let mut here = 0u128;
            for r in s.readings() {
                initials |= letter_bit(r[0]);
                for w in r.windows(2) {
                    all_pairs.add(w[0], w[1]);
                }
                if let Some(next) = syllables.get(i + 1) {
                    for n in next.readings() {
                        for &c in r {
                            all_pairs.add(c, n[0]);
                        }
                    }
                }
                if r.len() >= 2 {
                    here |= pair_bit(r[0], r[1]);
                }
                if let Some(next) = syllables.get(i + 1) {
                    for n in next.readings() {
                        here |= pair_bit(r[0], n[0]);
                    }
                }
            }
            if i == 0 {
                head_pairs = here;
            }
            pairs |= here;
        }
        key.head_pairs = head_pairs;
        key.pairs = pairs;
        key.all_pairs = all_pairs;
        key.initials = initials;
        Some(key)
    }

    pub(crate) fn syllables(&self) -> Syllables<'_> {
        Syllables { rest: &self.bytes }
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}

/// One syllable of a [`PyKey`]: the characters it covers and its readings.
#[derive(Clone, Copy)]
pub(crate) struct Syllable<'a> {
    pub(crate) chars: (usize, usize),
    count: u8,
    readings: &'a [u8],
}

impl<'a> Syllable<'a> {
    pub(crate) fn readings(&self) -> Readings<'a> {
        Readings {
            left: self.count,
            rest: self.readings,
        }
    }
}

pub(crate) struct Readings<'a> {
    left: u8,
    rest: &'a [u8],
}

impl<'a> Iterator for Readings<'a> {
    type Item = &'a [u8];
    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let len = self.rest[0] as usize;
        let r = &self.rest[1..1 + len];
        self.rest = &self.rest[1 + len..];
        Some(r)
    }
}

pub(crate) struct Syllables<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Syllables<'a> {
    type Item = Syllable<'a>;
    #[inline]
    fn next(&mut self) -> Option<Syllable<'a>> {
        if self.rest.len() < 5 {
            return None;
        }
        let start = u16::from_le_bytes([self.rest[0], self.rest[1]]) as usize;
        let end = u16::from_le_bytes([self.rest[2], self.rest[3]]) as usize;
        let count = self.rest[4];
        let mut len = 5;
        for _ in 0..count {
            len += 1 + self.rest[len] as usize;
        }
        let s = Syllable {
            chars: (start, end),
            count,
            readings: &self.rest[5..len],
        };
        self.rest = &self.rest[len..];
        Some(s)
    }
}

/// Pinyin masks of one account, read by every letter query.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PyMasks {
    /// Union of the first-syllable initials / reading letters of the name and short name.
    pub(crate) first: u32,
    pub(crate) letters: u32,
    pub(crate) head_pairs: u128,
    pub(crate) pairs: u128,
    pub(crate) all_pairs: Pairs,
    pub(crate) initials: u32,
}

/// The letter masks every letter query reads, kept apart from the pair sets.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LetterMasks {
    pub(crate) first: u32,
    pub(crate) letters: u32,
    pub(crate) initials: u32,
}

impl LetterMasks {
    pub(crate) fn of(m: &PyMasks) -> LetterMasks {
        LetterMasks {
            first: m.first,
            letters: m.letters,
            initials: m.initials,
        }
    }
    pub(crate) fn of_contacts(m: &ContactMasks) -> LetterMasks {
        LetterMasks {
            first: m.first,
            letters: m.letters,
            initials: 0,
        }
    }
}

/// The first-syllable masks of the contacts' names.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ContactMasks {
    pub(crate) first: u32,
    pub(crate) letters: u32,
    pub(crate) head_pairs: u128,
    pub(crate) all_pairs: Pairs,
}

/// What is read only for the few accounts that pass the masks, or that are shown.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cold {
    pub(crate) name_py: Option<PyKey>,
    pub(crate) short_py: Option<PyKey>,
    pub(crate) contact_pys: Box<[PyKey]>,
    /// The contacts as given, for showing what matched.
    pub(crate) contacts: Box<[ContactKey]>,
}

/// Every key of one account, built once; the texts go into the finder's columns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Built {
    pub(crate) recency: u64,
    pub(crate) code_key: u64,
    /// Characters of the name and short name.
    pub(crate) m_name: u64,
    pub(crate) py: PyMasks,
    pub(crate) cpy: ContactMasks,
    pub(crate) name: String,
    pub(crate) short: String,
    pub(crate) code: String,
    /// Folded contact names joined by `\n`.
    pub(crate) contact_names: String,
    /// Phone digits joined by spaces.
    pub(crate) phones: String,
    /// Folded emails joined by spaces.
    pub(crate) emails: String,
    pub(crate) cold: Cold,
}

impl Built {
    pub(crate) fn new(a: &AccountSummary, contacts: Vec<ContactKey>) -> Built {
        let name = fold(a.name.trim());
        let short = fold(a.short_name.as_deref().unwrap_or("").trim());
        let code = fold(a.code.trim());
        let name_py = PyKey::build(&name);
        let short_py = if short.is_empty() {
            None
        } else {
            PyKey::build(&short)
        };
        let mut py = PyMasks::default();
        for k in name_py.iter().chain(short_py.iter()) {
            py.first |= k.first;
            py.letters |= k.letters;
            py.head_pairs |= k.head_pairs;
            py.pairs |= k.pairs;
            py.all_pairs.union(&k.all_pairs);
            py.initials |= k.initials;
        }
        let mut contact_names = String::new();
        let mut phones = String::new();
        let mut emails = String::new();
        let mut contact_pys = Vec::new();
        let mut cpy = ContactMasks::default();
        let push_phone = |phones: &mut String, p: &str| {
            let d = phone_digits(p);
            if !d.is_empty() {
                if !phones.is_empty() {
                    phones.push(' ');
                }
                phones.push_str(&d);
            }
        };
        for c in &contacts {
            let n = fold(c.name.trim());
            if let Some(k) = PyKey::build(&n) {
                cpy.first |= k.first;
                cpy.letters |= k.letters;
                cpy.head_pairs |= k.head_pairs;
                cpy.all_pairs.union(&k.all_pairs);
                contact_pys.push(k);
            }
            if !contact_names.is_empty() {
                contact_names.push('\n');
            }
            contact_names.push_str(&n);
            for p in &c.phones {
                push_phone(&mut phones, p);
            }
            if let Some(e) = c.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
                if !emails.is_empty() {
                    emails.push(' ');
                }
                emails.push_str(&fold(e));
            }
        }
        if let Some(p) = a.primary_phone.as_deref() {
            if !contacts.iter().any(|c| c.phones.iter().any(|q| q == p)) {
                push_phone(&mut phones, p);
            }
        }
        Built {
            recency: recency(a.last_activity.as_deref()),
            code_key: code_key(&code),
            m_name: mask_of(&name) | mask_of(&short),
            py,
            cpy,
            name,
            short,
            code,
            contact_names,
            phones,
            emails,
            cold: Cold {
                name_py,
                short_py,
                contact_pys: contact_pys.into(),
                contacts: contacts.into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_one_char_per_char() {
        assert_eq!(fold("ＡＢＣ　Ｘ"), "abc x");
        assert_eq!(fold("华为Huawei"), "华为huawei");
        assert_eq!(fold("İx").chars().count(), 2);
    }

    #[test]
    fn phones_lose_country_prefix() {
        assert_eq!(phone_digits("+86 138 0013 8000"), "13800138000");
        assert_eq!(phone_digits("0086-138-0013-8000"), "13800138000");
        assert_eq!(phone_digits("8613800138000"), "13800138000");
        assert_eq!(phone_digits("010-8888 6666"), "01088886666");
    }

    #[test]
    fn recency_orders_dates_and_times() {
        assert!(recency(Some("2024-05-02")) > recency(Some("2024-05-01 23:59:59")));
        assert!(recency(Some("2024-05-01T00:00:01Z")) > recency(Some("2024-05-01")));
        assert_eq!(recency(None), 0);
    }

    #[test]
    fn polyphone_surname_has_every_reading() {
        let k = PyKey::build("曾小贤").unwrap();
        let first: Vec<&[u8]> = k.syllables().next().unwrap().readings().collect();
        assert!(
            first.contains(&&b"zeng"[..]) && first.contains(&&b"ceng"[..]),
            "{first:?}"
        );
        assert_eq!(k.syllables().count(), 3);
        let mixed = PyKey::build("华为huawei技术").unwrap();
        let spans: Vec<_> = mixed.syllables().map(|s| s.chars).collect();
        assert_eq!(spans, vec![(0, 1), (1, 2), (2, 8), (8, 9), (9, 10)]);
    }
}
