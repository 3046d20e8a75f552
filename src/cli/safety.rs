//! Data safety on the command line: encryption (encrypt, decrypt, rekey and the
//! passphrase), restoring a backup, forgetting a person or an account, and the save loop the
//! crash test kills.

use crate::store::{Access, Store};
use crate::text_safety::cell;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;

pub fn save_loop(path: &Path, count: &usize, out: &mut impl Write) -> Result<()> {
    let mut store = Store::open(path, Access::Write)?;
    for i in 0..*count {
        let mut a = crate::domain::Account {
            name: format!("crash test {i}"),
            ..Default::default()
        };
        let id = store.insert(&mut a)?;
        // Printed only after the commit returned: an acknowledged save.
        writeln!(out, "{id}")?;
        out.flush()?;
    }
    Ok(())
}

pub fn forget(path: &Path, who: &str, out: &mut impl Write) -> Result<()> {
    let mut store = Store::open(path, Access::Write)?;
    let (done, what) = if let Some(a) = store.account_by_code(who)? {
        let f = store.forget(|w| w.forget_account(a.id))?;
        (f, format!("account {} {}", a.code, cell(&a.name)))
    } else {
        let (code, name) = match who.split_once(':') {
            Some((c, n)) => (Some(c.trim()), n.trim()),
            None => (None, who.trim()),
        };
        let found = store.contacts_named(name, code)?;
        let c = match found.as_slice() {
            [] => bail!("there is no account with code {who} and no contact named {name}"),
            [one] => one.clone(),
            many => {
                let all: Vec<String> = many
                    .iter()
                    .map(|c| format!("{}:{}", c.account_code, c.name))
                    .collect();
                bail!(
                    "{} contacts are named {name} ({}); say which, e.g. kam forget {}",
                    many.len(),
                    all.join(", "),
                    all[0]
                )
            }
        };
        let f = store.forget(|w| w.forget_contact(c.id))?;
        (
            f,
            format!("contact {} of {}", cell(&c.name), c.account_code),
        )
    };
    writeln!(
        out,
        "forgot {what}: {} account, {} contacts, {} other records, {} mentions in visits, plans and other records, {} history rows",
        done.accounts, done.contacts, done.records, done.mentions_cleared, done.history_rows
    )?;
    let backups = crate::store::backups::backup_dir(path);
    if backups.is_dir() {
        writeln!(
            out,
            "backups taken before now (in {}) still hold it; delete them to erase it there too",
            backups.display()
        )?;
    }
    Ok(())
}

pub fn encrypt(path: &Path, out: &mut impl Write) -> Result<()> {
    if crate::store::cipher::is_encrypted(path) {
        bail!(
            "{} is already encrypted; use kam rekey to change the passphrase",
            path.display()
        );
    }
    let new = new_passphrase()?;
    crate::store::cipher::rewrite_with_key(path, &new)?;
    writeln!(out, "{} is encrypted; kam will ask for the passphrase (or read KAM_PASSPHRASE). Backups made from now on are encrypted too; older ones are not", path.display())?;
    Ok(())
}

pub fn decrypt(path: &Path, out: &mut impl Write) -> Result<()> {
    if !crate::store::cipher::is_encrypted(path) {
        bail!("{} is not encrypted", path.display());
    }
    crate::store::cipher::rewrite_with_key(path, "")?;
    writeln!(out, "{} is no longer encrypted", path.display())?;
    Ok(())
}

pub fn rekey(path: &Path, out: &mut impl Write) -> Result<()> {
    if !crate::store::cipher::is_encrypted(path) {
        bail!("{} is not encrypted; use kam encrypt", path.display());
    }
    let new = new_passphrase()?;
    crate::store::cipher::rewrite_with_key(path, &new)?;
    writeln!(out, "the passphrase of {} is changed", path.display())?;
    Ok(())
}

