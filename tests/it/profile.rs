//! The rep's profile: set once (`kam config` or `,` in the interface), it fills in who fills
//! the visit records and reports, and the daily report's department and manager.

use crate::support::ui::*;
use crate::support::*;
use crossterm::event::KeyCode;
use kam::i18n::Lang;

#[test]
fn kam_config_sets_the_profile_the_daily_report_reads() {
    let db = TempDb::new();
    let book = db.file("kam.db");
    assert!(kam_db(&book, &["demo", "--accounts", "3"]).status.success());
    let o = kam_db(&book, &["config", "name", "张伟"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(kam_db(&book, &["config", "manager", "王经理"])
        .status
        .success());
    assert_eq!(stdout(&kam_db(&book, &["config", "name"])), "张伟\n");
    let listed = stdout(&kam_db(&book, &["--lang", "zh", "config"]));
    assert!(
        listed.contains("name\t我的姓名（填表人）\t张伟\n"),
        "{listed}"
    );
    assert!(listed.contains("manager\t主管\t王经理\n"), "{listed}");
    // A day without visits is still filled in by the rep, to their manager.
    let report = stdout(&kam_db(
        &book,
        &["--lang", "zh", "report", "daily", "--date", "2020-01-01"],
    ));
    assert!(report.contains("填表人: 张伟"), "{report}");
    assert!(report.contains("主管: 王经理"), "{report}");
    // A bad value or key: one sentence, nothing changed.
    assert_one_error_line(&kam_db(&book, &["config", "visit_minutes", "abc"]));
    let err = assert_one_error_line(&kam_db(&book, &["--lang", "zh", "config", "colour", "red"]));
    assert!(err.contains("不是个人资料的设置项"), "{err}");
    assert_eq!(stdout(&kam_db(&book, &["config", "visit_minutes"])), "\n");
    // An empty value clears it.
    assert!(kam_db(&book, &["config", "manager", ""]).status.success());
    assert_eq!(stdout(&kam_db(&book, &["config", "manager"])), "\n");
}

#[test]
fn the_profile_dialog_fills_in_the_visit_records() {
    let mut s = filled(Lang::Zh);
    s.keys(",");
    assert!(s.app.dialog.is_some(), "the profile dialog");
    s.keys("李娜\t销售一部\t王经理\t深圳\t45").save();
    assert_eq!(s.status(), "个人资料已保存");
    let p = s.app.store.profile().unwrap();
    assert_eq!(p.name.as_deref(), Some("李娜"));
    assert_eq!(p.department.as_deref(), Some("销售一部"));
    assert_eq!(p.visit_minutes, Some(45));
    // The next visit record is filled by the rep by name.
    s.keys("r").keys("hw").press(KeyCode::Enter);
    assert_eq!(s.app.form.as_ref().unwrap().text("filled_by"), "李娜");
    // Opened again and saved unchanged: no history row for nothing.
    let history_rows = |s: &Session| -> i64 {
        rusqlite::Connection::open(s.app.store.path())
            .unwrap()
            .query_row("SELECT COUNT(*) FROM history", [], |r| r.get(0))
            .unwrap()
    };
    let before = history_rows(&s);
    // Nothing typed: Esc closes the visit form without asking.
    s.press(KeyCode::Esc);
    assert!(s.app.confirm().is_none() && s.app.form.is_none());
    s.keys(",").save();
    assert_eq!(s.status(), "个人资料已保存");
    assert_eq!(history_rows(&s), before);
}
