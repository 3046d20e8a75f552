//! Matching what is typed against a short list of names, as the finder matches accounts: an
//! account's contacts in the visit form's "person met", a choice field's labels. The same
//! readings count: `tangfan`, `tf` and `tang` name 唐帆; `andrew` and `smith` name Andrew
//! Smith; `软件` names 软件和信息技术服务业. Lists are a few dozen names, so nothing is
//! indexed: each name is read when asked.

use super::pinyin_match::{anchored, is_initials, Anchored};
use crate::search_keys::pinyin::PyKey;
use crate::search_keys::text::fold;

/// How well `typed` names `name`, best first (0 = the name itself), or `None`.
pub fn name_rank(typed: &str, name: &str) -> Option<u8> {
    let q = fold(typed.trim());
    let n = fold(name.trim());
    if q.is_empty() || n.is_empty() {
        return None;
    }
    if n == q {
        return Some(0);
    }
    if n.starts_with(&q) {
        return Some(1);
    }
    let word_start = n
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(&q));
    if word_start {
        return Some(2);
    }
    if n.contains(&q) {
        return Some(4);
    }
    if q.bytes().all(|b| b.is_ascii_lowercase()) && q.len() <= super::pinyin_match::MAX_LETTERS {
        let key = PyKey::of(&n)?;
        let letters = q.as_bytes();
        if let Some(Anchored::Whole) = anchored(&key, letters, 0) {
            return Some(1);
        }
        if is_initials(&key, letters) {
            return Some(2);
        }
        if anchored(&key, letters, 0).is_some() {
            return Some(3);
        }
    }
    None
}

/// The names `typed` names, best first (ties in the list's order).
pub fn named<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut found: Vec<(u8, usize, &str)> = names
        .into_iter()
        .enumerate()
        .filter_map(|(i, n)| name_rank(typed, n).map(|r| (r, i, n)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_by_its_readings_and_words() {
        let names = ["唐帆", "何晓春", "Andrew Smith", "唐小燕"];
        assert_eq!(named("tangfan", names), ["唐帆"]);
        assert_eq!(named("tf", names), ["唐帆"]);
        assert_eq!(named("hxc", names), ["何晓春"]);
        assert_eq!(named("andrew", names), ["Andrew Smith"]);
        assert_eq!(named("smith", names), ["Andrew Smith"]);
        assert_eq!(named("唐", names), ["唐帆", "唐小燕"]);
        assert_eq!(named("tang", names), ["唐帆", "唐小燕"]);
        assert!(named("zhou", names).is_empty());
        assert!(named("", names).is_empty());
    }
}
