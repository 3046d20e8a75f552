//! Files in and out from the interface: importing a file (its dry run shown first, then
//! confirmed), exporting the open account, and merging a duplicate into it.

use super::dialogs::{Dialog, ImportCheck, ImportDialog, ImportFile};
use super::overlays::SearchPurpose;
use super::{App, Confirm, Status};
use crate::exchange::headers::Target;
use crate::exchange::import::{import_table, Options, Rejected, Summary};
use crate::i18n::t_args;
use anyhow::{Context, Result};
use std::path::PathBuf;

/// kam's own export (a CSV folder holding accounts.csv, or a workbook of its sections), read.
pub(super) fn own_export(file: &std::path::Path) -> Option<crate::exchange::sections_in::Found> {
    use crate::exchange::sections_in as own;
    if own::is_export_folder(file) {
        return own::found_in_folder(file).ok();
    }
    let xlsx = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = std::fs::read(file).ok().filter(|_| xlsx)?;
    own::is_export_workbook(&bytes)
        .then(|| own::found_in_workbook(&bytes).ok())
        .flatten()
}

impl App {
    /// kam's own export put back as `kam import` does: restored into an empty book, else
    /// updating the book by code. The lines say what it did (or, dry, would do).
    fn run_own_export(&mut self, file: &std::path::Path, dry_run: bool) -> Result<Vec<String>> {
        use crate::exchange::sections_in as own;
        let found = own::found_in_folder(file)
            .ok()
            .filter(|_| own::is_export_folder(file))
            .map_or_else(
                || {
                    let bytes = std::fs::read(file)
                        .with_context(|| format!("cannot read {}", file.display()))?;
                    own::found_in_workbook(&bytes)
                },
                Ok,
            )?;
        if self.store.rehearse(|w| w.is_empty_book())? {
            let listed = found.attachments_listed;
            let n =
                crate::exchange::json::restore(&mut self.store, own::document(found)?, dry_run)?;
            let mut lines = vec![
                format!("{}: {}", self.t("cli-accounts-restored"), n.accounts),
                format!("{}: {}", self.t("cli-records-restored"), n.records),
            ];
            // The sheets list attachments without their files: said, as on the command line.
            if listed > 0 {
                lines.push(t_args(
                    self.lang,
                    "cli-attachments-sheet-not-restored",
                    &[("count", listed.into())],
                ));
            }
            if n.the_managers_left_out > 0 {
                let count = n.the_managers_left_out.into();
                lines.push(crate::i18n::t_args(
                    self.lang,
                    "team-import-left-out",
                    &[("count", count)],
                ));
            }
            return Ok(lines);
        }
        let records = own::sheet_records(&found)?;
        let name = file.display().to_string();
        let done = crate::exchange::update_book::update(
            &mut self.store,
            &records,
            &found.plans,
            &name,
            dry_run,
            self.lang,
        )?;
        Ok(done
            .to_text(self.lang)
            .lines()
            .map(str::to_string)
            .collect())
    }

    /// The dry run of kam's own export, to confirm.
    pub(super) fn check_own_export(
        &mut self,
        ImportFile { file, sheet }: ImportFile,
    ) -> Result<()> {
        let (lines, ok) = match self.run_own_export(&file, true) {
            Ok(lines) => (lines, true),
            Err(e) => (vec![crate::error::sentence_in(self.lang, &e)], false),
        };
        self.ask(Confirm::Import(ImportCheck {
            file,
            sheet,
            lines,
            ok,
            overrides: vec![],
            own_export: true,
        }));
        Ok(())
    }

    pub(super) fn open_import(&mut self) {
        self.dialog = Some(Dialog::Import(ImportDialog::new()));
    }

