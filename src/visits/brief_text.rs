//! The brief as a rep reads it: sections of short lines, as plain text for the terminal and
//! the interface, or as Markdown for a phone. One builder makes the lines so both say the
//! same; the personal dossier (嗜好, 不宜谈论的事件 …) is written only when asked for, as
//! everywhere else in kam.

use super::brief::{Brief, DateKind, Person};
use super::labels::{one_line, weekday_of};
use crate::domain::{Contact, PersonalDossier};
use crate::i18n::{field_label, t, t_args, Arg, Lang};
use std::fmt::Write;

/// One titled part of the brief; each line is (indent level, text).
pub struct Section {
    pub title: String,
    pub lines: Vec<(usize, String)>,
}

/// The dossier fields a rep wants before meeting someone, in the order they are read.
const PERSONAL_FIELDS: &[&str] = &[
    "key_concerns",
    "topics_to_avoid",
    "favourite_topics",
    "hobbies",
    "strong_opinions",
    "decisiveness",
    "special_habits",
    "drinking",
    "objects_to_drinking",
    "smokes",
    "objects_to_smoking",
    "dishes",
    "lunch_places",
];

/// Main lines of each section a calendar entry's summary keeps.
pub const SUMMARY_LINES: usize = 3;

impl Brief {
    /// The heading line: the account, and the visit it is for.
    pub fn title(&self, lang: Lang) -> String {
        let a = &self.dossier_account;
        t_args(
            lang,
            "brief-title",
            &[
                ("name", a.name.clone().into()),
                ("code", a.code.clone().into()),
            ],
        )
    }

    /// The brief's sections, in reading order; empty parts are left out. A personal dossier
    /// not included is said to exist in the words of `hidden` (a message id: how this reader
    /// shows it).
    pub fn sections(&self, lang: Lang, include_personal: bool, hidden: &str) -> Vec<Section> {
        let mut out = vec![self.about(lang)];
        out.push(self.people_section(lang, include_personal, hidden));
        let open = self.open_section(lang);
        if !open.lines.is_empty() {
            out.push(open);
        }
        out.push(self.sales_section(lang));
        let mut push = |title: &str, lines: Vec<(usize, String)>| {
            if !lines.is_empty() {
                out.push(Section {
                    title: t(lang, title),
                    lines,
                });
            }
        };
        push(
            "brief-opportunities",
            self.opportunities
                .iter()
                .map(|o| {
                    let mut parts = vec![o.title.clone()];
                    parts.extend(o.stage.map(|s| s.label(lang)));
                    parts.extend(o.expected_amount.map(|m| m.grouped()));
                    parts.extend(o.expected_close.map(|d| {
                        format!(
                            "{} {d}",
                            field_label(lang, "opportunities", "expected_close")
                        )
                    }));
                    parts.extend(labelled(lang, "opportunities", "next_step", &o.next_step));
                    (0, parts.join(" · "))
                })
                .collect(),
        );
        push(
            "brief-competitors",
            self.competitors
                .iter()
                .map(|c| {
                    let mut parts = vec![c.name.clone()];
                    for v in [&c.products, &c.prices] {
                        parts.extend(v.as_deref().map(one_line).filter(|s| !s.trim().is_empty()));
                    }
                    parts.extend(
                        c.share
                            .map(|s| format!("{} {s}", field_label(lang, "competitors", "share"))),
                    );
                    for key in ["strengths", "weaknesses"] {
                        let v = if key == "strengths" {
                            &c.strengths
                        } else {
                            &c.weaknesses
                        };
                        parts.extend(labelled(lang, "competitors", key, v));
                    }
                    (0, parts.join(" · "))
                })
                .collect(),
        );
        push(
            "brief-communications",
            self.communications
                .iter()
                .map(|c| {
                    let mut parts = vec![c
                        .at
                        .map(|at| at.format("%Y-%m-%d").to_string())
                        .unwrap_or_default()];
                    parts.extend(c.channel.map(|ch| ch.label(lang)));
                    parts.extend(c.contacts.clone().filter(|s| !s.trim().is_empty()));
                    parts.push(one_line(&c.content));
                    parts.extend(labelled(lang, "communications", "result", &c.result));
                    (0, parts.join(" · "))
                })
                .collect(),
        );
        push("brief-bring", self.bring_lines(lang));
        out
    }

