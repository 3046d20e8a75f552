//! What the finder answers: an account, which of its keys matched, and what to highlight.
//! Its own file because the matcher and the ranking make hits and the finder hands them
//! on: none of them should have to import the others' module to name one.

use std::ops::Range;

/// Which key of an account a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum MatchKind {
    ExactName,
    NamePrefix,
    Code,
    Initials,
    Pinyin,
    NameSubstring,
    Contact,
    Phone,
    Email,
    /// A value of one of the custom fields (of the account or of one of its people).
    Field,
    Fuzzy,
    /// A `#tag` query: the account's tag, or one of its people's.
    Tag,
    /// The query was empty: the most recently active accounts.
    Recent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub account_id: i64,
    pub kind: MatchKind,
    /// Character ranges of the account's name to highlight (empty when matched elsewhere).
    pub name_ranges: Vec<Range<usize>>,
    /// The contact, phone, email or custom value that matched, when not the name (also the short name
    /// or code when one of those matched).
    pub matched_text: Option<String>,
    /// The title of the contact that matched (唐帆 · 采购经理), when it has one.
    pub title: Option<String>,
}
