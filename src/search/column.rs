//! One text key of every account in one contiguous buffer, so a query searches it with a
//! single SIMD substring scan instead of one call per account.
//!
//! Updates append the new text and mark the old segment dead; the buffer is rebuilt once
//! dead segments outnumber live ones, so upserts and removes cost amortised O(text).
//! Texts are kept as bytes: they are checked to be UTF-8 only when read as text.

use memchr::memmem;

const DEAD: u32 = u32::MAX;

/// One text in a buffer: where it starts and ends (its `\n` follows), and whose it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seg {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) slot: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Column {
    /// Segments each followed by `\n` (a query never holds one, so no match spans two).
    buf: Vec<u8>,
    /// In buffer order.
    segs: Vec<Seg>,
    /// The live segment of each slot.
    seg_of: Vec<u32>,
    dead: usize,
}

impl Column {
    fn append(&mut self, text: &[u8], slot: usize) -> u32 {
        let start = self.buf.len();
        self.buf.extend_from_slice(text);
        let end = self.buf.len();
        self.buf.push(b'\n');
        assert!(self.buf.len() < DEAD as usize, "search column over 4 GB");
        self.segs.push(Seg {
            start: start as u32,
            end: end as u32,
            slot: slot as u32,
        });
        (self.segs.len() - 1) as u32
    }

    /// Adds the text of a new slot (the next one).
    pub(crate) fn push(&mut self, text: &[u8]) {
        let slot = self.seg_of.len();
        let seg = self.append(text, slot);
        self.seg_of.push(seg);
    }

    /// Adds the texts of new slots at once: their lengths, and the texts each followed by
    /// `\n` (as a chunk of records holds them).
    pub(crate) fn extend(&mut self, lens: impl Iterator<Item = usize>, bytes: &[u8]) {
        let mut start = self.buf.len();
        self.buf.extend_from_slice(bytes);
        assert!(self.buf.len() < DEAD as usize, "search column over 4 GB");
        for len in lens {
            let slot = self.seg_of.len();
            self.seg_of.push(self.segs.len() as u32);
            self.segs.push(Seg {
                start: start as u32,
                end: (start + len) as u32,
                slot: slot as u32,
            });
            start += len + 1;
        }
        debug_assert_eq!(start, self.buf.len());
    }

    pub(crate) fn set(&mut self, slot: usize, text: &[u8]) {
        self.kill(slot);
        self.seg_of[slot] = self.append(text, slot);
        self.compact();
    }

    /// Forgets `slot`; the last slot takes its number.
    pub(crate) fn swap_remove(&mut self, slot: usize) {
        self.kill(slot);
        let last = self.seg_of.len() - 1;
        if slot != last {
            self.segs[self.seg_of[last] as usize].slot = slot as u32;
        }
        self.seg_of.swap_remove(slot);
        self.compact();
    }

    fn kill(&mut self, slot: usize) {
        self.segs[self.seg_of[slot] as usize].slot = DEAD;
        self.dead += 1;
    }

    fn compact(&mut self) {
        if self.dead < 1024 || self.dead < self.segs.len() / 2 {
            return;
        }
        let old = std::mem::take(self);
        for slot in 0..old.seg_of.len() {
            self.push(old.bytes(slot));
        }
    }

    /// Makes room for `slots` more texts of `bytes` bytes in all (line breaks included).
    pub(crate) fn reserve(&mut self, slots: usize, bytes: usize) {
        self.buf.reserve(bytes);
        self.segs.reserve(slots);
        self.seg_of.reserve(slots);
    }

    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.buf.capacity() + self.segs.capacity() * 12 + self.seg_of.capacity() * 4
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.buf.shrink_to_fit();
        self.segs.shrink_to_fit();
        self.seg_of.shrink_to_fit();
    }

    fn bytes(&self, slot: usize) -> &[u8] {
        let s = self.segs[self.seg_of[slot] as usize];
        &self.buf[s.start as usize..s.end as usize]
    }

    /// The text of `slot` (empty if its bytes are not UTF-8, which only a damaged file gives).
    pub(crate) fn text(&self, slot: usize) -> &str {
        std::str::from_utf8(self.bytes(slot)).unwrap_or("")
    }

    /// Calls `f(slot, offset in the slot's text, length of the text)` for the first
    /// occurrence of the needle in each live slot that holds it.
    pub(crate) fn scan(&self, finder: &memmem::Finder<'_>, f: impl FnMut(usize, usize, usize)) {
        scan(&self.buf, &self.segs, finder, f)
    }
}

/// [`Column::scan`] over any buffer of texts each followed by `\n`, with their segments in
/// buffer order.
pub(crate) fn scan(
    buf: &[u8],
    segs: &[Seg],
    finder: &memmem::Finder<'_>,
    mut f: impl FnMut(usize, usize, usize),
) {
    if finder.needle().is_empty() || segs.is_empty() {
        return;
    }
    let mut pos = 0usize;
    let mut j = 0usize;
    while let Some(found) = finder.find(&buf[pos..]) {
        let p = (pos + found) as u32;
        // Gallop to the segment holding p.
        if segs[j].end <= p {
            let mut lo = j;
            let mut step = 1;
            while lo + step < segs.len() && segs[lo + step].end <= p {
                lo += step;
                step *= 2;
            }
            let hi = (lo + step).min(segs.len() - 1);
            j = lo + 1 + segs[lo + 1..=hi].partition_point(|s| s.end <= p);
        }
        let s = segs[j];
        if s.slot != DEAD {
            f(
                s.slot as usize,
                (p - s.start) as usize,
                (s.end - s.start) as usize,
            );
        }
        pos = s.end as usize + 1;
        j += 1;
        if j >= segs.len() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(c: &Column, q: &str) -> Vec<(usize, usize, usize)> {
        let f = memmem::Finder::new(q.as_bytes());
        let mut out = vec![];
        c.scan(&f, |s, p, l| out.push((s, p, l)));
        out
    }

    #[test]
    fn scan_set_remove_and_rebuild() {
        let mut c = Column::default();
        for t in ["abc", "", "xabcx abc", "zzz"] {
            c.push(t.as_bytes());
        }
        assert_eq!(hits(&c, "abc"), vec![(0, 0, 3), (2, 1, 9)]);
        c.set(0, b"nothing");
        assert_eq!(hits(&c, "abc"), vec![(2, 1, 9)]);
        c.swap_remove(2);
        assert_eq!(hits(&c, "abc"), vec![]);
        assert_eq!(hits(&c, "zz"), vec![(2, 0, 3)]);
        assert_eq!(c.text(2), "zzz");
        for i in 0..5000 {
            c.set(i % 3, format!("v{i}").as_bytes());
        }
        assert!(c.segs.len() < 3000);
        assert_eq!(hits(&c, "v4999"), vec![(4999 % 3, 0, 5)]);
        assert_eq!(c.text(0), "v4998");
        assert_eq!(c.text(1), "v4999");
    }
}
