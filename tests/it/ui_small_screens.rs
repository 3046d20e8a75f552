//! Issue 16: at 80×24 a rep reaches everything and at 60×20 reads it. What once fell off
//! the screen: half an account's fields, the help's last keys, the Visits and History tabs,
//! phone numbers and amounts.

use crate::support::ui::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;

/// The filled book with an account that has every field a rep fills in.
fn full_account(lang: Lang) -> Session {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    fill(&mut store);
    let mut a: Account = store.dossier(1).unwrap().account;
    a.street = Some("坂田街道华为基地 B 区".into());
    a.employees = Some(207_000);
    a.payment_attitude = Some(PaymentAttitude::Prompt);
    a.notes = Some("年底前确认二期机房扩容预算，采购经理曾小贤负责招标文件。".into());
    store.update(&mut a).unwrap();
    Session {
        app: kam::app::App::new(store, lang).unwrap(),
        dir,
    }
}

#[test]
fn the_overview_scrolls_to_its_last_field_at_80x24() {
    for (lang, notes, owner) in [(Lang::Zh, "备注", "负责人"), (Lang::En, "Notes", "Owner")] {
        let mut s = full_account(lang);
        s.press(KeyCode::Enter);
        let first = s.screen(80, 24);
        assert!(!first.contains("年底前确认"), "{first}");
        s.keys(&"j".repeat(40));
        let last = s.screen(80, 24);
        assert!(last.contains(owner), "{last}");
        assert!(last.contains(notes), "{last}");
        // The selected field (the notes, four above the last) shows its whole value,
        // wrapped, even at 60 columns.
        s.keys("kkkk");
        let narrow = s.screen(60, 20);
        assert!(narrow.contains("年底前确认"), "{narrow}");
        assert!(narrow.contains("招标文件。"), "{narrow}");
        // Enter edits the account on the field selected.
        s.press(KeyCode::Enter);
        assert_eq!(s.app.form.as_ref().unwrap().focused_spec().key, "notes");
        s.press(KeyCode::Esc);
        // Back up to the first.
        s.keys("g");
        assert_eq!(s.screen(80, 24), first);
    }
}

#[test]
fn the_help_scrolls_to_its_last_key_and_closes_with_esc() {
    for lang in [Lang::Zh, Lang::En] {
        let mut s = filled(lang);
        s.press(KeyCode::Enter).keys("?");
        let save = kam::i18n::t(lang, "help-form-cancel");
        assert!(!s.screen(80, 24).contains(&save));
        s.keys("G");
        assert!(s.screen(80, 24).contains(&save));
        assert!(s.screen(60, 20).contains(&save));
        s.press(KeyCode::Esc);
        assert!(s.app.overlay.is_none());
    }
}

#[test]
fn every_tab_of_an_account_is_on_the_bar_at_80x24() {
    let ids = [
        "tab-overview",
        "tab-contacts",
        "tab-deals",
        "tab-opportunities",
        "tab-needs",
        "tab-service",
        "tab-feedback",
        "tab-communications",
        "tab-visits",
        "tab-history",
        "tab-relations",
    ];
    for lang in [Lang::Zh, Lang::En] {
        let mut s = filled(lang);
        s.press(KeyCode::Enter);
        for key in "1234567890".chars() {
            s.keys(&key.to_string());
            let screen = s.screen(80, 24);
            for id in ids {
                let full = kam::i18n::t(lang, id);
                let short = kam::i18n::t(lang, &format!("{id}-short"));
                assert!(
                    screen.contains(&full) || screen.contains(&short),
                    "{id} on tab {key}:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn phones_and_amounts_are_whole_at_60x20() {
    for lang in [Lang::Zh, Lang::En] {
        let mut s = filled(lang);
        s.press(KeyCode::Enter);
        assert!(s.screen(60, 20).contains("+86 138 0013 8000"));
        s.keys("2");
        let contacts = s.screen(60, 20);
        assert!(contacts.contains("+86 138 0013 8000"), "{contacts}");
        s.keys("3");
        let deals = s.screen(60, 20);
        assert!(deals.contains("12,500.00"), "{deals}");
        assert!(deals.contains("2026-10-08"), "{deals}");
        s.keys("9");
        let visits = s.screen(60, 20);
        assert!(visits.contains("2026-11-26 14:30"), "{visits}");
    }
}

#[test]
fn a_form_never_offers_keys_that_type_text() {
    for lang in [Lang::Zh, Lang::En] {
        let mut s = filled(lang);
        s.keys("n");
        let screen = s.screen(80, 24);
        let last = screen.lines().last().unwrap();
        assert!(!last.contains("? ") && !last.contains("q "), "{last}");
        assert!(last.contains("Ctrl-S"), "{last}");
    }
}
