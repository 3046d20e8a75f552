//! `#tag` in the finder and in `kam search`: a query that starts with `#` looks for tags
//! (the account's own, or one of its people's) rather than names, as a rep who tagged a
//! dozen customers `#展会` expects to get those dozen back, not accounts named 展会.

use super::{Hit, MatchKind};
use crate::store::Store;
use anyhow::Result;

/// The tag asked for when `query` is a tag query: `#vip` → `vip`; a lone `#` asks for none.
pub fn tag_query(query: &str) -> Option<&str> {
    let t = query.trim();
    let rest = t.strip_prefix('#').or_else(|| t.strip_prefix('＃'))?;
    Some(rest.trim())
}

/// The accounts whose tags (or whose people's) start with `prefix`, as hits: the tag found,
/// and the person when it is theirs ("张三 #golf").
pub fn tag_search(store: &Store, prefix: &str, limit: usize) -> Result<Vec<Hit>> {
    if prefix.is_empty() {
        return Ok(vec![]);
    }
    Ok(store
        .tag_hits(prefix, limit)?
        .into_iter()
        .map(|h| Hit {
            account_id: h.account_id,
            kind: MatchKind::Tag,
            name_ranges: vec![],
            matched_text: Some(match &h.contact {
                Some(name) => format!("{name} #{}", h.tag),
                None => format!("#{}", h.tag),
            }),
            title: None,
        })
        .collect())
}
