//! One snapshot per screen and state, in Chinese and English, at 60×20, 80×24 and 120×40.
//! Review changes with `cargo insta review` (or INSTA_UPDATE=always, then read the diff).

use crate::support::ui::*;
use crossterm::event::KeyCode;
use kam::i18n::Lang;

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
        ("detail_brief", true, |s| {
            s.press(KeyCode::Enter).keys("B");
        }),
        ("detail_brief_personal", true, |s| {
            s.press(KeyCode::Enter).keys("Bv");
        }),
        ("planner_brief", true, |s| {
            s.keys("aB");
        }),
        ("week_plan", true, |s| {
            s.keys("aP");
        }),
        ("detail_empty_tab", true, |s| {
            s.press(KeyCode::Enter).keys("5");
        }),
        ("detail_opportunities", true, |s| {
            s.press(KeyCode::Enter).keys("4");
        }),
        ("detail_needs", true, |s| {
            fill_the_other_tabs(&mut s.app.store);
            s.press(KeyCode::Enter).keys("5");
        }),
        ("detail_service", true, |s| {
            fill_the_other_tabs(&mut s.app.store);
            s.press(KeyCode::Enter).keys("6");
        }),
        ("detail_feedback", true, |s| {
            s.press(KeyCode::Enter).keys("7");
        }),
        ("detail_communications", true, |s| {
            fill_the_other_tabs(&mut s.app.store);
            s.press(KeyCode::Enter).keys("8");
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
            // Tab to 反对别人喝酒 (objects_to_drinking), the 38th field.
            s.keys(&"\t".repeat(37)).keys(" ");
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
        ("import_map", true, |s| {
            s.keys("itests/fixtures/import/customers_zh_utf8.csv")
                .save();
        }),
        // The fourth column given another field, the fifth ignored.
        ("import_map_changed", true, |s| {
            s.keys("itests/fixtures/import/customers_zh_utf8.csv")
                .save()
                .keys("jjjljx");
        }),
        // The field list of a column, filtered by what was typed.
        ("import_map_picker", true, |s| {
            s.keys("itests/fixtures/import/customers_zh_utf8.csv")
                .save()
                .keys("jjjjeph");
        }),
        ("import_dry_run", true, |s| {
            s.keys("itests/fixtures/import/customers_zh_utf8.csv")
                .save()
                .press(KeyCode::Enter);
        }),
        ("import_problems", true, |s| {
            s.keys("itests/fixtures/import/broken_rows.csv")
                .save()
                .press(KeyCode::Enter);
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
            for (w, h) in [(60, 20), (80, 24), (120, 40)] {
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

/// Issue 14, case 12: what an imported file can carry (an OSC 52 clipboard write, a colour,
/// a C1 CSI, a right-to-left override, zero-width characters, CR, NUL) never reaches the
/// terminal from any screen that shows stored text.
#[test]
fn stored_control_characters_are_never_drawn() {
    use kam::domain::*;
    const EVIL: &str =
        "\x1b]52;c;SGVsbG8=\x07\x1b[31m\u{9b}31m\u{202e}\u{200b}\u{200d}\u{2066}\r\0";
    let forbidden = |c: char| {
        (c as u32) < 0x20
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
            || matches!(c, '\u{2060}'..='\u{2069}' | '\u{feff}')
    };
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    let mut a = Account {
        name: format!("恶意{EVIL}公司"),
        category: Some(Category::Key),
        notes: Some(format!("备注{EVIL}")),
        ..Default::default()
    };
    store.insert(&mut a).unwrap();
    a.short_name = Some(format!("简称{EVIL}"));
    store.update(&mut a).unwrap();
    store
        .insert(&mut Contact {
            account_id: a.id,
            name: format!("张{EVIL}三"),
            title: Some(format!("总监{EVIL}")),
            is_primary: true,
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut VisitReport {
            account_id: a.id,
            date: Some(fixed_now().date()),
            person_met: Some(format!("张{EVIL}三")),
            summary: Some(format!("参观{EVIL}新车间")),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut Feedback {
            account_id: a.id,
            date: Some(fixed_now().date()),
            kind: Some(FeedbackKind::Complaint),
            content: format!("投诉{EVIL}"),
            status: Some(FeedbackStatus::Open),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut VisitPlan {
            account_id: a.id,
            planned_at: Some(fixed_now() + chrono::Duration::days(1)),
            contact: Some(format!("张{EVIL}三")),
            purpose: Some(format!("送{EVIL}报价")),
            ..Default::default()
        })
        .unwrap();
    let mut s = Session {
        app: kam::app::App::new(store, Lang::Zh).unwrap(),
        dir,
    };
    type Step = fn(&mut Session);
    let screens: [(&str, Step); 10] = [
        ("list", |_| {}),
        ("search", |s| {
            s.keys("/恶意");
        }),
        ("notes", |s| {
            s.press(KeyCode::Esc).keys("S参观");
        }),
        ("detail", |s| {
            s.press(KeyCode::Esc)
                .press(KeyCode::Esc)
                .press(KeyCode::Enter);
        }),
        ("contacts", |s| {
            s.keys("2");
        }),
        ("visits", |s| {
            s.keys("9");
        }),
        ("history", |s| {
            s.keys("0");
        }),
        ("planner", |s| {
            s.press(KeyCode::Esc).keys("a");
        }),
        ("reminders", |s| {
            s.press(KeyCode::Esc).keys("b");
        }),
        ("report", |s| {
            s.press(KeyCode::Esc).keys("s");
        }),
    ];
    let mut shown_visibly = false;
    for (name, step) in screens {
        step(&mut s);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        terminal.draw(|f| kam::ui::draw(f, &s.app)).unwrap();
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            if let Some(c) = cell.symbol().chars().find(|&c| forbidden(c)) {
                panic!("{name}: U+{:04X} drawn:\n{}", c as u32, terminal.backend());
            }
        }
        let text = terminal.backend().to_string();
        shown_visibly |= text.contains("<U+202E>");
    }
    assert!(shown_visibly, "a disguised name looks disguised");
}
