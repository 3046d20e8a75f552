//! The bytes of a record's parts: length-prefixed strings (or a mark that a string is the
//! same as its folded form), numbers and pinyin masks, written by `record::encode` and read
//! back front to back. Apart from the layout itself so that the layout reads as one list.

use super::pinyin::PyMasks;

pub(super) const NONE: u16 = u16::MAX;
/// A contact's name or email that is the same as its folded form in the texts.
pub(super) const SAME: u16 = u16::MAX - 1;
const MAX_STR: usize = (u16::MAX - 2) as usize;

pub(super) fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(super) fn put_masks(out: &mut Vec<u8>, m: &PyMasks) {
    for v in [m.first, m.letters, m.initials] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&m.head_pairs.to_le_bytes());
    out.extend_from_slice(&m.pairs.to_le_bytes());
    for v in m.all_pairs.0 {
        put_u64(out, v);
    }
}

/// A string cut to what a length prefix holds (at a character boundary).
fn capped(s: &str) -> &str {
    if s.len() <= MAX_STR {
        return s;
    }
    let mut end = MAX_STR;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

pub(super) fn put_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.extend_from_slice(&NONE.to_le_bytes()),
        Some(s) => {
            let s = capped(s);
            out.extend_from_slice(&(s.len() as u16).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
    }
}

/// `typed` as given, or a mark that it is the same as its folded form (kept elsewhere).
pub(super) fn put_same_or(out: &mut Vec<u8>, typed: &str, folded: &str) {
    if typed.trim() == folded {
        out.extend_from_slice(&SAME.to_le_bytes());
    } else {
        put_str(out, Some(typed));
    }
}

/// Reads a record front to back; every read says `None` past the end.
#[derive(Clone, Copy)]
pub(super) struct Reader<'a> {
    pub(super) rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.rest.len() < n {
            return None;
        }
        let (a, b) = self.rest.split_at(n);
        self.rest = b;
        Some(a)
    }
    pub(super) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    pub(super) fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_le_bytes([b[0], b[1]]))
    }
    pub(super) fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    pub(super) fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    pub(super) fn u128(&mut self) -> Option<u128> {
        self.take(16)
            .map(|b| u128::from_le_bytes(b.try_into().expect("16 bytes")))
    }
    pub(super) fn text(&mut self, len: usize) -> Option<&'a str> {
        std::str::from_utf8(self.take(len)?).ok()
    }
    pub(super) fn masks(&mut self) -> Option<PyMasks> {
        let mut m = PyMasks {
            first: self.u32()?,
            letters: self.u32()?,
            initials: self.u32()?,
            head_pairs: self.u128()?,
            pairs: self.u128()?,
            ..PyMasks::default()
        };
        for v in &mut m.all_pairs.0 {
            *v = self.u64()?;
        }
        Some(m)
    }
    /// A string, `None`, or `Some(None)` for the same-as-folded mark.
    pub(super) fn str_or_same(&mut self) -> Option<Option<Option<&'a str>>> {
        match self.u16()? {
            NONE => Some(Some(None)),
            SAME => Some(None),
            len => Some(Some(Some(self.text(len as usize)?))),
        }
    }
    pub(super) fn str(&mut self) -> Option<Option<&'a str>> {
        self.str_or_same()?
    }
}
