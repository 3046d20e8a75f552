//! Encryption at rest (SQLCipher): `kam encrypt`, `decrypt`, `rekey`; the passphrase from
//! KAM_PASSPHRASE; a missing or wrong one is one sentence and SQLCipher says nothing else;
//! backups of an encrypted database stay encrypted.

mod common;

use common::*;
use std::process::{Command, Output};

fn kam_with(db: &std::path::Path, pass: Option<&str>, new: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kam"));
    c.arg("--db").arg(db).args(args);
    c.env_remove("KAM_PASSPHRASE")
        .env_remove("KAM_NEW_PASSPHRASE")
        .env("LANG", "en_US.UTF-8");
    if let Some(p) = pass {
        c.env("KAM_PASSPHRASE", p);
    }
    if let Some(n) = new {
        c.env("KAM_NEW_PASSPHRASE", n);
    }
    c.output().unwrap()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn book() -> TempDb {
    let db = TempDb::new();
    let mut s = db.writer();
    fill(&mut s);
    drop(s);
    db
}

#[test]
fn an_encrypted_database_holds_no_readable_text_and_needs_its_passphrase() {
    let db = book();
    assert!(
        contains(&std::fs::read(&db.path).unwrap(), "福州宏达"),
        "plain before"
    );
    let o = kam_with(&db.path, None, Some("correct horse"), &["encrypt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&db.path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(
        !contains(&bytes, "福州宏达"),
        "no customer name readable in the file"
    );

    let line = assert_one_error_line(&kam_with(&db.path, None, None, &["search", "fz"]));
    assert!(
        line.contains("encrypted") && line.contains("KAM_PASSPHRASE"),
        "{line}"
    );
    let line = assert_one_error_line(&kam_with(
        &db.path,
        Some("wrong horse"),
        None,
        &["search", "fz"],
    ));
    assert!(line.contains("passphrase is wrong"), "{line}");
    let o = kam_with(&db.path, Some("correct horse"), None, &["search", "福州"]);
    assert!(
        o.status.success() && stdout(&o).contains("C000777"),
        "{}",
        stderr(&o)
    );
    // A save works, and the file stays encrypted.
    let o = kam_with(
        &db.path,
        Some("correct horse"),
        None,
        &["import", "tests/fixtures/import/customers_zh_utf8.csv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!contains(&std::fs::read(&db.path).unwrap(), "华为技术"));
}

#[test]
fn backups_of_an_encrypted_database_stay_encrypted() {
    let db = book();
    assert!(
        kam_with(&db.path, None, Some("correct horse"), &["encrypt"])
            .status
            .success()
    );
    let backup = db.file("copy.db");
    let o = kam_with(
        &db.path,
        Some("correct horse"),
        None,
        &["backup", backup.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&backup).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3") && !contains(&bytes, "福州宏达"));
    let o = kam_with(&backup, Some("correct horse"), None, &["check"]);
    assert!(
        o.status.success() && stdout(&o).contains("integrity: ok"),
        "{}",
        stderr(&o)
    );
    assert_one_error_line(&kam_with(&backup, None, None, &["check"]));
}

#[test]
fn rekey_changes_the_passphrase_and_decrypt_undoes_encryption() {
    let db = book();
    assert!(kam_with(&db.path, None, Some("first phrase"), &["encrypt"])
        .status
        .success());
    let line = assert_one_error_line(&kam_with(
        &db.path,
        Some("first phrase"),
        Some("short"),
        &["rekey"],
    ));
    assert!(line.contains("fewer than 8"), "{line}");
    let o = kam_with(
        &db.path,
        Some("first phrase"),
        Some("second phrase"),
        &["rekey"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_one_error_line(&kam_with(
        &db.path,
        Some("first phrase"),
        None,
        &["search", "fz"],
    ));
    assert!(
        kam_with(&db.path, Some("second phrase"), None, &["search", "fz"])
            .status
            .success()
    );
    let o = kam_with(&db.path, Some("second phrase"), None, &["decrypt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&db.path)
        .unwrap()
        .starts_with(b"SQLite format 3"));
    let o = kam_with(&db.path, None, None, &["search", "福州"]);
    assert!(
        o.status.success() && stdout(&o).contains("C000777"),
        "{}",
        stderr(&o)
    );
    // Encrypting twice, or decrypting a plain file, is refused.
    let line = assert_one_error_line(&kam_with(&db.path, None, None, &["decrypt"]));
    assert!(line.contains("not encrypted"), "{line}");
}
