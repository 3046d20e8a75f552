//! The daily visit report and the weekly summary, with counts and totals worked out by hand.

use crate::support::*;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;
use kam::visits::{daily_report, weekly_summary};

fn account(store: &mut Store, code: &str, name: &str) -> i64 {
    let mut a = Account {
        code: code.into(),
        name: name.into(),
        ..Default::default()
    };
    store.insert(&mut a).unwrap()
}

fn expense(item: ExpenseItem, amount: &str) -> Expense {
    Expense {
        item,
        amount: money(amount),
        note: None,
    }
}

fn visit(store: &mut Store, account_id: i64, day: &str, outcome: Outcome) -> VisitReport {
    let mut v = VisitReport {
        account_id,
        date: Some(date(day)),
        person_met: Some("张三".into()),
        purpose: Some(VisitPurpose::FirstVisit),
        summary: Some("介绍新型号".into()),
        outcome: Some(outcome),
        filled_by: Some("李娜".into()),
        ..Default::default()
    };
    store.insert(&mut v).unwrap();
    v
}

/// Two accounts; on Wednesday 2026-11-18 three visits (expenses 25.10 + 120.50, 300.00 and
/// 0.30 = 445.90), a trashed visit of 1000.00, the day before one visit of 99.99, and on
/// the next Monday one more.
fn fill(store: &mut Store) -> (i64, i64) {
    let a = account(store, "C000001", "福州宏达机械制造有限公司");
    let b = account(store, "C000002", "厦门海蓝贸易有限公司");
    let mut v1 = visit(store, a, "2026-11-18", Outcome::DealAgreed);
    v1.problems_solved = Some("更换刀具".into());
    v1.expenses = vec![
        expense(ExpenseItem::Transport, "25.10"),
        expense(ExpenseItem::Meals, "120.50"),
    ];
    store.update(&mut v1).unwrap();
    let mut v2 = visit(store, a, "2026-11-18", Outcome::Promising);
    v2.purpose = Some(VisitPurpose::ProblemHandling);
    v2.problems_open = Some("报价 | 交期".into());
    v2.companions = Some("王五".into());
    v2.expenses = vec![expense(ExpenseItem::Gifts, "300.00")];
    store.update(&mut v2).unwrap();
    let mut v3 = visit(store, b, "2026-11-18", Outcome::Promising);
    v3.purpose = Some(VisitPurpose::RelationshipBuilding);
    v3.companions = Some("王五、赵六".into());
    v3.expenses = vec![expense(ExpenseItem::Transport, "0.30")];
    store.update(&mut v3).unwrap();
    let mut trashed = visit(store, a, "2026-11-18", Outcome::Hopeless);
    trashed.expenses = vec![expense(ExpenseItem::Lodging, "1000.00")];
    store.update(&mut trashed).unwrap();
    store.delete(RecordKind::VisitReport, trashed.id).unwrap();
    let mut before = visit(store, b, "2026-11-17", Outcome::VisitAgain);
    before.expenses = vec![expense(ExpenseItem::Other, "99.99")];
    store.update(&mut before).unwrap();
    visit(store, b, "2026-11-23", Outcome::KeepWatching);
    (a, b)
}

#[test]
fn the_daily_report_counts_that_days_live_visits() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    let r = daily_report(&store, date("2026-11-18")).unwrap();
    assert_eq!(r.visit_count, 3);
    assert_eq!(r.visits.len(), 3);
    assert_eq!(r.weekday, chrono::Weekday::Wed);
    assert_eq!(r.weekday_label(Lang::Zh), "星期三");
    assert_eq!(r.filled_by, "李娜");
    assert_eq!(r.problems_handled, 1);
    assert_eq!(r.problems_not_handled, 1);
    assert_eq!(r.companions, vec!["王五".to_string(), "赵六".to_string()]);
    assert_eq!(r.expenses.len(), 4);
    assert_eq!(r.expense_total, money("445.90"));
    let codes: Vec<_> = r.visits.iter().map(|v| v.account_code.as_str()).collect();
    assert_eq!(codes, ["C000001", "C000001", "C000002"]);
    assert_eq!(r.visits[0].expense_total, money("145.60"));

    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["date"], "2026-11-18");
    assert_eq!(json["expense_total"], "445.90");
    assert_eq!(json["visits"][1]["purpose"], "b");
    assert_eq!(json["visits"][1]["outcome"], "B");

    let md = r.to_markdown(Lang::Zh);
    assert!(
        md.starts_with("## 客户拜访日报表 2026-11-18(星期三)"),
        "{md}"
    );
    assert!(
        md.contains("报价 \\| 交期"),
        "a bar in a cell is escaped: {md}"
    );
    let visits_table = md.split("**代码说明**").next().unwrap();
    assert_eq!(
        visits_table.lines().filter(|l| l.starts_with("| ")).count(),
        4
    );
    assert!(md.contains("费用合计: 445.90"));
    let text = r.to_text(Lang::En);
    assert!(
        text.contains("Daily visit report 2026-11-18 (Wednesday)"),
        "{text}"
    );
    assert!(text.contains("Total expenses: 445.90"));
}

