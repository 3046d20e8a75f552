//! A push: the outbox streamed from the book (store/sync_stream.rs) into the server by
//! `COPY … FROM STDIN` (a staging table of the session), merged set-based by `kam.push_staged`
//! (server/003_staged_push.sql) in parts of bounded size. The book is read on this thread
//! while the server loads the previous part on another, so a first upload of a big book
//! costs about the slower of the two, in bounded memory.
//! The whole push is one server transaction: a push killed half-way (or a server stopped)
//! leaves the team's book as it was, so no laptop ever pulls half of another's first upload,
//! and the next push sends it all again.

use super::connect::refused;
use super::report::{Refusal, Report};
use crate::i18n::Said;
use crate::store::sync_outbox::{RecordState, Tombstone};
use crate::store::sync_stream::{OutboxMarks, Outgoing};
use crate::store::Store;
use anyhow::{anyhow, Result};
use postgres::{Client, Transaction};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::io::Write;
use std::sync::mpsc;
use std::time::Instant;

/// Records per server transaction: a few tens of MB of COPY text.
const PART: usize = 20_000;

/// What the server thread is given.
enum Job {
    Tombstones(Value),
    Part(Vec<u8>),
}

/// A record's clocks as they travel: the clock most of its fields share as `"*"`, and only
/// the fields with another clock by name (the server reads it so, step 3).
pub fn compact(clocks: &Map<String, Value>) -> Map<String, Value> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for c in clocks.values().filter_map(Value::as_str) {
        *count.entry(c).or_default() += 1;
    }
    // The most shared clock; of equals, the smallest text, so the choice is the same anywhere.
    let Some(common) = count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_string())
    else {
        return clocks.clone();
    };
    let mut out: Map<String, Value> = clocks
        .iter()
        .filter(|(_, c)| c.as_str() != Some(common.as_str()))
        .map(|(k, c)| (k.clone(), c.clone()))
        .collect();
    out.insert("*".into(), Value::String(common));
    out
}

/// A compact clock map made whole again for the record's values: every value without a clock
/// of its own has the `"*"` one.
pub fn expand(values: &Map<String, Value>, mut clocks: Map<String, Value>) -> Map<String, Value> {
    if let Some(common) = clocks.remove("*") {
        for k in values.keys() {
            if !clocks.contains_key(k) {
                clocks.insert(k.clone(), common.clone());
            }
        }
    }
    clocks
}

/// JSON as a field of COPY's text format: backslashes doubled (serde_json writes no raw tab,
/// newline or other control character, and a backslash byte is never inside a multi-byte
/// UTF-8 character).
fn copy_field(out: &mut Vec<u8>, v: &Value) {
    let text = v.to_string();
    for b in text.bytes() {
        if b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
}

/// One staged row: entity, uid, account uid, values, clocks.
fn copy_row(out: &mut Vec<u8>, r: &RecordState) {
    // Entities and uids are kam's own plain words and UUIDs.
    for s in [&r.entity, &r.uid, &r.account_uid] {
        out.extend_from_slice(s.as_bytes());
        out.push(b'\t');
    }
    copy_field(out, &Value::Object(r.values.clone()));
    out.push(b'\t');
    copy_field(out, &Value::Object(compact(&r.clocks)));
    out.push(b'\n');
}

fn tombstones_json(tombs: &[Tombstone]) -> Value {
    Value::Array(
        tombs
            .iter()
            .map(|t| json!({"e": t.entity, "u": t.uid, "a": t.account_uid}))
            .collect(),
    )
}

/// One call of `kam.push_staged` in the push's transaction, its answer added to the report.
fn merge(
    tx: &mut Transaction,
    replica: &str,
    rows: Option<&[u8]>,
    tombs: &Value,
    upto: i64,
    report: &mut Report,
) -> Result<()> {
    crate::store::recovery::test_point("sync-before-push");
    if let Some(rows) = rows {
        let started = Instant::now();
        let mut w = tx
            .copy_in("COPY pg_temp.kam_stage (e, u, a, v, c) FROM STDIN")
            .map_err(refused)?;
        w.write_all(rows)?;
        w.finish().map_err(refused)?;
        report.phases.copy += started.elapsed();
    }
    let started = Instant::now();
    let answer: Value = tx
        .query_one(
            "SELECT kam.push_staged($1, $2, $3)",
            &[&replica, tombs, &upto],
        )
        .map_err(refused)?
        .get(0);
    report.phases.merge += started.elapsed();
    let n = |k: &str| answer.get(k).and_then(Value::as_i64).unwrap_or(0);
    report.accepted += n("new") + n("changed");
    report.lost_to_newer += n("lost");
    report.rejected += n("rejected");
    for r in answer
        .get("refused")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        report.refused.push(Refusal {
            entity: text("e"),
            uid: text("u"),
            reason: text("why"),
            title: None,
        });
    }
    Ok(())
}

