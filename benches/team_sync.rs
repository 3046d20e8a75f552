//! Speed of the team edition against a real PostgreSQL server on this machine (a throwaway
//! cluster on 127.0.0.1 with TLS, the tests' `cluster.rs`): a rep's first upload of a demo
//! book, the manager's first pull of it, a sync of 100 edited records, and a push and a pull
//! of 10,000 changes. `cargo bench --bench team_sync` (KAM_BENCH_ACCOUNTS, default 2,000: a
//! big rep's book). Figures in docs/team.md.

#[path = "../tests/it/sync/cluster.rs"]
#[allow(dead_code)]
mod cluster;

use cluster::{Cluster, BOSS, BOSS_PASSWORD};
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

fn main() {
    let accounts: usize = std::env::var("KAM_BENCH_ACCOUNTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let Some(c) = Cluster::start() else {
        return;
    };
    let ca = std::fs::read_to_string(c.ca()).unwrap();
    let srv = |login: &str, password: &str| connect::Server {
        url: c.url(login),
        password: password.to_string(),
        ca: Some(ca.clone()),
    };
    let boss_srv = srv(BOSS, BOSS_PASSWORD);
    let mut client = connect::connect(&boss_srv).unwrap();
    server::init(&mut client).unwrap();
    server::add_rep(&mut client, "li", "li-password-1", false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut boss = Store::open(&dir.path().join("boss.db"), Access::Write).unwrap();
    sync::join(&mut boss, &boss_srv).unwrap();
    let mut li = Store::open(&dir.path().join("li.db"), Access::Write).unwrap();
    timed(&format!("demo book of {accounts} accounts"), || {
        kam::demo::generate(&mut li, accounts, 1).unwrap()
    });
    sync::join(&mut li, &srv("li", "li-password-1")).unwrap();
    let r = timed("rep's first upload (whole book)", || {
        sync::sync(&mut li).unwrap()
    });
    println!("  {} records sent", r.sent_records);
    let r = timed("manager's first pull", || sync::sync(&mut boss).unwrap());
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
    let all: Vec<Account> = li.all().unwrap();
    li.write(|w| {
        for a in all.iter().take(100) {
            let mut a = a.clone();
            a.notes = Some("edited for the benchmark".into());
            w.update(&mut a)?;
        }
        Ok(())
    })
    .unwrap();
    timed("sync of 100 edited records (push)", || {
        sync::sync(&mut li).unwrap()
    });
    timed("manager's pull of them", || sync::sync(&mut boss).unwrap());

    // 10,000 changes: accounts and then contacts.
    let contacts: Vec<Contact> = li.all().unwrap();
    li.write(|w| {
        let mut n = 0;
        for a in &all {
            let mut a = a.clone();
            a.notes = Some("second pass".into());
            w.update(&mut a)?;
            n += 1;
        }
        for c in contacts.iter().take(10_000usize.saturating_sub(n)) {
            let mut c = c.clone();
            c.notes = Some("second pass".into());
            w.update(&mut c)?;
        }
        Ok(())
    })
    .unwrap();
    let r = timed("push of 10,000 changed records", || {
        sync::sync(&mut li).unwrap()
    });
    println!("  {} records sent", r.sent_records);
    let r = timed("pull of 10,000 changed records", || {
        sync::sync(&mut boss).unwrap()
    });
    println!("  {} records changed", r.applied.records_changed);
}
