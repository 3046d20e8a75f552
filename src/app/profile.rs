//! The rep's profile from the interface: `,` opens it as a dialog, Ctrl-S keeps it in the
//! book's settings (see `store::profile`), where visits' "filled by" and the reports read it.

use super::dialogs::{Dialog, ProfileDialog};
use super::App;
use crate::domain::profile::Profile;
use anyhow::Result;

impl App {
    pub(super) fn open_profile(&mut self) -> Result<()> {
        let profile = self.store.profile()?;
        self.dialog = Some(Dialog::Profile(ProfileDialog::new(&profile)));
        Ok(())
    }

    pub(super) fn save_profile(&mut self, profile: Profile) -> Result<()> {
        self.store.set_profile(&profile)?;
        self.ok("status-profile-saved");
        Ok(())
    }
}
