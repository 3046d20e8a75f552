//! A forgotten person's name taken out of free text, and nothing else.
//!
//! A plain replace of the characters damaged other words and other people: forgetting `Li`
//! turned "Library" into "[removed]brary", forgetting 张三 turned the contact 张三丰 into
//! "[removed]丰" (found by a hostile review). So a Latin name is replaced only as a whole
//! word, and no occurrence inside another name the account knows (its contacts, itself) is
//! touched. Chinese has no spaces between words: there a name is replaced wherever it stands
//! but inside those other names.

use super::note_tokens::is_cjk;

/// A letter or digit of a word written with spaces (Latin, Cyrillic …), not a CJK character.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// `text` with every occurrence of `name` that stands for the person replaced by `mark`;
/// `None` when there is none. `others` are names that must be left whole (other contacts of
/// the account, the account's own names); those that do not contain `name` are ignored.
pub(crate) fn scrub(text: &str, name: &str, others: &[&str], mark: &str) -> Option<String> {
    if name.is_empty() || !text.contains(name) {
        return None;
    }
    // Spans of the text covered by another name that holds this one (张三丰 for 张三).
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for other in others
        .iter()
        .filter(|o| o.len() > name.len() && o.contains(name))
    {
        kept.extend(text.match_indices(other).map(|(at, o)| (at, at + o.len())));
    }
    let check_start = name.chars().next().is_some_and(word_char);
    let check_end = name.chars().next_back().is_some_and(word_char);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut changed = false;
    for (at, _) in text.match_indices(name) {
        let end = at + name.len();
        let inside_other = kept.iter().any(|&(s, e)| s <= at && end <= e);
        let glued_before = check_start && text[..at].chars().next_back().is_some_and(word_char);
        let glued_after = check_end && text[end..].chars().next().is_some_and(word_char);
        if inside_other || glued_before || glued_after {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(mark);
        last = end;
        changed = true;
    }
    if !changed {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::scrub;

    const M: &str = "[removed]";

    #[test]
    fn a_latin_name_goes_as_a_whole_word_only() {
        assert_eq!(
            scrub(
                "Li said the Library deal is late; Lily and Li agree. Li.",
                "Li",
                &[],
                M
            )
            .as_deref(),
            Some("[removed] said the Library deal is late; Lily and [removed] agree. [removed].")
        );
        assert_eq!(scrub("Library", "Li", &[], M), None);
        assert_eq!(
            scrub("见了Li，很好", "Li", &[], M).as_deref(),
            Some("见了[removed]，很好")
        );
    }

    #[test]
    fn another_name_holding_this_one_is_left_whole() {
        assert_eq!(
            scrub("张三丰来访，张三未到", "张三", &["张三丰"], M).as_deref(),
            Some("张三丰来访，[removed]未到")
        );
        assert_eq!(scrub("张三丰来访", "张三", &["张三丰", "李四"], M), None);
        assert_eq!(
            scrub("Ann Lee met Ann", "Ann", &["Ann Lee"], M).as_deref(),
            Some("Ann Lee met [removed]")
        );
    }

    #[test]
    fn a_chinese_name_goes_wherever_it_stands() {
        assert_eq!(
            scrub("与张三谈价格，张三同意", "张三", &[], M).as_deref(),
            Some("与[removed]谈价格，[removed]同意")
        );
        assert_eq!(scrub("没有提到", "张三", &[], M), None);
    }
}
