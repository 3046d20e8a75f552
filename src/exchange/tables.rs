//! The dossier as files a person opens elsewhere: CSV (one file per section), an Excel
//! workbook (one sheet per section, frozen header, filters, real numbers and dates), and a
//! Markdown dossier of one account to print or send before a visit.

use super::json::{Document, ExportAccount};
use super::sections::{cell_text, sections, sections_with, Section};
use crate::domain::record::FieldKind;
use crate::domain::TaxRates;
use crate::i18n::{field_label, Lang};
use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::fmt::Write as _;

/// (file name, bytes) per section with rows: UTF-8 with a byte-order mark, which Excel needs
/// to show Chinese right. A cell a spreadsheet would run as a formula is defused (`formula`).
/// The deals' tax is split by `rates`.
pub fn to_csv(doc: &Document, rates: &TaxRates, lang: Lang) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = vec![];
    for s in sections_with(doc, rates)
        .into_iter()
        .filter(|s| !s.rows.is_empty())
    {
        let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        w.write_record(s.headers(lang))?;
        for row in &s.rows {
            w.write_record(s.cells(row, lang).into_iter().map(super::formula::defuse))?;
        }
        files.push((csv_name(s.table), w.into_inner()?));
    }
    let listed = super::attachment_table::rows_of(doc);
    if !listed.is_empty() {
        let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        w.write_record(super::attachment_table::headers(lang))?;
        for row in &listed {
            w.write_record(row.iter().map(|c| super::formula::defuse(c.clone())))?;
        }
        files.push((
            super::attachment_table::CSV_NAME.to_string(),
            w.into_inner()?,
        ));
    }
    let plans = super::plan_table::rows_of(doc, lang);
    if !plans.is_empty() {
        files.push((
            super::plan_table::CSV_NAME.to_string(),
            super::plan_table::csv_bytes(&plans, lang)?,
        ));
    }
    if !doc.custom_fields.is_empty() {
        files.push((
            super::custom_field_table::CSV_NAME.to_string(),
            super::custom_field_table::csv_bytes(&doc.custom_fields, lang)?,
        ));
    }
    Ok(files)
}

pub(crate) fn csv_name(table: &str) -> String {
    format!("{table}.csv")
}

/// Every file name a CSV export may hold (a section without rows has no file).
pub fn csv_names() -> Vec<String> {
    sections(&Document::default())
        .iter()
        .map(|s| csv_name(s.table))
        .chain([
            super::attachment_table::CSV_NAME.to_string(),
            super::plan_table::CSV_NAME.to_string(),
            super::custom_field_table::CSV_NAME.to_string(),
        ])
        .collect()
}

/// A section's sheet name: at most 31 characters, none of []:*?/\
pub(crate) fn xlsx_sheet_name(s: &Section, lang: Lang) -> String {
    s.title(lang)
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

/// One cell of row `r`, column `c`: money, numbers and dates as what they are, the rest as
/// text; an empty cell is not written.
pub(crate) fn xlsx_cell(
    sheet: &mut Worksheet,
    s: &Section,
    r: u32,
    c: usize,
    text: &str,
    money: &Format,
    date: &Format,
) -> Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    let col = c as u16;
    // A number Excel cannot hold exactly (more than 15 significant digits: a huge amount,
    // a count past 2^53) is written as the text it is: as a number it came back changed.
    let kind = s.column_kind(c).filter(|_| fits_excel(text));
    match kind {
        Some(FieldKind::Money) => match text.parse::<f64>() {
            Ok(n) => sheet.write_number_with_format(r, col, n, money)?,
            Err(_) => sheet.write_string(r, col, text)?,
        },
        Some(FieldKind::Integer | FieldKind::Number | FieldKind::Rating | FieldKind::Percent) => {
            match text.parse::<f64>() {
                Ok(n) => sheet.write_number(r, col, n)?,
                Err(_) => sheet.write_string(r, col, text)?,
            }
        }
        Some(FieldKind::Date) => {
            use chrono::Datelike;
            let excel = text.parse::<chrono::NaiveDate>().ok().and_then(|d| {
                rust_xlsxwriter::ExcelDateTime::from_ymd(
                    d.year() as u16,
                    d.month() as u8,
                    d.day() as u8,
                )
                .ok()
            });
            match excel {
                Some(d) => sheet.write_date_with_format(r, col, &d, date)?,
                None => sheet.write_string(r, col, text)?,
            }
        }
        _ => sheet.write_string(r, col, text)?,
    };
    Ok(())
}

