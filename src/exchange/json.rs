//! kam's own JSON document: everything, losslessly. Money is an exact decimal string, dates
//! ISO 8601. Visit plans and records sit at the top level, each with its account's `code`.

use crate::domain::*;
use crate::i18n::Said;
use crate::store::Store;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportAccount {
    #[serde(flatten)]
    pub account: Account,
    pub contacts: Vec<Contact>,
    pub deals: Vec<Deal>,
    pub opportunities: Vec<Opportunity>,
    pub needs: Option<Needs>,
    pub service_records: Vec<ServiceRecord>,
    pub feedback: Vec<Feedback>,
    pub communications: Vec<Communication>,
    /// 合同 and 回款 (issue 21); absent from exports made before them.
    pub contracts: Vec<Contract>,
    pub payments: Vec<Payment>,
    /// 客户招待, 礼品馈赠, 竞争对手 (issue 22); absent from exports made before them.
    pub entertainments: Vec<Entertainment>,
    pub gifts: Vec<Gift>,
    pub competitors: Vec<Competitor>,
    pub event_attendances: Vec<EventAttendance>,
    /// 退货/索赔; absent from exports made before them.
    pub returns: Vec<ReturnClaim>,
    /// The account's plan (target, reason, measures), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<AccountPlan>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Coded<T> {
    pub code: String,
    #[serde(flatten)]
    pub record: T,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub accounts: Vec<ExportAccount>,
    pub visit_plans: Vec<Coded<VisitPlan>>,
    pub visit_reports: Vec<Coded<VisitReport>>,
    /// The attachments listed (issue 22); their bytes only in an export asked for with them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<super::json_attachments::ExportedAttachment>,
    /// The product catalogue (商品资料表): the book's, in a whole book's export only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<Product>,
    /// Targets and work plans (工作方案表): the book's, in a whole book's export only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<crate::domain::Target>,
    /// The team's custom fields (issue 22): what the records' `custom` values are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_fields: Vec<CustomField>,
}

pub const FORMAT: &str = "kam-export";

fn group<R: Record>(items: Vec<R>) -> HashMap<i64, Vec<R>> {
    let mut map: HashMap<i64, Vec<R>> = HashMap::new();
    for r in items {
        map.entry(r.account_id()).or_default().push(r);
    }
    map
}

/// Every live account with all its sections. Loads each table once, so it stays linear at
/// 100,000 accounts.
pub fn export(store: &Store) -> Result<Document> {
    let accounts: Vec<Account> = store.all()?;
    let mut contacts = group(store.all::<Contact>()?);
    let mut deals = group(store.all::<Deal>()?);
    let mut opportunities = group(store.all::<Opportunity>()?);
    let mut needs = group(store.all::<Needs>()?);
    let mut service = group(store.all::<ServiceRecord>()?);
    let mut feedback = group(store.all::<Feedback>()?);
    let mut communications = group(store.all::<Communication>()?);
    let mut contracts = group(store.all::<Contract>()?);
    let mut payments = group(store.all::<Payment>()?);
    let mut entertainments = group(store.all::<Entertainment>()?);
    let mut gifts = group(store.all::<Gift>()?);
    let mut competitors = group(store.all::<Competitor>()?);
    let mut event_attendances = group(store.all::<EventAttendance>()?);
    let mut returns = group(store.all::<ReturnClaim>()?);
    let mut plans = store.account_plans()?;
    let codes: HashMap<i64, String> = accounts.iter().map(|a| (a.id, a.code.clone())).collect();
    let visit_plans = coded_list(&codes, store.all::<VisitPlan>()?);
    let visit_reports = coded_list(&codes, store.all::<VisitReport>()?);
    let products = store.products()?;
    // By id, as every section: a sheet read back numbers its rows in order.
    let targets = store.all::<crate::domain::Target>()?;
    let accounts = accounts
        .into_iter()
        .map(|a| {
            let id = a.id;
            ExportAccount {
                account: a,
                contacts: contacts.remove(&id).unwrap_or_default(),
                deals: deals.remove(&id).unwrap_or_default(),
                opportunities: opportunities.remove(&id).unwrap_or_default(),
                needs: needs.remove(&id).and_then(|n| n.into_iter().next()),
                service_records: service.remove(&id).unwrap_or_default(),
                feedback: feedback.remove(&id).unwrap_or_default(),
                communications: communications.remove(&id).unwrap_or_default(),
                contracts: contracts.remove(&id).unwrap_or_default(),
                payments: payments.remove(&id).unwrap_or_default(),
                entertainments: entertainments.remove(&id).unwrap_or_default(),
                gifts: gifts.remove(&id).unwrap_or_default(),
                competitors: competitors.remove(&id).unwrap_or_default(),
                event_attendances: event_attendances.remove(&id).unwrap_or_default(),
                returns: returns.remove(&id).unwrap_or_default(),
                plan: plans.remove(&id),
            }
        })
        .collect();
    Ok(Document {
        format: FORMAT.into(),
        version: 1,
        accounts,
        visit_plans,
        visit_reports,
        attachments: super::json_attachments::listed(store, None)?,
        products,
        targets,
        custom_fields: store.custom_fields()?,
    })
}

/// The whole book, or the one account with `code` (any case): what an export writes.
pub fn export_of(store: &Store, code: Option<&str>) -> Result<Document> {
    let doc = export(store)?;
    match code {
        Some(code) => doc.only(code),
        None => Ok(doc),
    }
}

impl Document {
    /// Leaves out every contact's personal dossier (family, health, religion, habits).
    /// `json_stream::Personal` is what the export writes; this serves documents made whole.
    pub fn without_personal(&mut self) {
        for a in &mut self.accounts {
            for c in &mut a.contacts {
                c.dossier = None;
            }
        }
    }

