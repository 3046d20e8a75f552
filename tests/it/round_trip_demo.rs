//! kam's own exports read back into an empty book hold what the book held, on the demo's
//! data (hundreds of accounts, every kind of record, notes typed the way reps type them) —
//! not only on the few hand-made records of the other tests. The workbook's expense notes
//! with a comma ("Hotel, one night") were refused on the way back, and a workbook written
//! before the newer sheets existed was read as a plain sheet of accounts: its contacts,
//! deals and visits dropped without a word, and two companies of one name made one.

use crate::support::*;
use std::io::{Read, Write};
use std::path::Path;

fn json_of(db: &Path, dir: &Path, name: &str) -> serde_json::Value {
    let out = dir.join(name);
    let run = kam_db(
        db,
        // With the files' bytes: the demo's attachments come back only so (issue 22).
        &[
            "export",
            "--format",
            "json",
            "--include-attachments",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    let run = kam_db(&db, &["demo", "--accounts", "300"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    db
}

fn import(dir: &Path, name: &str, file: &Path) -> std::path::PathBuf {
    let db = dir.join(name);
    let run = kam_db(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}: {}",
        file.display(),
        stderr(&run)
    );
    db
}

#[test]
fn the_demo_book_comes_back_whole_from_its_workbook_and_its_csv_folder() {
    let dir = tempdir();
    let db = demo(dir.path());
    let exact = json_of(&db, dir.path(), "before.json");
    let back = import(dir.path(), "json.db", &dir.path().join("before.json"));
    assert!(
        exact == json_of(&back, dir.path(), "json.json"),
        "json: read back exactly"
    );
    // Sheets list the files without their bytes, so a book read from them has none: the
    // rest must come back whole (tests/it/attachments_exports.rs checks the list).
    // Each record's times (填表日期, 最新修定时间, 填表人) travel too: compared exactly.
    let mut before = exact;
    assert!(before["attachments"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    before.as_object_mut().unwrap().remove("attachments");
    for (format, out) in [("xlsx", "book.xlsx"), ("csv", "book-csv")] {
        let file = dir.path().join(out);
        let run = kam_db(
            &db,
            &[
                "export",
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let back = import(dir.path(), &format!("{format}.db"), &file);
        let after = json_of(&back, dir.path(), &format!("{format}.json"));
        assert!(
            before == after,
            "{format}: the book read back differs from the book written"
        );
    }
}

/// A workbook as kam wrote it before contracts, payments and the relationship sheets: its
/// ten sheets are still kam's sections, read as such.
#[test]
fn a_workbook_written_before_the_newer_sheets_is_still_read_as_kams_own() {
    let dir = tempdir();
    let db = demo(dir.path());
    let file = dir.path().join("book.xlsx");
    let run = kam_db(
        &db,
        &[
            "export",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let old = dir.path().join("old.xlsx");
    keep_only_first_sheets(&file, &old, 10);
    let back = import(dir.path(), "old.db", &old);
    let before = json_of(&db, dir.path(), "before.json");
    let after = json_of(&back, dir.path(), "after.json");
    let accounts = |v: &serde_json::Value| v["accounts"].as_array().unwrap().len();
    assert_eq!(
        accounts(&after),
        accounts(&before),
        "no account made one with another"
    );
    // Every contact, deal and visit record of the ten sheets is back.
    for (key, part) in [
        ("contacts", "contacts"),
        ("deals", "deals"),
        ("visit_reports", ""),
    ] {
        let count = |v: &serde_json::Value| -> usize {
            if part.is_empty() {
                v[key].as_array().map_or(0, Vec::len)
            } else {
                v["accounts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a[part].as_array().map_or(0, Vec::len))
                    .sum()
            }
        };
        assert!(count(&before) > 0, "{key}: the demo has some");
        assert_eq!(count(&after), count(&before), "{key}");
    }
}

/// Writes a copy of the workbook whose workbook part lists only its first `n` sheets (the
/// others stay in the zip, unlisted, as a reader sees a workbook without them).
fn keep_only_first_sheets(from: &Path, to: &Path, n: usize) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut dst = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = vec![];
        f.read_to_end(&mut bytes).unwrap();
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let mut kept = String::new();
            let mut seen = 0;
            let mut rest = text.as_str();
            while let Some(at) = rest.find("<sheet ") {
                kept.push_str(&rest[..at]);
                let end = at + rest[at..].find("/>").unwrap() + 2;
                seen += 1;
                if seen <= n {
                    kept.push_str(&rest[at..end]);
                }
                rest = &rest[end..];
            }
            kept.push_str(rest);
            assert!(seen > n, "the export has more than {n} sheets");
            bytes = kept.into_bytes();
        }
        dst.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        dst.write_all(&bytes).unwrap();
    }
    dst.finish().unwrap();
}
