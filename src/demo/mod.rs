//! Realistic generated data (`kam demo`): about half Chinese and half English accounts with
//! every section of the dossier filled in believable proportions. The data depends only on
//! the seed, "today" (`Store::now`) and the first free account code, never on the clock or on
//! a crate's random stream.

mod accounts;
mod attachments;
mod business;
mod catalogue;
mod dealer;
mod mackay;
mod money;
mod people;
mod phrases;
mod relations;
mod returns;
mod rng;
mod tags;
mod targets;
mod visits;
mod vocab;

use crate::domain::validate::credit_code_check_char;
use crate::domain::*;
use crate::store::{Store, Writer};
use anyhow::{Context, Result};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use phrases::{Phrases, Product, EN, PRODUCTS, ZH};
use rng::Rng;
use std::collections::BTreeMap;
use vocab::*;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub accounts: usize,
    pub contacts: usize,
    /// Records other than accounts and contacts.
    pub records: usize,
    /// Rows written per table (accounts and contacts included).
    pub per_table: BTreeMap<&'static str, usize>,
}

/// Accounts generated and written per batch: bounds memory at any size.
const BATCH: usize = 2_000;

/// Adds `accounts` generated accounts with all their sections to the store, in one
/// transaction. New codes continue after the highest existing one; nothing is removed.
pub fn generate(store: &mut Store, accounts: usize, seed: u64) -> Result<DemoSummary> {
    generate_told(store, accounts, seed, &|_| {})
}

/// [`generate`], telling `done` each batch of accounts written (a progress bar's count).
pub fn generate_told(
    store: &mut Store,
    accounts: usize,
    seed: u64,
    done: &dyn Fn(u64),
) -> Result<DemoSummary> {
    // Made-up customers in a team's book would reach the team's server and every laptop.
    if store.sync_self()?.server.is_some() {
        anyhow::bail!(crate::i18n::Said::new("demo-not-in-team"));
    }
    let now = store.now();
    let vocab = Vocab::load();
    let rep = store.profile()?.name;
    store.write(|w| {
        let first = w.next_account_code()?;
        let first: u64 = first[1..]
            .parse()
            .context("reading the next account code")?;
        let g = Gen {
            vocab: &vocab,
            today: now.date(),
            seed,
        };
        let mut summary = DemoSummary::default();
        // Indexes, triggers and finder records built once at the end, not row by row.
        if w.load_outweighs_book(accounts)? {
            w.begin_load()?;
        }
        let mut start = 0;
        while start < accounts {
            let end = (start + BATCH).min(accounts);
            let batch: Vec<Dossier> = (start..end).map(|i| g.dossier(first + i as u64)).collect();
            write_batch(w, batch, &mut summary, seed)?;
            done((end - start) as u64);
            start = end;
        }
        summary.accounts = summary.per_table.get("accounts").copied().unwrap_or(0);
        summary.contacts = summary.per_table.get("contacts").copied().unwrap_or(0);
        summary.records =
            summary.per_table.values().sum::<usize>() - summary.accounts - summary.contacts;
        let products = catalogue::write(w)?;
        if products > 0 {
            *summary.per_table.entry("products").or_default() += products;
            summary.records += products;
        }
        w.finish_load()?;
        // Set around what the data achieved, so after the indexes are built.
        let targets = targets::write(w, rep, now.date(), seed)?;
        if targets > 0 {
            *summary.per_table.entry("targets").or_default() += targets;
            summary.records += targets;
        }
        w.optimize_note_index()?;
        Ok(summary)
    })
}

