//! Import, export and merge through the interface, on a temporary database. Paths are
//! relative to the package root, where `cargo test` runs.

use crate::support::ui::*;
use crossterm::event::KeyCode;
use kam::app::{Confirm, View};
use kam::domain::*;
use kam::i18n::Lang;

const SHEET: &str = "tests/fixtures/import/customers_zh_utf8.csv";

#[test]
fn import_shows_the_dry_run_then_imports_on_y() {
    let mut s = empty(Lang::Zh);
    s.keys("i");
    assert!(s.app.dialog.is_some(), "the welcome screen imports too");
    s.keys(SHEET).save();
    assert_eq!(s.app.view(), View::ImportMap, "the mapping first");
    s.press(KeyCode::Enter);
    let Some(Confirm::Import(check)) = s.app.confirm() else {
        panic!("a dry-run dialog: {:?}", s.status());
    };
    assert!(check.ok);
    assert!(
        check.lines.iter().any(|l| l == "新建客户：4"),
        "{:?}",
        check.lines
    );
    assert!(
        s.app.store.all::<Account>().unwrap().is_empty(),
        "the dry run changed nothing"
    );
    s.keys("y");
    assert_eq!(s.app.store.all::<Account>().unwrap().len(), 4);
    assert_eq!(s.app.finder.len(), 4, "the list shows them at once");
    assert_eq!(s.app.view(), View::List);
    assert!(
        s.status().starts_with("已导入：新建客户 4 个"),
        "{}",
        s.status()
    );
}

/// Issue 15: the good rows go in, the others are listed with their reasons and set aside
/// beside the file, unchanged.
#[test]
fn a_file_with_bad_rows_lists_them_and_imports_the_good_ones() {
    let mut s = filled(Lang::En);
    let copy = s.dir.path().join("broken_rows.csv");
    std::fs::copy("tests/fixtures/import/broken_rows.csv", &copy).unwrap();
    s.keys("i")
        .keys(copy.to_str().unwrap())
        .save()
        .press(KeyCode::Enter);
    let Some(Confirm::Import(check)) = s.app.confirm() else {
        panic!("a dry-run dialog");
    };
    assert!(check.ok);
    assert!(
        check.lines.iter().any(|l| l == "Set aside: 5"),
        "{:?}",
        check.lines
    );
    assert!(
        check
            .lines
            .iter()
            .any(|l| l.starts_with("row 4, column 电子邮箱:")),
        "{:?}",
        check.lines
    );
    s.keys("y");
    assert_eq!(
        s.app.store.all::<Account>().unwrap().len(),
        4,
        "the good row went in"
    );
    let rejected = s.dir.path().join("broken_rows.csv.rejected.csv");
    assert!(rejected.exists(), "{}", s.status());
    // A file that is not there: one sentence.
    s.keys("i").keys("no/such/file.csv").save();
    let Some(Confirm::Import(check)) = s.app.confirm() else {
        panic!("a dialog");
    };
    assert!(
        check.lines[0].contains("there is no file no/such/file.csv"),
        "{:?}",
        check.lines
    );
}

#[test]
fn x_on_an_account_writes_its_dossier_beside_the_database() {
    let mut s = filled(Lang::Zh);
    s.press(KeyCode::Enter).keys("x");
    let md = s.dir.path().join("exports/C000001.md");
    let json = s.dir.path().join("exports/C000001.json");
    let text = std::fs::read_to_string(&md).unwrap_or_else(|_| panic!("{}", s.status()));
    assert!(text.starts_with("# C000001 华为技术有限公司"), "{text}");
    assert!(std::fs::read_to_string(&json)
        .unwrap()
        .contains("\"code\": \"C000001\""));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&md).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert!(s.status().starts_with("已写入"), "{}", s.status());
    // Issue 14: the folder is the owner's only (it lists which accounts were exported).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode();
        let dir = s.dir.path().join("exports");
        assert_eq!(mode(&dir) & 0o777, 0o700);
        // One left open by an older kam is closed at the next export.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        s.keys("x");
        assert_eq!(mode(&dir) & 0o777, 0o700, "{}", s.status());
    }
}

