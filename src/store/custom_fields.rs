//! Custom fields in the store (issue 22): their definitions are one book setting
//! (`fields.custom`, a JSON list), so they keep a history and travel to the team like the
//! grading rule (sync_settings.rs); their values are the `custom` column of accounts and
//! contacts, so they travel, go to the trash and are forgotten with their record. Removing a
//! field that records still fill is refused unless asked to erase the values too: a value
//! nobody can see any more is data lost.

use super::Store;
use crate::domain::custom_field::{CustomField, CustomType, CUSTOM_KINDS, NAME_MAX};
use crate::domain::record::RecordKind;
use crate::domain::{Account, Contact, Record};
use crate::i18n::{field_label, Lang, Said};
use anyhow::{bail, Result};
use rusqlite::{params, OptionalExtension};

/// The setting that holds the definitions.
pub const SETTING: &str = "fields.custom";

/// Schema step (with the rest of store/relations_more.rs): the values' column.
pub(crate) const SCHEMA: &str = "ALTER TABLE accounts ADD COLUMN custom TEXT;
     ALTER TABLE contacts ADD COLUMN custom TEXT;";

impl Store {
    /// In a rep's team book the fields are the manager's (a team setting): a rep's own would
    /// be replaced by the team's at the next sync, the values typed into it left with no
    /// field to show them.
    fn refuse_if_the_teams(&self) -> Result<()> {
        if self.is_rep_of_team()? {
            bail!(Said::new("team-fields-are-managers"));
        }
        Ok(())
    }

    /// Every custom field of the book, accounts' first, each kind in the order added.
    pub fn custom_fields(&self) -> Result<Vec<CustomField>> {
        let Some(text) = self.setting(SETTING)? else {
            return Ok(vec![]);
        };
        let mut all: Vec<CustomField> = serde_json::from_str(&text).unwrap_or_default();
        all.sort_by_key(|f| CUSTOM_KINDS.iter().position(|k| k.table() == f.kind));
        Ok(all)
    }

    /// The custom fields of one record kind.
    pub fn custom_fields_of(&self, kind: RecordKind) -> Result<Vec<CustomField>> {
        Ok(self
            .custom_fields()?
            .into_iter()
            .filter(|f| f.kind == kind.table())
            .collect())
    }

    /// Adds a field: refused (one sentence, nothing stored) when the name is empty, too long,
    /// taken by another custom field of the kind or by one of kam's own fields (an export's
    /// column would say two things), or when a choice list has no choices.
    pub fn add_custom_field(&mut self, def: CustomField) -> Result<()> {
        self.refuse_if_the_teams()?;
        let name = def.name.trim().to_string();
        let Some(kind) = def.record_kind() else {
            bail!(Said::new("custom-field-kind").with("kind", def.kind.clone()));
        };
        if name.is_empty() || name.chars().count() > NAME_MAX {
            bail!(Said::new("custom-field-name").with("max", NAME_MAX as i64));
        }
        let mut all = self.custom_fields()?;
        let same = |a: &str| a.trim().to_lowercase() == name.to_lowercase();
        if all.iter().any(|f| f.kind == def.kind && same(&f.name)) {
            bail!(Said::new("custom-field-taken").with("name", name));
        }
        let own = kind.fields().iter().any(|f| {
            same(f.key)
                || Lang::ALL
                    .iter()
                    .any(|l| same(&field_label(*l, kind.table(), f.key)))
        });
        if own {
            bail!(Said::new("custom-field-own").with("name", name));
        }
        if def.ty == CustomType::Choice && def.choices.is_empty() {
            bail!(Said::new("custom-field-no-choices").with("name", name));
        }
        let choices = if def.ty == CustomType::Choice {
            def.choices
        } else {
            vec![]
        };
        all.push(CustomField {
            name,
            choices,
            ..def
        });
        self.set_setting(SETTING, &serde_json::to_string(&all)?)
    }

