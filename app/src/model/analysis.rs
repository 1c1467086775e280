//! The analysis: every number the page, API, charts and exports show.
//! Its JSON shape is a contract (issue 3): add fields, never rename.

use super::breakdown::Breakdown;
use super::breakeven::{
    break_even_volume_within, cheapest_by_volume, payback_month, Band, VolumeCurve, WalkBudget,
    SEARCH_STEPS,
};
use super::cost::{timeline, Timeline};
use super::params::{cost_params, CostParams};
use super::results::Uncertainty;
use super::scenario::{ApproachId, ApproachKind, Scenario};
use super::sort::insertion_sort_by;
use super::verdict::FineTuneVerdict;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Analysis {
    /// In scenario order.
    pub approaches: Vec<ApproachResult>,
    /// One per unordered pair, in scenario order (0-1, 0-2, ..., 1-2, ...).
    pub pairs: Vec<PairResult>,
    pub cheapest_by_volume: Vec<VolumeBand>,
    /// Set when the search for `cheapest_by_volume` gave up (thousands of
    /// switches at GPU steps, or its step budget): the bands are exact below
    /// this month-1 volume; above it the last band is not known to hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cheapest_by_volume_unknown_from: Option<f64>,
    pub cheapest: Cheapest,
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<String>))]
    pub latency_misses: Vec<ApproachId>,
    pub uncertainty: Option<Uncertainty>,
    /// "Should we fine-tune?": the readiness checklist weighed with the numbers.
    pub fine_tuning: FineTuneVerdict,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ApproachResult {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub id: ApproachId,
    pub label: String,
    pub kind: ApproachKind,
    pub per_query_usd: f64,
    pub one_time_usd: f64,
    pub monthly_usd_at_horizon: f64,
    /// C(0), ..., C(H)
    pub cumulative_usd: Vec<f64>,
    pub total_usd: f64,
    /// C(H) / total queries; null when the scenario has no queries at all (or
    /// so few that the quotient is not a finite number).
    pub amortized_usd_per_query: Option<f64>,
    pub total_queries: f64,
    /// Months before it serves traffic (the incumbent serves until then).
    pub launch_month: u32,
    /// Where the total goes over the horizon; the parts sum to `total_usd`.
    pub breakdown_usd: Breakdown,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PairResult {
    /// The approach with the larger one-time cost (scenario order on a tie).
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub a: ApproachId,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub b: ApproachId,
    pub payback_month: Option<u32>,
    pub break_even_queries_per_month: Option<f64>,
    /// True when the break-even search stopped at its step budget (only
    /// near-identical self-hosted approaches get there): a null break-even is
    /// then unknown, not "none".
    pub break_even_unknown: bool,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct VolumeBand {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub approach: ApproachId,
    pub from_queries_per_month: f64,
    pub to_queries_per_month: Option<f64>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Cheapest {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub approach: ApproachId,
    /// The next cheapest at the scenario's volume (null with one approach).
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub runner_up: Option<ApproachId>,
    pub saving_usd: f64,
    pub saving_pct: f64,
    /// The cheapest approach if no query went through a batch API; absent
    /// when no approach sends any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub without_batch: Option<ApproachId>,
    /// The cheapest approach if token prices stayed where they are; absent
    /// when no approach has a price trend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub without_price_trend: Option<ApproachId>,
}

/// The point figures of a valid scenario: no Monte Carlo, and the
/// fine-tuning verdict still pending (`pipeline::analyze` completes both).
pub(crate) fn analyze_params(scenario: &Scenario, params: &[CostParams]) -> Analysis {
    let timeline = timeline(scenario);
    let volume = scenario.volume.queries_per_month;
    let total_queries = volume * timeline.factor_sum();
    let ids: Vec<ApproachId> = scenario
        .approaches
        .iter()
        .map(|a| Arc::from(a.id.as_str()))
        .collect();

    // each approach's slope comes from the same walk as its curve
    let mut slopes = vec![0.0; params.len()];
    let approaches: Vec<ApproachResult> = scenario
        .approaches
        .iter()
        .enumerate()
        .zip(params)
        .zip(&mut slopes)
        .map(|(((index, approach), p), slope)| {
            // one walk over the months gives the curve, the slope and the
            // breakdown (C(m) = C(m - 1) + the month's cost, as everywhere)
            let mut curve = vec![0.0; timeline.horizon() + 1];
            let mut breakdown = p.breakdown_outside_months(&timeline);
            let mut total = p.one_time_usd();
            curve[0] = total;
            *slope = p.months_and_slope(&timeline, volume, |m, month| {
                total += month.usd();
                curve[m] = total;
                breakdown.add_month(&month);
            });
            let total = *curve.last().unwrap_or(&0.0);
            let horizon = curve.len() - 1;
            let monthly = if horizon > 0 {
                curve[horizon] - curve[horizon - 1]
            } else {
                0.0
            };
            ApproachResult {
                id: ids[index].clone(),
                label: approach.display_name().to_string(),
                kind: approach.kind,
                per_query_usd: p.per_query_usd(),
                one_time_usd: p.one_time_usd(),
                monthly_usd_at_horizon: monthly,
                total_usd: total,
                // A vanishing volume (1e-308 queries) would divide to infinity.
                amortized_usd_per_query: (total_queries > 0.0)
                    .then(|| total / total_queries)
                    .filter(|per_query| per_query.is_finite()),
                total_queries,
                launch_month: p.launch_months,
                breakdown_usd: breakdown,
                cumulative_usd: curve,
            }
        })
        .collect();

    let curves: Vec<VolumeCurve> = params
        .iter()
        .zip(slopes)
        .map(|(p, slope)| VolumeCurve::with_slope(p, &timeline, slope))
        .collect();
    let mut pairs = Vec::with_capacity(params.len() * params.len().saturating_sub(1) / 2);
    // All pairs share one budget (28 pairs at most), so their work is bounded.
    let pair_budget = WalkBudget::new(SEARCH_STEPS);
    for i in 0..approaches.len() {
        for j in i + 1..approaches.len() {
            let (a, b) = if approaches[j].one_time_usd > approaches[i].one_time_usd {
                (j, i)
            } else {
                (i, j)
            };
            let refusals_before = pair_budget.refusals();
            let break_even = break_even_volume_within(&curves[a], &curves[b], &pair_budget);
            pairs.push(PairResult {
                a: ids[a].clone(),
                b: ids[b].clone(),
                payback_month: payback_month(
                    &approaches[a].cumulative_usd,
                    &approaches[b].cumulative_usd,
                ),
                break_even_queries_per_month: break_even,
                break_even_unknown: pair_budget.refusals() > refusals_before,
            });
        }
    }

    let envelope = cheapest_by_volume(&curves);
    let cheapest_by_volume_unknown_from = envelope.unknown_from;
    let cheapest_by_volume = envelope
        .bands
        .into_iter()
        .map(|Band { approach, from, to }| VolumeBand {
            approach: ids[approach].clone(),
            from_queries_per_month: from,
            to_queries_per_month: to,
        })
        .collect();

    let totals: Vec<f64> = approaches.iter().map(|a| a.total_usd).collect();
    let ranking = rank(&totals);
    // the winner had a price lever not been pulled (None when no approach pulls it)
    let winner_without = |pulled: fn(&CostParams) -> bool, release: fn(&mut CostParams)| {
        params.iter().any(pulled).then(|| {
            // each approach released on the stack as it is needed (copies of
            // the whole list cost more than the totals the winner needs)
            let released_alone = |p: &CostParams| {
                let mut released = *p;
                release(&mut released);
                released
            };
            let incumbent = released_alone(&params[scenario.incumbent_index()]).served();
            let released = |index: usize| CostParams {
                incumbent,
                ..released_alone(&params[index])
            };
            let raises = params.iter().all(|p| {
                let r = released_alone(p);
                r.batch_share <= p.batch_share
                    && r.price_trend_pct_per_year >= p.price_trend_pct_per_year
            });
            ids[winner_of(released, &ranking, &totals, raises, &timeline, volume)].clone()
        })
    };
    let without_batch = winner_without(|p| p.batch_share > 0.0, |p| p.batch_share = 0.0);
    let without_price_trend = winner_without(
        |p| p.price_trend_pct_per_year != 0.0,
        |p| p.price_trend_pct_per_year = 0.0,
    );
    let cheapest = match ranking.as_slice() {
        [] => Cheapest {
            approach: Arc::from(""),
            runner_up: None,
            saving_usd: 0.0,
            saving_pct: 0.0,
            without_batch,
            without_price_trend,
        },
        [only] => Cheapest {
            approach: ids[*only].clone(),
            runner_up: None,
            saving_usd: 0.0,
            saving_pct: 0.0,
            without_batch,
            without_price_trend,
        },
        [first, second, ..] => {
            let saving = totals[*second] - totals[*first];
            Cheapest {
                approach: ids[*first].clone(),
                runner_up: Some(ids[*second].clone()),
                saving_usd: saving,
                saving_pct: if totals[*second] > 0.0 {
                    saving / totals[*second] * 100.0
                } else {
                    0.0
                },
                without_batch,
                without_price_trend,
            }
        }
    };

    let latency_misses = match scenario.latency_target_ms {
        Some(target) => scenario
            .approaches
            .iter()
            .zip(&ids)
            .filter(|(a, _)| a.latency_ms_p50.is_some_and(|l| l > target))
            .map(|(_, id)| id.clone())
            .collect(),
        None => Vec::new(),
    };

    Analysis {
        approaches,
        pairs,
        cheapest_by_volume,
        cheapest_by_volume_unknown_from,
        cheapest,
        latency_misses,
        uncertainty: None,
        fine_tuning: FineTuneVerdict::pending(volume),
    }
}

/// The cheapest of `released` (ties to scenario order). When releasing the
/// lever can only raise totals (a batch discount dropped, falling prices
/// held), an approach whose actual total already exceeds a released total
/// cannot win, so its released total is never computed; approaches are
/// tried from the cheapest actual total up.
fn winner_of(
    released: impl Fn(usize) -> CostParams,
    ranking: &[usize],
    totals: &[f64],
    raises: bool,
    timeline: &Timeline,
    volume: f64,
) -> usize {
    // the curves' and the closed form's totals differ in the last digits
    let margin = |total: f64| total + total.abs() * 1e-9;
    let mut best: Option<(usize, f64)> = None;
    for &index in ranking {
        if let Some((winner, best_total)) = best {
            if raises && margin(best_total) < totals[index] {
                // every later one costs at least as much
                break;
            }
            let total = released(index).total_usd(timeline, volume);
            if total < best_total || (total == best_total && index < winner) {
                best = Some((index, total));
            }
        } else {
            best = Some((index, released(index).total_usd(timeline, volume)));
        }
    }
    best.map_or(0, |(winner, _)| winner)
}

/// Indices ordered from cheapest to dearest; ties keep scenario order.
pub(crate) fn rank(totals: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..totals.len()).collect();
    insertion_sort_by(&mut order, |x, y| totals[*x].total_cmp(&totals[*y]).is_lt());
    order
}

impl Analysis {
    pub fn approach(&self, id: &str) -> Option<&ApproachResult> {
        self.approaches.iter().find(|a| &*a.id == id)
    }

    pub fn pair(&self, x: &str, y: &str) -> Option<&PairResult> {
        self.pairs
            .iter()
            .find(|p| (&*p.a == x && &*p.b == y) || (&*p.a == y && &*p.b == x))
    }
}

/// Totals at the horizon and amortized cost per query for every approach
/// across a range of month-1 volumes: the data of the volume charts.
#[derive(Clone, Debug, PartialEq)]
pub struct VolumeSweep {
    pub volumes: Vec<f64>,
    /// [approach][volume index]
    pub totals: Vec<Vec<f64>>,
    /// [approach][volume index]: total / queries over the horizon
    pub amortized: Vec<Vec<f64>>,
}

/// `count` volumes spaced evenly on a log scale from `from` to `to`.
pub fn log_volumes(from: f64, to: f64, count: usize) -> Vec<f64> {
    let (low, high) = (from.log10(), to.log10());
    let steps = count.max(2) - 1;
    (0..=steps)
        .map(|i| 10f64.powf(low + (high - low) * i as f64 / steps as f64))
        .collect()
}

/// Evaluates a valid scenario's totals at each volume (growth and everything
/// else unchanged).
pub fn volume_sweep(scenario: &Scenario, volumes: &[f64]) -> VolumeSweep {
    let params = cost_params(scenario);
    let timeline = timeline(scenario);
    let totals: Vec<Vec<f64>> = params
        .iter()
        .map(|p| volumes.iter().map(|q| p.total_usd(&timeline, *q)).collect())
        .collect();
    let amortized = totals
        .iter()
        .map(|row| {
            row.iter()
                .zip(volumes)
                .map(|(total, q)| total / (q * timeline.factor_sum()).max(f64::MIN_POSITIVE))
                .collect()
        })
        .collect();
    VolumeSweep {
        volumes: volumes.to_vec(),
        totals,
        amortized,
    }
}
