//! Bad input never hurts: arbitrary text and bytes through every parser a user can reach
//! (dates, money, phones, credit codes, emails, any field of any record, CSV and Excel and
//! vCard files, kam JSON, keys into the interface). Each must answer — a value or an error —
//! and never panic.

use crate::support::ui;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kam::domain::parse::parse_field;
use kam::domain::record::RecordKind;
use kam::domain::validate;
use kam::domain::Money;
use kam::i18n::Lang;
use proptest::prelude::*;

/// Text that looks like what people type: digits, separators, Chinese, full-width forms.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9０-９ ./:年月日时分号+()-]{0,24}",
        "[a-zA-Z0-9@.,;:'\"\\\\ \\t\\n-]{0,40}",
        "[\u{4e00}-\u{4e20}，。、：；（）a-c0-9]{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn value_parsers_answer(t in texty()) {
        let _ = validate::parse_date(&t);
        let _ = validate::parse_datetime(&t);
        let _ = Money::parse(&t);
        let _ = validate::phone(&t);
        let _ = validate::email(&t);
        let _ = validate::registration_no(&t);
        let _ = validate::normalize_width(&t);
        let _ = kam::domain::visit::parse_expenses(&t);
        let _ = kam::domain::visit_time::is_unsuitable(&t, chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(9, 30, 0).unwrap());
        let _ = kam::exchange::headers::recognise(&t);
        let _ = kam::exchange::headers::parse_map(&t);
        let _ = kam::duplicates::name_key(&t);
    }

    #[test]
    fn every_field_of_every_record_answers(t in texty()) {
        for kind in RecordKind::ALL {
            for spec in kind.fields() {
                let _ = parse_field(spec, &t);
            }
        }
    }

    #[test]
    fn file_readers_answer(bytes in proptest::collection::vec(any::<u8>(), 0..2048), t in texty()) {
        let _ = kam::exchange::table::read_csv(&bytes);
        let _ = kam::exchange::table::read_csv(t.as_bytes());
        let _ = kam::exchange::table::read_workbook(&bytes, None);
        let _ = kam::exchange::vcard::read(&t);
        let _ = kam::exchange::vcard::read(&format!("BEGIN:VCARD\n{t}\nEND:VCARD"));
        let _ = kam::exchange::json::parse(&t);
        let _ = kam::exchange::table::decode(&bytes);
    }
}

fn key_event() -> impl Strategy<Value = Event> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
    ];
    let mods = prop_oneof![
        Just(KeyModifiers::NONE),
        Just(KeyModifiers::SHIFT),
        Just(KeyModifiers::ALT),
    ];
    (code, mods).prop_map(|(c, m)| Event::Key(KeyEvent::new(c, m)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// Random key presses on the filled book (q, which quits, left out), drawn at a random size after
    /// each: the interface never panics, whatever screen the keys lead to.
    #[test]
    fn random_keys_never_panic(keys in proptest::collection::vec(key_event(), 1..80), w in 1u16..140, h in 1u16..50) {
        let mut s = ui::filled(Lang::Zh);
        for e in keys {
            if let Event::Key(k) = &e {
                if k.code == KeyCode::Char('q') {
                    continue;
                }
            }
            kam::tui::handle(&mut s.app, e);
            let _ = s.screen(w, h);
        }
    }
}
