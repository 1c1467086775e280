//! Seeded Monte Carlo over the ranged fields, and percentiles of what it gives.
//! The same seed gives the same numbers on the server and in wasm.

use super::analysis::Analysis;
use super::breakeven::{break_even_volume_within, VolumeCurve, WalkBudget, SEARCH_STEPS};
use super::cost::{timeline, MonthUsd, Reach, Timeline};
#[cfg(not(target_arch = "wasm32"))]
use super::information::{bins_for, Decision, SampleTotals};
use super::params::{link_incumbent, CostParams};
use super::ranges::ranged_fields;
#[cfg(not(target_arch = "wasm32"))]
use super::ranges::RangedField;
#[cfg(not(target_arch = "wasm32"))]
use super::scenario::ApproachId;
use super::scenario::Scenario;
use super::sensitivity::sensitivity;
#[cfg(not(target_arch = "wasm32"))]
use super::sort::insertion_sort_by;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use std::collections::BTreeMap;

pub use super::results::{
    CurvePercentiles, InputInformation, PairPercentiles, Percentiles, Uncertainty,
    ValueOfInformation,
};

/// GPU steps the break-even searches of all samples may take together.
const UNCERTAINTY_SEARCH_STEPS: u64 = SEARCH_STEPS;

/// Inverse-CDF sample of the triangular distribution (low, mode, high).
pub fn triangular(low: f64, mode: f64, high: f64, u: f64) -> f64 {
    let width = high - low;
    if width <= 0.0 {
        return low;
    }
    let split = (mode - low) / width;
    if u < split {
        low + (u * width * (mode - low)).sqrt()
    } else {
        high - ((1.0 - u) * width * (high - mode)).sqrt()
    }
}

/// Samples are computed this many at a time: each sample's prices one after
/// another (the random draws keep their order), then the block's cumulative
/// sums month by month across its samples, which the compiler vectorizes.
const BLOCK: usize = 64;

/// One approach whose costs vary between samples, and what its samples need.
///
/// Adding the same month cost to two cumulative costs keeps their order
/// (floating-point addition is monotone), so the samples can change order
/// only in a month whose cost differs between them. Percentiles are
/// selected in those months only and carried through the others by adding
/// the month's cost: the same numbers, bit for bit, as sorting every month.
struct Varying<'a> {
    approach: usize,
    /// The widest reach of what varies: its ranged fields, or the
    /// incumbent's prices it pays before launch (`Reach::Months`).
    reach: Reach,
    /// The point estimate's month costs, months 1..=H at index m - 1.
    point_months: Vec<MonthUsd>,
    /// For months 0..=H: its column in `columns` when samples can change
    /// order there (month 0 always; retraining months for `Reach::Runs`;
    /// every month for `Reach::Months`).
    column_of: Vec<Option<usize>>,
    /// [column * samples + sample]: the cumulative cost of each sample.
    columns: Vec<f64>,
    /// [month * BLOCK + offset]: month costs of the block's samples (month
    /// 0: the one-time cost), for the months with a column.
    increments: Vec<f64>,
    point_curve: &'a VolumeCurve<'a>,
    samples: usize,
    /// The current sample's `variable_slope` (`Reach::Months` only), from
    /// the walk that priced its months.
    sample_slope: f64,
}

impl<'a> Varying<'a> {
    fn new(
        approach: usize,
        reach: Reach,
        point: &CostParams,
        point_curve: &'a VolumeCurve<'a>,
        timeline: &Timeline,
        volume: f64,
        samples: usize,
    ) -> Self {
        let mut point_months = Vec::with_capacity(timeline.horizon());
        point.for_each_month(timeline, volume, |_, cost| point_months.push(cost));
        let reorders = |month: usize| {
            month == 0
                || match reach {
                    Reach::Nothing | Reach::OneTime => false,
                    Reach::Runs => point_months[month - 1].retrains,
                    Reach::Months => true,
                }
        };
        let mut column_of = Vec::with_capacity(point_months.len() + 1);
        let mut columns = 0;
        for month in 0..=point_months.len() {
            column_of.push(reorders(month).then(|| {
                columns += 1;
                columns - 1
            }));
        }
        Varying {
            approach,
            reach,
            columns: vec![0.0; columns * samples],
            increments: vec![0.0; column_of.len() * BLOCK],
            point_months,
            column_of,
            point_curve,
            samples,
            sample_slope: 0.0,
        }
    }

