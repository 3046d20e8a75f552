//! The daily visit report as an Excel workbook (one sheet laid out like the paper 日报表):
//! heading, one row per visit, then the totals, the code legend and the boxes to sign.

use super::report::DailyReport;
use crate::domain::Money;
use crate::i18n::{t, Lang};
use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};

/// Excel holds numbers as binary floats; an amount in cents up to 2^53 reads back exactly
/// when shown with two decimals, which the number format does.
fn amount(m: Money) -> f64 {
    m.cents() as f64 / 100.0
}

impl DailyReport {
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let wrap = Format::new().set_text_wrap();
        let money = Format::new().set_num_format("#,##0.00");
        let sheet = book.add_worksheet();
        sheet.set_name(self.date.to_string())?;
        sheet.write_string_with_format(0, 0, t(lang, "report-daily-heading"), &bold)?;
        sheet.write_string(1, 0, self.date.to_string())?;
        sheet.write_string(1, 1, self.weekday_label(lang))?;
        sheet.write_string(1, 3, t(lang, "report-filled-by"))?;
        sheet.write_string(1, 4, &self.filled_by)?;
        let cols = [
            "report-col-number",
            "report-col-account",
            "report-col-person",
            "report-col-purpose",
            "report-col-summary",
            "report-col-outcome",
            "report-col-solved",
            "report-col-open",
            "report-col-companions",
            "report-col-expenses",
        ];
        for (i, c) in cols.iter().enumerate() {
            sheet.write_string_with_format(3, i as u16, t(lang, c), &bold)?;
        }
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut row = 4u32;
        for (i, v) in self.visits.iter().enumerate() {
            sheet.write_number(row, 0, (i + 1) as f64)?;
            let cells = [
                format!("{} {}", v.account_code, v.account_name),
                text(&v.person_met),
                v.purpose.map(|p| p.code().to_string()).unwrap_or_default(),
                text(&v.summary),
                v.outcome.map(|o| o.code().to_string()).unwrap_or_default(),
                text(&v.problems_solved),
                text(&v.problems_open),
                text(&v.companions),
            ];
            for (c, value) in cells.iter().enumerate() {
                sheet.write_string_with_format(row, c as u16 + 1, value, &wrap)?;
            }
            sheet.write_number_with_format(row, 9, amount(v.expense_total), &money)?;
            row += 1;
        }
        row += 1;
        let counts = [
            ("report-visit-count", self.visit_count),
            ("report-problems-handled", self.problems_handled),
            ("report-problems-not-handled", self.problems_not_handled),
        ];
        for (key, n) in counts {
            sheet.write_string_with_format(row, 0, t(lang, key), &bold)?;
            sheet.write_number(row, 2, n as f64)?;
            row += 1;
        }
        sheet.write_string_with_format(row, 0, t(lang, "report-companions"), &bold)?;
        sheet.write_string(row, 2, self.companions.join(", "))?;
        row += 2;
        for e in &self.expenses {
            sheet.write_string(row, 0, &e.account_code)?;
            sheet.write_string(row, 1, e.item.label(lang))?;
            sheet.write_string(row, 2, e.note.clone().unwrap_or_default())?;
            sheet.write_number_with_format(row, 9, amount(e.amount), &money)?;
            row += 1;
        }
        sheet.write_string_with_format(row, 0, t(lang, "report-expense-total"), &bold)?;
        sheet.write_number_with_format(row, 9, amount(self.expense_total), &money)?;
        super::sign_off::write_xlsx(sheet, row + 2, lang)?;
        for (col, width) in [(1, 28.0), (4, 36.0), (6, 24.0), (7, 24.0), (9, 14.0)] {
            sheet.set_column_width(col, width)?;
        }
        Ok(book.save_to_buffer()?)
    }
}
