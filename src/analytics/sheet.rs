//! An analysis as tables a person reads: named sheets of typed cells, rendered as aligned
//! text, Markdown or an Excel workbook. The screens draw the same sheets, so the command line
//! and the terminal never disagree.

use super::chart::{self, Chart, Line, Points, HEADER_ROW};
use crate::domain::Money;
use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};
use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// A cell. Text borrows from the report where it can: a sheet of 100,000 accounts otherwise
/// copied every code and name once more only to print them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    Money(Money),
    /// A fraction (0.25 is 25%); `None` where it cannot be computed (growth from nothing).
    Percent(Option<f64>),
    /// A score or a ratio with one decimal.
    Number(Option<f64>),
}

impl<'a> Value<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Value<'a> {
        Value::Text(s.into())
    }

    pub fn is_numeric(&self) -> bool {
        !matches!(self, Value::Text(_))
    }

    pub fn show(&self) -> String {
        let mut s = String::new();
        self.show_into(&mut s);
        s
    }

    /// `show`, appended to `out`: a text report writes 100,000 rows of cells into one buffer
    /// rather than one `String` each.
    pub fn show_into(&self, out: &mut String) {
        match self {
            Value::Text(s) if s.contains(['\n', '\r', '\t']) => {
                out.push_str(&s.replace(['\n', '\r', '\t'], " "))
            }
            Value::Text(s) => out.push_str(s),
            Value::Int(n) => {
                if *n < 0 {
                    out.push('-');
                }
                push_digits(out, n.unsigned_abs());
            }
            Value::Money(m) => push_grouped(out, m.cents()),
            Value::Percent(Some(p)) => {
                push_tenths(out, p * 100.0);
                out.push('%');
            }
            Value::Number(Some(n)) => push_tenths(out, *n),
            Value::Percent(None) | Value::Number(None) => out.push('–'),
        }
    }
}

/// `x` with one decimal, rounded half away from zero as Excel's ROUND and its cell formats
/// do. Through integers: `format!("{:.1}")` took a sixth of printing the evaluation (seven
/// numbers on each of 100,000 lines).
fn push_tenths(out: &mut String, x: f64) {
    let tenths = (x * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e17 {
        // Not finite, or too large for an integer: as the standard library writes it.
        let _ = write!(out, "{x:.1}");
        return;
    }
    let tenths = tenths as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    push_digits(out, t / 10);
    out.push('.');
    out.push((b'0' + (t % 10) as u8) as char);
}

/// `n` in decimal digits, without the formatting machinery.
fn push_digits(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| d as char));
}

/// Cents as `Money::grouped` shows them (`-1,234,567.89`), without allocating.
fn push_grouped(out: &mut String, cents: i64) {
    if cents < 0 {
        out.push('-');
    }
    let c = cents.unsigned_abs();
    let (whole, frac) = (c / 100, c % 100);
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut w = whole;
    loop {
        digits[n] = b'0' + (w % 10) as u8;
        n += 1;
        w /= 10;
        if w == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        out.push(digits[i] as char);
        if i > 0 && i % 3 == 0 {
            out.push(',');
        }
    }
    out.push('.');
    out.push((b'0' + (frac / 10) as u8) as char);
    out.push((b'0' + (frac % 10) as u8) as char);
}

/// Display width; ASCII (most cells: codes, amounts) is one column a byte.
fn width_of(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.width()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet<'a> {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value<'a>>>,
    /// Drawn beside the table in a workbook (regions as bars, products as a pie).
    pub chart: Option<Chart>,
}

