//! The note index: the free text of visit reports, service records, feedback and the
//! communication log, searchable by one or two Chinese characters or the start of a word,
//! newest first.
//!
//! It is an FTS5 table holding only the index (`content=''`, no copy of the text), written
//! in the same transaction as the record (see `Writer` in records.rs), so it can never
//! disagree with what was saved. The rowid of a note in the index orders notes by date:
//! `day << 26 | kind << 24 | id`, so "the 50 newest hits" is the first 50 rowids read
//! backwards, and a hit is found again without a mapping table. The index stores each
//! rowid as a varint of its distance to the previous one: with the day this low, a step of
//! a day costs 4 bytes instead of the 6 of `day << 36` (a quarter of the index). It limits
//! note ids to 2^24 (16.7 million) per kind; a save beyond says so.

use super::note_tokens::{index_text, NoteQuery};
use super::Store;
use crate::domain::RecordKind;
use anyhow::{bail, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

/// The schema step that creates the index (its number is `NOTES_STEP + 1`).
///
/// `columnsize=0` and no `contentless_delete`: both would keep a row per note beside the
/// index (a third of its size). A note is taken out with FTS5's `delete` command instead,
/// which needs the text that was indexed: `sync` gives it from the stored row before the
/// change, and `index_text` must therefore stay the same for as long as the index lives
/// (a new tokenization needs a new schema step that rebuilds the index).
///
/// `note_words` lists every Latin word ever indexed (never pruned: a word no note holds any
/// more finds nothing), so a query's word prefix becomes the few whole words it starts.
pub(crate) const SCHEMA: &str = "CREATE VIRTUAL TABLE note_index USING fts5(
    body, content='', columnsize=0, detail=full, tokenize='ascii'
);
CREATE TABLE note_words (word TEXT PRIMARY KEY) WITHOUT ROWID;";

/// A word prefix that starts more indexed words than this is searched as a prefix.
const MAX_WORDS: usize = 64;

/// The kinds whose text is indexed, each with its date column, its code in the rowid, and
/// its text columns (the first one is what a hit shows when nothing else matched).
pub(crate) const NOTE_KINDS: [(RecordKind, &str, i64, &[&str]); 4] = [
    (
        RecordKind::VisitReport,
        "date",
        0,
        &[
            "summary",
            "problems_solved",
            "problems_open",
            "watch_next_time",
            "person_met",
        ],
    ),
    (
        RecordKind::ServiceRecord,
        "date",
        1,
        &["request", "result", "product"],
    ),
    (
        RecordKind::Feedback,
        "date",
        2,
        &["content", "cause", "handling"],
    ),
    (
        RecordKind::Communication,
        "at",
        3,
        &["content", "result", "next_step", "contacts"],
    ),
];

fn spec_of(kind: RecordKind) -> Option<(&'static str, i64, &'static [&'static str])> {
    NOTE_KINDS
        .iter()
        .find(|(k, ..)| *k == kind)
        .map(|&(_, date, code, fields)| (date, code, fields))
}

/// Whether records of `kind` are notes.
pub fn is_note(kind: RecordKind) -> bool {
    spec_of(kind).is_some()
}

/// Days since 1970 of a date or timestamp text (`2026-11-23`, `2026-11-23T09:30:00`); 0 when
/// there is none.
pub(crate) fn day_of(date: Option<&str>) -> i64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    date.and_then(|d| d.get(..10))
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or(0, |d| (d - epoch).num_days().clamp(0, (1 << 26) - 1))
}

pub(crate) fn key(day: i64, code: i64, id: i64) -> Result<i64> {
    if !(0..1 << 24).contains(&id) {
        bail!("record id {id} is out of the note index's range");
    }
    Ok(day << 26 | code << 24 | id)
}

pub(crate) fn unkey(key: i64) -> Option<(RecordKind, i64)> {
    let code = (key >> 24) & 3;
    let kind = NOTE_KINDS.iter().find(|k| k.2 == code)?.0;
    Some((kind, key & 0xFF_FFFF))
}

