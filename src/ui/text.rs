//! Display-width aware text: Chinese characters take two columns, so truncation and padding
//! count columns, not characters. Stored text is shown safely here too (issue 14): control,
//! bidi and zero-width characters as visible marks in cells, and never in a drawn frame.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `s` to at most `width` columns, ending with `…` when cut. Never splits a
/// double-width character. Line breaks and TABs become blanks; other control, bidi and
/// zero-width characters are shown as marks (`\e`, `<U+202E>`), so a disguised name looks
/// disguised.
pub fn truncate(s: &str, width: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    let s = crate::text_safety::cell(&s).into_owned();
    if s.width() <= width {
        return s;
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` in lines of at most `width` columns: its own line breaks kept, long lines broken
/// between characters (Chinese has no blanks to break at), shown as safely as [`truncate`].
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut out = vec![];
    for par in s.split('\n') {
        let mut line = String::new();
        for c in truncate(par, usize::MAX).chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                // Words of Latin text stay whole when the line has a blank to break at.
                let cut = line.rfind(' ').filter(|_| c != ' ' && c.is_ascii());
                match cut {
                    Some(at) if at > 0 => {
                        let tail = line.split_off(at + 1);
                        out.push(line.trim_end().to_string());
                        line = tail;
                    }
                    _ => out.push(std::mem::take(&mut line)),
                }
                if c == ' ' && line.is_empty() {
                    continue;
                }
            }
            line.push(c);
        }
        out.push(line);
    }
    out
}

pub fn width(s: &str) -> usize {
    s.width()
}

/// A table row whose cells are cut to their columns' widths (CJK counted as two).
pub fn fitted_row<'a>(
    cells: impl IntoIterator<Item = String>,
    cols: &[ratatui::layout::Rect],
) -> ratatui::widgets::Row<'a> {
    ratatui::widgets::Row::new(
        cells
            .into_iter()
            .zip(cols)
            .map(|(c, col)| ratatui::widgets::Cell::from(truncate(&c, col.width as usize))),
    )
}

/// Takes every control, bidi and zero-width character out of a drawn frame: whatever screen
/// put stored text into a cell without [`truncate`], none of them reaches the terminal. Only
/// characters of no width go, so the layout stays as drawn.
pub fn make_safe(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        if symbol.chars().any(crate::text_safety::is_unsafe) {
            let kept: String = symbol
                .chars()
                .filter(|&c| !crate::text_safety::is_unsafe(c))
                .collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("深圳市腾讯计算机", 7), "深圳市…");
        assert_eq!(width(&truncate("深圳市腾讯计算机", 7)), 7);
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(truncate("a\nb", 5), "a b");
    }

    #[test]
    fn wrapping_counts_columns_and_keeps_line_breaks() {
        assert_eq!(
            wrap("深圳市腾讯计算机", 7),
            vec!["深圳市", "腾讯计", "算机"]
        );
        assert_eq!(wrap("ab\ncd", 5), vec!["ab", "cd"]);
        assert_eq!(
            wrap("search accounts by name", 12),
            vec!["search", "accounts by", "name"]
        );
    }
}
