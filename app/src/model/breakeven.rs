//! Where approaches trade places: payback months on the cumulative curves,
//! exact break-even volumes, and the cheapest approach for every volume.
//!
//! As a function of the month-1 volume q, an approach's total cost at the
//! horizon is `K + slope * q + gpu_usd * sum_m max(min_gpus, ceil(load_m(q)))`:
//! linear, plus (when self-hosted) upward steps where a month needs one more
//! GPU. The difference of two such functions is piecewise linear with jumps, so
//! the searches below walk its pieces exactly, in order, instead of sampling.

use super::cost::{gpu_load, Timeline};
use super::params::CostParams;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Volumes are searched up to this many queries a month.
pub const MAX_QUERIES_PER_MONTH: f64 = 1e10;

/// A walk gives up (answering "none") after this many GPU steps. It only gets
/// near it when two self-hosted approaches have almost the same slope.
const MAX_STEPS: usize = 2_000_000;

/// Total cost at the horizon as a function of month-1 volume.
#[derive(Clone, Debug)]
pub struct VolumeCurve<'a> {
    params: &'a CostParams,
    timeline: &'a Timeline,
    volume_free_usd: f64,
    slope: f64,
    /// Per-month GPU load per query of month-1 volume (0 when not self-hosted).
    load_per_query: Vec<f64>,
    gpu_usd: f64,
    min_gpus: f64,
}

impl<'a> VolumeCurve<'a> {
    pub fn new(params: &'a CostParams, timeline: &'a Timeline) -> VolumeCurve<'a> {
        let load_per_query = if params.self_hosted {
            let tokens = params.tokens_per_query();
            let capacity = params.gpu_tokens_per_month();
            timeline
                .factors()
                .iter()
                .map(|factor| gpu_load(*factor, tokens, capacity))
                .collect()
        } else {
            Vec::new()
        };
        VolumeCurve {
            params,
            timeline,
            volume_free_usd: params.volume_free_usd(timeline),
            slope: params.per_query_usd() * timeline.factor_sum(),
            load_per_query,
            gpu_usd: if params.self_hosted {
                params.gpu_usd_per_month()
            } else {
                0.0
            },
            min_gpus: f64::from(params.min_gpus),
        }
    }

    /// C(H) at month-1 volume q (the same number `CostParams::total_usd` gives).
    pub fn total(&self, q: f64) -> f64 {
        self.params.total_usd(self.timeline, q)
    }

    /// C(H) at zero volume: no GPU is loaded, so each month bills `min_gpus`.
    fn total_at_zero(&self) -> f64 {
        self.volume_free_usd + self.gpu_usd * self.min_gpus * self.timeline.horizon() as f64
    }

    fn self_hosted(&self) -> bool {
        self.params.self_hosted
    }

    /// Bounds on the GPU part: sum_m max(min, ceil(x_m)) lies in
    /// [max(H*min, X), H*min + H + X] with X = sum_m x_m. Returns, for each bound,
    /// the linear pieces (intercept, slope) whose max (lower) or value (upper) it is.
    fn gpu_bounds(&self) -> ([(f64, f64); 2], (f64, f64)) {
        if !self.self_hosted() {
            return ([(0.0, 0.0), (0.0, 0.0)], (0.0, 0.0));
        }
        let months = self.load_per_query.len() as f64;
        let load_slope: f64 = self.load_per_query.iter().sum();
        let lower = [
            (self.gpu_usd * months * self.min_gpus, 0.0),
            (0.0, self.gpu_usd * load_slope),
        ];
        let upper = (
            self.gpu_usd * months * (self.min_gpus + 1.0),
            self.gpu_usd * load_slope,
        );
        (lower, upper)
    }
}

/// How a walk decides that the difference has reached the other side.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// f <= 0
    AtOrBelowZero,
    /// f < 0
    BelowZero,
}

/// The next volume at which one month of one approach needs another GPU.
#[derive(Clone, Copy, PartialEq)]
struct Step {
    at: f64,
    side: usize,
    month: usize,
}

impl Eq for Step {}

impl Ord for Step {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse for the smallest volume first.
        other.at.total_cmp(&self.at)
    }
}