/// The index row of a note given as its JSON map: rowid and indexed text.
fn entry(kind: RecordKind, id: i64, map: &Map<String, Value>) -> Result<Option<(i64, String)>> {
    let Some((date, code, fields)) = spec_of(kind) else {
        return Ok(None);
    };
    let texts = fields.iter().filter_map(|f| map.get(*f)?.as_str());
    let day = day_of(map.get(date).and_then(Value::as_str));
    Ok(Some((key(day, code, id)?, joined(texts))))
}

pub(crate) fn joined<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in texts.map(index_text).filter(|t| !t.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t);
    }
    out
}

/// Brings the index in line with one change of a record: `old` is what was indexed (the
/// stored row before the change, `None` for a new or trashed record), `new` what is to be
/// (`None` when it goes to the trash). Records that are not notes are ignored. Runs in the
/// caller's transaction.
pub(crate) fn sync(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
    old: Option<&Map<String, Value>>,
    new: Option<&Map<String, Value>>,
) -> Result<()> {
    if !is_note(kind) {
        return Ok(());
    }
    if let Some((rowid, body)) = old.map(|m| entry(kind, id, m)).transpose()?.flatten() {
        conn.prepare_cached(
            "INSERT INTO note_index (note_index, rowid, body) VALUES ('delete', ?1, ?2)",
        )?
        .execute(params![rowid, body])?;
    }
    if let Some((rowid, body)) = new.map(|m| entry(kind, id, m)).transpose()?.flatten() {
        conn.prepare_cached("INSERT INTO note_index (rowid, body) VALUES (?1, ?2)")?
            .execute(params![rowid, body])?;
        let mut word =
            conn.prepare_cached("INSERT OR IGNORE INTO note_words (word) VALUES (?1)")?;
        for w in NoteQuery::words(&body) {
            word.execute([w])?;
        }
    }
    Ok(())
}

/// The notes of a bulk load not yet in the index. FTS5 writes a segment to disk whenever a
/// rowid comes that is not above the last one: notes loaded account by account come in
/// date order only by chance, so each made a tiny segment and merges (40% of a demo). Held
/// here and written sorted, some megabytes at a time, they make one segment each.
#[derive(Debug, Default)]
pub(crate) struct NoteLoad {
    pending: Vec<(i64, String)>,
    bytes: usize,
    /// The Latin words of the notes loaded, listed once at the end.
    words: std::collections::BTreeSet<String>,
}

/// How much note text a load holds before writing it to the index.
const LOAD_BATCH: usize = 8 << 20;

impl NoteLoad {
    fn add(&mut self, conn: &Connection, rowid: i64, body: String) -> Result<()> {
        for w in NoteQuery::words(&body) {
            if !self.words.contains(w) {
                self.words.insert(w.to_string());
            }
        }
        self.bytes += body.len() + 32;
        self.pending.push((rowid, body));
        if self.bytes >= LOAD_BATCH {
            self.write(conn)?;
        }
        Ok(())
    }

    fn write(&mut self, conn: &Connection) -> Result<()> {
        self.pending.sort_unstable_by_key(|p| p.0);
        let mut insert =
            conn.prepare_cached("INSERT INTO note_index (rowid, body) VALUES (?1, ?2)")?;
        for (rowid, body) in self.pending.drain(..) {
            insert.execute(params![rowid, body])?;
        }
        self.bytes = 0;
        Ok(())
    }

    /// Writes what is held, and the word list.
    pub(crate) fn finish(mut self, conn: &Connection) -> Result<()> {
        self.write(conn)?;
        add_words(conn, self.words.iter().map(String::as_str))
    }
}

/// Indexes a new note given as its columns' text (`text(column)`), as `sync` does for a new
/// record's map: for bulk loads, which have the row and no map. Within a load (`load`) it
/// is held and written with the load's other notes.
pub(crate) fn index_new<'a>(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
    text: impl Fn(&str) -> Option<&'a str>,
    load: Option<&mut NoteLoad>,
) -> Result<()> {
    let Some((date, code, fields)) = spec_of(kind) else {
        return Ok(());
    };
    let body = joined(fields.iter().filter_map(|f| text(f)));
    let rowid = key(day_of(text(date)), code, id)?;
    if let Some(load) = load {
        return load.add(conn, rowid, body);
    }
    conn.prepare_cached("INSERT INTO note_index (rowid, body) VALUES (?1, ?2)")?
        .execute(params![rowid, body])?;
    add_words(conn, NoteQuery::words(&body))
}

