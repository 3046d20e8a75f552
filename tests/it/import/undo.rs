//! Issue 15: an import is undone as a whole (`kam import --undo`): the book is exactly as
//! before (its exports compared), what the import added waits in the trash, each step is in the
//! history, and an import with later changes on top is not undone. Helpers from tests/import.rs.

use super::*;

fn export_json(db: &TempDb, name: &str) -> String {
    let out = db.file(name);
    let o = kam_db(
        &db.path,
        &[
            "export",
            "--include-personal",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(out).unwrap()
}

fn export_csv(db: &TempDb, name: &str) -> Vec<(String, String)> {
    let dir = db.file(name);
    let o = kam_db(
        &db.path,
        &["export", "--format", "csv", "--out", dir.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn undoing_an_import_leaves_the_book_exactly_as_before() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    // An account the file matches by name: its empty fields are filled, notes appended.
    let mut hw = Account {
        name: "华为技术有限公司".into(),
        notes: Some("老客户".into()),
        ..Default::default()
    };
    store.insert(&mut hw).unwrap();
    drop(store);
    let json_before = export_json(&db, "before.json");
    let csv_before = export_csv(&db, "before");

    let o = import(&db, &fixture("customers_zh_utf8.csv"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("accounts already in the book: 1 (1 updated)"),
        "{}",
        stdout(&o)
    );
    assert_ne!(export_json(&db, "during.json"), json_before);

    let o = kam_db(&db.path, &["import", "--undo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("import of ") && out.contains("undone"),
        "{out}"
    );
    assert_eq!(
        export_json(&db, "after.json"),
        json_before,
        "the JSON export"
    );
    assert_eq!(export_csv(&db, "after"), csv_before, "every CSV section");
    // Nothing is lost: what the import added is in the trash, the undo in the history.
    let store = Store::open(&db.path, Access::Read).unwrap();
    assert!(!store.trash().unwrap().is_empty());
    let hw = store
        .all::<Account>()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "华为技术有限公司")
        .unwrap();
    let history = store.history(hw.id).unwrap();
    assert!(
        history.iter().any(
            |c| c.field.as_deref() == Some("notes") && c.new_value.as_deref() == Some("老客户")
        ),
        "the notes put back, with a history row"
    );
    drop(store);
    // Only once: there is no other import to undo.
    let line = assert_one_error_line(&kam_db(&db.path, &["import", "--undo"]));
    assert!(line.contains("no import to undo"), "{line}");
}

#[test]
fn an_import_with_later_changes_is_not_undone() {
    let db = TempDb::new();
    let o = import(&db, &fixture("customers_zh_utf8.csv"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut store = db.writer();
    let mut a = store.all::<Account>().unwrap().remove(0);
    a.owner = Some("李娜".into());
    store.update(&mut a).unwrap();
    drop(store);
    let before = export_json(&db, "before.json");
    let line = assert_one_error_line(&kam_db(&db.path, &["import", "--undo"]));
    assert!(line.contains("changed after the import"), "{line}");
    assert_eq!(export_json(&db, "after.json"), before, "nothing undone");
}
