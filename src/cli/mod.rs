//! The command line. Command names, options and output shapes are a contract scripts rely
//! on: change them only by adding.

pub use crate::exchange::write_private;
use crate::i18n::Lang;
use crate::store::{self, Access, Store};
use crate::text_safety::{cell, write_json};
use anyhow::{anyhow, bail, Result};
use clap::Parser;
use std::io::Write;

mod commands;
mod files;
mod reports;
mod safety;
pub use commands::*;
pub use safety::unlock;
use std::path::{Path, PathBuf};

/// Runs kam and returns the process exit status. Every error becomes one sentence on
/// stderr starting with `error:`.
pub fn main() -> i32 {
    // A bug must not greet the user with a backtrace: one sentence, and the reassurance that
    // acknowledged saves are on disk. (The interface adds its own hook that restores the
    // terminal first and then calls this one.)
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "error: kam stopped on an internal error ({what}); everything saved before is safe on disk. Please report this"
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind::*;
            if matches!(
                e.kind(),
                DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return 0;
            }
            eprintln!(
                "error: {} (see kam --help)",
                clap_sentence(&e.render().to_string())
            );
            return 1;
        }
    };
    let result = run(cli);
    if std::env::var_os("KAM_REPORT_PEAK").is_some() {
        // For `kam bench`, which runs kam in child processes.
        if let Some(mb) = crate::bench::peak_mb() {
            eprintln!("peak memory: {mb:.1} MB");
        }
    }
    match result {
        Ok(code) => code,
        // A closed pipe (`kam report daily | head`) is the reader's choice, not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            0
        }
        Err(e) => {
            // An error may quote a stored name: shown safely (an import's list of bad rows
            // keeps its lines).
            eprintln!("error: {}", crate::text_safety::text(&sentence(&e)));
            1
        }
    }
}

/// clap's message as one line: its first paragraph joined, so "the following required
/// arguments were not provided:" keeps the `<QUERY>` that clap puts on the next line (taking
/// only the first line lost it), without the usage and tips that follow the blank line.
fn clap_sentence(text: &str) -> String {
    let para: Vec<&str> = text
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    let joined = para.join(" ");
    let joined = joined.strip_prefix("error:").unwrap_or(&joined).trim();
    if joined.is_empty() {
        "bad arguments".to_string()
    } else {
        joined.to_string()
    }
}

/// The chain of an error as one line.
pub fn sentence(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = vec![];
    for cause in e.chain() {
        let db = cause.downcast_ref::<rusqlite::Error>();
        let text = match db {
            Some(db) => store::describe(db),
            None => cause.to_string(),
        };
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        if matches!(db, Some(rusqlite::Error::SqliteFailure(..))) {
            // Its source is SQLite's own code and words ("Error code 13: database or disk
            // is full"), which the description above already says plainly.
            break;
        }
    }
    parts.join(": ")
}

pub fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) if p.as_os_str().is_empty() => bail!("--db needs a file path"),
        Some(p) => Ok(p.clone()),
        None => store::default_path(),
    }
}

pub fn lang(cli: &Cli) -> Result<Lang> {
    match &cli.lang {
        Some(l) => Lang::parse(l).ok_or_else(|| anyhow!("unknown language {l:?}; use zh or en")),
        None => Ok(Lang::from_env()),
    }
}

