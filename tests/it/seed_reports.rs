//! The seeds' report shapes kam keeps (issue 21): the columns of 客户分级表 (业种, 负责人, 产品)
//! and 问题客户对策表 (销售范围, 所在位置, the two managers' advice), and charts inside the
//! xlsx reports (regions as bars, products as a pie, grades as bars), checked in the written
//! workbook's own XML; on the hand-built book of `analytics`, whose figures are worked out there.

use crate::analytics::{book, q4};
use crate::support::*;
use kam::analytics::{report, Analysis, Report, Settings};
use kam::domain::{AccountPlan, Industry, SalesArea};
use kam::i18n::Lang;
use kam::store::{Access, Store};
use std::io::Read;

/// The workbook of `analysis` over Q4, in Chinese, as its files by name.
fn workbook(analysis: Analysis) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    let (_db, s) = book();
    let r = report(&s, analysis, q4(), &Settings::default()).unwrap();
    let bytes = r.to_xlsx(Lang::Zh).unwrap();
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap()
}

fn read(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> String {
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} is not in the workbook"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The number in `cell` of a worksheet's XML.
fn value_of(sheet: &str, cell: &str) -> String {
    let at = sheet
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let rest = &sheet[at..];
    let end = rest.find("</c>").unwrap();
    let v = rest[..end].split("<v>").nth(1).unwrap();
    v.trim_end_matches("</v>").to_string()
}

#[test]
fn the_region_report_draws_its_provinces_as_bars() {
    let mut zip = workbook(Analysis::Regions);
    let chart = read(&mut zip, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"), "{chart}");
    assert!(chart.contains("各省销售额"), "the title: {chart}");
    // The provinces are lines 1, 3 and 6 of the table (each followed by its cities): their
    // names and sales are copied beside it, columns H and I from row 5, in the table's order.
    assert!(chart.contains("<c:f>'1 区域'!$H$5:$H$7</c:f>"), "{chart}");
    assert!(chart.contains("<c:f>'1 区域'!$I$5:$I$7</c:f>"), "{chart}");
    let sheet = read(&mut zip, "xl/worksheets/sheet1.xml");
    for (cell, sales) in [("I5", "6000"), ("I6", "4000"), ("I7", "500")] {
        assert_eq!(value_of(&sheet, cell), sales, "{sheet}");
    }
    let strings = read(&mut zip, "xl/sharedStrings.xml");
    for name in ["（未填）", "广东省", "浙江省"] {
        assert!(strings.contains(name), "{name}");
    }
}

#[test]
fn the_product_pivot_draws_each_products_share_as_a_pie() {
    let mut zip = workbook(Analysis::Pivot);
    let chart = read(&mut zip, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:pieChart>"), "{chart}");
    // Products 机柜 and 服务 head columns C and D (row 4); their totals, 9,000 and 1,500, are
    // on the totals line after the four accounts with sales (row 9).
    assert!(
        chart.contains("<c:f>'1 按产品销售'!$C$4:$D$4</c:f>"),
        "{chart}"
    );
    assert!(
        chart.contains("<c:f>'1 按产品销售'!$C$9:$D$9</c:f>"),
        "{chart}"
    );
    assert!(chart.contains("<c:showPercent val=\"1\"/>"), "{chart}");
    let sheet = read(&mut zip, "xl/worksheets/sheet1.xml");
    assert_eq!(value_of(&sheet, "C9"), "9000");
    assert_eq!(value_of(&sheet, "D9"), "1500");
}

#[test]
fn the_grading_summary_draws_sales_per_grade() {
    let mut zip = workbook(Analysis::Grading);
    let chart = read(&mut zip, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"), "{chart}");
    // Grades A–E on rows 5–9, their sales in column D; the totals line is not a bar.
    assert!(chart.contains("<c:f>'1 等级'!$A$5:$A$9</c:f>"), "{chart}");
    assert!(chart.contains("<c:f>'1 等级'!$D$5:$D$9</c:f>"), "{chart}");
    assert!(
        zip.by_name("xl/charts/chart2.xml").is_err(),
        "the accounts sheet has no chart"
    );
}

/// K06's plan with the two managers' advice, and K06 a dealer selling locally.
fn advise(s: &mut kam::store::Store) -> i64 {
    let mut k06 = s.account_by_code("K06").unwrap().unwrap();
    k06.dealer_sales_area = Some(SalesArea::Local);
    s.update(&mut k06).unwrap();
    s.set_account_plan(&AccountPlan {
        account_id: k06.id,
        measures: Some("visit monthly".into()),
        service_manager_advice: Some("每月电话回访".into()),
        general_manager_advice: Some("保持价格".into()),
        ..Default::default()
    })
    .unwrap();
    k06.id
}

#[test]
fn grading_names_each_customers_industry_owner_and_main_products() {
    let (_db, s) = book();
    let Report::Grading(g) = report(&s, Analysis::Grading, q4(), &Settings::default()).unwrap()
    else {
        panic!("a grading")
    };
    let row = |code: &str| g.accounts.iter().find(|r| &*r.code == code).unwrap();
    // K01 bought 机柜 1,000 and 服务 1,000 in Q4: a tie goes by name.
    assert_eq!(row("K01").industry, Some(Industry::C));
    assert_eq!(row("K01").owner.as_deref(), Some("李娜"));
    let names =
        |code: &str| -> Vec<String> { row(code).products.iter().map(|p| p.to_string()).collect() };
    assert_eq!(names("K01"), ["服务", "机柜"]);
    assert_eq!(
        names("K02"),
        ["机柜"],
        "the trailing space is the same product"
    );
    assert_eq!(
        names("K03"),
        ["服务"],
        "the deleted deal of 服务 700 is no product"
    );
    assert!(
        names("K04").is_empty() && names("K06").is_empty(),
        "no sales in Q4"
    );
    assert_eq!(row("K05").industry, None);
    let text = Report::Grading(g.clone()).to_text(Lang::Zh);
    let line = text.lines().find(|l| l.contains("K01")).unwrap();
    assert!(line.contains("制造业") && line.contains("李娜"), "{line}");
    assert!(line.trim_end().ends_with("服务、机柜"), "{line}");
    let head = text.lines().find(|l| l.contains("计算等级")).unwrap();
    assert!(head.contains("业种") && head.contains("负责人") && head.contains("产品"));
    let en = Report::Grading(g.clone()).to_markdown(Lang::En);
    assert!(en.contains("| Industry | Responsible | Products |"), "{en}");
    assert!(en.contains("| Manufacturing | 李娜 | 服务, 机柜 |"), "{en}");
    let json = serde_json::to_value(&g).unwrap();
    let k01 = json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "K01")
        .unwrap();
    assert_eq!(k01["industry"], "C");
    assert_eq!(k01["owner"], "李娜");
    assert_eq!(k01["products"], serde_json::json!(["服务", "机柜"]));
}

#[test]
fn problem_customers_show_sales_scope_location_and_the_managers_advice() {
    let (_db, mut s) = book();
    advise(&mut s);
    let Report::Evaluation(e) =
        report(&s, Analysis::Evaluation, q4(), &Settings::default()).unwrap()
    else {
        panic!("an evaluation")
    };
    let row = |code: &str| e.problems.iter().find(|r| &*r.code == code).unwrap();
    let k06 = row("K06");
    assert_eq!(k06.sales_area, Some(SalesArea::Local));
    assert_eq!(k06.location.as_deref(), Some("广东省 深圳市"));
    assert_eq!(k06.measures.as_deref(), Some("visit monthly"));
    assert_eq!(k06.service_manager_advice.as_deref(), Some("每月电话回访"));
    assert_eq!(k06.general_manager_advice.as_deref(), Some("保持价格"));
    assert_eq!(row("K04").location.as_deref(), Some("浙江省 杭州市"));
    assert_eq!(row("K04").sales_area, None);
    let sheet = e.problems_sheet(Lang::Zh, 0..usize::MAX);
    assert_eq!(
        &sheet.columns[8..],
        ["销售范围", "所在位置", "客户服务部经理建议", "总经理建议"]
    );
    let text = Report::Evaluation(e.clone()).to_text(Lang::Zh);
    let line = text.lines().find(|l| l.contains("保持价格")).unwrap();
    assert!(line.contains("K06"), "{line}");
    assert!(
        line.contains("本地") && line.contains("广东省 深圳市") && line.contains("每月电话回访"),
        "{line}"
    );
    // The key-customer table (重点客户管理表) carries the advice too: K06 has a plan.
    let Report::Top10(k) = report(&s, Analysis::Top10, q4(), &Settings::default()).unwrap() else {
        panic!("key customers")
    };
    let plan = k.key_accounts.iter().find(|r| &*r.code == "K06").unwrap();
    assert_eq!(plan.general_manager_advice.as_deref(), Some("保持价格"));
    let md = Report::Top10(k.clone()).to_markdown(Lang::En);
    assert!(
        md.contains("| visit monthly | 每月电话回访 | 保持价格 |"),
        "{md}"
    );
}

#[test]
fn the_managers_advice_is_kept_in_history_and_goes_out_and_back_in_json() {
    let (db, mut s) = book();
    let id = advise(&mut s);
    let changed: Vec<(String, Option<String>)> = s
        .history(id)
        .unwrap()
        .into_iter()
        .filter(|c| c.entity == "account_plans")
        .map(|c| (c.field.unwrap_or_default(), c.new_value))
        .collect();
    assert!(changed.contains(&("general_manager_advice".into(), Some("保持价格".into()))));
    assert!(changed.contains(&("service_manager_advice".into(), Some("每月电话回访".into()))));
    // Saved again as it is: nothing is written.
    let plan = s.account_plan(id).unwrap().unwrap();
    assert!(!s.set_account_plan(&plan).unwrap());
    drop(s);
    let json = db.file("book.json");
    let o = kam_db(&db.path, &["export", "--out", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = db.file("copy.db");
    let o = kam_db(&copy, &["import", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let back = Store::open(&copy, Access::Read).unwrap();
    let k06 = back.account_by_code("K06").unwrap().unwrap();
    let plan_back = back.account_plan(k06.id).unwrap().unwrap();
    assert_eq!(
        AccountPlan {
            account_id: id,
            ..plan_back
        },
        plan
    );
    assert_eq!(k06.dealer_sales_area, Some(SalesArea::Local));
}
