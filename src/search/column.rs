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

/// The texts of every slot in one buffer. As loaded, segment `i` is slot `i` and nothing is
/// dead: then only where each segment starts is kept (4 bytes a text; its end is where the
/// next starts, less its `\n`). The first update or removal writes the two maps out (12
/// bytes a text): at 100,000 accounts and six columns that is 7 MB not held by a finder
/// that was only searched (issue 17).
#[derive(Debug, Default)]
pub(crate) struct Column {
    /// Segments each followed by `\n` (a query never holds one, so no match spans two).
    buf: Vec<u8>,
    /// Where each segment starts, in buffer order.
    starts: Vec<u32>,
    /// The slot of each segment (`DEAD` once replaced); empty while segment `i` is slot `i`.
    slots: Vec<u32>,
    /// The live segment of each slot; empty while segment `i` is slot `i`.
    seg_of: Vec<u32>,
    dead: usize,
}

impl Column {
    /// Whether segment `i` is slot `i` (as loaded), with no map written out.
    fn in_order(&self) -> bool {
        self.slots.is_empty()
    }

    /// Writes the maps out before the first change that breaks the order.
    fn unorder(&mut self) {
        if self.in_order() && !self.starts.is_empty() {
            self.slots = (0..self.starts.len() as u32).collect();
            self.seg_of = self.slots.clone();
        }
    }

    fn slot_count(&self) -> usize {
        if self.in_order() {
            self.starts.len()
        } else {
            self.seg_of.len()
        }
    }

    fn seg(&self, slot: usize) -> usize {
        if self.in_order() {
            slot
        } else {
            self.seg_of[slot] as usize
        }
    }

    /// Where segment `j` ends (its `\n`).
    fn end(&self, j: usize) -> u32 {
        match self.starts.get(j + 1) {
            Some(next) => next - 1,
            None => self.buf.len() as u32 - 1,
        }
    }

    /// Appends a segment of `slot` (the next slot, or any once out of order); its number.
    fn append(&mut self, text: &[u8], slot: usize) -> u32 {
        let start = self.buf.len();
        self.buf.extend_from_slice(text);
        self.buf.push(b'\n');
        assert!(self.buf.len() < DEAD as usize, "search column over 4 GB");
        self.starts.push(start as u32);
        if !self.in_order() {
            self.slots.push(slot as u32);
        }
        (self.starts.len() - 1) as u32
    }

    /// Adds the text of a new slot (the next one).
    pub(crate) fn push(&mut self, text: &[u8]) {
        let slot = self.slot_count();
        let seg = self.append(text, slot);
        if !self.in_order() {
            self.seg_of.push(seg);
        }
    }

    /// Adds the texts of new slots at once: their lengths, and the texts each followed by
    /// `\n` (as a chunk of records holds them).
    pub(crate) fn extend(&mut self, lens: impl Iterator<Item = usize>, bytes: &[u8]) {
        let mut start = self.buf.len();
        self.buf.extend_from_slice(bytes);
        assert!(self.buf.len() < DEAD as usize, "search column over 4 GB");
        let in_order = self.in_order();
        for len in lens {
            if !in_order {
                let slot = self.seg_of.len() as u32;
                self.seg_of.push(self.starts.len() as u32);
                self.slots.push(slot);
            }
            self.starts.push(start as u32);
            start += len + 1;
        }
        debug_assert_eq!(start, self.buf.len());
    }

    pub(crate) fn set(&mut self, slot: usize, text: &[u8]) {
        self.unorder();
        self.kill(slot);
        self.seg_of[slot] = self.append(text, slot);
        self.compact();
    }

    /// Forgets `slot`; the last slot takes its number.
    pub(crate) fn swap_remove(&mut self, slot: usize) {
        self.unorder();
        self.kill(slot);
        let last = self.seg_of.len() - 1;
        if slot != last {
            self.slots[self.seg_of[last] as usize] = slot as u32;
        }
        self.seg_of.swap_remove(slot);
        self.compact();
    }

    fn kill(&mut self, slot: usize) {
        self.slots[self.seg_of[slot] as usize] = DEAD;
        self.dead += 1;
    }

    /// Rewrites the buffer in slot order (in order again) once dead segments outnumber the
    /// live ones.
    fn compact(&mut self) {
        if self.dead < 1024 || self.dead < self.starts.len() / 2 {
            return;
        }
        let old = std::mem::take(self);
        for slot in 0..old.slot_count() {
            self.push(old.bytes(slot));
        }
    }

    /// Makes room for `slots` more texts of `bytes` bytes in all (line breaks included).
    pub(crate) fn reserve(&mut self, slots: usize, bytes: usize) {
        self.buf.reserve(bytes);
        self.starts.reserve(slots);
        if !self.in_order() {
            self.slots.reserve(slots);
            self.seg_of.reserve(slots);
        }
    }

    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.buf.capacity()
            + (self.starts.capacity() + self.slots.capacity() + self.seg_of.capacity()) * 4
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.buf.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.slots.shrink_to_fit();
        self.seg_of.shrink_to_fit();
    }

    fn bytes(&self, slot: usize) -> &[u8] {
        let j = self.seg(slot);
        &self.buf[self.starts[j] as usize..self.end(j) as usize]
    }

    /// The text of `slot` (empty if its bytes are not UTF-8, which only a damaged file gives).
    pub(crate) fn text(&self, slot: usize) -> &str {
        std::str::from_utf8(self.bytes(slot)).unwrap_or("")
    }

    /// Calls `f(slot, offset in the slot's text, length of the text)` for the first
    /// occurrence of the needle in each live slot that holds it.
    pub(crate) fn scan(&self, finder: &memmem::Finder<'_>, f: impl FnMut(usize, usize, usize)) {
        let (starts, n) = (&self.starts, self.starts.len());
        let end = |j: usize| self.end(j);
        if self.in_order() {
            scan_by(&self.buf, n, |j| starts[j], end, |j| j as u32, finder, f)
        } else {
            let slots = &self.slots;
            scan_by(&self.buf, n, |j| starts[j], end, |j| slots[j], finder, f)
        }
    }
}

