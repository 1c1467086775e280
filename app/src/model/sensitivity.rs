//! One-at-a-time sensitivity: each ranged field at its low and its high end,
//! everything else at its value. The data behind the tornado chart.

use super::breakeven::{break_even_volume_within, VolumeCurve, WalkBudget, SEARCH_STEPS};
use super::cost::timeline;
use super::params::{link_incumbent, CostParams};
use super::ranges::RangedField;
pub use super::results::SensitivityRow;
use super::scenario::Scenario;
use super::sort::insertion_sort_by;

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
        if range.approach == scenario.incumbent_index() {
            link_incumbent(&mut varied, range.approach);
        }
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
    // largest break-even swing first, then largest total swing
    insertion_sort_by(&mut rows, |x, y| {
        y.break_even_swing()
            .total_cmp(&x.break_even_swing())
            .then(y.total_swing().total_cmp(&x.total_swing()))
            .is_lt()
    });
    rows
}