    /// Records a sample's one-time cost and the month costs it changes.
    fn price_sample(
        &mut self,
        drawn: &CostParams,
        offset: usize,
        timeline: &Timeline,
        volume: f64,
    ) {
        let increments = &mut self.increments;
        increments[offset] = drawn.one_time_usd();
        match self.reach {
            Reach::Nothing | Reach::OneTime => {}
            Reach::Runs => {
                let retraining = drawn.retraining_event_usd();
                for (index, month) in self.point_months.iter().enumerate() {
                    if month.retrains {
                        let cost = MonthUsd {
                            retraining,
                            ..*month
                        };
                        increments[(index + 1) * BLOCK + offset] = cost.usd();
                    }
                }
            }
            Reach::Months => {
                self.sample_slope = drawn.months_and_slope(timeline, volume, |month, cost| {
                    increments[month * BLOCK + offset] = cost.usd();
                })
            }
        }
    }

    /// This sample's volume curve for the break-even searches.
    fn sample_curve(&self, drawn: &'a CostParams, timeline: &'a Timeline) -> VolumeCurve<'a> {
        match self.reach {
            Reach::Months => VolumeCurve::with_slope(drawn, timeline, self.sample_slope),
            _ => self.point_curve.repriced(drawn),
        }
    }

    /// Cumulative sums of the block's samples into their columns; the
    /// totals at the horizon into `totals`.
    fn accumulate(&mut self, block_start: usize, totals: &mut [f64]) {
        let samples = self.samples;
        let len = totals.len();
        totals.copy_from_slice(&self.increments[..len]);
        for (month, column) in self.column_of.iter().enumerate() {
            if month > 0 {
                match column {
                    Some(_) => {
                        let costs = &self.increments[month * BLOCK..][..len];
                        totals.iter_mut().zip(costs).for_each(|(t, c)| *t += c);
                    }
                    None => {
                        let cost = self.point_months[month - 1].usd();
                        totals.iter_mut().for_each(|t| *t += cost);
                    }
                }
            }
            if let Some(column) = column {
                self.columns[column * samples + block_start..][..len].copy_from_slice(totals);
            }
        }
    }

    /// P10, P50 and P90 of the cumulative cost in every month.
    fn percentiles(&self, keys: &mut Vec<u64>) -> CurvePercentiles {
        let (points, samples) = (self.column_of.len(), self.samples);
        let mut curve = CurvePercentiles {
            p10: Vec::with_capacity(points),
            p50: Vec::with_capacity(points),
            p90: Vec::with_capacity(points),
        };
        let mut at = [0.0; 3];
        for (month, column) in self.column_of.iter().enumerate() {
            at = match column {
                Some(column) => {
                    percentiles_with(&self.columns[column * samples..][..samples], keys)
                }
                None => at.map(|value| value + self.point_months[month - 1].usd()),
            };
            curve.p10.push(at[0]);
            curve.p50.push(at[1]);
            curve.p90.push(at[2]);
        }
        curve
    }
}

