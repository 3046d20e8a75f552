//! Files that are not kam databases are refused without being touched; kam's own files are
//! owner-only; backups are real, checkable databases.

use crate::support::*;
use kam::store::{Access, Store};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Deterministic "random" bytes (no rand crate needed), never starting with the SQLite magic.
fn garbage(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// A kam database with data, checkpointed into the main file (no -wal left).
fn real_database(db: &TempDb) {
    let mut store = db.writer();
    fill(&mut store);
    for i in 0..30 {
        let mut a = sample_account("");
        a.name = format!("公司 {i}");
        store.insert(&mut a).unwrap();
    }
    drop(store);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
}

/// `Store::open` (as writer and as reader) and `kam check` each refuse `path` with a sentence
/// containing `expect`, and leave it byte for byte as it was.
fn assert_refused(path: &Path, expect: &str) {
    // With a passphrase set (by another test of this process), the cipher would judge the bytes.
    let _passphrase = Passphrase::set(None);
    let before = std::fs::read(path).unwrap();
    for access in [Access::Write, Access::Read] {
        let err = Store::open(path, access)
            .err()
            .unwrap_or_else(|| panic!("{access:?} opened {path:?}"));
        let text = kam::cli::sentence(&err);
        assert!(
            text.contains(expect),
            "{access:?}: {text:?} should say {expect:?}"
        );
        assert!(
            text.contains(&path.display().to_string()),
            "names the file: {text}"
        );
        assert_eq!(
            std::fs::read(path).unwrap(),
            before,
            "{access:?} left {path:?} unchanged"
        );
    }
    for args in [
        &["check"][..],
        &["search", "x"],
        &["export"],
        &["history", "C1"],
        &["demo", "--accounts", "1"],
    ] {
        let out = kam_db(path, args);
        let line = assert_one_error_line(&out);
        assert!(line.contains(expect), "kam {args:?}: {line}");
        assert!(
            out.stdout.is_empty(),
            "kam {args:?} printed {:?}",
            stdout(&out)
        );
        assert_eq!(
            std::fs::read(path).unwrap(),
            before,
            "kam {args:?} left {path:?} unchanged"
        );
    }
    let wal = format!("{}-wal", path.display());
    assert!(
        !Path::new(&wal).exists(),
        "no -wal file was left beside {path:?}"
    );
}

#[test]
fn random_bytes_are_refused() {
    let db = TempDb::new();
    std::fs::write(&db.path, garbage(8192)).unwrap();
    assert_refused(&db.path, "is not a kam database (it is not an SQLite file)");
}

#[test]
fn a_text_file_is_refused() {
    let db = TempDb::new();
    std::fs::write(&db.path, "客户名单\nC000001,宏达机械,张三,13800138000\n").unwrap();
    assert_refused(&db.path, "is not a kam database (it is not an SQLite file)");
    // Also a text file longer than the SQLite header.
    std::fs::write(&db.path, "name,phone\n".repeat(100)).unwrap();
    assert_refused(&db.path, "is not a kam database");
}

#[test]
fn a_truncated_kam_database_is_refused() {
    let db = TempDb::new();
    real_database(&db);
    let len = std::fs::metadata(&db.path).unwrap().len();
    assert!(len >= 8 * 4096, "enough pages to cut: {len}");
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&db.path)
        .unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    assert_refused(&db.path, "is damaged: it is shorter than its header says");
}

#[test]
fn a_foreign_sqlite_database_is_refused() {
    let db = TempDb::new();
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.execute_batch(
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
             INSERT INTO moz_places (url) VALUES ('https://example.com');",
        )
        .unwrap();
    }
    assert_refused(
        &db.path,
        "is an SQLite database of another program, not kam's",
    );

    // One with an application id of its own is refused from its header alone.
    let other = TempDb::new();
    {
        let conn = rusqlite::Connection::open(&other.path).unwrap();
        conn.execute_batch("PRAGMA application_id = 1234; CREATE TABLE t (x);")
            .unwrap();
    }
    assert_refused(
        &other.path,
        "is an SQLite database of another program, not kam's",
    );
}

