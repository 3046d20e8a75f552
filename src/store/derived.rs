//! The two things the store derives from the tables, checked against them and rebuilt: the
//! note index (notes.rs) and the finder's records (search_records.rs).
//!
//! Both are written in the same transaction as the rows they come from, so kam's own saves
//! keep them right. A file written some other way (a hand edit, an older kam's restore, a
//! bulk path that forgot one of them) can leave them out of step, and then a search finds
//! nothing where the data holds the answer, quietly. `kam check` looks (a sample by default,
//! everything with `--full`); `kam reindex` writes both afresh from the tables.

use super::accounts::{all_summaries, contact_keys_where, summary_of};
use super::notes::{self, NOTE_KINDS};
use super::{search_records, Store};
use crate::i18n::Said;
use crate::search_keys::chunk;
use crate::search_keys::{self, Record};
use anyhow::{Context, Result};
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// How many notes and accounts a quick check compares in full.
const SAMPLE: usize = 256;

/// What was compared and what disagreed.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct DerivedHealth {
    /// Notes whose indexed text was compared with their rows.
    pub notes_checked: usize,
    /// Notes missing from the index or indexed with other text (or, with `full`, index
    /// entries of notes that are gone).
    pub notes_wrong: usize,
    /// Live accounts (each is looked for among the records).
    pub accounts: usize,
    /// Live accounts whose finder record was compared in full with their rows.
    pub records_checked: usize,
    /// Accounts whose record is missing or differs, plus records of accounts that are gone.
    pub records_wrong: usize,
    /// Accounts whose kept latest visit or communication (`account_latest`, which the
    /// reminders and the week plan read) differs from the tables: always all of them.
    pub latest_wrong: usize,
    /// Account-years whose kept sales (`account_sales`, which the computed grades read)
    /// differ from the deals: always all of them.
    pub sales_wrong: usize,
    /// Whether every note and account was compared (`--full`) or a sample.
    pub full: bool,
}

impl DerivedHealth {
    pub fn is_ok(&self) -> bool {
        self.notes_wrong == 0
            && self.records_wrong == 0
            && self.latest_wrong == 0
            && self.sales_wrong == 0
    }
}

/// One note by its rowid in the index, as the index should hold it.
fn expected_note(conn: &Connection, key: i64) -> Result<Option<(i64, String)>> {
    let Some((kind, id)) = notes::unkey(key) else {
        return Ok(None);
    };
    let Some(&(_, date, code, fields)) = NOTE_KINDS.iter().find(|k| k.0 == kind) else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT id, {date}, {} FROM {} WHERE id = ?1 AND deleted_at IS NULL",
        fields.join(", "),
        kind.table()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => Ok(Some(notes::note_of(r, code, fields.len())?)),
        None => Ok(None),
    }
}

/// Every live note's rowid (cheap: ids and dates only).
fn note_keys(conn: &Connection) -> Result<Vec<i64>> {
    let mut out = Vec::new();
    for &(kind, date, code, _) in NOTE_KINDS.iter() {
        let sql = format!(
            "SELECT id, {date} FROM {} WHERE deleted_at IS NULL",
            kind.table()
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let day = notes::day_of(r.get_ref(1)?.as_str_or_null()?);
            out.push(notes::key(day, code, r.get(0)?)?);
        }
    }
    Ok(out)
}

/// Up to `n` items spread evenly over `all` (the same ones every run: a check is repeatable).
fn spread<T: Copy>(all: &[T], n: usize) -> Vec<T> {
    if all.len() <= n {
        return all.to_vec();
    }
    (0..n).map(|i| all[i * all.len() / n]).collect()
}

/// Whether the index holds `body` as the text of note `rowid`, token for token in order: the
/// whole text as one phrase of that row. Tokens hold no quote (see note_tokens.rs).
fn indexed_as(conn: &Connection, rowid: i64, body: &str) -> Result<bool> {
    if body.is_empty() {
        return Ok(true);
    }
    let phrase = format!("\"{body}\"");
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM note_index WHERE note_index MATCH ?1 AND rowid = ?2")?
        .query_row(params![phrase, rowid], |r| r.get(0))?;
    Ok(n == 1)
}

/// Per row of an FTS5 index: a hash of its terms at their positions, summed so that the
/// order in which the vocabulary table lists them does not matter.
fn fingerprints(conn: &Connection, schema: &str, table: &str) -> Result<HashMap<i64, u64>> {
    let vocab = format!("kam_check_vocab_{table}");
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.{vocab};
         CREATE VIRTUAL TABLE temp.{vocab} USING fts5vocab({schema}, {table}, instance);"
    ))?;
    let mut out: HashMap<i64, u64> = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!("SELECT term, doc, offset FROM temp.{vocab}"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            r.get_ref(0)?.as_str()?.hash(&mut h);
            r.get::<_, i64>(2)?.hash(&mut h);
            let sum = out.entry(r.get(1)?).or_default();
            *sum = sum.wrapping_add(h.finish());
        }
    }
    conn.execute_batch(&format!("DROP TABLE temp.{vocab};"))?;
    Ok(out)
}

