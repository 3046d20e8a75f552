//! Every analysis on a small hand-built book whose right answers are worked out here, by
//! hand: ties, accounts without sales, a cancelled and a deleted deal, an empty period and a
//! period in which one account bought.

use crate::support::*;
use kam::analytics::evaluation::{Problem, Recommendation};
use kam::analytics::*;
use kam::domain::*;
use kam::store::Store;

/// Q4 2026 (and Q3 before it), six accounts:
///
/// | code | province/city | industry | credit | Q4 sales | Q3 sales | notes |
/// |---|---|---|---|---|---|---|
/// | K01 | 广东省 深圳市 | C | A | 2,000 (机柜 1,000 cost 600 + 服务 2×500) | 1,000 | key, 3 visits |
/// | K02 | 广东省 广州市 | C | B | 2,000 (机柜, cost 1,500) | 4,000 | manual grade B, 1 visit, 1 open complaint |
/// | K03 | 浙江省 杭州市 | F | C | 500 (服务, cost 100) | 0 | a deleted deal of 700 |
/// | K04 | 浙江省 杭州市 | F | – | 0 | 0 | 1 open complaint, a plan |
/// | K05 | – | – | – | 6,000 (机柜, no cost) | 3,000 | |
/// | K06 | 广东省 深圳市 | C | – | 0 | 1,500 | a plan with measures |
///
/// K01 also has a cancelled order of 5,000 in Q4 and a deal of 999 in 2027: neither counts;
/// nor does K07, in the trash with a Q4 sale of 99,999.
pub(crate) fn book() -> (TempDb, Store) {
    let db = TempDb::new();
    let mut s = db.writer();
    let acct = |code: &str, prov: Option<&str>, city: Option<&str>, ind, credit| Account {
        code: code.into(),
        name: format!("Account {code}"),
        province: prov.map(Into::into),
        city: city.map(Into::into),
        industry: ind,
        credit,
        ..Default::default()
    };
    let mut accounts = vec![
        acct(
            "K01",
            Some("广东省"),
            Some("深圳市"),
            Some(Industry::C),
            Some(Credit::A),
        ),
        acct(
            "K02",
            Some("广东省"),
            Some("广州市"),
            Some(Industry::C),
            Some(Credit::B),
        ),
        acct(
            "K03",
            Some("浙江省"),
            Some("杭州市"),
            Some(Industry::F),
            Some(Credit::C),
        ),
        acct(
            "K04",
            Some("浙江省"),
            Some("杭州市"),
            Some(Industry::F),
            None,
        ),
        acct("K05", None, None, None, None),
        acct(
            "K06",
            Some("广东省"),
            Some("深圳市"),
            Some(Industry::C),
            None,
        ),
    ];
    accounts[0].category = Some(Category::Key);
    accounts[0].owner = Some("李娜".into());
    accounts[1].grade = Some(Grade::B);
    accounts[1].owner = Some("王强".into());
    accounts[5].owner = Some("Sam".into());
    for a in &mut accounts {
        s.insert(a).unwrap();
    }
    let id = |i: usize| accounts[i].id;
    let deal = |i: usize, day: &str, product: &str, amount: &str, cost: Option<&str>| Deal {
        account_id: id(i),
        date: Some(date(day)),
        product: product.into(),
        amount: Some(money(amount)),
        cost: cost.map(money),
        ..Default::default()
    };
    let mut deals = vec![
        deal(0, "2026-10-05", "机柜", "1000", Some("600")),
        Deal {
            quantity: Some(2),
            unit_price: Some(money("500")),
            amount: None,
            ..deal(0, "2026-11-10", "服务", "0", None)
        },
        deal(0, "2026-08-01", "机柜", "1000", None),
        Deal {
            status: Some(OrderStatus::Cancelled),
            ..deal(0, "2026-12-01", "机柜", "5000", None)
        },
        deal(0, "2027-01-01", "机柜", "999", None),
        // A trailing space is the same product in a pivot.
        deal(1, "2026-10-20", "机柜 ", "2000", Some("1500")),
        deal(1, "2026-09-30", "服务", "4000", None),
        deal(2, "2026-12-31", "服务", "500", Some("100")),
        deal(4, "2026-11-01", "机柜", "6000", None),
        deal(4, "2026-07-01", "机柜", "3000", None),
        deal(5, "2026-07-15", "服务", "1500", None),
    ];
    for d in &mut deals {
        s.insert(d).unwrap();
    }
    let mut deleted = deal(2, "2026-11-11", "服务", "700", None);
    s.insert(&mut deleted).unwrap();
    s.delete(RecordKind::Deal, deleted.id).unwrap();

    // An account in the trash, with a large sale in Q4: it counts nowhere.
    let mut trashed = acct(
        "K07",
        Some("广东省"),
        Some("深圳市"),
        Some(Industry::C),
        None,
    );
    s.insert(&mut trashed).unwrap();
    s.insert(&mut Deal {
        account_id: trashed.id,
        ..deal(0, "2026-11-20", "机柜", "99999", Some("1"))
    })
    .unwrap();
    s.delete(RecordKind::Account, trashed.id).unwrap();

    let opp =
        |i: usize, stage: Option<Stage>, amount: &str, close: &str, p: Option<i64>| Opportunity {
            account_id: id(i),
            title: format!("opportunity {amount}"),
            stage,
            expected_amount: Some(money(amount)),
            expected_close: Some(date(close)),
            probability: p,
            ..Default::default()
        };
    for mut o in [
        opp(0, Some(Stage::Quote), "10000", "2026-11-30", Some(50)),
        opp(0, Some(Stage::Quote), "3000", "2026-12-15", None),
        opp(1, Some(Stage::Initial), "1000", "2026-10-01", Some(10)),
        opp(2, Some(Stage::Won), "4000", "2026-10-10", Some(100)),
        opp(4, Some(Stage::Lost), "2000", "2026-11-11", Some(0)),
        opp(4, Some(Stage::Lost), "500", "2026-12-01", None),
        opp(1, Some(Stage::Negotiation), "8000", "2027-01-15", Some(80)),
        opp(3, None, "100", "2026-10-02", None),
    ] {
        s.insert(&mut o).unwrap();
    }
    for (i, day) in [
        (0, "2026-10-02"),
        (0, "2026-11-02"),
        (0, "2026-12-02"),
        (1, "2026-10-09"),
        (1, "2026-06-30"),
    ] {
        s.insert(&mut VisitReport {
            account_id: id(i),
            date: Some(date(day)),
            ..Default::default()
        })
        .unwrap();
    }
    for (i, status) in [
        (1, FeedbackStatus::Open),
        (1, FeedbackStatus::Closed),
        (3, FeedbackStatus::Open),
    ] {
        s.insert(&mut Feedback {
            account_id: id(i),
            date: Some(date("2026-10-03")),
            kind: Some(FeedbackKind::Complaint),
            content: "late delivery".into(),
            status: Some(status),
            ..Default::default()
        })
        .unwrap();
    }
    s.set_account_plan(&AccountPlan {
        account_id: id(0),
        target: Some(money("4000")),
        reason: Some("largest cabinet buyer".into()),
        measures: None,
        ..Default::default()
    })
    .unwrap();
    s.set_account_plan(&AccountPlan {
        account_id: id(3),
        target: Some(money("1000")),
        reason: Some("new plant".into()),
        measures: None,
        ..Default::default()
    })
    .unwrap();
    s.set_account_plan(&AccountPlan {
        account_id: id(5),
        target: None,
        reason: None,
        measures: Some("visit monthly".into()),
        ..Default::default()
    })
    .unwrap();
    (db, s)
}

