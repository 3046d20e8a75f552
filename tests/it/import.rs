//! `kam import` on real-shaped files under tests/fixtures/import: a Chinese sheet in the
//! source documents' layout (UTF-8 with BOM, GBK, and the same as xlsx), an English CRM
//! export with semicolons, a Salesforce report, and broken files that must change nothing.

use crate::support::*;
use kam::domain::*;
use kam::store::{Access, Store};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(db: &TempDb, file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    kam_db(&db.path, &args)
}

fn accounts(db: &TempDb) -> Vec<(Account, Vec<Contact>)> {
    let store = Store::open(&db.path, Access::Read).unwrap();
    store
        .all::<Account>()
        .unwrap()
        .into_iter()
        .map(|a| {
            let contacts = store.list::<Contact>(a.id).unwrap();
            (a, contacts)
        })
        .collect()
}

/// The Chinese sheet: 5 rows, 4 accounts (华为 twice), 5 contacts, 年订货量 kept in notes.
fn assert_chinese_sheet(db: &TempDb) {
    let all = accounts(db);
    assert_eq!(
        all.len(),
        4,
        "{:?}",
        all.iter().map(|a| &a.0.name).collect::<Vec<_>>()
    );
    let (hw, hw_contacts) = &all[0];
    assert_eq!(hw.name, "华为技术有限公司");
    assert_eq!(
        hw.category,
        Some(Category::Key),
        "重要客户 is the label of key"
    );
    assert_eq!(hw.credit, Some(Credit::A));
    assert_eq!(hw.industry, Some(Industry::I));
    // One address cell is split from the shipped list of divisions (issue 15).
    assert_eq!(hw.street.as_deref(), Some("坂田华为基地"));
    assert_eq!(hw.province.as_deref(), Some("广东省"));
    assert_eq!(hw.city.as_deref(), Some("深圳市"));
    assert_eq!(hw.district.as_deref(), Some("龙岗区"));
    assert_eq!(hw.notes.as_deref(), Some("年订货量: 1200万"));
    let names: Vec<&str> = hw_contacts.iter().map(|c| &*c.name).collect();
    assert_eq!(names, ["曾小贤", "胡一菲"]);
    assert!(hw_contacts[0].is_primary && !hw_contacts[1].is_primary);
    // 联系电话 holding a mobile number lands in mobile; a desk phone stays a desk phone.
    assert_eq!(hw_contacts[0].mobile.as_deref(), Some("13800138000"));
    assert_eq!(hw_contacts[0].email.as_deref(), Some("zeng@example.cn"));
    let (shan, shan_contacts) = &all[1];
    assert_eq!(
        shan_contacts[0].office_phone.as_deref(),
        Some("0574-87654321")
    );
    assert_eq!(shan.category, Some(Category::Normal));
    // A sheet's own industry word is kept beside the classification, not refused.
    let (xx, _) = &all[2];
    assert_eq!(xx.industry, None);
    assert_eq!(xx.industry_note.as_deref(), Some("科技"));
    // A code (key) is accepted as well as a label.
    assert_eq!(all[3].0.category, Some(Category::Key));
    assert_eq!(all[3].0.credit, Some(Credit::C));
}

