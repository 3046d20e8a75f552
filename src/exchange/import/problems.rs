//! Why a row (or card) is set aside, told in the interface language: `row 3, column 电子邮箱:
//! …` in English, `第 3 行，“电子邮箱”列：…` in Chinese, always with the row a spreadsheet shows.

use crate::domain::validate::Problem;
use crate::exchange::sheet::CELL_LIMIT;
use crate::exchange::table::Unit;
use crate::i18n::{t_args, Lang};

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A cell its field does not accept, or a record's rule broken by it.
    Field { column: String, problem: Problem },
    /// Neither a company nor a person is named; what the row does hold, to find it by.
    NoName { holds: Option<String> },
    /// A customer list's row with a person but no customer name.
    NoAccount { person: String },
    /// More values than the header has columns: the extra ones would have nowhere to go.
    Ragged { values: usize, columns: usize },
    /// The header line once more: two files pasted into one.
    HeaderAgain,
    /// A cell bigger than [`CELL_LIMIT`]: no name, phone or note is; the row is kept whole
    /// in the rejected file rather than held (and indexed) in the book.
    CellTooBig { column: String },
    /// The account code of an earlier row of another account (`row`, `name`).
    CodeTaken {
        code: String,
        row: usize,
        name: String,
    },
    /// The same account as an earlier row (`row`) but another code than its `first`.
    CodeDiffers {
        code: String,
        first: String,
        row: usize,
    },
}

/// A row set aside: which one (as shown), and every reason.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    pub row: usize,
    pub unit: Unit,
    /// Its position among the table's rows, to write it out unchanged.
    pub index: usize,
    pub reasons: Vec<Reason>,
}

impl Reason {
    fn text(&self, lang: Lang, unit: Unit) -> (Option<String>, String) {
        match self {
            Reason::Field { column, problem } => (Some(column.clone()), problem.message(lang)),
            Reason::NoName { holds } => {
                let id = match unit {
                    Unit::Row => "import-no-name-row",
                    Unit::Card => "import-no-name-card",
                };
                let mut text = crate::i18n::t(lang, id);
                if let Some(h) = holds {
                    text.push(' ');
                    text.push_str(&t_args(
                        lang,
                        "import-holds",
                        &[("value", h.as_str().into())],
                    ));
                }
                (None, text)
            }
            Reason::NoAccount { person } => (
                None,
                t_args(
                    lang,
                    "import-no-account",
                    &[("person", person.as_str().into())],
                ),
            ),
            Reason::HeaderAgain => (None, crate::i18n::t(lang, "import-header-again")),
            Reason::CellTooBig { column } => (
                Some(column.clone()),
                t_args(
                    lang,
                    "import-cell-too-big",
                    &[("limit", (CELL_LIMIT >> 20).into())],
                ),
            ),
            Reason::CodeTaken { code, row, name } => (
                None,
                t_args(
                    lang,
                    "import-code-taken",
                    &[
                        ("code", code.as_str().into()),
                        ("row", (*row).into()),
                        ("name", name.as_str().into()),
                    ],
                ),
            ),
            Reason::CodeDiffers { code, first, row } => (
                None,
                t_args(
                    lang,
                    "import-code-differs",
                    &[
                        ("code", code.as_str().into()),
                        ("first", first.as_str().into()),
                        ("row", (*row).into()),
                    ],
                ),
            ),
            Reason::Ragged { values, columns } => (
                None,
                t_args(
                    lang,
                    "import-ragged",
                    &[("values", (*values).into()), ("columns", (*columns).into())],
                ),
            ),
        }
    }
}

impl SetAside {
    /// One line per reason: `row 4, column E-mail Address: "x" is not an email address`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.reasons
            .iter()
            .map(|r| {
                let (column, text) = r.text(lang, self.unit);
                let id = match (self.unit, column.is_some()) {
                    (Unit::Row, true) => "import-row-column",
                    (Unit::Row, false) => "import-row",
                    (Unit::Card, true) => "import-card-column",
                    (Unit::Card, false) => "import-card",
                };
                t_args(
                    lang,
                    id,
                    &[
                        ("row", self.row.into()),
                        ("column", column.unwrap_or_default().into()),
                        ("problem", text.into()),
                    ],
                )
            })
            .collect()
    }

    /// The reasons as one cell of the rejected file.
    pub fn reason(&self, lang: Lang) -> String {
        self.lines(lang).join("; ")
    }
}

/// Every problem of a file refused whole (`--strict`), one line each; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub heading: String,
    pub lines: Vec<String>,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\n{}", self.heading, self.lines.join("\n"))
    }
}

impl std::error::Error for Rejected {}
