//! Files in and out on the command line: import (with its progress line), probable
//! duplicates and merging them.

use crate::store::{Access, Store};
use crate::text_safety::cell;
use anyhow::{anyhow, Context, Result};
use std::io::Write;
use std::path::Path;

pub fn duplicates(path: &Path, json: &bool, out: &mut impl Write) -> Result<()> {
    let store = Store::open(path, Access::Read)?;
    let accounts = crate::duplicates::account_duplicates(&store)?;
    let contacts = crate::duplicates::contact_duplicates(&store)?;
    if *json {
        let doc = serde_json::json!({ "accounts": accounts, "contacts": contacts });
        crate::text_safety::write_json(out, &doc)?;
    } else {
        for g in &accounts {
            let who: Vec<String> = g
                .accounts
                .iter()
                .map(|a| format!("{} {}", a.code, cell(&a.name)))
                .collect();
            writeln!(
                out,
                "accounts\t{}: {}\t{}",
                g.reason.text(),
                cell(&g.key),
                who.join(" | ")
            )?;
        }
        for c in &contacts {
            writeln!(
                out,
                "contacts\t{}\t{} {}\t{}",
                c.reason.text(),
                c.account.code,
                cell(&c.account.name),
                cell(&c.names.join(" | "))
            )?;
        }
        if accounts.is_empty() && contacts.is_empty() {
            writeln!(out, "no probable duplicates")?;
        }
    }
    Ok(())
}

pub fn merge(path: &Path, keep: &str, drop: &str, out: &mut impl Write) -> Result<()> {
    let mut store = Store::open(path, Access::Write)?;
    let find = |code: &str| -> Result<crate::domain::Account> {
        store
            .account_by_code(code)?
            .ok_or_else(|| anyhow!("there is no account with code {code}"))
    };
    let (k, d) = (find(keep)?, find(drop)?);
    let m = store.write(|w| w.merge_accounts(k.id, d.id))?;
    writeln!(
        out,
        "merged {} {} into {} {}: {} records moved, {} empty fields filled; {} is in the trash (restore it to undo)",
        d.code,
        cell(&d.name),
        k.code,
        cell(&k.name),
        m.records_moved,
        m.fields_filled,
        d.code
    )?;
    Ok(())
}

pub fn import(
    path: &Path,
    file: &Path,
    dry_run: &bool,
    map: &Option<String>,
    sheet: &Option<String>,
    lang: crate::i18n::Lang,
    out: &mut impl Write,
) -> Result<()> {
    let overrides = match map {
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
        let mut store = Store::open(path, Access::Write)?;
        let n = crate::exchange::json::restore(&mut store, doc, *dry_run)?;
        if *dry_run {
            writeln!(
                out,
                "dry run: nothing was changed; this is what the import would do"
            )?;
        }
        writeln!(out, "accounts restored: {}", n.accounts)?;
        writeln!(out, "other records restored: {}", n.records)?;
        writeln!(out, "time: {:.2} s", started.elapsed().as_secs_f64())?;
        return Ok(());
    }
    let table = crate::exchange::read_file(file, sheet.as_deref())?;
    let mut store = Store::open(path, Access::Write)?;
    let mut bar = Progress::new(started);
    let summary = crate::exchange::import::import_table(
        &mut store,
        &table,
        &overrides,
        *dry_run,
        &mut |done, total| bar.show(done, total),
    )?;
    bar.finish();
    write!(out, "{}", summary.to_text(lang, started.elapsed()))?;
    Ok(())
}

/// A progress line on standard error for imports that take more than a second, redrawn in
/// place; nothing when standard error is not a terminal.
struct Progress {
    started: std::time::Instant,
    shown: bool,
    tty: bool,
}

impl Progress {
    fn new(started: std::time::Instant) -> Progress {
        use std::io::IsTerminal;
        Progress {
            started,
            shown: false,
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, done: usize, total: usize) {
        if !self.tty || total == 0 || !done.is_multiple_of(500) && done != total {
            return;
        }
        if self.started.elapsed().as_secs_f64() < 1.0 {
            return;
        }
        let width = 30;
        let filled = done * width / total;
        eprint!(
            "\rimporting [{}{}] {done}/{total} accounts",
            "#".repeat(filled),
            "-".repeat(width - filled)
        );
        self.shown = true;
    }

    fn finish(&self) {
        if self.shown {
            eprintln!();
        }
    }
}
