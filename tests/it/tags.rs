//! Tags on accounts and contacts (issue 22): typed in a form with commas, spaces or `#` and
//! kept once each; `#tag` in the finder and `kam search` finds the accounts holding it (or
//! whose people do); the list filters by a tag and follows an edit; tags go out in every
//! export and come back (the CSV and workbook round trips hold the samples' tags).

use crate::support::ui::filled;
use crate::support::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;

fn tagged_book() -> TempDb {
    let db = TempDb::new();
    let mut s = db.writer();
    let mut a = Account::new("甲贸易");
    a.tags = Some("vip, 展会".into());
    s.insert(&mut a).unwrap();
    let mut b = Account::new("乙机械");
    s.insert(&mut b).unwrap();
    let mut c = Contact::new("张三");
    c.account_id = b.id;
    c.tags = Some("vipclub".into());
    s.insert(&mut c).unwrap();
    let mut gone = Account::new("丙已删除");
    gone.tags = Some("vip".into());
    s.insert(&mut gone).unwrap();
    s.delete(RecordKind::Account, gone.id).unwrap();
    s.insert(&mut Account::new("VIP 名字里有")).unwrap();
    drop(s);
    db
}

#[test]
fn a_hash_query_finds_tags_not_names() {
    let db = tagged_book();
    let found = stdout(&kam_db(&db.path, &["search", "#vip"]));
    let codes: Vec<&str> = found
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    // The account's own tag, then the one whose person holds a tag starting so; not the
    // trashed one, not the one with VIP in its name.
    assert_eq!(codes, ["C000001", "C000002"], "{found}");
    let exact = stdout(&kam_db(&db.path, &["search", "#展会"]));
    assert_eq!(exact.lines().count(), 1, "{exact}");
    assert!(stdout(&kam_db(&db.path, &["search", "#"])).is_empty());
    assert!(stdout(&kam_db(&db.path, &["search", "#nothing"])).is_empty());
    // Without the `#` it is a name search, as before.
    assert!(stdout(&kam_db(&db.path, &["search", "vip"])).contains("VIP 名字里有"));
}

#[test]
fn the_finder_shows_whose_tag_matched() {
    let mut s = filled(Lang::En);
    let mut c: Contact = s.app.store.all::<Contact>().unwrap().remove(0);
    c.tags = Some("golf".into());
    s.app.store.update(&mut c).unwrap();
    s.keys("/#gol");
    let screen = s.screen(100, 20);
    assert!(screen.contains(&format!("← {} #golf", c.name)), "{screen}");
}

#[test]
fn a_form_keeps_each_tag_once_and_the_list_filters_by_one() {
    let mut s = filled(Lang::Zh);
    let total = s.app.list().unwrap().rows.len();
    // The first account's form: the tags are its last field (BackTab from the first).
    s.press(KeyCode::Enter).keys("e");
    s.press(KeyCode::BackTab).keys("#重点 重点，展会").save();
    let id = s.app.detail().unwrap().dossier.account.id;
    let a: Account = s.app.store.get(id).unwrap().unwrap();
    assert_eq!(a.tags.as_deref(), Some("重点, 展会"));
    s.press(KeyCode::Esc);
    // The filter form: category, grade, status, industry, city, then the tag.
    s.keys("f\t\t\t\t\t#展会").save();
    assert_eq!(s.app.list().unwrap().rows.len(), 1);
    // A person's tag brings their account in too, once the edit is saved.
    let other = s
        .app
        .store
        .all::<Contact>()
        .unwrap()
        .into_iter()
        .find(|c| c.account_id != id)
        .unwrap();
    s.app.open_account(other.account_id).unwrap();
    s.keys("2e");
    s.press(KeyCode::BackTab).keys("展会").save();
    let people: Vec<Contact> = s.app.store.list(other.account_id).unwrap();
    assert!(
        people.iter().any(|c| c.tags.as_deref() == Some("展会")),
        "{:?}",
        s.app.form.as_ref().map(|f| &f.errors)
    );
    s.press(KeyCode::Esc);
    assert_eq!(s.app.list().unwrap().rows.len(), 2);
    s.press(KeyCode::Esc);
    assert_eq!(s.app.list().unwrap().rows.len(), total);
}

#[test]
fn tags_are_in_every_export() {
    let db = TempDb::new();
    let mut s = db.writer();
    fill(&mut s);
    drop(s);
    let json = stdout(&kam_db(&db.path, &["export"]));
    assert!(
        json.contains("\"tags\": \"vip, 老客户\"") && json.contains("\"tags\": \"golf, 老乡\"")
    );
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
    let mut all = String::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        all.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    assert!(all.contains("标签") && all.contains("vip, 老客户") && all.contains("golf, 老乡"));
}

#[test]
fn tags_on_screen_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = filled(lang);
        let mut c: Contact = s.app.store.all::<Contact>().unwrap().remove(0);
        c.tags = Some("golf, 老乡".into());
        s.app.store.update(&mut c).unwrap();
        let mut a: Account = s.app.store.get(c.account_id).unwrap().unwrap();
        a.tags = Some("vip, 展会".into());
        s.app.store.update(&mut a).unwrap();
        s.keys("/#老");
        let typed = s.screen(80, 24);
        insta::assert_snapshot!(format!("tags_finder_{}_80x24", lang.code()), typed);
        s.press(KeyCode::Esc).press(KeyCode::Esc);
        s.keys("f\t\t\t\t\tvip").save();
        insta::assert_snapshot!(
            format!("tags_list_filtered_{}_80x24", lang.code()),
            s.screen(80, 24)
        );
        s.press(KeyCode::Esc);
        s.app.open_account(a.id).unwrap();
        s.keys("2");
        insta::assert_snapshot!(
            format!("tags_contacts_tab_{}_80x24", lang.code()),
            s.screen(80, 24)
        );
    }
}
