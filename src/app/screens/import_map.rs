//! Which column of a file becomes which field, shown before anything is imported and
//! changeable: kam's guess for each column (its header synonyms), the first values, and the
//! columns it has no place for (kept in the notes). The rep moves to a column and picks its
//! field from the list with ← →, ignores it with x, puts kam's guess back with u; Enter (or
//! y) goes on to the dry run with that mapping, whose yes imports. Esc leaves, importing
//! nothing.

use crate::app::dialogs::{ImportCheck, ImportFile};
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App, Confirm};
use crate::domain::{Account, Contact, Record};
use crate::exchange::headers::{resolve, Target};
use anyhow::Result;

/// One column of the file: its header, what kam made of it, what it will be, its first
/// values.
#[derive(Debug, Clone, PartialEq)]
pub struct MapColumn {
    pub header: String,
    pub guessed: Target,
    pub target: Target,
    pub first_values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportMapState {
    pub file: ImportFile,
    pub columns: Vec<MapColumn>,
    pub selected: usize,
    /// The header row, when a title row sits above it (the sheet's own row number).
    pub header_row: usize,
}

/// Every field a column can be, in the order the list offers them: kept in the notes,
/// skipped, the account's fields, the ways a sheet names a company or a person, the
/// contact's fields.
pub fn choices() -> Vec<Target> {
    let mut out = vec![Target::Unknown, Target::RowNumber];
    out.extend(
        Account::fields()
            .iter()
            .filter(|f| f.key != "id")
            .map(|f| Target::Account(f.key)),
    );
    out.extend([
        Target::Address,
        Target::StreetMore,
        Target::Name,
        Target::PersonCompany,
        Target::IsCompany,
        Target::FirstName,
        Target::LastName,
    ]);
    out.extend(
        Contact::fields()
            .iter()
            .filter(|f| !matches!(f.key, "id" | "account_id" | "dossier"))
            .map(|f| Target::Contact(f.key)),
    );
    out.extend([Target::Phone, Target::Email]);
    out
}

/// How a column's field is drawn: a field, kept in the notes (shown as a warning), skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    Field,
    Notes,
    Skipped,
}

impl MapColumn {
    pub fn placed(&self) -> Placed {
        match self.target {
            Target::Unknown => Placed::Notes,
            Target::RowNumber => Placed::Skipped,
            _ => Placed::Field,
        }
    }

    pub fn changed(&self) -> bool {
        self.target != self.guessed
    }
}

impl ImportMapState {
    /// The field a column becomes, as a person reads it ("contact: mobile", "联系人：手机").
    pub fn field_text(&self, column: &MapColumn, lang: crate::i18n::Lang) -> String {
        if column.target == Target::Unknown {
            return crate::i18n::t(lang, "map-unplaced");
        }
        let headers: Vec<String> = self.columns.iter().map(|c| c.header.clone()).collect();
        crate::exchange::import::report::target_text(lang, column.target, &headers)
    }

    /// The headers of the columns kept in the notes, no field chosen for them.
    pub fn in_notes(&self) -> Vec<&str> {
        self.columns
            .iter()
            .filter(|c| c.placed() == Placed::Notes)
            .map(|c| c.header.as_str())
            .collect()
    }

    /// The columns whose field the rep changed: the overrides the import runs with.
    pub fn overrides(&self) -> Vec<(String, Target)> {
        self.columns
            .iter()
            .filter(|c| c.target != c.guessed)
            .map(|c| (c.header.clone(), c.target))
            .collect()
    }

    /// The next (or previous) field of the list for the selected column.
    fn cycle(&mut self, forward: bool) {
        let list = choices();
        let Some(c) = self.columns.get_mut(self.selected) else {
            return;
        };
        let n = list.len();
        let next = match list.iter().position(|t| *t == c.target) {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => 0,
            None => n - 1,
        };
        c.target = list[next];
    }

    fn set(&mut self, target: Option<Target>) {
        if let Some(c) = self.columns.get_mut(self.selected) {
            c.target = target.unwrap_or(c.guessed);
        }
    }
}

impl App {
    /// The mapping screen, when shown.
    pub fn import_map(&self) -> Option<&ImportMapState> {
        self.shown::<ImportMapState>()
    }

    /// The file of the import dialog read: its columns shown with kam's guess for each.
    pub(in crate::app) fn open_import_map(&mut self, file: ImportFile) -> Result<()> {
        // kam's own export has kam's own columns: straight to its dry run, every section.
        if file.sheet.is_none() && crate::app::exchange::own_export(&file.file).is_some() {
            return self.check_own_export(file);
        }
        let table = match crate::exchange::read_file(&file.file, file.sheet.as_deref()) {
            Ok(t) => t,
            Err(e) => {
                self.ask(Confirm::Import(ImportCheck {
                    file: file.file,
                    sheet: file.sheet,
                    lines: vec![crate::error::sentence(&e)],
                    ok: false,
                    overrides: vec![],
                    own_export: false,
                }));
                return Ok(());
            }
        };
        let targets = resolve(&table.headers, &[]);
        let columns = table
            .headers
            .iter()
            .zip(targets)
            .enumerate()
            .filter(|(_, (h, _))| !h.trim().is_empty())
            .map(|(i, (h, t))| MapColumn {
                header: h.clone(),
                guessed: t,
                target: t,
                first_values: table
                    .rows
                    .iter()
                    .filter_map(|(_, c)| c.get(i).map(|v| v.trim()).filter(|v| !v.is_empty()))
                    .take(3)
                    .map(str::to_string)
                    .collect(),
            })
            .collect();
        self.show(Box::new(ImportMapState {
            file,
            columns,
            selected: 0,
            header_row: table.header_row,
        }));
        Ok(())
    }

    pub(in crate::app) fn on_import_map(&mut self, action: Action) -> Result<()> {
        let Some(m) = self.shown_mut::<ImportMapState>() else {
            return Ok(());
        };
        match action {
            Action::CycleChoice(forward) => m.cycle(forward),
            Action::Delete => m.set(Some(Target::RowNumber)),
            Action::Undo => m.set(None),
            Action::Open | Action::Yes | Action::Save => {
                let (file, overrides) = (m.file.clone(), m.overrides());
                self.check_import(file, overrides)?;
            }
            Action::Back => {
                self.go_back();
                self.kept.retain(|s| s.view() != View::ImportMap);
            }
            _ => {}
        }
        Ok(())
    }

    /// The mapping is done with (imported, or the file refused): the screen goes.
    pub(in crate::app) fn close_import_map(&mut self) {
        if self.view() == View::ImportMap {
            self.go_back();
        }
        self.kept.retain(|s| s.view() != View::ImportMap);
    }
}

impl ScreenState for ImportMapState {
    fn view(&self) -> View {
        View::ImportMap
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.columns.len(), delta);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_a_column_can_be_is_in_the_list_once() {
        let list = choices();
        for (i, t) in list.iter().enumerate() {
            assert!(!list[i + 1..].contains(t), "{t:?} twice");
        }
        assert!(list.contains(&Target::Account("name")));
        assert!(list.contains(&Target::Contact("mobile")));
        assert!(!list.contains(&Target::Contact("dossier")));
    }
}
