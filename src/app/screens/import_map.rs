//! Which column of a file becomes which field, shown before anything is imported and
//! changeable: kam's guess for each column (its header synonyms), the first values, and the
//! columns it has no place for (kept in the notes). The rep moves to a column and picks its
//! field from the list with ← →, or with e opens the list and types part of a field's name
//! in Chinese or English; x ignores the column, u puts kam's guess back; Enter (or y) goes
//! on to the dry run with that mapping, whose yes imports. Esc leaves, importing nothing.

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
    /// The field list open for the selected column, filtered by what was typed.
    pub picker: Option<Picker>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Picker {
    pub query: String,
    pub selected: usize,
}

/// Whether a field's label in either language, or its key, holds what was typed.
fn holds(target: Target, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    let key = match target {
        Target::Account(k) | Target::Contact(k) => k,
        _ => "",
    };
    key.contains(&q)
        || crate::i18n::Lang::ALL.iter().any(|l| {
            crate::exchange::import::report::target_text(*l, target, &[])
                .to_lowercase()
                .contains(&q)
        })
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

    /// The fields the open list shows: every one whose label holds what was typed.
    pub fn picked(&self) -> Vec<Target> {
        let query = self.picker.as_ref().map_or("", |p| p.query.as_str());
        choices().into_iter().filter(|t| holds(*t, query)).collect()
    }

    /// A field as the list shows it.
    pub fn target_label(&self, target: Target, lang: crate::i18n::Lang) -> String {
        let column = MapColumn {
            header: String::new(),
            guessed: target,
            target,
            first_values: vec![],
        };
        self.field_text(&column, lang)
    }

    /// A key while the list is open: typing filters it, Enter picks, Esc closes it.
    fn on_picker(&mut self, action: &Action) {
        let picked = self.picked();
        let Some(p) = self.picker.as_mut() else {
            return;
        };
        match action {
            Action::Type(c) => {
                p.query.push(*c);
                p.selected = 0;
            }
            Action::Paste(text) => {
                p.query.push_str(text.trim());
                p.selected = 0;
            }
            Action::Backspace => {
                p.query.pop();
                p.selected = 0;
            }
            Action::Open => {
                if let Some(t) = picked.get(p.selected) {
                    let t = *t;
                    self.set(Some(t));
                }
                self.picker = None;
            }
            Action::Back => self.picker = None,
            _ => {}
        }
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
        let Some(c) = self.columns.get(self.selected) else {
            return;
        };
        let n = list.len();
        let next = match list.iter().position(|t| *t == c.target) {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => 0,
            None => n - 1,
        };
        self.set(Some(list[next]));
    }

    /// The selected column's field (`None`: kam's guess again). A mapping names a column
    /// by its header, so a header the file has twice gets the field in both columns, and
    /// the screen shows what the import will do.
    fn set(&mut self, target: Option<Target>) {
        let Some(header) = self
            .columns
            .get(self.selected)
            .map(|c| c.header.trim().to_string())
        else {
            return;
        };
        for c in self
            .columns
            .iter_mut()
            .filter(|c| c.header.trim() == header)
        {
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
                    lines: vec![crate::error::sentence_in(self.lang, &e)],
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
                    // Enough to see what the column holds (a cell can be megabytes).
                    .map(|v| v.chars().take(200).collect())
                    .collect(),
            })
            .collect();
        self.show(Box::new(ImportMapState {
            file,
            columns,
            selected: 0,
            header_row: table.header_row,
            picker: None,
        }));
        Ok(())
    }

    pub(in crate::app) fn on_import_map(&mut self, action: Action) -> Result<()> {
        let Some(m) = self.shown_mut::<ImportMapState>() else {
            return Ok(());
        };
        if m.picker.is_some() {
            m.on_picker(&action);
            return Ok(());
        }
        match action {
            Action::Edit => m.picker = Some(Picker::default()),
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

    /// Whether the field list of the mapping screen is open (it takes typed letters).
    pub fn picking(&self) -> bool {
        self.import_map().is_some_and(|m| m.picker.is_some())
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
        let picked = self.picked().len();
        match self.picker.as_mut() {
            Some(p) => p.selected = step(p.selected, picked, delta),
            None => self.selected = step(self.selected, self.columns.len(), delta),
        }
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

    #[test]
    fn a_header_the_file_has_twice_gets_its_field_in_both_columns() {
        let column = |h: &str| MapColumn {
            header: h.into(),
            guessed: Target::Contact("mobile"),
            target: Target::Contact("mobile"),
            first_values: vec![],
        };
        let mut m = ImportMapState {
            file: ImportFile {
                file: "x.csv".into(),
                sheet: None,
            },
            columns: vec![column("手机"), column("邮箱"), column("手机")],
            selected: 2,
            header_row: 1,
            picker: None,
        };
        m.set(Some(Target::RowNumber));
        assert_eq!(m.columns[0].target, Target::RowNumber);
        assert_eq!(m.columns[1].target, Target::Contact("mobile"));
        assert_eq!(m.overrides().len(), 2);
    }

    #[test]
    fn a_field_is_found_by_its_label_in_either_language_or_its_key() {
        assert!(holds(Target::Contact("mobile"), "手机"));
        assert!(holds(Target::Contact("mobile"), "Mobile"));
        assert!(holds(Target::Account("registration_no"), "信用代码"));
        assert!(holds(Target::Account("registration_no"), "registration_no"));
        assert!(!holds(Target::Contact("mobile"), "信用代码"));
    }
}