    /// The document of one account (by code, in any case): everything held about it.
    pub fn only(mut self, code: &str) -> Result<Document> {
        self.accounts
            .retain(|a| a.account.code.eq_ignore_ascii_case(code));
        let Some(a) = self.accounts.first() else {
            anyhow::bail!(crate::i18n::Said::new("cli-no-account").with("code", code));
        };
        let code = a.account.code.clone();
        self.visit_plans.retain(|p| p.code == code);
        self.visit_reports.retain(|p| p.code == code);
        self.attachments.retain(|a| a.code == code);
        // One account's export holds what is its own; the catalogue is the book's.
        self.products.clear();
        self.targets.clear();
        Ok(self)
    }
}

fn coded_list<R: Record>(codes: &HashMap<i64, String>, items: Vec<R>) -> Vec<Coded<R>> {
    items
        .into_iter()
        .map(|r| Coded {
            code: codes.get(&r.account_id()).cloned().unwrap_or_default(),
            record: r,
        })
        .collect()
}

/// What a document import put in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Restored {
    pub accounts: usize,
    pub records: usize,
    /// Attachments the document lists without their bytes: not restored, said (issue 22).
    pub files_without_bytes: usize,
    /// Products and targets left out: in a rep's team book they are the manager's (the
    /// server would refuse them), said in one sentence.
    pub the_managers_left_out: usize,
}

/// Reads a kam export, refusing anything else in one sentence.
pub fn parse(text: &str) -> Result<Document> {
    let doc: Document = serde_json::from_str(text).map_err(|e| {
        Said::new("import-json-not-export")
            .with("line", e.line())
            .with("column", e.column())
            .with("reason", e.to_string())
    })?;
    if doc.format != FORMAT {
        anyhow::bail!(Said::new("import-json-format")
            .with("format", doc.format)
            .with("expected", FORMAT));
    }
    if doc.version > 1 {
        anyhow::bail!(Said::new("import-json-newer").with("version", doc.version as i64));
    }
    Ok(doc)
}

/// Puts a whole export back into an empty book, ids, codes and timestamps included, in one
/// transaction (or, for a dry run, rehearses it and rolls back).
pub fn restore(store: &mut Store, doc: Document, dry_run: bool) -> Result<Restored> {
    let the_managers = store.is_rep_of_team()?;
    let run = |w: &mut crate::store::Writer| -> Result<Restored> {
        if !w.is_empty_book()? {
            anyhow::bail!(Said::new("import-json-not-empty"));
        }
        let mut n = Restored::default();
        let codes: HashMap<String, i64> = doc
            .accounts
            .iter()
            .map(|a| (a.account.code.clone(), a.account.id))
            .collect();
        for a in &doc.accounts {
            w.insert_preserving(&a.account)?;
            n.accounts += 1;
            for c in &a.contacts {
                w.insert_preserving(c)?;
            }
            for r in &a.deals {
                w.insert_preserving(r)?;
            }
            for r in &a.opportunities {
                w.insert_preserving(r)?;
            }
            if let Some(r) = &a.needs {
                w.insert_preserving(r)?;
                n.records += 1;
            }
            for r in &a.service_records {
                w.insert_preserving(r)?;
            }
            for r in &a.feedback {
                w.insert_preserving(r)?;
            }
            for r in &a.communications {
                w.insert_preserving(r)?;
            }
            for r in &a.contracts {
                w.insert_preserving(r)?;
            }
            for r in &a.payments {
                w.insert_preserving(r)?;
            }
            for r in &a.entertainments {
                w.insert_preserving(r)?;
            }
            for r in &a.gifts {
                w.insert_preserving(r)?;
            }
            for r in &a.competitors {
                w.insert_preserving(r)?;
            }
            for r in &a.event_attendances {
                w.insert_preserving(r)?;
            }
            for r in &a.returns {
                w.insert_preserving(r)?;
            }
            if let Some(plan) = &a.plan {
                w.set_account_plan(&AccountPlan {
                    account_id: a.account.id,
                    ..plan.clone()
                })?;
            }
            n.records += a.contacts.len()
                + a.deals.len()
                + a.opportunities.len()
                + a.service_records.len()
                + a.feedback.len()
                + a.communications.len()
                + a.contracts.len()
                + a.payments.len()
                + a.entertainments.len()
                + a.gifts.len()
                + a.competitors.len()
                + a.event_attendances.len()
                + a.returns.len();
        }
        // A plan or record names its account by code; the code wins over a stale id.
        for p in &doc.visit_plans {
            let mut r = p.record.clone();
            if let Some(id) = codes.get(&p.code) {
                r.account_id = *id;
            }
            w.insert_preserving(&r)?;
            n.records += 1;
        }
        for p in &doc.visit_reports {
            let mut r = p.record.clone();
            if let Some(id) = codes.get(&p.code) {
                r.account_id = *id;
            }
            w.insert_preserving(&r)?;
            n.records += 1;
        }
        n.records += super::json_attachments::restore(w, &codes, &doc.attachments)?;
        n.files_without_bytes = doc.attachments.iter().filter(|a| a.data.is_none()).count();
        if the_managers {
            n.the_managers_left_out = doc.products.len() + doc.targets.len();
        } else {
            for p in &doc.products {
                w.insert_preserving(p)?;
                n.records += 1;
            }
            for t in &doc.targets {
                w.insert_preserving(t)?;
                n.records += 1;
            }
        }
        w.merge_custom_fields(&doc.custom_fields)?;
        Ok(n)
    };
    if dry_run {
        store.rehearse(run)
    } else {
        store.write(run)
    }
}
