//! The exports a big book needs (JSON, CSV, xlsx, vCard, Markdown) are written as they are
//! read, a few accounts at a time (issue 17). What a user gets must not change: each export of the
//! binary is compared with what the whole-document functions (`json::export_of`,
//! `tables::to_csv`, `tables::to_xlsx`) make of the same book, byte for byte for JSON and
//! CSV; the workbook cell by cell (an xlsx carries its creation time, so two runs of the
//! same code already differ in bytes). And memory must not grow with the number of accounts.

use crate::support::*;
use calamine::{open_workbook_auto, Reader};
use kam::domain::*;
use kam::exchange::{json, tables, vcard};
use kam::i18n::Lang;
use kam::store::{Access, Store};
use std::path::Path;

/// A demo book with the cases an export must get right: a trashed account (left out with
/// its records), a trashed contact, an account plan, a contact's personal dossier, a name a
/// spreadsheet would run as a formula, unsafe characters, and the fully filled sample.
fn tricky_book(db: &TempDb, accounts: usize) {
    let mut store = db.writer();
    kam::demo::generate(&mut store, accounts, 7).unwrap();
    let id = fill(&mut store);
    let mut a = sample_account("C900001");
    a.name = "=HYPERLINK(\"x\")\u{202e}名\u{1b}".into();
    a.registration_no = None;
    let evil = store.insert(&mut a).unwrap();
    let mut c = sample_contact(evil);
    c.name = "+1 王\u{9b}".into();
    store.insert(&mut c).unwrap();
    store
        .set_account_plan(&AccountPlan {
            account_id: id,
            target: Some(money("1200.50")),
            reason: Some("扩大份额".into()),
            measures: Some("季度回访".into()),
            ..Default::default()
        })
        .unwrap();
    // The third account goes to the trash with everything it holds; one contact of the
    // fourth too.
    let ids: Vec<i64> = store
        .all::<Account>()
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    store.delete(RecordKind::Account, ids[2]).unwrap();
    let contacts = store.list::<Contact>(ids[3]).unwrap();
    store.delete(RecordKind::Contact, contacts[0].id).unwrap();
}

fn reader(db: &TempDb) -> Store {
    Store::open(&db.path, Access::Read).unwrap()
}

