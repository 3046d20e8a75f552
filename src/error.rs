//! What a person reads when something fails: the chain of an error as one sentence.
//!
//! Its own module because both the command line and the interface say it, and the
//! interface must not reach up into the command line for it. It sits just above the store,
//! whose plain description of a database error it uses.

use crate::i18n::{Lang, Refusal};
use crate::store;

/// The chain of an error as one line, in English.
pub fn sentence(e: &anyhow::Error) -> String {
    sentence_in(e, Lang::En)
}

/// The chain of an error as one line; its refusals ([`Refusal`]) in `lang`.
pub fn sentence_in(e: &anyhow::Error, lang: Lang) -> String {
    let mut parts: Vec<String> = vec![];
    for cause in e.chain() {
        let db = cause.downcast_ref::<rusqlite::Error>();
        let text = match (db, cause.downcast_ref::<Refusal>()) {
            (Some(db), _) => store::describe(db),
            (None, Some(r)) => r.text(lang),
            (None, None) => cause.to_string(),
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
    parts.join(": ")
}
