//! A database error in plain words: one sentence a person can act on, instead of SQLite's
//! code and message.

/// One sentence for a database error a person can act on.
pub fn describe(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            "the database is busy (another program is writing to it)".into()
        }
        Some(DiskFull) => "the disk is full; nothing was saved".into(),
        Some(NotADatabase) => "it is not a database file".into(),
        Some(DatabaseCorrupt) => "the database file is damaged; restore it from a backup".into(),
        Some(ReadOnly) => "the database is read-only here (check the file's permissions)".into(),
        Some(CannotOpen) => {
            "it cannot be opened (does the directory exist and is it writable?)".into()
        }
        Some(PermissionDenied) => "permission denied".into(),
        Some(SystemIoFailure) => "a disk read or write failed".into(),
        _ => e.to_string(),
    }
}
