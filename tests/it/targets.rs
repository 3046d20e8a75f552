//! Issue 21, targets and work plans (周期/月度工作方案表): a rep's target per month, quarter or
//! half-year is the book's own record (history, trash, every export and back, the demo);
//! `kam report targets` sets it against the sales, new accounts (first deal in the period) and
//! visits done, by hand and against sums over the export; the targets screen (`T`) shows
//! them and adds, edits and deletes them.

use crate::support::ui::filled;
use crate::support::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;

fn target(rep: &str, period: &str, sales: &str, new: i64, visits: i64) -> Target {
    Target {
        rep: rep.into(),
        period: period.into(),
        sales: Some(money(sales)),
        new_accounts: Some(new),
        visits: Some(visits),
        plan: Some("重点跟进A类客户续签".into()),
        ..Default::default()
    }
}

#[test]
fn a_target_is_kept_once_per_rep_and_period_with_history_and_the_trash() {
    let db = TempDb::new();
    let mut store = db.writer();
    // Typed the Chinese way, kept the one way.
    let mut nov = target("王磊", "2026年11月", "40000", 1, 4);
    store.insert(&mut nov).unwrap();
    assert_eq!(nov.period, "2026-11");
    // A second target for the same rep and period is refused in one sentence; nothing added.
    let mut twin = target(" 王磊 ", "2026-11", "1", 0, 0);
    let e = store.insert(&mut twin).unwrap_err();
    let said = kam::error::sentence_in(Lang::En, &e);
    assert!(said.contains("王磊") && said.contains("2026-11"), "{said}");
    assert_eq!(store.targets().unwrap().len(), 1);
    // A period that does not read is refused too.
    let mut bad = target("王磊", "2026-13", "1", 0, 0);
    assert!(store.insert(&mut bad).is_err());
    // Another rep, and another period of the same rep, are fine.
    store
        .insert(&mut target("李娜", "2026-11", "50000", 0, 20))
        .unwrap();
    store
        .insert(&mut target("王磊", "2026-q4", "100000", 2, 6))
        .unwrap();
    // Edited: a history row for the field changed.
    nov.sales = Some(money("45000"));
    assert_eq!(store.update(&mut nov).unwrap(), 1);
    let h = store.record_history(RecordKind::Target, nov.id).unwrap();
    assert!(
        h.iter().any(|c| c.field.as_deref() == Some("sales")),
        "{h:?}"
    );
    // Trash and back.
    store.delete(RecordKind::Target, nov.id).unwrap();
    assert_eq!(store.targets().unwrap().len(), 2);
    assert!(store
        .trash()
        .unwrap()
        .iter()
        .any(|t| t.kind == RecordKind::Target && t.id == nov.id));
    store.restore(RecordKind::Target, nov.id).unwrap();
    let keys: Vec<(String, String)> = store
        .targets()
        .unwrap()
        .into_iter()
        .map(|t| (t.period, t.rep))
        .collect();
    assert_eq!(
        keys,
        [
            ("2026-11".to_string(), "李娜".to_string()),
            ("2026-11".into(), "王磊".into()),
            ("2026-Q4".into(), "王磊".into())
        ]
    );
}

