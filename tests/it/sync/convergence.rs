//! Convergence under random offline work (team-sync.md §8, 1–3): three reps and a manager,
//! each on its own file, make random edits through kam's own Writer (creates, field edits,
//! deletes, restores, merges, visits, forgets; reassignments by the manager) over rounds with
//! random partitions and syncs. `kam sync` runs as a real process and is SIGKILLed at random
//! moments (50 times; KAM_SYNC_KILLS for more), and the server is stopped hard once in the
//! middle of a sync. At the end: 0 rows different between each replica and what it may see,
//! 0 acknowledged saves lost, 0 rows a rep may not see, every file healthy (`kam check`).

use super::{records_of, Team, BOSS};
use kam::domain::*;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

const REPS: [&str; 3] = ["li", "wang", "zhao"];

fn kills_wanted() -> usize {
    std::env::var("KAM_SYNC_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50)
}

/// A small deterministic generator (seed KAM_SYNC_SEED): the same run every time.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Clone>(&mut self, v: &[T]) -> Option<T> {
        (!v.is_empty()).then(|| v[self.below(v.len() as u64) as usize].clone())
    }
}

/// One acknowledged save of an account's field: who, what, and its clock.
#[derive(Debug, Clone)]
struct Save {
    uid: String,
    field: &'static str,
    value: String,
    clock: String,
}

