//! Issue 21, returns and claims (退货/索赔): stored per account with history, trash and back,
//! shown under the deals, carried by every export and brought back, in the demo book.

use crate::support::ui::filled;
use crate::support::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;

fn sample_return(account_id: i64) -> ReturnClaim {
    ReturnClaim {
        account_id,
        date: Some(date("2026-11-02")),
        kind: Some(ReturnKind::Return),
        product: "服务器机柜".into(),
        quantity: Some(2),
        amount: Some(money("7600.00")),
        reason: Some("到货外观破损".into()),
        status: Some(ReturnStatus::Processing),
        order_no: Some("SO-2026-118".into()),
        ..Default::default()
    }
}

#[test]
fn a_return_is_kept_with_history_and_goes_to_the_trash_and_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut a = sample_account("C000001");
    let id = store.insert(&mut a).unwrap();
    let mut r = sample_return(id);
    store.insert(&mut r).unwrap();
    assert_eq!(store.dossier(id).unwrap().returns, vec![r.clone()]);
    r.status = Some(ReturnStatus::Resolved);
    assert_eq!(store.update(&mut r).unwrap(), 1);
    assert!(store
        .history(id)
        .unwrap()
        .iter()
        .any(|c| c.entity == "returns" && c.field.as_deref() == Some("status")));
    store.delete(RecordKind::ReturnClaim, r.id).unwrap();
    assert!(store.dossier(id).unwrap().returns.is_empty());
    store.restore(RecordKind::ReturnClaim, r.id).unwrap();
    assert_eq!(store.dossier(id).unwrap().returns.len(), 1);
    // A negative quantity is refused in one sentence, nothing added.
    let mut bad = sample_return(id);
    bad.quantity = Some(-1);
    assert!(store.insert(&mut bad).is_err());
    assert_eq!(store.dossier(id).unwrap().returns.len(), 1);
}

#[test]
fn returns_travel_in_json_and_xlsx_and_come_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = store.insert(&mut sample_account("C000001")).unwrap();
    store.insert(&mut sample_return(id)).unwrap();
    drop(store);
    for format in ["json", "xlsx"] {
        let out = db.file(&format!("book.{format}"));
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
            .all::<ReturnClaim>()
            .unwrap();
        assert_eq!(back.len(), 1, "{format}");
        let mut want = sample_return(back[0].account_id);
        want.id = back[0].id;
        want.created_at = back[0].created_at.clone();
        want.updated_at = back[0].updated_at.clone();
        assert_eq!(back[0], want, "{format}");
    }
}

#[test]
fn r_on_an_account_records_a_return_shown_under_its_deals() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = filled(lang);
        s.press(KeyCode::Enter).keys("3R");
        // Date (today), kind, then the product and the rest.
        s.keys("\t\t服务器机柜\t2\t7600");
        s.save();
        let all = s.app.store.all::<ReturnClaim>().unwrap();
        assert_eq!(all.len(), 1, "{}", s.status());
        assert_eq!(all[0].amount, Some(money("7600")));
        let screen = s.screen(80, 24);
        insta::assert_snapshot!(format!("returns_deals_tab_{}_80x24", lang.code()), screen);
    }
}

#[test]
fn the_demo_book_holds_returns_in_proportion_to_its_deals() {
    let db = TempDb::new();
    let mut store = db.writer();
    kam::demo::generate(&mut store, 300, 7).unwrap();
    let deals = store.all::<Deal>().unwrap().len();
    let returns = store.all::<ReturnClaim>().unwrap();
    assert!(!returns.is_empty());
    // About one deal in thirty-odd, never more than one in ten.
    assert!(returns.len() * 10 < deals, "{} of {deals}", returns.len());
    assert!(returns
        .iter()
        .all(|r| r.order_no.is_some() && r.amount.is_some()));
    // The demo's catalogue names what the demo deals name.
    let products = store.products().unwrap();
    assert_eq!(products.len(), 24);
    let named = store
        .all::<Deal>()
        .unwrap()
        .iter()
        .filter(|d| products.iter().any(|p| p.is_named(&d.product)))
        .count();
    assert_eq!(named, deals);
}