#[test]
fn targets_travel_in_json_csv_and_xlsx_and_come_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    store.insert(&mut sample_account("C000001")).unwrap();
    store
        .insert(&mut target("王磊", "2026-Q4", "300000", 6, 90))
        .unwrap();
    let mut nov = target("王磊", "2026-11", "100000", 2, 30);
    nov.support = Some("需要市场部配合一次推介会\n第二行".into());
    store.insert(&mut nov).unwrap();
    let want = store.targets().unwrap();
    drop(store);
    let strip = |ts: &[Target]| -> Vec<Target> {
        ts.iter()
            .map(|t| Target {
                id: 0,
                created_at: None,
                updated_at: None,
                ..t.clone()
            })
            .collect()
    };
    for format in ["json", "csv", "xlsx"] {
        let out = db.file(&format!("book-{format}"));
        let out = if format == "csv" {
            out
        } else {
            out.with_extension(format)
        };
        let o = kam_db(
            &db.path,
            &[
                "--lang",
                "zh",
                "export",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let copy = TempDb::new();
        let o = kam_db(&copy.path, &["import", out.to_str().unwrap()]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let back = Store::open(&copy.path, kam::store::Access::Read)
            .unwrap()
            .targets()
            .unwrap();
        assert_eq!(strip(&back), strip(&want), "{format}");
    }
    // One account's export holds no rep's targets.
    let o = kam_db(
        &db.path,
        &["export", "--format", "json", "--account", "C000001"],
    );
    assert!(!stdout(&o).contains("2026-Q4"), "{}", stdout(&o));
}

/// Two accounts and a trashed one, with deals and visits around the fourth quarter of 2026.
fn report_book() -> TempDb {
    let db = TempDb::new();
    let mut store = db.writer();
    let deal = |account_id: i64, day: &str, yuan: &str, status: Option<OrderStatus>| Deal {
        account_id,
        date: Some(date(day)),
        product: "路由器".into(),
        amount: Some(money(yuan)),
        status,
        ..Default::default()
    };
    let c1 = store.insert(&mut sample_account("C000001")).unwrap();
    let c2 = store.insert(&mut sample_account("C000002")).unwrap();
    let c3 = store.insert(&mut sample_account("C000003")).unwrap();
    for mut d in [
        // C1's first deal is in October: a new account of Q4, not of November.
        deal(c1, "2026-10-05", "10000", None),
        deal(c1, "2026-11-10", "20000", None),
        deal(c1, "2026-11-12", "99999", Some(OrderStatus::Cancelled)),
        // C2 bought in 2025 already: not new in 2026.
        deal(c2, "2025-05-01", "5000", None),
        deal(c2, "2026-11-20", "30000", None),
        // C3 goes to the trash: its deal counts nowhere.
        deal(c3, "2026-11-01", "77777", None),
    ] {
        store.insert(&mut d).unwrap();
    }
    for (account_id, day) in [
        (c1, "2026-11-03"),
        (c1, "2026-11-15"),
        (c2, "2026-12-01"),
        (c3, "2026-11-02"),
    ] {
        let mut v = sample_report(account_id);
        v.date = Some(date(day));
        v.next_visit = None;
        store.insert(&mut v).unwrap();
    }
    store.delete(RecordKind::Account, c3).unwrap();
    store
        .insert(&mut target("王磊", "2026-Q4", "100000", 2, 6))
        .unwrap();
    store
        .insert(&mut target("王磊", "2026-11", "40000", 1, 4))
        .unwrap();
    store
        .insert(&mut target("王磊", "2025-11", "1000", 1, 1))
        .unwrap();
    db
}

fn report(db: &TempDb, args: &[&str]) -> String {
    let mut all = vec![
        "report",
        "targets",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ];
    all.extend_from_slice(args);
    let o = kam_db(&db.path, &all);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn kam_report_targets_sets_plan_against_done_by_hand_in_every_format() {
    let db = report_book();
    let json: serde_json::Value =
        serde_json::from_str(&report(&db, &["--format", "json"])).unwrap();
    let lines = json["lines"].as_array().unwrap();
    // 2025's target is outside the period; the quarter comes before its month.
    let periods: Vec<&str> = lines
        .iter()
        .map(|l| l["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2026-Q4", "2026-11"]);
    let (q4, nov) = (&lines[0], &lines[1]);
    // Q4: 10,000 + 20,000 + 30,000 = 60,000 of 100,000 (the cancelled deal and the trashed
    // account's left out) = 60 %; new: C1 only, 1 of 2; visits 3 of 6.
    assert_eq!(q4["sales"]["actual"], "60000.00");
    assert_eq!(q4["sales"]["reached"], 0.6);
    assert_eq!(q4["new_accounts"]["actual"], 1);
    assert_eq!(q4["new_accounts"]["reached"], 0.5);
    assert_eq!(q4["visits"]["actual"], 3);
    assert_eq!(q4["visits"]["reached"], 0.5);
    // Its breakdown: November's target alone.
    assert_eq!(q4["breakdown"]["parts"], serde_json::json!(["2026-11"]));
    assert_eq!(q4["breakdown"]["sales"], "40000.00");
    // November: 50,000 of 40,000 = 125 %; no new account (C1 began in October); 2 of 4 visits.
    assert_eq!(nov["sales"]["actual"], "50000.00");
    assert_eq!(nov["sales"]["reached"], 1.25);
    assert_eq!(nov["new_accounts"]["actual"], 0);
    assert_eq!(nov["new_accounts"]["reached"], 0.0);
    assert_eq!(nov["visits"]["reached"], 0.5);
    let text = report(&db, &[]);
    assert!(
        text.contains("125.0%") && text.contains("2026-Q4"),
        "{text}"
    );
    let md = report(&db, &["--format", "markdown"]);
    assert!(md.starts_with("## ") && md.contains("| 王磊"), "{md}");
    let zh = stdout(&kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "report",
            "targets",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
        ],
    ));
    assert!(zh.contains("完成率") && zh.contains("新开客户数"), "{zh}");
    let xlsx = db.file("targets.xlsx");
    report(&db, &["--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    // A single-rep book: --rep picks the targets by their rep's name.
    let none = report(&db, &["--rep", "李娜", "--format", "json"]);
    let none: serde_json::Value = serde_json::from_str(&none).unwrap();
    assert_eq!(none["lines"].as_array().unwrap().len(), 0);
}

#[test]
fn the_targets_report_agrees_with_sums_over_the_export() {
    let db = TempDb::new();
    let o = kam(&[
        "--db",
        db.path.to_str().unwrap(),
        "demo",
        "--accounts",
        "400",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let export = kam_db(&db.path, &["export", "--format", "json"]);
    let doc: kam::exchange::json::Document = serde_json::from_slice(&export.stdout).unwrap();
    // The demo's year: a target for every month, quarter and half-year of it.
    assert_eq!(doc.targets.len(), 18, "{:?}", doc.targets.len());
    let json: serde_json::Value =
        serde_json::from_str(&report(&db, &["--format", "json"])).unwrap();
    let lines = json["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 18);
    let m = |v: &serde_json::Value| Money::parse(v.as_str().unwrap()).unwrap();
    for l in lines {
        let (from, to) = (
            date(l["from"].as_str().unwrap()),
            date(l["to"].as_str().unwrap()),
        );
        let within = |d: Option<chrono::NaiveDate>| d.is_some_and(|d| d >= from && d <= to);
        let mut sales = Money::ZERO;
        let (mut new, mut visits) = (0i64, 0i64);
        for a in &doc.accounts {
            let live = a
                .deals
                .iter()
                .filter(|d| d.status != Some(OrderStatus::Cancelled));
            sales += live
                .clone()
                .filter(|d| within(d.date))
                .map(|d| d.total())
                .sum();
            new += i64::from(within(live.filter_map(|d| d.date).min()));
            visits += doc
                .visit_reports
                .iter()
                .filter(|v| v.code == a.account.code && within(v.record.date))
                .count() as i64;
        }
        assert_eq!(m(&l["sales"]["actual"]), sales, "{}", l["period"]);
        assert_eq!(l["new_accounts"]["actual"], new, "{}", l["period"]);
        assert_eq!(l["visits"]["actual"], visits, "{}", l["period"]);
    }
}

#[test]
fn the_targets_screen_lists_plan_against_done_and_adds_edits_and_deletes() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = filled(lang);
        s.keys("T");
        let empty = s.screen(80, 24);
        insta::assert_snapshot!(format!("targets_empty_{}_80x24", lang.code()), empty);
        s.app
            .store
            .insert(&mut target("王磊", "2026-Q4", "300000", 6, 90))
            .unwrap();
        s.app
            .store
            .insert(&mut target("王磊", "2026-10", "90000", 2, 30))
            .unwrap();
        s.app
            .store
            .insert(&mut target("王磊", "2026-11", "100000", 2, 30))
            .unwrap();
        s.press(KeyCode::Esc).keys("T");
        let screen = s.screen(80, 24);
        for shown in ["2026-Q4", "2026-11", "2026-10…2026-11"] {
            assert!(screen.contains(shown), "{shown}\n{screen}");
        }
        insta::assert_snapshot!(format!("targets_{}_80x24", lang.code()), screen);
        // n: this month, and the rep of the row selected (the profile has no name here),
        // which is replaced by another.
        let before = s.app.store.targets().unwrap().len();
        s.keys("n")
            .press(KeyCode::Backspace)
            .press(KeyCode::Backspace)
            .keys("李娜\t\t50000");
        s.save();
        let all = s.app.store.targets().unwrap();
        assert_eq!(all.len(), before + 1, "{}", s.status());
        let new = all.iter().find(|t| t.rep == "李娜").unwrap();
        assert_eq!(new.period, "2026-11");
        assert_eq!(new.sales, Some(money("50000")));
        assert!(s.screen(80, 24).contains("李娜"));
        // The year before has none; back to this one.
        s.keys("[");
        assert!(s.screen(80, 24).contains("2025"));
        s.keys("]");
        // d on the first row (李娜's, by rep) moves it to the trash.
        s.keys("dy");
        assert_eq!(
            s.app.store.targets().unwrap().len(),
            before,
            "{}",
            s.status()
        );
    }
}

#[test]
fn the_scorecard_reads_its_sales_target_from_the_targets_of_its_period() {
    let db = report_book();
    let store = db.writer();
    let nov = kam::analytics::Period::month_of(date("2026-11-23"));
    let card = kam::analytics::scorecard(&store, nov, date("2026-11-23")).unwrap();
    // November's target is 40,000; October has none set (the quarter's is not October's).
    assert_eq!(card.now.target, Some(money("40000")));
    assert_eq!(card.before.target, None);
}
