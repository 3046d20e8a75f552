//! The team edition against a real PostgreSQL server (a throwaway cluster, `cluster.rs`),
//! driving real `kam` processes for every sync: setup, visibility, conflicts, an unreachable
//! server, forget (`forget.rs`), and convergence under kills and a server restart
//! (`convergence.rs`). Skipped, with the reason printed, where there is no PostgreSQL.

mod attachments;
mod catalogue;
mod cluster;
mod convergence;
mod custom_fields;
mod dossier;
mod encrypted;
mod every_kind;
mod first_upload;
mod forget;
mod forget_contact;
mod interface;
mod money;
mod refused;
mod relations;
mod reps;
mod returns;
mod said;
mod sensitive;
mod targets;
mod travels;

use cluster::{Cluster, BOSS, BOSS_PASSWORD};
use kam::domain::*;
use kam::store::{Access, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A team: the cluster, the manager's book (after `kam team init`) and folders for reps.
pub struct Team {
    pub cluster: Cluster,
    pub dir: tempfile::TempDir,
}

pub fn password_of(rep: &str) -> String {
    if rep == BOSS {
        BOSS_PASSWORD.to_string()
    } else {
        format!("{rep}-password-1")
    }
}

impl Team {
    /// A cluster, the manager's book joined, and the reps added and joined.
    pub fn start(reps: &[&str]) -> Option<Team> {
        let cluster = Cluster::start()?;
        let team = Team {
            cluster,
            dir: crate::support::tempdir(),
        };
        let boss = team.book(BOSS);
        Store::open(&boss, Access::Write).unwrap();
        let ca = team.cluster.ca();
        let o = team.kam(
            BOSS,
            &[
                "team",
                "init",
                "--server",
                &team.cluster.url(BOSS),
                "--ca",
                ca.to_str().unwrap(),
            ],
        );
        assert!(
            o.status.success(),
            "init: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        for rep in reps {
            team.add(rep);
        }
        Some(team)
    }

    /// The manager adds `rep`, whose book (made now when it is not there) joins the team.
    pub fn add(&self, rep: &str) {
        let boss = self.book(BOSS);
        let ca = self.cluster.ca();
        let team = self;
        let o = Command::new(env!("CARGO_BIN_EXE_kam"))
            .args(["--db", boss.to_str().unwrap(), "team", "add", rep])
            .env("KAM_TEAM_REP_PASSWORD", password_of(rep))
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "add: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        Store::open(&team.book(rep), Access::Write).unwrap();
        let o = team.kam(
            rep,
            &[
                "team",
                "join",
                "--server",
                &team.cluster.url(rep),
                "--ca",
                ca.to_str().unwrap(),
            ],
        );
        assert!(
            o.status.success(),
            "join: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    pub fn book(&self, who: &str) -> PathBuf {
        self.dir.path().join(format!("{who}.db"))
    }

    pub fn command(&self, who: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kam"));
        c.arg("--db")
            .arg(self.book(who))
            .args(args)
            .env("KAM_TEAM_PASSWORD", password_of(who))
            .env("KAM_USER", who)
            .env("LANG", "en_US.UTF-8")
            .env_remove("KAM_DB")
            .env_remove("KAM_PASSPHRASE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        c
    }

    pub fn kam(&self, who: &str, args: &[&str]) -> Output {
        self.command(who, args).output().unwrap()
    }

    /// `kam sync`, which must succeed.
    pub fn sync(&self, who: &str) -> String {
        let o = self.kam(who, &["sync"]);
        assert!(
            o.status.success(),
            "{who} sync: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    pub fn open(&self, who: &str) -> Store {
        let mut s = Store::open(&self.book(who), Access::Write).unwrap();
        s.set_actor(who);
        s
    }
}

/// Every record of a book as (uid → table, values without local ids; `account_id` as the
/// account's uid), which must be equal across the replicas that may see it.
pub fn records_of(book: &Path) -> std::collections::BTreeMap<String, String> {
    let conn = rusqlite::Connection::open(book).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for kind in RecordKind::ALL {
        let t = kind.table();
        let cols: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .filter(|c: &String| c != "id")
            .collect();
        let select: Vec<String> = cols
            .iter()
            .map(|c| {
                if c == "account_id" {
                    "(SELECT a.uid FROM accounts a WHERE a.id = r.account_id)".to_string()
                } else {
                    format!("quote(r.{c})")
                }
            })
            .collect();
        let mut stmt = conn
            .prepare(&format!("SELECT r.uid, {} FROM {t} r", select.join(", ")))
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                let uid: String = r.get(0)?;
                let mut vals = vec![t.to_string()];
                for (i, c) in cols.iter().enumerate() {
                    let v: rusqlite::types::Value = r.get(i + 1)?;
                    vals.push(format!("{c}={v:?}"));
                }
                Ok((uid, vals.join("|")))
            })
            .unwrap();
        for row in rows {
            let (k, v) = row.unwrap();
            out.insert(k, v);
        }
    }
    out
}

pub fn account(name: &str) -> Account {
    Account {
        name: name.to_string(),
        ..Default::default()
    }
}

#[test]
fn reps_see_their_own_accounts_the_manager_all_and_edits_to_different_fields_both_survive() {
    let Some(team) = Team::start(&["li", "wang"]) else {
        return;
    };
    // li makes an account offline; its code carries li's laptop prefix.
    let li_id = {
        let mut s = team.open("li");
        let mut a = account("华东机械有限公司");
        s.insert(&mut a).unwrap();
        assert!(
            a.code.starts_with('C') && a.code.contains('-'),
            "{}",
            a.code
        );
        let mut c = Contact {
            account_id: a.id,
            name: "李雷".into(),
            ..Default::default()
        };
        s.insert(&mut c).unwrap();
        a.id
    };
    let out = team.sync("li");
    assert!(out.contains("sent 2 records"), "{out}");
    team.sync(BOSS);
    team.sync("wang");
    let boss = records_of(&team.book(BOSS));
    let li = records_of(&team.book("li"));
    assert_eq!(boss, li, "the manager holds what li holds");
    assert!(
        records_of(&team.book("wang")).is_empty(),
        "wang may not see li's account"
    );
    // The manager's history names the rep who made the account.
    let code = team.open("li").get::<Account>(li_id).unwrap().unwrap().code;
    let o = team.kam(BOSS, &["history", &code]);
    let history = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        history
            .lines()
            .any(|l| l.contains("\tli\tinsert\taccounts#")),
        "{history}"
    );

    // The manager edits the city, li the phone-free notes: both survive.
    {
        let mut s = team.open(BOSS);
        let a = s.all::<Account>().unwrap().pop().unwrap();
        let mut a2 = a.clone();
        a2.city = Some("苏州".into());
        s.update(&mut a2).unwrap();
    }
    {
        let mut s = team.open("li");
        let mut a: Account = s.get(li_id).unwrap().unwrap();
        a.notes = Some("年底前要报价".into());
        s.update(&mut a).unwrap();
    }
    team.sync(BOSS);
    team.sync("li");
    team.sync(BOSS);
    let boss = records_of(&team.book(BOSS));
    assert_eq!(boss, records_of(&team.book("li")));
    let row = boss.values().find(|v| v.starts_with("accounts")).unwrap();
    assert!(
        row.contains("苏州") && row.contains("年底前要报价"),
        "{row}"
    );

    // The same field offline on two laptops: the later edit wins everywhere, and the laptop
    // whose edit lost is told.
    {
        let mut s = team.open(BOSS);
        let mut a = s.all::<Account>().unwrap().pop().unwrap();
        a.district = Some("吴中区".into());
        s.update(&mut a).unwrap();
    }
    {
        let mut s = team.open("li");
        let mut a: Account = s.get(li_id).unwrap().unwrap();
        a.district = Some("工业园区".into());
        s.update(&mut a).unwrap();
    }
    team.sync("li");
    let out = team.sync(BOSS);
    assert!(
        out.contains("conflicts: 1 fields kept the newer change"),
        "{out}"
    );
    team.sync("li");
    for who in ["li", BOSS] {
        let s = team.open(who);
        let a = s.all::<Account>().unwrap().pop().unwrap();
        assert_eq!(a.district.as_deref(), Some("工业园区"), "{who}");
    }

    // A delete against an edit: the record goes to the trash with the edit.
    let contact_id = {
        let mut s = team.open("li");
        let c = s.list::<Contact>(li_id).unwrap().pop().unwrap();
        s.delete(RecordKind::Contact, c.id).unwrap();
        c.id
    };
    {
        let mut s = team.open(BOSS);
        let mut c = s.all::<Contact>().unwrap().pop().unwrap();
        c.title = Some("总经理".into());
        s.update(&mut c).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    team.sync("li");
    for who in ["li", BOSS] {
        let s = team.open(who);
        assert!(
            s.all::<Contact>().unwrap().is_empty(),
            "{who}: in the trash"
        );
        let trash = s.trash().unwrap();
        assert_eq!(trash.len(), 1, "{who}");
        let c: Contact = s.get(trash[0].id).unwrap().unwrap();
        assert_eq!(c.title.as_deref(), Some("总经理"), "{who}: the edit kept");
    }
    let _ = contact_id;
    assert_eq!(records_of(&team.book(BOSS)), records_of(&team.book("li")));

    // A push sent twice changes nothing the second time.
    let pushed = team
        .cluster
        .psql("team", "SELECT max(seq) FROM kam.records");
    let out = team.sync("li");
    assert!(out.contains("sent 0 records"), "{out}");
    {
        let conn = rusqlite::Connection::open(team.book("li")).unwrap();
        conn.execute("UPDATE sync_self SET pushed_hlc = 1", [])
            .unwrap();
    }
    let out = team.sync("li");
    assert!(out.contains("(0 taken by the server)"), "{out}");
    assert_eq!(
        pushed,
        team.cluster
            .psql("team", "SELECT max(seq) FROM kam.records")
    );

    // The manager's view of the team: each rep's laptops and accounts, nothing waiting here.
    let o = team.kam(BOSS, &["team", "status"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("0 changes waiting"), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("li\trep\t1\t1\t")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("wang\trep\t1\t0\t")),
        "{out}"
    );

    // A rep's own login (over TLS, the server verified) reads only their accounts' records
    // and writes no table; a plain connection is refused.
    let out = |o: Output| {
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).trim().to_string(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let count = "SELECT count(*) FROM kam.records";
    let (ok, n, err) =
        out(team
            .cluster
            .psql_as("wang", &password_of("wang"), "verify-full", count));
    assert!(ok, "{err}");
    assert_eq!(n, "0", "wang sees none of li's records");
    let (ok, n, err) = out(team
        .cluster
        .psql_as("li", &password_of("li"), "verify-full", count));
    assert!(ok, "{err}");
    assert_eq!(n, "2", "li sees the account and its contact");
    let (ok, _, err) = out(team.cluster.psql_as(
        "li",
        &password_of("li"),
        "verify-full",
        "UPDATE kam.records SET vals = '{}'",
    ));
    assert!(!ok && err.contains("permission denied"), "{err}");
    let (ok, _, err) = out(team
        .cluster
        .psql_as("li", &password_of("li"), "disable", count));
    assert!(
        !ok && err.contains("no encryption"),
        "a plain connection is refused: {err}"
    );
}

#[test]
fn a_server_whose_certificate_is_not_trusted_is_refused() {
    // verify-full: the test's authority is in no system list, so without `--ca` the real
    // server is refused before the password is sent; a `--ca` file that is no certificate is
    // one sentence too.
    let Some(team) = Team::start(&[]) else {
        return;
    };
    Store::open(&team.book("li"), Access::Write).unwrap();
    let url = team.cluster.url(BOSS);
    let err =
        crate::support::assert_one_error_line(&team.kam("li", &["team", "join", "--server", &url]));
    assert!(
        err.contains("certificate is not trusted") && err.contains("--ca"),
        "{err}"
    );
    let not_pem = team.dir.path().join("not-a-ca.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let err = crate::support::assert_one_error_line(&team.kam(
        "li",
        &[
            "team",
            "join",
            "--server",
            &url,
            "--ca",
            not_pem.to_str().unwrap(),
        ],
    ));
    assert!(err.contains("certificate authority"), "{err}");
    // (With the team's authority the same address is reached: `Team::start` did just that.)
}

#[test]
fn an_unreachable_server_is_one_sentence_exit_1_and_loses_nothing() {
    let dir = crate::support::tempdir();
    let book = dir.path().join("k.db");
    {
        let mut s = Store::open(&book, Access::Write).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // Nothing listens on the port any more.
        s.join_team(
            &format!("postgres://li@localhost:{port}/team"),
            "li",
            "pw",
            None,
            "C9-",
        )
        .unwrap();
        s.insert(&mut account("离线公司")).unwrap();
    }
    let o = Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["--db", book.to_str().unwrap(), "sync"])
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    let err = crate::support::assert_one_error_line(&o);
    assert!(
        err.contains("cannot be reached") && err.contains("nothing was lost"),
        "{err}"
    );
    let s = Store::open(&book, Access::Read).unwrap();
    assert_eq!(s.all::<Account>().unwrap().len(), 1);
    assert_eq!(
        s.changes_waiting().unwrap(),
        1,
        "the new account still waits to be sent"
    );
}

#[test]
fn a_field_this_kam_does_not_know_survives_its_round_trip() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let id = {
        let mut s = team.open("li");
        let mut a = account("未来字段公司");
        s.insert(&mut a).unwrap();
        a.id
    };
    team.sync("li");
    // A newer kam (on another laptop) wrote a field this one has no column for.
    team.cluster.psql(
        "team",
        "UPDATE kam.records SET vals = vals || '{\"loyalty_tier\": \"gold\"}',
             clocks = clocks || '{\"loyalty_tier\": \"00000000000000000001-newer\"}',
             seq = nextval('kam.change_seq') WHERE entity = 'accounts'",
    );
    team.sync("li");
    {
        let mut s = team.open("li");
        let mut a: Account = s.get(id).unwrap().unwrap();
        a.city = Some("宁波".into());
        s.update(&mut a).unwrap();
    }
    let out = team.sync("li");
    assert!(out.contains("sent 1 records"), "{out}");
    let kept = team.cluster.psql(
        "team",
        "SELECT vals->>'loyalty_tier', vals->>'city' FROM kam.records WHERE entity = 'accounts'",
    );
    assert_eq!(kept.trim(), "gold|宁波");
}