    /// Imports (or rehearses) a file as `kam import` does: the good rows in, the others set
    /// aside into FILE.rejected.csv beside it (only when really importing).
    fn run_import(
        &mut self,
        file: &std::path::Path,
        sheet: Option<&str>,
        overrides: &[(String, Target)],
        dry_run: bool,
    ) -> Result<Summary> {
        let table = crate::exchange::read_file(file, sheet)?;
        let options = Options {
            overrides: overrides.to_vec(),
            dry_run,
            lang: self.lang,
            file: file.display().to_string(),
            ..Default::default()
        };
        let summary = import_table(&mut self.store, &table, &options, &mut |_, _| {})?;
        if !dry_run && !summary.set_aside.is_empty() {
            let path = crate::exchange::import::rejected::default_path(file);
            crate::exchange::import::rejected::write(&path, &table, &summary.set_aside, self.lang)?;
        }
        Ok(summary)
    }

    /// Takes the last import back (`kam import --undo` in the interface), then shows the list
    /// as the book now is. The key that calls it is the lead's to bind.
    pub fn undo_last_import(&mut self) -> Result<()> {
        let u = self.store.undo_last_import()?;
        self.reload_finder()?;
        self.status = Some(Status {
            text: t_args(
                self.lang,
                "import-undone",
                &[
                    ("file", u.file.into()),
                    ("at", u.at.into()),
                    ("removed", u.records_removed.into()),
                    ("restored", u.fields_restored.into()),
                ],
            ),
            error: false,
        });
        Ok(())
    }

    /// The dry run's lines: the counts, then the rows set aside and why. (Which column
    /// became which field was shown, and changeable, on the mapping screen before.)
    fn summary_lines(&self, s: &Summary) -> Vec<String> {
        let n = |id: &str, args: &[(&str, usize)]| {
            let args: Vec<(&str, crate::i18n::Arg)> =
                args.iter().map(|(k, v)| (*k, (*v).into())).collect();
            t_args(self.lang, id, &args)
        };
        // The fields of accounts already in the book that the import would change.
        let mut lines: Vec<String> = s.changed.iter().map(|c| c.line(self.lang)).collect();
        lines.extend([
            n("import-rows", &[("n", s.rows)]),
            n("import-created", &[("n", s.accounts_created)]),
            n(
                "import-matched",
                &[("n", s.accounts_matched), ("updated", s.accounts_updated)],
            ),
            n(
                "import-contacts",
                &[("n", s.contacts_added), ("updated", s.contacts_updated)],
            ),
        ]);
        lines.extend(s.kept_apart.iter().map(|k| k.text(self.lang)));
        if !s.columns_in_notes.is_empty() {
            lines.push(t_args(
                self.lang,
                "import-notes-columns",
                &[("columns", s.columns_in_notes.join(", ").into())],
            ));
        }
        if !s.set_aside.is_empty() {
            lines.push(n("import-set-aside", &[("n", s.set_aside.len())]));
            lines.extend(s.problem_lines(self.lang));
        }
        lines
    }

    /// The mapping was accepted: rehearse the import with it and show what it would do.
    pub(super) fn check_import(
        &mut self,
        ImportFile { file, sheet }: ImportFile,
        overrides: Vec<(String, Target)>,
    ) -> Result<()> {
        let check = match self.run_import(&file, sheet.as_deref(), &overrides, true) {
            Ok(summary) => ImportCheck {
                lines: self.summary_lines(&summary),
                file,
                sheet,
                ok: true,
                overrides,
                own_export: false,
            },
            Err(e) => {
                let lines = match e.downcast_ref::<Rejected>() {
                    Some(r) => {
                        let mut l = vec![r.heading.clone()];
                        l.extend(r.lines.iter().cloned());
                        l
                    }
                    None => vec![crate::error::sentence_in(self.lang, &e)],
                };
                ImportCheck {
                    file,
                    sheet,
                    lines,
                    ok: false,
                    overrides,
                    own_export: false,
                }
            }
        };
        self.ask(Confirm::Import(check));
        Ok(())
    }

    pub(super) fn confirm_import(&mut self, check: ImportCheck) -> Result<()> {
        if !check.ok {
            return Ok(());
        }
        if check.own_export {
            let lines = self.run_own_export(&check.file, false)?;
            self.close_import_map();
            self.reload_finder()?;
            self.settle_home();
            self.status = Some(Status {
                text: lines.join(" · "),
                error: false,
            });
            return Ok(());
        }
        let s = self.run_import(&check.file, check.sheet.as_deref(), &check.overrides, false)?;
        self.close_import_map();
        self.reload_finder()?;
        self.settle_home();
        self.status = Some(Status {
            text: t_args(
                self.lang,
                "status-imported",
                &[
                    ("created", s.accounts_created.into()),
                    ("updated", s.accounts_updated.into()),
                    ("contacts", s.contacts_added.into()),
                ],
            ),
            error: false,
        });
        Ok(())
    }