fn export(db: &TempDb, args: &[&str]) {
    let mut all = vec!["--lang", "zh", "export"];
    all.extend_from_slice(args);
    let o = kam_db(&db.path, &all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

fn old_json(db: &TempDb, code: Option<&str>, personal: bool) -> Vec<u8> {
    let mut doc = json::export_of(&reader(db), code).unwrap();
    if !personal {
        doc.without_personal();
    }
    let mut out = vec![];
    kam::text_safety::write_json(&mut out, &doc).unwrap();
    out
}

#[test]
fn json_is_byte_for_byte_what_the_whole_document_gave() {
    let db = TempDb::new();
    tricky_book(&db, 60);
    let out = db.file("book.json");
    let path = out.to_str().unwrap();
    for (args, code, personal) in [
        (vec![], None, false),
        // The whole dossier, its sensitive items too (issue 22).
        (
            vec!["--include-personal", "--include-sensitive"],
            None,
            true,
        ),
        (
            vec![
                "--account",
                "c000777",
                "--include-personal",
                "--include-sensitive",
            ],
            Some("c000777"),
            true,
        ),
        (vec!["--account", "C000001"], Some("C000001"), false),
    ] {
        let mut all = vec!["--format", "json", "--out", path];
        all.extend_from_slice(&args);
        export(&db, &all);
        let got = std::fs::read(&out).unwrap();
        let want = old_json(&db, code, personal);
        assert!(
            got == want,
            "{args:?}: the export differs from the whole document's (first difference at byte {})",
            got.iter().zip(&want).take_while(|(a, b)| a == b).count()
        );
    }
    // To standard output as well.
    let o = kam_db(&db.path, &["--lang", "zh", "export", "--format", "json"]);
    assert!(o.stdout == old_json(&db, None, false));
}

#[test]
fn csv_files_are_byte_for_byte_what_the_whole_document_gave() {
    let db = TempDb::new();
    tricky_book(&db, 60);
    for (code, lang, lang_arg) in [(None, Lang::Zh, "zh"), (Some("C000777"), Lang::En, "en")] {
        let dir = db.file(&format!("csv-{lang_arg}"));
        let mut args = vec![
            "--lang",
            lang_arg,
            "export",
            "--format",
            "csv",
            "--out",
            dir.to_str().unwrap(),
        ];
        if let Some(c) = code {
            args.extend(["--account", c]);
        }
        let o = kam_db(&db.path, &args);
        assert!(o.status.success(), "{}", stderr(&o));
        let doc = json::export_of(&reader(&db), code).unwrap();
        let want = tables::to_csv(&doc, lang).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut want_names: Vec<String> = want.iter().map(|(n, _)| n.clone()).collect();
        want_names.sort();
        assert_eq!(names, want_names, "{code:?}");
        for (name, bytes) in &want {
            let got = std::fs::read(dir.join(name)).unwrap();
            assert!(&got == bytes, "{code:?} {name} differs");
        }
    }
}

/// Every sheet's name and every cell (its type and value) of two workbooks.
fn cells(path: &Path) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    let mut book = open_workbook_auto(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn xlsx_holds_cell_for_cell_what_the_whole_document_gave() {
    let db = TempDb::new();
    tricky_book(&db, 60);
    for (code, lang, lang_arg) in [(None, Lang::Zh, "zh"), (Some("C000777"), Lang::En, "en")] {
        let out = db.file(&format!("book-{lang_arg}.xlsx"));
        let mut args = vec![
            "--lang",
            lang_arg,
            "export",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ];
        if let Some(c) = code {
            args.extend(["--account", c]);
        }
        let o = kam_db(&db.path, &args);
        assert!(o.status.success(), "{}", stderr(&o));
        let doc = json::export_of(&reader(&db), code).unwrap();
        let old = db.file("old.xlsx");
        std::fs::write(&old, tables::to_xlsx(&doc, lang).unwrap()).unwrap();
        assert_eq!(cells(&out), cells(&old), "{code:?}");
    }
}

/// What the whole document gave for vCard and Markdown: its text made safe as `emit` made it.
fn old_text(db: &TempDb, code: Option<&str>, format: &str, lang: Lang) -> Vec<u8> {
    let doc = json::export_of(&reader(db), code).unwrap();
    let text = match format {
        "vcf" => vcard::of_document(doc, vcard::Version::V4),
        "vcf3" => vcard::of_document(doc, vcard::Version::V3),
        _ => tables::to_markdown(&doc, lang),
    };
    kam::text_safety::text(&text).as_bytes().to_vec()
}

#[test]
fn vcard_and_markdown_are_byte_for_byte_what_the_whole_document_gave() {
    let db = TempDb::new();
    tricky_book(&db, 60);
    let out = db.file("out.txt");
    let path = out.to_str().unwrap();
    for (format, code, lang) in [
        ("vcf", None, Lang::Zh),
        ("vcf3", None, Lang::Zh),
        ("vcf", Some("c000777"), Lang::Zh),
        ("vcf3", Some("C900001"), Lang::Zh),
        ("md", Some("c000777"), Lang::Zh),
        ("md", Some("C900001"), Lang::En),
        ("md", Some("C000001"), Lang::Zh),
    ] {
        let mut args = vec![
            "--lang",
            if lang == Lang::Zh { "zh" } else { "en" },
            "export",
        ];
        args.extend(["--format", if format == "md" { "md" } else { "vcf" }]);
        if format == "vcf3" {
            args.extend(["--vcard-version", "3.0"]);
        }
        if let Some(c) = code {
            args.extend(["--account", c]);
        }
        let o = kam_db(&db.path, &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let want = old_text(&db, code, format, lang);
        assert!(!want.is_empty(), "{args:?}");
        assert!(o.stdout == want, "{args:?} to standard output differs");
        args.extend(["--out", path]);
        let o = kam_db(&db.path, &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let got = std::fs::read(&out).unwrap();
        assert!(
            got == want,
            "{args:?}: the export differs from the whole document's (first difference at byte {})",
            got.iter().zip(&want).take_while(|(a, b)| a == b).count()
        );
    }
}

/// The peak resident memory of one `kam export` process, as kam reports it (`bench` builds).
fn export_peak_mb(db: &Path, format: &str, out: &Path) -> f64 {
    let mut args = vec!["--db", db.to_str().unwrap(), "export", "--format", format];
    if format == "md" {
        // Markdown is one account's dossier: the last one, so the whole book is passed over.
        args.extend(["--account", "C000300"]);
    }
    args.extend(["--out", out.to_str().unwrap()]);
    run_peak_mb(&args)
}

/// Ten times the accounts may not cost more memory: the whole-document exports grew by
/// 60 MB (JSON) to 210 MB (xlsx) from 300 to 3,000 demo accounts (vCard and one account's
/// Markdown read that whole document too); written as read, they
/// grow by about 2 MB (SQLite's page cache filling).
#[test]
fn no_export_grows_with_the_number_of_accounts() {
    let small = TempDb::new();
    let big = TempDb::new();
    for (db, n) in [(&small, "300"), (&big, "3000")] {
        let o = kam_db(&db.path, &["demo", "--accounts", n, "--seed", "5"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for format in ["json", "csv", "xlsx", "vcf", "md"] {
        let peak_small = export_peak_mb(&small.path, format, &small.file(format));
        let peak_big = export_peak_mb(&big.path, format, &big.file(format));
        assert!(
            peak_big - peak_small < 8.0,
            "{format}: {peak_small:.1} MB at 300 accounts, {peak_big:.1} MB at 3,000"
        );
    }
}
