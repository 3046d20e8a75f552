//! The change history in the interface: undo the last change, put an earlier value back,
//! and one field's story.

use crate::support::ui::*;
use crossterm::event::KeyCode;
use kam::app::{Confirm, View};
use kam::domain::*;
use kam::i18n::Lang;

fn owner(s: &Session) -> Option<String> {
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    hw.owner
}

/// Opens 华为 and changes its owner through the form (李娜 → `to`).
fn change_owner(s: &mut Session, to: &str) {
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    let mut a = hw.clone();
    a.owner = Some(to.into());
    s.app.store.update(&mut a).unwrap();
}

#[test]
fn u_undoes_the_last_change_and_the_undo_is_history_too() {
    let mut s = filled(Lang::En);
    change_owner(&mut s, "王芳");
    s.press(KeyCode::Enter).keys("0");
    assert_eq!(owner(&s).as_deref(), Some("王芳"));
    s.keys("u");
    assert!(matches!(s.app.confirm(), Some(Confirm::Undo(g)) if g.len() == 1));
    assert!(
        s.screen(100, 30).contains("Undo the last change (Owner"),
        "{}",
        s.screen(100, 30)
    );
    s.keys("y");
    assert_eq!(owner(&s).as_deref(), Some("李娜"));
    assert_eq!(s.status(), "Undone");
    let d = s.app.detail().unwrap();
    assert_eq!(d.history[0].field.as_deref(), Some("owner"));
    assert_eq!(
        d.history[0].new_value.as_deref(),
        Some("李娜"),
        "the undo is itself recorded"
    );
}

#[test]
fn enter_on_an_older_change_puts_that_earlier_value_back() {
    let mut s = filled(Lang::Zh);
    change_owner(&mut s, "王芳");
    change_owner(&mut s, "赵敏");
    s.press(KeyCode::Enter).keys("0");
    // Newest first: 王芳→赵敏, then 李娜→王芳. Pick the second and restore 李娜.
    s.keys("j").press(KeyCode::Enter);
    let Some(Confirm::RestoreValue(c)) = s.app.confirm() else {
        panic!("a question first");
    };
    assert_eq!(c.old_value.as_deref(), Some("李娜"));
    s.keys("y");
    assert_eq!(owner(&s).as_deref(), Some("李娜"));
    assert_eq!(s.status(), "已恢复以前的值");
}

#[test]
fn f_shows_one_fields_story() {
    let mut s = filled(Lang::En);
    change_owner(&mut s, "王芳");
    s.press(KeyCode::Enter).keys("0");
    let all = s.app.detail().unwrap().shown_history().len();
    s.keys("f");
    let d = s.app.detail().unwrap();
    let shown = d.shown_history();
    assert!(shown.len() < all);
    assert!(shown.iter().all(|c| c.field.as_deref() == Some("owner")));
    s.keys("f");
    assert_eq!(s.app.detail().unwrap().shown_history().len(), all);
}

#[test]
fn undoing_a_delete_brings_the_record_back_from_the_trash() {
    let mut s = filled(Lang::En);
    s.press(KeyCode::Enter).keys("3d").keys("y");
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    assert!(s.app.store.list::<Deal>(hw.id).unwrap().is_empty());
    s.keys("uy");
    assert_eq!(s.app.store.list::<Deal>(hw.id).unwrap().len(), 1);
    assert_eq!(s.app.view(), View::Detail);
}

/// A change of a contact's personal dossier keeps its values hidden on the History tab until
/// `v` reveals that person's, as the Contacts tab does (found by a hostile review: the whole
/// dossier was shown as JSON).
#[test]
fn a_personal_dossier_change_stays_hidden_until_v() {
    let mut s = filled(Lang::En);
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    let mut c = s
        .app
        .store
        .all::<Contact>()
        .unwrap()
        .into_iter()
        .find(|c| c.account_id == hw.id)
        .unwrap();
    let mut dossier = c.dossier.clone().unwrap_or_default();
    dossier.hobbies = Some("secret-horse-racing".into());
    c.dossier = Some(dossier);
    s.app.store.update(&mut c).unwrap();
    s.press(KeyCode::Enter).keys("0");
    let hidden = s.screen(120, 30);
    assert!(!hidden.contains("secret-horse-racing"), "{hidden}");
    assert!(hidden.contains("(personal · v shows it)"), "{hidden}");
    // Revealed, the fields that changed are there with their labels.
    s.keys("v");
    let shown = s.screen(120, 30);
    assert!(
        !shown.contains("(personal · v shows it)") && shown.contains("Hobbies: secret-horse"),
        "{shown}"
    );
    s.keys("v");
    assert!(s.screen(120, 30).contains("(personal · v shows it)"));
}

/// A revealed dossier change reads as the fields it changed, each with its label, not as JSON.
#[test]
fn a_revealed_dossier_change_reads_field_by_field() {
    let mut s = filled(kam::i18n::Lang::Zh);
    s.press(crossterm::event::KeyCode::Enter)
        .keys("2")
        .keys("p");
    let form = s.app.form.as_mut().expect("the dossier form");
    form.set_text("hobbies", "高尔夫");
    s.save();
    assert_eq!(s.status(), "已保存");
    // Editing the dossier revealed it; the History tab shows the change field by field.
    s.keys("0");
    let screen = s.screen(120, 40);
    assert!(screen.contains("嗜好: 钓鱼"), "{screen}");
    assert!(screen.contains("嗜好: 高尔夫"), "{screen}");
    assert!(!screen.contains("{\""), "no JSON: {screen}");
    // v hides it again.
    s.keys("v");
    assert!(!s.screen(120, 40).contains("高尔夫"));
}
