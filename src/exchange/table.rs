//! A sheet of text cells from a CSV or Excel file: the header row and the data rows, each
//! with the row number a person sees in Excel or WPS (a cell holding line breaks is still one
//! row), so every problem can name its row. The header is found where it is: below a title
//! row, and over two rows when a merged cell (联系方式) stands above its parts (手机, 座机).

use super::headers::{recognise, Target};
use crate::i18n::Said;
use anyhow::{bail, Result};
use std::io::Cursor;

/// Rows numbered as the spreadsheet shows them, with their cells.
pub type Rows = Vec<(usize, Vec<String>)>;

/// What a problem names: a spreadsheet's row, or an address book's card.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unit {
    #[default]
    Row,
    Card,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// (row number as the spreadsheet shows it, 1 = the sheet's first row; cells as read)
    pub rows: Vec<(usize, Vec<String>)>,
    pub unit: Unit,
    /// The row number of the header (its last row when it spans two); 0 for address books.
    pub header_row: usize,
    /// For address books: each card's own text, in the order of `rows`, so a card set aside
    /// is kept as it was.
    pub sources: Vec<String>,
}

/// Cells that name fields: how many of a row's cells a header would recognise, counting up
/// to `enough` (numbers and long texts are no header's: a wide sheet's data rows are skipped
/// quickly).
fn recognised(cells: &[String], enough: usize) -> usize {
    cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| {
            !c.is_empty()
                && c.chars().count() <= 60
                && !c
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ".-+: /".contains(ch))
        })
        .filter(|c| !matches!(recognise(c), Target::Unknown))
        .take(enough)
        .count()
}

/// How many filled rows the header is looked for in: a title, a date line and notes above a
/// header take a few; a bank's or Alipay's statement puts two dozen lines of preamble first.
pub const HEADER_SEARCH: usize = 30;

/// The table of `rows` (numbered as shown): the header is the first of the first
/// `HEADER_SEARCH` filled rows with two cells that name fields, else the first of them with
/// at least half as many cells filled as the widest (a header is about as wide as the table,
/// where titles and preamble lines are a cell or two), else the first filled row; a
/// next row that only fills the header's gaps with field names (the parts of a merged cell)
/// joins it.
pub fn with_header(rows: Vec<(usize, Vec<String>)>, unit: Unit) -> Table {
    let filled: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| c.iter().any(|v| !v.trim().is_empty()))
        .map(|(i, _)| i)
        .collect();
    if filled.is_empty() {
        return Table {
            unit,
            ..Default::default()
        };
    }
    let width = |i: usize| rows[i].1.iter().filter(|v| !v.trim().is_empty()).count();
    let search = &filled[..filled.len().min(HEADER_SEARCH)];
    let widest = search.iter().map(|i| width(*i)).max().unwrap_or(0);
    let at = search
        .iter()
        .copied()
        .find(|i| recognised(&rows[*i].1, 2) >= 2)
        .or_else(|| {
            search
                .iter()
                .copied()
                .find(|i| width(*i) >= 2 && width(*i) * 2 >= widest)
        })
        .unwrap_or(filled[0]);
    let mut headers: Vec<String> = rows[at].1.iter().map(|h| h.trim().to_string()).collect();
    let mut header_row = rows[at].0;
    let mut data_from = at + 1;
    if let Some((n, below)) = rows.get(at + 1) {
        let names: Vec<&String> = below.iter().filter(|c| !c.trim().is_empty()).collect();
        let all_names = !names.is_empty() && recognised(below, usize::MAX) == names.len();
        let under_gaps_or_merged = below
            .iter()
            .enumerate()
            .any(|(i, c)| !c.trim().is_empty() && headers.get(i).is_none_or(|h| h.is_empty()));
        if all_names && under_gaps_or_merged {
            for (i, c) in below.iter().enumerate() {
                if c.trim().is_empty() {
                    continue;
                }
                if i >= headers.len() {
                    headers.resize(i + 1, String::new());
                }
                headers[i] = c.trim().to_string();
            }
            header_row = *n;
            data_from = at + 2;
        }
    }
    let rows = rows
        .into_iter()
        .skip(data_from)
        .filter(|(_, c)| c.iter().any(|v| !v.trim().is_empty()))
        .collect();
    Table {
        headers,
        rows,
        unit,
        header_row,
        sources: vec![],
    }
}

