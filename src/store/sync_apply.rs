//! Changes from the team's server applied through kam's own write path
//! (`Writer::apply_remote`): the row, its note index entry, the finder's record (the commit
//! rewrites it), and a history row per field with the change's clock and origin, so the
//! change is not sent back and later comparisons see its clock. Per field, the newer clock
//! wins (ties by replica); a delete is the field `deleted_at`, so a delete against an edit
//! keeps the edit in the trash; a record this book forgot never comes back. The whole pull
//! and its cursor commit in one transaction.

use super::rows::{get_map, title_of};
use super::sync_log::parse_clock;
use super::sync_outbox::{field_clocks, read_self, table_columns};
pub use super::sync_wire::{Applied, Context, Incoming, TeamView};
use super::sync_wire::{RecordState, PLANS, SETTINGS};
use super::{Store, Writer};
use crate::domain::record::RecordKind;
use anyhow::Result;
use rusqlite::types::Value as Sql;
use rusqlite::{params, OptionalExtension};
use serde_json::Value;
use std::collections::HashMap;

fn sql_of(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(*b as i64),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

impl Writer<'_> {
    pub(super) fn local_id(&self, kind: RecordKind, uid: &str) -> Result<Option<i64>> {
        Ok(self
            .tx()
            .prepare_cached(&format!("SELECT id FROM {} WHERE uid = ?1", kind.table()))?
            .query_row([uid], |r| r.get(0))
            .optional()?)
    }

    pub(super) fn is_tombstoned(&self, uid: &str) -> Result<bool> {
        Ok(self
            .tx()
            .prepare_cached("SELECT 1 FROM sync_tombstones WHERE uid = ?1 LIMIT 1")?
            .query_row([uid], |_| Ok(()))
            .optional()?
            .is_some())
    }

    // One argument per history column, as `Writer::history`.
    #[allow(clippy::too_many_arguments)]
    fn remote_history(
        &self,
        account_id: i64,
        kind: RecordKind,
        id: i64,
        op: &str,
        field: Option<&str>,
        old: Option<String>,
        new: Option<String>,
        clock: &str,
        reps: &HashMap<String, String>,
    ) -> Result<()> {
        self.remote_history_of(
            account_id,
            kind.table(),
            id,
            op,
            field,
            old,
            new,
            clock,
            reps,
        )
    }

    /// A history row of a change pulled from the team, for any entity (records, plans).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn remote_history_of(
        &self,
        account_id: i64,
        entity: &str,
        id: i64,
        op: &str,
        field: Option<&str>,
        old: Option<String>,
        new: Option<String>,
        clock: &str,
        reps: &HashMap<String, String>,
    ) -> Result<()> {
        let (hlc, origin) = parse_clock(clock).unwrap_or((0, ""));
        // The rep whose laptop made the change; a laptop the server did not name, by its id.
        let actor = match reps.get(origin) {
            Some(rep) => rep.clone(),
            None => format!("sync:{}", &origin[..origin.len().min(8)]),
        };
        self.tx()
            .prepare_cached(
                "INSERT INTO history (at, actor, account_id, entity, row_id, op, field,
                                      old_value, new_value, hlc, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                self.now,
                actor,
                // Account 0: the book's own records (the catalogue), in no account's history.
                (account_id != 0).then_some(account_id),
                entity,
                id,
                op,
                field,
                old,
                new,
                hlc,
                origin
            ])?;
        Ok(())
    }

    /// An incoming account code already used here by another account: the incoming one is
    /// made unique the same way on every laptop (its uid's last four characters), as a
    /// change of this book, so the server and the others get it too.
    fn unique_code(&self, code: &str, uid: &str, own_id: i64) -> Result<Option<String>> {
        let holder: Option<i64> = self
            .tx()
            .prepare_cached("SELECT id FROM accounts WHERE code = ?1 COLLATE NOCASE AND id != ?2")?
            .query_row(params![code, own_id], |r| r.get(0))
            .optional()?;
        Ok(holder.map(|_| format!("{code}-{}", &uid[uid.len().saturating_sub(4)..])))
    }

    /// Applies one pulled record; see the top of this file.
    pub fn apply_record(
        &mut self,
        rec: &RecordState,
        cx: &Context,
        done: &mut Applied,
    ) -> Result<()> {
        let (me, pushed_hlc) = (cx.me, cx.pushed_hlc);
        if rec.entity == PLANS {
            return self.apply_plan(rec, cx, done);
        }
        if rec.entity == SETTINGS {
            return self.apply_settings(rec, me, cx.manager, cx.reps, done);
        }
        let Some(kind) = RecordKind::from_table(&rec.entity) else {
            // A kind a newer kam knows: left on the server.
            return Ok(());
        };
        if self.is_tombstoned(&rec.uid)? || self.is_tombstoned(&rec.account_uid)? {
            return Ok(());
        }
        let Some(account_id) = self
            .local_id(RecordKind::Account, &rec.account_uid)?
            // An account, or the book's own (the catalogue): of no account.
            .or((!kind.is_owned()).then_some(0))
        else {
            return Ok(());
        };
        // A contact keeps this laptop's sensitive dossier items (sync_sensitive.rs).
        let kept = super::sync_sensitive::as_kept_here(self.tx(), kind, rec)?;
        let rec = kept.as_ref().unwrap_or(rec);
        // New here: each document column with its items laid over it (sync_items.rs).
        let fresh = match self.local_id(kind, &rec.uid)? {
            None => super::sync_items::overlaid(kind, rec),
            Some(_) => None,
        };
        let rec = fresh.as_ref().unwrap_or(rec);
        let cols = table_columns(self.tx(), kind.table())?;
        let known = |k: &str| cols.iter().any(|c| c == k) && k != "id" && k != "uid";
        let value = |k: &str| -> Sql {
            match (k, rec.values.get(k)) {
                ("account_id", _) => Sql::Integer(account_id),
                (_, Some(v)) => sql_of(v),
                (_, None) => Sql::Null,
            }
        };
        match self.local_id(kind, &rec.uid)? {
            None => {
                let fields: Vec<&String> = rec.values.keys().filter(|k| known(k)).collect();
                let mut values: Vec<Sql> = fields.iter().map(|k| value(k)).collect();
                let mut renamed = None;
                if kind == RecordKind::Account {
                    if let Some(i) = fields.iter().position(|k| *k == "code") {
                        if let Sql::Text(code) = &values[i] {
                            renamed = self.unique_code(code, &rec.uid, 0)?;
                            if let Some(c) = &renamed {
                                values[i] = Sql::Text(c.clone());
                            }
                        }
                    }
                }
                let sql = format!(
                    "INSERT INTO {} ({}, uid) VALUES ({}, ?)",
                    kind.table(),
                    fields
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    vec!["?"; fields.len()].join(", ")
                );
                values.push(Sql::Text(rec.uid.clone()));
                self.tx()
                    .prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(values))?;
                let id = self.tx().last_insert_rowid();
                let account_id = if kind == RecordKind::Account {
                    id
                } else {
                    account_id
                };
                let stored = get_map(self.tx(), kind, id)?;
                let live = rec.values.get("deleted_at").is_none_or(Value::is_null);
                if live {
                    super::notes::sync(self.tx(), kind, id, None, stored.as_ref())?;
                }
                // The insert carries the oldest clock; each field changed after it its own.
                let clock = |k: &str| rec.clocks.get(k).and_then(|c| c.as_str()).unwrap_or("");
                let base = rec
                    .clocks
                    .values()
                    .filter_map(|c| c.as_str())
                    .min()
                    .unwrap_or("")
                    .to_string();
                let title = match stored {
                    Some(m) => title_of(kind, m).unwrap_or_default(),
                    None => String::new(),
                };
                self.remote_history(
                    account_id,
                    kind,
                    id,
                    "insert",
                    None,
                    None,
                    Some(title.clone()),
                    &base,
                    cx.reps,
                )?;
                for k in rec
                    .clocks
                    .keys()
                    .filter(|k| known(k) && clock(k) > base.as_str())
                {
                    if k == "updated_at" {
                        continue;
                    }
                    if k == "deleted_at" {
                        let op = if live { "restore" } else { "delete" };
                        self.remote_history(
                            account_id,
                            kind,
                            id,
                            op,
                            None,
                            None,
                            None,
                            clock(k),
                            cx.reps,
                        )?;
                    } else {
                        let new = rec.values.get(k.as_str()).and_then(text_of);
                        self.remote_history(
                            account_id,
                            kind,
                            id,
                            "update",
                            Some(k),
                            None,
                            new,
                            clock(k),
                            cx.reps,
                        )?;
                    }
                }
                if let Some(code) = renamed {
                    // A change of this book: stamped at commit and pushed.
                    self.history_change(id, kind, id, "code", None, Some(code))?;
                    done.codes_renamed += 1;
                }
                done.records_new += 1;
            }
            Some(id) => {
                let local = field_clocks(self.tx(), kind, id, &cols, me)?;
                let mut changed: Vec<(&String, Sql, &str)> = vec![];
                for (k, c) in &rec.clocks {
                    let Some(c) = c.as_str() else { continue };
                    if !known(k) || super::sync_items::carried_by_items(kind, rec, k) {
                        continue;
                    }
                    let Some((hlc, replica)) = parse_clock(c) else {
                        continue;
                    };
                    let mine = local.get(k).cloned().unwrap_or((0, String::new()));
                    if (hlc, replica) > (mine.0, mine.1.as_str()) {
                        changed.push((k, value(k), c));
                        if mine.1 == me && mine.0 > pushed_hlc && k != "updated_at" {
                            done.conflicts += 1;
                        }
                    }
                }
                let owner = if kind == RecordKind::Account {
                    id
                } else {
                    account_id
                };
                if changed.is_empty() {
                    if self.apply_items(kind, id, owner, rec, cx, done)? > 0 {
                        done.records_changed += 1;
                    }
                    return Ok(());
                }
                let before = get_map(self.tx(), kind, id)?;
                let old_row: Option<serde_json::Map<String, Value>> = {
                    let sql = format!(
                        "SELECT {} FROM {} WHERE id = ?1",
                        cols.join(", "),
                        kind.table()
                    );
                    self.tx()
                        .prepare_cached(&sql)?
                        .query_row([id], |r| {
                            let mut m = serde_json::Map::new();
                            for (i, c) in cols.iter().enumerate() {
                                m.insert(c.clone(), super::sync_wire::json_of(r.get_ref(i)?));
                            }
                            Ok(m)
                        })
                        .optional()?
                };
                let mut renamed = None;
                if kind == RecordKind::Account {
                    for (k, v, _) in changed.iter_mut() {
                        if k.as_str() == "code" {
                            if let Sql::Text(code) = v {
                                renamed = self.unique_code(code, &rec.uid, id)?;
                                if let Some(c) = &renamed {
                                    *v = Sql::Text(c.clone());
                                }
                            }
                        }
                    }
                }
                let sets: Vec<String> =
                    changed.iter().map(|(k, _, _)| format!("{k} = ?")).collect();
                let sql = format!(
                    "UPDATE {} SET {} WHERE id = ?",
                    kind.table(),
                    sets.join(", ")
                );
                let mut values: Vec<Sql> = changed.iter().map(|(_, v, _)| v.clone()).collect();
                values.push(Sql::Integer(id));
                self.tx()
                    .prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(values))?;
                let after = get_map(self.tx(), kind, id)?;
                let is_live = |m: &Option<serde_json::Map<String, Value>>| {
                    m.as_ref()
                        .filter(|m| m.get("deleted_at").is_none_or(Value::is_null))
                        .cloned()
                };
                super::notes::sync(
                    self.tx(),
                    kind,
                    id,
                    is_live(&before).as_ref(),
                    is_live(&after).as_ref(),
                )?;
                let account_id = if kind == RecordKind::Account {
                    id
                } else {
                    after
                        .as_ref()
                        .and_then(|m| m.get("account_id"))
                        .and_then(Value::as_i64)
                        .unwrap_or(account_id)
                };
                for (k, v, c) in &changed {
                    if k.as_str() == "updated_at" {
                        // Its clock is the newest of the record's: kept by the other rows.
                        continue;
                    }
                    if k.as_str() == "deleted_at" {
                        let title = after
                            .clone()
                            .map(|m| title_of(kind, m))
                            .transpose()?
                            .unwrap_or_default();
                        let (op, o, n) = if matches!(v, Sql::Null) {
                            ("restore", None, Some(title))
                        } else {
                            ("delete", Some(title), None)
                        };
                        self.remote_history(account_id, kind, id, op, None, o, n, c, cx.reps)?;
                    } else {
                        let old = old_row
                            .as_ref()
                            .and_then(|m| m.get(k.as_str()))
                            .and_then(text_of);
                        let new = rec.values.get(k.as_str()).and_then(text_of);
                        self.remote_history(
                            account_id,
                            kind,
                            id,
                            "update",
                            Some(k),
                            old,
                            new,
                            c,
                            cx.reps,
                        )?;
                    }
                }
                if changed.iter().any(|(k, _, _)| k.as_str() == "updated_at") && changed.len() == 1
                {
                    // Only the stamp moved: nothing to show, but its clock must be kept.
                    let c = changed[0].2;
                    self.remote_history(
                        account_id,
                        kind,
                        id,
                        "update",
                        Some("updated_at"),
                        None,
                        None,
                        c,
                        cx.reps,
                    )?;
                }
                if let Some(code) = renamed {
                    self.history_change(id, kind, id, "code", None, Some(code))?;
                    done.codes_renamed += 1;
                }
                done.records_changed += 1;
                done.fields += changed.len();
                self.apply_items(kind, id, account_id, rec, cx, done)?;
            }
        }
        Ok(())
    }

    /// A record forgotten elsewhere: kam's own forget here (its tombstone is not sent back).
    fn apply_forgotten(&mut self, entity: &str, uid: &str, done: &mut Applied) -> Result<()> {
        let Some(kind) = RecordKind::from_table(entity) else {
            return Ok(());
        };
        let Some(id) = self.local_id(kind, uid)? else {
            return Ok(());
        };
        let before: i64 = self.tx().query_row(
            "SELECT coalesce(max(id), 0) FROM sync_tombstones",
            [],
            |r| r.get(0),
        )?;
        match kind {
            RecordKind::Account => {
                self.forget_account(id)?;
            }
            RecordKind::Contact => {
                self.forget_contact(id)?;
            }
            _ => return Ok(()),
        }
        // Kept (forget wins over a late pull), but marked as sent.
        self.tx().execute(
            "UPDATE sync_self SET pushed_tombstone = max(pushed_tombstone, (SELECT max(id) FROM sync_tombstones))
             WHERE pushed_tombstone >= ?1",
            [before],
        )?;
        done.forgotten += 1;
        Ok(())
    }

    /// A record the server says is not this rep's leaves this laptop (an account: with
    /// everything in it), without a tombstone: it lives on with its rep.
    fn apply_not_ours(&mut self, entity: &str, uid: &str, done: &mut Applied) -> Result<()> {
        let Some(kind) = RecordKind::from_table(entity) else {
            return Ok(());
        };
        if kind == RecordKind::Account {
            return self.apply_revoked(uid, done);
        }
        // Told already, one sentence per refusal (`kam sync`): not counted again.
        if let Some(id) = self.local_id(kind, uid)? {
            self.erase(kind, id)?;
        }
        Ok(())
    }

    /// An account that went to another rep leaves this laptop, with everything in it.
    fn apply_revoked(&mut self, account_uid: &str, done: &mut Applied) -> Result<()> {
        let Some(id) = self.local_id(RecordKind::Account, account_uid)? else {
            return Ok(());
        };
        self.forget_account(id)?;
        self.tx()
            .execute("DELETE FROM sync_tombstones WHERE uid = ?1", [account_uid])?;
        done.revoked += 1;
        Ok(())
    }
}

