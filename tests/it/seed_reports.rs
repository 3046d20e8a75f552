//! The seeds' report shapes kam keeps (issue 21): charts inside the xlsx reports (regions as
//! bars, products as a pie, grades as bars), checked in the written workbook's own XML, on
//! the hand-built book of `analytics` whose figures are worked out there.

use crate::analytics::{book, q4};
use kam::analytics::{report, Analysis, Settings};
use kam::i18n::Lang;
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
