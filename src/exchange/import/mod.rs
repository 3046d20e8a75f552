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
pub mod changes;
mod codes;
pub mod problems;
mod records;
pub mod rejected;
pub mod report;
mod rows;

use super::headers::{resolve, Target};
use super::identity::fill_from;
use super::sheet::Sheet;
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

/// What each column is, with its first three values (filled in by `plan`).
fn column_uses(headers: &[String], targets: &[Target]) -> Vec<ColumnUse> {
    headers
        .iter()
        .zip(targets)
        .filter(|(h, _)| !h.trim().is_empty())
        .map(|(h, t)| ColumnUse {
            header: h.clone(),
            target: *t,
            first_values: vec![],
        })
        .collect()
}

/// Takes a row's values as the first values of their columns, up to three each.
fn note_first_values(uses: &mut [ColumnUse], headers: &[String], cells: &[String]) {
    let mut used = uses.iter_mut();
    for (h, cell) in headers
        .iter()
        .zip(cells.iter().map(Some).chain(std::iter::repeat(None)))
    {
        if h.trim().is_empty() {
            continue;
        }
        let Some(u) = used.next() else { break };
        let v = cell.map(|c| c.trim()).unwrap_or("");
        if !v.is_empty() && u.first_values.len() < 3 {
            u.first_values.push(v.to_string());
        }
    }
}

/// The columns of a table with what each means, and whether a person without a company is
/// a customer of their own (see `rows::Columns`).
fn columns(table: &dyn Sheet, targets: Vec<Target>) -> rows::Columns<'_> {
    let people_first = table.unit() == super::table::Unit::Card
        || targets.contains(&Target::PersonCompany)
        || table.headers().iter().zip(&targets).any(|(h, t)| {
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
        headers: table.headers(),
        targets,
        people_first,
    }
}

/// Which rows make which account: the first pass's result, small beside the sheet.
struct Plan {
    /// The account (by first appearance) of each data row; `NONE` for a row set aside.
    group_of: Vec<u32>,
    /// The last data row of each account.
    last_row: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// The first pass: every row read, the bad ones set aside, the good ones grouped into
/// accounts by their row positions only, and the first values of each column noted. Keeping
/// positions rather than the accounts built from them (or the rows) is what keeps an
/// import's memory flat.
fn plan(table: &dyn Sheet, cols: &rows::Columns, summary: &mut Summary) -> Result<Plan> {
    let mut plan = Plan {
        group_of: vec![],
        last_row: vec![],
    };
    let mut by_key: HashMap<String, u32> = HashMap::new();
    let mut codes = codes::Codes::default();
    for r in table.rows()? {
        let (index, row, cells) = r?;
        summary.rows += 1;
        // Two exports pasted into one file: their second header is no account.
        if codes::repeats_header(table.headers(), &cells) {
            summary.set_aside.push(SetAside {
                row,
                unit: table.unit(),
                index,
                reasons: vec![Reason::HeaderAgain],
            });
            plan.group_of.push(NONE);
            continue;
        }
        if let Some(reason) = too_big(table.headers(), &cells) {
            summary.set_aside.push(SetAside {
                row,
                unit: table.unit(),
                index,
                reasons: vec![reason],
            });
            plan.group_of.push(NONE);
            continue;
        }
        note_first_values(&mut summary.columns, table.headers(), &cells);
        let read = match rows::read(cols, &cells) {
            Ok(r) => r,
            Err(reasons) => {
                summary.set_aside.push(SetAside {
                    row,
                    unit: table.unit(),
                    index,
                    reasons,
                });
                plan.group_of.push(NONE);
                continue;
            }
        };
        if let Some(reason) = codes.check(&read.account, row) {
            summary.set_aside.push(SetAside {
                row,
                unit: table.unit(),
                index,
                reasons: vec![reason],
            });
            plan.group_of.push(NONE);
            continue;
        }
        let group = match by_key.get(&group_key(&read.account)) {
            Some(&g) => {
                summary.rows_same_account += 1;
                g
            }
            None => {
                let g = plan.last_row.len() as u32;
                by_key.insert(group_key(&read.account), g);
                summary.private_customers += usize::from(read.private);
                plan.last_row.push(0);
                g
            }
        };
        plan.group_of.push(group);
        plan.last_row[group as usize] = index as u32;
    }
    Ok(plan)
}

/// The first cell of a row over [`CELL_LIMIT`](super::sheet::CELL_LIMIT), as the reason to
/// set the row aside.
fn too_big(headers: &[String], cells: &[String]) -> Option<Reason> {
    let i = cells
        .iter()
        .position(|c| c.len() > super::sheet::CELL_LIMIT)?;
    Some(Reason::CellTooBig {
        column: headers.get(i).cloned().unwrap_or_default(),
    })
}

/// The second pass: the rows read again in order, each joined to its account's draft, the
/// drafts handed on in the order of the accounts' first rows as soon as their last row has
/// been read. Only accounts whose rows are apart are held meanwhile.
struct Drafts<'a> {
    rows: super::sheet::Rows<'a>,
    cols: &'a rows::Columns<'a>,
    plan: &'a Plan,
    open: HashMap<u32, Draft>,
    next: u32,
    /// The data rows read so far.
    read: usize,
    failed: Option<anyhow::Error>,
}

