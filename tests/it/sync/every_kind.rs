//! Nothing a rep keeps is lost or made up on its way through the server: a rep's demo book
//! (every record kind of `RecordKind::ALL`, account plans, attachments) reaches the manager
//! column for column, and a second round of syncs changes nothing on either laptop. What
//! does not travel is said in docs/team.md ("What travels"): the product catalogue and the
//! targets of a rep (the manager's), a person's sensitive dossier items (the laptop's own).

use super::{records_of, Team, BOSS};
use kam::domain::*;

/// A copy of a book's records with each person's sensitive dossier items emptied (what the
/// server is sent: `store/sync_sensitive.rs`), and its catalogue and targets left out.
fn as_the_team_sees(book: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    let copy = book.with_extension("team-view.db");
    let _ = std::fs::remove_file(&copy);
    let conn = rusqlite::Connection::open(book).unwrap();
    conn.execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    let c = rusqlite::Connection::open(&copy).unwrap();
    c.execute_batch(
        "UPDATE contacts SET dossier = json_set(dossier, '$.health', NULL,
                '$.political_activity', NULL, '$.religion', NULL)
          WHERE json_extract(dossier, '$.health') IS NOT NULL
             OR json_extract(dossier, '$.political_activity') IS NOT NULL
             OR json_extract(dossier, '$.religion') IS NOT NULL;",
    )
    .unwrap();
    drop(c);
    let out = records_of(&copy);
    let _ = std::fs::remove_file(&copy);
    out
}

#[test]
fn a_reps_whole_demo_book_reaches_the_manager_column_for_column() {
    let Some(team) = Team::start(&[]) else {
        return;
    };
    // li tried kam out alone (a demo book makes every kind), then joins the team with it.
    let o = team.kam("li", &["demo", "--accounts", "12", "--seed", "7"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.add("li");
    // Once in the team, the demo is refused: its made-up customers would reach the team.
    let before = records_of(&team.book("li"));
    let o = team.kam("li", &["demo", "--accounts", "2"]);
    let err = crate::support::assert_one_error_line(&o);
    assert!(err.contains("team"), "{err}");
    assert_eq!(records_of(&team.book("li")), before, "nothing written");
    let li = team.open("li");
    for kind in RecordKind::ALL {
        let n: i64 = rusqlite::Connection::open(team.book("li"))
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {}", kind.table()), [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(
            n > 0,
            "the demo makes no {}: the test would miss it",
            kind.table()
        );
    }
    drop(li);
    team.sync("li");
    team.sync(BOSS);
    team.sync("li");
    let li = as_the_team_sees(&team.book("li"));
    let boss = records_of(&team.book(BOSS));
    let only = |a: &std::collections::BTreeMap<String, String>,
                b: &std::collections::BTreeMap<String, String>| {
        a.iter()
            .filter(|(k, v)| b.get(*k) != Some(v))
            .map(|(_, v)| v.chars().take(300).collect::<String>())
            .take(3)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        li.len(),
        boss.len(),
        "li only: {:?}\nboss only: {:?}",
        only(&li, &boss),
        only(&boss, &li)
    );
    assert!(
        only(&li, &boss).is_empty(),
        "{:?}\n{:?}",
        only(&li, &boss),
        only(&boss, &li)
    );
    // Plans and files too.
    let (l, b) = (team.open("li"), team.open(BOSS));
    for a in l.all::<Account>().unwrap() {
        let theirs = b
            .all::<Account>()
            .unwrap()
            .into_iter()
            .find(|x| x.code == a.code)
            .unwrap();
        assert_eq!(
            l.account_plan(a.id)
                .unwrap()
                .map(|p| (p.target, p.reason, p.measures)),
            b.account_plan(theirs.id)
                .unwrap()
                .map(|p| (p.target, p.reason, p.measures)),
            "{}",
            a.code
        );
    }
    drop((l, b));
    // A second round changes nothing anywhere: nothing is sent back and forth for ever.
    let before = (records_of(&team.book("li")), records_of(&team.book(BOSS)));
    let out = team.sync("li");
    assert!(out.contains("sent 0 records"), "{out}");
    let out = team.sync(BOSS);
    assert!(out.contains("sent 0 records"), "{out}");
    team.sync("li");
    assert_eq!(
        before,
        (records_of(&team.book("li")), records_of(&team.book(BOSS)))
    );
}
