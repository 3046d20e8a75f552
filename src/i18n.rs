//! Message catalogues. Every text a person reads comes from `assets/i18n/<lang>.ftl`
//! (Fluent), compiled into the binary so kam runs the same wherever it is copied. The
//! language is passed explicitly rather than kept in a global, so two screens (or two
//! tests) can use different languages at once.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// `zh`, `zh-CN`, `zh_CN.UTF-8` → Chinese; `en…` → English.
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Lang::Zh)
        } else if t.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The system locale from LC_ALL, LC_MESSAGES, LANG (first one set), else English.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }
}

const SOURCES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../assets/i18n/en.ftl")),
    (Lang::Zh, include_str!("../assets/i18n/zh.ftl")),
];

struct Catalogue {
    en: FluentBundle<FluentResource>,
    zh: FluentBundle<FluentResource>,
}

fn bundle(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("static language id");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments would show up as stray characters in a terminal.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
        panic!("message file {} has errors: {errors:?}", lang.code())
    });
    bundle
        .add_resource(resource)
        .expect("message ids are unique within a file");
    bundle
}

fn catalogue() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| Catalogue {
        en: bundle(Lang::En, SOURCES[0].1),
        zh: bundle(Lang::Zh, SOURCES[1].1),
    })
}

fn lookup(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let cat = catalogue();
    let bundle = match lang {
        Lang::En => &cat.en,
        Lang::Zh => &cat.zh,
    };
    let msg = bundle.get_message(id)?;
    let pattern = msg.value()?;
    let mut errors = vec![];
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// Whether a message exists in a language (tests use it to keep the files in step).
pub fn has(lang: Lang, id: &str) -> bool {
    lookup(lang, id, None).is_some()
}

/// The message `id` in `lang`, falling back to English, then to the id itself so a missing
/// message is visible rather than blank.
pub fn t(lang: Lang, id: &str) -> String {
    lookup(lang, id, None)
        .or_else(|| lookup(Lang::En, id, None))
        .unwrap_or_else(|| id.to_string())
}

/// A message with arguments, e.g. `t_args(lang, "accounts-matching", &[("count", 3.into())])`.
pub fn t_args(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Str(s) => fa.set(*k, FluentValue::from(s.clone())),
            Arg::Num(n) => fa.set(*k, FluentValue::from(*n)),
            Arg::Msg(id) => fa.set(*k, FluentValue::from(t(lang, id))),
        }
    }
    lookup(lang, id, Some(&fa))
        .or_else(|| lookup(Lang::En, id, Some(&fa)))
        .unwrap_or_else(|| id.to_string())
}

#[derive(Debug, Clone)]
pub enum Arg {
    Str(String),
    Num(i64),
    /// Another message, put into words in the same language (a reason inside a sentence).
    Msg(&'static str),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}
impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Self {
        Arg::Str(p.display().to_string())
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Self {
        Arg::Str(p.display().to_string())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as i64)
    }
}

/// The label of an enumeration code, e.g. `("category", "key")` → 重要客户.
pub fn enum_label(lang: Lang, prefix: &str, code: &str) -> String {
    t(lang, &format!("{prefix}-{code}"))
}

/// The label of a field: `field-<table>-<key>` when a section names it differently, else
/// `field-<key>`.
pub fn field_label(lang: Lang, table: &str, key: &str) -> String {
    let specific = format!("field-{table}-{key}");
    if has(lang, &specific) || has(Lang::En, &specific) {
        t(lang, &specific)
    } else {
        t(lang, &format!("field-{key}"))
    }
}

/// Every message id of a language, to check the files stay in step.
pub fn ids(lang: Lang) -> Vec<String> {
    let src = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, s)| *s)
        .unwrap_or("");
    src.lines()
        .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
        .filter_map(|l| l.split(" =").next())
        .map(|s| s.trim().to_string())
        .collect()
}

/// An error that is a message: raised below the interface, where the reader's language is
/// not known, and put into words only when it is shown (`error::sentence_in`). Without a
/// language (a log, a test's `to_string`) it reads in English.
#[derive(Debug, Clone)]
pub struct Said {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Said {
    pub fn new(id: &'static str) -> Said {
        Said { id, args: vec![] }
    }

    /// Adds one argument of the message.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Said {
        self.args.push((name, value.into()));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// A file that cannot be opened, said plainly: not there, not allowed, a folder, else
    /// the system's own words (`file-*` messages).
    pub fn cannot_read(path: &std::path::Path, e: &std::io::Error) -> Said {
        use std::io::ErrorKind;
        let id = match e.kind() {
            ErrorKind::NotFound => "file-not-found",
            ErrorKind::PermissionDenied => "file-not-allowed",
            ErrorKind::IsADirectory => "file-is-folder",
            _ => "file-cannot-read",
        };
        Said::new(id)
            .with("path", path)
            .with("reason", e.to_string())
    }

    pub fn in_lang(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = self.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        t_args(lang, self.id, &args)
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

impl std::error::Error for Said {}

#[cfg(test)]
mod said_tests {
    use super::*;

    #[test]
    fn a_said_error_reads_in_the_language_it_is_shown_in() {
        let e = Said::new("store-no-database").with("file", "/x/kam.db");
        assert!(e
            .to_string()
            .starts_with("there is no kam database at /x/kam.db"));
        assert!(e.in_lang(Lang::Zh).contains("/x/kam.db"));
        assert!(
            e.in_lang(Lang::Zh).contains("没有 kam 数据库"),
            "{}",
            e.in_lang(Lang::Zh)
        );
    }
}
