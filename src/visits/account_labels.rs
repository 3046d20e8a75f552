//! The code and name of the accounts reminded of, in one buffer. `kam remind` on a big book
//! labels nearly every account (100,000 on the demo): a map of two strings each held ~16 MB
//! of its 52.5 MB peak (issue 17's limit is 50 MB); one text and a sorted table of where
//! each label starts hold the same in ~7 MB.

use std::collections::HashMap;

/// Accounts' codes and names by id.
#[derive(Debug, Default)]
pub(crate) struct AccountLabels {
    /// Every code followed by its name, one label after the other.
    text: String,
    /// Account id, where its code starts, where its name starts and ends; sorted by id.
    at: Vec<(i64, u32, u32, u32)>,
    sorted: bool,
}

impl AccountLabels {
    pub(crate) fn push(&mut self, id: i64, code: &str, name: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(code);
        let mid = self.text.len() as u32;
        self.text.push_str(name);
        self.sorted = self.at.last().is_none_or(|l| self.sorted && l.0 < id);
        self.at.push((id, start, mid, self.text.len() as u32));
    }

    /// Ready for looking up (the labels read in id order need no sorting).
    pub(crate) fn done(mut self) -> AccountLabels {
        if !self.sorted {
            self.at.sort_by_key(|l| l.0);
            self.at.dedup_by_key(|l| l.0);
            self.sorted = true;
        }
        // Not shrunk to fit: shrinking copies the buffers, for a moment twice their size.
        self
    }

    /// The code and name of account `id`.
    pub(crate) fn get(&self, id: i64) -> Option<(&str, &str)> {
        debug_assert!(self.sorted || self.at.is_empty());
        let i = self.at.binary_search_by_key(&id, |l| l.0).ok()?;
        let (_, start, mid, end) = self.at[i];
        Some((
            &self.text[start as usize..mid as usize],
            &self.text[mid as usize..end as usize],
        ))
    }

    pub(crate) fn contains(&self, id: i64) -> bool {
        self.get(id).is_some()
    }
}

impl From<HashMap<i64, (String, String)>> for AccountLabels {
    fn from(map: HashMap<i64, (String, String)>) -> AccountLabels {
        let mut l = AccountLabels::default();
        for (id, (code, name)) in map {
            l.push(id, &code, &name);
        }
        l.done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found_by_id_whatever_the_order_they_came_in() {
        let mut l = AccountLabels::default();
        l.push(7, "C000007", "甲公司");
        l.push(3, "C000003", "");
        l.push(9, "", "Beta");
        let l = l.done();
        assert_eq!(l.get(7), Some(("C000007", "甲公司")));
        assert_eq!(l.get(3), Some(("C000003", "")));
        assert_eq!(l.get(9), Some(("", "Beta")));
        assert_eq!(l.get(4), None);
        let m: HashMap<i64, (String, String)> = [(2, ("C2".to_string(), "乙".to_string()))].into();
        assert_eq!(AccountLabels::from(m).get(2), Some(("C2", "乙")));
    }
}
