//! Issue 21: `kam report purchases` (交易频次, interval, next purchase, 复购率) and `kam report
//! satisfaction` (满意度, quality and watch customers) in every format, computed by hand on a
//! small book, and checked against sums over the JSON export of a demo book.

use crate::support::*;
use kam::domain::*;
use std::collections::HashMap;

fn run(db: &TempDb, kind: &str, from: &str, to: &str, format: &str) -> String {
    let o = kam_db(
        &db.path,
        &[
            "report", kind, "--from", from, "--to", to, "--format", format,
        ],
    );
    assert!(o.status.success(), "{kind} {format}: {}", stderr(&o));
    stdout(&o)
}

/// C000001 buys on 2026-01-10, 02-09 (two orders) and 03-11; C000002 once, on 05-05, and
/// cancels an order on 06-01. C000001 rates 5, 5 and 4; C000002 complains four times.
fn small_book() -> TempDb {
    let db = TempDb::new();
    let mut store = db.writer();
    let a = store.insert(&mut sample_account("C000001")).unwrap();
    let b = store.insert(&mut sample_account("C000002")).unwrap();
    let deal = |account_id, day: &str, status| Deal {
        account_id,
        date: Some(date(day)),
        product: "路由器".into(),
        amount: Some(money("1000")),
        status,
        ..Default::default()
    };
    for (id, day, status) in [
        (a, "2026-01-10", None),
        (a, "2026-02-09", None),
        (a, "2026-02-09", None),
        (a, "2026-03-11", None),
        (b, "2026-05-05", None),
        (b, "2026-06-01", Some(OrderStatus::Cancelled)),
    ] {
        store.insert(&mut deal(id, day, status)).unwrap();
    }
    let fb = |account_id, day: &str, rating, kind| Feedback {
        account_id,
        date: Some(date(day)),
        kind: Some(kind),
        rating,
        content: "—".into(),
        ..Default::default()
    };
    for (id, day, rating, kind) in [
        (a, "2026-01-05", Some(5), FeedbackKind::Praise),
        (a, "2026-01-20", Some(5), FeedbackKind::Praise),
        (a, "2026-02-03", Some(4), FeedbackKind::Suggestion),
        (b, "2026-02-10", Some(2), FeedbackKind::Complaint),
        (b, "2026-02-11", Some(1), FeedbackKind::Complaint),
        (b, "2026-03-01", None, FeedbackKind::Complaint),
        (b, "2026-03-02", None, FeedbackKind::Complaint),
    ] {
        store.insert(&mut fb(id, day, rating, kind)).unwrap();
    }
    db
}

