//! kam's JSON document (`json.rs`) written account by account as the store hands the
//! accounts over, a batch of them at a time: memory stays that of one batch whatever the
//! size of the book (the whole document of 100,000 accounts held 2.3 GB). The bytes are
//! those of serializing the whole [`Document`](super::json::Document): the same serializer
//! walks the same types in the same order, and a test compares the two on a demo book.

use super::json::{Coded, Document, ExportAccount, FORMAT};
use crate::domain::*;
use crate::store::{Only, Store};
use anyhow::{bail, Result};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::io::Write;
use std::iter::Peekable;

/// Accounts read and written at once: a few MB whatever the book's size.
const BATCH: usize = 256;

/// Which accounts an export holds, the visit plans and reports included.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The code asked for (any case), `None` for the whole book.
    asked: Option<String>,
    /// That account's code as stored: its visit plans and reports are those of this code.
    first: String,
    /// Whether the attachments' bytes go in too (`--include-attachments`).
    pub attachments: bool,
}

impl Scope {
    /// The whole book, or the account with `code` (any case); one sentence when there is no
    /// such account.
    pub fn of(store: &Store, code: Option<&str>) -> Result<Scope> {
        let Some(code) = code else {
            return Ok(Scope::default());
        };
        let Some(a) = store
            .accounts_after(i64::MIN, 1, Only::CodeAnyCase(code))?
            .pop()
        else {
            bail!(crate::i18n::Said::new("cli-no-account").with("code", code));
        };
        Ok(Scope {
            asked: Some(code.to_string()),
            first: a.code,
            attachments: false,
        })
    }

    /// The accounts of the export.
    pub fn accounts(&self) -> Only<'_> {
        match &self.asked {
            Some(c) => Only::CodeAnyCase(c),
            None => Only::All,
        }
    }

    /// The product catalogue, which only a whole book's export holds (it is no account's).
    pub fn products(&self, store: &Store) -> Result<Vec<Product>> {
        match &self.asked {
            Some(_) => Ok(vec![]),
            None => store.products(),
        }
    }

    /// The code of the one account exported (as stored), or `None` for the whole book.
    pub fn code(&self) -> Option<&str> {
        self.asked.as_ref().map(|_| self.first.as_str())
    }

    /// The targets and work plans, which only a whole book's export holds (they are a rep's);
    /// by id, as every section: a sheet read back numbers its rows in order.
    pub fn targets(&self, store: &Store) -> Result<Vec<crate::domain::Target>> {
        match &self.asked {
            Some(_) => Ok(vec![]),
            None => store.all::<crate::domain::Target>(),
        }
    }

    /// Whose visit plans and reports the export holds.
    pub fn visits(&self) -> Only<'_> {
        match &self.asked {
            Some(_) => Only::Code(&self.first),
            None => Only::All,
        }
    }
}

/// How much of the contacts' personal dossiers an export holds: none unless asked for, and
/// their sensitive items (religion, health, politics) only when asked for besides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    Left,
    WithoutSensitive,
    Whole,
}

impl Personal {
    /// From the command line's `--include-personal` and `--include-sensitive`; the second
    /// alone brings no dossier (it says which part of one, not whether).
    pub fn asked(personal: bool, sensitive: bool) -> Personal {
        match (personal, sensitive) {
            (false, _) => Personal::Left,
            (true, false) => Personal::WithoutSensitive,
            (true, true) => Personal::Whole,
        }
    }

    /// A contact as this export holds them.
    pub fn apply(self, c: &mut crate::domain::Contact) {
        match self {
            Personal::Left => c.dossier = None,
            Personal::WithoutSensitive => {
                c.dossier = c
                    .dossier
                    .take()
                    .map(|d| d.without_sensitive())
                    .filter(|d| !d.is_empty())
            }
            Personal::Whole => {}
        }
    }
}

/// Writes the export document of `scope` to `out` as `text_safety::write_json` writes the
/// whole document; `personal`: how much of the contacts' personal dossiers. `done` is told
/// each account written.
pub fn write(
    store: &Store,
    scope: &Scope,
    personal: Personal,
    out: &mut dyn Write,
    done: &dyn Fn(u64),
) -> Result<()> {
    let doc = Streamed {
        store,
        scope,
        personal,
        done,
        failed: RefCell::new(None),
    };
    let written = crate::text_safety::write_json(out, &doc);
    // A store error stopped the serializer: that error, not the serializer's word for it.
    if let Some(e) = doc.failed.into_inner() {
        return Err(e);
    }
    Ok(written?)
}

