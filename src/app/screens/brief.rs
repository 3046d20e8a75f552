//! The brief before a visit on a screen of its own: `B` on an account (its next planned
//! visit) or on a planned visit in the planner (that visit). Read-only: it scrolls, `v` shows
//! or hides the personal dossiers in it, `x` writes it as Markdown into exports/ for the
//! phone and `y` copies it. What it says is `visits::brief`; how it reads, `visits::Brief`'s
//! text.

use crate::app::screen::{ScreenState, View};
use crate::app::{Action, App};
use crate::search::Finder;
use crate::store::Store;
use crate::visits::brief::compose;
use crate::visits::Brief;
use anyhow::Result;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct BriefState {
    pub brief: Brief,
    /// The day asked for (a planned visit's), or `None` for the next visit planned.
    pub day: Option<NaiveDate>,
    /// The first line shown.
    pub scroll: usize,
    /// The personal dossiers are shown (hidden until asked for, as on the contacts tab).
    pub personal: bool,
}

impl App {
    /// The brief, when open.
    pub fn brief(&self) -> Option<&BriefState> {
        self.find::<BriefState>()
    }

    pub(in crate::app) fn open_brief(
        &mut self,
        account_id: i64,
        day: Option<NaiveDate>,
    ) -> Result<()> {
        let dossier = self.store.dossier(account_id)?;
        let grade = self.grades.get(&account_id).copied();
        let brief = compose(&dossier, self.today, day, grade);
        self.show(Box::new(BriefState {
            brief,
            day,
            scroll: 0,
            personal: false,
        }));
        Ok(())
    }

    pub(in crate::app) fn on_brief(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let lang = self.lang;
        let Some(b) = self.shown_mut::<BriefState>() else {
            return Ok(());
        };
        if action == RevealDossier {
            b.personal = !b.personal;
            return Ok(());
        }
        let markdown = b.brief.to_markdown(lang, b.personal);
        let name = format!("brief-{}-{}.md", b.brief.dossier_account.code, b.brief.day);
        let account_id = b.brief.dossier_account.id;
        match action {
            Back => self.go_back(),
            ExportReport => {
                let file = self.exports_dir()?.join(name);
                crate::exchange::write_private(&file, |w| Ok(w.write_all(markdown.as_bytes())?))?;
                self.status = Some(crate::app::Status {
                    text: crate::i18n::t_args(
                        lang,
                        "status-exported",
                        &[("files", file.display().to_string().into())],
                    ),
                    error: false,
                });
            }
            CopyReport => {
                self.clipboard = Some(markdown);
                self.ok("status-brief-copied");
            }
            Open => self.open_account(account_id)?,
            _ => {}
        }
        Ok(())
    }
}

impl ScreenState for BriefState {
    fn view(&self) -> View {
        View::Brief
    }

    fn move_by(&mut self, delta: isize) {
        // The screen clamps what it shows to the text it draws; here only never below 0 and
        // never past a generous end (the text's lines, every one wrapped once more).
        let end = self
            .brief
            .to_text(crate::i18n::Lang::En, true)
            .lines()
            .count()
            * 2;
        self.scroll = (self.scroll as isize)
            .saturating_add(delta)
            .clamp(0, end as isize) as usize;
    }

    /// A save on the account while its brief is open (a visit recorded from it): read again.
    fn account_changed(&mut self, store: &Store, _finder: &Finder, account_id: i64) -> Result<()> {
        if account_id != self.brief.dossier_account.id {
            return Ok(());
        }
        let dossier = store.dossier(account_id)?;
        let today = store.now().date();
        self.brief = compose(&dossier, today, self.day, self.brief.computed_grade);
        Ok(())
    }
}
