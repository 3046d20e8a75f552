//! The command line. Command names, options and output shapes are a contract scripts rely
//! on: change them only by adding.

pub use crate::exchange::write_private;
use crate::i18n::Lang;
use crate::store::{self, Access, Store};
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;

mod files;
mod safety;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "kam",
    version,
    about = "A key-account manager that lives in the terminal"
)]
pub struct Cli {
    /// The database file (default: the platform data directory's kam/kam.db).
    #[arg(long, global = true, env = "KAM_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Language of the interface: zh or en (default: the system locale, else English).
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill the database with realistic generated accounts (deterministic for a seed).
    Demo {
        #[arg(long, default_value_t = 200)]
        accounts: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Find accounts by name, short name, code, contact, phone or email; pinyin and initials
    /// find Chinese names. Prints code, name, primary contact and phone, best match first.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Search the notes (visit reports, service records, feedback, communication log), newest
    /// first: Chinese by characters (one is enough), other text by the start of words. Prints
    /// account code, account name, date, kind and the matching text.
    Notes {
        query: String,
        /// Only the notes of the account with this code.
        #[arg(long, value_name = "CODE")]
        account: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Measure the performance targets on a big generated book (see README "Performance").
    /// Makes the book at --db first when it does not exist (100,000 accounts, ~1M notes:
    /// minutes); then measures. It writes benchmark visits into that book.
    Bench {
        #[arg(long, default_value_t = 100_000)]
        accounts: usize,
        #[arg(long, default_value_t = 1_000_000)]
        notes: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Only open the book and draw the first frame (the bench runs this in a child).
        #[arg(long, hide = true)]
        start_only: bool,
    },
    /// Write everything (or one account) as a document.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write to FILE (owner-only) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Only this account (its code): everything held about one customer.
        #[arg(long, value_name = "CODE")]
        account: Option<String>,
        /// Include contacts' personal dossiers (family, health, habits) in a JSON export;
        /// left out otherwise.
        #[arg(long)]
        include_personal: bool,
    },
    /// Bring accounts and contacts in from a sheet (.csv in UTF-8 or GBK, .xlsx, .xls) or an
    /// address book (.vcf). All of the file or none of it; rows already in the book are
    /// updated, not doubled.
    Import {
        file: PathBuf,
        /// Report what would happen and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Say what columns mean: "Header=field,Other=contact.mobile,Skip=-".
        #[arg(long, value_name = "HEADER=FIELD,…")]
        map: Option<String>,
        /// The sheet of a workbook to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
    /// Probable duplicate accounts (same registration number, same name once spaces,
    /// full-width characters and 有限公司/Co., Ltd. are evened out, a contact's phone or email
    /// in common) and contacts entered twice in one account.
    Duplicates {
        #[arg(long)]
        json: bool,
    },
    /// Merge account DROP into KEEP: every contact, deal, visit and record moves to KEEP,
    /// KEEP's empty fields are filled from DROP, and DROP goes to the trash (restoring it
    /// from the trash undoes the merge).
    Merge { keep: String, drop: String },
    /// Take a consistent copy of the database, safe while kam is running.
    Backup { file: PathBuf },
    /// For the crash test: saves accounts one transaction at a time and prints each id once
    /// it is durable, until COUNT or until killed.
    #[command(hide = true)]
    SaveLoop {
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Erase a person or an account everywhere: the rows, their change history, the note
    /// index, and the space they used in the file. WHO is an account code, a contact's name,
    /// or CODE:NAME when several contacts share the name.
    Forget { who: String },
    /// Encrypt the database with a passphrase (SQLCipher): asked twice, or KAM_NEW_PASSPHRASE.
    /// From then on kam asks for it (or reads KAM_PASSPHRASE); without it the file is
    /// unreadable. There is no way back without the passphrase: keep it safe.
    Encrypt,
    /// Store the database unencrypted again (needs its passphrase).
    Decrypt,
    /// Change the passphrase (the old one, then the new one twice, or KAM_PASSPHRASE and
    /// KAM_NEW_PASSPHRASE).
    Rekey,
    /// Put a backup back: FILE is checked first (a kam database, whole and healthy), the
    /// database it replaces is kept beside it as `<name>.replaced-<time>.db`.
    Restore { file: PathBuf },
    /// Check the database: integrity, schema version, counts per table. Exit 0 only if healthy.
    Check,
    /// The change history of one account, newest first.
    History { code: String },
    /// Reports: the daily visit report (客户拜访日报表), the weekly summary, and the
    /// key-account analyses (grading, top10, regions, pivot, funnel, evaluation).
    Report {
        #[command(subcommand)]
        kind: ReportKind,
    },
    /// Birthdays, planned visits, overdue follow-ups, open requests and quiet key accounts.
    Remind {
        /// How many days ahead to look.
        #[arg(long, default_value_t = 14)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// All visits of one day with purposes, outcomes, problems and expenses.
    Daily {
        /// YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Write to FILE (owner-only) instead of standard output; xlsx needs it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The week (Monday to Sunday) containing a date: visits per day, outcomes, expenses.
    Weekly {
        /// YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Write to FILE (owner-only) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Customer grading A–E (客户分级表) by percentile of sales, or Pareto ABC.
    Grading {
        #[command(flatten)]
        common: AnalysisArgs,
        /// Pareto ABC (A: the first 70% of cumulative sales, B: the next 20%, C: the rest).
        /// Without --pareto or --bands, the method and bands stored on the analytics screen.
        #[arg(long)]
        pareto: bool,
        /// Band limits in percent for this run: four falling (default 90,80,70,60), or two
        /// rising with --pareto (default 70,90).
        #[arg(long, value_delimiter = ',', value_name = "N,N,…")]
        bands: Vec<u32>,
    },
    /// Key customers (重点客户管理表): top 10 by sales, growth and profit rate, with targets.
    Top10 {
        #[command(flatten)]
        common: AnalysisArgs,
    },
    /// Region analysis (客户区域分析表): accounts and sales per province and city.
    Regions {
        #[command(flatten)]
        common: AnalysisArgs,
    },
    /// Sales by product per customer (客户销售分析表), with totals.
    Pivot {
        #[command(flatten)]
        common: AnalysisArgs,
    },
    /// The funnel (客户漏斗表): opportunities closing in the period by stage, forecast, won/lost.
    Funnel {
        #[command(flatten)]
        common: AnalysisArgs,
    },
    /// Relationship evaluation (客户关系评估表) and problem customers (问题客户对策表).
    Evaluation {
        #[command(flatten)]
        common: AnalysisArgs,
        /// Indicator weights for this run, e.g. growth=30,credit=20 (the others keep the
        /// weights stored on the analytics screen; defaults: growth 25, credit 20, profit 20,
        /// position 15, visits 10, complaints 10).
        #[arg(long, value_name = "NAME=N,…")]
        weights: Option<String>,
    },
}

/// What every analysis takes: the period, the format and where to write.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// First day, YYYY-MM-DD (default: 1 January of the year of --to, or of today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD (default: 31 December of the year of --from, or of today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write to FILE (owner-only) instead of standard output; xlsx needs it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
    /// An Excel workbook (not the weekly summary; needs --out).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    /// iCalendar: visit plans from today on, and reminders, for a calendar program.
    Ics,
    /// vCard 4.0 of every contact, with its account as the organisation, for a phone.
    Vcf,
    /// One CSV file per section into the directory --out (UTF-8 with BOM for Excel).
    Csv,
    /// An Excel workbook, one sheet per section (needs --out).
    Xlsx,
    /// The dossier of one account as Markdown (needs --account).
    Md,
}

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
            eprintln!("error: {}", sentence(&e));
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
        let text = match cause.downcast_ref::<rusqlite::Error>() {
            Some(db) => store::describe(db),
            None => cause.to_string(),
        };
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
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
        let p = safety::ask_passphrase(
            "KAM_PASSPHRASE",
            &format!("passphrase for {}: ", path.display()),
        )?;
        crate::store::cipher::set_passphrase(Some(p));
    }
    let mut out = std::io::stdout().lock();
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
                serde_json::to_writer_pretty(&mut out, &docs)?;
                writeln!(out)?;
            } else {
                for a in rows {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        a.code,
                        a.name,
                        a.primary_contact.as_deref().unwrap_or(""),
                        a.primary_phone.as_deref().unwrap_or("")
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
            crate::cli::files::import(&path, file, dry_run, map, sheet, &mut out)?;
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
                serde_json::to_writer_pretty(&mut out, &hits)?;
                writeln!(out)?;
            } else {
                for h in &hits {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        h.account_code, h.account_name, h.date, h.entity, h.snippet
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
                Some(f) => write_private(f, |w| Ok(serde_json::to_writer_pretty(w, &doc)?))?,
                None => {
                    serde_json::to_writer_pretty(&mut out, &doc)?;
                    writeln!(out)?;
                }
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
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for (name, bytes) in crate::exchange::tables::to_csv(&doc, lang)? {
                write_private(&dir.join(name), |w| Ok(w.write_all(&bytes)?))?;
            }
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
            let today = store.now().date();
            let (text, file) = match kind {
                ReportKind::Daily { date, format, out } => {
                    let date = parse_date(date.as_deref(), today)?;
                    let r = crate::visits::daily_report(&store, date)?;
                    let text = match format {
                        ReportFormat::Text => r.to_text(lang),
                        ReportFormat::Markdown => r.to_markdown(lang),
                        ReportFormat::Json => serde_json::to_string_pretty(&r)? + "\n",
                        ReportFormat::Xlsx => {
                            let Some(file) = out else {
                                bail!("a workbook is not text; give --out FILE.xlsx");
                            };
                            let book = r.to_xlsx(lang)?;
                            write_private(file, |w| Ok(w.write_all(&book)?))?;
                            return Ok(0);
                        }
                    };
                    (text, out)
                }
                ReportKind::Weekly { date, format, out } => {
                    let date = parse_date(date.as_deref(), today)?;
                    let r = crate::visits::weekly_summary(&store, date)?;
                    let text = match format {
                        ReportFormat::Text => r.to_text(lang),
                        ReportFormat::Markdown => r.to_markdown(lang),
                        ReportFormat::Json => serde_json::to_string_pretty(&r)? + "\n",
                        ReportFormat::Xlsx => {
                            bail!("the weekly summary comes as text, markdown or json")
                        }
                    };
                    (text, out)
                }
                analysis => return analysis_report(&store, analysis, today, lang, &mut out),
            };
            emit(&mut out, file.as_deref(), &text)?;
        }
        Some(Command::Remind { days, json }) => {
            let store = Store::open(&path, Access::Read)?;
            let list = crate::visits::reminders(&store, store.now().date(), *days)?;
            if *json {
                serde_json::to_writer_pretty(&mut out, &list)?;
                writeln!(out)?;
            } else if list.is_empty() {
                writeln!(out, "{}", crate::i18n::t(lang, "remind-none"))?;
            } else {
                for r in &list {
                    writeln!(out, "{}\t{}", r.date, r.text(lang))?;
                }
            }
        }
        Some(Command::Backup { file }) => {
            let store = Store::open(&path, Access::Read)?;
            store.backup_to(file)?;
            eprintln!("backup written to {}", file.display());
        }
        Some(Command::Check) => {
            let store = Store::open(&path, Access::Read)?;
            let h = store.health()?;
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
            if !h.is_ok() {
                eprintln!("error: the database is not healthy; restore it from a backup");
                return Ok(1);
            }
            writeln!(out, "ok")?;
        }
        Some(Command::History { code }) => {
            let store = Store::open(&path, Access::Read)?;
            let account = store
                .account_by_code(code)?
                .ok_or_else(|| anyhow!("there is no account with code {code}"))?;
            for c in store.history(account.id)? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}#{}\t{}\t{}\t{}",
                    c.at,
                    c.actor,
                    c.op.code(),
                    c.entity,
                    c.row_id,
                    c.field.as_deref().unwrap_or(""),
                    c.old_value.as_deref().unwrap_or(""),
                    c.new_value.as_deref().unwrap_or("")
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

/// One of the key-account analyses, in the format asked for.
fn analysis_report(
    store: &Store,
    kind: &ReportKind,
    today: chrono::NaiveDate,
    lang: Lang,
    out: &mut impl Write,
) -> Result<i32> {
    use crate::analytics::{Analysis, GradingRule, Settings};
    // What the book keeps (set on the analytics screen); a flag overrides it for this run.
    let mut settings = Settings::load(store)?;
    let (analysis, common) = match kind {
        ReportKind::Grading {
            common,
            pareto,
            bands,
        } => {
            let stored = settings.grading;
            settings.grading = match (*pareto, bands.is_empty()) {
                (false, true) => stored,
                (true, true) if matches!(stored, GradingRule::Pareto { .. }) => stored,
                _ => GradingRule::with_bands(*pareto, bands).map_err(|e| anyhow!(e))?,
            };
            (Analysis::Grading, common)
        }
        ReportKind::Top10 { common } => (Analysis::Top10, common),
        ReportKind::Regions { common } => (Analysis::Regions, common),
        ReportKind::Pivot { common } => (Analysis::Pivot, common),
        ReportKind::Funnel { common } => (Analysis::Funnel, common),
        ReportKind::Evaluation { common, weights } => {
            if let Some(w) = weights {
                settings.weights = settings.weights.with(w).map_err(|e| anyhow!(e))?;
            }
            (Analysis::Evaluation, common)
        }
        ReportKind::Daily { .. } | ReportKind::Weekly { .. } => {
            bail!("not an analysis")
        }
    };
    let period = analysis_period(common.from.as_deref(), common.to.as_deref(), today)?;
    // The process ends after this report: freeing 100,000 rows one by one only delays it.
    let r = std::mem::ManuallyDrop::new(crate::analytics::report(
        store, analysis, period, &settings,
    )?);
    // Text and JSON are written as they are made: at 100,000 accounts they are 25–50 MB.
    let streamed = |write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
                    out: &mut dyn Write|
     -> Result<()> {
        let stream = |w: &mut dyn Write| -> Result<()> {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
            write(&mut w)?;
            Ok(w.flush()?)
        };
        match &common.out {
            Some(file) => write_private(file, |w| stream(w))?,
            None => stream(out)?,
        }
        Ok(out.flush()?)
    };
    let text = match common.format {
        ReportFormat::Text => {
            streamed(&|w| r.write_text(lang, w), out)?;
            return Ok(0);
        }
        ReportFormat::Markdown => r.to_markdown(lang),
        ReportFormat::Json => {
            streamed(
                &|w| {
                    // As an io::Error, so that a closed pipe (`| head`) is recognised as one.
                    serde_json::to_writer_pretty(&mut *w, &*r).map_err(std::io::Error::from)?;
                    w.write_all(b"\n")
                },
                out,
            )?;
            return Ok(0);
        }
        ReportFormat::Xlsx => {
            let Some(file) = &common.out else {
                bail!("a workbook is not text; give --out FILE.xlsx");
            };
            let book = r.to_xlsx(lang)?;
            write_private(file, |w| Ok(w.write_all(&book)?))?;
            return Ok(0);
        }
    };
    emit(out, common.out.as_deref(), &text)?;
    out.flush()?;
    Ok(0)
}

/// `--from`/`--to`: either may be left out; with neither, the calendar year of today.
fn analysis_period(
    from: Option<&str>,
    to: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<crate::analytics::Period> {
    use crate::analytics::Period;
    let from = from.map(|f| parse_date(Some(f), today)).transpose()?;
    let to = to.map(|t| parse_date(Some(t), today)).transpose()?;
    Ok(match (from, to) {
        (None, None) => Period::year_of(today),
        (Some(f), None) => Period::new(f, Period::year_of(f).to),
        (None, Some(t)) => Period::new(Period::year_of(t).from, t),
        (Some(f), Some(t)) => {
            if t < f {
                bail!("--to {t} is before --from {f}");
            }
            Period::new(f, t)
        }
    })
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

fn emit(out: &mut impl Write, file: Option<&Path>, text: &str) -> Result<()> {
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
