//! The manager's reports of one rep in the interface (issue 20): `R` on the daily report or
//! the analytics screen picks a rep of the team, the title says whose the figures are, and
//! the figures are the command line's `kam report … --rep NAME` (its JSON, compared whole).
//! The team is as the manager's last sync brought it (the book's `sync_reps`/`sync_access`,
//! written here as a pull writes them; tests/it/sync/reps.rs drives real syncs).

use crate::support::ui::*;
use crossterm::event::KeyCode;
use kam::app::View;
use kam::domain::*;
use kam::i18n::Lang;

/// A manager's book holding li's account in 浙江 and wang's in 江苏, each with a visit on
/// the 20th and a sale this year.
fn team_book(lang: Lang) -> Session {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    for (name, province, summary) in [
        ("李氏机械", "浙江省", "与李氏谈年度框架"),
        ("王记食品", "江苏省", "王记新品试吃"),
    ] {
        let mut a = Account {
            name: name.into(),
            province: Some(province.into()),
            ..Default::default()
        };
        store.insert(&mut a).unwrap();
        let mut v = VisitReport {
            account_id: a.id,
            date: Some(crate::support::date("2026-11-20")),
            summary: Some(summary.into()),
            ..Default::default()
        };
        store.insert(&mut v).unwrap();
        let mut d = Deal {
            account_id: a.id,
            date: Some(crate::support::date("2026-10-08")),
            product: "叉车".into(),
            amount: Some(Money::from_cents(if name == "李氏机械" {
                1_200_000
            } else {
                800_000
            })),
            ..Default::default()
        };
        store.insert(&mut d).unwrap();
    }
    let conn = rusqlite::Connection::open(dir.path().join("kam.db")).unwrap();
    conn.execute_batch(
        "INSERT INTO sync_reps VALUES ('boss', 1), ('li', 0), ('wang', 0);
         INSERT INTO sync_access SELECT uid, CASE name WHEN '李氏机械' THEN 'li' ELSE 'wang' END
           FROM accounts;",
    )
    .unwrap();
    Session {
        app: kam::app::App::new(store, lang).unwrap(),
        dir,
    }
}

/// `kam report …` on the session's book, as JSON.
fn cli_json(s: &Session, args: &[&str]) -> serde_json::Value {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(s.dir.path().join("kam.db"))
        .args(["report"])
        .args(args)
        .args(["--format", "json"])
        .env("LANG", "en_US.UTF-8")
        .env("KAM_USER", "tester")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("KAM_DB")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn json(v: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn the_report_screens_show_one_reps_figures_as_the_command_line_does() {
    let mut s = team_book(Lang::En);
    s.keys("s[[[");
    assert_eq!(
        s.app.report().unwrap().daily.visit_count,
        2,
        "the whole book"
    );

    s.keys("R");
    assert!(s.app.dialog.is_some(), "{}", s.status());
    s.keys("li").save();
    assert!(s.app.dialog.is_none(), "{}", s.status());
    let r = s.app.report().unwrap();
    assert_eq!(r.rep.as_deref(), Some("li"));
    assert_eq!(r.daily.visit_count, 1);
    assert_eq!(
        json(&r.daily),
        cli_json(&s, &["daily", "--date", "2026-11-20", "--rep", "li"])
    );
    insta::assert_snapshot!("rep_report_daily_en_100x24", s.screen(100, 24));
    s.keys("w");
    let w = s.app.report().unwrap().weekly.clone().unwrap();
    assert_eq!(
        json(&w),
        cli_json(&s, &["weekly", "--date", "2026-11-20", "--rep", "li"])
    );

    // The analytics screen opens on the rep chosen.
    s.press(KeyCode::Esc).keys("A");
    assert_eq!(s.app.view(), View::Analytics);
    let a = s.app.analytics().unwrap();
    assert_eq!(a.rep.as_deref(), Some("li"));
    let year = ["--from", "2026-01-01", "--to", "2026-12-31", "--rep", "li"];
    assert_eq!(
        json(&a.regions),
        cli_json(&s, &[&["regions"][..], &year].concat())
    );
    assert_eq!(
        json(&a.grading),
        cli_json(&s, &[&["grading"][..], &year].concat())
    );
    assert_eq!(a.grading.accounts.len(), 1);

    // Another rep, then the whole book again (the field emptied).
    s.keys("R");
    for _ in 0..2 {
        s.press(KeyCode::Backspace);
    }
    s.keys("wang").save();
    let a = s.app.analytics().unwrap();
    assert_eq!(a.rep.as_deref(), Some("wang"));
    let year = [
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--rep",
        "wang",
    ];
    assert_eq!(
        json(&a.key),
        cli_json(&s, &[&["top10"][..], &year].concat())
    );
    s.keys("R");
    for _ in 0..4 {
        s.press(KeyCode::Backspace);
    }
    s.save();
    let a = s.app.analytics().unwrap();
    assert_eq!(a.rep, None);
    assert_eq!(a.grading.accounts.len(), 2);
}

#[test]
fn a_rep_the_team_lacks_is_one_sentence_and_changes_nothing() {
    let mut s = team_book(Lang::Zh);
    s.keys("AR").keys("zhao").save();
    assert!(s.app.dialog.is_some(), "the picker stays open");
    assert!(s.status().contains("zhao"), "{}", s.status());
    assert_eq!(s.app.analytics().unwrap().rep, None);
    // ← → step through the team's reps.
    for _ in 0..4 {
        s.press(KeyCode::Backspace);
    }
    s.press(KeyCode::Right).save();
    let rep = s.app.analytics().unwrap().rep.clone();
    assert!(rep.is_some(), "{}", s.status());
    insta::assert_snapshot!("rep_analytics_zh_100x24", s.screen(100, 24));
}

#[test]
fn a_book_without_a_team_says_so() {
    let mut s = filled(Lang::En);
    s.keys("sR");
    assert!(s.app.dialog.is_none());
    assert!(s.status().contains("team book"), "{}", s.status());
}