pub(crate) fn q4() -> Period {
    Period::quarter_of(date("2026-11-23"))
}

fn codes<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    it.collect()
}

#[test]
fn percentile_grades_rank_equal_sales_equal_and_no_sales_is_e() {
    let (_db, s) = book();
    let g = grade(&Book::load(&s, q4()).unwrap(), GradingRule::default());
    // Sales ascending: 0, 0, 500, 2000, 2000, 6000. PERCENTRANK.INC = below / (n − 1):
    // 6000 → 5/5 = 100% (A); 2000 → 3/5 = 60% (D, both); 500 → 2/5 = 40% (E); 0 → E.
    let computed: Vec<(&str, Grade)> = g.accounts.iter().map(|r| (&*r.code, r.computed)).collect();
    assert_eq!(
        computed,
        [
            ("K05", Grade::A),
            ("K01", Grade::D),
            ("K02", Grade::D),
            ("K03", Grade::E),
            ("K04", Grade::E),
            ("K06", Grade::E),
        ]
    );
    let k02 = &g.accounts[2];
    assert_eq!((k02.manual, k02.grade), (Some(Grade::B), Grade::B));
    assert_eq!(Grading::shown(k02), "B*");
    assert!((g.accounts[1].rank - 0.6).abs() < 1e-9);
    assert_eq!(g.total_sales, money("10500"));
    // By the effective grade: K02's manual B moves it out of D.
    let counts: Vec<(Grade, usize, Money)> = g
        .grades
        .iter()
        .map(|c| (c.grade, c.accounts, c.sales))
        .collect();
    assert_eq!(
        counts,
        [
            (Grade::A, 1, money("6000")),
            (Grade::B, 1, money("2000")),
            (Grade::C, 0, money("0")),
            (Grade::D, 1, money("2000")),
            (Grade::E, 3, money("500")),
        ]
    );
    assert!((g.grades[0].share_of_sales.unwrap() - 6000.0 / 10500.0).abs() < 1e-12);
}

/// The grades the list, the brief and the week plan show (ids and sums only) are the grading
/// table's, under either rule: the trashed K07's sale ranks nobody, the cancelled order and
/// the 2027 deal count for nothing, the tie of 2000s stays together under Pareto.
#[test]
fn the_lean_read_for_the_list_grades_like_the_full_one() {
    let (db, s) = book();
    let year = Period::year_of(date("2026-11-23"));
    let full = |s: &Store, rule| -> Vec<(i64, Grade)> {
        let mut v: Vec<_> = grade(&Book::load_period_only(s, year).unwrap(), rule)
            .accounts
            .into_iter()
            .map(|r| (r.account_id, r.computed))
            .collect();
        v.sort_by_key(|r| r.0);
        v
    };
    let lean = |s: &Store| -> Vec<(i64, Grade)> {
        let mut v: Vec<_> = computed_grades(s, date("2026-11-23"))
            .unwrap()
            .into_iter()
            .collect();
        v.sort_by_key(|r| r.0);
        v
    };
    let percentile = full(&s, GradingRule::default());
    assert_eq!(percentile.len(), 6);
    assert_eq!(lean(&s), percentile);
    drop(s);
    let mut w = db.writer();
    Settings::save_grading(&mut w, GradingRule::PARETO).unwrap();
    let pareto = full(&w, GradingRule::PARETO);
    assert_ne!(
        pareto, percentile,
        "the two rules grade this book differently"
    );
    assert_eq!(lean(&w), pareto);
}

#[test]
fn pareto_keeps_a_tie_together_and_bands_are_configurable() {
    let (_db, s) = book();
    let b = Book::load(&s, q4()).unwrap();
    let g = grade(&b, GradingRule::PARETO);
    // Descending 6000 | 2000 2000 | 500 | 0 0 of 10500: before the tie 6000 = 57% < 70%, so
    // both 2000s are A (taken one by one the second would start at 76%, a B).
    let computed: Vec<(&str, Grade)> = g.accounts.iter().map(|r| (&*r.code, r.computed)).collect();
    assert_eq!(
        computed,
        [
            ("K05", Grade::A),
            ("K01", Grade::A),
            ("K02", Grade::A),
            ("K03", Grade::C),
            ("K04", Grade::C),
            ("K06", Grade::C),
        ]
    );
    assert_eq!(
        g.grades.iter().map(|c| c.grade).collect::<Vec<_>>(),
        [Grade::A, Grade::B, Grade::C]
    );
    // Bands 50/40/30/20: 60% → A, 40% → B.
    let rule = GradingRule::with_bands(false, &[50, 40, 30, 20]).unwrap();
    let g = grade(&b, rule);
    assert_eq!(g.accounts[1].computed, Grade::A);
    assert_eq!(g.accounts[3].computed, Grade::B);
    assert!(GradingRule::with_bands(false, &[90, 95, 70, 60]).is_err());
    assert!(GradingRule::with_bands(true, &[70]).is_err());
    assert!(GradingRule::with_bands(false, &[190, 80, 70, 60]).is_err());
}

