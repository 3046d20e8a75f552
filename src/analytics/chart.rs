//! A chart inside an Excel report, as the seeds' own analyses have them (客户区域分析表 with
//! a bar per region, 客户销售分析表 with a pie of products). A sheet names the cells of its
//! own table a chart draws; the workbook writer turns them into cell ranges, so a manager who
//! corrects a figure in Excel sees the chart follow. Text and Markdown have no charts.

use anyhow::Result;
use rust_xlsxwriter::{Chart as XlsxChart, ChartDataLabel, ChartLegendPosition, Format, Worksheet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Vertical bars, largest first from the left (regions, grades).
    Bars,
    /// Shares of a whole (products).
    Pie,
}

/// A cell of a sheet's table: the line of column names, or one of `Sheet::rows`; and the
/// column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    Header,
    Row(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    /// Each point: the cell with its label, the cell with its value.
    pub points: Vec<((Line, usize), (Line, usize))>,
}

/// The worksheet row of a table line: the title takes rows 0–1, the column names row 3.
pub const HEADER_ROW: u32 = 3;

fn row_of(line: Line) -> u32 {
    match line {
        Line::Header => HEADER_ROW,
        Line::Row(i) => HEADER_ROW + 1 + i as u32,
    }
}

/// The cells as one range (first row, first column, last row, last column) when they run
/// down one column or along one row without a gap; none otherwise.
fn as_range(cells: &[(Line, usize)]) -> Option<(u32, u16, u32, u16)> {
    let at: Vec<(u32, u16)> = cells.iter().map(|&(l, c)| (row_of(l), c as u16)).collect();
    let (first, last) = (*at.first()?, *at.last()?);
    let down = at
        .iter()
        .enumerate()
        .all(|(i, &(r, c))| c == first.1 && r == first.0 + i as u32);
    let along = at
        .iter()
        .enumerate()
        .all(|(i, &(r, c))| r == first.0 && c == first.1 + i as u16);
    (down || along).then_some((first.0, first.1, last.0, last.1))
}

/// What the workbook writer reads of the sheet for a chart: the table's width, and each
/// point's label and value as the table shows them, with the names of the two columns.
pub struct Points {
    pub table_columns: usize,
    pub label_head: String,
    pub value_head: String,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
}

/// Draws `chart` on `ws` (named `ws_name`), to the right of the table. Points scattered over
/// the table (a region's provinces between its cities) are copied first into a two-column
/// block beside it, headed like the table, and the chart reads that block.
pub fn draw(ws: &mut Worksheet, ws_name: &str, chart: &Chart, points: &Points) -> Result<()> {
    if chart.points.is_empty() {
        return Ok(());
    }
    let labels: Vec<(Line, usize)> = chart.points.iter().map(|p| p.0).collect();
    let values: Vec<(Line, usize)> = chart.points.iter().map(|p| p.1).collect();
    let mut right = points.table_columns as u16 + 1;
    let (labels_at, values_at) = match (as_range(&labels), as_range(&values)) {
        (Some(l), Some(v)) => (l, v),
        _ => {
            let bold = Format::new().set_bold();
            let money = Format::new().set_num_format("#,##0.00");
            let (lc, vc) = (right, right + 1);
            ws.write_string_with_format(HEADER_ROW, lc, &points.label_head, &bold)?;
            ws.write_string_with_format(HEADER_ROW, vc, &points.value_head, &bold)?;
            for (i, (label, value)) in points.labels.iter().zip(&points.values).enumerate() {
                let r = HEADER_ROW + 1 + i as u32;
                ws.write_string(r, lc, label)?;
                ws.write_number_with_format(r, vc, *value, &money)?;
            }
            let last = HEADER_ROW + points.labels.len() as u32;
            right += 3;
            (
                (HEADER_ROW + 1, lc, last, lc),
                (HEADER_ROW + 1, vc, last, vc),
            )
        }
    };
    let mut x = match chart.kind {
        ChartKind::Bars => XlsxChart::new_column(),
        ChartKind::Pie => XlsxChart::new_pie(),
    };
    x.title().set_name(&chart.title);
    let series = x.add_series();
    series
        .set_categories((ws_name, labels_at.0, labels_at.1, labels_at.2, labels_at.3))
        .set_values((ws_name, values_at.0, values_at.1, values_at.2, values_at.3));
    match chart.kind {
        ChartKind::Bars => {
            x.legend().set_hidden();
        }
        ChartKind::Pie => {
            series.set_data_label(ChartDataLabel::new().show_percentage());
            x.legend().set_position(ChartLegendPosition::Right);
        }
    }
    ws.insert_chart(HEADER_ROW, right, &x)?;
    Ok(())
}
