//! Targets and work plans travel to the team (server step 9): the manager sets them, every
//! rep reads them; a rep's own change is refused, told in one sentence, kept on the server
//! for the manager, and replaced by the team's version. Before the step a rep's targets
//! reached only the manager and the manager's never reached the rep.

use super::{Team, BOSS};
use kam::domain::*;

fn target(rep: &str, period: &str, sales_fen: i64) -> Target {
    Target {
        rep: rep.into(),
        period: period.into(),
        sales: Some(Money(sales_fen)),
        ..Default::default()
    }
}

#[test]
fn the_managers_targets_reach_the_rep_and_a_reps_own_is_refused_and_told() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    team.open(BOSS)
        .insert(&mut target("li", "2026-11", 50_000_000))
        .unwrap();
    team.sync(BOSS);
    let out = team.sync("li");
    assert!(!out.contains("refused"), "{out}");
    let theirs: Vec<Target> = team.open("li").all().unwrap();
    assert_eq!(theirs.len(), 1, "the manager's target is on li's laptop");
    assert_eq!(theirs[0].sales, Some(Money(50_000_000)));

    // li sets a target of their own, offline.
    team.open("li")
        .insert(&mut target("li", "2026-12", 1))
        .unwrap();
    let out = team.sync("li");
    let told: Vec<&str> = out.lines().filter(|l| l.starts_with("refused:")).collect();
    assert_eq!(told.len(), 1, "one sentence: {out}");
    assert!(told[0].contains("targets are the manager's"), "{out}");
    // Nothing lost: li's version waits on the server for the manager …
    let kept = team.cluster.psql(
        "team",
        "SELECT vals->>'period' FROM kam.rejected WHERE reason = 'targets are the manager''s'",
    );
    assert_eq!(kept.trim(), "2026-12", "{kept}");
    // … and li's laptop has the team's targets again.
    let now: Vec<Target> = team.open("li").all().unwrap();
    assert_eq!(now.len(), 1, "{now:?}");
    assert_eq!(now[0].period, "2026-11");
    let out = team.sync("li");
    assert!(!out.contains("refused"), "told once: {out}");
}
