//! Table columns fitted to the window (issue 16): when a table is wider than the screen,
//! names and free text give way first, then the headers of numbers, and a column that still
//! does not fit is left out whole from the right. A phone number, an amount or a date is
//! never cut: a cut one reads as another number.

use super::text;
use ratatui::layout::Constraint;
use ratatui::widgets::{Cell, Row};

/// How a column gives way when the table is too wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Give {
    /// Numbers, phones, dates, amounts: shown whole or not at all.
    Keep,
    /// Text: cut with an ellipsis.
    Shrink,
    /// The name a row is about (the customer of a planned visit): cut only after the other
    /// text, and left out last.
    Name,
}

/// Text and names wider than this are cut to even them out before anything else.
const BALANCE: usize = 24;
/// The narrowest the name of a row is cut to before other text is left out.
const NAME_KEEP: usize = 16;
/// The narrowest text is cut to before columns are left out.
const NAME_MIN: usize = 8;
/// The narrowest it is cut to before the last columns go.
const NAME_LEAST: usize = 5;
/// The widest a text column is when there is no room to spare.
const TEXT_CAP: usize = 40;

/// The widths of a table's columns; 0 for a column left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    pub widths: Vec<usize>,
}

/// Fits columns of the given headers and rows (cells as shown) into `width`, with `spacing`
/// blanks between columns.
pub fn fit(
    headers: &[String],
    rows: &[Vec<String>],
    gives: &[Give],
    width: usize,
    spacing: usize,
) -> Fitted {
    let n = headers.len();
    let mut content = vec![0; n];
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            content[i] = content[i].max(text::width(c));
        }
    }
    let header: Vec<usize> = headers.iter().map(|h| text::width(h)).collect();
    let give = |i: usize| gives.get(i).copied().unwrap_or(Give::Shrink);
    let mut w: Vec<usize> = (0..n)
        .map(|i| match give(i) {
            Give::Keep => content[i].max(header[i]),
            Give::Shrink | Give::Name => content[i].max(header[i]).min(TEXT_CAP),
        })
        .collect();
    let total = |w: &[usize]| {
        let shown = w.iter().filter(|x| **x > 0).count();
        w.iter().sum::<usize>() + spacing * shown.saturating_sub(1)
    };
    let shrink = |w: &mut Vec<usize>, kinds: &[Give], least: usize| {
        while total(w) > width {
            let widest = (0..n)
                .filter(|&i| kinds.contains(&give(i)) && w[i] > least)
                .max_by_key(|&i| (w[i], i));
            match widest {
                Some(i) => w[i] -= 1,
                None => break,
            }
        }
    };
    let drop_from_right = |w: &mut Vec<usize>, kind: Give| {
        for i in (1..n).rev() {
            if total(w) <= width {
                break;
            }
            if give(i) == kind {
                w[i] = 0;
            }
        }
    };
    if total(&w) <= width {
        // Room to spare goes back to text cut at the cap, in order.
        let mut spare = width - total(&w);
        for i in 0..n {
            let more = content[i].saturating_sub(w[i]).min(spare);
            w[i] += more;
            spare -= more;
        }
        return Fitted { widths: w };
    }
    // Columns empty in every row go first: they say nothing here.
    for i in 1..n {
        if content[i] == 0 {
            w[i] = 0;
        }
    }
    // Long text and long names even out first (a reminder's text beside a long company
    // name), then the other text gives way.
    shrink(&mut w, &[Give::Shrink, Give::Name], BALANCE);
    shrink(&mut w, &[Give::Shrink], NAME_MIN);
    // The headers of numbers next (金额 over a column of 7 digits), never the numbers.
    for i in 0..n {
        if give(i) == Give::Keep && w[i] > 0 && total(&w) > width {
            let least = content[i].max(NAME_LEAST.min(header[i]));
            w[i] = least.max(w[i].saturating_sub(total(&w) - width));
        }
    }
    shrink(&mut w, &[Give::Shrink], NAME_LEAST);
    shrink(&mut w, &[Give::Name], NAME_KEEP);
    // Still too wide: columns go whole from the right, text first, then numbers, the name
    // last; the first one stays.
    drop_from_right(&mut w, Give::Shrink);
    shrink(&mut w, &[Give::Name], NAME_MIN);
    drop_from_right(&mut w, Give::Keep);
    shrink(&mut w, &[Give::Name], NAME_LEAST);
    drop_from_right(&mut w, Give::Name);
    if total(&w) > width {
        w[0] = width;
    }
    Fitted { widths: w }
}

