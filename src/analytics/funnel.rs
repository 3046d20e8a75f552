//! The funnel (客户漏斗表): opportunities expected to close in the period, by stage — how
//! many, the expected amount, and the amount weighted by probability; the forecast of the
//! open stages; won against lost.

use super::sheet::{Sheet, Value};
use super::{share, Period};
use crate::domain::{Money, Stage};
use crate::i18n::{t, Lang};
use crate::store::StageGroup;
use serde::Serialize;

/// The probability of a stage when an opportunity has none of its own, percent.
pub fn default_probability(stage: Stage) -> i64 {
    match stage {
        Stage::Initial => 10,
        Stage::Needs => 20,
        Stage::Demo => 40,
        Stage::Quote => 60,
        Stage::Negotiation => 80,
        Stage::Won => 100,
        Stage::Lost => 0,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRow {
    pub stage: Stage,
    pub count: usize,
    pub expected: Money,
    /// Σ expected × probability.
    pub weighted: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    pub period: Option<Period>,
    /// Every stage in order, empty ones too.
    pub stages: Vec<StageRow>,
    pub open_count: usize,
    pub open_expected: Money,
    /// The weighted amount of the open stages: what the pipeline is worth.
    pub weighted_forecast: Money,
    pub won: usize,
    pub lost: usize,
    /// Won ÷ lost; none when nothing was lost.
    pub won_lost_ratio: Option<f64>,
    /// Won ÷ (won + lost).
    pub win_rate: Option<f64>,
}

/// Cents × percent summed exactly, then rounded half up to a cent once.
fn weighted(cent_percent: i128) -> Money {
    Money(((cent_percent + 50).div_euclid(100)) as i64)
}

pub fn funnel(period: Option<Period>, groups: &[StageGroup]) -> Funnel {
    let stages: Vec<StageRow> = Stage::ALL
        .iter()
        .map(|&stage| {
            // An opportunity without a stage is at the first one: nobody has qualified it yet.
            let of: Vec<&StageGroup> = groups
                .iter()
                .filter(|g| g.stage.unwrap_or(Stage::Initial) == stage)
                .collect();
            let cp: i128 = of
                .iter()
                .map(|g| {
                    let p = g
                        .probability
                        .unwrap_or_else(|| default_probability(stage))
                        .clamp(0, 100);
                    g.expected.cents() as i128 * p as i128
                })
                .sum();
            StageRow {
                stage,
                count: of.iter().map(|g| g.count).sum(),
                expected: of.iter().map(|g| g.expected).sum(),
                weighted: weighted(cp),
            }
        })
        .collect();
    let open: Vec<&StageRow> = stages
        .iter()
        .filter(|s| !matches!(s.stage, Stage::Won | Stage::Lost))
        .collect();
    let count_of = |st: Stage| stages.iter().find(|s| s.stage == st).map_or(0, |s| s.count);
    let (won, lost) = (count_of(Stage::Won), count_of(Stage::Lost));
    Funnel {
        period,
        open_count: open.iter().map(|s| s.count).sum(),
        open_expected: open.iter().map(|s| s.expected).sum(),
        weighted_forecast: open.iter().map(|s| s.weighted).sum(),
        won,
        lost,
        won_lost_ratio: share(won as i64, lost as i64),
        win_rate: share(won as i64, (won + lost) as i64),
        stages,
    }
}

impl Funnel {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        let c = |id: &str| t(lang, id);
        let mut s = Sheet::new(
            c("an-funnel"),
            vec![
                c("an-col-stage"),
                c("an-col-count"),
                c("an-col-expected"),
                c("an-col-weighted"),
            ],
        );
        for r in &self.stages {
            s.rows.push(vec![
                Value::text(r.stage.label(lang)),
                Value::Int(r.count as i64),
                Value::Money(r.expected),
                Value::Money(r.weighted),
            ]);
        }
        let mut k = Sheet::new(
            c("an-funnel-summary"),
            vec![c("an-col-measure"), c("an-col-value")],
        );
        k.rows = vec![
            vec![
                Value::text(c("an-open")),
                Value::Int(self.open_count as i64),
            ],
            vec![
                Value::text(c("an-open-expected")),
                Value::Money(self.open_expected),
            ],
            vec![
                Value::text(c("an-forecast")),
                Value::Money(self.weighted_forecast),
            ],
            vec![Value::text(c("an-won")), Value::Int(self.won as i64)],
            vec![Value::text(c("an-lost")), Value::Int(self.lost as i64)],
            vec![
                Value::text(c("an-won-lost")),
                Value::Number(self.won_lost_ratio),
            ],
            vec![Value::text(c("an-win-rate")), Value::Percent(self.win_rate)],
        ];
        vec![s, k]
    }
}
