//! How note text becomes index tokens, and a query the index can answer.
//!
//! Chinese (and Japanese, Korean) text has no spaces, and the queries people type are one or
//! two characters (拜访, 张三, 的). A trigram index finds nothing under three characters, so
//! every CJK character is a token of its own and a query's CJK run becomes a phrase of
//! adjacent characters; Latin text is split into words and a query word matches the start of
//! a word ("cust" finds "customer"). The tokens are written space-separated, so SQLite's
//! plain `ascii` tokenizer reads them back one for one.

/// Whether `c` is written without spaces between words (CJK ideographs, kana, hangul).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3040..=0x30FF    // kana
        | 0x3400..=0x4DBF    // ideographs, extension A
        | 0x4E00..=0x9FFF    // ideographs
        | 0xAC00..=0xD7AF    // hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x323AF) // extensions B–H
}

/// Full-width ASCII to ASCII, then lower case; one character for one.
fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// One token of text and whether the text continued straight into it (no separator before).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    text: String,
    cjk: bool,
    joined: bool,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut word = String::new();
    let mut joined = false;
    let flush = |word: &mut String, out: &mut Vec<Token>, joined: &mut bool| {
        if !word.is_empty() {
            out.push(Token {
                text: std::mem::take(word),
                cjk: false,
                joined: *joined,
            });
            *joined = true;
        }
    };
    for c in text.chars().map(fold) {
        if is_cjk(c) {
            flush(&mut word, &mut out, &mut joined);
            out.push(Token {
                text: c.to_string(),
                cjk: true,
                joined,
            });
            joined = true;
        } else if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut joined);
            joined = false;
        }
    }
    flush(&mut word, &mut out, &mut joined);
    out
}

/// The text as the index stores it: tokens separated by single spaces.
pub(crate) fn index_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for t in tokens(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t.text);
    }
    out
}

/// One condition of a query: a run of adjacent CJK characters, or the start of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Phrase(Vec<String>),
    WordPrefix(String),
}

/// A query as conditions that must all hold; empty when it holds nothing searchable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteQuery {
    pub(crate) parts: Vec<Part>,
}

impl NoteQuery {
    pub(crate) fn new(query: &str) -> NoteQuery {
        let mut parts: Vec<Part> = Vec::new();
        for t in tokens(query) {
            match (t.cjk, parts.last_mut()) {
                (true, Some(Part::Phrase(run))) if t.joined => run.push(t.text),
                (true, _) => parts.push(Part::Phrase(vec![t.text])),
                (false, _) => parts.push(Part::WordPrefix(t.text)),
            }
        }
        NoteQuery { parts }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The FTS5 MATCH expression: every part, quoted (tokens hold no quote: quotes separate).
    /// `words(prefix)` gives the indexed words starting with a prefix when they are few
    /// (`None`: too many to list); a listed prefix becomes an OR of whole words, which FTS5
    /// reads lazily newest first, where `"pro"*` would merge every matching word's whole
    /// list of notes before the first hit (50–110 ms over a million notes). `None` overall
    /// when a prefix starts no indexed word: nothing can match.
    pub(crate) fn fts(&self, mut words: impl FnMut(&str) -> Option<Vec<String>>) -> Option<String> {
        let mut parts = Vec::with_capacity(self.parts.len());
        for p in &self.parts {
            parts.push(match p {
                Part::Phrase(run) => format!("\"{}\"", run.join(" ")),
                Part::WordPrefix(w) => match words(w) {
                    None => format!("\"{w}\"*"),
                    Some(list) if list.is_empty() => return None,
                    Some(list) => {
                        let alternatives: Vec<String> =
                            list.iter().map(|w| format!("\"{w}\"")).collect();
                        format!("({})", alternatives.join(" OR "))
                    }
                },
            });
        }
        Some(parts.join(" AND "))
    }

    /// The Latin words of an indexed text (see [`index_text`]), for the word list.
    pub(crate) fn words(indexed: &str) -> impl Iterator<Item = &str> {
        indexed
            .split(' ')
            .filter(|t| t.chars().next().is_some_and(|c| !is_cjk(c)))
    }

    /// Whether an indexed text (see [`index_text`]) satisfies the query, exactly as the
    /// index would answer it; for the few notes of one account, read without the index.
    pub(crate) fn matches(&self, indexed: &str) -> bool {
        let padded = format!(" {indexed} ");
        self.parts.iter().all(|p| match p {
            Part::Phrase(run) => padded.contains(&format!(" {} ", run.join(" "))),
            Part::WordPrefix(w) => padded.contains(&format!(" {w}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_are_tokens_and_latin_words_are_words() {
        let cases = [
            ("初次拜访,介绍公司", "初 次 拜 访 介 绍 公 司"),
            (
                "Talked through next year's budget.",
                "talked through next year s budget",
            ),
            ("PLC控制模块 KR-200", "plc 控 制 模 块 kr 200"),
            ("ＡＢＣ　客户", "abc 客 户"),
            ("", ""),
        ];
        for (text, want) in cases {
            assert_eq!(index_text(text), want, "{text}");
        }
    }

    #[test]
    fn queries_become_phrases_and_word_prefixes() {
        let many = |_: &str| None;
        let q = NoteQuery::new("拜访 cust");
        assert_eq!(q.fts(many).unwrap(), r#""拜 访" AND "cust"*"#);
        let few = |w: &str| Some(vec![format!("{w}omer"), format!("{w}oms")]);
        assert_eq!(
            q.fts(few).unwrap(),
            r#""拜 访" AND ("customer" OR "customs")"#
        );
        assert_eq!(q.fts(|_| Some(vec![])), None);
        let q = NoteQuery::new("张三，李四");
        assert_eq!(q.fts(many).unwrap(), r#""张 三" AND "李 四""#);
        assert_eq!(NoteQuery::new("的").fts(many).unwrap(), r#""的""#);
        assert_eq!(
            NoteQuery::new("PLC控制").fts(many).unwrap(),
            r#""plc"* AND "控 制""#
        );
        assert!(NoteQuery::new(" ,.!\"* ").is_empty());
        let words: Vec<&str> = NoteQuery::words("plc 控 制 kr 200").collect();
        assert_eq!(words, ["plc", "kr", "200"]);
    }

    #[test]
    fn matching_without_the_index_agrees_with_it() {
        let text = index_text("初次拜访，介绍公司及主要产品。Customer asked for KR-200 pricing");
        let yes = ["拜", "拜访", "访 介", "公司 cust", "kr", "pric", "CUSTOMER"];
        let no = ["访拜", "客户", "ustomer", "kr300", "拜访 zebra"];
        for q in yes {
            assert!(NoteQuery::new(q).matches(&text), "{q}");
        }
        for q in no {
            assert!(!NoteQuery::new(q).matches(&text), "{q}");
        }
    }
}
