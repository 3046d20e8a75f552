//! Forget in a team: after `kam forget` on one laptop and a round of syncs, no laptop file and
//! no table of the server (which the manager's sync vacuums) holds the person's name, and an offline edit of
//! the forgotten person pushed later is refused, kept without its values, never restored.

use super::{Team, BOSS};
use kam::domain::*;

pub(super) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The files of a book (the database, its WAL) that hold `needle`.
pub(super) fn book_files_holding(book: &std::path::Path, needle: &str) -> Vec<String> {
    let mut found = vec![];
    for suffix in ["", "-wal", "-journal"] {
        let p = std::path::PathBuf::from(format!("{}{suffix}", book.display()));
        if let Ok(bytes) = std::fs::read(&p) {
            if contains(&bytes, needle.as_bytes()) {
                found.push(p.display().to_string());
            }
        }
    }
    found
}

#[test]
fn a_forget_on_one_laptop_erases_the_name_on_the_server_and_every_laptop() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    const NAME: &str = "欧阳娜娜";
    {
        let mut s = team.open("li");
        let mut a = Account {
            name: "远东贸易有限公司".into(),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        let mut c = Contact {
            account_id: a.id,
            name: NAME.into(),
            mobile: Some("13912345678".into()),
            ..Default::default()
        };
        s.insert(&mut c).unwrap();
        let mut v = VisitReport {
            account_id: a.id,
            date: Some(crate::support::date("2026-11-20")),
            person_met: Some(NAME.into()),
            summary: Some(format!("与{NAME}共进午餐，谈了明年的采购")),
            ..Default::default()
        };
        s.insert(&mut v).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    // The searches below find the name where it is (so their silence later means something).
    assert!(!book_files_holding(&team.book(BOSS), NAME).is_empty());
    team.cluster.psql("team", "CHECKPOINT");
    assert!(server_files(&team)
        .iter()
        .any(|f| contains(&std::fs::read(f).unwrap(), NAME.as_bytes())));

    // The manager, offline, edits the person; li forgets them meanwhile.
    {
        let mut s = team.open(BOSS);
        let mut c = s.all::<Contact>().unwrap().pop().unwrap();
        c.title = Some("采购经理".into());
        s.update(&mut c).unwrap();
    }
    let o = team.kam("li", &["forget", NAME]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.sync("li");
    let out = team.sync(BOSS);
    assert!(
        out.contains("1 changes refused"),
        "the manager's late edit is refused: {out}"
    );
    team.sync("li");

    // Refused without its values; the person is nowhere on the server.
    let rejected = team
        .cluster
        .psql("team", "SELECT reason, vals IS NULL FROM kam.rejected");
    assert_eq!(rejected.trim(), "forgotten|t");
    let left = team.cluster.psql(
        "team",
        &format!("SELECT count(*) FROM kam.records WHERE vals::text LIKE '%{NAME}%'"),
    );
    assert_eq!(left.trim(), "0");
    // The visit stays, without the name.
    for who in ["li", BOSS] {
        let s = team.open(who);
        let visits = s.all::<VisitReport>().unwrap();
        assert_eq!(visits.len(), 1, "{who}");
        assert_eq!(visits[0].person_met, None, "{who}");
        assert!(
            !visits[0].summary.as_deref().unwrap().contains(NAME),
            "{who}"
        );
        assert!(s.all::<Contact>().unwrap().is_empty(), "{who}");
    }
    assert_eq!(
        super::records_of(&team.book("li")),
        super::records_of(&team.book(BOSS))
    );

    // Bytes: the laptops' files, and the server's tables once vacuumed.
    for who in ["li", BOSS] {
        let found = book_files_holding(&team.book(who), NAME);
        assert!(found.is_empty(), "{who}: {found:?}");
    }
    // No VACUUM here: the manager's sync that took the forget rewrote the tables itself.
    team.cluster.psql("team", "CHECKPOINT");
    let files = server_files(&team);
    assert!(!files.is_empty());
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            !contains(&bytes, NAME.as_bytes()),
            "{} holds the name",
            f.display()
        );
    }
}

/// The files of the server's tables that could hold a name (and their TOAST tables).
pub(super) fn server_files(team: &Team) -> Vec<std::path::PathBuf> {
    let mut files = vec![];
    for t in ["kam.records", "kam.rejected", "kam.forgotten"] {
        files.extend(team.cluster.table_files(t));
        let toast = team.cluster.psql(
            "team",
            &format!("SELECT reltoastrelid::regclass FROM pg_class WHERE oid = '{t}'::regclass"),
        );
        if !toast.trim().is_empty() && toast.trim() != "-" {
            files.extend(team.cluster.table_files(toast.trim()));
        }
    }
    files
}

#[test]
fn a_forget_started_on_the_server_by_the_manager_reaches_every_laptop() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    const NAME: &str = "司马光明贸易行";
    {
        let mut s = team.open("li");
        let mut a = Account {
            name: NAME.into(),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        let mut v = VisitReport {
            account_id: a.id,
            date: Some(crate::support::date("2026-11-20")),
            summary: Some("谈了明年的采购".into()),
            ..Default::default()
        };
        s.insert(&mut v).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let code = team.open(BOSS).all::<Account>().unwrap()[0].code.clone();

    // Only a manager erases from the server; an unknown code is one sentence.
    let o = team.kam("li", &["team", "forget", &code]);
    let err = crate::support::assert_one_error_line(&o);
    assert!(err.contains("only a manager"), "{err}");
    let o = team.kam(BOSS, &["team", "forget", "C9-999999"]);
    let err = crate::support::assert_one_error_line(&o);
    assert!(err.contains("no account with code C9-999999"), "{err}");

    let o = team.kam(BOSS, &["team", "forget", &code]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(team.open(BOSS).all::<Account>().unwrap().is_empty());
    team.sync("li");
    let s = team.open("li");
    assert!(s.all::<Account>().unwrap().is_empty());
    assert!(s.all::<VisitReport>().unwrap().is_empty());
    drop(s);
    for who in ["li", BOSS] {
        let found = book_files_holding(&team.book(who), NAME);
        assert!(found.is_empty(), "{who}: {found:?}");
    }
    team.cluster.psql("team", "CHECKPOINT");
    for f in server_files(&team) {
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            !contains(&bytes, NAME.as_bytes()),
            "{} holds the name",
            f.display()
        );
    }
}