/// Puts a backup back; the book keeps its encryption (see `Store::restore_from`). An
/// encrypted backup of a book decrypted since needs the passphrase it was made under:
/// KAM_PASSPHRASE, or asked on the terminal.
pub fn restore(path: &Path, file: &Path, out: &mut impl Write) -> Result<()> {
    use std::io::IsTerminal;
    if crate::store::cipher::passphrase().is_none()
        && crate::store::cipher::is_encrypted(file)
        && (std::env::var_os("KAM_PASSPHRASE").is_some() || std::io::stdin().is_terminal())
    {
        let p = ask_passphrase(
            "KAM_PASSPHRASE",
            &format!("passphrase for {}: ", file.display()),
        )?;
        crate::store::cipher::set_passphrase(Some(p));
    }
    crate::store::backups::check_backup(file)?;
    let mut store = Store::open(path, Access::Write)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kam".into());
    let keep = path.with_file_name(format!("{stem}.replaced-{stamp}.db"));
    store.restore_from(file, &keep)?;
    writeln!(
        out,
        "restored {} into {}; the database it replaced is kept at {}",
        file.display(),
        path.display(),
        keep.display()
    )?;
    Ok(())
}

/// How many times a typed passphrase is asked for before kam gives up.
pub const PASSPHRASE_TRIES: usize = 3;

/// Asks for the passphrase of the encrypted book at `path` (`ask` gets the attempt, from 1)
/// until one opens it, at most `PASSPHRASE_TRIES` times; a wrong one is said and asked again.
/// The right one is kept for the process.
pub fn unlock(path: &Path, mut ask: impl FnMut(usize) -> Result<String>) -> Result<()> {
    for attempt in 1..=PASSPHRASE_TRIES {
        let p = ask(attempt)?;
        crate::store::cipher::set_passphrase(Some(p));
        if crate::store::cipher::passphrase_opens(path) {
            return Ok(());
        }
        if attempt < PASSPHRASE_TRIES {
            eprintln!("the passphrase is wrong; try again");
        }
    }
    crate::store::cipher::set_passphrase(None);
    bail!(
        "the passphrase is wrong ({PASSPHRASE_TRIES} tries); {} was left unchanged",
        path.display()
    )
}

/// A passphrase from the environment variable, else asked on the terminal without echo.
pub(super) fn ask_passphrase(var: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(var) {
        if p.is_empty() {
            bail!("{var} is empty");
        }
        return Ok(p);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        bail!("the database is encrypted: set {var}, or run kam in a terminal to be asked for the passphrase");
    }
    read_hidden(prompt)
}

/// Reads a line on the terminal without showing it; Esc or Ctrl-C gives up.
fn read_hidden(prompt: &str) -> Result<String> {
    use crossterm::event::{read, Event, KeyCode, KeyEventKind, KeyModifiers};
    eprint!("{prompt}");
    crossterm::terminal::enable_raw_mode()?;
    let result = (|| -> Result<String> {
        let mut text = String::new();
        loop {
            if let Event::Key(k) = read()? {
                if k.kind == KeyEventKind::Release {
                    continue;
                }
                match k.code {
                    KeyCode::Enter => return Ok(text),
                    KeyCode::Esc => bail!("no passphrase given"),
                    KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                        bail!("no passphrase given")
                    }
                    KeyCode::Backspace => {
                        text.pop();
                    }
                    KeyCode::Char(c) => text.push(c),
                    _ => {}
                }
            }
        }
    })();
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    let text = result?;
    if text.is_empty() {
        bail!("no passphrase given");
    }
    Ok(text)
}

/// A new passphrase: KAM_NEW_PASSPHRASE, or asked twice on the terminal.
fn new_passphrase() -> Result<String> {
    let long_enough = |p: String| -> Result<String> {
        if p.chars().count() < 8 {
            bail!("the new passphrase has fewer than 8 characters");
        }
        Ok(p)
    };
    if let Ok(p) = std::env::var("KAM_NEW_PASSPHRASE") {
        return long_enough(p);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        bail!(
            "set KAM_NEW_PASSPHRASE, or run kam in a terminal to be asked for the new passphrase"
        );
    }
    let first = long_enough(read_hidden("new passphrase: ")?)?;
    let again = read_hidden("the same again: ")?;
    if first != again {
        bail!("the two passphrases differ; nothing was changed");
    }
    Ok(first)
}
