//! Data into the book on the command line: importing a file (with its progress bar) and
//! generated demo data. (Data out is `export.rs`.)

use super::progress::Bar;
use super::{ImportArgs, Invocation};
use crate::i18n::t;
use anyhow::Result;
use std::io::Write;

/// `kam demo`: realistic generated accounts, the count and time on standard error.
pub fn demo(cx: &Invocation, accounts: usize, seed: u64) -> Result<()> {
    let mut store = cx.write()?;
    let started = std::time::Instant::now();
    let bar = Bar::new(cx.lang, "progress-demo", "progress-accounts");
    bar.set_total(accounts as u64);
    let s = crate::demo::generate_told(&mut store, accounts, seed, &|n| bar.inc(n));
    bar.finish();
    let s = s?;
    eprintln!(
        "demo: {} accounts, {} contacts, {} other records in {:.1} s into {}",
        s.accounts,
        s.contacts,
        s.records,
        started.elapsed().as_secs_f64(),
        cx.path.display()
    );
    Ok(())
}

/// `kam import FILE`: a JSON export is restored; a sheet or address book is imported, its
/// good rows in and the others set aside with their reasons (`--strict`: all or nothing).
/// `kam import --undo` takes the last import back.
pub fn import(cx: &Invocation, args: &ImportArgs, out: &mut impl Write) -> Result<()> {
    if args.undo {
        let mut store = cx.write()?;
        let u = store.undo_last_import()?;
        writeln!(
            out,
            "{}",
            crate::i18n::t_args(
                cx.lang,
                "import-undone",
                &[
                    ("file", u.file.into()),
                    ("at", u.at.into()),
                    ("removed", u.records_removed.into()),
                    ("restored", u.fields_restored.into()),
                ],
            )
        )?;
        return Ok(());
    }
    // clap asks for FILE unless --undo is given.
    let Some(file) = args.file.as_deref() else {
        anyhow::bail!(crate::i18n::Said::new("cli-import-needs-file"));
    };
    let dry_run = args.dry_run;
    let overrides = match &args.map {
        Some(m) => crate::exchange::headers::parse_map(m)?,
        None => vec![],
    };
    let started = std::time::Instant::now();
    let is_json = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    // kam's own CSV folder or Excel workbook: every section back, joined by account code.
    let found = if crate::exchange::sections_in::is_export_folder(file) {
        Some(crate::exchange::sections_in::found_in_folder(file)?)
    } else if args.sheet.is_none()
        && file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        let bytes = std::fs::read(file).map_err(|e| crate::i18n::Said::cannot_read(file, &e))?;
        if crate::exchange::sections_in::is_export_workbook(&bytes) {
            Some(crate::exchange::sections_in::found_in_workbook(&bytes)?)
        } else {
            None
        }
    } else {
        None
    };
    // Into a book that already holds accounts, an export (edited or not) updates it by code.
    if let Some(found) = &found {
        let mut store = cx.write()?;
        if !store.rehearse(|w| w.is_empty_book())? {
            let records = crate::exchange::sections_in::sheet_records(found)?;
            let name = file.display().to_string();
            let done = crate::exchange::update_book::update(
                &mut store,
                &records,
                &found.plans,
                &name,
                dry_run,
                cx.lang,
            )?;
            write!(out, "{}", done.to_text(cx.lang))?;
            return Ok(());
        }
    }
    // The attachments a sheet lists come without their files: not restored, and said so.
    let listed_in_sheet = found.as_ref().map_or(0, |f| f.attachments_listed);
    let own_sections = found
        .map(crate::exchange::sections_in::document)
        .transpose()?;
    if is_json || own_sections.is_some() {
        let doc = match own_sections {
            Some(doc) => doc,
            None => {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| crate::i18n::Said::cannot_read(file, &e))?;
                crate::exchange::json::parse(&text)?
            }
        };
        let mut store = cx.write()?;
        let n = crate::exchange::json::restore(&mut store, doc, dry_run)?;
        if dry_run {
            writeln!(out, "{}", t(cx.lang, "cli-restore-dry-run"))?;
        }
        writeln!(
            out,
            "{}: {}",
            t(cx.lang, "cli-accounts-restored"),
            n.accounts
        )?;
        writeln!(out, "{}: {}", t(cx.lang, "cli-records-restored"), n.records)?;
        if listed_in_sheet > 0 {
            writeln!(
                out,
                "{}",
                crate::i18n::t_args(
                    cx.lang,
                    "cli-attachments-sheet-not-restored",
                    &[("count", listed_in_sheet.into())]
                )
            )?;
        }
        if n.files_without_bytes > 0 {
            writeln!(
                out,
                "{}",
                crate::i18n::t_args(
                    cx.lang,
                    "cli-attachments-not-restored",
                    &[("count", n.files_without_bytes.into())]
                )
            )?;
        }
        if n.the_managers_left_out > 0 {
            let count = n.the_managers_left_out.into();
            let said = crate::i18n::t_args(cx.lang, "team-import-left-out", &[("count", count)]);
            writeln!(out, "{said}")?;
        }
        writeln!(
            out,
            "{}: {:.2} s",
            t(cx.lang, "cli-time"),
            started.elapsed().as_secs_f64()
        )?;
        return Ok(());
    }
    // A UTF-8 CSV is read from disk in each pass, not held (see `exchange::sheet`).
    let table = crate::exchange::sheet::open(file, args.sheet.as_deref())?;
    let mut store = cx.write()?;
    let bar = Bar::new(cx.lang, "progress-import", "progress-accounts");
    let options = crate::exchange::import::Options {
        overrides,
        dry_run,
        strict: args.strict,
        lang: cx.lang,
        file: file.display().to_string(),
    };
    let summary =
        crate::exchange::import::import_table(&mut store, &*table, &options, &mut |done, total| {
            bar.show(done as u64, total as u64)
        });
    bar.finish();
    let summary = summary?;
    let rejected = args
        .rejected
        .clone()
        .unwrap_or_else(|| crate::exchange::import::rejected::default_path(file));
    let written = if !summary.set_aside.is_empty() && !dry_run {
        crate::exchange::import::rejected::write(&rejected, &*table, &summary.set_aside, cx.lang)?;
        Some(rejected.as_path())
    } else {
        None
    };
    write!(
        out,
        "{}",
        summary.to_text(cx.lang, started.elapsed(), written)
    )?;
    Ok(())
}
