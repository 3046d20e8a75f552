//! Daily automatic backups (one a day, the last seven kept, owner-only) and `kam restore`,
//! which checks the backup first and keeps what it replaces.

mod common;

use common::*;
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
