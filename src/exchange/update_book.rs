//! kam's own export, edited in Excel, read back into a book that already holds it. A rep
//! exports, corrects a city, a title, an amount, adds a customer, and imports the folder or
//! workbook again: accounts with the same code are updated field by field (each change a
//! history row, as a form save writes it), contacts are matched by name within their account,
//! deals by their order number, rows that match nothing are added, and nothing is deleted —
//! a row left out of the sheet stays in the book. Every changed field is listed (account,
//! record, field, old → new), and the dry run lists the same without writing. The sections
//! an edit cannot be matched in (opportunities, needs, service records …) are left as they
//! are and said so.

use super::sections_in::SheetRecord;
use crate::domain::record::{Record, RecordKind};
use crate::domain::{Account, Contact, Deal};
use crate::i18n::{field_label, t, t_args, Lang};
use crate::store::{Store, Writer};
use anyhow::{anyhow, Result};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One field changed: `C000777 张三 Title: 采购总监 → 总经理`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub code: String,
    /// The contact's name or the deal's order number; none for the account itself.
    pub record: Option<String>,
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BookUpdate {
    pub accounts_added: usize,
    pub records_added: usize,
    pub changes: Vec<FieldChange>,
    /// Sheets whose rows were left as they are, with how many rows.
    pub left_alone: Vec<(String, usize)>,
    /// Rows naming a code no account has: `sheet, row N: no account has the code X`.
    pub unmatched: Vec<String>,
    pub dry_run: bool,
}

/// Keys that are the record's identity or the store's bookkeeping, never taken from a sheet
/// over a stored record: its times stay the book's, and a change this import makes is
/// stamped with the import's time (`Writer::update`), so a sheet's older or hand-typed
/// 填表日期 / 最新修定时间 can neither move them backwards nor invent them. A row that is new
/// to the book keeps the times it carries (`Writer::keep_stamps`).
const KEPT: &[&str] = &[
    "id",
    "account_id",
    "code",
    "created_at",
    "updated_at",
    "created_by",
];

