//! Progress bars for the commands that take long on a big book (export, demo, backup,
//! reindex, import): on a terminal, a bar on standard error with the count, the rate and the
//! time left; nothing at all when standard error is not a terminal (scripts, pipes, tests),
//! so no output of a command changes. The label and unit come from the message files.

use crate::i18n::{t, Lang};
use indicatif::{ProgressBar, ProgressState, ProgressStyle};

/// One bar; hidden off a terminal (indicatif draws only to a terminal it can see).
pub struct Bar(ProgressBar);

impl Bar {
    /// A bar labelled with message `what`, counting message `unit` (its total set later).
    pub fn new(lang: Lang, what: &str, unit: &str) -> Bar {
        let bar = ProgressBar::new(0);
        let template = format!(
            "{{msg}} [{{bar:30}}] {{human_pos}}/{{human_len}} {} · {{rate}}/s · {} {{eta}}",
            t(lang, unit),
            t(lang, "progress-left")
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            // Whole units per second (indicatif's own rate shows four decimals).
            let rate = |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}", s.per_sec());
            };
            bar.set_style(style.with_key("rate", rate).progress_chars("=> "));
        }
        bar.set_message(t(lang, what));
        Bar(bar)
    }

    pub fn set_total(&self, total: u64) {
        self.0.set_length(total);
    }

    /// `n` more done.
    pub fn inc(&self, n: u64) {
        self.0.inc(n);
    }

    /// `done` of `total`: the shape of the hooks that report both (the import's).
    pub fn show(&self, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
    }

    /// Takes the bar off the screen (the command's own last line follows).
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
