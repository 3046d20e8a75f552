//! Issue 22's reports worked out by hand: `kam report gifts` (entertainment and gifts, budget
//! against spending) and `kam report events` (market events and the deals that followed), in
//! every format, and the gifts report against sums over the JSON export of a demo book.

use crate::support::*;
use kam::domain::*;
use kam::store::Store;

/// Two accounts and one in the trash, in and out of the fourth quarter, worked out by hand:
///
/// C000801: dinner 11-06 budget 1,500 + 200, spent 1,380 + 150; a lunch 12-02 refused
///   (budget 600 left out, nothing spent); a dinner 2026-09-30 (before the period).
///   Gifts: 2 × 800 planned 09-20 but given 10-02 (in: by the day given), cost 1,560;
///   5 × 60 planned 12-20, not yet given (budget 300, spent 0).
/// C000802: a gift of 3 × 100.50 given 11-11 at 290.00; a competitor only (no spending).
/// C000803 (trashed): a dinner 11-11 of 9,999 — left out.
///
/// C000801: entertainment 1 (+1 refused = 2 counted) budget 1,700 spent 1,530;
///   gifts 2, budget 1,900, spent 1,560; budget 3,600, spent 3,090.
/// C000802: gifts 1, budget 301.50, spent 290.00.
/// Total budget 3,901.50, spent 3,380.00, left 521.50.
fn q4_book() -> (TempDb, Store) {
    let db = TempDb::new();
    let mut s = db.writer();
    let mut a = sample_account("C000801");
    s.insert(&mut a).unwrap();
    let mut dinner = sample_entertainment(a.id);
    s.insert(&mut dinner).unwrap();
    let mut lunch = sample_entertainment(a.id);
    lunch.date = Some(date("2026-12-02"));
    lunch.budget.truncate(1);
    lunch.budget[0].amount = money("600");
    lunch.spent = vec![];
    lunch.status = Some(Approval::Rejected);
    s.insert(&mut lunch).unwrap();
    let mut before = sample_entertainment(a.id);
    before.date = Some(date("2026-09-30"));
    s.insert(&mut before).unwrap();
    let mut tea = sample_gift(a.id);
    tea.given_on = Some(date("2026-10-02"));
    s.insert(&mut tea).unwrap();
    let mut cards = sample_gift(a.id);
    cards.date = Some(date("2026-12-20"));
    cards.gift = "新年贺卡".into();
    cards.quantity = Some(5);
    cards.unit_budget = Some(money("60"));
    cards.status = Some(Approval::Approved);
    cards.given_on = None;
    cards.actual_cost = None;
    s.insert(&mut cards).unwrap();
    let mut b = sample_account("C000802");
    b.name = "第二个客户".into();
    b.registration_no = None;
    s.insert(&mut b).unwrap();
    let mut small = sample_gift(b.id);
    small.date = Some(date("2026-11-10"));
    small.given_on = Some(date("2026-11-11"));
    small.quantity = Some(3);
    small.unit_budget = Some(money("100.50"));
    small.actual_cost = Some(money("290"));
    s.insert(&mut small).unwrap();
    s.insert(&mut sample_competitor(b.id)).unwrap();
    let mut c = sample_account("C000803");
    c.name = "已删除的客户".into();
    c.registration_no = None;
    s.insert(&mut c).unwrap();
    let mut big = sample_entertainment(c.id);
    big.date = Some(date("2026-11-11"));
    big.spent[0].amount = money("9999");
    s.insert(&mut big).unwrap();
    s.delete(RecordKind::Account, c.id).unwrap();
    (db, s)
}