fn shown(v: Option<&Value>, lang: Lang) -> String {
    match v {
        None | Some(Value::Null) => t(lang, "update-empty"),
        Some(Value::String(s)) if s.is_empty() => t(lang, "update-empty"),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A changed field as shown: its label, the old value, the new one.
type Shown = (String, String, String);

/// The sheet's values over a stored record: the changed record and what changed, if anything.
fn merged<R: Record>(
    stored: &R,
    values: &Map<String, Value>,
    table: &str,
    lang: Lang,
) -> Result<Option<(R, Vec<Shown>)>> {
    let before = serde_json::to_value(stored)?;
    let Value::Object(mut map) = before.clone() else {
        return Ok(None);
    };
    for (k, v) in values {
        if !KEPT.contains(&k.as_str()) {
            map.insert(k.clone(), v.clone());
        }
    }
    let after: R = serde_json::from_value(Value::Object(map))?;
    let after_value = serde_json::to_value(&after)?;
    let mut fields = vec![];
    for spec in R::fields() {
        let (old, new) = (before.get(spec.key), after_value.get(spec.key));
        let empty = |v: Option<&Value>| {
            v.is_none_or(|v| {
                v.is_null() || v.as_str() == Some("") || v.as_array().is_some_and(|a| a.is_empty())
            })
        };
        if old != new && !(empty(old) && empty(new)) {
            fields.push((
                field_label(lang, table, spec.key),
                shown(old, lang),
                shown(new, lang),
            ));
        }
    }
    Ok((!fields.is_empty()).then_some((after, fields)))
}

fn text(values: &Map<String, Value>, key: &str) -> String {
    values
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string()
}

struct Run<'a> {
    lang: Lang,
    out: &'a mut BookUpdate,
    ids: HashMap<String, i64>,
    /// The sheet row of each account code read so far.
    rows: HashMap<String, usize>,
}

impl Run<'_> {
    fn note(&mut self, code: &str, record: Option<String>, fields: Vec<Shown>) {
        for (field, old, new) in fields {
            self.out.changes.push(FieldChange {
                code: code.to_string(),
                record: record.clone(),
                field,
                old,
                new,
            });
        }
    }

    fn account(&mut self, w: &mut Writer, r: &SheetRecord) -> Result<()> {
        let code = r.code.trim().to_uppercase();
        // A code twice in the sheet: the later row would undo the earlier one's edits.
        if let Some(first) = self.rows.get(&code) {
            self.out.unmatched.push(t_args(
                self.lang,
                "update-code-repeated",
                &[
                    ("sheet", r.sheet.as_str().into()),
                    ("row", r.row.into()),
                    ("code", r.code.as_str().into()),
                    ("first", (*first).into()),
                ],
            ));
            return Ok(());
        }
        self.rows.insert(code.clone(), r.row);
        match w.account_by_code(&code)? {
            Some(stored) => {
                if let Some((mut after, fields)) =
                    merged(&stored, &r.values, "accounts", self.lang)?
                {
                    w.update(&mut after)?;
                    self.note(&stored.code, None, fields);
                }
                self.ids.insert(code, stored.id);
            }
            None => {
                let mut values = r.values.clone();
                values.remove("id");
                let mut account: Account = serde_json::from_value(Value::Object(values))?;
                w.insert(&mut account)?;
                w.keep_stamps(RecordKind::Account, account.id, &r.values)?;
                self.out.accounts_added += 1;
                self.ids.insert(code, account.id);
            }
        }
        Ok(())
    }

    /// An account's plan from the plans' list, saved as the plan's form saves it (a history
    /// row per changed value); each changed value listed, a code no account has named.
    fn plan(
        &mut self,
        w: &mut Writer,
        row: usize,
        code: &str,
        plan: &crate::domain::AccountPlan,
    ) -> Result<()> {
        let sheet = super::plan_table::sheet_name(self.lang);
        let r = SheetRecord {
            kind: RecordKind::Account,
            sheet,
            row,
            code: code.to_string(),
            values: Map::new(),
        };
        let Some(account_id) = self.account_id(w, &r)? else {
            return Ok(());
        };
        let old = w.account_plan(account_id)?.unwrap_or_default();
        let new = crate::domain::AccountPlan {
            account_id,
            ..plan.clone()
        };
        if !w.set_account_plan(&new)? {
            return Ok(());
        }
        let (before, after) = (serde_json::to_value(&old)?, serde_json::to_value(&new)?);
        let mut fields = vec![];
        for f in &super::plan_table::FIELDS {
            let (o, n) = (before.get(f.key), after.get(f.key));
            if o != n {
                fields.push((
                    field_label(self.lang, "account_plans", f.key),
                    shown(o, self.lang),
                    shown(n, self.lang),
                ));
            }
        }
        self.note(code, Some(r.sheet), fields);
        Ok(())
    }

    fn account_id(&mut self, w: &Writer, r: &SheetRecord) -> Result<Option<i64>> {
        let code = r.code.trim().to_uppercase();
        if let Some(id) = self.ids.get(&code) {
            return Ok(Some(*id));
        }
        let id = w.account_by_code(&code)?.map(|a| a.id);
        if let Some(id) = id {
            self.ids.insert(code, id);
        } else {
            self.out.unmatched.push(t_args(
                self.lang,
                "update-no-account",
                &[
                    ("sheet", r.sheet.as_str().into()),
                    ("row", r.row.into()),
                    ("code", r.code.as_str().into()),
                ],
            ));
        }
        Ok(id)
    }

    /// A contact or deal: the stored one with the row's `key` (else, without a key, the one
    /// `same` picks) is updated, else the row is added.
    fn record<R: Record>(
        &mut self,
        w: &mut Writer,
        r: &SheetRecord,
        known: &mut Known<R>,
        key: String,
        same: impl Fn(&R) -> bool,
    ) -> Result<()> {
        let Some(account_id) = self.account_id(w, r)? else {
            return Ok(());
        };
        let table = R::KIND.table();
        let (list, index) = known.of(w, account_id)?;
        let found = if key.is_empty() {
            list.iter().position(&same)
        } else {
            index.get(&key).copied()
        };
        let who = if key.is_empty() {
            text(&r.values, "product")
        } else {
            key.clone()
        };
        match found {
            Some(i) => {
                if let Some((mut after, fields)) = merged(&list[i], &r.values, table, self.lang)? {
                    w.update(&mut after)?;
                    list[i] = after;
                    self.note(&r.code, Some(who), fields);
                }
            }
            None => {
                let mut values = r.values.clone();
                values.remove("id");
                values.insert("account_id".into(), Value::from(account_id));
                let mut rec: R = serde_json::from_value(Value::Object(values))?;
                w.insert(&mut rec)?;
                w.keep_stamps(R::KIND, rec.id(), &r.values)?;
                if !key.is_empty() {
                    index.entry(key).or_insert(list.len());
                }
                list.push(rec);
                self.out.records_added += 1;
            }
        }
        Ok(())
    }
}

/// The live records of one kind of each account met so far, read once, with an index by
/// their key (a contact's name, a deal's order number): an account with 5,000 contacts took
/// 443 s when each row read them all again.
struct Known<R> {
    key: fn(&R) -> String,
    by_account: HashMap<i64, (Vec<R>, HashMap<String, usize>)>,
}