#[test]
fn an_empty_period_and_a_period_with_one_buyer() {
    let (_db, s) = book();
    let empty = Book::load(&s, Period::month_of(date("2025-01-15"))).unwrap();
    let g = grade(&empty, GradingRule::default());
    assert!(g.accounts.iter().all(|r| r.computed == Grade::E));
    assert_eq!(g.total_sales, Money::ZERO);
    assert_eq!(g.grades[4].share_of_sales, None);
    let k = key_customers(&empty, &Default::default());
    assert!(k.by_sales.is_empty() && k.by_growth.is_empty() && k.by_profit.is_empty());
    let r = regions(&empty);
    assert!(r
        .rows
        .iter()
        .all(|r| r.sales == Money::ZERO && r.share_of_sales.is_none()));
    let p = pivot(None, &empty.accounts, &Default::default());
    assert!(p.rows.is_empty() && p.products.is_empty() && p.total == Money::ZERO);
    let f = funnel(None, &[]);
    assert_eq!(
        (f.open_count, f.won_lost_ratio, f.win_rate),
        (0, None, None)
    );

    // On 31 December only K03 bought: it is the top of six (5/5), the rest have nothing.
    let day = Period::new(date("2026-12-31"), date("2026-12-31"));
    let one = Book::load(&s, day).unwrap();
    let g = grade(&one, GradingRule::default());
    assert_eq!(&*g.accounts[0].code, "K03");
    assert_eq!(g.accounts[0].computed, Grade::A);
    assert_eq!(g.accounts[0].share_of_sales, Some(1.0));
    assert!(g.accounts[1..].iter().all(|r| r.computed == Grade::E));
    let k = key_customers(&one, &Default::default());
    assert_eq!(codes(k.by_sales.iter().map(|r| &*r.code)), ["K03"]);
    let p = pivot(
        Some(day),
        &one.accounts,
        &s.sales_by_account_product(day.from, day.to).unwrap(),
    );
    assert_eq!(p.rows.len(), 1);
    assert_eq!(
        (p.products.clone(), p.total),
        (vec!["服务".to_string()], money("500"))
    );

    // A book of exactly one account: a single value is at the 100th percentile, unless it
    // has no sales at all.
    let only = |code: &str| Book {
        accounts: one
            .accounts
            .iter()
            .filter(|a| &*a.code == code)
            .cloned()
            .collect(),
        ..one.clone()
    };
    assert_eq!(
        grade(&only("K03"), GradingRule::default()).accounts[0].computed,
        Grade::A
    );
    assert_eq!(
        grade(&only("K01"), GradingRule::default()).accounts[0].computed,
        Grade::E
    );
    assert_eq!(
        grade(&only("K03"), GradingRule::PARETO).accounts[0].computed,
        Grade::A
    );
}

#[test]
fn top_ten_by_sales_growth_and_profit_side_by_side_with_plans() {
    let (_db, s) = book();
    let b = Book::load(&s, q4()).unwrap();
    let k = key_customers(&b, &s.account_plans().unwrap());
    // Equal sales (K01, K02: 2,000) go by code; accounts without sales are not ranked.
    assert_eq!(
        codes(k.by_sales.iter().map(|r| &*r.code)),
        ["K05", "K01", "K02", "K03"]
    );
    // Growth needs sales before: K01 +100%, K05 +100% (tie, by code), K02 −50%, K06 −100%.
    assert_eq!(
        codes(k.by_growth.iter().map(|r| &*r.code)),
        ["K01", "K05", "K02", "K06"]
    );
    let growth: Vec<f64> = k.by_growth.iter().map(|r| r.value.unwrap()).collect();
    assert_eq!(growth, [1.0, 1.0, -0.5, -1.0]);
    // Profit over the deals with a cost: K03 400/500, K01 400/1000, K02 500/2000; K05 has none.
    assert_eq!(
        codes(k.by_profit.iter().map(|r| &*r.code)),
        ["K03", "K01", "K02"]
    );
    let profit: Vec<f64> = k.by_profit.iter().map(|r| r.value.unwrap()).collect();
    assert_eq!(profit, [0.8, 0.4, 0.25]);
    // Everyone on a list, plus the key account and those with a plan, by sales.
    assert_eq!(
        codes(k.key_accounts.iter().map(|r| &*r.code)),
        ["K05", "K01", "K02", "K03", "K04", "K06"]
    );
    let k01 = &k.key_accounts[1];
    assert_eq!(k01.target, Some(money("4000")));
    assert_eq!(k01.achieved, Some(0.5));
    assert_eq!(k01.reason.as_deref(), Some("largest cabinet buyer"));
    assert_eq!(k.key_accounts[4].achieved, Some(0.0));
    let side = k.side_by_side(kam::i18n::Lang::En);
    assert_eq!(side.rows.len(), 4);
}

#[test]
fn regions_count_accounts_and_sales_per_province_and_city() {
    let (_db, s) = book();
    let r = regions(&Book::load(&s, q4()).unwrap());
    let rows: Vec<(&str, Option<&str>, usize, Money)> = r
        .rows
        .iter()
        .map(|r| (r.province.as_str(), r.city.as_deref(), r.accounts, r.sales))
        .collect();
    assert_eq!(
        rows,
        [
            ("", None, 1, money("6000")),
            ("", Some(""), 1, money("6000")),
            ("广东省", None, 3, money("4000")),
            // Equal sales go by name.
            ("广东省", Some("广州市"), 1, money("2000")),
            ("广东省", Some("深圳市"), 2, money("2000")),
            ("浙江省", None, 2, money("500")),
            ("浙江省", Some("杭州市"), 2, money("500")),
        ]
    );
    assert_eq!(r.rows[2].share_of_accounts, Some(0.5));
    assert!((r.rows[2].share_of_sales.unwrap() - 4000.0 / 10500.0).abs() < 1e-12);
    let shares: f64 = r.provinces().map(|p| p.share_of_accounts.unwrap()).sum();
    assert!((shares - 1.0).abs() < 1e-12);
}

#[test]
fn the_pivot_has_accounts_down_products_across_and_totals() {
    let (_db, s) = book();
    let p = q4();
    let pv = pivot(
        Some(p),
        &s.account_facts().unwrap(),
        &s.sales_by_account_product(p.from, p.to).unwrap(),
    );
    assert_eq!(pv.products, ["机柜", "服务"]);
    let rows: Vec<(&str, Vec<Money>, Money)> = pv
        .rows
        .iter()
        .map(|r| (&*r.code, r.cells.clone(), r.total))
        .collect();
    let m = money;
    assert_eq!(
        rows,
        [
            ("K05", vec![m("6000"), m("0")], m("6000")),
            ("K01", vec![m("1000"), m("1000")], m("2000")),
            ("K02", vec![m("2000"), m("0")], m("2000")),
            ("K03", vec![m("0"), m("500")], m("500")),
        ]
    );
    assert_eq!(pv.product_totals, [m("9000"), m("1500")]);
    assert_eq!(pv.total, m("10500"));
}

#[test]
fn the_funnel_counts_stages_weights_them_and_compares_won_with_lost() {
    let (_db, s) = book();
    let p = q4();
    let f = funnel(Some(p), &s.opportunities_by_stage(p.from, p.to).unwrap());
    let rows: Vec<(Stage, usize, Money, Money)> = f
        .stages
        .iter()
        .map(|r| (r.stage, r.count, r.expected, r.weighted))
        .collect();
    let m = money;
    assert_eq!(
        rows,
        [
            // 1,000 × 10% + (no stage) 100 × the initial stage's 10%.
            (Stage::Initial, 2, m("1100"), m("110")),
            (Stage::Needs, 0, m("0"), m("0")),
            (Stage::Demo, 0, m("0"), m("0")),
            // 10,000 × 50% + 3,000 × the quote stage's 60%.
            (Stage::Quote, 2, m("13000"), m("6800")),
            // The negotiation closes in 2027: not in this period.
            (Stage::Negotiation, 0, m("0"), m("0")),
            (Stage::Won, 1, m("4000"), m("4000")),
            (Stage::Lost, 2, m("2500"), m("0")),
        ]
    );
    assert_eq!(f.open_count, 4);
    // Monthly sales of the live accounts: October 1,000 + 2,000, November 1,000 + 6,000,
    // December 500 (K07's 99,999 in November is in the trash).
    let live: Vec<i64> = s.account_facts().unwrap().iter().map(|a| a.id).collect();
    let months =
        kam::analytics::monthly(p, &s.sales_by_account_month(p.from, p.to).unwrap(), |id| {
            live.contains(&id)
        });
    assert_eq!(
        months,
        [
            ("2026-10".to_string(), money("3000")),
            ("2026-11".to_string(), money("7000")),
            ("2026-12".to_string(), money("500")),
        ]
    );
    assert_eq!(f.open_expected, m("14100"));
    assert_eq!(f.weighted_forecast, m("6910"));
    assert_eq!((f.won, f.lost), (1, 2));
    assert_eq!(f.won_lost_ratio, Some(0.5));
    assert!((f.win_rate.unwrap() - 1.0 / 3.0).abs() < 1e-12);
}

