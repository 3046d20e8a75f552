//! The manager's reports of one rep (`kam report … --rep NAME`): only the accounts the rep
//! holds on the server as the last sync brought them, offline, following a reassignment;
//! a rep the team does not have is one sentence in the person's language.

use super::{Team, BOSS};
use kam::domain::*;

fn account_with_visit(team: &Team, who: &str, name: &str, province: &str, summary: &str) {
    let mut s = team.open(who);
    let mut a = Account {
        name: name.into(),
        province: Some(province.into()),
        ..Default::default()
    };
    s.insert(&mut a).unwrap();
    let mut v = VisitReport {
        account_id: a.id,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        summary: Some(summary.into()),
        ..Default::default()
    };
    s.insert(&mut v).unwrap();
}

fn report(team: &Team, args: &[&str]) -> String {
    let o = team.kam(BOSS, args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_report_of_one_rep_holds_only_their_accounts_and_follows_a_reassignment() {
    let Some(team) = Team::start(&["li", "wang"]) else {
        return;
    };
    account_with_visit(&team, "li", "李氏机械", "浙江省", "与李氏谈年度框架");
    account_with_visit(&team, "wang", "王记食品", "江苏省", "王记新品试吃");
    team.sync("li");
    team.sync("wang");
    team.sync(BOSS);

    let daily = ["report", "daily", "--date", "2026-11-20"];
    let whole = report(&team, &daily);
    assert!(
        whole.contains("李氏机械") && whole.contains("王记食品"),
        "{whole}"
    );
    let li = report(&team, &[&daily[..], &["--rep", "li"]].concat());
    assert!(li.contains("李氏机械") && !li.contains("王记食品"), "{li}");
    let regions = report(
        &team,
        &["report", "regions", "--rep", "wang", "--from", "2026-01-01"],
    );
    assert!(
        regions.contains("江苏") && !regions.contains("浙江"),
        "{regions}"
    );

    // A rep the team does not have: one sentence, in English or Chinese, nothing printed.
    let o = team.kam(BOSS, &["report", "top10", "--rep", "zhao"]);
    let err = crate::support::assert_one_error_line(&o);
    assert!(
        err.contains("no rep zhao") && err.contains("li, wang"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
    let o = team
        .command(BOSS, &["report", "weekly", "--rep", "zhao"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let err = crate::support::assert_one_error_line(&o);
    assert!(err.contains("没有销售代表 zhao"), "{err}");

    // li's account goes to wang: after the manager's next sync (offline from then on) the
    // reports say so.
    let code = {
        let s = team.open(BOSS);
        let a = s
            .all::<Account>()
            .unwrap()
            .into_iter()
            .find(|a| a.name == "李氏机械")
            .unwrap();
        a.code
    };
    let o = team.kam(BOSS, &["team", "assign", &code, "wang"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.sync(BOSS);
    let wang = report(&team, &[&daily[..], &["--rep", "wang"]].concat());
    assert!(
        wang.contains("李氏机械") && wang.contains("王记食品"),
        "{wang}"
    );
    let li = report(&team, &[&daily[..], &["--rep", "li"]].concat());
    assert!(!li.contains("李氏机械"), "{li}");
}

#[test]
fn rep_on_a_book_without_a_team_is_one_sentence() {
    let dir = crate::support::tempdir();
    let book = dir.path().join("solo.db");
    kam::store::Store::open(&book, kam::store::Access::Write).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args([
            "--db",
            book.to_str().unwrap(),
            "report",
            "daily",
            "--rep",
            "li",
        ])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let err = crate::support::assert_one_error_line(&o);
    assert!(err.contains("team book"), "{err}");
}

#[test]
fn an_account_given_away_and_back_returns_to_the_laptop_whose_first_push_made_it() {
    let Some(team) = Team::start(&["li", "wang"]) else {
        return;
    };
    // Sent by li's first push: the server marks it as li's echo, which her pulls skip.
    account_with_visit(&team, "li", "回流机械", "浙江省", "首次上传");
    team.sync("li");
    team.sync(BOSS);
    let code = team.open(BOSS).all::<Account>().unwrap()[0].code.clone();
    for rep in ["wang", "li"] {
        let o = team.kam(BOSS, &["team", "assign", &code, rep]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        team.sync("li");
        team.sync("wang");
    }
    let s = team.open("li");
    let accounts = s.all::<Account>().unwrap();
    assert_eq!(accounts.len(), 1, "li has her account back");
    assert_eq!(s.all::<VisitReport>().unwrap().len(), 1);
    drop(s);
    assert!(team.open("wang").all::<Account>().unwrap().is_empty());
}