impl PartialOrd for Step {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The GPU counts of one side on the current piece of the walk.
struct GpuState {
    /// ceil(load) for each month on the current piece.
    counts: Vec<f64>,
    /// sum over months of max(min_gpus, count).
    billed: f64,
}

/// The infimum of volumes t > `from` (and <= MAX_QUERIES_PER_MONTH) at which
/// `a.total(t) - b.total(t)` reaches zero or below (`BelowZero`: strictly below).
fn first_reach(a: &VolumeCurve, b: &VolumeCurve, from: f64, reach: Reach) -> Option<f64> {
    let slope = a.slope - b.slope;
    let constant = a.volume_free_usd - b.volume_free_usd;
    if !a.self_hosted() && !b.self_hosted() {
        // Linear: one piece from `from` on, nothing to walk.
        let value = constant + slope * from;
        return reach_on_piece(reach, from, MAX_QUERIES_PER_MONTH, value, slope);
    }
    let sides = [a, b];

    // Skip ahead: f >= lower_a - upper_b, so f cannot reach zero where that
    // bound is positive. The bound is the max of two lines, so the volumes where
    // it is <= 0 form one interval [window_from, window_to].
    let (a_lower, _) = a.gpu_bounds();
    let (_, b_upper) = b.gpu_bounds();
    let mut window_from = from;
    let mut window_to = MAX_QUERIES_PER_MONTH;
    for (intercept, gpu_slope) in a_lower {
        let c = constant + intercept - b_upper.0;
        let d = slope + gpu_slope - b_upper.1;
        // c + d t <= 0, widened a little against rounding in the bound.
        let slack = 1e-9 * (c.abs() + 1.0);
        if d > 0.0 {
            window_to = window_to.min((-c + slack) / d);
        } else if d < 0.0 {
            window_from = window_from.max((-c + slack) / d);
        } else if c > slack {
            return None;
        }
    }
    if window_from > window_to {
        return None;
    }
    let start = window_from.max(from);

    // Walk the pieces (q, next] on which every GPU count is constant.
    let mut states: Vec<GpuState> = Vec::with_capacity(2);
    let mut steps = BinaryHeap::new();
    for (side, curve) in sides.iter().enumerate() {
        let mut counts = Vec::with_capacity(curve.load_per_query.len());
        let mut billed = 0.0;
        if curve.self_hosted() {
            for (month, per_query) in curve.load_per_query.iter().enumerate() {
                if *per_query > 0.0 {
                    // on (start, next] the count is floor(load(start)) + 1
                    let count = (start * per_query).floor() + 1.0;
                    counts.push(count);
                    billed += count.max(curve.min_gpus);
                    steps.push(Step {
                        at: count / per_query,
                        side,
                        month,
                    });
                } else {
                    counts.push(0.0);
                    billed += curve.min_gpus;
                }
            }
        }
        states.push(GpuState { counts, billed });
    }

    let mut q = start;
    for _ in 0..MAX_STEPS {
        // Take every step at or before q (rounding in the start-up counts can
        // leave one exactly at q), so that (q, next] is a real, non-empty piece.
        while let Some(step) = steps.peek().copied() {
            if step.at > q {
                break;
            }
            steps.pop();
            let curve = sides[step.side];
            let state = &mut states[step.side];
            let old = state.counts[step.month];
            let new = old + 1.0;
            state.counts[step.month] = new;
            state.billed += new.max(curve.min_gpus) - old.max(curve.min_gpus);
            steps.push(Step {
                at: new / curve.load_per_query[step.month],
                ..step
            });
        }
        let next = steps
            .peek()
            .map_or(MAX_QUERIES_PER_MONTH, |s| s.at.min(MAX_QUERIES_PER_MONTH));
        // f(t) = value + slope * (t - q) on (q, next]
        let value =
            constant + slope * q + a.gpu_usd * states[0].billed - b.gpu_usd * states[1].billed;
        if let Some(at) = reach_on_piece(reach, q, next, value, slope) {
            return Some(at);
        }
        if next >= MAX_QUERIES_PER_MONTH || next > window_to {
            return None;
        }
        q = next;
    }
    None
}

/// On the piece (q, next] where f(t) = value + slope * (t - q): the infimum of
/// the points that reach the target, if any.
fn reach_on_piece(reach: Reach, q: f64, next: f64, value: f64, slope: f64) -> Option<f64> {
    let root = || q + value / -slope;
    match reach {
        Reach::AtOrBelowZero => {
            if value < 0.0 || (value == 0.0 && slope <= 0.0) {
                Some(q)
            } else if slope < 0.0 && root() <= next {
                Some(root())
            } else {
                None
            }
        }
        Reach::BelowZero => {
            if value < 0.0 {
                Some(q)
            } else if slope < 0.0 && root() < next {
                Some(root())
            } else {
                None
            }
        }
    }
}

/// The break-even volume of a pair: the smallest q > 0 at which the sign of
/// `a.total(q) - b.total(q)` differs from its sign at q = 0. When the totals are
/// equal at q = 0 the sign just above zero is the reference, so two approaches
/// that are merely equal at zero volume have no break-even.
pub fn break_even_volume(a: &VolumeCurve, b: &VolumeCurve) -> Option<f64> {
    let at_zero = a.total_at_zero() - b.total_at_zero();
    if at_zero > 0.0 {
        first_reach(a, b, 0.0, Reach::AtOrBelowZero)
    } else if at_zero < 0.0 {
        first_reach(b, a, 0.0, Reach::AtOrBelowZero)
    } else {
        // Equal at zero: whichever is strictly cheaper just above zero sets the
        // reference sign; the break-even is where the other catches up.
        if first_reach(a, b, 0.0, Reach::BelowZero) == Some(0.0) {
            first_reach(b, a, 0.0, Reach::AtOrBelowZero)
        } else if first_reach(b, a, 0.0, Reach::BelowZero) == Some(0.0) {
            first_reach(a, b, 0.0, Reach::AtOrBelowZero)
        } else {
            None
        }
    }
}

/// The first month m in 0..=H at which `a`'s cumulative cost is at or below
/// `b`'s, where `a` is the approach with the larger one-time cost.
pub fn payback_month(a: &[f64], b: &[f64]) -> Option<u32> {
    a.iter()
        .zip(b)
        .position(|(ca, cb)| ca <= cb)
        .map(|m| m as u32)
}

/// One band of the lower envelope: `approach` (an index) is cheapest from
/// `from` to `to` (None: without upper end).
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub approach: usize,
    pub from: f64,
    pub to: Option<f64>,
}

