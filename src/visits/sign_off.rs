//! The foot of the paper 客户拜访日报表: the code legend (a 初次拜访 … E 继续观察), so a manager
//! reading the codes in the visit lines need not know them by heart, and the boxes the
//! supervisor, the department manager and the manager sign (主管 / 部门经理 / 经理), left
//! empty: the report is printed or sent to be signed, so kam never fills them.

use crate::domain::{Outcome, VisitPurpose};
use crate::i18n::{t, Lang};
use anyhow::Result;
use rust_xlsxwriter::{Format, FormatBorder, Worksheet};
use std::fmt::Write;

/// The three who sign, in the seed's order.
pub const SIGNERS: [&str; 3] = [
    "report-sign-supervisor",
    "report-sign-department-manager",
    "report-sign-manager",
];

/// `a 初次拜访 · b 处理问题 · c 建立关系`.
pub fn purpose_legend(lang: Lang) -> String {
    let codes: Vec<String> = VisitPurpose::ALL
        .iter()
        .map(|p| format!("{} {}", p.code(), p.label(lang)))
        .collect();
    codes.join(" · ")
}

/// `A 商谈成功 · B 有希望 · … · E 继续观察`.
pub fn outcome_legend(lang: Lang) -> String {
    let codes: Vec<String> = Outcome::ALL
        .iter()
        .map(|o| format!("{} {}", o.code(), o.label(lang)))
        .collect();
    codes.join(" · ")
}

/// The two legend lines as (label, codes).
fn legend(lang: Lang) -> [(String, String); 2] {
    [
        (t(lang, "report-col-purpose"), purpose_legend(lang)),
        (t(lang, "report-col-outcome"), outcome_legend(lang)),
    ]
}

/// Legend and signature lines as plain text.
pub fn write_text(o: &mut String, lang: Lang) {
    let _ = writeln!(o, "\n{}", t(lang, "report-legend"));
    for (label, codes) in legend(lang) {
        let _ = writeln!(o, "  {label}: {codes}");
    }
    let boxes: Vec<String> = SIGNERS
        .iter()
        .map(|s| format!("{}: ____________", t(lang, s)))
        .collect();
    let _ = writeln!(o, "\n{}", boxes.join("    "));
}

/// Legend as a list, signatures as a one-row table of empty cells.
pub fn write_markdown(o: &mut String, lang: Lang) {
    let _ = writeln!(o, "\n**{}**\n", t(lang, "report-legend"));
    for (label, codes) in legend(lang) {
        let _ = writeln!(o, "- {label}: {codes}");
    }
    let heads: Vec<String> = SIGNERS.iter().map(|s| t(lang, s)).collect();
    let _ = writeln!(o, "\n| {} |", heads.join(" | "));
    let _ = writeln!(o, "|{}", "---|".repeat(SIGNERS.len()));
    let _ = writeln!(o, "|{}", "   |".repeat(SIGNERS.len()));
}

/// Legend rows from `row`, then the three labels over three bordered, empty boxes (three
/// columns wide, three rows high: room for a signature). Returns the next free row.
pub fn write_xlsx(sheet: &mut Worksheet, mut row: u32, lang: Lang) -> Result<u32> {
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(row, 0, t(lang, "report-legend"), &bold)?;
    row += 1;
    for (label, codes) in legend(lang) {
        sheet.write_string(row, 0, label)?;
        sheet.write_string(row, 1, codes)?;
        row += 1;
    }
    row += 1;
    let boxed = Format::new().set_border(FormatBorder::Thin);
    for (i, signer) in SIGNERS.iter().enumerate() {
        let col = (i * 3) as u16;
        sheet.write_string_with_format(row, col, t(lang, signer), &bold)?;
        sheet.merge_range(row + 1, col, row + 3, col + 2, "", &boxed)?;
    }
    Ok(row + 4)
}
