//! Free tags on accounts and contacts (Monica #99, #1817: "tags are a priority"): a rep's own
//! words (老乡, golf, 年底冲量) to group and find people by. Kept as one text per record, the
//! tags in the order typed, told apart by a comma; typed with commas (, ，、; ；), spaces or
//! a leading `#`, whichever the rep's habit is.

/// The separator tags are kept with, so a sheet shows them as a person would write them.
pub const SEPARATOR: &str = ", ";

/// The tags in `text`, each once (case-insensitively), in the order first typed, without a
/// leading `#`.
pub fn split(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for raw in
        text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
    {
        let tag = raw.trim_start_matches(['#', '＃']).trim();
        if tag.is_empty() {
            continue;
        }
        if !out.iter().any(|t| same(t, tag)) {
            out.push(tag.to_string());
        }
    }
    out
}

/// The text kept for `text`'s tags, None when it holds none.
pub fn normalize(text: &str) -> Option<String> {
    let tags = split(text);
    (!tags.is_empty()).then(|| tags.join(SEPARATOR))
}

/// Whether two tags are the same tag (VIP and vip are).
pub fn same(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Whether `tags` (kept text) hold `tag`.
pub fn holds(tags: Option<&str>, tag: &str) -> bool {
    tags.is_some_and(|t| split(t).iter().any(|x| same(x, tag)))
}

/// `tags` with `tag` added (when not there yet) or, with `remove`, taken out.
pub fn with(tags: Option<&str>, tag: &str, remove: bool) -> Option<String> {
    let mut all = split(tags.unwrap_or(""));
    let tag = tag.trim().trim_start_matches(['#', '＃']);
    if remove {
        all.retain(|t| !same(t, tag));
    } else if !tag.is_empty() && !all.iter().any(|t| same(t, tag)) {
        all.push(tag.to_string());
    }
    normalize(&all.join(SEPARATOR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_from_a_reps_habits_and_kept_once() {
        for (typed, kept) in [
            ("vip, 老乡", Some("vip, 老乡")),
            ("#vip #老乡 #VIP", Some("vip, 老乡")),
            (
                "golf，年底冲量、老乡;展会",
                Some("golf, 年底冲量, 老乡, 展会"),
            ),
            ("  ", None),
            ("# ＃", None),
        ] {
            assert_eq!(normalize(typed).as_deref(), kept, "{typed}");
        }
        assert!(holds(Some("vip, 老乡"), "VIP"));
        assert!(!holds(Some("vip2"), "vip"));
        assert!(!holds(None, "vip"));
        assert_eq!(
            with(Some("vip"), "#golf", false).as_deref(),
            Some("vip, golf")
        );
        assert_eq!(
            with(Some("vip, golf"), "VIP", true).as_deref(),
            Some("golf")
        );
        assert_eq!(with(Some("golf"), "golf", true), None);
    }
}
