//! State and meaning: the `App` holds what is on screen, `update` applies one `Action`
//! through the store. Drawing (`ui`) reads the `App` and never changes it.
//!
//! Where things are (docs/design.md has the whole picture): below the `App`, the types it
//! holds, which know nothing of it: `screen` (what every screen is), `overlays` (what opens
//! over a screen), `dialogs`, `form`/`fields`, `jobs`, `lock`. Above it, files of
//! `impl App` that nothing below imports: one file per screen in `screens/` (its state and
//! how it answers actions) with the back stack in `screens/mod.rs`, `keymap` (every key in
//! one table), and what saving, visits, history and files in and out do. A new screen is a
//! file in `screens/`, one in `ui/screens/`, a `View` variant, a dispatch arm in each
//! `screens/mod.rs`, and its rows in `keymap`.

pub mod action;
pub mod backup;
mod catalogue;
mod custom_form;
pub mod dialogs;
pub mod dossier_change;
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
mod loading;
pub mod lock;
pub mod money;
pub mod overlays;
mod profile;
pub mod reminders;
mod report_rep;
pub mod screen;
pub mod screens;
pub mod shown;
mod team_state;
pub mod team_sync;
pub mod visit;

pub use action::Action;
use dialogs::Dialog;
use fields::FieldEditor;
use form::Form;
pub use overlays::{Confirm, NoteSearchState, Overlay, SearchPurpose, SearchState};
pub use screen::{Screen, View};
// The screens' modules by their names (`app::detail::Tab`).
pub use screens::{analytics, detail, list, planner, report};

use crate::domain::*;
use crate::i18n::{t, Lang};
use crate::search::Finder;
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;

/// Which layer takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Search,
    Form,
    Help,
    Confirm,
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
    /// The screen shown, with its state.
    pub screen: Screen,
    /// The screens below it, the list at the bottom; Esc returns to the top one.
    back: Vec<Screen>,
    /// Screens closed, kept to reopen where they were (the analytics period, a selection).
    kept: Vec<Screen>,
    pub lock: Option<lock::IdleLock>,
    /// Whether a key was pressed yet: a dashboard ready later does not take over the screen.
    touched: bool,
    /// The computed grade of each account (this calendar year), shown beside a manual one.
    pub grades: std::collections::HashMap<i64, Grade>,
    /// A record being added or edited.
    pub form: Option<Form>,
    /// A choice or a setting being asked for (a date, the filters, weights …).
    pub dialog: Option<Dialog>,
    /// The finder, the notes search, the help or a question, over the screen and any form.
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// Text asked to be copied to the system clipboard, taken by the terminal loop.
    clipboard: Option<String>,
    /// A file to hand to the system's viewer (the program, the file), taken by the terminal
    /// loop: an attachment opened (screens/attachments.rs).
    to_open: Option<(String, std::path::PathBuf)>,
    pub quit: bool,
    /// Work under way in the background: the finder, grades, reminders, the start checks.
    jobs: jobs::Jobs,
    /// From how many accounts on grades are computed in the background (see grades.rs).
    pub regrade_in_background_from: usize,
    /// The book's team, when it is in one (see team_sync.rs).
    team: Option<team_state::TeamSync>,
    /// The rep whose reports the report screens show, chosen by a manager (report_rep.rs).
    reports_rep: Option<String>,
}

const PAGE: usize = 10;

/// From this many accounts on, grading runs in the background (at 100,000 it takes ~0.3 s).
pub const GRADE_IN_BACKGROUND_FROM: usize = 5_000;

impl App {
    pub fn new(store: Store, lang: Lang) -> Result<App> {
        let finder = Finder::from_store_lean(&store)?;
        let mut app = App::with_finder(store, lang, finder);
        app.grades = crate::analytics::computed_grades(&app.store, app.today)?;
        app.rebuild_list();
        app.settle_home();
        Ok(app)
    }