/// A book computed by hand: C000001 sold 10,000.00 of 路由器 in October and 5,000.00 in 2025;
/// a return of 1,000.00 in November, a claim of 500.00 in 2025 (outside the period).
fn report_book() -> TempDb {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = store.insert(&mut sample_account("C000001")).unwrap();
    for (day, yuan) in [("2026-10-08", "10000"), ("2025-06-01", "5000")] {
        let mut d = Deal {
            account_id: id,
            date: Some(date(day)),
            product: "路由器".into(),
            amount: Some(money(yuan)),
            ..Default::default()
        };
        store.insert(&mut d).unwrap();
    }
    let mut r = sample_return(id);
    r.product = " 路由器 ".into();
    r.amount = Some(money("1000"));
    store.insert(&mut r).unwrap();
    let mut c = sample_return(id);
    c.kind = Some(ReturnKind::Claim);
    c.date = Some(date("2025-07-01"));
    c.product = "路由器".into();
    c.amount = Some(money("500"));
    store.insert(&mut c).unwrap();
    db
}

#[test]
fn kam_report_returns_gives_the_rate_by_hand_in_every_format() {
    let db = report_book();
    let run = |args: &[&str]| {
        let mut all = vec![
            "report",
            "returns",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ];
        all.extend_from_slice(args);
        let o = kam_db(&db.path, &all);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    // 1,000 of 10,000 = 10.0 %; the 2025 claim and sale are outside the period.
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_eq!(json["total_sales"], "10000.00");
    assert_eq!(json["total_returned"], "1000.00");
    assert_eq!(json["rate"], 0.1);
    assert_eq!(json["accounts"][0]["code"], "C000001");
    assert_eq!(json["accounts"][0]["returns"], 1);
    assert_eq!(json["accounts"][0]["claims"], 0);
    assert_eq!(json["products"][0]["product"], "路由器");
    assert_eq!(json["products"][0]["quantity"], 2);
    let text = run(&[]);
    assert!(text.contains("10.0%") && text.contains("C000001"), "{text}");
    let md = run(&["--format", "markdown"]);
    assert!(md.starts_with("## ") && md.contains("| 路由器"), "{md}");
    let xlsx = db.file("returns.xlsx");
    run(&["--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"));
    // 2025 alone: the claim of 500 against 5,000.
    let o = kam_db(
        &db.path,
        &[
            "report",
            "returns",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["rate"], 0.1);
    assert_eq!(json["accounts"][0]["claims"], 1);
}

#[test]
fn the_returns_report_agrees_with_sums_over_the_export() {
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
    let (from, to) = (date("2025-01-01"), date("2026-12-31"));
    let o = kam_db(
        &db.path,
        &[
            "report",
            "returns",
            "--from",
            "2025-01-01",
            "--to",
            "2026-12-31",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut total_returned = Money::ZERO;
    let mut total_sales = Money::ZERO;
    let mut per_account = std::collections::HashMap::new();
    for a in &doc.accounts {
        let returned: Money = a
            .returns
            .iter()
            .filter(|r| r.date.is_some_and(|d| d >= from && d <= to))
            .map(|r| r.value())
            .sum();
        total_returned += returned;
        total_sales += a
            .deals
            .iter()
            .filter(|d| d.date.is_some_and(|x| x >= from && x <= to))
            .filter(|d| d.status != Some(OrderStatus::Cancelled))
            .map(|d| d.total())
            .sum();
        if returned > Money::ZERO {
            per_account.insert(a.account.code.clone(), returned);
        }
    }
    assert!(total_returned > Money::ZERO, "the demo has returns");
    let m = |v: &serde_json::Value| Money::parse(v.as_str().unwrap()).unwrap();
    assert_eq!(m(&json["total_returned"]), total_returned);
    assert_eq!(m(&json["total_sales"]), total_sales);
    let rows = json["accounts"].as_array().unwrap();
    for r in rows {
        assert_eq!(
            m(&r["returned"]),
            per_account[r["code"].as_str().unwrap()],
            "{r}"
        );
    }
    let by_product: Money = json["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| m(&p["returned"]))
        .sum();
    assert_eq!(by_product, total_returned);
}
