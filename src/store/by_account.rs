//! A figure per account, kept by account id: what the analytics sums return.
//!
//! Ids are the accounts' row numbers, dense from 1, so the figures live in a vector indexed by
//! id. The analyses look every account up once or more (100,000 accounts, several figures
//! each); in hash maps those look-ups were cache misses that took most of the relationship
//! evaluation's time on this machine, where reading a vector in order costs next to nothing.
//! A file whose ids run far beyond its accounts (imported with ids of its own) falls back to
//! a map, so memory follows the accounts, not the largest id.

use std::collections::HashMap;

/// Largest id kept in the vector: 1,000,000 ids of a 32-byte figure are 32 MB.
const DENSE_MAX: i64 = 1_000_000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ByAccount<T> {
    dense: Vec<T>,
    sparse: HashMap<i64, T>,
}

impl<T: Default + Clone + PartialEq> ByAccount<T> {
    /// Room for the ids up to `max_id` (the largest account id in the file).
    pub fn up_to(max_id: i64) -> ByAccount<T> {
        let dense = if (0..=DENSE_MAX).contains(&max_id) {
            vec![T::default(); max_id as usize + 1]
        } else {
            vec![]
        };
        ByAccount {
            dense,
            sparse: HashMap::new(),
        }
    }

    /// The figure of `id`, to add to (the default until then).
    pub fn entry(&mut self, id: i64) -> &mut T {
        match usize::try_from(id).ok().filter(|&i| i < self.dense.len()) {
            Some(i) => &mut self.dense[i],
            None => self.sparse.entry(id).or_default(),
        }
    }

    /// The figure of `id`; none when it is the default (an account without any).
    pub fn get(&self, id: i64) -> Option<&T> {
        let found = match usize::try_from(id).ok().filter(|&i| i < self.dense.len()) {
            Some(i) => Some(&self.dense[i]),
            None => self.sparse.get(&id),
        };
        found.filter(|v| **v != T::default())
    }

    /// The figure of `id`, the default when there is none.
    pub fn of(&self, id: i64) -> T {
        self.get(id).cloned().unwrap_or_default()
    }

    /// Every account with a figure: by id, those in the vector first.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &T)> {
        let zero = T::default();
        let mut sparse: Vec<(i64, &T)> = self.sparse.iter().map(|(k, v)| (*k, v)).collect();
        sparse.sort_unstable_by_key(|(k, _)| *k);
        self.dense
            .iter()
            .enumerate()
            .map(|(i, v)| (i as i64, v))
            .chain(sparse)
            .filter(move |(_, v)| **v != zero)
    }

    /// How many accounts have a figure.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_the_vector_and_beyond_it_read_alike() {
        let mut by: ByAccount<usize> = ByAccount::up_to(3);
        *by.entry(2) += 5;
        *by.entry(3) += 1;
        // Beyond the room made, and ids a file imported with: kept in the map.
        *by.entry(DENSE_MAX * 4) += 7;
        *by.entry(-1) += 2;
        *by.entry(3) += 1;
        assert_eq!(by.get(2), Some(&5));
        assert_eq!(by.of(3), 2);
        assert_eq!(by.of(DENSE_MAX * 4), 7);
        assert_eq!(by.of(-1), 2);
        // No figure and a zero figure are the same: none.
        assert_eq!(by.get(1), None);
        assert_eq!(by.get(99), None);
        assert_eq!(by.of(99), 0);
        assert_eq!(
            by.iter().map(|(id, v)| (id, *v)).collect::<Vec<_>>(),
            vec![(2, 5), (3, 2), (-1, 2), (DENSE_MAX * 4, 7)]
        );
        assert_eq!(by.len(), 4);
    }

    #[test]
    fn a_file_with_huge_ids_keeps_no_vector() {
        let mut by: ByAccount<usize> = ByAccount::up_to(DENSE_MAX + 1);
        assert!(by.dense.is_empty());
        *by.entry(DENSE_MAX + 1) += 1;
        assert_eq!(by.of(DENSE_MAX + 1), 1);
        assert!(ByAccount::<usize>::default().is_empty());
    }
}
