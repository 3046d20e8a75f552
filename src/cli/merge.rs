//! Probable duplicates on the command line, and merging two accounts into one.

use super::progress::Bar;
use super::Invocation;
use crate::text_safety::cell;
use anyhow::Result;
use std::io::Write;

/// `kam duplicates [--json]`.
pub fn duplicates(cx: &Invocation, json: bool, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    // Seconds on a big book: a bar over the accounts and contacts looked at (the book is
    // read a few times over: for twin accounts, then for twins within an account).
    let bar = Bar::new(cx.lang, "progress-duplicates", "progress-rows");
    bar.set_total(crate::duplicates::rows_to_look_at(&store)?);
    let found =
        crate::duplicates::account_duplicates_told(&store, &|n| bar.inc(n)).and_then(|accounts| {
            let contacts = crate::duplicates::contact_duplicates_told(&store, &|n| bar.inc(n))?;
            Ok((accounts, contacts))
        });
    bar.finish();
    let (accounts, contacts) = found?;
    if json {
        // Written from the groups one at a time: one JSON value of them all was a second
        // copy. Each is still a JSON value on its way, whose keys come in alphabetical order
        // as they always have.
        #[derive(serde::Serialize)]
        struct Found<'a> {
            accounts: OneByOne<'a, crate::duplicates::Group>,
            contacts: OneByOne<'a, crate::duplicates::ContactTwin>,
        }
        let found = Found {
            accounts: OneByOne(&accounts),
            contacts: OneByOne(&contacts),
        };
        crate::text_safety::write_json(out, &found)?;
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

/// A list written as JSON values one element at a time (keys in alphabetical order).
struct OneByOne<'a, T>(&'a [T]);

impl<T: serde::Serialize> serde::Serialize for OneByOne<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for x in self.0 {
            seq.serialize_element(&serde_json::to_value(x).map_err(S::Error::custom)?)?;
        }
        seq.end()
    }
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
