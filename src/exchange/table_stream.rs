//! The CSV and Excel exports of a whole book written row by row as the store reads them, one
//! section after another: memory stays that of one row whatever the size of the book (the
//! whole workbook of 100,000 accounts took 7.9 GB). The rows, cells and layout are those of
//! `tables.rs` over the whole document (a test compares the two on a demo book); the
//! workbook's sheets are written in rust_xlsxwriter's constant-memory mode, each through a
//! temporary file beside the export.

use super::json_stream::Scope;
use super::sections::{section_of, Section, KINDS};
use super::tables::{csv_name, csv_names, xlsx_cell, xlsx_sheet_name};
use crate::domain::record::RecordKind;
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};
use std::io::Write;
use std::path::Path;

/// How many rows an export of `scope` writes: what a progress bar counts to.
pub fn rows_to_write(store: &Store, scope: &Scope) -> Result<u64> {
    let mut n = 0;
    for kind in KINDS {
        let only = match kind {
            RecordKind::VisitPlan | RecordKind::VisitReport => scope.visits(),
            RecordKind::Product => {
                n += scope.products(store)?.len() as u64;
                continue;
            }
            RecordKind::Target => {
                n += scope.targets(store)?.len() as u64;
                continue;
            }
            _ => scope.accounts(),
        };
        n += store.count_for_export(kind, only)?;
    }
    Ok(n)
}

/// The rates the deals' tax columns are split by: the whole catalogue's (also for one
/// account's export: its deals name the book's products) and the book's default rate.
fn rates(store: &Store) -> Result<TaxRates> {
    Ok(TaxRates::new(
        &store.products()?,
        store.profile()?.default_tax_rate,
    ))
}

/// Calls `each` with the cells of every row of section `s`, in the order of `tables.rs`.
fn each_row(
    store: &Store,
    scope: &Scope,
    s: &Section,
    lang: Lang,
    each: &mut dyn FnMut(Vec<String>) -> Result<()>,
) -> Result<()> {
    fn rows<R: Record + 'static>(
        store: &Store,
        scope: &Scope,
        s: &Section,
        lang: Lang,
        each: &mut dyn FnMut(Vec<String>) -> Result<()>,
    ) -> Result<()> {
        let visits = matches!(R::KIND, RecordKind::VisitPlan | RecordKind::VisitReport);
        let only = if visits {
            scope.visits()
        } else {
            scope.accounts()
        };
        // The document holds one needs record per account: the first.
        let mut last_account = None;
        store.each_record_with_code::<R>(!visits, only, |code, record| {
            if R::KIND == RecordKind::Needs {
                if last_account == Some(record.account_id()) {
                    return Ok(());
                }
                last_account = Some(record.account_id());
            }
            each(super::cells::cells_of(s, code, &record, lang))
        })
    }
    match s.kind {
        RecordKind::Account => rows::<Account>(store, scope, s, lang, each),
        RecordKind::Contact => rows::<Contact>(store, scope, s, lang, each),
        RecordKind::Deal => rows::<Deal>(store, scope, s, lang, each),
        RecordKind::Opportunity => rows::<Opportunity>(store, scope, s, lang, each),
        RecordKind::Needs => rows::<Needs>(store, scope, s, lang, each),
        RecordKind::ServiceRecord => rows::<ServiceRecord>(store, scope, s, lang, each),
        RecordKind::Feedback => rows::<Feedback>(store, scope, s, lang, each),
        RecordKind::Communication => rows::<Communication>(store, scope, s, lang, each),
        RecordKind::VisitPlan => rows::<VisitPlan>(store, scope, s, lang, each),
        RecordKind::VisitReport => rows::<VisitReport>(store, scope, s, lang, each),
        RecordKind::Contract => rows::<Contract>(store, scope, s, lang, each),
        RecordKind::Payment => rows::<Payment>(store, scope, s, lang, each),
        RecordKind::Entertainment => rows::<Entertainment>(store, scope, s, lang, each),
        RecordKind::Gift => rows::<Gift>(store, scope, s, lang, each),
        RecordKind::Competitor => rows::<Competitor>(store, scope, s, lang, each),
        RecordKind::EventAttendance => rows::<EventAttendance>(store, scope, s, lang, each),
        RecordKind::ReturnClaim => rows::<ReturnClaim>(store, scope, s, lang, each),
        RecordKind::Product => {
            for p in scope.products(store)? {
                each(super::cells::cells_of(s, "", &p, lang))?;
            }
            Ok(())
        }
        RecordKind::Target => {
            for t in scope.targets(store)? {
                each(super::cells::cells_of(s, "", &t, lang))?;
            }
            Ok(())
        }
    }
}

/// The section with a column for each of the book's custom fields of its kind.
fn with_custom(store: &Store, s: Section) -> Result<Section> {
    let names = store
        .custom_fields_of(s.kind)?
        .into_iter()
        .map(|f| f.name)
        .collect();
    Ok(s.with_custom(names))
}