/// Every note compared: the expected texts are indexed into a temporary index with the same
/// tokenizer, and the two indexes' terms and positions compared row by row.
fn notes_full(conn: &Connection) -> Result<(usize, usize)> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.kam_check_notes;
         CREATE VIRTUAL TABLE temp.kam_check_notes USING fts5(
             body, content='', columnsize=0, detail=full, tokenize='ascii');",
    )?;
    let mut count = 0;
    {
        let mut insert =
            conn.prepare("INSERT INTO temp.kam_check_notes (rowid, body) VALUES (?1, ?2)")?;
        notes::each_note(conn, |key, body| {
            count += 1;
            insert.execute(params![key, body])?;
            Ok(())
        })?;
    }
    let want = fingerprints(conn, "temp", "kam_check_notes")?;
    conn.execute_batch("DROP TABLE temp.kam_check_notes;")?;
    let have = fingerprints(conn, "main", "note_index")?;
    let wrong = want.iter().filter(|(k, v)| have.get(k) != Some(v)).count()
        + have.keys().filter(|k| !want.contains_key(k)).count();
    Ok((count, wrong))
}

fn notes_sample(conn: &Connection) -> Result<(usize, usize)> {
    let mut keys = note_keys(conn)?;
    keys.sort_unstable();
    let chosen = spread(&keys, SAMPLE);
    let mut wrong = 0;
    for &key in &chosen {
        let ok = match expected_note(conn, key)? {
            Some((key, body)) => indexed_as(conn, key, &body)?,
            None => false,
        };
        if !ok {
            wrong += 1;
        }
    }
    Ok((chosen.len(), wrong))
}

/// The records as a search reads them: the chunks, with the newer rows on top (`None`: gone).
/// A chunk that cannot be read counts as holding nothing. Only the accounts in `compared`
/// (every one when `None`) keep their bytes, the others an empty mark that they have a
/// record: a check of a sample needs no more of them, and every record's bytes held at once
/// were ~100 MB at 100,000 accounts (issue 17).
fn stored_records(
    conn: &Connection,
    compared: Option<&HashSet<i64>>,
) -> Result<HashMap<i64, Option<Vec<u8>>>> {
    let bytes = |e: &chunk::Entry<'_>| {
        if compared.is_none_or(|c| c.contains(&e.id)) {
            entry_bytes(e)
        } else {
            Vec::new()
        }
    };
    let mut out: HashMap<i64, Option<Vec<u8>>> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT keys, tails FROM search_chunks")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (k, t) = (r.get_ref(0)?.as_blob()?, r.get_ref(1)?.as_blob()?);
            let Some(keys) = chunk::Keys::parse(k) else {
                continue;
            };
            let Some(tails) = chunk::Tails::parse(t, keys.n) else {
                continue;
            };
            for e in chunk::entries(&keys, &tails) {
                out.insert(e.id, Some(bytes(&e)));
            }
        }
    }
    let mut stmt = conn.prepare("SELECT account_id, record FROM search_records")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let record: Option<Vec<u8>> = r.get(1)?;
        let parsed = record
            .as_deref()
            .and_then(Record::parse)
            .map(|rec| bytes(&chunk::Entry::from(rec)));
        out.insert(r.get(0)?, parsed);
    }
    Ok(out)
}

/// An entry's parts in one comparable byte string (chunks and single records differ in
/// layout, not in content).
fn entry_bytes(e: &chunk::Entry<'_>) -> Vec<u8> {
    let mut out = e.id.to_le_bytes().to_vec();
    for part in [e.header].into_iter().chain(e.texts).chain([e.tail]) {
        out.extend_from_slice(&(part.len() as u32).to_le_bytes());
        out.extend_from_slice(part);
    }
    out
}

fn built_bytes(encoded: &[u8]) -> Option<Vec<u8>> {
    Record::parse(encoded).map(|r| entry_bytes(&chunk::Entry::from(r)))
}

