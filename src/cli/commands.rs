//! What the command line accepts: commands, options and formats, as clap reads them. Names
//! and shapes are a contract scripts rely on: change them only by adding.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
    Notes(NotesArgs),
    /// Measure the performance targets on a big generated book (see README "Performance").
    /// Makes the book at --db first when it does not exist (100,000 accounts, ~1M notes:
    /// minutes); then measures. It writes benchmark visits into that book.
    #[cfg(feature = "bench")]
    Bench(BenchArgs),
    /// Write everything (or one account) as a document.
    Export(ExportArgs),
    /// Bring accounts and contacts in from a sheet (.csv in UTF-8 or GBK, .xlsx, .xls) or an
    /// address book (.vcf). The good rows go in (one transaction); rows with a problem are set
    /// aside, unchanged and with their reason, in FILE.rejected.csv (--strict: none goes in).
    /// Rows already in the book are updated, not doubled. --undo takes the last import back.
    Import(ImportArgs),
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
    Merge {
        keep: String,
        drop: String,
    },
    /// Take a consistent copy of the database, safe while kam is running.
    Backup {
        file: PathBuf,
    },
    /// For the crash test: saves accounts one transaction at a time and prints each id once
    /// it is durable, until COUNT or until killed.
    #[cfg(feature = "test-hooks")]
    #[command(hide = true)]
    SaveLoop {
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Erase a person or an account everywhere: the rows, their change history, the note
    /// index, and the space they used in the file. WHO is an account code, a contact's name,
    /// or CODE:NAME when several contacts share the name.
    Forget {
        who: String,
    },
    /// The team edition: set up the team's PostgreSQL server, add reps, assign accounts, see
    /// who synced when (see docs/team.md).
    Team {
        #[command(subcommand)]
        action: super::team_args::TeamAction,
    },
    /// Send this book's changes to the team's server, then take the team's: counts and
    /// conflicts are printed. Exit 1 when the server cannot be reached (nothing is lost:
    /// the changes wait in the book for the next sync).
    Sync,
    /// Encrypt the database with a passphrase (SQLCipher 4 format): asked twice, or KAM_NEW_PASSPHRASE.
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
    Restore {
        file: PathBuf,
    },
    /// Check the database: integrity, schema version, counts per table, and whether the note
    /// index and the finder's records agree with the tables (a sample; every note and account
    /// with --full). Exit 0 only if healthy.
    Check {
        #[arg(long)]
        full: bool,
    },
    /// Your profile: name (the "filled by" of visits and reports), department, manager, home
    /// city, usual visit length. `kam config` lists them; `kam config KEY` shows one;
    /// `kam config KEY VALUE` sets it ("" clears it).
    Config {
        key: Option<String>,
        value: Option<String>,
    },
    /// Write the note index and the finder's records afresh from the tables (after `kam check`
    /// found them out of step, e.g. in a file edited by another program).
    Reindex,
    /// The change history of one account, newest first. Changes of a contact's personal
    /// dossier show "(personal)" instead of their values unless --include-personal.
    History(HistoryArgs),
    /// The brief before a visit: who you will meet (and their dates coming up), what was
    /// promised and is still open, sales, open opportunities, the latest communications and
    /// what to bring. For the next planned visit, or the one on --date. The personal dossier
    /// only with --include-personal.
    Brief(BriefArgs),
    /// The day's planned visits (time, account, address, whom to ask for, phone). --qr draws
    /// them as a QR code for the phone's camera; --ics writes the day's calendar with alarms
    /// and each visit's brief, for the phone's calendar.
    Today(TodayArgs),
    /// The distance between accounts, in the order given (about, in a straight line, from
    /// each account's 省/市/区 or city), and the whole way when more than two.
    Distance {
        #[arg(required = true, num_args = 2..)]
        codes: Vec<String>,
    },
    /// Where an account is, set by hand: latitude and longitude in degrees (kam place C000123
    /// 31.2304 121.4737); used before its 省/市/区 for distances, routes and the map. --clear
    /// places it by its address again.
    Place {
        code: String,
        /// Latitude then longitude (south and west negative).
        #[arg(
            num_args = 2,
            allow_negative_numbers = true,
            conflicts_with = "clear",
            required_unless_present = "clear"
        )]
        point: Vec<f64>,
        #[arg(long)]
        clear: bool,
    },
    /// Customer care mail-outs: one letter per contact from a template with fields
    /// ({{name}}, {{nickname}}, {{account}} …; a first line "Subject: …" is the subject), as
    /// Markdown or .eml files to send from your own mail program. kam sends nothing.
    Mailmerge(MailmergeArgs),
    /// Keeps a file (a business card's photo, a signed quotation, a PDF) inside the book, on
    /// the account and optionally one of its visits or people; 20 MB at most.
    Attach(AttachArgs),
    Fields(super::fields_args::FieldsArgs),
    /// Lists an account's attachments; --save DIR writes them out (owner-only, never
    /// overwriting a file).
    Attachments(AttachmentsArgs),
    /// The week kam proposes: the accounts due by their visit cadence (per grade), fitted
    /// around what is planned and the accounts' unsuitable times, grouped by city and in route
    /// order from your home city. --accept writes the proposals as planned visits.
    /// `kam plan cadence A=14 B=30 …` sets the days between visits per grade.
    Plan {
        #[command(subcommand)]
        what: PlanWhat,
    },
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

