//! The team's custom fields defined, as a list in the CSV and Excel exports: which records
//! (客户, 联系人), the name, the type (文本, 数字, 日期, 选项列表) and a choice list's choices.
//! The values are columns of the accounts' and contacts' sections, headed by the name; a sheet
//! cannot say a column's type, and without this list a book moved through a workbook had
//! every field turned into text and its choice lists lost. Read back, each definition is
//! taken as written; a column no definition names is still a text field (`sections_in`).

use super::table::Rows;
use crate::domain::custom_field::{split_choices, CustomOf};
use crate::domain::parse::parse_field;
use crate::domain::record::{field, FieldKind};
use crate::domain::{CustomField, CustomType};
use crate::i18n::{t, Lang, Said};
use anyhow::Result;

/// The CSV file's name.
pub const CSV_NAME: &str = "custom_fields.csv";

const COLUMNS: [&str; 4] = [
    "custom-fields-col-of",
    "custom-fields-col-name",
    "custom-fields-col-type",
    "custom-fields-col-choices",
];

/// The columns, in `lang`.
pub fn headers(lang: Lang) -> Vec<String> {
    COLUMNS.iter().map(|id| t(lang, id)).collect()
}

/// The sheet's name.
pub fn sheet_name(lang: Lang) -> String {
    t(lang, "custom-fields-title")
}

/// Whether a sheet is this list, in either language.
pub fn is_sheet_name(name: &str) -> bool {
    Lang::ALL.iter().any(|l| sheet_name(*l) == name.trim())
}

/// One row per definition, in the book's order.
pub fn rows(defs: &[CustomField], lang: Lang) -> Vec<Vec<String>> {
    defs.iter()
        .map(|f| {
            vec![
                CustomOf::CHOICES.label(lang, &f.kind),
                f.name.clone(),
                f.ty.label(lang),
                f.choices.join(", "),
            ]
        })
        .collect()
}

/// The definitions of the list's rows (header first, columns found by their names in either
/// language); a row that says no name is passed by, one whose records or type kam does not
/// know is refused in one sentence naming its row.
pub fn read(rows: &Rows, file: &str) -> Result<Vec<CustomField>> {
    let Some((_, header)) = rows.first() else {
        return Ok(vec![]);
    };
    let at = |id: &str, fallback: usize| {
        header
            .iter()
            .position(|h| Lang::ALL.iter().any(|l| t(*l, id) == h.trim()))
            .unwrap_or(fallback)
    };
    let cols: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, id)| at(id, i))
        .collect();
    let of = field("kind", FieldKind::Choice(CustomOf::CHOICES));
    let ty = field("type", FieldKind::Choice(CustomType::CHOICES));
    let mut out = vec![];
    for (row, cells) in rows.iter().skip(1) {
        let cell = |i: usize| cells.get(cols[i]).map_or("", |c| c.trim());
        if cell(1).is_empty() {
            continue;
        }
        let bad = |column: usize, problem: String| {
            Said::new("import-export-cell")
                .with("section", file)
                .with("row", *row)
                .with(
                    "column",
                    header.get(cols[column]).map_or("", |h| h.as_str()),
                )
                .with("problem", problem)
        };
        let kind = parse_field(&of, cell(0)).map_err(|p| bad(0, p.to_string()))?;
        let typed = parse_field(&ty, cell(2)).map_err(|p| bad(2, p.to_string()))?;
        // An empty type is text, as `kam fields add` takes it; empty records are no field.
        let ty = typed
            .as_str()
            .and_then(CustomType::from_code)
            .unwrap_or(CustomType::Text);
        let Some(kind) = kind.as_str() else {
            continue;
        };
        out.push(CustomField {
            kind: kind.to_string(),
            name: cell(1).to_string(),
            ty,
            choices: split_choices(cell(3)),
        });
    }
    Ok(out)
}

/// The list's sheet, after the sections, when the book defines any field.
pub fn write_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    defs: &[CustomField],
    lang: Lang,
) -> Result<()> {
    super::list_sheet::write(
        book,
        &sheet_name(lang),
        &headers(lang),
        &rows(defs, lang),
        16.0,
        None,
    )
}

/// The list as a CSV file's bytes (UTF-8 with a byte-order mark, as every export's file).
pub fn csv_bytes(defs: &[CustomField], lang: Lang) -> Result<Vec<u8>> {
    super::list_sheet::csv_bytes(&headers(lang), &rows(defs, lang))
}
