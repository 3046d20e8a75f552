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
