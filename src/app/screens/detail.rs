//! The account detail screen: one tab per section of the dossier.

use crate::app::form::Form;
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::domain::record::{self, FieldSpec};
use crate::domain::*;
use crate::search::Finder;
use crate::store::{Change, Store};
use anyhow::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Contacts,
    Deals,
    Opportunities,
    Needs,
    Service,
    Feedback,
    Communications,
    Visits,
    History,
    /// Entertainment, gifts and competitors (issue 22): app/relations.rs.
    Relations,
}

impl Tab {
    pub const ALL: [Tab; 11] = [
        Tab::Overview,
        Tab::Contacts,
        Tab::Deals,
        Tab::Opportunities,
        Tab::Needs,
        Tab::Service,
        Tab::Feedback,
        Tab::Communications,
        Tab::Visits,
        Tab::History,
        Tab::Relations,
    ];

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The message id of the tab's (short) title.
    pub fn message(self) -> &'static str {
        match self {
            Tab::Overview => "tab-overview",
            Tab::Contacts => "tab-contacts",
            Tab::Deals => "tab-deals",
            Tab::Opportunities => "tab-opportunities",
            Tab::Needs => "tab-needs",
            Tab::Service => "tab-service",
            Tab::Feedback => "tab-feedback",
            Tab::Communications => "tab-communications",
            Tab::Visits => "tab-visits",
            Tab::History => "tab-history",
            Tab::Relations => "tab-relations",
        }
    }

    /// The kind a new item on this tab is (`n`).
    pub fn new_kind(self) -> RecordKind {
        match self {
            Tab::Overview | Tab::History => RecordKind::Account,
            Tab::Contacts => RecordKind::Contact,
            Tab::Deals => RecordKind::Deal,
            Tab::Opportunities => RecordKind::Opportunity,
            Tab::Needs => RecordKind::Needs,
            Tab::Service => RecordKind::ServiceRecord,
            Tab::Feedback => RecordKind::Feedback,
            Tab::Communications => RecordKind::Communication,
            Tab::Visits => RecordKind::VisitReport,
            Tab::Relations => RecordKind::Entertainment,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DetailState {
    pub dossier: Dossier,
    pub history: Vec<Change>,
    /// The History tab shows one field's changes only: (table, row, field).
    pub history_field: Option<(String, i64, String)>,
    pub tab: Tab,
    /// Selected row per tab.
    pub selected: [usize; Tab::ALL.len()],
    /// The contact whose personal dossier is shown; hidden until asked for.
    pub revealed: Option<i64>,
    /// 不含税价 and 税额 of each deal, in the order of `dossier.deals` (none: no rate known).
    pub deal_taxes: Vec<Option<DealTax>>,
}

impl DetailState {
    pub fn new(dossier: Dossier, history: Vec<Change>) -> DetailState {
        DetailState {
            dossier,
            history,
            history_field: None,
            tab: Tab::Overview,
            selected: [0; Tab::ALL.len()],
            revealed: None,
            deal_taxes: vec![],
        }
    }

    /// The deals' tax split by the catalogue's rates and the profile's default rate.
    fn with_taxes(mut self, store: &crate::store::Store) -> Result<DetailState> {
        let products = store.products()?;
        let default_rate = store.profile()?.default_tax_rate;
        self.deal_taxes = self
            .dossier
            .deals
            .iter()
            .map(|d| deal_tax(d, &products, default_rate))
            .collect();
        Ok(self)
    }

    /// Sales of each of the twelve months up to the month of `today`, oldest first: what
    /// the card's sparkline shows. Counted as analytics count (`store::analytics`): cancelled
    /// orders are no sales.
    pub fn monthly_sales(&self, today: chrono::NaiveDate) -> Vec<Money> {
        let period = crate::analytics::Period::twelve_months_to(today);
        let months = period.month_keys();
        let mut sums = vec![Money::ZERO; months.len()];
        for deal in &self.dossier.deals {
            let Some(date) = deal.date else { continue };
            if deal.status == Some(OrderStatus::Cancelled) || date < period.from || date > period.to
            {
                continue;
            }
            let key = date.format("%Y-%m").to_string();
            if let Some(i) = months.iter().position(|m| *m == key) {
                sums[i] += deal.total();
            }
        }
        sums
    }

    pub fn account_id(&self) -> i64 {
        self.dossier.account.id
    }

    /// The rows of the current tab, as (kind, id) of the records shown.
    pub fn items(&self, tab: Tab) -> Vec<(RecordKind, i64)> {
        let d = &self.dossier;
        fn ids<R: Record>(rs: &[R]) -> Vec<(RecordKind, i64)> {
            rs.iter().map(|r| (R::KIND, r.id())).collect()
        }
        match tab {
            Tab::Overview => vec![(RecordKind::Account, d.account.id)],
            Tab::Contacts => ids(&d.contacts),
            // The deals, then the contracts and payments shown under them (app/money.rs).
            Tab::Deals => {
                let mut v = ids(&d.deals);
                v.extend(ids(&d.contracts));
                v.extend(ids(&d.payments));
                v.extend(ids(&d.returns));
                v
            }
            Tab::Opportunities => ids(&d.opportunities),
            Tab::Needs => d.needs.iter().map(|n| (RecordKind::Needs, n.id)).collect(),
            Tab::Service => ids(&d.service_records),
            Tab::Feedback => ids(&d.feedback),
            Tab::Communications => ids(&d.communications),
            Tab::Visits => {
                let mut v = ids(&d.visit_plans);
                v.extend(ids(&d.visit_reports));
                v
            }
            Tab::History => vec![],
            // Entertainment, then gifts, then competitors, as the tab shows them.
            Tab::Relations => {
                let mut v = ids(&d.entertainments);
                v.extend(ids(&d.gifts));
                v.extend(ids(&d.competitors));
                v.extend(ids(&d.event_attendances));
                v
            }
        }
    }

    /// The history rows shown: all, or one field's.
    pub fn shown_history(&self) -> Vec<&Change> {
        self.history
            .iter()
            .filter(|c| match &self.history_field {
                None => true,
                Some((entity, row, field)) => {
                    &c.entity == entity
                        && c.row_id == *row
                        && c.field.as_deref() == Some(field.as_str())
                }
            })
            .collect()
    }

    pub fn row_count(&self) -> usize {
        match self.tab {
            Tab::History => self.shown_history().len(),
            Tab::Overview | Tab::Needs => self.field_lines(self.tab).len(),
            t => self.items(t).len(),
        }
    }

    /// The fields the Overview and Needs tabs list, one a line: those with a value, in the
    /// order of the form, the account's dates last. j and k move a selection over them, so
    /// an account longer than the window scrolls (issue 16).
    pub fn field_lines(&self, tab: Tab) -> Vec<FieldSpec> {
        match tab {
            Tab::Overview => {
                let mut specs: Vec<FieldSpec> = RecordKind::Account.fields().to_vec();
                specs.retain(|s| s.key != "cooperating_since");
                specs.push(record::field("cooperating_since", FieldKind::Text));
                for k in ["created_at", "updated_at", "created_by"] {
                    specs.push(record::field(k, FieldKind::DateTime));
                }
                with_values(&specs, &map_of(&self.dossier.account))
            }
            Tab::Needs => match &self.dossier.needs {
                Some(n) => with_values(RecordKind::Needs.fields(), &map_of(n)),
                None => vec![],
            },
            _ => vec![],
        }
    }

    /// Shows `tab` with the record `(kind, id)` selected, when it is listed there.
    pub(in crate::app) fn show_record(&mut self, tab: Tab, kind: RecordKind, id: i64) {
        self.tab = tab;
        if let Some(row) = self.items(tab).iter().position(|it| *it == (kind, id)) {
            self.selected[tab.index()] = row;
        }
    }

    pub fn selected_item(&self) -> Option<(RecordKind, i64)> {
        let row = match self.tab {
            // One record, whichever of its lines is selected.
            Tab::Overview | Tab::Needs => 0,
            t => self.selected[t.index()],
        };
        self.items(self.tab).get(row).copied()
    }

    /// Reads the account again after a save, on the same tab and rows.
    pub(in crate::app) fn reload(&mut self, store: &crate::store::Store) -> Result<()> {
        let id = self.account_id();
        let mut fresh =
            DetailState::new(store.dossier(id)?, store.history(id)?).with_taxes(store)?;
        fresh.tab = self.tab;
        fresh.selected = self.selected;
        fresh.revealed = self.revealed;
        fresh.clamp();
        *self = fresh;
        Ok(())
    }

    pub fn clamp(&mut self) {
        let n = self.row_count();
        let i = self.tab.index();
        self.selected[i] = self.selected[i].min(n.saturating_sub(1));
    }

    /// Open complaints and service requests, for the header card.
    pub fn open_issues(&self) -> (usize, usize) {
        let complaints = self
            .dossier
            .feedback
            .iter()
            .filter(|f| f.is_open_complaint())
            .count();
        let service = self
            .dossier
            .service_records
            .iter()
            .filter(|s| s.is_open())
            .count();
        (complaints, service)
    }
}

/// A record as its fields' stored values.
pub fn map_of<T: serde::Serialize>(r: &T) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(r) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    }
}

