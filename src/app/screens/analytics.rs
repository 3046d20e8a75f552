//! The analytics screen: one tab per analysis over a chosen period. Everything is computed
//! once when the screen opens or the period changes; drawing only reads it.

use crate::analytics::*;
use crate::app::dialogs::{AccountPlanDialog, BandsDialog, Dialog, RangeDialog, WeightsDialog};
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::domain::{AccountPlan, Grade, Money};
use crate::store::ByAccount;
use anyhow::Result;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalyticsTab {
    Grading,
    Top10,
    Regions,
    Pivot,
    Funnel,
    Evaluation,
    Problems,
    Monthly,
    Scorecard,
    /// Returns and claims (退货率), purchase cycles and satisfaction (issue 21): the
    /// command line's `kam report returns|purchases|satisfaction` on the screen.
    Returns,
    Purchases,
    Satisfaction,
    /// Entertainment and gifts, budget against spending (issue 22; `kam report gifts`).
    Gifts,
    /// Market events and the deals that followed (issue 22; `kam report events`).
    Events,
}

/// How many tabs the screen has.
pub const TABS: usize = 14;

impl AnalyticsTab {
    pub const ALL: [AnalyticsTab; TABS] = [
        AnalyticsTab::Grading,
        AnalyticsTab::Top10,
        AnalyticsTab::Regions,
        AnalyticsTab::Pivot,
        AnalyticsTab::Funnel,
        AnalyticsTab::Evaluation,
        AnalyticsTab::Problems,
        AnalyticsTab::Monthly,
        AnalyticsTab::Scorecard,
        AnalyticsTab::Returns,
        AnalyticsTab::Purchases,
        AnalyticsTab::Satisfaction,
        AnalyticsTab::Gifts,
        AnalyticsTab::Events,
    ];

    pub fn index(self) -> usize {
        AnalyticsTab::ALL
            .iter()
            .position(|t| *t == self)
            .unwrap_or(0)
    }