    /// The account at a glance and the visit: when, with whom, why, where.
    fn about(&self, lang: Lang) -> Section {
        let a = &self.dossier_account;
        let mut lines = vec![];
        match &self.visit {
            Some(v) => {
                let mut parts = vec![];
                if let Some(at) = v.planned_at {
                    parts.push(format!(
                        "{} {} {}",
                        at.format("%Y-%m-%d"),
                        weekday_of(lang, at.date()),
                        at.format("%H:%M")
                    ));
                }
                for value in [&v.contact, &v.purpose, &v.place] {
                    parts.extend(value.clone().filter(|s| !s.trim().is_empty()));
                }
                lines.push((
                    0,
                    format!("{}: {}", t(lang, "brief-visit"), parts.join(" · ")),
                ));
            }
            None => lines.push((
                0,
                t_args(
                    lang,
                    "brief-no-visit",
                    &[("date", self.day.format("%Y-%m-%d").to_string().into())],
                ),
            )),
        }
        let mut facts = vec![];
        let mut fact = |key: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                facts.push(format!("{}: {v}", field_label(lang, "accounts", key)));
            }
        };
        fact("category", a.category.map(|c| c.label(lang)));
        let grade = match (a.grade, self.computed_grade) {
            (Some(g), Some(c)) if g != c => Some(t_args(
                lang,
                "brief-grade-computed",
                &[("grade", g.code().into()), ("computed", c.code().into())],
            )),
            (Some(g), _) => Some(g.code().to_string()),
            (None, Some(c)) => Some(t_args(
                lang,
                "brief-grade-only-computed",
                &[("computed", c.code().into())],
            )),
            (None, None) => None,
        };
        fact("grade", grade);
        fact("credit", a.credit.map(|c| c.code().to_string()));
        fact("status", a.status.map(|s| s.label(lang)));
        fact("owner", a.owner.clone());
        lines.push((0, facts.join(" · ")));
        let mut address: Vec<&str> = [&a.province, &a.city, &a.district, &a.street]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .filter(|p| !p.trim().is_empty())
            .collect();
        // 北京市 北京市: a municipality is its own province.
        address.dedup();
        if !address.is_empty() {
            lines.push((
                0,
                format!("{}: {}", t(lang, "brief-address"), address.join(" ")),
            ));
        }
        lines.extend(
            labelled(
                lang,
                "accounts",
                "unsuitable_visit_times",
                &a.unsuitable_visit_times,
            )
            .map(|l| (0, l)),
        );
        Section {
            title: self.title(lang),
            lines,
        }
    }

    fn people_section(&self, lang: Lang, include_personal: bool, hidden: &str) -> Section {
        let mut lines = vec![];
        if self.people.is_empty() {
            lines.push((0, t(lang, "brief-no-contacts")));
        }
        for p in &self.people {
            lines.push((0, person_line(lang, &p.contact)));
            if !p.dates.is_empty() {
                lines.push((1, dates_line(lang, p, self.day)));
            }
            let dossier = p.contact.dossier.as_ref().filter(|d| !d.is_empty());
            match (dossier, include_personal) {
                (Some(d), true) => {
                    lines.extend(personal_lines(lang, d).into_iter().map(|l| (1, l)))
                }
                (Some(_), false) => lines.push((1, t(lang, hidden))),
                (None, _) => {}
            }
        }
        Section {
            title: t(lang, "brief-people"),
            lines,
        }
    }

    /// What was promised and is still open: the last visit's open problems and what to watch,
    /// next steps said since, open service requests and complaints.
    fn open_section(&self, lang: Lang) -> Section {
        let mut lines = vec![];
        if let Some(r) = &self.last_visit {
            let mut head = vec![format!(
                "{} {}",
                t(lang, "brief-last-visit"),
                r.date.map(|d| d.to_string()).unwrap_or_default()
            )];
            head.extend(r.person_met.clone().filter(|s| !s.trim().is_empty()));
            head.extend(r.summary.as_deref().map(one_line).filter(|s| !s.is_empty()));
            lines.push((0, head.join(" · ")));
            for key in ["problems_open", "watch_next_time"] {
                let value = match key {
                    "problems_open" => &r.problems_open,
                    _ => &r.watch_next_time,
                };
                lines.extend(labelled(lang, "visit_reports", key, value).map(|l| (1, l)));
            }
        }
        for c in &self.next_steps {
            let date =
                c.at.map(|at| at.format("%Y-%m-%d").to_string())
                    .unwrap_or_default();
            lines.extend(
                labelled(lang, "communications", "next_step", &c.next_step)
                    .map(|l| (0, format!("{date} {l}"))),
            );
        }
        for s in &self.open_service {
            let mut parts = vec![t(lang, "brief-open-service")];
            parts.extend(s.date.map(|d| d.to_string()));
            parts.extend(s.kind.map(|k| k.label(lang)));
            parts.push(one_line(&s.request));
            parts.extend(s.product.clone().filter(|p| !p.trim().is_empty()));
            parts.extend(s.serial_no.clone().filter(|p| !p.trim().is_empty()));
            parts.extend(s.status.map(|st| st.label(lang)));
            lines.push((0, parts.join(" · ")));
        }
        for f in &self.open_complaints {
            let mut parts = vec![t(lang, "brief-open-complaint")];
            parts.extend(f.date.map(|d| d.to_string()));
            parts.push(one_line(&f.content));
            lines.push((0, parts.join(" · ")));
        }
        Section {
            title: t(lang, "brief-open"),
            lines,
        }
    }

    fn sales_section(&self, lang: Lang) -> Section {
        let s = &self.sales;
        let mut args = vec![
            ("last", s.last_12.grouped().into()),
            ("previous", s.previous_12.grouped().into()),
        ];
        let id = if s.previous_12.0 > 0 {
            let pct = (s.last_12.0 - s.previous_12.0) as f64 * 100.0 / s.previous_12.0 as f64;
            args.push(("change", change(pct).into()));
            "brief-sales"
        } else {
            "brief-sales-no-before"
        };
        let mut lines = vec![(0, t_args(lang, id, &args))];
        if let Some(d) = &s.latest {
            lines.push((
                0,
                t_args(
                    lang,
                    "brief-latest-order",
                    &[
                        (
                            "date",
                            d.date.map(|x| x.to_string()).unwrap_or_default().into(),
                        ),
                        ("product", d.product.clone().into()),
                        ("amount", d.total().grouped().into()),
                    ],
                ),
            ));
        }
        Section {
            title: t(lang, "brief-sales-title"),
            lines,
        }
    }

    /// What to bring: the visit plan's own notes and the needs on file, as written.
    fn bring_lines(&self, lang: Lang) -> Vec<(usize, String)> {
        let mut lines = vec![];
        if let Some(v) = &self.visit {
            if let Some(notes) = v
                .notes
                .as_deref()
                .map(one_line)
                .filter(|n| !n.trim().is_empty())
            {
                lines.push((0, format!("{}: {notes}", t(lang, "brief-plan-notes"))));
            }
        }
        if let Some(n) = &self.needs {
            for (key, value) in [
                ("product_spec", &n.product_spec),
                ("product_model", &n.product_model),
                ("product_quantity", &n.product_quantity),
                ("product_timing", &n.product_timing),
                ("notes", &n.notes),
            ] {
                lines.extend(labelled(lang, "needs", key, value).map(|l| (0, l)));
            }
        }
        lines
    }

    /// The brief as plain text: a title line per section, its lines indented under it.
    pub fn to_text(&self, lang: Lang, include_personal: bool) -> String {
        let mut o = String::new();
        let sections = self.sections(lang, include_personal, "brief-personal-hidden");
        for (i, s) in sections.iter().enumerate() {
            if i > 0 {
                let _ = writeln!(o);
            }
            let _ = writeln!(o, "{}", s.title);
            for (level, line) in &s.lines {
                let _ = writeln!(o, "{}{}", "  ".repeat(level + 1), line);
            }
        }
        o
    }

    /// The brief in a few lines for a calendar entry on the phone: each section after the
    /// visit's own (which the entry shows already) with its first [`SUMMARY_LINES`] main
    /// lines; personal dossiers left out.
    pub fn summary(&self, lang: Lang) -> String {
        let mut o = String::new();
        let sections = self.sections(lang, false, "brief-personal-not-included");
        for s in sections.iter().skip(1) {
            let lines: Vec<&str> = s
                .lines
                .iter()
                .filter(|(level, _)| *level == 0)
                .map(|(_, l)| l.as_str())
                .take(SUMMARY_LINES)
                .collect();
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(o, "{}", s.title);
            for l in lines {
                let _ = writeln!(o, "- {l}");
            }
        }
        o.trim_end().to_string()
    }

    /// The brief as Markdown for a phone: a heading per section, a list under it.
    pub fn to_markdown(&self, lang: Lang, include_personal: bool) -> String {
        let mut o = String::new();
        let sections = self.sections(lang, include_personal, "brief-personal-not-included");
        for (i, s) in sections.iter().enumerate() {
            let hashes = if i == 0 { "#" } else { "##" };
            let _ = writeln!(o, "{hashes} {}\n", s.title);
            for (level, line) in &s.lines {
                let _ = writeln!(o, "{}- {}", "  ".repeat(*level), line.replace('|', "\\|"));
            }
            let _ = writeln!(o);
        }
        o
    }
}