/// Text from bytes as Excel and phones write it: UTF-8 with or without a byte-order mark,
/// UTF-16 with one, else GB18030 (a superset of GBK, what Excel in China saves as "CSV"),
/// else Windows-1252 when it reads as Western text (`western`).
pub fn decode(bytes: &[u8]) -> Result<String> {
    let text = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(_) => by_line(rest)?,
        },
        None => match encoding_rs::Encoding::for_bom(bytes) {
            Some((enc, _)) => {
                let (text, _, bad) = enc.decode(bytes);
                if bad {
                    bail!(Said::new("import-bad-text").with("encoding", enc.name()));
                }
                text.into_owned()
            }
            None => match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(_) => by_line(bytes)?,
            },
        },
    };
    // Two exports pasted into one file: the second one's byte-order mark starts a line.
    Ok(if text.contains("\n\u{feff}") {
        text.replace("\n\u{feff}", "\n")
    } else {
        text
    })
}

/// A file that is not UTF-8 as a whole, each line in the encoding it reads as: GBK files
/// are GBK throughout, but a UTF-8 sheet with one line pasted from an old GBK or Latin-1
/// file is common, and read as GB18030 whole its UTF-8 names would all be garbled unseen.
fn by_line(bytes: &[u8]) -> Result<String> {
    let utf8_lines = bytes
        .split(|b| *b == b'\n')
        .any(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok());
    if !utf8_lines {
        // One encoding throughout: Latin-1 when its accents stand alone (`Résumé` is valid
        // GBK too, and would read as 鑣…), else GBK.
        if western(bytes) {
            return Ok(encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned());
        }
        let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
        if !bad {
            return Ok(text.into_owned());
        }
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for (n, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        if let Ok(s) = std::str::from_utf8(line) {
            out.push_str(s);
        } else if western(line) {
            out.push_str(
                &encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(line)
                    .0,
            );
        } else {
            let (text, bad) = encoding_rs::GB18030.decode_without_bom_handling(line);
            if bad {
                bail!(Said::new("import-bad-line-encoding").with("line", n + 1));
            }
            out.push_str(&text);
        }
    }
    Ok(out)
}

/// Whether text that is neither UTF-8 nor GBK reads as Windows-1252/Latin-1, as older Excel
/// and Salesforce Data Loader save it ("San Romualdo, 26 5º"): its accented letters stand
/// alone among ASCII ones. In Big5 or Shift_JIS non-ASCII bytes come in pairs, and reading
/// those as Latin-1 would garble every name, so such a file is refused instead.
fn western(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let paired = bytes
        .windows(2)
        .filter(|w| w[0] >= 0x80 && w[1] >= 0x80)
        .count();
    high > 0 && paired * 10 <= high
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

/// A row the CSV reader cannot take, named by the row number a spreadsheet shows.
pub(super) fn bad_csv_row(row: usize, e: csv::Error) -> anyhow::Error {
    Said::new("import-bad-csv-row")
        .with("row", row)
        .with("reason", e.to_string())
        .into()
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(4096).any(|b| *b == 0)
}

/// A CSV file, its rows numbered as a spreadsheet shows them (a quoted cell with line breaks
/// is one row). A row with more cells than the header stays as it is: the import sets it
/// aside, naming the row; a shorter row is filled with empty cells, as Excel does.
pub fn read_csv(bytes: &[u8]) -> Result<Table> {
    Ok(with_header(csv_rows(bytes)?, Unit::Row))
}

/// A CSV file's rows as they are, numbered from 1 (the header is not looked for).
pub fn csv_rows(bytes: &[u8]) -> Result<Rows> {
    if looks_binary(bytes) && encoding_rs::Encoding::for_bom(bytes).is_none() {
        bail!(Said::new("import-binary"));
    }
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        bail!(Said::new("import-file-empty"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = vec![];
    // One record read into again and again (csv's `records()` copies each: 50 MB more for
    // a 50 MB cell).
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| bad_csv_row(rows.len() + 1, e))?
    {
        // A cell kam's own export defused (`'=…`) reads back as it was.
        let cells: Vec<String> = record
            .iter()
            .map(|c| super::formula::restore_str(c).to_string())
            .collect();
        rows.push((rows.len() + 1, cells));
    }
    Ok(rows)
}

/// One sheet of an .xlsx/.xls workbook: the one named, else the first. Dates come out as
/// `YYYY-MM-DD`, whole numbers without a decimal point (phone numbers, counts).
pub fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    let (name, rows) = workbook_rows(bytes, sheet)?;
    let table = with_header(rows, Unit::Row);
    if table.headers.is_empty() {
        bail!(Said::new("import-sheet-empty").with("sheet", name));
    }
    Ok(table)
}

/// How much sheet text (the sheets' XML and their shared strings, unpacked) a workbook may
/// hold: about a million rows of a customer list. calamine holds a sheet whole, several
/// times the size of its text, so more would take gigabytes (CSV is read as it goes).
const UNPACKED_LIMIT: u64 = 256 << 20;

/// Refuses an .xlsx whose sheets would unpack to more than `UNPACKED_LIMIT`, as its zip
/// directory declares them (a zip bomb of a few hundred KB), before anything is unpacked.
/// Other files (.xls, not a zip) are left to calamine.
fn check_unpacked_size(bytes: &[u8]) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if name.starts_with("xl/worksheets/") || name == "xl/sharedStrings.xml" {
            total = total.saturating_add(entry.size());
        }
    }
    if total > UNPACKED_LIMIT {
        bail!(Said::new("import-unpacks-too-big")
            .with("mb", (total >> 20) as usize)
            .with("limit", (UNPACKED_LIMIT >> 20) as usize));
    }
    Ok(())
}