impl Fitted {
    /// The constraints of the columns shown.
    pub fn constraints(&self) -> Vec<Constraint> {
        self.widths
            .iter()
            .filter(|w| **w > 0)
            .map(|w| Constraint::Length(*w as u16))
            .collect()
    }

    /// A row of the columns shown, each cell cut to its column.
    pub fn row<'a>(&self, cells: impl IntoIterator<Item = String>) -> Row<'a> {
        Row::new(
            cells
                .into_iter()
                .zip(&self.widths)
                .filter(|(_, w)| **w > 0)
                .map(|(c, w)| Cell::from(text::truncate(&c, *w))),
        )
    }
}

/// A table's header row over columns already laid out, each title cut to its column's
/// width (the screens whose columns are fixed: the catalogue, targets, attachments).
pub fn header_row<'a>(titles: &[String], cols: &[ratatui::layout::Rect]) -> Row<'a> {
    Row::new(
        titles
            .iter()
            .zip(cols.iter())
            .map(|(h, r)| Cell::from(text::truncate(h, r.width as usize))),
    )
    .style(super::theme::header())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Give::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn names_give_way_before_a_phone_is_cut() {
        let headers = s(&["姓名", "职位", "手机", "邮箱"]);
        let rows = vec![s(&[
            "曾小贤",
            "华南区大客户采购经理",
            "+86 138 0013 8000",
            "zeng@example.cn",
        ])];
        let gives = [Shrink, Shrink, Keep, Shrink];
        let f = fit(&headers, &rows, &gives, 50, 1);
        assert_eq!(f.widths[2], 17, "{f:?}");
        assert!(f.widths.iter().sum::<usize>() + 3 <= 50, "{f:?}");
        assert!(f.widths[1] < 20 && f.widths[1] >= NAME_MIN, "{f:?}");
    }

    #[test]
    fn an_empty_column_goes_before_a_name_is_cut() {
        let headers = s(&["Name", "WeChat", "Mobile"]);
        let rows = vec![s(&["Pinecrest", "", "+44 7700 900822"])];
        let f = fit(&headers, &rows, &[Shrink, Shrink, Keep], 26, 1);
        assert_eq!(f.widths, vec![9, 0, 15]);
    }

    #[test]
    fn a_column_that_cannot_fit_goes_whole_from_the_right() {
        let headers = s(&["Name", "Amount", "Phone"]);
        let rows = vec![s(&[
            "Pinecrest Holdings",
            "1,234,567.00",
            "+44 7700 900822",
        ])];
        let f = fit(&headers, &rows, &[Shrink, Keep, Keep], 30, 1);
        assert_eq!(f.widths[1], 12, "{f:?}");
        assert_eq!(f.widths[2], 0, "{f:?}");
        assert!(f.widths[0] >= NAME_LEAST);
    }

    #[test]
    fn the_customer_keeps_its_name_longer_than_the_other_text() {
        let headers = s(&["When", "Account", "Purpose", "Place"]);
        let rows = vec![s(&[
            "11-26 14:30",
            "C000001 华为技术有限公司",
            "送报价和样品",
            "坂田基地",
        ])];
        let gives = [Keep, Name, Shrink, Shrink];
        let f = fit(&headers, &rows, &gives, 50, 1);
        assert_eq!(f.widths[1], 24, "{f:?}");
        assert!(f.widths.iter().sum::<usize>() + 3 <= 50, "{f:?}");
    }

    #[test]
    fn room_to_spare_goes_back_to_long_text() {
        let headers = s(&["Date", "Summary"]);
        let long = "x".repeat(60);
        let rows = vec![vec!["2026-11-20".to_string(), long]];
        let f = fit(&headers, &rows, &[Keep, Shrink], 100, 1);
        assert_eq!(f.widths, vec![10, 60]);
        let f = fit(&headers, &rows, &[Keep, Shrink], 50, 1);
        assert_eq!(f.widths, vec![10, 39]);
    }
}
