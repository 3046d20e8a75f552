//! Issue 22, the relationship side: entertainment (客户招待), gifts (礼品馈赠), competitors
//! (竞争对手) and market events attended (市场活动参与情况) are stored with their history, go
//! to the trash and back, travel in every export and come back, lose a forgotten attendee's
//! or recipient's name down to the file's bytes, show on the Relations tab and in the brief.
//! The reports are in relations_reports.rs.

use crate::support::*;
use kam::domain::*;

fn strip<R: Record>(mut r: R) -> serde_json::Value {
    r.set_id(0);
    r.set_account_id(0);
    let mut v = serde_json::to_value(r).unwrap();
    let m = v.as_object_mut().unwrap();
    m.remove("created_at");
    m.remove("updated_at");
    v
}

#[test]
fn entertainment_gifts_and_competitors_are_stored_with_history_and_go_to_the_trash_and_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let d = store.dossier(id).unwrap();
    assert_eq!(d.entertainments.len(), 1);
    let e = &d.entertainments[0];
    assert_eq!(strip(e.clone()), strip(sample_entertainment(id)));
    assert_eq!(e.budget_total(), money("1700.00"));
    assert_eq!(e.spent_total(), money("1530.00"));
    assert_eq!(d.gifts[0].budget_total(), money("1600.00"));
    assert_eq!(strip(d.gifts[0].clone()), strip(sample_gift(id)));
    assert_eq!(
        strip(d.competitors[0].clone()),
        strip(sample_competitor(id))
    );
    // The report after the dinner: one history row per field changed.
    let mut e = e.clone();
    e.outcome = Some("签了意向书".into());
    assert_eq!(store.update(&mut e).unwrap(), 1);
    let history = store.history(id).unwrap();
    assert!(history
        .iter()
        .any(|c| c.entity == "entertainments" && c.field.as_deref() == Some("outcome")));
    assert!(history.iter().any(|c| c.entity == "gifts"));
    assert!(history.iter().any(|c| c.entity == "competitors"));
    for (kind, rid) in [
        (RecordKind::Entertainment, e.id),
        (RecordKind::Gift, d.gifts[0].id),
        (RecordKind::Competitor, d.competitors[0].id),
    ] {
        store.delete(kind, rid).unwrap();
        assert!(store
            .trash()
            .unwrap()
            .iter()
            .any(|t| t.kind == kind && t.id == rid));
    }
    let gone = store.dossier(id).unwrap();
    assert!(gone.entertainments.is_empty() && gone.gifts.is_empty());
    assert!(gone.competitors.is_empty());
    store.restore(RecordKind::Gift, d.gifts[0].id).unwrap();
    assert_eq!(store.dossier(id).unwrap().gifts.len(), 1);
}

#[test]
fn a_negative_budget_line_and_a_gift_of_none_are_refused_and_change_nothing() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let mut e = sample_entertainment(id);
    e.budget[0].amount = money("-10");
    let err = store.insert(&mut e).unwrap_err().to_string();
    assert!(err.contains("budget"), "{err}");
    let mut g = sample_gift(id);
    g.quantity = Some(0);
    let err = store.insert(&mut g).unwrap_err().to_string();
    assert!(
        err.contains("quantity") && err.contains("more than zero"),
        "{err}"
    );
    let mut c = sample_competitor(id);
    c.share = Some(130);
    assert!(store.insert(&mut c).is_err());
    let d = store.dossier(id).unwrap();
    assert_eq!(
        (d.entertainments.len(), d.gifts.len(), d.competitors.len()),
        (1, 1, 1)
    );
}

#[test]
fn budget_lines_are_typed_as_a_rep_types_visit_expenses() {
    let spec = RecordKind::Entertainment
        .fields()
        .iter()
        .find(|s| s.key == "budget")
        .unwrap();
    let v = kam::domain::parse::parse_field(spec, "用餐 1200; 交通 200; 会议室 300").unwrap();
    let lines: Vec<Expense> = serde_json::from_value(v).unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0].item, ExpenseItem::Meals);
    assert_eq!(lines[2].item, ExpenseItem::Other);
    assert_eq!(lines[2].note.as_deref(), Some("会议室"));
    assert_eq!(lines.iter().map(|e| e.amount).sum::<Money>(), money("1700"));
}