// `kam notes`: the words, whose notes and how many (no doc comment: clap would take it as
// the command's help, which the variant gives).
#[derive(Debug, Args)]
pub struct NotesArgs {
    pub query: String,
    /// Only the notes of the account with this code.
    #[arg(long, value_name = "CODE")]
    pub account: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

// `kam bench`: the size and seed of the book it measures.
#[cfg(feature = "bench")]
#[derive(Debug, Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    pub accounts: usize,
    #[arg(long, default_value_t = 1_000_000)]
    pub notes: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Only open the book and draw the first frame (the bench runs this in a child).
    #[arg(long, hide = true)]
    pub start_only: bool,
    /// Measure how often the finder puts the account meant first, on the labelled query
    /// set of tests/fixtures/relevance, beside fzf (on its own 1,000-account demo book).
    #[arg(long)]
    pub relevance: bool,
    /// Measure only the account search per keystroke (to profile the finder, e.g. under perf).
    #[arg(long)]
    pub keystrokes_only: bool,
    /// With --relevance: write the generated half of the labelled set to FILE instead.
    #[arg(long, value_name = "FILE", requires = "relevance")]
    pub write_set: Option<std::path::PathBuf>,
}

// `kam history`: whose changes, and whether a personal dossier's values show.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    pub code: String,
    #[arg(long)]
    pub include_personal: bool,
    /// With --include-personal: the dossier's religion, health and political activity too.
    #[arg(long, requires = "include_personal")]
    pub include_sensitive: bool,
}

// `kam plan …` (no doc comment: clap would take it as the help).
#[derive(Debug, Subcommand)]
pub enum PlanWhat {
    /// The week proposed (Monday to Friday of --date's week, from today on).
    Week {
        /// A day of the week to plan (2026-12-08, 下周一, next monday …); default: this week.
        #[arg(long)]
        date: Option<String>,
        /// Write the proposals as planned visits (one save; the planner then shows them).
        #[arg(long)]
        accept: bool,
    },
    /// Show the days between visits per grade, or set some: `A=14 B=30 C=60 D=90 E=180`.
    Cadence { set: Vec<String> },
}

// `kam today`: which day, and for the phone how.
#[derive(Debug, Args)]
pub struct TodayArgs {
    /// The day (2026-12-08, tomorrow, 下周一 …); default: today.
    #[arg(long)]
    pub date: Option<String>,
    /// Also draw the visits as a QR code (the first ones that fit; it says what is left out).
    #[arg(long)]
    pub qr: bool,
    /// Write the day's calendar (iCalendar, with alarms and briefs) to this file.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
}

// `kam brief CODE`: which visit, in which form.
#[derive(Debug, Args)]
pub struct BriefArgs {
    pub code: String,
    /// The day of the visit (2026-12-08, 下周一, tomorrow …); default: the next one planned.
    #[arg(long)]
    pub date: Option<String>,
    /// text, or md (Markdown, for a phone).
    #[arg(long, value_enum, default_value_t = BriefFormat::Text)]
    pub format: BriefFormat,
    #[arg(long)]
    pub include_personal: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefFormat {
    Text,
    #[value(alias = "markdown")]
    Md,
}

// `kam attach`: the account, the file, and what in the account it belongs to.
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The account's code.
    pub code: String,
    /// The file to keep.
    pub file: PathBuf,
    /// The visit report (its id) it belongs to.
    #[arg(long, value_name = "ID")]
    pub visit: Option<i64>,
    /// The contact (their id) it is about, e.g. their business card.
    #[arg(long, value_name = "ID")]
    pub contact: Option<i64>,
}

// `kam attachments`: listing, and saving them out.
#[derive(Debug, Args)]
pub struct AttachmentsArgs {
    /// The account's code.
    pub code: String,
    /// Writes every attachment to this folder (owner-only; a name taken gets " (2)").
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,
}