/// The cheapest approach for every month-1 volume in [0, infinity), as bands
/// that tile it without gaps. Ties go to the earlier approach.
pub fn cheapest_by_volume(curves: &[VolumeCurve]) -> Vec<Band> {
    if curves.is_empty() {
        return Vec::new();
    }
    let mut winner = 0;
    let mut best = curves[0].total_at_zero();
    for (index, curve) in curves.iter().enumerate().skip(1) {
        let total = curve.total_at_zero();
        if total < best {
            best = total;
            winner = index;
        }
    }
    let mut bands: Vec<Band> = Vec::new();
    // A switch closer than this to the previous one is rounding noise at a
    // near-tie: its sliver is absorbed into the next band.
    let sliver = |at: f64| 1e-9 * at.max(1.0);
    let mut band_from = 0.0;
    let mut search_from = 0.0;
    // Each switch is to a strictly cheaper approach; the cap only guards
    // against pathological inputs.
    for _ in 0..1024 {
        let mut next: Option<(f64, usize)> = None;
        for (index, curve) in curves.iter().enumerate() {
            if index == winner {
                continue;
            }
            if let Some(at) = first_reach(curve, &curves[winner], search_from, Reach::BelowZero) {
                if next.is_none_or(|(best_at, _)| at < best_at) {
                    next = Some((at, index));
                }
            }
        }
        let Some((at, index)) = next else {
            break;
        };
        if at - band_from > sliver(at) {
            push_band(&mut bands, winner, band_from, at);
            band_from = at;
        }
        winner = index;
        search_from = at;
    }
    push_band(&mut bands, winner, band_from, f64::INFINITY);
    bands
}

