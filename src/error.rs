//! What a person reads when something fails: the chain of an error as one sentence, in the
//! reader's language.
//!
//! Its own module because both the command line and the interface say it, and the
//! interface must not reach up into the command line for it. It sits just above the store,
//! whose plain description of a database error it uses. The layers below raise their
//! sentences as `i18n::Said` (a message id and its arguments) because they do not know the
//! reader's language; they are put into words here.

use crate::domain::record::RecordKind;
use crate::domain::validate::{FieldError, Invalid, Problem};
use crate::i18n::{field_label, Lang, Said};
use crate::store;

/// The chain of an error as one line, in English (logs, tests).
pub fn sentence(e: &anyhow::Error) -> String {
    sentence_in(Lang::En, e)
}

/// The chain of an error as one line in `lang`.
pub fn sentence_in(lang: Lang, e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = vec![];
    for cause in e.chain() {
        let db = cause.downcast_ref::<rusqlite::Error>();
        let text = if let Some(db) = db {
            store::describe_in(lang, db)
        } else if let Some(said) = cause.downcast_ref::<Said>() {
            said.in_lang(lang)
        } else if let Some(problem) = cause.downcast_ref::<Problem>() {
            problem.message(lang)
        } else if let Some(field) = cause.downcast_ref::<FieldError>() {
            field_said(lang, field)
        } else if let Some(Invalid(fields)) = cause.downcast_ref::<Invalid>() {
            let parts: Vec<String> = fields.iter().map(|f| field_said(lang, f)).collect();
            parts.join(if lang == Lang::Zh { "；" } else { "; " })
        } else {
            cause.to_string()
        };
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        if matches!(db, Some(rusqlite::Error::SqliteFailure(..))) {
            // Its source is SQLite's own code and words ("Error code 13: database or disk
            // is full"), which the description above already says plainly.
            break;
        }
    }
    let separator = match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    };
    parts.join(separator)
}

/// A field's problem: in English as `FieldError` prints it ("next step date is required"),
/// in Chinese with the field's label ("下一步日期：必填").
fn field_said(lang: Lang, f: &FieldError) -> String {
    match lang {
        Lang::En => f.to_string(),
        Lang::Zh => format!("{}：{}", label(lang, f.field), f.problem.message(lang)),
    }
}

/// A field's label without knowing its record: the shared label, else the first record kind
/// that names it, else its key.
fn label(lang: Lang, key: &str) -> String {
    std::iter::once("")
        .chain(RecordKind::ALL.iter().map(|k| k.table()))
        .map(|table| field_label(lang, table, key))
        .find(|l| !l.starts_with("field-"))
        .unwrap_or_else(|| key.replace('_', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_of_said_errors_reads_wholly_in_chinese() {
        let e = anyhow::Error::new(Said::new("store-no-database").with("file", "/b/kam.db"))
            .context(Said::new("store-backup-failed").with("file", "/b/copy.db"));
        let zh = sentence_in(Lang::Zh, &e);
        assert!(!zh.is_ascii(), "{zh}");
        assert!(zh.contains("/b/kam.db"), "{zh}");
        assert!(!zh.contains("there is no"), "{zh}");
        assert!(sentence(&e).contains("there is no kam database at /b/kam.db"));
    }

    #[test]
    fn a_field_problem_reads_in_chinese() {
        let e = anyhow::Error::new(Invalid(vec![FieldError::new("mobile", Problem::Required)]));
        assert_eq!(sentence(&e), "mobile is required");
        let zh = sentence_in(Lang::Zh, &e);
        assert!(zh.ends_with("：必填"), "{zh}");
        assert!(!zh.contains("mobile"), "{zh}");
        let date = anyhow::Error::new(Problem::Date("明后天".into()));
        assert!(sentence_in(Lang::Zh, &date).contains("不是日期"));
    }

    #[test]
    fn a_database_error_is_described_in_the_readers_language() {
        let full = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        let e = anyhow::Error::new(full);
        assert_eq!(sentence(&e), "the disk is full; nothing was saved");
        assert!(sentence_in(Lang::Zh, &e).contains("磁盘已满"));
    }
}