/// Adds words to the list of every Latin word indexed.
pub(crate) fn add_words<'a>(conn: &Connection, words: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut word = conn.prepare_cached("INSERT OR IGNORE INTO note_words (word) VALUES (?1)")?;
    for w in words {
        word.execute([w])?;
    }
    Ok(())
}

/// FTS5's own settings for a bulk load: segments are not merged as they are written (the
/// load ends with one `optimize`), and the terms of 16 MB of text are gathered in memory
/// before a segment is written instead of 1 MB. Most of a demo's note indexing was merging.
const LOAD_SETTINGS: [(&str, i64, i64); 3] = [
    // (setting, during the load, FTS5's default)
    ("automerge", 0, 4),
    ("crisismerge", 1000, 16),
    ("hashsize", 16 << 20, 1 << 20),
];

/// Sets the index up for a bulk load; what it had set, for [`end_load_settings`].
pub(crate) fn begin_load_settings(conn: &Connection) -> Result<Vec<Option<i64>>> {
    let mut before = vec![];
    for (name, load, _) in LOAD_SETTINGS {
        before.push(
            conn.query_row(
                "SELECT v FROM note_index_config WHERE k = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?,
        );
        conn.execute(
            "INSERT INTO note_index (note_index, rank) VALUES (?1, ?2)",
            params![name, load],
        )?;
    }
    Ok(before)
}

/// Puts the index's settings back as they were before the load.
pub(crate) fn end_load_settings(conn: &Connection, before: &[Option<i64>]) -> Result<()> {
    for ((name, _, default), was) in LOAD_SETTINGS.iter().zip(before) {
        conn.execute(
            "INSERT INTO note_index (note_index, rank) VALUES (?1, ?2)",
            params![name, was.unwrap_or(*default)],
        )?;
    }
    Ok(())
}

/// Merges the index's segments into one, after a bulk load: FTS5 writes a load in many
/// segments, and merged the index is some 2% smaller (under the text's size instead of
/// just over it at 1M notes). Seconds at a million notes, so never per save.
pub(crate) fn optimize(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO note_index (note_index) VALUES ('optimize')",
        [],
    )?;
    Ok(())
}

/// Indexes every live note; run once, by the schema step that creates the index.
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    backfill_told(conn, &|_| {})
}

/// [`backfill`], telling `done` every 1,024 notes indexed (a progress bar's count).
pub(crate) fn backfill_told(conn: &Connection, done: &dyn Fn(u64)) -> Result<()> {
    let mut insert = conn.prepare("INSERT INTO note_index (rowid, body) VALUES (?1, ?2)")?;
    let mut words = std::collections::BTreeSet::new();
    let mut n = 0u64;
    each_note(conn, |key, body| {
        insert.execute(params![key, body])?;
        words.extend(NoteQuery::words(&body).map(String::from));
        n += 1;
        if n.is_multiple_of(1024) {
            done(1024);
        }
        Ok(())
    })?;
    done(n % 1024);
    let mut word = conn.prepare("INSERT OR IGNORE INTO note_words (word) VALUES (?1)")?;
    for w in words {
        word.execute([w])?;
    }
    optimize(conn)
}

/// Calls `f(rowid, indexed text)` for every live note, as the index should hold it.
pub(crate) fn each_note(
    conn: &Connection,
    mut f: impl FnMut(i64, String) -> Result<()>,
) -> Result<()> {
    for (kind, date, code, fields) in NOTE_KINDS {
        let sql = format!(
            "SELECT id, {date}, {} FROM {} WHERE deleted_at IS NULL",
            fields.join(", "),
            kind.table()
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (key, body) = note_of(r, code, fields.len())?;
            f(key, body)?;
        }
    }
    Ok(())
}

