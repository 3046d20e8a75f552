//! `kam team …` and `kam sync`: the team edition from the command line. The server's address
//! comes from the command line, its password never does (asked, or KAM_TEAM_PASSWORD); both
//! are kept in the book, which `kam encrypt` protects.

use super::passphrase::read_hidden;
use super::{Invocation, TeamAction};
use crate::i18n::{t_args, Arg, Lang, Said};
use crate::sync::{self, connect, server};
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;

pub fn run(cx: &Invocation, action: &TeamAction, out: &mut impl Write) -> Result<()> {
    match action {
        TeamAction::Init { server, ca } => init(cx, server, ca.as_deref(), out),
        TeamAction::Join { server, ca } => join(cx, server, ca.as_deref(), out),
        TeamAction::Add { name, manager } => add(cx, name, *manager, out),
        TeamAction::Assign { code, rep } => assign(cx, code, rep, out),
        TeamAction::Forget { code } => forget(cx, code, out),
        TeamAction::Status => status(cx, out),
    }
}

/// A password from the variable, else asked on the terminal without echo.
fn password(lang: crate::i18n::Lang, var: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(var) {
        if p.is_empty() {
            bail!(Said::new("team-password-var-empty").with("var", var));
        }
        return Ok(p);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        bail!(Said::new("team-password-no-terminal").with("var", var));
    }
    read_hidden(lang, prompt)
}

fn server_from(lang: crate::i18n::Lang, url: &str, ca: Option<&Path>) -> Result<connect::Server> {
    let login = connect::parse(url)?.login;
    let ca = ca
        .map(|p| std::fs::read_to_string(p).map_err(|e| Said::cannot_read(p, &e)))
        .transpose()?;
    Ok(connect::Server {
        url: url.to_string(),
        password: password(
            lang,
            "KAM_TEAM_PASSWORD",
            &(t_args(lang, "team-ask-password", &[("name", login.into())]) + " "),
        )?,
        ca,
        lang,
    })
}

fn init(cx: &Invocation, url: &str, ca: Option<&Path>, out: &mut impl Write) -> Result<()> {
    let srv = server_from(cx.lang, url, ca)?;
    let mut client = connect::connect(&srv)?;
    let version = server::init(&mut client)?;
    drop(client);
    let mut store = cx.write()?;
    let prefix = sync::join(&mut store, &srv)?;
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "team-init-done",
            &[
                ("version", Arg::Num(version as i64)),
                ("prefix", prefix.into())
            ]
        )
    )?;
    Ok(())
}

fn join(cx: &Invocation, url: &str, ca: Option<&Path>, out: &mut impl Write) -> Result<()> {
    let srv = server_from(cx.lang, url, ca)?;
    let mut store = cx.write()?;
    let prefix = sync::join(&mut store, &srv)?;
    writeln!(
        out,
        "{}",
        t_args(cx.lang, "team-joined", &[("prefix", prefix.into())])
    )?;
    Ok(())
}

fn add(cx: &Invocation, name: &str, manager: bool, out: &mut impl Write) -> Result<()> {
    server::check_rep_name(name)?;
    let store = cx.read()?;
    let srv = sync::server_of(&store, cx.lang)?;
    let new = match std::env::var("KAM_TEAM_REP_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let first = password(
                cx.lang,
                "KAM_TEAM_REP_PASSWORD",
                &(t_args(cx.lang, "team-ask-new-password", &[("name", name.into())]) + " "),
            )?;
            if read_hidden(cx.lang, &(crate::i18n::t(cx.lang, "team-ask-again") + " "))? != first {
                bail!(Said::new("team-passwords-differ"));
            }
            first
        }
    };
    if new.chars().count() < 8 {
        bail!(Said::new("team-password-short").with("min", 8i64));
    }
    let mut client = connect::connect(&srv)?;
    server::add_rep(&mut client, name, &new, manager)?;
    writeln!(
        out,
        "{}",
        t_args(cx.lang, "team-added", &[("name", name.to_string().into())])
    )?;
    Ok(())
}

fn assign(cx: &Invocation, code: &str, rep: &str, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let account = store
        .account_by_code(code)?
        .ok_or_else(|| Said::new("team-no-account").with("code", code))?;
    let uid = store
        .account_uid(account.id)?
        .ok_or_else(|| Said::new("team-no-uid").with("code", code))?;
    let srv = sync::server_of(&store, cx.lang)?;
    let mut client = connect::connect(&srv)?;
    server::assign(&mut client, &uid, rep)?;
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "team-assigned",
            &[
                ("code", account.code.clone().into()),
                ("rep", rep.to_string().into())
            ]
        )
    )?;
    Ok(())
}

