//! A change the server refuses is told to the rep whose laptop made it, one sentence each,
//! and nothing is lost: the refused version stays on the server for the manager.

use super::{Team, BOSS};
use kam::domain::*;

#[test]
fn a_change_to_an_account_reassigned_meanwhile_is_told_back_and_kept_for_the_manager() {
    let Some(team) = Team::start(&["li", "wang"]) else {
        return;
    };
    let id = {
        let mut s = team.open("li");
        let mut a = Account {
            name: "东港物流".into(),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        a.id
    };
    team.sync("li");
    team.sync(BOSS);
    // li edits offline while the manager gives the account to wang.
    {
        let mut s = team.open("li");
        let mut a: Account = s.get(id).unwrap().unwrap();
        a.notes = Some("月底签合同".into());
        s.update(&mut a).unwrap();
    }
    let code = team.open(BOSS).all::<Account>().unwrap()[0].code.clone();
    let o = team.kam(BOSS, &["team", "assign", &code, "wang"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let out = team.sync("li");
    let told: Vec<&str> = out.lines().filter(|l| l.starts_with("refused:")).collect();
    assert_eq!(told.len(), 1, "{out}");
    assert!(
        told[0].contains("东港物流") && told[0].contains("another rep's"),
        "{out}"
    );
    assert!(
        team.open("li").all::<Account>().unwrap().is_empty(),
        "the account left li's laptop"
    );
    // li's version waits on the server for the manager, and li can count it.
    let kept = team.cluster.psql(
        "team",
        "SELECT rep, reason, vals->>'notes' FROM kam.rejected",
    );
    assert_eq!(kept.trim(), "li|account not yours|月底签合同");
    let o = team.kam("li", &["team", "status"]);
    let status = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        status
            .lines()
            .any(|l| l.starts_with("li\t") && l.ends_with("\t1")),
        "{status}"
    );
    // Told once: the next sync has nothing to say.
    let out = team.sync("li");
    assert!(!out.contains("refused:"), "{out}");
}

/// The contact named `name` on `who`'s laptop, with its account's name.
fn contact_home(team: &Team, who: &str, name: &str) -> Option<String> {
    let s = team.open(who);
    let c = s
        .all::<Contact>()
        .unwrap()
        .into_iter()
        .find(|c| c.name == name)?;
    Some(s.get::<Account>(c.account_id).unwrap().unwrap().name)
}

#[test]
fn a_merge_into_an_account_reassigned_meanwhile_takes_nothing_from_the_new_rep() {
    let Some(team) = Team::start(&["li", "wang"]) else {
        return;
    };
    let (from, into) = {
        let mut s = team.open("li");
        let mut a = Account {
            name: "甲方工厂".into(),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        let mut b = Account {
            name: "乙方工厂".into(),
            ..Default::default()
        };
        s.insert(&mut b).unwrap();
        let mut c = Contact {
            account_id: a.id,
            name: "甲方采购".into(),
            ..Default::default()
        };
        s.insert(&mut c).unwrap();
        (a.id, b.id)
    };
    team.sync("li");
    team.sync(BOSS);
    // li, offline, merges 甲方 into 乙方, while the manager gives 甲方 to wang.
    team.open("li")
        .write(|w| w.merge_accounts(into, from))
        .unwrap();
    let code = {
        let s = team.open(BOSS);
        let a = s.all::<Account>().unwrap();
        a.into_iter().find(|a| a.name == "甲方工厂").unwrap().code
    };
    let o = team.kam(BOSS, &["team", "assign", &code, "wang"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = team.sync("li");
    assert!(out.contains("refused:"), "{out}");
    team.sync("wang");
    team.sync(BOSS);
    team.sync("li");
    // 甲方's contact stays with 甲方, now wang's, on every laptop that may see it, and is
    // gone from li's.
    for who in ["wang", BOSS] {
        assert_eq!(
            contact_home(&team, who, "甲方采购").as_deref(),
            Some("甲方工厂"),
            "{who}"
        );
    }
    assert_eq!(contact_home(&team, "li", "甲方采购"), None);
}
