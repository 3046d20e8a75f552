//! One snapshot per screen and state, in Chinese and English, at 80×24 and 120×40.
//! Review changes with `cargo insta review` (or INSTA_UPDATE=always, then read the diff).

mod ui_support;

use crossterm::event::KeyCode;
use kam::i18n::Lang;
use ui_support::*;

/// Each state: a name and how to get there from a fresh app.
/// A state's name, whether it starts from the filled book, and the keys that reach it.
type State = (&'static str, bool, fn(&mut Session));

fn states() -> Vec<State> {
    vec![
        ("welcome", false, |_| {}),
        ("welcome_help", false, |s| {
            s.keys("?");
        }),
        ("list", true, |_| {}),
        ("list_filtered", true, |s| {
            s.keys("f ").save();
        }),
        ("list_confirm_delete", true, |s| {
            s.keys("d");
        }),
        ("list_help", true, |s| {
            s.keys("?");
        }),
        ("search", true, |s| {
            s.keys("/hw");
        }),
        ("search_contact", true, |s| {
            s.keys("/jane");
        }),
        ("notes_search_empty", true, |s| {
            s.keys("S");
        }),
        ("notes_search", true, |s| {
            s.keys("S延迟");
        }),
        ("notes_search_none", true, |s| {
            s.keys("S没有");
        }),
        ("detail_overview", true, |s| {
            s.press(KeyCode::Enter);
        }),
        ("detail_contacts", true, |s| {
            s.press(KeyCode::Enter).keys("2");
        }),
        ("detail_contacts_revealed", true, |s| {
            s.press(KeyCode::Enter).keys("2v");
        }),
        ("detail_deals", true, |s| {
            s.press(KeyCode::Enter).keys("3");
        }),
        ("detail_visits", true, |s| {
            s.press(KeyCode::Enter).keys("9");
        }),
        ("detail_history", true, |s| {
            s.press(KeyCode::Enter).keys("0");
        }),
        ("detail_empty_tab", true, |s| {
            s.press(KeyCode::Enter).keys("5");
        }),
        ("form_new_account", true, |s| {
            s.keys("n");
        }),
        ("form_validation_error", true, |s| {
            s.keys("n\t\t\t\t91350100M000100Y44").save();
        }),
        ("form_confirm_discard", true, |s| {
            s.keys("nX").press(KeyCode::Esc);
        }),
        ("trash", true, |s| {
            s.keys("dyt");
        }),
        ("planner", true, |s| {
            s.keys("a");
        }),
        ("planner_regional", true, |s| {
            s.keys("aR");
        }),
        ("planner_empty", true, |s| {
            s.keys("a]]");
        }),
        ("visit_record_form", true, |s| {
            s.press(KeyCode::Enter).keys("9n");
        }),
        ("visit_record_from_finder", true, |s| {
            s.keys("r");
        }),
        // Yes/no answers: one answered yes, the others not known.
        ("dossier_form_yes_no", true, |s| {
            s.press(KeyCode::Enter).keys("2p");
            s.keys(&"\t".repeat(26)).keys(" ");
        }),
        ("plan_form_unsuitable_warning", true, |s| {
            s.press(KeyCode::Enter).keys("9N2026-11-30 09:30").save();
        }),
        ("report_daily", true, |s| {
            s.keys("s[[[");
        }),
        ("report_daily_empty", true, |s| {
            s.keys("s");
        }),
        ("report_weekly", true, |s| {
            s.keys("s[[[w");
        }),
        ("report_choose_date", true, |s| {
            s.keys("sD");
        }),
        ("reminders", true, |s| {
            s.keys("b");
        }),
        ("reminders_help", true, |s| {
            s.keys("b?");
        }),
        ("import_form", true, |s| {
            s.keys("i");
        }),
        ("import_dry_run", true, |s| {
            s.keys("itests/fixtures/import/customers_zh_utf8.csv")
                .save();
        }),
        ("import_problems", true, |s| {
            s.keys("itests/fixtures/import/broken_rows.csv").save();
        }),
        ("merge_confirm", true, |s| {
            s.press(KeyCode::Enter).keys("Macme").press(KeyCode::Enter);
        }),
        ("history_undo_confirm", true, |s| {
            s.press(KeyCode::Enter).keys("0u");
        }),
        ("trash_empty", true, |s| {
            s.keys("t");
        }),
        ("analytics_grading", true, |s| {
            s.keys("A");
        }),
        ("analytics_grading_pareto", true, |s| {
            s.keys("AP");
        }),
        ("analytics_top10", true, |s| {
            s.keys("A2");
        }),
        ("analytics_plan_form", true, |s| {
            s.keys("A2e");
        }),
        ("analytics_regions", true, |s| {
            s.keys("A3");
        }),
        ("analytics_pivot", true, |s| {
            s.keys("A4");
        }),
        ("analytics_funnel", true, |s| {
            s.keys("A5");
        }),
        ("analytics_evaluation", true, |s| {
            s.keys("A6");
        }),
        ("analytics_problems", true, |s| {
            s.keys("A7");
        }),
        ("analytics_monthly", true, |s| {
            s.keys("A8");
        }),
        ("analytics_monthly_account", true, |s| {
            s.press(KeyCode::Enter).keys("A8");
        }),
        ("analytics_month_empty", true, |s| {
            s.keys("Ap");
        }),
        ("analytics_help", true, |s| {
            s.keys("A?");
        }),
    ]
}

#[test]
fn every_screen_in_both_languages_and_two_sizes() {
    for (name, filled_db, setup) in states() {
        for lang in [Lang::En, Lang::Zh] {
            let mut s = if filled_db { filled(lang) } else { empty(lang) };
            setup(&mut s);
            for (w, h) in [(80, 24), (120, 40)] {
                let snap = format!("{name}_{}_{w}x{h}", lang.code());
                insta::assert_snapshot!(snap, s.screen(w, h));
            }
        }
    }
}

#[test]
fn too_small() {
    let s = filled(Lang::Zh);
    insta::assert_snapshot!("too_small_zh_20x5", s.screen(20, 5));
    let s = filled(Lang::En);
    insta::assert_snapshot!("too_small_en_20x5", s.screen(20, 5));
}
