//! The per-account values every query reads, one vector each (a query scanning the first
//! letters touches 12 bytes an account, not a whole record), kept in step by one type.
//!
//! The pair sets (112 bytes an account) are read only for accounts whose letters pass, and
//! a name without a Chinese character has none: they are kept for the accounts that have
//! them, behind a place per account (4 bytes). Half the demo book's accounts have English
//! names: 5 MB less at 100,000 (issue 17).

use super::ranking::{ContactPairs, Letters, NamePairs};
use crate::search_keys::record::Masks;

/// No pair set: all zero.
const NONE: u32 = u32::MAX;

/// Pair sets of the accounts that have one; a replaced one's place is left unused.
#[derive(Debug)]
pub(crate) struct Sparse<T> {
    at: Vec<u32>,
    held: Vec<T>,
}

impl<T> Default for Sparse<T> {
    fn default() -> Self {
        Sparse {
            at: vec![],
            held: vec![],
        }
    }
}

impl<T: Copy + Default + PartialEq> Sparse<T> {
    #[inline]
    pub(crate) fn get(&self, slot: usize) -> T {
        match self.at[slot] {
            NONE => T::default(),
            i => self.held[i as usize],
        }
    }

    fn place(&mut self, v: T) -> u32 {
        if v == T::default() {
            return NONE;
        }
        self.held.push(v);
        (self.held.len() - 1) as u32
    }

    fn push(&mut self, v: T) {
        let i = self.place(v);
        self.at.push(i);
    }

    fn set(&mut self, slot: usize, v: T) {
        match self.at[slot] {
            i if i != NONE && v != T::default() => self.held[i as usize] = v,
            _ => self.at[slot] = self.place(v),
        }
    }

    fn swap_remove(&mut self, slot: usize) {
        self.at.swap_remove(slot);
    }

    /// Whether any slot ever held a value (a replaced one's place still counts).
    pub(crate) fn any(&self) -> bool {
        !self.held.is_empty()
    }

    fn reserve(&mut self, n: usize) {
        self.at.reserve(n);
    }

    fn shrink_to_fit(&mut self) {
        self.at.shrink_to_fit();
        self.held.shrink_to_fit();
    }

    fn heap_bytes(&self) -> usize {
        self.at.capacity() * 4 + self.held.capacity() * std::mem::size_of::<T>()
    }
}

#[derive(Debug, Default)]
pub(crate) struct MaskColumns {
    pub(crate) ids: Vec<i64>,
    pub(crate) recency: Vec<u64>,
    pub(crate) code_key: Vec<u64>,
    /// Characters of the name and short name.
    pub(crate) m_name: Vec<u64>,
    /// Letters of the name's readings, read by every letter query.
    pub(crate) py_hot: Vec<Letters>,
    /// Letters of the contacts' names' readings.
    pub(crate) cpy_hot: Vec<Letters>,
    /// The pair sets, read only for accounts that pass the letters.
    pub(crate) py: Sparse<NamePairs>,
    pub(crate) cpy: Sparse<ContactPairs>,
    /// Letters of the custom values' readings, for the accounts whose values have any.
    pub(crate) fpy: Sparse<Letters>,
}

impl MaskColumns {
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    pub(crate) fn push(&mut self, id: i64, m: &Masks) {
        self.ids.push(id);
        self.recency.push(m.recency);
        self.code_key.push(m.code_key);
        self.m_name.push(m.m_name);
        self.py_hot.push(Letters::of(&m.py));
        self.cpy_hot.push(Letters::of(&m.cpy));
        self.py.push(NamePairs::of(&m.py));
        self.cpy.push(ContactPairs::of(&m.cpy));
        self.fpy.push(Letters::of(&m.fpy));
    }

    pub(crate) fn set(&mut self, slot: usize, m: &Masks) {
        self.recency[slot] = m.recency;
        self.code_key[slot] = m.code_key;
        self.m_name[slot] = m.m_name;
        self.py_hot[slot] = Letters::of(&m.py);
        self.cpy_hot[slot] = Letters::of(&m.cpy);
        self.py.set(slot, NamePairs::of(&m.py));
        self.cpy.set(slot, ContactPairs::of(&m.cpy));
        self.fpy.set(slot, Letters::of(&m.fpy));
    }

    /// Forgets `slot`; the last slot takes its number.
    pub(crate) fn swap_remove(&mut self, slot: usize) {
        self.ids.swap_remove(slot);
        self.recency.swap_remove(slot);
        self.code_key.swap_remove(slot);
        self.m_name.swap_remove(slot);
        self.py_hot.swap_remove(slot);
        self.cpy_hot.swap_remove(slot);
        self.py.swap_remove(slot);
        self.cpy.swap_remove(slot);
        self.fpy.swap_remove(slot);
    }

    pub(crate) fn reserve(&mut self, n: usize) {
        self.ids.reserve(n);
        self.recency.reserve(n);
        self.code_key.reserve(n);
        self.m_name.reserve(n);
        self.py_hot.reserve(n);
        self.cpy_hot.reserve(n);
        self.py.reserve(n);
        self.cpy.reserve(n);
        self.fpy.reserve(n);
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.recency.shrink_to_fit();
        self.code_key.shrink_to_fit();
        self.m_name.shrink_to_fit();
        self.py_hot.shrink_to_fit();
        self.cpy_hot.shrink_to_fit();
        self.py.shrink_to_fit();
        self.cpy.shrink_to_fit();
        self.fpy.shrink_to_fit();
    }

    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.ids.capacity() * 8
            + self.recency.capacity() * 8
            + self.code_key.capacity() * 8
            + self.m_name.capacity() * 8
            + (self.py_hot.capacity() + self.cpy_hot.capacity()) * size_of::<Letters>()
            + self.py.heap_bytes()
            + self.cpy.heap_bytes()
            + self.fpy.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_sets_are_kept_only_where_they_are_not_empty() {
        let mut s: Sparse<u64> = Sparse::default();
        for v in [0, 5, 0, 7] {
            s.push(v);
        }
        assert_eq!(s.held, vec![5, 7]);
        s.set(0, 9); // a place of its own
        s.set(1, 6); // in its place
        s.set(3, 0); // none
        assert_eq!(
            (0..4).map(|i| s.get(i)).collect::<Vec<_>>(),
            vec![9, 6, 0, 0]
        );
        s.swap_remove(0);
        assert_eq!((0..3).map(|i| s.get(i)).collect::<Vec<_>>(), vec![0, 6, 0]);
    }
}
