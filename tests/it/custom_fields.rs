//! Issue 22, custom fields: a rep defines fields for accounts and contacts (`kam fields`),
//! fills them in on the forms, sees them on the account, and they stay with their record
//! through history, the trash, every export and back, and `forget`.

use crate::support::*;
use kam::domain::*;

fn fields(db: &TempDb, args: &[&str]) -> std::process::Output {
    let mut all = vec!["fields"];
    all.extend(args);
    kam_db(&db.path, &all)
}

fn listed(db: &TempDb) -> serde_json::Value {
    let o = fields(db, &["list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// A book with the sample account and three fields: 预算级别 (a choice) and 年采购额 (a
/// number) on accounts, 鞋码 (text) on contacts.
fn book() -> (TempDb, i64) {
    let db = TempDb::new();
    let id = fill(&mut db.writer());
    for args in [
        &[
            "add",
            "account",
            "预算级别",
            "--type",
            "choice",
            "--choices",
            "高,中，低",
        ][..],
        &["add", "account", "年采购额", "--type", "number"],
        &["add", "contact", "鞋码"],
    ] {
        let o = fields(&db, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    (db, id)
}

fn custom(pairs: &[(&str, &str)]) -> Option<CustomValues> {
    Some(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn fields_are_defined_listed_and_refused_in_one_sentence_that_changes_nothing() {
    let (db, _) = book();
    let want = serde_json::json!([
        {"kind": "accounts", "name": "预算级别", "type": "choice", "choices": ["高", "中", "低"]},
        {"kind": "accounts", "name": "年采购额", "type": "number"},
        {"kind": "contacts", "name": "鞋码", "type": "text"},
    ]);
    assert_eq!(listed(&db), want);
    let text = stdout(&kam_db(&db.path, &["--lang", "zh", "fields", "list"]));
    assert!(
        text.contains("客户\t预算级别\t选项列表\t高, 中, 低"),
        "{text}"
    );
    for (args, says) in [
        (
            &["add", "account", "预算级别"][..],
            "already a field named 预算级别",
        ),
        (&["add", "account", "客户名称"], "one of kam's own fields"),
        (&["add", "contact", "Mobile"], "one of kam's own fields"),
        (
            &["add", "account", "级别", "--type", "choice"],
            "give its choices",
        ),
        (&["add", "account", " "], "needs a name"),
        (
            &["remove", "account", "没有这个"],
            "no field named 没有这个",
        ),
    ] {
        let o = fields(&db, args);
        assert!(!o.status.success(), "{args:?}");
        let line = assert_one_error_line(&o);
        assert!(line.contains(says), "{args:?}: {line}");
        assert_eq!(listed(&db), want, "{args:?} changed the fields");
    }
}

#[test]
fn a_field_still_filled_in_is_removed_only_with_its_values_and_history_keeps_them() {
    let (db, id) = book();
    let mut store = db.writer();
    let mut a: Account = store.get(id).unwrap().unwrap();
    a.custom = custom(&[("预算级别", "高"), ("年采购额", "1200000")]);
    store.update(&mut a).unwrap();
    drop(store);
    let o = fields(&db, &["remove", "account", "预算级别"]);
    let line = assert_one_error_line(&o);
    assert!(line.contains("1 records fill in 预算级别"), "{line}");
    assert_eq!(listed(&db).as_array().unwrap().len(), 3);
    let o = fields(&db, &["remove", "account", "预算级别", "--erase-values"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("1 records lost their value"),
        "{}",
        stdout(&o)
    );
    assert_eq!(listed(&db).as_array().unwrap().len(), 2);
    let store = db.writer();
    let a: Account = store.get(id).unwrap().unwrap();
    assert_eq!(a.custom, custom(&[("年采购额", "1200000")]));
    // The history holds the value it had.
    let history = store.history(id).unwrap();
    assert!(history.iter().any(|c| c.field.as_deref() == Some("custom")
        && c.old_value
            .as_deref()
            .is_some_and(|v| v.contains("预算级别"))));
}

#[test]
fn values_stay_with_their_record_through_history_and_the_trash() {
    let (db, id) = book();
    let mut store = db.writer();
    let mut c = sample_contact(id);
    c.name = "孙悟空".into();
    c.custom = custom(&[("鞋码", "42")]);
    store.insert(&mut c).unwrap();
    c.custom = custom(&[("鞋码", "43")]);
    assert_eq!(store.update(&mut c).unwrap(), 1);
    let history = store.history(id).unwrap();
    assert!(history.iter().any(|h| h.entity == "contacts"
        && h.field.as_deref() == Some("custom")
        && h.new_value.as_deref().is_some_and(|v| v.contains("43"))));
    store.delete(RecordKind::Contact, c.id).unwrap();
    store.restore(RecordKind::Contact, c.id).unwrap();
    let back: Contact = store.get(c.id).unwrap().unwrap();
    assert_eq!(back.custom, custom(&[("鞋码", "43")]));
}

#[test]
fn exports_carry_the_values_in_columns_named_by_the_field_and_bring_them_back() {
    let (db, id) = book();
    let mut store = db.writer();
    let mut a: Account = store.get(id).unwrap().unwrap();
    a.custom = custom(&[("预算级别", "中"), ("年采购额", "350000.5")]);
    store.update(&mut a).unwrap();
    let mut c = store.list::<Contact>(id).unwrap().remove(0);
    c.custom = custom(&[("鞋码", "41")]);
    store.update(&mut c).unwrap();
    drop(store);
    // The CSV's accounts file has a column 预算级别 holding 中.
    let dir = db.file("csv");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "export",
            "--format",
            "csv",
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = |file: &str| -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    let headers = |file: &str| -> Vec<String> {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        r.headers().unwrap().iter().map(String::from).collect()
    };
    let (h, row) = (headers("accounts.csv"), rows("accounts.csv").remove(0));
    let at = h.iter().position(|h| h == "预算级别").unwrap();
    assert_eq!(row[at], "中");
    let at = h.iter().position(|h| h == "年采购额").unwrap();
    assert_eq!(row[at], "350000.5");
    let (h, row) = (headers("contacts.csv"), rows("contacts.csv").remove(0));
    // After the contact's own fields, before the times (填表日期, 最新修定时间).
    assert_eq!(h[h.len() - 3], "鞋码");
    assert_eq!(row[h.len() - 3], "41");

    for (format, out) in [
        ("json", db.file("all.json")),
        ("xlsx", db.file("all.xlsx")),
        ("csv", dir.clone()),
    ] {
        if format != "csv" {
            let o = kam_db(
                &db.path,
                &["export", "--format", format, "--out", out.to_str().unwrap()],
            );
            assert!(o.status.success(), "{}", stderr(&o));
        }
        let copy = TempDb::new();
        let o = kam_db(&copy.path, &["import", out.to_str().unwrap()]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let store = copy.writer();
        let a = &store.all::<Account>().unwrap()[0];
        assert_eq!(
            a.custom,
            custom(&[("年采购额", "350000.5"), ("预算级别", "中")]),
            "{format}"
        );
        let c = &store.all::<Contact>().unwrap()[0];
        assert_eq!(c.custom, custom(&[("鞋码", "41")]), "{format}");
        // The fields come with them, typed, from JSON and from a sheet's list of them (a
        // sheet's fields were all text before the list).
        let defs = store.custom_fields().unwrap();
        let names: Vec<&str> = defs.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["预算级别", "年采购额", "鞋码"], "{format}");
        assert_eq!(defs[0].ty, CustomType::Choice, "{format}");
        assert_eq!(defs[0].choices, ["高", "中", "低"], "{format}");
        assert_eq!(defs[1].ty, CustomType::Number, "{format}");
    }
}

#[test]
fn forgetting_a_person_erases_their_custom_values_down_to_the_bytes() {
    let (db, id) = book();
    let mut store = db.writer();
    let mut c = sample_contact(id);
    c.name = "欧阳秘书".into();
    c.custom = custom(&[("鞋码", "独一无二的值QX7")]);
    store.insert(&mut c).unwrap();
    c.custom = custom(&[("鞋码", "另一个独特值QX8")]);
    store.update(&mut c).unwrap();
    drop(store);
    let bytes = || {
        let mut b = std::fs::read(&db.path).unwrap();
        b.extend(std::fs::read(db.path.with_extension("db-wal")).unwrap_or_default());
        b
    };
    let holds = |hay: &[u8], s: &str| hay.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(holds(&bytes(), "独一无二的值QX7"));
    let o = kam_db(&db.path, &["forget", "C000777:欧阳秘书"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let b = bytes();
    assert!(!holds(&b, "独一无二的值QX7") && !holds(&b, "另一个独特值QX8"));
}

mod screen {
    use crate::support::ui::{fill as fill_ui, open_store, Session};
    use crossterm::event::KeyCode;
    use kam::app::App;
    use kam::domain::*;
    use kam::i18n::Lang;

    fn session(lang: Lang) -> Session {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open_store(&dir);
        fill_ui(&mut store);
        for (kind, name, ty, choices) in [
            (
                "accounts",
                "预算级别",
                CustomType::Choice,
                vec!["高", "中", "低"],
            ),
            ("accounts", "年采购额", CustomType::Number, vec![]),
        ] {
            store
                .add_custom_field(CustomField {
                    kind: kind.into(),
                    name: name.into(),
                    ty,
                    choices: choices.into_iter().map(String::from).collect(),
                })
                .unwrap();
        }
        Session {
            app: App::new(store, lang).unwrap(),
            dir,
        }
    }

    fn huawei(s: &Session) -> Account {
        s.app
            .store
            .all::<Account>()
            .unwrap()
            .into_iter()
            .find(|a| a.code == "C000001")
            .unwrap()
    }

    #[test]
    fn the_account_form_ends_with_the_team_s_fields_read_by_their_type() {
        let mut s = session(Lang::Zh);
        s.press(KeyCode::Enter).keys("e");
        let form = s.app.form.as_ref().expect("the account form");
        let n = form.fields.len();
        assert_eq!(form.labels.get(form.fields[n - 2].key).unwrap(), "预算级别");
        // To the last two fields: a number that is none, then a choice picked with →.
        s.press(KeyCode::BackTab).keys("很多");
        s.press(KeyCode::BackTab).press(KeyCode::Right);
        s.save();
        assert!(s.app.form.is_some(), "a number that is not one is refused");
        let form = s.app.form.as_ref().unwrap();
        assert!(form.errors[n - 1].is_some(), "{:?}", form.errors);
        assert_eq!(huawei(&s).custom, None, "nothing was saved");
        // The refused field has the focus.
        for _ in 0..2 {
            s.press(KeyCode::Backspace);
        }
        s.keys("1,200,000");
        s.save();
        assert!(
            s.app.form.is_none(),
            "{} {:?}",
            s.status(),
            s.app.form.as_ref().map(|f| {
                let texts: Vec<String> = f.inputs.iter().map(|i| i.text().to_string()).collect();
                (f.errors.clone(), texts)
            })
        );
        let a = huawei(&s);
        let want: CustomValues = [("年采购额", "1200000"), ("预算级别", "高")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(a.custom, Some(want));
        // The card shows them.
        let screen = s.screen(100, 30);
        assert!(
            screen.contains("预算级别: 高") && screen.contains("年采购额: 1200000"),
            "{screen}"
        );
    }
}

mod fields_screen {
    use crate::support::ui::filled as session;
    use crossterm::event::KeyCode;
    use kam::domain::*;
    use kam::i18n::Lang;

    #[test]
    fn x_on_the_list_shows_the_fields_and_n_adds_a_choice_list_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            let mut s = session(lang);
            s.keys("X");
            let empty = s.screen(80, 24);
            insta::assert_snapshot!(format!("custom_fields_empty_{}_80x24", lang.code()), empty);
            s.keys("n\t预算级别");
            s.press(KeyCode::Tab);
            for _ in 0..3 {
                s.press(KeyCode::Right);
            }
            s.keys("\t高,中，低");
            s.save();
            assert!(s.app.dialog.is_none(), "{}", s.status());
            let defs = s.app.store.custom_fields().unwrap();
            assert_eq!(defs.len(), 1);
            assert_eq!(defs[0].ty, CustomType::Choice);
            assert_eq!(defs[0].choices, ["高", "中", "低"]);
            let screen = s.screen(80, 24);
            insta::assert_snapshot!(format!("custom_fields_{}_80x24", lang.code()), screen);
            // A name taken is the store's one sentence; the dialog stays open.
            s.keys("n\t预算级别");
            s.save();
            assert!(s.app.dialog.is_some());
            assert!(s.status().contains("预算级别"), "{}", s.status());
            s.press(KeyCode::Esc);
            if s.app.overlay.is_some() {
                s.keys("y");
            }
            // Filled in on an account, it is not removed; empty again, it is.
            let mut a = s.app.store.all::<Account>().unwrap().remove(0);
            a.custom = Some([("预算级别".to_string(), "高".to_string())].into());
            s.app.store.update(&mut a).unwrap();
            s.keys("d");
            assert_eq!(
                s.app.store.custom_fields().unwrap().len(),
                1,
                "{}",
                s.status()
            );
            assert!(s.status().contains('1'), "{}", s.status());
            a.custom = None;
            s.app.store.update(&mut a).unwrap();
            s.keys("d");
            assert!(
                s.app.store.custom_fields().unwrap().is_empty(),
                "{}",
                s.status()
            );
        }
    }
}