fn records_check(conn: &Connection, full: bool) -> Result<(usize, usize, usize)> {
    let stale: HashSet<i64> = {
        let mut stmt = conn.prepare("SELECT account_id FROM search_stale")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let live: Vec<i64> = {
        let mut stmt =
            conn.prepare("SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let live_set: HashSet<i64> = live.iter().copied().collect();
    let chosen = if full { vec![] } else { spread(&live, SAMPLE) };
    let sample: HashSet<i64> = chosen.iter().copied().collect();
    let stored = stored_records(conn, (!full).then_some(&sample))?;
    // Accounts left stale are built by every reader from their rows: not wrong, only slow.
    let mut wrong = live
        .iter()
        .filter(|id| !stale.contains(id) && !matches!(stored.get(id), Some(Some(_))))
        .count()
        + stored
            .iter()
            .filter(|(id, r)| r.is_some() && !live_set.contains(id) && !stale.contains(id))
            .count();
    let compare = |id: i64, built: Option<Vec<u8>>| -> bool {
        stale.contains(&id)
            || matches!((stored.get(&id), built), (Some(Some(s)), Some(b)) if *s == b)
    };
    // The record leaves out the next visit (see search_records.rs): built with no "today".
    let checked = if full {
        let mut contacts: HashMap<i64, Vec<search_keys::ContactKey>> = HashMap::new();
        for c in contact_keys_where(conn, "deleted_at IS NULL", None)? {
            contacts.entry(c.account_id).or_default().push(c);
        }
        let all = all_summaries(conn, "")?;
        for a in &all {
            let cs = contacts.remove(&a.id).unwrap_or_default();
            let built = built_bytes(&search_keys::encode(a, &cs));
            if stored.get(&a.id).is_some_and(Option::is_some) && !compare(a.id, built) {
                wrong += 1;
            }
        }
        all.len()
    } else {
        for &id in &chosen {
            let Some(a) = summary_of(conn, "", id)? else {
                continue;
            };
            let cs = contact_keys_where(conn, "deleted_at IS NULL AND account_id = ?1", Some(id))?;
            let built = built_bytes(&search_keys::encode(&a, &cs));
            if stored.get(&id).is_some_and(Option::is_some) && !compare(id, built) {
                wrong += 1;
            }
        }
        chosen.len()
    };
    Ok((live.len(), checked, wrong))
}

impl Store {
    /// Compares the note index and the finder's records with the tables: a spread sample of
    /// each (and whether every live account has a record at all), or everything with `full`;
    /// and every account's kept latest dates (a grouping of the tables: 0.3 s at 100,000).
    pub fn derived_health(&self, full: bool) -> Result<DerivedHealth> {
        let conn = self.conn();
        let run = || -> Result<DerivedHealth> {
            let (notes_checked, notes_wrong) = if full {
                notes_full(conn)?
            } else {
                notes_sample(conn)?
            };
            let (accounts, records_checked, records_wrong) = records_check(conn, full)?;
            let latest_wrong = super::account_latest::disagreeing(conn)?;
            let sales_wrong = super::account_sales::disagreeing(conn)?;
            Ok(DerivedHealth {
                sales_wrong,
                latest_wrong,
                notes_checked,
                notes_wrong,
                accounts,
                records_checked,
                records_wrong,
                full,
            })
        };
        run().context(Said::new("store-index-check-failed"))
    }

    /// Writes the note index, the finder's records, each account's latest visit and
    /// communication and its sales per year afresh from the tables, in one transaction: all of it or none.
    pub fn reindex(&mut self) -> Result<()> {
        self.reindex_told(&|_, _| {})
    }

    /// [`Store::reindex`], telling `done(count, total)` as notes are indexed and then as the
    /// accounts' finder records are written (the total: notes and accounts).
    pub fn reindex_told(&mut self, done: &dyn Fn(u64, u64)) -> Result<()> {
        let notes = self.note_stats()?.notes as u64;
        let accounts: u64 = self.conn.query_row(
            "SELECT count(*) FROM accounts WHERE deleted_at IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64;
        let total = notes + accounts;
        let count = std::cell::Cell::new(0u64);
        let tell = |n: u64| {
            count.set(count.get() + n);
            done(count.get(), total);
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .context(Said::new("store-rebuild-cannot-start"))?;
        let run = |tx: &Connection| -> Result<()> {
            rebuild_note_index(tx, &tell)?;
            rebuild_search_records(tx)?;
            super::account_latest::rebuild(tx)?;
            super::account_sales::rebuild(tx)?;
            tell(accounts);
            Ok(())
        };
        run(&tx).context(Said::new("store-rebuild-failed"))?;
        tx.commit().context(Said::new("store-rebuild-failed"))
    }
}

/// The note index emptied and filled again from every live note, in the caller's transaction.
pub(crate) fn rebuild_note_index(conn: &Connection, done: &dyn Fn(u64)) -> Result<()> {
    // `delete-all` is how a contentless FTS5 table is emptied (a DELETE needs the old text).
    conn.execute_batch(
        "INSERT INTO note_index (note_index) VALUES ('delete-all');
         DELETE FROM note_words;",
    )?;
    notes::backfill_told(conn, done)
}

/// Every finder record written afresh, in the caller's transaction.
pub(crate) fn rebuild_search_records(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM search_stale", [])?;
    search_records::rebuild_all(conn, "")
}
