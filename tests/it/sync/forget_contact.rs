//! Forgetting one person (a contact, not the whole account) in a team: the manager forgets
//! li's contact on the manager's own laptop; after a round of syncs the name is in no laptop
//! file and in no table file of the server, wherever the account's records held it (the
//! account's notes, a visit, a communication, a deal, the account's plan), while the account,
//! its other contact and its records stay, alike everywhere.

use super::forget::{book_files_holding, contains, server_files};
use super::{Team, BOSS};
use kam::domain::*;

#[test]
fn a_contact_forgotten_on_one_laptop_leaves_no_trace_of_the_name_anywhere() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    const NAME: &str = "诸葛青云";
    const OTHER: &str = "王小明";
    {
        let mut s = team.open("li");
        let mut a = Account {
            name: "远东贸易有限公司".into(),
            notes: Some(format!("决策人是{NAME}，{OTHER}管采购")),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        for name in [NAME, OTHER] {
            let mut c = Contact {
                account_id: a.id,
                name: name.into(),
                mobile: Some("13912345678".into()),
                ..Default::default()
            };
            s.insert(&mut c).unwrap();
        }
        let mut v = VisitReport {
            account_id: a.id,
            date: Some(crate::support::date("2026-11-20")),
            person_met: Some(NAME.into()),
            summary: Some(format!("与{NAME}共进午餐，谈了明年的采购")),
            ..Default::default()
        };
        s.insert(&mut v).unwrap();
        let mut m = Communication {
            account_id: a.id,
            at: crate::support::date("2026-11-21").and_hms_opt(9, 0, 0),
            contacts: Some(format!("{NAME}、{OTHER}")),
            content: format!("{NAME}来电确认报价"),
            ..Default::default()
        };
        s.insert(&mut m).unwrap();
        let mut d = Deal {
            account_id: a.id,
            date: Some(crate::support::date("2026-11-22")),
            product: "叉车".into(),
            notes: Some(format!("{NAME}签字")),
            ..Default::default()
        };
        s.insert(&mut d).unwrap();
        s.set_account_plan(&AccountPlan {
            account_id: a.id,
            reason: Some(format!("{NAME}主导明年的扩产")),
            measures: Some(format!("每月拜访{NAME}一次")),
            ..Default::default()
        })
        .unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    // The searches below find the name where it is, so their silence later means something.
    assert!(!book_files_holding(&team.book(BOSS), NAME).is_empty());
    team.cluster.psql("team", "CHECKPOINT");
    assert!(server_files(&team)
        .iter()
        .any(|f| contains(&std::fs::read(f).unwrap(), NAME.as_bytes())));

    // The manager forgets the person on their laptop (not the one that made them).
    let o = team.kam(BOSS, &["forget", NAME]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.sync(BOSS);
    team.sync("li");
    team.sync(BOSS);

    for who in ["li", BOSS] {
        let s = team.open(who);
        let contacts: Vec<String> = s
            .all::<Contact>()
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(contacts, vec![OTHER.to_string()], "{who}");
        assert_eq!(s.all::<Account>().unwrap().len(), 1, "{who}");
        assert_eq!(s.all::<VisitReport>().unwrap().len(), 1, "{who}");
        assert_eq!(s.all::<Communication>().unwrap().len(), 1, "{who}");
        assert_eq!(s.all::<Deal>().unwrap().len(), 1, "{who}");
        let plan = s
            .account_plan(s.all::<Account>().unwrap()[0].id)
            .unwrap()
            .unwrap();
        assert!(plan.reason.unwrap().contains("扩产"), "{who}");
    }
    assert_eq!(
        super::records_of(&team.book("li")),
        super::records_of(&team.book(BOSS))
    );
    let left = team.cluster.psql(
        "team",
        &format!("SELECT entity FROM kam.records WHERE vals::text LIKE '%{NAME}%'"),
    );
    assert_eq!(
        left.trim(),
        "",
        "records on the server still naming the person"
    );
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