/// `kam team forget CODE`: erased on the server, then this book's own sync erases it here
/// and rewrites the server's tables that held it (`sync::erase_residue`).
fn forget(cx: &Invocation, code: &str, out: &mut impl Write) -> Result<()> {
    let mut store = cx.write()?;
    let srv = sync::server_of(&store, cx.lang)?;
    let mut client = connect::connect(&srv)?;
    if server::forget_account(&mut client, code)?.is_none() {
        bail!(t_args(
            cx.lang,
            "team-forget-unknown",
            &[("code", code.to_string().into())]
        ));
    }
    drop(client);
    sync::sync(&mut store, cx.lang)?;
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "team-forgotten",
            &[("code", code.to_string().into())]
        )
    )?;
    Ok(())
}

fn status(cx: &Invocation, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let srv = sync::server_of(&store, cx.lang)?;
    let me = store.sync_self()?;
    let waiting = store.changes_waiting()?;
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "team-status-self",
            &[
                ("server", srv.url.clone().into()),
                (
                    "last",
                    me.last_sync.clone().unwrap_or_else(|| "-".into()).into()
                ),
                ("waiting", Arg::Num(waiting)),
            ]
        )
    )?;
    let mut client = connect::connect(&srv)?;
    writeln!(out, "{}", crate::i18n::t(cx.lang, "team-status-header"))?;
    for r in server::status(&mut client)? {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.name,
            if r.manager {
                crate::i18n::t(cx.lang, "team-role-manager")
            } else {
                crate::i18n::t(cx.lang, "team-role-rep")
            },
            r.laptops,
            r.accounts,
            r.last_push.unwrap_or_else(|| "-".into()),
            r.last_pull.unwrap_or_else(|| "-".into()),
            r.rejected
        )?;
    }
    Ok(())
}

/// `kam sync`: push, pull, the counts; exit 1 with one sentence when the server cannot be
/// reached.
pub fn sync(cx: &Invocation, out: &mut impl Write) -> Result<()> {
    let mut store = cx.write()?;
    let report = match sync::sync(&mut store, cx.lang) {
        Ok(r) => r,
        Err(e) if connect::is_unreachable(&e) => {
            let waiting = store.changes_waiting().unwrap_or(0);
            bail!(t_args(
                cx.lang,
                "sync-unreachable",
                &[
                    ("why", crate::error::sentence_in(cx.lang, &e).into()),
                    ("waiting", Arg::Num(waiting))
                ]
            ))
        }
        Err(e) => return Err(e),
    };
    let a = &report.applied;
    let n = |v: usize| Arg::Num(v as i64);
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "sync-done",
            &[
                ("sent", n(report.sent_records)),
                ("forgets", n(report.sent_forgets)),
                ("accepted", Arg::Num(report.accepted)),
                ("new", n(a.records_new)),
                ("changed", n(a.records_changed)),
                ("fields", n(a.fields)),
            ]
        )
    )?;
    let conflicts = report.lost_to_newer as usize + a.conflicts;
    if conflicts + report.rejected as usize + a.forgotten + a.revoked + a.codes_renamed > 0 {
        writeln!(
            out,
            "{}",
            t_args(
                cx.lang,
                "sync-conflicts",
                &[
                    ("conflicts", n(conflicts)),
                    ("rejected", Arg::Num(report.rejected)),
                    ("forgotten", n(a.forgotten)),
                    ("revoked", n(a.revoked)),
                    ("renamed", n(a.codes_renamed)),
                ]
            )
        )?;
    }
    tell_refused(cx.lang, &report.refused, out)
}

/// Which of this book's changes the server refused and why, one sentence each (the first
/// few: a laptop long offline may have many).
fn tell_refused(lang: Lang, refused: &[sync::Refusal], out: &mut impl Write) -> Result<()> {
    const SHOWN: usize = 20;
    for r in refused.iter().take(SHOWN) {
        // An erased record is not named again.
        let what = match (&r.title, r.reason.as_str()) {
            (Some(t), reason) if reason != "forgotten" => crate::text_safety::text(t).into_owned(),
            _ => crate::i18n::t(lang, "sync-refused-unnamed"),
        };
        let key = match r.reason.as_str() {
            "account not yours" => "sync-refused-not-yours",
            "forgotten" => "sync-refused-forgotten",
            "forget of an account not yours" => "sync-refused-forget",
            "team settings are the manager's" => "sync-refused-settings",
            sync::CATALOGUE_REFUSED => "sync-refused-catalogue",
            sync::TARGETS_REFUSED => "sync-refused-targets",
            _ => "sync-refused-other",
        };
        writeln!(
            out,
            "{}",
            t_args(
                lang,
                key,
                &[("what", what.into()), ("why", r.reason.clone().into())]
            )
        )?;
    }
    if refused.len() > SHOWN {
        writeln!(
            out,
            "{}",
            t_args(
                lang,
                "sync-refused-more",
                &[("n", Arg::Num((refused.len() - SHOWN) as i64))]
            )
        )?;
    }
    Ok(())
}
