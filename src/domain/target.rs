//! Targets and work plans (the seeds' 周期工作方案表 by quarter or half-year and 月度工作方案表
//! by month): what one rep means to reach in one period — sales (销售额目标), new accounts
//! (新开客户数), visits — and the plan's text (重点工作/措施, 销售支持). A book-level record: it
//! belongs to a rep and a period, not to an account. A quarter's or half-year's target is
//! broken down into the months' targets of the same rep when those are typed too.

use super::money::Money;
use super::record::{
    field, required_field, FieldKind, FieldKind::*, FieldSpec, Record, RecordKind,
};
use super::validate::{Invalid, Problem};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Target {
    pub id: i64,
    /// 销售人员: the profile's name in a single-rep book, a team rep's name in a team book.
    pub rep: String,
    /// 周期: `2026-11` (a month), `2026-Q4` (a quarter) or `2026-H2` (a half-year), as
    /// [`TargetPeriod`] writes it; the store keeps it in that form.
    pub period: String,
    /// 销售额目标.
    pub sales: Option<Money>,
    /// 新开客户数.
    pub new_accounts: Option<i64>,
    /// 拜访次数.
    pub visits: Option<i64>,
    /// 重点工作/措施: the plan itself.
    pub plan: Option<String>,
    /// 销售支持方案: what the rep needs from the company.
    pub support: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("rep", Text),
    required_field("period", Text),
    field("sales", FieldKind::Money),
    field("new_accounts", Integer),
    field("visits", Integer),
    field("plan", LongText),
    field("support", LongText),
];

/// How long a target's period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Span {
    /// 半年: 1 or 2.
    Half(u32),
    /// 季度: 1–4.
    Quarter(u32),
    /// 月: 1–12.
    Month(u32),
}

/// A month, a quarter or a half of a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TargetPeriod {
    pub year: i32,
    pub span: Span,
}

impl TargetPeriod {
    /// Reads `2026-11`, `2026-1`, `2026/11`, `2026-Q4`, `2026Q4`, `2026-H2`, and the Chinese
    /// forms `2026年11月`, `2026年第4季度`, `2026年四季度`, `2026年下半年`.
    pub fn parse(text: &str) -> Option<TargetPeriod> {
        let t: String = text
            .trim()
            .to_uppercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() != 4 {
            return None;
        }
        let year: i32 = digits.parse().ok()?;
        let rest = t[4..].trim_start_matches(['-', '/', '.', '年']);
        let number = |s: &str| -> Option<u32> {
            let s = s.trim_start_matches('第');
            let n = match s.chars().next()? {
                '一' => 1,
                '二' => 2,
                '三' => 3,
                '四' => 4,
                _ => {
                    let d: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
                    d.parse().ok()?
                }
            };
            Some(n)
        };
        let span = if let Some(q) = rest.strip_prefix('Q') {
            Span::Quarter(q.parse().ok()?)
        } else if let Some(h) = rest.strip_prefix('H') {
            Span::Half(h.parse().ok()?)
        } else if rest == "上半年" {
            Span::Half(1)
        } else if rest == "下半年" {
            Span::Half(2)
        } else if rest.ends_with("季度") || rest.ends_with('季') {
            Span::Quarter(number(rest)?)
        } else {
            let m = rest.trim_end_matches('月');
            if m.is_empty() || !m.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            Span::Month(m.parse().ok()?)
        };
        let ok = match span {
            Span::Month(m) => (1..=12).contains(&m),
            Span::Quarter(q) => (1..=4).contains(&q),
            Span::Half(h) => (1..=2).contains(&h),
        };
        (ok && (1900..=9999).contains(&year)).then_some(TargetPeriod { year, span })
    }

    /// The months it covers, first and last (1–12).
    fn months(self) -> (u32, u32) {
        match self.span {
            Span::Month(m) => (m, m),
            Span::Quarter(q) => (3 * q - 2, 3 * q),
            Span::Half(h) => (6 * h - 5, 6 * h),
        }
    }

    pub fn from(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.months().0, 1).expect("a month of the year")
    }

    pub fn to(self) -> NaiveDate {
        let last = self.months().1;
        let next = if last == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, last + 1, 1)
        };
        next.expect("a month of the year")
            .pred_opt()
            .expect("a day")
    }

    /// Whether `other` is a shorter period inside this one (a month of a quarter, a quarter
    /// or a month of a half-year): the breakdown of this period's target.
    pub fn holds(self, other: TargetPeriod) -> bool {
        other.year == self.year
            && other.span > self.span
            && self.months().0 <= other.months().0
            && other.months().1 <= self.months().1
    }

    /// The month holding `day`.
    pub fn month_of(day: NaiveDate) -> TargetPeriod {
        TargetPeriod {
            year: day.year(),
            span: Span::Month(day.month()),
        }
    }

    /// Longest first, then by start: a quarter ahead of its months.
    pub fn sort_key(self) -> (NaiveDate, Span) {
        (self.from(), self.span)
    }
}

