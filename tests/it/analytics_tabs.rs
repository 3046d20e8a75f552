//! The analytics screen's tabs for returns, purchase cycles and satisfaction (issue 21): on
//! a small book whose figures are worked out here by hand, the same figures as `kam report
//! returns|purchases|satisfaction --format json`, and snapshots in both languages.

use crate::support::ui::*;
use crate::support::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;

/// Two accounts, the year 2026 (the screen's period on 2026-11-23):
/// - K1 福州宏达: deals of 机柜 on 09-01 (1,000), 10-01 (1,000) and 11-01 (2,000): three
///   purchases 30 and 31 days apart, 30.5 on average, the next due 2026-12-01 (+30.5 →
///   rounded as the report does); a return of 机柜 worth 400 (10 % of 4,000); ratings 5
///   and 4 (4.5, 90 %: not above 90 %, no quality mark).
/// - K2 厦门海蓝: one deal of 服务 on 06-15 (1,000): one purchase; a rating of 5 (100 %: a
///   quality customer).
fn book(store: &mut kam::store::Store) {
    let mut ids = vec![];
    for (code, name) in [("K1", "福州宏达"), ("K2", "厦门海蓝")] {
        let mut a = Account {
            code: code.into(),
            name: name.into(),
            ..Default::default()
        };
        ids.push(store.insert(&mut a).unwrap());
    }
    for (i, day, product, amount) in [
        (0, "2026-09-01", "机柜", "1000"),
        (0, "2026-10-01", "机柜", "1000"),
        (0, "2026-11-01", "机柜", "2000"),
        (1, "2026-06-15", "服务", "1000"),
    ] {
        store
            .insert(&mut Deal {
                account_id: ids[i],
                date: Some(date(day)),
                product: product.into(),
                amount: Some(money(amount)),
                ..Default::default()
            })
            .unwrap();
    }
    store
        .insert(&mut ReturnClaim {
            account_id: ids[0],
            date: Some(date("2026-11-05")),
            kind: Some(ReturnKind::Return),
            product: "机柜".into(),
            quantity: Some(1),
            amount: Some(money("400")),
            ..Default::default()
        })
        .unwrap();
    for (i, day, rating) in [
        (0, "2026-10-02", 5),
        (0, "2026-11-02", 4),
        (1, "2026-07-01", 5),
    ] {
        store
            .insert(&mut Feedback {
                account_id: ids[i],
                date: Some(date(day)),
                kind: Some(FeedbackKind::Praise),
                content: "反馈".into(),
                rating: Some(rating),
                ..Default::default()
            })
            .unwrap();
    }
}

fn session(lang: Lang) -> Session {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    book(&mut store);
    Session {
        app: kam::app::App::new(store, lang).unwrap(),
        dir,
    }
}

/// The analytics screen on its `n`th tab (1-based), reached by Tab from the first (the
/// screen is kept, and opens again on the tab it was left on).
fn on_tab(s: &mut Session, n: usize) {
    s.keys("A1");
    for _ in 1..n {
        s.press(KeyCode::Tab);
    }
}

const RETURNS: usize = 10;
const PURCHASES: usize = 11;
const SATISFACTION: usize = 12;

#[test]
fn the_three_tabs_show_the_figures_worked_out_by_hand() {
    let mut s = session(Lang::En);
    on_tab(&mut s, RETURNS);
    let a = s.app.analytics().unwrap();
    let r = a.returns.as_ref().expect("computed when shown");
    assert_eq!(r.total_sales, money("5000"));
    assert_eq!(r.total_returned, money("400"));
    assert_eq!(r.rate, Some(0.08));
    assert_eq!(r.accounts[0].rate, Some(0.1), "K1: 400 of 4,000");
    let screen = s.screen(80, 24);
    assert!(
        screen.contains("10.0%") && screen.contains("8.0%"),
        "{screen}"
    );

    s.press(KeyCode::Tab);
    let p = s.app.analytics().unwrap().purchases.clone().unwrap();
    assert_eq!((p.buyers, p.repeat_buyers), (2, 1));
    assert_eq!(p.repurchase_rate, Some(0.5));
    let k1 = p.accounts.iter().find(|r| &*r.code == "K1").unwrap();
    assert_eq!(k1.purchases, 3);
    assert_eq!(k1.average_interval, Some(30.5));
    let screen = s.screen(80, 24);
    assert!(
        screen.contains("50.0%") && screen.contains("30.5"),
        "{screen}"
    );
    // Enter opens the selected account.
    s.press(KeyCode::Enter);
    assert!(s.app.detail().is_some());
    s.press(KeyCode::Esc);

    on_tab(&mut s, SATISFACTION);
    let sat = s.app.analytics().unwrap().satisfaction.clone().unwrap();
    assert_eq!(sat.ratings, 3);
    assert!((sat.average.unwrap() - 14.0 / 3.0).abs() < 1e-12);
    let k2 = sat.accounts.iter().find(|r| &*r.code == "K2").unwrap();
    assert!(k2.quality, "100 % is above 90 %");
    let k1 = sat.accounts.iter().find(|r| &*r.code == "K1").unwrap();
    assert_eq!(k1.satisfaction, Some(0.9));
    assert!(!k1.quality, "90 % is not above 90 %");
}

#[test]
fn each_tab_holds_the_command_lines_json() {
    let mut s = session(Lang::Zh);
    let db = s.dir.path().join("kam.db");
    for (tab, name) in [
        (RETURNS, "returns"),
        (PURCHASES, "purchases"),
        (SATISFACTION, "satisfaction"),
    ] {
        on_tab(&mut s, tab);
        let a = s.app.analytics().unwrap();
        let shown = match tab {
            RETURNS => serde_json::to_value(a.returns.as_ref().unwrap()),
            PURCHASES => serde_json::to_value(a.purchases.as_ref().unwrap()),
            _ => serde_json::to_value(a.satisfaction.as_ref().unwrap()),
        }
        .unwrap();
        let o = kam_db(
            &db,
            &[
                "report",
                name,
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--format",
                "json",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(shown, printed, "{name}");
        s.press(KeyCode::Esc);
    }
}

#[test]
fn the_three_tabs_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = session(lang);
        for (tab, name) in [
            (RETURNS, "returns"),
            (PURCHASES, "purchases"),
            (SATISFACTION, "satisfaction"),
        ] {
            on_tab(&mut s, tab);
            let snap = format!("analytics_{name}_{}_80x24", lang.code());
            insta::assert_snapshot!(snap, s.screen(80, 24));
            s.press(KeyCode::Esc);
        }
    }
}
