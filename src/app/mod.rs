//! State and meaning: the `App` holds what is on screen, `update` applies one `Action`
//! through the store. Drawing (`ui`) reads the `App` and never changes it.

pub mod action;
pub mod analytics;
pub mod backup;
pub mod detail;
pub mod dialogs;
pub mod exchange;
pub mod fields;
pub mod form;
mod form_keys;
mod grades;
pub mod history;
pub mod hit_list;
pub mod input;
pub mod jobs;
pub mod keymap;
pub mod list;
mod loading;
pub mod lock;
pub mod notes;
pub mod planner;
pub mod reminders;
pub mod report;
pub mod search;
pub mod visit;

pub use action::Action;
use detail::DetailState;
use dialogs::Dialog;
use fields::FieldEditor;
use form::Form;
use list::ListState;
pub use notes::NoteSearchState;
pub use search::SearchState;

use crate::domain::*;
use crate::i18n::{t, t_args, Lang};
use crate::search::Finder;
use crate::store::{Store, TrashItem};
use anyhow::Result;
use chrono::NaiveDate;

/// The screen under any dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Welcome,
    List,
    Detail,
    Trash,
    Planner,
    Report,
    Reminders,
    Analytics,
}

/// Which layer takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Search,
    Form,
    Help,
    Confirm,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    Delete {
        kind: RecordKind,
        id: i64,
        title: String,
    },
    DiscardForm,
    CancelPlan {
        id: i64,
        title: String,
    },
    /// Put an earlier value of a field back.
    RestoreValue(crate::store::Change),
    /// Undo the last change (all the fields one save changed).
    Undo(Vec<crate::store::Change>),
    /// The dry run of an import: go ahead, or (when the file cannot go in) its problems.
    Import(exchange::ImportCheck),
    Merge {
        keep: i64,
        drop: i64,
        keep_name: String,
        drop_name: String,
    },
    /// `x` on an encrypted book: the dossier would be written unencrypted.
    PlainExport,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub store: Store,
    pub finder: Finder,
    pub lang: Lang,
    pub today: NaiveDate,
    pub view: View,
    pub list: ListState,
    pub detail: Option<DetailState>,
    pub trash: Vec<TrashItem>,
    pub trash_selected: usize,
    pub planner: Option<planner::PlannerState>,
    pub report: Option<report::ReportState>,
    pub reminders: Option<reminders::RemindersState>,
    pub lock: Option<lock::IdleLock>,
    /// Whether a key was pressed yet: a dashboard ready later does not take over the screen.
    touched: bool,
    pub analytics: Option<analytics::AnalyticsState>,
    /// The computed grade of each account (this calendar year), shown beside a manual one.
    pub grades: std::collections::HashMap<i64, Grade>,
    pub search: Option<SearchState>,
    /// The notes search line, open over any screen.
    pub notes: Option<NoteSearchState>,
    /// A record being added or edited.
    pub form: Option<Form>,
    /// A choice or a setting being asked for (a date, the filters, weights …).
    pub dialog: Option<Dialog>,
    pub confirm: Option<Confirm>,
    pub help: bool,
    pub status: Option<Status>,
    pub quit: bool,
    /// Work under way in the background: the finder, grades, reminders, the start checks.
    jobs: jobs::Jobs,
    /// From how many accounts on grades are computed in the background (see grades.rs).
    pub regrade_in_background_from: usize,
}

const PAGE: usize = 10;

impl App {
    pub fn new(store: Store, lang: Lang) -> Result<App> {
        let finder = Finder::from_store(&store)?;
        let mut app = App::with_finder(store, lang, finder);
        app.grades = analytics::computed_grades(&app.store, app.today)?;
        app.list.rebuild(&app.finder);
        if app.finder.is_empty() {
            app.view = View::Welcome;
        }
        Ok(app)
    }