/// The document of `scope` as a value, read as `write` reads it: for one account's dossier
/// (Markdown, the interface's export), which holds that account and its own visits, never
/// the whole book (reading the whole document to keep one account took 2 GB at 100,000).
pub fn document(store: &Store, scope: &Scope, personal: Personal) -> Result<Document> {
    let none = |_| {};
    let streamed = Streamed {
        store,
        scope,
        personal,
        done: &none,
        failed: RefCell::new(None),
    };
    let all = Accounts(&streamed);
    let mut accounts = vec![];
    let mut after = i64::MIN;
    loop {
        let batch = all.batch(after)?;
        let Some(last) = batch.last() else { break };
        after = last.account.id;
        accounts.extend(batch);
    }
    Ok(Document {
        format: FORMAT.into(),
        version: 1,
        accounts,
        visit_plans: coded(store, scope)?,
        visit_reports: coded(store, scope)?,
        attachments: super::json_attachments::listed(store, scope.code())?,
        products: scope.products(store)?,
        targets: scope.targets(store)?,
        custom_fields: store.custom_fields()?,
    })
}

/// The visit plans or reports of `scope`, by id, each with its account's code.
fn coded<R: Record>(store: &Store, scope: &Scope) -> Result<Vec<Coded<R>>> {
    let mut out = vec![];
    store.each_record_with_code::<R>(false, scope.visits(), |code, record| {
        out.push(Coded {
            code: code.to_string(),
            record,
        });
        Ok(())
    })?;
    Ok(out)
}

struct Streamed<'a> {
    store: &'a Store,
    scope: &'a Scope,
    personal: Personal,
    done: &'a dyn Fn(u64),
    failed: RefCell<Option<anyhow::Error>>,
}

impl Streamed<'_> {
    /// Keeps a store error for `write` and gives the serializer one to stop with.
    fn fail<E: serde::ser::Error>(&self, e: anyhow::Error) -> E {
        let text = format!("{e:#}");
        *self.failed.borrow_mut() = Some(e);
        E::custom(text)
    }
}

/// The fields of [`Document`](super::json::Document), in its order.
impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut doc = s.serialize_struct("Document", 5)?;
        doc.serialize_field("format", FORMAT)?;
        doc.serialize_field("version", &1u32)?;
        doc.serialize_field("accounts", &Accounts(self))?;
        doc.serialize_field(
            "visit_plans",
            &Visits::<VisitPlan>(self, Default::default()),
        )?;
        doc.serialize_field(
            "visit_reports",
            &Visits::<VisitReport>(self, Default::default()),
        )?;
        // Listed always (name, size, type, date), their bytes only when asked for.
        let listed = self
            .store
            .attachments_for_export(self.scope.code())
            .map_err(|e| self.fail(e))?;
        if !listed.is_empty() {
            doc.serialize_field(
                "attachments",
                &super::json_attachments::Attachments {
                    store: self.store,
                    listed,
                    bytes: self.scope.attachments,
                },
            )?;
        }
        // Left out when empty, as `Document` leaves it out.
        let products = self.scope.products(self.store).map_err(|e| self.fail(e))?;
        if !products.is_empty() {
            doc.serialize_field("products", &products)?;
        }
        let targets = self.scope.targets(self.store).map_err(|e| self.fail(e))?;
        if !targets.is_empty() {
            doc.serialize_field("targets", &targets)?;
        }
        let custom = self.store.custom_fields().map_err(|e| self.fail(e))?;
        if !custom.is_empty() {
            doc.serialize_field("custom_fields", &custom)?;
        }
        doc.end()
    }
}

struct Accounts<'a, 'b>(&'a Streamed<'b>);

/// The records of account `id` from a batch sorted by account (those of accounts before it
/// are passed over).
fn take<R: Record>(rows: &mut Peekable<std::vec::IntoIter<R>>, id: i64) -> Vec<R> {
    while rows.next_if(|r| r.account_id() < id).is_some() {}
    let mut out = vec![];
    while let Some(r) = rows.next_if(|r| r.account_id() == id) {
        out.push(r);
    }
    out
}

