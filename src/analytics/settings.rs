//! The settings an analysis takes besides its period — the grading rule (percentile bands or
//! the Pareto preset with its limits) and the evaluation weights — kept in the book, so the
//! screen, the grades of the list and `kam report` agree. A command-line flag overrides them
//! for one run.

use super::{GradingRule, Weights};
use crate::store::Store;
use anyhow::{anyhow, Result};

/// The keys of the settings table.
const GRADING: &str = "analytics.grading";
const WEIGHTS: &str = "analytics.weights";
/// The last bands of each method, so that switching method and back restores them.
const LAST_PERCENTILE: &str = "analytics.grading.percentile";
const LAST_PARETO: &str = "analytics.grading.pareto";

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Settings {
    pub grading: GradingRule,
    pub weights: Weights,
}

impl Settings {
    /// The stored settings; the defaults for any never stored. A stored value this kam cannot
    /// read (written by hand, or by a later version) counts as never stored.
    pub fn load(store: &Store) -> Result<Settings> {
        let grading = store
            .setting(GRADING)?
            .and_then(|v| serde_json::from_str::<GradingRule>(&v).ok())
            .filter(|r| r.check().is_ok())
            .unwrap_or_default();
        let weights = store
            .setting(WEIGHTS)?
            .and_then(|v| serde_json::from_str::<Weights>(&v).ok())
            .filter(|w| w.check().is_ok())
            .unwrap_or_default();
        Ok(Settings { grading, weights })
    }

    /// Stores the grading rule after checking it; a wrong one is one sentence and changes
    /// nothing.
    pub fn save_grading(store: &mut Store, rule: GradingRule) -> Result<()> {
        rule.check().map_err(|e| anyhow!(e))?;
        let value = serde_json::to_string(&rule)?;
        let last = match rule {
            GradingRule::Percentile { .. } => LAST_PERCENTILE,
            GradingRule::Pareto { .. } => LAST_PARETO,
        };
        store.set_settings(&[(GRADING, &value), (last, &value)])
    }

    /// The rule of the other method than `rule`'s: its bands as last saved, else its
    /// defaults (the percentile bands, or the 70/90 Pareto preset).
    pub fn other_method(store: &Store, rule: GradingRule) -> Result<GradingRule> {
        let (key, default) = match rule {
            GradingRule::Percentile { .. } => (LAST_PARETO, GradingRule::PARETO),
            GradingRule::Pareto { .. } => (LAST_PERCENTILE, GradingRule::default()),
        };
        Ok(store
            .setting(key)?
            .and_then(|v| serde_json::from_str::<GradingRule>(&v).ok())
            .filter(|r| r.check().is_ok() && r.is_pareto() == default.is_pareto())
            .unwrap_or(default))
    }

    /// Stores the weights after checking them, like [`Settings::save_grading`].
    pub fn save_weights(store: &mut Store, weights: Weights) -> Result<()> {
        weights.check().map_err(|e| anyhow!(e))?;
        store.set_setting(WEIGHTS, &serde_json::to_string(&weights)?)
    }
}
