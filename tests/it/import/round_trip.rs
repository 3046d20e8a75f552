//! Issue 15: kam's own CSV folder and Excel workbook come back whole. Export → import into an
//! empty book → export gives the same sections, in both languages, contacts, deals and every
//! other section joined to their account by its code. Helpers from tests/import.rs.

use super::*;

fn book() -> TempDb {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    let mut other = sample_account("C000802");
    other.name = "第二个客户".into();
    other.registration_no = None;
    store.insert(&mut other).unwrap();
    let mut c = sample_contact(other.id);
    c.name = "Jane Smith".into();
    c.notes = Some("=1+1 looks like a formula\nand has two lines".into());
    store.insert(&mut c).unwrap();
    drop(store);
    db
}

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

fn export(db: &TempDb, format: &str, out: &Path, lang: &str) {
    let o = kam_db(
        &db.path,
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
fn a_csv_export_imported_into_an_empty_book_exports_the_same_sections() {
    for lang in ["en", "zh"] {
        let db = book();
        let first = db.file(&format!("first-{lang}"));
        export(&db, "csv", &first, lang);
        let names: Vec<String> = folder(&first).into_iter().map(|f| f.0).collect();
        assert!(names.len() >= 8, "{names:?}");
        let copy = TempDb::new();
        let o = import(&copy, &first, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        let second = copy.file("second");
        export(&copy, "csv", &second, lang);
        for ((a, x), (b, y)) in folder(&first).iter().zip(folder(&second).iter()) {
            assert_eq!(a, b);
            assert_eq!(
                String::from_utf8_lossy(x),
                String::from_utf8_lossy(y),
                "{lang}: {a}"
            );
        }
        assert_eq!(folder(&first).len(), folder(&second).len());
    }
}

fn sheets(file: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let bytes = std::fs::read(file).unwrap();
    kam::exchange::table::sheet_names(&bytes)
        .unwrap()
        .into_iter()
        .map(|n| {
            let (_, rows) = kam::exchange::table::workbook_rows(&bytes, Some(&n)).unwrap();
            (n, rows.into_iter().map(|r| r.1).collect())
        })
        .collect()
}

#[test]
fn an_xlsx_export_imported_into_an_empty_book_exports_the_same_sheets() {
    for lang in ["en", "zh"] {
        let db = book();
        let first = db.file("first.xlsx");
        export(&db, "xlsx", &first, lang);
        let copy = TempDb::new();
        let o = import(&copy, &first, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stdout(&o).contains("accounts restored: 2"),
            "{}",
            stdout(&o)
        );
        let second = copy.file("second.xlsx");
        export(&copy, "xlsx", &second, lang);
        let (a, b) = (sheets(&first), sheets(&second));
        assert_eq!(a.len(), kam::domain::RecordKind::ALL.len());
        assert!(a
            .iter()
            .any(|(_, rows)| rows.len() > 1 && rows[0].len() > 5));
        assert_eq!(a, b, "{lang}");
    }
}