impl<'a> Sheet<'a> {
    pub fn new(name: String, columns: Vec<String>) -> Sheet<'a> {
        Sheet {
            name,
            columns,
            rows: vec![],
            chart: None,
        }
    }

    /// Display width each column needs (header and every cell).
    pub fn widths(&self) -> Vec<usize> {
        let mut w: Vec<usize> = self.columns.iter().map(|c| c.width()).collect();
        for row in &self.rows {
            for (i, v) in row.iter().enumerate() {
                if let Some(slot) = w.get_mut(i) {
                    *slot = (*slot).max(width_of(&v.show()));
                }
            }
        }
        w
    }

    /// Which columns hold numbers (right-aligned): those with a number in any row.
    pub fn numeric(&self) -> Vec<bool> {
        let mut numeric = vec![false; self.columns.len()];
        for row in &self.rows {
            for (i, v) in row.iter().enumerate() {
                if let Some(n) = numeric.get_mut(i) {
                    *n |= v.is_numeric();
                }
            }
        }
        numeric
    }
}

impl Sheet<'_> {
    /// The labels and values `chart` draws, as this table shows them.
    fn points_of(&self, chart: &Chart) -> Points {
        let head = |c: usize| self.columns.get(c).cloned().unwrap_or_default();
        let cell = |(line, col): (Line, usize)| match line {
            Line::Header => None,
            Line::Row(i) => self.rows.get(i).and_then(|r| r.get(col)),
        };
        let number = |v: Option<&Value>| match v {
            Some(Value::Int(n)) => *n as f64,
            Some(Value::Money(m)) => m.cents() as f64 / 100.0,
            Some(Value::Percent(Some(x))) | Some(Value::Number(Some(x))) => *x,
            _ => 0.0,
        };
        let first = chart.points.first().copied();
        Points {
            table_columns: self.columns.len(),
            label_head: first.map(|p| head(p.0 .1)).unwrap_or_default(),
            value_head: first.map(|p| head(p.1 .1)).unwrap_or_default(),
            labels: chart
                .points
                .iter()
                .map(|&(l, _)| match l.0 {
                    Line::Header => head(l.1),
                    Line::Row(_) => cell(l).map(Value::show).unwrap_or_default(),
                })
                .collect(),
            values: chart.points.iter().map(|&(_, v)| number(cell(v))).collect(),
        }
    }
}

/// The rows `range` of `rows`, cut to what exists: screens draw only the visible window of
/// a table that may hold 100,000 accounts.
pub fn window<T>(rows: &[T], range: Range<usize>) -> &[T] {
    let end = range.end.min(rows.len());
    &rows[range.start.min(end)..end]
}

/// Every row.
pub const ALL: Range<usize> = 0..usize::MAX;

/// `s` padded to `width` display columns, on the right or (numbers) on the left.
pub fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

