//! `kam forget`: erasing a person or an account everywhere, as privacy law and the
//! company's 客户资料保密制度 ask: the rows, their history, their entries in the note index,
//! and the free space they leave in the file (secure delete, then a checkpoint that empties
//! the WAL). Backups taken before keep them; the command says so.

use super::name_scrub;
use super::records::Writer;
use super::rows::get_map;
use super::Store;
use crate::domain::record::RecordKind;
use anyhow::{bail, Result};
use rusqlite::params;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Forgotten {
    pub accounts: usize,
    pub contacts: usize,
    /// Deals, visits, service records … (not contacts).
    pub records: usize,
    /// History rows deleted, or (for a person) whose values had the name taken out.
    pub history_rows: usize,
    /// Records of the account that named the person (visits, plans, notes, communications
    /// …), the name taken out of them.
    pub mentions_cleared: usize,
}

impl Writer<'_> {
    fn ids_of(&self, kind: RecordKind, account_id: i64) -> Result<Vec<i64>> {
        Ok(self
            .tx()
            .prepare(&format!(
                "SELECT id FROM {} WHERE account_id = ?1",
                kind.table()
            ))?
            .query_map([account_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes one row for good, its note index entry and its history.
    pub(crate) fn erase(&mut self, kind: RecordKind, id: i64) -> Result<usize> {
        if let Some(map) = get_map(self.tx(), kind, id)? {
            if map.get("deleted_at").is_none_or(|v| v.is_null()) {
                super::notes::sync(self.tx(), kind, id, Some(&map), None)?;
            }
        }
        self.tx()
            .execute(&format!("DELETE FROM {} WHERE id = ?1", kind.table()), [id])?;
        Ok(self.tx().execute(
            "DELETE FROM history WHERE entity = ?1 AND row_id = ?2",
            params![kind.table(), id],
        )?)
    }

    pub fn forget_account(&mut self, account_id: i64) -> Result<Forgotten> {
        if get_map(self.tx(), RecordKind::Account, account_id)?.is_none() {
            bail!("there is no account with id {account_id}");
        }
        // The erasure travels to the team's server and the other laptops by the account's
        // global id alone (store/sync_log.rs).
        super::sync_log::tombstone(self.tx(), RecordKind::Account, account_id, self.hlc)?;
        let mut f = Forgotten::default();
        for kind in RecordKind::ALL
            .into_iter()
            .filter(|k| *k != RecordKind::Account)
        {
            for id in self.ids_of(kind, account_id)? {
                f.history_rows += self.erase(kind, id)?;
                if kind == RecordKind::Contact {
                    f.contacts += 1;
                } else {
                    f.records += 1;
                }
            }
        }
        let has_plans: bool = self.tx().query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'account_plans'",
            [],
            |r| r.get(0),
        )?;
        if has_plans {
            self.tx().execute(
                "DELETE FROM account_plans WHERE account_id = ?1",
                [account_id],
            )?;
        }
        f.history_rows += self.erase(RecordKind::Account, account_id)?;
        f.history_rows += self
            .tx()
            .execute("DELETE FROM history WHERE account_id = ?1", [account_id])?;
        f.accounts = 1;
        Ok(f)
    }

    pub fn forget_contact(&mut self, contact_id: i64) -> Result<Forgotten> {
        let Some(map) = get_map(self.tx(), RecordKind::Contact, contact_id)? else {
            bail!("there is no contact with id {contact_id}");
        };
        let name = map
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let account_id = map.get("account_id").and_then(|v| v.as_i64()).unwrap_or(0);
        let mut f = Forgotten {
            contacts: 1,
            ..Default::default()
        };
        super::sync_log::tombstone(self.tx(), RecordKind::Contact, contact_id, self.hlc)?;
        // The person's attachments go with the row (foreign key); their history rows name
        // the files (a business card's file is often the person's name).
        f.history_rows += self.tx().execute(
            "DELETE FROM history WHERE entity = ?1
               AND row_id IN (SELECT id FROM attachments WHERE contact_id = ?2)",
            params![super::attachment_trash::ENTITY, contact_id],
        )?;
        f.history_rows += self.erase(RecordKind::Contact, contact_id)?;
        let mut cleared = std::collections::HashSet::new();
        // The account's visits and plans that name just the person lose the name.
        for (kind, column) in [
            (RecordKind::VisitReport, "person_met"),
            (RecordKind::VisitPlan, "contact"),
        ] {
            let ids: Vec<i64> = self
                .tx()
                .prepare(&format!(
                    "SELECT id FROM {} WHERE account_id = ?1 AND {column} = ?2",
                    kind.table()
                ))?
                .query_map(params![account_id, name], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let clear = format!("UPDATE {} SET {column} = NULL WHERE id = ?1", kind.table());
                self.rewrite(kind, id, &clear, params![id])?;
                // Earlier values of that field in the history held the name too (the row that
                // marks this clearing, written just now and holding no value, stays).
                f.history_rows += self.tx().execute(
                    "DELETE FROM history WHERE entity = ?1 AND row_id = ?2 AND field = ?3
                     AND hlc IS NOT NULL",
                    params![kind.table(), id, column],
                )?;
                cleared.insert((kind, id));
            }
        }
        self.scrub_name(account_id, &name, &mut cleared)?;
        f.mentions_cleared = cleared.len();
        f.history_rows += self.scrub_history(account_id, &name)?;
        Ok(f)
    }

    /// Runs `update` on one record, keeping a live note's index entry in step with its text.
    fn rewrite(
        &self,
        kind: RecordKind,
        id: i64,
        update: &str,
        params: impl rusqlite::Params,
    ) -> Result<()> {
        let before = get_map(self.tx(), kind, id)?;
        self.tx().execute(update, params)?;
        let after = get_map(self.tx(), kind, id)?;
        let live = before
            .as_ref()
            .is_some_and(|m| m.get("deleted_at").is_none_or(|v| v.is_null()));
        if live {
            super::notes::sync(self.tx(), kind, id, before.as_ref(), after.as_ref())?;
        }
        // Each field the name was taken out of is a change of this book, so the text without
        // the name reaches the team's server over the one that held it. The row holds no
        // value: the old one is what is being erased.
        if let (Some(before), Some(after)) = (&before, &after) {
            let owner = if kind == RecordKind::Account {
                "id"
            } else {
                "account_id"
            };
            let account_id = after.get(owner).and_then(|v| v.as_i64());
            for (key, value) in after {
                if before.get(key) != Some(value) && key != "updated_at" {
                    self.tx().execute(
                        "INSERT INTO history (at, actor, account_id, entity, row_id, op, field)
                         VALUES (?1, ?2, ?3, ?4, ?5, 'update', ?6)",
                        params![self.now, self.actor, account_id, kind.table(), id, key],
                    )?;
                }
            }
            for key in before.keys().filter(|k| !after.contains_key(*k)) {
                self.tx().execute(
                    "INSERT INTO history (at, actor, account_id, entity, row_id, op, field)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'update', ?6)",
                    params![self.now, self.actor, account_id, kind.table(), id, key],
                )?;
            }
        }
        Ok(())
    }

    /// Takes `name` out of the free text of every record of the account (its own notes, the
    /// other contacts, visits, plans, communications, service, feedback, deals …), live or
    /// in the trash, keeping the note index in step. A name of one character is left in free
    /// text: replacing every such character would destroy the text around it.
    fn scrub_name(
        &mut self,
        account_id: i64,
        name: &str,
        cleared: &mut std::collections::HashSet<(RecordKind, i64)>,
    ) -> Result<()> {
        if name.chars().count() < 2 {
            return Ok(());
        }
        let others = self.names_of(account_id)?;
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        for kind in RecordKind::ALL {
            let owner = if kind == RecordKind::Account {
                "id"
            } else {
                "account_id"
            };
            for id in self.scrub_table(kind.table(), owner, account_id, name, &others)? {
                cleared.insert((kind, id));
            }
        }
        self.scrub_table("account_plans", "account_id", account_id, name, &others)?;
        Ok(())
    }

    /// The names the account knows besides the person's: its own and its contacts' (live or
    /// in the trash), left whole where they hold the person's name.
    fn names_of(&self, account_id: i64) -> Result<Vec<String>> {
        let mut stmt = self.tx().prepare(
            "SELECT name FROM contacts WHERE account_id = ?1
             UNION SELECT name FROM accounts WHERE id = ?1
             UNION SELECT short_name FROM accounts WHERE id = ?1 AND short_name IS NOT NULL",
        )?;
        let names = stmt
            .query_map([account_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// Takes `name` out of the free-text columns of the rows of `table` whose `owner` column
    /// is the account (see [`name_scrub::scrub`]); the ids of the rows changed. A record's
    /// note index entry follows its text.
    fn scrub_table(
        &self,
        table: &str,
        owner: &str,
        account_id: i64,
        name: &str,
        others: &[&str],
    ) -> Result<Vec<i64>> {
        let columns = self.text_columns(table)?;
        if columns.is_empty() {
            return Ok(vec![]);
        }
        let mentions: Vec<String> = columns
            .iter()
            .map(|c| format!("instr({c}, ?2) > 0"))
            .collect();
        let rows: Vec<(i64, Vec<Option<String>>)> = {
            let mut stmt = self.tx().prepare(&format!(
                "SELECT rowid, {} FROM {table} WHERE {owner} = ?1 AND ({})",
                columns.join(", "),
                mentions.join(" OR ")
            ))?;
            let rows = stmt.query_map(params![account_id, name], |r| {
                let texts = (0..columns.len())
                    .map(|i| r.get(i + 1))
                    .collect::<rusqlite::Result<Vec<Option<String>>>>()?;
                Ok((r.get(0)?, texts))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let set: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect();
        let update = format!("UPDATE {table} SET {} WHERE rowid = ?1", set.join(", "));
        let kind = RecordKind::ALL.into_iter().find(|k| k.table() == table);
        let mut changed = vec![];
        for (id, texts) in rows {
            let scrubbed: Vec<Option<String>> = texts
                .iter()
                .map(|t| {
                    t.as_deref().map(|t| {
                        name_scrub::scrub(t, name, others, REMOVED).unwrap_or_else(|| t.to_string())
                    })
                })
                .collect();
            if scrubbed == texts {
                continue;
            }
            let changed_columns: Vec<&str> = columns
                .iter()
                .zip(texts.iter().zip(&scrubbed))
                .filter(|(_, (t, s))| t != s)
                .map(|(c, _)| c.trim_matches('"'))
                .collect();
            let values = std::iter::once(rusqlite::types::Value::Integer(id)).chain(
                scrubbed
                    .into_iter()
                    .map(|t| t.map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Text)),
            );
            let values = rusqlite::params_from_iter(values);
            match kind {
                Some(kind) => self.rewrite(kind, id, &update, values)?,
                None => {
                    self.tx().execute(&update, values)?;
                    if table == "account_plans" {
                        self.plan_scrubbed(account_id, &changed_columns)?;
                    }
                }
            }
            changed.push(id);
        }
        Ok(changed)
    }

    /// A plan's fields the name was taken out of are changes of this book, as `rewrite`
    /// records them for a record: so the plan without the name reaches the team's server over
    /// the one that held it (store/sync_plans.rs reads the plan's clocks from these rows).
    /// The rows hold no value: the old one is what is being erased.
    fn plan_scrubbed(&self, account_id: i64, fields: &[&str]) -> Result<()> {
        for field in fields {
            self.tx().execute(
                "INSERT INTO history (at, actor, account_id, entity, row_id, op, field)
                 VALUES (?1, ?2, ?3, 'account_plans', ?3, 'update', ?4)",
                params![self.now, self.actor, account_id, field],
            )?;
        }
        Ok(())
    }

    /// The columns of `table` that may hold free text: every column declared TEXT (or JSON
    /// text, such as the personal dossier) but the keys and stamps, and but the names of the
    /// account and of other contacts: 张三丰 is not 张三, and renaming someone else is worse
    /// than a name left in another's identity (`kam forget CODE` erases a whole account).
    /// None for a missing table.
    fn text_columns(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .tx()
            .prepare("SELECT name, type FROM pragma_table_info(?1)")?;
        let cols = stmt
            .query_map([table], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(cols
            .into_iter()
            .filter(|(name, ty)| {
                let ty = ty.to_ascii_uppercase();
                (ty.is_empty() || ty.contains("TEXT") || ty.contains("JSON"))
                    && !matches!(
                        name.as_str(),
                        "code"
                            | "name"
                            | "short_name"
                            | "created_at"
                            | "updated_at"
                            | "deleted_at"
                            | "created_by"
                    )
            })
            .map(|(name, _)| format!("\"{name}\""))
            .collect())
    }

    /// Old and new values of the account's history that name the person: the name replaced,
    /// but (as in [`Self::text_columns`]) not in the names and titles of the account and its
    /// other contacts. The person's own rows are gone already.
    fn scrub_history(&mut self, account_id: i64, name: &str) -> Result<usize> {
        if name.chars().count() < 2 {
            return Ok(0);
        }
        let others = self.names_of(account_id)?;
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        let rows: Vec<(i64, Option<String>, Option<String>)> = {
            let mut stmt = self.tx().prepare(
                "SELECT id, old_value, new_value FROM history
                 WHERE account_id = ?1 AND (instr(old_value, ?2) > 0 OR instr(new_value, ?2) > 0)
                   AND NOT (entity IN ('accounts', 'contacts')
                            AND (field IS NULL OR field IN ('name', 'short_name')))",
            )?;
            let rows = stmt.query_map(params![account_id, name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let scrub = |v: &Option<String>| {
            v.as_deref()
                .and_then(|t| name_scrub::scrub(t, name, &others, REMOVED))
        };
        let mut changed = 0;
        for (id, old, new) in &rows {
            let (o, n) = (scrub(old), scrub(new));
            if o.is_none() && n.is_none() {
                continue;
            }
            self.tx().execute(
                "UPDATE history SET old_value = ?2, new_value = ?3 WHERE id = ?1",
                params![id, o.or(old.clone()), n.or(new.clone())],
            )?;
            changed += 1;
        }
        Ok(changed)
    }
}

/// What stands in the account's free text where a forgotten person's name was. A fixed token,
/// not a message: stored text is read in either language and by other programs (exports), and
/// a message looked up at forget time would freeze one language into the data. Plain ASCII in
/// brackets so it is seen as a gap, cannot be taken for a name, and can be searched for.
pub const REMOVED: &str = "[removed]";

impl Store {
    /// Runs a forget (secure delete is always on for a writer), then empties the WAL, so the
    /// erased bytes are not left readable in the file.
    pub fn forget(
        &mut self,
        f: impl FnOnce(&mut Writer) -> Result<Forgotten>,
    ) -> Result<Forgotten> {
        let done = self.write(|w| {
            let forgotten = f(w)?;
            // The finder's chunks hold the names and numbers too: rewrite them now rather
            // than after 64 more changes, so the old bytes go with the rest.
            w.fold_search_records()?;
            Ok(forgotten)
        });
        let done = done?;
        self.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(done)
    }
}

/// A contact found by name for `kam forget`: its id and its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedContact {
    pub id: i64,
    pub name: String,
    pub account_code: String,
}

impl Store {
    /// Contacts with exactly this name (also in the trash), optionally of one account.
    pub fn contacts_named(
        &self,
        name: &str,
        account_code: Option<&str>,
    ) -> Result<Vec<NamedContact>> {
        let mut stmt = self.conn().prepare(
            "SELECT c.id, c.name, a.code FROM contacts c JOIN accounts a ON a.id = c.account_id
             WHERE c.name = ?1 AND (?2 IS NULL OR a.code = ?2 COLLATE NOCASE) ORDER BY c.id",
        )?;
        let rows = stmt
            .query_map(params![name, account_code], |r| {
                Ok(NamedContact {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    account_code: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