/// The rowid and indexed text of a note's row read as `id, date, text columns…`.
pub(crate) fn note_of(r: &rusqlite::Row<'_>, code: i64, fields: usize) -> Result<(i64, String)> {
    let day = day_of(r.get_ref(1)?.as_str_or_null()?);
    let texts: Vec<Option<String>> = (0..fields)
        .map(|i| r.get(i + 2))
        .collect::<rusqlite::Result<_>>()?;
    Ok((
        key(day, code, r.get(0)?)?,
        joined(texts.iter().flatten().map(String::as_str)),
    ))
}

/// One note found by a search.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NoteHit {
    #[serde(skip)]
    pub kind: RecordKind,
    /// The kind's stable name (`visit_reports`, `service_records`, `feedback`, `communications`).
    pub entity: &'static str,
    pub id: i64,
    pub account_id: i64,
    pub account_code: String,
    pub account_name: String,
    /// The note's date (or time, for the communication log) as stored.
    pub date: String,
    /// The text field that matched, on one line.
    pub snippet: String,
}

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 80;

fn snippet(texts: &[Option<String>], q: &NoteQuery) -> String {
    let present = || texts.iter().flatten();
    let best = present()
        .find(|t| q.matches(&index_text(t)))
        .or_else(|| present().next());
    let line: String = best
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    match line.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// How big the notes and their index are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteStats {
    pub notes: usize,
    /// Bytes of indexed text (UTF-8) of every note, live or trashed.
    pub text_bytes: u64,
    /// Bytes of the index's pages on disk.
    pub index_bytes: u64,
}

