//! kam's own JSON document: everything, losslessly. Money is an exact decimal string, dates
//! ISO 8601. Visit plans and records sit at the top level, each with its account's `code`.

use crate::domain::*;
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
    let mut plans = store.account_plans()?;
    let codes: HashMap<i64, String> = accounts.iter().map(|a| (a.id, a.code.clone())).collect();
    let visit_plans = coded_list(&codes, store.all::<VisitPlan>()?);
    let visit_reports = coded_list(&codes, store.all::<VisitReport>()?);
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
    })
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
