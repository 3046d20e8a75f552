//! Issue 22: the team's custom fields are the manager's on every laptop, and a record's
//! values travel with it.

use super::*;
use kam::domain::*;

#[test]
fn the_manager_s_fields_reach_the_rep_and_values_travel_with_their_record() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let o = team.kam(
        BOSS,
        &[
            "fields",
            "add",
            "account",
            "预算级别",
            "--type",
            "choice",
            "--choices",
            "高,中,低",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.sync(BOSS);
    team.sync("li");
    let defs = team.open("li").custom_fields().unwrap();
    assert_eq!(defs.len(), 1);
    assert_eq!(defs[0].name, "预算级别");
    assert_eq!(defs[0].choices, ["高", "中", "低"]);
    {
        let mut s = team.open("li");
        let mut a = Account {
            name: "华东机械有限公司".into(),
            custom: Some([("预算级别".to_string(), "高".to_string())].into()),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let boss = team.open(BOSS);
    let a = &boss.all::<Account>().unwrap()[0];
    assert_eq!(a.custom.as_ref().unwrap()["预算级别"], "高");
}

/// A rep's own field would be replaced by the team's at the next sync (the custom fields are
/// a team setting, the manager's): the values typed into it would stay in the records with
/// no field to show them. So a rep's book refuses to add or remove one, in one sentence,
/// writing nothing; the manager's fields keep working on the rep's laptop.
#[test]
fn a_rep_cannot_add_or_remove_the_teams_fields() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let o = team.kam(BOSS, &["fields", "add", "account", "预算级别"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.sync(BOSS);
    team.sync("li");
    for args in [
        &["fields", "add", "account", "李的字段"][..],
        &["fields", "remove", "account", "预算级别"][..],
    ] {
        let err = crate::support::assert_one_error_line(&team.kam("li", args));
        assert!(err.contains("the manager's"), "{err}");
        let mut zh = team.command("li", args);
        let err =
            crate::support::assert_one_error_line(&zh.arg("--lang").arg("zh").output().unwrap());
        assert!(err.contains("经理"), "{err}");
    }
    team.sync("li");
    let names: Vec<String> = team
        .open("li")
        .custom_fields()
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(names, ["预算级别"]);
}