impl Store {
    /// Applies one pull in one transaction with its cursor (`seq`, the server's change
    /// number it read up to) and the newest clock it saw.
    /// `reps` names the rep of each laptop, for the history rows ("who changed what");
    /// `team`, when the server told it, the team's reps and who holds each account.
    pub fn apply_remote(
        &mut self,
        pulled: &[Incoming],
        seq: i64,
        reps: &HashMap<String, String>,
        team: Option<&TeamView>,
    ) -> Result<Applied> {
        let me = read_self(self.conn())?;
        let mut done = Applied::default();
        self.write(|w| {
            let mut newest = 0i64;
            // Revocations first (a record of a revoked account that is still visible came
            // back with a later reassignment), then accounts (a contact needs its account).
            let mut order: Vec<&Incoming> = pulled.iter().collect();
            order.sort_by_key(|i| match i {
                Incoming::Revoked { .. } | Incoming::NotOurs { .. } => 0,
                Incoming::Record(r) if r.entity == "accounts" => 1,
                Incoming::Record(_) => 2,
                Incoming::Forgotten { .. } => 3,
                Incoming::Attachment(_) => 4,
            });
            for item in order {
                match item {
                    Incoming::Record(r) => {
                        for c in r.clocks.values().filter_map(Value::as_str) {
                            if let Some((h, _)) = parse_clock(c) {
                                newest = newest.max(h);
                            }
                        }
                        let cx = Context {
                            me: &me.replica,
                            manager: team.is_some_and(|t| t.manager),
                            pushed_hlc: me.pushed_hlc,
                            reps,
                        };
                        w.apply_record(r, &cx, &mut done)?;
                    }
                    Incoming::Forgotten { entity, uid } => w.apply_forgotten(entity, uid, &mut done)?,
                    Incoming::Revoked { account_uid } => w.apply_revoked(account_uid, &mut done)?,
                    Incoming::NotOurs { entity, uid } => {
                        w.apply_not_ours(entity, uid, &mut done)?
                    }
                    Incoming::Attachment(a) => {
                        w.apply_attachment(a)?;
                    }
                }
            }
            w.tx().execute(
                "UPDATE sync_self SET pulled_seq = max(pulled_seq, ?1), last_hlc = max(last_hlc, ?2),
                                      last_sync = ?3",
                params![seq, newest, w.now],
            )?;
            if let Some(team) = team {
                super::rep_scope::keep_team(w.tx(), &team.reps, &team.access)?;
            }
            if done.forgotten + done.revoked > 0 {
                // As `kam forget` does: the finder's chunks held the names too.
                w.fold_search_records()?;
            }
            // Search records of changed accounts are rewritten by the commit.
            Ok(())
        })?;
        if done.forgotten + done.revoked > 0 {
            // As `kam forget` does: the erased bytes leave the WAL too.
            self.conn()
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(done)
    }
}
