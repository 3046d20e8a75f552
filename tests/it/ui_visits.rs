//! Visits through the interface: plan → done → record → next plan, the quick record from
//! anywhere, and the warning for a plan at an unsuitable time.

use crate::support::ui::*;
use crossterm::event::KeyCode;
use kam::app::View;
use kam::domain::*;
use kam::i18n::Lang;

#[test]
fn a_plan_marked_done_opens_its_record_and_the_next_visit_becomes_a_plan() {
    let mut s = filled(Lang::Zh);
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    // The planner opens on this week (Mon 23 – Sun 29 Nov 2026): one plan, on the 26th.
    s.keys("a");
    assert_eq!(s.app.view(), View::Planner);
    let planner = s.app.planner().unwrap();
    assert_eq!(planner.rows.len(), 1);
    let plan_id = planner.rows[0].plan.id;
    // x: the visit record opens prefilled with the plan's date and contact.
    s.keys("x");
    let form = s.app.form.as_ref().expect("visit record form");
    assert_eq!(form.text("date"), "2026-11-26");
    assert_eq!(form.text("person_met"), "曾小贤");
    assert_eq!(form.text("filled_by"), "tester");
    // Focus is on the person met; then purpose a, summary, outcome A, … next visit date.
    s.keys("\ta\t签订框架协议\tA\t\t\t带合同原件\t2026-12-10")
        .save();
    assert_eq!(
        s.status(),
        "已保存",
        "{:?}",
        s.app.form.as_ref().map(|f| &f.errors)
    );
    let visits: Vec<VisitReport> = s.app.store.list(hw.id).unwrap();
    let v = visits
        .iter()
        .find(|v| v.date == chrono::NaiveDate::from_ymd_opt(2026, 11, 26))
        .expect("recorded");
    assert_eq!(v.purpose, Some(VisitPurpose::FirstVisit));
    assert_eq!(v.outcome, Some(Outcome::DealAgreed));
    let plans: Vec<VisitPlan> = s.app.store.list(hw.id).unwrap();
    let done = plans.iter().find(|p| p.id == plan_id).unwrap();
    assert_eq!(
        done.status,
        Some(PlanStatus::Done),
        "the carried-out plan is done"
    );
    let next = plans
        .iter()
        .find(|p| p.id != plan_id)
        .expect("next plan created");
    assert_eq!(next.planned_at.unwrap().date().to_string(), "2026-12-10");
    assert_eq!(next.status, Some(PlanStatus::Planned));
    assert_eq!(next.purpose.as_deref(), Some("带合同原件"));
    // The agenda shows the plan as done now.
    assert_eq!(
        s.app.planner().unwrap().rows[0].plan.status,
        Some(PlanStatus::Done)
    );
}

#[test]
fn r_from_the_list_finds_the_account_first_and_new_people_become_contacts() {
    let mut s = filled(Lang::En);
    s.keys("r");
    assert!(s.app.search().is_some(), "the finder comes first");
    s.keys("acme").press(KeyCode::Enter);
    let form = s
        .app
        .form
        .as_ref()
        .expect("visit record for the chosen account");
    assert!(form
        .warning
        .as_deref()
        .unwrap_or("")
        .contains("Acme Logistics"));
    // ← → pick people met from the account's contacts.
    s.press(KeyCode::Right);
    assert_eq!(
        s.app.form.as_ref().unwrap().text("person_met"),
        "Jane Smith"
    );
    s.press(KeyCode::End).keys(", Bob Lee\tb").save();
    // A name that is no contact yet is asked about once: saving adds a contact.
    assert!(s.status().contains("new contacts"), "{}", s.status());
    assert!(s.app.form.is_some(), "the form stays open");
    s.save();
    assert_eq!(s.status(), "Saved");
    let acme = s.app.store.account_by_code("C000002").unwrap().unwrap();
    let contacts: Vec<Contact> = s.app.store.list(acme.id).unwrap();
    assert!(
        contacts.iter().any(|c| c.name == "Bob Lee"),
        "a person typed in becomes a contact"
    );
    assert_eq!(contacts.len(), 2);
    let visits: Vec<VisitReport> = s.app.store.list(acme.id).unwrap();
    assert_eq!(visits[0].purpose, Some(VisitPurpose::ProblemHandling));
    assert_eq!(s.app.view(), View::List, "you stay where you were");
}