#[test]
fn a_day_without_visits_gives_an_empty_report() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    let r = daily_report(&store, date("2026-11-19")).unwrap();
    assert_eq!(r.visit_count, 0);
    assert_eq!(r.expense_total, Money::ZERO);
    assert_eq!(r.filled_by, "tester");
    assert!(r.to_text(Lang::Zh).contains("本日无拜访"));
}

#[test]
fn the_weekly_summary_runs_monday_to_sunday() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    let w = weekly_summary(&store, date("2026-11-20")).unwrap();
    assert_eq!((w.from, w.to), (date("2026-11-16"), date("2026-11-22")));
    let per_day: Vec<usize> = w.days.iter().map(|d| d.visits).collect();
    assert_eq!(per_day, [0, 1, 3, 0, 0, 0, 0]);
    assert_eq!(w.days[1].expense_total, money("99.99"));
    assert_eq!(w.days[2].expense_total, money("445.90"));
    let outcomes: Vec<(&str, usize)> = w
        .outcomes
        .iter()
        .map(|o| (o.outcome.code(), o.count))
        .collect();
    assert_eq!(outcomes, [("A", 1), ("B", 2), ("C", 1), ("D", 0), ("E", 0)]);
    let accounts: Vec<(&str, usize, Money)> = w
        .accounts
        .iter()
        .map(|a| (a.account_code.as_str(), a.visits, a.expense_total))
        .collect();
    assert_eq!(
        accounts,
        [
            ("C000001", 2, money("445.60")),
            ("C000002", 2, money("100.29"))
        ]
    );
    assert_eq!(w.visit_count, 4);
    assert_eq!(w.expense_total, money("545.89"));
    let json = serde_json::to_value(&w).unwrap();
    assert_eq!(json["expense_total"], "545.89");
    assert!(w.to_markdown(Lang::Zh).contains("星期二"));
    // A Sunday belongs to the week that began the Monday before.
    let sunday = weekly_summary(&store, date("2026-11-22")).unwrap();
    assert_eq!(sunday.from, date("2026-11-16"));
}