// `kam mailmerge`: the template, where the letters go, and to whom.
#[derive(Debug, Args)]
pub struct MailmergeArgs {
    /// The template (UTF-8 text with {{field}}s).
    #[arg(long, value_name = "FILE")]
    pub template: PathBuf,
    /// The folder the letters are written to (one file per contact, owner-only).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// md: a Markdown file per contact; eml: a message per contact with an email address.
    #[arg(long, value_enum, default_value_t = MailFormat::Eml)]
    pub format: MailFormat,
    /// Only this account's contacts.
    #[arg(long, value_name = "CODE")]
    pub account: Option<String>,
    /// Only the contacts holding this tag, or whose account does.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MailFormat {
    #[value(alias = "markdown")]
    Md,
    Eml,
}

// `kam export`: the format, where it goes and what it holds.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Write to FILE (owner-only) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only this account (its code): everything held about one customer.
    #[arg(long, value_name = "CODE")]
    pub account: Option<String>,
    /// Include contacts' personal dossiers (family, habits) in a JSON export;
    /// left out otherwise.
    #[arg(long)]
    pub include_personal: bool,
    /// With --include-personal: their sensitive items too (religion, health, political
    /// activity), left out otherwise.
    #[arg(long, requires = "include_personal")]
    pub include_sensitive: bool,
    /// With --format json: the attachments' files too, as base64 (left out otherwise).
    #[arg(long)]
    pub include_attachments: bool,
    /// vCard version of `--format vcf`: 4.0, or 3.0 for older phones.
    #[arg(long, value_name = "3.0|4.0", default_value = "4.0", value_parser = ["3.0", "4.0"])]
    pub vcard_version: String,
}

// `kam import`: the file and how to read it.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import (not with --undo).
    #[arg(required_unless_present = "undo")]
    pub file: Option<PathBuf>,
    /// Report what would happen and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Say what columns mean: "Header=field,Other=contact.mobile,Skip=-".
    #[arg(long, value_name = "HEADER=FIELD,…")]
    pub map: Option<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Where the rows set aside go (default: FILE.rejected.csv beside the file).
    #[arg(long, value_name = "PATH")]
    pub rejected: Option<PathBuf>,
    /// All or nothing: any problem in any row refuses the whole file.
    #[arg(long)]
    pub strict: bool,
    /// Take the last import back, whole: what it added goes to the trash, what it changed is
    /// put back (only while nothing was changed after it).
    #[arg(long, conflicts_with_all = ["file", "dry_run", "map", "sheet", "rejected", "strict"])]
    pub undo: bool,
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
        /// Only the accounts of this rep of the team (the manager's book; as the last sync
        /// brought them).
        #[arg(long, value_name = "NAME")]
        rep: Option<String>,
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
        /// Only the accounts of this rep of the team (the manager's book; as the last sync
        /// brought them).
        #[arg(long, value_name = "NAME")]
        rep: Option<String>,
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
    /// Entertainment and gifts (客户招待, 礼品馈赠): budget against spending per account.
    Gifts {
        #[command(flatten)]
        common: AnalysisArgs,
    },
    /// Market events (市场活动): accounts that came, and how many bought within --days after.
    Events {
        #[command(flatten)]
        common: AnalysisArgs,
        /// Days after an event within which a deal counts as following it.
        #[arg(long, default_value_t = 90, value_name = "N")]
        days: i64,
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
    /// Purchase cycles (交易频次): purchases, average interval, next purchase expected,
    /// high/low-frequency buyers and the repurchase rate (复购率).
    Purchases {
        #[command(flatten)]
        common: AnalysisArgs,
    },
    /// Satisfaction (满意度分析): the average and monthly trend of feedback ratings, quality
    /// customers (above 90 %) and watch customers (more than three complaints).
    Satisfaction {
        #[command(flatten)]
        common: AnalysisArgs,
    },
    /// Targets and work plans (工作方案表): sales, new accounts and visits planned vs done.
    Targets(AnalysisArgs),
    /// The return rate (退货率): returns and claims against sales, per account and product.
    Returns {
        #[command(flatten)]
        common: AnalysisArgs,
    },
    /// Your scorecard: visits made against the cadence, coverage of A/B accounts, sales
    /// against target, new accounts, payments on time and complaint handling, each against
    /// the period of the same length before.
    Scorecard {
        #[command(flatten)]
        common: AnalysisArgs,
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
    /// Only the accounts of this rep of the team (the manager's book; as the last sync
    /// brought them).
    #[arg(long, value_name = "NAME")]
    pub rep: Option<String>,
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