/// `label: value` when the value is written in.
fn labelled(lang: Lang, table: &str, key: &str, value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(one_line)
        .filter(|v| !v.trim().is_empty())
        .map(|v| format!("{}: {v}", field_label(lang, table, key)))
}

/// Name, title, department, role, the number to call and the channel they prefer.
fn person_line(lang: Lang, c: &Contact) -> String {
    let mut parts = vec![c.name.clone()];
    for v in [&c.title, &c.department] {
        parts.extend(v.clone().filter(|s| !s.trim().is_empty()));
    }
    parts.extend(c.role.map(|r| r.label(lang)));
    parts.extend(c.best_phone().map(str::to_string));
    parts.extend(c.preferred_channel.map(|p| {
        format!(
            "{}: {}",
            field_label(lang, "contacts", "preferred_channel"),
            p.label(lang)
        )
    }));
    parts.join(" · ")
}

/// "生日 12-05（4 天后）" for each date coming up.
fn dates_line(lang: Lang, p: &Person, day: chrono::NaiveDate) -> String {
    p.dates
        .iter()
        .map(|(kind, date)| {
            let what = match kind {
                DateKind::Birthday => field_label(lang, "contacts", "birthday"),
                DateKind::SpouseBirthday => field_label(lang, "dossier", "spouse_birthday"),
                DateKind::WeddingAnniversary => field_label(lang, "dossier", "wedding_anniversary"),
            };
            t_args(
                lang,
                "brief-date-ahead",
                &[
                    ("what", what.into()),
                    ("date", date.format("%m-%d").to_string().into()),
                    ("days", Arg::Num((*date - day).num_days())),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The dossier's filled fields among `PERSONAL_FIELDS`, each `label: value`.
fn personal_lines(lang: Lang, d: &PersonalDossier) -> Vec<String> {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(d) else {
        return vec![];
    };
    PERSONAL_FIELDS
        .iter()
        .filter_map(|key| {
            let value = match map.get(*key)? {
                serde_json::Value::String(s) if !s.trim().is_empty() => one_line(s),
                serde_json::Value::Bool(b) => t(lang, if *b { "yes" } else { "no" }),
                _ => return None,
            };
            Some(format!("{}: {value}", field_label(lang, "dossier", key)))
        })
        .collect()
}

/// "+12%", "-45%"; a change that rounds to nothing is "0%", never "-0%" or "+0%".
fn change(pct: f64) -> String {
    let rounded = pct.round();
    if rounded == 0.0 {
        "0%".into()
    } else {
        format!("{rounded:+.0}%")
    }
}

#[cfg(test)]
mod change_tests {
    #[test]
    fn a_change_rounding_to_nothing_is_no_change() {
        assert_eq!(super::change(-0.12), "0%");
        assert_eq!(super::change(0.4), "0%");
        assert_eq!(super::change(-45.2), "-45%");
        assert_eq!(super::change(546.0), "+546%");
    }
}