/// Runs the Monte Carlo for a validated scenario with ranges.
pub(crate) fn simulate(
    scenario: &Scenario,
    params: &[CostParams],
    analysis: &Analysis,
) -> Uncertainty {
    let settings = scenario.simulation();
    let samples = settings.samples.max(1) as usize;
    let timeline = timeline(scenario);
    let volume = scenario.volume.queries_per_month;
    let ranged = ranged_fields(scenario, params);
    let approaches = params.len();
    let points = timeline.horizon() + 1;
    let index_of = |id: &str| {
        scenario
            .approaches
            .iter()
            .position(|a| a.id == id)
            .unwrap_or(0)
    };
    let pairs: Vec<(usize, usize)> = analysis
        .pairs
        .iter()
        .map(|p| (index_of(&p.a), index_of(&p.b)))
        .collect();
    let point_totals: Vec<f64> = analysis.approaches.iter().map(|a| a.total_usd).collect();
    let point_curves: Vec<VolumeCurve> = params
        .iter()
        .map(|p| VolumeCurve::new(p, &timeline))
        .collect();

    // Only approaches with a ranged field vary between samples, and those
    // that pay the incumbent before launch when the incumbent's prices vary;
    // the others keep their point curve, so they are neither recomputed nor ranked.
    let incumbent = scenario.incumbent_index();
    let incumbent_prices_vary = ranged
        .iter()
        .any(|r| r.approach == incumbent && r.field.reach() == Reach::Months);
    let mut slot_of: Vec<Option<usize>> = vec![None; approaches];
    let mut varying: Vec<Varying> = Vec::new();
    for approach in 0..approaches {
        let pays_incumbent = incumbent_prices_vary && params[approach].launch_months > 0;
        let own = ranged
            .iter()
            .filter(|r| r.approach == approach)
            .map(|r| r.field.reach())
            .max();
        let reach = if pays_incumbent {
            Some(Reach::Months)
        } else {
            own
        };
        if let Some(reach) = reach {
            slot_of[approach] = Some(varying.len());
            varying.push(Varying::new(
                approach,
                reach,
                &params[approach],
                &point_curves[approach],
                &timeline,
                volume,
                samples,
            ));
        }
    }

    let mut break_evens = vec![f64::INFINITY; pairs.len() * samples];
    let mut wins = vec![0u32; approaches];
    let mut drawn = params.to_vec();
    let mut rng = Pcg64Mcg::seed_from_u64(settings.seed);
    let pair_varies: Vec<bool> = pairs
        .iter()
        .map(|(a, b)| slot_of[*a].is_some() || slot_of[*b].is_some())
        .collect();
    for (pair, result) in analysis.pairs.iter().enumerate() {
        if !pair_varies[pair] {
            let value = result.break_even_queries_per_month.unwrap_or(f64::INFINITY);
            break_evens[pair * samples..(pair + 1) * samples].fill(value);
        }
    }

    // The break-even searches of all samples share one budget. Samples are
    // independent draws, so when it runs out the percentiles come from the
    // samples searched in full before that: a smaller sample, not a biased one.
    let budget = WalkBudget::new(UNCERTAINTY_SEARCH_STEPS);
    let mut break_even_samples = samples;
    let mut block_totals = vec![0.0; varying.len() * BLOCK];
    // what the value of information needs: each varying approach's total and
    // each ranged input's drawn value, per sample ([slot or range * samples +
    // sample]). Not in the browser: it is reported by the server (the API,
    // the memo), and its code would take 3.5 KB of the first page's budget.
    let keeps_samples = cfg!(not(target_arch = "wasm32"));
    let mut sample_totals = vec![
        0.0;
        if keeps_samples {
            varying.len() * samples
        } else {
            0
        }
    ];
    let mut drawn_values = vec![
        0.0f32;
        if keeps_samples {
            ranged.len() * samples
        } else {
            0
        }
    ];
    for block_start in (0..samples).step_by(BLOCK) {
        let block_len = BLOCK.min(samples - block_start);
        for offset in 0..block_len {
            let sample = block_start + offset;
            for range in &ranged {
                drawn[range.approach] = params[range.approach];
            }
            for (index, range) in ranged.iter().enumerate() {
                let u: f64 = rng.random();
                let value = triangular(range.low, range.mode, range.high, u);
                drawn[range.approach].set(range.field, value);
                if keeps_samples {
                    // single precision keeps the values' order (ties aside) in half the memory
                    drawn_values[index * samples + sample] = value as f32;
                }
            }
            if incumbent_prices_vary {
                link_incumbent(&mut drawn, incumbent);
            }
            for slot in &mut varying {
                slot.price_sample(&drawn[slot.approach], offset, &timeline, volume);
            }
            if sample >= break_even_samples {
                continue;
            }
            // each varying approach's curve once per sample, not once per pair
            let sample_curves: Vec<Option<VolumeCurve>> = (0..approaches)
                .map(|approach| {
                    slot_of[approach]
                        .map(|slot| varying[slot].sample_curve(&drawn[approach], &timeline))
                })
                .collect();
            let curve_of = |approach: usize| {
                sample_curves[approach]
                    .as_ref()
                    .unwrap_or(&point_curves[approach])
            };
            for (pair, (a, b)) in pairs.iter().enumerate() {
                if !pair_varies[pair] {
                    continue;
                }
                let found = break_even_volume_within(curve_of(*a), curve_of(*b), &budget);
                if budget.is_spent() {
                    break_even_samples = sample;
                    break;
                }
                if let Some(q) = found {
                    break_evens[pair * samples + sample] = q;
                }
            }
        }
        for (index, (slot, totals)) in varying
            .iter_mut()
            .zip(block_totals.chunks_mut(BLOCK))
            .enumerate()
        {
            slot.accumulate(block_start, &mut totals[..block_len]);
            if keeps_samples {
                sample_totals[index * samples + block_start..][..block_len]
                    .copy_from_slice(&totals[..block_len]);
            }
        }
        let mut totals = point_totals.clone();
        for offset in 0..block_len {
            for (slot, sample_totals) in varying.iter().zip(block_totals.chunks(BLOCK)) {
                totals[slot.approach] = sample_totals[offset];
            }
            wins[cheapest_index(&totals)] += 1;
        }
    }

    let mut keys = Vec::with_capacity(samples);
    let mut p_cheapest = BTreeMap::new();
    let mut total_usd = BTreeMap::new();
    let mut cumulative_usd = BTreeMap::new();
    for (approach, spec) in scenario.approaches.iter().enumerate() {
        p_cheapest.insert(spec.id.clone(), f64::from(wins[approach]) / samples as f64);
        let curve = match slot_of[approach] {
            Some(slot) => varying[slot].percentiles(&mut keys),
            None => {
                let point = analysis.approaches[approach].cumulative_usd.clone();
                CurvePercentiles {
                    p10: point.clone(),
                    p50: point.clone(),
                    p90: point,
                }
            }
        };
        total_usd.insert(
            spec.id.clone(),
            Percentiles {
                p10: curve.p10[points - 1],
                p50: curve.p50[points - 1],
                p90: curve.p90[points - 1],
            },
        );
        cumulative_usd.insert(spec.id.clone(), curve);
    }

    let break_even_queries_per_month = analysis
        .pairs
        .iter()
        .enumerate()
        .map(|(pair, result)| {
            let start = pair * samples;
            let searched = &break_evens[start..start + break_even_samples.max(1)];
            let [p10, p50, p90] = percentiles_with(searched, &mut keys);
            let finite = |x: f64| x.is_finite().then_some(x);
            PairPercentiles {
                a: result.a.clone(),
                b: result.b.clone(),
                p10: finite(p10),
                p50: finite(p50),
                p90: finite(p90),
            }
        })
        .collect();

    let leading = analysis
        .cheapest
        .runner_up
        .as_ref()
        .map(|runner_up| (index_of(&analysis.cheapest.approach), index_of(runner_up)));
    Uncertainty {
        samples: samples as u32,
        seed: settings.seed,
        p_cheapest,
        total_usd,
        cumulative_usd,
        break_even_queries_per_month,
        break_even_samples: break_even_samples as u32,
        leading_pair: leading.map(|(a, b)| [ids(scenario, a), ids(scenario, b)]),
        sensitivity: sensitivity(scenario, params, &ranged, leading),
        #[cfg(not(target_arch = "wasm32"))]
        value_of_information: Some(value_of_information(
            scenario,
            &ranged,
            &slot_of,
            &point_totals,
            &sample_totals,
            &drawn_values,
            samples,
        )),
    }
}