/// The names of a workbook's sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>> {
    use calamine::{open_workbook_auto_from_rs, Reader};
    check_unpacked_size(bytes)?;
    let book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| Said::new("import-not-workbook").with("reason", e.to_string()))?;
    Ok(book.sheet_names())
}

/// One sheet's name and rows as they are, numbered as Excel shows them, each text cell
/// trimmed (what a person's sheet means).
pub fn workbook_rows(bytes: &[u8], sheet: Option<&str>) -> Result<(String, Rows)> {
    workbook_rows_with(bytes, sheet, true)
}

/// One sheet of kam's own workbook: text cells exactly as written (a note's leading
/// indentation or last line break is the record's, as a CSV cell keeps it).
pub fn own_workbook_rows(bytes: &[u8], sheet: Option<&str>) -> Result<(String, Rows)> {
    workbook_rows_with(bytes, sheet, false)
}

fn workbook_rows_with(bytes: &[u8], sheet: Option<&str>, trim: bool) -> Result<(String, Rows)> {
    use calamine::{open_workbook_auto_from_rs, Data, Reader};
    check_unpacked_size(bytes)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| Said::new("import-not-workbook").with("reason", e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                Said::new("import-no-such-sheet")
                    .with("sheet", s)
                    .with("sheets", names.join(", "))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Said::new("import-no-sheets"))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        Said::new("import-cannot-read-sheet")
            .with("sheet", name.as_str())
            .with("reason", e.to_string())
    })?;
    let text = |d: &Data| -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) if trim => s.trim().to_string(),
            Data::String(s) => s.clone(),
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
    let (start_row, start_col) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows: Vec<(usize, Vec<String>)> = range
        .rows()
        .enumerate()
        .map(|(i, row)| (start_row + i + 1, row.iter().map(text).collect()))
        .collect();
    // A cell merged down over several rows (客户名称 over a company's contacts) holds its value
    // in its first row only: every row of the merge gets it, or those rows would name no
    // company. Merges across columns (a title, 联系方式 over its parts) are left as they are.
    let merges = match &mut book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => vec![],
    };
    for m in merges.iter().filter(|m| m.end.0 > m.start.0) {
        let (Some(r0), Some(col)) = (
            (m.start.0 as usize).checked_sub(start_row),
            (m.start.1 as usize).checked_sub(start_col),
        ) else {
            continue;
        };
        let Some(value) = rows.get(r0).and_then(|r| r.1.get(col)).cloned() else {
            continue;
        };
        for r in r0 + 1..=(m.end.0 as usize).saturating_sub(start_row) {
            if let Some(cell) = rows.get_mut(r).and_then(|r| r.1.get_mut(col)) {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
    Ok((name, rows))
}