/// Appends a band, merging it into the previous one when the approach is the same.
fn push_band(bands: &mut Vec<Band>, approach: usize, from: f64, to: f64) {
    let to = to.is_finite().then_some(to);
    match bands.last_mut() {
        Some(last) if last.approach == approach => last.to = to,
        _ => bands.push(Band { approach, from, to }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::CostBasis;
    use crate::model::test_support::approach_from_json;

    fn params(json: &str) -> CostParams {
        CostParams::from_approach(&approach_from_json(json), CostBasis::Compute)
    }

    #[test]
    fn linear_break_even_is_the_closed_form() {
        let timeline = Timeline::new(12, 0.0);
        let cheap_setup = params(
            r#"{"id":"p","kind":"prompting","setup_usd":1000,"per_query":{"extra_usd":0.01}}"#,
        );
        let cheap_query = params(
            r#"{"id":"f","kind":"fine_tuning","setup_usd":13000,"per_query":{"extra_usd":0.002}}"#,
        );
        let a = VolumeCurve::new(&cheap_query, &timeline);
        let b = VolumeCurve::new(&cheap_setup, &timeline);
        // (13000 - 1000) / (12 * (0.01 - 0.002)) = 125,000 queries a month
        let q = break_even_volume(&a, &b).unwrap();
        assert!((q - 125_000.0).abs() < 1e-6, "{q}");
        assert!((a.total(q) - b.total(q)).abs() < 1e-6);
        // the order of the pair does not matter
        assert!((break_even_volume(&b, &a).unwrap() - q).abs() < 1e-6);
    }

    #[test]
    fn no_break_even_when_one_is_cheaper_everywhere() {
        let timeline = Timeline::new(12, 0.0);
        let worse = params(
            r#"{"id":"a","kind":"prompting","setup_usd":2000,"per_query":{"extra_usd":0.02}}"#,
        );
        let better = params(
            r#"{"id":"b","kind":"prompting","setup_usd":1000,"per_query":{"extra_usd":0.01}}"#,
        );
        let a = VolumeCurve::new(&worse, &timeline);
        let b = VolumeCurve::new(&better, &timeline);
        assert_eq!(break_even_volume(&a, &b), None);
        assert_eq!(
            cheapest_by_volume(&[a, b]),
            vec![Band {
                approach: 1,
                from: 0.0,
                to: None
            }]
        );
    }

    #[test]
    fn self_hosted_break_even_lands_on_a_gpu_step() {
        // One month; API costs $0.001 a query with no setup. Self-hosting costs
        // $1,000 a GPU-month (no token price) and a GPU serves 1,000,000 queries.
        let timeline = Timeline::new(1, 0.0);
        let api = params(
            r#"{"id":"api","kind":"prompting","setup_usd":0,"per_query":{"extra_usd":0.001}}"#,
        );
        let gpu_hour = 1000.0 / 730.0;
        let tps = 1_000_000.0 / (3600.0 * 730.0);
        let hosted = params(&format!(
            r#"{{"id":"sh","kind":"fine_tuning","setup_usd":500,
                "per_query":{{"input_tokens":1}},
                "self_hosted":{{"usd_per_gpu_hour":{gpu_hour},"tokens_per_second":{tps},"utilization":1,"min_gpus":1}}}}"#
        ));
        let a = VolumeCurve::new(&hosted, &timeline);
        let b = VolumeCurve::new(&api, &timeline);
        // At q: API = 0.001 q; hosted = 500 + 1000 * max(1, ceil(q / 1e6)).
        // hosted is dearer at 0 (1500 vs 0); API reaches 1500 at q = 1.5M, but
        // at 1.5M hosting needs 2 GPUs (2500): API reaches 2500 at 2.5M, where
        // hosting needs 3 GPUs ... never catching up because each GPU costs
        // exactly what a million API queries do, plus the $500 head start.
        assert_eq!(break_even_volume(&a, &b), None);

        // With GPUs at half the price the API line crosses inside the 1-GPU piece:
        // 0.001 q = 500 + 500 -> q = 1,000,000, exactly at the step.
        let cheaper = CostParams {
            gpu_usd_per_hour: gpu_hour / 2.0,
            ..hosted
        };
        let a = VolumeCurve::new(&cheaper, &timeline);
        let q = break_even_volume(&a, &b).unwrap();
        assert!((q - 1_000_000.0).abs() < 1e-3, "{q}");
    }

    #[test]
    fn a_gpu_jump_can_flip_the_sign_inside_a_step() {
        // API: $0.0012/query. Hosted: $1000/GPU-month, 1M queries per GPU, no
        // setup, min 0 GPUs. At 0 both cost 0; just above 0 hosting needs a GPU
        // (1000 > 0.0012 q): API cheaper. API reaches 1000 at q = 833,333.33.
        let timeline = Timeline::new(1, 0.0);
        let api = params(
            r#"{"id":"api","kind":"prompting","setup_usd":0,"per_query":{"extra_usd":0.0012}}"#,
        );
        let gpu_hour = 1000.0 / 730.0;
        let tps = 1_000_000.0 / (3600.0 * 730.0);
        let hosted = params(&format!(
            r#"{{"id":"sh","kind":"fine_tuning","setup_usd":0,
                "per_query":{{"input_tokens":1}},
                "self_hosted":{{"usd_per_gpu_hour":{gpu_hour},"tokens_per_second":{tps},"utilization":1,"min_gpus":0}}}}"#
        ));
        let a = VolumeCurve::new(&hosted, &timeline);
        let b = VolumeCurve::new(&api, &timeline);
        let q = break_even_volume(&a, &b).unwrap();
        assert!((q - 1000.0 / 0.0012).abs() < 1e-3, "{q}");
        let bands = cheapest_by_volume(&[a, b]);
        // Both cost 0 at q = 0; just above it the API is cheaper (a GPU is needed).
        assert_eq!(bands[0].approach, 1, "{bands:?}");
        assert_eq!(bands[0].from, 0.0);
        // hosting is cheaper from 833k until the second GPU at 1M
        assert_eq!(bands[1].approach, 0);
        assert!((bands[1].from - 1000.0 / 0.0012).abs() < 1e-3);
        assert!((bands[1].to.unwrap() - 1_000_000.0).abs() < 1e-3);
        // the bands alternate: adjacent bands never repeat an approach
        assert!(bands
            .windows(2)
            .all(|w| w[0].approach != w[1].approach && w[0].to == Some(w[1].from)));
        // From 5 GPUs' worth of API spend ($5000 at 4.17M) on, hosting stays
        // cheaper for good: n GPUs cost 1000n, the API 1200 per million.
        let last = bands.last().unwrap();
        assert_eq!((last.approach, last.to), (0, None));
        assert!((last.from - 5000.0 / 0.0012).abs() < 1e-3, "{bands:?}");
    }

    #[test]
    fn payback_month_is_the_first_month_at_or_below() {
        assert_eq!(
            payback_month(&[10.0, 11.0, 12.0], &[0.0, 6.0, 12.0]),
            Some(2)
        );
        assert_eq!(payback_month(&[10.0, 11.0], &[0.0, 6.0]), None);
        assert_eq!(payback_month(&[5.0, 6.0], &[5.0, 9.0]), Some(0));
    }

    #[test]
    fn envelope_switches_at_the_break_even() {
        let timeline = Timeline::new(12, 0.0);
        let prompting = params(
            r#"{"id":"p","kind":"prompting","setup_usd":1000,"per_query":{"extra_usd":0.01}}"#,
        );
        let tuned = params(
            r#"{"id":"f","kind":"fine_tuning","setup_usd":13000,"per_query":{"extra_usd":0.002}}"#,
        );
        let curves = [
            VolumeCurve::new(&prompting, &timeline),
            VolumeCurve::new(&tuned, &timeline),
        ];
        let bands = cheapest_by_volume(&curves);
        assert_eq!(bands.len(), 2);
        assert_eq!(bands[0].approach, 0);
        assert!((bands[0].to.unwrap() - 125_000.0).abs() < 1e-6);
        assert_eq!(bands[1].approach, 1);
        assert_eq!(bands[1].to, None);
    }
}