/// EVPI and each ranged input's EVPPI from the samples (see `information`).
#[cfg(not(target_arch = "wasm32"))]
fn value_of_information(
    scenario: &Scenario,
    ranged: &[RangedField],
    slot_of: &[Option<usize>],
    point_totals: &[f64],
    sample_totals: &[f64],
    drawn_values: &[f32],
    samples: usize,
) -> ValueOfInformation {
    let totals: Vec<SampleTotals> = slot_of
        .iter()
        .zip(point_totals)
        .map(|(slot, point)| match slot {
            Some(slot) => SampleTotals::Drawn(&sample_totals[slot * samples..][..samples]),
            None => SampleTotals::Fixed(*point),
        })
        .collect();
    let decision = Decision::new(&totals, samples);
    let bins = bins_for(samples);
    let incumbent = scenario.incumbent_index();
    let mut inputs: Vec<InputInformation> = ranged
        .iter()
        .enumerate()
        .map(|(index, range)| {
            let reach = range.field.reach();
            // the approaches whose totals this input enters: its own, and
            // those paying the incumbent before launch for the incumbent's
            // prices; only varying approaches' totals enter anything
            let enters: Vec<bool> = (0..slot_of.len())
                .map(|approach| {
                    slot_of[approach].is_some()
                        && reach != Reach::Nothing
                        && (approach == range.approach
                            || (range.approach == incumbent && reach == Reach::Months))
                })
                .collect();
            let values = &drawn_values[index * samples..][..samples];
            InputInformation {
                approach: ApproachId::from(scenario.approaches[range.approach].id.as_str()),
                field: range.field.path().to_string(),
                evppi_usd: decision.evppi(values, &enters, bins),
            }
        })
        .collect();
    insertion_sort_by(&mut inputs, |x, y| x.evppi_usd > y.evppi_usd);
    ValueOfInformation {
        evpi_usd: decision.evpi(),
        bins: bins as u32,
        inputs,
    }
}

