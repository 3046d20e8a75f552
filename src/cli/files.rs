//! Data into the book on the command line: importing a file (with its progress bar) and
//! generated demo data. (Data out is `export.rs`.)

use super::progress::Bar;
use super::{ImportArgs, Invocation};
use crate::i18n::t;
use anyhow::{Context, Result};
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

/// `kam import FILE`: a JSON export is restored; a sheet or address book is imported, all of
/// it or none.
pub fn import(cx: &Invocation, args: &ImportArgs, out: &mut impl Write) -> Result<()> {
    let (file, dry_run) = (args.file.as_path(), args.dry_run);
    let overrides = match &args.map {
        Some(m) => crate::exchange::headers::parse_map(m)?,
        None => vec![],
    };
    let started = std::time::Instant::now();
    let is_json = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let doc = crate::exchange::json::parse(&text)?;
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
        writeln!(
            out,
            "{}: {:.2} s",
            t(cx.lang, "cli-time"),
            started.elapsed().as_secs_f64()
        )?;
        return Ok(());
    }
    let table = crate::exchange::read_file(file, args.sheet.as_deref())?;
    let mut store = cx.write()?;
    let bar = Bar::new(cx.lang, "progress-import", "progress-accounts");
    let summary = crate::exchange::import::import_table(
        &mut store,
        &table,
        &overrides,
        dry_run,
        &mut |done, total| bar.show(done as u64, total as u64),
    );
    bar.finish();
    let summary = summary?;
    write!(out, "{}", summary.to_text(cx.lang, started.elapsed()))?;
    Ok(())
}
