//! `kam import`: a sheet (CSV, Excel) or an address book (vCard) into the dossier, forgiving
//! and never silent. Each row is read on its own (`rows`); a row with a problem is set aside,
//! with its reasons in the interface language (`problems`), to be written unchanged to a
//! rejected file (`rejected`), and the good rows go in inside one transaction (`apply`), kept
//! as one import that can be undone whole. `strict` keeps the all-or-nothing of old: any
//! problem refuses the file. Rows for the same account become one account with several
//! contacts; an account already in the book is matched (registration number, name, a
//! contact's phone or email with the same name: see `identity`) and updated, so importing a
//! file twice does not double it. Notes are appended, never replaced; columns that mean
//! nothing to kam are kept in the notes.

mod apply;
mod bulk;
pub mod problems;
mod records;
pub mod rejected;
pub mod report;
mod rows;

use super::headers::{resolve, Target};
use super::identity::fill_from;
use super::table::Table;
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::{bail, Result};
use records::{group_key, Draft};
use std::collections::HashMap;

pub use problems::{Reason, Rejected, SetAside};
pub use records::{ColumnUse, Summary};
pub use rows::is_mobile;

/// How an import runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub overrides: Vec<(String, Target)>,
    pub dry_run: bool,
    /// Refuse the whole file when any row has a problem.
    pub strict: bool,
    /// The interface language of the problems' text.
    pub lang: Lang,
    /// The file's name, kept with the import so it can be undone by name.
    pub file: String,
}

/// What each column is, with its first three values.
fn column_uses(table: &Table, targets: &[Target]) -> Vec<ColumnUse> {
    table
        .headers
        .iter()
        .zip(targets)
        .enumerate()
        .filter(|(_, (h, _))| !h.trim().is_empty())
        .map(|(i, (h, t))| ColumnUse {
            header: h.clone(),
            target: *t,
            first_values: table
                .rows
                .iter()
                .filter_map(|(_, c)| c.get(i).map(|v| v.trim()).filter(|v| !v.is_empty()))
                .take(3)
                .map(str::to_string)
                .collect(),
        })
        .collect()
}

/// The columns of a table with what each means, and whether a person without a company is
/// a customer of their own (see `rows::Columns`).
fn columns(table: &Table, targets: Vec<Target>) -> rows::Columns<'_> {
    let people_first = table.unit == super::table::Unit::Card
        || targets.contains(&Target::PersonCompany)
        || table.headers.iter().zip(&targets).any(|(h, t)| {
            *t == Target::Account("name")
                && [
                    "company",
                    "companyname",
                    "organization",
                    "organisation",
                    "org",
                    "organizationname",
                ]
                .contains(&super::headers::normalise(h).as_str())
        })
        || !targets.contains(&Target::Account("name"));
    rows::Columns {
        headers: &table.headers,
        targets,
        people_first,
    }
}

/// The first pass: every row read, the bad ones set aside, the good ones grouped into
/// accounts by their row positions only. Keeping positions rather than the accounts built
/// from them is what keeps an import's memory near the size of the sheet itself.
fn plan(table: &Table, cols: &rows::Columns, summary: &mut Summary) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = vec![];
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (index, (row, cells)) in table.rows.iter().enumerate() {
        let read = match rows::read(cols, cells) {
            Ok(r) => r,
            Err(reasons) => {
                summary.set_aside.push(SetAside {
                    row: *row,
                    unit: table.unit,
                    index,
                    reasons,
                });
                continue;
            }
        };
        match by_key.get(&group_key(&read.account)) {
            Some(&i) => {
                summary.rows_same_account += 1;
                groups[i].push(index);
            }
            None => {
                by_key.insert(group_key(&read.account), groups.len());
                summary.private_customers += usize::from(read.private);
                groups.push(vec![index]);
            }
        }
    }
    groups
}