#[test]
fn a_plan_at_an_unsuitable_time_is_warned_about_before_it_is_saved() {
    let mut s = filled(Lang::En);
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    s.app.open_account(hw.id).unwrap();
    s.keys("9N");
    let form = s.app.form.as_ref().unwrap();
    assert!(
        form.warning.as_deref().unwrap_or("").contains("周一上午"),
        "the unsuitable times are shown"
    );
    // Monday 30 Nov 2026, 09:30: Monday morning.
    s.keys("2026-11-30 09:30").save();
    let form = s.app.form.as_ref().expect("not saved yet");
    assert!(form.errors[0]
        .as_deref()
        .unwrap_or("")
        .contains("unsuitable"));
    assert_eq!(s.app.store.list::<VisitPlan>(hw.id).unwrap().len(), 1);
    // A second Ctrl-S keeps it.
    s.save();
    assert!(s.app.form.is_none());
    assert_eq!(s.app.store.list::<VisitPlan>(hw.id).unwrap().len(), 2);
}

#[test]
fn a_plan_can_be_cancelled_and_moved_from_the_planner() {
    let mut s = filled(Lang::En);
    s.keys("a");
    // m: only the new time is asked for.
    s.keys("m");
    for _ in 0..20 {
        s.press(KeyCode::Backspace);
    }
    s.keys("2026-11-27 10:00").save();
    assert_eq!(s.status(), "Visit moved");
    let row = &s.app.planner().unwrap().rows[0];
    assert_eq!(
        row.plan.planned_at.unwrap().to_string(),
        "2026-11-27 10:00:00"
    );
    s.keys("cy");
    assert_eq!(
        s.app.planner().unwrap().rows[0].plan.status,
        Some(PlanStatus::Cancelled)
    );
    // The regional view groups the same plans.
    s.keys("R");
    assert!(s.app.planner().unwrap().regional);
    assert!(s.screen(120, 40).contains("广东省 深圳市 龙岗区"));
}

/// A Chinese rep records the planned visit in their own words: 下周一 for the next visit,
/// `餐费 120；打车 35` for expenses; the whole record, beyond the summary, in under 60 keys.
#[test]
fn a_planned_visit_recorded_in_the_reps_words_in_few_keys() {
    let mut s = filled(Lang::Zh);
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    let summary = "签订框架协议";
    // Every key pressed, but the summary's own characters.
    let keys = [
        "a",                       // the planner
        "x",                       // the plan done: its record opens
        "\ta\t",                   // person met as planned; purpose a
        "\tA",                     // outcome A
        "\t\t\t\t下周一",          // next visit
        "\t\t\t餐费 120；打车 35", // expenses
    ];
    s.keys(keys[0]).keys(keys[1]).keys(keys[2]).keys(summary);
    for k in &keys[3..] {
        s.keys(k);
    }
    // What 明天 will be read as is shown beside it before saving.
    let form = s.app.form.as_ref().unwrap();
    let next = form
        .fields
        .iter()
        .position(|f| f.key == "next_visit")
        .unwrap();
    assert_eq!(
        form.reading(next, Lang::Zh).as_deref(),
        Some("2026-11-30 周一")
    );
    s.save();
    assert_eq!(
        s.status(),
        "已保存",
        "{:?}",
        s.app.form.as_ref().map(|f| &f.errors)
    );
    let typed: usize = keys.iter().map(|k| k.chars().count()).sum::<usize>() + 1; // + Ctrl-S
    assert!(typed <= 60, "{typed} keys");
    let visits: Vec<VisitReport> = s.app.store.list(hw.id).unwrap();
    let v = visits
        .iter()
        .find(|v| v.summary.as_deref() == Some(summary))
        .expect("recorded");
    assert_eq!(v.next_visit, chrono::NaiveDate::from_ymd_opt(2026, 11, 30));
    assert_eq!(v.outcome, Some(Outcome::DealAgreed));
    let lines: Vec<(ExpenseItem, i64, Option<&str>)> = v
        .expenses
        .iter()
        .map(|e| (e.item, e.amount.cents(), e.note.as_deref()))
        .collect();
    assert_eq!(
        lines,
        [
            (ExpenseItem::Meals, 12000, None),
            (ExpenseItem::Transport, 3500, Some("打车"))
        ]
    );
}