    fn with_finder(store: Store, lang: Lang, finder: Finder) -> App {
        let today = store.now().date();
        let mut app = App {
            store,
            finder,
            lang,
            today,
            screen: Box::new(screen::Welcome),
            back: vec![],
            kept: vec![],
            lock: None,
            touched: false,
            grades: std::collections::HashMap::new(),
            form: None,
            dialog: None,
            overlay: None,
            status: None,
            clipboard: None,
            to_open: None,
            quit: false,
            jobs: jobs::Jobs::default(),
            regrade_in_background_from: GRADE_IN_BACKGROUND_FROM,
            team: None,
            reports_rep: None,
        };
        app.find_team();
        app.rebuild_list();
        app
    }

    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Search(_) | Overlay::Notes(_)) => Mode::Search,
            None if self.editing().is_some() => Mode::Form,
            None => Mode::Browse,
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

    /// Locks after `minutes` without a key (see lock.rs).
    pub fn lock_after(&mut self, minutes: Option<u64>) {
        self.lock = lock::IdleLock::after_minutes(minutes);
    }

    pub fn is_locked(&self) -> bool {
        self.lock.as_ref().is_some_and(|l| l.is_locked())
    }

    /// How long the loop may wait before the lock is due (None: no lock to watch).
    pub fn lock_due_in(&self) -> Option<std::time::Duration> {
        self.lock.as_ref()?.due_in()
    }

    /// What to copy to the clipboard, once (the terminal loop sends it after a frame).
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// The viewer and the file it should open, once (the terminal loop starts it).
    pub fn take_to_open(&mut self) -> Option<(String, std::path::PathBuf)> {
        self.to_open.take()
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
            text: crate::error::sentence_in(self.lang, &e),
            error: true,
        });
    }

    /// Applies one action. Errors become the status line; nothing here panics on user input.
    pub fn update(&mut self, action: Action) {
        if let Some(lock) = self.lock.as_mut() {
            if lock.is_locked() {
                self.quit |= lock.key(action) == lock::Unlocking::Quit;
                return;
            }
            lock.touch();
        }
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
                self.on_help(action);
                Ok(())
            }
            Mode::Search if self.notes().is_some() => self.on_note_search(action),
            Mode::Search => self.on_search(action),
            Mode::Form => self.on_form(action),
            Mode::Browse => self.on_browse(action),
        };
        if let Err(e) = result {
            self.fail(e);
        }
        if let Err(e) = self.attach_custom_fields() {
            self.fail(e);
        }
    }

    fn on_browse(&mut self, action: Action) -> Result<()> {
        use Action::*;
        match action {
            Quit => self.quit = true,
            Help => self.overlay = Some(Overlay::Help(0)),
            OpenSearch => self.open_search_for(SearchPurpose::OpenAccount),
            OpenNoteSearch => self.open_note_search(),
            SyncTeam => self.sync_now(),
            Up => self.move_by(-1),
            Down => self.move_by(1),
            PageUp => self.move_by(-(PAGE as isize)),
            PageDown => self.move_by(PAGE as isize),
            RecordVisit => self.record_visit()?,
            OpenPlanner => self.open_planner()?,
            OpenReport => self.open_report()?,
            OpenReminders => self.open_reminders()?,
            OpenAnalytics => self.open_analytics()?,
            OpenCatalogue => self.open_catalogue()?,
            OpenTargets => self.open_targets()?,
            OpenCustomFields => self.open_custom_fields()?,
            EditProfile => self.open_profile()?,
            Top => self.move_by(isize::MIN / 2),
            Bottom => self.move_by(isize::MAX / 2),
            _ => self.on_screen(action)?,
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
        self.ask(Confirm::Delete { kind, id, title });
        Ok(())
    }

    fn edit(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        if let Some(map) = form::load(&self.store, kind, id)? {
            let mut form = Form::edit(kind, id, map);
            form.today = self.today;
            self.offer_catalogue(&mut form)?;
            self.form = Some(form);
        }
        Ok(())
    }

    /// After any change: the grades, the agenda, the report and the dashboard show the new
    /// state.
    fn refresh_screens(&mut self) -> Result<()> {
        self.regrade()?;
        self.refresh_agenda()
    }

    fn reload_finder(&mut self) -> Result<()> {
        self.finder = Finder::from_store_lean(&self.store)?;
        self.rebuild_list();
        self.regrade()
    }
}
