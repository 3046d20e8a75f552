//! Daily automatic backups (one a day, the last seven kept, owner-only) and `kam restore`,
//! which checks the backup first and keeps what it replaces.

use crate::support::*;
use kam::domain::*;
use kam::store::backups::{backup_dir, daily_backup, KEEP};
use kam::store::{Access, Store};

fn names(path: &std::path::Path) -> Vec<String> {
    Store::open(path, Access::Read)
        .unwrap()
        .all::<Account>()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect()
}

#[test]
fn one_backup_a_day_and_the_last_seven_kept() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.insert(&mut sample_account("C000001")).unwrap();
    drop(s);
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let first = daily_backup(&db.path, day(1)).unwrap().expect("a backup");
    assert_eq!(first.file_name().unwrap(), "kam-2026-11-01.db");
    assert!(
        daily_backup(&db.path, day(1)).unwrap().is_none(),
        "one a day"
    );
    assert_eq!(names(&first).len(), 1, "the copy holds the data");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&first), 0o600);
        assert_eq!(mode(&backup_dir(&db.path)), 0o700);
    }
    // A stranger's file in the folder is left alone.
    std::fs::write(backup_dir(&db.path).join("notes.txt"), "mine").unwrap();
    for d in 2..=10 {
        daily_backup(&db.path, day(d)).unwrap();
    }
    let mut left: Vec<String> = std::fs::read_dir(backup_dir(&db.path))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left.len(), KEEP + 1, "{left:?}");
    assert_eq!(left[0], "kam-2026-11-04.db", "the oldest went: {left:?}");
    assert_eq!(left[KEEP - 1], "kam-2026-11-10.db");
    assert_eq!(left[KEEP], "notes.txt");
}