#[test]
fn the_json_report_agrees_with_the_export() {
    let db = TempDb::new();
    {
        let mut store = db.writer();
        fill(&mut store);
    }
    let path = db.path.to_str().unwrap();
    let report = kam(&[
        "--db",
        path,
        "report",
        "daily",
        "--date",
        "2026-11-18",
        "--format",
        "json",
    ]);
    assert!(report.status.success(), "{}", stderr(&report));
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let export = kam(&["--db", path, "export", "--format", "json"]);
    assert!(export.status.success(), "{}", stderr(&export));
    let export: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let of_day: Vec<&serde_json::Value> = export["visit_reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["date"] == "2026-11-18")
        .collect();
    assert_eq!(
        report["visit_count"].as_u64().unwrap() as usize,
        of_day.len()
    );
    let total: Money = of_day
        .iter()
        .flat_map(|v| v["expenses"].as_array().cloned().unwrap_or_default())
        .map(|e| money(e["amount"].as_str().unwrap()))
        .sum();
    assert_eq!(report["expense_total"].as_str().unwrap(), total.to_string());
    assert_eq!(total, money("445.90"));
}

#[test]
fn a_bad_date_is_one_error_line() {
    let db = TempDb::new();
    drop(db.writer());
    let o = kam_db(&db.path, &["report", "daily", "--date", "2026-13-40"]);
    let line = assert_one_error_line(&o);
    assert!(line.contains("is not a date (e.g. 2026-12-08"), "{line}");
    let o = kam_db(&db.path, &["report", "weekly", "--date", "soon"]);
    assert_one_error_line(&o);
}

#[test]
fn reports_are_written_to_private_files() {
    let db = TempDb::new();
    {
        let mut store = db.writer();
        fill(&mut store);
    }
    let file = db.file("daily.md");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "report",
            "daily",
            "--date",
            "2026-11-18",
            "--format",
            "markdown",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("客户拜访日报表"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn plans_between_two_times_keep_live_plans_of_live_accounts() {
    let db = TempDb::new();
    let mut store = db.writer();
    let (a, b) = fill(&mut store);
    let mut ids = vec![];
    for (account, at) in [
        (a, "2026-11-24 08:59"),
        (a, "2026-11-24 09:00"),
        (b, "2026-11-24 18:00"),
        (a, "2026-11-25 00:00"),
        (b, "2026-11-24 12:00"),
    ] {
        let mut p = VisitPlan {
            account_id: account,
            planned_at: Some(datetime(at)),
            ..Default::default()
        };
        store.insert(&mut p).unwrap();
        ids.push(p.id);
    }
    store.delete(RecordKind::VisitPlan, ids[4]).unwrap();
    let found: Vec<i64> = store
        .visit_plans_between(datetime("2026-11-24 09:00"), datetime("2026-11-24 23:59"))
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(found, [ids[1], ids[2]]);
    store.delete(RecordKind::Account, b).unwrap();
    let found = store
        .visit_plans_between(datetime("2026-11-24 00:00"), datetime("2026-11-25 00:00"))
        .unwrap();
    assert_eq!(found.len(), 3, "the trashed account's plan is left out");
    let reports = store
        .visit_reports_between(date("2026-11-16"), date("2026-11-22"))
        .unwrap();
    assert_eq!(reports.len(), 2, "only account A's two live visits remain");
}

#[test]
fn the_daily_report_as_a_workbook() {
    use std::io::Read;
    let db = TempDb::new();
    {
        let mut store = db.writer();
        fill(&mut store);
    }
    let o = kam_db(
        &db.path,
        &[
            "report",
            "daily",
            "--date",
            "2026-11-18",
            "--format",
            "xlsx",
        ],
    );
    assert!(assert_one_error_line(&o).contains("--out"));
    let file = db.file("daily.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "report",
            "daily",
            "--date",
            "2026-11-18",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let strings = read("xl/sharedStrings.xml");
    assert!(strings.contains("客户拜访日报表"));
    assert!(strings.contains("C000002 厦门海蓝贸易有限公司"));
    assert!(strings.contains("星期三"));
    let sheet = read("xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<v>445.9</v>"), "the total: {sheet}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// The foot of the paper 日报表: the a/b/c and A–E codes spelt out, and three empty boxes for
/// 主管, 部门经理 and 经理 to sign, in text, Markdown and the workbook, in both languages.
#[test]
fn the_daily_report_ends_with_its_code_legend_and_boxes_to_sign() {
    use std::io::Read;
    let db = TempDb::new();
    {
        let mut store = db.writer();
        fill(&mut store);
        let r = daily_report(&store, date("2026-11-18")).unwrap();
        let zh = r.to_text(Lang::Zh);
        assert!(
            zh.contains("  商谈计划: a 初次拜访 · b 处理问题 · c 建立关系\n"),
            "{zh}"
        );
        assert!(zh.contains("  成果: A 商谈成功 · B 有希望 · C 再度访问 · D 无希望 · E 继续观察\n"));
        assert!(
            zh.ends_with("主管: ____________    部门经理: ____________    经理: ____________\n"),
            "{zh}"
        );
        let en = r.to_text(Lang::En);
        assert!(en.contains("a First visit"), "{en}");
        assert!(en.contains("E Keep watching"), "{en}");
        assert!(en.contains("Department manager: ____"), "{en}");
        let md = r.to_markdown(Lang::Zh);
        assert!(md.contains("- 成果: A 商谈成功"), "{md}");
        assert!(
            md.ends_with("| 主管 | 部门经理 | 经理 |\n|---|---|---|\n|   |   |   |\n"),
            "the boxes stay empty, to be signed: {md}"
        );
    }
    let file = db.file("daily.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "report",
            "daily",
            "--date",
            "2026-11-18",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let strings = read("xl/sharedStrings.xml");
    for word in [
        "代码说明",
        "主管",
        "部门经理",
        "经理",
        "a 初次拜访 · b 处理问题 · c 建立关系",
    ] {
        assert!(strings.contains(word), "{word} missing: {strings}");
    }
    let sheet = read("xl/worksheets/sheet1.xml");
    // Three visits (rows 5–7), three counts and the companions (rows 9–12), four expenses
    // (14–17) and the total (18); the legend from row 20, the signers on row 24 over boxes
    // on rows 25–27.
    for boxed in ["A25:C27", "D25:F27", "G25:I27"] {
        assert!(
            sheet.contains(&format!("<mergeCell ref=\"{boxed}\"/>")),
            "{boxed}: {sheet}"
        );
    }
}