/// Sends this book's outbox; the cursors to mark it sent once all of it is committed.
pub fn push(
    client: &mut Client,
    store: &Store,
    replica: &str,
    report: &mut Report,
) -> Result<OutboxMarks> {
    // The session's own buffers hold a staged part (a few tens of MB) whole: with the
    // default 8 MB every check of the part read it back from files (~10 % of the server's
    // CPU in a first upload, measured). Settable only before the session's first temporary
    // table, which the staging table is: each sync is a new connection.
    client
        .batch_execute("SET temp_buffers = '64MB'")
        .map_err(refused)?;
    client
        .execute("SELECT kam.stage_open()", &[])
        .map_err(refused)?;
    let manager: bool = client
        .query_one("SELECT kam.is_manager()", &[])
        .map_err(refused)?
        .get(0);
    let mut tx = client.transaction().map_err(refused)?;
    // One part being built here, one waiting, one being loaded: bounded memory.
    let (to_server, jobs) = mpsc::sync_channel::<Job>(1);
    let loader = &mut tx;
    let (marks, sent, (read, waiting)) = std::thread::scope(|s| {
        let server = s.spawn(move || -> Result<Report> {
            let mut part_report = Report::default();
            for job in jobs {
                match job {
                    Job::Tombstones(t) => merge(loader, replica, None, &t, 0, &mut part_report)?,
                    Job::Part(rows) => {
                        merge(
                            loader,
                            replica,
                            Some(&rows),
                            &json!([]),
                            0,
                            &mut part_report,
                        )?;
                        crate::store::recovery::test_point("sync-part-merged");
                    }
                }
            }
            Ok(part_report)
        });
        let started = Instant::now();
        let mut waiting = std::time::Duration::ZERO;
        let mut hand_over = |job: Job| {
            let t = Instant::now();
            // A closed channel: the server thread stopped on an error, told below.
            let sent = to_server
                .send(job)
                .map_err(|_| anyhow!(Said::new("sync-push-stopped")));
            waiting += t.elapsed();
            sent
        };
        let mut buf = Vec::new();
        let mut in_buf = 0;
        let read = store.outbox_each(manager, |item| {
            let job = match item {
                Outgoing::Tombstones(t) if t.is_empty() => return Ok(()),
                Outgoing::Tombstones(t) => Job::Tombstones(tombstones_json(&t)),
                Outgoing::Record(r) => {
                    copy_row(&mut buf, &r);
                    in_buf += 1;
                    if in_buf < PART {
                        return Ok(());
                    }
                    in_buf = 0;
                    Job::Part(std::mem::take(&mut buf))
                }
            };
            hand_over(job)
        });
        let read = read.and_then(|marks| {
            if !buf.is_empty() {
                hand_over(Job::Part(std::mem::take(&mut buf)))?;
            }
            Ok(marks)
        });
        let reading = started.elapsed().saturating_sub(waiting);
        drop(to_server);
        let sent = server
            .join()
            .unwrap_or_else(|_| Err(anyhow!(Said::new("sync-push-stopped"))));
        (read, sent, (reading, waiting))
    });
    // The server's error says more than the reader's "stopped taking".
    let sent = sent?;
    let marks = marks?;
    report.accepted += sent.accepted;
    report.lost_to_newer += sent.lost_to_newer;
    report.rejected += sent.rejected;
    report.refused.extend(sent.refused);
    report.phases.read += read;
    report.phases.waiting += waiting;
    report.phases.copy += sent.phases.copy;
    report.phases.merge += sent.phases.merge;
    // The cursor moves last, once every part is in, and all of it commits at once.
    merge(&mut tx, replica, None, &json!([]), marks.upto_hlc, report)?;
    let started = Instant::now();
    tx.commit().map_err(refused)?;
    report.phases.merge += started.elapsed();
    crate::store::recovery::test_point("sync-after-push");
    report.sent_records = marks.records;
    report.sent_forgets = marks.tombstones;
    Ok(marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_travel_compact_and_come_back_whole() {
        let a = "00000000000000000005-r1";
        let b = "00000000000000000009-r2";
        let clocks: Map<String, Value> = [("name", a), ("city", a), ("notes", b)]
            .into_iter()
            .map(|(k, c)| (k.to_string(), json!(c)))
            .collect();
        let small = compact(&clocks);
        assert_eq!(small.len(), 2);
        assert_eq!(small["*"], json!(a));
        assert_eq!(small["notes"], json!(b));
        let values: Map<String, Value> = clocks.keys().map(|k| (k.clone(), json!("x"))).collect();
        assert_eq!(expand(&values, small), clocks);
        // A map without "*" (a server's step-1 record) is whole already.
        assert_eq!(expand(&values, clocks.clone()), clocks);
    }

    #[test]
    fn copy_text_doubles_backslashes_only() {
        let mut out = vec![];
        copy_field(&mut out, &json!({"n": "a\\b\tc\n李"}));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"n":"a\\\\b\\tc\\n李"}"#
        );
    }
}
