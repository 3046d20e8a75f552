//! A database error in plain words: one sentence a person can act on, instead of SQLite's
//! code and message, in the reader's language.

use crate::i18n::{t, Arg, Lang};

/// One sentence for a database error a person can act on, in English.
pub fn describe(e: &rusqlite::Error) -> String {
    describe_in(Lang::En, e)
}

/// One sentence for a database error a person can act on, in `lang`. An error without a
/// plain description keeps SQLite's own words (they name what went wrong, if tersely).
pub fn describe_in(lang: Lang, e: &rusqlite::Error) -> String {
    match describe_id(e) {
        Some(id) => t(lang, id),
        None => e.to_string(),
    }
}

/// The description as a message argument, for a sentence raised where the reader's language
/// is not known yet.
pub fn describe_arg(e: &rusqlite::Error) -> Arg {
    match describe_id(e) {
        Some(id) => Arg::Msg(id),
        None => Arg::Str(e.to_string()),
    }
}

fn describe_id(e: &rusqlite::Error) -> Option<&'static str> {
    use rusqlite::ErrorCode::*;
    Some(match e.sqlite_error_code() {
        Some(DatabaseBusy) | Some(DatabaseLocked) => "db-busy",
        Some(DiskFull) => "db-disk-full",
        Some(NotADatabase) => "db-not-a-database",
        Some(DatabaseCorrupt) => "db-damaged",
        Some(ReadOnly) => "db-read-only",
        Some(CannotOpen) => "db-cannot-open",
        Some(PermissionDenied) => "db-permission-denied",
        Some(SystemIoFailure) => "db-io-failure",
        _ => return None,
    })
}
