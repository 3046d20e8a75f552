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
}

fn text<'a>(v: &Option<&'a str>) -> &'a str {
    v.unwrap_or("")
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

    fn keeps(&self, a: &SummaryRef<'_>) -> bool {
        self.active_filters()
            .into_iter()
            .all(|(key, want)| match key {
                "category" => a.category.map(|c| c.code()) == Some(want),
                "grade" => a.grade.map(|c| c.code()) == Some(want),
                "status" => a.status.map(|c| c.code()) == Some(want),
                "industry" => a.industry.map(|c| c.code()) == Some(want),
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
        // Each account's summary is read from its record once, not once per comparison.
        let mut rows: Vec<(SummaryRef<'_>, Option<&str>, usize)> = (0..finder.len())
            .map(|i| {
                let a = finder.summary(i);
                (a, finder.next_visit(a.id), i)
            })
            .filter(|(a, _, _)| self.keeps(a))
            .collect();
        let key = self.sort;
        rows.sort_by(|(a, an, _), (b, bn, _)| {
            let ord = match key {
                SortKey::Code => a.code.cmp(b.code),
                SortKey::Name => a.name.cmp(b.name),
                SortKey::Category => a.category.cmp(&b.category),
                SortKey::Grade => a.grade.cmp(&b.grade),
                SortKey::City => {
                    (text(&a.province), text(&a.city)).cmp(&(text(&b.province), text(&b.city)))
                }
                SortKey::LastVisit => a.last_visit.cmp(&b.last_visit),
                SortKey::NextVisit => an.cmp(bn),
            };
            ord.then_with(|| a.code.cmp(b.code))
        });
        if self.descending {
            rows.reverse();
        }
        self.selected = selected_id
            .and_then(|id| rows.iter().position(|(a, _, _)| a.id == id))
            .unwrap_or(0)
            .min(rows.len().saturating_sub(1));
        self.rows = rows.into_iter().map(|(_, _, i)| i).collect();
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

    fn account_changed(&mut self, _: &Store, finder: &Finder, _: i64) -> Result<()> {
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
        self.change_list(|l| l.filters = filters);
        Ok(())
    }
}