/// The fields of `specs` that hold a value in `map` (not null, not empty).
pub fn with_values(
    specs: &[FieldSpec],
    map: &serde_json::Map<String, serde_json::Value>,
) -> Vec<FieldSpec> {
    use serde_json::Value;
    specs
        .iter()
        .filter(|s| match map.get(s.key) {
            None | Some(Value::Null) => false,
            Some(Value::String(x)) => !x.trim().is_empty(),
            Some(Value::Array(x)) => !x.is_empty(),
            Some(_) => true,
        })
        .copied()
        .collect()
}

impl App {
    pub(in crate::app) fn on_detail(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let on_history = self.detail().is_some_and(|d| d.tab == Tab::History);
        match action {
            Undo => {
                self.ask_undo();
                return Ok(());
            }
            FieldHistory if on_history => {
                self.toggle_field_history();
                return Ok(());
            }
            ExportAccount => return self.export_account(),
            OpenBrief => {
                if let Some(d) = self.shown::<DetailState>() {
                    return self.open_brief(d.account_id(), None);
                }
                return Ok(());
            }
            MergeAccount => {
                self.start_merge();
                return Ok(());
            }
            OpenAttachments => return self.open_attachments(),
            _ => {}
        }
        let today = self.today;
        let Some(d) = self.shown_mut::<DetailState>() else {
            return Ok(());
        };
        let account_id = d.account_id();
        match action {
            Back => self.go_back(),
            NextTab => d.tab = Tab::ALL[(d.tab.index() + 1) % Tab::ALL.len()],
            PrevTab => d.tab = Tab::ALL[(d.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()],
            GoToTab(i) => d.tab = Tab::ALL[i.min(Tab::ALL.len() - 1)],
            NewEntertainment | NewGift | NewCompetitor | NewEventAttendance => {
                let kind = match action {
                    NewEntertainment => RecordKind::Entertainment,
                    NewGift => RecordKind::Gift,
                    NewEventAttendance => RecordKind::EventAttendance,
                    _ => RecordKind::Competitor,
                };
                d.tab = Tab::Relations;
                self.form = Some(Form::new_record(kind, account_id, today));
            }
            New => {
                // On the Relations tab: one more of what is selected (entertainment at first).
                let kind = match (d.tab, d.selected_item()) {
                    (Tab::Relations, Some((kind, _))) => kind,
                    (tab, _) => tab.new_kind(),
                };
                if kind == RecordKind::Needs && d.dossier.needs.is_some() {
                    let id = d.dossier.needs.as_ref().map(|n| n.id).unwrap_or(0);
                    return self.edit(RecordKind::Needs, id);
                }
                match kind {
                    RecordKind::Account => {
                        self.form = Some(Form::new_record(RecordKind::Account, 0, today))
                    }
                    RecordKind::VisitReport => self.visit_form(account_id, None)?,
                    _ => {
                        let mut form = Form::new_record(kind, account_id, today);
                        self.offer_catalogue(&mut form)?;
                        self.form = Some(form);
                    }
                }
            }
            NewPlan => self.plan_form(account_id)?,
            NewPayment => self.payment_form()?,
            NewReturn => {
                let mut form = Form::new_record(RecordKind::ReturnClaim, account_id, today);
                self.offer_catalogue(&mut form)?;
                self.form = Some(form);
            }
            NewContract => {
                self.form = Some(Form::new_record(RecordKind::Contract, account_id, today))
            }
            Edit => {
                if d.tab == Tab::History {
                    self.ask_restore_value();
                    return Ok(());
                }
                // On a tab of field lines the form opens on the field selected.
                let line = d
                    .field_lines(d.tab)
                    .get(d.selected[d.tab.index()])
                    .map(|s| s.key);
                if let Some((kind, id)) = d.selected_item() {
                    self.edit(kind, id)?;
                    if let (Some(form), Some(key)) = (self.form.as_mut(), line) {
                        if let Some(i) = form.fields.iter().position(|s| s.key == key) {
                            form.focus = i;
                        }
                    }
                } else if d.tab == Tab::Needs {
                    self.form = Some(Form::new_record(RecordKind::Needs, account_id, today));
                }
            }
            Delete => {
                if let Some((kind, id)) = d.selected_item() {
                    self.ask_delete(kind, id)?;
                }
            }
            RevealDossier => {
                let person = match (d.tab, d.selected_item()) {
                    (Tab::Contacts, Some((_, id))) => Some(id),
                    // On the History tab: the person whose dossier change is selected.
                    (Tab::History, _) => d
                        .shown_history()
                        .get(d.selected[d.tab.index()])
                        .filter(|c| c.is_personal())
                        .map(|c| c.row_id),
                    _ => None,
                };
                if let Some(id) = person {
                    d.revealed = if d.revealed == Some(id) {
                        None
                    } else {
                        Some(id)
                    };
                }
            }
            EditDossier => {
                if let (Tab::Contacts, Some((_, id))) = (d.tab, d.selected_item()) {
                    let contact = d.dossier.contacts.iter().find(|c| c.id == id);
                    d.revealed = Some(id);
                    self.form = Some(Form::dossier(id, contact.and_then(|c| c.dossier.as_ref())));
                }
            }
            _ => {}
        }
        if let Some(d) = self.shown_mut::<DetailState>() {
            d.clamp();
        }
        Ok(())
    }
}

impl App {
    pub fn open_account(&mut self, id: i64) -> Result<()> {
        let dossier = self.store.dossier(id)?;
        let history = self.store.history(id)?;
        let state = DetailState::new(dossier, history).with_taxes(&self.store)?;
        self.show(Box::new(state));
        Ok(())
    }

    /// An account found by a search (`/`, the notes'), from whatever screen: opened above the
    /// list as if found there, so Esc goes to the list; the screen searched on is kept to
    /// reopen. An account opened from a screen's own rows returns there instead (`show`).
    pub fn open_account_found(&mut self, id: i64) -> Result<()> {
        self.go_home();
        self.open_account(id)
    }
}

/// Where the screen is kept (shown, below, or closed).
impl App {
    /// The account open (shown, or below the screen shown).
    pub fn detail(&self) -> Option<&DetailState> {
        self.find::<DetailState>()
    }

    pub(in crate::app) fn detail_mut(&mut self) -> Option<&mut DetailState> {
        self.find_mut::<DetailState>()
    }
}

impl ScreenState for DetailState {
    fn view(&self) -> View {
        View::Detail
    }

    fn move_by(&mut self, delta: isize) {
        let i = self.tab.index();
        self.selected[i] = step(self.selected[i], self.row_count(), delta);
    }

    fn account_changed(&mut self, store: &Store, _: &Finder, account_id: i64) -> Result<()> {
        if self.account_id() == account_id {
            self.reload(store)?;
        }
        Ok(())
    }
}