impl Store {
    pub fn note_stats(&self) -> Result<NoteStats> {
        let mut stats = NoteStats {
            notes: 0,
            text_bytes: 0,
            index_bytes: 0,
        };
        for (kind, _, _, fields) in NOTE_KINDS {
            let len = fields
                .iter()
                .map(|f| format!("coalesce(length(CAST({f} AS BLOB)), 0)"))
                .collect::<Vec<_>>()
                .join(" + ");
            let (n, bytes): (i64, Option<i64>) = self.conn().query_row(
                &format!("SELECT count(*), sum({len}) FROM {}", kind.table()),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            stats.notes += n as usize;
            stats.text_bytes += bytes.unwrap_or(0) as u64;
        }
        let index: Option<i64> = self.conn().query_row(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'note\\_index%' ESCAPE '\\'",
            [],
            |r| r.get(0),
        )?;
        stats.index_bytes = index.unwrap_or(0) as u64;
        Ok(stats)
    }

    /// The newest `limit` live notes matching `query` (of one account when given), newest
    /// first. A query of CJK characters matches them adjacent; a Latin word matches the start
    /// of a word; several parts must all match. An empty query finds nothing.
    pub fn search_notes(
        &self,
        query: &str,
        account_id: Option<i64>,
        limit: usize,
    ) -> Result<Vec<NoteHit>> {
        let q = NoteQuery::new(query);
        if q.is_empty() || limit == 0 {
            return Ok(vec![]);
        }
        match account_id {
            Some(a) => self.account_notes(&q, a, limit),
            None => self.indexed_notes(&q, limit),
        }
    }

    /// Reads the index backwards (newest first) until `limit` live notes of live accounts.
    fn indexed_notes(&self, q: &NoteQuery, limit: usize) -> Result<Vec<NoteHit>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT rowid FROM note_index WHERE note_index MATCH ?1 ORDER BY rowid DESC",
        )?;
        let mut failed = None;
        let fts = q.fts(|prefix| match self.words_starting(prefix) {
            Ok(words) => words,
            Err(e) => {
                failed = Some(e);
                None
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        let Some(fts) = fts else {
            return Ok(vec![]);
        };
        let mut rows = stmt.query([fts])?;
        let mut hits = Vec::with_capacity(limit);
        while let Some(r) = rows.next()? {
            let Some((kind, id)) = unkey(r.get(0)?) else {
                continue;
            };
            if let Some(hit) = self.note_hit(kind, id, q)? {
                hits.push(hit);
                if hits.len() == limit {
                    break;
                }
            }
        }
        Ok(hits)
    }

    /// The indexed words starting with `prefix`, when there are at most `MAX_WORDS`.
    fn words_starting(&self, prefix: &str) -> Result<Option<Vec<String>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT word FROM note_words WHERE word >= ?1 AND word < ?2 ORDER BY word LIMIT ?3",
        )?;
        let end = format!("{prefix}\u{10FFFF}");
        let words = stmt
            .query_map(params![prefix, end, MAX_WORDS as i64 + 1], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok((words.len() <= MAX_WORDS).then_some(words))
    }

    fn note_hit(&self, kind: RecordKind, id: i64, q: &NoteQuery) -> Result<Option<NoteHit>> {
        let (date, _, fields) = spec_of(kind).expect("a note kind");
        let sql = format!(
            "SELECT n.account_id, a.code, a.name, n.{date}, {}
             FROM {} n JOIN accounts a ON a.id = n.account_id
             WHERE n.id = ?1 AND n.deleted_at IS NULL AND a.deleted_at IS NULL",
            fields
                .iter()
                .map(|f| format!("n.{f}"))
                .collect::<Vec<_>>()
                .join(", "),
            kind.table()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        Ok(stmt
            .query_row([id], |r| {
                let texts: Vec<Option<String>> = (0..fields.len())
                    .map(|i| r.get(i + 4))
                    .collect::<rusqlite::Result<_>>()?;
                Ok(NoteHit {
                    kind,
                    entity: kind.table(),
                    id,
                    account_id: r.get(0)?,
                    account_code: r.get(1)?,
                    account_name: r.get(2)?,
                    date: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    snippet: snippet(&texts, q),
                })
            })
            .optional()?)
    }

    /// One account holds few notes: read them all and match them the way the index would.
    fn account_notes(&self, q: &NoteQuery, account_id: i64, limit: usize) -> Result<Vec<NoteHit>> {
        let mut found: Vec<(i64, RecordKind, i64)> = Vec::new();
        for (kind, date, code, fields) in NOTE_KINDS {
            let sql = format!(
                "SELECT id, {date}, {} FROM {} WHERE account_id = ?1 AND deleted_at IS NULL",
                fields.join(", "),
                kind.table()
            );
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let mut rows = stmt.query([account_id])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let day = day_of(r.get_ref(1)?.as_str_or_null()?);
                let texts: Vec<Option<String>> = (0..fields.len())
                    .map(|i| r.get(i + 2))
                    .collect::<rusqlite::Result<_>>()?;
                if q.matches(&joined(texts.iter().flatten().map(String::as_str))) {
                    found.push((key(day, code, id)?, kind, id));
                }
            }
        }
        found.sort_unstable_by_key(|f| std::cmp::Reverse(f.0));
        let mut hits = Vec::with_capacity(limit.min(found.len()));
        for (_, kind, id) in found {
            if let Some(hit) = self.note_hit(kind, id, q)? {
                hits.push(hit);
                if hits.len() == limit {
                    break;
                }
            }
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rowids_order_by_date_and_find_the_note_again() {
        let day = day_of(Some("2026-11-23T09:30:00"));
        assert_eq!(day, day_of(Some("2026-11-23")));
        assert!(day > day_of(Some("2026-11-22")));
        assert_eq!(day_of(None), 0);
        assert_eq!(day_of(Some("soon")), 0);
        let a = key(day, 3, 7).unwrap();
        let b = key(day + 1, 0, 3).unwrap();
        assert!(b > a);
        assert_eq!(unkey(a), Some((RecordKind::Communication, 7)));
        assert_eq!(unkey(b), Some((RecordKind::VisitReport, 3)));
        assert!(key(day, 0, 1 << 24).is_err());
        assert_eq!(
            unkey(key(day, 2, (1 << 24) - 1).unwrap()),
            Some((RecordKind::Feedback, (1 << 24) - 1))
        );
    }
}