#[test]
fn purchases_by_hand_in_every_format() {
    let db = small_book();
    let j: serde_json::Value =
        serde_json::from_str(&run(&db, "purchases", "2026-01-01", "2026-12-31", "json")).unwrap();
    // C000001: 3 purchase days, 60 days over 2 intervals = 30: high; next 2026-04-10.
    assert_eq!(j["accounts"][0]["code"], "C000001");
    assert_eq!(j["accounts"][0]["purchases"], 3);
    assert_eq!(j["accounts"][0]["average_interval"], 30.0);
    assert_eq!(j["accounts"][0]["next_expected"], "2026-04-10");
    assert_eq!(j["accounts"][0]["segment"], "high");
    // C000002: once (its cancelled order is no purchase): low.
    assert_eq!(j["accounts"][1]["purchases"], 1);
    assert_eq!(j["accounts"][1]["segment"], "low");
    assert_eq!(
        (j["buyers"].as_u64(), j["repeat_buyers"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(j["repurchase_rate"], 0.5);
    let text = run(&db, "purchases", "2026-01-01", "2026-12-31", "text");
    assert!(
        text.contains("50.0%") && text.contains("2026-04-10"),
        "{text}"
    );
    let md = run(&db, "purchases", "2026-01-01", "2026-12-31", "markdown");
    assert!(md.starts_with("## "), "{md}");
    let xlsx = db.file("p.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "report",
            "purchases",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // February alone: C000001 bought once.
    let j: serde_json::Value =
        serde_json::from_str(&run(&db, "purchases", "2026-02-01", "2026-02-28", "json")).unwrap();
    assert_eq!(j["buyers"], 1);
    assert_eq!(j["repurchase_rate"], 0.0);
}

#[test]
fn satisfaction_by_hand_in_every_format() {
    let db = small_book();
    let j: serde_json::Value = serde_json::from_str(&run(
        &db,
        "satisfaction",
        "2026-01-01",
        "2026-12-31",
        "json",
    ))
    .unwrap();
    // 17 over 5 ratings = 3.4; four complaints; C000002 watched, C000001 quality (93.3 %).
    assert_eq!(j["ratings"], 5);
    assert_eq!(j["average"], 3.4);
    assert_eq!(j["complaints"], 4);
    assert_eq!(j["accounts"][0]["code"], "C000002");
    assert_eq!(j["accounts"][0]["watch"], true);
    assert_eq!(j["accounts"][1]["quality"], true);
    assert_eq!(j["months"].as_array().unwrap().len(), 3);
    let text = run(&db, "satisfaction", "2026-01-01", "2026-12-31", "text");
    assert!(text.contains("93.3%") && text.contains("2026-02"), "{text}");
    let zh = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "report",
            "satisfaction",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
    );
    let zh = stdout(&zh);
    assert!(zh.contains("关注客户") && zh.contains("优质客户"), "{zh}");
    let xlsx = db.file("s.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "report",
            "satisfaction",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn purchases_and_satisfaction_agree_with_sums_over_the_export() {
    let db = TempDb::new();
    let o = kam(&[
        "--db",
        db.path.to_str().unwrap(),
        "demo",
        "--accounts",
        "300",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let export = kam_db(&db.path, &["export", "--format", "json"]);
    let doc: kam::exchange::json::Document = serde_json::from_slice(&export.stdout).unwrap();
    let (from, to) = (date("2026-01-01"), date("2026-12-31"));
    let inside = |d: Option<chrono::NaiveDate>| d.is_some_and(|d| d >= from && d <= to);
    // Purchase days per account, and ratings over the book, from the export alone.
    let mut days: HashMap<String, usize> = HashMap::new();
    let (mut sum, mut n, mut complaints) = (0i64, 0usize, 0usize);
    for a in &doc.accounts {
        let mut d: Vec<_> = a
            .deals
            .iter()
            .filter(|x| inside(x.date) && x.status != Some(OrderStatus::Cancelled))
            .filter_map(|x| x.date)
            .collect();
        d.sort();
        d.dedup();
        if !d.is_empty() {
            days.insert(a.account.code.clone(), d.len());
        }
        for f in a.feedback.iter().filter(|f| inside(f.date)) {
            if let Some(r) = f.rating.filter(|r| (1..=5).contains(r)) {
                sum += r;
                n += 1;
            }
            complaints += usize::from(f.kind == Some(FeedbackKind::Complaint));
        }
    }
    let p: serde_json::Value =
        serde_json::from_str(&run(&db, "purchases", "2026-01-01", "2026-12-31", "json")).unwrap();
    let rows = p["accounts"].as_array().unwrap();
    assert_eq!(rows.len(), days.len());
    for r in rows {
        assert_eq!(
            r["purchases"].as_u64().unwrap() as usize,
            days[r["code"].as_str().unwrap()]
        );
    }
    let repeat = days.values().filter(|&&k| k >= 2).count();
    assert_eq!(p["repeat_buyers"].as_u64().unwrap() as usize, repeat);
    let s: serde_json::Value = serde_json::from_str(&run(
        &db,
        "satisfaction",
        "2026-01-01",
        "2026-12-31",
        "json",
    ))
    .unwrap();
    assert!(n > 0, "the demo rates something in 2026");
    assert_eq!(s["ratings"].as_u64().unwrap() as usize, n);
    assert_eq!(s["complaints"].as_u64().unwrap() as usize, complaints);
    assert!((s["average"].as_f64().unwrap() - sum as f64 / n as f64).abs() < 1e-9);
}
