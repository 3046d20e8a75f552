//! Speed of the team edition against a real PostgreSQL server on this machine (a throwaway
//! cluster on 127.0.0.1 with TLS, the tests' `cluster.rs`, made durable here: fsync and
//! synchronous commits on, as a real server): a rep's first upload of a book, the manager's
//! first pull of it, a sync of 100 edited records, and a push and a pull of 10,000 changes.
//! `cargo bench --bench team_sync` (KAM_BENCH_ACCOUNTS, default 2,000: a big rep's book).
//! `KAM_BENCH_BOOK=/tmp/copy.db` uploads that book instead (a COPY of a big book: the bench
//! joins it to its throwaway team) and measures the rep's side only: the first upload and a
//! push of 100 edits. Figures in docs/team.md.

#[path = "../tests/it/sync/cluster.rs"]
#[allow(dead_code)]
mod cluster;

use cluster::{cpu_of, Cluster, BOSS, BOSS_PASSWORD};
use kam::domain::{Account, Contact};
use kam::store::{Access, Store};
use kam::sync::{self, connect, server};
use std::time::Instant;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    println!("{what:<48} {:>8.2} s", t.elapsed().as_secs_f64());
    out
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let accounts: usize = std::env::var("KAM_BENCH_ACCOUNTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let big_book = std::env::var_os("KAM_BENCH_BOOK").map(std::path::PathBuf::from);
    let Some(c) = Cluster::start() else {
        return;
    };
    // The test cluster trades durability for speed; a benchmark measures a real server's.
    for setting in ["fsync", "synchronous_commit", "full_page_writes"] {
        // One statement per call: psql -c runs several in one transaction, which ALTER
        // SYSTEM refuses.
        c.psql("postgres", &format!("ALTER SYSTEM SET {setting} = on"));
    }
    // KAM_BENCH_PG_SET="max_wal_size=4GB;…": server settings to compare (a team's server
    // tuned for big first uploads), each by ALTER SYSTEM.
    for setting in std::env::var("KAM_BENCH_PG_SET")
        .unwrap_or_default()
        .split(';')
        .filter(|s| !s.trim().is_empty())
    {
        c.psql("postgres", &format!("ALTER SYSTEM SET {setting}"));
    }
    // KAM_BENCH_PG_LOG=FILE: every statement of the server with its time, and the plan of
    // each step of kam's functions that took over 0.2 s, copied to FILE at the end.
    let pg_log = std::env::var_os("KAM_BENCH_PG_LOG").map(std::path::PathBuf::from);
    if pg_log.is_some() {
        // auto_explain's settings are known to ALTER SYSTEM once the module is loaded in the
        // session that sets them: the preload first, then a reload, then its settings.
        c.psql(
            "postgres",
            "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'",
        );
        c.psql("postgres", "SELECT pg_reload_conf()");
        for setting in [
            "log_min_duration_statement = 0",
            "auto_explain.log_min_duration = 200",
            "auto_explain.log_nested_statements = on",
            "auto_explain.log_analyze = on",
        ] {
            c.psql("postgres", &format!("ALTER SYSTEM SET {setting}"));
        }
    }
    c.psql("postgres", "SELECT pg_reload_conf()");
    let _keep_log = KeepLog(pg_log, c.log_file());
    let ca = std::fs::read_to_string(c.ca()).unwrap();
    let srv = |login: &str, password: &str| connect::Server {
        url: c.url(login),
        password: password.to_string(),
        ca: Some(ca.clone()),
        lang: kam::i18n::Lang::En,
    };
    let boss_srv = srv(BOSS, BOSS_PASSWORD);
    let mut client = connect::connect(&boss_srv).unwrap();
    server::init(&mut client).unwrap();
    server::add_rep(&mut client, "li", "li-password-1", false).unwrap();
    let dir = tempfile::tempdir().unwrap();

    if let Some(book) = big_book {
        let mut li = timed("opening the book (upgrades it once)", || {
            Store::open(&book, Access::Write).unwrap()
        });
        // A copy joined to an earlier run's team: it joins this one afresh.
        rusqlite::Connection::open(&book)
            .unwrap()
            .execute_batch(
                "UPDATE sync_self SET server = NULL, login = NULL, password = NULL, ca = NULL,
                        code_prefix = NULL, pushed_hlc = 0, pushed_tombstone = 0, pulled_seq = 0",
            )
            .unwrap();
        sync::join(&mut li, &srv("li", "li-password-1")).unwrap();
        let before = peak_mb();
        let wal = wal_mark(&c);
        let cpu = (cpu_of("/proc/self/stat", false), c.cpu_seconds());
        let r = timed("rep's first upload (whole book)", || {
            sync::sync(&mut li, kam::i18n::Lang::En).unwrap()
        });
        print_phases(&r, cpu, &c);
        print_wal(&c, &wal);
        println!(
            "  {} records sent, {} taken; peak memory {:.0} MB (before the upload {:.0} MB)",
            r.sent_records,
            r.accepted,
            peak_mb(),
            before
        );
        let size = c.psql(
            "team",
            "SELECT pg_size_pretty(pg_total_relation_size('kam.records'))",
        );
        println!("  server: kam.records {}", size.trim());
        edit_accounts(&mut li, 100, "edited for the benchmark");
        timed("sync of 100 edited records (push)", || {
            sync::sync(&mut li, kam::i18n::Lang::En).unwrap()
        });
        return;
    }

    let mut boss = Store::open(&dir.path().join("boss.db"), Access::Write).unwrap();
    sync::join(&mut boss, &boss_srv).unwrap();
    let mut li = Store::open(&dir.path().join("li.db"), Access::Write).unwrap();
    timed(&format!("demo book of {accounts} accounts"), || {
        kam::demo::generate(&mut li, accounts, 1).unwrap()
    });
    sync::join(&mut li, &srv("li", "li-password-1")).unwrap();
    let wal = wal_mark(&c);
    let cpu = (cpu_of("/proc/self/stat", false), c.cpu_seconds());
    let r = timed("rep's first upload (whole book)", || {
        sync::sync(&mut li, kam::i18n::Lang::En).unwrap()
    });
    print_phases(&r, cpu, &c);
    print_wal(&c, &wal);
    println!("  {} records sent", r.sent_records);
    let r = timed("manager's first pull", || {
        sync::sync(&mut boss, kam::i18n::Lang::En).unwrap()
    });
    println!("  {} records received", r.applied.records_new);
    let size = c.psql(
        "team",
        "SELECT pg_size_pretty(pg_total_relation_size('kam.records'))",
    );
    let file = std::fs::metadata(dir.path().join("li.db")).unwrap().len();
    println!(
        "  server: kam.records {}; the rep's file {:.1} MB",
        size.trim(),
        file as f64 / 1e6
    );

    // 100 edited accounts: the steady state of a rep's day.
    edit_accounts(&mut li, 100, "edited for the benchmark");
    timed("sync of 100 edited records (push)", || {
        sync::sync(&mut li, kam::i18n::Lang::En).unwrap()
    });
    timed("manager's pull of them", || {
        sync::sync(&mut boss, kam::i18n::Lang::En).unwrap()
    });

    // 10,000 changed records: accounts, then contacts.
    let n = edit_accounts(&mut li, 10_000, "second pass");
    let contacts: Vec<Contact> = li.all().unwrap();
    li.write(|w| {
        for c in contacts.iter().take(10_000usize.saturating_sub(n)) {
            let mut c = c.clone();
            c.notes = Some("second pass".into());
            w.update(&mut c)?;
        }
        Ok(())
    })
    .unwrap();
    let r = timed("push of 10,000 changed records", || {
        sync::sync(&mut li, kam::i18n::Lang::En).unwrap()
    });
    println!("  {} records sent", r.sent_records);
    let r = timed("pull of 10,000 changed records", || {
        sync::sync(&mut boss, kam::i18n::Lang::En).unwrap()
    });
    println!(
        "  {} records changed, {} pulled",
        r.applied.records_changed, r.pulled
    );
}

