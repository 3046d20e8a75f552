//! Issue 21: returns and claims travel to the team like every other section, by their global
//! ids, and an edit of one reaches the other laptop.

use super::*;
use kam::domain::*;

#[test]
fn a_return_recorded_by_a_rep_reaches_the_manager_and_so_does_its_edit() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let (uid, id) = {
        let mut s = team.open("li");
        let mut a = account("华东机械有限公司");
        s.insert(&mut a).unwrap();
        let mut r = ReturnClaim {
            account_id: a.id,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            kind: Some(ReturnKind::Return),
            product: "工业路由器".into(),
            quantity: Some(2),
            amount: Some(Money::parse("4520").unwrap()),
            reason: Some("到货外观破损".into()),
            status: Some(ReturnStatus::Open),
            order_no: Some("SO-2026-9".into()),
            ..Default::default()
        };
        s.insert(&mut r).unwrap();
        let uid: String = rusqlite::Connection::open(team.book("li"))
            .unwrap()
            .query_row("SELECT uid FROM returns", [], |r| r.get(0))
            .unwrap();
        (uid, r.id)
    };
    team.sync("li");
    team.sync(BOSS);
    let boss = records_of(&team.book(BOSS));
    let li = records_of(&team.book("li"));
    assert!(
        boss.get(&uid).is_some_and(|v| v.starts_with("returns|")),
        "{boss:?}"
    );
    assert_eq!(boss.get(&uid), li.get(&uid));
    {
        let mut s = team.open("li");
        let mut r: ReturnClaim = s.get(id).unwrap().unwrap();
        r.status = Some(ReturnStatus::Resolved);
        s.update(&mut r).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let s = team.open(BOSS);
    let all = s.all::<ReturnClaim>().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].status, Some(ReturnStatus::Resolved));
}
