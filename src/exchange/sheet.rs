//! What an import reads: the header and the data rows of a file, read again for each pass
//! rather than held. A `Table` (Excel, vCard, a CSV in a legacy encoding) is held whole
//! anyway; a UTF-8 CSV — what a big customer list from another CRM is — is read from disk
//! in each pass, so an import's memory does not grow with the sheet (its cells held whole
//! were ~1 KB a row: 100 MB at 100,000 rows).

use super::table::{with_header, Table, Unit, HEADER_SEARCH};
use crate::i18n::Said;
use anyhow::Result;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A data row: its place among the data rows (from 0), the row number a spreadsheet shows,
/// and its cells.
pub type SheetRow = (usize, usize, Vec<String>);

pub type Rows<'a> = Box<dyn Iterator<Item = Result<SheetRow>> + 'a>;

/// The most an import takes from one cell: 1 MB, thirty times what Excel keeps in one
/// (32,767 characters), so a long note from another CRM goes in, while a 50 MB cell (a file
/// gone wrong; no name, phone or note is) sets its row aside, kept whole in the rejected
/// file, instead of taking hundreds of MB to store, index and log.
pub const CELL_LIMIT: usize = 1 << 20;

pub trait Sheet {
    fn headers(&self) -> &[String];
    fn unit(&self) -> Unit;
    /// The row number of the header (its last row when it spans two); 0 for address books.
    fn header_row(&self) -> usize;
    /// The data rows, in order, read afresh. A cell over [`CELL_LIMIT`] may come cut to a
    /// little more than the limit (its row is set aside: see `each_row` for the whole).
    fn rows(&self) -> Result<Rows<'_>>;
    /// The data rows again, each handed to `row` whole, as `rows` would give them uncut,
    /// by its place among the rows; its cells are not copied (the rejected file is written
    /// from these, and a 50 MB cell would otherwise be held twice).
    fn each_row(&self, row: &mut dyn FnMut(usize, &[&str]) -> Result<()>) -> Result<()> {
        for r in self.rows()? {
            let (index, _, cells) = r?;
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            row(index, &cells)?;
        }
        Ok(())
    }
    /// An address book's card as it was written, by its place among the rows.
    fn source(&self, _index: usize) -> Option<&str> {
        None
    }
}

impl Sheet for Table {
    fn headers(&self) -> &[String] {
        &self.headers
    }
    fn unit(&self) -> Unit {
        self.unit
    }
    fn header_row(&self) -> usize {
        self.header_row
    }
    fn rows(&self) -> Result<Rows<'_>> {
        Ok(Box::new(self.rows.iter().enumerate().map(
            |(i, (n, cells))| Ok((i, *n, cells.iter().map(|c| cut(c).to_string()).collect())),
        )))
    }
    fn each_row(&self, row: &mut dyn FnMut(usize, &[&str]) -> Result<()>) -> Result<()> {
        for (i, (_, cells)) in self.rows.iter().enumerate() {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            row(i, &cells)?;
        }
        Ok(())
    }
    fn source(&self, index: usize) -> Option<&str> {
        self.sources.get(index).map(String::as_str)
    }
}

/// A UTF-8 CSV file read from disk in each pass.
pub struct CsvFile {
    path: PathBuf,
    delimiter: u8,
    headers: Vec<String>,
    header_row: usize,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether the whole file is UTF-8 (read in pieces, a character may straddle two).
fn is_utf8(path: &Path) -> Result<bool> {
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    let mut carry = 0;
    loop {
        let n = f.read(&mut buf[carry..])?;
        if n == 0 {
            return Ok(carry == 0);
        }
        let filled = carry + n;
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => carry = 0,
            Err(e) if e.error_len().is_none() => {
                let good = e.valid_up_to();
                buf.copy_within(good..filled, 0);
                carry = filled - good;
            }
            Err(_) => return Ok(false),
        }
    }
}

impl CsvFile {
    /// The file as a stream, or `None` when it is not plain UTF-8 text with a header (it is
    /// then read whole by `table::read_csv`, which decodes other encodings and says what is
    /// wrong with a file it cannot read).
    pub fn open(path: &Path) -> Result<Option<CsvFile>> {
        let mut head = vec![0u8; 4096];
        let n = std::fs::File::open(path)
            .map_err(|e| Said::cannot_read(path, &e))?
            .read(&mut head)?;
        head.truncate(n);
        let bom_free = head.strip_prefix(BOM).unwrap_or(&head);
        let other_bom =
            encoding_rs::Encoding::for_bom(&head).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
        if head.contains(&0) || other_bom || !is_utf8(path)? {
            return Ok(None);
        }
        let first_line = bom_free.split(|b| *b == b'\n').next().unwrap_or(b"");
        let first = String::from_utf8_lossy(first_line);
        let delimiter = [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|d| first.bytes().filter(|b| b == d).count())
            .filter(|d| first.as_bytes().contains(d))
            .unwrap_or(b',');
        let mut file = CsvFile {
            path: path.to_path_buf(),
            delimiter,
            headers: vec![],
            header_row: 0,
        };
        // The header is among the first `HEADER_SEARCH` filled rows (and the one after: see
        // `table::with_header`).
        let mut first_rows = vec![];
        let mut filled = 0;
        for row in file.all_rows()? {
            let row = row?;
            filled += usize::from(row.1.iter().any(|c| !c.trim().is_empty()));
            first_rows.push(row);
            if filled > HEADER_SEARCH + 1 {
                break;
            }
        }
        let table = with_header(first_rows, Unit::Row);
        if table.headers.is_empty() {
            return Ok(None);
        }
        file.headers = table.headers;
        file.header_row = table.header_row;
        Ok(Some(file))
    }

