//! `kam forget`: erasing a person or an account everywhere, as privacy law and the
//! company's 客户资料保密制度 ask: the rows, their history, their entries in the note index,
//! and the free space they leave in the file (secure delete, then a checkpoint that empties
//! the WAL). Backups taken before keep them; the command says so.

use super::records::{get_map, Writer};
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
    pub history_rows: usize,
    /// Visit records and plans that named the person, their name taken out.
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
    fn erase(&mut self, kind: RecordKind, id: i64) -> Result<usize> {
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
        f.history_rows += self.erase(RecordKind::Contact, contact_id)?;
        // The account's visits and plans that name the person lose the name.
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
                let before = get_map(self.tx(), kind, id)?;
                self.tx().execute(
                    &format!("UPDATE {} SET {column} = NULL WHERE id = ?1", kind.table()),
                    [id],
                )?;
                let after = get_map(self.tx(), kind, id)?;
                let live = before
                    .as_ref()
                    .is_some_and(|m| m.get("deleted_at").is_none_or(|v| v.is_null()));
                if live {
                    super::notes::sync(self.tx(), kind, id, before.as_ref(), after.as_ref())?;
                }
                // Earlier values of that field in the history held the name too.
                f.history_rows += self.tx().execute(
                    "DELETE FROM history WHERE entity = ?1 AND row_id = ?2 AND field = ?3",
                    params![kind.table(), id, column],
                )?;
                f.mentions_cleared += 1;
            }
        }
        Ok(f)
    }
}

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