/// Whether a number's text has at most 15 significant digits: what an Excel cell (a
/// double, and Excel keeps 15 digits when it saves) gives back unchanged. Text that is no
/// plain number passes: it is written as text anyway.
fn fits_excel(text: &str) -> bool {
    let t = text.trim_start_matches('-');
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return true;
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if t.contains('.') {
        digits.trim_end_matches('0')
    } else {
        digits
    };
    digits.len() <= 15
}

fn write_sheet(book: &mut Workbook, s: &Section, lang: Lang) -> Result<()> {
    let header = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name(xlsx_sheet_name(s, lang))?;
    let headers = s.headers(lang);
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &header)?;
        sheet.set_column_width(
            c as u16,
            (unicode_width::UnicodeWidthStr::width(h.as_str()) as f64 + 2.0).max(10.0),
        )?;
    }
    for (r, row) in s.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, text) in s.cells(row, lang).iter().enumerate() {
            xlsx_cell(sheet, s, r, c, text, &money, &date)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !headers.is_empty() {
        sheet.autofilter(0, 0, s.rows.len() as u32, headers.len() as u16 - 1)?;
    }
    Ok(())
}

/// One sheet per section (also the empty ones, so every workbook has the same sheets); the
/// deals' tax split by `rates`.
pub fn to_xlsx(doc: &Document, rates: &TaxRates, lang: Lang) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    for s in sections_with(doc, rates) {
        write_sheet(&mut book, &s, lang)?;
    }
    super::attachment_table::write_sheet(&mut book, &super::attachment_table::rows_of(doc), lang)?;
    super::plan_table::write_sheet(&mut book, &super::plan_table::rows_of(doc, lang), lang)?;
    super::custom_field_table::write_sheet(&mut book, &doc.custom_fields, lang)?;
    Ok(book.save_to_buffer()?)
}

/// One account's whole dossier as Markdown: the card, then each section as a table.
pub fn to_markdown(doc: &Document, lang: Lang) -> String {
    let mut o = String::new();
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', "<br>");
    for a in &doc.accounts {
        let _ = writeln!(o, "# {} {}\n", a.account.code, a.account.name);
        let one = Document {
            format: doc.format.clone(),
            version: doc.version,
            accounts: vec![ExportAccount { ..a.clone() }],
            visit_plans: doc
                .visit_plans
                .iter()
                .filter(|p| p.code == a.account.code)
                .cloned()
                .collect(),
            visit_reports: doc
                .visit_reports
                .iter()
                .filter(|p| p.code == a.account.code)
                .cloned()
                .collect(),
            attachments: vec![],
            // One account's dossier: the book's catalogue is not its own.
            products: vec![],
            targets: vec![],
            custom_fields: doc.custom_fields.clone(),
        };
        for s in sections(&one) {
            if s.kind == crate::domain::RecordKind::Account {
                // The card: label and value, only what is filled in.
                let row = &s.rows[0];
                for f in &s.fields {
                    let v = cell_text(f, row.get(f.key), lang);
                    if !v.is_empty() && f.key != "name" && f.key != "code" {
                        let _ = writeln!(
                            o,
                            "- **{}**: {}",
                            field_label(lang, "accounts", f.key),
                            cell(&v)
                        );
                    }
                }
                let values = super::sections::custom_cells(&s.custom, row.get("custom"));
                for (name, v) in s.custom.iter().zip(values) {
                    if !v.is_empty() {
                        let _ = writeln!(o, "- **{}**: {}", cell(name), cell(&v));
                    }
                }
                let _ = writeln!(o);
                continue;
            }
            if s.rows.is_empty() {
                continue;
            }
            // Only the columns something is written in.
            let used: Vec<usize> = (0..s.fields.len())
                .filter(|i| {
                    s.rows
                        .iter()
                        .any(|r| !cell_text(s.fields[*i], r.get(s.fields[*i].key), lang).is_empty())
                })
                .collect();
            let _ = writeln!(o, "## {}\n", s.title(lang));
            let head: Vec<String> = used
                .iter()
                .map(|i| field_label(lang, s.table, s.fields[*i].key))
                .collect();
            let _ = writeln!(o, "| {} |", head.join(" | "));
            let _ = writeln!(o, "|{}", "---|".repeat(head.len()));
            for r in &s.rows {
                let cells: Vec<String> = used
                    .iter()
                    .map(|i| cell(&cell_text(s.fields[*i], r.get(s.fields[*i].key), lang)))
                    .collect();
                let _ = writeln!(o, "| {} |", cells.join(" | "));
            }
            let _ = writeln!(o);
        }
    }
    // A dossier is read by people, often with `cat`: shown safely (issue 14).
    crate::text_safety::text(&o).into_owned()
}