/// A CSV writer's failure as what it is: a full disk is the disk's (named as such by the
/// folder), not the CSV's.
fn csv_error(e: csv::Error) -> anyhow::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io.into(),
        other => anyhow::anyhow!("cannot write CSV: {other:?}"),
    }
}

/// The CSV export as the folder `dir` (whole or not at all, see `folder.rs`): one file per
/// section with rows, UTF-8 with a byte-order mark, formula-like cells defused. `done` is
/// told each row written.
pub fn write_csv(
    store: &Store,
    scope: &Scope,
    lang: Lang,
    dir: &Path,
    done: &dyn Fn(u64),
) -> Result<()> {
    let rates = rates(store)?;
    super::folder::write_folder_streamed(dir, &csv_names(), |folder| {
        for kind in KINDS {
            let s = with_custom(
                store,
                Section {
                    rates: rates.clone(),
                    ..section_of(kind)
                },
            )?;
            folder.file(&csv_name(s.table), |file| {
                file.write_all(b"\xEF\xBB\xBF")?;
                let mut w = csv::Writer::from_writer(file);
                w.write_record(s.headers(lang)).map_err(csv_error)?;
                let mut rows = 0u64;
                each_row(store, scope, &s, lang, &mut |cells| {
                    w.write_record(cells.into_iter().map(super::formula::defuse))
                        .map_err(csv_error)?;
                    rows += 1;
                    if rows.is_multiple_of(1024) {
                        done(1024);
                    }
                    Ok(())
                })?;
                done(rows % 1024);
                w.flush()?;
                Ok(rows > 0)
            })?;
        }
        // The attachments listed, after the sections (no bytes: see attachment_table.rs).
        let listed = super::attachment_table::rows(store, scope)?;
        folder.file(super::attachment_table::CSV_NAME, |file| {
            file.write_all(b"\xEF\xBB\xBF")?;
            let mut w = csv::Writer::from_writer(file);
            w.write_record(super::attachment_table::headers(lang))
                .map_err(csv_error)?;
            for row in &listed {
                w.write_record(row.iter().map(|c| super::formula::defuse(c.clone())))
                    .map_err(csv_error)?;
            }
            w.flush()?;
            Ok(!listed.is_empty())
        })?;
        // The accounts' plans, joined by code (plan_table.rs).
        let plans = super::plan_table::rows(store, scope.code(), lang)?;
        folder.file(super::plan_table::CSV_NAME, |file| {
            file.write_all(&super::plan_table::csv_bytes(&plans, lang)?)?;
            Ok(!plans.is_empty())
        })?;
        // The custom fields' definitions: what their columns are (custom_field_table.rs).
        let defs = store.custom_fields()?;
        folder.file(super::custom_field_table::CSV_NAME, |file| {
            file.write_all(&super::custom_field_table::csv_bytes(&defs, lang)?)?;
            Ok(!defs.is_empty())
        })?;
        Ok(())
    })
}

/// The workbook export to `out`: one sheet per section (the empty ones too), written row by
/// row; the sheets' temporary files go in `tmpdir` (beside the export: a temporary folder
/// in memory would hold them all). `done` is told each row written.
pub fn write_xlsx(
    store: &Store,
    scope: &Scope,
    lang: Lang,
    tmpdir: &Path,
    out: &mut (impl Write + Send),
    done: &dyn Fn(u64),
) -> Result<()> {
    let mut book = Workbook::new();
    book.set_tempdir(tmpdir)?;
    let header = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let rates = rates(store)?;
    for kind in KINDS {
        let s = with_custom(
            store,
            Section {
                rates: rates.clone(),
                ..section_of(kind)
            },
        )?;
        let sheet = book.add_worksheet_with_constant_memory()?;
        sheet.set_name(xlsx_sheet_name(&s, lang))?;
        let headers = s.headers(lang);
        for (c, h) in headers.iter().enumerate() {
            sheet.set_column_width(
                c as u16,
                (unicode_width::UnicodeWidthStr::width(h.as_str()) as f64 + 2.0).max(10.0),
            )?;
        }
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &header)?;
        }
        let mut rows = 0u32;
        each_row(store, scope, &s, lang, &mut |cells| {
            rows += 1;
            for (c, text) in cells.iter().enumerate() {
                xlsx_cell(sheet, &s, rows, c, text, &money, &date)?;
            }
            if rows.is_multiple_of(1024) {
                done(1024);
            }
            Ok(())
        })?;
        done(u64::from(rows % 1024));
        sheet.set_freeze_panes(1, 0)?;
        if !headers.is_empty() {
            sheet.autofilter(0, 0, rows, headers.len() as u16 - 1)?;
        }
    }
    // The attachments listed, on a last sheet when the book has any (no bytes).
    super::attachment_table::write_sheet(
        &mut book,
        &super::attachment_table::rows(store, scope)?,
        lang,
    )?;
    let plans = super::plan_table::rows(store, scope.code(), lang)?;
    super::plan_table::write_sheet(&mut book, &plans, lang)?;
    super::custom_field_table::write_sheet(&mut book, &store.custom_fields()?, lang)?;
    book.save_to_writer(out)?;
    Ok(())
}