/// [`Column::scan`] over any buffer of texts each followed by `\n`, with their segments in
/// buffer order.
pub(crate) fn scan(
    buf: &[u8],
    segs: &[Seg],
    finder: &memmem::Finder<'_>,
    f: impl FnMut(usize, usize, usize),
) {
    let n = segs.len();
    scan_by(
        buf,
        n,
        |j| segs[j].start,
        |j| segs[j].end,
        |j| segs[j].slot,
        finder,
        f,
    )
}

/// The scan over `n` segments in buffer order: segment `j` starts at `start(j)`, ends at
/// `end(j)` (its `\n`) and belongs to `slot(j)`.
#[inline]
fn scan_by(
    buf: &[u8],
    n: usize,
    start: impl Fn(usize) -> u32,
    end: impl Fn(usize) -> u32,
    slot: impl Fn(usize) -> u32,
    finder: &memmem::Finder<'_>,
    mut f: impl FnMut(usize, usize, usize),
) {
    if finder.needle().is_empty() || n == 0 {
        return;
    }
    let mut pos = 0usize;
    let mut j = 0usize;
    while let Some(found) = finder.find(&buf[pos..]) {
        let p = (pos + found) as u32;
        // Gallop to the segment holding p: the last one starting at or before it.
        if j + 1 < n && start(j + 1) <= p {
            let mut lo = j + 1;
            let mut step = 1;
            while lo + step < n && start(lo + step) <= p {
                lo += step;
                step *= 2;
            }
            let mut hi = (lo + step).min(n);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if start(mid) <= p {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            j = lo;
        }
        let (s, e, owner) = (start(j), end(j), slot(j));
        if owner != DEAD {
            f(owner as usize, (p - s) as usize, (e - s) as usize);
        }
        pos = e as usize + 1;
        j += 1;
        if j >= n {
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
        assert!(c.starts.len() < 3000);
        assert_eq!(hits(&c, "v4999"), vec![(4999 % 3, 0, 5)]);
        assert_eq!(c.text(0), "v4998");
        assert_eq!(c.text(1), "v4999");
    }

    /// Every way a column changes, against a plain list of texts: the texts and the scan
    /// stay the same whether the column is as loaded (no maps) or written out.
    #[test]
    fn as_loaded_and_written_out_it_holds_the_same_texts() {
        let mut c = Column::default();
        let mut model: Vec<String> = vec![];
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..4000 {
            let text = format!("t{}x{}", next(50), next(7));
            match next(if round < 300 { 2 } else { 5 }) {
                0 => {
                    c.push(text.as_bytes());
                    model.push(text);
                }
                1 => {
                    let texts = [text.clone(), format!("{text}y"), String::new()];
                    let bytes: Vec<u8> = texts
                        .iter()
                        .flat_map(|t| format!("{t}\n").into_bytes())
                        .collect();
                    c.extend(texts.iter().map(String::len), &bytes);
                    model.extend(texts);
                }
                2 | 3 if !model.is_empty() => {
                    let slot = next(model.len() as u64) as usize;
                    c.set(slot, text.as_bytes());
                    model[slot] = text;
                }
                _ if !model.is_empty() => {
                    let slot = next(model.len() as u64) as usize;
                    c.swap_remove(slot);
                    model.swap_remove(slot);
                }
                _ => {}
            }
            if round % 97 == 0 || round < 20 {
                for (slot, t) in model.iter().enumerate() {
                    assert_eq!(c.text(slot), t, "round {round}");
                }
                for q in ["t1", "x3", "3x", "y", "t4"] {
                    let mut want: Vec<(usize, usize, usize)> = model
                        .iter()
                        .enumerate()
                        .filter_map(|(s, t)| t.find(q).map(|p| (s, p, t.len())))
                        .collect();
                    let mut got = hits(&c, q);
                    want.sort();
                    got.sort();
                    assert_eq!(got, want, "round {round}, {q}");
                }
            }
        }
        assert!(!c.in_order(), "some rounds wrote the maps out");
        assert_eq!(c.slot_count(), model.len());
    }

    #[test]
    fn as_loaded_a_column_keeps_only_where_texts_start() {
        let mut c = Column::default();
        c.extend([3, 0, 5].into_iter(), b"abc\n\nxabcx\n");
        c.push(b"zabc");
        assert!(c.in_order());
        assert_eq!(c.heap_bytes() - c.buf.capacity(), c.starts.capacity() * 4);
        assert_eq!(hits(&c, "abc"), vec![(0, 0, 3), (2, 1, 5), (3, 1, 4)]);
        c.set(1, b"abc");
        assert!(!c.in_order());
        assert_eq!(
            hits(&c, "abc"),
            vec![(0, 0, 3), (2, 1, 5), (3, 1, 4), (1, 0, 3)]
        );
    }
}
