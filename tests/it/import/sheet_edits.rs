//! What people do to an export between `kam export` and `kam import`: a spreadsheet program
//! saves a workbook back with phones, codes and dates as numbers (a date column shown as
//! "General" becomes Excel's day numbers), moves a sheet, moves or deletes a column, leaves a
//! blank row in the middle. The workbooks are built with rust_xlsxwriter's typed cells (what
//! Excel writes), the CSV files by hand. Nothing is lost or invented; what kam cannot know
//! (a "007" Excel made 7) is said in docs/data-safety.md.

use super::sheet_round_trip::{differences, hostile_book, json};
use super::*;
use kam::exchange::sections_in::found_in_workbook;
use kam::exchange::table::own_workbook_rows;
use kam::exchange::{custom_field_table, plan_table};
use kam::i18n::Lang;
use rust_xlsxwriter::Workbook;

/// A cell as a spreadsheet program saves it.
enum Cell {
    Text(String),
    Number(f64),
}

/// kam's own workbook of `db`, read as text: (sheet name, rows).
fn sheets_of(db: &TempDb, lang: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let file = db.file(&format!("kam-{lang}.xlsx"));
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            lang,
            "export",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&file).unwrap();
    let found = found_in_workbook(&bytes).unwrap();
    let mut sheets: Vec<(String, Vec<Vec<String>>)> = found
        .sections
        .into_iter()
        .map(|(_, name, rows)| (name, rows.into_iter().map(|(_, r)| r).collect()))
        .collect();
    // The plans' and the custom fields' lists, last.
    let lang = if lang == "zh" { Lang::Zh } else { Lang::En };
    for list in [
        plan_table::sheet_name(lang),
        custom_field_table::sheet_name(lang),
    ] {
        let (_, rows) = own_workbook_rows(&bytes, Some(&list)).unwrap();
        sheets.push((list, rows.into_iter().map(|(_, r)| r).collect()));
    }
    sheets
}

