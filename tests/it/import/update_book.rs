//! Issue 15: a rep exports to CSV, edits cells in Excel and imports the folder back into the
//! same book. Accounts with the same code are updated field by field (a history row per
//! changed field, as a form save), contacts matched by name within their account, deals by
//! their order number; new codes are created; nothing is deleted. The dry run lists each
//! change (account, field, old → new) and changes nothing.

use super::*;

type Sheet = Vec<Vec<String>>;

fn read_csv(path: &Path) -> Sheet {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn write_csv(path: &Path, sheet: &Sheet) {
    let mut w = ::csv::Writer::from_path(path).unwrap();
    for row in sheet {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
}

/// Sets the cell of the row whose column `key` is `at`, in the column headed `header`.
fn edit(sheet: &mut Sheet, key: &str, at: &str, header: &str, value: &str) {
    let col = |h: &str| sheet[0].iter().position(|x| x == h).unwrap();
    let (k, c) = (col(key), col(header));
    let row = sheet.iter_mut().find(|r| r[k] == at).unwrap();
    row[c] = value.to_string();
}

fn export_csv(db: &TempDb, out: &Path) {
    let o = kam_db(
        &db.path,
        &["export", "--format", "csv", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

fn sections(dir: &Path) -> Vec<(String, Sheet)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let s = read_csv(&dir.join(&n));
            (n, s)
        })
        .collect()
}

/// The two sheets with their "Updated" cells set aside once checked: an edited record's is
/// the import's time, later than the one exported; every other is as it was.
fn revised_later(want: &Sheet, have: &Sheet, name: &str) -> (Sheet, Sheet) {
    let (mut want, mut have) = (want.clone(), have.clone());
    let Some(c) = want[0].iter().position(|h| h == "Updated") else {
        return (want, have);
    };
    let mut moved = 0;
    for (w, h) in want.iter_mut().zip(have.iter_mut()).skip(1) {
        if w[c] != h[c] {
            assert!(
                w[c].is_empty() || h[c] > w[c],
                "{name}: {} → {}",
                w[c],
                h[c]
            );
            moved += 1;
        }
        w[c].clear();
        h[c].clear();
    }
    assert!(
        moved <= 2,
        "{name}: only the edited record (and an added one) moved"
    );
    (want, have)
}

/// A book with two accounts, and its export edited: three cells changed, one account added.
fn edited() -> (TempDb, std::path::PathBuf, Vec<(String, Sheet)>) {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    let mut other = sample_account("C000802");
    other.name = "第二个客户".into();
    other.registration_no = None;
    store.insert(&mut other).unwrap();
    drop(store);
    let dir = db.file("exported");
    export_csv(&db, &dir);
    let mut accounts = read_csv(&dir.join("accounts.csv"));
    edit(&mut accounts, "Code", "C000777", "City", "苏州市");
    let mut new_row = vec![String::new(); accounts[0].len()];
    new_row[0] = "新客户有限公司".into();
    new_row[1] = "C000900".into();
    accounts.push(new_row);
    write_csv(&dir.join("accounts.csv"), &accounts);
    let mut contacts = read_csv(&dir.join("contacts.csv"));
    edit(&mut contacts, "Name", "张三", "Title", "总经理");
    write_csv(&dir.join("contacts.csv"), &contacts);
    let mut deals = read_csv(&dir.join("deals.csv"));
    edit(
        &mut deals,
        "Order no.",
        "SO-2026-0042",
        "Amount",
        "390000.00",
    );
    write_csv(&dir.join("deals.csv"), &deals);
    let expected = sections(&dir);
    (db, dir, expected)
}

#[test]
fn an_edited_export_updates_the_book_exactly_where_it_was_edited() {
    let (db, dir, expected) = edited();
    let o = import(&db, &dir, &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("C000777 City: 福州市 → 苏州市"), "{out}");
    assert!(
        out.contains("C000777 张三 Title: 采购总监 → 总经理"),
        "{out}"
    );
    assert!(
        out.contains("C000777 SO-2026-0042 Amount: 380000.01 → 390000.00"),
        "{out}"
    );
    assert!(out.contains("accounts added: 1"), "{out}");
    let again = db.file("again");
    export_csv(&db, &again);
    let got = sections(&again);
    assert_eq!(got.len(), expected.len());
    for ((name, want), (_, have)) in expected.iter().zip(&got) {
        let (want, have) = &revised_later(want, have, name);
        if name == "accounts.csv" {
            // The added account comes back with its code and name (and what the book fills
            // in for a new account); every other row exactly as edited.
            assert_eq!(have.len(), want.len(), "{name}");
            assert_eq!(have[..want.len() - 1], want[..want.len() - 1], "{name}");
            let added = have.last().unwrap();
            assert_eq!(added[..2], ["新客户有限公司", "C000900"]);
        } else {
            assert_eq!(have, want, "{name}");
        }
    }
    // A form save's history: one row for the one changed field of the account.
    let store = Store::open(&db.path, Access::Read).unwrap();
    let a = store.account_by_code("C000777").unwrap().unwrap();
    let changes = store.history(a.id).unwrap();
    let city: Vec<_> = changes
        .iter()
        .filter(|h| h.entity == "accounts" && h.field.as_deref() == Some("city"))
        .collect();
    assert_eq!(city.len(), 1, "{changes:?}");
    assert_eq!(city[0].new_value.as_deref(), Some("苏州市"));
}

#[test]
fn the_dry_run_lists_the_changes_and_changes_nothing() {
    let (db, dir, _) = edited();
    let before = db.file("before");
    export_csv(&db, &before);
    let o = import(&db, &dir, &["--dry-run"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("C000777 City: 福州市 → 苏州市"), "{out}");
    assert!(out.contains("accounts added: 1"), "{out}");
    let after = db.file("after");
    export_csv(&db, &after);
    assert_eq!(sections(&before), sections(&after));
}

#[test]
fn importing_the_same_export_again_changes_nothing_and_deletes_nothing() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let dir = db.file("exported");
    export_csv(&db, &dir);
    // A contact the sheet no longer lists stays in the book.
    let mut contacts = read_csv(&dir.join("contacts.csv"));
    contacts.truncate(1);
    write_csv(&dir.join("contacts.csv"), &contacts);
    let o = import(&db, &dir, &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("fields changed: 0"), "{}", stdout(&o));
    let book = accounts(&db);
    assert_eq!(book.len(), 1);
    assert_eq!(
        book[0].1.len(),
        1,
        "the contact left out of the sheet stays"
    );
}

/// The accounts sheet alone, edited and imported back: found by code even when renamed, its
/// changed fields updated, a new code added; nothing aborts on the book's unique codes.
#[test]
fn the_accounts_sheet_alone_edited_updates_by_code_even_a_renamed_account() {
    let (db, dir, _) = edited();
    let mut accounts = read_csv(&dir.join("accounts.csv"));
    edit(
        &mut accounts,
        "Code",
        "C000802",
        "Account name",
        "第二个客户（改名）",
    );
    let sheet = db.file("accounts_only.csv");
    write_csv(&sheet, &accounts);
    // The dry run lists each field the sheet would change, as the export's does.
    let o = import(&db, &sheet, &["--dry-run"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("C000777 City: 福州市 → 苏州市"), "{out}");
    assert!(
        out.contains("C000802 Account name: 第二个客户 → 第二个客户（改名）"),
        "{out}"
    );
    let o = import(&db, &sheet, &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("accounts created: 1"), "{out}");
    assert!(out.contains("accounts renamed by their code: 1"), "{out}");
    let store = Store::open(&db.path, Access::Read).unwrap();
    let renamed = store.account_by_code("C000802").unwrap().unwrap();
    assert_eq!(renamed.name, "第二个客户（改名）");
    let edited = store.account_by_code("C000777").unwrap().unwrap();
    assert_eq!(edited.city.as_deref(), Some("苏州市"));
    assert_eq!(store.all::<Account>().unwrap().len(), 3);
}

/// The same through Excel: the workbook exported, a cell edited in it, imported back.
#[test]
fn an_edited_workbook_updates_the_book_the_same_way() {
    use kam::exchange::table::{sheet_names, workbook_rows};
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let file = db.file("book.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "export",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&file).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in sheet_names(&bytes).unwrap() {
        let (_, rows) = workbook_rows(&bytes, Some(&name)).unwrap();
        let mut sheet: Sheet = rows.into_iter().map(|(_, cells)| cells).collect();
        if name == "Accounts" {
            edit(&mut sheet, "Code", "C000777", "City", "苏州市");
        }
        let ws = book.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, row) in sheet.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    let edited = db.file("edited.xlsx");
    book.save(&edited).unwrap();
    let o = import(&db, &edited, &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("C000777 City: 福州市 → 苏州市"), "{out}");
    assert!(out.contains("fields changed: 1"), "{out}");
    assert!(out.contains("accounts added: 0"), "{out}");
}

/// Undone as a whole: the book is as before the edited export came back (compare exports).
#[test]
fn undoing_an_update_from_an_edited_export_leaves_the_book_as_it_was() {
    let (db, dir, _) = edited();
    let before = db.file("before");
    export_csv(&db, &before);
    let o = import(&db, &dir, &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = kam_db(&db.path, &["import", "--undo"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let after = db.file("after");
    export_csv(&db, &after);
    assert_eq!(sections(&before), sections(&after));
}

/// A code twice in the accounts sheet: the later row would silently undo the earlier one's
/// edits; it is left out and said so, the earlier row applied.
#[test]
fn a_code_twice_in_the_edited_sheet_applies_the_first_row_and_names_the_second() {
    let (db, dir, _) = edited();
    let mut accounts = read_csv(&dir.join("accounts.csv"));
    let mut again = accounts[1].clone();
    let city = accounts[0].iter().position(|h| h == "City").unwrap();
    again[city] = "厦门市".into();
    accounts.push(again);
    write_csv(&dir.join("accounts.csv"), &accounts);
    let o = import(&db, &dir, &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(
            "accounts.csv, row 5: the code C000777 is already in row 2; the row was left out"
        ),
        "{out}"
    );
    let store = Store::open(&db.path, Access::Read).unwrap();
    let a = store.account_by_code("C000777").unwrap().unwrap();
    assert_eq!(a.city.as_deref(), Some("苏州市"));
}

/// A row the book refuses (a contact whose name was emptied, an e-mail typed wrong) is left
/// out and named; the other edits go in.
#[test]
fn a_row_the_book_refuses_is_named_and_the_others_go_in() {
    let (db, dir, _) = edited();
    let mut contacts = read_csv(&dir.join("contacts.csv"));
    let email = contacts[0].iter().position(|h| h == "Email").unwrap();
    let mut bad = contacts[1].clone();
    bad[1] = "李四".into();
    bad[email] = "not-an-email".into();
    contacts.push(bad);
    let mut nameless = contacts[1].clone();
    nameless[1] = String::new();
    contacts.push(nameless);
    write_csv(&dir.join("contacts.csv"), &contacts);
    let o = import(&db, &dir, &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("contacts.csv, row 3:"), "{out}");
    assert!(out.contains("contacts.csv, row 4:"), "{out}");
    assert!(out.contains("C000777 City: 福州市 → 苏州市"), "{out}");
}