/// The second pass, one account at a time: its rows read again and joined into one draft.
fn draft(table: &Table, cols: &rows::Columns, group: &[usize]) -> Draft {
    let mut d = Draft::default();
    for &i in group {
        let Ok(read) = rows::read_again(cols, &table.rows[i].1) else {
            continue;
        };
        let mut account = read.account;
        keep_differences(&d.account, &mut account);
        fill_from(&mut d.account, account);
        if !read.contact.is_empty() {
            d.add_contact(read.contact);
        }
    }
    d
}

/// A later row of the same account with a different value for a field already filled (a
/// second address, another phone of the company): the value is kept in the notes, under the
/// field's name, instead of being dropped.
fn keep_differences(
    known: &serde_json::Map<String, serde_json::Value>,
    row: &mut serde_json::Map<String, serde_json::Value>,
) {
    let mut lines = vec![];
    for (k, v) in row.iter() {
        if matches!(k.as_str(), "name" | "notes" | "code" | "customer_type") || v.is_null() {
            continue;
        }
        if known.get(k).is_some_and(|o| !o.is_null() && o != v) {
            let shown = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            let label = crate::i18n::field_label(Lang::En, "accounts", k);
            lines.push(format!("{label}: {shown}"));
        }
    }
    if !lines.is_empty() {
        let notes = row.get("notes").and_then(|n| n.as_str()).unwrap_or("");
        let joined = crate::exchange::identity::append_note(notes, &lines.join("\n"));
        row.insert("notes".into(), serde_json::Value::String(joined));
    }
}

/// Imports a table. `progress(done, total)` is called as accounts are written.
pub fn import_table(
    store: &mut Store,
    table: &Table,
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Summary> {
    let targets = resolve(&table.headers, &options.overrides);
    let names_something = targets.iter().any(|t| {
        matches!(
            t,
            Target::Account("name")
                | Target::Name
                | Target::PersonCompany
                | Target::FirstName
                | Target::LastName
                | Target::Contact("name")
        )
    });
    if !names_something {
        bail!(
            "no column names the account (客户名称, 公司名称, Company, Account Name …); the headers are {}; say which with --map \"Header=name\"",
            table.headers.join(", ")
        );
    }
    let mut summary = Summary {
        rows: table.rows.len(),
        columns_in_notes: table
            .headers
            .iter()
            .zip(&targets)
            .filter(|(h, t)| **t == Target::Unknown && !h.trim().is_empty())
            .map(|(h, _)| h.clone())
            .collect(),
        columns: column_uses(table, &targets),
        header_row: table.header_row,
        dry_run: options.dry_run,
        ..Default::default()
    };
    let cols = columns(table, targets);
    let groups = plan(table, &cols, &mut summary);
    if options.strict && !summary.set_aside.is_empty() {
        let lines: Vec<String> = summary
            .set_aside
            .iter()
            .flat_map(|s| s.lines(options.lang))
            .collect();
        return Err(Rejected {
            heading: crate::i18n::t_args(
                options.lang,
                "import-refused",
                &[("n", lines.len().into())],
            ),
            lines,
        }
        .into());
    }
    let total = groups.len();
    let mut step = |n: usize| progress(n, total);
    let file = options.file.clone();
    let run = |w: &mut crate::store::Writer| {
        let mark = w.history_mark()?;
        let mut drafts = groups.iter().map(|g| draft(table, &cols, g));
        // Moving into an empty book: the only accounts to match are the file's own, found in
        // memory (`bulk`), and new ones are written without reading them back.
        if w.is_empty_book()? {
            w.begin_load()?;
            bulk::apply(w, &mut drafts, &mut summary, &mut step)?;
        } else {
            apply::apply(w, &mut drafts, &mut summary, &mut step)?;
        }
        w.record_import(&file, mark)
    };
    if options.dry_run {
        store.rehearse(run)?;
    } else {
        store.write(run)?;
    }
    progress(total, total);
    Ok(summary)
}