#[test]
fn the_gifts_report_adds_up_budget_and_spending_as_worked_out_by_hand() {
    let (db, s) = q4_book();
    drop(s);
    let run = |extra: &[&str]| {
        let mut a = vec![
            "report",
            "gifts",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
        ];
        a.extend_from_slice(extra);
        kam_db(&db.path, &a)
    };
    let o = run(&["--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let m = |x: &serde_json::Value| Money::parse(x.as_str().unwrap()).unwrap();
    let rows = v["accounts"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{v}");
    assert_eq!(rows[0]["code"], "C000801");
    assert_eq!(rows[0]["entertainments"], 2);
    assert_eq!(m(&rows[0]["entertainment_budget"]), money("1700"));
    assert_eq!(m(&rows[0]["entertainment_spent"]), money("1530"));
    assert_eq!(rows[0]["gifts"], 2);
    assert_eq!(m(&rows[0]["gift_budget"]), money("1900"));
    assert_eq!(m(&rows[0]["gift_spent"]), money("1560"));
    assert_eq!(rows[1]["code"], "C000802");
    assert_eq!(m(&rows[1]["gift_budget"]), money("301.50"));
    assert_eq!(m(&rows[1]["gift_spent"]), money("290"));
    assert_eq!(m(&v["total"]["entertainment_spent"]), money("1530"));
    assert_eq!(m(&v["left"]), money("521.50"));
    // The same figures in the other formats.
    let text = stdout(&run(&["--format", "text"]));
    assert!(
        text.contains("Entertainment and gifts, budget and spending 2026-10-01 – 2026-12-31"),
        "{text}"
    );
    assert!(
        text.contains("3,901.50") && text.contains("3,380.00"),
        "{text}"
    );
    let zh = stdout(&kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "report",
            "gifts",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--format",
            "md",
        ],
    ));
    assert!(zh.contains("预算结余"), "{zh}");
    assert!(
        zh.contains(
            "| C000802 | 第二个客户 | 0 | 0.00 | 0.00 | 1 | 301.50 | 290.00 | 301.50 | 290.00 |"
        ),
        "{zh}"
    );
    let file = db.file("gifts.xlsx");
    let o = run(&["--format", "xlsx", "--out", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    use calamine::{open_workbook_auto, Data, Reader};
    let mut book = open_workbook_auto(&file).unwrap();
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).unwrap();
    let row = sheet
        .rows()
        .find(|r| r.first() == Some(&Data::String("C000801".into())))
        .expect("a row for C000801");
    let num = |d: &Data| match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("{other:?} is a number"),
    };
    // Budget and spent totals of the workbook are the JSON's.
    assert_eq!(num(&row[8]), 3600.0);
    assert_eq!(num(&row[9]), 3090.0);
}

#[test]
fn every_json_gifts_report_agrees_with_sums_over_the_export() {
    let db = TempDb::new();
    let o = kam(&[
        "--db",
        db.path.to_str().unwrap(),
        "demo",
        "--accounts",
        "150",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let export = kam_db(&db.path, &["export", "--format", "json"]);
    let doc: kam::exchange::json::Document = serde_json::from_slice(&export.stdout).unwrap();
    let (from, to) = (date("2026-01-01"), date("2026-12-31"));
    let inside = |d: Option<chrono::NaiveDate>| d.is_some_and(|x| x >= from && x <= to);
    let mut want = std::collections::BTreeMap::new();
    for a in &doc.accounts {
        let ents: Vec<&Entertainment> =
            a.entertainments.iter().filter(|e| inside(e.date)).collect();
        let gifts: Vec<&Gift> = a
            .gifts
            .iter()
            .filter(|g| inside(g.given_on.or(g.date)))
            .collect();
        if ents.is_empty() && gifts.is_empty() {
            continue;
        }
        let budget: Money = ents
            .iter()
            .filter(|e| e.budget_counts())
            .map(|e| e.budget_total())
            .sum::<Money>()
            + gifts
                .iter()
                .filter(|g| g.budget_counts())
                .map(|g| g.budget_total())
                .sum::<Money>();
        let spent: Money = ents.iter().map(|e| e.spent_total()).sum::<Money>()
            + gifts.iter().map(|g| g.spent_total()).sum::<Money>();
        want.insert(a.account.code.clone(), (budget, spent));
    }
    assert!(
        want.len() > 10,
        "the demo entertains and gives: {}",
        want.len()
    );
    let o = kam_db(
        &db.path,
        &[
            "report",
            "gifts",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let m = |x: &serde_json::Value| Money::parse(x.as_str().unwrap()).unwrap();
    let got: std::collections::BTreeMap<String, (Money, Money)> = v["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                (
                    m(&r["entertainment_budget"]) + m(&r["gift_budget"]),
                    m(&r["entertainment_spent"]) + m(&r["gift_spent"]),
                ),
            )
        })
        .collect();
    assert_eq!(got, want);
}

/// Market events worked out by hand (period 2026-10-01 – 2026-12-31):
///
/// C000801 came to the seminar of 10-15 and the fair of 11-01. Its deals: 10-15 (the day
///   itself: not counted) 5,000; 10-20 10,000 (after the seminar, before the fair);
///   10-25 cancelled.
/// C000802 came to the seminar (entered with a space after its name); its deal of
///   2027-01-14 is 91 days after: not within 90, within 91.
/// C000803 (trashed) came to the seminar: left out.
///
/// 90 days: seminar 2 accounts, 1 bought (50%), 10,000; fair 1 account, none; in all 3, 1,
/// 33.3%, 10,000. 91 days: the seminar's 2 both bought, 13,000.
fn events_book() -> TempDb {
    let db = TempDb::new();
    let mut s = db.writer();
    let deal = |s: &mut Store, id: i64, on: &str, yuan: &str, cancelled: bool| {
        s.insert(&mut Deal {
            account_id: id,
            date: Some(date(on)),
            product: "数控车床".into(),
            amount: Some(money(yuan)),
            status: cancelled.then_some(OrderStatus::Cancelled),
            ..Default::default()
        })
        .unwrap();
    };
    let came = |s: &mut Store, id: i64, event: &str, on: &str| {
        let mut e = sample_event_attendance(id);
        e.event = event.into();
        e.date = Some(date(on));
        s.insert(&mut e).unwrap();
    };
    let mut a = sample_account("C000801");
    s.insert(&mut a).unwrap();
    came(&mut s, a.id, "秋季研讨会", "2026-10-15");
    came(&mut s, a.id, "工博会", "2026-11-01");
    deal(&mut s, a.id, "2026-10-15", "5000", false);
    deal(&mut s, a.id, "2026-10-20", "10000", false);
    deal(&mut s, a.id, "2026-10-25", "7000", true);
    let mut b = sample_account("C000802");
    b.name = "第二个客户".into();
    b.registration_no = None;
    s.insert(&mut b).unwrap();
    came(&mut s, b.id, "秋季研讨会 ", "2026-10-15");
    deal(&mut s, b.id, "2027-01-14", "3000", false);
    let mut c = sample_account("C000803");
    c.name = "已删除的客户".into();
    c.registration_no = None;
    s.insert(&mut c).unwrap();
    came(&mut s, c.id, "秋季研讨会", "2026-10-15");
    deal(&mut s, c.id, "2026-10-20", "99999", false);
    s.delete(RecordKind::Account, c.id).unwrap();
    drop(s);
    db
}

#[test]
fn the_events_report_counts_attendance_and_the_accounts_that_bought_after() {
    let db = events_book();
    let run = |extra: &[&str]| {
        let mut a = vec![
            "report",
            "events",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
        ];
        a.extend_from_slice(extra);
        kam_db(&db.path, &a)
    };
    let o = run(&["--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let m = |x: &serde_json::Value| Money::parse(x.as_str().unwrap()).unwrap();
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "{v}");
    assert_eq!(events[0]["event"], "秋季研讨会");
    assert_eq!(events[0]["accounts"], 2);
    assert_eq!(events[0]["converted"], 1);
    assert_eq!(events[0]["conversion"], 0.5);
    assert_eq!(m(&events[0]["amount_after"]), money("10000"));
    assert_eq!(events[1]["event"], "工博会");
    assert_eq!(
        (
            events[1]["accounts"].clone(),
            events[1]["converted"].clone()
        ),
        (1.into(), 0.into())
    );
    assert_eq!(
        (v["accounts"].clone(), v["converted"].clone()),
        (3.into(), 1.into())
    );
    assert_eq!(m(&v["amount_after"]), money("10000"));
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--format", "json", "--days", "91"]).stdout).unwrap();
    assert_eq!(v["events"][0]["converted"], 2);
    assert_eq!(m(&v["events"][0]["amount_after"]), money("13000"));
    // Text, Markdown and the workbook say the same.
    let text = stdout(&kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "report",
            "events",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
        ],
    ));
    assert!(
        text.contains("市场活动及其后成交 2026-10-01 – 2026-12-31"),
        "{text}"
    );
    assert!(text.contains("33.3%"), "{text}");
    let md = stdout(&run(&["--format", "md"]));
    assert!(
        md.contains(
            "| 2026-10-15 | 秋季研讨会 | Seminar | 杭州国际博览中心 | 2 | 1 | 50.0% | 10,000.00 |"
        ),
        "{md}"
    );
    let file = db.file("events.xlsx");
    assert!(run(&["--format", "xlsx", "--out", file.to_str().unwrap()])
        .status
        .success());
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"));
    // A bad number of days: one sentence, nothing else.
    let o = run(&["--days", "0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--days must be between 1 and 3650"),
        "{}",
        stderr(&o)
    );
}

/// The analytics screen's gifts and events tabs (issue 22) show what the command line's
/// JSON says, for the same year, in both languages.
mod analytics_tabs {
    use super::{events_book, q4_book};
    use crate::support::ui::Session;
    use crate::support::*;
    use kam::app::App;
    use kam::i18n::Lang;

    fn cli_json(db: &TempDb, report: &str) -> serde_json::Value {
        let o = kam_db(
            &db.path,
            &[
                "report",
                report,
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--format",
                "json",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    }

    fn session(db: &TempDb, lang: Lang) -> Session {
        Session {
            app: App::new(db.writer(), lang).unwrap(),
            dir: tempdir(),
        }
    }

    #[test]
    fn the_gifts_tab_holds_the_figures_of_kam_report_gifts() {
        let (db, s) = q4_book();
        drop(s);
        let want = cli_json(&db, "gifts");
        for lang in [Lang::En, Lang::Zh] {
            let mut s = session(&db, lang);
            s.keys("A0\t\t\t");
            let a = s.app.analytics().unwrap();
            let got = serde_json::to_value(a.gifts.as_ref().unwrap()).unwrap();
            for key in ["accounts", "total", "left"] {
                assert_eq!(got[key], want[key], "{key}");
            }
            let screen = s.screen(120, 24);
            insta::assert_snapshot!(format!("analytics_gifts_{}_120x24", lang.code()), screen);
            // The year's entertainment at C000801: the two dinners held, 1,530.00 each.
            assert!(screen.contains("3,060.00"), "{screen}");
        }
    }

    #[test]
    fn the_events_tab_holds_the_figures_of_kam_report_events() {
        let db = events_book();
        let want = cli_json(&db, "events");
        for lang in [Lang::En, Lang::Zh] {
            let mut s = session(&db, lang);
            s.keys("A0\t\t\t\t");
            let a = s.app.analytics().unwrap();
            let got = serde_json::to_value(a.events.as_ref().unwrap()).unwrap();
            for key in [
                "events",
                "accounts",
                "converted",
                "conversion",
                "amount_after",
                "days",
            ] {
                assert_eq!(got[key], want[key], "{key}");
            }
            let screen = s.screen(120, 24);
            insta::assert_snapshot!(format!("analytics_events_{}_120x24", lang.code()), screen);
            assert!(
                screen.contains("秋季研讨会") && screen.contains("10,000.00"),
                "{screen}"
            );
        }
    }
}
