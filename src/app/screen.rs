//! What every screen is to the rest of the app, below any one screen: the `App` holds the
//! screen shown and the back stack as `Box<dyn ScreenState>`, so it knows no screen's type and
//! a screen's file (`screens/*.rs`) can build on the `App` without the `App` building on it.
//! Central code (moving, refreshing after a save, the key table's scopes) asks a screen
//! through this trait; a screen's own keys and state stay in its file.

use crate::search::Finder;
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use std::any::Any;
use std::fmt::Debug;

/// Which screen, without its state: what tests ask and the key table is scoped by.
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
    /// Which column of a file to import becomes which field.
    ImportMap,
    /// The brief before a visit.
    Brief,
    /// The week kam proposes.
    WeekPlan,
    /// The product catalogue (商品资料表).
    Catalogue,
    /// Targets and work plans (工作方案表).
    Targets,
    /// Places on a map: a day's route or the list's accounts.
    Map,
    /// An account's attachments (or a person's or visit's).
    Attachments,
    /// The team's custom fields (issue 22).
    CustomFields,
}

/// A screen on the stack (or kept to reopen).
pub type Screen = Box<dyn ScreenState>;

/// A screen's state, as the stack and the central code see it.
pub trait ScreenState: AsAny + Debug {
    fn view(&self) -> View;

    /// Moves the selection (j k, pages, g G).
    fn move_by(&mut self, _delta: isize) {}

    /// After a save of an account (or its records): what the screen shows of it is read
    /// again.
    fn account_changed(
        &mut self,
        _store: &Store,
        _finder: &Finder,
        _account_id: i64,
    ) -> Result<()> {
        Ok(())
    }

    /// After any change: an agenda, a report or a dashboard shown reads the book again.
    fn refresh(&mut self, _store: &Store, _today: NaiveDate) -> Result<()> {
        Ok(())
    }
}

/// The cast from a screen to its own type, written once for every screen.
pub trait AsAny: Any {
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: Any> AsAny for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl dyn ScreenState {
    /// This screen as its own type, when it is one.
    pub fn get<S: ScreenState>(&self) -> Option<&S> {
        self.as_any().downcast_ref()
    }

    pub fn get_mut<S: ScreenState>(&mut self) -> Option<&mut S> {
        self.as_any_mut().downcast_mut()
    }

    /// The bottom of the stack: the list, or the welcome of an empty book.
    pub fn is_home(&self) -> bool {
        matches!(self.view(), View::Welcome | View::List)
    }
}

/// The welcome of an empty book: no state of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Welcome;

impl ScreenState for Welcome {
    fn view(&self) -> View {
        View::Welcome
    }
}

/// One step of a selection over `len` rows, clamped to them.
pub(crate) fn step(cur: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    (cur as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}
