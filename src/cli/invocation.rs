//! One run of the command line: the book it works on (its path) and the language, with the
//! passphrase of an encrypted book asked once before any command runs; then one way to open
//! the store for reading or writing, instead of an opening in each command.

use super::passphrase::{ask_passphrase, prompt_for, unlock};
use super::Cli;
use crate::i18n::Lang;
use crate::store::{self, cipher, Access, Store};
use anyhow::{anyhow, bail, Result};
use std::io::IsTerminal;
use std::path::PathBuf;

pub struct Invocation {
    /// The database file (`--db`, `KAM_DB`, or the platform's data directory).
    pub path: PathBuf,
    pub lang: Lang,
}

impl Invocation {
    /// The book named on the command line, unlocked when it is encrypted.
    pub fn new(cli: &Cli) -> Result<Invocation> {
        let cx = Invocation {
            path: db_path(cli)?,
            lang: lang(cli)?,
        };
        // An older book is upgraded at its first opening, before anything can be shown.
        let lang = cx.lang;
        store::migrations::on_upgrade(Box::new(move |from, to| {
            use crate::i18n::Arg;
            eprintln!(
                "kam: {}",
                crate::i18n::t_args(
                    lang,
                    "cli-upgrading",
                    &[("from", Arg::Num(from)), ("to", Arg::Num(to))]
                )
            );
        }));
        // A plain copy a killed `decrypt` left goes first: it needs no passphrase.
        store::recovery::remove_half_made_copies(&cx.path)?;
        cx.unlock()?;
        Ok(cx)
    }

    /// An encrypted book: its passphrase first, for every command and the interface.
    fn unlock(&self) -> Result<()> {
        let path = &self.path;
        if !cipher::is_encrypted(path) {
            return Ok(());
        }
        if std::env::var_os("KAM_PASSPHRASE").is_none() && !std::io::stdin().is_terminal() {
            // Random bytes look like an encrypted file: say both.
            bail!(crate::i18n::t_args(
                self.lang,
                "cli-not-a-book-or-encrypted",
                &[("file", path.display().to_string().into())]
            ));
        }
        match std::env::var("KAM_PASSPHRASE") {
            // From a script: a wrong one is one sentence at the first read.
            Ok(_) => {
                let p = ask_passphrase(self.lang, "KAM_PASSPHRASE", "")?;
                cipher::set_passphrase(Some(p));
                Ok(())
            }
            // Typed: a slip of the finger is asked again, as a bank's app would.
            Err(_) => unlock(self.lang, path, |_| {
                ask_passphrase(self.lang, "KAM_PASSPHRASE", &prompt_for(self.lang, path))
            }),
        }
    }

    /// The book opened for reading.
    pub fn read(&self) -> Result<Store> {
        Store::open(&self.path, Access::Read)
    }

    /// The book opened for writing.
    pub fn write(&self) -> Result<Store> {
        Store::open(&self.path, Access::Write)
    }
}

fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) if p.as_os_str().is_empty() => bail!(crate::i18n::Said::new("cli-db-needs-path")),
        Some(p) => Ok(p.clone()),
        None => store::default_path(),
    }
}

fn lang(cli: &Cli) -> Result<Lang> {
    match &cli.lang {
        Some(l) => Lang::parse(l).ok_or_else(|| {
            anyhow!(crate::i18n::Said::new("cli-unknown-lang").with("lang", l.as_str()))
        }),
        None => Ok(Lang::from_env()),
    }
}