    /// The report the command line makes of the same analysis, for the tabs that show one
    /// whole (the others show parts of several, or their own figures).
    pub fn report(self) -> Option<Analysis> {
        match self {
            AnalyticsTab::Returns => Some(Analysis::Returns),
            AnalyticsTab::Purchases => Some(Analysis::Purchases),
            AnalyticsTab::Satisfaction => Some(Analysis::Satisfaction),
            AnalyticsTab::Gifts => Some(Analysis::Gifts),
            AnalyticsTab::Events => Some(Analysis::Events),
            _ => None,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            AnalyticsTab::Grading => "an-tab-grading",
            AnalyticsTab::Top10 => "an-tab-top10",
            AnalyticsTab::Regions => "an-tab-regions",
            AnalyticsTab::Pivot => "an-tab-pivot",
            AnalyticsTab::Funnel => "an-tab-funnel",
            AnalyticsTab::Evaluation => "an-tab-evaluation",
            AnalyticsTab::Problems => "an-tab-problems",
            AnalyticsTab::Monthly => "an-tab-monthly",
            AnalyticsTab::Scorecard => "an-tab-scorecard",
            AnalyticsTab::Returns => "an-tab-returns",
            AnalyticsTab::Purchases => "an-tab-purchases",
            AnalyticsTab::Satisfaction => "an-tab-satisfaction",
            AnalyticsTab::Gifts => "an-tab-gifts",
            AnalyticsTab::Events => "an-tab-events",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnalyticsState {
    pub tab: AnalyticsTab,
    pub kind: PeriodKind,
    pub period: Period,
    pub rule: GradingRule,
    /// The evaluation weights (stored in the book, like the rule).
    pub weights: Weights,
    pub grading: Grading,
    pub key: KeyCustomers,
    pub regions: Regions,
    pub pivot: Pivot,
    pub funnel: Funnel,
    pub evaluation: Evaluation,
    /// Sales per month of the period, every month present.
    pub monthly: Vec<(String, Money)>,
    /// The rep's scorecard of the period against the one before; none until first shown.
    pub scorecard: Option<Scorecard>,
    /// The three analyses of issue 21; none until first shown.
    pub returns: Option<Returns>,
    pub purchases: Option<Purchases>,
    pub satisfaction: Option<Satisfaction>,
    /// Entertainment and gifts of the period (issue 22); none until first shown.
    pub gifts: Option<GiftSpending>,
    /// Market events of the period, deals counted within the command line's default days
    /// after; none until first shown.
    pub events: Option<EventsReport>,
    /// The account whose detail was open, with its monthly sales.
    pub account_monthly: Option<(String, Months)>,
    /// The selected row of each tab's list.
    pub selected: [usize; TABS],
    /// The accounts and sales the analyses of this period read.
    pub book: Book,
    /// Which tabs are computed: grading, key customers and regions come with the book; the
    /// others are computed when first shown (at 100,000 accounts each costs 0.1–0.3 s).
    pub loaded: [bool; TABS],
    /// The rep whose accounts these are, chosen by a manager (app/report_rep.rs); none: the
    /// whole book.
    pub rep: Option<String>,
}

/// Sales per month (`YYYY-MM`), in order.
pub type Months = Vec<(String, Money)>;

impl AnalyticsState {
    pub fn row_count(&self) -> usize {
        self.row_count_of(self.tab)
    }

    pub fn row_count_of(&self, tab: AnalyticsTab) -> usize {
        match tab {
            AnalyticsTab::Grading => self.grading.accounts.len(),
            AnalyticsTab::Top10 => self.key.key_accounts.len(),
            AnalyticsTab::Regions => self.regions.rows.len(),
            AnalyticsTab::Pivot => self.pivot.rows.len(),
            AnalyticsTab::Evaluation => self.evaluation.accounts.len(),
            AnalyticsTab::Problems => self.evaluation.problems.len(),
            AnalyticsTab::Returns => self.returns.as_ref().map_or(0, |r| r.accounts.len()),
            AnalyticsTab::Purchases => self.purchases.as_ref().map_or(0, |r| r.accounts.len()),
            AnalyticsTab::Satisfaction => {
                self.satisfaction.as_ref().map_or(0, |r| r.accounts.len())
            }
            AnalyticsTab::Gifts => self.gifts.as_ref().map_or(0, |g| g.accounts.len()),
            AnalyticsTab::Events => self.events.as_ref().map_or(0, |e| e.events.len()),
            AnalyticsTab::Funnel | AnalyticsTab::Monthly | AnalyticsTab::Scorecard => 0,
        }
    }

    pub fn selected(&self) -> usize {
        self.selected[self.tab.index()]
    }

    /// The id of the live account with this code (the book is by code).
    fn id_of(&self, code: &str) -> Option<i64> {
        let accounts = &self.book.accounts;
        let i = accounts.binary_search_by(|a| (*a.code).cmp(code)).ok()?;
        Some(accounts[i].id)
    }

    pub fn selected_account(&self) -> Option<i64> {
        let i = self.selected();
        match self.tab {
            AnalyticsTab::Grading => self.grading.accounts.get(i).map(|r| r.account_id),
            AnalyticsTab::Top10 => self.key.key_accounts.get(i).map(|r| r.account_id),
            AnalyticsTab::Pivot => self.pivot.rows.get(i).map(|r| r.account_id),
            AnalyticsTab::Evaluation => self.evaluation.accounts.get(i).map(|r| r.account_id),
            AnalyticsTab::Problems => self.evaluation.problems.get(i).map(|r| r.account_id),
            AnalyticsTab::Returns => {
                self.id_of(self.returns.as_ref()?.accounts.get(i)?.code.as_ref())
            }
            AnalyticsTab::Purchases => {
                self.id_of(self.purchases.as_ref()?.accounts.get(i)?.code.as_ref())
            }
            AnalyticsTab::Satisfaction => {
                self.id_of(self.satisfaction.as_ref()?.accounts.get(i)?.code.as_ref())
            }
            AnalyticsTab::Gifts => self.gifts.as_ref()?.accounts.get(i).map(|r| r.account_id),
            AnalyticsTab::Regions
            | AnalyticsTab::Funnel
            | AnalyticsTab::Monthly
            | AnalyticsTab::Scorecard
            | AnalyticsTab::Events => None,
        }
    }
}

impl App {
    pub(in crate::app) fn open_analytics(&mut self) -> Result<()> {
        // The rule and weights as stored (they may have changed in another kam meanwhile).
        let rule = Settings::load(&self.store)?.grading;
        let (kind, period, tab) = match self.analytics() {
            Some(a) => (a.kind, a.period, a.tab),
            None => (
                PeriodKind::Year,
                Period::year_of(self.today),
                AnalyticsTab::Grading,
            ),
        };
        self.load_analytics(kind, period, rule)?;
        if let Some(a) = self.analytics_mut() {
            a.tab = tab;
        }
        self.show_kept(View::Analytics);
        Ok(())
    }

    pub(in crate::app) fn load_analytics(
        &mut self,
        kind: PeriodKind,
        period: Period,
        rule: GradingRule,
    ) -> Result<()> {
        let rep = self.reports_rep().map(str::to_string);
        let narrowed = crate::app::report_rep::narrowed(&self.store, rep.as_deref())?;
        let store = narrowed.as_ref().unwrap_or(&self.store);
        let settings = Settings::load(store)?;
        let book = Book::load(store, period)?;
        let plans = store.account_plans()?;
        // The grading table names each account's main products (产品), as the seed's does.
        let products = store.sales_by_account_product(period.from, period.to)?;
        let grading = grade(&book, rule).with_products(&products);
        // The list and the cards show the grades of the year by the stored rule; keep them in
        // step after a visit here, when that is what is shown.
        if period == Period::year_of(self.today) && rule == settings.grading && rep.is_none() {
            self.grades = grading
                .accounts
                .iter()
                .map(|r| (r.account_id, r.computed))
                .collect();
        }
        let nothing = ByAccount::default();
        let no_plans = HashMap::new();
        let empty = Signals {
            visits: &nothing,
            open_complaints: &nothing,
            plans: &no_plans,
        };
        let mut loaded = [false; TABS];
        for tab in [
            AnalyticsTab::Grading,
            AnalyticsTab::Top10,
            AnalyticsTab::Regions,
        ] {
            loaded[tab.index()] = true;
        }
        let state = AnalyticsState {
            tab: self.analytics().map_or(AnalyticsTab::Grading, |a| a.tab),
            kind,
            period,
            rule,
            weights: settings.weights,
            key: key_customers(&book, &plans),
            regions: regions(&book),
            pivot: pivot(Some(period), &[], &Default::default()),
            funnel: funnel(Some(period), &[]),
            evaluation: evaluate(&Book::default(), &empty, Weights::default()),
            monthly: vec![],
            scorecard: None,
            returns: None,
            purchases: None,
            satisfaction: None,
            gifts: None,
            events: None,
            account_monthly: None,
            grading,
            selected: self.analytics().map_or([0; TABS], |a| a.selected),
            book,
            loaded,
            rep,
        };
        let mut state = state;
        for (i, tab) in AnalyticsTab::ALL.iter().enumerate() {
            if state.loaded[i] {
                state.selected[i] =
                    state.selected[i].min(state.row_count_of(*tab).saturating_sub(1));
            }
        }
        self.put(Box::new(state));
        self.load_analytics_tab()
    }

    /// Computes the shown tab's analysis if it is not yet.
    fn load_analytics_tab(&mut self) -> Result<()> {
        let Some(a) = self.analytics() else {
            return Ok(());
        };
        if a.loaded[a.tab.index()] {
            return Ok(());
        }
        let narrowed = crate::app::report_rep::narrowed(&self.store, a.rep.as_deref())?;
        let (store, period, tab) = (narrowed.as_ref().unwrap_or(&self.store), a.period, a.tab);
        let mut fresh = TabResults::default();
        match tab {
            AnalyticsTab::Pivot => {
                let sales = store.sales_by_account_product(period.from, period.to)?;
                fresh.pivot = Some(pivot(Some(period), &a.book.accounts, &sales));
            }
            AnalyticsTab::Funnel => {
                let groups = store.opportunities_by_stage(period.from, period.to)?;
                fresh.funnel = Some(funnel(Some(period), &groups));
            }
            AnalyticsTab::Evaluation | AnalyticsTab::Problems => {
                let visits = store.visits_by_account(period.from, period.to)?;
                let open_complaints = store.open_complaints_by_account()?;
                let plans = store.account_plans()?;
                let signals = Signals {
                    visits: &visits,
                    open_complaints: &open_complaints,
                    plans: &plans,
                };
                fresh.evaluation = Some(evaluate(&a.book, &signals, a.weights));
            }
            AnalyticsTab::Monthly => {
                let by_month = store.sales_by_account_month(period.from, period.to)?;
                let live: std::collections::HashSet<i64> =
                    a.book.accounts.iter().map(|x| x.id).collect();
                fresh.monthly = Some(monthly(period, &by_month, |x| live.contains(&x)));
                fresh.account_monthly = Some(self.detail().map(|d| {
                    let id = d.account_id();
                    let name = d.dossier.account.display_name().to_string();
                    (name, monthly(period, &by_month, |x| x == id))
                }));
            }
            AnalyticsTab::Scorecard => {
                fresh.scorecard = Some(scorecard(store, period, self.today)?);
            }
            AnalyticsTab::Returns
            | AnalyticsTab::Purchases
            | AnalyticsTab::Satisfaction
            | AnalyticsTab::Gifts
            | AnalyticsTab::Events => {
                // The command line's own computation, so the screen and `kam report` agree.
                let settings = Settings::load(store)?;
                let analysis = tab.report().unwrap_or(Analysis::Returns);
                match report(store, analysis, period, &settings)? {
                    Report::Returns(r) => fresh.returns = Some(r),
                    Report::Purchases(p) => fresh.purchases = Some(p),
                    Report::Satisfaction(s) => fresh.satisfaction = Some(s),
                    Report::Gifts(g) => fresh.gifts = Some(g),
                    Report::Events(e) => fresh.events = Some(e),
                    _ => {}
                }
            }
            AnalyticsTab::Grading | AnalyticsTab::Top10 | AnalyticsTab::Regions => {}
        }
        if let Some(a) = self.analytics_mut() {
            fresh.apply(a);
            let i = a.tab.index();
            a.loaded[i] = true;
            if matches!(a.tab, AnalyticsTab::Evaluation | AnalyticsTab::Problems) {
                a.loaded[AnalyticsTab::Evaluation.index()] = true;
                a.loaded[AnalyticsTab::Problems.index()] = true;
            }
            a.selected[i] = a.selected[i].min(a.row_count().saturating_sub(1));
        }
        Ok(())
    }

    pub(in crate::app) fn on_analytics(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(a) = self.shown_mut::<AnalyticsState>() else {
            return Ok(());
        };
        let (kind, period, rule) = (a.kind, a.period, a.rule);
        let n = AnalyticsTab::ALL.len();
        match action {
            Back => self.go_back(),
            NextTab => {
                a.tab = AnalyticsTab::ALL[(a.tab.index() + 1) % n];
                self.load_analytics_tab()?;
            }
            PrevTab => {
                a.tab = AnalyticsTab::ALL[(a.tab.index() + n - 1) % n];
                self.load_analytics_tab()?;
            }
            GoToTab(i) => {
                a.tab = AnalyticsTab::ALL[i.min(n - 1)];
                self.load_analytics_tab()?;
            }
            AnalyticsPeriodKind => {
                let next = match kind {
                    PeriodKind::Month => PeriodKind::Quarter,
                    PeriodKind::Quarter => PeriodKind::Year,
                    PeriodKind::Year | PeriodKind::Custom => PeriodKind::Month,
                };
                // The new period holds the end of the old one (or today, if sooner).
                let anchor = period.to.min(self.today);
                self.load_analytics(next, Period::of_kind(next, anchor), rule)?;
            }
            NextPeriod => self.load_analytics(kind, period.next(), rule)?,
            PrevPeriod => self.load_analytics(kind, period.previous(), rule)?,
            ChooseDates => {
                let range = RangeDialog::new(period.from, period.to);
                self.dialog = Some(Dialog::AnalyticsRange(range));
            }
            ToggleGradingMethod => {
                let rule = Settings::other_method(&self.store, rule)?;
                self.save_grading_rule(rule)?;
            }
            AnalyticsSettings => self.open_analytics_settings(),
            ChooseRep => self.choose_rep()?,
            Open => {
                if let Some(id) = a.selected_account() {
                    self.open_account(id)?;
                }
            }
            Edit => {
                if let Some(id) = a.selected_account() {
                    let plan = self.store.account_plan(id)?.unwrap_or_default();
                    self.dialog = Some(Dialog::AccountPlan(AccountPlanDialog::new(id, &plan)));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The dialog of the tab's settings: the bands on the grading tab, the weights on the
    /// evaluation and problems tabs; elsewhere a word on where they are.
    fn open_analytics_settings(&mut self) {
        let Some(a) = self.analytics() else { return };
        self.dialog = Some(match a.tab {
            AnalyticsTab::Grading => Dialog::Bands(BandsDialog::new(a.rule)),
            AnalyticsTab::Evaluation | AnalyticsTab::Problems => {
                Dialog::Weights(WeightsDialog::new(a.weights))
            }
            // The visits asked for are the cadence's: edited where they are counted too.
            AnalyticsTab::Scorecard => Dialog::Cadence(crate::app::dialogs::CadenceDialog::new(
                crate::visits::cadence::Cadence::load(&self.store).unwrap_or_default(),
            )),
            _ => {
                self.status = Some(crate::app::Status {
                    text: self.t("an-settings-where"),
                    error: false,
                });
                return;
            }
        });
    }

    /// Stores the evaluation weights of the settings dialog and shows the tabs by them.
    pub(in crate::app) fn save_analytics_weights(&mut self, weights: Weights) -> Result<()> {
        Settings::save_weights(&mut self.store, weights)?;
        if let Some(a) = self.analytics_mut() {
            a.weights = weights;
            let (kind, period, rule) = (a.kind, a.period, a.rule);
            self.load_analytics(kind, period, rule)?;
        }
        self.ok("status-saved");
        Ok(())
    }

    /// Stores the grading rule, shows it, and grades the list again by it.
    pub(in crate::app) fn save_grading_rule(&mut self, rule: GradingRule) -> Result<()> {
        Settings::save_grading(&mut self.store, rule)?;
        if let Some(a) = self.analytics() {
            let (kind, period) = (a.kind, a.period);
            self.load_analytics(kind, period, rule)?;
        }
        if self
            .analytics()
            .is_none_or(|a| a.period != Period::year_of(self.today) || a.rep.is_some())
        {
            self.regrade()?;
        }
        self.ok("status-saved");
        Ok(())
    }

    /// Shows the analytics screen over the period of the range dialog.
    pub(in crate::app) fn save_analytics_range(
        &mut self,
        (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<()> {
        let rule = self.analytics().map_or(GradingRule::default(), |a| a.rule);
        self.load_analytics(PeriodKind::Custom, Period::new(from, to), rule)
    }

    /// Stores an account plan and shows it at once.
    pub(in crate::app) fn save_account_plan(&mut self, plan: AccountPlan) -> Result<()> {
        let changed = self.store.set_account_plan(&plan)?;
        if !changed {
            self.ok("status-unchanged");
            return Ok(());
        }
        if let Some(a) = self.analytics() {
            let (kind, period, rule) = (a.kind, a.period, a.rule);
            self.load_analytics(kind, period, rule)?;
        }
        self.ok("status-saved");
        Ok(())
    }
}

impl App {
    /// The grade an account shows: the one set by hand with a star (`B*`), else the
    /// computed one.
    pub fn grade_shown(&self, account_id: i64, manual: Option<Grade>) -> String {
        match manual {
            Some(g) => format!("{}*", g.code()),
            None => self
                .grades
                .get(&account_id)
                .map(|g| g.code().to_string())
                .unwrap_or_default(),
        }
    }
}

/// The analyses one tab computes, moved into the state once done (the store and the state
/// cannot be borrowed for writing at once).
#[derive(Default)]
struct TabResults {
    pivot: Option<Pivot>,
    funnel: Option<Funnel>,
    evaluation: Option<Evaluation>,
    monthly: Option<Months>,
    account_monthly: Option<Option<(String, Months)>>,
    scorecard: Option<Scorecard>,
    returns: Option<Returns>,
    purchases: Option<Purchases>,
    satisfaction: Option<Satisfaction>,
    gifts: Option<GiftSpending>,
    events: Option<EventsReport>,
}

impl TabResults {
    fn apply(self, a: &mut AnalyticsState) {
        if let Some(p) = self.pivot {
            a.pivot = p;
        }
        if let Some(f) = self.funnel {
            a.funnel = f;
        }
        if let Some(e) = self.evaluation {
            a.evaluation = e;
        }
        if let Some(m) = self.monthly {
            a.monthly = m;
        }
        if let Some(m) = self.account_monthly {
            a.account_monthly = m;
        }
        if let Some(s) = self.scorecard {
            a.scorecard = Some(s);
        }
        if let Some(r) = self.returns {
            a.returns = Some(r);
        }
        if let Some(p) = self.purchases {
            a.purchases = Some(p);
        }
        if let Some(s) = self.satisfaction {
            a.satisfaction = Some(s);
        }
        if let Some(g) = self.gifts {
            a.gifts = Some(g);
        }
        if let Some(e) = self.events {
            a.events = Some(e);
        }
    }
}

/// Where the screen is kept (shown, below, or closed).
impl App {
    pub fn analytics(&self) -> Option<&AnalyticsState> {
        self.find::<AnalyticsState>()
    }

    pub(in crate::app) fn analytics_mut(&mut self) -> Option<&mut AnalyticsState> {
        self.find_mut::<AnalyticsState>()
    }
}

impl ScreenState for AnalyticsState {
    fn view(&self) -> View {
        View::Analytics
    }

    fn move_by(&mut self, delta: isize) {
        let i = self.tab.index();
        self.selected[i] = step(self.selected[i], self.row_count(), delta);
    }
}