    /// Every row of the file, numbered from 1, as `table::csv_rows` reads them; a cell over
    /// [`CELL_LIMIT`] cut to just over it.
    fn all_rows(&self) -> Result<impl Iterator<Item = Result<(usize, Vec<String>)>>> {
        let mut csv = self.reader()?;
        // One record read into again and again: csv's own `records()` hands out a copy of
        // each, which for a 50 MB cell meant its buffer, that copy and the cells (170 MB).
        let mut record = csv::StringRecord::new();
        let mut row = 0;
        Ok(std::iter::from_fn(move || {
            row += 1;
            match csv.read_record(&mut record) {
                Ok(false) => None,
                Err(e) => Some(Err(super::table::bad_csv_row(row, e))),
                // A cell kam's own export defused (`'=…`) reads back as it was.
                Ok(true) => Some(Ok((
                    row,
                    record
                        .iter()
                        .map(|c| super::formula::restore_str(cut(c)).to_string())
                        .collect(),
                ))),
            }
        }))
    }

    fn reader(&self) -> Result<csv::Reader<BufReader<std::fs::File>>> {
        let mut reader = BufReader::new(
            std::fs::File::open(&self.path).map_err(|e| Said::cannot_read(&self.path, &e))?,
        );
        if reader.fill_buf()?.starts_with(BOM) {
            reader.consume(BOM.len());
        }
        Ok(csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(reader))
    }
}

/// A cell as `rows` hands it on: whole, or cut to the first character boundary past
/// [`CELL_LIMIT`] (enough to see that it is too big, without copying 50 MB each pass).
fn cut(cell: &str) -> &str {
    if cell.len() <= CELL_LIMIT {
        return cell;
    }
    let end = (CELL_LIMIT + 1..=cell.len())
        .find(|i| cell.is_char_boundary(*i))
        .unwrap_or(cell.len());
    &cell[..end]
}

impl Sheet for CsvFile {
    fn headers(&self) -> &[String] {
        &self.headers
    }
    fn unit(&self) -> Unit {
        Unit::Row
    }
    fn header_row(&self) -> usize {
        self.header_row
    }
    fn rows(&self) -> Result<Rows<'_>> {
        let after = self.header_row;
        let data = self.all_rows()?.filter(move |r| match r {
            Ok((n, cells)) => *n > after && cells.iter().any(|v| !v.trim().is_empty()),
            Err(_) => true,
        });
        Ok(Box::new(
            data.enumerate()
                .map(|(i, r)| r.map(|(n, cells)| (i, n, cells))),
        ))
    }
    fn each_row(&self, row: &mut dyn FnMut(usize, &[&str]) -> Result<()>) -> Result<()> {
        let mut csv = self.reader()?;
        let mut record = csv::StringRecord::new();
        let (mut n, mut index) = (0, 0);
        loop {
            n += 1;
            if !csv
                .read_record(&mut record)
                .map_err(|e| super::table::bad_csv_row(n, e))?
            {
                return Ok(());
            }
            // The rows `rows` gives: after the header, with something in them.
            if n <= self.header_row || record.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            let cells: Vec<&str> = record.iter().map(super::formula::restore_str).collect();
            row(index, &cells)?;
            index += 1;
        }
    }
}

/// The file to import: a UTF-8 CSV as a stream, anything else read whole (`read_file`).
pub fn open(path: &Path, sheet: Option<&str>) -> Result<Box<dyn Sheet>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if matches!(ext.as_str(), "csv" | "txt" | "tsv") {
        if let Some(file) = CsvFile::open(path)? {
            return Ok(Box::new(file));
        }
    }
    Ok(Box::new(super::read_file(path, sheet)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stream gives what the whole-file reader gives, for the project's CSV fixtures.
    #[test]
    fn a_streamed_csv_reads_as_the_whole_file_does() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let mut streamed = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("csv") {
                continue;
            }
            let Ok(whole) = crate::exchange::read_file(&path, None) else {
                continue;
            };
            let Some(file) = CsvFile::open(&path).unwrap() else {
                continue;
            };
            streamed += 1;
            assert_eq!(file.headers(), whole.headers(), "{path:?}");
            assert_eq!(file.header_row(), whole.header_row(), "{path:?}");
            let a: Vec<SheetRow> = file.rows().unwrap().map(Result::unwrap).collect();
            let b: Vec<SheetRow> = whole.rows().unwrap().map(Result::unwrap).collect();
            assert_eq!(a, b, "{path:?}");
        }
        assert!(streamed >= 5, "{streamed} fixtures streamed");
    }
}
