//! The deals' 税率, 不含税金额 and 税额 in the CSV and xlsx exports (issue 21): worked out by the
//! catalogue product's rate, else the book's default rate, as on the Deals tab, and never read
//! back: an import takes the amount, not the old split beside it. Figures worked out by hand.

use crate::support::*;
use kam::domain::profile::Profile;
use kam::domain::*;
use kam::store::{Access, Store};
use std::path::{Path, PathBuf};

/// A book with 技术服务 in the catalogue at 6 % and a default rate of 13 %, and three deals:
/// 技术服务 for 10,600.00 → 6 %: 10,000.00 + 600.00; 机柜 (free text) for 11,300.00 → 13 %:
/// 10,000.00 + 1,300.00; 备件 without an amount → no split.
fn book(db: &TempDb) {
    let mut store = db.writer();
    store
        .insert(&mut Product {
            name: "技术服务".into(),
            tax_rate: Some(6),
            ..Default::default()
        })
        .unwrap();
    default_rate(&mut store);
    let id = store
        .insert(&mut Account {
            code: "T1".into(),
            name: "福州宏达".into(),
            ..Default::default()
        })
        .unwrap();
    for (day, product, amount) in [
        ("2026-11-01", "技术服务", Some("10600")),
        ("2026-11-02", "机柜", Some("11300")),
        ("2026-11-03", "备件", None),
    ] {
        store
            .insert(&mut Deal {
                account_id: id,
                date: Some(date(day)),
                product: product.into(),
                amount: amount.map(money),
                ..Default::default()
            })
            .unwrap();
    }
}

fn default_rate(store: &mut Store) {
    store
        .set_profile(&Profile {
            default_tax_rate: Some(13),
            ..Default::default()
        })
        .unwrap();
}

fn export(db: &Path, format: &str, out: &Path) {
    let o = kam_db(
        db,
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
}

/// The deals' CSV as rows of cells, the header first.
fn deals_csv(dir: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(dir.join("deals.csv")).unwrap();
    let t = kam::exchange::table::read_csv(&bytes).unwrap();
    std::iter::once(t.headers.clone())
        .chain(t.rows.into_iter().map(|(_, cells)| cells))
        .collect()
}

/// The cells of `row` under the headers named.
fn pick(rows: &[Vec<String>], row: usize, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            let c = rows[0]
                .iter()
                .position(|h| h == n)
                .unwrap_or_else(|| panic!("{n}: {:?}", rows[0]));
            rows[row][c].clone()
        })
        .collect()
}

#[test]
fn the_csv_splits_each_deal_by_its_products_rate_else_the_default() {
    let db = TempDb::new();
    book(&db);
    let dir = db.file("csv");
    export(&db.path, "csv", &dir);
    let rows = deals_csv(&dir);
    let cols = ["产品", "金额", "税率%", "不含税金额", "税额"];
    assert_eq!(
        (1..rows.len())
            .map(|r| pick(&rows, r, &cols))
            .collect::<Vec<_>>(),
        vec![
            vec!["技术服务", "10600.00", "6", "10000.00", "600.00"],
            vec!["机柜", "11300.00", "13", "10000.00", "1300.00"],
            vec!["备件", "", "", "", ""],
        ]
    );
}

/// Every file of a CSV export, by name.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Every sheet of a workbook as text cells.
fn sheets(path: &Path) -> Vec<(String, kam::exchange::table::Rows)> {
    let bytes = std::fs::read(path).unwrap();
    kam::exchange::table::sheet_names(&bytes)
        .unwrap()
        .into_iter()
        .map(|n| {
            let (_, rows) = kam::exchange::table::workbook_rows(&bytes, Some(&n)).unwrap();
            (n, rows)
        })
        .collect()
}

/// Exported, imported into a new book with the same default rate, exported again.
fn again(first: &Path, format: &str, name: &str) -> (TempDb, PathBuf) {
    let copy = TempDb::new();
    default_rate(&mut copy.writer());
    let o = kam_db(&copy.path, &["import", first.to_str().unwrap()]);
    assert!(o.status.success(), "{format}: {}", stderr(&o));
    let second = copy.file(name);
    export(&copy.path, format, &second);
    (copy, second)
}

#[test]
fn an_export_imported_and_exported_again_is_unchanged() {
    let db = TempDb::new();
    book(&db);
    let dir = db.file("csv");
    export(&db.path, "csv", &dir);
    let (_copy, second) = again(&dir, "csv", "csv");
    assert_eq!(folder(&second), folder(&dir));

    let xlsx = db.file("book.xlsx");
    export(&db.path, "xlsx", &xlsx);
    let (_copy, second) = again(&xlsx, "xlsx", "book.xlsx");
    let (first, second) = (sheets(&xlsx), sheets(&second));
    assert_eq!(first, second);
    let deals = &first.iter().find(|(n, _)| n == "交易与订单").unwrap().1;
    assert!(
        deals[0].1.contains(&"不含税金额".to_string()),
        "{:?}",
        deals[0]
    );
}

#[test]
fn an_amount_edited_beside_its_old_tax_is_read_as_the_amount() {
    let db = TempDb::new();
    book(&db);
    let dir = db.file("csv");
    export(&db.path, "csv", &dir);
    // 机柜 edited to 22,600.00 in a spreadsheet; its 10,000.00 + 1,300.00 left as they were.
    let text = String::from_utf8(std::fs::read(dir.join("deals.csv")).unwrap()).unwrap();
    assert_eq!(text.matches("11300.00").count(), 1, "{text}");
    std::fs::write(dir.join("deals.csv"), text.replace("11300.00", "22600.00")).unwrap();
    let (copy, second) = again(&dir, "csv", "csv");
    let deals = Store::open(&copy.path, Access::Read)
        .unwrap()
        .all::<Deal>()
        .unwrap();
    let cabinet = deals.iter().find(|d| d.product == "机柜").unwrap();
    assert_eq!(cabinet.amount, Some(money("22600")));
    let rows = deals_csv(&second);
    assert_eq!(
        pick(&rows, 2, &["产品", "金额", "不含税金额", "税额"]),
        vec!["机柜", "22600.00", "20000.00", "2600.00"]
    );
}
