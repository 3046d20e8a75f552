//! One byte string per account in one buffer: what the finder reads only for the accounts
//! it shows. A replaced string is appended and its old bytes left dead until they outweigh
//! the live ones, then the buffer is rewritten: amortised O(bytes) per update.

#[derive(Debug, Default)]
pub(crate) struct Arena {
    buf: Vec<u8>,
    /// Start and end of each slot's bytes.
    spans: Vec<(u32, u32)>,
    dead: usize,
}

impl Arena {
    fn append(&mut self, bytes: &[u8]) -> (u32, u32) {
        let start = self.buf.len();
        self.buf.extend_from_slice(bytes);
        assert!(
            self.buf.len() <= u32::MAX as usize,
            "finder arena over 4 GB"
        );
        (start as u32, self.buf.len() as u32)
    }

    pub(crate) fn push(&mut self, bytes: &[u8]) {
        let span = self.append(bytes);
        self.spans.push(span);
    }

    pub(crate) fn set(&mut self, slot: usize, bytes: &[u8]) {
        self.kill(slot);
        self.spans[slot] = self.append(bytes);
        self.compact();
    }

    /// Forgets `slot`; the last slot takes its number.
    pub(crate) fn swap_remove(&mut self, slot: usize) {
        self.kill(slot);
        self.spans.swap_remove(slot);
        self.compact();
    }

    pub(crate) fn get(&self, slot: usize) -> &[u8] {
        let (a, b) = self.spans[slot];
        &self.buf[a as usize..b as usize]
    }

    pub(crate) fn reserve(&mut self, slots: usize, bytes: usize) {
        self.buf.reserve(bytes);
        self.spans.reserve(slots);
    }

    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.buf.capacity() + self.spans.capacity() * 8
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.buf.shrink_to_fit();
        self.spans.shrink_to_fit();
    }

    fn kill(&mut self, slot: usize) {
        let (a, b) = self.spans[slot];
        self.dead += (b - a) as usize;
    }

    fn compact(&mut self) {
        if self.dead < 1 << 16 || self.dead < self.buf.len() / 2 {
            return;
        }
        let old = std::mem::take(self);
        for slot in 0..old.spans.len() {
            self.push(old.get(slot));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_remove_and_rewrite_keep_every_slot() {
        let mut a = Arena::default();
        for s in ["one", "", "three"] {
            a.push(s.as_bytes());
        }
        a.set(0, b"uno");
        assert_eq!(a.get(0), b"uno");
        a.swap_remove(0);
        assert_eq!((a.get(0), a.get(1)), (&b"three"[..], &b""[..]));
        for i in 0..50_000u32 {
            a.set((i % 2) as usize, &i.to_le_bytes());
        }
        assert!(a.buf.len() < 1 << 18, "dead bytes were never dropped");
        assert_eq!(a.get(0), 49_998u32.to_le_bytes());
        assert_eq!(a.get(1), 49_999u32.to_le_bytes());
    }
}
