//! Issue 21: contracts and payments received travel to the team like every other section,
//! by their global ids, and an edit of a payment reaches the other laptop.

use super::*;
use kam::domain::*;

#[test]
fn a_contract_and_a_payment_made_by_a_rep_reach_the_manager() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let (contract_uid, payment_id) = {
        let mut s = team.open("li");
        let mut a = account("华东机械有限公司");
        s.insert(&mut a).unwrap();
        let mut c = Contract {
            account_id: a.id,
            number: "HT-2026-9".into(),
            name: "年度供货合同".into(),
            amount: Some(Money::parse("90000").unwrap()),
            status: Some(ContractStatus::New),
            ..Default::default()
        };
        s.insert(&mut c).unwrap();
        let mut p = Payment {
            account_id: a.id,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            amount: Some(Money::parse("30000").unwrap()),
            contract_no: Some("HT-2026-9".into()),
            ..Default::default()
        };
        s.insert(&mut p).unwrap();
        let uid: String = rusqlite::Connection::open(team.book("li"))
            .unwrap()
            .query_row("SELECT uid FROM contracts", [], |r| r.get(0))
            .unwrap();
        (uid, p.id)
    };
    team.sync("li");
    team.sync(BOSS);
    let boss = records_of(&team.book(BOSS));
    let li = records_of(&team.book("li"));
    assert!(boss
        .get(&contract_uid)
        .is_some_and(|v| v.starts_with("contracts|")));
    assert_eq!(boss.get(&contract_uid), li.get(&contract_uid));
    let payments: Vec<_> = boss
        .values()
        .filter(|v| v.starts_with("payments|"))
        .collect();
    assert_eq!(payments.len(), 1, "{payments:?}");
    // An edit of the amount goes the same way.
    {
        let mut s = team.open("li");
        let mut p: Payment = s.get(payment_id).unwrap().unwrap();
        p.amount = Some(Money::parse("35000").unwrap());
        s.update(&mut p).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let s = team.open(BOSS);
    let all = s.all::<Payment>().unwrap();
    assert_eq!(all[0].amount, Some(Money::parse("35000").unwrap()));
}
