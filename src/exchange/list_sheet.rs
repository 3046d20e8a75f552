//! The lists a workbook or a CSV folder carries beside the record sections — account plans,
//! custom field definitions, attachments — written one way: a sheet of text under bold
//! headers with the header row frozen, and a CSV file (UTF-8 with a byte-order mark, as every
//! export's file, each cell defused of formulas). One place, so the three lists read back
//! alike.

use anyhow::Result;

/// The sheet `name` of `rows` under `headers`, each column `width` wide, after the sheets
/// already in `book`; nothing when there are no rows. Cells are text except the column
/// `number` (a size a spreadsheet sums), where a value that reads as a number is written as
/// one. An empty value leaves its cell empty; the headers carry a filter.
pub fn write(
    book: &mut rust_xlsxwriter::Workbook,
    name: &str,
    headers: &[String],
    rows: &[Vec<String>],
    width: f64,
    number: Option<usize>,
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    for (c, h) in headers.iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            match (number == Some(c), text.parse::<f64>()) {
                (true, Ok(n)) => sheet.write_number(r, c as u16, n)?,
                _ => sheet.write_string(r, c as u16, text)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, headers.len().max(1) as u16 - 1)?;
    Ok(())
}

/// The list as a CSV file's bytes.
pub fn csv_bytes(headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(headers)?;
    for row in rows {
        w.write_record(row.iter().map(|c| super::formula::defuse(c.clone())))?;
    }
    Ok(w.into_inner()?)
}
