//! Questions asked of the book on the command line: accounts found by the finder, notes
//! found by their words, one account's change history, and what is due soon. Each prints
//! tab-separated rows (or JSON), read-only.

use super::{HistoryArgs, Invocation, NotesArgs};
use crate::text_safety::{cell, write_json};
use anyhow::Result;
use std::io::Write;

/// `kam search QUERY`: code, name, primary contact and phone, best match first.
pub fn search(
    cx: &Invocation,
    query: &str,
    limit: usize,
    json: bool,
    out: &mut impl Write,
) -> Result<()> {
    let store = cx.read()?;
    // Ranked over the stored records as read; the few accounts found are read after.
    let hits = crate::search::search_stored(&store, query, limit)?;
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
    if json {
        let docs: Vec<_> = rows
            .iter()
            .map(|a| {
                serde_json::json!({
                    "code": a.code, "name": a.name,
                    "primary_contact": a.primary_contact, "phone": a.primary_phone,
                })
            })
            .collect();
        write_json(out, &docs)?;
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
    Ok(())
}

/// `kam notes QUERY [--account CODE]`: the newest matching notes.
pub fn notes(cx: &Invocation, args: &NotesArgs, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let account_id = match &args.account {
        Some(code) => Some(
            store
                .account_by_code(code)?
                .ok_or_else(|| no_account(cx, code))?
                .id,
        ),
        None => None,
    };
    let hits = store.search_notes(&args.query, account_id, args.limit)?;
    if args.json {
        write_json(out, &hits)?;
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
    Ok(())
}

/// `kam history CODE [--include-personal [--include-sensitive]]`: the account's changes, newest first.
pub fn history(cx: &Invocation, args: &HistoryArgs, out: &mut impl Write) -> Result<()> {
    let (code, include_personal) = (&args.code, args.include_personal);
    let store = cx.read()?;
    let account = store
        .account_by_code(code)?
        .ok_or_else(|| no_account(cx, code))?;
    for mut c in store.history(account.id)? {
        // The personal dossier is shown only when asked for, as in the interface.
        if c.is_personal() && !include_personal {
            for v in [&mut c.old_value, &mut c.new_value] {
                if v.is_some() {
                    *v = Some("(personal)".into());
                }
            }
        } else if c.is_personal() && !args.include_sensitive {
            // Its religion, health and politics only when asked for besides, as exports.
            for v in [&mut c.old_value, &mut c.new_value] {
                if let Some(text) = v.as_deref() {
                    *v = Some(sensitive_masked(text));
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
    Ok(())
}

/// A stored dossier (JSON) with each sensitive item that holds a value shown as
/// "(sensitive)"; text that is not a dossier object is left as it is.
fn sensitive_masked(text: &str) -> String {
    use crate::domain::contact::SENSITIVE_DOSSIER_FIELDS;
    use serde_json::Value;
    let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(text) else {
        return text.to_string();
    };
    for key in SENSITIVE_DOSSIER_FIELDS {
        if let Some(v) = map.get_mut(*key).filter(|v| !v.is_null()) {
            *v = Value::String("(sensitive)".into());
        }
    }
    Value::Object(map).to_string()
}

/// `kam remind [--days N]`: birthdays, plans, follow-ups and quiet key accounts ahead.
pub fn remind(cx: &Invocation, days: u32, json: bool, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let today = store.now().date();
    if json {
        write_json(out, &crate::visits::reminders(&store, today, days)?)?;
        return Ok(());
    }
    // Each line as it comes: tens of thousands on a big book, never all held; gathered into
    // blocks (standard output writes each line on its own).
    let mut out = std::io::BufWriter::new(out);
    let mut any = false;
    crate::visits::reminders::each_reminder(&store, today, days, |r| {
        any = true;
        Ok(writeln!(out, "{}\t{}", r.date, cell(&r.text(cx.lang)))?)
    })?;
    if !any {
        writeln!(out, "{}", crate::i18n::t(cx.lang, "remind-none"))?;
    }
    out.flush()?;
    Ok(())
}

/// "There is no account with code X", in the person's language.
pub fn no_account(cx: &Invocation, code: &str) -> anyhow::Error {
    anyhow::anyhow!(crate::i18n::t_args(
        cx.lang,
        "cli-no-account",
        &[("code", code.to_string().into())]
    ))
}