fn run(cli: Cli) -> Result<i32> {
    let path = db_path(&cli)?;
    let lang = lang(&cli)?;
    // A plain copy a killed `decrypt` left goes first: it needs no passphrase.
    crate::store::recovery::remove_half_made_copies(&path)?;
    // An encrypted database: its passphrase first, for every command and the interface.
    if crate::store::cipher::is_encrypted(&path) {
        use std::io::IsTerminal;
        if std::env::var_os("KAM_PASSPHRASE").is_none() && !std::io::stdin().is_terminal() {
            // Random bytes look like an encrypted file: say both.
            bail!(
                "{} is not a kam database (it is not an SQLite file), or it is encrypted: set KAM_PASSPHRASE, or run kam in a terminal to be asked for its passphrase; it was left unchanged",
                path.display()
            );
        }
        match std::env::var("KAM_PASSPHRASE") {
            // From a script: a wrong one is one sentence at the first read.
            Ok(_) => {
                let p = safety::ask_passphrase("KAM_PASSPHRASE", "")?;
                crate::store::cipher::set_passphrase(Some(p));
            }
            // Typed: a slip of the finger is asked again, as a bank's app would.
            Err(_) => unlock(&path, |_| {
                safety::ask_passphrase(
                    "KAM_PASSPHRASE",
                    &format!("passphrase for {}: ", path.display()),
                )
            })?,
        }
    }
    // Everything printed passes the guard: stored text cannot drive the reader's terminal
    // (issue 14). Tab-separated rows also show a TAB or newline inside a value ([`cell`]).
    let mut out = crate::text_safety::Guard::text(std::io::stdout().lock());
    match &cli.command {
        None => {
            use std::io::IsTerminal;
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                bail!(
                    "the interface needs a terminal; for scripts use the commands in `kam --help`"
                );
            }
            let store = Store::open(&path, Access::Write)?;
            let mut app = crate::app::App::new_deferred(store, lang)?;
            app.show_reminders_in_background();
            app.start_daily_backup();
            let minutes = std::env::var("KAM_LOCK_MINUTES")
                .ok()
                .and_then(|m| m.trim().parse().ok());
            app.lock_after(minutes);
            drop(out);
            crate::tui::run_terminal(&mut app)?;
            return Ok(0);
        }
        Some(Command::Demo { accounts, seed }) => {
            let mut store = Store::open(&path, Access::Write)?;
            let started = std::time::Instant::now();
            let s = crate::demo::generate(&mut store, *accounts, *seed)?;
            eprintln!(
                "demo: {} accounts, {} contacts, {} other records in {:.1} s into {}",
                s.accounts,
                s.contacts,
                s.records,
                started.elapsed().as_secs_f64(),
                path.display()
            );
        }
        Some(Command::Search { query, limit, json }) => {
            let store = Store::open(&path, Access::Read)?;
            // Ranked over the stored records as read; the few accounts found are read after.
            let hits = crate::search::search_stored(&store, query, *limit)?;
            let mut rows = Vec::with_capacity(hits.len());
            if hits.len() <= 256 {
                for h in &hits {
                    rows.extend(store.account_summary(h.account_id)?);
                }
            } else {
                // Many hits (a listing of the whole book): one pass over every summary.
                let mut all: std::collections::HashMap<i64, _> = store
                    .account_summaries()?
                    .into_iter()
                    .map(|a| (a.id, a))
                    .collect();
                rows.extend(hits.iter().filter_map(|h| all.remove(&h.account_id)));
            }
            if *json {
                let docs: Vec<_> = rows
                    .iter()
                    .map(|a| {
                        serde_json::json!({
                            "code": a.code, "name": a.name,
                            "primary_contact": a.primary_contact, "phone": a.primary_phone,
                        })
                    })
                    .collect();
                write_json(&mut out, &docs)?;
            } else {
                for a in rows {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        cell(&a.code),
                        cell(&a.name),
                        cell(a.primary_contact.as_deref().unwrap_or("")),
                        cell(a.primary_phone.as_deref().unwrap_or(""))
                    )?;
                }
            }
        }
        Some(Command::SaveLoop { count }) => {
            crate::cli::safety::save_loop(&path, count, &mut out)?;
        }
        Some(Command::Forget { who }) => {
            crate::cli::safety::forget(&path, who, &mut out)?;
        }
        Some(Command::Encrypt) => {
            crate::cli::safety::encrypt(&path, &mut out)?;
        }
        Some(Command::Decrypt) => {
            crate::cli::safety::decrypt(&path, &mut out)?;
        }
        Some(Command::Rekey) => {
            crate::cli::safety::rekey(&path, &mut out)?;
        }
        Some(Command::Restore { file }) => {
            crate::cli::safety::restore(&path, file, &mut out)?;
        }
        Some(Command::Duplicates { json }) => {
            crate::cli::files::duplicates(&path, json, &mut out)?;
        }
        Some(Command::Merge { keep, drop }) => {
            crate::cli::files::merge(&path, keep, drop, &mut out)?;
        }
        Some(Command::Import {
            file,
            dry_run,
            map,
            sheet,
        }) => {
            crate::cli::files::import(&path, file, dry_run, map, sheet, lang, &mut out)?;
        }
        Some(Command::Bench {
            accounts,
            notes,
            seed,
            start_only,
        }) => {
            if *start_only {
                crate::bench::start_only(&path)?;
            } else {
                let size = crate::bench::Size {
                    accounts: *accounts,
                    notes: *notes,
                    seed: *seed,
                };
                crate::bench::run(&path, &size)?;
            }
        }
        Some(Command::Notes {
            query,
            account,
            limit,
            json,
        }) => {
            let store = Store::open(&path, Access::Read)?;
            let account_id = match account {
                Some(code) => Some(
                    store
                        .account_by_code(code)?
                        .ok_or_else(|| anyhow!("there is no account with code {code}"))?
                        .id,
                ),
                None => None,
            };
            let hits = store.search_notes(query, account_id, *limit)?;
            if *json {
                write_json(&mut out, &hits)?;
            } else {
                for h in &hits {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        cell(&h.account_code),
                        cell(&h.account_name),
                        h.date,
                        h.entity,
                        cell(&h.snippet)
                    )?;
                }
            }
        }
        Some(Command::Export {
            format: ExportFormat::Json,
            out: file,
            account,
            include_personal,
        }) => {
            let store = Store::open(&path, Access::Read)?;
            let mut doc = export_document(&store, account.as_deref())?;
            if !include_personal {
                doc.without_personal();
            }
            match file {
                Some(f) => write_private(f, |w| Ok(write_json(w, &doc)?))?,
                None => write_json(&mut out, &doc)?,
            }
        }
        Some(Command::Export {
            format: ExportFormat::Ics,
            out: file,
            account: None,
            ..
        }) => {
            let store = Store::open(&path, Access::Read)?;
            let today = store.now().date();
            let ics = calendar(&store, today)?;
            emit(&mut out, file.as_deref(), &ics)?;
        }
        Some(Command::Export {
            format: ExportFormat::Ics,
            account: Some(_),
            ..
        }) => bail!("the calendar holds every account's plans; --account is for the other formats"),
        Some(Command::Export {
            format: ExportFormat::Csv,
            include_personal: _,
            out,
            account,
        }) => {
            let Some(dir) = out else {
                bail!("CSV is one file per section; give --out DIRECTORY");
            };
            let store = Store::open(&path, Access::Read)?;
            let doc = export_document(&store, account.as_deref())?;
            let files = crate::exchange::tables::to_csv(&doc, lang)?;
            let earlier = crate::exchange::tables::csv_names();
            crate::exchange::folder::write_folder_private(dir, &files, &earlier)?;
        }
        Some(Command::Export {
            format: ExportFormat::Xlsx,
            include_personal: _,
            out: file,
            account,
        }) => {
            let Some(file) = file else {
                bail!("a workbook is not text; give --out FILE.xlsx");
            };
            let store = Store::open(&path, Access::Read)?;
            let doc = export_document(&store, account.as_deref())?;
            let bytes = crate::exchange::tables::to_xlsx(&doc, lang)?;
            write_private(file, |w| Ok(w.write_all(&bytes)?))?;
        }
        Some(Command::Export {
            format: ExportFormat::Md,
            include_personal: _,
            out: file,
            account,
        }) => {
            let Some(code) = account else {
                bail!("the Markdown dossier is of one account; give --account CODE");
            };
            let store = Store::open(&path, Access::Read)?;
            let doc = export_document(&store, Some(code))?;
            let text = crate::exchange::tables::to_markdown(&doc, lang);
            emit(&mut out, file.as_deref(), &text)?;
        }
        Some(Command::Export {
            format: ExportFormat::Vcf,
            include_personal: _,
            out: file,
            account,
        }) => {
            let store = Store::open(&path, Access::Read)?;
            let doc = export_document(&store, account.as_deref())?;
            let contacts: Vec<(String, crate::domain::Contact)> = doc
                .accounts
                .into_iter()
                .flat_map(|a| {
                    let org = a.account.name.clone();
                    a.contacts.into_iter().map(move |c| (org.clone(), c))
                })
                .collect();
            emit(
                &mut out,
                file.as_deref(),
                &crate::exchange::vcard::write(&contacts),
            )?;
        }
        Some(Command::Report { kind }) => {
            let store = Store::open(&path, Access::Read)?;
            reports::run(&store, kind, lang, &mut out)?;
        }
        Some(Command::Remind { days, json }) => {
            let store = Store::open(&path, Access::Read)?;
            let list = crate::visits::reminders(&store, store.now().date(), *days)?;
            if *json {
                write_json(&mut out, &list)?;
            } else if list.is_empty() {
                writeln!(out, "{}", crate::i18n::t(lang, "remind-none"))?;
            } else {
                for r in &list {
                    writeln!(out, "{}\t{}", r.date, cell(&r.text(lang)))?;
                }
            }
        }
        Some(Command::Backup { file }) => {
            let store = Store::open(&path, Access::Read)?;
            store.backup_to(file)?;
            eprintln!("backup written to {}", file.display());
        }
        Some(Command::Check { full }) => {
            let store = Store::open(&path, Access::Read)?;
            let h = store.health()?;
            // The indexes are only worth comparing in a file whose pages are sound.
            let derived = if h.integrity == ["ok"] {
                Some(store.derived_health(*full)?)
            } else {
                None
            };
            writeln!(out, "database: {}", path.display())?;
            writeln!(out, "integrity: {}", h.integrity.join("; "))?;
            writeln!(
                out,
                "schema version: {} (this kam: {})",
                h.schema_version, h.program_schema_version
            )?;
            writeln!(out, "foreign key problems: {}", h.foreign_key_problems)?;
            for (table, live, trashed) in &h.counts {
                writeln!(out, "{table}\t{live}\t{trashed} in trash")?;
            }
            if let Some(d) = &derived {
                let how = if d.full { "all" } else { "a sample" };
                writeln!(
                    out,
                    "note index: {} of {} notes wrong ({how})",
                    d.notes_wrong, d.notes_checked
                )?;
                writeln!(
                    out,
                    "finder records: {} wrong among {} accounts ({} compared in full)",
                    d.records_wrong, d.accounts, d.records_checked
                )?;
            }
            if !h.is_ok() {
                eprintln!("error: the database is not healthy; restore it from a backup");
                return Ok(1);
            }
            if derived.as_ref().is_some_and(|d| !d.is_ok()) {
                eprintln!("error: the search indexes disagree with the data (searches may miss what is there); run `kam reindex` to rebuild them");
                return Ok(1);
            }
            writeln!(out, "ok")?;
        }
        Some(Command::Reindex) => {
            let mut store = Store::open(&path, Access::Write)?;
            store.reindex()?;
            let d = store.derived_health(true)?;
            writeln!(
                out,
                "rebuilt the note index ({} notes) and the finder's records ({} accounts)",
                d.notes_checked, d.accounts
            )?;
        }
        Some(Command::History {
            code,
            include_personal,
        }) => {
            let store = Store::open(&path, Access::Read)?;
            let account = store
                .account_by_code(code)?
                .ok_or_else(|| anyhow!("there is no account with code {code}"))?;
            for mut c in store.history(account.id)? {
                // The personal dossier is shown only when asked for, as in the interface.
                if c.is_personal() && !include_personal {
                    for v in [&mut c.old_value, &mut c.new_value] {
                        if v.is_some() {
                            *v = Some("(personal)".into());
                        }
                    }
                }
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}#{}\t{}\t{}\t{}",
                    c.at,
                    cell(&c.actor),
                    c.op.code(),
                    c.entity,
                    c.row_id,
                    cell(c.field.as_deref().unwrap_or("")),
                    cell(c.old_value.as_deref().unwrap_or("")),
                    cell(c.new_value.as_deref().unwrap_or(""))
                )?;
            }
        }
    }
    out.flush().or_else(|e| {
        // A closed pipe (`kam search x | head`) is not an error.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    Ok(0)
}

/// A `--date` value, or today when none is given.
fn parse_date(text: Option<&str>, today: chrono::NaiveDate) -> Result<chrono::NaiveDate> {
    match text {
        None => Ok(today),
        Some(t) => chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map_err(|_| anyhow!("{t:?} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23")),
    }
}

/// Text to standard output, or to an owner-only file.
/// The whole book, or one account of it.
fn export_document(
    store: &Store,
    account: Option<&str>,
) -> Result<crate::exchange::json::Document> {
    let doc = crate::exchange::json::export(store)?;
    match account {
        Some(code) => doc.only(code),
        None => Ok(doc),
    }
}

/// Text for people (ics, vcf, Markdown): shown safely in a file too, since it is read with
/// `cat` as often as with a program.
fn emit(out: &mut impl Write, file: Option<&Path>, text: &str) -> Result<()> {
    let text = crate::text_safety::text(text);
    match file {
        Some(f) => write_private(f, |w| Ok(w.write_all(text.as_bytes())?)),
        None => Ok(out.write_all(text.as_bytes())?),
    }
}

/// The calendar: visit plans from today on, and the reminders of the next two weeks.
fn calendar(store: &Store, today: chrono::NaiveDate) -> Result<String> {
    let accounts: std::collections::HashMap<i64, String> = store
        .all::<crate::domain::Account>()?
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.code, a.name)))
        .collect();
    let plans: Vec<_> = store
        .all::<crate::domain::VisitPlan>()?
        .into_iter()
        .filter(|p| p.planned_at.is_some_and(|at| at.date() >= today))
        .filter(|p| p.status != Some(crate::domain::PlanStatus::Cancelled))
        .map(|p| {
            let account = accounts.get(&p.account_id).cloned().unwrap_or_default();
            (p, account)
        })
        .collect();
    // Planned visits are events of their own; their reminders would show them twice.
    let reminders: Vec<_> = crate::visits::reminders(store, today, 14)?
        .into_iter()
        .filter(|r| {
            !matches!(
                r.kind,
                crate::visits::ReminderKind::PlannedToday
                    | crate::visits::ReminderKind::PlannedThisWeek
            )
        })
        .collect();
    Ok(crate::visits::to_ics(&plans, &reminders))
}

#[cfg(test)]
mod tests {
    use super::clap_sentence;

    #[test]
    fn clap_messages_become_one_line() {
        let missing = "error: the following required arguments were not provided:\n  <QUERY>\n\nUsage: kam search <QUERY>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            clap_sentence(missing),
            "the following required arguments were not provided: <QUERY>"
        );
        let unknown = "error: unexpected argument '--x' found\n\n  tip: to pass '--x' as a value, use '-- --x'\n\nUsage: kam [OPTIONS]\n";
        assert_eq!(clap_sentence(unknown), "unexpected argument '--x' found");
        assert_eq!(clap_sentence(""), "bad arguments");
    }
}