fn write_batch(
    w: &mut Writer,
    batch: Vec<Dossier>,
    summary: &mut DemoSummary,
    seed: u64,
) -> Result<()> {
    let mut accounts: Vec<Account> = batch.iter().map(|d| d.account.clone()).collect();
    w.insert_many(&mut accounts)?;
    let ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
    *summary.per_table.entry("accounts").or_default() += accounts.len();
    fn section<R: Record>(
        w: &mut Writer,
        summary: &mut DemoSummary,
        batch: &[Dossier],
        ids: &[i64],
        take: impl Fn(&Dossier) -> Vec<R>,
    ) -> Result<()> {
        let mut recs: Vec<R> = vec![];
        for (d, id) in batch.iter().zip(ids) {
            for mut r in take(d) {
                r.set_account_id(*id);
                recs.push(r);
            }
        }
        w.insert_many(&mut recs)?;
        *summary.per_table.entry(R::KIND.table()).or_default() += recs.len();
        Ok(())
    }
    section(w, summary, &batch, &ids, |d| d.contacts.clone())?;
    section(w, summary, &batch, &ids, |d| d.deals.clone())?;
    section(w, summary, &batch, &ids, |d| d.opportunities.clone())?;
    section(w, summary, &batch, &ids, |d| {
        d.needs.clone().into_iter().collect()
    })?;
    section(w, summary, &batch, &ids, |d| d.service_records.clone())?;
    section(w, summary, &batch, &ids, |d| d.feedback.clone())?;
    section(w, summary, &batch, &ids, |d| d.communications.clone())?;
    section(w, summary, &batch, &ids, |d| d.visit_plans.clone())?;
    section(w, summary, &batch, &ids, |d| d.visit_reports.clone())?;
    section(w, summary, &batch, &ids, |d| d.contracts.clone())?;
    section(w, summary, &batch, &ids, |d| d.payments.clone())?;
    section(w, summary, &batch, &ids, |d| d.entertainments.clone())?;
    section(w, summary, &batch, &ids, |d| d.gifts.clone())?;
    section(w, summary, &batch, &ids, |d| d.competitors.clone())?;
    section(w, summary, &batch, &ids, |d| d.event_attendances.clone())?;
    section(w, summary, &batch, &ids, |d| d.returns.clone())?;
    let written: Vec<(i64, String, String)> = accounts
        .iter()
        .map(|a| (a.id, a.code.clone(), a.name.clone()))
        .collect();
    let files = attachments::write(w, &written, seed)?;
    if files > 0 {
        *summary.per_table.entry("attachments").or_default() += files;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tongue {
    Zh,
    En,
}

impl Tongue {
    fn ph(self) -> &'static Phrases {
        match self {
            Tongue::Zh => &ZH,
            Tongue::En => &EN,
        }
    }
    fn product(self, p: &Product) -> &'static str {
        match self {
            Tongue::Zh => p.zh,
            Tongue::En => p.en,
        }
    }
}

struct Gen<'a> {
    vocab: &'a Vocab,
    today: NaiveDate,
    seed: u64,
}

/// What one account's generation knows while filling its sections.
struct Acct {
    tongue: Tongue,
    category: Category,
    status: AccountStatus,
    credit: Credit,
    owner: &'static str,
    distance: f64,
    contact_names: Vec<String>,
    products: Vec<usize>,
    /// Where an English account is (unused for Chinese ones).
    en_city: &'static EnCity,
    /// The long-distance code of a Chinese account's city, for office phones.
    area_code: String,
}

fn some(s: impl AsRef<str>) -> Option<String> {
    Some(s.as_ref().to_string())
}

fn money(units: i64) -> Money {
    Money::from_cents(units * 100)
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time"))
}

impl Gen<'_> {
    fn days_ago(&self, n: i64) -> NaiveDate {
        self.today - Duration::days(n)
    }

    fn dossier(&self, number: u64) -> Dossier {
        let mut r = Rng::fork(self.seed, number);
        let tongue = if r.chance(50) { Tongue::Zh } else { Tongue::En };
        let (account, mut ctx, domain) = self.account(&mut r, tongue, number);
        let contacts = self.contacts(&mut r, &mut ctx, &domain);
        let mut deals = self.deals(&mut r, &ctx, number);
        let opportunities = self.opportunities(&mut r, &ctx);
        let needs = self.needs(&mut r, &ctx);
        let service_records = self.service(&mut r, &ctx, !deals.is_empty());
        let feedback = self.feedback(&mut r, &ctx, !deals.is_empty());
        let communications = self.communications(&mut r, &ctx);
        let (visit_plans, visit_reports) = self.visits(&mut r, &ctx);
        let (contracts, payments) = self.money(number, &ctx, &mut deals);
        let (entertainments, gifts, competitors) = self.relations(number, &ctx);
        let event_attendances = self.event_attendances(number, &ctx);
        let returns = self.returns(number, &ctx, &deals);
        Dossier {
            account,
            contacts,
            deals,
            opportunities,
            needs,
            service_records,
            feedback,
            communications,
            visit_plans,
            visit_reports,
            contracts,
            payments,
            entertainments,
            gifts,
            competitors,
            event_attendances,
            returns,
        }
    }
}