/// The file's bytes, and its WAL's.
fn bytes_of(db: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    if let Ok(wal) = std::fs::read(db.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    bytes
}

fn holds(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn forgetting_an_attendee_and_recipient_leaves_no_byte_of_their_name() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let mut person = sample_contact(id);
    person.name = "欧阳秘书".into();
    store.insert(&mut person).unwrap();
    let mut e = sample_entertainment(id);
    e.their_attendees = Some("欧阳秘书, 王建国".into());
    store.insert(&mut e).unwrap();
    // An edit leaves the name in the history too.
    e.learned = Some("欧阳秘书说预算会增加".into());
    store.update(&mut e).unwrap();
    let mut g = sample_gift(id);
    g.recipient = Some("欧阳秘书".into());
    store.insert(&mut g).unwrap();
    let mut ev = sample_event_attendance(id);
    ev.attendees = Some("欧阳秘书".into());
    store.insert(&mut ev).unwrap();
    drop(store);
    assert!(holds(&bytes_of(&db.path), "欧阳秘书"));
    let o = kam_db(&db.path, &["forget", "C000777:欧阳秘书"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !holds(&bytes_of(&db.path), "欧阳秘书"),
        "the name is in the file"
    );
    let store = db.writer();
    let d = store.dossier(id).unwrap();
    let e = d.entertainments.iter().find(|x| x.id == e.id).unwrap();
    assert_eq!(e.their_attendees.as_deref(), Some("[removed], 王建国"));
    assert_eq!(e.learned.as_deref(), Some("[removed]说预算会增加"));
    let g = d.gifts.iter().find(|x| x.id == g.id).unwrap();
    assert_eq!(g.recipient.as_deref(), Some("[removed]"));
    let ev = d.event_attendances.iter().find(|x| x.id == ev.id).unwrap();
    assert_eq!(ev.attendees.as_deref(), Some("[removed]"));
}

#[test]
fn json_and_xlsx_exports_bring_the_three_sections_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let want = store.dossier(id).unwrap();
    drop(store);
    let check = |copy: &TempDb| {
        let store = copy.writer();
        let got = store
            .dossier(store.all::<Account>().unwrap()[0].id)
            .unwrap();
        let pairs = |a: &kam::domain::Dossier| {
            (
                a.event_attendances
                    .iter()
                    .cloned()
                    .map(strip)
                    .collect::<Vec<_>>(),
                a.entertainments
                    .iter()
                    .cloned()
                    .map(strip)
                    .collect::<Vec<_>>(),
                a.gifts.iter().cloned().map(strip).collect::<Vec<_>>(),
                a.competitors.iter().cloned().map(strip).collect::<Vec<_>>(),
            )
        };
        assert_eq!(pairs(&got), pairs(&want));
    };
    for format in ["json", "xlsx"] {
        let file = db.file(&format!("all.{format}"));
        let o = kam_db(
            &db.path,
            &[
                "--lang",
                "zh",
                "export",
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let copy = TempDb::new();
        let o = kam_db(&copy.path, &["import", file.to_str().unwrap()]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        check(&copy);
    }
}

mod screen {
    use crate::support::ui::{fill as fill_ui, open_store, Session};
    use crate::support::*;
    use crossterm::event::KeyCode;
    use kam::app::App;
    use kam::domain::*;
    use kam::i18n::Lang;

    /// The hand-made book of the screen tests with, on 华为 (C000001), the dinner held, the
    /// tea sets given, one competitor and the seminar 曾小贤 came to.
    fn session(lang: Lang) -> Session {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open_store(&dir);
        fill_ui(&mut store);
        let hw = store
            .all::<Account>()
            .unwrap()
            .into_iter()
            .find(|a| a.code == "C000001")
            .unwrap()
            .id;
        store.insert(&mut sample_entertainment(hw)).unwrap();
        store.insert(&mut sample_gift(hw)).unwrap();
        store.insert(&mut sample_competitor(hw)).unwrap();
        let mut seminar = sample_event_attendance(hw);
        seminar.attendees = Some("曾小贤".into());
        store.insert(&mut seminar).unwrap();
        Session {
            app: App::new(store, lang).unwrap(),
            dir,
        }
    }

    #[test]
    fn the_relations_tab_shows_entertainment_gifts_and_competitors_with_their_sums() {
        for lang in [Lang::En, Lang::Zh] {
            let mut s = session(lang);
            s.press(KeyCode::Enter).keys("0").press(KeyCode::Tab);
            let screen = s.screen(80, 24);
            insta::assert_snapshot!(format!("relations_tab_{}_80x24", lang.code()), screen);
            // The sums of the section titles: budget 1,700.00, spent 1,530.00; gifts
            // 1,600.00 and 1,560.00.
            assert!(
                screen.contains("1,700.00") && screen.contains("1,530.00"),
                "{screen}"
            );
            assert!(screen.contains("恒达机电"), "{screen}");
        }
    }

    #[test]
    fn capital_e_applies_for_an_entertainment_typed_in_one_go() {
        let mut s = session(Lang::Zh);
        s.press(KeyCode::Enter)
            .keys("E")
            .keys("\t海底捞\t新产品推介\t曾小贤\t\t用餐 1200; 交通 200");
        s.save();
        let all = s.app.store.all::<Entertainment>().unwrap();
        assert_eq!(all.len(), 2, "{}", s.status());
        let e = &all[1];
        assert_eq!(e.date, Some(date("2026-11-23")));
        assert_eq!(e.venue.as_deref(), Some("海底捞"));
        assert_eq!(e.their_attendees.as_deref(), Some("曾小贤"));
        assert_eq!(e.status, Some(Approval::Applied));
        assert_eq!(e.budget_total(), money("1400"));
        // The tab it lands on shows it.
        assert!(s.screen(80, 24).contains("海底捞"));
        // L and C start a gift and a competitor; a competitor needs its name.
        s.keys("C");
        s.save();
        assert!(
            s.app.form.is_some(),
            "a competitor without a name is refused"
        );
        assert_eq!(s.app.store.all::<Competitor>().unwrap().len(), 1);
    }
}

#[test]
fn the_brief_names_the_competitors_seen_there_with_their_prices_and_weak_points() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let o = kam_db(&db.path, &["--lang", "zh", "brief", "C000777"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("该客户的竞争对手\n  恒达机电有限公司 · 数控车床 CK6150 · CK6150 ¥168,000 · 份额% 30 · 优势: 价格低,本地有仓库 · 劣势: 售后响应慢"),
        "{text}"
    );
}
