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
