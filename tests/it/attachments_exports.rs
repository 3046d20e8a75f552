//! Attachments in the CSV and Excel exports and the JSON without their bytes (issue 22):
//! listed by name, size, type and date, never the bytes; and no import of such an export
//! invents a file or drops one a book holds.

use crate::support::*;
use kam::store::{Access, Store};

fn book_with_a_quotation() -> TempDb {
    let db = TempDb::new();
    let mut s = db.writer();
    fill(&mut s);
    drop(s);
    let quote = db.file("报价单.pdf");
    std::fs::write(&quote, b"%PDF-1.7 QUOTE-BYTES-never-in-a-sheet").unwrap();
    let o = kam_db(&db.path, &["attach", "C000777", quote.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

fn attachments_in(book: &std::path::Path) -> usize {
    Store::open(book, Access::Read)
        .unwrap()
        .all_attachments()
        .unwrap()
        .len()
}

#[test]
fn csv_and_xlsx_list_the_files_without_their_bytes() {
    let db = book_with_a_quotation();
    let dir = db.file("csv");
    let o = kam_db(
        &db.path,
        &["export", "--format", "csv", "--out", dir.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("attachments.csv")).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].contains("Size (bytes)"), "{text}");
    let row = lines[1];
    assert!(row.starts_with("C000777,报价单.pdf,"), "{row}");
    assert!(row.contains(",37,application/pdf,20"), "{row}");
    assert!(!text.contains("QUOTE-BYTES"));

    let xlsx = db.file("book.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "export",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    let range = wb.worksheet_range("附件").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        rows[1][..4],
        ["C000777", "报价单.pdf", "37", "application/pdf"]
    );

    // Read back: the book's file stays, and an empty book gets none made up.
    for export in [dir.to_str().unwrap(), xlsx.to_str().unwrap()] {
        let o = kam_db(&db.path, &["import", export]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(attachments_in(&db.path), 1, "{export}");
        let empty = db.file(&format!("empty-{}.db", export.len()));
        let o = kam_db(&empty, &["import", export]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(attachments_in(&empty), 0, "{export}");
        // Read as kam's own export (every section), the list's sheet or file passed by.
        let count = |book: &std::path::Path| {
            let s = Store::open(book, Access::Read).unwrap();
            (
                s.all::<kam::domain::Account>().unwrap().len(),
                s.all::<kam::domain::Contact>().unwrap().len(),
                s.all::<kam::domain::VisitReport>().unwrap().len(),
            )
        };
        assert_eq!(count(&empty), count(&db.path), "{export}");
    }
}

#[test]
fn a_json_without_the_bytes_lists_the_files_and_restores_none() {
    let db = book_with_a_quotation();
    let json = db.file("book.json");
    let o = kam_db(&db.path, &["export", "--out", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(!text.contains("QUOTE-BYTES") && !text.contains("\"data\""));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let a = &doc["attachments"][0];
    assert_eq!(
        (&a["code"], &a["name"], &a["size"], &a["mime"]),
        (
            &"C000777".into(),
            &"报价单.pdf".into(),
            &37.into(),
            &"application/pdf".into()
        )
    );
    let empty = db.file("empty.db");
    let o = kam_db(&empty, &["import", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(attachments_in(&empty), 0);
    assert!(
        stdout(&o).contains("1 attachments are listed without their files"),
        "said, not silently dropped: {}",
        stdout(&o)
    );
}
