//! Crash safety, proven: a writer is killed with SIGKILL at random moments, again and
//! again, and each time the file must pass `PRAGMA integrity_check`, hold every save it
//! acknowledged, and show an interrupted import wholly or not at all.
//!
//! `KAM_CRASH_KILLS` sets how many kills (default 20, as in CI); e.g. 500 for a longer run.

use crate::support::*;
use kam::store::{Access, Store};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

fn kills() -> usize {
    std::env::var("KAM_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

/// A small deterministic generator: the same "random" moments on every run.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn spawn(db: &std::path::Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("KAM_USER", "crash")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn integrity(db: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn ids(db: &std::path::Path) -> std::collections::HashSet<i64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT id FROM accounts").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn killed_writers_never_lose_an_acknowledged_save_or_corrupt_the_file() {
    let db = TempDb::new();
    drop(Store::open(&db.path, Access::Write).unwrap());
    let mut rng = Lcg(2026);
    let mut acknowledged: Vec<i64> = vec![];
    let n = kills();
    for round in 0..n {
        let mut child = spawn(&db.path, &["save-loop", "--count", "100000"]);
        std::thread::sleep(Duration::from_millis(30 + rng.below(150)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        acknowledged.extend(out.lines().filter_map(|l| l.trim().parse::<i64>().ok()));
        assert_eq!(integrity(&db.path), "ok", "after kill {round}");
        let stored = ids(&db.path);
        let lost: Vec<&i64> = acknowledged
            .iter()
            .filter(|id| !stored.contains(id))
            .collect();
        assert!(
            lost.is_empty(),
            "after kill {round}: acknowledged but lost: {lost:?}"
        );
    }
    assert!(
        acknowledged.len() > n,
        "the writer got to save between kills ({} saves)",
        acknowledged.len()
    );
    eprintln!(
        "crash test: {n} kills, {} acknowledged saves checked, 0 lost",
        acknowledged.len()
    );
}

#[test]
fn a_killed_import_leaves_all_of_its_file_or_none() {
    let dir = TempDb::new();
    let sheet = dir.file("sheet.csv");
    let mut text = String::from("客户名称,联系人,手机\n");
    for i in 0..800 {
        text.push_str(&format!("崩溃测试{i}有限公司,张{i},1380000{i:04}\n"));
    }
    std::fs::write(&sheet, text).unwrap();
    let mut rng = Lcg(7);
    let (mut whole, mut none) = (0, 0);
    for round in 0..kills().min(10) {
        // A fresh book each time: the import adds all 800 accounts or none.
        let db = TempDb::new();
        drop(Store::open(&db.path, Access::Write).unwrap());
        let mut child = spawn(&db.path, &["import", sheet.to_str().unwrap()]);
        std::thread::sleep(Duration::from_millis(10 + rng.below(1500)));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(integrity(&db.path), "ok", "after kill {round}");
        match ids(&db.path).len() {
            0 => none += 1,
            800 => whole += 1,
            n => panic!("kill {round}: {n} of 800 accounts: half an import"),
        }
    }
    eprintln!("import kills: {whole} whole, {none} none, never half");
}
