//! The per-account values every query reads, one vector each (a query scanning the first
//! letters touches 12 bytes an account, not a whole record), kept in step by one type.

use super::ranking::{ContactPairs, Letters, NamePairs};
use crate::search_keys::record::Masks;

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
    pub(crate) py: Vec<NamePairs>,
    pub(crate) cpy: Vec<ContactPairs>,
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
    }

    pub(crate) fn set(&mut self, slot: usize, m: &Masks) {
        self.recency[slot] = m.recency;
        self.code_key[slot] = m.code_key;
        self.m_name[slot] = m.m_name;
        self.py_hot[slot] = Letters::of(&m.py);
        self.cpy_hot[slot] = Letters::of(&m.cpy);
        self.py[slot] = NamePairs::of(&m.py);
        self.cpy[slot] = ContactPairs::of(&m.cpy);
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
    }

    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.ids.capacity() * 8
            + self.recency.capacity() * 8
            + self.code_key.capacity() * 8
            + self.m_name.capacity() * 8
            + (self.py_hot.capacity() + self.cpy_hot.capacity()) * size_of::<Letters>()
            + self.py.capacity() * size_of::<NamePairs>()
            + self.cpy.capacity() * size_of::<ContactPairs>()
    }
}
