//! What an import did (or, dry, would do), told in the interface language: the counts, the
//! rows set aside and why, and which column became which field with its first values.

use super::records::{ColumnUse, Summary};
use crate::exchange::headers::Target;
use crate::i18n::{field_label, t, t_args, Arg, Lang};
use std::path::Path;

fn n(lang: Lang, id: &str, args: &[(&str, usize)]) -> String {
    let args: Vec<(&str, Arg)> = args.iter().map(|(k, v)| (*k, (*v).into())).collect();
    t_args(lang, id, &args)
}

/// The field a column became, as a person reads it: "account name", "contact: mobile".
pub fn target_text(lang: Lang, target: Target, headers: &[String]) -> String {
    let lower = |s: String| {
        if lang == Lang::En {
            s.to_lowercase()
        } else {
            s
        }
    };
    match target {
        Target::Account(k) => lower(field_label(lang, "accounts", k)),
        Target::Contact(k) => t_args(
            lang,
            "import-use-contact",
            &[("field", lower(field_label(lang, "contacts", k)).into())],
        ),
        Target::TypeOf(j) => t_args(
            lang,
            "import-use-type-of",
            &[("column", headers.get(j).cloned().unwrap_or_default().into())],
        ),
        other => t(
            lang,
            match other {
                Target::FirstName => "import-use-first-name",
                Target::LastName => "import-use-last-name",
                Target::RowNumber => "import-use-skipped",
                Target::Unknown => "import-use-notes",
                Target::Name => "import-use-name",
                Target::PersonCompany => "import-use-person-company",
                Target::IsCompany => "import-use-is-company",
                Target::Address => "import-use-address",
                Target::StreetMore => "import-use-street-more",
                Target::Phone => "import-use-phone",
                _ => "import-use-email",
            },
        ),
    }
}

/// "单位名称 → account name (华为技术有限公司, …)", one line per column.
pub fn mapping_lines(lang: Lang, columns: &[ColumnUse]) -> Vec<String> {
    let headers: Vec<String> = columns.iter().map(|c| c.header.clone()).collect();
    columns
        .iter()
        .map(|c| {
            let what = target_text(lang, c.target, &headers);
            if c.first_values.is_empty() {
                format!("{} → {what}", c.header)
            } else {
                format!("{} → {what} ({})", c.header, c.first_values.join(", "))
            }
        })
        .collect()
}

impl Summary {
    /// The counts, a line each (the interface shows these too).
    pub fn count_lines(&self, lang: Lang) -> Vec<String> {
        let mut lines = vec![
            n(lang, "import-summary-rows", &[("n", self.rows)]),
            n(
                lang,
                "import-summary-created",
                &[("n", self.accounts_created)],
            ),
            n(
                lang,
                "import-summary-matched",
                &[
                    ("n", self.accounts_matched),
                    ("updated", self.accounts_updated),
                ],
            ),
            n(
                lang,
                "import-summary-contacts",
                &[
                    ("n", self.contacts_added),
                    ("updated", self.contacts_updated),
                ],
            ),
            n(
                lang,
                "import-summary-same-account",
                &[("n", self.rows_same_account)],
            ),
        ];
        if self.accounts_renamed > 0 {
            lines.push(n(
                lang,
                "import-summary-renamed",
                &[("n", self.accounts_renamed)],
            ));
        }
        if self.private_customers > 0 {
            lines.push(n(
                lang,
                "import-summary-private",
                &[("n", self.private_customers)],
            ));
        }
        if !self.columns_in_notes.is_empty() {
            lines.push(t_args(
                lang,
                "import-summary-notes-columns",
                &[("columns", self.columns_in_notes.join(", ").into())],
            ));
        }
        lines.extend(self.kept_apart.iter().map(|k| k.text(lang)));
        lines.push(n(
            lang,
            "import-summary-set-aside",
            &[("n", self.set_aside.len())],
        ));
        lines
    }

    /// Every problem line of the rows set aside.
    pub fn problem_lines(&self, lang: Lang) -> Vec<String> {
        self.set_aside.iter().flat_map(|s| s.lines(lang)).collect()
    }

    /// What happened, for the command line: a dry run also shows the columns' use.
    pub fn to_text(
        &self,
        lang: Lang,
        took: std::time::Duration,
        rejected: Option<&Path>,
    ) -> String {
        let mut o = String::new();
        let mut line = |s: String| {
            o.push_str(&s);
            o.push('\n');
        };
        if self.dry_run {
            line(t(lang, "import-dry-run"));
            if self.header_row > 1 {
                line(n(lang, "import-header-row", &[("row", self.header_row)]));
            }
            line(t(lang, "import-columns"));
            for l in mapping_lines(lang, &self.columns) {
                line(format!("  {l}"));
            }
        }
        // What would be overwritten, before the rep says yes (the real run counts them).
        if self.dry_run {
            for c in &self.changed {
                line(c.line(lang));
            }
        }
        for l in self.count_lines(lang) {
            line(l);
        }
        if let Some(path) = rejected.filter(|_| !self.set_aside.is_empty()) {
            line(t_args(
                lang,
                "import-rejected-file",
                &[("path", path.display().to_string().into())],
            ));
        }
        for l in self.problem_lines(lang) {
            line(l);
        }
        line(t_args(
            lang,
            "import-time",
            &[("secs", format!("{:.2}", took.as_secs_f64()).into())],
        ));
        o
    }
}
