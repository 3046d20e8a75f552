//! Attachments listed in the CSV and Excel exports (issue 22): one row per file with its
//! account's code, name, size in bytes, media type, date added and what it belongs to (a
//! visit by its id, a person by name) — never the bytes, which only kam's JSON carries
//! (`--include-attachments`). An import of kam's own CSV or workbook reads sections by their
//! names and so leaves this list alone: it neither invents files nor drops those in a book.

use super::json_stream::Scope;
use crate::domain::attachment::Attachment;
use crate::i18n::{field_label, t, Lang};
use crate::store::Store;
use anyhow::Result;

/// The CSV file's name.
pub const CSV_NAME: &str = "attachments.csv";

/// The columns, in `lang`.
pub fn headers(lang: Lang) -> Vec<String> {
    let mut h = vec![field_label(lang, "accounts", "code")];
    for id in [
        "attachments-col-name",
        "attachments-col-bytes",
        "attachments-col-kind",
        "attachments-col-added",
        "attachments-col-visit",
        "attachments-col-contact",
    ] {
        h.push(t(lang, id));
    }
    h
}

/// The sheet's name.
pub fn sheet_name(lang: Lang) -> String {
    t(lang, "attachments-title")
}

/// Whether a sheet is this list, in either language (an import of kam's own workbook
/// passes it by).
pub fn is_sheet_name(name: &str) -> bool {
    Lang::ALL.iter().any(|l| sheet_name(*l) == name.trim())
}

/// The rows of the export's scope, oldest first.
pub fn rows(store: &Store, scope: &Scope) -> Result<Vec<Vec<String>>> {
    let listed = store.attachments_for_export(scope.code())?;
    let mut people = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(listed.len());
    for (code, a) in listed {
        let contact = match a.contact_id {
            Some(id) => match people.get(&id) {
                Some(name) => Some(name),
                None => {
                    let c: Option<crate::domain::Contact> = store.get(id)?;
                    let name: String = c.map(|c| c.name).unwrap_or_default();
                    people.insert(id, name);
                    people.get(&id)
                }
            },
            None => None,
        };
        out.push(cells(&code, &a, contact.map(String::as_str)));
    }
    Ok(out)
}

/// The rows of a whole document (the exports' reference, `tables.rs`): the same as [`rows`].
pub fn rows_of(doc: &super::json::Document) -> Vec<Vec<String>> {
    let people: std::collections::HashMap<i64, &str> = doc
        .accounts
        .iter()
        .flat_map(|a| a.contacts.iter().map(|c| (c.id, c.name.as_str())))
        .collect();
    doc.attachments
        .iter()
        .map(|e| {
            let a = &e.attachment;
            let contact = a
                .contact_id
                .map(|id| people.get(&id).copied().unwrap_or(""));
            cells(&e.code, a, contact)
        })
        .collect()
}

fn cells(code: &str, a: &Attachment, contact: Option<&str>) -> Vec<String> {
    vec![
        code.to_string(),
        a.name.clone(),
        a.size.to_string(),
        a.mime.clone(),
        a.added_at.replace('T', " "),
        a.visit_id.map(|v| v.to_string()).unwrap_or_default(),
        contact.unwrap_or_default().to_string(),
    ]
}

/// The sheet of the rows, last in a workbook, when there are any: the size a number a
/// spreadsheet sums, the rest text.
pub fn write_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    rows: &[Vec<String>],
    lang: Lang,
) -> Result<()> {
    // The size (column 2) a number a spreadsheet sums.
    super::list_sheet::write(book, &sheet_name(lang), &headers(lang), rows, 14.0, Some(2))
}
