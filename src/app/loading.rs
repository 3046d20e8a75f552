//! Start-up without waiting for the finder: the first frame is drawn at once and the
//! finder (every account's summary and search keys: seconds at 100,000 accounts) is built on
//! another thread, over its own read connection to the same file.

use super::App;
use crate::domain::Grade;
use crate::i18n::Lang;
use crate::search::Finder;
use crate::store::{Access, Store};
use anyhow::Result;
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// The finder being built, and the accounts saved meanwhile (the new finder may have read
/// them before the save; they are refreshed once it arrives).
pub struct Loading {
    /// The finder and the computed grades of the list, built together off the screen.
    finder: Receiver<Result<(Finder, HashMap<i64, Grade>)>>,
    touched: Vec<i64>,
}

impl App {
    /// Like [`App::new`], but returns before the finder is built; the account list is empty
    /// and says so until [`App::take_finished_load`] finds the finder ready.
    pub fn new_deferred(store: Store, lang: Lang) -> Result<App> {
        let path = store.path().to_path_buf();
        if path.as_os_str() == ":memory:" || !store.has_accounts()? {
            return App::new(store, lang);
        }
        let (tx, rx) = mpsc::channel();
        let today = store.now().date();
        std::thread::Builder::new()
            .name("finder".into())
            .spawn(move || {
                let built = Store::open(&path, Access::Read).and_then(|s| {
                    let finder = Finder::from_store(&s)?;
                    crate::search_keys::pinyin::warm();
                    let grades = super::analytics::computed_grades(&s, today)?;
                    Ok((finder, grades))
                });
                // The app may have quit meanwhile; then nobody waits for it.
                let _ = tx.send(built);
            })?;
        let mut app = App::with_finder(store, lang, Finder::new(vec![], vec![]));
        app.loading = Some(Loading {
            finder: rx,
            touched: vec![],
        });
        Ok(app)
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Remembers an account saved while the finder is being built.
    pub(super) fn touched_while_loading(&mut self, account_id: i64) {
        if let Some(l) = &mut self.loading {
            l.touched.push(account_id);
        }
    }

    /// Puts the finder in place once it is built (call before drawing).
    pub fn take_finished_load(&mut self) {
        let Some(l) = &self.loading else { return };
        let built = match l.finder.try_recv() {
            Err(TryRecvError::Empty) => return,
            Ok(built) => built,
            Err(TryRecvError::Disconnected) => Err(anyhow::anyhow!("building the finder stopped")),
        };
        let touched = self.loading.take().map(|l| l.touched).unwrap_or_default();
        match built {
            Ok((finder, grades)) => {
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
            }
            Err(e) => self.fail(e),
        }
    }
}