fn evaluation(s: &Store, weights: Weights) -> Evaluation {
    let p = q4();
    let b = Book::load(s, p).unwrap();
    let visits = s.visits_by_account(p.from, p.to).unwrap();
    let complaints = s.open_complaints_by_account().unwrap();
    let plans = s.account_plans().unwrap();
    evaluate(
        &b,
        &Signals {
            visits: &visits,
            open_complaints: &complaints,
            plans: &plans,
        },
        weights,
    )
}

#[test]
fn relationship_scores_recommendations_and_problem_customers() {
    let (_db, s) = book();
    let e = evaluation(&s, Weights::default());
    // Weights 25/20/20/15/10/10; Q4 has 92 days, so one visit scores 30×100/92.
    // K01: growth 100, credit A 100, profit 40% → 80, position 2000 in C [0, 2000, 2000] → 1/2
    //      → 50, 3 visits → 97.83, no complaint 100: 88.28 → 88.3, develop.
    // K03: new business 100, credit C 0, profit 80% → 100, position top of F 100, no visits,
    //      no complaint: 70.0, develop.
    // K05: growth 100, no credit 50, no cost 50, alone in its industry 100, 0, 100: 70.0.
    // K02: −50% → 0, B 50, 25% → 50, 50, 1 visit 32.61, one complaint 50: 35.76 → 35.8.
    // K06: −100% → 0, 50, 50, no sales 0, 0, 100: 30.0, terminate. K04 never bought: unscored.
    let rows: Vec<(&str, f64, Recommendation)> = e
        .accounts
        .iter()
        .map(|r| (&*r.code, r.score, r.recommendation))
        .collect();
    assert_eq!(
        rows,
        [
            ("K01", 88.3, Recommendation::Develop),
            ("K03", 70.0, Recommendation::Develop),
            ("K05", 70.0, Recommendation::Develop),
            ("K02", 35.8, Recommendation::Maintain),
            ("K06", 30.0, Recommendation::Terminate),
        ]
    );
    assert_eq!(e.accounts[0].scores[2], 80.0);
    assert_eq!(e.accounts[0].visits, 3);
    let counts: Vec<usize> = e.recommendations.iter().map(|r| r.accounts).collect();
    assert_eq!(counts, [3, 1, 1]);
    // Problems: most first, then the larger account before, then code.
    let problems: Vec<(&str, Vec<Problem>)> = e
        .problems
        .iter()
        .map(|p| (&*p.code, p.problems.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "K02",
                vec![Problem::DecliningSales, Problem::OpenComplaints]
            ),
            ("K06", vec![Problem::DecliningSales]),
            ("K03", vec![Problem::CreditC]),
            ("K04", vec![Problem::OpenComplaints]),
        ]
    );
    assert_eq!(e.problems[0].owner.as_deref(), Some("王强"));
    assert_eq!(e.problems[1].measures.as_deref(), Some("visit monthly"));
    assert_eq!(e.problems[1].growth, Some(-1.0));

    // Only complaints weigh: every scored account without one is 100.
    let only = Weights::parse("growth=0,credit=0,profit=0,position=0,visits=0").unwrap();
    assert_eq!(only.complaints, 10);
    let e = evaluation(&s, only);
    let k02 = e.accounts.iter().find(|r| &*r.code == "K02").unwrap();
    assert_eq!(k02.score, 50.0);
    assert!(e
        .accounts
        .iter()
        .filter(|r| &*r.code != "K02")
        .all(|r| r.score == 100.0));
    assert!(Weights::parse("growth=0,credit=0,profit=0,position=0,visits=0,complaints=0").is_err());
    assert!(Weights::parse("charm=5").is_err());
    assert!(Weights::parse("growth=x").is_err());
}