#[test]
fn a_chinese_sheet_in_utf8_with_bom_imports_and_says_what_it_did() {
    let db = TempDb::new();
    let o = import(&db, &fixture("customers_zh_utf8.csv"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("rows read: 5"), "{out}");
    assert!(out.contains("accounts created: 4"), "{out}");
    assert!(out.contains("contacts added: 5"), "{out}");
    assert!(
        out.contains("columns kept in the accounts' notes: 年订货量"),
        "{out}"
    );
    assert_chinese_sheet(&db);
}

#[test]
fn the_same_sheet_saved_as_gbk_gives_the_same_book() {
    let db = TempDb::new();
    let o = import(&db, &fixture("customers_zh_gbk.csv"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_chinese_sheet(&db);
}

#[test]
fn the_same_sheet_as_an_excel_workbook_gives_the_same_book() {
    // customers_zh.xlsx holds the CSV's cells on a sheet named 客户, row numbers as numbers.
    let db = TempDb::new();
    let path = fixture("customers_zh.xlsx");
    let o = import(&db, &path, &["--sheet", "客户"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_chinese_sheet(&db);
    let o = import(&db, &path, &["--sheet", "Sheet9"]);
    let line = assert_one_error_line(&o);
    assert!(
        line.contains("no sheet \"Sheet9\"") && line.contains("客户"),
        "{line}"
    );
    // Without --sheet the first sheet is read.
    let again = TempDb::new();
    assert!(import(&again, &path, &[]).status.success());
    assert_chinese_sheet(&again);
}

#[test]
fn importing_the_same_file_twice_does_not_double_the_book() {
    let db = TempDb::new();
    assert!(import(&db, &fixture("customers_zh_utf8.csv"), &[])
        .status
        .success());
    let o = import(&db, &fixture("customers_zh_utf8.csv"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("accounts created: 0"), "{out}");
    assert!(
        out.contains("accounts already in the book: 4 (0 updated)"),
        "{out}"
    );
    assert!(out.contains("contacts added: 0"), "{out}");
    assert_chinese_sheet(&db);
}

#[test]
fn an_english_crm_export_with_semicolons_imports() {
    let db = TempDb::new();
    let o = import(&db, &fixture("crm_export_semicolon.csv"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all = accounts(&db);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].0.name, "Acme Logistics Inc");
    assert_eq!(all[0].0.category, Some(Category::Major));
    assert_eq!(all[0].0.notes.as_deref(), Some("Met at the fair"));
    let acme: Vec<(&str, Option<&str>)> = all[0]
        .1
        .iter()
        .map(|c| (&*c.name, c.title.as_deref()))
        .collect();
    assert_eq!(
        acme,
        [("Jane Smith", Some("COO")), ("Tom Baker", Some("Buyer"))]
    );
    assert_eq!(all[1].1[0].mobile.as_deref(), Some("+44 7700 900123"));
}

#[test]
fn a_salesforce_report_joins_first_and_last_names_and_keeps_the_rest_in_notes() {
    let db = TempDb::new();
    let o = import(&db, &fixture("salesforce_accounts_contacts.csv"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("accounts created: 10"), "{out}");
    assert!(out.contains("contacts added: 6"), "{out}");
    let all = accounts(&db);
    let alpha = all.iter().find(|a| a.0.name == "Alpha Dynamics").unwrap();
    let names: Vec<&str> = alpha.1.iter().map(|c| &*c.name).collect();
    assert_eq!(names, ["Amy Taylor", "Jennifer Wu", "Caroline Kingsley"]);
    assert_eq!(alpha.1[0].title.as_deref(), Some("VP of Engineering"));
    assert_eq!(alpha.1[0].email.as_deref(), Some("amy@demo.net"));
    let notes = alpha.0.notes.as_deref().unwrap();
    assert!(
        notes.contains("Account: Type: Technology Partner"),
        "{notes}"
    );
    assert!(notes.contains("Account: Phone: 3362227000"), "{notes}");
}

#[test]
fn map_says_what_an_unknown_column_means() {
    let db = TempDb::new();
    let path = db.file("odd.csv");
    std::fs::write(
        &path,
        "Kunde,Ansprechpartner,Handy\nMüller GmbH,Hans Müller,+49 170 1234567\n",
    )
    .unwrap();
    let o = import(&db, &path, &[]);
    let line = assert_one_error_line(&o);
    assert!(
        line.contains("no column names the account") && line.contains("--map"),
        "{line}"
    );
    let o = import(
        &db,
        &path,
        &[
            "--map",
            "Kunde=name,Ansprechpartner=contact.name,Handy=contact.mobile",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let all = accounts(&db);
    assert_eq!(all[0].0.name, "Müller GmbH");
    assert_eq!(all[0].1[0].mobile.as_deref(), Some("+49 170 1234567"));
    let o = import(&db, &path, &["--map", "Kunde=nmae"]);
    let line = assert_one_error_line(&o);
    assert!(line.contains("no field \"nmae\""), "{line}");
}

#[test]
fn a_dry_run_reports_and_changes_nothing() {
    let db = TempDb::new();
    drop(db.writer());
    let before = std::fs::read(&db.path).unwrap();
    let o = import(&db, &fixture("customers_zh_utf8.csv"), &["--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("dry run: nothing was changed"), "{out}");
    assert!(out.contains("accounts created: 4"), "{out}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
    assert!(accounts(&db).is_empty());
}

/// Every broken file: exit 1, no change to the database file, byte for byte.
fn assert_refused(name: &str) -> String {
    assert_refused_with(name, &[])
}

fn assert_refused_with(name: &str, extra: &[&str]) -> String {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut keep = Account {
        name: "已有客户".into(),
        ..Default::default()
    };
    store.insert(&mut keep).unwrap();
    drop(store);
    let before = std::fs::read(&db.path).unwrap();
    let o = import(&db, &fixture(name), extra);
    assert_eq!(o.status.code(), Some(1), "{name}: {}", stdout(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&db.path).unwrap(),
        before,
        "{name} changed the file"
    );
    assert_eq!(accounts(&db).len(), 1);
    stderr(&o)
}

/// `--strict` keeps the all-or-nothing of old: every problem named, nothing imported.
#[test]
fn a_file_with_bad_rows_names_every_one_and_imports_none_when_strict() {
    let err = assert_refused_with("broken_rows.csv", &["--strict"]);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("error: nothing was imported; 5 problems"),
        "{err}"
    );
    assert_eq!(lines.len(), 6, "{err}");
    // A customer list's row without the customer's name is not guessed to be a private
    // customer (a merged cell saved as CSV looks like this).
    assert!(
        lines[1].starts_with("row 3: the customer name is empty; the row names only 李四"),
        "{err}"
    );
    let lines = &lines[1..];
    assert!(
        lines[1].starts_with("row 4, column 电子邮箱:") && lines[1].contains("not-an-email"),
        "{err}"
    );
    assert!(
        lines[2].starts_with("row 5, column 合作开始日期:") && lines[2].contains("2023-02-30"),
        "{err}"
    );
    assert!(
        lines[3].starts_with("row 6, column 统一社会信用代码:")
            && lines[3].contains("check character"),
        "{err}"
    );
    assert!(
        lines[4].starts_with("row 7, column 客户类别:")
            && lines[4].contains("超级客户")
            && lines[4].contains("(重要客户)"),
        "the allowed values in Chinese too: {err}"
    );
}

/// Without `--strict` the good rows go in and the bad ones are set aside, each with its
/// reason, in the interface language.
#[test]
fn a_file_with_bad_rows_imports_the_good_ones_and_sets_aside_the_others() {
    let db = TempDb::new();
    let rejected = db.file("bad.rejected.csv");
    let o = import(
        &db,
        &fixture("broken_rows.csv"),
        &["--rejected", rejected.to_str().unwrap(), "--lang", "zh"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("未导入的行：5"), "{out}");
    assert!(
        out.contains("第 3 行：客户名称是空的，这一行只有联系人 李四"),
        "{out}"
    );
    assert!(out.contains("第 4 行，“电子邮箱”列："), "{out}");
    let names: Vec<String> = accounts(&db).into_iter().map(|a| a.0.name).collect();
    assert_eq!(names, ["甲公司"]);
    let text = std::fs::read_to_string(&rejected).unwrap();
    assert_eq!(text.lines().count(), 6, "the header and five rows: {text}");
    assert!(text.contains("未导入原因"), "{text}");
}

#[test]
fn ragged_empty_and_binary_files_are_refused_in_one_sentence() {
    let err = assert_refused_with("broken_ragged.csv", &["--strict"]);
    assert!(
        err.contains("row 3: 4 values but the header has 2 columns"),
        "{err}"
    );
    assert!(assert_refused("broken_empty.csv").contains("the file is empty"));
    assert!(assert_refused("broken_binary.csv").contains("not a text file"));
}

/// A row longer than the header is set aside like any other, and its rejected row keeps
/// every cell (the rejected file's writer refused a row longer than its header, after the
/// import had committed: the good rows were in and the command said it failed).
#[test]
fn a_row_longer_than_the_header_is_set_aside_whole() {
    let db = TempDb::new();
    let rejected = db.file("ragged.rejected.csv");
    let o = import(
        &db,
        &fixture("broken_ragged.csv"),
        &["--rejected", rejected.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = accounts(&db).into_iter().map(|a| a.0.name).collect();
    assert_eq!(names, ["甲公司"]);
    let text = std::fs::read_to_string(&rejected).unwrap();
    let row = text.lines().nth(1).unwrap_or_default();
    assert!(
        row.starts_with("乙公司,李四,13900000000,多余,") && row.contains("4 values"),
        "{text}"
    );
}

#[test]
fn an_unknown_file_type_is_refused() {
    let db = TempDb::new();
    let path = db.file("customers.pdf");
    std::fs::write(&path, "%PDF-1.4").unwrap();
    let line = assert_one_error_line(&import(&db, &path, &[]));
    assert!(line.contains("not a file kam imports"), "{line}");
}

#[test]
fn a_vcard_file_with_chinese_names_and_several_phones_imports_and_round_trips() {
    let db = TempDb::new();
    let o = import(&db, &fixture("contacts.vcf"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all = accounts(&db);
    assert_eq!(all.len(), 3);
    let (hw, c) = &all[0];
    assert_eq!(
        hw.name, "华为技术有限公司",
        "ORG's first part is the account"
    );
    let zeng = &c[0];
    assert_eq!(zeng.name, "曾小贤");
    assert_eq!(zeng.title.as_deref(), Some("采购经理"));
    assert_eq!(zeng.mobile.as_deref(), Some("+86 138 0013 8000"));
    assert_eq!(zeng.office_phone.as_deref(), Some("0755-2878 0808"));
    assert_eq!(zeng.birthday, Some(date("1985-12-01")));
    // A second mobile has no field of its own: it is kept in the notes, not lost.
    assert_eq!(
        zeng.notes.as_deref(),
        Some("phone (cell): 139 0013 9000\n喜欢钓鱼, 周末常去水库")
    );
    // vCard 4.0: a tel: URI, a folded line, a birthday without a year kept as a note.
    let jane = &all[1].1[0];
    assert_eq!(jane.office_phone.as_deref(), Some("+1-510-555-0142"));
    assert_eq!(jane.mobile.as_deref(), Some("+1 510 555 0199"));
    let notes = jane.notes.as_deref().unwrap();
    assert!(
        notes.contains("folded across two lines") && notes.contains("birthday: --04-12"),
        "{notes}"
    );
    // A card without ORG is a person customer; N gives 王建国 family name first.
    let (wang, wc) = &all[2];
    assert_eq!(wang.name, "王建国");
    assert_eq!(wang.customer_type, Some(CustomerType::Person));
    assert_eq!(wc[0].home_phone.as_deref(), Some("010-6552 1234"));
    assert_eq!(wc[0].mobile.as_deref(), Some("13600136000"));

    // Export as vCard 4.0 and import that into an empty book: the same people and phones.
    let out = db.file("out.vcf");
    let o = kam_db(
        &db.path,
        &["export", "--format", "vcf", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("BEGIN:VCARD").count(), 3);
    assert!(text.contains("VERSION:4.0\r\n"));
    let again = TempDb::new();
    assert!(import(&again, &out, &[]).status.success());
    let copy = accounts(&again);
    let people =
        |all: &[(Account, Vec<Contact>)]| -> Vec<(String, String, Option<String>, Option<String>)> {
            all.iter()
                .flat_map(|(a, cs)| {
                    cs.iter().map(move |c| {
                        (
                            a.name.clone(),
                            c.name.clone(),
                            c.mobile.clone(),
                            c.email.clone(),
                        )
                    })
                })
                .collect()
        };
    assert_eq!(people(&copy), people(&all));
}

#[test]
fn a_json_export_imported_into_an_empty_book_exports_the_same_document() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    // A second account, and one in the trash: ids with a gap must survive.
    let mut gone = sample_account("C000801");
    store.insert(&mut gone).unwrap();
    store.delete(RecordKind::Account, gone.id).unwrap();
    let mut other = sample_account("C000802");
    other.name = "第二个客户".into();
    store.insert(&mut other).unwrap();
    drop(store);
    let first = db.file("first.json");
    let o = kam_db(
        &db.path,
        &[
            "export",
            "--include-personal",
            "--out",
            first.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    let copy = TempDb::new();
    let o = import(&copy, &first, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("accounts restored: 2"),
        "{}",
        stdout(&o)
    );
    let second = copy.file("second.json");
    let o = kam_db(
        &copy.path,
        &[
            "export",
            "--include-personal",
            "--out",
            second.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let a = std::fs::read_to_string(&first).unwrap();
    let b = std::fs::read_to_string(&second).unwrap();
    assert!(a.contains("第二个客户") && a.contains("\"visit_reports\""));
    assert!(
        a.contains("\"dossier\": {"),
        "the personal dossier goes along when asked for"
    );
    // A yes/no nobody answered stays not known (null), a "no" stays no.
    assert!(a.contains("\"cares_about_opinions\": null") && a.contains("\"smokes\": false"));
    assert_eq!(a, b, "export → import → export is the same document");

    // Into a book that already holds accounts: refused, unchanged.
    let before = std::fs::read(&copy.path).unwrap();
    let line = assert_one_error_line(&import(&copy, &first, &[]));
    assert!(line.contains("empty database"), "{line}");
    assert_eq!(std::fs::read(&copy.path).unwrap(), before);
}

#[test]
fn json_that_is_not_a_kam_export_is_refused() {
    let db = TempDb::new();
    let path = db.file("other.json");
    std::fs::write(&path, r#"{"format":"something-else","accounts":[]}"#).unwrap();
    let line = assert_one_error_line(&import(&db, &path, &[]));
    assert!(line.contains("not a kam export"), "{line}");
    std::fs::write(&path, "{ not json").unwrap();
    let line = assert_one_error_line(&import(&db, &path, &[]));
    assert!(
        line.contains("not a kam export") && line.contains("line 1"),
        "{line}"
    );
}

// Who a row is (shared phones and emails, notes appended) and the JSON round trip's indexes.
mod identity;

// Issue 15: one test per real (or documented) third-party file of tests/fixtures/import.
mod sources;

// Issue 15: an import undone as a whole.
mod undo;

// Issue 15: kam's own CSV folder and workbook, round trip.
mod round_trip;

// Issue 15: real files by others (Salesforce Data Loader, Google's Outlook sample, OpenHarmony's
// vCard tests), each with what it showed wrong.
mod real_files;

// Issue 15: rows repeating an account code are set aside, not fatal.
mod codes;

// Issue 15: an edited export imported back into the book it came from updates it.
mod update_book;

// Issue 15: hostile files (a header only, mixed encodings, pasted exports, a 10 MB cell).
mod hostile;
// Issue 15: an import's memory does not grow with the sheet.
mod memory;

// Issue 15: real files by others in Chinese and Japanese (an OPPO phone's vCards, Google
// Contacts CSVs, an Excel sheet with an instruction row, the MoE's list of universities, an
// Alipay statement in GBK).
mod real_files_asia;
// Issue 15: a zip bomb, 10,000 columns, UTF-16, a renamed .xls, formulas, vCard 4.0 groups.
mod hostile_sheets;
// Issue 15: a file refused whole is refused in the reader's language (--lang zh / en).
mod refusals;
// A record's created / revised times and its author through kam's own sheets.
mod sheet_stamps;
// A hostile book through kam's own sheets and back: every kind, every awkward value.
mod sheet_round_trip;
// What a spreadsheet program and a person do to an export before it comes back.
mod sheet_edits;
