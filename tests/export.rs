//! `kam export` as files a person opens elsewhere: CSV per section, an Excel workbook with a
//! sheet per section, a Markdown dossier of one account, and one account's JSON.

mod common;

use calamine::{open_workbook_auto, Data, Reader};
use common::*;

fn filled_db() -> TempDb {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    let mut other = sample_account("C000802");
    other.name = "第二个客户".into();
    other.registration_no = None; // else it is the same company as C000001
    store.insert(&mut other).unwrap();
    db
}

#[test]
fn xlsx_has_a_sheet_per_section_with_chinese_headers_and_real_numbers() {
    let db = filled_db();
    let path = db.file("book.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "export",
            "--format",
            "xlsx",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut book = open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 10, "{names:?}");
    assert_eq!(names[0], "客户");
    let accounts = book.worksheet_range(&names[0]).unwrap();
    assert_eq!(accounts.get((0, 0)), Some(&Data::String("客户名称".into())));
    assert_eq!(accounts.height(), 3, "header and two accounts");
    // Deals: the account's code first, then the fields; money is a number, not text.
    let deals = book.worksheet_range(&names[2]).unwrap();
    assert_eq!(deals.get((0, 0)), Some(&Data::String("客户编号".into())));
    let headers: Vec<String> = (0..deals.width())
        .map(|c| deals.get((0, c)).unwrap().to_string())
        .collect();
    let price = headers
        .iter()
        .position(|h| h == "单价")
        .expect("单价 column");
    assert!(
        matches!(deals.get((1, price)), Some(Data::Float(_))),
        "{:?}",
        deals.get((1, price))
    );
}

#[test]
fn csv_writes_one_file_per_section_with_a_bom() {
    let db = filled_db();
    let dir = db.file("csv");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "en",
            "export",
            "--format",
            "csv",
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let accounts = std::fs::read(dir.join("accounts.csv")).unwrap();
    assert!(
        accounts.starts_with(b"\xEF\xBB\xBF"),
        "Excel needs the BOM for Chinese"
    );
    let text = String::from_utf8(accounts[3..].to_vec()).unwrap();
    assert!(text.starts_with("Account name,"), "{text}");
    assert!(text.contains("第二个客户"));
    assert!(dir.join("contacts.csv").exists() && dir.join("visit_reports.csv").exists());
    // What kam writes, kam reads: the accounts file imports into an empty book.
    let again = TempDb::new();
    let o = kam_db(
        &again.path,
        &["import", dir.join("accounts.csv").to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("accounts created: 2"), "{}", stdout(&o));
}

#[test]
fn markdown_is_one_accounts_dossier_and_needs_the_account() {
    let db = filled_db();
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "export",
            "--format",
            "md",
            "--account",
            "c000802",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.starts_with("# C000802 第二个客户\n"), "{md}");
    assert!(!md.contains("# C000001"), "only the one account");
    let line = assert_one_error_line(&kam_db(&db.path, &["export", "--format", "md"]));
    assert!(line.contains("--account"), "{line}");
    let line = assert_one_error_line(&kam_db(
        &db.path,
        &["export", "--format", "md", "--account", "C999"],
    ));
    assert!(line.contains("no account with code C999"), "{line}");
}

#[test]
fn json_of_one_account_holds_only_that_customer() {
    let db = filled_db();
    let o = kam_db(&db.path, &["export", "--account", "C000802"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let accounts = doc["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["code"], "C000802");
    assert!(doc["visit_reports"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["code"] == "C000802"));
}
