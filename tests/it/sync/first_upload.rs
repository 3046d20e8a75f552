//! A first upload is all or nothing on the server: `kam sync` killed after the server took
//! part of a rep's book (but before the push committed) leaves the team's book as it was, so
//! no other laptop pulls half a book (accounts without their contacts, a part of the visits);
//! the next sync sends all of it.

use super::{Team, BOSS};
use kam::domain::*;

#[test]
fn a_first_upload_killed_midway_leaves_the_server_as_before() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    {
        let mut s = team.open("li");
        for name in ["东港物流", "华东机械有限公司", "远东贸易有限公司"] {
            let mut a = Account {
                name: name.into(),
                ..Default::default()
            };
            s.insert(&mut a).unwrap();
            let mut c = Contact {
                account_id: a.id,
                name: "王小明".into(),
                ..Default::default()
            };
            s.insert(&mut c).unwrap();
        }
    }
    let count = |sql: &str| team.cluster.psql("team", sql).trim().to_string();
    let before = (
        count("SELECT count(*) FROM kam.records"),
        count("SELECT count(*) FROM kam.account_access"),
        count("SELECT max(seq) FROM kam.records"),
    );
    let o = team
        .command("li", &["sync"])
        .env("KAM_TEST_KILL_AT", "sync-part-merged")
        .output()
        .unwrap();
    assert!(!o.status.success(), "the sync was to be killed");
    // The killed session's transaction is rolled back when the server sees it gone.
    let gone = (0..100).any(|_| {
        let n =
            count("SELECT count(*) FROM pg_stat_activity WHERE usename = 'li' AND state <> 'idle'");
        n == "0" || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            false
        }
    });
    assert!(gone, "the killed sync's session stayed");
    let after = (
        count("SELECT count(*) FROM kam.records"),
        count("SELECT count(*) FROM kam.account_access"),
        count("SELECT max(seq) FROM kam.records"),
    );
    assert_eq!(
        after, before,
        "(records, accounts held, last change) on the server"
    );
    assert_eq!(
        count("SELECT pushed_hlc FROM kam.replicas r WHERE rep = 'li'"),
        "0"
    );

    // The next sync sends the whole book; the manager gets all of it.
    team.sync("li");
    team.sync(BOSS);
    assert_eq!(team.open(BOSS).all::<Account>().unwrap().len(), 3);
    assert_eq!(team.open(BOSS).all::<Contact>().unwrap().len(), 3);
    assert_eq!(
        super::records_of(&team.book("li")),
        super::records_of(&team.book(BOSS))
    );
}