#[test]
fn an_account_plan_is_saved_changed_removed_and_kept_in_history() {
    let (_db, mut s) = book();
    let k06 = s.account_by_code("K06").unwrap().unwrap().id;
    let mut plan = s.account_plan(k06).unwrap().unwrap();
    plan.measures = Some("call the buyer weekly".into());
    s.set_account_plan(&plan).unwrap();
    assert_eq!(s.account_plan(k06).unwrap(), Some(plan.clone()));
    let history = s.history(k06).unwrap();
    let change = history
        .iter()
        .find(|c| c.entity == "account_plans")
        .unwrap();
    assert_eq!(change.field.as_deref(), Some("measures"));
    assert_eq!(change.old_value.as_deref(), Some("visit monthly"));
    assert_eq!(change.new_value.as_deref(), Some("call the buyer weekly"));
    s.set_account_plan(&AccountPlan {
        account_id: k06,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(s.account_plan(k06).unwrap(), None);
}

/// An empty reason is no reason: stored as none, so the plan saved again through its form
/// (which reads an empty field as none) is the same plan and nothing is written.
#[test]
fn an_account_plan_saved_as_it_is_writes_nothing() {
    let (_db, mut s) = book();
    let k06 = s.account_by_code("K06").unwrap().unwrap().id;
    let before = s.history(k06).unwrap().len();
    let mut plan = s.account_plan(k06).unwrap().unwrap();
    assert!(!s.set_account_plan(&plan).unwrap(), "the same plan");
    plan.reason = Some(" ".into());
    assert!(
        !s.set_account_plan(&plan).unwrap(),
        "a blank reason is none"
    );
    assert_eq!(s.account_plan(k06).unwrap().unwrap().reason, None);
    plan.reason = None;
    assert!(!s.set_account_plan(&plan).unwrap());
    assert_eq!(s.history(k06).unwrap().len(), before);
}

#[test]
fn every_report_renders_in_every_format() {
    let (_db, s) = book();
    for analysis in [
        Analysis::Grading,
        Analysis::Top10,
        Analysis::Regions,
        Analysis::Pivot,
        Analysis::Funnel,
        Analysis::Evaluation,
    ] {
        let r = report(&s, analysis, q4(), &Settings::default()).unwrap();
        for lang in [kam::i18n::Lang::En, kam::i18n::Lang::Zh] {
            let text = r.to_text(lang);
            assert!(text.contains("2026-10-01 – 2026-12-31"), "{text}");
            let md = r.to_markdown(lang);
            assert!(md.starts_with("## "), "{md}");
            let xlsx = r.to_xlsx(lang).unwrap();
            assert!(xlsx.starts_with(b"PK"));
        }
        let json = serde_json::to_value(&r).unwrap();
        assert!(json.is_object());
    }
}

/// What `kam export --format json` says was sold, per account, in a period: the same rule as
/// the reports (not cancelled; amount, else quantity × unit price), computed independently.
fn exported_sales(
    doc: &kam::exchange::json::Document,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> std::collections::HashMap<String, Money> {
    doc.accounts
        .iter()
        .map(|a| {
            let sum: Money = a
                .deals
                .iter()
                .filter(|d| d.date.is_some_and(|x| x >= from && x <= to))
                .filter(|d| d.status != Some(OrderStatus::Cancelled))
                .map(|d| d.total())
                .sum();
            (a.account.code.clone(), sum)
        })
        .collect()
}

fn money_of(v: &serde_json::Value) -> Money {
    Money::parse(v.as_str().unwrap_or_else(|| panic!("{v} is an amount"))).unwrap()
}

#[test]
fn every_json_report_agrees_with_sums_over_the_export() {
    let db = TempDb::new();
    let path = db.path.to_str().unwrap();
    let out = kam(&["--db", path, "demo", "--accounts", "150"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let export = kam_db(&db.path, &["export", "--format", "json"]);
    let doc: kam::exchange::json::Document = serde_json::from_slice(&export.stdout).unwrap();
    let (from, to) = (date("2026-01-01"), date("2026-12-31"));
    let sales = exported_sales(&doc, from, to);
    let before = exported_sales(&doc, date("2025-01-01"), date("2025-12-31"));
    let total: Money = sales.values().copied().sum();
    assert!(total > Money::ZERO, "the demo sells something in 2026");
    let run = |kind: &str| -> serde_json::Value {
        let o = kam_db(
            &db.path,
            &[
                "report",
                kind,
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--format",
                "json",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{kind}: {}", stderr(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    };

    let g = run("grading");
    assert_eq!(money_of(&g["total_sales"]), total);
    let rows = g["accounts"].as_array().unwrap();
    assert_eq!(rows.len(), doc.accounts.len());
    for r in rows {
        assert_eq!(money_of(&r["sales"]), sales[r["code"].as_str().unwrap()]);
    }
    let by_grade: Money = g["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| money_of(&c["sales"]))
        .sum();
    assert_eq!(by_grade, total);

    let k = run("top10");
    let mut expect: Vec<(Money, &String)> = sales
        .iter()
        .filter(|(_, m)| m.cents() > 0)
        .map(|(c, m)| (*m, c))
        .collect();
    expect.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let got: Vec<(Money, String)> = k["by_sales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                money_of(&r["sales"]),
                r["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect: Vec<(Money, String)> = expect
        .into_iter()
        .take(10)
        .map(|(m, c)| (m, c.clone()))
        .collect();
    assert_eq!(got, expect);
    for r in k["by_growth"].as_array().unwrap() {
        let code = r["code"].as_str().unwrap();
        let (now, was) = (sales[code].cents() as f64, before[code].cents() as f64);
        assert!((r["value"].as_f64().unwrap() - (now - was) / was).abs() < 1e-9);
    }

    let r = run("regions");
    let mut per_province: std::collections::HashMap<String, (usize, Money)> = Default::default();
    for a in &doc.accounts {
        let e = per_province
            .entry(a.account.province.clone().unwrap_or_default())
            .or_default();
        e.0 += 1;
        e.1 += sales[&a.account.code];
    }
    let provinces: Vec<&serde_json::Value> = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["city"].is_null())
        .collect();
    assert_eq!(provinces.len(), per_province.len());
    for p in provinces {
        let (n, m) = per_province[p["province"].as_str().unwrap()];
        assert_eq!(p["accounts"].as_u64().unwrap() as usize, n);
        assert_eq!(money_of(&p["sales"]), m);
    }

    let p = run("pivot");
    assert_eq!(money_of(&p["total"]), total);
    let products: Vec<&str> = p["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for (i, product) in products.iter().enumerate() {
        let sum: Money = doc
            .accounts
            .iter()
            .flat_map(|a| &a.deals)
            .filter(|d| d.date.is_some_and(|x| x >= from && x <= to))
            .filter(|d| d.status != Some(OrderStatus::Cancelled))
            .filter(|d| d.product.trim() == *product)
            .map(|d| d.total())
            .sum();
        assert_eq!(money_of(&p["product_totals"][i]), sum, "{product}");
    }
    for row in p["rows"].as_array().unwrap() {
        assert_eq!(
            money_of(&row["total"]),
            sales[row["code"].as_str().unwrap()]
        );
    }

    let f = run("funnel");
    let opps: Vec<&Opportunity> = doc
        .accounts
        .iter()
        .flat_map(|a| &a.opportunities)
        .filter(|o| o.expected_close.is_some_and(|x| x >= from && x <= to))
        .collect();
    for row in f["stages"].as_array().unwrap() {
        let stage = Stage::from_code(row["stage"].as_str().unwrap()).unwrap();
        let of: Vec<&&Opportunity> = opps
            .iter()
            .filter(|o| o.stage.unwrap_or(Stage::Initial) == stage)
            .collect();
        assert_eq!(
            row["count"].as_u64().unwrap() as usize,
            of.len(),
            "{stage:?}"
        );
        let expected: Money = of
            .iter()
            .map(|o| o.expected_amount.unwrap_or_default())
            .sum();
        assert_eq!(money_of(&row["expected"]), expected, "{stage:?}");
    }

    let e = run("evaluation");
    for row in e["accounts"].as_array().unwrap() {
        let code = row["code"].as_str().unwrap();
        assert_eq!(money_of(&row["sales"]), sales[code]);
        assert_eq!(money_of(&row["previous_sales"]), before[code]);
    }
    let scored = e["accounts"].as_array().unwrap().len();
    let traded = doc
        .accounts
        .iter()
        .filter(|a| sales[&a.account.code].cents() > 0 || before[&a.account.code].cents() > 0)
        .count();
    assert_eq!(scored, traded);
}

#[test]
fn reports_on_the_command_line_take_formats_files_and_refuse_bad_settings() {
    let (db, s) = book();
    drop(s);
    let args = |extra: &[&str]| {
        let mut a = vec!["report"];
        a.extend_from_slice(extra);
        a.extend_from_slice(&["--from", "2026-10-01", "--to", "2026-12-31"]);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        kam_db(&db.path, &refs)
    };
    let text = stdout(&run(&["grading"]));
    assert!(
        text.contains("Customer grading 2026-10-01 – 2026-12-31"),
        "{text}"
    );
    assert!(text.contains("B*"), "{text}");
    let md = stdout(&run(&["funnel", "--format", "md"]));
    assert!(md.contains("| Quote | 2 | 13,000.00 | 6,800.00 |"), "{md}");
    let pareto = stdout(&run(&["grading", "--pareto", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&pareto).unwrap();
    assert_eq!(v["rule"]["method"], "pareto");
    let file = db.file("top10.xlsx");
    let o = run(&["top10", "--format", "xlsx", "--out", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"));
    let weights = stdout(&run(&[
        "evaluation",
        "--weights",
        "complaints=10,growth=0,credit=0,profit=0,position=0,visits=0",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&weights).unwrap();
    assert_eq!(v["weights"]["growth"], 0);
    for bad in [
        &["grading", "--bands", "90,95"][..],
        &["evaluation", "--weights", "charm=3"][..],
        &["pivot", "--format", "xlsx"][..],
    ] {
        let line = assert_one_error_line(&run(bad));
        assert!(line.starts_with("error: "), "{line}");
    }
    let o = kam_db(
        &db.path,
        &[
            "report",
            "regions",
            "--from",
            "2026-12-31",
            "--to",
            "2026-01-01",
        ],
    );
    assert!(assert_one_error_line(&o).contains("before"));
    // The plans travel with the export.
    let doc: kam::exchange::json::Document =
        serde_json::from_slice(&kam_db(&db.path, &["export", "--format", "json"]).stdout).unwrap();
    let k01 = doc
        .accounts
        .iter()
        .find(|a| a.account.code == "K01")
        .unwrap();
    assert_eq!(k01.plan.as_ref().unwrap().target, Some(money("4000")));
    let k02 = doc
        .accounts
        .iter()
        .find(|a| a.account.code == "K02")
        .unwrap();
    assert!(k02.plan.is_none());
}

use crate::support::ui;

#[test]
fn the_screen_changes_period_method_and_saves_a_plan_by_keys() {
    use kam::analytics::{GradingRule, PeriodKind};
    let mut s = ui::filled(kam::i18n::Lang::En);
    s.keys("A");
    let a = s.app.analytics().unwrap();
    assert_eq!(
        (a.kind, a.period),
        (PeriodKind::Year, Period::year_of(date("2026-11-23")))
    );
    // 华为 50,000 in October, Acme 20,000 in March.
    assert_eq!(a.grading.total_sales, money("70000"));
    // Month: November has no sales; one month back, October has the cabinet order.
    s.keys("p");
    let a = s.app.analytics().unwrap();
    assert_eq!(a.period, Period::month_of(date("2026-11-23")));
    assert_eq!(a.grading.total_sales, Money::ZERO);
    s.keys("[");
    let a = s.app.analytics().unwrap();
    assert_eq!(a.period, Period::month_of(date("2026-10-01")));
    assert_eq!(a.grading.total_sales, money("50000"));
    s.keys("P");
    assert_eq!(s.app.analytics().unwrap().rule, GradingRule::PARETO);
    // The key account's plan: target, reason, measures.
    s.keys("2e8000\tstrategic\tmonthly review").save();
    assert_eq!(s.status(), "Saved");
    let k = &s.app.analytics().unwrap().key.key_accounts[0];
    assert_eq!(k.target, Some(money("8000")));
    assert_eq!(k.reason.as_deref(), Some("strategic"));
    assert_eq!(k.measures.as_deref(), Some("monthly review"));
    assert_eq!(k.achieved, Some(50000.0 / 8000.0));
    // Any dates.
    s.keys("D");
    s.app.dialog.as_mut().unwrap().inputs[0] = kam::app::input::Input::default();
    s.keys("2026-10-08\t").save();
    let a = s.app.analytics().unwrap();
    assert_eq!(a.kind, PeriodKind::Custom);
    assert_eq!(a.period.from, date("2026-10-08"));
}

/// The book of the screen tests (`ui::fill`), year 2026, worked out by hand:
///
/// | account | 2026 sales | 2025 sales | credit | industry | manual grade | visits 2026 | open complaints |
/// |---|---|---|---|---|---|---|---|
/// | 华为技术 | 50,000 (no cost) | 0 | A | I | A | 1 | 1 |
/// | Acme | 20,000 (cost 15,000) | 30,000 | – | G | B | 0 | 0 |
/// | 单氏 | 0 | 8,000 | – | C | – | 0 | 0 |
///
/// Opportunities closing in 2026: Initial 200,000 (10% by default → 20,000), Needs 30,000
/// (20% → 6,000), Quote 80,000 at 50% (→ 40,000), Negotiation 120,000 (80% → 96,000), Won
/// 50,000 + 25,000, Lost 40,000; a lost bid of 10,000 closed in 2025 does not count.
#[test]
fn the_screens_of_the_fixture_show_numbers_worked_out_by_hand() {
    use kam::analytics::GradingRule;
    for lang in [kam::i18n::Lang::En, kam::i18n::Lang::Zh] {
        let mut s = ui::filled(lang);
        s.keys("A5");
        let a = s.app.analytics().unwrap();
        let f = &a.funnel;
        let by_stage: Vec<(usize, Money, Money)> = f
            .stages
            .iter()
            .map(|r| (r.count, r.expected, r.weighted))
            .collect();
        assert_eq!(
            by_stage,
            vec![
                (1, money("200000"), money("20000")),
                (1, money("30000"), money("6000")),
                (0, Money::ZERO, Money::ZERO),
                (1, money("80000"), money("40000")),
                (1, money("120000"), money("96000")),
                (2, money("75000"), money("75000")),
                (1, money("40000"), Money::ZERO),
            ]
        );
        assert_eq!(f.open_count, 4);
        assert_eq!(f.open_expected, money("430000"));
        // 20,000 + 6,000 + 40,000 + 96,000.
        assert_eq!(f.weighted_forecast, money("162000"));
        assert_eq!((f.won, f.lost), (2, 1));
        assert_eq!(f.won_lost_ratio, Some(2.0));
        let screen = s.screen(120, 40);
        for shown in ["162,000.00", "430,000.00", "66.7%", "2.0"] {
            assert!(screen.contains(shown), "{shown} missing:\n{screen}");
        }
        // The won bar's label: its count and amount, beside the bar.
        let won = kam::domain::Stage::Won.label(lang);
        assert!(
            screen.lines().any(|l| {
                let words: Vec<&str> = l.trim_matches(['"', '│', ' ']).split_whitespace().collect();
                words.starts_with(&[won.as_str(), "2", "75,000.00"]) && l.contains('█')
            }),
            "{screen}"
        );

        // Grading: percentile ranks among 3 accounts are below/(3−1): 华为 2/2 = 100% (A),
        // Acme 1/2 = 50% (under 60: E), 单氏 no sales (E); the grades set by hand win.
        s.keys("1");
        let a = s.app.analytics().unwrap();
        let g = &a.grading;
        assert_eq!(g.rule, GradingRule::default());
        let rows: Vec<(&str, Money, f64, Grade, Grade)> = g
            .accounts
            .iter()
            .map(|r| (&*r.code, r.sales, r.rank, r.computed, r.grade))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("C000001", money("50000"), 1.0, Grade::A, Grade::A),
                ("C000002", money("20000"), 0.5, Grade::E, Grade::B),
                ("C000003", Money::ZERO, 0.0, Grade::E, Grade::E),
            ]
        );
        let counts: Vec<(Grade, usize, Money)> = g
            .grades
            .iter()
            .map(|c| (c.grade, c.accounts, c.sales))
            .collect();
        assert_eq!(
            counts,
            vec![
                (Grade::A, 1, money("50000")),
                (Grade::B, 1, money("20000")),
                (Grade::C, 0, Money::ZERO),
                (Grade::D, 0, Money::ZERO),
                (Grade::E, 1, Money::ZERO),
            ]
        );
        // 50,000 of 70,000 is 71.4%; 20,000 is 28.6%.
        let screen = s.screen(120, 40);
        for shown in ["71.4%", "28.6%", "70,000.00", "B*"] {
            assert!(screen.contains(shown), "{shown} missing:\n{screen}");
        }

        // Pareto 70/90: 华为 starts at 0% of the sales (A), Acme at 50/70 = 71.4% (B), 单氏
        // sold nothing (C).
        s.keys("P");
        let g = &s.app.analytics().unwrap().grading;
        let computed: Vec<Grade> = g.accounts.iter().map(|r| r.computed).collect();
        assert_eq!(computed, vec![Grade::A, Grade::B, Grade::C]);
        s.keys("P");

        // Evaluation, weights 25/20/20/15/10/10, a year of 365 days:
        // 华为: growth from nothing 100, credit A 100, no cost known 50, alone in its
        // industry 100, 1 visit → 30×100/365 = 8.22, one complaint 50
        //   → (2500 + 2000 + 1000 + 1500 + 82.2 + 500) / 100 = 75.8, develop;
        // Acme: −33% → 50 − 83.3 → 0, no credit 50, margin 25% → 50, alone 100, no visit 0,
        //   no complaint 100 → (0 + 1000 + 1000 + 1500 + 0 + 1000) / 100 = 45.0, maintain;
        // 单氏: −100% → 0, 50, 50, no sales 0, 0, 100 → 30.0, terminate.
        s.keys("6");
        let e = &s.app.analytics().unwrap().evaluation;
        let scored: Vec<(&str, f64, Recommendation)> = e
            .accounts
            .iter()
            .map(|r| (&*r.code, r.score, r.recommendation))
            .collect();
        assert_eq!(
            scored,
            vec![
                ("C000001", 75.8, Recommendation::Develop),
                ("C000002", 45.0, Recommendation::Maintain),
                ("C000003", 30.0, Recommendation::Terminate),
            ]
        );
        // Problems: one each; the larger account before first (Acme 30,000, 单氏 8,000, 华为 0).
        let problems: Vec<(&str, Vec<Problem>)> = e
            .problems
            .iter()
            .map(|p| (&*p.code, p.problems.clone()))
            .collect();
        assert_eq!(
            problems,
            vec![
                ("C000002", vec![Problem::DecliningSales]),
                ("C000003", vec![Problem::DecliningSales]),
                ("C000001", vec![Problem::OpenComplaints]),
            ]
        );
        let screen = s.screen(120, 40);
        assert!(
            screen.contains("75.8") && screen.contains("45.0"),
            "{screen}"
        );
        // Every other tab shows data, not the empty sentence.
        for tab in ["2", "3", "4", "7", "8"] {
            s.keys(tab);
            let screen = s.screen(120, 40);
            for empty in ["Nothing in this period", "本期没有数据"] {
                assert!(!screen.contains(empty), "tab {tab} is empty:\n{screen}");
            }
        }
    }
}

#[test]
fn bands_and_weights_are_stored_checked_and_used_by_screen_list_and_reports() {
    use kam::analytics::GradingRule;
    let mut s = ui::filled(kam::i18n::Lang::En);
    let grade_of = |s: &ui::Session, code: &str| {
        let a = s.app.store.account_by_code(code).unwrap().unwrap();
        s.app.grades.get(&a.id).copied()
    };
    // Default bands: Acme (50th percentile) is E in the list.
    assert_eq!(grade_of(&s, "C000002"), Some(Grade::E));
    s.keys("Ac");
    let form = s.app.dialog.as_ref().expect("the bands dialog");
    assert_eq!(form.inputs[0].text(), "90,80,70,60");
    // Rising bands are refused with one sentence; nothing changes.
    for bad in ["60,70,80,90", "90,80,70", "120,80,70,60", "90,80,x,60"] {
        s.app.dialog.as_mut().unwrap().inputs[0] = kam::app::input::Input::new(bad);
        s.save();
        assert!(s.app.dialog.is_some(), "{bad}");
        assert!(s.app.status.as_ref().unwrap().error, "{bad}");
        assert_eq!(
            s.status(),
            "Bands are four falling percentages from 0 to 100, e.g. 90,80,70,60; nothing was changed."
        );
        assert_eq!(Settings::load(&s.app.store).unwrap(), Settings::default());
    }
    // 50,40,30,20: Acme at the 50th percentile is now A's lower bound exactly.
    s.app.dialog.as_mut().unwrap().inputs[0] = kam::app::input::Input::new("50,40,30,20");
    s.save();
    assert!(s.app.dialog.is_none(), "{}", s.status());
    let rule = GradingRule::Percentile {
        bands: [50, 40, 30, 20],
    };
    assert_eq!(s.app.analytics().unwrap().rule, rule);
    assert_eq!(Settings::load(&s.app.store).unwrap().grading, rule);
    assert_eq!(grade_of(&s, "C000002"), Some(Grade::A));
    // The change is in history, old and new value.
    let (old, new): (Option<String>, String) = rusqlite::Connection::open(s.app.store.path())
        .unwrap()
        .query_row(
            "SELECT old_value, new_value FROM history WHERE entity = 'settings' AND field = 'analytics.grading'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(old, None);
    assert!(new.contains("[50,40,30,20]"), "{new}");
    // Switching to the Pareto preset and back keeps the bands set by hand.
    s.keys("P");
    assert_eq!(s.app.analytics().unwrap().rule, GradingRule::PARETO);
    s.keys("P");
    assert_eq!(s.app.analytics().unwrap().rule, rule);
    assert_eq!(Settings::load(&s.app.store).unwrap().grading, rule);

    // Weights on the evaluation tab: a negative or all-zero set is refused.
    s.keys("6c");
    assert_eq!(s.app.dialog.as_ref().unwrap().inputs[0].text(), "25");
    s.app.dialog.as_mut().unwrap().inputs[0] = kam::app::input::Input::new("-5");
    s.save();
    assert!(
        s.status().starts_with("Growth: “-5” is not a weight"),
        "{}",
        s.status()
    );
    for i in 0..6 {
        s.app.dialog.as_mut().unwrap().inputs[i] = kam::app::input::Input::new("0");
    }
    s.save();
    assert_eq!(
        s.status(),
        "At least one weight must be above zero; nothing was changed."
    );
    assert_eq!(
        Settings::load(&s.app.store).unwrap().weights,
        Weights::default()
    );
    // Only complaints count: 华为 (one open complaint) 50, the others 100.
    s.app.dialog.as_mut().unwrap().inputs[5] = kam::app::input::Input::new("10");
    s.save();
    assert!(s.app.dialog.is_none(), "{}", s.status());
    let e = &s.app.analytics().unwrap().evaluation;
    let scores: Vec<(&str, f64)> = e.accounts.iter().map(|r| (&*r.code, r.score)).collect();
    assert_eq!(
        scores,
        vec![("C000002", 100.0), ("C000003", 100.0), ("C000001", 50.0)]
    );

    // The command line reads what was stored; a flag overrides it for one run only.
    let path = s.app.store.path().to_path_buf();
    let run = |extra: &[&str]| {
        let mut a = vec!["report"];
        a.extend_from_slice(extra);
        a.extend_from_slice(&[
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--format",
            "json",
        ]);
        let o = kam_db(&path, &a);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap()
    };
    let g = run(&["grading"]);
    assert_eq!(g["rule"]["bands"], serde_json::json!([50, 40, 30, 20]));
    assert_eq!(g["accounts"][1]["computed"], "A");
    let g = run(&["grading", "--bands", "90,80,70,60"]);
    assert_eq!(g["accounts"][1]["computed"], "E");
    let e = run(&["evaluation"]);
    assert_eq!(e["weights"]["complaints"], 10);
    assert_eq!(e["weights"]["growth"], 0);
    // --weights changes the named ones over the stored ones.
    let e = run(&["evaluation", "--weights", "growth=10"]);
    assert_eq!(
        (
            e["weights"]["growth"].clone(),
            e["weights"]["complaints"].clone()
        ),
        (serde_json::json!(10), serde_json::json!(10))
    );
    assert_eq!(
        run(&["grading"])["rule"]["bands"],
        serde_json::json!([50, 40, 30, 20])
    );
}

#[test]
fn list_grades_follow_a_saved_deal_in_the_background_and_at_once() {
    for background in [false, true] {
        let mut s = ui::filled(kam::i18n::Lang::En);
        if background {
            s.app.regrade_in_background_from = 0;
        }
        let shan = s.app.store.account_by_code("C000003").unwrap().unwrap();
        assert_eq!(s.app.grades.get(&shan.id), Some(&Grade::E));
        // A deal of 90,000 for 单氏 this year, through the deal form of its card, makes it
        // the largest of three: 2 of 2 below it, the 100th percentile, A.
        s.app.open_account(shan.id).unwrap();
        let form_fields = RecordKind::Deal.fields();
        let amount_at = form_fields.iter().position(|f| f.key == "amount").unwrap();
        let product_at = form_fields.iter().position(|f| f.key == "product").unwrap();
        s.keys("3n");
        let f = s.app.form.as_mut().expect("the deal form");
        f.inputs[product_at] = kam::app::input::Input::new("模具钢");
        f.inputs[amount_at] = kam::app::input::Input::new("90000");
        s.save();
        assert!(s.app.form.is_none(), "{}", s.status());
        if background {
            s.app.wait_for_grades();
        }
        assert_eq!(
            s.app.grades.get(&shan.id),
            Some(&Grade::A),
            "background: {background}"
        );
        // Acme (20,000) has none below it now: 0%, E; 华为 (50,000) one of two: 50%, E.
        let acme = s.app.store.account_by_code("C000002").unwrap().unwrap();
        assert_eq!(s.app.grades.get(&acme.id), Some(&Grade::E));
        let hw = s.app.store.account_by_code("C000001").unwrap().unwrap();
        assert_eq!(s.app.grades.get(&hw.id), Some(&Grade::E));
        // Undoing the deal puts the grades back.
        s.keys("uy");
        if background {
            s.app.wait_for_grades();
        }
        assert_eq!(
            s.app.grades.get(&shan.id),
            Some(&Grade::E),
            "{}",
            s.status()
        );
        assert_eq!(s.app.grades.get(&hw.id), Some(&Grade::A));
        s.app.wait_for_grades();
    }
}

#[test]
fn a_json_report_read_only_in_part_ends_quietly() {
    use std::io::Read;
    // 2,000 accounts: ~500 KB of JSON, many times a pipe's buffer, so that writes fail
    // in the middle of serializing once the reader is gone.
    let db = TempDb::new();
    let mut s = db.writer();
    kam::demo::generate(&mut s, 2_000, 1).unwrap();
    drop(s);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["--db", db.path.to_str().unwrap(), "report", "grading"])
        .args([
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--format",
            "json",
        ])
        .env_remove("KAM_PASSPHRASE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone (as with `| head -c 10`).
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn numbers_show_one_decimal_rounded_as_excel_rounds() {
    use kam::analytics::Value;
    let show = |v: Value| v.show();
    // Half away from zero, as Excel's ROUND (the standard library's `{:.1}` would give 0.2
    // for 0.25, whose binary value is exact).
    assert_eq!(show(Value::Number(Some(0.25))), "0.3");
    assert_eq!(show(Value::Number(Some(-0.25))), "-0.3");
    assert_eq!(show(Value::Number(Some(88.28))), "88.3");
    assert_eq!(show(Value::Number(Some(100.0))), "100.0");
    assert_eq!(show(Value::Number(Some(0.0))), "0.0");
    assert_eq!(show(Value::Number(Some(-0.01))), "0.0");
    assert_eq!(show(Value::Percent(Some(-1.0 / 3.0))), "-33.3%");
    assert_eq!(show(Value::Percent(Some(0.71428))), "71.4%");
    assert_eq!(show(Value::Percent(Some(12.0))), "1200.0%");
    assert_eq!(show(Value::Number(Some(f64::INFINITY))), "inf");
    assert_eq!(show(Value::Number(Some(1e20))), "100000000000000000000.0");
    assert_eq!(show(Value::Number(None)), "–");
    assert_eq!(show(Value::Int(-42)), "-42");
    assert_eq!(show(Value::Int(i64::MIN)), "-9223372036854775808");
    assert_eq!(show(Value::Int(0)), "0");
    assert_eq!(show(Value::Money(Money(-123_456_789))), "-1,234,567.89");
    assert_eq!(show(Value::Money(Money(5))), "0.05");
    assert_eq!(show(Value::Money(Money(100_000))), "1,000.00");
}
