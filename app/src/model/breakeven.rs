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
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The envelope gives up after this many switches (GPU steps can make two
/// approaches trade places many times); it then says where it stopped.
const MAX_BANDS: usize = 4096;

/// Volumes are searched up to this many queries a month.
pub const MAX_QUERIES_PER_MONTH: f64 = 1e10;

/// GPU counts stay below this so that `count + 1.0` is exact: past it a walk
/// would stop moving. A month needing 2^52 GPUs is far beyond any real plan,
/// so the searches end (answering "none") at the volume where one would.
const MAX_EXACT_GPUS: f64 = 4_503_599_627_370_496.0;

/// The GPU steps one search may take by default (see `WalkBudget`). A walk
/// only gets near it when two self-hosted approaches have almost the same slope.
pub const SEARCH_STEPS: u64 = 2_000_000;

/// How many GPU steps searches may still take. Searches that share one give
/// up together (answering "none"), so that the work of a whole analysis is
/// bounded however many pairs, bands and samples it searches: without it, a
/// valid scenario of eight near-identical self-hosted approaches took minutes.
pub struct WalkBudget {
    left: Cell<u64>,
    refusals: Cell<u64>,
}

impl WalkBudget {
    pub fn new(steps: u64) -> Self {
        WalkBudget {
            left: Cell::new(steps),
            refusals: Cell::new(0),
        }
    }

    /// Takes one step, or answers false (and remembers it) when none is left.
    fn take(&self) -> bool {
        let left = self.left.get();
        if left == 0 {
            self.refusals.set(self.refusals.get() + 1);
            return false;
        }
        self.left.set(left - 1);
        true
    }

    /// Whether a search gave up for want of steps (its "none" is then unknown).
    /// A search that used the very last step and finished did not.
    pub fn is_spent(&self) -> bool {
        self.refusals.get() > 0
    }

    /// How many times a search asked for a step it did not get: a search gave
    /// up exactly when this grew while it ran.
    pub fn refusals(&self) -> u64 {
        self.refusals.get()
    }
}

/// Who pays for the GPUs of a month: the approach itself once live, or the
/// incumbent serving its traffic before launch.
const POOLS: usize = 2;
const OWN: usize = 0;
const INCUMBENT: usize = 1;

/// The price of one pool's GPUs.
#[derive(Clone, Copy, Debug, Default)]
struct Pool {
    usd_per_gpu_month: f64,
    min_gpus: f64,
}

/// One month that bills GPUs: its load per query of month-1 volume (0 for a
/// month without tokens, which bills the minimum) and whose GPUs they are.
#[derive(Clone, Copy, Debug)]
struct GpuMonth {
    load_per_query: f64,
    pool: usize,
}

/// Total cost at the horizon as a function of month-1 volume.
#[derive(Clone, Debug)]
pub struct VolumeCurve<'a> {
    params: &'a CostParams,
    timeline: &'a Timeline,
    volume_free_usd: f64,
    slope: f64,
    /// The months that bill GPUs (none when neither side self-hosts).
    gpu_months: Vec<GpuMonth>,
    pools: [Pool; POOLS],
}

