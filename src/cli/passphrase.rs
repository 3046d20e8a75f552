//! Passphrases on the terminal: asking for the one of an encrypted book (again after a slip
//! of the finger), reading it without echo, and a new one asked twice. The environment
//! variables stand in for a script.

use crate::i18n::{t, t_args, Arg, Lang};
use anyhow::{bail, Result};
use std::path::Path;

/// How many times a typed passphrase is asked for before kam gives up.
pub const PASSPHRASE_TRIES: usize = 3;

/// Asks for the passphrase of the encrypted book at `path` (`ask` gets the attempt, from 1)
/// until one opens it, at most `PASSPHRASE_TRIES` times; a wrong one is said and asked again.
/// The right one is kept for the process.
pub fn unlock(lang: Lang, path: &Path, mut ask: impl FnMut(usize) -> Result<String>) -> Result<()> {
    for attempt in 1..=PASSPHRASE_TRIES {
        let p = ask(attempt)?;
        crate::store::cipher::set_passphrase(Some(p));
        if crate::store::cipher::passphrase_opens(path) {
            return Ok(());
        }
        if attempt < PASSPHRASE_TRIES {
            eprintln!("{}", t(lang, "passphrase-wrong-again"));
        }
    }
    crate::store::cipher::set_passphrase(None);
    bail!(t_args(
        lang,
        "passphrase-wrong-tries",
        &[
            ("tries", Arg::Num(PASSPHRASE_TRIES as i64)),
            ("file", path.display().to_string().into())
        ]
    ))
}

/// A passphrase from the environment variable, else asked on the terminal without echo.
pub(super) fn ask_passphrase(lang: Lang, var: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(var) {
        if p.is_empty() {
            bail!(t_args(lang, "passphrase-var-empty", &[("var", var.into())]));
        }
        return Ok(p);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        bail!(t_args(
            lang,
            "passphrase-needs-terminal",
            &[("var", var.into())]
        ));
    }
    read_hidden(lang, prompt)
}

/// The prompt for the passphrase of `file`.
pub(super) fn prompt_for(lang: Lang, file: &Path) -> String {
    t_args(
        lang,
        "passphrase-prompt",
        &[("file", file.display().to_string().into())],
    ) + " "
}

/// Reads a line on the terminal without showing it; Esc or Ctrl-C gives up.
pub(super) fn read_hidden(lang: Lang, prompt: &str) -> Result<String> {
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
                    KeyCode::Esc => bail!(t(lang, "passphrase-none-given")),
                    KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                        bail!(t(lang, "passphrase-none-given"))
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
        bail!(t(lang, "passphrase-none-given"));
    }
    Ok(text)
}

/// A new passphrase: KAM_NEW_PASSPHRASE, or asked twice on the terminal.
pub(super) fn new_passphrase(lang: Lang) -> Result<String> {
    let long_enough = |p: String| -> Result<String> {
        if p.chars().count() < 8 {
            bail!(t(lang, "passphrase-too-short"));
        }
        Ok(p)
    };
    if let Ok(p) = std::env::var("KAM_NEW_PASSPHRASE") {
        return long_enough(p);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        bail!(t(lang, "passphrase-new-needs-terminal"));
    }
    let first = long_enough(read_hidden(
        lang,
        &(t(lang, "passphrase-new-prompt") + " "),
    )?)?;
    let again = read_hidden(lang, &(t(lang, "passphrase-again-prompt") + " "))?;
    if first != again {
        bail!(t(lang, "passphrase-differ"));
    }
    Ok(first)
}
