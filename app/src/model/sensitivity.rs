//! One-at-a-time sensitivity: each ranged field at its low and its high end,
//! everything else at its value. The data behind the tornado chart.

use super::analysis::timeline;
use super::breakeven::{break_even_volume_within, VolumeCurve, WalkBudget, SEARCH_STEPS};
use super::params::CostParams;
use super::scenario::Scenario;
use super::uncertainty::RangedField;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SensitivityRow {
    pub approach: String,
    pub field: String,
    pub low: f64,
    pub high: f64,
    /// The leading pair's break-even volume with the field at `low`.
    pub break_even_at_low: Option<f64>,
    pub break_even_at_high: Option<f64>,
    /// The approach's own total at the horizon with the field at `low`.
    pub total_usd_at_low: f64,
    pub total_usd_at_high: f64,
}

impl SensitivityRow {
    /// How far the field moves the leading break-even; a swing that makes the
    /// break-even appear or vanish counts as the largest.
    pub fn break_even_swing(&self) -> f64 {
        match (self.break_even_at_low, self.break_even_at_high) {
            (Some(low), Some(high)) => (high - low).abs(),
            (None, None) => 0.0,
            _ => f64::INFINITY,
        }
    }

    pub fn total_swing(&self) -> f64 {
        (self.total_usd_at_high - self.total_usd_at_low).abs()
    }
}

/// Rows sorted by break-even swing, then by total swing, largest first.
pub(crate) fn sensitivity(
    scenario: &Scenario,
    params: &[CostParams],
    ranged: &[RangedField],
    leading_pair: Option<(usize, usize)>,
) -> Vec<SensitivityRow> {
    let timeline = timeline(scenario);
    let volume = scenario.volume.queries_per_month;
    // All rows share one budget (two searches per ranged field).
    let budget = WalkBudget::new(SEARCH_STEPS);
    let at = |range: &RangedField, value: f64| {
        let mut varied = params.to_vec();
        varied[range.approach].set(range.field, value);
        let total = varied[range.approach].total_usd(&timeline, volume);
        let break_even = leading_pair.and_then(|(a, b)| {
            break_even_volume_within(
                &VolumeCurve::new(&varied[a], &timeline),
                &VolumeCurve::new(&varied[b], &timeline),
                &budget,
            )
        });
        (break_even, total)
    };
    let mut rows: Vec<SensitivityRow> = ranged
        .iter()
        .map(|range| {
            let (break_even_at_low, total_usd_at_low) = at(range, range.low);
            let (break_even_at_high, total_usd_at_high) = at(range, range.high);
            SensitivityRow {
                approach: scenario.approaches[range.approach].id.clone(),
                field: range.field.path().to_string(),
                low: range.low,
                high: range.high,
                break_even_at_low,
                break_even_at_high,
                total_usd_at_low,
                total_usd_at_high,
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        y.break_even_swing()
            .total_cmp(&x.break_even_swing())
            .then(y.total_swing().total_cmp(&x.total_swing()))
    });
    rows
}
