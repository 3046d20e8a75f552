//! A sheet of text cells from a CSV or Excel file: the header row and the data rows, each
//! with the row number a person sees in Excel, so every problem can name its row.

use anyhow::{bail, Context, Result};
use std::io::Cursor;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// (row number in the file, 1 = the header row; cells)
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Text from bytes as Excel and phones write it: UTF-8 with or without a byte-order mark,
/// UTF-16 with one, else GB18030 (a superset of GBK, what Excel in China saves as "CSV").
pub fn decode(bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).context("the file says UTF-8 but is not");
    }
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            bail!("the file is not valid {} text", enc.name());
        }
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
    if bad {
        bail!("the file is neither UTF-8 nor GBK/GB18030 text");
    }
    Ok(text.into_owned())
}

/// The separator of the header line: comma, semicolon (European Excel) or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .filter(|d| first.as_bytes().contains(d))
        .unwrap_or(b',')
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(4096).any(|b| *b == 0)
}

/// A CSV file. A row with more cells than the header is an error naming the row (its extra
/// values would have nowhere to go); a shorter row is filled with empty cells, as Excel does.
pub fn read_csv(bytes: &[u8]) -> Result<Table> {
    if looks_binary(bytes) && encoding_rs::Encoding::for_bom(bytes).is_none() {
        bail!("this is not a text file (it holds binary data)");
    }
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        bail!("the file is empty");
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut ragged = vec![];
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("row {}: cannot be read as CSV", i + 1))?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if i == 0 {
            table.headers = cells;
            continue;
        }
        // A cell kam's own export defused (`'=…`) reads back as it was.
        let cells: Vec<String> = cells.into_iter().map(super::formula::restore).collect();
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if cells.len() > table.headers.len() {
            ragged.push(format!(
                "row {line}: {} values but the header has {} columns",
                cells.len(),
                table.headers.len()
            ));
        }
        table.rows.push((line, cells));
    }
    if !ragged.is_empty() {
        bail!("{}", ragged.join("\n"));
    }
    Ok(table)
}

/// One sheet of an .xlsx/.xls workbook: the one named, else the first. Dates come out as
/// `YYYY-MM-DD`, whole numbers without a decimal point (phone numbers, counts).
pub fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    use calamine::{open_workbook_auto_from_rs, Data, Reader};
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| anyhow::anyhow!("this is not a readable Excel workbook ({e})"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .with_context(|| {
                format!(
                    "there is no sheet {s:?}; the sheets are {}",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .context("the workbook has no sheets")?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| anyhow::anyhow!("cannot read sheet {name:?} ({e})"))?;
    let text = |d: &Data| -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) => s.trim().to_string(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(dt) => match dt.as_datetime() {
                Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
                Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
                None => dt.as_f64().to_string(),
            },
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Error(e) => format!("#{e:?}"),
        }
    };
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(text).collect();
        if table.headers.is_empty() {
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            table.headers = cells;
            continue;
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        table.rows.push((start_row + i + 1, cells));
    }
    if table.headers.is_empty() {
        bail!("sheet {name:?} is empty");
    }
    Ok(table)
}