#[test]
fn restore_checks_the_backup_puts_it_back_and_keeps_what_it_replaced() {
    let db = TempDb::new();
    let mut s = db.writer();
    let mut a = sample_account("C000001");
    a.name = "备份时就有的客户".into();
    s.insert(&mut a).unwrap();
    drop(s);
    let backup = db.file("b.db");
    assert!(kam_db(&db.path, &["backup", backup.to_str().unwrap()])
        .status
        .success());
    let mut s = db.writer();
    let mut later = sample_account("C000002");
    later.name = "备份之后才加的客户".into();
    later.registration_no = None;
    s.insert(&mut later).unwrap();
    drop(s);

    let o = kam_db(&db.path, &["restore", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(names(&db.path), ["备份时就有的客户"]);
    let kept: Vec<std::path::PathBuf> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "{}", stdout(&o));
    assert_eq!(
        names(&kept[0]).len(),
        2,
        "the replaced database is kept whole"
    );
    // The restored file is a working kam database: a save goes in.
    let mut s = db.writer();
    s.insert(&mut Account {
        name: "恢复后新增".into(),
        ..Default::default()
    })
    .unwrap();
}

#[test]
fn a_garbage_or_foreign_backup_is_refused_and_nothing_changes() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.insert(&mut sample_account("C000001")).unwrap();
    drop(s);
    let before = std::fs::read(&db.path).unwrap();
    let garbage = db.file("garbage.db");
    std::fs::write(&garbage, vec![7u8; 8192]).unwrap();
    let line = assert_one_error_line(&kam_db(&db.path, &["restore", garbage.to_str().unwrap()]));
    assert!(line.contains("garbage.db"), "{line}");
    let foreign = db.file("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let line = assert_one_error_line(&kam_db(&db.path, &["restore", foreign.to_str().unwrap()]));
    assert!(line.contains("another program"), "{line}");
    let line = assert_one_error_line(&kam_db(&db.path, &["restore", "no-such.db"]));
    assert!(line.contains("no file"), "{line}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
    assert!(
        !std::fs::read_dir(db.dir.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("replaced")),
        "nothing replaced, nothing kept"
    );
}

/// `kam restore` checks the backup once (17 s at 100,000 accounts) and hands the restore
/// what it checked; a backup changed after its check is checked again, not trusted.
#[test]
fn a_backup_changed_after_its_check_is_checked_again_and_refused() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.insert(&mut sample_account("C000001")).unwrap();
    let backup = db.file("b.db");
    s.backup_to(&backup).unwrap();
    let checked = kam::store::backups::check_backup_told(&backup, &|_, _| {}).unwrap();
    std::fs::write(&backup, vec![7u8; 8192]).unwrap();
    let err = s
        .restore_from_told(&backup, &db.file("kept.db"), Some(&checked), &|_, _| {})
        .unwrap_err();
    assert!(err.to_string().contains("b.db"), "{err}");
    assert!(
        !db.file("kept.db").exists(),
        "nothing replaced, nothing kept"
    );
    assert_eq!(s.all::<Account>().unwrap().len(), 1);
}

/// The check and the restore tell how far they are in pages, never past the end, and end
/// at it (their bars on a terminal).
#[test]
fn check_backup_and_restore_tell_their_progress_up_to_the_end() {
    use std::cell::RefCell;
    let db = TempDb::new();
    let mut s = db.writer();
    kam::demo::generate(&mut s, 60, 3).unwrap();
    let seen: RefCell<Vec<(u64, u64)>> = RefCell::new(vec![]);
    let tell = |d: u64, t: u64| seen.borrow_mut().push((d, t));
    let ends_whole = |what: &str| {
        let seen = std::mem::take(&mut *seen.borrow_mut());
        assert!(seen.len() > 1, "{what}: {seen:?}");
        assert!(seen.iter().all(|(d, t)| d <= t), "{what}: {seen:?}");
        assert!(
            seen.windows(2).all(|w| w[0].0 <= w[1].0),
            "{what}: {seen:?}"
        );
        let (d, t) = *seen.last().unwrap();
        assert!(d == t && t > 0, "{what}: {seen:?}");
    };
    assert!(s.health_told(&tell).unwrap().is_ok());
    ends_whole("check");
    let backup = db.file("b.db");
    s.backup_to_told(&backup, &tell).unwrap();
    ends_whole("backup");
    let checked = kam::store::backups::check_backup_told(&backup, &tell).unwrap();
    ends_whole("check of the backup");
    s.restore_from_told(&backup, &db.file("kept.db"), Some(&checked), &tell)
        .unwrap();
    ends_whole("restore");
}

// ---------- interrupted backups and restores (issue 14, cases 6 and 10) ----------

fn ours(dir: &std::path::Path) -> Vec<String> {
    let mut left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    left
}

#[test]
fn a_broken_backup_never_blocks_the_day_nor_counts_among_the_seven() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.insert(&mut sample_account("C000001")).unwrap();
    drop(s);
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let good = daily_backup(&db.path, day(1)).unwrap().expect("a backup");
    let dir = backup_dir(&db.path);
    let whole = std::fs::read(&good).unwrap();
    // What quitting kam a few seconds after start left with older versions: half a copy and
    // its journal, at today's name.
    let today = dir.join("kam-2026-11-03.db");
    std::fs::write(&today, &whole[..whole.len() / 2]).unwrap();
    std::fs::write(dir.join("kam-2026-11-03.db-journal"), vec![1u8; 4096]).unwrap();
    // And garbage under another day's name.
    std::fs::write(dir.join("kam-2026-11-02.db"), b"not a backup at all").unwrap();
    let made = daily_backup(&db.path, day(3))
        .unwrap()
        .expect("the broken file does not stand in for today's backup");
    assert_eq!(made, today);
    kam::store::backups::check_backup(&made).unwrap();
    assert_eq!(names(&made).len(), 1);
    assert!(
        !dir.join("kam-2026-11-03.db-journal").exists(),
        "{:?}",
        ours(&dir)
    );
    assert!(
        daily_backup(&db.path, day(3)).unwrap().is_none(),
        "a good one stands for the day"
    );
    // Broken files are not among the seven kept: after a week, seven good ones.
    for d in 4..=10 {
        daily_backup(&db.path, day(d)).unwrap();
        std::fs::write(dir.join(format!("kam-2026-11-{:02}.db", d + 10)), b"junk").unwrap();
    }
    daily_backup(&db.path, day(11)).unwrap();
    let left = ours(&dir);
    let expect: Vec<String> = (5..=11).map(|d| format!("kam-2026-11-{d:02}.db")).collect();
    assert_eq!(left, expect);
    for f in &left {
        kam::store::backups::check_backup(&dir.join(f)).unwrap();
    }
}

#[test]
fn a_partial_backup_of_an_encrypted_book_never_blocks_the_day_nor_counts_among_the_seven() {
    let db = TempDb::new();
    let mut s = db.writer();
    fill(&mut s);
    drop(s);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(&db.path)
        .arg("encrypt")
        .env_remove("KAM_PASSPHRASE")
        .env("KAM_NEW_PASSPHRASE", "passphrase1")
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    // The interface's daily backup runs with the passphrase of the book. It is the whole
    // process's: held (and cleared at the end) with `Passphrase`, as the other tests share it.
    let _passphrase = Passphrase::set(Some("passphrase1"));
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let good = daily_backup(&db.path, day(1)).unwrap().expect("a backup");
    assert!(kam::store::cipher::is_encrypted(&good));
    let dir = backup_dir(&db.path);
    let whole = std::fs::read(&good).unwrap();
    // Cut off at a page boundary (`head -c 1048576`), at today's name and an older day's.
    let cut = &whole[..(whole.len() / 2) / 4096 * 4096];
    assert!(cut.len() >= 4096 && cut.len() < whole.len());
    std::fs::write(dir.join("kam-2026-11-03.db"), cut).unwrap();
    std::fs::write(dir.join("kam-2026-11-02.db"), cut).unwrap();
    let made = daily_backup(&db.path, day(3))
        .unwrap()
        .expect("the partial file does not stand in for today's backup");
    assert_eq!(std::fs::read(&made).unwrap().len(), whole.len());
    kam::store::backups::check_backup(&made).unwrap();
    assert!(!names(&made).is_empty());
    assert_eq!(
        ours(&dir),
        ["kam-2026-11-01.db", "kam-2026-11-03.db"],
        "the partial one is not counted among the seven"
    );
    assert!(daily_backup(&db.path, day(3)).unwrap().is_none());
}

