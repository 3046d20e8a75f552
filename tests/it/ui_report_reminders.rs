//! The daily report screen and the reminders dashboard through the interface: which day is
//! shown, moving between days and weeks, opening accounts, and staying current after saves.

use crate::support::ui::*;
use crossterm::event::KeyCode;
use kam::app::View;
use kam::i18n::Lang;
use kam::visits::ReminderKind;

fn day(m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

#[test]
fn the_report_opens_on_today_and_moves_by_day_and_by_week() {
    let mut s = filled(Lang::En);
    s.keys("s");
    assert_eq!(s.app.view(), View::Report);
    let r = s.app.report().unwrap();
    assert_eq!(r.date(), day(11, 23));
    assert!(r.daily.visits.is_empty(), "nothing recorded on the 23rd");

    // Back three days: Friday the 20th holds the fixture's one visit, 35.00 of transport.
    s.keys("[[[");
    let r = s.app.report().unwrap();
    assert_eq!(r.date(), day(11, 20));
    assert_eq!(r.daily.visit_count, 1);
    assert_eq!(r.daily.expense_total.to_string(), "35.00");
    assert!(s.screen(120, 40).contains("介绍新机柜方案"));

    // w: the week of the 20th (Mon 16 – Sun 22); ] moves a whole week.
    s.keys("w");
    let w = s.app.report().unwrap().weekly.as_ref().unwrap();
    assert_eq!((w.from, w.to), (day(11, 16), day(11, 22)));
    assert_eq!(w.visit_count, 1);
    s.keys("]");
    let w = s.app.report().unwrap().weekly.as_ref().unwrap();
    assert_eq!(w.from, day(11, 23));
    assert_eq!(w.visit_count, 0);
    // w again: back to a day, t: today.
    s.keys("wt");
    let r = s.app.report().unwrap();
    assert!(r.weekly.is_none());
    assert_eq!(r.date(), day(11, 23));
}

#[test]
fn a_chosen_date_shows_that_day_and_a_bad_date_changes_nothing() {
    let mut s = filled(Lang::En);
    s.keys("sD");
    assert!(s.app.dialog.is_some());
    // Clear the prefilled date, type a wrong one: the form stays, the report too.
    for _ in 0..10 {
        s.press(KeyCode::Backspace);
    }
    s.keys("2026-13-40").save();
    assert!(s.app.dialog.is_some(), "a bad date keeps the form open");
    assert_eq!(s.app.report().unwrap().date(), day(11, 23));
    for _ in 0..10 {
        s.press(KeyCode::Backspace);
    }
    s.keys("2026/11/20").save();
    assert!(s.app.dialog.is_none(), "{}", s.status());
    assert_eq!(s.app.report().unwrap().date(), day(11, 20));
    assert_eq!(s.app.report().unwrap().daily.visit_count, 1);
}

#[test]
fn enter_on_a_visit_opens_its_account_and_esc_returns() {
    let mut s = filled(Lang::Zh);
    s.keys("s[[[").press(KeyCode::Enter);
    assert_eq!(s.app.view(), View::Detail);
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    assert_eq!(s.app.detail().unwrap().account_id(), hw.id);
}

#[test]
fn a_visit_recorded_while_the_report_is_open_appears_in_it() {
    let mut s = filled(Lang::En);
    s.keys("s");
    assert_eq!(s.app.report().unwrap().daily.visit_count, 0);
    // r from the report: the finder first, then the record for today.
    s.keys("r").keys("acme").press(KeyCode::Enter);
    assert_eq!(s.app.form.as_ref().unwrap().text("date"), "2026-11-23");
    s.keys("Jane Smith\tb\tWalked the warehouse\tB").save();
    assert_eq!(
        s.status(),
        "Saved",
        "{:?}",
        s.app.form.as_ref().map(|f| &f.errors)
    );
    assert_eq!(s.app.view(), View::Report);
    let r = s.app.report().unwrap();
    assert_eq!(r.daily.visit_count, 1);
    assert_eq!(r.daily.visits[0].account_name, "Acme Logistics Inc");
}

#[test]
fn the_dashboard_shows_at_start_when_something_is_due_and_opens_accounts() {
    let mut s = filled(Lang::En);
    s.app.show_reminders_at_start().unwrap();
    assert_eq!(s.app.view(), View::Reminders);
    let kinds: Vec<ReminderKind> = s
        .app
        .reminders()
        .unwrap()
        .items
        .iter()
        .map(|r| r.kind)
        .collect();
    // By kind: this week's plan (the 26th), 曾小贤's birthday (1 Dec, within 14 days), the
    // open complaint, Acme (a major account never visited), and 华为 (A) and Acme (B), each
    // a key account with one contact only.
    assert_eq!(
        kinds,
        [
            ReminderKind::PlannedThisWeek,
            ReminderKind::Birthday,
            ReminderKind::OpenComplaint,
            ReminderKind::NoContact,
            ReminderKind::OneContact,
            ReminderKind::OneContact
        ]
    );
    // The last item is Acme's: Enter opens Acme.
    s.keys("G").press(KeyCode::Enter);
    assert_eq!(s.app.view(), View::Detail);
    let acme = s.app.store.account_by_code("C000002").unwrap().unwrap();
    assert_eq!(s.app.detail().unwrap().account_id(), acme.id);
    // b brings the dashboard back from anywhere; Esc leads to the open account.
    s.keys("b");
    assert_eq!(s.app.view(), View::Reminders);
    s.press(KeyCode::Esc);
    assert_eq!(s.app.view(), View::Detail);
}

#[test]
fn a_recorded_visit_takes_an_account_off_the_no_contact_warning() {
    let mut s = filled(Lang::En);
    s.keys("b");
    let quiet = |s: &Session| {
        s.app
            .reminders()
            .unwrap()
            .items
            .iter()
            .filter(|r| r.kind == ReminderKind::NoContact)
            .count()
    };
    assert_eq!(quiet(&s), 1);
    s.keys("r").keys("acme").press(KeyCode::Enter);
    s.keys("Jane Smith\tb\tQuarterly review\tB").save();
    assert_eq!(s.status(), "Saved");
    assert_eq!(s.app.view(), View::Reminders);
    assert_eq!(quiet(&s), 0, "the dashboard is current after the save");
}

#[test]
fn nothing_due_means_the_list_comes_first() {
    let mut s = empty(Lang::En);
    s.app.show_reminders_at_start().unwrap();
    assert_eq!(
        s.app.view(),
        View::Welcome,
        "an empty book shows the welcome"
    );
    // One ordinary account with nothing planned: no reminders, the list stays.
    s.keys("nShop on the corner").save();
    s.press(KeyCode::Esc);
    s.app.show_reminders_at_start().unwrap();
    assert_eq!(s.app.view(), View::List);
}

/// Waits (at most ten seconds) for the background reminders to arrive.
fn wait_for_reminders(s: &mut Session) {
    let start = std::time::Instant::now();
    while s.app.is_busy() {
        if s.app.tick() {
            return;
        }
        assert!(start.elapsed().as_secs() < 10, "reminders never arrived");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn at_start_the_list_comes_first_and_the_dashboard_replaces_it_when_ready() {
    let mut s = filled(Lang::Zh);
    s.app.show_reminders_in_background();
    assert_eq!(s.app.view(), View::List, "nothing waits for the reminders");
    wait_for_reminders(&mut s);
    assert_eq!(s.app.view(), View::Reminders);
    assert_eq!(s.app.reminders().unwrap().items.len(), 6);
}

#[test]
fn a_key_pressed_before_the_reminders_arrive_keeps_its_screen() {
    let mut s = filled(Lang::En);
    s.app.show_reminders_in_background();
    s.press(KeyCode::Enter);
    assert_eq!(s.app.view(), View::Detail);
    wait_for_reminders(&mut s);
    assert_eq!(s.app.view(), View::Detail, "the open account stays");
    assert_eq!(s.status(), "6 reminders · b shows them");
}

/// The report leaves kam from its screen: `x` writes it as Markdown into exports/, `y` hands
/// the same Markdown to the terminal's clipboard.
#[test]
fn the_report_is_exported_and_copied_from_its_screen() {
    let mut s = filled(Lang::Zh);
    s.keys("s");
    assert_eq!(s.app.view(), View::Report);
    // The 20th had a visit at 华为技术.
    s.keys("D");
    let d = s.app.dialog.as_mut().unwrap();
    d.inputs[0] = kam::app::input::Input::new("11-20");
    s.save();
    assert_eq!(s.app.report().unwrap().date(), day(11, 20));
    s.keys("x");
    let file = s
        .app
        .store
        .path()
        .parent()
        .unwrap()
        .join("exports/daily-report-2026-11-20.md");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", s.status()));
    assert!(text.starts_with("## 客户拜访日报表 2026-11-20"), "{text}");
    assert!(text.contains("华为技术"), "{text}");
    assert!(
        s.status().contains("daily-report-2026-11-20.md"),
        "{}",
        s.status()
    );
    s.keys("y");
    assert_eq!(s.app.take_clipboard().as_deref(), Some(text.as_str()));
    assert_eq!(s.app.take_clipboard(), None, "copied once");
    assert!(s.status().contains("复制"), "{}", s.status());
}

/// A big book has tens of thousands of reminders (68,000 at 100,000 accounts): the dashboard
/// keeps the earliest of each kind, counts every one, and says that it lists only some.
#[test]
fn the_dashboard_keeps_the_earliest_of_a_kind_and_counts_them_all() {
    use kam::app::screens::reminders::SHOWN_PER_KIND;
    use kam::domain::VisitPlan;
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    fill(&mut store);
    let account = store.all::<kam::domain::Account>().unwrap()[0].id;
    let many = SHOWN_PER_KIND + 5;
    for i in 0..many {
        let at = format!("2026-11-23T{:02}:{:02}:00", 23 - i / 60, 59 - i % 60);
        let mut p = VisitPlan {
            account_id: account,
            planned_at: Some(
                chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S").unwrap(),
            ),
            purpose: Some(format!("visit {i}")),
            ..Default::default()
        };
        store.insert(&mut p).unwrap();
    }
    let mut s = Session {
        app: kam::app::App::new(store, Lang::En).unwrap(),
        dir,
    };
    s.app.show_reminders_in_background();
    wait_for_reminders(&mut s);
    let r = s.app.reminders().unwrap();
    let today: Vec<_> = r
        .items
        .iter()
        .filter(|i| i.kind == ReminderKind::PlannedToday)
        .collect();
    assert_eq!(today.len(), SHOWN_PER_KIND);
    let count = r
        .counts
        .iter()
        .find(|(k, _)| *k == ReminderKind::PlannedToday);
    assert_eq!(count, Some(&(ReminderKind::PlannedToday, many)));
    assert!(r.is_cut());
    // Those kept are the first of that kind the whole list shows (by date, then account
    // and record), in its order.
    let mut all = kam::visits::reminders(&s.app.store, day(11, 23), 14).unwrap();
    all.sort_by_key(|r| (r.kind, r.date));
    let first: Vec<_> = all
        .iter()
        .filter(|i| i.kind == ReminderKind::PlannedToday)
        .take(SHOWN_PER_KIND)
        .collect();
    assert_eq!(today, first);
    let screen = s.screen(160, 30);
    assert!(
        screen.contains(&format!("the first {SHOWN_PER_KIND} of each kind")),
        "{screen}"
    );
    // Other kinds of the fixture are still there, whole.
    assert!(r.items.iter().any(|i| i.kind != ReminderKind::PlannedToday));
}

/// How `kam` starts: the job that builds the finder gathers the reminders first (never held
/// beside the finder), and the dashboard arrives with the finder.
#[test]
fn at_start_the_dashboard_arrives_with_the_finder() {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    fill(&mut store);
    let mut s = Session {
        app: kam::app::App::start_deferred(store, Lang::En).unwrap(),
        dir,
    };
    assert!(s.app.is_loading());
    assert_eq!(s.app.view(), View::List, "nothing waits for the job");
    let start = std::time::Instant::now();
    while s.app.is_busy() {
        s.app.tick();
        assert!(start.elapsed().as_secs() < 10, "the job never finished");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    s.app.tick();
    assert!(!s.app.is_loading());
    assert!(!s.app.finder.is_empty());
    assert_eq!(s.app.view(), View::Reminders);
    assert_eq!(s.app.reminders().unwrap().items.len(), 6);
}

/// The brief from the planner is of the visit selected; `v` adds the personal dossier, `x`
/// writes it into exports/ for the phone (without the dossier unless shown), `y` copies it,
/// and Esc goes back to the planner it was opened from.
#[test]
fn the_brief_opens_from_a_planned_visit_and_goes_back_to_the_planner() {
    let mut s = filled(Lang::Zh);
    s.keys("a");
    assert_eq!(s.app.view(), View::Planner);
    let plan = s
        .app
        .planner()
        .unwrap()
        .selected_row()
        .unwrap()
        .plan
        .clone();
    s.keys("B");
    assert_eq!(s.app.view(), View::Brief);
    let b = s.app.brief().unwrap();
    assert_eq!(
        b.brief.visit.as_ref(),
        Some(&plan),
        "the brief of the visit selected"
    );
    assert!(!b.personal);
    s.keys("x");
    let name = format!(
        "exports/brief-{}-{}.md",
        b_code(&s),
        plan.planned_at.unwrap().date()
    );
    let file = s.app.store.path().parent().unwrap().join(name);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", s.status()));
    assert!(text.starts_with("# 拜访简报 · "), "{text}");
    assert!(
        !text.contains("钓鱼"),
        "the dossier stays out until shown: {text}"
    );
    s.keys("v");
    assert!(s.app.brief().unwrap().personal);
    s.keys("y");
    let copied = s.app.take_clipboard().unwrap();
    assert!(copied.contains("嗜好: 钓鱼"), "{copied}");
    s.press(KeyCode::Esc);
    assert_eq!(s.app.view(), View::Planner, "back where it was opened");
}

fn b_code(s: &Session) -> String {
    s.app.brief().unwrap().brief.dossier_account.code.clone()
}

/// The week proposed, from the planner: `Enter` makes the selected proposal a planned visit at
/// its time, `d` drops one without writing anything, `A` accepts the rest, and Esc goes back to
/// the planner, which shows them.
#[test]
fn the_week_proposed_is_accepted_one_by_one_or_all_and_dropped_without_a_trace() {
    let mut s = filled(Lang::Zh);
    // Three accounts never visited: due at once.
    for (code, district) in [("W1", "西湖区"), ("W2", "滨江区"), ("W3", "拱墅区")] {
        let mut a = kam::domain::Account {
            code: code.into(),
            name: format!("客户{code}"),
            province: Some("浙江省".into()),
            city: Some("杭州市".into()),
            district: Some(district.into()),
            ..Default::default()
        };
        s.app.store.insert(&mut a).unwrap();
    }
    s.keys("a");
    s.keys("P");
    assert_eq!(s.app.view(), View::WeekPlan);
    let rows: Vec<(i64, Option<chrono::NaiveDateTime>)> = s
        .app
        .week_plan()
        .unwrap()
        .rows()
        .iter()
        .map(|p| (p.account_id, p.at))
        .collect();
    assert!(rows.len() >= 4, "the small book has accounts due: {rows:?}");
    let plans = |s: &Session| -> Vec<(i64, Option<chrono::NaiveDateTime>)> {
        let week = s.app.week_plan().map(|w| (w.plan.from, w.plan.to)).unwrap();
        s.app
            .store
            .visit_plans_between(
                week.0.and_hms_opt(0, 0, 0).unwrap(),
                week.1.and_hms_opt(23, 59, 0).unwrap(),
            )
            .unwrap()
            .iter()
            .map(|p| (p.account_id, p.planned_at))
            .collect()
    };
    let before = plans(&s);
    s.press(KeyCode::Enter);
    let after = plans(&s);
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        after.contains(&rows[0]),
        "planned where proposed: {after:?}"
    );
    assert_eq!(s.app.week_plan().unwrap().rows().len(), rows.len() - 1);
    s.keys("d");
    assert_eq!(plans(&s).len(), before.len() + 1, "dropping writes nothing");
    assert_eq!(s.app.week_plan().unwrap().rows().len(), rows.len() - 2);
    s.keys("A");
    assert_eq!(plans(&s).len(), before.len() + rows.len() - 1);
    assert!(s.app.week_plan().unwrap().rows().is_empty());
    assert_eq!(s.app.week_plan().unwrap().accepted, rows.len() - 1);
    s.press(KeyCode::Esc);
    assert_eq!(s.app.view(), View::Planner);
    // The planner below read the book again: it shows what was accepted.
    let shown: Vec<i64> = s
        .app
        .planner()
        .unwrap()
        .rows
        .iter()
        .map(|r| r.plan.account_id)
        .collect();
    assert!(
        rows[..1].iter().all(|(id, _)| shown.contains(id)),
        "{shown:?}"
    );
}