impl Iterator for Drafts<'_> {
    type Item = Draft;

    fn next(&mut self) -> Option<Draft> {
        loop {
            let next = self.next as usize;
            if next >= self.plan.last_row.len() {
                return None;
            }
            if self.plan.last_row[next] < self.read as u32 {
                self.next += 1;
                return Some(self.open.remove(&(next as u32)).unwrap_or_default());
            }
            let (index, _, cells) = match self.rows.next() {
                Some(Ok(r)) => r,
                Some(Err(e)) => {
                    self.failed = Some(e);
                    return None;
                }
                None => {
                    self.failed = Some(crate::i18n::Said::new("import-file-changed").into());
                    return None;
                }
            };
            self.read = index + 1;
            let group = self.plan.group_of.get(index).copied().unwrap_or(NONE);
            if group == NONE {
                continue;
            }
            let Ok(read) = rows::read_again(self.cols, &cells) else {
                continue;
            };
            let d = self.open.entry(group).or_default();
            let mut account = read.account;
            keep_differences(&d.account, &mut account);
            fill_from(&mut d.account, account);
            if !read.contact.is_empty() {
                d.add_contact(read.contact);
            }
        }
    }
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
    table: &dyn Sheet,
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Summary> {
    let targets = resolve(table.headers(), &options.overrides);
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
        bail!(crate::i18n::Said::new("import-no-name-column")
            .with("headers", table.headers().join(", ")));
    }
    let mut summary = Summary {
        columns_in_notes: table
            .headers()
            .iter()
            .zip(&targets)
            .filter(|(h, t)| **t == Target::Unknown && !h.trim().is_empty())
            .map(|(h, _)| h.clone())
            .collect(),
        columns: column_uses(table.headers(), &targets),
        header_row: table.header_row(),
        dry_run: options.dry_run,
        ..Default::default()
    };
    let cols = columns(table, targets);
    let plan = plan(table, &cols, &mut summary)?;
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
    let total = plan.last_row.len();
    let mut step = |n: usize| progress(n, total);
    let file = options.file.clone();
    let run = |w: &mut crate::store::Writer| {
        let mark = w.history_mark()?;
        let mut drafts = Drafts {
            rows: table.rows()?,
            cols: &cols,
            plan: &plan,
            open: HashMap::new(),
            next: 0,
            read: 0,
            failed: None,
        };
        // Moving into an empty book: the only accounts to match are the file's own, found in
        // memory (`bulk`), and new ones are written without reading them back.
        if w.is_empty_book()? {
            w.begin_load()?;
            bulk::apply(w, &mut drafts, &mut summary, &mut step)?;
        } else {
            apply::apply(w, &mut drafts, &mut summary, &mut step)?;
        }
        if let Some(e) = drafts.failed {
            return Err(e);
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
