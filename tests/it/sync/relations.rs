//! Issue 22: entertainment, gifts and competitors travel to the team like every other
//! section, by their global ids, and an edit (the report after the dinner) reaches the other
//! laptop.

use super::*;
use kam::domain::*;

#[test]
fn entertainment_gifts_and_competitors_made_by_a_rep_reach_the_manager() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let dinner_id = {
        let mut s = team.open("li");
        let mut a = account("华东机械有限公司");
        s.insert(&mut a).unwrap();
        let mut e = Entertainment {
            account_id: a.id,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28),
            venue: Some("全聚德".into()),
            purpose: Some("年度答谢".into()),
            budget: vec![Expense {
                item: ExpenseItem::Meals,
                amount: Money::parse("1500").unwrap(),
                note: None,
            }],
            status: Some(Approval::Applied),
            ..Default::default()
        };
        s.insert(&mut e).unwrap();
        let mut g = Gift {
            account_id: a.id,
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 20),
            gift: "新年台历".into(),
            quantity: Some(5),
            unit_budget: Some(Money::parse("60").unwrap()),
            ..Default::default()
        };
        s.insert(&mut g).unwrap();
        let mut c = Competitor {
            account_id: a.id,
            name: "恒达机电".into(),
            strengths: Some("价格低".into()),
            ..Default::default()
        };
        s.insert(&mut c).unwrap();
        let mut ev = EventAttendance {
            account_id: a.id,
            event: "秋季研讨会".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, 15),
            attendees: Some("王建国".into()),
            ..Default::default()
        };
        s.insert(&mut ev).unwrap();
        e.id
    };
    team.sync("li");
    team.sync(BOSS);
    let boss = records_of(&team.book(BOSS));
    let li = records_of(&team.book("li"));
    for table in [
        "entertainments|",
        "gifts|",
        "competitors|",
        "event_attendances|",
    ] {
        let mine: Vec<_> = li.iter().filter(|(_, v)| v.starts_with(table)).collect();
        assert_eq!(mine.len(), 1, "{table}");
        assert_eq!(boss.get(mine[0].0), Some(mine[0].1), "{table}");
    }
    // The report after the dinner goes the same way.
    {
        let mut s = team.open("li");
        let mut e: Entertainment = s.get(dinner_id).unwrap().unwrap();
        e.status = Some(Approval::Done);
        e.approver = Some("销售总监 赵六".into());
        e.approved_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 25);
        e.spent = vec![Expense {
            item: ExpenseItem::Meals,
            amount: Money::parse("1380").unwrap(),
            note: None,
        }];
        e.outcome = Some("同意下月技术交流".into());
        s.update(&mut e).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let s = team.open(BOSS);
    let all = s.all::<Entertainment>().unwrap();
    assert_eq!(all[0].status, Some(Approval::Done));
    assert_eq!(all[0].approver.as_deref(), Some("销售总监 赵六"));
    assert_eq!(
        all[0].approved_on,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
    );
    assert_eq!(all[0].spent_total(), Money::parse("1380").unwrap());
    assert_eq!(all[0].outcome.as_deref(), Some("同意下月技术交流"));
}
