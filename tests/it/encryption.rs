//! Encryption at rest (SQLCipher 4 format): `kam encrypt`, `decrypt`, `rekey`; the passphrase from
//! KAM_PASSPHRASE; a missing or wrong one is one sentence and the cipher says nothing else;
//! backups of an encrypted database stay encrypted.

use crate::support::*;
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

// ---------- interrupted work (issue 14, cases 8 and 9) ----------

fn encrypted_book(phrase: &str) -> TempDb {
    let db = book();
    let o = kam_with(&db.path, None, Some(phrase), &["encrypt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

/// Every file in the book's folder, by name.
fn files_in(db: &TempDb) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What `kam check` says of the book: integrity and every table's counts.
fn check_report(db: &TempDb, phrase: Option<&str>) -> String {
    let o = kam_with(&db.path, phrase, None, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// The book opens with `phrase`, healthy, with every record it held before (`before`: what
/// `kam check` said then); `other` does not open it.
fn opens_with_only(db: &TempDb, phrase: Option<&str>, other: Option<&str>, before: &str) {
    // `kam check` as before: healthy (integrity, the note index, the finder's records) and
    // every table's counts. (Each opening derives the key anew: 256,000 rounds of PBKDF2.)
    assert!(before.contains("integrity: ok"), "{before}");
    assert_eq!(check_report(db, phrase), before, "all the data is there");
    let o = kam_with(&db.path, phrase, None, &["search", "福州"]);
    assert!(
        o.status.success() && stdout(&o).contains("C000777"),
        "opens with {phrase:?}: {}",
        stderr(&o)
    );
    if other.is_some() {
        let line = assert_one_error_line(&kam_with(&db.path, other, None, &["search", "福州"]));
        assert!(line.contains("passphrase is wrong"), "{line}");
    }
}

#[test]
fn a_rekey_killed_at_any_point_leaves_the_book_under_one_passphrase_whole() {
    // Before the new copy replaces the book: the old passphrase; after: the new one.
    for (point, now, not) in [
        ("rekey-started", "first phrase", "second phrase"),
        ("rekey-copied", "first phrase", "second phrase"),
        ("rekey-replaced", "second phrase", "first phrase"),
    ] {
        let db = encrypted_book("first phrase");
        let before = check_report(&db, Some("first phrase"));
        let mut c = Command::new(env!("CARGO_BIN_EXE_kam"));
        c.arg("--db")
            .arg(&db.path)
            .arg("rekey")
            .env("LANG", "en_US.UTF-8")
            .env("KAM_PASSPHRASE", "first phrase")
            .env("KAM_NEW_PASSPHRASE", "second phrase")
            .env("KAM_TEST_KILL_AT", point);
        let o = c.output().unwrap();
        assert!(!o.status.success(), "{point}: the rekey was killed");
        opens_with_only(&db, Some(now), Some(not), &before);
        let left = files_in(&db);
        assert!(
            !left.iter().any(|f| f.contains("kam-rekey")),
            "{point}: the half-made copy is gone after the next start: {left:?}"
        );
    }
}

#[test]
fn a_decrypt_killed_or_stopped_leaves_no_plain_copy_and_the_book_encrypted() {
    for (var, point) in [
        ("KAM_TEST_KILL_AT", "rekey-copied"),
        ("KAM_TEST_TERM_AT", "rekey-started"),
        ("KAM_TEST_TERM_AT", "rekey-copied"),
    ] {
        let db = encrypted_book("first phrase");
        let before = check_report(&db, Some("first phrase"));
        let mut c = Command::new(env!("CARGO_BIN_EXE_kam"));
        c.arg("--db")
            .arg(&db.path)
            .arg("decrypt")
            .env("LANG", "en_US.UTF-8")
            .env("KAM_PASSPHRASE", "first phrase")
            .env(var, point);
        let o = c.output().unwrap();
        if var == "KAM_TEST_TERM_AT" {
            // Stopped cleanly: one sentence, the copy removed at once.
            let line = assert_one_error_line(&o);
            assert!(line.contains("interrupted"), "{point}: {line}");
            assert!(
                !files_in(&db).iter().any(|f| f.contains("kam-rekey")),
                "{point}: {:?}",
                files_in(&db)
            );
        } else {
            assert!(!o.status.success(), "{point}: the decrypt was killed");
        }
        opens_with_only(&db, Some("first phrase"), Some("wrong phrase"), &before);
        for f in files_in(&db) {
            let bytes = std::fs::read(db.dir.path().join(&f)).unwrap();
            assert!(
                !contains(&bytes, "福州宏达"),
                "{var}={point}: {f} holds a customer's name in plain text"
            );
        }
    }
}

#[test]
fn a_plain_copy_left_by_a_killed_decrypt_is_removed_at_a_start_without_the_passphrase() {
    for phrase in [None, Some("wrong phrase")] {
        let db = encrypted_book("first phrase");
        let mut c = Command::new(env!("CARGO_BIN_EXE_kam"));
        c.arg("--db")
            .arg(&db.path)
            .arg("decrypt")
            .env("LANG", "en_US.UTF-8")
            .env("KAM_PASSPHRASE", "first phrase")
            .env("KAM_TEST_KILL_AT", "rekey-copied");
        assert!(!c.output().unwrap().status.success(), "killed");
        assert!(
            files_in(&db).iter().any(|f| f.ends_with("kam-rekey")),
            "the kill left the plain copy: {:?}",
            files_in(&db)
        );
        // A start that never gets the right passphrase (a script without it, a slip).
        assert_one_error_line(&kam_with(&db.path, phrase, None, &["search", "福州"]));
        for f in files_in(&db) {
            assert!(!f.contains("kam-rekey"), "{phrase:?}: {f} is left");
            let bytes = std::fs::read(db.dir.path().join(&f)).unwrap();
            assert!(
                !contains(&bytes, "福州宏达"),
                "{phrase:?}: {f} is plain text"
            );
        }
    }
}

/// Every file of the book's folder but `except` holds no customer name in plain text.
fn nothing_plain_beside(db: &TempDb, except: &str) {
    for f in files_in(db) {
        let bytes = std::fs::read(db.dir.path().join(&f)).unwrap();
        assert!(
            f == except || !contains(&bytes, "福州宏达"),
            "{f} holds a customer's name in plain text"
        );
    }
}

fn count_replaced(db: &TempDb) -> usize {
    files_in(db)
        .iter()
        .filter(|f| f.contains("replaced"))
        .count()
}

#[test]
fn a_backup_restored_across_encryption_takes_the_book_s_encryption() {
    let db = book();
    let plain_backup = db.file("pbk.db");
    let o = kam_with(
        &db.path,
        None,
        None,
        &["backup", plain_backup.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let before = check_report(&db, None);
    let o = kam_with(&db.path, None, Some("passphrase1"), &["encrypt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A backup from before `encrypt`, into the book encrypted since: restored, and the book
    // stays encrypted under its passphrase.
    let o = kam_with(
        &db.path,
        Some("passphrase1"),
        None,
        &["restore", plain_backup.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count_replaced(&db), 1);
    nothing_plain_beside(&db, "pbk.db");
    opens_with_only(&db, Some("passphrase1"), Some("wrong phrase"), &before);
    assert!(!files_in(&db).iter().any(|f| f.contains("kam-rekey")));

    // An encrypted backup into the book decrypted since: restored, the book stays plain.
    let encrypted_backup = db.file("ebk.db");
    let o = kam_with(
        &db.path,
        Some("passphrase1"),
        None,
        &["backup", encrypted_backup.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kam_with(&db.path, Some("passphrase1"), None, &["decrypt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Without its passphrase, or with a wrong one: one sentence, nothing changed or left.
    for phrase in [None, Some("wrong phrase")] {
        let book_before = std::fs::read(&db.path).unwrap();
        let line = assert_one_error_line(&kam_with(
            &db.path,
            phrase,
            None,
            &["restore", encrypted_backup.to_str().unwrap()],
        ));
        assert!(line.contains("ebk.db"), "{line}");
        assert_eq!(count_replaced(&db), 1, "{phrase:?}: nothing kept");
        assert_eq!(std::fs::read(&db.path).unwrap(), book_before);
    }
    let o = kam_with(
        &db.path,
        Some("passphrase1"),
        None,
        &["restore", encrypted_backup.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count_replaced(&db), 2);
    assert!(std::fs::read(&db.path)
        .unwrap()
        .starts_with(b"SQLite format 3\0"));
    opens_with_only(&db, None, None, &before);
    assert!(!files_in(&db).iter().any(|f| f.contains("kam-rekey")));
}

/// The files of an encrypted book caught in the middle of a write in rollback-journal mode
/// (as a kill leaves them when a writer switches such a file to WAL): the database with some
/// pages already changed and the hot journal holding the originals.
fn crash_image_with_hot_journal(db: &TempDb, phrase: &str) -> std::path::PathBuf {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.pragma_update(None, "key", phrase).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    conn.pragma_update(None, "cache_size", 10).unwrap();
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         UPDATE accounts SET name = 'half-written';
         CREATE TABLE scratch(x);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
         INSERT INTO scratch SELECT randomblob(1000) FROM n;",
    )
    .unwrap();
    let image = db.file("image.db");
    std::fs::copy(&db.path, &image).unwrap();
    let journal = format!("{}-journal", db.path.display());
    assert!(
        std::fs::metadata(&journal).unwrap().len() > 0,
        "the journal is hot"
    );
    std::fs::copy(&journal, format!("{}-journal", image.display())).unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    image
}

#[test]
fn a_hot_journal_left_by_a_kill_is_rolled_back_with_the_key_at_the_next_start() {
    let db = encrypted_book("first phrase");
    let before = check_report(&db, Some("first phrase"));
    let image = crash_image_with_hot_journal(&db, "first phrase");
    // A reading command first: it may not roll back by itself, and used to say "the
    // passphrase is wrong" whatever the passphrase.
    let o = kam_with(&image, Some("first phrase"), None, &["search", "福州"]);
    assert!(
        o.status.success() && stdout(&o).contains("C000777"),
        "{}",
        stderr(&o)
    );
    assert!(!std::path::Path::new(&format!("{}-journal", image.display())).exists());
    let o = kam_with(&image, Some("first phrase"), None, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The same report but for the first line, which names the file.
    let counts = |report: &str| report.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(
        counts(&stdout(&o)),
        counts(&before),
        "rolled back to the book as it was"
    );
    let line = assert_one_error_line(&kam_with(&image, Some("wrong phrase"), None, &["check"]));
    assert!(line.contains("passphrase is wrong"), "{line}");
}

#[test]
fn a_wrong_passphrase_typed_at_the_terminal_is_asked_again_up_to_three_times() {
    // `unlock` sets the process's passphrase: held, and cleared at the end.
    let _passphrase = Passphrase::set(None);
    let db = encrypted_book("first phrase");
    let mut typed = ["frist phrase", "first phrse", "first phrase"].into_iter();
    let mut asked = 0;
    kam::cli::unlock(kam::i18n::Lang::En, &db.path, |attempt| {
        asked += 1;
        assert_eq!(attempt, asked);
        Ok(typed.next().unwrap().to_string())
    })
    .unwrap();
    assert_eq!(asked, 3, "asked again after each slip");
    assert!(kam::store::Store::open(&db.path, kam::store::Access::Read).is_ok());
    let mut asked = 0;
    let err = kam::cli::unlock(kam::i18n::Lang::En, &db.path, |_| {
        asked += 1;
        Ok("wrong horse".into())
    })
    .unwrap_err();
    assert_eq!(asked, 3);
    let line = kam::cli::sentence(&err);
    assert!(line.contains("passphrase is wrong"), "{line}");
    // Esc at the prompt gives up at once.
    let err = kam::cli::unlock(kam::i18n::Lang::En, &db.path, |_| {
        anyhow::bail!("no passphrase given")
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "no passphrase given");
}

/// A Chinese rep meets the encryption commands' sentences in Chinese: the ones a script sees
/// (no terminal, a short or missing new passphrase, encrypt twice) and the wrong passphrase
/// typed three times. English is kept by the tests above.
#[test]
fn the_encryption_sentences_are_in_chinese_with_lang_zh() {
    let db = book();
    let zh = |pass: Option<&str>, new: Option<&str>, args: &[&str]| {
        let mut all = vec!["--lang", "zh"];
        all.extend_from_slice(args);
        kam_with(&db.path, pass, new, &all)
    };
    let line = assert_one_error_line(&zh(None, Some("short"), &["encrypt"]));
    assert!(line.contains("新密码少于 8 个字符"), "{line}");
    let line = assert_one_error_line(&zh(None, None, &["encrypt"]));
    assert!(line.contains("请设置 KAM_NEW_PASSPHRASE"), "{line}");
    let o = zh(None, Some("first phrase"), &["encrypt"]);
    assert!(
        stdout(&o).contains("已加密；kam 会询问密码"),
        "{}",
        stdout(&o)
    );
    let line = assert_one_error_line(&zh(
        Some("first phrase"),
        Some("second phrase"),
        &["encrypt"],
    ));
    assert!(
        line.contains("已经加密；要更换密码请用 kam rekey"),
        "{line}"
    );
    // No passphrase and no terminal: a script is told what to set, in Chinese.
    let line = assert_one_error_line(&zh(None, None, &["check"]));
    assert!(line.contains("请设置 KAM_PASSPHRASE"), "{line}");
    let o = zh(Some("first phrase"), None, &["decrypt"]);
    assert!(stdout(&o).contains("已取消加密"), "{}", stdout(&o));

    let _passphrase = Passphrase::set(None);
    let db = encrypted_book("first phrase");
    let err =
        kam::cli::unlock(kam::i18n::Lang::Zh, &db.path, |_| Ok("wrong horse".into())).unwrap_err();
    let line = kam::cli::sentence(&err);
    assert!(line.contains("密码不对（已试 3 次）"), "{line}");
    assert!(line.contains("没有任何改动"), "{line}");
}

// ---------- the format: SQLCipher 4, books of earlier kams ----------

/// The passphrase of tests/fixtures/encrypted/sqlcipher4.db (see the README there).
const FIXTURE_PHRASE: &str = "correct horse 电池 staple";

/// A copy of the book an earlier kam encrypted with SQLCipher 4 (opening may upgrade it).
fn sqlcipher_book() -> TempDb {
    let db = TempDb::new();
    std::fs::copy("tests/fixtures/encrypted/sqlcipher4.db", &db.path).unwrap();
    db
}

#[test]
fn a_book_encrypted_by_sqlcipher_opens_unchanged() {
    let db = sqlcipher_book();
    let o = kam_with(&db.path, Some(FIXTURE_PHRASE), None, &["search", ""]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "C000001\tMaple Leaf Trading Inc\tDaniel Turner\t+1 212-555-0115\n\
         C000002\tLionheart Manufacturing Inc\tSimon Scott\t+1 503-555-0170\n\
         C000003\t九字（苏州）医疗器械有限公司\t胡然\t133 4898 6137\n\
         C000004\tAnderson Tooling Inc\tSimon Bailey\t+1 503-555-0136\n\
         C000005\tMoore & Moore Co.\tNathan Reed\t+1 612-555-0148\n"
    );
    let report = check_report(&db, Some(FIXTURE_PHRASE));
    assert!(
        report.contains("integrity: ok") && report.contains("contacts\t14\t"),
        "{report}"
    );
    let line = assert_one_error_line(&kam_with(
        &db.path,
        Some("correct horse"),
        None,
        &["search", ""],
    ));
    assert!(line.contains("passphrase is wrong"), "{line}");
    // Written to, and under a new passphrase, it still holds every record.
    let o = kam_with(
        &db.path,
        Some(FIXTURE_PHRASE),
        Some("second phrase"),
        &["rekey"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(check_report(&db, Some("second phrase")), report);
    let line = assert_one_error_line(&kam_with(
        &db.path,
        Some(FIXTURE_PHRASE),
        None,
        &["search", ""],
    ));
    assert!(line.contains("passphrase is wrong"), "{line}");
}

#[test]
fn a_book_kam_encrypts_is_sqlcipher_4() {
    // What a user who opens the book with SQLCipher's own tools gets: its fourth version's
    // settings, named outright here (a build whose default scheme were another refuses them).
    let db = encrypted_book("first phrase");
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch(
        "PRAGMA cipher = 'sqlcipher'; PRAGMA legacy = 4; PRAGMA kdf_iter = 256000;
         PRAGMA key = 'first phrase';",
    )
    .unwrap();
    let accounts: i64 = conn
        .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
        .unwrap();
    assert!(accounts > 0);
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, 4096);
}