#[test]
fn kam_backup_killed_midway_leaves_no_file_under_the_name_asked_for() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.insert(&mut sample_account("C000001")).unwrap();
    drop(s);
    let copy = db.file("copy.db");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args([
            "--db",
            db.path.to_str().unwrap(),
            "backup",
            copy.to_str().unwrap(),
        ])
        .env("KAM_TEST_KILL_AT", "backup-copied")
        .output()
        .unwrap();
    assert!(!o.status.success(), "killed");
    assert!(!copy.exists(), "only a whole, checked copy gets the name");
    // Asked again, it is made (over the partial one).
    assert!(kam_db(&db.path, &["backup", copy.to_str().unwrap()])
        .status
        .success());
    kam::store::backups::check_backup(&copy).unwrap();
    assert!(!ours(db.dir.path()).iter().any(|f| f.contains("partial")));
}

#[test]
fn a_restore_killed_while_keeping_the_replaced_book_leaves_no_empty_replaced_copy() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.insert(&mut sample_account("C000001")).unwrap();
    drop(s);
    let backup = db.file("b.db");
    assert!(kam_db(&db.path, &["backup", backup.to_str().unwrap()])
        .status
        .success());
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args([
            "--db",
            db.path.to_str().unwrap(),
            "restore",
            backup.to_str().unwrap(),
        ])
        .env("KAM_TEST_KILL_AT", "backup-copied")
        .output()
        .unwrap();
    assert!(!o.status.success(), "killed");
    let left = ours(db.dir.path());
    assert!(
        !left
            .iter()
            .any(|f| f.contains(".replaced-") && f.ends_with(".db")),
        "nothing that looks like a kept book: {left:?}"
    );
    // The next start removes the partial copy; the book is as it was.
    assert_eq!(names(&db.path), ["福州宏达机械制造有限公司"]);
    drop(Store::open(&db.path, Access::Write).unwrap());
    let left = ours(db.dir.path());
    assert!(!left.iter().any(|f| f.contains("replaced")), "{left:?}");
}

#[test]
fn a_forget_cut_off_before_its_checkpoint_is_finished_when_the_next_writer_opens() {
    let db = TempDb::new();
    let mut s = db.writer();
    let mut a = sample_account("C000001");
    a.name = "要忘记的客户甲乙丙".into();
    s.insert(&mut a).unwrap();
    drop(s);
    // A forget's transaction committed (secure delete on), and then the process died before
    // the checkpoint that carries the overwritten pages into the file: the erased name is
    // still in the main file, the WAL holds its replacement.
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.execute_batch(
            "PRAGMA wal_autocheckpoint = 0; PRAGMA secure_delete = ON;
             DELETE FROM search_records; DELETE FROM history;
             UPDATE accounts SET name = 'x', short_name = NULL;",
        )
        .unwrap();
        std::mem::forget(conn); // no close: no checkpoint
    }
    let has_name = |p: &std::path::Path| {
        let bytes = std::fs::read(p).unwrap_or_default();
        let needle = "要忘记的客户甲乙丙".as_bytes();
        bytes.windows(needle.len()).any(|w| w == needle)
    };
    assert!(has_name(&db.path), "the set-up left the name in the file");
    let writer = Store::open(&db.path, Access::Write).unwrap();
    assert!(
        !has_name(&db.path),
        "the erased name is out of the file as soon as a writer opens"
    );
    drop(writer);
}

#[test]
fn the_interface_warns_at_start_when_the_book_fails_its_check_and_takes_no_backup_of_it() {
    let db = TempDb::new();
    let mut s = db.writer();
    for i in 0..300 {
        let mut a = sample_account("");
        a.name = format!("公司 {i}");
        a.registration_no = None;
        s.insert(&mut a).unwrap();
    }
    drop(s);
    // A flipped page that normal reads do not touch: the root of the index of the accounts'
    // global ids, which only the team's sync reads (a page in the middle of the file may hold
    // rows the finder reads, which then says the file is damaged first).
    let root: i64 = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'accounts_uid'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = std::fs::read(&db.path).unwrap();
    let page = 4096;
    let start = (root as usize - 1) * page;
    for b in &mut bytes[start + 100..start + page] {
        *b ^= 0x5a;
    }
    std::fs::write(&db.path, &bytes).unwrap();
    let store = Store::open(&db.path, Access::Write).unwrap();
    let mut app = kam::app::App::new_deferred(store, kam::i18n::Lang::En).unwrap();
    app.start_daily_backup();
    for _ in 0..3000 {
        app.tick();
        if !app.is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let status = app.status.as_ref().expect("a word on the status line");
    assert!(status.error, "{}", status.text);
    assert!(
        status.text.contains("fails its integrity check"),
        "{}",
        status.text
    );
    let dir = backup_dir(&db.path);
    assert!(
        !dir.exists() || std::fs::read_dir(&dir).unwrap().next().is_none(),
        "no backup of a damaged book"
    );
}
