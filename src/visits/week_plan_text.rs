//! The proposed week as text: each day's visits already planned and the proposals in route
//! order, each with why it is due; then what did not fit.

use super::labels::weekday_of;
use super::week_plan::{Proposal, WeekPlan};
use crate::i18n::{t, t_args, Arg, Lang};
use std::fmt::Write;

impl WeekPlan {
    pub fn proposal_count(&self) -> usize {
        self.days.iter().map(|d| d.proposals.len()).sum()
    }

    pub fn to_text(&self, lang: Lang) -> String {
        let mut o = String::new();
        let home = match &self.home {
            Some(h) => t_args(lang, "week-plan-from-home", &[("home", h.clone().into())]),
            None => t(lang, "week-plan-no-home"),
        };
        let _ = writeln!(
            o,
            "{}",
            t_args(
                lang,
                "week-plan-title",
                &[
                    ("from", self.from.to_string().into()),
                    ("to", self.to.to_string().into()),
                    ("home", home.into()),
                    ("minutes", Arg::Num(self.visit_minutes as i64)),
                ]
            )
        );
        if self.days.is_empty() {
            let _ = writeln!(o, "{}", t(lang, "week-plan-over"));
        }
        for d in &self.days {
            let _ = writeln!(o, "\n{} {}", d.date, weekday_of(lang, d.date));
            if d.planned.is_empty() && d.proposals.is_empty() {
                let _ = writeln!(o, "  {}", t(lang, "week-plan-free"));
            }
            // Planned and proposed together, in the order of the clock.
            let mut lines: Vec<(String, String)> = vec![];
            for (p, code, name) in &d.planned {
                let at = p
                    .planned_at
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default();
                let mut line = format!("  {at}  {} {code} {name}", t(lang, "week-plan-planned"));
                if let Some(what) = p.purpose.as_deref().filter(|w| !w.trim().is_empty()) {
                    line.push(' ');
                    line.push_str(what);
                }
                lines.push((at, line));
            }
            for p in &d.proposals {
                let at =
                    p.at.map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_default();
                lines.push((at, proposal_line(lang, p)));
            }
            lines.sort_by(|a, b| a.0.cmp(&b.0));
            for (_, line) in lines {
                let _ = writeln!(o, "{line}");
            }
        }
        if self.not_fitted_count > 0 {
            let _ = writeln!(
                o,
                "\n{}",
                t_args(
                    lang,
                    "week-plan-not-fitted",
                    &[("count", Arg::Num(self.not_fitted_count as i64))]
                )
            );
            for p in &self.not_fitted {
                let _ = writeln!(o, "  {} {} · {}", p.code, p.name, why(lang, p));
            }
        }
        o
    }
}

fn proposal_line(lang: Lang, p: &Proposal) -> String {
    let at =
        p.at.map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
    let mut parts = vec![format!("  {at}  + {} {}", p.code, p.name)];
    if !p.area.is_empty() {
        parts.push(p.area.clone());
    }
    if let Some(km) = p.km_from_previous {
        let id = match (p.from_home, p.far) {
            (true, _) => "week-plan-km-home",
            (false, true) => "week-plan-km-far",
            (false, false) => "week-plan-km",
        };
        parts.push(t_args(lang, id, &[("km", format!("{km:.0}").into())]));
    }
    parts.push(why(lang, p));
    if p.conflict {
        if let Some(u) = &p.unsuitable {
            parts.push(t_args(
                lang,
                "week-plan-unsuitable",
                &[("when", u.clone().into())],
            ));
        }
    }
    parts.join(" · ")
}

impl Proposal {
    /// Why it is proposed: when it fell due, by which interval, since which visit.
    pub fn why(&self, lang: Lang) -> String {
        why(lang, self)
    }
}

/// "due 2026-11-20 (B: every 30 days; last visit 2026-10-21)" or "never visited".
fn why(lang: Lang, p: &Proposal) -> String {
    let grade = p
        .grade
        .map(|g| g.code().to_string())
        .unwrap_or_else(|| "-".into());
    match p.last_visit {
        Some(last) => t_args(
            lang,
            "week-plan-due",
            &[
                ("due", p.due.to_string().into()),
                ("grade", grade.into()),
                ("days", Arg::Num(p.interval_days as i64)),
                ("last", last.to_string().into()),
            ],
        ),
        None => t_args(lang, "week-plan-never", &[("grade", grade.into())]),
    }
}