#[test]
fn a_directory_is_refused() {
    let db = TempDb::new();
    std::fs::create_dir(&db.path).unwrap();
    for access in [Access::Write, Access::Read] {
        let err = kam::cli::sentence(
            &Store::open(&db.path, access)
                .err()
                .expect("a directory is refused"),
        );
        assert!(err.contains("is a directory"), "{err}");
    }
    let line = assert_one_error_line(&kam_db(&db.path, &["check"]));
    assert!(line.contains("is a directory"), "{line}");
}

#[test]
fn an_empty_file_is_left_empty_by_a_reader_and_becomes_a_kam_database_for_a_writer() {
    let db = TempDb::new();
    std::fs::write(&db.path, b"").unwrap();
    // A reading command never writes: not even a schema into an empty file.
    for args in [&["check"][..], &["search", "x"][..]] {
        let line = assert_one_error_line(&kam_db(&db.path, args));
        assert!(line.contains("is empty"), "{args:?}: {line}");
        assert!(line.contains(&db.path.display().to_string()), "{line}");
        assert_eq!(std::fs::metadata(&db.path).unwrap().len(), 0, "{args:?}");
    }
    let err = Store::open(&db.path, Access::Read).err().expect("refused");
    assert!(kam::cli::sentence(&err).contains("is empty"));
    assert_eq!(std::fs::metadata(&db.path).unwrap().len(), 0);
    let out = kam_db(&db.path, &["demo", "--accounts", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = kam_db(&db.path, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("ok\n"));
}

// ---------- owner-only files ----------

#[test]
fn new_databases_and_their_side_files_are_owner_only() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    assert_eq!(mode(&db.path), 0o600, "the database");
    assert_eq!(mode(&db.file("kam.db-wal")), 0o600, "the write-ahead log");
    assert_eq!(
        mode(&db.file("kam.db-shm")),
        0o600,
        "the shared-memory index"
    );
    assert_eq!(mode(&db.file("kam.db.lock")), 0o600, "the writer lock");
    drop(store);

    // Also in a directory kam creates itself, through a writing command.
    let nested = db.dir.path().join("new/dir/kam.db");
    let out = kam_db(&nested, &["demo", "--accounts", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&nested), 0o600);
    assert_eq!(
        mode(nested.parent().unwrap()),
        0o700,
        "a directory kam creates is owner-only"
    );
}

#[test]
fn a_writer_makes_an_existing_book_and_its_side_files_owner_only() {
    let db = TempDb::new();
    // A book made by hand (`: > kam.db`) with the usual umask: readable by everyone.
    std::fs::write(&db.path, b"").unwrap();
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = kam_db(&db.path, &["demo", "--accounts", "5"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&db.path), 0o600, "the database");
    // A book opened to others by an older kam or a copy, with side files left beside it.
    for (name, m) in [
        ("kam.db", 0o664),
        ("kam.db-wal", 0o644),
        ("kam.db-journal", 0o666),
    ] {
        let p = db.file(name);
        if !p.exists() {
            std::fs::write(&p, b"").unwrap();
        }
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(m)).unwrap();
    }
    let store = db.writer();
    for name in ["kam.db", "kam.db-wal", "kam.db-shm"] {
        assert_eq!(mode(&db.file(name)), 0o600, "{name}");
    }
    drop(store);
    if db.file("kam.db-journal").exists() {
        assert_eq!(mode(&db.file("kam.db-journal")), 0o600, "the journal");
    }
    let out = kam_db(&db.path, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn backups_are_owner_only_and_pass_the_check_with_the_same_counts() {
    let db = TempDb::new();
    real_database(&db);
    // Also while a writer holds the database, with uncommitted-to-main-file WAL content.
    let mut writer = db.writer();
    let id = writer.insert(&mut sample_account("C009999")).unwrap();
    writer.insert(&mut sample_report(id)).unwrap();
    writer
        .delete(kam::domain::RecordKind::VisitReport, 1)
        .unwrap();

    let backup = db.file("backup.db");
    let out = kam_db(&db.path, &["backup", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("backup written to"));
    assert_eq!(mode(&backup), 0o600);
    assert!(
        !db.file("backup.db-wal").exists(),
        "a backup is one plain file"
    );

    let original = kam_db(&db.path, &["check"]);
    let copy = kam_db(&backup, &["check"]);
    assert_eq!(original.status.code(), Some(0), "{}", stderr(&original));
    assert_eq!(copy.status.code(), Some(0), "{}", stderr(&copy));
    let counts = |o: &std::process::Output| -> Vec<String> {
        stdout(o)
            .lines()
            .filter(|l| !l.starts_with("database:"))
            .map(String::from)
            .collect()
    };
    assert_eq!(counts(&copy), counts(&original));
    assert!(
        counts(&copy)
            .iter()
            .any(|l| l == "accounts\t32\t0 in trash"),
        "{:?}",
        counts(&copy)
    );
    assert!(
        counts(&copy)
            .iter()
            .any(|l| l == "visit_reports\t1\t1 in trash"),
        "{:?}",
        counts(&copy)
    );

    // The copy opens as kam's own and holds the same data.
    drop(writer);
    let b = Store::open(&backup, Access::Read).unwrap();
    assert_eq!(
        b.account_by_code("C009999").unwrap().unwrap().name,
        "福州宏达机械制造有限公司"
    );

    // An existing file is never overwritten.
    let before = std::fs::read(&backup).unwrap();
    let line = assert_one_error_line(&kam_db(&db.path, &["backup", backup.to_str().unwrap()]));
    assert!(line.contains("already exists"), "{line}");
    assert_eq!(std::fs::read(&backup).unwrap(), before);
    // A missing directory is named.
    let nowhere = db.file("no/such/dir/b.db");
    let line = assert_one_error_line(&kam_db(&db.path, &["backup", nowhere.to_str().unwrap()]));
    assert!(line.contains("does not exist"), "{line}");
}

#[test]
fn check_passes_a_healthy_database() {
    let db = TempDb::new();
    real_database(&db);
    let out = kam_db(&db.path, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("integrity: ok\n"), "{text}");
    assert!(text.contains(&format!(
        "schema version: {0} (this kam: {0})",
        kam::store::migrations::current_version()
    )));
    assert!(text.contains("foreign key problems: 0\n"));
    assert!(text.contains("contacts\t1\t0 in trash\n"), "{text}");
    assert!(text.ends_with("ok\n"));
}

#[test]
fn check_fails_a_damaged_database() {
    let db = TempDb::new();
    real_database(&db);
    // Overwrite the middle of the file (whole pages, past the header) with garbage.
    let mut bytes = std::fs::read(&db.path).unwrap();
    let page = 4096;
    let start = (bytes.len() / page / 2) * page;
    bytes[start..start + 2 * page].copy_from_slice(&garbage(2 * page));
    std::fs::write(&db.path, &bytes).unwrap();
    let out = kam_db(&db.path, &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read(&db.path).unwrap(),
        bytes,
        "check does not change the file"
    );
}

// ---------- permissions ----------

/// Root ignores file permissions, so tests of them only mean something for other users.
fn permissions_apply(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let ok = std::fs::write(&probe, b"x").is_err();
    let _ = std::fs::remove_file(&probe);
    ok
}

#[test]
fn a_read_only_directory_gives_a_clear_error() {
    let db = TempDb::new();
    let dir = db.dir.path().join("locked");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let path = dir.join("kam.db");
    let applies = permissions_apply(&dir);
    let out = kam_db(&path, &["demo", "--accounts", "1"]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    if applies {
        let line = assert_one_error_line(&out);
        assert!(line.contains("permission denied"), "{line}");
        assert!(line.contains(&dir.display().to_string()), "{line}");
        assert!(!path.exists());
    } else {
        eprintln!("running as root: permissions are not enforced, skipping the assertion");
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn an_unreadable_file_gives_a_clear_error() {
    let db = TempDb::new();
    real_database(&db);
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&db.path).is_ok() {
        eprintln!("running as root: permissions are not enforced, skipping");
    } else {
        let line = assert_one_error_line(&kam_db(&db.path, &["check"]));
        assert!(line.contains("permission denied"), "{line}");
    }
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn an_export_is_owner_only_even_over_a_leftover_temporary_file() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let out_file = db.file("out.json");
    let leftover = db.file(".out.json.kam-tmp");
    std::fs::write(&leftover, b"old").unwrap();
    std::fs::set_permissions(&leftover, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(&out_file, b"older").unwrap();
    std::fs::set_permissions(&out_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = kam_db(&db.path, &["export", "--out", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&out_file), 0o600);
    assert!(!leftover.exists());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(v["accounts"][0]["code"], "C000777");
}

// ---------- one writer whatever the path (issue 14, case 7) ----------

#[test]
fn a_second_path_to_the_book_does_not_make_a_second_writer() {
    let db = TempDb::new();
    real_database(&db);
    let writer = Store::open(&db.path, Access::Write).unwrap();
    // A symbolic link leads to the same file: the same lock.
    let link = db.file("link.db");
    std::os::unix::fs::symlink(&db.path, &link).unwrap();
    let line = assert_one_error_line(&kam_db(&link, &["demo", "--accounts", "1"]));
    assert!(line.contains("another kam is already writing"), "{line}");
    // A hard link cannot be followed back: a file with two names is refused, by either name.
    let alias = db.file("alias.db");
    std::fs::hard_link(&db.path, &alias).unwrap();
    for path in [&alias, &db.path] {
        let line = assert_one_error_line(&kam_db(path, &["demo", "--accounts", "1"]));
        assert!(line.contains("hard links"), "{line}");
        assert!(line.contains(&path.display().to_string()), "{line}");
    }
    drop(writer);
    std::fs::remove_file(&alias).unwrap();
    let out = kam_db(&db.path, &["check"]);
    assert!(
        out.status.success() && stdout(&out).ends_with("ok\n"),
        "the book is healthy: {}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("accounts\t31\t"), "{}", stdout(&out));
    // Through the link, as the only writer, it works.
    let out = kam_db(&link, &["demo", "--accounts", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn removing_the_lock_file_does_not_let_a_second_writer_in() {
    let db = TempDb::new();
    real_database(&db);
    let writer = Store::open(&db.path, Access::Write).unwrap();
    let lock = db.file("kam.db.lock");
    let link = db.file("link.db");
    std::os::unix::fs::symlink(&db.path, &link).unwrap();
    for path in [&db.path, &link] {
        // `rm *.lock`, or a cleaner of temporary files.
        let _ = std::fs::remove_file(&lock);
        let line = assert_one_error_line(&kam_db(path, &["demo", "--accounts", "1"]));
        assert!(
            line.contains("another kam is already writing"),
            "{path:?}: {line}"
        );
    }
    // What the reviewer ran: encrypt under a running writer.
    let _ = std::fs::remove_file(&lock);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(&db.path)
        .arg("encrypt")
        .env_remove("KAM_PASSPHRASE")
        .env("KAM_NEW_PASSPHRASE", "passphrase1")
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    let line = assert_one_error_line(&out);
    assert!(line.contains("another kam is already writing"), "{line}");
    // A second name is refused anyway.
    let alias = db.file("alias.db");
    std::fs::hard_link(&db.path, &alias).unwrap();
    let _ = std::fs::remove_file(&lock);
    let line = assert_one_error_line(&kam_db(&alias, &["demo", "--accounts", "1"]));
    assert!(line.contains("hard links"), "{line}");
    std::fs::remove_file(&alias).unwrap();
    drop(writer);
    let _ = std::fs::remove_file(&lock);
    let out = kam_db(&db.path, &["demo", "--accounts", "1"]);
    assert!(
        out.status.success(),
        "alone, a writer works: {}",
        stderr(&out)
    );
}

// ---------- paths that are not files ----------

/// Runs kam and gives up after 20 s: a command that blocks for ever fails the test instead
/// of hanging it.
fn kam_within_20s(db: &Path, args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..200 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("kam {args:?} on {db:?} did not finish");
}

#[test]
fn a_fifo_a_device_or_a_folder_is_refused_without_a_lock_beside_it() {
    let db = TempDb::new();
    let fifo = db.file("pipe.db");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for args in [&["check"][..], &["demo", "--accounts", "1"]] {
        let line = assert_one_error_line(&kam_within_20s(&fifo, args));
        assert!(line.contains("not a regular file"), "{line}");
    }
    assert!(!db.file("pipe.db.lock").exists());
    let had_lock = Path::new("/dev/null.lock").exists();
    let line = assert_one_error_line(&kam_within_20s(
        Path::new("/dev/null"),
        &["demo", "--accounts", "1"],
    ));
    assert!(line.contains("not a regular file"), "{line}");
    if !had_lock {
        let made = Path::new("/dev/null.lock").exists();
        let _ = std::fs::remove_file("/dev/null.lock");
        assert!(!made, "kam made /dev/null.lock");
    }
    let folder = db.file("folder");
    std::fs::create_dir(&folder).unwrap();
    let line = assert_one_error_line(&kam_within_20s(&folder, &["demo", "--accounts", "1"]));
    assert!(line.contains("is a directory"), "{line}");
    assert!(!db.file("folder.lock").exists(), "no folder.lock left");
}

/// Runs the real binary as the unprivileged user `nobody` (root ignores permissions), or as
/// this user when it is not root. None: not possible here.
fn kam_unprivileged(db: &Path, args: &[&str]) -> Option<std::process::Output> {
    let root =
        std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    let mut c = if root.unwrap_or(false) {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_kam"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
    };
    c.arg("--db").arg(db).args(args).env("LANG", "en_US.UTF-8");
    let out = c.output().ok()?;
    (!String::from_utf8_lossy(&out.stderr).starts_with("setpriv:")).then_some(out)
}

#[test]
fn reading_commands_work_in_a_folder_that_cannot_be_written() {
    let db = TempDb::new();
    std::fs::set_permissions(db.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = db.dir.path().join("shelf");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("kam.db");
    let inner = TempDb {
        dir: crate::support::tempdir(),
        path: path.clone(),
    };
    real_database(&inner);
    let before: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let Some(out) = kam_unprivileged(&path, &["search", "公司 1"]) else {
        eprintln!("cannot run kam as another user here; skipping");
        return;
    };
    assert!(
        out.status.success() && stdout(&out).contains("公司 1"),
        "search: {}",
        stderr(&out)
    );
    let out = kam_unprivileged(&path, &["check"]).unwrap();
    assert!(out.status.success(), "check: {}", stderr(&out));
    // Writing is refused with a sentence naming the folder's permission.
    let line =
        assert_one_error_line(&kam_unprivileged(&path, &["demo", "--accounts", "1"]).unwrap());
    assert!(line.contains("permission denied"), "{line}");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, before, "nothing made in the folder");
}

/// Not a test on its own: run by the test below in a child process, as "another program"
/// that reads the book with a read-write connection and closes it (as the sqlite3 shell or a
/// database browser would).
#[test]
#[ignore]
fn another_program_reads_the_book() {
    if let Some(path) = std::env::var_os("KAM_TEST_OTHER_PROGRAM_DB") {
        let conn = rusqlite::Connection::open(path).unwrap();
        let _: i64 = conn
            .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
            .unwrap();
        conn.close().unwrap();
    }
}

#[test]
fn readers_beside_the_writer_in_its_process_keep_its_wal_safe_from_other_programs() {
    // The interface opens readers beside its writer (reminders, the daily backup, grades).
    // Reading the file's header with a descriptor of its own and closing it dropped every
    // POSIX lock the process held on the file, SQLite's shared lock included: another
    // program's connection closing then took itself for the last one, checkpointed and
    // deleted the WAL under the writer, whose later saves went to a deleted file (unseen by
    // others, lost in a power cut).
    let db = TempDb::new();
    real_database(&db);
    let mut writer = db.writer();
    writer
        .insert(&mut kam::domain::Account::new("第一家"))
        .unwrap();
    // The writer's shared lock on the file, as the kernel lists it.
    let ino = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&db.path).unwrap());
    let locks = || {
        std::fs::read_to_string("/proc/locks").ok().map(|all| {
            all.lines()
                .filter(|l| l.contains(&format!(":{ino} ")))
                .count()
        })
    };
    let before = locks();
    let reader = writer.another_reader().expect("a second reader");
    // As the daily backup and the reminders open theirs.
    let daily = Store::open(&db.path, Access::Read).unwrap();
    if let Some(n) = before {
        assert!(n > 0, "the writer holds a lock on the file");
        assert_eq!(locks(), before, "the writer's lock is still held");
    }
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "another_program_reads_the_book", "--ignored"])
        .env("KAM_TEST_OTHER_PROGRAM_DB", &db.path)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", stdout(&status));
    let wal = format!("{}-wal", db.path.display());
    assert!(Path::new(&wal).exists(), "the writer's WAL is still there");
    writer
        .insert(&mut kam::domain::Account::new("第二家"))
        .unwrap();
    let out = kam_db(&db.path, &["search", "第二家"]);
    assert!(
        stdout(&out).contains("第二家"),
        "another process sees the writer's latest save: {}",
        stderr(&out)
    );
    drop((reader, daily));
}
