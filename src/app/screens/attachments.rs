//! An account's attachments on a screen of their own (issue 22): `F` on the account's detail
//! (on the Contacts tab with a person selected: that person's; on the Visits tab with a
//! visit selected: that visit's). Each is listed by name, size, kind, date and what it
//! belongs to; `n` attaches a file by its path, Enter opens it with the system's viewer,
//! `w` saves it out, `d` moves it to the trash (restored there, or by `u` on the account).

use crate::app::dialogs::{Dialog, PathDialog, PathPurpose};
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App, Status};
use crate::domain::attachment::{self, Attachment};
use crate::i18n::{t_args, Said};
use crate::search::Finder;
use crate::store::{AttachTo, Store};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Whose attachments the screen shows, and where a new one goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Account,
    /// A person of the account (a business card), by id, with their name.
    Contact(i64, String),
    /// A visit of the account (a quotation left there), by id, with its date.
    Visit(i64, String),
}

/// One attachment as the screen lists it: the listing and what it belongs to, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub attachment: Attachment,
    /// The person's name or the visit's date; empty for the account's own.
    pub of: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentsState {
    pub account_id: i64,
    /// The account's code and name, for the title.
    pub code: String,
    pub name: String,
    pub owner: Owner,
    pub items: Vec<Listed>,
    pub selected: usize,
}

impl AttachmentsState {
    fn read(store: &Store, account_id: i64, owner: Owner) -> Result<AttachmentsState> {
        let dossier = store.dossier(account_id)?;
        let people: std::collections::HashMap<i64, String> = dossier
            .contacts
            .iter()
            .map(|c| (c.id, c.name.clone()))
            .collect();
        let visits: std::collections::HashMap<i64, String> = dossier
            .visit_reports
            .iter()
            .map(|v| (v.id, v.date.map(|d| d.to_string()).unwrap_or_default()))
            .collect();
        let items = store
            .attachments(account_id)?
            .into_iter()
            .filter(|a| match &owner {
                Owner::Account => true,
                Owner::Contact(id, _) => a.contact_id == Some(*id),
                Owner::Visit(id, _) => a.visit_id == Some(*id),
            })
            .map(|a| {
                let of = match (a.visit_id, a.contact_id) {
                    (Some(v), _) => visits.get(&v).cloned().unwrap_or_default(),
                    (None, Some(c)) => people.get(&c).cloned().unwrap_or_default(),
                    (None, None) => String::new(),
                };
                Listed { attachment: a, of }
            })
            .collect();
        Ok(AttachmentsState {
            account_id,
            code: dossier.account.code.clone(),
            name: dossier.account.name.clone(),
            owner,
            items,
            selected: 0,
        })
    }

    pub fn selected_attachment(&self) -> Option<&Attachment> {
        self.items.get(self.selected).map(|l| &l.attachment)
    }
}

impl App {
    /// The attachments screen, when shown.
    pub fn attachments(&self) -> Option<&AttachmentsState> {
        self.shown::<AttachmentsState>()
    }

    /// `F` on an account: its attachments, or the selected person's or visit's.
    pub(in crate::app) fn open_attachments(&mut self) -> Result<()> {
        use crate::app::detail::Tab;
        use crate::domain::RecordKind;
        let Some(d) = self.detail() else {
            return Ok(());
        };
        let account_id = d.account_id();
        let owner = match (d.tab, d.selected_item()) {
            (Tab::Contacts, Some((RecordKind::Contact, id))) => d
                .dossier
                .contacts
                .iter()
                .find(|c| c.id == id)
                .map(|c| Owner::Contact(id, c.name.clone())),
            (Tab::Visits, Some((RecordKind::VisitReport, id))) => d
                .dossier
                .visit_reports
                .iter()
                .find(|v| v.id == id)
                .map(|v| Owner::Visit(id, v.date.map(|x| x.to_string()).unwrap_or_default())),
            _ => None,
        }
        .unwrap_or(Owner::Account);
        let state = AttachmentsState::read(&self.store, account_id, owner)?;
        self.show(Box::new(state));
        Ok(())
    }

