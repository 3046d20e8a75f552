//! What travels besides the records (docs/team.md, "What travels"): account plans with their
//! account (the manager sees a rep's plan, edits of different fields on two laptops both
//! survive, emptying a plan removes it everywhere), and the team's settings, which are the
//! manager's.

use super::{Team, BOSS};
use kam::domain::*;

fn plan_of(team: &Team, who: &str) -> Option<AccountPlan> {
    let s = team.open(who);
    let a = s.all::<Account>().unwrap().pop()?;
    s.account_plan(a.id).unwrap()
}

#[test]
fn an_account_plan_travels_merges_per_field_and_is_emptied_everywhere() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    {
        let mut s = team.open("li");
        let mut a = Account {
            name: "宁波港机".into(),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        s.set_account_plan(&AccountPlan {
            account_id: a.id,
            target: Some(Money(1_000_000)),
            reason: Some("年度重点".into()),
            measures: None,
            ..Default::default()
        })
        .unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let plan = plan_of(&team, BOSS).expect("the manager has li's plan");
    assert_eq!(plan.target, Some(Money(1_000_000)));
    assert_eq!(plan.reason.as_deref(), Some("年度重点"));

    // The manager raises the target while li, offline, writes the measures: both survive.
    {
        let mut p = plan_of(&team, BOSS).unwrap();
        let mut s = team.open(BOSS);
        p.target = Some(Money(2_000_000));
        // The general manager's advice (总经理建议) travels like the other fields.
        p.general_manager_advice = Some("保持价格".into());
        s.set_account_plan(&p).unwrap();
    }
    {
        let mut p = plan_of(&team, "li").unwrap();
        let mut s = team.open("li");
        p.measures = Some("每月拜访一次".into());
        s.set_account_plan(&p).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    team.sync("li");
    for who in ["li", BOSS] {
        let p = plan_of(&team, who).unwrap();
        assert_eq!(p.target, Some(Money(2_000_000)), "{who}");
        assert_eq!(p.reason.as_deref(), Some("年度重点"), "{who}");
        assert_eq!(p.measures.as_deref(), Some("每月拜访一次"), "{who}");
        assert_eq!(
            p.general_manager_advice.as_deref(),
            Some("保持价格"),
            "{who}"
        );
    }
    // The manager's history names li for the measures.
    let code = team.open(BOSS).all::<Account>().unwrap()[0].code.clone();
    let o = team.kam(BOSS, &["history", &code]);
    let history = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        history
            .lines()
            .any(|l| l.contains("\tli\t") && l.contains("measures")),
        "{history}"
    );

    // li empties the plan: it is gone on the manager's laptop too.
    {
        let mut s = team.open("li");
        let a = s.all::<Account>().unwrap().pop().unwrap();
        s.set_account_plan(&AccountPlan {
            account_id: a.id,
            ..Default::default()
        })
        .unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    assert_eq!(plan_of(&team, BOSS), None);
}

#[test]
fn the_team_s_grading_rule_weights_and_cadence_are_the_manager_s_on_every_laptop() {
    use kam::analytics::{GradingRule, Settings, Weights};
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let rule = GradingRule::Pareto { a: 60, b: 85 };
    let weights = Weights {
        growth: 40,
        credit: 10,
        profit: 20,
        position: 10,
        visits: 10,
        complaints: 10,
    };
    let cadence = kam::visits::cadence::Cadence {
        days: [7, 21, 45, 90, 120],
    };
    {
        let mut s = team.open(BOSS);
        Settings::save_grading(&mut s, rule).unwrap();
        Settings::save_weights(&mut s, weights).unwrap();
        cadence.save(&mut s).unwrap();
    }
    team.sync(BOSS);
    team.sync("li");
    let load = |who: &str| Settings::load(&team.open(who)).unwrap();
    assert_eq!(load("li").grading, rule);
    assert_eq!(load("li").weights, weights);
    // The visit cadence per grade is the team's too.
    let cadence_of = |who: &str| kam::visits::cadence::Cadence::load(&team.open(who)).unwrap();
    assert_eq!(cadence_of("li"), cadence);

    // li tries other weights on her laptop: they stay hers until her next sync, which brings
    // the team's back; nothing of hers reaches the server.
    {
        let mut s = team.open("li");
        Settings::save_weights(&mut s, Weights::default()).unwrap();
    }
    assert_eq!(load("li").weights, Weights::default());
    team.sync("li");
    assert_eq!(load("li").weights, weights);
    assert_eq!(
        team.cluster
            .psql("team", "SELECT count(*) FROM kam.rejected")
            .trim(),
        "0"
    );

    // The manager changes the rule again: li has it after her next sync.
    let rule2 = GradingRule::Percentile {
        bands: [95, 85, 70, 50],
    };
    {
        let mut s = team.open(BOSS);
        Settings::save_grading(&mut s, rule2).unwrap();
    }
    team.sync(BOSS);
    team.sync("li");
    assert_eq!(load("li").grading, rule2);
    assert_eq!(load(BOSS).grading, rule2);
}