impl<'a> VolumeCurve<'a> {
    pub fn new(params: &'a CostParams, timeline: &'a Timeline) -> VolumeCurve<'a> {
        Self::with_slope(params, timeline, params.variable_slope(timeline))
    }

    /// `new`, with `params.variable_slope(timeline)` already worked out.
    pub fn with_slope(
        params: &'a CostParams,
        timeline: &'a Timeline,
        slope: f64,
    ) -> VolumeCurve<'a> {
        let launch = (params.launch_months as usize).min(timeline.horizon());
        let incumbent = &params.incumbent;
        let mut gpu_months = Vec::new();
        let mut pools = [Pool::default(); POOLS];
        if incumbent.self_hosted && launch > 0 {
            pools[INCUMBENT] = Pool {
                usd_per_gpu_month: incumbent.gpu_usd_per_month,
                min_gpus: incumbent.min_gpus,
            };
            gpu_months.extend(timeline.factors()[..launch].iter().map(|factor| GpuMonth {
                load_per_query: gpu_load(
                    *factor,
                    incumbent.tokens_per_query,
                    incumbent.gpu_tokens_per_month,
                ),
                pool: INCUMBENT,
            }));
        }
        if params.self_hosted {
            pools[OWN] = Pool {
                usd_per_gpu_month: params.gpu_usd_per_month(),
                min_gpus: f64::from(params.min_gpus),
            };
            let (tokens, capacity) = (params.tokens_per_query(), params.gpu_tokens_per_month());
            gpu_months.extend(timeline.factors()[launch..].iter().map(|factor| GpuMonth {
                load_per_query: gpu_load(*factor, tokens, capacity),
                pool: OWN,
            }));
        }
        VolumeCurve {
            params,
            timeline,
            volume_free_usd: params.volume_free_usd(timeline),
            slope,
            gpu_months,
            pools,
        }
    }

    /// This curve for `params` that differ from its own only in volume-free
    /// costs (fields of `Reach::Runs` or less): the slope and GPU months
    /// stay, so a Monte Carlo sample need not sum them again.
    pub fn repriced(&self, params: &'a CostParams) -> VolumeCurve<'a> {
        VolumeCurve {
            params,
            volume_free_usd: params.volume_free_usd(self.timeline),
            gpu_months: self.gpu_months.clone(),
            ..*self
        }
    }

    /// C(H) at month-1 volume q (the same number `CostParams::total_usd`
    /// gives, with the slope computed once).
    pub fn total(&self, q: f64) -> f64 {
        if self.params.is_steady() {
            return self.params.total_usd(self.timeline, q);
        }
        self.volume_free_usd + self.slope * q + self.params.gpu_usd(self.timeline, q)
    }

    /// C(H) at zero volume: no GPU is loaded, so each month bills its minimum.
    fn total_at_zero(&self) -> f64 {
        let mut months = [0.0; POOLS];
        for month in &self.gpu_months {
            months[month.pool] += 1.0;
        }
        let [own, incumbent] = self.pools;
        self.volume_free_usd
            + (own.usd_per_gpu_month * own.min_gpus * months[OWN]
                + incumbent.usd_per_gpu_month * incumbent.min_gpus * months[INCUMBENT])
    }

    fn self_hosted(&self) -> bool {
        !self.gpu_months.is_empty()
    }

    /// The highest month-1 volume at which every month's GPU count is still
    /// below MAX_EXACT_GPUS (and the search range's end).
    fn search_end(&self) -> f64 {
        let densest = self
            .gpu_months
            .iter()
            .map(|m| m.load_per_query)
            .fold(0.0, f64::max);
        if densest > 0.0 {
            MAX_QUERIES_PER_MONTH.min(MAX_EXACT_GPUS / densest)
        } else {
            MAX_QUERIES_PER_MONTH
        }
    }

    /// Per pool: GPUs per unit of month-1 volume summed over the loaded
    /// months, and how many months carry load (each may round up by one GPU).
    fn load_summary(&self) -> [(f64, f64); POOLS] {
        let mut summary = [(0.0, 0.0); POOLS];
        for month in self.gpu_months.iter().filter(|m| m.load_per_query > 0.0) {
            summary[month.pool].0 += month.load_per_query;
            summary[month.pool].1 += 1.0;
        }
        summary
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
    /// ceil(load) for each GPU month on the current piece (0 for unloaded months).
    counts: Vec<f64>,
    /// Per pool, sum over months of max(min_gpus, count): what is billed.
    billed: [f64; POOLS],
    /// Per pool, sum over loaded months of max(min_gpus, count) - count: GPUs
    /// billed only because of the minimum, which later load absorbs first.
    minimum_slack: [f64; POOLS],
}

/// A walk over the pieces of `a.total - b.total` on which no GPU count changes.
struct Walk<'a, 'b> {
    sides: [&'b VolumeCurve<'a>; 2],
    states: [GpuState; 2],
    steps: BinaryHeap<Step>,
    /// `load_summary` of each side, computed once per walk.
    loads: [[(f64, f64); POOLS]; 2],
}

/// Money of one side's pools: sum over pools of its price times `amount`.
fn in_usd(curve: &VolumeCurve, amount: impl Fn(usize) -> f64) -> f64 {
    curve.pools[OWN].usd_per_gpu_month * amount(OWN)
        + curve.pools[INCUMBENT].usd_per_gpu_month * amount(INCUMBENT)
}

impl<'a, 'b> Walk<'a, 'b> {
    /// The counts on the piece just after `at`.
    fn start(sides: [&'b VolumeCurve<'a>; 2], at: f64) -> Self {
        let mut steps = BinaryHeap::new();
        let states = [0, 1].map(|side| {
            let curve = sides[side];
            let mut state = GpuState {
                counts: Vec::with_capacity(curve.gpu_months.len()),
                billed: [0.0; POOLS],
                minimum_slack: [0.0; POOLS],
            };
            for (month, gpu_month) in curve.gpu_months.iter().enumerate() {
                let (per_query, pool) = (gpu_month.load_per_query, gpu_month.pool);
                let min_gpus = curve.pools[pool].min_gpus;
                if per_query > 0.0 {
                    let count = (at * per_query).floor() + 1.0;
                    state.counts.push(count);
                    state.billed[pool] += count.max(min_gpus);
                    state.minimum_slack[pool] += (min_gpus - count).max(0.0);
                    steps.push(Step {
                        at: count / per_query,
                        side,
                        month,
                    });
                } else {
                    state.counts.push(0.0);
                    state.billed[pool] += min_gpus;
                }
            }
            state
        });
        Walk {
            sides,
            states,
            steps,
            loads: sides.map(VolumeCurve::load_summary),
        }
    }

    /// Takes every step at or before q (rounding in the start-up counts can
    /// leave one exactly at q), so that (q, next_step] is a non-empty piece.
    fn step_through(&mut self, q: f64) {
        while let Some(step) = self.steps.peek().copied() {
            if step.at > q {
                break;
            }
            self.steps.pop();
            let curve = self.sides[step.side];
            let gpu_month = curve.gpu_months[step.month];
            let min_gpus = curve.pools[gpu_month.pool].min_gpus;
            let state = &mut self.states[step.side];
            let old = state.counts[step.month];
            let new = old + 1.0;
            state.counts[step.month] = new;
            state.billed[gpu_month.pool] += new.max(min_gpus) - old.max(min_gpus);
            state.minimum_slack[gpu_month.pool] -=
                (min_gpus - old).max(0.0) - (min_gpus - new).max(0.0);
            self.steps.push(Step {
                at: new / gpu_month.load_per_query,
                ..step
            });
        }
    }

    fn next_step(&self, end: f64) -> f64 {
        self.steps.peek().map_or(end, |s| s.at.min(end))
    }

    /// GPU cost of a minus GPU cost of b on the current piece.
    fn gpu_difference(&self) -> f64 {
        let [a, b] = self.states.each_ref().map(|state| state.billed);
        in_usd(self.sides[0], |pool| a[pool]) - in_usd(self.sides[1], |pool| b[pool])
    }

    /// GPUs per query summed over both sides' loaded months.
    fn total_load(&self) -> f64 {
        let [a, b] = self.loads;
        (a[OWN].0 + a[INCUMBENT].0) + (b[OWN].0 + b[INCUMBENT].0)
    }

    /// How far beyond q the difference provably stays positive, given that it is
    /// `value` on the current piece and falls by `slope` per query otherwise.
    /// From q to t each loaded month gains between (t-q)*load - 1 and
    /// (t-q)*load + 1 GPUs; a's billed GPUs never fall, b's grow by at most
    /// that, and a's grow by at least the gain minus its minimum slack.
    fn safe_distance(&self, value: f64, slope: f64) -> f64 {
        let [a, b] = self.sides;
        let [a_loads, b_loads] = self.loads;
        let slack = self.states[0].minimum_slack;
        let b_worst = in_usd(b, |pool| b_loads[pool].1);
        let b_load = in_usd(b, |pool| b_loads[pool].0);
        let a_load = in_usd(a, |pool| a_loads[pool].0);
        let lines = [
            (value - b_worst, slope - b_load),
            (
                value - b_worst - in_usd(a, |pool| a_loads[pool].1 + slack[pool]),
                slope + a_load - b_load,
            ),
        ];
        lines
            .iter()
            .map(|(c, d)| {
                if *c <= 0.0 {
                    0.0
                } else if *d >= 0.0 {
                    f64::INFINITY
                } else {
                    c / -d
                }
            })
            .fold(0.0, f64::max)
    }
}

/// The infimum of volumes t > `from` (and <= the pair's `search_end`) at which
/// `a.total(t) - b.total(t)` reaches zero or below (`BelowZero`: strictly below).
fn first_reach(
    a: &VolumeCurve,
    b: &VolumeCurve,
    from: f64,
    reach: Reach,
    budget: &WalkBudget,
) -> Option<f64> {
    let slope = a.slope - b.slope;
    let constant = a.volume_free_usd - b.volume_free_usd;
    if !a.self_hosted() && !b.self_hosted() {
        // Linear: one piece from `from` on, nothing to walk.
        let value = constant + slope * from;
        return reach_on_piece(reach, from, MAX_QUERIES_PER_MONTH, value, slope);
    }
    let end = a.search_end().min(b.search_end());
    if from >= end {
        return None;
    }
    let sides = [a, b];
    let heap_size = (a.gpu_months.len() + b.gpu_months.len()) as f64;
    let mut walk = Walk::start(sides, from);
    let mut q = from;
    while budget.take() {
        walk.step_through(q);
        let next = walk.next_step(end);
        // f(t) = value + slope * (t - q) on (q, next]
        let value = constant + slope * q + walk.gpu_difference();
        if let Some(at) = reach_on_piece(reach, q, next, value, slope) {
            return Some(at);
        }
        if next >= end {
            return None;
        }
        // Skip stretches where the difference provably stays positive, when
        // that saves more steps than restarting the walk costs.
        let safe = walk.safe_distance(value, slope);
        if safe.is_infinite() || q + safe >= end {
            return None;
        }
        if safe * walk.total_load() > 2.0 * heap_size && q + safe > next {
            q += safe * (1.0 - 1e-9);
            walk = Walk::start(sides, q);
            continue;
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
    break_even_volume_within(a, b, &WalkBudget::new(SEARCH_STEPS))
}

/// `break_even_volume`, taking its steps from `budget`.
pub fn break_even_volume_within(
    a: &VolumeCurve,
    b: &VolumeCurve,
    budget: &WalkBudget,
) -> Option<f64> {
    let at_zero = a.total_at_zero() - b.total_at_zero();
    if at_zero > 0.0 {
        first_reach(a, b, 0.0, Reach::AtOrBelowZero, budget)
    } else if at_zero < 0.0 {
        first_reach(b, a, 0.0, Reach::AtOrBelowZero, budget)
    } else {
        // Equal at zero: whichever is strictly cheaper just above zero sets the
        // reference sign; the break-even is where the other catches up.
        if first_reach(a, b, 0.0, Reach::BelowZero, budget) == Some(0.0) {
            first_reach(b, a, 0.0, Reach::AtOrBelowZero, budget)
        } else if first_reach(b, a, 0.0, Reach::BelowZero, budget) == Some(0.0) {
            first_reach(a, b, 0.0, Reach::AtOrBelowZero, budget)
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
/// that tile it without gaps (ties go to the earlier approach), and whether
/// the search covered every volume.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    pub bands: Vec<Band>,
    /// Set when the search gave up (too many switches, or its step budget ran
    /// out): the bands are exact below this volume, and the last band is only
    /// known to be cheapest where it starts.
    pub unknown_from: Option<f64>,
}

/// The lower envelope of `curves` (see `Envelope`).
pub fn cheapest_by_volume(curves: &[VolumeCurve]) -> Envelope {
    cheapest_by_volume_within(curves, &WalkBudget::new(SEARCH_STEPS))
}

/// `cheapest_by_volume`, taking its steps from `budget`.
pub fn cheapest_by_volume_within(curves: &[VolumeCurve], budget: &WalkBudget) -> Envelope {
    if curves.is_empty() {
        return Envelope {
            bands: Vec::new(),
            unknown_from: None,
        };
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
    let mut bands: Vec<Band> = Vec::with_capacity(curves.len());
    // A switch closer than this to the previous one is rounding noise at a
    // near-tie: its sliver is absorbed into the next band.
    let sliver = |at: f64| 1e-9 * at.max(1.0);
    let mut band_from = 0.0;
    let mut search_from = 0.0;
    let refusals_before = budget.refusals();
    let mut unknown_from = Some(0.0);
    for _ in 0..MAX_BANDS {
        let mut next: Option<f64> = None;
        for (index, curve) in curves.iter().enumerate() {
            if index == winner {
                continue;
            }
            let reach = first_reach(
                curve,
                &curves[winner],
                search_from,
                Reach::BelowZero,
                budget,
            );
            if let Some(at) = reach {
                next = Some(next.map_or(at, |best| best.min(at)));
            }
        }
        if budget.refusals() > refusals_before {
            // A challenger's search gave up: it may switch before `next`.
            unknown_from = Some(search_from);
            break;
        }
        let Some(at) = next else {
            unknown_from = None;
            break;
        };
        // Who is cheapest just after the switch is decided by the totals
        // themselves: near a GPU step, rounding can announce a switch that
        // does not happen, or two at the same point.
        let probe = at + sliver(at);
        let after = cheapest_at(curves, probe, winner);
        if after != winner {
            if at - band_from > sliver(at) {
                push_band(&mut bands, winner, band_from, at);
                band_from = at;
            }
            winner = after;
        }
        search_from = probe;
        unknown_from = Some(search_from);
    }
    push_band(&mut bands, winner, band_from, f64::INFINITY);
    Envelope {
        bands,
        unknown_from,
    }
}

/// The cheapest approach at volume q; `incumbent` keeps a tie.
fn cheapest_at(curves: &[VolumeCurve], q: f64, incumbent: usize) -> usize {
    let mut best = incumbent;
    let mut best_total = curves[incumbent].total(q);
    for (index, curve) in curves.iter().enumerate() {
        let total = curve.total(q);
        if total < best_total {
            best = index;
            best_total = total;
        }
    }
    best
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
    fn a_budget_is_spent_only_when_a_search_wanted_more() {
        let budget = WalkBudget::new(2);
        assert!(budget.take() && budget.take());
        assert!(!budget.is_spent(), "the last step was taken, not refused");
        assert!(!budget.take());
        assert!(budget.is_spent());
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
            Envelope {
                bands: vec![Band {
                    approach: 1,
                    from: 0.0,
                    to: None
                }],
                unknown_from: None,
            }
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

        // Out of steps, the same search gives up, and the budget says so; a
        // linear pair takes no steps and is exact on any budget.
        let starved = WalkBudget::new(0);
        assert_eq!(break_even_volume_within(&a, &b, &starved), None);
        assert_eq!(starved.refusals(), 1);
        let enough = WalkBudget::new(SEARCH_STEPS);
        assert_eq!(break_even_volume_within(&a, &b, &enough), Some(q));
        assert!(!enough.is_spent());
        let linear = VolumeCurve::new(&api, &timeline);
        let pricier = params(
            r#"{"id":"f","kind":"fine_tuning","setup_usd":1000,"per_query":{"extra_usd":0.0005}}"#,
        );
        let pricier = VolumeCurve::new(&pricier, &timeline);
        assert_eq!(
            break_even_volume_within(&pricier, &linear, &starved),
            Some(2_000_000.0)
        );
        assert_eq!(starved.refusals(), 1);
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
        let bands = cheapest_by_volume(&[a, b]).bands;
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
        let bands = cheapest_by_volume(&curves).bands;
        assert_eq!(bands.len(), 2);
        assert_eq!(bands[0].approach, 0);
        assert!((bands[0].to.unwrap() - 125_000.0).abs() < 1e-6);
        assert_eq!(bands[1].approach, 1);
        assert_eq!(bands[1].to, None);
    }
}