fn clock_of(book: &std::path::Path, id: i64, field: &str) -> String {
    let conn = rusqlite::Connection::open(book).unwrap();
    let (hlc, replica): (i64, String) = conn
        .query_row(
            "SELECT h.hlc, s.replica FROM history h, sync_self s
              WHERE h.entity = 'accounts' AND h.row_id = ?1 AND h.field = ?2
              ORDER BY h.id DESC LIMIT 1",
            rusqlite::params![id, field],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    kam::store::sync_log::clock_text(hlc, &replica)
}

/// One random change through kam's Writer on `who`'s book; saves of account fields logged.
fn random_change(team: &Team, who: &str, rng: &mut Rng, n: &mut usize, saves: &mut Vec<Save>) {
    *n += 1;
    let mut s = team.open(who);
    let live: Vec<Account> = s.all::<Account>().unwrap();
    let mine: Vec<Account> = live
        .iter()
        .filter(|a| a.created_by.as_deref() == Some(who))
        .cloned()
        .collect();
    match rng.below(100) {
        0..=14 => {
            let mut a = Account {
                name: format!("{who}客户{n}"),
                city: Some(format!("城{}", rng.below(9))),
                ..Default::default()
            };
            s.insert(&mut a).unwrap();
        }
        15..=44 => {
            let Some(mut a) = rng.pick(&live) else { return };
            let field = if rng.chance(50) { "city" } else { "notes" };
            let value = format!("{who}-{n}");
            match field {
                "city" => a.city = Some(value.clone()),
                _ => a.notes = Some(value.clone()),
            }
            if s.update(&mut a).unwrap() > 0 {
                let uid = s.account_uid(a.id).unwrap().unwrap();
                drop(s);
                let clock = clock_of(&team.book(who), a.id, field);
                saves.push(Save {
                    uid,
                    field,
                    value,
                    clock,
                });
            }
        }
        45..=59 => {
            let Some(a) = rng.pick(&live) else { return };
            let mut c = Contact {
                account_id: a.id,
                name: format!("联系人{n}"),
                ..Default::default()
            };
            s.insert(&mut c).unwrap();
        }
        60..=69 => {
            let Some(a) = rng.pick(&live) else { return };
            let mut v = VisitReport {
                account_id: a.id,
                date: Some(crate::support::date("2026-11-20")),
                summary: Some(format!("第{n}次拜访")),
                ..Default::default()
            };
            s.insert(&mut v).unwrap();
        }
        70..=79 => {
            // A delete: mostly a contact, sometimes an account.
            let contacts: Vec<Contact> = live
                .iter()
                .flat_map(|a| s.list::<Contact>(a.id).unwrap())
                .collect();
            if rng.chance(70) {
                if let Some(c) = rng.pick(&contacts) {
                    s.delete(RecordKind::Contact, c.id).unwrap();
                }
            } else if let Some(a) = rng.pick(&live) {
                s.delete(RecordKind::Account, a.id).unwrap();
            }
        }
        80..=89 => {
            if let Some(t) = rng.pick(&s.trash().unwrap()) {
                // Refused while its account is in the trash: nothing happens then.
                let _ = s.restore(t.kind, t.id);
            }
        }
        90..=94 => {
            // A rep merges two accounts of their own.
            if who != BOSS && mine.len() >= 2 {
                let keep = rng.pick(&mine).unwrap();
                let drop_ = rng.pick(&mine).unwrap();
                if keep.id != drop_.id {
                    s.write(|w| w.merge_accounts(keep.id, drop_.id)).unwrap();
                }
            }
        }
        _ => {
            let contacts: Vec<Contact> = live
                .iter()
                .flat_map(|a| s.list::<Contact>(a.id).unwrap())
                .collect();
            if let Some(c) = rng.pick(&contacts) {
                s.forget(|w| w.forget_contact(c.id)).unwrap();
            }
        }
    }
}

/// A sync that may be killed: true when the kill landed before it finished.
fn sync_maybe_killed(team: &Team, who: &str, kill_after: Option<u64>) -> bool {
    let mut child = team
        .command(who, &["sync"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(ms) = kill_after {
        std::thread::sleep(Duration::from_millis(ms));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() || kill_after.is_some(),
        "{who}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    false
}

#[test]
fn three_reps_and_a_manager_converge_under_kills_and_a_server_restart() {
    let Some(team) = Team::start(&REPS) else {
        return;
    };
    let seed = std::env::var("KAM_SYNC_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20u64);
    let mut rng = Rng(seed);
    let everyone: Vec<&str> = std::iter::once(BOSS).chain(REPS).collect();
    let (mut n, mut saves) = (0usize, vec![]);
    // The manager starts the team's book and hands the accounts out.
    for _ in 0..6 {
        let mut s = team.open(BOSS);
        n += 1;
        s.insert(&mut Account {
            name: format!("团队客户{n}"),
            ..Default::default()
        })
        .unwrap();
    }
    team.sync(BOSS);
    let boss_codes: Vec<String> = team
        .open(BOSS)
        .all::<Account>()
        .unwrap()
        .into_iter()
        .map(|a| a.code)
        .collect();
    for (i, code) in boss_codes.iter().enumerate() {
        let o = team.kam(BOSS, &["team", "assign", code, REPS[i % 3]]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let wanted = kills_wanted();
    let (mut kills, mut round, mut restarted) = (0usize, 0usize, false);
    while round < 10 || kills < wanted {
        round += 1;
        for who in &everyone {
            for _ in 0..rng.below(4) {
                random_change(&team, who, &mut rng, &mut n, &mut saves);
            }
        }
        if rng.chance(30) {
            // The manager gives one of their own accounts to another rep.
            let code = rng.pick(&boss_codes).unwrap();
            let rep = rng.pick(&REPS).unwrap();
            let _ = team.kam(BOSS, &["team", "assign", &code, rep]);
        }
        for who in &everyone {
            if rng.chance(40) {
                continue; // offline this round
            }
            if kills < wanted && rng.chance(60) {
                let ms = 5 + rng.below(120);
                if sync_maybe_killed(&team, who, Some(ms)) {
                    kills += 1;
                }
            } else if !restarted && round >= 3 {
                // The server stops hard in the middle of one sync, and comes back.
                let child = team
                    .command(who, &["sync"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap();
                std::thread::sleep(Duration::from_millis(20 + rng.below(40)));
                team.cluster.restart_hard();
                let out = child.wait_with_output().unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(
                    out.status.success() || err.contains("cannot be reached"),
                    "a sync cut off by the server says so in one sentence: {err}"
                );
                restarted = true;
            } else {
                sync_maybe_killed(&team, who, None);
            }
        }
        assert!(round < 200, "{kills} kills after {round} rounds");
    }
    for _ in 0..2 {
        for who in &everyone {
            team.sync(who);
        }
    }

    // Every replica equals the manager's book (which the server fills) for what it may see,
    // and holds nothing else.
    let access: BTreeMap<String, String> = team
        .cluster
        .psql("team", "SELECT account_uid, rep FROM kam.account_access")
        .lines()
        .filter_map(|l| l.split_once('|'))
        .map(|(a, r)| (a.to_string(), r.to_string()))
        .collect();
    let boss = records_of(&team.book(BOSS));
    let server_uids: BTreeSet<String> = team
        .cluster
        .psql("team", "SELECT uid FROM kam.records")
        .lines()
        .map(String::from)
        .collect();
    let boss_uids: BTreeSet<String> = boss.keys().cloned().collect();
    assert_eq!(
        boss_uids, server_uids,
        "the manager's book holds the server's records"
    );
    let account_of = |uid: &str, row: &str| -> String {
        if row.starts_with("accounts|") {
            uid.to_string()
        } else {
            row.split('|')
                .find_map(|f| f.strip_prefix("account_id=Text(\""))
                .map(|s| s.trim_end_matches("\")").to_string())
                .unwrap_or_default()
        }
    };
    let mut different = 0;
    let mut unseen = 0;
    for rep in REPS {
        let theirs = records_of(&team.book(rep));
        for (uid, row) in &theirs {
            if access.get(&account_of(uid, row)).map(String::as_str) != Some(rep) {
                unseen += 1;
                eprintln!("{rep} holds {uid} it may not see: {row}");
            }
        }
        for (uid, row) in &boss {
            if access.get(&account_of(uid, row)).map(String::as_str) == Some(rep)
                && theirs.get(uid) != Some(row)
            {
                different += 1;
                eprintln!(
                    "{rep} differs on {uid}:\n  manager {row}\n  {rep} {:?}",
                    theirs.get(uid)
                );
            }
        }
    }
    assert_eq!(
        (different, unseen),
        (0, 0),
        "rows different, rows a rep may not see"
    );

    // Every acknowledged save is the server's value, or was beaten by a newer save, or its
    // record was forgotten or its change refused (kept in kam.rejected).
    let server: BTreeMap<String, serde_json::Value> = team
        .cluster
        .psql(
            "team",
            "SELECT uid || '|' || jsonb_build_object('v', vals, 'c', clocks)::text FROM kam.records",
        )
        .lines()
        .filter_map(|l| l.split_once('|'))
        .map(|(u, j)| (u.to_string(), serde_json::from_str(j).unwrap()))
        .collect();
    let refused: BTreeSet<String> = team
        .cluster
        .psql(
            "team",
            "SELECT uid FROM kam.rejected UNION SELECT uid FROM kam.forgotten",
        )
        .lines()
        .map(String::from)
        .collect();
    let mut newest: BTreeMap<(String, &str), Save> = BTreeMap::new();
    for s in &saves {
        let k = (s.uid.clone(), s.field);
        if newest.get(&k).is_none_or(|o| s.clock > o.clock) {
            newest.insert(k, s.clone());
        }
    }
    let mut lost = 0;
    for ((uid, field), save) in &newest {
        let Some(rec) = server.get(uid) else {
            if !refused.contains(uid) {
                lost += 1;
                eprintln!("{uid} is gone from the server, neither forgotten nor refused");
            }
            continue;
        };
        let value = rec["v"][*field].as_str().unwrap_or("");
        let clock = rec["c"][*field].as_str().unwrap_or("");
        let kept = value == save.value || clock > save.clock.as_str() || refused.contains(uid);
        if !kept {
            lost += 1;
            eprintln!(
                "lost: {uid} {field} = {} ({}), server has {value} ({clock})",
                save.value, save.clock
            );
        }
    }
    assert_eq!(
        lost,
        0,
        "acknowledged saves lost (of {} checked)",
        newest.len()
    );

    // Every file healthy: integrity, note index and finder records as kam checks them.
    for who in &everyone {
        let o = team.kam(who, &["check"]);
        assert!(
            o.status.success(),
            "{who}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    eprintln!(
        "convergence: {round} rounds, {n} changes, {} saves checked, {kills} kills, server restarted: {restarted}, {} records",
        newest.len(),
        boss.len()
    );
    assert!(restarted);
}
