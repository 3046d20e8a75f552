//! Spreadsheet formula injection (OWASP "CSV injection"): a CSV cell starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is run as a formula by Excel and LibreOffice
//! (`=HYPERLINK(…)` leaks data, `=cmd|' /C calc'!A0` starts a program). kam writes such a cell
//! after a `'`, which a spreadsheet shows as text, and its own CSV import takes exactly that
//! one `'` off again, so a name goes out and back unchanged.
//!
//! The choice for numbers: a cell that is entirely a plain number (`-12.50`, `+5`, `-3`) is
//! left alone. It runs nothing, and with the `'` Excel would hold a negative amount as text
//! that sums to nothing. Anything else starting with those characters (`-2+3`, `+1+1`,
//! `-inf`, `+86 138 0013 8000`) gets the `'`.

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `[+-]digits[.digits]`: nothing a spreadsheet could run.
fn is_plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (whole, fraction) = s.split_once('.').unwrap_or((s, "0"));
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// Whether a cell, once any `'` it starts with is taken off, is something a spreadsheet
/// would run. The quotes count so that a name that itself starts with `'=` goes out with one
/// `'` more and comes back as it was.
fn would_run(cell: &str) -> bool {
    let bare = cell.trim_start_matches('\'');
    bare.starts_with(TRIGGERS) && !is_plain_number(bare)
}

/// A cell as a CSV file for a spreadsheet holds it.
pub fn defuse(cell: String) -> String {
    if would_run(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// `defuse` of a borrowed cell, copied only when it gets its `'` (a 50 MB cell set aside is
/// written to the rejected file without a copy).
pub fn defuse_str(cell: &str) -> std::borrow::Cow<'_, str> {
    if would_run(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// `restore` of a borrowed cell: the same text without its one `'`, never a copy.
pub fn restore_str(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if would_run(cell) => rest,
        _ => cell,
    }
}

/// A cell of a CSV file as it was before `defuse`.
pub fn restore(cell: String) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if would_run(&cell) => rest.to_string(),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_numbers_left_alone() {
        let cases = [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-inf", "'-inf"),
            ("+86 138 0013 8000", "'+86 138 0013 8000"),
            ("-", "'-"),
            ("-12.50", "-12.50"),
            ("+5", "+5"),
            ("-3", "-3"),
            ("12.50", "12.50"),
            ("华为", "华为"),
            ("'quoted", "'quoted"),
            // A name that starts with a quote before a trigger keeps it (hostile review).
            ("'=x", "''=x"),
            ("''+1+1", "'''+1+1"),
            ("'-12.50", "'-12.50"),
            ("", ""),
        ];
        for (cell, written) in cases {
            assert_eq!(defuse(cell.to_string()), written, "{cell:?}");
            assert_eq!(restore(defuse(cell.to_string())), cell, "{cell:?} back");
        }
        // Only one `'` and only before a trigger comes off.
        assert_eq!(restore("''=x".into()), "'=x");
        assert_eq!(restore("'abc".into()), "'abc");
    }
}