/// Issue 14: on an encrypted book, `x` says that the dossier would leave encryption and
/// writes it only when asked to.
#[test]
fn x_on_an_encrypted_book_asks_before_writing_plain_files() {
    let dir = crate::support::tempdir();
    let path = dir.path().join("kam.db");
    drop({
        let mut store = open_store(&dir);
        fill(&mut store);
        store
    });
    kam::store::cipher::rewrite_with_key(&path, "correct horse").unwrap();
    let _passphrase = crate::support::Passphrase::set(Some("correct horse"));
    let mut s = Session {
        app: kam::app::App::new(open_store(&dir), Lang::En).unwrap(),
        dir,
    };
    let md = s.dir.path().join("exports/C000001.md");
    s.press(KeyCode::Enter).keys("x");
    assert!(s.app.confirm().is_some(), "asked first: {}", s.status());
    let screen = s.screen(80, 24);
    assert!(screen.contains("encrypted"), "{screen}");
    assert!(screen.contains("y yes"), "the keys show: {screen}");
    s.keys("n");
    assert!(!md.exists(), "no plain copy without a yes");
    assert!(s.status().contains("nothing was written"), "{}", s.status());
    s.keys("x").keys("y");
    assert!(md.exists(), "{}", s.status());
    assert!(s.status().starts_with("Written"), "{}", s.status());
}

#[test]
fn m_merges_a_duplicate_found_with_the_finder_into_the_open_account() {
    let mut s = filled(Lang::En);
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    let acme = s.app.store.account_by_code("C000002").unwrap().unwrap();
    s.press(KeyCode::Enter).keys("M");
    assert!(s.app.search().is_some());
    s.keys("acme").press(KeyCode::Enter);
    assert!(matches!(s.app.confirm(), Some(Confirm::Merge { .. })));
    let screen = s.screen(80, 24);
    assert!(screen.contains("Merge C000002"), "{screen}");
    s.keys("y");
    // Acme's contact, its 2 deals and its 4 opportunities.
    assert_eq!(s.status(), "Merged: 7 records moved");
    let names: Vec<String> = s
        .app
        .store
        .list::<Contact>(hw.id)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(names.contains(&"Jane Smith".to_string()), "{names:?}");
    assert!(
        s.app.finder.account(acme.id).is_none(),
        "the merged account leaves the list"
    );
    assert_eq!(s.app.detail().unwrap().dossier.contacts.len(), 2);
    // Merging into itself is refused in one sentence.
    s.keys("M").keys("C000001").press(KeyCode::Enter);
    assert!(s.app.confirm().is_none());
    assert_eq!(s.status(), "An account cannot be merged into itself");
}

/// `I` on the list takes the last import back as a whole, after asking.
#[test]
fn the_last_import_is_taken_back_from_the_list() {
    let mut s = filled(Lang::Zh);
    let before: Vec<String> = s
        .app
        .store
        .all::<Account>()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    s.keys("i").keys(SHEET).save();
    // y on the mapping, y on the dry run.
    s.keys("yy");
    assert!(s.app.store.all::<Account>().unwrap().len() > before.len());
    s.keys("I");
    assert_eq!(s.app.confirm(), Some(&Confirm::UndoImport));
    s.keys("y");
    let after: Vec<String> = s
        .app
        .store
        .all::<Account>()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(after, before, "{}", s.status());
    assert_eq!(
        s.app.finder.len(),
        before.len(),
        "the list shows the book as it is"
    );
}

/// Issue 15: before anything is imported the interface shows which column becomes which
/// field, and the rep can give a column another field or ignore it; the import then runs
/// with that mapping. Esc leaves with nothing imported.
#[test]
fn the_mapping_is_shown_and_changed_before_the_import() {
    let mut s = empty(Lang::En);
    s.keys("i").keys(SHEET).save();
    let m = s.app.import_map().expect("the mapping screen");
    let field = |m: &kam::app::screens::import_map::ImportMapState, h: &str| {
        m.columns.iter().find(|c| c.header == h).unwrap().target
    };
    use kam::exchange::headers::Target;
    assert_eq!(field(m, "客户名称"), Target::Account("name"));
    assert_eq!(field(m, "年订货量"), Target::Unknown, "kept in the notes");
    let screen = s.screen(120, 40);
    assert!(
        screen.contains("Kept in the notes (no field chosen): 年订货量"),
        "{screen}"
    );
    // Esc: nothing imported, back where the import started.
    s.press(KeyCode::Esc);
    assert_eq!(s.app.view(), View::Welcome);
    assert!(s.app.store.all::<Account>().unwrap().is_empty());
    // Again: the notes column becomes the accounts' short name; the city column is ignored.
    s.keys("i").keys(SHEET).save();
    let at = |s: &Session, h: &str| {
        s.app
            .import_map()
            .unwrap()
            .columns
            .iter()
            .position(|c| c.header == h)
            .unwrap()
    };
    let notes_at = at(&s, "年订货量");
    for _ in 0..notes_at {
        s.keys("j");
    }
    // From "notes" the list goes on to "skipped", then the account's fields (name, code,
    // short name …).
    s.keys("lll");
    assert_eq!(
        field(s.app.import_map().unwrap(), "年订货量"),
        Target::Account("code")
    );
    s.keys("l");
    assert_eq!(
        field(s.app.import_map().unwrap(), "年订货量"),
        Target::Account("short_name")
    );
    assert!(
        s.screen(120, 40).contains("* short name"),
        "{}",
        s.screen(120, 40)
    );
    let city_at = at(&s, "地址");
    for _ in 0..notes_at.abs_diff(city_at) {
        s.keys(if city_at > notes_at { "j" } else { "k" });
    }
    s.keys("x");
    assert_eq!(
        field(s.app.import_map().unwrap(), "地址"),
        Target::RowNumber
    );
    s.press(KeyCode::Enter);
    let Some(Confirm::Import(check)) = s.app.confirm() else {
        panic!("the dry run: {}", s.status());
    };
    assert_eq!(check.overrides.len(), 2, "{:?}", check.overrides);
    s.keys("y");
    assert_eq!(s.app.view(), View::List);
    let accounts = s.app.store.all::<Account>().unwrap();
    assert_eq!(accounts.len(), 4);
    assert!(
        accounts.iter().all(|a| a.city.is_none()),
        "the address column was ignored"
    );
    assert!(
        accounts.iter().any(|a| a.short_name.is_some()),
        "the notes column became the short name"
    );
}