    /// How many live records of `kind` hold a value of the field `name`.
    pub fn custom_field_holders(&self, kind: RecordKind, name: &str) -> Result<Vec<i64>> {
        let sql = format!(
            "SELECT id FROM {} WHERE deleted_at IS NULL AND custom IS NOT NULL
               AND json_valid(custom) AND json_extract(custom, '$.' || json_quote(?1)) IS NOT NULL",
            kind.table()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let ids = stmt
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// Removes the field `name` of `kind`. While records hold values of it, refused unless
    /// `erase`: then each record loses the value through the writer (its history says so).
    /// Returns how many records lost a value.
    pub fn remove_custom_field(
        &mut self,
        kind: RecordKind,
        name: &str,
        erase: bool,
    ) -> Result<usize> {
        self.refuse_if_the_teams()?;
        let mut all = self.custom_fields()?;
        let same = |a: &str| a.trim().to_lowercase() == name.trim().to_lowercase();
        let Some(at) = all
            .iter()
            .position(|f| f.kind == kind.table() && same(&f.name))
        else {
            bail!(Said::new("custom-field-none").with("name", name.trim().to_string()));
        };
        let stored = all[at].name.clone();
        let holders = self.custom_field_holders(kind, &stored)?;
        if !holders.is_empty() && !erase {
            bail!(Said::new("custom-field-in-use")
                .with("name", stored)
                .with("count", holders.len() as i64));
        }
        all.remove(at);
        let text = serde_json::to_string(&all)?;
        let n = holders.len();
        match kind {
            RecordKind::Account => self.erase_values::<Account>(&holders, &stored)?,
            _ => self.erase_values::<Contact>(&holders, &stored)?,
        }
        self.set_setting(SETTING, &text)?;
        Ok(n)
    }

    /// Takes the value of `name` out of the records `ids`, in one transaction through the
    /// writer.
    fn erase_values<R: Record + HasCustom>(&mut self, ids: &[i64], name: &str) -> Result<()> {
        let mut records = vec![];
        for id in ids {
            if let Some(mut rec) = self.get::<R>(*id)? {
                let custom = rec.custom_mut();
                if let Some(map) = custom.as_mut() {
                    map.remove(name);
                    if map.is_empty() {
                        *custom = None;
                    }
                }
                records.push(rec);
            }
        }
        self.write(|w| {
            for rec in &mut records {
                w.update(rec)?;
            }
            Ok(())
        })
    }
}

/// The records that carry custom values.
pub trait HasCustom {
    fn custom_mut(&mut self) -> &mut Option<crate::domain::CustomValues>;
}

impl HasCustom for Account {
    fn custom_mut(&mut self) -> &mut Option<crate::domain::CustomValues> {
        &mut self.custom
    }
}

impl HasCustom for Contact {
    fn custom_mut(&mut self) -> &mut Option<crate::domain::CustomValues> {
        &mut self.custom
    }
}

impl super::Writer<'_> {
    /// Adds the fields of an imported document the book does not have yet (same kind and
    /// name, any case), inside the import's transaction, with a history row: the imported
    /// values are then shown and exported as the exporting book's were.
    pub fn merge_custom_fields(&self, incoming: &[CustomField]) -> Result<usize> {
        if incoming.is_empty() {
            return Ok(0);
        }
        let tx = self.tx();
        let old: Option<String> = tx
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [SETTING],
                |r| r.get(0),
            )
            .optional()?;
        let mut all: Vec<CustomField> = old
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default();
        let before = all.len();
        for f in incoming {
            let known = all.iter().any(|g| {
                g.kind == f.kind && g.name.trim().to_lowercase() == f.name.trim().to_lowercase()
            });
            if !known && f.record_kind().is_some() && !f.name.trim().is_empty() {
                all.push(f.clone());
            }
        }
        if all.len() == before {
            return Ok(0);
        }
        let value = serde_json::to_string(&all)?;
        tx.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?3",
            params![SETTING, value, self.now()],
        )?;
        tx.execute(
            "INSERT INTO history (at, actor, account_id, entity, row_id, op, field, old_value,
                                  new_value)
             VALUES (?1, ?2, NULL, ?3, 0, 'update', ?4, ?5, ?6)",
            params![
                self.now(),
                self.actor,
                super::settings::SETTINGS_ENTITY,
                SETTING,
                old,
                value
            ],
        )?;
        Ok(all.len() - before)
    }
}