pub fn to_text(title: &str, sheets: &[Sheet]) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every cell is valid UTF-8.
    let _ = write_text(&mut out, title, sheets);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The sheets as aligned text, written as they are made: each cell is formatted twice (once
/// for the column widths, once to write it) rather than kept. At 100,000 accounts keeping
/// every cell's text and the whole output took 50–100 MB, and on this machine new memory
/// costs about a millisecond a megabyte to touch: a third of printing the pivot.
pub fn write_text(
    out: &mut dyn std::io::Write,
    title: &str,
    sheets: &[Sheet],
) -> std::io::Result<()> {
    writeln!(out, "{title}")?;
    // One row's cells, one after the other, and where each ends with its width.
    let mut texts = String::new();
    let mut cells: Vec<(usize, usize)> = vec![];
    let mut line = String::new();
    for sheet in sheets {
        write!(out, "\n{}\n", sheet.name)?;
        let mut widths: Vec<usize> = sheet.columns.iter().map(|c| width_of(c)).collect();
        for row in &sheet.rows {
            for (v, w) in row.iter().zip(widths.iter_mut()) {
                texts.clear();
                v.show_into(&mut texts);
                *w = (*w).max(width_of(&texts));
            }
        }
        let numeric = sheet.numeric();
        let header = sheet.columns.iter().map(|c| (c.as_str(), width_of(c)));
        push_line(&mut line, &widths, &numeric, header);
        out.write_all(line.as_bytes())?;
        for row in &sheet.rows {
            texts.clear();
            cells.clear();
            for v in row {
                let start = texts.len();
                v.show_into(&mut texts);
                cells.push((texts.len(), width_of(&texts[start..])));
            }
            let mut start = 0;
            let row = cells.iter().map(|&(end, w)| {
                let text = &texts[start..end];
                start = end;
                (text, w)
            });
            push_line(&mut line, &widths, &numeric, row);
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

/// One line of a text table into `line` (cleared first): two blanks, then the cells padded to
/// their column's width, numbers on the right; trailing blanks are never written, a line ends
/// at its last text.
fn push_line<'c>(
    line: &mut String,
    widths: &[usize],
    numeric: &[bool],
    cells: impl Iterator<Item = (&'c str, usize)>,
) {
    line.clear();
    line.push_str("  ");
    let mut pending = 0;
    for (i, (c, width)) in cells.enumerate() {
        let fill = widths.get(i).copied().unwrap_or(0).saturating_sub(width);
        let right = numeric.get(i) == Some(&true);
        if right {
            pending += fill;
        }
        if !c.is_empty() {
            push_spaces(line, pending);
            line.push_str(c);
            pending = 0;
        }
        if !right {
            pending += fill;
        }
        pending += 2;
    }
    line.push('\n');
}

/// `n` blanks, a slice at a time rather than a `char` at a time.
fn push_spaces(out: &mut String, mut n: usize) {
    const BLANKS: &str = "                                                                ";
    while n > 0 {
        let k = n.min(BLANKS.len());
        out.push_str(&BLANKS[..k]);
        n -= k;
    }
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

pub fn to_markdown(title: &str, sheets: &[Sheet]) -> String {
    let mut o = format!("## {title}\n");
    for sheet in sheets {
        let _ = writeln!(o, "\n### {}\n", sheet.name);
        let _ = writeln!(
            o,
            "| {} |",
            sheet
                .columns
                .iter()
                .map(|c| md_cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let rule: Vec<&str> = sheet
            .numeric()
            .into_iter()
            .map(|n| if n { "---:" } else { "---" })
            .collect();
        let _ = writeln!(o, "|{}|", rule.join("|"));
        for row in &sheet.rows {
            let cells: Vec<String> = row.iter().map(|v| md_cell(&v.show())).collect();
            let _ = writeln!(o, "| {} |", cells.join(" | "));
        }
    }
    o
}

/// One worksheet per sheet; amounts and counts are numbers a pivot table can use.
pub fn to_xlsx(title: &str, sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let percent = Format::new().set_num_format("0.0%");
    let number = Format::new().set_num_format("0.0");
    for (n, sheet) in sheets.iter().enumerate() {
        let ws = book.add_worksheet();
        // Excel allows 31 characters and no []:*?/\ in a sheet name, and no duplicates.
        let name: String = format!("{} {}", n + 1, sheet.name)
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        let name = name.trim();
        ws.set_name(name)?;
        ws.write_string_with_format(0, 0, title, &bold)?;
        ws.write_string(1, 0, &sheet.name)?;
        for (c, head) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, c as u16, head, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + HEADER_ROW + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Text(s) => ws.write_string(r, c, s.as_ref()).map(|_| ())?,
                    Value::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ())?,
                    // Cents up to 2^53 read back exactly with two decimals.
                    Value::Money(m) => ws
                        .write_number_with_format(r, c, m.cents() as f64 / 100.0, &money)
                        .map(|_| ())?,
                    Value::Percent(Some(p)) => ws
                        .write_number_with_format(r, c, *p, &percent)
                        .map(|_| ())?,
                    Value::Number(Some(x)) => {
                        ws.write_number_with_format(r, c, *x, &number).map(|_| ())?
                    }
                    Value::Percent(None) | Value::Number(None) => {}
                }
            }
        }
        for (c, w) in sheet.widths().iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).min(60.0))?;
        }
        if let Some(c) = &sheet.chart {
            chart::draw(ws, name, c, &sheet.points_of(c))?;
        }
    }
    Ok(book.save_to_buffer()?)
}