/// Writes `sheets` as a workbook, each cell typed by `typed(sheet, header, text)`.
fn workbook(
    path: &Path,
    sheets: &[(String, Vec<Vec<String>>)],
    typed: &dyn Fn(&str, &str, &str) -> Cell,
) {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        let headers = rows.first().cloned().unwrap_or_default();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                let header = headers.get(c).map_or("", String::as_str);
                let cell = if r == 0 {
                    Cell::Text(text.clone())
                } else {
                    typed(name, header, text)
                };
                match cell {
                    Cell::Text(t) => sheet.write_string(r as u32, c as u16, t),
                    Cell::Number(n) => sheet.write_number(r as u32, c as u16, n),
                }
                .unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

fn moved(db: &TempDb, file: &Path, name: &str) -> (std::process::Output, PathBuf) {
    let to = db.file(name);
    (kam_db(&to, &["import", file.to_str().unwrap()]), to)
}

/// Excel's day number of a date (1900 date system, with its 29 February 1900).
fn serial(d: &str) -> Option<f64> {
    let d = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
    let days = (d - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
    (days > 60).then_some(days as f64)
}

#[test]
fn a_workbook_saved_back_with_numbers_for_phones_and_day_numbers_for_dates_comes_back_whole() {
    let db = hostile_book();
    let before = json(&db.path, &db.file("before.json"));
    for lang in ["zh", "en"] {
        let sheets = sheets_of(&db, lang);
        // Every cell that reads as a number a number (phones, order numbers, amounts), every
        // date a bare day number (a column a person set to "General"), as Excel saves them.
        let typed = |_: &str, header: &str, text: &str| -> Cell {
            let date_column = ["日期", "date", "Date", "起始", "since", "生日", "出生"]
                .iter()
                .any(|w| header.contains(w));
            match (serial(text), text.parse::<f64>()) {
                (Some(n), _) if date_column => Cell::Number(n),
                // What a person's sheet makes of a plain number: kam's leading zeros ("007")
                // and 16-digit numbers excepted, which a cell cannot keep (said in the docs).
                (_, Ok(n)) if !text.starts_with('0') && text.len() < 16 => Cell::Number(n),
                _ => Cell::Text(text.to_string()),
            }
        };
        let file = db.file(&format!("typed-{lang}.xlsx"));
        workbook(&file, &sheets, &typed);
        let (o, to) = moved(&db, &file, &format!("typed-{lang}.db"));
        assert!(o.status.success(), "{lang}: {}", stderr(&o));
        // The one thing lost is what the spreadsheet itself lost: a text "1.10" it made the
        // number 1.1 (in a text field kam cannot tell it from a 1.1 typed; docs/data-safety.md).
        let diff = differences(&before, &json(&to, &db.file("after.json")));
        assert_eq!(
            diff,
            [r#".products[0].specification: "1.10" → "1.1""#],
            "{lang}"
        );
    }
}

#[test]
fn moved_sheets_moved_columns_and_blank_rows_change_nothing() {
    let db = hostile_book();
    let before = json(&db.path, &db.file("before.json"));
    let mut sheets = sheets_of(&db, "zh");
    // The accounts' sheet dragged to the end; every sheet's columns reversed (the code last);
    // a blank row after the header and one at the end of every sheet.
    let accounts = sheets.remove(0);
    sheets.push(accounts);
    for (_, rows) in &mut sheets {
        for r in rows.iter_mut() {
            r.reverse();
        }
        let width = rows[0].len();
        rows.insert(1, vec![String::new(); width]);
        rows.push(vec![String::new(); width]);
    }
    let file = db.file("moved.xlsx");
    workbook(&file, &sheets, &|_, _, t| Cell::Text(t.to_string()));
    let (o, to) = moved(&db, &file, "moved.db");
    assert!(o.status.success(), "{}", stderr(&o));
    let diff = differences(&before, &json(&to, &db.file("after.json")));
    assert!(diff.is_empty(), "{}", diff.join("\n"));
}

#[test]
fn a_csv_folder_with_its_columns_moved_and_a_blank_line_comes_back_whole() {
    let db = hostile_book();
    let before = json(&db.path, &db.file("before.json"));
    let dir = db.file("csv");
    let o = kam_db(
        &db.path,
        &["export", "--format", "csv", "--out", dir.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rows: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        for r in rows.iter_mut() {
            r.rotate_left(1);
        }
        let mut w = ::csv::Writer::from_writer(vec![]);
        for (i, r) in rows.iter().enumerate() {
            w.write_record(r).unwrap();
            if i == 0 {
                w.write_record(vec![""; r.len()]).unwrap();
            }
        }
        // Saved again by a spreadsheet: a byte-order mark and Windows line ends.
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(w.into_inner().unwrap());
        std::fs::write(&path, bytes).unwrap();
    }
    let (o, to) = moved(&db, &dir, "csv.db");
    assert!(o.status.success(), "{}", stderr(&o));
    let diff = differences(&before, &json(&to, &db.file("after.json")));
    assert!(diff.is_empty(), "{}", diff.join("\n"));
}

#[test]
fn a_sheet_whose_code_column_was_deleted_is_refused_in_one_sentence() {
    let db = hostile_book();
    let mut sheets = sheets_of(&db, "en");
    let contacts = sheets
        .iter_mut()
        .find(|(n, _)| n == "Contacts")
        .expect("a contacts sheet");
    for r in contacts.1.iter_mut() {
        r.remove(0);
    }
    let file = db.file("no-code.xlsx");
    workbook(&file, &sheets, &|_, _, t| Cell::Text(t.to_string()));
    let (o, to) = moved(&db, &file, "no-code.db");
    let line = assert_one_error_line(&o);
    assert!(
        line.contains("Contacts") && line.contains("no account code"),
        "{line}"
    );
    let store = Store::open(&to, Access::Read);
    assert!(
        store.is_err() || store.unwrap().all::<Account>().unwrap().is_empty(),
        "nothing was imported"
    );
}
