//! Data safety on the command line: backing up and restoring, checking the file and
//! rebuilding its indexes, encryption (encrypt, decrypt, rekey), forgetting a person or an
//! account, and (for the tests only) the save loop the crash test kills.

use super::passphrase::{ask_passphrase, new_passphrase, prompt_for};
use super::progress::Bar;
use super::Invocation;
use crate::i18n::{t, t_args, Arg};
use crate::text_safety::cell;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;

/// `kam backup FILE`.
pub fn backup(cx: &Invocation, file: &Path) -> Result<()> {
    let bar = Bar::new(cx.lang, "progress-backup", "progress-pages");
    let copied = cx
        .read()?
        .backup_to_told(file, &|done, total| bar.show(done, total));
    bar.finish();
    copied?;
    eprintln!(
        "{}",
        t_args(
            cx.lang,
            "cli-backup-written",
            &[("file", file.display().to_string().into())]
        )
    );
    Ok(())
}

/// `kam restore FILE`: checked first, the replaced book kept beside it. The book keeps its
/// encryption (see `Store::restore_from`). An encrypted backup of a book decrypted since
/// needs the passphrase it was made under: KAM_PASSPHRASE, or asked on the terminal.
pub fn restore(cx: &Invocation, file: &Path, out: &mut impl Write) -> Result<()> {
    let path = &cx.path;
    use std::io::IsTerminal;
    if crate::store::cipher::passphrase().is_none()
        && crate::store::cipher::is_encrypted(file)
        && (std::env::var_os("KAM_PASSPHRASE").is_some() || std::io::stdin().is_terminal())
    {
        let p = ask_passphrase(cx.lang, "KAM_PASSPHRASE", &prompt_for(cx.lang, file))?;
        crate::store::cipher::set_passphrase(Some(p));
    }
    // The backup is checked once, with a bar (17 s at 100,000 accounts), before the book is
    // locked; the restore reads it again only if it has changed since.
    let bar = Bar::new(cx.lang, "progress-check", "progress-pages");
    let checked = crate::store::backups::check_backup_told(file, &|d, t| bar.show(d, t));
    bar.finish();
    let checked = checked?;
    let mut store = cx.write()?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kam".into());
    let keep = path.with_file_name(format!("{stem}.replaced-{stamp}.db"));
    let bar = Bar::new(cx.lang, "progress-restore", "progress-pages");
    let restored = store.restore_from_told(file, &keep, Some(&checked), &|d, t| bar.show(d, t));
    bar.finish();
    restored?;
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "cli-restored",
            &[
                ("file", file.display().to_string().into()),
                ("book", path.display().to_string().into()),
                ("kept", keep.display().to_string().into())
            ]
        )
    )?;
    Ok(())
}

/// `kam check [--full]`: an unhealthy book is an error, so the exit status says it.
pub fn check(cx: &Invocation, full: bool, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let bar = Bar::new(cx.lang, "progress-check", "progress-pages");
    let h = store.health_told(&|done, total| bar.show(done, total));
    bar.finish();
    let h = h?;
    // The indexes are only worth comparing in a file whose pages are sound.
    let derived = if h.integrity == ["ok"] {
        Some(store.derived_health(full)?)
    } else {
        None
    };
    let l = |id: &str| t(cx.lang, id);
    writeln!(out, "{}: {}", l("cli-check-database"), cx.path.display())?;
    writeln!(
        out,
        "{}: {}",
        l("cli-check-integrity"),
        h.integrity.join("; ")
    )?;
    writeln!(
        out,
        "{}: {} ({}: {})",
        l("cli-check-schema"),
        h.schema_version,
        l("cli-check-this-kam"),
        h.program_schema_version
    )?;
    writeln!(
        out,
        "{}: {}",
        l("cli-check-foreign-keys"),
        h.foreign_key_problems
    )?;
    for (table, live, trashed) in &h.counts {
        let n = [
            ("table", Arg::from(table.to_string())),
            ("live", Arg::Num(*live)),
            ("trashed", Arg::Num(*trashed)),
        ];
        writeln!(out, "{}", t_args(cx.lang, "cli-check-count", &n))?;
    }
    if let Some(d) = &derived {
        let how = l(if d.full {
            "cli-check-all"
        } else {
            "cli-check-sample"
        });
        let num = |n: usize| Arg::Num(n as i64);
        let notes = [
            ("wrong", num(d.notes_wrong)),
            ("checked", num(d.notes_checked)),
            ("how", Arg::from(how)),
        ];
        writeln!(out, "{}", t_args(cx.lang, "cli-check-notes", &notes))?;
        let records = [
            ("wrong", num(d.records_wrong)),
            ("accounts", num(d.accounts)),
            ("checked", num(d.records_checked)),
        ];
        writeln!(out, "{}", t_args(cx.lang, "cli-check-records", &records))?;
        let latest = [("wrong", num(d.latest_wrong))];
        writeln!(out, "{}", t_args(cx.lang, "cli-check-latest", &latest))?;
        let sales = [("wrong", num(d.sales_wrong))];
        writeln!(out, "{}", t_args(cx.lang, "cli-check-sales", &sales))?;
    }
    if !h.is_ok() {
        bail!(l("cli-check-unhealthy"));
    }
    if derived.as_ref().is_some_and(|d| !d.is_ok()) {
        bail!(l("cli-check-indexes-disagree"));
    }
    writeln!(out, "ok")?;
    Ok(())
}