fn ids(scenario: &Scenario, index: usize) -> String {
    scenario.approaches[index].id.clone()
}

/// The first index of the smallest total (ties go to scenario order).
fn cheapest_index(totals: &[f64]) -> usize {
    let mut best = 0;
    for (index, total) in totals.iter().enumerate() {
        if *total < totals[best] {
            best = index;
        }
    }
    best
}

/// P10, P50 and P90 by nearest rank.
pub fn percentiles(values: &[f64]) -> [f64; 3] {
    percentiles_with(values, &mut Vec::new())
}

/// An integer with the same order as the float (IEEE 754 total order):
/// selecting on integers is markedly faster than on floats.
fn order_key(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

fn from_order_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    })
}

/// `percentiles` with a reusable scratch buffer (Monte Carlo calls it once
/// per approach and month).
fn percentiles_with(values: &[f64], keys: &mut Vec<u64>) -> [f64; 3] {
    if values.is_empty() {
        return [0.0; 3];
    }
    keys.clear();
    keys.extend(values.iter().map(|v| order_key(*v)));
    let last = keys.len() - 1;
    let rank = |p: f64| (p * last as f64).round() as usize;
    let (r10, r50, r90) = (rank(0.1), rank(0.5), rank(0.9));
    // Select the median first; P10 then lies in the lower part and P90 in
    // the upper part, so each later selection scans half as much.
    let (lower, median, upper) = keys.select_nth_unstable(r50);
    let p50 = *median;
    let p10 = if r10 < r50 {
        *lower.select_nth_unstable(r10).1
    } else {
        p50
    };
    let p90 = if r90 > r50 {
        *upper.select_nth_unstable(r90 - r50 - 1).1
    } else {
        p50
    };
    [p10, p50, p90].map(from_order_key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangular_covers_its_support_and_peaks_at_the_mode() {
        assert_eq!(triangular(1.0, 2.0, 4.0, 0.0), 1.0);
        assert_eq!(triangular(1.0, 2.0, 4.0, 1.0), 4.0);
        // CDF at the mode is (mode - low) / (high - low) = 1/3
        assert!((triangular(1.0, 2.0, 4.0, 1.0 / 3.0) - 2.0).abs() < 1e-12);
        assert_eq!(triangular(3.0, 3.0, 3.0, 0.7), 3.0);
        // mean of a triangle is (low + mode + high) / 3
        let n = 100_000;
        let mean: f64 = (0..n)
            .map(|i| triangular(0.0, 3.0, 6.0, (i as f64 + 0.5) / n as f64))
            .sum::<f64>()
            / n as f64;
        assert!((mean - 3.0).abs() < 1e-3, "{mean}");
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let values: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        assert_eq!(percentiles(&values), [10.0, 50.0, 90.0]);
        let with_none = vec![1.0, f64::INFINITY, f64::INFINITY];
        assert_eq!(percentiles(&with_none)[0], 1.0);
        assert!(percentiles(&with_none)[1].is_infinite());
        let mixed = [-2.5, 0.0, 3.25, -0.0, 1e300, -1e-300, 7.0];
        let mut sorted = mixed.to_vec();
        sorted.sort_by(f64::total_cmp);
        assert_eq!(percentiles(&mixed), [sorted[1], sorted[3], sorted[5]]);
        for v in mixed {
            assert_eq!(from_order_key(order_key(v)).to_bits(), v.to_bits());
        }
    }
}
