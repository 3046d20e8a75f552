//! A record's 填表日期 / 最新修定时间 / 填表人 (created, last revised, by whom) travel through
//! kam's own workbook and CSV folder as they do through JSON: moved to a new book through a
//! sheet, an account filled in 2024 was "filled in" on the import day. Into an empty book (a
//! restore) the sheet's times are kept; into a book that holds the record they never move it
//! backwards nor are taken from the sheet (a change is stamped with the import's time), and a
//! record new to that book keeps the times its row carries.

use super::*;
use chrono::NaiveDateTime;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// A book filled in March 2024, its account revised in June 2025 by someone else.
fn old_book() -> TempDb {
    let db = TempDb::new();
    let mut store = db.writer();
    store.set_clock(Some(at("2024-03-01 09:15:30")));
    let id = fill(&mut store);
    store.set_clock(Some(at("2025-06-30 17:45:10")));
    store.set_actor("王经理");
    let mut a: Account = store.get(id).unwrap().unwrap();
    a.city = Some("杭州市".into());
    store.update(&mut a).unwrap();
    drop(store);
    db
}

fn json(db: &Path, out: &Path) -> serde_json::Value {
    let o = kam_db(
        db,
        &["export", "--format", "json", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

/// Every record's (where, created_at, updated_at, created_by), in the document's order.
fn stamps(v: &serde_json::Value) -> Vec<(String, String)> {
    fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(m) => {
                if m.contains_key("created_at") {
                    out.push((
                        path.to_string(),
                        format!(
                            "{:?} | {:?} | {:?}",
                            m.get("created_at"),
                            m.get("updated_at"),
                            m.get("created_by")
                        ),
                    ));
                }
                for (k, x) in m {
                    walk(x, &format!("{path}.{k}"), out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = vec![];
    walk(v, "", &mut out);
    out
}

fn export(db: &Path, format: &str, out: &Path, lang: &str) {
    let o = kam_db(
        db,
        &[
            "--lang",
            lang,
            "export",
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_book_moved_through_its_workbook_or_csv_folder_keeps_every_records_times() {
    let db = old_book();
    let before = stamps(&json(&db.path, &db.file("before.json")));
    assert!(
        before.len() >= 16,
        "every kind of `fill` has a record: {before:?}"
    );
    assert!(
        before[0].1.contains("2024-03-01T09:15:30") && before[0].1.contains("2025-06-30T17:45:10"),
        "{:?}",
        before[0]
    );
    for (format, lang) in [("xlsx", "zh"), ("csv", "en"), ("xlsx", "en"), ("csv", "zh")] {
        let file = db.file(&if format == "xlsx" {
            format!("book-{lang}.xlsx")
        } else {
            format!("book-{lang}")
        });
        export(&db.path, format, &file, lang);
        let moved = db.file(&format!("moved-{format}-{lang}.db"));
        let o = kam_db(&moved, &["import", file.to_str().unwrap()]);
        assert!(o.status.success(), "{format} {lang}: {}", stderr(&o));
        let after = stamps(&json(&moved, &db.file("after.json")));
        assert_eq!(after, before, "{format} in {lang}: times as they were");
    }
}

/// An account's sheet row, as the CSV export wrote it, with its header.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn write_rows(path: &Path, rows: &[Vec<String>]) {
    let mut w = ::csv::Writer::from_path(path).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

fn set(rows: &mut [Vec<String>], row: usize, header: &str, value: &str) {
    let c = rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("{header} in {:?}", rows[0]));
    rows[row][c] = value.to_string();
}

#[test]
fn into_the_book_that_holds_the_account_a_sheet_never_moves_its_times_backwards() {
    let db = old_book();
    let dir = db.file("sheets");
    export(&db.path, "csv", &dir, "zh");
    let before = stamps(&json(&db.path, &db.file("before.json")));
    // The sheet says the account was filled in 2020 and revised in 2021, by someone else; it
    // also changes the city, and adds a contact whose row carries its own times.
    let accounts = dir.join("accounts.csv");
    let mut rows = csv_rows(&accounts);
    set(&mut rows, 1, "填表日期", "2020-01-01 08:00:00");
    set(&mut rows, 1, "最新修定时间", "2021-01-01 08:00:00");
    set(&mut rows, 1, "填表人", "别人");
    set(&mut rows, 1, "市", "宁波市");
    write_rows(&accounts, &rows);
    let contacts = dir.join("contacts.csv");
    let mut rows = csv_rows(&contacts);
    let mut new = rows[1].clone();
    rows.push(std::mem::take(&mut new));
    let last = rows.len() - 1;
    set(&mut rows, last, "姓名", "新来的");
    set(&mut rows, last, "手机", "13900000001");
    set(&mut rows, last, "填表日期", "2023-05-05 10:10:10");
    set(&mut rows, last, "最新修定时间", "2023-06-06 11:11:11");
    write_rows(&contacts, &rows);
    let o = kam_db(&db.path, &["import", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = json(&db.path, &db.file("after.json"));
    let a = &doc["accounts"][0];
    assert_eq!(a["city"], "宁波市");
    assert_eq!(
        a["created_at"], "2024-03-01T09:15:30",
        "filled in as the book knew"
    );
    assert_eq!(a["created_by"], "tester", "by whom the book knew");
    let revised = a["updated_at"].as_str().unwrap();
    assert!(
        revised > "2025-06-30T17:45:10",
        "the change is this import's, later than the last: {revised}"
    );
    let added = a["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "新来的")
        .expect("the new contact is added");
    assert_eq!(added["created_at"], "2023-05-05T10:10:10");
    assert_eq!(added["updated_at"], "2023-06-06T11:11:11");
    // Every other record is as it was.
    let others = |s: Vec<(String, String)>| -> Vec<(String, String)> {
        s.into_iter()
            .filter(|(p, _)| p != ".accounts[0]" && p != ".accounts[0].contacts[1]")
            .collect()
    };
    assert_eq!(others(stamps(&doc)), others(before));
}

#[test]
fn a_time_a_spreadsheet_turned_into_a_date_cell_is_read_and_a_bad_one_is_refused() {
    let db = old_book();
    let dir = db.file("sheets");
    export(&db.path, "csv", &dir, "en");
    let accounts = dir.join("accounts.csv");
    let mut rows = csv_rows(&accounts);
    // What Excel writes back for "2024-03-01 09:15:30" after it made it a date: no seconds.
    set(&mut rows, 1, "Created", "2024-03-01 09:15");
    write_rows(&accounts, &rows);
    let moved = db.file("moved.db");
    let o = kam_db(&moved, &["import", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = json(&moved, &db.file("after.json"));
    assert_eq!(doc["accounts"][0]["created_at"], "2024-03-01T09:15:00");
    set(&mut rows, 1, "Created", "last spring");
    write_rows(&accounts, &rows);
    let refused = db.file("refused.db");
    let line = assert_one_error_line(&kam_db(&refused, &["import", dir.to_str().unwrap()]));
    assert!(
        line.contains("Created") && line.contains("last spring"),
        "{line}"
    );
}
