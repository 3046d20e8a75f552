//! The account list: which accounts show, in which order.

use crate::app::form::Form;
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::domain::*;
use crate::i18n::t_args;
use crate::search::Finder;
use crate::search_keys::SummaryRef;
use crate::store::Store;
use anyhow::Result;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Code,
    Name,
    Category,
    Grade,
    City,
    LastVisit,
    NextVisit,
}

impl SortKey {
    const ALL: [SortKey; 7] = [
        SortKey::Code,
        SortKey::Name,
        SortKey::Category,
        SortKey::Grade,
        SortKey::City,
        SortKey::LastVisit,
        SortKey::NextVisit,
    ];

    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }

    /// The column it sorts, as a field key for its label.
    pub fn field(self) -> &'static str {
        match self {
            SortKey::Code => "code",
            SortKey::Name => "name",
            SortKey::Category => "category",
            SortKey::Grade => "grade",
            SortKey::City => "city",
            SortKey::LastVisit => "last_visit",
            SortKey::NextVisit => "next_visit",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListState {
    /// Indices into the finder's accounts, filtered and sorted.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub sort: SortKey,
    pub descending: bool,
    /// Field key → code or text, as the filter form holds them.
    pub filters: Map<String, Value>,
    /// With a tag among the filters: the accounts that hold it (themselves or through a
    /// person), read from the store when the filter is set and whenever an account changes.
    pub tagged: std::collections::HashSet<i64>,
}

/// The accounts holding the tag `filters` ask for (none asked: none kept).
fn tagged_by(
    store: &Store,
    filters: &Map<String, Value>,
) -> Result<std::collections::HashSet<i64>> {
    Ok(match filters.get("tag").and_then(Value::as_str) {
        Some(tag) if !tag.trim().trim_start_matches('#').is_empty() => {
            store.accounts_tagged(tag.trim().trim_start_matches('#'))?
        }
        _ => Default::default(),
    })
}

fn text<'a>(v: &Option<&'a str>) -> &'a str {
    v.unwrap_or("")
}

/// What one account is sorted by (every account of one sort has the same variant).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Sorted<'a> {
    Text(Option<&'a str>),
    Place(&'a str, &'a str),
    Category(Option<Category>),
    Grade(Option<Grade>),
}

impl<'a> Sorted<'a> {
    fn of(key: SortKey, a: &SummaryRef<'a>, next_visit: Option<&'a str>) -> Sorted<'a> {
        match key {
            SortKey::Code => Sorted::Text(Some(a.code)),
            SortKey::Name => Sorted::Text(Some(a.name)),
            SortKey::Category => Sorted::Category(a.category),
            SortKey::Grade => Sorted::Grade(a.grade),
            SortKey::City => Sorted::Place(text(&a.province), text(&a.city)),
            SortKey::LastVisit => Sorted::Text(a.last_visit),
            SortKey::NextVisit => Sorted::Text(next_visit),
        }
    }
}

impl ListState {
    pub fn active_filters(&self) -> Vec<(&str, &str)> {
        self.filters
            .iter()
            .filter_map(|(k, v)| {
                v.as_str()
                    .filter(|s| !s.is_empty())
                    .map(|s| (k.as_str(), s))
            })
            .collect()
    }

    fn read_tagged(&mut self, store: &Store) -> Result<()> {
        self.tagged = tagged_by(store, &self.filters)?;
        Ok(())
    }

    fn keeps(&self, a: &SummaryRef<'_>) -> bool {
        self.active_filters()
            .into_iter()
            .all(|(key, want)| match key {
                "category" => a.category.map(|c| c.code()) == Some(want),
                "grade" => a.grade.map(|c| c.code()) == Some(want),
                "status" => a.status.map(|c| c.code()) == Some(want),
                "industry" => a.industry.map(|c| c.code()) == Some(want),
                "tag" => self.tagged.contains(&a.id),
                "city" => {
                    let w = want.to_lowercase();
                    text(&a.city).to_lowercase().contains(&w)
                        || text(&a.province).to_lowercase().contains(&w)
                }
                _ => true,
            })
    }

