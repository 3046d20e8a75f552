//! A hostile book through kam's own workbook and CSV folder and back into an empty book:
//! every record kind with the values that break sheets (notes with line breaks, quotes,
//! commas and tabs, Chinese and emoji, amounts with cents, negative and huge numbers, dates
//! at the edges of a spreadsheet's calendar, custom fields of every type, the catalogue and
//! targets). What JSON carries, the sheets carry, except what a sheet is not for (the
//! personal dossier, the account plan, the attachments' bytes), said where it is asked for.

use super::*;
use serde_json::Value;

/// A book of every kind of record, filled with what a sheet finds hard.
pub(super) fn hostile_book() -> TempDb {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut a = sample_account("C000777");
    a.notes = Some("第一行 \"引号\", 逗号\n\t制表符 and 🎉 emoji\r\n最后一行".into());
    a.annual_revenue = Some(money("12345678901234.56"));
    a.employees = Some(9_007_199_254_740_993);
    a.distance_km = Some(0.000_123_456_789_012_3);
    a.cooperating_since = Some(date("1899-12-31"));
    a.place_lat = Some(-33.868_819_999_999_99);
    a.place_lon = Some(151.209_295_5);
    a.bank_account = Some("0012345678901234567890".into());
    a.tags = Some("vip, 老客户, 🎯".into());
    let id = store.insert(&mut a).unwrap();
    let mut c = sample_contact(id);
    c.mobile = Some("13800138000".into());
    c.qq = Some("007".into());
    c.dossier = None;
    store.insert(&mut c).unwrap();
    let mut d = sample_deal(id);
    d.amount = Some(money("-0.10"));
    d.date = Some(date("1900-02-28"));
    store.insert(&mut d).unwrap();
    let mut d = sample_deal(id);
    d.order_no = Some("SO-9999".into());
    d.amount = Some(money("987654321987654.21"));
    d.date = Some(date("9999-12-31"));
    store.insert(&mut d).unwrap();
    store.insert(&mut sample_opportunity(id)).unwrap();
    store.insert(&mut sample_needs(id)).unwrap();
    store.insert(&mut sample_service(id)).unwrap();
    store.insert(&mut sample_feedback(id)).unwrap();
    store.insert(&mut sample_communication(id)).unwrap();
    store.insert(&mut sample_plan(id)).unwrap();
    store.insert(&mut sample_report(id)).unwrap();
    store.insert(&mut sample_contract(id)).unwrap();
    store.insert(&mut sample_payment(id)).unwrap();
    store.insert(&mut sample_entertainment(id)).unwrap();
    store.insert(&mut sample_gift(id)).unwrap();
    store.insert(&mut sample_competitor(id)).unwrap();
    store.insert(&mut sample_event_attendance(id)).unwrap();
    store
        .insert(&mut ReturnClaim {
            account_id: id,
            date: Some(date("2024-02-29")),
            product: "数控车床 CK6140".into(),
            quantity: Some(3),
            amount: Some(money("1.10")),
            notes: Some("  前后有空格  ".into()),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut Product {
            number: "007".into(),
            name: "数控车床 CK6140".into(),
            specification: Some("1.10".into()),
            price: Some(money("0.01")),
            tax_rate: Some(13),
            barcode: Some("06901234567892".into()),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut kam::domain::Target {
            rep: "李娜".into(),
            period: "2026-Q4".into(),
            sales: Some(money("1000000.00")),
            plan: Some("一\n二".into()),
            ..Default::default()
        })
        .unwrap();
    store
        .set_account_plan(&AccountPlan {
            account_id: id,
            target: Some(money("5000000.05")),
            reason: Some("行业龙头, 一期已合作".into()),
            measures: Some("  一、每月拜访\n二、\"样板\"工程\t跟进".into()),
            service_manager_advice: None,
            general_manager_advice: Some("=SUM(A1) 不是公式".into()),
        })
        .unwrap();
    drop(store);
    for args in [
        &[
            "add",
            "account",
            "预算级别",
            "--type",
            "choice",
            "--choices",
            "高,中,低",
        ][..],
        &["add", "account", "年采购额", "--type", "number"],
        &["add", "contact", "鞋码"],
    ] {
        let mut all = vec!["fields"];
        all.extend(args);
        let o = kam_db(&db.path, &all);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let mut store = db.writer();
    let mut a: Account = store.get(id).unwrap().unwrap();
    let mut custom = kam::domain::CustomValues::default();
    custom.insert("预算级别".into(), "中".into());
    custom.insert("年采购额".into(), "350000.5".into());
    a.custom = Some(custom);
    store.update(&mut a).unwrap();
    drop(store);
    db
}

pub(super) fn json(db: &Path, out: &Path) -> Value {
    let o = kam_db(
        db,
        &["export", "--format", "json", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

/// Where two documents differ: `path: before → after`, one line each.
pub(super) fn differences(before: &Value, after: &Value) -> Vec<String> {
    fn walk(a: &Value, b: &Value, path: String, out: &mut Vec<String>) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
                keys.sort();
                keys.dedup();
                for k in keys {
                    walk(
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                        format!("{path}.{k}"),
                        out,
                    );
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    walk(p, q, format!("{path}[{i}]"), out);
                }
            }
            _ if a != b => out.push(format!("{path}: {a} → {b}")),
            _ => {}
        }
    }
    let mut out = vec![];
    walk(before, after, String::new(), &mut out);
    out
}

#[test]
fn a_hostile_book_comes_back_whole_through_its_workbook_and_its_csv_folder() {
    let db = hostile_book();
    let before = json(&db.path, &db.file("before.json"));
    let mut lost = vec![];
    for (format, lang) in [("xlsx", "zh"), ("csv", "en"), ("xlsx", "en"), ("csv", "zh")] {
        let file = db.file(&if format == "xlsx" {
            format!("book-{lang}.xlsx")
        } else {
            format!("book-{lang}")
        });
        let o = kam_db(
            &db.path,
            &[
                "--lang",
                lang,
                "export",
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let moved = db.file(&format!("moved-{format}-{lang}.db"));
        let o = kam_db(&moved, &["import", file.to_str().unwrap()]);
        assert!(o.status.success(), "{format} {lang}: {}", stderr(&o));
        let after = json(&moved, &db.file("after.json"));
        for d in differences(&before, &after) {
            lost.push(format!("{format} in {lang}: {d}"));
        }
    }
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// A sheet has no place for a contact's personal dossier (61 items, some sensitive): asked
/// for one, `kam export --format csv|xlsx --include-personal [--include-sensitive]` wrote the
/// sheets without it and said nothing, and a book moved so lost every dossier unawares.
#[test]
fn a_sheet_export_asked_for_the_personal_dossier_is_refused_in_one_sentence() {
    let db = TempDb::new();
    fill(&mut db.writer());
    for (format, out) in [("xlsx", "book.xlsx"), ("csv", "book")] {
        for extra in [
            &["--include-personal"][..],
            &["--include-personal", "--include-sensitive"],
        ] {
            let out = db.file(out);
            let mut args = vec!["export", "--format", format, "--out", out.to_str().unwrap()];
            args.extend_from_slice(extra);
            let line = assert_one_error_line(&kam_db(&db.path, &args));
            assert!(
                line.contains("--format json") && line.contains("personal dossier"),
                "{format} {extra:?}: {line}"
            );
            assert!(!out.exists(), "{format}: nothing written");
        }
    }
}

/// The plans' list edited in a spreadsheet and imported back into the book updates the
/// account's plan as its form would (each changed value listed); the same folder again
/// changes nothing.
#[test]
fn an_edited_plan_updates_the_book_that_holds_the_account() {
    let db = hostile_book();
    let dir = db.file("csv");
    let o = kam_db(
        &db.path,
        &["export", "--format", "csv", "--out", dir.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.join("account_plans.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Reason"), "{text}");
    std::fs::write(&path, text.replace("行业龙头, 一期已合作", "新的原因")).unwrap();
    let o = kam_db(&db.path, &["import", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("C000777 Account plan Reason: 行业龙头, 一期已合作 → 新的原因"),
        "{out}"
    );
    let store = Store::open(&db.path, Access::Read).unwrap();
    let a = store.account_by_code("C000777").unwrap().unwrap();
    let plan = store.account_plan(a.id).unwrap().unwrap();
    assert_eq!(plan.reason.as_deref(), Some("新的原因"));
    assert_eq!(plan.target, Some(money("5000000.05")), "the rest as it was");
    drop(store);
    let o = kam_db(&db.path, &["import", dir.to_str().unwrap()]);
    assert!(stdout(&o).contains("fields changed: 0"), "{}", stdout(&o));
}

/// A book moved through its sheets has the attachments' list but not their files: the
/// restore said nothing of them, and the files were gone unawares.
#[test]
fn a_restore_from_sheets_says_the_attachments_it_could_not_bring() {
    let db = TempDb::new();
    fill(&mut db.writer());
    let card = db.file("名片.txt");
    std::fs::write(&card, "张三 138").unwrap();
    let o = kam_db(&db.path, &["attach", "C000777", card.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (format, out) in [("xlsx", "book.xlsx"), ("csv", "book")] {
        let file = db.file(out);
        let o = kam_db(
            &db.path,
            &[
                "export",
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let moved = db.file(&format!("{format}.db"));
        let o = kam_db(&moved, &["import", file.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stdout(&o).contains("1 attachments are listed in the sheets without their files"),
            "{format}: {}",
            stdout(&o)
        );
    }
}