/// Issue 15: kam's own export (here a CSV folder, edited) imported from the interface goes
/// back whole and by code, without a mapping screen: its dry run lists each changed field.
#[test]
fn kams_own_export_edited_goes_back_from_the_interface_by_code() {
    let mut s = filled(Lang::En);
    let dir = s.dir.path().join("exported");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("accounts.csv"), "Code,City\nC000001,东莞市\n").unwrap();
    std::fs::write(
        dir.join("contacts.csv"),
        "Code,Name,Title\nC000001,新同事,经理\n",
    )
    .unwrap();
    s.keys("i").keys(dir.to_str().unwrap()).save();
    let Some(Confirm::Import(check)) = s.app.confirm() else {
        panic!("the dry run: {}", s.status());
    };
    assert!(check.own_export && check.ok, "{:?}", check.lines);
    assert!(
        check
            .lines
            .iter()
            .any(|l| l == "C000001 City: 深圳市 → 东莞市"),
        "{:?}",
        check.lines
    );
    s.keys("y");
    let store = &s.app.store;
    let a = store.account_by_code("C000001").unwrap().unwrap();
    assert_eq!(a.city.as_deref(), Some("东莞市"));
    let contacts = store.list::<Contact>(a.id).unwrap();
    assert!(contacts.iter().any(|c| c.name == "新同事"), "{contacts:?}");
    assert_eq!(s.app.view(), View::List);
}

/// Issue 15: a column's field found by typing part of its name, in Chinese or English,
/// in the list `e` opens on the mapping screen.
#[test]
fn a_columns_field_is_found_by_typing_in_either_language() {
    use kam::exchange::headers::Target;
    let mut s = empty(Lang::Zh);
    s.keys("i").keys(SHEET).save();
    let at = |s: &Session, h: &str| {
        s.app
            .import_map()
            .unwrap()
            .columns
            .iter()
            .position(|c| c.header == h)
            .unwrap()
    };
    for _ in 0..at(&s, "年订货量") {
        s.keys("j");
    }
    // Typed in Chinese: 简称 is the short name's label.
    s.keys("e");
    assert!(s.app.import_map().unwrap().picker.is_some());
    s.keys("简称");
    let screen = s.screen(80, 24);
    assert!(screen.contains("年订货量 对应的字段"), "{screen}");
    assert!(screen.contains("> 简称"), "{screen}");
    s.press(KeyCode::Enter);
    let m = s.app.import_map().unwrap();
    assert!(m.picker.is_none());
    let target = |s: &Session| {
        let m = s.app.import_map().unwrap();
        m.columns[m.selected].target
    };
    assert_eq!(target(&s), Target::Account("short_name"));
    // Typed in English on a Chinese screen; j and q are letters here, not keys.
    s.keys("eqq");
    assert!(s.app.import_map().unwrap().picker.is_some(), "q was typed");
    s.press(KeyCode::Backspace)
        .press(KeyCode::Backspace)
        .keys("contact: qq");
    s.press(KeyCode::Enter);
    assert_eq!(target(&s), Target::Contact("qq"));
    // Esc closes the list and keeps the field.
    s.keys("enothing-is-called-this").press(KeyCode::Esc);
    assert!(s.app.import_map().unwrap().picker.is_none());
    assert_eq!(target(&s), Target::Contact("qq"));
}