    /// Recomputes the rows from all accounts, keeping the selected account selected.
    pub fn rebuild(&mut self, finder: &Finder) {
        let selected_id = self
            .rows
            .get(self.selected)
            .filter(|i| **i < finder.len())
            .map(|i| finder.summary(*i).id);
        // Each account's summary is read from its record once, not once per comparison, and
        // only its sort value is kept: a whole summary per account held 26 MB at 100,000.
        let key = self.sort;
        let mut rows: Vec<(Sorted<'_>, &str, usize)> = Vec::with_capacity(finder.len());
        rows.extend((0..finder.len()).filter_map(|i| {
            let a = finder.summary(i);
            self.keeps(&a)
                .then(|| (Sorted::of(key, &a, finder.next_visit(a.id)), a.code, i))
        }));
        // Ties in load order, as a stable sort keeps them (without its buffer).
        rows.sort_unstable_by(|(a, ac, ai), (b, bc, bi)| {
            a.cmp(b).then_with(|| ac.cmp(bc)).then_with(|| ai.cmp(bi))
        });
        if self.descending {
            rows.reverse();
        }
        self.selected = selected_id
            .and_then(|id| {
                rows.iter()
                    .position(|(_, _, i)| finder.summary(*i).id == id)
            })
            .unwrap_or(0)
            .min(rows.len().saturating_sub(1));
        // A new vector of its own size: collected from `rows` in place, it kept the sort's
        // whole buffer (8 bytes an account kept 64, once 250) for as long as the list lived.
        self.rows = Vec::with_capacity(rows.len());
        self.rows.extend(rows.iter().map(|(_, _, i)| *i));
    }
}

impl App {
    pub(in crate::app) fn selected_account(&self) -> Option<i64> {
        let list = self.list()?;
        list.rows
            .get(list.selected)
            .filter(|i| **i < self.finder.len())
            .map(|i| self.finder.summary(*i).id)
    }

    pub(in crate::app) fn on_list(&mut self, action: Action) -> Result<()> {
        use Action::*;
        match action {
            Open => {
                if let Some(id) = self.selected_account() {
                    self.open_account(id)?;
                }
            }
            New => self.form = Some(Form::new_record(RecordKind::Account, 0, self.today)),
            OpenMap => self.open_accounts_map()?,
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
            NextSort => self.change_list(|l| l.sort = l.sort.next()),
            ReverseSort => self.change_list(|l| l.descending = !l.descending),
            EditFilters => {
                let filters = self.list().map(|l| l.filters.clone()).unwrap_or_default();
                let filters = crate::app::dialogs::FilterDialog::new(filters);
                self.dialog = Some(crate::app::dialogs::Dialog::Filter(filters))
            }
            ClearFilters if self.list().is_some_and(|l| !l.filters.is_empty()) => {
                self.change_list(|l| l.filters.clear());
                self.ok("status-filters-cleared");
            }
            OpenTrash => self.open_trash()?,
            Import => self.open_import(),
            UndoImport => self.ask(crate::app::Confirm::UndoImport),
            _ => {}
        }
        Ok(())
    }

    /// The list's sort or filters changed: its rows follow.
    pub(in crate::app) fn change_list(&mut self, change: impl FnOnce(&mut ListState)) {
        if let Some(l) = self.list_mut() {
            change(l);
        }
        self.rebuild_list();
    }

    /// "12 of 340 accounts".
    pub fn count_line(&self) -> String {
        t_args(
            self.lang,
            "list-count",
            &[
                ("shown", self.list().map_or(0, |l| l.rows.len()).into()),
                ("total", self.finder.len().into()),
            ],
        )
    }
}

/// Where the screen is kept (shown, below, or closed).
impl App {
    /// The account list, below everything.
    pub fn list(&self) -> Option<&ListState> {
        self.find::<ListState>()
    }

    pub(in crate::app) fn list_mut(&mut self) -> Option<&mut ListState> {
        self.find_mut::<ListState>()
    }
}

impl ScreenState for ListState {
    fn view(&self) -> View {
        View::List
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.rows.len(), delta);
    }

    fn account_changed(&mut self, store: &Store, finder: &Finder, _: i64) -> Result<()> {
        self.read_tagged(store)?;
        self.rebuild(finder);
        Ok(())
    }
}

impl App {
    /// Shows the list with the filters chosen.
    pub(in crate::app) fn apply_filters(
        &mut self,
        filters: crate::app::dialogs::Filters,
    ) -> anyhow::Result<()> {
        let tagged = tagged_by(&self.store, &filters)?;
        self.change_list(|l| {
            l.filters = filters;
            l.tagged = tagged;
        });
        Ok(())
    }
}