    pub(in crate::app) fn on_attachments(&mut self, action: Action) -> Result<()> {
        let Some(s) = self.shown::<AttachmentsState>() else {
            return Ok(());
        };
        let selected = s.selected_attachment().cloned();
        match action {
            Action::Back => self.go_back(),
            Action::New => {
                self.dialog = Some(Dialog::Path(PathDialog::new(PathPurpose::Attach, "")));
            }
            Action::Open => {
                if let Some(a) = selected {
                    self.open_attachment(&a)?;
                }
            }
            Action::SaveAttachment => {
                if let Some(a) = selected {
                    let suggested = self.exports_dir()?.join(attachment::clean_name(&a.name));
                    self.dialog = Some(Dialog::Path(PathDialog::new(
                        PathPurpose::Save(a.id),
                        &suggested.display().to_string(),
                    )));
                }
            }
            Action::Delete => {
                if let Some(a) = selected {
                    self.store.delete_attachment(a.id)?;
                    self.after_attachment_change()?;
                    self.say("attachment-deleted", &[("name", a.name.into())]);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A path given in the dialog: the file attached, or the attachment saved there.
    pub(in crate::app) fn attachment_path_given(
        &mut self,
        (purpose, path): (PathPurpose, PathBuf),
    ) -> Result<()> {
        match purpose {
            PathPurpose::Attach => self.attach_file(&path),
            PathPurpose::Save(id) => self.save_attachment(id, &path),
        }
    }

    fn attach_file(&mut self, path: &Path) -> Result<()> {
        let Some(s) = self.shown::<AttachmentsState>() else {
            return Ok(());
        };
        let shown = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(_) => bail!(Said::new("attachment-no-file").with("path", shown)),
        };
        if meta.is_dir() {
            bail!(Said::new("attachment-is-folder").with("path", shown));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Asked before reading, so a film chosen by mistake is not read whole into memory.
        if meta.len() > attachment::MAX_BYTES {
            bail!(Said::new("attachment-too-big")
                .with("name", name.as_str())
                .with("mb", (attachment::MAX_BYTES / (1024 * 1024)) as i64));
        }
        let to = AttachTo {
            account_id: s.account_id,
            contact_id: match s.owner {
                Owner::Contact(id, _) => Some(id),
                _ => None,
            },
            visit_id: match s.owner {
                Owner::Visit(id, _) => Some(id),
                _ => None,
            },
        };
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {shown}"))?;
        let a = self.store.attach(to, &name, &bytes)?;
        self.after_attachment_change()?;
        if let Some(s) = self.screen.get_mut::<AttachmentsState>() {
            s.selected = s
                .items
                .iter()
                .position(|l| l.attachment.id == a.id)
                .unwrap_or(s.selected);
        }
        self.say(
            "attachment-added-here",
            &[
                ("name", a.name.into()),
                ("size", attachment::size_text(a.size).into()),
            ],
        );
        Ok(())
    }

    /// Saves an attachment at `path`: never over a file already there (the rep picks another
    /// name), written owner-only.
    fn save_attachment(&mut self, id: i64, path: &Path) -> Result<()> {
        let path = if path.is_dir() {
            let name = self
                .store
                .attachment(id)?
                .map(|a| attachment::clean_name(&a.name))
                .unwrap_or_default();
            path.join(name)
        } else {
            path.to_path_buf()
        };
        if path.symlink_metadata().is_ok() {
            bail!(Said::new("attachment-save-exists").with("path", path.display().to_string()));
        }
        let bytes = self.store.attachment_bytes(id)?;
        crate::exchange::write_private(&path, |w| Ok(w.write_all(&bytes)?))?;
        self.say(
            "attachment-saved-at",
            &[("path", path.display().to_string().into())],
        );
        Ok(())
    }

    /// Enter: the file written owner-only into a private folder of the system's temporary
    /// one, and handed to the system's viewer by the terminal loop; with no viewer, the
    /// status line says where the file is.
    fn open_attachment(&mut self, a: &Attachment) -> Result<()> {
        let dir = opened_dir();
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let name = format!("{}-{}", a.id, attachment::clean_name(&a.name));
        let path = dir.join(name);
        let bytes = self.store.attachment_bytes(a.id)?;
        crate::exchange::write_private(&path, |w| Ok(w.write_all(&bytes)?))?;
        let shown = path.display().to_string();
        match viewer() {
            Some(program) => {
                self.say(
                    "attachment-opening",
                    &[("name", a.name.clone().into()), ("path", shown.into())],
                );
                self.to_open = Some((program, path));
            }
            None => self.say("attachment-no-viewer", &[("path", shown.into())]),
        }
        Ok(())
    }

    /// The screen, the account's detail below it and its history read the book again.
    fn after_attachment_change(&mut self) -> Result<()> {
        match self.shown::<AttachmentsState>() {
            Some(s) => self.refresh_account(s.account_id),
            None => Ok(()),
        }
    }

    fn say(&mut self, id: &str, args: &[(&str, crate::i18n::Arg)]) {
        self.status = Some(Status {
            text: t_args(self.lang, id, args),
            error: false,
        });
    }
}

/// Where this session's opened attachments are written: its own folder in the system's
/// temporary one, owner-only.
fn opened_dir() -> PathBuf {
    std::env::temp_dir().join(format!("kam-{}", std::process::id()))
}

/// Removes the copies this session wrote for the viewer (at quit).
pub fn remove_opened() {
    let _ = std::fs::remove_dir_all(opened_dir());
}

/// The system's viewer on this machine: `open` on macOS, `xdg-open` elsewhere, when it is
/// on the PATH.
fn viewer() -> Option<String> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .any(|dir| dir.join(program).is_file())
        .then(|| program.to_string())
}

impl ScreenState for AttachmentsState {
    fn view(&self) -> View {
        View::Attachments
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.items.len(), delta);
    }

    /// Restored from the trash or undone on the account: read again.
    fn account_changed(&mut self, store: &Store, _finder: &Finder, account_id: i64) -> Result<()> {
        if account_id == self.account_id {
            let selected = self.selected;
            *self = AttachmentsState::read(store, account_id, self.owner.clone())?;
            self.selected = step(selected, self.items.len(), 0);
        }
        Ok(())
    }
}