/// 曾经理 is 曾小贤: the person-met field says so as it is typed, → picks the contact, and a
/// name that is no contact is asked about before it becomes one.
#[test]
fn the_person_met_is_found_among_the_contacts_as_typed() {
    let mut s = filled(Lang::Zh);
    let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
    let before: Vec<Contact> = s.app.store.list(hw.id).unwrap();
    s.keys("r").keys("hw").press(KeyCode::Enter);
    let person = |s: &Session| {
        let f = s.app.form.as_ref().expect("visit form");
        let i = f.fields.iter().position(|f| f.key == "person_met").unwrap();
        (f.text("person_met").to_string(), f.reading(i, Lang::Zh))
    };
    // Focus starts on the person met; the contact is pre-filled when there is one primary.
    s.press(KeyCode::End);
    while !person(&s).0.is_empty() {
        s.press(KeyCode::Backspace);
    }
    s.keys("曾经理");
    assert_eq!(person(&s), ("曾经理".into(), Some("曾小贤".into())));
    s.press(KeyCode::Right);
    assert_eq!(person(&s).0, "曾小贤");
    // Typed pinyin initials find the contact too.
    while !person(&s).0.is_empty() {
        s.press(KeyCode::Backspace);
    }
    s.keys("zxx").press(KeyCode::Right);
    assert_eq!(person(&s).0, "曾小贤");
    // A new name is asked about once, with who it may be; Ctrl-S again adds the contact.
    s.press(KeyCode::End).keys("、唐总").save();
    assert!(s.status().contains("新建"), "{}", s.status());
    let f = s.app.form.as_ref().expect("still open");
    let i = f.fields.iter().position(|f| f.key == "person_met").unwrap();
    assert!(f.errors[i].as_deref().unwrap_or("").contains("唐总"));
    assert_eq!(
        s.app.store.list::<Contact>(hw.id).unwrap().len(),
        before.len()
    );
    s.save();
    assert_eq!(s.status(), "已保存");
    let after: Vec<Contact> = s.app.store.list(hw.id).unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|c| c.name == "唐总"));
}

/// A choice is picked by typing part of its label in the interface's language.
#[test]
fn a_choice_is_typed_as_part_of_its_label() {
    let mut s = filled(Lang::Zh);
    s.keys("n");
    let form = s.app.form.as_mut().expect("new account form");
    let i = form
        .fields
        .iter()
        .position(|f| f.key == "industry")
        .unwrap();
    form.focus = i;
    s.keys("软件");
    let f = s.app.form.as_ref().unwrap();
    assert_eq!(
        f.reading(i, Lang::Zh).as_deref(),
        Some("信息传输、软件和信息技术服务业")
    );
    let values = s.app.form.as_mut().unwrap().values(Lang::Zh).unwrap();
    assert_eq!(values["industry"], "I");
}

/// `m` on the planner asks only for the new time, in the rep's words; a time the account
/// finds unsuitable is named once, and Ctrl-S again keeps it.
#[test]
fn a_plan_is_moved_by_typing_only_its_new_time() {
    let mut s = filled(Lang::Zh);
    s.keys("a");
    let plan_id = s.app.planner().unwrap().rows[0].plan.id;
    s.keys("m");
    assert!(s.app.form.is_none(), "not the whole plan form");
    let d = s.app.dialog.as_mut().expect("the reschedule dialog");
    assert_eq!(d.fields.len(), 1);
    d.inputs[0] = kam::app::input::Input::new("下周一上午10点");
    s.save();
    // 华为技术 does not want visits on Monday mornings (周一上午).
    assert!(s.status().contains("不宜拜访"), "{}", s.status());
    assert!(s.app.dialog.is_some());
    s.save();
    assert_eq!(s.status(), "拜访已改期");
    let plan: VisitPlan = s.app.store.get(plan_id).unwrap().unwrap();
    assert_eq!(
        plan.planned_at,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30).and_then(|d| d.and_hms_opt(10, 0, 0))
    );
}