impl<R: Record> Known<R> {
    fn new(key: fn(&R) -> String) -> Known<R> {
        Known {
            key,
            by_account: HashMap::new(),
        }
    }

    fn of(&mut self, w: &Writer, account_id: i64) -> Result<&mut (Vec<R>, HashMap<String, usize>)> {
        if !self.by_account.contains_key(&account_id) {
            let list = w.records_of::<R>(account_id)?;
            let mut index = HashMap::new();
            for (i, rec) in list.iter().enumerate() {
                let k = (self.key)(rec);
                if !k.is_empty() {
                    index.entry(k).or_insert(i);
                }
            }
            self.by_account.insert(account_id, (list, index));
        }
        Ok(self
            .by_account
            .get_mut(&account_id)
            .expect("read just above"))
    }
}

/// Applies an edited export to the book in one transaction (rehearsed and rolled back for a
/// dry run), kept as one import that `kam import --undo` takes back.
pub fn update(
    store: &mut Store,
    records: &[SheetRecord],
    plans: &[(usize, String, crate::domain::AccountPlan)],
    file: &str,
    dry_run: bool,
    lang: Lang,
) -> Result<BookUpdate> {
    let run = |w: &mut Writer| -> Result<BookUpdate> {
        let mark = w.history_mark()?;
        let mut out = BookUpdate {
            dry_run,
            ..Default::default()
        };
        let mut run = Run {
            lang,
            out: &mut out,
            ids: HashMap::new(),
            rows: HashMap::new(),
        };
        let mut left: Vec<(String, usize)> = vec![];
        let mut contacts = Known::<Contact>::new(|c| c.name.trim().to_string());
        let mut deals =
            Known::<Deal>::new(|d| d.order_no.as_deref().unwrap_or("").trim().to_string());
        for r in records {
            let done = match r.kind {
                RecordKind::Account => run.account(w, r),
                RecordKind::Contact => {
                    let name = text(&r.values, "name");
                    run.record(w, r, &mut contacts, name, |_: &Contact| false)
                }
                RecordKind::Deal => {
                    let order = text(&r.values, "order_no");
                    // A deal without an order number is matched only when nothing changed.
                    let values = r.values.clone();
                    run.record(w, r, &mut deals, order, |d: &Deal| {
                        merged(d, &values, "deals", lang).is_ok_and(|m| m.is_none())
                    })
                }
                _ => {
                    match left.iter_mut().find(|(s, _)| *s == r.sheet) {
                        Some((_, n)) => *n += 1,
                        None => left.push((r.sheet.clone(), 1)),
                    }
                    Ok(())
                }
            };
            // A row the book refuses (a contact without a name, an e-mail that is not one)
            // is left out and named; the checks run before anything of it is written.
            if let Err(e) = done {
                run.out.unmatched.push(t_args(
                    lang,
                    "update-row-refused",
                    &[
                        ("sheet", r.sheet.as_str().into()),
                        ("row", r.row.into()),
                        ("problem", e.to_string().into()),
                    ],
                ));
            }
        }
        for (row, code, plan) in plans {
            run.plan(w, *row, code, plan)?;
        }
        out.left_alone = left;
        w.record_import(file, mark)?;
        Ok(out)
    };
    let result = if dry_run {
        store.rehearse(run)
    } else {
        store.write(run)
    };
    result.map_err(|e| anyhow!("{e}"))
}

impl BookUpdate {
    /// What the update did (or, dry, would do), one line each, in the interface language.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        if self.dry_run {
            out.push_str(&t(lang, "cli-restore-dry-run"));
            out.push('\n');
        }
        for c in &self.changes {
            let who = c
                .record
                .as_deref()
                .map(|r| format!(" {r}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}{who} {}: {} → {}\n",
                c.code, c.field, c.old, c.new
            ));
        }
        for line in &self.unmatched {
            out.push_str(line);
            out.push('\n');
        }
        for (id, n) in [
            ("update-fields-changed", self.changes.len()),
            ("update-accounts-added", self.accounts_added),
            ("update-records-added", self.records_added),
        ] {
            out.push_str(&t_args(lang, id, &[("n", n.into())]));
            out.push('\n');
        }
        if !self.left_alone.is_empty() {
            let sheets: Vec<String> = self
                .left_alone
                .iter()
                .map(|(s, n)| format!("{s} ({n})"))
                .collect();
            out.push_str(&t_args(
                lang,
                "update-left-alone",
                &[("sheets", sheets.join(", ").into())],
            ));
            out.push('\n');
        }
        out
    }
}
