//! The command line. Command names, options and output shapes are a contract scripts rely
//! on: change them only by adding.
//!
//! This file is the entry: `main` turns every outcome into an exit status and one sentence,
//! and `run` is a match of one-line arms, each a function in the file of its idea: `files`
//! (import, demo), `lookup` (search, notes, history, remind), `merge` (duplicates), `export`,
//! `reports`, `safety` (backup, restore, check, reindex, forget, encryption), `interface`
//! (kam with no command) and, with the `bench` feature, `bench`. `invocation` opens the book
//! (its passphrase asked once); `passphrase` asks for passphrases.

pub use crate::error::sentence;
use crate::text_safety::Guard;
use anyhow::Result;
use std::io::Write;

mod arg_errors;
mod attachments;
#[cfg(feature = "bench")]
mod bench;
mod brief;
mod commands;
mod config;
mod distance;
mod export;
mod fields;
mod fields_args;
mod files;
pub mod help_text;
mod interface;
mod invocation;
mod lookup;
mod mailmerge;
mod merge;
mod passphrase;
#[cfg(feature = "bench")]
mod pick;
mod place;
mod plan;
pub(crate) mod progress;
#[cfg(feature = "bench")]
mod relevance;
#[cfg(feature = "bench")]
mod relevance_set;
mod reports;
mod safety;
mod team;
mod team_args;
pub use team_args::TeamAction;
mod today;
pub use commands::*;
use invocation::Invocation;
pub use passphrase::unlock;

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
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let said_in = help_text::lang_of(&args);
    let parsed = help_text::command(said_in)
        .try_get_matches_from(args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
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
            eprintln!("error: {}", arg_errors::sentence(said_in, &e));
            return 1;
        }
    };
    // The language the error is said in: the one asked for, else the system's (an unknown
    // --lang is itself the error, said in the system's).
    let lang = cli
        .lang
        .as_deref()
        .and_then(crate::i18n::Lang::parse)
        .unwrap_or_else(crate::i18n::Lang::from_env);
    let result = run(cli);
    #[cfg(feature = "bench")]
    if std::env::var_os("KAM_REPORT_PEAK").is_some() {
        // For `kam bench`, which runs kam in child processes.
        if let Some(mb) = bench::peak_mb() {
            eprintln!("peak memory: {mb:.1} MB");
        }
    }
    match result {
        Ok(()) => 0,
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
            // `error:` stays as it is in every language: scripts look for it.
            let said = crate::error::sentence_in(lang, &e);
            eprintln!("error: {}", crate::text_safety::text(&said));
            1
        }
    }
}

/// Runs one command line: each command is a function in the file of its idea.
fn run(cli: Cli) -> Result<()> {
    let cx = Invocation::new(&cli)?;
    let Some(command) = &cli.command else {
        return interface::run(&cx);
    };
    // Everything printed passes the guard: stored text cannot drive the reader's terminal
    // (issue 14). Tab-separated rows also show a TAB or newline inside a value ([`cell`]).
    let mut out = Guard::text(std::io::stdout().lock());
    let out = &mut out;
    match command {
        Command::Demo { accounts, seed } => files::demo(&cx, *accounts, *seed)?,
        Command::Import(args) => files::import(&cx, args, out)?,
        Command::Search { query, limit, json } => lookup::search(&cx, query, *limit, *json, out)?,
        Command::Notes(args) => lookup::notes(&cx, args, out)?,
        Command::History(args) => lookup::history(&cx, args, out)?,
        Command::Brief(args) => brief::brief(&cx, args, out)?,
        Command::Today(args) => today::today(&cx, args, out)?,
        Command::Distance { codes } => distance::distance(&cx, codes, out)?,
        Command::Place { code, point, clear } => place::place(&cx, code, point, *clear, out)?,
        Command::Mailmerge(args) => mailmerge::mailmerge(&cx, args, out)?,
        Command::Attach(args) => attachments::attach(&cx, args, out)?,
        Command::Attachments(args) => attachments::list(&cx, args, out)?,
        Command::Fields(args) => fields::run(&cx, &args.action, out)?,
        Command::Plan { what } => plan::plan(&cx, what, out)?,
        Command::Remind { days, json } => lookup::remind(&cx, *days, *json, out)?,
        Command::Duplicates { json } => merge::duplicates(&cx, *json, out)?,
        Command::Merge { keep, drop } => merge::merge(&cx, keep, drop, out)?,
        Command::Export(args) => export::export(&cx, args, out)?,
        Command::Report { kind } => reports::run(&cx, kind, out)?,
        Command::Backup { file } => safety::backup(&cx, file)?,
        Command::Restore { file } => safety::restore(&cx, file, out)?,
        Command::Check { full } => safety::check(&cx, *full, out)?,
        Command::Reindex => safety::reindex(&cx, out)?,
        Command::Config { key, value } => {
            config::config(&cx, key.as_deref(), value.as_deref(), out)?
        }
        Command::Forget { who } => safety::forget(&cx, who, out)?,
        Command::Team { action } => team::run(&cx, action, out)?,
        Command::Sync => team::sync(&cx, out)?,
        Command::Encrypt => safety::encrypt(&cx, out)?,
        Command::Decrypt => safety::decrypt(&cx, out)?,
        Command::Rekey => safety::rekey(&cx, out)?,
        #[cfg(feature = "bench")]
        Command::Bench(args) => bench::command(&cx, args)?,
        #[cfg(feature = "test-hooks")]
        Command::SaveLoop { count } => safety::save_loop(&cx, *count, out)?,
    }
    out.flush().or_else(|e| {
        // A closed pipe (`kam search x | head`) is not an error.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    Ok(())
}