/// The server's log copied where KAM_BENCH_PG_LOG asked, however the bench ends.
struct KeepLog(Option<std::path::PathBuf>, std::path::PathBuf);

impl Drop for KeepLog {
    fn drop(&mut self) {
        if let Some(to) = &self.0 {
            let _ = std::fs::copy(&self.1, to);
        }
    }
}

/// Where a sync's time went, and the CPU seconds of this process (the laptop) and of the
/// server since `cpu` (both read before the sync).
fn print_phases(r: &sync::Report, cpu: (f64, f64), c: &Cluster) {
    let p = &r.phases;
    // The sync's backend has ended: let the server count it among its ended children.
    std::thread::sleep(std::time::Duration::from_millis(300));
    println!(
        "  laptop: read {:.1} s, waited for the server {:.1} s; server: copy {:.1} s, merge {:.1} s; pull {:.1} s, apply {:.1} s",
        p.read.as_secs_f64(),
        p.waiting.as_secs_f64(),
        p.copy.as_secs_f64(),
        p.merge.as_secs_f64(),
        p.pull.as_secs_f64(),
        p.apply.as_secs_f64()
    );
    println!(
        "  CPU: laptop {:.1} s, server {:.1} s; load average {}",
        cpu_of("/proc/self/stat", false) - cpu.0,
        c.cpu_seconds() - cpu.1,
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// The server's WAL position and its count of checkpoints, before a sync.
fn wal_mark(c: &Cluster) -> String {
    c.psql(
        "postgres",
        "SELECT pg_current_wal_lsn() || ' ' || (checkpoints_timed + checkpoints_req)
           FROM pg_stat_bgwriter",
    )
    .trim()
    .to_string()
}

/// How much WAL the server wrote since `mark`, and how many checkpoints it made meanwhile
/// (each one makes the next change of every page write the whole page again).
fn print_wal(c: &Cluster, mark: &str) {
    let (lsn, checkpoints) = mark.split_once(' ').unwrap_or((mark, "0"));
    let now = c.psql(
        "postgres",
        &format!(
            "SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), '{lsn}')) || ', '
                    || (checkpoints_timed + checkpoints_req - {checkpoints}) || ' checkpoints'
               FROM pg_stat_bgwriter"
        ),
    );
    println!("  server: WAL written {}", now.trim());
}

/// Edits the notes of the first `n` accounts in one save; how many there were.
fn edit_accounts(store: &mut Store, n: usize, notes: &str) -> usize {
    let all: Vec<Account> = store.all().unwrap();
    let n = n.min(all.len());
    store
        .write(|w| {
            for a in all.iter().take(n) {
                let mut a = a.clone();
                a.notes = Some(notes.into());
                w.update(&mut a)?;
            }
            Ok(())
        })
        .unwrap();
    n
}