    /// `x`: the open account's dossier as Markdown and JSON, beside the database in
    /// `exports/`. Those files are not encrypted: for an encrypted book the user is told so and
    /// asked first, since the promise "encrypted at rest" ends where they begin.
    pub(super) fn export_account(&mut self) -> Result<()> {
        if self.detail().is_none() {
            return Ok(());
        }
        if crate::store::cipher::is_encrypted(self.store.path()) {
            self.ask(Confirm::PlainExport);
            return Ok(());
        }
        self.write_dossier()
    }

    /// The folder beside the database where `x` writes, made or closed to the owner only: the
    /// files are 0600, but the names list which customers were exported. One an older kam made
    /// 0755 is closed too, like `backups/`: it is kam's folder, not one the user chose.
    pub(super) fn exports_dir(&self) -> Result<PathBuf> {
        let dir = self
            .store
            .path()
            .parent()
            .map(|p| p.join("exports"))
            .unwrap_or_else(|| PathBuf::from("exports"));
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("cannot make {} owner-only", dir.display()))?;
        }
        Ok(dir)
    }

    /// Writes the dossier (asked for, and on an encrypted book confirmed).
    pub(super) fn write_dossier(&mut self) -> Result<()> {
        let Some(d) = self.detail() else {
            return Ok(());
        };
        let code = d.dossier.account.code.clone();
        // That account alone (reading the whole book to keep one took 2 GB at 100,000
        // accounts). A file leaves the program: the personal dossier stays in it (as
        // `kam export` does).
        use crate::exchange::json_stream::{document, Personal, Scope};
        let scope = Scope::of(&self.store, Some(&code))?;
        let doc = document(&self.store, &scope, Personal::Left)?;
        let dir = self.exports_dir()?;
        let md = dir.join(format!("{code}.md"));
        let json = dir.join(format!("{code}.json"));
        let text = crate::exchange::tables::to_markdown(&doc, self.lang);
        crate::exchange::write_private(&md, |w| Ok(w.write_all(text.as_bytes())?))?;
        crate::exchange::write_private(&json, |w| Ok(crate::text_safety::write_json(w, &doc)?))?;
        self.status = Some(Status {
            text: t_args(
                self.lang,
                "status-exported",
                &[(
                    "files",
                    format!("{} {}", md.display(), json.display()).into(),
                )],
            ),
            error: false,
        });
        Ok(())
    }

    /// `M` on an account: the finder picks the duplicate to merge into it.
    pub(super) fn start_merge(&mut self) {
        if let Some(d) = self.detail() {
            let keep = d.account_id();
            self.open_search_for(SearchPurpose::MergeInto(keep));
        }
    }

    pub(super) fn ask_merge(&mut self, keep: i64, drop: i64) -> Result<()> {
        if keep == drop {
            self.status = Some(Status {
                text: self.t("merge-same"),
                error: true,
            });
            return Ok(());
        }
        let name = |id| -> Result<String> {
            Ok(self
                .store
                .get::<crate::domain::Account>(id)?
                .map(|a| format!("{} {}", a.code, a.name))
                .unwrap_or_default())
        };
        self.ask(Confirm::Merge {
            keep,
            drop,
            keep_name: name(keep)?,
            drop_name: name(drop)?,
        });
        Ok(())
    }

    pub(super) fn merge(&mut self, keep: i64, drop: i64) -> Result<()> {
        let m = self.store.write(|w| w.merge_accounts(keep, drop))?;
        self.finder.remove(drop);
        self.refresh_account(keep)?;
        self.regrade()?;
        self.status = Some(Status {
            text: t_args(self.lang, "status-merged", &[("n", m.records_moved.into())]),
            error: false,
        });
        Ok(())
    }
}
