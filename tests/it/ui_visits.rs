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
    // m: edit the time (move).
    s.keys("m");
    for _ in 0..20 {
        s.press(KeyCode::Backspace);
    }
    s.keys("2026-11-27 10:00").save();
    assert_eq!(s.status(), "Saved");
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