    fn with_finder(store: Store, lang: Lang, finder: Finder) -> App {
        let today = store.now().date();
        let mut app = App {
            store,
            finder,
            lang,
            today,
            view: View::List,
            list: ListState::default(),
            detail: None,
            trash: vec![],
            trash_selected: 0,
            planner: None,
            report: None,
            reminders: None,
            lock: None,
            touched: false,
            analytics: None,
            grades: std::collections::HashMap::new(),
            search: None,
            notes: None,
            form: None,
            dialog: None,
            confirm: None,
            help: false,
            status: None,
            quit: false,
            jobs: jobs::Jobs::default(),
            regrade_in_background_from: grades::BACKGROUND_FROM,
        };
        app.list.rebuild(&app.finder);
        app
    }

    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Confirm
        } else if self.help {
            Mode::Help
        } else if self.search.is_some() || self.notes.is_some() {
            Mode::Search
        } else if self.editing().is_some() {
            Mode::Form
        } else {
            Mode::Browse
        }
    }

    /// The fields being edited, of the open record form or dialog (they take the same keys).
    pub fn editing(&self) -> Option<&FieldEditor> {
        match (&self.form, &self.dialog) {
            (Some(f), _) => Some(f),
            (None, Some(d)) => Some(d),
            (None, None) => None,
        }
    }

    pub fn t(&self, id: &str) -> String {
        t(self.lang, id)
    }

    fn ok(&mut self, id: &str) {
        self.status = Some(Status {
            text: self.t(id),
            error: false,
        });
    }

    fn fail(&mut self, e: anyhow::Error) {
        self.status = Some(Status {
            text: crate::cli::sentence(&e),
            error: true,
        });
    }

    /// Applies one action. Errors become the status line; nothing here panics on user input.
    pub fn update(&mut self, action: Action) {
        if self.is_locked() {
            return self.on_locked(action);
        }
        self.touch_lock();
        self.touched = true;
        if !matches!(action, Action::Type(_) | Action::Backspace) {
            // A new action replaces the last result, except while typing.
            if self.mode() == Mode::Browse {
                self.status = None;
            }
        }
        let result = match self.mode() {
            Mode::Confirm => self.on_confirm(action),
            Mode::Help => {
                self.help = false;
                Ok(())
            }
            Mode::Search if self.notes.is_some() => self.on_note_search(action),
            Mode::Search => self.on_search(action),
            Mode::Form => self.on_form(action),
            Mode::Browse => self.on_browse(action),
        };
        if let Err(e) = result {
            self.fail(e);
        }
    }

    fn on_browse(&mut self, action: Action) -> Result<()> {
        use Action::*;
        match action {
            Quit => self.quit = true,
            Help => self.help = true,
            OpenSearch => self.open_search_for(search::SearchPurpose::OpenAccount),
            OpenNoteSearch => self.open_note_search(),
            Up => self.move_by(-1),
            Down => self.move_by(1),
            PageUp => self.move_by(-(PAGE as isize)),
            PageDown => self.move_by(PAGE as isize),
            RecordVisit => self.record_visit()?,
            OpenPlanner => self.open_planner()?,
            OpenReport => self.open_report()?,
            OpenReminders => self.open_reminders()?,
            OpenAnalytics => self.open_analytics()?,
            Top => self.move_by(isize::MIN / 2),
            Bottom => self.move_by(isize::MAX / 2),
            _ => match self.view {
                View::Welcome => self.on_welcome(action)?,
                View::List => self.on_list(action)?,
                View::Detail => self.on_detail(action)?,
                View::Trash => self.on_trash(action)?,
                View::Planner => self.on_planner(action)?,
                View::Report => self.on_report(action)?,
                View::Reminders => self.on_reminders(action)?,
                View::Analytics => self.on_analytics(action)?,
            },
        }
        Ok(())
    }

    pub(super) fn open_search_for(&mut self, purpose: search::SearchPurpose) {
        self.search = Some(SearchState::new(purpose));
        self.refresh_search();
    }

    fn move_by(&mut self, delta: isize) {
        let step = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.view {
            View::Welcome => {}
            View::List => self.list.selected = step(self.list.selected, self.list.rows.len()),
            View::Trash => self.trash_selected = step(self.trash_selected, self.trash.len()),
            View::Planner => {
                if let Some(p) = &mut self.planner {
                    p.selected = step(p.selected, p.rows.len());
                }
            }
            View::Report => {
                if let Some(r) = &mut self.report {
                    r.selected = step(r.selected, r.len());
                }
            }
            View::Reminders => {
                if let Some(r) = &mut self.reminders {
                    r.selected = step(r.selected, r.items.len());
                }
            }
            View::Detail => {
                if let Some(d) = &mut self.detail {
                    let i = d.tab.index();
                    d.selected[i] = step(d.selected[i], d.row_count());
                }
            }
            View::Analytics => {
                if let Some(a) = &mut self.analytics {
                    let i = a.tab.index();
                    a.selected[i] = step(a.selected[i], a.row_count());
                }
            }
        }
    }

    fn on_welcome(&mut self, action: Action) -> Result<()> {
        match action {
            Action::New => self.form = Some(Form::new_record(RecordKind::Account, 0, self.today)),
            Action::LoadDemo => {
                crate::demo::generate(&mut self.store, 50, 1)?;
                self.reload_finder()?;
                self.view = View::List;
                self.ok("status-demo-loaded");
            }
            Action::OpenTrash => self.open_trash()?,
            Action::Import => self.open_import(),
            _ => {}
        }
        Ok(())
    }

    fn selected_account(&self) -> Option<i64> {
        self.list
            .rows
            .get(self.list.selected)
            .filter(|i| **i < self.finder.len())
            .map(|i| self.finder.summary(*i).id)
    }

    fn on_list(&mut self, action: Action) -> Result<()> {
        use Action::*;
        match action {
            Open => {
                if let Some(id) = self.selected_account() {
                    self.open_account(id)?;
                }
            }
            New => self.form = Some(Form::new_record(RecordKind::Account, 0, self.today)),
            Edit => {
                if let Some(id) = self.selected_account() {
                    self.edit(RecordKind::Account, id)?;
                }
            }
            Delete => {
                if let Some(id) = self.selected_account() {
                    self.ask_delete(RecordKind::Account, id)?;
                }
            }
            NextSort => {
                self.list.sort = self.list.sort.next();
                self.list.rebuild(&self.finder);
            }
            ReverseSort => {
                self.list.descending = !self.list.descending;
                self.list.rebuild(&self.finder);
            }
            EditFilters => {
                let filters = dialogs::FilterDialog::new(self.list.filters.clone());
                self.dialog = Some(Dialog::Filter(filters))
            }
            ClearFilters if !self.list.filters.is_empty() => {
                self.list.filters.clear();
                self.list.rebuild(&self.finder);
                self.ok("status-filters-cleared");
            }
            OpenTrash => self.open_trash()?,
            Import => self.open_import(),
            _ => {}
        }
        Ok(())
    }

    fn open_trash(&mut self) -> Result<()> {
        self.trash = self.store.trash()?;
        self.trash_selected = 0;
        self.view = View::Trash;
        Ok(())
    }

    /// Where Esc leads from a screen reached from anywhere: the open account, else the list.
    fn home_view(&self) -> View {
        if self.finder.is_empty() && !self.is_loading() {
            View::Welcome
        } else if self.detail.is_some() {
            View::Detail
        } else {
            View::List
        }
    }

    fn on_trash(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Back => {
                self.view = if self.finder.is_empty() {
                    View::Welcome
                } else {
                    View::List
                }
            }
            Action::Restore => {
                if let Some(item) = self.trash.get(self.trash_selected).cloned() {
                    self.store.restore(item.kind, item.id)?;
                    self.trash = self.store.trash()?;
                    self.trash_selected =
                        self.trash_selected.min(self.trash.len().saturating_sub(1));
                    self.refresh_account(item.account_id)?;
                    self.regrade()?;
                    self.ok("status-restored");
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn on_confirm(&mut self, action: Action) -> Result<()> {
        let Some(c) = self.confirm.take() else {
            return Ok(());
        };
        if action != Action::Yes {
            if c == Confirm::PlainExport {
                self.ok("status-plain-export-declined");
            }
            return Ok(());
        }
        match c {
            Confirm::PlainExport => self.write_dossier()?,
            Confirm::DiscardForm => {
                self.form = None;
                self.dialog = None;
            }
            Confirm::Import(check) => self.confirm_import(check)?,
            Confirm::RestoreValue(change) => self.restore_value(change)?,
            Confirm::Undo(group) => self.undo(group)?,
            Confirm::Merge { keep, drop, .. } => self.merge(keep, drop)?,
            Confirm::CancelPlan { id, .. } => {
                self.cancel_plan(id)?;
                self.ok("status-plan-cancelled");
            }
            Confirm::Delete { kind, id, .. } => {
                let account_id = self.account_of(kind, id)?;
                self.store.delete(kind, id)?;
                if kind == RecordKind::Account {
                    self.finder.remove(id);
                    self.list.rebuild(&self.finder);
                    self.detail = None;
                    self.view = if self.finder.is_empty() {
                        View::Welcome
                    } else {
                        View::List
                    };
                } else {
                    self.refresh_account(account_id)?;
                }
                self.refresh_screens()?;
                self.ok("status-deleted");
            }
        }
        Ok(())
    }

    fn account_of(&self, kind: RecordKind, id: i64) -> Result<i64> {
        if kind == RecordKind::Account {
            return Ok(id);
        }
        let map = form::load(&self.store, kind, id)?;
        Ok(map
            .and_then(|m| m.get("account_id").and_then(|v| v.as_i64()))
            .unwrap_or(0))
    }

    fn ask_delete(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        let title = match form::load(&self.store, kind, id)? {
            Some(map) => crate::store::record_title(kind, map)?,
            None => return Ok(()),
        };
        self.confirm = Some(Confirm::Delete { kind, id, title });
        Ok(())
    }

    fn edit(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        if let Some(map) = form::load(&self.store, kind, id)? {
            self.form = Some(Form::edit(kind, id, map));
        }
        Ok(())
    }

    pub fn open_account(&mut self, id: i64) -> Result<()> {
        let dossier = self.store.dossier(id)?;
        let history = self.store.history(id)?;
        self.detail = Some(DetailState::new(dossier, history));
        self.view = View::Detail;
        Ok(())
    }

    /// After a save: the finder, the list and an open detail screen show the new state.
    fn refresh_account(&mut self, account_id: i64) -> Result<()> {
        self.touched_while_loading(account_id);
        match self.store.account_summary(account_id)? {
            Some(summary) => {
                let contacts = self.store.contact_keys_of(account_id)?;
                self.finder.upsert(summary, contacts);
            }
            None => self.finder.remove(account_id),
        }
        self.list.rebuild(&self.finder);
        if self.view == View::Welcome && !self.finder.is_empty() {
            self.view = View::List;
        }
        if let Some(d) = &mut self.detail {
            if d.account_id() == account_id {
                let (tab, selected, revealed) = (d.tab, d.selected, d.revealed);
                let mut fresh = DetailState::new(
                    self.store.dossier(account_id)?,
                    self.store.history(account_id)?,
                );
                fresh.tab = tab;
                fresh.selected = selected;
                fresh.revealed = revealed;
                fresh.clamp();
                *d = fresh;
            }
        }
        Ok(())
    }

    /// After any change: the grades, the agenda, the report and the dashboard show the new
    /// state.
    fn refresh_screens(&mut self) -> Result<()> {
        self.regrade()?;
        self.refresh_agenda()
    }

    /// The agenda, the report and the dashboard.
    fn refresh_agenda(&mut self) -> Result<()> {
        self.refresh_planner()?;
        self.refresh_report()?;
        self.refresh_reminders()
    }

    fn reload_finder(&mut self) -> Result<()> {
        self.finder = Finder::from_store(&self.store)?;
        self.list.rebuild(&self.finder);
        self.regrade()
    }

    /// "12 of 340 accounts".
    pub fn count_line(&self) -> String {
        t_args(
            self.lang,
            "list-count",
            &[
                ("shown", self.list.rows.len().into()),
                ("total", self.finder.len().into()),
            ],
        )
    }
}
