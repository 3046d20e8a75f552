//! Start-up without waiting for the finder: the first frame is drawn at once and the
//! finder (every account's summary and search keys: seconds at 100,000 accounts) is built by
//! a background job, over its own read connection to the same file.

use super::jobs::{take_done, Job};
use super::screens::reminders::RemindersState;
use super::App;
use crate::i18n::Lang;
use crate::search::Finder;
use crate::store::Store;
use anyhow::Result;

impl App {
    /// Like [`App::new`], but returns before the finder is built; the account list is empty
    /// and says so until [`App::take_finished_load`] finds the finder ready.
    pub fn new_deferred(store: Store, lang: Lang) -> Result<App> {
        App::deferred(store, lang, false)
    }

    /// How `kam` starts: as [`App::new_deferred`], with the reminders dashboard gathered by
    /// the same job before the grades and the finder (see [`App::show_reminders_in_background`]
    /// for a small book).
    pub fn start_deferred(store: Store, lang: Lang) -> Result<App> {
        App::deferred(store, lang, true)
    }

    fn deferred(store: Store, lang: Lang, with_reminders: bool) -> Result<App> {
        let path = store.path().to_path_buf();
        if path.as_os_str() == ":memory:" || !store.has_accounts()? {
            let mut app = App::new(store, lang)?;
            if with_reminders {
                app.show_reminders_in_background();
            }
            return Ok(app);
        }
        let today = store.now().date();
        let mut app = App::with_finder(store, lang, Finder::new(vec![], vec![]));
        // One after the other, each one's leftovers given back before the next: what the
        // reminders and grading read (20 and 26 MB at 100,000 accounts) is never held beside
        // the finder, which stays.
        let job = Job::reading("building the finder", path, move |s| {
            let reminders = with_reminders.then(|| RemindersState::gather(s, today));
            super::jobs::give_back_memory();
            let grades = crate::analytics::computed_grades(s, today)?;
            super::jobs::give_back_memory();
            let finder = Finder::from_store_lean(s)?;
            crate::search_keys::pinyin::warm();
            Ok((finder, grades, reminders))
        });
        app.jobs.finder = Some(job);
        // While loading, home is the list, where the dashboard arrives.
        app.settle_home();
        Ok(app)
    }

    pub fn is_loading(&self) -> bool {
        self.jobs.finder.is_some()
    }

    /// Remembers an account saved while the finder is being built.
    pub(super) fn touched_while_loading(&mut self, account_id: i64) {
        if self.is_loading() {
            self.jobs.saved_while_loading.push(account_id);
        }
    }

    /// Puts the finder in place once it is built ([`App::tick`] calls it before each frame).
    pub fn take_finished_load(&mut self) {
        let Some(built) = take_done(&mut self.jobs.finder) else {
            return;
        };
        let touched = std::mem::take(&mut self.jobs.saved_while_loading);
        match built {
            Ok((finder, grades, reminders)) => {
                self.finder = finder;
                self.grades = grades;
                self.rebuild_list();
                // Saves meanwhile may postdate the grades just built: grade again.
                if !touched.is_empty() {
                    if let Err(e) = self.regrade() {
                        self.fail(e);
                    }
                }
                for id in touched {
                    if let Err(e) = self.refresh_account(id) {
                        self.fail(e);
                    }
                }
                self.refresh_search();
                if let Some(found) = reminders {
                    self.take_reminders(found);
                }
            }
            // On a damaged book the start checks' word says more than the loader's.
            Err(e) if self.jobs.damage_said => drop(e),
            Err(e) => self.fail(e),
        }
        // Once the list is sorted and what loading held is given back.
        if std::mem::take(&mut self.jobs.reminders_after_load) {
            super::jobs::give_back_memory();
            self.gather_reminders_in_background();
        }
    }
}

impl App {
    /// Takes in whatever finished in the background (the finder first: the others' results
    /// land on the list it builds) and locks an idle book; true when the screen changed.
    /// The main loop calls it before each frame.
    pub fn tick(&mut self) -> bool {
        let loaded = self.is_loading();
        self.take_finished_load();
        let loaded = loaded && !self.is_loading();
        let locked = self.lock.as_mut().is_some_and(|l| l.check_idle());
        let backup = self.tick_backup();
        let grades = self.tick_grades();
        let synced = self.tick_sync();
        self.tick_reminders() || backup || locked || grades || loaded || synced
    }

    /// Whether background work is under way (the loop then polls instead of waiting).
    pub fn is_busy(&self) -> bool {
        self.jobs.any()
    }
}