impl Accounts<'_, '_> {
    /// One batch of accounts, each with all its sections, in the document's order.
    fn batch(&self, after: i64) -> Result<Vec<ExportAccount>> {
        let store = self.0.store;
        let accounts = store.accounts_after(after, BATCH, self.0.scope.accounts())?;
        let (Some(first), Some(last)) = (accounts.first(), accounts.last()) else {
            return Ok(vec![]);
        };
        let (first, last) = (first.id, last.id);
        let mut contacts = store
            .records_of_accounts::<Contact>(first, last)?
            .into_iter()
            .peekable();
        let mut deals = store
            .records_of_accounts::<Deal>(first, last)?
            .into_iter()
            .peekable();
        let mut opportunities = store
            .records_of_accounts::<Opportunity>(first, last)?
            .into_iter()
            .peekable();
        let mut needs = store
            .records_of_accounts::<Needs>(first, last)?
            .into_iter()
            .peekable();
        let mut service = store
            .records_of_accounts::<ServiceRecord>(first, last)?
            .into_iter()
            .peekable();
        let mut feedback = store
            .records_of_accounts::<Feedback>(first, last)?
            .into_iter()
            .peekable();
        let mut communications = store
            .records_of_accounts::<Communication>(first, last)?
            .into_iter()
            .peekable();
        let mut contracts = store
            .records_of_accounts::<Contract>(first, last)?
            .into_iter()
            .peekable();
        let mut payments = store
            .records_of_accounts::<Payment>(first, last)?
            .into_iter()
            .peekable();
        let mut entertainments = store
            .records_of_accounts::<Entertainment>(first, last)?
            .into_iter()
            .peekable();
        let mut gifts = store
            .records_of_accounts::<Gift>(first, last)?
            .into_iter()
            .peekable();
        let mut competitors = store
            .records_of_accounts::<Competitor>(first, last)?
            .into_iter()
            .peekable();
        let mut event_attendances = store
            .records_of_accounts::<EventAttendance>(first, last)?
            .into_iter()
            .peekable();
        let mut returns = store
            .records_of_accounts::<ReturnClaim>(first, last)?
            .into_iter()
            .peekable();
        let mut plans = store.account_plans_of(first, last)?.into_iter().peekable();
        Ok(accounts
            .into_iter()
            .map(|account| {
                let id = account.id;
                let mut contacts = take(&mut contacts, id);
                for c in &mut contacts {
                    self.0.personal.apply(c);
                }
                while plans.next_if(|p| p.account_id < id).is_some() {}
                ExportAccount {
                    account,
                    contacts,
                    deals: take(&mut deals, id),
                    opportunities: take(&mut opportunities, id),
                    needs: take(&mut needs, id).into_iter().next(),
                    service_records: take(&mut service, id),
                    feedback: take(&mut feedback, id),
                    communications: take(&mut communications, id),
                    contracts: take(&mut contracts, id),
                    payments: take(&mut payments, id),
                    entertainments: take(&mut entertainments, id),
                    gifts: take(&mut gifts, id),
                    competitors: take(&mut competitors, id),
                    event_attendances: take(&mut event_attendances, id),
                    returns: take(&mut returns, id),
                    plan: plans.next_if(|p| p.account_id == id),
                }
            })
            .collect())
    }
}

impl Serialize for Accounts<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        let mut after = i64::MIN;
        loop {
            let batch = self.batch(after).map_err(|e| self.0.fail(e))?;
            let Some(last) = batch.last() else { break };
            after = last.account.id;
            for a in &batch {
                seq.serialize_element(a)?;
            }
            (self.0.done)(batch.len() as u64);
        }
        seq.end()
    }
}

/// Visit plans or reports, by id, each with its account's code.
struct Visits<'a, 'b, R>(&'a Streamed<'b>, std::marker::PhantomData<R>);

impl<R: Record> Serialize for Visits<'_, '_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        let mut failed = None;
        let read = self.0.store.each_record_with_code::<R>(
            false,
            self.0.scope.visits(),
            |code, record| {
                let coded = Coded {
                    code: code.to_string(),
                    record,
                };
                seq.serialize_element(&coded).map_err(|e| {
                    let text = e.to_string();
                    failed = Some(e);
                    anyhow::anyhow!(text)
                })
            },
        );
        if let Some(e) = failed {
            return Err(e);
        }
        read.map_err(|e| self.0.fail(e))?;
        seq.end()
    }
}