/// `kam reindex`.
pub fn reindex(cx: &Invocation, out: &mut impl Write) -> Result<()> {
    let mut store = cx.write()?;
    let bar = Bar::new(cx.lang, "progress-reindex", "progress-rows");
    let rebuilt = store.reindex_told(&|done, total| bar.show(done, total));
    bar.finish();
    rebuilt?;
    let d = store.derived_health(true)?;
    writeln!(
        out,
        "rebuilt the note index ({} notes) and the finder's records ({} accounts)",
        d.notes_checked, d.accounts
    )?;
    Ok(())
}

/// The crash test's writer: saves accounts one transaction at a time and prints each id once
/// it is durable, until `count` or until killed.
#[cfg(feature = "test-hooks")]
pub fn save_loop(cx: &Invocation, count: usize, out: &mut impl Write) -> Result<()> {
    let mut store = cx.write()?;
    for i in 0..count {
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

/// `kam forget WHO`: an account by its code, else a contact by name (or CODE:NAME).
pub fn forget(cx: &Invocation, who: &str, out: &mut impl Write) -> Result<()> {
    let mut store = cx.write()?;
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
            [] => bail!(t_args(
                cx.lang,
                "cli-forget-nobody",
                &[
                    ("who", who.to_string().into()),
                    ("name", name.to_string().into())
                ]
            )),
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
    let backups = crate::store::backups::backup_dir(&cx.path);
    if backups.is_dir() {
        writeln!(
            out,
            "backups taken before now (in {}) still hold it; delete them to erase it there too",
            backups.display()
        )?;
    }
    Ok(())
}

/// A file's path as a message argument.
fn shown(path: &Path) -> crate::i18n::Arg {
    path.display().to_string().into()
}

pub fn encrypt(cx: &Invocation, out: &mut impl Write) -> Result<()> {
    let path = &cx.path;
    if crate::store::cipher::is_encrypted(path) {
        bail!(t_args(
            cx.lang,
            "cli-already-encrypted",
            &[("file", shown(path))]
        ));
    }
    let new = new_passphrase(cx.lang)?;
    crate::store::cipher::rewrite_with_key(path, &new)?;
    writeln!(
        out,
        "{}",
        t_args(cx.lang, "cli-encrypted", &[("file", shown(path))])
    )?;
    Ok(())
}

pub fn decrypt(cx: &Invocation, out: &mut impl Write) -> Result<()> {
    let path = &cx.path;
    if !crate::store::cipher::is_encrypted(path) {
        bail!(t_args(
            cx.lang,
            "cli-not-encrypted",
            &[("file", shown(path))]
        ));
    }
    crate::store::cipher::rewrite_with_key(path, "")?;
    writeln!(
        out,
        "{}",
        t_args(cx.lang, "cli-decrypted", &[("file", shown(path))])
    )?;
    Ok(())
}

pub fn rekey(cx: &Invocation, out: &mut impl Write) -> Result<()> {
    let path = &cx.path;
    if !crate::store::cipher::is_encrypted(path) {
        bail!(t_args(
            cx.lang,
            "cli-rekey-not-encrypted",
            &[("file", shown(path))]
        ));
    }
    let new = new_passphrase(cx.lang)?;
    crate::store::cipher::rewrite_with_key(path, &new)?;
    writeln!(
        out,
        "{}",
        t_args(cx.lang, "cli-rekeyed", &[("file", shown(path))])
    )?;
    Ok(())
}