impl fmt::Display for TargetPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span {
            Span::Month(m) => write!(f, "{}-{m:02}", self.year),
            Span::Quarter(q) => write!(f, "{}-Q{q}", self.year),
            Span::Half(h) => write!(f, "{}-H{h}", self.year),
        }
    }
}

impl Target {
    /// The period as read, if it reads.
    pub fn parsed_period(&self) -> Option<TargetPeriod> {
        TargetPeriod::parse(&self.period)
    }

    /// Whether both name the same rep (around spaces, any case).
    pub fn same_rep(&self, rep: &str) -> bool {
        self.rep.trim().to_lowercase() == rep.trim().to_lowercase()
    }
}

impl Record for Target {
    const KIND: RecordKind = RecordKind::Target;
    fn fields() -> &'static [FieldSpec] {
        FIELDS
    }
    fn id(&self) -> i64 {
        self.id
    }
    fn set_id(&mut self, id: i64) {
        self.id = id;
    }
    /// A target is the book's (a rep's), not an account's.
    fn account_id(&self) -> i64 {
        0
    }
    fn set_account_id(&mut self, _id: i64) {}
    fn title(&self) -> String {
        format!("{} {}", self.period.trim(), self.rep.trim())
            .trim()
            .to_string()
    }
    fn check(&self, invalid: &mut Invalid) {
        if !self.period.trim().is_empty() && self.parsed_period().is_none() {
            invalid.check("period", Err(Problem::Period(self.period.clone())));
        }
        if self.sales.is_some_and(|m| m.0 < 0) {
            invalid.check("sales", Err(Problem::Negative));
        }
        for (key, n) in [("new_accounts", self.new_accounts), ("visits", self.visits)] {
            if n.is_some_and(|n| n < 0) {
                invalid.check(key, Err(Problem::Negative));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<String> {
        TargetPeriod::parse(text).map(|p| p.to_string())
    }

    #[test]
    fn periods_as_people_type_them() {
        let cases = [
            ("2026-11", Some("2026-11")),
            ("2026-1", Some("2026-01")),
            ("2026/03", Some("2026-03")),
            ("2026年11月", Some("2026-11")),
            ("2026-Q4", Some("2026-Q4")),
            ("2026q1", Some("2026-Q1")),
            ("2026年第4季度", Some("2026-Q4")),
            ("2026年四季度", Some("2026-Q4")),
            ("2026-H2", Some("2026-H2")),
            ("2026年上半年", Some("2026-H1")),
            ("2026-13", None),
            ("2026-Q5", None),
            ("2026-H3", None),
            ("26-11", None),
            ("2026", None),
            ("next month", None),
        ];
        for (typed, want) in cases {
            assert_eq!(p(typed).as_deref(), want, "{typed}");
        }
    }

    #[test]
    fn a_period_runs_from_its_first_to_its_last_day() {
        let q4 = TargetPeriod::parse("2026-Q4").unwrap();
        assert_eq!(q4.from().to_string(), "2026-10-01");
        assert_eq!(q4.to().to_string(), "2026-12-31");
        let feb = TargetPeriod::parse("2028-02").unwrap();
        assert_eq!(feb.to().to_string(), "2028-02-29");
        let h1 = TargetPeriod::parse("2026-H1").unwrap();
        assert_eq!(h1.to().to_string(), "2026-06-30");
    }

    #[test]
    fn a_quarter_holds_its_months_and_a_half_its_quarters() {
        let q = |s| TargetPeriod::parse(s).unwrap();
        assert!(q("2026-Q4").holds(q("2026-11")));
        assert!(!q("2026-Q4").holds(q("2026-09")));
        assert!(!q("2026-Q4").holds(q("2025-11")));
        assert!(q("2026-H2").holds(q("2026-Q3")));
        assert!(q("2026-H2").holds(q("2026-07")));
        assert!(!q("2026-Q4").holds(q("2026-Q4")));
        assert!(!q("2026-11").holds(q("2026-Q4")));
    }

    #[test]
    fn a_target_with_a_period_that_does_not_read_is_refused() {
        let t = Target {
            rep: "王磊".into(),
            period: "2026-13".into(),
            ..Target::default()
        };
        assert!(t.validate().is_err());
        let t = Target {
            period: "2026-12".into(),
            ..t
        };
        assert!(t.validate().is_ok());
    }
}
