//! Probable duplicates on the command line, and merging two accounts into one.

use super::Invocation;
use crate::text_safety::cell;
use anyhow::Result;
use std::io::Write;

/// `kam duplicates [--json]`.
pub fn duplicates(cx: &Invocation, json: bool, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let accounts = crate::duplicates::account_duplicates(&store)?;
    let contacts = crate::duplicates::contact_duplicates(&store)?;
    if json {
        let doc = serde_json::json!({ "accounts": accounts, "contacts": contacts });
        crate::text_safety::write_json(out, &doc)?;
    } else {
        for g in &accounts {
            let who: Vec<String> = g
                .accounts
                .iter()
                .map(|a| format!("{} {}", a.code, cell(&a.name)))
                .collect();
            writeln!(
                out,
                "accounts\t{}: {}\t{}",
                g.reason.text(),
                cell(&g.key),
                who.join(" | ")
            )?;
        }
        for c in &contacts {
            writeln!(
                out,
                "contacts\t{}\t{} {}\t{}",
                c.reason.text(),
                c.account.code,
                cell(&c.account.name),
                cell(&c.names.join(" | "))
            )?;
        }
        if accounts.is_empty() && contacts.is_empty() {
            writeln!(out, "{}", crate::i18n::t(cx.lang, "cli-no-duplicates"))?;
        }
    }
    Ok(())
}

/// `kam merge KEEP DROP`: DROP goes to the trash, its records to KEEP.
pub fn merge(cx: &Invocation, keep: &str, drop: &str, out: &mut impl Write) -> Result<()> {
    let mut store = cx.write()?;
    let find = |code: &str| -> Result<crate::domain::Account> {
        store
            .account_by_code(code)?
            .ok_or_else(|| super::lookup::no_account(cx, code))
    };
    let (k, d) = (find(keep)?, find(drop)?);
    let m = store.write(|w| w.merge_accounts(k.id, d.id))?;
    writeln!(
        out,
        "merged {} {} into {} {}: {} records moved, {} empty fields filled; {} is in the trash (restore it to undo)",
        d.code,
        cell(&d.name),
        k.code,
        cell(&k.name),
        m.records_moved,
        m.fields_filled,
        d.code
    )?;
    Ok(())
}
